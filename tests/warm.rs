//! Warm checks: once the credentials worked, the next checks within a day send every read
//! beside the probe; a refusal costs at most one check's reads and flips the profile back to
//! probing alone first. The OAuth access token kept in the keyring is in `keyring`.
//!
//! What a read command costs on the wire, counted from the simulator's request log: the
//! requests, and the round trips (`RequestRecord::round`, exact at this latency).

use std::time::Duration;

use serde_json::Value;
use sn_handoff::sim::RequestRecord;

use crate::common::*;

/// A configured simulator whose answers take long enough that a read sent beside the probe
/// is surely sent before the probe's answer comes.
fn slow_sim() -> Sim {
    Sim::with(SimOptions {
        scenario: Scenario::Configured,
        latency: Duration::from_millis(100),
        ..SimOptions::default()
    })
}

fn check(sim: &Sim, home: &Home) -> Run {
    run(sim
        .cmd(home)
        .args(["check", "--json", "--agent", "abel.tuter"]))
}

/// The state file of the simulator's instance.
fn state(sim: &Sim, home: &Home) -> Value {
    let dir = home.path().join("state").join("sn-handoff");
    let name = sim
        .url()
        .trim_start_matches("http://")
        .replace([':', '/'], "_");
    let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn refused(sim: &Sim, from: usize) -> usize {
    sim.sim.requests()[from..]
        .iter()
        .filter(|r| r.status == 401)
        .count()
}

#[test]
fn a_check_records_that_the_credentials_worked_and_nothing_secret() {
    let (sim, home) = (slow_sim(), Home::new());
    assert_eq!(check(&sim, &home).code, 0);
    let state = state(&sim, &home);
    let verified = &state["verified"];
    assert_eq!(verified["instance"], sim.url());
    assert_eq!(verified["user"], sim.sim.username());
    assert_eq!(verified["method"], "basic");
    assert!(verified["at"].as_u64().unwrap() > 1_700_000_000);
    let text = state.to_string();
    assert!(!text.contains(sim.sim.password()), "{text}");
    // Warm, the same check gives the same answer.
    let before = sim.sim.requests().len();
    let r = check(&sim, &home);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.status_of("auth"), "pass");
    assert_eq!(r.status_of("instance"), "pass");
    assert_eq!(refused(&sim, before), 0);
}

#[test]
fn a_changed_password_on_a_warm_profile_costs_one_check_and_flips_back_to_probing() {
    let (sim, home) = (slow_sim(), Home::new());
    let cold = check(&sim, &home);
    assert_eq!(cold.code, 0, "{}", cold.stderr);
    let reads_of_one_check = sim.sim.requests().len();
    // The password changes on the instance; the profile still has the old one.
    sim.sim
        .set_password(sim.sim.username(), "changed-elsewhere-1");
    let before = sim.sim.requests().len();
    let r = check(&sim, &home);
    assert_eq!(r.code, 3, "{}", r.stdout);
    assert_eq!(r.status_of("auth"), "fail");
    let failed = refused(&sim, before);
    // Warm: the reads went beside the probe, and none went after the refusal.
    assert!(failed > 1, "{failed}");
    assert!(
        failed <= reads_of_one_check,
        "{failed} > {reads_of_one_check}"
    );
    assert!(state(&sim, &home).get("verified").is_none());
    // Cold again: one request, refused, and nothing after it.
    let before = sim.sim.requests().len();
    let r = check(&sim, &home);
    assert_eq!(r.code, 3);
    assert_eq!(sim.sim.requests().len() - before, 1);
    assert_eq!(refused(&sim, before), 1);
}

#[test]
fn a_check_after_a_refusal_probes_alone_then_warms_up() {
    let (sim, home) = (slow_sim(), Home::new());
    assert_eq!(check(&sim, &home).code, 0);
    sim.sim
        .set_password(sim.sim.username(), "changed-elsewhere-2");
    assert_eq!(check(&sim, &home).code, 3);
    // The right password again: the first check probes alone (cold), and records.
    sim.sim.set_password(sim.sim.username(), sim.sim.password());
    let r = check(&sim, &home);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(state(&sim, &home)["verified"]["method"], "basic");
}

#[test]
fn another_user_is_not_warm() {
    let (sim, home) = (slow_sim(), Home::new());
    assert_eq!(check(&sim, &home).code, 0);
    // Someone else's user on the same instance, with a wrong password: probed alone.
    let before = sim.sim.requests().len();
    let r = run(sim
        .cmd(&home)
        .env("SN_HANDOFF_USERNAME", "abel.tuter")
        .env("SN_HANDOFF_PASSWORD", "not-the-password")
        .args(["check", "--json"]));
    assert_eq!(r.code, 3);
    assert_eq!(sim.sim.requests().len() - before, 1);
    // The admin's record stands.
    assert_eq!(state(&sim, &home)["verified"]["user"], sim.sim.username());
}

