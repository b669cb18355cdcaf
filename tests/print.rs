//! The day's list: the PDF's text (read back through the fonts' ToUnicode maps with the
//! pdf-extract crate), its page breaks, the CSV in both encodings, and the command line
//! that writes them.

mod common;

use std::path::Path;
use std::process::Command;

use chrono::{NaiveDate, NaiveDateTime};
use common::{date, hours, open, request, service_id};
use madoguchi::domain::booking::BookingState;
use madoguchi::domain::member::{ContactPreference, MemberId};
use madoguchi::domain::phone::PhoneNumber;
use madoguchi::print::csv::day_list_rows;
use madoguchi::print::{CsvEncoding, DayListOptions, PrintError, day_list_csv, day_list_pdf};
use madoguchi::store::{NewMember, Store, WhenFull};

const WEDNESDAY: (i32, u32, u32) = (2026, 11, 25);

fn wednesday() -> NaiveDate {
    date(WEDNESDAY.0, WEDNESDAY.1, WEDNESDAY.2)
}

fn options(include_themes: bool) -> DayListOptions {
    let printed_at = NaiveDateTime::parse_from_str("2026-11-25T08:45", "%Y-%m-%dT%H:%M").expect("time");
    DayListOptions { include_themes, printed_at }
}

/// Adds member `n`: number 7000+n, name 試験NN 花子, a mobile number that holds neither.
fn add_member(store: &mut Store, n: u32, name: Option<&str>, email: bool) -> MemberId {
    store
        .add_member(&NewMember {
            number: (7000 + n).to_string(),
            name: name.map(str::to_owned).unwrap_or_else(|| format!("試験{n:02} 花子")),
            kana: "しけん はなこ".into(),
            phones: vec![PhoneNumber::parse(&phone(n)).expect("phone")],
            email: email.then(|| format!("m{n}@example.jp")),
            preferred_contact: ContactPreference::Phone,
            consent_on: Some(date(2026, 4, 1)),
            notes: String::new(),
        })
        .expect("add member")
}

/// Adds a member exactly as given (number, name, furigana, phone), phoned, no email.
fn add_member_as(store: &mut Store, number: &str, name: &str, kana: &str, phone: &str) -> MemberId {
    store
        .add_member(&NewMember {
            number: number.into(),
            name: name.into(),
            kana: kana.into(),
            phones: vec![PhoneNumber::parse(phone).expect("phone")],
            email: None,
            preferred_contact: ContactPreference::Phone,
            consent_on: Some(date(2026, 4, 1)),
            notes: String::new(),
        })
        .expect("add member")
}

fn phone(n: u32) -> String {
    format!("090-{:04}-1234", 3000 + n)
}

/// The text of each page, read through the fonts' ToUnicode maps as a screen reader or a
/// copy and paste would get it, in the order it was drawn: a new line where the text
/// moves down, a space where it jumps right.
fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(pdf).expect("the PDF reads back")
}

/// A small, varied day: two consultations, three in the group session, one waitlisted.
fn small_day(store: &mut Store) {
    let ishii = service_id(store, "ishii");
    let group = service_id(store, "hokenshitsu");
    let a = add_member(store, 1, Some("山田 花子"), false);
    let b = add_member(store, 2, Some("鈴木 一郎"), true);
    let c = add_member(store, 3, Some("髙橋 次郎"), true);
    let d = add_member(store, 4, Some("佐藤 美咲"), false);
    let mut consult = request(b, ishii, wednesday(), hours("15:00", "16:00"));
    consult.theme = "眠れない日が続く".into();
    store.book(&consult, WhenFull::Refuse).expect("book");
    let mut consult = request(a, ishii, wednesday(), hours("11:00", "11:30"));
    consult.theme = "家族の介護".into();
    store.book(&consult, WhenFull::Refuse).expect("book");
    store.book(&request(c, group, wednesday(), hours("13:30", "15:00")), WhenFull::Refuse).expect("book");
    store.book(&request(d, group, wednesday(), hours("13:00", "14:00")), WhenFull::Refuse).expect("book");
    let mut waiting = request(d, ishii, wednesday(), hours("15:00", "15:30"));
    waiting.theme = "食事".into();
    store.book(&waiting, WhenFull::Waitlist).expect("waitlist");
}

