//! Reading the schedule: services, weekly windows, periods, closures and program events.

use chrono::Weekday;
use rusqlite::Connection;

use super::bookings::interval;
use super::{Result, Store, bad_column, parse_date_text};
use crate::domain::schedule::{
    CapacityChange, Closure, ProgramEvent, Schedule, Service, ServiceKind, ServicePeriod, ServiceStatus, WeeklyWindow,
};

impl Store {
    /// The whole schedule. It is small (a handful of services), so it is read whole.
    pub fn schedule(&self) -> Result<Schedule> {
        load_schedule(self.conn())
    }
}

fn weekday(index: u8) -> rusqlite::Result<Weekday> {
    Weekday::try_from(index).map_err(|_| bad_column("weekday", index))
}

pub(crate) fn load_schedule(conn: &Connection) -> Result<Schedule> {
    let services = conn
        .prepare_cached(
            "SELECT id, code, name, short_name, kind, staff, capacity, slot_minutes, lengths, runs_on_holidays, status
             FROM services ORDER BY position, id",
        )?
        .query_map([], |r| {
            let kind: String = r.get(4)?;
            let status: String = r.get(10)?;
            let lengths: String = r.get(8)?;
            Ok(Service {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                short_name: r.get(3)?,
                kind: ServiceKind::from_code(&kind).ok_or_else(|| bad_column("kind", &kind))?,
                staff: r.get(5)?,
                capacity: r.get(6)?,
                slot_minutes: r.get(7)?,
                lengths: lengths
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(|s| s.trim().parse().map_err(|_| bad_column("lengths", &lengths)))
                    .collect::<rusqlite::Result<_>>()?,
                runs_on_holidays: r.get(9)?,
                status: ServiceStatus::from_code(&status).ok_or_else(|| bad_column("status", &status))?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let windows = conn
        .prepare_cached(
            "SELECT service_id, weekday, start_min, end_min FROM weekly_windows ORDER BY weekday, start_min",
        )?
        .query_map([], |r| {
            Ok(WeeklyWindow {
                service_id: r.get(0)?,
                weekday: weekday(r.get(1)?)?,
                hours: interval(r.get(2)?, r.get(3)?)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let periods = conn
        .prepare_cached("SELECT service_id, from_date, to_date FROM service_periods ORDER BY from_date")?
        .query_map([], |r| {
            Ok(ServicePeriod {
                service_id: r.get(0)?,
                from: parse_date_text(&r.get::<_, String>(1)?)?,
                to: parse_date_text(&r.get::<_, String>(2)?)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let closures = conn
        .prepare_cached("SELECT id, service_id, from_date, to_date, reason FROM closures ORDER BY from_date")?
        .query_map([], |r| {
            Ok(Closure {
                id: r.get(0)?,
                service_id: r.get(1)?,
                from: parse_date_text(&r.get::<_, String>(2)?)?,
                to: parse_date_text(&r.get::<_, String>(3)?)?,
                reason: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let events = conn
        .prepare_cached(
            "SELECT id, service_id, date, start_min, end_min, capacity FROM program_events ORDER BY date, start_min",
        )?
        .query_map([], |r| {
            Ok(ProgramEvent {
                id: r.get(0)?,
                service_id: r.get(1)?,
                date: parse_date_text(&r.get::<_, String>(2)?)?,
                hours: interval(r.get(3)?, r.get(4)?)?,
                capacity: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let capacity_changes = conn
        .prepare_cached("SELECT service_id, from_date, capacity FROM capacity_changes ORDER BY from_date")?
        .query_map([], |r| {
            Ok(CapacityChange {
                service_id: r.get(0)?,
                from: parse_date_text(&r.get::<_, String>(1)?)?,
                capacity: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Schedule { services, windows, periods, closures, events, capacity_changes })
}
