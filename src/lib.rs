//! sn-handoff: prepare a ServiceNow instance so that a Kore.ai XO bot can hand conversations
//! to live agents, and keep it that way. `main.rs` parses the command line and calls [`run`].

pub mod cli;
pub mod command_line;
pub mod commands;
pub mod config;
pub mod credentials;
pub mod env;
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
pub mod step_id;
pub mod steps;
pub mod text;
pub mod ui;

use cli::{Cli, Command};
use error::{ExitStatus, Result};
use settings::Settings;
use ui::Printer;

/// Parses the process's arguments (see [`cli::parse`]), `--skip` taking the step table's
/// steps.
pub fn parse() -> std::result::Result<Cli, std::process::ExitCode> {
    cli::parse(steps::engine::skippable())
}

/// Runs one command and returns its exit code (errors carry their own).
pub async fn run(cli: Cli) -> Result<ExitStatus> {
    let output = cli.output();
    ui::init_color(output.color);
    ui::set_json_errors(output.json);
    // An interrupted write run ends with the error the journal composes, printed as any other.
    journal::report_with(|e| ui::report_error(e, ui::json_errors()));
    journal::running(&cli.words);
    journal::say_with(|line| ui::diagnostic(line));
    // These describe the command line itself: no config file, profile or instance is read.
    match &cli.command {
        Command::Completions(args) => return commands::completions::run(args),
        Command::Man(args) => return commands::man::run(args),
        _ => {}
    }
    let printer = Printer::new(output.json, output.verbose);
    #[allow(unused_mut)]
    let mut settings = Settings::load(&cli, commands::auth::creates_profile(&cli.command))?;
    #[cfg(feature = "demo")]
    let sims = settings.demo_for(&cli.command).await?;
    let result = run_command(&cli, &settings, &printer).await;
    // The demo world is kept for the next `--demo` run, however this one ended.
    #[cfg(feature = "demo")]
    if let Some(sims) = &sims {
        sims.save();
    }
    result
}

async fn run_command(cli: &Cli, settings: &Settings, printer: &Printer) -> Result<ExitStatus> {
    match &cli.command {
        Command::Init(args) => commands::init::run(settings, args, printer).await,
        Command::Check(args) => commands::check::run(settings, args, printer).await,
        Command::Auth(args) => commands::auth::run(settings, args, printer).await,
        Command::Plugins(args) => commands::plugins::run(settings, args, printer).await,
        Command::Group(args) => commands::group::run(settings, args, printer).await,
        Command::SetWebhook(args) => commands::set_webhook::run(settings, args, printer).await,
        Command::Agent(args) => commands::agent::run(settings, args, printer).await,
        Command::Kore(args) => commands::kore::run(settings, args, printer).await,
        Command::SmokeTest(args) => commands::smoke_test::run(settings, args, printer).await,
        Command::WhyNoAgent(args) => commands::why_no_agent::run(settings, args, printer).await,
        Command::Doctor(args) => commands::doctor::run(settings, args, printer).await,
        Command::Diff(args) => commands::diff::run(settings, args, printer).await,
        #[cfg(feature = "demo")]
        Command::Demo(args) => {
            let args = cli::DemoArgs {
                release: settings.demo_release(),
                ..args.clone()
            };
            commands::demo::run(&args, printer).await
        }
        Command::Completions(_) | Command::Man(_) => unreachable!("answered before the settings"),
    }
}
