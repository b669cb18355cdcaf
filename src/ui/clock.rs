//! What day it is, read every frame, so a window left open overnight moves on to the new
//! day. The real program reads the system clock; tests set a date and move it by hand.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

/// Where the window reads today's date from.
#[derive(Clone, Debug)]
pub enum Clock {
    /// The computer's local date.
    System,
    /// A date the tests hold and move (shared with clones of this clock).
    Fixed(Arc<Mutex<NaiveDate>>),
}

impl Clock {
    pub fn fixed(date: NaiveDate) -> Clock {
        Clock::Fixed(Arc::new(Mutex::new(date)))
    }

    pub fn today(&self) -> NaiveDate {
        match self {
            Clock::System => chrono::Local::now().date_naive(),
            Clock::Fixed(date) => *date.lock().unwrap_or_else(|poisoned| poisoned.into_inner()),
        }
    }

    /// Moves a fixed clock to `date` (every clone sees it); the system clock moves by itself.
    pub fn set(&self, date: NaiveDate) {
        if let Clock::Fixed(shared) = self {
            *shared.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = date;
        }
    }
}

/// A date stands for a clock fixed on it (tests open the window on a given day).
impl From<NaiveDate> for Clock {
    fn from(date: NaiveDate) -> Clock {
        Clock::fixed(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_moved_by_one_clone_moves_for_all() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
        let clock = Clock::fixed(day(29));
        let held = clock.clone();
        clock.set(day(30));
        assert_eq!(held.today(), day(30));
    }
}
