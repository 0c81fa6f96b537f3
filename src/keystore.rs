//! The OS keyring: where `auth login` keeps a profile's secrets (Secret Service on Linux and
//! the BSDs, the Keychain on macOS, the Credential Manager on Windows), through the `keyring`
//! crate.
//!
//! Entries are keyed by service [`SERVICE`] and an account naming the secret, the profile and
//! the instance: `password:default@https://dev123.service-now.com`, `client_secret:…`,
//! `refresh_token:…`. The value is the secret alone.
//!
//! Every call runs on a thread of its own and is given up after [`DEFAULT_TIMEOUT`] (or
//! `SN_HANDOFF_KEYRING_TIMEOUT` seconds): a D-Bus that accepts the connection and never answers,
//! or a keyring that waits for an unlock dialog nobody sees, must not hang the tool. Once a
//! call found the keyring unreachable, later calls in the same run fail at once with the same
//! reason instead of waiting again. There is no plain-text fallback: when the keyring cannot be
//! reached, callers say so and name the environment variables to use instead.

use std::sync::Mutex;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

/// The keyring service every entry is stored under.
pub const SERVICE: &str = "sn-handoff";

/// How long one keyring call may take before it is given up.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// The environment variable that overrides [`DEFAULT_TIMEOUT`] (whole seconds, 1 to 600).
pub const TIMEOUT_ENV: &str = crate::env::KEYRING_TIMEOUT;

/// The kinds of secret sn-handoff keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretKind {
    /// The ServiceNow password (basic auth).
    Password,
    /// The OAuth app's client secret.
    ClientSecret,
    /// An OAuth refresh token.
    RefreshToken,
    /// The client secret of the bot's Kore.ai JWT app (keyed by the Kore.ai host).
    KoreClientSecret,
    /// The client secret of a Kore.ai Admin Console app (keyed by the Kore.ai host).
    KoreAdminClientSecret,
    /// A REST API key (`x-sn-apikey`).
    ApiKey,
    /// The passphrase of an encrypted client key (`--auth mtls`); never stored.
    ClientKeyPassphrase,
    /// The OAuth access token last issued, with its expiry (`<unix seconds> <token>`), kept
    /// until shortly before it expires so that the next run needs no token request.
    AccessToken,
}

impl SecretKind {
    /// Every ServiceNow kind, in the order they are reported (the Kore.ai secrets are kept
    /// apart: a ServiceNow login neither stores nor removes them).
    pub const ALL: [SecretKind; 4] = [
        SecretKind::Password,
        SecretKind::ClientSecret,
        SecretKind::RefreshToken,
        SecretKind::ApiKey,
    ];

    /// The identifier used in keyring accounts and JSON: `password`, `client_secret`,
    /// `refresh_token`.
    pub fn id(self) -> &'static str {
        match self {
            SecretKind::Password => "password",
            SecretKind::ClientSecret => "client_secret",
            SecretKind::RefreshToken => "refresh_token",
            SecretKind::KoreClientSecret => "kore_client_secret",
            SecretKind::KoreAdminClientSecret => "kore_admin_client_secret",
            SecretKind::ApiKey => "api_key",
            SecretKind::ClientKeyPassphrase => "client_key_passphrase",
            SecretKind::AccessToken => "access_token",
        }
    }

    /// The words for messages: `password`, `client secret`, `refresh token`.
    pub fn words(self) -> &'static str {
        match self {
            SecretKind::Password => "password",
            SecretKind::ClientSecret => "client secret",
            SecretKind::RefreshToken => "refresh token",
            SecretKind::KoreClientSecret => "Kore.ai client secret",
            SecretKind::KoreAdminClientSecret => "Kore.ai Admin Console client secret",
            SecretKind::ApiKey => "API key",
            SecretKind::ClientKeyPassphrase => "client key passphrase",
            SecretKind::AccessToken => "access token",
        }
    }

    /// The environment variable that gives this secret.
    pub fn env(self) -> &'static str {
        match self {
            SecretKind::Password => crate::env::PASSWORD,
            SecretKind::ClientSecret => crate::env::CLIENT_SECRET,
            SecretKind::RefreshToken => crate::env::REFRESH_TOKEN,
            SecretKind::KoreClientSecret => crate::env::KORE_CLIENT_SECRET,
            SecretKind::KoreAdminClientSecret => crate::env::KORE_ADMIN_CLIENT_SECRET,
            SecretKind::ApiKey => crate::env::API_KEY,
            SecretKind::ClientKeyPassphrase => crate::env::CLIENT_KEY_PASSPHRASE,
            SecretKind::AccessToken => crate::env::ACCESS_TOKEN,
        }
    }
}

