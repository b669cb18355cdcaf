//! Reading request mails: 1,000 mails from the intake corpus (ISO-2022-JP, Shift_JIS and
//! UTF-8; plain, quoted-printable, base64 and HTML-only), each decoded from its bytes and
//! read into a proposal. Run with `cargo bench --bench intake`.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use chrono::{NaiveDate, Weekday};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use madoguchi::domain::intake::{IntakeRules, read_request};
use madoguchi::domain::time::{Interval, TimeOfDay};
use madoguchi::mail::incoming::decode;

/// The corpus's mails, repeated to `count`.
fn mails(count: usize) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/intake");
    let mut corpus: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .expect("the corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .map(|p| std::fs::read(p).expect("a corpus mail"))
        .collect();
    corpus.sort();
    corpus.iter().cycle().take(count).cloned().collect()
}

fn read_mails(c: &mut Criterion) {
    let rules = IntakeRules {
        group_weekday: Weekday::Wed,
        group_window: Interval::new(TimeOfDay::hm(13, 0).expect("time"), TimeOfDay::hm(15, 0).expect("time"))
            .expect("window"),
        consultation_lengths: vec![30, 60],
    };
    let received = NaiveDate::from_ymd_opt(2026, 11, 20).and_then(|d| d.and_hms_opt(12, 0, 0)).expect("time");
    let mails = mails(1_000);
    let mut group = c.benchmark_group("intake");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(mails.len() as u64));
    group.bench_function("decode and read 1,000 request mails", |b| {
        b.iter(|| {
            for raw in &mails {
                let mail = decode(raw, received).expect("decodes");
                black_box(read_request(&mail, &rules));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, read_mails);
criterion_main!(benches);
