//! One activation per plugin when two machines activate at once. The instance lock is per
//! machine, and the CI/CD API has no way to ask "is this plugin being activated?", so the runs
//! agree through the instance itself: before starting an activation (or the Store batch) a run
//! inserts a claim, a system property `sn_handoff.activation.<plugin id>` (`…store_batch` for
//! the batch), then reads the claims of that name again. The oldest claim wins (by
//! `sys_created_on`, and within one second in the order the instance lists them, as for twin
//! rows: the later insert always sees the earlier one). The winner starts the activation and
//! writes its progress id into its claim; a run whose claim is not the oldest deletes it and
//! watches the winner's activation through that progress id instead of starting a second one.
//!
//! A claim found with a progress id that is still going (or that ended well) is watched; one
//! whose progress failed, or that the instance no longer knows, is stale and deleted. A claim
//! that gets no progress id for [`STALE_POLLS`] polls was left by a run killed while starting
//! it, and is deleted too. Once an activation is over, the run that saw it end deletes the
//! claims of its name. A user who may not write system properties (a CI/CD user without
//! admin) activates without claims, as before.
//!
//! The first look at the claims (is one there already?) is [`seen`], one read of every
//! activation's claims sent beside the plugins' read, or none when the plugins were read by
//! the check just before (`check --fix`): the claims are then inserted at once. Only the read
//! after an insert, which decides who is oldest, is made then and there. The winner's
//! progress id is written into its claim as soon as the activation answers, while its first
//! poll waits (that wait runs from the answer).

use crate::error::Error;
use crate::servicenow::cicd::CicdStatus;
use crate::servicenow::{field, Client, Query, Row};
use crate::steps::backoff::Backoff;

/// The claims' table.
const TABLE: &str = "sys_properties";
/// The claims' names: this, then the plugin id or [`BATCH`].
pub(super) const PREFIX: &str = "sn_handoff.activation.";
/// The Store batch's claim, after [`PREFIX`].
pub(super) const BATCH: &str = "store_batch";
/// Polls a claim may stay without a progress id before it is taken as left by a killed run
/// (about a minute with the default backoff).
const STALE_POLLS: u32 = 20;

/// What a run found when it claimed an activation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Claimed {
    /// This run's claim (the sys_id of its row) is the oldest: it starts the activation.
    Ours(String),
    /// Another run started it: its progress key (as the state file keeps it).
    Theirs(String),
    /// Another run's activation ended and its claim is gone: nothing to start or watch.
    Over,
    /// Claims cannot be written here (no right to write system properties): go on without.
    Unavailable,
}

/// The claims of every activation, read once before any is started (see [`seen`]).
#[derive(Debug, Clone, Default)]
pub(super) struct Seen(Option<Vec<Row>>);

impl Seen {
    /// No first look: the claims are inserted at once, and the read after each insert
    /// decides (what `check --fix` does, its check having just read the plugins).
    pub(super) fn skipped() -> Self {
        Seen(Some(Vec::new()))
    }

    /// The claims named `name` in this read, oldest first; `None` when it could not be made.
    fn of(&self, name: &str) -> Option<Vec<Row>> {
        let mut rows: Vec<Row> = self
            .0
            .as_ref()?
            .iter()
            .filter(|r| field(r, "name") == name)
            .cloned()
            .collect();
        crate::steps::change::oldest_first(&mut rows);
        Some(rows)
    }
}

/// Reads the claims of every activation (the plugins' and the Store batch's) in one request.
/// Whether a claim is there before this run inserts its own is only a first look: the read
/// after the insert decides, so a claim made after this read is found then. A read that fails
/// is made again by each activation, as without it.
pub(super) async fn seen(client: &Client) -> Seen {
    let mut names: Vec<String> = super::ids(super::Kind::Plugin)
        .iter()
        .map(|id| format!("{PREFIX}{id}"))
        .collect();
    names.push(format!("{PREFIX}{BATCH}"));
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let rows = client
        .list(
            TABLE,
            &Query::new()
                .one_of("name", &names)
                .order_by("sys_created_on"),
            &["sys_id", "name", "value", "sys_created_on"],
        )
        .await;
    Seen(rows.ok())
}

