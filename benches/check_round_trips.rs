//! What `check` and `check --fix` cost against a simulator that models a real instance: each
//! request waits for one of 4 API slots (a node's API semaphore), holds it for 80 ms of server
//! work, and its answer comes back after the network latency (0 and 150 ms). The real binary
//! runs each case; the table gives the median wall time at each latency, the requests sent,
//! and the round trips, `(t150 - t0) / 150 ms`: what the latency added, in latencies.
//!
//! Rows: `check` cold (no record that the credentials worked: the probe goes alone first) and
//! warm (every read beside the probe), with basic auth and with OAuth (the refresh token in the
//! OS keyring; warm, the access token kept there too, so no token request); the warm reads one
//! at a time (`SN_HANDOFF_CONCURRENCY=1`); and `check --fix` on a fresh instance. Then the CPU
//! time of one warm check (getrusage of the children) and the wall time of `--help`.
//!
//! `cargo bench --bench check_round_trips` measures (the OAuth rows need a Secret Service:
//! `scripts/bench` gives it one); under `cargo test` (no `--bench`) it makes one quick run at
//! a small latency to prove the benchmark itself works.

// The table on stdout is what this benchmark is for.
#![allow(clippy::print_stdout)]

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use sn_handoff::keystore::{self, Key, SecretKind};
use sn_handoff::sim::{Scenario, SimOptions, Simulator};

/// The webhook URL `check --fix` sets.
const WEBHOOK: &str =
    "https://bots.kore.ai/chatbot/v2/webhook/st-00000000-0000-0000-0000-000000000000";

struct Bench {
    rt: tokio::runtime::Runtime,
    runs: usize,
    server_time: Duration,
    home: tempfile::TempDir,
}

/// One measured case at one latency.
#[derive(Clone, Copy, Default)]
struct Cell {
    ms: f64,
    requests: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Auth {
    Basic,
    Oauth,
}

impl Bench {
    fn sim(&self, scenario: Scenario, latency_ms: u64) -> Simulator {
        self.rt
            .block_on(Simulator::start(SimOptions {
                scenario,
                latency: Duration::from_millis(latency_ms),
                server_time: self.server_time,
                api_slots: Some(4),
                ..SimOptions::default()
            }))
            .unwrap()
    }

    fn state_dir(&self) -> PathBuf {
        self.home.path().join("state")
    }

    /// The binary with a clean environment, pointed at `sim`.
    fn cmd(&self, sim: &Simulator, auth: Auth) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sn-handoff"));
        for (key, _) in std::env::vars() {
            if key.starts_with("SN_HANDOFF_") {
                cmd.env_remove(key);
            }
        }
        cmd.env("XDG_CONFIG_HOME", self.home.path().join("config"))
            .env("XDG_STATE_HOME", self.state_dir())
            .env("SN_HANDOFF_INSTANCE", sim.url());
        match auth {
            Auth::Basic => {
                // Named, not left to the profile: an OAuth row's sign-in saved `auth = "oauth"`.
                cmd.env("SN_HANDOFF_AUTH", "basic")
                    .env("SN_HANDOFF_USERNAME", sim.username())
                    .env("SN_HANDOFF_PASSWORD", sim.password());
            }
            Auth::Oauth => {
                cmd.env("SN_HANDOFF_AUTH", "oauth")
                    .env("SN_HANDOFF_CLIENT_ID", sim.oauth_client_id());
            }
        }
        cmd
    }

    /// Signs in with OAuth (the password grant), keeping the secrets in the OS keyring;
    /// false when there is no keyring to keep them in.
    fn oauth_login(&self, sim: &Simulator) -> bool {
        let _ = std::fs::remove_dir_all(self.home.path().join("config"));
        let out = self
            .cmd(sim, Auth::Oauth)
            .env("SN_HANDOFF_CLIENT_SECRET", sim.oauth_client_secret())
            .env("SN_HANDOFF_PASSWORD", sim.password())
            .args(["auth", "login", "-u", "admin", "--grant", "password"])
            .output()
            .unwrap();
        out.status.success()
    }

    /// Forgets that the credentials worked, and the kept access token: the next check is cold.
    fn cool(&self, sim: &Simulator) {
        let _ = std::fs::remove_dir_all(self.state_dir());
        let _ = keystore::delete(&Key {
            profile: "default".into(),
            instance: sim.url(),
            kind: SecretKind::AccessToken,
        });
    }

