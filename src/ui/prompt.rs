//! Questions to a person, for the `init` wizard: the [`Prompter`] trait the wizard asks
//! through, [`Terminal`] (dialoguer on stderr) for people, and [`Scripted`] (answers written
//! down in advance) for tests.
//!
//! Ctrl-C at any question is an [`ErrorKind::Interrupted`] error. Every question reads the
//! keyboard in raw mode, so Ctrl-C arrives as a key rather than as a signal in the middle of
//! a read: dialoguer's questions one key at a time, the hidden input for the whole answer
//! (so that nothing typed fast or pasted is ever echoed). The terminal's own mode is put back
//! when the read ends, however it ends: echo is never left off.

use std::collections::VecDeque;
use std::fmt;

use secrecy::SecretString;

use crate::error::{Error, ErrorKind, Result};

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
/// as shells and package managers write them.
struct Look(dialoguer::theme::ColorfulTheme);

impl dialoguer::theme::Theme for Look {
    fn format_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.0.format_prompt(f, prompt)
    }

    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        self.0.format_error(f, err)
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
            self.0.prompt_style.apply_to(prompt),
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
        self.0.format_confirm_prompt_selection(f, prompt, selection)
    }

    fn format_input_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<&str>,
    ) -> fmt::Result {
        // A question longer than the terminal wraps, and dialoguer then clears only its last
        // line: the rest would stay on the screen. A long default is shortened in the middle.
        let shown = default.map(|d| fit_default(prompt, d, terminal_width()));
        self.0.format_input_prompt(f, prompt, shown.as_deref())
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.0.format_input_prompt_selection(f, prompt, sel)
    }

    fn format_password_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.0.format_password_prompt(f, prompt)
    }

    fn format_password_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
    ) -> fmt::Result {
        self.0.format_password_prompt_selection(f, prompt)
    }

    fn format_select_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.0.format_select_prompt(f, prompt)
    }

    fn format_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.0.format_select_prompt_selection(f, prompt, sel)
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        self.0.format_select_prompt_item(f, text, active)
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

