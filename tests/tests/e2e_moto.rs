//! The generated client end to end, against a live EC2-compatible server:
//! moto (started by the test itself, see `tests::moto`), or real EC2.
//!
//! To run the same tests against real EC2, set `EC2_IMAGES_E2E_REAL=1` and
//! the usual AWS variables (`AWS_PROFILE` or keys, `AWS_REGION`), and, for
//! the image life cycle, `EC2_IMAGES_E2E_SNAPSHOT=snap-...` (a snapshot of
//! yours to register an image from). Real mode creates, tags, shares with
//! nobody and deregisters one image and its copy, and never touches others.

use std::time::Duration;

use ec2_images::client::RegisterImageFluentBuilder;
use ec2_images::runtime::client::{Config, Credentials};
use ec2_images::types::{
    ArchitectureValues, BlockDeviceMapping, EbsBlockDevice, Filter, ImageAttributeName,
    LaunchPermission, LaunchPermissionModifications, Tag,
};
use ec2_images::Client;

/// The account moto acts as.
const MOTO_ACCOUNT: &str = "123456789012";

fn real() -> bool {
    std::env::var_os("EC2_IMAGES_E2E_REAL").is_some()
}

fn client() -> Client {
    if real() {
        return Client::from_env().expect("AWS configuration from the environment");
    }
    let moto = tests::moto::server();
    Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(&moto.endpoint)
            .credentials(Credentials::new("testing", "testing", None))
            .build(),
    )
}

/// A name no other test (or earlier run) uses.
fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{prefix}-{nanos}")
}

/// The root device of an image to register: from `EC2_IMAGES_E2E_SNAPSHOT`
/// in real mode (EC2 needs one), a bare device name for moto.
fn root_device(call: RegisterImageFluentBuilder) -> RegisterImageFluentBuilder {
    let call = call.root_device_name("/dev/xvda");
    match std::env::var("EC2_IMAGES_E2E_SNAPSHOT") {
        Ok(snapshot) => call.virtualization_type("hvm").block_device_mappings(
            BlockDeviceMapping::builder()
                .device_name("/dev/xvda")
                .ebs(EbsBlockDevice::builder().snapshot_id(snapshot).build())
                .build(),
        ),
        Err(_) => call,
    }
}

/// Registers an image (from a snapshot in real mode) and returns its id.
async fn register(client: &Client, name: &str) -> String {
    let call = client
        .register_image()
        .name(name)
        .description("registered by the ec2-images end-to-end tests")
        .architecture(ArchitectureValues::X8664);
    let out = root_device(call).send().await.expect("RegisterImage");
    out.image_id
        .clone()
        .expect("RegisterImage gives the image id")
}

#[tokio::test]
async fn lists_images_by_owner_id_and_filter() {
    let client = client();
    let amazon = client
        .describe_images()
        .owners("amazon")
        .send()
        .await
        .unwrap();
    let images = amazon.images.as_deref().unwrap_or_default();
    assert!(!images.is_empty(), "amazon owns images");
    assert!(amazon.request_id().is_some(), "the request id is kept");

    let arm = client
        .describe_images()
        .owners("amazon")
        .filters(
            Filter::builder()
                .name("architecture")
                .values("arm64")
                .build(),
        )
        .send()
        .await
        .unwrap();
    let arm = arm.images.as_deref().unwrap_or_default();
    assert!(!arm.is_empty());
    assert!(arm.len() < images.len());
    assert!(arm
        .iter()
        .all(|i| i.architecture == Some(ArchitectureValues::Arm64)));

    let id = images[0].image_id.clone().unwrap();
    let one = client
        .describe_images()
        .image_ids(&id)
        .send()
        .await
        .unwrap();
    let one = one.images.as_deref().unwrap_or_default();
    assert_eq!(one.len(), 1);
    assert_eq!(
        one[0], images[0],
        "the same image, whichever way it is asked for"
    );
}

#[tokio::test]
async fn lists_every_image_in_one_call_and_by_paginator() {
    if real() {
        return; // tens of thousands of public images: not for every run
    }
    let client = client();
    // Other tests register and deregister images of the account meanwhile:
    // compare moto's catalogue only.
    let catalogue = |images: Vec<ec2_images::types::Image>| -> Vec<_> {
        images
            .into_iter()
            .filter(|i| i.owner_id.as_deref() != Some(MOTO_ACCOUNT))
            .collect()
    };
    let all = client.describe_images().send().await.unwrap();
    let all = catalogue(all.into_output().images.unwrap_or_default());
    eprintln!("DescribeImages returned {} images in one answer", all.len());
    assert!(
        all.len() > 1000,
        "moto's catalogue has over a thousand images"
    );

    let mut pages = client.describe_images().max_results(100).into_paginator();
    let mut paged = Vec::new();
    let mut count = 0;
    while let Some(page) = pages.next_page().await {
        let page = page.unwrap();
        count += 1;
        paged.extend(page.into_output().images.unwrap_or_default());
    }
    // moto ignores MaxResults: everything comes in one page.
    assert_eq!(count, 1);
    assert_eq!(catalogue(paged), all);
    let items = client
        .describe_images()
        .into_paginator()
        .items()
        .collect()
        .await
        .unwrap();
    assert_eq!(catalogue(items), all);

    // The same answer streamed from the connection, item by item.
    let mut stream = client.describe_images().send_streaming().await.unwrap();
    let mut streamed = Vec::new();
    while let Some(item) = stream.next().await {
        streamed.push(item.unwrap());
    }
    assert!(stream.request_id().is_some());
    assert_eq!(catalogue(streamed), all);
}

