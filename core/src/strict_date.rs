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
pub fn parse(text: &str) -> Result<NaiveDate, String> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
    let field = |range: std::ops::Range<usize>| text.get(range).and_then(|t| t.parse::<u32>().ok());
    let parts = match shaped {
        true => field(0..4).zip(field(5..7)).zip(field(8..10)),
        false => None,
    };
    let Some(((year, month), day)) = parts else {
        return Err(format!("`{text}` is not a date, expected YYYY-MM-DD"));
    };
    let year = i32::try_from(year).unwrap_or(i32::MAX);
    let date = NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("`{text}` is not a date that exists, expected YYYY-MM-DD"))?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(format!("`{text}` is outside the dates the engine accepts, {MIN_YEAR}-01-01 to {MAX_YEAR}-12-31"));
    }
    Ok(date)
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
            assert!(parse(bad).is_err_and(|m| m.contains("YYYY-MM-DD")), "{bad}");
        }
        assert!(parse("2026-02-30").is_err_and(|m| m.contains("exists")));
        for out in ["9999-12-31", "0001-01-01", "1899-12-31", "3000-01-01"] {
            assert!(parse(out).is_err_and(|m| m.contains("1900-01-01 to 2999-12-31")), "{out}");
        }
    }
}
