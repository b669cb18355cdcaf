//! The week view's costs on a large demo database (5,000 members, 520 weeks):
//! building the read model for one week, and one egui frame of the week view in an
//! egui_kittest harness without rendering. Targets: 2 ms or less each.
//!
//! Run with `cargo bench --bench week_view`.

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use madoguchi::store::{DemoOptions, Store};
use madoguchi::ui::app::MadoguchiApp;
use madoguchi::ui::theme;

const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 21) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// A demo database in a temp folder; the folder lives as long as the returned guard.
fn demo_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("bench.sqlite3")).expect("open");
    let started = Instant::now();
    let summary = store
        .fill_demo_data(&DemoOptions { members: 5_000, weeks: 520, seed: 1, from: None, today: TODAY })
        .expect("demo data");
    eprintln!(
        "demo data: {} members, {} bookings in {:.1} s",
        summary.members,
        summary.bookings,
        started.elapsed().as_secs_f64()
    );
    (dir, store)
}

fn week_view(c: &mut Criterion) {
    let (_dir, store) = demo_store();
    let wednesday = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    c.bench_function("week_overview (read model, 5000 members, 520 weeks)", |b| {
        b.iter(|| black_box(store.week_overview(black_box(wednesday)).expect("week")))
    });

    let app = MadoguchiApp::new(store, TODAY).expect("app");
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(theme::install)
        .build_ui_state(|ui, app: &mut MadoguchiApp| app.show(ui), app);
    // Let fonts load and layout settle before measuring.
    harness.run();
    c.bench_function("week view frame (egui_kittest, no rendering)", |b| b.iter(|| harness.step()));
}

criterion_group!(benches, week_view);
criterion_main!(benches);