/// `default` as a question of `width` columns can show it: whole when the question fits with
/// room for the answer, else its start and end around `…`.
pub fn fit_default<'a>(prompt: &str, default: &'a str, width: usize) -> std::borrow::Cow<'a, str> {
    // `? `, ` (`, `) › `: the theme's decorations.
    let decorations = 2 + 2 + 4;
    let room =
        width.saturating_sub(ANSWER_ROOM + decorations + console::measure_text_width(prompt));
    let chars: Vec<char> = default.chars().collect();
    if chars.len() <= room || room < 12 {
        return std::borrow::Cow::Borrowed(default);
    }
    let head = (room - 1) * 2 / 3;
    let tail = room - 1 - head;
    let mut short: String = chars[..head].iter().collect();
    short.push('…');
    short.extend(&chars[chars.len() - tail..]);
    std::borrow::Cow::Owned(short)
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
        let mut input = dialoguer::Input::<String>::with_theme(&self.theme)
            .with_prompt(question.prompt)
            .completion_with(&complete);
        if let Some(default) = question.default {
            input = input.default(default.to_string());
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

/// Hidden input: one line read from the terminal with echo off, without a trace on screen.
///
/// A signal that ends the process while the terminal is raw (SIGTERM, SIGHUP, or a SIGINT
/// sent by `kill`: Ctrl-C itself is a key here) would leave the shell without echo and line
/// editing, and what was typed in the input queue for the shell to read. So, as ssh and sudo
/// do, the read installs handlers for those signals that discard the unread input
/// (`tcflush`), put back the terminal's mode, and end the process with exit 130
/// ("interrupted", whichever of the three it was); the handlers in place before are put back
/// when the read ends.
#[cfg(unix)]
mod hidden {
    use std::cell::UnsafeCell;
    use std::io;
    use std::sync::atomic::{AtomicI32, Ordering};

    use zeroize::Zeroizing;

    /// The signals that end a hidden read.
    const SIGNALS: [libc::c_int; 3] = [libc::SIGTERM, libc::SIGHUP, libc::SIGINT];
    /// The exit code after one of them: SPEC's "interrupted".
    const EXIT_INTERRUPTED: libc::c_int = 130;

    /// The terminal mode to put back, for the signal handler.
    struct Saved(UnsafeCell<libc::termios>);
    // SAFETY: written only by `Raw::enter` before `RAW_FD` is set (and so before any handler
    // reads it), read only while `RAW_FD` is set.
    unsafe impl Sync for Saved {}
    // SAFETY: all-zero is a valid termios (plain integers and arrays).
    static SAVED: Saved = Saved(UnsafeCell::new(unsafe { std::mem::zeroed() }));
    /// The descriptor in raw mode while a hidden read is under way, else -1.
    static RAW_FD: AtomicI32 = AtomicI32::new(-1);

    /// Runs on SIGTERM, SIGHUP or SIGINT during a hidden read; only async-signal-safe calls
    /// (tcflush, tcsetattr, write, _exit).
    extern "C" fn restore_and_exit(_signal: libc::c_int) {
        let fd = RAW_FD.load(Ordering::SeqCst);
        const SAID: &[u8] = b"\ninterrupted at a hidden prompt; what was typed is discarded\n";
        // SAFETY: async-signal-safe calls on this process's descriptors; SAVED is set while
        // RAW_FD is.
        unsafe {
            if fd >= 0 {
                libc::tcflush(fd, libc::TCIFLUSH);
                libc::tcsetattr(fd, libc::TCSANOW, SAVED.0.get());
            }
            libc::write(libc::STDERR_FILENO, SAID.as_ptr().cast(), SAID.len());
            libc::_exit(EXIT_INTERRUPTED);
        }
    }

    /// The terminal in raw mode (no echo, no line editing, no signals: Ctrl-C is a byte) until
    /// dropped, which puts back the mode it found and the signal handlers, however the read
    /// ends.
    struct Raw {
        fd: libc::c_int,
        saved: libc::termios,
        handlers: Vec<(libc::c_int, libc::sigaction)>,
    }

    impl Raw {
        fn enter(fd: libc::c_int) -> io::Result<Raw> {
            // SAFETY: `termios` is plain data that tcgetattr fills in; fd is this process's.
            let mut saved: libc::termios = unsafe { std::mem::zeroed() };
            if unsafe { libc::tcgetattr(fd, &mut saved) } != 0 {
                return Err(io::Error::last_os_error());
            }
            // SAFETY: no handler reads SAVED until RAW_FD is set below.
            unsafe { *SAVED.0.get() = saved };
            RAW_FD.store(fd, Ordering::SeqCst);
            let mut this = Raw {
                fd,
                saved,
                handlers: Vec::new(),
            };
            for signal in SIGNALS {
                // SAFETY: a handler that only makes async-signal-safe calls, with the other
                // signals of the set blocked while it runs; the previous action is kept.
                unsafe {
                    let mut action: libc::sigaction = std::mem::zeroed();
                    action.sa_sigaction = restore_and_exit as *const () as usize;
                    libc::sigemptyset(&mut action.sa_mask);
                    for other in SIGNALS {
                        libc::sigaddset(&mut action.sa_mask, other);
                    }
                    let mut previous: libc::sigaction = std::mem::zeroed();
                    if libc::sigaction(signal, &action, &mut previous) == 0 {
                        this.handlers.push((signal, previous));
                    }
                }
            }
            let mut raw = saved;
            raw.c_lflag &= !(libc::ECHO | libc::ECHONL | libc::ICANON | libc::ISIG | libc::IEXTEN);
            raw.c_iflag &= !(libc::IXON | libc::ICRNL | libc::INLCR);
            raw.c_cc[libc::VMIN] = 1;
            raw.c_cc[libc::VTIME] = 0;
            // SAFETY: as above.
            if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &raw) } != 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(this)
        }
    }

    impl Drop for Raw {
        fn drop(&mut self) {
            // SAFETY: restores the settings read in `enter` on the same descriptor, then the
            // signal actions found there (a signal in between still finds SAVED).
            unsafe { libc::tcsetattr(self.fd, libc::TCSANOW, &self.saved) };
            for (signal, previous) in self.handlers.drain(..) {
                // SAFETY: puts back an action sigaction returned.
                unsafe { libc::sigaction(signal, &previous, std::ptr::null_mut()) };
            }
            RAW_FD.store(-1, Ordering::SeqCst);
        }
    }

    /// Shows the question with `show` once the terminal is raw, then reads a line from
    /// standard input (a terminal) with the terminal raw for the whole line: nothing typed is
    /// echoed, even when typed fast or pasted, and a Ctrl-C pressed as soon as the question
    /// shows is a key. `None` on Ctrl-C, Ctrl-D or a hang-up. Backspace and Ctrl-U edit; arrow
    /// keys and other escapes are ignored.
    pub(super) fn read_line(
        show: impl FnOnce() -> io::Result<()>,
    ) -> io::Result<Option<Zeroizing<String>>> {
        let fd = libc::STDIN_FILENO;
        let _raw = Raw::enter(fd)?;
        show()?;
        let mut bytes = Zeroizing::new(Vec::<u8>::new());
        // 0: text; 1: after ESC; 2: inside a CSI/SS3 sequence (until its final byte).
        let mut escape = 0u8;
        loop {
            let mut byte = 0u8;
            // SAFETY: reads at most one byte into `byte`.
            let n = unsafe { libc::read(fd, (&mut byte as *mut u8).cast(), 1) };
            if n < 0 {
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(e);
            }
            if n == 0 {
                return Ok(None);
            }
            match (escape, byte) {
                (1, b'[' | b'O') => escape = 2,
                (1, _) => escape = 0,
                (2, 0x40..=0x7e) => escape = 0,
                (2, _) => {}
                (_, b'\r' | b'\n') => break,
                (_, 0x03 | 0x04) => return Ok(None),
                (_, 0x1b) => escape = 1,
                (_, 0x7f | 0x08) => {
                    // One character back: its continuation bytes, then its first byte.
                    while bytes.last().is_some_and(|b| b & 0xc0 == 0x80) {
                        bytes.pop();
                    }
                    bytes.pop();
                }
                (_, 0x15) => bytes.clear(),
                (_, 0x00..=0x1f) => {}
                (_, b) => bytes.push(b),
            }
        }
        Ok(Some(Zeroizing::new(
            String::from_utf8_lossy(&bytes).into_owned(),
        )))
    }
}

