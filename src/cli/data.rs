//! The data as a whole: backup, restore, the members CSV import and demo data.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use crate::backup;
use crate::domain::time::full_date;
use crate::import;
use crate::store::{DemoOptions, Store};

/// `madoguchi backup --to FILE` or `--auto` (once a day, into `dir` or the configured folder).
pub fn backup(
    store: &mut Store,
    to: Option<&Path>,
    auto: bool,
    dir: Option<&Path>,
    today: NaiveDate,
) -> anyhow::Result<String> {
    let auto_dir = match dir {
        Some(dir) => dir.to_owned(),
        None => backup::backup_dir(store)?,
    };
    match (to, auto) {
        (Some(to), _) => {
            let info = backup::backup_to(store, to, |_, _| {})?;
            Ok(format!(
                "{} にバックアップしました（会員 {} 人、予約 {} 件）\n",
                to.display(),
                info.members,
                info.bookings
            ))
        }
        (None, true) => match backup::auto_backup(store, &auto_dir, today)? {
            Some(path) => Ok(format!("{} に自動バックアップしました\n", path.display())),
            None => Ok("今日の自動バックアップはすでにあります\n".to_owned()),
        },
        (None, false) => anyhow::bail!("--to ファイル か --auto を指定してください"),
    }
}

/// Restores `database` from the backup `from`. The current file need not open: a damaged
/// one is kept aside as it is, so this is also the way back from a broken disk.
pub fn restore(database: &Path, from: &Path, dir: Option<&Path>) -> anyhow::Result<String> {
    let current = if database.exists() { Store::open(database).ok() } else { None };
    let auto_dir = match (dir, &current) {
        (Some(dir), _) => dir.to_owned(),
        (None, Some(store)) => backup::backup_dir(store)?,
        (None, None) => backup::default_backup_dir(database),
    };
    let prepared = backup::prepare_restore(database, from, &auto_dir, chrono::Local::now().naive_local())?;
    let info = prepared.info.clone();
    let saved = prepared.saved_current.clone();
    backup::finish_restore(current, prepared)?;
    let mut out =
        format!("{} から復元しました（会員 {} 人、予約 {} 件）。", from.display(), info.members, info.bookings);
    match saved {
        Some(path) => {
            let _ = writeln!(out, "復元前のデータは {} に保存しました", path.display());
        }
        None => out.push('\n'),
    }
    Ok(out)
}

/// `madoguchi import-members`: checks the whole file first; writes only when every row is right.
pub fn import_members(store: &mut Store, file: &Path, dry_run: bool, today: NaiveDate) -> anyhow::Result<String> {
    let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("{} を読めません: {e}", file.display()))?;
    let table = import::read_table(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let mapping = import::guess_mapping(&table.headers);
    let mut out = format!("文字コード: {}\n列の対応:\n", table.encoding.label());
    for (header, column) in table.headers.iter().zip(&mapping) {
        let _ = writeln!(out, "  {header} → {}", column.map_or("（取り込まない）", |c| c.label()));
    }
    let plan = import::check_rows(&table, &mapping, today).map_err(|e| anyhow::anyhow!("{out}{e}"))?;
    if !plan.errors.is_empty() {
        let lines: Vec<String> = plan.errors.iter().map(ToString::to_string).collect();
        anyhow::bail!(
            "{out}{}行に誤りがあるため、1人も取り込んでいません。直してからもう一度実行してください。\n{}",
            plan.errors.len(),
            lines.join("\n")
        );
    }
    if plan.members.is_empty() {
        anyhow::bail!("{out}取り込む行がありません");
    }
    let members: Vec<_> = plan.members.into_iter().map(|(_, member)| member).collect();
    let source = import::source_name(file);
    let outcome = store.import_members(&members, &source, dry_run)?;
    if dry_run {
        let _ = writeln!(out, "取り込める会員: {}人（--dry-run のため書き込んでいません）", outcome.added);
    } else {
        let _ = writeln!(out, "{}人を取り込みました", outcome.added);
    }
    if !outcome.existing.is_empty() {
        let _ = writeln!(out, "すでに登録のある会員番号（上書きしていません）: {}人", outcome.existing.len());
        for (number, name) in &outcome.existing {
            out.push_str("  ");
            out.push_str(&super::tsv_line(&[number, name]));
        }
    }
    Ok(out)
}

/// `madoguchi demo-data`: members and bookings to try the program on.
pub fn demo_data(store: &mut Store, options: &DemoOptions) -> anyhow::Result<String> {
    let summary = store.fill_demo_data(options)?;
    let mut out = format!(
        "会員 {} 人、予約 {} 件（うちキャンセル待ち {} 件）を作成しました",
        summary.members, summary.bookings, summary.waitlisted
    );
    if let (Some(first), Some(last)) = (summary.first_monday, summary.last_sunday) {
        let _ = write!(out, "（{} 〜 {}）", full_date(first), full_date(last));
    }
    out.push('\n');
    Ok(out)
}
