//! The generated C codec against the Rust codec: on valid encodings of random values
//! (proptest seeds), on mutated and arbitrary bytes, and on the committed fuzz corpora,
//! the C decoder accepts exactly what Rust accepts, consuming as much, re-encodes to the
//! same bytes, and rejects with the same error kind at the same offset; the C encoder
//! fails with `BufferFull` where Rust does.
//!
//! The header and a driver program are compiled with the system C compiler (`cc`, or
//! `$CC`) under `-std=c11 -Wall -Wextra -Werror -pedantic`, with AddressSanitizer and
//! UndefinedBehaviorSanitizer when the compiler has them.

use std::{path::PathBuf, sync::OnceLock};

use crosswire_cgen_harness::{all_types, case};
use crosswire_cgen_harness::{
    gen,
    harness::{self, Case},
    types::*,
};
use proptest::prelude::*;

fn cases() -> Vec<Case> {
    macro_rules! each {
        ($($ty:ty),*) => { vec![$(case!($ty)),*] };
    }
    all_types!(each)
}

/// The compiled driver (built once per test binary) and the cases in its order.
struct Built {
    exe: PathBuf,
    cases: Vec<Case>,
    header: String,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let cases = cases();
        let mut header = crosswire_cgen::Header::new("t");
        for case in &cases {
            header = header.add_schema(case.schema);
        }
        let names = header.c_names().expect("names");
        let c_names: Vec<String> = cases
            .iter()
            .map(|c| {
                names
                    .iter()
                    .find(|(s, _)| *s == c.schema)
                    .map(|(_, n)| n.clone())
                    .expect("every case is named")
            })
            .collect();
        let text = header.render().expect("header renders");
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cgen-differential");
        std::fs::create_dir_all(&dir).expect("build dir");
        std::fs::write(dir.join("t.h"), &text).expect("header written");
        let compiler = std::env::var("CC").unwrap_or_else(|_| "cc".into());
        let driver = harness::driver("t", &c_names);
        let sanitized = [
            "-O1",
            "-g",
            "-fsanitize=address,undefined",
            "-fno-sanitize-recover=all",
        ];
        // Under qemu-user (a cross compiler's driver) AddressSanitizer cannot map its
        // shadow memory: the driver is built without sanitizers there.
        let emulated = std::env::var_os("CROSSWIRE_C_RUNNER").is_some();
        let sanitizers = if emulated {
            &["-O1"][..]
        } else {
            &sanitized[..]
        };
        let exe = harness::compile(&compiler, &dir, &driver, "driver", sanitizers)
            .or_else(|e| {
                eprintln!("no sanitizers ({e}); building without");
                harness::compile(&compiler, &dir, &driver, "driver", &["-O1"])
            })
            .unwrap_or_else(|e| panic!("the header does not compile:\n{e}"));
        Built {
            exe,
            cases,
            header: text,
        }
    })
}

/// Runs `inputs` (case index, encode buffer size, bytes) through both sides; panics at
/// the first disagreement. Returns, per case, how many inputs both decoders accepted.
fn agree(inputs: &[(usize, usize, Vec<u8>)]) -> Vec<usize> {
    let b = built();
    let mut lines = String::new();
    for (case, cap, bytes) in inputs {
        lines.push_str(&format!("{case} {cap} {}\n", harness::hex(bytes)));
    }
    let c = harness::run_driver(&b.exe, &lines);
    assert_eq!(c.len(), inputs.len(), "the driver answered every line");
    let mut accepted = vec![0; b.cases.len()];
    for ((case, cap, bytes), c_line) in inputs.iter().zip(&c) {
        if c_line.starts_with("D ok") {
            accepted[*case] += 1;
        }
        let rust_line = (b.cases[*case].rust)(bytes, *cap);
        assert_eq!(
            &rust_line,
            c_line,
            "{} from {} (encode buffer {cap}): Rust left, C right",
            b.cases[*case].name,
            harness::hex(bytes)
        );
    }
    accepted
}

#[test]
fn max_size_and_fixed_size_match_rust() {
    let b = built();
    let header = crosswire_cgen::Header::new("t");
    for case in &b.cases {
        let names = header
            .clone()
            .add_schema(case.schema)
            .c_names()
            .expect("names");
        let name = names.last().expect("the root is last").1.to_uppercase();
        let max = format!("#define {name}_MAX_SIZE {}\n", case.max_size);
        let fixed = format!("#define {name}_FIXED_SIZE {}\n", u8::from(case.fixed_size));
        assert!(b.header.contains(&max), "{}: no {max}", case.name);
        assert!(b.header.contains(&fixed), "{}: no {fixed}", case.name);
    }
}