/// Which entry: one secret of one profile for one instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The profile's name.
    pub profile: String,
    /// The instance origin (`https://dev123.service-now.com`).
    pub instance: String,
    /// The secret.
    pub kind: SecretKind,
}

/// The OAuth client keeps its access token between runs in a keyring slot.
impl sn_handoff_servicenow::oauth::TokenCache for Key {
    fn get(&self) -> Option<secrecy::SecretString> {
        get(self).ok().flatten()
    }

    fn set(&self, entry: &secrecy::SecretString) {
        let _ = set(self, entry);
    }

    fn delete(&self) {
        let _ = delete(self);
    }
}

impl Key {
    /// The entry's account name: `kind:profile@instance`.
    pub fn account(&self) -> String {
        format!("{}:{}@{}", self.kind.id(), self.profile, self.instance)
    }
}

/// Why the keyring could not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyringError {
    /// No keyring could be reached (no D-Bus session, no Secret Service, no access).
    #[error("the OS keyring could not be reached ({0})")]
    Unavailable(String),
    /// The keyring did not answer in time.
    #[error("the OS keyring did not answer within {} s (is its D-Bus session or unlock prompt stuck?)", .0.as_secs())]
    TimedOut(Duration),
    /// The keyring answered with an error.
    #[error("the OS keyring refused: {0}")]
    Failed(String),
}

impl KeyringError {
    /// Whether the keyring as a whole is out of reach (rather than one entry failing).
    pub fn unreachable(&self) -> bool {
        matches!(
            self,
            KeyringError::Unavailable(_) | KeyringError::TimedOut(_)
        )
    }
}

/// The first reason the keyring was found unreachable in this run.
static UNREACHABLE: Mutex<Option<KeyringError>> = Mutex::new(None);

/// The time one call may take: `SN_HANDOFF_KEYRING_TIMEOUT` or [`DEFAULT_TIMEOUT`].
pub fn timeout() -> Duration {
    std::env::var(TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|secs| (1..=600).contains(secs))
        .map_or(DEFAULT_TIMEOUT, Duration::from_secs)
}

/// Reads the secret; `Ok(None)` when there is no such entry.
pub fn get(key: &Key) -> Result<Option<SecretString>, KeyringError> {
    let account = key.account();
    call(move || match entry(&account)?.get_password() {
        Ok(secret) => Ok(Some(SecretString::from(secret))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(classify(e)),
    })
}

/// Stores (or replaces) the secret.
pub fn set(key: &Key, secret: &SecretString) -> Result<(), KeyringError> {
    let account = key.account();
    let secret = secret.clone();
    call(move || {
        entry(&account)?
            .set_password(secret.expose_secret())
            .map_err(classify)
    })
}

/// Deletes the entry; `Ok(false)` when there was none.
pub fn delete(key: &Key) -> Result<bool, KeyringError> {
    let account = key.account();
    call(move || match entry(&account)?.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring::Error::NoEntry) => Ok(false),
        Err(e) => Err(classify(e)),
    })
}

