//! The smoke test: one real hand-off through the Virtual Agent API, watched hop by hop, then
//! taken away again.
//!
//! 1. `START_CONVERSATION` and then `AGENT` to `POST /api/sn_va_as_service/bot/integration`
//!    (ServiceNowDocs `api-reference/rest-apis/bot-api.md`: `requestId` and `userId` are
//!    required, `message.text` and `message.typed` describe the user's message,
//!    `message.clientMessageId` and `clientSessionId` are the client's own identifiers of the
//!    message and of the conversation, `emailId` links the chat to a ServiceNow user, the
//!    `token` header carries a static message auth token; the answer is `{"status":
//!    "success"}` at once, and the work happens afterwards, so a token that fails validation
//!    shows only as nothing happening). Every run has a user id, a client session id and
//!    message ids of its own (`sn-handoff-smoke-…`, random), and the requester's email links
//!    the chat to them.
//! 2. Watch for the run's own records only, never for "a new chat": the consumer account of
//!    the run's user id (through its channel user profile,
//!    `sys_cs_channel_user_profile.channel_user_id`; read until found, then kept, as it does
//!    not change), the conversations whose consumer account it is
//!    (`sys_cs_conversation.consumer_account`) and that a message holding the run's marker
//!    names (read at once, so a poll is two rounds once the account is known), the interaction that
//!    names one of them (`interaction.channel_metadata_table`/`_document`;
//!    `interaction-management-api.md`), then its AWA work item (`awa_work_item`:
//!    `document_id`, `state` Queued / Pending Accept / Accepted / Canceled, `assigned_to`,
//!    `queue`; `advanced-work-assignment/awa-work-items-all.md`) to be offered: assigned to an
//!    agent and not cancelled. A customer's chat that arrives meanwhile references none of
//!    these, so it is never taken for the test's, whatever the token.
//! 3. `END_CONVERSATION`, then delete what references the run's own conversation and nothing
//!    else: the work items of its interactions, the interactions, the messages, the
//!    conversations, the account, the profile and the user map row (read by the clean-up
//!    alone), all found again from the run's identifiers. Every row is checked against the value asked for,
//!    since a condition on a column a table lacks is silently dropped.

use std::time::{Duration, Instant};

use reqwest::Method;
use secrecy::SecretString;
use serde::Serialize;
use serde_json::{json, Value};

use super::backoff::Backoff;
use crate::error::{Error, ErrorKind};
use crate::servicenow::{field, ApiError, Client, Query, Row};
use own::{ids, rows_where, Own, WORK_ITEM_FIELDS};

/// The inbound endpoint of the Virtual Agent API.
pub const BOT_INTEGRATION: &str = "/api/sn_va_as_service/bot/integration";

/// What to run.
pub struct Plan {
    /// The requester's `sys_user` row (sys_id, user_name, email).
    pub requester: Row,
    /// The agent who should be offered the chat, when one is named.
    pub agent: Option<String>,
    /// The text of the request for a live agent.
    pub message: String,
    /// How long to wait for the offer.
    pub deadline: Duration,
    /// The static message auth token, sent in the `token` header.
    pub token: Option<SecretString>,
    /// How often to look.
    pub backoff: Backoff,
    /// The instance's state file, where the run's identifiers are recorded before its first
    /// write (none: not recorded, as for the demo).
    pub journal: Option<crate::state::StateFile>,
}

/// One hop of the hand-off.
#[derive(Debug, Clone, Serialize)]
pub struct Hop {
    /// `start`, `agent`, `interaction`, `queued`, `offered`, `end`, `cleanup`.
    pub id: &'static str,
    /// Whether it happened as it should.
    pub ok: bool,
    /// Milliseconds since the test began.
    pub at_ms: u64,
    /// One line for people.
    pub summary: String,
    /// Machine-readable facts.
    pub details: Value,
}

/// A record the test created, and whether it was removed.
#[derive(Debug, Clone, Serialize)]
pub struct Created {
    pub table: &'static str,
    /// The record.
    pub sys_id: String,
    /// What people call it.
    pub record: String,
    /// Why it could not be removed; `None` when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left: Option<String>,
}

