//! `#[derive(Described)]`: the schema of derived types, and the fingerprint over it.

#![allow(dead_code, reason = "the types exist for their schemas only")]

use core::marker::PhantomData;

use crosswire::{
    schema::{fingerprint, ConstArg, Field, Int, Schema, Variant},
    BoundedStr, BoundedString, BoundedVec, Described,
};

#[derive(Described)]
struct Plain {
    a: u32,
    b: Option<u16>,
}

#[derive(Described)]
struct Renamed {
    first: u32,
    second: Option<u16>,
}

#[derive(Described)]
struct Wider {
    a: u64,
    b: Option<u16>,
}

#[derive(Described)]
struct Swapped {
    b: Option<u16>,
    a: u32,
}

#[derive(Described)]
struct Capacity3(BoundedVec<u8, 3>);

#[derive(Described)]
struct Capacity4(BoundedVec<u8, 4>);

#[derive(Described)]
#[crosswire(extensible)]
struct Ext {
    a: u32,
    b: u16,
}

#[derive(Described)]
#[crosswire(extensible)]
struct NotExt {
    a: u32,
    b: u16,
}

#[derive(Described)]
#[crosswire(tag = "u16")]
#[repr(u16)]
enum Cmd {
    Get { key: u32 } = 0x100,
    Del(u32) = 0x101,
    Ping = 0x200,
}

#[derive(Described)]
#[crosswire(tag = "u16")]
#[repr(u16)]
enum CmdOtherTag {
    Get { key: u32 } = 0x100,
    Del(u32) = 0x102,
    Ping = 0x200,
}

const BASE: u8 = 10;

/// Tags from constant expressions, and an implicit one after each.
#[derive(Described)]
#[repr(u8)]
enum Computed {
    A = BASE,
    B,
    C = BASE + 5,
    D,
}

/// Decimal, hexadecimal, and implicit tags after each.
#[derive(Described)]
#[repr(u8)]
enum Radix {
    A = 3,
    B,
    C = 0x10,
    D,
    E = 1 + 0x20,
}

#[derive(Described)]
struct Consts<const N: usize, const S: i8, const B: bool, const C: char> {
    bytes: [u8; N],
}

#[derive(Described)]
struct Generic<T, U> {
    t: T,
    _u: PhantomData<U>,
}

#[derive(Described)]
struct View<'a> {
    s: BoundedStr<'a, 8>,
}

const U32: &Schema = &Schema::Int {
    int: Int::new(4, false),
};

#[test]
fn a_struct_lists_its_fields_in_order() {
    const EXPECTED: Schema = Schema::Struct {
        name: "Plain",
        type_args: &[],
        const_args: &[],
        fields: &[
            Field {
                name: "a",
                schema: U32,
            },
            Field {
                name: "b",
                schema: &Schema::Option {
                    some: &Schema::Int {
                        int: Int::new(2, false),
                    },
                },
            },
        ],
        extensible: false,
        first_version_fields: 2,
    };
    assert_eq!(*Plain::SCHEMA, EXPECTED);
}

/// `Ext` with `b` added in version 2.
#[derive(Described)]
#[crosswire(extensible)]
struct ExtLater {
    a: u32,
    #[crosswire(since = 2)]
    b: u16,
}

#[test]
fn the_schema_and_fingerprint_see_the_first_version() {
    let first = |schema: &Schema| match *schema {
        Schema::Struct {
            first_version_fields,
            ..
        } => first_version_fields,
        _ => panic!("not a struct"),
    };
    assert_eq!(first(Ext::SCHEMA), 2);
    assert_eq!(first(ExtLater::SCHEMA), 1);
    assert_ne!(Ext::FINGERPRINT, ExtLater::FINGERPRINT);
}

#[test]
fn an_enum_carries_its_tag_width_and_discriminants() {
    let Schema::Enum {
        name,
        tag_width,
        variants,
        ..
    } = Cmd::SCHEMA
    else {
        panic!("not an enum: {:?}", Cmd::SCHEMA);
    };
    assert_eq!((*name, *tag_width), ("Cmd", 2));
    assert_eq!(
        variants[1],
        Variant {
            name: "Del",
            tag: 0x101,
            hex: true,
            fields: &[Field {
                name: "0",
                schema: U32
            }],
        }
    );
    assert_eq!((variants[2].tag, variants[2].fields.len()), (0x200, 0));
}

