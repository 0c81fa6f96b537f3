//! `sn-handoff init`: the Kore.ai guide as a conversation. It asks for the instance (checked at
//! once; a hibernating one is explained and checked again on request), signs in (basic auth,
//! or OAuth by browser, password or token grant, through the same code as `auth login`), then
//! takes the five remaining steps one by one: each is read, a passing one goes by in one line,
//! a failing one is explained in a sentence and fixed when the answer to `Fix now?` is yes
//! (with the same `fix()` as `check --fix`), then read again. The end lists what changed, the
//! values for Kore.ai's configuration tab, and the `sn-handoff check` line for CI.
//!
//! Nothing is asked that a flag gave or the instance can tell; a question shows the profile's
//! value (or, under `--demo`, the simulator's) as its default, so Enter accepts it. The profile
//! is saved as each answer is checked (never a secret), atomically: a run stopped with Ctrl-C
//! leaves nothing half-written, and the next run picks up where it stopped. Under `--demo`
//! neither the config file nor the OS keyring is touched: the simulated instance ends with the
//! process.
//!
//! `--no-input` asks nothing: it is `check --fix` with the flags, environment and profile, and
//! then saves the profile. Without a terminal and without `--no-input`, init stops at once with
//! exit 2 rather than repair an instance nobody is watching.

use std::io::IsTerminal;
use std::path::PathBuf;

use colored::Colorize;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};

use super::auth;
use super::auth::sign_in::{self, Verified};
use super::check::{check, print_human};
use super::fix::{self, Repair};
use crate::cli::{AuthMethod, CheckArgs, Grant as GrantChoice, InitArgs, LoginArgs};
use crate::config::{update_profile, DEFAULT_PROFILE};
use crate::credentials::ENV_HINT;
use crate::error::{Error, ErrorKind, Result};
use crate::keystore::{OsKeyring, SecretKind, Store};
use crate::servicenow::oauth::{redirect_url, Grant};
use crate::servicenow::{field, ApiError, Auth, Client, InstanceUrl, Query};
use crate::settings::Settings;
use crate::state::StateFile;
use crate::steps::{
    self, agent_available, group, group_members, group_roles, plugins, shell_quote, webhook,
    Context, Status, StepId, StepOptions, StepReport,
};
use crate::ui::prompt::{Prompter, Terminal, Text};
use crate::ui::Printer;

/// The agent `--demo` offers: a user of the simulated instance, as of ServiceNow's demo data.
pub const DEMO_AGENT: &str = "abel.tuter";

/// Where a personal developer instance is woken.
const DEVELOPER_PORTAL: &str = "https://developer.servicenow.com";

/// Signing in is tried this many times before init gives up (lockout policies count refusals).
pub const SIGN_IN_ATTEMPTS: usize = 3;

/// Where Kore.ai XO keeps the ServiceNow agent transfer (Kore.ai, "Configuring the ServiceNow
/// Agent – Utah and higher versions", step 2:
/// https://developer.kore.ai/v10-3/integrations/configuring-the-servicenow-agent-utah-and-vancouver).
pub const KORE_PATH: &str = "App Settings → Integrations → Agent Transfer → ServiceNow";

/// How many of the instance's users are offered when the agent is typed.
const USER_SUGGESTIONS: usize = 200;

/// The webhook URL `--demo` offers: the one the simulator's `configured` scenario holds.
pub fn demo_webhook_url() -> &'static str {
    #[cfg(feature = "demo")]
    {
        crate::sim::CONFIGURED_WEBHOOK_URL
    }
    #[cfg(not(feature = "demo"))]
    {
        "https://bots.kore.ai/chatbot/v2/webhook/st-00000000-0000-4000-8000-000000000001"
    }
}

