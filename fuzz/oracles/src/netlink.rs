//! The `netlink_parse` target: `crosswire_kernel::netlink`'s readers on hostile bytes.
//!
//! Oracles: no panic; every item lies inside the input, in order, aligned; a reader yields
//! at most one error, as its last item, at an offset inside the input; strict mode accepts
//! a subset of what liberal mode accepts, with the same items; attributes written back by
//! `NlWriter` read back as the same attributes; a derived attribute set that decodes
//! re-encodes within its `MAX_LEN` and decodes strictly to the same value.

use crosswire::{Be, BoundedBytes, BoundedStr, BoundedString, BoundedVec};
use crosswire_kernel::netlink::{
    nla, AttrIter, Control, Dump, Indexed, Messages, Mode, NlWriter, NlaSet,
};

/// The first byte picks what the rest is: a receive buffer, an attribute payload, or the
/// attributes of a derived set.
pub fn netlink_parse(data: &[u8]) {
    let Some((&sel, input)) = data.split_first() else {
        return;
    };
    match sel % 3 {
        0 => messages(input),
        1 => attributes(input, 0),
        _ => derived(input),
    }
}

/// Every kind of field the derive maps.
#[derive(Debug, PartialEq, NlaSet)]
struct Set<'a> {
    #[nla(id = 1)]
    id: u16,
    #[nla(id = 2)]
    name: Option<BoundedStr<'a, 16>>,
    #[nla(id = 3)]
    up: bool,
    #[nla(id = 4)]
    addrs: BoundedVec<Be<u32>, 3>,
    #[nla(id = 5)]
    items: Option<Indexed<Item, 3>>,
    #[nla(id = 6)]
    blob: Option<BoundedBytes<'a, 8>>,
    #[nla(id = 7)]
    label: Option<BoundedString<8>>,
    #[nla(id = 8)]
    wide: Option<u64>,
}

#[derive(Debug, Default, PartialEq, NlaSet)]
struct Item {
    #[nla(id = 1)]
    a: u32,
    #[nla(id = 2)]
    b: Option<i8>,
}

fn derived(input: &[u8]) {
    let strict = nla::decode::<Set<'_>>(input, 0, Mode::Strict);
    let liberal = nla::decode::<Set<'_>>(input, 0, Mode::Liberal);
    if let Ok((value, unknown)) = &strict {
        assert_eq!(*unknown, 0, "strict mode skipped attributes");
        let (lib, _) = liberal
            .as_ref()
            .expect("strict accepted what liberal did not");
        assert_eq!(lib, value);
    }
    for result in [&strict, &liberal] {
        match result {
            Ok((value, _)) => {
                let mut buf = vec![0u8; Set::MAX_LEN];
                let mut w = NlWriter::new(&mut buf);
                value
                    .put_attrs(&mut w)
                    .expect("MAX_LEN bytes hold any value");
                let bytes = w.as_bytes();
                let (again, unknown) =
                    nla::decode::<Set<'_>>(bytes, 0, Mode::Strict).expect("own output decodes");
                assert_eq!((&again, unknown), (value, 0));
            }
            Err(e) => assert!(e.offset() <= input.len(), "{e:?} outside the input"),
        }
    }
}

fn messages(input: &[u8]) {
    let mut dump = Dump::new(0);
    let mut next_offset = 0;
    let mut failed = false;
    for m in Messages::new(input) {
        assert!(!failed, "an item after an error");
        let m = match m {
            Ok(m) => m,
            Err(e) => {
                assert!(e.offset() <= input.len(), "{e:?} outside {}", input.len());
                failed = true;
                continue;
            }
        };
        assert_eq!(m.offset(), next_offset);
        assert_eq!(m.offset() % 4, 0);
        let end = m.payload_offset() + m.payload().len();
        assert!(end <= input.len());
        assert_eq!(m.header().len as usize, 16 + m.payload().len());
        next_offset = end.next_multiple_of(4);
        match m.control() {
            Ok(Some(Control::Ack(a) | Control::Error(a))) => {
                assert!(a.echoed.len() >= 16 && a.echoed.len() <= m.payload().len() - 4);
                if let Some(msg) = a.ext_ack.msg {
                    assert!(msg.len() < m.payload().len());
                }
                // A broken extended ack is reported inside its message, never an error.
                if let Some(e) = a.ext_ack_error {
                    assert!(e.offset() >= m.payload_offset() && e.offset() <= end);
                }
                // Offsets kept point into the request the ack echoes.
                for off in [a.ext_ack.offset, a.ext_ack.miss_nest]
                    .into_iter()
                    .flatten()
                {
                    assert!(off >= 16 && off < a.request.len);
                }
            }
            Ok(Some(Control::Done(d))) => {
                if let Some(e) = d.ext_ack_error {
                    assert!(e.offset() >= m.payload_offset() && e.offset() <= end);
                }
            }
            Ok(_) => {}
            Err(e) => assert!(e.offset() >= m.payload_offset() && e.offset() <= end),
        }
        let _ = dump.step(m);
        if let Ok((_, attrs)) = m.split_header::<4>(Mode::Liberal) {
            let at = attrs.offset();
            let payload = input.get(at..end).unwrap_or(&[]);
            attributes(payload, at);
        }
    }
}

/// Walks `payload` and every nest in it, in both modes, without recursion.
fn attributes(payload: &[u8], base: usize) {
    let mut work = vec![(payload, base)];
    let mut budget = 10_000usize;
    while let Some((bytes, at)) = work.pop() {
        budget -= 1;
        if budget == 0 {
            return;
        }
        let liberal = read(bytes, at, Mode::Liberal);
        let strict = read(bytes, at, Mode::Strict);
        if let Ok(items) = &strict {
            assert_eq!(
                Ok(items),
                liberal.as_ref(),
                "strict accepted what liberal did not"
            );
        }
        let Ok(items) = liberal else {
            continue;
        };
        rewrite(&items);
        for (raw_type, payload, offset) in items {
            let _ = raw_type;
            work.push((payload, offset + 4));
        }
    }
}

type Items<'a> = Vec<(u16, &'a [u8], usize)>;

fn read(bytes: &[u8], at: usize, mode: Mode) -> Result<Items<'_>, ()> {
    let mut items = Vec::new();
    let mut next = at;
    for a in AttrIter::at(bytes, at, mode) {
        match a {
            Ok(a) => {
                assert_eq!(a.offset(), next);
                let end = a.payload_offset() + a.payload().len();
                assert!(end <= at + bytes.len());
                next = end.next_multiple_of(4);
                let _ = (a.u8(), a.u16(), a.u32(), a.u64(), a.str(), a.flag());
                let _ = a.nested();
                items.push((a.raw_type(), a.payload(), a.offset()));
            }
            Err(e) => {
                assert!(e.offset() >= at && e.offset() <= at + bytes.len());
                return Err(());
            }
        }
    }
    Ok(items)
}

/// Writes `items` with `NlWriter` and reads them back.
fn rewrite(items: &Items<'_>) {
    let mut buf = vec![0u8; items.iter().map(|(_, p, _)| p.len() + 8).sum::<usize>()];
    let mut w = NlWriter::new(&mut buf);
    for (t, p, _) in items {
        w.put_attr(*t, p).expect("room for every attribute");
    }
    let bytes = w.as_bytes();
    assert_eq!(bytes.len() % 4, 0);
    let again = read(bytes, 0, Mode::Strict).expect("written attributes read strictly");
    assert_eq!(again.len(), items.len());
    for ((t, p, _), (t2, p2, _)) in items.iter().zip(&again) {
        assert_eq!((t, p), (t2, p2));
    }
}
