//! Output: a command's result on stdout (its human lines, or one JSON document), progress,
//! prompts and diagnostics on stderr, and a spinner only where a person watches (stderr is a
//! terminal, no `--json` noise, no `-v` log to interleave with). Every human line passes
//! [`escape::safe_line`], and on a terminal wraps to its width with a hanging indent.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub use sn_handoff_servicenow::escape;
mod format;
pub mod progress;
pub mod prompt;
pub use sn_handoff_servicenow::secrets;

pub use format::Format;

/// The width human lines wrap to on a terminal whose size cannot be read.
pub const DEFAULT_WIDTH: usize = 80;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stderr is a terminal
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// Decides colour once for the process (`--color`, `NO_COLOR`, `CLICOLOR_FORCE`): for stderr,
/// and, as its own terminal decides under `auto`, for the results on stdout (a report
/// redirected to a file or a pipe carries no escape codes).
pub fn init_color(choice: ColorChoice) {
    let on = |terminal: bool| match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                false
            } else if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0")
            {
                true
            } else {
                terminal
            }
        }
    };
    let stderr = on(std::io::stderr().is_terminal());
    colored::control::set_override(stderr);
    // dialoguer's prompts and indicatif's bars style through `console`.
    console::set_colors_enabled_stderr(stderr);
    STDOUT_COLOR.store(
        stderr && on(std::io::stdout().is_terminal()),
        std::sync::atomic::Ordering::SeqCst,
    );
}

/// Whether the results on stdout keep their colour (see [`init_color`]).
static STDOUT_COLOR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Where output goes.
#[derive(Debug, Clone)]
pub struct Printer {
    json: bool,
    animate: bool,
    /// Where the human lines go instead of stderr (see [`Printer::capturing`]).
    sink: Option<Lines>,
    /// Results go to stderr: stdout holds a machine format (see [`Printer::results_beside`]).
    results_on_stderr: bool,
}

/// Human lines kept by a [`Printer::capturing`] printer, in the order they were written.
pub type Lines = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

impl Printer {
    /// A printer for `--json` or human output; `verbose` turns the spinner off.
    pub fn new(json: bool, verbose: bool) -> Self {
        Printer {
            json,
            animate: std::io::stderr().is_terminal() && !verbose,
            sink: None,
            results_on_stderr: json,
        }
    }

    /// A printer that keeps its human lines in memory instead of writing them to stderr (for
    /// code driven in-process, such as the `init` wizard under a scripted prompter); nothing is
    /// animated.
    pub fn capturing() -> (Printer, Lines) {
        let lines = Lines::default();
        let printer = Printer {
            json: false,
            animate: false,
            sink: Some(lines.clone()),
            results_on_stderr: false,
        };
        (printer, lines)
    }

    /// Whether stdout gets one JSON document.
    pub fn json(&self) -> bool {
        self.json
    }

    /// Whether progress is drawn (stderr is a terminal and `-v` is off).
    pub fn animate(&self) -> bool {
        self.animate
    }

    /// A line of diagnostics or progress on stderr.
    pub fn line(&self, text: impl AsRef<str>) {
        self.write(Stream::Stderr, text.as_ref(), None);
    }

    /// This printer with its results on stderr when `machine` is true: stdout then holds a
    /// machine format (a report in JSON, JUnit, GitHub commands or Markdown) alone.
    pub fn results_beside(&self, machine: bool) -> Printer {
        Printer {
            results_on_stderr: self.results_on_stderr || machine,
            ..self.clone()
        }
    }

    /// A line of the command's result: on stdout, or on stderr under `--json` (stdout then
    /// holds the JSON document alone).
    pub fn result(&self, text: impl AsRef<str>) {
        self.write(self.result_stream(), text.as_ref(), None);
    }

    /// [`Printer::result`], with wrapped lines indented to column `indent` (a table row whose
    /// last cell is long text).
    pub fn result_hanging(&self, text: impl AsRef<str>, indent: usize) {
        self.write(self.result_stream(), text.as_ref(), Some(indent));
    }