    /// Runs `cmd` once; the wall time and the requests it sent.
    fn once(sim: &Simulator, mut cmd: Command) -> Cell {
        let before = sim.requests().len();
        let started = Instant::now();
        let out = cmd.output().unwrap();
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "the run failed ({:?}): {}{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        Cell {
            ms,
            requests: sim.requests().len() - before,
        }
    }

    fn median(mut cells: Vec<Cell>) -> Cell {
        cells.sort_by(|a, b| a.ms.total_cmp(&b.ms));
        cells[cells.len() / 2]
    }

    /// `check` as `auth` signs in: cold (each run after [`Bench::cool`]) or warm, concurrent
    /// or one request at a time.
    fn check(&self, latency_ms: u64, auth: Auth, warm: bool, one_at_a_time: bool) -> Option<Cell> {
        let sim = self.sim(Scenario::Configured, latency_ms);
        if auth == Auth::Oauth && !self.oauth_login(&sim) {
            return None;
        }
        self.cool(&sim);
        let check = |sim: &Simulator| {
            let mut cmd = self.cmd(sim, auth);
            cmd.args(["check", "--json", "--agent", "abel.tuter"]);
            if one_at_a_time {
                cmd.env("SN_HANDOFF_CONCURRENCY", "1");
            }
            cmd
        };
        if warm {
            Self::once(&sim, check(&sim));
        }
        let cells = (0..self.runs)
            .map(|_| {
                if !warm {
                    self.cool(&sim);
                }
                Self::once(&sim, check(&sim))
            })
            .collect();
        Some(Self::median(cells))
    }

    /// `check --fix` on a fresh instance (a new one each run).
    fn fix(&self, latency_ms: u64) -> Cell {
        let runs = self.runs.min(3);
        let cells = (0..runs)
            .map(|_| {
                let sim = self.sim(Scenario::Fresh, latency_ms);
                self.cool(&sim);
                let mut cmd = self.cmd(&sim, Auth::Basic);
                cmd.args(["check", "--fix", "--json", "--agent", "abel.tuter"])
                    .args(["--webhook-url", WEBHOOK]);
                Self::once(&sim, cmd)
            })
            .collect();
        Self::median(cells)
    }

    /// CPU milliseconds (user + system) of one warm check at no latency.
    fn cpu_of_check(&self) -> f64 {
        let sim = self.sim(Scenario::Configured, 0);
        self.cool(&sim);
        let check = || {
            let mut cmd = self.cmd(&sim, Auth::Basic);
            cmd.args(["check", "--json", "--agent", "abel.tuter"]);
            cmd
        };
        Self::once(&sim, check());
        let before = children_cpu_ms();
        for _ in 0..self.runs {
            Self::once(&sim, check());
        }
        (children_cpu_ms() - before) / self.runs as f64
    }

    /// The median wall time of `--help`.
    fn help(&self) -> f64 {
        let mut times: Vec<f64> = (0..self.runs.max(5))
            .map(|_| {
                let started = Instant::now();
                let out = Command::new(env!("CARGO_BIN_EXE_sn-handoff"))
                    .arg("--help")
                    .output()
                    .unwrap();
                assert!(out.status.success());
                started.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    }
}

/// CPU time of the waited-for children so far, in milliseconds.
fn children_cpu_ms() -> f64 {
    // SAFETY: getrusage writes one plain struct that is ours.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    ms(usage.ru_utime) + ms(usage.ru_stime)
}

fn main() {
    let measuring = std::env::args().any(|a| a == "--bench");
    let (latencies, runs, server_ms) = if measuring {
        ([0, 150], 5, 80)
    } else {
        ([0, 10], 1, 5)
    };
    let bench = Bench {
        rt: tokio::runtime::Runtime::new().unwrap(),
        runs,
        server_time: Duration::from_millis(server_ms),
        home: tempfile::tempdir().unwrap(),
    };
    type Case<'a> = (&'a str, Box<dyn Fn(u64) -> Option<Cell> + 'a>);
    let cases: Vec<Case> = vec![
        (
            "check, basic, cold",
            Box::new(|l| bench.check(l, Auth::Basic, false, false)),
        ),
        (
            "check, basic, warm",
            Box::new(|l| bench.check(l, Auth::Basic, true, false)),
        ),
        (
            "the same reads one at a time",
            Box::new(|l| bench.check(l, Auth::Basic, true, true)),
        ),
        (
            "check, OAuth, cold",
            Box::new(|l| bench.check(l, Auth::Oauth, false, false)),
        ),
        (
            "check, OAuth, warm",
            Box::new(|l| bench.check(l, Auth::Oauth, true, false)),
        ),
        (
            "check --fix, fresh instance",
            Box::new(|l| Some(bench.fix(l))),
        ),
    ];
    let [low, high] = latencies;
    println!(
        "Simulated instance: {server_ms} ms of server work per request, 4 API slots; median of {runs} runs.\n"
    );
    println!(
        "| case | {low} ms latency | requests | {high} ms latency | round trips |\n|---|---:|---:|---:|---:|"
    );
    let mut warm_high = None;
    let mut serial_high = None;
    for (name, case) in &cases {
        match (case(low), case(high)) {
            (Some(a), Some(b)) => {
                let trips = (b.ms - a.ms) / high as f64;
                println!(
                    "| {name} | {:.0} ms | {} | {:.0} ms | {trips:.2} |",
                    a.ms, a.requests, b.ms
                );
                if *name == "check, basic, warm" {
                    warm_high = Some(b.ms);
                }
                if *name == "the same reads one at a time" {
                    serial_high = Some(b.ms);
                }
            }
            _ => println!("| {name} | n/a (no OS keyring: run scripts/bench) | | | |"),
        }
    }
    if let (Some(warm), Some(serial)) = (warm_high, serial_high) {
        println!(
            "\nWarm check against the same reads one at a time at {high} ms: {:.1}x faster.",
            serial / warm
        );
    }
    println!(
        "CPU time of one warm check: {:.1} ms.",
        bench.cpu_of_check()
    );
    println!("--help: {:.1} ms wall.", bench.help());
}