#[test]
fn computed_tags_are_described_with_their_values() {
    // Regression: tags from constant expressions were described as 0, so the fingerprint
    // and the C header's tags disagreed with the bytes.
    let Schema::Enum { variants, .. } = Computed::SCHEMA else {
        panic!("not an enum");
    };
    let tags: Vec<u32> = variants.iter().map(|v| v.tag).collect();
    assert_eq!(tags, [10, 11, 15, 16]);
}

#[test]
fn hexadecimal_tags_are_marked_and_implicit_ones_follow() {
    let Schema::Enum { variants, .. } = Radix::SCHEMA else {
        panic!("not an enum");
    };
    let tags: Vec<(u32, bool)> = variants.iter().map(|v| (v.tag, v.hex)).collect();
    assert_eq!(
        tags,
        [
            (3, false),
            (4, false),
            (0x10, true),
            (0x11, true),
            (0x21, false)
        ]
    );
}

#[test]
fn const_arguments_are_described_by_kind() {
    let Schema::Struct { const_args, .. } = <Consts<3, -1, true, 'x'>>::SCHEMA else {
        panic!("not a struct");
    };
    assert_eq!(
        *const_args,
        [
            ConstArg::Unsigned(3),
            ConstArg::Signed(-1),
            ConstArg::Bool(true),
            ConstArg::Char('x')
        ]
    );
    let printed: Vec<String> = const_args.iter().map(ToString::to_string).collect();
    assert_eq!(printed, ["3", "-1", "true", "'x'"]);
}

#[test]
fn generics_name_the_encoded_type_arguments_only() {
    let Schema::Struct {
        type_args, fields, ..
    } = <Generic<u32, String>>::SCHEMA
    else {
        panic!("not a struct");
    };
    assert_eq!(*type_args, &[U32]);
    assert_eq!(*fields[1].schema, Schema::Unit);
}

#[test]
fn views_and_owned_types_are_told_apart() {
    let Schema::Struct { fields, .. } = View::SCHEMA else {
        panic!("not a struct");
    };
    assert_eq!(
        *fields[0].schema,
        Schema::Str {
            capacity: 8,
            borrowed: true
        }
    );
    assert_eq!(
        *<BoundedString<8>>::SCHEMA,
        Schema::Str {
            capacity: 8,
            borrowed: false
        }
    );
}

#[test]
fn the_fingerprint_ignores_names() {
    assert_eq!(Plain::FINGERPRINT, Renamed::FINGERPRINT);
    assert_eq!(Ext::FINGERPRINT, NotExt::FINGERPRINT);
    assert_eq!(fingerprint(Plain::SCHEMA), Plain::FINGERPRINT);
}

#[test]
fn the_fingerprint_sees_widths_order_capacities_tags_and_kinds() {
    let all = [
        Plain::FINGERPRINT,
        Wider::FINGERPRINT,
        Swapped::FINGERPRINT,
        Capacity3::FINGERPRINT,
        Capacity4::FINGERPRINT,
        Ext::FINGERPRINT,
        Cmd::FINGERPRINT,
        CmdOtherTag::FINGERPRINT,
        <(u8, u16)>::FINGERPRINT,
        <[u8; 3]>::FINGERPRINT,
        <crosswire::Be<u32>>::FINGERPRINT,
        u32::FINGERPRINT,
    ];
    for (i, a) in all.iter().enumerate() {
        for (j, b) in all.iter().enumerate() {
            assert!(i == j || a != b, "fingerprints {i} and {j} collide");
        }
    }
}

#[test]
fn the_fingerprint_is_a_compile_time_constant() {
    const PINNED: u64 = Plain::FINGERPRINT;
    // Pinned: the hash of a shape must not change between builds, or the two sides of a
    // border built by different crosswire versions could not compare them.
    assert_eq!(PINNED, fingerprint(Renamed::SCHEMA));
    // `u8` is the words (kind 1, width 1, signed, big-endian, nonzero, pointer-sized),
    // each as 8 little-endian bytes, through 64-bit FNV-1a.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for word in [1u64, 1, 0, 0, 0, 0] {
        for byte in word.to_le_bytes() {
            h = (h ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3);
        }
    }
    assert_eq!(u8::FINGERPRINT, h);
}
