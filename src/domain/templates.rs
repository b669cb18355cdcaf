//! The texts of the messages: a default wording per kind of service and kind of message,
//! which the manager can replace per service, and the small `{{名前}}` placeholder
//! language they are written in.
//!
//! The placeholders are deliberately few and named in Japanese so the manager can read a
//! template without a manual. Nothing here gives a template the booking's theme or notes:
//! mail never carries a consultation theme or health detail (SPEC "Privacy"; APPI treats
//! health information as 要配慮個人情報).

use std::collections::BTreeMap;

use crate::domain::schedule::ServiceKind;

use super::message::MessageKind;

/// The values a template may use, by placeholder name.
pub type Values = BTreeMap<&'static str, String>;

pub const MEMBER_NAME: &str = "会員名";
pub const SERVICE: &str = "サービス";
pub const DATE: &str = "日付";
pub const HOURS: &str = "時間";
pub const STAFF: &str = "担当";
pub const MEMBER_PHONE: &str = "会員電話";
pub const ORGANISATION: &str = "団体名";
pub const ORGANISATION_PHONE: &str = "団体電話";
pub const ORGANISATION_EMAIL: &str = "団体メール";
pub const DESK_HOURS: &str = "受付時間";
pub const DEADLINE: &str = "締切";
pub const BEFORE: &str = "変更前";
pub const WAITLIST_POSITION: &str = "順番";
pub const MEETING_ID: &str = "ミーティングID";
pub const PASSCODE: &str = "パスコード";
/// The free alternatives offered in a reply to a request mail, one per line.
pub const FREE_TIMES: &str = "空き";

/// Placeholders every message may use.
const COMMON: &[&str] = &[
    MEMBER_NAME,
    SERVICE,
    DATE,
    HOURS,
    STAFF,
    MEMBER_PHONE,
    ORGANISATION,
    ORGANISATION_PHONE,
    ORGANISATION_EMAIL,
    DESK_HOURS,
    DEADLINE,
];

/// The placeholders a template of `kind` may use.
pub fn placeholders(kind: MessageKind) -> Vec<&'static str> {
    let mut names = COMMON.to_vec();
    match kind {
        MessageKind::Change => names.push(BEFORE),
        MessageKind::Waitlisted => names.push(WAITLIST_POSITION),
        MessageKind::Access => names.extend([MEETING_ID, PASSCODE]),
        MessageKind::Reply => names.push(FREE_TIMES),
        MessageKind::Confirmation | MessageKind::Cancellation | MessageKind::Test => {}
    }
    names
}

/// Why a template cannot be used. The texts are for the manager editing it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("「{{{{」に対応する「}}}}」がありません（{line} 行目）")]
    Unclosed { line: usize },
    #[error("「{{{{{name}}}}}」は使えません。使える差し込み項目: {allowed}")]
    Unknown { name: String, allowed: String },
    #[error("件名が空です")]
    EmptySubject,
    #[error("本文が空です")]
    EmptyBody,
    #[error("件名は1行にしてください")]
    MultilineSubject,
}

/// One piece of a parsed template.
enum Piece<'a> {
    Text(&'a str),
    Placeholder(&'a str),
}

fn parse(template: &str) -> Result<Vec<Piece<'_>>, TemplateError> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        pieces.push(Piece::Text(&rest[..open]));
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            let line = template[..template.len() - rest.len() + open].matches('\n').count() + 1;
            return Err(TemplateError::Unclosed { line });
        };
        pieces.push(Piece::Placeholder(after[..close].trim()));
        rest = &after[close + 2..];
    }
    pieces.push(Piece::Text(rest));
    Ok(pieces)
}

/// Checks that `template` uses only the placeholders a message of `kind` has.
pub fn check(template: &str, kind: MessageKind) -> Result<(), TemplateError> {
    let allowed = placeholders(kind);
    for piece in parse(template)? {
        if let Piece::Placeholder(name) = piece
            && !allowed.contains(&name)
        {
            return Err(TemplateError::Unknown { name: name.to_owned(), allowed: allowed.join("・") });
        }
    }
    Ok(())
}

/// Checks a whole template (subject and body) before it is saved.
pub fn check_template(template: &Template, kind: MessageKind) -> Result<(), TemplateError> {
    if template.subject.trim().is_empty() {
        return Err(TemplateError::EmptySubject);
    }
    if template.subject.contains(['\n', '\r']) {
        return Err(TemplateError::MultilineSubject);
    }
    if template.body.trim().is_empty() {
        return Err(TemplateError::EmptyBody);
    }
    check(&template.subject, kind)?;
    check(&template.body, kind)
}

