//! The response parsers of `ec2-images`, on arbitrary bytes: every
//! operation's parser, the error document parser and the modeled errors'.
#![no_main]

libfuzzer_sys::fuzz_target!(|body: &[u8]| {
    fuzz::responses(body);
});
