//! What sn-handoff remembers between runs, one file per instance under
//! `$XDG_STATE_HOME/sn-handoff/` (else `~/.local/state/sn-handoff/`): the values `set-webhook`
//! replaced, so that `set-webhook --rollback` can restore them, and the CI/CD progress ids of
//! activations still running, so that `plugins --activate` watches them again instead of
//! starting them twice, and the write-ahead journal of a writing run (see [`crate::journal`]).
//! The file is replaced atomically (a temporary file in the same directory, then a rename), so
//! a crash never leaves half a file; it is readable by its owner only (0600). It never holds a
//! secret.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::fs::write_atomic;
use crate::journal::change::Change;
use crate::journal::record::Journal;
// The clock moved to the ServiceNow client (`time`); these paths stay for callers.
pub use crate::servicenow::time::{describe_time, unix_now};

/// Everything remembered about one instance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// The instance origin the file belongs to.
    #[serde(default)]
    pub instance: String,
    /// The values the last `set-webhook` replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook: Option<SavedWebhook>,
    /// Plugin id or application scope → CI/CD progress id of an activation still running.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub activations: BTreeMap<String, String>,
    /// The writes of a run that has not ended (see [`crate::journal`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal: Option<Journal>,
    /// Temporary writes (`doctor --enable-va-logging`) not yet put back: recorded before
    /// each is sent, removed once it is undone (see `journal::temporary`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub temporary: Vec<crate::journal::record::Temporary>,
    /// When sn-handoff last minted an OAuth refresh token here, and how long it lives (never
    /// the token): the `auth` step warns before it expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<MintedToken>,
    /// When these credentials last worked here (no secret): a `check` within
    /// [`WARM_FOR`] of it sends every read beside the probe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<Verification>,
    /// The Kore.ai bot whose ServiceNow integration `kore connect` (or `init`, or
    /// `check --fix`) last wrote for this instance, from this machine. Kore.ai documents no
    /// read of an integration, so this record is the only way to tell which instance a bot
    /// was connected to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kore_written: Option<KoreWritten>,
    /// The Virtual Agent API's version when a check last read it: from 4.1 on, the next check
    /// reads the outbound configuration and its connection at once with the rest, before it
    /// has read the version again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub va_api_version: Option<String>,
}

/// That the integration of a Kore.ai bot was written for this instance (no secret).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KoreWritten {
    /// The bot (`st-…`).
    pub bot_id: String,
    /// The Kore.ai host origin.
    pub host: String,
    /// Seconds since the Unix epoch.
    pub at: u64,
}

/// Records that the integration of `bot_id` at `host` was just written for `instance` (a
/// state file that cannot be written costs only that record).
pub fn record_kore_written(instance: &str, bot_id: &str, host: &str) {
    put_kore_written(
        instance,
        KoreWritten {
            bot_id: bot_id.to_string(),
            host: host.to_string(),
            at: unix_now(),
        },
    );
}

/// Keeps `written` as the record of `instance` (a state file that cannot be written costs only
/// that record): a new one, or one put back as it was.
pub fn put_kore_written(instance: &str, written: KoreWritten) {
    if let Some(file) = StateFile::for_instance(instance) {
        let _ = file.update(|st| st.kore_written = Some(written));
    }
}

/// Forgets every record of the instance the integration of `bot_id` at `host` was written
/// for: after a write that may or may not have been carried out, none is known.
pub fn forget_kore_written(bot_id: &str, host: &str) {
    let Some(entries) = state_dir().and_then(|dir| std::fs::read_dir(dir).ok()) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let file = StateFile {
            path,
            instance: String::new(),
        };
        let _ = file.update(|st| {
            let ours = st
                .kore_written
                .as_ref()
                .is_some_and(|w| w.bot_id.eq_ignore_ascii_case(bot_id) && w.host == host);
            if ours {
                st.kore_written = None;
            }
        });
    }
}

