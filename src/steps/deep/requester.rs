//! Deep step `requester`: with `--requester EMAIL`, the email the bot sends as `emailId` names
//! exactly one active, unlocked `sys_user`, so the requester's chat links to their account. Any
//! other count and the chat arrives as Guest.
//!
//! Source: ServiceNowDocs `conversational-interfaces/virtual-agent/virtual-agent-common-errors.md`,
//! "User record requirements": the `emailId` must match a `sys_user` record that exists, whose
//! "Email field matches exactly" (the checklist: "case-sensitive"), is active (`active=true`),
//! is not locked out (`locked_out=false`), and "Only one user record matches these conditions".
//!
//! One query (`email=EMAIL`; the exact, case-sensitive match is made here). Without
//! `--requester` the step is skipped. There is no fix through sn-handoff: which account keeps
//! the email is for a person to decide.

use serde_json::json;

use super::super::row::Step;
use super::super::{Context, StepId, StepReport};
use crate::servicenow::{field, ApiError, Query, Row};

/// Reads and judges.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    let Some(email) = ctx.opts.requester.as_deref() else {
        return Ok(StepReport::skip(StepId::Requester, "no --requester given"));
    };
    let rows = ctx
        .client
        .list(
            "sys_user",
            &Query::new().eq("email", email),
            &["sys_id", "user_name", "email", "active", "locked_out"],
        )
        .await?;
    Ok(report(email, &rows))
}

/// The verdict on the users whose email was asked for.
pub fn report(email: &str, rows: &[Row]) -> StepReport {
    let id = StepId::Requester;
    let same: Vec<&Row> = rows.iter().filter(|r| field(r, "email") == email).collect();
    let usable = |r: &&&Row| field(r, "active") == "true" && field(r, "locked_out") != "true";
    let (ok, other): (Vec<&Row>, Vec<&Row>) = same.iter().copied().partition(|r| usable(&r));
    let names = |rows: &[&Row]| -> Vec<String> {
        rows.iter()
            .map(|r| field(r, "user_name").to_string())
            .collect()
    };
    let details = json!({"email": email, "users": names(&ok), "unusable": names(&other)});
    let users = "User Administration → Users";
    match ok.as_slice() {
        [one] => StepReport::pass(
            id,
            format!("{email} is the email of one active user, {}", field(one, "user_name")),
            details,
        ),
        [] => {
            let why = other
                .iter()
                .map(|r| {
                    let state = if field(r, "active") != "true" { "inactive" } else { "locked out" };
                    format!("{} is {state}", field(r, "user_name"))
                })
                .collect::<Vec<_>>();
            let also = if why.is_empty() {
                String::new()
            } else {
                format!(" ({})", why.join(", "))
            };
            StepReport::fail(
                id,
                format!("no active, unlocked user has the email {email}{also}, so the requester's chats arrive as Guest"),
                details,
                format!("give the requester's user record exactly this email (the match is case-sensitive), active and not locked out: {users}"),
            )
        }
        many => StepReport::fail(
            id,
            format!(
                "{} active users share the email {email} ({}), so linking fails and the chat arrives as Guest",
                many.len(),
                names(many).join(", ")
            ),
            details,
            format!("keep the email on one user only: {users} → the others → Email"),
        ),
    }
}

/// The row of this step.
pub static STEP: Step = Step::deep(StepId::Requester, |ctx| Box::pin(check(ctx)));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::deep::row;
    use crate::steps::Status;

    #[test]
    fn verdicts() {
        let u = |name: &str, email: &str, active: &str, locked: &str| {
            row(&[
                ("user_name", name),
                ("email", email),
                ("active", active),
                ("locked_out", locked),
            ])
        };
        let e = "a@example.com";
        assert_eq!(
            report(e, &[u("a", e, "true", "false")]).status,
            Status::Pass
        );
        let two = report(e, &[u("a", e, "true", "false"), u("b", e, "true", "false")]);
        assert_eq!(two.status, Status::Fail);
        assert!(two.summary.contains("2 active users"), "{}", two.summary);
        let locked = report(e, &[u("a", e, "true", "true")]);
        assert!(
            locked.summary.contains("a is locked out"),
            "{}",
            locked.summary
        );
        // The match is case-sensitive, and a locked twin does not make it ambiguous.
        assert_eq!(
            report(e, &[u("a", "A@example.com", "true", "false")]).status,
            Status::Fail
        );
        assert_eq!(
            report(
                e,
                &[u("a", e, "true", "false"), u("b", e, "false", "false")]
            )
            .status,
            Status::Pass
        );
    }
}
