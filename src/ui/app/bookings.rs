//! The booking form and the session panel: finding members, the free starts, saving a
//! booking and reading it back, and the panel's actions on a booking (attendance,
//! cancellation, promotion, another date or time).

use crate::domain::booking::{BookingId, BookingRequest, Refusal, read_back};
use crate::domain::schedule::ServiceKind;
use crate::domain::time::TimeOfDay;
use crate::store::{StoreError, WhenFull};
use crate::ui::app::{MadoguchiApp, SelectedSession};
use crate::ui::notice::Notice;
use crate::ui::text;
use crate::ui::views::booking_form::{BookingForm, FormField, Inputs, MemberHit, ServiceChoice};
use crate::ui::widgets::time_grid::SessionKey;

impl MadoguchiApp {
    /// The first date from today on which `service` has a session.
    fn next_session_date(&self, service_id: i64) -> chrono::NaiveDate {
        let Some(service) = self.schedule.service(service_id) else {
            return self.today;
        };
        (0..120)
            .map(|offset| self.today + chrono::Duration::days(offset))
            .find(|date| !self.schedule.sessions_on(service, *date).is_empty())
            .unwrap_or(self.today)
    }

    pub(super) fn open_booking_form(&mut self, key: Option<SessionKey>, at: Option<TimeOfDay>) {
        self.booking_model.services = self
            .schedule
            .services
            .iter()
            .filter(|s| {
                s.is_bookable()
                    && matches!(s.kind, ServiceKind::Consultation | ServiceKind::GroupSession | ServiceKind::Program)
            })
            .map(|s| ServiceChoice { id: s.id, name: s.name.clone(), kind: s.kind, lengths: s.lengths.clone() })
            .collect();
        // The form and the grid share the window; the session's list would squeeze the grid.
        self.selected = None;
        // Nothing from an earlier form carries over; the inputs of this one fill these.
        self.booking_model.member_hits.clear();
        self.booking_model.free_starts.clear();
        self.booking_model.day_off = None;
        self.booking_model.session_hours = None;
        self.booking_model.inputs = None;
        let form = match key {
            Some(key) => BookingForm::new(Some(key.service_id), key.date, at),
            None => {
                let service =
                    self.booking_model.services.iter().find(|s| s.kind == ServiceKind::Consultation).map(|s| s.id);
                let date = service.map(|id| self.next_session_date(id)).unwrap_or(self.today);
                BookingForm::new(service, date, None)
            }
        };
        self.booking_form = Some(form);
    }

    /// A double click in the grid. The open form keeps its member and what was typed and
    /// takes the service, date and start; a consultation start already taken is said to be
    /// taken, with the nearest free starts, rather than swapped for another.
    pub(super) fn book_at(&mut self, key: SessionKey, at: TimeOfDay) -> Result<(), StoreError> {
        let minutes = match self.booking_form.as_mut() {
            Some(form) => {
                form.book_at(key.service_id, key.date, at);
                form.minutes()
            }
            None => {
                self.open_booking_form(Some(key.clone()), Some(at));
                30
            }
        };
        let Some(service) = self.schedule.service(key.service_id) else {
            return Ok(());
        };
        if service.kind != ServiceKind::Consultation {
            return Ok(());
        }
        self.booking_inputs_changed((key.service_id, key.date, minutes))?;
        let free = &self.booking_model.free_starts;
        if free.contains(&at) {
            return Ok(());
        }
        let message = match nearest_starts(free, at, 3) {
            nearest if nearest.is_empty() => format!("{at} {}。{}", text::START_TAKEN, text::NO_FREE_START),
            nearest => {
                let starts: Vec<String> = nearest.iter().map(ToString::to_string).collect();
                format!("{at} {}。{}: {}", text::START_TAKEN, text::FREE_ALTERNATIVES, starts.join("、"))
            }
        };
        if let Some(form) = self.booking_form.as_mut() {
            form.start_taken(message);
        }
        Ok(())
    }

    pub(super) fn search_members(&mut self, query: &str) {
        self.booking_model.member_hits = self
            .members
            .search(query, 20)
            .into_iter()
            .map(|(entry, _)| MemberHit {
                id: entry.id,
                number: entry.number.clone(),
                name: entry.name.clone(),
                kana: entry.kana.clone(),
                phone: entry.main_phone(),
                consented: entry.consented,
            })
            .collect();
    }

    pub(super) fn booking_inputs_changed(&mut self, inputs: Inputs) -> Result<(), StoreError> {
        let (service_id, date, minutes) = inputs;
        self.booking_model.inputs = Some(inputs);
        let Some(service) = self.schedule.service(service_id) else {
            return Ok(());
        };
        // The grid follows the form, so the desk sees the day being booked.
        if date < self.week.monday || date > self.week.monday + chrono::Duration::days(6) {
            self.week = self.store.week_overview(date)?;
        }
        self.booking_model.day_off = self.schedule.day_off(service, date).map(|off| off.describe());
        let sessions = self.schedule.sessions_on(service, date);
        self.booking_model.session_hours = sessions.first().map(|s| s.hours);
        self.booking_model.free_starts = if service.kind == ServiceKind::Consultation {
            self.store.free_starts(service_id, date, minutes)?
        } else {
            Vec::new()
        };
        Ok(())
    }

