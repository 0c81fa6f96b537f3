//! The one error type of sn-handoff. Its [`ErrorKind`] decides the exit code (docs/contract.md, "Exit
//! codes"); its message says what happened and why, and its hint names the next thing to do.

use std::fmt;

use sn_handoff_servicenow::{ApiError, SetupError, SetupKind};

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

/// How a run ends: the process exit codes of docs/contract.md, "Exit codes", in order of severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExitStatus {
    /// 0: every step passes, or the change was made or not needed.
    Success,
    /// 1: the instance was read, and a step fails.
    StepsFailed,
    /// 2: bad option or input.
    Usage,
    /// 3: refused: 401, 403, an OAuth error, a missing role.
    Auth,
    /// 4: the instance cannot be used.
    Unusable,
    /// 5: a change was attempted and failed.
    WriteFailed,
    /// 130: interrupted.
    Interrupted,
}

impl ExitStatus {
    /// Every status, in the order of their codes (the man page's EXIT STATUS lists them).
    pub const ALL: [ExitStatus; 7] = [
        ExitStatus::Success,
        ExitStatus::StepsFailed,
        ExitStatus::Usage,
        ExitStatus::Auth,
        ExitStatus::Unusable,
        ExitStatus::WriteFailed,
        ExitStatus::Interrupted,
    ];

    /// What the code means, for people (docs/contract.md, "Exit codes").
    pub fn meaning(self) -> &'static str {
        match self {
            ExitStatus::Success => "every step passes, or the change was made (or was not needed)",
            ExitStatus::StepsFailed => "the instance was read, and one or more steps fail",
            ExitStatus::Usage => "usage or input error: a bad option, URL or webhook URL, a secret missing under --no-input, an ambiguous record",
            ExitStatus::Auth => "authentication or permission failure: 401, 403, an OAuth or JWT error, a missing role or scope",
            ExitStatus::Unusable => "the instance cannot be used: unreachable, DNS, TLS, timeout, hibernating, not ServiceNow, a Tokyo-or-older release",
            ExitStatus::WriteFailed => "a change was attempted and failed; the message says what was and was not changed",
            ExitStatus::Interrupted => "interrupted (Ctrl-C, SIGTERM, SIGHUP): a writing run stops between two writes and says what was changed",
        }
    }

    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::StepsFailed => 1,
            ExitStatus::Usage => 2,
            ExitStatus::Auth => 3,
            ExitStatus::Unusable => 4,
            ExitStatus::WriteFailed => 5,
            ExitStatus::Interrupted => 130,
        }
    }

    /// The one rule for a run where several things went wrong: the higher exit code wins
    /// (an interruption over a failed write, over an unusable instance, over a refusal, and
    /// so on down to success), so that the code says the worst of what happened.
    pub fn worst(self, other: ExitStatus) -> ExitStatus {
        self.max(other)
    }
}

impl From<ErrorKind> for ExitStatus {
    fn from(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::CheckFailed => ExitStatus::StepsFailed,
            ErrorKind::Usage => ExitStatus::Usage,
            ErrorKind::Auth => ExitStatus::Auth,
            ErrorKind::Unusable => ExitStatus::Unusable,
            ErrorKind::WriteFailed => ExitStatus::WriteFailed,
            ErrorKind::Interrupted => ExitStatus::Interrupted,
        }
    }
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(status.code())
    }
}

impl fmt::Display for ExitStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code())
    }
}

/// An error with a kind, a message, and an optional hint (the command or action that helps).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
    hint: Option<String>,
    /// What went wrong underneath (the instance's answer, the keyring's refusal), kept whole
    /// for callers that need more than the message says.
    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
    /// Printed on the message's line (`error: …; hint`) instead of a line of its own.
    hint_inline: bool,
    /// More under `"error"` in the JSON document (e.g. what an interrupted run changed);
    /// boxed, as most errors have none.
    fields: Option<Box<serde_json::Map<String, serde_json::Value>>>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
            source: None,
            hint_inline: false,
            fields: None,
        }
    }

    /// Adds `name` to the `"error"` object of the JSON document.
    pub fn with_field(mut self, name: &str, value: serde_json::Value) -> Self {
        self.fields
            .get_or_insert_with(Box::default)
            .insert(name.to_string(), value);
        self
    }

    /// The fields [`Error::with_field`] added, in order.
    pub fn fields(&self) -> impl Iterator<Item = (&String, &serde_json::Value)> {
        self.fields.iter().flat_map(|f| f.iter())
    }

    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// The instance's answer behind this error, when there is one.
    pub fn api_error(&self) -> Option<&ApiError> {
        self.source.as_deref()?.downcast_ref()
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

    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        let err = Error::new(api_kind(&e), e.to_string());
        let err = match e.hint() {
            // An unreachable instance is one line: where, why, and what to do.
            Some(h) if e.is_unreachable() => err.with_hint(h).hint_inline(),
            Some(h) => err.with_hint(h),
            None => err,
        };
        err.with_source(e)
    }
}

/// The exit-code kind of a failed exchange with the instance: credentials or rights (3), or
/// an instance that cannot be used as it is (4).
pub fn api_kind(e: &ApiError) -> ErrorKind {
    if e.is_auth() {
        ErrorKind::Auth
    } else if matches!(e, ApiError::DryRun { .. }) {
        // A write a plan asked for and did not send.
        ErrorKind::WriteFailed
    } else {
        ErrorKind::Unusable
    }
}

impl From<SetupError> for Error {
    fn from(e: SetupError) -> Self {
        let kind = match e.kind {
            SetupKind::Usage => ErrorKind::Usage,
            SetupKind::Unusable => ErrorKind::Unusable,
        };
        let err = Error::new(kind, e.message);
        match e.hint {
            Some(h) => err.with_hint(h),
            None => err,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_outcome_is_the_higher_exit_code() {
        // ALL lists the statuses in the order of their codes, as the man page shows them.
        assert!(ExitStatus::ALL
            .windows(2)
            .all(|w| w[0].code() < w[1].code()));
        for a in ExitStatus::ALL {
            for b in ExitStatus::ALL {
                assert_eq!(a.worst(b).code(), a.code().max(b.code()), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn an_api_error_stays_the_source() {
        use ApiError;
        let e = Error::from(ApiError::Hibernating);
        assert_eq!(e.kind(), ErrorKind::Unusable);
        assert_eq!(e.message(), ApiError::Hibernating.to_string());
        assert_eq!(e.api_error(), Some(&ApiError::Hibernating));
        assert!(std::error::Error::source(&e).is_some());
        assert!(Error::usage("bad").api_error().is_none());
    }
}
