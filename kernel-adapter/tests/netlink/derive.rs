//! `#[derive(NlaSet)]`: the mapping of fields to attributes, golden bytes, round trips,
//! and what liberal and strict decoding accept.

use crosswire::{Be, BoundedBytes, BoundedString, BoundedVec};
use crosswire_kernel::netlink::{
    genl::{self, GenlMessage},
    nla, AttrIter, Binary, CLayout, Crosswire, Indexed, Messages, Mode, NlErrorKind, NlWriter,
    NlaSet, NlaValue, NLA_F_NESTED, NLM_F_ACK, NLM_F_REQUEST,
};
use proptest::prelude::*;

/// nlctrl's `CTRL_CMD_GETFAMILY` request, as the kernel documentation's example sends it.
#[derive(Debug, PartialEq, NlaSet)]
#[nla(family = "nlctrl", version = 2, cmd = 3)]
struct GetFamily {
    #[nla(id = 2)]
    name: BoundedString<16>,
}

#[derive(Debug, Default, Clone, PartialEq, NlaSet)]
struct Op {
    #[nla(id = 1)]
    id: u32,
    #[nla(id = 2)]
    flags: Option<u32>,
}

#[derive(Debug, PartialEq, NlaSet)]
struct Family<'a> {
    #[nla(id = 1)]
    id: u16,
    #[nla(id = 2)]
    name: crosswire::BoundedStr<'a, 16>,
    #[nla(id = 3)]
    version: Option<u32>,
    #[nla(id = 6)]
    ops: Option<Indexed<Op, 4>>,
}

#[test]
fn derived_request_matches_the_kernel_documentation() {
    let req = GetFamily {
        name: BoundedString::try_from("test1").unwrap(),
    };
    let mut buf = [0u8; GetFamily::MAX_MESSAGE_LEN];
    let mut w = NlWriter::new(&mut buf);
    let len = genl::put_message(
        &mut w,
        &req,
        genl::GENL_ID_CTRL,
        NLM_F_REQUEST | NLM_F_ACK,
        1,
    )
    .unwrap();
    assert_eq!(len, 32);
    let mut golden = [0u8; 64];
    let golden = genl::getfamily_request(&mut golden, 1, "test1").unwrap();
    assert_eq!(w.as_bytes(), &golden[..]);
    // And back.
    let msg = Messages::new(w.as_bytes()).next().unwrap().unwrap();
    let (hdr, back, unknown) = genl::read_message::<GetFamily>(&msg, Mode::Strict).unwrap();
    assert_eq!((hdr.cmd, hdr.version, unknown), (3, 2, 0));
    assert_eq!(back, req);
    assert_eq!(GetFamily::MAX_MESSAGE_LEN, 16 + 4 + 4 + 20);
}

fn encode<'x, S: NlaSet<'x>>(s: &S) -> Vec<u8> {
    let mut buf = vec![0u8; S::MAX_LEN];
    let mut w = NlWriter::new(&mut buf);
    s.put_attrs(&mut w).unwrap();
    w.as_bytes().to_vec()
}

