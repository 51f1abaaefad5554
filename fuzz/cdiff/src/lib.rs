//! [`check`]: one input through the generated C codec and the Rust codec, which must
//! print the same line (`crosswire_cgen_harness::harness` says what a line holds).

use std::os::raw::{c_char, c_int, c_uint};

use crosswire_cgen_harness::{
    self as support, all_types, case,
    harness::Case,
    types::*,
};

extern "C" {
    /// The C side's line (`harness::line_function`).
    fn cdiff_line(
        which: c_uint,
        input: *const u8,
        n: usize,
        cap: usize,
        line: *mut c_char,
        room: usize,
    ) -> c_int;
}

fn cases() -> Vec<Case> {
    macro_rules! each {
        ($($ty:ty),*) => { vec![$(case!($ty)),*] };
    }
    all_types!(each)
}

/// `data[0]` picks the type, `data[1]` the encode buffer (odd: large enough; even: that
/// many bytes, to meet `BufferFull`), the rest is the input. Panics on a disagreement.
pub fn check(data: &[u8]) {
    thread_local! {
        static CASES: Vec<Case> = cases();
    }
    let [which, cap, input @ ..] = data else {
        return;
    };
    CASES.with(|cases| {
        let index = usize::from(*which) % cases.len();
        let case = &cases[index];
        let cap = if cap % 2 == 1 {
            case.max_size.min(1 << 15)
        } else {
            usize::from(*cap / 2)
        };
        let rust = (case.rust)(input, cap);
        let mut line = vec![0u8; 2 * cap + 256];
        let which = c_uint::try_from(index).expect("few cases");
        // SAFETY: `input` is valid for reads of `input.len()` bytes and `line` for writes
        // of `line.len()` bytes for the whole call; `cdiff_line` reads and writes only
        // within those lengths (it checks `room` before writing and the decoders never
        // read past `n`) and keeps no pointer after returning.
        let status = unsafe {
            cdiff_line(
                which,
                input.as_ptr(),
                input.len(),
                cap,
                line.as_mut_ptr().cast(),
                line.len(),
            )
        };
        assert_eq!(status, 0, "the C side answered");
        let end = line.iter().position(|&b| b == 0).expect("a C string");
        let c = std::str::from_utf8(&line[..end]).expect("ASCII");
        assert_eq!(
            rust,
            c,
            "{} from {} (encode buffer {cap}): Rust left, C right",
            case.name,
            support::harness::hex(input)
        );
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_corpus_agrees() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/c_differential");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).expect("corpus") {
            super::check(&std::fs::read(entry.expect("entry").path()).expect("file"));
            n += 1;
        }
        assert!(n > 0);
    }
}
