//! Questions to a person, for the `init` wizard: the [`Prompter`] trait the wizard asks
//! through, [`Terminal`] (dialoguer on stderr) for people, and `Scripted` (answers written
//! down in advance, in `scripted.rs`) for tests.
//!
//! Ctrl-C at any question is an [`ErrorKind::Interrupted`] error. Every question reads the
//! keyboard in raw mode, so Ctrl-C arrives as a key rather than as a signal in the middle of
//! a read: dialoguer's questions one key at a time, the hidden input for the whole answer
//! (so that nothing typed fast or pasted is ever echoed). The terminal's own mode is put back
//! when the read ends, however it ends: echo is never left off.

use std::fmt;

use secrecy::SecretString;

use super::escape::escape;
use crate::error::{Error, ErrorKind, Result};

#[cfg(any(test, feature = "test-support"))]
mod scripted;
#[cfg(any(test, feature = "test-support"))]
pub use scripted::{Answer, Asked, Scripted};

/// Checks an answer: `Err` holds what to tell the person before asking again.
pub type Validator<'a> = &'a dyn Fn(&str) -> std::result::Result<(), String>;

/// A question answered with a line of text.
#[derive(Clone, Copy)]
pub struct Text<'a> {
    /// The question.
    pub prompt: &'a str,
    /// What Enter alone answers (shown in the question).
    pub default: Option<&'a str>,
    /// Answers to offer (Tab completes them on a terminal).
    pub suggestions: &'a [String],
    /// Checks the answer; a refused one is asked again.
    pub validate: Option<Validator<'a>>,
}

impl<'a> Text<'a> {
    /// A question without default, suggestions or check.
    pub fn new(prompt: &'a str) -> Self {
        Text {
            prompt,
            default: None,
            suggestions: &[],
            validate: None,
        }
    }

    /// Sets what Enter alone answers.
    pub fn default(mut self, default: Option<&'a str>) -> Self {
        self.default = default.filter(|d| !d.is_empty());
        self
    }

    /// Sets the answers to offer.
    pub fn suggestions(mut self, suggestions: &'a [String]) -> Self {
        self.suggestions = suggestions;
        self
    }

    /// Sets the check.
    pub fn validate(mut self, validate: Validator<'a>) -> Self {
        self.validate = Some(validate);
        self
    }
}

/// Asks questions. Every method returns an [`ErrorKind::Interrupted`] error on Ctrl-C.
pub trait Prompter {
    /// A line of text (trimmed); asked again until the check accepts it.
    fn text(&mut self, question: &Text<'_>) -> Result<String>;
    /// A secret, not echoed. An empty answer is asked again unless `allow_empty`.
    fn secret(&mut self, prompt: &str, allow_empty: bool) -> Result<SecretString>;
    /// One of `items`, by index; Enter alone picks `default`.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize>;
    /// Yes or no; Enter alone answers `default` (`[Y/n]` or `[y/N]`).
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool>;
}

/// The error of a question stopped with Ctrl-C.
pub fn interrupted() -> Error {
    Error::new(ErrorKind::Interrupted, "interrupted")
}

// ---------------------------------------------------------------------------------------
// Terminal

/// dialoguer's colourful look, with yes/no questions written `[Y/n]` (the default in capitals)
/// as shells and package managers write them. Every text it draws (a question, a default, an
/// item, an answer) may come from the instance (a group's or a user's name), so each is
/// [escaped](super::escape::escape) here, where all of them pass.
struct Look(dialoguer::theme::ColorfulTheme);

impl dialoguer::theme::Theme for Look {
    fn format_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.0.format_prompt(f, &escape(prompt))
    }

    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        self.0.format_error(f, &escape(err))
    }

    fn format_confirm_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<bool>,
    ) -> fmt::Result {
        let choices = match default {
            Some(true) => "[Y/n]",
            Some(false) => "[y/N]",
            None => "[y/n]",
        };
        write!(
            f,
            "{} {} {} {}",
            self.0.prompt_prefix,
            self.0.prompt_style.apply_to(escape(prompt)),
            self.0.hint_style.apply_to(choices),
            self.0.prompt_suffix
        )
    }

    fn format_confirm_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selection: Option<bool>,
    ) -> fmt::Result {
        self.0
            .format_confirm_prompt_selection(f, &escape(prompt), selection)
    }

    fn format_input_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<&str>,
    ) -> fmt::Result {
        // A default too long for the question's line never reaches here: [`Terminal::text`]
        // shows it whole on a line of its own.
        let default = default.map(escape);
        self.0
            .format_input_prompt(f, &escape(prompt), default.as_deref())
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        // The answer replaces the question: without the marker of a default shown above it.
        let prompt = prompt.strip_suffix(ENTER_MARKER).unwrap_or(prompt);
        self.0
            .format_input_prompt_selection(f, &escape(prompt), &escape(sel))
    }

    fn format_password_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.0.format_password_prompt(f, &escape(prompt))
    }

    fn format_password_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
    ) -> fmt::Result {
        self.0.format_password_prompt_selection(f, &escape(prompt))
    }

    fn format_select_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.0.format_select_prompt(f, &escape(prompt))
    }

    fn format_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.0
            .format_select_prompt_selection(f, &escape(prompt), &escape(sel))
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        self.0.format_select_prompt_item(f, &escape(text), active)
    }
}

