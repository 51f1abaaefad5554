//! Criterion: time per encode and decode of each message with each peer.
//! `cargo bench -p crosswire-benches`; `docs/performance.md` has the results.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use crosswire_benches::{visit_all, Visit};

struct Bench<'a>(&'a mut Criterion);

impl Visit for Bench<'_> {
    fn op<F: FnMut()>(&mut self, msg: &str, op: &str, peer: &str, _bytes: usize, mut f: F) {
        let mut group = self.0.benchmark_group(msg);
        group.bench_function(BenchmarkId::new(op, peer), |b| b.iter(&mut f));
        group.finish();
    }
}

fn codec(c: &mut Criterion) {
    visit_all(&mut Bench(c));
}

criterion_group! {
    name = benches;
    // The machine is small and shared: modest times, many samples of short runs.
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .sample_size(50);
    targets = codec
}
criterion_main!(benches);