/// Runs `init`: the wizard on a terminal, `check --fix` under `--no-input`.
pub async fn run(settings: &Settings, args: &InitArgs, printer: &Printer) -> Result<u8> {
    if settings.global.no_input {
        return unattended(settings, args, printer).await;
    }
    if !settings.interactive {
        let which = if std::io::stdin().is_terminal() {
            "standard error"
        } else {
            "standard input"
        };
        return Err(Error::usage(format!(
            "`sn-handoff init` asks questions, and {which} is not a terminal"
        ))
        .with_hint(
            "pass --no-input (or set SN_HANDOFF_NO_INPUT=1) to run it unattended: it then works like `check --fix` with the flags, environment and profile",
        ));
    }
    let mut prompter = Terminal::new();
    let store = OsKeyring;
    let mut wizard = Wizard::new(settings, args, &mut prompter, printer, &store)?;
    let resume = wizard.resume_hint();
    // Ctrl-C while a request or a repair is under way (at a question it is a key, and the
    // wizard ends by itself).
    tokio::select! {
        biased;
        result = wizard.run() => result,
        _ = tokio::signal::ctrl_c() => Err(Error::new(ErrorKind::Interrupted, "interrupted").with_hint(resume)),
    }
}

// ---------------------------------------------------------------------------------------
// --no-input

/// `init --no-input`: `check --fix` with the given options, then the profile is saved (when
/// the instance and the sign-in worked, and not under `--demo`).
async fn unattended(settings: &Settings, args: &InitArgs, printer: &Printer) -> Result<u8> {
    let mut opts = settings.step_options(&args.steps)?;
    if settings.demo.is_some() {
        opts.agent.get_or_insert_with(|| DEMO_AGENT.to_string());
        opts.webhook_url
            .get_or_insert_with(|| demo_webhook_url().to_string());
    }
    let (client, _) = settings.connect()?;
    let spinner = printer.spinner(&format!("Checking {}", client.instance()));
    let first = check(Context::new(client.clone(), opts.clone())).await;
    spinner.finish_and_clear();
    let signed_in = first
        .steps
        .iter()
        .filter(|s| matches!(s.id, StepId::Instance | StepId::Auth))
        .all(|s| s.status != Status::Fail);
    let check_args = CheckArgs {
        format: None,
        steps: args.steps.clone(),
        fix: true,
        deadline: args.deadline,
        deep: false,
    };
    let format = crate::report::Format::resolve(None, printer.json())?;
    let code = fix::run(
        settings,
        &client,
        opts.clone(),
        first,
        &check_args,
        format,
        printer,
    )
    .await?;
    if signed_in && settings.demo.is_none() {
        let path = auth::config_file(settings)?;
        let method = auth::method_name(settings.method());
        let user = match settings.method() {
            AuthMethod::Basic => Some(client.user().to_string()),
            AuthMethod::Oauth => settings.username(),
        };
        let client_id = settings.client_id();
        let mut changes: Vec<(&str, Option<&str>)> = vec![
            ("instance", Some(client.instance().as_str())),
            ("auth", Some(method)),
            ("group", Some(&opts.group)),
        ];
        for (key, value) in [
            ("username", user.as_deref()),
            ("client_id", client_id.as_deref()),
            ("agent", opts.agent.as_deref()),
            ("webhook_url", opts.webhook_url.as_deref()),
        ] {
            if value.is_some() {
                changes.push((key, value));
            }
        }
        update_profile(&path, &settings.profile_name, &changes)?;
        printer.line(format!(
            "Profile `{}` saved in {} (no secrets).",
            settings.profile_name,
            path.display()
        ));
    }
    Ok(code)
}

// ---------------------------------------------------------------------------------------
// The wizard

/// One sentence per step: why the guide asks for it.
fn why(id: StepId) -> &'static str {
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

/// The mark of a status, coloured as `check` colours it.
fn mark(status: Status) -> colored::ColoredString {
    match status {
        Status::Pass => "✓".green(),
        Status::Fail => "✗".red().bold(),
        Status::Warn => "!".yellow(),
        Status::Skip => "-".dimmed(),
    }
}

/// The wizard: one run of the guide, asking through a [`Prompter`] and printing through a
/// [`Printer`]. [`run`] drives it on a terminal; tests drive it with a scripted prompter.
pub struct Wizard<'a> {
    settings: &'a Settings,
    args: &'a InitArgs,
    prompter: &'a mut dyn Prompter,
    printer: &'a Printer,
    store: &'a dyn Store,
    /// The config file answers are saved in; `None` under `--demo`.
    config: Option<PathBuf>,
    /// What the run changed on the instance or on this machine, in words.
    changes: Vec<String>,
    /// Whether the secrets went into the store.
    stored: bool,
    /// Where the state file goes instead of the state directory.
    state_dir: Option<PathBuf>,
}

