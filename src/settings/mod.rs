//! Resolving what a command runs against, once: flag, then environment (clap reads both),
//! then the profile, then the default, each value kept with where it came from
//! ([`Resolved`], [`Source`], in `resolved`); `--demo` is one overlay on them (`demo`);
//! secrets from the environment, `--password-stdin`, the OS keyring or a prompt, and the one
//! factory of [`Auth`](crate::servicenow::Auth) (`sign_in`). With OAuth the client gets a
//! token source that exchanges the refresh token once per run.
//! Everything that can be refused without a request (a bad URL, a missing secret under
//! `--no-input`) is refused here, with exit 2.

use std::io::IsTerminal;

use crate::cli::{AuthMethod, GlobalArgs, StepArgs};
use crate::command_line::Invocation;
use crate::config::{config_path, Config, Profile, DEFAULT_PROFILE};
use crate::credentials;
use crate::error::{Error, Result};
use crate::servicenow::http::Network;
use crate::servicenow::InstanceUrl;

mod client_key;
pub mod demo;
mod fleet;
mod resolved;
mod signed_client;
mod step_options;
mod write_gate;

#[cfg(feature = "demo")]
pub use demo::DemoSimulators;
pub use demo::{demo_webhook_url, DemoTarget, DEMO_AGENT};
pub use demo::{demo_world_path, reset_demo_world};
pub use fleet::refuse_flag;
pub use resolved::{network, Connection, KoreGiven, Resolved, Source, CONCURRENCY_ENV};
pub use step_options::{validate_webhook_url, StepOptions};
pub use write_gate::{writable, ReleaseGate};

/// The group of the Kore.ai guide.
pub const DEFAULT_GROUP: &str = "Consumer Service Support";

/// The global options with the profile they name.
pub struct Settings {
    /// The global options (flag or environment).
    pub global: GlobalArgs,
    /// The profile's name.
    pub profile_name: String,
    /// The profile's settings (empty when there is none).
    pub profile: Profile,
    /// Whether prompts are allowed.
    pub interactive: bool,
    /// The in-process simulator, under `--demo`.
    pub demo: Option<DemoTarget>,
    /// The connection settings, resolved once (with the `--demo` overlay when given).
    pub resolved: Connection,
    /// How both clients reach their service (timeout, trust roots, `-v`, concurrency),
    /// resolved once.
    pub network: Network,
    /// The Kore.ai bot and apps as given (flag, environment, profile), resolved once.
    pub kore: KoreGiven,
    /// The config file (`--config`, `SN_HANDOFF_CONFIG`, or the XDG one); none when no
    /// directory for it is known.
    pub config_path: Option<std::path::PathBuf>,
    /// The in-process Kore.ai simulator, under `--demo`.
    pub kore_demo: Option<demo::KoreDemo>,
    /// Whether this profile is one of several checked in one run (`check --profiles`): its
    /// secrets then come from its own variables only.
    pub fleet: bool,
}

impl Settings {
    /// [`Settings::load_with`] the global options of `cli`.
    pub fn load(cli: &crate::cli::Cli, new_profile_ok: bool) -> Result<Settings> {
        Settings::load_with(&cli.global, new_profile_ok)
    }

    /// Reads the config file and picks the profile; `new_profile_ok` lets a profile named
    /// with `--profile` be absent (`auth login` creates it).
    pub fn load_with(global: &GlobalArgs, new_profile_ok: bool) -> Result<Settings> {
        let path = config_path(global.config.as_deref());
        let (profile_name, explicit) = match &global.profile {
            Some(p) if !p.trim().is_empty() => (p.trim().to_string(), true),
            _ => (DEFAULT_PROFILE.to_string(), false),
        };
        // A `--demo` run reads no config file and no profile: only flags and demo values.
        #[cfg(feature = "demo")]
        let demo = global.demo;
        #[cfg(not(feature = "demo"))]
        let demo = false;
        let profile = if demo {
            crate::config::Profile::default()
        } else {
            Config::load(path.as_deref())?.profile(&profile_name, explicit && !new_profile_ok)?
        };
        let interactive =
            !global.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        let resolved = Connection::resolve(global, &profile);
        let kore = KoreGiven::resolve(&global.kore, &profile);
        Ok(Settings {
            global: global.clone(),
            profile_name,
            profile,
            interactive,
            demo: None,
            kore,
            resolved,
            network: network(global),
            config_path: path,
            kore_demo: None,
            fleet: false,
        })
    }

