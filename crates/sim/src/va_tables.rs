//! What the simulated Virtual Agent API keeps apart from its handlers: the names of the
//! bot-to-bot integration's records, the routing engine's memory between requests, and the tables
//! of the integration (provider, provider application, message auth, channel, the 4.1+ outbound
//! configuration and its HTTP connection, AWA queues and eligibility pools, conversations,
//! interactions and work items).

use std::collections::HashMap;

use super::schema::{reference, text, with_default, Column};

/// The provider of the bot-to-bot integration.
pub(crate) const PROVIDER: &str = "VA Bot to Bot Provider";
/// Its provider application (channel identity).
pub(crate) const PROVIDER_APPLICATION: &str = "VA Bot to Bot Provider Application";
/// The conversational channel bot-to-bot chats arrive on.
pub(crate) const CHANNEL: &str = "Bot to Bot";
/// The HTTP connection of the 4.1+ outbound configuration.
pub(crate) const CONNECTION: &str = "Bot Connection";
/// The property that excludes channels from live agent support.
pub(crate) const EXCLUDE_PROPERTY: &str = "com.glide.cs.exclude.liveagent.support";

/// What the engine remembers between requests.
#[derive(Debug, Default)]
pub(crate) struct VaState {
    /// Routing passes each queued work item has seen, by sys_id.
    pub(crate) seen: HashMap<String, u32>,
    /// The last interaction number handed out.
    pub(crate) last_number: u32,
    /// Whether the customer's chat of `SimOptions::customer_chat` has arrived.
    pub(crate) customer_arrived: bool,
}

/// The tables of the integration, with their own columns (system columns are added).
pub(crate) fn table_definitions() -> Vec<(&'static str, Vec<Column>)> {
    let mut tables = provider_tables();
    tables.extend(routing_tables());
    tables.extend(identity_tables());
    tables.extend(conversation_tables());
    tables
}

/// The provider, its application and message auth, and the conversational channels.
fn provider_tables() -> Vec<(&'static str, Vec<Column>)> {
    vec![
        (
            "sys_cs_provider",
            vec![
                text("name"),
                with_default("active", "true"),
                with_default("automatic_link_enabled", "true"),
                with_default("link_account_enabled", "true"),
                text("automatic_link_action"),
            ],
        ),
        (
            // "Provider Channel Identity".
            "sys_cs_provider_application",
            vec![
                text("name"),
                reference("provider", "sys_cs_provider"),
                text("inbound_id"),
                reference("message_auth", "message_auth"),
                text("trusted_media_domains"),
            ],
        ),
        (
            "message_auth",
            vec![
                text("name"),
                reference("provider", "sys_cs_provider"),
                reference("inbound_message_verification", "token_verification"),
                with_default("active", "true"),
            ],
        ),
        (
            "token_verification",
            vec![text("name"), text("description"), text("token")],
        ),
        (
            "sys_cs_channel",
            vec![text("name"), with_default("active", "true"), text("type")],
        ),
        (
            // "Custom Adapter Property": the Channel Properties related list of a channel
            // (`disable_live_agent` from Xanadu). The column linking a property to its channel
            // is not documented; `channel` is assumed.
            "sys_cs_custom_adapter_property",
            vec![
                text("name"),
                text("value"),
                reference("channel", "sys_cs_channel"),
            ],
        ),
    ]
}

