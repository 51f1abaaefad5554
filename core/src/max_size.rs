//! [`MaxSize`]: the compile-time bound on a type's encoded size (spec §2). Each type's
//! impl lives with its rule, in `wire`; the const arithmetic that the impls and the derive
//! compute it with is in `__private`.

/// The largest number of bytes any value of the type encodes to, known at compile time.
///
/// A message of type `T` always fits in `[u8; T::MAX_SIZE]`.
///
/// ```
/// use crosswire::MaxSize;
///
/// assert_eq!(<(u32, Option<u8>, [u16; 3])>::MAX_SIZE, 4 + 2 + 6);
/// assert_eq!(crosswire::BoundedVec::<u8, 16>::MAX_SIZE, 4 + 16);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no finite crosswire `MAX_SIZE`: use a bounded type or implement `MaxSize`",
    label = "no compile-time bound on the encoded size of this type",
    note = "crosswire encodes only types whose size is bounded at compile time: `BoundedVec<T, N>` (or `HeapVec<T, N>`, feature `alloc`) for `Vec<T>`, `BoundedString<N>` (or `HeapString<N>`) for `String`, `BoundedStr<'a, N>` for `&str`, `BoundedBytes<'a, N>` for `&[u8]`, `BoundedVec<(K, V), N>` for a map, `T` for `Box<T>` (or feature `alloc`); feature `float` for `f32`/`f64`; or implement the trait"
)]
pub trait MaxSize {
    /// The largest encoded size of any value of this type, in bytes.
    const MAX_SIZE: usize;
    /// `true` when every value encodes to exactly `MAX_SIZE` bytes. Encoders use it to
    /// check the room for a whole value once instead of field by field.
    const FIXED_SIZE: bool = false;
    /// `true` for an extensible struct (spec §13): a `u32` body length, then a body that
    /// grows between versions. `#[derive(MaxSize)]` sets it for `#[crosswire(extensible)]`;
    /// a hand-written impl that calls [`extensible`](crate::extensible) should set it too.
    /// Transports that apply the kernel's size-versioning rules to a message check it at
    /// compile time (`crosswire_kernel::message::Extensible`).
    const EXTENSIBLE: bool = false;
    /// `true` when the all-zero encoding of `MAX_SIZE` bytes (fewer for a shorter value)
    /// decodes: what a field of an extensible struct added in a later version reads as when
    /// an older sender leaves it out (spec §13). `false` for `NonZero` integers, enums
    /// without a variant tagged 0 (whose fields read from zeros), and extensible structs
    /// with first-version fields; the derive refuses such a field type after
    /// `#[crosswire(since = N)]`. A hand-written impl whose zero encoding is invalid should
    /// set it to `false`.
    const ZERO_VALID: bool = true;
    /// The `MAX_SIZE` of the type's first published version: for an extensible struct, its
    /// length prefix and the fields without `#[crosswire(since = N)]`; for every other type,
    /// `MAX_SIZE`. The smallest buffer a kernel interface accepts from a caller
    /// (`crosswire_kernel::message::Extensible`).
    const FIRST_VERSION_MAX_SIZE: usize = Self::MAX_SIZE;
}

