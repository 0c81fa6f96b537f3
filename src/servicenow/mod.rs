//! The ServiceNow client: HTTP, errors, the Table API, the CI/CD API, instance URLs, and OAuth
//! (the token endpoint, the authorize URL and the loopback redirect of the browser login).

pub mod cicd;
pub mod client;
pub mod error;
pub mod har;
pub mod instance_url;
pub mod loopback;
pub mod oauth;
pub mod query;
pub mod release;
pub mod table;

pub use client::{Auth, Client, ClientConfig};
pub use error::ApiError;
pub use instance_url::InstanceUrl;
pub use query::Query;
pub use table::{field, Row};