/// The claims of `key`, oldest first.
async fn claims(client: &Client, name: &str) -> Result<Vec<Row>, Error> {
    let mut rows = client
        .list(
            TABLE,
            &Query::new().eq("name", name).order_by("sys_created_on"),
            &["sys_id", "value", "sys_created_on"],
        )
        .await?;
    crate::steps::change::oldest_first(&mut rows);
    Ok(rows)
}

/// Whether a progress key names an activation still going, or one that ended well. A progress
/// the instance does not know (404) or one that failed is over; a read that failed otherwise
/// is an error, never taken as "over" (that would free another run's claim).
async fn live(client: &Client, key: &str) -> Result<bool, Error> {
    let progress = key.split('/').next().unwrap_or(key);
    match client.cicd_progress(progress).await {
        Ok(p) => Ok(!p.status.is_final() || p.status == CicdStatus::Successful),
        Err(crate::servicenow::ApiError::Status { status: 404, .. }) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Deletes a claim row, under the write guard (a signal waits for it).
async fn delete(client: &Client, sys_id: &str) -> Result<(), Error> {
    let _guard = crate::journal::enter().await;
    match client.delete(TABLE, sys_id).await {
        Ok(()) => Ok(()),
        // Someone else deleted it first.
        Err(crate::servicenow::ApiError::Status { status: 404, .. }) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Claims the activation `key` (a plugin id or [`BATCH`]), its claims first looked at in
/// `seen`; see the module doc.
pub(super) async fn claim(client: &Client, key: &str, seen: &Seen) -> Result<Claimed, Error> {
    let name = format!("{PREFIX}{key}");
    let backoff = Backoff::from_env();
    let mut inserts = 0;
    // This run gave way to an older claim and has removed none since: when the claims are
    // gone, that claim's activation ended (its run removed them).
    let mut deferred = false;
    let mut first_look = seen.of(&name);
    loop {
        // Another run's claim: watch what it started, or wait for it to say.
        let mut waited = 0;
        'found: loop {
            let rows = match first_look.take() {
                Some(rows) => rows,
                None => claims(client, &name).await?,
            };
            let Some(first) = rows.first() else {
                if deferred {
                    // Ours was deleted as a twin, and theirs is gone too: it ended.
                    return Ok(Claimed::Over);
                }
                break 'found;
            };
            let value = field(first, "value");
            if !value.is_empty() {
                if live(client, value).await? {
                    return Ok(Claimed::Theirs(value.to_string()));
                }
                // Over or failed: stale, and removed here (no sign that it activated).
                delete(client, field(first, "sys_id")).await?;
                deferred = false;
                continue;
            }
            if waited >= STALE_POLLS {
                delete(client, field(first, "sys_id")).await?;
                deferred = false;
                waited = 0;
                continue;
            }
            tokio::time::sleep(backoff.delay(waited)).await;
            waited += 1;
        }
        if inserts >= 2 {
            // Twice round: claims keep vanishing under us; start without one.
            return Ok(Claimed::Unavailable);
        }
        let mut values = Row::new();
        values.insert("name".into(), name.clone().into());
        values.insert("value".into(), "".into());
        values.insert("type".into(), "string".into());
        values.insert(
            "description".into(),
            "sn-handoff: an activation being started from one machine, so that another does not start it twice; removed when it is over"
                .into(),
        );
        let ours = {
            let _guard = crate::journal::enter().await;
            // Noted before it is sent: a stop while it is in flight names it as left.
            crate::journal::note_claim(&name);
            match client.insert(TABLE, &values).await {
                Ok(row) => field(&row, "sys_id").to_string(),
                // Claims cannot be written by this user: go on without one.
                Err(crate::servicenow::ApiError::Status {
                    status: 401 | 403, ..
                }) => {
                    crate::journal::forget_claim(&name);
                    return Ok(Claimed::Unavailable);
                }
                // Any other failure may have left a claim row: stop rather than start an
                // activation another run could start too.
                Err(e) => return Err(e.into()),
            }
        };
        inserts += 1;
        let rows = claims(client, &name).await?;
        match rows.first() {
            Some(first) if field(first, "sys_id") != ours => {
                // Not the oldest: ours goes, and theirs is watched.
                delete(client, &ours).await?;
                crate::journal::forget_claim(&name);
                deferred = true;
            }
            _ => {
                lock_ours().push((name, ours.clone()));
                return Ok(Claimed::Ours(ours));
            }
        }
    }
}

/// Writes the progress key of the activation this run started into its claim.
pub(super) async fn record(client: &Client, sys_id: &str, key: &str) -> Result<(), Error> {
    let mut values = Row::new();
    values.insert("value".into(), key.into());
    let _guard = crate::journal::enter().await;
    client.patch(TABLE, sys_id, &values).await?;
    Ok(())
}

/// The claims this run holds: name and sys_id of each, so that [`clear`] deletes them without
/// reading them first.
static OURS: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());

fn lock_ours() -> std::sync::MutexGuard<'static, Vec<(String, String)>> {
    OURS.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes the claim of `key` this run holds (its activation could not be started).
pub(super) async fn release(client: &Client, key: &str, sys_id: &str) -> Result<(), Error> {
    delete(client, sys_id).await?;
    lock_ours().retain(|(_, id)| id != sys_id);
    crate::journal::forget_claim(&format!("{PREFIX}{key}"));
    Ok(())
}

/// Removes every claim of the activations `keys`, which are over: all at once, each delete
/// under the write guard. A claim whose delete fails stays in the journal's list (a stop
/// names it as left on the instance), and the error names every claim left, not the first.
pub(super) async fn clear(client: &Client, keys: &[&str]) -> Result<(), Error> {
    if keys.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = keys.iter().map(|k| format!("{PREFIX}{k}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    // This run's own claims are deleted by their sys_ids while the claims of those names are
    // read; what the read finds besides them (another run's) goes next.
    let ours: Vec<(String, String)> = lock_ours()
        .iter()
        .filter(|(name, _)| names.contains(&name.as_str()))
        .cloned()
        .collect();
    let query = Query::new().one_of("name", &names);
    let (rows, mut outcomes) = tokio::join!(
        client.list(TABLE, &query, &["sys_id", "name"]),
        delete_all(client, ours.iter().map(|(n, id)| (n.as_str(), id.as_str()))),
    );
    // A user who may not read them could not have written them.
    let rows = rows.unwrap_or_default();
    let others = rows
        .iter()
        .map(|row| (field(row, "name"), field(row, "sys_id")))
        .filter(|(_, id)| !ours.iter().any(|(_, o)| o == id));
    outcomes.extend(delete_all(client, others).await);
    let failed: Vec<(&str, Error)> = outcomes
        .into_iter()
        .filter_map(|(name, outcome)| outcome.err().map(|e| (name, e)))
        .collect();
    lock_ours().retain(|(name, id)| {
        !ours.iter().any(|(_, o)| o == id) || failed.iter().any(|(n, _)| n == name)
    });
    for name in names {
        if !failed.iter().any(|(n, _)| *n == name) {
            crate::journal::forget_claim(name);
        }
    }
    match failed.first() {
        None => Ok(()),
        Some((_, first)) => Err(left(first, &failed)),
    }
}

/// Deletes the claims `claims` (name, sys_id) at once; each outcome by its name.
async fn delete_all<'a>(
    client: &Client,
    claims: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<(&'a str, Result<(), Error>)> {
    let deletes = claims.map(|(name, id)| async move { (name, delete(client, id).await) });
    futures_util::future::join_all(deletes).await
}

/// The error of claims that could not be removed: each named with why, under the first
/// failure's kind and hint.
fn left(first: &Error, failed: &[(&str, Error)]) -> Error {
    let each: Vec<String> = failed
        .iter()
        .map(|(name, e)| format!("{name} ({})", e.message()))
        .collect();
    let err = Error::new(
        first.kind(),
        format!(
            "{} claim{} of activations could not be removed (left on the instance; the next activation run removes them): {}",
            failed.len(),
            if failed.len() == 1 { "" } else { "s" },
            each.join("; ")
        ),
    );
    match first.hint() {
        Some(h) => err.with_hint(h),
        None => err,
    }
}
