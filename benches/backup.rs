//! A backup of a 100 MB database: the online backup API copying page by page, the
//! `integrity_check` of the copy, and the rename. The database holds demo data
//! (5,000 members, 520 weeks of bookings) and an audit log grown to reach 100 MB, the
//! way years of changes would grow it.
//!
//! Run with `cargo bench --bench backup`.

use std::time::Instant;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use madoguchi::store::{DemoOptions, Store};

const TARGET_BYTES: u64 = 100 * 1024 * 1024;

fn hundred_megabytes() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.sqlite3");
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    {
        let mut store = Store::open(&path).expect("open");
        store
            .fill_demo_data(&DemoOptions { members: 5_000, weeks: 520, seed: 1, from: None, today })
            .expect("demo data");
    }
    // Years of audit rows: each a member's record before and after a change, about 1 KB.
    let conn = rusqlite::Connection::open(&path).expect("open");
    let record = format!(
        r#"{{"number":"1234","name":"山田 花子","kana":"やまだ はなこ","phones":["0448638444"],"notes":"{}"}}"#,
        "午後の連絡を希望。".repeat(30)
    );
    let mut rows = 0;
    while std::fs::metadata(&path).expect("size").len() < TARGET_BYTES {
        let tx = conn.unchecked_transaction().expect("tx");
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after)
                     VALUES ('2024-05-01T10:00:00', 'desk', 'member.update', 'member', ?1, ?2, ?2)",
                )
                .expect("prepare");
            for i in 0..5_000 {
                insert.execute(rusqlite::params![i % 5_000, record]).expect("insert");
                rows += 1;
            }
        }
        tx.commit().expect("commit");
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).expect("checkpoint");
    }
    drop(conn);
    let size = std::fs::metadata(&path).expect("size").len();
    eprintln!("database: {:.1} MB ({rows} audit rows added)", size as f64 / 1_048_576.0);
    (dir, Store::open(&path).expect("open"))
}

fn backup(c: &mut Criterion) {
    let (dir, mut store) = hundred_megabytes();
    let dest = dir.path().join("copy.sqlite3");
    let started = Instant::now();
    madoguchi::backup::backup_to(&mut store, &dest, |_, _| {}).expect("backup");
    eprintln!("first backup: {:.2} s", started.elapsed().as_secs_f64());
    let mut group = c.benchmark_group("backup");
    group.sample_size(10);
    group.bench_function("backup_to (100 MB, copy + integrity_check + rename)", |b| {
        b.iter(|| madoguchi::backup::backup_to(&mut store, &dest, |_, _| {}).expect("backup"))
    });
    group.bench_function("inspect (100 MB, integrity_check only)", |b| {
        b.iter(|| madoguchi::backup::inspect(&dest).expect("inspect"))
    });
    group.finish();
}

criterion_group!(benches, backup);
criterion_main!(benches);
