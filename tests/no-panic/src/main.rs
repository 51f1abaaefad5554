//! Exercises `from_bytes`/`take_from_bytes`/`to_slice` for a representative set of types
//! on inputs the optimiser cannot see. The panic handler calls an undefined symbol, so this
//! binary links only if every panic path was proven unreachable and removed.
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
    if let Ok((value, rest)) = crosswire::take_from_bytes::<T>(black_box(input)) {
        score += rest.len();
        if let Ok(buf) = crosswire::to_array::<T, 4096>(&value) {
            score += buf.len();
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
                a: u32::decode(r)?,
                b: Option::decode(r)?,
            })
        })
    }
}

type Nested<'a> = (
    Option<(bool, BoundedString<8>)>,
    Result<BoundedVec<char, 4>, Duration>,
    [Option<u8>; 3],
    BoundedStr<'a, 16>,
    BoundedBytes<'a, 16>,
);

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

    #[cfg(feature = "canary")]
    {
        // A slice index the optimiser cannot prove in bounds: must fail the link.
        score += usize::from(input[black_box(100)]);
    }

    i32::from(black_box(score) == 0)
}
