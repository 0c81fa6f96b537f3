//! Step 5: the "VABot to Bot" REST message and its `postMessage` method point at the Kore.ai
//! webhook URL. The message's name differs between sources (the Kore.ai guide says
//! `VABot to Bot`, ServiceNow's documentation `VA Bot to Bot`), so both are looked for; two
//! matches are ambiguous. `sys_rest_message_fn` has no `name` or `endpoint` column (a query on
//! them would silently match every row): the method is `function_name`, its URL
//! `rest_endpoint`. The message and its methods are read at once.
//!
//! `set-webhook` also points the Virtual Agent API 4.1+ "Bot Connection" at the URL when the
//! instance has one (`deep::reply_url` finds it): from 4.1 the replies go through it, and the
//! REST message, when still there, is set as well.

use serde_json::json;

use super::change::{summary, Change, Transaction};
use super::deep::reply_url::{self, Located};
use super::engine::{Phase, Repair, Repairing, Step};
use super::{shell_quote, CommandLine, Context, StepId, StepReport};
use crate::error::{Error, ErrorKind};
use crate::servicenow::{field, ApiError, Client, Query, Row};
use crate::state::{SavedWebhook, StateFile};

/// The names the REST message ships under.
pub const MESSAGE_NAMES: [&str; 2] = ["VABot to Bot", "VA Bot to Bot"];
/// The HTTP method of the message that posts replies to the bot.
pub const METHOD_NAME: &str = "postMessage";

/// The path of ServiceNow's example endpoint ("Configure output response REST endpoint":
/// `http://<customer instance>/demo/rest/service/nowbot/processResponse`), which is what an
/// unconfigured message holds.
pub const PLACEHOLDER_PATH: &str = "/demo/rest/service/nowbot/processResponse";

/// Whether an endpoint is still unset or ServiceNow's example.
pub fn is_placeholder(endpoint: &str) -> bool {
    let e = endpoint.trim();
    e.is_empty() || e.contains('<') || e.contains('>') || e.ends_with(PLACEHOLDER_PATH)
}

/// Checks that `url` is an absolute `https://` URL without credentials, fragment or spaces.
pub fn validate_webhook_url(url: &str) -> Result<String, String> {
    if url.trim() != url || url.chars().any(char::is_whitespace) {
        return Err(format!("webhook URL `{url}` contains white space"));
    }
    let parsed =
        url::Url::parse(url).map_err(|e| format!("webhook URL `{url}` is not a URL: {e}"))?;
    if parsed.scheme() != "https" {
        return Err(format!("webhook URL `{url}` must start with https://"));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(format!("webhook URL `{url}` has no host"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(format!(
            "webhook URL `{url}` must not hold a user name or password"
        ));
    }
    if parsed.fragment().is_some() {
        return Err(format!("webhook URL `{url}` must not have a #fragment"));
    }
    Ok(url.to_string())
}

/// The message and its postMessage method as found.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Messages named as the guide or the docs say.
    pub messages: Vec<Row>,
    /// Their postMessage methods.
    pub methods: Vec<Row>,
}

impl Found {
    /// The URL of the one REST message found (none when there is none, or more than one).
    pub fn message_endpoint(&self) -> Option<&str> {
        match self.messages.as_slice() {
            [one] => Some(field(one, "rest_endpoint")),
            _ => None,
        }
    }
}

/// Reads the messages and their postMessage methods (two queries, at once).
pub async fn read(ctx: &Context) -> Result<Found, ApiError> {
    read_selected(&ctx.client, &Selector::default()).await
}

/// Which REST message and method to look at: by default the message under either name it
/// ships with and its `postMessage` method; `set-webhook --message/--method/--sys-id` narrow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    /// Message names to look for.
    pub names: Vec<String>,
    /// The method's `function_name`.
    pub method: String,
    /// The message's sys_id, when one was picked.
    pub sys_id: Option<String>,
}

impl Default for Selector {
    fn default() -> Self {
        Selector {
            names: MESSAGE_NAMES.iter().map(|n| n.to_string()).collect(),
            method: METHOD_NAME.to_string(),
            sys_id: None,
        }
    }
}

impl Selector {
    fn is_default_names(&self) -> bool {
        self.names.iter().map(String::as_str).eq(MESSAGE_NAMES)
    }

    /// `--sys-id` alone picks the record whatever its name; with `--message` both must match.
    fn filters_names(&self) -> bool {
        self.sys_id.is_none() || !self.is_default_names()
    }

