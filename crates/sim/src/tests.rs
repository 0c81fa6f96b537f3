//! Tests of the simulator over real HTTP: each recorded answer reproduced, the Table API's
//! query, rendering and pagination behaviour, writes, scenarios and latency.

// A test is one story from set-up to the last assertion; it is not split to be shorter.
#![allow(clippy::too_many_lines)]

use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::*;

const FIXTURE_401: &str =
    include_str!("../../../tests/fixtures/servicenow/table-401-not-authenticated.json");
const FIXTURE_400_TABLE: &str =
    include_str!("../../../tests/fixtures/servicenow/table-400-invalid-table.json");
const FIXTURE_400_RESOURCE: &str =
    include_str!("../../../tests/fixtures/servicenow/table-400-no-resource.json");
const FIXTURE_403: &str =
    include_str!("../../../tests/fixtures/servicenow/table-403-insufficient-rights.json");
const FIXTURE_429: &str =
    include_str!("../../../tests/fixtures/servicenow/table-429-rate-limit.json");
const FIXTURE_GROUPS: &str =
    include_str!("../../../tests/fixtures/servicenow/table-200-sys_user_group.json");
const FIXTURE_HIBERNATING: &str =
    include_str!("../../../tests/fixtures/servicenow/hibernating.html");

/// A parsed HTTP response.
#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    fn result(&self) -> Vec<Value> {
        match self.json()["result"].clone() {
            Value::Array(rows) => rows,
            other => panic!("result is no list: {other}"),
        }
    }
}

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

/// Send one HTTP/1.1 request over a fresh connection and read the whole answer.
async fn send(
    sim: &Simulator,
    method: &str,
    target: &str,
    authorization: Option<String>,
    body: Option<&str>,
) -> Response {
    let mut stream = TcpStream::connect(sim.addr()).await.expect("connect");
    let mut request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\nConnection: close\r\n",
        sim.addr()
    );
    if let Some(auth) = authorization {
        request.push_str(&format!("Authorization: {auth}\r\n"));
    }
    let body = body.unwrap_or("");
    if !body.is_empty() || matches!(method, "POST" | "PATCH" | "PUT") {
        request.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let text = String::from_utf8(raw).expect("UTF-8 answer");
    let (head, body) = text.split_once("\r\n\r\n").expect("header end");
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_string(),
    }
}

fn basic(user: &str, password: &str) -> String {
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    format!("Basic {token}")
}

fn creds(sim: &Simulator) -> Option<String> {
    Some(basic(sim.username(), sim.password()))
}

async fn get(sim: &Simulator, target: &str) -> Response {
    send(sim, "GET", target, creds(sim), None).await
}

async fn start(scenario: Scenario) -> Simulator {
    Simulator::start(SimOptions {
        scenario,
        ..SimOptions::default()
    })
    .await
    .expect("simulator starts")
}

#[tokio::test]
async fn defaults_and_credentials() {
    let sim = start(Scenario::Fresh).await;
    assert_eq!(SimOptions::default().release, Release::Australia);
    assert_eq!(SimOptions::default().scenario, Scenario::Fresh);
    assert_eq!(sim.url(), format!("http://127.0.0.1:{}", sim.addr().port()));
    assert_eq!(sim.username(), "admin");
    assert_eq!(sim.password().len(), 20);
    assert_eq!(sim.password_of("admin").as_deref(), Some(sim.password()));
    assert!(sim.password_of("abel.tuter").is_some());
    assert!(sim.password_of("nobody").is_none());
    let other = start(Scenario::Fresh).await;
    assert_ne!(sim.password(), other.password());
    assert_eq!(
        sim.sys_id_of("sys_user", "user_name", "abel.tuter"),
        other.sys_id_of("sys_user", "user_name", "abel.tuter")
    );
    let read_only = start(Scenario::ReadOnly).await;
    assert_eq!(read_only.username(), "beth.anglin");
    assert_eq!(
        read_only.password_of("beth.anglin").as_deref(),
        Some(read_only.password())
    );
}

#[tokio::test]
async fn unauthenticated_requests_get_the_recorded_401() {
    let sim = start(Scenario::Fresh).await;
    let target = "/api/now/table/sys_user?sysparm_limit=1";
    let wrong = Some(basic("admin", "not-the-password"));
    let inactive = Some(basic(
        "fred.luddy",
        &sim.password_of("fred.luddy").expect("password"),
    ));
    for auth in [None, wrong, inactive, Some("Digest abc".into())] {
        let r = send(&sim, "GET", target, auth, None).await;
        assert_eq!(r.status, 401);
        assert_eq!(r.json(), fixture(FIXTURE_401));
        assert_eq!(
            r.header("WWW-Authenticate"),
            Some("BASIC realm=\"Service-now\"")
        );
        assert_eq!(
            r.header("Content-Type"),
            Some("application/json;charset=UTF-8")
        );
    }
    let r = send(&sim, "GET", target, Some("Bearer abc.def".into()), None).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json(), fixture(FIXTURE_401));
    assert_eq!(
        r.header("WWW-Authenticate"),
        Some("BEARER realm=\"Service-now\"")
    );
    let r = get(&sim, target).await;
    assert_eq!(r.status, 200);
    assert!(r.header("WWW-Authenticate").is_none());
    let other = sim.password_of("abel.tuter").expect("password");
    let r = send(&sim, "GET", target, Some(basic("abel.tuter", &other)), None).await;
    assert_eq!(r.status, 200);
    let log = sim.requests();
    assert_eq!(log.len(), 7);
    assert_eq!(log[0].user, None);
    assert_eq!(log[0].status, 401);
    assert_eq!(log[0].path, "/api/now/table/sys_user");
    assert_eq!(log[0].query, "sysparm_limit=1");
    assert_eq!(log[5].user.as_deref(), Some("admin"));
    assert_eq!(log[6].user.as_deref(), Some("abel.tuter"));
}