#[test]
fn golden_attributes_in_declaration_order_with_nests_and_indexed_arrays() {
    let mut ops = Indexed::default();
    ops.push(Op {
        id: 3,
        flags: Some(0xE),
    })
    .unwrap();
    ops.push(Op {
        id: 10,
        flags: None,
    })
    .unwrap();
    let fam = Family {
        id: 0x10,
        name: crosswire::BoundedStr::new("nlctrl").unwrap(),
        version: Some(2),
        ops: Some(ops),
    };
    let bytes = encode(&fam);
    let mut want = Vec::new();
    let nla = |want: &mut Vec<u8>, len: u16, ty: u16| {
        want.extend(len.to_ne_bytes());
        want.extend(ty.to_ne_bytes());
    };
    nla(&mut want, 6, 1);
    want.extend(0x10u16.to_ne_bytes());
    want.extend([0, 0]);
    nla(&mut want, 11, 2);
    want.extend(b"nlctrl\0\0");
    nla(&mut want, 8, 3);
    want.extend(2u32.to_ne_bytes());
    nla(&mut want, 4 + 20 + 12, 6 | NLA_F_NESTED);
    nla(&mut want, 20, 1 | NLA_F_NESTED);
    nla(&mut want, 8, 1);
    want.extend(3u32.to_ne_bytes());
    nla(&mut want, 8, 2);
    want.extend(0xEu32.to_ne_bytes());
    nla(&mut want, 12, 2 | NLA_F_NESTED);
    nla(&mut want, 8, 1);
    want.extend(10u32.to_ne_bytes());
    assert_eq!(bytes, want);
    let (back, unknown) = nla::decode::<Family<'_>>(&bytes, 0, Mode::Strict).unwrap();
    assert_eq!((back, unknown), (fam, 0));
}

#[test]
fn missing_required_attribute_names_its_id() {
    let mut buf = [0u8; 32];
    let mut w = NlWriter::new(&mut buf);
    w.put_str(2, "x").unwrap();
    let bytes = w.as_bytes().to_vec();
    let err = nla::decode::<Family<'_>>(&bytes, 100, Mode::Liberal).unwrap_err();
    assert_eq!(err.kind(), NlErrorKind::MissingAttribute { id: 1 });
    assert_eq!(err.offset(), 100);
}

#[test]
fn unknown_attributes_are_counted_or_rejected() {
    let mut buf = [0u8; 64];
    let mut w = NlWriter::new(&mut buf);
    w.put_u16(1, 7).unwrap();
    w.put_u32(99, 0).unwrap();
    w.put_str(2, "a").unwrap();
    w.put_flag(0).unwrap(); // type 0, NLA_UNSPEC
    let bytes = w.as_bytes().to_vec();
    let (fam, unknown) = nla::decode::<Family<'_>>(&bytes, 0, Mode::Liberal).unwrap();
    assert_eq!((fam.id, &*fam.name, unknown), (7, "a", 2));
    let err = nla::decode::<Family<'_>>(&bytes, 0, Mode::Strict).unwrap_err();
    assert_eq!(err.kind(), NlErrorKind::UnknownAttribute { id: 99 });
    assert_eq!(err.offset(), 8);
}

#[test]
fn duplicates_last_one_wins() {
    let mut buf = [0u8; 64];
    let mut w = NlWriter::new(&mut buf);
    w.put_u16(1, 7).unwrap();
    w.put_str(2, "first").unwrap();
    w.put_u16(1, 8).unwrap();
    w.put_str(2, "second").unwrap();
    let bytes = w.as_bytes().to_vec();
    for mode in [Mode::Liberal, Mode::Strict] {
        let (fam, _) = nla::decode::<Family<'_>>(&bytes, 0, mode).unwrap();
        assert_eq!((fam.id, &*fam.name), (8, "second"));
    }
}

#[test]
fn nests_without_the_nested_flag_are_liberal_only() {
    let mut buf = [0u8; 64];
    let mut w = NlWriter::new(&mut buf);
    w.put_u16(1, 1).unwrap();
    w.put_str(2, "a").unwrap();
    // CTRL_ATTR_OPS as the kernel writes it (nla_nest_start_noflag), one op inside.
    let mut inner = [0u8; 16];
    let mut iw = NlWriter::new(&mut inner);
    iw.put_u32(1, 5).unwrap();
    let op = iw.as_bytes().to_vec();
    let mut elem = [0u8; 16];
    let mut ew = NlWriter::new(&mut elem);
    ew.put_attr(1, &op).unwrap();
    let ops = ew.as_bytes().to_vec();
    w.put_attr(6, &ops).unwrap();
    let bytes = w.as_bytes().to_vec();
    let (fam, _) = nla::decode::<Family<'_>>(&bytes, 0, Mode::Liberal).unwrap();
    assert_eq!(fam.ops.unwrap()[0], Op { id: 5, flags: None });
    let err = nla::decode::<Family<'_>>(&bytes, 0, Mode::Strict).unwrap_err();
    assert_eq!(err.kind(), NlErrorKind::MissingNestedFlag { id: 6 });
}

