//! The simulated CI/CD API: `POST /api/sn_cicd/plugin/{id}/activate`, `POST
//! /api/sn_cicd/app/batch/install`, `GET /api/sn_cicd/app/batch/results/{id}`, `GET
//! /api/sn_cicd/progress/{id}`, and `POST /api/sn_cicd/app_repo/install` (an optional
//! `v1`/`v2` after `sn_cicd` is accepted). Answers have the shape of the recordings and of
//! cicd-api.md's examples (`cicd-activate-200.json`, `cicd-progress-successful.json`,
//! `cicd-batch-install-200.json`, `cicd-batch-results-200.json`; errors inside `result` as in
//! `cicd-failed-404.json`). An operation is Pending when requested, Running (50%) at the first
//! poll and Successful (100%) at the second, and only then does its effect show: the plugin's
//! `v_plugin` row turns `active` (and it gets a `sys_plugins` row), or each Store application
//! of a batch gets its `sys_store_app` row (and the Virtual Agent API the records it brings:
//! provider, provider application, channel). Activating what is already active answers
//! Successful at once.
//!
//! `app_repo/install` only installs what was published to the company's own application
//! repository ("If the application is not first published, the installation request fails",
//! cicd-api.md); this instance's repository holds nothing, so it answers as for an unknown
//! scope, Store applications included. Store applications install through the batch, by their
//! `sys_remote_app` sys_id and `requested_version`.
//!
//! Only admins and holders of `sn_cicd.sys_ci_automation` may call it (403 otherwise).

use serde_json::{json, Value};

use super::cicd_plan::{BatchItem, BatchPlan, Operation, Target};
use super::state::{now_datetime, random_sys_id, Db, Instance};
use super::wire::{decode, no_resource, Context, Params, Reply, Request};

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
            // Nothing was published to this instance's application repository.
            let params = Params::parse(&request.query);
            match (params.get("scope"), params.get("sys_id")) {
                (Some(scope), _) if !scope.is_empty() => {
                    failure(404, &format!("Invalid scope: {scope}"))
                }
                (_, Some(id)) if !id.is_empty() => {
                    failure(404, &format!("Invalid app sys id: {id}"))
                }
                _ => failure(400, "Either scope or sys_id is required"),
            }
        }
        ("POST", ["app", "batch", "install"]) => batch_install(ctx, instance, &request.body),
        ("GET", ["app", "batch", "results", id]) => batch_results(ctx, instance, id),
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

/// `POST /api/sn_cicd/app/batch/install`: `name` and `packages` are required, and an
/// `application` package needs `requested_version` (cicd-api.md). Each application package
/// names a `sys_remote_app` sys_id; one that names nothing ends Invalid.
fn batch_install(ctx: &Context, instance: &mut Instance, body: &[u8]) -> Reply {
    let Ok(body) = serde_json::from_slice::<Value>(body) else {
        return failure(400, "Request body is not valid JSON");
    };
    let text = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let name = text(&body, "name");
    let Some(packages) = body.get("packages").and_then(Value::as_array) else {
        return failure(400, "packages is required");
    };
    if name.is_empty() || packages.is_empty() {
        return failure(400, "name and packages are required");
    }
    let mut items = Vec::new();
    for package in packages {
        let id = text(package, "id");
        let kind = text(package, "type");
        let version = text(package, "requested_version");
        if !kind.eq_ignore_ascii_case("application") {
            return failure(400, &format!("Unsupported package type: {kind}"));
        }
        if version.is_empty() {
            return failure(400, &format!("requested_version is required for {id}"));
        }
        let remote = instance.db.get("sys_remote_app", &id);
        let field = |k: &str| remote.and_then(|r| r.get(k).cloned()).unwrap_or_default();
        let (state, status_message) = match remote {
            None => ("Invalid", format!("Invalid app sys id: {id}")),
            Some(_) => ("Ready", String::new()),
        };
        items.push(BatchItem {
            scope: remote.map(|_| field("scope")),
            name: if remote.is_some() {
                field("name")
            } else {
                id.clone()
            },
            id,
            version,
            notes: text(package, "notes"),
            state,
            status_message,
            install_date: String::new(),
        });
    }
    let results_id = random_sys_id();
    instance.batches.insert(
        results_id.clone(),
        BatchPlan {
            name,
            notes: text(&body, "notes"),
            state: "Ready",
            items,
        },
    );
    let progress_id = random_sys_id();
    instance.operations.insert(
        progress_id.clone(),
        Operation {
            target: Target::Batch(results_id.clone()),
            polls: 0,
            done: false,
        },
    );
    let mut reply = answer(ctx, &progress_id, State::Pending, 0, "", "");
    reply["result"]["links"]["results"] = json!({
        "id": results_id,
        "url": format!("{}/api/sn_cicd/app/batch/results/{results_id}", ctx.origin),
    });
    reply["result"]["links"]["rollback"] = json!({"id": random_sys_id()});
    Reply::json(200, &reply)
}

