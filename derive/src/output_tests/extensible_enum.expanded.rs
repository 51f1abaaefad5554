#[automatically_derived]
impl ::crosswire::MaxSize for Event {
    const MAX_SIZE: ::core::primitive::usize = ::crosswire::__private::add(
        1usize,
        ::crosswire::__private::largest(
            &[
                ::crosswire::extensible::max_size(
                    ::crosswire::__private::sum(
                        &[<u32 as ::crosswire::MaxSize>::MAX_SIZE],
                    ),
                ),
                ::crosswire::extensible::max_size(::crosswire::__private::sum(&[])),
                ::crosswire::__private::add(
                    4,
                    <BoundedVec<
                        u8,
                        8,
                    > as ::crosswire::open_enum::UnknownBody<'_>>::CAPACITY,
                ),
            ],
        ),
    );
    const FIXED_SIZE: ::core::primitive::bool = false;
    const ZERO_VALID: ::core::primitive::bool = true;
}
#[automatically_derived]
impl ::crosswire::MaxSizeBuf for Event {
    type Buf = [::core::primitive::u8; ::crosswire::__private::add(
        1usize,
        ::crosswire::__private::largest(
            &[
                ::crosswire::extensible::max_size(
                    ::crosswire::__private::sum(
                        &[<u32 as ::crosswire::MaxSize>::MAX_SIZE],
                    ),
                ),
                ::crosswire::extensible::max_size(::crosswire::__private::sum(&[])),
                ::crosswire::__private::add(
                    4,
                    <BoundedVec<
                        u8,
                        8,
                    > as ::crosswire::open_enum::UnknownBody<'_>>::CAPACITY,
                ),
            ],
        ),
    )];
}
const _: () = {
    use ::crosswire::open_enum::KeptBody;
    const FITS: ::core::primitive::bool = <BoundedVec<
        u8,
        8,
    > as ::crosswire::open_enum::UnknownBody<'_>>::SKIPS_LONGER
        || <BoundedVec<u8, 8> as ::crosswire::open_enum::UnknownBody<'_>>::CAPACITY
            >= ::crosswire::__private::largest(
                &[
                    ::crosswire::__private::sum(
                        &[<u32 as ::crosswire::MaxSize>::MAX_SIZE],
                    ),
                    ::crosswire::__private::sum(&[]),
                ],
            );
    KeptBody::<FITS>::holds_every_known_variant()
};
#[automatically_derived]
impl ::crosswire::Encode for Event {
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
                    Self::Link { ifindex: __f0 } => {
                        __w.write_array(::core::primitive::u8::to_le_bytes(0u8))?;
                        ::crosswire::extensible::encode(
                            __w,
                            |__w| {
                                <u32 as ::crosswire::Encode>::encode(__f0, __w)?;
                                ::core::result::Result::Ok(())
                            },
                        )?;
                    }
                    Self::Gone => {
                        __w.write_array(::core::primitive::u8::to_le_bytes(1u8))?;
                        ::crosswire::extensible::encode(
                            __w,
                            |__w| { ::core::result::Result::Ok(()) },
                        )?;
                    }
                    Self::Unknown(__f0, __f1) => {
                        if ::core::matches!(* __f0, 0u8 | 1u8) {
                            return ::core::result::Result::Err(
                                ::crosswire::Error::new(
                                    ::crosswire::ErrorKind::InvalidValue,
                                    __w.written(),
                                ),
                            );
                        }
                        if !<BoundedVec<
                            u8,
                            8,
                        > as ::crosswire::open_enum::UnknownBody<'_>>::is_kept(__f1) {
                            return ::core::result::Result::Err(
                                ::crosswire::Error::new(
                                    ::crosswire::ErrorKind::InvalidValue,
                                    __w.written(),
                                ),
                            );
                        }
                        __w.write_array(::core::primitive::u8::to_le_bytes(*__f0))?;
                        <BoundedVec<
                            u8,
                            8,
                        > as ::crosswire::open_enum::UnknownBody<
                            '_,
                        >>::write_body(__f1, __w)?;
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
                Self::Link { ifindex: __f0 } => {
                    ::core::primitive::usize::saturating_add(
                        5usize,
                        ::core::primitive::usize::saturating_add(
                            0usize,
                            <u32 as ::crosswire::Encode>::encoded_len(__f0),
                        ),
                    )
                }
                Self::Gone => ::core::primitive::usize::saturating_add(5usize, 0usize),
                Self::Unknown(__f0, __f1) => {
                    ::core::primitive::usize::saturating_add(
                        1usize,
                        <BoundedVec<
                            u8,
                            8,
                        > as ::crosswire::open_enum::UnknownBody<'_>>::body_len(__f1),
                    )
                }
            }
        }
    }
}
const _: () = {
    let check = ::crosswire::__private::zero_valid(
        <u32 as ::crosswire::MaxSize>::ZERO_VALID,
        "Event",
        "Link.ifindex",
    );
    if check.message().is_some() {
        check.fail()
    }
};
#[automatically_derived]
impl<'de> ::crosswire::Decode<'de> for Event {
    #[inline]
    fn decode(
        __r: &mut ::crosswire::Reader<'de>,
    ) -> ::core::result::Result<Self, ::crosswire::Error> {
        match ::core::primitive::u8::from_le_bytes(__r.read_array()?) {
            0u8 => {
                ::crosswire::extensible::decode(
                    __r,
                    ::crosswire::__private::sum(
                        &[<u32 as ::crosswire::MaxSize>::MAX_SIZE],
                    ),
                    |__r| {
                        ::core::result::Result::Ok(Self::Link {
                            ifindex: <u32 as ::crosswire::Decode<'de>>::decode(__r)?,
                        })
                    },
                )
            }
            1u8 => {
                ::crosswire::extensible::decode(
                    __r,
                    ::crosswire::__private::sum(&[]),
                    |__r| { ::core::result::Result::Ok(Self::Gone) },
                )
            }
            __raw => {
                ::core::result::Result::Ok(Self::Unknown {
                    0: __raw,
                    1: <BoundedVec<
                        u8,
                        8,
                    > as ::crosswire::open_enum::UnknownBody<'_>>::read_body(__r)?,
                })
            }
        }
    }
}
