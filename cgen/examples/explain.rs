//! The byte annotator over the sample types: each value's offset, bytes, path and value,
//! and where and why a decode fails.
//!
//! `cargo run -p crosswire-cgen --example explain -- TYPE HEX`, with TYPE one of `arith`,
//! `arith_reply`, `op`, `op_reply`, `settings`, `settings_reply` and HEX the bytes
//! (spaces allowed), for example
//! `cargo run -p crosswire-cgen --example explain -- settings "08000000 01000000 02000000"`.

use crosswire::{schema::Schema, Described};
use crosswire_sample_types as sample;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let types: [(&str, &Schema); 6] = [
        ("arith", sample::Arith::SCHEMA),
        ("arith_reply", sample::ArithReply::SCHEMA),
        ("op", sample::Op::SCHEMA),
        ("op_reply", sample::OpReply::SCHEMA),
        ("settings", sample::Settings::SCHEMA),
        ("settings_reply", sample::SettingsReply::SCHEMA),
    ];
    let usage = || {
        let names: Vec<&str> = types.iter().map(|(n, _)| *n).collect();
        eprintln!("usage: explain TYPE HEX (TYPE: {})", names.join(", "));
        std::process::exit(2);
    };
    let [name, hex @ ..] = args.as_slice() else {
        return usage();
    };
    let Some((_, schema)) = types.iter().find(|(n, _)| n == name) else {
        return usage();
    };
    let digits: String = hex
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let bytes: Option<Vec<u8>> = (0..digits.len())
        .step_by(2)
        .map(|i| {
            digits
                .get(i..i + 2)
                .and_then(|d| u8::from_str_radix(d, 16).ok())
        })
        .collect();
    let Some(bytes) = bytes else {
        eprintln!("explain: {digits:?} is not hex bytes");
        std::process::exit(2);
    };
    print!("{}", crosswire_cgen::explain::explain(schema, &bytes));
}
