//! Step 5: the "VABot to Bot" REST message and its `postMessage` method point at the Kore.ai
//! webhook URL. The message's name differs between sources (the Kore.ai guide says
//! `VABot to Bot`, ServiceNow's documentation `VA Bot to Bot`), so both are looked for; two
//! matches are ambiguous. `sys_rest_message_fn` has no `name` or `endpoint` column (a query on
//! them would silently match every row): the method is `function_name`, its URL
//! `rest_endpoint`. The message and its methods are read at once.

use serde_json::json;

use super::{shell_quote, Context, StepId, StepReport};
use crate::servicenow::{field, ApiError, Query, Row};

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

/// Reads the messages and their postMessage methods (two queries, at once).
pub async fn read(ctx: &Context) -> Result<Found, ApiError> {
    let messages_query = Query::new().in_list("name", &MESSAGE_NAMES);
    let methods_query = Query::new()
        .in_list("rest_message.name", &MESSAGE_NAMES)
        .eq("function_name", METHOD_NAME);
    let (messages, methods) = tokio::join!(
        ctx.client.list(
            "sys_rest_message",
            &messages_query,
            &["sys_id", "name", "rest_endpoint", "sys_mod_count"]
        ),
        ctx.client.list(
            "sys_rest_message_fn",
            &methods_query,
            &[
                "sys_id",
                "function_name",
                "http_method",
                "rest_endpoint",
                "rest_message",
                "rest_message.name"
            ]
        ),
    );
    let messages: Vec<Row> = messages?
        .into_iter()
        .filter(|r| MESSAGE_NAMES.contains(&field(r, "name")))
        .collect();
    let methods: Vec<Row> = methods?
        .into_iter()
        .filter(|r| field(r, "function_name") == METHOD_NAME)
        .collect();
    Ok(Found { messages, methods })
}

/// Reads and judges.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    Ok(report(&read(ctx).await?, ctx.opts.webhook_url.as_deref()))
}

/// The verdict.
pub fn report(found: &Found, expected: Option<&str>) -> StepReport {
    let set_fix = |sys_id: Option<&str>| {
        let url = expected.map_or_else(|| "WEBHOOK_URL".to_string(), shell_quote);
        match sys_id {
            Some(id) => format!("sn-handoff set-webhook {url} --sys-id {id}"),
            None => format!("sn-handoff set-webhook {url}"),
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
