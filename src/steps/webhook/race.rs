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

/// Every record `set-webhook` keeps at the URL, in the fixed order of the race protocol: the
/// REST message (the leader) first, then its method, then the 4.1+ "Bot Connection". A further
/// endpoint joins by being added here; the protocol is the same for any number.
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
/// conditional update, so `sys_mod_count` and re-reads are all there is):
///
/// 1. **Write in a fixed order, leader first.** For each target that differs from `url`: read
///    it again (value and `sys_mod_count`). If it already holds `url`, skip it. If it holds
///    neither the value first read nor `url`, someone else is writing: go to 3. Otherwise PATCH
///    it (journalled first). If the count the PATCH leaves is more than the count read plus
///    this run's own sends (a PATCH sent again after a lost answer counts twice), another
///    write landed at the same moment: go to 3.
/// 2. **Read back** every target. All at `url`: done (exit 0). Otherwise go to 3.
/// 3. **Resolve: the leader decides.** Every run writes the leader first, so its value is the
///    URL of the run that wrote it last, and every run reads the same answer. Pause (150 ms,
///    growing), read all targets; then
///    - all hold the leader's value: if that is `url`, this run's URL stands everywhere (exit 0,
///      with a note of what it found); if not, another run's stands everywhere and this run
///      says so and ends with exit 5 (its URL is nowhere);
///    - the leader holds `url`: this run is the later writer, it writes `url` into each target
///      that differs (overwriting the other run's half), and goes round again;
///    - the leader holds another value W: this run backs off: it writes W into each target that
///      still holds this run's `url` (never touching a third value, which is the leader's
///      writer's to fix), and goes round again.
///
///    Only the leader's last writer ever writes its own URL in step 3, and the runs that lost
///    write only the leader's value, so the rounds converge; after [`ROUNDS`] rounds without
///    agreement the run stops with exit 5 and lists what each endpoint holds.
pub(super) async fn converge(client: &Client, targets: &[Target], url: &str) -> Converged {
    let mut tx = Transaction::new(client);
    let mut contested = write_in_order(client, &mut tx, targets, url).await?;
    let ours: Vec<Change> = targets
        .iter()
        .filter(|t| t.before != url)
        .map(|t| t.change(&t.before, url))
        .collect();
    if contested.is_none() {
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

/// Step 1 of the protocol of [`converge`]: writes `url` into each target that differs, in the
/// fixed order, leader first, each read again just before its write. Decides whether someone
/// else is writing: what was found, in words (`None`: every write landed alone). An error
/// carries the changes of this run still in place.
async fn write_in_order(
    client: &Client,
    tx: &mut Transaction<'_>,
    targets: &[Target],
    url: &str,
) -> Result<Option<String>, (Error, Vec<Change>)> {
    for t in targets.iter().filter(|t| t.before != url) {
        let now = match client
            .get(t.table, &t.sys_id, &[t.field, "sys_mod_count"])
            .await
        {
            Ok(Some(row)) => row,
            Ok(None) => {
                let why = format!("{} was deleted since it was read", t.label());
                let err = tx.abort(&why, ErrorKind::WriteFailed).await;
                return Err((err, tx.left_changed().to_vec()));
            }
            Err(e) => {
                let err = tx.fail(&t.change(&t.before, url), e).await;
                return Err((err, tx.left_changed().to_vec()));
            }
        };
        let value = field(&now, t.field);
        if value == url {
            continue;
        }
        if value != t.before {
            return Ok(Some(format!(
                "{} held \"{value}\" when it was about to be written (it held \"{}\" when first read)",
                t.label(),
                t.before
            )));
        }
        let read_count = field(&now, "sys_mod_count").to_string();
        match tx
            .write(
                t.table,
                t.field,
                &t.change(&t.before, url),
                Some(&read_count),
            )
            .await
        {
            Ok(w) if w.alone => {}
            Ok(w) => {
                return Ok(Some(format!(
                    "{} was also written by someone else at the same moment (sys_mod_count {read_count} → {})",
                    t.label(),
                    w.count.unwrap_or_default()
                )));
            }
            Err(e) => {
                let err = tx.fail(&t.change(&t.before, url), e).await;
                return Err((err, tx.left_changed().to_vec()));
            }
        }
    }
    Ok(None)
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
