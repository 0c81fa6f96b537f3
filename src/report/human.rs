//! The human lines of a [`CheckReport`]: one per step, the fix under each failure, and a
//! closing count.

use colored::Colorize;

use super::counts;
use crate::servicenow::Client;
use crate::steps::engine::CheckReport;
use crate::steps::Status;
use crate::ui::escape::escape;
use crate::ui::Printer;

/// One line per step (on stdout, or on stderr beside a machine format), the fix under each
/// failure, and a closing count. What the instance said is escaped; long lines wrap under
/// the summary.
pub fn print_human(printer: &Printer, client: &Client, report: &CheckReport) {
    printer.result(format!(
        "{} {} as {} ({} auth)",
        "Checked".bold(),
        escape(&report.instance),
        escape(client.user()),
        client.method_name()
    ));
    let width = report
        .steps
        .iter()
        .map(|s| s.id.as_str().len())
        .max()
        .unwrap_or(0);
    for s in &report.steps {
        let mark = mark(s.status);
        printer.result_hanging(
            format!("{mark}  {:<width$}  {}", s.id.as_str(), escape(&s.summary)),
            8 + width + 2,
        );
        if let Some(fix) = &s.fix {
            if s.status != Status::Pass {
                printer.result_hanging(
                    format!(
                        "        {:<width$}  {} {}",
                        "",
                        "fix:".cyan(),
                        escape(&fix.to_string())
                    ),
                    8 + width + 2 + 5,
                );
            }
        }
    }
    let line = format!("{} in {} ms", counts(report), report.elapsed_ms);
    printer.result(if report.ok() {
        line.green().to_string()
    } else {
        line.red().to_string()
    });
}

/// A step's status as the human lines show it: `✓ pass`, `✗ fail`, `! warn`, `- skip`.
pub fn mark(status: Status) -> colored::ColoredString {
    match status {
        Status::Pass => "✓ pass".green(),
        Status::Fail => "✗ fail".red().bold(),
        Status::Warn => "! warn".yellow(),
        Status::Skip => "- skip".dimmed(),
    }
}
