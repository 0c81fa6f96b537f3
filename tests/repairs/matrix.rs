//! The fault matrix: each writing command × each fault at each of its writes × the next run.
//! A cell starts a fresh simulated instance, runs the command with the fault, then runs it
//! again without one, and asserts that
//!
//! - after a fault that is an answer (lost, 500 after or before, 429, reset), the end state
//!   is consistent: the webhook's endpoints hold one URL (the new or the old), the group no
//!   role twice and at most one membership row, and no outbound HTTP log property is left;
//! - what the faulted run printed is true: exit 0 only when the instance holds everything,
//!   "Nothing is left changed" / "nothing was changed" only when it holds nothing new; after
//!   SIGINT, SIGTERM or SIGHUP, exit 130 and "interrupted by", with the endpoint not written
//!   named as "not changed", and doctor's properties put back;
//! - no password and no `BadSignature` in what it printed;
//! - the next run (after `kill -9` too) exits 0 and leaves everything whole: one URL
//!   everywhere, both roles once and one membership row, no logging property, and neither a
//!   journal nor a temporary write in the state file.
//!
//! Cells run four at a time. The size of the matrix is [`cells`]'s length (docs/repairs.md).

use std::time::Duration;

use super::writes::{finish, signalled, spawn};
use super::*;

const PLACEHOLDER: &str = sn_handoff::sim::PLACEHOLDER_ENDPOINT;
const GROUP: &str = "Consumer Service Support";

#[derive(Debug, Clone, Copy)]
enum Fault {
    /// Carried out, then the answer is lost.
    LostAfter,
    /// Carried out, then answered 500.
    Error500After,
    /// Refused with 500 before it is carried out.
    Error500Before,
    /// Refused with 429 (then tried again).
    TooMany,
    /// The connection is reset before it is carried out.
    Reset,
    /// A signal while the write is in flight.
    Signal(libc::c_int),
    /// SIGKILL while the write is in flight.
    Kill,
}

#[derive(Debug, Clone, Copy)]
enum Command {
    SetWebhook,
    GroupFix,
    Doctor,
}

impl Command {
    fn args(self, home: &Home) -> Vec<String> {
        match self {
            Command::SetWebhook => vec!["set-webhook".into(), URL.into()],
            Command::GroupFix => {
                vec![
                    "group".into(),
                    "--fix".into(),
                    "--agent".into(),
                    "abel.tuter".into(),
                ]
            }
            Command::Doctor => vec![
                "doctor".into(),
                "--bundle".into(),
                home.path().join("b.tar.gz").display().to_string(),
                "--enable-va-logging".into(),
            ],
        }
    }

    /// The tables written, in order, and how many writes the command makes.
    fn writes(self) -> Vec<&'static str> {
        match self {
            Command::SetWebhook => vec!["sys_rest_message", "sys_rest_message_fn"],
            Command::GroupFix => vec![
                "sys_group_has_role",
                "sys_group_has_role",
                "sys_user_grmember",
            ],
            Command::Doctor => vec!["sys_properties", "sys_properties"],
        }
    }
}

/// Every cell: command × fault × the write it hits (1-based).
fn cells() -> Vec<(Command, Fault, usize)> {
    let faults = [
        Fault::LostAfter,
        Fault::Error500After,
        Fault::Error500Before,
        Fault::TooMany,
        Fault::Reset,
        Fault::Signal(libc::SIGINT),
        Fault::Signal(libc::SIGTERM),
        Fault::Signal(libc::SIGHUP),
        Fault::Kill,
    ];
    let mut cells = Vec::new();
    for command in [Command::SetWebhook, Command::GroupFix, Command::Doctor] {
        for fault in faults {
            for at in 1..=command.writes().len() {
                cells.push((command, fault, at));
            }
        }
    }
    cells
}

/// The n-th write to `table` among `command`'s writes numbered 1.. (for `table#n`).
fn target(command: Command, at: usize) -> String {
    let tables = command.writes();
    let table = tables[at - 1];
    let nth = tables[..at].iter().filter(|t| **t == table).count();
    format!("{table}#{nth}")
}

fn members(sim: &Sim) -> usize {
    let user = id_of(sim, "sys_user", "user_name", "abel.tuter");
    let group = id_of(sim, "sys_user_group", "name", GROUP);
    sim.sim
        .rows("sys_user_grmember")
        .iter()
        .filter(|r| r["user"] == user.as_str() && r["group"] == group.as_str())
        .count()
}

fn role_rows(sim: &Sim) -> Vec<String> {
    let group = id_of(sim, "sys_user_group", "name", GROUP);
    let mut roles: Vec<String> = sim
        .sim
        .rows("sys_group_has_role")
        .iter()
        .filter(|r| r["group"] == group.as_str())
        .map(|r| r["role"].as_str().unwrap().to_string())
        .collect();
    roles.sort();
    roles
}

fn logging_rows(sim: &Sim) -> usize {
    use sn_handoff::commands::doctor::{LOG_LEVEL, LOG_OVERRIDE};
    sim.sim
        .rows("sys_properties")
        .iter()
        .filter(|r| r["name"] == LOG_OVERRIDE || r["name"] == LOG_LEVEL)
        .count()
}