/// The width of the terminal questions are asked on ([`super::DEFAULT_WIDTH`] when it does
/// not say).
fn terminal_width() -> usize {
    console::Term::stderr()
        .size_checked()
        .map_or(super::DEFAULT_WIDTH, |(_, cols)| usize::from(cols))
}

/// How many rows of a terminal `width` columns wide `text` (one line) takes.
fn rows_of(text: &str, width: usize) -> usize {
    console::measure_text_width(text)
        .div_ceil(width.max(1))
        .max(1)
}

/// The columns a question keeps free for the answer being typed.
const ANSWER_ROOM: usize = 20;

/// The columns of `? `, ` (`, `) › `: the theme's decorations around a question and its
/// default.
const DECORATIONS: usize = 2 + 2 + 4;

/// Whether `default` can be shown inside the question `prompt` on a terminal `width` columns
/// wide, with room left for the answer. A question wider than the terminal wraps, and
/// dialoguer then clears only its last row when the answer replaces it: the rest would stay
/// on the screen. A default that does not fit is never cut (a URL is copied from it): it goes
/// on a line of its own. A short one (a user name) stays in the question whatever the width.
pub fn default_fits(prompt: &str, default: &str, width: usize) -> bool {
    let question =
        DECORATIONS + console::measure_text_width(prompt) + console::measure_text_width(default);
    default.chars().count() <= 12 || question + ANSWER_ROOM <= width
}

/// What a question under a default shown on its own line ends with.
const ENTER_MARKER: &str = " [Enter for the default]";

/// The question asked under a default shown on its own line: with `[Enter for the default]`
/// when that fits the terminal with room for the answer, else the question alone.
fn under_default(prompt: &str, width: usize) -> String {
    let marked = format!("{prompt}{ENTER_MARKER}");
    if DECORATIONS + console::measure_text_width(&marked) + ANSWER_ROOM <= width {
        marked
    } else {
        prompt.to_string()
    }
}

/// Questions on the terminal (stderr), through dialoguer.
pub struct Terminal {
    term: console::Term,
    theme: Look,
    /// Keeps a SIGINT handler installed: `console` raises SIGINT after it reads Ctrl-C as a
    /// key, and without a handler that would end the process before the cursor is shown
    /// again and the wizard says how to resume.
    #[cfg(unix)]
    _sigint: Option<tokio::signal::unix::Signal>,
}

impl fmt::Debug for Terminal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Terminal").finish_non_exhaustive()
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Terminal::new()
    }
}

