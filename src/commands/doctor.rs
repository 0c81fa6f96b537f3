//! `sn-handoff doctor --bundle FILE [--enable-va-logging]`: a redacted support bundle, a
//! `.tar.gz` holding
//!
//! - `check.json`: the seven steps (the `check --json` document);
//! - `deep.json`: the deep steps;
//! - `why-no-agent.json`: the chain a handed-over chat takes and where it breaks;
//! - `versions.json`: the release and the plugins with their versions;
//! - `properties.json`: the system properties that decide a hand-off ([`PROPERTIES`]);
//! - `http.har`: every HTTP exchange of the run, as HAR 1.2 (`servicenow::har`);
//! - `manifest.json`: what made the bundle and when.
//!
//! Every password, secret, token and `Authorization` value is `***` (`servicenow::har`
//! redacts by name; the secrets the run was given are then replaced wherever they occur, in
//! every file). The bundle is written through a temporary file and a rename, mode 0600.
//!
//! `--enable-va-logging` turns on, for the run, the outbound HTTP log that shows what the
//! instance sends the bot (`glide.outbound_http_log.override` = `true` and
//! `glide.outbound_http_log.override.level` = `all`: ServiceNowDocs
//! `conversational-interfaces/virtual-agent/debug-bot-sn-sn-configuration.md`, "Enable the
//! following system properties"). No property of the Virtual Agent API's own logging is
//! documented, so none is guessed. The previous values are restored afterwards, on success, on
//! an error and on SIGINT (Ctrl-C), SIGTERM or SIGHUP (a property that did not exist is deleted
//! again). A signal is taken through the journal's handling (`journal::on_signal`): a property
//! write in flight finishes and is recorded, none starts after it, then the run restores and
//! ends with exit 130; a second signal ends it at once.

use std::path::Path;
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use indicatif::ProgressBar;
use serde_json::{json, Map, Value};

use super::why_no_agent;
use crate::cli::DoctorArgs;
use crate::error::{Error, ErrorKind, ExitStatus, Result};
use crate::journal::temporary::{self, Temporary};
use crate::servicenow::har::{self, Har};
use crate::servicenow::{field, ApiError, Client, Query, Row};
use crate::settings::Settings;
use crate::steps::deep::chain::{self, Chain};
use crate::steps::engine::{self, CheckReport};
use crate::steps::{StepId, StepOptions};
use crate::ui::escape::escape;
use crate::ui::Printer;

/// The properties the bundle reports: AWA on, the channels kept from live agents, the
/// outbound HTTP log, and the release.
pub const PROPERTIES: [&str; 9] = [
    "glide.awa.enabled",
    "com.glide.cs.exclude.liveagent.support",
    LOG_OVERRIDE,
    LOG_LEVEL,
    "glide.buildname",
    "glide.buildtag",
    "glide.war",
    "glide.invalid_query.returns_no_rows",
    "glide.oauth.state.parameter.required",
];

pub use crate::journal::temporary::{LOG_LEVEL, LOG_OVERRIDE};
/// The values `--enable-va-logging` sets.
pub const LOGGING: [(&str, &str); 2] = [(LOG_OVERRIDE, "true"), (LOG_LEVEL, "all")];
/// The Virtual Agent API's own bot-to-bot logging (VA API 1.3 and later, default false):
/// documented in the properties table of ServiceNow's Yokohama "Virtual Agent bot-to-bot
/// integration" page (conversational-interfaces/virtual-agent, Yokohama release) and in the
/// Store release notes, and gone from the Zurich and Australia pages. Whether 4.x still reads
/// it is not documented, so `--enable-va-logging` sets it only where the property exists,
/// and never creates it.
pub const VA_LOGGING: &str = "va.bot.to.bot.logging_enabled";

/// The environment variables that may hold a secret of this run.
const SECRET_ENV: [&str; 6] = [
    crate::env::PASSWORD,
    crate::env::CLIENT_SECRET,
    crate::env::REFRESH_TOKEN,
    crate::env::MESSAGE_TOKEN,
    crate::env::KORE_CLIENT_SECRET,
    crate::env::KORE_ADMIN_CLIENT_SECRET,
];

/// A property as it was before `--enable-va-logging`: its name, sys_id and value, or `None`
/// when it was created for the run.
struct Before {
    name: &'static str,
    sys_id: String,
    value: Option<String>,
}

/// What `--enable-va-logging` changed: what it put back afterwards, and the properties whose
/// write may have been carried out although the run could not find out (a POST whose answer
/// was lost, and the row could not be looked up): those stay in the journal.
#[derive(Default)]
struct Logged {
    changed: Vec<Before>,
    unsure: Vec<&'static str>,
}

