//! §17.2 Extensible enums (the types in `crosswire_test_support::open_enum`).

use crosswire::{BoundedBytes, BoundedString, BoundedVec, ErrorKind as K, MaxSize};
use crosswire_test_support::{
    encode, golden,
    open_enum::{Borrowed, Command, Event, Strict, Wrap},
    rejects,
};

#[test]
fn s17_2_extensible_enums() {
    // The tag, the largest body's length and the body.
    assert_eq!((Event::MAX_SIZE, Event::FIXED_SIZE), (1 + 4 + 16, false));
    assert_eq!(Command::MAX_SIZE, 2 + 4 + 12);
    golden(
        Event::Link {
            ifindex: 3,
            up: true,
        },
        &[0, 5, 0, 0, 0, 3, 0, 0, 0, 1],
    );
    golden(Event::Gone, &[1, 0, 0, 0, 0]);
    let name = BoundedString::try_from("ab").unwrap();
    // The body is as long as what the fields wrote.
    golden(
        Event::Rename(name),
        &[2, 6, 0, 0, 0, 2, 0, 0, 0, b'a', b'b'],
    );
    golden(
        Command::Set { key: 1, value: 2 },
        &[0x11, 0, 12, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0],
    );
}

#[test]
fn s17_2_known_variants_follow_the_extensible_struct_rules() {
    let link = |ifindex, up| Event::Link { ifindex, up };
    // An older sender: the body is zero-extended, also inside a field.
    let older = [0, 4, 0, 0, 0, 3, 0, 0, 0];
    assert_eq!(crosswire::from_bytes::<Event>(&older), Ok(link(3, false)));
    let cut = [0, 1, 0, 0, 0, 3];
    assert_eq!(crosswire::from_bytes::<Event>(&cut), Ok(link(3, false)));
    assert_eq!(
        crosswire::from_bytes::<Event>(&[0, 0, 0, 0, 0]),
        Ok(link(0, false))
    );
    // A newer sender: a zero tail is dropped, a non-zero one rejected where it is.
    let newer = [0, 6, 0, 0, 0, 3, 0, 0, 0, 1, 0];
    assert_eq!(crosswire::from_bytes::<Event>(&newer), Ok(link(3, true)));
    rejects::<Event>(&[0, 7, 0, 0, 0, 3, 0, 0, 0, 1, 0, 5], K::NonZeroTail, 11);
    rejects::<Event>(&[1, 1, 0, 0, 0, 9], K::NonZeroTail, 5);
    // A body length past the input.
    rejects::<Event>(&[1, 2, 0, 0, 0, 0], K::UnexpectedEnd, 6);
    // ... found before the body's fields are read, as in §13: the bad bool at 9 is not.
    rejects::<Event>(&[0, 6, 0, 0, 0, 3, 0, 0, 0, 2], K::UnexpectedEnd, 10);
}

#[test]
fn s17_2_unknown_variants_are_kept_or_skipped() {
    let body = BoundedVec::try_from(&[1, 2, 3][..]).unwrap();
    golden(Event::Unknown { tag: 9, body }, &[9, 3, 0, 0, 0, 1, 2, 3]);
    golden(
        Event::Unknown {
            tag: 9,
            body: BoundedVec::new(),
        },
        &[9, 0, 0, 0, 0],
    );
    // A kept body is bounded: one longer than the capacity is rejected at its length.
    let mut long = vec![9, 17, 0, 0, 0];
    long.extend([0; 17]);
    rejects::<Event>(&long, K::LengthOverCapacity, 1);
    // Borrowed from the input.
    let input = [7, 2, 0, 0, 0, 0xAA, 0xBB];
    let kept = crosswire::from_bytes::<Borrowed<'_>>(&input).unwrap();
    assert_eq!(
        kept,
        Borrowed::Unknown(7, BoundedBytes::new(&input[5..]).unwrap())
    );
    assert_eq!(encode(&kept), input);
    // Skipped: the tag is kept, the body (of any length) is not, and there is nothing
    // to encode.
    let skipped = [0x20, 0, 3, 0, 0, 0, 1, 2, 3];
    assert_eq!(
        crosswire::from_bytes::<Command>(&skipped),
        Ok(Command::Unknown(0x20))
    );
    rejects::<Command>(&[0x20, 0, 3, 0, 0, 0, 1, 2], K::UnexpectedEnd, 8);
    let mut buf = [0u8; Command::MAX_SIZE];
    let err = crosswire::to_slice(&Command::Unknown(0x20), &mut buf).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::InvalidValue, 0));
    // Without a catch-all, an unknown tag is an error at the tag.
    rejects::<Strict>(&[2, 0, 0, 0, 0], K::InvalidTag, 0);
    golden(Strict::One(5), &[1, 2, 0, 0, 0, 5, 0]);
}

