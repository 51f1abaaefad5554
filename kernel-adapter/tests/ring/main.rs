//! The shared-memory ring (`docs/ring-format.md`): the region-level protocol in one
//! process, two processes and a hostile peer over a memfd, the `shm_ring` example, and the
//! memory-ordering model under loom. A plain build compiles every module but `model`; the
//! loom build (`RUSTFLAGS="--cfg loom"`, `loom.sh`) compiles only `model`.

// The async endpoints need tokio, which the loom build does not have.
#[cfg(all(feature = "tokio", not(loom)))]
mod asynchronous;
mod example;
mod hostile;
mod model;
mod process;
mod protocol;

/// One module's tests at a time among the modules whose tests run processes against
/// deadlines (`asynchronous`, `example`, `hostile`, `process`): as binaries of their own they never
/// overlapped, and beside the example's scribbling processes the hostile peer's consumer
/// starves on a loaded machine. Tests of one module still run side by side.
#[cfg(all(
    not(crosswire_qemu_user),
    feature = "std",
    target_os = "linux",
    not(loom)
))]
mod turns {
    use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

    /// The module whose tests run now, and how many of them.
    static NOW: Mutex<(Option<&'static str>, usize)> = Mutex::new((None, 0));
    static ENDED: Condvar = Condvar::new();

    fn now() -> MutexGuard<'static, (Option<&'static str>, usize)> {
        NOW.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Held by a test while it runs.
    pub struct Turn;

    /// Waits until no other module's test runs; call with `module_path!()`.
    pub fn take(module: &'static str) -> Turn {
        let mut now = now();
        while now.0.is_some_and(|m| m != module) {
            now = ENDED.wait(now).unwrap_or_else(PoisonError::into_inner);
        }
        now.0 = Some(module);
        now.1 += 1;
        Turn
    }

    impl Drop for Turn {
        fn drop(&mut self) {
            let mut now = now();
            now.1 -= 1;
            if now.1 == 0 {
                now.0 = None;
                ENDED.notify_all();
            }
        }
    }
}
