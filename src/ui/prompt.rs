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
}
