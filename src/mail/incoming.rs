//! Mail that comes in: a raw message (an `.eml` file, or one fetched from the mailbox)
//! decoded into the text the request reader looks at. The MIME work — ISO-2022-JP,
//! Shift_JIS and UTF-8, quoted-printable and base64, HTML-only mails, attachments — is
//! `mail-parser`'s.

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use mail_parser::decoders::html::html_to_text;
use mail_parser::{HeaderValue, MessageParser, PartType};

use crate::domain::intake::MailText;

/// Japan time, in which the desk reads dates (来週の水曜 is the sender's next week).
const JAPAN_OFFSET_SECONDS: i32 = 9 * 3600;

/// The largest mail read: request mails are a few kilobytes; anything this size is
/// attachments, which are ignored anyway.
pub const MAX_MAIL_BYTES: usize = 25 * 1024 * 1024;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IncomingError {
    #[error("メールとして読めません（ヘッダーがありません）")]
    NotAMail,
    #[error("メールが大きすぎます（{0} バイト、上限 25MB）")]
    TooLarge(usize),
}

/// Decodes a raw mail. `received` stands in for a missing or unreadable Date header.
pub fn decode(raw: &[u8], received: NaiveDateTime) -> Result<MailText, IncomingError> {
    if raw.len() > MAX_MAIL_BYTES {
        return Err(IncomingError::TooLarge(raw.len()));
    }
    let message = MessageParser::default().parse(raw).ok_or(IncomingError::NotAMail)?;
    if message.from().is_none() && message.subject().is_none() && message.date().is_none() {
        return Err(IncomingError::NotAMail);
    }
    let (sender, sender_name) = message
        .from()
        .and_then(|from| from.first())
        .map(|addr| {
            (
                addr.address().unwrap_or_default().trim().to_lowercase(),
                addr.name().unwrap_or_default().trim().to_owned(),
            )
        })
        .unwrap_or_default();
    let sent_at = message
        .date()
        .and_then(|date| DateTime::from_timestamp(date.to_timestamp(), 0))
        .and_then(|utc| {
            FixedOffset::east_opt(JAPAN_OFFSET_SECONDS).map(|japan| utc.with_timezone(&japan).naive_local())
        })
        .unwrap_or(received);
    let body = match message.text_part(0).map(|part| &part.body) {
        Some(PartType::Text(text)) => text.replace("\r\n", "\n"),
        // An HTML-only mail: its lines are <div>s and <br>s, which must stay lines.
        Some(PartType::Html(html)) => html_to_text(&lines_of_html(html)),
        _ => String::new(),
    };
    let mut replies_to = ids(message.in_reply_to());
    for id in ids(message.references()) {
        if !replies_to.contains(&id) {
            replies_to.push(id);
        }
    }
    let automatic = is_automatic(&message);
    Ok(MailText {
        message_id: message.message_id().map(str::to_owned),
        sender,
        sender_name,
        subject: message.subject().unwrap_or_default().trim().to_owned(),
        sent_at,
        body,
        replies_to,
        automatic,
    })
}

/// Whether the headers say a program sent the mail: an auto-reply (RFC 3834
/// Auto-Submitted, X-Autoreply, Precedence) or a list's mail
/// (List-Id, List-Unsubscribe, Precedence: bulk). No member writes a request that way.
fn is_automatic(message: &mail_parser::Message<'_>) -> bool {
    let raw = |name: &str| message.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    let auto_submitted = raw("Auto-Submitted").is_some_and(|v| !v.is_empty() && !v.starts_with("no"));
    let precedence = raw("Precedence").is_some_and(|v| ["bulk", "list", "junk", "auto_reply"].contains(&v.as_str()));
    let autoreply =
        ["X-Autoreply", "X-Autorespond", "List-Id", "List-Unsubscribe"].iter().any(|name| raw(name).is_some());
    auto_submitted || precedence || autoreply
}

/// The HTML with a line break before every block and `<br>`, so that the text keeps the
/// lines the sender wrote (webmail writes each line as a `<div>`).
fn lines_of_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = rest[at + 1..].trim_start_matches('/').to_ascii_lowercase();
        let is_block = ["div", "p>", "p ", "br", "li", "tr", "h1", "h2", "h3", "blockquote"]
            .iter()
            .any(|name| tag.starts_with(name));
        if is_block {
            out.push_str("<br>");
        }
        out.push('<');
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(id) => vec![id.to_string()],
        HeaderValue::TextList(list) => list.iter().map(|id| id.to_string()).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn received() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20).and_then(|d| d.and_hms_opt(12, 0, 0)).unwrap_or_default()
    }

    #[test]
    fn an_iso_2022_jp_mail_decodes_to_japanese_in_japan_time() {
        let raw = b"From: =?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= <yamada@example.jp>\r\n\
Subject: =?ISO-2022-JP?B?GyRCOzNFRBsoQg==?=\r\n\
Date: Fri, 20 Nov 2026 01:30:00 +0000\r\n\
Message-ID: <a1@example.jp>\r\n\
In-Reply-To: <x@kosugi>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: text/plain; charset=ISO-2022-JP\r\n\
Content-Transfer-Encoding: 7bit\r\n\r\n\
\x1b$B;3ED\x1b(B 1234\r\n";
        let mail = decode(raw, received()).expect("a valid mail");
        assert_eq!(mail.subject, "山田");
        assert_eq!(mail.sender, "yamada@example.jp");
        assert_eq!(mail.body.trim(), "山田 1234");
        assert_eq!(mail.sent_at.to_string(), "2026-11-20 10:30:00");
        assert_eq!(mail.message_id.as_deref(), Some("a1@example.jp"));
        assert_eq!(mail.replies_to, vec!["x@kosugi".to_owned()]);
    }

    #[test]
    fn an_auto_reply_or_a_list_mail_is_marked_automatic_and_a_person_s_mail_is_not() {
        let mail_with = |header: &str| {
            let raw = format!(
                "From: a@example.jp\r\nSubject: test\r\nDate: Fri, 20 Nov 2026 10:00:00 +0900\r\n{header}\r\n\r\nbody\r\n"
            );
            decode(raw.as_bytes(), received()).expect("a valid mail").automatic
        };
        assert!(mail_with("Auto-Submitted: auto-replied"));
        assert!(mail_with("Precedence: bulk"));
        assert!(mail_with("List-Unsubscribe: <mailto:stop@example.jp>"));
        assert!(!mail_with("Auto-Submitted: no"));
        assert!(!mail_with("X-Mailer: iPhone Mail (22B91)"));
    }

    #[test]
    fn bytes_that_are_no_mail_are_refused() {
        assert_eq!(decode(b"", received()), Err(IncomingError::NotAMail));
    }
}