#[tokio::test]
async fn invalid_table_and_no_resource_match_the_recordings() {
    let sim = start(Scenario::Fresh).await;
    let r = get(&sim, "/api/now/table/sys_user_groups").await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json(), fixture(FIXTURE_400_TABLE));
    let r = get(&sim, "/api/now/v2/table/sn_va_nonexistent").await;
    assert_eq!(
        r.json()["error"]["message"],
        json!("Invalid table sn_va_nonexistent")
    );
    for target in [
        "/api/now/tables/sys_user",
        "/api/now/table",
        "/api/now/table/sys_user/abc/def",
        "/api/sn_cicd/nothing/here",
        "/api/now/v3/table/sys_user",
    ] {
        let r = get(&sim, target).await;
        assert_eq!(r.status, 400, "{target}");
        assert_eq!(r.json(), fixture(FIXTURE_400_RESOURCE), "{target}");
    }
    // Outside /api/ no authentication is needed to get the same answer.
    let r = send(&sim, "GET", "/favicon.ico", None, None).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json(), fixture(FIXTURE_400_RESOURCE));
    // A missing record.
    let r = get(
        &sim,
        "/api/now/table/sys_user/0123456789abcdef0123456789abcdef",
    )
    .await;
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json(),
        json!({"error": {"message": "No Record found",
            "detail": "Record doesn't exist or ACL restricts the record retrieval"},
            "status": "failure"})
    );
}

#[tokio::test]
async fn recorded_group_list_is_reproduced() {
    let sim = start(Scenario::Fresh).await;
    let r = get(
        &sim,
        "/api/now/table/sys_user_group?sysparm_query=nameINAnalytics%20Settings%20Managers,Application%20Development^ORDERBYname",
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("X-Total-Count"), Some("2"));
    let expected = FIXTURE_GROUPS.replace("https://dev223454.service-now.com", &sim.url());
    assert_eq!(r.json(), fixture(&expected));
    // The manager it links to exists.
    let manager = get(
        &sim,
        "/api/now/table/sys_user/506c0f9cd7011200f2d224837e61030f?sysparm_fields=user_name,name",
    )
    .await;
    assert_eq!(
        manager.json()["result"],
        json!({"user_name": "bushra.akhtar", "name": "Bushra Akhtar"})
    );
}

#[tokio::test]
async fn non_admins_are_refused_like_servicenow() {
    let sim = start(Scenario::ReadOnly).await;
    for table in ["v_plugin", "sys_plugins", "sys_store_app"] {
        let r = get(&sim, &format!("/api/now/table/{table}")).await;
        assert_eq!(r.status, 403, "{table}");
        assert_eq!(r.json(), fixture(FIXTURE_403));
    }
    let r = get(
        &sim,
        "/api/now/table/sys_properties?sysparm_query=nameINglide.buildname,glide.buildtag,glide.war",
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(r.result().is_empty());
    let r = get(&sim, "/api/now/table/sys_user_group?sysparm_fields=name").await;
    assert_eq!(r.status, 200);
    assert!(!r.result().is_empty());
    let group = sim
        .sys_id_of("sys_user_group", "name", "Consumer Service Support")
        .expect("group");
    let writes = [
        (
            "POST",
            "/api/now/table/sys_user_grmember".to_string(),
            "Insert",
        ),
        (
            "PATCH",
            format!("/api/now/table/sys_user_group/{group}"),
            "Update",
        ),
        (
            "PUT",
            format!("/api/now/table/sys_user_group/{group}"),
            "Update",
        ),
        (
            "DELETE",
            format!("/api/now/table/sys_user_group/{group}"),
            "Delete",
        ),
    ];
    for (method, target, operation) in writes {
        let r = send(&sim, method, &target, creds(&sim), Some("{\"name\":\"x\"}")).await;
        assert_eq!(r.status, 403, "{method}");
        assert_eq!(
            r.json(),
            json!({"error": {"message": "Operation Failed",
                "detail": format!("ACL Exception {operation} Failed due to security constraints")},
                "status": "failure"})
        );
    }
    assert_eq!(
        sim.rows("sys_user_group")
            .iter()
            .filter(|g| g["name"] == "Consumer Service Support")
            .count(),
        1
    );
}

#[tokio::test]
async fn rate_limited_answers_429_then_503_then_normally() {
    let sim = start(Scenario::RateLimited).await;
    let target = "/api/now/table/sys_user?sysparm_query=user_name=admin";
    let before = state::unix_now();
    let first = get(&sim, target).await;
    assert_eq!(first.status, 429);
    assert_eq!(first.json(), fixture(FIXTURE_429));
    assert_eq!(first.header("Retry-After"), Some("1"));
    assert_eq!(first.header("X-RateLimit-Limit"), Some("100"));
    let reset: u64 = first
        .header("X-RateLimit-Reset")
        .and_then(|r| r.parse().ok())
        .expect("reset");
    assert!(reset > before && reset <= state::unix_now() + 1);
    let second = get(&sim, target).await;
    assert_eq!(second.status, 503);
    assert_eq!(second.json()["status"], "failure");
    let third = get(&sim, target).await;
    assert_eq!(third.status, 200);
    assert_eq!(third.result().len(), 1);
    assert!(third.header("Retry-After").is_none());
    assert!(third.header("X-RateLimit-Limit").is_none());
    assert_eq!(get(&sim, target).await.status, 200);
    // Another query is another key.
    assert_eq!(get(&sim, "/api/now/table/sys_user").await.status, 429);
    let statuses: Vec<u16> = sim.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![429, 503, 200, 200, 429]);
}

#[tokio::test]
async fn ordinary_responses_carry_no_rate_limit_headers() {
    let sim = start(Scenario::Fresh).await;
    let r = get(&sim, "/api/now/table/sys_user").await;
    assert_eq!(r.status, 200);
    assert!(r
        .headers
        .iter()
        .all(|(n, _)| !n.to_ascii_lowercase().contains("ratelimit") && n != "Retry-After"));
}

