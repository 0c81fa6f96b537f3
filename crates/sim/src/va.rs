//! The simulated Virtual Agent API and the Agent Chat / AWA engine behind it: the tables of the
//! bot-to-bot integration (provider, provider application, message auth, channel, the 4.1+
//! outbound configuration and its HTTP connection, AWA queues and eligibility pools,
//! conversations, interactions and work items), the inbound endpoint `POST
//! /api/sn_va_as_service/bot/integration`, and the routing engine that offers queued chats to
//! Available agents.
//!
//! The endpoint behaves as ServiceNowDocs `api-reference/rest-apis/bot-api.md` describes it:
//! it answers `{"status": "success"}` at once and does the work "in the worker thread", so a
//! request whose `token` header does not match the provider application's message auth is
//! accepted and then silently dropped (the documented "200 but no response"). `requestId` and
//! `userId` are required (400 otherwise). `START_CONVERSATION` opens a conversation (linked to
//! the `sys_user` whose email is `emailId`, when the provider application has a message auth,
//! as `virtual-agent-common-errors.md` requires for linking); `AGENT` asks for a live agent: with
//! Agent Chat (`com.glide.interaction.awa`) active and the "Bot to Bot" channel not listed in
//! `com.glide.cs.exclude.liveagent.support`, it creates an `interaction` (state `queued`) routed
//! to the first active Chat queue and an `awa_work_item` for it; `END_CONVERSATION` closes the
//! conversation and its interaction and cancels the work item.
//!
//! Routing runs between requests ([`tick`]): a queued work item is offered at the eighth request
//! after it was created (so a client polling it sees it queued first; state `pending_accept`,
//! `assigned_to` set) to an agent who is a member of a group of one of the queue's eligibility
//! pools, Available, and available on the Chat channel, while `glide.awa.enabled` is true and
//! AWA is active.

use serde_json::{json, Value};

use super::state::random_password;
use super::state::{now_datetime, random_sys_id, Db};
use super::state::{Instance, Row};
use super::va_tables::{VaState, CHANNEL, EXCLUDE_PROPERTY, PROVIDER, PROVIDER_APPLICATION};
use super::wire::{error_body, no_resource, Context, Reply, Request};

/// The path of the inbound endpoint.
pub(crate) const BOT_INTEGRATION: &str = "/api/sn_va_as_service/bot/integration";
/// Whether the Virtual Agent API application is installed (its scripted REST API exists).
fn va_api_installed(db: &Db) -> bool {
    db.find("sys_store_app", "scope", "sn_va_as_service")
        .is_some_and(|r| r.get("active").is_some_and(|a| a == "true"))
}

fn plugin_active(db: &Db, id: &str) -> bool {
    db.find("v_plugin", "id", id)
        .is_some_and(|r| r.get("active").is_some_and(|a| a == "active"))
}

fn get<'a>(row: &'a Row, field: &str) -> &'a str {
    row.get(field).map(String::as_str).unwrap_or_default()
}

/// Rows of `table` whose fields equal the given values.
fn rows_where<'a>(db: &'a Db, table: &str, pairs: &[(&str, &str)]) -> Vec<&'a Row> {
    db.table(table)
        .map(|t| {
            t.rows
                .iter()
                .filter(|row| pairs.iter().all(|(f, v)| get(row, f) == *v))
                .collect()
        })
        .unwrap_or_default()
}

/// Inserts a row as the Virtual Agent's worker does and returns its sys_id.
fn insert(db: &mut Db, table: &str, fields: &[(&str, &str)]) -> String {
    let sys_id = random_sys_id();
    if let Some(row) = db.new_row(table, &sys_id, &now_datetime(), "system", fields) {
        db.push(table, row);
    }
    sys_id
}

fn update(db: &mut Db, table: &str, sys_id: &str, fields: &[(&str, &str)]) {
    let fields: Vec<(String, String)> = fields
        .iter()
        .map(|(f, v)| (f.to_string(), v.to_string()))
        .collect();
    db.update(table, sys_id, &fields, "system", &now_datetime());
}

fn failure(status: u16, message: &str, detail: &str) -> Reply {
    Reply::json(status, &error_body(message, Some(detail)))
}

