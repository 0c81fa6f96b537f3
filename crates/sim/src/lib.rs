//! A simulated ServiceNow instance: a real HTTP/1.1 server on 127.0.0.1 that answers the
//! Table API (`/api/now/table/…`, `/api/now/v1|v2/table/…`), the CI/CD API
//! (`/api/sn_cicd/…`), the AWA Agent API (`/api/now/awa/agents/…`), OAuth (`/oauth_token.do`,
//! `/oauth_auth.do`), the Virtual Agent API (`/api/sn_va_as_service/bot/integration`) and
//! `/stats.do` the way real instances do, including their error bodies, headers and quirks, in
//! one of a few [`Scenario`]s. It backs `sn-handoff demo` and the tests.
//!
//! This file owns the public API and the server loop; `handler` decides each answer (`cicd`,
//! `awa`, `oauth` and `va` those of their APIs), `state` holds the tables, `seed` the starting
//! records, `query` the encoded-query language. `kore` is a second server, the simulated
//! Kore.ai platform.

mod awa;
mod cicd;
mod cicd_plan;
mod handler;
mod jwt;
pub mod kore;
mod oauth;
mod oauth_grants;
mod query;
mod schema;
mod seed;
mod state;
mod va;
mod va_tables;
mod wire;

#[cfg(test)]
mod tests;

use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
#[cfg(any(test, feature = "test-support"))]
use serde_json::Map;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

use seed::SeedOptions;
use state::{now_datetime, random_password, Db, Instance};
#[cfg(any(test, feature = "test-support"))]
use state::{random_sys_id, InsertWhileReading, PendingEdit};
use wire::{Context, Reply, Request};

/// The endpoint the "VABot to Bot" REST message and its postMessage method ship with: the
/// example of ServiceNow's "Configure output response REST endpoint" page.
pub const PLACEHOLDER_ENDPOINT: &str =
    "http://<customer instance>/demo/rest/service/nowbot/processResponse";

/// The simulated Kore.ai bot's id (unless a test picks another): the bot whose webhook URL the
/// `configured` scenario holds, so that a simulated instance and a simulated bot are one
/// hand-off.
pub const SIM_BOT_ID: &str = "st-00000000-0000-4000-8000-000000000001";

/// The Kore.ai webhook URL the `configured` scenario has set on "VABot to Bot" and its
/// postMessage method: the simulated bot's.
pub const CONFIGURED_WEBHOOK_URL: &str =
    "https://bots.kore.ai/chatbot/v2/webhook/st-00000000-0000-4000-8000-000000000001";

/// Scenarios of `sn-handoff demo --scenario`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Scenario {
    /// A new developer instance at the start of the guide: nothing configured yet.
    #[default]
    Fresh,
    /// The same instance after the guide was followed: every check passes.
    Configured,
    /// A hibernating developer instance: every request gets the HTML hibernation page.
    Hibernating,
    /// Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first
    /// refused with 429, then with 503, and answered normally from the third attempt on.
    RateLimited,
    /// Like `fresh`, but the credentials handed out are a non-admin's (`beth.anglin`, itil).
    ReadOnly,
    /// `configured` without an active queue on the Chat channel.
    NoQueue,
    /// `configured`, but the Chat queue's eligibility pool holds another group.
    PoolWithoutGroup,
    /// `configured`, but the group's eligibility pool names no assignment rule.
    NoAssignmentRule,
    /// `configured`, but every agent has used their Chat capacity.
    NoCapacity,
    /// `configured`, but Chat is not a channel of the Available presence state for the agent.
    ChatNotAvailable,
    /// `configured`, but the provider's account linking is off.
    LinkingOff,
    /// `configured`, but a second active user has abel.tuter's email.
    DuplicateEmail,
}

impl Scenario {
    /// Whether the instance starts as the guide left it (`configured` and its broken variants).
    pub fn configured(self) -> bool {
        !matches!(
            self,
            Scenario::Fresh | Scenario::Hibernating | Scenario::RateLimited | Scenario::ReadOnly
        )
    }

    /// What the scenario breaks beyond the guide.
    pub fn faults(self) -> &'static [Fault] {
        match self {
            Scenario::NoQueue => &[Fault::NoQueue],
            Scenario::PoolWithoutGroup => &[Fault::NoRoutingQueue],
            Scenario::NoAssignmentRule => &[Fault::NoAssignmentRule],
            Scenario::NoCapacity => &[Fault::NoCapacity],
            Scenario::ChatNotAvailable => &[Fault::ChatNotAvailable],
            Scenario::LinkingOff => &[Fault::LinkingOff],
            Scenario::DuplicateEmail => &[Fault::DuplicateEmail],
            _ => &[],
        }
    }
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Scenario::Fresh => "fresh",
            Scenario::Configured => "configured",
            Scenario::Hibernating => "hibernating",
            Scenario::RateLimited => "rate-limited",
            Scenario::ReadOnly => "read-only",
            Scenario::NoQueue => "no-queue",
            Scenario::PoolWithoutGroup => "pool-without-group",
            Scenario::NoAssignmentRule => "no-assignment-rule",
            Scenario::NoCapacity => "no-capacity",
            Scenario::ChatNotAvailable => "chat-not-available",
            Scenario::LinkingOff => "linking-off",
            Scenario::DuplicateEmail => "duplicate-email",
        };
        f.write_str(name)
    }
}

