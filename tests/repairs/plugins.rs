//! `plugins` and `plugins --activate`: the listing, activation through the CI/CD API (plugins
//! by id, Store applications by scope), idempotence, the deadline and resuming after it,
//! refusals.

use super::*;

const PLUGIN_IDS: [&str; 3] = [
    "com.glide.awa",
    "com.sn_customerservice",
    "com.glide.cs.chatbot",
];
const APP_SCOPES: [&str; 2] = ["sn_oe_sfs", "sn_va_as_service"];

fn all_active(sim: &Sim) -> bool {
    PLUGIN_IDS
        .iter()
        .all(|id| value_of(sim, "v_plugin", "id", id, "active") == "active")
        && APP_SCOPES.iter().all(|scope| {
            sim.sim
                .rows("sys_store_app")
                .iter()
                .any(|r| r["scope"] == *scope && r["active"] == "true")
        })
}

#[test]
fn listing_shows_the_five_and_writes_nothing() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["plugins", "--json"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let j = r.json();
    let list = j["plugins"].as_array().unwrap();
    assert_eq!(list.len(), 5);
    for p in list {
        assert_eq!(p["state"], "inactive", "{p}");
        assert!(["plugin", "store_app"].contains(&p["kind"].as_str().unwrap()));
        assert!(p["name"].as_str().is_some() && p["id"].as_str().is_some());
    }
    assert!(
        r.stderr.contains("sn-handoff plugins --activate"),
        "{}",
        r.stderr
    );
    assert!(writes(&sim).is_empty());

    let sim = Sim::start(Scenario::Configured);
    let r = run(cmd(&sim, &home).args(["plugins", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.json()["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["state"] == "active" && p["version"].is_string()));
}

#[test]
fn activate_turns_all_five_on_and_a_second_run_writes_nothing() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["plugins", "--activate", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(all_active(&sim));
    let j = r.json();
    assert_eq!(j["changed"], true);
    for p in j["plugins"].as_array().unwrap() {
        assert_eq!(p["outcome"], "activated", "{p}");
        assert_eq!(p["state"], "active", "{p}");
    }
    // Plugins through the plugin endpoint, the Store applications in one batch install by
    // their sys_remote_app sys_id and latest_version; never app_repo/install.
    let posts: Vec<String> = cicd_writes(&sim)
        .iter()
        .map(|w| format!("{} {}?{}", w.method, w.path, w.query))
        .collect();
    for id in PLUGIN_IDS {
        assert!(
            posts
                .iter()
                .any(|p| p.starts_with(&format!("POST /api/sn_cicd/plugin/{id}/activate"))),
            "{posts:?}"
        );
    }
    assert_eq!(
        posts
            .iter()
            .filter(|p| p.starts_with("POST /api/sn_cicd/app/batch/install"))
            .count(),
        1,
        "{posts:?}"
    );
    assert!(!posts.iter().any(|p| p.contains("app_repo")), "{posts:?}");
    assert_eq!(posts.len(), 4, "{posts:?}");
    let batches = sim.sim.batch_installs();
    assert_eq!(batches.len(), 1);
    let mut packages = batches[0].clone();
    packages.sort();
    let mut expected: Vec<(String, String)> = APP_SCOPES
        .iter()
        .map(|scope| {
            (
                id_of(&sim, "sys_remote_app", "scope", scope),
                value_of(&sim, "sys_remote_app", "scope", scope, "latest_version"),
            )
        })
        .collect();
    expected.sort();
    assert_eq!(packages, expected);
    assert!(r.stderr.contains("Virtual Agent API"), "{}", r.stderr);
    // Nothing is left to resume, and no claim on the instance.
    assert_eq!(activation_claims(&sim), 0);
    let state = std::fs::read_dir(home.path().join("state/sn-handoff")).unwrap();
    for entry in state {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!text.contains("activations"), "{text}");
    }

    let before = writes(&sim).len();
    let r = run(cmd(&sim, &home).args(["plugins", "--activate", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(writes(&sim).len(), before, "a second run sends nothing");
    assert_eq!(r.json()["changed"], false);
    assert!(r.json()["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["outcome"] == "already_active"));
    assert!(r.stderr.contains("nothing was changed"), "{}", r.stderr);
}

#[test]
fn the_deadline_stops_watching_with_exit_5_and_a_second_run_resumes() {
    let sim = Sim::with(SimOptions {
        cicd_stall: true,
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["plugins", "--activate", "--deadline", "0.005"]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("resume watching with: sn-handoff plugins --activate"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("deadline"), "{}", r.stderr);
    assert!(
        r.stderr.contains("Application Operation Queue"),
        "{}",
        r.stderr
    );
    // A long Pending is explained while it waits, with where to look.
    assert!(r.stderr.contains("still pending after"), "{}", r.stderr);
    assert!(r.stderr.contains("update lock"), "{}", r.stderr);
    let started = cicd_writes(&sim).len();
    assert_eq!(started, 4, "three activations and one batch");
    let files = state_files(&home);
    assert_eq!(files.len(), 1, "{files:?}");
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    assert_eq!(
        saved["activations"].as_object().unwrap().len(),
        5,
        "{saved}"
    );

    // Run again: the five running activations are watched, not started twice.
    let r = run(cmd(&sim, &home).args(["plugins", "--activate", "--deadline", "0.005"]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert_eq!(
        cicd_writes(&sim).len(),
        started,
        "nothing is requested twice"
    );
}

#[test]
fn a_user_without_admin_is_exit_3_with_nothing_written() {
    let sim = Sim::start(Scenario::ReadOnly);
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["plugins", "--activate"]));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("admin"), "{}", r.stderr);
    assert!(successful_writes(&sim).is_empty());
    assert_eq!(
        value_of(&sim, "v_plugin", "id", "com.glide.awa", "active"),
        "inactive"
    );
}

#[test]
fn a_refused_store_install_prints_the_manual_path() {
    let sim = Sim::with(SimOptions {
        store_install_refused: true,
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["plugins", "--activate", "--json"]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("System Applications → All Available Applications → All"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("not entitled"), "{}", r.stderr);
    assert!(
        r.stderr.contains("Activated: Advanced Work Assignment"),
        "{}",
        r.stderr
    );
    assert_eq!(outcome(&r, "com.glide.awa"), "activated");
    assert_eq!(outcome(&r, "sn_va_as_service"), "failed");
    assert!(sim
        .sim
        .rows("sys_store_app")
        .iter()
        .all(|r| r["scope"] != "sn_va_as_service"));
}

#[test]
fn an_app_the_instance_is_not_entitled_to_is_exit_5_and_the_other_installs() {
    let sim = Sim::with(SimOptions {
        unentitled_store_apps: vec!["sn_oe_sfs".into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["plugins", "--activate", "--json"]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains("not entitled"), "{}", r.stderr);
    assert!(r.stderr.contains("sn_oe_sfs"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("System Applications → All Available Applications → All"),
        "{}",
        r.stderr
    );
    // The batch held only the application the instance can install.
    let batches = sim.sim.batch_installs();
    assert_eq!(batches.len(), 1);
    assert_eq!(
        batches[0],
        vec![(
            id_of(&sim, "sys_remote_app", "scope", "sn_va_as_service"),
            value_of(
                &sim,
                "sys_remote_app",
                "scope",
                "sn_va_as_service",
                "latest_version"
            )
        )]
    );
    assert_eq!(outcome(&r, "sn_oe_sfs"), "failed");
    assert_eq!(outcome(&r, "sn_va_as_service"), "activated");
}

/// The `outcome` of one of the five in `plugins --activate --json`.
fn outcome(r: &Run, id: &str) -> serde_json::Value {
    r.json()["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap()["outcome"]
        .clone()
}

#[test]
fn a_failed_activation_request_is_exit_5_in_plain_words() {
    let sim = Sim::with(SimOptions {
        fail_writes: vec!["sn_cicd#1".into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["plugins", "--activate"]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("500, the instance failed while handling the request"),
        "{}",
        r.stderr
    );
    // The first CI/CD request to arrive is a plugin's or the Store batch (they leave together).
    assert!(
        r.stderr.contains("System Definition → Plugins")
            || r.stderr
                .contains("System Applications → All Available Applications"),
        "{}",
        r.stderr
    );
}

/// The claims of activations that are over go all at once: two whose deletes fail are both
/// named, and the deletes after the first failure are still made.
#[test]
fn claims_that_cannot_be_removed_are_all_named_and_the_others_go() {
    // Three plugins and the Store batch: four claims inserted, four progress ids written
    // into them, then the four deletes.
    let sim = Sim::with(SimOptions {
        fail_writes: vec!["sys_properties#9".into(), "sys_properties#11".into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["plugins", "--activate"]));
    assert!(all_active(&sim), "{}", r.stderr);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert_eq!(activation_claims(&sim), 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("2 claims of activations could not be removed"),
        "{}",
        r.stderr
    );
    for row in sim.sim.rows("sys_properties") {
        let name = row["name"].as_str().unwrap_or_default();
        if name.starts_with("sn_handoff.activation.") {
            assert!(r.stderr.contains(name), "{name} not named\n{}", r.stderr);
        }
    }
}

/// A signal while the Store install is under way waits for its answer and keeps its ids, so
/// the next run watches that install instead of starting a second one.
#[cfg(unix)]
#[test]
fn a_signal_during_the_store_install_keeps_its_ids_and_the_rerun_installs_nothing_twice() {
    let sim = Sim::with(SimOptions {
        cicd_stall: true,
        // The install is carried out at once; its answer comes 3 s later.
        write_faults: vec![WriteFault {
            target: "sn_cicd".into(),
            after: AfterWrite::AnswerLate(std::time::Duration::from_secs(3)),
        }],
        ..SimOptions::default()
    });
    // Only the two Store applications are missing: the batch is the one CI/CD write.
    for id in PLUGIN_IDS {
        let sys_id = id_of(&sim, "v_plugin", "id", id);
        sim.sim.set_field("v_plugin", &sys_id, "active", "active");
    }
    let home = Home::new();
    let child = super::writes::spawn(
        &sim,
        &home,
        &["plugins", "--activate", "--deadline", "0.005"],
    );
    // Wait until the instance has the install (its answer is still on the way).
    for _ in 0..3000 {
        if !sim.sim.batch_installs().is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(
        sim.sim.batch_installs().len(),
        1,
        "the install never arrived"
    );
    // SAFETY: sending a signal to the child this test started.
    assert_eq!(
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) },
        0
    );
    let r = super::writes::finish(child);
    assert_eq!(r.code, 130, "{}", r.stderr);
    let files = state_files(&home);
    assert_eq!(files.len(), 1, "{files:?}");
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    for scope in APP_SCOPES {
        assert!(saved["activations"][scope].is_string(), "{saved}");
    }

    let r = run(cmd(&sim, &home).args(["plugins", "--activate", "--deadline", "0.005"]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert_eq!(sim.sim.batch_installs().len(), 1, "installed twice");
}
