//! The texts of messages as stored: the manager's template per service and kind of
//! message (or the program's default, `domain::templates`), and the values a message is
//! rendered with.

use rusqlite::{Connection, OptionalExtension, params};

use super::settings::{access_times_in, organisation_in};
use super::{Result, Store, StoreError, audit, bad_column, now_text};
use crate::domain::message::MessageKind;
use crate::domain::schedule::{ServiceId, ServiceKind};
use crate::domain::templates::{self, Template, Values};

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

    /// Saves the manager's template for a service, after checking its placeholders;
    /// `None` goes back to the program's default.
    pub fn set_mail_template(
        &mut self,
        service_id: ServiceId,
        kind: MessageKind,
        template: Option<&Template>,
    ) -> Result<()> {
        if kind == MessageKind::Test {
            return Err(StoreError::Invalid("テストメールの文面は変更できません".into()));
        }
        if let Some(template) = template {
            templates::check_template(template, kind).map_err(|e| StoreError::Invalid(e.to_string()))?;
        }
        self.write(|tx, actor| {
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
            let after = template.map(|t| format!("{}\n\n{}", t.subject, t.body));
            audit(tx, actor, "template.set", "service", service_id, None::<&String>, after.as_ref())
        })
    }
}
