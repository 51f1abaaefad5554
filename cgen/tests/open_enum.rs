//! Forward-compatible enums (spec §17) have no C form yet: a header that contains one,
//! at the top or nested, is an error naming the type, not wrong C.

use crosswire::{BoundedVec, Described};
use crosswire_cgen::{Error, Header};

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
}

#[test]
fn forward_compatible_enums_are_rejected_by_name() {
    let err = Header::new("t").add::<Event>().render().unwrap_err();
    assert_eq!(err, Error::ForwardCompatibleEnum("Event".into()));
    let err = Header::new("t").add::<Report>().render().unwrap_err();
    assert_eq!(err, Error::ForwardCompatibleEnum("State".into()));
    assert!(err
        .to_string()
        .contains("`State` is a forward-compatible enum"));
    assert!(Header::new("t").add::<Report>().c_names().is_err());
}