/// The requests of one run, and its round trips: the run's last round minus the round before
/// its first request.
pub fn rounds(requests: &[RequestRecord]) -> u32 {
    let first = requests.iter().map(|r| r.round).min().unwrap_or(1);
    let last = requests.iter().map(|r| r.round).max().unwrap_or(0);
    (last + 1).saturating_sub(first)
}

/// The table a request read (`None` for anything but the Table API).
pub fn table(request: &RequestRecord) -> Option<&str> {
    request.path.strip_prefix("/api/now/v2/table/")
}

/// Runs `args` and returns the run with the requests it sent.
fn measured(sim: &Sim, home: &Home, args: &[&str]) -> (Run, Vec<RequestRecord>) {
    let before = sim.sim.requests().len();
    let r = run(sim.cmd(home).args(args));
    (r, sim.sim.requests()[before..].to_vec())
}

fn reads_of<'a>(requests: &'a [RequestRecord], name: &str) -> Vec<&'a RequestRecord> {
    requests.iter().filter(|r| table(r) == Some(name)).collect()
}

/// Sets `column` to `value` in every row of `table` that `pick` chooses (raw stored values).
fn set_where(
    sim: &Sim,
    table: &str,
    pick: impl Fn(&serde_json::Map<String, Value>) -> bool,
    column: &str,
    value: &str,
) {
    let rows: Vec<_> = sim
        .sim
        .rows(table)
        .into_iter()
        .filter(|r| pick(r))
        .collect();
    assert!(!rows.is_empty(), "no row of {table} picked");
    for row in rows {
        sim.sim
            .set_field(table, row["sys_id"].as_str().unwrap(), column, value);
    }
}

/// The sys_id of the user `name`.
fn user_id(sim: &Sim, name: &str) -> String {
    let users = sim.sim.rows("sys_user");
    let user = users.iter().find(|r| r["user_name"] == name).unwrap();
    user["sys_id"].as_str().unwrap().to_string()
}

const CHECK: [&str; 4] = ["check", "--json", "--agent", "abel.tuter"];

#[test]
fn a_warm_passing_check_sends_at_most_twelve_reads_in_one_round() {
    let (sim, home) = (slow_sim(), Home::new());
    let (cold, requests) = measured(&sim, &home, &CHECK);
    assert_eq!(cold.code, 0, "{}", cold.stderr);
    // Cold: the probe alone, then the rest.
    assert_eq!(rounds(&requests), 2);
    assert_eq!(
        requests
            .iter()
            .filter(|r| r.round == requests[0].round)
            .count(),
        1
    );
    let (warm, requests) = measured(&sim, &home, &CHECK);
    assert_eq!(warm.code, 0, "{}", warm.stderr);
    assert_eq!(rounds(&requests), 1, "{requests:#?}");
    assert!(
        requests.len() <= 12,
        "{} requests: {requests:#?}",
        requests.len()
    );
    // Nothing that only explains a failure: the group and user lookups, the presence state.
    for explaining in [
        "sys_user",
        "sys_user_group",
        "sys_rest_message",
        "awa_presence_state",
        "awa_service_channel",
    ] {
        assert!(
            reads_of(&requests, explaining).is_empty(),
            "{explaining} was read"
        );
    }
    // The same verdicts as the cold check.
    assert_eq!(warm.json()["steps"], cold.json()["steps"]);
}

