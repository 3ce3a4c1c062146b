//! The client runtime (`aws_bindgen_runtime::client`) against a scripted local server: signing, retries, timeouts, errors, and
//! loading the configuration from variables and profile files. Nothing here
//! leaves 127.0.0.1.

use std::time::{Duration, Instant};

use aws_bindgen_runtime::client::{
    Config, ConfigBuilder, Credentials, Environment, Handle, RawResponse, RetryConfig, SendError,
    SendErrorKind, Service,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const BODY: &str = "Action=DescribeImages&Version=2016-11-15&Owner.1=self";

/// What a generated EC2 crate declares.
static EC2: Service = Service {
    signing_name: "ec2",
    endpoint_prefix: "ec2",
    service_id: "EC2",
    content_type: "application/x-www-form-urlencoded; charset=utf-8",
    crate_id: "test-crate/1.2.3",
    parse_error: aws_bindgen_runtime::ec2_query::parse_error,
    retryable_errors: &[],
};

/// The error code of an EC2 error document.
fn error_code(body: &[u8]) -> Option<String> {
    (EC2.parse_error)(body).ok().map(|e| e.code)
}

fn error_document(code: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{code}</Code><Message>m</Message></Error></Errors><RequestID>r-1</RequestID></Response>"
    )
}

/// A configuration for the local server: fast retries, no real endpoint.
fn local(server: &MockServer) -> ConfigBuilder {
    Config::builder()
        .region("us-west-2")
        .endpoint_url(server.uri())
        .credentials(Credentials::new("AKID", "SECRET", None))
        .retry(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
}

async fn send(config: Config) -> Result<RawResponse, SendError> {
    Handle::new(config, &EC2)
        .send("DescribeImages", BODY.to_string())
        .await
}

#[tokio::test]
async fn sends_a_signed_post() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-amzn-requestid", "req-1")
                .set_body_string("<DescribeImagesResponse/>"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let config = local(&server)
        .credentials(Credentials::new(
            "AKID",
            "SECRET",
            Some("TOKEN".to_string()),
        ))
        .app_name("my app")
        .build();
    let response = send(config).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.is_success());
    assert_eq!(response.request_id(), Some("req-1"));
    assert_eq!(response.attempts(), 1);
    assert_eq!(response.body(), b"<DescribeImagesResponse/>");

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .unwrap_or_else(|| panic!("no {name} header"))
            .to_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(request.body, BODY.as_bytes());
    assert_eq!(
        header("content-type"),
        "application/x-www-form-urlencoded; charset=utf-8"
    );
    let date = header("x-amz-date");
    assert_eq!(date.len(), 16, "{date}");
    assert!(date.ends_with('Z') && &date[8..9] == "T", "{date}");
    let authorization = header("authorization");
    let prefix = format!(
        "AWS4-HMAC-SHA256 Credential=AKID/{}/us-west-2/ec2/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=",
        &date[..8]
    );
    assert!(authorization.starts_with(&prefix), "{authorization}");
    let signature = &authorization[prefix.len()..];
    assert_eq!(signature.len(), 64);
    assert!(signature.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(header("x-amz-security-token"), "TOKEN");
    assert_eq!(header("host"), server.address().to_string());
    let agent = header("user-agent");
    assert!(agent.starts_with("test-crate/1.2.3 os/"), "{agent}");
    assert!(agent.contains(" lang/rust"), "{agent}");
    assert!(agent.ends_with(" app/my-app"), "{agent}");
    assert_eq!(header("amz-sdk-request"), "attempt=1; max=3");
}

#[tokio::test]
async fn without_a_session_token_signs_no_token_header() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    send(local(&server).build()).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let request = &requests[0];
    assert!(request.headers.get("x-amz-security-token").is_none());
    let authorization = request.headers["authorization"].to_str().unwrap();
    assert!(
        authorization.contains("SignedHeaders=content-type;host;x-amz-date, "),
        "{authorization}"
    );
}

#[tokio::test]
async fn retries_a_503_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_body_string(error_document("Unavailable")))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<ok/>"))
        .mount(&server)
        .await;
    let response = send(local(&server).build()).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.attempts(), 3);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[2].headers["amz-sdk-request"], "attempt=3; max=3");
    // Each attempt is signed afresh.
    assert!(requests
        .iter()
        .all(|r| r.headers.contains_key("authorization")));
}

