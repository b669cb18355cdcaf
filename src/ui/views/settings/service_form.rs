//! The settings window's service form: what is typed, and the change it asks for once
//! every field reads.

use chrono::{NaiveDate, Weekday};

use crate::domain::schedule::{ServiceId, ServiceKind, ServiceStatus, parse_capacity};
use crate::domain::time::{Interval, TimeOfDay, parse_date, weekday_kanji};
use crate::store::{ScheduleChange, ServiceSettings};
use crate::ui::text;

/// The service being edited, as typed.
#[derive(Clone, Debug, Default)]
pub(super) struct ServiceForm {
    pub(super) id: ServiceId,
    pub(super) name: String,
    pub(super) short_name: String,
    pub(super) staff: String,
    pub(super) capacity: String,
    pub(super) lengths: String,
    pub(super) runs_on_holidays: bool,
    pub(super) status: Option<ServiceStatus>,
    pub(super) windows: Vec<(Weekday, String, String)>,
    pub(super) period_from: String,
    pub(super) period_to: String,
    /// From which day a changed capacity applies (empty: today); sessions before it keep
    /// the capacity they had.
    pub(super) capacity_from: String,
}

pub(super) type FieldErrors = Vec<(&'static str, String)>;

/// The changes the service form asks for, or what is wrong with it, field by field.
pub(super) fn service_change(
    form: &ServiceForm,
    kind: ServiceKind,
    today: NaiveDate,
) -> Result<ScheduleChange, FieldErrors> {
    let mut errors = Vec::new();
    if form.name.trim().is_empty() {
        errors.push((text::SERVICE_NAME, text::FIELD_NEEDED.to_owned()));
    }
    if form.short_name.trim().is_empty() {
        errors.push((text::SERVICE_SHORT_NAME, text::FIELD_NEEDED.to_owned()));
    }
    let capacity = parse_capacity(&form.capacity)
        .map_err(|problem| errors.push((text::SERVICE_CAPACITY, problem.to_string())))
        .ok();
    // The day a changed capacity applies from: today unless given, never a past day (the
    // figures of sessions held keep the capacity they had).
    let capacity_from = match form.capacity_from.trim() {
        "" => None,
        typed => match parse_date(typed, today) {
            Some(day) if day >= today => Some(day),
            Some(_) => {
                errors.push((text::CAPACITY_CHANGE_FROM, text::CAPACITY_CHANGE_PAST.to_owned()));
                None
            }
            None => {
                errors.push((text::CAPACITY_CHANGE_FROM, text::DATE_NOT_UNDERSTOOD.to_owned()));
                None
            }
        },
    };
    let lengths: Option<Vec<u16>> = if kind == ServiceKind::Consultation {
        form.lengths
            .split([',', '、', ' '])
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().parse::<u16>().ok().filter(|l| (15..=240).contains(l) && l % 15 == 0))
            .collect()
    } else {
        Some(Vec::new())
    };
    if lengths.as_ref().is_none_or(|l| kind == ServiceKind::Consultation && l.is_empty()) {
        errors.push((text::SERVICE_LENGTHS, text::LENGTHS_NOT_UNDERSTOOD.to_owned()));
    }
    let mut windows = Vec::new();
    for (day, start, end) in &form.windows {
        match (TimeOfDay::parse(start), TimeOfDay::parse(end)) {
            (Some(s), Some(e)) if Interval::new(s, e).is_some() => windows.push((*day, Interval { start: s, end: e })),
            _ => errors.push((
                text::SERVICE_WINDOWS,
                format!("{} {start}〜{end}: {}", text::weekday_name(weekday_kanji(*day)), text::TIMES_NOT_UNDERSTOOD),
            )),
        }
    }
    let period = match (form.period_from.trim(), form.period_to.trim()) {
        ("", "") => Some(None),
        (from, to) => match (parse_date(from, today), parse_date(to, today)) {
            (Some(f), Some(t)) if f <= t => Some(Some((f, t))),
            _ => None,
        },
    };
    if period.is_none() {
        errors.push((text::SERVICE_PERIOD, text::PERIOD_NOT_UNDERSTOOD.to_owned()));
    }
    let (Some(capacity), Some(lengths), Some(period), true) = (capacity, lengths, period, errors.is_empty()) else {
        return Err(errors);
    };
    Ok(ScheduleChange::UpdateService(ServiceSettings {
        id: form.id,
        name: form.name.trim().to_owned(),
        short_name: form.short_name.trim().to_owned(),
        staff: form.staff.trim().to_owned(),
        capacity,
        // A changed capacity applies from the day given (or the day it is saved); earlier
        // sessions keep theirs.
        capacity_from,
        lengths,
        runs_on_holidays: form.runs_on_holidays,
        status: form.status.unwrap_or(ServiceStatus::Scheduled),
        windows,
        periods: period.into_iter().collect(),
    }))
}
