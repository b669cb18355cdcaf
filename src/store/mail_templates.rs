//! The texts of messages as stored: the manager's template per service and kind of
//! message (or the program's default, `domain::templates`), and the values a message is
//! rendered with.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::settings::{access_times_in, organisation_in};
use super::{Result, Store, StoreError, audit, bad_column, now_text};
use crate::domain::message::MessageKind;
use crate::domain::schedule::{ServiceId, ServiceKind};
use crate::domain::staff::{Action, Role};
use crate::domain::templates::{self, Template, Values};

/// What became of a changed template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateSaved {
    /// Sent from now on (a manager's change, or one approved).
    InUse,
    /// Waits for a manager's approval; the approved text is sent meanwhile.
    Draft,
}

/// A changed template waiting for a manager.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateDraft {
    pub service_id: ServiceId,
    pub kind: MessageKind,
    /// `None`: back to the program's default text.
    pub template: Option<Template>,
    pub drafted_by: String,
    pub drafted_at: String,
}

/// Writes the text that is sent (`None`: the program's default).
fn store_template(
    tx: &Transaction<'_>,
    service_id: ServiceId,
    kind: MessageKind,
    template: Option<&Template>,
) -> Result<()> {
    match template {
        Some(t) => tx.execute(
            "INSERT INTO mail_templates (service_id, kind, subject, body, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (service_id, kind) DO UPDATE SET subject = ?3, body = ?4, updated_at = ?5",
            params![service_id, kind.code(), t.subject.trim(), t.body, now_text()],
        )?,
        None => tx.execute(
            "DELETE FROM mail_templates WHERE service_id = ?1 AND kind = ?2",
            params![service_id, kind.code()],
        )?,
    };
    Ok(())
}

pub(super) fn organisation_values(conn: &Connection, values: &mut Values) -> Result<()> {
    let organisation = organisation_in(conn)?;
    values.insert(templates::ORGANISATION_PHONE, organisation.phone_display());
    values.insert(templates::ORGANISATION, organisation.name);
    values.insert(templates::ORGANISATION_EMAIL, organisation.email);
    values.insert(templates::DESK_HOURS, organisation.desk_hours);
    values.insert(templates::DEADLINE, access_times_in(conn)?.deadline.to_string());
    Ok(())
}

/// The template of `kind` for a service: the manager's, or the program's default.
pub(super) fn template_in(
    conn: &Connection,
    service_id: ServiceId,
    service_kind: ServiceKind,
    kind: MessageKind,
) -> Result<(Template, bool)> {
    let custom = conn
        .query_row(
            "SELECT subject, body FROM mail_templates WHERE service_id = ?1 AND kind = ?2",
            params![service_id, kind.code()],
            |r| Ok(Template { subject: r.get(0)?, body: r.get(1)? }),
        )
        .optional()?;
    Ok(match custom {
        // A template saved by an older version could use a placeholder this one lacks.
        Some(template) if templates::check_template(&template, kind).is_ok() => (template, true),
        _ => (templates::default_template(service_kind, kind), false),
    })
}

pub(super) fn render(template: &Template, values: &Values) -> (String, String) {
    // Checked templates always render; the fallback keeps a booking from failing on text.
    let subject = templates::render(&template.subject, values).unwrap_or_else(|_| template.subject.clone());
    let body = templates::render(&template.body, values).unwrap_or_else(|_| template.body.clone());
    (subject, body)
}

impl Store {
    /// The template of `kind` for a service, and whether it is the manager's own.
    pub fn mail_template(&self, service_id: ServiceId, kind: MessageKind) -> Result<(Template, bool)> {
        let kind_code: String =
            self.conn().query_row("SELECT kind FROM services WHERE id = ?1", [service_id], |r| r.get(0))?;
        let service_kind = ServiceKind::from_code(&kind_code).ok_or_else(|| bad_column("kind", &kind_code))?;
        template_in(self.conn(), service_id, service_kind, kind)
    }

