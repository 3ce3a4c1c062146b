//! Hostile and unusual models: each gives a clear error naming the place,
//! never a crash, and `import` writes nothing for a model `codegen` would
//! refuse. Models are built here, small, from a botocore skeleton.

use std::fs;
use std::path::Path;

use codegen::{BotocoreFiles, Config, SourceFile};
use serde_json::{json, Value};
use xtask::paths::CratePaths;

/// A botocore EC2-query service with one operation `Op` (input `Req`,
/// output `Res`) and the given shapes added to `Req`, `Res` and `S`.
fn botocore(shapes: Value) -> Value {
    let mut all = json!({
        "Req": {"type": "structure", "members": {"A": {"shape": "S"}}},
        "Res": {"type": "structure", "members": {"A": {"shape": "S", "locationName": "a"}}},
        "S": {"type": "string"},
    });
    for (k, v) in shapes.as_object().unwrap() {
        all[k] = v.clone();
    }
    json!({
        "version": "2.0",
        "metadata": {
            "apiVersion": "2020-01-01", "endpointPrefix": "t", "protocol": "ec2",
            "serviceId": "T", "signatureVersion": "v4", "uid": "t-2020-01-01",
            "xmlNamespace": "http://t/"
        },
        "operations": {
            "Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"},
                   "input": {"shape": "Req"}, "output": {"shape": "Res"}}
        },
        "shapes": all,
    })
}

/// The model of [`botocore`]`(shapes)`, lowered.
fn lower(shapes: Value) -> codegen::ir::Model {
    let text = botocore(shapes).to_string();
    codegen::load_botocore(BotocoreFiles {
        service: SourceFile {
            name: "service-2.json",
            text: &text,
        },
        paginators: None,
        waiters: None,
    })
    .unwrap()
}

fn config(operations: &[&str]) -> Config {
    Config {
        crate_name: "hostile".into(),
        crate_version: "0.1.0".into(),
        description: "Hostile models.".into(),
        service: None,
        operations: operations.iter().map(|s| s.to_string()).collect(),
        resources: Vec::new(),
        examples: Vec::new(),
    }
}

fn generate(model: &Value) -> Result<codegen::Files, String> {
    generate_with(model, "../rt")
}

fn generate_with(model: &Value, runtime: &str) -> Result<codegen::Files, String> {
    let text = model.to_string();
    let model = codegen::load_botocore(BotocoreFiles {
        service: SourceFile {
            name: "service-2.json",
            text: &text,
        },
        paginators: None,
        waiters: None,
    })
    .map_err(|e| e.to_string())?;
    codegen::generate(&model, &Default::default(), &config(&["Op"]), runtime)
        .map_err(|e| e.to_string())
}

/// A model whose output member `L` is `depth` lists nested in one another.
fn nested_lists(depth: usize, map_every: usize) -> Value {
    let mut shapes = json!({
        "Req": {"type": "structure", "members": {"L": {"shape": "L0"}}},
        "Res": {"type": "structure", "members": {"L": {"shape": "L0", "locationName": "l"}}},
    });
    for i in 0..depth {
        let next = if i + 1 < depth {
            format!("L{}", i + 1)
        } else {
            "S".into()
        };
        shapes[format!("L{i}")] = if map_every > 0 && i % map_every == map_every - 1 {
            json!({"type": "map", "key": {"shape": "S"}, "value": {"shape": next}})
        } else {
            json!({"type": "list", "member": {"shape": next, "locationName": "item"}})
        };
    }
    botocore(shapes)
}

#[test]
fn a_list_of_itself_is_an_error_naming_the_shape() {
    let model = botocore(json!({
        "Res": {"type": "structure", "members": {"Me": {"shape": "Me"}}},
        "Me": {"type": "list", "member": {"shape": "Me"}},
    }));
    let err = generate(&model).unwrap_err();
    assert!(err.contains("shape com.amazonaws.t#Me"), "{err}");
    assert!(
        err.contains("through lists and maps only (Me -> Me)"),
        "{err}"
    );
}

#[test]
fn a_map_of_lists_of_itself_is_an_error_naming_the_cycle() {
    let model = botocore(json!({
        "Req": {"type": "structure", "members": {"M": {"shape": "M"}}},
        "M": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "Ms"}},
        "Ms": {"type": "list", "member": {"shape": "M"}},
    }));
    let err = generate(&model).unwrap_err();
    assert!(err.contains("M -> Ms -> M"), "{err}");
    assert!(err.contains("no Rust type"), "{err}");
}

#[test]
fn recursion_through_a_structure_is_fine() {
    let model = botocore(json!({
        "Res": {"type": "structure", "members": {"T": {"shape": "Tree"}}},
        "Tree": {"type": "structure", "members": {"Kids": {"shape": "Trees"}}},
        "Trees": {"type": "list", "member": {"shape": "Tree"}},
    }));
    generate(&model).unwrap();
}

