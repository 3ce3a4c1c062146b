//! The generator end to end: snapshots of what it emits, the obstacle-course
//! model compiled for real, the `--check` logic, bad models, determinism,
//! and the full EC2 model.

use std::fs;
use std::path::Path;

use codegen::{Config, Files, SourceFile};
use tests::compile::assert_compiles_cleanly;
use tests::reference;

fn obstacles() -> (codegen::ir::Model, Config) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/obstacles.json");
    let text = fs::read_to_string(path).unwrap();
    let model = codegen::load_smithy(SourceFile {
        name: "obstacles.json",
        text: &text,
    })
    .unwrap();
    let config = Config {
        crate_name: "obstacles".into(),
        crate_version: "0.0.0".into(),
        description: "The obstacle course.".into(),
        service: None,
        operations: vec![
            "DoThing".into(),
            "DoThingAgain".into(),
            "ListObstacles".into(),
            "Other".into(),
        ],
        resources: vec![],
        examples: vec![],
    };
    (model, config)
}

fn generate_obstacles() -> Files {
    let (model, config) = obstacles();
    codegen::generate(&model, &Default::default(), &config, &tests::runtime_path()).unwrap()
}

/// The generated Rust files.
fn model_files(files: &Files) -> impl Iterator<Item = (&String, &String)> {
    files.iter().filter(|(path, _)| path.ends_with(".rs"))
}

#[test]
fn obstacle_course_snapshots() {
    let files = generate_obstacles();
    for (path, text) in model_files(&files) {
        let name = format!("obstacles__{}", path.replace(['/', '.'], "_"));
        insta::assert_snapshot!(name, text);
    }
}

/// Input members named like the fluent builder's own methods (`Send`,
/// `AsInput`, `IntoPaginator`, `WaitUntilObstaclesReady`, `SetSend`) get a
/// `_` and keep their plain setter; the builder's methods stay as they are.
/// The fluent builder is the input's builder: its setters are in the types
/// module, its sending methods in the client's.
#[test]
fn members_named_like_the_generated_api_do_not_take_its_methods() {
    let files = generate_obstacles();
    let api = format!(
        "{}{}",
        files["src/client.rs"], files["src/types/structures.rs"]
    );
    for method in [
        "fn send(",
        "fn into_paginator(self)",
        "fn wait_until_obstacles_ready(self)",
        "fn send_(",
        "fn set_send(",
        "fn as_input_(",
        "fn into_paginator_(",
        "fn wait_until_obstacles_ready_(",
        "fn set_send_(",
        "fn set_set_send(",
        "fn build_(",
        "fn builder(",
        "fn customize(",
    ] {
        assert!(
            api.contains(&format!("pub {method}")),
            "no `{method}` in client.rs or structures.rs"
        );
    }
}

/// Two operations with one input structure (Redshift's `AddPartner` and
/// `DeletePartner`) each get a fluent builder of their own, whose `send()`
/// sends that operation: the input's builder holding a sender marked with
/// the operation. The crate compiles (`obstacle_course_compiles_without_warnings`).
#[test]
fn operations_sharing_an_input_have_fluent_builders_of_their_own() {
    let files = generate_obstacles();
    let client = files["src/client.rs"].replace(char::is_whitespace, "");
    for op in ["DoThing", "DoThingAgain"] {
        let alias = format!(
            "pubtype{op}FluentBuilder=crate::types::DoThingRequestBuilder<Sender<operations::{op}>"
        );
        assert!(client.contains(&alias), "no `{alias}` in client.rs");
        assert!(
            client.contains(&format!("impl{op}FluentBuilder{{")),
            "no methods of {op}FluentBuilder"
        );
        assert!(
            client.contains(&format!("pubenum{op}{{}}")),
            "no marker {op}"
        );
    }
    let structures = &files["src/types/structures.rs"];
    assert!(structures.contains("pub struct DoThingRequestBuilder<C = ()> {"));
}

