//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use madoguchi::domain::booking::{BookingRequest, Channel};
use madoguchi::domain::member::{ContactPreference, MemberId};
use madoguchi::domain::phone::PhoneNumber;
use madoguchi::domain::time::{Interval, TimeOfDay};
use madoguchi::store::{NewMember, Store};

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// A Wednesday at least a week from the computer's today that is not a holiday: the
/// group session and the consultation windows run then, and a booking on it is never in
/// the past, whenever the tests run (for tests that go through the command line, whose
/// today is the computer's).
pub fn coming_wednesday() -> NaiveDate {
    use chrono::Datelike;
    let mut day = chrono::Local::now().date_naive() + chrono::Duration::days(7);
    while day.weekday() != chrono::Weekday::Wed || madoguchi::domain::holidays::holiday_on(day).is_some() {
        day += chrono::Duration::days(1);
    }
    day
}

pub fn hours(from: &str, to: &str) -> Interval {
    Interval::new(TimeOfDay::parse(from).expect("time"), TimeOfDay::parse(to).expect("time")).expect("interval")
}

pub fn db_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("madoguchi.sqlite3")
}

/// The date the store-level tests count as today: before every date they book, so the
/// tests book the same way whenever they run (a past date is only a late record).
pub const TEST_TODAY: (i32, u32, u32) = (2026, 11, 16);

pub fn open(path: &Path) -> Store {
    let mut store = Store::open(path).expect("open store");
    store.set_today(date(TEST_TODAY.0, TEST_TODAY.1, TEST_TODAY.2));
    store
}

/// Adds members numbered from `first`, each with a Kawasaki number.
pub fn add_members(store: &mut Store, first: u32, count: u32) -> Vec<MemberId> {
    (first..first + count)
        .map(|n| {
            store
                .add_member(&NewMember {
                    number: n.to_string(),
                    name: format!("試験 太郎{n}"),
                    kana: "しけん たろう".into(),
                    phones: vec![PhoneNumber::parse(&format!("044-8{:02}-{:04}", n % 100, n)).expect("phone")],
                    email: None,
                    preferred_contact: ContactPreference::Phone,
                    consent_on: Some(date(2026, 4, 1)),
                    notes: String::new(),
                })
                .expect("add member")
        })
        .collect()
}

/// A member who writes by mail: no furigana, one Kawasaki phone, the address given (or none).
pub fn add_member_with_email(store: &mut Store, number: &str, name: &str, email: Option<&str>) -> MemberId {
    store
        .add_member(&NewMember {
            number: number.into(),
            name: name.into(),
            kana: String::new(),
            phones: vec![PhoneNumber::parse("044-863-8444").expect("phone")],
            email: email.map(str::to_owned),
            preferred_contact: ContactPreference::Email,
            consent_on: Some(date(2026, 4, 1)),
            notes: String::new(),
        })
        .expect("add member")
}

/// Fills the group session of `day` from 13:00 to 15:00 (capacity 10) with ten members
/// numbered from 5000, booked by phone.
pub fn fill_group_session(store: &mut Store, day: NaiveDate) {
    let group = service_id(store, "hokenshitsu");
    for member_id in add_members(store, 5000, 10) {
        store
            .book(&request(member_id, group, day, hours("13:00", "15:00")), madoguchi::store::WhenFull::Refuse)
            .expect("book");
    }
}

pub fn service_id(store: &Store, code: &str) -> i64 {
    store.schedule().expect("schedule").service_by_code(code).expect("seeded service").id
}

pub fn request(member_id: MemberId, service_id: i64, day: NaiveDate, hours: Interval) -> BookingRequest {
    BookingRequest {
        member_id,
        service_id,
        date: day,
        hours,
        channel: Channel::Phone,
        theme: String::new(),
        notes: String::new(),
        late_record: false,
    }
}

/// The whole window in an egui_kittest harness, opened on the week of `today` (a clock fixed
/// on that date), with the bundled font and the program's style installed.
pub fn window(store: Store, today: NaiveDate) -> egui_kittest::Harness<'static, madoguchi::ui::app::MadoguchiApp> {
    window_with_clock(store, madoguchi::ui::clock::Clock::fixed(today))
}

/// The whole window reading today from `clock`: keep a clone to move the date.
pub fn window_with_clock(
    store: Store,
    clock: madoguchi::ui::clock::Clock,
) -> egui_kittest::Harness<'static, madoguchi::ui::app::MadoguchiApp> {
    use madoguchi::ui::app::MadoguchiApp;
    let app = MadoguchiApp::new(store, clock).expect("app");
    egui_kittest::Harness::builder()
        .with_size([1280.0, 860.0])
        // A window with a grid settles over up to six frames when first shown: egui sizes
        // the new grid's columns from its widest cells, then the window around it.
        .with_max_steps(8)
        .with_context_setup(madoguchi::ui::theme::install)
        .build_ui_state(|ui, app: &mut MadoguchiApp| app.show(ui), app)
}

/// How long a test waits for work the window runs on a thread of its own (a backup, a
/// restore, an import, a file being written). Generous, so that a busy CI machine does
/// not fail a test; a test that passes never waits this long.
pub const BACKGROUND_WORK_DEADLINE: Duration = Duration::from_secs(120);

/// Steps the window frame by frame until `done` holds, for work that runs on a thread
/// of its own and comes back through the window's polling. (`harness.run()` is no use
/// here: the progress spinner keeps asking for frames, and the thread's outcome arrives
/// in its own time.) Panics naming `what` and listing what the window shows if it has
/// not happened by `BACKGROUND_WORK_DEADLINE`.
pub fn run_until<State>(
    harness: &mut egui_kittest::Harness<'_, State>,
    what: &str,
    mut done: impl FnMut(&egui_kittest::Harness<'_, State>) -> bool,
) {
    use egui_kittest::kittest::Queryable;
    let deadline = Instant::now() + BACKGROUND_WORK_DEADLINE;
    loop {
        harness.step();
        if done(harness) {
            return;
        }
        if Instant::now() > deadline {
            let shown: Vec<String> = harness.query_all_by_label_contains("").map(|node| format!("{node:?}")).collect();
            panic!("waited {BACKGROUND_WORK_DEADLINE:?} for {what}; the window shows {shown:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Steps the window until a label containing `text` shows (see `run_until`).
pub fn run_until_shown<State>(harness: &mut egui_kittest::Harness<'_, State>, text: &str) {
    use egui_kittest::kittest::Queryable;
    run_until(harness, &format!("「{text}」 to show"), |harness| harness.query_by_label_contains(text).is_some());
}

/// Replaces what the field labelled `label` holds with `value`, as the desk would type it.
pub fn replace_text<State>(harness: &mut egui_kittest::Harness<'_, State>, label: &str, value: &str) {
    use egui_kittest::kittest::Queryable;
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_label(label).type_text(value);
    harness.run();
}

/// What the field labelled `label` holds.
pub fn field_value<State>(harness: &egui_kittest::Harness<'_, State>, label: &str) -> String {
    use egui_kittest::kittest::Queryable;
    harness.get_by_label(label).value().unwrap_or_default()
}
