//! sn-handoff: prepare a ServiceNow instance so that a Kore.ai XO bot can hand conversations
//! to live agents, and keep it that way. `main.rs` parses the command line and calls [`run`].

pub mod cli;
pub mod commands;
pub mod config;
pub mod credentials;
pub mod error;
pub mod fs;
pub mod keystore;
pub mod report;
pub mod servicenow;
pub mod settings;
#[cfg(feature = "demo")]
pub mod sim;
pub mod state;
pub mod steps;
pub mod ui;

use cli::{Cli, Command};
use error::{ExitStatus, Result};
use settings::Settings;
use ui::Printer;

/// Runs one command and returns its exit code (errors carry their own).
pub async fn run(cli: Cli) -> Result<ExitStatus> {
    ui::init_color(cli.global.color);
    // These describe the command line itself: no config file, profile or instance is read.
    match &cli.command {
        Command::Completions(args) => return commands::completions::run(args),
        Command::Man(args) => return commands::man::run(args),
        _ => {}
    }
    let printer = Printer::new(cli.global.json, cli.global.verbose);
    #[allow(unused_mut)]
    let mut settings =
        Settings::load_with(&cli.global, commands::auth::creates_profile(&cli.command))?;
    #[cfg(feature = "demo")]
    let _sim = if cli.global.demo && !matches!(cli.command, Command::Demo(_)) {
        // A fresh instance has nothing to hand a conversation to: the smoke test runs
        // against the instance after the guide was followed.
        let scenario = match cli.command {
            Command::SmokeTest(_) => sim::Scenario::Configured,
            _ => sim::Scenario::Fresh,
        };
        Some(settings.start_demo(scenario).await?)
    } else {
        None
    };
    match &cli.command {
        Command::Init(args) => commands::init::run(&settings, args, &printer).await,
        Command::Check(args) => commands::check::run(&settings, args, &printer).await,
        Command::Auth(args) => commands::auth::run(&settings, args, &printer).await,
        Command::Plugins(args) => commands::plugins::run(&settings, args, &printer).await,
        Command::Group(args) => commands::group::run(&settings, args, &printer).await,
        Command::SetWebhook(args) => commands::set_webhook::run(&settings, args, &printer).await,
        Command::Agent(args) => commands::agent::run(&settings, args, &printer).await,
        Command::SmokeTest(args) => commands::smoke_test::run(&settings, args, &printer).await,
        #[cfg(feature = "demo")]
        Command::Demo(args) => commands::demo::run(args, &printer).await,
        Command::Completions(_) | Command::Man(_) => unreachable!("answered before the settings"),
    }
}
