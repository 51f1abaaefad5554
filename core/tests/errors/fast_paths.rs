//! The fast paths that check a whole run or a whole value at once (`decode_slice` of a
//! `FIXED_SIZE` element type, the derive's windows and sub-readers) report the same
//! errors, at the same offsets, as reading field by field would.
#![cfg(feature = "derive")]

use crosswire::{BoundedVec, Decode, Encode, ErrorKind, MaxSize};

#[derive(Encode, Decode, MaxSize, Clone, Copy, Debug, Default, PartialEq)]
struct Rec {
    id: u16,
    up: bool,
}

#[derive(Encode, Decode, MaxSize, Clone, Copy, Debug, Default, PartialEq)]
struct Msg {
    seq: u32,
    err: Option<u16>,
    recs: BoundedVec<Rec, 4>,
}

fn kind_at<T: core::fmt::Debug>(r: Result<T, crosswire::Error>) -> (ErrorKind, usize) {
    let e = r.expect_err("must fail");
    (e.kind(), e.offset())
}

#[test]
fn run_of_fixed_elements_reports_absolute_offsets() {
    // Tuples and derived structs of fixed-width fields are FIXED_SIZE.
    let bytes = [1, 0, 1, 2, 0, 7, 3, 0, 1];
    let got = kind_at(crosswire::from_bytes::<[(u16, bool); 3]>(&bytes));
    assert_eq!(got, (ErrorKind::InvalidBool, 5));
    let got = kind_at(crosswire::from_bytes::<[Rec; 3]>(&bytes));
    assert_eq!(got, (ErrorKind::InvalidBool, 5));

    let mut seq = vec![3, 0, 0, 0];
    seq.extend_from_slice(&bytes);
    let got = kind_at(crosswire::from_bytes::<BoundedVec<Rec, 4>>(&seq));
    assert_eq!(got, (ErrorKind::InvalidBool, 9));
}

#[test]
fn short_run_reports_where_bytes_ran_out() {
    // The first bad byte comes before the end: it is reported, as field by field.
    let got = kind_at(crosswire::from_bytes::<[Rec; 3]>(&[1, 0, 9, 2]));
    assert_eq!(got, (ErrorKind::InvalidBool, 2));
    let got = kind_at(crosswire::from_bytes::<[Rec; 3]>(&[1, 0, 1, 2, 0]));
    assert_eq!(got, (ErrorKind::UnexpectedEnd, 5));
}

#[test]
fn nested_messages_round_trip_and_fail_where_the_field_does() {
    let msg = Msg {
        seq: 9,
        err: Some(4),
        recs: BoundedVec::from_slice(&[Rec { id: 1, up: true }, Rec { id: 2, up: false }]).unwrap(),
    };
    // Into a buffer of MAX_SIZE (the window) and into one of exactly the encoded length.
    let mut big = [0u8; Msg::MAX_SIZE];
    let bytes = crosswire::to_slice(&msg, &mut big).unwrap().to_vec();
    assert_eq!(bytes.len(), msg.encoded_len());
    let mut exact = vec![0u8; bytes.len()];
    assert_eq!(crosswire::to_slice(&msg, &mut exact).unwrap(), &bytes[..]);
    assert_eq!(crosswire::from_bytes::<Msg>(&bytes), Ok(msg));

    // Too small by one: BufferFull at the buffer's length (spec §14), as without the
    // window, although the run of fixed-size records has its room checked at once.
    let mut short = vec![0u8; bytes.len() - 1];
    let got = kind_at(crosswire::to_slice(&msg, &mut short));
    assert_eq!(got, (ErrorKind::BufferFull, bytes.len() - 1));

    let mut bad = bytes.clone();
    bad[16] = 2; // the second record's `up`
    assert_eq!(
        kind_at(crosswire::from_bytes::<Msg>(&bad)),
        (ErrorKind::InvalidBool, 16)
    );
}

#[derive(Encode, Decode, MaxSize, Clone, Copy, Debug, Default, PartialEq)]
#[crosswire(extensible)]
struct Ext {
    a: u8,
    #[crosswire(since = 2)]
    b: [u16; 2],
    #[crosswire(since = 2)]
    c: [u8; 3],
}

#[test]
fn arrays_read_in_one_go_fall_back_to_element_by_element() {
    assert_eq!(
        crosswire::from_bytes::<[u16; 3]>(&[1, 0, 2, 0, 3, 0]),
        Ok([1, 2, 3])
    );
    let got = kind_at(crosswire::from_bytes::<[u16; 3]>(&[1, 0, 2, 0, 3]));
    assert_eq!(got, (ErrorKind::UnexpectedEnd, 5));
    let got = kind_at(crosswire::from_bytes::<[u8; 3]>(&[1, 2]));
    assert_eq!(got, (ErrorKind::UnexpectedEnd, 2));

    // An older sender's body ends inside `b`: the rest reads as zeros (spec §13).
    let older = [4, 0, 0, 0, 1, 2, 0, 3];
    assert_eq!(
        crosswire::from_bytes::<Ext>(&older),
        Ok(Ext {
            a: 1,
            b: [2, 3],
            c: [0; 3],
        })
    );
    let older = [3, 0, 0, 0, 1, 2, 0];
    assert_eq!(
        crosswire::from_bytes::<Ext>(&older),
        Ok(Ext {
            a: 1,
            b: [2, 0],
            c: [0; 3],
        })
    );
}
