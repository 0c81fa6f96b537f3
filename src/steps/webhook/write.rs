//! `set-webhook`'s writes: choosing the records, the race protocol across machines
//! ([`converge`]), the rollback, and the read-back that verifies.

use super::*;

/// The field the REST message and its method keep the URL in.
pub const ENDPOINT_FIELD: &str = "rest_endpoint";
/// The tables `set-webhook` writes; a saved change that names another table is refused.
pub const TABLES: [&str; 3] = [
    "sys_rest_message",
    "sys_rest_message_fn",
    reply_connection::CONNECTION_TABLE,
];

/// Whether `change` is one of `set-webhook`'s writes (a table of [`TABLES`]).
pub fn is_webhook(change: &Change) -> bool {
    TABLES.contains(&change.table.as_str())
}

/// The field a table of [`TABLES`] keeps the URL in.
pub fn endpoint_field(table: &str) -> Option<&'static str> {
    match table {
        "sys_rest_message" | "sys_rest_message_fn" => Some(ENDPOINT_FIELD),
        reply_connection::CONNECTION_TABLE => Some(reply_connection::URL_FIELD),
        _ => None,
    }
}

/// The one message and the one method `set-webhook` works on.
#[derive(Debug, Clone)]
pub struct Chosen {
    /// The `sys_rest_message` row.
    pub message: Row,
    /// Its method's `sys_rest_message_fn` row.
    pub method: Row,
}

/// Exactly one message and one method of what was read, or why not: none is exit 1 (2 when
/// the user named it), two or more are ambiguous (exit 2, listing their sys_ids).
fn decide(found: WebhookFound, sel: &Selector) -> Result<Chosen, Error> {
    let message = match found.messages.as_slice() {
        [] => return Err(missing_message(sel)),
        [one] => one.clone(),
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|r| {
                    format!(
                        "{} (\"{}\", endpoint {})",
                        field(r, "sys_id"),
                        field(r, "name"),
                        field(r, ENDPOINT_FIELD)
                    )
                })
                .collect();
            return Err(Error::usage(format!(
                "{} REST messages match, so which one to change is ambiguous: {}",
                many.len(),
                list.join(", ")
            ))
            .with_hint(format!(
                "pick one with --sys-id, e.g. --sys-id {}",
                field(&many[0], "sys_id")
            )));
        }
    };
    let id = field(&message, "sys_id");
    let name = field(&message, "name");
    let methods: Vec<&Row> = found
        .methods
        .iter()
        .filter(|m| field(m, "rest_message") == id)
        .collect();
    let method = match methods.as_slice() {
        [] => {
            return Err(Error::new(
                ErrorKind::CheckFailed,
                format!("the REST message \"{name}\" ({id}) has no {} method", sel.method),
            )
            .with_hint(format!(
                "add an HTTP method {} (POST) to it: System Web Services → Outbound → REST Message → {name}",
                sel.method
            )))
        }
        [one] => (*one).clone(),
        many => {
            let ids: Vec<&str> = many.iter().map(|r| field(r, "sys_id")).collect();
            return Err(Error::usage(format!(
                "the REST message \"{name}\" has {} methods named {}: sys_ids {}",
                many.len(),
                sel.method,
                ids.join(", ")
            ))
            .with_hint(format!(
                "delete or rename the extra ones (System Web Services → Outbound → REST Message → {name})"
            )));
        }
    };
    Ok(Chosen { message, method })
}

fn missing_message(sel: &Selector) -> Error {
    if let Some(id) = &sel.sys_id {
        return Error::usage(format!(
            "no REST message has sys_id {id}{}",
            if sel.is_default_names() {
                String::new()
            } else {
                format!(" and the name \"{}\"", sel.names.join("\" or \""))
            }
        ));
    }
    if !sel.is_default_names() {
        return Error::usage(format!(
            "there is no REST message named \"{}\"",
            sel.names.join("\" or \"")
        ))
        .with_hint("check the name under System Web Services → Outbound → REST Message");
    }
    Error::new(
        ErrorKind::CheckFailed,
        "there is no REST message named \"VABot to Bot\" or \"VA Bot to Bot\"",
    )
    .with_hint(
        "install the Virtual Agent API application, which ships it: sn-handoff plugins --activate",
    )
}

/// One write `set-webhook` means to make, with the `sys_mod_count` the record had when read.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The table (one of [`TABLES`]).
    pub table: &'static str,
    /// The field written (the table's [`endpoint_field`]).
    pub field: &'static str,
    /// What changes.
    pub change: Change,
    /// `sys_mod_count` when read.
    pub read_count: String,
}

