//! `sn-handoff auth login|status|logout|token`: sign in and keep the secrets in the OS keyring
//! (never in the config file), show where each secret comes from and whether they work, forget
//! them, and hand a fresh OAuth access token to scripts.
//!
//! Every login proves the credentials with one authenticated read before it stores anything:
//! a wrong password stores nothing and changes no profile.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use colored::Colorize;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};

use crate::cli::{AuthArgs, AuthCommand, AuthMethod, Grant as GrantChoice, LoginArgs};
use crate::config::{config_path, update_profile};
use crate::credentials::{self, unreachable_hint, SecretSource, Secrets};
use crate::error::{Error, ErrorKind, Result};
use crate::keystore::{self, KeyringError, SecretKind};
use crate::servicenow::loopback::{CallbackError, Loopback};
use crate::servicenow::oauth::{
    authorize_url, redirect_url, Grant, OAuthApp, OnRotate, Pkce, TokenSource,
};
use crate::servicenow::{ApiError, Auth, Client, InstanceUrl};
use crate::settings::{Resolved, Settings, Source};
use crate::steps::auth::{has_admin, whoami};
use crate::ui::Printer;

/// Whether `command` may name a profile that does not exist yet (`auth login` and `init`
/// create it).
pub fn creates_profile(command: &crate::cli::Command) -> bool {
    matches!(
        command,
        crate::cli::Command::Auth(AuthArgs {
            command: AuthCommand::Login(_)
        }) | crate::cli::Command::Init(_)
    )
}

/// Runs `auth …`.
pub async fn run(settings: &Settings, args: &AuthArgs, printer: &Printer) -> Result<u8> {
    match &args.command {
        AuthCommand::Login(login_args) => login(settings, login_args, printer).await,
        AuthCommand::Status => status(settings, printer).await,
        AuthCommand::Logout => logout(settings, printer),
        AuthCommand::Token(token_args) => token(settings, token_args.refresh, printer).await,
    }
}

/// `basic` or `oauth`, as the profile and `--auth` spell it.
pub(crate) fn method_name(method: AuthMethod) -> &'static str {
    match method {
        AuthMethod::Basic => "basic",
        AuthMethod::Oauth => "oauth",
    }
}

fn grant_name(grant: GrantChoice) -> &'static str {
    match grant {
        GrantChoice::Password => "password",
        GrantChoice::Browser => "browser",
        GrantChoice::Token => "token",
    }
}

fn refuse_demo(settings: &Settings, what: &str) -> Result<()> {
    if !settings.saves() {
        return Err(Error::usage(format!(
            "--demo: `auth {what}` keeps credentials for a real instance; the simulated instance's login is printed by `sn-handoff demo`"
        )));
    }
    Ok(())
}

/// The config file `auth login` (and `init`) writes.
pub(crate) fn config_file(settings: &Settings) -> Result<PathBuf> {
    config_path(settings.global.config.as_deref()).ok_or_else(|| {
        Error::usage("cannot tell where the config file goes: HOME and XDG_CONFIG_HOME are unset")
            .with_hint("pass --config FILE or set SN_HANDOFF_CONFIG")
    })
}

/// A failed sign-in: what the instance said, under the error's own kind and hint.
pub(crate) fn sign_in_failed(e: ApiError) -> Error {
    let err = Error::from(e);
    let message = format!("sign-in failed: {}", err.message());
    let hint = err.hint().map(str::to_string);
    let out = Error::new(err.kind(), message);
    match hint {
        Some(h) => out.with_hint(h),
        None => out,
    }
}

// ---------------------------------------------------------------------------------------
// login

/// What a verified login keeps, and the client that proved it.
pub(crate) struct Verified {
    /// The user signed in as, when known.
    pub user: Option<String>,
    /// The OAuth client id (OAuth only).
    pub client_id: Option<String>,
    /// The secrets to store: the password, or the client secret and the refresh token.
    pub secrets: Vec<(SecretKind, SecretString)>,
    /// A client signed in with them (with OAuth, holding the access token already issued).
    pub client: Client,
}

