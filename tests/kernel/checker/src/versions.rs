//! Version skew on the extensible command, specific to this build's version of `Settings`.

use crosswire_sample_types::*;

use crate::{dev::Dev, gen::MODULE_SETTINGS_VERSION, Tally};
#[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
use crate::{encode_to_vec, padded, E2BIG};

/// Version checks specific to this build's version of `Settings`.
pub(crate) fn versions(dev: &Dev, t: &mut Tally) {
    let before = t.passed;
    println!(
        "settings: this program v{SETTINGS_VERSION} ({} byte buffer), module v{MODULE_SETTINGS_VERSION}",
        SETTINGS_BUF
    );
    #[allow(
        clippy::needless_update,
        reason = "the later versions' fields exist only in some builds"
    )]
    let req = Settings {
        max_items: 5000,
        flags: 0xf00d,
        ..Default::default()
    };
    let got = dev.exchange(SETTINGS, &req);
    t.check(
        "settings version",
        got.as_ref().map(|r| r.version) == Ok(MODULE_SETTINGS_VERSION),
        || format!("{got:?}"),
    );
    #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
    {
        // A newer program using a field the older module does not know: E2BIG, as openat2.
        for (priority, verbose) in [(1u16, false), (0, true), (0xffff, true)] {
            let req = Settings {
                priority,
                verbose,
                ..req.clone()
            };
            let mut buf = padded(encode_to_vec(&req), SETTINGS_BUF);
            t.expect_errno(
                dev,
                "v3 field on a v2 module",
                SETTINGS.number(),
                &mut buf,
                E2BIG,
            );
        }
    }
    println!("versions: {} checks passed", t.passed - before);
}
