//! `auth login`: sign in from flags, environment and profile (or stdin), then keep it.

use colored::Colorize;
use serde_json::json;

use super::sign_in::{
    browser_code, profile_changes, store_all, verify_basic, verify_oauth, Verified,
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
        None if std::env::var_os(SecretKind::RefreshToken.env()).is_some_and(|v| !v.is_empty()) => {
            GrantChoice::Token
        }
        None => {
            return Err(Error::usage(
                "which OAuth grant? pass --grant password|browser|token (prompts are off, so the browser sign-in is not the default)",
            ))
        }
    };
    let verified = match method {
        AuthMethod::Basic => login_basic(settings, &instance).await?,
        AuthMethod::Oauth => login_oauth(settings, &instance, grant, args, printer, false).await?,
    };

    // Proven: store the secrets, then the profile.
    let secrets = settings.secrets(&instance, SecretKind::Password, false);
    store_all(&keystore::OsKeyring, &secrets, &verified.secrets)
        .map_err(|e| keyring_write_failed(&e, &verified, "nothing was stored"))?;
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

    // A refresh token minted here (not one given with --grant token): the expiry radar. It
    // counts from this minting and is never moved by a refresh: ServiceNow extends a refresh
    // token's expiry only on a grant that is not `refresh_token` (KB0791140, "Managing OAuth
    // Tokens in ServiceNow"), and a refresh that answers with the same refresh token leaves its
    // expiry where it was.
    let minted = match (&verified.client_id, grant) {
        (Some(client_id), GrantChoice::Password | GrantChoice::Browser) => {
            super::radar::record(settings, &verified.client, client_id).await
        }
        _ => None,
    };
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
    if let Some(minted) = &minted {
        printer.line(format!("  {}", super::radar::describe(minted)));
    }
    Ok(ExitStatus::Success)
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
pub(super) fn keyring_write_failed(e: &KeyringError, verified: &Verified, outcome: &str) -> Error {
    let kinds: Vec<SecretKind> = verified.secrets.iter().map(|(k, _)| *k).collect();
    Error::new(
        ErrorKind::WriteFailed,
        format!("the credentials work, but {e}: {outcome}"),
    )
    .with_hint(credentials::env_hint(&kinds))
    .with_source(e.clone())
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

pub(super) async fn login_oauth(
    settings: &Settings,
    instance: &InstanceUrl,
    grant: GrantChoice,
    args: &LoginArgs,
    printer: &Printer,
    use_keyring: bool,
) -> Result<Verified> {
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