    fn message_query(&self, field_name: &'static str, id_field: &'static str) -> Query {
        let query = match &self.sys_id {
            Some(id) => Query::new().eq(id_field, id),
            None => Query::new(),
        };
        if !self.filters_names() {
            query
        } else if self.is_default_names() {
            query.in_list(field_name, &MESSAGE_NAMES)
        } else {
            let names: Vec<&str> = self.names.iter().map(String::as_str).collect();
            query.one_of(field_name, &names)
        }
    }
}

/// Reads the messages and methods `sel` names (two queries, at once), keeping only exact
/// matches.
pub async fn read_selected(client: &Client, sel: &Selector) -> Result<Found, ApiError> {
    let messages_query = sel.message_query("name", "sys_id");
    let methods_query = sel
        .message_query("rest_message.name", "rest_message")
        .eq("function_name", &sel.method);
    let (messages, methods) = tokio::join!(
        client.list(
            "sys_rest_message",
            &messages_query,
            &["sys_id", "name", "rest_endpoint", "sys_mod_count"]
        ),
        client.list(
            "sys_rest_message_fn",
            &methods_query,
            &[
                "sys_id",
                "function_name",
                "http_method",
                "rest_endpoint",
                "rest_message",
                "rest_message.name",
                "sys_mod_count"
            ]
        ),
    );
    let wanted = |name: &str| !sel.filters_names() || sel.names.iter().any(|n| n == name);
    let messages: Vec<Row> = messages?
        .into_iter()
        .filter(|r| wanted(field(r, "name")))
        .filter(|r| {
            sel.sys_id
                .as_deref()
                .is_none_or(|id| field(r, "sys_id") == id)
        })
        .collect();
    let methods: Vec<Row> = methods?
        .into_iter()
        .filter(|r| field(r, "function_name") == sel.method)
        .collect();
    Ok(Found { messages, methods })
}

/// Reads and judges.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    Ok(report(
        &ctx.webhook().await?,
        ctx.opts.webhook_url.as_deref(),
    ))
}

/// The verdict.
pub fn report(found: &Found, expected: Option<&str>) -> StepReport {
    let set_fix = |sys_id: Option<&str>| {
        let url = expected.map_or_else(|| "WEBHOOK_URL".to_string(), shell_quote);
        match sys_id {
            Some(id) => CommandLine::new(format!("set-webhook {url} --sys-id {id}")),
            None => CommandLine::new(format!("set-webhook {url}")),
        }
    };
    let message = match found.messages.as_slice() {
        [] => {
            return StepReport::fail(
                StepId::Webhook,
                "there is no REST message named \"VABot to Bot\" or \"VA Bot to Bot\"",
                json!({"expected": expected, "endpoints": []}),
                "install the Virtual Agent API application, which ships it: sn-handoff plugins --activate",
            )
        }
        [one] => one,
        many => {
            let ids: Vec<&str> = many.iter().map(|r| field(r, "sys_id")).collect();
            return StepReport::fail(
                StepId::Webhook,
                format!("{} REST messages are named \"{}\": sys_ids {}", many.len(), field(&many[0], "name"), ids.join(", ")),
                json!({"expected": expected, "endpoints": [], "sys_ids": ids}),
                set_fix(Some(ids[0])),
            );
        }
    };
    let name = field(message, "name");
    let message_id = field(message, "sys_id");
    let methods: Vec<&Row> = found
        .methods
        .iter()
        .filter(|m| field(m, "rest_message") == message_id)
        .collect();
    let mut endpoints = vec![
        json!({"record": name, "table": "sys_rest_message", "sys_id": message_id, "endpoint": field(message, "rest_endpoint")}),
    ];
    let Some(method) = methods.first() else {
        return StepReport::fail(
            StepId::Webhook,
            format!("the REST message \"{name}\" has no {METHOD_NAME} method"),
            json!({"expected": expected, "message": name, "endpoints": endpoints}),
            format!("add an HTTP method {METHOD_NAME} (POST) to it: System Web Services → Outbound → REST Message → {name}"),
        );
    };
    endpoints.push(json!({"record": METHOD_NAME, "table": "sys_rest_message_fn", "sys_id": field(method, "sys_id"), "endpoint": field(method, "rest_endpoint")}));
    let message_url = field(message, "rest_endpoint");
    let method_url = field(method, "rest_endpoint");
    let details = json!({"expected": expected, "message": name, "endpoints": endpoints});
    match expected {
        Some(url) if message_url == url && method_url == url => StepReport::pass(
            StepId::Webhook,
            format!("\"{name}\" and {METHOD_NAME} point at the webhook URL"),
            details,
        ),
        Some(_) => {
            let differ: Vec<&str> = [(name, message_url), (METHOD_NAME, method_url)]
                .iter()
                .filter(|(_, u)| Some(*u) != expected)
                .map(|(n, _)| *n)
                .collect();
            StepReport::fail(
                StepId::Webhook,
                format!("{} {} not point at the webhook URL", differ.iter().map(|d| format!("\"{d}\"")).collect::<Vec<_>>().join(" and "), if differ.len() == 1 { "does" } else { "do" }),
                details,
                set_fix(None),
            )
        }
        None if is_placeholder(message_url) || is_placeholder(method_url) => StepReport::fail(
            StepId::Webhook,
            format!("\"{name}\" still holds ServiceNow's placeholder endpoint"),
            details,
            set_fix(None),
        ),
        None if message_url != method_url => StepReport::fail(
            StepId::Webhook,
            format!("\"{name}\" and {METHOD_NAME} point at different URLs"),
            details,
            set_fix(None),
        ),
        None => StepReport::warn(
            StepId::Webhook,
            format!("\"{name}\" and {METHOD_NAME} point at {message_url}; pass --webhook-url to check that it is the bot's"),
            details,
        ),
    }
}