impl Terminal {
    /// Questions on stderr. Call it inside the tokio runtime (for the SIGINT handler).
    pub fn new() -> Terminal {
        #[cfg(unix)]
        let sigint = tokio::runtime::Handle::try_current().ok().and_then(|_| {
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()).ok()
        });
        Terminal {
            term: console::Term::stderr(),
            theme: Look(dialoguer::theme::ColorfulTheme::default()),
            #[cfg(unix)]
            _sigint: sigint,
        }
    }

    /// A failed question: Ctrl-C is [`interrupted`], anything else exit 2. The cursor (which
    /// a selection hides) is shown again and the line ended.
    fn fail(&self, e: dialoguer::Error) -> Error {
        let _ = self.term.show_cursor();
        match e {
            dialoguer::Error::IO(io) if io.kind() == std::io::ErrorKind::Interrupted => {
                let _ = self.term.write_line("");
                interrupted()
            }
            dialoguer::Error::IO(io) => Error::usage(format!("cannot ask: {io}")),
        }
    }
}

/// Tab completion from a list: the longest start shared by every suggestion that begins
/// with what was typed.
struct Complete<'a>(&'a [String]);

impl dialoguer::Completion for Complete<'_> {
    fn get(&self, input: &str) -> Option<String> {
        complete(self.0, input)
    }
}

/// The longest start shared by every item of `items` that begins with `input`, when it is
/// longer than `input`.
pub fn complete(items: &[String], input: &str) -> Option<String> {
    let mut matching = items.iter().filter(|s| s.starts_with(input));
    let first = matching.next()?;
    let mut common = first.as_str();
    for other in matching {
        let shared = common
            .char_indices()
            .zip(other.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8());
        common = &common[..shared];
    }
    (common.len() > input.len()).then(|| common.to_string())
}

impl Prompter for Terminal {
    fn text(&mut self, question: &Text<'_>) -> Result<String> {
        let complete = Complete(question.suggestions);
        let width = terminal_width();
        let own_line = question
            .default
            .is_some_and(|d| !default_fits(question.prompt, d, width));
        let prompt = if own_line {
            under_default(question.prompt, width)
        } else {
            question.prompt.to_string()
        };
        let mut input = dialoguer::Input::<String>::with_theme(&self.theme)
            .with_prompt(prompt)
            .completion_with(&complete);
        if let Some(default) = question.default {
            if own_line {
                let line = format!("  default: {}", escape(default));
                self.term
                    .write_line(&line)
                    .map_err(|e| Error::usage(format!("cannot ask: {e}")))?;
            }
            input = input.default(default.to_string()).show_default(!own_line);
        }
        if let Some(validate) = question.validate {
            input = input.validate_with(move |answer: &String| validate(answer.trim()));
        }
        input
            .interact_text_on(&self.term)
            .map(|answer| answer.trim().to_string())
            .map_err(|e| self.fail(e))
    }

    fn secret(&mut self, prompt: &str, allow_empty: bool) -> Result<SecretString> {
        use dialoguer::theme::Theme;
        let cannot = |e: std::io::Error| Error::usage(format!("cannot ask: {e}"));
        loop {
            let mut question = String::new();
            let _ = self.theme.format_password_prompt(&mut question, prompt);
            let term = &self.term;
            let answer = hidden::read_line(|| term.write_str(&question)).map_err(cannot)?;
            // A question wider than the terminal took more than one row: clear them all, or
            // its first part would stay on the screen.
            self.term.clear_line().map_err(cannot)?;
            let rows = rows_of(&question, terminal_width());
            if rows > 1 {
                self.term.clear_last_lines(rows - 1).map_err(cannot)?;
            }
            let Some(answer) = answer else {
                let _ = self.term.write_line("");
                return Err(interrupted());
            };
            if answer.is_empty() && !allow_empty {
                continue;
            }
            let mut done = String::new();
            let _ = self
                .theme
                .format_password_prompt_selection(&mut done, prompt);
            self.term.write_line(&done).map_err(cannot)?;
            return Ok(SecretString::from(answer.to_string()));
        }
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        dialoguer::Select::with_theme(&self.theme)
            .with_prompt(prompt)
            .items(items)
            .default(default.min(items.len().saturating_sub(1)))
            .interact_on(&self.term)
            .map_err(|e| self.fail(e))
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool> {
        dialoguer::Confirm::with_theme(&self.theme)
            .with_prompt(prompt)
            .default(default)
            .interact_on(&self.term)
            .map_err(|e| self.fail(e))
    }
}

/// Hidden input with termios (see the module).
#[cfg(unix)]
mod hidden;

/// Hidden input where there is no termios: console's keys, each read in raw mode.
#[cfg(not(unix))]
mod hidden {
    use std::io;

