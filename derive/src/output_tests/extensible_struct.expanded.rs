#[automatically_derived]
impl ::crosswire::MaxSize for Config {
    const MAX_SIZE: ::core::primitive::usize = ::crosswire::extensible::max_size(
        ::crosswire::__private::sum(
            &[
                <u32 as ::crosswire::MaxSize>::MAX_SIZE,
                <u64 as ::crosswire::MaxSize>::MAX_SIZE,
            ],
        ),
    );
    const FIXED_SIZE: ::core::primitive::bool = false;
    const ZERO_VALID: ::core::primitive::bool = false;
    const EXTENSIBLE: ::core::primitive::bool = true;
    const FIRST_VERSION_MAX_SIZE: ::core::primitive::usize = ::crosswire::extensible::max_size(
        ::crosswire::__private::sum(&[<u32 as ::crosswire::MaxSize>::MAX_SIZE]),
    );
}
#[automatically_derived]
impl ::crosswire::MaxSizeBuf for Config {
    type Buf = [::core::primitive::u8; ::crosswire::extensible::max_size(
        ::crosswire::__private::sum(
            &[
                <u32 as ::crosswire::MaxSize>::MAX_SIZE,
                <u64 as ::crosswire::MaxSize>::MAX_SIZE,
            ],
        ),
    )];
}
#[automatically_derived]
impl ::crosswire::Encode for Config {
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
                ::crosswire::extensible::encode(
                    __w,
                    |__w| {
                        <u32 as ::crosswire::Encode>::encode(&self.flags, __w)?;
                        <u64 as ::crosswire::Encode>::encode(&self.limit, __w)?;
                        ::core::result::Result::Ok(())
                    },
                )
            },
        )
    }
    #[inline]
    fn encoded_len(&self) -> ::core::primitive::usize {
        ::core::primitive::usize::saturating_add(
            4,
            ::core::primitive::usize::saturating_add(
                ::core::primitive::usize::saturating_add(
                    0usize,
                    <u32 as ::crosswire::Encode>::encoded_len(&self.flags),
                ),
                <u64 as ::crosswire::Encode>::encoded_len(&self.limit),
            ),
        )
    }
}
const _: () = {
    let check = ::crosswire::__private::zero_valid(
        <u64 as ::crosswire::MaxSize>::ZERO_VALID,
        "Config",
        "limit",
    );
    if check.message().is_some() {
        check.fail()
    }
};
#[automatically_derived]
impl<'de> ::crosswire::Decode<'de> for Config {
    #[inline]
    fn decode(
        __r: &mut ::crosswire::Reader<'de>,
    ) -> ::core::result::Result<Self, ::crosswire::Error> {
        ::crosswire::extensible::decode(
            __r,
            ::crosswire::__private::sum(
                &[
                    <u32 as ::crosswire::MaxSize>::MAX_SIZE,
                    <u64 as ::crosswire::MaxSize>::MAX_SIZE,
                ],
            ),
            |__r| {
                ::core::result::Result::Ok(Self {
                    flags: ::crosswire::extensible::decode_required(
                        __r,
                        |__r| {
                            ::core::result::Result::Ok(
                                <u32 as ::crosswire::Decode<'de>>::decode(__r)?,
                            )
                        },
                    )?,
                    limit: <u64 as ::crosswire::Decode<'de>>::decode(__r)?,
                })
            },
        )
    }
    #[inline]
    fn decode_in_place(
        &mut self,
        __r: &mut ::crosswire::Reader<'de>,
    ) -> ::core::result::Result<(), ::crosswire::Error> {
        ::crosswire::extensible::decode(
            __r,
            ::crosswire::__private::sum(
                &[
                    <u32 as ::crosswire::MaxSize>::MAX_SIZE,
                    <u64 as ::crosswire::MaxSize>::MAX_SIZE,
                ],
            ),
            |__r| {
                ::crosswire::extensible::decode_required(
                    __r,
                    |__r| {
                        <u32 as ::crosswire::Decode<
                            'de,
                        >>::decode_in_place(&mut self.flags, __r)?;
                        ::core::result::Result::Ok(())
                    },
                )?;
                <u64 as ::crosswire::Decode<
                    'de,
                >>::decode_in_place(&mut self.limit, __r)?;
                ::core::result::Result::Ok(())
            },
        )
    }
}
