//! One file per command: read options, build the context, call the steps, print.

pub mod check;
pub mod completions;
#[cfg(feature = "demo")]
pub mod demo;
pub mod man;
