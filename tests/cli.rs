//! The command line itself: help, version, usage errors (exit 2, before any request), the
//! precedence of flag, environment and profile, and `--password-stdin`.

use crate::common::*;

#[test]
fn help_and_version() {
    let home = Home::new();
    let r = run(home.cmd().arg("--help"));
    assert_eq!(r.code, 0);
    for word in [
        "check",
        "demo",
        "--instance",
        "--no-input",
        "--ca-cert",
        "Exit codes",
    ] {
        assert!(r.stdout.contains(word), "{word} missing from --help");
    }
    let r = run(home.cmd().args(["check", "--help"]));
    assert!(r.stdout.contains("Example:") && r.stdout.contains("--webhook-url"));
    let r = run(home.cmd().arg("--version"));
    assert_eq!(
        r.stdout.trim(),
        format!("sn-handoff {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_are_exit_2() {
    let home = Home::new();
    for args in [
        &["frobnicate"][..],
        &["check", "--timeout", "0"],
        &["check", "--color", "purple"],
        &["check", "--skip", "auth"],
    ] {
        let r = run(home.cmd().args(args));
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    }
}

#[test]
fn missing_instance_under_no_input_names_the_variable() {
    let home = Home::new();
    let r = run(home.cmd().args(["check", "--no-input"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("SN_HANDOFF_INSTANCE"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn missing_password_under_no_input_names_the_variable() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(sim
        .cmd(&home)
        .env_remove("SN_HANDOFF_PASSWORD")
        .args(["check", "--no-input"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("SN_HANDOFF_PASSWORD") && r.stderr.contains("--password-stdin"));
    assert!(
        sim.sim.requests().is_empty(),
        "nothing may be sent without a password"
    );
    // Stdin not a terminal implies --no-input, so the same happens without the flag.
    let r = run(sim
        .cmd(&home)
        .env_remove("SN_HANDOFF_PASSWORD")
        .arg("check"));
    assert_eq!(r.code, 2);
    let r = run(sim
        .cmd(&home)
        .env_remove("SN_HANDOFF_USERNAME")
        .arg("check"));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("SN_HANDOFF_USERNAME"));
}

#[test]
fn bad_instance_urls_are_exit_2_before_any_request() {
    let home = Home::new();
    for url in [
        "http://dev123.service-now.com",
        "ftp://x.example",
        "https://a:b@dev1.service-now.com",
        "dev 1",
    ] {
        let r = run(home
            .cmd()
            .args(["check", "-i", url, "-u", "admin"])
            .env("SN_HANDOFF_PASSWORD", "pw"));
        assert_eq!(r.code, 2, "{url}: {}", r.stderr);
        assert!(r.stderr.contains("invalid instance URL"), "{}", r.stderr);
    }
}

#[test]
fn bad_webhook_urls_are_exit_2() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    for url in [
        "http://bots.example/x",
        "https://u:p@bots.example/x",
        "https://bots.example/x#f",
        "not a url",
    ] {
        let r = run(sim.cmd(&home).args(["check", "--webhook-url", url]));
        assert_eq!(r.code, 2, "{url}: {}", r.stderr);
    }
    assert!(sim.sim.requests().is_empty());
}

#[test]
fn password_from_stdin() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let r = run(sim
        .cmd(&home)
        .env_remove("SN_HANDOFF_PASSWORD")
        .args(["check", "--password-stdin", "--json"])
        .write_stdin(format!("{}\n", sim.sim.password())));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(sim
        .cmd(&home)
        .env_remove("SN_HANDOFF_PASSWORD")
        .args(["check", "--password-stdin"])
        .write_stdin(""));
    assert_eq!(r.code, 2);
}

#[test]
fn profile_supplies_settings_and_flags_win() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    home.write_config(&format!(
        "[profiles.default]\ninstance = \"{}\"\nusername = \"admin\"\nagent = \"abel.tuter\"\n\n[profiles.other]\ninstance = \"{}\"\nusername = \"admin\"\ngroup = \"Service Desk\"\n",
        sim.url(),
        sim.url()
    ));
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .args(["check", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.step("agent_available")["status"],
        "pass",
        "the profile's agent is used"
    );
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .args(["check", "--json", "-p", "other"]));
    assert_eq!(r.step("group_roles")["details"]["group"], "Service Desk");
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .env("SN_HANDOFF_PROFILE", "other")
        .args(["check", "--json", "--group", "Consumer Service Support"]));
    assert_eq!(
        r.step("group_roles")["details"]["group"],
        "Consumer Service Support"
    );
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_PASSWORD", "x")
        .args(["check", "-p", "nope"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no profile named `nope`") && r.stderr.contains("default, other"));
    // The environment beats the profile.
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_PASSWORD", "x")
        .env("SN_HANDOFF_INSTANCE", "http://example.com")
        .args(["check"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn broken_config_is_exit_2() {
    let home = Home::new();
    home.write_config("[profiles.default\ninstance = 1");
    let r = run(home.cmd().arg("check"));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("config file"), "{}", r.stderr);
}

#[test]
fn no_input_from_the_environment_takes_1_as_spec_writes_it() {
    let home = Home::new();
    for value in ["1", "true", "yes"] {
        let r = run(home.cmd().env("SN_HANDOFF_NO_INPUT", value).arg("check"));
        assert_eq!(r.code, 2, "{value}: {}", r.stderr);
        assert!(
            r.stderr.contains("SN_HANDOFF_INSTANCE"),
            "{value}: {}",
            r.stderr
        );
    }
}

#[test]
fn release_only_goes_with_the_simulator() {
    let home = Home::new();
    let r = run(home
        .cmd()
        .args(["check", "--release", "brazil", "-i", "dev123", "--no-input"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--demo"), "{}", r.stderr);
    let r = run(home.cmd().args(["check", "--demo", "--release", "tokyo"]));
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stdout.contains("Connect Support") || r.stderr.contains("Connect Support"));
}
