//! The derived `decode_in_place` (field by field into place) gives exactly what the derived
//! `decode` gives, whatever the value held before: the same value or the same error, kind
//! and offset. Fixed-size structs (both the one-length-check path and the field-by-field
//! path), containers of derived structs, extensible structs (zero-extended bodies), tuple
//! structs, enum fields.

use crosswire_test_support as common;

use common::{bounded_string, bounded_vec, encode, in_place_tests, rejects_in_place};
use crosswire::{BoundedString, BoundedVec, Decode, Encode, ErrorKind as K, MaxSize};
use proptest::prelude::*;

/// Fixed-size, with a bool.
#[derive(Debug, Clone, Copy, Default, PartialEq, Encode, Decode, MaxSize)]
struct Rec {
    id: u16,
    up: bool,
    level: u8,
}

/// A bounded vector of derived structs between other fields.
#[derive(Debug, Clone, Default, PartialEq, Encode, Decode, MaxSize)]
struct Batch {
    seq: u32,
    recs: BoundedVec<Rec, 3>,
    name: BoundedString<6>,
}

/// Extensible: an older sender's body leaves the later fields to zero-extension.
#[derive(Debug, Clone, Default, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct Ext {
    a: u8,
    #[crosswire(since = 2)]
    list: BoundedVec<u16, 3>,
    #[crosswire(since = 2)]
    name: BoundedString<4>,
    #[crosswire(since = 2)]
    last: Rec,
}

/// A tuple struct.
#[derive(Debug, Clone, Default, PartialEq, Encode, Decode, MaxSize)]
struct Pair(BoundedVec<u8, 3>, Rec);

#[derive(Debug, Clone, Default, PartialEq, Encode, Decode, MaxSize)]
enum Op {
    #[default]
    Nop,
    Set(BoundedString<4>),
    Many(BoundedVec<Rec, 2>),
}

/// Enum fields, alone and in a vector.
#[derive(Debug, Clone, Default, PartialEq, Encode, Decode, MaxSize)]
struct WithOp {
    op: Op,
    ops: BoundedVec<Op, 2>,
    done: bool,
}

/// All of the above, nested.
#[derive(Debug, Clone, Default, PartialEq, Encode, Decode, MaxSize)]
struct Outer {
    batch: Batch,
    ext: Ext,
    pairs: [Pair; 2],
    with_op: WithOp,
}

fn rec() -> impl Strategy<Value = Rec> {
    any::<(u16, bool, u8)>().prop_map(|(id, up, level)| Rec { id, up, level })
}

fn batch() -> impl Strategy<Value = Batch> {
    (
        any::<u32>(),
        bounded_vec::<_, 3>(rec()),
        bounded_string::<6>(),
    )
        .prop_map(|(seq, recs, name)| Batch { seq, recs, name })
}

fn ext() -> impl Strategy<Value = Ext> {
    (
        any::<u8>(),
        bounded_vec::<_, 3>(any::<u16>()),
        bounded_string::<4>(),
        rec(),
    )
        .prop_map(|(a, list, name, last)| Ext {
            a,
            list,
            name,
            last,
        })
}

fn pair() -> impl Strategy<Value = Pair> {
    (bounded_vec::<_, 3>(any::<u8>()), rec()).prop_map(|(v, r)| Pair(v, r))
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::Nop),
        bounded_string::<4>().prop_map(Op::Set),
        bounded_vec::<_, 2>(rec()).prop_map(Op::Many),
    ]
}

fn with_op() -> impl Strategy<Value = WithOp> {
    (op(), bounded_vec::<_, 2>(op()), any::<bool>()).prop_map(|(op, ops, done)| WithOp {
        op,
        ops,
        done,
    })
}

fn outer() -> impl Strategy<Value = Outer> {
    (batch(), ext(), [pair(), pair()], with_op()).prop_map(|(batch, ext, pairs, with_op)| Outer {
        batch,
        ext,
        pairs,
        with_op,
    })
}

in_place_tests! {
    fixed_structs: Rec = rec();
    arrays_of_fixed_structs: [Rec; 2] = [rec(), rec()];
    structs_with_vectors_of_structs: Batch = batch();
    extensible_structs: Ext = ext();
    tuple_structs: Pair = pair();
    enum_fields: WithOp = with_op();
    nested: Outer = outer();
}

fn rec_of(id: u16, up: bool, level: u8) -> Rec {
    Rec { id, up, level }
}

fn full_batch() -> Batch {
    Batch {
        seq: 0xAABB_CCDD,
        recs: BoundedVec::from_slice(&[rec_of(1, true, 2), rec_of(3, true, 4), rec_of(5, true, 6)])
            .unwrap(),
        name: BoundedString::try_from("stale!").unwrap(),
    }
}

fn full_ext() -> Ext {
    Ext {
        a: 9,
        list: BoundedVec::from_slice(&[1, 2, 3]).unwrap(),
        name: BoundedString::try_from("old").unwrap(),
        last: rec_of(7, true, 8),
    }
}

