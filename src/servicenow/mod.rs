//! The ServiceNow client: HTTP, errors, the Table API, the CI/CD API, and instance URLs.

pub mod cicd;
pub mod client;
pub mod error;
pub mod instance_url;
pub mod query;
pub mod table;

pub use client::{Auth, Client, ClientConfig};
pub use error::ApiError;
pub use instance_url::InstanceUrl;
pub use query::Query;
pub use table::{field, Row};
