//! Items streamed from the connection (`send_streaming()`, the paginator's
//! `items()`), against a scripted server that sends the body in chunks: the
//! same items as the whole-body parser whatever the chunks; an error in the
//! middle of the body after the items before it, then the end.

use ec2_images::runtime::client::{Config, Credentials, RetryConfig};
use ec2_images::runtime::operation::Error;
use ec2_images::types::Image;
use ec2_images::Client;
use tests::chunked_server::{Answer, ChunkedServer, Ending};

const FIXTURE: &str = include_str!("../fixtures/ec2/describe_images_full.xml");

/// The fixture's images, four times over (several items, each of them
/// with lists of their own inside).
static FULL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let (body, _) = tests::chunked_server::repeat_images(FIXTURE, 0, 4);
    String::from_utf8(body).unwrap()
});

fn client(server: &ChunkedServer) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(server.url())
            .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
            .retry(
                RetryConfig::standard()
                    .with_max_attempts(3)
                    .with_initial_backoff(std::time::Duration::from_millis(1)),
            )
            .build(),
    )
}

/// The images of `body`, by the whole-body parser.
fn whole(body: &str) -> Vec<Image> {
    let (output, _) = ec2_images::protocol::deserialize::describe_images(body.as_bytes()).unwrap();
    output.images.unwrap()
}

/// Every item of a streamed call, and what ended it.
async fn stream_all(client: &Client) -> (Vec<Image>, Option<Error>) {
    let mut stream = client.describe_images().send_streaming().await.unwrap();
    let mut items = Vec::new();
    let mut error = None;
    while let Some(item) = stream.next().await {
        match item {
            Ok(image) => items.push(image),
            Err(e) => {
                assert!(error.is_none(), "a second error: {e}");
                error = Some(e);
            }
        }
    }
    assert!(stream.next().await.is_none(), "the stream ended");
    (items, error)
}

/// The body cut just inside the `n`th image (counting from 0).
fn cut_inside_image(body: &str, n: usize) -> &str {
    let mut at = 0;
    for _ in 0..=n {
        at += body[at..].find("<imageId>").unwrap() + 1;
    }
    &body[..at + 20]
}

#[tokio::test]
async fn chunks_of_1_7_and_64k_bytes_give_the_whole_body_parser_s_items() {
    let expected = whole(&FULL);
    assert!(expected.len() >= 3, "the fixture has several images");
    for chunk in [1, 7, 64 * 1024] {
        let server = ChunkedServer::start(vec![Answer::ok(FULL.as_str(), chunk)]);
        let client = client(&server);
        let mut stream = client.describe_images().send_streaming().await.unwrap();
        // The headers' request id, until the body's is read.
        assert_eq!(stream.request_id(), Some("header-id"));
        let mut items = vec![stream.next().await.unwrap().unwrap()];
        // EC2 sends its request id before the list: known from the first item.
        assert_eq!(
            stream.request_id(),
            Some("7f4b1c2e-9d3a-4b5c-8e6f-0a1b2c3d4e5f")
        );
        while let Some(item) = stream.next().await {
            items.push(item.unwrap());
        }
        assert_eq!(items, expected, "chunks of {chunk} bytes");
        assert_eq!(
            stream.request_id(),
            Some("7f4b1c2e-9d3a-4b5c-8e6f-0a1b2c3d4e5f")
        );
        let output = stream.output().expect("the rest of the output");
        assert_eq!(output.images.as_deref(), Some(&[][..]));

        // The paginator's items, streamed, are the same.
        let paged = client
            .describe_images()
            .into_paginator()
            .items()
            .collect()
            .await
            .unwrap();
        assert_eq!(paged, expected, "paged, chunks of {chunk} bytes");
    }
}

#[tokio::test]
async fn the_paginator_streams_page_after_page_following_the_tail_s_token() {
    let page = |token: &str, ids: &[&str]| {
        let items: String = ids
            .iter()
            .map(|id| format!("<item><imageId>{id}</imageId></item>"))
            .collect();
        format!(
            "<DescribeImagesResponse><requestId>r</requestId><imagesSet>{items}</imagesSet>{token}</DescribeImagesResponse>"
        )
    };
    let server = ChunkedServer::start(vec![
        Answer::ok(page("<nextToken>t1</nextToken>", &["a", "b"]), 5),
        Answer::ok(page("<nextToken>t2</nextToken>", &["c"]), 3),
        Answer::ok(page("", &["d"]), 64),
    ]);
    let ids: Vec<String> = client(&server)
        .describe_images()
        .into_paginator()
        .items()
        .collect()
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.image_id.unwrap())
        .collect();
    assert_eq!(ids, ["a", "b", "c", "d"]);
    assert_eq!(server.requests(), 3);
}