#[tokio::test]
async fn hibernating_instance_serves_the_recorded_page_everywhere() {
    let sim = start(Scenario::Hibernating).await;
    for (target, auth) in [
        ("/api/now/table/sys_user", creds(&sim)),
        ("/api/now/table/sys_user", None),
        ("/stats.do", None),
        ("/", None),
    ] {
        let r = send(&sim, "GET", target, auth, None).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("Content-Type"), Some("text/html;charset=UTF-8"));
        assert_eq!(r.body, FIXTURE_HIBERNATING);
    }
    assert!(sim.requests().iter().all(|r| r.user.is_none()));
}

#[tokio::test]
async fn an_instance_can_be_put_to_sleep_and_woken_with_its_data() {
    let sim = start(Scenario::Fresh).await;
    sim.set_hibernating(true);
    let r = send(&sim, "GET", "/api/now/table/sys_user", creds(&sim), None).await;
    assert_eq!(r.body, FIXTURE_HIBERNATING);
    sim.set_hibernating(false);
    let r = send(&sim, "GET", "/api/now/table/sys_user", creds(&sim), None).await;
    assert_eq!(r.status, 200);
    assert!(!r.result().is_empty());
    let sim = start(Scenario::Hibernating).await;
    sim.set_hibernating(false);
    let r = send(&sim, "GET", "/api/now/table/sys_user", creds(&sim), None).await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn lists_count_and_paginate() {
    let sim = start(Scenario::Fresh).await;
    let r = get(
        &sim,
        "/api/now/table/sys_user_group?sysparm_query=active%3Dtrue%5EORDERBYname&sysparm_fields=name&sysparm_limit=3&sysparm_offset=3",
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("X-Total-Count"), Some("8"));
    let names: Vec<Value> = r.result().iter().map(|g| g["name"].clone()).collect();
    assert_eq!(
        names,
        vec![
            json!("Customer Service Support"),
            json!("Database"),
            json!("Network")
        ]
    );
    let url = sim.url();
    let link = |offset: usize, rel: &str| {
        format!(
            "<{url}/api/now/table/sys_user_group?sysparm_limit=3&sysparm_offset={offset}&sysparm_query=active%3Dtrue%5EORDERBYname&sysparm_fields=name>;rel=\"{rel}\""
        )
    };
    let expected = [
        link(0, "first"),
        link(0, "prev"),
        link(6, "next"),
        link(6, "last"),
    ]
    .join(",");
    assert_eq!(r.header("Link"), Some(expected.as_str()));

    let last = get(
        &sim,
        "/api/now/v2/table/sys_user_group?sysparm_limit=3&sysparm_offset=6",
    )
    .await;
    assert_eq!(last.result().len(), 2);
    let header = last.header("Link").expect("link");
    assert!(header.contains(";rel=\"prev\""));
    assert!(!header.contains(";rel=\"next\""));
    assert!(header.starts_with(&format!("<{url}/api/now/v2/table/sys_user_group?")));

    let all = get(&sim, "/api/now/table/sys_user_group").await;
    assert_eq!(all.header("X-Total-Count"), Some("8"));
    assert!(all.header("Link").is_none());
}

#[tokio::test]
async fn v1_answers_404_for_an_empty_list_v2_an_empty_result() {
    let sim = start(Scenario::Fresh).await;
    let query = "?sysparm_query=name=No%20such%20group";
    let r = get(&sim, &format!("/api/now/v1/table/sys_user_group{query}")).await;
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json(),
        json!({"error": {"message": "No Record found",
            "detail": "Records matching query not found. Check query parameter or offset parameter"},
            "status": "failure"})
    );
    for prefix in ["/api/now/table", "/api/now/v2/table"] {
        let r = get(&sim, &format!("{prefix}/sys_user_group{query}")).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.json(), json!({"result": []}));
        assert_eq!(r.header("X-Total-Count"), Some("0"));
    }
    let r = get(&sim, "/api/now/v1/table/sys_user_group?sysparm_fields=name").await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn dot_walked_queries_and_fields() {
    let fresh = start(Scenario::Fresh).await;
    let configured = start(Scenario::Configured).await;
    let target = "/api/now/table/sys_group_has_role?sysparm_query=group.name=Consumer+Service+Support^role.nameINawa_agent,agent_workspace_user^ORDERBYrole.name&sysparm_fields=role.name,group.name,rol.name";
    assert!(get(&fresh, target).await.result().is_empty());
    let rows = get(&configured, target).await.result();
    assert_eq!(
        rows,
        vec![
            json!({"role.name": "agent_workspace_user", "group.name": "Consumer Service Support"}),
            json!({"role.name": "awa_agent", "group.name": "Consumer Service Support"}),
        ]
    );

    let target = "/api/now/table/sys_rest_message_fn?sysparm_query=rest_message.nameINVABot%20to%20Bot,VA%20Bot%20to%20Bot^function_name=postMessage&sysparm_fields=sys_id,rest_endpoint,rest_message,rest_message.name,rest_message.rest_endpoint";
    let rows = get(&fresh, target).await.result();
    assert_eq!(rows.len(), 1);
    let message = fresh
        .sys_id_of("sys_rest_message", "name", "VABot to Bot")
        .expect("message");
    assert_eq!(rows[0]["rest_endpoint"], PLACEHOLDER_ENDPOINT);
    assert_eq!(rows[0]["rest_message.rest_endpoint"], PLACEHOLDER_ENDPOINT);
    assert_eq!(rows[0]["rest_message.name"], "VABot to Bot");
    assert_eq!(
        rows[0]["rest_message"],
        json!({"link": format!("{}/api/now/table/sys_rest_message/{message}", fresh.url()),
            "value": message})
    );
    let rows = get(&configured, target).await.result();
    assert_eq!(rows[0]["rest_endpoint"], CONFIGURED_WEBHOOK_URL);
    assert_eq!(
        rows[0]["rest_message.rest_endpoint"],
        CONFIGURED_WEBHOOK_URL
    );

    // A dot-walked field that is itself a reference renders as one.
    let r = get(
        &configured,
        "/api/now/table/awa_agent_presence?sysparm_query=agent.user_name=abel.tuter&sysparm_fields=current_presence_state.name,agent.sys_id,current_presence_state&sysparm_exclude_reference_link=true",
    )
    .await;
    let rows = r.result();
    let available = configured
        .sys_id_of("awa_presence_state", "name", "Available")
        .expect("state");
    let abel = configured
        .sys_id_of("sys_user", "user_name", "abel.tuter")
        .expect("abel");
    assert_eq!(
        rows,
        vec![json!({"current_presence_state.name": "Available",
            "agent.sys_id": abel, "current_presence_state": available})]
    );
}