/// The data types of a generated file: structs with their fields, enums
/// with their variants; no attributes, builders or impls (they follow from
/// these). Small enough to review when the model changes.
fn outline(text: &str) -> String {
    let mut file = syn::parse_file(text).unwrap();
    file.attrs.clear();
    file.items.retain_mut(|item| match item {
        syn::Item::Struct(s) if !s.ident.to_string().ends_with("Builder") => {
            s.attrs.clear();
            s.fields.iter_mut().for_each(|f| f.attrs.clear());
            true
        }
        syn::Item::Enum(e) => {
            e.attrs.clear();
            e.variants.iter_mut().for_each(|v| {
                v.attrs.clear();
                v.fields.iter_mut().for_each(|f| f.attrs.clear());
            });
            true
        }
        _ => false,
    });
    prettyplease::unparse(&file)
}

/// Every crate of `model/`.
fn crates() -> Vec<xtask::paths::CratePaths> {
    let root = reference::workspace_root();
    let mut names: Vec<String> = fs::read_dir(root.join("model"))
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            e.path()
                .join("config.json")
                .exists()
                .then(|| e.file_name().into_string().unwrap())
        })
        .collect();
    names.sort();
    assert!(names.len() >= 3, "{names:?}");
    names
        .iter()
        .map(|n| xtask::paths::CratePaths::new(n).unwrap())
        .collect()
}

#[test]
fn real_model_api_outline() {
    let root = reference::workspace_root();
    for krate in crates() {
        let files = xtask::codegen::generate(&root, &krate).unwrap();
        let prefix = krate.name().replace('-', "_");
        for path in [
            "src/types/structures.rs",
            "src/types/enums.rs",
            "src/errors.rs",
        ] {
            let Some(text) = files.get(path) else {
                continue;
            };
            let name = format!("{prefix}__{}", path.replace(['/', '.'], "_"));
            insta::assert_snapshot!(name, outline(text));
        }
    }
}

#[test]
fn obstacle_course_compiles_without_warnings() {
    assert_compiles_cleanly(&generate_obstacles(), "the obstacle course");
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generate_obstacles(), generate_obstacles());
    let root = reference::workspace_root();
    assert_eq!(
        xtask::codegen::generate(&root, &tests::ec2_images()).unwrap(),
        xtask::codegen::generate(&root, &tests::ec2_images()).unwrap()
    );
}

#[test]
fn every_generated_rust_file_starts_with_the_preamble() {
    for (path, text) in generate_obstacles() {
        if path.ends_with(".rs") {
            assert!(
                text.starts_with("// Code generated") || text.starts_with("// Copied by"),
                "{path}"
            );
        }
    }
}

#[test]
fn the_model_config_lists_the_image_operations() {
    let root = reference::workspace_root();
    let text = fs::read_to_string(root.join("model/ec2-images/config.json")).unwrap();
    let config = Config::parse(SourceFile {
        name: "model/ec2-images/config.json",
        text: &text,
    })
    .unwrap();
    let expected: Vec<&str> = tests::IMAGE_OPERATIONS
        .into_iter()
        .chain(tests::TAG_OPERATIONS)
        .collect();
    assert_eq!(config.operations, expected);
}

#[test]
fn checked_in_crate_is_fresh() {
    let root = reference::workspace_root();
    for krate in crates() {
        let files = xtask::codegen::generate(&root, &krate).unwrap();
        let dir = root.join("generated").join(krate.name());
        let stale = xtask::codegen::stale_files(&files, &dir).unwrap();
        assert!(
            stale.is_empty(),
            "generated/{}/ is stale; run `cargo xtask codegen`:\n{}",
            krate.name(),
            stale.join("\n")
        );
    }
}

#[test]
fn check_names_changed_missing_and_extra_files() {
    let files = generate_obstacles();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let first = xtask::codegen::write(&files, out).unwrap();
    assert_eq!(first.written, files.len());
    assert!(xtask::codegen::stale_files(&files, out).unwrap().is_empty());

    fs::write(out.join("src/lib.rs"), "// edited by hand\n").unwrap();
    fs::remove_file(out.join("src/types/enums.rs")).unwrap();
    fs::create_dir_all(out.join("src/old")).unwrap();
    fs::write(out.join("src/old/gone.rs"), "").unwrap();
    assert_eq!(
        xtask::codegen::stale_files(&files, out).unwrap(),
        [
            "src/lib.rs (changed)",
            "src/old/gone.rs (no longer generated)",
            "src/types/enums.rs (missing)",
        ]
    );

    let second = xtask::codegen::write(&files, out).unwrap();
    assert_eq!((second.written, second.removed), (2, 1));
    assert!(xtask::codegen::stale_files(&files, out).unwrap().is_empty());
    assert!(
        !out.join("src/old").exists(),
        "an emptied directory is removed"
    );
}

