//! A setting's value with where it came from, and the connection and network settings
//! resolved once.

use clap::ValueEnum;

use crate::cli::{AuthMethod, GlobalArgs, KoreArgs};
use crate::config::Profile;
use crate::servicenow::client::DEFAULT_CONCURRENCY;
use crate::servicenow::http::Network;

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag.
    Flag,
    /// An environment variable (clap merges it with the flag; a value equal to the
    /// variable's is taken as coming from it).
    Env,
    /// The profile in the config file.
    Profile,
    /// The built-in default.
    Default,
    /// The simulated instance of `--demo`.
    Demo,
}

impl Source {
    /// `flag`, `env`, `profile`, `default` or `demo`, as `auth status` shows it.
    pub fn name(self) -> &'static str {
        match self {
            Source::Flag => "flag",
            Source::Env => "env",
            Source::Profile => "profile",
            Source::Default => "default",
            Source::Demo => "demo",
        }
    }

    /// Where a value given by flag or environment (`given`), else by the profile, came from.
    pub fn of(given: Option<&str>, env: &str, profile: Option<&str>) -> Option<Source> {
        match given {
            Some(v) if std::env::var(env).is_ok_and(|e| e == v) => Some(Source::Env),
            Some(_) => Some(Source::Flag),
            None => profile.map(|_| Source::Profile),
        }
    }
}

/// A setting's value and its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved<T> {
    pub value: T,
    /// Where it came from.
    pub source: Source,
}

impl<T> Resolved<T> {
    pub(super) fn new(value: T, source: Source) -> Self {
        Resolved { value, source }
    }

    /// Whether the run was given it (flag or environment), rather than it being offered (by
    /// the profile, the default or `--demo`).
    pub fn given(&self) -> bool {
        matches!(self.source, Source::Flag | Source::Env)
    }
}

impl Resolved<String> {
    /// `(given, offered)`: the value as given by flag or environment, else as offered by the
    /// profile or `--demo` (a question's default).
    pub fn split(resolved: Option<&Resolved<String>>) -> (Option<String>, Option<String>) {
        match resolved {
            Some(r) if r.given() => (Some(r.value.clone()), None),
            Some(r) => (None, Some(r.value.clone())),
            None => (None, None),
        }
    }
}

/// What to connect to and as whom, each resolved once.
#[derive(Debug, Clone)]
pub struct Connection {
    /// The instance URL as given (parsed when used).
    pub instance: Option<Resolved<String>>,
    /// The authentication method.
    pub method: Resolved<AuthMethod>,
    /// The user name (trimmed, never empty).
    pub username: Option<Resolved<String>>,
    /// The OAuth client id (trimmed, never empty).
    pub client_id: Option<Resolved<String>>,
}

impl Connection {
    pub(super) fn resolve(global: &GlobalArgs, profile: &Profile) -> Connection {
        let trimmed =
            |v: Option<&String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let text = |given: Option<&String>, env: &str, stored: Option<&String>| {
            let (given, stored) = (trimmed(given), trimmed(stored));
            let source = Source::of(given.as_deref(), env, stored.as_deref())?;
            Some(Resolved::new(given.or(stored)?, source))
        };
        let instance = match (&global.instance, &profile.instance) {
            (Some(i), _) => Some(Resolved::new(
                i.clone(),
                Source::of(Some(i), crate::env::INSTANCE, None).unwrap_or(Source::Flag),
            )),
            (None, Some(i)) => Some(Resolved::new(i.clone(), Source::Profile)),
            (None, None) => None,
        };
        let method = match (global.auth, profile.auth) {
            (Some(m), _) => {
                let name = m.to_possible_value().map(|v| v.get_name().to_string());
                let source = Source::of(name.as_deref(), crate::env::AUTH, None);
                Resolved::new(m, source.unwrap_or(Source::Flag))
            }
            (None, Some(m)) => Resolved::new(m, Source::Profile),
            (None, None) => Resolved::new(AuthMethod::Basic, Source::Default),
        };
        Connection {
            instance,
            method,
            username: text(
                global.username.as_ref(),
                crate::env::USERNAME,
                profile.username.as_ref(),
            ),
            client_id: text(
                global.client_id.as_ref(),
                crate::env::CLIENT_ID,
                profile.client_id.as_ref(),
            ),
        }
    }
}

/// The variable that sets how many requests are in flight at once.
pub const CONCURRENCY_ENV: &str = crate::env::CONCURRENCY;

/// The network block both clients take: `--timeout`, `--ca-cert` and `-v` (flag or
/// environment), and the requests in flight at once (`SN_HANDOFF_CONCURRENCY`, else the
/// client's default).
pub fn network(global: &GlobalArgs) -> Network {
    let concurrency = std::env::var(CONCURRENCY_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n: &usize| *n > 0)
        .unwrap_or(DEFAULT_CONCURRENCY);
    Network {
        timeout: std::time::Duration::from_secs(global.timeout),
        ca_cert: global.ca_cert.clone(),
        verbose: global.verbose,
        concurrency,
    }
}

/// The Kore.ai bot and apps as given: flag or environment, else the profile; a blank value is
/// none. Which bot and app they make (with `--demo`'s, the default host, and the checks) is
/// the Kore.ai side's (`crate::kore::KoreSettings`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KoreGiven {
    pub host: Option<String>,
    pub bot_id: Option<String>,
    pub client_id: Option<String>,
    pub admin_client_id: Option<String>,
}

impl KoreGiven {
    pub(super) fn resolve(flags: &KoreArgs, profile: &Profile) -> KoreGiven {
        let given = |flag: &Option<String>, profile: &Option<String>| {
            flag.clone()
                .or_else(|| profile.clone())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        KoreGiven {
            host: given(&flags.kore_host, &profile.kore_host),
            bot_id: given(&flags.bot_id, &profile.bot_id),
            client_id: given(&flags.kore_client_id, &profile.kore_client_id),
            admin_client_id: given(&flags.kore_admin_client_id, &profile.kore_admin_client_id),
        }
    }
}
