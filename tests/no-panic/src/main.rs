//! Exercises `from_bytes`/`take_from_bytes`/`from_bytes_in_place`/`to_slice` for a
//! representative set of types (core impls, derived structs and enums, extensible structs,
//! heapless/arrayvec) and the kernel adapter's parsers of untrusted buffers (ioctl
//! size-versioning, the request buffer convention, the shared-memory ring's endpoints;
//! netlink messages, acks, dumps and attributes) on inputs the optimiser cannot see.
//! The panic handler calls an undefined symbol, so this binary links only if every panic
//! path was proven unreachable and removed.
#![no_std]
#![no_main]

use core::{hint::black_box, num::NonZeroU32, time::Duration};

use crosswire::{
    Be, BoundedBytes, BoundedStr, BoundedString, BoundedVec, Decode, Encode, Error, MaxSize,
};

extern "C" {
    /// Defined nowhere: referencing it from live code fails the link.
    fn crosswire_panic_path_is_reachable() -> !;
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // SAFETY: the symbol does not exist, so this call can never run: a build that keeps it
    // fails to link, which is the point of this binary.
    unsafe { crosswire_panic_path_is_reachable() }
}

// libc provides the C runtime that calls `main`.
#[link(name = "c")]
extern "C" {}

mod plain;

/// Decodes `T` from opaque input and re-encodes it into an opaque buffer.
#[inline(never)]
fn exercise<'de, T: Decode<'de> + Encode>(input: &'de [u8], out: &mut [u8]) -> usize {
    let mut score = 0;
    match crosswire::from_bytes::<T>(black_box(input)) {
        Ok(value) => {
            if let Ok(bytes) = crosswire::to_slice(&value, black_box(&mut *out)) {
                score += bytes.len();
            }
            score += crosswire::encoded_len(&value);
        }
        Err(e) => score += e.offset(),
    }
    if let Ok((mut value, rest)) = crosswire::take_from_bytes::<T>(black_box(input)) {
        score += rest.len();
        if let Ok(buf) = crosswire::to_array::<T, 4096>(&value) {
            score += buf.len();
        }
        // In place, over the value just decoded (`T` need not be `Default`): from the
        // bytes after it, then from the whole input.
        for bytes in [rest, input] {
            match crosswire::from_bytes_in_place(black_box(bytes), &mut value) {
                Ok(()) => score += crosswire::encoded_len(&value),
                Err(e) => score += e.offset(),
            }
        }
    }
    score
}

/// An extensible struct, through the helpers the derive uses.
struct Versioned {
    a: u32,
    b: Option<u16>,
}

impl MaxSize for Versioned {
    const MAX_SIZE: usize = crosswire::extensible::max_size(7);
    const EXTENSIBLE: bool = true;
    const ZERO_VALID: bool = false;
    // Version 1 is `a`.
    const FIRST_VERSION_MAX_SIZE: usize = crosswire::extensible::max_size(4);
}

impl Encode for Versioned {
    fn encode(&self, w: &mut crosswire::Writer<'_>) -> Result<(), Error> {
        crosswire::extensible::encode(w, |w| {
            self.a.encode(w)?;
            self.b.encode(w)
        })
    }

    fn encoded_len(&self) -> usize {
        4 + 4 + self.b.encoded_len()
    }
}

impl<'de> Decode<'de> for Versioned {
    fn decode(r: &mut crosswire::Reader<'de>) -> Result<Self, Error> {
        crosswire::extensible::decode(r, 7, |r| {
            Ok(Versioned {
                a: crosswire::extensible::decode_required(r, u32::decode)?,
                b: Option::decode(r)?,
            })
        })
    }
}

/// A derived fixed-size struct with a big-endian field.
#[derive(Encode, Decode, MaxSize, Default)]
struct Point {
    x: i32,
    y: Be<u16>,
}

/// A derived enum with a `u16` tag and explicit discriminants.
#[derive(Encode, Decode, MaxSize)]
#[crosswire(tag = "u16")]
#[repr(u16)]
enum Cmd<'a> {
    Get = 0x100,
    Set { key: u32, value: Option<i64> },
    Name(BoundedStr<'a, 8>) = 0x200,
    Points(BoundedVec<Point, 4>),
}

