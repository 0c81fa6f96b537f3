//! The command line: global options of docs/contract.md with their environment variables, and one
//! `Args` struct per command.

mod applies;
mod commands;
pub mod complete;
mod global;
mod help;
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

    /// The command's words as typed (`kore connect`), for messages that name the run.
    #[arg(skip)]
    pub words: String,
}

/// The output choices of the global options, as the UI takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Output {
    /// `--color`.
    pub color: crate::ui::ColorChoice,
    /// `--json`.
    pub json: bool,
    /// `-v`.
    pub verbose: bool,
}

impl Cli {
    /// `--color`, `--json` and `-v`: what output looks like, known before any setting is read.
    pub fn output(&self) -> Output {
        Output {
            color: self.global.color,
            json: self.global.json,
            verbose: self.global.verbose,
        }
    }
}

/// The command line as parsed, completed and shown in help: [`Cli`]'s, with `--skip` offering
/// the `skippable` steps (the step table's, which the layer of the steps gives) and the global
/// options that do not apply to a command hidden from that command's help (`applies`).
pub fn command(skippable: Vec<StepId>) -> clap::Command {
    help::lay_out(described(skippable))
}

/// The command line as the man page describes it: [`command`] with each command's examples
/// still in its `after_help` ([`help::lay_out`] moves them into the help template).
pub fn described(skippable: Vec<StepId>) -> clap::Command {
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

/// Parses the process's arguments with [`command`]. A command line clap refuses is printed
/// (clap's message, or under `--json` the error document) and gives the exit code the process
/// ends with: 2, or 0 for `--help` and `--version`.
pub fn parse(skippable: Vec<StepId>) -> Result<Cli, std::process::ExitCode> {
    use clap::FromArgMatches;
    let parsed = command(skippable)
        .try_get_matches()
        .and_then(|mut matches| {
            let mut words = Vec::new();
            let mut at = &matches;
            while let Some((name, sub)) = at.subcommand() {
                words.push(name.to_string());
                at = sub;
            }
            let mut cli = Cli::from_arg_matches_mut(&mut matches)?;
            cli.words = words.join(" ");
            Ok(cli)
        });
    match parsed {
        Ok(cli) => Ok(cli),
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
            Err(crate::error::ExitStatus::Usage.into())
        }
        Err(e) => {
            // Help and version on stdout, a refusal on stderr (clap decides), as `e.exit()`
            // would, but the process ends in `main`.
            let _ = e.print();
            Err(std::process::ExitCode::from(
                u8::try_from(e.exit_code()).unwrap_or(2),
            ))
        }
    }
}
