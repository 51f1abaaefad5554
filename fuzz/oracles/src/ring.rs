//! The `ring_image` target: `crosswire_kernel::ring`'s endpoints against a reference model
//! written from `docs/ring-format.md`, over a ring image that a hostile peer rewrites
//! between calls.
//!
//! The input's first byte picks the geometry (1 to 8 slots, frames of 8 to 64 bytes) and
//! whether the header is fuzzed too; the rest is a program of operations: sends and
//! receives (bytes, typed, batch), re-attaches, and pokes of any `u32` of the region (a
//! counter, a frame's length or stamp, payload bytes, a header field) with any value.
//!
//! Oracles, after every operation: the endpoint's answer is exactly the model's (each check
//! of the spec present, at the offset it names); a delivered frame is the bytes that were
//! in its slot when it was taken, never longer than the slot or the buffer; a typed value
//! re-encodes to its frame; once `Corrupt`, always the same `Corrupt`; the counters in the
//! region are the ones each side last stored; nothing panics.

use core::sync::atomic::{AtomicU64, Ordering};

use crosswire::{BoundedVec, Error, ErrorKind, MaxSize};
use crosswire_kernel::ring::{
    Consumer, Corruption, Layout, Producer, Region, RingError, FRAME_HEADER,
};

/// The message type of typed receives: a `u16`, then up to 12 bytes.
type Msg = (u16, BoundedVec<u8, 12>);
const MSG: usize = <Msg as MaxSize>::MAX_SIZE;

/// Reads operands from the program, zero once it runs out.
struct Program<'a>(&'a [u8]);

impl Program<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
    fn u32(&mut self) -> u32 {
        let mut v = [0u8; 4];
        for b in &mut v {
            *b = self.byte().unwrap_or(0);
        }
        u32::from_le_bytes(v)
    }
}

/// The model of one endpoint: what it remembers between calls.
#[derive(Debug, Default)]
struct Side {
    /// The next frame index (the consumer's tail, the producer's head).
    mine: u32,
    /// The peer's counter as last read.
    peer: u32,
    poisoned: Option<RingError>,
}

struct Model<'m> {
    region: Region<'m>,
    slots: u32,
    slot_size: usize,
    max_frame: usize,
}

fn corrupt(what: Corruption, at: usize) -> RingError {
    RingError::Corrupt { what, at }
}

impl Model<'_> {
    fn peek(&self, at: usize) -> u32 {
        self.region
            .load_u32(at, Ordering::Relaxed)
            .expect("model reads inside the region")
    }

    fn slot(&self, index: u32) -> usize {
        384 + (index & (self.slots - 1)) as usize * self.slot_size
    }

    fn bytes(&self, at: usize, len: usize) -> Vec<u8> {
        (at..at + len)
            .map(|i| self.peek(i & !3).to_ne_bytes()[i & 3])
            .collect()
    }

    /// The consumer taking one frame into a buffer of `cap` bytes: `Ok(Ok(frame))`,
    /// `Ok(Err(len))` for a frame above `cap` (consumed), or the error.
    fn take(&self, side: &mut Side, cap: usize) -> Result<Result<Vec<u8>, usize>, RingError> {
        let slot = self.slot(side.mine);
        let (len, stamp) = (self.peek(slot) as usize, self.peek(slot + 4));
        if stamp != side.mine {
            return Err(corrupt(Corruption::Stamp, slot + 4));
        }
        if len > self.max_frame {
            return Err(corrupt(Corruption::Length, slot));
        }
        side.mine = side.mine.wrapping_add(1);
        if len > cap {
            return Ok(Err(len));
        }
        Ok(Ok(self.bytes(slot + FRAME_HEADER as usize, len)))
    }

    /// Frames available to the consumer, rereading the producer's counter when `force` or
    /// when the cached one is used up.
    fn available(&self, side: &mut Side, force: bool) -> Result<u32, RingError> {
        if force || side.peer == side.mine {
            let head = self.peek(128);
            if head.wrapping_sub(side.mine) > self.slots {
                return Err(corrupt(Corruption::ProducerCounter, 128));
            }
            side.peer = head;
        }
        Ok(side.peer.wrapping_sub(side.mine))
    }

    fn recv(&self, side: &mut Side, cap: usize) -> Result<Result<Vec<u8>, usize>, RingError> {
        if let Some(e) = side.poisoned {
            return Err(e);
        }
        let released = side.mine;
        let got = (|| {
            if self.available(side, false)? == 0 {
                return Err(RingError::Empty);
            }
            let frame = self.take(side, cap)?;
            self.release(released, self.peek(256))?;
            Ok(frame)
        })();
        if let Err(e @ RingError::Corrupt { .. }) = got {
            side.poisoned = Some(e);
        }
        got
    }

    /// The release of taken frames: a compare-and-exchange from the counter the consumer
    /// last stored (`released`), which fails when someone else wrote it since (`counter`:
    /// its value before the call).
    fn release(&self, released: u32, counter: u32) -> Result<(), RingError> {
        if counter != released {
            return Err(corrupt(Corruption::ConsumerCounter, 256));
        }
        Ok(())
    }

    /// The publish of written frames, likewise: from the counter the producer last stored.
    fn publish(&self, published: u32) -> Result<(), RingError> {
        if self.peek(128) != published {
            return Err(corrupt(Corruption::ProducerCounter, 128));
        }
        Ok(())
    }

    /// The producer's free slots, rereading the consumer's counter once when the cached
    /// one leaves fewer than `want` (1 for a single frame, the batch's length for a batch).
    fn free(&self, side: &mut Side, want: u32) -> Result<u32, RingError> {
        if self.slots - side.mine.wrapping_sub(side.peer) < want {
            self.refresh_tail(side)?;
        }
        Ok(self.slots - side.mine.wrapping_sub(side.peer))
    }

    fn refresh_tail(&self, side: &mut Side) -> Result<(), RingError> {
        let tail = self.peek(256);
        if side.mine.wrapping_sub(tail) > self.slots {
            return Err(corrupt(Corruption::ConsumerCounter, 256));
        }
        side.peer = tail;
        Ok(())
    }
}

