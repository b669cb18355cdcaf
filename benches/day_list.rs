//! The day's list for a busy day of 60 bookings (7 consultations, 53 in a group session
//! whose capacity is raised for the benchmark): reading the day from the store, and
//! building the A4 PDF with the font subset embedded. Targets: the PDF in 300 ms or less
//! and 500 KB or less (the size is printed once, before the timings).
//!
//! Run with `cargo bench --bench day_list`. Measured on 2026-11-21 on a shared two-core
//! machine: the PDF in 15 ms (14.3–16.3 ms) and 49,309 bytes; the read model
//! in 0.89 ms; the UTF-8 CSV in 0.07 ms.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use madoguchi::domain::booking::{BookingRequest, Channel};
use madoguchi::domain::member::ContactPreference;
use madoguchi::domain::phone::PhoneNumber;
use madoguchi::domain::time::{Interval, TimeOfDay};
use madoguchi::print::{DayListOptions, day_list_csv, day_list_pdf};
use madoguchi::store::{NewMember, Store, WhenFull};

const WEDNESDAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 25) {
    Some(d) => d,
    None => panic!("valid date"),
};

const SURNAMES: [&str; 8] = ["山田", "鈴木", "髙橋", "田中", "渡辺", "伊藤", "中村", "小林"];
const GIVEN: [&str; 6] = ["花子", "一郎", "美咲", "健太", "由美", "翔"];

fn time(text: &str) -> TimeOfDay {
    TimeOfDay::parse(text).expect("time")
}

fn busy_day() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.sqlite3");
    let mut store = Store::open(&path).expect("open");
    let conn = rusqlite::Connection::open(&path).expect("second connection");
    conn.execute("UPDATE services SET capacity = 100 WHERE code = 'hokenshitsu'", []).expect("capacity");
    drop(conn);
    let schedule = store.schedule().expect("schedule");
    let ishii = schedule.service_by_code("ishii").expect("ishii").id;
    let group = schedule.service_by_code("hokenshitsu").expect("group").id;
    let consultations = ["11:00", "11:30", "12:00", "15:00", "15:30", "16:00", "16:30"];
    for n in 0..60usize {
        let member_id = store
            .add_member(&NewMember {
                number: (1000 + n).to_string(),
                name: format!("{} {}", SURNAMES[n % 8], GIVEN[n % 6]),
                kana: "やまだ はなこ".into(),
                phones: vec![PhoneNumber::parse(&format!("090-{:04}-{:04}", 1000 + n, 5000 + n)).expect("phone")],
                email: (n % 3 != 0).then(|| format!("m{n}@example.jp")),
                preferred_contact: ContactPreference::Phone,
                consent_on: None,
                notes: String::new(),
            })
            .expect("member");
        let (service_id, hours, theme) = match consultations.get(n) {
            Some(start) => {
                let start = time(start);
                (ishii, Interval::new(start, start.plus(30).expect("end")).expect("iv"), "家族の介護について")
            }
            None => {
                let join = ["13:00", "13:15", "13:30", "13:45"][n % 4];
                let leave = ["14:00", "14:30", "15:00"][n % 3];
                (group, Interval::new(time(join), time(leave)).expect("iv"), "")
            }
        };
        let notes =
            if n % 5 == 0 { "折り返しの電話を希望、家族が同席するかもしれない" } else { "" };
        store
            .book(
                &BookingRequest {
                    member_id,
                    service_id,
                    date: WEDNESDAY,
                    hours,
                    channel: Channel::Phone,
                    theme: theme.into(),
                    notes: notes.into(),
                    late_record: false,
                },
                WhenFull::Refuse,
            )
            .expect("book");
    }
    (dir, store)
}

fn day_list(c: &mut Criterion) {
    let (_dir, store) = busy_day();
    let list = store.day_list(WEDNESDAY).expect("day list");
    assert_eq!(list.booking_count(), 60);
    let options = DayListOptions { include_themes: true, printed_at: WEDNESDAY.and_hms_opt(8, 45, 0).expect("time") };
    let pdf = day_list_pdf(&list, &options).expect("pdf");
    eprintln!("day list PDF for 60 bookings: {} bytes ({:.1} KB)", pdf.len(), pdf.len() as f64 / 1024.0);

    c.bench_function("day_list read model (60 bookings)", |b| {
        b.iter(|| black_box(store.day_list(WEDNESDAY).expect("day list")))
    });
    c.bench_function("day_list PDF (60 bookings)", |b| {
        b.iter(|| black_box(day_list_pdf(black_box(&list), &options).expect("pdf")))
    });
    c.bench_function("day_list CSV UTF-8 (60 bookings)", |b| {
        b.iter(|| black_box(day_list_csv(black_box(&list), &options, Default::default()).expect("csv")))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = day_list
}
criterion_main!(benches);
