//! What one frame costs the ring's sides on one core, without a second process: a frame
//! sent and received in the same thread over private memory (so every byte stays in this
//! core's cache), through the copying path (`try_send_bytes`) and the zero-copy path
//! (`reserve`, a copy into the slot, `commit`), at 64 bytes and 4 KiB, beside one `memcpy`
//! of the frame. The difference between the two paths is the producer's; the consumer's
//! copy out is the same in both. `benches/ring.rs` measures two processes.
//!
//! `cargo bench -p crosswire-benches --bench ring_path`

use std::{hint::black_box, sync::atomic::AtomicU64};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use crosswire_kernel::ring::{Consumer, Layout, PrivateSlots, Producer, Region};

fn paths(c: &mut Criterion) {
    let mut group = c.benchmark_group("ring_path");
    for size in [64usize, 4096] {
        let layout = Layout::standard(256, size as u32).unwrap();
        let memory: Vec<AtomicU64> = (0..layout.region_size() / 8)
            .map(|_| AtomicU64::new(0))
            .collect();
        let region = Region::from_atomics(&memory);
        let mut tx = Producer::create(region, &layout).unwrap();
        let mut rx = Consumer::attach(region).unwrap();
        // SAFETY: nothing but these two endpoints uses `memory`, and the consumer is honest.
        let private = unsafe { PrivateSlots::new() };
        let frame = vec![0x5Au8; size];
        let mut buf = vec![0u8; size];
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_function(BenchmarkId::new("send and receive, copying", size), |b| {
            b.iter(|| {
                tx.try_send_bytes(black_box(&frame)).unwrap();
                black_box(rx.try_recv_bytes(&mut buf).unwrap().len())
            })
        });
        group.bench_function(
            BenchmarkId::new("send and receive, reserve/commit", size),
            |b| {
                b.iter(|| {
                    let mut slot = tx.reserve(size, private).unwrap();
                    slot.copy_from_slice(black_box(&frame));
                    slot.commit(size).unwrap();
                    black_box(rx.try_recv_bytes(&mut buf).unwrap().len())
                })
            },
        );
        group.bench_function(BenchmarkId::new("memcpy", size), |b| {
            b.iter(|| {
                buf.copy_from_slice(black_box(&frame));
                black_box(&mut buf);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, paths);
criterion_main!(benches);
