//! `MaxSizeBuf`: generic code gets a buffer of `T::MAX_SIZE` bytes as a type, `T::Buf`,
//! which `#[derive(MaxSize)]` provides for types without type or const parameters.

use crosswire::{
    Be, BoundedStr, BoundedVec, ByteArray, Decode, Encode, Error, MaxSize, MaxSizeBuf,
};

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Plain {
    id: u32,
    samples: BoundedVec<u16, 3>,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Borrowed<'a, 'b: 'a> {
    name: BoundedStr<'a, 8>,
    note: Option<BoundedStr<'b, 4>>,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(tag = "u16")]
enum Request {
    Ping,
    Get(u64),
}

/// What a user writes: a generic encoder with a stack buffer sized at compile time.
fn encode_generic<T: Encode + MaxSizeBuf + ?Sized>(value: &T) -> Result<(T::Buf, usize), Error> {
    let mut buf = T::Buf::zeroed();
    let len = crosswire::to_slice(value, buf.as_mut())?.len();
    Ok((buf, len))
}

fn buf_len<T: MaxSizeBuf + ?Sized>() -> usize {
    T::Buf::zeroed().as_ref().len()
}

#[test]
fn derived_buffers_are_max_size_long() {
    assert_eq!(buf_len::<Plain>(), Plain::MAX_SIZE);
    assert_eq!(buf_len::<Borrowed<'_, '_>>(), Borrowed::MAX_SIZE);
    assert_eq!(buf_len::<Request>(), Request::MAX_SIZE);
    assert_eq!(<Plain as MaxSizeBuf>::Buf::LEN, 4 + 4 + 3 * 2);
}

#[test]
fn primitive_and_wrapper_buffers_are_max_size_long() {
    assert_eq!(buf_len::<u8>(), 1);
    assert_eq!(buf_len::<u128>(), 16);
    assert_eq!(buf_len::<bool>(), 1);
    assert_eq!(buf_len::<Be<u32>>(), 4);
    assert_eq!(buf_len::<&u64>(), 8);
}

#[test]
fn generic_code_encodes_into_its_own_buffer() {
    let value = Plain {
        id: 7,
        samples: BoundedVec::from_slice(&[1, 2]).unwrap(),
    };
    let (buf, len) = encode_generic(&value).unwrap();
    assert_eq!(&buf[..len], [7, 0, 0, 0, 2, 0, 0, 0, 1, 0, 2, 0]);
    assert_eq!(crosswire::from_bytes::<Plain>(&buf[..len]), Ok(value));
    let (buf, len) = encode_generic(&Request::Get(9)).unwrap();
    assert_eq!(&buf[..len], [1, 0, 9, 0, 0, 0, 0, 0, 0, 0]);
    let name = BoundedStr::new("lo").unwrap();
    let (buf, len) = encode_generic(&Borrowed { name, note: None }).unwrap();
    assert_eq!(&buf[..len], [2, 0, 0, 0, b'l', b'o', 0]);
}
