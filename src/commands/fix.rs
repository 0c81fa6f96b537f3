//! `sn-handoff check --fix`: after the checks, repair every failing step in the table's order,
//! which is the dependency order (plugins first: the roles, the REST message and the AWA API
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
use crate::steps::{Context, Status, StepOptions};
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
    format: Format,
    printer: &Printer,
) -> Result<ExitStatus> {
    let blocked = first.halted;
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
    let kore_fails = first
        .steps
        .iter()
        .any(|s| s.id == crate::steps::kore::ID && s.status == Status::Fail);
    let kore = match kore {
        Some(side) if kore_fails => Some(crate::steps::kore::with_plan(settings, side).await?),
        other => other,
    };
    let ctx = Context::new(client.clone(), opts.clone()).with_kore(kore.clone());
    let env = Repairing {
        deadline: args.deadline,
        state: state.as_ref(),
        printer,
    };
    let mut worst = ExitStatus::StepsFailed;
    for report in first.steps.iter().filter(|s| s.status == Status::Fail) {
        let repair = engine::repair(&ctx, report.id, &env).await;
        let id = report.id.as_str();
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
    let last = engine::check(
        Context::new(client.clone(), opts).with_kore(kore),
        args.deep,
    )
    .await;
    report::emit(printer, &last, format);
    print_human(printer, client, &last);
    Ok(if last.ok() {
        ExitStatus::Success
    } else {
        last.exit.worst(worst)
    })
}
