//! `madoguchi member add` and `member find`: the member register from the command line.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::cli::args::MemberCommand;
use crate::domain::member::MemberForm;
use crate::store::Store;

pub fn run(action: &MemberCommand, store: &mut Store, today: NaiveDate) -> anyhow::Result<String> {
    match action {
        MemberCommand::Add { number, name, kana, phone, email, consent_date } => {
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
                let _ = writeln!(out, "{}\t{}\t{}\t{}", entry.number, entry.name, entry.kana, entry.main_phone());
            }
            Ok(out)
        }
    }
}