#[tokio::test]
async fn retries_a_throttling_error_code_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(400).set_body_string(error_document("RequestLimitExceeded")),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let response = send(local(&server).build()).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.attempts(), 2);
}

#[tokio::test]
async fn gives_up_after_max_attempts_with_the_last_response() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_body_string(error_document("Unavailable")))
        .expect(4)
        .mount(&server)
        .await;
    let response = send(local(&server).max_attempts(4).build()).await.unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(response.attempts(), 4);
    assert_eq!(error_code(response.body()).as_deref(), Some("Unavailable"));
}

#[tokio::test]
async fn does_not_retry_a_plain_400() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(400).set_body_string(error_document("InvalidAMIID.NotFound")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let response = send(local(&server).build()).await.unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(response.attempts(), 1);
}

#[tokio::test]
async fn a_refused_connection_gives_a_clear_error_after_max_attempts() {
    // A port nothing listens on: bound, then released.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .credentials(Credentials::new("AKID", "SECRET", None))
        .retry(
            RetryConfig::standard()
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_attempts(2),
        )
        .build();
    let error = send(config).await.unwrap_err();
    assert!(error.is_connect(), "{error:?}");
    assert_eq!(error.attempts(), 2);
    let message = error.to_string();
    assert!(
        message.starts_with(&format!(
            "DescribeImages: could not connect to http://127.0.0.1:{port}/ after 2 attempts: "
        )),
        "{message}"
    );
    assert!(message.to_lowercase().contains("refused"), "{message}");
    assert!(!message.contains("SECRET"));
}

#[tokio::test]
async fn an_attempt_timeout_fires_and_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(10)))
        .mount(&server)
        .await;
    let started = Instant::now();
    let config = local(&server)
        .attempt_timeout(Duration::from_millis(200))
        .max_attempts(2)
        .build();
    let error = send(config).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(error.is_timeout(), "{error:?}");
    assert!(matches!(
        error.kind(),
        SendErrorKind::Timeout {
            whole_operation: false,
            ..
        }
    ));
    assert_eq!(error.attempts(), 2);
    assert_eq!(
        error.to_string(),
        format!(
            "DescribeImages to {}/: timed out after 2 attempts, each limited to 200ms",
            server.uri()
        )
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn an_operation_timeout_bounds_the_whole_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(10)))
        .mount(&server)
        .await;
    let started = Instant::now();
    let error = send(
        local(&server)
            .operation_timeout(Duration::from_millis(300))
            .build(),
    )
    .await
    .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(matches!(
        error.kind(),
        SendErrorKind::Timeout {
            whole_operation: true,
            ..
        }
    ));
    assert!(
        error.to_string().contains("operation timeout of 300ms"),
        "{error}"
    );
}

#[tokio::test]
async fn missing_region_and_credentials_are_reported() {
    let error = send(Config::builder().build()).await.unwrap_err();
    assert!(matches!(error.kind(), SendErrorKind::NoRegion));
    assert!(error.to_string().contains("AWS_REGION"), "{error}");
    assert_eq!(error.attempts(), 0);

    let error = send(Config::builder().region("us-east-1").build())
        .await
        .unwrap_err();
    assert!(
        matches!(error.kind(), SendErrorKind::Credentials(_)),
        "{error:?}"
    );
    assert!(error.to_string().contains("no credentials"), "{error}");
}

#[test]
fn endpoints() {
    let endpoint = |config: Config| Handle::new(config, &EC2).endpoint();
    assert_eq!(
        endpoint(Config::builder().region("us-east-1").build()).unwrap(),
        "https://ec2.us-east-1.amazonaws.com/"
    );
    assert_eq!(
        endpoint(Config::builder().region("cn-north-1").build()).unwrap(),
        "https://ec2.cn-north-1.amazonaws.com.cn/"
    );
    assert_eq!(
        endpoint(
            Config::builder()
                .region("us-east-1")
                .endpoint_url("http://localhost:4566")
                .build()
        )
        .unwrap(),
        "http://localhost:4566/"
    );
    let error = endpoint(Config::builder().region("evil.example/x").build()).unwrap_err();
    assert!(matches!(error.kind(), SendErrorKind::InvalidRegion(_)));
    let error = endpoint(Config::builder().endpoint_url("ftp://x").build()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("must start with https:// or http://"),
        "{error}"
    );
}

#[test]
fn the_send_future_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let handle = Handle::new(Config::builder().build(), &EC2);
    let future = handle.send("DescribeImages", String::new());
    assert_send(&future);
}

