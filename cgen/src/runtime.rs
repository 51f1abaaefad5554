//! The part of every header that does not depend on the types: includes, error codes, the
//! errno mapping, and the reader and writer cursors the generated functions share.
//!
//! Written once here with `@p@` / `@P@` for the lower / upper case prefix, so that two
//! headers with different prefixes can be included in one translation unit.

/// The runtime, before the prefix is substituted.
const RUNTIME: &str = r#"#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>
#else
#include <stddef.h>
#include <stdint.h>
#include <string.h>
@KERNEL_INTS@#endif

/* Error kinds, as crosswire::ErrorKind (docs/wire-format.md section 14). Every function
 * returns @P@_OK (0) or one of these. */
#define @P@_OK 0
#define @P@_ERR_BUFFER_FULL 1
#define @P@_ERR_UNEXPECTED_END 2
#define @P@_ERR_TRAILING_BYTES 3
#define @P@_ERR_INVALID_BOOL 4
#define @P@_ERR_INVALID_CHAR 5
#define @P@_ERR_INVALID_TAG 6
#define @P@_ERR_LENGTH_OVER_CAPACITY 7
#define @P@_ERR_INVALID_UTF8 8
#define @P@_ERR_INTEGER_OUT_OF_RANGE 9
#define @P@_ERR_ZERO_NON_ZERO 10
#define @P@_ERR_INVALID_DURATION 11
#define @P@_ERR_NON_ZERO_TAIL 12
#define @P@_ERR_INVALID_VALUE 13

/* The errno numbers of crosswire-kernel's mapping: the system's when <errno.h> or
 * <linux/errno.h> was included, else the numbers of asm-generic (and of mips, sparc). */
#ifdef EINVAL
#define @P@_EINVAL_ EINVAL
#else
#define @P@_EINVAL_ 22
#endif
#ifdef E2BIG
#define @P@_E2BIG_ E2BIG
#else
#define @P@_E2BIG_ 7
#endif
#if defined(EMSGSIZE)
#define @P@_EMSGSIZE_ EMSGSIZE
#elif defined(__mips__)
#define @P@_EMSGSIZE_ 97
#elif defined(__sparc__)
#define @P@_EMSGSIZE_ 40
#else
#define @P@_EMSGSIZE_ 90
#endif

/* The positive errno for an error kind, as crosswire-kernel's Errno::from: BUFFER_FULL is
 * EMSGSIZE, NON_ZERO_TAIL is E2BIG, every other error EINVAL; 0 for @P@_OK. A kernel
 * function returns its negation. */
static inline int @p@_errno(int kind)
{
	switch (kind) {
	case @P@_OK:
		return 0;
	case @P@_ERR_BUFFER_FULL:
		return @P@_EMSGSIZE_;
	case @P@_ERR_NON_ZERO_TAIL:
		return @P@_E2BIG_;
	default:
		return @P@_EINVAL_;
	}
}

/* A short description of an error kind, as crosswire::ErrorKind::as_str. */
static inline const char *@p@_error_str(int kind)
{
	switch (kind) {
	case @P@_OK: return "ok";
	case @P@_ERR_BUFFER_FULL: return "output buffer full";
	case @P@_ERR_UNEXPECTED_END: return "unexpected end of input";
	case @P@_ERR_TRAILING_BYTES: return "trailing bytes after the value";
	case @P@_ERR_INVALID_BOOL: return "invalid bool (not 0 or 1)";
	case @P@_ERR_INVALID_CHAR: return "invalid char (not a Unicode scalar value)";
	case @P@_ERR_INVALID_TAG: return "invalid tag";
	case @P@_ERR_LENGTH_OVER_CAPACITY: return "length over capacity";
	case @P@_ERR_INVALID_UTF8: return "invalid UTF-8";
	case @P@_ERR_INTEGER_OUT_OF_RANGE: return "integer out of range for the target type";
	case @P@_ERR_ZERO_NON_ZERO: return "zero in a NonZero integer";
	case @P@_ERR_INVALID_DURATION: return "invalid Duration (nanoseconds >= 1e9)";
	case @P@_ERR_NON_ZERO_TAIL: return "non-zero unknown tail in an extensible struct";
	case @P@_ERR_INVALID_VALUE: return "value breaks its type's invariant";
	default: return "unknown error";
	}
}

/* Internal: the decoding cursor. Positions count bytes from the start of the input; the
 * bytes at [pos, real) are real, those at [real, end) are the virtual zeros of a short
 * extensible body (section 13). real <= the input's length, so data[p] is read only for
 * p < real. Every error stores its offset in *err. */
