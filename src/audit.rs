//! The audit log in the desk's words, for the manager's window and the file kept for the
//! record: each action named in Japanese, and what changed written as 「項目: 前 → 後」
//! rather than the JSON the rows are stored in. Prints and exports say what they held
//! (the day, how many rows, whether themes were on it, the file).

use serde_json::{Map, Value};

use crate::print::{CsvEncoding, PrintError, table_csv, table_xlsx};
use crate::store::AuditRow;

pub use crate::domain::actions::{ACTION_GROUPS, ACTIONS, action_label};

/// Japanese names of the fields stored in the rows' JSON, in the order they are shown.
const FIELDS: &[(&str, &str)] = &[
    ("number", "会員番号"),
    ("name", "氏名"),
    ("kana", "ふりがな"),
    ("phones", "電話番号"),
    ("phone", "電話番号"),
    ("email", "メール"),
    ("preferred_contact", "連絡方法"),
    ("consent_on", "同意日"),
    ("date", "日付"),
    ("hours", "時間"),
    ("state", "状態"),
    ("channel", "受付方法"),
    ("theme", "話したいテーマ"),
    ("waitlist_position", "待ち順"),
    ("cancel_reason", "キャンセルの理由"),
    ("requested_on", "依頼日"),
    ("agreed_at", "日時"),
    ("notes", "備考"),
    ("desk_hours", "受付時間"),
    ("file", "ファイル"),
    ("rows", "件数"),
    ("themes", "テーマ"),
    ("encoding", "文字コード"),
];

/// A stored value as the desk writes it: states and channels in Japanese, times as 11:00,
/// lists joined, yes/no as あり/なし.
fn value_text(key: &str, value: &Value) -> String {
    match value {
        Value::Null => "なし".to_owned(),
        Value::Bool(b) => if *b { "あり" } else { "なし" }.to_owned(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => code_label(key, s).map(str::to_owned).unwrap_or_else(|| s.clone()),
        Value::Array(items) => items.iter().map(|v| value_text(key, v)).collect::<Vec<_>>().join("、"),
        Value::Object(map) => {
            match (map.get("start").and_then(Value::as_u64), map.get("end").and_then(Value::as_u64)) {
                (Some(start), Some(end)) => format!("{}〜{}", minutes(start), minutes(end)),
                _ => map.iter().map(|(k, v)| format!("{}: {}", k, value_text(k, v))).collect::<Vec<_>>().join("、"),
            }
        }
    }
}

fn minutes(m: u64) -> String {
    format!("{}:{:02}", m / 60, m % 60)
}

fn code_label(key: &str, code: &str) -> Option<&'static str> {
    Some(match (key, code) {
        ("state", "Confirmed" | "confirmed") => "確定",
        ("state", "Waitlisted" | "waitlisted") => "キャンセル待ち",
        ("state", "Cancelled" | "cancelled") => "キャンセル",
        ("state", "Attended" | "attended") => "出席",
        ("state", "NoShow" | "no_show") => "欠席",
        ("state", "Arranging") => "調整中",
        ("state", "Agreed") => "確定",
        ("state", "Done") => "済",
        ("state", "Withdrawn") => "取り下げ",
        ("channel", "Phone" | "phone") => "電話",
        ("channel", "Mail" | "mail") => "メール",
        ("channel", "Desk" | "desk") => "窓口",
        ("preferred_contact", "Phone" | "phone") => "電話",
        ("preferred_contact", "Email" | "email") => "メール",
        _ => return None,
    })
}

/// The fields of a stored object that have a Japanese name, in the order of [`FIELDS`].
fn fields(map: &Map<String, Value>) -> Vec<(&'static str, String)> {
    FIELDS.iter().filter_map(|(key, label)| map.get(*key).map(|value| (*label, value_text(key, value)))).collect()
}

