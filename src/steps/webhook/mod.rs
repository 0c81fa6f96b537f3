//! Step 5: the "VABot to Bot" REST message and its `postMessage` method point at the Kore.ai
//! webhook URL. The message's name differs between sources (the Kore.ai guide says
//! `VABot to Bot`, ServiceNow's documentation `VA Bot to Bot`), so both are looked for; two
//! matches are ambiguous. `sys_rest_message_fn` has no `name` or `endpoint` column (a query on
//! them would silently match every row): the method is `function_name`, its URL
//! `rest_endpoint`. The message and its methods are read at once.
//!
//! `set-webhook` also points the Virtual Agent API 4.1+ "Bot Connection" at the URL when the
//! instance has one (`deep::reply_connection` finds it): from 4.1 the replies go through it, and the
//! REST message, when still there, is set as well.

use serde_json::json;

use super::change::{summary, Change, Transaction, Update};
use super::deep::reply_connection::{self, Located};
use super::once::Read;
use super::row::{Phase, Repair, Repairing, Step};
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

/// Whether an endpoint is still unset or a placeholder: ServiceNow's example, or a URL on the
/// instance's own loopback (a new instance's "VABot to Bot" may hold
/// `https://localhost/api/botwebhook`; a cloud instance cannot reach a bot there).
pub fn is_placeholder(endpoint: &str) -> bool {
    let e = endpoint.trim();
    e.is_empty()
        || e.contains('<')
        || e.contains('>')
        || e.ends_with(PLACEHOLDER_PATH)
        || url::Url::parse(e).is_ok_and(|u| match u.host() {
            Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        })
}

pub use crate::settings::validate_webhook_url;

/// The message and its postMessage method as found.
#[derive(Debug, Clone, Default)]
pub struct WebhookFound {
    /// Messages named as the guide or the docs say.
    pub messages: Vec<Row>,
    /// Their postMessage methods.
    pub methods: Vec<Row>,
    /// On Virtual Agent API 4.1 and later: its version, and the "Bot Connection".
    pub connection: Option<(Option<String>, Row)>,
}

impl WebhookFound {
    /// The URL of the one REST message found (none when there is none, or more than one).
    pub fn message_endpoint(&self) -> Option<&str> {
        match self.messages.as_slice() {
            [one] => Some(field(one, "rest_endpoint")),
            _ => None,
        }
    }
}

/// Reads the postMessage methods with their messages' fields walked (one query); only when
/// none is found are the messages read themselves, to tell a message without the method from
/// no message at all. A second message under the same name with no postMessage method is
/// not seen this way; `set-webhook` reads the messages themselves before it writes.
pub async fn read(ctx: &Context) -> Result<WebhookFound, ApiError> {
    let sel = Selector::default();
    let methods = read_methods(&ctx.client, &sel).await?;
    if methods.is_empty() {
        return read_selected(&ctx.client, &sel).await;
    }
    let mut messages: Vec<Row> = Vec::new();
    for method in &methods {
        let id = field(method, "rest_message");
        if messages.iter().any(|m| field(m, "sys_id") == id) {
            continue;
        }
        let mut message = Row::new();
        for (column, walked) in [
            ("sys_id", "rest_message"),
            ("name", "rest_message.name"),
            ("rest_endpoint", "rest_message.rest_endpoint"),
            ("sys_mod_count", "rest_message.sys_mod_count"),
        ] {
            message.insert(column.into(), field(method, walked).into());
        }
        messages.push(message);
    }
    Ok(WebhookFound {
        messages,
        methods,
        connection: None,
    })
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
pub async fn read_selected(client: &Client, sel: &Selector) -> Result<WebhookFound, ApiError> {
    let messages_query = sel.message_query("name", "sys_id");
    let (messages, methods) = tokio::join!(
        client.list(
            "sys_rest_message",
            &messages_query,
            &["sys_id", "name", "rest_endpoint", "sys_mod_count"]
        ),
        read_methods(client, sel),
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
    Ok(WebhookFound {
        messages,
        methods: methods?,
        connection: None,
    })
}

/// The methods `sel` names, with their message's name, endpoint and `sys_mod_count` walked.
async fn read_methods(client: &Client, sel: &Selector) -> Result<Vec<Row>, ApiError> {
    let methods_query = sel
        .message_query("rest_message.name", "rest_message")
        .eq("function_name", &sel.method);
    let wanted = |name: &str| !sel.filters_names() || sel.names.iter().any(|n| n == name);
    Ok(client
        .list(
            "sys_rest_message_fn",
            &methods_query,
            &[
                "sys_id",
                "function_name",
                "http_method",
                "rest_endpoint",
                "rest_message",
                "rest_message.name",
                "rest_message.rest_endpoint",
                "rest_message.sys_mod_count",
                "sys_mod_count",
            ],
        )
        .await?
        .into_iter()
        .filter(|r| field(r, "function_name") == sel.method)
        .filter(|r| wanted(field(r, "rest_message.name")))
        .collect())
}

/// Reads and judges. On Virtual Agent API 4.1 and later (`sys_store_app.version` of
/// `sn_va_as_service`, the plugins step's shared read) the replies go (mainly) through the
/// outbound configuration's "Bot Connection": it is one more endpoint record, judged with the
/// REST message and its method (ServiceNowDocs `virtual-agent-api-whats-new.md`,
/// `configure-response-endpoint-auth-va-api.md`).
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    // Boxed: the joined reads make a large future, and callers nest it deep.
    let (found, connection) =
        tokio::join!(Box::pin(ctx.webhook()), Box::pin(located_connection(ctx)));
    let mut found = found?;
    found.connection = connection;
    let expected = ctx.opts.webhook_url.as_deref();
    let report = report(&found, expected);
    let report = with_source(report, expected, ctx.opts.webhook_url_source);
    let bot = ctx.kore.as_ref().map(|side| ConfiguredBot {
        id: side.client.bot_id().to_string(),
        from: side.bot_from,
    });
    Ok(tie(
        report,
        bot.as_ref(),
        expected,
        source_label(ctx.opts.webhook_url_source),
    ))
}

/// Where an expected URL came from, for people.
pub fn source_label(source: Option<crate::settings::Source>) -> &'static str {
    use crate::settings::Source;
    match source {
        Some(Source::Flag) => "--webhook-url",
        Some(Source::Env) => crate::env::WEBHOOK_URL,
        Some(Source::Demo) => "--demo",
        _ => "the profile's webhook_url",
    }
}

