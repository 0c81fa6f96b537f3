//! `auth login`: sign in from flags, environment and profile (or stdin), then keep it.

use colored::Colorize;
use serde_json::json;

use super::sign_in::{
    browser_code, profile_changes, store_all, verify_basic, verify_oauth, VerifiedSignIn,
};
use super::{config_file, method_name, refuse_demo};
use crate::cli::{AuthMethod, Grant as GrantChoice, LoginArgs};
use crate::config::update_profile;
use crate::credentials;
use crate::error::{Error, ErrorKind, ExitStatus, Result};
use crate::keystore::{self, KeyringError, SecretKind};
use crate::servicenow::oauth::Grant;
use crate::servicenow::InstanceUrl;
use crate::settings::{Settings, Source};
use crate::ui::Printer;
pub(super) async fn login(
    settings: &Settings,
    args: &LoginArgs,
    printer: &Printer,
) -> Result<ExitStatus> {
    refuse_demo(settings, "login")?;
    let method = method(settings, args)?;
    let path = config_file(settings)?;
    let instance = settings.instance()?;
    let grant = grant(settings, args, method)?;
    let verified = match method {
        AuthMethod::Basic => login_basic(settings, &instance).await?,
        AuthMethod::Oauth => login_oauth(settings, &instance, grant, args, printer, false).await?,
        AuthMethod::Apikey => login_api_key(settings, &instance).await?,
        AuthMethod::Mtls => login_certificate(settings, &instance).await?,
    };
    // Where the secrets go: the keyring entries of this profile and instance.
    let secrets = settings.secrets(&instance, SecretKind::Password, false);
    keep(settings, &secrets, &instance, method, &verified, &path)?;
    stay_warm(settings, &secrets, &verified).await;

    // A refresh token minted here (not one given with --grant token): the expiry radar. It
    // counts from this minting and is never moved by a refresh: ServiceNow extends a refresh
    // token's expiry only on a grant that is not `refresh_token` (KB0791140, "Managing OAuth
    // Tokens in ServiceNow"), and a refresh that answers with the same refresh token leaves its
    // expiry where it was.
    let minted = match (&verified.client_id, grant) {
        (Some(client_id), GrantChoice::Password | GrantChoice::Browser) => {
            super::radar::record(settings, &verified.client, client_id, verified.lifespan).await
        }
        _ => None,
    };
    let signed_in = SignedIn {
        instance: &instance,
        method,
        grant,
        verified: &verified,
        path: &path,
        minted: minted.as_ref(),
    };
    signed_in.report(settings, printer);
    Ok(ExitStatus::Success)
}

/// The sign-in method: from the flags, the environment and the profile, refusing a grant
/// with a method that takes none.
fn method(settings: &Settings, args: &LoginArgs) -> Result<AuthMethod> {
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
    Ok(method)
}

/// The OAuth grant (what the other methods are given is not read).
fn grant(settings: &Settings, args: &LoginArgs, method: AuthMethod) -> Result<GrantChoice> {
    Ok(match args.grant {
        Some(grant) => grant,
        None if method != AuthMethod::Oauth || settings.interactive => GrantChoice::Browser,
        // Without a terminal nobody is there to finish a browser sign-in.
        None if std::env::var_os(SecretKind::RefreshToken.env()).is_some_and(|v| !v.is_empty()) => {
            GrantChoice::Token
        }
        None => {
            return Err(Error::usage(
                "which OAuth grant? pass --grant password|browser|token (prompts are off, so the browser sign-in is not the default)",
            ))
        }
    })
}

/// Proven: store the secrets, then the profile.
fn keep(
    settings: &Settings,
    secrets: &credentials::Secrets,
    instance: &InstanceUrl,
    method: AuthMethod,
    verified: &VerifiedSignIn,
    path: &std::path::Path,
) -> Result<()> {
    store_all(&keystore::OsKeyring, secrets, &verified.secrets)
        .map_err(|e| keyring_write_failed(&e, verified, "nothing was stored"))?;
    let mut changes = profile_changes(instance, method, verified);
    // The certificate's files stay where they are; the profile names them (absolute).
    let absolute = |flag: &Option<std::path::PathBuf>| {
        flag.as_ref()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
            .map(|p| p.display().to_string())
    };
    let (cert, key) = settings.client_files();
    let files = (absolute(&cert), absolute(&key));
    if method == AuthMethod::Mtls {
        changes.push(("client_cert", files.0.as_deref()));
        changes.push(("client_key", files.1.as_deref()));
        changes.retain(|(_, v)| v.is_some());
    }
    update_profile(path, &settings.profile_name, &changes).map_err(|e| {
        Error::new(
            ErrorKind::WriteFailed,
            format!(
                "the secrets are in the OS keyring, but the profile was not saved: {}",
                e.message()
            ),
        )
    })
}

/// The run stays warm: the access token the sign-in was issued is kept beside the refresh
/// token, and the state file records that these credentials work, so the next command makes
/// no token request and sends its reads beside the probe.
async fn stay_warm(settings: &Settings, secrets: &credentials::Secrets, verified: &VerifiedSignIn) {
    if let Some(tokens) = &verified.tokens {
        tokens
            .keep_access_token(&secrets.key(SecretKind::AccessToken))
            .await;
    }
    if let Some(state) = crate::state::StateFile::for_run(settings, &verified.client) {
        let _ = state.set_verified_record(crate::state::Verification {
            user: user_of(verified),
            ..crate::state::Verification::now(&verified.client)
        });
    }
}