#[tokio::test]
async fn unknown_query_fields_are_dropped_so_every_row_matches() {
    let sim = start(Scenario::Fresh).await;
    let all = get(&sim, "/api/now/table/sys_rest_message_fn").await;
    let total = all.header("X-Total-Count").expect("count").to_string();
    assert_eq!(total, "5");
    for query in [
        "name=postMessage",
        "endpoint=nothing",
        "rest_message.nmae=VABot%20to%20Bot",
    ] {
        let r = get(
            &sim,
            &format!("/api/now/table/sys_rest_message_fn?sysparm_query={query}"),
        )
        .await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("X-Total-Count"), Some(total.as_str()), "{query}");
    }
    // With the property that turns the quirk off, such a query matches nothing.
    let property = sim
        .sys_id_of(
            "sys_properties",
            "name",
            "glide.invalid_query.returns_no_rows",
        )
        .expect("property");
    sim.set_field("sys_properties", &property, "value", "true");
    let r = get(
        &sim,
        "/api/now/table/sys_rest_message_fn?sysparm_query=name=postMessage",
    )
    .await;
    assert_eq!(r.header("X-Total-Count"), Some("0"));
}

#[tokio::test]
async fn carets_in_values_are_escaped() {
    let sim = start(Scenario::Fresh).await;
    let r = get(
        &sim,
        "/api/now/table/sys_user_group?sysparm_query=name=Ops%20%5E%5E%20Escalation&sysparm_fields=name",
    )
    .await;
    assert_eq!(r.result(), vec![json!({"name": "Ops ^ Escalation"})]);
    let r = get(
        &sim,
        "/api/now/table/sys_user?sysparm_query=user_name=caret^^user^active=true&sysparm_fields=name",
    )
    .await;
    assert_eq!(r.result(), vec![json!({"name": "Caret User"})]);
    let password = sim.password_of("caret^user").expect("password");
    let r = send(
        &sim,
        "GET",
        "/api/now/table/sys_user?sysparm_limit=1",
        Some(basic("caret^user", &password)),
        None,
    )
    .await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn display_values() {
    let sim = start(Scenario::Fresh).await;
    let base = "/api/now/table/sys_user_grmember?sysparm_query=user.user_name=david.loo&sysparm_fields=group,user.name";
    let group = sim
        .sys_id_of("sys_user_group", "name", "Customer Service Support")
        .expect("group");
    let link = format!("{}/api/now/table/sys_user_group/{group}", sim.url());
    let r = get(&sim, &format!("{base}&sysparm_display_value=true")).await;
    assert_eq!(
        r.result(),
        vec![
            json!({"group": {"display_value": "Customer Service Support", "link": link}, "user.name": "David Loo"})
        ]
    );
    let r = get(
        &sim,
        &format!("{base}&sysparm_display_value=true&sysparm_exclude_reference_link=true"),
    )
    .await;
    assert_eq!(
        r.result(),
        vec![json!({"group": "Customer Service Support", "user.name": "David Loo"})]
    );
    let r = get(&sim, &format!("{base}&sysparm_display_value=all")).await;
    assert_eq!(
        r.result(),
        vec![json!({
            "group": {"display_value": "Customer Service Support", "link": link, "value": group},
            "user.name": {"display_value": "David Loo", "value": "David Loo"}
        })]
    );
    // An empty reference is "" in every mode without links.
    let r = get(
        &sim,
        "/api/now/table/sys_user_group?sysparm_query=name=Network&sysparm_fields=manager,parent.name",
    )
    .await;
    assert_eq!(r.result(), vec![json!({"manager": "", "parent.name": ""})]);
}

#[tokio::test]
async fn insert_update_delete() {
    let sim = start(Scenario::Fresh).await;
    let group = sim
        .sys_id_of("sys_user_group", "name", "Consumer Service Support")
        .expect("group");
    let user = sim
        .sys_id_of("sys_user", "user_name", "abel.tuter")
        .expect("user");
    let body = format!(
        "{{\"group\": \"{group}\", \"user\": \"{user}\", \"bogus\": \"x\", \"sys_mod_count\": 7}}"
    );
    let r = send(
        &sim,
        "POST",
        "/api/now/table/sys_user_grmember?sysparm_exclude_reference_link=true",
        creds(&sim),
        Some(&body),
    )
    .await;
    assert_eq!(r.status, 201);
    let record = r.json()["result"].clone();
    let sys_id = record["sys_id"].as_str().expect("sys_id").to_string();
    assert_eq!(sys_id.len(), 32);
    assert_eq!(record["group"], json!(group));
    assert_eq!(record["user"], json!(user));
    assert_eq!(record["sys_mod_count"], "0");
    assert_eq!(record["sys_created_by"], "admin");
    assert_eq!(record["sys_updated_by"], "admin");
    assert!(record.get("bogus").is_none());
    let created = record["sys_created_on"].as_str().expect("date");
    assert_eq!(created.len(), 19);
    assert_eq!(&created[4..5], "-");
    assert_eq!(&created[10..11], " ");
    assert_eq!(
        r.header("Location").map(str::to_string),
        Some(format!(
            "{}/api/now/table/sys_user_grmember/{sys_id}",
            sim.url()
        ))
    );
    let r = get(
        &sim,
        "/api/now/table/sys_user_grmember?sysparm_query=group.name=Consumer%20Service%20Support&sysparm_fields=user.user_name",
    )
    .await;
    assert_eq!(r.result(), vec![json!({"user.user_name": "abel.tuter"})]);

    // PATCH changes only the given fields.
    let message = sim
        .sys_id_of("sys_rest_message", "name", "VABot to Bot")
        .expect("message");
    let before = sim
        .rows("sys_rest_message")
        .into_iter()
        .find(|r| r["sys_id"] == message.as_str())
        .expect("row");
    assert_eq!(before["sys_mod_count"], "0");
    let r = send(
        &sim,
        "PATCH",
        &format!("/api/now/table/sys_rest_message/{message}"),
        creds(&sim),
        Some(&format!(
            "{{\"rest_endpoint\": \"{CONFIGURED_WEBHOOK_URL}\", \"endpoint\": \"ignored\"}}"
        )),
    )
    .await;
    assert_eq!(r.status, 200);
    let record = r.json()["result"].clone();
    assert_eq!(record["rest_endpoint"], CONFIGURED_WEBHOOK_URL);
    assert_eq!(record["name"], "VABot to Bot");
    assert_eq!(record["sys_mod_count"], "1");
    assert_eq!(record["sys_updated_by"], "admin");
    assert!(record.get("endpoint").is_none());
    assert_ne!(record["sys_updated_on"], before["sys_updated_on"]);
    let r = send(
        &sim,
        "PUT",
        &format!("/api/now/v2/table/sys_rest_message/{message}?sysparm_fields=sys_mod_count"),
        creds(&sim),
        Some("{\"description\": 5}"),
    )
    .await;
    assert_eq!(r.json(), json!({"result": {"sys_mod_count": "2"}}));
    let after = sim
        .rows("sys_rest_message")
        .into_iter()
        .find(|r| r["sys_id"] == message.as_str())
        .expect("row");
    assert_eq!(after["description"], "5");
    assert_eq!(after["rest_endpoint"], CONFIGURED_WEBHOOK_URL);

    // Bad JSON is refused.
    let r = send(
        &sim,
        "PATCH",
        &format!("/api/now/table/sys_rest_message/{message}"),
        creds(&sim),
        Some("{not json"),
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["status"], "failure");

    // DELETE.
    let target = format!("/api/now/table/sys_user_grmember/{sys_id}");
    let r = send(&sim, "DELETE", &target, creds(&sim), None).await;
    assert_eq!(r.status, 204);
    assert!(r.body.is_empty());
    assert_eq!(get(&sim, &target).await.status, 404);
    assert_eq!(
        send(&sim, "DELETE", &target, creds(&sim), None)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn test_helpers_change_state() {
    let sim = start(Scenario::Fresh).await;
    let message = sim
        .sys_id_of("sys_rest_message", "name", "VABot to Bot")
        .expect("message");
    sim.set_field("sys_rest_message", &message, "rest_endpoint", "https://x");
    let row = sim
        .rows("sys_rest_message")
        .into_iter()
        .find(|r| r["sys_id"] == message.as_str())
        .expect("row");
    assert_eq!(row["rest_endpoint"], "https://x");
    assert_eq!(row["sys_mod_count"], "1");
    sim.set_field("sys_rest_message", &message, "sys_mod_count", "9");
    let id = sim.insert_row(
        "sys_user",
        &[("user_name", "new.agent"), ("name", "New Agent")],
    );
    assert_eq!(sim.sys_id_of("sys_user", "name", "New Agent"), Some(id));
    let password = sim.password_of("new.agent").expect("password");
    let r = send(
        &sim,
        "GET",
        &format!("/api/now/table/sys_rest_message/{message}?sysparm_fields=sys_mod_count"),
        Some(basic("new.agent", &password)),
        None,
    )
    .await;
    assert_eq!(r.json(), json!({"result": {"sys_mod_count": "9"}}));
    assert!(sim.rows("no_such_table").is_empty());
}

#[tokio::test]
async fn configured_scenario_has_the_guide_done() {
    let sim = start(Scenario::Configured).await;
    let r = get(
        &sim,
        "/api/now/table/v_plugin?sysparm_query=idINcom.glide.awa,com.sn_customerservice,com.glide.cs.chatbot,com.glide.interaction.awa&sysparm_fields=id,active",
    )
    .await;
    let rows = r.result();
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|p| p["active"] == "active"));
    let r = get(
        &sim,
        "/api/now/table/sys_store_app?sysparm_query=scopeINsn_oe_sfs,sn_va_as_service^active=true&sysparm_fields=scope,version",
    )
    .await;
    assert_eq!(r.result().len(), 2);
    let r = get(
        &sim,
        "/api/now/table/awa_agent_channel_availability?sysparm_query=agent.user_name=abel.tuter^service_channel.name=Chat&sysparm_fields=available",
    )
    .await;
    assert_eq!(r.result(), vec![json!({"available": "true"})]);

    let fresh = start(Scenario::Fresh).await;
    let r = get(
        &fresh,
        "/api/now/table/v_plugin?sysparm_query=id=com.glide.awa&sysparm_fields=active",
    )
    .await;
    assert_eq!(r.result(), vec![json!({"active": "inactive"})]);
    let r = get(
        &fresh,
        "/api/now/table/sys_store_app?sysparm_query=scopeINsn_oe_sfs,sn_va_as_service",
    )
    .await;
    assert!(r.result().is_empty());
    let r = get(
        &fresh,
        "/api/now/table/sys_remote_app?sysparm_query=scopeINsn_oe_sfs,sn_va_as_service",
    )
    .await;
    assert_eq!(r.result().len(), 2);
}

#[tokio::test]
async fn duplicate_message_makes_the_name_ambiguous() {
    let sim = Simulator::start(SimOptions {
        duplicate_message: true,
        ..SimOptions::default()
    })
    .await
    .expect("start");
    let r = get(
        &sim,
        "/api/now/table/sys_rest_message_fn?sysparm_query=rest_message.nameINVABot%20to%20Bot,VA%20Bot%20to%20Bot^function_name=postMessage&sysparm_fields=sys_id,rest_message",
    )
    .await;
    assert_eq!(r.result().len(), 2);
}

#[tokio::test]
async fn stats_page_and_build_properties_follow_the_release() {
    for (release, name, family) in [
        (Release::Vancouver, "Vancouver", "vancouver"),
        (Release::Washingtondc, "Washingtondc", "washingtondc"),
        (Release::SanDiego, "San Diego", "sandiego"),
        (Release::Brazil, "Brazil", "brazil"),
        (Release::Newer, "Cascadia", "cascadia"),
    ] {
        let sim = Simulator::start(SimOptions {
            release,
            ..SimOptions::default()
        })
        .await
        .expect("start");
        let r = send(&sim, "GET", "/stats.do", None, None).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("Content-Type"), Some("text/html;charset=UTF-8"));
        assert!(r.body.contains(&format!("Build name: {name}<br/>")));
        assert!(r.body.contains(&format!("Build tag: glide-{family}-")));
        let r = get(
            &sim,
            "/api/now/table/sys_properties?sysparm_query=nameINglide.buildname,glide.buildtag,glide.buildtag.last,glide.war,glide.war.assigned^ORDERBYname&sysparm_fields=name,value",
        )
        .await;
        let rows = r.result();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0], json!({"name": "glide.buildname", "value": name}));
        let tag = rows[1]["value"].as_str().expect("tag");
        assert_eq!(tag.split('-').nth(1), Some(family));
        assert!(rows[2]["value"]
            .as_str()
            .expect("war")
            .starts_with(&format!("glide-{family}-")));
    }
}

