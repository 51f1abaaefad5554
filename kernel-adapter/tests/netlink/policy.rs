//! `NlaSet::POLICY`: the kernel validation policy `#[derive(NlaSet)]` writes down for each
//! field, which a kernel module turns into its `nla_policy` table.

use crosswire::{Be, BoundedBytes, BoundedStr, BoundedString, BoundedVec, MaxSize};
use crosswire_kernel::netlink::{
    nla::policy::{max_id, Policy, PolicyEntry, PolicyKind},
    Crosswire, NlaSet, NlaValue,
};

#[derive(Debug, Default, PartialEq, NlaSet)]
struct Inner {
    #[nla(id = 1)]
    a: u8,
    #[nla(id = 2)]
    b: Option<i64>,
}

#[derive(Debug, PartialEq, NlaSet)]
struct Outer<'a> {
    #[nla(id = 7)]
    count: u32,
    #[nla(id = 2)]
    name: BoundedString<12>,
    #[nla(id = 3)]
    label: Option<BoundedStr<'a, 5>>,
    #[nla(id = 4)]
    verbose: bool,
    #[nla(id = 5)]
    inner: Option<Inner>,
    #[nla(id = 6)]
    blob: BoundedBytes<'a, 40>,
    #[nla(id = 9)]
    port: Be<u16>,
    #[nla(id = 10)]
    many: BoundedVec<u16, 3>,
    #[nla(id = 11)]
    msg: Option<Crosswire<u32>>,
    #[nla(id = 12)]
    raw: [u8; 6],
}

fn entry(id: u16, policy: Policy) -> PolicyEntry {
    PolicyEntry { id, policy }
}

#[test]
fn derived_policy_lists_each_field_in_declaration_order() {
    static INNER: [PolicyEntry; 2] = [
        PolicyEntry {
            id: 1,
            policy: Policy::of(PolicyKind::U8),
        },
        PolicyEntry {
            id: 2,
            policy: Policy::of(PolicyKind::S64),
        },
    ];
    let inner = &INNER;
    assert_eq!(<Inner as NlaSet<'_>>::POLICY, &inner[..]);
    let want = [
        entry(7, Policy::of(PolicyKind::U32)),
        entry(2, Policy::with_len(PolicyKind::NulString, 12)),
        entry(3, Policy::with_len(PolicyKind::NulString, 5)),
        entry(4, Policy::of(PolicyKind::Flag)),
        entry(5, Policy::of(PolicyKind::Nested(inner))),
        entry(6, Policy::with_len(PolicyKind::Binary, 40)),
        entry(9, Policy::of(PolicyKind::Be16)),
        entry(10, Policy::of(PolicyKind::U16)),
        entry(
            11,
            Policy::with_len(PolicyKind::Binary, <u32 as MaxSize>::MAX_SIZE),
        ),
        entry(12, Policy::with_len(PolicyKind::Unspec, 6)),
    ];
    assert_eq!(<Outer<'_> as NlaSet<'_>>::POLICY, &want[..]);
    assert_eq!(max_id(<Outer<'_> as NlaSet<'_>>::POLICY), 12);
    assert_eq!(max_id(&[]), 0);
    // As a nest, the set validates its payload with its own policy.
    assert_eq!(
        <Inner as NlaValue<'_>>::POLICY,
        Policy::of(PolicyKind::Nested(inner))
    );
}

#[test]
fn lengths_saturate_at_the_largest_attribute() {
    assert_eq!(Policy::with_len(PolicyKind::Binary, 1 << 20).len, u16::MAX);
    assert_eq!(Policy::with_len(PolicyKind::Binary, 65535).len, 65535);
    assert_eq!(Policy::UNSPEC, Policy::of(PolicyKind::Unspec));
}
