//! The simulator answers as the recorded instances did: same status, same body (as parsed
//! JSON), same headers where the recordings name them, and the same shape of rows.

use serde_json::Value;

use crate::common::*;

fn get(
    sim: &Sim,
    path: &str,
    user: Option<(&str, &str)>,
) -> (u16, reqwest::header::HeaderMap, String) {
    let url = format!("{}{path}", sim.url());
    sim.block_on(async {
        let client = reqwest::Client::new();
        let mut req = client.get(url).header("Accept", "application/json");
        if let Some((u, p)) = user {
            req = req.basic_auth(u, Some(p));
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        (status, headers, resp.text().await.unwrap())
    })
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn admin(sim: &Sim) -> Option<(&str, &str)> {
    Some((sim.sim.username(), sim.sim.password()))
}

#[test]
fn unauthenticated_matches_the_recording() {
    let sim = Sim::start(Scenario::Fresh);
    let (status, headers, body) = get(&sim, "/api/now/v2/table/sys_user_group", None);
    assert_eq!(status, 401);
    assert_eq!(
        json(&body),
        json(&fixture("table-401-not-authenticated.json"))
    );
    assert_eq!(headers["www-authenticate"], "BASIC realm=\"Service-now\"");
    let (status, _, _) = get(
        &sim,
        "/api/now/v2/table/sys_user_group",
        Some(("admin", "wrong")),
    );
    assert_eq!(status, 401);
}

#[test]
fn invalid_table_matches_the_recording() {
    let sim = Sim::start(Scenario::Fresh);
    let (status, _, body) = get(&sim, "/api/now/table/sys_user_groups", admin(&sim));
    assert_eq!(status, 400);
    assert_eq!(json(&body), json(&fixture("table-400-invalid-table.json")));
}

#[test]
fn no_resource_matches_the_recording() {
    let sim = Sim::start(Scenario::Fresh);
    let (status, _, body) = get(&sim, "/api/now/v2/nothing/here", admin(&sim));
    assert_eq!(status, 400);
    assert_eq!(json(&body), json(&fixture("table-400-no-resource.json")));
}

#[test]
fn insufficient_rights_matches_the_recording() {
    let sim = Sim::start(Scenario::ReadOnly);
    assert_eq!(sim.sim.username(), "beth.anglin");
    let (status, _, body) = get(&sim, "/api/now/v2/table/v_plugin", admin(&sim));
    assert_eq!(status, 403);
    assert_eq!(
        json(&body),
        json(&fixture("table-403-insufficient-rights.json"))
    );
}

#[test]
fn rate_limit_matches_the_recording_then_recovers() {
    let sim = Sim::start(Scenario::RateLimited);
    let path = "/api/now/v2/table/sys_user_group?sysparm_limit=1";
    let (status, headers, body) = get(&sim, path, admin(&sim));
    assert_eq!(status, 429);
    assert_eq!(json(&body), json(&fixture("table-429-rate-limit.json")));
    assert_eq!(headers["retry-after"], "1");
    assert!(headers.contains_key("x-ratelimit-limit") && headers.contains_key("x-ratelimit-reset"));
    let (status, _, _) = get(&sim, path, admin(&sim));
    assert_eq!(status, 503);
    let (status, headers, _) = get(&sim, path, admin(&sim));
    assert_eq!(status, 200);
    assert!(
        !headers.contains_key("x-ratelimit-limit"),
        "ordinary answers carry no rate-limit headers"
    );
}

#[test]
fn hibernating_serves_the_recorded_page() {
    let sim = Sim::start(Scenario::Hibernating);
    for path in ["/api/now/v2/table/sys_properties", "/stats.do", "/"] {
        let (status, headers, body) = get(&sim, path, admin(&sim));
        assert_eq!(status, 200);
        assert!(headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert_eq!(body, fixture("hibernating.html"));
    }
}

#[test]
fn rows_have_the_recorded_shape() {
    let sim = Sim::start(Scenario::Fresh);
    let recorded = json(&fixture("table-200-sys_user_group.json"));
    let (status, headers, body) = get(
        &sim,
        "/api/now/v2/table/sys_user_group?sysparm_query=nameINAnalytics%20Settings%20Managers,Application%20Development^ORDERBYname",
        admin(&sim),
    );
    assert_eq!(status, 200);
    assert_eq!(headers["x-total-count"], "2");
    let ours = json(&body);
    for (rec, got) in recorded["result"]
        .as_array()
        .unwrap()
        .iter()
        .zip(ours["result"].as_array().unwrap())
    {
        let (rec, got) = (rec.as_object().unwrap(), got.as_object().unwrap());
        assert_eq!(rec["name"], got["name"]);
        let mut rec_keys: Vec<&String> = rec.keys().collect();
        let mut got_keys: Vec<&String> = got.keys().collect();
        rec_keys.sort();
        got_keys.sort();
        assert_eq!(rec_keys, got_keys, "columns of {}", rec["name"]);
        for (k, v) in rec {
            let shape = |v: &Value| match v {
                Value::String(s) if s.is_empty() => "empty",
                Value::String(_) => "string",
                Value::Object(o) if o.contains_key("link") && o.contains_key("value") => {
                    "reference"
                }
                _ => "other",
            };
            assert_eq!(shape(v), shape(&got[k]), "{k} of {}", rec["name"]);
        }
    }
}

#[test]
fn pagination_by_link_and_total_count() {
    let sim = Sim::start(Scenario::Fresh);
    let (status, headers, body) = get(
        &sim,
        "/api/now/v2/table/sys_user?sysparm_limit=2&sysparm_fields=user_name",
        admin(&sim),
    );
    assert_eq!(status, 200);
    let total: usize = headers["x-total-count"].to_str().unwrap().parse().unwrap();
    assert!(total > 2);
    assert_eq!(json(&body)["result"].as_array().unwrap().len(), 2);
    let link = headers["link"].to_str().unwrap();
    assert!(link.contains("rel=\"next\""), "{link}");
    assert!(link.contains("sysparm_offset=2"), "{link}");
}

#[test]
fn unknown_query_field_is_dropped_like_servicenow() {
    let sim = Sim::start(Scenario::Fresh);
    let all = get(
        &sim,
        "/api/now/v2/table/sys_rest_message_fn?sysparm_fields=sys_id",
        admin(&sim),
    );
    // `name` is not a column of sys_rest_message_fn: the condition is dropped, every row comes back.
    let typo = get(&sim, "/api/now/v2/table/sys_rest_message_fn?sysparm_query=name=postMessage&sysparm_fields=sys_id", admin(&sim));
    assert_eq!(json(&all.2)["result"], json(&typo.2)["result"]);
    assert!(json(&all.2)["result"].as_array().unwrap().len() > 1);
}
