//! The fault matrix: each writing command × each fault at each of its writes (and a full disk,
//! and two runs at once) × the next run. A cell starts a fresh simulated instance, runs the
//! command with the fault, then runs it again without one, and asserts that
//!
//! - the end state is consistent after any fault that is not a stop (a signal or `kill -9`
//!   may come between two writes; the run then says which was not made): the webhook's endpoints hold one URL (the
//!   new or the old), the group no role twice and at most one membership row, the agent one
//!   presence record, no plugin activation started twice by the faulted run, and no outbound
//!   HTTP log property left by a run that ended by itself;
//! - what the faulted run printed is true: exit 0 only when the instance holds all of the
//!   command's work, "nothing was changed" (and its kin) only when it holds none of it; after
//!   SIGINT, SIGTERM or SIGHUP, exit 130 and "interrupted by", with an endpoint left behind
//!   named as "not changed"; with a full disk, exit 5, "nothing was changed" and no write
//!   request at all;
//! - no password and no `BadSignature` in what it printed;
//! - the next run (after `kill -9` too) exits 0 and leaves everything whole, and neither a
//!   journal nor a temporary write in the state file.
//!
//! Cells run four at a time. The Kore.ai writers (`kore connect`, `init`, with their answer
//! faults and `init`'s stops) and `smoke-test` have tests of their own below; with the stop
//! cells of `tests/kore.rs` and the `auth rotate` cells of `tests/keyring.rs`, docs/repairs.md
//! gives the size of the whole matrix.

use std::time::Duration;

use serde_json::Value;
use sn_handoff::sim::kore::{KoreFault, Refusal};
use sn_handoff::sim::AfterWrite;

use super::agent::presence;
use super::writes::{finish, signalled_to, spawn};
use super::*;
use crate::kore::{all_servicenow, Both};

const PLACEHOLDER: &str = sn_handoff::sim::PLACEHOLDER_ENDPOINT;
const PLUGINS: [&str; 3] = [
    "com.glide.awa",
    "com.sn_customerservice",
    "com.glide.cs.chatbot",
];
const APPS: [&str; 2] = ["sn_oe_sfs", "sn_va_as_service"];

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Fault {
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
    /// No room for any file: the state file cannot be written.
    FullDisk,
    /// The same command from a second machine (its own state directory), started at once.
    Concurrent,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Command {
    SetWebhook,
    Rollback,
    GroupFix,
    AgentAvailable,
    PluginsActivate,
    CheckFix,
    Doctor,
}

impl Command {
    fn args(self, home: &Home) -> Vec<String> {
        let words: &[&str] = match self {
            Command::SetWebhook => &["set-webhook", URL],
            Command::Rollback => &["set-webhook", "--rollback"],
            Command::GroupFix => &["group", "--fix", "--agent", "abel.tuter"],
            Command::AgentAvailable => &["agent", "available", "--agent", "abel.tuter"],
            Command::PluginsActivate => &["plugins", "--activate"],
            Command::CheckFix => &CHECK_FIX,
            Command::Doctor => {
                return vec![
                    "doctor".into(),
                    "--bundle".into(),
                    home.path().join("b.tar.gz").display().to_string(),
                    "--enable-va-logging".into(),
                ]
            }
        };
        words.iter().map(|w| w.to_string()).collect()
    }

    /// The writes a fault hits, as simulator targets (`table#n`, the n-th write to it).
    fn writes(self) -> &'static [&'static str] {
        match self {
            Command::SetWebhook => &["sys_rest_message#1", "sys_rest_message_fn#1"],
            // After the `set-webhook` that gives it something to roll back.
            Command::Rollback => &["sys_rest_message#2", "sys_rest_message_fn#2"],
            Command::GroupFix => &[
                "sys_group_has_role#1",
                "sys_group_has_role#2",
                "sys_user_grmember#1",
            ],
            Command::AgentAvailable => &["awa_agent_presence#1"],
            // The CI/CD requests go out together: the first and the last to arrive.
            Command::PluginsActivate => &["sn_cicd#1", "sn_cicd#4"],
            Command::CheckFix => &[
                "sn_cicd#2",
                "sys_group_has_role#1",
                "sys_user_grmember#1",
                "sys_rest_message_fn#1",
                "awa_agent_presence#1",
            ],
            Command::Doctor => &["sys_properties#1", "sys_properties#2"],
        }
    }

    fn sim(self, opts: SimOptions) -> Sim {
        let mut opts = opts;
        if self == Command::Doctor {
            opts.scenario = Scenario::Configured;
        }
        let sim = Sim::with(opts);
        if self == Command::AgentAvailable {
            let awa = id_of(&sim, "v_plugin", "id", "com.glide.awa");
            sim.sim.set_field("v_plugin", &awa, "active", "active");
        }
        sim
    }

    /// What the instance must hold before the command runs (under `home`).
    fn prepare(self, sim: &Sim, home: &Home) {
        if self == Command::Rollback {
            let r = finish(spawn(sim, home, &["set-webhook", URL]));
            assert_eq!(r.code, 0, "set-webhook before --rollback: {}", r.stderr);
        }
    }
}

