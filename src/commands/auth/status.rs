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

/// One secret the sign-in method needs, and where it was found (if it was).
type Found = (SecretKind, Option<(SecretString, SecretSource)>);

/// Every setting `auth status` shows, each with where it came from.
struct Shown<'a> {
    method: AuthMethod,
    method_source: &'static str,
    instance: Option<InstanceUrl>,
    instance_source: &'a str,
    user: Option<String>,
    user_source: &'a str,
    client_id: Option<String>,
    client_id_source: &'a str,
    login: String,
    found: Vec<Found>,
    keyring_error: Option<KeyringError>,
}

/// What `auth status` concludes, for both the JSON document and the lines.
struct Conclusion {
    works: bool,
    user: Option<String>,
    admin: Option<bool>,
    error: Option<String>,
    fix: Option<String>,
    exit: ExitStatus,
}

pub(super) async fn status(settings: &Settings, printer: &Printer) -> Result<ExitStatus> {
    let mut shown = gather(settings)?;
    let missing = missing(&shown);
    let verdict = if missing.is_empty() {
        Some(ask(settings, &shown).await?)
    } else {
        None
    };
    let conclusion = conclude(&shown, verdict.as_ref(), &missing);
    if let (Some(Verdict::Works { user: Some(_), .. }), "missing") = (&verdict, shown.user_source) {
        shown.user_source = "instance";
    }
    if printer.json() {
        print_json(settings, printer, &shown, &missing, &conclusion);
    }
    print_lines(
        settings,
        printer,
        &shown,
        verdict.as_ref(),
        &missing,
        &conclusion,
    );
    Ok(conclusion.exit)
}

/// Reads every setting and looks up the secrets the sign-in method needs.
fn gather(settings: &Settings) -> Result<Shown<'_>> {
    let method = settings.method();
    let resolved = &settings.resolved;
    let source = |r: Option<&Resolved<String>>| r.map_or("missing", |r| r.source.name());
    let instance = settings.instance_if_known()?;
    let kinds: &[SecretKind] = match method {
        AuthMethod::Basic => &[SecretKind::Password],
        AuthMethod::Oauth => &[SecretKind::ClientSecret, SecretKind::RefreshToken],
        AuthMethod::Apikey => &[SecretKind::ApiKey],
        // The key is a file the profile names: no secret to look up.
        AuthMethod::Mtls => &[],
    };
    let mut found: Vec<Found> = Vec::new();
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
    Ok(Shown {
        method,
        method_source: resolved.method.source.name(),
        instance_source: source(resolved.instance.as_ref()),
        instance,
        user: settings.username(),
        user_source: source(resolved.username.as_ref()),
        client_id: settings.client_id(),
        client_id_source: source(resolved.client_id.as_ref()),
        login: settings.login_command(method),
        found,
        keyring_error,
    })
}

/// What is missing, with the fix for each.
fn missing(shown: &Shown) -> Vec<(String, String)> {
    let login = &shown.login;
    let mut missing: Vec<(String, String)> = Vec::new();
    if shown.instance.is_none() {
        missing.push((
            "instance".into(),
            "pass --instance URL, set SN_HANDOFF_INSTANCE, or sign in with `sn-handoff auth login --instance URL`".into(),
        ));
    }
    if shown.method == AuthMethod::Basic && shown.user.is_none() {
        missing.push((
            "user".into(),
            "pass --username NAME or set SN_HANDOFF_USERNAME".into(),
        ));
    }
    if shown.method == AuthMethod::Oauth && shown.client_id.is_none() {
        missing.push((
            "client_id".into(),
            match shown.keyring_error {
                Some(_) => "pass --client-id ID or set SN_HANDOFF_CLIENT_ID".to_string(),
                None => format!(
                    "pass --client-id ID, set SN_HANDOFF_CLIENT_ID, or sign in with `{login}`"
                ),
            },
        ));
    }
    // The secrets that are missing, with one fix for them all (storing is no fix where the
    // keyring cannot be reached).
    let absent: Vec<SecretKind> = (shown.found.iter())
        .filter(|(_, secret)| secret.is_none() && shown.instance.is_some())
        .map(|(kind, _)| *kind)
        .collect();
    if let Some((last, rest)) = absent.split_last() {
        let names: Vec<&str> = absent.iter().map(|k| k.env()).collect();
        let set = format!("set {}", crate::steps::and_list(&names));
        let fix = match (&shown.keyring_error, rest.is_empty()) {
            (Some(_), _) => set,
            (None, true) => format!("{set} or store it with `{login}`"),
            (None, false) => format!("{set}, or store them with `{login}`"),
        };
        missing.extend(rest.iter().map(|k| (k.id().to_string(), String::new())));
        missing.push((last.id().into(), fix));
    }
    missing
}