#[tokio::test]
async fn a_body_cut_inside_an_item_gives_the_items_before_then_one_error() {
    let expected = whole(&FULL);
    let cut = cut_inside_image(&FULL, 2);
    for chunk in [1, 7, 64 * 1024] {
        let server = ChunkedServer::start(vec![Answer::ok(cut, chunk)]);
        let (items, error) = stream_all(&client(&server)).await;
        assert_eq!(items, expected[..2], "chunks of {chunk} bytes");
        match error {
            Some(Error::Response { error, .. }) => {
                assert!(error.message().contains("ends before"), "{error}");
                assert!(error.position() as usize >= cut.len() - 30, "{error}");
            }
            other => panic!("expected a truncated answer, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn an_error_document_in_the_body_gives_the_items_before_then_the_service_error() {
    let expected = whole(&FULL);
    let full: &str = &FULL;
    let end_of_second = {
        let first = full.find("<imagesSet>").unwrap();
        let mut at = first;
        // The end of the second image: the second `</item>` at its depth.
        let items = &full[first..];
        let mut depth = 0;
        let mut seen = 0;
        let mut i = 0;
        while seen < 2 {
            let rest = &items.as_bytes()[i..];
            if rest.starts_with(b"<item>") {
                depth += 1;
            } else if rest.starts_with(b"</item>") {
                depth -= 1;
                if depth == 0 {
                    seen += 1;
                    at = first + i + "</item>".len();
                }
            }
            i += 1;
        }
        at
    };
    let body = format!(
        "{}<Response><Errors><Error><Code>InternalError</Code><Message>gone</Message></Error></Errors><RequestID>e-1</RequestID></Response>",
        &full[..end_of_second]
    );
    let server = ChunkedServer::start(vec![Answer::ok(body, 7)]);
    let (items, error) = stream_all(&client(&server)).await;
    assert_eq!(items, expected[..2]);
    let error = error.expect("an error");
    assert_eq!(error.code(), Some("InternalError"), "{error}");
    assert_eq!(error.request_id(), Some("e-1"));
}

#[tokio::test]
async fn a_connection_reset_gives_the_items_before_then_one_error() {
    let expected = whole(&FULL);
    let cut = cut_inside_image(&FULL, 3);
    let server = ChunkedServer::start(vec![Answer {
        ending: Ending::Reset,
        ..Answer::ok(cut, 64)
    }]);
    let (items, error) = stream_all(&client(&server)).await;
    assert_eq!(items, expected[..3]);
    match error {
        Some(Error::Send(e)) => assert!(e.to_string().contains("connection"), "{e}"),
        other => panic!("expected a connection error, got {other:?}"),
    }
    // Not retried: the items before were already given.
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn retries_happen_before_the_first_item() {
    let error = "<Response><Errors><Error><Code>RequestLimitExceeded</Code></Error></Errors><RequestID>x</RequestID></Response>";
    let server = ChunkedServer::start(vec![
        Answer {
            status: 503,
            ..Answer::ok(error, 64)
        },
        Answer::ok(FULL.as_str(), 64),
    ]);
    let (items, failure) = stream_all(&client(&server)).await;
    assert!(failure.is_none(), "{failure:?}");
    assert_eq!(items, whole(&FULL));
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn an_error_answer_is_an_error_before_any_item() {
    let error = "<Response><Errors><Error><Code>InvalidAMIID.NotFound</Code><Message>no</Message></Error></Errors><RequestID>x</RequestID></Response>";
    let server = ChunkedServer::start(vec![Answer {
        status: 400,
        ..Answer::ok(error, 5)
    }]);
    let error = client(&server)
        .describe_images()
        .send_streaming()
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("InvalidAMIID.NotFound"));
    assert_eq!(error.request_id(), Some("x"));
}

#[tokio::test]
async fn dropping_the_stream_closes_its_connection_and_the_client_goes_on() {
    let server = ChunkedServer::start(vec![Answer::ok(FULL.as_str(), 7)]);
    let client = client(&server);
    let mut stream = client.describe_images().send_streaming().await.unwrap();
    assert!(stream.next().await.unwrap().is_ok());
    drop(stream);
    let (items, error) = stream_all(&client).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(items, whole(&FULL));
}
