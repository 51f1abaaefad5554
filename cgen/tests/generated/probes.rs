//! Corner cases of the generator, each once a wrong or broken header: names that clash
//! (variant tags with a type's own macros or the runtime's, constants with the runtime's,
//! three types of one name and shape), fields the wire does not carry as their type says
//! (`skip`, `with`), member names that C, C++ or a common macro own, and an extensible
//! struct without storage.
//!
//! Each probe renders a header, checks its macros against the Rust constants with static
//! assertions, and compiles it with gcc and clang with `-Werror` and without (where a
//! redefinition is only a warning and the build goes on with the wrong value), then runs
//! the decoders on the probe's inputs against Rust's.

use std::{
    marker::PhantomData,
    path::{Path, PathBuf},
    process::Command,
};

use crosswire::{Decode, Described, Encode, MaxSize};
use crosswire_cgen::{Error, Header};
use crosswire_cgen_harness::case;
use crosswire_cgen_harness::harness::{self, Case};

/// One probe: a header, the cases whose decoders are run, C constant expressions that must
/// hold, and inputs (case index and bytes).
struct Probe {
    name: &'static str,
    header: Header,
    cases: Vec<Case>,
    asserts: Vec<String>,
    inputs: Vec<(usize, Vec<u8>)>,
    /// Included before the header (as a program that includes system headers first).
    before: &'static str,
}

/// The compilers a probe is built with: gcc always, clang where it is installed (`.ci/run`
/// installs it); for another architecture (`.ci/cross.sh`: `$CC` a cross compiler, its
/// programs run under `$CROSSWIRE_C_RUNNER`), `$CC` alone.
fn compilers() -> Vec<String> {
    if std::env::var_os("CROSSWIRE_C_RUNNER").is_some() {
        return vec![std::env::var("CC").expect("a cross compiler in $CC")];
    }
    let mut out = vec!["gcc".to_string()];
    if harness::have("clang") {
        out.push("clang".into());
    }
    out
}

fn dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("cgen-probes")
        .join(name);
    std::fs::create_dir_all(&dir).expect("probe dir");
    dir
}

/// Compiles `source` with `compiler`, `flags` and `-I dir`; the compiler's stderr on failure.
fn build(
    compiler: &str,
    flags: &[&str],
    dir: &Path,
    source: &str,
    out: &str,
) -> Result<(), String> {
    let ext = if flags.contains(&"c++") { "cc" } else { "c" };
    let src = dir.join(format!("{out}.{ext}"));
    std::fs::write(&src, source).expect("source written");
    let mut words = compiler.split_whitespace();
    let program = words.next().expect("a compiler");
    let result = Command::new(program)
        .args(words)
        .args(flags)
        .arg("-I")
        .arg(dir)
        .arg("-o")
        .arg(dir.join(out))
        .arg(&src)
        .output()
        .expect("the compiler runs");
    if result.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&result.stderr).into_owned())
    }
}

fn static_asserts(keyword: &str, asserts: &[String]) -> String {
    asserts
        .iter()
        .map(|a| format!("{keyword}({a}, \"{}\");\n", a.replace('"', "'")))
        .collect()
}

fn check(probe: Probe) {
    let dir = dir(probe.name);
    let text = probe.header.render().expect("the header renders");
    std::fs::write(dir.join("p.h"), &text).expect("header written");
    let names = probe.header.c_names().expect("names");
    let c_names: Vec<String> = probe
        .cases
        .iter()
        .map(|c| {
            let found = names.iter().find(|(s, _)| *s == c.schema);
            found.expect("every case is named").1.clone()
        })
        .collect();
    let source = format!(
        "{}{}{}",
        probe.before,
        harness::driver("p", &c_names),
        static_asserts("_Static_assert", &probe.asserts)
    );
    let lax: Vec<&str> = harness::STRICT
        .iter()
        .copied()
        .filter(|f| *f != "-Werror")
        .collect();
    let mut lines = String::new();
    for (case, bytes) in &probe.inputs {
        let cap = probe.cases[*case].max_size;
        lines.push_str(&format!("{case} {cap} {}\n", harness::hex(bytes)));
    }
    for compiler in compilers() {
        let strict = build(&compiler, harness::STRICT, &dir, &source, "strict");
        if let Err(e) = strict {
            panic!("{}: {compiler} -Werror:\n{e}\n{text}", probe.name);
        }
        if let Err(e) = build(&compiler, &lax, &dir, &source, "lax") {
            panic!("{}: {compiler} without -Werror:\n{e}", probe.name);
        }
        let c = harness::run_driver(&dir.join("lax"), &lines);
        assert_eq!(
            c.len(),
            probe.inputs.len(),
            "the driver answered every line"
        );
        for ((case, bytes), c_line) in probe.inputs.iter().zip(&c) {
            let rust = (probe.cases[*case].rust)(bytes, probe.cases[*case].max_size);
            assert_eq!(
                &rust,
                c_line,
                "{}: {} from {}: Rust left, C ({compiler}) right",
                probe.name,
                probe.cases[*case].name,
                harness::hex(bytes)
            );
        }
    }
}

