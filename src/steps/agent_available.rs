//! Step 6: the agent is Available in Advanced Work Assignment: `awa_agent_presence` (agent →
//! `sys_user`, `current_presence_state` → `awa_presence_state`, looked up by the state's
//! name, never a hard-coded sys_id), and available on the Chat service channel
//! (`awa_agent_channel_availability`). Both are read at once; without `--agent` the step is
//! skipped.
//!
//! The fix sets the presence through ServiceNow's AWA Agent API, `PUT
//! /api/now/awa/agents/{user_sys_id}` with `{"presence": {"sys_id": <Available>, "channels":
//! [{"sys_id": <Chat>, "available": true}]}}` (ServiceNowDocs `api-reference/rest-apis/
//! agent-api.md`, "AWA Agent - PUT /now/awa/agents/{user_id}"). It needs the role
//! `awa_integration_user` (admin passes too) and `glide.awa.enabled = true`, else 403. Writing
//! `awa_agent_presence` through the Table API is only a reported workaround, and nothing
//! documents that AWA honours it, so it is not done.

use reqwest::Method;
use serde_json::{json, Value};

use super::change::{summary, Change, Transaction, WriteError};
use super::group::require_user;
use super::once::Read;
use super::row::{Phase, Prefetch, Step};
use super::{shell_quote, CommandLine, Context, Status, StepId, StepReport};
use crate::error::{Error, ErrorKind};
use crate::servicenow::table::encode_component;
use crate::servicenow::{field, ApiError, Client, Query, Row};

/// The presence state a handoff needs.
pub const AVAILABLE: &str = "Available";
/// The service channel chats arrive on.
pub const CHAT_CHANNEL: &str = "Chat";

/// The agent's presence as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Presence {
    /// The name of their presence state; `None` without an `awa_agent_presence` row.
    pub state: Option<String>,
    /// Whether they are available on the Chat channel; `None` when that could not be read.
    pub chat_available: Option<bool>,
}

/// What the step reads about the "Available" presence state: whether it is active, and
/// whether its Service channels list Chat (`None` where that could not be read), with the
/// state's row and the Chat channel's sys_id when found.
#[derive(Debug, Clone, Default)]
pub struct AvailableState {
    active: Option<bool>,
    lists_chat: Option<bool>,
    row: Option<Row>,
    chat: Option<String>,
}

/// Reads the "Available" presence state and the Chat channel's sys_id (see
/// [`Context::available_state`], which reads them once a run).
pub async fn available_state(client: &Client) -> AvailableState {
    let (by_state, by_channel) = (
        Query::new().eq("name", AVAILABLE),
        Query::new().eq("name", CHAT_CHANNEL),
    );
    let (states, chat) = tokio::join!(
        client.list(
            "awa_presence_state",
            &by_state,
            &["sys_id", "name", "active", STATE_CHANNELS, "sys_mod_count"],
        ),
        client.list("awa_service_channel", &by_channel, &["sys_id", "name"],),
    );
    let state = states
        .ok()
        .and_then(|rows| rows.into_iter().find(|r| field(r, "name") == AVAILABLE));
    let chat = chat.ok().and_then(|rows| {
        rows.into_iter()
            .find(|r| field(r, "name") == CHAT_CHANNEL)
            .map(|r| field(&r, "sys_id").to_string())
    });
    AvailableState {
        active: state.as_ref().map(|r| field(r, "active") != "false"),
        lists_chat: lists(state.as_ref(), STATE_CHANNELS, chat.as_deref()),
        row: state,
        chat,
    }
}

/// Whether the channel list in `row`'s `column` holds `chat`; `None` when either is unknown (a
/// column the instance does not have is missing from the row: then it is not judged).
fn lists(row: Option<&Row>, column: &str, chat: Option<&str>) -> Option<bool> {
    match (row, chat) {
        (Some(row), Some(chat)) if row.contains_key(column) => {
            Some(field(row, column).split(',').any(|c| c.trim() == chat))
        }
        _ => None,
    }
}

