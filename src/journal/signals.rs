//! Stopping at a safe point: SIGINT, SIGTERM and SIGHUP wait for the write in flight, then
//! the run says what was and was not changed.

use super::*;

static ARMED: AtomicBool = AtomicBool::new(false);
static SIGNALLED: AtomicBool = AtomicBool::new(false);
static IN_WRITE: AtomicUsize = AtomicUsize::new(0);
static IDLE: tokio::sync::Notify = tokio::sync::Notify::const_new();
/// Writes this run made outside the instance (Kore.ai), which its journal does not hold: a
/// stop names them too ([`note_elsewhere`]).
static ELSEWHERE: Mutex<Vec<String>> = Mutex::new(Vec::new());
/// Claims of activations this run holds on the instance (`sn_handoff.activation.…` system
/// properties): a stop names them, since they stay until the next activation run removes them.
static CLAIMS: Mutex<Vec<String>> = Mutex::new(Vec::new());
/// Where the next signal goes instead of ending the process (see [`on_signal`]).
static HANDOFF: Mutex<Option<tokio::sync::oneshot::Sender<&'static str>>> = Mutex::new(None);

/// The words of the command this process runs (`kore connect`), named by an interruption
/// whose run kept no journal on the instance.
static RUNNING: Mutex<String> = Mutex::new(String::new());

/// Names the command this process runs ([`RUNNING`]).
pub fn running(command: &str) {
    *lock(&RUNNING) = command.to_string();
}

/// The interruption error of a run that put back itself whatever it changed on the instance
/// (`doctor --enable-va-logging`): every field of the interruption document, with nothing left
/// changed by the journal's account.
pub fn interrupted(signal: &str, message: String) -> crate::error::Error {
    let mut error = crate::error::Error::new(crate::error::ErrorKind::Interrupted, message)
        .with_field("signal", Value::String(signal.to_string()))
        .with_field("command", Value::String(lock(&RUNNING).clone()))
        .with_field("kore_changed", serde_json::json!([]))
        .with_field("claims", serde_json::json!([]));
    for name in ["changed", "unchanged", "uncertain"] {
        error = error.with_field(name, serde_json::json!([]));
    }
    error
}

/// Held while one write is in flight and being recorded; a signal waits for it.
#[derive(Debug)]
pub struct WriteGuard(());

impl Drop for WriteGuard {
    fn drop(&mut self) {
        IN_WRITE.fetch_sub(1, Ordering::SeqCst);
        IDLE.notify_waiters();
    }
}

/// Waits for leave to write: after a signal none is given (the process is ending).
pub async fn enter() -> WriteGuard {
    let mut guards = enter_all(1).await;
    guards.pop().expect("one guard for one write")
}

/// Waits for leave to make `n` writes that go out together (one round of a transaction): all
/// of them or none, as [`enter`] does for one. Taking the guards one by one could see a signal
/// between two, and stop there holding the first (which nothing would then release).
pub async fn enter_all(n: usize) -> Vec<WriteGuard> {
    // Counted first, then the signal looked at: the handler sets the flag before it reads the
    // count, so either it waits for these writes or they see the flag and never start.
    IN_WRITE.fetch_add(n, Ordering::SeqCst);
    let guards: Vec<WriteGuard> = (0..n).map(|_| WriteGuard(())).collect();
    if SIGNALLED.load(Ordering::SeqCst) {
        drop(guards);
        // The process is ending: no write goes out.
        return std::future::pending().await;
    }
    guards
}

/// Waits for leave to go on after a write: after a signal there is none (the process is
/// ending once the writes in flight are recorded), so what follows, a read back of what was
/// written say, is never sent after the stop began.
pub async fn go_on() {
    if SIGNALLED.load(Ordering::SeqCst) {
        std::future::pending::<()>().await;
    }
}

/// How an interruption is told: the application's error printer, given once at start
/// ([`report_with`]). The journal decides what to say; it prints nothing itself.
static REPORTER: std::sync::OnceLock<fn(&crate::error::Error)> = std::sync::OnceLock::new();

/// Sets how an interruption's error is printed (the first call wins).
pub fn report_with(report: fn(&crate::error::Error)) {
    let _ = REPORTER.set(report);
}

/// How the journal's warnings are told (a journal that could not be saved): the application's
/// diagnostic line, given once at start ([`say_with`]).
static SAYER: std::sync::OnceLock<fn(&str)> = std::sync::OnceLock::new();

/// Sets how the journal's warnings are printed (the first call wins).
pub fn say_with(say: fn(&str)) {
    let _ = SAYER.set(say);
}

