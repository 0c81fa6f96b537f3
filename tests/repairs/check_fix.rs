//! `check --fix`: every failing step repaired in order, then checked again; exit 0 only when
//! all pass afterwards; `--json` is the final report; the fixes `check` prints run as printed.

use super::*;

/// The step options a full repair needs: the agent and the bot's URL.
const STEPS: [&str; 4] = ["--agent", "abel.tuter", "--webhook-url", URL];

#[test]
fn turns_a_fresh_instance_into_one_that_passes() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(cmd(&sim, &home)
        .args(["check", "--fix", "--json"])
        .args(STEPS));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["ok"], true, "{j}");
    for s in j["steps"].as_array().unwrap() {
        assert_eq!(s["status"], "pass", "{s}");
    }
    // Plugins first: every CI/CD request comes before the first Table API write.
    // (The activations' claims, system properties, come with them.)
    let order: Vec<String> = writes(&sim)
        .iter()
        .map(|w| w.path.clone())
        .filter(|p| !p.contains("/sys_properties"))
        .collect();
    let last_cicd = order
        .iter()
        .rposition(|p| p.starts_with("/api/sn_cicd/"))
        .unwrap();
    let first_table = order.iter().position(|p| p.contains("/table/")).unwrap();
    assert!(last_cicd < first_table, "{order:?}");
    assert!(r.stderr.contains("Checking again"), "{}", r.stderr);

    // A plain check agrees, and another --fix writes nothing.
    let r = run(cmd(&sim, &home).args(["check", "--json"]).args(STEPS));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let before = writes(&sim).len();
    let r = run(cmd(&sim, &home)
        .args(["check", "--fix", "--json"])
        .args(STEPS));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(writes(&sim).len(), before);
}

#[test]
fn demo_turns_fresh_into_passing() {
    let home = Home::new();
    let r = run(home
        .cmd()
        .env("SN_HANDOFF_POLL_MS", "5")
        .args(["--demo", "check", "--fix", "--json"])
        .args(["--agent", "abel.tuter"])
        .args(["--webhook-url", sn_handoff::sim::CONFIGURED_WEBHOOK_URL]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["ok"], true);
    // One run: nothing had to be repaired twice.
    assert!(!r.stderr.contains("Repairing again"), "{}", r.stderr);
}

#[test]
fn the_fixes_check_prints_run_as_printed() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let first = run(cmd(&sim, &home).args(["check", "--json"]).args(STEPS));
    assert_eq!(first.code, 1);
    let fixes: Vec<String> = [
        "plugins",
        "group_roles",
        "group_members",
        "webhook",
        "agent_available",
    ]
    .iter()
    .map(|id| first.fix(id))
    .collect();
    for fix in &fixes {
        let args: Vec<&str> = fix.split(' ').collect();
        assert_eq!(args[0], "sn-handoff", "{fix}");
        let r = run(cmd(&sim, &home).args(&args[1..]));
        assert_eq!(r.code, 0, "{fix}: {}", r.stderr);
    }
    let last = run(cmd(&sim, &home).args(["check", "--json"]).args(STEPS));
    assert_eq!(last.code, 0, "{}", last.stderr);
}

#[test]
fn what_needs_input_is_left_and_the_exit_is_1() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["check", "--fix", "--json"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.status_of("plugins"), "pass");
    assert_eq!(r.status_of("group_roles"), "pass");
    assert_eq!(r.status_of("group_members"), "fail");
    assert_eq!(r.status_of("webhook"), "fail");
    assert!(r.stderr.contains("--webhook-url"), "{}", r.stderr);
    assert!(r.stderr.contains("--agent USER"), "{}", r.stderr);
    // What needs input is not tried again in the same run: the input is still missing.
    assert!(!r.stderr.contains("Repairing again"), "{}", r.stderr);
}

#[test]
fn a_user_without_admin_is_exit_3_with_nothing_written() {
    let sim = Sim::start(Scenario::ReadOnly);
    let home = Home::new();
    let r = run(cmd(&sim, &home)
        .args(["check", "--fix", "--json"])
        .args(STEPS));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(successful_writes(&sim).is_empty());
    assert_eq!(r.json()["ok"], false);
}

