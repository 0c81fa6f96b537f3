//! `sn-handoff kore status` and `sn-handoff kore connect`: the Kore.ai side of the guide
//! (docs/kore.md). The work is in `crate::kore`; this file resolves the
//! settings and credentials and prints.

use colored::Colorize;
use serde_json::{json, Value};

use crate::cli::{KoreArgsCommand, KoreCommand, KoreConnectArgs};
use crate::error::{Error, ExitStatus, Result};
use crate::kore::connect::{self, Plan, Published, ServiceNowAuth};
use crate::kore::{api, status, KoreClient, KoreSettings};
use crate::settings::Settings;
use crate::steps::Status;
use crate::ui::Printer;

/// Runs `kore …`.
pub async fn run(
    settings: &Settings,
    args: &KoreArgsCommand,
    printer: &Printer,
) -> Result<ExitStatus> {
    match &args.command {
        KoreCommand::Status => run_status(settings, printer).await,
        KoreCommand::Connect(connect) => run_connect(settings, connect, printer).await,
    }
}

async fn run_status(settings: &Settings, printer: &Printer) -> Result<ExitStatus> {
    let kore = KoreSettings::resolve(settings)?;
    let client = kore.client(settings)?;
    let verdict = status::read(&client).await?;
    let name = match verdict.status {
        Status::Pass => "pass",
        Status::Warn => "warn",
        Status::Fail => "fail",
        Status::Skip => "skip",
    };
    if printer.json() {
        let mut doc = json!({
            "host": kore.host.as_str(),
            "bot_id": kore.bot_id,
            "status": name,
            "summary": verdict.summary,
            "fix": verdict.fix,
        });
        if let (Some(doc), Value::Object(details)) = (doc.as_object_mut(), &verdict.details) {
            doc.extend(details.clone());
        }
        printer.print_json(&doc);
    } else {
        let mark = match verdict.status {
            Status::Pass => "✓".green(),
            Status::Warn => "!".yellow().bold(),
            _ => "✗".red().bold(),
        };
        printer.result_verbatim(format!(
            "{} {} at {}",
            "Kore.ai bot".bold(),
            kore.bot_id,
            kore.host
        ));
        printer.result_verbatim(format!("{mark} {}", verdict.summary));
        if let Some(publish) = verdict.details.get("publish") {
            let mark = if publish["status"] == "pass" {
                "✓".green()
            } else {
                "!".yellow().bold()
            };
            printer.result_verbatim(format!(
                "{mark} publish: {}",
                publish["summary"].as_str().unwrap_or_default()
            ));
        }
        if let Some(fix) = &verdict.fix {
            printer.result_verbatim(format!("  {} {fix}", "fix:".cyan()));
        }
    }
    Ok(if verdict.status == Status::Fail {
        ExitStatus::StepsFailed
    } else {
        ExitStatus::Success
    })
}

async fn run_connect(
    settings: &Settings,
    args: &KoreConnectArgs,
    printer: &Printer,
) -> Result<ExitStatus> {
    let kore = KoreSettings::resolve(settings)?;
    let client = kore.client(settings)?;
    if args.publish {
        // Before anything is sent: a publish the bot's own app cannot make.
        connect::require_publisher(&client)?;
    }
    let instance = settings.instance()?;
    let queue_id = args
        .queue_id
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_string);
    let auth = crate::kore::settings::servicenow_auth(settings, &instance, args.dry_run).await?;
    let plan = Plan {
        instance,
        auth,
        queue_id,
        set_default: !args.no_default,
    };
    if args.dry_run || settings.global.verbose {
        printer.line(format!("note: {VAAPI_WHY}"));
    }
    if args.dry_run {
        let calls = connect::dry_run(&client, &plan, args.publish, !args.no_train);
        print_dry_run(printer, &kore, &plan, &calls);
        return Ok(ExitStatus::Success);
    }
    let spinner = printer.spinner("Writing the ServiceNow agent integration");
    let outcome = connect::connect(&client, &plan, settings.saves()).await;
    spinner.finish_and_clear();
    let outcome = outcome?;
    print_written(printer, &kore, &plan, &outcome);
    let mut requires_publish = outcome.requires_publish;
    let mut published = None;
    let mut exit = ExitStatus::Success;
    if args.publish {
        (published, exit) = publish(printer, &client, args, &outcome).await?;
        if published == Some(true) {
            requires_publish = false;
        }
    } else if requires_publish {
        printer.result(format!(
            "{} Kore.ai applies it once the bot is published: run `sn-handoff kore connect --publish`, or publish in the XO Platform",
            "!".yellow().bold()
        ));
    }
    if printer.json() {
        printer.print_json(&json!({
            "changed": outcome.changed,
            "dry_run": false,
            "integration": api::SERVICENOW,
            "default": outcome.default,
            "published": published,
            "requires_publish": requires_publish,
            "integration_method": outcome.integration_method,
            "mappings_written": outcome.mappings_written,
            "channels": outcome.channels,
        }));
    }
    Ok(exit)
}

