//! The write-ahead journal and the safe stop on a signal.
//!
//! **The journal.** A writing run (`set-webhook`, `group --fix`, `agent available`,
//! `plugins --activate`, `check --fix`, `init`) takes the instance's lock
//! ([`crate::state::StateFile::begin`]); from then on every write it makes through
//! [`crate::steps::change::Transaction`] (and the AWA and CI/CD writes) is recorded in the
//! `journal` of the instance's state file *before* the request goes out: table, sys_id, field,
//! value before, value after, marked `planned` (not sent yet), `sent` (the request went out and
//! may have been carried out), `done` (answered, with the `sys_mod_count` it left), `undoing`
//! (its take-back went out) or `undone` (taken back). No journal, no write: every write (and
//! every take-back) is saved as sent before it goes, and one whose save fails is not sent
//! ([`sent`], [`undoing`]). `set-webhook` records all its planned writes at once before the first.
//! CI/CD activations record their progress id in the state file as soon as each POST answers.
//! A run that ends (well or with an error it reported) removes its journal; a run that is
//! interrupted or killed leaves it.
//!
//! **Recovery.** The next writing run for the same instance reads the journal before anything
//! else and *finishes* it: for each entry not undone it re-reads the record; one that holds the
//! value after is done, one that still holds the value before is written now (an insert whose
//! row cannot be found is made now; an agent's presence, written through the AWA Agent API, is
//! read and made by presence state name: `steps::agent_available::journalled`). When a record
//! holds a third value (someone else changed it since), nothing is written and the run stops
//! with exit 5 naming the record and the value found. An entry being taken back (`undoing`) is
//! judged the other way: the value before (or a missing row) is undone, the value after is
//! taken back now; a `done` insert whose row is gone was deleted by someone else and is a
//! third value too. Finishing an interrupted `set-webhook` also saves its previous values for
//! `--rollback` (keeping, per record, the value from before sn-handoff first changed it). The
//! run says what it finished before it goes on with its own work.
//!
//! **Signals.** SIGINT, SIGTERM and SIGHUP during a writing run do not cut a write in half: a
//! write in flight is let finish and recorded, no new write starts, and the process ends with
//! exit 130 and says, from the journal, what was and was not changed (under `--json`, in the
//! JSON error document: `signals::stop`). A second signal ends it at once (the journal still
//! tells the next run what to finish). A run that puts back what it changed itself (`doctor
//! --enable-va-logging`) takes the signal instead with [`on_signal`].

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};

use crate::servicenow::Client;
use crate::state::StateFile;
pub use change::Change;
pub(crate) use record::shown;
pub use record::{Entry, Journal, JournalOutcome, Mark, Ticket};

struct Active {
    file: Option<StateFile>,
    journal: Journal,
    /// The last [`Ticket`] given.
    tickets: u64,
    /// A plan (`check --fix --dry-run`): the writes are recorded as planned and never sent.
    dry_run: bool,
}

/// Where one run keeps its journal: every clone of the run's [`crate::servicenow::Client`]
/// shares one (so two runs in one process, as in tests, never mix their journals).
#[derive(Clone, Default)]
pub struct Slot(Arc<Mutex<Option<Active>>>);

impl std::fmt::Debug for Slot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Slot")
    }
}

/// The journals being kept in this process, for the message of a signal.
static LIVE: Mutex<Vec<Slot>> = Mutex::new(Vec::new());

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn active(client: &Client) -> std::sync::MutexGuard<'_, Option<Active>> {
    lock(&client.attached::<Slot>().0)
}

/// Writes the journal into the state file. Its error is the one [`unsaved`] builds: a write
/// whose record cannot be saved is not sent.
fn persist(a: &Active) -> crate::error::Result<()> {
    match &a.file {
        Some(file) => {
            let journal = a.journal.clone();
            file.update(|st| st.journal = Some(journal))
                .map_err(|e| unsaved(&e))
        }
        None => Ok(()),
    }
}

/// Saves the journal after a write has been answered: the write is over, so a save that
/// fails now is said and the run goes on (the next write's own save stops it).
fn persist_after(a: &Active) {
    if let Err(e) = persist(a) {
        say(&format!("warning: {}", e.message()));
    }
}

/// No journal, no write: the error of a write not sent because its journal could not be
/// saved (a full disk, a read-only state directory), at the first write or any later one.
pub fn unsaved(e: &crate::error::Error) -> crate::error::Error {
    unsaved_after(None, e)
}

/// [`unsaved`], after `said` (what was not done because of it).
pub fn unsaved_after(said: Option<&str>, e: &crate::error::Error) -> crate::error::Error {
    crate::error::Error::new(
        crate::error::ErrorKind::WriteFailed,
        format!(
            "{}the journal cannot be written, so no write is sent ({})",
            said.map(|s| format!("{s}: ")).unwrap_or_default(),
            e.message()
        ),
    )
    .with_hint("free some space in the state directory (or make it writable), then run it again")
}