    /// Which environment variables give this profile's secrets: the plain ones for the
    /// default profile when no profile is named, the profile's own first for a named one, and only the profile's own
    /// in a run over several profiles.
    pub fn env_scope(&self) -> crate::credentials::EnvScope {
        use crate::credentials::EnvScope;
        if self.fleet {
            EnvScope::ProfileOnly(self.profile_name.clone())
        } else if self.profile_name == DEFAULT_PROFILE && self.global.profile.is_none() {
            // The default profile, not named: the plain variables. Named (`-p default`), it
            // reads its own first, as a fleet run over it does.
            EnvScope::Plain
        } else {
            EnvScope::ProfileThenPlain(self.profile_name.clone())
        }
    }

    /// The step options: flag, then profile, then default.
    pub fn step_options(&self, args: &StepArgs) -> Result<StepOptions> {
        let group = args
            .group
            .clone()
            .or_else(|| self.profile.group.clone())
            .unwrap_or_else(|| DEFAULT_GROUP.to_string());
        if group.trim().is_empty() {
            return Err(Error::usage("--group is empty"));
        }
        let agent = self.agent(args.agent.as_deref());
        let webhook_url = match args.webhook_url.clone().or_else(|| self.profile.webhook_url.clone()) {
            Some(url) => Some(validate_webhook_url(&url).map_err(|why| {
                Error::usage(why).with_hint("give the Kore.ai webhook URL, e.g. https://bots.kore.ai/chatbot/v2/webhook/st-…")
            })?),
            None => None,
        };
        let webhook_url_source = webhook_url.as_ref().and_then(|_| {
            Source::of(
                args.webhook_url.as_deref(),
                crate::env::WEBHOOK_URL,
                self.profile.webhook_url.as_deref(),
            )
        });
        let skip = args.skip.clone();
        Ok(StepOptions {
            group,
            agent,
            webhook_url,
            webhook_url_source,
            skip,
            invocation: self.invocation(),
            requester: args.requester.clone().filter(|r| !r.trim().is_empty()),
        })
    }

    /// The global options a printed `sn-handoff` command keeps: `-p PROFILE` when the profile
    /// is not the default one, and `--demo`.
    pub fn invocation(&self) -> Invocation {
        Invocation {
            profile: (self.profile_name != DEFAULT_PROFILE).then(|| self.profile_name.clone()),
            demo: self.demo.is_some(),
        }
    }

    /// Whether `--no-input` (or `SN_HANDOFF_NO_INPUT`) was given.
    pub fn no_input(&self) -> bool {
        self.global.no_input
    }

    /// Whether `--password-stdin` was given.
    pub fn password_stdin(&self) -> bool {
        self.global.password_stdin
    }

    /// The agent: flag, then profile; none when empty.
    pub fn agent(&self, flag: Option<&str>) -> Option<String> {
        flag.or(self.profile.agent.as_deref())
            .filter(|a| !a.trim().is_empty())
            .map(str::to_string)
    }

    /// The instance URL: demo, flag or environment, profile, prompt.
    pub fn instance(&self) -> Result<InstanceUrl> {
        if let Some(i) = &self.resolved.instance {
            return Ok(InstanceUrl::parse(&i.value)?);
        }
        if self.interactive {
            return Ok(InstanceUrl::parse(&credentials::prompt_text(
                "ServiceNow instance (e.g. dev123)",
            )?)?);
        }
        Err(Error::usage(
            "no instance: pass --instance URL or set SN_HANDOFF_INSTANCE",
        ))
    }

    /// The authentication method: flag or environment, profile, default (basic).
    pub fn method(&self) -> AuthMethod {
        self.resolved.method.value
    }

    /// The user name from flag, environment or profile.
    pub fn username(&self) -> Option<String> {
        self.resolved.username.as_ref().map(|u| u.value.clone())
    }

    /// The OAuth client id from flag, environment or profile.
    pub fn client_id(&self) -> Option<String> {
        self.resolved.client_id.as_ref().map(|c| c.value.clone())
    }

    /// The user name from flag, environment, profile or a prompt; exit 2 where prompts are off.
    pub fn require_username(&self, instance: &InstanceUrl) -> Result<String> {
        self.require(
            self.username(),
            &format!("User name at {instance}"),
            "no user name: pass --username NAME or set SN_HANDOFF_USERNAME",
        )
    }