struct @p@_rd_ {
	const u8 *data;
	size_t pos;
	size_t real;
	size_t end;
	size_t *err;
};

/* Internal: the offset an error in the value starting here reports (in virtual zeros,
 * the offset they would have were they real: section 13). */
static inline size_t @p@_rd_at_(const struct @p@_rd_ *r)
{
	return r->pos;
}

/* Internal: copies the next n bytes (real, then virtual zeros) to dst. */
static inline int @p@_rd_take_(struct @p@_rd_ *r, u8 *dst, size_t n)
{
	size_t have;

	if (r->end - r->pos < n) {
		*r->err = r->real;
		return @P@_ERR_UNEXPECTED_END;
	}
	have = r->pos < r->real ? r->real - r->pos : 0;
	if (have > n)
		have = n;
	if (have != 0)
		memcpy(dst, r->data + r->pos, have);
	if (n > have)
		memset(dst + have, 0, n - have);
	r->pos += n;
	return @P@_OK;
}

/* Internal: an unsigned integer of n <= 8 bytes, little-endian. */
static inline int @p@_rd_uint_(struct @p@_rd_ *r, unsigned int n, u64 *out)
{
	u8 b[8];
	u64 v = 0;
	unsigned int i;
	int k = @p@_rd_take_(r, b, n);

	if (k != @P@_OK)
		return k;
	for (i = n; i-- > 0;)
		v = (v << 8) | b[i];
	*out = v;
	return @P@_OK;
}

/* Internal: an unsigned integer of n <= 8 bytes, big-endian. */
static inline int @p@_rd_uint_be_(struct @p@_rd_ *r, unsigned int n, u64 *out)
{
	u8 b[8];
	u64 v = 0;
	unsigned int i;
	int k = @p@_rd_take_(r, b, n);

	if (k != @P@_OK)
		return k;
	for (i = 0; i < n; i++)
		v = (v << 8) | b[i];
	*out = v;
	return @P@_OK;
}

/* Internal: the two's complement value of the low n bytes of v, without overflow. */
static inline s64 @p@_sext_(u64 v, unsigned int n)
{
	u64 sign = (u64)1 << (8 * n - 1);
	u64 mask = sign | (sign - 1);

	if ((v & sign) == 0)
		return (s64)(v & mask);
	return -(s64)(~v & (sign - 1)) - 1;
}

/* Internal: the length of the longest valid UTF-8 prefix of s (the index of the first
 * byte of the first invalid or cut sequence), as Rust's Utf8Error::valid_up_to. */
static inline size_t @p@_utf8_valid_up_to_(const u8 *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		u8 c = s[i];
		u8 lo = 0x80, hi = 0xBF;
		size_t w, j;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			w = 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			w = 3;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			w = 4;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else {
			return i;
		}
		if (n - i < w || s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (j = 2; j < w; j++)
			if (s[i + j] < 0x80 || s[i + j] > 0xBF)
				return i;
		i += w;
	}
	return n;
}

/* Internal: the encoding cursor. An error stores its offset in err. */
struct @p@_wr_ {
	u8 *buf;
	size_t cap;
	size_t pos;
	size_t err;
};

/* Internal: appends n bytes, or BUFFER_FULL at the buffer's end. */
static inline int @p@_wr_put_(struct @p@_wr_ *w, const u8 *src, size_t n)
{
	if (w->cap - w->pos < n) {
		w->err = w->cap;
		return @P@_ERR_BUFFER_FULL;
	}
	if (n != 0)
		memcpy(w->buf + w->pos, src, n);
	w->pos += n;
	return @P@_OK;
}

/* Internal: the low n <= 8 bytes of v, little-endian. */
static inline int @p@_wr_uint_(struct @p@_wr_ *w, u64 v, unsigned int n)
{
	u8 b[8];
	unsigned int i;

	for (i = 0; i < n; i++)
		b[i] = (u8)(v >> (8 * i));
	return @p@_wr_put_(w, b, n);
}

/* Internal: the low n <= 8 bytes of v, big-endian. */
static inline int @p@_wr_uint_be_(struct @p@_wr_ *w, u64 v, unsigned int n)
{
	u8 b[8];
	unsigned int i;

	for (i = 0; i < n; i++)
		b[n - 1 - i] = (u8)(v >> (8 * i));
	return @p@_wr_put_(w, b, n);
}

/* Internal: an invalid value at the writer's position. */
static inline int @p@_wr_invalid_(struct @p@_wr_ *w, size_t at)
{
	w->err = at;
	return @P@_ERR_INVALID_VALUE;
}

