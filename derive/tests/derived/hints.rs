//! The field-type hints (`__private::hint`) ask the type system, not the name: a user's own
//! types named like std's (`String`, `Vec`, `Box`) derive and round-trip. Their errors are
//! in `tests/ui/field_types/`.

use crosswire::{Decode, Encode, MaxSize};

mod own {
    use crosswire::{BoundedString, BoundedVec};

    /// A user type called `String`.
    pub type String = BoundedString<8>;
    /// A user type called `Vec`.
    pub type Vec<T> = BoundedVec<T, 4>;

    /// A user type called `Box`, with crosswire's traits derived.
    #[derive(Debug, PartialEq, crosswire::Encode, crosswire::Decode, crosswire::MaxSize)]
    pub struct Box<T>(pub T);
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Named {
    name: own::String,
    ids: own::Vec<u16>,
    boxed: own::Box<u32>,
    nested: Option<own::Vec<u8>>,
}

#[test]
fn own_types_named_like_std_ones_derive() {
    let value = Named {
        name: own::String::try_from("eth0").unwrap(),
        ids: own::Vec::from_slice(&[1, 2]).unwrap(),
        boxed: own::Box(7),
        nested: None,
    };
    let buf = crosswire::to_array::<_, { Named::MAX_SIZE }>(&value).unwrap();
    assert_eq!(
        &*buf,
        [4, 0, 0, 0, b'e', b't', b'h', b'0', 2, 0, 0, 0, 1, 0, 2, 0, 7, 0, 0, 0, 0]
    );
    assert_eq!(crosswire::from_bytes::<Named>(&buf), Ok(value));
}

/// A marker field whose type argument has no wire form: `PhantomData<T>` encodes to
/// nothing (spec §7), so no hint fires for its `T`.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Marked {
    id: u32,
    owner: core::marker::PhantomData<String>,
    keys: core::marker::PhantomData<Vec<f32>>,
}

#[test]
fn phantom_data_of_any_type_derives() {
    let value = Marked {
        id: 7,
        owner: core::marker::PhantomData,
        keys: core::marker::PhantomData,
    };
    assert_eq!(Marked::MAX_SIZE, 4);
    let buf = crosswire::to_array::<_, { Marked::MAX_SIZE }>(&value).unwrap();
    assert_eq!(crosswire::from_bytes::<Marked>(&buf), Ok(value));
}
