//! The records a simulated instance starts with: a new personal developer instance at the start
//! of the Kore.ai handoff guide (`fresh`), or the same instance after the guide was followed
//! (`configured`), with decoys that catch sloppy queries. Seed sys_ids are stable hashes, so
//! they are the same on every start.

use super::state::{stable_sys_id, Db};
use super::va_tables::{CHANNEL, CONNECTION, EXCLUDE_PROPERTY, PROVIDER, PROVIDER_APPLICATION};
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

/// What the seed depends on, worked out once from the options.
struct Plan<'a> {
    /// The instance after the guide was followed.
    configured: bool,
    /// The fields of a row the guide changed once (none when not `configured`).
    touched: &'static [(&'static str, &'static str)],
    /// What is broken beyond the guide.
    faults: &'a [Fault],
    /// The Virtual Agent API version installed (`configured`) or offered by the Store.
    va_version: String,
    /// The release the instance claims.
    release: Release,
    /// Add a second "VABot to Bot" REST message.
    duplicate_message: bool,
}

impl<'a> Plan<'a> {
    fn new(options: &'a SeedOptions) -> Self {
        let faults = options.faults.as_slice();
        let va_version = match &options.va_api_version {
            Some(v) => v.clone(),
            None if faults.contains(&Fault::StaleReplyUrl)
                && !replies_through_connection(options.release.va_api_version()) =>
            {
                "4.1.2".to_string()
            }
            None => options.release.va_api_version().to_string(),
        };
        Plan {
            configured: options.configured,
            touched: if options.configured {
                &CHANGED_BY_GUIDE
            } else {
                &[]
            },
            faults,
            va_version,
            release: options.release,
            duplicate_message: options.duplicate_message,
        }
    }

    /// Whether `fault` is one of the instance's.
    fn broken(&self, fault: Fault) -> bool {
        self.faults.contains(&fault)
    }

    /// The endpoint of the "VABot to Bot" REST message and its postMessage.
    fn endpoint(&self) -> &'static str {
        if self.configured {
            CONFIGURED_WEBHOOK_URL
        } else {
            PLACEHOLDER_ENDPOINT
        }
    }
}

/// The sys_id of a seeded user (Bushra Akhtar has her recorded one).
fn user(user_name: &str) -> String {
    if user_name == "bushra.akhtar" {
        APP_DEV_MANAGER_ID.to_string()
    } else {
        id("sys_user", user_name)
    }
}

/// The sys_id of a seeded role.
fn role(name: &str) -> String {
    id("sys_user_role", name)
}

/// The sys_id of a seeded group.
fn group(name: &str) -> String {
    id("sys_user_group", name)
}

/// The sys_ids of the named AWA service channels, comma-separated.
fn channels(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| id("awa_service_channel", n))
        .collect::<Vec<_>>()
        .join(",")
}

/// The sys_id of a seeded AWA presence state.
fn presence(name: &str) -> String {
    id("awa_presence_state", name)
}

/// Fill `db` (empty) with the instance's records.
pub(crate) fn seed(db: &mut Db, options: SeedOptions) {
    let plan = Plan::new(&options);
    let mut s = Seeder { db };
    s.system_properties(&plan);
    s.plugins(&plan);
    s.store_apps(&plan);
    s.users(&plan);
    s.roles();
    s.groups();
    s.group_roles(&plan);
    s.group_members(&plan);
    s.rest_messages(&plan);
    s.rest_message_functions(&plan);
    s.awa_channels_and_presence(&plan);
    s.awa_agent_availability(&plan);
    s.awa_agent_capacity(&plan);

    // Beyond the guide: Advanced Work Assignment queues for chats, and (in `configured`, where
    // the Virtual Agent API is installed) the records the application brings.
    awa_queues(&mut s, plan.configured, plan.faults);
    if !replies_through_connection(&plan.va_version) {
        s.db.remove_table("sn_va_as_service_outbound_configuration");
    }
    if plan.configured {
        va_api_records(s.db, true, plan.faults);
    }
    s.oauth_app();
}

