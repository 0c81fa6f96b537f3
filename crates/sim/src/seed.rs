//! The records a simulated instance starts with: a new personal developer instance at the start
//! of the Kore.ai handoff guide (`fresh`), or the same instance after the guide was followed
//! (`configured`), with decoys that catch sloppy queries. Seed sys_ids are stable hashes, so
//! they are the same on every start.

use super::state::{stable_sys_id, Db};
use super::va::{CHANNEL, CONNECTION, EXCLUDE_PROPERTY, PROVIDER, PROVIDER_APPLICATION};
use super::{Fault, Release, CONFIGURED_WEBHOOK_URL, PLACEHOLDER_ENDPOINT};

/// When the demo data of the instance was created.
const BASE_DATE: &str = "2021-06-18 09:12:44";
/// When the guide's changes were made, in the `configured` scenario.
const GUIDE_DATE: &str = "2024-01-15 10:20:31";

/// Recorded sys_id of the "Analytics Settings Managers" group (table-200-sys_user_group.json).
const ANALYTICS_GROUP_ID: &str = "019ad92ec7230010393d265c95c260dd";
/// Recorded sys_id of the "Application Development" group (same recording).
const APP_DEV_GROUP_ID: &str = "0a52d3dcd7011200f2d224837e6103f2";
/// Recorded manager of "Application Development": Bushra Akhtar in the demo data.
const APP_DEV_MANAGER_ID: &str = "506c0f9cd7011200f2d224837e61030f";

/// The name of the seeded OAuth app (`oauth_entity`).
pub(crate) const OAUTH_APP: &str = "sn-handoff";

/// The name of the seeded static token of the provider application's message auth.
pub(crate) const MESSAGE_TOKEN: &str = "B2BTestAppAuthToken";

/// What to seed.
#[derive(Debug, Clone)]
pub(crate) struct SeedOptions {
    /// The instance after the guide was followed.
    pub configured: bool,
    /// The release the instance claims.
    pub release: Release,
    /// Add a second "VABot to Bot" REST message.
    pub duplicate_message: bool,
    /// The Virtual Agent API version (installed in `configured`, offered by the Store).
    pub va_api_version: Option<String>,
    /// What is broken beyond the guide.
    pub faults: Vec<Fault>,
}

/// Whether a Virtual Agent API version is 4.1 or later (the outbound configuration's "Bot
/// Connection" replaces the REST message from there on).
pub(crate) fn replies_through_connection(version: &str) -> bool {
    let mut parts = version
        .trim()
        .split('.')
        .map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    (major, minor) >= (4, 1)
}

/// Adds seed rows with stable sys_ids.
struct Seeder<'a> {
    db: &'a mut Db,
}

impl Seeder<'_> {
    /// Add a row keyed by `key` (the sys_id is derived from table and key). `fields` may
    /// override system fields (dates, mod count, even `sys_id`).
    fn add(&mut self, table: &str, key: &str, fields: &[(&str, &str)]) -> String {
        let mut sys_id = stable_sys_id(table, key);
        if let Some((_, id)) = fields.iter().find(|(f, _)| *f == "sys_id") {
            sys_id = (*id).to_string();
        }
        let row = self
            .db
            .new_row(table, &sys_id, BASE_DATE, "admin", fields)
            .unwrap_or_else(|| panic!("seed table {table} is not in the schema"));
        self.db.push(table, row);
        sys_id
    }

    /// Add a row that the guide created (configured scenario).
    fn add_by_guide(&mut self, table: &str, key: &str, fields: &[(&str, &str)]) -> String {
        let mut all = vec![
            ("sys_created_on", GUIDE_DATE),
            ("sys_updated_on", GUIDE_DATE),
        ];
        all.extend_from_slice(fields);
        self.add(table, key, &all)
    }
}

/// The sys_id a seed row of `table` keyed `key` has.
fn id(table: &str, key: &str) -> String {
    stable_sys_id(table, key)
}