/// Kernel style: no line of the header is longer than 100 columns (tabs to multiples of 8).
#[test]
fn lines_fit_100_columns() {
    for line in built().header.lines() {
        let width = line.chars().fold(0, |col, c| {
            if c == '\t' {
                (col / 8 + 1) * 8
            } else {
                col + 1
            }
        });
        assert!(width <= 100, "{width} columns: {line}");
    }
}

#[test]
fn spec_examples_agree() {
    // §13's examples, §14's reading order, and a few edges, on every case.
    let examples: &[&[u8]] = &[
        &[],
        &[0x01, 0x00, 0x00, 0x00, 0x01],
        &[0x05, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x09],
        &[0x03, 0x00, 0x00, 0x00, 0x02],
        &[0x08, 0, 0, 0, 1, 0, 0, 0, 2, 0, 9, 0],
        &[0x06, 0, 0, 0, 1, 0, 0, 0, 2, 0],
        &[0xff; 40],
        &[0x00; 80],
        &[0x01; 80],
    ];
    let mut inputs = Vec::new();
    for case in 0..built().cases.len() {
        for bytes in examples {
            inputs.push((case, 1 << 12, bytes.to_vec()));
        }
    }
    agree(&inputs);
}

#[test]
fn fuzz_corpora_agree() {
    // The committed corpora of the derived-type and reference-decoder fuzz targets, as
    // arbitrary bytes for every case (their first byte selects a type of the fuzz
    // target, so also without it).
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
    let mut inputs = Vec::new();
    let mut files = 0;
    for target in ["decode_derived", "decode_reference"] {
        let dir = std::fs::read_dir(root.join(target)).expect("corpus folder");
        for entry in dir {
            let bytes = std::fs::read(entry.expect("entry").path()).expect("corpus file");
            files += 1;
            for case in 0..built().cases.len() {
                inputs.push((case, 1 << 12, bytes.clone()));
                if let Some((_, rest)) = bytes.split_first() {
                    inputs.push((case, 1 << 12, rest.to_vec()));
                }
            }
        }
    }
    assert!(files > 100, "the corpora are there ({files} files)");
    agree(&inputs);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Valid encodings of random values, some mutated: the decoders agree, and where
    /// they accept, the C encoder writes Rust's bytes.
    #[test]
    fn values_agree(seeds in prop::collection::vec(any::<u64>(), 32)) {
        let n = built().cases.len();
        let mut inputs = Vec::new();
        for (i, seed) in seeds.iter().enumerate() {
            for case in 0..n {
                let bytes = gen::input(built().cases[case].schema, seed.wrapping_add(i as u64));
                inputs.push((case, 1 << 12, bytes));
            }
        }
        let accepted = agree(&inputs);
        // The generator makes mostly valid values: every case accepts some, and the
        // mutations make some rejected.
        for (case, count) in accepted.iter().enumerate() {
            prop_assert!(*count > 0, "{} accepted nothing", built().cases[case].name);
        }
        prop_assert!(accepted.iter().sum::<usize>() < inputs.len(), "nothing rejected");
    }

    /// Arbitrary bytes.
    #[test]
    fn arbitrary_bytes_agree(inputs in prop::collection::vec(
        (0..20usize, prop::collection::vec(any::<u8>(), 0..64)), 64)
    ) {
        let inputs: Vec<_> = inputs.into_iter().map(|(case, b)| (case, 1 << 12, b)).collect();
        agree(&inputs);
    }

    /// Encoding into buffers of every size up to the value's: `BufferFull` at the same
    /// offset as Rust (the buffer's length).
    #[test]
    fn short_buffers_agree(seed in any::<u64>(), case in 0..20usize) {
        let mut rng = gen::Rng::new(seed);
        let mut bytes = Vec::new();
        gen::value(built().cases[case].schema, &mut rng, u64::MAX, &mut bytes);
        let inputs: Vec<_> = (0..=bytes.len() + 1).map(|cap| (case, cap, bytes.clone())).collect();
        agree(&inputs);
    }
}

#[test]
fn the_header_of_every_kind_compiles_warning_free_with_gcc_and_clang() {
    let b = built();
    let dir = b.exe.parent().expect("build dir").to_path_buf();
    let names = crosswire_cgen::Header::new("t");
    let c_names: Vec<String> = b
        .cases
        .iter()
        .map(|c| {
            let names = names.clone().add_schema(c.schema).c_names().expect("names");
            names.last().expect("the root is last").1.clone()
        })
        .collect();
    let driver = harness::driver("t", &c_names);
    for compiler in ["gcc", "clang"] {
        if harness::have(compiler) {
            harness::compile(
                compiler,
                &dir,
                &driver,
                &format!("strict_{compiler}"),
                &["-O2"],
            )
            .unwrap_or_else(|e| panic!("{compiler}:\n{e}"));
        }
    }
}

