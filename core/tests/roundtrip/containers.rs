//! The bounded containers behave like their `std` counterparts (`Vec`, `String`, `&[u8]`)
//! wherever an operation cannot fail, and report a full container where `std` would
//! allocate or panic. Each operation is checked against `Vec`/`String` as the model.

use std::{
    collections::{HashMap, HashSet},
    fmt::Write as _,
};

use crosswire::{BoundedString, BoundedVec, CapacityError};
use proptest::prelude::*;

type V = BoundedVec<u8, 8>;

fn vec_of(items: &[u8]) -> V {
    V::from_slice(items).expect("fits")
}

#[test]
fn vec_derefs_mutably_to_a_slice() {
    let mut v = vec_of(&[3, 1, 2]);
    v.sort_unstable();
    v[0] = 9;
    assert_eq!(v.as_slice(), [9, 2, 3]);
    v.as_mut().reverse();
    assert_eq!(v.as_ref(), [3, 2, 9]);
}

#[test]
fn vec_iterates_by_reference_mutable_reference_and_value() {
    let mut v = vec_of(&[1, 2, 3]);
    let mut seen = Vec::new();
    for x in &v {
        seen.push(*x);
    }
    assert_eq!(seen, [1, 2, 3]);
    for x in &mut v {
        *x *= 10;
    }
    assert_eq!(v, [10, 20, 30]);
    let owned = v.into_iter();
    assert_eq!(owned.len(), 3);
    assert_eq!(owned.rev().collect::<Vec<_>>(), [30, 20, 10]);
    // Only the elements in use come out, not the unused slots.
    assert_eq!(BoundedVec::<u8, 8>::new().into_iter().count(), 0);
}

#[test]
fn vec_from_slices_and_iterators_is_fallible() {
    assert_eq!(V::try_from(&[1, 2][..]), Ok(vec_of(&[1, 2])));
    assert_eq!(
        BoundedVec::<u8, 1>::try_from(&[1, 2][..]),
        Err(CapacityError)
    );
    assert_eq!(V::try_from_iter([4, 5]), Ok(vec_of(&[4, 5])));
    assert_eq!(BoundedVec::<u8, 2>::try_from_iter(0..3), Err(CapacityError));
    // An endless iterator is not drained: the first item past the capacity stops it.
    assert_eq!(BoundedVec::<u8, 2>::try_from_iter(0..), Err(CapacityError));
}

#[test]
fn vec_extend_from_slice_is_all_or_nothing() {
    let mut v = BoundedVec::<u8, 4>::try_from_iter([1]).unwrap();
    v.extend_from_slice(&[2, 3]).unwrap();
    assert_eq!(v, [1, 2, 3]);
    assert_eq!(v.extend_from_slice(&[4, 5]), Err(CapacityError));
    assert_eq!(v, [1, 2, 3]);
    v.extend_from_slice(&[4]).unwrap();
    assert!(v.is_full());
}

#[test]
fn vec_insert_and_remove_report_instead_of_panicking() {
    let mut v = BoundedVec::<u8, 3>::new();
    let past_end = v.insert(1, 7).unwrap_err();
    assert_eq!(
        past_end.to_string(),
        "the insert index is past the bounded vector's length"
    );
    assert_eq!(past_end.into_inner(), 7);
    v.insert(0, 2).unwrap();
    v.insert(0, 1).unwrap();
    v.insert(2, 3).unwrap();
    assert_eq!(v, [1, 2, 3]);
    let full = v.insert(0, 0).unwrap_err();
    assert_eq!(
        (full.to_string(), full.into_inner()),
        ("the bounded vector is full".into(), 0)
    );
    assert_eq!(v.remove(3), None);
    assert_eq!(v.remove(1), Some(2));
    assert_eq!(v, [1, 3]);
    assert_eq!(v.remove(1), Some(3));
    assert_eq!(v.remove(0), Some(1));
    assert_eq!(v.remove(0), None);
}

#[test]
fn vec_push_errors_go_through_question_mark() {
    fn into_box() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let mut v = BoundedVec::<u8, 1>::new();
        v.push(1)?;
        v.push(2)?;
        Ok(())
    }
    fn into_capacity_error() -> Result<(), CapacityError> {
        BoundedVec::<u8, 0>::new().push(1)?;
        Ok(())
    }
    assert_eq!(
        into_box().unwrap_err().to_string(),
        "the bounded vector is full"
    );
    assert_eq!(into_capacity_error(), Err(CapacityError));
}

#[test]
fn vec_new_filled_is_const() {
    static TABLE: BoundedVec<u16, 4> = BoundedVec::new_filled(0);
    const LEN: usize = TABLE.len();
    assert_eq!(LEN, 0);
    assert!(TABLE.is_empty());
}