/// A C struct carried as one attribute, grown by a newer kernel.
#[derive(Debug, Default, PartialEq, Clone, Copy)]
struct Stats {
    rx: u32,
    tx: u32,
}

impl CLayout for Stats {
    const SIZE: usize = 8;

    fn read_prefix(b: &[u8]) -> Option<Self> {
        Some(Stats {
            rx: u32::from_ne_bytes(b.get(0..4)?.try_into().ok()?),
            tx: u32::from_ne_bytes(b.get(4..8)?.try_into().ok()?),
        })
    }

    fn write_to(&self, out: &mut [u8]) {
        out[0..4].copy_from_slice(&self.rx.to_ne_bytes());
        out[4..8].copy_from_slice(&self.tx.to_ne_bytes());
    }
}

#[derive(Debug, PartialEq, crosswire::Encode, crosswire::Decode, crosswire::MaxSize)]
struct Config {
    level: u8,
    mask: u32,
}

#[derive(Debug, PartialEq, NlaSet)]
struct Everything<'a> {
    #[nla(id = 1)]
    up: bool,
    #[nla(id = 2)]
    port: Be<u16>,
    #[nla(id = 3)]
    addrs: BoundedVec<[u8; 4], 3>,
    #[nla(id = 4)]
    stats: Option<Binary<Stats>>,
    #[nla(id = 5)]
    config: Crosswire<Config>,
    #[nla(id = 6)]
    blob: BoundedBytes<'a, 8>,
    #[nla(id = 7)]
    small: i8,
    #[nla(id = 8)]
    big: i64,
    #[nla(id = 9)]
    nested: Option<Op>,
}

#[test]
fn flags_network_order_repeated_binary_and_crosswire_fields() {
    let mut addrs = BoundedVec::new();
    addrs.push([10, 0, 0, 1]).unwrap();
    addrs.push([10, 0, 0, 2]).unwrap();
    let v = Everything {
        up: true,
        port: Be(0x1234),
        addrs,
        stats: Some(Binary(Stats { rx: 1, tx: 2 })),
        config: Crosswire(Config {
            level: 3,
            mask: 0xFF,
        }),
        blob: BoundedBytes::new(&[9, 9]).unwrap(),
        small: -1,
        big: -2,
        nested: Some(Op::default()),
    };
    let bytes = encode(&v);
    let attrs: Vec<_> = AttrIter::new(&bytes).map(|a| a.unwrap()).collect();
    assert_eq!((attrs[0].ty(), attrs[0].payload()), (1, &[][..]));
    assert_eq!(attrs[1].payload(), [0x12, 0x34]);
    assert_eq!((attrs[2].ty(), attrs[3].ty()), (3, 3));
    assert_eq!(attrs[4].payload().len(), 8);
    assert_eq!(attrs[5].payload(), [3, 0xFF, 0, 0, 0]); // crosswire's own format
    let (back, _) = nla::decode::<Everything<'_>>(&bytes, 0, Mode::Strict).unwrap();
    assert_eq!(back, v);

    // false flag: absent; absent flag decodes as false.
    let v2 = Everything { up: false, ..back };
    let bytes2 = encode(&v2);
    assert_eq!(AttrIter::new(&bytes2).next().unwrap().unwrap().ty(), 2);
    assert!(
        !nla::decode::<Everything<'_>>(&bytes2, 0, Mode::Strict)
            .unwrap()
            .0
            .up
    );
    assert!(bytes.len() <= Everything::MAX_LEN);
}

