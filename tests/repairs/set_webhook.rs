//! `set-webhook` as docs/repairs.md has it: https only, only what differs is patched, `--dry-run`,
//! `--json`, read back, `--rollback` from the state file, duplicates, a failed second write
//! restoring the first, and another admin's change between the read and the write.

use serde_json::json;

use super::*;

const PLACEHOLDER: &str = sn_handoff::sim::PLACEHOLDER_ENDPOINT;

fn method_id(sim: &Sim) -> String {
    let message = id_of(sim, "sys_rest_message", "name", "VABot to Bot");
    sim.sim
        .rows("sys_rest_message_fn")
        .into_iter()
        .find(|r| r["rest_message"] == message.as_str() && r["function_name"] == "postMessage")
        .unwrap()["sys_id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn patches(sim: &Sim) -> Vec<String> {
    writes(sim)
        .into_iter()
        .filter(|w| w.method == "PATCH")
        .map(|w| w.path)
        .collect()
}

#[test]
fn sets_both_endpoints_verifies_and_a_second_run_writes_nothing() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["set-webhook", URL, "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(endpoints(&sim), (URL.to_string(), URL.to_string()));
    let j = r.json();
    assert_eq!(j["changed"], true);
    assert_eq!(j["dry_run"], false);
    let changes = j["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2);
    for c in changes {
        let mut keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["after", "before", "field", "record", "sys_id", "table"]
        );
        assert_eq!(c["before"], PLACEHOLDER);
        assert_eq!(c["after"], URL);
        assert_eq!(c["field"], "rest_endpoint");
    }
    assert_eq!(changes[0]["table"], "sys_rest_message");
    assert_eq!(changes[0]["record"], "VABot to Bot");
    assert_eq!(changes[1]["table"], "sys_rest_message_fn");
    assert_eq!(changes[1]["record"], "postMessage");
    // The diff goes to stderr, the previous values to the state file.
    assert!(
        r.stderr.contains(&format!("- {PLACEHOLDER}")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(&format!("+ {URL}")), "{}", r.stderr);
    assert!(r.stderr.contains("\"VABot to Bot\""), "{}", r.stderr);
    let files = state_files(&home);
    assert_eq!(files.len(), 1);
    assert!(std::fs::read_to_string(&files[0])
        .unwrap()
        .contains(PLACEHOLDER));
    assert_eq!(patches(&sim).len(), 2);

    let r = run(cmd(&sim, &home).args(["set-webhook", URL, "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.json(),
        json!({"changed": false, "dry_run": false, "changes": []})
    );
    assert_eq!(patches(&sim).len(), 2, "a second run writes nothing");
}

#[test]
fn only_the_field_that_differs_is_patched() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    sim.sim.set_field(
        "sys_rest_message_fn",
        &method_id(&sim),
        "rest_endpoint",
        URL,
    );
    let r = run(cmd(&sim, &home).args(["set-webhook", URL, "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let changes = r.json()["changes"].as_array().unwrap().clone();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["table"], "sys_rest_message");
    assert_eq!(patches(&sim).len(), 1);
    assert!(patches(&sim)[0].contains("/sys_rest_message/"));
}

#[test]
fn dry_run_writes_nothing() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["set-webhook", URL, "--dry-run", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["dry_run"], true);
    assert_eq!(j["changed"], false);
    assert_eq!(j["changes"].as_array().unwrap().len(), 2);
    assert!(writes(&sim).is_empty());
    assert_eq!(
        endpoints(&sim),
        (PLACEHOLDER.to_string(), PLACEHOLDER.to_string())
    );
    assert!(state_files(&home).is_empty());
}

#[test]
fn rollback_undoes_the_last_set_webhook_in_the_endpoints_and_the_profile() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    home.write_config("[profiles.default]\ngroup = \"Consumer Service Support\"\n");
    let deploy1 = URL;
    let deploy2 = "https://bots.kore.ai/chatbot/v2/webhook/st-22222222-2222-4222-8222-222222222222";
    let r = run(cmd(&sim, &home).args(["set-webhook", deploy1]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(cmd(&sim, &home).args(["set-webhook", deploy2]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(endpoints(&sim), (deploy2.to_string(), deploy2.to_string()));
    assert!(std::fs::read_to_string(home.config_file())
        .unwrap()
        .contains(deploy2));

    let r = run(cmd(&sim, &home).args(["set-webhook", "--rollback", "--dry-run", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["changes"].as_array().unwrap().len(), 2);
    assert_eq!(endpoints(&sim), (deploy2.to_string(), deploy2.to_string()));

    // Deploy 1 again, in every endpoint and in the profile, and it says so.
    let r = run(cmd(&sim, &home).args(["set-webhook", "--rollback"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(endpoints(&sim), (deploy1.to_string(), deploy1.to_string()));
    let config = std::fs::read_to_string(home.config_file()).unwrap();
    assert!(
        config.contains(deploy1) && !config.contains(deploy2),
        "{config}"
    );
    assert!(r.stderr.contains("now expects"), "{}", r.stderr);
    // A bare check agrees, and its fix would not put deploy 2 back.
    let c = run(cmd(&sim, &home).args(["check", "--json"]));
    assert_eq!(c.step("webhook")["details"]["expected"], deploy1);

    // Once: a second rollback writes nothing.
    let before = writes(&sim).len();
    let r = run(cmd(&sim, &home).args(["set-webhook", "--rollback", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["changed"], false);
    assert_eq!(writes(&sim).len(), before);

    // A machine that never set the webhook has nothing to roll back.
    let r = run(cmd(&sim, &Home::new()).args(["set-webhook", "--rollback"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("nothing to roll back"), "{}", r.stderr);
}

#[test]
fn rolling_back_the_first_set_webhook_restores_the_placeholder_and_drops_the_profiles_url() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    home.write_config("[profiles.default]\ngroup = \"Consumer Service Support\"\n");
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(cmd(&sim, &home).args(["set-webhook", "--rollback"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        endpoints(&sim),
        (PLACEHOLDER.to_string(), PLACEHOLDER.to_string())
    );
    let config = std::fs::read_to_string(home.config_file()).unwrap();
    assert!(!config.contains("webhook_url"), "{config}");
}

#[test]
fn a_failed_second_write_restores_the_first_and_is_exit_5() {
    let sim = Sim::with(SimOptions {
        fail_writes: vec!["sys_rest_message_fn".into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert_eq!(
        endpoints(&sim),
        (PLACEHOLDER.to_string(), PLACEHOLDER.to_string())
    );
    assert!(
        r.stderr.contains("could not change \"postMessage\""),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("\"VABot to Bot\""), "{}", r.stderr);
    assert!(r.stderr.contains("restored to"), "{}", r.stderr);
    assert!(r.stderr.contains("Nothing is left changed"), "{}", r.stderr);
    // Two PATCHes of the message (the change and its undo), one refused of the method.
    let paths = patches(&sim);
    assert_eq!(paths.len(), 3, "{paths:?}");
    // Nothing changed, so there is nothing to roll back.
    let r = run(cmd(&sim, &home).args(["set-webhook", "--rollback"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn two_messages_of_the_same_name_are_exit_2_unless_sys_id_picks_one() {
    let sim = Sim::with(SimOptions {
        duplicate_message: true,
        ..SimOptions::default()
    });
    let home = Home::new();
    let ids: Vec<String> = sim
        .sim
        .rows("sys_rest_message")
        .into_iter()
        .filter(|r| r["name"] == "VABot to Bot")
        .map(|r| r["sys_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 2);
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    for id in &ids {
        assert!(r.stderr.contains(id.as_str()), "{}", r.stderr);
    }
    assert!(r.stderr.contains("--sys-id"), "{}", r.stderr);
    assert!(writes(&sim).is_empty());

    let r = run(cmd(&sim, &home).args(["set-webhook", URL, "--sys-id", &ids[1], "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let changes = r.json()["changes"].as_array().unwrap().clone();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0]["sys_id"], ids[1].as_str());
    assert_eq!(
        value_of(&sim, "sys_rest_message", "sys_id", &ids[0], "rest_endpoint"),
        PLACEHOLDER
    );
    assert_eq!(
        value_of(&sim, "sys_rest_message", "sys_id", &ids[1], "rest_endpoint"),
        URL
    );
}

#[test]
fn another_change_between_read_and_write_ends_with_one_url_and_is_named() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let theirs = "https://elsewhere.example/hook";
    // When the first write arrives, someone else has just changed the method. This run's
    // write of the method lands after theirs, and its answer's sys_mod_count says so: the
    // message (the leader of the race protocol) holds this run's URL, so its URL stands, and
    // the note names the method and its count (their value is in its history).
    sim.sim.edit_before_next_write(
        "sys_rest_message_fn",
        &method_id(&sim),
        "rest_endpoint",
        theirs,
    );
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("at the same time"),
        "{}{}",
        r.stdout,
        r.stderr
    );
    assert!(
        r.stdout.contains("\"postMessage\" (sys_rest_message_fn"),
        "{}{}",
        r.stdout,
        r.stderr
    );
    assert!(
        r.stdout.contains("between this run's read and its write"),
        "{}{}",
        r.stdout,
        r.stderr
    );
    assert_eq!(endpoints(&sim), (URL.to_string(), URL.to_string()));
}

#[test]
fn a_write_that_lands_with_another_is_reported() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let message = id_of(&sim, "sys_rest_message", "name", "VABot to Bot");
    // Someone else writes the message at the very moment ours arrives.
    sim.sim.edit_before_next_write(
        "sys_rest_message",
        &message,
        "description",
        "edited by someone else",
    );
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("\"VABot to Bot\" (sys_rest_message")
            && r.stdout.contains("between this run's read and its write"),
        "{}{}",
        r.stdout,
        r.stderr
    );
    assert_eq!(endpoints(&sim), (URL.to_string(), URL.to_string()));
}

#[test]
fn bad_input_and_refusals() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    for bad in [
        "http://bots.kore.ai/x",
        "bots.kore.ai/x",
        "https://user:pw@bots.kore.ai/x",
    ] {
        let r = run(cmd(&sim, &home).args(["set-webhook", bad]));
        assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
    }
    let r = run(cmd(&sim, &home).args(["set-webhook", URL, "--sys-id", "not-a-sys-id"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = run(cmd(&sim, &home).args(["set-webhook", URL, "--message", "VA Bot to Bot"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("no REST message named \"VA Bot to Bot\""),
        "{}",
        r.stderr
    );
    assert!(sim.sim.requests().iter().all(|r| r.method == "GET"));

    let sim = Sim::start(Scenario::ReadOnly);
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(successful_writes(&sim).is_empty());
    assert_eq!(
        endpoints(&sim),
        (PLACEHOLDER.to_string(), PLACEHOLDER.to_string())
    );
}

#[test]
fn three_records_are_written_together_with_no_read_between_and_read_back_once() {
    // Virtual Agent API 4.1.2: the message, its method and the "Bot Connection" all need the
    // new URL. Each is read once before (with its sys_mod_count), PATCHed without a read in
    // between, all three in one round, and read back together in the next.
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        va_api_version: Some("4.1.2".into()),
        latency: std::time::Duration::from_millis(150),
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(cmd(&sim, &home).args(["set-webhook", URL, "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["changes"].as_array().unwrap().len(), 3);
    let requests = sim.sim.requests();
    let patches: Vec<&RequestRecord> = requests.iter().filter(|q| q.method == "PATCH").collect();
    assert_eq!(patches.len(), 3, "{requests:#?}");
    let records: Vec<&str> = patches.iter().map(|p| p.path.as_str()).collect();
    for table in ["sys_rest_message", "sys_rest_message_fn", "http_connection"] {
        let prefix = format!("/{table}/");
        assert!(records.iter().any(|p| p.contains(&prefix)), "{records:?}");
    }
    let round = patches[0].round;
    assert!(patches.iter().all(|p| p.round == round), "{patches:#?}");
    // No GET of a written record before its PATCH; one read of each after, together.
    let first = requests.iter().position(|q| q.method == "PATCH").unwrap();
    let record_reads = |qs: &[RequestRecord]| -> Vec<RequestRecord> {
        qs.iter()
            .filter(|q| q.method == "GET" && records.contains(&q.path.as_str()))
            .cloned()
            .collect()
    };
    assert!(record_reads(&requests[..first]).is_empty(), "{requests:#?}");
    let back = record_reads(&requests[first..]);
    assert_eq!(back.len(), 3, "{requests:#?}");
    assert!(back.iter().all(|q| q.round == round + 1), "{requests:#?}");
    let last = requests.iter().map(|q| q.round).max().unwrap();
    assert_eq!(
        last,
        round + 1,
        "nothing after the read-back: {requests:#?}"
    );
    assert!(sim
        .sim
        .rows("http_connection")
        .iter()
        .any(|c| c["connection_url"] == URL));
}