/// The writes that point the message, its method and the 4.1+ connection (those there are)
/// at `url`: only the fields that differ.
pub fn plan(chosen: Option<&Chosen>, connection: Option<&Row>, url: &str) -> Vec<Planned> {
    targets(chosen, connection)
        .into_iter()
        .filter(|t| t.before != url)
        .map(|t| Planned {
            table: t.table,
            field: t.field,
            change: t.change(&t.before, url),
            read_count: t.count,
        })
        .collect()
}

/// What `set-webhook` (or its rollback) did or, with `--dry-run`, would do.
#[derive(Debug, Clone, Default)]
pub struct SetWebhookOutcome {
    /// The message found, e.g. `"VABot to Bot" (sys_id …)`.
    pub found: String,
    /// The changes written (or planned, with `dry_run`).
    pub changes: Vec<Change>,
    /// Whether nothing was written on purpose.
    pub dry_run: bool,
    /// Things the user should know (a value someone else changed since, …).
    pub notes: Vec<String>,
}

impl SetWebhookOutcome {
    /// Whether something was written.
    pub fn changed(&self) -> bool {
        !self.dry_run && !self.changes.is_empty()
    }

    /// The JSON of docs/contract.md (docs/schema/set-webhook.schema.json): `{"changed", "dry_run", "changes": [{"table", "sys_id", "record",
    /// "field", "before", "after"}]}`.
    pub fn to_json(&self) -> serde_json::Value {
        json!({"changed": self.changed(), "dry_run": self.dry_run, "changes": self.changes})
    }
}

/// Points the message, its method and (on Virtual Agent API 4.1 and later) the "Bot
/// Connection" at `url`: reads them all at once, changes only what differs, in the journal
/// first and by the race protocol of [`converge`], and keeps the values it replaced in `state`
/// (per record, the value from before sn-handoff first changed it) so that `--rollback` can
/// restore them. On a failed write it restores what it had changed. Without a REST message
/// under the default names, the connection alone is set when there is one.
pub async fn fix(
    client: &Client,
    sel: &Selector,
    url: &str,
    dry_run: bool,
    state: Option<&StateFile>,
) -> Result<SetWebhookOutcome, Error> {
    let (found, located) =
        tokio::join!(read_selected(client, sel), reply_connection::locate(client));
    let found = found?;
    let mut notes = Vec::new();
    let connection = connection_to_set(located, &mut notes)?;
    let no_message = found.messages.is_empty() && *sel == Selector::default();
    let chosen = match decide(found, sel) {
        Ok(chosen) => Some(chosen),
        Err(_) if no_message && connection.is_some() => {
            notes.push(format!("there is no REST message \"VABot to Bot\" or \"VA Bot to Bot\"; from Virtual Agent API 4.1 the \"{}\" posts the replies, so it is set alone", reply_connection::CONNECTION));
            None
        }
        Err(e) => return Err(e),
    };
    let planned = plan(chosen.as_ref(), connection.as_ref(), url);
    let mut outcome = SetWebhookOutcome {
        found: found_words(chosen.as_ref(), connection.as_ref()),
        changes: planned.iter().map(|p| p.change.clone()).collect(),
        dry_run,
        notes,
    };
    if dry_run || planned.is_empty() {
        return Ok(outcome);
    }
    let targets = targets(chosen.as_ref(), connection.as_ref());
    journal::plan(client, &outcome.changes);
    let converged = converge(client, &targets, url).await;
    let (changes, notes) = match converged {
        Ok(done) => done,
        Err((err, left)) => {
            keep_left(client, state, left);
            return Err(err);
        }
    };
    outcome.notes.extend(notes);
    outcome.changes = changes.clone();
    journal::checkpoint(client, state, is_webhook, |st| {
        if !changes.is_empty() {
            st.webhook = Some(merge_saved(st.webhook.take(), changes, true));
        } else if let Some(saved) = st.webhook.as_mut() {
            // Nothing left to write: the interrupted run whose values are kept is complete.
            saved.complete = true;
        }
    })?;
    Ok(outcome)
}

