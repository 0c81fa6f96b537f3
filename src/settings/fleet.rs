//! The settings of a run over several profiles (`check --profiles`, `check --all-profiles`,
//! `diff`): each profile is read from the config file on its own, with nothing of another's.
//! What names one instance (the instance, the sign-in, the webhook URL, the Kore.ai bot) comes
//! from each profile: given as a flag it is refused (exit 2), since it would point every
//! profile at the same place; the same values in the environment are ignored, as are the
//! plain secret variables (each profile reads its own, `SN_HANDOFF_<PROFILE>_PASSWORD`).

use super::{Settings, Source};
use crate::cli::GlobalArgs;
use crate::config::{config_path, Config};
use crate::error::{Error, Result};

/// The options that name one instance or bot: `(flag, variable, value)`.
fn per_instance(global: &GlobalArgs) -> Vec<(&'static str, &'static str, Option<String>)> {
    let kore = &global.kore;
    vec![
        ("--instance", crate::env::INSTANCE, global.instance.clone()),
        (
            "--auth",
            crate::env::AUTH,
            global
                .auth
                .and_then(|m| clap::ValueEnum::to_possible_value(&m))
                .map(|v| v.get_name().to_string()),
        ),
        ("--username", crate::env::USERNAME, global.username.clone()),
        (
            "--client-id",
            crate::env::CLIENT_ID,
            global.client_id.clone(),
        ),
        ("--kore-host", crate::env::KORE_HOST, kore.kore_host.clone()),
        ("--bot-id", crate::env::KORE_BOT_ID, kore.bot_id.clone()),
        (
            "--kore-client-id",
            crate::env::KORE_CLIENT_ID,
            kore.kore_client_id.clone(),
        ),
        (
            "--kore-admin-client-id",
            crate::env::KORE_ADMIN_CLIENT_ID,
            kore.kore_admin_client_id.clone(),
        ),
    ]
}

/// Refuses a per-instance option given as a flag (`what` names the run, for the message).
pub fn refuse_flag(flag: &str, variable: &str, value: Option<&str>, what: &str) -> Result<()> {
    if Source::of(value, variable, None) == Some(Source::Flag) {
        return Err(Error::usage(format!(
            "{flag} names one instance, and {what} reads each profile's own"
        ))
        .with_hint("set it in each profile of the config file (`sn-handoff auth login -p NAME` saves the sign-in)"));
    }
    Ok(())
}

impl Settings {
    /// The names `--profiles` gives (trimmed, in order, each once), or with `all` every
    /// profile of the config file in its order; exit 2 for an empty list or a config file
    /// without profiles.
    /// [`Settings::fleet_names`] with this run's global options.
    pub fn fleet_names_here(&self, given: &[String], all: bool) -> Result<Vec<String>> {
        Settings::fleet_names(&self.global, given, all)
    }

    /// [`Settings::fleet`] with this run's global options.
    pub fn fleet_here(&self, names: &[String], what: &str) -> Result<Vec<Settings>> {
        Settings::fleet(&self.global, names, what)
    }

    /// `--profile` (or `SN_HANDOFF_PROFILE`) as given.
    pub fn profile_flag(&self) -> Option<&str> {
        self.global.profile.as_deref()
    }

    /// `--client-cert` and `--client-key` as given.
    pub fn client_files(&self) -> (Option<std::path::PathBuf>, Option<std::path::PathBuf>) {
        (
            self.global.client_cert.clone(),
            self.global.client_key.clone(),
        )
    }

    pub fn fleet_names(global: &GlobalArgs, given: &[String], all: bool) -> Result<Vec<String>> {
        let mut names: Vec<String> = Vec::new();
        if all {
            let config = Config::load(config_path(global.config.as_deref()).as_deref())?;
            names.extend(config.profiles.keys().cloned());
            if names.is_empty() {
                return Err(
                    Error::usage("--all-profiles: the config file has no profiles")
                        .with_hint("add one with `sn-handoff auth login -p NAME -i INSTANCE`"),
                );
            }
        }
        for name in given.iter().map(|n| n.trim()) {
            if !name.is_empty() && !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
        if names.is_empty() {
            return Err(Error::usage("--profiles names no profile")
                .with_hint("give their names separated by commas: --profiles dev,test,prod"));
        }
        Ok(names)
    }

    /// The settings of each profile in `names`, read as `-p NAME` would read it, with
    /// nothing from the flags or variables that name one instance; `what` names the run for
    /// messages. An unknown profile, or such a flag, is exit 2 before anything is sent.
    pub fn fleet(global: &GlobalArgs, names: &[String], what: &str) -> Result<Vec<Settings>> {
        for (flag, variable, value) in per_instance(global) {
            refuse_flag(flag, variable, value.as_deref(), what)?;
        }
        if global.password_stdin {
            return Err(Error::usage(format!(
                "--password-stdin gives one secret, and {what} signs in to several instances"
            ))
            .with_hint("set SN_HANDOFF_<PROFILE>_PASSWORD for each profile, or store them with `sn-handoff auth login -p NAME`"));
        }
        if global.demo {
            return Err(Error::usage(format!(
                "--demo is one simulated instance, and {what} reads the profiles' instances"
            ))
            .with_hint("serve `sn-handoff demo` twice and point two profiles at them"));
        }
        let mut base = global.clone();
        base.instance = None;
        base.auth = None;
        base.username = None;
        base.client_id = None;
        base.kore.kore_host = None;
        base.kore.bot_id = None;
        base.kore.kore_client_id = None;
        base.kore.kore_admin_client_id = None;
        names
            .iter()
            .map(|name| {
                let mut global = base.clone();
                global.profile = Some(name.clone());
                let mut settings = Settings::load_with(&global, false)?;
                settings.interactive = false;
                settings.fleet = true;
                Ok(settings)
            })
            .collect()
    }
}
