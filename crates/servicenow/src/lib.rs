//! The ServiceNow client: HTTP, errors, the Table API, the CI/CD API, instance URLs, and OAuth
//! (the token endpoint, the authorize URL and the loopback redirect of the browser login).
//!
//! Transport and API only: it knows nothing of sn-handoff's settings, journal, state file or
//! terminal. What the Kore.ai client shares with it lives here too: the reqwest set-up and the
//! retry rule ([`http`]), the transport errors ([`ApiError`]), hosts ([`InstanceUrl`]), the
//! escaping of text from a service ([`escape`]) and the clock ([`time`]).

pub mod cicd;
pub mod client;
pub mod error;
pub mod escape;
pub mod har;
pub mod http;
pub mod instance_url;
pub mod loopback;
pub mod oauth;
pub mod query;
pub mod release;
pub mod secrets;
pub mod table;
pub mod time;

pub use client::{Auth, Client, ClientConfig, WriteGate};
pub use error::{ApiError, SetupError, SetupKind};
pub use instance_url::InstanceUrl;
pub use query::Query;
pub use table::{field, Row};