/// Starts the journal of this run's `command` (kept in `file`, or only in memory under
/// `--demo`), and arms the signal handling.
pub fn begin(client: &Client, file: Option<StateFile>, command: &str) {
    let journal = Journal {
        command: command.to_string(),
        started_at: crate::servicenow::time::unix_now(),
        pid: std::process::id(),
        ..Journal::default()
    };
    *active(client) = Some(Active {
        file,
        journal,
        tickets: 0,
        dry_run: false,
    });
    let slot = client.attached::<Slot>();
    let mut live = lock(&LIVE);
    if !live.iter().any(|s| Arc::ptr_eq(&s.0, &slot.0)) {
        live.push(slot.clone());
    }
    drop(live);
    arm();
}

/// Starts the journal of a plan (`check --fix --dry-run`, `init --dry-run`): kept in memory,
/// every write the repairs would make recorded as `planned` ([`would`]) and none sent (the
/// client refuses every request but a `GET` while it lasts).
pub fn begin_dry_run(client: &Client, command: &str) {
    begin(client, None, command);
    if let Some(a) = active(client).as_mut() {
        a.dry_run = true;
    }
    client.set_read_only(true);
}

/// Whether the run of `client` is a plan: nothing is written.
pub fn dry_run(client: &Client) -> bool {
    active(client).as_ref().is_some_and(|a| a.dry_run)
}

/// Records a write a plan would make.
pub fn would(client: &Client, change: &Change) {
    plan(client, std::slice::from_ref(change));
}

/// The writes a plan recorded, in order.
pub fn planned(client: &Client) -> Vec<Change> {
    current(client)
        .map(|j| {
            (j.entries.into_iter())
                .filter(|e| e.status == Mark::Planned)
                .map(|e| e.change)
                .collect()
        })
        .unwrap_or_default()
}

/// Ends the run's journal: the run reported what it did, so there is nothing to finish.
/// `and_then` changes the state in the same save (e.g. the values kept for `--rollback`).
pub fn end(
    client: &Client,
    and_then: impl FnOnce(&mut crate::state::State),
) -> crate::error::Result<()> {
    let taken = active(client).take();
    if taken.as_ref().is_some_and(|a| a.dry_run) {
        client.set_read_only(false);
    }
    let slot = client.attached::<Slot>();
    lock(&LIVE).retain(|s| !Arc::ptr_eq(&s.0, &slot.0));
    if let Some(Active {
        file: Some(file), ..
    }) = taken
    {
        file.update(|st| {
            st.journal = None;
            and_then(st);
        })?;
    }
    Ok(())
}

/// The run is over and reported what it did (its instance lock is released): its journal
/// goes, unless a write's (or a take-back's) answer never came (then the next run finds out
/// what happened to it).
pub fn close(client: &Client) {
    let unsure = current(client).is_some_and(|j| {
        (j.entries.iter()).any(|e| matches!(e.status, Mark::Sent | Mark::Undoing))
    });
    if !unsure {
        let _ = end(client, |_| {});
    }
}

/// A part of the run is over and reported: its entries (those whose change is `part`'s) go,
/// and `and_then` changes the state in the same save (e.g. the values kept for
/// `--rollback`); the journal stays for the rest of the run, with the entries of the parts
/// still writing. Without a journal, `and_then` is applied to `file` alone.
pub fn checkpoint(
    client: &Client,
    file: Option<&StateFile>,
    part: impl Fn(&Change) -> bool,
    and_then: impl FnOnce(&mut crate::state::State),
) -> crate::error::Result<()> {
    let mut guard = active(client);
    match guard.as_mut() {
        Some(a) => {
            let (over, rest): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut a.journal.entries)
                .into_iter()
                .partition(|e| part(&e.change));
            a.journal.entries = rest;
            (a.journal.reported).extend(
                over.into_iter()
                    .filter(|e| e.status == Mark::Done)
                    .map(|e| e.change),
            );
            if let Some(file) = &a.file {
                file.update(|st| {
                    st.journal = Some(a.journal.clone());
                    and_then(st);
                })?;
            }
        }
        None => {
            if let Some(file) = file {
                file.update(and_then)?;
            }
        }
    }
    Ok(())
}

/// The run's journal so far.
pub fn current(client: &Client) -> Option<Journal> {
    active(client).as_ref().map(|a| a.journal.clone())
}

