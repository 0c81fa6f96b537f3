//! Steps 3 to 6 of the guide: each read, explained, fixed on request and read again.

use colored::Colorize;
use serde_json::json;

use super::{mark, Wizard};
use crate::commands::fix::{self, Repair};
use crate::error::Result;
use crate::servicenow::Client;
use crate::steps::{
    agent_available, group_members, group_roles, plugins, webhook, Context, Status, StepId,
    StepOptions, StepReport,
};

/// One sentence per step: why the guide asks for it.
pub(super) fn why(id: StepId) -> &'static str {
    match id {
        StepId::Instance => "sn-handoff works through the instance's REST APIs.",
        StepId::Auth => "Every read and repair is made as this user, who needs the admin role.",
        StepId::Plugins => "Virtual Agent, its bot-to-bot API and Advanced Work Assignment come with these five; without them there is nothing to hand a chat to.",
        StepId::GroupRoles => "Advanced Work Assignment routes chats only to groups with awa_agent, and Agent Workspace needs agent_workspace_user.",
        StepId::GroupMembers => "Handed-over chats reach only the agents of this group.",
        StepId::Webhook => "ServiceNow posts the agent's replies to this URL; until it is the bot's webhook, the bot never hears them.",
        StepId::AgentAvailable => "Chats are routed only to an agent who is Available on the Chat channel.",
        StepId::AgentChat
        | StepId::ReplyUrl
        | StepId::Provider
        | StepId::LiveAgentChannel
        | StepId::Routing => "A handoff needs it too, though the guide leaves it out (see check --deep).",
    }
}

impl Wizard<'_> {
    pub(super) async fn read(&self, client: &Client, opts: &StepOptions, id: StepId) -> StepReport {
        let ctx = Context::new(client.clone(), opts.clone());
        let read = match id {
            StepId::Plugins => plugins::read(client).await.map(|s| plugins::report(&s)),
            StepId::GroupRoles => group_roles::check(&ctx).await,
            StepId::GroupMembers => group_members::check(&ctx).await,
            StepId::Webhook => webhook::check(&ctx).await,
            StepId::AgentAvailable => agent_available::check(&ctx).await,
            StepId::Instance | StepId::Auth => unreachable!("read before the steps"),
            StepId::AgentChat
            | StepId::ReplyUrl
            | StepId::Provider
            | StepId::LiveAgentChannel
            | StepId::Routing => unreachable!("the wizard takes the guide's steps"),
        };
        read.unwrap_or_else(|e| {
            let fix = e
                .hint()
                .unwrap_or_else(|| "run init again; if it keeps failing, run it with -v".into());
            StepReport::fail(id, format!("could not read: {e}"), json!({}), fix)
        })
    }

    pub(super) async fn step(
        &mut self,
        client: &Client,
        opts: &mut StepOptions,
        id: StepId,
    ) -> Result<()> {
        if opts.skip.contains(&id) {
            self.step_line(&StepReport::skip(id, "skipped with --skip"));
            return Ok(());
        }
        let needs_agent = matches!(id, StepId::GroupMembers | StepId::AgentAvailable);
        let mut report = if needs_agent && opts.agent.is_none() {
            let members = self.members(client, opts).await;
            let agent = self.choose_agent(client, opts, &members).await?;
            opts.agent = Some(agent);
            self.save(&[
                ("group", Some(&opts.group)),
                ("agent", opts.agent.as_deref()),
            ])?;
            self.read(client, opts, id).await
        } else {
            self.read(client, opts, id).await
        };
        // Whether the step's state and why were shown already (before a question).
        let mut shown = false;
        if id == StepId::Webhook {
            (report, shown) = self.webhook_url(client, opts, report).await?;
        }
        match report.status {
            Status::Pass | Status::Warn | Status::Skip => {
                self.step_line(&report);
                return Ok(());
            }
            Status::Fail => {}
        }
        if !shown {
            self.step_line(&report);
            self.line(format!("  {}", why(id).dimmed()));
        }
        let fix_command = report.fix.clone().unwrap_or_default();
        if !fix_command.starts_with("sn-handoff") {
            // Nothing sn-handoff can do: the manual action.
            self.line(format!("  {} {fix_command}", "to do:".cyan()));
            return Ok(());
        }
        if !self.prompter.confirm("Fix now?", true)? {
            self.line(format!(
                "  {} left as it is; to fix it later: {fix_command}",
                mark(Status::Skip)
            ));
            return Ok(());
        }
        let ctx = Context::new(client.clone(), opts.clone());
        let state = self.state_file(client);
        let repair = {
            let _lock = match &state {
                Some(file) => Some(file.lock().await?),
                None => None,
            };
            let spinner = match id {
                // The plugins show a bar each.
                StepId::Plugins => indicatif::ProgressBar::hidden(),
                _ => self.printer.spinner(&format!("Fixing {}", id.as_str())),
            };
            let repair =
                fix::repair(&ctx, id, self.args.deadline, state.as_ref(), self.printer).await;
            spinner.finish_and_clear();
            repair
        };
        let after = self.read(client, opts, id).await;
        match repair {
            Repair::Fixed(how) => {
                if after.status != Status::Fail {
                    self.line(format!(
                        "{} {:<16} {} {}",
                        mark(Status::Pass),
                        id.as_str(),
                        after.summary,
                        "(fixed)".green()
                    ));
                    self.changes.push(format!("{}: {how}", id.as_str()));
                    return Ok(());
                }
                self.line(format!(
                    "{} {:<16} still failing after the fix: {}",
                    mark(Status::Fail),
                    id.as_str(),
                    after.summary
                ));
            }
            Repair::Needs(what) => {
                self.line(format!("{} {:<16} {what}", mark(Status::Skip), id.as_str()));
            }
            Repair::Failed(e) => {
                self.line(format!(
                    "{} {:<16} the fix failed: {e}",
                    mark(Status::Fail),
                    id.as_str()
                ));
                if let Some(hint) = e.hint() {
                    self.line(format!("  {} {hint}", "hint:".cyan()));
                }
            }
        }
        if let Some(fix) = &after.fix {
            self.line(format!("  {} {fix}", "fix:".cyan()));
        }
        Ok(())
    }
}