/// `GET /api/sn_cicd/app/batch/results/{id}`, shaped as cicd-api.md's example.
fn batch_results(ctx: &Context, instance: &Instance, id: &str) -> Reply {
    let Some(plan) = instance.batches.get(id) else {
        return failure(404, &format!("Invalid batch install plan id: {id}"));
    };
    let items: Vec<Value> = plan
        .items
        .iter()
        .map(|item| {
            let item_id = random_sys_id();
            json!({
                "name": item.name,
                "type": "Application",
                "version": item.version,
                "state": item.state,
                "install_date": item.install_date,
                "id": item.id,
                "url": format!("{}/sys_batch_install_item.do?sys_id={item_id}", ctx.origin),
                "notes": item.notes,
                "status_message": item.status_message,
            })
        })
        .collect();
    Reply::json(
        200,
        &json!({"result": {
            "batch_plan": {
                "name": plan.name,
                "id": id,
                "url": format!("{}/sys_batch_install_plan.do?sys_id={id}", ctx.origin),
                "state": plan.state,
                "notes": plan.notes,
            },
            "batch_items": items,
        }}),
    )
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
    if op.polls < ctx.cicd_polls {
        if let Target::Batch(plan) = &op.target {
            if let Some(plan) = instance.batches.get_mut(plan) {
                plan.state = "In progress";
                for item in plan.items.iter_mut().filter(|i| i.state == "Ready") {
                    item.state = "In progress";
                }
            }
        }
        return Reply::json(200, &answer(ctx, id, State::Running, 50, "", ""));
    }
    op.done = true;
    let target = op.target.clone();
    if let Target::Batch(plan) = &target {
        return finish_batch(ctx, instance, id, plan);
    }
    let detail = apply(&mut instance.db, &target);
    Reply::json(200, &answer(ctx, id, State::Successful, 100, &detail, ""))
}

/// Ends a batch: each valid item is installed, or (without the entitlement) fails with
/// ServiceNow's reason; the plan is Installed, Partial Install or Failed, and the progress
/// Successful only when every item installed.
fn finish_batch(ctx: &Context, instance: &mut Instance, id: &str, plan_id: &str) -> Reply {
    let Some(mut plan) = instance.batches.remove(plan_id) else {
        return failure(404, &format!("Invalid batch install plan id: {plan_id}"));
    };
    let now = now_datetime();
    for item in plan.items.iter_mut().filter(|i| i.state != "Invalid") {
        let Some(scope) = item.scope.clone() else {
            continue;
        };
        if ctx.store_install_refused {
            item.state = "Failed";
            item.status_message = format!(
                "The instance is not entitled to {} ({scope}): request it on the ServiceNow Store before installing",
                item.name
            );
        } else {
            install_app(&mut instance.db, &scope, &item.version);
            item.state = "Installed";
            item.install_date = now.clone();
        }
    }
    let installed = plan.items.iter().filter(|i| i.state == "Installed").count();
    plan.state = match installed {
        n if n == plan.items.len() => "Installed",
        0 => "Failed",
        _ => "Partial Install",
    };
    let state = plan.state;
    instance.batches.insert(plan_id.to_string(), plan);
    let body = if state == "Installed" {
        answer(
            ctx,
            id,
            State::Successful,
            100,
            "Batch install plan installed",
            "",
        )
    } else {
        answer(
            ctx,
            id,
            State::Failed,
            100,
            "",
            &format!("Batch install plan ended {state}; see its results"),
        )
    };
    Reply::json(200, &body)
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
        Target::Batch(_) => String::new(),
    }
}

/// Makes a Store application installed at `version` (its `sys_store_app` row; for the Virtual
/// Agent API also the records it brings); returns the status detail.
fn install_app(db: &mut Db, scope: &str, version: &str) -> String {
    let now = now_datetime();
    let remote = db.find("sys_remote_app", "scope", scope).cloned();
    let get = |k: &str| {
        remote
            .as_ref()
            .and_then(|r| r.get(k).cloned())
            .unwrap_or_default()
    };
    let (name, vendor) = (get("name"), get("vendor"));
    let version = version.to_string();
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
            ("scope", scope),
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
