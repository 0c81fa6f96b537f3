//! A simulated Kore.ai platform: a real HTTP/1.1 server on 127.0.0.1 with one bot, answering
//! the public API calls `kore connect` and `kore status` make, the way docs/kore.md describes
//! them (bodies in `tests/fixtures/koreai/`):
//!
//! - JWT in the `auth` header: HS256 signed with the app's client secret, `appId` naming the
//!   app; `jti` enforced (a token without one, or one reusing a `jti`, is refused with the
//!   documented 401 body; `exp` more than an hour out likewise).
//! - `POST`/`PUT`/`DELETE …/agentintegrations/chat/{integration}` with the two documented
//!   ServiceNow body shapes (flat Basic, wrapped OAuth) and `?setAsDefault=true`.
//! - `GET`/`PUT …/agentintegrations/channelmappings`: PUT replaces the whole map; a missing
//!   enabled channel is 400 with the documented message, a channel mapped to an integration
//!   that is not configured is 400 too.
//! - `POST …/publish` and its status at both documented paths: in progress, then successful
//!   (or failed, as a fault).
//!
//! Where Kore.ai documents no answer (error bodies other than the JWT's, POST on an existing
//! integration, PUT on a missing one, a scope refusal, a rate limit), the choice made here is
//! marked "undocumented: chosen" and the client is written to cope with other answers too.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{json, Map, Value};
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

use super::state::{random_password, random_sys_id, unix_now};
use super::wire::Reply;
use crate::jwt;

/// Documented 401 body for a reused `jti`.
const REPLAY: &str = include_str!("../../../tests/fixtures/koreai/jwt-jti-replay-401.json");
/// Documented 401 body for `exp` more than an hour ahead with a `jti`.
const EXP_TOO_FAR: &str = include_str!("../../../tests/fixtures/koreai/jwt-jti-exp-401.json");
/// Documented answer to POST and PUT of an integration.
const CONFIGURED: &str = include_str!("../../../tests/fixtures/koreai/integration.response.json");
/// Documented answer to a publish.
const PUBLISHED: &str = include_str!("../../../tests/fixtures/koreai/publish.response.json");
/// Documented publish status (the finished one).
const PUBLISH_STATUS: &str =
    include_str!("../../../tests/fixtures/koreai/publish-status.response.json");

/// The integrations the agent-transfer API knows.
pub const INTEGRATIONS: [&str; 5] = ["custom", "genesys", "kore", "servicenow", "salesforce"];

/// The scopes of the bot's app and the Admin Console app.
pub const SCOPE_READ: &str = "agent_integrations:read";
/// See [`SCOPE_READ`].
pub const SCOPE_WRITE: &str = "agent_integrations:write";
/// The Admin Console publish scope.
pub const SCOPE_PUBLISH: &str = "publish";

/// Ways the simulated platform misbehaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KoreFault {
    /// While no agent integration but Kore.ai's own is configured, the channel-mappings read
    /// answers 404 (what a bot without any agent integration may do; not documented).
    NoMappingsYet,
    /// The first request is refused with 429 and `Retry-After: 1`.
    RateLimitOnce,
    /// Every request is refused with 429 and `Retry-After: 0` (the hourly limit reached).
    RateLimitAlways,
    /// The bot's app lacks `agent_integrations:write` (its writes get 403).
    MissingWriteScope,
    /// Publishes fail (the status ends `failed`).
    PublishFails,
    /// Publishes never finish (the status stays `inprogress`).
    PublishStalls,
    /// The publish status is served only at the sample's path
    /// (`/api/1.1/public/bot/{id}/publish/status/`); the table's path answers 404.
    LegacyPublishStatusPath,
    /// Every write is refused with 400 whose message echoes the request: its JSON body (the
    /// ServiceNow credentials it carries) and its `auth` header (the signed JWT), as a
    /// validation error or a debugging proxy may.
    EchoingBadRequest,
    /// The first write is carried out, then answered 500 (a gateway or a slow back end that
    /// gives up after the change was made).
    Error500AfterFirstWrite,
    /// The `n`-th write (POST, PUT or DELETE, counting from 1, a retry counting as a write of
    /// its own) is carried out, then its answer goes wrong: dropped, late, or a 500 (as
    /// `SimOptions::write_faults` for the instance).
    AfterWrite(usize, super::AfterWrite),
    /// The `n`-th write is refused before it is carried out (as `SimOptions::fail_writes` for
    /// the instance): with a 500, a 429 (`Retry-After: 0`), or the connection closed without
    /// an answer.
    RefuseWrite(usize, Refusal),
}

