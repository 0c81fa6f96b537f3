//! Finishing what an interrupted run left in the journal, before the next writing run.

use super::*;
use crate::servicenow::escape::escape;

/// A table name from a journal as the client wants it: only `[a-z0-9_]` names are accepted
/// (the state file is the user's, but it must not steer requests elsewhere).
pub(super) fn table_name(name: &str) -> Option<&'static str> {
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    ok.then(|| &*Box::leak(name.to_string().into_boxed_str()))
}

/// Written through the CI/CD API, not the Table API: its entries are finished by running the
/// command again (it changes only what differs).
const CICD: &str = "sn_cicd";

/// A boxed future of recovery's hooks.
pub type Pending<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// A write journalled under a name that is not a Table API table (the agent's presence,
/// written through the AWA Agent API): the step that makes it tells recovery how to read and
/// finish it, so that the journal imports no step.
pub trait Finisher: Sync {
    /// The name its journal entries carry as their table.
    fn table(&self) -> &'static str;
    /// `Ok(true)` when the instance holds the value after, `Ok(false)` when the write is still
    /// to be made, `Err(value)` when it holds a third value (someone changed it since).
    fn landed<'a>(
        &'a self,
        client: &'a Client,
        change: &'a Change,
    ) -> Pending<'a, Result<Result<bool, String>, crate::servicenow::ApiError>>;
    /// Makes the write now.
    fn finish<'a>(
        &'a self,
        client: &'a Client,
        change: &'a Change,
    ) -> Pending<'a, crate::error::Result<()>>;
}

/// What recovery asks of the steps (the step table gives it: `crate::steps::engine::RECOVERY`).
pub struct Recovery {
    /// The writes finished by their own step rather than as table writes.
    pub finishers: &'static [&'static dyn Finisher],
    /// Whether a finished change is one `--rollback` keeps (the webhook's).
    pub kept_for_rollback: fn(&Change) -> bool,
}

