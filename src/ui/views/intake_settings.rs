//! The mail window's receiving settings (「受信（メールの予約依頼）」): the organisation's
//! mailbox read for booking requests — server, port, protection, user name, the password
//! (to the OS keyring), the folder, a certificate file trusted for an in-house server, and
//! how long handled request mails are kept. A value refused is said beside its field and
//! everything typed stays; 「受信を試す」 tries what is typed, on a thread of its own.

use egui::{RichText, Ui};

use crate::mail::settings::{INTAKE_KEYS, MailSettings, RefusedValue, Security};
use crate::ui::command::Command;
use crate::ui::views::mail::MailCommand;
use crate::ui::widgets::text_field;
use crate::ui::{text, theme};

#[derive(Default)]
pub struct IntakeSettingsForm {
    /// (key, value) for each of [`INTAKE_KEYS`], as typed.
    fields: Vec<(String, String)>,
    /// Typed to be saved in the keyring; never shown again once saved.
    pub password: String,
    /// The value refused by the last save or try, said beside its field.
    pub refused: Option<RefusedValue>,
    /// The mailbox is being tried.
    pub trying: bool,
}

impl IntakeSettingsForm {
    /// Fills the form from what is in force.
    pub fn load(&mut self, settings: &MailSettings) {
        self.fields = INTAKE_KEYS.iter().map(|k| ((*k).to_owned(), settings.value_of(k).unwrap_or_default())).collect();
        self.refused = None;
    }

    /// The typed value of `key`.
    pub fn value(&self, key: &str) -> &str {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    /// Puts `value` in the field of `key` (a file chosen in a dialog).
    pub fn set_value(&mut self, key: &str, value: String) {
        if let Some((_, slot)) = self.fields.iter_mut().find(|(k, _)| k == key) {
            *slot = value;
        }
    }

    fn typed_password(&self) -> Option<String> {
        Some(self.password.clone()).filter(|p| !p.is_empty())
    }

    pub fn ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        ui.label(RichText::new(text::INTAKE_SETTINGS_HEADING).strong().size(theme::LARGE_TEXT_SIZE));
        ui.label(RichText::new(text::INTAKE_SETTINGS_EXPLAINED).size(theme::SMALL_TEXT_SIZE).color(theme::MUTED_TEXT));
        ui.add_space(4.0);
        let refused = self.refused.clone();
        let mut choose_file = false;
        egui::Grid::new("intake_settings").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
            let mut fields = std::mem::take(&mut self.fields);
            let old_security = fields.iter().find(|(k, _)| k == "imap.security").map(|(_, v)| v.clone());
            for (key, value) in fields.iter_mut() {
                let (name, hint) = match key.as_str() {
                    "imap.host" => (text::IMAP_HOST, text::IMAP_HOST_HINT),
                    "imap.port" => (text::IMAP_PORT, ""),
                    "imap.security" => (text::IMAP_SECURITY, ""),
                    "imap.user" => (text::IMAP_USER, ""),
                    "imap.mailbox" => (text::IMAP_MAILBOX, text::IMAP_MAILBOX_HINT),
                    "imap.ca_file" => (text::IMAP_CA_FILE, text::IMAP_CA_FILE_HINT),
                    "intake.keep_days" => (text::INTAKE_KEEP_DAYS, text::INTAKE_KEEP_DAYS_HINT),
                    other => (other, ""),
                };
                let label = ui.label(name);
                ui.vertical(|ui| {
                    match key.as_str() {
                        "imap.security" => {
                            ui.horizontal(|ui| {
                                ui.radio_value(value, "tls".to_owned(), text::IMAP_SECURITY_TLS);
                                ui.radio_value(value, "starttls".to_owned(), text::IMAP_SECURITY_STARTTLS);
                                ui.radio_value(value, "none".to_owned(), text::IMAP_SECURITY_NONE);
                            });
                        }
                        "imap.ca_file" => {
                            ui.horizontal(|ui| {
                                text_field::singleline(ui, value, |e| {
                                    e.hint_text(hint).desired_width(theme::SETTINGS_FIELD_WIDTH - 110.0)
                                })
                                .labelled_by(label.id);
                                choose_file = ui.button(text::IMAP_CA_FILE_CHOOSE).clicked();
                            });
                        }
                        _ => {
                            text_field::singleline(ui, value, |e| {
                                e.hint_text(hint).desired_width(theme::SETTINGS_FIELD_WIDTH)
                            })
                            .labelled_by(label.id);
                        }
                    }
                    if let Some(refused) = refused.as_ref().filter(|r| r.key == *key) {
                        ui.label(RichText::new(refused.error.to_string()).color(ui.visuals().error_fg_color));
                    }
                });
                ui.end_row();
                if key == "imap.user" {
                    let label = ui.label(text::IMAP_PASSWORD);
                    text_field::singleline(ui, &mut self.password, |e| {
                        e.password(true)
                            .hint_text(text::MAIL_SMTP_PASSWORD_HINT)
                            .desired_width(theme::SETTINGS_FIELD_WIDTH)
                    })
                    .labelled_by(label.id);
                    ui.end_row();
                }
            }
            follow_default_port(&mut fields, old_security.as_deref());
            self.fields = fields;
        });
        if choose_file {
            commands.push(Command::Mail(MailCommand::ChooseCaFile));
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button(RichText::new(text::INTAKE_SETTINGS_SAVE).strong()).clicked() {
                commands.push(Command::Mail(MailCommand::SaveIntakeSettings {
                    fields: self.fields.clone(),
                    password: self.typed_password(),
                }));
            }
            if ui.add_enabled(!self.trying, egui::Button::new(text::IMAP_TRY)).clicked() {
                commands.push(Command::Mail(MailCommand::TryImap {
                    fields: self.fields.clone(),
                    password: self.typed_password(),
                }));
            }
            if self.trying {
                ui.spinner();
                ui.label(text::IMAP_TRYING);
            }
        });
    }
}

/// When the protection changes and the port is the old protection's usual one, the port
/// becomes the new one's (993 for TLS, 143 otherwise): a port typed on purpose stays.
fn follow_default_port(fields: &mut [(String, String)], old_security: Option<&str>) {
    let security_of = |fields: &[(String, String)]| {
        fields.iter().find(|(k, _)| k == "imap.security").and_then(|(_, v)| Security::from_code(v))
    };
    let (Some(old), Some(new)) = (old_security.and_then(Security::from_code), security_of(fields)) else {
        return;
    };
    if old == new {
        return;
    }
    if let Some((_, port)) = fields.iter_mut().find(|(k, _)| k == "imap.port")
        && port.trim() == old.default_imap_port().to_string()
    {
        *port = new.default_imap_port().to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(port: &str, security: &str) -> Vec<(String, String)> {
        vec![("imap.port".to_owned(), port.to_owned()), ("imap.security".to_owned(), security.to_owned())]
    }

    #[test]
    fn the_usual_port_follows_the_protection_and_a_typed_one_stays() {
        let mut usual = fields("993", "starttls");
        follow_default_port(&mut usual, Some("tls"));
        assert_eq!(usual[0].1, "143");
        let mut typed = fields("10993", "starttls");
        follow_default_port(&mut typed, Some("tls"));
        assert_eq!(typed[0].1, "10993");
    }
}