/// Release families the simulated instance can claim. The build tags follow the form of the
/// real ones (`glide-<family>-<branch date>__patch<n>-<patch date>`; Brazil's is the one in its
/// release notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Release {
    /// San Diego (2022), older than Tokyo.
    #[value(alias = "sandiego")]
    SanDiego,
    /// Tokyo (2022): Kore.ai's Connect Support setup, not the one sn-handoff prepares.
    Tokyo,
    /// Utah (2023), out of support.
    Utah,
    /// Vancouver (2023), out of support.
    Vancouver,
    /// Washington DC (2024), out of support.
    Washingtondc,
    /// Xanadu (2024), out of support.
    Xanadu,
    /// Yokohama (2025), still patched.
    Yokohama,
    /// Zurich (2025), still patched.
    Zurich,
    /// Australia (2026), supported (N-1).
    #[default]
    Australia,
    /// Brazil (2026), the current family.
    Brazil,
    /// A family newer than sn-handoff knows (its build tag names `cascadia`).
    Newer,
}

impl Release {
    /// The family token of the build tag: `sandiego`, `tokyo`, …, `australia`, `brazil`.
    pub fn family(self) -> &'static str {
        match self {
            Release::SanDiego => "sandiego",
            Release::Tokyo => "tokyo",
            Release::Utah => "utah",
            Release::Vancouver => "vancouver",
            Release::Washingtondc => "washingtondc",
            Release::Xanadu => "xanadu",
            Release::Yokohama => "yokohama",
            Release::Zurich => "zurich",
            Release::Australia => "australia",
            Release::Brazil => "brazil",
            Release::Newer => "cascadia",
        }
    }

    /// `glide.buildname` / "Build name:" of `/stats.do`: `Vancouver`, `Washingtondc`,
    /// `San Diego`, …
    pub fn build_name(self) -> &'static str {
        match self {
            Release::SanDiego => "San Diego",
            Release::Tokyo => "Tokyo",
            Release::Utah => "Utah",
            Release::Vancouver => "Vancouver",
            Release::Washingtondc => "Washingtondc",
            Release::Xanadu => "Xanadu",
            Release::Yokohama => "Yokohama",
            Release::Zurich => "Zurich",
            Release::Australia => "Australia",
            Release::Brazil => "Brazil",
            Release::Newer => "Cascadia",
        }
    }

    /// `glide.buildtag` / "Build tag:" of `/stats.do`, e.g.
    /// `glide-brazil-08-25-2026__patch0-08-26-2026`.
    pub fn build_tag(self) -> &'static str {
        match self {
            Release::SanDiego => "glide-sandiego-12-22-2021__patch7-01-19-2023",
            Release::Tokyo => "glide-tokyo-07-08-2022__patch6-01-26-2023",
            Release::Utah => "glide-utah-12-21-2022__patch5-06-22-2023",
            Release::Vancouver => "glide-vancouver-07-06-2023__patch4-12-14-2023",
            Release::Washingtondc => "glide-washingtondc-12-20-2023__patch3-04-18-2024",
            Release::Xanadu => "glide-xanadu-07-02-2024__patch2-10-02-2024",
            Release::Yokohama => "glide-yokohama-12-18-2024__patch12w33-hotfix1-08-20-2025",
            Release::Zurich => "glide-zurich-07-01-2025__patch4-11-20-2025",
            Release::Australia => "glide-australia-01-28-2026__patch11m-07-09-2026",
            Release::Brazil => "glide-brazil-08-25-2026__patch0-08-26-2026",
            Release::Newer => "glide-cascadia-02-01-2027__patch0-03-01-2027",
        }
    }

    /// "Build date:" of `/stats.do`, e.g. `12-21-2023_1031`.
    pub fn build_date(self) -> &'static str {
        match self {
            Release::SanDiego => "01-25-2023_1105",
            Release::Tokyo => "02-01-2023_0855",
            Release::Utah => "06-28-2023_1448",
            Release::Vancouver => "12-21-2023_1031",
            Release::Washingtondc => "04-24-2024_0934",
            Release::Xanadu => "10-09-2024_1217",
            Release::Yokohama => "08-27-2025_0912",
            Release::Zurich => "11-26-2025_1340",
            Release::Australia => "07-15-2026_1020",
            Release::Brazil => "09-02-2026_0815",
            Release::Newer => "03-08-2027_1100",
        }
    }

    /// The Virtual Agent API version an instance of this family typically runs (ServiceNowDocs
    /// `store-release-notes/store-rn-virtual-agent-api.md`: 3.x up to Yokohama, 3.15.x on
    /// Yokohama, 4.0.0 Zurich, 4.1.2 to 4.4.0 Australia): the 3.x line replies through the REST
    /// message, 4.1 and later also through the "Bot Connection".
    pub fn va_api_version(self) -> &'static str {
        match self {
            Release::SanDiego | Release::Tokyo | Release::Utah | Release::Vancouver => "3.0.2",
            Release::Washingtondc => "3.10.1",
            Release::Xanadu => "3.14.2",
            Release::Yokohama => "3.15.2",
            Release::Zurich => "4.0.0",
            Release::Australia => "4.1.2",
            Release::Brazil | Release::Newer => "4.4.0",
        }
    }

    /// `glide.war`, e.g.
    /// `glide-vancouver-07-06-2023__patch4-12-14-2023_12-21-2023_1031.zip`.
    pub fn war(self) -> String {
        format!("{}_{}.zip", self.build_tag(), self.build_date())
    }
}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.build_name())
    }
}

