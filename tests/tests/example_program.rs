//! The example program runs as the README says, against moto: the README's
//! command, with the environment pointing the client at the emulator.

use std::process::Command;

#[test]
fn describe_images_example_prints_boto3_shaped_json() {
    let moto = tests::moto::server();
    let root = tests::reference::workspace_root();
    let out = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "describe-images", "--"])
        .args([
            "--owner",
            "amazon",
            "--filter",
            "architecture=arm64",
            "--max",
            "5",
        ])
        .current_dir(&root)
        // Its own target dir: the one of this test run is locked by cargo.
        .env("CARGO_TARGET_DIR", root.join("target/example-run"))
        .env("AWS_ENDPOINT_URL", &moto.endpoint)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env_remove("AWS_PROFILE")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the example failed:\n{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", String::from_utf8_lossy(&out.stdout)));
    let images = json["Images"].as_array().expect("an Images list");
    assert_eq!(images.len(), 5, "--max 5");
    for image in images {
        assert_eq!(image["Architecture"], "arm64", "{image}");
        assert_eq!(image["ImageOwnerAlias"], "amazon", "{image}");
        assert!(image["ImageId"]
            .as_str()
            .is_some_and(|id| id.starts_with("ami-")));
    }

    let bad = Command::new(env!("CARGO"))
        .args([
            "run",
            "--quiet",
            "--example",
            "describe-images",
            "--",
            "--filter",
            "oops",
        ])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", root.join("target/example-run"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("NAME=VALUE"));
}

/// The non-blank lines of a program that are not comments (`//` in Rust,
/// `#` and the module's docstring in Python).
fn code_lines(text: &str, comment: &str) -> usize {
    let text = match text.strip_prefix("\"\"\"") {
        Some(rest) => rest.split_once("\"\"\"").map_or(rest, |(_, code)| code),
        None => text,
    };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with(comment))
        .count()
}

#[test]
fn image_lifecycle_example_prints_what_the_boto3_script_prints() {
    let moto = tests::moto::server();
    let root = tests::reference::workspace_root();
    let env = [
        ("AWS_ENDPOINT_URL", moto.endpoint.as_str()),
        ("AWS_REGION", "us-east-1"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
    ];
    let rust = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "-p", "ec2-images", "--features", "serde"])
        .args(["--example", "image-lifecycle"])
        .args(["--", "lifecycle-rust"])
        .current_dir(root.join("generated/ec2-images"))
        .env("CARGO_TARGET_DIR", root.join("target/example-run"))
        .envs(env)
        .env_remove("AWS_PROFILE")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&rust.stderr);
    assert!(rust.status.success(), "the example failed:\n{stderr}");
    let rust_out = String::from_utf8(rust.stdout)
        .unwrap()
        .replace("lifecycle-rust", "NAME");
    for line in [
        "registered: NAME available",
        "tags: [{\"Key\":\"Owner\",\"Value\":\"Team A & B\"},{\"Key\":\"Query\",\"Value\":\"a&b=c d\"},{\"Key\":\"Ünïcode\",\"Value\":\"é~*+ ✓\"}]",
        "shared with: [{\"UserId\":\"123456789012\"}]",
        "shared with after removal: 0",
        "copied: NAME-copy",
        "missing: InvalidAMIID.NotFound",
        "dry run: DryRunOperation",
    ] {
        assert!(rust_out.lines().any(|l| l == line), "no line {line:?} in:\n{rust_out}");
    }

    // The same script with boto3 (in moto's virtual environment) prints
    // the same lines.
    let script = root.join("tests/fixtures/boto3/image_lifecycle.py");
    let python = Command::new(root.join("target/moto-venv/bin/python"))
        .arg(&script)
        .arg("lifecycle-python")
        .envs(env)
        .env_remove("AWS_PROFILE")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&python.stderr);
    assert!(
        python.status.success(),
        "the boto3 script failed:\n{stderr}"
    );
    let python_out = String::from_utf8(python.stdout)
        .unwrap()
        .replace("lifecycle-python", "NAME");
    assert_eq!(rust_out, python_out);

    // No longer than the boto3 script, and the README says by how much.
    let example = root.join("model/ec2-images/examples/image-lifecycle.rs");
    let rust_lines = code_lines(&std::fs::read_to_string(example).unwrap(), "//");
    let python_lines = code_lines(&std::fs::read_to_string(script).unwrap(), "#");
    assert!(
        rust_lines <= python_lines,
        "{rust_lines} lines of Rust, {python_lines} of Python"
    );
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let figure = format!("{rust_lines} lines of Rust against {python_lines} of Python");
    assert!(
        readme.contains(&figure),
        "the README does not say {figure:?}"
    );
}