/// The "Available" state as the agent's own rows tell it (`current_presence_state.active` and
/// `.service_channels` walked from their presence, the Chat channel's sys_id from their Chat
/// rows), when they are in it and the rows tell enough; else `None`, and the state is read.
fn available_as_walked(current: Option<&Row>, chat_rows: Option<&[Row]>) -> Option<AvailableState> {
    let current = current.filter(|r| field(r, "current_presence_state.name") == AVAILABLE)?;
    let chat = chat_rows?
        .iter()
        .map(|r| field(r, "service_channel"))
        .find(|id| !id.is_empty())?;
    let active_key = format!("{PRESENCE_FIELD}.active");
    let channels_key = format!("{PRESENCE_FIELD}.{STATE_CHANNELS}");
    if !current.contains_key(&active_key) || !current.contains_key(&channels_key) {
        return None;
    }
    Some(AvailableState {
        active: Some(field(current, &active_key) != "false"),
        lists_chat: lists(Some(current), &channels_key, Some(chat)),
        row: None,
        chat: Some(chat.to_string()),
    })
}

/// The list field of a presence state's "Service channels" (ServiceNowDocs
/// `awa-configure-agent-presence.md` names the form field; the column name is not documented).
const STATE_CHANNELS: &str = "service_channels";

/// Reads and judges. AWA offers a chat to an agent only when the agent's current presence
/// state is "Available", that state is active and lists Chat among its service channels, and
/// the agent's `awa_agent_channel_availability` row for Chat *in that presence state* says
/// available (the table holds one row per agent, channel and presence state; ServiceNowDocs
/// `awa-configure-agent-presence.md`, `presence-state-example.md`, `installed-with-awa.md`).
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    judge(ctx).await.map(|(report, _)| report)
}

/// The agent's `awa_agent_presence` rows and their `awa_agent_channel_availability` rows for
/// Chat (one per presence state), each read as it came back.
#[derive(Debug, Clone)]
pub struct AgentPresence {
    pub presence: Result<Vec<Row>, ApiError>,
    pub chat: Result<Vec<Row>, ApiError>,
}

/// Reads both at once (see [`Context::agent_presence`], which keeps them for the run).
pub async fn read_presence(client: &Client, agent: &str) -> AgentPresence {
    let presence_query = Query::new().eq("agent.user_name", agent);
    let chat_query = Query::new()
        .eq("agent.user_name", agent)
        .eq("service_channel.name", CHAT_CHANNEL);
    let (presence, chat) = tokio::join!(
        client.list(
            "awa_agent_presence",
            &presence_query,
            &[
                "agent.user_name",
                "current_presence_state",
                "current_presence_state.name",
                "current_presence_state.active",
                "current_presence_state.service_channels"
            ]
        ),
        client.list(
            "awa_agent_channel_availability",
            &chat_query,
            &[
                "agent.user_name",
                "service_channel",
                "service_channel.name",
                "presence_state",
                "presence_state.name",
                "available"
            ]
        ),
    );
    AgentPresence { presence, chat }
}

/// Reads and judges; the presence read too.
pub async fn judge(ctx: &Context) -> Result<(StepReport, Presence), ApiError> {
    judge_as_read(ctx, false).await
}

/// [`judge`], with the presence read anew when `fresh` (reading back a write) rather than as
/// the run first read it.
async fn judge_as_read(ctx: &Context, fresh: bool) -> Result<(StepReport, Presence), ApiError> {
    let Some(agent) = ctx.opts.agent.as_deref() else {
        let report = StepReport::skip(StepId::AgentAvailable, "no --agent given");
        return Ok((report, Presence::default()));
    };
    let AgentPresence {
        presence,
        chat: channels,
    } = if fresh {
        read_presence(&ctx.client, agent).await
    } else {
        ctx.agent_presence().await
    };
    // An agent's own presence row shows that the user exists; without one, the user is looked
    // up to tell a wrong name from someone who is not an agent yet.
    let current = presence.as_ref().ok().and_then(|rows| {
        rows.iter()
            .find(|r| field(r, "agent.user_name") == agent)
            .cloned()
    });
    if let Some(report) = unreadable_presence(ctx, agent, &presence, current.is_some()).await? {
        return Ok((report, Presence::default()));
    }
    presence?;
    let current = current.as_ref();
    let state = current.map(|r| field(r, "current_presence_state.name").to_string());
    let state_id = current.map_or("", |r| field(r, "current_presence_state"));
    // The channel table may be missing on some installs; then only the presence counts.
    let chat_rows: Option<Vec<Row>> = channels.ok().map(|rows| {
        rows.into_iter()
            .filter(|r| {
                field(r, "agent.user_name") == agent
                    && field(r, "service_channel.name") == CHAT_CHANNEL
            })
            .collect()
    });
    let available_state = match available_as_walked(current, chat_rows.as_deref()) {
        Some(walked) => walked,
        None => ctx.available_state().await,
    };
    let chat = chat_rows.as_ref().map(|rows| {
        rows.iter()
            .any(|r| field(r, "presence_state") == state_id && field(r, "available") == "true")
    });
    // Where else the agent would take chats, to explain a mismatch.
    let elsewhere: Vec<String> = chat_rows
        .iter()
        .flatten()
        .filter(|r| field(r, "presence_state") != state_id && field(r, "available") == "true")
        .map(|r| field(r, "presence_state.name").to_string())
        .filter(|n| !n.is_empty())
        .collect();
    let details = json!({
        "agent": agent,
        "presence": state,
        "chat_available": chat,
        "available_state_lists_chat": available_state.lists_chat,
    });
    let seen = Seen {
        state: state.as_deref(),
        available_state: &available_state,
        chat,
        elsewhere: &elsewhere,
    };
    let report = presence_verdict(agent, &seen, details);
    let presence = Presence {
        state,
        chat_available: chat,
    };
    Ok((report, presence))
}

