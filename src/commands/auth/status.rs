//! `auth status`: where each setting and secret comes from, and whether they work.

use colored::Colorize;
use secrecy::SecretString;
use serde_json::{json, Value};

use super::method_name;
use crate::cli::AuthMethod;
use crate::credentials::{unreachable_hint, SecretSource};
use crate::error::{Error, ErrorKind, ExitStatus, Result};
use crate::keystore::{KeyringError, SecretKind};
use crate::servicenow::oauth::OnRotate;
use crate::servicenow::{Client, InstanceUrl};
use crate::settings::{Resolved, Settings};
use crate::steps::auth::{has_admin, whoami};
use crate::ui::Printer;
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

pub(super) async fn status(settings: &Settings, printer: &Printer) -> Result<ExitStatus> {
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
        AuthMethod::Apikey => &[SecretKind::ApiKey],
        // The key is a file the profile names: no secret to look up.
        AuthMethod::Mtls => &[],
    };
    let mut found: Vec<(SecretKind, Option<(SecretString, SecretSource)>)> = Vec::new();
    let mut keyring_error: Option<KeyringError> = None;
    match &instance {
        Some(instance) => {
            let secrets = settings.connection_secrets(instance);
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
            match keyring_error {
                Some(_) => "pass --client-id ID or set SN_HANDOFF_CLIENT_ID".to_string(),
                None => format!(
                    "pass --client-id ID, set SN_HANDOFF_CLIENT_ID, or sign in with `{login}`"
                ),
            },
        ));
    }
    // The secrets that are missing, with one fix for them all (storing is no fix where the
    // keyring cannot be reached).
    let absent: Vec<SecretKind> = found
        .iter()
        .filter(|(_, secret)| secret.is_none() && instance.is_some())
        .map(|(kind, _)| *kind)
        .collect();
    if let Some((last, rest)) = absent.split_last() {
        let names: Vec<&str> = absent.iter().map(|k| k.env()).collect();
        let set = format!("set {}", crate::steps::and_list(&names));
        let fix = match (&keyring_error, rest.is_empty()) {
            (Some(_), _) => set,
            (None, true) => format!("{set} or store it with `{login}`"),
            (None, false) => format!("{set}, or store them with `{login}`"),
        };
        missing.extend(rest.iter().map(|k| (k.id().to_string(), String::new())));
        missing.push((last.id().into(), fix));
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
        let (auth, _) = settings.auth(
            method,
            user.clone(),
            client_id.clone(),
            secret,
            keep_none,
            None,
        )?;
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
                "env": settings.env_scope().names(*kind).first().copied().unwrap_or(kind.env()),
            })
        })
        .collect();
    let (works, shown_user, admin, error, fix, exit) = match &verdict {
        None => {
            let fix = missing
                .iter()
                .map(|(_, f)| f.as_str())
                .filter(|f| !f.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            (
                false,
                user.clone(),
                None,
                None,
                Some(fix),
                ExitStatus::Usage,
            )
        }
        Some(Verdict::Works { user: who, admin }) => {
            let shown = who.clone().or(user.clone());
            let fix = match (admin, &shown) {
                (Some(false), Some(u)) => Some(format!(
                    "give {u} the admin role (User Administration → Users → {u} → Roles), or sign in as an admin: {login}"
                )),
                _ => None,
            };
            (true, shown, *admin, None, fix, ExitStatus::Success)
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
                e.kind().into(),
            )
        }
    };
    let user_source = match (&verdict, user_source) {
        (Some(Verdict::Works { user: Some(_), .. }), "missing") => "instance",
        (_, source) => source,
    };

    if printer.json() {
        let config = settings.config_path.clone();
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

    // The result: on stdout (on stderr beside --json).
    let row = |label: &str, value: Option<&str>, source: &str| {
        format!(
            "  {label:<14} {:<44} {}",
            value.unwrap_or("—"),
            format!("({source})").dimmed()
        )
    };
    printer.result(format!(
        "Profile {}{}",
        settings.profile_name.bold(),
        settings
            .config_path
            .clone()
            .map(|p| format!(" ({})", p.display()))
            .unwrap_or_default()
    ));
    printer.result(row(
        "instance",
        instance.as_ref().map(InstanceUrl::as_str),
        instance_source,
    ));
    printer.result(row("method", Some(method_name(method)), method_source));
    if method == AuthMethod::Oauth {
        printer.result(row("client id", client_id.as_deref(), client_id_source));
    }
    printer.result(row("user", shown_user.as_deref(), user_source));
    for (kind, secret) in &found {
        let source = secret.as_ref().map_or("missing", |(_, s)| s.name());
        let shown = match secret {
            Some((_, SecretSource::Env(name))) => format!("from {name}"),
            Some((_, s)) => format!("from {}", s.name()),
            None => "missing".to_string(),
        };
        printer.result(row(kind.words(), Some(&shown), source));
    }
    if let Some(e) = &keyring_error {
        printer.result(format!("  {} {}", "!".yellow(), unreachable_hint(e)));
    }
    match &verdict {
        None => printer.result(format!(
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
            printer.result(format!("{} the credentials work, {role}", "✓".green()));
        }
        Some(Verdict::Refused(e)) => {
            printer.result(format!("{} {}", "✗".red(), e.message()));
        }
    }
    if let Some(fix) = &fix {
        printer.result(format!("  {} {fix}", "fix:".cyan()));
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