/// What the smoke test found.
#[derive(Debug, Clone, Default)]
pub struct SmokeOutcome {
    /// The hops, in order.
    pub hops: Vec<Hop>,
    /// Whether the chat was offered to an agent within the deadline.
    pub reached: bool,
    /// The agent it was offered to.
    pub offered_to: Option<String>,
    /// The interaction (sys_id, number, state, queue.name).
    pub interaction: Option<Row>,
    /// The work item (sys_id, state, assigned_to.user_name, queue.name).
    pub work_item: Option<Row>,
    /// What the test created, removed or not.
    pub created: Vec<Created>,
    /// What the clean-up could not read or tie to the test, and so left untouched.
    pub untouched: Vec<String>,
    /// Why the hand-off did not reach an agent.
    pub failure: Option<String>,
    /// What to look at next.
    pub hint: Option<String>,
    /// Milliseconds in all.
    pub elapsed_ms: u64,
}

impl SmokeOutcome {
    /// Whether something the test created is still there.
    pub fn left_behind(&self) -> bool {
        self.created.iter().any(|c| c.left.is_some()) || !self.untouched.is_empty()
    }

    /// The JSON document of `smoke-test --json`.
    pub fn to_json(
        &self,
        instance: &str,
        requester: &str,
        agent: Option<&str>,
        deadline: Duration,
    ) -> Value {
        let slim = |row: &Option<Row>, fields: &[&str]| {
            row.as_ref().map(|r| {
                fields
                    .iter()
                    .map(|f| (f.to_string(), Value::String(field(r, f).to_string())))
                    .collect::<serde_json::Map<_, _>>()
            })
        };
        json!({
            "ok": self.reached && !self.left_behind(),
            "reached": self.reached,
            "instance": instance,
            "requester": requester,
            "agent": agent,
            "offered_to": self.offered_to,
            "deadline_s": deadline.as_secs(),
            "elapsed_ms": self.elapsed_ms,
            "hops": self.hops,
            "interaction": slim(&self.interaction, &["sys_id", "number", "state", "queue.name"]),
            "work_item": slim(&self.work_item, &["sys_id", "state", "assigned_to.user_name", "queue.name"]),
            "cleanup": {
                "removed": self.created.iter().filter(|c| c.left.is_none()).collect::<Vec<_>>(),
                "left": self.created.iter().filter(|c| c.left.is_some()).collect::<Vec<_>>(),
                "untouched": self.untouched,
            },
            "error": self.failure,
            "hint": self.hint,
        })
    }
}

/// Hears about each hop as it happens.
pub trait Narrator {
    /// A hop happened.
    fn hop(&self, hop: &Hop);
}

/// A run in progress.
struct Run<'a> {
    client: &'a Client,
    plan: &'a Plan,
    narrator: &'a dyn Narrator,
    started: Instant,
    /// The run's own `userId` (the channel user id of its provider user map row).
    user_id: String,
    /// The run's own `clientSessionId`.
    session_id: String,
    /// Messages sent so far (the next `clientMessageId`'s number).
    sent: std::cell::Cell<u32>,
    outcome: SmokeOutcome,
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    if getrandom::fill(&mut buf).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        for (i, b) in buf.iter_mut().enumerate() {
            *b = (nanos >> ((i % 16) * 8)) as u8;
        }
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// The rows of `rows` whose `column` is exactly `value` (a condition on a column the table
/// does not have is dropped by the instance, so what comes back is checked).
fn only<'a>(rows: &'a [Row], column: &str, value: &str) -> Vec<&'a Row> {
    rows.iter().filter(|r| field(r, column) == value).collect()
}

impl Run<'_> {
    fn at_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    fn hop(&mut self, id: &'static str, ok: bool, summary: impl Into<String>, details: Value) {
        let hop = Hop {
            id,
            ok,
            at_ms: self.at_ms(),
            summary: summary.into(),
            details,
        };
        self.narrator.hop(&hop);
        self.outcome.hops.push(hop);
    }

    /// One request to the bot integration endpoint; `Ok(())` when it answered success.
    async fn send(&self, action: &str, text: &str) -> Result<(), Refused> {
        let n = self.sent.get() + 1;
        self.sent.set(n);
        let body = json!({
            "requestId": random_hex(16),
            "action": action,
            "clientSessionId": self.session_id,
            "userId": self.user_id,
            "emailId": field(&self.plan.requester, "email"),
            "message": {"text": text, "typed": true, "clientMessageId": format!("{}-{n}", self.session_id)},
            "timestamp": std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as u64)
                .unwrap_or(0),
        });
        let headers: Vec<(&'static str, &SecretString)> =
            self.plan.token.iter().map(|t| ("token", t)).collect();
        match self
            .client
            .request_with_headers(Method::POST, BOT_INTEGRATION, Some(&body), &headers)
            .await
        {
            Ok(r) if r.body["status"] == "success" => Ok(()),
            Ok(r) => Err(Refused::said(format!(
                "the endpoint answered {} without success: {}",
                r.status, r.body
            ))),
            Err(ApiError::Status { status: 400, message, .. })
                if message.as_deref().is_some_and(|m| m.contains("does not represent any resource")) =>
            {
                Err(Refused::said("the instance has no Virtual Agent API endpoint: the Virtual Agent API application is not installed (sn-handoff plugins --activate)"))
            }
            Err(e) => Err(Refused {
                why: e.to_string(),
                fatal: fatal(&e).then_some(e),
            }),
        }
    }
}

