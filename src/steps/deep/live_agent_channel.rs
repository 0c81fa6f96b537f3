//! Deep step `live_agent_channel`: the "Bot to Bot" conversational channel (`sys_cs_channel`)
//! exists, is active, and is not listed in the system property
//! `com.glide.cs.exclude.liveagent.support`, which names the channels whose conversations are
//! never offered to live agents.
//!
//! Sources: the property's value is a comma-separated list of channel names ("Alexa,Google
//! Assistant,Bot to Bot" in the example of ServiceNowDocs `conversational-interfaces/
//! virtual-agent/virtual-agent-api-enable-synchronous-support.md`), and that page tells admins
//! to add "Bot To Bot" to it to enable the Virtual Agent API's synchronous mode: an instance set
//! up for synchronous replies cannot hand a conversation to a live agent. Names are compared
//! without case (the same page writes both "Bot To Bot" and "Bot to Bot"). From Xanadu a channel
//! can also be excluded with its own `disable_live_agent` property in the Channel Properties
//! related list, which "is replacing" the system property (`disable-live-agent-support-channel
//! .md`). Those properties are Custom Adapter Property records
//! (`sys_cs_custom_adapter_property`, named so in `deactivate-streaming-gcc.md`); the column
//! linking one to its channel is not documented, and `channel` is read. Where the channel has a
//! `disable_live_agent` property its value decides; where it has none, the system property
//! still does. When that table cannot be read on Xanadu or later (or an unknown release), a
//! channel the system property does not exclude is reported as `warn`, naming where to look.
//!
//! Reads the shared `sys_properties` query, `sys_cs_channel` by name and the
//! `disable_live_agent` properties. The fix removes the channel from the system property's list
//! and keeps the others; a `disable_live_agent` = `true` is left to the admin (it is someone's
//! deliberate choice on the channel's own form).

use serde_json::{json, Value};

use super::super::change::Transaction;
use super::super::row::{Phase, Step, DEEP_WHY};
use super::super::{CommandLine, Context, StepId, StepReport};
use super::{property, release_rank};
use crate::error::Error;
use crate::servicenow::{field, ApiError, Query, Row};

/// The channel the Virtual Agent API's conversations arrive on.
pub const CHANNEL: &str = "Bot to Bot";
/// The property listing the channels excluded from live agent support.
pub const EXCLUDE_PROPERTY: &str = "com.glide.cs.exclude.liveagent.support";
/// The first release whose channels have their own `disable_live_agent` property.
pub const CHANNEL_PROPERTY_FROM: &str = "xanadu";

/// What the step read.
#[derive(Debug, Clone, Default)]
pub struct LiveAgentChannelFound {
    /// Rows of `sys_cs_channel` named [`CHANNEL`] (any case).
    pub channels: Vec<Row>,
    /// The exclusion property's row, when it exists.
    pub property: Option<Row>,
    /// The `disable_live_agent` Custom Adapter Properties (of any channel), or `None` when
    /// their table could not be read.
    pub channel_properties: Option<Vec<Row>>,
}

/// The name of a channel's own live agent switch.
pub const CHANNEL_PROPERTY: &str = "disable_live_agent";

/// Reads the channel and the property (at once).
pub async fn read(ctx: &Context) -> Result<LiveAgentChannelFound, ApiError> {
    let query = Query::new().eq("name", CHANNEL);
    let own = Query::new().eq("name", CHANNEL_PROPERTY);
    let (channels, properties, channel_properties) = tokio::join!(
        ctx.client
            .list("sys_cs_channel", &query, &["sys_id", "name", "active"]),
        ctx.deep_properties(),
        ctx.client.list(
            "sys_cs_custom_adapter_property",
            &own,
            &["sys_id", "name", "value", "channel"]
        ),
    );
    let properties = properties?;
    let channel_properties = match channel_properties {
        Ok(rows) => Some(
            rows.into_iter()
                .filter(|r| field(r, "name") == CHANNEL_PROPERTY)
                .collect(),
        ),
        Err(e) if e.invalid_table().is_some() || e.is_forbidden() => None,
        Err(e) => return Err(e),
    };
    let channels = match channels {
        Ok(rows) => rows,
        // No conversational channels at all: Glide Virtual Agent is not active.
        Err(e) if e.invalid_table().is_some() => Vec::new(),
        Err(e) => return Err(e),
    };
    Ok(LiveAgentChannelFound {
        channels: channels
            .into_iter()
            .filter(|r| field(r, "name").eq_ignore_ascii_case(CHANNEL))
            .collect(),
        property: property(&properties, EXCLUDE_PROPERTY).cloned(),
        channel_properties,
    })
}