/// Decides what an agent without a readable presence row is: `Err` when the presence read
/// failed (refused, unreachable: nothing is explained), a failing report when there is no such
/// user or AWA is not active (no `awa_agent_presence` table), else `None` (an agent to judge).
async fn unreadable_presence(
    ctx: &Context,
    agent: &str,
    presence: &Result<Vec<Row>, ApiError>,
    has_row: bool,
) -> Result<Option<StepReport>, ApiError> {
    // A read that failed (refused, unreachable) is the step's error: nothing is explained.
    if let Err(e) = presence {
        if e.invalid_table().is_none() {
            return Err(e.clone());
        }
    }
    let user = async {
        if has_row {
            return Ok(true);
        }
        // Not an agent yet, or no such user: the user row and the Available state at once.
        let (user, _) = tokio::join!(ctx.agent(), ctx.available_state());
        Ok::<bool, ApiError>(!user?.matches.is_empty())
    };
    if !user.await? {
        return Ok(Some(StepReport::fail(
            StepId::AgentAvailable,
            format!("there is no user with user_name {agent}"),
            json!({"agent": agent}),
            "pass the agent's user_name (as in User Administration → Users), e.g. --agent abel.tuter",
        )));
    }
    if let Err(e) = presence {
        if e.invalid_table().is_some() {
            return Ok(Some(StepReport::fail(
                StepId::AgentAvailable,
                "Advanced Work Assignment is not active (the instance has no awa_agent_presence table)",
                json!({"agent": agent, "presence": null}),
                CommandLine::new("plugins --activate"),
            )));
        }
    }
    Ok(None)
}

/// What the step read of an agent who has presence rows.
struct Seen<'a> {
    /// Their presence state's name (`None` without an `awa_agent_presence` row).
    state: Option<&'a str>,
    /// The "Available" state as read.
    available_state: &'a AvailableState,
    /// Whether they are available on Chat in their current state (`None`: not read).
    chat: Option<bool>,
    /// The other presence states in which they are available on Chat.
    elsewhere: &'a [String],
}

/// Decides the step's verdict from what was `seen`: pass only when the agent is Available,
/// that state is active and lists Chat, and the agent is available on Chat in it.
fn presence_verdict(agent: &str, seen: &Seen<'_>, details: Value) -> StepReport {
    let quoted = shell_quote(agent);
    let fix = CommandLine::new(format!("agent available --agent {quoted}"));
    match seen.state {
        None => StepReport::fail(
            StepId::AgentAvailable,
            format!("{agent} has no AWA presence yet (not an agent of an AWA group)"),
            details,
            CommandLine::new(format!("group --fix --agent {quoted}"))
                .then(CommandLine::new(format!("agent available --agent {quoted}"))),
        ),
        Some(AVAILABLE) if seen.available_state.active == Some(false) => StepReport::fail(
            StepId::AgentAvailable,
            format!("{agent} is Available, but the Available presence state is inactive, so AWA routes no work to it"),
            details,
            "activate it: Advanced Work Assignment → Presence States → Available → Active",
        ),
        Some(AVAILABLE) if seen.available_state.lists_chat == Some(false) => StepReport::fail(
            StepId::AgentAvailable,
            format!("{agent} is Available, but the Available presence state does not list the {CHAT_CHANNEL} service channel, so AWA routes no chats to anyone Available"),
            details,
            fix,
        ),
        Some(AVAILABLE) if seen.chat != Some(false) => StepReport::pass(
            StepId::AgentAvailable,
            format!("{agent} is Available"),
            details,
        ),
        Some(AVAILABLE) => StepReport::fail(
            StepId::AgentAvailable,
            if seen.elsewhere.is_empty() {
                format!("{agent} is Available but not available on the {CHAT_CHANNEL} channel in that presence state")
            } else {
                format!(
                    "{agent} is Available but not available on the {CHAT_CHANNEL} channel in that presence state (only when {})",
                    seen.elsewhere.join(", ")
                )
            },
            details,
            fix,
        ),
        Some(other) => StepReport::fail(
            StepId::AgentAvailable,
            format!(
                "{agent} is {}",
                if other.is_empty() {
                    "in no presence state"
                } else {
                    other
                }
            ),
            details,
            fix,
        ),
    }
}

