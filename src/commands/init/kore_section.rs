//! The Kore.ai side of the guide, after the ServiceNow steps: with Kore.ai settings (flags,
//! environment, profile, or `--demo`), or when the user chooses to enter them (bot id, client
//! id and secret of the bot's JWT app; the secret goes to the OS keyring only, the rest to the
//! profile), the instance's URL and credentials are pushed into the bot's ServiceNow agent
//! integration and the bot is published, as `kore connect --publish` does. Without them the
//! end of the guide prints what to paste, as before.

use std::sync::Arc;

use colored::Colorize;
use secrecy::SecretString;

use super::{Login, Wizard};
use crate::error::Result;
use crate::keystore::{Key, SecretKind};
use crate::kore::client::{check_bot_id, parse_host, DEFAULT_HOST};
use crate::kore::connect::{self, Plan, Published, ServiceNowAuth};
use crate::kore::{App, KoreClient, KoreConfig, KoreSettings};
use crate::servicenow::{Client, InstanceUrl};
use crate::steps::kore_side::KoreSide;
use crate::ui::prompt::Text;

/// What the Kore.ai page ended with.
pub(super) struct KoreDone {
    /// The side the final check reads.
    pub side: KoreSide,
    /// `bot st-… at https://…`.
    pub bot: String,
}

