//! The combined report of `check --profiles` / `--all-profiles`: one entry per profile, in the
//! order they were named, in every format of `check`:
//!
//! - human: a row per profile × step, then a line per profile and the worst exit code;
//! - json: `{"schema": 2, "profiles": [{"profile": NAME, ...the one-profile report...,
//!   "exit": N}], "ok": bool}` (a profile whose run stopped before its report has `"error"`);
//! - junit: a `<testsuite>` per profile, named `sn-handoff check: NAME`;
//! - github: each annotation's title and message begin with the profile's name;
//! - markdown: an overview table (a row per profile), then each profile's table.

use colored::Colorize;
use serde_json::{json, Value};

use super::{counts, github, junit, markdown, Format};
use crate::error::{Error, ExitStatus};
use crate::steps::engine::CheckReport;
use crate::steps::Status;
use crate::ui::escape::{escape, redact_userinfo};
use crate::ui::Printer;

/// One profile's part of the run.
pub struct Member {
    /// The profile's name.
    pub profile: String,
    /// Its report, or why there is none.
    pub outcome: ProfileOutcome,
}

/// How one profile's check ended.
pub enum ProfileOutcome {
    /// The instance was asked: the report, who signed in and with which method.
    Checked {
        report: CheckReport,
        user: String,
        method: &'static str,
    },
    /// The run stopped before any report (no instance, a missing secret, no keyring).
    Stopped(Error),
}

impl Member {
    /// The profile's exit code, as a one-profile `check` would end.
    pub fn exit(&self) -> ExitStatus {
        match &self.outcome {
            ProfileOutcome::Checked { report, .. } => report.exit,
            ProfileOutcome::Stopped(e) => e.kind().into(),
        }
    }

    /// Whether the profile is ready (no step fails).
    pub fn ok(&self) -> bool {
        matches!(&self.outcome, ProfileOutcome::Checked { report, .. } if report.ok())
    }

    /// The profile's entry of the combined JSON document.
    pub fn to_json(&self) -> Value {
        let mut entry = json!({"profile": self.profile});
        match &self.outcome {
            ProfileOutcome::Checked { report, .. } => {
                if let (Value::Object(entry), Value::Object(one)) = (&mut entry, report.to_json()) {
                    entry.extend(one);
                }
            }
            ProfileOutcome::Stopped(e) => {
                entry["ok"] = json!(false);
                entry["error"] = json!({
                    "kind": crate::ui::kind_name(e.kind()),
                    "message": redact_userinfo(e.message()),
                    "hint": e.hint().map(redact_userinfo),
                });
            }
        }
        entry["exit"] = json!(self.exit().code());
        entry
    }

    /// The stop's message and hint on one line, escaped and without userinfo.
    fn stop_text(e: &Error) -> String {
        let mut text = redact_userinfo(e.message()).into_owned();
        if let Some(hint) = e.hint() {
            text.push_str(&format!(" (hint: {})", redact_userinfo(hint)));
        }
        escape(&text).into_owned()
    }
}

/// The worst exit code of all profiles.
pub fn worst(members: &[Member]) -> ExitStatus {
    members
        .iter()
        .map(Member::exit)
        .fold(ExitStatus::Success, ExitStatus::worst)
}

/// The combined JSON document.
pub fn to_json(members: &[Member]) -> Value {
    json!({
        "schema": 2,
        "profiles": members.iter().map(Member::to_json).collect::<Vec<_>>(),
        "ok": members.iter().all(Member::ok),
        "exit": worst(members).code(),
    })
}

/// The JUnit document: a suite per profile.
pub fn junit(members: &[Member]) -> String {
    let suites: Vec<junit::Suite> = members
        .iter()
        .map(|m| {
            let name = format!("sn-handoff check: {}", m.profile);
            match &m.outcome {
                ProfileOutcome::Checked { report, .. } => junit::suite(report, &name),
                ProfileOutcome::Stopped(e) => junit::error_suite(
                    &name,
                    "profile",
                    crate::ui::kind_name(e.kind()),
                    &Member::stop_text(e),
                ),
            }
        })
        .collect();
    junit::document(&suites)
}

/// The GitHub workflow commands: each profile's, with its name in front of the title and
/// the message; a profile that stopped is one `::error`.
pub fn github(members: &[Member]) -> String {
    let mut out = String::new();
    for m in members {
        match &m.outcome {
            ProfileOutcome::Checked { report, .. } => {
                out.push_str(&github::render_for(report, Some(&m.profile)))
            }
            ProfileOutcome::Stopped(e) => out.push_str(&format!(
                "::error title={}::{}\n",
                github::escape_property(&format!("{}: sn-handoff check", m.profile)),
                github::escape_data(&format!("{}: {}", m.profile, Member::stop_text(e)))
            )),
        }
    }
    out
}

