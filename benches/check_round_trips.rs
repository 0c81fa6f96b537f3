//! What sn-handoff's read commands and `check --fix` cost, side by side with two clients that
//! do the same job by hand, against a simulator that models a real instance: each request
//! waits for one of 4 API slots (a node's API semaphore), holds it for 80 ms of server work,
//! and its answer comes back after 150 ms of network latency.
//!
//! The two reference clients (in `benches/reference/`) read what a check needs to judge and
//! explain every step without planning its reads: the requests of sn-handoff's own warm check
//! plus the five reads it makes only to explain a failure (the group and user lookups, the
//! REST message, the Available presence state, the Chat channel). `one_at_a_time.sh` reads
//! them with one curl each, one after the other; `all_at_once.py` (Python's standard library,
//! one thread per read) sends them all at once. A third row sends only sn-handoff's own reads
//! all at once, to show what is left once the reads are the same.
//!
//! The cases are run interleaved (A, B, C, A, B, C, …) so that a machine busy with something
//! else slows them alike; each ratio is taken within one round of the cases, and the table
//! gives its median and its spread (lowest–highest). Round trips come from the simulator's
//! request log (`RequestRecord::round`), so they do not depend on the machine.
//!
//! `cargo bench --bench check_round_trips` measures (the OAuth rows need a Secret Service:
//! `scripts/bench` gives it one); under `cargo test` (no `--bench`) it makes one quick run at
//! a small latency to prove the benchmark itself works. `-- fix` measures only `check --fix`
//! (no keyring needed); `SN_HANDOFF_BENCH_RUNS=N` sets the runs of each case, and
//! `SN_HANDOFF_BENCH_BIN=PATH` times another build of the binary (an older one, to compare);
//! `SN_HANDOFF_BENCH_TRACE=1` prints every request of every run (its round, method, path and
//! query) to standard error, to see which rounds a run spends.

// The table on stdout is what this benchmark is for, and a failed run says why on stderr.
#![allow(clippy::print_stdout, clippy::print_stderr)]
// Each case is one measured story from the instance's start to its row of the table.
#![allow(clippy::too_many_lines)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use sn_handoff::keystore::{self, Key, SecretKind};
use sn_handoff::sim::{RequestRecord, Scenario, SimOptions, Simulator};

/// The webhook URL `check --fix` sets.
const WEBHOOK: &str =
    "https://bots.kore.ai/chatbot/v2/webhook/st-00000000-0000-0000-0000-000000000000";

/// The reads sn-handoff makes only to explain a failure (path and query, as it sends them).
const EXPLAINING: [&str; 5] = [
    "/api/now/v2/table/sys_user?sysparm_exclude_reference_link=true&sysparm_display_value=false&sysparm_limit=1000&sysparm_query=user_name%3Dabel.tuter&sysparm_fields=sys_id%2Cuser_name%2Cname%2Cactive",
    "/api/now/v2/table/sys_user_group?sysparm_exclude_reference_link=true&sysparm_display_value=false&sysparm_limit=1000&sysparm_query=name%3DConsumer%20Service%20Support&sysparm_fields=sys_id%2Cname%2Cactive",
    "/api/now/v2/table/sys_rest_message?sysparm_exclude_reference_link=true&sysparm_display_value=false&sysparm_limit=1000&sysparm_query=nameINVABot%20to%20Bot%2CVA%20Bot%20to%20Bot&sysparm_fields=sys_id%2Cname%2Crest_endpoint%2Csys_mod_count",
    "/api/now/v2/table/awa_presence_state?sysparm_exclude_reference_link=true&sysparm_display_value=false&sysparm_limit=1000&sysparm_query=name%3DAvailable&sysparm_fields=sys_id%2Cname%2Cactive%2Cservice_channels%2Csys_mod_count",
    "/api/now/v2/table/awa_service_channel?sysparm_exclude_reference_link=true&sysparm_display_value=false&sysparm_limit=1000&sysparm_query=name%3DChat&sysparm_fields=sys_id%2Cname",
];

struct Bench {
    rt: tokio::runtime::Runtime,
    runs: usize,
    latency: Duration,
    server_time: Duration,
    home: tempfile::TempDir,
    python: Option<PathBuf>,
    /// The binary timed: this build's, or `SN_HANDOFF_BENCH_BIN`.
    binary: PathBuf,
}

/// One run: its wall time, its requests, and its round trips.
#[derive(Clone, Copy, Default)]
struct Cell {
    ms: f64,
    requests: usize,
    rounds: u32,
}