impl Wizard<'_> {
    /// The Kore.ai page; `None` when the user keeps the Kore.ai side for later.
    pub(super) async fn kore(
        &mut self,
        client: &Client,
        login: &Login,
    ) -> Result<Option<KoreDone>> {
        self.line("");
        self.line(format!("{}", "Kore.ai side".bold()));
        let Some((kore_client, bot)) = self.kore_bot()? else {
            return Ok(None);
        };
        let plan = Plan {
            instance: client.instance().clone(),
            auth: servicenow_auth(login)?,
            queue_id: None,
            set_default: true,
        };
        let spinner = self
            .printer
            .spinner("Writing the ServiceNow agent integration in Kore.ai");
        let outcome = connect::connect(&kore_client, &plan, self.settings.saves()).await;
        spinner.finish_and_clear();
        let side = KoreSide {
            client: Arc::new(kore_client),
            bot_from: crate::kore::settings::bot_source(self.settings),
            records: self.settings.saves(),
            plan: None,
        };
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(e) => {
                // The final check reports the step, with its fix.
                self.kore_error(&e);
                return Ok(Some(KoreDone { side, bot }));
            }
        };
        self.line(format!(
            "{} ServiceNow agent integration written ({}) in {bot}, the default for every channel",
            "✓".green(),
            outcome.integration_method
        ));
        self.changes.push(format!(
            "Kore.ai {bot}: ServiceNow agent integration written ({}) and made the default",
            outcome.integration_method
        ));
        self.publish(&side, &bot).await;
        Ok(Some(KoreDone { side, bot }))
    }

    /// The bot to connect, with `bot st-… at https://…`: the Kore.ai settings' when there are
    /// some, else asked for when the user chooses to connect it now (`None` when not).
    fn kore_bot(&mut self) -> Result<Option<(KoreClient, String)>> {
        if KoreSettings::present(self.settings) {
            let kore = KoreSettings::resolve(self.settings)?;
            let bot = format!("bot {} at {}", kore.bot_id, kore.host);
            return Ok(Some((kore.client(self.settings)?, bot)));
        }
        if !self.prompter.confirm(
            "Connect the Kore.ai bot now? (needs a JWT app in the bot with the agent_integrations scopes; docs/kore.md)",
            false,
        )? {
            return Ok(None);
        }
        self.ask_kore().map(Some)
    }

    /// Publishes the bot (`bot`, in words) so that Kore.ai applies the integration, when the
    /// side has an Admin Console app; else says that it is not published and why.
    async fn publish(&mut self, side: &KoreSide, bot: &str) {
        if !side.client.has_admin() {
            self.line(format!(
                "{} not published: publishing needs a Kore.ai Admin Console app ({}); Kore.ai applies the integration once the bot is published",
                "!".yellow().bold(),
                connect::ADMIN_CONSOLE_STEPS
            ));
            return;
        }
        let spinner = self.printer.spinner("Publishing the bot");
        let published =
            connect::publish_and_wait(&side.client, self.args.deadline, true, |_| {}).await;
        spinner.finish_and_clear();
        match published {
            Ok(Published::Done) => {
                self.line(format!("{} Published", "✓".green()));
                self.changes.push(format!("Kore.ai {bot}: published"));
            }
            Ok(_) => self.line(format!(
                "{} the publish did not end well: publish the bot in the XO Platform, or run `{}`",
                "!".yellow().bold(),
                self.command("kore connect --publish")
            )),
            Err(e) => self.kore_error(&e),
        }
    }

    fn kore_error(&self, e: &crate::error::Error) {
        self.line(format!("{} {}", "✗".red().bold(), e.message()));
        if let Some(hint) = e.hint() {
            self.line(format!("  {} {hint}", "hint:".cyan()));
        }
    }

    /// Asks for the bot id, the JWT app's client id and secret (and the host when it is not
    /// the default); saves the ids in the profile and the secret in the keyring.
    fn ask_kore(&mut self) -> Result<(KoreClient, String)> {
        let profile = &self.settings.profile;
        let host_default = profile
            .kore_host
            .clone()
            .unwrap_or_else(|| DEFAULT_HOST.to_string());
        let host_check = |v: &str| {
            parse_host(v)
                .map(|_| ())
                .map_err(|e| e.message().to_string())
        };
        let host = self.prompter.text(
            &Text::new("Kore.ai host")
                .default(Some(&host_default))
                .validate(&host_check),
        )?;
        let host = parse_host(&host)?;
        let bot_check = |v: &str| {
            check_bot_id(v)
                .map(|_| ())
                .map_err(|e| e.message().to_string())
        };
        let bot_id = self.prompter.text(
            &Text::new("Bot id (App Settings > App Profile, st-…)")
                .default(profile.bot_id.as_deref())
                .validate(&bot_check),
        )?;
        let bot_id = check_bot_id(&bot_id)?;
        let not_empty = |v: &str| {
            if v.trim().is_empty() {
                Err("give the client id".to_string())
            } else {
                Ok(())
            }
        };
        let client_id = self.prompter.text(
            &Text::new("Client id of the bot's JWT app (cs-…)")
                .default(profile.kore_client_id.as_deref())
                .validate(&not_empty),
        )?;
        let secret: SecretString = self
            .prompter
            .secret(&format!("Client secret of Kore.ai app {client_id}"), false)?;
        self.save(&[
            ("kore_host", Some(host.as_str())),
            ("bot_id", Some(&bot_id)),
            ("kore_client_id", Some(&client_id)),
        ])?;
        if self.settings.saves() {
            self.keep_kore_secret(&host, &secret);
        }
        let bot = format!("bot {bot_id} at {host}");
        let client = crate::kore::new_client(KoreConfig {
            host,
            bot_id,
            app: App { client_id, secret },
            admin: None,
            network: self.settings.network.clone(),
        })?;
        Ok((client, bot))
    }

    /// Keeps the Kore.ai client secret in the OS keyring under `host`; a keyring that refuses
    /// it is said (once: the ServiceNow secret may have said it already) with the variable to
    /// set for later runs.
    fn keep_kore_secret(&mut self, host: &InstanceUrl, secret: &SecretString) {
        let key = Key {
            profile: self.settings.profile_name.clone(),
            instance: host.as_str().to_string(),
            kind: SecretKind::KoreClientSecret,
        };
        match self.store.set(&key, secret) {
            Ok(()) => self.stored = true,
            // The keyring's trouble was said with the ServiceNow secret: once is enough.
            Err(_) if self.keyring_refused.get() => self.line(format!(
                "  Nor is the Kore.ai client secret kept: set {} for later runs.",
                SecretKind::KoreClientSecret.env()
            )),
            Err(e) => {
                self.keyring_refused.set(true);
                self.line(format!(
                    "{} {e}: the Kore.ai client secret was not kept; set {} for later runs",
                    "!".yellow().bold(),
                    SecretKind::KoreClientSecret.env()
                ))
            }
        }
    }
}

/// The credentials the sign-in proved, as Kore.ai takes them.
fn servicenow_auth(login: &Login) -> Result<ServiceNowAuth> {
    ServiceNowAuth::from_verified(
        login.method,
        login.verified.user.as_deref(),
        login.verified.client_id.as_deref(),
        &login.verified.secrets,
    )
}
