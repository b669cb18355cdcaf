//! Booking, cancelling and listing the day's bookings from the command line. A change
//! writes its notice to the outbox folder at once when no mail server is set.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::cli::args::BookArgs;
use crate::cli::{mail, services};
use crate::domain::booking::{BookingRequest, Refusal};
use crate::domain::time::{Interval, month_day_weekday};
use crate::store::{Store, StoreError, WhenFull};

/// `madoguchi book`: prints the new booking's id; when full, says why, which starts are
/// still free (for a consultation) and how to join the waitlist.
pub fn book(args: &BookArgs, store: &mut Store) -> anyhow::Result<String> {
    let BookArgs { member, service, date, start, minutes, join, leave, channel, theme, waitlist, late } = args;
    let schedule = store.schedule()?;
    let service = services::find(&schedule, service)?;
    let member =
        store.member_by_number(member)?.ok_or_else(|| anyhow::anyhow!("会員番号 {member} の会員はいません"))?;
    let hours = match (start, minutes, join, leave) {
        (Some(start), Some(minutes), None, None) => start.plus(*minutes).and_then(|end| Interval::new(*start, end)),
        (None, None, Some(join), Some(leave)) => Interval::new(*join, *leave),
        _ => {
            anyhow::bail!("時間は --start と --minutes（個別相談）か、--join と --leave（グループ）で指定してください")
        }
    }
    .ok_or_else(|| anyhow::anyhow!("終わりの時刻が始まりより後になるように指定してください"))?;
    let request = BookingRequest {
        member_id: member.id,
        service_id: service.id,
        date: *date,
        hours,
        channel: *channel,
        theme: theme.clone(),
        notes: String::new(),
        late_record: *late,
    };
    let when_full = if *waitlist { WhenFull::Waitlist } else { WhenFull::Refuse };
    match store.book(&request, when_full) {
        Ok(booking) => {
            mail::write_files_now(store);
            if let Some(position) = booking.waitlist_position {
                eprintln!("キャンセル待ち {position} 番で登録しました");
            }
            Ok(format!("{}\n", booking.id))
        }
        Err(StoreError::Refused(refusal @ (Refusal::SlotTaken { .. } | Refusal::Full { .. }))) => {
            let mut message = refusal.to_string();
            let free = store.alternatives(&request, &refusal)?;
            if !free.is_empty() {
                let starts: Vec<String> = free.iter().map(ToString::to_string).collect();
                let _ = write!(message, "\n空いている開始時刻: {}", starts.join("、"));
            }
            message.push_str("\n--waitlist を付けるとキャンセル待ちに登録できます");
            Err(anyhow::anyhow!(message))
        }
        Err(StoreError::Refused(refusal @ Refusal::PastDate { .. })) => {
            Err(anyhow::anyhow!("{refusal}\n後から記録として入力するときは --late を付けてください"))
        }
        Err(other) => Err(other.into()),
    }
}

/// `madoguchi cancel`.
pub fn cancel(store: &mut Store, id: i64, reason: &str) -> anyhow::Result<String> {
    let booking = store.cancel(id, reason)?;
    mail::write_files_now(store);
    Ok(format!("予約 {} をキャンセルしました（{}）\n", booking.id, month_day_weekday(booking.date)))
}

/// `madoguchi bookings`: the day's bookings, one tab-separated line each.
pub fn list(store: &Store, date: NaiveDate) -> anyhow::Result<String> {
    let mut out = String::new();
    for line in store.day_bookings(date)? {
        out.push_str(&super::tsv_line(&[
            &line.id,
            &line.state.label(),
            &line.hours,
            &line.service_name,
            &line.member.number,
            &line.member.name,
        ]));
    }
    Ok(out)
}
