//! One file per command: read options, build the context, call the steps, print.

pub mod agent;
pub mod auth;
pub mod check;
pub mod completions;
#[cfg(feature = "demo")]
pub mod demo;
pub mod diff;
pub mod doctor;
pub mod fleet;
pub mod group;
pub mod init;
pub mod kore;
pub mod man;
pub mod plan;
pub mod plugins;
mod run_lock;
pub mod set_webhook;
pub mod smoke_test;
pub mod why_no_agent;

/// The command line as parsed, completed and shown in help: the clap definition (`cli`), with
/// `--skip` offering the steps of the step table.
pub fn command() -> clap::Command {
    crate::cli::command(crate::steps::engine::skippable())
}
