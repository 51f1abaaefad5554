//! A hand-written encoder and decoder for each message: `to_le_bytes` into a fixed array
//! and `from_le_bytes` back, validating what crosswire validates (bools, tags, lengths,
//! UTF-8, no trailing bytes). This is the code one would write without a library.

use crosswire::{BoundedString, BoundedVec, MaxSize};

use crate::msg::{Batch, Link, OperState, Sample, Samples, Small, State, Stats, Telemetry};

/// A little-endian write cursor over a fixed array.
struct Out<'a> {
    buf: &'a mut [u8],
    pos: usize,
}

impl Out<'_> {
    #[inline(always)]
    fn put<const N: usize>(&mut self, bytes: [u8; N]) {
        self.buf[self.pos..self.pos + N].copy_from_slice(&bytes);
        self.pos += N;
    }

    #[inline(always)]
    fn put_slice(&mut self, bytes: &[u8]) {
        self.buf[self.pos..self.pos + bytes.len()].copy_from_slice(bytes);
        self.pos += bytes.len();
    }
}

/// A little-endian read cursor.
struct In<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> In<'a> {
    #[inline(always)]
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let bytes = self.buf.get(self.pos..self.pos.checked_add(N)?)?;
        self.pos += N;
        bytes.try_into().ok()
    }

    #[inline(always)]
    fn take_slice(&mut self, len: usize) -> Option<&'a [u8]> {
        let bytes = self.buf.get(self.pos..self.pos.checked_add(len)?)?;
        self.pos += len;
        Some(bytes)
    }

    #[inline(always)]
    fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|[b]| b)
    }

    #[inline(always)]
    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }

    #[inline(always)]
    fn end(self) -> Option<()> {
        (self.pos == self.buf.len()).then_some(())
    }
}

/// `[u8; 22]` at fixed offsets.
#[inline]
pub fn encode_small_into(m: &Small, b: &mut [u8; 22]) {
    b[0..4].copy_from_slice(&m.ifindex.to_le_bytes());
    b[4..6].copy_from_slice(&m.kind.to_le_bytes());
    b[6] = m.flags;
    b[7] = u8::from(m.up);
    b[8..16].copy_from_slice(&m.timestamp_ns.to_le_bytes());
    b[16..22].copy_from_slice(&m.mac);
}

/// From `[u8; 22]` at fixed offsets.
#[inline]
pub fn decode_small_from(b: &[u8; 22]) -> Option<Small> {
    let up = match b[7] {
        0 => false,
        1 => true,
        _ => return None,
    };
    Some(Small {
        ifindex: u32::from_le_bytes(b[0..4].try_into().ok()?),
        kind: u16::from_le_bytes(b[4..6].try_into().ok()?),
        flags: b[6],
        up,
        timestamp_ns: u64::from_le_bytes(b[8..16].try_into().ok()?),
        mac: b[16..22].try_into().ok()?,
    })
}

/// Encodes a [`Small`], returning the length.
#[inline]
pub fn encode_small(m: &Small, b: &mut [u8; Small::MAX_SIZE]) -> usize {
    encode_small_into(m, b);
    22
}

/// Decodes a [`Small`] that spans all of `b`.
#[inline]
pub fn decode_small(b: &[u8]) -> Option<Small> {
    decode_small_from(b.try_into().ok()?)
}

/// Encodes a [`Telemetry`], returning the length.
#[inline]
pub fn encode_telemetry(m: &Telemetry, b: &mut [u8; Telemetry::MAX_SIZE]) -> usize {
    let mut o = Out { buf: b, pos: 0 };
    o.put(m.seq.to_le_bytes());
    for v in &m.values {
        o.put(v.to_le_bytes());
    }
    match m.err {
        None => o.put([0]),
        Some(e) => {
            o.put([1]);
            o.put(e.to_le_bytes());
        }
    }
    match m.state {
        State::Idle => o.put([0]),
        State::Running { pid, cpu } => {
            o.put([1]);
            o.put(pid.to_le_bytes());
            o.put(cpu.to_le_bytes());
        }
        State::Failed(e) => {
            o.put([2]);
            o.put(e.to_le_bytes());
        }
    }
    let name = m.name.as_bytes();
    o.put((name.len() as u32).to_le_bytes());
    o.put_slice(name);
    o.pos
}