#[test]
fn pdf_text_holds_the_names_and_times_in_the_order_of_the_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&common::db_path(&dir));
    small_day(&mut store);
    let list = store.day_list(wednesday()).expect("day list");
    let pdf = day_list_pdf(&list, &options(true)).expect("pdf");
    let pages = pdf_pages(&pdf);
    assert_eq!(pages.len(), 1);
    let text = &pages[0];

    for expected in ["当日名簿", "2026年11月25日(水)", "一般社団法人プラスケア", "個人情報 取扱注意", "1/1"]
    {
        assert!(text.contains(expected), "{expected} missing in:\n{text}");
    }
    // The sessions in time order and the people in each, then the waitlist, then calls.
    let order = [
        "11:00〜12:30",
        "11:00〜11:30",
        "山田 花子",
        "家族の介護",
        "13:00〜15:00",
        "13:00〜14:00",
        "佐藤 美咲",
        "13:30〜15:00",
        "髙橋 次郎",
        "15:00〜17:00",
        "15:00〜16:00",
        "鈴木 一郎",
        "眠れない日が続く",
        "キャンセル待ち",
        "メールのない方",
    ];
    let mut from = 0;
    for expected in order {
        let Some(at) = text[from..].find(expected) else {
            panic!("{expected} not found after position {from} in:\n{text}");
        };
        from += at + expected.len();
    }
    assert!(text.contains(&phone(1)), "{text}");
    assert!(text.contains("なし（電話）") && text.contains("未送信"), "{text}");
}

/// A PDF text string (the document's title): UTF-16BE after a byte order mark, else
/// PDFDocEncoding, which is ASCII for what is checked here.
fn text_string(object: &pdf_extract::Object) -> String {
    let bytes = object.as_str().expect("a string");
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16.chunks_exact(2).map(|pair| u16::from_be_bytes([pair[0], pair[1]])).collect();
            String::from_utf16(&units).expect("UTF-16")
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// What pdffonts would say of a composite font: its name, whether the font program is
/// embedded, and whether it has a ToUnicode map.
struct FontInfo {
    name: String,
    embedded: bool,
    to_unicode: bool,
}

fn composite_fonts(doc: &pdf_extract::Document) -> Vec<FontInfo> {
    let deref = |object: &pdf_extract::Object| match object.as_reference() {
        Ok(id) => doc.get_object(id).expect("a referenced object").clone(),
        Err(_) => object.clone(),
    };
    doc.objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter(|font| font.get(b"Subtype").and_then(|s| s.as_name()).is_ok_and(|s| s == b"Type0"))
        .map(|font| {
            let name = String::from_utf8_lossy(font.get(b"BaseFont").and_then(|n| n.as_name()).expect("BaseFont"));
            let descendants = deref(font.get(b"DescendantFonts").expect("DescendantFonts"));
            let cid_font = deref(&descendants.as_array().expect("an array")[0]);
            let descriptor = deref(cid_font.as_dict().expect("a dict").get(b"FontDescriptor").expect("descriptor"));
            let descriptor = descriptor.as_dict().expect("a dict");
            FontInfo {
                name: name.into_owned(),
                embedded: [&b"FontFile"[..], b"FontFile2", b"FontFile3"].iter().any(|key| descriptor.has(key)),
                to_unicode: font.has(b"ToUnicode"),
            }
        })
        .collect()
}

#[test]
fn pdf_is_a4_portrait_with_the_bundled_font_embedded_as_a_subset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&common::db_path(&dir));
    small_day(&mut store);
    let pdf = day_list_pdf(&store.day_list(wednesday()).expect("day list"), &options(true)).expect("pdf");
    let doc = pdf_extract::Document::load_mem(&pdf).expect("a PDF");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1);
    let page = doc.get_dictionary(pages[&1]).expect("the page");
    let media_box: Vec<f32> = page
        .get(b"MediaBox")
        .and_then(|b| b.as_array())
        .expect("a MediaBox")
        .iter()
        .map(|n| n.as_float().expect("a number"))
        .collect();
    // A4 portrait, 210 × 297 mm: 595.28 × 841.89 points.
    assert!(
        media_box.len() == 4
            && media_box[0] == 0.0
            && media_box[1] == 0.0
            && (media_box[2] - 595.28).abs() < 0.01
            && (media_box[3] - 841.89).abs() < 0.01,
        "{media_box:?}"
    );
    let info = doc.trailer.get(b"Info").and_then(|i| i.as_reference()).expect("an Info dictionary");
    let title = doc.get_dictionary(info).and_then(|i| i.get(b"Title")).expect("a title");
    assert_eq!(text_string(title), "当日名簿 2026年11月25日(水)");
    let fonts = composite_fonts(&doc);
    let font = fonts.iter().find(|f| f.name.contains("BIZUDGothic")).expect("the bundled font");
    // A subset's name has a six-letter tag: ABCDEF+BIZUDGothic-Regular.
    let (tag, _) = font.name.split_once('+').unwrap_or_else(|| panic!("{} is not a subset", font.name));
    assert!(tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()), "{}", font.name);
    assert!(
        font.embedded && font.to_unicode,
        "{}: embedded {}, ToUnicode {}",
        font.name,
        font.embedded,
        font.to_unicode
    );
    assert!(pdf.len() < 200_000, "{} bytes for one page", pdf.len());
}

