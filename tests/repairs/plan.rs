//! `check --fix --dry-run` and `init --dry-run`: the plan. Every write the repairs would make,
//! in the shape of a real run's `changes`, sorted and without times; nothing but `GET`s sent;
//! exit 1 when there is something to do, 0 when there is not.

use serde_json::Value;

use super::*;

const STEPS: [&str; 4] = ["--agent", "abel.tuter", "--webhook-url", URL];

/// `(table, record, field, after)` of each change, sorted.
fn summary(changes: &Value) -> Vec<(String, String, String, String)> {
    let text = |c: &Value, k: &str| c[k].as_str().unwrap_or_default().to_string();
    let mut out: Vec<_> = changes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                text(c, "table"),
                text(c, "record"),
                text(c, "field"),
                text(c, "after"),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_plan_lists_every_write_a_real_run_then_makes_and_sends_none() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let plan = run(cmd(&sim, &home)
        .args(["check", "--fix", "--dry-run", "--json"])
        .args(STEPS));
    assert_eq!(plan.code, 1, "{}", plan.stderr);
    let requests = sim.sim.requests();
    assert!(requests.iter().all(|q| q.method == "GET"), "{requests:?}");
    let doc = plan.json();
    assert_eq!(doc["dry_run"], true);
    assert_eq!(doc["ok"], false);
    assert!(doc.get("elapsed_ms").is_none(), "{doc}");
    let planned = summary(&doc["changes"]);
    let tables: Vec<&str> = planned.iter().map(|c| c.0.as_str()).collect();
    for table in [
        "sn_cicd",
        "sys_group_has_role",
        "sys_user_grmember",
        "sys_rest_message",
        "sys_rest_message_fn",
        "awa_agent_presence",
    ] {
        assert!(tables.contains(&table), "{table} missing from {planned:?}");
    }

    // The same plan twice is the same text: it can be kept in a pull request.
    let again = run(cmd(&sim, &home)
        .args(["check", "--fix", "--dry-run", "--json"])
        .args(STEPS));
    assert_eq!(again.stdout, plan.stdout);

    // A real run then makes those writes, and says so in the same shape.
    let real = run(cmd(&sim, &home)
        .env("SN_HANDOFF_POLL_MS", "5")
        .args(["check", "--fix", "--json"])
        .args(STEPS));
    assert_eq!(real.code, 0, "{}", real.stderr);
    let made = summary(&real.json()["changes"]);
    let keys = |v: &Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let real_doc = real.json();
    let first_real = &real_doc["changes"][0];
    let same = doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["table"] == first_real["table"])
        .unwrap();
    assert_eq!(keys(same), keys(first_real));
    for change in &planned {
        assert!(made.contains(change), "planned {change:?}, made {made:?}");
    }

    // Afterwards there is nothing to do: exit 0 and an empty plan.
    let before = sim.sim.requests().len();
    let after = run(cmd(&sim, &home)
        .args(["check", "--fix", "--dry-run", "--json"])
        .args(STEPS));
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert_eq!(after.json()["changes"], serde_json::json!([]));
    assert_eq!(after.json()["ok"], true);
    let later = sim.sim.requests();
    assert!(later[before..].iter().all(|q| q.method == "GET"));
}

#[test]
fn the_human_plan_shows_each_write_and_what_is_left_to_a_person() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    // A plan is human, JSON or Markdown: SARIF is refused, not printed as nothing.
    let sarif = run(cmd(&sim, &home).args(["check", "--fix", "--dry-run", "--format", "sarif"]));
    assert_eq!(sarif.code, 2, "{}", sarif.stderr);
    assert!(sarif.stdout.is_empty(), "{}", sarif.stdout);
    let r = run(cmd(&sim, &home).args(["check", "--fix", "--dry-run", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("writes planned, none sent"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("+ sys_user_grmember: Consumer Service Support user = abel.tuter"),
        "{}",
        r.stdout
    );
    // Without a webhook URL the webhook is left to a person.
    assert!(
        r.stdout.contains("- left webhook: give the bot's URL"),
        "{}",
        r.stdout
    );
    let md = run(cmd(&sim, &home).args([
        "check",
        "--fix",
        "--dry-run",
        "--format",
        "markdown",
        "--agent",
        "abel.tuter",
    ]));
    assert!(md.stdout.contains("| ServiceNow | sys\\_user\\_grmember (new row) | Consumer Service Support | user |  | abel.tuter |"), "{}", md.stdout);
    assert!(sim.sim.requests().iter().all(|q| q.method == "GET"));
}

#[test]
fn init_dry_run_plans_and_saves_nothing() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(cmd(&sim, &home)
        .args(["init", "--dry-run", "--json"])
        .args(STEPS));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!r.json()["changes"].as_array().unwrap().is_empty());
    assert!(sim.sim.requests().iter().all(|q| q.method == "GET"));
    assert!(!home.config_file().exists());
}