/// A type whose `[u8; MAX_SIZE]` buffer is itself a type, [`Buf`](MaxSizeBuf::Buf), so that
/// generic code can hold a buffer sized at compile time.
///
/// On stable Rust, generic code cannot write `[u8; T::MAX_SIZE]` (nor
/// `to_array::<_, { T::MAX_SIZE }>`): an array length may not depend on a type parameter.
/// A type can name its own buffer, though, and `#[derive(MaxSize)]` implements this trait
/// for every type without type or const parameters (lifetimes are fine); crosswire
/// implements it for the primitive types. Generic containers (`BoundedVec<T, N>`, `[T; N]`,
/// `Option<T>`) cannot have it: wrap them in a struct of your own and derive.
///
/// ```
/// use crosswire::{ByteArray, Encode, Error, MaxSize, MaxSizeBuf};
///
/// /// Encodes any message into a buffer of its own `MAX_SIZE` on the stack.
/// fn send<T: Encode + MaxSizeBuf>(value: &T, out: &mut Vec<u8>) -> Result<(), Error> {
///     let mut buf = T::Buf::zeroed(); // [u8; T::MAX_SIZE]
///     let bytes = crosswire::to_slice(value, buf.as_mut())?; // cannot run out of room
///     out.extend_from_slice(bytes);
///     Ok(())
/// }
///
/// #[derive(Encode, MaxSize)]
/// struct Ping {
///     seq: u32,
///     note: Option<u16>,
/// }
///
/// let mut out = Vec::new();
/// send(&Ping { seq: 7, note: None }, &mut out)?;
/// send(&0xABu8, &mut out)?;
/// assert_eq!(out, [7, 0, 0, 0, 0, 0xAB]);
/// assert_eq!(<Ping as MaxSizeBuf>::Buf::LEN, Ping::MAX_SIZE);
/// # Ok::<(), Error>(())
/// ```
pub trait MaxSizeBuf: MaxSize {
    /// `[u8; Self::MAX_SIZE]`.
    type Buf: ByteArray;
}

/// A byte array `[u8; N]` of any length, as [`MaxSizeBuf::Buf`] is: zeroed, borrowed as a
/// slice, copied.
pub trait ByteArray: AsRef<[u8]> + AsMut<[u8]> + Copy + Sized {
    /// The length `N`.
    const LEN: usize;

    /// An array of zeros.
    fn zeroed() -> Self;
}

impl<const N: usize> ByteArray for [u8; N] {
    const LEN: usize = N;

    #[inline]
    fn zeroed() -> Self {
        [0; N]
    }
}

/// Implements [`MaxSize`] (and [`MaxSizeBuf`]) for types whose every value takes the same number of bytes:
/// `fixed_size! { u32 => 4, bool => 1 }`. Used by the modules of `wire`.
/// `fixed_size! { zero_invalid: NonZeroU8 => 1 }` for types whose all-zero encoding is no
/// value ([`MaxSize::ZERO_VALID`] `false`).
macro_rules! fixed_size {
    ($($ty:ty => $size:expr),* $(,)?) => {
        $crate::max_size::fixed_size! { @zero_valid true; $($ty => $size),* }
    };
    (zero_invalid: $($ty:ty => $size:expr),* $(,)?) => {
        $crate::max_size::fixed_size! { @zero_valid false; $($ty => $size),* }
    };
    (@zero_valid $zero_valid:literal; $($ty:ty => $size:expr),* $(,)?) => {$(
        impl $crate::MaxSize for $ty {
            const MAX_SIZE: usize = $size;
            const FIXED_SIZE: bool = true;
            const ZERO_VALID: bool = $zero_valid;
        }

        impl $crate::MaxSizeBuf for $ty {
            type Buf = [u8; $size];
        }
    )*};
}

pub(crate) use fixed_size;

/// Checks at compile time that a value of `Type` takes at most `limit` bytes in memory
/// (`size_of`), so that a message stays small enough for the stack it is decoded on (a
/// kernel thread has 16 KiB). `MAX_SIZE` bounds the bytes on the wire; the value in memory
/// may be larger (a `BoundedVec<u32, N>` holds `N` slots, used or not) or smaller (a
/// `HeapVec` keeps its items on the heap). A constant item: `cargo check` reports a failure
/// on the macro's line, with both sizes. The type must be concrete.
///
/// ```
/// use crosswire::{assert_size_of, BoundedVec, MaxSize};
/// #[derive(MaxSize)]
/// struct Batch {
///     ids: BoundedVec<u32, 64>,
/// }
/// assert_size_of!(Batch, 512);
/// ```
///
/// ```compile_fail
/// // 4 + 64 * 4 bytes on the wire, but 264 in memory: over 256.
/// crosswire::assert_size_of!(crosswire::BoundedVec<u32, 64>, 256);
/// ```
#[macro_export]
macro_rules! assert_size_of {
    ($ty:ty, $limit:expr $(,)?) => {
        const _: () = $crate::__build_assert!($crate::__private::size_of_at_most(
            ::core::mem::size_of::<$ty>(),
            $limit
        ));
    };
}
