//! `#[derive(Described)]` of forward-compatible enums (spec §17): `Schema::OpenEnum`,
//! and fingerprints that change only for the types that use the feature.

#![allow(dead_code, reason = "the types exist for their schemas only")]

use crosswire::{
    schema::{Field, Int, Other, Schema, Variant},
    BoundedVec, Described,
};

/// A plain enum (§12.3).
#[derive(Described)]
#[repr(u16)]
enum Plain {
    Down = 1,
    Up = 2,
}

/// The same known variants with a catch-all (§17.1).
#[derive(Described)]
#[repr(u16)]
enum CatchAll {
    Down = 1,
    Up = 2,
    #[crosswire(other)]
    Unknown(u16),
}

/// Extensible without a catch-all (§17.2).
#[derive(Described)]
#[crosswire(extensible)]
#[repr(u16)]
enum Extensible {
    Down = 1,
    Up = 2,
}

/// Extensible, skipping unknown bodies.
#[derive(Described)]
#[crosswire(extensible)]
#[repr(u16)]
enum Skipping {
    Down = 1,
    Up = 2,
    #[crosswire(other)]
    Unknown(u16),
}

/// Extensible, keeping unknown bodies.
#[derive(Described)]
#[crosswire(extensible)]
enum Keeping {
    Link {
        ifindex: u32,
    },
    #[crosswire(other)]
    Unknown {
        tag: u8,
        body: BoundedVec<u8, 8>,
    },
}

/// As `Keeping`, with a larger body capacity.
#[derive(Described)]
#[crosswire(extensible)]
enum KeepingMore {
    Link {
        ifindex: u32,
    },
    #[crosswire(other)]
    Unknown {
        tag: u8,
        body: BoundedVec<u8, 9>,
    },
}

const U32: &Schema = &Schema::Int {
    int: Int::new(4, false),
};

#[test]
fn a_catch_all_is_described_apart_from_the_known_variants() {
    const KNOWN: &[Variant] = &[
        Variant {
            name: "Down",
            tag: 1,
            hex: false,
            fields: &[],
        },
        Variant {
            name: "Up",
            tag: 2,
            hex: false,
            fields: &[],
        },
    ];
    assert_eq!(
        *CatchAll::SCHEMA,
        Schema::OpenEnum {
            name: "CatchAll",
            type_args: &[],
            const_args: &[],
            tag_width: 2,
            variants: KNOWN,
            extensible: false,
            other: Some(&Other {
                name: "Unknown",
                body: None,
            }),
        }
    );
    let Schema::OpenEnum {
        extensible, other, ..
    } = *Skipping::SCHEMA
    else {
        panic!("{:?}", Skipping::SCHEMA)
    };
    assert!(extensible && other.is_some_and(|o| o.body.is_none()));
    let Schema::OpenEnum { other, .. } = *Extensible::SCHEMA else {
        panic!("{:?}", Extensible::SCHEMA)
    };
    assert_eq!(other, None);
}

#[test]
fn a_kept_body_is_described_by_its_type() {
    let Schema::OpenEnum {
        tag_width,
        variants,
        extensible,
        other: Some(other),
        ..
    } = *Keeping::SCHEMA
    else {
        panic!("{:?}", Keeping::SCHEMA)
    };
    assert_eq!((tag_width, extensible, other.name), (1, true, "Unknown"));
    assert_eq!(other.body, Some(<BoundedVec<u8, 8>>::SCHEMA));
    assert_eq!(
        variants,
        &[Variant {
            name: "Link",
            tag: 0,
            hex: false,
            fields: &[Field {
                name: "ifindex",
                schema: U32,
            }],
        }]
    );
}

#[test]
fn fingerprints_change_only_with_the_feature() {
    // A plain enum is still a `Schema::Enum`, hashed as before: the words (kind 14, tag
    // width 2, 2 variants, then each variant's tag and field count), each as 8
    // little-endian bytes, through 64-bit FNV-1a.
    assert!(matches!(Plain::SCHEMA, Schema::Enum { .. }));
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for word in [14u64, 2, 2, 1, 0, 2, 0] {
        for byte in word.to_le_bytes() {
            h = (h ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3);
        }
    }
    assert_eq!(Plain::FINGERPRINT, h);
    let all = [
        Plain::FINGERPRINT,
        CatchAll::FINGERPRINT,
        Extensible::FINGERPRINT,
        Skipping::FINGERPRINT,
        Keeping::FINGERPRINT,
        KeepingMore::FINGERPRINT,
    ];
    for (i, a) in all.iter().enumerate() {
        for (j, b) in all.iter().enumerate() {
            assert!(i == j || a != b, "fingerprints {i} and {j} collide");
        }
    }
}
