//! [`Be`]: big-endian integers for network-order fields (spec §3.3).

/// An integer stored big-endian on the wire, for fields that protocols define in network
/// byte order (IP addresses, ports). The value inside is a native integer.
///
/// ```
/// use crosswire::Be;
/// let mut buf = [0u8; 2];
/// assert_eq!(crosswire::to_slice(&Be(0x1234u16), &mut buf).unwrap(), [0x12, 0x34]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Be<T>(pub T);
