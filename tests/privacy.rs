//! A member's data requests (issue 14): the disclosure lists everything held about them,
//! an erasure leaves none of their personal data in the database file (nor its
//! write-ahead log, nor the outbox folder) while every capacity figure stays the same, and
//! the files the program writes are readable by this user only.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{date, db_path, hours, open, request, service_id};
use madoguchi::domain::booking::Channel;
use madoguchi::domain::member::{MemberForm, MemberId};
use madoguchi::domain::privacy::{DataRequest, RequestKind, RequestOrigin};
use madoguchi::store::{Store, StoreError, WhenFull};

const NAME: &str = "鰐淵 澄香";
const KANA: &str = "わにぶち すみか";
const PHONE: &str = "090-3141-5926";
const SECOND_PHONE: &str = "044-271-8281";
const EMAIL: &str = "sumika.wanibuchi@example.jp";
const THEME: &str = "眠れない夜のこと";
const CANCEL_REASON: &str = "入院のため";

fn madoguchi(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_madoguchi")).arg("--db").arg(db).args(args).output().expect("run madoguchi")
}

fn succeeded(output: &Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn add_member(store: &mut Store, number: &str, name: &str, kana: &str, phone: &str, email: &str) -> MemberId {
    let form = MemberForm {
        number: number.into(),
        name: name.into(),
        kana: kana.into(),
        phone: phone.into(),
        second_phone: if number == "1001" { SECOND_PHONE.into() } else { String::new() },
        email: email.into(),
        consented: true,
        consent_date: "2025-04-01".into(),
        notes: if number == "1001" { "耳が遠いのでゆっくり話す".into() } else { String::new() },
        ..MemberForm::default()
    };
    store.add_member(&form.validate(date(2025, 4, 1)).expect("valid member")).expect("add member")
}

/// Member 1001 (to be erased) with three bookings in November 2025, one cancelled with a
/// reason, one with a theme, replies in the outbox; member 1002 booked beside them.
fn november_with_two_members(db: &Path) -> (MemberId, MemberId) {
    let mut store = open(db);
    // The bookings were made at the start of that November.
    store.set_today(date(2025, 11, 1));
    let erased = add_member(&mut store, "1001", NAME, KANA, PHONE, EMAIL);
    let kept = add_member(&mut store, "1002", "山田 花子", "やまだ はなこ", "044-863-8444", "");
    let ishii = service_id(&store, "ishii");
    let group = service_id(&store, "hokenshitsu");
    let mut consultation = request(erased, ishii, date(2025, 11, 5), hours("11:00", "11:30"));
    consultation.theme = THEME.into();
    consultation.channel = Channel::Mail;
    store.book(&consultation, WhenFull::Refuse).expect("consultation");
    let mut joined = request(erased, group, date(2025, 11, 5), hours("13:00", "14:00"));
    joined.channel = Channel::Mail;
    store.book(&joined, WhenFull::Refuse).expect("group session");
    let later = store.book(&request(erased, ishii, date(2025, 11, 12), hours("15:00", "15:30")), WhenFull::Refuse);
    store.cancel(later.expect("later").id, CANCEL_REASON).expect("cancel");
    store.book(&request(kept, ishii, date(2025, 11, 5), hours("11:30", "12:00")), WhenFull::Refuse).expect("kept");
    store.book(&request(kept, group, date(2025, 11, 5), hours("13:00", "15:00")), WhenFull::Refuse).expect("kept");
    (erased, kept)
}

/// Every way the member's data could have been written down.
fn traces() -> Vec<String> {
    let mut traces = vec![NAME.to_owned(), NAME.replace(' ', ""), KANA.to_owned(), KANA.replace(' ', "")];
    traces.extend(["鰐淵", "澄香", "わにぶち", "すみか", EMAIL, THEME, CANCEL_REASON, "耳が遠い"].map(str::to_owned));
    traces.extend([PHONE, SECOND_PHONE].map(|p| p.replace('-', "")));
    traces
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn sidecar(db: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

#[test]
fn after_member_erase_nothing_of_theirs_is_in_the_file_and_the_figures_are_byte_identical() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_path(&dir);
    november_with_two_members(&db);
    succeeded(&madoguchi(&db, &["send-due", "--now", "2025-11-01T09:00"]));
    let outbox = dir.path().join("outbox");
    let eml: Vec<_> = std::fs::read_dir(&outbox).expect("outbox folder").flatten().map(|e| e.path()).collect();
    assert!(!eml.is_empty() && eml.iter().all(|f| contains(&std::fs::read(f).unwrap(), EMAIL)), "{eml:?}");
    let before = dir.path().join("before.csv");
    let after = dir.path().join("after.csv");
    fn capacity(out: &Path) -> [&str; 7] {
        ["capacity", "--from", "2025-11-01", "--to", "2025-11-30", "--out", out.to_str().unwrap()]
    }
    succeeded(&madoguchi(&db, &capacity(&before)));
    // Before: the data is there to be found (so the search below would see it).
    let bytes = [std::fs::read(&db).unwrap(), std::fs::read(sidecar(&db, "-wal")).unwrap_or_default()].concat();
    assert!(contains(&bytes, NAME) && contains(&bytes, EMAIL));

    let out =
        succeeded(&madoguchi(&db, &["member", "erase", "1001", "--reason", "退会のため", "--identity", "会員証"]));
    assert!(out.contains("削除しました") && out.contains("バックアップ"), "{out}");

    succeeded(&madoguchi(&db, &capacity(&after)));
    assert_eq!(std::fs::read(&before).unwrap(), std::fs::read(&after).unwrap(), "every figure the same");
    for file in &eml {
        assert!(!file.exists(), "{} left in the outbox", file.display());
    }
    // A reader that checkpoints first, as the issue asks; the -wal is searched as well.
    rusqlite::Connection::open(&db).unwrap().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    for file in [db.clone(), sidecar(&db, "-wal")] {
        let bytes = std::fs::read(&file).unwrap_or_default();
        for trace in traces() {
            assert!(!contains(&bytes, &trace), "{trace} still in {}", file.display());
        }
    }
    let found = succeeded(&madoguchi(&db, &["member", "find", "わにぶち"]));
    assert!(found.is_empty(), "{found}");
    assert!(succeeded(&madoguchi(&db, &["member", "find", "やまだ"])).contains("1002"));
    // The erasure itself is on record, by whom and when; the request too.
    let store = open(&db);
    let erased = store.member(1).expect("the member's row stays");
    assert_eq!(erased.name, "（削除済み）");
    let history = store.history("member", 1).unwrap();
    assert!(history.iter().any(|e| e.action == "member.erase"), "{history:?}");
    let requests = store.data_requests(1).unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!((requests[0].kind, requests[0].identity_check.as_str()), (RequestKind::Erasure, "会員証"));
}

#[test]
fn the_disclosure_lists_each_of_their_bookings_in_the_pdf_and_the_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_path(&dir);
    november_with_two_members(&db);
    let pdf = dir.path().join("開示.pdf");
    let csv = dir.path().join("開示.csv");
    for file in [&pdf, &csv] {
        let out =
            madoguchi(&db, &["member", "export", "1001", "--out", file.to_str().unwrap(), "--identity", "会員証"]);
        assert!(succeeded(&out).contains("予約 3 件"), "{}", succeeded(&out));
    }
    let text = pdf_extract::extract_text(&pdf).expect("read the PDF back");
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for expected in ["会員番号1001", "鰐淵澄香", PHONE, EMAIL, THEME, CANCEL_REASON, "個人情報取扱注意"]
    {
        assert!(squeezed.contains(&expected.replace(' ', "")), "{expected} not in the PDF:\n{text}");
    }
    for (day, time) in [("2025-11-05", "11:00〜11:30"), ("2025-11-05", "13:00〜14:00"), ("2025-11-12", "15:00〜15:30")]
    {
        assert!(squeezed.contains(&format!("{day}{time}")), "{day} {time} not in the PDF:\n{text}");
    }
    assert!(!squeezed.contains("山田花子"), "another member's name");

    let csv = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    let bookings: Vec<&str> = csv.lines().filter(|l| l.starts_with("予約,")).collect();
    assert_eq!(bookings.len(), 3, "{csv}");
    assert!(bookings[0].starts_with("予約,2025-11-05,11:00〜11:30,個別相談（石井）,確定"), "{csv}");
    assert!(bookings[2].contains(CANCEL_REASON), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("メール,") && l.contains(EMAIL)), "{csv}");
    assert!(csv.lines().filter(|l| l.starts_with("請求,")).count() >= 1, "the first export is on record: {csv}");
    assert_eq!(open(&db).data_requests(1).unwrap().len(), 2, "one record per file handed over");
}

