//! Reading the booking requests members send by email (the organisation's announcement):
//! the group session (subject 「オンライン保健室参加希望」: member number and name, address,
//! the time they take part — no date, it is the coming session day), 石井's consultation
//! (name and number, date and time, 30 minutes or 1 hour, a rough theme) and the doctor's
//! email consultation (a subject holding 「ドクターメール」).
//!
//! Members write freely: full-width digits, ①/1./1)/「会員番号：」 or no numbering, 13時半,
//! 最初から最後まで, 来週の水曜. The reader proposes what it read and says how sure it is;
//! whatever it cannot read with confidence carries the reason, and a mail that is none of
//! the three is 「その他」 for a person to read. Nothing here books anything.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Weekday};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::member::{kana_key, name_key, name_spacing};
use super::schedule::ServiceKind;
use super::time::{Interval, TimeOfDay, weekday_kanji};

/// A received mail, already decoded (the MIME layer's work): what the reader looks at.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailText {
    pub message_id: Option<String>,
    /// The sender's address (From), lower-case.
    pub sender: String,
    pub sender_name: String,
    pub subject: String,
    /// When it was sent, in Japan time (the Date header, or when it was received).
    pub sent_at: NaiveDateTime,
    /// The plain text (for an HTML-only mail, its text).
    pub body: String,
    /// Message-IDs this mail answers (In-Reply-To and References).
    pub replies_to: Vec<String>,
    /// Sent by a program, not a person: an auto-reply (不在通知) or a mailing list's mail
    /// (the headers say so: Auto-Submitted, Precedence, List-Id, …).
    #[serde(default)]
    pub automatic: bool,
}

/// Which of the organisation's requests a mail is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RequestKind {
    /// オンライン暮らしの保健室.
    GroupSession,
    /// 個別相談（石井）.
    Consultation,
    /// 個別相談（西）— ドクターメール.
    DoctorMail,
    /// Anything else: a person reads it.
    Other,
}

impl RequestKind {
    pub const ALL: [RequestKind; 4] =
        [RequestKind::GroupSession, RequestKind::Consultation, RequestKind::DoctorMail, RequestKind::Other];

    pub fn code(self) -> &'static str {
        match self {
            RequestKind::GroupSession => "group",
            RequestKind::Consultation => "consultation",
            RequestKind::DoctorMail => "doctor_mail",
            RequestKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<RequestKind> {
        RequestKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind of service a request books; `None` for a ドクターメール (recorded as an
    /// email consultation) or その他 (nothing to book).
    pub fn booked_service(self) -> Option<ServiceKind> {
        match self {
            RequestKind::GroupSession => Some(ServiceKind::GroupSession),
            RequestKind::Consultation => Some(ServiceKind::Consultation),
            RequestKind::DoctorMail | RequestKind::Other => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RequestKind::GroupSession => "保健室",
            RequestKind::Consultation => "個別相談",
            RequestKind::DoctorMail => "ドクターメール",
            RequestKind::Other => "その他",
        }
    }
}

/// What the desk has done with a request: nothing yet, accepted (booked or recorded), or
/// set aside with a reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IntakeState {
    Pending,
    Accepted,
    /// Answered with the free alternatives: the member chooses and writes again.
    Answered,
    Dismissed,
}

impl IntakeState {
    pub const ALL: [IntakeState; 4] =
        [IntakeState::Pending, IntakeState::Accepted, IntakeState::Answered, IntakeState::Dismissed];

    pub fn code(self) -> &'static str {
        match self {
            IntakeState::Pending => "pending",
            IntakeState::Accepted => "accepted",
            IntakeState::Answered => "answered",
            IntakeState::Dismissed => "dismissed",
        }
    }

    pub fn from_code(code: &str) -> Option<IntakeState> {
        IntakeState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            IntakeState::Pending => "未処理",
            IntakeState::Accepted => "受付済",
            IntakeState::Answered => "空きを案内",
            IntakeState::Dismissed => "見送り",
        }
    }
}

/// What the reader needs to know of the schedule: when the group session runs (for
/// 「全部」「最後まで」 and the coming session day) and which consultation lengths exist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntakeRules {
    pub group_weekday: Weekday,
    pub group_window: Interval,
    pub consultation_lengths: Vec<u16>,
}

/// The proposal read from one mail. `doubts` empty means the reader is sure; otherwise
/// each entry says, in the desk's words, what it could not read or what looks wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    pub kind: RequestKind,
    pub member_number: Option<String>,
    pub member_name: Option<String>,
    /// The address written in the body (② for the group session), when there is one.
    pub address: Option<String>,
    pub date: Option<NaiveDate>,
    /// Group: planned join and leave. Consultation: start and end of the call.
    pub hours: Option<Interval>,
    /// 話したいテーマ (consultation only). Kept for the booking; never put in a mail.
    pub theme: String,
    pub doubts: Vec<String>,
}

impl Reading {
    pub fn is_sure(&self) -> bool {
        self.doubts.is_empty() && self.kind != RequestKind::Other
    }

    /// The proposal in one line, as the desk reads it out: 「1024 山田 花子／11月25日(水)
    /// 13:00〜14:30」. What was not read is left out.
    pub fn proposal(&self) -> String {
        let mut parts = Vec::new();
        let who: Vec<&str> =
            [self.member_number.as_deref(), self.member_name.as_deref()].into_iter().flatten().collect();
        if !who.is_empty() {
            parts.push(who.join(" "));
        }
        match (self.date, self.hours) {
            (Some(date), Some(hours)) => parts.push(format!("{} {hours}", short_date(date))),
            (Some(date), None) => parts.push(format!("{} 時間未定", short_date(date))),
            (None, Some(hours)) => parts.push(hours.to_string()),
            (None, None) => {}
        }
        parts.join("／")
    }

    fn other(reason: &str) -> Reading {
        Reading {
            kind: RequestKind::Other,
            member_number: None,
            member_name: None,
            address: None,
            date: None,
            hours: None,
            theme: String::new(),
            doubts: vec![reason.to_owned()],
        }
    }
}