#[test]
fn debug_output_has_no_secrets() {
    let credentials = Credentials::new("AKIDEXAMPLE", "SECRETKEY", Some("SESSIONTOKEN".into()));
    let shown = format!("{credentials:?}");
    assert!(shown.contains("AKIDEXAMPLE"), "{shown}");
    assert!(!shown.contains("SECRETKEY"), "{shown}");
    assert!(!shown.contains("SESSIONTOKEN"), "{shown}");
    assert!(shown.contains("redacted"), "{shown}");

    let config = Config::builder()
        .credentials(credentials)
        .region("us-east-1")
        .build();
    let shown = format!("{config:?} {:?}", Handle::new(config.clone(), &EC2));
    assert!(
        !shown.contains("SECRETKEY") && !shown.contains("SESSIONTOKEN"),
        "{shown}"
    );

    let env = Environment::from_vars([("AWS_SECRET_ACCESS_KEY", "SECRETKEY")]);
    let shown = format!("{env:?}");
    assert!(
        shown.contains("AWS_SECRET_ACCESS_KEY") && !shown.contains("SECRETKEY"),
        "{shown}"
    );
}

// Loading the configuration. Every test passes its own variables, so none
// reads or changes the process's environment.

async fn credentials_of(config: &Config) -> Credentials {
    config
        .credentials_provider()
        .expect("a provider")
        .provide_credentials()
        .await
        .expect("credentials")
}

fn files(config: &str, credentials: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".aws")).unwrap();
    std::fs::write(dir.path().join(".aws/config"), config).unwrap();
    std::fs::write(dir.path().join(".aws/credentials"), credentials).unwrap();
    dir
}

const CONFIG: &str = "\
# comment
; another
[default]
region = us-east-2 # a comment
[profile dev]
region = eu-central-1
output = json
s3 =
  max_concurrent_requests = 20
max_attempts = 5
[sso-session corp]
sso_region = us-east-1
[profile assumed]
role_arn = arn:aws:iam::123456789012:role/r
source_profile = default
";

const CREDENTIALS: &str = "\
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = secret#with;hash
[dev]
aws_access_key_id=AKIDDEV
aws_secret_access_key=devsecret
aws_session_token = devtoken ; comment
";

#[tokio::test]
async fn loads_from_environment_variables() {
    let home = files(CONFIG, CREDENTIALS);
    let env = Environment::from_vars([
        ("HOME", home.path().to_str().unwrap()),
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "envsecret"),
        ("AWS_SESSION_TOKEN", "envtoken"),
        ("AWS_DEFAULT_REGION", "ap-south-1"),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
    ]);
    let config = Config::from_environment(&env).unwrap();
    assert_eq!(config.region(), Some("ap-south-1"));
    assert_eq!(config.endpoint_url(), Some("http://127.0.0.1:9"));
    let credentials = credentials_of(&config).await;
    assert_eq!(credentials.access_key_id(), "AKIDENV");
    assert_eq!(credentials.secret_access_key(), "envsecret");
    assert_eq!(credentials.session_token(), Some("envtoken"));

    // AWS_REGION wins over AWS_DEFAULT_REGION.
    let env = Environment::from_vars([
        ("AWS_REGION", "eu-west-1"),
        ("AWS_DEFAULT_REGION", "ap-south-1"),
    ]);
    assert_eq!(
        Config::from_environment(&env).unwrap().region(),
        Some("eu-west-1")
    );
}

#[tokio::test]
async fn loads_the_default_profile_from_the_home_directory() {
    let home = files(CONFIG, CREDENTIALS);
    let env = Environment::from_vars([("HOME", home.path().to_str().unwrap())]);
    let config = Config::from_environment(&env).unwrap();
    assert_eq!(config.region(), Some("us-east-2"));
    assert_eq!(config.retry().max_attempts(), 3);
    let credentials = credentials_of(&config).await;
    assert_eq!(credentials.access_key_id(), "AKIDDEFAULT");
    // `#` and `;` without whitespace before them are part of the value.
    assert_eq!(credentials.secret_access_key(), "secret#with;hash");
    assert_eq!(credentials.session_token(), None);
}