/// The instance the integration of `bot_id` at `host` was last written for from this
/// machine, and when: the newest record among the state files.
pub fn kore_written_for(bot_id: &str, host: &str) -> Option<(String, u64)> {
    let dir = state_dir()?;
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .filter_map(|text| serde_json::from_str::<State>(&text).ok())
        .filter_map(|st| {
            let w = st.kore_written?;
            (w.bot_id.eq_ignore_ascii_case(bot_id) && w.host == host).then_some((st.instance, w.at))
        })
        .max_by_key(|(_, at)| *at)
}

/// How long a verification keeps a check warm: 24 hours.
pub const WARM_FOR: u64 = 24 * 3600;

/// That the instance accepted these credentials: whose, how, and when. Never the secret.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// The instance origin.
    pub instance: String,
    /// The user name the client signed in as.
    pub user: String,
    /// `basic` or `oauth`.
    pub method: String,
    /// Seconds since the Unix epoch.
    pub at: u64,
}

impl Verification {
    /// The record for `client`'s credentials, now.
    pub fn now(client: &crate::servicenow::Client) -> Verification {
        Verification {
            instance: client.instance().to_string(),
            user: client.user().to_string(),
            method: client.method_name().to_string(),
            at: unix_now(),
        }
    }

    /// Whether this record vouches for `other` (same instance, user and method) at `other.at`.
    pub fn vouches_for(&self, other: &Verification) -> bool {
        self.instance == other.instance
            && self.user == other.user
            && self.method == other.method
            && self.at <= other.at
            && other.at - self.at < WARM_FOR
    }
}

/// A refresh token sn-handoff minted (no secret).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MintedToken {
    /// The OAuth app's client id.
    pub client_id: String,
    /// Seconds since the Unix epoch when it was minted.
    pub minted_at: u64,
    /// The app's refresh token lifespan, in seconds.
    pub lifespan_secs: u64,
    /// Where the lifespan came from: `oauth_entity`, or `default` (100 days, when the app
    /// could not be read).
    pub lifespan_source: String,
}

impl MintedToken {
    /// Seconds since the Unix epoch when it expires.
    pub fn expires_at(&self) -> u64 {
        self.minted_at.saturating_add(self.lifespan_secs)
    }
}

/// The fields one `set-webhook` changed, with their values before and after.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedWebhook {
    /// Seconds since the Unix epoch when they were saved.
    pub saved_at: u64,
    /// The changes, in the order they were made.
    pub changes: Vec<Change>,
    /// Whether the run that made them completed (false while they are what an interrupted or
    /// failed run left: the next run that completes keeps their values before).
    #[serde(default = "completed_by_default")]
    pub complete: bool,
}

/// A state file from before `complete` was kept: its run completed.
fn completed_by_default() -> bool {
    true
}

/// How long a run waits for another run on the same instance to finish its changes.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(120);

/// The lock of one instance, held until dropped (the OS releases it with the file, and when
/// the process ends, however it ends).
pub struct InstanceLock {
    _file: std::fs::File,
    /// What the run does when it lets go of the instance (its journal ends with the lock).
    on_release: Option<Box<dyn FnOnce() + Send + Sync>>,
    /// Taken at the first try, and nothing an earlier run left was finished under it (see
    /// [`InstanceLock::at_once`]).
    at_once: bool,
}

impl InstanceLock {
    /// Whether the lock was taken at the first try and nothing an earlier run left was
    /// finished under it: then no run of this machine changed the instance since what this
    /// run read before taking it (`check --fix` starts the activations from its check's
    /// reads only then).
    pub fn at_once(&self) -> bool {
        self.at_once
    }

    /// Notes that taking it finished what an earlier run left.
    pub fn finished_left(&mut self) {
        self.at_once = false;
    }

    /// Runs `f` when the lock is let go (the first one given stays).
    pub fn on_release(&mut self, f: impl FnOnce() + Send + Sync + 'static) {
        self.on_release.get_or_insert_with(|| Box::new(f));
    }
}

