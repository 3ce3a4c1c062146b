//! What the maintainer commands say when they are used wrongly: usage
//! errors exit 2 in every task, and an operation of `config.json` missing
//! from the imported model is blamed on `config.json`, with the command
//! that imports it.

use std::process::ExitCode;

use xtask::paths::CratePaths;

fn is_usage_error(code: ExitCode) -> bool {
    format!("{code:?}") == format!("{:?}", ExitCode::from(2))
}

#[test]
fn usage_errors_exit_2_in_every_task() {
    let args = |list: &[&str]| list.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    assert!(is_usage_error(
        xtask::codegen::run(&args(&["--bogus"])).unwrap()
    ));
    assert!(is_usage_error(
        xtask::codegen::run(&args(&["--crate"])).unwrap()
    ));
    assert!(is_usage_error(
        xtask::import::run(&args(&["--bogus"])).unwrap()
    ));
    assert!(is_usage_error(xtask::import::run(&args(&[])).unwrap()));
    assert!(is_usage_error(
        xtask::import::run(&args(&["--crate"])).unwrap()
    ));
    assert!(is_usage_error(
        xtask::diff::run(&args(&["--bogus"])).unwrap()
    ));
}

#[test]
fn a_misspelled_operation_is_blamed_on_the_config() {
    let workspace = tests::reference::workspace_root();
    let root = tempfile::tempdir().unwrap();
    let from = workspace.join("model/ec2-images");
    let to = root.path().join("model/ec2-images");
    std::fs::create_dir_all(&to).unwrap();
    for file in ["service.json", "resources.json"] {
        std::fs::copy(from.join(file), to.join(file)).unwrap();
    }
    let config = std::fs::read_to_string(from.join("config.json")).unwrap();
    let config = config
        .replace("\"DescribeImages\"", "\"DescribeImagez\"")
        .replace("\"describe-images\",", "")
        .replace("\"image-lifecycle\"", "");
    std::fs::write(to.join("config.json"), config).unwrap();
    let krate = CratePaths::new("ec2-images").unwrap();
    let err = xtask::codegen::generate(root.path(), &krate).unwrap_err();
    assert!(
        err.starts_with(
            "model/ec2-images/config.json: the operation `DescribeImagez` is not in \
             model/ec2-images/service.json"
        ),
        "{err}"
    );
    assert!(
        err.contains("run `cargo xtask import --crate ec2-images`"),
        "{err}"
    );
}