/// Keeps an unknown body of up to 4 bytes, skips a longer one (§17.2).
#[derive(Debug, PartialEq, crosswire::Encode, crosswire::Decode, MaxSize)]
#[crosswire(extensible)]
enum Lenient {
    Link {
        ifindex: u32,
        mtu: u32,
    },
    #[crosswire(other)]
    Unknown(u8, Option<BoundedVec<u8, 4>>),
}

#[test]
fn s17_2_a_body_longer_than_an_option_keeps_is_skipped() {
    // The largest of the known body (`4 + 8`) and the kept one (`4 + 4`), after the tag.
    assert_eq!((Lenient::MAX_SIZE, Lenient::FIXED_SIZE), (13, false));
    let body = BoundedVec::try_from(&[1, 2, 3][..]).unwrap();
    golden(Lenient::Unknown(9, Some(body)), &[9, 3, 0, 0, 0, 1, 2, 3]);
    let full = BoundedVec::try_from(&[1, 2, 3, 4][..]).unwrap();
    golden(
        Lenient::Unknown(9, Some(full)),
        &[9, 4, 0, 0, 0, 1, 2, 3, 4],
    );
    // One byte over the capacity: skipped, the tag kept, and nothing to encode again.
    let long = [9, 5, 0, 0, 0, 1, 2, 3, 4, 5];
    assert_eq!(
        crosswire::from_bytes::<Lenient>(&long),
        Ok(Lenient::Unknown(9, None))
    );
    let mut buf = [0u8; Lenient::MAX_SIZE];
    let err = crosswire::to_slice(&Lenient::Unknown(9, None), &mut buf).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::InvalidValue, 0));
    // A skipped body must still be all there; a kept one reads as any bounded sequence.
    rejects::<Lenient>(&long[..9], K::UnexpectedEnd, 9);
    rejects::<Lenient>(&[9, 3, 0, 0, 0, 1, 2], K::UnexpectedEnd, 7);
    rejects::<Lenient>(&[9, 0xFF, 0xFF, 0xFF, 0xFF], K::UnexpectedEnd, 5);
    // The length itself cut short.
    rejects::<Lenient>(&[9, 5, 0], K::UnexpectedEnd, 3);
    golden(
        Lenient::Link {
            ifindex: 3,
            mtu: 1500,
        },
        &[0, 8, 0, 0, 0, 3, 0, 0, 0, 0xDC, 5, 0, 0],
    );
}

#[test]
fn s17_2_catch_all_of_a_known_tag_does_not_encode() {
    let mut buf = [0u8; Event::MAX_SIZE];
    let body = BoundedVec::new();
    let err = crosswire::to_slice(&Event::Unknown { tag: 1, body }, &mut buf).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::InvalidValue, 0));
    let err = crosswire::to_slice(&Command::Unknown(0x11), &mut buf).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::InvalidValue, 0));
}

#[test]
fn s17_2_inside_a_zero_extended_body() {
    // The outer body ends after the inner tag: the inner length and body are the outer's
    // virtual zeros, so the variant reads as all zero.
    assert_eq!(
        crosswire::from_bytes::<Wrap>(&[1, 0, 0, 0, 0]),
        Ok(Wrap {
            event: Event::Link {
                ifindex: 0,
                up: false
            }
        })
    );
    // An unknown variant keeps virtual zeros as real ones: none here, its length is 0.
    assert_eq!(
        crosswire::from_bytes::<Wrap>(&[1, 0, 0, 0, 9]),
        Ok(Wrap {
            event: Event::Unknown {
                tag: 9,
                body: BoundedVec::new()
            }
        })
    );
}
