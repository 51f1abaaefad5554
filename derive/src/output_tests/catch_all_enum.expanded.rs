#[automatically_derived]
impl ::crosswire::MaxSize for State {
    const MAX_SIZE: ::core::primitive::usize = ::crosswire::__private::add(
        2usize,
        ::crosswire::__private::largest(
            &[::crosswire::__private::sum(&[]), ::crosswire::__private::sum(&[])],
        ),
    );
    const FIXED_SIZE: ::core::primitive::bool = ::crosswire::__private::all_equal(
        &[::crosswire::__private::sum(&[]), ::crosswire::__private::sum(&[])],
    );
    const ZERO_VALID: ::core::primitive::bool = true;
}
#[automatically_derived]
impl ::crosswire::MaxSizeBuf for State {
    type Buf = [::core::primitive::u8; ::crosswire::__private::add(
        2usize,
        ::crosswire::__private::largest(
            &[::crosswire::__private::sum(&[]), ::crosswire::__private::sum(&[])],
        ),
    )];
}
#[automatically_derived]
impl ::crosswire::Encode for State {
    #[inline]
    fn encode(
        &self,
        __w: &mut ::crosswire::Writer<'_>,
    ) -> ::core::result::Result<(), ::crosswire::Error> {
        ::crosswire::__private::encode_window::<
            Self,
            _,
        >(
            __w,
            |__w| {
                match self {
                    Self::Down => {
                        __w.write_array(::core::primitive::u16::to_le_bytes(1u16))?;
                    }
                    Self::Up => {
                        __w.write_array(::core::primitive::u16::to_le_bytes(2u16))?;
                    }
                    Self::Unknown(__f0) => {
                        if ::core::matches!(* __f0, 1u16 | 2u16) {
                            return ::core::result::Result::Err(
                                ::crosswire::Error::new(
                                    ::crosswire::ErrorKind::InvalidValue,
                                    __w.written(),
                                ),
                            );
                        }
                        __w.write_array(::core::primitive::u16::to_le_bytes(*__f0))?;
                    }
                }
                ::core::result::Result::Ok(())
            },
        )
    }
    #[inline]
    fn encoded_len(&self) -> ::core::primitive::usize {
        if <Self as ::crosswire::MaxSize>::FIXED_SIZE {
            <Self as ::crosswire::MaxSize>::MAX_SIZE
        } else {
            match self {
                Self::Down => ::core::primitive::usize::saturating_add(2usize, 0usize),
                Self::Up => ::core::primitive::usize::saturating_add(2usize, 0usize),
                Self::Unknown(__f0) => {
                    ::core::primitive::usize::saturating_add(2usize, 0usize)
                }
            }
        }
    }
}
#[automatically_derived]
impl<'de> ::crosswire::Decode<'de> for State {
    #[inline]
    fn decode(
        __r: &mut ::crosswire::Reader<'de>,
    ) -> ::core::result::Result<Self, ::crosswire::Error> {
        if <Self as ::crosswire::MaxSize>::FIXED_SIZE {
            return ::crosswire::__private::decode_window::<
                Self,
                _,
                _,
            >(
                __r,
                |__r| {
                    match ::core::primitive::u16::from_le_bytes(__r.read_array()?) {
                        1u16 => ::core::result::Result::Ok(Self::Down),
                        2u16 => ::core::result::Result::Ok(Self::Up),
                        __raw => ::core::result::Result::Ok(Self::Unknown { 0: __raw }),
                    }
                },
            );
        }
        match ::core::primitive::u16::from_le_bytes(__r.read_array()?) {
            1u16 => ::core::result::Result::Ok(Self::Down),
            2u16 => ::core::result::Result::Ok(Self::Up),
            __raw => ::core::result::Result::Ok(Self::Unknown { 0: __raw }),
        }
    }
}
