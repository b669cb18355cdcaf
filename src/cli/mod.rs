//! The command line: the same binary opens the GUI or runs one of the desk's actions for
//! scripts and support. Errors are printed in Japanese and exit non-zero.
//!
//! `args` says what the command line accepts; this module parses it (rewriting clap's
//! errors in Japanese) and hands each subcommand to the module that carries it out:
//! `members`, `bookings`, `services`, `reports` (week, capacity, day list), `data`
//! (backup, restore, import, demo data), `mail` and `intake` (requests that came by email). Each returns the text to print.

mod args;
mod bookings;
mod data;
mod intake;
mod mail;
mod members;
mod reports;
mod services;
mod staff;

use std::path::PathBuf;

use chrono::NaiveDate;

pub use args::{
    AccessCommand, BookArgs, Cli, Command, ConfigCommand, IntakeCommand, MemberCommand, StaffCommand, TemplateCommand,
};
pub use data::restore;
pub use reports::format_week;

use crate::domain::staff::Action;
use crate::store::{self, DemoOptions, Store};

/// Parses the arguments; on a mistake, explains it in Japanese and exits with code 2.
pub fn parse() -> Cli {
    use clap::Parser as _;
    match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            use clap::error::ErrorKind;
            match err.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = err.print();
                    std::process::exit(0);
                }
                kind => {
                    let summary = match kind {
                        ErrorKind::InvalidSubcommand => "そのコマンドはありません",
                        ErrorKind::UnknownArgument => "知らないオプションです",
                        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "オプションの値が正しくありません",
                        ErrorKind::MissingRequiredArgument => "必要なオプションが足りません",
                        ErrorKind::ArgumentConflict => "一緒に使えないオプションがあります",
                        _ => "コマンドの指定が正しくありません",
                    };
                    eprintln!("エラー: {summary}");
                    eprintln!("{}", err.render().to_string().trim_end());
                    eprintln!("使い方は madoguchi --help をご覧ください。");
                    std::process::exit(2);
                }
            }
        }
    }
}

/// The database path: `--db`, or the user's data folder.
pub fn database_path(cli: &Cli) -> anyhow::Result<PathBuf> {
    match &cli.db {
        Some(path) => Ok(path.clone()),
        None => store::default_path().ok_or_else(|| {
            anyhow::anyhow!("ユーザーのデータフォルダが見つかりません。--db でファイルを指定してください。")
        }),
    }
}

/// Who the command's changes are recorded as: the staff member named by `--staff` (whose
/// role then limits what the command may do), or the operating system's user marked as
/// the command line ("yamada（コマンドライン）"), with the rights of whoever can read the file.
pub fn who(cli: &Cli, store: &mut Store) -> anyhow::Result<()> {
    let Some(name) = &cli.staff else {
        store.set_actor(command_line_actor(&store::os_user()));
        return Ok(());
    };
    let staff = store.staff_by_name(name)?.ok_or_else(|| {
        anyhow::anyhow!("職員「{name}」は登録されていません（madoguchi staff list で確認してください）")
    })?;
    if let Some(action) = cli.command.as_ref().and_then(needs)
        && !staff.may(action)
    {
        anyhow::bail!(
            "この操作は{}だけができます（{}さんは{}）",
            action.needs().label(),
            staff.name,
            staff.role.label()
        );
    }
    store.set_staff_actor(&staff);
    Ok(())
}

/// How the command line is recorded when no staff member is named.
pub fn command_line_actor(os_user: &str) -> String {
    format!("{os_user}（コマンドライン）")
}

/// What a command needs beyond the receptionist's rights.
fn needs(command: &Command) -> Option<Action> {
    match command {
        Command::DayList { .. } => Some(Action::DayList),
        Command::Restore { .. } => Some(Action::Restore),
        Command::ImportMembers { .. } => Some(Action::ImportMembers),
        Command::Config { .. } | Command::Access { .. } | Command::DemoData { .. } => Some(Action::Settings),
        Command::Staff { action: StaffCommand::Add { .. } } => Some(Action::ManageStaff),
        Command::Template { action: TemplateCommand::Approve { .. } } => Some(Action::ApproveTemplates),
        Command::Member { action: MemberCommand::Export { .. } } => Some(Action::ExportMemberData),
        Command::Member { action: MemberCommand::Erase { .. } } => Some(Action::EraseMember),
        _ => None,
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Runs a subcommand and returns what to print on stdout.
pub fn run(command: &Command, store: &mut Store) -> anyhow::Result<String> {
    let today = today();
    match command {
        Command::DemoData { members, weeks, seed, from } => {
            data::demo_data(store, &DemoOptions { members: *members, weeks: *weeks, seed: *seed, from: *from, today })
        }
        Command::Services => services::list(store),
        Command::Member { action } => members::run(action, store, today),
        Command::Book(args) => bookings::book(args, store),
        Command::Cancel { id, reason } => bookings::cancel(store, *id, reason),
        Command::Bookings { date } => bookings::list(store, date.unwrap_or(today)),
        Command::Backup { to, auto, dir } => data::backup(store, to.as_deref(), *auto, dir.as_deref(), today),
        Command::Restore { .. } => anyhow::bail!("復元はデータを閉じてから行います"),
        Command::ImportMembers { file, dry_run } => data::import_members(store, file, *dry_run, today),
        Command::Capacity { from, to, csv, out } => reports::capacity(store, *from, *to, *csv, out.as_deref()),
        Command::Week { date } => Ok(format_week(&store.week_overview(date.unwrap_or(today))?)),
        Command::Config { action } => mail::config(action, store),
        Command::Access { action } => mail::access(action, store, today),
        Command::Template { action } => mail::template(action, store),
        Command::Staff { action } => staff::run(action, store),
        Command::Intake { action } => intake::run(action, store),
        Command::Outbox { date } => mail::outbox(store, *date),
        Command::SendDue { now } => mail::send_due(store, now.unwrap_or_else(|| chrono::Local::now().naive_local())),
        Command::DayList { date, out, encoding, no_themes } => {
            reports::save_day_list(store, date.unwrap_or(today), out, *encoding, !no_themes)
        }
    }
}

/// One line of tab-separated output. A value can never add a column or a line: a tab,
/// a line break or a backslash inside it is written as `\t`, `\n`, `\r` or `\\`.
pub(crate) fn tsv_line(fields: &[&dyn std::fmt::Display]) -> String {
    let mut line = String::new();
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            line.push('\t');
        }
        for c in field.to_string().chars() {
            match c {
                '\\' => line.push_str("\\\\"),
                '\t' => line.push_str("\\t"),
                '\n' => line.push_str("\\n"),
                '\r' => line.push_str("\\r"),
                other => line.push(other),
            }
        }
    }
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_cannot_forge_a_column_or_a_line() {
        let name = "山田\t花子\n9999\t偽";
        assert_eq!(tsv_line(&[&1001, &name]), "1001\t山田\\t花子\\n9999\\t偽\n");
        assert_eq!(tsv_line(&[&"a\\b"]), "a\\\\b\n");
    }
}
