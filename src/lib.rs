//! sn-handoff: prepare a ServiceNow instance so that a Kore.ai XO bot can hand conversations
//! to live agents, and keep it that way. `main.rs` parses the command line and calls [`run`].

pub mod cli;
pub mod commands;
pub mod config;
pub mod credentials;
pub mod error;
pub mod fs;
pub mod journal;
pub mod keystore;
pub mod kore;
pub mod report;
pub mod servicenow;
pub mod settings;
#[cfg(feature = "demo")]
pub mod sim;
pub mod state;
pub mod steps;
pub mod text;
pub mod ui;

use cli::{Cli, Command};
use error::{ExitStatus, Result};
use settings::Settings;
use ui::Printer;

/// Runs one command and returns its exit code (errors carry their own).
pub async fn run(cli: Cli) -> Result<ExitStatus> {
    ui::init_color(cli.global.color);
    ui::set_json_errors(cli.global.json);
    // An interrupted write run ends with the error the journal composes, printed as any other.
    journal::report_with(|e| ui::report_error(e, ui::json_errors()));
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
    if cli.global.release.is_some() && !cli.global.demo && !matches!(cli.command, Command::Demo(_))
    {
        return Err(error::Error::usage(
            "--release only chooses the simulated instance's release: use it with --demo or `sn-handoff demo`",
        ));
    }
    #[cfg(feature = "demo")]
    // A fresh instance has nothing to hand a conversation to: the smoke test runs
    // against the instance after the guide was followed.
    let scenario = match (cli.global.demo_scenario, &cli.command) {
        (Some(scenario), _) => scenario,
        (None, Command::SmokeTest(_) | Command::WhyNoAgent(_)) => sim::Scenario::Configured,
        _ => sim::Scenario::Fresh,
    };
    #[cfg(feature = "demo")]
    let _sims = if cli.global.demo && !matches!(cli.command, Command::Demo(_)) {
        Some(
            settings
                .start_demo(scenario, cli.global.release.unwrap_or_default())
                .await?,
        )
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
        Command::Kore(args) => commands::kore::run(&settings, args, &printer).await,
        Command::SmokeTest(args) => commands::smoke_test::run(&settings, args, &printer).await,
        Command::WhyNoAgent(args) => commands::why_no_agent::run(&settings, args, &printer).await,
        Command::Doctor(args) => commands::doctor::run(&settings, args, &printer).await,
        Command::Diff(args) => commands::diff::run(&settings, args, &printer).await,
        #[cfg(feature = "demo")]
        Command::Demo(args) => {
            let args = cli::DemoArgs {
                release: cli.global.release.unwrap_or_default(),
                ..args.clone()
            };
            commands::demo::run(&args, &printer).await
        }
        Command::Completions(_) | Command::Man(_) => unreachable!("answered before the settings"),
    }
}
