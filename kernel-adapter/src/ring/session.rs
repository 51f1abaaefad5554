//! Who holds each role of a ring, and which initialisation of it the endpoints work in:
//! the claim words and the generation (`docs/ring-format.md` §3.1 and §5.2).

use core::sync::atomic::{AtomicU32, Ordering};

use super::{
    layout::{field, line, RESETTING},
    shared::Region,
    Corruption, Layout, RingError,
};

/// Bit 31 of a claim: the holder names no process (a kernel module, a thread of this
/// process through [`Producer::attach`](super::Producer::attach)), so its death cannot be
/// watched.
pub const ANONYMOUS: u32 = 1 << 31;
/// The low bits of a process claim: its process id (Linux's `PID_MAX_LIMIT` is `2^22`).
const PID_BITS: u32 = 22;
const PID_MASK: u32 = (1 << PID_BITS) - 1;

/// Makes every claim of this process different, so that an endpoint never releases a
/// claim that a later endpoint made (after a `Layout::write` wiped the first one). Private
/// memory, never shared: a plain atomic even in the loom build.
static NONCE: AtomicU32 = AtomicU32::new(0);

/// A fresh claim token: the process id `pid` (if it fits) and a nonce, or an anonymous
/// claim. Never zero.
pub(crate) fn token(pid: Option<u32>) -> u32 {
    let n = NONCE.fetch_add(1, Ordering::Relaxed);
    match pid {
        Some(pid) if pid != 0 && pid <= PID_MASK => {
            // 1..=511 in bits 22..31: never zero, never the anonymous bit.
            let nonce = (n % 511).saturating_add(1);
            (nonce << PID_BITS) | pid
        }
        _ => ANONYMOUS | (n % (ANONYMOUS - 1)).saturating_add(1),
    }
}

/// The process a claim word names, if it names one.
///
/// ```
/// use crosswire_kernel::ring::claim_pid;
///
/// assert_eq!(claim_pid(0), None); // unclaimed
/// assert_eq!(claim_pid((3 << 22) | 4242), Some(4242));
/// assert_eq!(claim_pid(0x8000_0005), None); // anonymous
/// ```
pub const fn claim_pid(claim: u32) -> Option<u32> {
    if claim & ANONYMOUS != 0 || claim & PID_MASK == 0 {
        None
    } else {
        Some(claim & PID_MASK)
    }
}

/// Claims the role of the line at `line_at` with `token`: a compare-and-exchange from 0.
/// A claim already held is [`RingError::Busy`], unless `stale` says its holder is gone:
/// then it is taken over, with a compare-and-exchange from the stale value (so that of
/// two sides taking over the same stale claim, one wins).
pub(crate) fn claim(
    region: &Region<'_>,
    line_at: usize,
    token: u32,
    stale: &dyn Fn(u32) -> bool,
) -> Result<(), RingError> {
    let at = line_at.saturating_add(line::OWNER);
    let mut expected = 0;
    loop {
        match compare_exchange(region, at, expected, token) {
            None => {
                return Err(RingError::Corrupt {
                    what: Corruption::RegionSize,
                    at,
                })
            }
            Some(Ok(_)) => return Ok(()),
            Some(Err(held)) if expected == 0 && held != 0 && stale(held) => expected = held,
            Some(Err(_)) => return Err(RingError::Busy),
        }
    }
}

/// The compare-and-exchange of claims (AcqRel, Acquire on failure).
///
/// `--cfg crosswire_ring_weak_claim` makes it a load, then a store (check, then act): a
/// deliberately broken build that the loom model must catch (`tests/loom.sh`).
fn compare_exchange(
    region: &Region<'_>,
    at: usize,
    current: u32,
    new: u32,
) -> Option<Result<u32, u32>> {
    if cfg!(crosswire_ring_weak_claim) {
        let seen = region.load_u32(at, Ordering::Acquire)?;
        if seen != current {
            return Some(Err(seen));
        }
        region.store_u32(at, new, Ordering::Release)?;
        return Some(Ok(seen));
    }
    region.compare_exchange_u32(at, current, new, Ordering::AcqRel, Ordering::Acquire)
}

/// Stores a side's own counter `new` (with `order`) where it last stored `expected`: a
/// compare-and-exchange, so that a store made stale by a reset (which moved the counter
/// to a base the side never stored) fails instead of landing in the new generation.
/// `Ok(())`, or `Err(found)`; `None` when out of bounds.
///
/// `--cfg crosswire_ring_weak_generation` makes it a plain store: a deliberately broken
/// build that the loom model must catch (`tests/loom.sh`).
pub(crate) fn advance(
    region: &Region<'_>,
    at: usize,
    expected: u32,
    new: u32,
    order: Ordering,
) -> Option<Result<(), u32>> {
    if cfg!(crosswire_ring_weak_generation) {
        region.store_u32(at, new, order)?;
        return Some(Ok(()));
    }
    // Acquire on failure: a value the reset stored (after its Release fence) makes the
    // generation it started visible to the check that follows.
    let swapped = region.compare_exchange_u32(at, expected, new, order, Ordering::Acquire)?;
    Some(swapped.map(|_| ()))
}