/// Reads one mail. Pure: the same mail and rules always give the same reading.
pub fn read_request(mail: &MailText, rules: &IntakeRules) -> Reading {
    let subject = normalise(&mail.subject);
    let body = own_text(&mail.body);
    let text = normalise(&body);
    let is_reply = is_reply_subject(&subject);
    if mail.automatic || is_automatic_subject(&subject) {
        return Reading::other("自動送信のメールです（不在通知・配信されたお知らせなど）");
    }

    let kind = if subject.contains("ドクターメール") || subject.contains("ドクター メール") {
        RequestKind::DoctorMail
    } else if subject.contains("保健室") {
        RequestKind::GroupSession
    } else if subject.contains("個別相談") || subject.contains("相談予約") || subject.contains("石井") {
        RequestKind::Consultation
    } else if text.contains("保健室") && (text.contains("参加") || text.contains("予約")) {
        RequestKind::GroupSession
    } else if text.contains("個別相談") || (text.contains("石井") && text.contains("相談")) {
        RequestKind::Consultation
    } else {
        return Reading::other("保健室・個別相談・ドクターメールのどれの依頼とも読めません");
    };

    if kind != RequestKind::DoctorMail && asks_for_change(&text) {
        return Reading::other("キャンセルや変更の連絡のようです（担当者が読んでください）");
    }

    let sections = sections(&body, kind);
    let mut doubts = Vec::new();
    let (member_number, member_name) = identity(&sections, &text);
    if member_number.is_none() {
        doubts.push("会員番号が見つかりません".to_owned());
    }
    if member_name.is_none() {
        doubts.push("氏名が見つかりません".to_owned());
    }
    if is_reply {
        // A reply's subject is the earlier mail's: the member's own words must ask for
        // something (a day or a time), or it is a thank-you or a note for a person.
        let asks = kind == RequestKind::DoctorMail
            || tokens(&normalise(&strip_addresses(&body))).iter().any(|t| {
                matches!(
                    t,
                    Token::Time(_)
                        | Token::Date { .. }
                        | Token::DayOfMonth(_)
                        | Token::Weekday { .. }
                        | Token::All
                        | Token::Start
                        | Token::End
                )
            });
        if member_number.is_none() || !asks {
            return Reading::other("以前のメールへの返信で、依頼の内容が見つかりません");
        }
        doubts.push("以前のメールへの返信です".to_owned());
    }
    // ② of the group session: the address the meeting access goes to.
    let address = (kind == RequestKind::GroupSession)
        .then(|| find_address(&section_text(&sections, Field::Address).unwrap_or_else(|| body.clone())))
        .flatten();

    let mut reading = Reading {
        kind,
        member_number,
        member_name,
        address,
        date: None,
        hours: None,
        theme: String::new(),
        doubts: Vec::new(),
    };
    let sent = mail.sent_at.date();
    match kind {
        RequestKind::GroupSession => {
            let time_text = section_text(&sections, Field::Time).unwrap_or_else(|| text.clone());
            let time_tokens = tokens(&normalise(&strip_addresses(&time_text)));
            // A date may be anywhere (「12月2日の保健室に」, or in the subject).
            let date_tokens = tokens_of(&sections, Field::Date)
                .unwrap_or_else(|| tokens(&normalise(&strip_addresses(&format!("{}\n{text}", mail.subject)))));
            reading.date = match resolve_date(&date_tokens, sent, &mut doubts) {
                WrittenDate::One(date) => {
                    if date.weekday() != rules.group_weekday {
                        doubts.push(format!(
                            "{}は{}曜日ではありません",
                            short_date(date),
                            weekday_kanji(rules.group_weekday)
                        ));
                    }
                    Some(date)
                }
                WrittenDate::Unwritten => Some(coming_session_day(mail.sent_at, rules, &mut doubts)),
                WrittenDate::Unclear => None,
            };
            reading.hours = group_hours(&time_tokens, rules.group_window, &mut doubts);
        }
        RequestKind::Consultation => {
            let date_text = section_text(&sections, Field::Date).unwrap_or_else(|| text.clone());
            let date_tokens = tokens(&normalise(&strip_addresses(&date_text)));
            let all_tokens = tokens(&normalise(&strip_addresses(&text_without_theme(&sections, &text))));
            let length_tokens = tokens_of(&sections, Field::Length).unwrap_or_else(|| all_tokens.clone());
            let written = match resolve_date(&date_tokens, sent, &mut doubts) {
                // 「② 11時から」 with the day elsewhere in the mail.
                WrittenDate::Unwritten => resolve_date(&all_tokens, sent, &mut doubts),
                written => written,
            };
            reading.date = match written {
                WrittenDate::One(date) => Some(date),
                WrittenDate::Unwritten | WrittenDate::Unclear => None,
            };
            if reading.date.is_none() {
                doubts.push("予約日が読めません".to_owned());
            }
            reading.hours = consultation_hours(&date_tokens, &length_tokens, rules, &mut doubts);
            reading.theme = section_text(&sections, Field::Theme).map(|t| tidy_theme(&t)).unwrap_or_default();
        }
        RequestKind::DoctorMail | RequestKind::Other => {}
    }
    if let Some(date) = reading.date
        && date < sent
    {
        doubts.push(format!("{}は過去の日付です", short_date(date)));
    }
    doubts.dedup();
    reading.doubts = doubts;
    reading
}

/// Why a proposal needs a person's check before anyone accepts it, besides the reading
/// itself (the policy: members are identified by name and member number).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdentityFlag {
    /// No member has the number written in the mail.
    UnknownNumber,
    /// The number is a member's, but the name written is not theirs.
    NameDiffers { on_file: String },
    /// The mail came from an address the member's record does not hold.
    SenderNotOnFile,
    /// The mail gives an address (② of the group session) the member's record does not
    /// hold: the meeting access would go there.
    AddressNotOnFile { written: String },
}

impl IdentityFlag {
    pub fn code(&self) -> &'static str {
        match self {
            IdentityFlag::UnknownNumber => "unknown_number",
            IdentityFlag::NameDiffers { .. } => "name_differs",
            IdentityFlag::SenderNotOnFile => "sender_not_on_file",
            IdentityFlag::AddressNotOnFile { .. } => "address_not_on_file",
        }
    }

    /// What the desk reads beside the proposal.
    pub fn describe(&self) -> String {
        match self {
            IdentityFlag::UnknownNumber => "この会員番号の会員はいません".to_owned(),
            IdentityFlag::NameDiffers { on_file } => format!("氏名が会員番号の登録（{on_file}）と違います"),
            IdentityFlag::SenderNotOnFile => "差出人のアドレスが会員の登録にありません".to_owned(),
            IdentityFlag::AddressNotOnFile { written } => {
                format!("本文のアドレス（{written}）が会員の登録と違います。参加案内はこのアドレスに送られます")
            }
        }
    }
}

/// The member as the desk has them on file, for the identity check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberOnFile {
    pub name: String,
    pub kana: String,
    pub email: Option<String>,
}

/// Checks a reading against the member its number names (`None`: no such member).
pub fn identity_flags(reading: &Reading, sender: &str, member: Option<&MemberOnFile>) -> Vec<IdentityFlag> {
    if reading.kind == RequestKind::Other || reading.member_number.is_none() {
        return Vec::new();
    }
    let Some(member) = member else {
        return vec![IdentityFlag::UnknownNumber];
    };
    let mut flags = Vec::new();
    if let Some(written) = &reading.member_name {
        let same = name_key(written) == name_key(&member.name)
            || (!member.kana.is_empty() && kana_key(written) == kana_key(&member.kana));
        if !same {
            flags.push(IdentityFlag::NameDiffers { on_file: member.name.clone() });
        }
    }
    let on_file =
        |address: &str| member.email.as_deref().is_some_and(|email| email.eq_ignore_ascii_case(address.trim()));
    if !on_file(sender) {
        flags.push(IdentityFlag::SenderNotOnFile);
    }
    if let Some(written) = &reading.address
        && !on_file(written)
        && !written.eq_ignore_ascii_case(sender.trim())
    {
        flags.push(IdentityFlag::AddressNotOnFile { written: written.clone() });
    }
    flags
}

/// The address a request's booking is confirmed at: the one written in the mail (② of the
/// group session), else the sender's. The confirmation answers the sender; the meeting
/// access goes here.
pub fn booking_address(reading: &Reading, sender: &str) -> String {
    reading.address.clone().unwrap_or_else(|| sender.trim().to_owned())
}

/// A day the desk can offer instead of what was asked: its free starts for the same length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FreeDay {
    pub date: NaiveDate,
    pub starts: Vec<TimeOfDay>,
}

/// How many starts a reply lists for one day (a member reads a short list).
const STARTS_PER_DAY: usize = 4;

/// The alternatives as a reply lists them, one day per line: the hours asked when that
/// day has them free, else up to four free starts of the same length.
pub fn alternatives_lines(asked: Interval, days: &[FreeDay]) -> String {
    let minutes = asked.minutes();
    let lines: Vec<String> = days
        .iter()
        .filter(|day| !day.starts.is_empty())
        .map(|day| {
            let spans: Vec<String> = if day.starts.contains(&asked.start) {
                vec![asked.to_string()]
            } else {
                day.starts
                    .iter()
                    .take(STARTS_PER_DAY)
                    .filter_map(|start| Interval::new(*start, start.plus(minutes)?))
                    .map(|span| span.to_string())
                    .collect()
            };
            format!("・{} {}", short_date(day.date), spans.join("、"))
        })
        .collect();
    if lines.is_empty() {
        return "・（この先しばらく空きがありません。お電話でご相談ください）".to_owned();
    }
    lines.join("\n")
}

/// 12月2日(水).
fn short_date(date: NaiveDate) -> String {
    format!("{}月{}日({})", date.month(), date.day(), weekday_kanji(date.weekday()))
}