/// `P_<NAME>_MAX_SIZE`, `_FIXED_SIZE` and `_FINGERPRINT` equal to Rust's, for a type
/// whose C name is `p_<name>`.
fn own_macros<T: MaxSize + Described>(name: &str) -> Vec<String> {
    let up = name.to_uppercase();
    vec![
        format!("P_{up}_MAX_SIZE == {}", T::MAX_SIZE),
        format!("P_{up}_FIXED_SIZE == {}", u8::from(T::FIXED_SIZE)),
        format!("P_{up}_FINGERPRINT == 0x{:016x}ull", T::FINGERPRINT),
    ]
}

#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[allow(dead_code, reason = "decoded by the tests")]
enum Quota {
    Unlimited,
    MaxSize(u32),
    Fingerprint(u64),
    FixedSize,
}

/// Probe 1: variants named like a type's own macros (`MAX_SIZE`, `FINGERPRINT`,
/// `FIXED_SIZE`) take the `_TAG_` form; the type's macros keep their values.
#[test]
fn variants_named_like_the_types_macros() {
    let mut asserts = own_macros::<Quota>("quota");
    asserts.extend([
        "P_QUOTA_UNLIMITED == 0".to_string(),
        "P_QUOTA_TAG_MAX_SIZE == 1".into(),
        "P_QUOTA_TAG_FINGERPRINT == 2".into(),
        "P_QUOTA_TAG_FIXED_SIZE == 3".into(),
    ]);
    check(Probe {
        name: "quota",
        header: Header::new("p").add::<Quota>(),
        cases: vec![case!(Quota)],
        asserts,
        inputs: vec![
            (0, vec![1, 5, 0, 0, 0]),
            (0, vec![2, 1, 2, 3, 4, 5, 6, 7, 8]),
            (0, vec![3]),
            (0, vec![4]),
        ],
        before: "",
    });
}

/// In a module of its own: `Err` would shadow the prelude's.
mod runtime_names {
    #[derive(
        Debug, crosswire::Encode, crosswire::Decode, crosswire::MaxSize, crosswire::Described,
    )]
    #[allow(dead_code, reason = "decoded by the tests")]
    pub enum Err {
        BufferFull,
        Ok,
        Other(u8),
    }
}

/// Probe 2: variants whose macros would be the runtime's error kinds.
#[test]
fn variants_named_like_the_runtimes_macros() {
    let mut asserts = own_macros::<runtime_names::Err>("err");
    asserts.extend([
        "P_OK == 0".to_string(),
        "P_ERR_BUFFER_FULL == 1".into(),
        "P_ERR_TAG_BUFFER_FULL == 0".into(),
        "P_ERR_OK == 1".into(),
        "P_ERR_OTHER == 2".into(),
    ]);
    check(Probe {
        name: "err",
        header: Header::new("p").add::<runtime_names::Err>(),
        cases: vec![case!(runtime_names::Err)],
        asserts,
        inputs: vec![(0, vec![0]), (0, vec![2, 9]), (0, vec![3]), (0, vec![])],
        before: "",
    });
}

/// Probe 3: a constant named like a macro of the runtime or of a type is refused.
#[test]
fn constants_named_like_the_headers_own_macros_are_refused() {
    for name in [
        "ok",
        "ERR_BUFFER_FULL",
        "QUOTA_MAX_SIZE",
        "QUOTA_FIXED_SIZE",
    ] {
        let err = Header::new("p")
            .add::<Quota>()
            .constant(name, 1, "")
            .render()
            .unwrap_err();
        assert_eq!(err, Error::BadConstant(name.to_ascii_uppercase()));
    }
    // A name nothing else has is fine.
    let header = Header::new("p").add::<Quota>().constant("okay", 1, "");
    assert!(header
        .render()
        .expect("renders")
        .contains("#define P_OKAY 1u"));
}

