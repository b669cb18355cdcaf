//! Who may do what at the desk (SPEC "Staff and roles"): the three roles, the actions
//! that need more than the receptionist's rights, and the one check every window and
//! command asks, [`Role::may`].
//!
//! The receptionist (受付) books and edits members; staff (スタッフ) also print the day's
//! list and enter attendance; the manager (管理者) also changes the schedule and settings,
//! the staff list, restores backups, imports and exports member data, approves texts sent
//! in the organisation's name, handles members' requests about their data and reads the
//! audit log.

/// A desk staff member's role. Ordered: each role may do all the one before it may.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Reception,
    Staff,
    Manager,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Reception, Role::Staff, Role::Manager];

    /// As stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Reception => "reception",
            Role::Staff => "staff",
            Role::Manager => "manager",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The desk's word for the role.
    pub fn label(self) -> &'static str {
        match self {
            Role::Reception => "受付",
            Role::Staff => "スタッフ",
            Role::Manager => "管理者",
        }
    }

    /// Reads a role as typed on the command line: its Japanese word or its code.
    pub fn parse(text: &str) -> Option<Role> {
        let text = text.trim();
        Role::ALL.into_iter().find(|r| r.label() == text || r.code() == text)
    }

    /// Whether someone with this role may do `action`.
    pub fn may(self, action: Action) -> bool {
        self >= action.needs()
    }
}

/// What needs a role above the receptionist's. Bookings and members need no more than
/// being at the desk, so they are [`Action::Book`] and [`Action::EditMembers`] for
/// completeness.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Book,
    EditMembers,
    /// Print or save the day's list.
    DayList,
    /// Enter attendance (出席 / 欠席).
    Attendance,
    /// The schedule, the organisation's details, the mail settings.
    Settings,
    /// Add staff, change their roles and PINs.
    ManageStaff,
    Restore,
    ImportMembers,
    /// A file of members' personal data leaving the program (a member's disclosure, …).
    ExportMemberData,
    /// Make a changed mail text the one that is sent.
    ApproveTemplates,
    /// A member's request to see, correct or delete their data.
    DataRequest,
    EraseMember,
    AuditLog,
}

impl Action {
    /// The least role that may do it.
    pub fn needs(self) -> Role {
        match self {
            Action::Book | Action::EditMembers => Role::Reception,
            Action::DayList | Action::Attendance => Role::Staff,
            Action::Settings
            | Action::ManageStaff
            | Action::Restore
            | Action::ImportMembers
            | Action::ExportMemberData
            | Action::ApproveTemplates
            | Action::DataRequest
            | Action::EraseMember
            | Action::AuditLog => Role::Manager,
        }
    }
}

/// Identifies a staff member.
pub type StaffId = i64;

/// A person who works at the desk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffMember {
    pub id: StaffId,
    pub name: String,
    pub role: Role,
    /// Whether a PIN is set (the PIN itself is only ever stored as a salted hash).
    pub has_pin: bool,
}

impl StaffMember {
    pub fn may(&self, action: Action) -> bool {
        self.role.may(action)
    }
}

/// A PIN: 4 to 8 digits (full-width digits as typed by a Japanese IME are accepted).
pub fn parse_pin(text: &str) -> Result<String, &'static str> {
    let digits: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err("PINは数字だけで入力してください");
    }
    if !(4..=8).contains(&digits.len()) {
        return Err("PINは4〜8桁の数字で入力してください");
    }
    Ok(digits)
}

/// A staff member's name: given, one line, at most 20 characters.
pub fn check_staff_name(name: &str) -> Result<String, String> {
    crate::domain::text::required_line(name, 20).map_err(|problem| problem.message("名前"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_may_what_the_one_before_may_and_more() {
        assert!(Role::Reception.may(Action::Book) && Role::Reception.may(Action::EditMembers));
        assert!(!Role::Reception.may(Action::DayList) && !Role::Reception.may(Action::Attendance));
        assert!(Role::Staff.may(Action::DayList) && Role::Staff.may(Action::Attendance));
        for action in
            [Action::Settings, Action::Restore, Action::ApproveTemplates, Action::EraseMember, Action::AuditLog]
        {
            assert!(!Role::Staff.may(action), "{action:?}");
            assert!(Role::Manager.may(action), "{action:?}");
        }
    }

    #[test]
    fn a_role_is_read_in_japanese_or_as_its_code() {
        assert_eq!(Role::parse("受付"), Some(Role::Reception));
        assert_eq!(Role::parse(" manager "), Some(Role::Manager));
        assert_eq!(Role::parse("店長"), None);
    }

    #[test]
    fn a_pin_is_four_to_eight_digits_typed_either_width() {
        assert_eq!(parse_pin("１２３４"), Ok("1234".into()));
        assert!(parse_pin("123").is_err());
        assert!(parse_pin("12a4").is_err());
        assert!(parse_pin("123456789").is_err());
    }
}
