//! `check --format github`: one workflow command per failing step (`::error`) and per warning
//! (`::warning`) on stdout, which the runner turns into annotations on the run, and the
//! Markdown table appended to the job summary file.
//!
//! Workflow commands: <https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands>
//! ("Setting an error message", "Adding a job summary"). The page gives the syntax
//! (`::error title={title}::{message}`) but not the escaping; the runner's own toolkit
//! escapes a message with `%` → `%25`, `\r` → `%0D`, `\n` → `%0A`, and a property value with
//! those and `:` → `%3A`, `,` → `%2C` (actions/toolkit, `packages/core/src/command.ts`,
//! `escapeData` and `escapeProperty`), and the runner decodes the same set.

use std::io::Write;
use std::path::Path;

use crate::steps::engine::CheckReport;
use crate::steps::{Status, StepReport};
use crate::ui::escape::escape;

/// The workflow commands for the failing and warning steps, one per line.
pub fn render(report: &CheckReport) -> String {
    render_for(report, None)
}

/// [`render`], with `profile` (a run over several profiles) in front of each title and
/// message.
pub fn render_for(report: &CheckReport, profile: Option<&str>) -> String {
    let prefix = profile
        .map(|p| format!("{}: ", escape(p)))
        .unwrap_or_default();
    let mut out = String::new();
    for step in &report.steps {
        let command = match step.status {
            Status::Fail => "error",
            Status::Warn => "warning",
            Status::Pass | Status::Skip => continue,
        };
        out.push_str(&format!(
            "::{command} title={}::{}\n",
            escape_property(&format!("{prefix}sn-handoff check: {}", step.id.as_str())),
            escape_data(&format!("{prefix}{}", message(step)))
        ));
    }
    out
}

/// The annotation's text: the summary, and the fix on the next line. What the instance said
/// is escaped first, so only this line break is one.
fn message(step: &StepReport) -> String {
    let summary = escape(&step.summary);
    match &step.fix {
        Some(fix) => format!("{summary}\nfix: {}", escape(&fix.to_string())),
        None => summary.into_owned(),
    }
}

/// Appends the Markdown table to the job summary file (created when missing, as the runner
/// does for each step).
pub fn append_summary(path: &Path, markdown: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    // What a server wrote into a step's summary passes the one scrubber, as on every sink.
    file.write_all(crate::ui::secrets::scrub(markdown).as_bytes())?;
    file.write_all(b"\n")?;
    file.flush()
}

/// Escapes the message of a workflow command.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command (`title=`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_decodes() {
        assert_eq!(escape_data("50%\r\nnext: a, b"), "50%25%0D%0Anext: a, b");
        assert_eq!(escape_property("check: a, 100%"), "check%3A a%2C 100%25");
        // `%` first, so an escape already in the text is not taken for one.
        assert_eq!(escape_data("%0A"), "%250A");
    }
}
