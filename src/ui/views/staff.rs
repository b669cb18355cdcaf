//! Who is at the desk: the switch (F2, then the person's number: two keys, and their PIN
//! when they have one), the PIN asked when someone without the role asks for a manager's
//! action, and the manager's list of staff with their roles and PINs.

use egui::{Key, RichText, TextEdit, Ui};

use crate::domain::staff::{Action, Role, StaffId, StaffMember};
use crate::ui::command::Command;
use crate::ui::notice::Notice;
use crate::ui::windows::{DeskContext, DeskWindow, Placement};
use crate::ui::{text, theme};

/// What the staff windows ask of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StaffCommand {
    /// This person comes to the desk (with their PIN, if they have one).
    SwitchTo(StaffId, String),
    /// A person with the role vouches for the waiting action with their PIN.
    Authorize(StaffId, String),
    /// The PIN window was closed: the waiting action is dropped.
    CancelAuthorize,
    /// Hand the desk back from the manager who stood in.
    EndStandIn,
    Add(String, Role),
    Update {
        id: StaffId,
        name: String,
        role: Role,
        active: bool,
    },
    SetPin(StaffId, String),
}

/// F2's window: everyone at work, numbered; a number key picks.
pub struct SwitchStaffWindow {
    pub staff: Vec<StaffMember>,
    pub at_desk: StaffId,
    /// The person picked who has a PIN, and the PIN being typed.
    chosen: Option<StaffId>,
    pin: String,
    focus_pin: bool,
    pub notice: Option<Notice>,
}

impl SwitchStaffWindow {
    pub fn new(staff: Vec<StaffMember>, at_desk: StaffId) -> SwitchStaffWindow {
        SwitchStaffWindow { staff, at_desk, chosen: None, pin: String::new(), focus_pin: false, notice: None }
    }

    /// A wrong PIN: the field is emptied and asks again.
    pub fn wrong_pin(&mut self) {
        self.pin.clear();
        self.focus_pin = true;
        self.notice = Some(Notice::refused(text::PIN_WRONG));
    }

    fn pick(&mut self, staff: &StaffMember, commands: &mut Vec<Command>) {
        if staff.has_pin {
            self.chosen = Some(staff.id);
            self.pin.clear();
            self.focus_pin = true;
            self.notice = None;
        } else {
            commands.push(Command::Staff(StaffCommand::SwitchTo(staff.id, String::new())));
        }
    }
}

const NUMBER_KEYS: [Key; 9] =
    [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6, Key::Num7, Key::Num8, Key::Num9];

impl DeskWindow for SwitchStaffWindow {
    fn title(&self) -> &str {
        text::SWITCH_STAFF_TITLE
    }

    fn placement(&self) -> Placement {
        Placement::at(420.0, 120.0).width(320.0)
    }

    fn show(&mut self, ui: &mut Ui, _desk: &DeskContext, commands: &mut Vec<Command>) {
        ui.label(RichText::new(text::SWITCH_STAFF_HELP).size(theme::SMALL_TEXT_SIZE).color(theme::MUTED_TEXT));
        // The second key: a number picks, unless the PIN is being typed.
        if self.chosen.is_none() {
            let pressed =
                NUMBER_KEYS.iter().position(|key| ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, *key)));
            if let Some(staff) = pressed.and_then(|index| self.staff.get(index)).cloned() {
                self.pick(&staff, commands);
            }
        }
        for (index, staff) in self.staff.clone().iter().enumerate() {
            let here = if staff.id == self.at_desk { text::AT_DESK_NOW } else { "" };
            let label = text::staff_choice(index + 1, &staff.name, staff.role.label(), staff.has_pin, here);
            if ui.selectable_label(self.chosen == Some(staff.id), label).clicked() {
                self.pick(staff, commands);
            }
        }
        if let Some(id) = self.chosen {
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label(text::PIN_LABEL);
                let field = ui
                    .add(TextEdit::singleline(&mut self.pin).password(true).desired_width(100.0))
                    .labelled_by(label.id);
                if std::mem::take(&mut self.focus_pin) {
                    field.request_focus();
                }
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if ui.button(text::SWITCH_STAFF_CONFIRM).clicked() || entered {
                    commands.push(Command::Staff(StaffCommand::SwitchTo(id, std::mem::take(&mut self.pin))));
                }
            });
        }
        if let Some(notice) = &self.notice {
            notice.show(ui);
        }
    }
}

