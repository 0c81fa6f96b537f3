//! The record of one write: what the journal keeps while a run writes, what the state file
//! keeps for `--rollback`, and what the steps report.

use serde::{Deserialize, Serialize};

/// What a change did besides updating a field: created the record (`"insert"` in JSON and in
/// the state file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Insert,
}

/// One field written (or, for an insert, the record created).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub table: String,
    /// The record.
    pub sys_id: String,
    /// What people call the record (`VABot to Bot`, `postMessage`, a group's name).
    pub record: String,
    pub field: String,
    /// The value before (empty for an insert).
    pub before: String,
    /// The value after.
    pub after: String,
    /// `insert` for a new record; absent for an update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
}

impl Change {
    /// A change of `field` on an existing record.
    pub fn update(
        table: &str,
        sys_id: &str,
        record: &str,
        field: &str,
        before: &str,
        after: &str,
    ) -> Change {
        Change {
            table: table.to_string(),
            sys_id: sys_id.to_string(),
            record: record.to_string(),
            field: field.to_string(),
            before: before.to_string(),
            after: after.to_string(),
            action: None,
        }
    }

    /// Whether this created a record.
    pub fn is_insert(&self) -> bool {
        self.action == Some(Action::Insert)
    }

    /// `"VABot to Bot" (sys_rest_message 0123…)`.
    pub fn label(&self) -> String {
        format!("\"{}\" ({} {})", self.record, self.table, self.sys_id)
    }

    /// Human lines for a diff on stderr.
    pub fn diff_lines(&self) -> Vec<String> {
        use crate::servicenow::escape::escape;
        use colored::Colorize;
        if self.is_insert() {
            return vec![format!(
                "{} {}: {} {}",
                "+".green(),
                self.table,
                escape(&self.record),
                format!("{} = {}", self.field, escape(&self.after)).green()
            )];
        }
        vec![
            format!("{} {}", escape(&self.label()), self.field.bold()),
            format!("  {} {}", "-".red(), escape(&self.before).red()),
            format!("  {} {}", "+".green(), escape(&self.after).green()),
        ]
    }
}
