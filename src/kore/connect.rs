//! `kore connect`'s work, callable on its own (by `init` and `auth rotate` later): put this
//! profile's ServiceNow instance and credentials into the bot's `servicenow` agent
//! integration, make ServiceNow the default and map every enabled chat channel to it, and
//! publish.
//!
//! Idempotency. Kore.ai documents no GET of one integration, so what is configured cannot be
//! read back or compared. What can be read are the channel mappings, and Kore.ai refuses a
//! mapping to an integration that is not configured; so an integration that appears in the
//! map exists. Therefore: ServiceNow in the map → `PUT` (the documented update, "provide the
//! complete configuration"); otherwise `POST` (the documented create). Either one falling back
//! to the other when Kore.ai answers as if the integration were (not) there: `PUT` → `POST` on
//! 404, `POST` → `PUT` on 400 or 409 (Kore.ai does not document the answer to a POST on an existing or a PUT on a missing
//! integration). The write is sent every time (the secrets in it cannot be compared),
//! so `changed` is true whenever it was accepted; the channel mappings are only written when
//! they differ.

use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};

use super::api::{self, ChannelMappings, SERVICENOW};
use super::client::{Answer, KoreClient};
use super::error::KoreError;
// What `Plan::auth` holds; callers name it here.
pub use super::servicenow_auth::ServiceNowAuth;
use crate::error::{Error, ErrorKind, Result};
use crate::servicenow::InstanceUrl;

/// The `versionComment` of the publish `kore connect --publish` starts.
pub const VERSION_COMMENT: &str = "sn-handoff kore connect";

/// Shown instead of every secret in `--dry-run` output.
pub const REDACTED: &str = "***";

/// What to push.
#[derive(Clone)]
pub struct Plan {
    /// The ServiceNow instance origin (`host`).
    pub instance: InstanceUrl,
    /// The credentials Kore.ai uses.
    pub auth: ServiceNowAuth,
    /// `queueId`, when given.
    pub queue_id: Option<String>,
    /// Make ServiceNow the default and map every channel to it.
    pub set_default: bool,
}

/// The integration body: the flat shape for Basic, the wrapped one for OAuth (the two samples
/// of the agent-transfer page, `tests/fixtures/koreai/servicenow-*.request.json`), with
/// `VAApi: true` (Agent Chat through the Virtual Agent API, which this tool prepares). With
/// `redact`, every secret is [`REDACTED`]. `tenant` (OAuth sample only, undocumented) is left
/// out.
pub fn integration_body(plan: &Plan, redact: bool) -> Value {
    let secret = |s: &SecretString| {
        if redact {
            REDACTED.to_string()
        } else {
            s.expose_secret().to_string()
        }
    };
    let host = plan.instance.as_str();
    let mut body = match &plan.auth {
        ServiceNowAuth::Basic { user, password } => json!({
            "host": host,
            "authType": "basic",
            "userId": user,
            "password": secret(password),
            "VAApi": true,
        }),
        ServiceNowAuth::OAuth {
            client_id,
            client_secret,
            refresh_token,
        } => json!({
            "enabled": true,
            "config": {
                "host": host,
                "authType": "oauth2_refresh_token",
                "client_id": client_id,
                "client_secret": secret(client_secret),
                "refresh_token": refresh_token.as_ref().map_or(REDACTED.to_string(), secret),
                "VAApi": true,
            }
        }),
    };
    if let Some(queue) = &plan.queue_id {
        let target = match body.get_mut("config") {
            Some(config) => config,
            None => &mut body,
        };
        target["queueId"] = Value::String(queue.clone());
    }
    body
}

/// What `connect` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectOutcome {
    /// Whether anything was written (and accepted).
    pub changed: bool,
    /// `POST` or `PUT`: how the integration was written.
    pub integration_method: &'static str,
    /// Whether ServiceNow is now the default (per the mappings read back).
    pub default: bool,
    /// Whether the channel mappings were written.
    pub mappings_written: bool,
    /// The enabled channels, now mapped to ServiceNow.
    pub channels: Vec<String>,
    /// Whether Kore.ai says a publish is needed (true when it did not say).
    pub requires_publish: bool,
}

