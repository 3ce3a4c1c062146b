//! The Smithy JSON AST front-end through the whole pipeline to formatted
//! files, with the export and reload check and the output size check.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &[u8]| {
    fuzz::smithy_pipeline(text);
});
