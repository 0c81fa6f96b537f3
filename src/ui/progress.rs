//! Progress of plugin activations: one indicatif bar per plugin with its `percent_complete`
//! where a person watches (stderr is a terminal), plain lines otherwise (one each time a
//! plugin's state changes, so a CI log shows the story without noise). The view takes values
//! (a plugin's name, a progress answer, how it ended): the plugin step tells it.

use std::collections::HashMap;
use std::sync::Mutex;

use colored::Colorize;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::escape::escape;
use super::Printer;
use crate::servicenow::cicd::Progress;

/// How an activation ended, as the view shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended<'a> {
    /// Active now, in `words` ("activated", "already active"); `filled` fills its bar.
    Active { words: &'static str, filled: bool },
    /// Refused or failed: `why` on a line, "failed" on a bar.
    Failed { why: &'a str },
    /// Still going at the deadline, in the `last` state seen.
    Pending { last: &'a str },
}

/// Shows activations as they go, one per plugin `name`.
pub struct ActivationView {
    printer: Printer,
    multi: Option<MultiProgress>,
    bars: Mutex<HashMap<&'static str, ProgressBar>>,
    last: Mutex<HashMap<&'static str, String>>,
    /// When each plugin was first seen Pending, and whether the long wait was said.
    pending: Mutex<HashMap<&'static str, (std::time::Instant, bool)>>,
}

/// How long an activation may stay Pending before the wait is explained: two minutes, or 24
/// polls when `SN_HANDOFF_POLL_MS` shortens the polls (the tests).
fn pending_note_after() -> std::time::Duration {
    match crate::env::poll_ms() {
        Some(ms) => std::time::Duration::from_millis(ms.saturating_mul(24)),
        None => std::time::Duration::from_secs(120),
    }
}

/// What a long Pending means and where to look. Since Tokyo, CI/CD operations that need the
/// instance-wide update lock are queued instead of refused; each waits as Pending in the
/// Application Operation Queue, which runs them in turn, shows their position, can be paused,
/// and pauses itself two hours before a scheduled upgrade (ServiceNowDocs "Queued Application
/// Operations", application-development/building-applications/queued-app-operations).
pub const LONG_PENDING: &str = "CI/CD requests wait their turn in the instance's Application Operation Queue (since Tokyo): look at System Diagnostics → Application Operation Queue for its position, another install or plugin activation holding the update lock, or a queue paused (by hand, or two hours before a scheduled upgrade)";

impl ActivationView {
    /// Bars on a terminal, lines elsewhere.
    pub fn new(printer: &Printer) -> Self {
        let multi = printer
            .animate()
            .then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr()));
        ActivationView {
            printer: printer.clone(),
            multi,
            bars: Mutex::new(HashMap::new()),
            last: Mutex::new(HashMap::new()),
            pending: Mutex::new(HashMap::new()),
        }
    }

    fn bar(&self, name: &'static str) -> Option<ProgressBar> {
        let multi = self.multi.as_ref()?;
        let mut bars = self.bars.lock().unwrap_or_else(|e| e.into_inner());
        Some(
            bars.entry(name)
                .or_insert_with(|| {
                    let bar = multi.add(ProgressBar::new(100));
                    bar.set_style(
                        ProgressStyle::with_template(
                            // 36 + 23 + 5 + 4 columns (the longest name whole), the
                            // message the rest of the width: a bar fits 80 columns.
                            "{prefix:<36!} [{bar:20}] {pos:>3}% {elapsed:>3} {wide_msg}",
                        )
                        .expect("static template")
                        .progress_chars("=> "),
                    );
                    bar.set_prefix(name);
                    bar
                })
                .clone(),
        )
    }

    /// A plain line, only when the words for `name` changed.
    fn line(&self, name: &'static str, words: String) {
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if last.get(name) == Some(&words) {
            return;
        }
        self.printer.line(format!("{name}: {words}"));
        last.insert(name, words);
    }

    /// The activation of `name` was requested, or one started earlier is watched (`resumed`).
    pub fn started(&self, name: &'static str, resumed: bool) {
        let words = if resumed {
            "watching the activation started earlier"
        } else {
            "requested"
        };
        match self.bar(name) {
            Some(bar) => bar.set_message(words),
            // In a log the first progress answer says it; only a resumed watch needs a line.
            None if resumed => self.line(name, words.to_string()),
            None => {}
        }
    }

    /// A progress answer for `name` arrived.
    pub fn progress(&self, name: &'static str, progress: &Progress) {
        if progress.status == crate::servicenow::cicd::CicdStatus::Pending {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            let (since, said) = pending
                .entry(name)
                .or_insert((std::time::Instant::now(), false));
            if !*said && since.elapsed() >= pending_note_after() {
                *said = true;
                let waited = since.elapsed().as_secs();
                let line = format!(
                    "{}: still pending after {}: {LONG_PENDING}",
                    name,
                    if waited >= 60 {
                        format!("{} min", waited / 60)
                    } else {
                        format!("{waited} s")
                    }
                );
                match self.bar(name) {
                    Some(bar) => bar.println(line),
                    None => self.printer.line(line),
                }
            }
        }
        match self.bar(name) {
            Some(bar) => {
                bar.set_position(u64::from(progress.percent));
                bar.set_message(escape(&progress.label).into_owned());
            }
            // The end is told by `finished`.
            None if progress.status.is_final() => {}
            None => self.line(name, escape(&progress.words()).into_owned()),
        }
    }

    /// The activation of `name` ended.
    pub fn finished(&self, name: &'static str, ended: Ended<'_>) {
        let words = match ended {
            Ended::Active { words, .. } => words.green().to_string(),
            Ended::Failed { why } if self.multi.is_none() => escape(why).red().to_string(),
            Ended::Failed { .. } => "failed".red().to_string(),
            Ended::Pending { last } => format!("still {} at the deadline", escape(last))
                .yellow()
                .to_string(),
        };
        match self.bar(name) {
            Some(bar) => {
                if matches!(ended, Ended::Active { filled: true, .. }) {
                    bar.set_position(100);
                }
                bar.finish_with_message(words);
            }
            None => self.line(name, words),
        }
    }
}