/// Hidden input where there is no termios: console's keys, each read in raw mode.
#[cfg(not(unix))]
mod hidden {
    use std::io;

    use zeroize::Zeroizing;

    /// Shows the question with `show`, then reads a line without echo; `None` on Ctrl-C.
    pub(super) fn read_line(
        show: impl FnOnce() -> io::Result<()>,
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

// ---------------------------------------------------------------------------------------
// Scripted

/// One answer of a [`Scripted`] prompter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Enter alone: the default (an empty secret, the default item, the default yes/no).
    Enter,
    /// This text (or, to a secret, this secret).
    Type(String),
    /// The item whose label contains this text.
    Pick(String),
    /// Yes.
    Yes,
    /// No.
    No,
    /// Ctrl-C.
    Interrupt,
}

impl Answer {
    /// [`Answer::Type`].
    pub fn typed(text: impl Into<String>) -> Answer {
        Answer::Type(text.into())
    }

    /// [`Answer::Pick`].
    pub fn pick(label: impl Into<String>) -> Answer {
        Answer::Pick(label.into())
    }
}

/// A question a [`Scripted`] prompter was asked, and what it answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// `text`, `secret`, `select` or `confirm`.
    pub kind: &'static str,
    /// The question.
    pub prompt: String,
    /// The default shown (`yes`/`no` for a confirmation, the item for a selection).
    pub default: Option<String>,
    /// A selection's items, or a text question's suggestions.
    pub items: Vec<String>,
    /// What was answered (`[secret]` for a secret).
    pub answer: String,
    /// What the check said about an answer it refused (the question was then asked again).
    pub refused: Option<String>,
}

type Action<'a> = Box<dyn FnOnce() + 'a>;

struct Step<'a> {
    expect: String,
    answer: Answer,
    before: Option<Action<'a>>,
}