/// Makes the agent Available on the Chat channel through the AWA Agent API, unless they are
/// already; verified from the API's answer, or by reading the presence back through the Table
/// API when the answer does not tell (see [`verify`]).
pub async fn fix(ctx: &Context) -> Result<Vec<Change>, Error> {
    let Some(agent) = ctx.opts.agent.as_deref() else {
        return Err(Error::usage("name the agent: --agent USER"));
    };
    // Its reads before the write, in one round (none when they were made ahead).
    prefetch(ctx).await;
    let user = require_user(ctx, agent).await?;
    let user_id = field(&user, "sys_id").to_string();
    let (before, presence) = judge(ctx).await?;
    if before.status == Status::Pass {
        return Ok(Vec::new());
    }
    let (before_state, before_chat) = (presence.state, presence.chat_available);
    let available = ctx.available_state().await;
    let (state_id, channel_id) = written_ids(&ctx.client, &available).await?;
    if before_state.is_none() && !in_awa_group(&ctx.client, agent).await? {
        return Err(not_an_agent(agent));
    }
    // The presence write is journalled before the first write, so that an interrupted run is
    // finished by the next (`journal::recover`, [`journalled`]).
    let journalled = Change::update(
        PRESENCE_TABLE,
        &user_id,
        agent,
        PRESENCE_FIELD,
        before_state.as_deref().unwrap_or_default(),
        AVAILABLE,
    );
    crate::journal::plan(&ctx.client, std::slice::from_ref(&journalled));
    let mut tx = Transaction::new(&ctx.client);
    if before.details["available_state_lists_chat"] == json!(false) {
        list_chat(&mut tx, &available, &channel_id).await?;
    }
    if crate::journal::dry_run(&ctx.client) {
        // The presence is planned above; nothing is sent.
        return Ok(tx.commit());
    }
    let (answer, mark) = send_presence(
        ctx,
        &mut tx,
        &journalled,
        &user_id,
        [&state_id, &channel_id],
    )
    .await?;
    let response = match answer {
        Ok(response) => response,
        Err(e) => {
            return Err(undo_after_refusal(ctx, agent, &mut tx, (&journalled, mark), &e).await)
        }
    };
    verify(ctx, agent, &response.body, &available).await?;
    let before = Presence {
        state: before_state,
        chat_available: before_chat,
    };
    Ok(changes_made(
        tx.commit(),
        journalled,
        &before,
        &user_id,
        agent,
    ))
}

/// Makes the reads [`fix`] makes before its write, each kept for the run in `ctx`, so that
/// they can go out while the group's roles and members are still being repaired: none of them
/// reads what those repairs write (`sys_group_has_role`, `sys_user_grmember`).
///
/// - The agent's user row (`sys_user` by user_name): the group's repairs add rows that name
///   the user, and never change the user.
/// - The agent's presence and Chat availability rows (`awa_agent_presence`,
///   `awa_agent_channel_availability`): AWA writes them when a presence is set (the AWA Agent
///   API, the agent's own inbox), not when a group gains a role or a member; and the verdict
///   on them does not depend on the agent's roles. Whether the user is an AWA agent at all
///   (their groups and those groups' roles) is what those repairs change: [`fix`] reads that
///   after them, and only for an agent without presence, so it is not made here.
/// - The "Available" presence state and the Chat service channel: AWA's configuration, which
///   no group's repair touches.
///
/// The plugins' repair does change them (AWA's tables and API come with it): this is for a
/// run in which the plugins are active, or their repair has ended.
pub async fn prefetch(ctx: &Context) {
    let _ = tokio::join!(ctx.agent(), ctx.agent_presence(), ctx.available_state());
}

