//! Faults at the edges of the journal: a write carried out but answered 500, a failed member
//! insert after the roles went in, a state directory with no room for the journal, temporary
//! writes (`doctor --enable-va-logging`) left by a killed run, two repairs of one instance
//! from two machines at once, and secrets a server echoes back.

use std::time::Duration;

use super::writes::{finish, signalled, spawn};
use super::*;
use sn_handoff::commands::doctor::{LOG_LEVEL, LOG_OVERRIDE};

const PLACEHOLDER: &str = sn_handoff::sim::PLACEHOLDER_ENDPOINT;

fn both(url: &str) -> (String, String) {
    (url.to_string(), url.to_string())
}

#[test]
fn a_patch_carried_out_but_answered_500_is_read_back_and_counted_as_made() {
    // The instance saves postMessage's endpoint, then a slow business rule runs past the
    // transaction's quota and the answer is a 500.
    let sim = Sim::with(SimOptions {
        write_faults: vec![WriteFault {
            target: "sys_rest_message_fn#1".into(),
            after: AfterWrite::Answer500,
        }],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(endpoints(&sim), both(URL), "{}", r.stderr);
    assert!(
        !r.stderr.contains("Nothing is left changed"),
        "{}",
        r.stderr
    );
    // What was changed is kept for --rollback, which restores both.
    let r = run(cmd(&sim, &home).args(["set-webhook", "--rollback"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(endpoints(&sim), both(PLACEHOLDER));
}

#[test]
fn a_patch_refused_with_500_before_it_was_carried_out_leaves_the_old_url_everywhere() {
    let sim = Sim::with(SimOptions {
        fail_writes: vec!["sys_rest_message_fn#1".into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert_eq!(endpoints(&sim), both(PLACEHOLDER), "{}", r.stderr);
    assert!(r.stderr.contains("Nothing is left changed"), "{}", r.stderr);
}

#[test]
fn a_member_insert_carried_out_but_answered_500_is_found_and_counted() {
    let sim = Sim::with(SimOptions {
        write_faults: vec![WriteFault {
            target: "sys_user_grmember#1".into(),
            after: AfterWrite::Answer500,
        }],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["group", "--fix", "--agent", "abel.tuter", "--json"]));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(membership_rows(&sim, "abel.tuter"), 1);
    let doc = r.json();
    let tables: Vec<&str> = doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["table"].as_str().unwrap())
        .collect();
    assert_eq!(
        tables,
        [
            "sys_group_has_role",
            "sys_group_has_role",
            "sys_user_grmember"
        ],
        "{doc}"
    );
}

/// A fresh instance whose first member POST is cut off before it is carried out; meanwhile
/// a row making abel.tuter a member appears, created by `created_by` (the run's user when
/// empty) on `created_on` (now when `None`). Returns the instance and that row's sys_id.
fn their_member_row_at_the_post(created_by: &str, created_on: Option<&str>) -> (Sim, String) {
    let sim = Sim::with(SimOptions {
        fail_writes: vec!["sys_user_grmember#1@reset".into()],
        ..SimOptions::default()
    });
    let created_by = if created_by.is_empty() {
        sim.sim.username().to_string()
    } else {
        created_by.to_string()
    };
    let group = id_of(&sim, "sys_user_group", "name", GROUP);
    let mut fields = vec![
        ("group", group.as_str()),
        ("user", "0123456789abcdef0123456789abcdef"),
        ("sys_created_by", created_by.as_str()),
    ];
    fields.extend(created_on.map(|on| ("sys_created_on", on)));
    let theirs = sim.sim.insert_row("sys_user_grmember", &fields);
    // It becomes abel.tuter's when the member's POST arrives.
    let abel = id_of(&sim, "sys_user", "user_name", "abel.tuter");
    let row = ("sys_user_grmember", theirs.as_str());
    sim.sim
        .edit_when_write_arrives("sys_user_grmember#1", row, "user", &abel);
    (sim, theirs)
}

/// Whether the `sys_user_grmember` row `sys_id` is still there.
fn member_row_kept(sim: &Sim, sys_id: &str) -> bool {
    (sim.sim.rows("sys_user_grmember").iter()).any(|r| r["sys_id"] == sys_id)
}

#[test]
fn a_lost_member_insert_does_not_adopt_a_row_that_cannot_be_its_own() {
    // Another user's row, and one of the run's user dated before the POST.
    for (created_by, created_on) in [("beth.anglin", None), ("", Some("2020-01-01 00:00:00"))] {
        let (sim, theirs) = their_member_row_at_the_post(created_by, created_on);
        let home = Home::new();
        let r = run(cmd(&sim, &home).args(["group", "--fix", "--agent", "abel.tuter"]));
        // Not taken for this run's: the run says it could not add the member, and the other
        // row stays as it is.
        assert_eq!(r.code, 5, "{created_by} {created_on:?}: {}", r.stderr);
        assert!(r.stderr.contains("could not add"), "{}", r.stderr);
        assert_eq!(membership_rows(&sim, "abel.tuter"), 1);
        assert!(member_row_kept(&sim, &theirs));
    }
}

#[test]
fn a_killed_runs_lost_member_insert_is_not_adopted_when_the_row_is_someone_elses() {
    let (sim, theirs) = their_member_row_at_the_post("beth.anglin", None);
    let home = Home::new();
    // Killed when its member POST arrives (which is cut off): the journal holds it as sent.
    let args = ["group", "--fix", "--agent", "abel.tuter"];
    let r = super::writes::signalled_to(&sim, &home, "sys_user_grmember#1", libc::SIGKILL, &args);
    assert_eq!(r.code, -1, "{}", r.stderr);
    // The next run finds the other user's row: in place, and not the killed run's.
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("(added by someone else)"), "{}", r.stderr);
    assert_eq!(membership_rows(&sim, "abel.tuter"), 1);
    assert!(member_row_kept(&sim, &theirs));
}

#[test]
fn a_failed_member_insert_lists_the_roles_it_added_in_text_and_json() {
    let sim = Sim::with(SimOptions {
        fail_writes: vec!["sys_user_grmember".into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["group", "--fix", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(!r.stderr.contains("Nothing was changed"), "{}", r.stderr);
    assert!(r.stderr.contains("awa_agent"), "{}", r.stderr);
    assert!(r.stderr.contains("agent_workspace_user"), "{}", r.stderr);
    assert_eq!(membership_rows(&sim, "abel.tuter"), 0);

    let sim = Sim::with(SimOptions {
        fail_writes: vec!["sys_user_grmember".into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["group", "--fix", "--agent", "abel.tuter", "--json"]));
    assert_eq!(r.code, 5, "{}", r.stdout);
    let doc = r.json();
    let changes = doc["error"]["changes"]
        .as_array()
        .unwrap_or_else(|| panic!("{doc}"));
    let roles: Vec<&str> = changes
        .iter()
        .map(|c| c["after"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["awa_agent", "agent_workspace_user"], "{doc}");
    assert!(
        doc["error"]["unchanged"]
            .as_array()
            .is_some_and(|u| u.iter().any(|c| c["table"] == "sys_user_grmember")),
        "{doc}"
    );
}

/// The binary against `sim` with `args`, with no room for any file it writes (the file size
/// limit is 0 bytes, as on a full disk: every write of a regular file fails with EFBIG).
#[cfg(target_os = "linux")]
pub(crate) fn with_a_full_disk(sim: &Sim, home: &Home, args: &[&str]) -> Run {
    use std::os::unix::process::CommandExt;
    let mut cmd = home.spawnable();
    cmd.env("SN_HANDOFF_INSTANCE", sim.url())
        .env("SN_HANDOFF_USERNAME", sim.sim.username())
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .env("SN_HANDOFF_POLL_MS", "5")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    finish(cmd.spawn().unwrap())
}

#[cfg(target_os = "linux")]
#[test]
fn with_no_room_for_the_journal_nothing_is_written_on_either_side() {
    for args in [
        &["set-webhook", URL][..],
        &["group", "--fix", "--agent", "abel.tuter"][..],
        &["plugins", "--activate"][..],
    ] {
        let sim = Sim::start(Scenario::Fresh);
        let home = Home::new();
        let r = with_a_full_disk(&sim, &home, args);
        assert_eq!(r.code, 5, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("journal"), "{}", r.stderr);
        assert!(r.stderr.contains("nothing was changed"), "{}", r.stderr);
        assert!(writes(&sim).is_empty(), "{args:?}: {:?}", writes(&sim));
        assert_eq!(endpoints(&sim), both(PLACEHOLDER));
    }
}

/// The outbound HTTP log properties on the instance, by name.
fn logging(sim: &Sim) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = sim
        .sim
        .rows("sys_properties")
        .into_iter()
        .filter(|r| r["name"] == LOG_OVERRIDE || r["name"] == LOG_LEVEL)
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["value"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    rows.sort();
    rows
}

/// `doctor --enable-va-logging` killed (SIGKILL) when its second property write arrives:
/// both properties are left on the instance.
fn killed_doctor(sim: &Sim, home: &Home) {
    let path = home.dir.path().join("b.tar.gz");
    let r = signalled(
        sim,
        home,
        2,
        libc::SIGKILL,
        &[
            "doctor",
            "--bundle",
            path.to_str().unwrap(),
            "--enable-va-logging",
        ],
    );
    assert_eq!(r.code, -1, "{}", r.stderr);
    assert_eq!(
        logging(sim),
        [
            (LOG_OVERRIDE.to_string(), "true".to_string()),
            (LOG_LEVEL.to_string(), "all".to_string())
        ]
    );
}

#[test]
fn logging_left_on_by_a_killed_doctor_is_warned_by_check_and_undone_by_the_next_doctor() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        latency: Duration::from_millis(100),
        ..SimOptions::default()
    });
    let home = Home::new();
    killed_doctor(&sim, &home);
    let r = run(cmd(&sim, &home).arg("check"));
    assert!(
        r.stderr
            .contains("outbound HTTP log left at level all since")
            || r.stdout
                .contains("outbound HTTP log left at level all since"),
        "{}\n{}",
        r.stdout,
        r.stderr
    );
    // Under --json the warning is on stderr beside the report.
    let r = run(cmd(&sim, &home).args(["check", "--json"]));
    assert!(r.json()["steps"].is_array());
    assert!(
        r.stderr
            .contains("outbound HTTP log left at level all since"),
        "{}",
        r.stderr
    );
    let path = home.dir.path().join("c.tar.gz");
    let r = run(cmd(&sim, &home).args(["doctor", "--bundle"]).arg(&path));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("Undid a temporary write"), "{}", r.stderr);
    // Both were created by the killed run: both are deleted, not reset.
    assert!(logging(&sim).is_empty(), "{:?}", logging(&sim));
    let r = run(cmd(&sim, &home).arg("check"));
    assert!(!r.stderr.contains("outbound HTTP log left"), "{}", r.stderr);
}

#[test]
fn logging_left_on_by_a_killed_doctor_is_undone_by_the_next_writing_command() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        latency: Duration::from_millis(100),
        ..SimOptions::default()
    });
    // The override existed (off): it is reset, the level is deleted.
    sim.sim.insert_row(
        "sys_properties",
        &[
            ("name", LOG_OVERRIDE),
            ("value", "false"),
            ("type", "true|false"),
        ],
    );
    let home = Home::new();
    killed_doctor(&sim, &home);
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("Undid a temporary write"), "{}", r.stderr);
    assert_eq!(
        logging(&sim),
        [(LOG_OVERRIDE.to_string(), "false".to_string())]
    );
}

/// Two runs of `args` against one instance from two machines (two state directories), both
/// started at once.
fn twice_at_once(sim: &Sim, args: &[&str]) -> (Run, Run) {
    let (one, two) = (Home::new(), Home::new());
    let a = spawn(sim, &one, args);
    let b = spawn(sim, &two, args);
    (finish(a), finish(b))
}

#[test]
fn two_group_fixes_at_once_leave_one_membership_and_one_row_per_role() {
    let sim = Sim::with(SimOptions {
        latency: Duration::from_millis(150),
        ..SimOptions::default()
    });
    let (a, b) = twice_at_once(&sim, &["group", "--fix", "--agent", "abel.tuter"]);
    assert_eq!(a.code, 0, "{}", a.stderr);
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert_eq!(membership_rows(&sim, "abel.tuter"), 1);
    let mut roles = group_role_rows(&sim);
    let n = roles.len();
    roles.dedup();
    assert_eq!(roles.len(), n, "a role twice");
    assert_eq!(n, 2);
}

/// A server that answers every request with a 500 whose message echoes the request's
/// credentials, as a proxy or a debugging script may.
fn echoing_server(user: &str, password: &str) -> Canned {
    use base64::Engine;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    let encoded = password.replace('/', "%2F").replace('+', "%2B");
    let body = serde_json::json!({
        "error": {
            "message": format!("Bad request: Authorization: Basic {basic} password={password}"),
            "detail": format!("user={user}&password={encoded} {basic}"),
        },
        "status": "failure"
    });
    Canned::new(
        500,
        &[("Content-Type", "application/json")],
        body.to_string(),
    )
}

#[test]
fn a_server_that_echoes_the_credentials_never_gets_them_printed() {
    use base64::Engine;
    let password = "s3cret/echo+pw";
    let canned = echoing_server("admin", password);
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("admin:{password}"));
    for format in ["human", "json", "junit", "github", "markdown"] {
        let home = Home::new();
        let r = run(home
            .cmd()
            .env("SN_HANDOFF_INSTANCE", canned.url())
            .env("SN_HANDOFF_USERNAME", "admin")
            .env("SN_HANDOFF_PASSWORD", password)
            .args(["check", "--format", format, "-v"]));
        let all = format!("{}{}", r.stdout, r.stderr);
        assert!(all.contains("Bad request"), "{format}: {all}");
        for secret in [password, &basic, "s3cret%2Fecho%2Bpw"] {
            assert!(!all.contains(secret), "{format}: {secret} in {all}");
        }
    }
    let home = Home::new();
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_INSTANCE", canned.url())
        .env("SN_HANDOFF_USERNAME", "admin")
        .env("SN_HANDOFF_PASSWORD", password)
        .args(["set-webhook", URL]));
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(!all.contains(password) && !all.contains(&basic), "{all}");
}

/// The CI/CD requests that start work: plugin activations and batch installs.
fn starts(sim: &Sim) -> (usize, usize) {
    let w = writes(sim);
    let activations = w.iter().filter(|r| r.path.ends_with("/activate")).count();
    let batches = w
        .iter()
        .filter(|r| r.path.ends_with("/batch/install"))
        .count();
    (activations, batches)
}

/// How many activations the state file under `home` keeps.
fn saved_activations(home: &Home) -> usize {
    state_files(home)
        .first()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v["activations"].as_object().map(|a| a.len()))
        .unwrap_or(0)
}

#[test]
fn a_rerun_after_an_interrupted_activation_that_has_just_ended_starts_nothing_twice() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let args = CHECK_FIX;
    // The first run polls a minute after starting the activations: it is stopped while they
    // go on, with their progress ids kept.
    let mut first = home.spawnable();
    first
        .env("SN_HANDOFF_INSTANCE", sim.url())
        .env("SN_HANDOFF_USERNAME", sim.sim.username())
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .env("SN_HANDOFF_POLL_MS", "60000")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = first.spawn().unwrap();
    for _ in 0..3000 {
        if saved_activations(&home) == 5 {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(saved_activations(&home), 5, "the activations never started");
    // SAFETY: sending a signal to the child this test started.
    assert_eq!(
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) },
        0
    );
    let r = finish(child);
    assert_eq!(r.code, 130, "{}", r.stderr);
    assert_eq!(starts(&sim), (3, 1));
    // Meanwhile the activations end on the instance; its plugin list has not caught up yet.
    sim.sim.advance_operations();
    let r = run(cmd(&sim, &home).args(args));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(starts(&sim), (3, 1), "started twice\n{}", r.stderr);
    assert!(!r.stderr.contains("changed nothing"), "{}", r.stderr);
    for started in [
        "com.glide.awa",
        "com.glide.cs.chatbot",
        "Store applications",
    ] {
        assert!(
            r.stderr.contains(started),
            "{started} not named\n{}",
            r.stderr
        );
    }
}

