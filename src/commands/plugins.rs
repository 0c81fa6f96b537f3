//! `sn-handoff plugins [--activate] [--deadline MIN]`: the five plugins of step 3 with their
//! state; `--activate` activates the inactive ones (see `steps::plugins::fix`), shows their
//! progress, and stops watching at the deadline with exit 5 and the command that resumes.
//! Listing exits 1 when one is inactive, like `check`.

use colored::Colorize;
use serde_json::{json, Value};

use crate::cli::PluginsArgs;
use crate::error::{ExitStatus, Result};
use crate::settings::Settings;
use crate::state::StateFile;
use crate::steps::backoff::Backoff;
use crate::steps::plugins::{
    self, ActivateOptions, Activation, ActivationOutcome, Kind, PluginState,
};
use crate::ui::escape::escape;
use crate::ui::progress::ActivationView;
use crate::ui::Printer;

/// Runs `plugins`.
pub async fn run(settings: &Settings, args: &PluginsArgs, printer: &Printer) -> Result<ExitStatus> {
    let (client, _source) = settings.connect()?;
    if !args.activate {
        let spinner = printer.spinner(&format!("Reading plugins of {}", client.instance()));
        let states = plugins::read(&client).await;
        spinner.finish_and_clear();
        let states = states?;
        let rows: Vec<(PluginState, Option<ActivationOutcome>)> =
            states.into_iter().map(|s| (s, None)).collect();
        print(printer, client.instance().as_str(), &rows);
        let inactive = rows.iter().filter(|(s, _)| !s.active).count();
        if inactive > 0 {
            printer.result(format!(
                "{inactive} of 5 inactive; activate them with: sn-handoff plugins --activate"
            ));
            return Ok(ExitStatus::StepsFailed);
        }
        return Ok(ExitStatus::Success);
    }
    let state = StateFile::for_run(settings, &client);
    let _lock = StateFile::lock_for_run(settings, &client, "plugins --activate").await?;
    let opts = ActivateOptions {
        deadline: args.deadline,
        backoff: Backoff::from_env(),
    };
    let view = ActivationView::new(printer);
    let activations = plugins::fix(&client, &opts, None, state.as_ref(), &view).await?;
    let rows: Vec<(PluginState, Option<ActivationOutcome>)> = activations
        .iter()
        .map(|a| (a.state.clone(), Some(a.outcome.clone())))
        .collect();
    print(printer, client.instance().as_str(), &rows);
    match plugins::verdict(&activations, &resume_command(settings)) {
        None => {
            let activated = count(&activations, |o| *o == ActivationOutcome::Activated);
            printer.result(if activated == 0 {
                "All five were active already; nothing was changed.".to_string()
            } else {
                format!("Activated {activated}; all five are active.")
            });
            Ok(ExitStatus::Success)
        }
        Some(err) => Err(err),
    }
}

fn count(activations: &[Activation], pred: impl Fn(&ActivationOutcome) -> bool) -> usize {
    activations.iter().filter(|a| pred(&a.outcome)).count()
}

/// The command that watches unfinished activations again (same profile).
pub fn resume_command(settings: &Settings) -> String {
    settings
        .invocation()
        .command("plugins --activate")
        .to_string()
}

fn outcome_name(outcome: &ActivationOutcome) -> &'static str {
    match outcome {
        ActivationOutcome::AlreadyActive => "already_active",
        ActivationOutcome::Activated => "activated",
        ActivationOutcome::Failed { .. } => "failed",
        ActivationOutcome::TimedOut { .. } => "timed_out",
    }
}

/// The JSON entry of one plugin.
pub fn to_json(state: &PluginState, outcome: Option<&ActivationOutcome>) -> Value {
    let mut entry = json!({
        "id": state.def.id,
        "name": state.def.name,
        "kind": match state.def.kind { Kind::Plugin => "plugin", Kind::StoreApp => "store_app" },
        "state": if state.active { "active" } else { "inactive" },
        "active": state.active,
        "version": state.version,
    });
    if let Some(outcome) = outcome {
        entry["outcome"] = json!(outcome_name(outcome));
        let message = match outcome {
            ActivationOutcome::Failed { why, .. } => Some(why.clone()),
            ActivationOutcome::TimedOut { last, progress_id } => {
                Some(format!("{last} (progress id {progress_id})"))
            }
            _ => None,
        };
        entry["message"] = json!(message);
    }
    entry
}

fn print(printer: &Printer, instance: &str, rows: &[(PluginState, Option<ActivationOutcome>)]) {
    if printer.json() {
        let changed = rows
            .iter()
            .any(|(_, o)| matches!(o, Some(ActivationOutcome::Activated)));
        let list: Vec<Value> = rows.iter().map(|(s, o)| to_json(s, o.as_ref())).collect();
        let mut doc = json!({"instance": instance, "plugins": list});
        if rows.iter().any(|(_, o)| o.is_some()) {
            doc["changed"] = json!(changed);
        }
        printer.print_json(&doc);
    }
    printer.result(format!("{} {instance}", "Plugins of".bold()));
    for (s, outcome) in rows {
        let mark = if s.active {
            "✓ active  ".green()
        } else {
            "✗ inactive".red().bold()
        };
        let kind = match s.def.kind {
            Kind::Plugin => "plugin",
            Kind::StoreApp => "store app",
        };
        let note = match outcome {
            Some(ActivationOutcome::Activated) => "  activated now".green().to_string(),
            Some(ActivationOutcome::Failed { .. }) => format!("  {}", "failed (see below)".red()),
            Some(ActivationOutcome::TimedOut { last, .. }) => {
                format!(
                    "  {}",
                    format!("still {} at the deadline", escape(last)).yellow()
                )
            }
            _ => String::new(),
        };
        printer.result(format!(
            "{mark}  {:<38} {:<24} {:<9} {:<8}{note}",
            s.def.name,
            s.def.id,
            kind,
            escape(s.version.as_deref().unwrap_or("-"))
        ));
    }
}
