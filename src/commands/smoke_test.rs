//! `sn-handoff smoke-test [--deadline SECS] [--user USER] [--agent USER] [--message TEXT]`:
//! hand a test conversation over through the Virtual Agent API and watch it reach an agent,
//! narrating each hop with its time on stderr (`--json` prints the hops and what was cleaned
//! up on stdout). The work is `steps::smoke`. Exit 0 when the chat was offered to an agent
//! within the deadline and everything the test created was removed; 1 when it was not offered;
//! 5 when something the test created is left; 2, 3 and 4 as usual.

use std::time::Duration;

use colored::Colorize;
use secrecy::{ExposeSecret, SecretString};

use serde_json::json;

use crate::cli::{SmokeTestArgs, StepArgs};
use crate::credentials::{read_stdin_secret, SecretSource};
use crate::error::{Error, ExitStatus, Result};
use crate::servicenow::{field, Client, Query, Row};
use crate::settings::Settings;
use crate::steps::backoff::Backoff;
use crate::steps::deep::chain::{self, Chain};
use crate::steps::smoke::{self, Hop, Narrator, Plan, SmokeOutcome};
use crate::ui::escape::escape;
use crate::ui::Printer;

/// The environment variable holding the provider application's static message auth token.
pub const MESSAGE_TOKEN_ENV: &str = crate::env::MESSAGE_TOKEN;

/// Prints each hop as it happens, above the progress line.
struct Lines<'a> {
    printer: &'a Printer,
    width: usize,
    progress: indicatif::ProgressBar,
}

impl Narrator for Lines<'_> {
    fn hop(&self, hop: &Hop) {
        self.progress.suspend(|| self.line(hop));
    }
}

impl Lines<'_> {
    fn line(&self, hop: &Hop) {
        let mark = if hop.ok {
            "✓".green()
        } else {
            "✗".red().bold()
        };
        self.printer.line(format!(
            "  +{:>6} ms  {mark} {:<width$}  {}",
            hop.at_ms,
            hop.id,
            escape(&hop.summary),
            width = self.width
        ));
    }
}

/// The message token: `SN_HANDOFF_MESSAGE_TOKEN`, else standard input when `--password-stdin`
/// was given and the login did not read it; `None` when there is none (the login alone then
/// authenticates the requests, as the docs allow for Basic and OAuth).
fn message_token(settings: &Settings, login: SecretSource) -> Result<Option<SecretString>> {
    // The profile's own variable first, as for every secret; none under --demo, whose
    // simulated instance is not given a real instance's token.
    let from_env = if settings.demo.is_some() {
        None
    } else {
        settings
            .env_scope()
            .names_of(MESSAGE_TOKEN_ENV)
            .into_iter()
            .find_map(|name| std::env::var(name).ok().filter(|t| !t.is_empty()))
    };
    let token = match from_env {
        Some(token) => Some(SecretString::from(token)),
        None if settings.password_stdin() && login != SecretSource::Stdin => {
            Some(read_stdin_secret("message token")?)
        }
        None => None,
    };
    if let Some(token) = &token {
        if !token.expose_secret().chars().all(|c| c.is_ascii_graphic()) {
            return Err(Error::usage(format!(
                "the message token ({MESSAGE_TOKEN_ENV}) holds spaces or characters an HTTP header cannot carry"
            )));
        }
    }
    Ok(token)
}

/// Checks the links without which no agent is offered the chat ([`chain::offer_links`])
/// before a conversation is started: at a broken one the test stops at once (exit 1, or 3/4
/// when the instance or the login failed) naming it and its fix, instead of waiting for the
/// whole deadline. `None` when every link holds.
async fn preflight(
    settings: &Settings,
    client: &Client,
    agent: Option<&str>,
    printer: &Printer,
) -> Result<Option<ExitStatus>> {
    let opts = settings.step_options(&StepArgs {
        agent: agent.map(str::to_string),
        ..StepArgs::default()
    })?;
    let spinner = printer.spinner("Checking the way a chat takes");
    let report = super::check::read::check_with(settings, client, opts, None, true).await;
    spinner.finish_and_clear();
    let chain = Chain::of(&report.steps, &chain::offer_links());
    let Some(link) = chain.broken_link() else {
        return Ok(None);
    };
    let fix = link.fix.clone().unwrap_or_default();
    if printer.json() {
        let mut doc = json!({
            "ok": false,
            "reached": false,
            "stopped_at": link.id,
            "error": format!("the chain a chat takes breaks at {}: {}", link.id.as_str(), link.summary),
            "hint": fix,
            "elapsed_ms": report.elapsed_ms as u64,
        });
        doc["preflight"] = chain.to_json();
        printer.print_json(&doc);
    }
    printer.result(format!(
        "{} the chain a chat takes breaks at {}: {}",
        "Stopped before the test:".red().bold(),
        link.id.as_str(),
        escape(&link.summary)
    ));
    printer.result(format!("{} {}", "fix:".cyan(), escape(&fix.to_string())));
    Ok(Some(report.exit.worst(ExitStatus::StepsFailed)))
}