#[test]
fn reads_that_only_explain_a_failure_go_in_a_second_round() {
    let (sim, home) = (slow_sim(), Home::new());
    assert_eq!(measured(&sim, &home, &CHECK).0.code, 0);
    // An agent who does not exist: the user lookup explains it, after the first round.
    let (r, requests) = measured(&sim, &home, &["check", "--json", "--agent", "no.body"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for step in ["group_members", "agent_available"] {
        assert_eq!(r.status_of(step), "fail");
        assert_eq!(r.summary(step), "there is no user with user_name no.body");
    }
    assert_eq!(rounds(&requests), 2, "{requests:#?}");
    let lookups = reads_of(&requests, "sys_user");
    assert_eq!(lookups.len(), 1, "one lookup for both steps");
    assert_eq!(lookups[0].round, requests[0].round + 1);
    // A group that does not exist: the group lookup says so, with the names alike.
    let (r, requests) = measured(
        &sim,
        &home,
        &["check", "--json", "--group", "Consumer Service Suport"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    for step in ["group_roles", "group_members"] {
        assert!(
            r.summary(step)
                .starts_with("there is no group named \"Consumer Service Suport\" (similar: \"Consumer Service Support\""),
            "{}",
            r.summary(step)
        );
    }
    assert_eq!(rounds(&requests), 2, "{requests:#?}");
    // The exact lookup and the names alike, at once.
    let lookups = reads_of(&requests, "sys_user_group");
    assert_eq!(lookups.len(), 2);
    assert!(lookups.iter().all(|r| r.round == requests[0].round + 1));
}

#[test]
fn the_agent_not_available_on_chat_reads_the_presence_state_to_say_why() {
    let (sim, home) = (slow_sim(), Home::new());
    assert_eq!(measured(&sim, &home, &CHECK).0.code, 0);
    let abel = user_id(&sim, "abel.tuter");
    set_where(
        &sim,
        "awa_agent_channel_availability",
        |r| r["agent"] == abel.as_str(),
        "available",
        "false",
    );
    let (r, requests) = measured(&sim, &home, &CHECK);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.status_of("agent_available"), "fail");
    assert_eq!(
        r.summary("agent_available"),
        "abel.tuter is Available but not available on the Chat channel in that presence state"
    );
    // Judged from the agent's own rows: nothing more to read.
    assert_eq!(
        r.step("agent_available")["details"]["available_state_lists_chat"],
        true
    );
    assert_eq!(rounds(&requests), 1, "{requests:#?}");
}

#[test]
fn an_older_virtual_agent_api_is_not_asked_for_its_4_1_records() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        release: Release::Yokohama,
        latency: Duration::from_millis(100),
        ..SimOptions::default()
    });
    let home = Home::new();
    let only_41 = ["sn_va_as_service_outbound_configuration", "http_connection"];
    // Never seen: asked at once, in case; the state file keeps the version read.
    let (r, _) = measured(&sim, &home, &CHECK);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(state(&sim, &home)["va_api_version"], "3.15.2");
    let (r, requests) = measured(&sim, &home, &CHECK);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for table in only_41 {
        assert!(reads_of(&requests, table).is_empty(), "{table} was read");
    }
    assert_eq!(rounds(&requests), 1);
    // The deep step says why it has nothing to check, as before.
    let (r, requests) = measured(
        &sim,
        &home,
        &["check", "--json", "--deep", "--agent", "abel.tuter"],
    );
    assert_eq!(r.status_of("reply_url"), "skip");
    assert!(
        r.summary("reply_url").contains("3.15.2"),
        "{}",
        r.summary("reply_url")
    );
    for table in only_41 {
        assert!(reads_of(&requests, table).is_empty(), "{table} was read");
    }
}

#[test]
fn an_upgrade_to_4_1_is_read_in_the_same_run() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        release: Release::Yokohama,
        latency: Duration::from_millis(100),
        ..SimOptions::default()
    });
    let home = Home::new();
    assert_eq!(measured(&sim, &home, &CHECK).0.code, 0);
    set_where(
        &sim,
        "sys_store_app",
        |r| r["scope"] == "sn_va_as_service",
        "version",
        "4.1.2",
    );
    let (r, requests) = measured(&sim, &home, &CHECK);
    // The version read this run says they apply: read after it, a second round.
    assert_eq!(
        reads_of(&requests, "http_connection").len(),
        1,
        "{}",
        r.stdout
    );
    assert_eq!(rounds(&requests), 2);
    assert_eq!(state(&sim, &home)["va_api_version"], "4.1.2");
}

#[test]
fn every_read_command_is_one_round_when_warm() {
    let (sim, home) = (slow_sim(), Home::new());
    assert_eq!(measured(&sim, &home, &CHECK).0.code, 0);
    let bundle = home.path().join("bundle.tar.gz");
    let bundle = bundle.to_str().unwrap();
    for args in [
        &["check", "--json", "--deep", "--agent", "abel.tuter"][..],
        &["why-no-agent", "--json", "--agent", "abel.tuter"],
        &["doctor", "--bundle", bundle, "--agent", "abel.tuter"],
    ] {
        let (r, requests) = measured(&sim, &home, args);
        assert_eq!(r.code, 0, "{args:?}: {}{}", r.stdout, r.stderr);
        assert_eq!(rounds(&requests), 1, "{args:?}: {requests:#?}");
        // The plugins and the Available state: read once, if at all.
        assert_eq!(reads_of(&requests, "v_plugin").len(), 1, "{args:?}");
        assert_eq!(reads_of(&requests, "sys_store_app").len(), 1, "{args:?}");
        assert!(
            reads_of(&requests, "awa_presence_state").len() <= 1,
            "{args:?}"
        );
    }
}

