//! Error collection: every step reports into one context, so the user sees all errors of a
//! derive at once (serde_derive's `Ctxt`).
//!
//! serde_derive's context panics when it is dropped without its errors having been
//! taken. Here forgetting them cannot compile instead: a `Ctxt` exists only inside
//! [`Ctxt::run`], which always ends by returning the errors collected. A type-level
//! guarantee costs nothing at run time and keeps a `panic!` out of the macro.

use std::cell::RefCell;

pub struct Ctxt {
    // Private: no `Ctxt` can be made outside `run`.
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    /// Runs `steps` with a fresh context: their result when they reported no error, else
    /// every reported error combined into one.
    pub fn run<T>(steps: impl FnOnce(&Ctxt) -> T) -> Result<T, syn::Error> {
        let cx = Ctxt {
            errors: RefCell::new(Vec::new()),
        };
        let value = steps(&cx);
        let mut errors = cx.errors.into_inner().into_iter();
        match errors.next() {
            None => Ok(value),
            Some(mut first) => {
                first.extend(errors);
                Err(first)
            }
        }
    }

    pub fn push(&self, error: syn::Error) {
        self.errors.borrow_mut().push(error);
    }

    pub fn error_spanned(&self, tokens: impl quote::ToTokens, message: impl std::fmt::Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::Span;

    use super::Ctxt;

    #[test]
    fn run_returns_the_value_or_every_error() {
        assert_eq!(Ctxt::run(|_| 7).map_err(|e| e.to_string()), Ok(7));
        let errors = Ctxt::run(|cx| {
            cx.push(syn::Error::new(Span::call_site(), "first"));
            cx.push(syn::Error::new(Span::call_site(), "second"));
            7
        })
        .expect_err("two errors were reported");
        let messages: Vec<String> = errors.into_iter().map(|e| e.to_string()).collect();
        assert_eq!(messages, ["first", "second"]);
    }
}