impl std::fmt::Debug for InstanceLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InstanceLock").finish_non_exhaustive()
    }
}

impl Drop for InstanceLock {
    fn drop(&mut self) {
        if let Some(release) = self.on_release.take() {
            release();
        }
    }
}

/// The values kept for `--rollback` after a run that changed `changes` (`complete`: the run
/// completed): `--rollback` undoes the last completed run. After a completed run, its own
/// changes replace what was kept. After an interrupted or failed one, what it left is kept
/// beside them, and the run that finishes it keeps, per record, the value from before the
/// interrupted run (values an interrupted run left are never taken as "before").
pub fn merge_saved(
    previous: Option<SavedWebhook>,
    changes: Vec<Change>,
    complete: bool,
) -> SavedWebhook {
    let mut kept = previous
        .filter(|p| !p.complete)
        .map(|p| p.changes)
        .unwrap_or_default();
    for mut change in changes {
        let same = |k: &Change| {
            k.table == change.table && k.sys_id == change.sys_id && k.field == change.field
        };
        match kept.iter().position(same) {
            Some(i) => {
                if kept[i].after == change.before {
                    change.before = kept[i].before.clone();
                }
                kept[i] = change;
            }
            None => kept.push(change),
        }
    }
    SavedWebhook {
        saved_at: unix_now(),
        changes: kept,
        complete,
    }
}

/// The state file of one instance.
#[derive(Debug, Clone)]
pub struct StateFile {
    path: PathBuf,
    instance: String,
}

/// `$XDG_STATE_HOME/sn-handoff`, else `~/.local/state/sn-handoff`.
pub fn state_dir() -> Option<PathBuf> {
    crate::fs::xdg_dir("XDG_STATE_HOME", ".local/state")
}

/// The file name for an instance origin: `dev123.service-now.com.json`,
/// `127.0.0.1_8765.json`.
fn file_name(instance: &str) -> String {
    let bare = instance
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/');
    let safe: String = bare
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}.json")
}

fn failed(what: &str, path: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::WriteFailed,
        format!("cannot {what} the state file {}: {e}", path.display()),
    )
}

impl StateFile {
    /// The state file of `instance` (an origin such as `https://dev123.service-now.com`), or
    /// `None` when there is neither `XDG_STATE_HOME` nor `HOME`.
    pub fn for_instance(instance: &str) -> Option<StateFile> {
        Some(StateFile {
            path: state_dir()?.join(file_name(instance)),
            instance: instance.to_string(),
        })
    }

