//! Deep step `agent_chat`: the Agent Chat plugin (`com.glide.interaction.awa`) is active and
//! `glide.awa.enabled` is true.
//!
//! Sources: Agent Chat brings the Chat service channel that live chats are routed on
//! (ServiceNowDocs `conversational-interfaces/advanced-work-assignment/awa-service-channels.md`:
//! "Chat — Routes and assigns chat interactions. Included with the Agent Chat plugin
//! (com.glide.interaction.awa)"; `agent-chat/ac-configure-agent-chat.md`: "Install the Agent
//! Chat plugin (com.glide.interaction.awa)"), and it is not one of the five plugins of the
//! guide. `glide.awa.enabled` "Enables the auto assignment of work items for Advanced Work
//! Assignment", default true (`advanced-work-assignment/installed-with-awa.md`): when it is
//! false, chats are queued and never offered to anyone.
//!
//! Reads `v_plugin` (one row) and the shared `sys_properties` query. The fix activates the
//! plugin through the CI/CD API and sets the property to true.

use serde_json::json;

use super::super::change::Transaction;
use super::super::plugins::{self, is_active_value, ActivateOptions, ActivationOutcome, Watcher};
use super::super::row::{Phase, Step, DEEP_WHY};
use super::super::{and_list, CommandLine, Context, StepId, StepReport};
use super::property;
use crate::error::{Error, ErrorKind};
use crate::servicenow::{field, ApiError};
use crate::state::StateFile;
use crate::ui::progress::ActivationView;

/// The plugin's id.
pub const PLUGIN: &str = plugins::AGENT_CHAT.id;
/// The property that switches AWA's assignment on.
pub const AWA_ENABLED: &str = "glide.awa.enabled";
/// The arguments of the command that repairs what this step finds.
pub const FIX: &str = "check --deep --fix";

/// What the step read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentChatFound {
    /// Whether the plugin is active; `None` when the instance does not list it.
    pub plugin_active: Option<bool>,
    /// `glide.awa.enabled`: its sys_id, value and `sys_mod_count`, when it exists.
    pub property: Option<(String, String, String)>,
}

/// Reads the plugin (in step 3's `v_plugin` query) and the property, at once.
pub async fn read(ctx: &Context) -> Result<AgentChatFound, ApiError> {
    let (rows, properties) = tokio::join!(ctx.plugin_rows(), ctx.deep_properties());
    let (rows, properties) = (rows?, properties?);
    Ok(AgentChatFound {
        plugin_active: rows
            .plugin(PLUGIN)
            .map(|r| is_active_value(field(r, "active"))),
        property: property(&properties, AWA_ENABLED).map(|r| {
            (
                field(r, "sys_id").to_string(),
                field(r, "value").to_string(),
                field(r, "sys_mod_count").to_string(),
            )
        }),
    })
}

/// Reads and judges.
pub async fn check(ctx: &Context) -> Result<StepReport, ApiError> {
    Ok(report(&read(ctx).await?))
}

/// The verdict.
pub fn report(found: &AgentChatFound) -> StepReport {
    let enabled = found
        .property
        .as_ref()
        .map(|(_, v, _)| v.trim().to_string());
    let details = json!({
        "plugin": {"id": PLUGIN, "name": plugins::AGENT_CHAT.name, "active": found.plugin_active},
        "glide.awa.enabled": enabled,
    });
    if found.plugin_active.is_none() {
        return StepReport::fail(
            StepId::AgentChat,
            format!("the instance does not list the Agent Chat plugin ({PLUGIN}), so no chat reaches a live agent"),
            details,
            plugins::manual_path(&plugins::AGENT_CHAT),
        );
    }
    let mut problems = Vec::new();
    if found.plugin_active == Some(false) {
        problems.push(format!(
            "the Agent Chat plugin ({PLUGIN}) is inactive, so there is no Chat channel to route to"
        ));
    }
    match enabled.as_deref() {
        Some("true") => {}
        Some(other) => problems.push(format!(
            "{AWA_ENABLED} is \"{other}\", so AWA offers no chat to any agent"
        )),
        None if problems.is_empty() => {
            return StepReport::warn(
                StepId::AgentChat,
                format!("Agent Chat is active, but the instance has no {AWA_ENABLED} property; its documented default is true, which could not be confirmed"),
                details,
            )
            .with_fix(format!("look under sys_properties.list for {AWA_ENABLED}"));
        }
        None => {}
    }
    if problems.is_empty() {
        StepReport::pass(
            StepId::AgentChat,
            format!("Agent Chat is active and {AWA_ENABLED} is true"),
            details,
        )
    } else {
        StepReport::fail(
            StepId::AgentChat,
            and_list(&problems),
            details,
            CommandLine::new(FIX),
        )
    }
}

