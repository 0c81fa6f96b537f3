//! `sn-handoff check --fix`: after the checks, repair every failing step, each with its row's
//! fix (the same `fix()` its single command uses), in the order the step table's `affects`
//! gives (see [`repair_all`]: the plugins first, since the roles, the REST message, the 4.1+
//! Bot Connection and the AWA API come with them), then check again. A step whose inputs a
//! repair of this run changed and that fails now is repaired again in the same run (at most
//! [`MAX_PASSES`] passes). Exit 0 only when every step passes afterwards; `--json` (or
//! `--format`) prints the report of the final check. With `--dry-run`, the plan (`plan.rs`).

use colored::Colorize;

use crate::cli::CheckArgs;
use crate::error::{ErrorKind, ExitStatus, Result};
use crate::report::{self, print_human, Format};
use crate::servicenow::Client;
use crate::settings::Settings;
use crate::state::StateFile;
use crate::steps::engine::{self, CheckReport};
use crate::steps::kore_side::KoreSide;
use crate::steps::repairs::{needs_repair, repair_all, to_repair};
use crate::steps::row::{Repair, Repairing};
use crate::steps::{Context, Status, StepId, StepOptions};
use crate::ui::escape::escape;
use crate::ui::Printer;

/// The check before the repairs: its report, and the context with what it read.
pub struct First {
    pub report: CheckReport,
    pub checked: Context,
}

