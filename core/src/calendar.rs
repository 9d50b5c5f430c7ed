//! Working days by the State Council's yearly holiday notices, kept as data under
//! `policies/calendar/` (one file a year; adding a year adds a file).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;

use crate::error::Error;

/// The official calendar: which days are holidays and which weekend days are worked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    years: Vec<(i32, Year)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Year {
    days_off: Vec<NaiveDate>,
    make_up_days: Vec<NaiveDate>,
    /// Bit `i` set when the year's day `i` (from 0, January 1st) is a working day: made from
    /// the lists above when the year is read. A deadline counts day by day, and two searches
    /// of the lists for each day were a fifth of a registration's check.
    working: [u64; 6],
}

impl Year {
    /// Whether `day` is a working day by weekends and the lists: what `working` keeps.
    fn listed_working_day(&self, day: NaiveDate) -> bool {
        has(&self.make_up_days, day) || !(is_weekend(day) || has(&self.days_off, day))
    }

    /// The working days of `year` by weekends and the lists, as `working` keeps them.
    fn mark_working_days(&mut self, year: i32) {
        let days = (0..366).filter_map(|i| NaiveDate::from_yo_opt(year, i + 1).map(|d| (i, d)));
        for (i, day) in days {
            let working = self.listed_working_day(day);
            if let Some(word) = self.working.get_mut((i / 64) as usize) {
                *word |= u64::from(working) << (i % 64);
            }
        }
    }

    fn is_working_day(&self, day: NaiveDate) -> bool {
        let i = day.ordinal0();
        self.working.get((i / 64) as usize).is_some_and(|word| word >> (i % 64) & 1 == 1)
    }
}

/// The end of a period of working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// The last day.
    pub due: NaiveDate,
    /// `false` when a day counted lies in a year the calendar data does not cover,
    /// so that the count used weekends alone there.
    pub covered: bool,
}