/// The group session's date when the mail names none: the next session day. A mail sent
/// on the day itself, before the session starts, asks for that day (and says so).
fn coming_session_day(sent_at: NaiveDateTime, rules: &IntakeRules, doubts: &mut Vec<String>) -> NaiveDate {
    let date = sent_at.date();
    let ahead = (7 + rules.group_weekday.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    if ahead == 0 {
        let start = u32::from(rules.group_window.start.minutes());
        if sent_at.hour() * 60 + sent_at.minute() < start {
            doubts.push("当日の申し込みです".to_owned());
            return date;
        }
        return date + Duration::days(7);
    }
    date + Duration::days(i64::from(ahead))
}

// ---------------------------------------------------------------------------------------
// The member's own words: quoted replies and signatures left out.

/// The body without quoted text, the quoted original of a reply or forward, and the
/// signature.
fn own_text(body: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let mut kept = Vec::new();
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        let plain: String = line.nfkc().collect();
        if line.starts_with('>') || line.starts_with('＞') || line.starts_with('|') {
            continue;
        }
        if is_quote_header(&plain) || line == "--" || raw.trim_end_matches(['\r', '\n']) == "-- " {
            break;
        }
        if is_sent_from_device(&plain) {
            continue;
        }
        if is_rule_line(line) {
            let rest: String = lines[i + 1..].join("\n");
            if !mentions_request(&rest) {
                break;
            }
            continue;
        }
        kept.push(*raw);
    }
    kept.join("\n")
}

fn is_quote_header(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.contains("original message")
        || lower.contains("forwarded message")
        || line.contains("元のメッセージ")
        || line.contains("転送メッセージ")
        || (lower.starts_with("on ") && lower.ends_with("wrote:"))
        || line.ends_with("のメール:")
        || line.ends_with("のメッセージ:")
        || line.ends_with("書きました:")
        || line.ends_with("wrote:")
        // Gmail in Japanese: 「2026年11月14日(土) 10:00 名前 <address>:」.
        || (line.ends_with(">:") && line.contains('@'))
        || line.starts_with("差出人:")
        || line.starts_with("送信者:")
        || lower.starts_with("from:")
        || (line.chars().count() >= 10 && line.chars().all(|c| c == '_'))
}

fn is_sent_from_device(line: &str) -> bool {
    let lower = line.to_lowercase();
    // 「iPhoneから送信」「Android端末から送信」, "Sent from my iPhone".
    lower.starts_with("sent from my") || (line.ends_with("から送信") && line.chars().count() < 30)
}

/// A line of rule characters: where signatures begin (and some members frame their text).
fn is_rule_line(line: &str) -> bool {
    line.chars().count() >= 5 && line.chars().all(|c| "-―─━=＝*＊_＿~〜・☆★◆◇□■+＋ ".contains(c))
}

fn mentions_request(text: &str) -> bool {
    let plain = normalise(text);
    text.contains('①') || ["会員番号", "参加時間", "予約", "利用時間", "テーマ", "1)"].iter().any(|w| plain.contains(w))
}

fn is_reply_subject(subject: &str) -> bool {
    let lower = subject.trim_start().to_lowercase();
    ["re:", "re ", "返信:", "fw:", "fwd:", "転送:"].iter().any(|p| lower.starts_with(p))
}

