//! The human lines of a [`CheckReport`], on stderr whatever the format: one per step, the
//! fix under each failure, and a closing count.

use colored::Colorize;

use super::counts;
use crate::servicenow::Client;
use crate::steps::engine::CheckReport;
use crate::steps::Status;
use crate::ui::Printer;

/// One line per step on stderr, the fix under each failure, and a closing count.
pub fn print_human(printer: &Printer, client: &Client, report: &CheckReport) {
    printer.line(format!(
        "{} {} as {} ({} auth)",
        "Checked".bold(),
        report.instance,
        client.user(),
        client.method_name()
    ));
    let width = report
        .steps
        .iter()
        .map(|s| s.id.as_str().len())
        .max()
        .unwrap_or(0);
    for s in &report.steps {
        let mark = match s.status {
            Status::Pass => "✓ pass".green(),
            Status::Fail => "✗ fail".red().bold(),
            Status::Warn => "! warn".yellow(),
            Status::Skip => "- skip".dimmed(),
        };
        printer.line(format!("{mark}  {:<width$}  {}", s.id.as_str(), s.summary));
        if let Some(fix) = &s.fix {
            if s.status != Status::Pass {
                printer.line(format!("        {:<width$}  {} {}", "", "fix:".cyan(), fix));
            }
        }
    }
    let line = format!("{} in {} ms", counts(report), report.elapsed_ms);
    printer.line(if report.ok() {
        line.green().to_string()
    } else {
        line.red().to_string()
    });
}
