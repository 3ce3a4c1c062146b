//! Configuration errors name the file, the line and the property, never the
//! text of a line or a value that may hold a secret; an endpoint URL's user
//! name and password are not repeated in its error.

use std::fs;

use ec2_images::runtime::client::{Config, Environment, Handle};

const SECRET: &str = "wJalrXUtnFEMIK7MDENGbPxRfiCYSECRET";

/// Loads a configuration whose credentials file is `credentials` and whose
/// config file is `config`, with extra variables.
fn load(credentials: &str, config: &str, vars: &[(&str, &str)]) -> Result<Config, String> {
    let dir = tempfile::tempdir().unwrap();
    let credentials_path = dir.path().join("credentials");
    let config_path = dir.path().join("config");
    fs::write(&credentials_path, credentials).unwrap();
    fs::write(&config_path, config).unwrap();
    let mut all = vec![
        (
            "AWS_SHARED_CREDENTIALS_FILE".to_string(),
            credentials_path.display().to_string(),
        ),
        (
            "AWS_CONFIG_FILE".to_string(),
            config_path.display().to_string(),
        ),
    ];
    all.extend(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Config::from_environment(&Environment::from_vars(all)).map_err(|e| e.to_string())
}

#[test]
fn malformed_lines_are_named_by_file_and_line_only() {
    let header_no_bracket = format!("[default\naws_secret_access_key = {SECRET}\n");
    let header_with_secret = format!("[default {SECRET}\n");
    let text_after_header = format!("[default] {SECRET}\n");
    let not_a_property = format!("[default]\n{SECRET}\n");
    for (text, line) in [
        (header_no_bracket.as_str(), 1),
        (header_with_secret.as_str(), 1),
        (text_after_header.as_str(), 1),
        (not_a_property.as_str(), 2),
    ] {
        let err = load(text, "", &[]).unwrap_err();
        assert!(!err.contains(SECRET), "{err}");
        assert!(!err.contains("SECRET"), "{err}");
        assert!(err.contains(&format!("credentials:{line}:")), "{err}");
    }
}

#[test]
fn a_bad_max_attempts_names_its_file_line_and_key_not_its_value() {
    let config = format!("[default]\nregion = us-east-1\nmax_attempts = {SECRET}\n");
    let err = load("", &config, &[]).unwrap_err();
    assert!(!err.contains(SECRET), "{err}");
    assert!(err.contains("config:3:"), "{err}");
    assert!(err.contains("`max_attempts`"), "{err}");

    let err = load("", "", &[("AWS_MAX_ATTEMPTS", SECRET)]).unwrap_err();
    assert!(!err.contains(SECRET), "{err}");
    assert!(err.contains("AWS_MAX_ATTEMPTS"), "{err}");
}

static SERVICE: ec2_images::runtime::client::Service = ec2_images::runtime::client::Service {
    signing_name: "ec2",
    endpoint_prefix: "ec2",
    service_id: "EC2",
    content_type: "application/x-www-form-urlencoded; charset=utf-8",
    crate_id: "secrets-test/0.1.0",
    parse_error: ec2_images::runtime::ec2_query::parse_error,
    retryable_errors: &[],
};

#[test]
fn an_endpoint_with_user_info_is_not_repeated() {
    for url in [
        format!("https://admin:{SECRET}@example.com/"),
        format!("https://admin:{SECRET}@exa mple.com/"),
        format!("ftp://admin:{SECRET}@example.com/"),
    ] {
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url(url)
            .build();
        assert!(!format!("{config:?}").contains(SECRET), "{config:?}");
        let err = Handle::new(config, &SERVICE).endpoint().unwrap_err();
        let text = err.to_string();
        assert!(!text.contains(SECRET), "{text}");
        assert!(!format!("{err:?}").contains(SECRET), "{err:?}");
        assert!(text.contains("***@"), "{text}");
    }
}

#[test]
fn the_body_size_limit_is_on_the_config() {
    let config = Config::builder().build();
    assert_eq!(config.max_body_size(), 256 * 1024 * 1024);
    let config = Config::builder().max_body_size(10).build();
    assert_eq!(config.max_body_size(), 10);
}
