//! What the shell sees: the committed completion scripts match `sn-handoff completions`, the
//! man page is roff, and every command's `--help` ends with an example.

use std::path::Path;

use clap::CommandFactory;

use crate::common::*;

/// The shells and the file each one's script is committed as (clap_complete's names).
const SCRIPTS: [(&str, &str); 5] = [
    ("bash", "sn-handoff.bash"),
    ("zsh", "_sn-handoff"),
    ("fish", "sn-handoff.fish"),
    ("powershell", "_sn-handoff.ps1"),
    ("elvish", "sn-handoff.elv"),
];

/// The command that rewrites `completions/`.
const REGENERATE: &str = "./scripts/completions";

#[test]
fn committed_completions_are_fresh() {
    let home = Home::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let mut stale = Vec::new();
    for (shell, file) in SCRIPTS {
        let r = run(home.cmd().args(["completions", shell]));
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains("sn-handoff"), "{shell}");
        match std::fs::read_to_string(dir.join(file)) {
            Ok(committed) if committed == r.stdout => {}
            Ok(_) => stale.push(format!("completions/{file} is stale")),
            Err(e) => stale.push(format!("completions/{file}: {e}")),
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nThe command line changed; regenerate the scripts with:\n    {REGENERATE}",
        stale.join("\n")
    );
    let mut committed: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    committed.sort();
    let mut expected: Vec<String> = SCRIPTS.iter().map(|(_, f)| f.to_string()).collect();
    expected.sort();
    assert_eq!(
        committed, expected,
        "completions/ holds exactly the five scripts"
    );
}

#[test]
fn completions_know_the_commands_and_options() {
    let home = Home::new();
    let r = run(home.cmd().args(["completions", "bash"]));
    for word in [
        "check",
        "--format",
        "junit",
        "github",
        "--webhook-url",
        "completions",
        "man",
    ] {
        assert!(
            r.stdout.contains(word),
            "{word} missing from the bash script"
        );
    }
    let r = run(home.cmd().args(["completions", "tcsh"]));
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
}

#[test]
fn completions_and_man_need_no_settings() {
    let home = Home::new();
    // A config file that cannot be read and a profile that does not exist do not matter to
    // the commands that only describe the command line.
    home.write_config("this is [ not toml");
    for args in [&["completions", "fish"][..], &["man"]] {
        let r = run(home.cmd().env("SN_HANDOFF_PROFILE", "nope").args(args));
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(!r.stdout.is_empty());
    }
}

#[test]
fn man_prints_a_roff_page() {
    let home = Home::new();
    let r = run(home.cmd().arg("man"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let first_request = r
        .stdout
        .lines()
        .find(|l| !l.starts_with(".ie") && !l.starts_with(".el"))
        .unwrap();
    assert!(
        first_request.starts_with(".TH sn-handoff 1 "),
        "{first_request}"
    );
    assert!(r
        .stdout
        .contains(&format!("sn-handoff {}", env!("CARGO_PKG_VERSION"))));
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH OPTIONS",
        ".SH EXAMPLES",
        ".SH \"SEE ALSO\"",
    ] {
        assert!(r.stdout.contains(section), "{section} missing");
    }
    // Every command is named, as the page of its own.
    for sub in sn_handoff::cli::Cli::command().get_subcommands() {
        let name = format!("sn\\-handoff\\-{}(1)", sub.get_name().replace('-', "\\-"));
        assert!(r.stdout.contains(&name), "{name} missing");
    }
    // The apostrophe preamble appears once, at the top.
    assert_eq!(r.stdout.matches(".ds Aq").count(), 2);
    assert!(r.stdout.starts_with(".ie \\n(.g .ds Aq"));

    let r = run(home.cmd().args(["man", "check"]));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains(".TH sn-handoff-check 1 "));
    assert!(r.stdout.contains("\\-\\-format"));
    assert!(r
        .stdout
        .contains(".SH EXAMPLES\n.RS\nSN_HANDOFF_PASSWORD=… sn\\-handoff check"));

    assert!(r.stdout.contains(".SH \"EXIT STATUS\""));
    assert!(!r.stdout.contains(".SH ENVIRONMENT"), "only the main page");

    let r = run(home.cmd().arg("man"));
    // ENVIRONMENT comes from the same definitions as --help: every variable an option reads,
    // then the secrets, which no option gives.
    let environment = r
        .stdout
        .split(".SH ENVIRONMENT")
        .nth(1)
        .and_then(|rest| rest.split(".SH FILES").next())
        .expect("an ENVIRONMENT section before FILES");
    let root = sn_handoff::cli::Cli::command();
    for arg in root.get_arguments().filter(|a| !a.is_hide_set()) {
        if let Some(env) = arg.get_env() {
            let name = env.to_string_lossy().replace('-', "\\-");
            assert!(environment.contains(&name), "{name} missing");
        }
    }
    for secret in [
        "SN_HANDOFF_PASSWORD",
        "SN_HANDOFF_REFRESH_TOKEN",
        "SN_HANDOFF_KORE_CLIENT_SECRET",
        "SN_HANDOFF_MESSAGE_TOKEN",
    ] {
        assert!(environment.contains(secret), "{secret} missing");
    }
    // A command's own option's variable, and the tuning variables no option has.
    for name in [
        "SN_HANDOFF_WEBHOOK_URL",
        "SN_HANDOFF_CONCURRENCY",
        "SN_HANDOFF_KEYRING_TIMEOUT",
    ] {
        assert!(environment.contains(name), "{name} missing");
    }
    assert!(
        r.stdout.contains("config.toml"),
        "FILES names the config file"
    );
    let exit = r.stdout.split(".SH \"EXIT STATUS\"").nth(1).unwrap();
    for code in ["\n0\n", "\n4\n", "\n5\n", "\n130\n"] {
        assert!(exit.contains(code), "exit {code:?} missing");
    }

    let r = run(home.cmd().args(["man", "frobnicate"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("frobnicate") && r.stderr.contains("check"));
}

/// Every command path (`check`, `auth login`, …), found in the clap definition so that a
/// command added later is covered too.
fn command_paths(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let mut path = prefix.to_vec();
        path.push(sub.get_name().to_string());
        out.push(path.clone());
        command_paths(sub, &path, out);
    }
}

#[test]
fn every_help_has_an_example() {
    let home = Home::new();
    let mut paths = vec![Vec::new()];
    command_paths(&sn_handoff::cli::Cli::command(), &[], &mut paths);
    assert!(paths.len() > 4, "{paths:?}");
    for path in paths {
        let r = run(home.cmd().args(&path).arg("--help"));
        assert_eq!(r.code, 0, "{path:?}");
        // `Example:` for one, `Examples:` where a command shows several.
        let example = ["\nExample:\n  ", "\nExamples:\n  "]
            .iter()
            .find_map(|heading| r.stdout.split_once(heading))
            .unwrap_or_else(|| panic!("`sn-handoff {}` --help has no example", path.join(" ")))
            .1;
        assert!(
            example.starts_with("sn-handoff ") || example.contains(" sn-handoff "),
            "{path:?}: {example}"
        );
    }
}

#[test]
fn the_command_line_definition_is_consistent() {
    sn_handoff::cli::Cli::command().debug_assert();
}