#[test]
fn an_operation_input_that_is_not_a_structure_is_named() {
    let mut model = botocore(json!({}));
    model["operations"]["Op"]["input"]["shape"] = json!("S");
    let err = generate(&model).unwrap_err();
    assert!(err.contains("operation com.amazonaws.t#Op"), "{err}");
    assert!(
        err.contains("its input com.amazonaws.t#S is a string, not a structure"),
        "{err}"
    );
    let mut model = botocore(json!({"Ls": {"type": "list", "member": {"shape": "S"}}}));
    model["operations"]["Op"]["output"]["shape"] = json!("Ls");
    let err = generate(&model).unwrap_err();
    assert!(
        err.contains("its output com.amazonaws.t#Ls is a list"),
        "{err}"
    );
}

#[test]
fn lists_nested_too_deep_are_an_error() {
    let depth = codegen::passes::validate::MAX_COLLECTION_DEPTH + 1;
    let err = generate(&nested_lists(depth, 0)).unwrap_err();
    assert!(err.contains("nested"), "{err}");
    assert!(err.contains("at most"), "{err}");
}

/// The bytes of the crate's files (types, protocol and client).
fn crate_size(files: &codegen::Files) -> usize {
    files.values().map(|text| text.len()).sum()
}

#[test]
fn generated_code_grows_linearly_with_nesting_depth() {
    let at = |depth| crate_size(&generate(&nested_lists(depth, 3)).unwrap());
    let (d8, d16, d32) = (at(8), at(16), at(32));
    // Linear: each doubling of the depth adds about as much as the one
    // before (quadratic growth would add twice as much).
    let first = d16 - d8;
    let second = d32 - d16;
    assert!(
        second * 10 <= first * 23,
        "8: {d8} B, 16: {d16} B, 32: {d32} B"
    );
}

#[test]
fn nested_lists_and_maps_compile_without_warnings() {
    // Deep enough for clippy's `type_complexity`, had the types spelled
    // out every level (nested lists and maps are named by aliases); an enum
    // so that `types` uses one; structures whose types are named like the
    // type parameters of the serde impls (`S`, `D`).
    let mut model = nested_lists(12, 2);
    model["shapes"]["E"] = json!({"type": "string", "enum": ["a", "b"]});
    model["shapes"]["Res"]["members"]["E"] = json!({"shape": "E"});
    model["shapes"]["Str"] = json!({"type": "string"});
    for name in ["D", "s"] {
        model["shapes"][name] = json!({"type": "structure", "members": {"X": {"shape": "Str"}}});
        model["shapes"]["Res"]["members"][name] = json!({"shape": name});
    }
    let files = generate_with(&model, &tests::runtime_path()).unwrap();
    let de = &files["src/protocol/deserialize.rs"];
    assert!(de.contains("pub mod nested"), "{de}");
    let types = &files["src/types/structures.rs"];
    assert!(
        types.contains("pub type "),
        "no alias of a nested list: {types}"
    );
    let dir = tempfile::tempdir().unwrap();
    xtask::codegen::write(&files, dir.path()).unwrap();
    let manifest = dir.path().join("Cargo.toml");
    let mut toml = fs::read_to_string(&manifest).unwrap();
    toml.push_str("\n[workspace]\n");
    fs::write(&manifest, toml).unwrap();
    let target = tests::reference::workspace_root().join("target/fixture-crates");
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "clippy",
            "--quiet",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(dir.path())
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "does not compile cleanly:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_deep_chain_of_structures_does_not_exhaust_the_stack() {
    let mut shapes = json!({
        "Res": {"type": "structure", "members": {"N": {"shape": "N0"}}},
    });
    let depth = 50_000;
    for i in 0..depth {
        let next = if i + 1 < depth {
            format!("N{}", i + 1)
        } else {
            "N0".into()
        };
        shapes[format!("N{i}")] =
            json!({"type": "structure", "members": {"Next": {"shape": next}}});
    }
    let model = lower(shapes);
    let boxed = codegen::passes::boxing::boxed_members(&model);
    // The one edge that closes the cycle, back to N0.
    assert_eq!(boxed.len(), 1, "{boxed:?}");
}

/// A scratch workspace with `model/hostile/config.json` and a botocore
/// directory holding `model` as `service-2.json`.
fn import(model: &Value, operations: &[&str]) -> (tempfile::TempDir, Result<(), String>) {
    let root = tempfile::tempdir().unwrap();
    let krate = CratePaths::new("hostile").unwrap();
    let config = config(operations);
    fs::create_dir_all(root.path().join(krate.model_dir())).unwrap();
    fs::write(root.path().join(krate.config()), config.to_json()).unwrap();
    let botocore = root.path().join("botocore");
    fs::create_dir_all(&botocore).unwrap();
    fs::write(botocore.join("service-2.json"), model.to_string()).unwrap();
    let result = xtask::import::import(root.path(), &krate, &config, &botocore, None);
    (root, result)
}

