//! The simulated CI/CD API: `POST /api/sn_cicd/plugin/{id}/activate`, `POST
//! /api/sn_cicd/app_repo/install?scope=…` and `GET /api/sn_cicd/progress/{id}` (an optional
//! `v1`/`v2` after `sn_cicd` is accepted). Answers have the shape of the recordings
//! (`cicd-activate-200.json`, `cicd-progress-successful.json`; errors inside `result` as in
//! `cicd-failed-404.json`). An operation is Pending when requested, Running (50%) at the first
//! poll and Successful (100%) at the second, and only then does its effect show: the plugin's
//! `v_plugin` row turns `active` (and it gets a `sys_plugins` row), or the Store application
//! gets its `sys_store_app` row (and the Virtual Agent API the records it brings: provider,
//! provider application, channel). Activating what is already active answers Successful at once.
//! Only admins and holders of `sn_cicd.sys_ci_automation` may call it (403 otherwise).

use serde_json::{json, Value};

use super::handler::{decode, no_resource, Context, Params, Reply, Request};
use super::state::{now_datetime, random_sys_id, Db, Instance};

/// What an operation changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A plugin id.
    Plugin(String),
    /// A Store application scope.
    App(String),
}

/// One CI/CD operation and how far it got.
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    target: Target,
    /// Progress polls answered so far.
    polls: u32,
    /// Whether it has succeeded (and its effect was applied).
    done: bool,
}

/// The execution states of cicd-api.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Pending,
    Running,
    Successful,
    Failed,
}

impl State {
    fn code(self) -> &'static str {
        match self {
            State::Pending => "0",
            State::Running => "1",
            State::Successful => "2",
            State::Failed => "3",
        }
    }

    fn label(self) -> &'static str {
        match self {
            State::Pending => "Pending",
            State::Running => "Running",
            State::Successful => "Successful",
            State::Failed => "Failed",
        }
    }
}

/// The `result` of an answer about operation `id`.
fn answer(ctx: &Context, id: &str, state: State, percent: u8, detail: &str, error: &str) -> Value {
    let message = match state {
        State::Successful => "This operation succeeded",
        State::Failed => "This operation failed",
        _ => "",
    };
    json!({"result": {
        "links": {"progress": {
            "id": id,
            "url": format!("{}/api/sn_cicd/progress/{id}", ctx.origin),
        }},
        "status": state.code(),
        "status_label": state.label(),
        "status_message": message,
        "status_detail": detail,
        "error": error,
        "percent_complete": percent,
    }})
}

/// An error the way the CI/CD API reports it: inside `result`, without a progress link.
fn failure(status: u16, error: &str) -> Reply {
    Reply::json(
        status,
        &json!({"result": {
            "status": "3",
            "status_label": "Failed",
            "status_message": "",
            "status_detail": "",
            "error": error,
        }}),
    )
}

/// Answer a request under `/api/sn_cicd/`.
pub(crate) fn handle(
    ctx: &Context,
    instance: &mut Instance,
    request: &Request,
    user: &str,
) -> Reply {
    let segments: Vec<String> = request.path["/api/sn_cicd/".len()..]
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| decode(s, false))
        .collect();
    let mut segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    if segments.first().is_some_and(|s| {
        s.len() == 2 && s.starts_with('v') && s[1..].chars().all(|c| c.is_ascii_digit())
    }) {
        segments.remove(0);
    }
    let roles = instance.db.roles_of(user);
    if !roles
        .iter()
        .any(|r| r == "admin" || r == "sn_cicd.sys_ci_automation")
    {
        // cicd-api.md, status 403: "The user isn't an admin or doesn't have the
        // sn_cicd.sys_ci_automation role."
        return failure(
            403,
            "User is not authorized: the admin or sn_cicd.sys_ci_automation role is required",
        );
    }
    match (request.method.as_str(), segments.as_slice()) {
        ("POST", ["plugin", id, "activate"]) => activate(ctx, instance, id),
        ("POST", ["app_repo", "install"]) => {
            let params = Params::parse(&request.query);
            match params.get("scope").filter(|s| !s.is_empty()) {
                Some(scope) => install(ctx, instance, scope),
                None => failure(400, "Either scope or sys_id is required"),
            }
        }
        ("GET", ["progress", id]) => progress(ctx, instance, id),
        _ => no_resource(),
    }
}

fn start(ctx: &Context, instance: &mut Instance, target: Target, done: bool) -> Reply {
    let id = random_sys_id();
    instance.operations.insert(
        id.clone(),
        Operation {
            target,
            polls: 0,
            done,
        },
    );
    let body = if done {
        answer(ctx, &id, State::Successful, 100, "Already active", "")
    } else {
        answer(ctx, &id, State::Pending, 0, "", "")
    };
    Reply::json(200, &body)
}