impl std::fmt::Debug for Wizard<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wizard")
            .field("profile", &self.settings.profile_name)
            .field("config", &self.config)
            .field("changes", &self.changes)
            .finish_non_exhaustive()
    }
}

/// The sign-in the wizard ended with.
struct Login {
    method: AuthMethod,
    verified: Verified,
}

impl<'a> Wizard<'a> {
    /// A wizard for `settings` (the profile, and under `--demo` the simulator) and `args`;
    /// secrets go to `store` (never under `--demo`).
    pub fn new(
        settings: &'a Settings,
        args: &'a InitArgs,
        prompter: &'a mut dyn Prompter,
        printer: &'a Printer,
        store: &'a dyn Store,
    ) -> Result<Wizard<'a>> {
        let config = match settings.demo {
            Some(_) => None,
            None => Some(auth::config_file(settings)?),
        };
        Ok(Wizard {
            settings,
            args,
            prompter,
            printer,
            store,
            config,
            changes: Vec::new(),
            stored: false,
            state_dir: None,
        })
    }

    /// Keeps the instance's state file (and its lock) in `dir` instead of the state directory.
    pub fn with_state_dir(mut self, dir: PathBuf) -> Self {
        self.state_dir = Some(dir);
        self
    }

    /// The instance's state file: none under `--demo`.
    fn state_file(&self, client: &Client) -> Option<StateFile> {
        match (&self.state_dir, &self.settings.demo) {
            (_, Some(_)) => None,
            (Some(dir), None) => Some(StateFile::in_dir(dir, client.instance().as_str())),
            (None, None) => StateFile::for_run(self.settings, client),
        }
    }

    /// Runs the whole guide; the exit code is the final check's. Ctrl-C at a question is
    /// exit 130 with the way to resume.
    pub async fn run(&mut self) -> Result<u8> {
        match self.guide().await {
            Err(e) if e.kind() == ErrorKind::Interrupted => Err(Error::new(
                ErrorKind::Interrupted,
                "interrupted; nothing was half-written",
            )
            .with_hint(self.resume_hint())),
            other => other,
        }
    }

    /// How to pick up after an interruption.
    pub fn resume_hint(&self) -> String {
        match &self.config {
            None => "each --demo run starts a fresh simulated instance: run `sn-handoff init --demo` to start again".to_string(),
            Some(path) => format!(
                "the answers checked so far are saved in profile `{}` ({}); run `{}` to pick up where you left off",
                self.settings.profile_name,
                path.display(),
                self.command("init")
            ),
        }
    }

    /// `sn-handoff [-p PROFILE] WHAT`.
    fn command(&self, what: &str) -> String {
        if self.settings.profile_name == DEFAULT_PROFILE {
            format!("sn-handoff {what}")
        } else {
            format!(
                "sn-handoff -p {} {what}",
                shell_quote(&self.settings.profile_name)
            )
        }
    }

    fn line(&self, text: impl AsRef<str>) {
        self.printer.line(text);
    }

    /// `✓ plugins          all 5 plugins active`.
    fn step_line(&self, report: &StepReport) {
        self.line(format!(
            "{} {:<16} {}",
            mark(report.status),
            report.id.as_str(),
            report.summary
        ));
    }

    /// Saves profile keys as soon as what they hold was checked (not under `--demo`).
    fn save(&self, changes: &[(&str, Option<&str>)]) -> Result<()> {
        match &self.config {
            Some(path) => update_profile(path, &self.settings.profile_name, changes),
            None => Ok(()),
        }
    }

    async fn guide(&mut self) -> Result<u8> {
        self.intro();
        let instance = self.instance().await?;
        let login = self.sign_in(&instance).await?;
        let client = login.verified.client.clone();
        self.about(&client, login.method).await;
        let mut opts = self.settings.step_options(&self.args.steps)?;
        self.group(&client, &mut opts).await?;
        for id in [
            StepId::Plugins,
            StepId::GroupRoles,
            StepId::GroupMembers,
            StepId::Webhook,
            StepId::AgentAvailable,
        ] {
            self.step(&client, &mut opts, id).await?;
        }
        self.finish(&client, &opts, &login).await
    }

    fn intro(&self) {
        self.line(format!(
            "{} the Kore.ai \"ServiceNow agent transfer\" guide, step by step.",
            "sn-handoff init:".bold()
        ));
        self.line("Each step is checked on the instance; what is missing is explained and fixed when you say so.");
        match &self.settings.demo {
            Some(demo) => self.line(format!(
                "{} a simulated instance at {} plays ServiceNow; its login is filled in, so Enter answers every question.",
                "--demo:".bold(),
                demo.url
            )),
            None => self.line("Ctrl-C stops at any question; running init again picks up where it stopped."),
        }
        self.line("");
    }

    // -----------------------------------------------------------------------------------
    // Step 1: the instance

    async fn instance(&mut self) -> Result<InstanceUrl> {
        let demo_url = self.settings.demo.as_ref().map(|d| d.url.clone());
        let mut given = match demo_url {
            Some(_) => None,
            None => self.settings.global.instance.clone(),
        };
        let mut default = demo_url.or_else(|| self.settings.profile.instance.clone());
        loop {
            let answer = match given.take() {
                Some(flag) => flag,
                None => {
                    let validate = |s: &str| {
                        InstanceUrl::parse(s)
                            .map(|_| ())
                            .map_err(|e| e.message().to_string())
                    };
                    self.prompter.text(
                        &Text::new("ServiceNow instance (e.g. dev123)")
                            .default(default.as_deref())
                            .validate(&validate),
                    )?
                }
            };
            let instance = match InstanceUrl::parse(&answer) {
                Ok(instance) => instance,
                Err(e) => {
                    self.line(format!("{} {}", mark(Status::Fail), e.message()));
                    continue;
                }
            };
            loop {
                let spinner = self.printer.spinner(&format!("Reaching {instance}"));
                let reached = self.reach(&instance).await?;
                spinner.finish_and_clear();
                match reached {
                    Ok(()) => {
                        self.line(format!(
                            "{} {:<16} {instance} answers as ServiceNow",
                            mark(Status::Pass),
                            "instance"
                        ));
                        self.save(&[("instance", Some(instance.as_str()))])?;
                        return Ok(instance);
                    }
                    Err(ApiError::Hibernating) => {
                        self.line(format!(
                            "{} {:<16} {instance} is hibernating (developer instances sleep when unused)",
                            mark(Status::Fail),
                            "instance"
                        ));
                        self.line(format!(
                            "  Sign in at {DEVELOPER_PORTAL} to wake it (it takes a few minutes), then check again."
                        ));
                        if !self.prompter.confirm("Check again?", true)? {
                            return Err(Error::unusable(format!("{instance} is hibernating"))
                                .with_hint(format!(
                                    "sign in at {DEVELOPER_PORTAL} to wake it, then run `{}` again",
                                    self.command("init")
                                )));
                        }
                    }
                    Err(e) => {
                        self.line(format!("{} {:<16} {e}", mark(Status::Fail), "instance"));
                        if let Some(hint) = e.hint() {
                            self.line(format!("  {hint}"));
                        }
                        default = Some(instance.as_str().to_string());
                        break;
                    }
                }
            }
        }
    }

    /// Proves that `instance` is an awake ServiceNow instance, without credentials: its
    /// Table API answers a request without a login with ServiceNow's 401. The outer error is
    /// one no other URL would mend (a `--ca-cert` that cannot be read).
    async fn reach(&self, instance: &InstanceUrl) -> Result<Result<(), ApiError>> {
        let anonymous = Auth::Basic {
            user: String::new(),
            password: SecretString::from(String::new()),
        };
        let client = self.settings.client(instance.clone(), anonymous)?;
        Ok(match steps::instance::probe(&client).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_unauthenticated() || e.is_forbidden() => Ok(()),
            Err(e) => Err(e),
        })
    }

    // -----------------------------------------------------------------------------------
    // Step 2: signing in

    async fn sign_in(&mut self, instance: &InstanceUrl) -> Result<Login> {
        let method = match self.settings.global.auth {
            Some(method) => method,
            None => {
                let items = [
                    "Basic auth: a user name and password".to_string(),
                    "OAuth: an OAuth app and a refresh token".to_string(),
                ];
                let default = match self.settings.profile.auth {
                    Some(AuthMethod::Oauth) => 1,
                    _ => 0,
                };
                match self
                    .prompter
                    .select("How should sn-handoff sign in?", &items, default)?
                {
                    0 => AuthMethod::Basic,
                    _ => AuthMethod::Oauth,
                }
            }
        };
        let verified = match method {
            AuthMethod::Basic => self.basic(instance).await?,
            AuthMethod::Oauth => self.oauth(instance).await?,
        };
        self.keep(instance, method, &verified)?;
        Ok(Login { method, verified })
    }

    /// The user name: the flag's (once), else asked with `default`.
    fn user_name(&mut self, flag: &mut Option<String>, default: Option<&str>) -> Result<String> {
        if let Some(user) = flag.take() {
            return Ok(user);
        }
        let validate = |s: &str| {
            if s.chars().any(char::is_whitespace) {
                Err("a user name has no spaces".to_string())
            } else {
                Ok(())
            }
        };
        self.prompter.text(
            &Text::new("ServiceNow user name")
                .default(default)
                .validate(&validate),
        )
    }

    /// A secret from the environment or the store, for the profile at `instance` (never under
    /// `--demo`).
    fn known_secret(
        &self,
        instance: &InstanceUrl,
        kind: SecretKind,
    ) -> Option<(SecretString, String)> {
        if self.settings.demo.is_some() {
            return None;
        }
        if let Some(value) = std::env::var(kind.env()).ok().filter(|v| !v.is_empty()) {
            return Some((SecretString::from(value), kind.env().to_string()));
        }
        let key = self.settings.secrets(instance, kind, false).key(kind);
        match self.store.get(&key) {
            Ok(Some(secret)) => Some((secret, "the OS keyring".to_string())),
            Ok(None) => None,
            Err(e) => {
                self.line(format!("{} {e}; asking instead", mark(Status::Warn)));
                None
            }
        }
    }

    /// The simulator's password for `user` under `--demo`.
    fn demo_password(&self, user: &str) -> Option<SecretString> {
        self.settings
            .demo
            .as_ref()
            .filter(|d| d.username == user)
            .map(|d| d.password.clone())
    }

    /// The secret found (`known`, with where it came from, which is said), or else asked for
    /// with `prompt`; under `--demo`, Enter alone gives the simulator's (`demo`).
    fn secret_or_ask(
        &mut self,
        known: Option<(SecretString, String)>,
        words: &str,
        prompt: &str,
        demo: Option<SecretString>,
    ) -> Result<SecretString> {
        if let Some((secret, source)) = known {
            self.line(format!("  Using the {words} from {source}."));
            return Ok(secret);
        }
        match demo {
            Some(demo) => {
                let prompt = format!("{prompt} (Enter: the simulator's)");
                let answer = self.prompter.secret(&prompt, true)?;
                Ok(if answer.expose_secret().is_empty() {
                    demo.clone()
                } else {
                    answer
                })
            }
            None => self.prompter.secret(prompt, false),
        }
    }

    fn refused(&self, e: &Error, attempt: usize) {
        self.line(format!(
            "{} {:<16} {}",
            mark(Status::Fail),
            "auth",
            e.message()
        ));
        if attempt < SIGN_IN_ATTEMPTS {
            self.line(format!(
                "  Try again ({} of {SIGN_IN_ATTEMPTS} tries left; lockout policies count refused logins).",
                SIGN_IN_ATTEMPTS - attempt
            ));
        }
    }

    async fn basic(&mut self, instance: &InstanceUrl) -> Result<Verified> {
        let demo = self.settings.demo.clone();
        let mut flag = match demo {
            Some(_) => None,
            None => self.settings.global.username.clone(),
        };
        let profile_user = self.settings.profile.username.clone();
        let mut default = demo
            .as_ref()
            .map(|d| d.username.clone())
            .or_else(|| profile_user.clone());
        let mut known = self.known_secret(instance, SecretKind::Password);
        for attempt in 1..=SIGN_IN_ATTEMPTS {
            let user = self.user_name(&mut flag, default.as_deref())?;
            // A stored password is the profile user's; the environment's is whoever's is named.
            let stored = known.take().filter(|(_, source)| {
                source.starts_with("SN_") || profile_user.as_deref() == Some(user.as_str())
            });
            let password = self.secret_or_ask(
                stored,
                "password",
                &format!("Password for {user} at {instance}"),
                self.demo_password(&user),
            )?;
            let spinner = self.printer.spinner("Signing in");
            let verified =
                sign_in::verify_basic(self.settings, instance, user.clone(), password).await;
            spinner.finish_and_clear();
            match verified {
                Ok(v) => return Ok(v),
                Err(e) if e.kind() == ErrorKind::Auth && attempt < SIGN_IN_ATTEMPTS => {
                    self.refused(&e, attempt);
                    default = Some(user);
                }
                Err(e) => return Err(e),
            }
        }
        unreachable!("the last attempt returns")
    }

    async fn oauth(&mut self, instance: &InstanceUrl) -> Result<Verified> {
        let demo = self.settings.demo.clone();
        let redirect = redirect_url(self.args.redirect_port);
        self.line("  OAuth signs in through an OAuth app on the instance: System OAuth → Application Registry → New →");
        self.line("  \"Create an OAuth API endpoint for external clients\". Its record shows the Client ID and the Client Secret.");
        self.line(format!(
            "  For the browser sign-in its Redirect URL must be exactly {redirect}"
        ));
        let profile_client = self.settings.profile.client_id.clone();
        let client_id = match (&demo, self.settings.global.client_id.clone()) {
            (None, Some(flag)) => flag,
            _ => {
                let default = demo
                    .as_ref()
                    .map(|d| d.client_id.clone())
                    .or_else(|| profile_client.clone());
                self.prompter
                    .text(&Text::new("OAuth client id").default(default.as_deref()))?
            }
        };
        let same_app = profile_client.as_deref() == Some(client_id.as_str());
        let mut secret = self
            .known_secret(instance, SecretKind::ClientSecret)
            .filter(|(_, source)| same_app || source.starts_with("SN_"));
        let mut token = self
            .known_secret(instance, SecretKind::RefreshToken)
            .filter(|(_, source)| same_app || source.starts_with("SN_"));
        let mut default_user = demo
            .as_ref()
            .map(|d| d.username.clone())
            .or_else(|| self.settings.profile.username.clone());
        let mut flag_user = match demo {
            Some(_) => None,
            None => self.settings.global.username.clone(),
        };
        for attempt in 1..=SIGN_IN_ATTEMPTS {
            let demo_secret = demo
                .as_ref()
                .filter(|d| d.client_id == client_id)
                .map(|d| d.client_secret.clone());
            let client_secret = self.secret_or_ask(
                secret.take(),
                "client secret",
                &format!("Client secret of {client_id}"),
                demo_secret,
            )?;
            let mut user = flag_user.clone().or(default_user.clone());
            let first = match token.take() {
                Some((t, source)) => {
                    self.line(format!("  Using the refresh token from {source}."));
                    Grant::RefreshToken(t)
                }
                None => {
                    let items = [
                        "Sign in with a browser (authorization code with PKCE)".to_string(),
                        "Exchange a user name and password once (never stored)".to_string(),
                        "Paste a refresh token I already have".to_string(),
                    ];
                    let default = usize::from(demo.is_some());
                    match self
                        .prompter
                        .select("How to get the refresh token?", &items, default)?
                    {
                        0 => {
                            let login = LoginArgs {
                                grant: Some(GrantChoice::Browser),
                                redirect_port: self.args.redirect_port,
                                no_browser: self.args.no_browser,
                                deadline: 300,
                            };
                            sign_in::browser_code(instance, &client_id, &login, self.printer)
                                .await?
                        }
                        1 => {
                            let name = self.user_name(&mut flag_user, default_user.as_deref())?;
                            let password = self.secret_or_ask(
                                None,
                                "password",
                                &format!("Password for {name} at {instance} (exchanged once, never stored)"),
                                self.demo_password(&name),
                            )?;
                            user = Some(name.clone());
                            Grant::Password {
                                username: name,
                                password,
                            }
                        }
                        _ => Grant::RefreshToken(
                            self.prompter
                                .secret(&format!("Refresh token for {instance}"), false)?,
                        ),
                    }
                }
            };
            let spinner = self.printer.spinner("Signing in");
            let verified = sign_in::verify_oauth(
                self.settings,
                instance,
                client_id.clone(),
                client_secret,
                first,
                user.clone(),
            )
            .await;
            spinner.finish_and_clear();
            match verified {
                Ok(v) => return Ok(v),
                Err(e) if e.kind() == ErrorKind::Auth && attempt < SIGN_IN_ATTEMPTS => {
                    self.refused(&e, attempt);
                    default_user = user.or(default_user);
                }
                Err(e) => return Err(e),
            }
        }
        unreachable!("the last attempt returns")
    }

    /// Stores the secrets (an unreachable keyring is said, and the run goes on with them in
    /// memory) and saves the sign-in in the profile.
    fn keep(
        &mut self,
        instance: &InstanceUrl,
        method: AuthMethod,
        verified: &Verified,
    ) -> Result<()> {
        let words: Vec<&str> = verified.secrets.iter().map(|(k, _)| k.words()).collect();
        let words = steps::and_list(&words);
        if self.settings.demo.is_none() {
            let secrets = self.settings.secrets(instance, SecretKind::Password, false);
            match sign_in::store_all(self.store, &secrets, &verified.secrets) {
                Ok(()) => {
                    self.stored = true;
                    self.line(format!("  Stored the {words} in the OS keyring."));
                }
                Err(e) => {
                    self.line(format!(
                        "{} {e}: the {words} stay in memory for this run only, and nothing is written in plain text.",
                        mark(Status::Warn)
                    ));
                    self.line(format!("  For later runs: {ENV_HINT}."));
                }
            }
        }
        self.save(&sign_in::profile_changes(instance, method, verified))
    }

    /// The instance's release and the user's admin role, as `check` reports them.
    async fn about(&self, client: &Client, method: AuthMethod) {
        let user = client.user().to_string();
        let (info, admin) = tokio::join!(
            steps::instance::probe(client),
            steps::auth::has_admin(client, &user)
        );
        let info = match info {
            Ok(info) if info.release.is_some() => info,
            _ => steps::instance::from_stats_page(client).await,
        };
        self.step_line(&steps::instance::report(&info));
        let report = steps::auth::report(auth::method_name(method), &user, admin);
        self.step_line(&report);
        if report.status != Status::Pass {
            if let Some(fix) = &report.fix {
                self.line(format!("  {} {fix}", "fix:".cyan()));
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // Steps 3 to 6

    /// The group of step 4, when there is no group of that name and no flag named it: one of
    /// the look-alikes, or another name.
    async fn group(&mut self, client: &Client, opts: &mut StepOptions) -> Result<()> {
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

    /// Reads one step.
    async fn read(&self, client: &Client, opts: &StepOptions, id: StepId) -> StepReport {
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

    async fn step(&mut self, client: &Client, opts: &mut StepOptions, id: StepId) -> Result<()> {
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

    /// The group's active members (empty when they cannot be read).
    async fn members(&self, client: &Client, opts: &StepOptions) -> Vec<String> {
        let ctx = Context::new(
            client.clone(),
            StepOptions {
                agent: None,
                ..opts.clone()
            },
        );
        match group_members::check(&ctx).await {
            Ok(report) => report.details["members"]
                .as_array()
                .map(|m| {
                    m.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    }

    /// The agent of steps 4 and 6: one of the group's members, or a user typed (the
    /// instance's users are offered, and a name that is not a user is asked again).
    async fn choose_agent(
        &mut self,
        client: &Client,
        opts: &StepOptions,
        members: &[String],
    ) -> Result<String> {
        let offered = self
            .settings
            .profile
            .agent
            .clone()
            .or_else(|| self.settings.demo.as_ref().map(|_| DEMO_AGENT.to_string()));
        self.line(format!(
            "  The agent is the ServiceNow user who takes the chats the bot hands over; {}",
            if members.is_empty() {
                format!("{} has no active member yet.", opts.group)
            } else {
                format!("{} has {}.", opts.group, steps::and_list(members))
            }
        ));
        if !members.is_empty() {
            let mut items: Vec<String> = members.to_vec();
            if let Some(agent) = offered.as_ref().filter(|a| !members.contains(a)) {
                items.push(agent.clone());
            }
            let default = offered
                .as_ref()
                .and_then(|a| items.iter().position(|i| i == a))
                .unwrap_or(0);
            items.push("Someone else (type a user name)".to_string());
            let pick = self
                .prompter
                .select("Which agent takes the chats?", &items, default)?;
            if pick + 1 < items.len() {
                return Ok(items[pick].clone());
            }
        }
        let users: Vec<String> = client
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
            .unwrap_or_default();
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
                    .suggestions(&users)
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
    async fn webhook_url(
        &mut self,
        client: &Client,
        opts: &mut StepOptions,
        report: StepReport,
    ) -> Result<(StepReport, bool)> {
        let from_flag = self.args.steps.webhook_url.is_some();
        let has_message = report.details["endpoints"]
            .as_array()
            .is_some_and(|e| !e.is_empty());
        if from_flag
            || !has_message
            || (report.status == Status::Pass && opts.webhook_url.is_some())
        {
            return Ok((report, false));
        }
        let current = report.details["endpoints"][0]["endpoint"]
            .as_str()
            .filter(|e| !webhook::is_placeholder(e))
            .filter(|e| webhook::validate_webhook_url(e).is_ok())
            .map(str::to_string);
        let default = opts.webhook_url.clone().or(current).or_else(|| {
            self.settings
                .demo
                .as_ref()
                .map(|_| demo_webhook_url().to_string())
        });
        self.step_line(&report);
        self.line(format!("  {}", why(StepId::Webhook).dimmed()));
        self.line(format!("  Kore.ai XO shows the bot's webhook URL (https://bots.kore.ai/chatbot/v2/webhook/st-…) under {KORE_PATH}."));
        let validate = |s: &str| webhook::validate_webhook_url(s).map(|_| ());
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

    // -----------------------------------------------------------------------------------
    // The end

    async fn finish(&mut self, client: &Client, opts: &StepOptions, login: &Login) -> Result<u8> {
        self.line("");
        let spinner = self.printer.spinner("Checking every step again");
        let report = check(Context::new(client.clone(), opts.clone())).await;
        spinner.finish_and_clear();
        print_human(self.printer, client, &report);

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

        self.kore_values(client, login)?;

        self.line("");
        let (ci, secrets) = self.ci_line(client, opts, login);
        self.line(format!(
            "{} (with {secrets} from the CI's secret store):",
            "To keep it checked in CI".bold()
        ));
        self.line(format!("  {ci}"));
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
        if self.printer.json() {
            self.printer.print_json(&report.to_json());
        }
        Ok(report.exit)
    }

    /// What Kore.ai's configuration tab asks for; secrets only after an explicit yes.
    fn kore_values(&mut self, client: &Client, login: &Login) -> Result<()> {
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
        };
        for (kind, _) in &login.verified.secrets {
            self.line(row(label(*kind), "(hidden)"));
        }
        if self.prompter.confirm(secret_question, false)? {
            for (kind, secret) in &login.verified.secrets {
                self.line(row(label(*kind), secret.expose_secret()));
            }
        }
        Ok(())
    }

    /// The `sn-handoff check …` line for CI, and the secrets it needs from the environment.
    fn ci_line(&self, client: &Client, opts: &StepOptions, login: &Login) -> (String, String) {
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
