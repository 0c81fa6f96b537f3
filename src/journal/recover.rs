//! Finishing what an interrupted run left in the journal, before the next writing run.

use super::*;
use crate::error::{Error, ErrorKind};
use crate::servicenow::escape::escape;
use crate::servicenow::field;

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
    let state = file.load()?;
    let Some(journal) = state.journal.clone() else {
        return Ok(None);
    };
    let when = crate::servicenow::time::describe_time(journal.started_at);
    let what = format!("an unfinished `{}` run ({when})", journal.command);
    // First read everything, and refuse before writing anything.
    let mut entries = journal.entries.clone();
    let mut sorted = Sorted::default();
    sort_entries(file, client, steps, &journal, &mut entries, &mut sorted).await?;
    refuse_third(file, &what, &sorted.third)?;
    write_rest(client, steps, &mut entries, &mut sorted).await?;
    take_back(client, &mut entries, &mut sorted).await?;
    save(file, steps, &journal.command, &entries)?;
    Ok(Some(sorted.account(&what, &journal.command)))
}

/// What recovery found of a journal's entries, and what it did about them.
#[derive(Default)]
struct Sorted {
    /// The writes still to make: an entry's index and its table.
    todo: Vec<(usize, &'static str)>,
    /// Take-backs under way when the run stopped (`Mark::Undoing`) that did not land: they are
    /// finished, so the records end as the stopped run meant to leave them.
    back: Vec<(usize, &'static str)>,
    /// Written now.
    wrote: Vec<String>,
    /// Found in place.
    already: Vec<String>,
    /// Found taken back, or taken back now.
    taken_back: Vec<String>,
    /// Records holding someone else's value: recovery refuses.
    third: Vec<String>,
    /// CI/CD writes the stopped run had not started: the command is run again for them.
    rerun: Vec<String>,
    /// CI/CD writes the stopped run had started: kept, never started a second time.
    started: Vec<String>,
    /// Writes of a [`Finisher`] the instance refused now.
    unfinished: Vec<String>,
}

/// The step that finishes `c` itself, when it is not a Table API write.
fn finisher(steps: &Recovery, c: &Change) -> Option<&'static dyn Finisher> {
    steps
        .finishers
        .iter()
        .find(|f| f.table() == c.table)
        .copied()
}

/// Whether entry `i` is written again later in `entries` (a run that backed off to another's
/// URL): a record written twice is judged by its last write only.
fn rewritten_later(entries: &[Entry], i: usize) -> bool {
    let c = &entries[i].change;
    entries[i + 1..].iter().any(|later| {
        later.status != Mark::Undone
            && !c.is_insert()
            && later.change.table == c.table
            && later.change.sys_id == c.sys_id
            && later.change.field == c.field
    })
}

/// The name `name` of a journal entry (its table or field, said by `kind`), refused with a
/// usage error when it is not one the client accepts ([`table_name`]).
fn checked_name(file: &StateFile, kind: &str, name: &str) -> crate::error::Result<&'static str> {
    table_name(name).ok_or_else(|| {
        Error::usage(format!(
            "the journal in {} names {kind} {:?}; move the file away",
            file.path().display(),
            name
        ))
    })
}

/// Reads what the instance holds of each entry of `journal` and sorts it into `sorted`: in
/// place (marked in `entries`), still to write, to take back, or changed by someone else.
/// Writes nothing.
async fn sort_entries(
    file: &StateFile,
    client: &Client,
    steps: &Recovery,
    journal: &Journal,
    entries: &mut [Entry],
    sorted: &mut Sorted,
) -> crate::error::Result<()> {
    for (i, e) in journal.entries.iter().enumerate() {
        let c = &e.change;
        if e.status == Mark::Undone || rewritten_later(&journal.entries, i) {
            continue;
        }
        if let Some(f) = finisher(steps, c) {
            match f.landed(client, c).await? {
                Ok(true) => {
                    entries[i].status = Mark::Done;
                    sorted.already.push(shown(c, &c.after));
                }
                Ok(false) => sorted.todo.push((i, f.table())),
                Err(v) => sorted.third.push(third_value(c, &v)),
            }
            continue;
        }
        if c.table == CICD {
            // Done ones are over or watched again from the state file's activations: named,
            // as what the earlier run started, and never started a second time.
            if e.status == Mark::Done {
                sorted
                    .started
                    .push(format!("the {} of {}", c.field, escape(&c.record)));
            } else {
                sorted
                    .rerun
                    .push(format!("{} {}", escape(&c.label()), c.field));
            }
            continue;
        }
        let table = checked_name(file, "table", &c.table)?;
        if c.is_insert() {
            sort_insert(client, journal.started_at, i, e, table, entries, sorted).await?;
        } else {
            let field_name = checked_name(file, "field", &c.field)?;
            let now = client.get(table, &c.sys_id, &[field_name]).await?;
            let now = now.as_ref().map(|r| field(r, field_name));
            sort_value(now, i, e, table, entries, sorted);
        }
    }
    Ok(())
}