async fn login(settings: &Settings, args: &LoginArgs, printer: &Printer) -> Result<u8> {
    refuse_demo(settings, "login")?;
    let given = matches!(settings.resolved.method.source, Source::Flag | Source::Env);
    let method = match (given.then(|| settings.method()), args.grant) {
        (Some(AuthMethod::Basic), Some(_)) => {
            return Err(Error::usage(
                "--grant is for --auth oauth; basic auth stores the password itself",
            ))
        }
        (Some(method), _) => method,
        (None, Some(_)) => AuthMethod::Oauth,
        (None, None) => settings.method(),
    };
    let path = config_file(settings)?;
    let instance = settings.instance()?;
    let grant = match args.grant {
        Some(grant) => grant,
        None if method == AuthMethod::Basic || settings.interactive => GrantChoice::Browser,
        // Without a terminal nobody is there to finish a browser sign-in.
        None if std::env::var_os(SecretKind::RefreshToken.env()).is_some() => GrantChoice::Token,
        None => {
            return Err(Error::usage(
                "which OAuth grant? pass --grant password|browser|token (prompts are off, so the browser sign-in is not the default)",
            ))
        }
    };
    let verified = match method {
        AuthMethod::Basic => login_basic(settings, &instance).await?,
        AuthMethod::Oauth => login_oauth(settings, &instance, grant, args, printer).await?,
    };

    // Proven: store the secrets, then the profile.
    let secrets = settings.secrets(&instance, SecretKind::Password, false);
    store_all(&keystore::OsKeyring, &secrets, &verified.secrets)
        .map_err(|e| keyring_write_failed(&e, "nothing was stored"))?;
    let changes = profile_changes(&instance, method, &verified);
    update_profile(&path, &settings.profile_name, &changes).map_err(|e| {
        Error::new(
            ErrorKind::WriteFailed,
            format!(
                "the secrets are in the OS keyring, but the profile was not saved: {}",
                e.message()
            ),
        )
    })?;

    let stored: Vec<&str> = verified.secrets.iter().map(|(k, _)| k.id()).collect();
    let stored_words: Vec<&str> = verified.secrets.iter().map(|(k, _)| k.words()).collect();
    let user = verified.user.as_deref();
    if printer.json() {
        printer.print_json(&json!({
            "profile": settings.profile_name,
            "instance": instance.as_str(),
            "method": method_name(method),
            "grant": (method == AuthMethod::Oauth).then(|| grant_name(grant)),
            "user": user,
            "client_id": verified.client_id,
            "stored": stored,
            "config": path,
        }));
    }
    let who = user.map_or_else(String::new, |u| format!(" as {u}"));
    printer.line(format!(
        "{} Signed in to {instance}{who} ({} auth).",
        "✓".green(),
        method_name(method)
    ));
    printer.line(format!(
        "  Stored in the OS keyring: {}. Profile `{}` saved in {}.",
        crate::steps::and_list(&stored_words),
        settings.profile_name,
        path.display()
    ));
    Ok(0)
}

/// Stores every secret in `store`; on a failure, removes what this call stored, so that
/// nothing is kept. Then deletes the kinds the method does not use (a password after a switch
/// to OAuth must not linger); a keyring error there changes nothing that was just stored.
pub(crate) fn store_all(
    store: &dyn keystore::Store,
    secrets: &Secrets,
    items: &[(SecretKind, SecretString)],
) -> Result<(), KeyringError> {
    for (i, (kind, secret)) in items.iter().enumerate() {
        if let Err(e) = store.set(&secrets.key(*kind), secret) {
            for (done, _) in &items[..i] {
                let _ = store.delete(&secrets.key(*done));
            }
            return Err(e);
        }
    }
    for kind in SecretKind::ALL {
        if !items.iter().any(|(k, _)| *k == kind) {
            let _ = store.delete(&secrets.key(kind));
        }
    }
    Ok(())
}