/// Asked when the person at the desk lacks the role for an action: someone who has it
/// types their PIN, and the action is done — and recorded — as theirs.
pub struct PinCheckWindow {
    pub action: Action,
    /// Who may vouch: people with the role and a PIN.
    pub candidates: Vec<StaffMember>,
    chosen: Option<StaffId>,
    pin: String,
    focus_pin: bool,
    pub notice: Option<Notice>,
}

impl PinCheckWindow {
    pub fn new(action: Action, candidates: Vec<StaffMember>) -> PinCheckWindow {
        let chosen = candidates.first().map(|s| s.id);
        PinCheckWindow { action, candidates, chosen, pin: String::new(), focus_pin: true, notice: None }
    }

    pub fn wrong_pin(&mut self) {
        self.pin.clear();
        self.focus_pin = true;
        self.notice = Some(Notice::refused(text::PIN_WRONG));
    }
}

impl DeskWindow for PinCheckWindow {
    fn title(&self) -> &str {
        text::PIN_CHECK_TITLE
    }

    fn placement(&self) -> Placement {
        Placement::at(420.0, 160.0).width(360.0)
    }

    fn show(&mut self, ui: &mut Ui, _desk: &DeskContext, commands: &mut Vec<Command>) {
        let role = self.action.needs().label();
        ui.label(text::needs_role(role));
        if self.candidates.is_empty() {
            ui.label(RichText::new(text::no_pin_for_role(role)).color(theme::WARNING_TEXT));
            return;
        }
        if self.candidates.len() > 1 {
            let name = self.candidates.iter().find(|s| Some(s.id) == self.chosen).map(|s| s.name.clone());
            egui::ComboBox::from_label(text::PIN_WHO).selected_text(name.unwrap_or_default()).show_ui(ui, |ui| {
                for staff in &self.candidates {
                    ui.selectable_value(&mut self.chosen, Some(staff.id), &staff.name);
                }
            });
        } else if let Some(staff) = self.candidates.first() {
            ui.label(format!("{}（{}）", staff.name, staff.role.label()));
        }
        ui.horizontal(|ui| {
            let label = ui.label(text::PIN_LABEL);
            let field =
                ui.add(TextEdit::singleline(&mut self.pin).password(true).desired_width(100.0)).labelled_by(label.id);
            if std::mem::take(&mut self.focus_pin) {
                field.request_focus();
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if (ui.button(text::PIN_CHECK_CONFIRM).clicked() || entered)
                && let Some(id) = self.chosen
            {
                commands.push(Command::Staff(StaffCommand::Authorize(id, std::mem::take(&mut self.pin))));
            }
        });
        if let Some(notice) = &self.notice {
            notice.show(ui);
        }
    }
}

/// One person's row being edited in the staff window.
#[derive(Clone, Debug)]
struct StaffRow {
    id: StaffId,
    name: String,
    role: Role,
    active: bool,
    has_pin: bool,
    pin: String,
}

/// The manager's list of staff: names, roles, PINs; add someone; retire someone.
pub struct StaffWindow {
    rows: Vec<StaffRow>,
    new_name: String,
    new_role: Role,
    /// A message beside the row it is about (`None`: the new person's line).
    pub notice: Option<(Option<StaffId>, Notice)>,
}

impl StaffWindow {
    pub fn new(staff: Vec<StaffMember>) -> StaffWindow {
        let mut window =
            StaffWindow { rows: Vec::new(), new_name: String::new(), new_role: Role::Reception, notice: None };
        window.set_staff(staff);
        window
    }

