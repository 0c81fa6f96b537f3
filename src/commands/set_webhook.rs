//! `sn-handoff set-webhook URL [--dry-run] [--message NAME] [--method postMessage] [--sys-id ID]
//! [--rollback]` (docs/repairs.md): point the REST message and its method (and, on
//! Virtual Agent API 4.1 and later, the "Bot Connection") at the bot's webhook URL, changing
//! only what differs; the diff goes to stderr, `--json` prints
//! `{"changed", "dry_run", "changes"}`. The work is `steps::webhook::fix` / `rollback`.

use colored::Colorize;

use crate::cli::SetWebhookArgs;
use crate::error::{Error, ExitStatus, Result};
use crate::settings::Settings;
use crate::state::StateFile;
use crate::steps::webhook::{self, Selector, SetWebhookOutcome};
use crate::ui::escape::escape;
use crate::ui::Printer;

/// Runs `set-webhook`.
pub async fn run(
    settings: &Settings,
    args: &SetWebhookArgs,
    printer: &Printer,
) -> Result<ExitStatus> {
    let url = match (&args.url, args.rollback) {
        (Some(url), false) => Some(webhook::validate_webhook_url(url).map_err(|why| {
            Error::usage(why).with_hint(
                "give the Kore.ai webhook URL, e.g. https://bots.kore.ai/chatbot/v2/webhook/st-…",
            )
        })?),
        (None, true) => None,
        _ => return Err(Error::usage("give either the webhook URL or --rollback")),
    };
    if let Some(url) = &url {
        refuse_another_bot(settings, url, args.force)?;
    }
    if let Some(id) = &args.sys_id {
        if id.len() != 32 || !id.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Error::usage(format!(
                "--sys-id {id:?} is not a sys_id (32 hexadecimal digits)"
            )));
        }
    }
    if args.message.as_deref().is_some_and(|m| m.trim().is_empty()) {
        return Err(Error::usage("--message is empty"));
    }
    if args.method.trim().is_empty() {
        return Err(Error::usage("--method is empty"));
    }
    let (client, _source) = settings.connect()?;
    let state = StateFile::for_run(settings, &client);
    let _lock = if args.dry_run {
        None
    } else {
        let command = if args.rollback {
            "set-webhook --rollback"
        } else {
            "set-webhook"
        };
        StateFile::lock_for_run(settings, &client, command).await?
    };
    let outcome = match url {
        Some(url) => {
            let sel = Selector {
                names: match &args.message {
                    Some(name) => vec![name.clone()],
                    None => Selector::default().names,
                },
                method: args.method.clone(),
                sys_id: args.sys_id.as_ref().map(|id| id.to_ascii_lowercase()),
            };
            webhook::fix(&client, &sel, &url, args.dry_run, state.as_ref()).await?
        }
        None => {
            let Some(state) = state.as_ref() else {
                return Err(Error::usage(if !settings.saves() {
                    "nothing to roll back: --demo keeps no set-webhook history (its instance is served on a new port each run); use `sn-handoff demo` for that"
                } else {
                    "nothing to roll back: neither XDG_STATE_HOME nor HOME is set"
                }));
            };
            webhook::rollback(&client, state, args.dry_run, args.force).await?
        }
    };
    let profile_note = match (&args.url, args.dry_run) {
        (Some(url), false) => remember_in_profile(settings, url)?,
        (None, false) => rolled_back_in_profile(settings, &outcome)?,
        _ => None,
    };
    if printer.json() {
        printer.print_json(&outcome.to_json());
    }
    print_human(printer, &outcome, args.rollback, state.as_ref());
    if let Some(note) = profile_note {
        printer.line(note);
    }
    Ok(ExitStatus::Success)
}

/// A URL that names another Kore.ai bot than the configured one is refused (exit 2) unless
/// `--force`: ServiceNow would post the agent's replies to a bot that never handed the
/// conversation over.
fn refuse_another_bot(settings: &Settings, url: &str, force: bool) -> Result<()> {
    let Some(bot) = crate::kore::settings::configured_bot(settings) else {
        return Ok(());
    };
    match webhook::bot_id_in(url) {
        Some(id) if !id.eq_ignore_ascii_case(&bot.id) && !force => Err(Error::usage(format!(
            "the URL names Kore.ai bot {id}, but the configured bot is {} (from {}): nothing was written",
            bot.id, bot.from
        ))
        .with_hint(format!(
            "give the webhook URL of bot {} (App Settings > Channels > Webhook in the XO Platform), configure bot {id} instead, or pass --force to set it anyway",
            bot.id
        ))),
        _ => Ok(()),
    }
}

