//! How many round trips `check` (and `check --deep`) costs: the real binary against the
//! simulator with 150 ms added to every response, as run concurrently (the default) and one
//! request at a time (`SN_HANDOFF_CONCURRENCY=1`). Prints the median wall time divided by the
//! latency.
//!
//! `cargo bench --bench check_round_trips` measures; under `cargo test` (no `--bench`) it makes
//! one quick run to prove the benchmark itself works.

use std::process::Command;
use std::time::{Duration, Instant};

use sn_handoff::sim::{Scenario, SimOptions, Simulator};

fn main() {
    let measuring = std::env::args().any(|a| a == "--bench");
    let (latency_ms, runs) = if measuring { (150, 9) } else { (10, 1) };
    let rt = tokio::runtime::Runtime::new().unwrap();
    for scenario in [Scenario::Fresh, Scenario::Configured] {
        let sim = rt
            .block_on(Simulator::start(SimOptions {
                scenario,
                latency: Duration::from_millis(latency_ms),
                ..SimOptions::default()
            }))
            .unwrap();
        for (concurrency, deep) in [("24", false), ("1", false), ("24", true), ("1", true)] {
            let mut times = Vec::new();
            let mut requests = 0;
            for _ in 0..runs {
                let before = sim.requests().len();
                let started = Instant::now();
                let out = Command::new(env!("CARGO_BIN_EXE_sn-handoff"))
                    .args(["check", "--json", "--agent", "abel.tuter"])
                    .args(if deep { &["--deep"][..] } else { &[] })
                    .env("SN_HANDOFF_INSTANCE", sim.url())
                    .env("SN_HANDOFF_USERNAME", sim.username())
                    .env("SN_HANDOFF_PASSWORD", sim.password())
                    .env("SN_HANDOFF_CONCURRENCY", concurrency)
                    .env("SN_HANDOFF_CONFIG", "/nonexistent/sn-handoff.toml")
                    .output()
                    .unwrap();
                times.push(started.elapsed());
                assert!(
                    matches!(out.status.code(), Some(0 | 1)),
                    "check failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                requests = sim.requests().len() - before;
            }
            times.sort();
            let median = times[times.len() / 2];
            let trips = median.as_secs_f64() * 1000.0 / latency_ms as f64;
            let mode = match (concurrency, deep) {
                ("1", false) => "one at a time",
                (_, false) => "concurrent",
                ("1", true) => "--deep, one at a time",
                (_, true) => "--deep, concurrent",
            };
            println!(
                "check {scenario:?} ({mode}): median {:>6.1} ms = {trips:.2} round trips at {latency_ms} ms latency; {requests} requests; {runs} runs",
                median.as_secs_f64() * 1000.0
            );
        }
    }
}
