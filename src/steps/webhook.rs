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
use super::{shell_quote, CommandLine, Context, Fix, StepId, StepReport};
use crate::error::{Error, ErrorKind};
use crate::journal;
use crate::servicenow::{field, ApiError, Client, Query, Row};
use crate::state::{merge_saved, StateFile};

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
    /// On Virtual Agent API 4.1 and later: its version, and the "Bot Connection".
    pub connection: Option<(Option<String>, Row)>,
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
    Ok(Found {
        messages,
        methods,
        connection: None,
    })
}

/// Reads and judges. On Virtual Agent API 4.1 and later (`sys_store_app.version` of
/// `sn_va_as_service`, the plugins step's shared read) the replies go (mainly) through the
/// outbound configuration's "Bot Connection": it is one more endpoint record, judged with the
/// REST message and its method (ServiceNowDocs `virtual-agent-api-whats-new.md`,
/// `configure-response-endpoint-auth-va-api.md`).
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    // Boxed: the joined reads make a large future, and callers nest it deep.
    let (found, connection) =
        tokio::join!(Box::pin(ctx.webhook()), Box::pin(reply_connection(ctx)));
    let mut found = found?;
    found.connection = connection;
    let expected = ctx.opts.webhook_url.as_deref();
    let report = report(&found, expected);
    Ok(with_source(report, expected, ctx.opts.webhook_url_source))
}

