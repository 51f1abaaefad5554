//! §3.5 Network addresses.

use crosswire::{ErrorKind as K, MaxSize};
use crosswire_test_support::{golden, rejects};

#[test]
fn s03_5_network_addresses() {
    use core::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};
    golden(Ipv4Addr::new(192, 0, 2, 1), &[192, 0, 2, 1]);
    let v6: Ipv6Addr = "2001:db8::1".parse().unwrap();
    let mut v6_bytes = [0u8; 16];
    v6_bytes[..4].copy_from_slice(&[0x20, 0x01, 0x0d, 0xb8]);
    v6_bytes[15] = 1;
    golden(v6, &v6_bytes);
    golden(
        SocketAddrV4::new(Ipv4Addr::new(192, 0, 2, 1), 80),
        &[0x00, 0x50, 192, 0, 2, 1],
    );
    let mut sa6 = vec![0x01, 0xBB, 0x00, 0x01, 0x02, 0x03];
    sa6.extend_from_slice(&v6_bytes);
    sa6.extend_from_slice(&[7, 0, 0, 0]);
    golden(SocketAddrV6::new(v6, 443, 0x0001_0203, 7), &sa6);
    rejects::<SocketAddrV4>(&[0, 80, 1], K::UnexpectedEnd, 3);
    const { assert!(<SocketAddrV6>::FIXED_SIZE) };
    assert_eq!(<SocketAddrV6>::MAX_SIZE, 26);
}