/// Whether the instance holds the command's work whole (true), none of it (false), or a
/// mix (panics: never consistent).
fn whole(sim: &Sim, command: Command, cell: &str) -> bool {
    match command {
        Command::SetWebhook => {
            let (message, method) = endpoints(sim);
            assert_eq!(message, method, "{cell}: two URLs");
            message == URL
        }
        Command::GroupFix => {
            let roles = role_rows(sim);
            let mut unique = roles.clone();
            unique.dedup();
            assert_eq!(unique, roles, "{cell}: a role twice");
            assert!(members(sim) <= 1, "{cell}: two membership rows");
            roles.len() == 2 && members(sim) == 1
        }
        // Nothing temporary may stay after a run that ended by itself.
        Command::Doctor => logging_rows(sim) == 0,
    }
}

fn run_cell(command: Command, fault: Fault, at: usize) {
    let cell = format!("{command:?} × {fault:?} at write {at}");
    let target = target(command, at);
    let mut opts = SimOptions {
        latency: Duration::from_millis(60),
        ..SimOptions::default()
    };
    if matches!(command, Command::Doctor) {
        opts.scenario = Scenario::Configured;
    }
    match fault {
        Fault::LostAfter => opts.write_faults.push(WriteFault {
            target: target.clone(),
            after: AfterWrite::DropConnection,
        }),
        Fault::Error500After => opts.write_faults.push(WriteFault {
            target: target.clone(),
            after: AfterWrite::Answer500,
        }),
        Fault::Error500Before => opts.fail_writes.push(target.clone()),
        Fault::TooMany => opts.fail_writes.push(format!("{target}@429")),
        Fault::Reset => opts.fail_writes.push(format!("{target}@reset")),
        Fault::Signal(_) | Fault::Kill => {}
    }
    let sim = Sim::with(opts);
    let home = Home::new();
    let args = command.args(&home);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = match fault {
        Fault::Signal(signal) => signalled(&sim, &home, at, signal, &args),
        Fault::Kill => signalled(&sim, &home, at, libc::SIGKILL, &args),
        _ => finish(spawn(&sim, &home, &args)),
    };
    let said = format!("{}{}", r.stdout, r.stderr);
    match (command, fault) {
        // Killed: nothing is printed; the next run is asserted below.
        (_, Fault::Kill) => {}
        // Stopped at a safe point between two writes: exit 130, and what it says stands.
        (_, Fault::Signal(_)) => {
            assert_eq!(r.code, 130, "{cell}\n{said}");
            assert!(said.contains("interrupted by SIG"), "{cell}\n{said}");
            if let Command::SetWebhook = command {
                let (message, method) = endpoints(&sim);
                if message != method {
                    assert!(
                        said.contains("not changed: \"postMessage\""),
                        "{cell}\n{said}"
                    );
                }
            }
            if let Command::Doctor = command {
                assert_eq!(logging_rows(&sim), 0, "{cell}: logging left on\n{said}");
            }
        }
        (Command::Doctor, _) => {
            assert!(
                whole(&sim, command, &cell),
                "{cell}: logging left on\n{said}"
            );
        }
        _ => {
            let holds = whole(&sim, command, &cell);
            if r.code == 0 {
                assert!(holds, "{cell}: exit 0 but not all written\n{said}");
            }
            if said.contains("Nothing is left changed") || said.contains("nothing was changed") {
                let nothing = match command {
                    Command::SetWebhook => {
                        endpoints(&sim) == (PLACEHOLDER.into(), PLACEHOLDER.into())
                    }
                    _ => members(&sim) == 0,
                };
                assert!(nothing, "{cell}: said nothing changed\n{said}");
            }
        }
    }
    assert!(
        !said.contains("BadSignature") && !said.contains(sim.sim.password()),
        "{cell}: {said}"
    );
    // The next run finishes or redoes, and leaves it whole with nothing pending.
    let next = finish(spawn(&sim, &home, &args));
    assert_eq!(next.code, 0, "{cell}: next run\n{}\n{}", next.stderr, said);
    match command {
        Command::Doctor => assert_eq!(logging_rows(&sim), 0, "{cell}: next run left logging on"),
        _ => assert!(
            whole(&sim, command, &cell),
            "{cell}: next run\n{}",
            next.stderr
        ),
    }
    for file in state_files(&home) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("\"journal\""),
            "{cell}: journal left\n{text}"
        );
        assert!(
            !text.contains("\"temporary\""),
            "{cell}: temporary left\n{text}"
        );
    }
}

#[test]
fn every_writing_command_under_every_fault_then_the_next_run_is_consistent() {
    let cells = cells();
    let queue = std::sync::Mutex::new(cells.into_iter());
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| loop {
                let Some((command, fault, at)) = queue.lock().unwrap().next() else {
                    break;
                };
                let outcome = std::panic::catch_unwind(|| run_cell(command, fault, at));
                if let Err(e) = outcome {
                    let text = e
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    failures.lock().unwrap().push(text);
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} cells failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