/// Records `changes` as planned, all in one save, before the first of them is written.
pub fn plan(client: &Client, changes: &[Change]) {
    let mut guard = active(client);
    let Some(a) = guard.as_mut() else { return };
    for c in changes {
        a.journal.entries.push(Entry {
            change: c.clone(),
            status: Mark::Planned,
            mod_count: None,
            values: Map::new(),
            ticket: 0,
        });
    }
    // The first save of the run already succeeded, and each write's own save
    // ([`sent`]) stops it if this one did not.
    persist_after(a);
}

/// Records that the write of `change` is going out now; returns its entry's ticket (`None`
/// when the run keeps no journal). A planned entry for the same record, field and value is
/// reused. When the journal cannot be saved the entry is left as it was and the error says
/// so: the caller must not send the write.
pub fn sent(
    client: &Client,
    change: &Change,
    values: Option<&Map<String, Value>>,
) -> crate::error::Result<Option<Ticket>> {
    let mut guard = active(client);
    let Some(a) = guard.as_mut() else {
        return Ok(None);
    };
    let kept = a.journal.entries.clone();
    a.tickets += 1;
    let ticket = a.tickets;
    let same = |e: &Entry| {
        e.status == Mark::Planned
            && e.change.table == change.table
            && e.change.sys_id == change.sys_id
            && e.change.field == change.field
            && e.change.after == change.after
    };
    match a.journal.entries.iter_mut().find(|e| same(e)) {
        Some(e) => {
            e.change.before = change.before.clone();
            e.status = Mark::Sent;
            e.ticket = ticket;
        }
        None => a.journal.entries.push(Entry {
            change: change.clone(),
            status: Mark::Sent,
            mod_count: None,
            values: values.cloned().unwrap_or_default(),
            ticket,
        }),
    }
    if let Err(e) = persist(a) {
        a.journal.entries = kept;
        return Err(e);
    }
    Ok(Some(Ticket(ticket)))
}

/// Records how a write ended: `Done` with the record's sys_id (an insert learns it now) and
/// the count it left, or `Undone`, or back to `Planned` when it surely did not happen.
pub fn mark(
    client: &Client,
    ticket: Option<Ticket>,
    status: Mark,
    sys_id: Option<&str>,
    count: Option<&str>,
) {
    let Some(Ticket(ticket)) = ticket else { return };
    let mut guard = active(client);
    let Some(a) = guard.as_mut() else { return };
    let Some(e) = a.journal.entries.iter_mut().find(|e| e.ticket == ticket) else {
        return;
    };
    e.status = status;
    if let Some(id) = sys_id.filter(|id| !id.is_empty()) {
        e.change.sys_id = id.to_string();
    }
    e.mod_count = count.map(str::to_string);
    persist_after(a);
}

/// The entries of `change`'s record and field that went out.
fn of_record<'a>(a: &'a mut Active, change: &'a Change) -> impl Iterator<Item = &'a mut Entry> {
    a.journal.entries.iter_mut().filter(move |e| {
        e.change.table == change.table
            && e.change.sys_id == change.sys_id
            && e.change.field == change.field
            && e.status != Mark::Planned
    })
}

/// Records that `change` is being taken back now (its restore or delete is going out): its
/// entries are marked undoing, so that a run killed before the answer is not finished by
/// writing the change again. Like [`sent`], an error means the journal could not be saved and
/// the take-back must not be sent (the entries are left as they were).
pub fn undoing(client: &Client, change: &Change) -> crate::error::Result<()> {
    let mut guard = active(client);
    let Some(a) = guard.as_mut() else {
        return Ok(());
    };
    let kept = a.journal.entries.clone();
    for e in of_record(a, change).filter(|e| e.status != Mark::Undone) {
        e.status = Mark::Undoing;
    }
    persist(a).inspect_err(|_| a.journal.entries = kept)
}

/// The take-back of `change` was refused before it was carried out: its entries are done
/// again (the record holds the value after).
pub fn not_undone(client: &Client, change: &Change) {
    let mut guard = active(client);
    let Some(a) = guard.as_mut() else { return };
    for e in of_record(a, change).filter(|e| e.status == Mark::Undoing) {
        e.status = Mark::Done;
    }
    persist_after(a);
}

/// A transaction that wrote to `tables` gives up and takes back what it wrote: its writes
/// still planned there will not be made, and are marked so before the first take-back goes
/// out (the next run must not finish a plan whose first half is being taken back).
pub fn given_up(client: &Client, tables: &[&str]) {
    let mut guard = active(client);
    let Some(a) = guard.as_mut() else { return };
    let planned = |e: &&mut Entry| e.status == Mark::Planned && tables.contains(&&*e.change.table);
    for e in a.journal.entries.iter_mut().filter(planned) {
        e.status = Mark::Undone;
    }
    persist_after(a);
}

/// Marks every entry of `change`'s record and field as undone.
pub fn undone(client: &Client, change: &Change) {
    let mut guard = active(client);
    let Some(a) = guard.as_mut() else { return };
    for e in of_record(a, change) {
        e.status = Mark::Undone;
    }
    persist_after(a);
}

