//! `madoguchi staff`: the people at the desk, their roles and PINs.

use std::io::Read as _;

use crate::cli::args::StaffCommand;
use crate::cli::tsv_line;
use crate::store::Store;

pub fn run(action: &StaffCommand, store: &mut Store) -> anyhow::Result<String> {
    match action {
        StaffCommand::List => {
            let mut out = String::new();
            for staff in store.desk_staff()? {
                let pin = if staff.has_pin { "PINあり" } else { "PINなし" };
                out.push_str(&tsv_line(&[&staff.name, &staff.role.label(), &pin]));
            }
            Ok(out)
        }
        StaffCommand::Add { name, role } => {
            store.add_staff(name, *role)?;
            Ok(format!("{}を{}として登録しました\n", name.trim(), role.label()))
        }
        StaffCommand::SetPin { name } => {
            let staff =
                store.staff_by_name(name)?.ok_or_else(|| anyhow::anyhow!("職員「{name}」は登録されていません"))?;
            let mut pin = String::new();
            std::io::stdin().read_to_string(&mut pin).map_err(|e| anyhow::anyhow!("PINを読めません: {e}"))?;
            store.set_staff_pin(staff.id, Some(pin.trim()))?;
            Ok(format!("{}さんのPINを設定しました\n", staff.name))
        }
    }
}
