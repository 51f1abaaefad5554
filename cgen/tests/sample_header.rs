//! The checked-in header of the sample types (`kernel-adapter/sample/c/crosswire_sample.h`)
//! is what the generator makes from `kernel-adapter/sample/types.rs` today, and compiles
//! warning-free with gcc and clang in strict C11.
//!
//! When this fails after a change to the sample types or the generator, regenerate the
//! header with `CROSSWIRE_BLESS=1 cargo test -p crosswire-cgen --test sample_header`.

use std::path::PathBuf;

// The header is of the module's version of the messages, 2: the crate without features.
use crosswire_cgen_harness::harness;
use crosswire_sample_types as sample;

fn sample_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../kernel-adapter/sample/c")
}

/// The sample header, as `docs/c.md` shows it is made.
fn render() -> String {
    assert_eq!(
        sample::SETTINGS_VERSION,
        2,
        "crosswire-sample-types was built with a version feature: the header is of the \
         module's, version 2"
    );
    crosswire_cgen::Header::new("cw_sample")
        .license("MIT OR Apache-2.0")
        .comment(
            "from kernel-adapter/sample/types.rs (regenerate: see cgen/tests/sample_header.rs)",
        )
        .add::<sample::Arith>()
        .add::<sample::ArithReply>()
        .add::<sample::Op>()
        .add::<sample::OpReply>()
        .add::<sample::Settings>()
        .add::<sample::SettingsReply>()
        .add::<sample::VersionReply>()
        .constant(
            "IOC_TYPE",
            sample::SAMPLE_IOC_TYPE.into(),
            "the ioctl type (magic) byte",
        )
        .constant(
            "IOC_ARITH",
            sample::ARITH.number().into(),
            "ioctl ARITH: arith -> arith_reply",
        )
        .constant(
            "IOC_OP",
            sample::OP.number().into(),
            "ioctl OP: op -> op_reply",
        )
        .constant(
            "IOC_SETTINGS",
            sample::SETTINGS.number().into(),
            "ioctl SETTINGS (extensible): settings -> settings_reply",
        )
        .constant(
            "IOC_VERSION",
            sample::VERSION.number().into(),
            "ioctl VERSION: no request -> version_reply",
        )
        .constant(
            "SETTINGS_BUF_V1",
            sample::SETTINGS_BUF_V1 as u64,
            "the smallest buffer of IOC_SETTINGS (version 1's)",
        )
        .constant(
            "SETTINGS_VERSION",
            sample::SETTINGS_VERSION.into(),
            "the version of settings in this header",
        )
        .constant(
            "FLAG_RESERVED",
            sample::FLAG_RESERVED.into(),
            "a settings flag refused with EOPNOTSUPP",
        )
        .constant(
            "WIRE_FORMAT_VERSION",
            crosswire::WIRE_FORMAT_VERSION.into(),
            "crosswire's wire format version",
        )
        .render()
        .expect("the sample types have a C form")
}

#[test]
fn the_checked_in_header_is_current() {
    let path = sample_dir().join("crosswire_sample.h");
    let fresh = render();
    if std::env::var_os("CROSSWIRE_BLESS").is_some() {
        std::fs::create_dir_all(sample_dir()).expect("sample/c");
        std::fs::write(&path, &fresh).expect("header written");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == fresh,
        "{} is stale: regenerate it with CROSSWIRE_BLESS=1 cargo test -p crosswire-cgen \
         --test sample_header",
        path.display()
    );
}

#[test]
fn the_header_compiles_warning_free_with_gcc_and_clang() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cgen-sample");
    std::fs::create_dir_all(&dir).expect("build dir");
    std::fs::write(dir.join("crosswire_sample.h"), render()).expect("header written");
    // Every function used, so that the compilers see all of the header's code.
    let program = r#"#include "crosswire_sample.h"
int main(void)
{
	static struct cw_sample_arith a;
	static struct cw_sample_op op;
	static struct cw_sample_settings s;
	static uint8_t buf[CW_SAMPLE_OP_MAX_SIZE];
	size_t pos;
	int k = cw_sample_arith_encode(&a, buf, sizeof(buf), &pos);
	k |= cw_sample_arith_from_bytes(&a, buf, pos, &pos);
	op.tag = CW_SAMPLE_OP_NOP;
	k |= cw_sample_op_encode(&op, buf, sizeof(buf), &pos);
	k |= cw_sample_op_decode(&op, buf, pos, &pos);
	k |= cw_sample_settings_encode(&s, buf, sizeof(buf), &pos);
	k |= cw_sample_settings_from_bytes(&s, buf, pos, &pos);
	return k != 0 || cw_sample_errno(CW_SAMPLE_ERR_NON_ZERO_TAIL) == 0 || cw_sample_error_str(k)[0] == 0;
}
"#;
    let mut compilers = 0;
    for compiler in ["gcc", "clang"] {
        if !harness::have(compiler) {
            eprintln!("{compiler} not installed: skipped");
            continue;
        }
        compilers += 1;
        for opt in ["-O0", "-O2"] {
            let exe = harness::compile(compiler, &dir, program, &format!("use_{compiler}"), &[opt])
                .unwrap_or_else(|e| panic!("{compiler} {opt}:\n{e}"));
            let status = std::process::Command::new(&exe).status().expect("runs");
            assert!(status.success(), "{compiler} {opt}: the round trips failed");
        }
    }
    assert!(compilers > 0, "neither gcc nor clang is installed");
}