/// Verifies the presence write the AWA Agent API accepted, from its answer `body` where that
/// tells: the API answers the agent's presence as it now is (ServiceNowDocs
/// `api-reference/rest-apis/agent-api.md`, "AWA Agent - PUT /now/awa/agents/{user_id}",
/// response body `{"result": {"presence": {"name", "sys_id", "available", "channels":
/// [{"name", "sys_id", "available"}]}, "sys_id"}}`). An answer that names another state or
/// Chat not available is an error ([`refused_in_answer`]); one that says Available and
/// available on Chat needs no read, as long as the Available state as read (`available`) is
/// not inactive (the answer does not say; that its channels list Chat was read, or written by
/// this fix). Anything else is read back through the Table API, as `check` reads it.
async fn verify(
    ctx: &Context,
    agent: &str,
    body: &Value,
    available: &AvailableState,
) -> Result<(), Error> {
    refused_in_answer(agent, body)?;
    let (name, chat) = answered_presence(body);
    if name.as_deref() == Some(AVAILABLE) && chat == Some(true) && available.active != Some(false) {
        return Ok(());
    }
    let (after, _) = judge_as_read(ctx, true).await?;
    if after.status != Status::Pass {
        return Err(Error::new(
            ErrorKind::WriteFailed,
            format!(
                "the AWA Agent API accepted the change, but reading it back says: {}",
                after.summary
            ),
        ));
    }
    Ok(())
}

/// The sys_ids the presence write names: the Available state's and the Chat channel's, as read
/// in `available`, or, when one is missing, looked up by name for the error that says which.
async fn written_ids(
    client: &Client,
    available: &AvailableState,
) -> Result<(String, String), Error> {
    if let (Some(row), Some(chat)) = (&available.row, &available.chat) {
        return Ok((field(row, "sys_id").to_string(), chat.clone()));
    }
    let (state, channel) = tokio::join!(
        lookup_id(client, "awa_presence_state", AVAILABLE),
        lookup_id(client, "awa_service_channel", CHAT_CHANNEL),
    );
    Ok((state?, channel?))
}

/// Adds Chat to the Available state's service channels in `tx`: without it AWA routes no chats
/// to anyone Available.
async fn list_chat(
    tx: &mut Transaction<'_>,
    available: &AvailableState,
    channel_id: &str,
) -> Result<(), Error> {
    let Some(row) = &available.row else {
        return Ok(());
    };
    let listed = field(row, STATE_CHANNELS);
    let after = if listed.trim().is_empty() {
        channel_id.to_string()
    } else {
        format!("{listed},{channel_id}")
    };
    tx.update(
        "awa_presence_state",
        STATE_CHANNELS,
        field(row, "sys_id"),
        AVAILABLE,
        listed,
        &after,
        Some(field(row, "sys_mod_count")),
    )
    .await?;
    Ok(())
}

/// Sends the journalled presence write (`ids`: the Available state's and the Chat channel's
/// sys_ids) and decides how the journal marks it: done, planned (refused: nothing carried out)
/// or sent (the answer was lost, so it may have landed). Without a journal nothing is sent and
/// what `tx` wrote is taken back.
async fn send_presence(
    ctx: &Context,
    tx: &mut Transaction<'_>,
    journalled: &Change,
    user_id: &str,
    [state_id, channel_id]: [&str; 2],
) -> Result<
    (
        Result<crate::servicenow::client::Response, ApiError>,
        crate::journal::Mark,
    ),
    Error,
> {
    let guard = crate::journal::enter().await;
    let entry = match crate::journal::sent(&ctx.client, journalled, None) {
        Ok(entry) => entry,
        // No journal, no write: the presence is not sent, and what was written is taken back.
        Err(j) => return Err(tx.fail(journalled, WriteError::Unjournalled(j)).await),
    };
    let answer = put_available(&ctx.client, user_id, state_id, channel_id).await;
    let mark = match &answer {
        Ok(_) => crate::journal::Mark::Done,
        // A 4xx is a refusal (agent-api.md): nothing was carried out.
        Err(ApiError::Status { status, .. }) if (400..500).contains(status) => {
            crate::journal::Mark::Planned
        }
        Err(e) if super::change::may_have_landed(e) => crate::journal::Mark::Sent,
        Err(_) => crate::journal::Mark::Planned,
    };
    crate::journal::mark(&ctx.client, entry, mark, None, None);
    drop(guard);
    Ok((answer, mark))
}

