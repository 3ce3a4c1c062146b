//! The generated client against a scripted local HTTP server, for what moto
//! cannot show: several pages with tokens (a repeated token, an empty last
//! page), `ResetImageAttribute`, waiters walking through states, and the
//! `Image` resource's requests.

use std::time::Duration;

use ec2_images::runtime::client::{Config, Credentials};
use ec2_images::runtime::operation::Error;
use ec2_images::runtime::waiter::WaiterError;
use ec2_images::types::{ImageState, ResetImageAttributeName};
use ec2_images::Client;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(server.uri())
            .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
            .build(),
    )
}

fn body(request: &Request) -> String {
    String::from_utf8_lossy(&request.body).into_owned()
}

/// A `DescribeImages` answer with these image ids and states, and a token.
fn images_page(images: &[(&str, &str)], token: Option<&str>) -> ResponseTemplate {
    let items: String = images
        .iter()
        .map(|(id, state)| {
            format!("<item><imageId>{id}</imageId><imageState>{state}</imageState></item>")
        })
        .collect();
    let token = token
        .map(|t| format!("<nextToken>{t}</nextToken>"))
        .unwrap_or_default();
    ResponseTemplate::new(200).set_body_string(format!(
        r#"<DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId><imagesSet>{items}</imagesSet>{token}</DescribeImagesResponse>"#
    ))
}

/// Answers `DescribeImages` requests by the token they carry.
async fn pages(server: &MockServer, script: Vec<(Option<&'static str>, ResponseTemplate)>) {
    for (token, response) in script {
        Mock::given(method("POST"))
            .and(move |r: &Request| {
                let b = body(r);
                b.contains("Action=DescribeImages")
                    && match token {
                        Some(t) => b.contains(&format!("NextToken={t}")),
                        None => !b.contains("NextToken="),
                    }
            })
            .respond_with(response)
            .mount(server)
            .await;
    }
}

#[tokio::test]
async fn pages_follow_tokens_until_there_are_none() {
    let server = MockServer::start().await;
    pages(
        &server,
        vec![
            (
                None,
                images_page(
                    &[("ami-1", "available"), ("ami-2", "available")],
                    Some("t1"),
                ),
            ),
            (Some("t1"), images_page(&[("ami-3", "pending")], Some("t2"))),
            // An empty last page, with an empty token.
            (Some("t2"), images_page(&[], Some(""))),
        ],
    )
    .await;
    let client = client(&server);

    let mut pager = client
        .describe_images()
        .owners("self")
        .max_results(2)
        .into_paginator();
    let mut sizes = Vec::new();
    while let Some(page) = pager.next_page().await {
        let page = page.unwrap();
        assert_eq!(page.request_id(), Some("req-1"));
        sizes.push(page.images.as_deref().unwrap_or_default().len());
    }
    assert_eq!(sizes, [2, 1, 0]);

    let ids: Vec<String> = client
        .describe_images()
        .owners("self")
        .max_results(2)
        .into_paginator()
        .items()
        .collect()
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.image_id.unwrap())
        .collect();
    assert_eq!(ids, ["ami-1", "ami-2", "ami-3"]);

    // Every request carried the page size and the owner, and each token once.
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 6);
    for r in &requests {
        let b = body(r);
        assert!(
            b.starts_with("Action=DescribeImages&Version=2016-11-15&Owner.1=self"),
            "{b}"
        );
        assert!(b.contains("MaxResults=2"), "{b}");
        let auth = r.headers.get("authorization").unwrap().to_str().unwrap();
        assert!(
            auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
            "{auth}"
        );
        assert!(auth.contains("/us-east-1/ec2/aws4_request"), "{auth}");
    }
}

