//! Where secrets come from, in the order of docs/contract.md: the environment, then `--password-stdin`, then the
//! OS keyring (entries `auth login` stored for the profile and instance), then a hidden prompt
//! where prompting is allowed. Secrets live in [`SecretString`]s so that `Debug` cannot show
//! them; they are never written to the config file, printed, put in a URL or logged.
//!
//! `--password-stdin` feeds one secret: the one the command cannot do without (the password
//! for basic auth and the password grant, the refresh token for OAuth and `--grant token`, the
//! client secret for `--grant browser`); [`Secrets::stdin_kind`] names it.

use std::io::Read;
use std::sync::Mutex;

use secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, ErrorKind, Result};
use crate::keystore::{self, Key, KeyringError, SecretKind};

/// Where a secret came from (reported by `auth status`, and in messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretSource {
    /// An environment variable.
    Env(&'static str),
    /// Standard input (`--password-stdin`).
    Stdin,
    /// The OS keyring.
    Keyring,
    /// A hidden prompt.
    Prompt,
    /// The in-process simulator of `--demo`.
    Demo,
    /// A file the settings name (the client certificate's key of `--auth mtls`).
    File,
}

impl SecretSource {
    /// A short name for messages and JSON (`env`, `stdin`, `keyring`, `prompt`, `demo`,
    /// `file`).
    pub fn name(self) -> &'static str {
        match self {
            SecretSource::Env(_) => "env",
            SecretSource::Stdin => "stdin",
            SecretSource::Keyring => "keyring",
            SecretSource::Prompt => "prompt",
            SecretSource::Demo => "demo",
            SecretSource::File => "file",
        }
    }
}

/// What a look-up without prompting found.
#[derive(Debug, Default)]
pub struct SecretLookup {
    /// The secret and where it came from.
    pub secret: Option<(SecretString, SecretSource)>,
    /// Why the keyring could not be asked, when it was asked and could not answer.
    pub keyring_error: Option<KeyringError>,
}

/// The secrets of one profile at one instance.
#[derive(Debug)]
pub struct Secrets {
    /// The profile's name.
    pub profile: String,
    /// The instance origin.
    pub instance: String,
    /// The secret `--password-stdin` gives.
    pub stdin_kind: SecretKind,
    /// Whether `--password-stdin` was passed.
    pub password_stdin: bool,
    /// Whether the OS keyring is asked (not when signing in: a login asks for new secrets).
    pub use_keyring: bool,
    /// Whether a hidden prompt is allowed.
    pub can_prompt: bool,
    stdin: Mutex<Option<SecretString>>,
    /// Under `--demo`: the simulator's password and client secret, which answer every look-up.
    demo: Option<(SecretString, SecretString)>,
    /// Under `--demo`: the simulator's REST API key, for `--auth apikey`.
    demo_api_key: Option<SecretString>,
    /// Which environment variables give a secret (see [`EnvScope`]).
    scope: EnvScope,
}

/// Which environment variables a secret is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvScope {
    /// The plain variables (`SN_HANDOFF_PASSWORD`) only: the default profile of a
    /// single-profile run.
    Plain,
    /// The profile's own variables (`SN_HANDOFF_DEV_PASSWORD` for `dev`) first, then the
    /// plain ones: a single-profile run with a named profile.
    ProfileThenPlain(String),
    /// The profile's own variables only: a run over several profiles, where one plain
    /// variable would send one instance's secret to every other.
    ProfileOnly(String),
}

impl EnvScope {
    /// The variables that give `kind`, in the order they are read.
    pub fn names(&self, kind: SecretKind) -> Vec<&'static str> {
        self.names_of(kind.env())
    }

    /// The variables that give the secret whose plain variable is `plain` (one the keyring
    /// never holds, such as the smoke test's message token), in the order they are read.
    pub fn names_of(&self, plain: &'static str) -> Vec<&'static str> {
        match self {
            EnvScope::Plain => vec![plain],
            EnvScope::ProfileThenPlain(p) => vec![profile_var(plain, p), plain],
            EnvScope::ProfileOnly(p) => vec![profile_var(plain, p)],
        }
    }
}