/// The field the REST message and its method keep the URL in.
pub const ENDPOINT_FIELD: &str = "rest_endpoint";
/// The tables `set-webhook` writes; a saved change that names another table is refused.
pub const TABLES: [&str; 3] = [
    "sys_rest_message",
    "sys_rest_message_fn",
    reply_url::CONNECTION_TABLE,
];

/// The field a table of [`TABLES`] keeps the URL in.
pub fn endpoint_field(table: &str) -> Option<&'static str> {
    match table {
        "sys_rest_message" | "sys_rest_message_fn" => Some(ENDPOINT_FIELD),
        reply_url::CONNECTION_TABLE => Some(reply_url::URL_FIELD),
        _ => None,
    }
}

/// The one message and the one method `set-webhook` works on.
#[derive(Debug, Clone)]
pub struct Chosen {
    /// The `sys_rest_message` row.
    pub message: Row,
    /// Its method's `sys_rest_message_fn` row.
    pub method: Row,
}

/// Finds exactly one message and one method, or says why not: none is exit 1 (2 when the
/// user named it), two or more are ambiguous (exit 2, listing their sys_ids).
pub async fn choose(client: &Client, sel: &Selector) -> Result<Chosen, Error> {
    decide(read_selected(client, sel).await?, sel)
}

/// [`choose`] on what was read.
fn decide(found: Found, sel: &Selector) -> Result<Chosen, Error> {
    let message = match found.messages.as_slice() {
        [] => return Err(missing_message(sel)),
        [one] => one.clone(),
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|r| {
                    format!(
                        "{} (\"{}\", endpoint {})",
                        field(r, "sys_id"),
                        field(r, "name"),
                        field(r, ENDPOINT_FIELD)
                    )
                })
                .collect();
            return Err(Error::usage(format!(
                "{} REST messages match, so which one to change is ambiguous: {}",
                many.len(),
                list.join(", ")
            ))
            .with_hint(format!(
                "pick one with --sys-id, e.g. --sys-id {}",
                field(&many[0], "sys_id")
            )));
        }
    };
    let id = field(&message, "sys_id");
    let name = field(&message, "name");
    let methods: Vec<&Row> = found
        .methods
        .iter()
        .filter(|m| field(m, "rest_message") == id)
        .collect();
    let method = match methods.as_slice() {
        [] => {
            return Err(Error::new(
                ErrorKind::CheckFailed,
                format!("the REST message \"{name}\" ({id}) has no {} method", sel.method),
            )
            .with_hint(format!(
                "add an HTTP method {} (POST) to it: System Web Services → Outbound → REST Message → {name}",
                sel.method
            )))
        }
        [one] => (*one).clone(),
        many => {
            let ids: Vec<&str> = many.iter().map(|r| field(r, "sys_id")).collect();
            return Err(Error::usage(format!(
                "the REST message \"{name}\" has {} methods named {}: sys_ids {}",
                many.len(),
                sel.method,
                ids.join(", ")
            ))
            .with_hint(format!(
                "delete or rename the extra ones (System Web Services → Outbound → REST Message → {name})"
            )));
        }
    };
    Ok(Chosen { message, method })
}

