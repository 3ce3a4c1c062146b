//! A large `DescribeImages` answer made of moto's real images, for the
//! benchmarks: the images of the two answers in `tests/fixtures/ec2/`
//! (two fully described images and one plain one), without the
//! indentation between tags, repeated to any number of images. A real
//! account's answer has about 920 bytes per image (75,516 images in
//! 69 MB); this one has about 900. Also the baseline the benchmarks
//! measure the parsers against, a raw `quick-xml` scan ([`raw_scan`]).

const FULL: &str = include_str!("../fixtures/ec2/describe_images_full.xml");
const PLAIN: &str = include_str!("../fixtures/ec2/describe_images_seed.xml");

/// A `DescribeImages` answer (a last page) holding exactly `images` images:
/// for every 28, the 2 full ones and 26 plain ones.
pub fn describe_images(images: usize) -> Vec<u8> {
    let (full, full_n) = items(FULL);
    let (plain, plain_n) = items(PLAIN);
    assert_eq!((full_n, plain_n), (2, 1), "the fixtures' images");
    let per_unit = full_n + 26 * plain_n;
    let open = FULL.find("<imagesSet>").expect("a list") + "<imagesSet>".len();
    let mut body = Vec::with_capacity(images * 920 + 1024);
    body.extend_from_slice(&FULL.as_bytes()[..open]);
    for _ in 0..images / per_unit {
        body.extend_from_slice(full.as_bytes());
        body.extend_from_slice(plain.repeat(26).as_bytes());
    }
    let mut rest = images % per_unit;
    if rest >= full_n {
        body.extend_from_slice(full.as_bytes());
        rest -= full_n;
    }
    body.extend_from_slice(plain.repeat(rest).as_bytes());
    body.extend_from_slice(b"</imagesSet></DescribeImagesResponse>");
    body
}

/// The baseline of the parse benchmarks: every event of `body`, as
/// cheaply as `quick-xml` 0.38.4 gives them (no unescaping, no UTF-8
/// checks beyond what `read_event` does; 0.38 scans fastest of 0.38 to
/// 0.42, as 0.39 and later check UTF-8 on every event). Returns how many.
pub fn raw_scan(body: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(body);
    let mut events = 0usize;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return events,
            Ok(e) => {
                std::hint::black_box(&e);
                events += 1;
            }
            Err(e) => panic!("the answer is malformed: {e}"),
        }
    }
}

/// The items of an answer's `imagesSet`, compacted, and how many images
/// they are.
fn items(answer: &str) -> (String, usize) {
    let open = answer.find("<imagesSet>").expect("a list") + "<imagesSet>".len();
    let close = answer.rfind("</imagesSet>").expect("a list");
    let list = &answer[open..close];
    (compact(list), list.matches("<imageId>").count())
}

/// `xml` without the whitespace-only text between tags.
fn compact(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        if !text.trim().is_empty() {
            out.push_str(text);
        }
        let gt = rest[lt..].find('>').map_or(rest.len(), |i| lt + i + 1);
        out.push_str(&rest[lt..gt]);
        rest = &rest[gt..];
    }
    out
}