#[derive(Clone, Copy, PartialEq)]
enum Auth {
    Basic,
    Oauth,
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn spread(values: &[f64]) -> (f64, f64) {
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (low, high)
}

/// Round trips of one run's requests (see `RequestRecord::round`).
fn rounds(requests: &[RequestRecord]) -> u32 {
    let first = requests.iter().map(|r| r.round).min().unwrap_or(1);
    let last = requests.iter().map(|r| r.round).max().unwrap_or(0);
    (last + 1).saturating_sub(first)
}

/// Prints a run's requests, round by round (`SN_HANDOFF_BENCH_TRACE`).
fn trace(requests: &[RequestRecord], ms: f64) {
    let first = requests.iter().map(|r| r.round).min().unwrap_or(1);
    eprintln!(
        "-- {} requests, {} round trips, {ms:.0} ms",
        requests.len(),
        rounds(requests)
    );
    for r in requests {
        let query: String = r.query.chars().take(110).collect();
        eprintln!(
            "{:>3} {:<6} {} {} {query}",
            r.round + 1 - first,
            r.method,
            r.status,
            r.path
        );
    }
}

impl Bench {
    fn sim(&self, options: SimOptions) -> Simulator {
        self.rt.block_on(Simulator::start(options)).unwrap()
    }

    /// The realistic model: the latency, the server time and 4 API slots.
    fn realistic(&self, scenario: Scenario) -> SimOptions {
        SimOptions {
            scenario,
            latency: self.latency,
            server_time: self.server_time,
            api_slots: Some(4),
            ..SimOptions::default()
        }
    }

    fn state_dir(&self) -> PathBuf {
        self.home.path().join("state")
    }