impl Logged {
    /// What the run says of [`Logged::unsure`], after its error: empty when there is none.
    fn unsure_note(&self) -> String {
        if self.unsure.is_empty() {
            return String::new();
        }
        format!(
            "; {} may have been set (its answer was lost and it could not be read back): it stays in the journal, and the next `doctor` or writing run puts it back",
            self.unsure.join(", ")
        )
    }
}

/// Runs `doctor`.
pub async fn run(settings: &Settings, args: &DoctorArgs, printer: &Printer) -> Result<ExitStatus> {
    if args.bundle.as_os_str().is_empty() || args.bundle.is_dir() {
        return Err(Error::usage(format!(
            "--bundle {} is not a file name",
            args.bundle.display()
        )));
    }
    let opts = settings.step_options(&args.steps)?;
    let (client, _source) = settings.connect()?;
    let state = crate::state::StateFile::for_run(settings, &client);
    let pending = state
        .as_ref()
        .and_then(|f| f.load().ok())
        .is_some_and(|s| !s.temporary.is_empty());
    let recorder = Arc::new(Har::new());
    client.set_recorder(recorder.clone());
    let started = Instant::now();
    let spinner = printer.spinner(&format!(
        "Collecting a support bundle from {}",
        client.instance()
    ));

    // Armed before the first write: from here on a signal is handed to this run.
    let signal = if args.enable_va_logging {
        Some(crate::journal::on_signal())
    } else {
        None
    };
    // A writing doctor (or one that finds a temporary write left behind) takes the instance's
    // lock, which puts back what an interrupted run left and refuses to go on when the
    // journal cannot be written.
    let _lock = if args.enable_va_logging || pending {
        crate::state::StateFile::lock_for_run(settings, &client, "doctor --enable-va-logging")
            .await?
    } else {
        None
    };
    let doctor = Doctor {
        settings,
        args,
        printer,
        client: &client,
        state: state.as_ref(),
    };
    let (report, properties) = doctor.collect(&opts, signal, &spinner).await?;

    let chain = Chain::of(&report.steps, &chain::LINKS);
    let secrets = secrets(settings);
    let agent = opts.agent.as_deref();
    let files = doctor.files(&report, &chain, properties, agent, &recorder, &secrets);
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    let bytes = bundle(files, &secrets)
        .map_err(|e| Error::usage(format!("cannot build the bundle: {e}")))?;
    write(&args.bundle, &bytes)?;
    doctor.say_written(&chain, &names, recorder.len(), started);
    // A bundle is written even when the instance refused: then the exit code says so.
    Ok(match report.exit {
        ExitStatus::Auth | ExitStatus::Unusable => report.exit,
        _ => ExitStatus::Success,
    })
}

/// What the bundle is made of: the check's report, and the properties' rows (or why they
/// could not be read).
type Collected = (CheckReport, std::result::Result<Vec<Row>, ApiError>);

/// What the phases of one `doctor` run share.
struct Doctor<'a> {
    settings: &'a Settings,
    args: &'a DoctorArgs,
    printer: &'a Printer,
    client: &'a Client,
    state: Option<&'a crate::state::StateFile>,
}

