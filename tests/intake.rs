//! Booking requests by email: the corpus of members' mails read against what a person at
//! the desk would read in them (`tests/data/intake/*.expected`).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::Weekday;
use madoguchi::domain::intake::{IntakeRules, Reading, RequestKind, read_request};
use madoguchi::mail::incoming::decode;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/intake")
}

/// The announced schedule: the group session on Wednesdays 13:00–15:00, consultations of
/// 30 or 60 minutes.
fn announced_rules() -> IntakeRules {
    IntakeRules {
        group_weekday: Weekday::Wed,
        group_window: common::hours("13:00", "15:00"),
        consultation_lengths: vec![30, 60],
    }
}

fn expected(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).expect("the expected reading beside each mail");
    text.lines().filter_map(|line| line.split_once(": ")).map(|(k, v)| (k.to_owned(), v.trim().to_owned())).collect()
}

/// The reading in the corpus's own terms, for comparison and for the failure message.
fn as_fields(reading: &Reading) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    fields.insert("kind".to_owned(), reading.kind.code().to_owned());
    if let Some(n) = &reading.member_number {
        fields.insert("number".to_owned(), n.clone());
    }
    if let Some(n) = &reading.member_name {
        fields.insert("name".to_owned(), n.clone());
    }
    if let Some(a) = &reading.address {
        fields.insert("address".to_owned(), a.clone());
    }
    if let Some(d) = reading.date {
        fields.insert("date".to_owned(), d.to_string());
    }
    if let Some(h) = reading.hours {
        fields.insert("hours".to_owned(), format!("{}-{}", h.start, h.end).replace(' ', ""));
    }
    if !reading.theme.is_empty() {
        fields.insert("theme".to_owned(), reading.theme.clone());
    }
    fields.insert("sure".to_owned(), if reading.is_sure() { "yes" } else { "no" }.to_owned());
    fields
}

fn pad_hours(fields: &mut BTreeMap<String, String>) {
    // 9:30 and 09:30 are the same time; the corpus writes hours as the reader shows them.
    if let Some(h) = fields.get_mut("hours") {
        *h = h.split('-').map(|t| t.trim_start_matches('0').to_owned()).collect::<Vec<_>>().join("-");
    }
}

#[test]
fn the_corpus_is_read_exactly_for_95_percent_and_never_wrong_without_a_flag() {
    let mut mails: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("the corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    mails.sort();
    assert!(mails.len() >= 40, "the corpus holds {} mails, fewer than 40", mails.len());

    let received = common::date(2026, 11, 20).and_hms_opt(12, 0, 0).expect("time");
    let (mut exact, mut flagged, mut wrong) = (Vec::new(), Vec::new(), Vec::new());
    for path in &mails {
        let raw = std::fs::read(path).expect("the mail");
        let mail = decode(&raw, received).expect("every corpus mail decodes");
        let reading = read_request(&mail, &announced_rules());
        let mut want = expected(&path.with_extension("expected"));
        let mut got = as_fields(&reading);
        pad_hours(&mut want);
        pad_hours(&mut got);
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if got == want {
            exact.push(name);
        } else if !reading.is_sure() {
            flagged.push(format!("{name}: read {got:?}, expected {want:?}, doubts {:?}", reading.doubts));
        } else {
            wrong.push(format!("{name}: read {got:?}, expected {want:?}"));
        }
    }
    let total = mails.len();
    println!("intake corpus: {} exact, {} flagged, {} wrong of {total}", exact.len(), flagged.len(), wrong.len());
    for line in flagged.iter().chain(&wrong) {
        println!("  {line}");
    }
    assert!(wrong.is_empty(), "read wrong without a flag:\n{}", wrong.join("\n"));
    assert!(exact.len() * 100 >= total * 95, "only {} of {total} read exactly:\n{}", exact.len(), flagged.join("\n"));
}

#[test]
fn every_corpus_mail_of_another_kind_is_other_and_never_a_proposal() {
    let received = common::date(2026, 11, 20).and_hms_opt(12, 0, 0).expect("time");
    for name in ["o01_thanks_reply", "o02_newsletter", "o03_cancel", "o04_question", "o05_change_request"] {
        let raw = std::fs::read(corpus_dir().join(format!("{name}.eml"))).expect("the mail");
        let mail = decode(&raw, received).expect("decodes");
        let reading = read_request(&mail, &announced_rules());
        assert_eq!(reading.kind, RequestKind::Other, "{name}: {reading:?}");
        assert!(!reading.doubts.is_empty(), "{name}: an その他 says why");
    }
}

#[test]
fn each_encoding_and_mail_program_shape_decodes_to_the_same_japanese() {
    let received = common::date(2026, 11, 20).and_hms_opt(12, 0, 0).expect("time");
    // ISO-2022-JP with ① (Outlook), Shift_JIS base64 (docomo), QP (iPhone), HTML only.
    for (name, needle) in [
        ("g04_outlook_iso2022jp", "佐藤 誠"),
        ("g03_carrier_docomo_sjis", "田中和子"),
        ("g02_iphone_fullwidth", "鈴木一郎"),
        ("g10_html_only", "加藤由美"),
        ("g12_signature_with_other_number", "山本洋子"),
        ("c12_japanese_wrote_quote", "①三浦孝"),
    ] {
        let raw = std::fs::read(corpus_dir().join(format!("{name}.eml"))).expect("the mail");
        let mail = decode(&raw, received).expect("decodes");
        assert!(mail.body.contains(needle), "{name}: {:?}", mail.body);
        assert!(!mail.body.contains("<div"), "{name}: HTML left in the text");
    }
}