/// The entries of the property's list that name `channel` (by name, any case, or sys_id).
fn matching<'a>(value: &'a str, channel: &Row) -> Vec<&'a str> {
    value
        .split(',')
        .map(str::trim)
        .filter(|e| {
            e.eq_ignore_ascii_case(CHANNEL) || (!e.is_empty() && *e == field(channel, "sys_id"))
        })
        .collect()
}

/// The property's value without the entries that name the channel.
pub fn without_channel(value: &str, channel: &Row) -> String {
    let excluded = matching(value, channel);
    value
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty() && !excluded.contains(e))
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads and judges; `release` is the release family the instance step read.
pub async fn check(ctx: &Context, release: Option<&str>) -> Result<StepReport, ApiError> {
    Ok(report(&read(ctx).await?, release))
}

/// The verdict.
pub fn report(found: &LiveAgentChannelFound, release: Option<&str>) -> StepReport {
    let value = found
        .property
        .as_ref()
        .map(|r| field(r, "value").to_string());
    let details = json!({"channel": CHANNEL, "com.glide.cs.exclude.liveagent.support": value});
    let channel = match the_channel(found, &details) {
        Ok(channel) => channel,
        Err(report) => return *report,
    };
    if field(channel, "active") == "false" {
        return StepReport::fail(
            StepId::LiveAgentChannel,
            format!("the \"{CHANNEL}\" channel is inactive"),
            details,
            format!("activate it: sys_cs_channel.list → {CHANNEL} → Active"),
        );
    }
    if let Some(report) = untied_properties(found, &details) {
        return report;
    }
    if let Some(report) = own_switch(found, channel, &details) {
        return report;
    }
    excluded_by_property(found, channel, value.as_deref(), release, details)
}

/// Decides which channel is the Virtual Agent API's: the one named [`CHANNEL`], else a failing
/// report when there is none, or a warning when several share the name.
fn the_channel<'a>(
    found: &'a LiveAgentChannelFound,
    details: &Value,
) -> Result<&'a Row, Box<StepReport>> {
    match found.channels.as_slice() {
        [] => Err(Box::new(StepReport::fail(
            StepId::LiveAgentChannel,
            format!("there is no \"{CHANNEL}\" channel (sys_cs_channel); it comes with the Virtual Agent API"),
            details.clone(),
            CommandLine::new("plugins --activate"),
        ))),
        [one] => Ok(one),
        many => {
            let ids: Vec<&str> = many.iter().map(|r| field(r, "sys_id")).collect();
            Err(Box::new(StepReport::warn(
                StepId::LiveAgentChannel,
                format!(
                    "{} channels are named \"{CHANNEL}\" (sys_ids {}); could not tell which one the Virtual Agent API uses",
                    many.len(),
                    ids.join(", ")
                ),
                details.clone(),
            )
            .with_fix("keep one: sys_cs_channel.list, filter Name = Bot to Bot")))
        }
    }
}

/// Decides whether some `disable_live_agent` rows cannot be tied to a channel (a warning then).
/// Which channel a row belongs to is read from its `channel` column, which is not documented:
/// rows that come back without it may hold this channel's own switch. Said, never guessed.
fn untied_properties(found: &LiveAgentChannelFound, details: &Value) -> Option<StepReport> {
    let untied: Vec<&Row> = found
        .channel_properties
        .iter()
        .flatten()
        .filter(|r| !r.contains_key("channel"))
        .collect();
    if untied.is_empty() {
        return None;
    }
    let ids: Vec<&str> = untied.iter().map(|r| field(r, "sys_id")).collect();
    let values: Vec<&str> = untied.iter().map(|r| field(r, "value")).collect();
    let mut details = details.clone();
    details["untied_properties"] = json!(ids);
    Some(StepReport::warn(
        StepId::LiveAgentChannel,
        format!(
            "{} {CHANNEL_PROPERTY} propert{} (sys_ids {}, values {}) came back without a channel column, so whether one of them is the \"{CHANNEL}\" channel's own switch cannot be told",
            untied.len(),
            if untied.len() == 1 { "y" } else { "ies" },
            ids.join(", "),
            values.join(", ")
        ),
        details,
    )
    .with_fix(format!("look at it by hand: sys_cs_channel.list → {CHANNEL} → Channel Properties → {CHANNEL_PROPERTY}")))
}