/// Answers written down in advance, each for a question whose text contains a given string;
/// it records every question asked. A question the script did not expect, or one more than it
/// has answers for, is an error naming the question, so a test fails saying where.
pub struct Scripted<'a> {
    steps: VecDeque<Step<'a>>,
    pending: Option<Action<'a>>,
    /// Every question asked so far.
    pub asked: Vec<Asked>,
}

impl fmt::Debug for Scripted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scripted")
            .field("left", &self.steps.len())
            .field("asked", &self.asked)
            .finish()
    }
}

impl Default for Scripted<'_> {
    fn default() -> Self {
        Scripted::new()
    }
}

impl<'a> Scripted<'a> {
    /// No answers yet.
    pub fn new() -> Self {
        Scripted {
            steps: VecDeque::new(),
            pending: None,
            asked: Vec::new(),
        }
    }

    /// Answers the next question, which must contain `expect`, with `answer`.
    pub fn on(mut self, expect: &str, answer: Answer) -> Self {
        self.steps.push_back(Step {
            expect: expect.to_string(),
            answer,
            before: self.pending.take(),
        });
        self
    }

    /// Runs `action` when the next question (the one of the following [`Scripted::on`]) is
    /// asked, before answering it: to change the world while a person would be reading.
    pub fn then_before_next(mut self, action: impl FnOnce() + 'a) -> Self {
        self.pending = Some(Box::new(action));
        self
    }

    /// How many answers are left unused.
    pub fn left(&self) -> usize {
        self.steps.len()
    }