/// The variable of `kind` for `profile`: `SN_HANDOFF_<PROFILE>_<NAME>`, the profile's name
/// upper-cased with every character other than a letter or digit written `_`
/// (`SN_HANDOFF_EU_PROD_PASSWORD` for `eu-prod`). The name lives as long as the process (a
/// run names a handful), so that it can be reported as a [`SecretSource::Env`].
pub fn profile_env(kind: SecretKind, profile: &str) -> &'static str {
    profile_var(kind.env(), profile)
}

/// [`profile_env`] for the plain variable `plain`.
pub fn profile_var(plain: &str, profile: &str) -> &'static str {
    static NAMES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let rest = plain.trim_start_matches("SN_HANDOFF_");
    let upper: String = profile
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    let name = format!("SN_HANDOFF_{upper}_{rest}");
    // A name is leaked once, so that the run's handful of names can be `&'static str`.
    let mut names = NAMES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(known) = names.iter().find(|n| **n == name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.into_boxed_str());
    names.push(leaked);
    leaked
}

impl Secrets {
    /// Secrets for `profile` at `instance`.
    pub fn new(
        profile: &str,
        instance: &str,
        stdin_kind: SecretKind,
        password_stdin: bool,
        use_keyring: bool,
        can_prompt: bool,
    ) -> Secrets {
        Secrets {
            profile: profile.to_string(),
            instance: instance.to_string(),
            stdin_kind,
            password_stdin,
            use_keyring,
            can_prompt,
            stdin: Mutex::new(None),
            demo: None,
            demo_api_key: None,
            scope: EnvScope::Plain,
        }
    }

    /// The same look-up reading the variables of `scope`.
    pub fn with_scope(mut self, scope: EnvScope) -> Secrets {
        self.scope = scope;
        self
    }

    /// The variables that give `kind`, in the order they are read.
    pub fn env_names(&self, kind: SecretKind) -> Vec<&'static str> {
        self.scope.names(kind)
    }

    /// The same look-up answered by the simulated instance of `--demo`: its client secret for
    /// the client secret, its password for the rest (under `--demo` OAuth signs in with the
    /// password grant, so no refresh token is asked for).
    pub fn with_demo(mut self, password: SecretString, client_secret: SecretString) -> Secrets {
        self.demo = Some((password, client_secret));
        self
    }

    /// Under `--demo`: the simulator's REST API key answers the API key's look-up.
    pub fn with_demo_api_key(mut self, key: SecretString) -> Secrets {
        self.demo_api_key = Some(key);
        self
    }

    /// The keyring entry of `kind`.
    pub fn key(&self, kind: SecretKind) -> Key {
        Key {
            profile: self.profile.clone(),
            instance: self.instance.clone(),
            kind,
        }
    }

    /// Looks in the environment, standard input and the keyring, without prompting. A secret
    /// found is held by the output's scrubber (`ui::secrets`).
    pub fn find(&self, kind: SecretKind) -> Result<SecretLookup> {
        let found = self.look(kind)?;
        if let Some((secret, _)) = &found.secret {
            crate::ui::secrets::hold(secret.expose_secret());
        }
        Ok(found)
    }

    fn look(&self, kind: SecretKind) -> Result<SecretLookup> {
        if let Some((password, client_secret)) = &self.demo {
            let secret = match (kind, &self.demo_api_key) {
                (SecretKind::ClientSecret, _) => client_secret.clone(),
                (SecretKind::ApiKey, Some(key)) => key.clone(),
                _ => password.clone(),
            };
            return Ok(SecretLookup {
                secret: Some((secret, SecretSource::Demo)),
                keyring_error: None,
            });
        }
        for name in self.env_names(kind) {
            if let Some(secret) = env_secret(name) {
                return Ok(SecretLookup {
                    secret: Some((secret, SecretSource::Env(name))),
                    keyring_error: None,
                });
            }
        }
        if self.password_stdin && self.stdin_kind == kind {
            let mut cached = self
                .stdin
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if cached.is_none() {
                *cached = Some(read_stdin_secret(kind.words())?);
            }
            let secret = cached.clone().expect("just read");
            return Ok(SecretLookup {
                secret: Some((secret, SecretSource::Stdin)),
                keyring_error: None,
            });
        }
        if !self.use_keyring {
            return Ok(SecretLookup::default());
        }
        match keystore::get(&self.key(kind)) {
            Ok(Some(secret)) => Ok(SecretLookup {
                secret: Some((secret, SecretSource::Keyring)),
                keyring_error: None,
            }),
            Ok(None) => Ok(SecretLookup::default()),
            Err(e) => Ok(SecretLookup {
                secret: None,
                keyring_error: Some(e),
            }),
        }
    }

    /// The secret from the environment, standard input, the keyring or a prompt (`prompt` is
    /// its text). Missing where prompts are off: exit 2, naming the environment variable,
    /// `--password-stdin` where it would feed this secret, `fix` (the login command that
    /// stores it), and why the keyring could not be asked.
    pub fn require(
        &self,
        kind: SecretKind,
        prompt: &str,
        fix: Option<&str>,
    ) -> Result<(SecretString, SecretSource)> {
        let found = self.find(kind)?;
        if let Some(found) = found.secret {
            return Ok(found);
        }
        if self.can_prompt {
            if let Some(e) = &found.keyring_error {
                crate::ui::diagnostic(format!("warning: {e}; asking instead"));
            }
            let secret = prompt_secret(prompt)?;
            crate::ui::secrets::hold(secret.expose_secret());
            return Ok((secret, SecretSource::Prompt));
        }
        Err(missing(
            &self.env_names(kind),
            kind,
            // A run over several profiles takes no --password-stdin.
            self.stdin_kind == kind && !matches!(self.scope, EnvScope::ProfileOnly(_)),
            fix,
            found.keyring_error.as_ref(),
        ))
    }
}