/// Decides the verdict from the channel's own switch, where it has one (it replaces the system
/// property): excluded when `true`, else not; `None` without one.
fn own_switch(found: &LiveAgentChannelFound, channel: &Row, details: &Value) -> Option<StepReport> {
    let own = found.channel_properties.as_ref().and_then(|rows| {
        rows.iter()
            .find(|r| field(r, "channel") == field(channel, "sys_id"))
    })?;
    let value = field(own, "value");
    let mut details = details.clone();
    details[CHANNEL_PROPERTY] = json!(value);
    Some(if value.trim().eq_ignore_ascii_case("true") {
        StepReport::fail(
            StepId::LiveAgentChannel,
            format!("the \"{CHANNEL}\" channel has its own {CHANNEL_PROPERTY} = true, so its conversations never reach a live agent"),
            details,
            format!("set it to false or delete it: sys_cs_channel.list → {CHANNEL} → Channel Properties → {CHANNEL_PROPERTY}"),
        )
    } else {
        StepReport::pass(
            StepId::LiveAgentChannel,
            format!("the \"{CHANNEL}\" channel's own {CHANNEL_PROPERTY} is \"{value}\": it is not excluded from live agent support"),
            details,
        )
    })
}

/// Decides the verdict from the system property's `value` (the exclusion list): excluded when it
/// lists the channel; else a warning when, on a release from Xanadu (or unknown), the channel's
/// own switch could not be read, or a pass.
fn excluded_by_property(
    found: &LiveAgentChannelFound,
    channel: &Row,
    value: Option<&str>,
    release: Option<&str>,
    details: Value,
) -> StepReport {
    if let Some(value) = value {
        if !matching(value, channel).is_empty() {
            return StepReport::fail(
                StepId::LiveAgentChannel,
                format!("{EXCLUDE_PROPERTY} lists \"{CHANNEL}\" (\"{value}\"), so its conversations never reach a live agent (it is added there to turn on the Virtual Agent API's synchronous mode)"),
                details,
                CommandLine::new("check --deep --fix").note(format!("removes \"{CHANNEL}\" from the list; synchronous mode then stops")),
            );
        }
    }
    let newer = found.channel_properties.is_none()
        && match release {
            Some(family) => match (release_rank(family), release_rank(CHANNEL_PROPERTY_FROM)) {
                (Some(rank), Some(from)) => rank >= from,
                _ => true,
            },
            None => true,
        };
    if newer {
        StepReport::warn(
            StepId::LiveAgentChannel,
            format!("{EXCLUDE_PROPERTY} does not list \"{CHANNEL}\"; from Xanadu a channel can also be excluded by its own disable_live_agent property, which could not be read"),
            details,
        )
        .with_fix(format!("make sure sys_cs_channel.list → {CHANNEL} → Channel Properties has no disable_live_agent = true"))
    } else {
        StepReport::pass(
            StepId::LiveAgentChannel,
            format!("the \"{CHANNEL}\" channel is not excluded from live agent support"),
            details,
        )
    }
}

/// Removes the channel from the property's list (only when it is listed); returns what was
/// done in words.
pub async fn fix(ctx: &Context) -> Result<String, Error> {
    let found = read(ctx).await?;
    let (Some(prop), [channel]) = (&found.property, found.channels.as_slice()) else {
        return Ok("nothing needed changing any more".to_string());
    };
    let value = field(prop, "value");
    if matching(value, channel).is_empty() {
        return Ok("nothing needed changing any more".to_string());
    }
    let after = without_channel(value, channel);
    let mut tx = Transaction::new(&ctx.client);
    tx.update(
        "sys_properties",
        "value",
        field(prop, "sys_id"),
        EXCLUDE_PROPERTY,
        value,
        &after,
        Some(field(prop, "sys_mod_count")),
    )
    .await?;
    tx.commit();
    Ok(format!(
        "removed \"{CHANNEL}\" from {EXCLUDE_PROPERTY} (now \"{after}\")"
    ))
}

