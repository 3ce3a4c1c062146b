//! The timestamp parsers, in every format.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &[u8]| {
    fuzz::timestamp(text);
});