    /// Saves a changed template for a service, after checking its placeholders; `None`
    /// goes back to the program's default. A manager's change is sent from now on; anyone
    /// else's waits as a draft until a manager approves it (the guideline: what goes out in
    /// the organisation's name is approved by the person responsible), and the approved
    /// text is sent meanwhile.
    pub fn set_mail_template(
        &mut self,
        service_id: ServiceId,
        kind: MessageKind,
        template: Option<&Template>,
    ) -> Result<TemplateSaved> {
        if !kind.is_templated() {
            return Err(StoreError::Invalid(format!("「{}」の文面は変更できません", kind.label())));
        }
        if let Some(template) = template {
            templates::check_template(template, kind).map_err(|e| StoreError::Invalid(e.to_string()))?;
        }
        let approves = self.actor_role.may(Action::ApproveTemplates);
        self.write(|tx, actor| {
            let after = template.map(|t| format!("{}\n\n{}", t.subject.trim(), t.body));
            if !approves {
                let (subject, body) = template.map(|t| (t.subject.trim(), t.body.as_str())).unwrap_or(("", ""));
                tx.execute(
                    "INSERT INTO mail_template_drafts (service_id, kind, subject, body, drafted_by, drafted_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (service_id, kind) DO UPDATE SET subject = ?3, body = ?4, drafted_by = ?5, drafted_at = ?6",
                    params![service_id, kind.code(), subject, body, actor, now_text()],
                )?;
                audit(tx, actor, "template.draft", "service", service_id, None::<&String>, after.as_ref())?;
                return Ok(TemplateSaved::Draft);
            }
            store_template(tx, service_id, kind, template)?;
            tx.execute(
                "DELETE FROM mail_template_drafts WHERE service_id = ?1 AND kind = ?2",
                params![service_id, kind.code()],
            )?;
            audit(tx, actor, "template.set", "service", service_id, None::<&String>, after.as_ref())?;
            Ok(TemplateSaved::InUse)
        })
    }

    /// The draft waiting for approval for a service and kind of message, if any.
    pub fn mail_template_draft(&self, service_id: ServiceId, kind: MessageKind) -> Result<Option<TemplateDraft>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT subject, body, drafted_by, drafted_at FROM mail_template_drafts
                 WHERE service_id = ?1 AND kind = ?2",
                params![service_id, kind.code()],
                |r| {
                    let (subject, body): (String, String) = (r.get(0)?, r.get(1)?);
                    let template = (!subject.is_empty()).then_some(Template { subject, body });
                    Ok(TemplateDraft { service_id, kind, template, drafted_by: r.get(2)?, drafted_at: r.get(3)? })
                },
            )
            .optional()?)
    }

    /// Every draft waiting for a manager, oldest first.
    pub fn mail_template_drafts(&self) -> Result<Vec<TemplateDraft>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT service_id, kind, subject, body, drafted_by, drafted_at FROM mail_template_drafts
             ORDER BY drafted_at",
        )?;
        let rows = stmt.query_map([], |r| {
            let kind: String = r.get(1)?;
            let (subject, body): (String, String) = (r.get(2)?, r.get(3)?);
            Ok(TemplateDraft {
                service_id: r.get(0)?,
                kind: MessageKind::from_code(&kind).ok_or_else(|| bad_column("kind", &kind))?,
                template: (!subject.is_empty()).then_some(Template { subject, body }),
                drafted_by: r.get(4)?,
                drafted_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A manager makes the draft the text that is sent (recorded, with whose draft it was).
    pub fn approve_mail_template(&mut self, service_id: ServiceId, kind: MessageKind) -> Result<()> {
        self.require(Role::Manager)?;
        let draft =
            self.mail_template_draft(service_id, kind)?.ok_or_else(|| StoreError::NotFound("承認を待つ文面".into()))?;
        if let Some(template) = &draft.template {
            templates::check_template(template, kind).map_err(|e| StoreError::Invalid(e.to_string()))?;
        }
        self.write(|tx, actor| {
            store_template(tx, service_id, kind, draft.template.as_ref())?;
            tx.execute(
                "DELETE FROM mail_template_drafts WHERE service_id = ?1 AND kind = ?2",
                params![service_id, kind.code()],
            )?;
            let after = draft.template.as_ref().map(|t| format!("{}\n\n{}", t.subject, t.body));
            let before = format!("{}さんの案（{}）", draft.drafted_by, draft.drafted_at);
            audit(tx, actor, "template.approve", "service", service_id, Some(&before), after.as_ref())
        })
    }

    /// A manager turns a draft down: the approved text stays.
    pub fn discard_mail_template_draft(&mut self, service_id: ServiceId, kind: MessageKind) -> Result<()> {
        self.require(Role::Manager)?;
        self.write(|tx, actor| {
            let removed = tx.execute(
                "DELETE FROM mail_template_drafts WHERE service_id = ?1 AND kind = ?2",
                params![service_id, kind.code()],
            )?;
            if removed == 0 {
                return Err(StoreError::NotFound("承認を待つ文面".into()));
            }
            audit(tx, actor, "template.reject", "service", service_id, None::<&String>, None::<&String>)
        })
    }
}