/// The row of this step (it judges by the release the probe read; on a warm check its reads
/// go out beside the probe all the same).
pub static STEP: Step = Step {
    id: StepId::LiveAgentChannel,
    phase: Phase::Deep,
    affects: &[],
    needs_kore: false,
    init_offers: false,
    why: DEEP_WHY,
    gate: None,
    check: |ctx| {
        Box::pin(async move {
            let (found, probed) = tokio::join!(read(ctx), ctx.probed_wait());
            Ok(report(&found?, probed.release.as_deref()))
        })
    },
    fix: Some(|ctx, _| Box::pin(async move { fix(ctx).await.into() })),
    prefetch: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::deep::row;
    use crate::steps::Status;

    fn found(value: &str) -> LiveAgentChannelFound {
        LiveAgentChannelFound {
            channels: vec![row(&[
                ("sys_id", "c1"),
                ("name", "Bot to Bot"),
                ("active", "true"),
            ])],
            property: Some(row(&[("name", EXCLUDE_PROPERTY), ("value", value)])),
            channel_properties: None,
        }
    }

    #[test]
    fn switches_without_a_channel_column_warn_instead_of_passing() {
        let mut f = found("Alexa");
        f.channel_properties = Some(vec![row(&[
            ("sys_id", "p1"),
            ("name", CHANNEL_PROPERTY),
            ("value", "true"),
        ])]);
        let r = report(&f, Some("yokohama"));
        assert_eq!(r.status, Status::Warn, "{}", r.summary);
        assert!(r.summary.contains("without a channel column"));
        assert!(r.summary.contains("p1"));
    }

    #[test]
    fn the_channels_own_switch_decides_where_it_has_one() {
        let mut f = found("Alexa");
        f.channel_properties = Some(vec![row(&[
            ("name", CHANNEL_PROPERTY),
            ("value", "true"),
            ("channel", "c1"),
        ])]);
        let r = report(&f, Some("brazil"));
        assert_eq!(r.status, Status::Fail);
        assert!(
            r.summary.contains("disable_live_agent = true"),
            "{}",
            r.summary
        );
        let mut f = found("Alexa,Bot to Bot");
        f.channel_properties = Some(vec![row(&[
            ("name", CHANNEL_PROPERTY),
            ("value", "false"),
            ("channel", "c1"),
        ])]);
        assert_eq!(report(&f, Some("brazil")).status, Status::Pass);
        // Another channel's switch is no concern; read but absent: the system property decides.
        let mut f = found("Alexa");
        f.channel_properties = Some(vec![row(&[
            ("name", CHANNEL_PROPERTY),
            ("value", "true"),
            ("channel", "other"),
        ])]);
        assert_eq!(report(&f, Some("brazil")).status, Status::Pass);
    }

    #[test]
    fn listed_in_any_case_fails() {
        for value in [
            "Alexa,Bot To Bot",
            "bot to bot",
            " Alexa , Bot to Bot ",
            "c1",
        ] {
            let r = report(&found(value), Some("vancouver"));
            assert_eq!(r.status, Status::Fail, "{value}");
        }
        let r = report(&found("Alexa,Google Assistant"), Some("vancouver"));
        assert_eq!(r.status, Status::Pass);
        let r = report(&found("Alexa,Bot to Bot Extra"), Some("vancouver"));
        assert_eq!(r.status, Status::Pass);
    }

    #[test]
    fn newer_releases_warn() {
        let r = report(&found("Alexa"), Some("xanadu"));
        assert_eq!(r.status, Status::Warn);
        let r = report(&found("Alexa"), None);
        assert_eq!(r.status, Status::Warn);
    }

    #[test]
    fn removal_keeps_the_others() {
        let channel = &found("").channels[0];
        assert_eq!(
            without_channel("Alexa, Bot To Bot ,Google Assistant", channel),
            "Alexa,Google Assistant"
        );
        assert_eq!(without_channel("Bot to Bot", channel), "");
    }
}
