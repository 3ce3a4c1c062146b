//! A moto server (the EC2 emulator from PyPI) for the end-to-end tests:
//! installed on first use into `target/moto-venv` by `tests/moto/install.sh`,
//! started on a free loopback port, and stopped when the test process ends.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// A running moto server.
pub struct Moto {
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    // Held open for the life of the process: when the test process exits,
    // the pipe closes and the wrapper shell stops moto.
    _stdin: Mutex<ChildStdin>,
    _child: Mutex<Child>,
}

/// The moto server of this test process, started on first use.
pub fn server() -> &'static Moto {
    static SERVER: OnceLock<Moto> = OnceLock::new();
    SERVER.get_or_init(start)
}

fn start() -> Moto {
    let root = crate::reference::workspace_root();
    let venv = root.join("target/moto-venv");
    let install = root.join("tests/moto/install.sh");
    let status = Command::new("bash")
        .arg(&install)
        .arg(&venv)
        .status()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", install.display()));
    assert!(status.success(), "{} failed: {status}", install.display());

    let port = free_port();
    let server: PathBuf = venv.join("bin/moto_server");
    // The wrapper stops moto when its stdin closes, i.e. when this process
    // ends, however it ends.
    let script = format!(
        "'{}' -H 127.0.0.1 -p {port} 2>&1 & pid=$!; trap 'kill $pid 2>/dev/null' EXIT; read -r _ || true",
        server.display()
    );
    let mut child = Command::new("bash")
        .args(["-c", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("cannot start moto_server");
    let stdin = child.stdin.take().expect("piped stdin");
    let stdout = child.stdout.take().expect("piped stdout");
    // Drain moto's log so it never blocks on a full pipe; keep it quiet.
    std::thread::spawn(move || for _ in BufReader::new(stdout).lines() {});

    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "moto did not listen on port {port} within 60 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Moto {
        endpoint: format!("http://127.0.0.1:{port}"),
        _stdin: Mutex::new(stdin),
        _child: Mutex::new(child),
    }
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local address").port()
}
