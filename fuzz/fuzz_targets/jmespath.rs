//! The JMESPath parser of waiters and resource paths.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &[u8]| {
    fuzz::jmespath(text);
});
