//! Profiles: named settings in a TOML file at `$XDG_CONFIG_HOME/sn-handoff/config.toml` (or
//! `--config` / `SN_HANDOFF_CONFIG`). A profile holds the instance, the auth method, the user
//! name, the OAuth client id and the step options; never a secret. `auth login` writes it
//! with [`update_profile`], which keeps the rest of the file and replaces it atomically.
//!
//! ```toml
//! [profiles.default]
//! instance = "https://dev123.service-now.com"
//! auth = "basic"
//! username = "admin"
//! group = "Consumer Service Support"
//! agent = "abel.tuter"
//! webhook_url = "https://bots.kore.ai/chatbot/v2/webhook/st-…"
//! bot_id = "st-…"
//! kore_client_id = "cs-…"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::fs::write_atomic;

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
    /// The client certificate of `auth = "mtls"` (a path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_cert: Option<String>,
    /// Its private key (a path; the file is the secret, never copied).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_key: Option<String>,
    /// The AWA group of step 4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The agent of steps 4 and 6.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// The Kore.ai webhook URL of step 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    /// The Kore.ai host (`platform.kore.ai` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kore_host: Option<String>,
    /// The Kore.ai bot id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot_id: Option<String>,
    /// The client id of the bot's Kore.ai JWT app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kore_client_id: Option<String>,
    /// The client id of a Kore.ai Admin Console app for publishing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kore_admin_client_id: Option<String>,
}

// A leaf helper now (`crate::fs`), shared with the state file; this path stays for callers.
pub use crate::fs::xdg_dir;

/// Where the config file is: `--config`/`SN_HANDOFF_CONFIG`, else the XDG path.
pub fn config_path(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    Some(xdg_dir("XDG_CONFIG_HOME", ".config")?.join("config.toml"))
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

/// Sets (`Some`) or removes (`None`) keys of `[profiles.NAME]` in the file at `path`, and
/// keeps everything else (other profiles, comments, keys this version does not know) as it
/// was. The file is replaced atomically: written in full to a temporary file beside it, then
/// renamed over it, so a crash leaves the old file or the new one, never half of one. A new
/// directory is made private (0700) and the file is readable by its owner only (0600).
pub fn update_profile(path: &Path, name: &str, changes: &[(&str, Option<&str>)]) -> Result<()> {
    let write_error = |what: String| Error::new(ErrorKind::WriteFailed, what);
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(write_error(format!(
                "cannot read the config file {}: {e}",
                path.display()
            )))
        }
    };
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        Error::usage(format!(
            "the config file {} is not valid: {}",
            path.display(),
            e.message()
        ))
        .with_hint("fix or remove the file; it holds no secrets")
    })?;
    let profiles = doc
        .entry("profiles")
        .or_insert_with(|| {
            let mut t = toml_edit::Table::new();
            t.set_implicit(true);
            toml_edit::Item::Table(t)
        })
        .as_table_mut()
        .ok_or_else(|| Error::usage(format!("`profiles` in {} is not a table", path.display())))?;
    let profile = profiles
        .entry(name)
        .or_insert_with(toml_edit::table)
        .as_table_mut()
        .ok_or_else(|| {
            Error::usage(format!(
                "`profiles.{name}` in {} is not a table",
                path.display()
            ))
        })?;
    for (key, value) in changes {
        match value {
            Some(v) => {
                profile.insert(key, toml_edit::value(*v));
            }
            None => {
                profile.remove(key);
            }
        }
    }
    write_atomic(path, doc.to_string().as_bytes()).map_err(|e| {
        write_error(format!(
            "cannot write the config file {}: {e}",
            path.display()
        ))
    })
}

/// How sn-handoff signs in to ServiceNow: a profile's `auth`, and `--auth`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum AuthMethod {
    /// HTTP Basic with user name and password
    Basic,
    /// OAuth 2.0 with a refresh token
    Oauth,
    /// A REST API key in the x-sn-apikey header (an API Key inbound authentication profile
    /// and a REST API access policy on the instance)
    Apikey,
    /// A client certificate (mutual TLS): --client-cert and --client-key
    Mtls,
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
    fn profile_updates_keep_the_rest_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new").join("config.toml");
        update_profile(
            &path,
            "default",
            &[("instance", Some("dev1")), ("auth", Some("basic"))],
        )
        .unwrap();
        let original = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            format!("# mine\n{original}future = 1\n[profiles.prod]\nagent = \"abel.tuter\"\n"),
        )
        .unwrap();
        update_profile(
            &path,
            "default",
            &[
                ("auth", Some("oauth")),
                ("client_id", Some("abc")),
                ("future", None),
            ],
        )
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# mine"), "{text}");
        let c = Config::load(Some(&path)).unwrap();
        assert_eq!(c.profiles["default"].auth, Some(AuthMethod::Oauth));
        assert_eq!(c.profiles["default"].instance.as_deref(), Some("dev1"));
        assert_eq!(c.profiles["default"].client_id.as_deref(), Some("abc"));
        assert_eq!(c.profiles["prod"].agent.as_deref(), Some("abel.tuter"));
        assert!(!text.contains("future"), "{text}");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("config.toml")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(path.parent().unwrap()), 0o700);
        }
    }

    #[test]
    fn a_broken_file_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[profiles.default\n").unwrap();
        let e = update_profile(&path, "default", &[("instance", Some("dev1"))]).unwrap_err();
        assert_eq!(e.kind(), crate::error::ErrorKind::Usage);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "[profiles.default\n"
        );
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
