//! Where the Kore.ai bot is: `--kore-host`, `--bot-id`, `--kore-client-id`,
//! `--kore-admin-client-id` (flag, then environment, then profile), and the app secrets from
//! `SN_HANDOFF_KORE_CLIENT_SECRET` / `SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET`, the OS keyring
//! (entries `kore_client_secret:<profile>@<kore host>`) or a hidden prompt. Under `--demo`,
//! the in-process Kore.ai simulator. Also the ServiceNow credentials that are handed to
//! Kore.ai ([`servicenow_auth`]).

use reqwest::Method;

use super::client::{check_bot_id, parse_host, App, KoreClient, KoreConfig, DEFAULT_HOST};
use super::servicenow_auth::{api_key_for_kore, not_for_kore, ServiceNowAuth};
use crate::cli::AuthMethod;
use crate::credentials::Secrets;
use crate::error::{Error, Result};
use crate::keystore::SecretKind;
use crate::servicenow::{Auth, InstanceUrl};
use crate::settings::Settings;

// The values of the `--demo` Kore.ai simulator are resolved with the other settings.
pub use crate::settings::demo::KoreDemo;

/// The resolved Kore.ai settings (no secret).
#[derive(Debug, Clone)]
pub struct KoreSettings {
    /// The host origin.
    pub host: InstanceUrl,
    pub bot_id: String,
    /// The bot app's client id.
    pub client_id: String,
    /// The Admin Console app's client id, when given.
    pub admin_client_id: Option<String>,
}

impl KoreSettings {
    /// Whether any Kore.ai setting is given (flag, environment, profile, or `--demo`): then
    /// `check` runs its `kore` step and `init` offers the Kore.ai side.
    pub fn present(settings: &Settings) -> bool {
        let k = &settings.kore;
        settings.kore_demo.is_some() || k.bot_id.is_some() || k.client_id.is_some()
    }

    /// The settings; a missing bot id or client id is exit 2 naming the flag and variable.
    pub fn resolve(settings: &Settings) -> Result<KoreSettings> {
        if let Some(demo) = &settings.kore_demo {
            return Ok(KoreSettings {
                host: parse_host(&demo.host)?,
                bot_id: demo.bot_id.clone(),
                client_id: demo.client_id.clone(),
                admin_client_id: Some(demo.admin_client_id.clone()),
            });
        }
        let k = &settings.kore;
        let host = parse_host(k.host.as_deref().unwrap_or(DEFAULT_HOST))?;
        let bot_id = k.bot_id.clone().ok_or_else(|| {
            Error::usage("no Kore.ai bot id: pass --bot-id ID or set SN_HANDOFF_KORE_BOT_ID")
                .with_hint("it is under App Settings > App Profile in the XO Platform (st-…)")
        })?;
        let client_id = k.client_id.clone().ok_or_else(|| {
            Error::usage(
                "no Kore.ai client id: pass --kore-client-id ID or set SN_HANDOFF_KORE_CLIENT_ID",
            )
            .with_hint("create a JWT app in the bot (App Settings > Dev Tools > Web/Mobile SDK) with the agent_integrations scopes; docs/kore.md says how")
        })?;
        Ok(KoreSettings {
            host,
            bot_id: check_bot_id(&bot_id)?,
            client_id,
            admin_client_id: k.admin_client_id.clone(),
        })
    }

    /// The secret look-up for the Kore.ai apps of this profile (keyed by the Kore.ai host).
    pub fn secrets(&self, settings: &Settings) -> Secrets {
        Secrets::new(
            &settings.profile_name,
            self.host.as_str(),
            SecretKind::KoreClientSecret,
            false,
            true,
            settings.interactive,
        )
        .with_scope(settings.env_scope())
    }

    /// The client, with the app secrets from the environment, the keyring or a prompt.
    pub fn client(&self, settings: &Settings) -> Result<KoreClient> {
        let app = match &settings.kore_demo {
            Some(demo) => App {
                client_id: demo.client_id.clone(),
                secret: demo.client_secret.clone(),
            },
            None => App {
                client_id: self.client_id.clone(),
                secret: self
                    .secrets(settings)
                    .require(
                        SecretKind::KoreClientSecret,
                        &format!("Client secret of Kore.ai app {}", self.client_id),
                        None,
                    )?
                    .0,
            },
        };
        let admin = match (&self.admin_client_id, &settings.kore_demo) {
            (Some(_), Some(demo)) => Some(App {
                client_id: demo.admin_client_id.clone(),
                secret: demo.admin_client_secret.clone(),
            }),
            (Some(id), None) => Some(App {
                client_id: id.clone(),
                secret: self
                    .secrets(settings)
                    .require(
                        SecretKind::KoreAdminClientSecret,
                        &format!("Client secret of Kore.ai Admin Console app {id}"),
                        None,
                    )?
                    .0,
            }),
            (None, _) => None,
        };
        super::new_client(KoreConfig {
            host: self.host.clone(),
            bot_id: self.bot_id.clone(),
            app,
            admin,
            network: settings.network.clone(),
        })
    }
}