/// Whether a result is the model's.
#[track_caller]
fn same<T: PartialEq + core::fmt::Debug>(got: T, want: T, what: &str) {
    assert_eq!(got, want, "{what}: the ring disagrees with the model");
}

/// A ring image and a program of operations on it, against the model.
pub fn ring_image(data: &[u8]) {
    let Some((&geometry, program)) = data.split_first() else {
        return;
    };
    let slots = 1u32 << (geometry % 4);
    let max_frame = 8 * (1 + u32::from(geometry >> 4) % 8);
    let layout = Layout::standard(slots, max_frame).expect("valid geometry");
    let memory: Vec<AtomicU64> = (0..layout.region_size() / 8)
        .map(|_| AtomicU64::new(0))
        .collect();
    let region = Region::from_atomics(&memory);
    layout.write(&region).expect("region fits");
    let model = Model {
        region,
        slots,
        slot_size: layout.slot_size() as usize,
        max_frame: layout.max_frame(),
    };
    let mut program = Program(program);
    let words = layout.region_size() / 4;

    if geometry & 0x08 != 0 {
        // A fuzzed header: attach must fail as `Corrupt`, or yield a sound layout.
        for _ in 0..usize::from(program.byte().unwrap_or(0) % 4) {
            let at = 4 * (usize::from(program.byte().unwrap_or(0)) % 8);
            region.store_u32(at, program.u32(), Ordering::Relaxed);
        }
        match Consumer::attach(region) {
            Ok(rx) => {
                let got = rx.layout();
                assert!(got.slot_count().is_power_of_two());
                assert!(got.region_size() <= region.len());
                assert!(got.max_frame() + FRAME_HEADER as usize <= got.slot_size() as usize);
            }
            Err(e) => assert!(e.is_corrupt(), "attach failed with {e:?}"),
        }
        return;
    }

    let mut tx = Producer::attach(region).expect("fresh ring");
    let mut rx = Consumer::attach(region).expect("fresh ring");
    let (mut ptx, mut prx) = (Side::default(), Side::default());
    let mut seq = 0u8;

    while let Some(op) = program.byte() {
        match op % 11 {
            // Pokes: anywhere past the header, a counter, or a slot's length or stamp.
            0 => {
                let at = 128 + 4 * (program.u32() as usize % (words - 32));
                region.store_u32(at, program.u32(), Ordering::Relaxed);
            }
            1 => {
                let at = if op & 0x10 == 0 { 128 } else { 256 };
                let now = model.peek(at);
                let delta = u32::from(program.byte().unwrap_or(0)).wrapping_sub(128);
                region.store_u32(at, now.wrapping_add(delta), Ordering::Relaxed);
            }
            2 => {
                let slot = model.slot(u32::from(program.byte().unwrap_or(0)));
                let at = slot + 4 * usize::from(op >> 7);
                region.store_u32(
                    at,
                    u32::from(program.byte().unwrap_or(0)),
                    Ordering::Relaxed,
                );
            }
            3 | 4 => {
                let len = usize::from(program.byte().unwrap_or(0)) % (model.max_frame + 8);
                seq = seq.wrapping_add(1);
                let frame = vec![seq; len];
                let want = if let Some(e) = ptx.poisoned {
                    Err(e)
                } else if len > model.max_frame {
                    Err(RingError::FrameTooLarge {
                        len,
                        max: model.max_frame,
                    })
                } else {
                    match model.free(&mut ptx, 1).and_then(|free| {
                        if free > 0 {
                            model.publish(ptx.mine)?;
                        }
                        Ok(free)
                    }) {
                        Err(e) => {
                            ptx.poisoned = Some(e);
                            Err(e)
                        }
                        Ok(0) => Err(RingError::Full),
                        Ok(_) => Ok(()),
                    }
                };
                let index = ptx.mine;
                same(tx.try_send_bytes(&frame), want, "try_send_bytes");
                if want.is_ok() {
                    let slot = model.slot(index);
                    same(model.peek(slot) as usize, len, "written length");
                    same(model.peek(slot + 4), index, "written stamp");
                    same(model.bytes(slot + 8, len), frame, "written payload");
                    ptx.mine = index.wrapping_add(1);
                    same(model.peek(128), ptx.mine, "published counter");
                }
            }
            5 | 6 => {
                let cap = usize::from(program.byte().unwrap_or(0)) % (model.max_frame + 8);
                let mut buf = vec![0u8; cap];
                let want = model.recv(&mut prx, cap);
                let got = rx.try_recv_bytes(&mut buf).map(|f| f.to_vec());
                let delivered = want.is_ok();
                match want {
                    Ok(Ok(frame)) => same(got, Ok(frame), "try_recv_bytes"),
                    Ok(Err(len)) => same(
                        got,
                        Err(RingError::FrameTooLarge { len, max: cap }),
                        "try_recv_bytes",
                    ),
                    Err(e) => same(got, Err(e), "try_recv_bytes"),
                }
                if delivered {
                    same(model.peek(256), prx.mine, "released counter");
                }
            }
            7 => {
                let want = model.recv(&mut prx, MSG).map(|frame| match frame {
                    Ok(bytes) => crosswire::from_bytes::<Msg>(&bytes).map_err(RingError::Decode),
                    Err(_) => Err(RingError::Decode(Error::new(ErrorKind::TrailingBytes, MSG))),
                });
                let got = rx.try_recv::<Msg, MSG>();
                match want {
                    Ok(want) => same(got, want, "try_recv"),
                    Err(e) => same(got, Err(e), "try_recv"),
                }
                if let Ok(v) = got {
                    let mut again = [0u8; MSG];
                    let bytes = crosswire::to_slice(&v, &mut again).expect("fits MAX_SIZE");
                    assert_eq!(crosswire::from_bytes::<Msg>(bytes), Ok(v), "re-encoding");
                }
            }
            8 => {
                // A batch receive: typed, or raw bytes into a buffer of `cap` bytes.
                let max = usize::from(program.byte().unwrap_or(0) % 10);
                let typed = op & 0x10 == 0;
                let cap = if typed {
                    MSG
                } else {
                    usize::from(program.byte().unwrap_or(0)) % (model.max_frame + 8)
                };
                // Both kinds compared as "the frame's bytes, or its length when too long".
                // The model runs after the ring here: it needs the counter from before.
                let counter = model.peek(256);
                let mut got: Vec<Result<Vec<u8>, usize>> = Vec::new();
                let result = if typed {
                    rx.recv_batch::<Msg, MSG, _>(max, |v| {
                        let mut again = [0u8; MSG];
                        got.push(match v {
                            Ok(v) => {
                                Ok(crosswire::to_slice(&v, &mut again).expect("fits").to_vec())
                            }
                            Err(e) => Err(e.offset() + 1_000_000),
                        })
                    })
                } else {
                    let mut buf = vec![0u8; cap];
                    rx.recv_bytes_batch(&mut buf, max, |f| got.push(f.map(<[u8]>::to_vec)))
                };
                let mut want: Vec<Result<Vec<u8>, usize>> = Vec::new();
                let want_result = (|| {
                    if let Some(e) = prx.poisoned {
                        return Err(e);
                    }
                    let released = prx.mine;
                    let available = model.available(&mut prx, true)? as usize;
                    if available == 0 && max > 0 {
                        return Err(RingError::Empty);
                    }
                    for _ in 0..available.min(max) {
                        let frame = model.take(&mut prx, cap)?;
                        want.push(if typed {
                            // A typed value is delivered exactly when its frame decodes,
                            // and then re-encodes to the frame (canonical).
                            match frame {
                                Ok(bytes) => match crosswire::from_bytes::<Msg>(&bytes) {
                                    Ok(_) => Ok(bytes),
                                    Err(e) => Err(e.offset() + 1_000_000),
                                },
                                Err(_) => Err(MSG + 1_000_000),
                            }
                        } else {
                            frame
                        });
                    }
                    if !want.is_empty() {
                        model.release(released, counter)?;
                    }
                    Ok(want.len())
                })();
                if let Err(e @ RingError::Corrupt { .. }) = want_result {
                    prx.poisoned = Some(e);
                }
                same(result, want_result, "recv_batch");
                same(got, want, "recv_batch frames");
                if matches!(result, Ok(n) if n > 0) {
                    same(model.peek(256), prx.mine, "released counter");
                }
            }
            10 => {
                // A batch of raw frames, some possibly too long.
                let count = usize::from(program.byte().unwrap_or(0) % 6);
                let frames: Vec<Vec<u8>> = (0..count)
                    .map(|_| {
                        seq = seq.wrapping_add(1);
                        let len = usize::from(program.byte().unwrap_or(0)) % (model.max_frame + 4);
                        vec![seq; len]
                    })
                    .collect();
                let refs: Vec<&[u8]> = frames.iter().map(Vec::as_slice).collect();
                let first = ptx.mine;
                let want = (|| {
                    if let Some(e) = ptx.poisoned {
                        return Err(e);
                    }
                    let free = model.free(&mut ptx, count as u32)? as usize;
                    if free == 0 && count > 0 {
                        return Err(RingError::Full);
                    }
                    let fit = frames
                        .iter()
                        .take(free)
                        .take_while(|f| f.len() <= model.max_frame);
                    match (fit.count(), frames.first()) {
                        (0, Some(f)) if free > 0 => Err(RingError::FrameTooLarge {
                            len: f.len(),
                            max: model.max_frame,
                        }),
                        (0, _) => Ok(0),
                        (n, _) => {
                            model.publish(ptx.mine)?;
                            Ok(n)
                        }
                    }
                })();
                if let Err(e @ RingError::Corrupt { .. }) = want {
                    ptx.poisoned = Some(e);
                }
                same(tx.send_bytes_batch(&refs), want, "send_bytes_batch");
                if let Ok(n) = want {
                    for (i, frame) in frames.iter().take(n).enumerate() {
                        let index = first.wrapping_add(i as u32);
                        let slot = model.slot(index);
                        same(model.peek(slot) as usize, frame.len(), "batch length");
                        same(model.peek(slot + 4), index, "batch stamp");
                        same(
                            model.bytes(slot + 8, frame.len()),
                            frame.clone(),
                            "batch payload",
                        );
                    }
                    ptx.mine = first.wrapping_add(n as u32);
                    if n > 0 {
                        same(model.peek(128), ptx.mine, "published counter");
                    }
                }
            }
            _ => {
                // A fresh attach reads both counters again, once. While the role's claim
                // word is held (by the endpoint we have, or by a poke), a second one is
                // refused first (`Busy`); then the word is cleared, as dropping the old
                // endpoint would, and the fresh one replaces it.
                let head = model.peek(128);
                let tail = model.peek(256);
                let claim_at = if op & 0x10 == 0 { 256 + 72 } else { 128 + 72 };
                if model.peek(claim_at) != 0 {
                    let second = if op & 0x10 == 0 {
                        Consumer::attach(region).map(|_| ())
                    } else {
                        Producer::attach(region).map(|_| ())
                    };
                    same(second, Err(RingError::Busy), "a second attach");
                }
                region.store_u32(claim_at, 0, Ordering::Relaxed);
                if op & 0x10 == 0 {
                    let got = Consumer::attach(region);
                    if let Ok(fresh) = got {
                        rx = fresh;
                        prx = Side {
                            mine: tail,
                            peer: tail,
                            poisoned: None,
                        };
                    }
                } else {
                    let got = Producer::attach(region).map(|_| ());
                    let want = if head.wrapping_sub(tail) > slots {
                        Err(corrupt(Corruption::ConsumerCounter, 256))
                    } else {
                        Ok(())
                    };
                    same(got, want, "Producer::attach");
                    if want.is_ok() {
                        tx = Producer::attach(region).expect("just attached");
                        ptx = Side {
                            mine: head,
                            peer: tail,
                            poisoned: None,
                        };
                    }
                }
            }
        }
    }
}