/// Answer a request under `/api/sn_va_as_service/`.
pub(crate) fn handle(ctx: &Context, instance: &mut Instance, request: &Request) -> Reply {
    if request.path.trim_end_matches('/') != BOT_INTEGRATION || !va_api_installed(&instance.db) {
        return no_resource();
    }
    if request.method != "POST" {
        return failure(
            405,
            "Method not Supported",
            "The method is not supported by the resource",
        );
    }
    let Ok(body) = serde_json::from_slice::<Value>(&request.body) else {
        return failure(400, "Bad Request", "The payload is not valid JSON.");
    };
    for required in ["requestId", "userId"] {
        if body[required].as_str().is_none_or(str::is_empty) {
            return failure(400, "Bad Request", &format!("{required} is required"));
        }
    }
    let accepted = Reply::json(200, &json!({"status": "success"}));
    if ctx.customer_chat && !instance.va.customer_arrived && body["action"] == "AGENT" {
        customer_arrives(instance);
    }
    let db = &mut instance.db;
    let Some(app) = db.find("sys_cs_provider_application", "name", PROVIDER_APPLICATION) else {
        return accepted;
    };
    let expected = expected_token(db, app);
    let token = request
        .headers
        .iter()
        .find(|(name, _)| name == "token")
        .map(|(_, value)| value.as_str());
    // Token validation happens after the answer (bot-api.md, status 200): a wrong token is
    // accepted and the message is dropped.
    if token.is_some() && token != expected.as_deref() {
        return accepted;
    }
    let user_id = body["userId"].as_str().unwrap_or_default().to_string();
    let email = body["emailId"].as_str().unwrap_or_default().to_string();
    let text = body["message"]["text"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let linked = expected.is_some();
    match body["action"].as_str().unwrap_or_default() {
        "START_CONVERSATION" => {
            start(db, &user_id, &email, linked);
        }
        "AGENT" => agent(db, &mut instance.va, &user_id, &email, linked, &text),
        "END_CONVERSATION" => end(db, &user_id),
        _ => {
            if let Some(conversation) = open_conversation(db, &user_id) {
                insert(
                    db,
                    "sys_cs_message",
                    &[
                        ("conversation", &conversation),
                        ("direction", "inbound"),
                        ("payload", &text),
                    ],
                );
            }
        }
    }
    accepted
}

/// The customer's chat of `SimOptions::customer_chat`, arriving (once) with the first request
/// for a live agent: a guest on the customer's own channel session, with no email, so never
/// linked.
fn customer_arrives(instance: &mut Instance) {
    instance.va.customer_arrived = true;
    let customer = format!("customer-{}", random_password().to_ascii_lowercase());
    start(&mut instance.db, &customer, "", false);
    agent(
        &mut instance.db,
        &mut instance.va,
        &customer,
        "",
        false,
        "I need to talk to a person about my order",
    );
}

/// The static token of the message auth of the provider application `app`, if it has one.
fn expected_token(db: &Db, app: &Row) -> Option<String> {
    db.get("message_auth", get(app, "message_auth"))
        .and_then(|auth| {
            db.get(
                "token_verification",
                get(auth, "inbound_message_verification"),
            )
        })
        .map(|t| get(t, "token").to_string())
}

/// The consumer account of `user_id` (through its channel user profile), with its provider
/// user map row and profile, created (and linked to the user whose email is `email`, when
/// linking is possible) when there is none.
fn account(db: &mut Db, user_id: &str, email: &str, linked: bool) -> (String, String) {
    if let Some(account) = account_of(db, user_id) {
        let user = rows_where(
            db,
            "sys_cs_provider_user_map",
            &[("channel_user_id", user_id)],
        )
        .first()
        .map(|r| get(r, "user").to_string())
        .unwrap_or_default();
        return (account, user);
    }
    let users: Vec<String> = rows_where(db, "sys_user", &[("email", email), ("active", "true")])
        .into_iter()
        .filter(|u| get(u, "locked_out") != "true")
        .map(|u| get(u, "sys_id").to_string())
        .collect();
    let user = match (linked && !email.is_empty(), users.as_slice()) {
        (true, [one]) => one.clone(),
        _ => String::new(),
    };
    let provider = db
        .find("sys_cs_provider", "name", PROVIDER)
        .map(|r| get(r, "sys_id").to_string())
        .unwrap_or_default();
    insert(
        db,
        "sys_cs_provider_user_map",
        &[
            ("channel_user_id", user_id),
            ("user", &user),
            ("provider", &provider),
        ],
    );
    let profile = insert(
        db,
        "sys_cs_channel_user_profile",
        &[
            ("channel_user_id", user_id),
            ("user", &user),
            ("provider", &provider),
        ],
    );
    let app = db
        .find("sys_cs_provider_application", "name", PROVIDER_APPLICATION)
        .map(|r| get(r, "sys_id").to_string())
        .unwrap_or_default();
    let id = insert(
        db,
        "sys_cs_consumer_account",
        &[
            ("consumer", &user),
            ("provider_application", &app),
            ("channel_user_profile", &profile),
        ],
    );
    (id, user)
}

/// The consumer account whose channel user profile is `user_id`'s.
fn account_of(db: &Db, user_id: &str) -> Option<String> {
    let profile = rows_where(
        db,
        "sys_cs_channel_user_profile",
        &[("channel_user_id", user_id)],
    )
    .first()
    .map(|r| get(r, "sys_id").to_string())?;
    rows_where(
        db,
        "sys_cs_consumer_account",
        &[("channel_user_profile", &profile)],
    )
    .first()
    .map(|r| get(r, "sys_id").to_string())
}

fn open_conversation(db: &Db, user_id: &str) -> Option<String> {
    let map = account_of(db, user_id)?;
    rows_where(
        db,
        "sys_cs_conversation",
        &[("consumer_account", &map), ("state", "open")],
    )
    .last()
    .map(|r| get(r, "sys_id").to_string())
}

fn start(db: &mut Db, user_id: &str, email: &str, linked: bool) -> String {
    if let Some(open) = open_conversation(db, user_id) {
        update(db, "sys_cs_conversation", &open, &[("state", "closed")]);
    }
    let (map, user) = account(db, user_id, email, linked);
    let app = db
        .find("sys_cs_provider_application", "name", PROVIDER_APPLICATION)
        .map(|r| get(r, "sys_id").to_string())
        .unwrap_or_default();
    let conversation = insert(
        db,
        "sys_cs_conversation",
        &[
            ("consumer", &user),
            ("consumer_account", &map),
            ("provider_application", &app),
        ],
    );
    insert(
        db,
        "sys_cs_message",
        &[
            ("conversation", &conversation),
            ("direction", "outbound"),
            (
                "payload",
                "Hi, I'm your Virtual Agent. Let me know how I can help you today.",
            ),
        ],
    );
    conversation
}

/// Whether live agents support the "Bot to Bot" channel: Agent Chat is active and the
/// channel is not listed in the exclusion property.
fn live_agent_supported(db: &Db) -> bool {
    let excluded = db
        .property(EXCLUDE_PROPERTY)
        .unwrap_or_default()
        .split(',')
        .any(|c| c.trim().eq_ignore_ascii_case(CHANNEL));
    plugin_active(db, "com.glide.interaction.awa") && !excluded
}

fn agent(db: &mut Db, va: &mut VaState, user_id: &str, email: &str, linked: bool, text: &str) {
    let conversation = match open_conversation(db, user_id) {
        Some(c) => c,
        None => start(db, user_id, email, linked),
    };
    let say = |db: &mut Db, direction: &str, payload: &str| {
        insert(
            db,
            "sys_cs_message",
            &[
                ("conversation", &conversation),
                ("direction", direction),
                ("payload", payload),
            ],
        );
    };
    say(db, "inbound", text);
    if !live_agent_supported(db) {
        say(db, "outbound", "Live agent support is not available.");
        return;
    }
    let consumer = db
        .get("sys_cs_conversation", &conversation)
        .map(|r| get(r, "consumer").to_string())
        .unwrap_or_default();
    va.last_number = va.last_number.max(1000) + 1;
    let number = format!("IMS{:07}", va.last_number);
    let chat = db
        .find("awa_service_channel", "name", "Chat")
        .map(|r| get(r, "sys_id").to_string())
        .unwrap_or_default();
    let mut queues: Vec<&Row> = rows_where(
        db,
        "awa_queue",
        &[("service_channel", &chat), ("active", "true")],
    );
    queues.sort_by_key(|q| get(q, "order").parse::<i64>().unwrap_or(0));
    let queue = queues
        .first()
        .map(|q| get(q, "sys_id").to_string())
        .unwrap_or_default();
    let description = if text.is_empty() {
        "Live agent requested"
    } else {
        text
    };
    let state = if queue.is_empty() { "new" } else { "queued" };
    let interaction = insert(
        db,
        "interaction",
        &[
            ("number", &number),
            ("state", state),
            ("opened_for", &consumer),
            ("queue", &queue),
            ("short_description", description),
            ("channel_metadata_table", "sys_cs_conversation"),
            ("channel_metadata_document", &conversation),
        ],
    );
    if !queue.is_empty() {
        insert(
            db,
            "awa_work_item",
            &[
                ("document_table", "interaction"),
                ("document_id", &interaction),
                ("queue", &queue),
            ],
        );
    }
    say(
        db,
        "outbound",
        "Please stand by while I connect you to a live agent.",
    );
}

fn end(db: &mut Db, user_id: &str) {
    let Some(conversation) = open_conversation(db, user_id) else {
        return;
    };
    update(
        db,
        "sys_cs_conversation",
        &conversation,
        &[("state", "closed")],
    );
    let interactions: Vec<String> = rows_where(
        db,
        "interaction",
        &[("channel_metadata_document", &conversation)],
    )
    .into_iter()
    .map(|r| get(r, "sys_id").to_string())
    .collect();
    for interaction in interactions {
        update(
            db,
            "interaction",
            &interaction,
            &[("state", "closed_complete"), ("active", "false")],
        );
        let items: Vec<(String, String)> = rows_where(
            db,
            "awa_work_item",
            &[
                ("document_table", "interaction"),
                ("document_id", &interaction),
            ],
        )
        .into_iter()
        .map(|r| (get(r, "sys_id").to_string(), get(r, "state").to_string()))
        .collect();
        for (item, state) in items {
            if state != "accepted" {
                update(
                    db,
                    "awa_work_item",
                    &item,
                    &[("state", "cancelled"), ("active", "false")],
                );
            }
        }
    }
}

/// One routing pass: offer each queued work item that three earlier passes saw to an eligible,
/// Available agent.
pub(crate) fn tick(ctx: &Context, instance: &mut Instance) {
    let db = &mut instance.db;
    let queued: Vec<(String, String)> = rows_where(
        db,
        "awa_work_item",
        &[("state", "queued"), ("active", "true")],
    )
    .into_iter()
    .map(|r| (get(r, "sys_id").to_string(), get(r, "queue").to_string()))
    .collect();
    let engine_on = !ctx.never_offer
        && db.property("glide.awa.enabled") == Some("true")
        && plugin_active(db, "com.glide.awa");
    for (item, queue) in queued {
        let seen = instance.va.seen.entry(item.clone()).or_insert(0);
        *seen += 1;
        if *seen < 8 || !engine_on {
            continue;
        }
        if let Some((agent, group)) = eligible_agent(db, &queue) {
            update(
                db,
                "awa_work_item",
                &item,
                &[
                    ("state", "pending_accept"),
                    ("assigned_to", &agent),
                    ("assignment_group", &group),
                    ("offered_on", &now_datetime()),
                    ("offer_count", "1"),
                ],
            );
        }
    }
}

/// An agent of a group of one of the queue's eligibility pools who is Available and
/// available on the Chat channel in that presence state, with the group. As AWA routes: the
/// Available state must be active and list Chat among its service channels, and the agent's
/// channel row must be the one of their current presence state.
fn eligible_agent(db: &Db, queue: &str) -> Option<(String, String)> {
    let available_row = db.find("awa_presence_state", "name", "Available")?;
    let available = get(available_row, "sys_id");
    let chat = db.find("awa_service_channel", "name", "Chat")?;
    let chat = get(chat, "sys_id");
    let routes_chat = get(available_row, "active") != "false"
        && get(available_row, "service_channels")
            .split(',')
            .any(|c| c.trim() == chat);
    if !routes_chat {
        return None;
    }
    let mut pools = rows_where(db, "awa_eligibility_pool", &[("queue", queue)]);
    pools.sort_by_key(|p| get(p, "order").parse::<i64>().unwrap_or(0));
    for pool in pools {
        if get(pool, "assignment_rule").is_empty() {
            continue;
        }
        for group in get(pool, "groups").split(',').map(str::trim) {
            for member in rows_where(db, "sys_user_grmember", &[("group", group)]) {
                let agent = get(member, "user");
                let present = rows_where(
                    db,
                    "awa_agent_presence",
                    &[("agent", agent), ("current_presence_state", available)],
                );
                let on_chat = rows_where(
                    db,
                    "awa_agent_channel_availability",
                    &[
                        ("agent", agent),
                        ("service_channel", chat),
                        ("presence_state", available),
                        ("available", "true"),
                    ],
                );
                if !present.is_empty() && !on_chat.is_empty() {
                    return Some((agent.to_string(), group.to_string()));
                }
            }
        }
    }
    None
}