/// One year's file, as the State Council announces it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct YearFile {
    year: i32,
    #[serde(default)]
    #[allow(dead_code, reason = "documents the notice the data comes from")]
    source: String,
    holidays: Vec<Holiday>,
    make_up_working_days: Vec<MakeUpDay>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Holiday {
    #[allow(dead_code, reason = "names the holiday for readers of the data")]
    name: String,
    #[serde(deserialize_with = "crate::strict_date::de::day")]
    from: NaiveDate,
    #[serde(deserialize_with = "crate::strict_date::de::day")]
    to: NaiveDate,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MakeUpDay {
    #[serde(deserialize_with = "crate::strict_date::de::day")]
    date: NaiveDate,
    #[serde(rename = "for")]
    #[allow(dead_code, reason = "names the holiday for readers of the data")]
    holiday: String,
}

// Sorted vectors rather than B-trees: a few dozen days a year, looked up by bisection, and
// in the forms module without a B-tree's code for each of their types.

/// Puts `item` into the sorted `items`, unless one equal to it is there.
fn insert<T: PartialOrd>(items: &mut Vec<T>, item: T) {
    let at = items.partition_point(|i| *i < item);
    if items.get(at) != Some(&item) {
        items.insert(at, item);
    }
}

fn has(days: &[NaiveDate], day: NaiveDate) -> bool {
    days.binary_search(&day).is_ok()
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Calendar {
    /// Reads the yearly files; `name` is used in error messages.
    pub fn from_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Calendar, Error> {
        let mut calendar = Calendar::default();
        for (name, text) in files {
            let file: YearFile = serde_json::from_str(text).map_err(|e| Error::policies(name, e))?;
            let bad = |m: String| Error::policies(name, m);
            if calendar.year(file.year).is_some() {
                return Err(bad(format!("year {} is given twice", file.year)));
            }
            let mut year = Year::default();
            for h in &file.holidays {
                if h.from > h.to || h.from.year() != file.year {
                    return Err(bad(format!("holiday {}…{} is not a range within {}", h.from, h.to, file.year)));
                }
                let mut d = h.from;
                while d <= h.to {
                    insert(&mut year.days_off, d);
                    d = d.checked_add_days(Days::new(1)).ok_or_else(|| bad("date overflow".into()))?;
                }
            }
            for m in &file.make_up_working_days {
                if m.date.year() != file.year || !is_weekend(m.date) {
                    return Err(bad(format!("make-up working day {} is not a weekend day of {}", m.date, file.year)));
                }
                insert(&mut year.make_up_days, m.date);
            }
            year.mark_working_days(file.year);
            let at = calendar.years.partition_point(|(y, _)| *y < file.year);
            calendar.years.insert(at, (file.year, year));
        }
        Ok(calendar)
    }

    /// The data of `year`, if it is covered.
    fn year(&self, year: i32) -> Option<&Year> {
        self.years.binary_search_by_key(&year, |(y, _)| *y).ok().and_then(|at| self.years.get(at)).map(|(_, y)| y)
    }

    /// The years the data covers.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().map(|(y, _)| *y)
    }

    /// Whether `day` is a working day, and whether the data covers its year.
    pub fn is_working_day(&self, day: NaiveDate) -> (bool, bool) {
        match self.year(day.year()) {
            Some(y) => (y.is_working_day(day), true),
            None => (!is_weekend(day), false),
        }
    }

    /// The `n`-th working day after `start` (the day of receipt is not counted).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Deadline {
        let (mut day, mut left, mut covered) = (start, n, true);
        while left > 0 {
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
            let (working, known) = self.is_working_day(day);
            covered &= known;
            if working {
                left -= 1;
            }
        }
        Deadline { due: day, covered }
    }

    /// The working days after `from` up to and including `to` (the first day is not
    /// counted, as a deadline does not count the day of receipt), negative when `to` is
    /// before `from`; and whether the calendar data covers every day counted. Counted by
    /// weeks and the year's listed days, so any span takes the same few steps.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> (i64, bool) {
        if to < from {
            let (n, covered) = self.working_days_between(to, from);
            return (-n, covered);
        }
        let span = (to - from).num_days();
        let mut count = span / 7 * 5;
        let mut day = from.checked_add_days(Days::new(u64::try_from(span / 7 * 7).unwrap_or(0))).unwrap_or(to);
        while let Some(next) = day.succ_opt().filter(|_| day < to) {
            day = next;
            if !is_weekend(day) {
                count += 1;
            }
        }
        let inside = |d: &&NaiveDate| from < **d && **d <= to;
        for year in self.years.iter().filter(|(y, _)| (from.year()..=to.year()).contains(y)).map(|(_, y)| y) {
            count += i64::try_from(year.make_up_days.iter().filter(inside).count()).unwrap_or(0);
            count -=
                i64::try_from(year.days_off.iter().filter(inside).filter(|d| !is_weekend(**d)).count()).unwrap_or(0);
        }
        let first = from.succ_opt().unwrap_or(from).year();
        let covered = span == 0 || (first..=to.year()).all(|y| self.year(y).is_some());
        (count, covered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn calendar() -> Calendar {
        Calendar::from_files(crate::embedded::CALENDAR.iter().copied()).unwrap()
    }

    #[test]
    fn national_day_2026_ends_on_the_make_up_saturday() {
        let d = calendar().add_working_days(day("2026-09-28"), 5);
        assert_eq!(d, Deadline { due: day("2026-10-10"), covered: true });
    }

    #[test]
    fn spring_festival_2026_is_skipped() {
        // 02-13 Fri; 02-14 Sat worked; 02-15…02-23 off; 02-24 Tue on.
        let c = calendar();
        assert_eq!(c.add_working_days(day("2026-02-13"), 1).due, day("2026-02-14"));
        assert_eq!(c.add_working_days(day("2026-02-13"), 2).due, day("2026-02-24"));
    }

    #[test]
    fn beyond_the_data_counts_weekends_only_and_says_so() {
        let d = calendar().add_working_days(day("2026-12-30"), 5);
        assert_eq!(d, Deadline { due: day("2027-01-06"), covered: false });
    }

    #[test]
    fn a_day_off_given_twice_is_one_day_off() {
        let year = |holidays: &str| {
            let text = format!(r#"{{"year":2030,"holidays":[{holidays}],"makeUpWorkingDays":[]}}"#);
            Calendar::from_files([("2030.json", text.as_str())]).unwrap()
        };
        let once = year(r#"{"name":"a","from":"2030-05-01","to":"2030-05-03"}"#);
        let twice = year(
            r#"{"name":"a","from":"2030-05-01","to":"2030-05-03"},{"name":"b","from":"2030-05-02","to":"2030-05-03"}"#,
        );
        assert_eq!(once, twice);
        // After Tuesday 2030-04-30, with the 1st to the 3rd off, the working days up to the
        // 7th are the 6th and the 7th (Monday, Tuesday).
        assert_eq!(twice.working_days_between(day("2030-04-30"), day("2030-05-07")), (2, true));
        assert_eq!(twice.add_working_days(day("2030-04-30"), 1).due, day("2030-05-06"));
    }

    #[test]
    fn every_day_of_a_covered_year_is_a_working_day_by_the_lists_and_weekends() {
        let c = calendar();
        assert!(c.years().count() >= 2);
        for (number, year) in &c.years {
            let mut day = NaiveDate::from_yo_opt(*number, 1).unwrap();
            let (mut working, mut off) = (0, 0);
            while day.year() == *number {
                let listed = year.listed_working_day(day);
                assert_eq!(c.is_working_day(day), (listed, true), "{day}");
                if listed {
                    working += 1
                } else {
                    off += 1
                }
                day = day.succ_opt().unwrap();
            }
            // A year of the State Council's notices has about 250 working days.
            assert!((240..=260).contains(&working) && working + off >= 365, "{number}: {working} working days");
        }
    }

    #[test]
    fn a_weekday_make_up_day_is_rejected() {
        let bad = r#"{"year":2026,"holidays":[],"makeUpWorkingDays":[{"date":"2026-01-05","for":"x"}]}"#;
        assert!(Calendar::from_files([("bad.json", bad)]).is_err());
    }

    #[test]
    fn working_days_between_counts_as_deadlines_do() {
        let c = calendar();
        // Every deadline the calendar gives is that many working days after its start.
        for (start, n) in
            [("2025-09-26", 3), ("2025-09-30", 20), ("2026-02-10", 10), ("2025-03-01", 30), ("2026-12-20", 15)]
        {
            let due = c.add_working_days(day(start), n);
            assert_eq!(c.working_days_between(day(start), due.due), (i64::from(n), due.covered), "{start} + {n}");
            assert_eq!(c.working_days_between(due.due, day(start)), (-i64::from(n), due.covered));
        }
        // The first day is not counted; a holiday or a weekend adds nothing.
        assert_eq!(c.working_days_between(day("2025-09-30"), day("2025-10-08")).0, 0);
        assert_eq!(c.working_days_between(day("2025-09-27"), day("2025-09-28")).0, 1, "a make-up Sunday counts");
        assert_eq!(c.working_days_between(day("2026-03-02"), day("2026-03-02")), (0, true));
    }
}