/// Fields of a row the guide changed once (configured scenario).
const CHANGED_BY_GUIDE: [(&str, &str); 2] =
    [("sys_updated_on", GUIDE_DATE), ("sys_mod_count", "1")];

/// `base` followed by `extra`.
fn with<'a>(base: &[(&'a str, &'a str)], extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut all = base.to_vec();
    all.extend_from_slice(extra);
    all
}

/// Fill `db` (empty) with the instance's records.
pub(crate) fn seed(db: &mut Db, options: SeedOptions) {
    let mut s = Seeder { db };
    let configured = options.configured;
    let touched: &[(&str, &str)] = if configured { &CHANGED_BY_GUIDE } else { &[] };
    let faults = options.faults.as_slice();
    let broken = |fault: Fault| faults.contains(&fault);
    let va_version = match &options.va_api_version {
        Some(v) => v.clone(),
        None if broken(Fault::StaleReplyUrl)
            && !replies_through_connection(options.release.va_api_version()) =>
        {
            "4.1.2".to_string()
        }
        None => options.release.va_api_version().to_string(),
    };
    // The channels the base system excludes from live agents (the example of ServiceNow's
    // "Enable synchronous support in Virtual Agent API" page, before Bot to Bot is added).
    let excluded = if broken(Fault::ChannelExcluded) {
        "Alexa,Google Assistant,Bot to Bot"
    } else {
        "Alexa,Google Assistant"
    };
    let awa_enabled = if broken(Fault::AwaDisabled) {
        "false"
    } else {
        "true"
    };

    // System properties.
    let release = options.release;
    let war = release.war();
    let properties: [(&str, &str, &str, &str); 11] = [
        (
            "glide.buildname",
            release.build_name(),
            "string",
            "Build name",
        ),
        ("glide.buildtag", release.build_tag(), "string", "Build tag"),
        ("glide.war", war.as_str(), "string", "Deployed WAR file"),
        (
            "glide.awa.enabled",
            awa_enabled,
            "boolean",
            "Enable Advanced Work Assignment",
        ),
        (
            "glide.invalid_query.returns_no_rows",
            "false",
            "boolean",
            "Return no rows for a query with an invalid field (instead of ignoring the condition)",
        ),
        (
            "glide.product.description",
            "ServiceNow",
            "string",
            "Product description",
        ),
        (
            "glide.sys.date_format",
            "yyyy-MM-dd",
            "string",
            "Date format",
        ),
        (
            "glide.security.diag_txns_acl",
            "false",
            "boolean",
            "Require a role for stats.do",
        ),
        (
            "glide.oauth.state.parameter.required",
            "true",
            "boolean",
            "Require the state parameter in OAuth authorization requests",
        ),
        (
            EXCLUDE_PROPERTY,
            excluded,
            "string",
            "Channels whose conversations are not routed to live agents",
        ),
        (
            "glide.ui.polaris.experience",
            "true",
            "boolean",
            "Next Experience UI",
        ),
    ];
    for (name, value, kind, description) in properties {
        s.add(
            "sys_properties",
            name,
            &[
                ("name", name),
                ("value", value),
                ("type", kind),
                ("description", description),
            ],
        );
    }

    // Plugins: the four of the guide, then decoys that are always active.
    let guide_plugins = [
        ("com.glide.awa", "Advanced Work Assignment", "3.2.1"),
        (
            "com.sn_customerservice",
            "Customer Service Management",
            "10.4.2",
        ),
        ("com.glide.cs.chatbot", "Glide Virtual Agent", "9.0.4"),
        ("com.glide.interaction.awa", "Agent Chat", "2.1.0"),
    ];
    let decoy_plugins = [
        ("com.snc.sla", "Service Level Management", "1.0.0"),
        ("com.glide.hub.action_step.rest", "REST step", "1.3.0"),
        ("com.snc.change_management", "Change Management", "2.4.1"),
    ];
    let guide_state = if configured { "active" } else { "inactive" };
    for (plugin, name, version) in guide_plugins {
        let state = if plugin == "com.glide.interaction.awa" && broken(Fault::AgentChatInactive) {
            "inactive"
        } else {
            guide_state
        };
        let fields = with(
            &[
                ("id", plugin),
                ("name", name),
                ("active", state),
                ("version", version),
                ("description", name),
            ],
            touched,
        );
        s.add("v_plugin", plugin, &fields);
    }
    for (plugin, name, version) in decoy_plugins {
        s.add(
            "v_plugin",
            plugin,
            &[
                ("id", plugin),
                ("name", name),
                ("active", "active"),
                ("version", version),
                ("description", name),
            ],
        );
    }
    // sys_plugins lists only active plugins.
    let active = decoy_plugins
        .iter()
        .chain(guide_plugins.iter().filter(|(plugin, _, _)| {
            configured
                && !(*plugin == "com.glide.interaction.awa" && broken(Fault::AgentChatInactive))
        }));
    for (plugin, name, version) in active {
        s.add(
            "sys_plugins",
            plugin,
            &[
                ("source", plugin),
                ("name", name),
                ("active", "active"),
                ("version", version),
                ("description", name),
            ],
        );
    }

    // Store applications: installed, and available.
    s.add(
        "sys_store_app",
        "sn_appclient",
        &[
            ("scope", "sn_appclient"),
            ("name", "ServiceNow Store"),
            ("active", "true"),
            ("version", "23.2.4"),
            ("vendor", "ServiceNow"),
        ],
    );
    let store_apps = [
        ("sn_oe_sfs", "Omni-experience Standard Feature Set", "2.1.4"),
        ("sn_va_as_service", "Virtual Agent API", va_version.as_str()),
    ];
    if configured {
        for (scope, name, version) in store_apps {
            s.add_by_guide(
                "sys_store_app",
                scope,
                &[
                    ("scope", scope),
                    ("name", name),
                    ("active", "true"),
                    ("version", version),
                    ("vendor", "ServiceNow"),
                ],
            );
        }
    }
    for (scope, name, version) in store_apps {
        s.add(
            "sys_remote_app",
            scope,
            &[
                ("scope", scope),
                ("name", name),
                ("latest_version", version),
                ("vendor", "ServiceNow"),
                ("description", name),
            ],
        );
    }

    // Users.
    let users = [
        (
            "admin",
            "System",
            "Administrator",
            "true",
            "System Administrator",
        ),
        ("abel.tuter", "Abel", "Tuter", "true", ""),
        ("beth.anglin", "Beth", "Anglin", "true", ""),
        ("david.loo", "David", "Loo", "true", ""),
        ("fred.luddy", "Fred", "Luddy", "false", ""),
        (
            "bushra.akhtar",
            "Bushra",
            "Akhtar",
            "true",
            "Application Development Manager",
        ),
        ("caret^user", "Caret", "User", "true", ""),
    ];
    for (user_name, first, last, active, title) in users {
        let name = format!("{first} {last}");
        let email = format!("{}@example.com", user_name.replace('^', "."));
        let mut fields = vec![
            ("user_name", user_name),
            ("first_name", first),
            ("last_name", last),
            ("name", name.as_str()),
            ("email", email.as_str()),
            ("title", title),
            ("active", active),
        ];
        if user_name == "bushra.akhtar" {
            fields.push(("sys_id", APP_DEV_MANAGER_ID));
        }
        s.add("sys_user", user_name, &fields);
    }
    if broken(Fault::DuplicateEmail) {
        s.add(
            "sys_user",
            "abel.tuter2",
            &[
                ("user_name", "abel.tuter2"),
                ("first_name", "Abel"),
                ("last_name", "Tuter"),
                ("name", "Abel Tuter"),
                ("email", "abel.tuter@example.com"),
                ("active", "true"),
            ],
        );
    }
    let user = |user_name: &str| {
        if user_name == "bushra.akhtar" {
            APP_DEV_MANAGER_ID.to_string()
        } else {
            id("sys_user", user_name)
        }
    };

    // Roles.
    let roles = [
        ("admin", "System administrator"),
        ("itil", "Fulfiller: works on tasks"),
        ("awa_agent", "Advanced Work Assignment agent"),
        ("agent_workspace_user", "Agent Workspace user"),
        (
            "awa_integration_user",
            "Sets agent presence through the AWA Agent API",
        ),
        ("sn_cicd.sys_ci_automation", "CI/CD REST API user"),
        ("csm_admin", "Customer Service Management administrator"),
    ];
    for (name, description) in roles {
        s.add(
            "sys_user_role",
            name,
            &[("name", name), ("description", description)],
        );
    }
    let role = |name: &str| id("sys_user_role", name);
    for (user_name, role_name) in [
        ("admin", "admin"),
        ("beth.anglin", "itil"),
        ("abel.tuter", "itil"),
    ] {
        let (u, r) = (user(user_name), role(role_name));
        s.add(
            "sys_user_has_role",
            &format!("{user_name}/{role_name}"),
            &[("user", u.as_str()), ("role", r.as_str())],
        );
    }

    // Groups: the two recorded rows exactly as recorded, then the guide's and the decoys.
    s.add(
        "sys_user_group",
        "Analytics Settings Managers",
        &[
            ("sys_id", ANALYTICS_GROUP_ID),
            ("name", "Analytics Settings Managers"),
            (
                "description",
                "\n\t\tGroup for all people who have the Analytics Admin role\n\t",
            ),
            ("sys_created_on", "2020-03-17 11:39:14"),
            ("sys_updated_on", "2020-03-17 11:39:14"),
        ],
    );
    s.add(
        "sys_user_group",
        "Application Development",
        &[
            ("sys_id", APP_DEV_GROUP_ID),
            ("name", "Application Development"),
            ("description", "Team Develops ITSM Applications in London"),
            ("manager", APP_DEV_MANAGER_ID),
            ("sys_created_on", "2023-10-09 16:42:02"),
            ("sys_updated_on", "2023-10-09 16:42:02"),
            ("sys_mod_count", "1"),
        ],
    );
    let beth = user("beth.anglin");
    let groups: [(&str, &str, &str); 6] = [
        (
            "Consumer Service Support",
            "Consumer service agents who take over conversations from the bot",
            "",
        ),
        (
            "Customer Service Support",
            "Customer service agents (Customer Service Management)",
            "",
        ),
        ("Service Desk", "Service desk agents", beth.as_str()),
        ("Network", "Network administrators", ""),
        ("Database", "Database administrators", ""),
        ("Ops ^ Escalation", "Operations escalation", ""),
    ];
    for (name, description, manager) in groups {
        s.add(
            "sys_user_group",
            name,
            &[
                ("name", name),
                ("description", description),
                ("manager", manager),
            ],
        );
    }
    let group = |name: &str| id("sys_user_group", name);

    // Group roles.
    let agent_roles = ["awa_agent", "agent_workspace_user"];
    for role_name in agent_roles {
        let (g, r) = (group("Customer Service Support"), role(role_name));
        s.add(
            "sys_group_has_role",
            &format!("Customer Service Support/{role_name}"),
            &[("group", g.as_str()), ("role", r.as_str())],
        );
    }
    if configured {
        for role_name in agent_roles {
            let (g, r) = (group("Consumer Service Support"), role(role_name));
            s.add_by_guide(
                "sys_group_has_role",
                &format!("Consumer Service Support/{role_name}"),
                &[("group", g.as_str()), ("role", r.as_str())],
            );
        }
    }

    // Group members.
    for (group_name, user_name) in [
        ("Customer Service Support", "abel.tuter"),
        ("Customer Service Support", "david.loo"),
        ("Service Desk", "beth.anglin"),
    ] {
        let (g, u) = (group(group_name), user(user_name));
        s.add(
            "sys_user_grmember",
            &format!("{group_name}/{user_name}"),
            &[("group", g.as_str()), ("user", u.as_str())],
        );
    }
    if configured {
        let (g, u) = (group("Consumer Service Support"), user("abel.tuter"));
        s.add_by_guide(
            "sys_user_grmember",
            "Consumer Service Support/abel.tuter",
            &[("group", g.as_str()), ("user", u.as_str())],
        );
    }

    // REST messages and their HTTP methods.
    let endpoint = if configured {
        CONFIGURED_WEBHOOK_URL
    } else {
        PLACEHOLDER_ENDPOINT
    };
    let message_fields = with(
        &[
            ("name", "VABot to Bot"),
            ("rest_endpoint", endpoint),
            (
                "description",
                "Sends Virtual Agent responses to the external bot",
            ),
        ],
        touched,
    );
    s.add("sys_rest_message", "VABot to Bot", &message_fields);
    s.add(
        "sys_rest_message",
        "Yahoo Finance",
        &[
            ("name", "Yahoo Finance"),
            ("rest_endpoint", "https://query1.finance.yahoo.com"),
            ("description", "Stock quotes (example)"),
        ],
    );
    s.add(
        "sys_rest_message",
        "VA Bot to Bot Test Harness",
        &[
            ("name", "VA Bot to Bot Test Harness"),
            ("rest_endpoint", "https://b2b-harness.example.com/echo"),
            (
                "description",
                "Echo endpoint for testing bot-to-bot payloads",
            ),
        ],
    );
    if options.duplicate_message {
        s.add(
            "sys_rest_message",
            "VABot to Bot#2",
            &[
                ("name", "VABot to Bot"),
                ("rest_endpoint", PLACEHOLDER_ENDPOINT),
                ("description", "Copy of VABot to Bot"),
            ],
        );
    }
    let message = |key: &str| id("sys_rest_message", key);
    let vabot = message("VABot to Bot");
    let post_fields = with(
        &[
            ("rest_message", vabot.as_str()),
            ("function_name", "postMessage"),
            ("http_method", "post"),
            ("rest_endpoint", endpoint),
            ("content", "${payload}"),
        ],
        touched,
    );
    s.add(
        "sys_rest_message_fn",
        "VABot to Bot/postMessage",
        &post_fields,
    );
    s.add(
        "sys_rest_message_fn",
        "VABot to Bot/getStatus",
        &[
            ("rest_message", vabot.as_str()),
            ("function_name", "getStatus"),
            ("http_method", "get"),
            (
                "rest_endpoint",
                "http://<customer instance>/demo/rest/service/nowbot/status",
            ),
        ],
    );
    let yahoo = message("Yahoo Finance");
    s.add(
        "sys_rest_message_fn",
        "Yahoo Finance/postMessage",
        &[
            ("rest_message", yahoo.as_str()),
            ("function_name", "postMessage"),
            ("http_method", "POST"),
            (
                "rest_endpoint",
                "https://query1.finance.yahoo.com/v1/finance/post",
            ),
            ("content", "{\"symbol\": \"${symbol}\"}"),
        ],
    );
    s.add(
        "sys_rest_message_fn",
        "Yahoo Finance/get",
        &[
            ("rest_message", yahoo.as_str()),
            ("function_name", "get"),
            ("http_method", "get"),
            (
                "rest_endpoint",
                "https://query1.finance.yahoo.com/v7/finance/quote?symbols=${symbol}",
            ),
        ],
    );
    let harness = message("VA Bot to Bot Test Harness");
    s.add(
        "sys_rest_message_fn",
        "VA Bot to Bot Test Harness/postMessage",
        &[
            ("rest_message", harness.as_str()),
            ("function_name", "postMessage"),
            ("http_method", "post"),
            ("rest_endpoint", "https://b2b-harness.example.com/echo"),
            ("content", "${payload}"),
        ],
    );
    if options.duplicate_message {
        let copy = message("VABot to Bot#2");
        s.add(
            "sys_rest_message_fn",
            "VABot to Bot#2/postMessage",
            &[
                ("rest_message", copy.as_str()),
                ("function_name", "postMessage"),
                ("http_method", "post"),
                ("rest_endpoint", PLACEHOLDER_ENDPOINT),
                ("content", "${payload}"),
            ],
        );
    }

    // Advanced Work Assignment: service channels, and presence states listing the channels
    // they apply to (Available lists Chat unless broken).
    for name in ["Chat", "Case"] {
        s.add(
            "awa_service_channel",
            name,
            &[("name", name), ("active", "true")],
        );
    }
    let channels = |names: &[&str]| {
        names
            .iter()
            .map(|n| id("awa_service_channel", n))
            .collect::<Vec<_>>()
            .join(",")
    };
    let available_channels = if broken(Fault::AvailableWithoutChat) {
        channels(&["Case"])
    } else {
        channels(&["Chat", "Case"])
    };
    let all_channels = channels(&["Chat", "Case"]);
    for (name, available, listed) in [
        ("Available", "true", available_channels.as_str()),
        ("Away", "false", all_channels.as_str()),
        ("Offline", "false", all_channels.as_str()),
    ] {
        s.add(
            "awa_presence_state",
            name,
            &[
                ("name", name),
                ("available", available),
                ("service_channels", listed),
            ],
        );
    }
    let presence = |name: &str| id("awa_presence_state", name);
    let abel_state = presence(if configured { "Available" } else { "Offline" });
    let (abel, david) = (user("abel.tuter"), user("david.loo"));
    let away = presence("Away");
    let abel_presence = with(
        &[
            ("agent", abel.as_str()),
            ("current_presence_state", abel_state.as_str()),
        ],
        touched,
    );
    s.add("awa_agent_presence", "abel.tuter", &abel_presence);
    s.add(
        "awa_agent_presence",
        "david.loo",
        &[
            ("agent", david.as_str()),
            ("current_presence_state", away.as_str()),
        ],
    );
    let chat = id("awa_service_channel", "Chat");
    // One row per agent, channel and presence state: AWA offers a chat only where the row of
    // the agent's current state says available.
    let elsewhere = broken(Fault::ChatOnInAnotherState) || broken(Fault::ChatNotAvailable);
    let abel_chat = if configured && !elsewhere {
        "true"
    } else {
        "false"
    };
    let abel_channel = with(
        &[
            ("agent", abel.as_str()),
            ("service_channel", chat.as_str()),
            ("presence_state", abel_state.as_str()),
            ("available", abel_chat),
        ],
        touched,
    );
    s.add(
        "awa_agent_channel_availability",
        "abel.tuter/Chat",
        &abel_channel,
    );
    if elsewhere {
        s.add(
            "awa_agent_channel_availability",
            "abel.tuter/Chat/Away",
            &[
                ("agent", abel.as_str()),
                ("service_channel", chat.as_str()),
                ("presence_state", away.as_str()),
                ("available", "true"),
            ],
        );
    }
    s.add(
        "awa_agent_channel_availability",
        "david.loo/Chat",
        &[
            ("agent", david.as_str()),
            ("service_channel", chat.as_str()),
            ("presence_state", away.as_str()),
            ("available", "false"),
        ],
    );

    // The "Agent Presence & Capacity" view: each agent's Chat workload against their capacity.
    let load = if broken(Fault::NoCapacity) { "1" } else { "0" };
    for (agent, state, load) in [(&abel, &abel_state, load), (&david, &away, "0")] {
        s.add(
            "awa_agent_presence_capacity",
            agent,
            &[
                ("ap_agent", agent.as_str()),
                ("ap_current_presence_state", state.as_str()),
                ("ac_channel", chat.as_str()),
                ("ac_workload", load),
                ("ac_applied_max_capacity", "1"),
            ],
        );
    }

    // Beyond the guide: Advanced Work Assignment queues for chats, and (in `configured`, where
    // the Virtual Agent API is installed) the records the application brings.
    awa_queues(&mut s, configured, faults);
    if !replies_through_connection(&va_version) {
        s.db.remove_table("sn_va_as_service_outbound_configuration");
    }
    if configured {
        va_api_records(s.db, true, faults);
    }

    // The OAuth app an admin registers for sn-handoff (System OAuth → Application Registry →
    // "Create an OAuth API endpoint for external clients"), with the redirect URL of the
    // browser login's default port. Its client secret is set at each start.
    let redirect = crate::oauth::DEFAULT_REDIRECT_URL;
    s.add(
        "oauth_entity",
        OAUTH_APP,
        &[
            ("name", OAUTH_APP),
            ("client_id", &id("oauth_entity", "client_id")),
            ("redirect_url", redirect),
            ("pkce_required", "true"),
            // The field's default on a new app: 100 days.
            ("refresh_token_lifespan", "8640000"),
        ],
    );
}

