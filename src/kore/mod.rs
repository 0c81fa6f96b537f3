//! The Kore.ai side: a client for Kore.ai's public API (JWT apps, the agent-transfer
//! integration, channel mappings, publish), the settings that point it at a bot, and the work
//! of `kore connect` and `kore status`.
//!
//! Entry points for other commands: [`KoreSettings::resolve`] (are Kore.ai settings present,
//! and the client), [`status::read`] and [`status::judge`] (the verdict of the `kore` check step),
//! [`settings::servicenow_auth`], [`connect::connect`] and [`connect::publish_and_wait`] (what
//! `init` and `auth rotate` run).

pub mod api;
pub mod client;
pub mod connect;
pub mod error;
pub mod jwt;
pub mod settings;
pub mod status;

pub use client::{App, KoreClient, KoreConfig, Signer};
pub use error::KoreError;
pub use settings::{KoreDemo, KoreSettings};