/// How [`KoreFault::RefuseWrite`] refuses a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// 500, nothing written.
    Error500,
    /// 429 with `Retry-After: 0` (the client tries again).
    TooMany,
    /// The connection is closed without an answer.
    Reset,
}

/// How to start a [`KoreSimulator`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KoreSimOptions {
    /// The bot's id; [`super::SIM_BOT_ID`] when `None`.
    pub bot_id: Option<String>,
    /// Port on 127.0.0.1; 0 picks any free port.
    pub port: u16,
    /// Start with ServiceNow configured, the default and mapped for every channel, published.
    pub configured: bool,
    /// The chat channels enabled on the bot (default `rtm`, `agentassist`).
    pub channels: Vec<String>,
    /// Faults.
    pub faults: Vec<KoreFault>,
    /// How long each write (POST, PUT, DELETE) waits after it arrives, before it is carried
    /// out and answered.
    pub write_latency: Duration,
}

/// One request the simulator answered.
#[derive(Debug, Clone, PartialEq)]
pub struct KoreRecord {
    /// HTTP method.
    pub method: String,
    /// Path.
    pub path: String,
    /// Raw query.
    pub query: String,
    /// Status answered.
    pub status: u16,
    /// The JSON body received (`Null` when none or not JSON).
    pub body: Value,
    /// The `appId` of a valid JWT.
    pub app_id: Option<String>,
}

struct App {
    secret: String,
    scopes: Vec<&'static str>,
}

struct Publish {
    /// `_id` of this publish's status document.
    id: String,
    /// When it was asked for.
    requested: String,
    polls_left: u32,
    fails: bool,
    /// The last publish's final status, answered for this many polls first (Kore.ai may not
    /// have registered the new publish yet; undocumented: chosen).
    previous: Option<(u32, Value)>,
    /// Whether its end has been answered, which is when what it published stops pending: a
    /// later read of the same end leaves a change made since pending.
    ended: bool,
}

struct Bot {
    id: String,
    apps: HashMap<String, App>,
    channels: Vec<String>,
    integrations: BTreeMap<String, Value>,
    mappings: Map<String, Value>,
    requires_publish: bool,
    publish: Option<Publish>,
    jtis: HashSet<String>,
    faults: Vec<KoreFault>,
    log: Vec<KoreRecord>,
    requests: u64,
    /// Writes arrived so far, and the hooks due at the n-th ([`KoreSimulator::on_write`]).
    writes: usize,
    /// Whether a write has been answered (for [`KoreFault::Error500AfterFirstWrite`]).
    wrote: bool,
    write_hooks: Vec<(usize, super::state::WriteHook)>,
    write_latency: Duration,
}

/// A running simulated Kore.ai platform. Dropping it stops the server.
pub struct KoreSimulator {
    url: String,
    bot_id: String,
    client_id: String,
    admin_client_id: String,
    bot: Arc<Mutex<Bot>>,
    task: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for KoreSimulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KoreSimulator")
            .field("url", &self.url)
            .field("bot_id", &self.bot_id)
            .finish_non_exhaustive()
    }
}