/// Pushes `plan` (see the module documentation for the order of calls), and with `records`
/// keeps this machine's record of the instance the bot's integration was written for true
/// whatever the outcome: recorded once the integration is written (even when a later call
/// fails), forgotten when its write may or may not have been carried out (a lost answer, a
/// server error, a stop while it was in flight), left as it was when it was surely not.
pub async fn connect(client: &KoreClient, plan: &Plan, records: bool) -> Result<ConnectOutcome> {
    let (bot, host) = (client.bot_id(), client.host().as_str());
    // Forgotten before anything is sent, so that a stop (or kill -9) during the write leaves
    // no record of an instance the integration may no longer name; put back when the write
    // surely was not made.
    let kept = records
        .then(|| crate::state::kore_written_for(bot, host))
        .flatten();
    if records {
        crate::state::forget_kore_written(bot, host);
    }
    let mut written = Integration::NotWritten;
    let result = push(client, plan, &mut written).await;
    if records {
        match (written, kept) {
            (Integration::Written, _) => {
                crate::state::record_kore_written(plan.instance.as_str(), bot, host);
            }
            (Integration::Perhaps, _) | (Integration::NotWritten, None) => {}
            (Integration::NotWritten, Some((instance, at))) => crate::state::put_kore_written(
                &instance,
                crate::state::KoreWritten {
                    bot_id: bot.to_string(),
                    host: host.to_string(),
                    at,
                },
            ),
        }
    }
    result
}

/// What became of the integration's write, whatever [`push`] ends with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Integration {
    /// Surely not written (not sent, or refused).
    NotWritten,
    /// Sent, and its answer does not say (lost, or a server error).
    Perhaps,
    Written,
}

/// The calls of [`connect`]; `written` hears what became of the integration's write.
async fn push(
    client: &KoreClient,
    plan: &Plan,
    written: &mut Integration,
) -> Result<ConnectOutcome> {
    // From here on a signal lets the write in flight finish and says what was written, for
    // every caller (`kore connect`, `auth rotate`, init's Kore.ai page, `check --fix`).
    crate::journal::arm();
    // A bot with no agent integration yet may answer the mappings read with 404: that is
    // "none yet", not an error (not documented either way; see docs/kore.md).
    let before = match api::channel_mappings(client).await {
        Ok(mappings) => mappings,
        Err(e) if e.status() == Some(404) => api::ChannelMappings::default(),
        Err(e) => return Err(super::read_error(e)),
    };
    let (method, answer) = write_integration(client, plan, &before, written).await?;
    *written = Integration::Written;
    let mut requires_publish = answer
        .body
        .get("requiresPublish")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    let after = api::channel_mappings(client)
        .await
        .map_err(super::read_error)?;
    let mut mappings_written = false;
    let mut current = after.clone();
    if plan.set_default {
        let wanted = after.all_to_servicenow();
        if wanted != after.map {
            let put = api::put_channel_mappings(client, &wanted)
                .await
                .map_err(|e| mappings_error(e, &method))?;
            requires_publish |= put
                .body
                .get("requiresPublish")
                .and_then(Value::as_bool)
                .unwrap_or(true);
            mappings_written = true;
            current = ChannelMappings {
                map: wanted,
                ..after
            };
        }
    }
    Ok(ConnectOutcome {
        changed: true,
        integration_method: if method == Method::PUT { "PUT" } else { "POST" },
        default: current.default_integration() == Some(SERVICENOW),
        mappings_written,
        channels: current.channels().map(|(c, _)| c.to_string()).collect(),
        requires_publish,
    })
}

/// Writes the integration: decides the method (`PUT` when the mappings read `before` already
/// mention ServiceNow, `POST` otherwise) and tries the other one once when the first is
/// refused in a way that means the guess was wrong.
async fn write_integration(
    client: &KoreClient,
    plan: &Plan,
    before: &ChannelMappings,
    written: &mut Integration,
) -> Result<(Method, Answer)> {
    let body = integration_body(plan, false);
    let first = if before.mentions_servicenow() {
        Method::PUT
    } else {
        Method::POST
    };
    match api::write_integration(client, first.clone(), &body, plan.set_default).await {
        Ok(answer) => Ok((first, answer)),
        Err(e) if falls_back(&first, &e) => {
            let other = if first == Method::PUT {
                Method::POST
            } else {
                Method::PUT
            };
            let answer = api::write_integration(client, other.clone(), &body, plan.set_default)
                .await
                .map_err(|second| {
                    *written = perhaps(&second);
                    explain_write(second, Some(&e))
                })?;
            Ok((other, answer))
        }
        Err(e) => {
            *written = perhaps(&e);
            Err(explain_write(e, None))
        }
    }
}

/// What a failed integration write `e` leaves: perhaps written, or surely not.
fn perhaps(e: &KoreError) -> Integration {
    match maybe_written(e) {
        Some(_) => Integration::Perhaps,
        None => Integration::NotWritten,
    }
}

