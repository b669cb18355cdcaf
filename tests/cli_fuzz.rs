//! The command line's text, date, time, phone and number arguments under random input:
//! whatever is typed, nothing panics, and whatever is accepted is what the rules allow.
//! Runs in-process (clap's parser, then the same `cli::run` the binary calls) so thousands
//! of cases take seconds. `PROPTEST_CASES` raises the count for a longer run.

mod common;

use std::cell::RefCell;

use chrono::Datelike;
use clap::Parser;
use madoguchi::cli::{self, Cli};
use madoguchi::domain::phone::PhoneNumber;
use madoguchi::store::Store;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Cases per property unless `PROPTEST_CASES` says otherwise.
const CASES: u32 = 600;

fn runner() -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(CASES);
    TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() })
}

/// Runs one command line as the binary would, after `--db`; `Err` when clap or the command
/// refused it. A panic fails the test.
fn run(store: &mut Store, args: &[&str]) -> Result<String, String> {
    let argv = std::iter::once("madoguchi").chain(args.iter().copied());
    let cli = Cli::try_parse_from(argv).map_err(|e| e.to_string())?;
    let command = cli.command.ok_or("no command")?;
    cli::run(&command, store).map_err(|e| e.to_string())
}

/// Text as a desk, a spreadsheet or an attacker might hand it over: ordinary Japanese,
/// full-width forms, control characters, bidi overrides, zero-width characters, tabs and
/// line breaks, lone spaces, and very long values.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        4 => "[山田花子鈴木一郎やまだはなこヤマダﾊﾅｺ髙﨑𠮷]{1,6}",
        2 => "[ 　]{0,3}",
        1 => "[\u{0}-\u{1F}\u{7F}-\u{9F}]",
        1 => "[\u{202A}-\u{202E}\u{2066}-\u{2069}]",
        1 => "[\u{200B}-\u{200D}\u{2060}\u{FEFF}]",
        1 => "[=+@\\-][A-Z]{1,5}\\(",
        2 => "[0-9０-９a-zA-Zａ-ｚ\\-ー－]{1,6}",
        1 => any::<String>(),
    ];
    prop_oneof![
        20 => prop::collection::vec(pieces, 0..6).prop_map(|parts| parts.concat()),
        1 => "[あ-ん]{90,130}",
        1 => Just("あ".repeat(5000)),
    ]
}

/// Mostly what a desk types, sometimes anything at all: so that a good share of the cases
/// is accepted and its stored value can be checked.
fn mostly(clean: impl Strategy<Value = String> + 'static) -> impl Strategy<Value = String> {
    prop_oneof![3 => clean.boxed(), 1 => hostile_text().boxed()]
}

/// Phone numbers as typed: digits in either width, dashes of every kind, brackets, +81,
/// and every prefix at every length around the valid ones.
fn phone_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "044[\\-ー－]?8[0-9]{2}[\\-ー－]?[0-9]{4}",
        2 => "0[789]0[\\-]?[0-9]{4}[\\-]?[0-9]{4}",
        3 => ("0[0-9]{2,3}", "[0-9]{5,9}").prop_map(|(a, b)| format!("{a}{b}")),
        2 => ("0[0-9]{1,4}", "[\\-ー－‐ ()（）]", "[0-9]{1,4}", "[\\-ー－‐ ]", "[0-9]{3,5}")
            .prop_map(|(a, s, b, t, c)| format!("{a}{s}{b}{t}{c}")),
        1 => "\\+81[ \\-]?\\(?0?\\)?[0-9]{8,11}",
        1 => "[０-９]{9,12}",
        1 => hostile_text(),
    ]
}

/// Dates as typed, valid or not, near today or far away.
fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (1890i32..2100, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        1 => (0u32..14, 0u32..33).prop_map(|(m, d)| format!("{m}/{d}")),
        1 => (2020i32..2031, 1u32..13, 1u32..32).prop_map(|(y, m, d)| format!("{y}年{m}月{d}日")),
        1 => "[0-9０-９/\\-年月日 ]{0,12}",
        1 => hostile_text(),
    ]
}

/// Times as typed.
fn time_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0u32..30, 0u32..70).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
        1 => "[0-9０-９:：時分半 ]{0,7}",
        1 => hostile_text(),
    ]
}