/// Adds to the verdict where the expected URL came from (`details.expected_from`: `flag`,
/// `env` or `profile`) and, for people, the expected URL, its source and what each endpoint
/// holds.
pub fn with_source(
    mut report: StepReport,
    expected: Option<&str>,
    source: Option<crate::settings::Source>,
) -> StepReport {
    let (Some(url), Some(source)) = (expected, source) else {
        return report;
    };
    report.details.insert(
        "expected_from".into(),
        serde_json::Value::from(source.name()),
    );
    let from = source_label(Some(source));
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
async fn located_connection(ctx: &Context) -> Option<(Option<String>, Row)> {
    match reply_connection::located(ctx).await {
        Ok(Located::One {
            version,
            connection,
        }) => Some((version, connection)),
        _ => None,
    }
}

/// The verdict.
pub fn report(found: &WebhookFound, expected: Option<&str>) -> StepReport {
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
            reply_connection::CONNECTION,
            field(connection, reply_connection::URL_FIELD),
        ));
    }
    let version = found.connection.as_ref().map(|(v, _)| v.clone());
    let details = json!({"expected": expected, "message": name, "endpoints": endpoints, "va_api_version": version.flatten()});
    judge(&urls, expected, details, set_fix(None).into())
}

/// The connection as an endpoint record of the step's details.
fn connection_endpoint(connection: &Row) -> serde_json::Value {
    json!({"record": reply_connection::CONNECTION, "table": reply_connection::CONNECTION_TABLE, "sys_id": field(connection, "sys_id"), "endpoint": field(connection, reply_connection::URL_FIELD)})
}

/// Virtual Agent API 4.1+ without the REST message: the connection alone posts the replies.
fn connection_alone(version: Option<&str>, connection: &Row, expected: Option<&str>) -> StepReport {
    let urls = [(
        reply_connection::CONNECTION,
        field(connection, reply_connection::URL_FIELD),
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

mod bot;
mod race;
mod write;
pub use bot::*;
pub use race::*;
pub use write::*;
/// The row of this step.
pub static STEP: Step = Step {
    id: StepId::Webhook,
    phase: Phase::Guide,
    affects: &[StepId::ReplyUrl],
    needs_kore: false,
    init_offers: true,
    why: "ServiceNow posts the agent's replies to this URL; until it is the bot's webhook, the bot never hears them.",
    gate: None,
    check: |ctx| Box::pin(check(ctx)),
    fix: Some(|ctx, env| Box::pin(repair(ctx, env))),
    prefetch: None,
};

/// Points the message (and the 4.1+ reply connection) at `--webhook-url`: the repair of this
/// step and of `reply_url`.
pub async fn repair(ctx: &Context, env: &Repairing<'_>) -> Repair {
    let Some(url) = ctx.opts.webhook_url.as_deref() else {
        return Repair::Needs(
            "give the bot's URL with --webhook-url URL (or run sn-handoff set-webhook URL)".into(),
        );
    };
    // Never point ServiceNow at another bot than the configured one.
    if let (Some(side), Some(id)) = (&ctx.kore, bot_id_in(url)) {
        if !id.eq_ignore_ascii_case(side.client.bot_id()) {
            return Repair::Needs(format!(
                "the webhook URL names bot {id}, not the configured bot {} (from {}): give that bot's URL",
                side.client.bot_id(),
                side.bot_from
            ));
        }
    }
    let dry_run = crate::journal::dry_run(&ctx.client);
    fix(&ctx.client, &Selector::default(), url, dry_run, env.state)
        .await
        .map(|o| {
            if dry_run {
                for change in &o.changes {
                    crate::journal::would(&ctx.client, change);
                }
            }
            summary(&o.changes)
        })
        .into()
}

/// The key of what step 5 found, read once a run (see [`super::once`]).
struct Found;
impl Read for Found {
    type Value = Result<WebhookFound, ApiError>;
}

impl Context {
    /// The REST message and its methods (step 5), read once: `init` asks what the step
    /// found after reading it.
    pub async fn webhook(&self) -> Result<WebhookFound, ApiError> {
        self.reads.once::<Found, _>(|| read(self)).await
    }
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
        for loopback in [
            "https://localhost/api/botwebhook",
            "https://127.0.0.1:8443/hook",
            "https://[::1]/hook",
        ] {
            assert!(is_placeholder(loopback), "{loopback}");
        }
    }
}
