//! The one error type of sn-handoff. Its [`ErrorKind`] decides the exit code (SPEC.md, "Exit
//! codes"); its message says what happened and why, and its hint names the next thing to do.

use std::fmt;

/// What went wrong, as far as the exit code is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Exit 1: the instance was read, and a step fails.
    CheckFailed,
    /// Exit 2: bad option, bad URL, a secret missing under `--no-input`, an ambiguous record.
    Usage,
    /// Exit 3: 401, 403, an OAuth error, a missing role.
    Auth,
    /// Exit 4: unreachable, DNS, TLS, timeout, hibernating, not ServiceNow.
    Unusable,
    /// Exit 5: a change was attempted and failed.
    WriteFailed,
    /// Exit 130: interrupted by the user.
    Interrupted,
}

impl ErrorKind {
    /// The process exit code of SPEC.md for this kind.
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::CheckFailed => 1,
            ErrorKind::Usage => 2,
            ErrorKind::Auth => 3,
            ErrorKind::Unusable => 4,
            ErrorKind::WriteFailed => 5,
            ErrorKind::Interrupted => 130,
        }
    }
}

/// An error with a kind, a message, and an optional hint (the command or action that helps).
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    hint: Option<String>,
    /// Printed on the message's line (`error: …; hint`) instead of a line of its own.
    hint_inline: bool,
}

impl Error {
    /// An error of `kind` saying `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
            hint_inline: false,
        }
    }

    /// A usage or input error (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }

    /// An authentication or permission error (exit 3).
    pub fn auth(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Auth, message)
    }

    /// The instance cannot be used (exit 4).
    pub fn unusable(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unusable, message)
    }

    /// Adds the next thing the user should do.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Prints the hint on the message's line: the error is one line.
    pub fn hint_inline(mut self) -> Self {
        self.hint_inline = true;
        self
    }

    /// Whether the hint goes on the message's line.
    pub fn is_hint_inline(&self) -> bool {
        self.hint_inline
    }

    /// The kind, which decides the exit code.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message alone, without the hint.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The hint, if any.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The result type of sn-handoff.
pub type Result<T, E = Error> = std::result::Result<T, E>;