/// After `--rollback`: when the profile expects the URL just rolled back, it expects the
/// restored one (or, when that is a placeholder, none), so that a bare `check` and its fix do
/// not put the rolled-back URL back. Says so.
fn rolled_back_in_profile(
    settings: &Settings,
    outcome: &SetWebhookOutcome,
) -> Result<Option<String>> {
    let Some(held) = settings.profile.webhook_url.as_deref() else {
        return Ok(None);
    };
    let Some(change) = outcome.changes.iter().find(|c| c.before == held) else {
        return Ok(None);
    };
    let restored = (!webhook::is_placeholder(&change.after)
        && webhook::validate_webhook_url(&change.after).is_ok())
    .then_some(change.after.as_str());
    let Some(path) = crate::config::config_path(settings.global.config.as_deref()) else {
        return Ok(None);
    };
    crate::config::update_profile(&path, &settings.profile_name, &[("webhook_url", restored)])?;
    Ok(Some(match restored {
        Some(url) => format!(
            "The profile \"{}\" now expects {url} again (webhook_url in {}), as before the rolled-back set-webhook.",
            settings.profile_name,
            path.display()
        ),
        None => format!(
            "The profile \"{}\" no longer expects a webhook URL (webhook_url removed from {}): the restored value is a placeholder.",
            settings.profile_name,
            path.display()
        ),
    }))
}

/// After `set-webhook URL`, the profile in use expects URL (so that a later bare `check` does
/// not ask for the old one back); says so. No profile in use (no config file, or no such
/// profile in it), `--demo`, or a profile that already holds URL: nothing is written.
fn remember_in_profile(settings: &Settings, url: &str) -> Result<Option<String>> {
    if settings.demo.is_some() || settings.profile.webhook_url.as_deref() == Some(url) {
        return Ok(None);
    }
    let Some(path) = settings.config_path.clone() else {
        return Ok(None);
    };
    let config = crate::config::Config::load(Some(&path))?;
    if !config.profiles.contains_key(&settings.profile_name) {
        return Ok(None);
    }
    crate::config::update_profile(&path, &settings.profile_name, &[("webhook_url", Some(url))])?;
    Ok(Some(format!(
        "The profile \"{}\" now expects this URL (webhook_url in {}), so `sn-handoff check` checks it.",
        settings.profile_name,
        path.display()
    )))
}

fn print_human(
    printer: &Printer,
    outcome: &SetWebhookOutcome,
    rollback: bool,
    state: Option<&StateFile>,
) {
    printer.result(format!("{} {}", "Found".bold(), escape(&outcome.found)));
    for note in &outcome.notes {
        printer.result(format!("{} {}", "note:".yellow(), escape(note)));
    }
    for line in outcome.changes.iter().flat_map(|c| c.diff_lines()) {
        printer.result(line);
    }
    let n = outcome.changes.len();
    let fields = if n == 1 { "field" } else { "fields" };
    let line = if n == 0 {
        if rollback {
            "Nothing to restore: the saved values are in place; nothing was written.".to_string()
        } else {
            "Nothing to change: everything already points at the URL; nothing was written."
                .to_string()
        }
    } else if outcome.dry_run {
        format!("Would change {n} {fields} (--dry-run: nothing was written).")
    } else if rollback {
        format!("Restored {n} {fields}, read back and verified.")
    } else {
        match state {
            Some(file) => format!(
                "Changed {n} {fields}, read back and verified. The previous values are saved in {}; `sn-handoff set-webhook --rollback` restores them.",
                file.path().display()
            ),
            None => format!("Changed {n} {fields}, read back and verified."),
        }
    };
    printer.result(if n > 0 && !outcome.dry_run {
        line.green().to_string()
    } else {
        line
    });
}
