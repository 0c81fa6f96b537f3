//! The integration suite: the real `sn-handoff` binary against the simulated instance over
//! real HTTP on 127.0.0.1. One test binary, a module per area.

// The helpers are `pub` for the modules of this one test binary, which has no outside.
#![allow(unreachable_pub)]
// A test is one story from set-up to the last assertion; it is not split to be shorter.
#![allow(clippy::too_many_lines)]

mod common;

mod auth;
mod check;
mod cli;
mod deep;
mod demo;
mod environment;
mod fleets;
mod formats;
mod handoff;
mod hardening;
mod help;
mod init;
mod keyring;
mod kore;
mod layers;
mod lists;
mod output;
mod packaging;
mod recorded;
mod repairs;
mod schema;
mod shell;
mod simulator;
mod transcripts;
mod warm;
