//! The shared-memory ring (`docs/ring-format.md`): the region-level protocol in one
//! process, two processes and a hostile peer over a memfd, the `shm_ring` example, and the
//! memory-ordering model under loom. A plain build compiles every module but `model`; the
//! loom build (`RUSTFLAGS="--cfg loom"`, `loom.sh`) compiles only `model`.

mod example;
mod hostile;
mod model;
mod process;
mod protocol;
