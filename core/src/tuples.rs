//! The list of tuple arities crosswire supports (1 to 12), shared by every trait's impls.

/// Calls `$mac!(A)`, `$mac!(A B)`, ... up to twelve type parameters.
#[doc(hidden)]
#[macro_export]
macro_rules! for_each_tuple {
    ($mac:ident) => {
        $mac!(A);
        $mac!(A B);
        $mac!(A B C);
        $mac!(A B C D);
        $mac!(A B C D E);
        $mac!(A B C D E F);
        $mac!(A B C D E F G);
        $mac!(A B C D E F G H);
        $mac!(A B C D E F G H I);
        $mac!(A B C D E F G H I J);
        $mac!(A B C D E F G H I J K);
        $mac!(A B C D E F G H I J K L);
    };
}