/// A value the text rules accept: no control or bidi characters, not only invisible ones,
/// within `max` characters, trimmed.
fn is_acceptable_text(value: &str, max: usize) -> bool {
    let visible =
        value.chars().any(|c| !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'));
    value.trim() == value
        && visible
        && value.chars().count() <= max
        && !value.chars().any(|c| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

fn store(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("fuzz.sqlite3")).expect("open store")
}

#[test]
fn member_add_accepts_only_clean_names_real_numbers_and_sensible_consent_dates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = RefCell::new(store(&dir));
    let today = chrono::Local::now().date_naive();
    let strategy = (
        mostly("[0-9０-９]{1,6}"),
        mostly("[山田鈴木髙﨑𠮷]{1,3}[ 　]?[花子一郎]{1,2}"),
        mostly("[やまだすずきヤマダﾔﾏﾀﾞ]{1,4}[ 　]?[はなこいちろう]{1,3}"),
        phone_text(),
        prop::option::of(
            prop_oneof![2 => (2000i32..2027, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")), 1 => date_text()],
        ),
    );
    let accepted = std::cell::Cell::new(0u32);
    runner()
        .run(&strategy, |(number, name, kana, phone, consent)| {
            let mut args =
                vec!["member", "add", "--number", &number, "--name", &name, "--kana", &kana, "--phone", &phone];
            if let Some(consent) = &consent {
                args.extend(["--consent-date", consent]);
            }
            let mut store = store.borrow_mut();
            if run(&mut store, &args).is_err() {
                return Ok(());
            }
            accepted.set(accepted.get() + 1);
            let stored_number = madoguchi::domain::member::member_number(&number).expect("an accepted number reads");
            prop_assert!(stored_number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'), "{stored_number:?}");
            let member = store.member_by_number(&stored_number).expect("read").expect("the member is there");
            prop_assert!(is_acceptable_text(&member.name, madoguchi::domain::text::MAX_NAME), "{:?}", member.name);
            prop_assert!(is_acceptable_text(&member.kana, madoguchi::domain::text::MAX_NAME), "{:?}", member.kana);
            for stored in &member.phones {
                let digits = stored.canonical();
                prop_assert!(digits.starts_with('0') && (10..=11).contains(&digits.len()), "{digits}");
                prop_assert_eq!(stored.display().chars().filter(char::is_ascii_digit).collect::<String>(), digits);
                let read_back = PhoneNumber::parse(&stored.display()).expect("the shown number reads back");
                prop_assert_eq!(read_back.canonical(), digits);
            }
            if let Some(consented) = member.consent_on {
                prop_assert!(consented <= today && consented.year() >= 1900, "{consented}");
            }
            prop_assert!(consent.is_some() || member.consent_on.is_none());
            Ok(())
        })
        .expect("no wrongly accepted member");
    eprintln!("member add: {} accepted", accepted.get());
}

#[test]
fn book_accepts_only_dates_from_today_to_two_years_on_and_times_in_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = RefCell::new(store(&dir));
    {
        let mut store = store.borrow_mut();
        for n in 1..=3 {
            let number = n.to_string();
            let phone = format!("044-863-800{n}");
            run(
                &mut store,
                &[
                    "member",
                    "add",
                    "--number",
                    &number,
                    "--name",
                    "山田 花子",
                    "--kana",
                    "やまだ はなこ",
                    "--phone",
                    &phone,
                ],
            )
            .expect("member");
        }
    }
    let today = chrono::Local::now().date_naive();
    let coming = common::coming_wednesday().format("%Y-%m-%d").to_string();
    let strategy = (
        prop_oneof![3 => "[1-3１-３]", 1 => hostile_text()],
        prop_oneof![3 => "ishii|hokenshitsu", 1 => hostile_text()],
        prop_oneof![3 => Just(coming), 2 => date_text()],
        prop_oneof![3 => "1[1-6]:[03]0|13:[0-5][05]", 1 => time_text()],
        prop_oneof![3 => "30|60", 1 => "[0-9]{1,6}", 1 => hostile_text()],
        prop_oneof![3 => "1[3-5]:[0-5][05]", 1 => time_text()],
        prop_oneof![3 => "[眠不安食事]{0,6}", 1 => hostile_text()],
        prop::bool::weighted(0.2),
    );
    let accepted = std::cell::Cell::new(0u32);
    runner()
        .run(&strategy, |(member, service, date, start, minutes, leave, theme, wrong_kind)| {
            // The group session takes join and leave, a consultation start and length; now
            // and then the other kind's options, which must be refused.
            let group = (service == "hokenshitsu") != wrong_kind;
            let mut args = vec!["book", "--member", &member, "--service", &service, "--date", &date, "--theme", &theme];
            if group {
                args.extend(["--join", &start, "--leave", &leave]);
            } else {
                args.extend(["--start", &start, "--minutes", &minutes]);
            }
            let mut store = store.borrow_mut();
            let Ok(out) = run(&mut store, &args) else {
                return Ok(());
            };
            accepted.set(accepted.get() + 1);
            let id: i64 = out.trim().parse().expect("the new booking's id");
            let booking = store.booking(id).expect("booked");
            prop_assert!(
                booking.date >= today && booking.date <= today + chrono::Duration::days(731),
                "{}",
                booking.date
            );
            prop_assert!(booking.hours.start < booking.hours.end);
            prop_assert!(booking.theme.is_empty() || is_acceptable_text(&booking.theme, 200), "{:?}", booking.theme);
            // Cancel it again, so the next cases find the places free.
            run(&mut store, &["cancel", &id.to_string(), "--reason", "試験"]).expect("cancel");
            Ok(())
        })
        .expect("no wrongly accepted booking");
    eprintln!("book: {} accepted", accepted.get());
}

#[test]
fn read_only_commands_never_panic_and_their_lines_keep_their_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = RefCell::new(store(&dir));
    let strategy = (date_text(), date_text(), hostile_text());
    runner()
        .run(&strategy, |(from, to, query)| {
            let mut store = store.borrow_mut();
            let _ = run(&mut store, &["week", "--date", &from]);
            let _ = run(&mut store, &["bookings", "--date", &from]);
            if run(&mut store, &["capacity", "--from", &from, "--to", &to]).is_ok() {
                let read = |text: &str| madoguchi::domain::time::parse_date(text, chrono::Local::now().date_naive());
                prop_assert!(read(&from).is_some() && read(&to).is_some(), "{from:?} {to:?}");
            }
            if let Ok(out) = run(&mut store, &["member", "find", &query]) {
                for line in out.lines() {
                    prop_assert_eq!(line.split('\t').count(), 4, "{:?}", line);
                }
            }
            Ok(())
        })
        .expect("no panic");
}