/// Where a reset restarts both counters: half the counter space away from the peer's
/// counter as the resetter last saw it, so that no store the peer makes from its old
/// state (at most a ring past that value) can succeed (see [`advance`]).
pub(crate) const fn base(peer_seen: u32) -> u32 {
    peer_seen.wrapping_add(1 << 31)
}

/// Gives up the claim `token` on the line at `line_at`, if it is still ours.
pub(crate) fn release(region: &Region<'_>, line_at: usize, token: u32) {
    let at = line_at.saturating_add(line::OWNER);
    let _ = compare_exchange(region, at, token, 0);
}

/// The generation in the header (Acquire: a reset stores it last, after zeroing the
/// counters, so a side that sees it sees them zeroed).
pub(crate) fn generation(region: &Region<'_>) -> Option<u32> {
    region.load_u32(field::GENERATION, Ordering::Acquire)
}

/// The generation a creator resets to: its own plus one, or plus two when the header
/// already holds that value (written by someone else: the peer must see a change).
pub(crate) fn next_generation(region: &Region<'_>, mine: u32) -> u32 {
    let next = mine.wrapping_add(1) & !RESETTING;
    let found = region.load_u32(field::GENERATION, Ordering::Relaxed);
    if found.map(|g| g & !RESETTING) == Some(next) {
        next.wrapping_add(1) & !RESETTING
    } else {
        next
    }
}

/// Whether a generation word says a reset is under way (its creator has not finished).
pub(crate) const fn resetting(generation: u32) -> bool {
    generation & RESETTING != 0
}

/// Frames lost by a reset, as the side that did not reset counts them: from its own exact
/// counter and the resetter's, `ahead - behind`; when that is not within a ring (the
/// resetter's value was wrong), `fallback`, which this side knew before. At most a ring.
pub(crate) fn lost(ahead: u32, behind: u32, fallback: u32, slot_count: u32) -> u32 {
    match ahead.wrapping_sub(behind) {
        n if n <= slot_count => n,
        _ => fallback.min(slot_count),
    }
}

/// Raises the "found corrupt" word of our line at `line_at` (Release), asking the creator
/// for a reset. Best effort: an out-of-bounds line was reported already.
pub(crate) fn raise_broken(region: &Region<'_>, line_at: usize) {
    let _ = region.store_u32(line_at.saturating_add(line::BROKEN), 1, Ordering::Release);
}

/// Whether the peer, whose line is at `line_at`, asked for a reset.
pub(crate) fn peer_broken(region: &Region<'_>, line_at: usize) -> bool {
    region
        .load_u32(line_at.saturating_add(line::BROKEN), Ordering::Acquire)
        .is_some_and(|v| v != 0)
}

/// The claim word of the line at `line_at` (0 when unclaimed).
#[cfg(all(feature = "std", not(loom)))]
pub(crate) fn holder(region: &Region<'_>, line_at: usize) -> u32 {
    region
        .load_u32(line_at.saturating_add(line::OWNER), Ordering::Acquire)
        .unwrap_or(0)
}

/// Takes a dead holder's claim off the line, so that a new peer can attach.
#[cfg(all(feature = "std", not(loom)))]
pub(crate) fn clear_dead(region: &Region<'_>, line_at: usize, dead: u32) {
    let at = line_at.saturating_add(line::OWNER);
    let _ = compare_exchange(region, at, dead, 0);
}

/// What a side reads again when it notices a new generation: the generation, and whether
/// the header still holds its geometry (`Err` with what to report otherwise).
pub(crate) fn reread(
    region: &Region<'_>,
    layout: &Layout,
    mine: u32,
) -> (u32, Result<(), (Corruption, usize)>) {
    let generation = generation(region).unwrap_or(mine);
    (generation, same_header(region, layout))
}

/// Whether the header in `region` still describes `layout`.
fn same_header(region: &Region<'_>, layout: &Layout) -> Result<(), (Corruption, usize)> {
    match Layout::read(region) {
        Ok(found) if found == *layout => Ok(()),
        Ok(_) => Err((Corruption::Offset, field::PRODUCER_OFFSET)),
        Err(RingError::Corrupt { what, at }) => Err((what, at)),
        // `Layout::read` reports nothing else.
        Err(_) => Err((Corruption::Magic, field::MAGIC)),
    }
}

/// The creator's extra checks between calls: the peer (line at `peer_line`) asked for a
/// reset, or the header is no longer the one it wrote (a scribble, a punched hole).
pub(crate) fn creator_check(
    region: &Region<'_>,
    layout: &Layout,
    peer_line: usize,
) -> Result<(), (Corruption, usize)> {
    if peer_broken(region, peer_line) {
        return Err((Corruption::Peer, peer_line.saturating_add(line::BROKEN)));
    }
    same_header(region, layout)
}
