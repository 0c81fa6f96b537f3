//! Time as sn-handoff shows it; the clock and the calendar are the ServiceNow client's
//! (its HAR recording and token cache need them too).

pub use sn_handoff_servicenow::time::{civil_date, unix_now};

/// `2026-11-30 20:41:07 UTC` for seconds since the Unix epoch.
pub fn describe_time(secs: u64) -> String {
    let (year, month, day) = civil_date(secs);
    let rest = secs % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}