/// The error of a refused channel mappings write, after the integration itself was written
/// with `method`: says so, and whether the mappings may have been written all the same.
fn mappings_error(e: KoreError, method: &Method) -> Error {
    let maybe = maybe_written(&e);
    let err = super::write_error(e);
    let mut message = format!(
        "{} The ServiceNow integration itself was written ({method}).",
        err.message()
    );
    if let Some(why) = maybe {
        message.push_str(&format!(" {why}, so the channel mappings may or may not have been written; running the command again maps them either way."));
    }
    rebuild(err, message)
}

/// Whether a refused write should be tried with the other method.
fn falls_back(method: &Method, e: &KoreError) -> bool {
    match e.status() {
        Some(404) => *method == Method::PUT,
        Some(400 | 409) => *method == Method::POST,
        _ => false,
    }
}

fn explain_write(e: KoreError, first: Option<&KoreError>) -> Error {
    let maybe = maybe_written(&e);
    let err = super::write_error(e);
    let message = match first {
        Some(first) => format!("{} (tried first: {first})", err.message()),
        None => err.message().to_string(),
    };
    let message = match maybe {
        Some(why) => format!("{message}. {why}, so Kore.ai may or may not hold the ServiceNow integration now; running the command again writes it whole either way"),
        None if err.kind() == ErrorKind::WriteFailed => format!("{message}. Kore.ai may have checked the ServiceNow credentials (the UI's Authorize) and refused them: run `sn-handoff auth status`"),
        None => message,
    };
    rebuild(err, message)
}

/// Why a write that failed may have been carried out all the same, in words (`None` when its
/// answer says it was not): its answer did not come (a timeout, the connection closed under
/// it, a cut body), or it was a server error (503 aside: not served), which a slow back end or
/// a gateway can give after the change was made. It is not tried again (a POST).
pub(crate) fn maybe_written(e: &KoreError) -> Option<&'static str> {
    match e {
        KoreError::Transport { error, .. } => {
            error.answer_lost().then_some("The answer did not come")
        }
        KoreError::Status { status, .. } if (500..=599).contains(status) && *status != 503 => {
            Some("A server error can come after the change was made")
        }
        _ => None,
    }
}

/// `err` with `message` in place of its own, keeping its kind (the exit code) and hint.
pub(crate) fn rebuild(err: Error, message: String) -> Error {
    let new = Error::new(err.kind(), message);
    match err.hint() {
        Some(h) => new.with_hint(h),
        None => new,
    }
}

/// How a publish ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Published {
    /// `successful`.
    Done,
    /// `failed`, with what the answers said.
    Failed(Vec<String>),
    /// Still running when the deadline passed (it goes on in Kore.ai).
    TimedOut {
        /// The last percentage seen.
        percent: Option<f64>,
    },
}

/// Publishing needs the Admin Console app: Kore.ai's publish-bot and bot-publish-status pages
/// give their scope as "App Builder: Not Applicable; Admin Console: Bot Publish > Publish", so
/// the bot's own app can never be given it. Refused (exit 2, before anything is written) when
/// none is configured, with the steps to create one.
pub fn require_publisher(client: &KoreClient) -> Result<()> {
    if client.has_admin() {
        return Ok(());
    }
    Err(crate::error::Error::usage(
        "publishing needs a Kore.ai Admin Console app (the bot's own app cannot be given the publish scope): nothing was written",
    )
    .with_hint(ADMIN_CONSOLE_STEPS))
}

/// How to create the Admin Console app that publishes.
pub const ADMIN_CONSOLE_STEPS: &str = "in the Admin Console, Security & Control > API Scopes > New: a JWT app (HS256) with the scopes Bot Publish > Publish and Bot Publish > Publish Status for this bot; then pass --kore-admin-client-id ID with its secret in SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET (or the keyring); or publish in the XO Platform and run without --publish";