/// The system properties: name, value, type and description.
fn system_properties<'a>(plan: &Plan<'_>, war: &'a str) -> [[&'a str; 4]; 11] {
    // The channels the base system excludes from live agents (the example of ServiceNow's
    // "Enable synchronous support in Virtual Agent API" page, before Bot to Bot is added).
    let excluded = if plan.broken(Fault::ChannelExcluded) {
        "Alexa,Google Assistant,Bot to Bot"
    } else {
        "Alexa,Google Assistant"
    };
    let awa_enabled = if plan.broken(Fault::AwaDisabled) {
        "false"
    } else {
        "true"
    };
    let release = plan.release;
    [
        [
            "glide.buildname",
            release.build_name(),
            "string",
            "Build name",
        ],
        ["glide.buildtag", release.build_tag(), "string", "Build tag"],
        ["glide.war", war, "string", "Deployed WAR file"],
        [
            "glide.awa.enabled",
            awa_enabled,
            "boolean",
            "Enable Advanced Work Assignment",
        ],
        [
            "glide.invalid_query.returns_no_rows",
            "false",
            "boolean",
            "Return no rows for a query with an invalid field (instead of ignoring the condition)",
        ],
        [
            "glide.product.description",
            "ServiceNow",
            "string",
            "Product description",
        ],
        [
            "glide.sys.date_format",
            "yyyy-MM-dd",
            "string",
            "Date format",
        ],
        [
            "glide.security.diag_txns_acl",
            "false",
            "boolean",
            "Require a role for stats.do",
        ],
        [
            "glide.oauth.state.parameter.required",
            "true",
            "boolean",
            "Require the state parameter in OAuth authorization requests",
        ],
        [
            EXCLUDE_PROPERTY,
            excluded,
            "string",
            "Channels whose conversations are not routed to live agents",
        ],
        [
            "glide.ui.polaris.experience",
            "true",
            "boolean",
            "Next Experience UI",
        ],
    ]
}

/// The plugins of the guide: id, name and version.
const GUIDE_PLUGINS: [(&str, &str, &str); 4] = [
    ("com.glide.awa", "Advanced Work Assignment", "3.2.1"),
    (
        "com.sn_customerservice",
        "Customer Service Management",
        "10.4.2",
    ),
    ("com.glide.cs.chatbot", "Glide Virtual Agent", "9.0.4"),
    ("com.glide.interaction.awa", "Agent Chat", "2.1.0"),
];

/// Decoy plugins, always active: id, name and version.
const DECOY_PLUGINS: [(&str, &str, &str); 3] = [
    ("com.snc.sla", "Service Level Management", "1.0.0"),
    ("com.glide.hub.action_step.rest", "REST step", "1.3.0"),
    ("com.snc.change_management", "Change Management", "2.4.1"),
];

