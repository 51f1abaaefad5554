#[automatically_derived]
impl ::crosswire::MaxSize for Request {
    const MAX_SIZE: ::core::primitive::usize = ::crosswire::__private::add(
        2usize,
        ::crosswire::__private::largest(
            &[
                ::crosswire::__private::sum(&[<u32 as ::crosswire::MaxSize>::MAX_SIZE]),
                ::crosswire::__private::sum(&[<u32 as ::crosswire::MaxSize>::MAX_SIZE]),
                ::crosswire::__private::sum(&[]),
            ],
        ),
    );
    const FIXED_SIZE: ::core::primitive::bool = true
        && <u32 as ::crosswire::MaxSize>::FIXED_SIZE && true
        && <u32 as ::crosswire::MaxSize>::FIXED_SIZE && true
        && ::crosswire::__private::all_equal(
            &[
                ::crosswire::__private::sum(&[<u32 as ::crosswire::MaxSize>::MAX_SIZE]),
                ::crosswire::__private::sum(&[<u32 as ::crosswire::MaxSize>::MAX_SIZE]),
                ::crosswire::__private::sum(&[]),
            ],
        );
    const ZERO_VALID: ::core::primitive::bool = false
        || (256u64 == 0 && true && <u32 as ::crosswire::MaxSize>::ZERO_VALID)
        || (257u64 == 0 && true && <u32 as ::crosswire::MaxSize>::ZERO_VALID)
        || (512u64 == 0 && true);
}
#[automatically_derived]
impl ::crosswire::MaxSizeBuf for Request {
    type Buf = [::core::primitive::u8; ::crosswire::__private::add(
        2usize,
        ::crosswire::__private::largest(
            &[
                ::crosswire::__private::sum(&[<u32 as ::crosswire::MaxSize>::MAX_SIZE]),
                ::crosswire::__private::sum(&[<u32 as ::crosswire::MaxSize>::MAX_SIZE]),
                ::crosswire::__private::sum(&[]),
            ],
        ),
    )];
}
#[automatically_derived]
impl ::crosswire::Encode for Request {
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
                    Self::Get { key: __f0 } => {
                        __w.write_array(::core::primitive::u16::to_le_bytes(256u16))?;
                        <u32 as ::crosswire::Encode>::encode(__f0, __w)?;
                    }
                    Self::Delete(__f0) => {
                        __w.write_array(::core::primitive::u16::to_le_bytes(257u16))?;
                        <u32 as ::crosswire::Encode>::encode(__f0, __w)?;
                    }
                    Self::Ping => {
                        __w.write_array(::core::primitive::u16::to_le_bytes(512u16))?;
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
                Self::Get { key: __f0 } => {
                    ::core::primitive::usize::saturating_add(
                        2usize,
                        ::core::primitive::usize::saturating_add(
                            0usize,
                            <u32 as ::crosswire::Encode>::encoded_len(__f0),
                        ),
                    )
                }
                Self::Delete(__f0) => {
                    ::core::primitive::usize::saturating_add(
                        2usize,
                        ::core::primitive::usize::saturating_add(
                            0usize,
                            <u32 as ::crosswire::Encode>::encoded_len(__f0),
                        ),
                    )
                }
                Self::Ping => ::core::primitive::usize::saturating_add(2usize, 0usize),
            }
        }
    }
}
#[automatically_derived]
impl<'de> ::crosswire::Decode<'de> for Request {
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
                    let __at = __r.offset();
                    match ::core::primitive::u16::from_le_bytes(__r.read_array()?) {
                        256u16 => {
                            ::core::result::Result::Ok(Self::Get {
                                key: <u32 as ::crosswire::Decode<'de>>::decode(__r)?,
                            })
                        }
                        257u16 => {
                            ::core::result::Result::Ok(Self::Delete {
                                0: <u32 as ::crosswire::Decode<'de>>::decode(__r)?,
                            })
                        }
                        512u16 => ::core::result::Result::Ok(Self::Ping),
                        _ => {
                            ::core::result::Result::Err(
                                ::crosswire::Error::new(
                                    ::crosswire::ErrorKind::InvalidTag,
                                    __at,
                                ),
                            )
                        }
                    }
                },
            );
        }
        let __at = __r.offset();
        match ::core::primitive::u16::from_le_bytes(__r.read_array()?) {
            256u16 => {
                ::core::result::Result::Ok(Self::Get {
                    key: <u32 as ::crosswire::Decode<'de>>::decode(__r)?,
                })
            }
            257u16 => {
                ::core::result::Result::Ok(Self::Delete {
                    0: <u32 as ::crosswire::Decode<'de>>::decode(__r)?,
                })
            }
            512u16 => ::core::result::Result::Ok(Self::Ping),
            _ => {
                ::core::result::Result::Err(
                    ::crosswire::Error::new(::crosswire::ErrorKind::InvalidTag, __at),
                )
            }
        }
    }
}
