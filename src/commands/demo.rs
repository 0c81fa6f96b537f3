//! `sn-handoff demo`: serve a simulated instance on 127.0.0.1 until Ctrl-C, and print its URL,
//! login, OAuth app and (when the scenario has one) the Virtual Agent API's message token as
//! environment assignments (stdout) or one JSON document (`--json`).

use crate::cli::DemoArgs;
use crate::error::{Error, ExitStatus, Result};
use crate::sim::{SimOptions, Simulator};
use crate::ui::Printer;

/// Runs `demo`.
pub async fn run(args: &DemoArgs, printer: &Printer) -> Result<ExitStatus> {
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
    let scenario = clap::ValueEnum::to_possible_value(&args.scenario)
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    if printer.json() {
        printer.print_json(&serde_json::json!({
            "url": sim.url(),
            "username": sim.username(),
            "password": sim.password(),
            "client_id": sim.oauth_client_id(),
            "client_secret": sim.oauth_client_secret(),
            "redirect_url": sim.oauth_redirect_url(),
            "message_token": sim.message_token(),
            "scenario": scenario,
        }));
    } else {
        println!("SN_HANDOFF_INSTANCE={}", sim.url());
        println!("SN_HANDOFF_USERNAME={}", sim.username());
        println!("SN_HANDOFF_PASSWORD={}", sim.password());
        println!("SN_HANDOFF_CLIENT_ID={}", sim.oauth_client_id());
        println!("SN_HANDOFF_CLIENT_SECRET={}", sim.oauth_client_secret());
        if let Some(token) = sim.message_token() {
            println!("SN_HANDOFF_MESSAGE_TOKEN={token}");
        }
    }
    printer.line(format!(
        "A simulated ServiceNow instance ({scenario}) is serving {}.\nPaste the lines above into another shell (prefixed with `export`) and run `sn-handoff check`.\nPress Ctrl-C to stop.",
        sim.url()
    ));
    use std::io::Write;
    let _ = std::io::stdout().flush();
    tokio::signal::ctrl_c()
        .await
        .map_err(|e| Error::usage(format!("cannot wait for Ctrl-C: {e}")))?;
    sim.shutdown().await;
    Ok(ExitStatus::Success)
}
