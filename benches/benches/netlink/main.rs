//! Criterion: decoding a captured rtnetlink link dump (`benches/fixtures/rtnl_link_dump.bin`,
//! 201 links from a namespace with 100 veth pairs) with crosswire, netlink-packet-route and
//! neli; building a generic netlink `CTRL_CMD_GETFAMILY` request with crosswire and neli.
//! `cargo bench -p crosswire-benches --bench netlink`; `docs/netlink-performance.md` has the
//! results.

mod peers;

use std::{hint::black_box, time::Duration};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const DUMP: &[u8] = include_bytes!("../../fixtures/rtnl_link_dump.bin");

fn decode(c: &mut Criterion) {
    let expected = peers::crosswire_decode(DUMP);
    assert_eq!(
        peers::npr_decode(DUMP),
        expected,
        "netlink-packet-route disagrees"
    );
    assert_eq!(peers::neli_decode(DUMP), expected, "neli disagrees");
    let mut group = c.benchmark_group("rtnl_link_dump_decode");
    group.throughput(Throughput::Elements(expected.links));
    group.bench_function("crosswire", |b| {
        b.iter(|| peers::crosswire_decode(black_box(DUMP)))
    });
    group.bench_function("netlink-packet-route", |b| {
        b.iter(|| peers::npr_decode(black_box(DUMP)))
    });
    group.bench_function("neli", |b| b.iter(|| peers::neli_decode(black_box(DUMP))));
    group.finish();
}

fn build(c: &mut Criterion) {
    let mut out = [0u8; 64];
    let n = peers::crosswire_getfamily(1, &mut out);
    assert_eq!(
        &out[..n],
        &peers::neli_getfamily(1)[..],
        "the requests differ"
    );
    let mut group = c.benchmark_group("genl_getfamily_build");
    group.bench_function("crosswire", |b| {
        b.iter(|| {
            let mut out = [0u8; 64];
            let n = peers::crosswire_getfamily(black_box(1), &mut out);
            black_box(out);
            n
        })
    });
    group.bench_function("neli", |b| b.iter(|| peers::neli_getfamily(black_box(1))));
    group.finish();
}

criterion_group! {
    name = benches;
    // The machine is small and shared: short runs.
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .sample_size(30);
    targets = decode, build
}
criterion_main!(benches);
