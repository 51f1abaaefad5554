//! The peers encode the same messages: round trips, and the same bytes where the formats
//! agree. (Benchmarks are not tests: nothing here is timed.)

use crosswire::MaxSize;
use crosswire_benches::{hand, msg, pc, zc};
use zerocopy::{FromBytes, IntoBytes};

macro_rules! agree {
    ($test:ident, $value:expr, $M:ty, $P:ty, $Z:ty, $henc:path, $hdec:path, same_layout: $same:expr) => {
        #[test]
        fn $test() {
            const MAX: usize = <$M as MaxSize>::MAX_SIZE;
            let cw: $M = $value;
            let mut buf = [0u8; 2 * MAX + 64];
            let cw_bytes = crosswire::to_slice(&cw, &mut buf).unwrap().to_vec();
            assert_eq!(crosswire::from_bytes::<$M>(&cw_bytes).unwrap(), cw);
            let mut fixed = [0u8; MAX];
            let written = crosswire::to_fixed(&cw, &mut fixed).unwrap();
            assert_eq!(written, &cw_bytes[..], "to_fixed bytes");
            let mut into = <$M>::default();
            crosswire::from_bytes_in_place(&cw_bytes, &mut into).unwrap();
            assert_eq!(into, cw, "decoded in place");

            let n = $henc(&cw, &mut fixed);
            assert_eq!(fixed[..n], cw_bytes[..], "hand-written bytes");
            assert_eq!($hdec(&cw_bytes), Some(cw));
            assert_eq!($hdec(&cw_bytes[..n - 1]), None);

            let pc = <$P>::from(&cw);
            let pc_bytes = postcard::to_slice(&pc, &mut buf).unwrap().to_vec();
            assert_eq!(postcard::from_bytes::<$P>(&pc_bytes).unwrap(), pc);

            let bytes = crosswire::serde::to_slice(&pc, &mut buf).unwrap();
            assert_eq!(bytes, &cw_bytes[..], "serde bridge bytes");
            assert_eq!(crosswire::serde::from_bytes::<$P>(&cw_bytes).unwrap(), pc);

            let zc = <$Z>::from(&cw);
            let zc_back = <$Z>::read_from_bytes(zc.as_bytes()).unwrap();
            assert_eq!(zc_back.as_bytes(), zc.as_bytes());
            if $same {
                assert_eq!(zc.as_bytes(), &cw_bytes[..], "zerocopy bytes");
            }
        }
    };
}

agree!(small, msg::small(7), msg::Small, pc::Small, zc::Small,
    hand::encode_small, hand::decode_small, same_layout: true);
agree!(telemetry, msg::telemetry(), msg::Telemetry, pc::Telemetry, zc::Telemetry,
    hand::encode_telemetry, hand::decode_telemetry, same_layout: false);
agree!(batch, msg::batch(), msg::Batch, pc::Batch, zc::Batch,
    hand::encode_batch, hand::decode_batch, same_layout: true);
agree!(link, msg::link(), msg::Link, pc::Link, zc::Link,
    hand::encode_link, hand::decode_link, same_layout: false);
agree!(stats, msg::stats(), msg::Stats, pc::Stats, zc::Stats,
    hand::encode_stats, hand::decode_stats, same_layout: cfg!(target_endian = "little"));

#[test]
fn hand_decoders_reject_what_crosswire_rejects() {
    let mut buf = [0u8; 64];
    let bytes = crosswire::to_slice(&msg::small(1), &mut buf).unwrap();
    bytes[7] = 2; // `up` is neither 0 nor 1
    assert!(crosswire::from_bytes::<msg::Small>(bytes).is_err());
    assert_eq!(hand::decode_small(bytes), None);
}

agree!(samples, msg::samples(), msg::Samples, pc::Samples, zc::Samples,
    hand::encode_samples, hand::decode_samples, same_layout: true);

#[test]
fn plain_batch_is_batch() {
    let mut buf = [0u8; msg::Batch::MAX_SIZE];
    let bytes = crosswire::to_slice(&msg::batch(), &mut buf)
        .unwrap()
        .to_vec();
    let mut plain_buf = [0u8; msg::PlainBatch::MAX_SIZE];
    let plain = crosswire::to_slice(&msg::plain_batch(), &mut plain_buf).unwrap();
    assert_eq!(plain, &bytes[..], "the same bytes");
    assert_eq!(
        crosswire::from_bytes::<msg::PlainBatch>(&bytes).unwrap(),
        msg::plain_batch()
    );
    let mut bad = bytes.clone();
    bad[4 + 5 * 22 + 7] = 2; // the sixth record's `up`
    let err = crosswire::from_bytes::<msg::PlainBatch>(&bad).unwrap_err();
    assert_eq!(err, crosswire::from_bytes::<msg::Batch>(&bad).unwrap_err());
    assert_eq!(err.offset(), 4 + 5 * 22 + 7);
}
