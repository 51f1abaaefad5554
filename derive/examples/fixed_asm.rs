//! A fixed-size message whose generated encoder and decoder are meant to compile to
//! straight-line loads and stores behind one bounds check. Inspect with
//! `cargo rustc -p crosswire-derive --release --example fixed_asm -- --emit asm` and look
//! for `encode_sample` / `decode_sample` in `target/release/examples/fixed_asm-*.s`.

extern crate cw as crosswire;

use crosswire::{Decode, Encode, MaxSize};

/// A benchmark-like message: a header and a few scalar fields, 32 bytes on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Encode, Decode, MaxSize)]
#[expect(missing_docs, reason = "fields of an example message")]
pub struct Sample {
    pub id: u64,
    pub flags: u32,
    pub kind: u8,
    pub ok: bool,
    pub delta: i16,
    pub pos: [u32; 2],
    pub seq: u64,
}

/// Encodes `s` at the start of `buf`, returning the number of bytes written.
#[inline(never)]
pub fn encode_sample(s: &Sample, buf: &mut [u8]) -> Result<usize, crosswire::Error> {
    crosswire::to_slice(s, buf).map(|b| b.len())
}

/// Decodes a `Sample` from the start of `buf`.
#[inline(never)]
pub fn decode_sample(buf: &[u8]) -> Result<Sample, crosswire::Error> {
    crosswire::take_from_bytes(buf).map(|(s, _)| s)
}

fn main() {
    let s = Sample {
        id: 1,
        flags: 2,
        kind: 3,
        ok: true,
        delta: -4,
        pos: [5, 6],
        seq: 7,
    };
    let mut buf = [0u8; Sample::MAX_SIZE];
    // `black_box` hides the buffer's length, so the encoder cannot be specialised to it.
    let n = encode_sample(&s, std::hint::black_box(&mut buf[..])).unwrap_or(0);
    let back = decode_sample(std::hint::black_box(&buf[..n]));
    assert_eq!(back, Ok(s));
}