/// What a sign-in kept, to be said.
struct SignedIn<'a> {
    instance: &'a InstanceUrl,
    method: AuthMethod,
    grant: GrantChoice,
    verified: &'a VerifiedSignIn,
    path: &'a std::path::Path,
    minted: Option<&'a crate::state::MintedToken>,
}

impl SignedIn<'_> {
    /// The `--json` document and the lines.
    fn report(&self, settings: &Settings, printer: &Printer) {
        let (method, verified, path) = (self.method, self.verified, self.path);
        let stored: Vec<&str> = verified.secrets.iter().map(|(k, _)| k.id()).collect();
        let stored_words: Vec<&str> = verified.secrets.iter().map(|(k, _)| k.words()).collect();
        let user = verified.user.as_deref();
        if printer.json() {
            printer.print_json(&json!({
                "profile": settings.profile_name,
                "instance": self.instance.as_str(),
                "method": method_name(method),
                "grant": (method == AuthMethod::Oauth).then(|| grant_name(self.grant)),
                "user": user,
                "client_id": verified.client_id,
                "stored": stored,
                "config": path,
            }));
        }
        let who = user.map_or_else(String::new, |u| format!(" as {u}"));
        printer.result(format!(
            "{} Signed in to {}{who} ({} auth).",
            "✓".green(),
            self.instance,
            method_name(method)
        ));
        let kept = if stored_words.is_empty() {
            "Nothing stored in the OS keyring (the key stays in its file)".to_string()
        } else {
            format!(
                "Stored in the OS keyring: {}",
                crate::steps::and_list(&stored_words)
            )
        };
        printer.result(format!(
            "  {kept}. Profile `{}` saved in {}.",
            settings.profile_name,
            path.display()
        ));
        if let Some(minted) = self.minted {
            printer.result(format!("  {}", super::radar::describe(minted)));
        }
    }
}

/// The user name a later run signs in as: the one the instance named, else the client's.
fn user_of(verified: &VerifiedSignIn) -> String {
    verified
        .user
        .clone()
        .unwrap_or_else(|| verified.client.user().to_string())
}

fn grant_name(grant: GrantChoice) -> &'static str {
    match grant {
        GrantChoice::Password => "password",
        GrantChoice::Browser => "browser",
        GrantChoice::Token => "token",
    }
}

/// The error of a sign-in whose secrets the keyring did not take: what happened, and the
/// variables that carry those secrets instead.
pub(super) fn keyring_write_failed(
    e: &KeyringError,
    verified: &VerifiedSignIn,
    outcome: &str,
) -> Error {
    let kinds: Vec<SecretKind> = verified.secrets.iter().map(|(k, _)| *k).collect();
    Error::new(
        ErrorKind::WriteFailed,
        format!("the credentials work, but {e}: {outcome}"),
    )
    .with_hint(credentials::env_hint(&kinds))
    .with_source(e.clone())
}

/// The client certificate, proven with one read; its paths go in the profile, nothing in the
/// keyring.
async fn login_certificate(settings: &Settings, instance: &InstanceUrl) -> Result<VerifiedSignIn> {
    let identity = settings.client_identity()?;
    let client = settings.client(
        instance.clone(),
        crate::servicenow::Auth::Certificate {
            user: settings.username(),
            identity,
        },
    )?;
    let found = crate::steps::auth::whoami(&client)
        .await
        .map_err(super::sign_in::sign_in_failed)?;
    Ok(VerifiedSignIn {
        user: settings.username().or(found),
        client_id: None,
        secrets: Vec::new(),
        client,
        tokens: None,
        lifespan: None,
    })
}

/// The API key from the environment, `--password-stdin` or a prompt, proven with one read.
async fn login_api_key(settings: &Settings, instance: &InstanceUrl) -> Result<VerifiedSignIn> {
    let secrets = settings.secrets(instance, SecretKind::ApiKey, false);
    let (key, _) = secrets.require(
        SecretKind::ApiKey,
        &format!(
            "API key for {instance} (System Web Services → API Access Policies → REST API Key)"
        ),
        None,
    )?;
    super::sign_in::verify_api_key(settings, instance, settings.username(), key).await
}

async fn login_basic(settings: &Settings, instance: &InstanceUrl) -> Result<VerifiedSignIn> {
    let user = settings.require_username(instance)?;
    let secrets = settings.secrets(instance, SecretKind::Password, false);
    let (password, _) = secrets.require(
        SecretKind::Password,
        &format!("Password for {user} at {instance}"),
        None,
    )?;
    verify_basic(settings, instance, user, password).await
}

pub(super) async fn login_oauth(
    settings: &Settings,
    instance: &InstanceUrl,
    grant: GrantChoice,
    args: &LoginArgs,
    printer: &Printer,
    use_keyring: bool,
) -> Result<VerifiedSignIn> {
    let client_id = settings.require_client_id(instance)?;
    let stdin_kind = match grant {
        GrantChoice::Password => SecretKind::Password,
        GrantChoice::Token => SecretKind::RefreshToken,
        GrantChoice::Browser => SecretKind::ClientSecret,
    };
    let secrets = settings.secrets(instance, stdin_kind, use_keyring);
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