/// Where the configured bot id comes from, for people: `--demo`, `--bot-id`,
/// `SN_HANDOFF_KORE_BOT_ID` or the profile's `bot_id` (the profile also when `init` just
/// asked for it and saved it there).
pub fn bot_source(settings: &Settings) -> &'static str {
    if settings.kore_demo.is_some() {
        return "--demo";
    }
    let flag = settings.global.kore.bot_id.as_deref();
    match crate::settings::Source::of(flag, crate::env::KORE_BOT_ID, None) {
        Some(crate::settings::Source::Env) => crate::env::KORE_BOT_ID,
        Some(_) => "--bot-id",
        None => "the profile's bot_id",
    }
}

/// The configured Kore.ai bot and where its id came from, for people (`--bot-id`,
/// `SN_HANDOFF_KORE_BOT_ID`, `the profile's bot_id`, `--demo`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfiguredBot {
    pub id: String,
    pub from: &'static str,
}

/// The configured Kore.ai bot, when one is (flag, environment, profile or `--demo`), without
/// resolving the rest of the Kore.ai settings: what `set-webhook` ties its URL to.
pub fn configured_bot(settings: &Settings) -> Option<ConfiguredBot> {
    let id = match &settings.kore_demo {
        Some(demo) => demo.bot_id.clone(),
        None => settings.kore.bot_id.clone()?,
    };
    Some(ConfiguredBot {
        id,
        from: bot_source(settings),
    })
}

/// The ServiceNow credentials to hand to Kore.ai: the profile's method, its user and password
/// or its OAuth app and refresh token. Outside a dry run they are those of the client
/// [`Settings::connect`] builds, proven first ([`servicenow_auth_of`]); a dry run sends
/// nothing, so it only looks them up (and needs no refresh token).
pub async fn servicenow_auth(
    settings: &Settings,
    instance: &InstanceUrl,
    dry_run: bool,
) -> Result<ServiceNowAuth> {
    if !dry_run {
        let (client, _) = settings.connect()?;
        return servicenow_auth_of(&client).await;
    }
    match settings.method() {
        AuthMethod::Apikey => Err(api_key_for_kore()),
        AuthMethod::Mtls => Err(not_for_kore("a client certificate")),
        AuthMethod::Basic => {
            let (user, password) = match &settings.demo {
                Some(demo) => (demo.username.clone(), demo.password.clone()),
                None => {
                    let user = settings.require_username(instance)?;
                    let login = settings.login_command(AuthMethod::Basic);
                    let (password, _) = settings
                        .secrets(instance, SecretKind::Password, true)
                        .require(
                            SecretKind::Password,
                            &format!("Password for {user} at {instance}"),
                            Some(&login),
                        )?;
                    (user, password)
                }
            };
            Ok(ServiceNowAuth::Basic { user, password })
        }
        AuthMethod::Oauth => {
            let (client_id, client_secret) = match &settings.demo {
                Some(demo) => (demo.client_id.clone(), demo.client_secret.clone()),
                None => {
                    let client_id = settings.require_client_id(instance)?;
                    let login = settings.login_command(AuthMethod::Oauth);
                    let (secret, _) = settings
                        .secrets(instance, SecretKind::RefreshToken, true)
                        .require(
                            SecretKind::ClientSecret,
                            &format!("Client secret of OAuth client {client_id}"),
                            Some(&login),
                        )?;
                    (client_id, secret)
                }
            };
            Ok(ServiceNowAuth::OAuth {
                client_id,
                client_secret,
                refresh_token: None,
            })
        }
    }
}

/// The credentials `client` signs in with, proven so that credentials that do not work are
/// never pushed: basic by one read, OAuth by one token exchange through the client's own
/// token source (in the demo it mints a refresh token with the password grant). The exchange
/// goes through the run's client rather than a second one, so that an instance that rotates
/// refresh tokens leaves the run holding the one pushed.
pub async fn servicenow_auth_of(client: &crate::servicenow::Client) -> Result<ServiceNowAuth> {
    match client.auth() {
        Auth::ApiKey { .. } => Err(api_key_for_kore()),
        Auth::Certificate { .. } => Err(not_for_kore("a client certificate")),
        Auth::Basic { user, password } => {
            prove(client).await?;
            Ok(ServiceNowAuth::Basic {
                user: user.clone(),
                password: password.clone(),
            })
        }
        Auth::Bearer { source, .. } => {
            source.fresh_access_token(client).await?;
            let token = source.refresh_token().await.ok_or_else(|| {
                Error::auth("the instance issued no refresh token, so there is none to hand to Kore.ai")
                    .with_hint("check the OAuth app's Refresh Token Lifespan (System OAuth → Application Registry)")
            })?;
            let app = source.app();
            Ok(ServiceNowAuth::OAuth {
                client_id: app.client_id.clone(),
                client_secret: app.client_secret.clone(),
                refresh_token: Some(token),
            })
        }
    }
}

/// One cheap read: a refused login is exit 3 before anything reaches Kore.ai. A 403 proves the
/// login (the user may not read users; Kore.ai's integration user need not).
async fn prove(client: &crate::servicenow::Client) -> Result<()> {
    match client
        .request(
            Method::GET,
            "/api/now/table/sys_user?sysparm_limit=1&sysparm_fields=sys_id",
            None,
        )
        .await
    {
        Ok(_) => Ok(()),
        Err(e) if e.is_forbidden() => Ok(()),
        Err(e) => Err(e.into()),
    }
}