#[test]
fn two_activations_at_once_from_two_machines_start_each_plugin_once() {
    for args in [&["plugins", "--activate"][..], &CHECK_FIX[..]] {
        let sim = Sim::with(SimOptions {
            latency: Duration::from_millis(60),
            ..SimOptions::default()
        });
        let (a, b) = twice_at_once(&sim, args);
        assert_eq!(a.code, 0, "{args:?}: {}", a.stderr);
        assert_eq!(b.code, 0, "{args:?}: {}", b.stderr);
        assert_eq!(starts(&sim), (3, 1), "{args:?}\n{}\n{}", a.stderr, b.stderr);
        assert_eq!(activation_claims(&sim), 0, "{args:?}: a claim left");
        // One of the two watched what the other started, and said so.
        let said = format!("{}{}", a.stderr, b.stderr);
        assert!(said.contains("started earlier"), "{said}");
    }
}

#[test]
fn claims_a_killed_run_left_without_a_progress_id_are_stale_and_the_activations_go_ahead() {
    // `check --fix` inserts its claims without a first look at them (its check has just read
    // the plugins); `plugins --activate` looks first. Either way a claim that never gets a
    // progress id is taken as left by a killed run, removed, and the activation started.
    for args in [&["plugins", "--activate"][..], &CHECK_FIX[..]] {
        let sim = Sim::start(Scenario::Fresh);
        for key in ["com.glide.awa", "store_batch"] {
            let name = format!("sn_handoff.activation.{key}");
            sim.sim.insert_row(
                "sys_properties",
                &[("name", name.as_str()), ("value", ""), ("type", "string")],
            );
        }
        let home = Home::new();
        let r = run(cmd(&sim, &home).args(args));
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert_eq!(starts(&sim), (3, 1), "{args:?}: {}", r.stderr);
        assert_eq!(activation_claims(&sim), 0, "{args:?}: a claim left");
    }
}

