//! Help as a person reads it: each command's own options first, the global ones under their
//! own heading, the options that mean nothing to a command hidden, and no environment value
//! (an instance, a file path) printed beside its variable. Snapshots (insta) show every
//! change to the text in review.

use crate::common::*;

/// `sn-handoff ARGS --help`, 100 columns wide, with settings in the environment whose values
/// must not show.
fn help(args: &[&str]) -> String {
    let home = Home::new();
    let r = run(home
        .cmd()
        .env("COLUMNS", "100")
        .env(
            "SN_HANDOFF_INSTANCE",
            "https://secret-instance.service-now.com",
        )
        .env("SN_HANDOFF_CA_CERT", "/home/someone/private-ca.pem")
        .env("SN_HANDOFF_KORE_BOT_ID", "st-private-bot")
        .env(
            "SN_HANDOFF_WEBHOOK_URL",
            "https://bots.kore.ai/private-webhook",
        )
        .args(args)
        .arg("--help"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("secret-instance"), "{}", r.stdout);
    assert!(!r.stdout.contains("private-ca.pem"), "{}", r.stdout);
    assert!(!r.stdout.contains("private-bot"), "{}", r.stdout);
    assert!(!r.stdout.contains("private-webhook"), "{}", r.stdout);
    r.stdout
}

/// Whether a section of help lists `option` (as `--name` or `-n, --name` at a line's start).
fn lists(section: &str, option: &str) -> bool {
    section.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with(&format!("{option} "))
            || line.starts_with(&format!("{option}\n"))
            || line == option
            || line.get(4..).is_some_and(|rest| rest.starts_with(option))
    })
}

#[test]
fn global_options_have_their_own_heading() {
    let text = help(&["check"]);
    let (own, global) = text.split_once("Global options:").expect("the heading");
    // The example after the options uses some of them.
    let global = global.split("Example").next().unwrap();
    for option in ["--format", "--fix", "--deep", "--agent"] {
        assert!(lists(own, option), "{option}: {own}");
        assert!(!lists(global, option), "{option}: {global}");
    }
    for option in ["--instance", "--json", "--timeout", "--ca-cert"] {
        assert!(lists(global, option), "{option}: {global}");
        assert!(!lists(own, option), "{option}: {own}");
    }
    assert!(global.contains("[env: SN_HANDOFF_INSTANCE]"), "{global}");
    insta::assert_snapshot!("check", text);
}

#[test]
fn options_that_do_not_apply_are_hidden() {
    let demo = help(&["demo"]);
    for hidden in [
        "--instance",
        "--password-stdin",
        "--ca-cert",
        "--no-input",
        "--demo",
    ] {
        assert!(!lists(&demo, hidden), "{hidden}: {demo}");
    }
    for kept in ["--port", "--json", "--verbose", "--color"] {
        assert!(lists(&demo, kept), "{kept}: {demo}");
    }
    let completions = help(&["completions"]);
    assert!(!completions.contains("Global options"), "{completions}");
    // Hidden, yet still accepted: a shared environment or alias does not break them.
    let home = Home::new();
    let r = run(home.cmd().args(["completions", "bash", "--timeout", "5"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // `demo` serves the release that --release names.
    assert!(lists(&demo, "--release"), "{demo}");
    insta::assert_snapshot!("demo", demo);
    insta::assert_snapshot!("completions", completions);
}

#[test]
fn help_snapshots() {
    insta::assert_snapshot!("top", help(&[]));
    insta::assert_snapshot!("agent_available", help(&["agent", "available"]));
    insta::assert_snapshot!("set_webhook", help(&["set-webhook"]));
}

#[test]
fn nested_commands_show_only_the_global_options_they_read() {
    // logout touches the keyring only: no network, no sign-in, no simulator, no prompt.
    let logout = help(&["auth", "logout"]);
    for hidden in [
        "--timeout",
        "--ca-cert",
        "--username",
        "--password-stdin",
        "--demo",
        "--no-input",
        "--bot-id",
    ] {
        assert!(!lists(&logout, hidden), "{hidden}: {logout}");
    }
    for kept in ["--instance", "--profile", "--json"] {
        assert!(lists(&logout, kept), "{kept}: {logout}");
    }
    // The Kore.ai options belong to the commands that reach Kore.ai.
    let plugins = help(&["plugins"]);
    assert!(!lists(&plugins, "--bot-id"), "{plugins}");
    assert!(!plugins.contains("Kore.ai:"), "{plugins}");
    let status = help(&["kore", "status"]);
    assert!(lists(&status, "--bot-id"), "{status}");
    assert!(lists(&status, "--timeout"), "{status}");
    assert!(!lists(&status, "--username"), "{status}");
    // login refuses --demo, so its help does not offer it.
    let login = help(&["auth", "login"]);
    assert!(!lists(&login, "--demo"), "{login}");
    assert!(lists(&login, "--password-stdin"), "{login}");
    // Still accepted where hidden.
    let home = Home::new();
    let r = run(home.cmd().args(["plugins", "--bot-id", "st-x", "--help"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("auth_logout", logout);
    insta::assert_snapshot!("kore_status", status);
}
