//! `sn-handoff init`: the wizard driven in-process by a scripted prompter (every branch), the
//! real binary through a pseudo-terminal (the demo, a served simulator, Ctrl-C), and the
//! unattended `--no-input` run. What a run leaves behind is read from the simulator and from
//! the config file.

mod oauth;
#[cfg(unix)]
mod pty;
mod scripted;
mod unattended;

use clap::Parser;
use sn_handoff::cli::{Cli, Command};
use sn_handoff::commands::init::Wizard;
use sn_handoff::error::{Error, ExitStatus};
use sn_handoff::keystore::Store;
use sn_handoff::settings::{DemoTarget, Settings};
use sn_handoff::ui::prompt::{Asked, Scripted};
use sn_handoff::ui::{Lines, Printer};

use crate::common::*;

/// A Kore.ai webhook URL for the tests.
pub const URL: &str =
    "https://bots.kore.ai/chatbot/v2/webhook/st-11111111-2222-4333-8444-555555555555";

/// What one in-process run of the wizard did.
pub struct Wizardry {
    /// The exit code, or the error it ended with.
    pub result: Result<ExitStatus, Error>,
    /// Everything it printed, one line each.
    pub out: String,
    /// Every question, in order.
    pub asked: Vec<Asked>,
    /// The questions as text (for assertion messages).
    pub transcript: String,
    /// Answers the script had left over.
    pub left: usize,
}

impl Wizardry {
    /// The exit code; panics, showing the run, when it ended with an error.
    pub fn code(&self) -> u8 {
        match &self.result {
            Ok(status) => status.code(),
            Err(e) => panic!(
                "the wizard failed: {e} ({:?})\n--- asked:\n{}\n--- printed:\n{}",
                e.hint(),
                self.transcript,
                self.out
            ),
        }
    }

    /// The error; panics when the run succeeded.
    pub fn error(&self) -> &Error {
        match &self.result {
            Ok(code) => panic!(
                "the wizard ended with {code}\n--- asked:\n{}\n--- printed:\n{}",
                self.transcript, self.out
            ),
            Err(e) => e,
        }
    }

    /// The prompts asked, in order.
    pub fn prompts(&self) -> Vec<&str> {
        self.asked.iter().map(|a| a.prompt.as_str()).collect()
    }

    /// The first question whose prompt contains `words`.
    pub fn question(&self, words: &str) -> &Asked {
        self.asked
            .iter()
            .find(|a| a.prompt.contains(words))
            .unwrap_or_else(|| panic!("nothing asked about {words:?}:\n{}", self.transcript))
    }

    /// Asserts that the output holds every one of `words`.
    pub fn said(&self, words: &[&str]) {
        for w in words {
            assert!(
                self.out.contains(w),
                "{w:?} not in the output:\n{}\n--- asked:\n{}",
                self.out,
                self.transcript
            );
        }
    }
}

/// Runs the wizard against `sim` (as `--demo` when `demo`) with `init ARGS`, the config file
/// and the state directory in `home`, secrets in `store`, answering with `script`.
pub fn wizard(
    sim: &Sim,
    home: &Home,
    args: &[&str],
    demo: bool,
    store: &dyn Store,
    script: Scripted<'_>,
) -> Wizardry {
    wizard_watched(sim, home, args, demo, store, script, |_| {})
}

/// [`wizard`], with `watch` running beside it on the lines it prints (to play a browser, say).
pub fn wizard_watched(
    sim: &Sim,
    home: &Home,
    args: &[&str],
    demo: bool,
    store: &dyn Store,
    mut script: Scripted<'_>,
    watch: impl FnOnce(&Lines) + Send,
) -> Wizardry {
    let config = home.config_file();
    let mut argv = vec!["sn-handoff", "init", "--config", config.to_str().unwrap()];
    argv.extend_from_slice(args);
    let cli = Cli::try_parse_from(argv).unwrap();
    let Command::Init(init) = &cli.command else {
        unreachable!("parsed as init")
    };
    let mut settings = Settings::load_with(&cli.global, true).unwrap();
    if demo {
        settings.overlay_demo(DemoTarget {
            url: sim.url(),
            username: sim.sim.username().to_string(),
            password: sim.sim.password().to_string().into(),
            client_id: sim.sim.oauth_client_id(),
            client_secret: sim.sim.oauth_client_secret().into(),
            api_key: sim.sim.api_key().into(),
        });
    }
    let (printer, lines) = Printer::capturing();
    let result = std::thread::scope(|scope| {
        scope.spawn(|| watch(&lines));
        let mut wizard = Wizard::new(&settings, init, &mut script, &printer, store)
            .unwrap()
            .with_state_dir(home.path().join("state"));
        sim.block_on(wizard.run())
    });
    let out = lines.lock().unwrap().join("\n");
    Wizardry {
        result,
        out,
        transcript: script.transcript(),
        asked: script.asked.clone(),
        left: script.left(),
    }
}

/// The config file's text ("" when there is none).
pub fn config_text(home: &Home) -> String {
    std::fs::read_to_string(home.config_file()).unwrap_or_default()
}

/// Asserts that `check` (the real binary) passes every step on `sim` for the agent and URL.
pub fn assert_ready(sim: &Sim, home: &Home, webhook_url: &str) {
    let r = run(sim.cmd(home).args([
        "check",
        "--json",
        "--agent",
        "abel.tuter",
        "--webhook-url",
        webhook_url,
    ]));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    for id in STEP_IDS {
        assert_eq!(r.status_of(id), "pass", "{id}: {}", r.stdout);
    }
}

/// Asserts that the profile holds the simulator's instance, `admin`, the agent and `webhook_url`,
/// and not its password.
pub fn assert_profile(sim: &Sim, home: &Home, webhook_url: &str) {
    let text = config_text(home);
    for line in [
        format!("instance = \"{}\"", sim.url()),
        "username = \"admin\"".into(),
        "agent = \"abel.tuter\"".into(),
        format!("webhook_url = \"{webhook_url}\""),
    ] {
        assert!(text.contains(&line), "{line} not in:\n{text}");
    }
    assert!(!text.contains(sim.sim.password()), "{text}");
}

/// The write requests (POST, PATCH, PUT, DELETE) the simulator answered so far.
pub fn writes(sim: &Sim) -> usize {
    sim.sim
        .requests()
        .iter()
        .filter(|r| matches!(r.method.as_str(), "POST" | "PATCH" | "PUT" | "DELETE"))
        .count()
}