    /// [`Printer::result`] never wrapped: lines to paste (`export` lines, commands) and text
    /// laid out by the caller.
    pub fn result_verbatim(&self, text: impl AsRef<str>) {
        self.write_as(self.result_stream(), text.as_ref(), Wrap::Never, true);
    }

    fn result_stream(&self) -> Stream {
        if self.results_on_stderr {
            Stream::Stderr
        } else {
            Stream::Stdout
        }
    }

    /// [`Printer::line`] for a secret the user asked to see (the wizard's "Show the
    /// password?"): not scrubbed, still escaped.
    pub fn line_secret(&self, text: impl AsRef<str>) {
        self.write_as(Stream::Stderr, text.as_ref(), Wrap::Terminal(None), false);
    }

    fn write(&self, stream: Stream, text: &str, indent: Option<usize>) {
        self.write_as(stream, text, Wrap::Terminal(indent), true);
    }

    fn write_as(&self, stream: Stream, text: &str, wrap_as: Wrap, scrub: bool) {
        let text = if scrub {
            secrets::scrub(text)
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        let text = escape::redact_userinfo(&text);
        let text = escape::safe_line(&text);
        if let Some(sink) = &self.sink {
            sink.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(text.into_owned());
            return;
        }
        let text = match stream {
            Stream::Stdout if !STDOUT_COLOR.load(std::sync::atomic::Ordering::SeqCst) => {
                std::borrow::Cow::Owned(console::strip_ansi_codes(&text).into_owned())
            }
            _ => text,
        };
        let text = match (stream.width(), wrap_as) {
            (Some(width), Wrap::Terminal(indent)) => {
                std::borrow::Cow::Owned(wrap(&text, width, indent))
            }
            _ => text,
        };
        let _ = match stream {
            Stream::Stdout => writeln!(std::io::stdout().lock(), "{text}"),
            Stream::Stderr => writeln!(std::io::stderr().lock(), "{text}"),
        };
    }

    /// The JSON document on stdout.
    pub fn print_json(&self, value: &serde_json::Value) {
        JSON_PRINTED.store(true, std::sync::atomic::Ordering::SeqCst);
        let mut out = std::io::stdout().lock();
        let _ = serde_json::to_writer_pretty(&mut out, &secrets::scrub_json(value));
        let _ = writeln!(out);
    }

    /// The JSON document on stdout, not scrubbed: only for a document whose purpose is to
    /// hand a secret to the user who asked for it (`auth token --json`).
    pub fn print_json_secret(&self, value: &serde_json::Value) {
        JSON_PRINTED.store(true, std::sync::atomic::Ordering::SeqCst);
        let mut out = std::io::stdout().lock();
        let _ = serde_json::to_writer_pretty(&mut out, value);
        let _ = writeln!(out);
    }

    /// A spinner on stderr while `message` is going on; hidden where nobody watches.
    pub fn spinner(&self, message: &str) -> ProgressBar {
        if !self.animate {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed:>3} {wide_msg}")
                .expect("static template")
                .tick_strings(&["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏", " "]),
        );
        bar.set_message(message.to_string());
        bar.enable_steady_tick(Duration::from_millis(80));
        bar
    }
}

