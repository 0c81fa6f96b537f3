//! Warm checks: once the credentials worked, the next checks within a day send every read
//! beside the probe; a refusal costs at most one check's reads and flips the profile back to
//! probing alone first. The OAuth access token kept in the keyring is in `keyring`.

use std::time::Duration;

use serde_json::Value;

use crate::common::*;

/// A configured simulator whose answers take long enough that a read sent beside the probe
/// is surely sent before the probe's answer comes.
fn slow_sim() -> Sim {
    Sim::with(SimOptions {
        scenario: Scenario::Configured,
        latency: Duration::from_millis(100),
        ..SimOptions::default()
    })
}

fn check(sim: &Sim, home: &Home) -> Run {
    run(sim
        .cmd(home)
        .args(["check", "--json", "--agent", "abel.tuter"]))
}

/// The state file of the simulator's instance.
fn state(sim: &Sim, home: &Home) -> Value {
    let dir = home.path().join("state").join("sn-handoff");
    let name = sim
        .url()
        .trim_start_matches("http://")
        .replace([':', '/'], "_");
    let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn refused(sim: &Sim, from: usize) -> usize {
    sim.sim.requests()[from..]
        .iter()
        .filter(|r| r.status == 401)
        .count()
}

#[test]
fn a_check_records_that_the_credentials_worked_and_nothing_secret() {
    let (sim, home) = (slow_sim(), Home::new());
    assert_eq!(check(&sim, &home).code, 0);
    let state = state(&sim, &home);
    let verified = &state["verified"];
    assert_eq!(verified["instance"], sim.url());
    assert_eq!(verified["user"], sim.sim.username());
    assert_eq!(verified["method"], "basic");
    assert!(verified["at"].as_u64().unwrap() > 1_700_000_000);
    let text = state.to_string();
    assert!(!text.contains(sim.sim.password()), "{text}");
    // Warm, the same check gives the same answer.
    let before = sim.sim.requests().len();
    let r = check(&sim, &home);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.status_of("auth"), "pass");
    assert_eq!(r.status_of("instance"), "pass");
    assert_eq!(refused(&sim, before), 0);
}

#[test]
fn a_changed_password_on_a_warm_profile_costs_one_check_and_flips_back_to_probing() {
    let (sim, home) = (slow_sim(), Home::new());
    let cold = check(&sim, &home);
    assert_eq!(cold.code, 0, "{}", cold.stderr);
    let reads_of_one_check = sim.sim.requests().len();
    // The password changes on the instance; the profile still has the old one.
    sim.sim
        .set_password(sim.sim.username(), "changed-elsewhere-1");
    let before = sim.sim.requests().len();
    let r = check(&sim, &home);
    assert_eq!(r.code, 3, "{}", r.stdout);
    assert_eq!(r.status_of("auth"), "fail");
    let failed = refused(&sim, before);
    // Warm: the reads went beside the probe, and none went after the refusal.
    assert!(failed > 1, "{failed}");
    assert!(
        failed <= reads_of_one_check,
        "{failed} > {reads_of_one_check}"
    );
    assert!(state(&sim, &home).get("verified").is_none());
    // Cold again: one request, refused, and nothing after it.
    let before = sim.sim.requests().len();
    let r = check(&sim, &home);
    assert_eq!(r.code, 3);
    assert_eq!(sim.sim.requests().len() - before, 1);
    assert_eq!(refused(&sim, before), 1);
}

#[test]
fn a_check_after_a_refusal_probes_alone_then_warms_up() {
    let (sim, home) = (slow_sim(), Home::new());
    assert_eq!(check(&sim, &home).code, 0);
    sim.sim
        .set_password(sim.sim.username(), "changed-elsewhere-2");
    assert_eq!(check(&sim, &home).code, 3);
    // The right password again: the first check probes alone (cold), and records.
    sim.sim.set_password(sim.sim.username(), sim.sim.password());
    let r = check(&sim, &home);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(state(&sim, &home)["verified"]["method"], "basic");
}

#[test]
fn another_user_is_not_warm() {
    let (sim, home) = (slow_sim(), Home::new());
    assert_eq!(check(&sim, &home).code, 0);
    // Someone else's user on the same instance, with a wrong password: probed alone.
    let before = sim.sim.requests().len();
    let r = run(sim
        .cmd(&home)
        .env("SN_HANDOFF_USERNAME", "abel.tuter")
        .env("SN_HANDOFF_PASSWORD", "not-the-password")
        .args(["check", "--json"]));
    assert_eq!(r.code, 3);
    assert_eq!(sim.sim.requests().len() - before, 1);
    // The admin's record stands.
    assert_eq!(state(&sim, &home)["verified"]["user"], sim.sim.username());
}