/// Tells a warning: through [`say_with`]'s printer, else as one safe line on stderr.
pub(crate) fn say(text: &str) {
    match SAYER.get() {
        Some(say) => say(text),
        None => {
            use std::io::Write;
            let line = crate::servicenow::escape::safe_line(text).into_owned();
            let _ = writeln!(std::io::stderr(), "{line}");
        }
    }
}

/// Records a write carried out outside the instance (`Kore.ai POST /api/…`), while its
/// [`WriteGuard`] is held, so that a stop does not say nothing was changed. Such writes are
/// whole on their own: running the command again writes them again.
pub fn note_elsewhere(what: impl Into<String>) {
    lock(&ELSEWHERE).push(what.into());
}

/// Records a claim of an activation this run inserted on the instance (see [`CLAIMS`]).
pub fn note_claim(name: &str) {
    lock(&CLAIMS).push(name.to_string());
}

/// Forgets a claim this run removed again.
pub fn forget_claim(name: &str) {
    lock(&CLAIMS).retain(|n| n != name);
}

/// Whether SIGINT is handled here (then `main` leaves Ctrl-C to it).
pub fn armed() -> bool {
    ARMED.load(Ordering::SeqCst)
}

/// Hands the next signal to the caller instead of ending the process, for a run that puts
/// back what it changed (`doctor --enable-va-logging`): the receiver answers with the
/// signal's name once no write is in flight (a write entered with [`enter`] is let finish,
/// and none starts after the signal); the caller then puts things back and ends with exit
/// 130. A second signal ends the process at once. Arms the signal handling.
pub fn on_signal() -> tokio::sync::oneshot::Receiver<&'static str> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    *lock(&HANDOFF) = Some(tx);
    arm();
    rx
}

/// Handles SIGINT, SIGTERM and SIGHUP from now on (once per process; needs a tokio runtime).
pub fn arm() {
    if ARMED.swap(true, Ordering::SeqCst) {
        return;
    }
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<&'static str>();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let kinds = [
            (SignalKind::interrupt(), "SIGINT"),
            (SignalKind::terminate(), "SIGTERM"),
            (SignalKind::hangup(), "SIGHUP"),
        ];
        for (kind, name) in kinds {
            let Ok(mut stream) = signal(kind) else {
                continue;
            };
            let tx = tx.clone();
            tokio::spawn(async move {
                while stream.recv().await.is_some() {
                    if tx.send(name).is_err() {
                        break;
                    }
                }
            });
        }
    }
    #[cfg(not(unix))]
    {
        let tx = tx.clone();
        tokio::spawn(async move {
            while tokio::signal::ctrl_c().await.is_ok() {
                if tx.send("Ctrl-C").is_err() {
                    break;
                }
            }
        });
    }
    tokio::spawn(async move {
        let Some(name) = rx.recv().await else { return };
        SIGNALLED.store(true, Ordering::SeqCst);
        // Let the write in flight finish and be recorded; a second signal ends at once.
        loop {
            let idle = IDLE.notified();
            if IN_WRITE.load(Ordering::SeqCst) == 0 {
                break;
            }
            tokio::select! {
                () = idle => {}
                _ = rx.recv() => stop(name),
                () = tokio::time::sleep(std::time::Duration::from_millis(50)) => {}
            }
        }
        let handoff = lock(&HANDOFF).take();
        if handoff.is_some_and(|tx| tx.send(name).is_ok()) {
            // The run puts back what it changed and ends itself.
            let second = rx.recv().await;
            stop(second.unwrap_or(name));
        }
        stop(name);
    });
}

/// Says what the journal shows and ends the process with exit 130: `error: …` on stderr, or
/// under `--json` the JSON error document on stdout, whose `"error"` also holds `signal`,
/// `command` and the writes `changed`, `unchanged` and `uncertain` (each `{"table", "sys_id",
/// "record", "field", "before", "after"}`, as in the commands' `"changes"`).
fn stop(signal: &str) -> ! {
    let journal = lock(&LIVE).iter().find_map(|slot| {
        lock(&slot.0)
            .as_ref()
            .map(|a| (slot.clone(), a.journal.clone()))
    });
    let left = Left {
        elsewhere: lock(&ELSEWHERE).clone(),
        claims: lock(&CLAIMS).clone(),
    };
    let (message, hint) = stop_message(signal, journal.as_ref(), &left);
    let error = stop_error(
        signal,
        message,
        hint,
        journal.as_ref().map(|(_, j)| j),
        left,
    );
    match REPORTER.get() {
        Some(report) => report(&error),
        None => {
            use std::io::Write;
            let line = crate::servicenow::escape::safe_line(error.message()).into_owned();
            let _ = writeln!(std::io::stderr(), "sn-handoff: {line}");
        }
    }
    std::process::exit(130);
}