/// How a failed command ends. Under `--json`, one document on stdout, `{"error": {"kind",
/// "message", "hint"}, "exit": N}` (unless the command printed its own before it failed);
/// otherwise `error: …` on stderr and the hint on a line of its own (or on the same line,
/// for a one-line error). User information in a URL is hidden either way.
pub fn report_error(error: &crate::error::Error, json: bool) {
    use colored::Colorize;
    let message = escape::redact_userinfo(error.message());
    let hint = error.hint().map(escape::redact_userinfo);
    // A command that printed its document and then failed (an activation that failed, with
    // the plugins' states printed) keeps stdout to that one document.
    if json && !JSON_PRINTED.load(std::sync::atomic::Ordering::SeqCst) {
        let mut document = serde_json::json!({
            "error": {
                "kind": kind_name(error.kind()),
                "message": message,
                "hint": hint,
            },
            "exit": crate::error::ExitStatus::from(error.kind()).code(),
        });
        for (name, value) in error.fields() {
            document["error"][name] = value.clone();
        }
        let mut out = std::io::stdout().lock();
        let _ = serde_json::to_writer_pretty(&mut out, &secrets::scrub_json(&document));
        let _ = writeln!(out);
        return;
    }
    let mut text = format!("{} {message}", "error:".red().bold());
    match hint {
        Some(hint) if error.is_hint_inline() => text.push_str(&format!("; {hint}")),
        Some(hint) => text.push_str(&format!("\n{} {hint}", "hint:".cyan())),
        None => {}
    }
    let printer = Printer::new(false, true);
    printer.write(Stream::Stderr, &text, Some("error: ".len()));
}

/// Whether a failure of this run is a JSON document (`--json`, or `check --format json`).
static JSON_ERRORS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Makes a failure of this run print the JSON error document (see [`report_error`]), also
/// when the run ends on a signal.
pub fn set_json_errors(on: bool) {
    JSON_ERRORS.store(on, std::sync::atomic::Ordering::SeqCst);
}

/// Whether a failure of this run prints the JSON error document.
pub fn json_errors() -> bool {
    JSON_ERRORS.load(std::sync::atomic::Ordering::SeqCst)
}

/// Whether this process printed its JSON document.
static JSON_PRINTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The `kind` of a JSON error document.
pub fn kind_name(kind: crate::error::ErrorKind) -> &'static str {
    use crate::error::ErrorKind;
    match kind {
        ErrorKind::CheckFailed => "check_failed",
        ErrorKind::Usage => "usage",
        ErrorKind::Auth => "auth",
        ErrorKind::Unusable => "unusable",
        ErrorKind::WriteFailed => "write_failed",
        ErrorKind::Interrupted => "interrupted",
    }
}

/// Whether a line is wrapped to the terminal's width.
#[derive(Debug, Clone, Copy)]
enum Wrap {
    /// On a terminal, with wrapped lines indented to this column (or as [`wrap`] finds).
    Terminal(Option<usize>),
    Never,
}

/// A line of diagnostics on stderr from code that holds no [`Printer`] (the journal, the
/// instance lock, the keyring): escaped and wrapped as [`Printer::line`] does.
pub fn diagnostic(text: impl AsRef<str>) {
    Printer::new(false, true).line(text);
}

/// The two streams human text goes to.
#[derive(Debug, Clone, Copy)]
enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    /// The width to wrap to: the terminal's ([`DEFAULT_WIDTH`] when it does not say), or none
    /// when the stream is not a terminal (a log or a pipe keeps each line whole, for `grep`).
    fn width(self) -> Option<usize> {
        let term = match self {
            Stream::Stdout if std::io::stdout().is_terminal() => console::Term::stdout(),
            Stream::Stderr if std::io::stderr().is_terminal() => console::Term::stderr(),
            _ => return None,
        };
        Some(
            term.size_checked()
                .map_or(DEFAULT_WIDTH, |(_, cols)| usize::from(cols))
                .max(20),
        )
    }
}

