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

mod guide_steps;
mod kore_section;
mod pickers;
mod sign_in_steps;
mod summary;
mod unattended;

use std::io::IsTerminal;
use std::path::PathBuf;

use colored::Colorize;

use crate::cli::{AuthMethod, InitArgs};
use crate::commands::auth;
use crate::commands::auth::sign_in::VerifiedSignIn;
use crate::config::update_profile;
use crate::error::{Error, ErrorKind, ExitStatus, Result};
use crate::keystore::{OsKeyring, Store};
use crate::servicenow::Client;
use crate::settings::{Settings, Source};
use crate::state::StateFile;
use crate::steps::{Status, StepReport};
use crate::ui::prompt::{Prompter, Terminal};
use crate::ui::Printer;

/// Signing in is tried this many times before init gives up (lockout policies count refusals).
pub const SIGN_IN_ATTEMPTS: usize = 3;

/// Where Kore.ai XO keeps the ServiceNow agent transfer (Kore.ai, "Configuring the ServiceNow
/// Agent – Utah and higher versions", step 2:
/// https://developer.kore.ai/v10-3/integrations/configuring-the-servicenow-agent-utah-and-vancouver).
pub const KORE_PATH: &str = "App Settings → Integrations → Agent Transfer → ServiceNow";

/// Runs `init`: the wizard on a terminal, `check --fix` under `--no-input`.
pub async fn run(settings: &Settings, args: &InitArgs, printer: &Printer) -> Result<ExitStatus> {
    if settings.no_input() || args.dry_run {
        return unattended::unattended(settings, args, printer).await;
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
    stored: bool,
    /// The OS keyring failed and the run said so: later secrets do not say it again.
    keyring_refused: std::cell::Cell<bool>,
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
    verified: VerifiedSignIn,
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
        let config = match settings.saves() {
            false => None,
            true => Some(auth::config_file(settings)?),
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
            keyring_refused: std::cell::Cell::new(false),
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
        match &self.state_dir {
            _ if !self.settings.saves() => None,
            Some(dir) => Some(StateFile::in_dir(dir, client.instance().as_str())),
            None => StateFile::for_run(self.settings, client),
        }
    }

    /// Runs the whole guide; the exit code is the final check's. Ctrl-C at a question is
    /// exit 130 with the way to resume.
    pub async fn run(&mut self) -> Result<ExitStatus> {
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
            None => "the --demo world keeps what was changed: run `sn-handoff init --demo` to go on (`sn-handoff demo --reset` starts it fresh)".to_string(),
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
        self.settings.invocation().command(what).to_string()
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
            crate::ui::escape::escape(&report.summary)
        ));
    }

    /// Saves profile keys as soon as what they hold was checked (not under `--demo`).
    fn save(&self, changes: &[(&str, Option<&str>)]) -> Result<()> {
        match &self.config {
            Some(path) => update_profile(path, &self.settings.profile_name, changes),
            None => Ok(()),
        }
    }

    async fn guide(&mut self) -> Result<ExitStatus> {
        self.intro();
        let instance = self.instance().await?;
        let login = self.sign_in(&instance).await?;
        let client = login.verified.client.clone();
        self.about(&client, login.method).await?;
        let mut opts = self.settings.step_options(&self.args.steps)?;
        self.group(&client, &mut opts).await?;
        for id in crate::steps::engine::offered_by_init() {
            self.step(&client, &mut opts, id).await?;
        }
        let kore = self.kore(&client, &login).await?;
        self.finish(&client, &opts, &login, kore).await
    }

    fn intro(&self) {
        self.line(format!(
            "{} the Kore.ai \"ServiceNow agent transfer\" guide, step by step.",
            "sn-handoff init:".bold()
        ));
        self.line("Each step is checked on the instance; what is missing is explained and fixed when you say so.");
        match &self.settings.resolved.instance {
            Some(demo) if demo.source == Source::Demo => self.line(format!(
                "{} a simulated instance at {} plays ServiceNow; its login is filled in, so Enter answers every question.",
                "--demo:".bold(),
                demo.value
            )),
            _ => self.line("Ctrl-C stops at any question; running init again picks up where it stopped."),
        }
        self.line("");
    }
}