    /// The binary with a clean environment, pointed at `sim`.
    fn cmd(&self, sim: &Simulator, auth: Auth) -> Command {
        let mut cmd = Command::new(&self.binary);
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

    /// Signs in (`auth login`), keeping the secrets in the OS keyring; the run, or `None`
    /// when there is no keyring to keep them in.
    fn login(&self, sim: &Simulator, auth: Auth) -> Option<Cell> {
        let _ = std::fs::remove_dir_all(self.home.path().join("config"));
        let mut cmd = self.cmd(sim, auth);
        match auth {
            Auth::Oauth => {
                cmd.env("SN_HANDOFF_CLIENT_SECRET", sim.oauth_client_secret())
                    .env("SN_HANDOFF_PASSWORD", sim.password())
                    .args(["auth", "login", "-u", "admin", "--grant", "password"]);
            }
            Auth::Basic => {
                cmd.args(["auth", "login", "-u", "admin"]);
            }
        }
        Self::try_once(sim, cmd)
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

    /// Runs `cmd` once (exit 0 or 1 expected); the wall time, the requests, the rounds.
    fn once(sim: &Simulator, cmd: Command) -> Cell {
        Self::try_once(sim, cmd).expect("the run failed")
    }

    fn try_once(sim: &Simulator, mut cmd: Command) -> Option<Cell> {
        let before = sim.requests().len();
        let started = Instant::now();
        let out = cmd.output().unwrap();
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        if !matches!(out.status.code(), Some(0 | 1)) {
            eprintln!(
                "the run failed ({:?}): {}{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            return None;
        }
        let requests = &sim.requests()[before..];
        if std::env::var_os("SN_HANDOFF_BENCH_TRACE").is_some() {
            trace(requests, ms);
        }
        Some(Cell {
            ms,
            requests: requests.len(),
            rounds: rounds(requests),
        })
    }

    /// A reference client over the reads in `urls` (written to a file for it).
    fn reference(&self, sim: &Simulator, program: &[&str], urls: &[String], name: &str) -> Cell {
        let file = self.home.path().join(format!("{name}.urls"));
        std::fs::write(&file, urls.join("\n") + "\n").unwrap();
        let mut cmd = Command::new(program[0]);
        cmd.args(&program[1..])
            .arg(&file)
            .env("SN_HANDOFF_USERNAME", sim.username())
            .env("SN_HANDOFF_PASSWORD", sim.password());
        let cell = Self::once(sim, cmd);
        assert_eq!(cell.requests, urls.len(), "{name} sent every read once");
        cell
    }

    fn check(&self, sim: &Simulator, auth: Auth, args: &[&str]) -> Command {
        let mut cmd = self.cmd(sim, auth);
        cmd.args(args);
        cmd
    }
}

const CHECK: [&str; 4] = ["check", "--json", "--agent", "abel.tuter"];

fn reference_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/reference")
}

/// The interpreter itself (not a version manager's shim, which would add its own start-up).
fn python() -> Option<PathBuf> {
    let out = Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .ok()?;
    let path = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !path.is_empty()).then(|| PathBuf::from(path))
}

/// One row of the side-by-side table.
fn row(name: &str, cells: &[Cell], base: Option<&[Cell]>) {
    let ms: Vec<f64> = cells.iter().map(|c| c.ms).collect();
    let (low, high) = spread(&ms);
    let ratio = match base {
        Some(base) => {
            let ratios: Vec<f64> = cells.iter().zip(base).map(|(c, b)| c.ms / b.ms).collect();
            let (rl, rh) = spread(&ratios);
            format!("{:.2}× ({rl:.2}–{rh:.2})", median(ratios.clone()))
        }
        None => "1".into(),
    };
    println!(
        "| {name} | {:.0} ms | {low:.0}–{high:.0} ms | {} | {} | {ratio} |",
        median(ms),
        cells[0].requests,
        cells[0].rounds,
    );
}

fn main() {
    let measuring = std::env::args().any(|a| a == "--bench");
    let only_fix = std::env::args().skip(1).any(|a| a == "fix");
    let (latency, server, runs) = if measuring { (150, 80, 9) } else { (10, 5, 1) };
    let runs = std::env::var("SN_HANDOFF_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(runs);
    let bench = Bench {
        rt: tokio::runtime::Runtime::new().unwrap(),
        runs,
        latency: Duration::from_millis(latency),
        server_time: Duration::from_millis(server),
        home: tempfile::tempdir().unwrap(),
        python: python(),
        binary: std::env::var_os("SN_HANDOFF_BENCH_BIN").map_or_else(
            || PathBuf::from(env!("CARGO_BIN_EXE_sn-handoff")),
            PathBuf::from,
        ),
    };
    println!(
        "Simulated instance: {latency} ms latency, {server} ms of server work per request, 4 API slots; {runs} interleaved runs of each case.\n"
    );
    if only_fix {
        fix_case(&bench, latency, server);
        return;
    }

    // The warm check against the two reference clients.
    let sim = bench.sim(bench.realistic(Scenario::Configured));
    bench.cool(&sim);
    Bench::once(&sim, bench.check(&sim, Auth::Basic, &CHECK));
    let before = sim.requests().len();
    Bench::once(&sim, bench.check(&sim, Auth::Basic, &CHECK));
    let own: Vec<String> = sim.requests()[before..]
        .iter()
        .map(|r| format!("{}{}?{}", sim.url(), r.path, r.query))
        .collect();
    let mut all = own.clone();
    all.extend(EXPLAINING.iter().map(|p| format!("{}{p}", sim.url())));
    let curl = reference_dir().join("one_at_a_time.sh");
    let curl = curl.to_str().unwrap();
    let py_script = reference_dir().join("all_at_once.py");
    let py_script = py_script.to_str().unwrap();
    let python = bench
        .python
        .as_ref()
        .map(|p| p.to_str().unwrap().to_string());
    let (mut warm, mut cold, mut by_curl, mut by_py, mut by_py_own) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..bench.runs {
        warm.push(Bench::once(&sim, bench.check(&sim, Auth::Basic, &CHECK)));
        by_curl.push(bench.reference(&sim, &["bash", curl], &all, "curl"));
        if let Some(python) = &python {
            by_py.push(bench.reference(&sim, &[python, py_script], &all, "python"));
            by_py_own.push(bench.reference(&sim, &[python, py_script], &own, "python-own"));
        }
        bench.cool(&sim);
        cold.push(Bench::once(&sim, bench.check(&sim, Auth::Basic, &CHECK)));
        // Warm again for the next round.
        Bench::once(&sim, bench.check(&sim, Auth::Basic, &CHECK));
    }
    println!("| case | median | lowest–highest | requests | round trips | against the warm check (median, lowest–highest) |\n|---|---:|---:|---:|---:|---:|");
    row("`check`, warm", &warm, None);
    row("`check`, cold (the probe first)", &cold, Some(&warm));
    row(
        "sequential curl script, one curl per read",
        &by_curl,
        Some(&warm),
    );
    if !by_py.is_empty() {
        row(
            "reference client, every read at once (Python)",
            &by_py,
            Some(&warm),
        );
        row(
            "reference client, sn-handoff's own reads at once",
            &by_py_own,
            Some(&warm),
        );
    }

    // The other read commands, warm.
    println!("\n| read command, warm | median | requests | round trips |\n|---|---:|---:|---:|");
    let bundle = bench.home.path().join("bundle.tar.gz");
    let bundle = bundle.to_str().unwrap().to_string();
    let commands: [(&str, Vec<&str>); 3] = [
        (
            "`check --deep`",
            vec!["check", "--json", "--deep", "--agent", "abel.tuter"],
        ),
        (
            "`why-no-agent`",
            vec!["why-no-agent", "--json", "--agent", "abel.tuter"],
        ),
        (
            "`doctor`",
            vec!["doctor", "--bundle", &bundle, "--agent", "abel.tuter"],
        ),
    ];
    for (name, args) in &commands {
        let cells: Vec<Cell> = (0..bench.runs)
            .map(|_| Bench::once(&sim, bench.check(&sim, Auth::Basic, args)))
            .collect();
        let ms = median(cells.iter().map(|c| c.ms).collect());
        println!(
            "| {name} | {ms:.0} ms | {} | {} |",
            cells[0].requests, cells[0].rounds
        );
    }

    // `auth login`, then the first check after it.
    println!("\n| sign-in | login: median, round trips | first check after it: median, round trips |\n|---|---:|---:|");
    for (name, auth) in [
        ("basic", Auth::Basic),
        ("OAuth (password grant)", Auth::Oauth),
    ] {
        let sim = bench.sim(bench.realistic(Scenario::Configured));
        let mut logins = Vec::new();
        let mut checks = Vec::new();
        for _ in 0..bench.runs {
            bench.cool(&sim);
            let Some(login) = bench.login(&sim, auth) else {
                break;
            };
            logins.push(login);
            // Everything from the profile and the keyring.
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_sn-handoff"));
            for (key, _) in std::env::vars() {
                if key.starts_with("SN_HANDOFF_") {
                    cmd.env_remove(key);
                }
            }
            cmd.env("XDG_CONFIG_HOME", bench.home.path().join("config"))
                .env("XDG_STATE_HOME", bench.state_dir())
                .args(CHECK);
            checks.push(Bench::once(&sim, cmd));
        }
        if logins.is_empty() {
            println!("| {name} | n/a (no OS keyring: run scripts/bench) | |");
            continue;
        }
        let lm = median(logins.iter().map(|c| c.ms).collect());
        let cm = median(checks.iter().map(|c| c.ms).collect());
        println!(
            "| {name} | {lm:.0} ms, {} | {cm:.0} ms, {} |",
            logins[0].rounds, checks[0].rounds
        );
    }
    let _ = std::fs::remove_dir_all(bench.home.path().join("config"));

    fix_case(&bench, latency, server);

    // CPU time of one warm check at no latency, and `--help`.
    let sim = bench.sim(SimOptions {
        scenario: Scenario::Configured,
        ..SimOptions::default()
    });
    bench.cool(&sim);
    Bench::once(&sim, bench.check(&sim, Auth::Basic, &CHECK));
    let mut cpu = Vec::new();
    for _ in 0..bench.runs {
        let before = children_cpu_ms();
        Bench::once(&sim, bench.check(&sim, Auth::Basic, &CHECK));
        cpu.push(children_cpu_ms() - before);
    }
    let (low, high) = spread(&cpu);
    println!(
        "\nCPU time (user + system) of one warm check: {:.1} ms median ({low:.1}–{high:.1}).",
        median(cpu)
    );
    let help: Vec<f64> = (0..bench.runs.max(5))
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
    println!("`--help`: {:.1} ms wall, median.", median(help));
}

/// `check --fix` on a fresh instance: the realistic model with activations that end on the
/// third poll, and the simulator's default (no latency, no server time, two polls).
fn fix_case(bench: &Bench, latency: u64, server: u64) {
    println!("\n| `check --fix`, fresh instance | median | lowest–highest | requests | round trips |\n|---|---:|---:|---:|---:|");
    let fix_runs = bench.runs.min(5);
    let realistic = SimOptions {
        cicd_polls: 3,
        ..bench.realistic(Scenario::Fresh)
    };
    let default = SimOptions {
        scenario: Scenario::Fresh,
        ..SimOptions::default()
    };
    let (mut slow, mut quick) = (Vec::new(), Vec::new());
    for _ in 0..fix_runs {
        for (options, cells) in [(&realistic, &mut slow), (&default, &mut quick)] {
            let sim = bench.sim(options.clone());
            bench.cool(&sim);
            let mut cmd = bench.cmd(&sim, Auth::Basic);
            cmd.args(["check", "--fix", "--json", "--agent", "abel.tuter"])
                .args(["--webhook-url", WEBHOOK]);
            cells.push(Bench::once(&sim, cmd));
        }
    }
    for (name, cells) in [
        (
            format!("{latency} ms latency, {server} ms server time, 4 slots; three polls per activation"),
            &slow,
        ),
        ("the simulator's default; two polls".to_string(), &quick),
    ] {
        let ms: Vec<f64> = cells.iter().map(|c| c.ms).collect();
        let (low, high) = spread(&ms);
        // Without latency a round trip cannot be told from the next.
        let trips = if cells[0].rounds > cells[0].requests as u32 / 2 {
            "–".to_string()
        } else {
            cells[0].rounds.to_string()
        };
        println!(
            "| {name} | {:.0} ms | {low:.0}–{high:.0} ms | {} | {trips} |",
            median(ms),
            cells[0].requests,
        );
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
