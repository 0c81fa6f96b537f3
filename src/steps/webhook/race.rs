//! The race protocol of `set-webhook` across machines: see [`converge`].

use super::*;

/// One record `set-webhook` points at the URL, as first read.
#[derive(Debug, Clone)]
pub struct Target {
    /// The table (one of [`TABLES`]).
    pub table: &'static str,
    /// The field that holds the URL.
    pub field: &'static str,
    /// The record.
    pub sys_id: String,
    /// What people call it.
    pub record: String,
    /// The value when first read.
    pub before: String,
    /// Its `sys_mod_count` when first read.
    pub count: String,
}

impl Target {
    pub(super) fn change(&self, before: &str, after: &str) -> Change {
        Change::update(
            self.table,
            &self.sys_id,
            &self.record,
            self.field,
            before,
            after,
        )
    }

    fn label(&self) -> String {
        self.change("", "").label()
    }
}

/// Every record `set-webhook` keeps at the URL: the REST message (the leader of the race
/// protocol, so first), then its method, then the 4.1+ "Bot Connection". A further endpoint
/// joins by being added here; the protocol is the same for any number.
pub fn targets(chosen: Option<&Chosen>, connection: Option<&Row>) -> Vec<Target> {
    let mut records: Vec<(&'static str, &'static str, &Row, &str)> = Vec::new();
    if let Some(chosen) = chosen {
        records.push((
            "sys_rest_message",
            ENDPOINT_FIELD,
            &chosen.message,
            field(&chosen.message, "name"),
        ));
        records.push((
            "sys_rest_message_fn",
            ENDPOINT_FIELD,
            &chosen.method,
            field(&chosen.method, "function_name"),
        ));
    }
    if let Some(row) = connection {
        records.push((
            reply_connection::CONNECTION_TABLE,
            reply_connection::URL_FIELD,
            row,
            reply_connection::CONNECTION,
        ));
    }
    records
        .into_iter()
        .map(|(table, column, row, record)| Target {
            table,
            field: column,
            sys_id: field(row, "sys_id").to_string(),
            record: record.to_string(),
            before: field(row, column).to_string(),
            count: field(row, "sys_mod_count").to_string(),
        })
        .collect()
}

/// How [`converge`] ends: the changes this run leaves and notes, or the error with the changes
/// of this run still in place.
type Converged = Result<(Vec<Change>, Vec<String>), (Error, Vec<Change>)>;

/// Rounds of the resolution before giving up, and the pause before the first (growing).
const ROUNDS: u32 = 6;
const SETTLE: std::time::Duration = std::time::Duration::from_millis(150);

