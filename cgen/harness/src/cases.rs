//! The types of the differential, in one order for every user (the test, the libFuzzer
//! target): `all_types!(m)` calls `m!(Ints, Scalars, ...)`.

/// Calls `$m!` with every differential type.
#[macro_export]
macro_rules! all_types {
    ($m:ident) => {
        $m!(
            Ints,
            Scalars,
            Containers,
            Views<'_>,
            State,
            Cmd16,
            Mode32,
            Unit,
            Nest,
            Generics,
            SettingsV1,
            SettingsV2,
            ExtViews<'_>,
            Inner,
            Outer,
            Envelope<'_>,
            Status,
            Event,
            Request<'_>,
            Holder<'_>
        )
    };
}