impl Doctor<'_> {
    /// Reads what the bundle is made of ([`Doctor::read`]), then puts back whatever the run
    /// set ([`Doctor::put_back`]) before anything else: a signal (`signal`, armed when the run
    /// writes) then ends the run with the interruption error, whenever it came.
    async fn collect(
        &self,
        opts: &StepOptions,
        mut signal: Option<tokio::sync::oneshot::Receiver<&'static str>>,
        spinner: &ProgressBar,
    ) -> Result<Collected> {
        let mut logged = Logged::default();
        let work = self.read(opts, &mut logged);
        let interrupted = async {
            match signal.as_mut() {
                Some(rx) => rx.await.ok(),
                None => std::future::pending().await,
            }
        };
        let (outcome, mut stopped_by) = tokio::select! {
            outcome = work => (Some(outcome), None),
            name = interrupted => (None, name),
        };
        // Whatever happened, put the properties back before anything else.
        let restored = self.put_back(&logged).await;
        spinner.finish_and_clear();
        // A signal that came while the run ended or restored ends it too (restored by now).
        if let Some(rx) = signal.as_mut().filter(|_| stopped_by.is_none()) {
            stopped_by = rx.try_recv().ok();
        }
        if let Some(name) = stopped_by {
            return Err(interruption(name, restored, &logged));
        }
        let Some(outcome) = outcome else {
            return Err(Error::new(ErrorKind::Interrupted, "interrupted"));
        };
        let collected = outcome?;
        restored.map_err(|e| {
            Error::new(
                ErrorKind::WriteFailed,
                format!("could not restore the logging properties: {e}"),
            )
            .with_hint(restore_hint())
        })?;
        Ok(collected)
    }

    /// Turns the outbound HTTP log on when asked (recording in `logged` what it set; a
    /// failure is a write error, but for the login's rights or an unusable instance), then
    /// reads the check's steps and the properties the bundle reports.
    async fn read(&self, opts: &StepOptions, logged: &mut Logged) -> Result<Collected> {
        let client = self.client;
        if self.args.enable_va_logging {
            let enabled = enable_logging(client, self.state, logged).await;
            enabled.map_err(|e| match e.kind() {
                ErrorKind::Auth | ErrorKind::Unusable if logged.unsure.is_empty() => e,
                _ => Error::new(
                    ErrorKind::WriteFailed,
                    format!(
                        "could not turn the outbound HTTP log on ({}); what was set is put back{}",
                        e.message(),
                        logged.unsure_note()
                    ),
                ),
            })?;
        }
        // The properties beside the check's reads: one round trip when warm.
        let query = Query::new().in_list("name", &PROPERTIES);
        let (report, properties) = tokio::join!(
            super::check::read::check_with(self.settings, client, opts.clone(), None, true),
            client.list(
                "sys_properties",
                &query,
                &["name", "value", "sys_updated_on"]
            )
        );
        Ok((report, properties))
    }

    /// Puts back what `logged` says the run set; once they are, their records go from the
    /// state file. Returns the first restore that failed.
    async fn put_back(&self, logged: &Logged) -> std::result::Result<(), ApiError> {
        let failed = restore(self.client, &logged.changed).await;
        if let Some(file) = self.state {
            // Every property this run may have recorded, but one whose restore failed or whose
            // write may have been carried out unseen: those stay for the next run to put back.
            let names: Vec<String> = (LOGGING.iter().map(|(n, _)| *n))
                .chain([VA_LOGGING])
                .filter(|n| !failed.iter().any(|(f, _)| f == n) && !logged.unsure.contains(n))
                .map(str::to_string)
                .collect();
            if let Err(e) = temporary::settle(file, &names) {
                self.printer.line(format!("warning: {}", e.message()));
            }
        }
        match failed.into_iter().next() {
            Some((_, e)) => Err(e),
            None => Ok(()),
        }
    }

    /// The bundle's files, in their order (see the module doc): `properties` as read, the
    /// chain's account for `agent`, and every HTTP exchange of `recorder` scrubbed of
    /// `secrets`.
    fn files(
        &self,
        report: &CheckReport,
        chain: &Chain,
        properties: std::result::Result<Vec<Row>, ApiError>,
        agent: Option<&str>,
        recorder: &Har,
        secrets: &[String],
    ) -> Vec<(&'static str, Value)> {
        let plugins = report
            .steps
            .iter()
            .find(|s| s.id == StepId::Plugins)
            .and_then(|s| s.details.get("plugins").cloned());
        let properties = match properties {
            Ok(rows) => properties_json(&rows),
            Err(e) => json!({"error": e.to_string()}),
        };
        vec![
            (
                "manifest.json",
                json!({
                    "tool": "sn-handoff",
                    "version": env!("CARGO_PKG_VERSION"),
                    "created": har::iso8601(SystemTime::now()),
                    "instance": report.instance,
                    "user": self.client.user(),
                    "va_logging": self.args.enable_va_logging.then_some(json!(LOGGING.iter().map(|(n, v)| json!({"name": n, "value": v})).collect::<Vec<_>>())),
                    "redacted": "every password, secret, token, auth code and Authorization value is ***",
                }),
            ),
            ("check.json", steps_json(report, false)),
            ("deep.json", steps_json(report, true)),
            (
                "why-no-agent.json",
                why_no_agent::to_json(report, chain, agent),
            ),
            (
                "versions.json",
                json!({"release": report.release, "plugins": plugins}),
            ),
            ("properties.json", properties),
            ("http.har", recorder.to_json(secrets)),
        ]
    }

    /// Says the bundle was written (its file `names`, the count of HTTP `exchanges`) and
    /// whether the chain a chat takes holds: the JSON document under `--json`.
    fn say_written(&self, chain: &Chain, names: &[&str], exchanges: usize, started: Instant) {
        let printer = self.printer;
        let bundle = &self.args.bundle;
        if printer.json() {
            printer.print_json(&json!({
                "bundle": bundle.display().to_string(),
                "files": names,
                "exchanges": exchanges,
                "ok": chain.broken.is_none(),
                "broken": chain.broken,
                "va_logging": self.args.enable_va_logging,
                "elapsed_ms": started.elapsed().as_millis() as u64,
            }));
        } else {
            // Through the printer: the summary quotes what the instance holds.
            printer.result(format!(
                "Wrote {} ({} HTTP exchanges; passwords, secrets and tokens replaced by ***).",
                bundle.display(),
                exchanges
            ));
            printer.result(match chain.broken_link() {
                Some(link) => format!(
                    "The chain a chat takes breaks at {}: {}.",
                    link.id.as_str(),
                    escape(&link.summary)
                ),
                None => "Every link of the chain a chat takes holds.".to_string(),
            });
        }
    }
}

