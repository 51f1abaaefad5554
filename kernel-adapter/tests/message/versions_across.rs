//! A newer side and an older side of the border exchange an extensible struct, in both
//! directions, with the derived types and the adapter's helpers.

use crosswire::{Decode, Encode, MaxSize};
use crosswire_kernel::{
    message::{self, shrink_extensible, RequestBytes},
    Errno,
};

/// Version 1, as an older program was built.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct ConfigV1 {
    flags: u32,
}

/// Version 2, as the newer side was built: one field more.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct ConfigV2 {
    flags: u32,
    #[crosswire(since = 2)]
    timeout_ms: u16,
}

#[test]
fn older_request_reaches_newer_side_zero_extended() {
    let mut buf = [0u8; ConfigV1::MAX_SIZE];
    message::encode(&ConfigV1 { flags: 5 }, &mut buf).unwrap();
    let got: ConfigV2 = RequestBytes::new(&buf).decode().unwrap();
    assert_eq!(
        got,
        ConfigV2 {
            flags: 5,
            timeout_ms: 0
        }
    );
}

#[test]
fn newer_request_reaches_older_side_only_with_zero_tail() {
    let mut buf = [0u8; ConfigV2::MAX_SIZE];
    message::encode(
        &ConfigV2 {
            flags: 5,
            timeout_ms: 0,
        },
        &mut buf,
    )
    .unwrap();
    assert_eq!(
        RequestBytes::new(&buf).decode::<ConfigV1>(),
        Ok(ConfigV1 { flags: 5 })
    );

    message::encode(
        &ConfigV2 {
            flags: 5,
            timeout_ms: 30,
        },
        &mut buf,
    )
    .unwrap();
    assert_eq!(
        RequestBytes::new(&buf).decode::<ConfigV1>(),
        Err(Errno::E2BIG)
    );
}

#[test]
fn newer_reply_is_shrunk_for_an_older_caller() {
    let mut buf = [0u8; ConfigV2::MAX_SIZE];
    message::encode(
        &ConfigV2 {
            flags: 9,
            timeout_ms: 0,
        },
        &mut buf,
    )
    .unwrap();
    let r = shrink_extensible(&mut buf, ConfigV1::MAX_SIZE).unwrap();
    assert_eq!(r.copied, ConfigV1::MAX_SIZE);
    assert!(!r.dropped_nonzero);
    let old: ConfigV1 = crosswire::from_bytes(&buf[..r.copied]).unwrap();
    assert_eq!(old, ConfigV1 { flags: 9 });

    message::encode(
        &ConfigV2 {
            flags: 9,
            timeout_ms: 7,
        },
        &mut buf,
    )
    .unwrap();
    let r = shrink_extensible(&mut buf, ConfigV1::MAX_SIZE).unwrap();
    assert!(
        r.dropped_nonzero,
        "the older caller must be told it missed timeout_ms"
    );
}

#[test]
fn shrink_rejects_what_is_not_an_extensible_struct() {
    assert_eq!(shrink_extensible(&mut [1, 0], 8), Err(Errno::EINVAL));
    assert_eq!(
        shrink_extensible(&mut [9, 0, 0, 0, 1], 8),
        Err(Errno::EINVAL)
    );
    assert_eq!(shrink_extensible(&mut [0, 0, 0, 0], 3), Err(Errno::EINVAL));
}