/// Sorts insert `e` (entry `i`, in `table`, of a run begun at `started_at`) by the row it
/// made: found by its sys_id, or by its values when its answer never came.
async fn sort_insert(
    client: &Client,
    started_at: u64,
    i: usize,
    e: &Entry,
    table: &'static str,
    entries: &mut [Entry],
    sorted: &mut Sorted,
) -> crate::error::Result<()> {
    let c = &e.change;
    // An insert whose answer never came is looked for by its values, from when the
    // stopped run began (the entry has no time of its own).
    let found = if c.sys_id.is_empty() {
        find_inserted(client, table, &e.values, started_at).await?
    } else {
        match client.get(table, &c.sys_id, &["sys_id"]).await? {
            Some(r) => Inserted::Ours(field(&r, "sys_id").to_string()),
            None => Inserted::Missing,
        }
    };
    match (found, e.status) {
        (Inserted::Ours(_), Mark::Undoing) => sorted.back.push((i, table)),
        (Inserted::Ours(id), _) => {
            entries[i].change.sys_id = id;
            entries[i].status = Mark::Done;
            sorted
                .already
                .push(format!("{} {}", c.table, escape(&c.record)));
        }
        // Someone else's row holds the values: in place, and not this run's to keep
        // (or to take back).
        (Inserted::Theirs, _) => {
            entries[i].status = Mark::Undone;
            sorted.already.push(format!(
                "{} {} (added by someone else)",
                c.table,
                escape(&c.record)
            ));
        }
        // Its delete went out and was carried out.
        (Inserted::Missing, Mark::Undoing) => {
            entries[i].status = Mark::Undone;
            sorted
                .taken_back
                .push(format!("removed {} {}", c.table, escape(&c.record)));
        }
        // Made and answered, and gone since: someone else deleted it, and it is not
        // made again behind their back.
        (Inserted::Missing, Mark::Done) => sorted.third.push(format!(
            "{} {} added then was deleted since by someone else",
            c.table,
            escape(&c.record)
        )),
        (Inserted::Missing, _) => sorted.todo.push((i, table)),
    }
    Ok(())
}

/// Sorts the field write `e` (entry `i`, in `table`) by the value its record holds `now`
/// (`None`: the record is gone).
fn sort_value(
    now: Option<&str>,
    i: usize,
    e: &Entry,
    table: &'static str,
    entries: &mut [Entry],
    sorted: &mut Sorted,
) {
    let c = &e.change;
    match now {
        Some(v) if v == c.before && e.status == Mark::Undoing => {
            entries[i].status = Mark::Undone;
            sorted.taken_back.push(shown(c, &c.before));
        }
        Some(v) if v == c.after && e.status == Mark::Undoing => sorted.back.push((i, table)),
        Some(v) if v == c.after => {
            entries[i].status = Mark::Done;
            sorted.already.push(shown(c, &c.after));
        }
        Some(v) if v == c.before => sorted.todo.push((i, table)),
        Some(v) => sorted.third.push(third_value(c, v)),
        None => sorted
            .third
            .push(format!("{} no longer exists", escape(&c.label()))),
    }
}

/// Refuses to finish anything when someone else changed a record of the journal since
/// (`third` names them): nothing is written, and the journal stays.
fn refuse_third(file: &StateFile, what: &str, third: &[String]) -> crate::error::Result<()> {
    if third.is_empty() {
        return Ok(());
    }
    Err(Error::new(
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
    )))
}