/// Decides whether the 4.1+ reply connection (as `located`) is set beside the message: the
/// one connection there is, or none (not installed, not used, or left alone with a note in
/// `notes` when unsure or unreadable). Several that could be it stop everything.
fn connection_to_set(
    located: Result<Located, ApiError>,
    notes: &mut Vec<String>,
) -> Result<Option<Row>, Error> {
    match located {
        Ok(Located::One { connection, .. }) => Ok(Some(connection)),
        Ok(Located::NotInstalled | Located::NotUsed(_)) => Ok(None),
        Ok(Located::Unsure(what)) => {
            notes.push(format!("the reply connection of Virtual Agent API 4.1+ was left alone: {what}; set it by hand at {}", reply_connection::UI_PATH));
            Ok(None)
        }
        Ok(Located::Ambiguous(ids)) => {
            // Half a hand-off is worse than none: the REST message alone would leave the 4.1+
            // replies going elsewhere. Nothing is written until one connection is the one.
            Err(Error::usage(format!(
                "the outbound configuration of Virtual Agent API 4.1+ cannot be tied to exactly one \"{}\": {} records could be it ({}); nothing was written",
                reply_connection::CONNECTION,
                ids.len(),
                ids.join(", ")
            ))
            .with_hint(format!(
                "keep one (or make the others inactive) at {}, then run this again",
                reply_connection::UI_PATH
            )))
        }
        Err(e) => {
            notes.push(format!("the reply connection of Virtual Agent API 4.1+ was left alone: it could not be read ({e})"));
            Ok(None)
        }
    }
}

/// The records found, in words: the message and its method, and the REST connection.
fn found_words(chosen: Option<&Chosen>, connection: Option<&Row>) -> String {
    let mut parts = Vec::new();
    if let Some(chosen) = chosen {
        parts.push(format!(
            "\"{}\" ({}) and its {} method ({})",
            field(&chosen.message, "name"),
            field(&chosen.message, "sys_id"),
            field(&chosen.method, "function_name"),
            field(&chosen.method, "sys_id")
        ));
    }
    if let Some(row) = connection {
        parts.push(format!(
            "the REST connection \"{}\" ({})",
            reply_connection::CONNECTION,
            field(row, "sys_id")
        ));
    }
    parts.join(", and ")
}

/// After a failed write: what this run leaves written (`left`) stays restorable; its journal
/// ends with the run. A state file that cannot be saved now (the error may say so already)
/// does not hide what happened on the instance: the error is the write's, this only warns.
fn keep_left(client: &Client, state: Option<&StateFile>, left: Vec<Change>) {
    if !left.is_empty() {
        let kept = journal::checkpoint(client, state, is_webhook, |st| {
            st.webhook = Some(merge_saved(st.webhook.take(), left, false))
        });
        if let Err(e) = kept {
            crate::ui::diagnostic(format!("warning: {}", e.message()));
        }
    }
}

/// Restores the values kept for `--rollback` (the values from before sn-handoff first changed
/// each record), only where they differ now; running it twice writes nothing the second time.
/// A record that now holds neither the saved value before nor the value sn-handoff left there
/// was changed by someone else since: nothing is restored (exit 5) unless `force`.
pub async fn rollback(
    client: &Client,
    state: &StateFile,
    dry_run: bool,
    force: bool,
) -> Result<SetWebhookOutcome, Error> {
    let saved = state.load()?.webhook.ok_or_else(|| {
        Error::usage(format!(
            "nothing to roll back: set-webhook has saved no previous values for this instance ({})",
            state.path().display()
        ))
    })?;
    let mut outcome = SetWebhookOutcome {
        found: format!("the values saved in {}", state.path().display()),
        dry_run,
        ..SetWebhookOutcome::default()
    };
    // Every saved record is checked first, then all are read at once.
    let records = saved_records(state, &saved.changes)?;
    let reads = records
        .iter()
        .map(|(saved_change, table, column)| async move {
            (client.get(table, &saved_change.sys_id, &[column, "sys_mod_count"])).await
        });
    let rows = futures_util::future::join_all(reads).await;
    let planned = restore_plan(records, rows, force, &mut outcome.notes)?;
    outcome.changes = planned.iter().map(|p| p.change.clone()).collect();
    if dry_run || planned.is_empty() {
        return Ok(outcome);
    }
    journal::plan(client, &outcome.changes);
    outcome.changes = write_all(client, &planned).await.map_err(|(e, _)| e)?;
    Ok(outcome)
}

/// A saved change to restore, with its table and field (those of [`TABLES`]).
type Saved<'a> = (&'a Change, &'static str, &'static str);

