//! `check --format markdown`, and the job summary of `--format github`: a heading, one table
//! row per step (status, step, summary, fix), the hand-off as a Mermaid flowchart
//! ([`super::mermaid`]) and the closing count. Every value from the
//! instance or the command line is escaped, so a `|` or a `<` in a group name cannot break the
//! table or become HTML.

use super::counts;
use crate::steps::engine::CheckReport;
use crate::steps::Status;

/// The report as a GitHub-flavoured Markdown table.
pub fn render(report: &CheckReport) -> String {
    let release = report
        .release
        .as_deref()
        .map(|r| format!(" ({})", escape(r)))
        .unwrap_or_default();
    let mut out = format!(
        "### sn-handoff check: {}{release}\n\n| status | step | summary | fix |\n|---|---|---|---|\n",
        escape(&report.instance)
    );
    for step in &report.steps {
        let fix = match (&step.fix, step.status) {
            (Some(fix), Status::Fail | Status::Warn) => escape(&fix.to_string()),
            _ => String::new(),
        };
        out.push_str(&format!(
            "| {} | `{}` | {} | {fix} |\n",
            mark(step.status),
            step.id.as_str(),
            escape(&step.summary)
        ));
    }
    out.push('\n');
    out.push_str(&super::mermaid::flowchart(&report.steps, None));
    out.push_str(&format!(
        "\n**{}** in {} ms: {}\n",
        counts(report),
        report.elapsed_ms,
        if report.ok() {
            "ready for handoff".to_string()
        } else {
            format!("not ready (exit {})", report.exit)
        }
    ));
    out
}

/// The status cell: a sign that reads at a glance, and the status word to search for (the
/// same in every Markdown table: `check`'s, `why-no-agent`'s).
pub fn mark(status: Status) -> &'static str {
    match status {
        Status::Pass => "✅ pass",
        Status::Fail => "❌ fail",
        Status::Warn => "⚠️ warn",
        Status::Skip => "⏭️ skip",
    }
}

/// Escapes text for a table cell: control characters are written as escapes (a cell is one
/// line), Markdown punctuation gets a backslash (CommonMark allows one before any ASCII
/// punctuation), and `<`, `>` and `&` become entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Control and bidirectional characters first become visible escapes (`\n`), as in every
    // other format; their backslash is then escaped like any other.
    for c in crate::ui::escape::escape(text).chars() {
        match c {
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(escape("a|b"), r"a\|b");
        assert_eq!(escape(r"a\|b"), r"a\\\|b");
        assert_eq!(escape("<script>&"), "&lt;script&gt;&amp;");
        assert_eq!(escape("one\r\ntwo"), r"one\\r\\ntwo");
        assert_eq!(escape("`x` *y* _z_"), r"\`x\` \*y\* \_z\_");
        assert_eq!(escape("bell\u{7}\u{202e}"), r"bell\\u{7}\\u{202e}");
        assert_eq!(
            escape("sn-handoff plugins --activate"),
            "sn-handoff plugins --activate"
        );
    }
}