/// A workspace root with a crate `obstacles` whose model/obstacles/service.json
/// is `model` and whose generated/obstacles/ holds one file.
fn scratch_root(model: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (_, config) = obstacles();
    fs::create_dir_all(dir.path().join("model/obstacles")).unwrap();
    fs::create_dir_all(dir.path().join("generated/obstacles")).unwrap();
    fs::write(
        dir.path().join("model/obstacles/config.json"),
        config.to_json(),
    )
    .unwrap();
    fs::write(dir.path().join("model/obstacles/service.json"), model).unwrap();
    fs::write(
        dir.path().join("generated/obstacles/Cargo.toml"),
        "untouched",
    )
    .unwrap();
    dir
}

fn assert_untouched(root: &Path) {
    let entries: Vec<_> = fs::read_dir(root.join("generated/obstacles"))
        .unwrap()
        .collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        fs::read_to_string(root.join("generated/obstacles/Cargo.toml")).unwrap(),
        "untouched"
    );
}

#[test]
fn malformed_model_is_reported_with_line_and_column_and_nothing_is_written() {
    let root = scratch_root("{\n  \"smithy\": \"2.0\",\n  \"shapes\": {,}\n}\n");
    let err = xtask::codegen::run_at(root.path(), false, None).unwrap_err();
    assert!(
        err.starts_with("model/obstacles/service.json:3:14:"),
        "{err}"
    );
    assert_untouched(root.path());
}

/// The obstacle course with one edit made to its JSON.
fn edited_fixture(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/obstacles.json");
    let mut model: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    edit(&mut model["shapes"]);
    serde_json::to_string_pretty(&model).unwrap()
}

#[test]
fn model_errors_name_the_place_and_nothing_is_written() {
    let ns = "com.example.obstacles";
    let cases: Vec<(String, &str)> = vec![
        (
            edited_fixture(|s| s[format!("{ns}#Box")]["members"]["Inner"]["target"] = format!("{ns}#Missing").into()),
            "shape com.example.obstacles#Box, member Inner: targets com.example.obstacles#Missing, which is not in the model",
        ),
        (
            edited_fixture(|s| s[format!("{ns}#Level")]["type"] = "intEnumeration".into()),
            "shape com.example.obstacles#Level",
        ),
        (
            edited_fixture(|s| {
                let traits = s[format!("{ns}#Obstacles")]["traits"].as_object_mut().unwrap();
                traits.remove("aws.protocols#ec2Query");
                traits.insert("aws.protocols#awsJson1_0".into(), serde_json::json!({}));
            }),
            "service com.example.obstacles#Obstacles: the service speaks the json protocol (aws.protocols#awsJson1_0); this generator emits only the EC2 query and AWS query protocols",
        ),
        (
            edited_fixture(|s| {
                s[format!("{ns}#node")] = serde_json::json!({"type": "structure", "members": {}});
                s[format!("{ns}#DoThingResult")]["members"]["Lower"] = serde_json::json!({"target": format!("{ns}#node")});
            }),
            "shape com.example.obstacles#node: its Rust name `Node` collides with shape com.example.obstacles#Node; rename one of them in the model",
        ),
    ];
    for (model, expected) in cases {
        let root = scratch_root(&model);
        let err = match xtask::codegen::run_at(root.path(), false, None) {
            Ok(_) => panic!("no error for {expected:?}"),
            Err(err) => err,
        };
        assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
        assert_untouched(root.path());
    }
}