/// Wraps each line of `text` at blanks to `width` columns (colour sequences take none),
/// keeping the blanks between words that stay on a line (a table's padding). A continuation
/// line is indented to `indent`, or else under the last cell of a table row (text after two
/// or more blanks), or else to the line's own indent plus two; a word longer than a line is
/// left whole. What is meant to be pasted is never cut (see [`units`]): a command, an
/// `export` line or a URL moves to a line of its own and stays whole past the width.
pub fn wrap(text: &str, width: usize, indent: Option<usize>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if console::measure_text_width(line) <= width {
            out.push_str(line);
            continue;
        }
        let lead = line.len() - line.trim_start_matches(' ').len();
        let hang = indent
            .or_else(|| last_cell(line, lead, width / 2))
            .unwrap_or(lead + 2)
            .min(width / 2);
        out.push_str(&line[..lead]);
        let mut column = lead;
        // Whether the current output line has a word yet.
        let mut has_word = false;
        let mut blanks = "";
        for token in units(&line[lead..]) {
            if token.starts_with(' ') {
                blanks = token;
                continue;
            }
            let w = console::measure_text_width(token);
            if has_word && column + blanks.len() + w > width {
                out.push('\n');
                out.push_str(&" ".repeat(hang));
                column = hang;
            } else {
                out.push_str(blanks);
                column += blanks.len();
            }
            out.push_str(token);
            column += w;
            has_word = true;
            blanks = "";
        }
    }
    out
}

/// Where the last cell of a table row starts (after the last run of two or more blanks past
/// the indent, within `max` columns): a wrapped row goes on under it.
fn last_cell(line: &str, lead: usize, max: usize) -> Option<usize> {
    let mut column = 0;
    let mut found = None;
    let mut blanks = 0;
    for c in console::strip_ansi_codes(line).chars() {
        if column > max {
            break;
        }
        if c == ' ' {
            blanks += 1;
        } else {
            if blanks >= 2 && column > lead + blanks {
                found = Some(column);
            }
            blanks = 0;
        }
        column += console::measure_text_width(c.encode_utf8(&mut [0; 4]));
    }
    found
}

/// `text` cut into runs of blanks and words, in order, where a word is what must not be cut
/// across lines because a person pastes it: a `backquoted span` (with the blanks in it), and
/// the rest of the line from a command on: `sn-handoff …`, `export …` or `NAME=value …`
/// when it starts the line or follows a label ending in `:` (`fix:`, `hint:`). A
/// `sn-handoff` followed by a label (`sn-handoff init:`) is prose, not a command.
fn units(text: &str) -> Vec<&str> {
    let all: Vec<&str> = tokens(text).collect();
    let mut out = Vec::with_capacity(all.len());
    // The byte offset of each token in `text`.
    let mut offsets = Vec::with_capacity(all.len());
    let mut at = 0;
    for t in &all {
        offsets.push(at);
        at += t.len();
    }
    let words: Vec<usize> = (0..all.len())
        .filter(|&i| !all[i].starts_with(' '))
        .collect();
    let mut i = 0;
    while i < all.len() {
        let token = all[i];
        if token.starts_with(' ') {
            out.push(token);
            i += 1;
            continue;
        }
        let plain = console::strip_ansi_codes(token);
        let nth = words.iter().position(|&w| w == i).unwrap_or(0);
        let previous = nth
            .checked_sub(1)
            .map(|p| console::strip_ansi_codes(all[words[p]]).into_owned());
        let next = words
            .get(nth + 1)
            .map(|&n| console::strip_ansi_codes(all[n]).into_owned());
        let after_label = previous.as_deref().is_none_or(|p| p.ends_with(':'));
        let command = match plain.as_ref() {
            "sn-handoff" => next.as_deref().is_some_and(|n| !n.ends_with(':')),
            "export" => true,
            word => is_assignment(word),
        };
        if command && after_label {
            // The label goes with its command (`fix: sn-handoff …` moves as one).
            let from = match nth.checked_sub(1).map(|p| words[p]) {
                Some(label) => {
                    out.truncate(out.len().saturating_sub(i - label));
                    offsets[label]
                }
                None => offsets[i],
            };
            out.push(&text[from..]);
            break;
        }
        if plain.starts_with('`') && !(plain.len() > 1 && plain.ends_with('`')) {
            // A backquoted span with blanks: up to the word that closes it.
            if let Some(close) = (i + 1..all.len()).find(|&j| {
                !all[j].starts_with(' ') && console::strip_ansi_codes(all[j]).contains('`')
            }) {
                out.push(&text[offsets[i]..offsets[close] + all[close].len()]);
                i = close + 1;
                continue;
            }
        }
        out.push(token);
        i += 1;
    }
    out
}

