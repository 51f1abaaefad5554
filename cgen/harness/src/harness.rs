//! The differential harness: the Rust codec and the generated C codec (compiled into a
//! driver program fed lines on stdin) run on the same inputs, each printing one line per
//! input in the same format, which must be equal.
//!
//! A line in: `<case> <encode buffer size> <input hex>`. A line out:
//! `D <take_from_bytes> F <from_bytes> E <re-encoding into the buffer>`, each part `ok N`
//! (bytes consumed) / `ok HEX` (bytes written) or `err KIND OFFSET`.

use std::{
    fmt::Write as _,
    io::Write as _,
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use crosswire::{schema::Schema, Encode, Error, ErrorKind};

/// One exported type: its schema, `MAX_SIZE`, `FIXED_SIZE`, and the Rust side of the
/// differential.
pub struct Case {
    /// The Rust type, as written.
    pub name: &'static str,
    /// Its `Described::SCHEMA`.
    pub schema: &'static Schema,
    /// `MaxSize::MAX_SIZE`.
    pub max_size: usize,
    /// `MaxSize::FIXED_SIZE`.
    pub fixed_size: bool,
    /// The Rust side's line for an input and an encode buffer size.
    pub rust: fn(&[u8], usize) -> String,
}

/// `Case` for a type; `$ty` may borrow (`Views<'_>`).
#[macro_export]
macro_rules! case {
    ($ty:ty) => {{
        fn rust(input: &[u8], cap: usize) -> String {
            let take = crosswire::take_from_bytes::<$ty>(input);
            let from = crosswire::from_bytes::<$ty>(input).map(drop);
            $crate::harness::line(
                take.map(|(v, rest)| (v, input.len() - rest.len())),
                from,
                cap,
            )
        }
        $crate::harness::Case {
            name: stringify!($ty),
            schema: <$ty as crosswire::Described>::SCHEMA,
            max_size: <$ty as crosswire::MaxSize>::MAX_SIZE,
            fixed_size: <$ty as crosswire::MaxSize>::FIXED_SIZE,
            rust,
        }
    }};
}

/// The C code of an error kind (the header's `P_ERR_*`).
pub fn kind_code(kind: ErrorKind) -> u32 {
    match kind {
        ErrorKind::BufferFull => 1,
        ErrorKind::UnexpectedEnd => 2,
        ErrorKind::TrailingBytes => 3,
        ErrorKind::InvalidBool => 4,
        ErrorKind::InvalidChar => 5,
        ErrorKind::InvalidTag => 6,
        ErrorKind::LengthOverCapacity => 7,
        ErrorKind::InvalidUtf8 => 8,
        ErrorKind::IntegerOutOfRange => 9,
        ErrorKind::ZeroNonZero => 10,
        ErrorKind::InvalidDuration => 11,
        ErrorKind::NonZeroTail => 12,
        ErrorKind::InvalidValue => 13,
        _ => 99,
    }
}

fn err(e: Error) -> String {
    format!("err {} {}", kind_code(e.kind()), e.offset())
}

/// The Rust side's line.
pub fn line<T: Encode>(
    take: Result<(T, usize), Error>,
    from: Result<(), Error>,
    cap: usize,
) -> String {
    let from = match from {
        Ok(()) => "ok".to_string(),
        Err(e) => err(e),
    };
    match take {
        Err(e) => format!("D {} F {from} E -", err(e)),
        Ok((value, consumed)) => {
            let mut buf = vec![0u8; cap];
            let enc = match crosswire::to_slice(&value, &mut buf) {
                Ok(bytes) => format!("ok {}", hex(bytes)),
                Err(e) => err(e),
            };
            format!("D ok {consumed} F {from} E {enc}")
        }
    }
}

/// `bytes` in the lines' hex form: `x` and two lower-case digits a byte.
pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2 + 1);
    s.push('x');
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// C source of `int cdiff_line(which, in, n, cap, line, room)`: the C side's line for
/// one input (without the newline) into `line[0..room)`; 0, or -1 for an unknown case or
/// a line that does not fit. One `case` per type, calling the header's functions.
pub fn line_function(prefix: &str, c_names: &[String]) -> String {
    let up = prefix.to_uppercase();
    let mut cases = String::new();
    for (i, name) in c_names.iter().enumerate() {
        let _ = write!(
            cases,
            "\tcase {i}: {{\n\
             \t\tstatic struct {name} v, f;\n\
             \t\tk = {name}_decode(&v, in, n, &pos);\n\
             \t\tkf = {name}_from_bytes(&f, in, n, &fpos);\n\
             \t\tif (k == {up}_OK)\n\
             \t\t\tke = {name}_encode(&v, out, cap, &epos);\n\
             \t\tbreak;\n\
             \t}}\n"
        );
    }
    format!(
        r#"#include "{prefix}.h"
#include <stdio.h>

int cdiff_line(unsigned which, const uint8_t *in, size_t n, size_t cap, char *line, size_t room);

static uint8_t out[1 << 16];

int cdiff_line(unsigned which, const uint8_t *in, size_t n, size_t cap, char *line, size_t room)
{{
	size_t pos = 0, fpos = 0, epos = 0, used, i;
	int k = -1, kf = -1, ke = -1, w;

	if (cap > sizeof(out) || room < 2 * cap + 128)
		return -1;
	switch (which) {{
{cases}	default:
		return -1;
	}}
	if (k != {up}_OK)
		w = snprintf(line, room, "D err %d %zu", k, pos);
	else
		w = snprintf(line, room, "D ok %zu", pos);
	used = (size_t)w;
	if (kf != {up}_OK)
		w = snprintf(line + used, room - used, " F err %d %zu", kf, fpos);
	else
		w = snprintf(line + used, room - used, " F ok");
	used += (size_t)w;
	if (k != {up}_OK) {{
		snprintf(line + used, room - used, " E -");
	}} else if (ke != {up}_OK) {{
		snprintf(line + used, room - used, " E err %d %zu", ke, epos);
	}} else {{
		used += (size_t)snprintf(line + used, room - used, " E ok x");
		for (i = 0; i < epos; i++)
			used += (size_t)snprintf(line + used, room - used, "%02x", out[i]);
	}}
	return 0;
}}
"#
    )
}

