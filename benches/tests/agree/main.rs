//! The benchmarks' peers agree before anything is timed: the codec peers on the same
//! messages (`codec`), the netlink peers on the captured dump (`netlink`, which also counts
//! allocations: the allocator below is this binary's, and counts per thread).

mod codec;
mod netlink;