/// The faults of an answer to one write.
pub(crate) const ANSWER_FAULTS: [Fault; 5] = [
    Fault::LostAfter,
    Fault::Error500After,
    Fault::Error500Before,
    Fault::TooMany,
    Fault::Reset,
];

/// Every cell: command × fault × the write it hits (`None` for a fault of the whole run).
fn cells() -> Vec<(Command, Fault, Option<&'static str>)> {
    let [lost, after, before, many, reset] = ANSWER_FAULTS;
    let faults = [
        lost,
        after,
        before,
        many,
        reset,
        Fault::Signal(libc::SIGINT),
        Fault::Signal(libc::SIGTERM),
        Fault::Signal(libc::SIGHUP),
        Fault::Kill,
    ];
    let mut cells = Vec::new();
    for command in [
        Command::CheckFix,
        Command::PluginsActivate,
        Command::SetWebhook,
        Command::Rollback,
        Command::GroupFix,
        Command::AgentAvailable,
        Command::Doctor,
    ] {
        for fault in faults {
            for at in command.writes() {
                cells.push((command, fault, Some(*at)));
            }
        }
        #[cfg(target_os = "linux")]
        cells.push((command, Fault::FullDisk, None));
        cells.push((command, Fault::Concurrent, None));
    }
    cells
}

fn members(sim: &Sim) -> usize {
    membership_rows(sim, "abel.tuter")
}

fn role_rows(sim: &Sim) -> Vec<String> {
    group_role_rows(sim)
}

fn logging_rows(sim: &Sim) -> usize {
    use sn_handoff::commands::doctor::{LOG_LEVEL, LOG_OVERRIDE};
    sim.sim
        .rows("sys_properties")
        .iter()
        .filter(|r| r["name"] == LOG_OVERRIDE || r["name"] == LOG_LEVEL)
        .count()
}

/// How many of the five are active.
fn active(sim: &Sim) -> usize {
    let plugins = PLUGINS
        .iter()
        .filter(|id| value_of(sim, "v_plugin", "id", id, "active") == "active")
        .count();
    let apps = APPS
        .iter()
        .filter(|scope| {
            sim.sim
                .rows("sys_store_app")
                .iter()
                .any(|r| r["scope"] == **scope && r["active"] == "true")
        })
        .count();
    plugins + apps
}

/// The activations each plugin was sent that the instance accepted, the most for one plugin.
fn most_activations(sim: &Sim) -> usize {
    let accepted = successful_writes(sim);
    let mut most = accepted
        .iter()
        .filter(|r| r.path.ends_with("/batch/install"))
        .count();
    for id in PLUGINS {
        let n = accepted
            .iter()
            .filter(|r| r.path.ends_with(&format!("/plugin/{id}/activate")))
            .count();
        most = most.max(n);
    }
    most
}

fn agent_presence_rows(sim: &Sim) -> usize {
    let user = id_of(sim, "sys_user", "user_name", "abel.tuter");
    sim.sim
        .rows("awa_agent_presence")
        .iter()
        .filter(|r| r["agent"] == user.as_str())
        .count()
}

/// Asserts what must hold whatever happened (panics on a mix or a twin).
fn consistent(sim: &Sim, command: Command, cell: &str) {
    let (message, method) = endpoints(sim);
    assert_eq!(message, method, "{cell}: two URLs");
    let roles = role_rows(sim);
    let mut unique = roles.clone();
    unique.dedup();
    assert_eq!(unique, roles, "{cell}: a role twice");
    assert!(members(sim) <= 1, "{cell}: two membership rows");
    assert!(agent_presence_rows(sim) <= 1, "{cell}: two presence rows");
    let mut names: Vec<String> = sim
        .sim
        .rows("sys_properties")
        .iter()
        .filter_map(|r| r["name"].as_str().map(str::to_string))
        .filter(|n| n.starts_with("sn_handoff.activation."))
        .collect();
    let all = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all, "{cell}: two claims of one activation");
    if command != Command::Doctor {
        assert_eq!(logging_rows(sim), 0, "{cell}: logging property");
    }
}

