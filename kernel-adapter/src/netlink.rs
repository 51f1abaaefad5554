//! Netlink: allocation-free framing of messages and attributes over byte slices.
//!
//! Netlink has its own encoding, apart from crosswire's wire format: host byte order, C
//! layout, everything aligned to 4 bytes, attributes (type-length-value) in any order,
//! duplicates allowed (the last one wins), unknown attributes tolerated. [`docs/netlink.md`]
//! says exactly what the readers accept and what the writer produces.
//!
//! - [`NlWriter`] builds messages, family headers, attributes and nests into a `&mut [u8]`.
//! - [`Messages`] iterates the messages of a receive buffer; [`Message::control`] reads
//!   `NLMSG_ERROR` (acks, errors, extended acks) and `NLMSG_DONE`; [`Dump`] follows a
//!   multi-part dump to its [`DumpEnd`], reporting `NLM_F_DUMP_INTR` as its own outcome.
//! - [`AttrIter`] iterates attributes without recursing; [`Attr::nested`] opens a nest.
//! - [`NlaSet`]: a struct's fields as attributes, `#[derive(NlaSet)]` with the `derive`
//!   feature; [`nla`] has the rules.
//! - `socket` (feature `std`): the userspace socket, on rustix (and on tokio with feature
//!   `tokio`), and the receive loop of a userspace server.
//! - [`route`]: rtnetlink's `ifinfomsg` and `ifaddrmsg` headers and messages.
//! - [`genl`]: the generic netlink header and the `nlctrl` family.
//!
//! Nothing here panics, allocates or reads out of bounds, whatever the input; every
//! malformed input is an [`NlError`] with its offset.
//!
//! ```
//! use crosswire_kernel::netlink::{genl, Control, Messages};
//!
//! let mut buf = [0u8; 64];
//! let request = genl::getfamily_request(&mut buf, 1, "nlctrl")?;
//! assert_eq!(request.len(), 32);
//! let mut msgs = Messages::new(request);
//! let msg = msgs.next().unwrap()?;
//! assert_eq!(msg.header().ty, genl::GENL_ID_CTRL);
//! assert!(msg.control()?.is_none()); // a family message, not a control message
//! # Ok::<(), crosswire_kernel::netlink::NlError>(())
//! ```
//!
//! [`docs/netlink.md`]: https://github.com/crosswire-rs/crosswire/blob/main/docs/netlink.md

mod attr;
mod error;
mod ext_ack;
pub mod genl;
mod header;
mod message;
pub mod nla;
pub mod route;
#[cfg(feature = "std")]
pub mod socket;
mod writer;

pub use self::{
    attr::{
        find_last, Attr, AttrIter, Mode, NLA_F_NESTED, NLA_F_NET_BYTEORDER, NLA_HDRLEN,
        NLA_MAX_PAYLOAD, NLA_TYPE_MASK,
    },
    error::{NlError, NlErrorKind},
    ext_ack::{
        ExtAck, NLMSGERR_ATTR_COOKIE, NLMSGERR_ATTR_MISS_NEST, NLMSGERR_ATTR_MISS_TYPE,
        NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS, NLMSGERR_ATTR_POLICY,
    },
    header::{
        align, split_family_header, NlMsgHdr, ALIGNTO, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN,
        NLMSG_MIN_TYPE, NLMSG_NOOP, NLMSG_OVERRUN, NLM_F_ACK, NLM_F_ACK_TLVS, NLM_F_APPEND,
        NLM_F_ATOMIC, NLM_F_CAPPED, NLM_F_CREATE, NLM_F_DUMP, NLM_F_DUMP_FILTERED, NLM_F_DUMP_INTR,
        NLM_F_ECHO, NLM_F_EXCL, NLM_F_MATCH, NLM_F_MULTI, NLM_F_REPLACE, NLM_F_REQUEST, NLM_F_ROOT,
    },
    message::{put_ack, put_done, Ack, Control, Done, Dump, DumpEnd, DumpStep, Message, Messages},
    nla::{Binary, CField, CLayout, Crosswire, Indexed, NlaField, NlaSet, NlaValue},
    writer::{MessageStart, NestStart, NlWriter},
};

/// Derives [`NlaSet`] (and [`NlaValue`], as a nest) for a struct whose fields carry
/// `#[nla(id = N)]`. See [`docs/netlink.md`].
///
/// [`docs/netlink.md`]: https://github.com/crosswire-rs/crosswire/blob/main/docs/netlink.md
#[cfg(feature = "derive")]
pub use crosswire_derive::NlaSet;

/// Derives [`CLayout`] for a struct of [`CField`]s (integers, `Be` integers, byte arrays):
/// each field at its C offset, in host order, padding zeroed, `SIZE` rounded up to the
/// largest alignment, as a C compiler lays out the same `struct`.
#[cfg(feature = "derive")]
pub use crosswire_derive::CLayout;
