//! The machine formats of a [`CheckReport`]: `check --format json|junit|github|markdown`.
//! Each renderer is a pure function from the report to text; [`emit`] writes that text to
//! stdout (and, for `github`, appends the summary table to `$GITHUB_STEP_SUMMARY`). Beside a
//! machine format the human lines go to stderr; the format never changes the exit code.

pub mod fleet;
pub mod github;
pub mod human;
pub mod junit;
pub mod markdown;
pub mod mermaid;
pub mod sarif;

use std::io::Write;

/// `--format`'s value is the UI's (the command line parses it below this layer).
pub use crate::ui::Format;
pub use human::print_human;

use crate::steps::engine::CheckReport;
use crate::steps::Status;
use crate::ui::Printer;

/// The environment file GitHub Actions gives each step for its job summary.
pub const GITHUB_STEP_SUMMARY: &str = "GITHUB_STEP_SUMMARY";

/// Writes `report` in `format` to stdout; for `github`, also appends the Markdown table to
/// the file `$GITHUB_STEP_SUMMARY` names, when it is set. A summary file that cannot be
/// written is a warning on stderr: the annotations are out and the exit code stays the
/// check's.
pub fn emit(printer: &Printer, report: &CheckReport, format: Format) {
    let text = match format {
        Format::Human => return,
        Format::Json => return printer.print_json(&report.to_json()),
        Format::Junit => junit::render(report),
        Format::Github => github::render(report),
        Format::Markdown => markdown::render(report),
        Format::Sarif => sarif::render(report),
    };
    write_stdout(&text);
    if format == Format::Github {
        append_github_summary(printer, &markdown::render(report));
    }
}

/// Writes a rendered report to stdout. What a server wrote into a step's summary passes the
/// one scrubber, as on every sink.
pub fn write_stdout(text: &str) {
    let text = crate::ui::secrets::scrub(text);
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Appends `markdown` to the job summary file `$GITHUB_STEP_SUMMARY` names, when it is set;
/// a file that cannot be written is a warning on stderr.
pub fn append_github_summary(printer: &Printer, markdown: &str) {
    if let Some(path) = std::env::var_os(GITHUB_STEP_SUMMARY).filter(|p| !p.is_empty()) {
        if let Err(e) = github::append_summary(std::path::Path::new(&path), markdown) {
            printer.line(format!(
                "warning: cannot append the summary to {} ({GITHUB_STEP_SUMMARY}): {e}",
                std::path::Path::new(&path).display()
            ));
        }
    }
}

/// How many steps have `status`.
pub fn count(report: &CheckReport, status: Status) -> usize {
    report.steps.iter().filter(|s| s.status == status).count()
}

/// `2 pass, 4 fail, 0 warn, 1 skip`: the closing count of every format.
pub fn counts(report: &CheckReport) -> String {
    format!(
        "{} pass, {} fail, {} warn, {} skip",
        count(report, Status::Pass),
        count(report, Status::Fail),
        count(report, Status::Warn),
        count(report, Status::Skip)
    )
}
