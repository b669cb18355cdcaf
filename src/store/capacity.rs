//! The manager's capacity read model: every session that runs between two dates with its
//! figures, and each service's totals. Days off (holidays, closures, outside a period)
//! offer nothing and are left out.

use super::{Result, Store};
use crate::domain::capacity::{ServiceTotals, SessionFigures, session_figures};
use crate::domain::schedule::{Service, ServiceId, ServiceKind};
use chrono::{Duration, NaiveDate};

/// The figures of a period, sessions in date and time order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CapacityReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The services that had sessions, in the manager's order.
    pub services: Vec<Service>,
    pub sessions: Vec<SessionFigures>,
    pub totals: Vec<ServiceTotals>,
}

impl CapacityReport {
    pub fn service(&self, id: ServiceId) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }
}

impl Store {
    /// The sessions from `from` to `to` (both included) with their figures.
    pub fn capacity(&self, from: NaiveDate, to: NaiveDate) -> Result<CapacityReport> {
        let schedule = self.schedule()?;
        let bookings = self.bookings_by_session(from, to)?;

        let mut sessions = Vec::new();
        let mut date = from;
        while date <= to {
            for service in &schedule.services {
                if !matches!(service.kind, ServiceKind::GroupSession | ServiceKind::Consultation | ServiceKind::Program)
                {
                    continue;
                }
                let booked = bookings.get(&(service.id, date)).map(Vec::as_slice).unwrap_or_default();
                for session in schedule.sessions_on(service, date) {
                    sessions.push(session_figures(service, &session, booked));
                }
            }
            date += Duration::days(1);
        }
        sessions.sort_by_key(|s| (s.date, s.hours, s.service_id));

        let position = |id: ServiceId| schedule.services.iter().position(|s| s.id == id);
        let mut totals: Vec<ServiceTotals> = Vec::new();
        for figures in &sessions {
            match totals.iter_mut().find(|t| t.service_id == figures.service_id) {
                Some(total) => total.add(figures),
                None => {
                    let mut total = ServiceTotals::default();
                    total.add(figures);
                    totals.push(total);
                }
            }
        }
        totals.sort_by_key(|t| position(t.service_id));
        let services = totals.iter().filter_map(|t| schedule.service(t.service_id)).cloned().collect::<Vec<Service>>();
        Ok(CapacityReport { from, to, services, sessions, totals })
    }
}