/// How to start a [`Simulator`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SimOptions {
    /// The scenario to play.
    pub scenario: Scenario,
    /// The release the instance claims.
    pub release: Release,
    /// Delay added to every response before it is sent (concurrently per request).
    pub latency: Duration,
    /// The instance's own work per request (a node's semaphore slot is held for it), as a
    /// real node spends tens of milliseconds on each REST transaction.
    pub server_time: Duration,
    /// How many API transactions the instance works on at once (ServiceNow's API semaphore
    /// per node); the rest queue for a slot. `None`: no cap.
    pub api_slots: Option<usize>,
    /// Port on 127.0.0.1; 0 picks any free port.
    pub port: u16,
    /// Add a second "VABot to Bot" REST message (with its own postMessage method), so a
    /// lookup by name is ambiguous.
    pub duplicate_message: bool,
    /// The lifespan of OAuth access tokens, instead of the OAuth app's (1800 s). A zero
    /// lifespan makes every access token expired on arrival.
    pub access_token_lifespan: Option<Duration>,
    /// Each OAuth access token answers this many API requests, then is refused with 401 as an
    /// expired one is: a way to expire a token in the middle of a run without waiting.
    pub access_token_requests: Option<u32>,
    /// A refresh-token grant returns a new refresh token and revokes the one it was given.
    pub rotate_refresh_tokens: bool,
    /// Serve HTTPS with this certificate and key instead of plain HTTP.
    pub tls: Option<TlsIdentity>,
    /// With `tls`: ask clients for a certificate, and take one this CA (PEM) signed as the
    /// scenario's user signing in (mutual TLS); a connection without one is still served.
    pub client_ca_pem: Option<String>,
    /// Writes that fail with 500 and change nothing: `table` fails every Table API write
    /// (POST, PATCH, PUT, DELETE) to that table, `table#n` only the n-th one;
    /// `awa_agent_presence` stands for the AWA Agent API's `PUT`, `sn_cicd` for CI/CD requests.
    /// A suffix picks another refusal, still before anything is written: `table#n@429` a 429
    /// with `Retry-After: 0`, `table#n@reset` the connection closed without an answer.
    pub fail_writes: Vec<String>,
    /// CI/CD operations never leave Pending, as when the Application Operation Queue is
    /// paused or busy with something long.
    pub cicd_stall: bool,
    /// How many progress polls a CI/CD operation answers before it ends (0: two, the first
    /// one saying it runs). A real activation takes seconds to minutes.
    pub cicd_polls: u32,
    /// Store application installs through the CI/CD API fail, as on an instance without the
    /// entitlement: each batch item ends Failed with a `status_message` saying so.
    pub store_install_refused: bool,
    /// Store applications (by scope) the instance is not entitled to: they have no
    /// `sys_remote_app` row, so there is nothing to install.
    pub unentitled_store_apps: Vec<String>,
    /// The version of the Virtual Agent API application (`sys_store_app.version` of
    /// `sn_va_as_service`, and what the Store offers); 4.1 and later reply through the
    /// "Bot Connection" of the outbound configuration. Default: the release's
    /// ([`Release::va_api_version`]).
    pub va_api_version: Option<String>,
    /// What is broken beyond the guide's steps (on top of the scenario's records).
    pub faults: Vec<Fault>,
    /// Row-level read ACLs: `(table, n)` hides every n-th row of `table` that a list query
    /// matches. As on an instance, `sysparm_limit` is applied before the ACL, so such a page
    /// comes back short while `X-Total-Count` still counts every matching row.
    pub acl_hidden: Vec<(String, usize)>,
    /// Lists are answered without `X-Total-Count`, as through a proxy that drops headers.
    pub no_total_count: bool,
    /// A customer's guest chat arrives on the Bot to Bot channel at the same moment as the
    /// first request for a live agent (whether or not that request's token is right): its
    /// own user id (`customer-…`), provider user map, conversation, messages, interaction and
    /// work item, as real traffic on the instance would.
    pub customer_chat: bool,
    /// Writes that are carried out but whose answer is lost or late (targets as in
    /// `fail_writes`: `table` for every write to it, `table#n` for the n-th).
    pub write_faults: Vec<WriteFault>,
    /// Reads that fail: `table` answers every Table API `GET` of that table with 503
    /// (`Retry-After: 0`), `table@401` with the 401 of a login the instance no longer takes;
    /// `table#n` (and `table#n@401`) only its n-th `GET` (from 1).
    pub fail_reads: Vec<String>,
}

/// A write that is carried out, and then its answer goes wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteFault {
    /// `table` (every write to it) or `table#n` (the n-th, from 1).
    pub target: String,
    /// What happens to the answer.
    pub after: AfterWrite,
}

/// What happens to the answer of a write of [`WriteFault`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterWrite {
    /// The connection is dropped without an answer.
    DropConnection,
    /// The answer comes this late (past a client's timeout).
    AnswerLate(Duration),
    /// The answer is a 500 although the write was carried out, as when a slow business rule
    /// runs past the transaction's quota after the row was saved ("Transaction cancelled:
    /// maximum execution time exceeded").
    Answer500,
    /// The answer is a 200 whose body holds no record (`{"result": {}}`), as from an API that
    /// answers less than its documentation shows: what was written is known only by reading
    /// it back.
    AnswerBare,
}

