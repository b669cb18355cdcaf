//! The audit log as the manager reads it: every change, print and export with who did it
//! and when, filtered by member, staff, kind of action and dates. Each row knows the
//! member it is about (`member_id`, set when it is written), so one member's history is
//! one indexed query.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params_from_iter};

use super::{Result, Store, date_text};
use crate::domain::member::{kana_key, name_key};
use crate::domain::staff::Role;

/// The member an audit row is about, read inside the transaction that writes it.
pub(super) fn member_of(tx: &Transaction<'_>, entity: &str, entity_id: i64) -> Result<Option<i64>> {
    let sql = match entity {
        "member" => return Ok(Some(entity_id)),
        "booking" => "SELECT member_id FROM bookings WHERE id = ?1",
        "email_consultation" => "SELECT member_id FROM email_consultations WHERE id = ?1",
        "outbox" => "SELECT b.member_id FROM outbox o JOIN bookings b ON b.id = o.booking_id WHERE o.id = ?1",
        "intake" => "SELECT member_id FROM intake_requests WHERE id = ?1 AND member_id IS NOT NULL",
        _ => return Ok(None),
    };
    Ok(tx.prepare_cached(sql)?.query_row([entity_id], |r| r.get(0)).optional()?)
}

/// Which rows of the audit log to show; an empty field does not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// A member number (exactly) or part of a member's name.
    pub member: String,
    /// Exactly as recorded (a staff member's name, "山田（コマンドライン）").
    pub actor: String,
    /// The starts of the actions' codes, any of them: "booking." for every booking change,
    /// "day_list." for prints and saves of the day's list.
    pub actions: Vec<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One row of the audit log, with the member it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRow {
    pub id: i64,
    /// YYYY-MM-DDTHH:MM:SS, local time.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    /// (number, name) of the member it is about.
    pub member: Option<(String, String)>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// How many rows the window shows at most; the export takes the same filter.
pub const AUDIT_LIMIT: usize = 5000;

impl Store {
    /// The rows that match `filter`, newest first, at most [`AUDIT_LIMIT`]. The manager's.
    pub fn audit_log(&self, filter: &AuditFilter) -> Result<Vec<AuditRow>> {
        self.require(Role::Manager)?;
        let mut sql = String::from(
            "SELECT a.id, a.at, a.actor, a.action, a.entity, a.entity_id, m.number, m.name, a.before, a.after
             FROM audit_log a LEFT JOIN members m ON m.id = a.member_id WHERE 1 = 1",
        );
        let mut values: Vec<String> = Vec::new();
        let member = filter.member.trim();
        if !member.is_empty() {
            values.push(member.to_owned());
            values.push(format!("%{}%", name_key(member)));
            values.push(format!("%{}%", kana_key(member)));
            let n = values.len();
            sql.push_str(&format!(
                " AND (m.number = ?{} OR m.name_key LIKE ?{} OR m.kana_key LIKE ?{n})",
                n - 2,
                n - 1
            ));
        }
        if !filter.actor.trim().is_empty() {
            values.push(filter.actor.trim().to_owned());
            sql.push_str(&format!(" AND a.actor = ?{}", values.len()));
        }
        if !filter.actions.is_empty() {
            let mut any = Vec::new();
            for prefix in &filter.actions {
                values.push(format!("{prefix}%"));
                any.push(format!("a.action LIKE ?{}", values.len()));
            }
            sql.push_str(&format!(" AND ({})", any.join(" OR ")));
        }
        if let Some(from) = filter.from {
            values.push(date_text(from));
            sql.push_str(&format!(" AND a.at >= ?{}", values.len()));
        }
        if let Some(to) = filter.to {
            // Up to the end of that day: every time of day sorts before the next date.
            values.push(date_text(to + chrono::Duration::days(1)));
            sql.push_str(&format!(" AND a.at < ?{}", values.len()));
        }
        sql.push_str(&format!(" ORDER BY a.id DESC LIMIT {AUDIT_LIMIT}"));
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(values.iter()), |r| {
            let number: Option<String> = r.get(6)?;
            let name: Option<String> = r.get(7)?;
            Ok(AuditRow {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                member: number.zip(name),
                before: r.get(8)?,
                after: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Everyone who appears in the audit log, for the filter's list.
    pub fn audit_actors(&self) -> Result<Vec<String>> {
        self.require(Role::Manager)?;
        let mut stmt = self.conn().prepare("SELECT DISTINCT actor FROM audit_log ORDER BY actor")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
