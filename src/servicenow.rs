//! The ServiceNow client is the crate `sn-handoff-servicenow` (crates/servicenow): this module
//! keeps the path `crate::servicenow::…` the application has always used for it.

pub use sn_handoff_servicenow::*;
