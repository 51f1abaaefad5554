//! `Error::locate`: the field a decode error happened in, found by the schema walk; and the
//! walk itself agreeing with the decoder on every input.

use crosswire::schema::walk::{self, Step, PATH_STEPS};
use crosswire::schema::Schema;
use crosswire::{
    BoundedString, BoundedVec, Decode, Described, Encode, Error, ErrorKind as K, MaxSize,
};
use proptest::prelude::*;

#[derive(Debug, Default, Encode, Decode, MaxSize, Described, PartialEq)]
struct Peer {
    port: u16,
    up: bool,
}

#[derive(Debug, Encode, Decode, MaxSize, Described, PartialEq)]
enum Mode {
    Off,
    Named(BoundedString<4>),
    Pair(u8, char),
}

#[derive(Debug, Encode, Decode, MaxSize, Described, PartialEq)]
struct Config {
    id: u32,
    peers: BoundedVec<Peer, 3>,
    mode: Mode,
    serial: Option<u16>,
    pair: (u8, bool),
    timeout: core::time::Duration,
}

#[derive(Debug, Encode, Decode, MaxSize, Described, PartialEq)]
#[crosswire(extensible)]
struct Ext {
    a: u32,
    #[crosswire(since = 2)]
    b: Option<u16>,
}

fn encoded(config: &Config) -> Vec<u8> {
    let mut buf = [0u8; Config::MAX_SIZE];
    crosswire::to_slice(config, &mut buf).unwrap().to_vec()
}

fn sample() -> Config {
    let mut peers = BoundedVec::new();
    peers.push(Peer { port: 1, up: true }).unwrap();
    peers.push(Peer { port: 2, up: false }).unwrap();
    Config {
        id: 7,
        peers,
        mode: Mode::Pair(1, 'x'),
        serial: Some(9),
        pair: (3, true),
        timeout: core::time::Duration::new(1, 5),
    }
}

/// The message of decoding `bytes` as a `T`, with the field.
fn located<T: for<'de> Decode<'de> + Described + core::fmt::Debug>(bytes: &[u8]) -> String {
    let e = crosswire::from_bytes::<T>(bytes).unwrap_err();
    e.locate::<T>(bytes).to_string()
}

#[test]
fn errors_name_the_field_they_happened_in() {
    let good = encoded(&sample());
    // id 0..4, peers' length 4..8 and two of 3 bytes, mode's tag 14 and `Pair` 15..20,
    // serial 20..23, pair 23..25, timeout 25..37 (its nanos from 33).
    let cases: [(usize, &[u8], &str); 6] = [
        (
            13,
            &[2],
            "invalid bool (not 0 or 1) at byte offset 13 (Config.peers[1].up)",
        ),
        (14, &[9], "invalid tag at byte offset 14 (Config.mode)"),
        (
            16,
            &[0, 0xD8, 0, 0],
            "invalid char (not a Unicode scalar value) at byte offset 16 (Config.mode.1)",
        ),
        (20, &[2], "invalid tag at byte offset 20 (Config.serial)"),
        (
            24,
            &[5],
            "invalid bool (not 0 or 1) at byte offset 24 (Config.pair.1)",
        ),
        (
            33,
            &[0xFF, 0xFF, 0xFF, 0xFF],
            "invalid Duration (nanoseconds >= 1e9) at byte offset 33 (Config.timeout.nanos)",
        ),
    ];
    for (start, patch, message) in cases {
        let mut bytes = good.clone();
        bytes[start..start + patch.len()].copy_from_slice(patch);
        assert_eq!(located::<Config>(&bytes), message);
    }
}
#[test]
fn a_cut_input_names_the_field_being_read() {
    let good = encoded(&sample());
    assert_eq!(
        located::<Config>(&good[..10]),
        "unexpected end of input at byte offset 10 (Config.peers[0].up)"
    );
    assert_eq!(
        located::<Config>(&good[..good.len() - 1]),
        format!(
            "unexpected end of input at byte offset {} (Config.timeout.nanos)",
            good.len() - 1
        )
    );
}

