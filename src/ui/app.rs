//! The eframe application: owns the store and the read models, applies the commands the
//! views send, and refreshes the read models when something changed. Views never touch
//! the database.

use chrono::NaiveDate;
use egui::{CentralPanel, Panel, RichText, Ui};

use crate::store::{BookingLine, Store, WeekOverview};
use crate::ui::views::{session_panel, week::WeekView};
use crate::ui::widgets::time_grid::SessionKey;
use crate::ui::{text, theme};

/// What the user asked for, applied in one place after the frame's views have run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Show the week holding this date.
    ShowWeek(NaiveDate),
    SelectSession(SessionKey),
    CloseSession,
}

/// The session open in the side panel, with its bookings read when it was chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct SelectedSession {
    pub key: SessionKey,
    pub title: String,
    pub bookings: Vec<BookingLine>,
}

pub struct MadoguchiApp {
    store: Store,
    today: NaiveDate,
    week: WeekOverview,
    selected: Option<SelectedSession>,
    week_view: WeekView,
    /// The last error while reading, shown until the next successful refresh.
    error: Option<String>,
}

impl MadoguchiApp {
    /// Opens on the week holding `today`.
    pub fn new(store: Store, today: NaiveDate) -> Result<MadoguchiApp, crate::store::StoreError> {
        let week = store.week_overview(today)?;
        Ok(MadoguchiApp { store, today, week, selected: None, week_view: WeekView::default(), error: None })
    }

    pub fn week(&self) -> &WeekOverview {
        &self.week
    }

    pub fn selected(&self) -> Option<&SelectedSession> {
        self.selected.as_ref()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Applies one command and refreshes what it affects.
    pub fn apply(&mut self, command: Command) {
        let result =
            match command {
                Command::ShowWeek(date) => self.store.week_overview(date).map(|week| {
                    if self.selected.as_ref().is_some_and(|s| {
                        s.key.date < week.monday || s.key.date > week.monday + chrono::Duration::days(6)
                    }) {
                        self.selected = None;
                    }
                    self.week = week;
                }),
                Command::SelectSession(key) => self.load_session(key).map(|selected| self.selected = Some(selected)),
                Command::CloseSession => {
                    self.selected = None;
                    Ok(())
                }
            };
        self.error = result.err().map(|e| format!("{}: {e}", text::LOAD_FAILED));
    }

    fn load_session(&self, key: SessionKey) -> Result<SelectedSession, crate::store::StoreError> {
        let title = self
            .week
            .days
            .iter()
            .flat_map(|d| &d.sessions)
            .find(|s| s.service_id == key.service_id && s.date == key.date && s.hours == key.hours)
            .map(|s| s.label())
            .unwrap_or_default();
        let bookings = self.store.session_bookings(key.service_id, key.date, key.hours)?;
        Ok(SelectedSession { key, title, bookings })
    }

    /// Draws the whole window; used by eframe and by the tests' harness alike.
    pub fn show(&mut self, ui: &mut Ui) {
        let mut commands = Vec::new();
        Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(4.0);
            self.week_view.toolbar(ui, &self.week, self.today, &mut commands);
            if let Some(error) = &self.error {
                ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
            }
            ui.add_space(2.0);
        });
        Panel::bottom("status").show(ui, |ui| {
            ui.label(
                RichText::new(format!("{}: {}", text::DATABASE_LABEL, self.store.path().display()))
                    .size(11.0)
                    .color(theme::TEXT_MUTED),
            );
        });
        if let Some(selected) = &self.selected {
            Panel::right("session").default_size(420.0).min_size(320.0).show(ui, |ui| {
                session_panel::show(ui, selected, &mut commands);
            });
        }
        CentralPanel::default().show(ui, |ui| {
            let selected = self.selected.as_ref().map(|s| &s.key);
            self.week_view.grid(ui, &self.week, self.today, selected, &mut commands);
        });
        for command in commands {
            self.apply(command);
        }
    }
}

impl eframe::App for MadoguchiApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}

/// Shown instead of the desk when the data file cannot be opened: the reason, and that
/// nothing was changed.
pub struct CannotOpenApp {
    pub message: String,
}

impl eframe::App for CannotOpenApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        CentralPanel::default().show(ui, |ui| {
            ui.heading(text::CANNOT_OPEN_TITLE);
            ui.add_space(8.0);
            ui.label(RichText::new(&self.message).color(ui.visuals().error_fg_color));
            ui.add_space(8.0);
            ui.label(text::CANNOT_OPEN_HELP);
        });
    }
}