/// What changed, in words: 「状態: 確定 → キャンセル、キャンセルの理由: なし → 体調不良」 for a
/// change, the fields for something new, the text itself where a text was recorded.
pub fn change_text(before: Option<&str>, after: Option<&str>) -> String {
    let parse = |text: Option<&str>| text.map(|t| serde_json::from_str::<Value>(t).unwrap_or(Value::String(t.into())));
    match (parse(before), parse(after)) {
        (Some(Value::Object(before)), Some(Value::Object(after))) => {
            let old = fields(&before);
            fields(&after)
                .into_iter()
                .filter_map(|(label, new)| {
                    let was = old.iter().find(|(l, _)| *l == label).map(|(_, v)| v.as_str()).unwrap_or("");
                    (was != new).then(|| format!("{label}: {was} → {new}"))
                })
                .collect::<Vec<_>>()
                .join("、")
        }
        // Something new: what it holds, leaving out what is empty.
        (None, Some(Value::Object(after))) => fields(&after)
            .into_iter()
            .filter(|(_, value)| !value.is_empty() && value != "なし")
            .map(|(label, value)| format!("{label}: {value}"))
            .collect::<Vec<_>>()
            .join("、"),
        (before, after) => {
            let show = |v: &Option<Value>| v.as_ref().map(|v| value_text("", v)).unwrap_or_default();
            match (show(&before), show(&after)) {
                (b, a) if b.is_empty() => a,
                (b, a) if a.is_empty() => format!("{b} → （なし）"),
                (b, a) => format!("{b} → {a}"),
            }
        }
    }
}

/// The columns of the audit log as kept for the record.
const HEADER: [&str; 6] = ["日時", "職員", "操作", "会員番号", "氏名", "内容"];

fn rows(log: &[AuditRow]) -> Vec<Vec<String>> {
    log.iter()
        .map(|row| {
            let (number, name) = row.member.clone().unwrap_or_default();
            vec![
                row.at.replace('T', " "),
                row.actor.clone(),
                action_label(&row.action).to_owned(),
                number,
                name,
                change_text(row.before.as_deref(), row.after.as_deref()),
            ]
        })
        .collect()
}

/// The rows shown, as a CSV for Excel (UTF-8 with a BOM).
pub fn audit_csv(log: &[AuditRow]) -> Result<Vec<u8>, PrintError> {
    let header: Vec<String> = HEADER.iter().map(|h| (*h).to_owned()).collect();
    table_csv(&header, &rows(log), CsvEncoding::Utf8Bom)
}

/// The rows shown, as an Excel workbook (member numbers stay text).
pub fn audit_xlsx(log: &[AuditRow]) -> Result<Vec<u8>, PrintError> {
    use crate::print::CellKind::Text;
    let header: Vec<String> = HEADER.iter().map(|h| (*h).to_owned()).collect();
    table_xlsx("監査ログ", &header, &rows(log), &[Text; 6])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancellation_says_what_changed_in_japanese() {
        let before = r#"{"id":3,"member_id":1,"service_id":2,"date":"2026-12-02","hours":{"start":660,"end":690},"state":"Confirmed","channel":"Phone","theme":"","notes":"","waitlist_position":null,"cancel_reason":null}"#;
        let after = before
            .replace(r#""Confirmed""#, r#""Cancelled""#)
            .replace(r#""cancel_reason":null"#, r#""cancel_reason":"体調不良""#);
        assert_eq!(
            change_text(Some(before), Some(&after)),
            "状態: 確定 → キャンセル、キャンセルの理由: なし → 体調不良"
        );
        let added = change_text(None, Some(before));
        assert!(
            added.contains("日付: 2026-12-02")
                && added.contains("時間: 11:00〜11:30")
                && added.contains("受付方法: 電話"),
            "{added}"
        );
        assert!(!added.contains('{') && !added.contains("member_id"), "{added}");
    }

    #[test]
    fn a_print_says_what_it_held_and_text_stays_text() {
        let record = r#"{"date":"2026-11-25","file":"/tmp/名簿.pdf","rows":12,"themes":false,"encoding":null}"#;
        let with_themes = record.replace("false", "true");
        assert!(change_text(None, Some(&with_themes)).ends_with("件数: 12、テーマ: あり"));
        assert_eq!(change_text(None, Some(record)), "日付: 2026-11-25、ファイル: /tmp/名簿.pdf、件数: 12");
        assert_eq!(change_text(None, Some("\"12/2 休業\"")), "12/2 休業");
        assert_eq!(action_label("day_list.print"), "当日名簿の印刷");
    }
}
