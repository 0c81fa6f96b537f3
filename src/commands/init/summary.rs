//! The end of the guide: every step checked again, what changed, the values for Kore.ai
//! and the line for CI.

use colored::Colorize;
use secrecy::ExposeSecret;

use super::{Login, Wizard, KORE_PATH};
use crate::cli::AuthMethod;
use crate::error::{ExitStatus, Result};
use crate::keystore::SecretKind;
use crate::report::print_human;
use crate::servicenow::Client;
use crate::steps::engine;
use crate::steps::{self, shell_quote, Context, Status, StepId, StepOptions};

impl Wizard<'_> {
    pub(super) async fn finish(
        &mut self,
        client: &Client,
        opts: &StepOptions,
        login: &Login,
        kore: Option<super::kore_section::KoreDone>,
    ) -> Result<ExitStatus> {
        self.line("");
        let spinner = self.printer.spinner("Checking every step again");
        let ctx = Context::new(client.clone(), opts.clone())
            .with_kore(kore.as_ref().map(|k| k.side.clone()));
        let report = engine::check(ctx, false).await;
        spinner.finish_and_clear();
        print_human(self.printer, client, &report);

        self.say_changed();
        match &kore {
            Some(done) => self.say_both_sides(client, &report, done),
            None => self.kore_values(client, login)?,
        }
        self.say_next(client, opts, login);
        if self.printer.json() {
            self.printer.print_json(&report.to_json());
        }
        Ok(report.exit)
    }

    /// What the guide changed on the instance.
    fn say_changed(&mut self) {
        self.line("");
        if self.changes.is_empty() {
            self.line(format!(
                "{} nothing needed changing on the instance.",
                "Changed:".bold()
            ));
        } else {
            self.line(format!("{}", "Changed:".bold()));
            for change in &self.changes {
                self.line(format!("  • {change}"));
            }
        }
    }

    /// Both sides were set up here: the check above read the bot too (`kore`), and its webhook
    /// step says whether ServiceNow posts to that bot.
    fn say_both_sides(
        &mut self,
        client: &Client,
        report: &engine::CheckReport,
        done: &super::kore_section::KoreDone,
    ) {
        // What ties them: the webhook step of the check above, which compares the
        // bot ServiceNow posts to with the configured one.
        let webhook = report.steps.iter().find(|s| s.id == StepId::Webhook);
        let tie = match webhook {
            Some(s) if s.details.contains_key("url_bot_id") => format!(
                "but ServiceNow posts to bot {}, another bot (see webhook above)",
                s.details["url_bot_id"]["id"].as_str().unwrap_or("?")
            ),
            Some(s) if s.status == Status::Pass => format!(
                "ServiceNow posts the agent's replies to that bot ({})",
                done.side.client.bot_id()
            ),
            _ => "ServiceNow's webhook is not tied to that bot yet (see webhook above)".to_string(),
        };
        self.line("");
        self.line(format!(
            "{} ServiceNow at {} and Kore.ai {}; {tie}; `{}` reads the bot's side again.",
            "Both sides:".bold(),
            client.instance(),
            done.bot,
            self.command("kore status")
        ));
    }

    /// What to run next (the line for CI), and where the profile was saved.
    fn say_next(&mut self, client: &Client, opts: &StepOptions, login: &Login) {
        self.line("");
        if self.settings.demo.is_some() {
            // The simulated instance stops with this command: a CI line would point at a
            // port that is gone.
            self.line(format!(
                "{} run `sn-handoff init -i YOUR-INSTANCE` for a real instance; it prints the `sn-handoff check` line for CI.",
                "Next:".bold()
            ));
        } else {
            let (ci, secrets) = self.ci_line(client, opts, login);
            self.line(format!(
                "{} (with {secrets} from the CI's secret store):",
                "To keep it checked in CI".bold()
            ));
            self.line(format!("  {ci}"));
        }
        self.line("");
        match &self.config {
            Some(path) => self.line(format!(
                "Profile `{}` saved in {} (no secrets){}.",
                self.settings.profile_name,
                path.display(),
                if self.stored {
                    "; the secrets are in the OS keyring"
                } else {
                    ""
                }
            )),
            None => self.line(
                "--demo: nothing was saved (no profile, no keyring entry); the simulated instance stops with this command.",
            ),
        }
    }

    /// What Kore.ai's configuration tab asks for; secrets only after an explicit yes.
    pub(super) fn kore_values(&mut self, client: &Client, login: &Login) -> Result<()> {
        self.line("");
        self.line(format!(
            "{}",
            format!("For Kore.ai ({KORE_PATH} → Configurations):").bold()
        ));
        let row = |label: &str, value: &str| format!("  {label:<15} {value}");
        self.line(row("Instance URL", client.instance().as_str()));
        let host = client.instance().host();
        if let Some(id) = host.strip_suffix(".service-now.com") {
            self.line(row("Instance ID", id));
        }
        let (auth_type, secret_question) = match login.method {
            AuthMethod::Basic => ("Basic Auth", "Show the password?"),
            AuthMethod::Oauth => ("OAuth", "Show the client secret and refresh token?"),
            AuthMethod::Apikey => ("API key", "Show the API key?"),
            AuthMethod::Mtls => ("Client certificate", "Show the secrets?"),
        };
        self.line(row("Auth type", auth_type));
        if let Some(user) = &login.verified.user {
            self.line(row("User name", user));
        }
        if let Some(client_id) = &login.verified.client_id {
            self.line(row("Client ID", client_id));
        }
        let label = |kind: SecretKind| match kind {
            SecretKind::Password => "Password",
            SecretKind::ClientSecret => "Client secret",
            SecretKind::RefreshToken => "Refresh token",
            SecretKind::KoreClientSecret
            | SecretKind::KoreAdminClientSecret
            | SecretKind::ApiKey
            | SecretKind::ClientKeyPassphrase
            | SecretKind::AccessToken => kind.words(),
        };
        for (kind, _) in &login.verified.secrets {
            self.line(row(label(*kind), "(hidden)"));
        }
        if self.prompter.confirm(secret_question, false)? {
            for (kind, secret) in &login.verified.secrets {
                // Asked for: shown as it is.
                self.printer
                    .line_secret(row(label(*kind), secret.expose_secret()));
            }
        }
        Ok(())
    }

    /// The `sn-handoff check …` line for CI, and the secrets it needs from the environment.
    pub(super) fn ci_line(
        &self,
        client: &Client,
        opts: &StepOptions,
        login: &Login,
    ) -> (String, String) {
        let mut line = format!("sn-handoff check -i {}", client.instance().as_str());
        let secrets = match login.method {
            AuthMethod::Basic => {
                if let Some(user) = &login.verified.user {
                    line.push_str(&format!(" -u {}", shell_quote(user)));
                }
                SecretKind::Password.env().to_string()
            }
            AuthMethod::Oauth => {
                line.push_str(" --auth oauth");
                if let Some(id) = &login.verified.client_id {
                    line.push_str(&format!(" --client-id {}", shell_quote(id)));
                }
                format!(
                    "{} and {}",
                    SecretKind::ClientSecret.env(),
                    SecretKind::RefreshToken.env()
                )
            }
            AuthMethod::Apikey => {
                line.push_str(" --auth apikey");
                SecretKind::ApiKey.env().to_string()
            }
            AuthMethod::Mtls => {
                line.push_str(" --auth mtls --client-cert CERT.pem --client-key KEY.pem");
                "no variable (the key file is the secret)".to_string()
            }
        };
        line.push_str(&steps::group_flag(&opts.group));
        if let Some(agent) = &opts.agent {
            line.push_str(&format!(" --agent {}", shell_quote(agent)));
        }
        if let Some(url) = &opts.webhook_url {
            line.push_str(&format!(" --webhook-url {}", shell_quote(url)));
        }
        for id in &opts.skip {
            line.push_str(&format!(" --skip {}", id.as_str()));
        }
        (line, secrets)
    }
}