#[tokio::test]
async fn latency_delays_every_response_concurrently() {
    let latency = Duration::from_millis(300);
    let sim = Simulator::start(SimOptions {
        latency,
        ..SimOptions::default()
    })
    .await
    .expect("start");
    let started = Instant::now();
    let (a, b, c) = tokio::join!(
        get(&sim, "/api/now/table/sys_user"),
        get(&sim, "/api/now/table/sys_user_group"),
        send(&sim, "GET", "/stats.do", None, None),
    );
    let elapsed = started.elapsed();
    assert_eq!((a.status, b.status, c.status), (200, 200, 200));
    assert!(elapsed >= latency, "{elapsed:?}");
    assert!(elapsed < latency * 3, "{elapsed:?}");
}

#[tokio::test]
async fn keep_alive_serves_several_requests_on_one_connection() {
    let sim = start(Scenario::Fresh).await;
    let mut stream = TcpStream::connect(sim.addr()).await.expect("connect");
    let auth = creds(&sim).expect("auth");
    for _ in 0..2 {
        let request = format!(
            "GET /api/now/table/sys_user_role?sysparm_fields=name HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).await.expect("write");
        let mut buf = vec![0u8; 8192];
        let n = stream.read(&mut buf).await.expect("read");
        let text = String::from_utf8_lossy(&buf[..n]);
        assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    }
    assert_eq!(sim.requests().len(), 2);
}

#[tokio::test]
async fn dropping_or_shutting_down_stops_the_server() {
    let sim = start(Scenario::Fresh).await;
    let addr = sim.addr();
    assert!(TcpStream::connect(addr).await.is_ok());
    sim.shutdown().await;
    assert!(TcpStream::connect(addr).await.is_err());

    let sim = start(Scenario::Fresh).await;
    let addr = sim.addr();
    drop(sim);
    let mut refused = false;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(10)).await;
        if TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
    }
    assert!(refused);
}