/// The work item queues of the Chat channel with their eligibility pools: the CSM demo
/// queue of "Customer Service Support", decoys (an inactive Chat queue and a Case queue that
/// name the guide's group), and in `configured` the guide's group's own Chat queue.
fn awa_queues(s: &mut Seeder<'_>, configured: bool, faults: &[Fault]) {
    let channel = |name: &str| id("awa_service_channel", name);
    let group = |name: &str| id("sys_user_group", name);
    let (consumer, customer) = (
        group("Consumer Service Support"),
        group("Customer Service Support"),
    );
    let both = format!("{consumer},{customer}");
    let service_desk = group("Service Desk");
    let rule = s.add(
        "awa_assignment_rule",
        "Chat Assignment Rule",
        &[("name", "Chat Assignment Rule"), ("active", "true")],
    );
    let no_queue = faults.contains(&Fault::NoQueue);
    let chat_id = channel("Chat");
    let mut queues: Vec<(&str, String, &str, &str, String)> = vec![
        (
            "Customer Service Chat",
            channel("Chat"),
            "true",
            "200",
            customer.clone(),
        ),
        (
            "Consumer Chat (old)",
            channel("Chat"),
            "false",
            "50",
            consumer.clone(),
        ),
        ("Case Work", channel("Case"), "true", "100", both),
    ];
    if configured {
        let groups = if faults.contains(&Fault::NoRoutingQueue) {
            service_desk
        } else {
            consumer
        };
        queues.push((
            "Consumer Service Chat",
            channel("Chat"),
            "true",
            "100",
            groups,
        ));
    }
    for (name, service_channel, active, order, groups) in queues {
        let active = if no_queue && service_channel == chat_id {
            "false"
        } else {
            active
        };
        let queue = s.add(
            "awa_queue",
            name,
            &[
                ("name", name),
                ("service_channel", &service_channel),
                ("active", active),
                ("order", order),
            ],
        );
        let rule = if name == "Consumer Service Chat" && faults.contains(&Fault::NoAssignmentRule) {
            ""
        } else {
            rule.as_str()
        };
        s.add(
            "awa_eligibility_pool",
            name,
            &[
                ("queue", &queue),
                ("groups", &groups),
                ("assignment_rule", rule),
            ],
        );
    }
}

