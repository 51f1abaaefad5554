//! §11 Bounded strings.

use crosswire::{BoundedCStr, BoundedStr, BoundedString, ErrorKind as K};
use crosswire_test_support::{golden, rejects};

#[test]
fn s11_bounded_strings() {
    golden(
        BoundedString::<8>::try_from("hi").unwrap(),
        &[2, 0, 0, 0, 0x68, 0x69],
    );
    golden(
        BoundedStr::<'static, 8>::new("hé").unwrap(),
        &[3, 0, 0, 0, 0x68, 0xC3, 0xA9],
    );
    rejects::<BoundedString<8>>(&[3, 0, 0, 0, 0x68, 0xC3, 0x28], K::InvalidUtf8, 5);
    rejects::<BoundedString<1>>(&[2, 0, 0, 0, 0x68, 0x69], K::LengthOverCapacity, 0);
    // The offset is the first byte of the invalid sequence, not the byte that breaks it.
    rejects::<BoundedString<8>>(&[3, 0, 0, 0, 0xE2, 0x82, 0x28], K::InvalidUtf8, 4);
    // The content is checked once all its bytes are there: a string cut by the input's end
    // is `UnexpectedEnd`, even after a byte that is never UTF-8 (issue 27).
    rejects::<(u8, BoundedString<16>)>(&[2, 10, 0, 0, 0, 0xFF], K::UnexpectedEnd, 6);
    rejects::<BoundedString<16>>(&[10, 0, 0, 0, 0xFF], K::UnexpectedEnd, 5);
    rejects::<BoundedStr<'_, 16>>(&[10, 0, 0, 0, 0xFF], K::UnexpectedEnd, 5);
    // §11.1 likewise: a misplaced NUL in a C string cut by the input's end.
    rejects::<BoundedCStr<'_, 16>>(&[5, 0, 0, 0, 0], K::UnexpectedEnd, 5);
    rejects::<BoundedCStr<'_, 16>>(&[2, 0, 0, 0, 0, 0], K::InvalidValue, 4);
}