/// Whether the instance holds the command's work whole.
fn whole(sim: &Sim, command: Command) -> bool {
    let group = || role_rows(sim).len() == 2 && members(sim) == 1;
    let available = || presence(sim, "abel.tuter") == ("Available".into(), "true".into());
    match command {
        Command::SetWebhook => endpoints(sim).0 == URL,
        Command::Rollback => endpoints(sim).0 == PLACEHOLDER,
        Command::GroupFix => group(),
        Command::AgentAvailable => available(),
        Command::PluginsActivate => active(sim) == 5,
        Command::CheckFix => active(sim) == 5 && group() && available() && endpoints(sim).0 == URL,
        // Nothing temporary may stay after a run that ended by itself.
        Command::Doctor => logging_rows(sim) == 0,
    }
}

/// Whether the instance holds none of the command's work.
fn untouched(sim: &Sim, command: Command) -> bool {
    match command {
        Command::SetWebhook => endpoints(sim).0 == PLACEHOLDER,
        Command::Rollback => endpoints(sim).0 == URL,
        Command::GroupFix => members(sim) == 0 && role_rows(sim).is_empty(),
        Command::AgentAvailable => presence(sim, "abel.tuter").0 != "Available",
        Command::PluginsActivate => active(sim) == 0,
        Command::CheckFix => {
            active(sim) == 0
                && members(sim) == 0
                && role_rows(sim).is_empty()
                && endpoints(sim).0 == PLACEHOLDER
        }
        Command::Doctor => logging_rows(sim) == 0,
    }
}

