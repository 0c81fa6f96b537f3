//! Deep step `account_linking`: the "VA Bot to Bot Provider" links the bot's users to their
//! ServiceNow accounts. With linking off every handed-over chat arrives as Guest: the agent
//! sees no requester, and routing by the requester's data matches nothing.
//!
//! Source: ServiceNowDocs `conversational-interfaces/virtual-agent/virtual-agent-common-errors.md`,
//! "Auto linking configuration": on `sys_cs_provider` "VA Bot to Bot Provider",
//! `automatic_link_enabled` = true, `link_account_enabled` = true and `automatic_link_action` =
//! `sn_va_as_service.virtual_agent__bot_to_bot_auto_link_account`; linking also needs the
//! provider application's message auth (the `provider` step).
//!
//! Reads nothing of its own: the provider row of `provider` ([`Context::provider`]). `check
//! --deep --fix` sets the switches that are off to `true` (one Table API update each, taken back
//! if a later one fails); a customised link action is only reported.

use serde_json::json;

use super::super::change::Transaction;
use super::super::row::{Phase, Step, DEEP_WHY};
use super::super::{CommandLine, Context, StepId, StepReport};
use super::provider::{self, PROVIDER};
use crate::error::Error;
use crate::servicenow::{field, ApiError, Row};

/// The auto-link action the Virtual Agent API ships with.
pub const LINK_ACTION: &str = "sn_va_as_service.virtual_agent__bot_to_bot_auto_link_account";

/// The two switches, as their columns are named.
pub const SWITCHES: [&str; 2] = ["automatic_link_enabled", "link_account_enabled"];

/// Reads and judges.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    Ok(report(ctx.provider().await?.providers.first()))
}

/// The verdict on the provider row.
pub fn report(provider: Option<&Row>) -> StepReport {
    let id = StepId::AccountLinking;
    let Some(provider) = provider else {
        return StepReport::skip(
            id,
            format!("there is no provider \"{PROVIDER}\" (see provider)"),
        );
    };
    let path = format!("sys_cs_provider.list → {PROVIDER} → Automatic link enabled and Link account enabled: true, Automatic link action: {LINK_ACTION}");
    let details = json!({
        "provider": PROVIDER,
        "automatic_link_enabled": provider.get("automatic_link_enabled"),
        "link_account_enabled": provider.get("link_account_enabled"),
        "automatic_link_action": provider.get("automatic_link_action"),
    });
    if SWITCHES.iter().any(|c| !provider.contains_key(*c)) {
        return StepReport::warn(
            id,
            format!("the provider \"{PROVIDER}\" came back without its linking columns, so account linking could not be confirmed"),
            details,
        )
        .with_fix(format!("check it by hand: {path}"));
    }
    let off: Vec<&str> = SWITCHES
        .iter()
        .copied()
        .filter(|c| field(provider, c) != "true")
        .collect();
    if !off.is_empty() {
        return StepReport::fail(
            id,
            format!(
                "account linking is off on \"{PROVIDER}\" ({} not true), so handed-over chats arrive as Guest",
                off.join(" and ")
            ),
            details,
            CommandLine::new("check --deep --fix"),
        );
    }
    let action = field(provider, "automatic_link_action");
    if provider.contains_key("automatic_link_action") && action != LINK_ACTION {
        return StepReport::warn(
            id,
            format!(
                "account linking is on, but its action is {} instead of {LINK_ACTION}",
                if action.is_empty() {
                    "empty".to_string()
                } else {
                    format!("\"{action}\"")
                }
            ),
            details,
        )
        .with_fix(path);
    }
    StepReport::pass(
        id,
        format!("\"{PROVIDER}\" links the bot's users to their accounts"),
        details,
    )
}

/// Sets the switches that are off to `true`, reading the provider afresh.
pub async fn fix(ctx: &Context) -> Result<String, Error> {
    let found = provider::read(ctx).await?;
    let Some(row) = found.providers.first() else {
        return Ok("nothing to change: there is no provider (see provider)".to_string());
    };
    let off: Vec<&'static str> = SWITCHES
        .into_iter()
        .filter(|c| row.contains_key(*c) && field(row, c) != "true")
        .collect();
    if off.is_empty() {
        return Ok("nothing needed changing any more".to_string());
    }
    let sys_id = field(row, "sys_id");
    let mut tx = Transaction::new(&ctx.client);
    for (i, column) in off.iter().enumerate() {
        // The count read applies to the first write only: the next sees the first's.
        let count = (i == 0).then(|| field(row, "sys_mod_count"));
        tx.update(
            "sys_cs_provider",
            column,
            sys_id,
            PROVIDER,
            field(row, column),
            "true",
            count,
        )
        .await?;
    }
    tx.commit();
    Ok(format!(
        "set {} to true on \"{PROVIDER}\"",
        off.join(" and ")
    ))
}

/// The row of this step.
pub static STEP: Step = Step {
    id: StepId::AccountLinking,
    phase: Phase::Deep,
    affects: &[],
    needs_kore: false,
    init_offers: false,
    why: DEEP_WHY,
    gate: None,
    check: |ctx| Box::pin(check(ctx)),
    fix: Some(|ctx, _| Box::pin(async move { fix(ctx).await.into() })),
    prefetch: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::deep::row;
    use crate::steps::Status;

    #[test]
    fn verdicts() {
        let p = |auto: &str, link: &str, action: &str| {
            row(&[
                ("automatic_link_enabled", auto),
                ("link_account_enabled", link),
                ("automatic_link_action", action),
            ])
        };
        assert_eq!(
            report(Some(&p("true", "true", LINK_ACTION))).status,
            Status::Pass
        );
        let r = report(Some(&p("false", "true", LINK_ACTION)));
        assert_eq!(r.status, Status::Fail);
        assert!(
            r.summary.contains("automatic_link_enabled not true"),
            "{}",
            r.summary
        );
        assert_eq!(report(Some(&p("true", "true", "x"))).status, Status::Warn);
        assert_eq!(report(Some(&row(&[("name", "p")]))).status, Status::Warn);
        assert_eq!(report(None).status, Status::Skip);
    }
}
