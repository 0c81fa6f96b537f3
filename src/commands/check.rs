//! `sn-handoff check`: verify every step of the table (`steps::engine`), read-only: the
//! instance probe first, then every other read at once, the deep steps' too with `--deep`
//! (they follow the seven in the report). Exit 0 when no step fails, 1 when one does, 3 or 4
//! when the instance or the credentials could not be used. With `--fix` the repairs follow
//! (`commands::fix`).

use crate::cli::CheckArgs;
use crate::error::{ExitStatus, Result};
use crate::report::{self, print_human};
use crate::settings::Settings;
use crate::steps::engine::{self, CheckReport};
use crate::steps::{Context, Status, StepId};
use crate::ui::Printer;

/// Runs `check`.
pub async fn run(settings: &Settings, args: &CheckArgs, printer: &Printer) -> Result<ExitStatus> {
    let format = report::Format::resolve(args.format, printer.json())?;
    let opts = settings.step_options(&args.steps)?;
    let (client, _source) = settings.connect()?;
    let kore = crate::steps::kore::side(settings)?;
    let spinner = printer.spinner(&format!("Checking {}", client.instance()));
    let ctx = Context::new(client.clone(), opts.clone()).with_kore(kore.clone());
    let report = engine::check(ctx, args.deep).await;
    spinner.finish_and_clear();
    let printer = &printer.results_beside(format != report::Format::Human);
    if format == report::Format::Human {
        // A person asked: an instance that cannot be reached is one line, not a report.
        if let Some(e) = unreachable(&report) {
            return Err(e);
        }
    }
    if args.fix {
        return super::fix::run(settings, &client, opts, kore, report, args, format, printer).await;
    }
    report::emit(printer, &report, format);
    print_human(printer, &client, &report);
    Ok(report.exit)
}

/// The one-line error of a report whose instance could not be reached at all.
fn unreachable(report: &CheckReport) -> Option<crate::error::Error> {
    let step = report.steps.first()?;
    let name = step.details.get("error")?.as_str()?;
    if step.id != StepId::Instance
        || step.status != Status::Fail
        || !matches!(name, "dns" | "tls" | "connect" | "timeout")
    {
        return None;
    }
    let error = crate::error::Error::unusable(step.summary.clone());
    Some(match &step.fix {
        Some(fix) => error.with_hint(fix.to_string()).hint_inline(),
        None => error,
    })
}
