//! Resolving what a command runs against, once: flag, then environment (clap reads both),
//! then the profile, then the default, each value kept with where it came from
//! ([`Resolved`], [`Source`]); `--demo` is one overlay on them ([`Settings::overlay_demo`]); secrets from the environment, `--password-stdin`, the OS keyring
//! or a prompt (see `credentials`). With OAuth the client gets a token source that exchanges
//! the refresh token once per run.
//! Everything that can be refused without a request (a bad URL, a missing secret under
//! `--no-input`) is refused here, with exit 2.

use std::io::IsTerminal;

use clap::ValueEnum;
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
use crate::steps::{webhook, Invocation, StepOptions};
use secrecy::SecretString;

/// The group of the Kore.ai guide.
pub const DEFAULT_GROUP: &str = "Consumer Service Support";

/// The agent `--demo` offers: a user of the simulated instance, as of ServiceNow's demo data.
pub const DEMO_AGENT: &str = "abel.tuter";

/// The webhook URL `--demo` offers: the one the simulator's `configured` scenario holds.
pub fn demo_webhook_url() -> &'static str {
    #[cfg(feature = "demo")]
    {
        crate::sim::CONFIGURED_WEBHOOK_URL
    }
    #[cfg(not(feature = "demo"))]
    {
        "https://bots.kore.ai/chatbot/v2/webhook/st-00000000-0000-4000-8000-000000000001"
    }
}

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
    fn of(given: Option<&str>, env: &str, profile: Option<&str>) -> Option<Source> {
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
    /// The value.
    pub value: T,
    /// Where it came from.
    pub source: Source,
}