/// The Markdown: an overview with a row per profile, then each profile's own table.
pub fn markdown(members: &[Member]) -> String {
    let mut out = String::from(
        "## sn-handoff check: profiles\n\n| profile | instance | result | exit |\n|---|---|---|---|\n",
    );
    for m in members {
        let (instance, result) = match &m.outcome {
            ProfileOutcome::Checked { report, .. } => (
                markdown::escape(&report.instance),
                format!(
                    "{} {}",
                    if report.ok() { "✅" } else { "❌" },
                    counts(report)
                ),
            ),
            ProfileOutcome::Stopped(e) => (
                String::new(),
                format!("❌ {}", markdown::escape(&Member::stop_text(e))),
            ),
        };
        out.push_str(&format!(
            "| {} | {instance} | {result} | {} |\n",
            markdown::escape(&m.profile),
            m.exit()
        ));
    }
    for m in members {
        if let ProfileOutcome::Checked { report, .. } = &m.outcome {
            out.push_str(&format!("\n#### {}\n\n", markdown::escape(&m.profile)));
            out.push_str(&markdown::render(report));
        }
    }
    out
}

/// SARIF: one run per profile that was checked, its category (`automationDetails.id`)
/// naming the profile, so that code scanning keeps each profile's alerts apart. A profile
/// that stopped before its report (unreachable, refused) has no run; its exit code is the
/// run's.
fn sarif(members: &[Member]) -> String {
    let runs = members
        .iter()
        .filter_map(|m| match &m.outcome {
            ProfileOutcome::Checked { report, .. } => Some(super::sarif::run(
                report,
                &format!("sn-handoff check/{}/", m.profile),
            )),
            ProfileOutcome::Stopped(_) => None,
        })
        .collect();
    super::sarif::text(&super::sarif::log(runs))
}

/// Writes the combined report in `format` to stdout (the human table is [`print_human`]'s);
/// for `github`, the Markdown goes to the job summary too.
pub fn emit(printer: &Printer, members: &[Member], format: Format) {
    let text = match format {
        Format::Human => return,
        Format::Json => return printer.print_json(&to_json(members)),
        Format::Junit => junit(members),
        Format::Github => github(members),
        Format::Markdown => markdown(members),
        Format::Sarif => sarif(members),
    };
    super::write_stdout(&text);
    if format == Format::Github {
        super::append_github_summary(printer, &markdown(members));
    }
}

/// The human table: a row per profile × step (the fix under a failure), a line per profile,
/// and the closing verdict.
pub fn print_human(printer: &Printer, members: &[Member]) {
    let pw = members.iter().map(|m| m.profile.len()).max().unwrap_or(0);
    let sw = (members.iter())
        .filter_map(|m| match &m.outcome {
            ProfileOutcome::Checked { report, .. } => {
                report.steps.iter().map(|s| s.id.as_str().len()).max()
            }
            ProfileOutcome::Stopped(_) => None,
        })
        .max()
        .unwrap_or(0);
    printer.result(format!("{} {} profiles", "Checked".bold(), members.len()));
    for m in members {
        print_rows(printer, m, pw, sw);
    }
    for m in members {
        let line = profile_line(m, pw);
        printer.result(if m.ok() {
            line.green().to_string()
        } else {
            line.red().to_string()
        });
    }
    let ready = members.iter().filter(|m| m.ok()).count();
    printer.result(format!(
        "{ready} of {} profiles ready for handoff (exit {})",
        members.len(),
        worst(members)
    ));
}

/// A profile's rows of the table (its columns `pw` and `sw` wide): a row per step, the fix
/// under a failure or warning, or the one row that says why it was not checked.
fn print_rows(printer: &Printer, m: &Member, pw: usize, sw: usize) {
    let profile = escape(&m.profile);
    let indent = 8 + pw + 2 + sw + 2;
    match &m.outcome {
        ProfileOutcome::Checked { report, .. } => {
            for s in &report.steps {
                printer.result_hanging(
                    format!(
                        "{}  {profile:<pw$}  {:<sw$}  {}",
                        super::human::mark(s.status),
                        s.id.as_str(),
                        escape(&s.summary)
                    ),
                    indent,
                );
                if let (Some(fix), Status::Fail | Status::Warn) = (&s.fix, s.status) {
                    printer.result_hanging(
                        format!(
                            "{:indent$}{} {}",
                            "",
                            "fix:".cyan(),
                            escape(&fix.to_string())
                        ),
                        indent + 5,
                    );
                }
            }
        }
        ProfileOutcome::Stopped(e) => printer.result_hanging(
            format!(
                "{}  {profile:<pw$}  {:<sw$}  {}",
                "✗ stop".red().bold(),
                "",
                Member::stop_text(e)
            ),
            indent,
        ),
    }
}

/// A profile's closing line: its instance, account, counts, time and exit.
fn profile_line(m: &Member, pw: usize) -> String {
    let profile = escape(&m.profile);
    match &m.outcome {
        ProfileOutcome::Checked {
            report,
            user,
            method,
        } => format!(
            "{profile:<pw$}  {} as {} ({method} auth): {} in {} ms, exit {}",
            escape(&report.instance),
            escape(user),
            counts(report),
            report.elapsed_ms,
            report.exit
        ),
        ProfileOutcome::Stopped(_) => format!("{profile:<pw$}  not checked, exit {}", m.exit()),
    }
}