/// Three pages of 2, 2 and 1 images (`ami-1` to `ami-5`).
async fn five_images(server: &MockServer) {
    let available =
        |ids: &[&'static str]| ids.iter().map(|id| (*id, "available")).collect::<Vec<_>>();
    pages(
        server,
        vec![
            (
                None,
                images_page(&available(&["ami-1", "ami-2"]), Some("t1")),
            ),
            (
                Some("t1"),
                images_page(&available(&["ami-3", "ami-4"]), Some("t2")),
            ),
            (Some("t2"), images_page(&available(&["ami-5"]), None)),
        ],
    )
    .await;
}

fn ids(images: Vec<ec2_images::types::Image>) -> Vec<String> {
    images.into_iter().filter_map(|i| i.image_id).collect()
}

#[tokio::test]
async fn max_items_stops_mid_page_and_the_resume_token_goes_on_from_there() {
    let server = MockServer::start().await;
    five_images(&server).await;
    let client = client(&server);

    let mut items = client
        .describe_images()
        .into_paginator()
        .page_size(2)
        .max_items(3)
        .items();
    let mut first = Vec::new();
    while let Some(image) = items.next().await {
        first.push(image.unwrap());
    }
    assert_eq!(ids(first), ["ami-1", "ami-2", "ami-3"]);
    let resume = items.resume_token().cloned().expect("items are left");
    assert_eq!(resume.token.as_deref(), Some("t1"));
    assert_eq!(resume.skip, 1);
    // Only the pages needed were asked for.
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    let rest = client
        .describe_images()
        .into_paginator()
        .resume(resume)
        .items()
        .collect()
        .await
        .unwrap();
    assert_eq!(ids(rest), ["ami-4", "ami-5"]);

    // Pages are cut too; stopping at a page's end resumes at the next token.
    let mut pager = client.describe_images().into_paginator().max_items(2);
    let page = pager.next_page().await.unwrap().unwrap();
    assert_eq!(page.images.as_ref().map(Vec::len), Some(2));
    assert!(pager.next_page().await.is_none());
    let resume = pager.resume_token().unwrap();
    assert_eq!((resume.token.as_deref(), resume.skip), (Some("t1"), 0));

    // All items given: nothing to resume.
    let mut items = client
        .describe_images()
        .into_paginator()
        .max_items(9)
        .items();
    while items.next().await.is_some() {}
    assert!(items.resume_token().is_none());

    // A service token starts from its page; every request carried the size.
    let from_t2 = client
        .describe_images()
        .into_paginator()
        .starting_token("t2")
        .items()
        .collect()
        .await
        .unwrap();
    assert_eq!(ids(from_t2), ["ami-5"]);
    let requests = server.received_requests().await.unwrap();
    assert!(
        body(&requests[0]).contains("MaxResults=2"),
        "{}",
        body(&requests[0])
    );
}

#[tokio::test]
async fn a_repeated_token_stops_paging_with_an_error() {
    let server = MockServer::start().await;
    pages(
        &server,
        vec![
            (None, images_page(&[("ami-1", "available")], Some("again"))),
            (
                Some("again"),
                images_page(&[("ami-2", "available")], Some("again")),
            ),
        ],
    )
    .await;
    let client = client(&server);
    let mut pager = client.describe_images().into_paginator();
    assert!(pager.next_page().await.unwrap().is_ok());
    assert!(pager.next_page().await.unwrap().is_ok());
    let err = pager.next_page().await.unwrap().unwrap_err();
    assert!(
        matches!(&err, Error::RepeatedToken { token, .. } if token == "again"),
        "{err}"
    );
    assert!(pager.next_page().await.is_none(), "nothing after the error");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn reset_image_attribute_through_the_image_resource() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(|r: &Request| body(r).contains("Action=ResetImageAttribute"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"<ResetImageAttributeResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-reset</requestId><return>true</return></ResetImageAttributeResponse>"#,
        ))
        .mount(&server)
        .await;
    let client = client(&server);
    let mut image = client.image("ami-1");
    let out = image
        .reset_attribute()
        .attribute(ResetImageAttributeName::LaunchPermission)
        .send()
        .await
        .unwrap();
    assert_eq!(out.request_id(), Some("req-reset"));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        body(&requests[0]),
        "Action=ResetImageAttribute&Version=2016-11-15&Attribute=launchPermission&ImageId=ami-1"
    );
}

#[tokio::test]
async fn the_image_resource_loads_lazily_and_reports_a_missing_image() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(|r: &Request| body(r).contains("ImageId.1=ami-1"))
        .respond_with(images_page(&[("ami-1", "available")], None))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(|r: &Request| body(r).contains("ImageId.1=ami-gone"))
        .respond_with(images_page(&[], None))
        .mount(&server)
        .await;
    let client = client(&server);

    let mut image = client.image("ami-1");
    assert_eq!(image.id(), "ami-1");
    assert!(image.data().is_none(), "nothing loaded before it is needed");
    assert!(server.received_requests().await.unwrap().is_empty());
    assert_eq!(image.state().await.unwrap(), Some(ImageState::Available));
    assert_eq!(image.image_id().await.unwrap().as_deref(), Some("ami-1"));
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "loaded once"
    );
    image.reload().await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    assert!(image.get_available_subresources().is_empty());

    let mut gone = client.image("ami-gone");
    let err = gone.load().await.unwrap_err();
    assert!(
        matches!(&err, Error::ResourceNotFound { resource: "Image", id } if id == "ami-gone"),
        "{err}"
    );
    assert_eq!(err.to_string(), "Image ami-gone was not found");
}

