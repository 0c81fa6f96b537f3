//! Resolving what a command runs against: flag, then environment (clap reads both), then the
//! profile, then the default; secrets from the environment, `--password-stdin`, the OS keyring
//! or a prompt (see `credentials`). With OAuth the client gets a token source that exchanges
//! the refresh token once per run.
//! Everything that can be refused without a request (a bad URL, a missing secret under
//! `--no-input`) is refused here, with exit 2.

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

use crate::cli::{AuthMethod, GlobalArgs, StepArgs};
use crate::config::{config_path, Config, Profile, DEFAULT_PROFILE};
use crate::credentials::{self, SecretSource, Secrets};
use crate::error::{Error, Result};
use crate::keystore::{self, Key, SecretKind};
use crate::servicenow::client::DEFAULT_CONCURRENCY;
use crate::servicenow::oauth::{Grant, OAuthApp, OnRotate, TokenSource};
use crate::servicenow::{Auth, Client, ClientConfig, InstanceUrl};
use crate::steps::{webhook, StepOptions};

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
    /// The client id of its OAuth app.
    pub client_id: String,
    /// The client secret of its OAuth app.
    pub client_secret: secrecy::SecretString,
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
    /// Reads the config file and picks the profile; `new_profile_ok` lets a profile named
    /// with `--profile` be absent (`auth login` creates it).
    pub fn load_with(global: &GlobalArgs, new_profile_ok: bool) -> Result<Settings> {
        let path = config_path(global.config.as_deref());
        let config = Config::load(path.as_deref())?;
        let (profile_name, explicit) = match &global.profile {
            Some(p) if !p.trim().is_empty() => (p.trim().to_string(), true),
            _ => (DEFAULT_PROFILE.to_string(), false),
        };
        let profile = config.profile(&profile_name, explicit && !new_profile_ok)?;
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
        let skip = args.skip.clone();
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

    /// The authentication method: flag or environment, profile, default (basic).
    pub fn method(&self) -> AuthMethod {
        self.global
            .auth
            .or(self.profile.auth)
            .unwrap_or(AuthMethod::Basic)
    }

    /// The user name from flag, environment or profile.
    pub fn username(&self) -> Option<String> {
        self.global
            .username
            .clone()
            .or_else(|| self.profile.username.clone())
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty())
    }

    /// The OAuth client id from flag, environment or profile.
    pub fn client_id(&self) -> Option<String> {
        self.global
            .client_id
            .clone()
            .or_else(|| self.profile.client_id.clone())
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
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

    /// Where a setting came from: `flag`, `env`, `profile` or `missing`. (clap merges flag
    /// and environment; a value equal to the variable's is reported as coming from it.)
    pub fn source_of(&self, given: Option<&str>, env: &str, profile: Option<&str>) -> &'static str {
        match given {
            Some(v) if std::env::var(env).is_ok_and(|e| e == v) => "env",
            Some(_) => "flag",
            None if profile.is_some() => "profile",
            None => "missing",
        }
    }

    /// The instance URL without prompting: demo, flag or environment, profile.
    pub fn instance_if_known(&self) -> Result<Option<InstanceUrl>> {
        if let Some(demo) = &self.demo {
            return InstanceUrl::parse(&demo.url).map(Some);
        }
        self.global
            .instance
            .as_deref()
            .or(self.profile.instance.as_deref())
            .map(InstanceUrl::parse)
            .transpose()
    }

    /// The command that signs in again for this profile and method (for hints).
    pub fn login_command(&self, method: AuthMethod) -> String {
        let mut cmd = String::from("sn-handoff auth login");
        if self.profile_name != DEFAULT_PROFILE {
            cmd.push_str(&format!(
                " --profile {}",
                crate::steps::shell_quote(&self.profile_name)
            ));
        }
        if self.global.instance.is_some() {
            if let Ok(Some(instance)) = self.instance_if_known() {
                cmd.push_str(&format!(" --instance {}", instance.as_str()));
            }
        }
        match method {
            AuthMethod::Basic => cmd.push_str(" --auth basic"),
            AuthMethod::Oauth => cmd.push_str(" --auth oauth --grant browser"),
        }
        cmd
    }

    /// The secret look-up for this profile at `instance`. `stdin_kind` is the secret
    /// `--password-stdin` feeds, when it is passed.
    pub fn secrets(
        &self,
        instance: &InstanceUrl,
        stdin_kind: SecretKind,
        use_keyring: bool,
    ) -> Secrets {
        Secrets::new(
            &self.profile_name,
            instance.as_str(),
            stdin_kind,
            self.global.password_stdin,
            use_keyring,
            self.interactive,
        )
    }

    /// The client for `instance` with `auth`, with the global options' timeout, trust roots,
    /// verbosity and concurrency.
    pub fn client(&self, instance: InstanceUrl, auth: Auth) -> Result<Client> {
        let concurrency = std::env::var("SN_HANDOFF_CONCURRENCY")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|n: &usize| *n > 0)
            .unwrap_or(DEFAULT_CONCURRENCY);
        Client::new(ClientConfig {
            instance,
            auth,
            timeout: Duration::from_secs(self.global.timeout),
            ca_cert: self.global.ca_cert.clone(),
            verbose: self.global.verbose,
            concurrency,
        })
    }

    /// Builds the client, asking for what is missing where prompting is allowed. The source
    /// returned is the password's (basic) or the refresh token's (OAuth).
    pub fn connect(&self) -> Result<(Client, SecretSource)> {
        let instance = self.instance()?;
        let (auth, source) = match self.method() {
            AuthMethod::Basic => self.basic_auth(&instance)?,
            AuthMethod::Oauth => self.oauth_auth(&instance)?,
        };
        Ok((self.client(instance, auth)?, source))
    }

    fn basic_auth(&self, instance: &InstanceUrl) -> Result<(Auth, SecretSource)> {
        if let Some(demo) = &self.demo {
            let auth = Auth::Basic {
                user: demo.username.clone(),
                password: demo.password.clone(),
            };
            return Ok((auth, SecretSource::Demo));
        }
        let user = self.require_username(instance)?;
        let login = self.login_command(AuthMethod::Basic);
        let (password, source) = self.secrets(instance, SecretKind::Password, true).require(
            SecretKind::Password,
            &format!("Password for {user} at {instance}"),
            Some(&login),
        )?;
        Ok((Auth::Basic { user, password }, source))
    }

    fn oauth_auth(&self, instance: &InstanceUrl) -> Result<(Auth, SecretSource)> {
        if let Some(demo) = &self.demo {
            let app = OAuthApp {
                client_id: demo.client_id.clone(),
                client_secret: demo.client_secret.clone(),
            };
            let grant = Grant::Password {
                username: demo.username.clone(),
                password: demo.password.clone(),
            };
            let auth = Auth::Bearer {
                user: Some(demo.username.clone()),
                source: Arc::new(TokenSource::new(app, grant, None)),
            };
            return Ok((auth, SecretSource::Demo));
        }
        let login = self.login_command(AuthMethod::Oauth);
        let client_id = self.require_client_id(instance)?;
        let secrets = self.secrets(instance, SecretKind::RefreshToken, true);
        let (client_secret, _) = secrets.require(
            SecretKind::ClientSecret,
            &format!("Client secret of OAuth client {client_id}"),
            Some(&login),
        )?;
        let (refresh_token, source) = secrets.require(
            SecretKind::RefreshToken,
            &format!("Refresh token for {instance}"),
            Some(&login),
        )?;
        let on_rotate = rotation_handler(secrets.key(SecretKind::RefreshToken), source, login);
        let app = OAuthApp {
            client_id,
            client_secret,
        };
        let auth = Auth::Bearer {
            user: self.username(),
            source: Arc::new(TokenSource::new(
                app,
                Grant::RefreshToken(refresh_token),
                Some(on_rotate),
            )),
        };
        Ok((auth, source))
    }
}

/// What to do with a refresh token the instance rotated: replace the keyring entry the old one
/// came from; a token from elsewhere cannot be replaced, so say so.
fn rotation_handler(key: Key, source: SecretSource, login: String) -> OnRotate {
    Box::new(move |new_token| {
        if source == SecretSource::Keyring {
            if let Err(e) = keystore::set(&key, new_token) {
                eprintln!(
                    "warning: the instance issued a new refresh token, but it could not be stored: {e}. Sign in again with `{login}`"
                );
            }
        } else {
            eprintln!(
                "warning: the instance issued a new refresh token; the one from {} may stop working. Sign in with `{login}` to keep the new one in the OS keyring",
                match source {
                    SecretSource::Env(name) => name,
                    other => other.name(),
                }
            );
        }
    })
}
