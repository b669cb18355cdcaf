//! `madoguchi member add` and `member find`: the member register from the command line.

use chrono::NaiveDate;

use crate::cli::args::MemberCommand;
use crate::domain::member::MemberForm;
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
    }
}
