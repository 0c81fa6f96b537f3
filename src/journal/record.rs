//! What a journal holds: its entries and how far each got, as the state file keeps them
//! (the state file stores a [`Journal`]; the journal's functions, in `mod.rs`, keep it).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::change::Change;

/// Where one journal entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// Recorded; the request has not gone out.
    Planned,
    /// The request went out and may have been carried out.
    Sent,
    /// Answered: the record holds the value after.
    Done,
    /// Being taken back: the request that puts the value before back (or deletes the row
    /// the run inserted) went out and may have been carried out. Saved before that request
    /// goes, so that a run killed meanwhile is not finished by writing the change again.
    Undoing,
    /// Taken back: the record holds the value before again.
    Undone,
}

/// One write of a journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// What is written.
    #[serde(flatten)]
    pub change: Change,
    /// How far it got.
    pub status: Mark,
    /// The `sys_mod_count` the write left, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mod_count: Option<String>,
    /// For an insert, the values sent (to find the row when the answer was lost).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub values: Map<String, Value>,
    /// This run's handle on the entry once sent ([`Ticket`]; 0 before), not saved: an index
    /// would move when [`checkpoint`](super::checkpoint) takes a finished part's entries out while another part
    /// of the run (`check --fix` repairs the group beside the webhook) is still writing.
    #[serde(skip)]
    pub ticket: u64,
}

/// Names one sent entry of the run's journal, for [`mark`](super::mark).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(pub(super) u64);

/// The writes of one run, as they go.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    /// The command, e.g. `set-webhook`, `set-webhook --rollback`, `group --fix`.
    pub command: String,
    /// Seconds since the Unix epoch when the run began.
    pub started_at: u64,
    /// The run's process id.
    pub pid: u32,
    /// The writes, in order.
    pub entries: Vec<Entry>,
    /// The changes of parts of the run already over, reported and saved ([`checkpoint`](super::checkpoint)):
    /// not the next run's to finish, so not saved here, but still changed by this run when a
    /// signal asks what it did.
    #[serde(skip)]
    pub reported: Vec<Change>,
}

impl Journal {
    /// The writes that were made (`done`), were not (`planned`, `undone`) and may have been
    /// (`sent`: the answer did not come), in order.
    pub fn outcome(&self) -> JournalOutcome<'_> {
        let mut outcome = JournalOutcome::default();
        outcome.changed.extend(self.reported.iter());
        for e in &self.entries {
            match e.status {
                Mark::Done => outcome.changed.push(&e.change),
                Mark::Planned | Mark::Undone => outcome.unchanged.push(&e.change),
                Mark::Sent | Mark::Undoing => outcome.uncertain.push(&e.change),
            }
        }
        outcome
    }

    /// What was, was not and may have been changed, for people.
    pub fn summary(&self) -> String {
        use crate::servicenow::escape::escape;
        let outcome = self.outcome();
        let changed: Vec<String> = (outcome.changed.iter())
            .map(|c| shown(c, &c.after))
            .collect();
        let not: Vec<String> = (outcome.unchanged.iter())
            .map(|c| {
                let label = c.label();
                format!(
                    "{} {} (still \"{}\")",
                    escape(&label),
                    c.field,
                    escape(&c.before)
                )
            })
            .collect();
        let maybe: Vec<String> = (outcome.uncertain.iter())
            .map(|c| shown(c, &c.after))
            .collect();
        let mut parts = Vec::new();
        if changed.is_empty() && maybe.is_empty() {
            parts.push("nothing was changed".to_string());
        } else if !changed.is_empty() {
            parts.push(format!("changed: {}", changed.join("; ")));
        }
        if !maybe.is_empty() {
            parts.push(format!(
                "may have been changed (the answer did not come): {}",
                maybe.join("; ")
            ));
        }
        if !not.is_empty() {
            parts.push(format!("not changed: {}", not.join("; ")));
        }
        parts.join(". ")
    }

    /// Whether any entry went out.
    pub fn wrote_something(&self) -> bool {
        !self.reported.is_empty()
            || self
                .entries
                .iter()
                .any(|e| matches!(e.status, Mark::Sent | Mark::Done | Mark::Undoing))
    }
}

/// `"record" (table sys_id) field "value"` for people: the record's name and the value come
/// from the instance (or the state file), so they are escaped.
pub(crate) fn shown(c: &Change, value: &str) -> String {
    use crate::servicenow::escape::escape;
    format!("{} {} \"{}\"", escape(&c.label()), c.field, escape(value))
}

/// A journal's writes by how far they got (see [`Journal::outcome`]).
#[derive(Debug, Default, Serialize)]
pub struct JournalOutcome<'a> {
    /// Made: the record holds the value after.
    pub changed: Vec<&'a Change>,
    /// Not made: the record still holds the value before.
    pub unchanged: Vec<&'a Change>,
    /// Sent, but the answer did not come: the record may hold either value.
    pub uncertain: Vec<&'a Change>,
}

/// One temporary write of a system property.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Temporary {
    /// The command that made it, e.g. `doctor --enable-va-logging`.
    pub command: String,
    /// The property's name.
    pub name: String,
    /// Its sys_id; empty until a property the run creates is answered.
    #[serde(default)]
    pub sys_id: String,
    /// Its value before; `None` when the run creates it (then it is deleted again).
    pub before: Option<String>,
    /// The value set.
    pub after: String,
    /// Seconds since the Unix epoch when it was recorded.
    pub since: u64,
    /// What was written: a system property (every record from before kinds were kept), or
    /// a smoke test's conversation (then `name` is the run's user id and `after` its marker).
    #[serde(default, skip_serializing_if = "TemporaryKind::is_property")]
    pub kind: TemporaryKind,
}

/// What a [`Temporary`] record stands for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemporaryKind {
    /// A system property set for the run's while.
    #[default]
    Property,
    /// The records a smoke test's conversation creates (conversation, messages, interaction,
    /// work item, user map, channel user profile, consumer account), found again from the
    /// run's own identifiers.
    SmokeConversation,
}

impl Temporary {
    /// What did not happen when the record could not be kept: "NAME was not set", "the smoke
    /// test was not started".
    pub fn not_made(&self) -> String {
        match self.kind {
            TemporaryKind::Property => format!("{} was not set", self.name),
            TemporaryKind::SmokeConversation => "the smoke test was not started".into(),
        }
    }
}

impl TemporaryKind {
    // serde's `skip_serializing_if` passes a reference.
    #[allow(clippy::trivially_copy_pass_by_ref)]
    fn is_property(&self) -> bool {
        *self == TemporaryKind::Property
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_from_before_kinds_reads_as_a_property_and_a_property_is_written_as_before() {
        let old = r#"{"command":"doctor --enable-va-logging","name":"glide.outbound_http_log.override","sys_id":"","before":null,"after":"true","since":1}"#;
        let t: Temporary = serde_json::from_str(old).unwrap();
        assert_eq!(t.kind, TemporaryKind::Property);
        assert!(!serde_json::to_string(&t).unwrap().contains("kind"));
        let smoke = Temporary {
            kind: TemporaryKind::SmokeConversation,
            ..t
        };
        let text = serde_json::to_string(&smoke).unwrap();
        assert!(text.contains(r#""kind":"smoke_conversation""#), "{text}");
        assert_eq!(serde_json::from_str::<Temporary>(&text).unwrap(), smoke);
    }
}
