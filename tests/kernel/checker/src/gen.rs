//! Seeded generation of requests, and what the version 2 module answers to them.

use crosswire::{BoundedString, BoundedVec};

use crosswire_sample_types::*;

/// SplitMix64: small, seedable, good enough to spread test cases.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub(crate) fn bool(&mut self) -> bool {
        self.next() & 1 == 1
    }
    pub(crate) fn char(&mut self) -> char {
        const SAMPLES: [char; 8] = ['a', 'Z', '0', ' ', 'é', 'ß', '€', '🦀'];
        match self.below(4) {
            0 => SAMPLES[self.below(SAMPLES.len() as u64) as usize],
            1 => char::from_u32(0x20 + self.below(0x5f) as u32).unwrap_or('?'),
            _ => loop {
                if let Some(c) = char::from_u32(self.below(0x11_0000) as u32) {
                    break c;
                }
            },
        }
    }
    pub(crate) fn string<const N: usize>(&mut self) -> BoundedString<N> {
        let mut s = BoundedString::new();
        let want = self.below(N as u64 + 1) as usize;
        while s.as_str().len() < want {
            let c = self.char();
            if s.push_str(c.encode_utf8(&mut [0; 4])).is_err() {
                break;
            }
        }
        s
    }
    pub(crate) fn vec<T: Default, const N: usize>(
        &mut self,
        mut f: impl FnMut(&mut Self) -> T,
    ) -> BoundedVec<T, N> {
        let mut v = BoundedVec::new();
        for _ in 0..self.below(N as u64 + 1) {
            let _ = v.push(f(self));
        }
        v
    }
}

pub(crate) fn gen_arith(r: &mut Rng) -> Arith {
    Arith {
        a: r.next(),
        b: r.next() as _,
        c: r.next() as u16,
        d: r.next() as u8,
        negate: r.bool(),
        opt: if r.bool() {
            Some(r.next() as u32)
        } else {
            None
        },
        arr: [
            r.next() as u16,
            r.next() as u16,
            r.next() as u16,
            r.next() as u16,
        ],
        ch: r.char(),
    }
}

pub(crate) fn gen_op(r: &mut Rng) -> Op {
    match r.below(6) {
        0 => Op::Echo(r.string()),
        1 => Op::Upper { text: r.string() },
        2 => Op::Sum(r.vec(|r| r.next() as u32)),
        3 => Op::Reverse(r.vec(|r| r.next() as u16)),
        4 => Op::Stats {
            name: r.string(),
            values: r.vec(|r| r.next() as i16),
            flag: match r.below(3) {
                0 => None,
                1 => Some(false),
                _ => Some(true),
            },
        },
        _ => Op::Nop,
    }
}

/// A `Settings` this program's version may send to the version-2 module: fields the module
/// does not know must be zero (a non-zero one is checked to give E2BIG separately), and so
/// must the reserved flag (checked to give EOPNOTSUPP separately).
pub(crate) fn gen_settings(r: &mut Rng) -> Settings {
    Settings {
        max_items: r.next() as u32 >> r.below(32),
        flags: r.next() as u32 & !FLAG_RESERVED,
        #[cfg(not(feature = "msg-v1"))]
        timeout_ms: r.next() >> r.below(64),
        #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
        priority: 0,
        #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
        verbose: false,
    }
}

/// The module is built with version 2 of `Settings`.
pub(crate) const MODULE_SETTINGS_VERSION: u32 = 2;

/// What the version-2 module answers, seen through this program's version of the reply:
/// fields the module does not know read as zero, fields this program does not know are
/// dropped (they are zero, since the module echoes a zero-extended request).
pub(crate) fn expected_settings_reply(s: &Settings) -> SettingsReply {
    let mut reply = s
        .reply()
        .expect("gen_settings leaves the reserved flag clear");
    reply.version = MODULE_SETTINGS_VERSION;
    #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
    {
        reply.priority = 0;
        reply.verbose = false;
    }
    reply
}
