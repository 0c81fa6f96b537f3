//! Measures the newcomer's first run: `sn-handoff init --demo` in a pseudo-terminal, with
//! Enter pressed at every question (after `PAUSE_MS` of reading, 0 by default), from the start
//! to the exit, `RUNS` times (default 5). Prints each run and the median. Run it through
//! `./scripts/measure-init-demo`, which builds the release binary first.

// Each run and the median on stdout are what this program is for.
#![allow(clippy::print_stdout)]

#[cfg(unix)]
fn main() {
    use std::time::{Duration, Instant};

    use expectrl::{Eof, Expect, Regex, Session};

    let bin = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/release/sn-handoff".to_string());
    let number = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let runs = number("RUNS", 5).max(1);
    let pause = Duration::from_millis(number("PAUSE_MS", 0));
    let mut times = Vec::new();
    for run in 1..=runs {
        let home =
            std::env::temp_dir().join(format!("sn-handoff-measure-{}-{run}", std::process::id()));
        std::fs::create_dir_all(&home).expect("a scratch HOME");
        let mut cmd = std::process::Command::new(&bin);
        cmd.args(["init", "--demo"])
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("NO_COLOR", "1");
        for (key, _) in std::env::vars() {
            if key.starts_with("SN_HANDOFF_") {
                cmd.env_remove(key);
            }
        }
        let started = Instant::now();
        let mut session = Session::spawn(cmd).expect("a pseudo-terminal");
        session.set_expect_timeout(Some(Duration::from_secs(120)));
        let mut questions = 0;
        // Every question ends with dialoguer's `›`; the run ends with the end of the output.
        loop {
            match session.expect(Regex("›")) {
                Ok(_) => {
                    questions += 1;
                    std::thread::sleep(pause);
                    session.send("\r").expect("the terminal takes keys");
                }
                Err(expectrl::Error::Eof) => break,
                Err(e) => panic!("run {run}: {e}"),
            }
        }
        let _ = session.expect(Eof);
        let status = session.get_process().wait().expect("the exit status");
        let took = started.elapsed();
        let _ = std::fs::remove_dir_all(&home);
        println!(
            "run {run}: {:.2} s, {questions} questions, {status:?}",
            took.as_secs_f64()
        );
        times.push(took);
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "median of {runs}: {:.2} s (Enter after {} ms at each question)",
        median.as_secs_f64(),
        pause.as_millis()
    );
}

#[cfg(not(unix))]
fn main() {
    eprintln!("measure_init_demo needs a Unix pseudo-terminal");
}