fn missing_message(sel: &Selector) -> Error {
    if let Some(id) = &sel.sys_id {
        return Error::usage(format!(
            "no REST message has sys_id {id}{}",
            if sel.is_default_names() {
                String::new()
            } else {
                format!(" and the name \"{}\"", sel.names.join("\" or \""))
            }
        ));
    }
    if !sel.is_default_names() {
        return Error::usage(format!(
            "there is no REST message named \"{}\"",
            sel.names.join("\" or \"")
        ))
        .with_hint("check the name under System Web Services → Outbound → REST Message");
    }
    Error::new(
        ErrorKind::CheckFailed,
        "there is no REST message named \"VABot to Bot\" or \"VA Bot to Bot\"",
    )
    .with_hint(
        "install the Virtual Agent API application, which ships it: sn-handoff plugins --activate",
    )
}

/// One write `set-webhook` means to make, with the `sys_mod_count` the record had when read.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The table (one of [`TABLES`]).
    pub table: &'static str,
    /// The field written (the table's [`endpoint_field`]).
    pub field: &'static str,
    /// What changes.
    pub change: Change,
    /// `sys_mod_count` when read.
    pub read_count: String,
}

/// The writes that point the message, its method and the 4.1+ connection (those there are)
/// at `url`: only the fields that differ.
pub fn plan(chosen: Option<&Chosen>, connection: Option<&Row>, url: &str) -> Vec<Planned> {
    let mut records: Vec<(&'static str, &'static str, &Row, &str)> = Vec::new();
    if let Some(chosen) = chosen {
        records.push((
            "sys_rest_message",
            ENDPOINT_FIELD,
            &chosen.message,
            field(&chosen.message, "name"),
        ));
        records.push((
            "sys_rest_message_fn",
            ENDPOINT_FIELD,
            &chosen.method,
            field(&chosen.method, "function_name"),
        ));
    }
    if let Some(row) = connection {
        records.push((
            reply_url::CONNECTION_TABLE,
            reply_url::URL_FIELD,
            row,
            reply_url::CONNECTION,
        ));
    }
    records
        .into_iter()
        .filter(|(_, column, row, _)| field(row, column) != url)
        .map(|(table, column, row, record)| Planned {
            table,
            field: column,
            change: Change::update(
                table,
                field(row, "sys_id"),
                record,
                column,
                field(row, column),
                url,
            ),
            read_count: field(row, "sys_mod_count").to_string(),
        })
        .collect()
}

/// What `set-webhook` (or its rollback) did or, with `--dry-run`, would do.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The message found, e.g. `"VABot to Bot" (sys_id …)`.
    pub found: String,
    /// The changes written (or planned, with `dry_run`).
    pub changes: Vec<Change>,
    /// Whether nothing was written on purpose.
    pub dry_run: bool,
    /// Things the user should know (a value someone else changed since, …).
    pub notes: Vec<String>,
}

impl Outcome {
    /// Whether something was written.
    pub fn changed(&self) -> bool {
        !self.dry_run && !self.changes.is_empty()
    }

    /// The JSON of SPEC.md: `{"changed", "dry_run", "changes": [{"table", "sys_id", "record",
    /// "field", "before", "after"}]}`.
    pub fn to_json(&self) -> serde_json::Value {
        json!({"changed": self.changed(), "dry_run": self.dry_run, "changes": self.changes})
    }
}

