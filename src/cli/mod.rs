//! The command line: global options of SPEC.md with their environment variables, and one
//! `Args` struct per command.

mod applies;
mod commands;
mod global;
mod nested;

use clap::Parser;

use crate::step_id::StepId;

pub use commands::*;
pub use global::*;
pub use nested::*;

/// Prepare a ServiceNow instance for Kore.ai XO bot-to-agent handoff, and keep it that way.
#[derive(Debug, Parser)]
#[command(
    name = "sn-handoff",
    version,
    about,
    long_about = "Prepare a ServiceNow instance (Utah and later; Brazil is the newest known) so that a Kore.ai XO bot can hand \
conversations to live agents through Virtual Agent's bot-to-bot integration, and keep it that way.\n\n\
Exit codes: 0 success, 1 a step fails, 2 usage or input error, 3 authentication or permission \
failure, 4 the instance cannot be used, 5 a change failed, 130 interrupted.",
    after_help = "Example:\n  sn-handoff check --demo",
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The command line as parsed, completed and shown in help: [`Cli`]'s, with `--skip` offering
/// the `skippable` steps (the step table's, which the layer of the steps gives) and the global
/// options that do not apply to a command hidden from that command's help (`applies`).
pub fn command(skippable: Vec<StepId>) -> clap::Command {
    let cmd = offer_skippable(<Cli as clap::CommandFactory>::command(), &skippable);
    applies::hide_what_does_not_apply(cmd)
}

/// `cmd` with every `--skip` in it (on each command that takes the step options) parsing one
/// of `skippable`.
fn offer_skippable(cmd: clap::Command, skippable: &[StepId]) -> clap::Command {
    // In place: the arguments keep their order (in help and the completions).
    let mut cmd = cmd.mut_args(|a| {
        if a.get_id() == "skip" {
            a.value_parser(skip_parser(skippable.to_vec()))
        } else {
            a
        }
    });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |sub| offer_skippable(sub, skippable));
    }
    cmd
}

/// Parses the process's arguments with [`command`]. A command line clap refuses ends the
/// process with exit 2: with clap's message, or under `--json` with the error document.
pub fn parse(skippable: Vec<StepId>) -> Cli {
    use clap::FromArgMatches;
    let parsed = command(skippable)
        .try_get_matches()
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches));
    match parsed {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() && std::env::args_os().any(|a| a == "--json") => {
            // The first line of clap's text is the error; the rest is usage for a person.
            let rendered = e.render().to_string();
            let message = rendered
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("error: ");
            crate::ui::report_error(
                &crate::error::Error::usage(message).with_hint("see --help"),
                true,
            );
            std::process::exit(i32::from(crate::error::ExitStatus::Usage.code()));
        }
        Err(e) => e.exit(),
    }
}