/// A way the configuration beyond the guide can be broken, for `check --deep` and
/// `smoke-test` to find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The Agent Chat plugin (`com.glide.interaction.awa`) is inactive.
    AgentChatInactive,
    /// `glide.awa.enabled` is false: AWA offers nothing.
    AwaDisabled,
    /// Virtual Agent API 4.1 or later whose "Bot Connection" still holds ServiceNow's example
    /// URL (implies `va_api_version` 4.1.2 unless one is given).
    StaleReplyUrl,
    /// The provider application has no message auth.
    NoMessageAuth,
    /// The "Bot to Bot" channel is listed in `com.glide.cs.exclude.liveagent.support`.
    ChannelExcluded,
    /// The "Bot to Bot" channel has its own `disable_live_agent` = `true` Channel Property
    /// (Xanadu and later).
    ChannelDisablesLiveAgent,
    /// No eligibility pool of an active Chat queue holds the guide's group.
    NoRoutingQueue,
    /// AWA never offers a queued chat, as when every agent is at capacity.
    NeverOffered,
    /// The "Available" presence state does not list the Chat service channel, so AWA routes
    /// no chats to anyone Available.
    AvailableWithoutChat,
    /// The agent is Available, and available on Chat only in another presence state (Away):
    /// the row for the current state says not available.
    ChatOnInAnotherState,
    /// Every queue on the Chat channel is inactive.
    NoQueue,
    /// The guide's group's eligibility pool names no assignment rule.
    NoAssignmentRule,
    /// Every agent's Chat workload has reached their capacity (so AWA offers nothing).
    NoCapacity,
    /// The agent's Chat availability exists only for the Away state: Chat is not a channel of
    /// the Available state for them.
    ChatNotAvailable,
    /// `automatic_link_enabled` and `link_account_enabled` are false on the provider.
    LinkingOff,
    /// A second active user (`abel.tuter2`) has the email of abel.tuter.
    DuplicateEmail,
}

/// A certificate chain and its private key, both PEM, for serving HTTPS.
#[derive(Clone, PartialEq, Eq)]
pub struct TlsIdentity {
    /// The certificate chain, leaf first.
    pub cert_pem: String,
    /// The private key (PKCS#8, PKCS#1 or SEC1).
    pub key_pem: String,
}

impl fmt::Debug for TlsIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsIdentity").finish_non_exhaustive()
    }
}

impl TlsIdentity {
    fn acceptor(&self, client_ca: Option<&str>) -> std::io::Result<tokio_rustls::TlsAcceptor> {
        use tokio_rustls::rustls::pki_types::pem::PemObject;
        use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let invalid = |e: &dyn fmt::Display| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, e.to_string())
        };
        let certs = CertificateDer::pem_slice_iter(self.cert_pem.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| invalid(&e))?;
        let key =
            PrivateKeyDer::from_pem_slice(self.key_pem.as_bytes()).map_err(|e| invalid(&e))?;
        let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let builder =
            tokio_rustls::rustls::ServerConfig::builder_with_provider(Arc::clone(&provider))
                .with_safe_default_protocol_versions()
                .map_err(|e| invalid(&e))?;
        let builder = match client_ca {
            Some(ca) => {
                let mut roots = tokio_rustls::rustls::RootCertStore::empty();
                for cert in CertificateDer::pem_slice_iter(ca.as_bytes()) {
                    roots
                        .add(cert.map_err(|e| invalid(&e))?)
                        .map_err(|e| invalid(&e))?;
                }
                let verifier =
                    tokio_rustls::rustls::server::WebPkiClientVerifier::builder_with_provider(
                        Arc::new(roots),
                        provider,
                    )
                    .allow_unauthenticated()
                    .build()
                    .map_err(|e| invalid(&e))?;
                builder.with_client_cert_verifier(verifier)
            }
            None => builder.with_no_client_auth(),
        };
        let config = builder
            .with_single_cert(certs, key)
            .map_err(|e| invalid(&e))?;
        Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
    }
}

/// One request the simulator answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    /// HTTP method (`GET`, `PATCH`, …).
    pub method: String,
    /// Path, as sent (still percent-encoded).
    pub path: String,
    /// Raw query string without `?`, still percent-encoded; empty when there was none.
    pub query: String,
    /// Status code answered.
    pub status: u16,
    /// The authenticated `user_name`, or `None` when the request did not authenticate.
    pub user: Option<String>,
    /// Which round trip it belongs to: one more than the latest round whose answer had been
    /// sent when it arrived (before it waited for an API slot). Requests a client sends at
    /// once share a round; a request sent after reading an answer is in a later one. The
    /// count goes on across runs; a run's rounds are its last round minus the round before
    /// its first request. Exact when the latency is long next to the client's own work.
    pub round: u32,
}