/// Decodes a [`Telemetry`] that spans all of `b`.
#[inline]
pub fn decode_telemetry(b: &[u8]) -> Option<Telemetry> {
    let mut i = In { buf: b, pos: 0 };
    let seq = i.u32()?;
    let mut values = [0i64; 16];
    for v in &mut values {
        *v = i64::from_le_bytes(i.take()?);
    }
    let err = match i.u8()? {
        0 => None,
        1 => Some(i.u32()?),
        _ => return None,
    };
    let state = match i.u8()? {
        0 => State::Idle,
        1 => State::Running {
            pid: i.u32()?,
            cpu: u16::from_le_bytes(i.take()?),
        },
        2 => State::Failed(i32::from_le_bytes(i.take()?)),
        _ => return None,
    };
    let len = i.u32()? as usize;
    if len > 32 {
        return None;
    }
    let name = core::str::from_utf8(i.take_slice(len)?).ok()?;
    let name = BoundedString::try_from(name).ok()?;
    i.end()?;
    Some(Telemetry {
        seq,
        values,
        err,
        state,
        name,
    })
}

/// Encodes a [`Batch`], returning the length.
#[inline]
pub fn encode_batch(m: &Batch, b: &mut [u8; Batch::MAX_SIZE]) -> usize {
    let items = m.items.as_slice();
    b[0..4].copy_from_slice(&(items.len() as u32).to_le_bytes());
    for (item, chunk) in items.iter().zip(b[4..].chunks_exact_mut(22)) {
        encode_small_into(item, chunk.try_into().unwrap());
    }
    4 + 22 * items.len()
}

/// Decodes a [`Batch`] that spans all of `b`.
#[inline]
pub fn decode_batch(b: &[u8]) -> Option<Batch> {
    let (len, rest) = b.split_first_chunk::<4>()?;
    let len = u32::from_le_bytes(*len) as usize;
    if len > 64 || rest.len() != len * 22 {
        return None;
    }
    let mut items = BoundedVec::new();
    for chunk in rest.chunks_exact(22) {
        items
            .push(decode_small_from(chunk.try_into().ok()?)?)
            .ok()?;
    }
    Some(Batch { items })
}

/// Encodes a [`Link`], returning the length.
#[inline]
pub fn encode_link(m: &Link, b: &mut [u8; Link::MAX_SIZE]) -> usize {
    let mut o = Out { buf: b, pos: 0 };
    o.put([m.family]);
    o.put(m.if_type.to_le_bytes());
    o.put(m.index.to_le_bytes());
    o.put(m.flags.to_le_bytes());
    o.put(m.change.to_le_bytes());
    let name = m.name.as_bytes();
    o.put((name.len() as u32).to_le_bytes());
    o.put_slice(name);
    o.put(m.mtu.to_le_bytes());
    o.put([m.operstate as u8]);
    o.put(m.address);
    o.put(m.broadcast);
    match m.master {
        None => o.put([0]),
        Some(v) => {
            o.put([1]);
            o.put(v.to_le_bytes());
        }
    }
    o.put(m.txqlen.to_le_bytes());
    o.pos
}

/// Decodes a [`Link`] that spans all of `b`.
#[inline]
pub fn decode_link(b: &[u8]) -> Option<Link> {
    let mut i = In { buf: b, pos: 0 };
    let family = i.u8()?;
    let if_type = u16::from_le_bytes(i.take()?);
    let index = i32::from_le_bytes(i.take()?);
    let flags = i.u32()?;
    let change = i.u32()?;
    let len = i.u32()? as usize;
    if len > 16 {
        return None;
    }
    let name = core::str::from_utf8(i.take_slice(len)?).ok()?;
    let name = BoundedString::try_from(name).ok()?;
    let mtu = i.u32()?;
    let operstate = match i.u8()? {
        0 => OperState::Unknown,
        1 => OperState::NotPresent,
        2 => OperState::Down,
        3 => OperState::LowerLayerDown,
        4 => OperState::Testing,
        5 => OperState::Dormant,
        6 => OperState::Up,
        _ => return None,
    };
    let address = i.take()?;
    let broadcast = i.take()?;
    let master = match i.u8()? {
        0 => None,
        1 => Some(i.u32()?),
        _ => return None,
    };
    let txqlen = i.u32()?;
    i.end()?;
    Some(Link {
        family,
        if_type,
        index,
        flags,
        change,
        name,
        mtu,
        operstate,
        address,
        broadcast,
        master,
        txqlen,
    })
}