/// Decides whether the AWA Agent API's accepted answer `body` still says the agent is not
/// Available on Chat (an error then).
fn refused_in_answer(agent: &str, body: &Value) -> Result<(), Error> {
    let (name, chat) = answered_presence(body);
    if name.as_deref().is_some_and(|n| n != AVAILABLE) || chat == Some(false) {
        return Err(Error::new(
            ErrorKind::WriteFailed,
            format!(
                "the AWA Agent API answered that {agent} is {}{}",
                name.as_deref().unwrap_or("in no presence state"),
                if chat == Some(false) {
                    ", not available on Chat"
                } else {
                    ""
                }
            ),
        ));
    }
    Ok(())
}

/// The error a failed presence write `e` of `agent` ends the fix with, after taking back what
/// `tx` wrote; a write whose answer was lost (`mark` sent) stays journalled and is said to be
/// uncertain.
async fn undo_after_refusal(
    ctx: &Context,
    agent: &str,
    tx: &mut Transaction<'_>,
    (journalled, mark): (&Change, crate::journal::Mark),
    e: &ApiError,
) -> Error {
    let err = put_error(ctx, agent, e).await;
    // A PUT whose answer was lost may have been carried out: it stays journalled (the next
    // run reads the presence and finishes it), and the error says it may have changed.
    let lost = mark == crate::journal::Mark::Sent;
    if lost {
        tx.uncertain(journalled);
    }
    if tx.changes().is_empty() && !lost {
        return err;
    }
    let undone = tx.abort(&err.to_string(), err.kind()).await;
    match err.hint() {
        Some(hint) => undone.with_hint(hint.to_string()),
        None => undone,
    }
}

/// Decides what the AWA Agent API's refusal `e` of the presence write means: the missing role
/// or property, an agent without presence, AWA inactive, a malformed request, or else a
/// failure reported with the presence as read back.
async fn put_error(ctx: &Context, agent: &str, e: &ApiError) -> Error {
    let role_hint = format!(
        "give {} the awa_integration_user role (User Administration → Users → {} → Roles)",
        ctx.client.user(),
        ctx.client.user()
    );
    // agent-api.md: 400 a malformed request; 401 credentials wrong or missing, and the
    // message "User Not Authenticated" also stands for "User doesn't have the
    // awa_integration_user role"; 403 no awa_integration_user, or glide.awa.enabled not
    // true. This user's other requests were accepted, so a 401 here is the role.
    match e {
        ApiError::Status { status: 401, .. } => Error::auth(format!(
            "the AWA Agent API refused {} ({e}): it needs the role awa_integration_user",
            ctx.client.user()
        ))
        .with_hint(role_hint),
        ApiError::Status { status: 403, .. } => Error::auth(format!(
            "the instance refused to set {agent}'s presence ({e}): the AWA Agent API needs the role awa_integration_user, and the property glide.awa.enabled must be true"
        ))
        .with_hint(format!(
            "{role_hint}, and set glide.awa.enabled to true (sys_properties.list)"
        )),
        ApiError::Status { status: 404, .. } => not_an_agent(agent),
        ApiError::Status {
            status: 400,
            message,
            ..
        } if message.as_deref() == Some("Requested URI does not represent any resource") => {
            awa_inactive()
        }
        ApiError::Status { status: 400, .. } => Error::new(
            ErrorKind::WriteFailed,
            format!("the AWA Agent API refused the request as malformed: {e}"),
        ),
        _ => {
            let now = check(ctx).await.ok().map(|r| r.summary);
            Error::new(
                ErrorKind::WriteFailed,
                format!(
                    "could not set {agent}'s presence: {e}. {}",
                    now.map_or_else(
                        || "Their presence could not be read back.".to_string(),
                        |s| format!("Read back: {s}.")
                    )
                ),
            )
        }
    }
}

/// Decides which changes the fix reports: `changes` (the state's channel list), the presence
/// (an insert when the agent had none `before`) and the Chat availability, each only when it
/// differed before.
fn changes_made(
    mut changes: Vec<Change>,
    journalled: Change,
    before: &Presence,
    user_id: &str,
    agent: &str,
) -> Vec<Change> {
    if before.state.as_deref() != Some(AVAILABLE) {
        let mut change = journalled;
        if before.state.is_none() {
            change.action = Some(crate::journal::change::Action::Insert);
        }
        changes.push(change);
    }
    if before.chat_available != Some(true) {
        changes.push(Change::update(
            "awa_agent_channel_availability",
            user_id,
            &format!("{agent} / {CHAT_CHANNEL}"),
            "available",
            if before.chat_available == Some(false) {
                "false"
            } else {
                ""
            },
            "true",
        ));
    }
    changes
}