/// Finishes the journal an earlier run left in `file` (see the module doc), before this run
/// writes anything. Returns what it did, for people, or `None` when there was nothing to do.
pub async fn recover(
    file: &StateFile,
    client: &Client,
    steps: &Recovery,
) -> crate::error::Result<Option<String>> {
    use crate::error::{Error, ErrorKind};
    use crate::servicenow::field;
    let state = file.load()?;
    let Some(journal) = state.journal.clone() else {
        return Ok(None);
    };
    let when = crate::servicenow::time::describe_time(journal.started_at);
    let what = format!("an unfinished `{}` run ({when})", journal.command);
    // First read everything, and refuse before writing anything.
    let finisher = |c: &Change| {
        steps
            .finishers
            .iter()
            .find(|f| f.table() == c.table)
            .copied()
    };
    let mut todo: Vec<(usize, &'static str)> = Vec::new();
    // Take-backs under way when the run stopped (`Mark::Undoing`) that did not land: they are
    // finished, so the records end as the stopped run meant to leave them.
    let mut back: Vec<(usize, &'static str)> = Vec::new();
    let mut taken_back = Vec::new();
    let mut already = Vec::new();
    let mut third = Vec::new();
    let mut rerun = Vec::new();
    let mut started = Vec::new();
    let mut unfinished = Vec::new();
    let mut entries = journal.entries.clone();
    for (i, e) in journal.entries.iter().enumerate() {
        let c = &e.change;
        if e.status == Mark::Undone {
            continue;
        }
        // A record written twice (a run that backed off to another's URL) is judged by its
        // last write only.
        let same = |later: &Entry| {
            later.status != Mark::Undone
                && !c.is_insert()
                && later.change.table == c.table
                && later.change.sys_id == c.sys_id
                && later.change.field == c.field
        };
        if journal.entries[i + 1..].iter().any(same) {
            continue;
        }
        if let Some(f) = finisher(c) {
            match f.landed(client, c).await? {
                Ok(true) => {
                    entries[i].status = Mark::Done;
                    already.push(shown(c, &c.after));
                }
                Ok(false) => todo.push((i, f.table())),
                Err(v) => third.push(third_value(c, &v)),
            }
            continue;
        }
        if c.table == CICD {
            // Done ones are over or watched again from the state file's activations: named,
            // as what the earlier run started, and never started a second time.
            if e.status == Mark::Done {
                started.push(format!("the {} of {}", c.field, escape(&c.record)));
            } else {
                rerun.push(format!("{} {}", escape(&c.label()), c.field));
            }
            continue;
        }
        let Some(table) = table_name(&c.table) else {
            return Err(Error::usage(format!(
                "the journal in {} names table {:?}; move the file away",
                file.path().display(),
                c.table
            )));
        };
        if c.is_insert() {
            // An insert whose answer never came is looked for by its values, from when the
            // stopped run began (the entry has no time of its own).
            let found = if c.sys_id.is_empty() {
                find_inserted(client, table, &e.values, journal.started_at).await?
            } else {
                match client.get(table, &c.sys_id, &["sys_id"]).await? {
                    Some(r) => Inserted::Ours(field(&r, "sys_id").to_string()),
                    None => Inserted::Missing,
                }
            };
            match (found, e.status) {
                (Inserted::Ours(_), Mark::Undoing) => back.push((i, table)),
                (Inserted::Ours(id), _) => {
                    entries[i].change.sys_id = id;
                    entries[i].status = Mark::Done;
                    already.push(format!("{} {}", c.table, escape(&c.record)));
                }
                // Someone else's row holds the values: in place, and not this run's to keep
                // (or to take back).
                (Inserted::Theirs, _) => {
                    entries[i].status = Mark::Undone;
                    already.push(format!(
                        "{} {} (added by someone else)",
                        c.table,
                        escape(&c.record)
                    ));
                }
                // Its delete went out and was carried out.
                (Inserted::Missing, Mark::Undoing) => {
                    entries[i].status = Mark::Undone;
                    taken_back.push(format!("removed {} {}", c.table, escape(&c.record)));
                }
                // Made and answered, and gone since: someone else deleted it, and it is not
                // made again behind their back.
                (Inserted::Missing, Mark::Done) => third.push(format!(
                    "{} {} added then was deleted since by someone else",
                    c.table,
                    escape(&c.record)
                )),
                (Inserted::Missing, _) => todo.push((i, table)),
            }
            continue;
        }
        let Some(field_name) = table_name(&c.field) else {
            return Err(Error::usage(format!(
                "the journal in {} names field {:?}; move the file away",
                file.path().display(),
                c.field
            )));
        };
        let now = client.get(table, &c.sys_id, &[field_name]).await?;
        match now.as_ref().map(|r| field(r, field_name)) {
            Some(v) if v == c.before && e.status == Mark::Undoing => {
                entries[i].status = Mark::Undone;
                taken_back.push(shown(c, &c.before));
            }
            Some(v) if v == c.after && e.status == Mark::Undoing => back.push((i, table)),
            Some(v) if v == c.after => {
                entries[i].status = Mark::Done;
                already.push(shown(c, &c.after));
            }
            Some(v) if v == c.before => todo.push((i, table)),
            Some(v) => third.push(third_value(c, v)),
            None => third.push(format!("{} no longer exists", escape(&c.label()))),
        }
    }
    if !third.is_empty() {
        return Err(Error::new(
            ErrorKind::WriteFailed,
            format!(
                "{what} left a journal in {}, and someone else changed its records since: {}. Nothing was written",
                file.path().display(),
                third.join("; ")
            ),
        )
        .with_hint(format!(
            "look at the records' history and set them by hand; then remove the \"journal\" entry from {} to go on",
            file.path().display()
        )));
    }
    let mut wrote = Vec::new();
    for (i, table) in todo {
        let c = entries[i].change.clone();
        let _guard = enter().await;
        if let Some(f) = finisher(&c) {
            // The AWA Agent API may refuse it now (Advanced Work Assignment not active yet,
            // when the stopped run was activating it): the agent is left as found, which is
            // said, and the run goes on to do its own work.
            match f.finish(client, &c).await {
                Ok(()) => wrote.push(shown(&c, &c.after)),
                Err(e) => {
                    unfinished.push(format!("{} ({})", shown(&c, &c.after), e.message()));
                    continue;
                }
            }
        } else if c.is_insert() {
            let row = client.insert(table, &entries[i].values).await?;
            entries[i].change.sys_id = field(&row, "sys_id").to_string();
            wrote.push(format!("added {} {}", c.table, escape(&c.record)));
        } else {
            if !put_value(client, table, &c, &c.after).await? {
                continue;
            }
            wrote.push(shown(&c, &c.after));
        }
        entries[i].status = Mark::Done;
    }
    for (i, table) in back {
        let c = entries[i].change.clone();
        let _guard = enter().await;
        if c.is_insert() {
            client.delete(table, &c.sys_id).await?;
            taken_back.push(format!("removed {} {}", c.table, escape(&c.record)));
        } else {
            if !put_value(client, table, &c, &c.before).await? {
                continue;
            }
            taken_back.push(shown(&c, &c.before));
        }
        entries[i].status = Mark::Undone;
    }
    // The webhook writes of an interrupted `set-webhook` (or `check --fix`, or `init`) are
    // kept for `--rollback`; those of an interrupted rollback are not.
    let keeps_webhook = !journal.command.contains("--rollback");
    let finished: Vec<Change> = entries
        .iter()
        .filter(|e| e.status == Mark::Done && !e.change.is_insert())
        .filter(|e| (steps.kept_for_rollback)(&e.change))
        .map(|e| e.change.clone())
        .collect();
    file.update(|st| {
        st.journal = None;
        if keeps_webhook && !finished.is_empty() {
            st.webhook = Some(crate::state::merge_saved(
                st.webhook.take(),
                finished,
                false,
            ));
        }
    })?;
    let mut parts = vec![format!("Finished {what}")];
    if !wrote.is_empty() {
        parts.push(format!("wrote {}", wrote.join("; ")));
    }
    if !already.is_empty() {
        parts.push(format!("already in place: {}", already.join("; ")));
    }
    if !taken_back.is_empty() {
        parts.push(format!(
            "what it was taking back is back: {}",
            taken_back.join("; ")
        ));
    }
    if !unfinished.is_empty() {
        parts.push(format!(
            "not written, the instance refused it now: {}",
            unfinished.join("; ")
        ));
    }
    if !started.is_empty() {
        parts.push(format!(
            "it had started {} (kept, not started again: one still going is watched, one that ended counts)",
            started.join(", ")
        ));
    }
    if !rerun.is_empty() {
        parts.push(format!(
            "run `{}` again for the rest ({})",
            journal.command,
            rerun.join("; ")
        ));
    }
    if wrote.is_empty()
        && already.is_empty()
        && taken_back.is_empty()
        && rerun.is_empty()
        && started.is_empty()
        && unfinished.is_empty()
    {
        parts.push("it had changed nothing".to_string());
    }
    Ok(Some(format!("{}.", parts.join(": "))))
}

/// PATCHes `value` into the field of `c` (in `table`); `false` when the field is not one a
/// journal writes (nothing is sent).
async fn put_value(
    client: &Client,
    table: &'static str,
    c: &Change,
    value: &str,
) -> Result<bool, crate::servicenow::ApiError> {
    let Some(field_name) = table_name(&c.field) else {
        return Ok(false);
    };
    let mut values = Map::new();
    values.insert(field_name.to_string(), Value::String(value.to_string()));
    client.patch(table, &c.sys_id, &values).await?;
    Ok(true)
}

/// A record of `c` found holding `v`, someone else's value.
fn third_value(c: &Change, v: &str) -> String {
    format!(
        "{} {} holds \"{}\", neither the value before (\"{}\") nor the one being written (\"{}\")",
        escape(&c.label()),
        c.field,
        escape(v),
        escape(&c.before),
        escape(&c.after)
    )
}

/// What [`find_inserted`] found of an insert whose answer was lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    /// A row holding the values sent that can be the insert's (its sys_id).
    Ours(String),
    /// Rows holding the values sent, none of which can be the insert's: someone else's.
    Theirs,
    /// No row holds the values sent.
    Missing,
}

/// How many rows holding an insert's values [`find_inserted`] looks at.
const LOOKED_AT: usize = 20;

/// The row an insert made, found by the values it sent: one holding them is the insert's only
/// if it can be, created by this login's user (`sys_created_by`, when the login names one)
/// and not before `since` (seconds since the Unix epoch, when the insert was sent; compared
/// with `sys_created_on` to the second, so the instance's clock and this machine's are taken
/// to agree). Any other is someone else's: never adopted, so never deleted as this run's.
pub async fn find_inserted(
    client: &Client,
    table: &'static str,
    values: &Map<String, Value>,
    since: u64,
) -> Result<Inserted, crate::servicenow::ApiError> {
    use crate::servicenow::field;
    if values.is_empty() {
        return Ok(Inserted::Missing);
    }
    let mut query = crate::servicenow::Query::new();
    for (k, v) in values {
        if let Some(v) = v.as_str() {
            query = query.eq(table_name(k).unwrap_or("sys_id"), v);
        }
    }
    let fields = ["sys_id", "sys_created_by", "sys_created_on"];
    let rows = client.list_first(table, &query, &fields, LOOKED_AT).await?;
    // `sys_created_on` is `YYYY-MM-DD HH:MM:SS` in UTC: compared as text.
    let sent = crate::state::describe_time(since);
    let sent = sent.trim_end_matches(" UTC");
    let ours = rows.iter().find(|r| {
        (!client.user_known() || field(r, "sys_created_by").eq_ignore_ascii_case(client.user()))
            && field(r, "sys_created_on") >= sent
    });
    Ok(match ours {
        Some(row) => Inserted::Ours(field(row, "sys_id").to_string()),
        None if rows.is_empty() => Inserted::Missing,
        None => Inserted::Theirs,
    })
}