/// An auto-reply's subject: the subject of the mail it answers, behind a program's prefix.
fn is_automatic_subject(subject: &str) -> bool {
    let lower = subject.trim_start().to_lowercase();
    ["自動応答", "自動返信", "自動返答", "不在通知", "不在:", "automatic reply", "auto:", "autoreply", "out of office"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// A cancellation, a change or a question about a booking is for a person, not a proposal.
fn asks_for_change(text: &str) -> bool {
    [
        "キャンセル",
        "取り消",
        "取消",
        "欠席します",
        "行けなくな",
        "参加できなくな",
        "変更したい",
        "変更をお願い",
        "変更して",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// NFKC (full-width digits, colons and letters made half-width), with the wave dashes
/// NFKC keeps (〜 U+301C) made `~`. Circled item numbers (①…⑳) become a space first:
/// NFKC would make 「③12月3日」 the number 「312月3日」 and 「①2051」 the number 12051.
fn normalise(text: &str) -> String {
    let separated: String = text.chars().map(|c| if ('①'..='⑳').contains(&c) { ' ' } else { c }).collect();
    separated
        .nfkc()
        .map(|c| match c {
            '〜' | '～' => '~',
            '−' | '‐' | '–' | '—' | '―' => '-',
            '：' => ':',
            other => other,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Sections: ① … ④, 1. … 4., 1) … 4), or labels such as 「会員番号：」.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Preamble,
    Identity,
    Number,
    Name,
    Address,
    Time,
    Date,
    Length,
    Theme,
}

/// Labels members put before a value, longest first so 「話したいテーマ」 wins over 「テーマ」.
const LABELS: &[(&str, Field)] = &[
    ("会員番号・氏名", Field::Identity),
    ("会員番号・お名前", Field::Identity),
    ("会員番号と氏名", Field::Identity),
    ("会員番号、氏名", Field::Identity),
    ("氏名・会員番号", Field::Identity),
    ("氏名、会員番号", Field::Identity),
    ("お名前・会員番号", Field::Identity),
    ("名前・会員番号", Field::Identity),
    ("氏名と会員番号", Field::Identity),
    ("話したいテーマ", Field::Theme),
    ("相談したいこと", Field::Theme),
    ("話したいこと", Field::Theme),
    ("相談テーマ", Field::Theme),
    ("相談内容", Field::Theme),
    ("テーマ", Field::Theme),
    ("メールアドレス", Field::Address),
    ("アドレス", Field::Address),
    ("E-mail", Field::Address),
    ("Email", Field::Address),
    ("会員番号", Field::Number),
    ("会員No.", Field::Number),
    ("会員No", Field::Number),
    ("お名前", Field::Name),
    ("氏名", Field::Name),
    ("名前", Field::Name),
    ("参加時間", Field::Time),
    ("参加時刻", Field::Time),
    ("参加希望時間", Field::Time),
    ("利用時間", Field::Length),
    ("相談時間", Field::Length),
    ("予約日時", Field::Date),
    ("希望日時", Field::Date),
    ("予約希望日", Field::Date),
    ("希望日", Field::Date),
    ("予約日", Field::Date),
    ("日時", Field::Date),
    ("日にち", Field::Date),
];

/// What the n-th numbered item holds, as the announcement lists them.
fn numbered_field(kind: RequestKind, n: u32) -> Field {
    match (kind, n) {
        (_, 1) => Field::Identity,
        (RequestKind::GroupSession, 2) => Field::Address,
        (RequestKind::GroupSession, 3) => Field::Time,
        (RequestKind::Consultation, 2) => Field::Date,
        (RequestKind::Consultation, 3) => Field::Length,
        (RequestKind::Consultation, 4) => Field::Theme,
        _ => Field::Preamble,
    }
}

/// The item number a line starts with (①, 1., 1), (1), 1、) and the rest of the line.
fn item_number(line: &str) -> Option<(u32, String)> {
    let line = line.trim_start();
    let first = line.chars().next()?;
    if ('①'..='⑨').contains(&first) {
        return Some((first as u32 - '①' as u32 + 1, line[first.len_utf8()..].to_owned()));
    }
    let plain = normalise(line);
    let plain = plain.trim_start_matches(['(', '[']);
    let mut chars = plain.chars();
    let digit = chars.next()?.to_digit(10)?;
    let rest = chars.as_str();
    let after = rest.chars().next()?;
    if !(1..=9).contains(&digit) || !matches!(after, '.' | ')' | '、' | ']') {
        return None;
    }
    let rest = &rest[after.len_utf8()..];
    // 「1.5時間」 is a length, not an item.
    if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((digit, rest.to_owned()))
}

/// A label the text starts with, and the text after it and its separator.
fn strip_label(text: &str) -> Option<(Field, String)> {
    let plain = normalise(text.trim());
    let plain = plain.trim_start_matches(['【', '[', '■', '●', '◆', '・', '*', ' ']);
    for (label, field) in LABELS {
        let label_plain = normalise(label);
        if let Some(rest) = plain.strip_prefix(label_plain.as_str()) {
            let rest = rest.trim_start_matches(['】', ']', ':', '=', ' ', '\t', '　']);
            let rest = rest.strip_prefix("は").unwrap_or(rest);
            return Some((*field, rest.trim().to_owned()));
        }
    }
    None
}

fn sections(body: &str, kind: RequestKind) -> Vec<(Field, String)> {
    let mut sections: Vec<(Field, String)> = Vec::new();
    let mut numbered = false;
    let mut after_blank = false;
    for line in body.lines() {
        if line.trim().is_empty() {
            after_blank = true;
            continue;
        }
        let continues = !std::mem::replace(&mut after_blank, false);
        if let Some((n, rest)) = item_number(line) {
            numbered = true;
            let (field, value) = match strip_label(&rest) {
                // 「① 会員番号：1234」 under an item number: the label says more than the number.
                Some((field, value)) => (field, value),
                None => (numbered_field(kind, n), rest.trim().to_owned()),
            };
            sections.push((field, value));
            continue;
        }
        if let Some((field, value)) = strip_label(line) {
            sections.push((field, value));
            continue;
        }
        match sections.last_mut() {
            // An item goes on over the next lines (a theme in two lines) until a blank line.
            Some((field, value)) if *field != Field::Preamble && continues && (numbered || value.is_empty()) => {
                value.push('\n');
                value.push_str(line.trim());
            }
            _ => sections.push((Field::Preamble, line.trim().to_owned())),
        }
    }
    sections
}

fn section_text(sections: &[(Field, String)], field: Field) -> Option<String> {
    let parts: Vec<&str> = sections.iter().filter(|(f, _)| *f == field).map(|(_, v)| v.as_str()).collect();
    (!parts.is_empty() && parts.iter().any(|p| !p.trim().is_empty())).then(|| parts.join("\n"))
}

fn tokens_of(sections: &[(Field, String)], field: Field) -> Option<Vec<Token>> {
    section_text(sections, field).map(|t| tokens(&normalise(&strip_addresses(&t))))
}

fn text_without_theme(sections: &[(Field, String)], text: &str) -> String {
    match section_text(sections, Field::Theme) {
        Some(_) => {
            sections.iter().filter(|(f, _)| *f != Field::Theme).map(|(_, v)| v.as_str()).collect::<Vec<_>>().join("\n")
        }
        None => text.to_owned(),
    }
}

fn tidy_theme(theme: &str) -> String {
    theme.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------
// Member number and name.

/// Words around a name that are not the name.
const NOT_NAME: &[&str] = &[
    "いつもお世話になっております",
    "お世話になっております",
    "お世話になります",
    "こんにちは",
    "はじめまして",
    "と申します",
    "でございます",
    "会員番号",
    "会員No.",
    "会員No",
    "お名前",
    "氏名",
    "名前",
    "番号",
    "です",
    "No.",
    "様",
];

fn identity(sections: &[(Field, String)], text: &str) -> (Option<String>, Option<String>) {
    let number_section = section_text(sections, Field::Number);
    let identity_section = section_text(sections, Field::Identity);
    let name_section = section_text(sections, Field::Name);

    let number = number_section
        .as_deref()
        .and_then(|value| leading_number(&normalise(value)))
        .or_else(|| number_section.as_deref().and_then(first_number))
        .or_else(|| identity_section.as_deref().and_then(first_number))
        .or_else(|| number_after_label(text))
        // Unlabelled, as in 「1234 山田花子」: the first number that is nothing else.
        .or_else(|| first_number(text));

    let name = name_section
        .as_deref()
        .and_then(|n| clean_name(n, number.as_deref()))
        .or_else(|| identity_section.as_deref().and_then(|s| clean_name(s, number.as_deref())))
        .or_else(|| number_section.as_deref().and_then(|s| clean_name(s, number.as_deref())))
        .or_else(|| {
            // No section: the line that holds the number usually holds the name too
            // (「会員番号1234の山田花子です」, 「山田花子（会員番号1234）」), or the next one
            // introduces the member (「田中和子です。」).
            let number = number.as_deref()?;
            let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
            let at = lines.iter().position(|l| normalise(l).contains(number))?;
            clean_name_line(lines[at], Some(number)).or_else(|| {
                let next = lines.get(at + 1)?;
                let plain = normalise(next);
                (plain.contains("です") || plain.contains("と申します")).then(|| clean_name_line(next, None))?
            })
        });
    (number, name)
}

/// The first run of 3 to 8 digits that is not a time, a date, a length or a phone number.
fn first_number(text: &str) -> Option<String> {
    let plain = normalise(&strip_addresses(text));
    let chars: Vec<char> = plain.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            // A separator joins two numbers (12/9, 13:30, 044-863-8444, 1.5) only with a digit
            // on its far side: 「渡辺 隆/3540」 and 「No.3540」 are member numbers.
            let digit_at = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(char::is_ascii_digit);
            let is_separator = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|c| "-:/.".contains(*c));
            let before = start.checked_sub(1);
            let part_of_other = (is_separator(before) && digit_at(start.checked_sub(2)))
                || (is_separator(Some(i)) && digit_at(Some(i + 1)))
                || matches!(chars.get(i), Some('時' | '分' | '月' | '日' | '年' | '才' | '歳'));
            if (3..=8).contains(&(i - start)) && !part_of_other {
                return Some(chars[start..i].iter().collect());
            }
        } else {
            i += 1;
        }
    }
    None
}

fn number_after_label(text: &str) -> Option<String> {
    let plain = normalise(text);
    for label in ["会員番号", "会員No.", "会員No", "会員ナンバー"] {
        if let Some(at) = plain.find(label) {
            let rest = &plain[at + label.len()..];
            let rest = rest.trim_start_matches([':', ' ', 'は', '=', '\u{3000}']);
            if let Some(number) = leading_number(rest) {
                return Some(number);
            }
        }
    }
    None
}

/// The member number a labelled value starts with (normalised text). Members on a phone
/// sometimes space the digits out (「１２　０６」, 「1 2 0 6」): groups split by spaces are
/// one number when one of them is too short to be a number by itself. Two full numbers
/// (「1234 5678」) are not joined, and a group that is a time or a date (「1234 2時」)
/// is not part of it.
fn leading_number(value: &str) -> Option<String> {
    let chars: Vec<char> = value.trim_start_matches([':', ' ', 'は', '=']).chars().collect();
    let mut groups: Vec<String> = Vec::new();
    let mut i = 0;
    loop {
        let start = i;
        while chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            break;
        }
        let follows = chars.get(i).copied();
        let is_other = matches!(follows, Some('時' | '分' | '月' | '日' | '年' | ':' | '/' | '.' | '-'));
        if is_other && !groups.is_empty() {
            break;
        }
        if is_other {
            return None;
        }
        groups.push(chars[start..i].iter().collect());
        let mut j = i;
        while chars.get(j) == Some(&' ') {
            j += 1;
        }
        if j == i || !chars.get(j).is_some_and(char::is_ascii_digit) {
            break;
        }
        i = j;
    }
    let first = groups.first()?;
    let number = if groups.iter().any(|g| g.len() < 3) { groups.concat() } else { first.clone() };
    (3..=8).contains(&number.len()).then_some(number)
}

/// The name left in `text` once the number, labels, greetings and punctuation are gone.
fn clean_name(text: &str, number: Option<&str>) -> Option<String> {
    text.lines().find_map(|line| clean_name_line(line, number))
}

fn clean_name_line(line: &str, number: Option<&str>) -> Option<String> {
    let line = normalise(line);
    // A sentence with a verb in it is not a name (「会員番号は忘れてしまいました。山崎トミです」):
    // only the sentences without one are searched.
    let clauses: Vec<&str> = line
        .split(['。', '、', ',', '!', '?'])
        .filter(|clause| !PREDICATES.iter().any(|p| clause.contains(p)))
        .collect();
    let mut rest = clauses.join(" ");
    if let Some(number) = number {
        rest = rest.replacen(number, " ", 1);
    }
    for word in NOT_NAME {
        rest = rest.replace(&normalise(word), " ");
    }
    // Particles and punctuation between the number and the name (「1234の山田です」).
    let mut cleaned = String::new();
    for c in rest.chars() {
        if matches!(
            c,
            '・' | '、' | ',' | '/' | ':' | '(' | ')' | '「' | '」' | '。' | '.' | '[' | ']' | '【' | '】' | '-' | '='
        ) || c.is_ascii_digit()
        {
            cleaned.push(' ');
        } else {
            cleaned.push(c);
        }
    }
    let parts: Vec<&str> = cleaned
        .split_whitespace()
        .map(|p| p.trim_start_matches('の').trim_end_matches(['は', 'の', 'で']))
        .filter(|p| !p.is_empty() && *p != "の")
        .collect();
    let name = name_spacing(&parts.join(" "));
    let looks_like_name = !name.is_empty()
        && name.chars().count() <= 16
        && name.chars().all(|c| c == ' ' || is_name_char(c))
        && !name.chars().all(|c| matches!(c, 'ぁ'..='ゖ' | ' '));
    looks_like_name.then_some(name)
}

/// Verb endings that make a sentence something other than a self-introduction.
const PREDICATES: &[&str] = &["ます", "ました", "ません", "ください", "でした", "ましょう", "たいです", "たいと"];

fn is_name_char(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '々' | 'ヶ' | '〆'
        | 'ぁ'..='ゖ' | 'ァ'..='ヺ' | 'ー' | 'A'..='Z' | 'a'..='z')
}