#[test]
fn a_cold_read_command_records_the_credentials_for_the_next() {
    let (sim, home) = (slow_sim(), Home::new());
    let (r, requests) = measured(
        &sim,
        &home,
        &["why-no-agent", "--json", "--agent", "abel.tuter"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(rounds(&requests), 2);
    assert_eq!(state(&sim, &home)["verified"]["method"], "basic");
    let (r, requests) = measured(&sim, &home, &CHECK);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(rounds(&requests), 1);
}

#[test]
fn check_fix_on_a_fresh_instance_keeps_its_rounds_few() {
    // A round is told from the next only while the latency is long next to the program's own
    // work between two steps' requests (its journal and state file among them), which a
    // loaded machine stretches past 100 ms: the webhook's and the group's branches run side
    // by side, and a late request of one would be counted a round after the other's.
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Fresh,
        latency: Duration::from_millis(250),
        cicd_polls: 3,
        ..SimOptions::default()
    });
    let home = Home::new();
    let webhook = "https://bots.kore.ai/chatbot/v2/webhook/st-00000000-0000-0000-0000-000000000000";
    let (r, requests) = measured(
        &sim,
        &home,
        &[
            "check",
            "--fix",
            "--json",
            "--agent",
            "abel.tuter",
            "--webhook-url",
            webhook,
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let rounds = rounds(&requests);
    // The check (2) and its explaining reads (1); the claims inserted beside the Store
    // entitlement's read (its plugins were read by the check), then read back (2); every
    // activation and the Store batch at once (1); the claims' progress ids, within the first
    // poll's wait (1); three polls (3); the next repairs' reads, the agent's presence read
    // ahead beside them, then the batch's results, the claims deleted and the plugins read
    // back (1); then the group's roles and the member (inserted together, then their twins
    // read together beside the agent's presence, written once the rows are there and
    // verified from its answer: 2), beside the webhook (its three records written together,
    // then read back: 2); and the final check (1).
    assert!(rounds <= 14, "{rounds} rounds: {requests:#?}");
    // The member's row goes out beside the roles' rows; the agent's PUT goes as soon as they
    // are answered, beside their twins' read, its own reads made ahead.
    let inserts: Vec<&RequestRecord> = requests
        .iter()
        .filter(|r| r.method == "POST")
        .filter(|r| matches!(table(r), Some("sys_group_has_role" | "sys_user_grmember")))
        .collect();
    assert_eq!(inserts.len(), 3, "{inserts:#?}");
    assert!(
        inserts.iter().all(|i| i.round == inserts[0].round),
        "{inserts:#?}"
    );
    let put = requests.iter().find(|r| r.method == "PUT").unwrap();
    assert!(put.round <= inserts[0].round + 1, "{requests:#?}");
    // The presence: read by the check, by the repair and by the final check, not read back.
    assert_eq!(reads_of(&requests, "awa_agent_presence").len(), 3);
    // The webhook's three records, read by the repair's reads, are PATCHed in one round with
    // no read of one of them before, and read back in the next.
    let patches: Vec<&RequestRecord> = requests
        .iter()
        .filter(|r| {
            r.method == "PATCH"
                && [
                    "/sys_rest_message/",
                    "/sys_rest_message_fn/",
                    "/http_connection/",
                ]
                .iter()
                .any(|t| r.path.contains(t))
        })
        .collect();
    assert_eq!(patches.len(), 3, "{patches:#?}");
    let round = patches[0].round;
    assert!(patches.iter().all(|p| p.round == round), "{patches:#?}");
    let record_reads: Vec<&RequestRecord> = requests
        .iter()
        .filter(|r| r.method == "GET" && patches.iter().any(|p| p.path == r.path))
        .collect();
    assert_eq!(record_reads.len(), 3, "{record_reads:#?}");
    assert!(
        record_reads.iter().all(|r| r.round == round + 1),
        "{record_reads:#?}"
    );
    // The Store batch leaves with the plugins' activations (its entitlement read before).
    let starts: Vec<&RequestRecord> = requests
        .iter()
        .filter(|r| r.method == "POST" && r.path.starts_with("/api/sn_cicd/"))
        .collect();
    assert_eq!(starts.len(), 4, "{starts:#?}");
    assert!(
        starts.iter().all(|s| s.round == starts[0].round),
        "{starts:#?}"
    );
    // The Available state: read once by the check and once by the repair, not each time.
    assert!(reads_of(&requests, "awa_presence_state").len() <= 2);
}
