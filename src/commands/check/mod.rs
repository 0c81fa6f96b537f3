//! `sn-handoff check`: verify every step of the table (`steps::engine`), read-only: the
//! instance probe first, then every other read at once, the deep steps' too with `--deep`
//! (they follow the seven in the report). Exit 0 when no step fails, 1 when one does, 3 or 4
//! when the instance or the credentials could not be used. With `--fix` the repairs follow
//! (`commands::check::fix`).

pub mod fix;
pub mod read;

use crate::cli::CheckArgs;
use crate::error::{ExitStatus, Result};
use crate::report::{self, print_human};
use crate::servicenow::{ApiError, Client};
use crate::settings::Settings;
use crate::state::StateFile;
use crate::steps::engine::CheckReport;
use crate::steps::{Status, StepId};
use crate::ui::Printer;

/// Runs `check`.
pub async fn run(settings: &Settings, args: &CheckArgs, printer: &Printer) -> Result<ExitStatus> {
    let format = report::Format::resolve(args.format, printer.json())?;
    // `--format json` is `--json`: a failure, or a signal, is the JSON error document too.
    crate::ui::set_json_errors(format == report::Format::Json);
    if args.fleet() {
        return super::fleet::run(settings, args, format, printer).await;
    }
    let opts = settings.step_options(&args.steps)?;
    let (client, _source) = settings.connect()?;
    let kore = crate::steps::kore_side::side(settings)?;
    let spinner = printer.spinner(&format!("Checking {}", client.instance()));
    let (report, checked) =
        read::check_keeping(settings, &client, opts.clone(), kore.clone(), args.deep).await;
    spinner.finish_and_clear();
    warn_pending(settings, &client);
    let printer = &printer.results_beside(format != report::Format::Human);
    if format == report::Format::Human {
        // A person asked: an instance that cannot be reached is one line, not a report.
        if let Some(e) = unreachable(&report) {
            return Err(e);
        }
    }
    if args.fix {
        let first = fix::First { report, checked };
        return fix::run(settings, &client, opts, kore, first, args, printer).await;
    }
    report::emit(printer, &report, format);
    print_human(printer, &client, &report);
    Ok(report.exit)
}

/// Says, on stderr beside the report in every format, a temporary write an interrupted run
/// left (the outbound HTTP log at level all). Only `check` says it: `doctor`, which also reads
/// through [`read::check_with`], holds temporary writes of its own while it reads.
fn warn_pending(settings: &Settings, client: &Client) {
    if let Some(state) = StateFile::for_run(settings, client) {
        for line in crate::journal::temporary::pending_warning(&state) {
            crate::ui::diagnostic(format!("warning: {line}"));
        }
    }
}

/// The one-line error of a report whose instance could not be reached at all.
fn unreachable(report: &CheckReport) -> Option<crate::error::Error> {
    let step = report.steps.first()?;
    let read = step.read_error.as_ref()?;
    if step.id != StepId::Instance
        || step.status != Status::Fail
        || !matches!(
            read,
            ApiError::Dns(_) | ApiError::Tls(_) | ApiError::Connect(_) | ApiError::Timeout { .. }
        )
    {
        return None;
    }
    let error = crate::error::Error::unusable(step.summary.clone());
    Some(match &step.fix {
        Some(fix) => error.with_hint(fix.to_string()).hint_inline(),
        None => error,
    })
}
