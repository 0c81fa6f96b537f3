//! Writes that survive interruption and races (docs/repairs.md, "The journal, interruptions and lost answers"): a signal between the
//! two PATCHes of `set-webhook` (then a rerun finishes and `--rollback` restores the original),
//! two `set-webhook` runs with different URLs at once, a PATCH whose answer is lost and a POST
//! that times out after writing, `--rollback` after someone else's change, the state file's
//! mode, a symlinked config file, empty environment variables, and the profile's webhook URL
//! after `set-webhook`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::*;

const PLACEHOLDER: &str = sn_handoff::sim::PLACEHOLDER_ENDPOINT;
const OTHER: &str =
    "https://bots.kore.ai/chatbot/v2/webhook/st-99999999-2222-4333-8444-555555555555";

fn both(url: &str) -> (String, String) {
    (url.to_string(), url.to_string())
}

/// The binary with `args` spawned against `sim` (output piped), for runs that are signalled
/// or raced.
pub(crate) fn spawn(sim: &Sim, home: &Home, args: &[&str]) -> std::process::Child {
    let mut cmd = home.spawnable();
    cmd.env("SN_HANDOFF_INSTANCE", sim.url())
        .env("SN_HANDOFF_USERNAME", sim.sim.username())
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .env("SN_HANDOFF_POLL_MS", "5")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    cmd.spawn().unwrap()
}

/// `set-webhook URL` spawned against `sim`.
fn spawn_set_webhook(sim: &Sim, home: &Home, url: &str) -> std::process::Child {
    spawn(sim, home, &["set-webhook", url])
}

/// `set-webhook URL` against `sim`, sent `signal` when the simulator receives its `at`-th
/// write.
fn signalled_at(sim: &Sim, home: &Home, at: usize, signal: libc::c_int) -> Run {
    signalled(sim, home, at, signal, &["set-webhook", URL])
}

/// The binary with `args` against `sim`, sent `signal` when the simulator receives its
/// `at`-th Table API write (before it is carried out).
pub(crate) fn signalled(
    sim: &Sim,
    home: &Home,
    at: usize,
    signal: libc::c_int,
    args: &[&str],
) -> Run {
    signalled_when(sim, home, signal, args, |hook| sim.sim.on_write(at, hook))
}

/// The binary with `args` against `sim`, sent `signal` when the write `target` arrives
/// (`table#n`, as the simulator's faults name writes).
pub(crate) fn signalled_to(
    sim: &Sim,
    home: &Home,
    target: &str,
    signal: libc::c_int,
    args: &[&str],
) -> Run {
    signalled_when(sim, home, signal, args, |hook| {
        sim.sim.on_write_to(target, hook)
    })
}

/// The binary with `args` against `sim`, sent `signal` by the hook `register` sets.
fn signalled_when(
    sim: &Sim,
    home: &Home,
    signal: libc::c_int,
    args: &[&str],
    register: impl FnOnce(Box<dyn FnOnce() + Send>),
) -> Run {
    signalled_by(signal, register, || spawn(sim, home, args))
}

/// The child `start` spawns (output piped), sent `signal` by the hook `register` sets (a
/// simulator's, ServiceNow's or Kore.ai's, run when a write arrives).
pub(crate) fn signalled_by(
    signal: libc::c_int,
    register: impl FnOnce(Box<dyn FnOnce() + Send>),
    start: impl FnOnce() -> std::process::Child,
) -> Run {
    let pid = Arc::new(AtomicU32::new(0));
    let shared = Arc::clone(&pid);
    register(Box::new(move || {
        let pid = shared.load(Ordering::SeqCst);
        assert_ne!(pid, 0);
        // SAFETY: sending a signal to the child this test started.
        unsafe { libc::kill(pid as libc::pid_t, signal) };
    }));
    let child = start();
    pid.store(child.id(), Ordering::SeqCst);
    finish(child)
}