#[test]
fn deadline_needs_fix() {
    let home = Home::new();
    let r = run(home.cmd().args(["check", "--deadline", "5"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = run(home
        .cmd()
        .args(["plugins", "--activate", "--deadline", "0"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn the_final_report_comes_in_the_format_asked_for() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(cmd(&sim, &home)
        .args(["check", "--fix", "--format", "junit"])
        .args(STEPS));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // One report on stdout, the final one: nothing fails in it.
    assert_eq!(r.stdout.matches("<testsuites ").count(), 1, "{}", r.stdout);
    assert!(
        r.stdout.contains("tests=\"7\" failures=\"0\""),
        "{}",
        r.stdout
    );
}

#[test]
fn one_run_converges_when_a_repair_creates_what_another_step_reads() {
    // The REST message already points at the bot, so the webhook step passes at first; the
    // Virtual Agent API (4.1+) is not installed, so its "Bot Connection" does not exist yet.
    // Activating the plugins creates it with ServiceNow's example URL: the webhook step's
    // inputs changed under it, and the same run repairs it again.
    let sim = Sim::start(Scenario::Fresh);
    for table in ["sys_rest_message", "sys_rest_message_fn"] {
        for row in sim.sim.rows(table) {
            let name = row.get("name").or(row.get("function_name"));
            if matches!(
                name.and_then(|n| n.as_str()),
                Some("VABot to Bot" | "postMessage")
            ) {
                let id = row["sys_id"].as_str().unwrap();
                sim.sim.set_field(table, id, "rest_endpoint", URL);
            }
        }
    }
    assert!(sim.sim.rows("http_connection").is_empty());
    let home = Home::new();
    let first = run(cmd(&sim, &home).args(["check", "--json"]).args(STEPS));
    assert_eq!(first.status_of("webhook"), "pass", "{}", first.stdout);
    let r = run(cmd(&sim, &home).args(["check", "--fix"]).args(STEPS));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let out = format!("{}{}", r.stdout, r.stderr);
    assert!(out.contains("Repairing again: webhook"), "{out}");
    let connection = &sim.sim.rows("http_connection")[0];
    assert_eq!(connection["connection_url"], URL);
}

#[test]
fn the_check_after_the_repairs_reads_only_what_they_may_have_changed() {
    // Everything passes but the webhook: its repair is the only write, and the check after it
    // reads the webhook's records again (with the plugins' versions it needs, and the probe),
    // not the group or the agent.
    let sim = Sim::start(Scenario::Configured);
    for table in ["sys_rest_message", "sys_rest_message_fn"] {
        for row in sim.sim.rows(table) {
            let id = row["sys_id"].as_str().unwrap();
            sim.sim.set_field(
                table,
                id,
                "rest_endpoint",
                sn_handoff::sim::PLACEHOLDER_ENDPOINT,
            );
        }
    }
    for row in sim.sim.rows("http_connection") {
        let id = row["sys_id"].as_str().unwrap();
        sim.sim.set_field(
            "http_connection",
            id,
            "connection_url",
            sn_handoff::sim::PLACEHOLDER_ENDPOINT,
        );
    }
    let home = Home::new();
    let r = run(cmd(&sim, &home)
        .args(["check", "--fix", "--json"])
        .args(STEPS));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let steps = report["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 7, "{}", r.stdout);
    assert!(steps.iter().all(|s| s["status"] == "pass"), "{}", r.stdout);
    let requests = sim.sim.requests();
    let last_write = requests
        .iter()
        .rposition(|r| r.method == "PATCH")
        .expect("the webhook was written");
    let after: Vec<&str> = requests[last_write + 1..]
        .iter()
        .filter(|r| r.method == "GET")
        .map(|r| r.path.as_str())
        .collect();
    assert!(
        after.iter().any(|p| p.ends_with("/sys_rest_message_fn")),
        "{after:?}"
    );
    for untouched in [
        "/sys_group_has_role",
        "/sys_user_grmember",
        "/awa_agent_presence",
    ] {
        assert!(
            !after.iter().any(|p| p.ends_with(untouched)),
            "{untouched} read again: {after:?}"
        );
    }
}

#[test]
fn a_step_skipped_for_the_agent_is_read_again_after_the_presence_is_repaired() {
    // The agent is Offline: `chat_presence` (deep) is skipped, saying so. The repair makes
    // them Available, and the final report reads that step again instead of keeping the skip.
    let sim = Sim::start(Scenario::Configured);
    let offline = id_of(&sim, "awa_presence_state", "name", "Offline");
    let abel = id_of(&sim, "sys_user", "user_name", "abel.tuter");
    for row in sim.sim.rows("awa_agent_presence") {
        if row["agent"] == abel.as_str() {
            let id = row["sys_id"].as_str().unwrap();
            sim.sim
                .set_field("awa_agent_presence", id, "current_presence_state", &offline);
        }
    }
    let home = Home::new();
    let first = run(cmd(&sim, &home)
        .args(["check", "--deep", "--json"])
        .args(STEPS));
    assert_eq!(
        first.status_of("agent_available"),
        "fail",
        "{}",
        first.stdout
    );
    assert_eq!(first.status_of("chat_presence"), "skip", "{}", first.stdout);
    let r = run(cmd(&sim, &home)
        .args(["check", "--deep", "--fix", "--json"])
        .args(STEPS));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(r.status_of("agent_available"), "pass", "{}", r.stdout);
    assert_eq!(r.status_of("chat_presence"), "pass", "{}", r.stdout);
}