/// The C driver's source: [`line_function`] over lines read from stdin.
pub fn driver(prefix: &str, c_names: &[String]) -> String {
    format!(
        r#"{}
static char line[1 << 18];
static char answer[1 << 18];
static uint8_t in[1 << 16];

static int nibble(int c)
{{
	if (c >= '0' && c <= '9')
		return c - '0';
	return c - 'a' + 10;
}}

int main(void)
{{
	while (fgets(line, sizeof(line), stdin) != NULL) {{
		unsigned which;
		size_t cap, n = 0;
		int used = 0;
		const char *h;

		if (sscanf(line, "%u %zu x%n", &which, &cap, &used) < 2 || used == 0)
			return 2;
		for (h = line + used; h[0] != '\n' && h[0] != '\0' && h[1] != '\0'; h += 2)
			in[n++] = (uint8_t)(nibble(h[0]) << 4 | nibble(h[1]));
		if (cdiff_line(which, in, n, cap, answer, sizeof(answer)) != 0)
			return 3;
		puts(answer);
	}}
	return 0;
}}
"#,
        line_function(prefix, c_names)
    )
}

/// The strict flags every build of a header uses.
pub const STRICT: &[&str] = &[
    "-std=c11",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-pedantic",
    // The kernel builds with these: the header must pass them too.
    "-Wdeclaration-after-statement",
    "-Wvla",
    // And with W=2 these: no local hides another.
    "-Wshadow",
];

/// Compiles `source` (in `dir`, next to the header) with `compiler` (a program and its
/// arguments, split at spaces: `gcc -m32`) and `flags`; the executable's path, or the
/// compiler's complaint.
pub fn compile(
    compiler: &str,
    dir: &Path,
    source: &str,
    exe: &str,
    flags: &[&str],
) -> Result<PathBuf, String> {
    let src = dir.join(format!("{exe}.c"));
    std::fs::write(&src, source).map_err(|e| e.to_string())?;
    let out = dir.join(exe);
    let mut words = compiler.split_whitespace();
    let program = words.next().ok_or("no compiler")?;
    let result = Command::new(program)
        .args(words)
        .args(STRICT)
        .args(flags)
        .arg("-I")
        .arg(dir)
        .arg("-o")
        .arg(&out)
        .arg(&src)
        .output()
        .map_err(|e| format!("{compiler}: {e}"))?;
    if result.status.success() {
        Ok(out)
    } else {
        Err(String::from_utf8_lossy(&result.stderr).into_owned())
    }
}

/// Whether `compiler` runs at all.
pub fn have(compiler: &str) -> bool {
    Command::new(compiler)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs the driver on `lines`; its output lines. A driver built by a cross compiler runs
/// under `$CROSSWIRE_C_RUNNER` (qemu-user and its arguments, split at spaces).
pub fn run_driver(exe: &Path, lines: &str) -> Vec<String> {
    let runner = std::env::var("CROSSWIRE_C_RUNNER").unwrap_or_default();
    let mut runner = runner.split_whitespace();
    let mut command = match runner.next() {
        Some(program) => {
            let mut command = Command::new(program);
            command.args(runner).arg(exe);
            command
        }
        None => Command::new(exe),
    };
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the driver starts");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = lines.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("the driver runs");
    writer
        .join()
        .expect("writer thread")
        .expect("input written");
    assert!(
        output.status.success(),
        "driver failed: {:?}",
        output.status
    );
    String::from_utf8(output.stdout)
        .expect("ASCII output")
        .lines()
        .map(str::to_string)
        .collect()
}
