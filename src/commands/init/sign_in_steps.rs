//! Steps 1 and 2 of the guide: the instance, then signing in (and what the instance says
//! about the user).

use colored::Colorize;
use secrecy::{ExposeSecret, SecretString};

use super::{mark, Login, Wizard, SIGN_IN_ATTEMPTS};
use crate::cli::{AuthMethod, Grant as GrantChoice, LoginArgs};
use crate::commands::auth;
use crate::commands::auth::sign_in::{self as flow, VerifiedSignIn};
use crate::credentials::env_hint;
use crate::error::{Error, ErrorKind, Result};
use crate::keystore::SecretKind;
use crate::servicenow::oauth::{redirect_url, Grant};
use crate::servicenow::{ApiError, Auth, Client, InstanceUrl};
use crate::settings::Resolved;
use crate::steps::{self, Status};
use crate::ui::prompt::Text;

/// Where a personal developer instance is woken.
const DEVELOPER_PORTAL: &str = "https://developer.servicenow.com";

impl Wizard<'_> {
    // -----------------------------------------------------------------------------------
    // Step 1: the instance

    pub(super) async fn instance(&mut self) -> Result<InstanceUrl> {
        let (mut given, mut default) = Resolved::split(self.settings.resolved.instance.as_ref());
        loop {
            let answer = match given.take() {
                Some(flag) => flag,
                None => {
                    let validate = |s: &str| {
                        InstanceUrl::parse(s)
                            .map(|_| ())
                            .map_err(|e| e.message().to_string())
                    };
                    self.prompter.text(
                        &Text::new("ServiceNow instance (e.g. dev123)")
                            .default(default.as_deref())
                            .validate(&validate),
                    )?
                }
            };
            let instance = match InstanceUrl::parse(&answer) {
                Ok(instance) => instance,
                Err(e) => {
                    self.line(format!("{} {}", mark(Status::Fail), e.message()));
                    continue;
                }
            };
            loop {
                let spinner = self.printer.spinner(&format!("Reaching {instance}"));
                let reached = self.reach(&instance).await?;
                spinner.finish_and_clear();
                match reached {
                    Ok(()) => {
                        self.line(format!(
                            "{} {:<16} {instance} answers as ServiceNow",
                            mark(Status::Pass),
                            "instance"
                        ));
                        self.save(&[("instance", Some(instance.as_str()))])?;
                        return Ok(instance);
                    }
                    Err(ApiError::Hibernating) => {
                        self.line(format!(
                            "{} {:<16} {instance} is hibernating (developer instances sleep when unused)",
                            mark(Status::Fail),
                            "instance"
                        ));
                        self.line(format!(
                            "  Sign in at {DEVELOPER_PORTAL} to wake it (it takes a few minutes), then check again."
                        ));
                        if !self.prompter.confirm("Check again?", true)? {
                            return Err(Error::unusable(format!("{instance} is hibernating"))
                                .with_hint(format!(
                                    "sign in at {DEVELOPER_PORTAL} to wake it, then run `{}` again",
                                    self.command("init")
                                )));
                        }
                    }
                    Err(e) => {
                        self.line(format!("{} {:<16} {e}", mark(Status::Fail), "instance"));
                        if let Some(hint) = e.hint() {
                            self.line(format!("  {hint}"));
                        }
                        default = Some(instance.as_str().to_string());
                        break;
                    }
                }
            }
        }
    }

    /// Proves that `instance` is an awake ServiceNow instance, without credentials: its
    /// Table API answers a request without a login with ServiceNow's 401. The outer error is
    /// one no other URL would mend (a `--ca-cert` that cannot be read).
    pub(super) async fn reach(&self, instance: &InstanceUrl) -> Result<Result<(), ApiError>> {
        let client = self.settings.client(instance.clone(), Auth::anonymous())?;
        Ok(match steps::instance::probe(&client).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_unauthenticated() || e.is_forbidden() => Ok(()),
            Err(e) => Err(e),
        })
    }

    // -----------------------------------------------------------------------------------
    // Step 2: signing in

    pub(super) async fn sign_in(&mut self, instance: &InstanceUrl) -> Result<Login> {
        let method = match &self.settings.resolved.method {
            method if method.given() => method.value,
            _ => {
                let items = [
                    "Basic auth: a user name and password".to_string(),
                    "OAuth: an OAuth app and a refresh token".to_string(),
                ];
                let default = match self.settings.method() {
                    AuthMethod::Oauth => 1,
                    AuthMethod::Basic | AuthMethod::Apikey | AuthMethod::Mtls => 0,
                };
                match self
                    .prompter
                    .select("How should sn-handoff sign in?", &items, default)?
                {
                    0 => AuthMethod::Basic,
                    _ => AuthMethod::Oauth,
                }
            }
        };
        let verified = match method {
            AuthMethod::Basic => self.basic(instance).await?,
            AuthMethod::Oauth => self.oauth(instance).await?,
            AuthMethod::Apikey => return Err(crate::kore::servicenow_auth::api_key_for_kore()),
            AuthMethod::Mtls => {
                return Err(crate::kore::servicenow_auth::not_for_kore(
                    "a client certificate",
                ))
            }
        };
        self.keep(instance, method, &verified)?;
        Ok(Login { method, verified })
    }

    /// The user name: the flag's (once), else asked with `default`.
    pub(super) fn user_name(
        &mut self,
        flag: &mut Option<String>,
        default: Option<&str>,
    ) -> Result<String> {
        if let Some(user) = flag.take() {
            return Ok(user);
        }
        let validate = |s: &str| {
            if s.chars().any(char::is_whitespace) {
                Err("a user name has no spaces".to_string())
            } else {
                Ok(())
            }
        };
        self.prompter.text(
            &Text::new("ServiceNow user name")
                .default(default)
                .validate(&validate),
        )
    }

    /// A secret from the environment or the store, for the profile at `instance` (never under
    /// `--demo`).
    pub(super) fn known_secret(
        &self,
        instance: &InstanceUrl,
        kind: SecretKind,
    ) -> Option<(SecretString, String)> {
        if !self.settings.saves() {
            return None;
        }
        if let Some(value) = std::env::var(kind.env()).ok().filter(|v| !v.is_empty()) {
            return Some((SecretString::from(value), kind.env().to_string()));
        }
        let key = self.settings.secrets(instance, kind, false).key(kind);
        match self.store.get(&key) {
            Ok(Some(secret)) => Some((secret, "the OS keyring".to_string())),
            Ok(None) => None,
            Err(e) => {
                if !self.keyring_refused.replace(true) {
                    self.line(format!("{} {e}; asking instead", mark(Status::Warn)));
                }
                None
            }
        }
    }

    /// The simulator's password for `user` under `--demo`.
    pub(super) fn demo_password(&self, user: &str) -> Option<SecretString> {
        self.settings.simulator_secret(SecretKind::Password, user)
    }

    /// The secret found (`known`, with where it came from, which is said), or else asked for
    /// with `prompt`; under `--demo`, Enter alone gives the simulator's (`demo`).
    pub(super) fn secret_or_ask(
        &mut self,
        known: Option<(SecretString, String)>,
        words: &str,
        prompt: &str,
        demo: Option<SecretString>,
    ) -> Result<SecretString> {
        if let Some((secret, source)) = known {
            self.line(format!("  Using the {words} from {source}."));
            return Ok(secret);
        }
        match demo {
            Some(demo) => {
                let prompt = format!("{prompt} (Enter: the simulator's)");
                let answer = self.prompter.secret(&prompt, true)?;
                Ok(if answer.expose_secret().is_empty() {
                    demo.clone()
                } else {
                    answer
                })
            }
            None => self.prompter.secret(prompt, false),
        }
    }

    pub(super) fn refused(&self, e: &Error, attempt: usize) {
        self.line(format!(
            "{} {:<16} {}",
            mark(Status::Fail),
            "auth",
            e.message()
        ));
        if attempt < SIGN_IN_ATTEMPTS {
            self.line(format!(
                "  Try again ({} of {SIGN_IN_ATTEMPTS} tries left; lockout policies count refused logins).",
                SIGN_IN_ATTEMPTS - attempt
            ));
        }
    }

    pub(super) async fn basic(&mut self, instance: &InstanceUrl) -> Result<VerifiedSignIn> {
        let (mut flag, mut default) = Resolved::split(self.settings.resolved.username.as_ref());
        let profile_user = self.settings.profile.username.clone();
        let mut known = self.known_secret(instance, SecretKind::Password);
        for attempt in 1..=SIGN_IN_ATTEMPTS {
            let user = self.user_name(&mut flag, default.as_deref())?;
            // A stored password is the profile user's; the environment's is whoever's is named.
            let stored = known.take().filter(|(_, source)| {
                source.starts_with("SN_") || profile_user.as_deref() == Some(user.as_str())
            });
            let password = self.secret_or_ask(
                stored,
                "password",
                &format!("Password for {user} at {instance}"),
                self.demo_password(&user),
            )?;
            let spinner = self.printer.spinner("Signing in");
            let verified =
                flow::verify_basic(self.settings, instance, user.clone(), password).await;
            spinner.finish_and_clear();
            match verified {
                Ok(v) => return Ok(v),
                Err(e) if e.kind() == ErrorKind::Auth && attempt < SIGN_IN_ATTEMPTS => {
                    self.refused(&e, attempt);
                    default = Some(user);
                }
                Err(e) => return Err(e),
            }
        }
        unreachable!("the last attempt returns")
    }

    pub(super) async fn oauth(&mut self, instance: &InstanceUrl) -> Result<VerifiedSignIn> {
        let redirect = redirect_url(self.args.redirect_port);
        self.line("  OAuth signs in through an OAuth app on the instance: System OAuth → Application Registry → New →");
        self.line("  \"Create an OAuth API endpoint for external clients\". Its record shows the Client ID and the Client Secret.");
        self.line(format!(
            "  For the browser sign-in its Redirect URL must be exactly {redirect}"
        ));
        let profile_client = self.settings.profile.client_id.clone();
        let client_id = match Resolved::split(self.settings.resolved.client_id.as_ref()) {
            (Some(given), _) => given,
            (None, default) => self
                .prompter
                .text(&Text::new("OAuth client id").default(default.as_deref()))?,
        };
        let same_app = profile_client.as_deref() == Some(client_id.as_str());
        let mut secret = self
            .known_secret(instance, SecretKind::ClientSecret)
            .filter(|(_, source)| same_app || source.starts_with("SN_"));
        let mut token = self
            .known_secret(instance, SecretKind::RefreshToken)
            .filter(|(_, source)| same_app || source.starts_with("SN_"));
        let (mut flag_user, mut default_user) =
            Resolved::split(self.settings.resolved.username.as_ref());
        for attempt in 1..=SIGN_IN_ATTEMPTS {
            let demo_secret = self
                .settings
                .simulator_secret(SecretKind::ClientSecret, &client_id);
            let client_secret = self.secret_or_ask(
                secret.take(),
                "client secret",
                &format!("Client secret of {client_id}"),
                demo_secret,
            )?;
            let mut user = flag_user.clone().or(default_user.clone());
            let first = match token.take() {
                Some((t, source)) => {
                    self.line(format!("  Using the refresh token from {source}."));
                    Grant::RefreshToken(t)
                }
                None => {
                    self.ask_grant(
                        instance,
                        &client_id,
                        (&mut flag_user, default_user.as_deref()),
                        &mut user,
                    )
                    .await?
                }
            };
            let minted = !matches!(first, Grant::RefreshToken(_));
            let spinner = self.printer.spinner("Signing in");
            let verified = flow::verify_oauth(
                self.settings,
                instance,
                client_id.clone(),
                client_secret,
                first,
                user.clone(),
            )
            .await;
            spinner.finish_and_clear();
            match verified {
                Ok(v) => {
                    if minted {
                        self.record_minted(&v, &client_id).await;
                    }
                    return Ok(v);
                }
                Err(e) if e.kind() == ErrorKind::Auth && attempt < SIGN_IN_ATTEMPTS => {
                    self.refused(&e, attempt);
                    default_user = user.or(default_user);
                }
                Err(e) => return Err(e),
            }
        }
        unreachable!("the last attempt returns")
    }

    /// Decides how the refresh token is got when none is known: asks whether to sign in with a
    /// browser, exchange a user name and password once (the name, the flag's if given, else
    /// asked with the default, then goes in `user`) or paste a token.
    async fn ask_grant(
        &mut self,
        instance: &InstanceUrl,
        client_id: &str,
        (flag_user, default_user): (&mut Option<String>, Option<&str>),
        user: &mut Option<String>,
    ) -> Result<Grant> {
        let items = [
            "Sign in with a browser (authorization code with PKCE)".to_string(),
            "Exchange a user name and password once (never stored)".to_string(),
            "Paste a refresh token I already have".to_string(),
        ];
        // Under --demo, the simulator's password is the quickest way.
        let default = usize::from(!self.settings.saves());
        let grant = match self
            .prompter
            .select("How to get the refresh token?", &items, default)?
        {
            0 => {
                let login = LoginArgs {
                    grant: Some(GrantChoice::Browser),
                    redirect_port: self.args.redirect_port,
                    no_browser: self.args.no_browser,
                    deadline: 300,
                };
                flow::browser_code(instance, client_id, &login, self.printer).await?
            }
            1 => {
                let name = self.user_name(flag_user, default_user)?;
                let password = self.secret_or_ask(
                    None,
                    "password",
                    &format!("Password for {name} at {instance} (exchanged once, never stored)"),
                    self.demo_password(&name),
                )?;
                *user = Some(name.clone());
                Grant::Password {
                    username: name,
                    password,
                }
            }
            _ => Grant::RefreshToken(
                self.prompter
                    .secret(&format!("Refresh token for {instance}"), false)?,
            ),
        };
        Ok(grant)
    }

    /// A refresh token minted at sign-in goes in the expiry radar, which says when it expires
    /// (nothing is recorded under --demo).
    async fn record_minted(&mut self, verified: &VerifiedSignIn, client_id: &str) {
        let Some(file) = self.state_file(&verified.client) else {
            return;
        };
        let radar = crate::commands::auth::radar::record_in(
            file,
            &verified.client,
            client_id,
            verified.lifespan,
        );
        if let Some(recorded) = radar.await {
            self.line(format!(
                "  {}",
                crate::commands::auth::radar::describe(&recorded)
            ));
        }
    }

    /// Stores the secrets (an unreachable keyring is said, and the run goes on with them in
    /// memory) and saves the sign-in in the profile.
    pub(super) fn keep(
        &mut self,
        instance: &InstanceUrl,
        method: AuthMethod,
        verified: &VerifiedSignIn,
    ) -> Result<()> {
        let words: Vec<&str> = verified.secrets.iter().map(|(k, _)| k.words()).collect();
        let words = steps::and_list(&words);
        if self.settings.saves() {
            let secrets = self.settings.secrets(instance, SecretKind::Password, false);
            match flow::store_all(self.store, &secrets, &verified.secrets) {
                Ok(()) => {
                    self.stored = true;
                    self.line(format!("  Stored the {words} in the OS keyring."));
                }
                Err(e) => {
                    // `words` is one secret ("password") or a list ("client secret and
                    // refresh token").
                    let stay = if words.contains(" and ") {
                        "stay"
                    } else {
                        "stays"
                    };
                    let why = if self.keyring_refused.replace(true) {
                        // Said when the keyring was read: once is enough.
                        "  So".to_string()
                    } else {
                        format!("{} {e}:", mark(Status::Warn))
                    };
                    self.line(format!(
                        "{why} the {words} {stay} in memory for this run only, and nothing is written in plain text."
                    ));
                    let kinds: Vec<SecretKind> = verified.secrets.iter().map(|(k, _)| *k).collect();
                    let hint = env_hint(&kinds);
                    let hint = hint.strip_prefix("without").unwrap_or(&hint);
                    self.line(format!("  Without{hint}."));
                }
            }
        }
        self.save(&flow::profile_changes(instance, method, verified))
    }

    /// The instance's release and the user's admin role, as `check` reports them.
    pub(super) async fn about(&self, client: &Client, method: AuthMethod) -> Result<()> {
        let user = client.user().to_string();
        let (info, admin) = tokio::join!(
            steps::instance::probe(client),
            steps::auth::has_admin(client, &user)
        );
        let info = info.unwrap_or_default();
        let instance_step = steps::instance::report(&info);
        self.step_line(&instance_step);
        if steps::instance::is_connect_support(&info) {
            // Tokyo and older: Kore.ai's other setup; nothing is changed on such an instance.
            let fix = instance_step.fix_text().unwrap_or_default();
            return Err(Error::unusable(instance_step.summary).with_hint(fix));
        }
        let report = steps::auth::report(auth::method_name(method), &user, admin);
        self.step_line(&report);
        if report.status != Status::Pass {
            if let Some(fix) = &report.fix {
                self.line(format!("  {} {fix}", "fix:".cyan()));
            }
        }
        Ok(())
    }
}
