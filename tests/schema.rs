//! The JSON Schemas of docs/schema/: they are valid schemas, they know every step, and they
//! reject documents that break the contract (every JSON document the other tests read is
//! validated against them in `common::parse_output`).

use serde_json::{json, Value};

use crate::common::schema::{errors, validator, FILES};
use crate::common::*;

/// A check report that holds to the contract, to break one way at a time.
fn good_report() -> Value {
    json!({
        "schema": 1,
        "instance": "https://dev123.service-now.com",
        "release": "brazil",
        "ok": false,
        "steps": [
            {"id": "instance", "status": "pass", "summary": "ServiceNow Brazil", "details": {}},
            {"id": "auth", "status": "pass", "summary": "basic auth as admin",
             "details": {"method": "basic", "user": "admin", "admin": true}},
            {"id": "plugins", "status": "fail", "summary": "1 of 5 plugins inactive",
             "details": {"plugins": [
                {"id": "a", "name": "A", "active": false, "kind": "plugin", "version": null},
                {"id": "b", "name": "B", "active": true, "kind": "plugin", "version": "1.0"},
                {"id": "c", "name": "C", "active": true, "kind": "plugin", "version": "1.0"},
                {"id": "d", "name": "D", "active": true, "kind": "store_app", "version": "1.0"},
                {"id": "e", "name": "E", "active": true, "kind": "store_app", "version": "4.1.2"}]},
             "fix": "sn-handoff plugins --activate"},
            {"id": "agent_available", "status": "skip", "summary": "no --agent given", "details": {}}
        ],
        "elapsed_ms": 412
    })
}

#[test]
fn every_schema_file_is_a_valid_schema_and_is_listed() {
    for name in FILES {
        validator(name);
    }
    let mut on_disk: Vec<String> = std::fs::read_dir(crate::common::schema::dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FILES.iter().map(|f| f.to_string()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "docs/schema/ and common::schema::FILES differ"
    );
}

#[test]
fn a_report_that_keeps_the_contract_is_valid() {
    assert_eq!(
        errors("check-report.schema.json", &good_report()),
        Vec::<String>::new()
    );
    assert_eq!(
        errors("sn-handoff.schema.json", &good_report()),
        Vec::<String>::new()
    );
}

/// One way to break a report.
type Break = fn(&mut Value);

#[test]
fn wrong_reports_are_rejected() {
    let breaks: [(&str, Break); 9] = [
        ("no ok", |r| {
            r.as_object_mut().unwrap().remove("ok");
        }),
        ("ok true beside a failing step", |r| r["ok"] = json!(true)),
        ("ok false without a failing step", |r| {
            r["steps"][2]["status"] = json!("warn");
        }),
        ("a fail without fix", |r| {
            r["steps"][2].as_object_mut().unwrap().remove("fix");
        }),
        ("an unknown status", |r| {
            r["steps"][0]["status"] = json!("ok")
        }),
        ("an unknown step", |r| r["steps"][3]["id"] = json!("coffee")),
        ("four plugins", |r| {
            r["steps"][2]["details"]["plugins"]
                .as_array_mut()
                .unwrap()
                .pop();
        }),
        ("schema 2", |r| r["schema"] = json!(2)),
        ("a key the contract does not have", |r| {
            r["passed"] = json!(3);
        }),
    ];
    for (what, break_it) in breaks {
        let mut report = good_report();
        break_it(&mut report);
        assert!(
            !errors("check-report.schema.json", &report).is_empty(),
            "{what}: accepted by check-report.schema.json"
        );
        assert!(
            !errors("sn-handoff.schema.json", &report).is_empty(),
            "{what}: accepted by sn-handoff.schema.json"
        );
    }
}

#[test]
fn wrong_error_documents_are_rejected() {
    let good = json!({"error": {"kind": "usage", "message": "bad", "hint": null}, "exit": 2});
    assert_eq!(errors("error.schema.json", &good), Vec::<String>::new());
    let interrupted = json!({"error": {"kind": "interrupted", "message": "stopped", "hint": null,
        "signal": "SIGTERM", "command": "set-webhook", "changed": [], "unchanged": [],
        "uncertain": [{"table": "t", "sys_id": "1", "record": "r", "field": "f", "before": "a",
                       "after": "b", "action": "insert"}]}, "exit": 130});
    assert_eq!(
        errors("error.schema.json", &interrupted),
        Vec::<String>::new()
    );
    for (what, doc) in [
        (
            "exit that is not its kind's",
            json!({"error": {"kind": "usage", "message": "bad", "hint": null}, "exit": 4}),
        ),
        (
            "no hint",
            json!({"error": {"kind": "auth", "message": "no"}, "exit": 3}),
        ),
        (
            "an interruption without its signal",
            json!({"error": {"kind": "interrupted", "message": "x", "hint": null}, "exit": 130}),
        ),
        (
            "a change without its field",
            json!({"error": {"kind": "interrupted", "message": "x", "hint": null, "signal": "SIGINT",
                "command": "c", "changed": [{"table": "t", "sys_id": "1", "record": "r",
                "before": "a", "after": "b"}], "unchanged": [], "uncertain": []}, "exit": 130}),
        ),
    ] {
        assert!(
            !errors("error.schema.json", &doc).is_empty(),
            "{what}: accepted"
        );
        assert!(
            !errors("sn-handoff.schema.json", &doc).is_empty(),
            "{what}: accepted by sn-handoff.schema.json"
        );
    }
}

#[test]
fn the_schema_knows_every_step_of_the_table() {
    let common: Value = serde_json::from_str(
        &std::fs::read_to_string(crate::common::schema::dir().join("common.schema.json")).unwrap(),
    )
    .unwrap();
    let known: Vec<&str> = common["$defs"]["step_id"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let table: Vec<&str> = sn_handoff::steps::engine::STEPS
        .iter()
        .map(|row| row.id.as_str())
        .collect();
    assert_eq!(known, table, "docs/schema/common.schema.json: step_id");
}

#[test]
fn every_output_of_a_demo_run_is_a_document_of_the_schema() {
    // One of each document the tests do not otherwise read whole: `r.json()` validates.
    let home = Home::new();
    let demo = |args: &[&str]| {
        let r = run(home
            .cmd()
            .env("SN_HANDOFF_POLL_MS", "5")
            .arg("--demo")
            .args(args));
        r.json()
    };
    demo(&["check", "--deep", "--json"]);
    demo(&["why-no-agent", "--json"]);
    demo(&["plugins", "--json"]);
    demo(&["group", "--json"]);
    demo(&["auth", "status", "--json"]);
    demo(&["kore", "status", "--json"]);
    demo(&["kore", "connect", "--dry-run", "--json"]);
    demo(&["agent", "available", "--agent", "abel.tuter", "--json"]);
    demo(&["check", "--no-such-option", "--json"]);
    let doc = demo(&["set-webhook", "http://not-https.example", "--json"]);
    assert_eq!(doc["exit"], 2, "{doc}");
}
