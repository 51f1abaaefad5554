//! Smoke test: a struct and an enum with a borrowed field round-trip.

extern crate cw as crosswire;

use crosswire::{Decode, Encode, MaxSize};

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Point {
    x: u32,
    y: i16,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(tag = "u16")]
#[repr(u16)]
enum Cmd<'a> {
    Get = 0x100,
    Set(u32, bool),
    Name { name: crosswire::BoundedStr<'a, 8> },
}

#[test]
fn smoke() {
    let mut buf = [0u8; 16];
    let bytes = crosswire::to_slice(&Point { x: 1, y: -2 }, &mut buf).unwrap();
    assert_eq!(bytes, [1, 0, 0, 0, 0xFE, 0xFF]);
    assert_eq!(Point::MAX_SIZE, 6);
    const { assert!(Point::FIXED_SIZE) };
    let p: Point = crosswire::from_bytes(&[1, 0, 0, 0, 0xFE, 0xFF]).unwrap();
    assert_eq!(p, Point { x: 1, y: -2 });
    let c = Cmd::Name {
        name: crosswire::BoundedStr::new("hi").unwrap(),
    };
    let mut buf = [0u8; 32];
    let bytes = crosswire::to_slice(&c, &mut buf).unwrap();
    assert_eq!(bytes, [0x02, 0x01, 2, 0, 0, 0, b'h', b'i']);
    let d: Cmd<'_> = crosswire::from_bytes(bytes).unwrap();
    assert_eq!(d, c);
}