/// Encodes a [`Stats`], returning the length.
#[inline]
pub fn encode_stats(m: &Stats, b: &mut [u8; Stats::MAX_SIZE]) -> usize {
    b[0..4].copy_from_slice(&m.ifindex.to_le_bytes());
    b[4..8].copy_from_slice(&m.flags.to_le_bytes());
    for (c, chunk) in m.counters.iter().zip(b[8..200].chunks_exact_mut(8)) {
        chunk.copy_from_slice(&c.to_le_bytes());
    }
    for (q, chunk) in m.queue_len.iter().zip(b[200..232].chunks_exact_mut(4)) {
        chunk.copy_from_slice(&q.to_le_bytes());
    }
    b[232..240].copy_from_slice(&m.perm_addr);
    240
}

/// Decodes a [`Stats`] that spans all of `b`.
#[inline]
pub fn decode_stats(b: &[u8]) -> Option<Stats> {
    let b: &[u8; 240] = b.try_into().ok()?;
    let mut counters = [0u64; 24];
    for (c, chunk) in counters.iter_mut().zip(b[8..200].chunks_exact(8)) {
        *c = u64::from_le_bytes(chunk.try_into().ok()?);
    }
    let mut queue_len = [0u32; 8];
    for (q, chunk) in queue_len.iter_mut().zip(b[200..232].chunks_exact(4)) {
        *q = u32::from_le_bytes(chunk.try_into().ok()?);
    }
    Some(Stats {
        ifindex: u32::from_le_bytes(b[0..4].try_into().ok()?),
        flags: u32::from_le_bytes(b[4..8].try_into().ok()?),
        counters,
        queue_len,
        perm_addr: b[232..240].try_into().ok()?,
    })
}

/// Encodes a [`Samples`], returning the length: each record at fixed offsets.
#[inline]
pub fn encode_samples(m: &Samples, b: &mut [u8; Samples::MAX_SIZE]) -> usize {
    let items = m.items.as_slice();
    b[0..4].copy_from_slice(&(items.len() as u32).to_le_bytes());
    for (s, c) in items.iter().zip(b[4..].chunks_exact_mut(16)) {
        c[0..8].copy_from_slice(&s.timestamp.to_le_bytes());
        c[8..12].copy_from_slice(&s.id.to_le_bytes());
        c[12..14].copy_from_slice(&s.kind.to_le_bytes());
        c[14] = s.level;
        c[15] = u8::from(s.valid);
    }
    4 + 16 * items.len()
}

/// Decodes a [`Samples`] that spans all of `b`.
#[inline]
pub fn decode_samples(b: &[u8]) -> Option<Samples> {
    let (len, rest) = b.split_first_chunk::<4>()?;
    let len = u32::from_le_bytes(*len) as usize;
    if len > 1024 || rest.len() != len * 16 {
        return None;
    }
    let mut items = BoundedVec::new();
    for c in rest.chunks_exact(16) {
        let valid = match c[15] {
            0 => false,
            1 => true,
            _ => return None,
        };
        let sample = Sample {
            timestamp: u64::from_le_bytes(c[0..8].try_into().ok()?),
            id: u32::from_le_bytes(c[8..12].try_into().ok()?),
            kind: u16::from_le_bytes(c[12..14].try_into().ok()?),
            level: c[14],
            valid,
        };
        items.push(sample).ok()?;
    }
    Some(Samples { items })
}