    pub(super) fn save_booking(&mut self, request: BookingRequest, when_full: WhenFull) -> Result<(), StoreError> {
        let Some(form) = self.booking_form.as_mut() else {
            return Ok(());
        };
        match self.store.book(&request, when_full) {
            Ok(booking) => {
                let member = self.store.member(request.member_id)?;
                let line = match self.schedule.service(request.service_id) {
                    Some(service) => read_back(service, &booking, &member.number, &member.name),
                    None => String::new(),
                };
                form.saved(line);
                self.week = self.store.week_overview(self.week.monday)?;
                if let Some(selected) = self.selected.take() {
                    self.selected = Some(self.load_session(selected.key)?);
                }
                self.booking_inputs_changed((request.service_id, request.date, request.hours.minutes()))?;
                Ok(())
            }
            Err(StoreError::Refused(refusal)) => {
                let full = matches!(refusal, Refusal::Full { .. } | Refusal::SlotTaken { .. });
                let field = match refusal {
                    Refusal::NotRunning { .. }
                    | Refusal::PastDate { .. }
                    | Refusal::TooFarAhead { .. }
                    | Refusal::TooFarBack { .. } => FormField::Date,
                    Refusal::SlotTaken { .. } | Refusal::OffStep { .. } | Refusal::LengthNotAllowed { .. } => {
                        FormField::Start
                    }
                    Refusal::MemberOverlap { .. } => FormField::Member,
                    _ => FormField::Whole,
                };
                let mut message = refusal.to_string();
                let free = self.store.alternatives(&request, &refusal)?;
                if !free.is_empty() {
                    let starts: Vec<String> = free.iter().map(ToString::to_string).collect();
                    message = format!("{message}。{}: {}", text::FREE_ALTERNATIVES, starts.join("、"));
                }
                form.refused(field, message, full);
                Ok(())
            }
            Err(refused) if refused.is_refusal() => {
                form.refused(FormField::Whole, refused.to_string(), false);
                Ok(())
            }
            Err(other) => Err(other),
        }
    }

    pub(super) fn load_session(&self, key: SessionKey) -> Result<SelectedSession, StoreError> {
        let title = self
            .week
            .days
            .iter()
            .flat_map(|d| &d.sessions)
            .find(|s| s.service_id == key.service_id && s.date == key.date && s.hours == key.hours)
            .map(|s| s.label())
            .unwrap_or_default();
        let bookings = self.store.session_bookings(key.service_id, key.date, key.hours)?;
        let to_call = self.store.waitlist_to_call(key.service_id, key.date)?;
        Ok(SelectedSession { key, title, bookings, to_call, focused: None, history: Vec::new(), notice: None })
    }

    /// Reads the chosen session again after a change, keeping the chosen booking.
    pub(super) fn reload_after_change(&mut self) -> Result<(), StoreError> {
        self.week = self.store.week_overview(self.week.monday)?;
        if let Some(selected) = self.selected.take() {
            let focused = selected.focused;
            let mut fresh = self.load_session(selected.key)?;
            if let Some(id) = focused {
                fresh.history = self.store.history("booking", id)?;
                fresh.focused = Some(id);
            }
            self.selected = Some(fresh);
        }
        Ok(())
    }

    /// A refused action on a booking is explained in the side panel; otherwise the
    /// views are read again.
    pub(super) fn after_panel_action(&mut self, done: Result<(), StoreError>) -> Result<(), StoreError> {
        match done {
            Ok(()) => self.reload_after_change(),
            Err(refused) if refused.is_refusal() => {
                if let Some(selected) = self.selected.as_mut() {
                    selected.notice = Some(Notice::refused(refused));
                }
                Ok(())
            }
            Err(other) => Err(other),
        }
    }

    pub(super) fn focus_booking(&mut self, id: BookingId) -> Result<(), StoreError> {
        let history = self.store.history("booking", id)?;
        if let Some(selected) = self.selected.as_mut() {
            selected.focused = Some(id);
            selected.history = history;
            selected.notice = None;
        }
        Ok(())
    }
}

/// The `count` free starts nearest to `at`, in time order (the earlier of two equally near
/// first).
fn nearest_starts(free: &[TimeOfDay], at: TimeOfDay, count: usize) -> Vec<TimeOfDay> {
    let distance = |t: &TimeOfDay| t.minutes().abs_diff(at.minutes());
    let mut nearest: Vec<TimeOfDay> = free.to_vec();
    nearest.sort_by_key(|t| (distance(t), *t));
    nearest.truncate(count);
    nearest.sort();
    nearest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u16, m: u16) -> TimeOfDay {
        TimeOfDay::hm(h, m).expect("time")
    }

    #[test]
    fn the_nearest_free_starts_are_offered_in_time_order() {
        let free = [t(11, 0), t(11, 30), t(15, 0), t(15, 30), t(16, 30)];
        assert_eq!(nearest_starts(&free, t(16, 0), 3), vec![t(15, 0), t(15, 30), t(16, 30)]);
        assert_eq!(nearest_starts(&free, t(12, 0), 2), vec![t(11, 0), t(11, 30)]);
        assert!(nearest_starts(&[], t(12, 0), 3).is_empty());
    }
}
