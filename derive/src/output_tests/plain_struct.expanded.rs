#[automatically_derived]
impl ::crosswire::MaxSize for Plain {
    const MAX_SIZE: ::core::primitive::usize = ::crosswire::__private::sum(
        &[
            <u32 as ::crosswire::MaxSize>::MAX_SIZE,
            <u16 as ::crosswire::MaxSize>::MAX_SIZE,
            <bool as ::crosswire::MaxSize>::MAX_SIZE,
        ],
    );
    const FIXED_SIZE: ::core::primitive::bool = true
        && <u32 as ::crosswire::MaxSize>::FIXED_SIZE
        && <u16 as ::crosswire::MaxSize>::FIXED_SIZE
        && <bool as ::crosswire::MaxSize>::FIXED_SIZE;
    const ZERO_VALID: ::core::primitive::bool = true
        && <u32 as ::crosswire::MaxSize>::ZERO_VALID
        && <u16 as ::crosswire::MaxSize>::ZERO_VALID
        && <bool as ::crosswire::MaxSize>::ZERO_VALID;
}
#[automatically_derived]
impl ::crosswire::MaxSizeBuf for Plain {
    type Buf = [::core::primitive::u8; ::crosswire::__private::sum(
        &[
            <u32 as ::crosswire::MaxSize>::MAX_SIZE,
            <u16 as ::crosswire::MaxSize>::MAX_SIZE,
            <bool as ::crosswire::MaxSize>::MAX_SIZE,
        ],
    )];
}
#[automatically_derived]
impl ::crosswire::Encode for Plain {
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
                <u32 as ::crosswire::Encode>::encode(&self.id, __w)?;
                <u16 as ::crosswire::Encode>::encode(&self.flags, __w)?;
                <bool as ::crosswire::Encode>::encode(&self.up, __w)?;
                ::core::result::Result::Ok(())
            },
        )
    }
    #[inline]
    fn encoded_len(&self) -> ::core::primitive::usize {
        if <Self as ::crosswire::MaxSize>::FIXED_SIZE {
            <Self as ::crosswire::MaxSize>::MAX_SIZE
        } else {
            ::core::primitive::usize::saturating_add(
                ::core::primitive::usize::saturating_add(
                    ::core::primitive::usize::saturating_add(
                        0usize,
                        <u32 as ::crosswire::Encode>::encoded_len(&self.id),
                    ),
                    <u16 as ::crosswire::Encode>::encoded_len(&self.flags),
                ),
                <bool as ::crosswire::Encode>::encoded_len(&self.up),
            )
        }
    }
}
#[automatically_derived]
impl<'de> ::crosswire::Decode<'de> for Plain {
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
                    ::core::result::Result::Ok(Self {
                        id: <u32 as ::crosswire::Decode<'de>>::decode(__r)?,
                        flags: <u16 as ::crosswire::Decode<'de>>::decode(__r)?,
                        up: <bool as ::crosswire::Decode<'de>>::decode(__r)?,
                    })
                },
            );
        }
        ::core::result::Result::Ok(Self {
            id: <u32 as ::crosswire::Decode<'de>>::decode(__r)?,
            flags: <u16 as ::crosswire::Decode<'de>>::decode(__r)?,
            up: <bool as ::crosswire::Decode<'de>>::decode(__r)?,
        })
    }
    #[inline]
    fn decode_in_place(
        &mut self,
        __r: &mut ::crosswire::Reader<'de>,
    ) -> ::core::result::Result<(), ::crosswire::Error> {
        let mut __read = |
            __r: &mut ::crosswire::Reader<'de>,
        | -> ::core::result::Result<(), ::crosswire::Error> {
            <u32 as ::crosswire::Decode<'de>>::decode_in_place(&mut self.id, __r)?;
            <u16 as ::crosswire::Decode<'de>>::decode_in_place(&mut self.flags, __r)?;
            <bool as ::crosswire::Decode<'de>>::decode_in_place(&mut self.up, __r)?;
            ::core::result::Result::Ok(())
        };
        if <Self as ::crosswire::MaxSize>::FIXED_SIZE {
            return ::crosswire::__private::decode_window::<Self, _, _>(__r, __read);
        }
        __read(__r)
    }
}