/// Runs `smoke-test`.
pub async fn run(
    settings: &Settings,
    args: &SmokeTestArgs,
    printer: &Printer,
) -> Result<ExitStatus> {
    if args.message.trim().is_empty() {
        return Err(Error::usage("--message is empty"));
    }
    let (client, login) = settings.connect()?;
    let token = message_token(settings, login)?;
    let requester_name = args
        .user
        .clone()
        .unwrap_or_else(|| client.user().to_string());
    let agent = settings.agent(args.agent.as_deref());
    let requester = find_requester(&client, &requester_name).await?;
    let deadline = Duration::from_secs(args.deadline);
    // What an earlier smoke test left goes first; this run's identifiers are recorded.
    let (journal, lock) = smoke::journal(settings, &client).await?;
    if !args.no_preflight {
        if let Some(code) = preflight(settings, &client, agent.as_deref(), printer).await? {
            return Ok(code);
        }
    }
    printer.line(format!(
        "{} {} as {} (requester {requester_name}{}, deadline {} s)",
        "Smoke test on".bold(),
        client.instance(),
        client.user(),
        agent
            .as_deref()
            .map(|a| format!(", agent {a}"))
            .unwrap_or_default(),
        args.deadline
    ));
    if field(&requester, "email").is_empty() {
        printer.line(format!(
            "{} {requester_name} has no email, so the chat cannot be linked to them and is a guest chat",
            "note:".yellow()
        ));
    }
    let plan = Plan {
        requester,
        agent: agent.clone(),
        message: args.message.clone(),
        deadline,
        token,
        backoff: Backoff::from_env_or(Backoff {
            base: Duration::from_millis(500),
            max: Duration::from_secs(3),
        }),
        journal,
    };
    let narrator = Lines {
        printer,
        width: "interaction".len(),
        // Elapsed time against the deadline, on a terminal only.
        progress: printer.spinner(&format!(
            "waiting for an agent, deadline {} s; elapsed",
            args.deadline
        )),
    };
    let outcome = smoke::run(&client, &plan, &narrator).await;
    drop(lock);
    narrator.progress.finish_and_clear();
    let outcome = outcome?;
    if printer.json() {
        printer.print_json(&outcome.to_json(
            client.instance().as_str(),
            &requester_name,
            agent.as_deref(),
            deadline,
        ));
    }
    Ok(verdict(&outcome, printer))
}

/// The requester's `sys_user` row: a name no user has is a usage error, before any
/// conversation.
async fn find_requester(client: &Client, requester_name: &str) -> Result<Row> {
    let users = client
        .list(
            "sys_user",
            &Query::new().eq("user_name", requester_name),
            &["sys_id", "user_name", "email", "active"],
        )
        .await?;
    users
        .into_iter()
        .find(|r| field(r, "user_name") == requester_name)
        .ok_or_else(|| {
            Error::usage(format!(
                "there is no user with user_name {requester_name} to open the test conversation as"
            ))
            .with_hint("name the test requester with --user USER")
        })
}

/// Says how the run ended and decides its exit: 5 when records are left, else 0 when the chat
/// reached an agent and 1 when it did not.
fn verdict(outcome: &SmokeOutcome, printer: &Printer) -> ExitStatus {
    let last = if outcome.reached {
        let offered = outcome
            .hops
            .iter()
            .find(|h| h.id == "offered" && h.ok)
            .map_or(0, |h| h.at_ms);
        format!(
            "The hand-off reached {} in {offered} ms.",
            escape(outcome.offered_to.as_deref().unwrap_or("an agent"))
        )
        .green()
        .to_string()
    } else {
        format!(
            "The hand-off did not reach an agent: {}.",
            escape(outcome.failure.as_deref().unwrap_or("unknown reason"))
        )
        .red()
        .to_string()
    };
    printer.result(last);
    if let Some(hint) = &outcome.hint {
        printer.result(format!("{} {hint}", "hint:".cyan()));
    }
    if outcome.left_behind() {
        printer.line(format!(
            "{} some records the test created are left (listed above); delete them by hand",
            "warning:".yellow()
        ));
        return ExitStatus::WriteFailed;
    }
    if outcome.reached {
        ExitStatus::Success
    } else {
        ExitStatus::StepsFailed
    }
}