/// The interruption document every writing command prints (`signal`, `command`, `changed`,
/// …) for a run stopped by signal `name`: what was set is put back (unless `restored` says
/// it could not be), so nothing is left changed by this run.
fn interruption(name: &str, restored: std::result::Result<(), ApiError>, logged: &Logged) -> Error {
    match restored {
        Ok(()) => crate::journal::interrupted(
            name,
            format!(
                "interrupted by {name}; the logging properties were restored{}",
                logged.unsure_note()
            ),
        ),
        Err(e) => crate::journal::interrupted(
            name,
            format!("interrupted by {name}; could not restore the logging properties: {e}"),
        )
        .with_hint(restore_hint()),
    }
}

/// Every secret this run may have held, to be replaced wherever it occurs in the bundle: the
/// environment's, every form of those the run held (the Base64 of `user:password` too), and
/// the demo's.
fn secrets(settings: &Settings) -> Vec<String> {
    let mut secrets: Vec<String> = SECRET_ENV
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .filter(|v| !v.is_empty())
        .collect();
    secrets.extend(crate::ui::secrets::held());
    if let Some(demo) = &settings.demo {
        use secrecy::ExposeSecret;
        secrets.push(demo.password.expose_secret().to_string());
        secrets.push(demo.client_secret.expose_secret().to_string());
    }
    secrets
}

/// The `check --json` document of `report` with only its deep steps (`deep`) or only the
/// others.
fn steps_json(report: &CheckReport, deep: bool) -> Value {
    let mut doc = report.to_json();
    if let Some(steps) = doc["steps"].as_array_mut() {
        steps.retain(|s| {
            let deep_step = engine::STEPS.iter().any(|row| {
                row.phase == crate::steps::row::Phase::Deep && s["id"] == row.id.as_str()
            });
            deep_step == deep
        });
    }
    doc
}

/// What to do when the logging properties could not be put back.
fn restore_hint() -> String {
    format!("set them back by hand: sys_properties.list → {LOG_OVERRIDE} and {LOG_LEVEL}")
}

/// The properties by name: value and last update, `null` for one the instance does not have.
fn properties_json(rows: &[Row]) -> Value {
    let mut map = Map::new();
    for name in PROPERTIES {
        let row = rows.iter().find(|r| field(r, "name") == name);
        map.insert(
            name.to_string(),
            row.map_or(
                Value::Null,
                |r| json!({"value": field(r, "value"), "updated": field(r, "sys_updated_on")}),
            ),
        );
    }
    Value::Object(map)
}

/// Sets [`LOGGING`] (and [`VA_LOGGING`] where it exists), recording in `changed` what each
/// property held before, as it goes (so that a failure half-way restores what was already
/// set), and in `file` before each write is sent (so that a run killed half-way is put back
/// by the next: [`crate::journal::temporary`]).
async fn enable_logging(
    client: &Client,
    file: Option<&crate::state::StateFile>,
    logged: &mut Logged,
) -> Result<()> {
    let mut names: Vec<&str> = LOGGING.iter().map(|(n, _)| *n).collect();
    names.push(VA_LOGGING);
    let rows = client
        .list(
            "sys_properties",
            &Query::new().in_list("name", &names),
            &["sys_id", "name", "value"],
        )
        .await?;
    let optional = rows
        .iter()
        .any(|r| field(r, "name") == VA_LOGGING)
        .then_some((VA_LOGGING, "true"));
    let since = crate::state::unix_now();
    let command = "doctor --enable-va-logging".to_string();
    for (name, value) in LOGGING.into_iter().chain(optional) {
        let mut values = Row::new();
        values.insert("value".into(), json!(value));
        let row = rows.iter().find(|r| field(r, "name") == name);
        if row.is_some_and(|r| field(r, "value") == value) {
            continue;
        }
        let t = Temporary {
            command: command.clone(),
            name: name.to_string(),
            sys_id: row
                .map(|r| field(r, "sys_id").to_string())
                .unwrap_or_default(),
            before: row.map(|r| field(r, "value").to_string()),
            after: value.to_string(),
            since,
            kind: Default::default(),
        };
        // A signal lets this write finish and be recorded (so it is put back). Recorded
        // before it is sent: a write whose answer is lost may have landed, and putting the old
        // value back is harmless when it did not.
        let _guard = crate::journal::enter().await;
        if let Some(file) = file {
            temporary::record(file, &t)?;
        }
        match row {
            Some(row) => {
                let sys_id = field(row, "sys_id").to_string();
                logged.changed.push(Before {
                    name,
                    sys_id: sys_id.clone(),
                    value: Some(field(row, "value").to_string()),
                });
                client
                    .patch("sys_properties", &sys_id, &values)
                    .await
                    .map_err(|e| refused(name, e))?;
            }
            None => create_property(client, file, logged, name, values, t).await?,
        }
    }
    Ok(())
}

