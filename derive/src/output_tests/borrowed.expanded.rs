#[automatically_derived]
impl<'a> ::crosswire::MaxSize for Hello<'a>
where
    for<'__cw> BoundedStr<'a, 16>: ::crosswire::MaxSize,
{
    const MAX_SIZE: ::core::primitive::usize = ::crosswire::__private::sum(
        &[
            <u8 as ::crosswire::MaxSize>::MAX_SIZE,
            <BoundedStr<'a, 16> as ::crosswire::MaxSize>::MAX_SIZE,
        ],
    );
    const FIXED_SIZE: ::core::primitive::bool = true
        && <u8 as ::crosswire::MaxSize>::FIXED_SIZE
        && <BoundedStr<'a, 16> as ::crosswire::MaxSize>::FIXED_SIZE;
    const ZERO_VALID: ::core::primitive::bool = true
        && <u8 as ::crosswire::MaxSize>::ZERO_VALID
        && <BoundedStr<'a, 16> as ::crosswire::MaxSize>::ZERO_VALID;
}
#[automatically_derived]
impl<'a> ::crosswire::MaxSizeBuf for Hello<'a>
where
    for<'__cw> BoundedStr<'a, 16>: ::crosswire::MaxSize,
{
    type Buf = [::core::primitive::u8; ::crosswire::__private::sum(
        &[
            <u8 as ::crosswire::MaxSize>::MAX_SIZE,
            {
                let _ = <BoundedStr<
                    'static,
                    16,
                > as ::crosswire::hint::DeriveMaxSize>::check;
                <BoundedStr<'static, 16> as ::crosswire::MaxSize>::MAX_SIZE
            },
        ],
    )];
}
const _: () = {
    struct Probe<T: ?::core::marker::Sized>(::core::marker::PhantomData<T>);
    trait WithMaxSize<T: ?::core::marker::Sized> {
        fn check(&self)
        where
            T: ::crosswire::Encode,
        {}
    }
    impl<T: ?::core::marker::Sized + ::crosswire::MaxSize> WithMaxSize<T> for Probe<T> {}
    trait WithoutMaxSize {
        fn check(&self) {}
    }
    impl<T: ?::core::marker::Sized> WithoutMaxSize for &Probe<T> {}
    #[allow(dead_code, clippy::needless_borrow, clippy::multiple_bound_locations)]
    fn __crosswire_field_checks<'a>() {
        (&Probe::<BoundedStr<'a, 16>>(::core::marker::PhantomData)).check();
    }
};
#[automatically_derived]
impl<'a> ::crosswire::Encode for Hello<'a>
where
    for<'__cw> BoundedStr<'a, 16>: ::crosswire::Encode,
{
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
                <u8 as ::crosswire::Encode>::encode(&self.version, __w)?;
                <BoundedStr<'a, 16> as ::crosswire::Encode>::encode(&self.name, __w)?;
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
                    <u8 as ::crosswire::Encode>::encoded_len(&self.version),
                ),
                <BoundedStr<'a, 16> as ::crosswire::Encode>::encoded_len(&self.name),
            )
        }
    }
}
const _: () = {
    struct Probe<T: ?::core::marker::Sized>(::core::marker::PhantomData<T>);
    trait WithMaxSize<'de, T: ?::core::marker::Sized> {
        fn check(&self)
        where
            T: ::crosswire::Decode<'de>,
        {}
    }
    impl<'de, T: ?::core::marker::Sized + ::crosswire::MaxSize> WithMaxSize<'de, T>
    for Probe<T> {}
    trait WithoutMaxSize {
        fn check(&self) {}
    }
    impl<T: ?::core::marker::Sized> WithoutMaxSize for &Probe<T> {}
    #[allow(dead_code, clippy::needless_borrow, clippy::multiple_bound_locations)]
    fn __crosswire_field_checks<'de>() {
        (&Probe::<BoundedStr<'de, 16>>(::core::marker::PhantomData)).check();
    }
};
#[automatically_derived]
impl<'de> ::crosswire::Decode<'de> for Hello<'de>
where
    for<'__cw> BoundedStr<'de, 16>: ::crosswire::Decode<'de>,
{
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
                        version: <u8 as ::crosswire::Decode<'de>>::decode(__r)?,
                        name: <BoundedStr<
                            'de,
                            16,
                        > as ::crosswire::Decode<'de>>::decode(__r)?,
                    })
                },
            );
        }
        ::core::result::Result::Ok(Self {
            version: <u8 as ::crosswire::Decode<'de>>::decode(__r)?,
            name: <BoundedStr<'de, 16> as ::crosswire::Decode<'de>>::decode(__r)?,
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
            <u8 as ::crosswire::Decode<'de>>::decode_in_place(&mut self.version, __r)?;
            <BoundedStr<
                'de,
                16,
            > as ::crosswire::Decode<'de>>::decode_in_place(&mut self.name, __r)?;
            ::core::result::Result::Ok(())
        };
        if <Self as ::crosswire::MaxSize>::FIXED_SIZE {
            return ::crosswire::__private::decode_window::<Self, _, _>(__r, __read);
        }
        __read(__r)
    }
}
