//! `sn-handoff demo`: serve a simulated instance on 127.0.0.1 until Ctrl-C, and print its URL,
//! login, OAuth app and (when the scenario has one) the Virtual Agent API's message token as
//! `export` lines for a shell (stdout) or one JSON document (`--json`). Ctrl-C stops it with
//! exit 130, like every command.

use crate::cli::DemoArgs;
use crate::error::{Error, ExitStatus, Result};
use crate::sim::kore::{KoreSimOptions, KoreSimulator};
use crate::sim::{SimOptions, Simulator};
use crate::steps::shell_quote;
use crate::ui::Printer;

/// Runs `demo`.
pub async fn run(args: &DemoArgs, printer: &Printer) -> Result<ExitStatus> {
    if args.reset {
        let had = crate::settings::reset_demo_world()?;
        printer.line(if had {
            "The --demo world is forgotten: the next --demo run starts fresh."
        } else {
            "There was no --demo world to forget: the next --demo run starts fresh."
        });
    }
    let (sim, kore) = start(args).await?;
    let scenario = clap::ValueEnum::to_possible_value(&args.scenario)
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    if printer.json() {
        print_json(printer, &sim, &kore, &scenario);
    } else {
        for (name, value) in exports(&sim, &kore) {
            printer.result_verbatim(format!("export {name}={}", shell_quote(&value)));
        }
    }
    printer.line(format!(
        "A simulated ServiceNow instance ({scenario}) is serving {}, and a simulated Kore.ai platform {}.\nPaste the lines above into another shell, then run `sn-handoff check`.\nPress Ctrl-C to stop.",
        sim.url(),
        kore.url()
    ));
    use std::io::Write;
    let _ = std::io::stdout().flush();
    tokio::signal::ctrl_c()
        .await
        .map_err(|e| Error::usage(format!("cannot wait for Ctrl-C: {e}")))?;
    sim.shutdown().await;
    // Stopped by Ctrl-C, as every command is: 130.
    printer.line("Stopped.");
    Ok(ExitStatus::Interrupted)
}

/// Starts both simulators as the options say.
async fn start(args: &DemoArgs) -> Result<(Simulator, KoreSimulator)> {
    let sim = Simulator::start(SimOptions {
        scenario: args.scenario,
        release: args.release,
        latency: std::time::Duration::from_millis(args.latency_ms),
        port: args.port,
        va_api_version: args.va_api_version.clone(),
        ..SimOptions::default()
    })
    .await
    .map_err(|e| Error::usage(format!("cannot listen on 127.0.0.1:{}: {e}", args.port)))?;
    let kore = KoreSimulator::start(KoreSimOptions {
        configured: args.scenario == crate::sim::Scenario::Configured,
        ..KoreSimOptions::default()
    })
    .await
    .map_err(|e| Error::usage(format!("cannot start the simulated Kore.ai platform: {e}")))?;
    Ok((sim, kore))
}

/// The `--json` document: where both simulators serve, and how to sign in to them.
fn print_json(printer: &Printer, sim: &Simulator, kore: &KoreSimulator, scenario: &str) {
    printer.print_json(&serde_json::json!({
        "url": sim.url(),
        "username": sim.username(),
        "password": sim.password(),
        "api_key": sim.api_key(),
        "client_id": sim.oauth_client_id(),
        "client_secret": sim.oauth_client_secret(),
        "redirect_url": sim.oauth_redirect_url(),
        "message_token": sim.message_token(),
        "scenario": scenario,
        "kore": {
            "host": kore.url(),
            "bot_id": kore.bot_id(),
            "client_id": kore.client_id(),
            "client_secret": kore.client_secret(),
            "admin_client_id": kore.admin_client_id(),
            "admin_client_secret": kore.admin_client_secret(),
        },
    }));
}

/// The same as variables, in the order a shell's `export` lines show them.
fn exports(sim: &Simulator, kore: &KoreSimulator) -> Vec<(&'static str, String)> {
    let mut vars = vec![
        (crate::env::INSTANCE, sim.url()),
        (crate::env::USERNAME, sim.username().to_string()),
        (crate::env::PASSWORD, sim.password().to_string()),
        (crate::env::API_KEY, sim.api_key()),
        (crate::env::CLIENT_ID, sim.oauth_client_id().to_string()),
        (
            crate::env::CLIENT_SECRET,
            sim.oauth_client_secret().to_string(),
        ),
    ];
    if let Some(token) = sim.message_token() {
        vars.push((crate::env::MESSAGE_TOKEN, token.to_string()));
    }
    vars.extend([
        (crate::env::KORE_HOST, kore.url()),
        (crate::env::KORE_BOT_ID, kore.bot_id().to_string()),
        (crate::env::KORE_CLIENT_ID, kore.client_id().to_string()),
        (
            crate::env::KORE_CLIENT_SECRET,
            kore.client_secret().to_string(),
        ),
        (
            crate::env::KORE_ADMIN_CLIENT_ID,
            kore.admin_client_id().to_string(),
        ),
        (
            crate::env::KORE_ADMIN_CLIENT_SECRET,
            kore.admin_client_secret().to_string(),
        ),
    ]);
    vars
}