/// Points every target at `url` so that, whatever other runs do at the same moment, all the
/// endpoints end with one URL. Returns the changes this run leaves (value before = as first
/// read, for `--rollback`) and notes; an error carries the changes of this run still in place.
///
/// The protocol (two runs on two machines share nothing but the records; ServiceNow has no
/// conditional update, so `sys_mod_count` and reads are all there is):
///
/// 1. **Write every target at once.** Each target that differs from `url` as first read is
///    PATCHed (each journalled first), all in one round, with no read in between: the count
///    it had when first read is what its PATCH's answer is compared with. If the count the
///    answer gives is more than the count read plus this run's own sends (a PATCH sent again
///    after a lost answer counts twice), another write landed on it since this run read it:
///    go to 3. A target first read at `url` is not written.
/// 2. **Read back** every target. All at `url`: done (exit 0). Otherwise go to 3.
/// 3. **Resolve: the leader decides.** The leader is the first target (the REST message when
///    there is one). Pause (150 ms, growing), read all targets; then
///    - all hold the leader's value: if that is `url`, this run's URL stands everywhere (exit 0,
///      with a note of what it found); if not, another run's stands everywhere and this run
///      says so and ends with exit 5 (its URL is nowhere);
///    - the leader holds `url`: this run is the later writer, it writes `url` into each target
///      that differs (overwriting the other run's half), and goes round again;
///    - the leader holds another value W: this run backs off: it writes W into each target that
///      still holds this run's `url` (never touching a third value, which is the leader's
///      writer's to fix), and goes round again.
///
/// Why it converges. No run ever writes the leader in step 3: the run that finds its own URL
/// there writes only the targets that differ from it, and a run that finds another value there
/// writes only targets holding its own URL. So the leader changes only by the writes of step 1,
/// one per run (and by the take-back of a run whose other write failed, which puts back the
/// value it first read, only while the leader still holds its own write), and once those have
/// landed it holds one value L for good: the URL of the run whose PATCH of the leader landed
/// last, or the value a take-back put back. From then on every run in step 3 writes only L (the
/// run of L brings every target to it, the others give back what holds their URL), so the
/// rounds agree on L; a target left holding the URL of a run that has already ended, with no
/// run of L still settling, is no one's to fix, and the rounds end with exit 5 saying so.
/// Whether the writes of step 1 go out one after the other or together does
/// not change this: which target another run reached first decides nothing, the leader's last
/// write does. What tells a run that it is not alone: a PATCH that lands after another run's
/// write to the same record sees it in its answer's count, and a run whose writes all landed
/// first sees the later ones in its read-back, if they landed before it. A run whose read-back
/// came before a later run's writes landed ends with exit 0 and is then overwritten: the later
/// run saw the earlier one's writes in its counts, settles in step 3 and says which URL stands.
/// Someone else's write between this run's first read and its PATCH is overwritten and named
/// in the note by its count (its value is not known to this run). After [`ROUNDS`] rounds
/// without agreement the run stops with exit 5 and lists what each endpoint holds.
pub(super) async fn converge(client: &Client, targets: &[Target], url: &str) -> Converged {
    let mut tx = Transaction::new(client);
    let mut contested = write_together(&mut tx, targets, url).await?;
    let ours: Vec<Change> = targets
        .iter()
        .filter(|t| t.before != url)
        .map(|t| t.change(&t.before, url))
        .collect();
    if contested.is_none() {
        // A signal during the writes stops the run here, before the read-back.
        crate::journal::go_on().await;
        match read_all(client, targets).await {
            Ok(values) if values.iter().all(|v| v.as_deref() == Some(url)) => {
                let _ = tx.commit();
                return Ok((ours, Vec::new()));
            }
            Ok(values) => {
                let differ: Vec<String> = targets
                    .iter()
                    .zip(&values)
                    .filter(|(_, v)| v.as_deref() != Some(url))
                    .map(|(t, v)| describe(t, v.as_deref()))
                    .collect();
                contested = Some(format!("reading back, {}", differ.join("; ")));
            }
            Err(e) => {
                let err = Error::new(
                    ErrorKind::WriteFailed,
                    format!(
                        "the writes were accepted, but they could not be read back ({e}); the endpoints should hold {url}"
                    ),
                );
                return Err((err, ours));
            }
        }
    }
    let _ = tx.commit();
    let found = contested.unwrap_or_default();
    resolve(client, targets, url, ours, found).await
}

/// Step 1 of the protocol of [`converge`]: writes `url` into each target that differs as first
/// read, all at once, each answer's `sys_mod_count` compared with the count first read.
/// Decides whether someone else is writing: what was found, in words (`None`: every write
/// landed alone). When a write fails, the others that landed alone are taken back; one that
/// landed beside another write stays (taking it back would not bring the other back). An
/// error carries the changes of this run still in place.
async fn write_together(
    tx: &mut Transaction<'_>,
    targets: &[Target],
    url: &str,
) -> Result<Option<String>, (Error, Vec<Change>)> {
    let todo: Vec<&Target> = targets.iter().filter(|t| t.before != url).collect();
    let changes: Vec<Change> = todo.iter().map(|t| t.change(&t.before, url)).collect();
    let updates: Vec<Update<'_>> = todo
        .iter()
        .zip(&changes)
        .map(|(t, change)| Update {
            table: t.table,
            field: t.field,
            change,
            read_count: Some(&t.count),
        })
        .collect();
    let outcomes = tx.write_all(&updates).await;
    let mut crowded = Vec::new();
    let mut failed = None;
    for ((t, change), outcome) in todo.iter().zip(&changes).zip(outcomes) {
        match outcome {
            Ok(w) if w.alone => {}
            Ok(w) => {
                tx.keep(&t.sys_id);
                crowded.push(format!(
                    "{} was also written by someone else between this run's read and its write (sys_mod_count {} → {}): its history shows what they wrote",
                    t.label(),
                    t.count,
                    w.count.unwrap_or_default()
                ));
            }
            Err(e) => {
                failed.get_or_insert((change, e));
            }
        }
    }
    if let Some((change, e)) = failed {
        let err = tx.fail(change, e).await;
        return Err((err, tx.left_changed().to_vec()));
    }
    Ok((!crowded.is_empty()).then(|| crowded.join("; ")))
}

fn describe(t: &Target, value: Option<&str>) -> String {
    match value {
        Some(v) => format!("{} holds \"{v}\"", t.label()),
        None => format!("{} is gone", t.label()),
    }
}

/// What each target holds now, for a message.
async fn holdings(client: &Client, targets: &[Target]) -> String {
    let values = read_all(client, targets).await.unwrap_or_default();
    let now: Vec<String> = targets
        .iter()
        .zip(
            values
                .iter()
                .map(Option::as_deref)
                .chain(std::iter::repeat(None)),
        )
        .map(|(t, v)| describe(t, v))
        .collect();
    now.join("; ")
}