/// Adds to the verdict where the expected URL came from (`details.expected_from`: `flag`,
/// `env` or `profile`) and, for people, the expected URL, its source and what each endpoint
/// holds.
pub fn with_source(
    mut report: StepReport,
    expected: Option<&str>,
    source: Option<&'static str>,
) -> StepReport {
    let (Some(url), Some(source)) = (expected, source) else {
        return report;
    };
    report
        .details
        .insert("expected_from".into(), serde_json::Value::from(source));
    let from = match source {
        "flag" => "--webhook-url",
        "env" => "SN_HANDOFF_WEBHOOK_URL",
        _ => "the profile's webhook_url",
    };
    let held: Vec<String> = report
        .details
        .get("endpoints")
        .and_then(|e| e.as_array())
        .map(|endpoints| {
            endpoints
                .iter()
                .map(|e| {
                    let record = e["record"].as_str().unwrap_or_default();
                    let endpoint = e["endpoint"].as_str().unwrap_or_default();
                    if endpoint == url {
                        format!("\"{record}\" holds it")
                    } else {
                        format!("\"{record}\" holds {endpoint}")
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    if !held.is_empty() {
        report.summary = format!(
            "{}: expected {url} (from {from}); {}",
            report.summary,
            held.join(", ")
        );
    }
    report
}

/// The 4.1+ "Bot Connection" and the version, when the instance replies through one. What
/// cannot be told here (an unreadable or ambiguous configuration) is left to the deep step
/// `reply_url`, which says so.
async fn reply_connection(ctx: &Context) -> Option<(Option<String>, Row)> {
    let (plugins, (configs, connections)) = tokio::join!(ctx.plugins(), ctx.reply_records());
    let app = reply_url::App::from_plugins(plugins.as_deref());
    match reply_url::resolve(&app, configs, connections) {
        Ok(Located::One {
            version,
            connection,
        }) => Some((version, connection)),
        _ => None,
    }
}

/// The verdict.
pub fn report(found: &Found, expected: Option<&str>) -> StepReport {
    if found.messages.is_empty() {
        if let Some((version, connection)) = &found.connection {
            return connection_alone(version.as_deref(), connection, expected);
        }
    }
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
    let mut urls: Vec<(&str, &str)> = vec![
        (name, field(message, "rest_endpoint")),
        (METHOD_NAME, field(method, "rest_endpoint")),
    ];
    if let Some((_, connection)) = &found.connection {
        endpoints.push(connection_endpoint(connection));
        urls.push((
            reply_url::CONNECTION,
            field(connection, reply_url::URL_FIELD),
        ));
    }
    let version = found.connection.as_ref().map(|(v, _)| v.clone());
    let details = json!({"expected": expected, "message": name, "endpoints": endpoints, "va_api_version": version.flatten()});
    judge(&urls, expected, details, set_fix(None).into())
}

/// The connection as an endpoint record of the step's details.
fn connection_endpoint(connection: &Row) -> serde_json::Value {
    json!({"record": reply_url::CONNECTION, "table": reply_url::CONNECTION_TABLE, "sys_id": field(connection, "sys_id"), "endpoint": field(connection, reply_url::URL_FIELD)})
}

/// Virtual Agent API 4.1+ without the REST message: the connection alone posts the replies.
fn connection_alone(version: Option<&str>, connection: &Row, expected: Option<&str>) -> StepReport {
    let urls = [(
        reply_url::CONNECTION,
        field(connection, reply_url::URL_FIELD),
    )];
    let details = json!({"expected": expected, "message": null, "endpoints": [connection_endpoint(connection)], "va_api_version": version});
    let fix = CommandLine::new(format!(
        "set-webhook {}",
        expected.map_or_else(|| "WEBHOOK_URL".to_string(), shell_quote)
    ));
    judge(&urls, expected, details, fix.into())
}

/// Judges the endpoint records (name, URL) against the expected URL, or, without one, against
/// the placeholder and each other: records that point at different URLs have drifted apart.
fn judge(
    urls: &[(&str, &str)],
    expected: Option<&str>,
    details: serde_json::Value,
    fix: Fix,
) -> StepReport {
    let quoted = |names: &[&str]| {
        let names: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        super::and_list(&names.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let all: Vec<&str> = urls.iter().map(|(n, _)| *n).collect();
    let first = urls.first().map_or("", |(_, u)| *u);
    match expected {
        Some(url) if urls.iter().all(|(_, u)| *u == url) => StepReport::pass(
            StepId::Webhook,
            format!("{} point at the webhook URL", quoted(&all)),
            details,
        ),
        Some(url) => {
            let differ: Vec<&str> = urls
                .iter()
                .filter(|(_, u)| *u != url)
                .map(|(n, _)| *n)
                .collect();
            StepReport::fail(
                StepId::Webhook,
                format!(
                    "{} {} not point at the webhook URL",
                    quoted(&differ),
                    if differ.len() == 1 { "does" } else { "do" }
                ),
                details,
                fix,
            )
        }
        None if urls.iter().any(|(_, u)| is_placeholder(u)) => {
            let stale: Vec<&str> = urls
                .iter()
                .filter(|(_, u)| is_placeholder(u))
                .map(|(n, _)| *n)
                .collect();
            StepReport::fail(
                StepId::Webhook,
                format!(
                    "{} still {} ServiceNow's placeholder endpoint",
                    quoted(&stale),
                    if stale.len() == 1 { "holds" } else { "hold" }
                ),
                details,
                fix,
            )
        }
        None if urls.iter().any(|(_, u)| *u != first) => StepReport::fail(
            StepId::Webhook,
            format!(
                "{} point at different URLs (drift): {}",
                quoted(&all),
                urls.iter()
                    .map(|(n, u)| format!("{n} → {u}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            details,
            fix,
        ),
        None => StepReport::warn(
            StepId::Webhook,
            format!(
                "{} point at {first}; pass --webhook-url to check that it is the bot's",
                quoted(&all)
            ),
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
    targets(chosen, connection)
        .into_iter()
        .filter(|t| t.before != url)
        .map(|t| Planned {
            table: t.table,
            field: t.field,
            change: t.change(&t.before, url),
            read_count: t.count,
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
/// Connection" at `url`: reads them all at once, changes only what differs, in the journal
/// first and by the race protocol of [`converge`], and keeps the values it replaced in `state`
/// (per record, the value from before sn-handoff first changed it) so that `--rollback` can
/// restore them. On a failed write it restores what it had changed. Without a REST message
/// under the default names, the connection alone is set when there is one.
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
    let targets = targets(chosen.as_ref(), connection.as_ref());
    journal::plan(client, &outcome.changes);
    let converged = converge(client, &targets, url).await;
    let (changes, notes) = match converged {
        Ok(done) => done,
        Err((err, left)) => {
            // What this run leaves written stays restorable; its journal ends with the run.
            if !left.is_empty() {
                journal::checkpoint(client, state, |st| {
                    st.webhook = Some(merge_saved(st.webhook.take(), left))
                })?;
            }
            return Err(err);
        }
    };
    outcome.notes.extend(notes);
    outcome.changes = changes.clone();
    journal::checkpoint(client, state, |st| {
        if !changes.is_empty() {
            st.webhook = Some(merge_saved(st.webhook.take(), changes));
        }
    })?;
    Ok(outcome)
}

/// One record `set-webhook` points at the URL, as first read.
#[derive(Debug, Clone)]
pub struct Target {
    /// The table (one of [`TABLES`]).
    pub table: &'static str,
    /// The field that holds the URL.
    pub field: &'static str,
    /// The record.
    pub sys_id: String,
    /// What people call it.
    pub record: String,
    /// The value when first read.
    pub before: String,
    /// Its `sys_mod_count` when first read.
    pub count: String,
}

impl Target {
    fn change(&self, before: &str, after: &str) -> Change {
        Change::update(
            self.table,
            &self.sys_id,
            &self.record,
            self.field,
            before,
            after,
        )
    }

    fn label(&self) -> String {
        self.change("", "").label()
    }
}

/// Every record `set-webhook` keeps at the URL, in the fixed order of the race protocol: the
/// REST message (the leader) first, then its method, then the 4.1+ "Bot Connection". A further
/// endpoint joins by being added here; the protocol is the same for any number.
pub fn targets(chosen: Option<&Chosen>, connection: Option<&Row>) -> Vec<Target> {
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
        .map(|(table, column, row, record)| Target {
            table,
            field: column,
            sys_id: field(row, "sys_id").to_string(),
            record: record.to_string(),
            before: field(row, column).to_string(),
            count: field(row, "sys_mod_count").to_string(),
        })
        .collect()
}

/// Rounds of the resolution before giving up, and the pause before the first (growing).
const ROUNDS: u32 = 6;
const SETTLE: std::time::Duration = std::time::Duration::from_millis(150);

/// Points every target at `url` so that, whatever other runs do at the same moment, all the
/// endpoints end with one URL. Returns the changes this run leaves (value before = as first
/// read, for `--rollback`) and notes; an error carries the changes of this run still in place.
///
/// The protocol (two runs on two machines share nothing but the records; ServiceNow has no
/// conditional update, so `sys_mod_count` and re-reads are all there is):
///
/// 1. **Write in a fixed order, leader first.** For each target that differs from `url`: read
///    it again (value and `sys_mod_count`). If it already holds `url`, skip it. If it holds
///    neither the value first read nor `url`, someone else is writing: go to 3. Otherwise PATCH
///    it (journalled first). If the count the PATCH leaves is more than the count read plus
///    this run's own sends (a PATCH sent again after a lost answer counts twice), another
///    write landed at the same moment: go to 3.
/// 2. **Read back** every target. All at `url`: done (exit 0). Otherwise go to 3.
/// 3. **Resolve: the leader decides.** Every run writes the leader first, so its value is the
///    URL of the run that wrote it last, and every run reads the same answer. Pause (150 ms,
///    growing), read all targets; then
///    - all hold the leader's value: if that is `url`, this run's URL stands everywhere (exit 0,
///      with a note of what it found); if not, another run's stands everywhere and this run
///      says so and ends with exit 5 (its URL is nowhere);
///    - the leader holds `url`: this run is the later writer, it writes `url` into each target
///      that differs (overwriting the other run's half), and goes round again;
///    - the leader holds another value W: this run backs off: it writes W into each target that
///      still holds this run's `url` (never touching a third value, which is the leader's
///      writer's to fix), and goes round again.
///
///    Only the leader's last writer ever writes its own URL in step 3, and the runs that lost
///    write only the leader's value, so the rounds converge; after [`ROUNDS`] rounds without
///    agreement the run stops with exit 5 and lists what each endpoint holds.
async fn converge(
    client: &Client,
    targets: &[Target],
    url: &str,
) -> Result<(Vec<Change>, Vec<String>), (Error, Vec<Change>)> {
    let mut tx = Transaction::new(client);
    let mut contested: Option<String> = None;
    for t in targets.iter().filter(|t| t.before != url) {
        let now = match client
            .get(t.table, &t.sys_id, &[t.field, "sys_mod_count"])
            .await
        {
            Ok(Some(row)) => row,
            Ok(None) => {
                let why = format!("{} was deleted since it was read", t.label());
                let err = tx.abort(&why, ErrorKind::WriteFailed).await;
                return Err((err, tx.left_changed().to_vec()));
            }
            Err(e) => {
                let err = tx.fail(&t.change(&t.before, url), e).await;
                return Err((err, tx.left_changed().to_vec()));
            }
        };
        let value = field(&now, t.field);
        if value == url {
            continue;
        }
        if value != t.before {
            contested = Some(format!(
                "{} held \"{value}\" when it was about to be written (it held \"{}\" when first read)",
                t.label(),
                t.before
            ));
            break;
        }
        let read_count = field(&now, "sys_mod_count").to_string();
        match tx
            .write(
                t.table,
                t.field,
                &t.change(&t.before, url),
                Some(&read_count),
            )
            .await
        {
            Ok(w) if w.alone => {}
            Ok(w) => {
                contested = Some(format!(
                    "{} was also written by someone else at the same moment (sys_mod_count {read_count} → {})",
                    t.label(),
                    w.count.unwrap_or_default()
                ));
                break;
            }
            Err(e) => {
                let err = tx.fail(&t.change(&t.before, url), e).await;
                return Err((err, tx.left_changed().to_vec()));
            }
        }
    }
    let ours: Vec<Change> = targets
        .iter()
        .filter(|t| t.before != url)
        .map(|t| t.change(&t.before, url))
        .collect();
    if contested.is_none() {
        match read_all(client, targets).await {
            Ok(values) if values.iter().all(|v| v.as_deref() == Some(url)) => {
                let _ = tx.commit();
                return Ok((ours, Vec::new()));
            }
            Ok(values) => {
                let differ: Vec<String> = targets
                    .iter()
                    .zip(&values)
                    .filter(|(_, v)| v.as_deref() != Some(url))
                    .map(|(t, v)| describe(t, v.as_deref()))
                    .collect();
                contested = Some(format!("reading back, {}", differ.join("; ")));
            }
            Err(e) => {
                let err = Error::new(
                    ErrorKind::WriteFailed,
                    format!(
                        "the writes were accepted, but they could not be read back ({e}); the endpoints should hold {url}"
                    ),
                );
                return Err((err, ours));
            }
        }
    }
    let _ = tx.commit();
    let found = contested.unwrap_or_default();
    resolve(client, targets, url, ours, found).await
}

fn describe(t: &Target, value: Option<&str>) -> String {
    match value {
        Some(v) => format!("{} holds \"{v}\"", t.label()),
        None => format!("{} is gone", t.label()),
    }
}

/// The current value of each target (`None` for a record that is gone), read at once.
async fn read_all(client: &Client, targets: &[Target]) -> Result<Vec<Option<String>>, ApiError> {
    let reads = targets
        .iter()
        .map(|t| async move { client.get(t.table, &t.sys_id, &[t.field]).await });
    futures_util::future::join_all(reads)
        .await
        .into_iter()
        .zip(targets)
        .map(|(r, t)| r.map(|row| row.map(|row| field(&row, t.field).to_string())))
        .collect()
}

/// Step 3 of the protocol of [`converge`].
async fn resolve(
    client: &Client,
    targets: &[Target],
    url: &str,
    ours: Vec<Change>,
    found: String,
) -> Result<(Vec<Change>, Vec<String>), (Error, Vec<Change>)> {
    let mut notes = vec![format!("another change was made at the same time: {found}")];
    let mut tx = Transaction::new(client);
    let unreadable = |e: ApiError, ours: Vec<Change>| {
        (
            Error::new(
                ErrorKind::WriteFailed,
                format!("{found}; the endpoints could not be read again to settle it ({e}), so they may not agree: run `sn-handoff check`"),
            ),
            ours,
        )
    };
    for round in 0..ROUNDS {
        tokio::time::sleep(SETTLE * (round + 1)).await;
        let values = match read_all(client, targets).await {
            Ok(v) => v,
            Err(e) => return Err(unreadable(e, ours)),
        };
        let leader = values.first().cloned().flatten().unwrap_or_default();
        if values.iter().all(|v| v.as_deref() == Some(leader.as_str())) {
            if leader == url {
                notes.push(format!(
                    "this run wrote the leader ({}) last, so its URL stands: every endpoint holds {url}",
                    targets[0].label()
                ));
                return Ok((ours, notes));
            }
            return Err((
                Error::new(
                    ErrorKind::WriteFailed,
                    format!(
                        "{found}. Another run (or person) wrote {} after this one, so its URL stands: every endpoint now holds \"{leader}\", and {url} is nowhere. Nothing of this run is left",
                        targets[0].label()
                    ),
                )
                .with_hint(format!(
                    "if {url} is the right one, run `sn-handoff set-webhook {url}` again once the other run is over"
                )),
                Vec::new(),
            ));
        }
        let (want, only_from): (&str, Option<&str>) = if leader == url {
            (url, None)
        } else {
            (leader.as_str(), Some(url))
        };
        for (t, v) in targets.iter().zip(&values) {
            let Some(v) = v else { continue };
            if v == want || only_from.is_some_and(|from| v != from) {
                continue;
            }
            if let Err(e) = tx.write(t.table, t.field, &t.change(v, want), None).await {
                let err = tx.fail(&t.change(v, want), e).await;
                return Err((err, Vec::new()));
            }
        }
    }
    let values = read_all(client, targets).await.unwrap_or_default();
    let now: Vec<String> = targets
        .iter()
        .zip(
            values
                .iter()
                .map(Option::as_deref)
                .chain(std::iter::repeat(None)),
        )
        .map(|(t, v)| describe(t, v))
        .collect();
    Err((
        Error::new(
            ErrorKind::WriteFailed,
            format!(
                "{found}; after {ROUNDS} rounds the endpoints still do not agree: {}",
                now.join("; ")
            ),
        )
        .with_hint("another run may still be writing: run `sn-handoff check` once it is over"),
        ours,
    ))
}

/// Restores the values kept for `--rollback` (the values from before sn-handoff first changed
/// each record), only where they differ now; running it twice writes nothing the second time.
/// A record that now holds neither the saved value before nor the value sn-handoff left there
/// was changed by someone else since: nothing is restored (exit 5) unless `force`.
pub async fn rollback(
    client: &Client,
    state: &StateFile,
    dry_run: bool,
    force: bool,
) -> Result<Outcome, Error> {
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
    let mut theirs = Vec::new();
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
            let what = format!(
                "{} holds \"{current}\", which set-webhook neither wrote (\"{}\") nor found there (\"{}\")",
                saved_change.label(),
                saved_change.after,
                saved_change.before
            );
            if force {
                outcome
                    .notes
                    .push(format!("{what}; --force restores it all the same"));
            } else {
                theirs.push(what);
            }
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
    if !theirs.is_empty() {
        return Err(Error::new(
            ErrorKind::WriteFailed,
            format!(
                "someone else changed the webhook since set-webhook did: {}. Nothing was restored",
                theirs.join("; ")
            ),
        )
        .with_hint("to restore the saved values over it all the same: sn-handoff set-webhook --rollback --force"));
    }
    outcome.changes = planned.iter().map(|p| p.change.clone()).collect();
    if dry_run || planned.is_empty() {
        return Ok(outcome);
    }
    journal::plan(client, &outcome.changes);
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