/// States served one after the other, the last one repeated.
fn states(sequence: &'static [&'static str]) -> impl Fn(&Request) -> ResponseTemplate {
    let next = std::sync::atomic::AtomicUsize::new(0);
    move |_: &Request| {
        let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let state = sequence[i.min(sequence.len() - 1)];
        images_page(&[("ami-1", state)], None)
    }
}

#[tokio::test]
async fn image_available_waits_through_pending() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(states(&["pending", "pending", "available"]))
        .mount(&server)
        .await;
    let client = client(&server);
    let done = client
        .describe_images()
        .image_ids("ami-1")
        .wait_until_image_available()
        .min_delay(Duration::from_millis(10))
        .max_delay(Duration::from_millis(20))
        .max_wait(Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(done.attempts, 3);
    let images = done.last.unwrap().images.unwrap();
    assert_eq!(images[0].state, Some(ImageState::Available));
}

#[tokio::test]
async fn image_available_fails_on_a_failed_image_naming_the_acceptor() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(states(&["pending", "failed"]))
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client
        .describe_images()
        .image_ids("ami-1")
        .wait_until_image_available()
        .min_delay(Duration::from_millis(10))
        .max_delay(Duration::from_millis(20))
        .await
        .unwrap_err();
    assert!(
        matches!(err, WaiterError::FailureState { acceptor: 1, .. }),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "waiter ImageAvailable: acceptor 2 (pathAny Images[].State == \"failed\") reached the failure state"
    );
}

#[tokio::test]
async fn image_exists_retries_not_found_then_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_string(
            r#"<Response><Errors><Error><Code>InvalidAMIID.NotFound</Code><Message>The image id '[ami-1]' does not exist</Message></Error></Errors><RequestID>req-nf</RequestID></Response>"#,
        ))
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client
        .image("ami-1")
        .wait_until_exists()
        .min_delay(Duration::from_millis(50))
        .max_delay(Duration::from_millis(50))
        .max_wait(Duration::from_millis(400))
        .await
        .unwrap_err();
    let WaiterError::TimedOut { attempts, .. } = &err else {
        panic!("expected a time-out, got {err}");
    };
    assert!(*attempts >= 2, "{err}");
    assert!(
        err.to_string()
            .starts_with("waiter ImageExists: timed out after"),
        "{err}"
    );
    let bodies: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(body)
        .collect();
    assert!(
        bodies
            .iter()
            .all(|b| b == "Action=DescribeImages&Version=2016-11-15&ImageId.1=ami-1"),
        "{bodies:?}"
    );
}

#[tokio::test]
async fn outputs_and_errors_carry_status_headers_and_attempts() {
    let server = MockServer::start().await;
    // A throttled first attempt, then the answer.
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_body_string(
            "<Response><Errors><Error><Code>RequestLimitExceeded</Code></Error></Errors><RequestID>r-0</RequestID></Response>",
        ))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(|r: &Request| body(r).contains("ImageId.1=ami-1"))
        .respond_with(images_page(&[("ami-1", "available")], None).insert_header("X-Custom", "yes"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(|r: &Request| body(r).contains("ImageId.1=ami-404"))
        .respond_with(ResponseTemplate::new(400).insert_header("x-amzn-requestid", "r-404").set_body_string(
            "<Response><Errors><Error><Code>InvalidAMIID.NotFound</Code><Message>no such image</Message></Error></Errors></Response>",
        ))
        .mount(&server)
        .await;
    let client = client(&server);

    let page = client
        .describe_images()
        .image_ids("ami-1")
        .send()
        .await
        .unwrap();
    let meta = page.metadata();
    assert_eq!(meta.status, 200);
    assert_eq!(meta.attempts, 2, "one retry after the 503");
    assert_eq!(meta.request_id.as_deref(), Some("req-1"));
    assert_eq!(meta.headers.get("x-custom"), Some("yes"));

    let err = client
        .describe_images()
        .image_ids("ami-404")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InvalidAMIID.NotFound"));
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.attempts(), Some(1));
    assert_eq!(err.request_id(), Some("r-404"));
    let Error::Service(service) = &err else {
        panic!("{err}")
    };
    assert_eq!(service.headers.get("X-Amzn-RequestId"), Some("r-404"));
}

#[tokio::test]
async fn a_name_shorter_than_the_model_allows_is_refused_without_a_request() {
    let server = MockServer::start().await;
    let client = client(&server);
    let err = client.register_image().name("x").send().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "Parameter validation failed:\nInvalid length for parameter Name, value: 1, valid min length: 3"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