#[test]
fn errno_and_descriptions_match_crosswire_kernel_and_crosswire() {
    use crosswire::ErrorKind as K;
    let kinds = [
        K::BufferFull,
        K::UnexpectedEnd,
        K::TrailingBytes,
        K::InvalidBool,
        K::InvalidChar,
        K::InvalidTag,
        K::LengthOverCapacity,
        K::InvalidUtf8,
        K::IntegerOutOfRange,
        K::ZeroNonZero,
        K::InvalidDuration,
        K::NonZeroTail,
        K::InvalidValue,
    ];
    let b = built();
    let dir = b.exe.parent().expect("build dir");
    // Without <errno.h>, as a driver that includes nothing else would see it.
    let program = r#"#include "t.h"
#include <stdio.h>
int main(void)
{
	int k;

	for (k = 0; k <= 13; k++)
		printf("%d %d %s\n", k, t_errno(k), t_error_str(k));
	return 0;
}
"#;
    let exe = harness::compile("cc", dir, program, "errno", &[]).expect("compiles");
    let out = std::process::Command::new(exe).output().expect("runs");
    let out = String::from_utf8(out.stdout).expect("ASCII");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("0 0 ok"));
    for kind in kinds {
        let errno = crosswire_kernel::Errno::from_error_kind(kind).get();
        let expected = format!("{} {errno} {}", harness::kind_code(kind), kind.as_str());
        assert_eq!(lines.next(), Some(expected.as_str()), "{kind:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The byte annotator's verdict is crosswire's: bytes consumed, or error kind and
    /// offset.
    #[test]
    fn the_annotator_agrees_with_rust(seed in any::<u64>(), case in 0..20usize) {
        let b = built();
        let bytes = gen::input(b.cases[case].schema, seed);
        let explained = crosswire_cgen::explain::explain(b.cases[case].schema, &bytes);
        let rust = (b.cases[case].rust)(&bytes, 0);
        let mine = match explained.result {
            Ok(n) => format!("D ok {n} "),
            Err((kind, at)) => format!("D err {} {at} ", harness::kind_code(kind)),
        };
        prop_assert!(rust.starts_with(&mine), "{}: {rust} vs {mine}\n{explained}", b.cases[case].name);
    }
}

#[test]
fn the_header_compiles_for_32_bit_targets_with_conversion_warnings() {
    // Freestanding (no 32-bit libc needed): the compiler's own <stdint.h>/<stddef.h> and a
    // two-line <string.h>. Where size_t is 32 bits, every narrowing must be explicit.
    if !harness::have("clang") {
        eprintln!("clang not installed: skipped");
        return;
    }
    let b = built();
    let dir = b.exe.parent().expect("build dir");
    let stub = dir.join("stub32");
    std::fs::create_dir_all(&stub).expect("stub dir");
    std::fs::write(
        stub.join("string.h"),
        "#include <stddef.h>\nvoid *memcpy(void *, const void *, size_t);\n\
         void *memset(void *, int, size_t);\n",
    )
    .expect("stub string.h");
    let resource = std::process::Command::new("clang")
        .arg("-print-resource-dir")
        .output()
        .expect("clang runs");
    let resource = String::from_utf8(resource.stdout).expect("a path");
    let include = format!("{}/include", resource.trim());
    let stub = stub.to_str().expect("UTF-8 path");
    let source = dir.join("every_kind32.c");
    let mut program = String::from("#include \"t.h\"\n");
    for (i, case) in b.cases.iter().enumerate() {
        let names = crosswire_cgen::Header::new("t")
            .add_schema(case.schema)
            .c_names()
            .expect("names");
        let name = &names.last().expect("root").1;
        program.push_str(&format!(
            "int f{i}(const unsigned char *b, size_t n, unsigned char *o, size_t c);\n\
             int f{i}(const unsigned char *b, size_t n, unsigned char *o, size_t c)\n{{\n\
             \tstatic struct {name} v;\n\tsize_t pos;\n\
             \tint k = {name}_from_bytes(&v, b, n, &pos);\n\
             \treturn k | {name}_encode(&v, o, c, &pos) | t_errno(k);\n}}\n"
        ));
    }
    std::fs::write(&source, program).expect("source");
    for target in ["i386-linux-gnu", "armv7-linux-gnueabihf"] {
        let out = std::process::Command::new("clang")
            .args([&format!("--target={target}"), "-ffreestanding", "-nostdinc"])
            .args(["-isystem", &include, "-I", stub, "-I"])
            .arg(dir)
            .args(harness::STRICT)
            .args(["-Wconversion", "-Wsign-conversion", "-fsyntax-only"])
            .arg(&source)
            .output()
            .expect("clang runs");
        assert!(
            out.status.success(),
            "{target}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
