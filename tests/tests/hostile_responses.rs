//! Hostile and broken response bodies: each is a clear error naming what
//! was found and where, and none can make a parser recurse or allocate
//! without bound. Bodies are built here.

use ec2_images::protocol::deserialize::describe_images;
use ec2_images::runtime::xml::{Reader, MAX_DEPTH};
use ec2_images::runtime::{ResponseError, XmlError};

fn xml_error(body: &[u8]) -> XmlError {
    match describe_images(body) {
        Err(ResponseError::Xml(e)) => e,
        other => panic!("expected an XML error, got {other:?}"),
    }
}

const HEAD: &str = "<DescribeImagesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r-1</requestId>";

#[test]
fn a_body_with_another_root_is_an_error_naming_both() {
    let e = xml_error(b"<html><head><title>502 Bad Gateway</title></head><body/></html>");
    assert_eq!(
        e.message(),
        "the root element is <html>, not <DescribeImagesResponse>"
    );
    let e = xml_error(
        b"<?xml version=\"1.0\"?>\n<CopyImageResponse><imageId>x</imageId></CopyImageResponse>",
    );
    assert!(e.message().contains("<CopyImageResponse>"), "{e}");
    // The error document is still read as the service's error.
    let err = describe_images(
        b"<Response><Errors><Error><Code>Nope</Code></Error></Errors><RequestID>r</RequestID></Response>",
    )
    .unwrap_err();
    assert!(
        matches!(err, ResponseError::Service(ref s) if s.code == "Nope"),
        "{err:?}"
    );
}

#[test]
fn unknown_elements_are_skipped_at_any_depth() {
    let depth = 20_000;
    let deep = format!("{}x{}", "<u>".repeat(depth), "</u>".repeat(depth));
    let body = format!(
        "{HEAD}{deep}<imagesSet><item><imageId>ami-1</imageId>{deep}<name>n</name></item></imagesSet></DescribeImagesResponse>"
    );
    let (out, request_id) = describe_images(body.as_bytes()).unwrap();
    assert_eq!(request_id.as_deref(), Some("r-1"));
    let images = out.images.unwrap();
    assert_eq!(images[0].image_id.as_deref(), Some("ami-1"));
    assert_eq!(images[0].name.as_deref(), Some("n"));
    // Inside a value too (an element in a value is skipped with its text).
    let body = format!(
        "{HEAD}<imagesSet><item><imageId>ami-{deep}2</imageId></item></imagesSet></DescribeImagesResponse>"
    );
    let (out, _) = describe_images(body.as_bytes()).unwrap();
    assert_eq!(out.images.unwrap()[0].image_id.as_deref(), Some("ami-2"));
}

#[test]
fn known_nesting_keeps_its_limit() {
    let depth = MAX_DEPTH + 1;
    let body = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let mut r = Reader::new(body.as_bytes());
    r.root().unwrap();
    let mut result = Ok(None);
    for _ in 1..depth {
        result = r.next_child(&[b"a"]);
        if result.is_err() {
            break;
        }
    }
    let e = result.unwrap_err();
    assert!(
        e.message().contains(&format!("deeper than {MAX_DEPTH}")),
        "{e}"
    );
}

#[test]
fn invalid_utf8_is_reported_where_the_bad_bytes_are() {
    for prefix in ["", "<name>abc</name>", "<name>abcdefghij</name><name>é"] {
        let mut body = format!("{HEAD}<imagesSet><item>{prefix}<imageId>ami-").into_bytes();
        let bad = body.len();
        body.extend_from_slice(b"\xff\xfe</imageId></item></imagesSet></DescribeImagesResponse>");
        let e = xml_error(&body);
        assert_eq!(e.position(), bad as u64, "{e}");
    }
    // In a tag's name.
    let mut body = format!("{HEAD}<imagesSet><item><na").into_bytes();
    let bad = body.len();
    body.extend_from_slice(b"\xc3(me>x</na\xc3(me></item></imagesSet></DescribeImagesResponse>");
    assert_eq!(xml_error(&body).position(), bad as u64);
}

#[test]
fn a_body_cut_inside_an_element_names_that_element() {
    let whole = format!(
        "{HEAD}<imagesSet><item><imageId>ami-1</imageId><name>n</name><tagSet><item><key>k</key></item></tagSet></item></imagesSet></DescribeImagesResponse>"
    );
    for (cut_after, element) in [
        ("<imageId>am", "imageId"),
        ("<imageId>ami-1</imageId>", "item"),
        ("<name>n</name>", "item"),
        ("<tagSet>", "tagSet"),
        ("<key>k</key>", "item"),
        ("<imagesSet>", "imagesSet"),
        ("<requestId>r-1</requestId>", "DescribeImagesResponse"),
    ] {
        let end = whole.find(cut_after).unwrap() + cut_after.len();
        let e = xml_error(&whole.as_bytes()[..end]);
        assert_eq!(e.element(), Some(element), "cut after {cut_after}: {e}");
        assert_eq!(e.position(), end as u64, "{e}");
    }
}

#[test]
fn empty_items_cannot_amplify_the_body_without_bound() {
    let n = 1_000_000;
    let body = format!(
        "{HEAD}<imagesSet>{}</imagesSet></DescribeImagesResponse>",
        "<item/>".repeat(n)
    );
    let e = xml_error(body.as_bytes());
    assert!(
        e.message().contains("bytes of memory per byte of body"),
        "{e}"
    );
    // A few are fine, as are many items with content.
    let body = format!(
        "{HEAD}<imagesSet>{}</imagesSet></DescribeImagesResponse>",
        "<item/>".repeat(10)
    );
    assert_eq!(
        describe_images(body.as_bytes())
            .unwrap()
            .0
            .images
            .unwrap()
            .len(),
        10
    );
    let item = format!(
        "<item><imageId>ami-1</imageId><name>{}</name></item>",
        "n".repeat(900)
    );
    let body = format!(
        "{HEAD}<imagesSet>{}</imagesSet></DescribeImagesResponse>",
        item.repeat(2000)
    );
    assert_eq!(
        describe_images(body.as_bytes())
            .unwrap()
            .0
            .images
            .unwrap()
            .len(),
        2000
    );
}

#[test]
fn line_ends_are_read_as_xml_says() {
    // `\r\n` and a lone `\r` are `\n` (XML 1.0, 2.11); a `\r` written as a
    // character reference is kept. The texts are read from the body's
    // string, UTF-8 checked once for the whole body.
    let body = format!(
        "{HEAD}<imagesSet><item><name>a\r\nb\rc</name><description>d&#13;\r\né&amp;</description></item></imagesSet></DescribeImagesResponse>"
    );
    let (result, _) = describe_images(body.as_bytes()).unwrap();
    let image = &result.images.unwrap()[0];
    assert_eq!(image.name.as_deref(), Some("a\nb\nc"));
    assert_eq!(image.description.as_deref(), Some("d\r\né&"));
}
