//! The messages as serde types, for postcard and for crosswire's serde bridge. Bounded
//! containers are heapless's, whose serde impls postcard understands.

use serde::{Deserialize, Serialize};

use crate::msg;

/// [`msg::Small`].
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[expect(missing_docs, reason = "the fields are documented on msg::Small")]
pub struct Small {
    pub ifindex: u32,
    pub kind: u16,
    pub flags: u8,
    pub up: bool,
    pub timestamp_ns: u64,
    pub mac: [u8; 6],
}

/// [`msg::State`].
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[expect(missing_docs, reason = "documented on msg::State")]
pub enum State {
    #[default]
    Idle,
    Running {
        pid: u32,
        cpu: u16,
    },
    Failed(i32),
}

/// [`msg::Telemetry`].
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[expect(missing_docs, reason = "the fields are documented on msg::Telemetry")]
pub struct Telemetry {
    pub seq: u32,
    pub values: [i64; 16],
    pub err: Option<u32>,
    pub state: State,
    pub name: heapless::String<32>,
}

/// [`msg::Batch`].
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[expect(missing_docs, reason = "the fields are documented on msg::Batch")]
pub struct Batch {
    pub items: heapless::Vec<Small, 64>,
}

/// [`msg::Sample`].
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[expect(missing_docs, reason = "the fields are documented on msg::Sample")]
pub struct Sample {
    pub timestamp: u64,
    pub id: u32,
    pub kind: u16,
    pub level: u8,
    pub valid: bool,
}

/// [`msg::Samples`].
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[expect(missing_docs, reason = "the fields are documented on msg::Samples")]
pub struct Samples {
    pub items: heapless::Vec<Sample, 1024>,
}

/// [`msg::OperState`].
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[expect(missing_docs, reason = "documented on msg::OperState")]
pub enum OperState {
    #[default]
    Unknown,
    NotPresent,
    Down,
    LowerLayerDown,
    Testing,
    Dormant,
    Up,
}

/// [`msg::Link`].
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[expect(missing_docs, reason = "the fields are documented on msg::Link")]
pub struct Link {
    pub family: u8,
    pub if_type: u16,
    pub index: i32,
    pub flags: u32,
    pub change: u32,
    pub name: heapless::String<16>,
    pub mtu: u32,
    pub operstate: OperState,
    pub address: [u8; 6],
    pub broadcast: [u8; 6],
    pub master: Option<u32>,
    pub txqlen: u32,
}

/// [`msg::Stats`].
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
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
            ifindex: m.ifindex,
            kind: m.kind,
            flags: m.flags,
            up: m.up,
            timestamp_ns: m.timestamp_ns,
            mac: m.mac,
        }
    }
}

impl From<&msg::Telemetry> for Telemetry {
    fn from(m: &msg::Telemetry) -> Self {
        Telemetry {
            seq: m.seq,
            values: m.values,
            err: m.err,
            state: match m.state {
                msg::State::Idle => State::Idle,
                msg::State::Running { pid, cpu } => State::Running { pid, cpu },
                msg::State::Failed(e) => State::Failed(e),
            },
            name: heapless::String::try_from(m.name.as_str()).unwrap_or_default(),
        }
    }
}

impl From<&msg::Batch> for Batch {
    fn from(m: &msg::Batch) -> Self {
        Batch {
            items: m.items.iter().map(Small::from).collect(),
        }
    }
}

impl From<&msg::Link> for Link {
    fn from(m: &msg::Link) -> Self {
        Link {
            family: m.family,
            if_type: m.if_type,
            index: m.index,
            flags: m.flags,
            change: m.change,
            name: heapless::String::try_from(m.name.as_str()).unwrap_or_default(),
            mtu: m.mtu,
            operstate: match m.operstate {
                msg::OperState::Unknown => OperState::Unknown,
                msg::OperState::NotPresent => OperState::NotPresent,
                msg::OperState::Down => OperState::Down,
                msg::OperState::LowerLayerDown => OperState::LowerLayerDown,
                msg::OperState::Testing => OperState::Testing,
                msg::OperState::Dormant => OperState::Dormant,
                msg::OperState::Up => OperState::Up,
            },
            address: m.address,
            broadcast: m.broadcast,
            master: m.master,
            txqlen: m.txqlen,
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

impl From<&msg::Samples> for Samples {
    fn from(m: &msg::Samples) -> Self {
        Samples {
            items: m
                .items
                .iter()
                .map(|s| Sample {
                    timestamp: s.timestamp,
                    id: s.id,
                    kind: s.kind,
                    level: s.level,
                    valid: s.valid,
                })
                .collect(),
        }
    }
}
