//! The members import, from the file's bytes to the committed rows: decode, split, check
//! every row with the member form's rules, insert in one transaction. Target (issue 13):
//! 20,000 valid rows in 1 s or less, 40,000 in no more than 2.2 times that (linear).
//! Run with `cargo bench --bench import`.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use madoguchi::import;
use madoguchi::store::Store;

/// A members list as Excel saves it (UTF-8 with BOM, CRLF), `rows` valid members.
fn members_csv(rows: u32) -> Vec<u8> {
    let family = ["山田", "佐藤", "鈴木", "高橋", "伊藤", "渡辺", "中村", "小林"];
    let family_kana = ["やまだ", "さとう", "すずき", "たかはし", "いとう", "わたなべ", "なかむら", "こばやし"];
    let mut text =
        String::from("\u{feff}会員番号,氏名,ふりがな,電話番号,電話番号2,メールアドレス,連絡方法,同意日,備考\r\n");
    for n in 1..=rows {
        let i = (n % 8) as usize;
        text.push_str(&format!(
            "{n},{} 花子{n},{} はなこ,044-8{:02}-{:04},090-1{:03}-{:04},m{n}@example.jp,メール,2026-04-01,\r\n",
            family[i],
            family_kana[i],
            n % 100,
            n % 10_000,
            n % 1_000,
            (n * 7) % 10_000
        ));
    }
    text.into_bytes()
}

fn import_rows(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let mut group = c.benchmark_group("import");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    for rows in [5_000, 20_000, 40_000] {
        let bytes = members_csv(rows);
        group.bench_function(format!("{rows} rows: read, check and insert"), |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().expect("tempdir");
                    let store = Store::open(&dir.path().join("bench.sqlite3")).expect("open");
                    (dir, store)
                },
                |(dir, mut store)| {
                    let table = import::read_table(&bytes).expect("table");
                    let mapping = import::guess_mapping(&table.headers);
                    let plan = import::check_rows(&table, &mapping, today).expect("plan");
                    assert!(plan.errors.is_empty(), "{:?}", plan.errors.first());
                    let members: Vec<_> = plan.members.into_iter().map(|(_, m)| m).collect();
                    let outcome = store.import_members(&members, "bench.csv", false).expect("import");
                    black_box(outcome.added);
                    drop(store);
                    drop(dir);
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, import_rows);
criterion_main!(benches);