#[test]
fn themes_can_be_left_off_the_paper() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&common::db_path(&dir));
    small_day(&mut store);
    let list = store.day_list(wednesday()).expect("day list");
    let text = pdf_pages(&day_list_pdf(&list, &options(false)).expect("pdf")).join("\n");
    assert!(text.contains("山田 花子"), "{text}");
    for theme in ["家族の介護", "眠れない日が続く", "食事", "テーマ"] {
        assert!(!text.contains(theme), "{theme} printed although themes are left out:\n{text}");
    }
    let (header, rows) = day_list_rows(&list, &options(false));
    assert!(!header.iter().any(|h| h == "テーマ"));
    assert!(rows.iter().flatten().all(|field| !field.contains("家族の介護")));
}

fn long_note(n: u32) -> String {
    format!("折り返しの電話を希望。家族が同席するかもしれないので、始まる前に確認する。末尾{n:02}")
}

fn has_email(n: u32) -> bool {
    !n.is_multiple_of(3)
}

/// 80 bookings on one day: the seven consultation slots and 73 in a group session
/// whose capacity was raised for the test.
fn busy_day(store: &mut Store, path: &Path) -> Vec<u32> {
    let conn = rusqlite::Connection::open(path).expect("second connection");
    conn.execute("UPDATE services SET capacity = 100 WHERE code = 'hokenshitsu'", []).expect("raise capacity");
    drop(conn);
    let ishii = service_id(store, "ishii");
    let group = service_id(store, "hokenshitsu");
    let consultation_starts = ["11:00", "11:30", "12:00", "15:00", "15:30", "16:00", "16:30"];
    let mut members = Vec::new();
    for n in 1..=80u32 {
        let id = add_member(store, n, None, has_email(n));
        let mut booking = if let Some(start) = consultation_starts.get(n as usize - 1) {
            let start = madoguchi::domain::time::TimeOfDay::parse(start).expect("time");
            let end = start.plus(30).expect("end");
            let mut r =
                request(id, ishii, wednesday(), madoguchi::domain::time::Interval::new(start, end).expect("iv"));
            r.theme = format!("相談のテーマ{n:02}");
            r
        } else {
            let join = ["13:00", "13:15", "13:30", "13:45"][n as usize % 4];
            let leave = ["14:00", "14:30", "15:00"][n as usize % 3];
            request(id, group, wednesday(), hours(join, leave))
        };
        // Some rows need several lines: they must still stay whole on one page.
        if n.is_multiple_of(7) {
            booking.notes = long_note(n);
        }
        store.book(&booking, WhenFull::Refuse).expect("book");
        members.push(n);
    }
    members
}

