//! The errno table: every crosswire error kind maps to the errno documented on `Errno`.

use crosswire::{Error, ErrorKind};
use crosswire_kernel::Errno;

#[test]
fn every_error_kind_has_its_errno() {
    let table = [
        (ErrorKind::BufferFull, Errno::EMSGSIZE),
        (ErrorKind::NonZeroTail, Errno::E2BIG),
        (ErrorKind::UnexpectedEnd, Errno::EINVAL),
        (ErrorKind::TrailingBytes, Errno::EINVAL),
        (ErrorKind::InvalidBool, Errno::EINVAL),
        (ErrorKind::InvalidChar, Errno::EINVAL),
        (ErrorKind::InvalidTag, Errno::EINVAL),
        (ErrorKind::LengthOverCapacity, Errno::EINVAL),
        (ErrorKind::InvalidUtf8, Errno::EINVAL),
        (ErrorKind::IntegerOutOfRange, Errno::EINVAL),
        (ErrorKind::ZeroNonZero, Errno::EINVAL),
        (ErrorKind::InvalidDuration, Errno::EINVAL),
        (ErrorKind::InvalidValue, Errno::EINVAL),
    ];
    for (kind, errno) in table {
        assert_eq!(Errno::from(Error::new(kind, 3)), errno, "{kind:?}");
        assert_eq!(Errno::from(kind), errno, "{kind:?}");
        assert_eq!(Errno::from_error_kind(kind), errno, "{kind:?}");
    }
}

#[test]
fn real_decode_errors_map() {
    assert_eq!(
        Errno::from(crosswire::from_bytes::<bool>(&[2]).unwrap_err()),
        Errno::EINVAL
    );
    assert_eq!(
        Errno::from(crosswire::from_bytes::<u32>(&[1]).unwrap_err()),
        Errno::EINVAL
    );
    let mut small = [0u8; 2];
    assert_eq!(
        Errno::from(crosswire::to_slice(&1u32, &mut small).unwrap_err()),
        Errno::EMSGSIZE
    );
}

#[test]
fn errno_stays_small() {
    assert_eq!(core::mem::size_of::<Errno>(), 4);
    assert_eq!(core::mem::size_of::<Result<(), Errno>>(), 8);
}