/// Where secrets are kept: the OS keyring ([`OsKeyring`]), or a [`MemoryStore`] where a run
/// must not touch it (tests of the `init` wizard).
pub trait Store: Send + Sync {
    /// Reads the secret; `Ok(None)` when there is no such entry.
    fn get(&self, key: &Key) -> Result<Option<SecretString>, KeyringError>;
    /// Stores (or replaces) the secret.
    fn set(&self, key: &Key, secret: &SecretString) -> Result<(), KeyringError>;
    /// Deletes the entry; `Ok(false)` when there was none.
    fn delete(&self, key: &Key) -> Result<bool, KeyringError>;
}

/// The OS keyring, through [`get`], [`set`] and [`delete`] (each bounded by [`timeout`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct OsKeyring;

impl Store for OsKeyring {
    fn get(&self, key: &Key) -> Result<Option<SecretString>, KeyringError> {
        get(key)
    }

    fn set(&self, key: &Key, secret: &SecretString) -> Result<(), KeyringError> {
        set(key, secret)
    }

    fn delete(&self, key: &Key) -> Result<bool, KeyringError> {
        delete(key)
    }
}

/// Secrets in this process's memory, by account name; or, made with
/// [`MemoryStore::unreachable`], a keyring that cannot be reached at all.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: Mutex<std::collections::BTreeMap<String, SecretString>>,
    unreachable: Option<KeyringError>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// A store whose every call fails with `why`, as an unreachable keyring does.
    pub fn unreachable(why: KeyringError) -> MemoryStore {
        MemoryStore {
            unreachable: Some(why),
            ..MemoryStore::default()
        }
    }

    /// The account names stored, sorted.
    pub fn accounts(&self) -> Vec<String> {
        self.lock().keys().cloned().collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::BTreeMap<String, SecretString>> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn reachable(&self) -> Result<(), KeyringError> {
        match &self.unreachable {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &Key) -> Result<Option<SecretString>, KeyringError> {
        self.reachable()?;
        Ok(self.lock().get(&key.account()).cloned())
    }

    fn set(&self, key: &Key, secret: &SecretString) -> Result<(), KeyringError> {
        self.reachable()?;
        self.lock().insert(key.account(), secret.clone());
        Ok(())
    }

    fn delete(&self, key: &Key) -> Result<bool, KeyringError> {
        self.reachable()?;
        Ok(self.lock().remove(&key.account()).is_some())
    }
}

fn entry(account: &str) -> Result<keyring::Entry, KeyringError> {
    keyring::Entry::new(SERVICE, account).map_err(classify)
}

fn classify(e: keyring::Error) -> KeyringError {
    match e {
        keyring::Error::PlatformFailure(inner) | keyring::Error::NoStorageAccess(inner) => {
            KeyringError::Unavailable(one_line(&inner.to_string()))
        }
        other => KeyringError::Failed(one_line(&other.to_string())),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs `work` on a thread of its own (the keyring's D-Bus client runs its own runtime, which
/// must not be started on a runtime thread) and waits at most [`timeout`] for it. A call that
/// does not return in time is left behind; the process does not wait for it when it exits.
fn call<T, F>(work: F) -> Result<T, KeyringError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, KeyringError> + Send + 'static,
{
    if let Some(known) = UNREACHABLE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
    {
        return Err(known);
    }
    let limit = timeout();
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("keyring".into())
        .spawn(move || {
            let _ = tx.send(work());
        });
    if let Err(e) = spawned {
        return Err(KeyringError::Failed(format!("cannot start a thread: {e}")));
    }
    let result = match rx.recv_timeout(limit) {
        Ok(result) => result,
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            Err(KeyringError::Failed("the keyring call panicked".into()))
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(KeyringError::TimedOut(limit)),
    };
    if let Err(e) = &result {
        if e.unreachable() {
            *UNREACHABLE
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(e.clone());
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_name_kind_profile_and_instance() {
        let key = Key {
            profile: "prod".into(),
            instance: "https://acme.service-now.com".into(),
            kind: SecretKind::RefreshToken,
        };
        assert_eq!(
            key.account(),
            "refresh_token:prod@https://acme.service-now.com"
        );
        for kind in SecretKind::ALL {
            assert!(kind.env().starts_with("SN_HANDOFF_"));
        }
    }
}
