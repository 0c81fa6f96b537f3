//! The simulated AWA Agent API (ServiceNowDocs `api-reference/rest-apis/agent-api.md`):
//! `GET /api/now/awa/agents/{user_sys_id}` answers the agent's presence and channels, `PUT` on
//! the same path with `{"presence": {"sys_id", "channels": [{"sys_id", "available"}]}}` sets
//! them (in `awa_agent_presence` and the rows of `awa_agent_channel_availability` for the new
//! presence state: that table holds one row per agent, channel and presence state, and the
//! channels answered are those of the current state; the Table API reads show it). The API exists only while Advanced Work Assignment (`com.glide.awa`) is active;
//! it needs `awa_integration_user` (or admin) and `glide.awa.enabled = true`, else 403 with the
//! documented message; a user who is not an AWA agent (no `awa_agent` role, directly or
//! through a group) and unknown states or channels are 404 `Record Not Found`.

use serde_json::{json, Value};

use super::state::{now_datetime, random_sys_id, Db, Row};
use super::wire::{decode, error_body, no_resource, Reply, Request};

fn not_found(detail: &str) -> Reply {
    Reply::json(404, &error_body("Record Not Found", Some(detail)))
}

/// Answer a request under `/api/now/awa/`.
pub(crate) fn handle(db: &mut Db, request: &Request, user: &str) -> Reply {
    let awa_active = db
        .find("v_plugin", "id", "com.glide.awa")
        .is_some_and(|r| r.get("active").is_some_and(|a| a == "active"));
    if !awa_active {
        return no_resource();
    }
    let segments: Vec<String> = request.path["/api/now/awa/".len()..]
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| decode(s, false))
        .collect();
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    let roles = db.roles_of(user);
    let allowed = roles
        .iter()
        .any(|r| r == "admin" || r == "awa_integration_user");
    if !allowed || db.property("glide.awa.enabled") != Some("true") {
        // agent-api.md, 403: the user lacks awa_integration_user, or glide.awa.enabled is not
        // true; the documented message for the former is "User Not Authenticated": "User
        // doesn't have the awa_integration_user role".
        let detail = (!allowed).then_some("User doesn't have the awa_integration_user role");
        return Reply::json(403, &error_body("User Not Authenticated", detail));
    }
    match (request.method.as_str(), segments.as_slice()) {
        ("GET", ["agents", id]) => match agent_name(db, id) {
            Some(_) => Reply::json(200, &presence(db, id)),
            None => not_found("The user is not an AWA agent"),
        },
        ("PUT", ["agents", id]) => set(db, id, &request.body, user),
        _ => no_resource(),
    }
}

/// The user_name of `user_id` when that user is an AWA agent.
fn agent_name(db: &Db, user_id: &str) -> Option<String> {
    let name = db.get("sys_user", user_id)?.get("user_name")?.clone();
    db.roles_of(&name)
        .iter()
        .any(|r| r == "awa_agent")
        .then_some(name)
}

fn rows_where<'a>(db: &'a Db, table: &str, pairs: &[(&str, &str)]) -> Vec<&'a Row> {
    db.table(table)
        .map(|t| {
            t.rows
                .iter()
                .filter(|row| {
                    pairs
                        .iter()
                        .all(|(f, v)| row.get(*f).is_some_and(|x| x == v))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn name_of(db: &Db, table: &str, sys_id: &str) -> String {
    db.get(table, sys_id)
        .and_then(|r| r.get("name").cloned())
        .unwrap_or_default()
}

/// `{"result": {"presence": {"name", "sys_id", "available", "channels"}, "sys_id"}}`.
fn presence(db: &Db, user_id: &str) -> Value {
    let state = rows_where(db, "awa_agent_presence", &[("agent", user_id)])
        .first()
        .and_then(|r| r.get("current_presence_state").cloned())
        .unwrap_or_default();
    let available = db
        .get("awa_presence_state", &state)
        .is_some_and(|r| r.get("available").is_some_and(|a| a == "true"));
    // The channels of the current presence state (one row per agent, channel and state).
    let channels: Vec<Value> = rows_where(
        db,
        "awa_agent_channel_availability",
        &[("agent", user_id), ("presence_state", &state)],
    )
    .into_iter()
    .map(|r| {
        let channel = r.get("service_channel").cloned().unwrap_or_default();
        json!({
            "name": name_of(db, "awa_service_channel", &channel),
            "available": r.get("available").is_some_and(|a| a == "true"),
            "sys_id": channel,
        })
    })
    .collect();
    json!({"result": {
        "presence": {
            "name": name_of(db, "awa_presence_state", &state),
            "sys_id": state,
            "available": available,
            "channels": channels,
        },
        "sys_id": user_id,
    }})
}

/// `PUT`: set the presence state and the given channels' availability.
fn set(db: &mut Db, user_id: &str, body: &[u8], user: &str) -> Reply {
    if agent_name(db, user_id).is_none() {
        return not_found("The user is not an AWA agent");
    }
    let Ok(body) = serde_json::from_slice::<Value>(body) else {
        return Reply::json(
            400,
            &error_body("Bad Request", Some("The payload is not valid JSON.")),
        );
    };
    let state = body["presence"]["sys_id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    if db.get("awa_presence_state", &state).is_none() {
        return not_found("No presence state with that sys_id");
    }
    let mut channels = Vec::new();
    for channel in body["presence"]["channels"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let id = channel["sys_id"].as_str().unwrap_or_default().to_string();
        if db.get("awa_service_channel", &id).is_none() {
            return not_found("No service channel with that sys_id");
        }
        let available = channel["available"].as_bool().unwrap_or(false);
        channels.push((id, available));
    }
    let now = now_datetime();
    upsert(
        db,
        "awa_agent_presence",
        &[("agent", user_id)],
        &[("current_presence_state", &state)],
        user,
        &now,
    );
    for (channel, available) in channels {
        upsert(
            db,
            "awa_agent_channel_availability",
            &[
                ("agent", user_id),
                ("service_channel", &channel),
                ("presence_state", &state),
            ],
            &[("available", if available { "true" } else { "false" })],
            user,
            &now,
        );
    }
    Reply::json(200, &presence(db, user_id))
}

/// Update the row of `table` matching `key`, or insert one with `key` and `values`.
fn upsert(
    db: &mut Db,
    table: &str,
    key: &[(&str, &str)],
    values: &[(&str, &str)],
    user: &str,
    now: &str,
) {
    let existing = rows_where(db, table, key)
        .first()
        .and_then(|r| r.get("sys_id").cloned());
    match existing {
        Some(sys_id) => {
            let fields: Vec<(String, String)> = values
                .iter()
                .map(|(f, v)| (f.to_string(), v.to_string()))
                .collect();
            db.update(table, &sys_id, &fields, user, now);
        }
        None => {
            let fields: Vec<(&str, &str)> = key.iter().chain(values).copied().collect();
            if let Some(row) = db.new_row(table, &random_sys_id(), now, user, &fields) {
                db.push(table, row);
            }
        }
    }
}