/// Whether `word` is a shell variable assignment, `SN_HANDOFF_PASSWORD=…`.
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    })
}

/// `text` cut into runs of blanks and runs of anything else, in order.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let blank = first == ' ';
        let end = rest
            .find(|c: char| (c == ' ') != blank)
            .unwrap_or(rest.len());
        let (token, tail) = rest.split_at(end);
        rest = tail;
        Some(token)
    })
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_with_a_hanging_indent() {
        let line = format!("x fail  webhook  {}", "word ".repeat(30).trim_end());
        let wrapped = wrap(&line, 40, Some(17));
        for l in wrapped.lines() {
            assert!(console::measure_text_width(l) <= 40, "{l:?}");
        }
        assert!(wrapped
            .lines()
            .skip(1)
            .all(|l| l.starts_with(&" ".repeat(17))));
        assert!(!wrapped.lines().nth(1).unwrap()[17..].starts_with(' '));
        assert_eq!(wrap("short", 40, None), "short");
        // The padding between the cells stays.
        assert!(
            wrapped.starts_with("x fail  webhook  word word"),
            "{wrapped}"
        );
        assert_eq!(wrap("  a b c", 4, None), "  a\n  b\n  c");
    }

    #[test]
    fn a_table_row_goes_on_under_its_last_cell() {
        let row = format!("x plugins          {}", "long words ".repeat(10).trim_end());
        let wrapped = wrap(&row, 40, None);
        assert!(
            wrapped
                .lines()
                .skip(1)
                .all(|l| l.starts_with(&" ".repeat(19)) && !l[19..].starts_with(' ')),
            "{wrapped}"
        );
        // A line that is no table row hangs by two.
        let wrapped = wrap(&format!("  {}", "word ".repeat(12).trim_end()), 30, None);
        assert!(
            wrapped.lines().nth(1).unwrap().starts_with("    w"),
            "{wrapped}"
        );
    }

    #[test]
    fn what_is_pasted_is_never_cut() {
        let fix = "  fix: sn-handoff --demo agent available --agent abel.tuter";
        let wrapped = wrap(fix, 40, None);
        assert_eq!(wrapped, fix, "the label stays with its command, whole");
        let row = format!(
            "x fail  group_members    {} fix: sn-handoff --demo group --fix --agent USER",
            "word ".repeat(8).trim_end()
        );
        let wrapped = wrap(&row, 40, None);
        assert!(
            wrapped
                .lines()
                .any(|l| l.trim_start() == "fix: sn-handoff --demo group --fix --agent USER"),
            "{wrapped}"
        );
        let ci = "  SN_HANDOFF_PASSWORD=… sn-handoff check -i dev123 -u admin --agent abel.tuter";
        assert_eq!(wrap(ci, 30, None), ci);
        let export = "export SN_HANDOFF_INSTANCE=http://127.0.0.1:41234";
        assert_eq!(wrap(export, 20, None), export);
        let prose = "Paste the lines above into another shell, then run `sn-handoff check --demo` to see it.";
        let wrapped = wrap(prose, 40, None);
        assert!(
            wrapped
                .lines()
                .any(|l| l.contains("`sn-handoff check --demo`")),
            "{wrapped}"
        );
        // Prose around them still wraps; a label after the program's name is prose.
        let intro = format!("sn-handoff init: {}", "word ".repeat(20).trim_end());
        assert!(wrap(&intro, 40, None).lines().count() > 1);
        let colored = format!("  {} {fix}", "\u{1b}[36mfix:\u{1b}[0m");
        assert!(wrap(&colored, 30, None)
            .contains("sn-handoff --demo agent available --agent abel.tuter"));
    }

    #[test]
    fn colours_take_no_columns() {
        let red = "\u{1b}[31mfail\u{1b}[0m ".repeat(8);
        assert_eq!(wrap(red.trim_end(), 40, None).lines().count(), 1);
    }
}