#[derive(Debug, Encode, Decode, MaxSize, Described)]
struct Skipped {
    a: u8,
    #[crosswire(skip)]
    cache: u32,
    b: u16,
}

#[derive(Debug, Encode, Decode, MaxSize, Described)]
struct Unskipped {
    a: u8,
    b: u16,
}

/// Probe 4: a skipped field is not on the wire, so not in the schema: the C side's sizes,
/// decoding and fingerprint are those of the struct without it.
#[test]
fn skipped_fields_are_not_described() {
    assert_eq!(Skipped::FINGERPRINT, Unskipped::FINGERPRINT);
    let _ = Skipped {
        a: 0,
        cache: 0,
        b: 0,
    }
    .cache;
    check(Probe {
        name: "skipped",
        header: Header::new("p").add::<Skipped>(),
        cases: vec![case!(Skipped)],
        asserts: own_macros::<Skipped>("skipped"),
        inputs: vec![
            (0, vec![1, 0, 2]),
            (0, vec![1, 0, 2, 0]),
            (0, vec![1, 0]),
            (0, vec![1, 0, 2, 0, 0, 0, 0]),
        ],
        before: "",
    });
}

/// A `u32` carried as a `u16` (values above `u16::MAX` are refused when encoding).
mod narrow {
    use crosswire::{schema::Schema, Decode, Encode, Error, ErrorKind, Reader, Writer};

    pub const MAX_SIZE: usize = 2;
    pub const SCHEMA: &Schema = <u16 as crosswire::Described>::SCHEMA;

    pub fn encode(v: &u32, w: &mut Writer<'_>) -> Result<(), Error> {
        let narrow = u16::try_from(*v).map_err(|_| Error::new(ErrorKind::Custom, w.written()))?;
        narrow.encode(w)
    }

    pub fn encoded_len(_: &u32) -> usize {
        MAX_SIZE
    }

    pub fn decode(r: &mut Reader<'_>) -> Result<u32, Error> {
        u16::decode(r).map(u32::from)
    }
}

#[derive(Debug, Encode, Decode, MaxSize, Described)]
struct Narrowed {
    #[crosswire(with = "narrow")]
    len: u32,
    tail: u8,
}

/// Probe 5: a `with` field is described by its module's `SCHEMA`, not by its Rust type.
#[test]
fn with_fields_are_described_by_their_module() {
    #[derive(Described)]
    #[allow(dead_code, reason = "only the fingerprint is used")]
    struct Same {
        len: u16,
        tail: u8,
    }
    assert_eq!(Narrowed::FINGERPRINT, Same::FINGERPRINT);
    check(Probe {
        name: "narrowed",
        header: Header::new("p").add::<Narrowed>(),
        cases: vec![case!(Narrowed)],
        // Rust cannot know that a `with` module writes a fixed size, and says it does not;
        // the schema says it does.
        asserts: vec![
            format!("P_NARROWED_MAX_SIZE == {}", Narrowed::MAX_SIZE),
            format!(
                "P_NARROWED_FINGERPRINT == 0x{:016x}ull",
                Narrowed::FINGERPRINT
            ),
            "P_NARROWED_FIXED_SIZE == 1".into(),
        ],
        inputs: vec![(0, vec![5, 0, 9]), (0, vec![5, 0, 0, 0, 9]), (0, vec![5])],
        before: "",
    });
}

#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[allow(dead_code, reason = "decoded by the tests")]
struct Keywords {
    r#type: u8,
    delete: u8,
    operator: u8,
    new: u16,
    class: u8,
    namespace: u8,
    r#virtual: u8,
    template: u8,
    this: u8,
    public: u8,
    mutable: u8,
    explicit: u8,
    friend: u8,
    typename: u8,
    noexcept: u8,
    nullptr: u8,
    asm: u8,
    r#typeof: u8,
    register: u8,
    r#try: u8,
    catch: u8,
    throw: u8,
    export: u8,
}