#[test]
fn eighty_bookings_make_several_pages_with_whole_rows_and_repeated_headers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::db_path(&dir);
    let mut store = open(&path);
    let members = busy_day(&mut store, &path);
    let list = store.day_list(wednesday()).expect("day list");
    assert_eq!(list.booking_count(), 80);
    let pdf = day_list_pdf(&list, &options(true)).expect("pdf");
    assert!(pdf.len() < 500_000, "{} bytes", pdf.len());
    let pages = pdf_pages(&pdf);
    assert!(pages.len() >= 3, "{} pages", pages.len());

    for (index, page) in pages.iter().enumerate() {
        let numbering = format!("{}/{}", index + 1, pages.len());
        assert!(page.contains(&numbering), "page {numbering} has no page number:\n{page}");
        assert!(page.contains("個人情報 取扱注意"), "page {numbering} has no footer");
        assert!(page.contains("2026年11月25日(水)"), "page {numbering} has no date");
    }
    // Every row is whole on one page: its phone, name, number and, when long, the end of
    // its notes. Members without email are listed a second time, among the calls to make.
    for n in members {
        let holding: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].contains(&phone(n))).collect();
        let expected = if has_email(n) { 1 } else { 2 };
        assert_eq!(holding.len(), expected, "member {n}'s phone is on pages {holding:?}");
        for &page in &holding {
            let page = &pages[page];
            assert!(page.contains(&format!("試験{n:02}")), "member {n}'s name is not beside the phone");
            assert!(page.contains(&(7000 + n).to_string()), "member {n}'s number is not beside the phone");
        }
        if n.is_multiple_of(7) {
            // The whole note, wrapped over several lines, is on the page of the row.
            let note = long_note(n);
            assert!(
                holding.iter().any(|&page| pages[page].replace('\n', "").contains(&note)),
                "member {n}'s notes are split from the row"
            );
        }
    }
    // A table continued on the next page repeats its title and header there.
    let continued: Vec<&String> = pages.iter().skip(1).filter(|p| p.contains("（続き）")).collect();
    assert!(!continued.is_empty(), "no continued table");
    for page in continued {
        assert!(page.contains("参加〜退出") || page.contains("会員番号"), "header not repeated:\n{page}");
    }
}

/// Reads CSV text back into records (quotes, doubled quotes, CRLF).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

#[test]
fn csv_decodes_back_to_the_same_rows_in_utf8_with_bom_and_in_shift_jis() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&common::db_path(&dir));
    small_day(&mut store);
    let ishii = service_id(&store, "ishii");
    // A field that needs quoting.
    let quoted = add_member(&mut store, 9, Some("中村 \"ゆう\", 二世"), true);
    let mut r = request(quoted, ishii, wednesday(), hours("12:00", "12:30"));
    r.notes = "一行目\n二行目".into();
    store.book(&r, WhenFull::Refuse).expect("book");
    let list = store.day_list(wednesday()).expect("day list");
    let (header, rows) = day_list_rows(&list, &options(true));
    let mut expected = vec![header];
    expected.extend(rows);
    assert_eq!(expected.len(), 1 + 5 + 1);

    let utf8 = day_list_csv(&list, &options(true), CsvEncoding::Utf8Bom).expect("utf-8 csv");
    assert!(utf8.starts_with(b"\xEF\xBB\xBF"), "no BOM");
    let text = std::str::from_utf8(&utf8[3..]).expect("utf-8");
    assert_eq!(parse_csv(text), expected);

    let sjis = day_list_csv(&list, &options(true), CsvEncoding::ShiftJis).expect("shift_jis csv");
    let (decoded, _, malformed) = encoding_rs::SHIFT_JIS.decode(&sjis);
    assert!(!malformed);
    assert!(!sjis.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(parse_csv(&decoded), expected);
    assert!(decoded.contains("髙橋 次郎"), "the IBM extension kanji survives CP932");
}

#[test]
fn shift_jis_names_the_character_it_cannot_write_with_its_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&common::db_path(&dir));
    let ishii = service_id(&store, "ishii");
    let first = add_member(&mut store, 1, Some("山田 花子"), true);
    let second = add_member(&mut store, 2, Some("𠮷田 太郎"), true);
    store.book(&request(first, ishii, wednesday(), hours("11:00", "11:30")), WhenFull::Refuse).expect("book");
    store.book(&request(second, ishii, wednesday(), hours("11:30", "12:00")), WhenFull::Refuse).expect("book");
    let list = store.day_list(wednesday()).expect("day list");

    let Err(error @ PrintError::Unencodable(_)) = day_list_csv(&list, &options(true), CsvEncoding::ShiftJis) else {
        panic!("𠮷 was written in Shift_JIS");
    };
    let message = error.to_string();
    assert!(message.contains("3行目 氏名: 「𠮷」は Shift_JIS で書けません"), "{message}");
    // UTF-8 writes it.
    let utf8 = day_list_csv(&list, &options(true), CsvEncoding::Utf8Bom).expect("utf-8");
    assert!(String::from_utf8_lossy(&utf8).contains("𠮷田 太郎"));
}

