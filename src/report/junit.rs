//! `check --format junit`: the report as JUnit XML, the test report format GitLab
//! (`artifacts:reports:junit`) and Jenkins (`junit` step) render. One `<testsuite
//! name="sn-handoff check">` inside `<testsuites>`, one `<testcase>` per step:
//!
//! - `fail`: `<failure message="SUMMARY" type="fail">fix: FIX</failure>`
//! - `skip`: `<skipped message="SUMMARY"/>`
//! - `warn`: passes, with `warn: SUMMARY` (and `fix: ADVICE`) in `<system-out>`
//! - `pass`: passes, with `pass: SUMMARY` in `<system-out>`
//!
//! The elements and attributes are those of the common schema (Jenkins xunit-plugin's
//! `junit-10.xsd`: `testsuite` needs `name`, `tests`, `failures` and `errors`; `testcase`
//! needs `name`). Steps are read concurrently and not timed one by one, so only the suite
//! carries a `time`. The escaping is written here, since it is all the XML this project writes.

use super::count;
use crate::steps::engine::CheckReport;
use crate::steps::Status;
use crate::ui::escape::escape as visible;

/// The `classname` of every test case: Jenkins shows it as package `sn-handoff`, class `check`.
pub const CLASSNAME: &str = "sn-handoff.check";

/// The report as a JUnit XML document.
pub fn render(report: &CheckReport) -> String {
    document(&[suite(report, "sn-handoff check")])
}

/// One `<testsuite>` with its totals (tests, failures, errors, time in seconds).
pub struct Suite {
    pub xml: String,
    pub tests: usize,
    pub failures: usize,
    pub errors: usize,
    pub time: f64,
}

/// The document around `suites`, with their totals on `<testsuites>`.
pub fn document(suites: &[Suite]) -> String {
    let sum = |f: fn(&Suite) -> usize| suites.iter().map(f).sum::<usize>();
    let time = suites.iter().map(|s| s.time).fold(0.0, f64::max);
    // `skipped` is an attribute of `testsuite` only; the schema refuses it on `testsuites`.
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"sn-handoff\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{time:.3}\">\n",
        sum(|s| s.tests),
        sum(|s| s.failures),
        sum(|s| s.errors)
    ));
    for suite in suites {
        out.push_str(&suite.xml);
    }
    out.push_str("</testsuites>\n");
    out
}

/// The `<testsuite>` named `name` of one report, a `<testcase>` per step.
pub fn suite(report: &CheckReport, name: &str) -> Suite {
    let tests = report.steps.len();
    let failures = count(report, Status::Fail);
    let skipped = count(report, Status::Skip);
    let time = report.elapsed_ms as f64 / 1000.0;
    let totals = format!(r#"tests="{tests}" failures="{failures}" errors="0""#);
    let mut out = format!(
        "  <testsuite name=\"{}\" {totals} skipped=\"{skipped}\" time=\"{time:.3}\">\n    <properties>\n",
        attr(&visible(name))
    );
    out.push_str(&property("instance", &visible(&report.instance)));
    if let Some(release) = &report.release {
        out.push_str(&property("release", &visible(release)));
    }
    out.push_str(&property("exit_code", &report.exit.to_string()));
    out.push_str("    </properties>\n");
    for step in &report.steps {
        // What the instance said is escaped first (a control or bidirectional character
        // becomes `\n`, `\u{202e}`), as in every other format.
        let fix = step
            .fix_text()
            .map(|fix| format!("\nfix: {}", visible(&fix)))
            .unwrap_or_default();
        let summary = visible(&step.summary);
        let inner = match step.status {
            Status::Fail => format!(
                "<failure message=\"{}\" type=\"fail\">{}</failure>",
                attr(&summary),
                text(fix.trim_start())
            ),
            Status::Skip => format!("<skipped message=\"{}\"/>", attr(&summary)),
            Status::Warn => format!(
                "<system-out>{}</system-out>",
                text(&format!("warn: {summary}{fix}"))
            ),
            Status::Pass => format!(
                "<system-out>{}</system-out>",
                text(&format!("pass: {summary}"))
            ),
        };
        out.push_str(&format!(
            "    <testcase name=\"{}\" classname=\"{CLASSNAME}\">\n      {inner}\n    </testcase>\n",
            step.id.as_str()
        ));
    }
    out.push_str("  </testsuite>\n");
    Suite {
        xml: out,
        tests,
        failures,
        errors: 0,
        time,
    }
}

/// A `<testsuite>` named `name` whose run stopped before a report: one `<testcase>`
/// (`test_name`) with an `<error>` of `kind` saying `message`.
pub fn error_suite(name: &str, test_name: &str, kind: &str, message: &str) -> Suite {
    let xml = format!(
        "  <testsuite name=\"{}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0.000\">\n    <testcase name=\"{}\" classname=\"{CLASSNAME}\">\n      <error message=\"{}\" type=\"{}\"/>\n    </testcase>\n  </testsuite>\n",
        attr(&visible(name)),
        attr(test_name),
        attr(&visible(message)),
        attr(kind)
    );
    Suite {
        xml,
        tests: 1,
        failures: 0,
        errors: 1,
        time: 0.0,
    }
}

fn property(name: &str, value: &str) -> String {
    format!(
        "      <property name=\"{}\" value=\"{}\"/>\n",
        attr(name),
        attr(value)
    )
}

/// Escapes character data: `&`, `<` and `>` (the last so that `]]>` cannot appear).
pub fn text(s: &str) -> String {
    escape(s, false)
}

/// Escapes an attribute value in double quotes: as [`text`], plus `"` and `'`, and tab, line
/// feed and carriage return as character references (a parser would turn them into spaces).
pub fn attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            // XML 1.0 allows no other control character, not even as a reference; nor the
            // two noncharacters U+FFFE and U+FFFF.
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(text("a < b && c > d"), "a &lt; b &amp;&amp; c &gt; d");
        assert_eq!(text("]]>"), "]]&gt;");
        assert_eq!(text("one\ntwo\r"), "one\ntwo&#13;");
        assert_eq!(
            attr("say \"hi\" it's\tok\n"),
            "say &quot;hi&quot; it&apos;s&#9;ok&#10;"
        );
        assert_eq!(text("bell\u{7} nul\u{0}"), "bell\u{FFFD} nul\u{FFFD}");
        assert_eq!(text("\u{FFFF}"), "\u{FFFD}");
        assert_eq!(text("→ Rollen ✓"), "→ Rollen ✓");
    }
}
