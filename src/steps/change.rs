//! The writes of one repair as one unit. Each change is recorded as it is made (table, sys_id,
//! the record's name, field, before, after); an update first re-reads the record and refuses to
//! overwrite it when its `sys_mod_count` or value moved since it was read (ServiceNow has no
//! ETag or conditional update, so that and the count the write returns are the only ways to see
//! another admin's change). When a write fails, what was already done is taken back (updates
//! restored, inserts deleted) and the error says what was and was not changed.

use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, Result};
use crate::journal;
use crate::servicenow::{field, ApiError, Client, Row};

/// Whether a failed write may have been carried out all the same, so that the record must be
/// read back before anything is said about it: its answer was lost (a timeout, a dropped
/// connection, a cut body) or was any error but a refusal of the login.
pub fn may_have_landed(e: &ApiError) -> bool {
    match e {
        ApiError::Timeout { .. } | ApiError::Incomplete { .. } => true,
        ApiError::Connect(why) => !why.cause.to_ascii_lowercase().contains("refused"),
        // Any other answer but a refusal of the login: a 500 may come after the record was
        // saved (a business rule that ran past the transaction's quota), so the record is
        // read before anything is said about it. A 401/403 is decided before the write.
        ApiError::Status { status, .. } | ApiError::NotServiceNow { status, .. } => {
            !matches!(status, 401 | 403)
        }
        _ => false,
    }
}

/// Why the effect of a write whose answer was lost is not known, when it could not be read.
const UNREAD: &str = "its answer was lost and it could not be read back";

/// Why a write of a [`Transaction`] failed: the instance's answer, or the journal that could
/// not be saved before it (then the write was not sent: no journal, no write).
#[derive(Debug)]
pub enum WriteError {
    /// The request went out and failed.
    Api(ApiError),
    /// Not sent: the journal could not be saved first ([`journal::unsaved`]).
    Unjournalled(Error),
}

impl From<ApiError> for WriteError {
    fn from(e: ApiError) -> Self {
        WriteError::Api(e)
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Api(e) => e.fmt(f),
            WriteError::Unjournalled(e) => f.write_str(e.message()),
        }
    }
}

/// What one write left.
#[derive(Debug, Clone)]
pub struct Written {
    /// The record as the write (or the read after a lost answer) returned it.
    pub row: Row,
    /// Its `sys_mod_count`, when readable.
    pub count: Option<String>,
    /// Whether the count moved by this run's write alone.
    pub alone: bool,
}

/// One update of [`Transaction::write_all`]: `field` of the record `change` names, in
/// `table`, set to the change's value after.
#[derive(Debug, Clone, Copy)]
pub struct Update<'c> {
    /// The table.
    pub table: &'static str,
    /// The field written.
    pub field: &'static str,
    /// What changes.
    pub change: &'c Change,
    /// The record's `sys_mod_count` when this run read it, which the answer's is compared
    /// with (see [`Written::alone`]).
    pub read_count: Option<&'c str>,
}

// The record of one write is the journal's (`crate::journal::change`); this path stays.
pub use crate::journal::change::{Action, Change};

/// How to take one change back.
#[derive(Debug, Clone)]
enum Undo {
    /// Write `before` back, if the record still has the `sys_mod_count` our write left.
    Restore { mod_count: Option<String> },
    /// Delete the inserted record.
    Delete,
}

#[derive(Debug, Clone)]
struct Applied {
    table: &'static str,
    field: &'static str,
    change: Change,
    undo: Undo,
}

/// The writes of one repair.
pub struct Transaction<'a> {
    client: &'a Client,
    done: Vec<Applied>,
    left: Vec<Change>,
    /// Writes whose answer was lost and whose effect could not be read, each with why it is
    /// not known.
    unsure: Vec<(Change, &'static str)>,
    /// The tables it wrote or tried to write to.
    tables: Vec<&'static str>,
}

fn mod_count(row: &Row) -> Option<String> {
    let count = field(row, "sys_mod_count");
    (!count.is_empty()).then(|| count.to_string())
}

