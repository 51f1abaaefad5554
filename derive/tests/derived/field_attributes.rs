//! Field attributes `#[crosswire(skip)]` and `#[crosswire(with = "module")]`, and the tag
//! width taken from `#[repr(u16)]` when no `tag` is given (`docs/derive.md`).

use crosswire::{Decode, Encode, Error, ErrorKind, MaxSize, Reader, Writer};

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Session {
    id: u32,
    /// Local state, never on the wire.
    #[crosswire(skip)]
    cache: Option<u64>,
    #[crosswire(with = "unix_seconds")]
    started: std::time::SystemTime,
    flags: u8,
}

/// Encodes a `SystemTime` as whole seconds since the Unix epoch, as a `u64`.
mod unix_seconds {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use super::{Error, ErrorKind, Reader, Writer};
    use crosswire::{Decode, Encode};

    pub const MAX_SIZE: usize = 8;

    fn seconds(t: &SystemTime) -> u64 {
        t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
    }

    pub fn encode(t: &SystemTime, w: &mut Writer<'_>) -> Result<(), Error> {
        seconds(t).encode(w)
    }

    pub fn encoded_len(_: &SystemTime) -> usize {
        MAX_SIZE
    }

    pub fn decode(r: &mut Reader<'_>) -> Result<SystemTime, Error> {
        let at = r.offset();
        let secs = u64::decode(r)?;
        UNIX_EPOCH
            .checked_add(Duration::from_secs(secs))
            .ok_or(Error::new(ErrorKind::Custom, at))
    }
}

fn session() -> Session {
    Session {
        id: 7,
        cache: Some(99),
        started: std::time::UNIX_EPOCH + std::time::Duration::from_secs(0x0102),
        flags: 3,
    }
}

#[test]
fn skipped_fields_are_not_on_the_wire_and_decode_as_default() {
    assert_eq!(Session::MAX_SIZE, 4 + 8 + 1);
    let buf = crosswire::to_array::<_, { Session::MAX_SIZE }>(&session()).unwrap();
    assert_eq!(&*buf, [7, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 3]);
    let back: Session = crosswire::from_bytes(&buf).unwrap();
    assert_eq!(
        back,
        Session {
            cache: None,
            ..session()
        }
    );

    let mut in_place = session();
    crosswire::from_bytes_in_place(&buf, &mut in_place).unwrap();
    assert_eq!(
        in_place,
        Session {
            cache: None,
            ..session()
        }
    );
}

#[test]
fn with_modules_encode_and_report_errors_at_their_offset() {
    const { assert!(!Session::FIXED_SIZE) };
    assert_eq!(crosswire::encoded_len(&session()), 13);
    let mut bad = [0u8; 13];
    bad[4..12].copy_from_slice(&u64::MAX.to_le_bytes());
    let err = crosswire::from_bytes::<Session>(&bad).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::Custom, 4));
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
enum Event {
    Up {
        ifindex: u32,
        #[crosswire(skip)]
        seen: u8,
    },
    Down(#[crosswire(skip)] bool, u16),
}

#[test]
fn enum_variants_skip_fields_too() {
    let mut buf = [0u8; Event::MAX_SIZE];
    let up = crosswire::to_slice(
        &Event::Up {
            ifindex: 2,
            seen: 9,
        },
        &mut buf,
    )
    .unwrap();
    assert_eq!(up, [0, 2, 0, 0, 0]);
    let back = crosswire::from_bytes::<Event>(&[0, 2, 0, 0, 0]).unwrap();
    assert_eq!(
        back,
        Event::Up {
            ifindex: 2,
            seen: 0
        }
    );
    let down = crosswire::to_slice(&Event::Down(true, 5), &mut buf).unwrap();
    assert_eq!(down, [1, 5, 0]);
    assert_eq!(
        crosswire::from_bytes::<Event>(&[1, 5, 0]),
        Ok(Event::Down(false, 5))
    );
}

/// `#[repr(u16)]` without `tag`: a `u16` tag, as wide as the discriminant.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[repr(u16)]
enum Command {
    Get = 0x0100,
    Set = 0x0200,
}

/// `repr(C, u32)` counts too; `tag` wins over `repr`.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[repr(C, u32)]
enum Wide {
    A(u8) = 1,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(tag = "u32")]
#[repr(u8)]
enum Explicit {
    A = 1,
}

#[test]
fn repr_gives_the_tag_width_when_tag_is_absent() {
    assert_eq!(Command::MAX_SIZE, 2);
    let mut buf = [0u8; 8];
    assert_eq!(
        crosswire::to_slice(&Command::Set, &mut buf).unwrap(),
        [0x00, 0x02]
    );
    assert_eq!(
        crosswire::from_bytes::<Command>(&[0x00, 0x01]),
        Ok(Command::Get)
    );
    assert_eq!(
        crosswire::to_slice(&Wide::A(9), &mut buf).unwrap(),
        [1, 0, 0, 0, 9]
    );
    assert_eq!(
        crosswire::to_slice(&Explicit::A, &mut buf).unwrap(),
        [1, 0, 0, 0]
    );
}

const BASE: u16 = 0x0100;
const fn offset(n: u16) -> u16 {
    BASE + n * 0x10
}

/// Discriminants written as constant expressions: the tags are computed at compile time,
/// and implicit ones count on from them.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[repr(u16)]
enum Op {
    Open = BASE,
    Read,
    Write = offset(2),
    Close,
    Stat = 7,
    Sync,
}

#[test]
fn discriminants_may_be_constant_expressions() {
    let cases = [
        (Op::Open, 0x0100u16),
        (Op::Read, 0x0101),
        (Op::Write, 0x0120),
        (Op::Close, 0x0121),
        (Op::Stat, 7),
        (Op::Sync, 8),
    ];
    for (op, tag) in cases {
        let mut buf = [0u8; 2];
        assert_eq!(
            crosswire::to_slice(&op, &mut buf).unwrap(),
            tag.to_le_bytes()
        );
        assert_eq!(crosswire::from_bytes::<Op>(&tag.to_le_bytes()), Ok(op));
    }
    let err = crosswire::from_bytes::<Op>(&0x0102u16.to_le_bytes()).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::InvalidTag, 0));
}