/// Decides whether the state file's saved changes (`changes`) can be restored at all: each
/// must name a table and field set-webhook writes, or nothing is. Last written first.
fn saved_records<'a>(state: &StateFile, changes: &'a [Change]) -> Result<Vec<Saved<'a>>, Error> {
    let mut records = Vec::new();
    for saved_change in changes.iter().rev() {
        let Some(table) = TABLES.iter().copied().find(|t| *t == saved_change.table) else {
            return Err(Error::usage(format!(
                "the state file {} names table {:?}, which set-webhook never writes; move it away",
                state.path().display(),
                saved_change.table
            )));
        };
        let column = endpoint_field(table).unwrap_or(ENDPOINT_FIELD);
        if saved_change.field != column {
            return Err(Error::usage(format!(
                "the state file {} names field {:?}, which set-webhook never writes; move it away",
                state.path().display(),
                saved_change.field
            )));
        }
        records.push((saved_change, table, column));
    }
    Ok(records)
}

/// Decides what the rollback writes, from each saved record as read now (`rows`): nothing
/// where it holds the saved value already; a record someone else changed since stops the
/// rollback, unless `force` (then a note in `notes` says so).
fn restore_plan(
    records: Vec<Saved<'_>>,
    rows: Vec<Result<Option<Row>, ApiError>>,
    force: bool,
    notes: &mut Vec<String>,
) -> Result<Vec<Planned>, Error> {
    let mut planned = Vec::new();
    let mut theirs = Vec::new();
    for ((saved_change, table, column), now) in records.into_iter().zip(rows) {
        let Some(now) = now? else {
            return Err(Error::new(
                ErrorKind::CheckFailed,
                format!(
                    "cannot restore {}: the record no longer exists",
                    saved_change.label()
                ),
            ));
        };
        let current = field(&now, column);
        if current == saved_change.before {
            continue;
        }
        if current != saved_change.after {
            let what = format!(
                "{} holds \"{current}\", which set-webhook neither wrote (\"{}\") nor found there (\"{}\")",
                saved_change.label(),
                saved_change.after,
                saved_change.before
            );
            if force {
                notes.push(format!("{what}; --force restores it all the same"));
            } else {
                theirs.push(what);
            }
        }
        planned.push(Planned {
            table,
            field: column,
            change: Change::update(
                table,
                &saved_change.sys_id,
                &saved_change.record,
                column,
                current,
                &saved_change.before,
            ),
            read_count: field(&now, "sys_mod_count").to_string(),
        });
    }
    if !theirs.is_empty() {
        return Err(Error::new(
            ErrorKind::WriteFailed,
            format!(
                "someone else changed the webhook since set-webhook did: {}. Nothing was restored",
                theirs.join("; ")
            ),
        )
        .with_hint("to restore the saved values over it all the same: sn-handoff set-webhook --rollback --force"));
    }
    Ok(planned)
}

/// Makes the planned writes as one transaction and reads them back. The error says whether
/// anything is left changed.
async fn write_all(client: &Client, planned: &[Planned]) -> Result<Vec<Change>, (Error, bool)> {
    let mut tx = Transaction::new(client);
    for p in planned {
        let c = &p.change;
        if let Err(e) = tx
            .update(
                p.table,
                p.field,
                &c.sys_id,
                &c.record,
                &c.before,
                &c.after,
                Some(&p.read_count),
            )
            .await
        {
            let left = !tx.left_changed().is_empty();
            return Err((e, left));
        }
    }
    let changes = tx.commit();
    verify(client, planned).await.map_err(|e| (e, true))?;
    Ok(changes)
}

/// Reads every written field back (at once) and compares it with what was written.
async fn verify(client: &Client, planned: &[Planned]) -> Result<(), Error> {
    let reads = planned.iter().map(|p| async move {
        let row = client.get(p.table, &p.change.sys_id, &[p.field]).await;
        (p, row)
    });
    let mut wrong = Vec::new();
    for (p, row) in futures_util::future::join_all(reads).await {
        match row {
            Ok(Some(row)) if field(&row, p.field) == p.change.after => {}
            Ok(Some(row)) => wrong.push(format!(
                "{} holds \"{}\"",
                p.change.label(),
                field(&row, p.field)
            )),
            Ok(None) => wrong.push(format!("{} is gone", p.change.label())),
            Err(e) => wrong.push(format!("{} could not be read back: {e}", p.change.label())),
        }
    }
    if wrong.is_empty() {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::WriteFailed,
        format!(
            "the writes were accepted, but reading them back shows otherwise: {} (a business rule may rewrite the field)",
            wrong.join("; ")
        ),
    )
    .with_hint("look at the records' history; `sn-handoff set-webhook --rollback` restores the saved values"))
}
