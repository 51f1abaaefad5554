//! Compile-time error messages that carry numbers. A `const` panic on stable Rust can
//! format only a `&str`, so [`BuildError`] writes the text and the decimal numbers into a
//! fixed buffer at compile time and panics with the finished string. Used by the size
//! checks of `__private` (`to_array`, `to_fixed`, bounded capacities), whose failure is a
//! build error, never a runtime panic.

// Compile time only: an index out of range or an overflow here stops the build, as
// the panic below does.
#![allow(
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic,
    clippy::as_conversions,
    reason = "evaluated only at compile time, where a panic is a build error"
)]

/// Room for the longest message; longer text is cut.
const CAPACITY: usize = 256;

/// A build error under construction: `BuildError::new().str("a ").num(8).fail()`.
pub struct BuildError {
    bytes: [u8; CAPACITY],
    len: usize,
}

impl BuildError {
    /// An empty message.
    pub const fn new() -> Self {
        BuildError {
            bytes: [0; CAPACITY],
            len: 0,
        }
    }

    /// Appends `s`.
    pub const fn str(mut self, s: &str) -> Self {
        let s = s.as_bytes();
        let mut i = 0;
        while i < s.len() && self.len < CAPACITY {
            self.bytes[self.len] = s[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    /// Appends `n` in decimal.
    pub const fn num(mut self, mut n: usize) -> Self {
        let mut digits = [0u8; 20];
        let mut count = 0;
        loop {
            digits[count] = b'0' + (n % 10) as u8;
            count += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        while count > 0 && self.len < CAPACITY {
            count -= 1;
            self.bytes[self.len] = digits[count];
            self.len += 1;
        }
        self
    }

    /// The message, or `None` if nothing was written (a check that passed).
    pub const fn message(&self) -> Option<&str> {
        if self.len == 0 {
            return None;
        }
        let (text, _) = self.bytes.split_at(self.len);
        match core::str::from_utf8(text) {
            Ok(text) => Some(text),
            Err(_) => Some("crosswire: a compile-time size check failed"),
        }
    }

    /// Stops compilation with the message.
    pub const fn fail(&self) -> ! {
        let (text, _) = self.bytes.split_at(self.len);
        match core::str::from_utf8(text) {
            Ok(text) => panic!("{}", text),
            Err(_) => panic!("crosswire: a compile-time size check failed"),
        }
    }
}

/// Stops compilation with the message of `$check` (a [`BuildError`]) if it has one, from
/// the caller's constant: the error points at the caller, with one frame inside crosswire
/// (`BuildError::fail`), whatever function wrote the message.
#[doc(hidden)]
#[macro_export]
macro_rules! __build_assert {
    ($check:expr) => {
        match $check {
            check => {
                if check.message().is_some() {
                    check.fail()
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::BuildError;

    /// `usize::MAX` in decimal on this target.
    #[cfg(target_pointer_width = "64")]
    const USIZE_MAX: &str = "18446744073709551615";
    #[cfg(target_pointer_width = "32")]
    const USIZE_MAX: &str = "4294967295";

    #[test]
    fn writes_text_and_numbers() {
        let m = BuildError::new().str("a ").num(0).str(" b ").num(1234);
        assert_eq!(core::str::from_utf8(&m.bytes[..m.len]), Ok("a 0 b 1234"));
        let max = BuildError::new().num(usize::MAX);
        assert_eq!(core::str::from_utf8(&max.bytes[..max.len]), Ok(USIZE_MAX));
    }
}