#[test]
fn errors_of_the_value_itself_name_the_type() {
    let mut bytes = encoded(&sample());
    bytes.push(0);
    let e = crosswire::from_bytes::<Config>(&bytes).unwrap_err();
    assert_eq!(e.kind(), K::TrailingBytes);
    let whole = e.locate::<Config>(&bytes);
    assert_eq!(whole.path().unwrap().steps(), &[] as &[Step]);
    assert_eq!(whole.error(), e);
    assert!(whole.to_string().ends_with("(Config)"), "{whole}");
    // An extensible struct's unknown tail that is not zero is the struct's error (§13):
    // a body of 13 bytes, `a`, `b` as None, then 8 bytes this version does not know.
    let ext = [13, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5];
    assert_eq!(
        located::<Ext>(&ext),
        "non-zero unknown tail in an extensible struct at byte offset 16 (Ext)"
    );
}

#[test]
fn a_string_error_is_in_the_string() {
    let bytes = [1, 2, 0, 0, 0, b'a', 0xFF];
    assert_eq!(
        located::<Mode>(&bytes),
        "invalid UTF-8 at byte offset 6 (Mode.0)"
    );
}

#[test]
fn a_decoder_stricter_than_its_schema_gives_no_path() {
    // The error does not come from these bytes: the walk finds none, and says nothing.
    let bytes = encoded(&sample());
    let made_up = Error::new(K::InvalidValue, 3);
    let unplaced = made_up.locate::<Config>(&bytes);
    assert_eq!(unplaced.path(), None);
    assert_eq!(unplaced.to_string(), made_up.to_string());
}

type Deep = Option<Option<Option<Option<Option<Option<Option<Option<Option<Option<bool>>>>>>>>>>;

#[test]
fn a_deep_path_keeps_its_first_steps() {
    let mut bytes = vec![1; 10];
    bytes.push(2);
    let e = crosswire::from_bytes::<Deep>(&bytes).unwrap_err();
    let deep = e.locate::<Deep>(&bytes);
    let path = deep.path().unwrap();
    assert_eq!(
        (path.steps().len(), path.hidden_steps()),
        (PATH_STEPS, 10 - PATH_STEPS)
    );
    assert_eq!(
        deep.to_string(),
        "invalid bool (not 0 or 1) at byte offset 10 (value.some.some.some.some.some.some.some.some...)"
    );
}

static LOOP: Schema = Schema::Tuple { items: &[&LOOP] };

#[test]
fn a_schema_that_contains_itself_ends_the_walk() {
    let (e, _) = walk::walk(&LOOP, "value", &[], &mut ()).unwrap_err();
    assert_eq!(e.kind(), K::TooDeep);
    assert_eq!(crosswire::schema::max_size(&LOOP), None);
}

/// Any input, as the decoder reads it and as the walk does: the same bytes consumed, or
/// the same error at the same offset, and then a path.
fn agrees<T: for<'de> Decode<'de> + Described>(bytes: &[u8]) -> Result<(), TestCaseError> {
    let decoded = crosswire::take_from_bytes::<T>(bytes).map(|(_, rest)| bytes.len() - rest.len());
    let walked = walk::walk(T::SCHEMA, "value", bytes, &mut ()).map_err(|(e, _)| e);
    prop_assert_eq!(decoded, walked);
    if let Err(e) = decoded {
        prop_assert!(e.locate::<T>(bytes).path().is_some());
    }
    Ok(())
}

proptest! {
    #[test]
    fn the_walk_agrees_with_the_decoder(
        flips in proptest::collection::vec((0usize..64, any::<u8>()), 0..4),
        cut in 0usize..64,
    ) {
        let mut bytes = encoded(&sample());
        for (at, v) in flips {
            let n = bytes.len();
            bytes[at % n] = v;
        }
        let cut = cut.min(bytes.len());
        agrees::<Config>(&bytes[..cut])?;
        agrees::<Config>(&bytes)?;
        agrees::<Ext>(&bytes)?;
    }
}
