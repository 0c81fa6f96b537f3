//! The simulators are the crate `sn-handoff-sim` (crates/sim): this module keeps the path
//! `crate::sim::…` the application has always used for them.

pub use sn_handoff_sim::*;
