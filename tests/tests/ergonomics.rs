//! The short forms a boto3 user reaches for, against a scripted local HTTP
//! server: a client built in one expression, lists set from iterators,
//! nested inputs without `build()`, getters on outputs, and the `Image`
//! resource's loaded data and cache.

use ec2_images::{Client, Credentials};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub fn body(request: &Request) -> String {
    String::from_utf8_lossy(&request.body).into_owned()
}

fn ok(xml: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_string(xml.to_string())
}

const DESCRIBE: &str = r#"<DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId><imagesSet><item><imageId>ami-1</imageId><name>first</name><imageState>available</imageState><tagSet><item><key>k</key><value>v</value></item></tagSet></item></imagesSet></DescribeImagesResponse>"#;

#[tokio::test]
async fn a_client_is_built_in_one_expression() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ok(DESCRIBE))
        .mount(&server)
        .await;
    let client = Client::builder()
        .endpoint_url(server.uri())
        .region("eu-west-3")
        .credentials(Credentials::from_keys("AKIDEXAMPLE", "secret"))
        .build();
    assert_eq!(client.config().region(), Some("eu-west-3"));
    let out = client.describe_images().send().await.unwrap();
    assert_eq!(out.request_id(), Some("req-1"));
    let requests = server.received_requests().await.unwrap();
    let auth = requests[0].headers.get("authorization").unwrap();
    let auth = auth.to_str().unwrap();
    assert!(auth.contains("AKIDEXAMPLE/"), "{auth}");
    assert!(auth.contains("/eu-west-3/ec2/aws4_request"), "{auth}");
    // The configuration types are at the crate root too.
    let config: ec2_images::Config = ec2_images::Config::builder().region("us-east-1").build();
    let from_config = Client::from(config);
    assert_eq!(from_config.config().region(), Some("us-east-1"));
}
