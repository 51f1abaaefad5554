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

/// Whether the sample's messages are the module's. `cargo test --workspace --all-features`
/// turns on every version feature of `crosswire-sample-types` (a workspace member, since
/// crates of the workspace depend on it), which gives other messages: these tests then say
/// so and stop, and `.ci/run` runs them again with the crate's default features
/// (`cargo test -p crosswire-cgen --test sample_header`), as the ui_no_float tests are run.
fn module_messages(test: &str) -> bool {
    if !sample::MODULE_MESSAGES {
        eprintln!(
            "{test}: skipped, crosswire-sample-types is built with a version feature \
             (--all-features); run cargo test -p crosswire-cgen --test sample_header"
        );
    }
    sample::MODULE_MESSAGES
}

fn sample_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../kernel-adapter/sample/c")
}

/// The sample header, as `docs/c.md` shows it is made.
fn render() -> String {
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
    if !module_messages("the_checked_in_header_is_current") {
        return;
    }
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
    if !module_messages("the_header_compiles_warning_free_with_gcc_and_clang") {
        return;
    }
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

/// The sample's messages, their bytes on the wire and in memory, as
/// `kernel-adapter/README.md` lists them between its `sizes:` markers (on a 64-bit target:
/// lengths and pointers are wider in memory than on a 32-bit one).
#[cfg(target_pointer_width = "64")]
#[test]
fn the_readme_lists_each_message_on_the_wire_and_in_memory() {
    if !module_messages("the_readme_lists_each_message_on_the_wire_and_in_memory") {
        return;
    }
    use crosswire::MaxSize;
    use crosswire_kernel::netlink::NlaSet;
    use std::mem::size_of;
    macro_rules! rows {
        ($bound:ident :: $max:ident, $($ty:ty),*) => {
            [$((stringify!($ty), <$ty as $bound>::$max, size_of::<$ty>())),*]
        };
    }
    let messages = rows!(
        MaxSize::MAX_SIZE,
        sample::Arith,
        sample::ArithReply,
        sample::Op,
        sample::OpReply,
        sample::Settings,
        sample::SettingsReply,
        sample::VersionReply,
        sample::RingRequest,
        sample::RingReply
    );
    let attribute_sets = rows!(
        NlaSet::MAX_LEN,
        sample::Range,
        sample::Echo<'static>,
        sample::EchoReply<'static>,
        sample::Event<'static>,
        sample::List,
        sample::Item
    );
    let mut table = String::from(
        "<!-- sizes: from cgen/tests/sample_header.rs -->\n\
         | type | on the wire, at most | in memory (64-bit) |\n| --- | ---: | ---: |\n",
    );
    let tagged = messages.iter().map(|row| (row, "`MAX_SIZE`")).chain(
        attribute_sets
            .iter()
            .map(|row| (row, "attributes, `MAX_LEN`")),
    );
    for ((name, wire, memory), what) in tagged {
        let name = name
            .trim_start_matches("sample::")
            .replace("<'static>", "<'a>");
        table.push_str(&format!("| `{name}` | {wire} ({what}) | {memory} |\n"));
    }
    table.push_str("<!-- sizes: end -->\n");
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../kernel-adapter/README.md");
    let readme = std::fs::read_to_string(&path).expect("kernel-adapter/README.md");
    let start = readme
        .find("<!-- sizes: from")
        .expect("the README has the sizes table");
    let end = readme
        .find("<!-- sizes: end -->\n")
        .expect("the table ends")
        + 20;
    if std::env::var_os("CROSSWIRE_BLESS").is_some() {
        let fresh = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, fresh).expect("README written");
        return;
    }
    assert_eq!(
        readme[start..end],
        table,
        "the sizes table of kernel-adapter/README.md is stale: regenerate it with \
         CROSSWIRE_BLESS=1 cargo test -p crosswire-cgen --test sample_header"
    );
}
