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
        StateFile::lock_for_run(settings, &client).await?
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
        changes.extend(group_roles::fix(&ctx).await?);
        match group_members::fix(&ctx).await {
            Ok(more) => changes.extend(more),
            // The roles are a step of their own and stay; say so next to what failed.
            Err(e) if !changes.is_empty() => {
                let roles: Vec<&str> = changes.iter().map(|c| c.after.as_str()).collect();
                let kind = match e.kind() {
                    ErrorKind::Auth => ErrorKind::WriteFailed,
                    kind => kind,
                };
                let err = Error::new(
                    kind,
                    format!(
                        "{} The roles added before it stay: {}.",
                        e.message(),
                        roles.join(", ")
                    ),
                );
                return Err(match e.hint() {
                    Some(h) => err.with_hint(h),
                    None => err,
                });
            }
            Err(e) => return Err(e),
        }
    }
    let (roles, members) = tokio::join!(group_roles::judge(&ctx), group_members::judge(&ctx));
    let ((roles, held), (members, names)) = (roles?, members?);
    let (held, names) = (held.unwrap_or_default(), names.unwrap_or_default());
    let ok = roles.status == Status::Pass && members.status == Status::Pass;
    if printer.json() {
        printer.print_json(&json!({
            "group": group,
            "agent": ctx.opts.agent,
            "roles": {
                "present": held.present,
                "missing": held.missing,
            },
            "members": names,
            "ok": ok,
            "changed": !changes.is_empty(),
            "changes": changes,
        }));
    }
    print_human(
        printer,
        &group,
        [&roles, &members],
        &names,
        &changes,
        args.fix,
    );
    Ok(if ok {
        ExitStatus::Success
    } else {
        ExitStatus::StepsFailed
    })
}

fn print_human(
    printer: &Printer,
    group: &str,
    reports: [&StepReport; 2],
    members: &[String],
    changes: &[Change],
    fixing: bool,
) {
    printer.line(format!("{} \"{group}\"", "Group".bold()));
    for line in changes.iter().flat_map(Change::diff_lines) {
        printer.line(format!("  {line}"));
    }
    for report in reports {
        let mark = match report.status {
            Status::Pass => "✓".green(),
            _ => "✗".red().bold(),
        };
        printer.line(format!("{mark} {}", report.summary));
        if report.status != Status::Pass {
            if let Some(fix) = &report.fix {
                printer.line(format!("  {} {fix}", "fix:".cyan()));
            }
        }
    }
    let names = members.join(", ");
    printer.line(format!(
        "  members: {}",
        if names.is_empty() { "none" } else { &names }
    ));
    if fixing {
        printer.line(if changes.is_empty() {
            "Nothing to add; nothing was changed.".to_string()
        } else {
            format!("Added {} row(s), read back and verified.", changes.len())
        });
    }
}
