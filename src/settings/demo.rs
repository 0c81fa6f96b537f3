//! The `--demo` overlay: the in-process simulator's URL, login and OAuth app in place of what
//! the flags, environment and profile say, and nothing saved.

use secrecy::SecretString;

use super::{Resolved, Settings, Source};
#[cfg(feature = "demo")]
use crate::error::{Error, Result};
use crate::keystore::SecretKind;

/// The Kore.ai simulator of `--demo`.
#[derive(Clone)]
pub struct KoreDemo {
    /// Its origin, `http://127.0.0.1:PORT`.
    pub host: String,
    /// The simulated bot's id.
    pub bot_id: String,
    /// The client id of its JWT app.
    pub client_id: String,
    /// The client secret of its JWT app.
    pub client_secret: SecretString,
    /// The client id of its Admin Console app (publishing).
    pub admin_client_id: String,
    /// Its client secret.
    pub admin_client_secret: SecretString,
}

/// The agent `--demo` offers: a user of the simulated instance, as of ServiceNow's demo data.
pub const DEMO_AGENT: &str = "abel.tuter";

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

/// Where to connect when `--demo` is given: the in-process simulator's URL and login.
#[derive(Clone)]
pub struct DemoTarget {
    /// The simulator's URL.
    pub url: String,
    /// Its user name.
    pub username: String,
    pub password: secrecy::SecretString,
    /// The client id of its OAuth app.
    pub client_id: String,
    /// The client secret of its OAuth app.
    pub client_secret: secrecy::SecretString,
    /// A REST API key of its user (`--auth apikey`).
    pub api_key: secrecy::SecretString,
}

/// The simulated instance and Kore.ai platform of a `--demo` run: they serve until dropped.
#[cfg(feature = "demo")]
pub struct DemoSimulators {
    instance: crate::sim::Simulator,
    kore: crate::sim::kore::KoreSimulator,
    /// Where the world is kept, and what it was started as.
    world: Option<(std::path::PathBuf, serde_json::Value)>,
}

/// The file that keeps the `--demo` world (both simulators' records) between runs:
/// `demo-world.json` in the state directory. It holds no secret of a real instance, and none
/// of the simulators' (their secrets are minted again at each start).
pub fn demo_world_path() -> Option<std::path::PathBuf> {
    crate::fs::xdg_dir("XDG_STATE_HOME", ".local/state").map(|dir| dir.join("demo-world.json"))
}

#[cfg(feature = "demo")]
impl DemoSimulators {
    /// Keeps the world for the next `--demo` run (a run that cannot write it only loses that;
    /// the next run starts where this one started).
    pub fn save(&self) {
        let Some((path, started)) = &self.world else {
            return;
        };
        let mut world = started.clone();
        world["servicenow"] = self.instance.snapshot();
        world["kore"] = self.kore.snapshot();
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(text) = serde_json::to_vec(&world) {
            let _ = crate::fs::write_atomic(path, &text);
        }
    }
}

/// Forgets the `--demo` world (`sn-handoff demo --reset`); whether there was one.
pub fn reset_demo_world() -> Result<bool> {
    let Some(path) = demo_world_path() else {
        return Ok(false);
    };
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::usage(format!(
            "cannot remove the demo world {}: {e}",
            path.display()
        ))),
    }
}

impl Settings {
    /// The `--demo` overlay: the simulated instance's URL, login and OAuth app replace what
    /// the flags, environment and profile said (the method stays as given), and nothing is
    /// saved to the profile, keyring or a real instance's state; the profile is not read
    /// either (only flags and demo values count).
    pub fn overlay_demo(&mut self, target: DemoTarget) {
        // Only flags and demo values: nothing of a real instance's profile.
        self.profile = crate::config::Profile::default();
        let demo = |value: String| Some(Resolved::new(value, Source::Demo));
        self.resolved.instance = demo(target.url.clone());
        self.resolved.username = demo(target.username.clone());
        self.resolved.client_id = demo(target.client_id.clone());
        self.demo = Some(target);
    }

    /// Under `--demo`, for a command other than `demo` itself: starts the simulators
    /// ([`Settings::start_demo`]) in `--demo-scenario`, else the scenario the command needs (a
    /// fresh instance has nothing to hand a conversation to: `smoke-test` and `why-no-agent`
    /// run against the instance after the guide was followed). `--release` without `--demo`
    /// (or `sn-handoff demo`) is exit 2.
    #[cfg(feature = "demo")]
    pub async fn demo_for(
        &mut self,
        command: &crate::cli::Command,
    ) -> Result<Option<DemoSimulators>> {
        use crate::cli::Command;
        use crate::sim::Scenario;
        let is_demo = matches!(command, Command::Demo(_));
        if self.global.release.is_some() && !self.global.demo && !is_demo {
            return Err(Error::usage(
                "--release only chooses the simulated instance's release: use it with --demo or `sn-handoff demo`",
            ));
        }
        if !self.global.demo || is_demo {
            return Ok(None);
        }
        let scenario = match (self.global.demo_scenario, command) {
            (Some(scenario), _) => scenario,
            (None, Command::SmokeTest(_) | Command::WhyNoAgent(_)) => Scenario::Configured,
            _ => Scenario::Fresh,
        };
        let release = self.demo_release();
        let chosen = self.global.demo_scenario.is_some() || self.global.release.is_some();
        Ok(Some(self.start_demo(scenario, release, chosen).await?))
    }

