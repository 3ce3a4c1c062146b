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
