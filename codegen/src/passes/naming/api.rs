//! Names of the operations' API and of the protocol functions: the client's
//! methods, the fluent builders and their waiter methods, the serializer and
//! deserializer functions of operations and shapes.

use std::collections::BTreeMap;

use crate::ir::{Model, ShapeId, ShapeKind};
use crate::Result;

use super::rules::{self, Reserved, Scope};
use super::{FnKind, OperationNames, TypeNames};

/// The client's methods and the fluent builders of every operation, and the
/// client's constructor of each resource (by resource name).
pub struct Client {
    /// By operation.
    pub operations: BTreeMap<ShapeId, OperationNames>,
    /// By resource name.
    pub constructors: BTreeMap<String, String>,
}

/// Names the client's methods, each operation's fluent builder and waiter
/// methods, and the protocol function of each operation. `resources` are
/// the resources whose constructors the client also has.
pub fn client(model: &Model, resources: &[String]) -> Result<Client> {
    let mut constructors = BTreeMap::new();
    for resource in resources {
        let place = || format!("resource {resource}");
        constructors.insert(
            resource.clone(),
            rules::checked(rules::snake(resource, &[]), place)?,
        );
    }
    // The client's own methods, then its resource constructors.
    let own: Vec<&str> = rules::CLIENT
        .names
        .iter()
        .copied()
        .chain(constructors.values().map(String::as_str))
        .collect();
    let reserved = Reserved {
        names: &own,
        ..rules::CLIENT
    };
    let mut methods = Scope::with(&[&rules::CLIENT]);
    for (resource, name) in &constructors {
        let place = || format!("resource {resource}");
        methods.declare(
            name,
            format!("the constructor of resource {resource}"),
            place,
        )?;
    }
    let mut fluents = Scope::default();
    let mut markers = Scope::default();
    let mut operations = BTreeMap::new();
    for (id, op) in &model.operations {
        let place = || format!("operation {id}");
        let owner = || format!("operation {id}");
        let method = rules::checked(rules::snake(&id.name, &[&reserved]), place)?;
        methods.declare(&method, owner(), place)?;
        let fluent = format!("{}FluentBuilder", rules::camel_case(&id.name));
        let fluent = rules::checked(fluent, place)?;
        fluents.declare(&fluent, owner(), place)?;
        let marker = rules::checked(rules::camel_case(&id.name), place)?;
        markers.declare(&marker, owner(), place)?;
        let function = rules::checked(rules::snake(&id.name, &[]), place)?;
        // The fluent builder's own methods: the input's members avoid them
        // (see `types`); its waiters must not collide with one another.
        let mut fluent_methods = Scope::with(&[&rules::FLUENT_BUILDER]);
        let mut waiters = BTreeMap::new();
        for waiter in op.waiters.keys() {
            let place = || format!("operation {id}, waiter {waiter}");
            let name = rules::checked(rules::waiter_method(waiter), place)?;
            fluent_methods.declare(&name, format!("waiter {waiter}"), place)?;
            waiters.insert(waiter.clone(), name);
        }
        let names = OperationNames {
            method,
            fluent,
            marker,
            with_token_source: format!("{function}_with_token_source"),
            function,
            waiters,
        };
        operations.insert(id.clone(), names);
    }
    Ok(Client {
        operations,
        constructors,
    })
}

/// The protocol functions of the shapes, by shape and kind, and the error
/// parsers, by error shape.
pub struct Functions {
    /// `ser_*`, `de_*`, `de_entry_*`.
    pub shapes: BTreeMap<(ShapeId, FnKind), String>,
    /// The parsers of the `errors` module.
    pub errors: BTreeMap<ShapeId, String>,
}

/// Names the serializer and deserializer functions of every structure,
/// union, list and map (`ser_<snake name>`, `de_<snake name>`, and
/// `de_entry_<snake name>` for maps), the check of every structure
/// (`check_<snake name>`) in the modules that also hold the
/// operations' functions, and the parser of every operation error in the
/// `errors` module.
pub fn functions(
    model: &Model,
    types: &BTreeMap<ShapeId, TypeNames>,
    operations: &BTreeMap<ShapeId, OperationNames>,
) -> Result<Functions> {
    let mut ser = Scope::default();
    let mut de = Scope::with(&[&rules::DESERIALIZE_MODULE]);
    let mut check = Scope::default();
    for (id, names) in operations {
        let place = || format!("operation {id}");
        ser.declare(&names.function, format!("operation {id}"), place)?;
        ser.declare(&names.with_token_source, format!("operation {id}"), place)?;
        de.declare(&names.function, format!("operation {id}"), place)?;
    }
    let mut shapes = BTreeMap::new();
    for (id, shape) in &model.shapes {
        let place = || format!("shape {id}");
        let kinds: &[FnKind] = match shape.kind {
            ShapeKind::Structure(_) => &[FnKind::Ser, FnKind::De, FnKind::Check],
            ShapeKind::Union(_) | ShapeKind::List(_) => &[FnKind::Ser, FnKind::De],
            ShapeKind::Map { .. } => &[FnKind::Ser, FnKind::De, FnKind::DeEntry],
            _ => continue,
        };
        // The snake name of the type, else of the shape.
        let base = rules::snake_case(types.get(id).map_or(&id.name, |t| &t.name));
        for kind in kinds {
            let (prefix, scope) = match kind {
                FnKind::Ser => ("ser", &mut ser),
                FnKind::De => ("de", &mut de),
                FnKind::DeEntry => ("de_entry", &mut de),
                FnKind::Check => ("check", &mut check),
            };
            let name = rules::checked(format!("{prefix}_{base}"), place)?;
            scope.declare(&name, format!("shape {id}"), place)?;
            shapes.insert((id.clone(), *kind), name);
        }
    }
    let mut errors = BTreeMap::new();
    let mut scope = Scope::default();
    for id in model.operations.values().flat_map(|op| &op.errors) {
        if errors.contains_key(id) {
            continue;
        }
        let place = || format!("shape {id}");
        let name = rules::checked(rules::snake(&id.name, &[]), place)?;
        scope.declare(&name, format!("shape {id}"), place)?;
        errors.insert(id.clone(), name);
    }
    Ok(Functions { shapes, errors })
}
