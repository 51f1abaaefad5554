//! Inputs from a schema: valid encodings of random values (older and newer extensible
//! bodies included), then mutated, so that both decoders meet every rule's accepting and
//! rejecting paths.

use crosswire::schema::Schema;

/// xorshift64*: deterministic, from a proptest seed.
pub struct Rng(u64);

impl Rng {
    /// The generator of `seed`.
    pub fn new(seed: u64) -> Self {
        // splitmix64's multiplier spreads neighbouring seeds; never zero.
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True once in `one_in` calls, on average.
    pub fn chance(&mut self, one_in: u64) -> bool {
        self.next_u64() % one_in == 0
    }
}

/// A valid encoding of a random value of `schema` (with 1 in `bad` choices made invalid).
pub fn value(schema: &Schema, rng: &mut Rng, bad: u64, out: &mut Vec<u8>) {
    match *schema {
        Schema::Int { int } => {
            let width = usize::from(int.width);
            loop {
                let mut bytes: Vec<u8> = (0..width).map(|_| small_byte(rng)).collect();
                if int.pointer_sized && !rng.chance(bad) {
                    // §3.2: within this target's usize/isize (its pointer width), so that a
                    // 32-bit target accepts too; the sign of an isize is its top byte's.
                    let keep = core::mem::size_of::<usize>();
                    let fill = if int.signed && bytes[keep - 1] & 0x80 != 0 {
                        0xff
                    } else {
                        0
                    };
                    bytes[keep..].fill(fill);
                }
                if !int.nonzero || bytes.iter().any(|&b| b != 0) || rng.chance(bad) {
                    out.extend(bytes);
                    break;
                }
            }
        }
        Schema::Bool => out.push(if rng.chance(bad) {
            2
        } else {
            rng.below(2) as u8
        }),
        Schema::Char => {
            let c = if rng.chance(bad) {
                0xD800 + rng.below(0x800) as u32
            } else {
                let pick = [0x41, 0xE9, 0x20AC, 0x1F600, 0x10FFFF, 0];
                pick[rng.below(pick.len())]
            };
            out.extend(c.to_le_bytes());
        }
        Schema::Float { width } => {
            for _ in 0..width {
                out.push(rng.next_u64() as u8);
            }
        }
        Schema::Unit => {}
        Schema::Option { some } => tagged(rng, bad, out, &[None, Some(some)]),
        Schema::Result { ok, err } => tagged(rng, bad, out, &[Some(ok), Some(err)]),
        Schema::Duration => {
            out.extend((rng.next_u64() % 1000).to_le_bytes());
            let nanos = if rng.chance(bad) {
                1_000_000_000
            } else {
                (rng.next_u64() % 1_000_000_000) as u32
            };
            out.extend(nanos.to_le_bytes());
        }
        Schema::Array { len, item } => {
            for _ in 0..len {
                value(item, rng, bad, out);
            }
        }
        Schema::Tuple { items } => {
            for item in items {
                value(item, rng, bad, out);
            }
        }
        Schema::Seq { capacity, item, .. } => {
            let len = length(capacity, rng, bad, out);
            for _ in 0..len.min(capacity) {
                value(item, rng, bad, out);
            }
        }
        Schema::Str { capacity, .. } => {
            let len = length(capacity, rng, bad, out);
            let text = text(len.min(capacity), rng, bad);
            out.extend(text);
        }
        Schema::Struct {
            fields, extensible, ..
        } => {
            let mut body = Vec::new();
            for f in fields {
                value(f.schema, rng, bad, &mut body);
            }
            if extensible {
                match rng.below(4) {
                    // An older sender: the body cut anywhere.
                    0 => body.truncate(rng.below(body.len() + 1)),
                    // A newer sender: a zero tail, or (rarely) a non-zero one.
                    1 => {
                        let extra = rng.below(6);
                        let last = if rng.chance(bad) { 9 } else { 0 };
                        body.extend(std::iter::repeat(0).take(extra));
                        if extra > 0 {
                            *body.last_mut().unwrap() = last;
                        }
                    }
                    _ => {}
                }
                out.extend((body.len() as u32).to_le_bytes());
            }
            out.extend(body);
        }
        Schema::Enum {
            tag_width,
            variants,
            ..
        } => {
            let tag = if rng.chance(bad) || variants.is_empty() {
                rng.next_u64() as u32
            } else {
                variants[rng.below(variants.len())].tag
            };
            out.extend(&tag.to_le_bytes()[..usize::from(tag_width)]);
            if let Some(v) = variants.iter().find(|v| v.tag == tag) {
                for f in v.fields {
                    value(f.schema, rng, bad, out);
                }
            }
        }
        Schema::OpenEnum {
            tag_width,
            variants,
            extensible,
            other,
            ..
        } => {
            // §17: mostly known variants, often unknown tags (kept or skipped, or
            // rejected without a catch-all).
            let known = !variants.is_empty() && !rng.chance(bad) && rng.below(3) > 0;
            let tag = if known {
                variants[rng.below(variants.len())].tag
            } else {
                rng.next_u64() as u32
            };
            out.extend(&tag.to_le_bytes()[..usize::from(tag_width)]);
            let width_mask = u32::MAX >> (32 - 8 * u32::from(tag_width));
            let variant = variants.iter().find(|v| v.tag == tag & width_mask);
            match (variant, extensible) {
                (Some(v), false) => {
                    for f in v.fields {
                        value(f.schema, rng, bad, out);
                    }
                }
                (Some(v), true) => {
                    // As an extensible struct's body (§13).
                    let fields = Box::leak(Box::new(Schema::Struct {
                        name: "body",
                        type_args: &[],
                        const_args: &[],
                        fields: v.fields,
                        extensible: true,
                        first_version_fields: 0,
                    }));
                    value(fields, rng, bad, out);
                }
                (None, false) => {}
                (None, true) => match other.and_then(|o| o.body) {
                    // Kept if it fits, else skipped: half the bodies longer than it keeps.
                    Some(Schema::Option { some }) if rng.chance(2) => {
                        let Schema::Seq { capacity, .. } = some else {
                            panic!("a kept body that is not a byte sequence: {some:?}");
                        };
                        skipped_body(capacity + 1 + rng.below(4), rng, out);
                    }
                    Some(Schema::Option { some }) => value(some, rng, bad, out),
                    Some(body) => value(body, rng, bad, out),
                    None => skipped_body(rng.below(6), rng, out),
                },
            }
        }
        _ => panic!("unknown schema {schema:?}"),
    }
}

/// The length and bytes of an unknown variant's body that is not kept (§17.2).
fn skipped_body(len: usize, rng: &mut Rng, out: &mut Vec<u8>) {
    out.extend((len as u32).to_le_bytes());
    out.extend((0..len).map(|_| small_byte(rng)));
}

/// Bytes that are often 0 or 1, so that tags and lengths inside random values are small.
fn small_byte(rng: &mut Rng) -> u8 {
    match rng.below(4) {
        0 => 0,
        1 => 1,
        _ => rng.next_u64() as u8,
    }
}

fn tagged(rng: &mut Rng, bad: u64, out: &mut Vec<u8>, arms: &[Option<&Schema>; 2]) {
    if rng.chance(bad) {
        out.push(2 + rng.below(254) as u8);
        return;
    }
    let tag = rng.below(2);
    out.push(tag as u8);
    if let Some(Some(schema)) = arms.get(tag) {
        value(schema, rng, bad, out);
    }
}

fn length(capacity: usize, rng: &mut Rng, bad: u64, out: &mut Vec<u8>) -> usize {
    let len = if rng.chance(bad) {
        capacity + 1 + rng.below(3)
    } else {
        rng.below(capacity + 1)
    };
    out.extend((len as u32).to_le_bytes());
    len
}

/// `len` bytes of UTF-8 (some multi-byte), or with 1 in `bad` chance a broken sequence.
fn text(len: usize, rng: &mut Rng, bad: u64) -> Vec<u8> {
    let mut s = Vec::new();
    while s.len() < len {
        let room = len - s.len();
        let pieces: &[&[u8]] = &[b"a", b"Z", "é".as_bytes(), "€".as_bytes(), "😀".as_bytes()];
        let piece = pieces[rng.below(pieces.len())];
        if piece.len() <= room {
            s.extend_from_slice(piece);
        }
    }
    if len > 0 && rng.chance(bad) {
        // Overlong, surrogate, above U+10FFFF, stray continuation, cut sequences.
        let broken: &[&[u8]] = &[
            &[0xC0, 0x80],
            &[0xC1, 0xBF],
            &[0xE0, 0x80, 0x80],
            &[0xE0, 0x9F, 0xBF],
            &[0xED, 0xA0, 0x80],
            &[0xF0, 0x80, 0x80, 0x80],
            &[0xF4, 0x90, 0x80, 0x80],
            &[0xF5, 0x80, 0x80, 0x80],
            &[0x80],
            &[0xFF],
            &[0xE2, 0x82],
            &[0xF0, 0x9F, 0x98],
        ];
        let piece = broken[rng.below(broken.len())];
        let at = rng.below(len);
        for (dst, src) in s[at..].iter_mut().zip(piece) {
            *dst = *src;
        }
    }
    s
}

/// A valid-or-nearly input for `schema`, then maybe mutated: a byte changed, cut short,
/// or with bytes appended.
pub fn input(schema: &Schema, seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let bad = [1_000_000, 40, 8][rng.below(3)];
    let mut out = Vec::new();
    value(schema, &mut rng, bad, &mut out);
    match rng.below(6) {
        0 if !out.is_empty() => {
            let at = rng.below(out.len());
            out[at] = rng.next_u64() as u8;
        }
        1 => out.truncate(rng.below(out.len() + 1)),
        2 => out.extend((0..rng.below(4)).map(|_| rng.next_u64() as u8)),
        _ => {}
    }
    out
}