/// Probes 6 and 7: raw identifiers lose their `r#`, and C++ keywords (and GNU C's) get a
/// trailing `_`: the header compiles as C and as C++.
#[test]
fn keywords_of_c_and_cxx_are_renamed() {
    let header = Header::new("p")
        .add::<Keywords>()
        .render()
        .expect("renders");
    assert!(!header.contains("r#"), "no raw identifier");
    for member in [
        "type;",
        "delete_;",
        "operator_;",
        "new_;",
        "virtual_;",
        "try_;",
    ] {
        assert!(header.contains(&format!(" {member}\n")), "member {member}");
    }
    check(Probe {
        name: "keywords",
        header: Header::new("p").add::<Keywords>(),
        cases: vec![case!(Keywords)],
        asserts: own_macros::<Keywords>("keywords"),
        inputs: vec![(0, (1..=24).collect()), (0, vec![1, 2, 3])],
        before: "",
    });
    let dir = dir("keywords-cxx");
    std::fs::write(dir.join("p.h"), &header).expect("header written");
    let source = format!(
        "#include \"p.h\"\n{}int main() {{ struct p_keywords k; size_t pos; return p_keywords_decode(&k, \"\", 0, &pos) == P_OK; }}\n",
        static_asserts("static_assert", &own_macros::<Keywords>("keywords"))
    );
    let cxx = [
        "-x",
        "c++",
        "-std=c++17",
        "-Wall",
        "-Wextra",
        "-Werror",
        "-pedantic",
    ];
    let mut compilers = vec!["g++"];
    if harness::have("clang++") {
        compilers.push("clang++");
    }
    for compiler in compilers {
        if let Err(e) = build(compiler, &cxx, &dir, &source, "cxx") {
            panic!("{compiler}:\n{e}");
        }
    }
}

#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[allow(dead_code, reason = "decoded by the tests")]
struct Macros {
    errno: u8,
    stdin: u8,
    stdout: u8,
    stderr: u8,
    unix: u8,
    linux: u8,
    current: u8,
    static_assert: u8,
}

/// Probe 8: member names that common headers or GNU C define as object-like macros
/// (`errno` with `<errno.h>`, `unix` and `linux` in GNU modes, the kernel's `current`).
#[test]
fn members_named_like_common_macros() {
    check(Probe {
        name: "macros",
        header: Header::new("p").add::<Macros>(),
        cases: vec![case!(Macros)],
        asserts: own_macros::<Macros>("macros"),
        inputs: vec![(0, (1..=8).collect())],
        before: "#include <errno.h>\n#include <stdio.h>\n#include <assert.h>\n\
                 #define unix 1\n#define linux 1\n#define current get_current()\n",
    });
}

#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
struct OnlyPhantom {
    marker: PhantomData<u32>,
}

#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
struct PhantomFirst {
    marker: PhantomData<u32>,
    #[crosswire(since = 2)]
    later: Option<u8>,
}

/// Probe 9: extensible structs whose first version has no storage (C90 forbids a
/// declaration after a statement, and the kernel builds with that warning).
#[test]
fn extensible_structs_without_storage() {
    let mut asserts = own_macros::<OnlyPhantom>("only_phantom");
    asserts.extend(own_macros::<PhantomFirst>("phantom_first"));
    check(Probe {
        name: "phantom",
        header: Header::new("p").add::<OnlyPhantom>().add::<PhantomFirst>(),
        cases: vec![case!(OnlyPhantom), case!(PhantomFirst)],
        asserts,
        inputs: vec![
            (0, vec![0, 0, 0, 0]),
            (0, vec![1, 0, 0, 0, 0]),
            (0, vec![1, 0, 0, 0, 7]),
            (1, vec![0, 0, 0, 0]),
            (1, vec![2, 0, 0, 0, 1, 5]),
            (1, vec![1, 0, 0, 0, 2]),
        ],
        before: "",
    });
}

mod v1 {
    #[derive(
        Debug, crosswire::Encode, crosswire::Decode, crosswire::MaxSize, crosswire::Described,
    )]
    pub struct Stats {
        pub rx: u32,
    }
}

mod v2 {
    #[derive(
        Debug, crosswire::Encode, crosswire::Decode, crosswire::MaxSize, crosswire::Described,
    )]
    pub struct Stats {
        pub packets: u32,
    }
}