/// Why the endpoint did not take a message.
struct Refused {
    /// In words.
    why: String,
    /// The error, when it means the run cannot go on (the login, the instance).
    fatal: Option<ApiError>,
}

impl Refused {
    fn said(why: impl Into<String>) -> Refused {
        Refused {
            why: why.into(),
            fatal: None,
        }
    }
}

/// `1 work item, 1 interaction (IMS0001001), 4 messages, 1 conversation, 1 user map`.
fn removed_summary(removed: &[&Created]) -> String {
    let count = |table: &str| removed.iter().filter(|c| c.table == table).count();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let numbers: Vec<&str> = removed
        .iter()
        .filter(|c| c.table == "interaction")
        .map(|c| c.record.as_str())
        .collect();
    let mut parts = Vec::new();
    for (table, one, many) in [
        ("awa_work_item", "work item", "work items"),
        ("interaction", "interaction", "interactions"),
        ("sys_cs_message", "message", "messages"),
        ("sys_cs_conversation", "conversation", "conversations"),
        (
            "sys_cs_consumer_account",
            "consumer account",
            "consumer accounts",
        ),
        (
            "sys_cs_channel_user_profile",
            "channel user profile",
            "channel user profiles",
        ),
        ("sys_cs_provider_user_map", "user map", "user maps"),
    ] {
        let n = count(table);
        if n == 0 {
            continue;
        }
        let mut part = plural(n, one, many);
        if table == "interaction" && !numbers.is_empty() {
            part.push_str(&format!(" ({})", numbers.join(", ")));
        }
        parts.push(part);
    }
    if parts.is_empty() {
        "nothing".into()
    } else {
        parts.join(", ")
    }
}

/// Whether an API error means the run cannot go on (the login or the instance).
fn fatal(e: &ApiError) -> bool {
    matches!(
        crate::error::api_kind(e),
        ErrorKind::Auth | ErrorKind::Unusable
    ) && !matches!(e, ApiError::Timeout { .. } | ApiError::Connect(_))
}

/// Runs the smoke test.
pub async fn run(
    client: &Client,
    plan: &Plan,
    narrator: &dyn Narrator,
) -> Result<SmokeOutcome, Error> {
    let mut run = Run {
        client,
        plan,
        narrator,
        started: Instant::now(),
        user_id: format!("sn-handoff-smoke-{}", random_hex(8)),
        session_id: format!("sn-handoff-smoke-session-{}", random_hex(8)),
        sent: std::cell::Cell::new(0),
        outcome: SmokeOutcome::default(),
    };
    // From the first write on, Ctrl-C, SIGTERM or SIGHUP stops the watch, not the clean-up: the
    // test's records are removed, then the run ends with exit 130 (a second signal ends it
    // at once).
    let mut signal = crate::journal::on_signal();
    // Recorded before it is sent: a run killed after it is cleaned up after by the next.
    left::record(&run)?;

    if !start(&mut run).await? {
        return Ok(run.outcome);
    }
    // A signal before the request for an agent: none is sent, the records go.
    if let Ok(name) = signal.try_recv() {
        cleanup(&mut run).await;
        return Err(stopped(&run, name));
    }
    if let Err(e) = ask_for_agent(&mut run).await {
        cleanup(&mut run).await;
        return gave_up(run, e);
    }
    let mut interrupted = None;
    if run.outcome.failure.is_none() {
        match watch_until_stopped(&mut run, &mut signal).await {
            Ok(name) => interrupted = name,
            Err(e) => {
                cleanup(&mut run).await;
                return gave_up(run, e);
            }
        }
    }
    cleanup(&mut run).await;
    if let Some(name) = interrupted.or_else(|| signal.try_recv().ok()) {
        return Err(stopped(&run, name));
    }
    run.outcome.elapsed_ms = run.at_ms();
    Ok(run.outcome)
}