    use zeroize::Zeroizing;

    /// Shows the question with `show`, then reads a line without echo; `None` on Ctrl-C.
    pub(super) fn read_line(
        show: impl Fn() -> io::Result<()>,
    ) -> io::Result<Option<Zeroizing<String>>> {
        use console::Key;
        show()?;
        let term = console::Term::stderr();
        let mut answer = Zeroizing::new(String::new());
        loop {
            match term.read_key_raw()? {
                Key::Enter => return Ok(Some(answer)),
                Key::CtrlC => return Ok(None),
                Key::Backspace => {
                    answer.pop();
                }
                Key::Char(c) if !c.is_control() => answer.push(c),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_instance_named_is_drawn_escaped_in_a_question() {
        use dialoguer::theme::Theme;
        let look = Look(dialoguer::theme::ColorfulTheme::default());
        let name = "Support\u{1b}]0;owned\u{7}\n::error::x\u{202e}";
        let mut drawn = String::new();
        look.format_select_prompt_item(&mut drawn, name, true)
            .unwrap();
        look.format_select_prompt_selection(&mut drawn, "Which group?", name)
            .unwrap();
        look.format_input_prompt(&mut drawn, "The group's name", Some(name))
            .unwrap();
        look.format_input_prompt_selection(&mut drawn, "The group's name", name)
            .unwrap();
        let drawn = console::strip_ansi_codes(&drawn);
        assert!(
            !drawn.chars().any(crate::ui::escape::is_unsafe),
            "{drawn:?}"
        );
        assert!(drawn.contains("Support\\u{1b}]0;owned"), "{drawn:?}");
    }

    #[test]
    fn a_question_takes_the_rows_it_wraps_to() {
        assert_eq!(rows_of("", 80), 1);
        assert_eq!(rows_of(&"x".repeat(80), 80), 1);
        assert_eq!(rows_of(&"x".repeat(81), 80), 2);
        assert_eq!(rows_of("\u{1b}[1mshort\u{1b}[0m", 80), 1);
    }

    #[test]
    fn a_long_default_goes_on_its_own_line_and_a_short_one_stays() {
        let url = "https://bots.kore.ai/chatbot/v2/webhook/st-00000000-0000-4000-8000-000000000001";
        assert!(!default_fits("Kore.ai webhook URL", url, 80));
        assert!(default_fits("Kore.ai webhook URL", url, 200));
        let local = "http://127.0.0.1:42051";
        assert!(!default_fits(
            "ServiceNow instance (e.g. dev123)",
            local,
            80
        ));
        assert!(default_fits("ServiceNow user name", "admin", 40));
        assert_eq!(
            under_default("Kore.ai webhook URL", 80),
            "Kore.ai webhook URL [Enter for the default]"
        );
        let question = "ServiceNow instance (e.g. dev123)";
        assert_eq!(under_default(question, 40), question);
    }

    #[test]
    fn completion_extends_to_the_shared_start() {
        let users: Vec<String> = ["abel.tuter", "abraham.lincoln", "beth.anglin"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(complete(&users, "abe").as_deref(), Some("abel.tuter"));
        assert_eq!(complete(&users, "ab").as_deref(), None);
        assert_eq!(complete(&users, "a").as_deref(), Some("ab"));
        assert_eq!(complete(&users, "x"), None);
        assert_eq!(complete(&users, "beth.anglin"), None);
    }
}