/// Activates the plugin (when inactive) and sets the property to true (when it is not);
/// returns what was done in words.
pub async fn fix(
    ctx: &Context,
    opts: &ActivateOptions,
    state: Option<&StateFile>,
    watcher: &dyn Watcher,
) -> Result<String, Error> {
    let found = read(ctx).await?;
    let mut done = Vec::new();
    if found.plugin_active == Some(false) && crate::journal::dry_run(&ctx.client) {
        crate::journal::would(&ctx.client, &plugins::activation(plugins::AGENT_CHAT.id));
        done.push(format!("would activate {PLUGIN}"));
    } else if found.plugin_active == Some(false) {
        let activated =
            plugins::activate_one(&ctx.client, &plugins::AGENT_CHAT, opts, state, watcher);
        match activated.await? {
            ActivationOutcome::Activated | ActivationOutcome::AlreadyActive => {
                done.push(format!("activated {PLUGIN}"));
            }
            ActivationOutcome::Failed { why, kind } => return Err(Error::new(kind, why)),
            ActivationOutcome::TimedOut { last, .. } => {
                return Err(Error::new(
                    ErrorKind::WriteFailed,
                    format!("stopped watching the activation of {PLUGIN} at the deadline ({last}); it goes on on the instance"),
                )
                .with_hint("run sn-handoff check --deep --fix again later"))
            }
        }
    }
    if let Some((sys_id, value, count)) = &found.property {
        if value.trim() != "true" {
            let mut tx = Transaction::new(&ctx.client);
            tx.update(
                "sys_properties",
                "value",
                sys_id,
                AWA_ENABLED,
                value,
                "true",
                Some(count),
            )
            .await?;
            tx.commit();
            done.push(format!("set {AWA_ENABLED} to true"));
        }
    }
    Ok(if done.is_empty() {
        "nothing needed changing any more".to_string()
    } else {
        done.join("; ")
    })
}

/// The row of this step.
pub static STEP: Step = Step {
    id: StepId::AgentChat,
    phase: Phase::Deep,
    affects: &[
        StepId::Queue,
        StepId::Routing,
        StepId::ChatPresence,
        StepId::Capacity,
    ],
    needs_kore: false,
    init_offers: false,
    why: DEEP_WHY,
    gate: None,
    check: |ctx| Box::pin(check(ctx)),
    fix: Some(|ctx, env| {
        Box::pin(async move {
            let opts = ActivateOptions {
                deadline: env.deadline,
                backoff: crate::steps::backoff::Backoff::from_env(),
            };
            fix(ctx, &opts, env.state, &ActivationView::new(env.printer))
                .await
                .into()
        })
    }),
    prefetch: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::Status;

    fn found(active: Option<bool>, value: Option<&str>) -> AgentChatFound {
        AgentChatFound {
            plugin_active: active,
            property: value.map(|v| ("p".into(), v.into(), "0".into())),
        }
    }

    #[test]
    fn verdicts() {
        assert_eq!(
            report(&found(Some(true), Some("true"))).status,
            Status::Pass
        );
        let r = report(&found(Some(false), Some("false")));
        assert_eq!(r.status, Status::Fail);
        assert!(r.summary.contains("inactive") && r.summary.contains("glide.awa.enabled"));
        assert_eq!(
            r.fix_text().as_deref(),
            Some("sn-handoff check --deep --fix")
        );
        assert_eq!(report(&found(Some(true), None)).status, Status::Warn);
        assert_eq!(report(&found(None, Some("true"))).status, Status::Fail);
    }
}
