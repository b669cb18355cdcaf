//! Bookings and cancellations survive a process killed at any moment: a few hundred
//! `madoguchi book` / `cancel` processes, several at a time, most killed (SIGKILL) after a
//! random few milliseconds. Afterwards the file passes SQLite's integrity check and every
//! change a process acknowledged (exit 0, the id printed) is there.

mod common;

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use madoguchi::domain::booking::BookingState;

/// Processes started in all; how many run at once.
const PROCESSES: usize = 240;
const AT_ONCE: usize = 4;

/// A small deterministic generator, so a failure can be run again the same way.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

enum Job {
    Book { member: u32 },
    Cancel { booking: i64 },
}

struct Running {
    job: Job,
    child: Child,
    kill_at: Option<Instant>,
}

fn start(db: &std::path::Path, job: &Job, date: &str) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_madoguchi"));
    command.arg("--db").arg(db).stdout(Stdio::piped()).stderr(Stdio::null());
    match job {
        Job::Book { member } => command.args([
            "book",
            "--member",
            &member.to_string(),
            "--service",
            "hokenshitsu",
            "--date",
            date,
            "--join",
            "13:00",
            "--leave",
            "14:00",
            "--waitlist",
        ]),
        Job::Cancel { booking } => command.args(["cancel", &booking.to_string(), "--reason", "体調不良"]),
    };
    command.spawn().expect("start madoguchi")
}

#[test]
fn every_acknowledged_booking_and_cancellation_survives_processes_killed_at_random() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = common::db_path(&dir);
    {
        let mut store = common::open(&db);
        common::add_members(&mut store, 1, PROCESSES as u32);
    }
    let date = common::coming_wednesday().format("%Y-%m-%d").to_string();
    let mut random = Lcg(20261122);
    let mut booked: BTreeMap<i64, u32> = BTreeMap::new();
    let mut cancelled: Vec<i64> = Vec::new();
    let mut next_member = 1u32;
    let mut started = 0usize;
    let mut killed = 0usize;
    let mut running: Vec<Running> = Vec::new();

    while started < PROCESSES || !running.is_empty() {
        while started < PROCESSES && running.len() < AT_ONCE {
            // A third of the jobs cancel a booking already acknowledged, when there is one.
            let candidates: Vec<i64> = booked.keys().filter(|id| !cancelled.contains(id)).copied().collect();
            let job = if !candidates.is_empty() && random.below(3) == 0 {
                Job::Cancel { booking: candidates[random.below(candidates.len() as u64) as usize] }
            } else {
                next_member += 1;
                Job::Book { member: next_member - 1 }
            };
            let child = start(&db, &job, &date);
            // Three in four are killed, somewhere in their first 150 ms (a booking takes about
            // 120 ms on this machine: start, open, write, print).
            let kill_at = (random.below(4) != 0).then(|| Instant::now() + Duration::from_millis(random.below(150)));
            running.push(Running { job, child, kill_at });
            started += 1;
        }
        let mut still = Vec::new();
        for mut process in running.drain(..) {
            if let Some(status) = process.child.try_wait().expect("wait") {
                let mut out = String::new();
                if let Some(mut stdout) = process.child.stdout.take() {
                    use std::io::Read;
                    let _ = stdout.read_to_string(&mut out);
                }
                if status.success() {
                    match process.job {
                        Job::Book { member } => {
                            let id: i64 = out.trim().parse().expect("an acknowledged booking prints its id");
                            booked.insert(id, member);
                        }
                        Job::Cancel { booking } => cancelled.push(booking),
                    }
                }
                continue;
            }
            if process.kill_at.is_some_and(|at| Instant::now() >= at) {
                let _ = process.child.kill();
                let _ = process.child.wait();
                killed += 1;
                continue;
            }
            still.push(process);
        }
        running = still;
        std::thread::sleep(Duration::from_millis(1));
    }

    // The file is whole, and holds every acknowledged change.
    let connection = rusqlite::Connection::open(&db).expect("open the file");
    let check: String = connection.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity check");
    assert_eq!(check, "ok");
    drop(connection);
    let store = common::open(&db);
    for (&id, &member) in &booked {
        let booking = store.booking(id).expect("an acknowledged booking is there");
        let number = store.member(booking.member_id).expect("member").number.clone();
        assert_eq!(number, member.to_string(), "booking {id} is the member's");
        if cancelled.contains(&id) {
            assert_eq!(booking.state, BookingState::Cancelled, "booking {id} was acknowledged as cancelled");
        }
    }
    eprintln!(
        "{started} processes, {killed} killed; {} bookings and {} cancellations acknowledged, all present",
        booked.len(),
        cancelled.len()
    );
    assert!(killed > PROCESSES / 2, "most processes were killed ({killed})");
    assert!(!booked.is_empty() && !cancelled.is_empty(), "some changes were acknowledged");
}
