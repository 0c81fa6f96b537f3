//! One file per command: read options, build the context, call the steps, print.

pub mod auth;
pub mod check;
#[cfg(feature = "demo")]
pub mod demo;