mod v3 {
    #[derive(
        Debug, crosswire::Encode, crosswire::Decode, crosswire::MaxSize, crosswire::Described,
    )]
    pub struct Stats {
        pub bytes: u32,
    }
}

/// Probe 10: three types of one name and one wire shape (so one fingerprint) get three
/// C names.
#[test]
fn types_of_one_name_and_shape_get_distinct_names() {
    let header = Header::new("p")
        .add::<v1::Stats>()
        .add::<v2::Stats>()
        .add::<v3::Stats>();
    let names: Vec<String> = header
        .c_names()
        .expect("names")
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    assert_eq!(names.len(), 3);
    assert!(names.iter().all(|n| n.starts_with("p_stats")), "{names:?}");
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 3, "{names:?}");
    check(Probe {
        name: "stats",
        header,
        cases: vec![case!(v1::Stats), case!(v2::Stats), case!(v3::Stats)],
        asserts: Vec::new(),
        inputs: vec![
            (0, vec![1, 2, 3, 4]),
            (1, vec![1, 2, 3]),
            (2, vec![1, 2, 3, 4, 5]),
        ],
        before: "",
    });
}

#[derive(Debug, Encode, Decode, MaxSize, Described)]
struct Endpoints {
    v4: std::net::Ipv4Addr,
    v6: std::net::Ipv6Addr,
    s4: std::net::SocketAddrV4,
    s6: std::net::SocketAddrV6,
}

/// `core::net`'s addresses (spec §3.5) have a C form: the octets as `in_addr` and
/// `in6_addr` keep them, the socket addresses as structs of their fields.
#[test]
fn network_addresses_have_a_c_form() {
    let header = Header::new("p")
        .add::<Endpoints>()
        .render()
        .expect("renders");
    assert!(header.contains("\tu8 v4[4];\n\tu8 v6[16];\n"));
    assert!(header.contains("struct p_socket_addr_v4 {"));
    assert!(header.contains("struct p_socket_addr_v6 {"));
    let s4 = std::net::SocketAddrV4::new([192, 0, 2, 1].into(), 80);
    let s6 = std::net::SocketAddrV6::new([1, 2, 3, 4, 5, 6, 7, 8].into(), 443, 7, 3);
    let value = Endpoints {
        v4: [10, 0, 0, 1].into(),
        v6: [0xfe80, 0, 0, 0, 0, 0, 0, 1].into(),
        s4,
        s6,
    };
    let bytes = crosswire::to_array::<_, { Endpoints::MAX_SIZE }>(&value).expect("encodes");
    check(Probe {
        name: "endpoints",
        header: Header::new("p").add::<Endpoints>(),
        cases: vec![case!(Endpoints)],
        asserts: own_macros::<Endpoints>("endpoints"),
        inputs: vec![(0, bytes.to_vec()), (0, bytes[..30].to_vec())],
        before: "",
    });
}

#[derive(Described)]
#[allow(dead_code, reason = "only the schema is used")]
struct Request {
    name: crosswire::BoundedString<32>,
    ids: crosswire::BoundedVec<u32, 4>,
    mtu: Option<u32>,
}

#[derive(Described)]
#[allow(dead_code, reason = "only the schema is used")]
struct Reply {
    ids: crosswire::BoundedVec<u32, 4>,
    name: crosswire::BoundedString<32>,
    mtu: Option<u32>,
}

/// Options, sequences and strings are named structs, defined once: a member of one type
/// can be assigned to another's and passed to a helper.
#[test]
fn options_sequences_and_strings_are_named_structs() {
    let header = Header::new("p")
        .add::<Request>()
        .add::<Reply>()
        .render()
        .expect("renders");
    assert_eq!(header.matches("struct p_str32 {").count(), 1);
    let dir = dir("aggregates");
    std::fs::write(dir.join("p.h"), &header).expect("header written");
    let source = "#include \"p.h\"\n\
        uint32_t first_id(const struct p_vec4_u32 *ids);\n\
        uint32_t first_id(const struct p_vec4_u32 *ids) { return ids->len ? ids->items[0] : 0; }\n\
        void answer(const struct p_request *req, struct p_reply *rep);\n\
        void answer(const struct p_request *req, struct p_reply *rep)\n\
        {\n\trep->name = req->name;\n\trep->ids = req->ids;\n\trep->mtu = req->mtu;\n\
        \t(void)first_id(&rep->ids);\n}\n";
    for compiler in compilers() {
        let mut flags = harness::STRICT.to_vec();
        flags.push("-c");
        if let Err(e) = build(&compiler, &flags, &dir, source, "aggregates.o") {
            panic!("{compiler}:\n{e}");
        }
    }
}