// ---------------------------------------------------------------------------------------
// OAuth

const FIXTURE_TOKEN_200: &str =
    include_str!("../../../tests/fixtures/servicenow/oauth-token-200.json");
const FIXTURE_TOKEN_401: &str =
    include_str!("../../../tests/fixtures/servicenow/oauth-token-401.json");

fn form_body(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

async fn token(sim: &Simulator, pairs: &[(&str, &str)]) -> Response {
    send(
        sim,
        "POST",
        "/oauth_token.do",
        None,
        Some(&form_body(pairs)),
    )
    .await
}

async fn password_grant(sim: &Simulator) -> Response {
    let (id, secret) = (sim.oauth_client_id(), sim.oauth_client_secret());
    token(
        sim,
        &[
            ("grant_type", "password"),
            ("client_id", &id),
            ("client_secret", &secret),
            ("username", sim.username()),
            ("password", sim.password()),
        ],
    )
    .await
}

/// The same keys, in the same order, with values of the same JSON types.
fn same_shape(a: &Value, b: &Value) -> bool {
    let (Value::Object(a), Value::Object(b)) = (a, b) else {
        return false;
    };
    a.keys().eq(b.keys())
        && a.values()
            .zip(b.values())
            .all(|(x, y)| std::mem::discriminant(x) == std::mem::discriminant(y))
}

#[tokio::test]
async fn token_answers_match_the_recordings() {
    let sim = start(Scenario::Fresh).await;
    let ok = password_grant(&sim).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let body = ok.json();
    assert!(same_shape(&body, &fixture(FIXTURE_TOKEN_200)), "{body}");
    assert_eq!(body["expires_in"], 1799);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["access_token"].as_str().unwrap().len(), 86);
    let wrong_secret = token(
        &sim,
        &[
            ("grant_type", "password"),
            ("client_id", &sim.oauth_client_id()),
            ("client_secret", "not-the-secret"),
            ("username", "admin"),
            ("password", sim.password()),
        ],
    )
    .await;
    assert_eq!(wrong_secret.status, 401);
    assert_eq!(wrong_secret.json(), fixture(FIXTURE_TOKEN_401));
    // The releases the guide covers have no client-credentials grant.
    let client_credentials = token(
        &sim,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &sim.oauth_client_id()),
            ("client_secret", &sim.oauth_client_secret()),
        ],
    )
    .await;
    assert_eq!(client_credentials.status, 401);
    assert_eq!(client_credentials.body, FIXTURE_TOKEN_401);
    let get = send(&sim, "GET", "/oauth_token.do", None, None).await;
    assert_eq!(get.status, 405);
}

