//! Steps 3 to 6 of the guide: each read, explained, fixed on request and read again.

use colored::Colorize;

use super::{mark, Wizard};
use crate::error::Result;
use crate::servicenow::Client;
use crate::steps::engine;
use crate::steps::row::{Repair, Repairing};
use crate::steps::{Context, Status, StepId, StepOptions, StepReport};

/// One sentence per step: why the guide asks for it (its row's).
pub(super) fn why(id: StepId) -> &'static str {
    crate::steps::engine::step(id).map_or("", |s| s.why)
}

impl Wizard<'_> {
    pub(super) async fn read(&self, client: &Client, opts: &StepOptions, id: StepId) -> StepReport {
        let ctx = Context::new(client.clone(), opts.clone());
        engine::check_one(&ctx, id).await
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
        if needs_agent && opts.agent.is_none() {
            self.pick_agent(client, opts).await?;
        }
        let ctx = Context::new(client.clone(), opts.clone());
        let mut report = engine::check_one(&ctx, id).await;
        // Whether the step's state and why were shown already (before a question).
        let mut shown = false;
        if id == StepId::Webhook {
            // The REST message the step read (kept in the context: no second request).
            let found = ctx.webhook().await.unwrap_or_default();
            (report, shown) = self.webhook_url(client, opts, report, &found).await?;
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
        let fix_command = match &report.fix {
            Some(fix) if fix.is_command() => fix.to_string(),
            manual => {
                // Nothing sn-handoff can do: the manual action.
                let text = manual.as_ref().map(ToString::to_string).unwrap_or_default();
                self.line(format!("  {} {text}", "to do:".cyan()));
                return Ok(());
            }
        };
        if !self.prompter.confirm("Fix now?", true)? {
            self.line(format!(
                "  {} left as it is; to fix it later: {fix_command}",
                mark(Status::Skip)
            ));
            return Ok(());
        }
        let repair = self.repair(client, opts, id).await?;
        let after = self.read(client, opts, id).await;
        self.tell_repair(id, repair, &after);
        Ok(())
    }

    /// The steps on the agent need one: the agent is picked among the group's members (or
    /// named), and saved in the profile with the group.
    async fn pick_agent(&mut self, client: &Client, opts: &mut StepOptions) -> Result<()> {
        let members = self.members(client, opts).await;
        let agent = self.choose_agent(client, opts, &members).await?;
        opts.agent = Some(agent);
        self.save(&[
            ("group", Some(&opts.group)),
            ("agent", opts.agent.as_deref()),
        ])
    }

    /// Runs step `id`'s fix under the state file's lock (when there is one), with a spinner, or
    /// the plugins' own bars.
    async fn repair(&mut self, client: &Client, opts: &StepOptions, id: StepId) -> Result<Repair> {
        let ctx = Context::new(client.clone(), opts.clone());
        let state = self.state_file(client);
        let _lock = match &state {
            Some(file) => Some(file.begin(client, "init").await?),
            None => None,
        };
        let spinner = match id {
            // The plugins show a bar each.
            StepId::Plugins => indicatif::ProgressBar::hidden(),
            _ => self.printer.spinner(&format!("Fixing {}", id.as_str())),
        };
        let env = Repairing {
            deadline: self.args.deadline,
            state: state.as_ref(),
            printer: self.printer,
            settled: None,
        };
        let repair = engine::repair(&ctx, id, &env).await;
        spinner.finish_and_clear();
        Ok(repair)
    }

    /// Says how step `id`'s fix went, judged by the step read again (`after`): fixed (the change
    /// is kept for the summary), still failing, needing something first, or failed with its
    /// hint; then the step's own fix when it still has one.
    fn tell_repair(&mut self, id: StepId, repair: Repair, after: &StepReport) {
        match repair {
            Repair::Fixed(how) => {
                if after.status != Status::Fail {
                    self.line(format!(
                        "{} {:<16} {} {}",
                        mark(Status::Pass),
                        id.as_str(),
                        crate::ui::escape::escape(&after.summary),
                        "(fixed)".green()
                    ));
                    self.changes.push(format!("{}: {how}", id.as_str()));
                    return;
                }
                self.line(format!(
                    "{} {:<16} still failing after the fix: {}",
                    mark(Status::Fail),
                    id.as_str(),
                    crate::ui::escape::escape(&after.summary)
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
    }
}
