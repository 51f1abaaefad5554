//! Property tests: every impl round-trips, and `encoded_len` is exact and within `MAX_SIZE`.

use crosswire_test_support as common;

use core::{num::NonZeroU32, time::Duration};

use common::{bounded_string, bounded_vec, encode};
use crosswire::{Be, BoundedBytes, BoundedStr, BoundedString, BoundedVec, Decode, Encode};
use proptest::prelude::*;

/// Encodes, checks the length against `MAX_SIZE`, decodes, and compares.
fn round_trip<T>(value: &T)
where
    T: Encode + for<'de> Decode<'de> + PartialEq + core::fmt::Debug,
{
    let bytes = encode(value);
    assert!(bytes.len() <= T::MAX_SIZE);
    if T::FIXED_SIZE {
        assert_eq!(bytes.len(), T::MAX_SIZE);
    }
    assert_eq!(crosswire::from_bytes::<T>(&bytes).as_ref(), Ok(value));
}

macro_rules! round_trips {
    ($($name:ident: $ty:ty = $strategy:expr;)*) => {
        proptest! {$(
            #[test]
            fn $name(value in $strategy) {
                let value: $ty = value;
                round_trip(&value);
            }
        )*}
    };
}

/// The largest tuple crosswire supports.
type Twelve = (
    u8,
    bool,
    char,
    i64,
    Option<u8>,
    [u8; 3],
    u16,
    u32,
    i8,
    i16,
    i32,
    u64,
);

round_trips! {
    u8s: u8 = any::<u8>();
    u16s: u16 = any::<u16>();
    u32s: u32 = any::<u32>();
    u64s: u64 = any::<u64>();
    u128s: u128 = any::<u128>();
    i8s: i8 = any::<i8>();
    i16s: i16 = any::<i16>();
    i32s: i32 = any::<i32>();
    i64s: i64 = any::<i64>();
    i128s: i128 = any::<i128>();
    usizes: usize = any::<usize>();
    isizes: isize = any::<isize>();
    bools: bool = any::<bool>();
    chars: char = any::<char>();
    units: () = Just(());
    nonzeros: NonZeroU32 = any::<NonZeroU32>();
    big_endians: (Be<u16>, Be<i64>, Be<u128>) = any::<(u16, i64, u128)>().prop_map(|(a, b, c)| (Be(a), Be(b), Be(c)));
    durations: Duration = (any::<u64>(), 0u32..1_000_000_000).prop_map(|(s, n)| Duration::new(s, n));
    options: Option<u32> = any::<Option<u32>>();
    nested_options: Option<Option<bool>> = any::<Option<Option<bool>>>();
    results: Result<u16, i8> = any::<Result<u16, i8>>();
    arrays: [i64; 16] = any::<[i64; 16]>();
    bool_arrays: [bool; 5] = any::<[bool; 5]>();
    tuples: Twelve = (any::<(u8, bool, char, i64, Option<u8>, [u8; 3])>(), any::<(u16, u32, i8, i16, i32, u64)>()).prop_map(|((a, b, c, d, e, f), (g, h, i, j, k, l))| (a, b, c, d, e, f, g, h, i, j, k, l));
    bounded_u16s: BoundedVec<u16, 8> = bounded_vec::<u16, 8>(any::<u16>());
    bounded_bytes_owned: BoundedVec<u8, 16> = bounded_vec::<u8, 16>(any::<u8>());
    bounded_nested: BoundedVec<BoundedVec<bool, 3>, 3> = bounded_vec::<_, 3>(bounded_vec::<bool, 3>(any::<bool>()));
    bounded_strings: BoundedString<16> = bounded_string::<16>();
}

#[cfg(feature = "float")]
proptest! {
    #[test]
    fn floats(bits in any::<u64>()) {
        // Compare bits: NaN != NaN, but every payload must survive.
        let value = f64::from_bits(bits);
        let bytes = encode(&value);
        prop_assert_eq!(crosswire::from_bytes::<f64>(&bytes).unwrap().to_bits(), bits);
    }
}

#[cfg(feature = "heapless")]
round_trips! {
    heapless_vecs: heapless::Vec<u32, 6> = prop::collection::vec(any::<u32>(), 0..=6).prop_map(|v| heapless::Vec::from_slice(&v).unwrap());
    heapless_strings: heapless::String<16> = ".{0,10}".prop_filter_map("fits", |s: String| heapless::String::try_from(s.as_str()).ok());
}

#[cfg(feature = "arrayvec")]
round_trips! {
    arrayvecs: arrayvec::ArrayVec<u32, 6> = prop::collection::vec(any::<u32>(), 0..=6).prop_map(|v| v.into_iter().collect());
    arraystrings: arrayvec::ArrayString<16> = ".{0,10}".prop_filter_map("fits", |s: String| arrayvec::ArrayString::from(s.as_str()).ok());
}

proptest! {
    #[test]
    fn borrowed_views(bytes in prop::collection::vec(any::<u8>(), 0..=8), text in ".{0,6}") {
        let view = (BoundedBytes::<8>::new(&bytes).unwrap(), BoundedStr::<32>::new(&text).unwrap());
        let encoded = encode(&view);
        let decoded: (BoundedBytes<8>, BoundedStr<32>) = crosswire::from_bytes(&encoded).unwrap();
        prop_assert_eq!(decoded, view);
    }
}

/// Forward-compatible enums (spec §17): every variant, the catch-all with every tag that
/// no known variant has.
mod open_enums {
    use super::*;
    use crosswire_test_support::open_enum::{Command, Event, Kind, State};

    fn state() -> impl Strategy<Value = State> {
        prop_oneof![
            Just(State::Down),
            Just(State::Up),
            Just(State::Dormant),
            any::<u16>()
                .prop_filter("unknown", |t| ![1, 2, 0x100].contains(t))
                .prop_map(State::Unknown),
        ]
    }

    fn event() -> impl Strategy<Value = Event> {
        prop_oneof![
            (any::<u32>(), any::<bool>()).prop_map(|(ifindex, up)| Event::Link { ifindex, up }),
            Just(Event::Gone),
            bounded_string::<8>().prop_map(Event::Rename),
            (3u8.., bounded_vec::<u8, 16>(any::<u8>()))
                .prop_map(|(tag, body)| Event::Unknown { tag, body }),
        ]
    }

    fn command() -> impl Strategy<Value = Command> {
        prop_oneof![
            any::<u32>().prop_map(|key| Command::Get { key }),
            (any::<u32>(), any::<u64>()).prop_map(|(key, value)| Command::Set { key, value }),
        ]
    }

    round_trips! {
        catch_all_u16: State = state();
        catch_all_u8: Kind = prop_oneof![Just(Kind::A), Just(Kind::B), (2u8..).prop_map(|raw| Kind::Other { raw })];
        extensible_kept: Event = event();
        extensible_skipping: Command = command();
        extensible_nested: (Event, State, Event) = (event(), state(), event());
    }
}
