//! A scripted HTTP/1.1 server on the loopback interface that sends answer
//! bodies in chunks of a chosen size (`Transfer-Encoding: chunked`, one
//! HTTP chunk per piece, each written and flushed on its own), so that a
//! client reads them piece by piece; and that can end a body cleanly
//! early, or close the connection in the middle of it.
//!
//! It runs on a thread of its own (std only), one connection at a time,
//! answering each request with the next answer of its script (the last
//! one again once the script is used up).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;

/// When a body was last written whole (microseconds since the epoch).
static LAST_BODY_DONE: AtomicU64 = AtomicU64::new(0);

/// When this process's servers last finished writing a body, in
/// microseconds since the epoch.
pub fn last_body_done_at_us() -> Option<u64> {
    Some(LAST_BODY_DONE.load(Ordering::SeqCst)).filter(|t| *t > 0)
}

/// How an answer's body ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The last chunk, as HTTP wants it.
    Clean,
    /// The connection is closed after the body's bytes, with no last chunk.
    Reset,
}

/// One scripted answer.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub body: Vec<u8>,
    /// The size of each chunk the body is sent in.
    pub chunk: usize,
    /// How the body ends.
    pub ending: Ending,
}

impl Answer {
    /// A 200 answer sent in chunks of `chunk` bytes, ending cleanly.
    pub fn ok(body: impl Into<Vec<u8>>, chunk: usize) -> Answer {
        Answer {
            status: 200,
            body: body.into(),
            chunk,
            ending: Ending::Clean,
        }
    }
}

/// A running server.
pub struct ChunkedServer {
    url: String,
    requests: Arc<AtomicUsize>,
}

impl ChunkedServer {
    /// Starts a server answering with `script`, in order.
    pub fn start(script: Vec<Answer>) -> ChunkedServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let url = format!("http://{}/", listener.local_addr().expect("an address"));
        let requests = Arc::new(AtomicUsize::new(0));
        let counter = requests.clone();
        let script: Arc<[Answer]> = script.into();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let script = script.clone();
                let counter = counter.clone();
                thread::spawn(move || serve(stream, &script, &counter));
            }
        });
        ChunkedServer { url, requests }
    }

    /// The endpoint URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// How many requests were answered (or are being answered).
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

/// Answers the requests of one connection, until it closes or an answer
/// resets it.
fn serve(stream: TcpStream, script: &[Answer], counter: &AtomicUsize) {
    let _ = stream.set_nodelay(true);
    let Ok(write_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let mut out = write_half;
    loop {
        let Some(()) = read_request(&mut reader) else {
            return;
        };
        let n = counter.fetch_add(1, Ordering::SeqCst);
        let Some(answer) = script.get(n).or(script.last()) else {
            return;
        };
        if write_answer(&mut out, answer).is_err() || answer.ending == Ending::Reset {
            let _ = out.shutdown(std::net::Shutdown::Both);
            return;
        }
    }
}

/// Reads one request (head and `Content-Length` body); `None` at the end
/// of the connection.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<()> {
    let mut length = 0usize;
    let mut first = true;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if first && line.trim().is_empty() {
            continue;
        }
        first = false;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok()?;
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(())
}

fn write_answer(out: &mut TcpStream, answer: &Answer) -> std::io::Result<()> {
    write!(
        out,
        "HTTP/1.1 {} X\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\nx-amzn-requestid: header-id\r\n\r\n",
        answer.status
    )?;
    out.flush()?;
    for piece in answer.body.chunks(answer.chunk.max(1)) {
        write!(out, "{:x}\r\n", piece.len())?;
        out.write_all(piece)?;
        out.write_all(b"\r\n")?;
        out.flush()?;
    }
    if answer.ending == Ending::Clean {
        out.write_all(b"0\r\n\r\n")?;
        out.flush()?;
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX));
    LAST_BODY_DONE.store(now, Ordering::SeqCst);
    Ok(())
}

/// A `DescribeImages` answer holding the images of `fixture` (an answer)
/// `copies` times over, and how many images it holds; a last page (the
/// fixture's `nextToken` left out).
pub fn repeat_images(fixture: &str, images_per_copy: usize, copies: usize) -> (Vec<u8>, usize) {
    let open = fixture
        .find("<imagesSet>")
        .map_or(0, |i| i + "<imagesSet>".len());
    let close = fixture.rfind("</imagesSet>").unwrap_or(open);
    let items = &fixture[open..close];
    let mut body = Vec::with_capacity(fixture.len() + items.len() * copies);
    body.extend_from_slice(&fixture.as_bytes()[..open]);
    for _ in 0..copies {
        body.extend_from_slice(items.as_bytes());
    }
    let tail = &fixture[close..];
    let tail = match (tail.find("<nextToken>"), tail.find("</nextToken>")) {
        (Some(a), Some(b)) if a < b => {
            format!("{}{}", &tail[..a], &tail[b + "</nextToken>".len()..])
        }
        _ => tail.to_string(),
    };
    body.extend_from_slice(tail.as_bytes());
    (body, images_per_copy * copies)
}