/// A running simulated instance. Dropping it stops the server.
pub struct Simulator {
    addr: SocketAddr,
    url: String,
    username: String,
    password: String,
    instance: Arc<Mutex<Instance>>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for Simulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Simulator")
            .field("url", &self.url)
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

/// The instance's records as the options seed them, with the secrets minted for this start.
fn seeded(opts: &SimOptions) -> Db {
    let mut faults = opts.faults.clone();
    faults.extend_from_slice(opts.scenario.faults());
    let mut db = Db::empty();
    seed::seed(
        &mut db,
        SeedOptions {
            configured: opts.scenario.configured(),
            release: opts.release,
            duplicate_message: opts.duplicate_message,
            va_api_version: opts.va_api_version.clone(),
            faults,
        },
    );
    for scope in &opts.unentitled_store_apps {
        if let Some(id) = db
            .find("sys_remote_app", "scope", scope)
            .and_then(|r| r.get("sys_id").cloned())
        {
            db.delete("sys_remote_app", &id);
        }
    }
    if let Some(app) = db.find("oauth_entity", "name", seed::OAUTH_APP) {
        let sys_id = app.get("sys_id").cloned().unwrap_or_default();
        let secret = [("client_secret".to_string(), random_password())];
        db.update("oauth_entity", &sys_id, &secret, "admin", &now_datetime());
    }
    if let Some(token) = db.find("token_verification", "name", seed::MESSAGE_TOKEN) {
        let sys_id = token.get("sys_id").cloned().unwrap_or_default();
        let secret = [("token".to_string(), random_password())];
        db.update(
            "token_verification",
            &sys_id,
            &secret,
            "admin",
            &now_datetime(),
        );
    }
    db
}

/// A started instance: its records, a password per user, and nothing asked of it yet.
fn instance(db: Db, username: &str, opts: &SimOptions) -> Instance {
    let passwords = db
        .table("sys_user")
        .map(|t| {
            t.rows
                .iter()
                .filter_map(|row| row.get("user_name").cloned())
                .map(|user| (user, random_password()))
                .collect()
        })
        .unwrap_or_default();
    let api_keys = [(random_password(), username.to_string())]
        .into_iter()
        .collect();
    Instance {
        db,
        passwords,
        api_keys,
        api_key_policy: true,
        certificate_user: Some(username.to_string()),
        log: Vec::new(),
        attempts: Default::default(),
        in_flight: 0,
        max_in_flight: 0,
        answered_round: 0,
        oauth: oauth_grants::OAuthState {
            access_lifespan: opts.access_token_lifespan,
            access_requests: opts.access_token_requests,
            rotate: opts.rotate_refresh_tokens,
            ..Default::default()
        },
        operations: Default::default(),
        batches: Default::default(),
        va: Default::default(),
        edit_before_write: None,
        inserts_while_reading: Vec::new(),
        write_counts: Default::default(),
        read_counts: Default::default(),
        answer_counts: Default::default(),
        write_hooks: Vec::new(),
        table_writes: 0,
        target_hooks: Vec::new(),
        target_edits: Vec::new(),
        hook_counts: Default::default(),
        hibernating: opts.scenario == Scenario::Hibernating,
    }
}

/// What the options fix for every request.
fn context(opts: &SimOptions, url: &str) -> Context {
    Context {
        scenario: opts.scenario,
        release: opts.release,
        origin: url.to_string(),
        fail_writes: opts.fail_writes.clone(),
        fail_reads: opts.fail_reads.clone(),
        cicd_stall: opts.cicd_stall,
        cicd_polls: opts.cicd_polls.max(2),
        store_install_refused: opts.store_install_refused,
        never_offer: opts.faults.contains(&Fault::NeverOffered)
            || opts.faults.contains(&Fault::NoCapacity),
        write_faults: opts.write_faults.clone(),
        acl_hidden: opts.acl_hidden.clone(),
        no_total_count: opts.no_total_count,
        customer_chat: opts.customer_chat,
    }
}

impl Simulator {
    /// Bind 127.0.0.1:`port` and serve in a tokio task until [`Simulator::shutdown`] or drop.
    ///
    /// # Errors
    /// When the port cannot be bound (e.g. it is in use).
    pub async fn start(opts: SimOptions) -> std::io::Result<Simulator> {
        let acceptor = opts
            .tls
            .as_ref()
            .map(|tls| tls.acceptor(opts.client_ca_pem.as_deref()))
            .transpose()?;
        let listener = TcpListener::bind(("127.0.0.1", opts.port)).await?;
        let addr = listener.local_addr()?;
        let scheme = if acceptor.is_some() { "https" } else { "http" };
        let url = format!("{scheme}://{addr}");

        let username = match opts.scenario {
            Scenario::ReadOnly => "beth.anglin",
            _ => "admin",
        }
        .to_string();
        let instance = instance(seeded(&opts), &username, &opts);
        let password = (instance.passwords.get(&username))
            .cloned()
            .unwrap_or_default();
        let instance = Arc::new(Mutex::new(instance));
        let context = Arc::new(context(&opts, &url));
        let task = tokio::spawn(serve(
            listener,
            acceptor,
            context,
            Arc::clone(&instance),
            Timing {
                latency: opts.latency,
                server_time: opts.server_time,
                slots: opts
                    .api_slots
                    .map(|n| Arc::new(tokio::sync::Semaphore::new(n.max(1)))),
            },
        ));
        Ok(Simulator {
            addr,
            url,
            username,
            password,
            instance,
            task: Some(task),
        })
    }

    /// The instance's records, for a demo world to keep between runs (no secret: the OAuth
    /// app's client secret and the message token are minted at each start).
    pub fn snapshot(&self) -> Value {
        serde_json::to_value(self.lock().db.snapshot()).unwrap_or(Value::Null)
    }

    /// Puts back the records of a [`Simulator::snapshot`] (before anyone uses the instance);
    /// a snapshot that does not parse leaves the instance as it started.
    pub fn restore(&self, snapshot: &Value) -> bool {
        let Ok(tables) = serde_json::from_value::<
            std::collections::BTreeMap<String, Vec<std::collections::HashMap<String, String>>>,
        >(snapshot.clone()) else {
            return false;
        };
        self.lock().db.restore(&tables);
        true
    }

    /// The instance URL, `http://127.0.0.1:PORT` (`https://` with TLS; no trailing slash).
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The login the scenario hands out: `admin`, or `beth.anglin` for `read-only`.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// The password of [`Simulator::username`], random per start.
    pub fn password(&self) -> &str {
        &self.password
    }

