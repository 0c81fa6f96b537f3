//! Which global options mean something to which command. Help shows a command only the ones
//! it uses; the others are hidden there, and still accepted, so a shared environment, an alias
//! or a CI template that passes `--timeout` everywhere does not break a command that ignores it.
//! The ones it uses show in `--help` only: `-h` lists the command's own options and one line
//! pointing at `--help` ([`super::help`]). The simulator's own settings (`--release`,
//! `--demo-scenario`) show only in `demo --help`; `--demo`'s help names them.

/// Read by every command that has a profile to read (`--json` and `--color` shape its output).
const EVERY: &[&str] = &["profile", "config", "json", "no_input", "verbose", "color"];
/// Reaching and signing in to the ServiceNow instance.
const SERVICENOW: &[&str] = &[
    "instance",
    "auth",
    "username",
    "client_id",
    "client_cert",
    "client_key",
    "password_stdin",
    "timeout",
    "ca_cert",
];
/// The simulated instance in this process.
const DEMO: &[&str] = &["demo", "release", "demo_scenario"];
/// The simulator's settings, shown only in the help of the command that serves it.
const DEMO_ONLY: &[&str] = &["release", "demo_scenario"];
/// The command whose help shows [`DEMO_ONLY`].
const DEMO_COMMAND: &[&str] = &["demo"];
/// The Kore.ai bot and its JWT apps.
const KORE: &[&str] = &[
    "kore_host",
    "bot_id",
    "kore_client_id",
    "kore_admin_client_id",
];
/// Reaching Kore.ai without signing in to ServiceNow.
const NETWORK: &[&str] = &["timeout", "ca_cert"];

/// Every command that runs (a leaf of the command tree), with the groups of global options it
/// reads. A command missing here fails the test below, so a new command decides.
const APPLIES: &[(&[&str], &[&[&str]])] = &[
    (&["init"], &[EVERY, SERVICENOW, DEMO, KORE]),
    (&["check"], &[EVERY, SERVICENOW, DEMO, KORE]),
    // login, logout and rotate refuse --demo: they would store or delete real secrets.
    (&["auth", "login"], &[EVERY, SERVICENOW]),
    (&["auth", "status"], &[EVERY, SERVICENOW, DEMO]),
    // Only the keyring: entries are keyed by profile and instance, and nothing is asked.
    (
        &["auth", "logout"],
        &[&["profile", "config", "json", "color", "instance"]],
    ),
    (&["auth", "token"], &[EVERY, SERVICENOW, DEMO]),
    (&["auth", "rotate"], &[EVERY, SERVICENOW, KORE]),
    (&["plugins"], &[EVERY, SERVICENOW, DEMO]),
    (&["group"], &[EVERY, SERVICENOW, DEMO]),
    (&["set-webhook"], &[EVERY, SERVICENOW, DEMO]),
    (&["agent", "available"], &[EVERY, SERVICENOW, DEMO]),
    (&["smoke-test"], &[EVERY, SERVICENOW, DEMO]),
    (&["why-no-agent"], &[EVERY, SERVICENOW, DEMO]),
    (&["doctor"], &[EVERY, SERVICENOW, DEMO]),
    // Each profile's own instance and sign-in: the flags that name one are refused.
    (
        &["diff"],
        &[&[
            "config", "json", "no_input", "verbose", "color", "timeout", "ca_cert",
        ]],
    ),
    (&["kore", "status"], &[EVERY, DEMO, KORE, NETWORK]),
    (&["kore", "connect"], &[EVERY, SERVICENOW, DEMO, KORE]),
    (&["demo"], &[&["json", "verbose", "color", "release"]]),
    (&["completions"], &[]),
    (&["man"], &[]),
];

