//! The benchmarks' codec peers agree on the same messages before anything is timed. The
//! netlink peers' agreement test is `benches/netlink/agree.rs`, beside the netlink bench
//! whose peers it checks.

mod codec;
