//! The machine formats of a [`CheckReport`]: `check --format json|junit|github|markdown`.
//! Each renderer is a pure function from the report to text; [`emit`] writes that text to
//! stdout (and, for `github`, appends the summary table to `$GITHUB_STEP_SUMMARY`). Beside a
//! machine format the human lines go to stderr; the format never changes the exit code.

pub mod fleet;
pub mod github;
pub mod human;
pub mod junit;
pub mod markdown;

use std::io::Write;

use clap::ValueEnum;

pub use human::print_human;

use crate::error::{Error, Result};
use crate::steps::engine::CheckReport;
use crate::steps::Status;
use crate::ui::Printer;

/// `check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per step on stdout
    Human,
    /// One JSON document on stdout, the same as `--json` (its JSON Schema: docs/schema/check-report.schema.json)
    Json,
    /// A JUnit XML report on stdout, one test case per step (GitLab, Jenkins)
    Junit,
    /// GitHub Actions annotations on stdout, and a table in $GITHUB_STEP_SUMMARY
    Github,
    /// A Markdown table on stdout
    Markdown,
}

impl Format {
    /// The format `--format` and `--json` ask for together: `--json` is `--format json`, so
    /// it agrees with `--format json` and conflicts with any other format (exit 2).
    pub fn resolve(format: Option<Format>, json: bool) -> Result<Format> {
        match (format, json) {
            (None, false) => Ok(Format::Human),
            (None, true) | (Some(Format::Json), _) => Ok(Format::Json),
            (Some(format), false) => Ok(format),
            (Some(format), true) => Err(Error::usage(format!(
                "--json means --format json, which conflicts with --format {}",
                format.name()
            ))
            .with_hint("give one of them")),
        }
    }

    /// The name as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Markdown => "markdown",
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn json_flag_and_format_agree_or_conflict() {
        assert_eq!(Format::resolve(None, false).unwrap(), Format::Human);
        assert_eq!(Format::resolve(None, true).unwrap(), Format::Json);
        assert_eq!(
            Format::resolve(Some(Format::Json), true).unwrap(),
            Format::Json
        );
        assert_eq!(
            Format::resolve(Some(Format::Junit), false).unwrap(),
            Format::Junit
        );
        let e = Format::resolve(Some(Format::Junit), true).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Usage);
        assert!(e.message().contains("--format junit"), "{}", e.message());
    }

    #[test]
    fn names_are_the_value_names() {
        for f in Format::value_variants() {
            assert_eq!(f.to_possible_value().unwrap().get_name(), f.name());
        }
    }
}
