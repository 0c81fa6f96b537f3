//! Output: human text and colour on stderr, JSON on stdout, and a spinner only where a person
//! watches (stderr is a terminal, no `--json` noise, no `-v` log to interleave with).

use std::io::{IsTerminal, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::ColorChoice;

pub mod progress;
pub mod prompt;

/// Decides colour once for the process (`--color`, `NO_COLOR`, `CLICOLOR_FORCE`).
pub fn init_color(choice: ColorChoice) {
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                false
            } else if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0")
            {
                true
            } else {
                std::io::stderr().is_terminal()
            }
        }
    };
    colored::control::set_override(on);
    // dialoguer's prompts and indicatif's bars style through `console`.
    console::set_colors_enabled_stderr(on);
}

/// Where output goes.
#[derive(Debug, Clone)]
pub struct Printer {
    json: bool,
    animate: bool,
    /// Where the human lines go instead of stderr (see [`Printer::capturing`]).
    sink: Option<Lines>,
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

    /// A line of human text on stderr.
    pub fn line(&self, text: impl AsRef<str>) {
        if let Some(sink) = &self.sink {
            sink.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(text.as_ref().to_string());
            return;
        }
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{}", text.as_ref());
    }

    /// The JSON document on stdout.
    pub fn print_json(&self, value: &serde_json::Value) {
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
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .expect("static template")
                .tick_strings(&["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏", " "]),
        );
        bar.set_message(message.to_string());
        bar.enable_steady_tick(Duration::from_millis(80));
        bar
    }
}