/// The records the Virtual Agent API application brings (configure-virtual-agent-api.md): the
/// "VA Bot to Bot Provider" and its provider application, the "Bot to Bot" channel, and on 4.1
/// and later (when the outbound configuration table exists) the outbound configuration with
/// its "Bot Connection"; plus look-alikes of another provider. `configured` adds what an admin
/// sets up: a message auth with a static token (its value is set at each start), and the
/// Kore.ai webhook URL on the connection. An install through the CI/CD API calls this too,
/// when the provider is not there yet.
pub(crate) fn va_api_records(db: &mut Db, configured: bool, faults: &[Fault]) {
    if db.find("sys_cs_provider", "name", PROVIDER).is_some() {
        return;
    }
    let mut s = Seeder { db };
    let linking = if faults.contains(&Fault::LinkingOff) {
        "false"
    } else {
        "true"
    };
    let provider = s.add(
        "sys_cs_provider",
        PROVIDER,
        &[
            ("name", PROVIDER),
            ("automatic_link_enabled", linking),
            ("link_account_enabled", linking),
            (
                "automatic_link_action",
                "sn_va_as_service.virtual_agent__bot_to_bot_auto_link_account",
            ),
        ],
    );
    let teams = s.add(
        "sys_cs_provider",
        "VA Teams Adapter Provider",
        &[("name", "VA Teams Adapter Provider")],
    );
    let message_auth = if configured && !faults.contains(&Fault::NoMessageAuth) {
        let token = s.add(
            "token_verification",
            MESSAGE_TOKEN,
            &[
                ("name", MESSAGE_TOKEN),
                ("description", "B2B Testing application Auth Token"),
            ],
        );
        s.add(
            "message_auth",
            "B2B Auth token",
            &[
                ("name", "B2B Auth token"),
                ("provider", &provider),
                ("inbound_message_verification", &token),
            ],
        )
    } else {
        String::new()
    };
    let application = s.add(
        "sys_cs_provider_application",
        PROVIDER_APPLICATION,
        &[
            ("name", PROVIDER_APPLICATION),
            ("provider", &provider),
            ("inbound_id", "b2b"),
            ("message_auth", &message_auth),
        ],
    );
    s.add(
        "sys_cs_provider_application",
        "IT Service Desk (Teams)",
        &[
            ("name", "IT Service Desk (Teams)"),
            ("provider", &teams),
            ("inbound_id", "teams-1"),
        ],
    );
    for (name, kind) in [(CHANNEL, "bot_to_bot"), ("Alexa", "voice")] {
        let channel = s.add("sys_cs_channel", name, &[("name", name), ("type", kind)]);
        // Alexa's own properties, and (when broken) Bot to Bot's disable_live_agent.
        let disabled = name == "Alexa" || faults.contains(&Fault::ChannelDisablesLiveAgent);
        if disabled {
            s.add(
                "sys_cs_custom_adapter_property",
                &format!("{name}/disable_live_agent"),
                &[
                    ("name", "disable_live_agent"),
                    ("value", "true"),
                    ("channel", &channel),
                ],
            );
        }
    }
    if s.db
        .table("sn_va_as_service_outbound_configuration")
        .is_none()
    {
        return;
    }
    let url = if configured && !faults.contains(&Fault::StaleReplyUrl) {
        CONFIGURED_WEBHOOK_URL
    } else {
        PLACEHOLDER_ENDPOINT
    };
    let alias = s.add(
        "sys_alias",
        "VA Bot to Bot Connection",
        &[("name", "VA Bot to Bot Connection")],
    );
    s.add(
        "http_connection",
        CONNECTION,
        &[
            ("name", CONNECTION),
            ("connection_alias", &alias),
            ("connection_url", url),
        ],
    );
    s.add(
        "sn_va_as_service_outbound_configuration",
        PROVIDER_APPLICATION,
        &[
            ("provider_application", &application),
            ("rest_connection", &alias),
        ],
    );
    // Another integration's connection of the same name, under its own alias.
    let other = s.add(
        "sys_alias",
        "Teams Connection",
        &[("name", "Teams Connection")],
    );
    s.add(
        "http_connection",
        "Teams/Bot Connection",
        &[
            ("name", CONNECTION),
            ("connection_alias", &other),
            (
                "connection_url",
                "https://teams-bot.example.com/api/messages",
            ),
        ],
    );
}