/// The current value of each target (`None` for a record that is gone), read at once.
async fn read_all(client: &Client, targets: &[Target]) -> Result<Vec<Option<String>>, ApiError> {
    let reads = targets
        .iter()
        .map(|t| async move { client.get(t.table, &t.sys_id, &[t.field]).await });
    futures_util::future::join_all(reads)
        .await
        .into_iter()
        .zip(targets)
        .map(|(r, t)| r.map(|row| row.map(|row| field(&row, t.field).to_string())))
        .collect()
}

/// Step 3 of the protocol of [`converge`].
async fn resolve(
    client: &Client,
    targets: &[Target],
    url: &str,
    ours: Vec<Change>,
    found: String,
) -> Converged {
    let notes = vec![format!("another change was made at the same time: {found}")];
    let mut tx = Transaction::new(client);
    let unreadable = |e: ApiError, ours: Vec<Change>| {
        (
            Error::new(
                ErrorKind::WriteFailed,
                format!("{found}; the endpoints could not be read again to settle it ({e}), so they may not agree: run `sn-handoff check`"),
            ),
            ours,
        )
    };
    for round in 0..ROUNDS {
        tokio::time::sleep(SETTLE * (round + 1)).await;
        let values = match read_all(client, targets).await {
            Ok(v) => v,
            Err(e) => return Err(unreadable(e, ours)),
        };
        let leader = values.first().cloned().flatten().unwrap_or_default();
        if values.iter().all(|v| v.as_deref() == Some(leader.as_str())) {
            return agreed(targets, url, &found, &leader, notes, ours);
        }
        if let Err(err) = settle(client, &mut tx, targets, &values, url, &found, &leader).await {
            return Err((err, ours));
        }
    }
    Err((
        Error::new(
            ErrorKind::WriteFailed,
            format!(
                "{found}; after {ROUNDS} rounds the endpoints still do not agree: {}",
                holdings(client, targets).await
            ),
        )
        .with_hint("another run may still be writing: run `sn-handoff check` once it is over"),
        ours,
    ))
}

/// A round of step 3 where every target holds the leader's value (`leader`): decides whose
/// URL stands. This run's (`url`): its changes stand, with a note of what it found; another
/// run's: exit 5, and nothing of this run is left.
fn agreed(
    targets: &[Target],
    url: &str,
    found: &str,
    leader: &str,
    mut notes: Vec<String>,
    ours: Vec<Change>,
) -> Converged {
    if leader == url {
        notes.push(format!(
            "this run wrote the leader ({}) last, so its URL stands: every endpoint holds {url}",
            targets[0].label()
        ));
        return Ok((ours, notes));
    }
    Err((
        Error::new(
            ErrorKind::WriteFailed,
            format!(
                "{found}. Another run (or person) wrote {} after this one, so its URL stands: every endpoint now holds \"{leader}\", and {url} is nowhere. Nothing of this run is left",
                targets[0].label()
            ),
        )
        .with_hint(format!(
            "if {url} is the right one, run `sn-handoff set-webhook {url}` again once the other run is over"
        )),
        Vec::new(),
    ))
}

/// One round's writes of step 3, the targets as read (`values`): decides what goes where. With
/// the leader at `url`, this run is the later writer and writes `url` into each target that
/// differs; with another value there, it backs off and writes that value only into the targets
/// that still hold `url` (a third value is the leader's writer's to fix). A gone one is left.
async fn settle(
    client: &Client,
    tx: &mut Transaction<'_>,
    targets: &[Target],
    values: &[Option<String>],
    url: &str,
    found: &str,
    leader: &str,
) -> Result<(), Error> {
    let (want, only_from): (&str, Option<&str>) = if leader == url {
        (url, None)
    } else {
        (leader, Some(url))
    };
    for (t, v) in targets.iter().zip(values) {
        let Some(v) = v else { continue };
        if v == want || only_from.is_some_and(|from| v != from) {
            continue;
        }
        if let Err(e) = tx.write(t.table, t.field, &t.change(v, want), None).await {
            // Taking back what the rounds wrote would only pull the endpoints apart
            // again, and what the first pass wrote stands (the leader may hold `url`):
            // they are left as they are, said as they are, and kept for `--rollback`.
            return Err(Error::new(
                ErrorKind::WriteFailed,
                format!(
                    "{found}; settling it, {} could not be set to \"{want}\" ({e}), so the endpoints may not agree: {}",
                    t.label(),
                    holdings(client, targets).await
                ),
            )
            .with_hint("run `sn-handoff check`, and `sn-handoff set-webhook URL` again once the other run is over"));
        }
    }
    Ok(())
}
