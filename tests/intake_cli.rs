//! `madoguchi intake` run as a process, the way a desk on webmail or a script would.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use chrono::Datelike;

fn madoguchi(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_madoguchi")).arg("--db").arg(db).args(args).output().expect("run madoguchi")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A request mail sent now (the reader dates the group session from the mail's date,
/// and the command line's today is the computer's).
fn mail_sent_now(id: &str, from: &str, subject: &str, body: &str) -> String {
    let date = chrono::Local::now().format("%a, %d %b %Y %H:%M:%S %z");
    format!(
        "From: {from}\r\nTo: info@kosugipluscare.com\r\nSubject: {subject}\r\nDate: {date}\r\nMessage-ID: <{id}>\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}"
    )
}

/// 山田 花子 (1024, hanako@example.jp), added as the desk would from the command line.
fn add_hanako(db: &Path) {
    let added = madoguchi(
        db,
        &[
            "member",
            "add",
            "--number",
            "1024",
            "--name",
            "山田 花子",
            "--kana",
            "やまだ はなこ",
            "--phone",
            "044-863-8444",
            "--email",
            "hanako@example.jp",
        ],
    );
    assert!(added.status.success(), "{}", stderr(&added));
}

#[test]
fn import_list_show_accept_and_dismiss_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("m.sqlite3");
    add_hanako(&db);

    // A Wednesday a week or more ahead that is no holiday: the same reading whenever this runs.
    let day = common::coming_wednesday();
    let body = format!(
        "{}月{}日の保健室に参加します。\r\n①１０２４ 山田花子\r\n②hanako@example.jp\r\n③13時〜14時半\r\n",
        day.month(),
        day.day()
    );
    let request = dir.path().join("request.eml");
    std::fs::write(
        &request,
        mail_sent_now(
            "req-1@example.jp",
            "山田 花子 <hanako@example.jp>",
            "=?UTF-8?B?44Kq44Oz44Op44Kk44Oz5L+d5YGl5a6k5Y+C5Yqg5biM5pyb?=",
            &body,
        ),
    )
    .expect("write");
    let news = dir.path().join("news.eml");
    std::fs::write(&news, mail_sent_now("news-1@example.jp", "news@example.jp", "Town news", "Hello\r\n"))
        .expect("write");
    let broken = dir.path().join("broken.eml");
    std::fs::write(&broken, b"").expect("write");

    let out = madoguchi(&db, &["intake", "import", path(&request), path(&news), path(&broken)]);
    assert_eq!(out.status.code(), Some(1), "one file could not be read");
    assert!(stderr(&out).contains("broken.eml: メールとして読めません"), "{}", stderr(&out));
    let again = madoguchi(&db, &["intake", "import", path(&request)]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(stdout(&again), "", "the same mail is read once");

    let list = stdout(&madoguchi(&db, &["intake", "list"]));
    let lines: Vec<Vec<&str>> = list.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2, "{list}");
    let group = lines.iter().find(|l| l[1] == "保健室").expect("the group request");
    let day = day.to_string();
    assert_eq!(&group[2..], &["未処理", "hanako@example.jp", "1024", day.as_str(), "13:00", "14:30", ""], "{list}");
    let other = lines.iter().find(|l| l[1] == "その他").expect("the newsletter");
    assert_eq!(other[8], "要確認", "{list}");

    let show = stdout(&madoguchi(&db, &["intake", "show", group[0]]));
    assert!(show.contains("読み取り: 1024 山田花子／"), "{show}");
    assert!(show.contains("③13時〜14時半"), "the mail is shown beside it: {show}");

    let accepted = madoguchi(&db, &["intake", "accept", group[0]]);
    assert!(accepted.status.success(), "{}", stderr(&accepted));
    assert!(stdout(&accepted).starts_with("予約 "), "{}", stdout(&accepted));
    let reply = std::fs::read_dir(dir.path().join("outbox"))
        .expect("the outbox folder")
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().contains("confirmation"))
        .expect("the confirmation file");
    let reply = std::fs::read_to_string(reply.path()).expect("read reply");
    assert!(reply.contains("In-Reply-To: <req-1@example.jp>"), "{reply}");
    assert!(reply.contains("To: hanako@example.jp"), "{reply}");

    let no_reason = madoguchi(&db, &["intake", "dismiss", other[0]]);
    assert_eq!(no_reason.status.code(), Some(2), "{}", stderr(&no_reason));
    let dismissed = madoguchi(&db, &["intake", "dismiss", other[0], "--reason", "お知らせ"]);
    assert!(dismissed.status.success(), "{}", stderr(&dismissed));
    let again = madoguchi(&db, &["intake", "accept", other[0], "--checked"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("すでに見送り"), "{}", stderr(&again));

    let list = stdout(&madoguchi(&db, &["intake", "list", "--pending"]));
    assert_eq!(list, "", "nothing left to handle");
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

#[test]
fn the_days_a_request_mail_is_kept_is_a_setting_checked_when_set() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("m.sqlite3");
    let shown = stdout(&madoguchi(&db, &["config", "get", "intake.keep_days"]));
    assert_eq!(shown.trim(), "30");
    let wrong = madoguchi(&db, &["config", "set", "intake.keep_days", "一か月"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr(&wrong).contains("0〜3650"), "{}", stderr(&wrong));
    let set = madoguchi(&db, &["config", "set", "intake.keep_days", "14"]);
    assert!(set.status.success(), "{}", stderr(&set));
    assert_eq!(stdout(&madoguchi(&db, &["config", "get", "intake.keep_days"])).trim(), "14");
}

#[test]
fn a_reply_offering_what_is_free_is_shown_as_a_draft_then_sent_as_edited_threaded_under_the_mail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("m.sqlite3");
    add_hanako(&db);
    let day = common::coming_wednesday();
    {
        // The session the mail asks for is full.
        let mut store = madoguchi::store::Store::open(&db).expect("open");
        common::fill_group_session(&mut store, day);
    }
    let body = format!("{}月{}日の保健室\r\n①1024 山田花子\r\n③13時〜14時\r\n", day.month(), day.day());
    let request = dir.path().join("request.eml");
    std::fs::write(&request, mail_sent_now("req-9@example.jp", "hanako@example.jp", "保健室の参加", &body))
        .expect("write");
    assert!(madoguchi(&db, &["intake", "import", path(&request)]).status.success());
    let id = stdout(&madoguchi(&db, &["intake", "list"])).split('\t').next().expect("id").to_owned();

    let draft = madoguchi(&db, &["intake", "reply", &id]);
    assert!(draft.status.success(), "{}", stderr(&draft));
    let draft = stdout(&draft);
    assert!(draft.starts_with("宛先: hanako@example.jp\n件名: Re: 保健室の参加\n"), "{draft}");
    assert!(draft.contains("山田 花子 様"), "{draft}");
    assert!(stdout(&madoguchi(&db, &["intake", "list"])).contains("未処理"), "a draft sends nothing");

    let edited = dir.path().join("reply.txt");
    std::fs::write(&edited, "山田 花子 様\n\n来週の水曜日でしたら空いています。\n").expect("write");
    let sent = madoguchi(&db, &["intake", "reply", &id, "--send", "--body-file", path(&edited)]);
    assert!(sent.status.success(), "{}", stderr(&sent));
    assert_eq!(stdout(&sent), format!("{id}\t空きを案内\thanako@example.jp\n"));
    let file = std::fs::read_dir(dir.path().join("outbox"))
        .expect("the outbox folder")
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().contains("reply"))
        .expect("the reply file");
    let file = std::fs::read_to_string(file.path()).expect("read reply");
    assert!(file.contains("In-Reply-To: <req-9@example.jp>"), "{file}");
    assert!(file.contains("References: <req-9@example.jp>"), "{file}");
}

#[test]
fn setting_the_mailbox_one_value_at_a_time_says_what_was_stored_and_what_is_still_missing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("m.sqlite3");
    let host = madoguchi(&db, &["config", "set", "imap.host", "mail.example.jp"]);
    assert!(host.status.success(), "{}", stderr(&host));
    assert_eq!(
        stdout(&host),
        "imap.host を「mail.example.jp」にしました\n（受信は imap.host と imap.user の両方を設定すると使えます）\n"
    );
    let port = madoguchi(&db, &["config", "set", "imap.port", "10993"]);
    assert!(stdout(&port).starts_with("imap.port を「10993」にしました\n"), "{}", stdout(&port));
    let user = madoguchi(&db, &["config", "set", "imap.user", "desk"]);
    assert_eq!(stdout(&user), "imap.user を「desk」にしました\n");
    let list = stdout(&madoguchi(&db, &["config", "list"]));
    assert!(list.contains("imap.host\tmail.example.jp\nimap.port\t10993\n"), "{list}");
}