pub(crate) fn finish(child: std::process::Child) -> Run {
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_signal_during_the_patches_lets_them_finish_and_the_rerun_finishes() {
    // (the write during which the signal arrives, the signal): each answer takes 300 ms, so
    // the signal is handled while the writes are in flight. The message's and the method's
    // PATCHes go out together, so both are in flight: both are let finish, and the run stops
    // before it reads them back, saying both were changed.
    for (at, signal, name) in [
        (1, libc::SIGINT, "SIGINT"),
        (1, libc::SIGHUP, "SIGHUP"),
        (2, libc::SIGTERM, "SIGTERM"),
    ] {
        let sim = Sim::with(SimOptions {
            latency: Duration::from_millis(300),
            ..SimOptions::default()
        });
        let home = Home::new();
        let r = signalled_at(&sim, &home, at, signal);
        assert_eq!(r.code, 130, "{name} at write {at}: {}", r.stderr);
        assert!(
            r.stderr.contains(&format!("interrupted by {name}")),
            "{}",
            r.stderr
        );
        assert_eq!(endpoints(&sim), both(URL), "{}", r.stderr);
        for record in ["\"VABot to Bot\"", "\"postMessage\""] {
            assert!(r.stderr.contains(record), "{}", r.stderr);
        }
        assert!(r.stderr.contains("changed: \""), "{}", r.stderr);
        assert!(!r.stderr.contains("not changed"), "{}", r.stderr);
        // No read-back after the stop.
        let last_patch = (sim.sim.requests().iter())
            .rposition(|q| q.method == "PATCH")
            .unwrap();
        assert_eq!(sim.sim.requests().len(), last_patch + 1, "{name}");
        assert!(r.stderr.contains("finishes the rest"), "{}", r.stderr);
        let files = state_files(&home);
        let text = std::fs::read_to_string(&files[0]).unwrap();
        assert!(text.contains("\"journal\""), "{text}");

        // The next run finishes the journal first and says so; a second run writes nothing.
        let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stderr
                .contains("Finished an unfinished `set-webhook` run"),
            "{}",
            r.stderr
        );
        assert_eq!(endpoints(&sim), both(URL));
        let text = std::fs::read_to_string(&files[0]).unwrap();
        assert!(!text.contains("\"journal\""), "{text}");

        // --rollback restores the original values, not the interrupted run's own.
        let r = run(cmd(&sim, &home).args(["set-webhook", "--rollback"]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(endpoints(&sim), both(PLACEHOLDER), "{name} at {at}");
    }
}

#[test]
fn an_unfinished_journal_is_not_finished_over_someone_elses_change() {
    let sim = Sim::with(SimOptions {
        latency: Duration::from_millis(300),
        ..SimOptions::default()
    });
    let home = Home::new();
    assert_eq!(signalled_at(&sim, &home, 1, libc::SIGTERM).code, 130);
    // Someone else sets the method by hand before the rerun.
    let method = sim
        .sim
        .rows("sys_rest_message_fn")
        .into_iter()
        .find(|r| r["function_name"] == "postMessage")
        .unwrap()["sys_id"]
        .as_str()
        .unwrap()
        .to_string();
    let theirs = "https://elsewhere.example/by-hand";
    sim.sim
        .set_field("sys_rest_message_fn", &method, "rest_endpoint", theirs);
    let before = successful_writes(&sim).len();
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains(theirs), "{}", r.stderr);
    assert!(r.stderr.contains("\"postMessage\""), "{}", r.stderr);
    assert!(r.stderr.contains("Nothing was written"), "{}", r.stderr);
    assert_eq!(successful_writes(&sim).len(), before);
}

/// Two `set-webhook` runs with different URLs and separate state directories against one
/// instance, the second started `stagger` after the first.
fn race(stagger: Duration) {
    race_on(
        Sim::with(SimOptions {
            latency: Duration::from_millis(60),
            ..SimOptions::default()
        }),
        stagger,
    );
}

/// The "Bot Connection" rows the outbound configuration of Virtual Agent API 4.1+ replies
/// through (under its alias; another channel's connection of the same name is not one).
fn bot_connections(sim: &Sim) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let Some(alias) = sim
        .sim
        .sys_id_of("sys_alias", "name", "VA Bot to Bot Connection")
    else {
        return Vec::new();
    };
    (sim.sim.rows("http_connection").into_iter())
        .filter(|c| c["connection_alias"] == alias.as_str())
        .collect()
}

