//! Resolving what a command runs against: flag, then environment (clap reads both), then the
//! profile, then the default; secrets from the environment, `--password-stdin` or a prompt.
//! Everything that can be refused without a request (a bad URL, a missing secret under
//! `--no-input`) is refused here, with exit 2.

use std::io::IsTerminal;
use std::time::Duration;

use crate::cli::{AuthMethod, GlobalArgs, SkippableStep, StepArgs};
use crate::config::{config_path, Config, Profile, DEFAULT_PROFILE};
use crate::credentials::{self, SecretSource};
use crate::error::{Error, Result};
use crate::servicenow::client::DEFAULT_CONCURRENCY;
use crate::servicenow::{Auth, Client, ClientConfig, InstanceUrl};
use crate::steps::{webhook, StepId, StepOptions};

/// The group of the Kore.ai guide.
pub const DEFAULT_GROUP: &str = "Consumer Service Support";

/// Where to connect when `--demo` is given: the in-process simulator's URL and login.
#[derive(Clone)]
pub struct DemoTarget {
    /// The simulator's URL.
    pub url: String,
    /// Its user name.
    pub username: String,
    /// Its password.
    pub password: secrecy::SecretString,
}

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
}

impl Settings {
    /// Reads the config file and picks the profile.
    pub fn load(global: &GlobalArgs) -> Result<Settings> {
        let path = config_path(global.config.as_deref());
        let config = Config::load(path.as_deref())?;
        let (profile_name, explicit) = match &global.profile {
            Some(p) if !p.trim().is_empty() => (p.trim().to_string(), true),
            _ => (DEFAULT_PROFILE.to_string(), false),
        };
        let profile = config.profile(&profile_name, explicit)?;
        let interactive =
            !global.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        Ok(Settings {
            global: global.clone(),
            profile_name,
            profile,
            interactive,
            demo: None,
        })
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
        let agent = args
            .agent
            .clone()
            .or_else(|| self.profile.agent.clone())
            .filter(|a| !a.trim().is_empty());
        let webhook_url = match args.webhook_url.clone().or_else(|| self.profile.webhook_url.clone()) {
            Some(url) => Some(webhook::validate_webhook_url(&url).map_err(|why| {
                Error::usage(why).with_hint("give the Kore.ai webhook URL, e.g. https://bots.kore.ai/chatbot/v2/webhook/st-…")
            })?),
            None => None,
        };
        let skip = args
            .skip
            .iter()
            .map(|s| match s {
                SkippableStep::Plugins => StepId::Plugins,
                SkippableStep::GroupRoles => StepId::GroupRoles,
                SkippableStep::GroupMembers => StepId::GroupMembers,
                SkippableStep::Webhook => StepId::Webhook,
                SkippableStep::AgentAvailable => StepId::AgentAvailable,
            })
            .collect();
        Ok(StepOptions {
            group,
            agent,
            webhook_url,
            skip,
        })
    }

    /// The instance URL: demo, flag or environment, profile, prompt.
    pub fn instance(&self) -> Result<InstanceUrl> {
        if let Some(demo) = &self.demo {
            return InstanceUrl::parse(&demo.url);
        }
        if let Some(i) = self
            .global
            .instance
            .as_deref()
            .or(self.profile.instance.as_deref())
        {
            return InstanceUrl::parse(i);
        }
        if self.interactive {
            return InstanceUrl::parse(&credentials::prompt_text(
                "ServiceNow instance (e.g. dev123)",
            )?);
        }
        Err(Error::usage(
            "no instance: pass --instance URL or set SN_HANDOFF_INSTANCE",
        ))
    }

    /// Builds the client, asking for what is missing where prompting is allowed.
    pub fn connect(&self) -> Result<(Client, SecretSource)> {
        let instance = self.instance()?;
        let method = self
            .global
            .auth
            .or(self.profile.auth)
            .unwrap_or(AuthMethod::Basic);
        if self.demo.is_none() && method == AuthMethod::Oauth {
            return Err(Error::usage(
                "--auth oauth is not supported by this version; use --auth basic",
            ));
        }
        let (user, password, source) = match &self.demo {
            Some(demo) => (
                demo.username.clone(),
                demo.password.clone(),
                SecretSource::Demo,
            ),
            None => {
                let user = match self
                    .global
                    .username
                    .clone()
                    .or_else(|| self.profile.username.clone())
                {
                    Some(u) if !u.trim().is_empty() => u.trim().to_string(),
                    _ if self.interactive => {
                        credentials::prompt_text(&format!("User name at {instance}"))?
                    }
                    _ => {
                        return Err(Error::usage(
                            "no user name: pass --username NAME or set SN_HANDOFF_USERNAME",
                        ))
                    }
                };
                let (password, source) = credentials::basic_password(
                    &user,
                    instance.as_str(),
                    self.global.password_stdin,
                    self.interactive,
                )?;
                (user, password, source)
            }
        };
        let concurrency = std::env::var("SN_HANDOFF_CONCURRENCY")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|n: &usize| *n > 0)
            .unwrap_or(DEFAULT_CONCURRENCY);
        let client = Client::new(ClientConfig {
            instance,
            auth: Auth::Basic { user, password },
            timeout: Duration::from_secs(self.global.timeout),
            ca_cert: self.global.ca_cert.clone(),
            verbose: self.global.verbose,
            concurrency,
        })?;
        Ok((client, source))
    }
}
