//! The actions the program records in its audit log, each with its name at the desk, and
//! the groups the audit log window filters them by. The audit log window, its export and a
//! member's disclosure all name an action from here.

/// The action's name at the desk; an action this version does not know is shown as stored.
pub fn action_label(action: &str) -> &str {
    ACTIONS.iter().find(|(code, _)| *code == action).map(|(_, label)| *label).unwrap_or(action)
}

/// Every action the program records, with its Japanese name.
pub const ACTIONS: &[(&str, &str)] = &[
    ("booking.add", "予約の登録"),
    ("booking.cancel", "予約のキャンセル"),
    ("booking.attendance", "出欠の入力"),
    ("booking.promote", "キャンセル待ちの繰り上げ"),
    ("booking.move", "予約の日時の変更"),
    ("booking.needs_call", "要連絡の印"),
    ("booking.called", "連絡済み"),
    ("member.add", "会員の登録"),
    ("member.update", "会員の変更"),
    ("members.import", "会員の取り込み"),
    ("email_consultation.add", "メール相談の受付"),
    ("email_consultation.state", "メール相談の状態の変更"),
    ("day_list.print", "当日名簿の印刷"),
    ("day_list.save_pdf", "当日名簿をPDFで保存"),
    ("day_list.save_csv", "当日名簿をCSVで保存"),
    ("day_list.save_xlsx", "当日名簿をExcelで保存"),
    ("audit.export", "監査ログの書き出し"),
    ("capacity.export", "稼働状況の書き出し"),
    ("member.erase", "会員の個人情報の削除"),
    ("member.request.disclosure", "開示の請求"),
    ("member.request.correction", "訂正の請求"),
    ("member.request.erasure", "削除の請求"),
    ("database.backup", "バックアップ"),
    ("database.restore", "復元"),
    ("template.set", "メール文面の変更"),
    ("template.draft", "メール文面の案"),
    ("template.approve", "メール文面の承認"),
    ("template.reject", "メール文面の案の却下"),
    ("access.set", "ミーティングIDの設定"),
    ("outbox.retry", "メールの再送"),
    ("outbox.called", "電話連絡済み"),
    ("setting.set", "設定の変更"),
    ("organisation.update", "団体情報の変更"),
    ("service.update", "サービスの変更"),
    ("closure.add", "休業の追加"),
    ("closure.remove", "休業の削除"),
    ("program_event.add", "プログラム日程の追加"),
    ("program_event.remove", "プログラム日程の削除"),
    ("staff.add", "職員の登録"),
    ("staff.update", "職員の変更"),
    ("staff.pin", "PINの設定"),
    ("staff.at_desk", "窓口の交代"),
    ("intake.import", "メールの予約依頼の取り込み"),
    ("intake.accept", "メールの予約依頼の受付"),
    ("intake.answer", "メールの予約依頼に空きを案内"),
    ("intake.dismiss", "メールの予約依頼の見送り"),
];

/// The kinds of action the window filters by: (label, the starts of their actions' codes).
pub const ACTION_GROUPS: &[(&str, &[&str])] = &[
    ("予約", &["booking.", "email_consultation."]),
    ("会員", &["member"]),
    ("印刷・書き出し", &["day_list.", "audit.export", "capacity.export"]),
    ("メール", &["template.", "access.", "outbox."]),
    ("設定", &["setting.", "organisation.", "service.", "closure.", "program_event."]),
    ("職員", &["staff."]),
    ("データ", &["database.", "members.import"]),
    ("メールの予約依頼", &["intake."]),
];
