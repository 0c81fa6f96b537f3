//! What a step prints under a failure: a [`Fix`], either a `sn-handoff …` command that
//! repairs it ([`CommandLine`]) or what to do by hand. Values every layer may hold: the
//! settings give the [`Invocation`], the steps build the fixes, the reports print them. A command keeps the global options the
//! run was given ([`Invocation`]: `-p PROFILE`, `--demo`), so it can be pasted as printed; the
//! engine applies them to every report it returns. In JSON a fix is the text, as printed.

use std::fmt;

use serde::Serialize;

use crate::text::shell_quote;

/// The global options a printed command keeps: the profile when it is not the default one,
/// and `--demo`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invocation {
    /// `-p PROFILE`, when not the default profile.
    pub profile: Option<String>,
    /// `--demo`.
    pub demo: bool,
}

impl Invocation {
    /// `sn-handoff [-p PROFILE] [--demo] ARGS`.
    pub fn command(&self, args: impl Into<String>) -> CommandLine {
        CommandLine::new(args).under(self)
    }

    fn flags(&self) -> String {
        let mut flags = String::new();
        if let Some(profile) = &self.profile {
            flags.push_str(&format!(" -p {}", shell_quote(profile)));
        }
        if self.demo {
            flags.push_str(" --demo");
        }
        flags
    }
}

/// A `sn-handoff` command line: its arguments (already quoted), optionally a second command
/// to run after it and a note in parentheses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandLine {
    args: String,
    then: Option<Box<CommandLine>>,
    note: Option<String>,
    invocation: Invocation,
}

impl CommandLine {
    /// `sn-handoff ARGS` (`args` quoted by the caller, e.g. with [`shell_quote`]).
    pub fn new(args: impl Into<String>) -> Self {
        CommandLine {
            args: args.into(),
            then: None,
            note: None,
            invocation: Invocation::default(),
        }
    }

    /// Adds the command to run after this one (`A, then B`).
    pub fn then(mut self, next: CommandLine) -> Self {
        self.then = Some(Box::new(next));
        self
    }

    /// Adds a note in parentheses after the command.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// The same command under the run's global options (the one after it too).
    pub fn under(mut self, invocation: &Invocation) -> Self {
        self.invocation = invocation.clone();
        self.then = self.then.map(|next| Box::new(next.under(invocation)));
        self
    }
}

impl fmt::Display for CommandLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sn-handoff{} {}", self.invocation.flags(), self.args)?;
        if let Some(next) = &self.then {
            write!(f, ", then {next}")?;
        }
        if let Some(note) = &self.note {
            write!(f, " ({note})")?;
        }
        Ok(())
    }
}

/// The way to repair a failing step (or to act on a warning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// A `sn-handoff` command repairs it (`init` offers to run the step's fix).
    Command(CommandLine),
    /// Only a person can: what to do, in words.
    Manual(String),
}

impl Fix {
    /// The same fix under the run's global options.
    pub fn under(self, invocation: &Invocation) -> Self {
        match self {
            Fix::Command(command) => Fix::Command(command.under(invocation)),
            manual @ Fix::Manual(_) => manual,
        }
    }

    /// Whether a `sn-handoff` command repairs it.
    pub fn is_command(&self) -> bool {
        matches!(self, Fix::Command(_))
    }
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::Command(command) => command.fmt(f),
            Fix::Manual(text) => f.write_str(text),
        }
    }
}

impl Serialize for Fix {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl From<CommandLine> for Fix {
    fn from(command: CommandLine) -> Self {
        Fix::Command(command)
    }
}

impl From<String> for Fix {
    fn from(text: String) -> Self {
        Fix::Manual(text)
    }
}

impl From<&str> for Fix {
    fn from(text: &str) -> Self {
        Fix::Manual(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_keep_the_profile_and_demo() {
        let fix = Fix::from(
            CommandLine::new("group --fix --agent a")
                .then(CommandLine::new("agent available --agent a")),
        );
        assert_eq!(
            fix.to_string(),
            "sn-handoff group --fix --agent a, then sn-handoff agent available --agent a"
        );
        let staging = Invocation {
            profile: Some("staging".into()),
            demo: false,
        };
        assert_eq!(
            fix.clone().under(&staging).to_string(),
            "sn-handoff -p staging group --fix --agent a, then sn-handoff -p staging agent available --agent a"
        );
        let demo = Invocation {
            profile: None,
            demo: true,
        };
        assert_eq!(
            demo.command("check --deep --fix").note("why").to_string(),
            "sn-handoff --demo check --deep --fix (why)"
        );
        let manual = Fix::from("do it by hand");
        assert!(!manual.is_command());
        assert_eq!(manual.under(&demo).to_string(), "do it by hand");
        assert_eq!(
            serde_json::to_value(fix).unwrap(),
            serde_json::json!(
                "sn-handoff group --fix --agent a, then sn-handoff agent available --agent a"
            )
        );
    }
}