#[test]
fn stale_records_do_not_show() {
    let mut batch = full_batch();
    let one = Batch {
        seq: 1,
        recs: BoundedVec::from_slice(&[rec_of(0x0102, false, 0)]).unwrap(),
        name: BoundedString::new(),
    };
    let bytes = encode(&one);
    assert_eq!(bytes, [1, 0, 0, 0, 1, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0]);
    crosswire::from_bytes_in_place(&bytes, &mut batch).unwrap();
    assert_eq!(batch, one);
    assert_eq!(batch.recs.len(), 1);
    assert_eq!(encode(&batch), bytes);
}

#[test]
fn fixed_struct_in_place_on_both_paths() {
    // Exactly MAX_SIZE bytes (one length check), and inside a longer input (field by field
    // after the vector's length).
    let mut r = rec_of(0xFFFF, true, 0xFF);
    crosswire::from_bytes_in_place(&[2, 1, 0, 3], &mut r).unwrap();
    assert_eq!(r, rec_of(0x0102, false, 3));
    let mut p = Pair(
        BoundedVec::from_slice(&[1, 2, 3]).unwrap(),
        rec_of(9, true, 9),
    );
    crosswire::from_bytes_in_place(&[1, 0, 0, 0, 5, 2, 1, 0, 3], &mut p).unwrap();
    assert_eq!(
        p,
        Pair(
            BoundedVec::from_slice(&[5]).unwrap(),
            rec_of(0x0102, false, 3)
        )
    );
}

#[test]
fn older_sender_zero_extends_in_place() {
    // The body holds `a` only: `list`, `name` and `last` read as zeros (spec §13), not as
    // what the value held.
    let mut ext = full_ext();
    let bytes = [1, 0, 0, 0, 5];
    crosswire::from_bytes_in_place(&bytes, &mut ext).unwrap();
    assert_eq!(
        ext,
        Ext {
            a: 5,
            ..Ext::default()
        }
    );
    assert_eq!(crosswire::from_bytes::<Ext>(&bytes), Ok(ext));

    // The body ends inside `last`.
    let mut ext = full_ext();
    let bytes = [1 + 4 + 4 + 1, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 2];
    crosswire::from_bytes_in_place(&bytes, &mut ext).unwrap();
    assert_eq!(ext.last, rec_of(2, false, 0));
    assert_eq!(ext.list.len(), 0);
    assert_eq!(crosswire::from_bytes::<Ext>(&bytes), Ok(ext));

    // A newer sender's zero tail is accepted, a non-zero one is not.
    let mut bytes = encode(&full_ext());
    bytes[0] += 2;
    bytes.extend_from_slice(&[0, 0]);
    let mut ext = Ext::default();
    crosswire::from_bytes_in_place(&bytes, &mut ext).unwrap();
    assert_eq!(ext, full_ext());
    let at = bytes.len() - 1;
    bytes[at] = 1;
    rejects_in_place(&bytes, Ext::default(), K::NonZeroTail, at);
}

#[test]
fn enum_fields_in_place() {
    let mut w = WithOp {
        op: Op::Many(BoundedVec::from_slice(&[rec_of(1, true, 1); 2]).unwrap()),
        ops: BoundedVec::from_slice(&[Op::Set(BoundedString::try_from("abcd").unwrap()), Op::Nop])
            .unwrap(),
        done: true,
    };
    let want = WithOp {
        op: Op::Set(BoundedString::try_from("z").unwrap()),
        ops: BoundedVec::from_slice(&[Op::Nop]).unwrap(),
        done: false,
    };
    let bytes = encode(&want);
    crosswire::from_bytes_in_place(&bytes, &mut w).unwrap();
    assert_eq!(w, want);
}

#[test]
fn errors_are_those_of_from_bytes() {
    // A bool byte 2 in the middle of a fixed struct: alone, and in a run of them.
    rejects_in_place(&[1, 0, 2, 0], rec_of(9, true, 9), K::InvalidBool, 2);
    rejects_in_place(
        &[1, 0, 1, 0, 1, 0, 2, 0],
        [Rec::default(); 2],
        K::InvalidBool,
        6,
    );
    let bytes = [7, 0, 0, 0, 2, 0, 0, 0, 1, 0, 1, 0, 2, 0, 9, 0];
    rejects_in_place(&bytes, full_batch(), K::InvalidBool, 14);
    // Too short: inside the fixed struct (its field-by-field path), and inside the vector.
    rejects_in_place(&[1, 0, 1], rec_of(9, true, 9), K::UnexpectedEnd, 3);
    rejects_in_place(&[1], rec_of(9, true, 9), K::UnexpectedEnd, 1);
    rejects_in_place(&bytes[..10], full_batch(), K::UnexpectedEnd, 10);
    // Trailing bytes, after a fixed struct and after a whole batch.
    rejects_in_place(&[1, 0, 1, 0, 0], rec_of(9, true, 9), K::TrailingBytes, 4);
    let mut long = encode(&full_batch());
    long.push(0);
    rejects_in_place(&long, Batch::default(), K::TrailingBytes, long.len() - 1);
    // Too many records, a bad enum tag, bad UTF-8 in an extensible body.
    rejects_in_place(
        &[0, 0, 0, 0, 4, 0, 0, 0],
        full_batch(),
        K::LengthOverCapacity,
        4,
    );
    rejects_in_place(&[3, 0, 0, 0, 0, 0, 0], WithOp::default(), K::InvalidTag, 0);
    let bad_utf8 = [10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0xC0];
    rejects_in_place(&bad_utf8, full_ext(), K::InvalidUtf8, 13);
}