impl<T> Resolved<T> {
    fn new(value: T, source: Source) -> Self {
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
    fn resolve(global: &GlobalArgs, profile: &Profile) -> Connection {
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
                Source::of(Some(i), "SN_HANDOFF_INSTANCE", None).unwrap_or(Source::Flag),
            )),
            (None, Some(i)) => Some(Resolved::new(i.clone(), Source::Profile)),
            (None, None) => None,
        };
        let method = match (global.auth, profile.auth) {
            (Some(m), _) => {
                let name = m.to_possible_value().map(|v| v.get_name().to_string());
                let source = Source::of(name.as_deref(), "SN_HANDOFF_AUTH", None);
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
                "SN_HANDOFF_USERNAME",
                profile.username.as_ref(),
            ),
            client_id: text(
                global.client_id.as_ref(),
                "SN_HANDOFF_CLIENT_ID",
                profile.client_id.as_ref(),
            ),
        }
    }
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
    /// The connection settings, resolved once (with the `--demo` overlay when given).
    pub resolved: Connection,
    /// The in-process Kore.ai simulator, under `--demo`.
    pub kore_demo: Option<crate::kore::KoreDemo>,
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
        let resolved = Connection::resolve(global, &profile);
        Ok(Settings {
            global: global.clone(),
            profile_name,
            profile,
            interactive,
            demo: None,
            resolved,
            kore_demo: None,
        })
    }

    /// The `--demo` overlay: the simulated instance's URL, login and OAuth app replace what
    /// the flags, environment and profile said (the method stays as given), and nothing is
    /// saved or remembered, since every `--demo` run starts a fresh instance.
    pub fn overlay_demo(&mut self, target: DemoTarget) {
        let demo = |value: String| Some(Resolved::new(value, Source::Demo));
        self.resolved.instance = demo(target.url.clone());
        self.resolved.username = demo(target.username.clone());
        self.resolved.client_id = demo(target.client_id.clone());
        self.demo = Some(target);
    }

    /// Starts the simulated instance of `--demo` in `scenario` and overlays it; it serves
    /// until the returned simulator is dropped.
    #[cfg(feature = "demo")]
    pub async fn start_demo(
        &mut self,
        scenario: crate::sim::Scenario,
        release: crate::sim::Release,
    ) -> Result<crate::sim::Simulator> {
        let sim = crate::sim::Simulator::start(crate::sim::SimOptions {
            scenario,
            release,
            ..crate::sim::SimOptions::default()
        })
        .await
        .map_err(|e| Error::usage(format!("cannot start the simulated instance: {e}")))?;
        self.overlay_demo(DemoTarget {
            url: sim.url(),
            username: sim.username().to_string(),
            password: SecretString::from(sim.password().to_string()),
            client_id: sim.oauth_client_id().to_string(),
            client_secret: SecretString::from(sim.oauth_client_secret().to_string()),
        });
        Ok(sim)
    }

    /// The agent a question offers first: the profile's, or under `--demo` the simulated
    /// instance's.
    pub fn offered_agent(&self) -> Option<String> {
        self.profile
            .agent
            .clone()
            .or_else(|| self.demo.as_ref().map(|_| DEMO_AGENT.to_string()))
    }

    /// The webhook URL a question offers when the profile has none: under `--demo` the
    /// simulated bot's.
    pub fn offered_webhook_url(&self) -> Option<String> {
        self.demo.as_ref().map(|_| demo_webhook_url().to_string())
    }

    /// Under `--demo`, the simulator's secret of `kind` for `whose` (its user for the
    /// password, its OAuth app's client id for the client secret), for a prompt to offer.
    pub fn simulator_secret(&self, kind: SecretKind, whose: &str) -> Option<SecretString> {
        let demo = self.demo.as_ref()?;
        match kind {
            SecretKind::Password if demo.username == whose => Some(demo.password.clone()),
            SecretKind::ClientSecret if demo.client_id == whose => Some(demo.client_secret.clone()),
            _ => None,
        }
    }

    /// Whether answers, secrets and repair state may be kept (not under `--demo`, whose
    /// instance ends with the process).
    pub fn saves(&self) -> bool {
        self.demo.is_none()
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
            Some(url) => Some(webhook::validate_webhook_url(&url).map_err(|why| {
                Error::usage(why).with_hint("give the Kore.ai webhook URL, e.g. https://bots.kore.ai/chatbot/v2/webhook/st-…")
            })?),
            None => None,
        };
        let webhook_url_source = webhook_url.as_ref().and_then(|_| {
            Source::of(
                args.webhook_url.as_deref(),
                "SN_HANDOFF_WEBHOOK_URL",
                self.profile.webhook_url.as_deref(),
            )
            .map(Source::name)
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

    /// The agent: flag, then profile; none when empty.
    pub fn agent(&self, flag: Option<&str>) -> Option<String> {
        flag.or(self.profile.agent.as_deref())
            .filter(|a| !a.trim().is_empty())
            .map(str::to_string)
    }

    /// The instance URL: demo, flag or environment, profile, prompt.
    pub fn instance(&self) -> Result<InstanceUrl> {
        if let Some(i) = &self.resolved.instance {
            return InstanceUrl::parse(&i.value);
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
        }
        cmd
    }

    /// The secret look-up for this profile at `instance` (the simulator's under `--demo`).
    /// `stdin_kind` is the secret `--password-stdin` feeds, when it is passed.
    pub fn secrets(
        &self,
        instance: &InstanceUrl,
        stdin_kind: SecretKind,
        use_keyring: bool,
    ) -> Secrets {
        let secrets = Secrets::new(
            &self.profile_name,
            instance.as_str(),
            stdin_kind,
            self.global.password_stdin,
            use_keyring,
            self.interactive,
        );
        match &self.demo {
            Some(demo) => secrets.with_demo(demo.password.clone(), demo.client_secret.clone()),
            None => secrets,
        }
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
    /// returned is the password's (basic) or the refresh token's (OAuth). With `access_key`,
    /// a refresh token from the keyring keeps its access tokens in that keyring slot.
    pub fn connect(&self) -> Result<(Client, SecretSource)> {
        let instance = self.instance()?;
        let method = self.method();
        let (user, client_id) = match method {
            AuthMethod::Basic => (Some(self.require_username(&instance)?), None),
            AuthMethod::Oauth => (self.username(), Some(self.require_client_id(&instance)?)),
        };
        let login = self.login_command(method);
        let stdin_kind = match method {
            AuthMethod::Basic => SecretKind::Password,
            AuthMethod::Oauth => SecretKind::RefreshToken,
        };
        let secrets = self.secrets(&instance, stdin_kind, true);
        let user_name = user.clone().unwrap_or_default();
        let client_name = client_id.clone().unwrap_or_default();
        let secret = |kind: SecretKind| {
            let prompt = match kind {
                SecretKind::Password => format!("Password for {user_name} at {instance}"),
                SecretKind::ClientSecret => format!("Client secret of OAuth client {client_name}"),
                SecretKind::RefreshToken => format!("Refresh token for {instance}"),
                SecretKind::KoreClientSecret
                | SecretKind::KoreAdminClientSecret
                | SecretKind::AccessToken => kind.words().to_string(),
            };
            secrets.require(kind, &prompt, Some(&login))
        };
        let on_rotate =
            |source| rotation_handler(secrets.key(SecretKind::RefreshToken), source, login.clone());
        let access_key = Some(secrets.key(SecretKind::AccessToken));
        let (auth, source) = self.auth(method, user, client_id, secret, on_rotate, access_key)?;
        Ok((self.client(instance, auth)?, source))
    }

    /// The one place credentials become an [`Auth`]: basic with `user` and the password;
    /// OAuth with `client_id`, the client secret and the refresh token (kept by `on_rotate`
    /// when the instance rotates it), or under `--demo` with the simulator's password grant.
    /// `secret` finds each secret, in the order a person would be asked for them; the source
    /// returned is the password's (basic) or the refresh token's (OAuth).
    pub fn auth(
        &self,
        method: AuthMethod,
        user: Option<String>,
        client_id: Option<String>,
        mut secret: impl FnMut(SecretKind) -> Result<(SecretString, SecretSource)>,
        on_rotate: impl FnOnce(SecretSource) -> OnRotate,
        access_key: Option<Key>,
    ) -> Result<(Auth, SecretSource)> {
        match method {
            AuthMethod::Basic => {
                let user = user.ok_or_else(|| Error::usage("no user name"))?;
                let (password, source) = secret(SecretKind::Password)?;
                Ok((Auth::basic(user, password), source))
            }
            AuthMethod::Oauth => {
                let client_id = client_id.ok_or_else(|| Error::usage("no OAuth client id"))?;
                let (client_secret, _) = secret(SecretKind::ClientSecret)?;
                let app = OAuthApp {
                    client_id,
                    client_secret,
                };
                let mut cache = None;
                let (grant, source, on_rotate) = match &self.demo {
                    Some(demo) => {
                        let grant = Grant::Password {
                            username: demo.username.clone(),
                            password: demo.password.clone(),
                        };
                        (grant, SecretSource::Demo, None)
                    }
                    None => {
                        let (token, source) = secret(SecretKind::RefreshToken)?;
                        // The access token is kept where the refresh token is: in the keyring.
                        if source == SecretSource::Keyring {
                            cache = access_key;
                        }
                        (Grant::RefreshToken(token), source, Some(on_rotate(source)))
                    }
                };
                let mut tokens = TokenSource::new(app, grant, on_rotate);
                if let Some(key) = cache {
                    tokens = tokens.cached(key);
                }
                let tokens = Arc::new(tokens);
                Ok((Auth::bearer(user, tokens), source))
            }
        }
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
        if std::env::var_os("SN_HANDOFF_USERNAME").is_none() {
            assert_eq!(username.source, Source::Flag);
        }
        assert_eq!(
            resolved.client_id.clone().map(|c| (c.value, c.source)),
            Some(("app".into(), Source::Profile))
        );
        if std::env::var_os("SN_HANDOFF_AUTH").is_none() {
            assert_eq!(resolved.method.source, Source::Default);
        }

        let mut settings = Settings {
            global: cli.global.clone(),
            profile_name: "staging".into(),
            profile,
            interactive: false,
            demo: None,
            resolved,
            kore_demo: None,
        };
        assert!(settings.saves());
        settings.overlay_demo(DemoTarget {
            url: "http://127.0.0.1:1".into(),
            username: "admin".into(),
            password: "pw".to_string().into(),
            client_id: "demo-app".into(),
            client_secret: "secret".to_string().into(),
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
