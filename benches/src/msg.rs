//! The benchmark messages as crosswire types, and the sample value of each.
//!
//! Every peer defines the same fields in the same order: [`crate::pc`] for serde (postcard
//! and the serde bridge), [`crate::zc`] for zerocopy; [`crate::hand`] encodes these very
//! types by hand.

use crosswire::{BoundedString, BoundedVec, Decode, Encode, MaxSize};
use zerocopy::{Immutable, IntoBytes, KnownLayout, TryFromBytes};

/// A driver's sample record: 16 bytes, no padding in `#[repr(C)]`, plain; shared with the
/// derive's tests, the fuzz oracles and the no-panic proof.
pub use crosswire_test_records::Sample;

/// A small fixed-size record: 22 bytes on the wire.
#[derive(Encode, Decode, MaxSize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Small {
    /// Interface index.
    pub ifindex: u32,
    /// Record kind.
    pub kind: u16,
    /// Flag bits.
    pub flags: u8,
    /// Link up.
    pub up: bool,
    /// Timestamp.
    pub timestamp_ns: u64,
    /// Hardware address.
    pub mac: [u8; 6],
}

/// The state of a worker (the enum of `docs/wire-format.md` §12.3).
#[derive(Encode, Decode, MaxSize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum State {
    /// Not running.
    #[default]
    Idle,
    /// Running on a CPU.
    Running {
        /// Process id.
        pid: u32,
        /// CPU number.
        cpu: u16,
    },
    /// Exited with an error code.
    Failed(i32),
}

/// A telemetry sample: integers, an array, an `Option`, an enum and a bounded string.
#[derive(Encode, Decode, MaxSize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Telemetry {
    /// Sequence number.
    pub seq: u32,
    /// Counter values.
    pub values: [i64; 16],
    /// Last error, if any.
    pub err: Option<u32>,
    /// Worker state.
    pub state: State,
    /// Source name.
    pub name: BoundedString<32>,
}

/// A bounded sequence of 64 [`Small`].
#[derive(Encode, Decode, MaxSize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Batch {
    /// The records.
    pub items: BoundedVec<Small, 64>,
}

/// [`Small`] as a plain record (`#[crosswire(plain)]`, `docs/derive.md`): packed, since
/// `#[repr(C)]` would pad its 22 bytes to 24; the same bytes on the wire.
#[derive(
    Encode,
    Decode,
    MaxSize,
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    IntoBytes,
    TryFromBytes,
    Immutable,
    KnownLayout,
)]
#[crosswire(plain)]
#[repr(C, packed)]
pub struct PlainSmall {
    /// Interface index.
    pub ifindex: u32,
    /// Record kind.
    pub kind: u16,
    /// Flag bits.
    pub flags: u8,
    /// Link up.
    pub up: bool,
    /// Timestamp.
    pub timestamp_ns: u64,
    /// Hardware address.
    pub mac: [u8; 6],
}

/// [`Batch`] of plain records: the same bytes, runs in one copy.
#[derive(Encode, Decode, MaxSize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlainBatch {
    /// The records.
    pub items: BoundedVec<PlainSmall, 64>,
}

/// A bounded sequence of 1024 [`Sample`]: 16 KiB of records.
#[derive(Encode, Decode, MaxSize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Samples {
    /// The records.
    pub items: BoundedVec<Sample, 1024>,
}

/// `IF_OPER_*` of `<linux/if.h>` (RFC 2863), as netlink's `IFLA_OPERSTATE` carries it.
#[derive(Encode, Decode, MaxSize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OperState {
    /// `IF_OPER_UNKNOWN`.
    #[default]
    Unknown,
    /// `IF_OPER_NOTPRESENT`.
    NotPresent,
    /// `IF_OPER_DOWN`.
    Down,
    /// `IF_OPER_LOWERLAYERDOWN`.
    LowerLayerDown,
    /// `IF_OPER_TESTING`.
    Testing,
    /// `IF_OPER_DORMANT`.
    Dormant,
    /// `IF_OPER_UP`.
    Up,
}

/// Shaped like an rtnetlink `RTM_NEWLINK` message: `struct ifinfomsg`, then the
/// attributes a link dump carries most (`IFLA_IFNAME`, `IFLA_MTU`, `IFLA_OPERSTATE`,
/// `IFLA_ADDRESS`, `IFLA_BROADCAST`, `IFLA_MASTER`, `IFLA_TXQLEN`).
#[derive(Encode, Decode, MaxSize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Link {
    /// `ifi_family`.
    pub family: u8,
    /// `ifi_type` (`ARPHRD_*`).
    pub if_type: u16,
    /// `ifi_index`.
    pub index: i32,
    /// `ifi_flags` (`IFF_*`).
    pub flags: u32,
    /// `ifi_change`.
    pub change: u32,
    /// `IFLA_IFNAME`, at most `IFNAMSIZ` bytes.
    pub name: BoundedString<16>,
    /// `IFLA_MTU`.
    pub mtu: u32,
    /// `IFLA_OPERSTATE`.
    pub operstate: OperState,
    /// `IFLA_ADDRESS`.
    pub address: [u8; 6],
    /// `IFLA_BROADCAST`.
    pub broadcast: [u8; 6],
    /// `IFLA_MASTER`, when the link is enslaved.
    pub master: Option<u32>,
    /// `IFLA_TXQLEN`.
    pub txqlen: u32,
}