#[test]
fn a_run_that_waited_for_the_lock_reads_the_plugins_again_before_activating() {
    // Run B checks, then waits for the lock another run of this machine holds; meanwhile that
    // run activates the plugins and leaves. B starts its repairs from what it reads then, not
    // from its check's reads, so it starts no activation of a plugin already active.
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["check", "--json"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let files = state_files(&home);
    let lock_path = std::path::PathBuf::from(format!("{}.lock", files[0].display()));
    let held = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&lock_path)
        .unwrap();
    held.lock().unwrap();
    let before = sim.sim.requests().len();
    let b = spawn(&sim, &home, &CHECK_FIX);
    // Its check is over once its requests stop coming (it waits for the lock then).
    let mut seen = before;
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = sim.sim.requests().len();
        if now > before && now == seen {
            break;
        }
        seen = now;
    }
    for row in sim.sim.rows("v_plugin") {
        sim.sim.set_field(
            "v_plugin",
            row["sys_id"].as_str().unwrap(),
            "active",
            "active",
        );
    }
    for (scope, name) in [
        ("sn_oe_sfs", "Omni-experience Standard Feature Set"),
        ("sn_va_as_service", "Virtual Agent API"),
    ] {
        sim.sim.insert_row(
            "sys_store_app",
            &[
                ("scope", scope),
                ("name", name),
                ("active", "true"),
                ("version", "4.1.0"),
            ],
        );
    }
    held.unlock().unwrap();
    let b = finish(b);
    assert!(b.stderr.contains("another sn-handoff run"), "{}", b.stderr);
    assert!(
        cicd_writes(&sim).is_empty(),
        "{:?}\n{}",
        cicd_writes(&sim),
        b.stderr
    );
}