fn run_cell(command: Command, fault: Fault, at: Option<&str>) {
    let cell = format!("{command:?} × {fault:?} at {at:?}");
    let mut opts = SimOptions {
        latency: Duration::from_millis(60),
        ..SimOptions::default()
    };
    let target = at.unwrap_or_default().to_string();
    answer_fault(&mut opts, fault, &target);
    let sim = command.sim(opts);
    let home = Home::new();
    command.prepare(&sim, &home);
    let args = command.args(&home);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let writes_before = writes(&sim).len();
    let r = match fault {
        Fault::Signal(signal) => signalled_to(&sim, &home, &target, signal, &args),
        Fault::Kill => signalled_to(&sim, &home, &target, libc::SIGKILL, &args),
        #[cfg(target_os = "linux")]
        Fault::FullDisk => super::faults::with_a_full_disk(&sim, &home, &args),
        Fault::Concurrent => {
            // A rollback needs what this machine kept: the second run is a second job on it.
            let other = Home::new();
            let second = if command == Command::Rollback {
                &home
            } else {
                &other
            };
            let a = spawn(&sim, &home, &args);
            let b = spawn(&sim, second, &args);
            let (a, b) = (finish(a), finish(b));
            let said = format!("{}{}{}{}", a.stdout, a.stderr, b.stdout, b.stderr);
            consistent(&sim, command, &cell);
            if command != Command::Doctor {
                assert!(
                    most_activations(&sim) <= 1,
                    "{cell}: an activation started twice\n{said}"
                );
            }
            for one in [&a, &b] {
                if one.code == 0 {
                    assert!(whole(&sim, command), "{cell}: exit 0 but not whole\n{said}");
                }
            }
            assert!(
                a.code == 0 || b.code == 0,
                "{cell}: neither ended well\n{said}"
            );
            Run {
                code: a.code.max(b.code),
                stdout: format!("{}{}", a.stdout, b.stdout),
                stderr: format!("{}{}", a.stderr, b.stderr),
            }
        }
        _ => finish(spawn(&sim, &home, &args)),
    };
    let said = format!("{}{}", r.stdout, r.stderr);
    // A run stopped between two writes may leave them half done (and says so, below); the
    // next run finishes them.
    if !matches!(fault, Fault::Signal(_) | Fault::Kill) {
        consistent(&sim, command, &cell);
    }
    if command != Command::Doctor {
        assert!(
            most_activations(&sim) <= 1,
            "{cell}: an activation started twice\n{said}"
        );
    }
    let says_nothing = says_nothing(&said);
    match fault {
        // Killed: nothing is printed; the next run is asserted below.
        Fault::Kill | Fault::Concurrent => {}
        Fault::FullDisk => {
            assert_eq!(r.code, 5, "{cell}\n{said}");
            assert!(says_nothing && said.contains("journal"), "{cell}\n{said}");
            assert_eq!(writes(&sim).len(), writes_before, "{cell}: wrote\n{said}");
        }
        // Stopped at a safe point between two writes: exit 130, and what it says stands.
        Fault::Signal(_) => {
            assert_eq!(r.code, 130, "{cell}\n{said}");
            assert!(said.contains("interrupted by SIG"), "{cell}\n{said}");
            let (message, method) = endpoints(&sim);
            if message != method {
                // The endpoint still holding the value from before is named as not changed.
                let before = if command == Command::Rollback {
                    URL
                } else {
                    PLACEHOLDER
                };
                let left = if message == before {
                    "VABot to Bot"
                } else {
                    "postMessage"
                };
                assert!(
                    said.contains(&format!("not changed: \"{left}\"")),
                    "{cell}\n{said}"
                );
            }
            if command == Command::Doctor {
                assert_eq!(logging_rows(&sim), 0, "{cell}: logging left on\n{said}");
            }
        }
        _ => {
            if r.code == 0 {
                assert!(whole(&sim, command), "{cell}: exit 0 but not whole\n{said}");
            }
            if command == Command::Doctor {
                assert!(whole(&sim, command), "{cell}: logging left on\n{said}");
            }
        }
    }
    if command == Command::CheckFix {
        // Each repair speaks for its own step, until a later pass of the same run repairs it
        // again ("Repairing again: …"): then that later line is the one that must hold.
        let lines: Vec<&str> = said.lines().collect();
        for (at, line) in lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.contains("othing was changed"))
        {
            let step = [
                "plugins",
                "group_roles",
                "group_members",
                "webhook",
                "agent_available",
            ]
            .into_iter()
            .find(|s| line.contains(&format!(" {s}: ")));
            if let Some(step) = step {
                let fixed_later = format!("✓ fixed {step}: ");
                if lines[at + 1..].iter().any(|l| l.starts_with(&fixed_later)) {
                    continue;
                }
            }
            let holds = match step {
                Some("plugins") => active(&sim) == 0,
                Some("group_roles") => role_rows(&sim).is_empty(),
                Some("group_members") => members(&sim) == 0,
                Some("webhook") => endpoints(&sim).0 == PLACEHOLDER,
                Some("agent_available") => presence(&sim, "abel.tuter").0 != "Available",
                _ => untouched(&sim, command),
            };
            assert!(holds, "{cell}: said nothing changed: {line}\n{said}");
        }
    } else if says_nothing && !matches!(fault, Fault::Concurrent) {
        assert!(
            untouched(&sim, command),
            "{cell}: said nothing changed\n{said}"
        );
    }
    assert!(
        !said.contains("BadSignature") && !said.contains(sim.sim.password()),
        "{cell}: {said}"
    );
    // The next run finishes or redoes, and leaves it whole with nothing pending.
    let next = finish(spawn(&sim, &home, &args));
    assert_eq!(next.code, 0, "{cell}: next run\n{}\n{}", next.stderr, said);
    consistent(&sim, command, &cell);
    assert!(whole(&sim, command), "{cell}: next run\n{}", next.stderr);
    assert_eq!(
        activation_claims(&sim),
        0,
        "{cell}: a claim left\n{}",
        next.stderr
    );
    // An activation whose answer never came (lost, or the run killed) cannot be told from
    // none: the next run starts it again (docs/repairs.md).
    if !matches!(fault, Fault::LostAfter | Fault::Error500After | Fault::Kill) {
        assert!(
            most_activations(&sim) <= 1,
            "{cell}: next run started an activation twice\n{}",
            next.stderr
        );
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
    let only = std::env::var("SN_HANDOFF_MATRIX_ONLY").unwrap_or_default();
    in_parallel(
        cells()
            .into_iter()
            .filter(|(c, _, _)| only.is_empty() || format!("{c:?}") == only),
        |(command, fault, at)| run_cell(command, fault, at),
    );
}

/// Whether `said` says the run changed nothing (in any of the forms the commands use).
pub(crate) fn says_nothing(said: &str) -> bool {
    [
        "Nothing is left changed",
        "nothing was changed",
        "Nothing was changed",
    ]
    .iter()
    .any(|s| said.contains(s))
}

