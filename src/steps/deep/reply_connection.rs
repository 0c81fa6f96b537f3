//! Where the bot's replies go on Virtual Agent API 4.1 and later: the outbound configuration's
//! REST connection ("Bot Connection"). (Before 4.1 the replies go through the "VA(B)ot to Bot"
//! REST message, which step `webhook` checks.) The deep step `reply_url` judges what
//! [`located`] finds; step `webhook` and `set-webhook` ([`locate`]) set the connection too, so
//! both build on this file rather than on each other.
//!
//! Sources: ServiceNowDocs `conversational-interfaces/virtual-agent/
//! configure-response-endpoint-auth-va-api.md` ("(v4.1 or above)": the table "Bot to Bot
//! Outbound Configurations" [`sn_va_as_service_outbound_configuration`], its record "VA Bot to
//! Bot Provider Application", whose Rest connection record lists in its Connections tab the
//! "Bot Connection", whose Connection URL is "the response endpoint for the third-party bot");
//! `platform-security/connections-and-credentials/connection-information.md` (a connection
//! references its Connection alias; "Only one connection is active per Connection alias at
//! any one time"); `connection-info-provider-api.md` (the HTTP connection's URL column is
//! `connection_url`). The version is `sys_store_app.version` of scope `sn_va_as_service`
//! (ServiceNow Store release notes: 4.1.x from December 2025; 3.x is what Utah to Yokohama
//! run). The outbound configuration's column names are not documented: the record is found by
//! `provider_application.name` or `name` (an unknown column in `sysparm_fields` is simply left
//! out of the answer), its REST connection by `rest_connection`, and whatever cannot be found
//! that way is reported as `warn`, never guessed.
//!
//! Reads the configuration and the connection (two queries) at once with the version (the
//! plugins step's query, shared).

use super::super::plugins::{self, PluginState};
use super::super::Context;
use super::provider::APPLICATION;
use super::version_parts;
use crate::servicenow::{field, ApiError, Client, Query, Row};

/// The outbound configurations of Virtual Agent API 4.1+.
pub const CONFIG_TABLE: &str = "sn_va_as_service_outbound_configuration";
/// The table of HTTP connections.
pub const CONNECTION_TABLE: &str = "http_connection";
/// The connection that posts the replies.
pub const CONNECTION: &str = "Bot Connection";
/// The connection's URL column.
pub const URL_FIELD: &str = "connection_url";
/// The application's scope.
pub const SCOPE: &str = "sn_va_as_service";
/// The first version that replies through the connection.
pub const FROM: (u32, u32, u32) = (4, 1, 0);

/// Where the connection is set by hand (configure-response-endpoint-auth-va-api.md).
pub const UI_PATH: &str = "System Definition → Tables → sn_va_as_service_outbound_configuration → VA Bot to Bot Provider Application → Rest connection → Connections → Bot Connection → Connection URL";

/// The Virtual Agent API application as the instance reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum App {
    /// Its `sys_store_app` row could not be read.
    Unknown,
    /// Not installed.
    NotInstalled,
    /// Installed, with its version when known.
    Installed(Option<String>),
}

impl App {
    /// From the plugins step's reading.
    pub fn from_plugins(states: Result<&[PluginState], &ApiError>) -> App {
        match states {
            Err(_) => App::Unknown,
            Ok(states) => match states.iter().find(|s| s.def.id == SCOPE) {
                Some(s) if s.active => App::Installed(s.version.clone()),
                Some(_) => App::NotInstalled,
                None => App::Unknown,
            },
        }
    }

    /// Reads the application's row (for `set-webhook`), judged as step 3 judges it.
    pub async fn read(client: &Client) -> App {
        let apps = client
            .list(
                "sys_store_app",
                &Query::new().eq("scope", SCOPE),
                &["scope", "active", "version"],
            )
            .await;
        let states = apps.map(|apps| {
            let rows = plugins::Rows {
                plugins: Vec::new(),
                apps,
            };
            plugins::states(&rows)
        });
        App::from_plugins(states.as_deref())
    }
}

/// Where the bot's replies go, as far as the instance tells.
#[derive(Debug, Clone, PartialEq)]
pub enum Located {
    /// The Virtual Agent API is not installed.
    NotInstalled,
    /// A version before 4.1: the REST message posts the replies.
    NotUsed(String),
    /// Something could not be confirmed; the text says what.
    Unsure(String),
    /// Several connections could be the one; their sys_ids.
    Ambiguous(Vec<String>),
    /// The connection (sys_id, name, connection_alias, connection_url, active, sys_mod_count).
    One {
        /// The application's version, when known.
        version: Option<String>,
        /// The `http_connection` row.
        connection: Row,
    },
}

/// The outbound configurations and the connections named [`CONNECTION`].
pub type Records = (Result<Vec<Row>, ApiError>, Result<Vec<Row>, ApiError>);

