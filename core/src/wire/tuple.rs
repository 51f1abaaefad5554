//! Tuples: the fields in order, back to back (spec §12.1), for arities 1 to 12. Derived
//! structs follow the same rule. Golden test: `s12_1_structs_and_tuples`.

use crate::{__private, Decode, Encode, Error, MaxSize, Reader, Writer};

macro_rules! tuple {
    ($($name:ident)+) => {
        impl<$($name: MaxSize),+> MaxSize for ($($name,)+) {
            const MAX_SIZE: usize = {
                let mut sum = 0;
                $(sum = __private::add(sum, $name::MAX_SIZE);)+
                sum
            };
            const FIXED_SIZE: bool = true $(&& $name::FIXED_SIZE)+;
            const ZERO_VALID: bool = true $(&& $name::ZERO_VALID)+;
        }

        impl<$($name: crate::schema::Described),+> crate::schema::Described for ($($name,)+) {
            const SCHEMA: &'static crate::schema::Schema =
                &crate::schema::Schema::Tuple { items: &[$($name::SCHEMA),+] };
        }

        /// Fields in order, back to back (spec §12.1).
        #[allow(non_snake_case, reason = "the type parameters name the fields")]
        impl<$($name: Encode),+> Encode for ($($name,)+) {
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
                let ($($name,)+) = self;
                $($name.encode(w)?;)+
                Ok(())
            }

            #[inline]
            fn encoded_len(&self) -> usize {
                let ($($name,)+) = self;
                0usize $(.saturating_add($name.encoded_len()))+
            }
        }

        /// Fields in order, back to back (spec §12.1).
        impl<'de, $($name: Decode<'de>),+> Decode<'de> for ($($name,)+) {
            #[inline]
            fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
                Ok(($($name::decode(r)?,)+))
            }
        }
    };
}

tuple!(A);
tuple!(A B);
tuple!(A B C);
tuple!(A B C D);
tuple!(A B C D E);
tuple!(A B C D E F);
tuple!(A B C D E F G);
tuple!(A B C D E F G H);
tuple!(A B C D E F G H I);
tuple!(A B C D E F G H I J);
tuple!(A B C D E F G H I J K);
tuple!(A B C D E F G H I J K L);
