//! Throughput of the runtime's `text/event-stream` parser (`generator/runtime/sse.rs`, included
//! as a module, exactly the file the generated crates copy) against the `eventsource-stream`
//! crate, on the same bytes delivered in the same chunks.
//!
//! Run with `cargo bench --manifest-path benches/Cargo.toml --bench sse`. The input is 10,000
//! OpenAI-style `chat.completion.chunk` events (`data: {json}\n\n`, ~250 bytes each), a keep-alive
//! comment every 100 events, a named multi-line event with an id every 250, and a final
//! `data: [DONE]`; it is cut into chunks of 1 KiB and of 16 KiB (what an HTTP body delivers).
//! Both sides start from the same `Bytes` chunks and end with owned events; each is checked to
//! parse the same events before anything is timed. Criterion reports MB/s (`Throughput::Bytes`);
//! then an interleaved run (rounds alternating the two sides) prints events/s and MB/s of each.

#[allow(dead_code)] // The runtime's parser has accessors this benchmark does not call.
#[path = "../generator/runtime/sse.rs"]
mod sse;

use bytes::Bytes;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use eventsource_stream::Eventsource;
use futures::StreamExt;
use std::convert::Infallible;
use std::hint::black_box;
use std::time::{Duration, Instant};

const EVENTS: usize = 10_000;
const CHUNK_SIZES: [usize; 2] = [1024, 16 * 1024];

/// The stream's bytes, and how many events it dispatches.
fn input() -> (Vec<u8>, usize) {
    let mut out = String::new();
    let mut events = 0;
    let words = [
        "Hello", " there", ",", " how", " can", " I", " help", " you", " today", "?",
    ];
    for i in 0..EVENTS {
        if i % 100 == 0 {
            out.push_str(": keep-alive\n");
        }
        if i % 250 == 249 {
            out.push_str(&format!(
                "event: usage\nid: {i}\ndata: {{\ndata:   \"prompt_tokens\": 12,\ndata:   \"completion_tokens\": {i}\ndata: }}\n\n"
            ));
            events += 1;
        }
        out.push_str(&format!(
            "data: {{\"id\":\"chatcmpl-9x3fQ2bLk7RzT0000000{:05}\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_0ba0d124f1\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{}\"}},\"logprobs\":null,\"finish_reason\":null}}]}}\n\n",
            i % 100_000,
            words[i % words.len()],
        ));
        events += 1;
    }
    out.push_str("data: [DONE]\n\n");
    events += 1;
    (out.into_bytes(), events)
}

/// The input cut into `size`-byte chunks (the last one shorter).
fn chunks(input: &[u8], size: usize) -> Vec<Bytes> {
    let all = Bytes::copy_from_slice(input);
    (0..input.len())
        .step_by(size)
        .map(|at| all.slice(at..(at + size).min(input.len())))
        .collect()
}

/// Our parser over the chunks; every event is handed to `each`.
fn ours(chunks: &[Bytes], mut each: impl FnMut(sse::SseEvent)) -> usize {
    let mut parser = sse::Parser::new(sse::Framing::Sse, 1 << 20);
    let mut n = 0;
    for chunk in chunks {
        parser.feed(chunk);
        while let Some(event) = parser.next().expect("within the limit") {
            each(event);
            n += 1;
        }
    }
    while let Some(event) = parser.finish().expect("within the limit") {
        each(event);
        n += 1;
    }
    n
}

/// `eventsource-stream` over the same chunks, driven by `futures`' single-thread executor.
fn theirs(chunks: &[Bytes], mut each: impl FnMut(eventsource_stream::Event)) -> usize {
    let stream = futures::stream::iter(chunks.iter().cloned().map(Ok::<Bytes, Infallible>));
    let mut events = stream.eventsource();
    futures::executor::block_on(async {
        let mut n = 0;
        while let Some(event) = events.next().await {
            each(event.expect("valid stream"));
            n += 1;
        }
        n
    })
}

/// Both sides give the same events (type, data, id) on this input, in every chunking.
fn check(input: &[u8], expected: usize) {
    for size in CHUNK_SIZES {
        let chunks = chunks(input, size);
        let mut a = Vec::new();
        let mut b = Vec::new();
        assert_eq!(
            ours(&chunks, |e| a.push((
                e.event,
                e.data,
                e.id.unwrap_or_default()
            ))),
            expected
        );
        assert_eq!(
            theirs(&chunks, |e| b.push((e.event, e.data, e.id))),
            expected
        );
        assert!(a == b, "the two parsers disagree");
    }
}

fn bench(c: &mut Criterion) {
    let (input, events) = input();
    check(&input, events);
    println!(
        "input: {} bytes, {events} events, {:.0} bytes per event",
        input.len(),
        input.len() as f64 / events as f64
    );
    for size in CHUNK_SIZES {
        let chunks = chunks(&input, size);
        let mut group = c.benchmark_group(format!("sse/{}KiB-chunks", size / 1024));
        group
            .throughput(Throughput::Bytes(input.len() as u64))
            .sample_size(20)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(4));
        group.bench_function("ours", |b| b.iter(|| ours(&chunks, |e| drop(black_box(e)))));
        group.bench_function("eventsource-stream", |b| {
            b.iter(|| theirs(&chunks, |e| drop(black_box(e))))
        });
        group.finish();
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` runs each benchmark once, untimed.
    if std::env::args().any(|arg| arg == "--bench") {
        interleaved(&input, events);
    }
}

/// Rounds alternating the two sides (and which goes first); prints the median of each side's
/// events/s and MB/s, and the median of the per-round ratio.
fn interleaved(input: &[u8], events: usize) {
    const ROUNDS: usize = 15;
    println!(
        "\nsse, interleaved ({ROUNDS} rounds, one parse of the whole input per side per round):"
    );
    println!(
        "{:<8} {:>20} {:>10} {:>24} {:>10} {:>8}",
        "chunks", "ours events/s", "MB/s", "eventsource-stream ev/s", "MB/s", "speedup"
    );
    for size in CHUNK_SIZES {
        let chunks = chunks(input, size);
        let mut times = [Vec::new(), Vec::new()];
        let mut ratios = Vec::new();
        for round in 0..ROUNDS {
            let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
            let mut this = [Duration::ZERO; 2];
            for side in order {
                let start = Instant::now();
                let n = if side == 0 {
                    ours(&chunks, |e| drop(black_box(e)))
                } else {
                    theirs(&chunks, |e| drop(black_box(e)))
                };
                this[side] = start.elapsed();
                assert_eq!(n, events);
            }
            ratios.push(this[1].as_secs_f64() / this[0].as_secs_f64());
            times[0].push(this[0]);
            times[1].push(this[1]);
        }
        let median = |t: &mut Vec<Duration>| {
            t.sort();
            t[t.len() / 2].as_secs_f64()
        };
        let (a, b) = (median(&mut times[0]), median(&mut times[1]));
        ratios.sort_by(f64::total_cmp);
        let mb = input.len() as f64 / 1e6;
        println!(
            "{:<8} {:>20.0} {:>10.1} {:>24.0} {:>10.1} {:>7.1}x",
            format!("{} KiB", size / 1024),
            events as f64 / a,
            mb / a,
            events as f64 / b,
            mb / b,
            ratios[ROUNDS / 2]
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