/// Fills in the placeholders. A placeholder without a value is left out, so a checked
/// template always renders.
pub fn render(template: &str, values: &Values) -> Result<String, TemplateError> {
    let mut out = String::with_capacity(template.len() + 64);
    for piece in parse(template)? {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Placeholder(name) => out.push_str(values.get(name).map(String::as_str).unwrap_or("")),
        }
    }
    Ok(out)
}

/// A subject and a body, before the placeholders are filled in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Template {
    pub subject: String,
    pub body: String,
}

/// The program's own wording, used until the manager writes one for the service.
pub fn default_template(service_kind: ServiceKind, kind: MessageKind) -> Template {
    let (subject, body) = match (kind, service_kind) {
        (MessageKind::Confirmation, ServiceKind::GroupSession) => (
            "【{{団体名}}】{{サービス}}のご予約を承りました（{{日付}}）",
            concat!(
                "{{会員名}} 様\n\n",
                "{{団体名}}です。次のとおりご予約を承りました。\n\n",
                "  サービス: {{サービス}}\n",
                "  日時: {{日付}} {{時間}}\n\n",
                "ビデオ会議でのご参加です。参加に必要なミーティングIDとパスコードは、\n",
                "当日の{{締切}}までに、このメールアドレスへお送りします。\n",
                "ご予約の時間の途中からの参加や、途中での退出もできます。\n\n",
                "ご都合が悪くなったときは、お電話（{{団体電話}}、{{受付時間}}）か、\n",
                "このメールへのご返信でお知らせください。\n",
            ),
        ),
        (MessageKind::Confirmation, ServiceKind::Consultation) => (
            "【{{団体名}}】{{サービス}}のご予約を承りました（{{日付}}）",
            concat!(
                "{{会員名}} 様\n\n",
                "{{団体名}}です。次のとおりご予約を承りました。\n\n",
                "  サービス: {{サービス}}\n",
                "  日時: {{日付}} {{時間}}\n\n",
                "ご予約の時間に、担当の{{担当}}から {{会員電話}} へお電話します。\n",
                "番号が変わったときは、前もってお知らせください。\n\n",
                "ご都合が悪くなったときは、お電話（{{団体電話}}、{{受付時間}}）か、\n",
                "このメールへのご返信でお知らせください。\n",
            ),
        ),
        (MessageKind::Confirmation, _) => (
            "【{{団体名}}】{{サービス}}のご予約を承りました（{{日付}}）",
            concat!(
                "{{会員名}} 様\n\n",
                "{{団体名}}です。次のとおりご予約を承りました。\n\n",
                "  サービス: {{サービス}}\n",
                "  日時: {{日付}} {{時間}}\n\n",
                "当日のご案内は、必要に応じてあらためてお送りします。\n\n",
                "ご都合が悪くなったときは、お電話（{{団体電話}}、{{受付時間}}）か、\n",
                "このメールへのご返信でお知らせください。\n",
            ),
        ),
        (MessageKind::Waitlisted, _) => (
            "【{{団体名}}】{{サービス}}のキャンセル待ちを承りました（{{日付}}）",
            concat!(
                "{{会員名}} 様\n\n",
                "{{団体名}}です。{{日付}} {{時間}} の{{サービス}}は満席のため、\n",
                "キャンセル待ち（{{順番}}番目）として承りました。\n\n",
                "この時点では、まだご予約は確定していません。\n",
                "空きが出ましたら、こちらからご連絡します。\n\n",
                "キャンセル待ちを取りやめるときは、お電話（{{団体電話}}、{{受付時間}}）か、\n",
                "このメールへのご返信でお知らせください。\n",
            ),
        ),
        (MessageKind::Change, _) => (
            "【{{団体名}}】{{サービス}}のご予約の日時を変更しました（{{日付}}）",
            concat!(
                "{{会員名}} 様\n\n",
                "{{団体名}}です。ご予約の日時を次のとおり変更しました。\n\n",
                "  サービス: {{サービス}}\n",
                "  変更前: {{変更前}}\n",
                "  変更後: {{日付}} {{時間}}\n\n",
                "お心当たりのないときや、ご都合が悪いときは、\n",
                "お電話（{{団体電話}}、{{受付時間}}）か、このメールへのご返信でお知らせください。\n",
            ),
        ),
        (MessageKind::Cancellation, _) => (
            "【{{団体名}}】{{サービス}}のご予約を取り消しました（{{日付}}）",
            concat!(
                "{{会員名}} 様\n\n",
                "{{団体名}}です。次のご予約を取り消しました。\n\n",
                "  サービス: {{サービス}}\n",
                "  日時: {{日付}} {{時間}}\n\n",
                "お心当たりのないときは、お電話（{{団体電話}}、{{受付時間}}）か、\n",
                "このメールへのご返信でお知らせください。\n",
                "またのご利用をお待ちしています。\n",
            ),
        ),
        (MessageKind::Access, _) => (
            "【{{団体名}}】本日の{{サービス}} 参加のご案内（{{日付}}）",
            concat!(
                "{{会員名}} 様\n\n",
                "{{団体名}}です。本日の{{サービス}}の参加情報をお送りします。\n\n",
                "  日時: {{日付}} {{時間}}\n",
                "  ミーティングID: {{ミーティングID}}\n",
                "  パスコード: {{パスコード}}\n\n",
                "このミーティングIDとパスコードは、ご予約の方だけにお送りしています。\n",
                "ほかの方への転送や、SNSなどへの掲載はご遠慮ください。\n\n",
                "つながらないときは、お電話（{{団体電話}}）でお知らせください。\n",
            ),
        ),
        // The draft of the desk's answer to a request it cannot book as asked; the desk
        // edits it before it goes. 日付 and 時間 are what the member asked for.
        (MessageKind::Reply, _) => (
            "Re: {{サービス}}のお申し込み",
            concat!(
                "{{会員名}} 様\n\n",
                "{{団体名}}です。{{サービス}}のお申し込みのメールをありがとうございます。\n",
                "ご希望の {{日付}} {{時間}} は、あいにく空きがありません。\n\n",
                "いまお受けできるのは次の日時です。\n",
                "{{空き}}\n\n",
                "ご都合のよい日時を、このメールへのご返信か\n",
                "お電話（{{団体電話}}、{{受付時間}}）でお知らせください。\n",
                "お知らせをいただいてから予約をお取りします。\n",
            ),
        ),
        (MessageKind::Test, _) => (
            "【{{団体名}}】テストメール",
            concat!(
                "窓口（予約管理）からのテストメールです。\n",
                "このメールが届いていれば、メールの送信設定は使えます。\n",
            ),
        ),
    };
    let signature = "\n--\n{{団体名}}\n電話 {{団体電話}}（{{受付時間}}）\nメール {{団体メール}}\n";
    Template { subject: subject.to_owned(), body: format!("{body}{signature}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        let mut v = Values::new();
        v.insert(MEMBER_NAME, "山田 花子".into());
        v.insert(MEETING_ID, "123 456 789".into());
        v
    }

    #[test]
    fn placeholders_are_filled_in_and_spaces_inside_braces_are_allowed() {
        assert_eq!(render("{{会員名}} 様 ID {{ ミーティングID }}", &values()).unwrap(), "山田 花子 様 ID 123 456 789");
    }

    #[test]
    fn an_unknown_placeholder_is_refused_with_the_allowed_names() {
        let err = check("{{テーマ}}", MessageKind::Confirmation).unwrap_err();
        assert!(err.to_string().contains("「{{テーマ}}」は使えません"), "{err}");
        assert!(err.to_string().contains("会員名"), "{err}");
    }

    #[test]
    fn the_meeting_passcode_is_only_for_the_access_message() {
        assert!(check("{{パスコード}}", MessageKind::Access).is_ok());
        assert!(check("{{パスコード}}", MessageKind::Confirmation).is_err());
    }

    #[test]
    fn an_unclosed_placeholder_names_its_line() {
        assert_eq!(check("一行目\n{{会員名", MessageKind::Confirmation), Err(TemplateError::Unclosed { line: 2 }));
    }

    #[test]
    fn every_default_template_passes_its_own_check() {
        for service_kind in ServiceKind::ALL {
            for kind in MessageKind::ALL {
                let template = default_template(service_kind, kind);
                assert_eq!(check_template(&template, kind), Ok(()), "{service_kind:?} {kind:?}");
            }
        }
    }
}