#[tokio::test]
async fn image_life_cycle() {
    let client = client();
    let name = unique("e2e-life");
    let id = register(&client, &name).await;

    let copy = client
        .copy_image()
        .source_image_id(&id)
        .source_region(client.config().region().unwrap_or("us-east-1"))
        .name(format!("{name}-copy"))
        .send()
        .await
        .unwrap();
    let copy_id = copy.image_id.clone().unwrap();
    assert_ne!(copy_id, id);

    // Tag values that need encoding on the wire.
    let tags = [
        ("Owner", "Team A"),
        ("Query", "a&b=c"),
        ("Ünïcode", "é~*+ ✓"),
    ];
    let mut call = client.create_tags().resources(&id);
    for (key, value) in tags {
        call = call.tags(Tag::builder().key(key).value(value).build());
    }
    call.send().await.unwrap();
    let described = client
        .describe_images()
        .image_ids(&id)
        .send()
        .await
        .unwrap();
    let image = &described.images.as_deref().unwrap()[0];
    assert_eq!(image.name.as_deref(), Some(name.as_str()));
    let mut got: Vec<(String, String)> = image
        .tags
        .iter()
        .flatten()
        .map(|t| (t.key.clone().unwrap(), t.value.clone().unwrap()))
        .collect();
    got.sort();
    let mut want: Vec<(String, String)> = tags
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    want.sort();
    assert_eq!(got, want);

    // Launch permissions: none, then one account, read back.
    let attribute = |client: &Client| {
        client
            .describe_image_attribute()
            .image_id(&id)
            .attribute(ImageAttributeName::LaunchPermission)
            .send()
    };
    let before = attribute(&client).await.unwrap();
    assert!(before
        .launch_permissions
        .as_deref()
        .unwrap_or_default()
        .is_empty());
    client
        .modify_image_attribute()
        .image_id(&id)
        .launch_permission(
            LaunchPermissionModifications::builder()
                .add(LaunchPermission::builder().user_id("123456789012").build())
                .build(),
        )
        .send()
        .await
        .unwrap();
    let after = attribute(&client).await.unwrap();
    let users: Vec<_> = after
        .launch_permissions
        .iter()
        .flatten()
        .filter_map(|p| p.user_id.as_deref())
        .collect();
    assert_eq!(users, ["123456789012"]);

    for image in [&id, &copy_id] {
        client
            .deregister_image()
            .image_id(image)
            .send()
            .await
            .unwrap();
    }
    let gone = client.describe_images().image_ids(&id).send().await;
    match gone {
        Ok(out) => assert!(out.images.as_deref().unwrap_or_default().is_empty()),
        Err(e) => assert_eq!(e.code(), Some("InvalidAMIID.NotFound"), "{e}"),
    }
}

#[tokio::test]
async fn missing_image_is_invalid_ami_id_not_found() {
    let client = client();
    let err = client
        .describe_images()
        .image_ids("ami-0123456789abcdef0")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InvalidAMIID.NotFound"), "{err}");
    assert!(
        err.message()
            .is_some_and(|m| m.contains("ami-0123456789abcdef0")),
        "{err}"
    );
    assert!(err.to_string().contains("InvalidAMIID.NotFound"), "{err}");
}

#[tokio::test]
async fn dry_run_gives_dry_run_operation() {
    let client = client();
    let err = client
        .describe_images()
        .owners("self")
        .dry_run(true)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_dry_run_operation(), "{err}");
    assert!(!err.is_unauthorized_operation());
}

#[tokio::test]
async fn a_required_member_left_unset_fails_before_sending() {
    let client = client();
    let err = client.deregister_image().send().await.unwrap_err();
    assert!(
        matches!(&err, ec2_images::runtime::operation::Error::Build(b) if b.member() == "ImageId"),
        "{err}"
    );
}

#[tokio::test]
async fn requests_time_out_as_configured() {
    if real() {
        return;
    }
    // A listener that accepts and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", silent.local_addr().unwrap());
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(endpoint)
            .credentials(Credentials::new("testing", "testing", None))
            .attempt_timeout(Duration::from_millis(200))
            .max_attempts(2)
            .build(),
    );
    let err = client.describe_images().send().await.unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("2 attempts") || text.contains("timed out") || text.contains("timeout"),
        "{text}"
    );
}

