//! `#[crosswire(plain)]` with crosswire's feature `zerocopy` off (runs go field by field;
//! the layout is still checked) and on (runs through zerocopy's byte views): the same
//! golden bytes and the same errors either way. Run both:
//! `cargo test -p crosswire --test plain` and `... --features zerocopy`.
#![cfg(feature = "derive")]

use crosswire::{BoundedVec, ErrorKind, MaxSize, Plain};
use types::Rec;

/// The record, derived as a user would with and without the feature.
mod types {
    use crosswire::{Decode, Encode, MaxSize};

    /// 8 bytes, no padding.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Encode, Decode, MaxSize)]
    #[cfg_attr(
        feature = "zerocopy",
        derive(
            zerocopy::IntoBytes,
            zerocopy::TryFromBytes,
            zerocopy::Immutable,
            zerocopy::KnownLayout
        )
    )]
    #[crosswire(plain)]
    #[repr(C)]
    pub struct Rec {
        pub id: u32,
        pub kind: u16,
        pub up: bool,
        pub level: u8,
    }
}

fn plain<T: Plain>() -> usize {
    T::MAX_SIZE
}

#[test]
fn golden_run_and_errors() {
    assert_eq!(plain::<Rec>(), 8);
    let rec = Rec {
        id: 0x0102_0304,
        kind: 0x0506,
        up: true,
        level: 9,
    };
    let v = BoundedVec::<Rec, 4>::from_slice(&[rec, Rec::default()]).unwrap();
    let mut buf = [0u8; BoundedVec::<Rec, 4>::MAX_SIZE];
    let bytes = crosswire::to_slice(&v, &mut buf).unwrap();
    assert_eq!(
        bytes,
        [2, 0, 0, 0, 4, 3, 2, 1, 6, 5, 1, 9, 0, 0, 0, 0, 0, 0, 0, 0]
    );
    assert_eq!(crosswire::from_bytes::<BoundedVec<Rec, 4>>(bytes), Ok(v));
    bytes[4 + 8 + 6] = 3; // the second record's `up`
    let err = crosswire::from_bytes::<BoundedVec<Rec, 4>>(bytes).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::InvalidBool, 18));
    let err = crosswire::from_bytes::<[Rec; 2]>(&bytes[4..15]).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::UnexpectedEnd, 11));
}
