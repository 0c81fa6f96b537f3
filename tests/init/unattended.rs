//! `init --no-input`: `check --fix` with the flags, environment and profile, then the profile
//! saved; and `init` without a terminal, which stops at once naming `--no-input`.

use super::*;

#[test]
fn no_input_repairs_like_check_fix_and_saves_the_profile() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(sim.cmd(&home).env("SN_HANDOFF_POLL_MS", "5").args([
        "init",
        "--no-input",
        "--json",
        "--agent",
        "abel.tuter",
        "--webhook-url",
        URL,
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The report of the end state, as `check --json` prints it.
    let report = r.json();
    assert_eq!(report["schema"], 1);
    assert_eq!(report["ok"], true);
    for id in STEP_IDS {
        assert_eq!(r.status_of(id), "pass");
    }
    assert!(
        r.stderr.contains("Repairing") && r.stderr.contains("saved in"),
        "{}",
        r.stderr
    );
    assert_profile(&sim, &home, URL);
    // The saved profile is enough for the next check (the password still from the environment).
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .args(["check", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.status_of("agent_available"), "pass");
}

#[test]
fn no_input_from_the_environment_with_a_step_left_failing_is_exit_1() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    // No agent and no webhook URL: what needs them is left failing, with what to pass.
    let r = run(sim
        .cmd(&home)
        .env("SN_HANDOFF_POLL_MS", "5")
        .env("SN_HANDOFF_NO_INPUT", "1")
        .args(["init", "--json"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.status_of("plugins"), "pass");
    assert_eq!(r.status_of("webhook"), "fail");
    assert!(r.stderr.contains("--webhook-url URL"), "{}", r.stderr);
    assert!(config_text(&home).contains(&sim.url()));
}

#[test]
fn no_input_that_cannot_sign_in_saves_nothing() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(sim
        .cmd(&home)
        .env("SN_HANDOFF_PASSWORD", "wrong")
        .args(["init", "--no-input"]));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(!home.config_file().exists());
}

#[test]
fn the_demo_without_input_ends_configured_and_writes_no_profile() {
    let home = Home::new();
    let r = run(home.cmd().env("SN_HANDOFF_POLL_MS", "5").args([
        "init",
        "--demo",
        "--no-input",
        "--json",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["ok"], true);
    assert!(!home.config_file().exists());
}

#[test]
fn without_a_terminal_init_stops_at_once_naming_no_input() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    // assert_cmd gives the child no terminal: stdin, stdout and stderr are pipes.
    let r = run(sim.cmd(&home).arg("init").write_stdin("\n"));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("standard input is not a terminal"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--no-input"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert!(sim.sim.requests().is_empty(), "{:?}", sim.sim.requests());
    assert!(!home.config_file().exists());
}