/// A derived `u32`-tagged enum.
#[derive(Encode, Decode, MaxSize, Default)]
#[crosswire(tag = "u32")]
enum Fixed {
    #[default]
    Z,
    A(u32),
    B([u8; 4]),
    C(char),
}

/// A derived extensible struct with a borrowed view and a nested fixed-size struct.
#[derive(Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct How<'a> {
    flags: u64,
    #[crosswire(since = 2)]
    at: Point,
    #[crosswire(since = 2)]
    name: BoundedBytes<'a, 8>,
    #[crosswire(since = 3)]
    follow: bool,
}

/// Derived types nested, with heapless and arrayvec containers.
#[derive(Encode, Decode, MaxSize)]
struct Envelope<'a> {
    seq: u32,
    how: How<'a>,
    cmd: Cmd<'a>,
    fixed: [Fixed; 2],
    hv: heapless::Vec<Point, 3>,
    hs: heapless::String<8>,
    av: arrayvec::ArrayVec<u16, 4>,
    astr: arrayvec::ArrayString<6>,
}

/// The kernel adapter's parsers of an untrusted user buffer.
#[inline(never)]
fn adapter(input: &[u8], out: &mut [u8]) -> usize {
    use crosswire_kernel::{
        ioctl,
        message::{self, Extensible, ReplyBuf, RequestBytes},
    };

    let mut score = 0;
    let mut kbuf = [0u8; 64];
    let kbuf = kbuf
        .get_mut(..black_box(out.len().min(64)))
        .unwrap_or_default();
    if message::copy_struct_from_user(kbuf, black_box(input)).is_ok() {
        score += 1;
    }
    if message::copy_struct_from_user_checked(kbuf, black_box(input), black_box(8)).is_ok() {
        score += 2;
    }
    let to = message::copy_struct_to_user(black_box(&mut *out), black_box(input));
    score += to.copied + usize::from(to.dropped_nonzero);
    if message::check_user_size(black_box(input.len()), black_box(4)).is_ok() {
        score += 3;
    }
    const CMD: ioctl::Command<How<'static>, Envelope<'static>> = ioctl::Command::new(b'x', 7);
    score += CMD.user_size(black_box(0xC040_7807)).unwrap_or(0);
    match RequestBytes::new(black_box(input)).decode::<How<'_>>() {
        Ok(req) => {
            if let Ok(reply) = ReplyBuf::new(black_box(&mut *out)).encode(&req) {
                score += reply.len();
            }
        }
        Err(e) => score += usize::try_from(e.get()).unwrap_or(0),
    }
    if let Ok(mut req) = message::decode::<Envelope<'_>>(black_box(input)) {
        score += usize::try_from(req.seq).unwrap_or(0);
        if RequestBytes::new(black_box(input))
            .decode_in_place(&mut req)
            .is_ok()
        {
            score += usize::try_from(req.seq).unwrap_or(0);
        }
    }
    // The kernel side of an ioctl, size checks and reply fitting included.
    const SET: ioctl::Command<Versioned, Versioned, Extensible<8>> = ioctl::Command::new(b'x', 8);
    let size = black_box(input.len().min(out.len()));
    if let Some(buf) = out.get_mut(..size) {
        if let Some(copy) = input.get(..size) {
            buf.copy_from_slice(copy);
        }
        if let Ok(n) = SET.answer(buf, black_box(size), |v: Versioned| Ok(v)) {
            score += n;
        }
    }
    score
}