// ---- signals -------------------------------------------------------------------------------

pub mod change;
pub mod record;
mod recover;
mod signals;
pub mod temporary;
pub use recover::*;
pub use signals::*;

#[cfg(test)]
mod tests {
    use super::recover::table_name;
    use super::*;

    fn entry(record: &str, status: Mark) -> Entry {
        Entry {
            change: Change::update("sys_rest_message", "abc", record, "rest_endpoint", "a", "b"),
            status,
            mod_count: None,
            values: Map::new(),
            ticket: 0,
        }
    }

    #[test]
    fn the_summary_says_what_was_and_was_not_changed() {
        let mut j = Journal {
            command: "set-webhook".into(),
            ..Journal::default()
        };
        assert_eq!(j.summary(), "nothing was changed");
        assert!(!j.wrote_something());
        j.entries = vec![
            entry("one", Mark::Done),
            entry("two", Mark::Sent),
            entry("three", Mark::Planned),
        ];
        let s = j.summary();
        assert!(s.starts_with("changed: \"one\""), "{s}");
        assert!(
            s.contains("may have been changed (the answer did not come): \"two\""),
            "{s}"
        );
        assert!(s.contains("not changed: \"three\""), "{s}");
        assert!(j.wrote_something());
    }

    #[test]
    fn the_summary_escapes_what_the_instance_wrote() {
        let mut done = entry("evil\u{1b}]0;title\u{7}", Mark::Done);
        done.change.after = "https://x.example/\n::error::forged".into();
        let mut left = entry("\u{202e}name", Mark::Planned);
        left.change.before = "a\rb".into();
        let j = Journal {
            entries: vec![done, left],
            ..Journal::default()
        };
        let s = j.summary();
        assert!(
            !s.chars().any(crate::servicenow::escape::is_unsafe),
            "{s:?}"
        );
        assert!(s.contains("\\n::error::forged"), "{s}");
        assert!(s.contains("(still \"a\\rb\")"), "{s}");
    }

    fn offline_client() -> Client {
        use crate::servicenow::{Auth, ClientConfig, InstanceUrl};
        Client::new(ClientConfig {
            instance: InstanceUrl::parse("https://example.service-now.com").unwrap(),
            auth: Auth::Basic {
                user: "admin".into(),
                password: String::new().into(),
            },
            network: crate::servicenow::http::Network {
                timeout: std::time::Duration::from_secs(1),
                concurrency: 1,
                ..Default::default()
            },
        })
        .unwrap()
    }

    #[test]
    fn a_checkpoint_keeps_the_writes_of_the_parts_still_running() {
        let client = offline_client();
        *active(&client) = Some(Active {
            file: None,
            journal: Journal::default(),
            tickets: 0,
            dry_run: false,
        });
        // The group's insert goes out; beside it, the webhook plans, writes and is saved.
        let mut member = Change::update("sys_user_grmember", "", "ada", "user", "", "ada");
        member.action = Some(change::Action::Insert);
        let group = sent(&client, &member, None).unwrap();
        let hook = entry("VABot to Bot", Mark::Planned).change;
        plan(&client, std::slice::from_ref(&hook));
        let written = sent(&client, &hook, None).unwrap();
        mark(&client, written, Mark::Done, None, Some("3"));
        checkpoint(&client, None, |c| c.table == "sys_rest_message", |_| {}).unwrap();
        // The group's answer comes after the checkpoint.
        mark(&client, group, Mark::Done, Some("m1"), None);
        let j = current(&client).unwrap();
        assert_eq!(j.entries.len(), 1, "{j:?}");
        assert_eq!(j.entries[0].status, Mark::Done);
        assert_eq!(j.entries[0].change.sys_id, "m1");
        assert_eq!(j.outcome().changed.len(), 2, "{j:?}");
        assert!(j.summary().contains("VABot to Bot"), "{}", j.summary());
    }

    #[test]
    fn journal_tables_and_fields_are_plain_names() {
        assert_eq!(table_name("sys_rest_message"), Some("sys_rest_message"));
        for bad in ["", "../x", "a?b=c", "Sys", "a b"] {
            assert_eq!(table_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_journal_round_trips_through_json() {
        let mut j = Journal {
            command: "group --fix".into(),
            started_at: 1,
            pid: 2,
            entries: vec![entry("x", Mark::Undone)],
            ..Journal::default()
        };
        j.entries[0]
            .values
            .insert("group".into(), Value::String("g".into()));
        let text = serde_json::to_string(&j).unwrap();
        assert!(text.contains("\"status\":\"undone\""), "{text}");
        assert_eq!(serde_json::from_str::<Journal>(&text).unwrap(), j);
    }
}
