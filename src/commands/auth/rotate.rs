//! `auth rotate`: mint a new OAuth refresh token (the password grant, or the browser grant),
//! store it in the OS keyring in place of the old one, record when (the expiry radar), and
//! with Kore.ai settings push it into the bot's ServiceNow integration (`kore connect`), so
//! that the hand-off does not stop when the old one expires.

use colored::Colorize;
use secrecy::SecretString;
use serde_json::json;

use super::login::{keyring_write_failed, login_oauth};
use super::sign_in::store_all;
use super::{radar, refuse_demo};
use crate::cli::{AuthMethod, Grant as GrantChoice, LoginArgs};
use crate::error::{Error, ExitStatus, Result};
use crate::keystore::{self, SecretKind};
use crate::kore::connect::{self, Plan, Published, ServiceNowAuth};
use crate::kore::{KoreClient, KoreSettings};
use crate::servicenow::InstanceUrl;
use crate::settings::Settings;
use crate::ui::Printer;

pub(super) async fn rotate(
    settings: &Settings,
    args: &LoginArgs,
    printer: &Printer,
) -> Result<ExitStatus> {
    refuse_demo(settings, "rotate")?;
    // A signal stops at a safe point and says what was changed (the journal's handling).
    crate::journal::arm();
    let grant = grant(settings, args)?;
    let instance = settings.instance()?;
    // The client secret stays the stored one (never the password: it is exchanged once).
    let verified = login_oauth(settings, &instance, grant, args, printer, true).await?;
    let client_id = verified.client_id.clone().unwrap_or_default();
    let secrets = settings.secrets(&instance, SecretKind::Password, false);
    store_all(&keystore::OsKeyring, &secrets, &verified.secrets).map_err(|e| {
        keyring_write_failed(
            &e,
            &verified,
            "the old refresh token is still the stored one",
        )
    })?;
    let minted = radar::record(settings, &verified.client, &client_id, verified.lifespan).await;
    printer.result(format!(
        "{} New refresh token for {client_id} at {instance} stored in the OS keyring.",
        "✓".green()
    ));
    if let Some(minted) = &minted {
        printer.result(format!("  {}", radar::describe(minted)));
    }
    let mut pushed = false;
    let mut exit = ExitStatus::Success;
    if KoreSettings::present(settings) {
        exit = push_to_kore(settings, &instance, &client_id, &verified.secrets, printer).await?;
        pushed = true;
    }
    if printer.json() {
        printer.print_json(&json!({
            "profile": settings.profile_name,
            "instance": instance.as_str(),
            "client_id": client_id,
            "stored": ["client_secret", "refresh_token"],
            "minted_at": minted.as_ref().map(|m| m.minted_at),
            "expires_at": minted.as_ref().map(|m| m.expires_at()),
            "lifespan_source": minted.as_ref().map(|m| m.lifespan_source.clone()),
            "pushed_to_kore": pushed,
        }));
    }
    Ok(exit)
}

/// The grant that mints the new token: refuses a profile that signs in with basic auth and
/// `--grant token` (a token someone else minted); without `--grant`, the browser when
/// interactive, the password otherwise.
fn grant(settings: &Settings, args: &LoginArgs) -> Result<GrantChoice> {
    if settings.method() != AuthMethod::Oauth {
        return Err(Error::usage(
            "`auth rotate` mints an OAuth refresh token, and this profile signs in with basic auth",
        )
        .with_hint("sign in with OAuth first: sn-handoff auth login --auth oauth"));
    }
    Ok(match args.grant {
        Some(GrantChoice::Token) => {
            return Err(Error::usage(
                "--grant token takes a refresh token someone else minted: `auth rotate` mints one with --grant password or --grant browser",
            ))
        }
        Some(grant) => grant,
        None if settings.interactive => GrantChoice::Browser,
        None => GrantChoice::Password,
    })
}

/// Pushes the new token into the bot's ServiceNow integration (after it is stored, so an
/// error says it is) and publishes when Kore.ai says a publish is needed: decides the exit.
async fn push_to_kore(
    settings: &Settings,
    instance: &InstanceUrl,
    client_id: &str,
    secrets: &[(SecretKind, SecretString)],
    printer: &Printer,
) -> Result<ExitStatus> {
    let kore = KoreSettings::resolve(settings)?;
    let client = kore.client(settings)?;
    let plan = Plan {
        instance: instance.clone(),
        auth: ServiceNowAuth::from_verified(AuthMethod::Oauth, None, Some(client_id), secrets)?,
        queue_id: None,
        set_default: true,
    };
    // The integration now names this instance: recorded as `kore connect` records it.
    let outcome = connect::connect(&client, &plan, settings.saves())
        .await
        .map_err(|e| {
            let hint = "the new token is stored; push it with `sn-handoff kore connect --publish`";
            Error::new(
                e.kind(),
                format!(
                    // Not "did not take it": a write whose answer was lost or a 500 may have
                    // been carried out, and the error says which.
                    "the new refresh token is stored; pushing it to Kore.ai ended in an error: {}",
                    e.message()
                ),
            )
            .with_hint(hint)
        })?;
    printer.result(format!(
        "{} Pushed to Kore.ai bot {} at {} ({}).",
        "✓".green(),
        kore.bot_id,
        kore.host,
        outcome.integration_method
    ));
    if !outcome.requires_publish {
        return Ok(ExitStatus::Success);
    }
    // The bot runs its last published configuration: publish, so the new token is used.
    Ok(publish(&client, printer).await)
}

/// Publishes the bot and waits up to 10 minutes: decides the exit (the publish's trouble,
/// when it was not seen to end well, is a warning and exit 5 or the error's own).
async fn publish(client: &KoreClient, printer: &Printer) -> ExitStatus {
    let spinner = printer.spinner("Publishing the bot");
    let published =
        connect::publish_and_wait(client, std::time::Duration::from_secs(600), true, |_| {}).await;
    spinner.finish_and_clear();
    let trouble = match published {
        Ok(Published::Done) => None,
        Ok(Published::Failed(problems)) if problems.is_empty() => {
            Some((ExitStatus::WriteFailed, "it failed".to_string()))
        }
        Ok(Published::Failed(problems)) => Some((
            ExitStatus::WriteFailed,
            format!("it failed: {}", problems.join(", ")),
        )),
        Ok(Published::TimedOut { .. }) => Some((
            ExitStatus::WriteFailed,
            "it was still running after 10 minutes; it goes on in Kore.ai".to_string(),
        )),
        Err(e) => Some((e.kind().into(), e.message().to_string())),
    };
    match trouble {
        None => {
            printer.result(format!("{} Published", "✓".green()));
            ExitStatus::Success
        }
        Some((status, why)) => {
            printer.line(format!(
                "{} the publish was not seen to end well ({why}): run `sn-handoff kore connect --publish`, or publish in the XO Platform",
                "!".yellow().bold()
            ));
            status
        }
    }
}
