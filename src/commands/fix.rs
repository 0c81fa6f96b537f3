//! `sn-handoff check --fix`: after the checks, repair every failing step in the table's order
//! (the independent ones at once, see [`repair_all`]), which is the dependency order (plugins first: the roles, the REST message and the AWA API
//! come with them; then the group's roles and members; then the webhook; then the agent's
//! presence; with `--deep` then Agent Chat and AWA, the 4.1+ reply connection and the live
//! agent channel), each with its row's fix (the same `fix()` its single command uses), then
//! check again. Exit 0 only when every step passes
//! afterwards; `--json` (or `--format`) prints the report of the final check.

use colored::Colorize;

use crate::cli::CheckArgs;
use crate::error::{ErrorKind, ExitStatus, Result};
use crate::report::{self, print_human, Format};
use crate::servicenow::Client;
use crate::settings::Settings;
use crate::state::StateFile;
use crate::steps::engine::Repair;
use crate::steps::engine::{self, CheckReport, Repairing};
use crate::steps::kore::KoreSide;
use crate::steps::{Context, Status, StepId, StepOptions};
use crate::ui::escape::escape;
use crate::ui::Printer;

/// Runs the repairs after the first check, and the final check.
pub async fn run(
    settings: &Settings,
    client: &Client,
    opts: StepOptions,
    kore: Option<KoreSide>,
    first: CheckReport,
    args: &CheckArgs,
    printer: &Printer,
) -> Result<ExitStatus> {
    let format = Format::resolve(args.format, printer.json())?;
    let blocked = first.halted;
    if args.dry_run && !blocked {
        return super::plan::run(client, opts, kore, first, args, format, printer).await;
    }
    if first.ok() && !blocked {
        // Nothing to repair; still a writing run: what a stopped run left in the journal
        // (its writes may all have landed) or a temporary write is finished first.
        if let Some(file) = StateFile::for_run(settings, client) {
            let left = file.load()?;
            if left.journal.is_some() || !left.temporary.is_empty() {
                drop(StateFile::lock_for_run(settings, client, "check --fix").await?);
            }
        }
    }
    if first.ok() || blocked {
        report::emit(printer, &first, format);
        print_human(printer, client, &first);
        if blocked {
            printer.result("Nothing can be repaired before the instance and the login work.");
        }
        return Ok(first.exit);
    }
    print_human(printer, client, &first);
    printer.result(format!("{}", "Repairing".bold()));
    let state = StateFile::for_run(settings, client);
    let _lock = StateFile::lock_for_run(settings, client, "check --fix").await?;
    let (failing, kore) = to_repair(client, &first, kore).await?;
    let ctx = Context::new(client.clone(), opts.clone()).with_kore(kore.clone());
    let env = Repairing {
        deadline: args.deadline,
        state: state.as_ref(),
        printer,
    };
    let repairs = repair_all(&ctx, &failing, &env).await;
    let mut worst = ExitStatus::StepsFailed;
    for (id, repair) in repairs {
        let id = id.as_str();
        match repair {
            Repair::Fixed(how) => {
                printer.result(format!("{} {id}: {}", "✓ fixed".green(), escape(&how)))
            }
            Repair::Needs(what) => {
                printer.result(format!("{} {id}: {}", "- left".dimmed(), escape(&what)))
            }
            Repair::Failed(e) => {
                printer.result(format!(
                    "{} {id}: {}",
                    "✗ failed".red().bold(),
                    escape(e.message())
                ));
                if let Some(hint) = e.hint() {
                    printer.result(format!("  {} {}", "hint:".cyan(), escape(hint)));
                }
                // A repair that needs other input leaves the step failing, nothing worse.
                worst = worst.worst(match e.kind() {
                    ErrorKind::Usage | ErrorKind::CheckFailed => ExitStatus::StepsFailed,
                    kind => kind.into(),
                });
            }
        }
    }
    printer.result(format!("{}", "Checking again".bold()));
    // The credentials just worked: the final check sends every read at once.
    let last = engine::check(
        Context::new(client.clone(), opts)
            .warm(true)
            .with_kore(kore),
        args.deep,
    )
    .await;
    if format == Format::Json {
        // The final report, with what this run wrote (as the plan of --dry-run lists it).
        let mut doc = last.to_json();
        doc["changes"] = serde_json::to_value(
            crate::journal::current(client)
                .map(|j| j.outcome().changed.into_iter().cloned().collect::<Vec<_>>())
                .unwrap_or_default(),
        )
        .unwrap_or_default();
        printer.print_json(&doc);
    } else {
        report::emit(printer, &last, format);
    }
    print_human(printer, client, &last);
    Ok(if last.ok() {
        ExitStatus::Success
    } else {
        last.exit.worst(worst)
    })
}

/// The failing steps of `first`, and the Kore.ai side with what `kore connect` would push
/// when its step is one of them.
pub(super) async fn to_repair(
    client: &Client,
    first: &CheckReport,
    kore: Option<KoreSide>,
) -> Result<(Vec<StepId>, Option<KoreSide>)> {
    let failing: Vec<StepId> = first
        .steps
        .iter()
        .filter(|s| s.status == Status::Fail)
        .map(|s| s.id)
        .collect();
    let kore = match kore {
        Some(side) if failing.contains(&crate::steps::kore::ID) => {
            Some(crate::steps::kore::with_plan(client, side).await?)
        }
        other => other,
    };
    Ok((failing, kore))
}

/// Repairs `failing` (in table order) and returns each repair in that order: the plugins
/// first (the roles, the REST message and the AWA API come with them); then, at once, the
/// group's roles and members followed by the agent's presence (which needs the membership),
/// beside the webhook (the REST message alone); then the deep steps one after another.
pub(super) async fn repair_all(
    ctx: &Context,
    failing: &[StepId],
    env: &Repairing<'_>,
) -> Vec<(StepId, Repair)> {
    let one_by_one = |ids: Vec<StepId>| async move {
        let mut done = Vec::new();
        for id in ids {
            done.push((id, engine::repair(ctx, id, env).await));
        }
        done
    };
    let phase = |id: &StepId| engine::step(*id).map(|row| row.phase);
    let (first, rest): (Vec<StepId>, Vec<StepId>) =
        failing.iter().partition(|id| **id == StepId::Plugins);
    let (guide, later): (Vec<StepId>, Vec<StepId>) = rest
        .into_iter()
        .partition(|id| phase(id) == Some(engine::Phase::Guide));
    let (webhook, group): (Vec<StepId>, Vec<StepId>) =
        guide.into_iter().partition(|id| *id == StepId::Webhook);
    let mut done = one_by_one(first).await;
    let (group, webhook) = tokio::join!(one_by_one(group), one_by_one(webhook));
    done.extend(group);
    done.extend(webhook);
    done.extend(one_by_one(later).await);
    done.sort_by_key(|(id, _)| failing.iter().position(|f| f == id));
    done
}
