//! `sn-handoff group [--fix] [--group NAME] [--agent USER]`: the AWA group's roles and
//! members (step 4); `--fix` adds the missing `sys_group_has_role` rows and the agent's
//! `sys_user_grmember` row, once. A group or user that does not exist is exit 2 with the
//! closest names; without `--fix`, a missing role or member is exit 1, like `check`.

use colored::Colorize;
use serde_json::json;

use crate::cli::{GroupArgs, StepArgs};
use crate::error::{Error, ErrorKind, ExitStatus, Result};
use crate::settings::Settings;
use crate::state::StateFile;
use crate::steps::change::Change;
use crate::steps::group::{require_group, require_user};
use crate::steps::{group_members, group_roles, Context, Status, StepReport};
use crate::ui::escape::escape;
use crate::ui::Printer;

/// Runs `group`.
pub async fn run(settings: &Settings, args: &GroupArgs, printer: &Printer) -> Result<ExitStatus> {
    let opts = settings.step_options(&StepArgs {
        group: args.group.clone(),
        agent: args.agent.clone(),
        ..StepArgs::default()
    })?;
    let (client, _source) = settings.connect()?;
    let _lock = if args.fix {
        StateFile::lock_for_run(settings, &client, "group --fix").await?
    } else {
        None
    };
    let ctx = Context::new(client, opts);
    let group = ctx.opts.group.clone();
    let lookup = ctx.group().await?;
    // A missing or ambiguous group is an input error whether or not --fix was given.
    if let Err(e) = require_group(&group, &lookup) {
        if lookup.matches.len() != 1 {
            return Err(e);
        }
    }
    if let Some(agent) = ctx.opts.agent.clone() {
        require_user(&ctx, &agent).await?;
    }
    let mut changes: Vec<Change> = Vec::new();
    if args.fix {
        changes.extend(group_roles::fix(&ctx, None).await?);
        // The roles are a step of their own and stay; say so next to what failed, and whether
        // the membership's row was sent at all.
        let planned = match group_members::plan(&ctx).await {
            Ok(planned) => planned,
            Err(e) if !changes.is_empty() => {
                return Err(roles_stay(&ctx, &group, &changes, &e, false))
            }
            Err(e) => return Err(e),
        };
        if let Some(planned) = planned {
            match group_members::add(&ctx, planned, None).await {
                Ok(more) => changes.extend(more),
                Err(e) if !changes.is_empty() => {
                    return Err(roles_stay(&ctx, &group, &changes, &e, true))
                }
                Err(e) => return Err(e),
            }
        }
    }
    let (roles, members) = tokio::join!(group_roles::judge(&ctx), group_members::judge(&ctx));
    let ((roles, held), (members, _)) = (roles?, members?);
    let held = held.unwrap_or_default();
    let ok = roles.status == Status::Pass && members.status == Status::Pass;
    if printer.json() {
        printer.print_json(&json!({
            "group": group,
            "agent": ctx.opts.agent,
            "roles": {
                "present": held.present,
                "missing": held.missing,
            },
            "members": members.details.get("members").cloned().unwrap_or(json!([])),
            "member_count": members.details.get("member_count").cloned().unwrap_or(json!(0)),
            "ok": ok,
            "changed": !changes.is_empty(),
            "changes": changes,
        }));
    }
    print_human(printer, &group, [&roles, &members], &changes, args.fix);
    Ok(if ok {
        ExitStatus::Success
    } else {
        ExitStatus::StepsFailed
    })
}

/// The error of a `group --fix` whose membership failed after it added roles: the member's
/// own transaction changed nothing (or may have), the roles did change and stay, and the
/// document lists each. `sent`: whether the membership's row was sent (not when `e` came
/// from reading before it).
fn roles_stay(ctx: &Context, group: &str, changes: &[Change], e: &Error, sent: bool) -> Error {
    let roles: Vec<&str> = changes.iter().map(|c| c.after.as_str()).collect();
    let kind = match e.kind() {
        ErrorKind::Auth => ErrorKind::WriteFailed,
        kind => kind,
    };
    let message = e.message();
    let unsent = format!("{}.", message.trim_end_matches('.'));
    let (message, member_state) = match message.strip_suffix(" Nothing was changed.") {
        Some(m) => (m, "The membership was not added; the"),
        None if !sent => (unsent.as_str(), "The membership was not added; the"),
        None => (message, "The"),
    };
    let mut member = Change::update(
        "sys_user_grmember",
        "",
        group,
        "user",
        "",
        ctx.opts.agent.as_deref().unwrap_or_default(),
    );
    member.action = Some(crate::journal::change::Action::Insert);
    // Read back and not there: not added; otherwise it may have been.
    let (unchanged, uncertain) = if member_state == "The" {
        (json!([]), json!([member]))
    } else {
        (json!([member]), json!([]))
    };
    let err = Error::new(
        kind,
        format!(
            "{message} {member_state} roles added before it stay: {}.",
            roles.join(", ")
        ),
    )
    .with_field("command", json!("group --fix"))
    .with_field("changes", json!(changes))
    .with_field("changed", json!(changes))
    .with_field("unchanged", unchanged)
    .with_field("uncertain", uncertain);
    match e.hint() {
        Some(h) => err.with_hint(h),
        None => err,
    }
}

fn print_human(
    printer: &Printer,
    group: &str,
    reports: [&StepReport; 2],
    changes: &[Change],
    fixing: bool,
) {
    printer.result(format!("{} \"{}\"", "Group".bold(), escape(group)));
    for line in changes.iter().flat_map(Change::diff_lines) {
        printer.result(format!("  {line}"));
    }
    let members = reports[1];
    for report in reports {
        let mark = match report.status {
            Status::Pass => "✓".green(),
            _ => "✗".red().bold(),
        };
        printer.result(format!("{mark} {}", escape(&report.summary)));
        if report.status != Status::Pass {
            if let Some(fix) = &report.fix {
                printer.result(format!("  {} {}", "fix:".cyan(), escape(&fix.to_string())));
            }
        }
    }
    let list = |key: &str| {
        members.details[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    let names = list("members");
    let count = members.details["member_count"].as_u64().unwrap_or(0);
    let shown = names.split(", ").filter(|n| !n.is_empty()).count() as u64;
    printer.result(match (count, shown) {
        (0, _) => "  members: none active".to_string(),
        (_, 0) => format!("  members: {count} active"),
        (n, s) if n == s => format!("  members: {}", escape(&names)),
        _ => format!("  members: {count} active, among them {}", escape(&names)),
    });
    if fixing {
        printer.result(if changes.is_empty() {
            "Nothing to add; nothing was changed.".to_string()
        } else {
            format!("Added {} row(s), read back and verified.", changes.len())
        });
    }
}