fn find_address(text: &str) -> Option<String> {
    let plain = normalise(text);
    plain
        .split(|c: char| c.is_whitespace() || "<>()[]「」、,:;".contains(c))
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .find(|w| {
            w.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.') && w.is_ascii())
        })
        .map(str::to_lowercase)
}

/// The text with every mail address blanked out (their digits are no times or numbers).
fn strip_addresses(text: &str) -> String {
    text.lines()
        .map(|line| {
            line.split(' ')
                .map(|w| if w.contains('@') || w.contains('＠') { "" } else { w })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------------------
// Times, dates and lengths.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    Time(TimeOfDay),
    /// から, より, 以降, 〜, -.
    From,
    /// まで.
    Until,
    /// 最初, はじめ, 開始.
    Start,
    /// 最後, 終わり, 終了.
    End,
    /// 全部, 全て, 通し.
    All,
    /// 途中.
    Midway,
    /// 遅れ, 遅刻: a member arriving late, by a length or to a time not always written.
    Late,
    Length(u16),
    Date {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    /// 来週の水曜 (weeks ahead of the mail's week) or plain 水曜 (`None`: the next one).
    Weekday {
        weeks_ahead: Option<i64>,
        weekday: Weekday,
    },
    /// (水) after a date.
    WeekdayNote(Weekday),
    /// 9日 with no month: the next 9th.
    DayOfMonth(u32),
}

const WEEKDAYS: [(char, Weekday); 7] = [
    ('月', Weekday::Mon),
    ('火', Weekday::Tue),
    ('水', Weekday::Wed),
    ('木', Weekday::Thu),
    ('金', Weekday::Fri),
    ('土', Weekday::Sat),
    ('日', Weekday::Sun),
];

const WORDS: &[(&str, Token)] = &[
    ("最初から最後", Token::All),
    ("はじめから最後", Token::All),
    ("始めから終わり", Token::All),
    ("全部", Token::All),
    ("全て", Token::All),
    ("すべて", Token::All),
    ("全時間", Token::All),
    ("通し", Token::All),
    ("フル", Token::All),
    ("最初", Token::Start),
    ("はじめ", Token::Start),
    ("始め", Token::Start),
    ("初め", Token::Start),
    ("開始", Token::Start),
    ("最後", Token::End),
    ("終わり", Token::End),
    ("おわり", Token::End),
    ("終了", Token::End),
    ("終り", Token::End),
    ("途中", Token::Midway),
    ("遅れ", Token::Late),
    ("遅刻", Token::Late),
    ("から", Token::From),
    ("より", Token::From),
    ("以降", Token::From),
    ("~", Token::From),
    ("まで", Token::Until),
    ("迄", Token::Until),
    ("一時間", Token::Length(60)),
    ("三十分", Token::Length(30)),
];

fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut afternoon: Option<bool> = None;
    let starts = |i: usize, word: &str| {
        let w: Vec<char> = word.chars().collect();
        chars.len() >= i + w.len() && chars[i..i + w.len()] == w[..]
    };
    let digits_at = |i: usize| -> (u32, usize) {
        let mut j = i;
        let mut n: u32 = 0;
        while j < chars.len() && chars[j].is_ascii_digit() && j - i < 4 {
            n = n * 10 + chars[j].to_digit(10).unwrap_or(0);
            j += 1;
        }
        (n, j)
    };
    'scan: while i < chars.len() {
        let c = chars[i];
        if starts(i, "午後") {
            afternoon = Some(true);
            i += 2;
            continue;
        }
        if starts(i, "午前") {
            afternoon = Some(false);
            i += 2;
            continue;
        }
        if let Some(weeks) = [("再来週", 2), ("来週", 1), ("今週", 0)].iter().find(|(w, _)| starts(i, w)) {
            let mut j = i + weeks.0.chars().count();
            while j < chars.len() && matches!(chars[j], 'の' | ' ') {
                j += 1;
            }
            if let Some((_, weekday)) = WEEKDAYS.iter().find(|(k, _)| chars.get(j) == Some(k)) {
                out.push(Token::Weekday { weeks_ahead: Some(weeks.1), weekday: *weekday });
                i = j + 1;
                continue;
            }
        }
        if let Some((_, weekday)) = WEEKDAYS.iter().find(|(k, _)| *k == c)
            && chars.get(i + 1) == Some(&'曜')
        {
            // 「次の水曜」「今度の水曜」 and a plain 「水曜日」: the next one after the mail.
            out.push(Token::Weekday { weeks_ahead: None, weekday: *weekday });
            i += 2;
            continue;
        }
        if c == '('
            && chars.get(i + 2) == Some(&')')
            && let Some((_, weekday)) = WEEKDAYS.iter().find(|(k, _)| Some(k) == chars.get(i + 1))
        {
            out.push(Token::WeekdayNote(*weekday));
            i += 3;
            continue;
        }
        if c.is_ascii_digit() {
            let (n, j) = digits_at(i);
            let next = chars.get(j).copied();
            // 2026年12月2日, 2026/12/2
            if j - i == 4 && matches!(next, Some('年' | '/')) {
                let (m, k) = digits_at(j + 1);
                if k > j + 1 && matches!(chars.get(k), Some('月' | '/')) {
                    let (d, l) = digits_at(k + 1);
                    if l > k + 1 {
                        out.push(Token::Date { year: Some(n as i32), month: m, day: d });
                        i = if chars.get(l) == Some(&'日') { l + 1 } else { l };
                        continue;
                    }
                }
            }
            if j - i <= 2 {
                // 12月2日, 12/2
                if matches!(next, Some('月' | '/')) {
                    let (d, k) = digits_at(j + 1);
                    if k > j + 1 && k - j - 1 <= 2 && (1..=12).contains(&n) && (1..=31).contains(&d) {
                        out.push(Token::Date { year: None, month: n, day: d });
                        i = if chars.get(k) == Some(&'日') { k + 1 } else { k };
                        continue;
                    }
                }
                // 13:30
                if next == Some(':') {
                    let (m, k) = digits_at(j + 1);
                    if k - j - 1 == 2 {
                        push_time(&mut out, n, m, afternoon);
                        i = k;
                        continue;
                    }
                }
                // 1時間, 1時間半
                if starts(j, "時間") {
                    let half = chars.get(j + 2) == Some(&'半');
                    out.push(Token::Length((n * 60 + if half { 30 } else { 0 }) as u16));
                    i = j + 2 + usize::from(half);
                    continue;
                }
                // 13時, 13時半, 13時30分
                if next == Some('時') {
                    let mut k = j + 1;
                    let mut minute = 0;
                    if chars.get(k) == Some(&'半') {
                        minute = 30;
                        k += 1;
                    } else if chars.get(k).is_some_and(char::is_ascii_digit) {
                        let (m, l) = digits_at(k);
                        if chars.get(l) == Some(&'分') {
                            minute = m;
                            k = l + 1;
                        }
                    }
                    push_time(&mut out, n, minute, afternoon);
                    i = k;
                    continue;
                }
                // 「12月2日か9日」: a day of the month alone (not 3日間, 2日前).
                if next == Some('日')
                    && (1..=31).contains(&n)
                    && !matches!(chars.get(j + 1), Some('間' | '前' | '後' | '目' | 'ぶ'))
                {
                    out.push(Token::DayOfMonth(n));
                    i = j + 1;
                    continue;
                }
                // 30分, 60分間
                if next == Some('分') {
                    out.push(Token::Length(n as u16));
                    i = j + 1;
                    continue;
                }
            }
            i = j;
            continue;
        }
        for (word, token) in WORDS {
            if starts(i, word) {
                out.push(*token);
                i += word.chars().count();
                continue 'scan;
            }
        }
        if c == '-' && matches!(out.last(), Some(Token::Time(_))) {
            out.push(Token::From);
        }
        i += 1;
    }
    out
}

/// A time as members write it: 1時 on an afternoon service is 13:00 unless 午前 is said.
fn push_time(out: &mut Vec<Token>, hour: u32, minute: u32, afternoon: Option<bool>) {
    let hour = match afternoon {
        Some(true) if hour < 12 => hour + 12,
        None if (1..=7).contains(&hour) => hour + 12,
        _ => hour,
    };
    if let Some(t) = u16::try_from(hour).ok().zip(u16::try_from(minute).ok()).and_then(|(h, m)| TimeOfDay::hm(h, m)) {
        out.push(Token::Time(t));
    }
}

/// What a mail says about the day it asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WrittenDate {
    /// No date at all (the group session: the coming session day).
    Unwritten,
    One(NaiveDate),
    /// Dates that disagree (「12月9日か16日」), or 「来週の水曜」 written on a Sunday: a
    /// person asks back. No date is proposed.
    Unclear,
}