#[test]
fn longer_c_structs_read_as_a_prefix_shorter_ones_fail() {
    let mut buf = [0u8; 64];
    let mut w = NlWriter::new(&mut buf);
    w.put_attr(4, &[1, 0, 0, 0, 2, 0, 0, 0, 0xEE, 0xEE, 0xEE, 0xEE])
        .unwrap();
    let bytes = w.as_bytes().to_vec();
    let attr = AttrIter::at(&bytes, 0, Mode::Strict)
        .next()
        .unwrap()
        .unwrap();
    let s = Binary::<Stats>::read(&attr, &mut 0).unwrap();
    assert_eq!(
        s.0,
        Stats {
            rx: u32::from_ne_bytes([1, 0, 0, 0]),
            tx: u32::from_ne_bytes([2, 0, 0, 0])
        }
    );
    let mut w = NlWriter::new(&mut buf);
    w.put_attr(4, &[1, 0, 0, 0]).unwrap();
    let bytes = w.as_bytes().to_vec();
    let attr = AttrIter::new(&bytes).next().unwrap().unwrap();
    assert_eq!(
        Binary::<Stats>::read(&attr, &mut 0).unwrap_err().kind(),
        NlErrorKind::BadPayloadSize { id: 4 }
    );
}

#[test]
fn too_many_repeated_attributes() {
    let mut buf = [0u8; 128];
    let mut w = NlWriter::new(&mut buf);
    for _ in 0..4 {
        w.put_attr(3, &[1, 2, 3, 4]).unwrap();
    }
    let bytes = w.as_bytes().to_vec();
    #[derive(Debug, NlaSet)]
    struct Addrs {
        #[nla(id = 3)]
        addrs: BoundedVec<[u8; 4], 3>,
    }
    let err = nla::decode::<Addrs>(&bytes, 0, Mode::Liberal).unwrap_err();
    assert_eq!(
        err,
        crosswire_kernel::netlink::NlError::new(NlErrorKind::TooManyItems { id: 3 }, 24)
    );
}

mod renamed {
    extern crate crosswire_kernel as ck;
    use ck::netlink::NlaSet;

    /// The crate path override, for code that imports crosswire-kernel under another name.
    #[derive(Debug, PartialEq, NlaSet)]
    #[nla(crate = "ck")]
    pub struct Tuple(#[nla(id = 1)] pub u32, #[nla(id = 2)] pub Option<u8>);
}

#[test]
fn crate_override_and_tuple_structs() {
    let v = renamed::Tuple(5, Some(1));
    let bytes = encode(&v);
    assert_eq!(
        nla::decode::<renamed::Tuple>(&bytes, 0, Mode::Strict)
            .unwrap()
            .0,
        v
    );
}

fn op_strategy() -> impl Strategy<Value = Op> {
    (any::<u32>(), any::<Option<u32>>()).prop_map(|(id, flags)| Op { id, flags })
}

proptest! {
    #[test]
    fn round_trip(
        id in any::<u16>(),
        name in "[a-z]{0,16}",
        version in any::<Option<u32>>(),
        ops in proptest::option::of(proptest::collection::vec(op_strategy(), 0..4)),
    ) {
        let fam = Family {
            id,
            name: crosswire::BoundedStr::new(&name).unwrap(),
            version,
            ops: ops.map(|v| Indexed(BoundedVec::from_slice(&v).unwrap())),
        };
        let bytes = encode(&fam);
        prop_assert!(bytes.len() <= Family::MAX_LEN);
        let (back, unknown) = nla::decode::<Family<'_>>(&bytes, 0, Mode::Strict).unwrap();
        prop_assert_eq!(unknown, 0);
        prop_assert_eq!(back, fam);
    }
}

/// `#[derive(CLayout)]` lays fields out as C does: checked against `#[repr(C)]` twins.
mod c_layout {
    use core::mem::{offset_of, size_of};

    use crosswire::Be;
    use crosswire_kernel::netlink::{
        route::IfInfoMsg, AttrIter, Binary, CLayout, Mode, NlErrorKind, NlWriter, NlaValue,
    };

