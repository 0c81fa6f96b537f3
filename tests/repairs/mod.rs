//! The repairs: `plugins --activate`, `group --fix`, `set-webhook`, `agent available` and
//! `check --fix`, each run as the real binary against the simulator. What each leaves behind
//! is read from the simulator's tables, and what it wrote from its request log.

mod agent;
mod check_fix;
mod cicd;
#[cfg(unix)]
mod faults;
mod group;
#[cfg(unix)]
pub(crate) mod matrix;
mod plan;
mod plugins;
mod set_webhook;
#[cfg(unix)]
mod takebacks;
mod tokyo;
#[cfg(unix)]
pub(crate) mod writes;

use sn_handoff::sim::RequestRecord;

use crate::common::*;

/// A Kore.ai webhook URL for the tests.
pub const URL: &str =
    "https://bots.kore.ai/chatbot/v2/webhook/st-11111111-2222-4333-8444-555555555555";

/// `check --fix` with what a full repair needs: the agent and the bot's URL.
pub const CHECK_FIX: [&str; 6] = [
    "check",
    "--fix",
    "--agent",
    "abel.tuter",
    "--webhook-url",
    URL,
];

/// The write requests (POST, PATCH, PUT, DELETE) the simulator answered so far.
pub fn writes(sim: &Sim) -> Vec<RequestRecord> {
    sim.sim
        .requests()
        .into_iter()
        .filter(|r| matches!(r.method.as_str(), "POST" | "PATCH" | "PUT" | "DELETE"))
        .collect()
}

/// The CI/CD write requests (activations, batch installs) the simulator answered so far.
pub fn cicd_writes(sim: &Sim) -> Vec<RequestRecord> {
    writes(sim)
        .into_iter()
        .filter(|r| r.path.starts_with("/api/sn_cicd/"))
        .collect()
}

/// The claims of activations (system properties `sn_handoff.activation.…`) on the instance.
pub fn activation_claims(sim: &Sim) -> usize {
    sim.sim
        .rows("sys_properties")
        .iter()
        .filter(|r| {
            r["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("sn_handoff.activation."))
        })
        .count()
}

/// The write requests that succeeded (2xx).
pub fn successful_writes(sim: &Sim) -> Vec<RequestRecord> {
    writes(sim)
        .into_iter()
        .filter(|r| (200..300).contains(&r.status))
        .collect()
}

/// The binary against `sim`, polling CI/CD progress every few milliseconds.
pub fn cmd(sim: &Sim, home: &Home) -> assert_cmd::Command {
    let mut cmd = sim.cmd(home);
    cmd.env("SN_HANDOFF_POLL_MS", "5");
    cmd
}

/// The stored value of `field` in the record of `table` whose `key` is `value`.
pub fn value_of(sim: &Sim, table: &str, key: &str, value: &str, field: &str) -> String {
    sim.sim
        .rows(table)
        .into_iter()
        .find(|r| r[key] == value)
        .unwrap_or_else(|| panic!("no {table} row with {key} = {value}"))[field]
        .as_str()
        .unwrap()
        .to_string()
}

/// The state files (not the locks beside them) under the throwaway HOME.
pub fn state_files(home: &Home) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(home.path().join("state").join("sn-handoff")) {
        Ok(dir) => dir
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The sys_id of the record of `table` whose `key` is `value`.
pub fn id_of(sim: &Sim, table: &str, key: &str, value: &str) -> String {
    sim.sim
        .sys_id_of(table, key, value)
        .unwrap_or_else(|| panic!("no {table} row with {key} = {value}"))
}

/// The AWA group of the guide.
pub const GROUP: &str = "Consumer Service Support";

/// How many rows make `user` a member of the guide's group.
pub fn membership_rows(sim: &Sim, user: &str) -> usize {
    let group = id_of(sim, "sys_user_group", "name", GROUP);
    let user = id_of(sim, "sys_user", "user_name", user);
    (sim.sim.rows("sys_user_grmember").iter())
        .filter(|r| r["group"] == group.as_str() && r["user"] == user.as_str())
        .count()
}

/// The role sys_ids of the guide's group's `sys_group_has_role` rows (one per row), sorted.
pub fn group_role_rows(sim: &Sim) -> Vec<String> {
    let group = id_of(sim, "sys_user_group", "name", GROUP);
    let mut roles: Vec<String> = (sim.sim.rows("sys_group_has_role").iter())
        .filter(|r| r["group"] == group.as_str())
        .map(|r| r["role"].as_str().unwrap().to_string())
        .collect();
    roles.sort();
    roles
}

/// The endpoints of the "VABot to Bot" message and of its postMessage method, as stored.
pub fn endpoints(sim: &Sim) -> (String, String) {
    let message = id_of(sim, "sys_rest_message", "name", "VABot to Bot");
    let method = sim
        .sim
        .rows("sys_rest_message_fn")
        .into_iter()
        .find(|r| r["rest_message"] == message.as_str() && r["function_name"] == "postMessage")
        .unwrap();
    (
        value_of(sim, "sys_rest_message", "sys_id", &message, "rest_endpoint"),
        method["rest_endpoint"].as_str().unwrap().to_string(),
    )
}