impl<'a> Transaction<'a> {
    /// An empty transaction on `client`.
    pub fn new(client: &'a Client) -> Self {
        Transaction {
            client,
            done: Vec::new(),
            left: Vec::new(),
            unsure: Vec::new(),
            tables: Vec::new(),
        }
    }

    /// The changes made so far.
    pub fn changes(&self) -> Vec<Change> {
        self.done.iter().map(|a| a.change.clone()).collect()
    }

    /// Sets `field` of a record from `before` to `after`. With `read_count` (the
    /// `sys_mod_count` seen when the plan was made) the record is read again first and left
    /// alone if it moved; the count the write returns must then be one more (or, when the
    /// client had to send the PATCH again after a lost answer, at most one more per send), or
    /// someone wrote at the same moment. On any failure the changes made so far are taken back
    /// and the error says what was and was not changed.
    #[allow(clippy::too_many_arguments)]
    pub async fn update(
        &mut self,
        table: &'static str,
        field_name: &'static str,
        sys_id: &str,
        record: &str,
        before: &str,
        after: &str,
        read_count: Option<&str>,
    ) -> Result<Row> {
        let change = Change::update(table, sys_id, record, field_name, before, after);
        // Without a readable count (an ACL may hide the column) there is nothing to compare.
        let read_count = read_count.filter(|c| c.parse::<u64>().is_ok());
        if let Some(expected) = read_count {
            let now = match self
                .client
                .get(table, sys_id, &[field_name, "sys_mod_count"])
                .await
            {
                Ok(Some(row)) => row,
                Ok(None) => {
                    let why = format!("{} was deleted since it was read", change.label());
                    return Err(self.abort(&why, ErrorKind::WriteFailed).await);
                }
                Err(e) => return Err(self.fail(&change, e).await),
            };
            let (count, value) = (field(&now, "sys_mod_count"), field(&now, field_name));
            if count != expected || value != before {
                let why = format!(
                    "{} was changed by someone else since it was read (sys_mod_count {expected} → {count}; {field_name} now \"{value}\"); it was not overwritten",
                    change.label()
                );
                return Err(self.abort(&why, ErrorKind::WriteFailed).await);
            }
        }
        let written = match self.write(table, field_name, &change, read_count).await {
            Ok(written) => written,
            Err(e) => return Err(self.fail(&change, e).await),
        };
        if !written.alone {
            // Another write landed between our read and ours: ours is in, theirs may be
            // lost. Taking ours back would not bring theirs back, so it stays as it is.
            if let Some(this) = self.done.pop() {
                self.left.push(this.change);
            }
            let why = format!(
                "{} was also written by someone else at the same moment (sys_mod_count {} → {}), so their change may be lost: look at its history",
                change.label(),
                read_count.unwrap_or_default(),
                written.count.as_deref().unwrap_or_default()
            );
            return Err(self.abort(&why, ErrorKind::WriteFailed).await);
        }
        Ok(written.row)
    }

    /// Writes `change` (an update of `field_name`) as it is, recorded in the journal before it
    /// goes out, and recognises its own write when the answer was lost: a PATCH that failed in
    /// a way that may have carried it out (a timeout, a dropped connection, a 502/504) is
    /// followed by a read of the record, and a record that holds the value written is taken
    /// as written by this run. `alone` says whether the `sys_mod_count` the write left is
    /// what this run's sends alone explain (after `read_count`).
    pub async fn write(
        &mut self,
        table: &'static str,
        field_name: &'static str,
        change: &Change,
        read_count: Option<&str>,
    ) -> std::result::Result<Written, WriteError> {
        let update = Update {
            table,
            field: field_name,
            change,
            read_count,
        };
        self.write_all(&[update]).await.remove(0)
    }