/// The profile keys a verified login sets: instance, method, user name, client id.
pub(crate) fn profile_changes<'a>(
    instance: &'a InstanceUrl,
    method: AuthMethod,
    verified: &'a Verified,
) -> Vec<(&'static str, Option<&'a str>)> {
    let mut changes: Vec<(&str, Option<&str>)> = vec![
        ("instance", Some(instance.as_str())),
        ("auth", Some(method_name(method))),
    ];
    if let Some(user) = &verified.user {
        changes.push(("username", Some(user)));
    }
    if let Some(client_id) = &verified.client_id {
        changes.push(("client_id", Some(client_id)));
    }
    changes
}

fn keyring_write_failed(e: &KeyringError, outcome: &str) -> Error {
    Error::new(
        ErrorKind::WriteFailed,
        format!("the credentials work, but {e}: {outcome}"),
    )
    .with_hint(credentials::ENV_HINT)
}

async fn login_basic(settings: &Settings, instance: &InstanceUrl) -> Result<Verified> {
    let user = settings.require_username(instance)?;
    let secrets = settings.secrets(instance, SecretKind::Password, false);
    let (password, _) = secrets.require(
        SecretKind::Password,
        &format!("Password for {user} at {instance}"),
        None,
    )?;
    verify_basic(settings, instance, user, password).await
}

/// Proves a user name and password with one authenticated read.
pub(crate) async fn verify_basic(
    settings: &Settings,
    instance: &InstanceUrl,
    user: String,
    password: SecretString,
) -> Result<Verified> {
    let client = settings.client(
        instance.clone(),
        Auth::basic(user.clone(), password.clone()),
    )?;
    whoami(&client).await.map_err(sign_in_failed)?;
    Ok(Verified {
        user: Some(user),
        client_id: None,
        secrets: vec![(SecretKind::Password, password)],
        client,
    })
}

async fn login_oauth(
    settings: &Settings,
    instance: &InstanceUrl,
    grant: GrantChoice,
    args: &LoginArgs,
    printer: &Printer,
) -> Result<Verified> {
    let client_id = settings.require_client_id(instance)?;
    let stdin_kind = match grant {
        GrantChoice::Password => SecretKind::Password,
        GrantChoice::Token => SecretKind::RefreshToken,
        GrantChoice::Browser => SecretKind::ClientSecret,
    };
    let secrets = settings.secrets(instance, stdin_kind, false);
    let (client_secret, _) = secrets.require(
        SecretKind::ClientSecret,
        &format!("Client secret of OAuth client {client_id}"),
        None,
    )?;
    let mut user = settings.username();
    let first = match grant {
        GrantChoice::Password => {
            let name = settings.require_username(instance)?;
            user = Some(name.clone());
            let (password, _) = secrets.require(
                SecretKind::Password,
                &format!("Password for {name} at {instance} (exchanged once, never stored)"),
                None,
            )?;
            Grant::Password {
                username: name,
                password,
            }
        }
        GrantChoice::Token => {
            let (token, _) = secrets.require(
                SecretKind::RefreshToken,
                &format!("Refresh token for {instance}"),
                None,
            )?;
            Grant::RefreshToken(token)
        }
        GrantChoice::Browser => browser_code(instance, &client_id, args, printer).await?,
    };
    verify_oauth(settings, instance, client_id, client_secret, first, user).await
}