    /// The OAuth client id from flag, environment, profile or a prompt; exit 2 where prompts
    /// are off.
    pub fn require_client_id(&self, instance: &InstanceUrl) -> Result<String> {
        self.require(
            self.client_id(),
            &format!("OAuth client id (System OAuth → Application Registry at {instance})"),
            "no OAuth client id: pass --client-id ID or set SN_HANDOFF_CLIENT_ID",
        )
        .map_err(|e| {
            e.with_hint("it is on the OAuth app's record under System OAuth → Application Registry; `sn-handoff auth login --auth oauth` saves it in the profile")
        })
    }

    fn require(&self, value: Option<String>, prompt: &str, missing: &str) -> Result<String> {
        match value {
            Some(v) => Ok(v),
            None if self.interactive => credentials::prompt_text(prompt),
            None => Err(Error::usage(missing)),
        }
    }

    /// The instance URL without prompting: demo, flag or environment, profile.
    pub fn instance_if_known(&self) -> Result<Option<InstanceUrl>> {
        self.resolved
            .instance
            .as_ref()
            .map(|i| InstanceUrl::parse(&i.value))
            .transpose()
            .map_err(Into::into)
    }

    /// The command that signs in again for this profile and method (for hints).
    pub fn login_command(&self, method: AuthMethod) -> String {
        let mut cmd = String::from("sn-handoff auth login");
        if self.profile_name != DEFAULT_PROFILE {
            cmd.push_str(&format!(
                " --profile {}",
                crate::text::shell_quote(&self.profile_name)
            ));
        }
        if self
            .resolved
            .instance
            .as_ref()
            .is_some_and(|i| matches!(i.source, Source::Flag | Source::Env))
        {
            if let Ok(Some(instance)) = self.instance_if_known() {
                cmd.push_str(&format!(" --instance {}", instance.as_str()));
            }
        }
        match method {
            AuthMethod::Basic => cmd.push_str(" --auth basic"),
            AuthMethod::Oauth => cmd.push_str(" --auth oauth --grant browser"),
            AuthMethod::Apikey => cmd.push_str(" --auth apikey"),
            AuthMethod::Mtls => cmd.push_str(" --auth mtls --client-cert FILE --client-key FILE"),
        }
        cmd
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn each_value_is_resolved_once_with_its_source_and_demo_overlays_them() {
        let cli =
            crate::cli::Cli::try_parse_from(["sn-handoff", "check", "-i", "dev1", "-u", " admin "])
                .unwrap();
        let profile = Profile {
            client_id: Some("app".into()),
            username: Some("ignored".into()),
            ..Profile::default()
        };
        let resolved = Connection::resolve(&cli.global, &profile);
        let instance = resolved.instance.clone().unwrap();
        assert_eq!(instance.value, "dev1");
        let username = resolved.username.clone().unwrap();
        assert_eq!(username.value, "admin");
        if std::env::var_os(crate::env::USERNAME).is_none() {
            assert_eq!(username.source, Source::Flag);
        }
        assert_eq!(
            resolved.client_id.clone().map(|c| (c.value, c.source)),
            Some(("app".into(), Source::Profile))
        );
        if std::env::var_os(crate::env::AUTH).is_none() {
            assert_eq!(resolved.method.source, Source::Default);
        }

        let kore = KoreGiven::resolve(&cli.global.kore, &profile);
        let mut settings = Settings {
            global: cli.global.clone(),
            profile_name: "staging".into(),
            profile,
            interactive: false,
            demo: None,
            kore,
            resolved,
            network: network(&cli.global),
            config_path: None,
            kore_demo: None,
            fleet: false,
        };
        assert!(settings.saves());
        settings.overlay_demo(DemoTarget {
            url: "http://127.0.0.1:1".into(),
            username: "admin".into(),
            password: "pw".to_string().into(),
            client_id: "demo-app".into(),
            client_secret: "secret".to_string().into(),
            api_key: "key".to_string().into(),
        });
        assert!(!settings.saves());
        let r = &settings.resolved;
        assert_eq!(r.instance.as_ref().unwrap().source, Source::Demo);
        assert_eq!(r.client_id.as_ref().unwrap().value, "demo-app");
        assert_eq!(
            settings.invocation().command("check").to_string(),
            "sn-handoff -p staging --demo check"
        );
    }
}
