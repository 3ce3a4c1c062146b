//! The shared configuration file parser (`~/.aws/config`, `credentials`).
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &[u8]| {
    fuzz::profile(text);
});