/// What a stopped run left that its journal does not hold.
struct Left {
    /// Its writes on Kore.ai ([`ELSEWHERE`]).
    elsewhere: Vec<String>,
    /// Its claims of activations on the instance ([`CLAIMS`]).
    claims: Vec<String>,
}

impl Left {
    /// The end of the stop's message naming [`Left`]'s writes: empty when there is none.
    fn also(&self) -> String {
        let also = if self.elsewhere.is_empty() {
            String::new()
        } else {
            format!("; written on Kore.ai: {}", self.elsewhere.join(", "))
        };
        let claimed = if self.claims.is_empty() {
            String::new()
        } else {
            format!(
                "; left on the instance: its claims of activations (system properties the next activation run removes): {}",
                self.claims.join(", ")
            )
        };
        format!("{also}{claimed}")
    }
}

/// Takes the journal out of `slot` and its state file: nothing went out to the instance, so
/// there is nothing for the next run to finish there.
fn forget_journal(slot: &Slot) {
    if let Some(Active {
        file: Some(file), ..
    }) = lock(&slot.0).take()
    {
        let _ = file.update(|st| st.journal = None);
    }
}

/// The stop's message and hint, from how far the run got: writes on the instance, only on
/// Kore.ai, only claims, or none (then its journal goes, [`forget_journal`]).
fn stop_message(
    signal: &str,
    journal: Option<&(Slot, Journal)>,
    left: &Left,
) -> (String, Option<&'static str>) {
    let also = left.also();
    match journal {
        Some((_, j)) if j.wrote_something() => (
            format!(
                "interrupted by {signal} between two writes of `{}`: {}{also}",
                j.command,
                j.summary()
            ),
            Some("The next writing run for this instance finishes the rest first."),
        ),
        Some((slot, j)) if !left.elsewhere.is_empty() => {
            forget_journal(slot);
            (
                format!(
                    "interrupted by {signal} before `{}` wrote anything on the instance{also}",
                    j.command
                ),
                Some("Run it again: it writes the Kore.ai side whole."),
            )
        }
        Some((_, j)) if !left.claims.is_empty() => (
            format!(
                "interrupted by {signal} before `{}` wrote anything but its claims{also}",
                j.command
            ),
            Some("Run it again: it watches what was started, or starts it."),
        ),
        Some((slot, j)) => {
            forget_journal(slot);
            (
                format!(
                    "interrupted by {signal} before `{}` wrote anything: nothing was changed.",
                    j.command
                ),
                None,
            )
        }
        None if !left.elsewhere.is_empty() => (
            format!("interrupted by {signal}{also}"),
            Some("Run it again: it writes the Kore.ai side whole."),
        ),
        None => (format!("interrupted by {signal}"), None),
    }
}

/// The stop's error: `message` and `hint`, with every field of the interruption document
/// whatever the run did (the instance's writes from `journal`, Kore.ai's and the claims from
/// `left`), so that a script reads them without guessing.
fn stop_error(
    signal: &str,
    message: String,
    hint: Option<&str>,
    journal: Option<&Journal>,
    left: Left,
) -> crate::error::Error {
    // One path for both forms: the printer's net escapes what the instance put in a record
    // and hides the user information of a URL, as for every other error.
    let mut error = crate::error::Error::new(crate::error::ErrorKind::Interrupted, message)
        .with_field("signal", Value::String(signal.to_string()));
    if let Some(hint) = hint {
        error = error.with_hint(hint.trim_end_matches('.'));
    }
    error = error.with_field("kore_changed", serde_json::json!(left.elsewhere));
    error = error.with_field("claims", serde_json::json!(left.claims));
    let outcome = match journal {
        Some(j) => {
            error = error.with_field("command", Value::String(j.command.clone()));
            serde_json::to_value(j.outcome()).unwrap_or_default()
        }
        None => {
            error = error.with_field("command", Value::String(lock(&RUNNING).clone()));
            serde_json::json!({"changed": [], "unchanged": [], "uncertain": []})
        }
    };
    for name in ["changed", "unchanged", "uncertain"] {
        error = error.with_field(name, outcome[name].clone());
    }
    error
}

// ---- recovery ------------------------------------------------------------------------------
