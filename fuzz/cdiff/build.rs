//! Generates the header for the differential types and compiles it, with the C side's
//! line function, into a static library. Under cargo-fuzz (`cfg(fuzzing)`) the C code is
//! built by clang with AddressSanitizer, UndefinedBehaviorSanitizer (trapping: no runtime
//! needed) and libFuzzer's coverage, so that the fuzzer sees into the C decoder too.

use std::{path::PathBuf, process::Command};

use crosswire_cgen_harness::{self as support, all_types, types::*};

fn main() {
    macro_rules! schemas {
        ($($ty:ty),*) => { vec![$(<$ty as crosswire::Described>::SCHEMA),*] };
    }
    let schemas = all_types!(schemas);
    let mut header = crosswire_cgen::Header::new("t");
    for schema in &schemas {
        header = header.add_schema(schema);
    }
    let c_names: Vec<String> = schemas
        .iter()
        .map(|schema| {
            let names = crosswire_cgen::Header::new("t")
                .add_schema(schema)
                .c_names()
                .expect("names");
            names.last().expect("the root is last").1.clone()
        })
        .collect();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("t.h"), header.render().expect("header")).expect("t.h");
    std::fs::write(
        out.join("cdiff.c"),
        support::harness::line_function("t", &c_names),
    )
    .expect("cdiff.c");

    let fuzzing = std::env::var_os("CARGO_CFG_FUZZING").is_some();
    let mut build = cc::Build::new();
    build
        .file(out.join("cdiff.c"))
        .include(&out)
        .flag("-std=c11");
    for flag in support::harness::STRICT {
        build.flag(flag);
    }
    if fuzzing && Command::new("clang").arg("--version").output().is_ok() {
        build
            .compiler("clang")
            .flag("-fsanitize=address,undefined,fuzzer-no-link")
            .flag("-fsanitize-trap=undefined");
    }
    build.compile("cdiff");
    println!("cargo:rerun-if-changed=../../cgen");
    println!("cargo:rerun-if-changed=../../core/src");
}