#[test]
fn full_ec2_model_loads_slices_names_and_renders() {
    let Some(reference) = reference::dir("full_ec2_model_loads_slices_names_and_renders") else {
        return;
    };
    let dir = reference.join("botocore-1.44.5/ec2");
    let model = xtask::models::load_botocore_dir(&dir).unwrap();
    assert_eq!(model.operations.len(), 830);
    let all: Vec<String> = model
        .operations
        .values()
        .map(|op| op.id.name.clone())
        .collect();
    let sliced = codegen::passes::closure::slice(&model, &all).unwrap();
    let names = codegen::passes::naming::assign(&sliced).unwrap();
    let types = names.types().count();
    assert!(types > 3000, "{types} types");
    let config = Config {
        crate_name: "ec2".into(),
        crate_version: "0.0.0".into(),
        description: "All of EC2.".into(),
        service: None,
        operations: all,
        resources: vec![],
        examples: vec![],
    };
    let files =
        codegen::generate(&model, &Default::default(), &config, &tests::runtime_path()).unwrap();
    let lines: usize = files.values().map(|f| f.lines().count()).sum();
    eprintln!(
        "the whole EC2 model renders to {} files, {lines} lines",
        files.len()
    );
    assert!(files["src/types/structures.rs"].contains("pub struct Instance {"));
}

/// Beyond the image operations: a crate of instance, volume, snapshot and
/// tag operations with their paginators, waiters (`InstanceRunning`'s
/// `Reservations[].Instances[].State.Name`...) and boto3 resources (load
/// paths like `Reservations[0].Instances[0]`, actions binding the resource's
/// data, `Filters[0].Values[0]`, `RunInstances` returning a list of
/// instances) generates and compiles cleanly.
#[test]
fn instance_operations_and_resources_compile() {
    let Some(reference) = reference::dir("instance_operations_and_resources_compile") else {
        return;
    };
    let model = xtask::models::load_botocore_dir(&reference.join("botocore-1.44.5/ec2")).unwrap();
    let resources_path = reference.join("boto3-1.44.5/ec2/resources-1.json");
    let text = fs::read_to_string(&resources_path).unwrap();
    let resources = codegen::load_resources(SourceFile {
        name: "resources-1.json",
        text: &text,
    })
    .unwrap();
    let operations = [
        "DescribeInstances",
        "RunInstances",
        "TerminateInstances",
        "StartInstances",
        "StopInstances",
        "RebootInstances",
        "MonitorInstances",
        "GetConsoleOutput",
        "DescribeInstanceStatus",
        "DescribeVolumes",
        "CreateVolume",
        "DeleteVolume",
        "AttachVolume",
        "DetachVolume",
        "DescribeVolumeStatus",
        "DescribeSnapshots",
        "CreateSnapshot",
        "DeleteSnapshot",
        "CreateTags",
        "DeleteTags",
        "DescribeTags",
        "DescribeNetworkInterfaces",
        "DetachNetworkInterface",
        "DescribeImages",
    ];
    let config = Config {
        crate_name: "ec2-instances".into(),
        crate_version: "0.0.0".into(),
        description: "Instances, volumes, snapshots and tags.".into(),
        service: None,
        operations: operations.map(String::from).to_vec(),
        resources: [
            "Instance",
            "Volume",
            "Snapshot",
            "Tag",
            "NetworkInterface",
            "Image",
        ]
        .map(String::from)
        .to_vec(),
        examples: vec![],
    };
    let files = codegen::generate(&model, &resources, &config, &tests::runtime_path()).unwrap();
    let resources_rs = &files["src/resources.rs"];
    assert!(resources_rs.contains("pub async fn send_for_instances("));
    // Every resource's `CreateTags` returns `Tag`s made from the request:
    // one method on the operation's builder.
    assert_eq!(
        resources_rs.matches("pub async fn send_for_tags(").count(),
        1
    );
    assert!(
        resources_rs.contains("pub async fn detach(\n        &mut self,"),
        "NetworkInterface.Detach binds data"
    );
    assert!(files["src/waiters.rs"].contains("pub const INSTANCE_RUNNING"));
    assert_compiles_cleanly(&files, "the instance operations");
}