fn id_like(prefix: &str) -> String {
    let hex = random_sys_id();
    format!(
        "{prefix}-{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

impl KoreSimulator {
    /// Binds 127.0.0.1:`port` and serves until dropped.
    ///
    /// # Errors
    /// When the port cannot be bound.
    pub async fn start(opts: KoreSimOptions) -> std::io::Result<KoreSimulator> {
        let listener = TcpListener::bind(("127.0.0.1", opts.port)).await?;
        let addr: SocketAddr = listener.local_addr()?;
        let url = format!("http://{addr}");
        let bot_id = opts
            .bot_id
            .clone()
            .unwrap_or_else(|| super::SIM_BOT_ID.to_string());
        let client_id = id_like("cs");
        let admin_client_id = id_like("cs");
        let apps = apps(&opts, &client_id, &admin_client_id);
        let bot = Arc::new(Mutex::new(first_bot(&opts, bot_id.clone(), apps)));
        let task = tokio::spawn(serve(listener, Arc::clone(&bot)));
        Ok(KoreSimulator {
            url,
            bot_id,
            client_id,
            admin_client_id,
            bot,
            task: Some(task),
        })
    }

    /// The bot's side, for a demo world to keep between runs: the integrations (their secrets
    /// as `***`), the channel mappings, whether a publish is pending and whether the last one
    /// ended well.
    pub fn snapshot(&self) -> Value {
        let bot = self.lock();
        let mut integrations = serde_json::to_value(&bot.integrations).unwrap_or(Value::Null);
        hide_secrets(&mut integrations);
        json!({
            "integrations": integrations,
            "mappings": bot.mappings,
            "requires_publish": bot.requires_publish,
            "published": bot.publish.as_ref().is_some_and(|p| !p.fails),
        })
    }

    /// Puts back the bot's side of a [`KoreSimulator::snapshot`].
    pub fn restore(&self, snapshot: &Value) -> bool {
        let (Some(integrations), Some(mappings)) = (
            snapshot["integrations"].as_object(),
            snapshot["mappings"].as_object(),
        ) else {
            return false;
        };
        let mut bot = self.lock();
        bot.integrations = integrations
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        bot.mappings = mappings.clone();
        bot.requires_publish = snapshot["requires_publish"].as_bool().unwrap_or(false);
        bot.publish = snapshot["published"]
            .as_bool()
            .unwrap_or(false)
            .then(ended_publish);
        true
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The bot's id.
    pub fn bot_id(&self) -> &str {
        &self.bot_id
    }

    /// The client id of the bot's JWT app.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// Its client secret (random per start).
    pub fn client_secret(&self) -> String {
        self.secret_of(&self.client_id)
    }

    /// The client id of the Admin Console app (publish scope).
    pub fn admin_client_id(&self) -> &str {
        &self.admin_client_id
    }

    /// Its client secret.
    pub fn admin_client_secret(&self) -> String {
        self.secret_of(&self.admin_client_id)
    }

    fn secret_of(&self, id: &str) -> String {
        self.lock()
            .apps
            .get(id)
            .map(|a| a.secret.clone())
            .unwrap_or_default()
    }

    /// Every request answered so far.
    pub fn requests(&self) -> Vec<KoreRecord> {
        self.lock().log.clone()
    }

    /// The configuration of `integration` as last written (`None` when not configured).
    pub fn integration(&self, integration: &str) -> Option<Value> {
        self.lock().integrations.get(integration).cloned()
    }

    /// The channel mappings now.
    pub fn mappings(&self) -> Map<String, Value> {
        self.lock().mappings.clone()
    }

    /// Whether a publish is pending.
    pub fn requires_publish(&self) -> bool {
        self.lock().requires_publish
    }

    /// Configures `integration` (as the XO Platform's UI would) and maps `channel` (or
    /// `default`) to it; marks a publish pending when `pending`.
    pub fn map_channel(&self, channel: &str, integration: &str, pending: bool) {
        let mut bot = self.lock();
        bot.integrations
            .entry(integration.to_string())
            .or_insert_with(|| json!({"enabled": true}));
        bot.mappings.insert(channel.to_string(), json!(integration));
        bot.requires_publish |= pending;
    }

    /// Runs `hook` when the `n`-th write (POST, PUT or DELETE, counting from 1) arrives,
    /// before it is carried out: how tests act at an exact point of a run.
    #[cfg(any(test, feature = "test-support"))]
    pub fn on_write(&self, n: usize, hook: impl FnOnce() + Send + 'static) {
        self.lock()
            .write_hooks
            .push((n, super::state::WriteHook(Box::new(hook))));
    }

    fn lock(&self) -> MutexGuard<'_, Bot> {
        self.bot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Drop for KoreSimulator {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// The bot's two apps: the bot's own (read and write, no write under
/// [`KoreFault::MissingWriteScope`]) and the admin app that may publish.
fn apps(opts: &KoreSimOptions, client_id: &str, admin_client_id: &str) -> HashMap<String, App> {
    let mut apps = HashMap::new();
    let mut bot_scopes = vec![SCOPE_READ, SCOPE_WRITE];
    if opts.faults.contains(&KoreFault::MissingWriteScope) {
        bot_scopes.retain(|s| *s != SCOPE_WRITE);
    }
    apps.insert(
        client_id.to_string(),
        App {
            secret: random_password(),
            scopes: bot_scopes,
        },
    );
    apps.insert(
        admin_client_id.to_string(),
        App {
            secret: random_password(),
            scopes: vec![SCOPE_PUBLISH],
        },
    );
    apps
}

/// The bot as it starts: its channels, and either only Kore.ai's own integration, the default
/// everywhere, or (`configured`) ServiceNow written, the default everywhere and published.
fn first_bot(opts: &KoreSimOptions, id: String, apps: HashMap<String, App>) -> Bot {
    let channels = if opts.channels.is_empty() {
        vec!["rtm".to_string(), "agentassist".to_string()]
    } else {
        opts.channels.clone()
    };
    let start_with = if opts.configured {
        "servicenow"
    } else {
        "kore"
    };
    let mut integrations = BTreeMap::new();
    integrations.insert("kore".to_string(), json!({"enabled": true}));
    if opts.configured {
        integrations.insert(
            "servicenow".to_string(),
            json!({"host": "https://dev00000.service-now.com", "authType": "basic", "userId": "admin", "password": "x", "VAApi": true}),
        );
    }
    let mut mappings = Map::new();
    mappings.insert("default".into(), json!(start_with));
    for channel in &channels {
        mappings.insert(channel.clone(), json!(start_with));
    }
    Bot {
        id,
        apps,
        channels,
        integrations,
        mappings,
        requires_publish: false,
        // A configured bot was published once, and that publish ended well.
        publish: opts.configured.then(ended_publish),
        jtis: HashSet::new(),
        faults: opts.faults.clone(),
        log: Vec::new(),
        requests: 0,
        writes: 0,
        wrote: false,
        write_hooks: Vec::new(),
        write_latency: opts.write_latency,
    }
}

/// A publish requested now that has already ended well (a configured or restored bot's last).
fn ended_publish() -> Publish {
    Publish {
        id: format!("ds-{}", &id_like("x")[2..]),
        requested: format!("{}", unix_now()),
        polls_left: 0,
        fails: false,
        previous: None,
        ended: true,
    }
}

async fn serve(listener: TcpListener, bot: Arc<Mutex<Bot>>) {
    let mut connections = JoinSet::new();
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        while connections.try_join_next().is_some() {}
        let bot = Arc::clone(&bot);
        connections.spawn(async move {
            let service = service_fn(move |request| respond(Arc::clone(&bot), request));
            let _ = http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn respond(
    bot: Arc<Mutex<Bot>>,
    request: hyper::Request<hyper::body::Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, std::io::Error> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|c| c.to_bytes().to_vec())
        .unwrap_or_default();
    let auth = parts
        .headers
        .get("auth")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let method = parts.method.as_str().to_string();
    let path = parts.uri.path().to_string();
    let query = parts.uri.query().unwrap_or("").to_string();
    let json_body = serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null);
    let (refused, mut after) = if method != "GET" {
        before_write(&bot).await
    } else {
        (None, None)
    };
    let reply = {
        let mut bot = bot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (reply, app_id) = match refused {
            // Test faults come before the JWT is checked, as the instance's come before its
            // ACLs.
            Some(how) => (refusal(how), None),
            None => handle(
                &mut bot,
                &method,
                &path,
                &query,
                auth.as_deref(),
                &json_body,
            ),
        };
        if !(200..300).contains(&reply.status) {
            after = None;
        }
        bot.log.push(KoreRecord {
            method,
            path,
            query,
            status: reply.status,
            body: json_body,
            app_id,
        });
        reply
    };
    answer(reply, after).await
}

/// Counts a write and decides the faults it meets: how it is refused (before the JWT is
/// checked) and what happens after it is carried out; runs the hooks due at it and waits the
/// write latency.
async fn before_write(bot: &Mutex<Bot>) -> (Option<Refusal>, Option<super::AfterWrite>) {
    let mut refused = None;
    let mut after = None;
    let (due, latency) = {
        let mut bot = bot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        bot.writes += 1;
        let n = bot.writes;
        for fault in &bot.faults {
            match *fault {
                KoreFault::RefuseWrite(at, how) if at == n => refused = Some(how),
                KoreFault::AfterWrite(at, what) if at == n => after = Some(what),
                _ => {}
            }
        }
        let (due, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut bot.write_hooks)
            .into_iter()
            .partition(|(at, _)| *at == n);
        bot.write_hooks = rest;
        (due, bot.write_latency)
    };
    for (_, hook) in due {
        (hook.0)();
    }
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    (refused, after)
}

/// Sends `reply`, or what a fault after a carried-out write puts in its place: a dropped
/// connection, a late answer, a 500 or a 200 with an empty body; a reply marked as a reset
/// resets the connection.
async fn answer(
    reply: Reply,
    after: Option<super::AfterWrite>,
) -> Result<hyper::Response<Full<Bytes>>, std::io::Error> {
    match after {
        Some(super::AfterWrite::DropConnection) => {
            return Err(std::io::Error::other("the answer is dropped on purpose"))
        }
        Some(super::AfterWrite::AnswerLate(late)) => tokio::time::sleep(late).await,
        Some(super::AfterWrite::Answer500) => {
            return Ok(super::to_response(error(500, "Internal Server Error")))
        }
        Some(super::AfterWrite::AnswerBare) => {
            return Ok(super::to_response(Reply::json(200, &json!({}))))
        }
        None => {}
    }
    if reply.status == super::handler::RESET {
        return Err(std::io::Error::other("the connection is reset on purpose"));
    }
    Ok(super::to_response(reply))
}

/// A 429 with `Retry-After: after`. Undocumented: chosen (Kore.ai documents no status, body or
/// Retry-After for it; the message is the documented one).
fn rate_limited(after: &str) -> Reply {
    error(
        429,
        "You've exceeded the per-minute rate limit. Please wait for sometime before retrying.",
    )
    .with_header("Retry-After", after.into())
}

/// The answer of a write [`KoreFault::RefuseWrite`] refuses (`RESET`: none).
fn refusal(how: Refusal) -> Reply {
    match how {
        Refusal::Error500 => error(500, "Internal Server Error"),
        Refusal::TooMany => rate_limited("0"),
        Refusal::Reset => Reply {
            status: super::handler::RESET,
            headers: Vec::new(),
            body: Vec::new(),
        },
    }
}

/// The `{"errors":[{"msg","code"}]}` body Kore.ai documents for JWT refusals, used here for
/// every error (undocumented: chosen).
fn error(status: u16, msg: &str) -> Reply {
    Reply::json(status, &json!({"errors": [{"msg": msg, "code": status}]}))
}

fn handle(
    bot: &mut Bot,
    method: &str,
    path: &str,
    query: &str,
    auth: Option<&str>,
    body: &Value,
) -> (Reply, Option<String>) {
    bot.requests += 1;
    let once = bot.requests == 1 && bot.faults.contains(&KoreFault::RateLimitOnce);
    if once || bot.faults.contains(&KoreFault::RateLimitAlways) {
        return (rate_limited(if once { "1" } else { "0" }), None);
    }
    let app_id = match authenticate(bot, auth) {
        Ok(app_id) => app_id,
        Err(reply) => return (reply, None),
    };
    if method != "GET" && bot.faults.contains(&KoreFault::EchoingBadRequest) {
        let msg = format!(
            "invalid request {body} (auth: {})",
            auth.unwrap_or_default()
        );
        return (error(400, &msg), Some(app_id));
    }
    let first_write = method != "GET" && !bot.wrote;
    if method != "GET" {
        bot.wrote = true;
    }
    let reply = route(bot, &app_id, method, path, query, body);
    if first_write && bot.faults.contains(&KoreFault::Error500AfterFirstWrite) {
        return (error(500, "Internal Server Error"), Some(app_id));
    }
    (reply, Some(app_id))
}

/// Checks the JWT; the `appId` of a valid one.
fn authenticate(bot: &mut Bot, auth: Option<&str>) -> Result<String, Reply> {
    let Some(token) = auth else {
        return Err(error(401, "error verifying the jwt: auth token is missing"));
    };
    let refused = || error(401, "error verifying the jwt: invalid signature");
    let payload = jwt::peek_payload(token).map_err(|_| refused())?;
    let app_id = payload
        .get("appId")
        .and_then(Value::as_str)
        .ok_or_else(refused)?
        .to_string();
    let app = bot.apps.get(&app_id).ok_or_else(refused)?;
    let verified = jwt::verify(token, &app.secret).map_err(|_| refused())?;
    let Some(jti) = verified.payload.get("jti").and_then(Value::as_str) else {
        return Err(error(401, "error verifying the jwt: jti claim is required"));
    };
    let now = unix_now();
    let exp = verified.payload.get("exp").and_then(Value::as_u64);
    if exp.is_some_and(|exp| exp > now + 3600) {
        return Err(Reply::json_text(401, EXP_TOO_FAR));
    }
    if exp.is_some_and(|exp| exp + 60 < now) {
        return Err(error(401, "error verifying the jwt: token expired"));
    }
    if !bot.jtis.insert(jti.to_string()) {
        return Err(Reply::json_text(401, REPLAY));
    }
    Ok(app_id)
}

fn route(
    bot: &mut Bot,
    app_id: &str,
    method: &str,
    path: &str,
    query: &str,
    body: &Value,
) -> Reply {
    let (rest, legacy) = match bot_path(bot, path) {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let scopes = bot
        .apps
        .get(app_id)
        .map(|a| a.scopes.clone())
        .unwrap_or_default();
    // Undocumented: chosen (403 with the error envelope).
    let needs = |scope: &str| -> Option<Reply> {
        (!scopes.contains(&scope)).then(|| {
            error(
                403,
                &format!("The app is not authorized for this API: scope {scope} is not granted"),
            )
        })
    };
    match (method, rest.as_slice(), legacy) {
        ("GET", ["agentintegrations", "channelmappings"], false) => {
            if let Some(refused) = needs(SCOPE_READ) {
                return refused;
            }
            if bot.faults.contains(&KoreFault::NoMappingsYet) && bot.integrations.len() <= 1 {
                return error(404, "No agent integrations configured");
            }
            mappings_answer(bot)
        }
        ("PUT", ["agentintegrations", "channelmappings"], false) => {
            if let Some(refused) = needs(SCOPE_WRITE) {
                return refused;
            }
            put_mappings(bot, body)
        }
        (m @ ("POST" | "PUT" | "DELETE"), ["agentintegrations", "chat", integration], false) => {
            if let Some(refused) = needs(SCOPE_WRITE) {
                return refused;
            }
            write_integration(bot, m, integration, query, body)
        }
        ("POST", ["publish"], false) => {
            if let Some(refused) = needs(SCOPE_PUBLISH) {
                return refused;
            }
            start_publish(bot, body)
        }
        ("GET", ["publish", "status"], legacy) => {
            if !legacy && bot.faults.contains(&KoreFault::LegacyPublishStatusPath) {
                return error(404, "Not found");
            }
            if let Some(refused) = needs(SCOPE_PUBLISH) {
                return refused;
            }
            publish_status(bot)
        }
        _ => error(404, "Not found"),
    }
}

/// Decides whether `path` is under this bot's public API (a 404 otherwise, "Bot not found"
/// for another bot's id), and gives what follows the bot id and whether the path is the
/// legacy `/api/1.1/` one.
fn bot_path<'a>(bot: &Bot, path: &'a str) -> Result<(Vec<&'a str>, bool), Reply> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let rest = match segments.as_slice() {
        ["api", "public", "bot", id, rest @ ..]
        | ["api", "1.1", "public", "bot", id, rest @ ..]
            if *id == bot.id =>
        {
            rest.to_vec()
        }
        ["api", "public", "bot", _, ..] | ["api", "1.1", "public", "bot", _, ..] => {
            return Err(error(404, "Bot not found"));
        }
        _ => return Err(error(404, "Not found")),
    };
    Ok((rest, segments[1] == "1.1"))
}

/// Starts a publish: refuses one without a `versionComment`; a publish fails when the
/// simulator was told so, and keeps the previous one's final status.
fn start_publish(bot: &mut Bot, body: &Value) -> Reply {
    if body.get("versionComment").and_then(Value::as_str).is_none() {
        return error(400, "versionComment is required");
    }
    let fails = bot.faults.contains(&KoreFault::PublishFails);
    let previous = bot.publish.as_ref().map(|p| (1, final_status(&bot.id, p)));
    bot.publish = Some(Publish {
        id: format!("ds-{}", &id_like("x")[2..]),
        requested: format!("{}", unix_now()),
        polls_left: 2,
        fails,
        previous,
        ended: false,
    });
    Reply::json_text(200, PUBLISHED)
}

fn mappings_answer(bot: &Bot) -> Reply {
    Reply::json(
        200,
        &json!({
            "channelMappings": bot.mappings,
            "state": "configured",
            "requiresPublish": bot.requires_publish,
        }),
    )
}

fn put_mappings(bot: &mut Bot, body: &Value) -> Reply {
    let Some(map) = body.get("channelMappings").and_then(Value::as_object) else {
        return error(400, "channelMappings is required");
    };
    let missing: Vec<&str> = std::iter::once("default")
        .chain(bot.channels.iter().map(String::as_str))
        .filter(|c| !map.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        // The documented message (ATI-a).
        return error(
            400,
            &format!(
                "channelMappings must map every channel enabled for this app. Missing: {}.",
                missing.join(", ")
            ),
        );
    }
    for (channel, integration) in map {
        if channel != "default" && !bot.channels.contains(channel) {
            return error(
                400,
                &format!("channel {channel} is not enabled for this app"),
            );
        }
        let Some(integration) = integration.as_str() else {
            return error(400, &format!("channelMappings.{channel} must be a string"));
        };
        if !bot.integrations.contains_key(integration) {
            return error(
                400,
                &format!("channelMappings.{channel} maps to {integration}, which is not configured for this app"),
            );
        }
    }
    bot.mappings = map.clone();
    bot.requires_publish = true;
    mappings_answer(bot)
}

fn write_integration(
    bot: &mut Bot,
    method: &str,
    integration: &str,
    query: &str,
    body: &Value,
) -> Reply {
    if !INTEGRATIONS.contains(&integration) {
        return error(400, &format!("unknown integration {integration}"));
    }
    let exists = bot.integrations.contains_key(integration);
    if method == "DELETE" {
        if bot.integrations.remove(integration).is_none() {
            return error(404, &format!("{integration} is not configured"));
        }
        for value in bot.mappings.values_mut() {
            if value.as_str() == Some(integration) {
                *value = json!("kore");
            }
        }
        bot.integrations
            .entry("kore".into())
            .or_insert_with(|| json!({"enabled": true}));
        bot.requires_publish = true;
        return Reply::json(
            200,
            &json!({"status": "deleted", "integration": integration}),
        );
    }
    // Undocumented: chosen (POST on an existing integration is 409, PUT on a missing one 404).
    if method == "POST" && exists {
        return error(
            409,
            &format!("{integration} is already configured; use PUT to update it"),
        );
    }
    if method == "PUT" && !exists {
        return error(
            404,
            &format!("{integration} is not configured; use POST to enable it"),
        );
    }
    if integration == "servicenow" {
        if let Err(why) = check_servicenow(body) {
            return error(400, &why);
        }
    }
    bot.integrations
        .insert(integration.to_string(), body.clone());
    if query.split('&').any(|p| p == "setAsDefault=true") {
        bot.mappings.insert("default".into(), json!(integration));
    }
    bot.requires_publish = true;
    Reply::json_text(200, CONFIGURED)
}

/// The two documented ServiceNow shapes: flat (`authType: basic`, camelCase) and wrapped
/// (`{enabled, config}`, `authType: oauth2_refresh_token`, snake_case).
fn check_servicenow(body: &Value) -> Result<(), String> {
    let text = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| format!("{key} is required"))
            .map(|_| ())
    };
    let (config, wrapped) = match body.get("config") {
        Some(config) => (config, true),
        None => (body, false),
    };
    text(config, "host")?;
    let host = config["host"].as_str().unwrap_or_default();
    if !(host.starts_with("https://") || host.starts_with("http://127.0.0.1")) {
        return Err(
            "host must be the instance URL, such as https://dev12345.service-now.com".into(),
        );
    }
    if config.get("VAApi").and_then(Value::as_bool).is_none() {
        return Err("VAApi must be true or false".into());
    }
    match (config.get("authType").and_then(Value::as_str), wrapped) {
        (Some("basic"), false) => {
            text(config, "userId")?;
            text(config, "password")
        }
        (Some("oauth2_refresh_token"), true) => {
            if body.get("enabled").and_then(Value::as_bool).is_none() {
                return Err("enabled is required".into());
            }
            text(config, "client_id")?;
            text(config, "client_secret")?;
            text(config, "refresh_token")
        }
        (Some(other), _) => Err(format!("authType {other} is not valid in this shape")),
        (None, _) => Err("authType is required".into()),
    }
}

fn publish_status(bot: &mut Bot) -> Reply {
    let Some(job) = bot.publish.as_mut() else {
        return error(404, "no publish request found for this bot");
    };
    if let Some((polls, previous)) = job.previous.as_mut() {
        if *polls > 0 {
            *polls -= 1;
            return Reply::json(200, previous);
        }
    }
    if job.polls_left > 0 || bot.faults.contains(&KoreFault::PublishStalls) {
        job.polls_left = job.polls_left.saturating_sub(1);
        let mut status = status_of(&bot.id, job);
        status["status"] = json!("inprogress");
        status["percentageComplete"] = json!(50);
        return Reply::json(200, &status);
    }
    let status = final_status(&bot.id, job);
    if !job.fails && !job.ended {
        bot.requires_publish = false;
    }
    job.ended = true;
    Reply::json(200, &status)
}

/// The documented status document for `job`, as it ends.
fn final_status(bot_id: &str, job: &Publish) -> Value {
    let mut status = status_of(bot_id, job);
    if job.fails {
        status["status"] = json!("failed");
        if let Some(first) = status["statusSummary"].get_mut(1) {
            first["status"] = json!("FAILED");
        }
    }
    status
}

fn status_of(bot_id: &str, job: &Publish) -> Value {
    let mut status: Value = serde_json::from_str(PUBLISH_STATUS).unwrap_or(Value::Null);
    status["streamId"] = json!(bot_id);
    status["_id"] = json!(job.id);
    status["requestedTime"] = json!(job.requested);
    status
}

/// Replaces every secret of an integration body (`password`, `client_secret`,
/// `refresh_token`) with `***`.
fn hide_secrets(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if matches!(key.as_str(), "password" | "client_secret" | "refresh_token") {
                    *v = json!("***");
                } else {
                    hide_secrets(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(hide_secrets),
        _ => {}
    }
}