#[test]
fn an_erasure_waits_until_their_future_bookings_are_cancelled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_path(&dir);
    let mut store = open(&db);
    let member = add_member(&mut store, "1001", NAME, KANA, PHONE, EMAIL);
    let ishii = service_id(&store, "ishii");
    let today = date(2026, 11, 20);
    store.book(&request(member, ishii, date(2026, 11, 25), hours("11:00", "11:30")), WhenFull::Refuse).unwrap();
    let erasure = DataRequest {
        kind: RequestKind::Erasure,
        origin: RequestOrigin::Member { requested_by: "本人".into(), identity_check: "会員証".into() },
        received_on: today,
        detail: "退会のため".into(),
    };
    let err = store.erase_member(member, &erasure, today).unwrap_err();
    assert!(matches!(err, StoreError::FutureBookings(1)), "{err:?}");
    assert_eq!(store.future_bookings(member, today).unwrap().len(), 1);
    assert_eq!(store.member(member).unwrap().name, NAME, "nothing erased");

    let named = DataRequest { detail: format!("{PHONE} から電話"), ..erasure.clone() };
    store.cancel_future_bookings(member, today, "会員の削除の請求").unwrap();
    let err = store.erase_member(member, &named, today).unwrap_err();
    assert!(matches!(err, StoreError::BadRequest(..)) && err.to_string().contains("書かないで"), "{err}");

    let done = store.erase_member(member, &erasure, today).unwrap();
    assert_eq!(done.bookings, 1);
    assert!(matches!(store.erase_member(member, &erasure, today), Err(StoreError::AlreadyErased)));
    assert!(store.member_by_number("1001").unwrap().is_none());
    assert_eq!(store.member_count().unwrap(), 0);
}