    /// The questions asked, one per line (for assertion messages).
    pub fn transcript(&self) -> String {
        self.asked
            .iter()
            .map(|a| {
                format!(
                    "[{}] {} (default {:?}) -> {}{}",
                    a.kind,
                    a.prompt,
                    a.default,
                    a.answer,
                    a.refused
                        .as_ref()
                        .map(|r| format!(" (refused: {r})"))
                        .unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn next(&mut self, kind: &'static str, prompt: &str) -> Result<Answer> {
        let Some(step) = self.steps.pop_front() else {
            return Err(Error::usage(format!(
                "the script has no answer for the {kind} question \"{prompt}\"; asked so far:\n{}",
                self.transcript()
            )));
        };
        if !prompt.contains(&step.expect) {
            return Err(Error::usage(format!(
                "the script expected a question with \"{}\", and the {kind} question was \"{prompt}\"; asked so far:\n{}",
                step.expect,
                self.transcript()
            )));
        }
        if let Some(action) = step.before {
            action();
        }
        if step.answer == Answer::Interrupt {
            self.record(kind, prompt, None, Vec::new(), "Ctrl-C", None);
            return Err(interrupted());
        }
        Ok(step.answer)
    }

    fn record(
        &mut self,
        kind: &'static str,
        prompt: &str,
        default: Option<String>,
        items: Vec<String>,
        answer: &str,
        refused: Option<String>,
    ) {
        self.asked.push(Asked {
            kind,
            prompt: prompt.to_string(),
            default,
            items,
            answer: answer.to_string(),
            refused,
        });
    }

    fn mismatch(&self, kind: &str, prompt: &str, answer: &Answer) -> Error {
        Error::usage(format!(
            "the script answered the {kind} question \"{prompt}\" with {answer:?}, which does not fit it; asked so far:\n{}",
            self.transcript()
        ))
    }
}

impl Prompter for Scripted<'_> {
    fn text(&mut self, question: &Text<'_>) -> Result<String> {
        loop {
            let answer = self.next("text", question.prompt)?;
            let text = match &answer {
                Answer::Enter => question.default.unwrap_or_default().to_string(),
                Answer::Type(t) => t.trim().to_string(),
                other => return Err(self.mismatch("text", question.prompt, other)),
            };
            let refused = if text.is_empty() {
                Some("an answer is needed".to_string())
            } else {
                question.validate.and_then(|v| v(&text).err())
            };
            self.record(
                "text",
                question.prompt,
                question.default.map(str::to_string),
                question.suggestions.to_vec(),
                &text,
                refused.clone(),
            );
            if refused.is_none() {
                return Ok(text);
            }
        }
    }

    fn secret(&mut self, prompt: &str, allow_empty: bool) -> Result<SecretString> {
        loop {
            let answer = self.next("secret", prompt)?;
            let secret = match &answer {
                Answer::Enter => String::new(),
                Answer::Type(t) => t.clone(),
                other => return Err(self.mismatch("secret", prompt, other)),
            };
            let refused = (secret.is_empty() && !allow_empty).then(|| "empty".to_string());
            self.record(
                "secret",
                prompt,
                None,
                Vec::new(),
                "[secret]",
                refused.clone(),
            );
            if refused.is_none() {
                return Ok(SecretString::from(secret));
            }
        }
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        let answer = self.next("select", prompt)?;
        let index = match &answer {
            Answer::Enter => Some(default),
            Answer::Pick(label) => items.iter().position(|i| i.contains(label.as_str())),
            _ => None,
        };
        let Some(index) = index.filter(|i| *i < items.len()) else {
            return Err(self.mismatch("select", prompt, &answer));
        };
        self.record(
            "select",
            prompt,
            items.get(default).cloned(),
            items.to_vec(),
            &items[index],
            None,
        );
        Ok(index)
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool> {
        let answer = self.next("confirm", prompt)?;
        let yes = match &answer {
            Answer::Enter => default,
            Answer::Yes => true,
            Answer::No => false,
            other => return Err(self.mismatch("confirm", prompt, other)),
        };
        let words = |b: bool| if b { "yes" } else { "no" };
        self.record(
            "confirm",
            prompt,
            Some(words(default).to_string()),
            Vec::new(),
            words(yes),
            None,
        );
        Ok(yes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_takes_the_rows_it_wraps_to() {
        assert_eq!(rows_of("", 80), 1);
        assert_eq!(rows_of(&"x".repeat(80), 80), 1);
        assert_eq!(rows_of(&"x".repeat(81), 80), 2);
        assert_eq!(rows_of("\u{1b}[1mshort\u{1b}[0m", 80), 1);
    }

    #[test]
    fn a_long_default_is_shortened_so_the_question_fits() {
        let url = "https://bots.kore.ai/chatbot/v2/webhook/st-00000000-0000-4000-8000-000000000001";
        let shown = fit_default("Kore.ai webhook URL", url, 80);
        let question = format!("? Kore.ai webhook URL ({shown}) › ");
        assert!(
            console::measure_text_width(&question) + ANSWER_ROOM <= 80,
            "{question}"
        );
        assert!(shown.starts_with("https://bots.kore.ai/"), "{shown}");
        assert!(shown.ends_with("0001") && shown.contains('…'), "{shown}");
        assert_eq!(fit_default("Kore.ai webhook URL", url, 200), url);
        assert_eq!(fit_default("ServiceNow user name", "admin", 80), "admin");
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

    #[test]
    fn a_script_checks_each_question_and_asks_refused_answers_again() {
        let check = |s: &str| {
            if s.starts_with("https://") {
                Ok(())
            } else {
                Err("must start with https://".to_string())
            }
        };
        let mut p = Scripted::new()
            .on("URL", Answer::typed("http://x"))
            .on("URL", Answer::Enter)
            .on("Fix", Answer::Enter)
            .on("Method", Answer::pick("OAuth"))
            .on("Other", Answer::Yes);
        let q = Text::new("Webhook URL")
            .default(Some("https://a"))
            .validate(&check);
        assert_eq!(p.text(&q).unwrap(), "https://a");
        assert_eq!(
            p.asked[0].refused.as_deref(),
            Some("must start with https://")
        );
        assert!(p.confirm("Fix now?", true).unwrap());
        let items = vec!["Basic auth".to_string(), "OAuth".to_string()];
        assert_eq!(p.select("Method", &items, 0).unwrap(), 1);
        let e = p.confirm("Something else?", true).unwrap_err();
        assert!(e.message().contains("expected a question with \"Other\""));
        let e = p.confirm("More?", true).unwrap_err();
        assert!(e.message().contains("no answer"), "{}", e.message());
    }

    #[test]
    fn ctrl_c_in_a_script_is_an_interruption() {
        let mut p = Scripted::new().on("Password", Answer::Interrupt);
        let e = p.secret("Password for admin", false).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Interrupted);
    }
}