/// Plain integers and integer arrays only, shaped like an ioctl that returns a link's
/// `struct rtnl_link_stats64` (its 24 counters) with per-queue lengths: the message that
/// zerocopy can copy as is. 240 bytes, no padding in `#[repr(C)]`.
#[derive(Encode, Decode, MaxSize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Interface index.
    pub ifindex: u32,
    /// Flag bits.
    pub flags: u32,
    /// The counters of `struct rtnl_link_stats64`, in its order.
    pub counters: [u64; 24],
    /// Per-queue lengths.
    pub queue_len: [u32; 8],
    /// Permanent hardware address, zero-padded.
    pub perm_addr: [u8; 8],
}

/// The sample `Small` number `i`.
pub fn small(i: u32) -> Small {
    Small {
        ifindex: 1000 + i,
        kind: 0x0102u16.wrapping_add(u16::try_from(i % 7).unwrap_or(0)),
        flags: 0x41,
        up: !i.is_multiple_of(3),
        timestamp_ns: 1_764_190_800_000_000_000u64.wrapping_add(u64::from(i) * 1_000_003),
        mac: [
            0x02,
            0x42,
            0xac,
            0x11,
            0x00,
            u8::try_from(i % 251).unwrap_or(0),
        ],
    }
}

/// The sample `Telemetry`.
pub fn telemetry() -> Telemetry {
    let mut values = [0i64; 16];
    for (i, v) in (0i64..).zip(values.iter_mut()) {
        *v = (i - 5) * 1_234_567_891;
    }
    Telemetry {
        seq: 0xDEAD_BEEF,
        values,
        err: Some(110),
        state: State::Running { pid: 4242, cpu: 1 },
        name: BoundedString::try_from("eth0-rx-queue-7").unwrap_or_default(),
    }
}

/// The sample `Batch`: 64 records, full.
pub fn batch() -> Batch {
    let mut items = BoundedVec::new();
    for i in 0..64 {
        let _ = items.push(small(i));
    }
    Batch { items }
}

/// The sample `Link`.
pub fn link() -> Link {
    Link {
        family: 0,
        if_type: 1,
        index: 2,
        flags: 0x1_1043,
        change: 0,
        name: BoundedString::try_from("enp3s0f1").unwrap_or_default(),
        mtu: 1500,
        operstate: OperState::Up,
        address: [0x52, 0x54, 0x00, 0x12, 0x34, 0x56],
        broadcast: [0xff; 6],
        master: Some(7),
        txqlen: 1000,
    }
}

/// The sample `Stats`.
pub fn stats() -> Stats {
    let mut counters = [0u64; 24];
    for (i, c) in (1u64..).zip(counters.iter_mut()) {
        *c = i * 0x0123_4567_89ab;
    }
    let mut queue_len = [0u32; 8];
    for (i, q) in (0u32..).zip(queue_len.iter_mut()) {
        *q = 64 << i;
    }
    Stats {
        ifindex: 3,
        flags: 0x1003,
        counters,
        queue_len,
        perm_addr: [0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0, 0],
    }
}

/// The sample `PlainBatch`: [`batch`]'s records.
pub fn plain_batch() -> PlainBatch {
    let mut items = BoundedVec::new();
    for i in 0..64 {
        let s = small(i);
        let _ = items.push(PlainSmall {
            ifindex: s.ifindex,
            kind: s.kind,
            flags: s.flags,
            up: s.up,
            timestamp_ns: s.timestamp_ns,
            mac: s.mac,
        });
    }
    PlainBatch { items }
}

/// The sample `Samples`: 1024 records, full.
pub fn samples() -> Samples {
    let mut items = BoundedVec::new();
    for i in 0..1024u32 {
        let _ = items.push(Sample {
            timestamp: 1_764_190_800_000_000_000u64.wrapping_add(u64::from(i) * 250_000),
            id: 0x100 + i % 13,
            kind: u16::try_from(i % 5).unwrap_or(0),
            level: u8::try_from(i % 8).unwrap_or(0),
            valid: !i.is_multiple_of(17),
        });
    }
    Samples { items }
}