/// Starts the run's conversation: decides whether the run goes on (`true`). A refusal that
/// means the run cannot go on is the error; any other refusal ends the run as a failure,
/// after the clean-up.
async fn start(run: &mut Run<'_>) -> Result<bool, Error> {
    let requester = field(&run.plan.requester, "user_name").to_string();
    if let Err(refused) = run.send("START_CONVERSATION", "").await {
        run.hop(
            "start",
            false,
            format!("could not start a conversation: {}", refused.why),
            json!({"user_id": run.user_id}),
        );
        if let Some(e) = refused.fatal {
            return Err(e.into());
        }
        // The answer may be lost after the conversation was created: what the run's own
        // user id finds is removed all the same.
        cleanup(run).await;
        run.outcome.failure = Some(refused.why);
        run.outcome.elapsed_ms = run.at_ms();
        return Ok(false);
    }
    run.hop(
        "start",
        true,
        format!(
            "conversation started as {requester} (user id {})",
            run.user_id
        ),
        json!({"user_id": run.user_id, "client_session_id": run.session_id, "requester": requester}),
    );
    Ok(true)
}

/// Asks for a live agent. A refusal that means the run cannot go on is the error (the caller
/// cleans up and gives up); any other is the run's failure, and the watch is skipped.
async fn ask_for_agent(run: &mut Run<'_>) -> Result<(), ApiError> {
    // The marker (the run's client session id) in the text ties the conversation to the run
    // a second way, beside its user id.
    let text = format!("{} [{}]", run.plan.message, run.session_id);
    match run.send("AGENT", &text).await {
        Ok(()) => run.hop(
            "agent",
            true,
            "asked for a live agent",
            json!({"text": run.plan.message}),
        ),
        Err(refused) => {
            run.hop(
                "agent",
                false,
                format!("could not ask for a live agent: {}", refused.why),
                json!({}),
            );
            if let Some(e) = refused.fatal {
                return Err(e);
            }
            run.outcome.failure = Some(refused.why);
        }
    }
    Ok(())
}

/// Watches until the offer, the deadline or a signal, whichever comes first: decides which
/// signal stopped it (`Some(name)`), if one did.
async fn watch_until_stopped(
    run: &mut Run<'_>,
    signal: &mut tokio::sync::oneshot::Receiver<&'static str>,
) -> Result<Option<&'static str>, ApiError> {
    let stop = async {
        match signal.await {
            Ok(name) => name,
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        watched = watch(run) => watched.map(|()| None),
        name = stop => Ok(Some(name)),
    }
}

/// The end of a run that cannot go on (the login, the instance), after its clean-up: its
/// error, unless the clean-up left records behind; then the outcome, which lists them, so the
/// run ends as every run that leaves records does (exit 5), with the error as its failure.
fn gave_up(mut run: Run<'_>, e: ApiError) -> Result<SmokeOutcome, Error> {
    if !run.outcome.left_behind() {
        return Err(e.into());
    }
    run.outcome.failure = Some(e.to_string());
    run.outcome.elapsed_ms = run.at_ms();
    Ok(run.outcome)
}

/// The error of a run stopped by a signal, after its clean-up.
fn stopped(run: &Run<'_>, name: &str) -> Error {
    Error::new(
        ErrorKind::Interrupted,
        format!(
            "interrupted by {name}; {}",
            if run.outcome.left_behind() {
                "some records the test created are left (listed above); delete them by hand"
            } else {
                "what the test created was removed"
            }
        ),
    )
}

/// Waits for the interaction and its offer until the deadline.
async fn watch(run: &mut Run<'_>) -> Result<(), ApiError> {
    let deadline = run.started + run.plan.deadline;
    let mut queued_seen = false;
    let mut waits = 0;
    let mut accounts = None;
    loop {
        if let Some(interaction) = run.outcome.interaction.clone() {
            if look_for_offer(run, &interaction, &mut queued_seen).await? {
                return Ok(());
            }
        } else if look_for_interaction(run, &mut accounts).await? {
            continue;
        }
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        tokio::time::sleep(run.plan.backoff.delay(waits).min(deadline - now)).await;
        waits += 1;
    }
    not_offered(run);
    Ok(())
}

