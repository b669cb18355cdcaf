//! The services as the command line names them: the list with their short codes, and
//! finding one by its code for the commands that take `--service`.

use crate::domain::schedule::{Schedule, Service};
use crate::domain::time::weekday_kanji;
use crate::store::Store;

/// The service with this short code, or a message that says where to look the codes up.
pub fn find<'a>(schedule: &'a Schedule, code: &str) -> anyhow::Result<&'a Service> {
    schedule
        .service_by_code(code)
        .ok_or_else(|| anyhow::anyhow!("サービス「{code}」はありません（madoguchi services で確認できます）"))
}

/// `madoguchi services`: one line per service with its code, kind, staff, state and hours.
pub fn list(store: &Store) -> anyhow::Result<String> {
    let schedule = store.schedule()?;
    let mut out = String::new();
    for service in &schedule.services {
        let windows: Vec<String> = schedule
            .windows
            .iter()
            .filter(|w| w.service_id == service.id)
            .map(|w| format!("{}曜 {}", weekday_kanji(w.weekday), w.hours))
            .collect();
        let staff = if service.staff.is_empty() { "—" } else { &service.staff };
        let windows = if windows.is_empty() { "日程は個別".to_owned() } else { windows.join("、") };
        out.push_str(&super::tsv_line(&[
            &service.code,
            &service.name,
            &service.kind.label(),
            &staff,
            &service.status.label(),
            &windows,
        ]));
    }
    Ok(out)
}
