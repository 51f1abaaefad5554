//! Forward-compatible enums (spec §17) in the header: the decoded form and the constants.
//! Their bytes are checked against Rust by the differential test (`Status`, `Event`,
//! `Request`, `Holder` in `support/types.rs`).

use crosswire::{BoundedVec, Described};
use crosswire_cgen::Header;

#[derive(Described)]
#[allow(dead_code, reason = "only the schema is used")]
enum State {
    Down,
    Up,
    #[crosswire(other)]
    Unknown(u8),
}

#[derive(Described)]
#[crosswire(extensible)]
#[allow(dead_code, reason = "only the schema is used")]
enum Event {
    Link {
        ifindex: u32,
    },
    #[crosswire(other)]
    Unknown(u8, BoundedVec<u8, 8>),
}

#[derive(Described)]
#[allow(dead_code, reason = "only the schema is used")]
struct Report {
    seq: u32,
    state: Option<State>,
    event: Event,
}

#[test]
fn forward_compatible_enums_have_a_c_form() {
    let header = Header::new("t").add::<Report>().render().expect("renders");
    // The catch-all is the tag itself: only the known variants have constants.
    assert!(header.contains("#define T_STATE_DOWN 0u\n#define T_STATE_UP 1u\n"));
    assert!(!header.contains("T_STATE_UNKNOWN"));
    assert!(header.contains("#define T_STATE_MAX_SIZE 1\n#define T_STATE_FIXED_SIZE 1\n"));
    // An extensible enum: the tag, the largest body (the kept one) and its length.
    assert!(header.contains("#define T_EVENT_MAX_SIZE 13\n#define T_EVENT_FIXED_SIZE 0\n"));
    // The kept body is the union member named after the catch-all.
    assert!(header.contains("struct t_vec8_u8 {\n\tu32 len;\n\tu8 items[8];\n};\n"));
    assert!(header.contains("\t\tstruct t_vec8_u8 unknown;\n"));
    assert!(header.contains("(section 17)"));
}
