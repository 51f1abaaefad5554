//! Out-of-line entry points whose machine code `asm.sh` prints, to check what the
//! derive compiles to (for example that a `FIXED_SIZE` message does one length check,
//! not one per field). Not used by the benchmarks.

use crosswire::Error;

use crate::{hand, msg};

macro_rules! probes {
    ($($enc:ident $dec:ident $dec_in_place:ident $hand_enc:ident $hand_dec:ident: $M:ty = $he:path, $hd:path;)*) => {$(
        /// crosswire's encoder, out of line.
        #[inline(never)]
        pub fn $enc(m: &$M, buf: &mut [u8; <$M as crosswire::MaxSize>::MAX_SIZE]) -> usize {
            crosswire::to_fixed(m, buf).map_or(0, |b| b.len())
        }

        /// crosswire's decoder, out of line.
        #[inline(never)]
        pub fn $dec(b: &[u8]) -> Result<$M, Error> {
            crosswire::from_bytes(b)
        }

        /// crosswire's in-place decoder, out of line.
        #[inline(never)]
        pub fn $dec_in_place(b: &[u8], out: &mut $M) -> Result<(), Error> {
            crosswire::from_bytes_in_place(b, out)
        }

        /// The hand-written encoder, out of line.
        #[inline(never)]
        pub fn $hand_enc(m: &$M, buf: &mut [u8; <$M as crosswire::MaxSize>::MAX_SIZE]) -> usize {
            $he(m, buf)
        }

        /// The hand-written decoder, out of line.
        #[inline(never)]
        pub fn $hand_dec(b: &[u8]) -> Option<$M> {
            $hd(b)
        }
    )*};
}

probes! {
    cw_encode_small cw_decode_small cw_decode_in_place_small hand_encode_small hand_decode_small:
        msg::Small = hand::encode_small, hand::decode_small;
    cw_encode_telemetry cw_decode_telemetry cw_decode_in_place_telemetry hand_encode_telemetry hand_decode_telemetry:
        msg::Telemetry = hand::encode_telemetry, hand::decode_telemetry;
    cw_encode_batch cw_decode_batch cw_decode_in_place_batch hand_encode_batch hand_decode_batch:
        msg::Batch = hand::encode_batch, hand::decode_batch;
    cw_encode_link cw_decode_link cw_decode_in_place_link hand_encode_link hand_decode_link:
        msg::Link = hand::encode_link, hand::decode_link;
    cw_encode_stats cw_decode_stats cw_decode_in_place_stats hand_encode_stats hand_decode_stats:
        msg::Stats = hand::encode_stats, hand::decode_stats;
    cw_encode_samples cw_decode_samples cw_decode_in_place_samples hand_encode_samples hand_decode_samples:
        msg::Samples = hand::encode_samples, hand::decode_samples;
}

/// crosswire's in-place decoder of `batch-plain`, out of line.
#[inline(never)]
pub fn cw_decode_in_place_plain_batch(b: &[u8], out: &mut msg::PlainBatch) -> Result<(), Error> {
    crosswire::from_bytes_in_place(b, out)
}
