//! The boto3 resource front-end (`resources-1.json`).
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &[u8]| {
    fuzz::resources(text);
});