#[tokio::test]
async fn access_tokens_authenticate_and_expire() {
    let sim = Simulator::start(SimOptions {
        access_token_requests: Some(2),
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let body = password_grant(&sim).await.json();
    let bearer = Some(format!("Bearer {}", body["access_token"].as_str().unwrap()));
    let target = "/api/now/table/sys_user?sysparm_query=sys_id%3Djavascript%3Ags.getUserID()&sysparm_fields=user_name";
    for _ in 0..2 {
        let r = send(&sim, "GET", target, bearer.clone(), None).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.result(), vec![json!({"user_name": "admin"})]);
    }
    let spent = send(&sim, "GET", target, bearer.clone(), None).await;
    assert_eq!(spent.status, 401);
    assert_eq!(
        spent.header("WWW-Authenticate"),
        Some("BEARER realm=\"Service-now\"")
    );
    assert_eq!(spent.json(), fixture(FIXTURE_401));
    // The refresh token gets a new access token, and keeps working without rotation.
    let refresh = body["refresh_token"].as_str().unwrap().to_string();
    let grant = [
        ("grant_type", "refresh_token"),
        ("client_id", &sim.oauth_client_id()),
        ("client_secret", &sim.oauth_client_secret()),
        ("refresh_token", refresh.as_str()),
    ];
    let again = token(&sim, &grant).await.json();
    assert_eq!(again["refresh_token"], refresh.as_str());
    let fresh = Some(format!(
        "Bearer {}",
        again["access_token"].as_str().unwrap()
    ));
    assert_eq!(
        send(&sim, "GET", target, fresh.clone(), None).await.status,
        200
    );
    sim.expire_access_tokens();
    assert_eq!(send(&sim, "GET", target, fresh, None).await.status, 401);
    sim.revoke_refresh_tokens();
    assert_eq!(sim.live_refresh_tokens(), 0);
    let revoked = token(&sim, &grant).await;
    assert_eq!(revoked.status, 401);
    assert_eq!(revoked.body, FIXTURE_TOKEN_401);
}

#[tokio::test]
async fn rotation_replaces_the_refresh_token() {
    let sim = Simulator::start(SimOptions {
        rotate_refresh_tokens: true,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let first = sim.issue_refresh_token("admin");
    let grant = |t: &str| {
        [
            ("grant_type", "refresh_token".to_string()),
            ("client_id", sim.oauth_client_id()),
            ("client_secret", sim.oauth_client_secret()),
            ("refresh_token", t.to_string()),
        ]
    };
    let pairs = grant(&first);
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = token(&sim, &pairs).await.json();
    let second = answer["refresh_token"].as_str().unwrap();
    assert_ne!(second, first);
    assert_eq!(
        token(&sim, &pairs).await.status,
        401,
        "the old one is spent"
    );
    assert_eq!(sim.live_refresh_tokens(), 1);
}

/// Sign in at `/oauth_auth.do` and return the redirect.
async fn authorize(sim: &Simulator, query: &str, auth: Option<String>) -> Response {
    send(sim, "GET", &format!("/oauth_auth.do?{query}"), auth, None).await
}

fn authorize_query(sim: &Simulator, state: &str, challenge: &str) -> String {
    form_body(&[
        ("response_type", "code"),
        ("client_id", &sim.oauth_client_id()),
        ("redirect_uri", &sim.oauth_redirect_url()),
        ("state", state),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ])
}

fn redirect_params(r: &Response) -> std::collections::HashMap<String, String> {
    assert_eq!(r.status, 302, "{}", r.body);
    let location = url::Url::parse(r.header("Location").unwrap()).unwrap();
    location.query_pairs().into_owned().collect()
}

async fn code_exchange(sim: &Simulator, verifier: &str, code: &str) -> Response {
    let (id, secret, redirect) = (
        sim.oauth_client_id(),
        sim.oauth_client_secret(),
        sim.oauth_redirect_url(),
    );
    let pairs = [
        ("grant_type", "authorization_code"),
        ("client_id", id.as_str()),
        ("client_secret", secret.as_str()),
        ("code", code),
        ("redirect_uri", redirect.as_str()),
        ("code_verifier", verifier),
    ];
    token(sim, &pairs).await
}

#[tokio::test]
async fn authorization_code_with_pkce() {
    let sim = start(Scenario::Fresh).await;
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let challenge = sn_handoff_servicenow::oauth::challenge_s256(verifier);
    let query = authorize_query(&sim, "st4te", &challenge);
    // Not signed in: the browser is asked to sign in.
    let anonymous = authorize(&sim, &query, None).await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(
        anonymous.header("WWW-Authenticate"),
        Some("Basic realm=\"Service-now\"")
    );
    let signed_in = authorize(&sim, &query, creds(&sim)).await;
    let location = signed_in.header("Location").unwrap().to_string();
    assert!(
        location.starts_with(&format!("{}?code=", sim.oauth_redirect_url())),
        "{location}"
    );
    let params = redirect_params(&signed_in);
    assert_eq!(params["state"], "st4te");
    let code = params["code"].clone();
    // A wrong verifier spends the code.
    assert_eq!(
        code_exchange(&sim, "wrong-verifier", &code).await.status,
        401
    );
    assert_eq!(code_exchange(&sim, verifier, &code).await.status, 401);
    let params = redirect_params(&authorize(&sim, &query, creds(&sim)).await);
    let ok = code_exchange(&sim, verifier, &params["code"]).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(ok.json()["refresh_token"].is_string());
    assert_eq!(
        code_exchange(&sim, verifier, &params["code"]).await.status,
        401,
        "one use"
    );
}

#[tokio::test]
async fn authorize_refusals() {
    let sim = start(Scenario::Fresh).await;
    let challenge = sn_handoff_servicenow::oauth::challenge_s256("v");
    // The user denies access.
    let query = format!(
        "{}&sim_consent=deny",
        authorize_query(&sim, "s", &challenge)
    );
    let params = redirect_params(&authorize(&sim, &query, creds(&sim)).await);
    assert_eq!(params["error"], "access_denied");
    assert_eq!(params["state"], "s");
    // `state` is required (glide.oauth.state.parameter.required), and so is PKCE for this app.
    let params = redirect_params(
        &authorize(&sim, &authorize_query(&sim, "", &challenge), creds(&sim)).await,
    );
    assert_eq!(params["error"], "invalid_request");
    let params =
        redirect_params(&authorize(&sim, &authorize_query(&sim, "s", ""), creds(&sim)).await);
    assert_eq!(params["error"], "invalid_request");
    assert_eq!(params["error_description"], "code_challenge is required");
    // An unregistered redirect URL is never used: the first registered one is.
    let first = "http://127.0.0.1:4242/callback";
    let second = "http://127.0.0.1:4343/callback";
    sim.set_oauth_redirect_url(&format!("{first}, {second}"));
    let to = |redirect: &str| {
        form_body(&[
            ("response_type", "code"),
            ("client_id", &sim.oauth_client_id()),
            ("redirect_uri", redirect),
            ("state", "s"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ])
    };
    for (asked, went) in [
        (second, second),
        (first, first),
        ("http://127.0.0.1:1/callback", first),
    ] {
        let r = authorize(&sim, &to(asked), creds(&sim)).await;
        let location = r.header("Location").unwrap_or_default().to_string();
        assert!(
            location.starts_with(&format!("{went}?code=")),
            "{asked}: {location}"
        );
    }
}

#[tokio::test]
async fn bot_integration_validates_and_routes_like_the_docs() {
    let endpoint = "/api/sn_va_as_service/bot/integration";
    // Not installed on a fresh instance: the scripted REST API does not exist.
    let sim = start(Scenario::Fresh).await;
    let r = send(&sim, "POST", endpoint, creds(&sim), Some("{}")).await;
    assert_eq!((r.status, r.json()), (400, fixture(FIXTURE_400_RESOURCE)));

    let sim = start(Scenario::Configured).await;
    let r = send(&sim, "POST", endpoint, None, Some("{}")).await;
    assert_eq!(r.status, 401);
    let r = send(&sim, "GET", endpoint, creds(&sim), None).await;
    assert_eq!(r.status, 405);
    for body in ["not json", r#"{"userId": "u"}"#, r#"{"requestId": "r"}"#] {
        let r = send(&sim, "POST", endpoint, creds(&sim), Some(body)).await;
        assert_eq!(r.status, 400, "{body}");
        assert_eq!(r.json()["status"], "failure", "{body}");
    }
    let ask = |action: &str| {
        json!({"requestId": "r1", "userId": "u1", "emailId": "abel.tuter@example.com",
               "action": action, "message": {"text": "help", "typed": true}})
        .to_string()
    };
    for action in ["START_CONVERSATION", "AGENT"] {
        let r = send(&sim, "POST", endpoint, creds(&sim), Some(&ask(action))).await;
        assert_eq!((r.status, r.json()), (200, json!({"status": "success"})));
    }
    // The chat is linked to the user of the email, queued, and offered at the eighth request.
    let interactions = sim.rows("interaction");
    assert_eq!(interactions.len(), 1);
    assert_eq!(interactions[0]["state"], "queued");
    assert_eq!(
        interactions[0]["opened_for"].as_str(),
        sim.sys_id_of("sys_user", "user_name", "abel.tuter")
            .as_deref()
    );
    for _ in 0..7 {
        get(&sim, "/api/now/table/awa_work_item?sysparm_fields=state").await;
    }
    assert_eq!(sim.rows("awa_work_item")[0]["state"], "queued");
    get(&sim, "/api/now/table/awa_work_item?sysparm_fields=state").await;
    let items = sim.rows("awa_work_item");
    assert_eq!(items[0]["state"], "pending_accept");
    assert_eq!(
        items[0]["assigned_to"].as_str(),
        sim.sys_id_of("sys_user", "user_name", "abel.tuter")
            .as_deref()
    );
    let r = send(
        &sim,
        "POST",
        endpoint,
        creds(&sim),
        Some(&ask("END_CONVERSATION")),
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(sim.rows("interaction")[0]["state"], "closed_complete");
    assert_eq!(sim.rows("awa_work_item")[0]["state"], "cancelled");
    assert_eq!(sim.rows("sys_cs_conversation")[0]["state"], "closed");
}

/// The OAuth app the simulator seeds names the redirect URL the client uses by default.
#[test]
fn seeded_redirect_url_is_the_clients_default() {
    use sn_handoff_servicenow::oauth::{redirect_url, DEFAULT_REDIRECT_PORT};
    assert_eq!(
        crate::oauth::DEFAULT_REDIRECT_URL,
        redirect_url(DEFAULT_REDIRECT_PORT)
    );
}
