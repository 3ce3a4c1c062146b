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

#[tokio::test]
async fn lists_come_from_iterators_and_nested_inputs_need_no_build() {
    use ec2_images::types::{BlockDeviceMapping, EbsBlockDevice, Filter};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ok(DESCRIBE))
        .mount(&server)
        .await;
    let client = Client::builder()
        .endpoint_url(server.uri())
        .region("us-east-1")
        .credentials(Credentials::from_keys("a", "b"))
        .build();
    let ids = vec!["ami-1".to_string(), "ami-2".to_string()];
    let out = client
        .describe_images()
        .set_image_ids_from(&ids)
        .owners("self")
        .set_owners_from(["amazon", "self"]) // replaces the one set before
        .filters(
            Filter::builder()
                .name("tag:k")
                .set_values_from(["a b", "é"]),
        )
        .send()
        .await
        .unwrap();
    // Getters: a slice for a list, `Option<&str>` for a string.
    assert_eq!(out.images().len(), 1);
    assert_eq!(out.images()[0].image_id(), Some("ami-1"));
    assert_eq!(out.images()[0].tags()[0].value(), Some("v"));
    assert_eq!(out.next_token(), None);

    let mapping = BlockDeviceMapping::builder().device_name("/dev/sda1").ebs(
        EbsBlockDevice::builder()
            .snapshot_id("snap-1")
            .volume_size(8),
    );
    let _ = client
        .register_image()
        .name("my-image")
        .block_device_mappings(mapping)
        .send()
        .await;
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        body(&requests[0]),
        "Action=DescribeImages&Version=2016-11-15&ImageId.1=ami-1&ImageId.2=ami-2\
         &Owner.1=amazon&Owner.2=self&Filter.1.Name=tag%3Ak\
         &Filter.1.Value.1=a+b&Filter.1.Value.2=%C3%A9"
    );
    let register = body(&requests[1]);
    assert!(
        register.ends_with(
            "&BlockDeviceMapping.1.Ebs.SnapshotId=snap-1&BlockDeviceMapping.1.Ebs.VolumeSize=8\
             &BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsda1"
        ),
        "{register}"
    );
}

#[tokio::test]
async fn resource_data_is_read_without_borrow_conflicts_and_actions_drop_it() {
    use ec2_images::types::{ImageState, Tag};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(|r: &Request| body(r).contains("Action=DescribeImages"))
        .respond_with(ok(DESCRIBE))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(|r: &Request| body(r).contains("Action=CreateTags"))
        .respond_with(ok(r#"<CreateTagsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-2</requestId><return>true</return></CreateTagsResponse>"#))
        .mount(&server)
        .await;
    let client = Client::builder()
        .endpoint_url(server.uri())
        .region("us-east-1")
        .credentials(Credentials::from_keys("a", "b"))
        .build();
    let mut image = client.image("ami-1");
    // Attributes are copies: two of them are held at once.
    let name = image.name().await.unwrap();
    let state = image.state().await.unwrap();
    assert_eq!(
        (name.as_deref(), state),
        (Some("first"), Some(ImageState::Available))
    );
    // Or one load, read through the data's getters.
    let data = image.load().await.unwrap();
    assert_eq!(
        (data.name(), data.state()),
        (Some("first"), Some(&ImageState::Available))
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    // An action drops the cached data; the next read loads it again.
    image
        .create_tags()
        .tags(Tag::builder().key("k").value("v"))
        .send()
        .await
        .unwrap();
    assert!(image.data().is_none());
    assert_eq!(image.tags().await.unwrap().unwrap_or_default().len(), 1);
    let bodies: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(body)
        .collect();
    assert_eq!(bodies.len(), 4, "{bodies:?}");
    assert!(bodies[2].starts_with("Action=CreateTags"), "{bodies:?}");
    assert!(bodies[3].starts_with("Action=DescribeImages"), "{bodies:?}");
}
