//! The manager's audit log: every change, print and export, who did it and when, filtered
//! by member, staff, kind of action and dates, with what changed in words; saved as a CSV
//! or an Excel workbook for the record.

use chrono::NaiveDate;
use egui::{RichText, TextEdit, Ui};
use egui_extras::{Column, TableBuilder};

use crate::audit::{ACTION_GROUPS, action_label, change_text};
use crate::domain::time::parse_date;
use crate::store::{AuditFilter, AuditRow};
use crate::ui::command::Command;
use crate::ui::notice::Notice;
use crate::ui::views::capacity::ExportFormat;
use crate::ui::widgets::path_field::{self, PathAction};
use crate::ui::windows::{DeskContext, DeskWindow, Placement};
use crate::ui::{text, theme};

#[derive(Clone, Debug, PartialEq)]
pub enum AuditCommand {
    Search(AuditFilter),
    /// Save the rows shown (a dialog asks where, or the path typed where none can open).
    Export(ExportFormat, Option<std::path::PathBuf>),
}

/// One row as shown: the words already made, so drawing does no parsing.
#[derive(Clone, Debug)]
struct ShownRow {
    at: String,
    actor: String,
    action: String,
    member: String,
    change: String,
}

pub struct AuditLogView {
    /// The rows of the last search, as read.
    pub rows: Vec<AuditRow>,
    shown: Vec<ShownRow>,
    pub actors: Vec<String>,
    pub filter: AuditFilter,
    member: String,
    actor: String,
    group: Option<usize>,
    from: String,
    to: String,
    date_error: Option<&'static str>,
    pub notice: Option<Notice>,
    /// Where no file dialog can open: the path to save to.
    pub path_field: Option<(ExportFormat, String)>,
}

impl AuditLogView {
    pub fn new(rows: Vec<AuditRow>, actors: Vec<String>) -> AuditLogView {
        let mut view = AuditLogView {
            rows: Vec::new(),
            shown: Vec::new(),
            actors,
            filter: AuditFilter::default(),
            member: String::new(),
            actor: String::new(),
            group: None,
            from: String::new(),
            to: String::new(),
            date_error: None,
            notice: None,
            path_field: None,
        };
        view.set_rows(rows);
        view
    }

    pub fn set_rows(&mut self, rows: Vec<AuditRow>) {
        self.shown = rows
            .iter()
            .map(|row| ShownRow {
                at: row.at.replace('T', " "),
                actor: row.actor.clone(),
                action: action_label(&row.action).to_owned(),
                member: row.member.as_ref().map(|(number, name)| format!("{number} {name}")).unwrap_or_default(),
                change: change_text(row.before.as_deref(), row.after.as_deref()),
            })
            .collect();
        self.rows = rows;
    }

    fn search(&mut self, today: NaiveDate, commands: &mut Vec<Command>) {
        let date = |text: &str| -> Result<Option<NaiveDate>, ()> {
            if text.trim().is_empty() { Ok(None) } else { parse_date(text, today).map(Some).ok_or(()) }
        };
        let (Ok(from), Ok(to)) = (date(&self.from), date(&self.to)) else {
            self.date_error = Some(text::DATE_NOT_UNDERSTOOD);
            return;
        };
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            self.date_error = Some(text::AUDIT_DATES_REVERSED);
            return;
        }
        self.date_error = None;
        let actions = self
            .group
            .and_then(|g| ACTION_GROUPS.get(g))
            .map(|(_, prefixes)| prefixes.iter().map(|p| (*p).to_owned()).collect())
            .unwrap_or_default();
        let filter =
            AuditFilter { member: self.member.trim().to_owned(), actor: self.actor.clone(), actions, from, to };
        commands.push(Command::Audit(AuditCommand::Search(filter)));
    }
}

impl DeskWindow for AuditLogView {
    fn title(&self) -> &str {
        text::AUDIT_TITLE
    }