const BASE: u16 = 0x40;

/// Tags written in hex, computed from a constant, and implicit after each.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[crosswire(tag = "u16")]
#[repr(u16)]
#[allow(dead_code, reason = "decoded by the tests")]
enum Opcode {
    Nop = 0x10,
    Read,
    Write = BASE + 2,
    Sync = 7,
}

/// Members named like the kernel's integer types, which the header defines as macros in
/// userspace.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[allow(dead_code, reason = "decoded by the tests")]
struct KernelNames {
    u8: u8,
    s64: i64,
    op: Opcode,
}

/// The header uses the kernel's `u8` ... `s64`: in userspace as macros that end with the
/// header, restoring an includer's own `u8` and leaving its typedefs alone; tags keep the
/// Rust source's radix, and computed tags their values.
#[test]
fn kernel_type_names_and_tag_literals() {
    let header = Header::new("p")
        .add::<KernelNames>()
        .render()
        .expect("renders");
    assert!(header.contains("\tu8 u8_;\n\ts64 s64_;\n"), "{header}");
    assert!(!header.contains("uint8_t u8_"));
    assert!(header.contains(
        "#define P_OPCODE_NOP 0x10u\n#define P_OPCODE_READ 0x11u\n\
         #define P_OPCODE_WRITE 66u\n#define P_OPCODE_SYNC 7u\n"
    ));
    let bytes = crosswire::to_array::<_, { KernelNames::MAX_SIZE }>(&KernelNames {
        u8: 7,
        s64: -2,
        op: Opcode::Write,
    })
    .expect("encodes");
    let mut asserts = own_macros::<KernelNames>("kernel_names");
    asserts.push("sizeof(u8) == 1 && sizeof(u64) == 8".into());
    check(Probe {
        name: "kernel_names",
        header: Header::new("p").add::<KernelNames>(),
        cases: vec![case!(KernelNames)],
        asserts,
        inputs: vec![
            (0, bytes.to_vec()),
            (0, [&bytes[..9], &[0x42, 0x00]].concat()),
            (0, [&bytes[..9], &[0x43, 0x00]].concat()),
        ],
        // An includer with its own `u8` macro and `u64` typedef.
        before: "#define u8 unsigned char\ntypedef unsigned long long u64;\n",
    });
    // After the header: the includer's `u8` is back, the header's other names are gone.
    let dir = dir("kernel_names_after");
    std::fs::write(dir.join("p.h"), &header).expect("header written");
    let source = "#include \"p.h\"\n\
                  #if defined(u8) || defined(u16) || defined(u32) || defined(u64) || \\\n\
                  \tdefined(s8) || defined(s16) || defined(s32) || defined(s64)\n\
                  #error the type macros of the header outlive it\n#endif\n\
                  typedef int s32;\nint main(void)\n{\n\ts32 v = 0;\n\treturn v;\n}\n";
    for compiler in compilers() {
        let built = build(&compiler, harness::STRICT, &dir, source, "after");
        assert!(built.is_ok(), "{compiler}: {built:?}");
    }
}

#[derive(Described)]
#[allow(dead_code, reason = "only the schema is used")]
struct Buf<const N: usize> {
    bytes: [u8; N],
}

#[derive(Described)]
#[allow(dead_code, reason = "only the schema is used")]
struct Bufs {
    two: Buf<2>,
    three: Buf<3>,
}

/// Each type's macros are headed by its Rust name, so generic instances show their
/// arguments.
#[test]
fn generic_instances_are_commented_with_their_arguments() {
    let header = Header::new("p").add::<Bufs>().render().expect("renders");
    for (rust, c) in [
        ("Buf<2>", "P_BUF_MAX"),
        ("Buf<3>", "P_BUF_"),
        ("Bufs", "P_BUFS_"),
    ] {
        let comment = format!("/* {rust} */\n#define {c}");
        assert!(header.contains(&comment), "{comment} in\n{header}");
    }
}