/// The day the date words point at. Every date written must point at the same day; a
/// relative date (来週の水曜) may point at two, and then another date written settles it.
fn resolve_date(tokens: &[Token], sent: NaiveDate, doubts: &mut Vec<String>) -> WrittenDate {
    let mut agreed: Option<Vec<NaiveDate>> = None;
    for (at, token) in tokens.iter().enumerate() {
        if !matches!(token, Token::Date { .. } | Token::Weekday { .. } | Token::DayOfMonth(_)) {
            continue;
        }
        let dates = date_candidates(*token, sent);
        if dates.is_empty() {
            doubts.push("日付が読めません".to_owned());
            return WrittenDate::Unclear;
        }
        if let (Token::Date { .. } | Token::DayOfMonth(_), [date], Some(Token::WeekdayNote(weekday))) =
            (token, dates.as_slice(), tokens.get(at + 1))
            && *weekday != date.weekday()
        {
            doubts.push(format!("{}月{}日は{}曜日ではありません", date.month(), date.day(), weekday_kanji(*weekday)));
        }
        // The same date twice (in the subject and the body) is no doubt; two dates are.
        let both: Vec<NaiveDate> = match agreed {
            None => dates,
            Some(before) => before.into_iter().filter(|d| dates.contains(d)).collect(),
        };
        if both.is_empty() {
            doubts.push("日付が複数書かれています".to_owned());
            return WrittenDate::Unclear;
        }
        agreed = Some(both);
    }
    match agreed.as_deref() {
        None => WrittenDate::Unwritten,
        Some([date]) => WrittenDate::One(*date),
        Some(dates) => {
            let named: Vec<String> = dates.iter().map(|d| short_date(*d)).collect();
            doubts.push(format!("「来週」「今週」がどの週か決められません（{}）", named.join("か")));
            WrittenDate::Unclear
        }
    }
}

/// The days one date word can mean, earliest first.
fn date_candidates(token: Token, sent: NaiveDate) -> Vec<NaiveDate> {
    match token {
        Token::Date { year: Some(year), month, day } => NaiveDate::from_ymd_opt(year, month, day).into_iter().collect(),
        Token::Date { year: None, month, day } => {
            // The first such date that is not long past: a mail in December asking for
            // 1/13 means next January.
            [sent.year(), sent.year() + 1]
                .into_iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                .find(|d| *d >= sent - Duration::days(31))
                .into_iter()
                .collect()
        }
        Token::Weekday { weeks_ahead: Some(weeks), weekday } => {
            // A week starts on Monday to some and on Sunday to others (Japanese calendars
            // print Sunday first): the two agree except on a Sunday, where 「来週の水曜」 is
            // three or ten days ahead. A day already past is no one's meaning when the other
            // is still to come.
            let monday = sent - Duration::days(i64::from(sent.weekday().num_days_from_monday()));
            let sunday = sent - Duration::days(i64::from(sent.weekday().num_days_from_sunday()));
            let by_monday = monday + Duration::days(7 * weeks + i64::from(weekday.num_days_from_monday()));
            let by_sunday = sunday + Duration::days(7 * weeks + i64::from(weekday.num_days_from_sunday()));
            let mut dates = vec![by_monday.min(by_sunday), by_monday.max(by_sunday)];
            dates.dedup();
            if dates.iter().any(|d| *d >= sent) {
                dates.retain(|d| *d >= sent);
            }
            dates
        }
        Token::Weekday { weeks_ahead: None, weekday } => {
            let ahead = (7 + weekday.num_days_from_monday() - sent.weekday().num_days_from_monday()) % 7;
            vec![sent + Duration::days(i64::from(if ahead == 0 { 7 } else { ahead }))]
        }
        Token::DayOfMonth(day) => {
            // This month's if it is still to come or only just past (「25日」 written on the
            // 26th is a slip or a past day, which the reader flags), else next month's
            // (「9日」 written on the 27th).
            let next_month = sent.checked_add_months(chrono::Months::new(1));
            [Some(sent), next_month]
                .into_iter()
                .flatten()
                .filter_map(|d| NaiveDate::from_ymd_opt(d.year(), d.month(), day))
                .find(|d| *d >= sent - Duration::days(7))
                .into_iter()
                .collect()
        }
        _ => Vec::new(),
    }
}

fn group_hours(tokens: &[Token], window: Interval, doubts: &mut Vec<String>) -> Option<Interval> {
    let times: Vec<(usize, TimeOfDay)> = tokens
        .iter()
        .enumerate()
        .filter_map(|(i, t)| match t {
            Token::Time(time) => Some((i, *time)),
            _ => None,
        })
        .collect();
    let has = |token: Token| tokens.contains(&token);
    // 「14時から30分だけ」「最初の1時間」: a length after the start says when they leave.
    let length = tokens.iter().find_map(|t| match t {
        Token::Length(minutes) => Some(*minutes),
        _ => None,
    });
    // 「13時から（30分ほど遅れます）」: the length is not how long they stay.
    if has(Token::Late) {
        doubts.push("遅れて参加と書かれています（参加時間を確かめてください）".to_owned());
    }
    let length = length.filter(|_| !has(Token::Late));
    let for_length = |start: TimeOfDay, minutes: u16| start.plus(minutes).and_then(|end| Interval::new(start, end));
    let hours = match times.as_slice() {
        [] if has(Token::Start) && !has(Token::End) && length.is_some() => {
            length.and_then(|minutes| for_length(window.start, minutes))
        }
        [] if has(Token::All) || (has(Token::Start) && has(Token::End)) => Some(window),
        [] if has(Token::Midway) => {
            doubts.push("途中からの時刻が書かれていません".to_owned());
            None
        }
        [] => {
            doubts.push("参加時間が読めません".to_owned());
            None
        }
        [(at, time)] => match tokens.get(at + 1) {
            Some(Token::From) if !has(Token::End) && length.is_some() => {
                length.and_then(|minutes| for_length(*time, minutes))
            }
            Some(Token::From) => Interval::new(*time, window.end),
            Some(Token::Until) => Interval::new(window.start, *time),
            _ if *at > 0 && matches!(tokens[at - 1], Token::From) && has(Token::Start) => {
                Interval::new(window.start, *time)
            }
            _ => {
                doubts.push(format!("{time} から参加か、{time} までかが読めません"));
                None
            }
        },
        [(_, join), (_, leave)] => {
            if let Some(minutes) = length
                && leave.minutes().checked_sub(join.minutes()) != Some(minutes)
            {
                doubts.push(format!("参加時間（{join}〜{leave}）と長さ（{minutes}分）が合いません"));
            }
            Interval::new(*join, *leave)
        }
        _ => {
            doubts.push("時刻が三つ以上書かれています".to_owned());
            None
        }
    };
    if let Some(hours) = hours
        && !window.contains(hours)
    {
        doubts.push(format!("参加時間 {hours} が保健室の時間（{window}）の外です"));
    }
    if hours.is_none() && times.len() == 2 {
        doubts.push("参加時間の始まりと終わりが逆です".to_owned());
    }
    hours
}

