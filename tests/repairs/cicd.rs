//! The simulator's CI/CD API answers have the shape of the recorded and documented ones
//! (`cicd-activate-200.json`, `cicd-progress-successful.json`, `cicd-failed-404.json`,
//! `cicd-batch-install-200.json`, `cicd-batch-results-200.json`): the same
//! keys with the same JSON types (`status` a string, `percent_complete` a number), and it moves
//! through Pending, Running and Successful.

use serde_json::{json, Map, Value};

use super::*;

/// The shape of a JSON value: objects keep their keys, every leaf becomes its type's name.
fn shape(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), shape(v)))
                .collect::<Map<String, Value>>(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(shape).collect()),
        Value::String(_) => json!("string"),
        Value::Number(_) => json!("number"),
        Value::Bool(_) => json!("bool"),
        Value::Null => json!("null"),
    }
}

fn send(sim: &Sim, method: &str, path: &str, admin: bool) -> (u16, Value) {
    let url = format!("{}{path}", sim.url());
    let (user, password) = if admin {
        (
            sim.sim.username().to_string(),
            sim.sim.password().to_string(),
        )
    } else {
        let p = sim.sim.password_of("beth.anglin").unwrap();
        ("beth.anglin".to_string(), p)
    };
    sim.block_on(async {
        let client = reqwest::Client::new();
        let req = client
            .request(method.parse().unwrap(), url)
            .header("Accept", "application/json")
            .basic_auth(user, Some(password));
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}")),
        )
    })
}

fn recorded(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).unwrap()
}

#[test]
fn activation_and_progress_match_the_recordings() {
    let sim = Sim::start(Scenario::Fresh);
    let (status, started) = send(
        &sim,
        "POST",
        "/api/sn_cicd/plugin/com.glide.awa/activate",
        true,
    );
    assert_eq!(status, 200);
    assert_eq!(shape(&started), shape(&recorded("cicd-activate-200.json")));
    assert_eq!(started["result"]["status"], "0");
    assert_eq!(started["result"]["status_label"], "Pending");
    assert_eq!(started["result"]["percent_complete"], 0);
    let id = started["result"]["links"]["progress"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        started["result"]["links"]["progress"]["url"],
        format!("{}/api/sn_cicd/progress/{id}", sim.url())
    );
    assert_eq!(
        value_of(&sim, "v_plugin", "id", "com.glide.awa", "active"),
        "inactive"
    );

    let (status, running) = send(&sim, "GET", &format!("/api/sn_cicd/progress/{id}"), true);
    assert_eq!(status, 200);
    assert_eq!(running["result"]["status"], "1");
    assert_eq!(running["result"]["status_label"], "Running");
    assert_eq!(
        value_of(&sim, "v_plugin", "id", "com.glide.awa", "active"),
        "inactive"
    );

    let (status, done) = send(&sim, "GET", &format!("/api/sn_cicd/progress/{id}"), true);
    assert_eq!(status, 200);
    // The recording of a finished operation also links its `source` (an application of
    // source control); a plugin activation has none.
    let mut expected = recorded("cicd-progress-successful.json");
    expected["result"]["links"]
        .as_object_mut()
        .unwrap()
        .remove("source");
    assert_eq!(shape(&done), shape(&expected));
    assert_eq!(done["result"]["status"], "2");
    assert_eq!(done["result"]["status_label"], "Successful");
    assert_eq!(done["result"]["percent_complete"], 100);
    assert_eq!(
        value_of(&sim, "v_plugin", "id", "com.glide.awa", "active"),
        "active"
    );
    assert!(sim
        .sim
        .rows("sys_plugins")
        .iter()
        .any(|r| r["source"] == "com.glide.awa"));

    // Asked again, an active plugin answers Successful at once.
    let (status, again) = send(
        &sim,
        "POST",
        "/api/sn_cicd/plugin/com.glide.awa/activate",
        true,
    );
    assert_eq!(status, 200);
    assert_eq!(again["result"]["status"], "2");
    assert_eq!(again["result"]["percent_complete"], 100);
}

