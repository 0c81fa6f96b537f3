//! The questions a step needs answered first: the group, the agent, the webhook URL.

use colored::Colorize;

use super::guide_steps::why;
use super::{mark, Wizard, KORE_PATH};
use crate::error::Result;
use crate::servicenow::{field, Client, Query};
use crate::steps::{
    self, group, group_members, webhook, Context, Status, StepId, StepOptions, StepReport,
};
use crate::ui::prompt::Text;

/// How many of the instance's users are offered when the agent is typed.
const USER_SUGGESTIONS: usize = 200;

impl Wizard<'_> {
    /// The group of step 4, when there is no group of that name and no flag named it: one of
    /// the look-alikes, or another name.
    pub(super) async fn group(&mut self, client: &Client, opts: &mut StepOptions) -> Result<()> {
        if self.args.steps.group.is_some()
            || (opts.skip.contains(&StepId::GroupRoles)
                && opts.skip.contains(&StepId::GroupMembers))
        {
            return Ok(());
        }
        loop {
            let lookup = match group::lookup(client, &opts.group).await {
                Ok(lookup) => lookup,
                // The steps will say what could not be read.
                Err(_) => return Ok(()),
            };
            if !lookup.matches.is_empty() {
                return Ok(());
            }
            self.line(format!(
                "{} {:<16} there is no group named \"{}\"",
                mark(Status::Fail),
                "group",
                opts.group
            ));
            let other = "Another name".to_string();
            let mut items = lookup.close.clone();
            items.push(other);
            let pick = if lookup.close.is_empty() {
                items.len() - 1
            } else {
                self.prompter
                    .select("Which group takes the chats?", &items, 0)?
            };
            opts.group = if pick + 1 == items.len() {
                self.prompter.text(&Text::new("The group's name"))?
            } else {
                items[pick].clone()
            };
            self.save(&[("group", Some(&opts.group))])?;
        }
    }

    /// The group's active members (empty when they cannot be read).
    pub(super) async fn members(&self, client: &Client, opts: &StepOptions) -> Vec<String> {
        let ctx = Context::new(
            client.clone(),
            StepOptions {
                agent: None,
                ..opts.clone()
            },
        );
        match group_members::judge(&ctx).await {
            Ok((_, members)) => members.unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    }

    /// The agent of steps 4 and 6: one of the group's members, or a user typed (the
    /// instance's users are offered, and a name that is not a user is asked again).
    pub(super) async fn choose_agent(
        &mut self,
        client: &Client,
        opts: &StepOptions,
        members: &[String],
    ) -> Result<String> {
        let offered = self.settings.offered_agent();
        self.line(format!(
            "  The agent is the ServiceNow user who takes the chats the bot hands over; {}",
            if members.is_empty() {
                format!("{} has no active member yet.", opts.group)
            } else {
                format!("{} has {}.", opts.group, steps::and_list(members))
            }
        ));
        if let Some(picked) = self.pick_member(members, offered.as_ref())? {
            return Ok(picked);
        }
        let users = instance_users(client).await;
        if !users.is_empty() {
            let shown: Vec<&str> = users.iter().take(6).map(String::as_str).collect();
            self.line(format!(
                "  Users on the instance: {}{} (Tab completes a name)",
                shown.join(", "),
                if users.len() > shown.len() {
                    ", …"
                } else {
                    ""
                }
            ));
        }
        self.type_agent(client, offered, &users).await
    }

    /// One of the group's members (or the profile's agent), unless there is none or
    /// "someone else" is chosen.
    fn pick_member(
        &mut self,
        members: &[String],
        offered: Option<&String>,
    ) -> Result<Option<String>> {
        if members.is_empty() {
            return Ok(None);
        }
        let mut items: Vec<String> = members.to_vec();
        if let Some(agent) = offered.filter(|a| !members.contains(a)) {
            items.push(agent.clone());
        }
        let default = offered
            .and_then(|a| items.iter().position(|i| i == a))
            .unwrap_or(0);
        items.push("Someone else (type a user name)".to_string());
        let pick = self
            .prompter
            .select("Which agent takes the chats?", &items, default)?;
        Ok((pick + 1 < items.len()).then(|| items[pick].clone()))
    }

    /// A user name typed (with the instance's users as suggestions), asked again while no user
    /// has it.
    async fn type_agent(
        &mut self,
        client: &Client,
        offered: Option<String>,
        users: &[String],
    ) -> Result<String> {
        let mut default = offered;
        loop {
            let validate = |s: &str| {
                if s.chars().any(char::is_whitespace) {
                    Err("a user name has no spaces".to_string())
                } else {
                    Ok(())
                }
            };
            let name = self.prompter.text(
                &Text::new("The agent's user name")
                    .default(default.as_deref())
                    .suggestions(users)
                    .validate(&validate),
            )?;
            match group::lookup_user(client, &name).await {
                Ok(found) if !found.matches.is_empty() => return Ok(name),
                Ok(_) => {
                    let close = group::close_users(client, &name).await;
                    self.line(format!(
                        "{} there is no user with user_name {name}{}",
                        mark(Status::Fail),
                        if close.is_empty() {
                            String::new()
                        } else {
                            format!(" (similar: {})", close.join(", "))
                        }
                    ));
                    default = close.into_iter().next();
                }
                // The step will say what could not be read.
                Err(_) => return Ok(name),
            }
        }
    }

    /// Step 5's URL: asked (https, checked) unless a flag gave it or the step passes with the
    /// profile's; the profile's URL, the endpoints' own (when it is a real one) or the demo's
    /// is the default. Returns the step read again with it, and whether its state was shown.
    pub(super) async fn webhook_url(
        &mut self,
        client: &Client,
        opts: &mut StepOptions,
        report: StepReport,
        found: &webhook::WebhookFound,
    ) -> Result<(StepReport, bool)> {
        let from_flag = self.args.steps.webhook_url.is_some();
        let message_url = found.message_endpoint();
        if from_flag
            || message_url.is_none()
            || (report.status == Status::Pass && opts.webhook_url.is_some())
        {
            return Ok((report, false));
        }
        // A default is never a value that fails the step: not a placeholder, not an invalid
        // URL, not another bot's URL when the bot is known.
        let bot = crate::kore::settings::configured_bot(self.settings);
        let fits = |url: &str| {
            !webhook::is_placeholder(url)
                && webhook::validate_webhook_url(url).is_ok()
                && webhook::fits_bot(url, bot.as_ref())
        };
        let default = [
            opts.webhook_url.clone(),
            message_url.map(str::to_string),
            self.settings.offered_webhook_url(),
        ]
        .into_iter()
        .flatten()
        .find(|url| fits(url));
        self.step_line(&report);
        self.line(format!("  {}", why(StepId::Webhook).dimmed()));
        self.line(format!("  Kore.ai XO shows the bot's webhook URL (https://bots.kore.ai/chatbot/v2/webhook/st-…) under {KORE_PATH}."));
        if let Some(bot) = &bot {
            self.line(format!(
                "  It must name the bot {} (from {}).",
                bot.id, bot.from
            ));
        }
        let validate = |s: &str| {
            webhook::validate_webhook_url(s)?;
            if webhook::is_placeholder(s) {
                return Err(format!("{s} is a placeholder, not the bot's webhook URL"));
            }
            match (&bot, webhook::bot_id_in(s)) {
                (Some(bot), Some(id)) if !webhook::fits_bot(s, Some(bot)) => Err(format!(
                    "{s} names bot {id}, but the configured bot is {} (from {})",
                    bot.id, bot.from
                )),
                _ => Ok(()),
            }
        };
        let url = self.prompter.text(
            &Text::new("Kore.ai webhook URL")
                .default(default.as_deref())
                .validate(&validate),
        )?;
        self.save(&[("webhook_url", Some(&url))])?;
        opts.webhook_url = Some(url);
        let report = self.read(client, opts, StepId::Webhook).await;
        Ok((report, true))
    }
}

/// Up to [`USER_SUGGESTIONS`] of the instance's active users, by name (none when they cannot
/// be read).
async fn instance_users(client: &Client) -> Vec<String> {
    client
        .list_first(
            "sys_user",
            &Query::new().eq("active", "true").order_by("user_name"),
            &["user_name"],
            USER_SUGGESTIONS,
        )
        .await
        .map(|rows| {
            rows.iter()
                .map(|r| field(r, "user_name").to_string())
                .filter(|u| !u.is_empty())
                .collect()
        })
        .unwrap_or_default()
}