/// The table and field an interrupted run's presence write is journalled under (the record
/// is the user's sys_id, the values are presence state names).
pub const PRESENCE_TABLE: &str = "awa_agent_presence";
const PRESENCE_FIELD: &str = "current_presence_state";

/// The AWA Agent API's PUT that makes the user `user_id` Available (`state_id`) and available
/// on Chat (`channel_id`).
async fn put_available(
    client: &Client,
    user_id: &str,
    state_id: &str,
    channel_id: &str,
) -> Result<crate::servicenow::client::Response, ApiError> {
    let body = json!({"presence": {"sys_id": state_id, "channels": [{"sys_id": channel_id, "available": true}]}});
    let path = format!("/api/now/awa/agents/{}", encode_component(user_id));
    client.request(Method::PUT, &path, Some(&body)).await
}

/// What the presence write `change` of an interrupted run left, read now: `Ok(true)` when the
/// agent holds the value after (Available, and available on Chat in that state), `Ok(false)`
/// when the write is still to be made (they hold the value before, or Available without Chat),
/// `Err(name)` when they hold a third presence state (someone else changed it since).
pub async fn journalled(
    client: &Client,
    change: &Change,
) -> Result<Result<bool, String>, ApiError> {
    let by_agent = Query::new().eq("agent", &change.sys_id);
    let chat_rows = by_agent.clone().eq("service_channel.name", CHAT_CHANNEL);
    let (presence, channels) = tokio::join!(
        client.list(
            PRESENCE_TABLE,
            &by_agent,
            &["agent", PRESENCE_FIELD, "current_presence_state.name"]
        ),
        client.list(
            "awa_agent_channel_availability",
            &chat_rows,
            &[
                "agent",
                "service_channel.name",
                "presence_state",
                "available"
            ]
        ),
    );
    let row = presence?
        .into_iter()
        .find(|r| field(r, "agent") == change.sys_id);
    let (name, state_id) = row.as_ref().map_or(("", ""), |r| {
        (
            field(r, "current_presence_state.name"),
            field(r, PRESENCE_FIELD),
        )
    });
    let chat = channels?.iter().any(|r| {
        field(r, "agent") == change.sys_id
            && field(r, "service_channel.name") == CHAT_CHANNEL
            && field(r, "presence_state") == state_id
            && field(r, "available") == "true"
    });
    Ok(if name == change.after && chat {
        Ok(true)
    } else if name == change.before || name == change.after {
        Ok(false)
    } else {
        Err(name.to_string())
    })
}

/// Makes the presence write `change` of an interrupted run now (see [`journalled`]).
pub async fn write_journalled(client: &Client, change: &Change) -> Result<(), Error> {
    let (state, channel) = tokio::join!(
        lookup_id(client, "awa_presence_state", &change.after),
        lookup_id(client, "awa_service_channel", CHAT_CHANNEL),
    );
    put_available(client, &change.sys_id, &state?, &channel?).await?;
    Ok(())
}

/// The sys_id of the record of `table` named `name` (a presence state or service channel).
async fn lookup_id(client: &Client, table: &'static str, name: &str) -> Result<String, Error> {
    let rows = match client
        .list(table, &Query::new().eq("name", name), &["sys_id", "name"])
        .await
    {
        Ok(rows) => rows,
        Err(e) if e.invalid_table().is_some() => return Err(awa_inactive()),
        Err(e) => return Err(e.into()),
    };
    rows.iter()
        .find(|r| field(r, "name") == name)
        .map(|r| field(r, "sys_id").to_string())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::CheckFailed,
                format!("the instance has no {table} record named \"{name}\""),
            )
            .with_hint(
                "create it under Advanced Work Assignment (Presence States / Service Channels)",
            )
        })
}

/// Whether `agent` is a member of a group that holds the `awa_agent` role.
async fn in_awa_group(client: &Client, agent: &str) -> Result<bool, ApiError> {
    let memberships = client
        .list(
            "sys_user_grmember",
            &Query::new().eq("user.user_name", agent),
            &["group", "user.user_name"],
        )
        .await?;
    let groups: Vec<&str> = memberships
        .iter()
        .filter(|r| field(r, "user.user_name") == agent)
        .map(|r| field(r, "group"))
        .filter(|g| !g.is_empty())
        .collect();
    if groups.is_empty() {
        return Ok(false);
    }
    let roles = client
        .list(
            "sys_group_has_role",
            &Query::new()
                .one_of("group", &groups)
                .eq("role.name", "awa_agent"),
            &["group", "role.name"],
        )
        .await?;
    Ok(roles
        .iter()
        .any(|r| field(r, "role.name") == "awa_agent" && groups.contains(&field(r, "group"))))
}

