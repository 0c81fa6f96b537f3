//! Where secrets come from: the environment, then `--password-stdin`, then a hidden prompt
//! where prompting is allowed. Secrets live in [`SecretString`]s so that `Debug` cannot show
//! them; they are never written to the config file, printed, put in a URL or logged.

use std::io::Read;

use secrecy::SecretString;

use crate::error::{Error, ErrorKind, Result};

/// The environment variable holding the password.
pub const PASSWORD_ENV: &str = "SN_HANDOFF_PASSWORD";

/// Where a secret came from (reported by `auth status`, and in messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretSource {
    /// An environment variable.
    Env(&'static str),
    /// Standard input (`--password-stdin`).
    Stdin,
    /// A hidden prompt.
    Prompt,
    /// The in-process simulator of `--demo`.
    Demo,
}

impl SecretSource {
    /// A short name for messages and JSON (`env`, `stdin`, `prompt`, `demo`).
    pub fn name(self) -> &'static str {
        match self {
            SecretSource::Env(_) => "env",
            SecretSource::Stdin => "stdin",
            SecretSource::Prompt => "prompt",
            SecretSource::Demo => "demo",
        }
    }
}

/// Reads a non-empty variable.
fn env_secret(name: &'static str) -> Option<SecretString> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .map(SecretString::from)
}

/// Reads the whole of standard input as one secret, without its final line break.
pub fn read_stdin_secret(what: &str) -> Result<SecretString> {
    let mut buf = String::new();
    std::io::stdin()
        .read_to_string(&mut buf)
        .map_err(|e| Error::usage(format!("cannot read the {what} from standard input: {e}")))?;
    let trimmed = buf
        .strip_suffix('\n')
        .map(|s| s.strip_suffix('\r').unwrap_or(s))
        .unwrap_or(&buf);
    if trimmed.is_empty() {
        return Err(Error::usage(format!(
            "--password-stdin was given but standard input held no {what}"
        )));
    }
    Ok(SecretString::from(trimmed.to_string()))
}

/// The basic-auth password for `user` at `instance`.
pub fn basic_password(
    user: &str,
    instance: &str,
    password_stdin: bool,
    can_prompt: bool,
) -> Result<(SecretString, SecretSource)> {
    if let Some(secret) = env_secret(PASSWORD_ENV) {
        return Ok((secret, SecretSource::Env(PASSWORD_ENV)));
    }
    if password_stdin {
        return Ok((read_stdin_secret("password")?, SecretSource::Stdin));
    }
    if can_prompt {
        let password = dialoguer::Password::new()
            .with_prompt(format!("Password for {user} at {instance}"))
            .interact()
            .map_err(prompt_error)?;
        return Ok((SecretString::from(password), SecretSource::Prompt));
    }
    Err(Error::usage(format!(
        "no password for {user}: set {PASSWORD_ENV} or pass --password-stdin"
    ))
    .with_hint("prompts are off (--no-input, SN_HANDOFF_NO_INPUT, or stdin/stderr not a terminal)"))
}

/// Asks for a value that is not secret (a user name), where prompting is allowed.
pub fn prompt_text(prompt: &str) -> Result<String> {
    let value: String = dialoguer::Input::new()
        .with_prompt(prompt)
        .interact_text()
        .map_err(prompt_error)?;
    Ok(value.trim().to_string())
}

/// A prompt that failed: Ctrl-C is exit 130, anything else exit 2.
fn prompt_error(e: dialoguer::Error) -> Error {
    match e {
        dialoguer::Error::IO(io) if io.kind() == std::io::ErrorKind::Interrupted => {
            Error::new(ErrorKind::Interrupted, "interrupted")
        }
        dialoguer::Error::IO(io) => Error::usage(format!("cannot prompt: {io}")),
    }
}