/// Only `config.json` is in `model/hostile/`, as it was before import.
fn assert_nothing_written(root: &Path) {
    let names: Vec<String> = fs::read_dir(root.join("model/hostile"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["config.json"]);
}

#[test]
fn import_of_a_model_codegen_refuses_writes_nothing() {
    for (model, expect) in [
        (
            botocore(json!({
                "Res": {"type": "structure", "members": {"Me": {"shape": "Me"}}},
                "Me": {"type": "list", "member": {"shape": "Me"}},
            })),
            "shape com.amazonaws.t#Me",
        ),
        (
            {
                let mut m = botocore(json!({}));
                m["operations"]["Op"]["input"]["shape"] = json!("S");
                m
            },
            "not a structure",
        ),
        (
            // Two shapes whose Rust type names collide (members that collide
            // are told apart by a suffix; types are not renamed silently).
            botocore(json!({
                "Req": {"type": "structure", "members": {
                    "A": {"shape": "Thing"}, "B": {"shape": "thing"}
                }},
                "Thing": {"type": "structure", "members": {"A": {"shape": "S"}}},
                "thing": {"type": "structure", "members": {"A": {"shape": "S"}}},
            })),
            "its Rust name `Thing` collides with shape",
        ),
    ] {
        let (root, result) = import(&model, &["Op"]);
        let err = result.unwrap_err();
        assert!(err.contains("botocore/service-2.json"), "{err}");
        assert!(err.contains(expect), "{err}");
        assert_nothing_written(root.path());
    }
}

#[test]
fn import_refuses_what_would_not_load_back() {
    // A shape name the Smithy loader refuses.
    let model = botocore(json!({
        "Res": {"type": "structure", "members": {"D": {"shape": "O$"}}},
        "O$": {"type": "structure", "members": {}},
    }));
    let (root, result) = import(&model, &["Op"]);
    let err = result.unwrap_err();
    assert!(err.contains("botocore/service-2.json"), "{err}");
    assert!(err.contains("O$"), "{err}");
    assert_nothing_written(root.path());

    // An operation named like a shape: one Smithy document cannot hold both.
    let model = botocore(json!({
        "Res": {"type": "structure", "members": {"D": {"shape": "Op"}}},
        "Op": {"type": "structure", "members": {}},
    }));
    let (root, result) = import(&model, &["Op"]);
    let err = result.unwrap_err();
    assert!(err.contains("com.amazonaws.t#Op"), "{err}");
    assert!(err.contains("load back"), "{err}");
    assert_nothing_written(root.path());
}

#[test]
fn import_of_a_good_model_writes_one_that_generates() {
    let (root, result) = import(&nested_lists(3, 2), &["Op"]);
    result.unwrap();
    let text = fs::read_to_string(root.path().join("model/hostile/service.json")).unwrap();
    let model = codegen::load_smithy(SourceFile {
        name: "service.json",
        text: &text,
    })
    .unwrap();
    codegen::generate(&model, &Default::default(), &config(&["Op"]), "../rt").unwrap();
}

#[test]
fn large_nested_structures_are_boxed_except_in_inputs_and_outputs() {
    // `Big` is six strings (144 bytes inline), `Small` two (48).
    let strings = |n: usize| {
        let members: serde_json::Map<String, Value> = (0..n)
            .map(|i| (format!("M{i}"), json!({"shape": "S"})))
            .collect();
        json!({"type": "structure", "members": members})
    };
    let model = lower(json!({
        "Res": {"type": "structure", "members": {
            "Items": {"shape": "Items"}, "Big": {"shape": "Big"}
        }},
        "Items": {"type": "list", "member": {"shape": "Item"}},
        "Item": {"type": "structure", "members": {
            "Big": {"shape": "Big"}, "Small": {"shape": "Small"}, "Wrapper": {"shape": "Wrapper"}
        }},
        "Wrapper": {"type": "structure", "members": {"Small": {"shape": "Small"}, "Other": {"shape": "Small"}, "Third": {"shape": "Small"}}},
        "Big": strings(6),
        "Small": strings(2),
    }));
    let boxed = codegen::passes::boxing::boxed_members(&model);
    let names: Vec<String> = boxed
        .iter()
        .map(|(owner, member)| format!("{}.{member}", owner.name))
        .collect();
    // `Wrapper` holds three `Small` inline (144 bytes): boxed in `Item`
    // too; the output's own `Big` is not (one per call).
    assert_eq!(names, ["Item.Big", "Item.Wrapper"], "{boxed:?}");
}