/// Points the message, its method and (on Virtual Agent API 4.1 and later) the "Bot
/// Connection" at `url`: reads them all at once, changes only what differs (re-reading each
/// record right before its write and leaving it alone if someone else changed it), reads back
/// to verify, and keeps the previous values in `state` first so that `--rollback` can restore
/// them. On a failed write it restores what it had changed. Without a REST message under the
/// default names, the connection alone is set when there is one.
pub async fn fix(
    client: &Client,
    sel: &Selector,
    url: &str,
    dry_run: bool,
    state: Option<&StateFile>,
) -> Result<Outcome, Error> {
    let (found, located) = tokio::join!(read_selected(client, sel), reply_url::locate(client));
    let found = found?;
    let mut notes = Vec::new();
    let connection = match located {
        Ok(Located::One { connection, .. }) => Some(connection),
        Ok(Located::NotInstalled | Located::NotUsed(_)) => None,
        Ok(Located::Unsure(what)) => {
            notes.push(format!("the reply connection of Virtual Agent API 4.1+ was left alone: {what}; set it by hand at {}", reply_url::UI_PATH));
            None
        }
        Ok(Located::Ambiguous(ids)) => {
            notes.push(format!("the reply connection of Virtual Agent API 4.1+ was left alone: {} \"{}\" records could be it ({})", ids.len(), reply_url::CONNECTION, ids.join(", ")));
            None
        }
        Err(e) => {
            notes.push(format!("the reply connection of Virtual Agent API 4.1+ was left alone: it could not be read ({e})"));
            None
        }
    };
    let no_message = found.messages.is_empty() && *sel == Selector::default();
    let chosen = match decide(found, sel) {
        Ok(chosen) => Some(chosen),
        Err(_) if no_message && connection.is_some() => {
            notes.push(format!("there is no REST message \"VABot to Bot\" or \"VA Bot to Bot\"; from Virtual Agent API 4.1 the \"{}\" posts the replies, so it is set alone", reply_url::CONNECTION));
            None
        }
        Err(e) => return Err(e),
    };
    let mut parts = Vec::new();
    if let Some(chosen) = &chosen {
        parts.push(format!(
            "\"{}\" ({}) and its {} method ({})",
            field(&chosen.message, "name"),
            field(&chosen.message, "sys_id"),
            field(&chosen.method, "function_name"),
            field(&chosen.method, "sys_id")
        ));
    }
    if let Some(row) = &connection {
        parts.push(format!(
            "the REST connection \"{}\" ({})",
            reply_url::CONNECTION,
            field(row, "sys_id")
        ));
    }
    let planned = plan(chosen.as_ref(), connection.as_ref(), url);
    let mut outcome = Outcome {
        found: parts.join(", and "),
        changes: planned.iter().map(|p| p.change.clone()).collect(),
        dry_run,
        notes,
    };
    if dry_run || planned.is_empty() {
        return Ok(outcome);
    }
    // Remember the values being replaced before touching anything; if nothing ends up
    // changed, the earlier saved values are put back.
    let previous = match state {
        Some(file) => {
            let previous = file.load()?;
            let mut next = previous.clone();
            next.webhook = Some(SavedWebhook {
                saved_at: unix_now(),
                changes: outcome.changes.clone(),
            });
            file.save(&next)?;
            Some((file, previous))
        }
        None => None,
    };
    match write_all(client, &planned).await {
        Ok(changes) => outcome.changes = changes,
        Err((err, left_changed)) => {
            if let (false, Some((file, previous))) = (left_changed, previous) {
                let _ = file.save(&previous);
            }
            return Err(err);
        }
    }
    Ok(outcome)
}

/// Restores the values the last `set-webhook` replaced (kept in `state`), only where they
/// differ now; running it twice writes nothing the second time.
pub async fn rollback(client: &Client, state: &StateFile, dry_run: bool) -> Result<Outcome, Error> {
    let saved = state.load()?.webhook.ok_or_else(|| {
        Error::usage(format!(
            "nothing to roll back: set-webhook has saved no previous values for this instance ({})",
            state.path().display()
        ))
    })?;
    let mut outcome = Outcome {
        found: format!("the values saved in {}", state.path().display()),
        dry_run,
        ..Outcome::default()
    };
    let mut planned = Vec::new();
    for saved_change in saved.changes.iter().rev() {
        let Some(table) = TABLES.iter().copied().find(|t| *t == saved_change.table) else {
            return Err(Error::usage(format!(
                "the state file {} names table {:?}, which set-webhook never writes; move it away",
                state.path().display(),
                saved_change.table
            )));
        };
        let column = endpoint_field(table).unwrap_or(ENDPOINT_FIELD);
        if saved_change.field != column {
            return Err(Error::usage(format!(
                "the state file {} names field {:?}, which set-webhook never writes; move it away",
                state.path().display(),
                saved_change.field
            )));
        }
        let Some(now) = client
            .get(table, &saved_change.sys_id, &[column, "sys_mod_count"])
            .await?
        else {
            return Err(Error::new(
                ErrorKind::CheckFailed,
                format!(
                    "cannot restore {}: the record no longer exists",
                    saved_change.label()
                ),
            ));
        };
        let current = field(&now, column);
        if current == saved_change.before {
            continue;
        }
        if current != saved_change.after {
            outcome.notes.push(format!(
                "{} holds \"{current}\", not \"{}\" as set-webhook left it; it is restored to the saved value all the same",
                saved_change.label(),
                saved_change.after
            ));
        }
        planned.push(Planned {
            table,
            field: column,
            change: Change::update(
                table,
                &saved_change.sys_id,
                &saved_change.record,
                column,
                current,
                &saved_change.before,
            ),
            read_count: field(&now, "sys_mod_count").to_string(),
        });
    }
    outcome.changes = planned.iter().map(|p| p.change.clone()).collect();
    if dry_run || planned.is_empty() {
        return Ok(outcome);
    }
    outcome.changes = write_all(client, &planned).await.map_err(|(e, _)| e)?;
    Ok(outcome)
}