/// The error for a secret that is nowhere: what to set (`names`, the variables that would
/// have given it), and why the keyring did not help.
pub fn missing(
    names: &[&str],
    kind: SecretKind,
    stdin_feeds_it: bool,
    fix: Option<&str>,
    keyring_error: Option<&KeyringError>,
) -> Error {
    let mut ways = vec![format!("set {}", names.join(" or "))];
    if stdin_feeds_it {
        ways.push("pass --password-stdin".into());
    }
    // Storing it is no way out where the keyring cannot be reached.
    if let (Some(fix), None) = (fix, keyring_error) {
        ways.push(format!("store it with `{fix}`"));
    }
    let message = format!("no {}: {}", kind.words(), ways.join(", or "));
    let hint = match keyring_error {
        Some(e) => unreachable_hint(e),
        None => "prompts are off (--no-input, SN_HANDOFF_NO_INPUT, or stdin/stderr not a terminal)"
            .to_string(),
    };
    Error::usage(message).with_hint(hint)
}

/// What to do without a keyring, for a run that needs `kinds`: the variables that carry them.
/// Said once, where nothing else in the message names them.
pub fn env_hint(kinds: &[SecretKind]) -> String {
    let names: Vec<&str> = kinds.iter().map(|k| k.env()).collect();
    format!(
        "without an OS keyring, set {} on each run (sn-handoff never writes a secret to a file)",
        crate::text::and_list(&names)
    )
}

/// Why secrets come from the environment only: the keyring's reason, once. The variables are
/// named by the message it goes with.
pub fn unreachable_hint(e: &KeyringError) -> String {
    format!("{e}, so secrets come from the environment only")
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

/// Asks for a secret without echoing it.
pub fn prompt_secret(prompt: &str) -> Result<SecretString> {
    let value = dialoguer::Password::new()
        .with_prompt(prompt)
        .interact()
        .map_err(prompt_error)?;
    Ok(SecretString::from(value))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_names_its_own_variables() {
        assert_eq!(
            profile_env(SecretKind::Password, "eu-prod"),
            "SN_HANDOFF_EU_PROD_PASSWORD"
        );
        assert_eq!(
            profile_env(SecretKind::KoreClientSecret, "dev"),
            "SN_HANDOFF_DEV_KORE_CLIENT_SECRET"
        );
        // The same name is the same leaked string.
        assert!(std::ptr::eq(
            profile_env(SecretKind::Password, "eu-prod"),
            profile_env(SecretKind::Password, "eu-prod")
        ));
        let kind = SecretKind::Password;
        assert_eq!(EnvScope::Plain.names(kind), ["SN_HANDOFF_PASSWORD"]);
        assert_eq!(
            EnvScope::ProfileThenPlain("test".into()).names(kind),
            ["SN_HANDOFF_TEST_PASSWORD", "SN_HANDOFF_PASSWORD"]
        );
        assert_eq!(
            EnvScope::ProfileOnly("test".into()).names(kind),
            ["SN_HANDOFF_TEST_PASSWORD"]
        );
    }
}