#[test]
fn members_without_a_booking_for_the_set_years_are_listed_for_review() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&db_path(&dir));
    let old = add_member(&mut store, "1001", NAME, KANA, PHONE, EMAIL);
    let recent = add_member(&mut store, "1002", "山田 花子", "やまだ はなこ", "044-863-8444", "");
    let ishii = service_id(&store, "ishii");
    // Each booked in the weeks before its day.
    store.set_today(date(2025, 11, 1));
    store.book(&request(old, ishii, date(2025, 11, 5), hours("11:00", "11:30")), WhenFull::Refuse).unwrap();
    store.set_today(date(2027, 11, 1));
    store.book(&request(recent, ishii, date(2027, 11, 10), hours("11:00", "11:30")), WhenFull::Refuse).unwrap();
    let review = |store: &Store| -> Vec<String> {
        store.retention_review(date(2030, 1, 10)).unwrap().into_iter().map(|l| l.member.number).collect()
    };
    assert_eq!(store.retention_years().unwrap(), 3, "the default");
    assert_eq!(review(&store), ["1001"], "last booked 2025-11-05, more than 3 years before");
    assert_eq!(store.retention_review(date(2030, 1, 10)).unwrap()[0].last_booking, Some(date(2025, 11, 5)));
    store.set_setting("retention.years", "1").unwrap();
    assert_eq!(review(&store), ["1001", "1002"]);
    store.set_setting("retention.years", "ten").unwrap();
    assert!(matches!(store.retention_years(), Err(StoreError::BadSetting { .. })));
}

#[cfg(unix)]
mod file_modes {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
    }

    #[test]
    fn the_data_folder_database_backups_outbox_and_exports_are_the_users_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let folder = dir.path().join("data");
        let db = folder.join("madoguchi.sqlite3");
        november_with_two_members(&db);
        succeeded(&madoguchi(&db, &["send-due", "--now", "2025-11-01T09:00"]));
        succeeded(&madoguchi(&db, &["backup", "--auto", "--dir", folder.join("backups").to_str().unwrap()]));
        let export = folder.join("開示.pdf");
        succeeded(&madoguchi(&db, &["member", "export", "1002", "--out", export.to_str().unwrap()]));
        let list = folder.join("list.csv");
        succeeded(&madoguchi(&db, &["day-list", "--date", "2025-11-05", "--out", list.to_str().unwrap()]));
        let _open = open(&db); // the -wal and -shm exist while a connection is open
        for folder in [folder.clone(), folder.join("backups"), folder.join("outbox")] {
            assert_eq!(mode(&folder), 0o700, "{}", folder.display());
        }
        let mut files = vec![db.clone(), sidecar(&db, "-wal"), sidecar(&db, "-shm"), export, list];
        for sub in ["backups", "outbox"] {
            let found: Vec<_> = std::fs::read_dir(folder.join(sub)).unwrap().flatten().map(|e| e.path()).collect();
            assert!(!found.is_empty(), "{sub}");
            files.extend(found);
        }
        for file in files {
            assert_eq!(mode(&file), 0o600, "{}", file.display());
        }
    }

    #[test]
    fn a_database_an_older_version_left_readable_by_everyone_is_made_private_on_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = db_path(&dir);
        drop(open(&db));
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
        let _store = open(&db);
        assert_eq!(mode(&db), 0o600);
    }

    #[test]
    fn day_list_out_never_writes_through_a_link_planted_beside_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = db_path(&dir);
        november_with_two_members(&db);
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"keep me").unwrap();
        let out = dir.path().join("sym.pdf");
        for planted in ["sym.pdf.part", ".sym.pdf.partial", "sym.pdf.partial"] {
            std::os::unix::fs::symlink(&victim, dir.path().join(planted)).unwrap();
        }
        succeeded(&madoguchi(&db, &["day-list", "--date", "2025-11-05", "--out", out.to_str().unwrap()]));
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep me");
        assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
        assert_eq!(mode(&out), 0o600);
    }

    #[test]
    fn lists_opened_for_printing_go_to_a_private_folder_beside_the_data() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = db_path(&dir);
        let prints = madoguchi::files::print_folder(&db).unwrap();
        assert_eq!(prints, dir.path().join("prints"));
        assert_eq!(mode(&prints), 0o700);
        std::fs::set_permissions(&prints, std::fs::Permissions::from_mode(0o755)).unwrap();
        madoguchi::files::print_folder(&db).unwrap();
        assert_eq!(mode(&prints), 0o700, "made private again");
    }
}
