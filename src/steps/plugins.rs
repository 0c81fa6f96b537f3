//! Step 3, the five plugins of the guide. Three are plugins, read from `v_plugin` (which lists
//! inactive plugins too; its `active` column reads `active`/`inactive`, and some clients report
//! `true`/`false`: both are accepted). Two are Store applications, read from `sys_store_app`
//! by scope (a row with `active=true` means installed). Both queries run at once.

use serde_json::{json, Value};

use super::{StepId, StepReport};
use crate::servicenow::{field, ApiError, Client, Query, Row};

/// How a component is installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A platform plugin (`v_plugin`, CI/CD plugin activation).
    Plugin,
    /// A Store application (`sys_store_app`, by scope).
    StoreApp,
}

/// One of the five.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PluginDef {
    /// Plugin id or application scope.
    pub id: &'static str,
    /// The guide's name.
    pub name: &'static str,
    /// Plugin or Store application.
    pub kind: Kind,
}

/// The five, in the guide's order. Sources: ServiceNow's docs ("Installed with Virtual Agent"
/// names `com.glide.cs.chatbot`; the Virtual Agent Bot Integration API "operates in the
/// `sn_va_as_service` namespace"; release notes list "Omni-Experience Standard Feature Set
/// [sn-oe-sfs]"; the AWA docs name `com.glide.awa`).
pub const PLUGINS: [PluginDef; 5] = [
    PluginDef {
        id: "sn_oe_sfs",
        name: "Omni-experience Standard Feature Set",
        kind: Kind::StoreApp,
    },
    PluginDef {
        id: "com.glide.awa",
        name: "Advanced Work Assignment",
        kind: Kind::Plugin,
    },
    PluginDef {
        id: "com.sn_customerservice",
        name: "Customer Service Management",
        kind: Kind::Plugin,
    },
    PluginDef {
        id: "com.glide.cs.chatbot",
        name: "Glide Virtual Agent",
        kind: Kind::Plugin,
    },
    PluginDef {
        id: "sn_va_as_service",
        name: "Virtual Agent API",
        kind: Kind::StoreApp,
    },
];

/// The state of one of the five on the instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginState {
    /// Which one.
    pub def: PluginDef,
    /// Active (plugin) or installed and active (Store application).
    pub active: bool,
    /// The version, when known.
    pub version: Option<String>,
}

/// Whether a `v_plugin.active` value means active.
pub fn is_active_value(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "active" | "true"
    )
}

/// Reads the state of all five (two queries, at once).
pub async fn read(client: &Client) -> Result<Vec<PluginState>, ApiError> {
    let plugin_ids: Vec<&'static str> = ids(Kind::Plugin);
    let app_scopes: Vec<&'static str> = ids(Kind::StoreApp);
    let plugins_query = Query::new().in_list("id", &plugin_ids);
    let apps_query = Query::new().in_list("scope", &app_scopes);
    let (plugins, apps) = tokio::join!(
        client.list(
            "v_plugin",
            &plugins_query,
            &["id", "name", "active", "version"]
        ),
        client.list(
            "sys_store_app",
            &apps_query,
            &["scope", "name", "active", "version"]
        ),
    );
    let (plugins, apps) = (plugins?, apps?);
    Ok(PLUGINS
        .iter()
        .map(|def| {
            let (rows, key): (&[Row], &str) = match def.kind {
                Kind::Plugin => (&plugins, "id"),
                Kind::StoreApp => (&apps, "scope"),
            };
            let row = rows.iter().find(|r| field(r, key) == def.id);
            PluginState {
                def: *def,
                active: row.is_some_and(|r| is_active_value(field(r, "active"))),
                version: row
                    .map(|r| field(r, "version").to_string())
                    .filter(|v| !v.is_empty()),
            }
        })
        .collect())
}

fn ids(kind: Kind) -> Vec<&'static str> {
    PLUGINS
        .iter()
        .filter(|p| p.kind == kind)
        .map(|p| p.id)
        .collect()
}

/// The verdict.
pub fn report(states: &[PluginState]) -> StepReport {
    let list: Vec<Value> = states
        .iter()
        .map(|s| {
            json!({
                "id": s.def.id,
                "name": s.def.name,
                "active": s.active,
                "kind": match s.def.kind { Kind::Plugin => "plugin", Kind::StoreApp => "store_app" },
                "version": s.version,
            })
        })
        .collect();
    let inactive: Vec<&str> = states
        .iter()
        .filter(|s| !s.active)
        .map(|s| s.def.name)
        .collect();
    let details = json!({"plugins": list});
    if inactive.is_empty() {
        StepReport::pass(
            StepId::Plugins,
            format!("all {} plugins active", states.len()),
            details,
        )
    } else {
        StepReport::fail(
            StepId::Plugins,
            format!(
                "{} of {} plugins inactive: {}",
                inactive.len(),
                states.len(),
                inactive.join(", ")
            ),
            details,
            "sn-handoff plugins --activate",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::Status;

    #[test]
    fn active_values() {
        for v in ["active", "true", "Active", " TRUE "] {
            assert!(is_active_value(v), "{v}");
        }
        for v in ["inactive", "false", "", "installed"] {
            assert!(!is_active_value(v), "{v}");
        }
    }

    #[test]
    fn report_lists_all_five() {
        let states: Vec<PluginState> = PLUGINS
            .iter()
            .enumerate()
            .map(|(i, def)| PluginState {
                def: *def,
                active: i % 2 == 0,
                version: None,
            })
            .collect();
        let r = report(&states);
        assert_eq!(r.status, Status::Fail);
        assert_eq!(r.details["plugins"].as_array().unwrap().len(), 5);
        assert!(
            r.summary.starts_with("2 of 5 plugins inactive"),
            "{}",
            r.summary
        );
        assert_eq!(r.fix.as_deref(), Some("sn-handoff plugins --activate"));
    }
}