    #[derive(Debug, Default, PartialEq, Clone, Copy, crosswire_kernel::netlink::CLayout)]
    struct Padded {
        a: u8,
        b: u64,
        c: u16,
        d: [u8; 3],
        e: Be<u32>,
    }

    #[repr(C)]
    struct PaddedC {
        a: u8,
        b: u64,
        c: u16,
        d: [u8; 3],
        e: u32,
    }

    #[derive(Debug, Default, PartialEq, crosswire_kernel::netlink::CLayout)]
    struct IfInfo {
        family: u8,
        pad: u8,
        ty: u16,
        index: i32,
        flags: u32,
        change: u32,
    }

    #[test]
    fn sizes_and_offsets_match_repr_c() {
        assert_eq!(Padded::SIZE, size_of::<PaddedC>());
        assert_eq!(IfInfo::SIZE, 16);
        let v = Padded {
            a: 1,
            b: 0x0203_0405_0607_0809,
            c: 0x0A0B,
            d: [0xC, 0xD, 0xE],
            e: Be(0x0F10_1112),
        };
        let mut out = [0xEEu8; 64];
        out[..Padded::SIZE].fill(0);
        v.write_to(&mut out);
        let mut want = [0u8; size_of::<PaddedC>()];
        want[offset_of!(PaddedC, a)] = 1;
        want[offset_of!(PaddedC, b)..][..8].copy_from_slice(&v.b.to_ne_bytes());
        want[offset_of!(PaddedC, c)..][..2].copy_from_slice(&v.c.to_ne_bytes());
        want[offset_of!(PaddedC, d)..][..3].copy_from_slice(&v.d);
        want[offset_of!(PaddedC, e)..][..4].copy_from_slice(&0x0F10_1112u32.to_be_bytes());
        assert_eq!(out[..Padded::SIZE], want);
        assert_eq!(out[Padded::SIZE], 0xEE, "wrote past SIZE");
        assert_eq!(Padded::read_prefix(&out), Some(v));
        // Cut inside the last field (the struct ends in 4 bytes of padding).
        assert_eq!(
            Padded::read_prefix(&out[..offset_of!(PaddedC, e) + 3]),
            None
        );
    }

    #[test]
    fn derived_header_matches_the_hand_written_ifinfomsg() {
        let hand = IfInfoMsg {
            family: 0,
            ty: 772,
            index: 7,
            flags: 0x1_0043,
            change: u32::MAX,
        };
        let mut a = [0u8; 16];
        hand.write_to(&mut a);
        let derived = IfInfo::read_prefix(&a).unwrap();
        assert_eq!(
            (derived.ty, derived.index, derived.flags),
            (772, 7, 0x1_0043)
        );
        let mut b = [0u8; 16];
        derived.write_to(&mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn a_grown_struct_reads_as_its_prefix() {
        let mut buf = [0u8; 64];
        let mut w = NlWriter::new(&mut buf);
        let mut payload = [0u8; 24];
        payload[4..8].copy_from_slice(&9i32.to_ne_bytes());
        payload[16..].fill(0x55); // a newer kernel's extra fields
        w.put_attr(1, &payload).unwrap();
        let bytes = w.as_bytes().to_vec();
        let attr = AttrIter::at(&bytes, 0, Mode::Strict)
            .next()
            .unwrap()
            .unwrap();
        let got = Binary::<IfInfo>::read(&attr, &mut 0).unwrap();
        assert_eq!(got.0.index, 9);
        let mut w = NlWriter::new(&mut buf);
        w.put_attr(1, &payload[..15]).unwrap();
        let bytes = w.as_bytes().to_vec();
        let attr = AttrIter::new(&bytes).next().unwrap().unwrap();
        assert_eq!(
            Binary::<IfInfo>::read(&attr, &mut 0).unwrap_err().kind(),
            NlErrorKind::BadPayloadSize { id: 1 }
        );
    }
}