/// The shared-memory ring's parsing side (`crosswire_kernel::ring`): attach over a region
/// whose every byte the optimiser cannot see, then receive and send through every call.
#[inline(never)]
fn ring(input: &[u8]) -> usize {
    use core::sync::atomic::{AtomicU64, Ordering};

    use crosswire_kernel::ring::{Consumer, Layout, Producer, Region};

    static MEMORY: [AtomicU64; 128] = [const { AtomicU64::new(0) }; 128];
    for (word, chunk) in MEMORY.iter().zip(input.chunks(8)) {
        let mut bytes = [0u8; 8];
        bytes.iter_mut().zip(chunk).for_each(|(d, s)| *d = *s);
        word.store(black_box(u64::from_le_bytes(bytes)), Ordering::Relaxed);
    }
    let region = black_box(Region::from_atomics(&MEMORY));
    let mut score = 0;
    if let Ok(layout) = Layout::read(&region) {
        score += layout.max_frame();
    }
    if let Ok(mut rx) = Consumer::attach(region) {
        let mut buf = [0u8; 64];
        if let Ok(frame) = rx.try_recv_bytes(black_box(&mut buf)) {
            score += frame.len();
        }
        if let Ok(p) = rx.try_recv::<Point, { Point::MAX_SIZE }>() {
            score += usize::from(p.y.0);
        }
        let _ = rx.recv_batch::<Fixed, { Fixed::MAX_SIZE }, _>(black_box(4), |v| {
            score += usize::from(v.is_ok());
        });
    }
    if let Ok(mut tx) = Producer::attach(region) {
        if tx.try_send_bytes(black_box(input)).is_ok() {
            score += 1;
        }
        if let Ok(n) = tx.send_batch::<Point, { Point::MAX_SIZE }>(&[Point { x: 1, y: Be(2) }]) {
            score += n;
        }
    }
    score
}

/// The netlink readers and writer over an untrusted receive buffer: messages, control
/// messages, dumps, family headers, attributes and nests in both modes.
#[inline(never)]
fn netlink(input: &[u8], out: &mut [u8]) -> usize {
    use crosswire_kernel::netlink::{genl, AttrIter, Control, Dump, Messages, Mode, NlWriter};

    let mut score = 0;
    let mut dump = Dump::new(black_box(1));
    for msg in Messages::new(black_box(input)).flatten() {
        score += msg.payload().len();
        match msg.control() {
            Ok(Some(Control::Error(ack) | Control::Ack(ack))) => {
                score += ack.echoed.len() + ack.ext_ack.msg.map_or(0, str::len);
            }
            Ok(_) => score += 1,
            Err(e) => score += e.offset(),
        }
        if let Ok(crosswire_kernel::netlink::DumpStep::Item(m)) = dump.step(msg) {
            score += m.offset();
        }
        if let Ok((_, attrs)) = msg.split_header::<{ genl::GENL_HDRLEN }>(Mode::Strict) {
            score += attrs.count();
        }
    }
    if let Ok(msgs) = Messages::received(input, black_box(input.len() + 1)) {
        score += msgs.count();
    }
    for mode in [Mode::Liberal, Mode::Strict] {
        // Walks nests iteratively, as deep as the input goes.
        let mut attrs = AttrIter::at(black_box(input), 0, mode);
        while let Some(Ok(attr)) = attrs.next() {
            score += usize::from(attr.ty());
            score += attr.u64().map_or(0, |v| usize::from(v == 0));
            score += attr.str().map_or(0, str::len);
            if let Ok(inner) = attr.nested() {
                attrs = inner;
            }
        }
    }
    let mut w = NlWriter::new(black_box(&mut *out));
    if let Ok(m) = w.begin_message(black_box(0x10), 5, 1, 0) {
        if let Ok(n) = w.begin_nest(black_box(1)) {
            let _ = w.put_attr(2, black_box(input));
            let _ = w.put_str(3, "name");
            let _ = w.end_nest(n);
        }
        score += w
            .end_message(m)
            .map_or(0, |l| usize::try_from(l).unwrap_or(0));
    }
    if let Ok(req) = genl::getfamily_request(black_box(&mut *out), 1, "nlctrl") {
        score += req.len();
    }
    score
}

/// A derived netlink attribute set: nests, indexed arrays, repeated attributes, strings.
#[derive(crosswire_kernel::netlink::NlaSet)]
struct NlFamily<'a> {
    #[nla(id = 1)]
    id: u16,
    #[nla(id = 2)]
    name: BoundedStr<'a, 16>,
    #[nla(id = 3)]
    up: bool,
    #[nla(id = 4)]
    ops: Option<crosswire_kernel::netlink::Indexed<NlOp, 4>>,
    #[nla(id = 5)]
    addrs: BoundedVec<Be<u32>, 4>,
    #[nla(id = 6)]
    label: Option<BoundedString<8>>,
    #[nla(id = 7)]
    point: Option<crosswire_kernel::netlink::Crosswire<Point>>,
    #[nla(id = 8)]
    stats: Option<crosswire_kernel::netlink::Binary<NlStats>>,
}