    fn placement(&self) -> Placement {
        Placement::at(40.0, 80.0).default_size(1100.0, 560.0)
    }

    fn show(&mut self, ui: &mut Ui, desk: &DeskContext, commands: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(text::AUDIT_MEMBER_FIELD);
            ui.add(TextEdit::singleline(&mut self.member).hint_text(text::AUDIT_MEMBER_HINT).desired_width(140.0))
                .labelled_by(label.id);
            let everyone = text::AUDIT_ANYONE.to_owned();
            let label = ui.label(text::AUDIT_STAFF);
            egui::ComboBox::from_id_salt("audit_staff")
                .selected_text(if self.actor.is_empty() { everyone.clone() } else { self.actor.clone() })
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.actor, String::new(), everyone);
                    for actor in &self.actors {
                        ui.selectable_value(&mut self.actor, actor.clone(), actor);
                    }
                })
                .response
                .labelled_by(label.id);
            let group_name = self.group.and_then(|g| ACTION_GROUPS.get(g)).map(|(l, _)| *l).unwrap_or(text::AUDIT_ANY);
            let label = ui.label(text::AUDIT_ACTION);
            egui::ComboBox::from_id_salt("audit_action")
                .selected_text(group_name)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.group, None, text::AUDIT_ANY);
                    for (index, (name, _)) in ACTION_GROUPS.iter().enumerate() {
                        ui.selectable_value(&mut self.group, Some(index), *name);
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label(text::AUDIT_FROM);
            ui.add(TextEdit::singleline(&mut self.from).hint_text(text::JUMP_HINT).desired_width(100.0))
                .labelled_by(label.id);
            let label = ui.label(text::AUDIT_TO);
            ui.add(TextEdit::singleline(&mut self.to).hint_text(text::JUMP_HINT).desired_width(100.0))
                .labelled_by(label.id);
            if ui.button(RichText::new(text::AUDIT_SEARCH).strong()).clicked() {
                self.search(desk.today, commands);
            }
        });
        if let Some(error) = self.date_error {
            ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
        }
        ui.horizontal(|ui| {
            ui.label(text::audit_count(self.shown.len()));
            if ui.button(text::AUDIT_EXPORT_XLSX).clicked() {
                commands.push(Command::Audit(AuditCommand::Export(ExportFormat::Xlsx, None)));
            }
            if ui.button(text::AUDIT_EXPORT_CSV).clicked() {
                commands.push(Command::Audit(AuditCommand::Export(ExportFormat::Csv, None)));
            }
        });
        if let Some((format, path)) = &mut self.path_field {
            let format = *format;
            match path_field::show(ui, path, text::SAVE_TO_PATH) {
                Some(PathAction::Use(path)) => commands.push(Command::Audit(AuditCommand::Export(format, Some(path)))),
                Some(PathAction::Cancel) => self.path_field = None,
                None => {}
            }
        }
        if let Some(notice) = &self.notice {
            notice.show(ui);
        }
        ui.separator();
        let row_height = theme::BODY_TEXT_SIZE + 8.0;
        TableBuilder::new(ui)
            .striped(true)
            .column(Column::exact(140.0))
            .column(Column::exact(120.0))
            .column(Column::exact(160.0))
            .column(Column::exact(140.0))
            .column(Column::remainder().clip(true))
            .header(row_height, |mut header| {
                for title in
                    [text::AUDIT_AT, text::AUDIT_STAFF, text::AUDIT_ACTION, text::AUDIT_MEMBER, text::AUDIT_CHANGE]
                {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, self.shown.len(), |mut row| {
                    let Some(shown) = self.shown.get(row.index()) else { return };
                    for cell in [&shown.at, &shown.actor, &shown.action, &shown.member, &shown.change] {
                        row.col(|ui| {
                            ui.label(RichText::new(cell).size(theme::SMALL_TEXT_SIZE)).on_hover_text(cell);
                        });
                    }
                });
            });
    }
}