/// One look at the work items of the run's interaction: decides whether the chat was offered
/// (`true`, the watch is over) and says once that it waits on a queue. Only an error that
/// means the run cannot go on ends the watch; any other failed read is a look that saw nothing.
async fn look_for_offer(
    run: &mut Run<'_>,
    interaction: &Row,
    queued_seen: &mut bool,
) -> Result<bool, ApiError> {
    let id = field(interaction, "sys_id").to_string();
    let items = match run
        .client
        .list(
            "awa_work_item",
            &Query::new().eq("document_id", &id),
            &WORK_ITEM_FIELDS,
        )
        .await
    {
        Ok(rows) => rows,
        Err(e) if fatal(&e) => return Err(e),
        Err(_) => Vec::new(),
    };
    let items: Vec<Row> = only(&items, "document_id", &id)
        .into_iter()
        .cloned()
        .collect();
    let offered = items.iter().find(|w| {
        !field(w, "assigned_to").is_empty()
            && !field(w, "state").to_ascii_lowercase().starts_with("cancel")
    });
    if let Some(item) = offered {
        let agent = field(item, "assigned_to.user_name").to_string();
        let expected = run.plan.agent.as_deref();
        let other = expected.filter(|a| *a != agent);
        run.hop(
            "offered",
            true,
            format!(
                "offered to {agent} ({}){}",
                field(item, "state"),
                other.map(|a| format!(", not to {a}")).unwrap_or_default()
            ),
            json!({"agent": agent, "state": field(item, "state"), "queue": field(item, "queue.name"), "work_item": field(item, "sys_id")}),
        );
        run.outcome.reached = true;
        run.outcome.offered_to = Some(agent);
        run.outcome.work_item = Some(item.clone());
        return Ok(true);
    }
    if let (Some(item), false) = (items.first(), *queued_seen) {
        *queued_seen = true;
        let queue = field(item, "queue.name").to_string();
        run.hop(
            "queued",
            true,
            format!("work item waiting on the queue \"{queue}\" ({})", field(item, "state")),
            json!({"queue": queue, "state": field(item, "state"), "work_item": field(item, "sys_id")}),
        );
        run.outcome.work_item = Some(item.clone());
    }
    Ok(false)
}

/// One look for the interaction of the run's own conversation: decides whether it was
/// created (`true`, kept in the outcome). Only an error that means the run cannot go on ends
/// the watch; any other failed read is a look that saw nothing.
async fn look_for_interaction(
    run: &mut Run<'_>,
    accounts: &mut Option<own::Accounts>,
) -> Result<bool, ApiError> {
    let read = Own::watch(run.client, &run.user_id, &run.session_id, accounts);
    let own = match read.await {
        Ok(own) => own,
        Err(e) if fatal(&e) => return Err(e),
        Err(_) => Own::default(),
    };
    let matched_by = format!("its own conversation (user id {})", run.user_id);
    let Some(interaction) = own.interactions.into_iter().next() else {
        return Ok(false);
    };
    let queue = field(&interaction, "queue.name");
    run.hop(
        "interaction",
        true,
        format!(
            "interaction {} created ({}{})",
            field(&interaction, "number"),
            field(&interaction, "state"),
            if queue.is_empty() { String::new() } else { format!(" on \"{queue}\"") }
        ),
        json!({"sys_id": field(&interaction, "sys_id"), "number": field(&interaction, "number"), "state": field(&interaction, "state"), "queue": queue, "conversation": field(&interaction, "channel_metadata_document"), "matched_by": matched_by}),
    );
    run.outcome.interaction = Some(interaction);
    Ok(true)
}

/// The deadline passed without an offer: decides which hop fell short (no interaction, no
/// queue, no agent) and what to look at next.
fn not_offered(run: &mut Run<'_>) {
    let secs = run.plan.deadline.as_secs();
    let (why, hint) = match (&run.outcome.interaction, &run.outcome.work_item) {
        (None, _) => (
            format!("no interaction was created within {secs} s"),
            "live agents may not be reachable from the Bot to Bot channel, the message token may be wrong (the instance drops such messages without an error), or the requester may not be linked: run sn-handoff check --deep",
        ),
        (Some(_), None) => (
            format!("the interaction was not routed to any queue within {secs} s"),
            "no active AWA queue on the Chat channel took it: run sn-handoff check --deep (step routing)",
        ),
        (Some(_), Some(item)) => (
            format!("the work item waited on \"{}\" for {secs} s and was never offered", field(item, "queue.name")),
            "no eligible agent was Available on Chat, or AWA assigns nothing (glide.awa.enabled): run sn-handoff check --deep --agent USER",
        ),
    };
    run.hop("offered", false, why.clone(), json!({"deadline_s": secs}));
    run.outcome.failure = Some(why);
    run.outcome.hint = Some(hint.to_string());
}

mod cleanup;
mod left;
mod own;
use cleanup::cleanup;
pub use left::{journal, remove_left};
