//! Kazakhstan's working-day calendar, for counting the days a seller has before a deadline.
//!
//! Days off are Saturdays, Sundays and the public holidays of the Law "On holidays in the
//! Republic of Kazakhstan": 1–2 January, 7 January (Orthodox Christmas), 8 March, 21–23 March
//! (Nauryz), 1 May, 7 May, 9 May, 6 July, 30 August, 25 October, 16 December, and the first day
//! of Kurban ait. When a secular holiday falls on a Saturday or Sunday, the next working day is
//! off (Labour Code, art. 85); religious holidays (7 January, Kurban ait) are not moved.
//! The government also moves single days by yearly decree; those are not modelled, so a count
//! may be off by a day in such a week, and Seller Desk always shows calendar days beside it.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The first day of Kurban ait, set each year by the Spiritual Administration of Muslims of
/// Kazakhstan. Years outside this table count Kurban ait as a working day.
const KURBAN_AIT: [(i32, u32, u32); 3] = [(2024, 6, 16), (2025, 6, 6), (2026, 5, 27)];

/// Secular public holidays (month, day), moved to the next working day when on a weekend.
const SECULAR: [(u32, u32); 13] =
    [(1, 1), (1, 2), (3, 8), (3, 21), (3, 22), (3, 23), (5, 1), (5, 7), (5, 9), (7, 6), (8, 30), (10, 25), (12, 16)];

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

fn is_holiday(day: NaiveDate) -> bool {
    let (m, d) = (day.month(), day.day());
    if SECULAR.contains(&(m, d)) || (m, d) == (1, 7) {
        return true;
    }
    KURBAN_AIT.contains(&(day.year(), m, d))
}

/// Days off that a weekend holiday pushes onto the following working days of its year.
fn transferred_days_off(year: i32) -> Vec<NaiveDate> {
    let mut moved = Vec::new();
    for (m, d) in SECULAR {
        let Some(day) = NaiveDate::from_ymd_opt(year, m, d) else { continue };
        if !is_weekend(day) {
            continue;
        }
        // The next day that is neither a weekend, a holiday, nor already taken by a transfer.
        let mut next = day;
        loop {
            next = match next.checked_add_days(Days::new(1)) {
                Some(n) => n,
                None => break,
            };
            if !is_weekend(next) && !is_holiday(next) && !moved.contains(&next) {
                moved.push(next);
                break;
            }
        }
    }
    moved
}

pub fn is_working_day(day: NaiveDate) -> bool {
    if is_weekend(day) || is_holiday(day) {
        return false;
    }
    // Transfers never cross a year: the latest holiday, 16 December, moves at most to the 18th.
    !transferred_days_off(day.year()).contains(&day)
}

/// Working days in `[from, until)`: today counts while it is a working day, the deadline day
/// itself does not (by then it is too late to act).
pub fn working_days_between(from: NaiveDate, until: NaiveDate) -> u32 {
    let mut count = 0;
    let mut day = from;
    while day < until {
        if is_working_day(day) {
            count += 1;
        }
        day = match day.succ_opt() {
            Some(d) => d,
            None => break,
        };
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn days() {
        let cases = [
            ("2026-11-25", true),  // a Wednesday
            ("2026-11-28", false), // Saturday
            ("2026-11-29", false), // Sunday
            ("2026-12-16", false), // Independence Day, a Wednesday
            ("2026-01-01", false),
            ("2026-01-07", false), // Orthodox Christmas
            ("2026-03-23", false), // Nauryz, a Monday
            ("2026-05-27", false), // Kurban ait 2026
            ("2025-06-06", false), // Kurban ait 2025
            // 8 March 2026 is a Sunday: Monday 9 March is off instead.
            ("2026-03-09", false),
            // 21–22 March 2026 fall on Saturday and Sunday: after Nauryz's Monday the 23rd,
            // Tuesday 24 and Wednesday 25 are off.
            ("2026-03-24", false),
            ("2026-03-25", false),
            ("2026-03-26", true),
            // 30 August 2026 is a Sunday: Monday 31 August is off.
            ("2026-08-31", false),
            // 25 October 2026 is a Sunday: Monday 26 October is off.
            ("2026-10-26", false),
            ("2026-10-27", true),
        ];
        for (day, working) in cases {
            assert_eq!(is_working_day(d(day)), working, "{day}");
        }
    }

    #[test]
    fn counting() {
        // Wednesday 25 November 2026 to Wednesday 2 December: Wed, Thu, Fri, Mon, Tue.
        assert_eq!(working_days_between(d("2026-11-25"), d("2026-12-02")), 5);
        // From a Saturday to the Monday after: nothing to count.
        assert_eq!(working_days_between(d("2026-11-28"), d("2026-11-30")), 0);
        // 10 December to 20 December 2026: 10,11,14,15,17,18 (16 December is off).
        assert_eq!(working_days_between(d("2026-12-10"), d("2026-12-20")), 6);
        assert_eq!(working_days_between(d("2026-12-10"), d("2026-12-10")), 0);
        assert_eq!(working_days_between(d("2026-12-10"), d("2026-12-01")), 0);
    }
}