#[derive(Clone, Debug)]
enum Op {
    Push(u8),
    Pop,
    Insert(usize, u8),
    Remove(usize),
    Retain(u8),
    Extend(Vec<u8>),
    Clear,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<u8>().prop_map(Op::Push),
        Just(Op::Pop),
        (0..10usize, any::<u8>()).prop_map(|(i, x)| Op::Insert(i, x)),
        (0..10usize).prop_map(Op::Remove),
        (1..4u8).prop_map(Op::Retain),
        proptest::collection::vec(any::<u8>(), 0..5).prop_map(Op::Extend),
        Just(Op::Clear),
    ]
}

proptest! {
    /// Any sequence of operations leaves the same elements as on a `Vec` whose length is
    /// capped at 8 (an operation that would exceed it fails and changes nothing).
    #[test]
    fn vec_matches_std_vec(ops in proptest::collection::vec(op(), 0..40)) {
        let mut v = V::new();
        let mut model: Vec<u8> = Vec::new();
        for op in ops {
            match op {
                Op::Push(x) => {
                    let fits = model.len() < 8;
                    prop_assert_eq!(v.push(x).is_ok(), fits);
                    if fits { model.push(x) }
                }
                Op::Pop => prop_assert_eq!(v.pop(), model.pop()),
                Op::Insert(i, x) => {
                    let fits = model.len() < 8 && i <= model.len();
                    prop_assert_eq!(v.insert(i, x).is_ok(), fits);
                    if fits { model.insert(i, x) }
                }
                Op::Remove(i) => {
                    let expected = (i < model.len()).then(|| model.remove(i));
                    prop_assert_eq!(v.remove(i), expected);
                }
                Op::Retain(m) => {
                    v.retain(|x| x % m == 0);
                    model.retain(|x| x % m == 0);
                }
                Op::Extend(items) => {
                    let fits = model.len() + items.len() <= 8;
                    prop_assert_eq!(v.extend_from_slice(&items).is_ok(), fits);
                    if fits { model.extend_from_slice(&items) }
                }
                Op::Clear => {
                    v.clear();
                    model.clear();
                }
            }
            prop_assert_eq!(v.as_slice(), model.as_slice());
            prop_assert_eq!(v.len(), model.len());
        }
        prop_assert_eq!(v.into_iter().collect::<Vec<_>>(), model);
    }
}

#[test]
fn string_compares_with_str() {
    let s = BoundedString::<8>::try_from("eth0").unwrap();
    assert!(s == "eth0");
    assert!(s == *"eth0");
    assert!("eth0" == s);
    assert!(*"eth0" == s);
    assert!(s != "eth1");
}

#[test]
fn string_formats_and_writes() {
    let mut s = BoundedString::<8>::new();
    write!(s, "if-{}", 42).unwrap();
    assert_eq!(s, "if-42");
    assert_eq!(format!("[{s}]"), "[if-42]");
    s.push('é').unwrap();
    assert_eq!(s.len(), 7);
    // "é" is 2 bytes and 1 is left: an error, and the string keeps what it had.
    assert_eq!(s.push('é'), Err(CapacityError));
    assert_eq!(write!(s, "é"), Err(std::fmt::Error));
    assert_eq!(s, "if-42é");
    s.push_str("!").unwrap();
    assert_eq!(s.as_str(), "if-42é!");
}

#[test]
fn string_borrows_as_str_for_lookups() {
    let mut map = HashMap::new();
    map.insert(BoundedString::<8>::try_from("lo").unwrap(), 1);
    map.insert(BoundedString::<8>::try_from("eth0").unwrap(), 2);
    assert_eq!(map.get("eth0"), Some(&2));
    assert_eq!(map.get("lo"), Some(&1));
    let set: HashSet<BoundedString<4>> = ["a", "b"]
        .into_iter()
        .map(|s| s.try_into().unwrap())
        .collect();
    assert!(set.contains("a"));
    assert!(!set.contains("c"));
}

#[test]
fn encoded_buf_is_a_byte_slice() {
    let msg = crosswire::to_array::<_, 8>(&0x0102_0304u32).unwrap();
    assert_eq!(&*msg, [4, 3, 2, 1]);
    let as_ref: &[u8] = msg.as_ref();
    assert_eq!(as_ref, [4, 3, 2, 1]);
    fn takes_slice(b: &[u8]) -> usize {
        b.len()
    }
    assert_eq!(takes_slice(&msg), 4);
    assert_eq!(msg.first(), Some(&4));
}
