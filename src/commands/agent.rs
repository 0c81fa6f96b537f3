//! `sn-handoff agent available --agent USER` (step 6): set the agent's AWA presence to Available
//! and make them available on the Chat channel, through the AWA Agent API (see
//! `steps::agent_available::fix`). Nothing is written when they already are. A user who is not
//! an AWA agent, or an instance without Advanced Work Assignment, is exit 1 with the step that
//! fixes it; an unknown user is exit 2; a refusal is exit 3.

use colored::Colorize;
use serde_json::json;

use crate::cli::{AgentArgs, AgentCommand, StepArgs};
use crate::error::{Error, ExitStatus, Result};
use crate::settings::Settings;
use crate::state::StateFile;
use crate::steps::{agent_available, Context};
use crate::ui::escape::escape;
use crate::ui::Printer;

/// Runs `agent …`.
pub async fn run(settings: &Settings, args: &AgentArgs, printer: &Printer) -> Result<ExitStatus> {
    match &args.command {
        AgentCommand::Available(available) => {
            let opts = settings.step_options(&StepArgs {
                agent: available.agent.clone(),
                ..StepArgs::default()
            })?;
            let user = opts.agent.clone().ok_or_else(|| {
                Error::usage("no agent given and the profile names none")
                    .with_hint("give one with --agent USER (a user_name), or save it in the profile with sn-handoff init")
            })?;
            let (client, _source) = settings.connect()?;
            let _lock = StateFile::lock_for_run(settings, &client, "agent available").await?;
            let ctx = Context::new(client, opts);
            let changes = agent_available::fix(&ctx).await?;
            if printer.json() {
                printer.print_json(&json!({
                    "agent": user,
                    "presence": agent_available::AVAILABLE,
                    "chat_available": true,
                    "changed": !changes.is_empty(),
                    "changes": changes,
                }));
            }
            for line in changes.iter().flat_map(|c| c.diff_lines()) {
                printer.result(line);
            }
            printer.result(if changes.is_empty() {
                format!(
                    "{} is already Available on Chat; nothing was changed.",
                    escape(&user)
                )
            } else {
                format!("{} is now Available on Chat (verified).", escape(&user))
                    .green()
                    .to_string()
            });
            Ok(ExitStatus::Success)
        }
    }
}