#[tokio::test]
async fn the_image_resource_through_its_whole_life() {
    let client = client();
    let name = unique("e2e-resource");
    let call = root_device(client.register_image().name(&name));
    let mut image = call.send_for_image().await.unwrap();
    assert!(image.id().starts_with("ami-"));

    let exists = image
        .wait_until_exists()
        .max_wait(Duration::from_secs(120))
        .await
        .unwrap();
    assert!(exists.attempts >= 1);
    let available = client
        .describe_images()
        .image_ids(image.id())
        .wait_until_image_available()
        .max_wait(Duration::from_secs(900))
        .await
        .unwrap();
    assert!(available.last.is_ok());

    assert_eq!(image.name().await.unwrap(), Some(name.clone()));
    let id = image.id().to_string();
    assert_eq!(image.image_id().await.unwrap(), Some(id));
    assert!(image.creation_date().await.unwrap().is_some());

    image
        .create_tags()
        .tags(Tag::builder().key("Team").value("A & B").build())
        .send()
        .await
        .unwrap();
    // The action dropped the data loaded before: no reload needed.
    assert!(image.data().is_none());
    let tags = image.tags().await.unwrap().unwrap_or_default();
    assert!(
        tags.iter().any(|t| t.value.as_deref() == Some("A & B")),
        "{tags:?}"
    );

    image
        .modify_attribute()
        .launch_permission(
            LaunchPermissionModifications::builder()
                .add(LaunchPermission::builder().user_id("210987654321").build())
                .build(),
        )
        .send()
        .await
        .unwrap();
    let attribute = image
        .describe_attribute()
        .attribute(ImageAttributeName::LaunchPermission)
        .send()
        .await
        .unwrap();
    assert_eq!(
        attribute.launch_permissions.as_deref().unwrap()[0]
            .user_id
            .as_deref(),
        Some("210987654321")
    );

    image.deregister().send().await.unwrap();
    let err = image.reload().await.unwrap_err();
    assert!(
        matches!(
            err,
            ec2_images::runtime::operation::Error::ResourceNotFound { .. }
        ) || err.code() == Some("InvalidAMIID.NotFound"),
        "{err}"
    );
}

/// As boto3's `image.create_tags(Tags=[...])`, `send_for_tags` returns one
/// `Tag` resource per tag sent; a `Tag` loads through `DescribeTags` and
/// deletes itself through `DeleteTags`.
#[tokio::test]
async fn create_tags_returns_tag_resources_that_load_and_delete() {
    let client = client();
    let name = unique("e2e-tags");
    let mut image = client.image(register(&client, &name).await);
    // The tag's load filters by key and value only, as boto3's model does:
    // values no other image has.
    let (first, second) = (unique("first & =é"), unique("second"));
    let mut tags = image
        .create_tags()
        .tags(Tag::builder().key("e2e-team").value(&first).build())
        .tags(Tag::builder().key("e2e-stage").value(&second).build())
        .send_for_tags()
        .await
        .unwrap();
    let made: Vec<(&str, &str, &str)> = tags
        .iter()
        .map(|t| (t.resource_id(), t.key(), t.value()))
        .collect();
    assert_eq!(
        made,
        [
            (image.id(), "e2e-team", first.as_str()),
            (image.id(), "e2e-stage", second.as_str()),
        ]
    );

    let data = tags[0].load().await.unwrap();
    assert_eq!(data.resource_id.as_deref(), Some(image.id()));
    assert_eq!(data.key.as_deref(), Some("e2e-team"));
    assert_eq!(data.value.as_deref(), Some(first.as_str()));
    assert_eq!(
        tags[0].resource_type().await.unwrap(),
        Some(ec2_images::types::ResourceType::Image)
    );

    tags[0].delete().send().await.unwrap();
    let err = tags[0].reload().await.unwrap_err();
    assert!(
        matches!(
            err,
            ec2_images::runtime::operation::Error::ResourceNotFound {
                resource: "Tag",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        tags[1].load().await.unwrap().value.as_deref(),
        Some(second.as_str())
    );
    let left = image.tags().await.unwrap().unwrap_or_default();
    let keys: Vec<Option<&str>> = left.iter().map(|t| t.key.as_deref()).collect();
    assert_eq!(keys, [Some("e2e-stage")], "{left:?}");

    // A tag without a value makes no `Tag` handle: nothing is sent.
    let err = image
        .create_tags()
        .tags(Tag::builder().key("e2e-no-value").build())
        .send_for_tags()
        .await
        .unwrap_err();
    match &err {
        ec2_images::runtime::operation::Error::Build(e) => {
            assert_eq!((e.shape(), e.member()), ("Tag", "Value"))
        }
        other => panic!("{other}"),
    }
    let left = image.tags().await.unwrap().unwrap_or_default();
    assert_eq!(left.len(), 1, "{left:?}");

    image.deregister().send().await.unwrap();
}

#[tokio::test]
async fn waiting_for_a_missing_image_times_out() {
    let client = client();
    let err = client
        .image("ami-0000000000000dead")
        .wait_until_exists()
        .min_delay(Duration::from_millis(200))
        .max_delay(Duration::from_millis(400))
        .max_wait(Duration::from_secs(2))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            ec2_images::runtime::waiter::WaiterError::TimedOut { .. }
        ),
        "{err}"
    );
}
