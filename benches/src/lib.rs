//! Benchmarks of crosswire against postcard, zerocopy, a hand-written `to_le_bytes`
//! encoder and `memcpy`: see `docs/performance.md`.
//!
//! Every operation is defined once, in [`visit_all`], and run by two drivers: the
//! criterion bench (`benches/codec.rs`, time per operation) and the `cwbench` binary
//! (`src/bin/cwbench.rs`, run under callgrind by `callgrind.sh` for instruction counts).

pub mod asm;
pub mod hand;
pub mod msg;
pub mod pc;
pub mod zc;

use std::hint::black_box;

use crosswire::MaxSize;
use zerocopy::{FromBytes, IntoBytes};

/// What a driver does with each operation.
pub trait Visit {
    /// `f` performs one `op` (`"encode"`, `"decode"` or `"copy"`) of message `msg` with
    /// library `peer`, whose encoding of the message is `bytes` long.
    fn op<F: FnMut()>(&mut self, msg: &str, op: &str, peer: &str, bytes: usize, f: F);
}

/// The peers, in table order.
pub const PEERS: &[&str] = &[
    "crosswire",
    "crosswire-in-place",
    "crosswire-serde",
    "hand",
    "zerocopy",
    "postcard",
    "memcpy",
];

/// The messages, in table order.
pub const MESSAGES: &[&str] = &[
    "small",
    "telemetry",
    "batch",
    "batch-plain",
    "link",
    "stats",
    "samples",
];

/// Registers every operation of one message. `$out` is a stack buffer big enough for
/// every peer's encoding; the hand-written encoder gets its first `MAX_SIZE` bytes as a
/// fixed array.
macro_rules! visit_msg {
    ($v:expr, $name:literal, $value:expr, $M:ty, $P:ty, $Z:ty, $henc:path, $hdec:path) => {{
        const MAX: usize = <$M as MaxSize>::MAX_SIZE;
        let cw: $M = $value;
        let pc = <$P>::from(&cw);
        let zc = <$Z>::from(&cw);
        let mut out = [0u8; 2 * MAX + 64];
        // The same entry point as the timed encode below, as a program would use one.
        let first: &mut [u8; MAX] = out.first_chunk_mut().expect("room");
        let cw_bytes = crosswire::to_fixed(&cw, first)
            .expect("crosswire encodes")
            .to_vec();
        let pc_bytes = postcard::to_slice(&pc, &mut out)
            .expect("postcard encodes")
            .to_vec();
        let zc_bytes = zc.as_bytes().to_vec();
        let n = cw_bytes.len();
        let v: &mut V = $v;

        v.op($name, "encode", "crosswire", n, || {
            let buf: &mut [u8; MAX] = black_box(&mut out).first_chunk_mut().expect("room");
            let r = crosswire::to_fixed(black_box(&cw), buf).map_or(0, |b| b.len());
            black_box(r);
        });
        v.op($name, "decode", "crosswire", n, || {
            black_box(crosswire::from_bytes::<$M>(black_box(&cw_bytes[..])).ok());
        });

        let mut into = <$M>::default();
        v.op($name, "decode", "crosswire-in-place", n, || {
            let r = crosswire::from_bytes_in_place(black_box(&cw_bytes[..]), &mut into);
            // Kept as the other decoders' results are: `black_box` may read every byte.
            black_box((&into, r.is_ok()));
        });

        v.op($name, "encode", "crosswire-serde", n, || {
            let r =
                crosswire::serde::to_slice(black_box(&pc), black_box(&mut out)).map(|b| b.len());
            black_box(r.ok());
        });
        v.op($name, "decode", "crosswire-serde", n, || {
            black_box(crosswire::serde::from_bytes::<$P>(black_box(&cw_bytes[..])).ok());
        });

        v.op($name, "encode", "hand", n, || {
            let buf: &mut [u8; MAX] = black_box(&mut out).first_chunk_mut().expect("room");
            black_box($henc(black_box(&cw), buf));
        });
        v.op($name, "decode", "hand", n, || {
            black_box($hdec(black_box(&cw_bytes[..])));
        });

        v.op($name, "encode", "zerocopy", zc_bytes.len(), || {
            black_box(
                black_box(&zc)
                    .write_to_prefix(black_box(&mut out[..]))
                    .is_ok(),
            );
        });
        v.op($name, "decode", "zerocopy", zc_bytes.len(), || {
            black_box(<$Z>::read_from_bytes(black_box(&zc_bytes[..])).ok());
        });

        v.op($name, "encode", "postcard", pc_bytes.len(), || {
            let r = postcard::to_slice(black_box(&pc), black_box(&mut out[..])).map(|b| b.len());
            black_box(r.ok());
        });
        v.op($name, "decode", "postcard", pc_bytes.len(), || {
            black_box(postcard::from_bytes::<$P>(black_box(&pc_bytes[..])).ok());
        });

        v.op($name, "copy", "memcpy", n, || {
            let src = black_box(&cw_bytes[..]);
            if let Some(dst) = black_box(&mut out).get_mut(..src.len()) {
                dst.copy_from_slice(src);
            }
        });
    }};
}

