//! sn-handoff's Kore.ai client: a client for Kore.ai's public API (JWT apps, the agent-transfer
//! integration, channel mappings, publish) and its errors. Transport and API only: which bot,
//! which settings, and what `kore connect` and `kore status` do are the application's.

pub mod api;
pub mod client;
pub mod error;
pub mod jwt;

pub use client::{App, KoreClient, KoreConfig, Signer, WriteGuard};
pub use error::KoreError;