/// A derived C struct, with padding between its fields.
#[derive(crosswire_kernel::netlink::CLayout)]
struct NlStats {
    kind: u8,
    packets: u64,
    port: Be<u16>,
    mac: [u8; 6],
}

#[derive(crosswire_kernel::netlink::NlaSet, Default)]
struct NlOp {
    #[nla(id = 1)]
    id: u32,
    #[nla(id = 2)]
    flags: Option<u32>,
}

/// Decodes the derived set from untrusted attributes in both modes, and encodes it back.
#[inline(never)]
fn netlink_derived(input: &[u8], out: &mut [u8]) -> usize {
    use crosswire_kernel::netlink::{nla, Mode, NlWriter, NlaSet};

    let mut score = 0;
    for mode in [Mode::Liberal, Mode::Strict] {
        match nla::decode::<NlFamily<'_>>(black_box(input), 0, mode) {
            Ok((family, unknown)) => {
                score += usize::try_from(unknown).unwrap_or(0) + family.name.len();
                let mut w = NlWriter::new(black_box(&mut *out));
                if family.put_attrs(&mut w).is_ok() {
                    score += w.len();
                }
            }
            Err(e) => score += e.offset(),
        }
    }
    score
}

type Nested<'a> = (
    Option<(bool, BoundedString<8>)>,
    Result<BoundedVec<char, 4>, Duration>,
    [Option<u8>; 3],
    BoundedStr<'a, 16>,
    BoundedBytes<'a, 16>,
    crosswire::BoundedCStr<'a, 16>,
);

/// The program: runs every exercise on the first `argc` bytes of a fixed input (a length
/// the optimiser cannot see) and returns their summed score.
#[no_mangle]
pub extern "C" fn main(argc: i32, _argv: *const *const u8) -> i32 {
    static INPUT: [u8; 64] = [1; 64];
    let len = black_box(usize::try_from(argc).unwrap_or(0));
    let input = INPUT.get(..len).unwrap_or(&[]);
    let mut buf = [0u8; 4096];
    let out = buf.get_mut(..black_box(len)).unwrap_or_default();

    let mut score = 0;
    score += exercise::<u8>(input, out);
    score += exercise::<u64>(input, out);
    score += exercise::<i128>(input, out);
    score += exercise::<usize>(input, out);
    score += exercise::<bool>(input, out);
    score += exercise::<char>(input, out);
    score += exercise::<NonZeroU32>(input, out);
    score += exercise::<Duration>(input, out);
    score += exercise::<Be<u32>>(input, out);
    score += exercise::<[i64; 16]>(input, out);
    score += exercise::<(u8, u16, u32, u64, bool)>(input, out);
    score += exercise::<BoundedVec<u32, 64>>(input, out);
    score += exercise::<BoundedVec<BoundedString<4>, 4>>(input, out);
    score += exercise::<Nested<'_>>(input, out);
    score += exercise::<Versioned>(input, out);
    score += exercise::<Point>(input, out);
    score += exercise::<Cmd<'_>>(input, out);
    score += exercise::<Fixed>(input, out);
    score += exercise::<How<'_>>(input, out);
    score += exercise::<Envelope<'_>>(input, out);
    score += exercise::<heapless::Vec<Cmd<'_>, 3>>(input, out);
    score += exercise::<arrayvec::ArrayVec<Fixed, 3>>(input, out);
    score += adapter(input, out);
    score += ring(input);
    score += netlink(input, out);
    score += netlink_derived(input, out);
    score += plain::plain(input, out);

    #[cfg(feature = "canary")]
    {
        // A slice index the optimiser cannot prove in bounds: must fail the link.
        score += usize::from(input[black_box(100)]);
    }

    i32::from(black_box(score) == 0)
}