    /// The list as read again after a change.
    pub fn set_staff(&mut self, staff: Vec<StaffMember>) {
        self.rows = staff
            .into_iter()
            .map(|s| StaffRow {
                id: s.id,
                name: s.name,
                role: s.role,
                active: true,
                has_pin: s.has_pin,
                pin: String::new(),
            })
            .collect();
    }

    pub fn added(&mut self) {
        self.new_name.clear();
    }
}

impl DeskWindow for StaffWindow {
    fn title(&self) -> &str {
        text::STAFF_TITLE
    }

    fn placement(&self) -> Placement {
        Placement::at(300.0, 100.0).width(620.0)
    }

    fn show(&mut self, ui: &mut Ui, _desk: &DeskContext, commands: &mut Vec<Command>) {
        ui.label(RichText::new(text::STAFF_HELP).size(theme::SMALL_TEXT_SIZE).color(theme::MUTED_TEXT));
        let notice_for = |id: Option<StaffId>, notice: &Option<(Option<StaffId>, Notice)>, ui: &mut Ui| {
            if let Some((at, notice)) = notice
                && *at == id
            {
                notice.show(ui);
            }
        };
        egui::Grid::new("staff_rows").num_columns(5).spacing([8.0, 6.0]).show(ui, |ui| {
            // The header holds the column as wide as the name fields under it: a grid cell
            // offers only the column's width so far, and 「名前」 alone would cut them.
            let name_header = ui
                .horizontal(|ui| {
                    ui.set_min_width(theme::STAFF_NAME_WIDTH);
                    ui.strong(text::STAFF_NAME)
                })
                .inner;
            let role_header = ui.strong(text::STAFF_ROLE);
            ui.end_row();
            for row in &mut self.rows {
                ui.push_id(row.id, |ui| {
                    ui.add(TextEdit::singleline(&mut row.name).desired_width(theme::STAFF_NAME_WIDTH))
                        .labelled_by(name_header.id);
                });
                egui::ComboBox::from_id_salt(("role", row.id))
                    .selected_text(row.role.label())
                    .show_ui(ui, |ui| {
                        for role in Role::ALL {
                            ui.selectable_value(&mut row.role, role, role.label());
                        }
                    })
                    .response
                    .labelled_by(role_header.id);
                ui.checkbox(&mut row.active, text::STAFF_ACTIVE);
                if ui.button(text::STAFF_SAVE).clicked() {
                    commands.push(Command::Staff(StaffCommand::Update {
                        id: row.id,
                        name: row.name.clone(),
                        role: row.role,
                        active: row.active,
                    }));
                }
                ui.horizontal(|ui| {
                    let pin_state = if row.has_pin { text::PIN_SET } else { text::PIN_NOT_SET };
                    ui.label(RichText::new(pin_state).size(theme::SMALL_TEXT_SIZE));
                    let label = ui.label(text::staff_pin_label(&row.name));
                    ui.add(TextEdit::singleline(&mut row.pin).password(true).desired_width(80.0)).labelled_by(label.id);
                    if ui.button(text::PIN_SAVE).clicked() {
                        commands.push(Command::Staff(StaffCommand::SetPin(row.id, std::mem::take(&mut row.pin))));
                    }
                });
                ui.end_row();
            }
        });
        for row in &self.rows {
            if let Some((Some(id), notice)) = &self.notice
                && *id == row.id
            {
                ui.label(format!("{}:", row.name));
                notice.show(ui);
            }
        }
        ui.separator();
        ui.horizontal(|ui| {
            let label = ui.label(text::STAFF_NEW_NAME);
            ui.add(TextEdit::singleline(&mut self.new_name).desired_width(120.0)).labelled_by(label.id);
            egui::ComboBox::from_label(text::STAFF_ROLE).selected_text(self.new_role.label()).show_ui(ui, |ui| {
                for role in Role::ALL {
                    ui.selectable_value(&mut self.new_role, role, role.label());
                }
            });
            if ui.button(text::STAFF_ADD).clicked() {
                commands.push(Command::Staff(StaffCommand::Add(self.new_name.clone(), self.new_role)));
            }
        });
        notice_for(None, &self.notice, ui);
    }
}
