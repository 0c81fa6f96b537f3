//! The smoke test's conversation is a temporary write. Before `START_CONVERSATION` is sent,
//! the run's own identifiers (its user id and its marker) are recorded in the instance's
//! state file ([`record`]); once the clean-up has removed everything, the record goes
//! ([`settle`]). A run killed in between, or whose clean-up could not remove everything,
//! leaves the record: the next `smoke-test`, writing run or `doctor` finds the records those
//! identifiers name and removes them with the smoke test's own clean-up ([`remove_left`]),
//! says so, and keeps the record while something is still there. `check` warns meanwhile.

use super::*;
use crate::journal::temporary::{self, Temporary, TemporaryKind};
use crate::state::{InstanceLock, StateFile};

/// The command that makes the record.
const COMMAND: &str = "smoke-test";

/// The instance's state file for a smoke test, and its lock, held for the run: what an
/// earlier smoke test left is removed first (and said on stderr), and no writing run of this
/// machine removes this run's conversation while it goes on.
pub async fn journal(
    settings: &crate::settings::Settings,
    client: &Client,
) -> Result<(Option<StateFile>, Option<InstanceLock>), Error> {
    let Some(file) = StateFile::for_run(settings, client) else {
        return Ok((None, None));
    };
    let lock = file.lock(|line| crate::ui::diagnostic(line)).await?;
    if let Some(said) = remove_left(&file, client).await? {
        // Through the printer's net: the message names records from the instance.
        crate::ui::Printer::new(false, true).line(said);
    }
    Ok((Some(file), Some(lock)))
}

/// Records the run's identifiers before its first write. No record, no write.
pub(super) fn record(run: &Run<'_>) -> Result<(), Error> {
    let Some(file) = &run.plan.journal else {
        return Ok(());
    };
    temporary::record(
        file,
        &Temporary {
            command: COMMAND.into(),
            name: run.user_id.clone(),
            sys_id: String::new(),
            before: None,
            after: run.session_id.clone(),
            since: crate::state::unix_now(),
            kind: TemporaryKind::SmokeConversation,
        },
    )
}

/// The clean-up removed everything the run created: its record goes.
pub(super) fn settle(run: &Run<'_>) {
    if let Some(file) = &run.plan.journal {
        // A record that cannot be removed only makes the next run look again.
        let _ = temporary::settle(file, std::slice::from_ref(&run.user_id));
    }
}

/// Says nothing: what an earlier run left is said in one line by [`remove_left`].
struct Quiet;

impl Narrator for Quiet {
    fn hop(&self, _: &Hop) {}
}

/// Removes what each smoke test recorded in `file` left on the instance, with the smoke
/// test's own clean-up (it ends the conversation and deletes only what references it), and
/// returns what it did, for people, or `None` when no record was there. A record whose
/// records could not all be removed (or read) is kept, and said.
pub async fn remove_left(file: &StateFile, client: &Client) -> Result<Option<String>, Error> {
    let left: Vec<Temporary> = file
        .load()?
        .temporary
        .into_iter()
        .filter(|t| t.kind == TemporaryKind::SmokeConversation)
        .collect();
    if left.is_empty() {
        return Ok(None);
    }
    let mut said = Vec::new();
    let mut settled = Vec::new();
    for t in &left {
        let plan = Plan {
            requester: Row::new(),
            agent: None,
            message: String::new(),
            deadline: Duration::ZERO,
            token: None,
            backoff: Backoff::default(),
            journal: None,
        };
        let mut run = Run {
            client,
            plan: &plan,
            narrator: &Quiet,
            started: Instant::now(),
            user_id: t.name.clone(),
            session_id: t.after.clone(),
            // Message ids of its own, after any the earlier run sent.
            sent: std::cell::Cell::new(1000),
            outcome: SmokeOutcome::default(),
        };
        cleanup(&mut run).await;
        let what = run
            .outcome
            .hops
            .iter()
            .rev()
            .find(|h| h.id == "cleanup")
            .map(|h| h.summary.clone())
            .unwrap_or_default();
        let whole = !run.outcome.left_behind();
        if whole {
            settled.push(t.name.clone());
        }
        said.push(format!(
            "{} (user id {}, since {}): {what}{}",
            t.command,
            t.name,
            crate::state::describe_time(t.since),
            if whole {
                ""
            } else {
                "; kept for the next run to try again"
            }
        ));
    }
    temporary::settle(file, &settled)?;
    Ok(Some(format!(
        "Cleaning up after an earlier smoke test: {}.",
        said.join("; ")
    )))
}
