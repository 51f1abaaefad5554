//! IP addresses and socket addresses, in network order, as the kernel stores them in
//! `struct in_addr`, `in6_addr`, `sockaddr_in` and `sockaddr_in6` (spec §3.5). Every byte
//! string of the right length is valid. Golden test: `s03_5_network_addresses`.

use core::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};

use crate::{max_size::fixed_size, Be, Decode, Encode, Error, Reader, Writer};

fixed_size! { Ipv4Addr => 4, Ipv6Addr => 16, SocketAddrV4 => 6, SocketAddrV6 => 26 }

/// The four octets, first octet first (`in_addr`, network order).
impl Encode for Ipv4Addr {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        w.write_array(self.octets())
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        4
    }
}

/// The four octets, first octet first.
impl<'de> Decode<'de> for Ipv4Addr {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        r.read_array::<4>().map(Ipv4Addr::from)
    }
}

/// The sixteen octets, first octet first (`in6_addr`, network order).
impl Encode for Ipv6Addr {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        w.write_array(self.octets())
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        16
    }
}

/// The sixteen octets, first octet first.
impl<'de> Decode<'de> for Ipv6Addr {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        r.read_array::<16>().map(Ipv6Addr::from)
    }
}

/// `sockaddr_in` without its family and padding: the port big-endian, then the address.
impl Encode for SocketAddrV4 {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        Be(self.port()).encode(w)?;
        self.ip().encode(w)
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        6
    }
}

/// The port big-endian, then the address.
impl<'de> Decode<'de> for SocketAddrV4 {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let Be(port) = Be::<u16>::decode(r)?;
        let ip = Ipv4Addr::decode(r)?;
        Ok(SocketAddrV4::new(ip, port))
    }
}

/// `sockaddr_in6` without its family: the port and the flow information big-endian, the
/// address, then the scope id as the kernel keeps it, in host order (little-endian on the
/// wire, as every host-order integer).
impl Encode for SocketAddrV6 {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        Be(self.port()).encode(w)?;
        Be(self.flowinfo()).encode(w)?;
        self.ip().encode(w)?;
        self.scope_id().encode(w)
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        26
    }
}

/// Port and flow information big-endian, the address, the scope id little-endian.
impl<'de> Decode<'de> for SocketAddrV6 {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let Be(port) = Be::<u16>::decode(r)?;
        let Be(flowinfo) = Be::<u32>::decode(r)?;
        let ip = Ipv6Addr::decode(r)?;
        let scope_id = u32::decode(r)?;
        Ok(SocketAddrV6::new(ip, port, flowinfo, scope_id))
    }
}

/// The wire shapes: the addresses as their octets (`[u8; 4]`, `[u8; 16]`, so a C header
/// has `in_addr`'s bytes), the socket addresses as structs of their fields in wire order.
mod schema {
    use core::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};

    use crate::{
        schema::{described, Described, Field, Schema},
        Be,
    };

    described! {
        Ipv4Addr => Schema::Array { len: 4, item: <u8 as Described>::SCHEMA },
        Ipv6Addr => Schema::Array { len: 16, item: <u8 as Described>::SCHEMA },
        SocketAddrV4 => Schema::Struct {
            name: "SocketAddrV4",
            type_args: &[],
            const_args: &[],
            fields: &[
                Field { name: "port", schema: <Be<u16> as Described>::SCHEMA },
                Field { name: "ip", schema: <Ipv4Addr as Described>::SCHEMA },
            ],
            extensible: false,
            first_version_fields: 2,
        },
        SocketAddrV6 => Schema::Struct {
            name: "SocketAddrV6",
            type_args: &[],
            const_args: &[],
            fields: &[
                Field { name: "port", schema: <Be<u16> as Described>::SCHEMA },
                Field { name: "flowinfo", schema: <Be<u32> as Described>::SCHEMA },
                Field { name: "ip", schema: <Ipv6Addr as Described>::SCHEMA },
                Field { name: "scope_id", schema: <u32 as Described>::SCHEMA },
            ],
            extensible: false,
            first_version_fields: 4,
        },
    }
}
