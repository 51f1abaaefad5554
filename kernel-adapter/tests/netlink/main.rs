//! Netlink: framing, the `NlaSet` derive and its kernel policy, then the socket against the
//! host kernel, misbehaving peers, hostile clients of a userspace server, tokio, and the
//! allocations of a dump. The modules that talk to the host kernel are compiled out under
//! qemu-user, saying why at their top.

#[cfg(feature = "derive")]
mod derive;
mod framing;
#[cfg(feature = "derive")]
mod policy;

// The modules below need a userspace socket (`std`) and the derive.
#[cfg(all(feature = "std", feature = "derive"))]
mod alloc;
#[cfg(all(feature = "std", feature = "derive", feature = "tokio"))]
mod async_socket;
#[cfg(all(feature = "std", feature = "derive"))]
mod host;
#[cfg(all(feature = "std", feature = "derive"))]
mod peers;
#[cfg(all(feature = "std", feature = "derive"))]
mod server;

/// Runs a test body in a network namespace of its own.
#[cfg(all(feature = "std", feature = "derive", not(crosswire_qemu_user)))]
mod netns;

// The attribute sets and servers the examples declare (crosswire-kernel-examples), which
// the tests drive as a user would.
#[cfg(all(feature = "std", feature = "derive", not(crosswire_qemu_user)))]
use crosswire_kernel_examples::{nlctrl, rtnl, usersock};