    /// A REST API key (`x-sn-apikey`) that signs in as [`Simulator::username`], random per
    /// start.
    pub fn api_key(&self) -> String {
        let instance = self.lock();
        let key = instance
            .api_keys
            .iter()
            .find(|(_, user)| **user == self.username)
            .map(|(key, _)| key.clone());
        key.unwrap_or_default()
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Whether a REST API access policy lets API keys sign in (on by default): off, the
    /// `x-sn-apikey` header is ignored as ServiceNow ignores it without one.
    pub fn set_api_key_policy(&self, on: bool) {
        self.lock().api_key_policy = on;
    }

    #[cfg(any(test, feature = "test-support"))]
    /// The password of any user of the instance (random per start), `None` for a user that
    /// cannot sign in.
    pub fn password_of(&self, user_name: &str) -> Option<String> {
        self.lock().passwords.get(user_name).cloned()
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Give `user_name` (a `sys_user` row) the password `password`.
    pub fn set_password(&self, user_name: &str, password: &str) {
        self.lock()
            .passwords
            .insert(user_name.to_string(), password.to_string());
    }

    /// The client id of the seeded OAuth app (System OAuth → Application Registry).
    pub fn oauth_client_id(&self) -> String {
        self.oauth_app_field("client_id")
    }

    /// The client secret of the seeded OAuth app, random per start.
    pub fn oauth_client_secret(&self) -> String {
        self.oauth_app_field("client_secret")
    }

    /// The redirect URL registered on the seeded OAuth app (at start,
    /// `http://127.0.0.1:38765/callback`, the browser login's default).
    pub fn oauth_redirect_url(&self) -> String {
        self.oauth_app_field("redirect_url")
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Sets the seeded OAuth app's Refresh Token Lifespan (seconds).
    pub fn set_oauth_refresh_lifespan(&self, secs: u64) {
        let sys_id = self.oauth_app_field("sys_id");
        self.set_field(
            "oauth_entity",
            &sys_id,
            "refresh_token_lifespan",
            &secs.to_string(),
        );
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Registers another redirect URL on the seeded OAuth app.
    pub fn set_oauth_redirect_url(&self, url: &str) {
        let sys_id = self.oauth_app_field("sys_id");
        self.set_field("oauth_entity", &sys_id, "redirect_url", url);
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Revokes every refresh token issued so far (as an admin does under System OAuth →
    /// Manage Tokens): the next refresh-token grant with one of them is refused.
    pub fn revoke_refresh_tokens(&self) {
        for token in self.lock().oauth.refresh.values_mut() {
            token.revoked = true;
        }
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Expires every access token issued so far: the next request with one gets the 401 of
    /// an expired token.
    pub fn expire_access_tokens(&self) {
        let now = std::time::Instant::now();
        for token in self.lock().oauth.access.values_mut() {
            token.expires = now;
        }
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Issues a refresh token of the seeded OAuth app to `user_name`, as a password grant
    /// would (for tests that bring their own token).
    pub fn issue_refresh_token(&self, user_name: &str) -> String {
        let client_id = self.oauth_client_id();
        let token = state::random_token();
        self.lock().oauth.refresh.insert(
            token.clone(),
            oauth_grants::RefreshToken {
                user: user_name.to_string(),
                client_id,
                expires: std::time::Instant::now() + Duration::from_secs(8_640_000),
                revoked: false,
            },
        );
        token
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Every access and refresh token issued so far (for tests that look for leaks).
    pub fn issued_tokens(&self) -> Vec<String> {
        let instance = self.lock();
        instance
            .oauth
            .access
            .keys()
            .chain(instance.oauth.refresh.keys())
            .cloned()
            .collect()
    }

    #[cfg(any(test, feature = "test-support"))]
    /// How many refresh tokens were issued and are neither revoked nor expired.
    pub fn live_refresh_tokens(&self) -> usize {
        let now = std::time::Instant::now();
        self.lock()
            .oauth
            .refresh
            .values()
            .filter(|t| !t.revoked && t.expires > now)
            .count()
    }

    fn oauth_app_field(&self, field: &str) -> String {
        self.lock()
            .db
            .find("oauth_entity", "name", seed::OAUTH_APP)
            .and_then(|row| row.get(field).cloned())
            .unwrap_or_default()
    }

    /// The static token of the provider application's message auth (random per start), which
    /// a client of the Virtual Agent API sends in its `token` header; `None` when the instance
    /// has none.
    pub fn message_token(&self) -> Option<String> {
        let instance = self.lock();
        let db = &instance.db;
        let app = db.find(
            "sys_cs_provider_application",
            "name",
            va_tables::PROVIDER_APPLICATION,
        )?;
        let auth = db.get("message_auth", app.get("message_auth")?)?;
        let token = db.get(
            "token_verification",
            auth.get("inbound_message_verification")?,
        )?;
        token.get("token").cloned().filter(|t| !t.is_empty())
    }

    /// The batch installs received so far: for each plan, its packages' ids and requested
    /// versions.
    #[cfg(any(test, feature = "test-support"))]
    pub fn batch_installs(&self) -> Vec<Vec<(String, String)>> {
        self.lock()
            .batches
            .values()
            .map(cicd_plan::BatchPlan::packages)
            .collect()
    }

    /// Moves every CI/CD operation still going on one step, as if its progress had been
    /// polled once more: the next poll of each then finds it ended (and its effect shows only
    /// then), so a run that reads the plugins first still finds them inactive, as on an
    /// instance whose `v_plugin` lags behind the progress record.
    #[cfg(any(test, feature = "test-support"))]
    pub fn advance_operations(&self) {
        for op in self.lock().operations.values_mut() {
            op.advance();
        }
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Every request answered so far, in arrival order.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.lock().log.clone()
    }

    #[cfg(any(test, feature = "test-support"))]
    /// The current rows of `table` with their raw stored values (all strings; references are
    /// bare sys_ids). Empty for a table the instance does not have.
    pub fn rows(&self, table: &str) -> Vec<Map<String, Value>> {
        let instance = self.lock();
        let Some(t) = instance.db.table(table) else {
            return Vec::new();
        };
        t.rows
            .iter()
            .map(|row| {
                t.schema
                    .columns
                    .iter()
                    .map(|c| {
                        let value = row.get(c.name).cloned().unwrap_or_default();
                        (c.name.to_string(), Value::String(value))
                    })
                    .collect()
            })
            .collect()
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Change one field of a record as someone else on the instance would: `sys_mod_count`
    /// goes up and `sys_updated_on` / `sys_updated_by` (`admin`) are set. A `sys_` field is
    /// set verbatim with nothing else touched.
    ///
    /// # Panics
    /// If the table, record or column does not exist (a mistake in the calling test).
    pub fn set_field(&self, table: &str, sys_id: &str, field: &str, value: &str) {
        let mut instance = self.lock();
        let db = &mut instance.db;
        let known = db
            .table(table)
            .unwrap_or_else(|| panic!("the simulator has no table {table}"))
            .schema
            .column(field)
            .is_some();
        assert!(known, "table {table} has no column {field}");
        if field.starts_with("sys_") {
            let row = db
                .get_mut(table, sys_id)
                .unwrap_or_else(|| panic!("no {table} record {sys_id}"));
            row.insert(field.to_string(), value.to_string());
        } else {
            let fields = [(field.to_string(), value.to_string())];
            let updated = db.update(table, sys_id, &fields, "admin", &now_datetime());
            assert!(updated, "no {table} record {sys_id}");
        }
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Insert a record as `admin` would through the API (system fields are generated; any
    /// given, including `sys_id`, win). A `sys_user` inserted this way gets a random password.
    /// Returns the sys_id.
    ///
    /// # Panics
    /// If the table or one of the columns does not exist.
    pub fn insert_row(&self, table: &str, fields: &[(&str, &str)]) -> String {
        let mut instance = self.lock();
        let schema = &instance
            .db
            .table(table)
            .unwrap_or_else(|| panic!("the simulator has no table {table}"))
            .schema;
        for (field, _) in fields {
            assert!(
                schema.column(field).is_some(),
                "table {table} has no column {field}"
            );
        }
        let sys_id = fields
            .iter()
            .find(|(f, _)| *f == "sys_id")
            .map(|(_, v)| (*v).to_string())
            .unwrap_or_else(random_sys_id);
        let row = instance
            .db
            .new_row(table, &sys_id, &now_datetime(), "admin", fields)
            .unwrap_or_else(|| panic!("the simulator has no table {table}"));
        let user_name = row.get("user_name").cloned();
        instance.db.push(table, row);
        if let (true, Some(user_name)) = (table == "sys_user", user_name) {
            instance.passwords.insert(user_name, random_password());
        }
        sys_id
    }

    /// Deletes a record as another admin would; `false` when there was none.
    #[cfg(any(test, feature = "test-support"))]
    pub fn delete_row(&self, table: &str, sys_id: &str) -> bool {
        self.lock().db.delete(table, sys_id)
    }

    #[cfg(any(test, feature = "test-support"))]
    /// The sys_id of the first record of `table` whose stored `field` equals `value`.
    pub fn sys_id_of(&self, table: &str, field: &str, value: &str) -> Option<String> {
        self.lock()
            .db
            .find(table, field, value)
            .and_then(|row| row.get("sys_id").cloned())
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Another admin's edit, made when the next write request arrives (before it is carried
    /// out): `field` of record `sys_id` of `table` becomes `value`, with `sys_mod_count`
    /// going up. This is how tests put a concurrent change between a read and a write.
    pub fn edit_before_next_write(&self, table: &str, sys_id: &str, field: &str, value: &str) {
        self.lock().edit_before_write = Some(PendingEdit {
            table: table.to_string(),
            sys_id: sys_id.to_string(),
            field: field.to_string(),
            value: value.to_string(),
        });
    }

    /// Runs `hook` when the `n`-th Table API write (POST, PATCH, PUT or DELETE to any table,
    /// counting from 1) arrives, before it is carried out: how tests act at an exact point of a
    /// run (send it a signal, change a record).
    #[cfg(any(test, feature = "test-support"))]
    pub fn on_write(&self, n: usize, hook: impl FnOnce() + Send + 'static) {
        self.lock()
            .write_hooks
            .push((n, state::WriteHook(Box::new(hook))));
    }

    /// Runs `hook` when the write `target` names arrives, before it is carried out: `table#n`
    /// is the n-th write (from 1) to `table`, with `awa_agent_presence` for the AWA Agent API
    /// and `sn_cicd` for the CI/CD API, as in `SimOptions::fail_writes`.
    #[cfg(any(test, feature = "test-support"))]
    pub fn on_write_to(&self, target: &str, hook: impl FnOnce() + Send + 'static) {
        self.lock()
            .target_hooks
            .push((target.to_string(), state::WriteHook(Box::new(hook))));
    }

    /// Another admin's edit, made when the write `target` names arrives (`table#n`, as in
    /// [`Simulator::on_write_to`]) before it is carried out: `field` of record `sys_id` of
    /// `table` becomes `value`. A race between a run's last read and one of its writes.
    #[cfg(any(test, feature = "test-support"))]
    pub fn edit_when_write_arrives(
        &self,
        target: &str,
        (table, sys_id): (&str, &str),
        field: &str,
        value: &str,
    ) {
        let edit = PendingEdit {
            table: table.to_string(),
            sys_id: sys_id.to_string(),
            field: field.to_string(),
            value: value.to_string(),
        };
        self.lock().target_edits.push((target.to_string(), edit));
    }

    /// Someone else inserting rows while `table` is read: each of the next `reads` `GET`
    /// requests of the table first inserts a row with `fields` (as `admin`), so a list read
    /// page by page sees its `X-Total-Count` move.
    #[cfg(any(test, feature = "test-support"))]
    pub fn insert_while_reading(&self, table: &str, fields: &[(&str, &str)], reads: usize) {
        let fields = fields
            .iter()
            .map(|(f, v)| (f.to_string(), v.to_string()))
            .collect();
        self.lock().inserts_while_reading.push(InsertWhileReading {
            table: table.to_string(),
            fields,
            reads,
        });
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Removes a table, as on an instance where the plugin that brings it is not active:
    /// requests for it then answer `400 Invalid table`.
    pub fn drop_table(&self, table: &str) {
        self.lock().db.remove_table(table);
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Puts the instance to sleep (every request then gets the hibernation page) or wakes it,
    /// as the developer portal does; its data is kept either way.
    pub fn set_hibernating(&self, hibernating: bool) {
        self.lock().hibernating = hibernating;
    }

    #[cfg(any(test, feature = "test-support"))]
    /// The most requests that were being answered at the same time so far.
    pub fn max_in_flight(&self) -> usize {
        self.lock().max_in_flight
    }

    /// Stop serving: the listener closes and open connections are dropped.
    pub async fn shutdown(mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
    }

    fn lock(&self) -> MutexGuard<'_, Instance> {
        self.instance
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// How long answers take: the network's latency, and the instance's work on each request
/// while it holds one of its API slots.
#[derive(Clone)]
struct Timing {
    latency: Duration,
    server_time: Duration,
    slots: Option<Arc<tokio::sync::Semaphore>>,
}

/// Accept connections until aborted; each connection is served in its own task, and the
/// tasks are aborted with this one (the `JoinSet` is dropped).
async fn serve(
    listener: TcpListener,
    acceptor: Option<tokio_rustls::TlsAcceptor>,
    context: Arc<Context>,
    instance: Arc<Mutex<Instance>>,
    timing: Timing,
) {
    let mut connections = JoinSet::new();
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or similar: back off instead of spinning.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        while connections.try_join_next().is_some() {}
        let context = Arc::clone(&context);
        let instance = Arc::clone(&instance);
        let acceptor = acceptor.clone();
        let timing = timing.clone();
        connections.spawn(async move {
            // Whether the client presented a certificate the client CA signed (the handshake
            // verified it): its requests sign in as the scenario's user.
            let service = move |client_cert: bool| {
                service_fn(move |request| {
                    respond(
                        Arc::clone(&context),
                        Arc::clone(&instance),
                        timing.clone(),
                        request,
                        client_cert,
                    )
                })
            };
            let builder = http1::Builder::new().keep_alive(true).clone();
            // A connection that breaks mid-request, or a client that refuses the
            // certificate, is the client's business.
            match acceptor {
                Some(acceptor) => {
                    if let Ok(stream) = acceptor.accept(stream).await {
                        let verified = stream.get_ref().1.peer_certificates().is_some();
                        let _ = builder
                            .serve_connection(TokioIo::new(stream), service(verified))
                            .await;
                    }
                }
                None => {
                    let service = service(false);
                    let _ = builder
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                }
            }
        });
    }
}

/// Answer one HTTP request: read it, wait for an API slot and work the server time, decide
/// the answer under the lock, wait the latency, send.
async fn respond(
    context: Arc<Context>,
    instance: Arc<Mutex<Instance>>,
    timing: Timing,
    request: hyper::Request<hyper::body::Incoming>,
    client_cert: bool,
) -> Result<hyper::Response<Full<Bytes>>, std::io::Error> {
    let latency = timing.latency;
    let (parts, body) = request.into_parts();
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(_) => Vec::new(),
    };
    let request = Request {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or("").to_string(),
        authorization: parts
            .headers
            .get(hyper::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        headers: parts
            .headers
            .iter()
            .filter_map(|(name, value)| {
                Some((
                    name.as_str().to_ascii_lowercase(),
                    value.to_str().ok()?.to_string(),
                ))
            })
            .collect(),
        body,
        round: lock(&instance).answered_round + 1,
        client_cert,
    };
    if !timing.server_time.is_zero() || timing.slots.is_some() {
        let _slot = match &timing.slots {
            Some(slots) => Some(Arc::clone(slots).acquire_owned().await),
            None => None,
        };
        tokio::time::sleep(timing.server_time).await;
    }
    let (reply, after) = {
        let mut instance = instance
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        instance.in_flight += 1;
        instance.max_in_flight = instance.max_in_flight.max(instance.in_flight);
        handler::run_write_hooks(&mut instance, &request);
        let reply = handler::handle(&context, &mut instance, &request);
        let after = handler::after_write(&context, &mut instance, &request, reply.status);
        (reply, after)
    };
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    if let Some(AfterWrite::AnswerLate(late)) = after {
        tokio::time::sleep(late).await;
    }
    {
        let mut instance = lock(&instance);
        instance.in_flight -= 1;
        instance.answered_round = instance.answered_round.max(request.round);
    }
    if after == Some(AfterWrite::DropConnection) || reply.status == handler::RESET {
        return Err(std::io::Error::other("the answer is dropped on purpose"));
    }
    if after == Some(AfterWrite::Answer500) {
        return Ok(to_response(wire::Reply::json(
            500,
            &wire::error_body(
                "Transaction cancelled: maximum execution time exceeded",
                Some("Check logs for error trace or enable glide.rest.debug property to verify REST request processing"),
            ),
        )));
    }
    if after == Some(AfterWrite::AnswerBare) {
        return Ok(to_response(wire::Reply::json(
            200,
            &serde_json::json!({"result": {}}),
        )));
    }
    Ok(to_response(reply))
}

fn lock(instance: &Mutex<Instance>) -> MutexGuard<'_, Instance> {
    instance
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Turn a [`Reply`] into a hyper response.
fn to_response(reply: Reply) -> hyper::Response<Full<Bytes>> {
    let mut response = hyper::Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() =
        hyper::StatusCode::from_u16(reply.status).unwrap_or(hyper::StatusCode::OK);
    let headers = response.headers_mut();
    for (name, value) in reply.headers {
        if let Ok(value) = hyper::header::HeaderValue::from_str(&value) {
            headers.append(name, value);
        }
    }
    response
}
