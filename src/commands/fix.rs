//! `sn-handoff check --fix`: after the checks, repair every failing step in dependency order
//! (plugins first: the roles, the REST message and the AWA API come with them; then the
//! group's roles and members; then the webhook; then the agent's presence; with `--deep` then
//! Agent Chat and AWA, the 4.1+ reply connection and the live agent channel), each with the
//! same `fix()` its single command uses, then check again. Exit 0 only when every step passes
//! afterwards; `--json` (or `--format`) prints the report of the final check.

use colored::Colorize;

use super::check::{check_with, print_human, CheckReport};
use crate::cli::CheckArgs;
use crate::error::{Error, ErrorKind, ExitStatus, Result};
use crate::report::{self, Format};
use crate::servicenow::Client;
use crate::settings::Settings;
use crate::state::StateFile;
use crate::steps::change::Change;
use crate::steps::deep::{agent_chat, live_agent_channel};
use crate::steps::plugins::{ActivateOptions, Backoff, Outcome};
use crate::steps::webhook::Selector;
use crate::steps::{
    agent_available, group_members, group_roles, plugins, webhook, Context, Status, StepId,
    StepOptions,
};
use crate::ui::progress::ActivationView;
use crate::ui::Printer;

/// What became of one failing step.
pub(crate) enum Repair {
    /// Repaired; the summary says how.
    Fixed(String),
    /// Nothing can be done without more input; the text says what to give.
    Needs(String),
    /// The repair failed.
    Failed(Error),
}

/// Runs the repairs after the first check, and the final check.
pub async fn run(
    settings: &Settings,
    client: &Client,
    opts: StepOptions,
    first: CheckReport,
    args: &CheckArgs,
    format: Format,
    printer: &Printer,
) -> Result<ExitStatus> {
    let blocked = first
        .steps
        .iter()
        .any(|s| s.status == Status::Fail && matches!(s.id, StepId::Instance | StepId::Auth));
    if first.ok() || blocked {
        report::emit(printer, &first, format);
        print_human(printer, client, &first);
        if blocked {
            printer.line("Nothing can be repaired before the instance and the login work.");
        }
        return Ok(first.exit);
    }
    print_human(printer, client, &first);
    printer.line(format!("{}", "Repairing".bold()));
    let state = StateFile::for_run(settings, client);
    let _lock = StateFile::lock_for_run(settings, client).await?;
    let ctx = Context::new(client.clone(), opts.clone());
    let mut worst = ExitStatus::StepsFailed;
    for report in first.steps.iter().filter(|s| s.status == Status::Fail) {
        let repair = repair(&ctx, report.id, args.deadline, state.as_ref(), printer).await;
        let id = report.id.as_str();
        match repair {
            Repair::Fixed(how) => printer.line(format!("{} {id}: {how}", "✓ fixed".green())),
            Repair::Needs(what) => printer.line(format!("{} {id}: {what}", "- left".dimmed())),
            Repair::Failed(e) => {
                printer.line(format!("{} {id}: {e}", "✗ failed".red().bold()));
                if let Some(hint) = e.hint() {
                    printer.line(format!("  {} {hint}", "hint:".cyan()));
                }
                // A repair that needs other input leaves the step failing, nothing worse.
                worst = worst.worst(match e.kind() {
                    ErrorKind::Usage | ErrorKind::CheckFailed => ExitStatus::StepsFailed,
                    kind => kind.into(),
                });
            }
        }
    }
    printer.line(format!("{}", "Checking again".bold()));
    let last = check_with(Context::new(client.clone(), opts), args.deep).await;
    report::emit(printer, &last, format);
    print_human(printer, client, &last);
    Ok(if last.ok() {
        ExitStatus::Success
    } else {
        last.exit.worst(worst)
    })
}

/// What a repair wrote, in words for a summary.
pub(crate) fn changed(changes: &[Change]) -> String {
    if changes.is_empty() {
        "nothing needed changing any more".to_string()
    } else {
        let what: Vec<String> = changes
            .iter()
            .map(|c| {
                if c.is_insert() {
                    format!("added {} {} ({})", c.field, c.after, c.record)
                } else {
                    format!("{} of {} set to \"{}\"", c.field, c.record, c.after)
                }
            })
            .collect();
        what.join("; ")
    }
}

/// Repairs one step with its `fix()` (plugins with their progress shown, watched until
/// `deadline`).
pub(crate) async fn repair(
    ctx: &Context,
    id: StepId,
    deadline: std::time::Duration,
    state: Option<&StateFile>,
    printer: &Printer,
) -> Repair {
    let result = match id {
        StepId::Instance | StepId::Auth => return Repair::Needs("not repairable here".into()),
        StepId::Plugins => {
            let opts = ActivateOptions {
                deadline,
                backoff: Backoff::from_env(),
            };
            let view = ActivationView::new(printer);
            match plugins::fix(&ctx.client, &opts, state, &view).await {
                Err(e) => Err(e),
                Ok(activations) => match plugins::verdict(
                    &activations,
                    "sn-handoff check --fix (or sn-handoff plugins --activate)",
                ) {
                    Some(e) => Err(e),
                    None => Ok(format!(
                        "activated {}",
                        activations
                            .iter()
                            .filter(|a| a.outcome == Outcome::Activated)
                            .count()
                    )),
                },
            }
        }
        StepId::GroupRoles => group_roles::fix(ctx).await.map(|c| changed(&c)),
        StepId::GroupMembers => {
            if ctx.opts.agent.is_none() {
                return Repair::Needs("name the agent to add with --agent USER".into());
            }
            group_members::fix(ctx).await.map(|c| changed(&c))
        }
        StepId::Webhook | StepId::ReplyUrl => {
            let Some(url) = ctx.opts.webhook_url.as_deref() else {
                return Repair::Needs(
                    "give the bot's URL with --webhook-url URL (or run sn-handoff set-webhook URL)"
                        .into(),
                );
            };
            webhook::fix(&ctx.client, &Selector::default(), url, false, state)
                .await
                .map(|o| changed(&o.changes))
        }
        StepId::AgentAvailable => agent_available::fix(ctx).await.map(|c| changed(&c)),
        StepId::AgentChat => {
            let opts = ActivateOptions {
                deadline,
                backoff: Backoff::from_env(),
            };
            agent_chat::fix(ctx, &opts, &ActivationView::new(printer)).await
        }
        StepId::LiveAgentChannel => live_agent_channel::fix(ctx).await,
        // No API can do these: the token is a secret for the bot, and a queue's eligibility
        // needs an assignment rule someone chooses. The check above printed the way by hand.
        StepId::Provider | StepId::Routing => {
            return Repair::Needs(
                "not repairable through the API: see the fix under it in the check above".into(),
            )
        }
    };
    match result {
        Ok(how) => Repair::Fixed(how),
        Err(e) => Repair::Failed(e),
    }
}
