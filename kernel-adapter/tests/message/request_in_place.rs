//! `RequestBytes::decode_in_place` accepts exactly what `RequestBytes::decode` accepts,
//! with the same errno, whatever the request value held before.

use crosswire::{BoundedString, BoundedVec, Decode, Encode, MaxSize};
use crosswire_kernel::message::{self, RequestBytes};
use proptest::prelude::*;

#[derive(Debug, Default, Clone, Copy, PartialEq, Encode, Decode, MaxSize)]
struct Rule {
    port: u16,
    allow: bool,
}

/// A request of the size that should not be built on a kernel stack and moved.
#[derive(Debug, Default, Clone, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct Ruleset {
    name: BoundedString<16>,
    rules: BoundedVec<Rule, 512>,
}

fn ruleset() -> impl Strategy<Value = Ruleset> {
    (
        "[a-z]{0,16}",
        prop::collection::vec((any::<u16>(), any::<bool>()), 0..8),
    )
        .prop_map(|(name, rules)| Ruleset {
            name: BoundedString::try_from(name.as_str()).unwrap(),
            rules: BoundedVec::from_slice(
                &rules
                    .into_iter()
                    .map(|(port, allow)| Rule { port, allow })
                    .collect::<Vec<_>>(),
            )
            .unwrap(),
        })
}

/// The encoding of `v` in a buffer of `size` bytes (at least the encoding), zero-padded.
fn request(v: &Ruleset, size: usize) -> Vec<u8> {
    let mut buf = vec![0u8; size.max(v.encoded_len())];
    message::encode(v, &mut buf).unwrap();
    buf
}

proptest! {
    #[test]
    fn agrees_with_decode(
        old in ruleset(),
        new in ruleset(),
        pad in 0usize..8,
        flip in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut buf = request(&new, new.encoded_len() + pad);
        // Half the time, one byte changed: a bad tag, length, bool, or non-zero padding.
        if byte % 2 == 0 {
            let i = flip.index(buf.len());
            buf[i] = byte;
        }
        let mut req = old.clone();
        let got = RequestBytes::new(&buf).decode_in_place(&mut req);
        match RequestBytes::new(&buf).decode::<Ruleset>() {
            Ok(want) => {
                prop_assert_eq!(got, Ok(()));
                prop_assert_eq!(req, want);
            }
            Err(errno) => prop_assert_eq!(got, Err(errno)),
        }
    }
}

#[test]
fn stale_rules_do_not_survive_a_shorter_request() {
    let mut req = Box::new(Ruleset::default());
    let long = Ruleset {
        name: BoundedString::try_from("long").unwrap(),
        rules: BoundedVec::from_slice(
            &[Rule {
                port: 1,
                allow: true,
            }; 3],
        )
        .unwrap(),
    };
    RequestBytes::new(&request(&long, 64))
        .decode_in_place(&mut *req)
        .unwrap();
    assert_eq!(req.rules.len(), 3);
    let short = Ruleset {
        name: BoundedString::try_from("s").unwrap(),
        rules: BoundedVec::from_slice(&[Rule {
            port: 2,
            allow: false,
        }])
        .unwrap(),
    };
    RequestBytes::new(&request(&short, 64))
        .decode_in_place(&mut *req)
        .unwrap();
    assert_eq!(*req, short);
}