/// Runs `cell` on each of `cells`, four at a time, and fails with every cell that failed.
pub(crate) fn in_parallel<T: Send>(cells: impl Iterator<Item = T> + Send, cell: impl Fn(T) + Sync) {
    let queue = std::sync::Mutex::new(cells);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| loop {
                let Some(one) = queue.lock().unwrap().next() else {
                    break;
                };
                if let Err(e) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cell(one)))
                {
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

/// The answer faults at the `at`-th Kore.ai write, as the simulator makes them.
pub(crate) fn kore_fault(fault: Fault, at: usize) -> KoreFault {
    match fault {
        Fault::LostAfter => KoreFault::AfterWrite(at, AfterWrite::DropConnection),
        Fault::Error500After => KoreFault::AfterWrite(at, AfterWrite::Answer500),
        Fault::Error500Before => KoreFault::RefuseWrite(at, Refusal::Error500),
        Fault::TooMany => KoreFault::RefuseWrite(at, Refusal::TooMany),
        Fault::Reset => KoreFault::RefuseWrite(at, Refusal::Reset),
        other => panic!("{other:?} is not an answer fault"),
    }
}

/// The commands whose Kore.ai writes meet the answer faults.
#[derive(Debug, Clone, Copy, PartialEq)]
enum KoreCommand {
    Connect,
    ConnectPublish,
    /// `init --no-input`: `check --fix` with the Kore.ai side (`kore connect --publish`).
    Init,
}

impl KoreCommand {
    fn args(self) -> Vec<String> {
        let words: &[&str] = match self {
            KoreCommand::Connect => &["kore", "connect"],
            KoreCommand::ConnectPublish => &["kore", "connect", "--publish"],
            KoreCommand::Init => &["init", "--no-input", "--agent", "abel.tuter"],
        };
        let mut args: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        if self == KoreCommand::Init {
            // The simulated bot's own URL (another bot's is refused, and left unrepaired).
            args.push("--webhook-url".into());
            args.push(format!(
                "https://bots.kore.ai/chatbot/v2/webhook/{}",
                sn_handoff::sim::SIM_BOT_ID
            ));
        }
        args
    }

    /// Whether a whole run publishes.
    fn publishes(self) -> bool {
        self != KoreCommand::Connect
    }

    /// The Kore.ai writes of a whole run: the integration and the channel mappings, and the
    /// publish.
    fn writes(self) -> usize {
        if self.publishes() {
            3
        } else {
            2
        }
    }
}

/// Asserts that the bot holds, per record, the old configuration or the new one: the
/// integration is absent or this instance's, each channel mapped to what it was or to it.
fn kore_consistent(b: &Both, before: &serde_json::Map<String, Value>, cell: &str, said: &str) {
    if let Some(integration) = b.kore.integration("servicenow") {
        let host = integration["host"].as_str().unwrap_or_default();
        assert_eq!(
            host.trim_end_matches('/'),
            b.sn.sim.url().trim_end_matches('/'),
            "{cell}: another integration\n{said}"
        );
    }
    for (channel, now) in b.kore.mappings() {
        assert!(
            now == "servicenow" || before.get(&channel) == Some(&now),
            "{cell}: {channel} mapped to {now}\n{said}"
        );
    }
}

/// Whether the bot holds all of `kore connect`'s work.
fn kore_whole(b: &Both, publish: bool) -> bool {
    b.kore.integration("servicenow").is_some()
        && all_servicenow(&b.kore.mappings())
        && !(publish && b.kore.requires_publish())
}

/// What a run says after Kore.ai answered one of its writes wrong when it was carried out
/// anyway (the integration, the publish).
pub(crate) const INTEGRATION_PERHAPS: &str = "may or may not hold the ServiceNow integration";
/// See [`INTEGRATION_PERHAPS`].
pub(crate) const PUBLISH_PERHAPS: &str = "may have started the publish";

/// Asserts that a run whose Kore.ai write met `fault` ended as it should and told what
/// happened as it was: a 429 is tried again (exit 0), any other fault is an error; Kore.ai was
/// reached (never "cannot reach"); "the answer did not come" only when it did not; and a write
/// carried out whose answer went wrong is said to be perhaps made (`perhaps`).
pub(crate) fn told_as_it_was(cell: &str, fault: Fault, code: i32, said: &str, perhaps: &str) {
    // A 429 is tried again; every other fault is an error of the run.
    if fault == Fault::TooMany {
        assert_eq!(code, 0, "{cell}\n{said}");
    } else {
        assert_ne!(code, 0, "{cell}\n{said}");
    }
    // Kore.ai was reached, and what it answered is told as it was.
    assert!(!said.contains("cannot reach"), "{cell}\n{said}");
    if said.contains("answer did not come") {
        assert!(
            matches!(fault, Fault::LostAfter | Fault::Reset),
            "{cell}\n{said}"
        );
    }
    // A write carried out whose answer went wrong is said to be perhaps made.
    if matches!(fault, Fault::LostAfter | Fault::Error500After) {
        assert!(said.contains(perhaps), "{cell}\n{said}");
    }
}

/// `command` with Kore.ai answering its `at`-th write wrong, then the next run.
fn run_kore_cell(command: KoreCommand, fault: Fault, at: usize) {
    let publish = command.publishes();
    let args = command.args();
    let cell = format!("{command:?} × {fault:?} at Kore.ai write {at}");
    let b = Both::with_faults(&[kore_fault(fault, at)]);
    let before = b.kore.mappings();
    let r = run(b.bare().args(&args));
    let said = format!("{}{}", r.stdout, r.stderr);
    kore_consistent(&b, &before, &cell, &said);
    if r.code == 0 {
        assert!(
            kore_whole(&b, publish),
            "{cell}: exit 0 but not whole\n{said}"
        );
    }
    told_as_it_was(
        &cell,
        fault,
        r.code,
        &said,
        [
            INTEGRATION_PERHAPS,
            "the channel mappings may or may not have been written",
            PUBLISH_PERHAPS,
        ][at - 1],
    );
    if says_nothing(&said) {
        assert!(
            b.kore.integration("servicenow").is_none() && b.kore.mappings() == before,
            "{cell}: said nothing was written\n{said}"
        );
    }
    // Each sentence about what was written holds.
    let integration = || b.kore.integration("servicenow").is_some();
    let mapped = || all_servicenow(&b.kore.mappings());
    let claims: [(&str, &dyn Fn() -> bool); 5] = [
        ("ServiceNow agent integration written", &integration),
        ("integration itself was written", &integration),
        ("The ServiceNow integration was written", &integration),
        ("ServiceNow is the default agent integration", &mapped),
        ("✓ Published", &|| !b.kore.requires_publish()),
    ];
    for (sentence, holds) in claims {
        if said.contains(sentence) {
            assert!(holds(), "{cell}: said {sentence:?}\n{said}");
        }
    }
    b.assert_no_secret(&r);
    let next = run(b.bare().args(&args));
    assert_eq!(next.code, 0, "{cell}: next run\n{}\n{said}", next.stderr);
    kore_consistent(&b, &before, &cell, &next.stderr);
    assert!(
        kore_whole(&b, publish),
        "{cell}: next run\n{}{}",
        next.stdout,
        next.stderr
    );
    b.assert_no_secret(&next);
}

/// `kore connect` with and without `--publish`, and `init --no-input` with Kore.ai settings, ×
/// each answer fault × each of their Kore.ai writes, then the next run (the stops of `kore
/// connect` are cells of `tests/kore.rs`; `auth rotate`'s cells are in `tests/keyring.rs`).
#[test]
fn kore_writers_under_every_answer_fault_at_every_write_then_the_next_run_is_whole() {
    let mut cells = Vec::new();
    for command in [
        KoreCommand::Connect,
        KoreCommand::ConnectPublish,
        KoreCommand::Init,
    ] {
        for fault in ANSWER_FAULTS {
            for at in 1..=command.writes() {
                cells.push((command, fault, at));
            }
        }
    }
    in_parallel(cells.into_iter(), |(command, fault, at)| {
        run_kore_cell(command, fault, at)
    });
}

/// Asserts that the interruption document `doc` says truly what the instance holds: each
/// write it calls `changed` holds its `after` (an insert: the record is there), each it calls
/// `unchanged` its `before` (an insert: the record is not there), `uncertain` names only
/// writes whose record holds one of the two, and each table the run wrote to through the Table
/// API is named among the `changed` or `uncertain` (the CI/CD API's progress records are no
/// table rows: [`active`] speaks for them).
pub(crate) fn interruption_holds(sim: &Sim, doc: &Value, cell: &str) {
    let error = &doc["error"];
    let named = |table: &str| {
        ["changed", "uncertain"].iter().any(|key| {
            error[*key]
                .as_array()
                .is_some_and(|all| all.iter().any(|c| c["table"] == table))
        })
    };
    for write in successful_writes(sim) {
        let Some(rest) = write.path.strip_prefix("/api/now/table/") else {
            continue;
        };
        let table = rest.split('/').next().unwrap_or_default();
        // Claims of activations are their own key.
        if table != "sys_properties" {
            assert!(
                named(table),
                "{cell}: wrote {} {} unsaid\n{doc}",
                write.method,
                write.path
            );
        }
    }
    for (key, holds_after) in [
        ("changed", Some(true)),
        ("unchanged", Some(false)),
        ("uncertain", None),
    ] {
        for change in error[key].as_array().cloned().unwrap_or_default() {
            let table = change["table"].as_str().unwrap_or_default();
            if table == "sn_cicd" {
                continue;
            }
            let id = change["sys_id"].as_str().unwrap_or_default();
            let row = sim.sim.rows(table).into_iter().find(|r| r["sys_id"] == id);
            let now = if table == "awa_agent_presence" {
                // Written through the AWA Agent API, named by its agent; the state is a
                // reference to the presence state, whose name the change holds.
                let agent = change["record"].as_str().unwrap_or_default();
                Some(Value::String(presence(sim, agent).0))
            } else if change["action"] == "insert" {
                row.is_some().then(|| change["after"].clone())
            } else {
                row.map(|r| r[change["field"].as_str().unwrap_or_default()].clone())
            };
            let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
            let now = now.map(|v| text(&v)).unwrap_or_default();
            let (before, after) = (text(&change["before"]), text(&change["after"]));
            let absent_before = change["action"] == "insert";
            let is_after = now == after && !(absent_before && now.is_empty());
            let is_before = if absent_before {
                now.is_empty()
            } else {
                now == before
            };
            match holds_after {
                Some(true) => assert!(is_after, "{cell}: {key} {change} but holds {now:?}\n{doc}"),
                Some(false) => {
                    assert!(is_before, "{cell}: {key} {change} but holds {now:?}\n{doc}")
                }
                None => assert!(
                    is_before || is_after,
                    "{cell}: {key} {change} holds {now:?}\n{doc}"
                ),
            }
        }
    }
}

/// `init --no-input` with Kore.ai settings stopped by SIGINT, SIGTERM, SIGHUP and `kill -9`
/// at each of its Kore.ai writes (the text and, for the signals, the `--json` document), then
/// run again: the stop lets the write in flight finish and starts no other, the run says what
/// it wrote on each side truly, and the next run exits 0 with both sides whole.
#[test]
fn init_under_every_stop_at_every_kore_write_then_the_next_run_is_whole() {
    use crate::kore::Stop;
    let command = KoreCommand::Init;
    let mut cells = Vec::new();
    for stop in Stop::all(command.writes()) {
        cells.push((stop, false));
        if stop.signal != libc::SIGKILL {
            cells.push((stop, true));
        }
    }
    in_parallel(cells.into_iter(), |(stop, json)| {
        let cell = format!("init × {stop:?}, --json {json}");
        let b = Both::start(sn_handoff::sim::kore::KoreSimOptions {
            write_latency: Duration::from_millis(100),
            ..Default::default()
        });
        let before = b.kore.mappings();
        let args = command.args();
        let mut cmd = b.spawnable();
        cmd.args(&args);
        if json {
            cmd.arg("--json");
        }
        let stopped = stop.run(&b.kore, cmd);
        let r = &stopped.0;
        let said = format!("{}{}", r.stdout, r.stderr);
        stop.said_truly(&cell, &b.kore, &stopped, || kore_whole(&b, true));
        kore_consistent(&b, &before, &cell, &said);
        if let Ok(doc) = serde_json::from_str::<Value>(&r.stdout) {
            interruption_holds(&b.sn, &doc, &cell);
        }
        b.assert_no_secret(r);
        let next = run(b.bare().args(&args));
        assert_eq!(next.code, 0, "{cell}: next run\n{}\n{said}", next.stderr);
        assert!(kore_whole(&b, true), "{cell}: next run\n{}", next.stderr);
        assert_eq!(endpoints(&b.sn).0, args[args.len() - 1], "{cell}");
        assert!(whole(&b.sn, Command::GroupFix), "{cell}");
        b.assert_no_secret(&next);
    });
}

/// The smoke test's writes a fault hits: its `START_CONVERSATION`, its request for an agent
/// and the `END_CONVERSATION` of its clean-up (the n-th request to the Virtual Agent API).
const SMOKE_WRITES: [&str; 3] = [
    "sn_va_as_service#1",
    "sn_va_as_service#2",
    "sn_va_as_service#3",
];

/// `smoke-test` × each answer fault and each stop at each of its requests to the Virtual
/// Agent API (and a full disk), then the next `smoke-test`: what the faulted run said holds
/// (exit 0, "removed what the test created", "nothing to remove", "what the test created was
/// removed" only when none of its records is on the instance; after a signal, exit 130 and no
/// request for an agent after a stop during the start; with a full disk, exit 5 and no request
/// at all), a record is left in the state file whenever something may be, and the next run
/// says it cleaned up after it and leaves nothing of either run on the instance and no record.
#[test]
fn smoke_test_under_every_fault_at_every_write_then_nothing_of_it_is_left() {
    let mut cells: Vec<(Fault, Option<&str>)> = Vec::new();
    for at in SMOKE_WRITES {
        for fault in ANSWER_FAULTS {
            cells.push((fault, Some(at)));
        }
        for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            cells.push((Fault::Signal(signal), Some(at)));
        }
        cells.push((Fault::Kill, Some(at)));
    }
    #[cfg(target_os = "linux")]
    cells.push((Fault::FullDisk, None));
    in_parallel(cells.into_iter(), |(fault, at)| run_smoke_cell(fault, at));
}