/// The outbound configurations and the connections named [`CONNECTION`] (two queries, at
/// once).
pub async fn read_records(client: &Client) -> Records {
    let (all, by_name) = (Query::new(), Query::new().eq("name", CONNECTION));
    tokio::join!(
        client.list(
            CONFIG_TABLE,
            &all,
            &[
                "sys_id",
                "name",
                "provider_application",
                "provider_application.name",
                "rest_connection",
                "active"
            ]
        ),
        client.list(
            CONNECTION_TABLE,
            &by_name,
            &[
                "sys_id",
                "name",
                "connection_alias",
                URL_FIELD,
                "active",
                "sys_mod_count"
            ]
        ),
    )
}

/// Reads the application, the configuration and the connection at once and finds the
/// connection (for `set-webhook`).
pub async fn locate(client: &Client) -> Result<Located, ApiError> {
    let (app, (configs, connections)) = tokio::join!(App::read(client), read_records(client));
    resolve(&app, configs, connections)
}

/// Finds the connection from what was read.
pub fn resolve(
    app: &App,
    configs: Result<Vec<Row>, ApiError>,
    connections: Result<Vec<Row>, ApiError>,
) -> Result<Located, ApiError> {
    let version = match app {
        App::NotInstalled => return Ok(Located::NotInstalled),
        App::Installed(Some(v)) if version_parts(v) < FROM => {
            return Ok(Located::NotUsed(v.clone()))
        }
        App::Installed(v) => v.clone(),
        App::Unknown => None,
    };
    let named = |v: &Option<String>| {
        v.as_ref().map_or_else(
            || "The Virtual Agent API".to_string(),
            |v| format!("Virtual Agent API {v}"),
        )
    };
    let configs = match configs {
        Ok(rows) => rows,
        Err(e) if e.invalid_table().is_some() => {
            return Ok(Located::Unsure(match app {
                App::Unknown => format!("could not read the Virtual Agent API's version, and the instance has no {CONFIG_TABLE} table: before 4.1 the replies go through the REST message of step webhook"),
                _ => format!("{} should reply through {CONFIG_TABLE}, but the instance has no such table", named(&version)),
            }))
        }
        Err(e) => return Err(e),
    };
    let mine: Vec<&Row> = configs
        .iter()
        .filter(|r| {
            field(r, "provider_application.name") == APPLICATION || field(r, "name") == APPLICATION
        })
        .collect();
    let config = match (mine.as_slice(), configs.as_slice()) {
        ([one], _) => *one,
        ([], [only]) => only,
        _ => {
            return Ok(Located::Unsure(format!(
                "found {} outbound configurations in {CONFIG_TABLE} and could not tell which is \"{APPLICATION}\"'s",
                if mine.is_empty() { configs.len() } else { mine.len() }
            )))
        }
    };
    let connections = match connections {
        Ok(rows) => rows,
        Err(e) if e.invalid_table().is_some() => {
            return Ok(Located::Unsure(format!(
                "the instance has no {CONNECTION_TABLE} table"
            )))
        }
        Err(e) => return Err(e),
    };
    let alias = field(config, "rest_connection");
    let mut candidates: Vec<&Row> = connections
        .iter()
        .filter(|c| field(c, "name") == CONNECTION)
        .filter(|c| alias.is_empty() || field(c, "connection_alias") == alias)
        .collect();
    if candidates.len() > 1 {
        candidates.retain(|c| field(c, "active") != "false");
    }
    match candidates.as_slice() {
        [] => Ok(Located::Unsure(format!(
            "found no \"{CONNECTION}\" under the REST connection of \"{APPLICATION}\"'s outbound configuration"
        ))),
        [one] => Ok(Located::One {
            version,
            connection: (*one).clone(),
        }),
        many => Ok(Located::Ambiguous(
            many.iter().map(|c| field(c, "sys_id").to_string()).collect(),
        )),
    }
}

/// Whether the application's version (or not knowing it) makes the 4.1+ records worth
/// reading.
fn applies(app: &App) -> bool {
    match app {
        App::NotInstalled => false,
        App::Installed(Some(v)) => version_parts(v) >= FROM,
        App::Installed(None) | App::Unknown => true,
    }
}

/// Finds the connection with the run's shared reads. The outbound configuration and the
/// connection go out at once with the version when the version last seen here was 4.1 or
/// later ([`Context::va_41`]); otherwise only once this run's version says they apply, so an
/// older instance is never asked for them.
pub async fn located(ctx: &Context) -> Result<Located, ApiError> {
    let early = async {
        if ctx.va_41 {
            Some(ctx.reply_records().await)
        } else {
            None
        }
    };
    let (plugins, early) = tokio::join!(ctx.plugins(), early);
    let app = App::from_plugins(plugins.as_deref());
    let (configs, connections) = match early {
        Some(records) => records,
        None if applies(&app) => ctx.reply_records().await,
        None => (Ok(Vec::new()), Ok(Vec::new())),
    };
    resolve(&app, configs, connections)
}