/// `cmd` with the global options each command of [`APPLIES`] does not read hidden from its
/// help, and the ones it reads hidden from its short help (`-h`).
pub(super) fn hide_what_does_not_apply(mut cmd: clap::Command) -> clap::Command {
    let globals: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect();
    for (path, groups) in APPLIES {
        // A copy in the command itself: clap then propagates no other copy into it.
        let copies: Vec<clap::Arg> = globals
            .iter()
            .map(|a| {
                let id = a.get_id().as_str();
                let applies = groups.iter().any(|group| group.contains(&id));
                let demo_only = DEMO_ONLY.contains(&id) && path != &DEMO_COMMAND;
                a.clone().hide(!applies || demo_only).hide_short_help(true)
            })
            .collect();
        cmd = with_subcommand(cmd, path, copies);
    }
    // The top level and the command groups (`auth`, `kore`, `agent`) get the originals.
    let ids: Vec<clap::Id> = globals.iter().map(|a| a.get_id().clone()).collect();
    for id in ids {
        let demo_only = DEMO_ONLY.contains(&id.as_str());
        cmd = cmd.mut_arg(id, |a| a.hide(demo_only).hide_short_help(true));
    }
    cmd
}

/// `cmd` with `args` added to the command at `path` below it (when that command is built in).
fn with_subcommand(cmd: clap::Command, path: &[&str], args: Vec<clap::Arg>) -> clap::Command {
    match path.split_first() {
        None => cmd.args(args),
        Some((name, rest)) if cmd.find_subcommand(name).is_some() => {
            cmd.mut_subcommand(name, |sub| with_subcommand(sub, rest, args))
        }
        Some(_) => cmd,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paths of the commands that run: those without subcommands of their own.
    fn leaves(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        let subs: Vec<&clap::Command> = cmd
            .get_subcommands()
            .filter(|s| s.get_name() != "help")
            .collect();
        if subs.is_empty() {
            out.push(path);
            return;
        }
        for sub in subs {
            let mut path = path.clone();
            path.push(sub.get_name().to_string());
            leaves(sub, path, out);
        }
    }

    #[test]
    fn every_command_says_which_global_options_it_reads() {
        let cmd = <super::super::Cli as clap::CommandFactory>::command();
        let mut found = Vec::new();
        leaves(&cmd, Vec::new(), &mut found);
        for path in &found {
            assert!(
                APPLIES.iter().any(|(p, _)| p == path),
                "`{}` is not in APPLIES",
                path.join(" ")
            );
        }
        let ids: Vec<String> = cmd
            .get_arguments()
            .filter(|a| a.is_global_set())
            .map(|a| a.get_id().to_string())
            .collect();
        for (path, groups) in APPLIES {
            for id in groups.iter().flat_map(|g| g.iter()) {
                // `demo`, `release` and `demo_scenario` exist only with the demo feature.
                assert!(
                    ids.iter().any(|i| i == id) || DEMO.contains(id),
                    "{}: no global option `{id}`",
                    path.join(" ")
                );
            }
        }
    }

    #[test]
    fn a_hidden_option_is_hidden_in_nested_commands_and_still_parses() {
        let mut cmd =
            hide_what_does_not_apply(<super::super::Cli as clap::CommandFactory>::command());
        cmd.build();
        let logout = cmd
            .find_subcommand("auth")
            .and_then(|a| a.find_subcommand("logout"))
            .expect("auth logout");
        let hidden = |id: &str| {
            logout
                .get_arguments()
                .find(|a| a.get_id() == id)
                .map(|a| a.is_hide_set())
        };
        assert_eq!(hidden("timeout"), Some(true));
        assert_eq!(hidden("instance"), Some(false));
        let status = cmd
            .find_subcommand("kore")
            .and_then(|k| k.find_subcommand("status"))
            .expect("kore status");
        let shown = |id: &str| {
            status
                .get_arguments()
                .any(|a| a.get_id() == id && !a.is_hide_set())
        };
        assert!(shown("bot_id") && shown("ca_cert"));
        assert!(!shown("username"));
        let parsed = cmd.try_get_matches_from(["sn-handoff", "auth", "logout", "--timeout", "5"]);
        assert!(parsed.is_ok(), "{parsed:?}");
    }
}