    /// The state file of `instance` in `dir` instead of the state directory (for code driven
    /// in-process, such as the `init` wizard's tests).
    pub fn in_dir(dir: &Path, instance: &str) -> StateFile {
        StateFile {
            path: dir.join(file_name(instance)),
            instance: instance.to_string(),
        }
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the file; a missing file is an empty state.
    pub fn load(&self) -> Result<State> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(State {
                    instance: self.instance.clone(),
                    ..State::default()
                })
            }
            Err(e) => return Err(failed("read", &self.path, e)),
        };
        let mut state: State = serde_json::from_str(&text).map_err(|e| {
            Error::usage(format!(
                "the state file {} is not readable JSON ({e}); move it away to start afresh",
                self.path.display()
            ))
        })?;
        if state.instance.is_empty() {
            state.instance = self.instance.clone();
        }
        Ok(state)
    }

    /// Replaces the file with `state` (see [`write_atomic`]).
    pub fn save(&self, state: &State) -> Result<()> {
        let mut text =
            serde_json::to_string_pretty(state).map_err(|e| failed("write", &self.path, e))?;
        text.push('\n');
        write_atomic(&self.path, text.as_bytes()).map_err(|e| failed("write", &self.path, e))
    }

    /// Takes the instance's lock (`<state file>.lock`, an OS file lock) for as long as the
    /// returned guard lives, so that two runs on this machine never interleave their reads
    /// and writes of one instance: the second waits, then reads what the first wrote and
    /// finds nothing to change. Runs on other machines are caught by the `sys_mod_count`
    /// comparison of each write instead. Waits up to [`LOCK_WAIT`], saying so after a moment
    /// (`waiting` is given the line).
    pub async fn lock(&self, waiting: impl FnOnce(&str)) -> Result<InstanceLock> {
        let mut waiting = Some(waiting);
        let (path, file) = self.open_lock_file()?;
        let started = std::time::Instant::now();
        let mut tries = 0;
        loop {
            tries += 1;
            match file.try_lock() {
                Ok(()) => {
                    return Ok(InstanceLock {
                        _file: file,
                        on_release: None,
                        at_once: tries == 1,
                    })
                }
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(failed("lock", &path, e));
                }
            }
            if started.elapsed() >= LOCK_WAIT {
                return Err(Error::new(
                    ErrorKind::WriteFailed,
                    format!(
                        "nothing was changed: another sn-handoff run has been changing {} for {} s (lock {})",
                        self.instance,
                        LOCK_WAIT.as_secs(),
                        path.display()
                    ),
                ));
            }
            if started.elapsed() >= std::time::Duration::from_millis(500) {
                if let Some(say) = waiting.take() {
                    say(&format!(
                        "waiting for another sn-handoff run that is changing {}…",
                        self.instance
                    ));
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// Whether `client`'s credentials worked here within [`WARM_FOR`] (an unreadable file
    /// says no).
    pub fn is_warm(&self, client: &crate::servicenow::Client) -> bool {
        let now = Verification::now(client);
        self.load()
            .ok()
            .and_then(|s| s.verified)
            .is_some_and(|v| v.vouches_for(&now))
    }

    /// Records that `client`'s credentials worked (`true`), or forgets that they did. Only
    /// under the instance's lock, taken without waiting: a writing run holds it for as long as
    /// it keeps its journal in this file, and a read-modify-write beside it could drop a
    /// journal entry. When the lock is taken, nothing is recorded (the next check is cold).
    pub fn set_verified(&self, client: &crate::servicenow::Client, worked: bool) -> Result<()> {
        let Some(_lock) = self.try_lock_now()? else {
            return Ok(());
        };
        self.update(|s| s.verified = worked.then(|| Verification::now(client)))
    }

    /// Records `record` as the credentials that worked (a sign-in that proved them), under
    /// the instance's lock as [`StateFile::set_verified`] takes it.
    pub fn set_verified_record(&self, record: Verification) -> Result<()> {
        let Some(_lock) = self.try_lock_now()? else {
            return Ok(());
        };
        self.update(|s| s.verified = Some(record))
    }

    /// Keeps the Virtual Agent API version a check read, when it changed; like
    /// [`StateFile::set_verified`], only under the instance's lock taken without waiting.
    pub fn note_va_api_version(&self, version: Option<&str>) -> Result<()> {
        let Some(version) = version else {
            return Ok(());
        };
        if self.load().ok().and_then(|s| s.va_api_version).as_deref() == Some(version) {
            return Ok(());
        }
        let Some(_lock) = self.try_lock_now()? else {
            return Ok(());
        };
        self.update(|s| s.va_api_version = Some(version.to_string()))
    }

    /// The instance's lock if no run holds it now (see [`StateFile::lock`]), else `None`.
    fn try_lock_now(&self) -> Result<Option<std::fs::File>> {
        let (path, file) = self.open_lock_file()?;
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(failed("lock", &path, e)),
        }
    }

    /// `<state file>.lock` and its path, opened (and made, with its directory) but not locked.
    fn open_lock_file(&self) -> Result<(PathBuf, std::fs::File)> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        // The state directory is its owner's alone (0700), and so is the lock (0600).
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(dir)
            .map_err(|e| failed("create the directory of", &self.path, e))?;
        let mut path = self.path.clone().into_os_string();
        path.push(".lock");
        let path = PathBuf::from(path);
        let mut options = std::fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options
            .open(&path)
            .map_err(|e| failed("open the lock beside", &self.path, e))?;
        // Made by an older release with the default mode: tightened (best effort).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
            let _ = file.set_permissions(std::fs::Permissions::from_mode(0o600));
        }
        Ok((path, file))
    }

    /// Loads, changes and saves the state; returns what `change` returns. One update at a time
    /// in the process: the repairs of one run go side by side and each saves the state (the
    /// journal, an activation's progress id, the Kore.ai record), and one's load-change-save
    /// must not drop what another saved in between.
    pub fn update<T>(&self, change: impl FnOnce(&mut State) -> T) -> Result<T> {
        static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _one = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut state = self.load()?;
        let out = change(&mut state);
        self.save(&state)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verified_record_is_not_written_while_a_run_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let file = StateFile {
            instance: "http://127.0.0.1:1".into(),
            path: dir.path().join("127.0.0.1_1.json"),
        };
        let held = file.try_lock_now().unwrap().expect("free at first");
        assert!(file.try_lock_now().unwrap().is_none(), "held by the run");
        drop(held);
        assert!(file.try_lock_now().unwrap().is_some(), "free again");
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name("https://dev123.service-now.com"),
            "dev123.service-now.com.json"
        );
        assert_eq!(file_name("http://127.0.0.1:8765"), "127.0.0.1_8765.json");
        assert_eq!(file_name("https://a/../b"), "a_.._b.json");
    }

    #[test]
    fn saves_atomically_and_reads_back() {
        let dir = std::env::temp_dir().join(format!("sn-handoff-state-{}", std::process::id()));
        let file = StateFile {
            path: dir.join("x.json"),
            instance: "https://x".into(),
        };
        assert_eq!(file.load().unwrap().instance, "https://x");
        file.update(|s| {
            s.activations.insert("com.glide.awa".into(), "p1".into());
        })
        .unwrap();
        let state = file.load().unwrap();
        assert_eq!(state.activations["com.glide.awa"], "p1");
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
        std::fs::write(file.path(), "{not json").unwrap();
        assert_eq!(file.load().unwrap_err().kind(), ErrorKind::Usage);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[cfg(test)]
mod journal_tests {
    use super::*;

    fn c(before: &str, after: &str) -> Change {
        Change::update(
            "sys_rest_message",
            "m",
            "VABot to Bot",
            "rest_endpoint",
            before,
            after,
        )
    }

    #[test]
    fn the_last_completed_run_is_what_a_rollback_undoes() {
        let first = merge_saved(None, vec![c("P", "A")], true);
        let second = merge_saved(Some(first), vec![c("A", "B")], true);
        assert_eq!(second.changes, vec![c("A", "B")]);
        // An interrupted run's values are never "before": the run that finishes it keeps
        // the value from before the interrupted one.
        let interrupted = merge_saved(Some(second), vec![c("B", "C")], false);
        assert_eq!(interrupted.changes, vec![c("B", "C")]);
        let finished = merge_saved(Some(interrupted), vec![c("C", "D")], true);
        assert_eq!(finished.changes, vec![c("B", "D")]);
        // A record an interrupted run did not reach stays beside the one it did.
        let left = merge_saved(Some(finished), vec![c("D", "E")], false);
        let mut other = c("Q", "E");
        other.table = "sys_rest_message_fn".into();
        let done = merge_saved(Some(left), vec![other.clone()], true);
        assert_eq!(done.changes, vec![c("D", "E"), other]);
    }

    #[test]
    fn times_read_as_utc() {
        assert_eq!(describe_time(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(describe_time(1_796_071_267), "2026-11-30 20:41:07 UTC");
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_the_owners_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile_dir();
        let file = StateFile::in_dir(&dir, "https://x");
        file.update(|s| s.instance = "https://x".into()).unwrap();
        let mode = std::fs::metadata(file.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "sn-handoff-state-mode-{}-{}",
            std::process::id(),
            unix_now()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