/* Internal: an error of kind k at offset at. */
static inline int @p@_rd_fail_(struct @p@_rd_ *r, int k, size_t at)
{
	*r->err = at;
	return k;
}

#define @P@_TRY_(e) \
	do { \
		int @p@_k_ = (e); \
		if (@p@_k_ != @P@_OK) \
			return @p@_k_; \
	} while (0)
"#;

/// The readers the generated decoders call for the commonest values, so that each such
/// field is one statement: flags (§4, §8, §12.2), bounded lengths (§10.2, §11), and
/// little-endian integers into their C types (§3.1).
const READERS: &str = r#"
/* Internal: a bool, or an option's or result's flag: 0 or 1, else the error kind k at
 * its offset (sections 4, 8, 12.2). */
static inline int @p@_rd_flag_(struct @p@_rd_ *r, u8 *out, int k)
{
	size_t at = @p@_rd_at_(r);
	u64 t;

	@P@_TRY_(@p@_rd_uint_(r, 1, &t));
	if (t > 1)
		return @p@_rd_fail_(r, k, at);
	*out = (u8)t;
	return @P@_OK;
}

/* Internal: a view of the next n bytes, which must be real (section 13): *data points
 * into the input. */
static inline int @p@_rd_view_(struct @p@_rd_ *r, size_t n, const u8 **data)
{
	if (r->end - r->pos < n || (n != 0 && (r->pos >= r->real || r->real - r->pos < n)))
		return @p@_rd_fail_(r, @P@_ERR_UNEXPECTED_END, r->real);
	*data = r->data + r->pos;
	r->pos += n;
	return @P@_OK;
}

/* Internal: s[0..n), read from offset start, must be UTF-8, else INVALID_UTF8 at the
 * first byte of the first invalid sequence (section 11). */
static inline int @p@_rd_utf8_(struct @p@_rd_ *r, const u8 *s, size_t n, size_t start)
{
	size_t ok = @p@_utf8_valid_up_to_(s, n);

	if (ok != n)
		return @p@_rd_fail_(r, @P@_ERR_INVALID_UTF8, start + ok);
	return @P@_OK;
}

/* Internal: writes s[0..n) if it is UTF-8, else INVALID_VALUE at offset at. */
static inline int @p@_wr_utf8_(struct @p@_wr_ *w, const u8 *s, size_t n, size_t at)
{
	if (@p@_utf8_valid_up_to_(s, n) != n)
		return @p@_wr_invalid_(w, at);
	return @p@_wr_put_(w, s, n);
}

/* Internal: a usize (section 3.2): 8 bytes on the wire, and at most what this target's
 * size_t holds, as Rust's usize here; else INTEGER_OUT_OF_RANGE at its offset. */
static inline int @p@_rd_usize_(struct @p@_rd_ *r, u64 *out)
{
	size_t at = @p@_rd_at_(r);
	u64 t;

	@P@_TRY_(@p@_rd_uint_(r, 8, &t));
	if ((u64)(size_t)t != t)
		return @p@_rd_fail_(r, @P@_ERR_INTEGER_OUT_OF_RANGE, at);
	*out = t;
	return @P@_OK;
}

/* Internal: an isize (section 3.2), within this target's ptrdiff_t as Rust's isize. */
static inline int @p@_rd_isize_(struct @p@_rd_ *r, s64 *out)
{
	size_t at = @p@_rd_at_(r);
	u64 t;
	s64 v;

	@P@_TRY_(@p@_rd_uint_(r, 8, &t));
	v = @p@_sext_(t, 8);
	if ((s64)(ptrdiff_t)v != v)
		return @p@_rd_fail_(r, @P@_ERR_INTEGER_OUT_OF_RANGE, at);
	*out = v;
	return @P@_OK;
}

/* Internal: writes a usize or isize (section 3.2), refusing one this target's Rust could not
 * hold (INVALID_VALUE: no Rust value is it). */
static inline int @p@_wr_pointer_sized_(struct @p@_wr_ *w, u64 v, int is_signed)
{
	s64 s = (s64)v;

	if (is_signed ? (s64)(ptrdiff_t)s != s : (u64)(size_t)v != v)
		return @p@_wr_invalid_(w, w->pos);
	return @p@_wr_uint_(w, v, 8);
}

/* Internal: a length (a u32) of at most cap, else LENGTH_OVER_CAPACITY at its offset
 * (sections 10.2, 11). */
