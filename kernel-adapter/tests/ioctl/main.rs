//! ioctl: the command numbers against the C headers, existing UAPI structs and the call
//! helper against the host kernel. One module per topic; the gates at each module's top
//! say which are compiled out where.

mod oracle;
// Feature `uapi`: `ioctl::Uapi<T>` and the C-layout structs.
#[cfg(feature = "uapi")]
mod uapi_defs;
#[cfg(all(feature = "std", feature = "uapi"))]
mod uapi_host;
mod user_host;
