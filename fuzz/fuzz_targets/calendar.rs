//! Any text as a year of holiday data, and any count of working days: a deadline or an
//! error, never a panic, and never a deadline before its start.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pubdata_policy::Calendar;

fuzz_target!(|data: &[u8]| {
    let (head, rest) = data.split_at(data.len().min(4));
    let mut n = [0u8; 4];
    n[..head.len()].copy_from_slice(head);
    let days = u32::from_le_bytes(n) % 400;
    let Ok(text) = std::str::from_utf8(rest) else { return };
    if let Ok(calendar) = Calendar::from_files([("fuzz.json", text)]) {
        for start in calendar.years().filter_map(|y| chrono::NaiveDate::from_ymd_opt(y, 1, 1)) {
            let deadline = calendar.add_working_days(start, days);
            assert!(deadline.due >= start);
        }
    }
});