fn consultation_hours(
    date_tokens: &[Token],
    length_tokens: &[Token],
    rules: &IntakeRules,
    doubts: &mut Vec<String>,
) -> Option<Interval> {
    let times: Vec<TimeOfDay> = date_tokens
        .iter()
        .filter_map(|t| match t {
            Token::Time(time) => Some(*time),
            _ => None,
        })
        .collect();
    let Some(start) = times.first().copied() else {
        doubts.push("開始時刻が読めません".to_owned());
        return None;
    };
    let written_end = times.get(1).copied().filter(|end| *end > start);
    let length = length_tokens.iter().find_map(|t| match t {
        Token::Length(minutes) => Some(*minutes),
        _ => None,
    });
    let minutes = match (length, written_end) {
        (Some(minutes), Some(end)) if end.minutes() - start.minutes() != minutes => {
            doubts.push(format!("利用時間（{minutes}分）と時刻（{start}〜{end}）が合いません"));
            minutes
        }
        (Some(minutes), _) => minutes,
        (None, Some(end)) => end.minutes() - start.minutes(),
        (None, None) => {
            doubts.push("利用時間（30分／1時間）が読めません".to_owned());
            return None;
        }
    };
    if !rules.consultation_lengths.contains(&minutes) {
        let allowed: Vec<String> = rules.consultation_lengths.iter().map(|m| format!("{m}分")).collect();
        doubts.push(format!("利用時間 {minutes}分 は選べません（{}）", allowed.join("／")));
        return None;
    }
    start.plus(minutes).and_then(|end| Interval::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::testing::{iv, t};

    fn rules() -> IntakeRules {
        IntakeRules {
            group_weekday: Weekday::Wed,
            group_window: iv((13, 0), (15, 0)),
            consultation_lengths: vec![30, 60],
        }
    }

    /// A mail sent on Friday 2026-11-20 at 10:00.
    fn mail(subject: &str, body: &str) -> MailText {
        MailText {
            sender: "hanako@example.jp".into(),
            subject: subject.into(),
            body: body.into(),
            sent_at: NaiveDate::from_ymd_opt(2026, 11, 20).and_then(|d| d.and_hms_opt(10, 0, 0)).unwrap_or_default(),
            ..MailText::default()
        }
    }

    fn day(m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, m, d)
    }

    #[test]
    fn a_numbered_group_request_in_full_width_reads_number_name_and_times() {
        let r = read_request(
            &mail("オンライン保健室参加希望", "①会員番号１２３４　山田花子\n②hanako@example.jp\n③１３時〜１４時半\n"),
            &rules(),
        );
        assert_eq!(r.kind, RequestKind::GroupSession);
        assert_eq!(r.member_number.as_deref(), Some("1234"));
        assert_eq!(r.member_name.as_deref(), Some("山田花子"));
        assert_eq!(r.address.as_deref(), Some("hanako@example.jp"));
        assert_eq!(r.date, day(11, 25));
        assert_eq!(r.hours, Some(iv((13, 0), (14, 30))));
        assert!(r.is_sure(), "{:?}", r.doubts);
    }

    #[test]
    fn from_a_time_to_the_end_and_the_whole_session_use_the_window() {
        let r = read_request(
            &mail("オンライン保健室参加希望", "会員番号：1234\n氏名：山田 花子\n参加時間：13:30から最後まで"),
            &rules(),
        );
        assert_eq!(r.hours, Some(iv((13, 30), (15, 0))));
        let r = read_request(&mail("オンライン保健室参加希望", "1234 山田花子\n全部参加します"), &rules());
        assert_eq!(r.hours, Some(iv((13, 0), (15, 0))));
    }

    #[test]
    fn midway_without_a_time_is_doubtful_not_guessed() {
        let r = read_request(&mail("オンライン保健室参加希望", "1234 山田花子\n途中から参加します"), &rules());
        assert_eq!(r.hours, None);
        assert!(!r.is_sure());
    }

    #[test]
    fn a_consultation_with_next_wednesday_and_one_hour_reads_start_and_end() {
        let r = read_request(
            &mail("個別相談の予約", "1) 山田花子 1234\n2) 来週の水曜 11時\n3) 1時間\n4) 母の介護のこと"),
            &rules(),
        );
        assert_eq!(r.kind, RequestKind::Consultation);
        assert_eq!(r.date, day(11, 25));
        assert_eq!(r.hours, Some(iv((11, 0), (12, 0))));
        assert_eq!(r.theme, "母の介護のこと");
        assert_eq!(r.member_name.as_deref(), Some("山田花子"));
        assert!(r.is_sure(), "{:?}", r.doubts);
    }

    #[test]
    fn a_date_whose_weekday_disagrees_is_flagged() {
        let r = read_request(&mail("個別相談", "①山田花子 1234\n②12月3日(水) 15:00\n③30分\n④相談"), &rules());
        assert_eq!(r.date, day(12, 3));
        assert!(r.doubts.iter().any(|d| d.contains("曜日ではありません")), "{:?}", r.doubts);
    }

    #[test]
    fn a_length_that_is_not_offered_is_flagged() {
        let r = read_request(&mail("個別相談", "①山田花子 1234\n②12/2 15時\n③90分\n④相談"), &rules());
        assert_eq!(r.hours, None);
        assert!(!r.is_sure());
        let _ = t(0, 0);
    }

    #[test]
    fn quoted_text_and_signatures_are_not_read() {
        let body = "1234 山田花子\n14時から参加します\n\n--\n山田花子\n会員番号 9999\n> ③13時〜15時";
        let r = read_request(&mail("オンライン保健室参加希望", body), &rules());
        assert_eq!(r.member_number.as_deref(), Some("1234"));
        assert_eq!(r.hours, Some(iv((14, 0), (15, 0))));
    }

    #[test]
    fn a_newsletter_and_a_cancellation_are_other() {
        assert_eq!(read_request(&mail("12月のお知らせ", "今月の予定です"), &rules()).kind, RequestKind::Other);
        let r =
            read_request(&mail("オンライン保健室参加希望", "1234 山田花子\n体調不良のためキャンセルします"), &rules());
        assert_eq!(r.kind, RequestKind::Other);
    }

    /// A mail sent at 20:00 on a given day of 2026.
    fn mail_on(m: u32, d: u32, subject: &str, body: &str) -> MailText {
        MailText {
            sent_at: NaiveDate::from_ymd_opt(2026, m, d).and_then(|d| d.and_hms_opt(20, 0, 0)).unwrap_or_default(),
            ..mail(subject, body)
        }
    }

    #[test]
    fn a_circled_item_number_does_not_run_into_the_digits_after_it() {
        assert_eq!(first_number(&normalise("①2051 前田節子")).as_deref(), Some("2051"));
        let r = read_request(
            &mail("オンライン保健室参加希望", "①会員番号・氏名 9021 安藤正子\n②a@b.jp\n③12月2日 13時から15時"),
            &rules(),
        );
        assert_eq!(r.member_number.as_deref(), Some("9021"));
        assert_eq!(r.date, day(12, 2));
        assert_eq!(r.hours, Some(iv((13, 0), (15, 0))));
        assert!(r.is_sure(), "{:?}", r.doubts);
    }

    #[test]
    fn a_member_number_spaced_out_after_its_label_is_one_number() {
        assert_eq!(leading_number("12 06 青木").as_deref(), Some("1206"));
        assert_eq!(leading_number("1 2 0 6").as_deref(), Some("1206"));
        assert_eq!(leading_number("1234 5678").as_deref(), Some("1234"), "two numbers are not joined");
        assert_eq!(leading_number("1234 2時から").as_deref(), Some("1234"), "a time is not part of it");
        assert_eq!(leading_number("12 3時"), None);
        let r = read_request(
            &mail("オンライン保健室参加希望", "会員番号　１２　０６　青木トシ子です\n13時から14時"),
            &rules(),
        );
        assert_eq!(r.member_number.as_deref(), Some("1206"));
        assert_eq!(r.member_name.as_deref(), Some("青木トシ子"));
    }

    #[test]
    fn a_slash_or_dot_next_to_a_word_does_not_hide_a_member_number() {
        assert_eq!(first_number(&normalise("渡辺　隆／３５４０")).as_deref(), Some("3540"));
        assert_eq!(first_number("No.3540").as_deref(), Some("3540"));
        assert_eq!(first_number("044-863-8444"), None);
        assert_eq!(first_number("12/9 15:00"), None);
        assert_eq!(first_number("〒211-0004"), None);
    }

    #[test]
    fn a_sentence_with_a_verb_is_not_read_as_the_name() {
        let r = read_request(
            &mail(
                "オンライン保健室参加希望",
                "① 会員番号は忘れてしまいました。山崎トミです\n② tomi@example.jp\n③ 13時から14時",
            ),
            &rules(),
        );
        assert_eq!(r.member_name.as_deref(), Some("山崎トミ"));
        assert_eq!(r.member_number, None);
        assert!(!r.is_sure());
    }

    #[test]
    fn a_group_start_with_a_length_leaves_after_that_length() {
        let read =
            |time: &str| read_request(&mail("オンライン保健室参加希望", &format!("1234 山田花子\n{time}")), &rules());
        assert_eq!(read("14時から30分だけ参加します").hours, Some(iv((14, 0), (14, 30))));
        assert_eq!(read("13時半から1時間ほど").hours, Some(iv((13, 30), (14, 30))));
        assert_eq!(read("最初の1時間だけ").hours, Some(iv((13, 0), (14, 0))));
        assert!(!read("13時〜14時 30分だけ").is_sure(), "times and a length that disagree");
        let late = read("13時から参加します（30分ほど遅れます）");
        assert!(!late.is_sure(), "a late arrival is checked: {late:?}");
    }

    #[test]
    fn next_wednesday_written_on_a_sunday_is_asked_back_unless_a_date_settles_it() {
        // 2026-11-22 is a Sunday: 来週の水曜 is 11-25 by a Monday week, 12-02 by a Sunday week.
        let r =
            read_request(&mail_on(11, 22, "個別相談", "①山田花子 1234\n②来週の水曜 15時から\n③30分\n④相談"), &rules());
        assert_eq!(r.date, None);
        assert!(r.doubts.iter().any(|d| d.contains("どの週か")), "{:?}", r.doubts);
        let r = read_request(
            &mail_on(11, 22, "個別相談", "①山田花子 1234\n②来週の水曜(12/2) 15時から\n③30分\n④相談"),
            &rules(),
        );
        assert_eq!(r.date, day(12, 2));
        assert!(r.is_sure(), "{:?}", r.doubts);
        // 今週の水曜 on a Sunday: the Wednesday already past by a Monday week is no one's meaning.
        let r =
            read_request(&mail_on(11, 22, "個別相談", "①山田花子 1234\n②今週の水曜 15時から\n③30分\n④相談"), &rules());
        assert_eq!(r.date, day(11, 25));
        // On a weekday both weeks agree.
        let r =
            read_request(&mail_on(11, 26, "個別相談", "①山田花子 1234\n②来週の水曜 15時から\n③30分\n④相談"), &rules());
        assert_eq!(r.date, day(12, 2));
        assert!(r.is_sure(), "{:?}", r.doubts);
    }

    #[test]
    fn two_different_dates_propose_no_date() {
        let r = read_request(&mail("個別相談", "①山田花子 1234\n②12月9日か12月16日の11時から\n③30分\n④相談"), &rules());
        assert_eq!(r.date, None);
        assert_eq!(r.hours, Some(iv((11, 0), (11, 30))));
        assert!(r.doubts.iter().any(|d| d.contains("複数")), "{:?}", r.doubts);
        let r = read_request(&mail("オンライン保健室参加希望", "1234 山田花子\n12月2日か9日 13時から14時"), &rules());
        assert_eq!(r.date, None, "no fallback to the coming session day");
        assert!(!r.is_sure());
    }

    #[test]
    fn a_day_of_the_month_alone_is_the_next_such_day() {
        let r = read_request(&mail_on(11, 27, "個別相談", "①山田花子 1234\n②9日(水) 11時\n③30分\n④相談"), &rules());
        assert_eq!(r.date, day(12, 9));
        assert!(r.is_sure(), "{:?}", r.doubts);
        let r = read_request(&mail_on(11, 20, "個別相談", "①山田花子 1234\n②25日 11時\n③30分\n④相談"), &rules());
        assert_eq!(r.date, day(11, 25));
        // A day only just past is not silently moved to next month.
        let r = read_request(&mail_on(11, 26, "個別相談", "①山田花子 1234\n②25日 11時\n③30分\n④相談"), &rules());
        assert_eq!(r.date, day(11, 25));
        assert!(r.doubts.iter().any(|d| d.contains("過去")), "{:?}", r.doubts);
    }

    #[test]
    fn an_automatic_mail_is_other_whatever_its_subject() {
        let auto = MailText {
            automatic: true, ..mail("オンライン保健室参加希望", "1234 山田花子\n13時から14時")
        };
        assert_eq!(read_request(&auto, &rules()).kind, RequestKind::Other);
        let r = read_request(&mail("自動応答: オンライン保健室のご案内", "12月1日まで不在です。"), &rules());
        assert_eq!(r.kind, RequestKind::Other);
    }

    #[test]
    fn a_reply_whose_own_words_ask_for_no_day_or_time_is_other() {
        let body = "昨日はありがとうございました。\nまた参加します。\n4512 森田\n\n\
                    2026年11月21日(土) 9:30 プラスケア <info@kosugipluscare.com>:\n> 日時：11月25日(水) 13:00〜14:30";
        let r = read_request(&mail("Re: オンライン保健室参加希望", body), &rules());
        assert_eq!(r.kind, RequestKind::Other, "{r:?}");
        // A reply that asks again is read, and a person checks it.
        let r = read_request(
            &mail("Re: オンライン保健室参加希望", "来週も参加します\n4512 森田和子\n13時から14時"),
            &rules(),
        );
        assert_eq!(r.kind, RequestKind::GroupSession);
        assert_eq!(r.hours, Some(iv((13, 0), (14, 0))));
        assert!(!r.is_sure());
    }

    #[test]
    fn identity_flags_name_unknown_numbers_other_names_and_unknown_senders() {
        let r = read_request(&mail("オンライン保健室参加希望", "1234 山田花子\n全部"), &rules());
        assert_eq!(identity_flags(&r, "a@b.jp", None), vec![IdentityFlag::UnknownNumber]);
        let on_file =
            MemberOnFile {
                name: "山田 花子".into(), kana: "やまだ はなこ".into(), email: Some("a@b.jp".into())
            };
        assert!(identity_flags(&r, "A@b.jp", Some(&on_file)).is_empty());
        let other = MemberOnFile { name: "鈴木 一郎".into(), ..on_file };
        assert_eq!(
            identity_flags(&r, "x@y.jp", Some(&other)),
            vec![IdentityFlag::NameDiffers { on_file: "鈴木 一郎".into() }, IdentityFlag::SenderNotOnFile]
        );
    }
}
