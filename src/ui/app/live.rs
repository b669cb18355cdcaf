//! Live data: what another window, another program (the command line) or a scheduled task
//! wrote shows within two seconds. About once a second the app asks the store whether
//! anything was committed (`PRAGMA data_version` moves only for other connections; this
//! connection's own row count covers the desk's own writes, so windows that its action
//! did not refresh — the capacity figures — follow too); when it moved, every read model
//! on screen is read again.

use std::time::{Duration, Instant};

use super::MadoguchiApp;
use crate::store::StoreError;
use crate::ui::views::attendance::{AttendanceView, attendance_rows};
use crate::ui::views::capacity::CapacityView;
use crate::ui::views::email_consultations::EmailConsultationsView;

/// How often the data is checked for changes made elsewhere.
pub const DATA_CHECK_EVERY: Duration = Duration::from_secs(1);

/// What the app knows about the data's version, and when it last asked.
pub(super) struct LiveData {
    /// (the database's data version, this connection's rows written) when last read.
    seen: Option<(i64, u64)>,
    checked_at: Option<Instant>,
    pub(super) every: Duration,
}

impl Default for LiveData {
    fn default() -> LiveData {
        LiveData { seen: None, checked_at: None, every: DATA_CHECK_EVERY }
    }
}

impl LiveData {
    /// Whether a second has passed since the last check.
    pub(super) fn due(&self, now: Instant) -> bool {
        self.checked_at.is_none_or(|at| now.duration_since(at) >= self.every)
    }
}

impl MadoguchiApp {
    /// How often the data is checked (tests step past it with zero).
    pub fn set_data_check_interval(&mut self, every: Duration) {
        self.live.every = every;
    }

    /// Asks the store whether anything was written since the last look: true when it was
    /// (the first look only takes note).
    pub(super) fn data_moved(&mut self) -> bool {
        self.live.checked_at = Some(Instant::now());
        let Ok(version) = self.store.data_version() else {
            // A failed check is tried again next second; reading the models would fail alike.
            return false;
        };
        let stamp = (version, self.store.own_changes());
        let moved = self.live.seen.is_some_and(|seen| seen != stamp);
        self.live.seen = Some(stamp);
        moved
    }

    /// Something was written: the week, the chosen session, the booking form's free
    /// starts, the member search and the open windows' figures are read again.
    pub(super) fn data_changed(&mut self) -> Result<(), StoreError> {
        self.members = self.store.member_index()?;
        let notice = self.selected.as_ref().and_then(|s| s.notice.clone());
        self.reload_after_change()?;
        if let Some(selected) = self.selected.as_mut() {
            selected.notice = notice;
        }
        if self.booking_form.is_some()
            && let Some(inputs) = self.booking_model.inputs
        {
            self.booking_inputs_changed(inputs)?;
        }
        if let Some((from, to)) = self.windows.get::<CapacityView>().map(|v| (v.model.report.from, v.model.report.to)) {
            let model = self.capacity_model(from, to)?;
            if let Some(view) = self.windows.get_mut::<CapacityView>() {
                view.model = model;
            }
        }
        if let Some(date) = self.windows.get::<AttendanceView>().map(|view| view.date) {
            let rows = attendance_rows(&self.store.day_list(date)?);
            if let Some(view) = self.windows.get_mut::<AttendanceView>() {
                view.rows = rows;
            }
        }
        if self.windows.is_open::<EmailConsultationsView>() {
            let lines = self.store.open_email_consultations()?;
            if let Some(view) = self.windows.get_mut::<EmailConsultationsView>() {
                view.lines = lines;
            }
        }
        self.refresh_intake()?;
        self.refresh_mail()
    }
}
