//! The doctor's email consultations: a request, the date and time agreed with the member,
//! then done (調整中 → 確定 → 済), each step audited.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Transaction, params};

use super::{Result, Store, StoreError, audit, bad_column, date_text, now_text, parse_date_text, parse_datetime_text};
use crate::domain::email_consultation::{EmailConsultation, EmailConsultationState};
use crate::domain::member::MemberId;
use crate::domain::schedule::ServiceKind;

/// One request as the desk's list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailConsultationLine {
    pub consultation: EmailConsultation,
    pub member_number: String,
    pub member_name: String,
}

fn read(conn: &rusqlite::Connection, id: i64) -> Result<EmailConsultation> {
    conn.query_row(
        "SELECT id, member_id, service_id, requested_on, agreed_at, state, notes FROM email_consultations WHERE id = ?1",
        [id],
        row,
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("メール相談 (id {id})")))
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EmailConsultation> {
    let state: String = r.get(5)?;
    let agreed: Option<String> = r.get(4)?;
    Ok(EmailConsultation {
        id: r.get(0)?,
        member_id: r.get(1)?,
        service_id: r.get(2)?,
        requested_on: parse_date_text(&r.get::<_, String>(3)?)?,
        agreed_at: agreed.as_deref().map(parse_datetime_text).transpose()?,
        state: EmailConsultationState::from_code(&state).ok_or_else(|| bad_column("state", &state))?,
        notes: r.get(6)?,
    })
}

fn change(
    tx: &Transaction<'_>,
    actor: &str,
    id: i64,
    to: EmailConsultationState,
    agreed_at: Option<NaiveDateTime>,
) -> Result<EmailConsultation> {
    let before = read(tx, id)?;
    if before.state != to && !before.state.next().contains(&to) {
        return Err(StoreError::Invalid(format!("{}から{}には進められません", before.state.label(), to.label())));
    }
    let agreed_at = agreed_at.or(before.agreed_at).filter(|_| to != EmailConsultationState::Arranging);
    if to == EmailConsultationState::Agreed && agreed_at.is_none() {
        return Err(StoreError::Invalid("確定には日時が必要です".into()));
    }
    tx.execute(
        "UPDATE email_consultations SET state = ?2, agreed_at = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, to.code(), agreed_at.map(|a| a.format("%Y-%m-%dT%H:%M").to_string()), now_text()],
    )?;
    let after = read(tx, id)?;
    audit(tx, actor, "email_consultation.state", "email_consultation", id, Some(&before), Some(&after))?;
    Ok(after)
}

/// Records a request (調整中) inside a transaction of the caller's: the desk's form and a
/// request accepted from the mail (`intake`) both come here.
pub(super) fn request_in(
    tx: &Transaction<'_>,
    actor: &str,
    member_id: MemberId,
    requested_on: NaiveDate,
    notes: &str,
) -> Result<EmailConsultation> {
    let schedule = super::schedule::load_schedule(tx)?;
    let service = schedule
        .services
        .iter()
        .find(|s| s.kind == ServiceKind::EmailConsultation)
        .ok_or_else(|| StoreError::NotFound("メール相談のサービス".into()))?;
    let now = now_text();
    tx.execute(
        "INSERT INTO email_consultations (member_id, service_id, requested_on, state, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'arranging', ?4, ?5, ?5)",
        params![member_id, service.id, date_text(requested_on), notes.trim(), now],
    )?;
    let saved = read(tx, tx.last_insert_rowid())?;
    audit(
        tx,
        actor,
        "email_consultation.add",
        "email_consultation",
        saved.id,
        None::<&EmailConsultation>,
        Some(&saved),
    )?;
    Ok(saved)
}

impl Store {
    /// Records a member's request for the doctor's email consultation (調整中).
    pub fn request_email_consultation(
        &mut self,
        member_id: MemberId,
        requested_on: NaiveDate,
        notes: &str,
    ) -> Result<EmailConsultation> {
        self.write(|tx, actor| request_in(tx, actor, member_id, requested_on, notes))
    }

    /// Fixes the date and time agreed with the member (確定).
    pub fn agree_email_consultation(&mut self, id: i64, at: NaiveDateTime) -> Result<EmailConsultation> {
        self.write(|tx, actor| change(tx, actor, id, EmailConsultationState::Agreed, Some(at)))
    }

    /// Moves a request on: done (済), withdrawn, or back to arranging.
    pub fn set_email_consultation_state(&mut self, id: i64, to: EmailConsultationState) -> Result<EmailConsultation> {
        self.write(|tx, actor| change(tx, actor, id, to, None))
    }

    /// Requests still open (調整中 or 確定), the agreed ones in time order first.
    pub fn open_email_consultations(&self) -> Result<Vec<EmailConsultationLine>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.id, e.member_id, e.service_id, e.requested_on, e.agreed_at, e.state, e.notes, m.number, m.name
             FROM email_consultations e JOIN members m ON m.id = e.member_id
             WHERE e.state IN ('arranging', 'agreed')
             ORDER BY e.agreed_at IS NULL, e.agreed_at, e.requested_on",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(EmailConsultationLine { consultation: row(r)?, member_number: r.get(7)?, member_name: r.get(8)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
