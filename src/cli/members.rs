//! `madoguchi member add` and `member find`: the member register from the command line.

use chrono::NaiveDate;

use crate::cli::args::{MemberCommand, RequestArgs};
use crate::domain::member::MemberForm;
use crate::domain::privacy::{DataRequest, RequestKind, RequestOrigin};
use crate::store::Store;

pub fn run(action: &MemberCommand, store: &mut Store, today: NaiveDate) -> anyhow::Result<String> {
    match action {
        MemberCommand::Add { number, name, kana, phone, email, consent_date } => {
            // Consent is recorded with the day it was given; an empty date is not a day.
            if consent_date.as_deref().is_some_and(|d| d.trim().is_empty()) {
                anyhow::bail!("--consent-date には同意した日付を指定してください（例: 2026-11-25）");
            }
            let form = MemberForm {
                number: number.clone(),
                name: name.clone(),
                kana: kana.clone(),
                phone: phone.clone(),
                email: email.clone(),
                consented: consent_date.is_some(),
                consent_date: consent_date.clone().unwrap_or_default(),
                ..MemberForm::default()
            };
            let member = form.validate(today).map_err(|errors| {
                let lines: Vec<String> = errors.into_iter().map(|(_, message)| message).collect();
                anyhow::anyhow!(lines.join("\n"))
            })?;
            store.add_member(&member)?;
            Ok(format!("会員番号 {} {} 様を登録しました\n", member.number, member.name))
        }
        MemberCommand::Find { query } => {
            let index = store.member_index()?;
            let mut out = String::new();
            for (entry, _) in index.search(query, 100) {
                out.push_str(&super::tsv_line(&[&entry.number, &entry.name, &entry.kana, &entry.main_phone()]));
            }
            Ok(out)
        }
        MemberCommand::Export { number, out, request } => {
            let member = store.member_for_request(number)?;
            let request = data_request(RequestKind::Disclosure, request, String::new(), today);
            let now = chrono::Local::now().naive_local();
            let written = crate::privacy::write_disclosure(store, member.id, &request, out, now)?;
            Ok(format!(
                "会員番号 {} の開示を {} に保存しました（予約 {} 件）\n",
                member.number,
                written.path.display(),
                written.bookings
            ))
        }
        MemberCommand::Erase { number, reason, request } => {
            let member = store.member_for_request(number)?;
            let request = data_request(RequestKind::Erasure, request, reason.clone(), today);
            let done = crate::privacy::erase_member(store, member.id, &request, today)?;
            let mut out = format!(
                "会員番号 {} の個人情報を削除しました（予約 {} 件は人数として残ります、メールのファイル {} 件を削除）\n",
                member.number, done.erasure.bookings, done.files_removed
            );
            for (path, why) in &done.files_left {
                out.push_str(&format!("削除できなかったファイル: {} （{why}）\n", path.display()));
            }
            if !done.erasure.file_clean {
                out.push_str("ほかの画面がデータを開いているため、データファイルの掃除は次の削除かバックアップのときに行われます\n");
            }
            out.push_str("この日より前のバックアップには、そのバックアップが消えるまで元のデータが残ります\n");
            Ok(out)
        }
    }
}

/// The request as the options give it: a member's (with how their identity was
/// checked) or the manager's own.
fn data_request(kind: RequestKind, args: &RequestArgs, detail: String, today: NaiveDate) -> DataRequest {
    let origin = match &args.identity {
        Some(identity_check) => RequestOrigin::Member {
            requested_by: args.requested_by.clone().unwrap_or_else(|| "本人".to_owned()),
            identity_check: identity_check.clone(),
        },
        None => RequestOrigin::Manager,
    };
    DataRequest { kind, origin, received_on: args.received.unwrap_or(today), detail }
}
