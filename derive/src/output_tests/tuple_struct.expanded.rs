#[automatically_derived]
impl ::crosswire::MaxSize for Pair {
    const MAX_SIZE: ::core::primitive::usize = ::crosswire::__private::sum(
        &[
            <u64 as ::crosswire::MaxSize>::MAX_SIZE,
            <i8 as ::crosswire::MaxSize>::MAX_SIZE,
        ],
    );
    const FIXED_SIZE: ::core::primitive::bool = true
        && <u64 as ::crosswire::MaxSize>::FIXED_SIZE
        && <i8 as ::crosswire::MaxSize>::FIXED_SIZE;
    const ZERO_VALID: ::core::primitive::bool = true
        && <u64 as ::crosswire::MaxSize>::ZERO_VALID
        && <i8 as ::crosswire::MaxSize>::ZERO_VALID;
}
#[automatically_derived]
impl ::crosswire::MaxSizeBuf for Pair {
    type Buf = [::core::primitive::u8; ::crosswire::__private::sum(
        &[
            <u64 as ::crosswire::MaxSize>::MAX_SIZE,
            <i8 as ::crosswire::MaxSize>::MAX_SIZE,
        ],
    )];
}
#[automatically_derived]
impl ::crosswire::Encode for Pair {
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
                <u64 as ::crosswire::Encode>::encode(&self.0, __w)?;
                <i8 as ::crosswire::Encode>::encode(&self.1, __w)?;
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
                    0usize,
                    <u64 as ::crosswire::Encode>::encoded_len(&self.0),
                ),
                <i8 as ::crosswire::Encode>::encoded_len(&self.1),
            )
        }
    }
}
#[automatically_derived]
impl<'de> ::crosswire::Decode<'de> for Pair {
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
                        0: <u64 as ::crosswire::Decode<'de>>::decode(__r)?,
                        1: <i8 as ::crosswire::Decode<'de>>::decode(__r)?,
                    })
                },
            );
        }
        ::core::result::Result::Ok(Self {
            0: <u64 as ::crosswire::Decode<'de>>::decode(__r)?,
            1: <i8 as ::crosswire::Decode<'de>>::decode(__r)?,
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
            <u64 as ::crosswire::Decode<'de>>::decode_in_place(&mut self.0, __r)?;
            <i8 as ::crosswire::Decode<'de>>::decode_in_place(&mut self.1, __r)?;
            ::core::result::Result::Ok(())
        };
        if <Self as ::crosswire::MaxSize>::FIXED_SIZE {
            return ::crosswire::__private::decode_window::<Self, _, _>(__r, __read);
        }
        __read(__r)
    }
}
