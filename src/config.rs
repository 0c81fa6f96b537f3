//! Profiles: named settings in a TOML file at `$XDG_CONFIG_HOME/sn-handoff/config.toml` (or
//! `--config` / `SN_HANDOFF_CONFIG`). A profile holds the instance, the auth method, the user
//! name, the OAuth client id and the step options; never a secret.
//!
//! ```toml
//! [profiles.default]
//! instance = "https://dev123.service-now.com"
//! auth = "basic"
//! username = "admin"
//! group = "Consumer Service Support"
//! agent = "abel.tuter"
//! webhook_url = "https://bots.kore.ai/chatbot/v2/webhook/st-…"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cli::AuthMethod;
use crate::error::{Error, Result};

/// The profile used when none is named.
pub const DEFAULT_PROFILE: &str = "default";

/// The whole config file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Config {
    /// Profiles by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// One profile's settings. Every field is optional; unknown keys are kept out of the way.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Instance URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Authentication method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthMethod>,
    /// ServiceNow user name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// OAuth client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The AWA group of step 4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The agent of steps 4 and 6.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// The Kore.ai webhook URL of step 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
}

/// Where the config file is: `--config`/`SN_HANDOFF_CONFIG`, else the XDG path.
pub fn config_path(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(base.join("sn-handoff").join("config.toml"))
}

impl Config {
    /// Reads the file; a missing file is an empty config, a broken one is exit 2.
    pub fn load(path: Option<&Path>) -> Result<Config> {
        let Some(path) = path else {
            return Ok(Config::default());
        };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(Error::usage(format!(
                    "cannot read the config file {}: {e}",
                    path.display()
                )))
            }
        };
        toml::from_str(&text).map_err(|e| {
            Error::usage(format!(
                "the config file {} is not valid: {}",
                path.display(),
                e.message()
            ))
            .with_hint("fix or remove the file; it holds no secrets")
        })
    }

    /// The named profile. Naming one that does not exist is exit 2; the default profile may
    /// be absent (then every setting comes from flags, environment and defaults).
    pub fn profile(&self, name: &str, named_explicitly: bool) -> Result<Profile> {
        match self.profiles.get(name) {
            Some(p) => Ok(p.clone()),
            None if !named_explicitly || name == DEFAULT_PROFILE => Ok(Profile::default()),
            None => {
                let known: Vec<&str> = self.profiles.keys().map(String::as_str).collect();
                let known = if known.is_empty() {
                    "the config file has no profiles".to_string()
                } else {
                    format!("known profiles: {}", known.join(", "))
                };
                Err(Error::usage(format!("no profile named `{name}` ({known})")))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_profiles_and_ignores_unknown_keys() {
        let c: Config = toml::from_str(
            "[profiles.default]\ninstance = \"dev1\"\nauth = \"basic\"\nfuture = 1\n[profiles.prod]\nagent = \"abel.tuter\"\n",
        )
        .unwrap();
        assert_eq!(c.profiles["default"].instance.as_deref(), Some("dev1"));
        assert_eq!(c.profiles["default"].auth, Some(AuthMethod::Basic));
        assert_eq!(
            c.profile("prod", true).unwrap().agent.as_deref(),
            Some("abel.tuter")
        );
        let e = c.profile("staging", true).unwrap_err();
        assert!(e.message().contains("default, prod"), "{}", e.message());
        assert_eq!(c.profile("staging", false).unwrap(), Profile::default());
    }

    #[test]
    fn missing_file_is_empty_and_broken_file_is_usage_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.toml");
        assert!(Config::load(Some(&missing)).unwrap().profiles.is_empty());
        let broken = dir.path().join("broken.toml");
        std::fs::write(&broken, "[profiles.default\n").unwrap();
        let e = Config::load(Some(&broken)).unwrap_err();
        assert_eq!(e.kind(), crate::error::ErrorKind::Usage);
    }
}