/// Prints what `kore connect --dry-run` would send: the calls as JSON, or each call with
/// when it applies and its body.
fn print_dry_run(printer: &Printer, kore: &KoreSettings, plan: &Plan, calls: &Value) {
    if printer.json() {
        printer.print_json(&json!({
            "changed": false,
            "dry_run": true,
            "integration": api::SERVICENOW,
            "default": plan.set_default,
            "published": null,
            "requires_publish": true,
            "would_send": calls,
        }));
        return;
    }
    printer.result(format!(
        "{} nothing is sent. Kore.ai bot {} at {} would get:",
        "Dry run:".bold(),
        kore.bot_id,
        kore.host
    ));
    for call in calls.as_array().into_iter().flatten() {
        printer.result(format!(
            "  {} {}",
            call["method"].as_str().unwrap_or_default(),
            call["path"].as_str().unwrap_or_default()
        ));
        if let Some(other) = call["method_when_present"].as_str() {
            printer.result(format!(
                "    ({other} instead when ServiceNow already appears in the channel mappings)"
            ));
        }
        if let Some(value) = call["each_enabled_channel"].as_str() {
            printer.result(format!("    (and each enabled channel mapped to {value})"));
        }
        let body = serde_json::to_string_pretty(&call["body"]).unwrap_or_default();
        for line in body.lines() {
            printer.result(format!("    {line}"));
        }
    }
}

/// Says what was written: the integration and its auth, and whether ServiceNow is the
/// default (with the channels mapped to it, or that the mappings already said so).
fn print_written(
    printer: &Printer,
    kore: &KoreSettings,
    plan: &Plan,
    outcome: &connect::ConnectOutcome,
) {
    printer.result(format!(
        "{} ServiceNow agent integration written ({}) for bot {} at {}: host {}, {} auth, VAApi true",
        "✓".green(),
        outcome.integration_method,
        kore.bot_id,
        kore.host,
        plan.instance,
        match plan.auth {
            ServiceNowAuth::Basic { .. } => "basic",
            ServiceNowAuth::OAuth { .. } => "OAuth",
        }
    ));
    if !plan.set_default {
        return;
    }
    printer.result(format!(
        "{} ServiceNow is the default agent integration{}{}",
        "✓".green(),
        if outcome.channels.is_empty() {
            String::new()
        } else {
            let channels: Vec<String> = outcome
                .channels
                .iter()
                .map(|c| crate::kore::error::printable(c))
                .collect();
            format!(" and mapped for {}", channels.join(", "))
        },
        if outcome.mappings_written {
            ""
        } else {
            " (the channel mappings already said so)"
        }
    ));
}

/// Publishes the bot after the write and waits: decides `published` (`Some(true)` when it
/// went through) and the exit (5 when it failed or was still running at --deadline). An
/// error says the integration was written before it.
async fn publish(
    printer: &Printer,
    client: &KoreClient,
    args: &KoreConnectArgs,
    outcome: &connect::ConnectOutcome,
) -> Result<(Option<bool>, ExitStatus)> {
    if args.no_train {
        printer.line(format!(
            "{} --no-train: Kore.ai will not train the bot with this publish; Kore.ai warns that skipping training can cause issues in intent detection and flow execution, and the publish releases everything pending on the bot",
            "!".yellow().bold()
        ));
    }
    let spinner = printer.spinner("Publishing the bot");
    let result = connect::publish_and_wait(client, args.deadline, !args.no_train, |percent| {
        if let Some(p) = percent {
            spinner.set_message(format!("Publishing the bot ({p:.0} %)"));
        }
    })
    .await;
    spinner.finish_and_clear();
    match result.map_err(|e| with_written(e, outcome))? {
        Published::Done => {
            printer.result(format!("{} Published", "✓".green()));
            Ok((Some(true), ExitStatus::Success))
        }
        Published::Failed(problems) => {
            let why = if problems.is_empty() {
                String::new()
            } else {
                format!(" ({})", problems.join(", "))
            };
            error_lines(
                printer,
                &format!("the publish failed{why}; the integration is written but the bot still runs its last published version"),
                "look at the bot's publish history in the XO Platform, then run `sn-handoff kore connect --publish` again",
            );
            Ok((Some(false), ExitStatus::WriteFailed))
        }
        Published::TimedOut { percent } => {
            let at = percent.map_or(String::new(), |p| format!(" ({p:.0} %)"));
            error_lines(
                printer,
                &format!(
                    "the publish was still running after --deadline{at}; it goes on in Kore.ai"
                ),
                "run `sn-handoff kore status` in a while to see whether it ended",
            );
            Ok((Some(false), ExitStatus::WriteFailed))
        }
    }
}

/// Why the Basic body carries `VAApi: true` (said by `--dry-run` and `-v`).
const VAAPI_WHY: &str = "the integration is sent with \"VAApi\": true: Kore.ai's docs do not define the field (their Basic sample sends false), but its UI offers \"Agent Chat (Utah and higher)\" against \"Connect Support (Tokyo and lower)\", and the Utah guide needs the Virtual Agent API, which sn-handoff prepares; so true is read as the Agent Chat path (an inference, not verified on a tenant)";

/// An error that does not end the command (the JSON document still follows), and its hint.
fn error_lines(printer: &Printer, message: &str, hint: &str) {
    printer.line(format!("{} {message}", "error:".red().bold()));
    printer.line(format!("{} {hint}", "hint:".cyan()));
}

/// An error after the integration was written says so.
fn with_written(e: Error, outcome: &connect::ConnectOutcome) -> Error {
    let message = format!(
        "{} The ServiceNow integration was written ({}) before it; it takes effect once the bot is published.",
        e.message(),
        outcome.integration_method
    );
    connect::rebuild(e, message)
}