/// Exchanges `first` for tokens, proves them with one authenticated read, and keeps the
/// refresh token the instance issued.
pub(crate) async fn verify_oauth(
    settings: &Settings,
    instance: &InstanceUrl,
    client_id: String,
    client_secret: SecretString,
    first: Grant,
    user: Option<String>,
) -> Result<Verified> {
    let app = OAuthApp {
        client_id: client_id.clone(),
        client_secret: client_secret.clone(),
    };
    let source = Arc::new(TokenSource::new(app, first, None));
    let client = settings.client(
        instance.clone(),
        Auth::bearer(user.clone(), Arc::clone(&source)),
    )?;
    let found = whoami(&client).await.map_err(sign_in_failed)?;
    let Some(refresh_token) = source.refresh_token().await else {
        return Err(Error::auth(
            "the instance issued an access token but no refresh token, so there is nothing to keep",
        )
        .with_hint(
            "check the OAuth app's Refresh Token Lifespan (System OAuth → Application Registry)",
        ));
    };
    Ok(Verified {
        user: found.or(user),
        client_id: Some(client_id),
        secrets: vec![
            (SecretKind::ClientSecret, client_secret),
            (SecretKind::RefreshToken, refresh_token),
        ],
        client,
    })
}

/// The browser sign-in: authorization code with PKCE on a loopback redirect.
pub(crate) async fn browser_code(
    instance: &InstanceUrl,
    client_id: &str,
    args: &LoginArgs,
    printer: &Printer,
) -> Result<Grant> {
    let loopback = Loopback::bind(args.redirect_port).await.map_err(|e| {
        Error::usage(format!(
            "cannot listen on 127.0.0.1:{} for the sign-in redirect: {e}",
            args.redirect_port
        ))
        .with_hint("pass --redirect-port N with a free port, and register http://127.0.0.1:N/callback as the OAuth app's redirect URL")
    })?;
    let redirect = redirect_url(loopback.port());
    let pkce = Pkce::new().map_err(|e| Error::usage(format!("no randomness for PKCE: {e}")))?;
    let url = authorize_url(instance, client_id, &redirect, &pkce);
    printer.line(format!(
        "The OAuth app must have exactly this redirect URL (System OAuth → Application Registry → the app → Redirect URL):\n  {redirect}"
    ));
    printer.line(format!("Sign in and allow access at this URL:\n  {url}"));
    if !args.no_browser {
        match open::that_detached(&url) {
            Ok(()) => printer.line("Opened it in your browser."),
            Err(e) => printer.line(format!(
                "Could not open a browser ({e}); open the URL yourself."
            )),
        }
    }
    let deadline = Duration::from_secs(args.deadline);
    printer.line(format!(
        "Waiting up to {} s for the browser to come back to {redirect} …",
        deadline.as_secs()
    ));
    let code = loopback
        .wait(&pkce.state, deadline)
        .await
        .map_err(|e| callback_error(e, &redirect))?;
    Ok(Grant::AuthorizationCode {
        code,
        redirect_uri: redirect,
        verifier: pkce.verifier,
    })
}

fn callback_error(e: CallbackError, redirect: &str) -> Error {
    let hint = match &e {
        CallbackError::Deadline(_) => format!(
            "if the browser showed an error about the redirect URL, register {redirect} on the OAuth app; then run the login again (--deadline SECS gives more time)"
        ),
        CallbackError::StateMismatch => {
            "close old sign-in tabs and run the login again; only the URL this login printed is accepted".to_string()
        }
        CallbackError::Denied { .. } | CallbackError::NoCode => format!(
            "allow access on the instance's page; check that the OAuth app is active and its redirect URL is {redirect}"
        ),
        CallbackError::Io(_) => "run the login again".to_string(),
    };
    let kind = match e {
        CallbackError::Io(_) => ErrorKind::Usage,
        _ => ErrorKind::Auth,
    };
    Error::new(kind, format!("sign-in failed: {e}")).with_hint(hint)
}

// ---------------------------------------------------------------------------------------
// status

/// One setting's value and where it came from.
fn setting(value: Option<&str>, source: &str) -> Value {
    json!({"value": value, "source": source})
}

/// What `auth status` found out by asking the instance.
enum Verdict {
    Works {
        user: Option<String>,
        admin: Option<bool>,
    },
    Refused(Error),
}

