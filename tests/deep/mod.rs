//! Beyond the guide: `check --deep` (each deep step's pass, fail and fix, on instances broken
//! in each way), `set-webhook` on Virtual Agent API 4.1+, and `smoke-test` (a hand-off end to
//! end, its timeout, and that nothing it created is left, on success or failure). What the
//! commands leave behind is read from the simulator's tables.

mod checks;
mod doctor;
pub(crate) mod smoke;
mod why;

use crate::common::*;

/// The Kore.ai webhook URL the `configured` scenario holds.
pub const CONFIGURED: &str = sn_handoff::sim::CONFIGURED_WEBHOOK_URL;
/// The email of abel.tuter, the requester the deep checks are run for.
pub const REQUESTER: &str = "abel.tuter@example.com";
/// A new webhook URL.
pub const NEW_URL: &str =
    "https://bots.kore.ai/chatbot/v2/webhook/st-99999999-2222-4333-8444-555555555555";

/// A configured instance broken in the given ways.
pub fn broken(faults: &[Fault]) -> Sim {
    Sim::with(SimOptions {
        scenario: Scenario::Configured,
        faults: faults.to_vec(),
        ..SimOptions::default()
    })
}

/// A configured instance with Virtual Agent API 4.1.2 (replies through the Bot Connection).
pub fn va_4_1(faults: &[Fault]) -> Sim {
    Sim::with(SimOptions {
        scenario: Scenario::Configured,
        va_api_version: Some("4.1.2".into()),
        faults: faults.to_vec(),
        ..SimOptions::default()
    })
}

pub use crate::repairs::{cmd, successful_writes, value_of};
