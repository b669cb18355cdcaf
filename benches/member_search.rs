//! The search box over 5,000 members: every query answered from the in-memory index.
//! Target: 5 ms or less for any query. Run with `cargo bench --bench member_search`.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use madoguchi::store::{DemoOptions, Store};

fn member_search(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("bench.sqlite3")).expect("open");
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    store.fill_demo_data(&DemoOptions { members: 5_000, weeks: 0, seed: 1, from: None, today }).expect("demo data");
    c.bench_function("member_index (load 5000 members)", |b| {
        b.iter(|| black_box(store.member_index().expect("index")))
    });
    let index = store.member_index().expect("index");
    for query in ["3456", "1", "やまだ", "ﾔﾏﾀﾞ ﾊﾅｺ", "山田 花子", "０９０－１２", "044", "該当なし"]
    {
        c.bench_function(&format!("search 5000 members: {query}"), |b| {
            b.iter(|| black_box(index.search(black_box(query), 20).len()))
        });
    }
}

criterion_group!(benches, member_search);
criterion_main!(benches);