#[tokio::test]
async fn loads_a_named_profile_from_files_named_by_variables() {
    let dir = tempfile::tempdir().unwrap();
    let config_path = dir.path().join("my-config");
    let credentials_path = dir.path().join("my-credentials");
    std::fs::write(&config_path, CONFIG).unwrap();
    std::fs::write(&credentials_path, CREDENTIALS).unwrap();
    let env = Environment::from_vars([
        ("AWS_PROFILE", "dev"),
        ("AWS_CONFIG_FILE", config_path.to_str().unwrap()),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            credentials_path.to_str().unwrap(),
        ),
    ]);
    let config = Config::from_environment(&env).unwrap();
    assert_eq!(config.region(), Some("eu-central-1"));
    assert_eq!(config.retry().max_attempts(), 5);
    let credentials = credentials_of(&config).await;
    assert_eq!(credentials.access_key_id(), "AKIDDEV");
    assert_eq!(credentials.secret_access_key(), "devsecret");
    assert_eq!(credentials.session_token(), Some("devtoken"));

    // The environment's keys win over the profile's.
    let env = Environment::from_vars([
        ("AWS_PROFILE", "dev"),
        ("AWS_CONFIG_FILE", config_path.to_str().unwrap()),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            credentials_path.to_str().unwrap(),
        ),
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "envsecret"),
        ("AWS_MAX_ATTEMPTS", "2"),
    ]);
    let config = Config::from_environment(&env).unwrap();
    assert_eq!(credentials_of(&config).await.access_key_id(), "AKIDENV");
    assert_eq!(config.retry().max_attempts(), 2);
}

#[tokio::test]
async fn profiles_without_usable_keys_say_why() {
    let home = files(CONFIG, CREDENTIALS);
    let env = Environment::from_vars([
        ("HOME", home.path().to_str().unwrap()),
        ("AWS_PROFILE", "assumed"),
    ]);
    let config = Config::from_environment(&env).unwrap();
    let error = config
        .credentials_provider()
        .unwrap()
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(error.message().contains("`role_arn`"), "{error}");
    assert!(error.message().contains("does not support"), "{error}");

    // No files at all: not an error until a request needs credentials.
    let empty = tempfile::tempdir().unwrap();
    let env = Environment::from_vars([
        ("HOME", empty.path().to_str().unwrap()),
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
    ]);
    let config = Config::from_environment(&env).unwrap();
    assert_eq!(config.region(), None);
    let error = config
        .credentials_provider()
        .unwrap()
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(
        error
            .message()
            .contains("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"),
        "{error}"
    );
}

#[test]
fn configuration_errors_name_the_file_and_line() {
    let home = files("[default]\nregion = us-east-1\nthis line is wrong\n", "");
    let env = Environment::from_vars([("HOME", home.path().to_str().unwrap())]);
    let error = Config::from_environment(&env).unwrap_err();
    assert_eq!(error.line(), Some(3));
    assert_eq!(
        error.path(),
        Some(home.path().join(".aws/config").as_path())
    );
    let message = error.to_string();
    assert!(
        message.contains(".aws/config:3: expected `name = value`"),
        "{message}"
    );

    let home = files("", "region = x\n[default]\n");
    let env = Environment::from_vars([("HOME", home.path().to_str().unwrap())]);
    let error = Config::from_environment(&env).unwrap_err();
    assert!(
        error
            .to_string()
            .contains(".aws/credentials:1: a property before any"),
        "{error}"
    );

    let home = files("[profile dev\n", "");
    let env = Environment::from_vars([("HOME", home.path().to_str().unwrap())]);
    let error = Config::from_environment(&env).unwrap_err();
    assert!(
        error.to_string().contains(":1: the section header"),
        "{error}"
    );

    let home = files(CONFIG, CREDENTIALS);
    let env = Environment::from_vars([
        ("HOME", home.path().to_str().unwrap()),
        ("AWS_PROFILE", "nope"),
    ]);
    let error = Config::from_environment(&env).unwrap_err();
    let (credentials, config) = (
        home.path().join(".aws/credentials"),
        home.path().join(".aws/config"),
    );
    assert!(
        error.to_string().ends_with(&format!(
            "the profile `nope` named by AWS_PROFILE is in neither {} nor {}",
            credentials.display(),
            config.display()
        )),
        "{error}"
    );

    let env = Environment::from_vars([("AWS_MAX_ATTEMPTS", "many")]);
    let error = Config::from_environment(&env).unwrap_err();
    assert!(error.to_string().contains("AWS_MAX_ATTEMPTS"), "{error}");
}