/// [`race`] on `sim`; on Virtual Agent API 4.1+ its "Bot Connection" ends with the same URL
/// as the message and its method.
fn race_on(sim: Sim, stagger: Duration) {
    let (home_a, home_b) = (Home::new(), Home::new());
    let a = spawn_set_webhook(&sim, &home_a, URL);
    std::thread::sleep(stagger);
    let b = spawn_set_webhook(&sim, &home_b, OTHER);
    let (a, b) = (finish(a), finish(b));
    let (message, method) = endpoints(&sim);
    assert_eq!(
        message, method,
        "a mix after {stagger:?}:\nA: {}\nB: {}",
        a.stderr, b.stderr
    );
    assert!(message == URL || message == OTHER, "{message}");
    for connection in bot_connections(&sim) {
        assert_eq!(
            connection["connection_url"], message,
            "a mix after {stagger:?}:\nA: {}\nB: {}",
            a.stderr, b.stderr
        );
    }
    for (r, ours, theirs) in [(&a, URL, OTHER), (&b, OTHER, URL)] {
        assert!(
            r.code == 0 || r.code == 5,
            "{stagger:?}: exit {}: {}",
            r.code,
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        if message == ours {
            continue;
        }
        // The run whose URL is not in place either says so (exit 5, naming the URL that
        // stands) or ended before the other began, which then found its URL and replaced it.
        let other = if std::ptr::eq(r, &a) { &b } else { &a };
        let said = |r: &Run| format!("{}{}", r.stdout, r.stderr);
        if r.code == 5 {
            assert!(said(r).contains(theirs), "{}", said(r));
            assert!(said(r).contains("nowhere"), "{}", said(r));
        } else {
            assert!(said(other).contains(ours), "{}", said(other));
        }
    }
    assert!(
        [&a, &b].iter().any(|r| r.code == 0),
        "one of them stands:\nA: {}\nB: {}",
        a.stderr,
        b.stderr
    );
}

#[test]
fn two_runs_with_different_urls_started_together_end_with_one_url() {
    for _ in 0..3 {
        race(Duration::ZERO);
    }
}

#[test]
fn two_runs_with_different_urls_staggered_end_with_one_url() {
    for ms in [40, 100, 170, 260, 400] {
        race(Duration::from_millis(ms));
    }
}

#[test]
fn two_runs_with_different_urls_on_4_1_end_with_one_url_in_all_three_endpoints() {
    // The message, its method and the "Bot Connection", each run writing all three at once.
    for ms in [0, 0, 40, 100, 170, 260] {
        let sim = Sim::with(SimOptions {
            scenario: Scenario::Configured,
            va_api_version: Some("4.1.2".into()),
            latency: Duration::from_millis(60),
            ..SimOptions::default()
        });
        assert_eq!(bot_connections(&sim).len(), 1);
        race_on(sim, Duration::from_millis(ms));
    }
}

#[test]
fn a_patch_whose_answer_is_lost_or_late_is_recognised_as_its_own() {
    for fault in [
        WriteFault {
            target: "sys_rest_message#1".into(),
            after: AfterWrite::DropConnection,
        },
        WriteFault {
            target: "sys_rest_message_fn#1".into(),
            after: AfterWrite::AnswerLate(Duration::from_secs(3)),
        },
        // Every answer lost, so the client gives up: the record is read, and holds the URL.
        WriteFault {
            target: "sys_rest_message".into(),
            after: AfterWrite::DropConnection,
        },
    ] {
        let every = !fault.target.contains('#');
        let sim = Sim::with(SimOptions {
            write_faults: vec![fault.clone()],
            ..SimOptions::default()
        });
        let home = Home::new();
        let r = run(cmd(&sim, &home).args(["--timeout", "1", "set-webhook", URL, "--json"]));
        assert_eq!(r.code, 0, "{fault:?}: {}", r.stderr);
        assert!(!r.stderr.contains("someone else"), "{}", r.stderr);
        assert!(!r.stderr.contains("same moment"), "{}", r.stderr);
        assert_eq!(r.json()["changes"].as_array().unwrap().len(), 2);
        assert_eq!(endpoints(&sim), both(URL));
        // The PATCH was sent again after the lost answer.
        let patches = writes(&sim)
            .into_iter()
            .filter(|w| w.method == "PATCH")
            .count();
        assert_eq!(patches, if every { 5 } else { 3 }, "{fault:?}");
        // And --rollback knows the original values.
        let r = run(cmd(&sim, &home).args(["set-webhook", "--rollback"]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(endpoints(&sim), both(PLACEHOLDER));
    }
}

#[test]
fn a_post_whose_answer_is_lost_or_late_is_found_and_not_made_twice() {
    let sim = Sim::with(SimOptions {
        write_faults: vec![
            WriteFault {
                target: "sys_group_has_role#1".into(),
                after: AfterWrite::DropConnection,
            },
            WriteFault {
                target: "sys_user_grmember#1".into(),
                after: AfterWrite::AnswerLate(Duration::from_secs(3)),
            },
        ],
        ..SimOptions::default()
    });
    let home = Home::new();
    let members_before = sim.sim.rows("sys_user_grmember").len();
    let roles_before = sim.sim.rows("sys_group_has_role").len();
    let r =
        run(cmd(&sim, &home).args(["--timeout", "1", "group", "--fix", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("Nothing was changed"), "{}", r.stderr);
    assert!(!r.stderr.contains("someone else"), "{}", r.stderr);
    // One membership row and the two roles, each once.
    assert_eq!(sim.sim.rows("sys_user_grmember").len(), members_before + 1);
    assert_eq!(sim.sim.rows("sys_group_has_role").len(), roles_before + 2);
    let r = run(cmd(&sim, &home).args(["group", "--fix", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(sim.sim.rows("sys_user_grmember").len(), members_before + 1);
}

#[test]
fn rollback_after_someone_elses_change_refuses_unless_forced() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let message = id_of(&sim, "sys_rest_message", "name", "VABot to Bot");
    let theirs = "https://elsewhere.example/later";
    sim.sim
        .set_field("sys_rest_message", &message, "rest_endpoint", theirs);
    let before = successful_writes(&sim).len();
    let r = run(cmd(&sim, &home).args(["set-webhook", "--rollback"]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains("\"VABot to Bot\""), "{}", r.stderr);
    assert!(r.stderr.contains(theirs), "{}", r.stderr);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(
        successful_writes(&sim).len(),
        before,
        "nothing was restored"
    );
    assert_eq!(endpoints(&sim), (theirs.to_string(), URL.to_string()));

    let r = run(cmd(&sim, &home).args(["set-webhook", "--rollback", "--force"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(endpoints(&sim), both(PLACEHOLDER));
}

#[cfg(unix)]
#[test]
fn the_state_file_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = state_files(&home);
    assert_eq!(files.len(), 1);
    let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    // The directory is its owner's alone, and so is the lock beside the file.
    let dir = files[0].parent().unwrap();
    let mode = std::fs::metadata(dir).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700, "{mode:o}");
    let lock = std::path::PathBuf::from(format!("{}.lock", files[0].display()));
    let mode = std::fs::metadata(&lock).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}

#[cfg(unix)]
#[test]
fn a_symlinked_config_file_stays_a_symlink() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let real = home.path().join("dotfiles").join("sn-handoff.toml");
    std::fs::create_dir_all(real.parent().unwrap()).unwrap();
    std::fs::write(
        &real,
        "# kept in dotfiles\n[profiles.default]\ngroup = \"Consumer Service Support\"\n",
    )
    .unwrap();
    let link = home.config_file();
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink("../../dotfiles/sn-handoff.toml", &link).unwrap();
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(text.contains(&format!("webhook_url = \"{URL}\"")), "{text}");
    assert!(text.contains("# kept in dotfiles"), "{text}");
}

#[test]
fn an_empty_environment_variable_counts_as_unset() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let plain = run(sim.cmd(&home).args(["check", "--json"]));
    let r = run(sim
        .cmd(&home)
        .env("SN_HANDOFF_AUTH", "")
        .env("SN_HANDOFF_TIMEOUT", "")
        .env("SN_HANDOFF_PROFILE", "")
        .env("SN_HANDOFF_CONFIG", "")
        .env("SN_HANDOFF_CA_CERT", "")
        .env("SN_HANDOFF_CLIENT_ID", "")
        .env("SN_HANDOFF_WEBHOOK_URL", "")
        .env("SN_HANDOFF_CONCURRENCY", "")
        .env("SN_HANDOFF_MESSAGE_TOKEN", "")
        .env("XDG_CACHE_HOME", "")
        .args(["check", "--json"]));
    assert_eq!(r.code, plain.code, "{}", r.stderr);
    assert_eq!(r.status_of("webhook"), plain.status_of("webhook"));
    assert!(r.step("webhook")["details"].get("expected_from").is_none());
}

#[test]
fn after_set_webhook_check_expects_the_new_url_and_says_where_it_came_from() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    home.write_config(&format!("[profiles.default]\nwebhook_url = \"{OTHER}\"\n"));
    let r = run(cmd(&sim, &home).args(["set-webhook", OTHER]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("now expects this URL"), "{}", r.stderr);
    let config = std::fs::read_to_string(home.config_file()).unwrap();
    assert!(config.contains(URL), "{config}");

    let r = run(cmd(&sim, &home).args(["check", "--json"]));
    let step = r.step("webhook");
    assert_eq!(step["status"], "pass", "{step}");
    assert_eq!(step["details"]["expected"], URL);
    assert_eq!(step["details"]["expected_from"], "profile");
    assert!(step["summary"]
        .as_str()
        .unwrap()
        .contains("from the profile"));

    // A flag or the environment wins over the profile, and the human output says so, with
    // what each endpoint holds.
    let r = run(cmd(&sim, &home).args(["check", "--webhook-url", OTHER]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(all.contains("from --webhook-url"), "{all}");
    assert!(
        all.contains(&format!("\"VABot to Bot\" holds {URL}")),
        "{all}"
    );
    let r = run(cmd(&sim, &home)
        .env("SN_HANDOFF_WEBHOOK_URL", OTHER)
        .args(["check", "--json"]));
    assert_eq!(r.step("webhook")["details"]["expected_from"], "env");
    assert_eq!(r.step("webhook")["details"]["expected"], OTHER);

    // Without a profile in use, nothing is written to a config file.
    let bare = Home::new();
    let r = run(cmd(&sim, &bare).args(["set-webhook", OTHER]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!bare.config_file().exists());
}

#[test]
fn a_signal_while_activations_are_watched_says_they_were_started() {
    let sim = Sim::with(SimOptions {
        cicd_stall: true,
        ..SimOptions::default()
    });
    let home = Home::new();
    let mut child = home
        .spawnable()
        .env("SN_HANDOFF_INSTANCE", sim.url())
        .env("SN_HANDOFF_USERNAME", sim.sim.username())
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .env("SN_HANDOFF_POLL_MS", "5")
        .args(["plugins", "--activate"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Every activation was started once the progress records are being polled.
    let started = std::time::Instant::now();
    while !sim
        .sim
        .requests()
        .iter()
        .any(|r| r.method == "GET" && r.path.starts_with("/api/sn_cicd/progress/"))
    {
        assert!(started.elapsed() < Duration::from_secs(60), "never polled");
        assert!(child.try_wait().unwrap().is_none(), "ended before polling");
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: the child this test started.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    let r = finish(child);
    assert_eq!(r.code, 130, "{}", r.stderr);
    assert!(r.stderr.contains("interrupted by SIGTERM"), "{}", r.stderr);
    assert!(!r.stderr.contains("nothing was changed"), "{}", r.stderr);
    assert!(r.stderr.contains("activation \"started\""), "{}", r.stderr);
    let text = std::fs::read_to_string(&state_files(&home)[0]).unwrap();
    let state: serde_json::Value = serde_json::from_str(&text).unwrap();
    let posts = cicd_writes(&sim).len();
    assert!(posts > 0);
    // One progress id per plugin, and one for the Store applications' batch install.
    let ids: std::collections::BTreeSet<&str> = state["activations"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(ids.len(), posts, "{text}");
}

/// The records of a list under `"error"` of an interruption's JSON document.
fn records(error: &serde_json::Value, list: &str) -> Vec<String> {
    error[list]
        .as_array()
        .unwrap_or_else(|| panic!("no list {list} in {error}"))
        .iter()
        .map(|c| {
            assert!(c["table"].is_string() && c["sys_id"].is_string(), "{c}");
            assert!(c["before"].is_string() && c["after"].is_string(), "{c}");
            c["record"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn under_json_an_interruption_is_the_json_error_document_with_what_was_changed() {
    let sim = Sim::with(SimOptions {
        latency: Duration::from_millis(300),
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = signalled(
        &sim,
        &home,
        1,
        libc::SIGTERM,
        &["set-webhook", URL, "--json"],
    );
    assert_eq!(r.code, 130, "{}", r.stderr);
    // stdout is the one document; stderr holds no error line of its own.
    let doc = r.json();
    assert!(!r.stderr.contains("error:"), "{}", r.stderr);
    assert_eq!(doc["exit"], 130, "{doc}");
    let error = &doc["error"];
    assert_eq!(error["kind"], "interrupted", "{doc}");
    assert_eq!(error["signal"], "SIGTERM", "{doc}");
    assert_eq!(error["command"], "set-webhook", "{doc}");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("interrupted by SIGTERM"), "{message}");
    assert!(
        error["hint"]
            .as_str()
            .unwrap()
            .contains("finishes the rest"),
        "{doc}"
    );
    // The lists say what the instance holds: both PATCHes went out together and were let
    // finish.
    assert_eq!(endpoints(&sim), both(URL));
    assert_eq!(
        records(error, "changed"),
        ["VABot to Bot", "postMessage"],
        "{doc}"
    );
    assert_eq!(error["changed"][0]["after"], URL, "{doc}");
    assert!(records(error, "uncertain").is_empty(), "{doc}");
    assert!(records(error, "unchanged").is_empty(), "{doc}");

    // A write not made yet is unchanged: `agent available` stopped during its PATCH of the
    // Available state, before its PUT of the presence.
    let (sim, _home, r) = interrupted_agent_available_with(libc::SIGTERM, &["--json"]);
    assert_eq!(r.code, 130, "{}", r.stderr);
    let doc = r.json();
    let error = &doc["error"];
    assert_eq!(records(error, "unchanged").len(), 1, "{doc}");
    assert_eq!(
        error["unchanged"][0]["table"], "awa_agent_presence",
        "{doc}"
    );
    assert_ne!(super::agent::presence(&sim, "abel.tuter").0, "Available");

    // `check --fix --format json` is a JSON run too.
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Fresh,
        latency: Duration::from_millis(200),
        ..SimOptions::default()
    });
    let home = Home::new();
    // At the first role: the activations and their claims are behind it.
    let r = signalled_to(
        &sim,
        &home,
        "sys_group_has_role#1",
        libc::SIGHUP,
        &[
            "check",
            "--fix",
            "--format",
            "json",
            "--agent",
            "abel.tuter",
            "--webhook-url",
            URL,
        ],
    );
    assert_eq!(r.code, 130, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc["exit"], 130, "{doc}");
    assert_eq!(doc["error"]["kind"], "interrupted", "{doc}");
    assert_eq!(doc["error"]["signal"], "SIGHUP", "{doc}");
    assert_eq!(doc["error"]["command"], "check --fix", "{doc}");
    assert!(!records(&doc["error"], "changed").is_empty(), "{doc}");
}

const AGENT_AVAILABLE: [&str; 4] = ["agent", "available", "--agent", "abel.tuter"];

/// `agent available` on a fresh instance with AWA active, sent `signal` during its first
/// write: abel.tuter is Offline and the Available state does not list Chat, so the run first
/// PATCHes the state (Table API write 1), then would PUT the presence.
fn interrupted_agent_available(signal: libc::c_int) -> (Sim, Home, Run) {
    interrupted_agent_available_with(signal, &[])
}

/// [`interrupted_agent_available`] with more arguments (`extra`).
fn interrupted_agent_available_with(signal: libc::c_int, extra: &[&str]) -> (Sim, Home, Run) {
    let sim = super::agent::with_awa(SimOptions {
        faults: vec![Fault::AvailableWithoutChat],
        latency: Duration::from_millis(300),
        ..SimOptions::default()
    });
    let home = Home::new();
    let args: Vec<&str> = AGENT_AVAILABLE.iter().chain(extra).copied().collect();
    let r = signalled(&sim, &home, 1, signal, &args);
    (sim, home, r)
}

#[test]
fn an_interrupted_agent_available_is_finished_by_the_next_run() {
    let (sim, home, r) = interrupted_agent_available(libc::SIGTERM);
    let args = AGENT_AVAILABLE;
    assert_eq!(r.code, 130, "{}", r.stderr);
    assert!(r.stderr.contains("interrupted by SIGTERM"), "{}", r.stderr);
    assert!(r.stderr.contains("changed: \"Available\""), "{}", r.stderr);
    assert!(
        r.stderr.contains("not changed: \"abel.tuter\""),
        "{}",
        r.stderr
    );
    assert_eq!(
        super::agent::presence(&sim, "abel.tuter"),
        ("Offline".into(), "false".into())
    );
    let puts = |sim: &Sim| writes(sim).iter().filter(|w| w.method == "PUT").count();
    assert_eq!(puts(&sim), 0);
    let text = std::fs::read_to_string(&state_files(&home)[0]).unwrap();
    assert!(text.contains("\"journal\""), "{text}");

    // The next writing run finishes it first: the presence is written then, by the journal.
    let r = run(cmd(&sim, &home).args(args));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("Finished an unfinished `agent available` run"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("wrote \"abel.tuter\""), "{}", r.stderr);
    assert!(
        r.stderr.contains("already in place: \"Available\""),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("run `agent available` again"),
        "{}",
        r.stderr
    );
    assert_eq!(
        super::agent::presence(&sim, "abel.tuter"),
        ("Available".into(), "true".into())
    );
    assert_eq!(puts(&sim), 1);
    // The run's own work was then already done.
    assert!(
        format!("{}{}", r.stdout, r.stderr)
            .contains("already Available on Chat; nothing was changed"),
        "{}",
        r.stderr
    );
    let text = std::fs::read_to_string(&state_files(&home)[0]).unwrap();
    assert!(!text.contains("\"journal\""), "{text}");
}

#[test]
fn an_interrupted_agent_available_is_not_finished_over_someone_elses_presence() {
    let (sim, home, r) = interrupted_agent_available(libc::SIGINT);
    assert_eq!(r.code, 130, "{}", r.stderr);
    let args = AGENT_AVAILABLE;
    // The agent went Away meanwhile: the journal is not finished over that.
    let abel = id_of(&sim, "sys_user", "user_name", "abel.tuter");
    let away = id_of(&sim, "awa_presence_state", "name", "Away");
    let row = value_of(&sim, "awa_agent_presence", "agent", &abel, "sys_id");
    sim.sim
        .set_field("awa_agent_presence", &row, "current_presence_state", &away);
    let r = run(cmd(&sim, &home).args(args));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains("\"abel.tuter\""), "{}", r.stderr);
    assert!(r.stderr.contains("holds \"Away\""), "{}", r.stderr);
    assert!(r.stderr.contains("Nothing was written"), "{}", r.stderr);
    assert_eq!(super::agent::presence(&sim, "abel.tuter").0, "Away");
    assert_eq!(writes(&sim).iter().filter(|w| w.method == "PUT").count(), 0);
}

#[test]
fn a_failed_write_while_settling_a_race_says_what_stands_and_keeps_it_restorable() {
    // Someone else points the method elsewhere right after this run's write of it lands (the
    // other PATCH is sent when the simulator receives this run's, and carried out after it,
    // while its answer takes 300 ms); the run's read-back finds the method contested, settles
    // it by the leader (its own URL), and that write of the method (its third) fails.
    let sim = Sim::with(SimOptions {
        latency: Duration::from_millis(300),
        fail_writes: vec!["sys_rest_message_fn#3".into()],
        ..SimOptions::default()
    });
    let message = id_of(&sim, "sys_rest_message", "name", "VABot to Bot");
    let method = (sim.sim.rows("sys_rest_message_fn").into_iter())
        .find(|r| r["rest_message"] == message.as_str())
        .map(|r| r["sys_id"].as_str().unwrap().to_string())
        .unwrap();
    // Another admin's client: no write gate before its PATCH, which goes out at once.
    let other = {
        use sn_handoff::servicenow::{Auth, Client, ClientConfig, InstanceUrl};
        Client::new(ClientConfig {
            instance: InstanceUrl::parse(&sim.url()).unwrap(),
            auth: Auth::Basic {
                user: sim.sim.username().to_string(),
                password: sim.sim.password().to_string().into(),
            },
            network: sn_handoff::servicenow::http::Network {
                timeout: Duration::from_secs(10),
                concurrency: 1,
                ..Default::default()
            },
        })
        .unwrap()
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    sim.sim.on_write_to("sys_rest_message_fn#1", move || {
        // Over HTTP, once the simulator is free again.
        std::thread::spawn(move || {
            let mut values = serde_json::Map::new();
            values.insert("rest_endpoint".into(), OTHER.into());
            let written = rt.block_on(other.patch("sys_rest_message_fn", &method, &values));
            done_tx.send(written.is_ok()).unwrap();
        });
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert!(done_rx.recv().unwrap(), "the other admin's write");
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains("may not agree"), "{}", r.stderr);
    // The leader holds this run's URL: the message never says nothing was changed, and
    // what stands can be rolled back.
    assert_eq!(endpoints(&sim), (URL.to_string(), OTHER.to_string()));
    assert!(!r.stderr.contains("Nothing was changed"), "{}", r.stderr);
    // (The method holds the other admin's value, so the rollback asks for --force.)
    let r = run(cmd(&sim, &home).args(["set-webhook", "--rollback", "--dry-run", "--json"]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stdout.contains(OTHER), "{}", r.stdout);
    let r = run(cmd(&sim, &home).args([
        "set-webhook",
        "--rollback",
        "--force",
        "--dry-run",
        "--json",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let changes = r.json()["changes"].clone();
    assert!(
        changes
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["sys_id"] == message.as_str() && c["after"] == PLACEHOLDER),
        "{changes}"
    );
}
