//! Dates as requests write them: exactly `YYYY-MM-DD`, a day that exists, within the
//! range the engine can count deadlines in.

use chrono::NaiveDate;

/// The earliest year a date field may name.
pub const MIN_YEAR: i32 = 1900;
/// The latest year a date field may name: deadlines counted from it (at most
/// [`crate::MAX_WORKING_DAYS`] working days, or the next year's review rounds) stay
/// within the four-digit years Cedar's `datetime` reads.
pub const MAX_YEAR: i32 = 2999;

/// Reads `text` as a date, or says why it is none.
pub fn parse(text: &str) -> Result<NaiveDate, crate::ErrorMessage> {
    use crate::error::text;
    let Some((year, month, day)) = fields(text, true) else {
        return Err(text!(("`{text}` 不是日期，应为 YYYY-MM-DD"), ("`{text}` is not a date, expected YYYY-MM-DD")));
    };
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        text!(("`{text}` 不是存在的日期，应为 YYYY-MM-DD"), ("`{text}` is not a date that exists, expected YYYY-MM-DD"))
    })?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(text!(
            ("`{text}` 超出引擎接受的日期范围 {MIN_YEAR}-01-01 至 {MAX_YEAR}-12-31"),
            ("`{text}` is outside the dates the engine accepts, {MIN_YEAR}-01-01 to {MAX_YEAR}-12-31")
        ));
    }
    Ok(date)
}

/// The day `text` names as exactly `YYYY-MM-DD`, any four-digit year, or `None`. Read by
/// hand rather than by chrono's format strings: the forms module then carries none of
/// chrono's parser.
pub fn ymd(text: &str) -> Option<NaiveDate> {
    fields(text, true).and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

/// The day eight digits `YYYYMMDD` name (a citizen ID's birth date), or `None`.
pub fn compact_ymd(text: &str) -> Option<NaiveDate> {
    fields(text, false).and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

/// Year, month and day of `YYYY-MM-DD` (`dashed`) or `YYYYMMDD`: digits only, nothing else.
fn fields(text: &str, dashed: bool) -> Option<(i32, u32, u32)> {
    let bytes = text.as_bytes();
    let (len, month, day) = if dashed { (10, 5, 8) } else { (8, 4, 6) };
    let dash = |i: usize| dashed && (i == 4 || i == 7);
    let shaped = bytes.len() == len
        && bytes.iter().enumerate().all(|(i, b)| if dash(i) { *b == b'-' } else { b.is_ascii_digit() });
    if !shaped {
        return None;
    }
    let number = |from: usize, to: usize| {
        bytes.get(from..to).map_or(0, |digits| digits.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
    };
    // Four digits fit an i32.
    #[allow(clippy::cast_possible_wrap, reason = "at most 9999")]
    let year = number(0, 4) as i32;
    Some((year, number(month, month + 2), number(day, day + 2)))
}

/// Serde readers of dates in data files (`regulation.json`, `pack.json`) by [`ymd`].
pub mod de {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer};

    /// A date `YYYY-MM-DD`.
    pub fn day<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        read(&String::deserialize(d)?)
    }

    /// A date `YYYY-MM-DD` or `null`.
    pub fn optional_day<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<String>::deserialize(d)?.map(|text| read(&text)).transpose()
    }

    fn read<E: serde::de::Error>(text: &str) -> Result<NaiveDate, E> {
        super::ymd(text).ok_or_else(|| E::custom(format!("`{text}` is not a date YYYY-MM-DD")))
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn only_ten_character_dates_in_range_are_read() {
        assert_eq!(parse("2026-01-05").map(|d| d.to_string()), Ok("2026-01-05".into()));
        assert!(parse("1900-01-01").is_ok() && parse("2999-12-31").is_ok());
        for bad in
            ["2026-1-5", " 2026-01-05", "2026-01-05 ", "+10000-01-01", "-0001-01-01", "2026/01/05", "２０２６-01-05"]
        {
            assert!(parse(bad).is_err_and(|m| m.en.contains("YYYY-MM-DD")), "{bad}");
        }
        assert!(parse("2026-02-30").is_err_and(|m| m.en.contains("exists")));
        assert_eq!(super::ymd("1900-02-29"), None, "not a leap year");
        assert_eq!(super::ymd("2024-02-29").map(|d| d.to_string()), Some("2024-02-29".into()));
        assert_eq!(super::compact_ymd("19900230"), None);
        assert_eq!(super::compact_ymd("19900228").map(|d| d.to_string()), Some("1990-02-28".into()));
        for bad in ["1990-2-28", "1990228", "199002280", "1990022a", "+9900228"] {
            assert_eq!(super::compact_ymd(bad), None, "{bad}");
        }
        for out in ["9999-12-31", "0001-01-01", "1899-12-31", "3000-01-01"] {
            assert!(parse(out).is_err_and(|m| m.en.contains("1900-01-01 to 2999-12-31")), "{out}");
        }
    }
}
