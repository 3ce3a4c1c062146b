//! boto3 resources (`resources-1.json`) to IR.
//!
//! Service actions, and per resource its identifiers, shape, load, actions
//! and waiters. Relations (`has`, `hasMany`), batch actions and
//! sub-resources are not lowered yet.

use std::collections::BTreeMap;

use crate::input::botocore::OrderedMap;
use crate::input::resources::{
    ActionDef, ParamDef, RequestDef, ResourceDef, ResourceRefDef, ResourcesDocument,
};
use crate::ir::{self, ParamSource};
use crate::{Error, Result};

/// Lowers a parsed resources document.
pub fn lower(doc: &ResourcesDocument) -> Result<ir::ResourceModel> {
    let service_actions = match doc.service.as_ref().and_then(|s| s.actions.as_ref()) {
        Some(actions) => lower_actions(actions, "service")?,
        None => BTreeMap::new(),
    };
    let mut resources = BTreeMap::new();
    for (name, def) in doc.resources.iter().flat_map(OrderedMap::iter) {
        resources.insert(name.to_string(), resource(name, def)?);
    }
    Ok(ir::ResourceModel {
        service_actions,
        resources,
    })
}

fn resource(name: &str, def: &ResourceDef) -> Result<ir::Resource> {
    let identifiers = def
        .identifiers
        .iter()
        .flatten()
        .map(|i| ir::ResourceIdentifier {
            name: i.name.clone(),
            member_name: i.member_name.clone(),
        })
        .collect();
    let load = match &def.load {
        Some(load) => Some(ir::ResourceLoad {
            request: request(&load.request).map_err(|e| e.at(format!("resource {name}, load")))?,
            // No path means the whole response, which JMESPath spells `@`.
            path: load.path.clone().unwrap_or_else(|| "@".to_string()),
        }),
        None => None,
    };
    let actions = match &def.actions {
        Some(actions) => lower_actions(actions, &format!("resource {name}"))?,
        None => BTreeMap::new(),
    };
    let mut waiters = BTreeMap::new();
    for (waiter_name, w) in def.waiters.iter().flat_map(OrderedMap::iter) {
        let params = params(&w.params)
            .map_err(|e| e.at(format!("resource {name}, waiter {waiter_name}")))?;
        let waiter = ir::ResourceWaiter {
            waiter_name: w.waiter_name.clone(),
            params,
            path: w.path.clone(),
        };
        waiters.insert(waiter_name.to_string(), waiter);
    }
    Ok(ir::Resource {
        name: name.to_string(),
        identifiers,
        shape: def.shape.clone(),
        load,
        actions,
        waiters,
    })
}

/// Actions of the service or of a resource; `owner` starts the place of an
/// error (`service`, `resource Image`).
fn lower_actions(
    actions: &OrderedMap<ActionDef>,
    owner: &str,
) -> Result<BTreeMap<String, ir::ResourceAction>> {
    let mut lowered = BTreeMap::new();
    for (name, def) in actions.iter() {
        let action = action(def).map_err(|e| e.at(format!("{owner}, action {name}")))?;
        lowered.insert(name.to_string(), action);
    }
    Ok(lowered)
}

fn action(def: &ActionDef) -> Result<ir::ResourceAction> {
    Ok(ir::ResourceAction {
        request: request(&def.request)?,
        resource: def.resource.as_ref().map(resource_ref).transpose()?,
        path: def.path.clone(),
    })
}

fn resource_ref(def: &ResourceRefDef) -> Result<ir::ResourceRef> {
    Ok(ir::ResourceRef {
        type_name: def.type_name.clone(),
        identifiers: params(&def.identifiers)?,
        path: def.path.clone(),
    })
}

fn request(def: &RequestDef) -> Result<ir::ResourceRequest> {
    Ok(ir::ResourceRequest {
        operation: def.operation.clone(),
        params: params(&def.params)?,
    })
}

fn params(defs: &Option<Vec<ParamDef>>) -> Result<Vec<ir::ResourceParam>> {
    defs.iter().flatten().map(param).collect()
}

fn param(def: &ParamDef) -> Result<ir::ResourceParam> {
    let missing = |field: &str| {
        Error::new(format!(
            "parameter `{}` with source `{}` has no `{field}`",
            def.target, def.source
        ))
    };
    let text = |field: &Option<String>, name: &str| field.clone().ok_or_else(|| missing(name));
    let value = def.value.as_ref();
    let source = match def.source.as_str() {
        "identifier" => ParamSource::Identifier(text(&def.name, "name")?),
        "data" => ParamSource::Data(text(&def.path, "path")?),
        "requestParameter" => ParamSource::RequestParameter(text(&def.path, "path")?),
        "response" => ParamSource::Response(text(&def.path, "path")?),
        "string" => ParamSource::String(
            value
                .and_then(|v| v.as_str())
                .ok_or_else(|| missing("string value"))?
                .to_string(),
        ),
        "integer" => ParamSource::Integer(
            value
                .and_then(|v| v.as_i64())
                .ok_or_else(|| missing("integer value"))?,
        ),
        "boolean" => ParamSource::Boolean(
            value
                .and_then(|v| v.as_bool())
                .ok_or_else(|| missing("boolean value"))?,
        ),
        "input" => ParamSource::Input,
        other => {
            return Err(Error::new(format!(
                "parameter `{}` has unknown source `{other}`",
                def.target
            )))
        }
    };
    Ok(ir::ResourceParam {
        target: def.target.clone(),
        source,
    })
}
