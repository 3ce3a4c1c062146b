//! Where a client sends its requests and the region it signs them for: the
//! region's endpoint, a global service's partition endpoint, the
//! configured endpoint, and a service's own endpoint variable.

use aws_bindgen_runtime::client::{Config, Environment, Handle, Service};

fn service(service_id: &'static str, prefix: &'static str) -> &'static Service {
    Box::leak(Box::new(Service {
        signing_name: prefix,
        endpoint_prefix: prefix,
        service_id,
        content_type: "application/x-www-form-urlencoded; charset=utf-8",
        crate_id: "test-crate/1.0.0",
        parse_error: aws_bindgen_runtime::aws_query::parse_error,
        retryable_errors: &[],
    }))
}

fn resolve(config: Config, service: &'static Service) -> (String, String) {
    let handle = Handle::new(config, service);
    (handle.endpoint().unwrap(), handle.signing_region().unwrap())
}

#[test]
fn regional_and_global_services() {
    let config = Config::builder().region("eu-west-1").build();
    assert_eq!(
        resolve(config.clone(), service("SNS", "sns")),
        (
            "https://sns.eu-west-1.amazonaws.com/".into(),
            "eu-west-1".into()
        )
    );
    assert_eq!(
        resolve(config, service("IAM", "iam")),
        ("https://iam.amazonaws.com/".into(), "us-east-1".into())
    );
}

#[test]
fn a_service_variable_wins_over_the_general_one_and_code_wins_over_both() {
    let env = Environment::from_vars([
        ("AWS_REGION", "eu-west-1"),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:1000"),
        ("AWS_ENDPOINT_URL_IAM", "http://127.0.0.1:2000"),
        (
            "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2",
            "http://127.0.0.1:3000",
        ),
        ("HOME", "/nonexistent"),
    ]);
    let config = Config::from_environment(&env).unwrap();
    assert_eq!(
        config.service_endpoint_url("IAM"),
        Some("http://127.0.0.1:2000")
    );
    // Signed for the configured region: the endpoint is not AWS's.
    assert_eq!(
        resolve(config.clone(), service("IAM", "iam")),
        ("http://127.0.0.1:2000/".into(), "eu-west-1".into())
    );
    assert_eq!(
        resolve(
            config.clone(),
            service("Elastic Load Balancing v2", "elasticloadbalancing")
        )
        .0,
        "http://127.0.0.1:3000/"
    );
    assert_eq!(
        resolve(config.clone(), service("SNS", "sns")).0,
        "http://127.0.0.1:1000/"
    );
    let explicit = config
        .to_builder()
        .endpoint_url("http://127.0.0.1:4000")
        .build();
    assert_eq!(
        resolve(explicit, service("IAM", "iam")).0,
        "http://127.0.0.1:4000/"
    );
}
