//! The simulator's CI/CD API answers have the shape of the recorded ones
//! (`cicd-activate-200.json`, `cicd-progress-successful.json`, `cicd-failed-404.json`): the same
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
fn store_applications_install_by_scope() {
    let sim = Sim::start(Scenario::Fresh);
    let (status, started) = send(
        &sim,
        "POST",
        "/api/sn_cicd/app_repo/install?scope=sn_va_as_service&version=3.0.2",
        true,
    );
    assert_eq!(status, 200);
    assert_eq!(shape(&started), shape(&recorded("cicd-activate-200.json")));
    let id = started["result"]["links"]["progress"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for _ in 0..2 {
        send(&sim, "GET", &format!("/api/sn_cicd/progress/{id}"), true);
    }
    let app = sim
        .sim
        .rows("sys_store_app")
        .into_iter()
        .find(|r| r["scope"] == "sn_va_as_service")
        .expect("installed");
    assert_eq!(app["active"], "true");
    assert_eq!(app["version"], "3.0.2");
}