#[test]
fn errors_come_inside_result_like_the_recording() {
    let sim = Sim::start(Scenario::Fresh);
    let failed = recorded("cicd-failed-404.json");
    for path in [
        "/api/sn_cicd/progress/0123456789abcdef0123456789abcdef",
        "/api/sn_cicd/plugin/com.example.nothing/activate",
        "/api/sn_cicd/app_repo/install?scope=x_nothing",
    ] {
        let method = if path.contains("progress") {
            "GET"
        } else {
            "POST"
        };
        let (status, body) = send(&sim, method, path, true);
        assert_eq!(status, 404, "{path}");
        assert_eq!(shape(&body), shape(&failed), "{path}");
        assert_eq!(body["result"]["status"], "3");
        assert!(!body["result"]["error"].as_str().unwrap().is_empty());
    }
    let (status, body) = send(
        &sim,
        "POST",
        "/api/sn_cicd/plugin/com.glide.awa/activate",
        false,
    );
    assert_eq!(status, 403);
    assert_eq!(shape(&body), shape(&failed));
    assert!(body["result"]["error"]
        .as_str()
        .unwrap()
        .contains("sn_cicd.sys_ci_automation"));
}

#[test]
fn store_applications_are_refused_by_app_repo_and_install_by_batch() {
    let sim = Sim::start(Scenario::Fresh);
    // app_repo/install serves only the company's own repository: a Store app is not there.
    let (status, body) = send(
        &sim,
        "POST",
        "/api/sn_cicd/app_repo/install?scope=sn_va_as_service",
        true,
    );
    assert_eq!(status, 404);
    assert_eq!(shape(&body), shape(&recorded("cicd-failed-404.json")));

    let remote = id_of(&sim, "sys_remote_app", "scope", "sn_va_as_service");
    let version = value_of(
        &sim,
        "sys_remote_app",
        "scope",
        "sn_va_as_service",
        "latest_version",
    );
    let request = json!({"name": "Store apps", "packages": [{
        "id": remote, "type": "application", "requested_version": version,
        "load_demo_data": false, "notes": ""}]});
    let (status, started) = send_json(&sim, "/api/sn_cicd/app/batch/install", &request);
    assert_eq!(status, 200);
    assert_eq!(
        shape(&started),
        shape(&recorded("cicd-batch-install-200.json"))
    );
    let progress = started["result"]["links"]["progress"]["id"]
        .as_str()
        .unwrap();
    let results = started["result"]["links"]["results"]["id"]
        .as_str()
        .unwrap();
    for _ in 0..2 {
        send(
            &sim,
            "GET",
            &format!("/api/sn_cicd/progress/{progress}"),
            true,
        );
    }
    let (status, done) = send(
        &sim,
        "GET",
        &format!("/api/sn_cicd/app/batch/results/{results}"),
        true,
    );
    assert_eq!(status, 200);
    // The documented example's keys, item by item (its second item is a customization).
    let documented = recorded("cicd-batch-results-200.json");
    assert_eq!(
        shape(&done["result"]["batch_plan"]),
        shape(&documented["result"]["batch_plan"])
    );
    let item = &done["result"]["batch_items"][0];
    let mut keys: Vec<&String> = item.as_object().unwrap().keys().collect();
    keys.sort();
    let mut want: Vec<&String> = documented["result"]["batch_items"][0]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    let status_message = "status_message".to_string();
    want.push(&status_message);
    want.sort();
    assert_eq!(keys, want);
    assert_eq!(done["result"]["batch_plan"]["state"], "Installed");
    assert_eq!(item["state"], "Installed");
    assert_eq!(item["id"], remote.as_str());
    assert_eq!(
        value_of(
            &sim,
            "sys_store_app",
            "scope",
            "sn_va_as_service",
            "version"
        ),
        version
    );

    // Without requested_version an application package is refused, inside `result`.
    let bad = json!({"name": "x", "packages": [{"id": remote, "type": "application"}]});
    let (status, body) = send_json(&sim, "/api/sn_cicd/app/batch/install", &bad);
    assert_eq!(status, 400);
    assert_eq!(body["result"]["status"], "3");
}

fn send_json(sim: &Sim, path: &str, body: &Value) -> (u16, Value) {
    let url = format!("{}{path}", sim.url());
    let (user, password) = (
        sim.sim.username().to_string(),
        sim.sim.password().to_string(),
    );
    sim.block_on(async {
        let resp = reqwest::Client::new()
            .post(url)
            .header("Accept", "application/json")
            .basic_auth(user, Some(password))
            .json(body)
            .send()
            .await
            .unwrap();
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap())
    })
}
