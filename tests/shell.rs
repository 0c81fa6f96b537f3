//! What the shell sees: the committed completion scripts match `sn-handoff completions` and
//! complete in bash, zsh and fish (each shell is run on them), the man page is roff, and every
//! command's `--help` ends with an example.

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
        assert!(r.stdout.contains("SN_HANDOFF_COMPLETE"), "{shell}");
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
    let r = run(home.cmd().args(["completions", "tcsh"]));
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
}

/// A config with two profiles and two agents, for the completions to offer.
const COMPLETION_CONFIG: &str = "[profiles.prod]\ninstance = \"https://prod1.service-now.com\"\nagent = \"abel.tuter\"\n\n[profiles.test]\nagent = \"beth.anglin\"\n";

/// `PATH` with the directory of the binary under test first: the scripts run `sn-handoff`.
fn path_with_binary() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_sn-handoff"))
        .parent()
        .unwrap();
    let mut dirs = vec![bin.to_path_buf()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap()
}

/// The shell `name` when it is installed, else `None` after saying the test skips it.
#[allow(clippy::print_stderr)]
fn shell(name: &str) -> Option<std::path::PathBuf> {
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file());
    if found.is_none() {
        // On the test's own output: shown with the test's name when it is asked for.
        eprintln!(
            "{name} is not installed: its completion test is skipped (./scripts/test installs it)"
        );
    }
    found
}

/// The committed script for `shell`, as a file path.
fn committed(file: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("completions")
        .join(file)
}

/// What bash's completion function offers for each line (the last word being completed), one
/// line of candidates, space-separated, per line asked. The committed script is sourced and
/// its function called as bash calls it on TAB: `COMP_WORDS`, `COMP_CWORD`, then the function
/// with the command, the current word and the previous one.
fn bash_completes(home: &Home, lines: &[&[&str]]) -> Vec<Vec<String>> {
    let mut script = format!("source '{}'\n", committed("sn-handoff.bash").display());
    script.push_str(
        "comp() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); \
         COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}; COMPREPLY=(); \
         complete_with=$(complete -p sn-handoff | sed -E 's/.* -F ([^ ]+) .*/\\1/'); \
         \"$complete_with\" sn-handoff \"${COMP_WORDS[$COMP_CWORD]}\" \"${COMP_WORDS[$COMP_CWORD-1]}\"; \
         echo \"${COMPREPLY[*]}\"; }\n",
    );
    for words in lines {
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        script.push_str(&format!("comp {}\n", quoted.join(" ")));
    }
    let mut cmd = std::process::Command::new("bash");
    home.clean(&mut cmd);
    let out = cmd
        .env("PATH", path_with_binary())
        .args(["--norc", "--noprofile", "-c", &script])
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let got: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect();
    assert_eq!(got.len(), lines.len(), "{text}");
    got
}

#[test]
fn bash_completes_options_values_and_profiles() {
    let Some(_) = shell("bash") else { return };
    let home = Home::new();
    home.write_config(COMPLETION_CONFIG);
    let got = bash_completes(
        &home,
        &[
            &["sn-handoff", "ch"],
            &["sn-handoff", "check", "--fo"],
            &["sn-handoff", "check", "--format", ""],
            &["sn-handoff", "set-webhook", "--"],
            &["sn-handoff", "-p", ""],
            &["sn-handoff", "check", "-p", ""],
            &["sn-handoff", "agent", "available", "--agent", ""],
            &["sn-handoff", "check", "--skip", "gr"],
            &["sn-handoff", "kore", "con"],
        ],
    );
    assert_eq!(got[0], ["check"]);
    assert_eq!(got[1], ["--format"]);
    for format in ["human", "json", "junit", "github", "markdown", "sarif"] {
        assert!(got[2].iter().any(|c| c == format), "{format}: {:?}", got[2]);
    }
    for option in [
        "--dry-run",
        "--rollback",
        "--message",
        "--sys-id",
        "--force",
    ] {
        assert!(got[3].iter().any(|c| c == option), "{option}: {:?}", got[3]);
    }
    // set-webhook's own options, and none that it does not read (hidden for it).
    assert!(!got[3].iter().any(|c| c == "--bot-id"), "{:?}", got[3]);
    assert_eq!(got[4], ["prod", "test"]);
    assert_eq!(got[5], ["prod", "test"]);
    assert_eq!(got[6], ["abel.tuter", "beth.anglin"]);
    assert_eq!(got[7], ["group_roles", "group_members"]);
    assert_eq!(got[8], ["connect"]);
}

#[test]
fn zsh_completes_options_values_and_profiles() {
    let Some(zsh) = shell("zsh") else { return };
    use expectrl::Expect;
    let home = Home::new();
    home.write_config(COMPLETION_CONFIG);
    let mut cmd = std::process::Command::new(zsh);
    home.clean(&mut cmd);
    cmd.env("PATH", path_with_binary())
        .env("TERM", "xterm")
        .env("PS1", "%% ")
        .args(["-f", "-i"]);
    let mut session = expectrl::Session::spawn(cmd).expect("a pseudo-terminal");
    session.set_expect_timeout(Some(std::time::Duration::from_secs(60)));
    session
        .send_line(format!(
            "autoload -U compinit; compinit -u; source '{}'",
            committed("_sn-handoff").display()
        ))
        .unwrap();
    // Each TAB's answer shows on the terminal; Ctrl-U clears the line for the next one.
    for (typed, shows) in [
        ("sn-handoff check --fo\t", "sn-handoff check --format"),
        ("sn-handoff check --format \t", "markdown"),
        ("sn-handoff set-webhook --ro\t", "--rollback"),
        ("sn-handoff -p \t", "https://prod1.service-now.com"),
    ] {
        session.send(typed).unwrap();
        if let Err(e) = session.expect(shows) {
            panic!("zsh: {typed:?} did not show {shows:?}: {e}");
        }
        session.send("\x15").unwrap();
    }
}

#[test]
fn fish_completes_options_values_and_profiles() {
    let Some(fish) = shell("fish") else { return };
    let home = Home::new();
    home.write_config(COMPLETION_CONFIG);
    let mut script = format!("source '{}'\n", committed("sn-handoff.fish").display());
    for line in [
        "sn-handoff check --fo",
        "sn-handoff check --format ",
        "sn-handoff set-webhook --",
        "sn-handoff -p ",
    ] {
        // `complete -C` prints what TAB would offer, one candidate a line, TAB then its help.
        script.push_str(&format!("complete -C '{line}'; echo '==='\n"));
    }
    let mut cmd = std::process::Command::new(fish);
    home.clean(&mut cmd);
    let out = cmd
        .env("PATH", path_with_binary())
        .args(["--no-config", "-c", &script])
        .output()
        .expect("fish runs");
    let text = String::from_utf8(out.stdout).unwrap();
    let answers: Vec<Vec<&str>> = text
        .split("===\n")
        .map(|a| a.lines().map(|l| l.split('\t').next().unwrap()).collect())
        .collect();
    assert!(
        answers.len() >= 4,
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(answers[0], ["--format"]);
    assert!(
        answers[1].contains(&"junit") && answers[1].contains(&"sarif"),
        "{text}"
    );
    assert!(answers[2].contains(&"--rollback"), "{text}");
    assert_eq!(answers[3], ["prod", "test"]);
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