/// Publishes the bot and polls the publish status until it ends or `deadline` passes;
/// `progress` hears each percentage.
pub async fn publish_and_wait(
    client: &KoreClient,
    deadline: std::time::Duration,
    train: bool,
    mut progress: impl FnMut(Option<f64>),
) -> Result<Published> {
    crate::journal::arm();
    let started = std::time::Instant::now();
    // The status call answers for the running or the last publish: note which one was last
    // before this one, so that it is not taken for this one's end. (No publish yet may be a
    // 404; the client keeps a status path only once it answered.)
    let previous = api::publish_status(client)
        .await
        .ok()
        .map(|status| status.job);
    let answer = api::publish(client, VERSION_COMMENT, train)
        .await
        .map_err(|e| {
            let maybe = maybe_written(&e);
            let err = super::write_error(e);
            match maybe {
                Some(why) => {
                    let message = format!("{}. {why}, so Kore.ai may have started the publish: `sn-handoff kore status` shows how it ended", err.message());
                    rebuild(err, message)
                }
                None => err,
            }
        })?;
    let failures = api::publish_failures(&answer.body);
    if !failures.is_empty() {
        return Ok(Published::Failed(failures));
    }
    // The documented status took 1.4 s from request to end (requestedTime → lastModifiedOn in
    // `publish-status.response.json`): poll after 1 s, then less often, at most every 5 s.
    let backoff = crate::steps::backoff::Backoff::from_env_or(crate::steps::backoff::Backoff {
        base: std::time::Duration::from_secs(1),
        max: std::time::Duration::from_secs(5),
    });
    let mut n = 0;
    let mut seen_running = false;
    loop {
        let status = api::publish_status(client)
            .await
            .map_err(super::read_error)?;
        progress(status.percent);
        seen_running |= !status.finished();
        let stale = !seen_running && previous.as_deref() == Some(status.job.as_str());
        if status.finished() && !stale {
            // Seen ended without being seen running, it may be an earlier publish (one whose
            // answer was lost, started just before this one): while Kore.ai still says a
            // publish is pending, it is not taken for this one's end.
            let earlier = !seen_running
                && status.succeeded()
                && api::channel_mappings(client)
                    .await
                    .is_ok_and(|m| m.requires_publish == Some(true));
            if !earlier {
                return Ok(if status.succeeded() {
                    Published::Done
                } else {
                    Published::Failed(status.problems)
                });
            }
            // Asked again at the next poll, not set aside for good: it may be this run's
            // publish, ended before Kore.ai stopped saying one is pending.
        }
        let pause = backoff.delay(n);
        if started.elapsed() + pause > deadline {
            return Ok(Published::TimedOut {
                percent: status.percent,
            });
        }
        tokio::time::sleep(pause).await;
        n += 1;
    }
}

/// The dry run's description of what `connect` would send: the body with secrets hidden and
/// the calls in order.
pub fn dry_run(client: &KoreClient, plan: &Plan, publish: bool, train: bool) -> Value {
    let mut calls = vec![json!({
        // A dry run sends nothing, not even the read that decides between the two: both
        // are values, and the human form says when each applies.
        "method": "POST",
        "method_when_present": "PUT",
        "path": format!("{}{}", api::integration_path(client), if plan.set_default { "?setAsDefault=true" } else { "" }),
        "body": integration_body(plan, true),
    })];
    if plan.set_default {
        calls.push(json!({
            "method": "PUT",
            "path": client.bot_path("/agentintegrations/channelmappings"),
            "body": {"channelMappings": {"default": SERVICENOW}},
            // The enabled channels are read when it runs; each is mapped to this value too.
            "each_enabled_channel": SERVICENOW,
        }));
    }
    if publish {
        calls.push(json!({
            "method": "POST",
            "path": client.bot_path("/publish"),
            "body": api::publish_body(VERSION_COMMENT, train),
        }));
    }
    Value::Array(calls)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(auth: ServiceNowAuth, queue: Option<&str>) -> Plan {
        Plan {
            instance: InstanceUrl::parse("dev123").unwrap(),
            auth,
            queue_id: queue.map(str::to_string),
            set_default: true,
        }
    }

    #[test]
    fn basic_body_has_the_documented_flat_shape() {
        let body = integration_body(
            &plan(
                ServiceNowAuth::Basic {
                    user: "admin".into(),
                    password: SecretString::from("pw".to_string()),
                },
                Some("q1"),
            ),
            false,
        );
        let documented: Value = serde_json::from_str(include_str!(
            "../../tests/fixtures/koreai/servicenow-basic.request.json"
        ))
        .unwrap();
        let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&body), keys(&documented));
        assert_eq!(body["host"], "https://dev123.service-now.com");
        assert_eq!(body["password"], "pw");
        assert_eq!(body["VAApi"], true);
        assert_eq!(body["queueId"], "q1");
    }

    #[test]
    fn oauth_body_has_the_documented_wrapped_shape_and_redacts() {
        let p = plan(
            ServiceNowAuth::OAuth {
                client_id: "cid".into(),
                client_secret: SecretString::from("cs".to_string()),
                refresh_token: Some(SecretString::from("rt".to_string())),
            },
            None,
        );
        let body = integration_body(&p, true);
        let documented: Value = serde_json::from_str(include_str!(
            "../../tests/fixtures/koreai/servicenow-oauth.request.json"
        ))
        .unwrap();
        let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&body), keys(&documented));
        let mut expected = keys(&documented["config"]);
        expected.retain(|k| k != "tenant" && k != "queueId");
        assert_eq!(keys(&body["config"]), expected);
        assert_eq!(body["config"]["client_secret"], REDACTED);
        assert_eq!(body["config"]["refresh_token"], REDACTED);
        assert!(!body.to_string().contains("\"cs\""));
    }
}