fn activate(ctx: &Context, instance: &mut Instance, plugin: &str) -> Reply {
    let Some(row) = instance.db.find("v_plugin", "id", plugin) else {
        return failure(404, &format!("Invalid plugin id: {plugin}"));
    };
    let active = row.get("active").is_some_and(|a| a == "active");
    start(ctx, instance, Target::Plugin(plugin.to_string()), active)
}

fn install(ctx: &Context, instance: &mut Instance, scope: &str) -> Reply {
    let installed = instance
        .db
        .find("sys_store_app", "scope", scope)
        .is_some_and(|r| r.get("active").is_some_and(|a| a == "true"));
    if !installed && instance.db.find("sys_remote_app", "scope", scope).is_none() {
        return failure(404, &format!("Invalid scope: {scope}"));
    }
    start(ctx, instance, Target::App(scope.to_string()), installed)
}

fn progress(ctx: &Context, instance: &mut Instance, id: &str) -> Reply {
    let Some(op) = instance.operations.get_mut(id) else {
        return failure(404, &format!("Invalid progress id: {id}"));
    };
    if op.done {
        return Reply::json(200, &answer(ctx, id, State::Successful, 100, "", ""));
    }
    if ctx.cicd_stall {
        return Reply::json(200, &answer(ctx, id, State::Pending, 0, "", ""));
    }
    op.polls += 1;
    let refused = ctx.store_install_refused && matches!(op.target, Target::App(_));
    if refused {
        let Target::App(scope) = &op.target else {
            unreachable!()
        };
        let error = format!(
            "Application {scope} is not entitled to this instance; request it on the ServiceNow Store"
        );
        return Reply::json(200, &answer(ctx, id, State::Failed, 0, "", &error));
    }
    if op.polls < 2 {
        return Reply::json(200, &answer(ctx, id, State::Running, 50, "", ""));
    }
    op.done = true;
    let target = op.target.clone();
    let detail = apply(&mut instance.db, &target);
    Reply::json(200, &answer(ctx, id, State::Successful, 100, &detail, ""))
}

/// Make the activation or install visible in the tables; returns the status detail.
fn apply(db: &mut Db, target: &Target) -> String {
    let now = now_datetime();
    match target {
        Target::Plugin(plugin) => {
            let Some(row) = db.find("v_plugin", "id", plugin).cloned() else {
                return String::new();
            };
            let sys_id = row.get("sys_id").cloned().unwrap_or_default();
            let fields = [("active".to_string(), "active".to_string())];
            db.update("v_plugin", &sys_id, &fields, "admin", &now);
            if db.find("sys_plugins", "source", plugin).is_none() {
                let get = |k: &str| row.get(k).cloned().unwrap_or_default();
                let (name, version) = (get("name"), get("version"));
                if let Some(new) = db.new_row(
                    "sys_plugins",
                    &random_sys_id(),
                    &now,
                    "admin",
                    &[
                        ("source", plugin.as_str()),
                        ("name", name.as_str()),
                        ("active", "active"),
                        ("version", version.as_str()),
                        ("description", name.as_str()),
                    ],
                ) {
                    db.push("sys_plugins", new);
                }
            }
            format!("Activated plugin {plugin}")
        }
        Target::App(scope) => {
            let remote = db.find("sys_remote_app", "scope", scope).cloned();
            let get = |k: &str| {
                remote
                    .as_ref()
                    .and_then(|r| r.get(k).cloned())
                    .unwrap_or_default()
            };
            let (name, version, vendor) = (get("name"), get("latest_version"), get("vendor"));
            if let Some(sys_id) = db
                .find("sys_store_app", "scope", scope)
                .and_then(|r| r.get("sys_id").cloned())
            {
                let fields = [
                    ("active".to_string(), "true".to_string()),
                    ("version".to_string(), version.clone()),
                ];
                db.update("sys_store_app", &sys_id, &fields, "admin", &now);
            } else if let Some(new) = db.new_row(
                "sys_store_app",
                &random_sys_id(),
                &now,
                "admin",
                &[
                    ("scope", scope.as_str()),
                    ("name", name.as_str()),
                    ("active", "true"),
                    ("version", version.as_str()),
                    ("vendor", vendor.as_str()),
                ],
            ) {
                db.push("sys_store_app", new);
            }
            if scope == "sn_va_as_service" {
                super::seed::va_api_records(db, false, &[]);
            }
            format!("Installed application {scope} {version}")
        }
    }
}