/// Where replies and chats go: the 4.1+ outbound configuration with its connection, and the AWA
/// queues, pools, rules and capacity.
fn routing_tables() -> Vec<(&'static str, Vec<Column>)> {
    vec![
        (
            // Virtual Agent API 4.1 and later ("Bot to Bot Outbound Configurations").
            "sn_va_as_service_outbound_configuration",
            vec![
                reference("provider_application", "sys_cs_provider_application"),
                reference("rest_connection", "sys_alias"),
                with_default("active", "true"),
            ],
        ),
        (
            "sys_alias",
            vec![
                text("name"),
                with_default("type", "connection"),
                with_default("connection_type", "http_connection"),
            ],
        ),
        (
            "http_connection",
            vec![
                text("name"),
                reference("connection_alias", "sys_alias"),
                text("connection_url"),
                with_default("active", "true"),
                with_default("connection_timeout", "5000"),
                text("credential"),
            ],
        ),
        (
            "awa_queue",
            vec![
                text("name"),
                reference("service_channel", "awa_service_channel"),
                with_default("active", "true"),
                with_default("order", "100"),
                text("condition"),
            ],
        ),
        (
            "awa_eligibility_pool",
            vec![
                reference("queue", "awa_queue"),
                // A list field: comma-separated sys_user_group sys_ids.
                text("groups"),
                with_default("order", "100"),
                reference("assignment_rule", "awa_assignment_rule"),
            ],
        ),
        (
            "awa_assignment_rule",
            vec![text("name"), with_default("active", "true")],
        ),
        (
            // "Agent Presence & Capacity" (a database view on real instances).
            "awa_agent_presence_capacity",
            vec![
                reference("ap_agent", "sys_user"),
                reference("ap_current_presence_state", "awa_presence_state"),
                reference("ac_channel", "awa_service_channel"),
                with_default("ac_workload", "0"),
                with_default("ac_applied_max_capacity", "1"),
            ],
        ),
    ]
}

/// Who a channel user is: the provider user map, the channel user profile and the consumer
/// account.
fn identity_tables() -> Vec<(&'static str, Vec<Column>)> {
    vec![
        // Where a channel's user id lives, as ServiceNow documents it: on the provider user
        // map and on the channel user profile (ServiceNowDocs
        // `virtual-agent-common-errors.md`, `associate-user-profiles-messaging-interactions.md`).
        (
            "sys_cs_provider_user_map",
            vec![
                text("channel_user_id"),
                reference("user", "sys_user"),
                reference("provider", "sys_cs_provider"),
                with_default("active", "true"),
            ],
        ),
        (
            "sys_cs_channel_user_profile",
            vec![
                text("channel_user_id"),
                reference("user", "sys_user"),
                reference("provider", "sys_cs_provider"),
            ],
        ),
        // A conversation's `consumer_account` is a `sys_cs_consumer_account`, as a schema
        // listing of a live instance shows it: `consumer`, `vendor_user_id`,
        // `provider_application`, `channel_user_profile`, and no `channel_user_id` (so a
        // dot-walk `consumer_account.channel_user_id` names nothing). What `consumer` and
        // `vendor_user_id` hold is not documented; `consumer` is modelled as the user.
        (
            "sys_cs_consumer_account",
            vec![
                reference("consumer", "sys_user"),
                text("vendor_user_id"),
                reference("provider_application", "sys_cs_provider_application"),
                reference("channel_user_profile", "sys_cs_channel_user_profile"),
            ],
        ),
    ]
}

/// The conversations, their messages, and the interactions and work items of live agent chats.
fn conversation_tables() -> Vec<(&'static str, Vec<Column>)> {
    vec![
        (
            "sys_cs_conversation",
            vec![
                with_default("state", "open"),
                reference("consumer", "sys_user"),
                reference("consumer_account", "sys_cs_consumer_account"),
                reference("provider_application", "sys_cs_provider_application"),
            ],
        ),
        (
            "sys_cs_message",
            vec![
                reference("conversation", "sys_cs_conversation"),
                text("direction"),
                text("payload"),
            ],
        ),
        (
            "interaction",
            vec![
                text("number"),
                with_default("state", "new"),
                with_default("type", "chat"),
                with_default("active", "true"),
                reference("opened_for", "sys_user"),
                reference("assigned_to", "sys_user"),
                reference("queue", "awa_queue"),
                text("short_description"),
                text("channel_metadata_table"),
                text("channel_metadata_document"),
            ],
        ),
        (
            "awa_work_item",
            vec![
                text("document_table"),
                text("document_id"),
                reference("queue", "awa_queue"),
                with_default("state", "queued"),
                reference("assigned_to", "sys_user"),
                reference("assignment_group", "sys_user_group"),
                with_default("active", "true"),
                text("offered_on"),
                with_default("offer_count", "0"),
            ],
        ),
    ]
}