static inline int @p@_rd_len_(struct @p@_rd_ *r, u32 cap, u32 *out)
{
	size_t at = @p@_rd_at_(r);
	u64 t;

	@P@_TRY_(@p@_rd_uint_(r, 4, &t));
	if (t > cap)
		return @p@_rd_fail_(r, @P@_ERR_LENGTH_OVER_CAPACITY, at);
	*out = (u32)t;
	return @P@_OK;
}
"#;

/// `P_rd_u8_` ... `P_rd_s64_`: a little-endian integer of each width into its C type.
fn int_readers() -> String {
    let mut out = String::from(
        "\n/* Internal: little-endian integers into their C types (section 3.1). */\n",
    );
    for width in [1u32, 2, 4, 8] {
        let bits = 8 * width;
        for signed in [false, true] {
            let (name, value) = if signed {
                (
                    format!("s{bits}"),
                    format!("(int{bits}_t)@p@_sext_(t, {width})"),
                )
            } else {
                (format!("u{bits}"), format!("(uint{bits}_t)t"))
            };
            let ty = if signed { "int" } else { "uint" };
            out.push_str(&format!(
                "static inline int @p@_rd_{name}_(struct @p@_rd_ *r, {ty}{bits}_t *out)\n{{\n\
                 \tu64 t;\n\n\t@P@_TRY_(@p@_rd_uint_(r, {width}, &t));\n\
                 \t*out = {value};\n\treturn @P@_OK;\n}}\n\n"
            ));
        }
    }
    out
}

/// The runtime for the prefix `lower` (its upper case `upper`).
pub fn runtime(lower: &str, upper: &str) -> String {
    format!("{RUNTIME}{READERS}{}", int_readers())
        .replace("@KERNEL_INTS@", &kernel_int_macros())
        .replace("@p@", lower)
        .replace("@P@", upper)
}

/// The kernel's integer types and the `<stdint.h>` types the header defines them as in
/// userspace: its members, locals and casts use the kernel's names on both sides.
pub const KERNEL_INTS: [(&str, &str); 8] = [
    ("u8", "uint8_t"),
    ("u16", "uint16_t"),
    ("u32", "uint32_t"),
    ("u64", "uint64_t"),
    ("s8", "int8_t"),
    ("s16", "int16_t"),
    ("s32", "int32_t"),
    ("s64", "int64_t"),
];

/// The userspace branch's [`KERNEL_INTS`] macros, each saved first (`push_macro`) so that
/// [`epilogue`] can give back an includer's own.
fn kernel_int_macros() -> String {
    let mut out = String::from(
        "/* The kernel's integer types, as macros for this header alone: the end of the header\n \
         * removes them and restores any macro of the same name the includer had. */\n",
    );
    for (name, _) in KERNEL_INTS {
        out.push_str(&format!("#pragma push_macro(\"{name}\")\n"));
    }
    for (name, c_type) in KERNEL_INTS {
        out.push_str(&format!("#undef {name}\n#define {name} {c_type}\n"));
    }
    out
}

/// What ends every header: the userspace [`KERNEL_INTS`] macros of [`runtime`] are removed
/// and the includer's restored.
pub fn epilogue() -> String {
    let mut out = String::from("#ifndef __KERNEL__\n");
    for (name, _) in KERNEL_INTS {
        out.push_str(&format!("#undef {name}\n"));
    }
    for (name, _) in KERNEL_INTS {
        out.push_str(&format!("#pragma pop_macro(\"{name}\")\n"));
    }
    out.push_str("#endif\n");
    out
}

/// The macro and function names the runtime defines, so that no type, variant or constant
/// of the header defines one again.
pub fn defined_names(lower: &str, upper: &str) -> std::collections::BTreeSet<String> {
    let text = runtime(lower, upper);
    let mut names = std::collections::BTreeSet::new();
    for line in text.lines() {
        let name = if let Some(rest) = line.strip_prefix("#define ") {
            rest.split(|c: char| c.is_whitespace() || c == '(').next()
        } else if line.starts_with("static inline ") {
            line.split('(')
                .next()
                .and_then(|head| head.rsplit([' ', '*']).next())
        } else {
            None
        };
        if let Some(name) = name.filter(|n| !n.is_empty()) {
            names.insert(name.to_string());
        }
    }
    names
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_runtimes_names_are_found() {
        let names = super::defined_names("p", "P");
        for name in [
            "P_OK",
            "P_ERR_BUFFER_FULL",
            "P_EINVAL_",
            "p_errno",
            "p_error_str",
        ] {
            assert!(names.contains(name), "{name} in {names:?}");
        }
        assert!(!names.iter().any(|n| n.contains(' ') || n.contains('(')));
    }
}