/// Registers crosswire's operations (and memcpy) of a message whose other peers are those
/// of another row: `batch-plain` is `batch` with plain records, the same bytes.
macro_rules! visit_crosswire {
    ($v:expr, $name:literal, $value:expr, $M:ty) => {{
        const MAX: usize = <$M as MaxSize>::MAX_SIZE;
        let cw: $M = $value;
        let mut out = [0u8; 2 * MAX + 64];
        let first: &mut [u8; MAX] = out.first_chunk_mut().expect("room");
        let cw_bytes = crosswire::to_fixed(&cw, first)
            .expect("crosswire encodes")
            .to_vec();
        let n = cw_bytes.len();
        let v: &mut V = $v;
        v.op($name, "encode", "crosswire", n, || {
            let buf: &mut [u8; MAX] = black_box(&mut out).first_chunk_mut().expect("room");
            let r = crosswire::to_fixed(black_box(&cw), buf).map_or(0, |b| b.len());
            black_box(r);
        });
        v.op($name, "decode", "crosswire", n, || {
            black_box(crosswire::from_bytes::<$M>(black_box(&cw_bytes[..])).ok());
        });
        let mut into = <$M>::default();
        v.op($name, "decode", "crosswire-in-place", n, || {
            let r = crosswire::from_bytes_in_place(black_box(&cw_bytes[..]), &mut into);
            black_box((&into, r.is_ok()));
        });
        v.op($name, "copy", "memcpy", n, || {
            let src = black_box(&cw_bytes[..]);
            if let Some(dst) = black_box(&mut out).get_mut(..src.len()) {
                dst.copy_from_slice(src);
            }
        });
    }};
}

/// Builds every message and hands each operation to `v`.
pub fn visit_all<V: Visit>(v: &mut V) {
    visit_msg!(
        v,
        "small",
        msg::small(7),
        msg::Small,
        pc::Small,
        zc::Small,
        hand::encode_small,
        hand::decode_small
    );
    visit_msg!(
        v,
        "telemetry",
        msg::telemetry(),
        msg::Telemetry,
        pc::Telemetry,
        zc::Telemetry,
        hand::encode_telemetry,
        hand::decode_telemetry
    );
    visit_msg!(
        v,
        "batch",
        msg::batch(),
        msg::Batch,
        pc::Batch,
        zc::Batch,
        hand::encode_batch,
        hand::decode_batch
    );
    visit_crosswire!(v, "batch-plain", msg::plain_batch(), msg::PlainBatch);
    visit_msg!(
        v,
        "link",
        msg::link(),
        msg::Link,
        pc::Link,
        zc::Link,
        hand::encode_link,
        hand::decode_link
    );
    visit_msg!(
        v,
        "stats",
        msg::stats(),
        msg::Stats,
        pc::Stats,
        zc::Stats,
        hand::encode_stats,
        hand::decode_stats
    );
    visit_msg!(
        v,
        "samples",
        msg::samples(),
        msg::Samples,
        pc::Samples,
        zc::Samples,
        hand::encode_samples,
        hand::decode_samples
    );
}
