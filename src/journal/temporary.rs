//! Temporary writes: values a run sets for a while and puts back itself
//! (`doctor --enable-va-logging` turns the outbound HTTP log on for the bundle). Each is
//! recorded in the instance's state file *before* it is sent ([`record`]): the property, its
//! value before (or none, when the run creates it) and the value set. The run removes the
//! record once it has put the value back ([`settle`]). A run killed in between leaves it, and
//! the next writing run or `doctor` puts the value back first ([`undo_left`]): a property the
//! run created is deleted, one it changed gets its value before again, and one that holds a
//! third value (someone changed it since) is left alone and named. `check` warns while one is
//! pending ([`pending_warning`]).

use serde_json::{Map, Value};

use crate::error::Result;
use crate::servicenow::escape::escape;
use crate::servicenow::{field, Client, Query, Row};
use crate::state::StateFile;

pub use super::record::{Temporary, TemporaryKind};

const TABLE: &str = "sys_properties";

/// Records `t` before it is sent. No record, no write: an error here (a full disk) must
/// stop the write.
pub fn record(file: &StateFile, t: &Temporary) -> Result<()> {
    file.update(|st| {
        st.temporary
            .retain(|k| !(k.name == t.name && k.command == t.command));
        st.temporary.push(t.clone());
    })
    .map_err(|e| super::unsaved_after(Some(&t.not_made()), &e))
}

/// The temporary writes of `names` are put back: their records go.
pub fn settle(file: &StateFile, names: &[String]) -> Result<()> {
    file.update(|st| st.temporary.retain(|t| !names.contains(&t.name)))
}

/// Turns the outbound HTTP log's override on (debug-bot-sn-sn-configuration.md); `doctor
/// --enable-va-logging` sets it for its run.
pub const LOG_OVERRIDE: &str = "glide.outbound_http_log.override";
/// What the override logs (`all`: request and response bodies too).
pub const LOG_LEVEL: &str = "glide.outbound_http_log.override.level";

/// The pending temporary writes of `file`, for `check`'s warning: one line each, e.g.
/// "outbound HTTP log left at level all since 2026-12-07 01:02:03 UTC by an interrupted
/// `doctor --enable-va-logging`".
pub fn pending_warning(file: &StateFile) -> Vec<String> {
    let Ok(state) = file.load() else {
        return Vec::new();
    };
    state
        .temporary
        .iter()
        .filter(|t| {
            t.name != LOG_OVERRIDE
                || state
                    .temporary
                    .iter()
                    .filter(|k| k.kind == TemporaryKind::Property)
                    .count()
                    == 1
        })
        .map(|t| {
            if t.kind == TemporaryKind::SmokeConversation {
                return smoke_warning(t);
            }
            let when = crate::state::describe_time(t.since);
            let what = if t.name == LOG_LEVEL {
                format!("outbound HTTP log left at level {}", escape(&t.after))
            } else {
                format!("{} left at \"{}\"", t.name, escape(&t.after))
            };
            format!(
                "{what} since {when} by an interrupted `{}`; the next `doctor` or writing run puts it back",
                t.command
            )
        })
        .collect()
}

/// Puts back every temporary write an earlier run left in `file`, before this run writes
/// anything; returns what it did, for people, or `None` when there was nothing.
pub async fn undo_left(file: &StateFile, client: &Client) -> Result<Option<String>> {
    // A smoke test's conversation is removed by its own clean-up (`steps::smoke::remove_left`).
    let mut left = file.load()?.temporary;
    left.retain(|t| t.kind == TemporaryKind::Property);
    if left.is_empty() {
        return Ok(None);
    }
    let mut done = Vec::new();
    let mut kept = Vec::new();
    let mut settled = Vec::new();
    for t in left.iter().rev() {
        let Some(row) = left_row(client, t).await? else {
            // Nothing there: a created property whose POST never landed, or deleted since.
            settled.push(t.name.clone());
            continue;
        };
        let sys_id = field(&row, "sys_id").to_string();
        let value = field(&row, "value").to_string();
        if value != t.after {
            if t.before.as_deref() != Some(value.as_str()) {
                kept.push(format!(
                    "{} holds \"{}\" (someone changed it since), so it was left alone",
                    t.name,
                    escape(&value)
                ));
            }
            settled.push(t.name.clone());
            continue;
        }
        done.push(put_back(client, t, &sys_id).await?);
        settled.push(t.name.clone());
    }
    settle(file, &settled)?;
    let first = &left[0];
    let mut said = format!(
        "Undid a temporary write of an interrupted `{}` ({}): ",
        first.command,
        crate::state::describe_time(first.since)
    );
    let mut parts = done;
    parts.extend(kept);
    if parts.is_empty() {
        parts.push("nothing of it was left on the instance".into());
    }
    said.push_str(&parts.join("; "));
    said.push('.');
    Ok(Some(said))
}

/// The property of temporary write `t` as the instance holds it now (by its sys_id, or by
/// name while the run that created it had no answer), `None` when there is none.
async fn left_row(client: &Client, t: &Temporary) -> Result<Option<Row>> {
    let fields = ["sys_id", "name", "value"];
    Ok(if t.sys_id.is_empty() {
        client
            .list(TABLE, &Query::new().eq("name", &t.name), &fields)
            .await?
            .into_iter()
            .find(|r| field(r, "name") == t.name)
    } else {
        client.get(TABLE, &t.sys_id, &fields).await?
    })
}

/// Puts back temporary write `t`, whose property `sys_id` still holds the value it set: a
/// property it created is deleted, one it changed gets its value before. Returns what it did.
async fn put_back(client: &Client, t: &Temporary, sys_id: &str) -> Result<String> {
    let _guard = super::enter().await;
    Ok(match &t.before {
        None => {
            client.delete(TABLE, sys_id).await?;
            format!("deleted {} (it held \"{}\")", t.name, escape(&t.after))
        }
        Some(before) => {
            let mut values = Map::new();
            values.insert("value".into(), Value::String(before.clone()));
            client.patch(TABLE, sys_id, &values).await?;
            format!(
                "{} set back to \"{}\" from \"{}\"",
                t.name,
                escape(before),
                escape(&t.after)
            )
        }
    })
}

/// `check`'s warning for a smoke test's conversation left behind (`steps::smoke`'s record).
fn smoke_warning(t: &Temporary) -> String {
    format!(
        "the conversation of a smoke test (user id {}) may be left on the instance since {} by a `{}` that was stopped or could not remove it; the next `smoke-test`, `doctor` or writing run removes it",
        escape(&t.name),
        crate::state::describe_time(t.since),
        t.command
    )
}