/// Makes the writes [`sort_entries`] found still to make, marking each done in `entries`.
async fn write_rest(
    client: &Client,
    steps: &Recovery,
    entries: &mut [Entry],
    sorted: &mut Sorted,
) -> crate::error::Result<()> {
    for (i, table) in std::mem::take(&mut sorted.todo) {
        let c = entries[i].change.clone();
        let _guard = enter().await;
        if let Some(f) = finisher(steps, &c) {
            // The AWA Agent API may refuse it now (Advanced Work Assignment not active yet,
            // when the stopped run was activating it): the agent is left as found, which is
            // said, and the run goes on to do its own work.
            match f.finish(client, &c).await {
                Ok(()) => sorted.wrote.push(shown(&c, &c.after)),
                Err(e) => {
                    let refused = format!("{} ({})", shown(&c, &c.after), e.message());
                    sorted.unfinished.push(refused);
                    continue;
                }
            }
        } else if c.is_insert() {
            let row = client.insert(table, &entries[i].values).await?;
            entries[i].change.sys_id = field(&row, "sys_id").to_string();
            sorted
                .wrote
                .push(format!("added {} {}", c.table, escape(&c.record)));
        } else {
            if !put_value(client, table, &c, &c.after).await? {
                continue;
            }
            sorted.wrote.push(shown(&c, &c.after));
        }
        entries[i].status = Mark::Done;
    }
    Ok(())
}

/// Finishes the take-backs the stopped run had under way, marking each undone in `entries`.
async fn take_back(
    client: &Client,
    entries: &mut [Entry],
    sorted: &mut Sorted,
) -> crate::error::Result<()> {
    for (i, table) in std::mem::take(&mut sorted.back) {
        let c = entries[i].change.clone();
        let _guard = enter().await;
        if c.is_insert() {
            client.delete(table, &c.sys_id).await?;
            sorted
                .taken_back
                .push(format!("removed {} {}", c.table, escape(&c.record)));
        } else {
            if !put_value(client, table, &c, &c.before).await? {
                continue;
            }
            sorted.taken_back.push(shown(&c, &c.before));
        }
        entries[i].status = Mark::Undone;
    }
    Ok(())
}

/// Removes the journal from `file`, keeping the webhook writes it finished for `--rollback`:
/// those of an interrupted `set-webhook` (or `check --fix`, or `init`), not those of an
/// interrupted rollback (`command`).
fn save(
    file: &StateFile,
    steps: &Recovery,
    command: &str,
    entries: &[Entry],
) -> crate::error::Result<()> {
    let keeps_webhook = !command.contains("--rollback");
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
    Ok(())
}

impl Sorted {
    /// What recovery of `what` (the stopped run of `command`) says it did: each kind of
    /// outcome it had, or that the run had changed nothing.
    fn account(&self, what: &str, command: &str) -> String {
        let mut parts = vec![format!("Finished {what}")];
        if !self.wrote.is_empty() {
            parts.push(format!("wrote {}", self.wrote.join("; ")));
        }
        if !self.already.is_empty() {
            parts.push(format!("already in place: {}", self.already.join("; ")));
        }
        if !self.taken_back.is_empty() {
            parts.push(format!(
                "what it was taking back is back: {}",
                self.taken_back.join("; ")
            ));
        }
        if !self.unfinished.is_empty() {
            parts.push(format!(
                "not written, the instance refused it now: {}",
                self.unfinished.join("; ")
            ));
        }
        if !self.started.is_empty() {
            parts.push(format!(
                "it had started {} (kept, not started again: one still going is watched, one that ended counts)",
                self.started.join(", ")
            ));
        }
        if !self.rerun.is_empty() {
            parts.push(format!(
                "run `{command}` again for the rest ({})",
                self.rerun.join("; ")
            ));
        }
        if self.wrote.is_empty()
            && self.already.is_empty()
            && self.taken_back.is_empty()
            && self.rerun.is_empty()
            && self.started.is_empty()
            && self.unfinished.is_empty()
        {
            parts.push("it had changed nothing".to_string());
        }
        format!("{}.", parts.join(": "))
    }
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
