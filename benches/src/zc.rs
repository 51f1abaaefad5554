//! The messages as `#[repr(C)]` zerocopy types. Zerocopy copies bytes and validates
//! nothing, so a type with a `bool`, an `Option`, an enum or a bounded string becomes a
//! fixed layout of its largest form (tag bytes, unused payload, a length and a full-size
//! byte array) and carries whatever the peer sent. Fields are zerocopy's little-endian
//! integers (alignment 1, no padding), so where the layout is the same the bytes are
//! crosswire's. [`Stats`] is plain native integers, laid out without padding.

use zerocopy::{
    little_endian::{I32, I64, U16, U32, U64},
    FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned,
};

use crate::msg;

/// [`msg::Small`]; `up` is a raw byte.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned, Clone, Copy, Debug)]
#[repr(C)]
#[expect(missing_docs, reason = "the fields are documented on msg::Small")]
pub struct Small {
    pub ifindex: U32,
    pub kind: U16,
    pub flags: u8,
    pub up: u8,
    pub timestamp_ns: U64,
    pub mac: [u8; 6],
}

/// [`msg::Telemetry`] at its largest: every tag and payload slot is always present.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned, Clone, Copy, Debug)]
#[repr(C)]
#[expect(missing_docs, reason = "the fields are documented on msg::Telemetry")]
pub struct Telemetry {
    pub seq: U32,
    pub values: [I64; 16],
    pub err_tag: u8,
    pub err: U32,
    pub state_tag: u8,
    pub state_a: I32,
    pub state_b: U16,
    pub name_len: U32,
    pub name: [u8; 32],
}

/// [`msg::Batch`]: a length and 64 slots.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned, Clone, Copy, Debug)]
#[repr(C)]
#[expect(missing_docs, reason = "the fields are documented on msg::Batch")]
pub struct Batch {
    pub len: U32,
    pub items: [Small; 64],
}

/// [`msg::Sample`]; `valid` is a raw byte.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned, Clone, Copy, Debug)]
#[repr(C)]
#[expect(missing_docs, reason = "the fields are documented on msg::Sample")]
pub struct Sample {
    pub timestamp: U64,
    pub id: U32,
    pub kind: U16,
    pub level: u8,
    pub valid: u8,
}

/// [`msg::Samples`]: a length and 1024 slots.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned, Clone, Copy, Debug)]
#[repr(C)]
#[expect(missing_docs, reason = "the fields are documented on msg::Samples")]
pub struct Samples {
    pub len: U32,
    pub items: [Sample; 1024],
}

/// [`msg::Link`] at its largest.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned, Clone, Copy, Debug)]
#[repr(C)]
#[expect(missing_docs, reason = "the fields are documented on msg::Link")]
pub struct Link {
    pub family: u8,
    pub if_type: U16,
    pub index: I32,
    pub flags: U32,
    pub change: U32,
    pub name_len: U32,
    pub name: [u8; 16],
    pub mtu: U32,
    pub operstate: u8,
    pub address: [u8; 6],
    pub broadcast: [u8; 6],
    pub master_tag: u8,
    pub master: U32,
    pub txqlen: U32,
}

/// [`msg::Stats`] in native integers: on a little-endian target its bytes are
/// crosswire's.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug)]
#[repr(C)]
#[expect(missing_docs, reason = "the fields are documented on msg::Stats")]
pub struct Stats {
    pub ifindex: u32,
    pub flags: u32,
    pub counters: [u64; 24],
    pub queue_len: [u32; 8],
    pub perm_addr: [u8; 8],
}

impl From<&msg::Small> for Small {
    fn from(m: &msg::Small) -> Self {
        Small {
            ifindex: m.ifindex.into(),
            kind: m.kind.into(),
            flags: m.flags,
            up: m.up.into(),
            timestamp_ns: m.timestamp_ns.into(),
            mac: m.mac,
        }
    }
}

/// A bounded string as a length and a zero-padded array.
fn name<const N: usize>(s: &str) -> (U32, [u8; N]) {
    let mut out = [0u8; N];
    let len = s.len().min(N);
    out[..len].copy_from_slice(&s.as_bytes()[..len]);
    (U32::new(u32::try_from(len).unwrap_or(0)), out)
}

impl From<&msg::Telemetry> for Telemetry {
    fn from(m: &msg::Telemetry) -> Self {
        let (state_tag, state_a, state_b) = match m.state {
            msg::State::Idle => (0, 0, 0),
            msg::State::Running { pid, cpu } => (1, i32::try_from(pid).unwrap_or(0), cpu),
            msg::State::Failed(e) => (2, e, 0),
        };
        let (name_len, name) = name(m.name.as_str());
        Telemetry {
            seq: m.seq.into(),
            values: m.values.map(I64::new),
            err_tag: m.err.is_some().into(),
            err: m.err.unwrap_or(0).into(),
            state_tag,
            state_a: state_a.into(),
            state_b: state_b.into(),
            name_len,
            name,
        }
    }
}

impl From<&msg::Batch> for Batch {
    fn from(m: &msg::Batch) -> Self {
        let mut items = [Small::from(&msg::Small::default()); 64];
        for (slot, item) in items.iter_mut().zip(m.items.iter()) {
            *slot = Small::from(item);
        }
        Batch {
            len: U32::new(u32::try_from(m.items.len()).unwrap_or(0)),
            items,
        }
    }
}

impl From<&msg::Link> for Link {
    fn from(m: &msg::Link) -> Self {
        let (name_len, name) = name(m.name.as_str());
        Link {
            family: m.family,
            if_type: m.if_type.into(),
            index: m.index.into(),
            flags: m.flags.into(),
            change: m.change.into(),
            name_len,
            name,
            mtu: m.mtu.into(),
            operstate: m.operstate as u8,
            address: m.address,
            broadcast: m.broadcast,
            master_tag: m.master.is_some().into(),
            master: m.master.unwrap_or(0).into(),
            txqlen: m.txqlen.into(),
        }
    }
}

impl From<&msg::Stats> for Stats {
    fn from(m: &msg::Stats) -> Self {
        Stats {
            ifindex: m.ifindex,
            flags: m.flags,
            counters: m.counters,
            queue_len: m.queue_len,
            perm_addr: m.perm_addr,
        }
    }
}

impl From<&msg::Sample> for Sample {
    fn from(m: &msg::Sample) -> Self {
        Sample {
            timestamp: m.timestamp.into(),
            id: m.id.into(),
            kind: m.kind.into(),
            level: m.level,
            valid: m.valid.into(),
        }
    }
}

impl From<&msg::Samples> for Samples {
    fn from(m: &msg::Samples) -> Self {
        let mut items = [Sample::from(&msg::Sample::default()); 1024];
        for (slot, item) in items.iter_mut().zip(m.items.iter()) {
            *slot = Sample::from(item);
        }
        Samples {
            len: U32::new(u32::try_from(m.items.len()).unwrap_or(0)),
            items,
        }
    }
}