    /// The simulated release (`--release`, else the newest).
    #[cfg(feature = "demo")]
    pub fn demo_release(&self) -> crate::sim::Release {
        self.global.release.unwrap_or_default()
    }

    /// Starts the simulated instance of `--demo` in `scenario` and the simulated Kore.ai
    /// platform (its bot hands over to ServiceNow when the scenario is the one after the
    /// guide), and overlays them; they serve until the returned simulators are dropped.
    #[cfg(feature = "demo")]
    pub async fn start_demo(
        &mut self,
        scenario: crate::sim::Scenario,
        release: crate::sim::Release,
        chosen: bool,
    ) -> Result<DemoSimulators> {
        // The world of the last `--demo` run, unless this run chose another scenario or
        // release (then a fresh one replaces it).
        let path = demo_world_path();
        let key = serde_json::json!({
            "release": format!("{release:?}"),
            "scenario": scenario.to_string(),
        });
        let saved: Option<serde_json::Value> = path
            .as_ref()
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok());
        let saved = saved.filter(|world: &serde_json::Value| {
            world["release"] == key["release"] && (!chosen || world["scenario"] == key["scenario"])
        });
        let (scenario, key) = match &saved {
            Some(world) => (
                world["scenario"]
                    .as_str()
                    .and_then(|s| clap::ValueEnum::from_str(s, true).ok())
                    .unwrap_or(scenario),
                serde_json::json!({"release": world["release"], "scenario": world["scenario"]}),
            ),
            None => (scenario, key),
        };
        let sim = crate::sim::Simulator::start(crate::sim::SimOptions {
            scenario,
            release,
            ..crate::sim::SimOptions::default()
        })
        .await
        .map_err(|e| Error::usage(format!("cannot start the simulated instance: {e}")))?;
        self.overlay_demo(DemoTarget {
            url: sim.url(),
            username: sim.username().to_string(),
            password: SecretString::from(sim.password().to_string()),
            client_id: sim.oauth_client_id().to_string(),
            client_secret: SecretString::from(sim.oauth_client_secret().to_string()),
            api_key: SecretString::from(sim.api_key()),
        });
        let kore = crate::sim::kore::KoreSimulator::start(crate::sim::kore::KoreSimOptions {
            configured: scenario.configured(),
            ..crate::sim::kore::KoreSimOptions::default()
        })
        .await
        .map_err(|e| Error::usage(format!("cannot start the simulated Kore.ai platform: {e}")))?;
        if let Some(world) = &saved {
            sim.restore(&world["servicenow"]);
            kore.restore(&world["kore"]);
        }
        self.kore_demo = Some(KoreDemo {
            host: kore.url(),
            bot_id: kore.bot_id().to_string(),
            client_id: kore.client_id().to_string(),
            client_secret: SecretString::from(kore.client_secret()),
            admin_client_id: kore.admin_client_id().to_string(),
            admin_client_secret: SecretString::from(kore.admin_client_secret()),
        });
        Ok(DemoSimulators {
            instance: sim,
            kore,
            world: path.map(|p| (p, key)),
        })
    }

    /// The agent a question offers first: the profile's, or under `--demo` the simulated
    /// instance's.
    pub fn offered_agent(&self) -> Option<String> {
        self.profile
            .agent
            .clone()
            .or_else(|| self.demo.as_ref().map(|_| DEMO_AGENT.to_string()))
    }

    /// The webhook URL a question offers when the profile has none: under `--demo` the
    /// simulated bot's.
    pub fn offered_webhook_url(&self) -> Option<String> {
        self.demo.as_ref().map(|_| demo_webhook_url().to_string())
    }

    /// Under `--demo`, the simulator's secret of `kind` for `whose` (its user for the
    /// password, its OAuth app's client id for the client secret), for a prompt to offer.
    pub fn simulator_secret(&self, kind: SecretKind, whose: &str) -> Option<SecretString> {
        let demo = self.demo.as_ref()?;
        match kind {
            SecretKind::Password if demo.username == whose => Some(demo.password.clone()),
            SecretKind::ClientSecret if demo.client_id == whose => Some(demo.client_secret.clone()),
            _ => None,
        }
    }

    /// Whether answers, secrets and repair state may be kept (not under `--demo`, whose
    /// instance ends with the process).
    pub fn saves(&self) -> bool {
        self.demo.is_none()
    }
}
