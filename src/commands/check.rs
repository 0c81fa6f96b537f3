//! `sn-handoff check`: verify every step of the table (`steps::engine`), read-only: the
//! instance probe first, then every other read at once, the deep steps' too with `--deep`
//! (they follow the seven in the report). Exit 0 when no step fails, 1 when one does, 3 or 4
//! when the instance or the credentials could not be used. With `--fix` the repairs follow
//! (`commands::fix`).

use crate::cli::CheckArgs;
use crate::error::{ExitStatus, Result};
use crate::report::{self, print_human};
use crate::settings::Settings;
use crate::steps::engine;
use crate::steps::Context;
use crate::ui::Printer;

/// Runs `check`.
pub async fn run(settings: &Settings, args: &CheckArgs, printer: &Printer) -> Result<ExitStatus> {
    let format = report::Format::resolve(args.format, printer.json())?;
    let opts = settings.step_options(&args.steps)?;
    let (client, _source) = settings.connect()?;
    let spinner = printer.spinner(&format!("Checking {}", client.instance()));
    let report = engine::check(Context::new(client.clone(), opts.clone()), args.deep).await;
    spinner.finish_and_clear();
    if args.fix {
        return super::fix::run(settings, &client, opts, report, args, format, printer).await;
    }
    report::emit(printer, &report, format);
    print_human(printer, &client, &report);
    Ok(report.exit)
}