/// Runs the repairs after the first check, and the final check.
pub async fn run(
    settings: &Settings,
    client: &Client,
    opts: StepOptions,
    kore: Option<KoreSide>,
    first: First,
    args: &CheckArgs,
    printer: &Printer,
) -> Result<ExitStatus> {
    let First {
        report: first,
        checked,
    } = first;
    let format = Format::resolve(args.format, printer.json())?;
    let blocked = first.halted;
    let nothing = needs_repair(&first).is_empty();
    if args.dry_run && !blocked {
        return crate::commands::plan::run(client, opts, kore, first, args, format, printer).await;
    }
    if nothing && !blocked {
        finish_left(settings, client).await?;
    }
    if nothing || blocked {
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
    let lock = StateFile::lock_for_run(settings, client, "check --fix").await?;
    // What the check read stands only when no other run of this machine held the lock or
    // left something to finish in the meantime.
    let checked_stands = lock
        .as_ref()
        .is_none_or(crate::state::InstanceLock::at_once);
    let (mut failing, kore) = to_repair(client, &first, kore).await?;
    let env = Repairing {
        deadline: args.deadline,
        state: state.as_ref(),
        printer,
        settled: None,
    };
    let mut worst = ExitStatus::StepsFailed;
    // The steps whose repair failed (in the last pass that repaired them).
    let mut failed: Vec<StepId> = Vec::new();
    let mut pass = 1;
    // The report each pass's check updates: the first check's, to begin with.
    let mut current = first;
    let last = loop {
        // A fresh context each pass: what the last one read may have changed since. The
        // first pass's plugins repair starts from the rows the check just read (nothing
        // repaired before it can have changed them).
        let mut ctx = Context::new(client.clone(), opts.clone()).with_kore(kore.clone());
        if pass == 1 && checked_stands {
            ctx = ctx.with_checked_plugins(&checked);
        }
        let repairs = repair_all(&ctx, &failing, &env).await;
        let (changed, needs) = tally(printer, repairs, &mut failed, &mut worst);
        printer.result(format!("{}", "Checking again".bold()));
        // The credentials just worked: the check sends every read at once. Only what this
        // pass repaired, and what that affects, is read again.
        let last = engine::recheck(
            &Context::new(client.clone(), opts.clone())
                .warm(true)
                .with_kore(kore.clone()),
            &current,
            args.deep,
            &failing,
        )
        .await;
        let again = repair_again(&last, &changed, &needs);
        if again.is_empty() || last.halted || pass >= MAX_PASSES {
            break last;
        }
        current = last;
        print_again(printer, &again);
        failing = again;
        pass += 1;
    };
    emit_final(printer, client, &last, format);
    Ok(exit_status(&last, &failed, worst))
}

/// Nothing to repair; still a writing run: decides whether what a stopped run left in the
/// journal (its writes may all have landed) or a temporary write is to be finished first,
/// which taking the run's lock does.
async fn finish_left(settings: &Settings, client: &Client) -> Result<()> {
    if let Some(file) = StateFile::for_run(settings, client) {
        let left = file.load()?;
        if left.journal.is_some() || !left.temporary.is_empty() {
            drop(StateFile::lock_for_run(settings, client, "check --fix").await?);
        }
    }
    Ok(())
}

/// Prints one pass's repairs and sorts them: the steps they changed, and those whose repair
/// needs input it was not given (it needs it again next pass); the failed ones are kept in
/// `failed` (only the last pass that repaired a step counts), and `worst` takes the exit
/// status each calls for.
fn tally(
    printer: &Printer,
    repairs: Vec<(StepId, Repair)>,
    failed: &mut Vec<StepId>,
    worst: &mut ExitStatus,
) -> (Vec<StepId>, Vec<StepId>) {
    let mut changed: Vec<StepId> = Vec::new();
    let mut needs: Vec<StepId> = Vec::new();
    for (id, repair) in repairs {
        failed.retain(|f| *f != id);
        match repair {
            Repair::Fixed(_) => changed.push(id),
            Repair::Needs(_) => needs.push(id),
            Repair::Failed(_) => failed.push(id),
        }
        *worst = worst.worst(print_repair(printer, id, repair));
    }
    (changed, needs)
}

/// Decides which steps are repaired again: those a repair of this pass could change
/// (`changed`), that fail now in `last`: their inputs moved under them (activating the
/// plugins created the Bot Connection after the webhook step was read). Only steps with a fix,
/// and none that needs input it was not given (`needs`).
fn repair_again(last: &CheckReport, changed: &[StepId], needs: &[StepId]) -> Vec<StepId> {
    last.steps
        .iter()
        .filter(|s| s.status == Status::Fail)
        .filter(|s| changed.iter().any(|by| engine::affects(*by, s.id)))
        .filter(|s| engine::step(s.id).is_some_and(|row| row.fix.is_some()))
        .filter(|s| !needs.contains(&s.id))
        .map(|s| s.id)
        .collect()
}

/// Says which steps are repaired again, and why.
fn print_again(printer: &Printer, again: &[StepId]) {
    let names: Vec<&str> = again.iter().map(|id| id.as_str()).collect();
    printer.result(format!(
        "{} {} (the repairs above changed what {} read{})",
        "Repairing again:".bold(),
        names.join(", "),
        if names.len() == 1 { "it" } else { "they" },
        if names.len() == 1 { "s" } else { "" }
    ));
}

/// Prints the final check: in JSON the final report with what this run wrote (as the plan
/// of --dry-run lists it), else in the chosen format, then for people.
fn emit_final(printer: &Printer, client: &Client, last: &CheckReport, format: Format) {
    if format == Format::Json {
        let mut doc = last.to_json();
        doc["changes"] = serde_json::to_value(
            crate::journal::current(client)
                .map(|j| j.outcome().changed.into_iter().cloned().collect::<Vec<_>>())
                .unwrap_or_default(),
        )
        .unwrap_or_default();
        printer.print_json(&doc);
    } else {
        report::emit(printer, last, format);
    }
    print_human(printer, client, last);
}

/// Decides the run's exit status: success only when the final check passes and no failed
/// repair's step still falls short of passing (a Kore.ai write that failed after the
/// integration was written leaves "not published yet", a warning: its work is not all there).
fn exit_status(last: &CheckReport, failed: &[StepId], worst: ExitStatus) -> ExitStatus {
    let unfinished = failed.iter().any(|id| {
        last.steps
            .iter()
            .any(|s| s.id == *id && s.status != Status::Pass)
    });
    if last.ok() && !unfinished {
        ExitStatus::Success
    } else {
        last.exit.worst(worst)
    }
}

/// How many times one `check --fix` repairs at most (the first repairs, then the steps they
/// changed, then once more).
pub const MAX_PASSES: usize = 3;

/// Prints one repair; returns the exit status it calls for.
fn print_repair(printer: &Printer, id: StepId, repair: Repair) -> ExitStatus {
    let id = id.as_str();
    match repair {
        Repair::Fixed(how) => {
            printer.result(format!("{} {id}: {}", "✓ fixed".green(), escape(&how)));
            ExitStatus::StepsFailed
        }
        Repair::Needs(what) => {
            printer.result(format!("{} {id}: {}", "- left".dimmed(), escape(&what)));
            ExitStatus::StepsFailed
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
            match e.kind() {
                ErrorKind::Usage | ErrorKind::CheckFailed => ExitStatus::StepsFailed,
                kind => kind.into(),
            }
        }
    }
}