/// Signs in with what was found and asks the instance (nothing is missing).
async fn ask(settings: &Settings, shown: &Shown<'_>) -> Result<Verdict> {
    let instance = shown.instance.clone().expect("nothing is missing");
    let secret = |kind: SecretKind| {
        (shown.found.iter())
            .find(|(k, _)| *k == kind)
            .and_then(|(_, s)| s.clone())
            .ok_or_else(|| Error::usage(format!("no {}", kind.words())))
    };
    // Only looking: a refresh token the instance rotates now is not kept.
    let keep_none = |_| -> OnRotate { Box::new(|_| {}) };
    let (auth, _) = settings.auth(
        shown.method,
        shown.user.clone(),
        shown.client_id.clone(),
        secret,
        keep_none,
        None,
    )?;
    let client = settings.client(instance, auth)?;
    Ok(probe(&client, shown.user.clone()).await)
}

/// Whether the sign-in works, who it is, and the one fix to offer.
fn conclude(shown: &Shown, verdict: Option<&Verdict>, missing: &[(String, String)]) -> Conclusion {
    let user = shown.user.clone();
    match verdict {
        None => {
            let fix = (missing.iter())
                .map(|(_, f)| f.as_str())
                .filter(|f| !f.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            Conclusion {
                works: false,
                user,
                admin: None,
                error: None,
                fix: Some(fix),
                exit: ExitStatus::Usage,
            }
        }
        Some(Verdict::Works { user: who, admin }) => {
            let shown_user = who.clone().or(user);
            let login = &shown.login;
            let fix = match (admin, &shown_user) {
                (Some(false), Some(u)) => Some(format!(
                    "give {u} the admin role (User Administration → Users → {u} → Roles), or sign in as an admin: {login}"
                )),
                _ => None,
            };
            Conclusion {
                works: true,
                user: shown_user,
                admin: *admin,
                error: None,
                fix,
                exit: ExitStatus::Success,
            }
        }
        Some(Verdict::Refused(e)) => {
            let fix = match e.kind() {
                ErrorKind::Auth => shown.login.clone(),
                _ => e.hint().unwrap_or("check the instance URL").to_string(),
            };
            Conclusion {
                works: false,
                user,
                admin: None,
                error: Some(e.message().to_string()),
                fix: Some(fix),
                exit: e.kind().into(),
            }
        }
    }
}

/// The `--json` document.
fn print_json(
    settings: &Settings,
    printer: &Printer,
    shown: &Shown,
    missing: &[(String, String)],
    c: &Conclusion,
) {
    let secrets: Vec<Value> = (shown.found.iter())
        .map(|(kind, secret)| {
            json!({
                "name": kind.id(),
                "source": secret.as_ref().map_or("missing", |(_, s)| s.name()),
                "env": settings.env_scope().names(*kind).first().copied().unwrap_or(kind.env()),
            })
        })
        .collect();
    printer.print_json(&json!({
        "profile": settings.profile_name,
        "config": settings.config_path,
        "instance": setting(shown.instance.as_ref().map(InstanceUrl::as_str), shown.instance_source),
        "method": setting(Some(method_name(shown.method)), shown.method_source),
        "user": setting(c.user.as_deref(), shown.user_source),
        "client_id": if shown.method == AuthMethod::Oauth {
            setting(shown.client_id.as_deref(), shown.client_id_source)
        } else {
            Value::Null
        },
        "secrets": secrets,
        "keyring": shown.keyring_error.as_ref().map(ToString::to_string),
        "works": c.works,
        "admin": c.admin,
        "missing": missing.iter().map(|(what, _)| what.as_str()).collect::<Vec<_>>(),
        "error": c.error,
        "fix": c.fix,
    }));
}

/// The result: on stdout (on stderr beside --json).
fn print_lines(
    settings: &Settings,
    printer: &Printer,
    shown: &Shown,
    verdict: Option<&Verdict>,
    missing: &[(String, String)],
    c: &Conclusion,
) {
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
        (settings.config_path.as_ref())
            .map(|p| format!(" ({})", p.display()))
            .unwrap_or_default()
    ));
    printer.result(row(
        "instance",
        shown.instance.as_ref().map(InstanceUrl::as_str),
        shown.instance_source,
    ));
    printer.result(row(
        "method",
        Some(method_name(shown.method)),
        shown.method_source,
    ));
    if shown.method == AuthMethod::Oauth {
        printer.result(row(
            "client id",
            shown.client_id.as_deref(),
            shown.client_id_source,
        ));
    }
    printer.result(row("user", c.user.as_deref(), shown.user_source));
    for (kind, secret) in &shown.found {
        let source = secret.as_ref().map_or("missing", |(_, s)| s.name());
        let from = match secret {
            Some((_, SecretSource::Env(name))) => format!("from {name}"),
            Some((_, s)) => format!("from {}", s.name()),
            None => "missing".to_string(),
        };
        printer.result(row(kind.words(), Some(&from), source));
    }
    if let Some(e) = &shown.keyring_error {
        printer.result(format!("  {} {}", "!".yellow(), unreachable_hint(e)));
    }
    match verdict {
        None => printer.result(format!(
            "{} missing: {}",
            "✗".red(),
            (missing.iter())
                .map(|(w, _)| w.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Some(Verdict::Works { .. }) => {
            let role = match c.admin {
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
    if let Some(fix) = &c.fix {
        printer.result(format!("  {} {fix}", "fix:".cyan()));
    }
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