fn not_an_agent(agent: &str) -> Error {
    let quoted = shell_quote(agent);
    Error::new(
        ErrorKind::CheckFailed,
        format!("{agent} is not an AWA agent: they have no presence record and are in no group with the awa_agent role"),
    )
    .with_hint(format!(
        "put them in the AWA group first (step 4): sn-handoff group --fix --agent {quoted}, then sn-handoff agent available --agent {quoted}"
    ))
}

fn awa_inactive() -> Error {
    Error::new(
        ErrorKind::CheckFailed,
        "Advanced Work Assignment is not active on the instance (its AWA Agent API and presence tables come with it)",
    )
    .with_hint("activate the plugins first (step 3): sn-handoff plugins --activate")
}

/// The presence the AWA Agent API answered: `(name, whether Chat is available)`.
fn answered_presence(body: &Value) -> (Option<String>, Option<bool>) {
    let presence = &body["result"]["presence"];
    let name = presence["name"].as_str().map(str::to_string);
    let chat = presence["channels"].as_array().and_then(|channels| {
        channels
            .iter()
            .find(|c| c["name"] == CHAT_CHANNEL)
            .and_then(|c| c["available"].as_bool())
    });
    (name, chat)
}

/// The row of this step.
pub static STEP: Step = Step {
    id: StepId::AgentAvailable,
    phase: Phase::Guide,
    affects: &[StepId::Capacity, StepId::ChatPresence],
    needs_kore: false,
    init_offers: true,
    why: "Chats are routed only to an agent who is Available on the Chat channel.",
    gate: None,
    check: |ctx| Box::pin(check(ctx)),
    fix: Some(|ctx, _| Box::pin(async move { fix(ctx).await.map(|c| summary(&c)).into() })),
    // Read while the group's roles and members are repaired (see `prefetch` for why those
    // repairs leave these reads as they are); after the plugins, which bring AWA's tables.
    prefetch: Some(Prefetch {
        reads: |ctx| Box::pin(prefetch(ctx)),
        despite: &[StepId::GroupRoles, StepId::GroupMembers],
    }),
};

/// How an interrupted run's presence write is read and finished ([`journalled`],
/// [`write_journalled`]).
pub struct PresenceFinisher;

impl crate::journal::Finisher for PresenceFinisher {
    fn table(&self) -> &'static str {
        PRESENCE_TABLE
    }

    fn landed<'a>(
        &'a self,
        client: &'a Client,
        change: &'a Change,
    ) -> crate::journal::Pending<'a, Result<Result<bool, String>, ApiError>> {
        Box::pin(journalled(client, change))
    }

    fn finish<'a>(
        &'a self,
        client: &'a Client,
        change: &'a Change,
    ) -> crate::journal::Pending<'a, Result<(), Error>> {
        Box::pin(write_journalled(client, change))
    }
}

/// The key of the `--agent`'s presence rows, read once a run (see [`super::once`]).
struct SharedPresence;
impl Read for SharedPresence {
    type Value = AgentPresence;
}

/// The key of the "Available" state and the Chat channel, read once a run.
struct SharedAvailable;
impl Read for SharedAvailable {
    type Value = AvailableState;
}

impl Context {
    /// The `--agent`'s AWA presence and Chat availability rows, read once for
    /// `agent_available` and `chat_presence` (empty without `--agent`).
    pub async fn agent_presence(&self) -> AgentPresence {
        let Some(agent) = self.opts.agent.as_deref() else {
            return AgentPresence {
                presence: Ok(Vec::new()),
                chat: Ok(Vec::new()),
            };
        };
        self.reads
            .once::<SharedPresence, _>(|| read_presence(&self.client, agent))
            .await
    }

    /// The "Available" presence state and the Chat channel (`awa_presence_state`,
    /// `awa_service_channel`), read once a step needs them.
    pub async fn available_state(&self) -> AvailableState {
        self.reads
            .once::<SharedAvailable, _>(|| available_state(&self.client))
            .await
    }
}