fn madoguchi(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_madoguchi")).arg("--db").arg(db).args(args).output().expect("run madoguchi")
}

#[test]
fn cli_day_list_writes_pdf_and_csv_and_records_each_in_the_audit_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = common::db_path(&dir);
    small_day(&mut open(&db));

    let pdf = dir.path().join("list.pdf");
    let out = madoguchi(&db, &["day-list", "--date", "2026-11-25", "--out", pdf.to_str().expect("path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("予約 4 件"), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(std::fs::read(&pdf).expect("pdf written").starts_with(b"%PDF"));

    let csv = dir.path().join("list.csv");
    let csv_arg = csv.to_str().expect("path");
    let out =
        madoguchi(&db, &["day-list", "--date", "2026-11-25", "--out", csv_arg, "--encoding", "sjis", "--no-themes"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&csv).expect("csv written");
    let (text, _, malformed) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!malformed && text.contains("山田 花子") && !text.contains("家族の介護"), "{text}");

    let store = open(&db);
    let actions: Vec<String> = store.history("day_list", 0).expect("history").into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["day_list.save_pdf", "day_list.save_csv"]);
    let last = store.history("day_list", 0).expect("history").pop().expect("entry");
    assert!(last.after.is_some_and(|a| a.contains("2026-11-25") && a.contains("shift_jis")));
}

#[test]
fn cli_day_list_refuses_an_unknown_extension_and_an_unwritable_name_in_japanese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = common::db_path(&dir);
    let out = madoguchi(&db, &["day-list", "--date", "2026-11-25", "--out", "list.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("拡張子は .xlsx・.pdf・.csv のいずれか"));

    let mut store = open(&db);
    let ishii = service_id(&store, "ishii");
    let id = add_member(&mut store, 1, Some("𠮷田 太郎"), true);
    store.book(&request(id, ishii, wednesday(), hours("11:00", "11:30")), WhenFull::Refuse).expect("book");
    drop(store);
    let csv = dir.path().join("list.csv");
    let out = madoguchi(
        &db,
        &["day-list", "--date", "2026-11-25", "--out", csv.to_str().expect("path"), "--encoding", "sjis"],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2行目 氏名: 「𠮷」は Shift_JIS で書けません"), "{stderr}");
    assert!(!csv.exists(), "a refused CSV must not be written");

    let out = madoguchi(&db, &["day-list", "--date", "2026-13-45", "--out", "x.pdf"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn attendance_checklist_marks_rows_by_keyboard_in_print_order() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::db_path(&dir);
    let mut store = open(&path);
    small_day(&mut store);
    let mut harness = common::window(store, wednesday());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    harness.run();
    harness.get_by_label("当日名簿の印刷・保存");
    harness.get_by_label("出欠の入力").click();
    harness.run();
    harness.get_by_label("出欠の入力（紙の名簿から）");

    // Rows in print order: 山田 11:00, 佐藤 13:00, 髙橋 13:30, 鈴木 15:00.
    harness.key_press(egui::Key::Num1);
    harness.run();
    harness.key_press(egui::Key::Num2);
    harness.run();
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    harness.key_press(egui::Key::Num1);
    harness.run();

    let store = harness.state().store();
    let list = store.day_list(wednesday()).expect("day list");
    let state_of =
        |name: &str| list.sessions.iter().flat_map(|s| &s.lines).find(|l| l.member.name == name).map(|l| l.state);
    assert_eq!(state_of("山田 花子"), Some(BookingState::Attended));
    assert_eq!(state_of("佐藤 美咲"), Some(BookingState::NoShow));
    assert_eq!(state_of("髙橋 次郎"), Some(BookingState::Confirmed));
    assert_eq!(state_of("鈴木 一郎"), Some(BookingState::Attended));
}

#[test]
fn window_explains_in_japanese_when_the_csv_cannot_be_written_in_shift_jis() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&common::db_path(&dir));
    let ishii = service_id(&store, "ishii");
    // 剝 (JIS X 0213) is in the bundled font, so the window can show it, but not in CP932.
    let id = add_member(&mut store, 1, Some("山田 花子"), true);
    let mut booking = request(id, ishii, wednesday(), hours("11:00", "11:30"));
    booking.notes = "爪の剝離".into();
    store.book(&booking, WhenFull::Refuse).expect("book");
    let mut harness = common::window(store, wednesday());
    harness.get_by_label("当日名簿 (Ctrl+P)").click();
    harness.run();
    harness.get_by_label("Shift_JIS").click();
    harness.run();
    harness.get_by_label("CSVを保存").click();
    // The file is made on a thread of its own; the window polls for the outcome.
    common::run_until_shown(&mut harness, "Shift_JIS で書けません");
    let message = harness.get_by_label_contains("Shift_JIS で書けません");
    let text = format!("{message:?}");
    assert!(text.contains("2行目 備考: 「剝」"), "{text}");
    // Nothing was saved, so nothing is recorded.
    assert!(harness.state().store().history("day_list", 0).expect("history").is_empty());
}

#[test]
fn half_width_kana_read_back_as_the_kana_printed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&common::db_path(&dir));
    let ishii = service_id(&store, "ishii");
    let member = add_member_as(&mut store, "7100", "ﾔﾏﾀﾞ ﾊﾞﾅｺ", "ﾔﾏﾀﾞ ﾊﾞﾅｺ", &phone(100));
    store.book(&request(member, ishii, wednesday(), hours("11:00", "11:30")), WhenFull::Refuse).expect("book");
    let list = store.day_list(wednesday()).expect("day list");
    let text = pdf_pages(&day_list_pdf(&list, &options(false)).expect("pdf")).concat();
    // Each glyph's text is exactly its characters: ﾊ never reads back as ﾊﾞ.
    assert!(text.contains("ヤマダ バナコ"), "{text}");
    assert!(!text.contains('ﾊ') && !text.contains("ﾞ"), "{text}");
}

/// The first sheet of a workbook, as calamine (an independent reader) sees its cells.
fn xlsx_rows(bytes: &[u8]) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("an xlsx");
    let range = workbook.worksheet_range_at(0).expect("a sheet").expect("cells");
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

#[test]
fn the_day_list_workbook_keeps_member_numbers_and_phones_as_text_and_counts_as_numbers() {
    use calamine::Data;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&common::db_path(&dir));
    let ishii = service_id(&store, "ishii");
    let member = add_member_as(&mut store, "0012", "=HYPERLINK(\"http://x\")", "やまだ はなこ", "044-863-8444");
    store.book(&request(member, ishii, wednesday(), hours("11:00", "11:30")), WhenFull::Refuse).expect("book");
    let list = store.day_list(wednesday()).expect("day list");
    let rows = xlsx_rows(&madoguchi::print::day_list_xlsx(&list, &options(false)).expect("xlsx"));
    let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    let column =
        |title: &str| header.iter().position(|h| h == title).unwrap_or_else(|| panic!("{title} in {header:?}"));
    let row = &rows[1];
    assert_eq!(row[column("会員番号")], Data::String("0012".into()));
    assert_eq!(row[column("電話")], Data::String("044-863-8444".into()));
    assert_eq!(row[column("氏名")], Data::String("=HYPERLINK(\"http://x\")".into()), "text, not a formula");
    assert_eq!(row[column("長さ（分）")], Data::Float(30.0));
}

#[test]
fn attendance_before_the_session_day_is_refused_in_the_window_and_nothing_is_recorded() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&common::db_path(&dir));
    small_day(&mut store);
    // The Monday before the session.
    let mut harness = common::window(store, wednesday() - chrono::Duration::days(2));
    harness.run();
    harness.state_mut().apply(madoguchi::ui::app::Command::OpenAttendance(wednesday()));
    harness.run();
    harness.get_by_label("出欠の入力（紙の名簿から）");
    harness.key_press(egui::Key::Num2);
    harness.run();
    harness.get_by_label_contains("出欠は当日から付けられます");
    let list = harness.state().store().day_list(wednesday()).expect("day list");
    assert!(
        list.sessions.iter().flat_map(|s| &s.lines).all(|l| l.state == BookingState::Confirmed),
        "no mark was recorded"
    );
}
