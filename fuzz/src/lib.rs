//! What each fuzz target checks, shared with the regression tests, which
//! replay every input the fuzzers found (`tests/fixtures/regressions/`)
//! through these same functions on the stable toolchain.
//!
//! Every function takes arbitrary bytes and panics only when a check fails:
//! the code under test must answer every input with a value or an error.

use codegen::{BotocoreFiles, Config, SourceFile};
use ec2_images::protocol::deserialize as de;
use ec2_images::runtime::client::Environment;
use ec2_images::runtime::datetime::{DateTime, TimestampFormat};

/// The largest input the pipeline targets try: beyond it, a model is only
/// bigger, not different.
pub const MAX_MODEL_INPUT: usize = 256 * 1024;

/// Generated output may be at most this many bytes per byte of model, on
/// top of [`OUTPUT_BASE`]: the output grows linearly with the model.
pub const OUTPUT_PER_INPUT_BYTE: usize = 1_000;

/// The output of the smallest model (one operation, no shapes) is below
/// this.
pub const OUTPUT_BASE: usize = 256 * 1024;

/// The most operations generated from one fuzzed model.
const MAX_OPERATIONS: usize = 16;

/// Every response parser of `ec2-images` on `body`.
pub fn responses(body: &[u8]) {
    let _ = de::copy_image(body);
    let _ = de::create_tags(body);
    let _ = de::deregister_image(body);
    let _ = de::describe_image_attribute(body);
    let _ = de::describe_images(body);
    let _ = de::modify_image_attribute(body);
    let _ = de::register_image(body);
    let _ = de::reset_image_attribute(body);
    let _ = de::parse_error(body);
}

/// `text` as a botocore `service-2.json`, through the whole pipeline.
pub fn botocore_pipeline(text: &[u8]) {
    let Some(text) = model_text(text) else { return };
    let files = BotocoreFiles {
        service: SourceFile {
            name: "service-2.json",
            text,
        },
        paginators: None,
        waiters: None,
    };
    if let Ok(model) = codegen::load_botocore(files) {
        pipeline(&model, text.len());
    }
}

/// `text` as a Smithy JSON AST, through the whole pipeline.
pub fn smithy_pipeline(text: &[u8]) {
    let Some(text) = model_text(text) else { return };
    if let Ok(model) = codegen::load_smithy(SourceFile {
        name: "model.json",
        text,
    }) {
        pipeline(&model, text.len());
    }
}

fn model_text(bytes: &[u8]) -> Option<&str> {
    if bytes.len() > MAX_MODEL_INPUT {
        return None;
    }
    std::str::from_utf8(bytes).ok()
}

/// Generates every operation of a loaded model (up to a few); checks that
/// the output grows linearly with the input, and that a model export
/// accepts reloads to a model that generates the same files.
pub fn pipeline(model: &codegen::ir::Model, input_len: usize) {
    let operations: Vec<String> = model
        .operations
        .values()
        .take(MAX_OPERATIONS)
        .map(|op| op.id.name.clone())
        .collect();
    if operations.is_empty() {
        return;
    }
    let config = Config {
        crate_name: "fuzzed".into(),
        crate_version: "0.1.0".into(),
        description: "Fuzzed.".into(),
        service: None,
        operations,
        resources: Vec::new(),
        examples: Vec::new(),
    };
    let generate = |model: &codegen::ir::Model| {
        codegen::generate(model, &Default::default(), &config, "../runtime")
    };
    let first = generate(model);
    if let Ok(files) = &first {
        let size: usize = files.values().map(String::len).sum();
        assert!(
            size <= OUTPUT_BASE + OUTPUT_PER_INPUT_BYTE * input_len,
            "{size} bytes of output from {input_len} bytes of model"
        );
    }
    // What import would write: refused with an error, or reloading to the
    // same model (which then generates the same files).
    let sliced = match codegen::passes::closure::slice(model, &config.operations) {
        Ok(sliced) => sliced,
        Err(_) => return,
    };
    if let Ok(text) = codegen::export::smithy_that_reloads(&sliced, "exported.json") {
        let reloaded = codegen::load_smithy(SourceFile {
            name: "exported.json",
            text: &text,
        })
        .expect("an export that passed its check loads");
        let again = generate(&reloaded);
        match (&first, &again) {
            (Ok(a), Ok(b)) => assert!(a == b, "the reloaded model generates other files"),
            (Err(_), Err(_)) => {}
            (a, b) => panic!(
                "generation differs after export and reload: {:?} then {:?}",
                a.as_ref().err(),
                b.as_ref().err()
            ),
        }
    }
}

/// `text` as boto3's `resources-1.json`.
pub fn resources(text: &[u8]) {
    let Some(text) = model_text(text) else { return };
    let _ = codegen::load_resources(SourceFile {
        name: "resources-1.json",
        text,
    });
}

/// `text` as both shared configuration files; an error must not repeat a
/// line of the file (secrets may be on it). Checked on the lines that hold
/// a character no error message has (as AWS secret keys hold `+` and `/`),
/// so that a line copying a fixed message is not taken for a leak.
pub fn profile(text: &[u8]) {
    let dir = std::env::temp_dir().join(format!("fuzz-profile-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("config");
    if std::fs::write(&path, text).is_err() {
        return;
    }
    let path = path.display().to_string();
    let env = Environment::from_vars([
        ("AWS_CONFIG_FILE", path.as_str()),
        ("AWS_SHARED_CREDENTIALS_FILE", path.as_str()),
    ]);
    if let Err(e) = ec2_images::runtime::client::Config::from_environment(&env) {
        let message = e.message();
        if let Ok(text) = std::str::from_utf8(text) {
            let secret_like = |line: &&str| {
                line.len() >= 24
                    && line.contains(['+', '/', '@', '%', '$', '!', '?', '^', '|', '~'])
            };
            for line in text.lines().map(str::trim).filter(secret_like) {
                assert!(
                    !message.contains(line),
                    "the error repeats a line: {message}"
                );
            }
        }
    }
}

/// `text` as a timestamp in every format; one that parses prints in every
/// format, and its whole seconds print to epoch seconds that parse back to
/// them (the wire's epoch seconds drop the fraction, as botocore's do).
pub fn timestamp(text: &[u8]) {
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let formats = [
        TimestampFormat::DateTime,
        TimestampFormat::HttpDate,
        TimestampFormat::EpochSeconds,
    ];
    for format in formats {
        if let Ok(t) = DateTime::parse(text, format) {
            let again = DateTime::parse_epoch_seconds(&t.to_epoch_seconds())
                .expect("printed epoch seconds parse");
            assert_eq!(again.secs(), t.secs(), "{text:?} ({format:?})");
            for format in formats {
                let _ = t.to_query_string(format);
            }
            let _ = t.to_rfc3339();
        }
    }
    let _ = DateTime::parse_rfc3339(text);
    let _ = DateTime::parse_date_time(text);
    let _ = DateTime::parse_http_date(text);
}

/// `text` as a JMESPath expression.
pub fn jmespath(text: &[u8]) {
    if let Ok(text) = std::str::from_utf8(text) {
        let _ = codegen::jmespath::parse(text);
    }
}