impl Seeder<'_> {
    /// System properties.
    fn system_properties(&mut self, plan: &Plan<'_>) {
        let war = plan.release.war();
        for [name, value, kind, description] in system_properties(plan, &war) {
            self.add(
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
    }

    /// Plugins: the four of the guide, then decoys that are always active; `sys_plugins`
    /// lists only the active ones.
    fn plugins(&mut self, plan: &Plan<'_>) {
        let guide_state = if plan.configured {
            "active"
        } else {
            "inactive"
        };
        let agent_chat_off = |plugin: &str| {
            plugin == "com.glide.interaction.awa" && plan.broken(Fault::AgentChatInactive)
        };
        for (plugin, name, version) in GUIDE_PLUGINS {
            let state = if agent_chat_off(plugin) {
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
                plan.touched,
            );
            self.add("v_plugin", plugin, &fields);
        }
        for (plugin, name, version) in DECOY_PLUGINS {
            self.add(
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
        let active = DECOY_PLUGINS.iter().chain(
            GUIDE_PLUGINS
                .iter()
                .filter(|(plugin, _, _)| plan.configured && !agent_chat_off(plugin)),
        );
        for (plugin, name, version) in active {
            self.add(
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
    }

    /// Store applications: installed, and available.
    fn store_apps(&mut self, plan: &Plan<'_>) {
        self.add(
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
            (
                "sn_va_as_service",
                "Virtual Agent API",
                plan.va_version.as_str(),
            ),
        ];
        if plan.configured {
            for (scope, name, version) in store_apps {
                self.add_by_guide(
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
            self.add(
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
    }

    /// Users (and, when broken, a second user with Abel Tuter's email).
    fn users(&mut self, plan: &Plan<'_>) {
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
            self.add("sys_user", user_name, &fields);
        }
        if plan.broken(Fault::DuplicateEmail) {
            self.add(
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
    }

    /// Roles, and the users that have them.
    fn roles(&mut self) {
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
            self.add(
                "sys_user_role",
                name,
                &[("name", name), ("description", description)],
            );
        }
        for (user_name, role_name) in [
            ("admin", "admin"),
            ("beth.anglin", "itil"),
            ("abel.tuter", "itil"),
        ] {
            let (u, r) = (user(user_name), role(role_name));
            self.add(
                "sys_user_has_role",
                &format!("{user_name}/{role_name}"),
                &[("user", u.as_str()), ("role", r.as_str())],
            );
        }
    }

    /// Groups: the two recorded rows exactly as recorded, then the guide's and the decoys.
    fn groups(&mut self) {
        self.add(
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
        self.add(
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
            self.add(
                "sys_user_group",
                name,
                &[
                    ("name", name),
                    ("description", description),
                    ("manager", manager),
                ],
            );
        }
    }

    /// Group roles.
    fn group_roles(&mut self, plan: &Plan<'_>) {
        let agent_roles = ["awa_agent", "agent_workspace_user"];
        for role_name in agent_roles {
            let (g, r) = (group("Customer Service Support"), role(role_name));
            self.add(
                "sys_group_has_role",
                &format!("Customer Service Support/{role_name}"),
                &[("group", g.as_str()), ("role", r.as_str())],
            );
        }
        if plan.configured {
            for role_name in agent_roles {
                let (g, r) = (group("Consumer Service Support"), role(role_name));
                self.add_by_guide(
                    "sys_group_has_role",
                    &format!("Consumer Service Support/{role_name}"),
                    &[("group", g.as_str()), ("role", r.as_str())],
                );
            }
        }
    }

    /// Group members.
    fn group_members(&mut self, plan: &Plan<'_>) {
        for (group_name, user_name) in [
            ("Customer Service Support", "abel.tuter"),
            ("Customer Service Support", "david.loo"),
            ("Service Desk", "beth.anglin"),
        ] {
            let (g, u) = (group(group_name), user(user_name));
            self.add(
                "sys_user_grmember",
                &format!("{group_name}/{user_name}"),
                &[("group", g.as_str()), ("user", u.as_str())],
            );
        }
        if plan.configured {
            let (g, u) = (group("Consumer Service Support"), user("abel.tuter"));
            self.add_by_guide(
                "sys_user_grmember",
                "Consumer Service Support/abel.tuter",
                &[("group", g.as_str()), ("user", u.as_str())],
            );
        }
    }

    /// REST messages: the guide's, decoys, and (when asked) a second "VABot to Bot".
    fn rest_messages(&mut self, plan: &Plan<'_>) {
        let message_fields = with(
            &[
                ("name", "VABot to Bot"),
                ("rest_endpoint", plan.endpoint()),
                (
                    "description",
                    "Sends Virtual Agent responses to the external bot",
                ),
            ],
            plan.touched,
        );
        self.add("sys_rest_message", "VABot to Bot", &message_fields);
        self.add(
            "sys_rest_message",
            "Yahoo Finance",
            &[
                ("name", "Yahoo Finance"),
                ("rest_endpoint", "https://query1.finance.yahoo.com"),
                ("description", "Stock quotes (example)"),
            ],
        );
        self.add(
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
        if plan.duplicate_message {
            self.add(
                "sys_rest_message",
                "VABot to Bot#2",
                &[
                    ("name", "VABot to Bot"),
                    ("rest_endpoint", PLACEHOLDER_ENDPOINT),
                    ("description", "Copy of VABot to Bot"),
                ],
            );
        }
    }

    /// The HTTP methods of the REST messages.
    fn rest_message_functions(&mut self, plan: &Plan<'_>) {
        let message = |key: &str| id("sys_rest_message", key);
        let vabot = message("VABot to Bot");
        let post_fields = with(
            &[
                ("rest_message", vabot.as_str()),
                ("function_name", "postMessage"),
                ("http_method", "post"),
                ("rest_endpoint", plan.endpoint()),
                ("content", "${payload}"),
            ],
            plan.touched,
        );
        self.add(
            "sys_rest_message_fn",
            "VABot to Bot/postMessage",
            &post_fields,
        );
        self.add(
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
        self.decoy_rest_message_functions();
        if plan.duplicate_message {
            let copy = message("VABot to Bot#2");
            self.add(
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
    }

    /// The HTTP methods of the decoy REST messages.
    fn decoy_rest_message_functions(&mut self) {
        let yahoo = id("sys_rest_message", "Yahoo Finance");
        self.add(
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
        self.add(
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
        let harness = id("sys_rest_message", "VA Bot to Bot Test Harness");
        self.add(
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
    }

    /// Advanced Work Assignment: service channels, presence states listing the channels they
    /// apply to (Available lists Chat unless broken), and each agent's presence.
    fn awa_channels_and_presence(&mut self, plan: &Plan<'_>) {
        for name in ["Chat", "Case"] {
            self.add(
                "awa_service_channel",
                name,
                &[("name", name), ("active", "true")],
            );
        }
        let available_channels = if plan.broken(Fault::AvailableWithoutChat) {
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
            self.add(
                "awa_presence_state",
                name,
                &[
                    ("name", name),
                    ("available", available),
                    ("service_channels", listed),
                ],
            );
        }
        let (abel, david) = (user("abel.tuter"), user("david.loo"));
        let abel_state = abel_state(plan);
        let abel_presence = with(
            &[
                ("agent", abel.as_str()),
                ("current_presence_state", abel_state.as_str()),
            ],
            plan.touched,
        );
        self.add("awa_agent_presence", "abel.tuter", &abel_presence);
        let away = presence("Away");
        self.add(
            "awa_agent_presence",
            "david.loo",
            &[
                ("agent", david.as_str()),
                ("current_presence_state", away.as_str()),
            ],
        );
    }

    /// One row per agent, channel and presence state: AWA offers a chat only where the row of
    /// the agent's current state says available.
    fn awa_agent_availability(&mut self, plan: &Plan<'_>) {
        let (abel, david) = (user("abel.tuter"), user("david.loo"));
        let (abel_state, away) = (abel_state(plan), presence("Away"));
        let chat = id("awa_service_channel", "Chat");
        let elsewhere =
            plan.broken(Fault::ChatOnInAnotherState) || plan.broken(Fault::ChatNotAvailable);
        let abel_chat = if plan.configured && !elsewhere {
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
            plan.touched,
        );
        self.add(
            "awa_agent_channel_availability",
            "abel.tuter/Chat",
            &abel_channel,
        );
        if elsewhere {
            self.add(
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
        self.add(
            "awa_agent_channel_availability",
            "david.loo/Chat",
            &[
                ("agent", david.as_str()),
                ("service_channel", chat.as_str()),
                ("presence_state", away.as_str()),
                ("available", "false"),
            ],
        );
    }

    /// The "Agent Presence & Capacity" view: each agent's Chat workload against their capacity.
    fn awa_agent_capacity(&mut self, plan: &Plan<'_>) {
        let (abel, david) = (user("abel.tuter"), user("david.loo"));
        let (abel_state, away) = (abel_state(plan), presence("Away"));
        let chat = id("awa_service_channel", "Chat");
        let load = if plan.broken(Fault::NoCapacity) {
            "1"
        } else {
            "0"
        };
        for (agent, state, load) in [(&abel, &abel_state, load), (&david, &away, "0")] {
            self.add(
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
    }

    /// The OAuth app an admin registers for sn-handoff (System OAuth → Application Registry →
    /// "Create an OAuth API endpoint for external clients"), with the redirect URL of the
    /// browser login's default port. Its client secret is set at each start.
    fn oauth_app(&mut self) {
        let redirect = crate::oauth::DEFAULT_REDIRECT_URL;
        self.add(
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
}

/// The presence state of Abel Tuter, the guide's agent: Available once the guide was followed.
fn abel_state(plan: &Plan<'_>) -> String {
    presence(if plan.configured {
        "Available"
    } else {
        "Offline"
    })
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
    let application = s.va_providers(configured, faults);
    s.va_channels(faults);
    if s.db
        .table("sn_va_as_service_outbound_configuration")
        .is_some()
    {
        s.va_outbound(&application, configured, faults);
    }
}

impl Seeder<'_> {
    /// The providers and their applications (the Virtual Agent API's, and a Teams look-alike);
    /// returns the sys_id of the provider application.
    fn va_providers(&mut self, configured: bool, faults: &[Fault]) -> String {
        let linking = if faults.contains(&Fault::LinkingOff) {
            "false"
        } else {
            "true"
        };
        let provider = self.add(
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
        let teams = self.add(
            "sys_cs_provider",
            "VA Teams Adapter Provider",
            &[("name", "VA Teams Adapter Provider")],
        );
        let message_auth = if configured && !faults.contains(&Fault::NoMessageAuth) {
            self.message_auth(&provider)
        } else {
            String::new()
        };
        let application = self.add(
            "sys_cs_provider_application",
            PROVIDER_APPLICATION,
            &[
                ("name", PROVIDER_APPLICATION),
                ("provider", &provider),
                ("inbound_id", "b2b"),
                ("message_auth", &message_auth),
            ],
        );
        self.add(
            "sys_cs_provider_application",
            "IT Service Desk (Teams)",
            &[
                ("name", "IT Service Desk (Teams)"),
                ("provider", &teams),
                ("inbound_id", "teams-1"),
            ],
        );
        application
    }

    /// The message auth of `provider` with its static token; returns its sys_id.
    fn message_auth(&mut self, provider: &str) -> String {
        let token = self.add(
            "token_verification",
            MESSAGE_TOKEN,
            &[
                ("name", MESSAGE_TOKEN),
                ("description", "B2B Testing application Auth Token"),
            ],
        );
        self.add(
            "message_auth",
            "B2B Auth token",
            &[
                ("name", "B2B Auth token"),
                ("provider", provider),
                ("inbound_message_verification", &token),
            ],
        )
    }

    /// The "Bot to Bot" channel and Alexa's, with their properties.
    fn va_channels(&mut self, faults: &[Fault]) {
        for (name, kind) in [(CHANNEL, "bot_to_bot"), ("Alexa", "voice")] {
            let channel = self.add("sys_cs_channel", name, &[("name", name), ("type", kind)]);
            // Alexa's own properties, and (when broken) Bot to Bot's disable_live_agent.
            let disabled = name == "Alexa" || faults.contains(&Fault::ChannelDisablesLiveAgent);
            if disabled {
                self.add(
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
    }

    /// The outbound configuration of the provider `application` with its "Bot Connection", and
    /// another integration's connection of the same name, under its own alias.
    fn va_outbound(&mut self, application: &str, configured: bool, faults: &[Fault]) {
        let url = if configured && !faults.contains(&Fault::StaleReplyUrl) {
            CONFIGURED_WEBHOOK_URL
        } else {
            PLACEHOLDER_ENDPOINT
        };
        let alias = self.add(
            "sys_alias",
            "VA Bot to Bot Connection",
            &[("name", "VA Bot to Bot Connection")],
        );
        self.add(
            "http_connection",
            CONNECTION,
            &[
                ("name", CONNECTION),
                ("connection_alias", &alias),
                ("connection_url", url),
            ],
        );
        self.add(
            "sn_va_as_service_outbound_configuration",
            PROVIDER_APPLICATION,
            &[
                ("provider_application", application),
                ("rest_connection", &alias),
            ],
        );
        let other = self.add(
            "sys_alias",
            "Teams Connection",
            &[("name", "Teams Connection")],
        );
        self.add(
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
}