async fn status(settings: &Settings, printer: &Printer) -> Result<u8> {
    let method = settings.method();
    let resolved = &settings.resolved;
    let source = |r: Option<&Resolved<String>>| r.map_or("missing", |r| r.source.name());
    let method_source = resolved.method.source.name();
    let instance = settings.instance_if_known()?;
    let instance_source = source(resolved.instance.as_ref());
    let user = settings.username();
    let user_source = source(resolved.username.as_ref());
    let client_id = settings.client_id();
    let client_id_source = source(resolved.client_id.as_ref());
    let login = settings.login_command(method);

    let kinds: &[SecretKind] = match method {
        AuthMethod::Basic => &[SecretKind::Password],
        AuthMethod::Oauth => &[SecretKind::ClientSecret, SecretKind::RefreshToken],
    };
    let mut found: Vec<(SecretKind, Option<(SecretString, SecretSource)>)> = Vec::new();
    let mut keyring_error: Option<KeyringError> = None;
    match &instance {
        Some(instance) => {
            let stdin_kind = match method {
                AuthMethod::Basic => SecretKind::Password,
                AuthMethod::Oauth => SecretKind::RefreshToken,
            };
            let secrets = settings.secrets(instance, stdin_kind, true);
            for kind in kinds {
                let f = secrets.find(*kind)?;
                if f.keyring_error.is_some() {
                    keyring_error = f.keyring_error;
                }
                found.push((*kind, f.secret));
            }
        }
        None => found.extend(kinds.iter().map(|k| (*k, None))),
    }

    // What is missing, with the fix for each.
    let mut missing: Vec<(String, String)> = Vec::new();
    if instance.is_none() {
        missing.push((
            "instance".into(),
            "pass --instance URL, set SN_HANDOFF_INSTANCE, or sign in with `sn-handoff auth login --instance URL`".into(),
        ));
    }
    if method == AuthMethod::Basic && user.is_none() {
        missing.push((
            "user".into(),
            "pass --username NAME or set SN_HANDOFF_USERNAME".into(),
        ));
    }
    if method == AuthMethod::Oauth && client_id.is_none() {
        missing.push((
            "client_id".into(),
            format!("pass --client-id ID, set SN_HANDOFF_CLIENT_ID, or sign in with `{login}`"),
        ));
    }
    for (kind, secret) in &found {
        if secret.is_none() && instance.is_some() {
            missing.push((
                kind.id().into(),
                format!("set {} or store it with `{login}`", kind.env()),
            ));
        }
    }

    let verdict = if missing.is_empty() {
        let instance = instance.clone().expect("checked above");
        let secret = |kind: SecretKind| {
            found
                .iter()
                .find(|(k, _)| *k == kind)
                .and_then(|(_, s)| s.clone())
                .ok_or_else(|| Error::usage(format!("no {}", kind.words())))
        };
        // Only looking: a refresh token the instance rotates now is not kept.
        let keep_none = |_| -> OnRotate { Box::new(|_| {}) };
        let (auth, _) =
            settings.auth(method, user.clone(), client_id.clone(), secret, keep_none)?;
        let client = settings.client(instance, auth)?;
        Some(probe(&client, user.clone()).await)
    } else {
        None
    };

    let secrets_json: Vec<Value> = found
        .iter()
        .map(|(kind, secret)| {
            json!({
                "name": kind.id(),
                "source": secret.as_ref().map_or("missing", |(_, s)| s.name()),
                "env": kind.env(),
            })
        })
        .collect();
    let (works, shown_user, admin, error, fix, exit) = match &verdict {
        None => {
            let fix = missing
                .iter()
                .map(|(_, f)| f.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            (false, user.clone(), None, None, Some(fix), 2)
        }
        Some(Verdict::Works { user: who, admin }) => {
            let shown = who.clone().or(user.clone());
            let fix = match (admin, &shown) {
                (Some(false), Some(u)) => Some(format!(
                    "give {u} the admin role (User Administration → Users → {u} → Roles), or sign in as an admin: {login}"
                )),
                _ => None,
            };
            (true, shown, *admin, None, fix, 0)
        }
        Some(Verdict::Refused(e)) => {
            let fix = match e.kind() {
                ErrorKind::Auth => login.clone(),
                _ => e.hint().unwrap_or("check the instance URL").to_string(),
            };
            (
                false,
                user.clone(),
                None,
                Some(e.message().to_string()),
                Some(fix),
                e.kind().exit_code(),
            )
        }
    };
    let user_source = match (&verdict, user_source) {
        (Some(Verdict::Works { user: Some(_), .. }), "missing") => "instance",
        (_, source) => source,
    };

    if printer.json() {
        let config = config_path(settings.global.config.as_deref());
        printer.print_json(&json!({
            "profile": settings.profile_name,
            "config": config,
            "instance": setting(instance.as_ref().map(InstanceUrl::as_str), instance_source),
            "method": setting(Some(method_name(method)), method_source),
            "user": setting(shown_user.as_deref(), user_source),
            "client_id": if method == AuthMethod::Oauth {
                setting(client_id.as_deref(), client_id_source)
            } else {
                Value::Null
            },
            "secrets": secrets_json,
            "keyring": keyring_error.as_ref().map(ToString::to_string),
            "works": works,
            "admin": admin,
            "missing": missing.iter().map(|(what, _)| what.as_str()).collect::<Vec<_>>(),
            "error": error,
            "fix": fix,
        }));
    }

    // Human text on stderr.
    let row = |label: &str, value: Option<&str>, source: &str| {
        format!(
            "  {label:<14} {:<44} {}",
            value.unwrap_or("—"),
            format!("({source})").dimmed()
        )
    };
    printer.line(format!(
        "Profile {}{}",
        settings.profile_name.bold(),
        config_path(settings.global.config.as_deref())
            .map(|p| format!(" ({})", p.display()))
            .unwrap_or_default()
    ));
    printer.line(row(
        "instance",
        instance.as_ref().map(InstanceUrl::as_str),
        instance_source,
    ));
    printer.line(row("method", Some(method_name(method)), method_source));
    if method == AuthMethod::Oauth {
        printer.line(row("client id", client_id.as_deref(), client_id_source));
    }
    printer.line(row("user", shown_user.as_deref(), user_source));
    for (kind, secret) in &found {
        let source = secret.as_ref().map_or("missing", |(_, s)| s.name());
        let shown = match secret {
            Some((_, SecretSource::Env(name))) => format!("from {name}"),
            Some((_, s)) => format!("from {}", s.name()),
            None => "missing".to_string(),
        };
        printer.line(row(kind.words(), Some(&shown), source));
    }
    if let Some(e) = &keyring_error {
        printer.line(format!("  {} {}", "!".yellow(), unreachable_hint(e)));
    }
    match &verdict {
        None => printer.line(format!(
            "{} missing: {}",
            "✗".red(),
            missing
                .iter()
                .map(|(w, _)| w.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Some(Verdict::Works { .. }) => {
            let role = match admin {
                Some(true) => "with the admin role".to_string(),
                Some(false) => "without the admin role (the steps need it)".to_string(),
                None => "(the admin role could not be read)".to_string(),
            };
            printer.line(format!("{} the credentials work, {role}", "✓".green()));
        }
        Some(Verdict::Refused(e)) => {
            printer.line(format!("{} {}", "✗".red(), e.message()));
        }
    }
    if let Some(fix) = &fix {
        printer.line(format!("  {} {fix}", "fix:".cyan()));
    }
    Ok(exit)
}

/// One proving read, then the admin check.
async fn probe(client: &Client, user: Option<String>) -> Verdict {
    match whoami(client).await {
        Ok(found) => {
            let name = found.or(user);
            let admin = match &name {
                Some(n) if client.user_known() => has_admin(client, n).await,
                Some(_) | None => has_admin(client, client.user()).await,
            };
            Verdict::Works { user: name, admin }
        }
        Err(e) => Verdict::Refused(Error::from(e)),
    }
}

// ---------------------------------------------------------------------------------------
// logout

fn logout(settings: &Settings, printer: &Printer) -> Result<u8> {
    refuse_demo(settings, "logout")?;
    let Some(instance) = settings.instance_if_known()? else {
        return Err(Error::usage(
            "which instance? pass --instance URL or set SN_HANDOFF_INSTANCE (the profile names none)",
        ));
    };
    let secrets = settings.secrets(&instance, SecretKind::Password, true);
    let mut deleted = Vec::new();
    for kind in SecretKind::ALL {
        match keystore::delete(&secrets.key(kind)) {
            Ok(true) => deleted.push(kind),
            Ok(false) => {}
            Err(e) => {
                let done = if deleted.is_empty() {
                    "nothing was deleted".to_string()
                } else {
                    format!(
                        "deleted only the {}",
                        crate::steps::and_list(
                            &deleted.iter().map(|k| k.words()).collect::<Vec<_>>()
                        )
                    )
                };
                return Err(Error::new(ErrorKind::WriteFailed, format!("{e}: {done}"))
                    .with_hint(credentials::ENV_HINT));
            }
        }
    }
    let still_set: Vec<&str> = SecretKind::ALL
        .iter()
        .map(|k| k.env())
        .filter(|name| std::env::var(name).is_ok_and(|v| !v.is_empty()))
        .collect();
    if printer.json() {
        printer.print_json(&json!({
            "profile": settings.profile_name,
            "instance": instance.as_str(),
            "deleted": deleted.iter().map(|k| k.id()).collect::<Vec<_>>(),
            "env_still_set": still_set,
        }));
    }
    let whose = format!("profile `{}` at {instance}", settings.profile_name);
    if deleted.is_empty() {
        printer.line(format!(
            "Nothing to delete: the OS keyring holds no secret of {whose}."
        ));
    } else {
        printer.line(format!(
            "{} Deleted from the OS keyring: the {} of {whose}.",
            "✓".green(),
            crate::steps::and_list(&deleted.iter().map(|k| k.words()).collect::<Vec<_>>())
        ));
    }
    if !still_set.is_empty() {
        printer.line(format!(
            "  {} is still set in this environment and is used before the keyring.",
            still_set.join(", ")
        ));
    }
    Ok(0)
}

// ---------------------------------------------------------------------------------------
// token

async fn token(settings: &Settings, refresh: bool, printer: &Printer) -> Result<u8> {
    if settings.method() != AuthMethod::Oauth {
        return Err(Error::usage(
            "`auth token` prints an OAuth access token, and this profile uses basic auth",
        )
        .with_hint("pass --auth oauth, or sign in with `sn-handoff auth login --auth oauth`"));
    }
    let (client, _) = settings.connect()?;
    let source = client
        .token_source()
        .expect("an OAuth client has a token source");
    let access = source
        .fresh_access_token(&client)
        .await
        .map_err(Error::from)?;
    // After the exchange: a rotated refresh token is the one to give out.
    let secret = match (refresh, source.refresh_token().await) {
        (false, _) => access,
        (true, Some(token)) => token,
        (true, None) => return Err(Error::auth("the instance gave no refresh token")),
    };
    if printer.json() {
        let name = if refresh {
            "refresh_token"
        } else {
            "access_token"
        };
        let mut doc = json!({name: secret.expose_secret()});
        if !refresh {
            doc["token_type"] = json!("Bearer");
            doc["expires_in"] = json!(source.expires_in().await);
        }
        printer.print_json(&doc);
    } else {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", secret.expose_secret());
    }
    Ok(0)
}
