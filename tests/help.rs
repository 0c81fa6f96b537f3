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

/// `sn-handoff ARGS -h` (or any help flag given in `args`) at `columns`.
fn help_at(columns: usize, args: &[&str]) -> String {
    let home = Home::new();
    let r = run(home.cmd().env("COLUMNS", columns.to_string()).args(args));
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

#[test]
fn short_help_lists_the_commands_own_options_and_points_at_the_rest() {
    let short = help_at(80, &["check", "-h"]);
    assert!(
        short.lines().count() <= 40,
        "check -h is {} lines at 80 columns:\n{short}",
        short.lines().count()
    );
    for own in ["--format", "--fix", "--deep", "--agent", "--skip"] {
        assert!(lists(&short, own), "{own}: {short}");
    }
    for global in ["--instance", "--json", "--timeout", "--demo", "--bot-id"] {
        assert!(!lists(&short, global), "{global}: {short}");
    }
    assert!(
        short.contains("Global options: `sn-handoff check --help`"),
        "{short}"
    );
    // The full help has them all, and the exit codes instead of the pointer.
    let long = help_at(80, &["check", "--help"]);
    for option in ["--format", "--instance", "--json", "--demo", "--bot-id"] {
        assert!(lists(&long, option), "{option}: {long}");
    }
    assert!(!long.contains("Global options: `"), "{long}");
    assert!(long.contains("Exit codes: 0 success"), "{long}");
    // Nested commands and the top level point at their own --help.
    let login = help_at(80, &["auth", "login", "-h"]);
    assert!(
        login.contains("Global options: `sn-handoff auth login --help`"),
        "{login}"
    );
    let top = help_at(80, &["-h"]);
    assert!(top.contains("Global options: `sn-handoff --help`"), "{top}");
    assert!(!lists(&top, "--instance"), "{top}");
    // A command without global options has no pointer.
    let man = help_at(80, &["man", "-h"]);
    assert!(!man.contains("Global options"), "{man}");
    insta::assert_snapshot!("check_short", short);
}

#[test]
fn the_simulators_settings_show_only_in_demo_help() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["init", "-h"],
        &["why-no-agent", "--help"],
    ] {
        let text = help_at(100, args);
        assert!(!lists(&text, "--release"), "{args:?}: {text}");
        assert!(!lists(&text, "--demo-scenario"), "{args:?}: {text}");
    }
    let demo = help_at(100, &["demo", "--help"]);
    assert!(
        lists(&demo, "--release") && demo.contains("brazil"),
        "{demo}"
    );
    // --demo says where they are.
    let check = help_at(100, &["check", "--help"]);
    assert!(check.contains("--demo-scenario SCENARIO"), "{check}");
    // Still accepted where they apply.
    let home = Home::new();
    let r = run(home.cmd().args([
        "--demo",
        "--release",
        "utah",
        "--demo-scenario",
        "configured",
        "check",
        "--json",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn examples_are_never_wrapped() {
    for (args, example) in [
        (
            &["check", "--help"][..],
            "  SN_HANDOFF_PASSWORD=… sn-handoff check -i dev123 -u admin --agent abel.tuter --deep --json",
        ),
        (
            &["check", "-h"],
            "  SN_HANDOFF_PASSWORD=… sn-handoff check -i dev123 -u admin --agent abel.tuter --deep --json",
        ),
        (
            &["auth", "login", "--help"],
            "  printf %s \"$TOKEN\" | sn-handoff auth login -i dev123 --auth oauth --client-id ID --grant token --password-stdin",
        ),
    ] {
        let text = help_at(40, args);
        assert!(
            text.lines().any(|l| l == example),
            "{args:?} at 40 columns cut the example:\n{text}"
        );
    }
}

/// `--help` shows an option's one-line summary (what `-h` shows) and then its details: the
/// details go on from the summary and never say it again.
#[test]
fn long_help_goes_on_from_the_summary_without_repeating_it() {
    for args in [
        &["check"][..],
        &["init"],
        &["why-no-agent"],
        &["doctor"],
        &["kore", "connect"],
    ] {
        let mut all = args.to_vec();
        all.push("--help");
        let text = help_at(1000, &all);
        let lines: Vec<&str> = text.split('\n').collect();
        let paragraphs: Vec<&[&str]> = lines
            .split(|line| line.trim().is_empty())
            .filter(|p| !p.is_empty())
            .collect();
        for (summary, next) in paragraphs
            .iter()
            .map(|p| p[p.len() - 1])
            .zip(paragraphs.iter().skip(1).map(|p| p[0]))
        {
            let summary = summary.trim();
            let head: String = summary.chars().take(15).collect();
            assert!(
                summary.chars().count() < 15 || !next.trim().starts_with(&head),
                "{args:?} --help says {summary:?} again: {next:?}\n{text}"
            );
        }
    }
}