/// Makes the planned writes as one transaction and reads them back. The error says whether
/// anything is left changed.
async fn write_all(client: &Client, planned: &[Planned]) -> Result<Vec<Change>, (Error, bool)> {
    let mut tx = Transaction::new(client);
    for p in planned {
        let c = &p.change;
        if let Err(e) = tx
            .update(
                p.table,
                p.field,
                &c.sys_id,
                &c.record,
                &c.before,
                &c.after,
                Some(&p.read_count),
            )
            .await
        {
            let left = !tx.left_changed().is_empty();
            return Err((e, left));
        }
    }
    let changes = tx.commit();
    verify(client, planned).await.map_err(|e| (e, true))?;
    Ok(changes)
}

/// Reads every written field back (at once) and compares it with what was written.
async fn verify(client: &Client, planned: &[Planned]) -> Result<(), Error> {
    let reads = planned.iter().map(|p| async move {
        let row = client.get(p.table, &p.change.sys_id, &[p.field]).await;
        (p, row)
    });
    let mut wrong = Vec::new();
    for (p, row) in futures_util::future::join_all(reads).await {
        match row {
            Ok(Some(row)) if field(&row, p.field) == p.change.after => {}
            Ok(Some(row)) => wrong.push(format!(
                "{} holds \"{}\"",
                p.change.label(),
                field(&row, p.field)
            )),
            Ok(None) => wrong.push(format!("{} is gone", p.change.label())),
            Err(e) => wrong.push(format!("{} could not be read back: {e}", p.change.label())),
        }
    }
    if wrong.is_empty() {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::WriteFailed,
        format!(
            "the writes were accepted, but reading them back shows otherwise: {} (a business rule may rewrite the field)",
            wrong.join("; ")
        ),
    )
    .with_hint("look at the records' history; `sn-handoff set-webhook --rollback` restores the saved values"))
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The row of this step.
pub static STEP: Step = Step {
    id: StepId::Webhook,
    phase: Phase::Guide,
    why: "ServiceNow posts the agent's replies to this URL; until it is the bot's webhook, the bot never hears them.",
    gate: None,
    check: |ctx| Box::pin(check(ctx)),
    fix: Some(|ctx, env| Box::pin(repair(ctx, env))),
};

/// Points the message (and the 4.1+ reply connection) at `--webhook-url`: the repair of this
/// step and of `reply_url`.
pub async fn repair(ctx: &Context, env: &Repairing<'_>) -> Repair {
    let Some(url) = ctx.opts.webhook_url.as_deref() else {
        return Repair::Needs(
            "give the bot's URL with --webhook-url URL (or run sn-handoff set-webhook URL)".into(),
        );
    };
    fix(&ctx.client, &Selector::default(), url, false, env.state)
        .await
        .map(|o| summary(&o.changes))
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert!(is_placeholder(""));
        assert!(is_placeholder(
            "http://<customer instance>/demo/rest/service/nowbot/processResponse"
        ));
        assert!(is_placeholder(
            "https://x.example/demo/rest/service/nowbot/processResponse"
        ));
        assert!(!is_placeholder(
            "https://bots.kore.ai/chatbot/v2/webhook/st-1"
        ));
    }

    #[test]
    fn webhook_urls() {
        assert!(validate_webhook_url("https://bots.kore.ai/chatbot/v2/webhook/st-1").is_ok());
        for bad in [
            "http://bots.kore.ai/x",
            "bots.kore.ai/x",
            "https://user:pw@bots.kore.ai/x",
            "https://bots.kore.ai/x#frag",
            "https://bots.kore.ai/a b",
            " https://bots.kore.ai/x",
            "ftp://bots.kore.ai/x",
            "",
        ] {
            assert!(validate_webhook_url(bad).is_err(), "{bad}");
        }
    }
}
