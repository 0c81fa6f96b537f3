//! Beyond the guide: `check --deep` (each deep step's pass, fail and fix, on instances broken
//! in each way), `set-webhook` on Virtual Agent API 4.1+, and `smoke-test` (a hand-off end to
//! end, its timeout, and that nothing it created is left, on success or failure). What the
//! commands leave behind is read from the simulator's tables.

mod checks;
mod smoke;

use crate::common::*;

/// The Kore.ai webhook URL the `configured` scenario holds.
pub const CONFIGURED: &str = sn_handoff::sim::CONFIGURED_WEBHOOK_URL;
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

/// The binary against `sim`, polling every few milliseconds.
pub fn cmd(sim: &Sim, home: &Home) -> assert_cmd::Command {
    let mut cmd = sim.cmd(home);
    cmd.env("SN_HANDOFF_POLL_MS", "5");
    cmd
}

/// The stored value of `column` in the row of `table` whose `key` is `value`.
pub fn value_of(sim: &Sim, table: &str, key: &str, value: &str, column: &str) -> String {
    sim.sim
        .rows(table)
        .into_iter()
        .find(|r| r[key] == value)
        .unwrap_or_else(|| panic!("no {table} row with {key} = {value}"))[column]
        .as_str()
        .unwrap()
        .to_string()
}

/// The successful write requests (POST, PATCH, PUT, DELETE) answered so far.
pub fn successful_writes(sim: &Sim) -> Vec<sn_handoff::sim::RequestRecord> {
    sim.sim
        .requests()
        .into_iter()
        .filter(|r| matches!(r.method.as_str(), "POST" | "PATCH" | "PUT" | "DELETE"))
        .filter(|r| (200..300).contains(&r.status))
        .collect()
}