fn run_smoke_cell(fault: Fault, at: Option<&str>) {
    use crate::deep::smoke::conversation_rows;
    let cell = format!("smoke-test × {fault:?} at {at:?}");
    let target = at.unwrap_or_default().to_string();
    let mut opts = SimOptions {
        scenario: Scenario::Configured,
        latency: Duration::from_millis(60),
        ..SimOptions::default()
    };
    answer_fault(&mut opts, fault, &target);
    let sim = Sim::with(opts);
    let home = Home::new();
    let args = [
        "smoke-test",
        "--no-preflight",
        "--deadline",
        "2",
        "--agent",
        "abel.tuter",
    ];
    let va_posts = || {
        sim.sim
            .requests()
            .iter()
            .filter(|q| q.method == "POST" && q.path.starts_with("/api/sn_va_as_service/"))
            .count()
    };
    let r = match fault {
        Fault::Signal(signal) => signalled_to(&sim, &home, &target, signal, &args),
        Fault::Kill => signalled_to(&sim, &home, &target, libc::SIGKILL, &args),
        #[cfg(target_os = "linux")]
        Fault::FullDisk => super::faults::with_a_full_disk(&sim, &home, &args),
        _ => finish(spawn(&sim, &home, &args)),
    };
    let said = format!("{}{}", r.stdout, r.stderr);
    let left = conversation_rows(&sim);
    let recorded = state_files(&home).iter().any(|f| {
        std::fs::read_to_string(f)
            .unwrap()
            .contains("smoke_conversation")
    });
    // Each sentence that says nothing is left holds.
    for sentence in [
        "removed what the test created and nothing else",
        "nothing to remove",
        "what the test created was removed",
    ] {
        if said.contains(sentence) {
            assert!(
                left.is_empty(),
                "{cell}: said {sentence:?}: {left:?}\n{said}"
            );
        }
    }
    if r.code == 0 {
        assert!(left.is_empty(), "{cell}: exit 0 with {left:?}\n{said}");
    }
    // Whatever may be left is recorded for the next run.
    if !left.is_empty() {
        assert!(recorded, "{cell}: {left:?} left and no record\n{said}");
    }
    match fault {
        Fault::Signal(_) => {
            assert_eq!(r.code, 130, "{cell}\n{said}");
            assert!(said.contains("interrupted by SIG"), "{cell}\n{said}");
            if target.ends_with("#1") {
                // The START, then the END of the clean-up: no request for an agent.
                assert_eq!(va_posts(), 2, "{cell}\n{said}");
            }
        }
        Fault::Kill => assert_eq!(r.code, -1, "{cell}\n{said}"),
        Fault::FullDisk => {
            assert_eq!(r.code, 5, "{cell}\n{said}");
            assert!(
                said.contains("the smoke test was not started: the journal cannot be written"),
                "{cell}\n{said}"
            );
            assert_eq!(va_posts(), 0, "{cell}: wrote\n{said}");
        }
        _ => {}
    }
    assert!(!said.contains(sim.sim.password()), "{cell}: {said}");
    let next = finish(spawn(&sim, &home, &args));
    let next_said = format!("{}{}", next.stdout, next.stderr);
    if recorded {
        assert!(
            next.stderr
                .contains("Cleaning up after an earlier smoke test"),
            "{cell}: next run\n{next_said}\n{said}"
        );
    }
    let left = conversation_rows(&sim);
    assert!(
        left.is_empty(),
        "{cell}: next run left {left:?}\n{next_said}\n{said}"
    );
    for file in state_files(&home) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("\"temporary\""),
            "{cell}: temporary left\n{text}\n{next_said}"
        );
    }
}

/// Makes the simulator of `opts` meet `fault` at the write `target` (`table#n`), when it is an
/// answer fault (the others are no simulator's).
fn answer_fault(opts: &mut SimOptions, fault: Fault, target: &str) {
    let target = target.to_string();
    match fault {
        Fault::LostAfter => opts.write_faults.push(WriteFault {
            target,
            after: AfterWrite::DropConnection,
        }),
        Fault::Error500After => opts.write_faults.push(WriteFault {
            target,
            after: AfterWrite::Answer500,
        }),
        Fault::Error500Before => opts.fail_writes.push(target),
        Fault::TooMany => opts.fail_writes.push(format!("{target}@429")),
        Fault::Reset => opts.fail_writes.push(format!("{target}@reset")),
        _ => {}
    }
}