/// Creates property `name` with `values` for temporary write `t` (recorded in `file`
/// before this is sent), recording in `logged` that it is deleted again and in `file` its
/// sys_id. When the POST's answer is lost, a row it made is deleted again too; one that
/// cannot be looked up stays journalled for the next run.
async fn create_property(
    client: &Client,
    file: Option<&crate::state::StateFile>,
    logged: &mut Logged,
    name: &'static str,
    mut values: Row,
    mut t: Temporary,
) -> Result<()> {
    values.insert("name".into(), json!(name));
    values.insert("type".into(), json!("string"));
    let since = crate::state::unix_now();
    let sys_id = match client.insert("sys_properties", &values).await {
        Ok(row) => field(&row, "sys_id").to_string(),
        // A refusal of the login (401/403) is decided before the write: nothing to look for.
        Err(e) if !crate::steps::change::may_have_landed(&e) => return Err(refused(name, e)),
        Err(e) => {
            // A POST whose answer was lost may have made the row: it goes too. One
            // that cannot be looked up stays journalled for the next run.
            let made = crate::journal::find_inserted(client, "sys_properties", &values, since);
            match made.await {
                Ok(crate::journal::Inserted::Ours(sys_id)) => logged.changed.push(Before {
                    name,
                    sys_id,
                    value: None,
                }),
                // Not made, or made by someone else (not this run's to delete).
                Ok(_) => {}
                Err(_) => logged.unsure.push(name),
            }
            return Err(refused(name, e));
        }
    };
    t.sys_id = sys_id.clone();
    if let Some(file) = file {
        // Best effort: without the sys_id the next run finds it by name.
        let _ = temporary::record(file, &t);
    }
    logged.changed.push(Before {
        name,
        sys_id,
        value: None,
    });
    Ok(())
}

/// A refused write of property `name`: exit 3 when it was the login's rights, else 5.
fn refused(name: &str, e: ApiError) -> Error {
    match crate::error::api_kind(&e) {
        ErrorKind::Auth => e.into(),
        _ => Error::new(ErrorKind::WriteFailed, format!("could not set {name}: {e}")),
    }
}

/// Puts back what [`enable_logging`] changed, newest first; tries every one, and returns the
/// properties it could not put back (in that order), each with why.
async fn restore(client: &Client, changed: &[Before]) -> Vec<(&'static str, ApiError)> {
    let mut failed = Vec::new();
    for before in changed.iter().rev() {
        let result = match &before.value {
            Some(value) => {
                let mut values = Row::new();
                values.insert("value".into(), json!(value));
                client
                    .patch("sys_properties", &before.sys_id, &values)
                    .await
                    .map(|_| ())
            }
            None => client.delete("sys_properties", &before.sys_id).await,
        };
        if let Err(e) = result {
            failed.push((before.name, e));
        }
    }
    failed
}

/// The `.tar.gz` of `files`, each scrubbed of `secrets`.
fn bundle(files: Vec<(&str, Value)>, secrets: &[String]) -> std::io::Result<Vec<u8>> {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    let mtime = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    for (name, value) in files {
        let text = serde_json::to_vec_pretty(&har::scrub(value, secrets))?;
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o600);
        header.set_mtime(mtime);
        header.set_cksum();
        tar.append_data(&mut header, name, text.as_slice())?;
    }
    tar.into_inner()?.finish()
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::fs::write_atomic(path, bytes)
        .map_err(|e| Error::usage(format!("cannot write the bundle {}: {e}", path.display())))
}