    /// Writes several updates that do not depend on each other, all sent at once (one round
    /// trip), each as [`Transaction::write`] does: recorded in the journal before it goes out,
    /// a lost answer settled by a read, and its answer's `sys_mod_count` judged on its own.
    /// The outcomes come back in the order given; the writes that landed are among this
    /// transaction's changes, taken back with the rest when the caller gives up
    /// ([`Transaction::fail`]).
    pub async fn write_all(
        &mut self,
        updates: &[Update<'_>],
    ) -> Vec<std::result::Result<Written, WriteError>> {
        if journal::dry_run(self.client) {
            return updates
                .iter()
                .map(|u| {
                    journal::would(self.client, u.change);
                    let mut row = Map::new();
                    row.insert(u.field.to_string(), Value::String(u.change.after.clone()));
                    row.insert("sys_id".into(), Value::String(u.change.sys_id.clone()));
                    Ok(Written {
                        row,
                        count: None,
                        alone: true,
                    })
                })
                .collect();
        }
        let client = self.client;
        self.tables.extend(updates.iter().map(|u| u.table));
        let guards = journal::enter_all(updates.len()).await;
        let recorded: Vec<_> = (updates.iter().zip(guards))
            .map(|(u, guard)| record(client, u.change, None, guard))
            .collect();
        let sends = (updates.iter().zip(recorded)).map(|(u, r)| patch_one(client, u, r));
        let outcomes = futures_util::future::join_all(sends).await;
        let mut written = Vec::new();
        for (u, outcome) in updates.iter().zip(outcomes) {
            written.push(match outcome {
                Ok((row, sends)) => Ok(self.landed(u, row, sends)),
                Err((e, unsure)) => {
                    if unsure {
                        self.unsure.push((u.change.clone(), UNREAD));
                    }
                    Err(e)
                }
            });
        }
        written
    }

    /// Records the update `u` as made, its answer (or the read after a lost one) being `row`
    /// after `sends` sends, and judges whether it landed alone.
    fn landed(&mut self, u: &Update<'_>, row: Row, sends: u32) -> Written {
        let count = mod_count(&row);
        self.done.push(Applied {
            table: u.table,
            field: u.field,
            change: u.change.clone(),
            undo: Undo::Restore {
                mod_count: count.clone(),
            },
        });
        let alone = match (
            u.read_count.and_then(|c| c.parse::<u64>().ok()),
            count.as_deref().and_then(|c| c.parse::<u64>().ok()),
        ) {
            (Some(read), Some(now)) => now > read && now - read <= u64::from(sends),
            _ => true,
        };
        Written { row, count, alone }
    }

    /// Leaves the change this run made to record `sys_id` out of any take-back: another write
    /// landed on it at about the same time, and taking this run's back would not bring the
    /// other one back. It is said as left changed if the run gives up.
    pub fn keep(&mut self, sys_id: &str) {
        if let Some(at) = self.done.iter().rposition(|a| a.change.sys_id == sys_id) {
            let applied = self.done.remove(at);
            self.left.push(applied.change);
        }
    }

    /// Inserts a record with `values`; `record`, `field` and `after` describe it for people
    /// and for `--json`. It is recorded in the journal first; when the answer is lost (a
    /// timeout or a dropped connection after the request went out), the row is looked up by
    /// the values sent, and one that is there is taken as this run's. On failure the changes
    /// made so far are taken back.
    pub async fn insert(
        &mut self,
        table: &'static str,
        values: Row,
        record: &str,
        field_name: &'static str,
        after: &str,
    ) -> Result<Row> {
        let mut rows = self
            .insert_all(vec![(table, values, record, field_name, after)])
            .await?;
        Ok(rows.remove(0))
    }

    /// Inserts several records that do not depend on each other, all sent at once (one round
    /// trip), each as [`Transaction::insert`] does; the rows come back in the order given.
    /// When one fails, the others that landed are taken back with the rest of the run.
    pub async fn insert_all(
        &mut self,
        items: Vec<(&'static str, Row, &str, &'static str, &str)>,
    ) -> Result<Vec<Row>> {
        let mut changes = Vec::new();
        for (table, _, record, field_name, after) in &items {
            let mut change = Change::update(table, "", record, field_name, "", after);
            change.action = Some(Action::Insert);
            changes.push(change);
        }
        if journal::dry_run(self.client) {
            for change in &changes {
                journal::would(self.client, change);
            }
            return Ok(items.into_iter().map(|item| item.1).collect());
        }
        let client = self.client;
        self.tables.extend(items.iter().map(|item| item.0));
        let guards = journal::enter_all(items.len()).await;
        let recorded: Vec<_> = (items.iter().zip(&changes).zip(guards))
            .map(|((item, change), guard)| record(client, change, Some(&item.1), guard))
            .collect();
        let sends =
            (items.iter().zip(recorded)).map(|(item, r)| insert_one(client, (item.0, &item.1), r));
        let outcomes = futures_util::future::join_all(sends).await;
        let mut rows = Vec::new();
        let mut failed = None;
        for ((item, mut change), outcome) in items.iter().zip(changes).zip(outcomes) {
            match outcome {
                Ok(row) => {
                    change.sys_id = field(&row, "sys_id").to_string();
                    self.done.push(Applied {
                        table: item.0,
                        field: item.3,
                        change,
                        undo: Undo::Delete,
                    });
                    rows.push(row);
                }
                Err((e, unsure)) => {
                    if unsure {
                        self.unsure.push((change.clone(), UNREAD));
                    }
                    failed.get_or_insert((change, e));
                }
            }
        }
        match failed {
            Some((change, e)) => Err(self.fail(&change, e).await),
            None => Ok(rows),
        }
    }

    /// The write of `change` failed with `e`: take back what was done, and build the error.
    /// A refusal before anything was written keeps its own exit code (3 for 401/403).
    pub async fn fail(&mut self, change: &Change, e: impl Into<WriteError>) -> Error {
        let verb = if change.is_insert() {
            format!("could not add {} to {}", change.after, change.table)
        } else {
            format!("could not change {} {}", change.label(), change.field)
        };
        let e = match e.into() {
            WriteError::Api(e) => e,
            WriteError::Unjournalled(j) => {
                let hint = j.hint().unwrap_or_default().to_string();
                let why = format!("{verb}: {}", j.message());
                return self
                    .abort(&why, ErrorKind::WriteFailed)
                    .await
                    .with_hint(hint);
            }
        };
        let kind = if self.done.is_empty() && crate::error::api_kind(&e) == ErrorKind::Auth {
            ErrorKind::Auth
        } else {
            ErrorKind::WriteFailed
        };
        let hint = e.hint();
        let err = self.abort(&format!("{verb}: {e}"), kind).await;
        match hint {
            Some(h) => err.with_hint(h),
            None => err,
        }
    }

    /// A write sent outside the transaction (the AWA presence `PUT`) whose answer was lost: it
    /// may have been carried out, and stays journalled for the next run, so [`Self::abort`]
    /// names it among what may be left changed (never "nothing is left changed").
    pub fn uncertain(&mut self, change: &Change) {
        self.unsure.push((
            change.clone(),
            "its answer did not say whether it was carried out",
        ));
    }

    /// Takes back every change made so far (latest first) and returns an error of `kind`
    /// saying `why` and what was and was not changed.
    pub async fn abort(&mut self, why: &str, kind: ErrorKind) -> Error {
        if !self.done.is_empty() {
            journal::given_up(self.client, &self.tables);
        }
        let mut restored = Vec::new();
        let mut left: Vec<String> = self
            .left
            .iter()
            .map(|c| format!("{} holds \"{}\"", c.label(), c.after))
            .collect();
        while let Some(applied) = self.done.pop() {
            let c = &applied.change;
            match self.take_back(&applied).await {
                Ok(()) => restored.push(if c.is_insert() {
                    format!("removed the {} row it had added ({})", c.table, c.record)
                } else {
                    format!("{} restored to \"{}\"", c.label(), c.before)
                }),
                Err(reason) => {
                    left.push(format!(
                        "{} still holds \"{}\" ({reason})",
                        c.label(),
                        c.after
                    ));
                    self.left.push(c.clone());
                }
            }
        }
        let mut message = why.trim_end_matches('.').to_string();
        left.extend(self.unsure.iter().map(|(c, why)| {
            if c.is_insert() {
                format!(
                    "a {} row ({}) may have been added ({why})",
                    c.table, c.record
                )
            } else {
                format!("{} may hold \"{}\" ({why})", c.label(), c.after)
            }
        }));
        if left.is_empty() {
            if restored.is_empty() {
                message.push_str(". Nothing was changed.");
            } else {
                message.push_str(&format!(
                    ". Nothing is left changed: {}.",
                    restored.join("; ")
                ));
            }
        } else {
            message.push_str(&format!(
                ". Left changed: {}.{}",
                left.join("; "),
                if restored.is_empty() {
                    String::new()
                } else {
                    format!(" Restored: {}.", restored.join("; "))
                }
            ));
        }
        let kind = if left.is_empty() {
            kind
        } else {
            ErrorKind::WriteFailed
        };
        Error::new(kind, message)
    }

    /// Puts `applied` back: recorded as undoing in the journal before the request goes out
    /// (not sent when that cannot be saved), undone once answered, done again when refused.
    async fn take_back(&self, applied: &Applied) -> std::result::Result<(), String> {
        let c = &applied.change;
        let mut values = Map::new();
        if let Undo::Restore { mod_count } = &applied.undo {
            if let Some(ours) = mod_count {
                let now = self
                    .client
                    .get(applied.table, &c.sys_id, &["sys_mod_count"])
                    .await
                    .map_err(|e| e.to_string())?
                    .ok_or_else(|| "it was deleted".to_string())?;
                if field(&now, "sys_mod_count") != ours {
                    return Err("someone else changed it since, so it was left alone".into());
                }
            }
            values.insert(applied.field.to_string(), Value::String(c.before.clone()));
        }
        let _guard = journal::enter().await;
        self.unsent_back(c, async {
            match applied.undo {
                Undo::Delete => self.client.delete(applied.table, &c.sys_id).await,
                Undo::Restore { .. } => {
                    (self.client.patch(applied.table, &c.sys_id, &values).await).map(|_| ())
                }
            }
        })
        .await
        .map_err(|e| match e {
            WriteError::Unjournalled(_) => {
                "not taken back: the journal cannot be written".to_string()
            }
            WriteError::Api(e) => e.to_string(),
        })
    }

    /// Sends `request`, the take-back of `c`, journalled as [`take_back`] says (with the
    /// journal's guard held by the caller).
    async fn unsent_back(
        &self,
        c: &Change,
        request: impl std::future::Future<Output = std::result::Result<(), ApiError>>,
    ) -> std::result::Result<(), WriteError> {
        journal::undoing(self.client, c).map_err(WriteError::Unjournalled)?;
        match request.await {
            Ok(()) => {
                journal::undone(self.client, c);
                Ok(())
            }
            Err(e) => {
                // One that may have been carried out stays undoing: the next run reads it.
                if !may_have_landed(&e) {
                    journal::not_undone(self.client, c);
                }
                Err(e.into())
            }
        }
    }

    /// Settles a twin of the row this transaction inserted last (into `table`, the rows that
    /// `query` matches being the same record): two runs on two machines that both read "no
    /// row" and both insert leave two. Each run reads the rows again after its insert; the
    /// oldest is kept (by `sys_created_on`, then by `sys_id`: [`oldest_first`]), and a run whose
    /// own row is not the oldest deletes it: the later run always sees the earlier row, so both
    /// runs leave one, except when both rows fall in one second, the earlier run read before
    /// the later row landed, and the later row's `sys_id` sorts first: then both keep their
    /// own (a row twice; docs/repairs.md says so). Returns
    /// whether this run's row was the twin removed (then it is no longer among this
    /// transaction's changes). A twin inserted after this run's read is settled by that run.
    pub async fn settle_twin(
        &mut self,
        table: &'static str,
        query: &crate::servicenow::Query,
        same: impl Fn(&Row) -> bool,
    ) -> Result<bool> {
        let Some(ours) = self.done.last().map(|a| a.change.sys_id.clone()) else {
            return Ok(false);
        };
        self.settle_twin_of(&ours, table, query, same).await
    }

    /// [`Transaction::settle_twin`] for the row `ours` this run inserted (any of its inserts,
    /// not only the last: rows sent together are judged each on its own).
    pub async fn settle_twin_of(
        &mut self,
        ours: &str,
        table: &'static str,
        query: &crate::servicenow::Query,
        same: impl Fn(&Row) -> bool,
    ) -> Result<bool> {
        if !self.done.iter().any(|a| a.change.sys_id == ours) {
            return Ok(false);
        }
        let rows: Vec<Row> = self
            .client
            .list(
                table,
                &query.clone().order_by("sys_created_on"),
                &["sys_id", "sys_created_on"],
            )
            .await?
            .into_iter()
            .filter(|r| same(r))
            .collect();
        self.settle_twin_among(ours, table, rows).await
    }

    /// [`Transaction::settle_twin_of`] with the rows of the query already read (`rows`, with
    /// `sys_id` and `sys_created_on`): several inserts' twins read in one request.
    pub async fn settle_twin_among(
        &mut self,
        ours: &str,
        table: &'static str,
        mut rows: Vec<Row>,
    ) -> Result<bool> {
        let Some(at) = self.done.iter().rposition(|a| a.change.sys_id == ours) else {
            return Ok(false);
        };
        if rows.len() < 2 {
            return Ok(false);
        }
        oldest_first(&mut rows);
        if field(&rows[0], "sys_id") == ours || !rows.iter().any(|r| field(r, "sys_id") == ours) {
            return Ok(false);
        }
        let _guard = journal::enter().await;
        let change = self.done[at].change.clone();
        let deleted = self.unsent_back(&change, async { self.client.delete(table, ours).await });
        match deleted.await {
            Ok(()) => {}
            Err(WriteError::Api(e)) => return Err(e.into()),
            Err(WriteError::Unjournalled(j)) => return Err(j),
        }
        // Forgotten only once it is gone: a failed delete leaves it among this run's changes.
        self.done.remove(at);
        Ok(true)
    }

    /// After a failure: the changes that could not be taken back (or were deliberately left).
    pub fn left_changed(&self) -> &[Change] {
        &self.left
    }

    /// Ends the transaction and returns its changes.
    pub fn commit(self) -> Vec<Change> {
        self.done.into_iter().map(|a| a.change).collect()
    }
}

/// A write recorded in the journal and under the write guard, not yet sent. The writes of one
/// round ([`Transaction::write_all`], [`Transaction::insert_all`]) are all recorded before the
/// first goes out: a signal that comes once one is on its way finds every one of them in
/// flight, and waits for them all, rather than stopping the later ones before they are sent.
struct Recorded {
    _guard: journal::WriteGuard,
    entry: Option<journal::Ticket>,
}

/// Records `change` (an insert's `values` too) in the journal under `guard` (one of the
/// guards [`journal::enter_all`] gave the round); the error when the journal cannot be saved
/// (the write must not be sent).
fn record(
    client: &Client,
    change: &Change,
    values: Option<&Row>,
    guard: journal::WriteGuard,
) -> std::result::Result<Recorded, Error> {
    let entry = journal::sent(client, change, values)?;
    Ok(Recorded {
        _guard: guard,
        entry,
    })
}

/// Sends one update of [`Transaction::write_all`], recorded in the journal first. When the
/// answer may have been lost, the record is read: one that holds the value written is taken as
/// written (counted as sent any number of times), one that holds another value or is gone was
/// not written. The answer (or that read) and how many times the PATCH may have been carried
/// out; the error says whether it is unsure that the write landed (the read failed too).
async fn patch_one(
    client: &Client,
    u: &Update<'_>,
    recorded: std::result::Result<Recorded, Error>,
) -> std::result::Result<(Row, u32), (WriteError, bool)> {
    let mut values = Map::new();
    values.insert(u.field.to_string(), Value::String(u.change.after.clone()));
    let Recorded { _guard, entry } = recorded.map_err(|j| (WriteError::Unjournalled(j), false))?;
    let (row, sends) = match client
        .patch_counted(u.table, &u.change.sys_id, &values)
        .await
    {
        Ok(answer) => answer,
        Err(e) if may_have_landed(&e) => {
            match client
                .get(u.table, &u.change.sys_id, &[u.field, "sys_mod_count"])
                .await
            {
                Ok(Some(row)) if field(&row, u.field) == u.change.after => (row, u32::MAX),
                Ok(_) => {
                    journal::mark(client, entry, journal::Mark::Planned, None, None);
                    return Err((e.into(), false));
                }
                Err(_) => return Err((e.into(), true)),
            }
        }
        Err(e) => {
            if matches!(e, ApiError::Status { .. }) {
                journal::mark(client, entry, journal::Mark::Planned, None, None);
            }
            return Err((e.into(), false));
        }
    };
    let count = mod_count(&row);
    journal::mark(client, entry, journal::Mark::Done, None, count.as_deref());
    Ok((row, sends))
}

/// Sends one insert of [`Transaction::insert_all`], recorded in the journal before ([`record`]). When the
/// answer is lost, decides whether the row found by the values sent is this run's (adopted) or
/// someone else's; the journal says how it ended. The error says whether it is unsure that
/// the insert landed (the lookup failed too).
async fn insert_one(
    client: &Client,
    (table, values): (&'static str, &Row),
    recorded: std::result::Result<Recorded, Error>,
) -> std::result::Result<Row, (WriteError, bool)> {
    let Recorded {
        _guard: guard,
        entry,
    } = recorded.map_err(|j| (WriteError::Unjournalled(j), false))?;
    let since = crate::state::unix_now();
    let outcome = match client.insert(table, values).await {
        Ok(row) => Ok(row),
        Err(e) if may_have_landed(&e) => {
            // Only a row that can be this insert's is adopted; someone else's
            // holding the same values is left to them.
            match journal::find_inserted(client, table, values, since).await {
                Ok(journal::Inserted::Ours(id)) => {
                    let mut row = values.clone();
                    row.insert("sys_id".into(), Value::String(id));
                    Ok(row)
                }
                Ok(journal::Inserted::Theirs | journal::Inserted::Missing) => {
                    journal::mark(client, entry, journal::Mark::Planned, None, None);
                    Err((e.into(), false))
                }
                Err(_) => Err((e.into(), true)),
            }
        }
        Err(e) => {
            if matches!(e, ApiError::Status { .. }) {
                journal::mark(client, entry, journal::Mark::Planned, None, None);
            }
            Err((e.into(), false))
        }
    };
    if let Ok(row) = &outcome {
        let id = field(row, "sys_id");
        journal::mark(client, entry, journal::Mark::Done, Some(id), None);
    }
    drop(guard);
    outcome
}

/// What a repair wrote, in words for a summary.
pub fn summary(changes: &[Change]) -> String {
    if changes.is_empty() {
        "nothing needed changing any more".to_string()
    } else {
        let what: Vec<String> = changes
            .iter()
            .map(|c| {
                if c.is_insert() {
                    format!("added {} {} ({})", c.field, c.after, c.record)
                } else {
                    format!("{} of {} set to \"{}\"", c.field, c.record, c.after)
                }
            })
            .collect();
        what.join("; ")
    }
}

/// Sorts twin rows oldest first: by `sys_created_on`, then by `sys_id`, so that two runs
/// reading the same rows agree on which is the oldest even within one second (the instance's
/// listing order is not the same from one query to the next).
pub(crate) fn oldest_first(rows: &mut [Row]) {
    rows.sort_by(|a, b| {
        (field(a, "sys_created_on"), field(a, "sys_id"))
            .cmp(&(field(b, "sys_created_on"), field(b, "sys_id")))
    });
}
