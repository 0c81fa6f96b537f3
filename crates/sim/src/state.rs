//! The simulated instance's data: table schemas (columns and references), rows, sys_id and
//! timestamp generation, dot-walking, and the role lookups the ACLs use.

use std::collections::{BTreeMap, HashMap};
use std::time::{SystemTime, UNIX_EPOCH};

use super::query::Record;
use super::schema::{reference, text, with_default, Column};
use super::RequestRecord;

/// Everything that changes while the simulator runs, behind one lock.
#[derive(Debug)]
pub(crate) struct Instance {
    /// The tables.
    pub db: Db,
    /// Password of each user that can sign in, by `user_name`.
    pub passwords: HashMap<String, String>,
    /// The user a verified client certificate signs in as (mutual TLS).
    pub certificate_user: Option<String>,
    /// REST API keys (`x-sn-apikey`): the key and the user it signs in as.
    pub api_keys: HashMap<String, String>,
    /// Whether a REST API access policy lets an API Key authentication profile sign in to the
    /// APIs; without one the header is not read at all.
    pub api_key_policy: bool,
    /// Every request, in arrival order.
    pub log: Vec<RequestRecord>,
    /// Attempts so far per (method, path, raw query), for the rate-limited scenario.
    pub attempts: HashMap<(String, String, String), u32>,
    /// Requests being answered right now.
    pub in_flight: usize,
    /// The most requests that were ever being answered at once.
    pub max_in_flight: usize,
    /// The latest round trip an answer was sent for (`RequestRecord::round`).
    pub answered_round: u32,
    /// OAuth tokens and codes issued.
    pub oauth: super::oauth_grants::OAuthState,
    /// CI/CD operations by progress id.
    pub operations: HashMap<String, super::cicd_plan::Operation>,
    /// CI/CD batch install plans by results id.
    pub batches: HashMap<String, super::cicd_plan::BatchPlan>,
    /// The Virtual Agent API's routing engine.
    pub va: super::va_tables::VaState,
    /// Another admin's edit to make when the next write arrives.
    pub edit_before_write: Option<PendingEdit>,
    /// Rows someone else inserts while a table is read.
    pub inserts_while_reading: Vec<InsertWhileReading>,
    /// Write requests so far per target (table, `awa_agent_presence`, `sn_cicd`), for
    /// `SimOptions::fail_writes`.
    pub write_counts: HashMap<String, u32>,
    /// Table API reads so far per table, for `SimOptions::fail_reads`.
    pub read_counts: HashMap<String, u32>,
    /// Answers so far per write target, for `SimOptions::write_faults`.
    pub answer_counts: HashMap<String, u32>,
    /// Hooks to run at the n-th Table API write (`Simulator::on_write`).
    pub write_hooks: Vec<(usize, WriteHook)>,
    /// Table API writes so far.
    pub table_writes: usize,
    /// Hooks to run at the n-th write to a target (`Simulator::on_write_to`): `table#n`.
    pub target_hooks: Vec<(String, WriteHook)>,
    /// Write requests so far per target, for `target_hooks`.
    pub hook_counts: HashMap<String, u32>,
    /// Someone else's edits to make when the n-th write to a target arrives
    /// (`Simulator::edit_when_write_arrives`): `table#n`.
    pub target_edits: Vec<(String, PendingEdit)>,
    /// Every request gets the hibernation page (the `hibernating` scenario starts so;
    /// `Simulator::set_hibernating` changes it while running).
    pub hibernating: bool,
}

/// A test's action at one write (`Simulator::on_write`).
pub(crate) struct WriteHook(pub Box<dyn FnOnce() + Send>);

impl std::fmt::Debug for WriteHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WriteHook")
    }
}

/// A row someone else inserts before each of the next `reads` `GET`s of `table`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InsertWhileReading {
    pub table: String,
    pub fields: Vec<(String, String)>,
    pub reads: usize,
}

/// An edit made by someone else just before the next write is carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PendingEdit {
    pub table: String,
    pub sys_id: String,
    pub field: String,
    pub value: String,
}

/// The system columns every table has.
const SYS_COLUMNS: [Column; 6] = [
    text("sys_id"),
    text("sys_created_on"),
    text("sys_created_by"),
    text("sys_updated_on"),
    text("sys_updated_by"),
    with_default("sys_mod_count", "0"),
];

/// The tables the simulated instance has, with their own columns (system columns are added).
fn table_definitions() -> Vec<(&'static str, Vec<Column>)> {
    let mut tables = platform_tables();
    tables.extend(user_tables());
    tables.extend(integration_tables());
    tables.extend(awa_tables());
    tables.extend(super::va_tables::table_definitions());
    tables
}

/// The platform tables: properties, plugins and Store applications.
fn platform_tables() -> Vec<(&'static str, Vec<Column>)> {
    vec![
        (
            "sys_properties",
            vec![
                text("name"),
                text("value"),
                with_default("type", "string"),
                text("description"),
            ],
        ),
        (
            "v_plugin",
            vec![
                text("id"),
                text("name"),
                with_default("active", "inactive"),
                text("version"),
                text("description"),
            ],
        ),
        (
            "sys_plugins",
            vec![
                text("source"),
                text("name"),
                with_default("active", "active"),
                text("version"),
                text("description"),
            ],
        ),
        (
            "sys_store_app",
            vec![
                text("scope"),
                text("name"),
                with_default("active", "true"),
                text("version"),
                text("vendor"),
            ],
        ),
        (
            "sys_remote_app",
            vec![
                text("scope"),
                text("name"),
                text("latest_version"),
                text("vendor"),
                text("description"),
            ],
        ),
    ]
}

/// Users, roles, groups and their links.
fn user_tables() -> Vec<(&'static str, Vec<Column>)> {
    vec![
        (
            "sys_user",
            vec![
                text("user_name"),
                text("first_name"),
                text("last_name"),
                text("name"),
                text("email"),
                text("title"),
                with_default("active", "true"),
                with_default("locked_out", "false"),
            ],
        ),
        ("sys_user_role", vec![text("name"), text("description")]),
        (
            "sys_user_has_role",
            vec![
                reference("user", "sys_user"),
                reference("role", "sys_user_role"),
                with_default("state", "active"),
                with_default("inherited", "false"),
            ],
        ),
        (
            "sys_user_group",
            vec![
                text("name"),
                text("description"),
                with_default("active", "true"),
                reference("manager", "sys_user"),
                reference("parent", "sys_user_group"),
                text("roles"),
                text("source"),
                text("sys_tags"),
                text("type"),
                reference("cost_center", "cmn_cost_center"),
                reference("default_assignee", "sys_user"),
                text("email"),
                with_default("exclude_manager", "false"),
                with_default("include_members", "false"),
            ],
        ),
        (
            "sys_group_has_role",
            vec![
                reference("group", "sys_user_group"),
                reference("role", "sys_user_role"),
                with_default("inherits", "true"),
            ],
        ),
        (
            "sys_user_grmember",
            vec![
                reference("group", "sys_user_group"),
                reference("user", "sys_user"),
            ],
        ),
    ]
}

/// The outbound REST messages and the OAuth apps.
fn integration_tables() -> Vec<(&'static str, Vec<Column>)> {
    vec![
        (
            "sys_rest_message",
            vec![
                text("name"),
                text("rest_endpoint"),
                text("description"),
                with_default("authentication_type", "no_authentication"),
                with_default("access", "package_private"),
            ],
        ),
        (
            "sys_rest_message_fn",
            vec![
                reference("rest_message", "sys_rest_message"),
                text("function_name"),
                with_default("http_method", "get"),
                text("rest_endpoint"),
                text("content"),
                with_default("authentication_type", "inherit_from_parent"),
            ],
        ),
        (
            // System OAuth → Application Registry.
            "oauth_entity",
            vec![
                text("name"),
                text("client_id"),
                text("client_secret"),
                text("redirect_url"),
                with_default("access_token_lifespan", "1800"),
                with_default("refresh_token_lifespan", "8640000"),
                with_default("active", "true"),
                with_default("pkce_required", "false"),
                with_default("type", "client"),
            ],
        ),
    ]
}

/// Advanced Work Assignment: presence states, service channels, and each agent's presence and
/// availability on them.
fn awa_tables() -> Vec<(&'static str, Vec<Column>)> {
    vec![
        (
            // "Service channels" of the form: a list field of awa_service_channel sys_ids
            // (its column name is not documented; `service_channels` is assumed).
            "awa_presence_state",
            vec![
                text("name"),
                with_default("available", "false"),
                with_default("active", "true"),
                text("service_channels"),
            ],
        ),
        (
            "awa_service_channel",
            vec![text("name"), with_default("active", "true")],
        ),
        (
            "awa_agent_presence",
            vec![
                reference("agent", "sys_user"),
                reference("current_presence_state", "awa_presence_state"),
            ],
        ),
        (
            "awa_agent_channel_availability",
            vec![
                reference("agent", "sys_user"),
                reference("service_channel", "awa_service_channel"),
                reference("presence_state", "awa_presence_state"),
                with_default("available", "false"),
            ],
        ),
    ]
}

/// A table's schema.
#[derive(Debug, Clone)]
pub(crate) struct Schema {
    pub columns: Vec<Column>,
}

impl Schema {
    /// The column called `name`.
    pub(crate) fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// A stored record: column name to stored string value (every column present).
pub(crate) type Row = HashMap<String, String>;

/// A table: schema and rows in insertion order.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub schema: Schema,
    pub rows: Vec<Row>,
}

/// Columns that hold a secret the simulator mints at each start: never kept in a demo world.
const SECRET_COLUMNS: [&str; 2] = ["client_secret", "token"];

/// All tables of the instance.
#[derive(Debug, Clone)]
pub(crate) struct Db {
    tables: BTreeMap<&'static str, Table>,
}

impl Db {
    /// An instance with every known table, all empty.
    pub(crate) fn empty() -> Db {
        let tables = table_definitions()
            .into_iter()
            .map(|(name, own)| {
                let mut columns = SYS_COLUMNS.to_vec();
                columns.extend(own);
                (
                    name,
                    Table {
                        schema: Schema { columns },
                        rows: Vec::new(),
                    },
                )
            })
            .collect();
        Db { tables }
    }

    /// Every table's rows, without the secrets the simulator mints at each start (an OAuth
    /// app's `client_secret`, a message token's `token`): what a demo world keeps between runs.
    pub(crate) fn snapshot(&self) -> BTreeMap<String, Vec<Row>> {
        self.tables
            .iter()
            .map(|(name, table)| {
                let rows = table
                    .rows
                    .iter()
                    .map(|row| {
                        let mut row = row.clone();
                        for column in SECRET_COLUMNS {
                            row.remove(column);
                        }
                        row
                    })
                    .collect();
                (name.to_string(), rows)
            })
            .collect()
    }

    /// Puts back the rows of a [`Db::snapshot`], for the tables this instance has; a secret
    /// column keeps this start's value for the same record.
    pub(crate) fn restore(&mut self, snapshot: &BTreeMap<String, Vec<Row>>) {
        for (name, table) in &mut self.tables {
            let Some(rows) = snapshot.get(*name) else {
                continue;
            };
            let fresh = std::mem::take(&mut table.rows);
            table.rows = rows
                .iter()
                .map(|row| {
                    let mut row = row.clone();
                    let same = fresh.iter().find(|f| f.get("sys_id") == row.get("sys_id"));
                    for column in SECRET_COLUMNS {
                        if let Some(value) = same.and_then(|f| f.get(column)) {
                            row.insert(column.to_string(), value.clone());
                        }
                    }
                    for c in &table.schema.columns {
                        row.entry(c.name.to_string()).or_default();
                    }
                    row
                })
                .collect();
        }
    }

    /// The table called `name`.
    pub(crate) fn table(&self, name: &str) -> Option<&Table> {
        self.tables.get(name)
    }

    /// The table called `name`, mutably.
    pub(crate) fn table_mut(&mut self, name: &str) -> Option<&mut Table> {
        self.tables.get_mut(name)
    }

    /// Removes a table, as on an instance where the plugin that brings it is not active.
    pub(crate) fn remove_table(&mut self, name: &str) {
        self.tables.remove(name);
    }

    /// The record of `table` with `sys_id`.
    pub(crate) fn get(&self, table: &str, sys_id: &str) -> Option<&Row> {
        self.table(table)?
            .rows
            .iter()
            .find(|row| row.get("sys_id").is_some_and(|id| id == sys_id))
    }

    /// The record of `table` with `sys_id`, mutably.
    #[cfg(any(test, feature = "test-support"))]
    pub(crate) fn get_mut(&mut self, table: &str, sys_id: &str) -> Option<&mut Row> {
        self.table_mut(table)?
            .rows
            .iter_mut()
            .find(|row| row.get("sys_id").is_some_and(|id| id == sys_id))
    }

    /// The columns a (possibly dot-walked) field name passes through, starting at `table`:
    /// `None` when any hop does not exist or a non-final hop is no reference to a known table.
    pub(crate) fn resolve_path(&self, table: &str, path: &str) -> Option<Vec<Column>> {
        let mut hops = Vec::new();
        let mut current = table;
        let mut parts = path.split('.').peekable();
        while let Some(part) = parts.next() {
            let column = *self.table(current)?.schema.column(part)?;
            if parts.peek().is_some() {
                current = column.reference?;
                self.table(current)?;
            }
            hops.push(column);
        }
        Some(hops)
    }

    /// Follow resolved `hops` from `row`: the stored value of the last hop, `""` when a
    /// reference on the way is empty or points at no record.
    pub(crate) fn walk(&self, row: &Row, hops: &[Column]) -> String {
        let mut row = row;
        for (i, column) in hops.iter().enumerate() {
            let value = row.get(column.name).map(String::as_str).unwrap_or("");
            if i + 1 == hops.len() {
                return value.to_string();
            }
            let Some(next) = column.reference.and_then(|target| self.get(target, value)) else {
                return String::new();
            };
            row = next;
        }
        String::new()
    }

    /// The display value of the record `sys_id` of `table`: its `name` (for `sys_user` the
    /// full name), falling back to the sys_id for tables without a name; `""` if absent.
    pub(crate) fn display_value(&self, table: &str, sys_id: &str) -> String {
        match self.get(table, sys_id) {
            Some(row) => row
                .get("name")
                .cloned()
                .unwrap_or_else(|| sys_id.to_string()),
            None => String::new(),
        }
    }

    /// First row of `table` whose `field` equals `value`.
    pub(crate) fn find(&self, table: &str, field: &str, value: &str) -> Option<&Row> {
        self.table(table)?
            .rows
            .iter()
            .find(|row| row.get(field).is_some_and(|v| v == value))
    }

    /// A new record for `table` with defaults and system fields filled in; `sys_id` and the
    /// dates are given by the caller. Fields not in the schema are ignored.
    pub(crate) fn new_row(
        &self,
        table: &str,
        sys_id: &str,
        created_on: &str,
        created_by: &str,
        fields: &[(&str, &str)],
    ) -> Option<Row> {
        let schema = &self.table(table)?.schema;
        let mut row: Row = schema
            .columns
            .iter()
            .map(|c| (c.name.to_string(), c.default.to_string()))
            .collect();
        row.insert("sys_id".into(), sys_id.into());
        row.insert("sys_created_on".into(), created_on.into());
        row.insert("sys_created_by".into(), created_by.into());
        row.insert("sys_updated_on".into(), created_on.into());
        row.insert("sys_updated_by".into(), created_by.into());
        row.insert("sys_mod_count".into(), "0".into());
        for (field, value) in fields {
            if schema.column(field).is_some() {
                row.insert((*field).to_string(), (*value).to_string());
            }
        }
        Some(row)
    }

    /// Append `row` to `table` (which must exist).
    pub(crate) fn push(&mut self, table: &str, row: Row) {
        if let Some(t) = self.table_mut(table) {
            t.rows.push(row);
        }
    }

    /// Apply an update of `fields` to the record: known columns only, then bump
    /// `sys_mod_count` and set `sys_updated_on` / `sys_updated_by`. `false` if no record.
    pub(crate) fn update(
        &mut self,
        table: &str,
        sys_id: &str,
        fields: &[(String, String)],
        user: &str,
        now: &str,
    ) -> bool {
        let Some(t) = self.table_mut(table) else {
            return false;
        };
        let known: Vec<(String, String)> = fields
            .iter()
            .filter(|(f, _)| t.schema.column(f).is_some() && f.as_str() != "sys_id")
            .cloned()
            .collect();
        let Some(row) = t
            .rows
            .iter_mut()
            .find(|row| row.get("sys_id").is_some_and(|id| id == sys_id))
        else {
            return false;
        };
        for (field, value) in known {
            row.insert(field, value);
        }
        let count = row
            .get("sys_mod_count")
            .and_then(|c| c.parse::<u64>().ok())
            .unwrap_or(0);
        row.insert("sys_mod_count".into(), (count + 1).to_string());
        row.insert("sys_updated_on".into(), now.into());
        row.insert("sys_updated_by".into(), user.into());
        true
    }

    /// Remove the record; `false` if there was none.
    pub(crate) fn delete(&mut self, table: &str, sys_id: &str) -> bool {
        let Some(t) = self.table_mut(table) else {
            return false;
        };
        let before = t.rows.len();
        t.rows
            .retain(|row| row.get("sys_id").is_none_or(|id| id != sys_id));
        t.rows.len() != before
    }

    /// Names of the roles `user_name` holds, directly or through a group whose roles are
    /// inherited by members. An inactive or unknown user has none.
    pub(crate) fn roles_of(&self, user_name: &str) -> Vec<String> {
        let Some(user) = self.find("sys_user", "user_name", user_name) else {
            return Vec::new();
        };
        let user_id = user.get("sys_id").cloned().unwrap_or_default();
        let role_name = |role_id: &str| {
            self.get("sys_user_role", role_id)
                .and_then(|r| r.get("name").cloned())
        };
        let mut roles = Vec::new();
        if let Some(t) = self.table("sys_user_has_role") {
            for row in &t.rows {
                if row.get("user") == Some(&user_id)
                    && row.get("state").is_none_or(|s| s == "active")
                {
                    roles.extend(role_name(row.get("role").map_or("", String::as_str)));
                }
            }
        }
        let groups: Vec<String> = self
            .table("sys_user_grmember")
            .map(|t| {
                t.rows
                    .iter()
                    .filter(|row| row.get("user") == Some(&user_id))
                    .filter_map(|row| row.get("group").cloned())
                    .collect()
            })
            .unwrap_or_default();
        if let Some(t) = self.table("sys_group_has_role") {
            for row in &t.rows {
                let in_group = row.get("group").is_some_and(|g| groups.contains(g));
                if in_group && row.get("inherits").is_none_or(|i| i != "false") {
                    roles.extend(role_name(row.get("role").map_or("", String::as_str)));
                }
            }
        }
        roles.sort();
        roles.dedup();
        roles
    }

    /// Value of the system property `name`, if the instance has it.
    pub(crate) fn property(&self, name: &str) -> Option<&str> {
        self.find("sys_properties", "name", name)
            .and_then(|row| row.get("value"))
            .map(String::as_str)
    }
}

/// A record seen through the database, so the query matcher can dot-walk.
pub(crate) struct RowView<'a> {
    pub db: &'a Db,
    pub table: &'a str,
    pub row: &'a Row,
}

impl Record for RowView<'_> {
    fn get(&self, field: &str) -> Option<String> {
        let hops = self.db.resolve_path(self.table, field)?;
        Some(self.db.walk(self.row, &hops))
    }
}

/// A stable sys_id for seed data: FNV-1a (128 bit) of `table`, a NUL and `key`, as 32
/// lowercase hex digits. The same on every start.
pub(crate) fn stable_sys_id(table: &str, key: &str) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    for byte in table.bytes().chain([0u8]).chain(key.bytes()) {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    format!("{hash:032x}")
}

/// Fill `buf` from the operating system's random source.
fn random_bytes(buf: &mut [u8]) {
    if getrandom::fill(buf).is_err() {
        // No OS randomness: fall back to the clock, which is enough for a local simulator.
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        for (i, b) in buf.iter_mut().enumerate() {
            *b = (nanos >> ((i % 16) * 8)) as u8 ^ (i as u8).wrapping_mul(151);
        }
    }
}

/// A fresh random sys_id (32 lowercase hex digits).
pub(crate) fn random_sys_id() -> String {
    let mut buf = [0u8; 16];
    random_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh random password: 20 characters of URL-safe base64.
pub(crate) fn random_password() -> String {
    use base64::Engine as _;
    let mut buf = [0u8; 15];
    random_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// A fresh random OAuth token or code: 86 characters of URL-safe base64 (64 random bytes), the
/// shape of the recorded tokens.
pub(crate) fn random_token() -> String {
    use base64::Engine as _;
    let mut buf = [0u8; 64];
    random_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// Seconds since the Unix epoch, now.
pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// ServiceNow's date-time format, `YYYY-MM-DD HH:MM:SS` in UTC, for `secs` since the epoch.
pub(crate) fn format_datetime(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The current time in ServiceNow's date-time format.
pub(crate) fn now_datetime() -> String {
    format_datetime(unix_now())
}

/// Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_format_like_servicenow() {
        assert_eq!(format_datetime(0), "1970-01-01 00:00:00");
        assert_eq!(format_datetime(1_702_553_234), "2023-12-14 11:27:14");
        assert_eq!(format_datetime(951_782_400), "2000-02-29 00:00:00");
    }

    #[test]
    fn stable_ids_are_stable_hex() {
        let id = stable_sys_id("sys_user", "admin");
        assert_eq!(id.len(), 32);
        assert!(id
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_eq!(id, stable_sys_id("sys_user", "admin"));
        assert_ne!(id, stable_sys_id("sys_user", "abel.tuter"));
        assert_eq!(random_sys_id().len(), 32);
        assert_eq!(random_password().len(), 20);
    }

    #[test]
    fn paths_resolve_through_references() {
        let db = Db::empty();
        assert!(db
            .resolve_path("sys_group_has_role", "group.name")
            .is_some());
        assert!(db
            .resolve_path("sys_user_grmember", "group.manager.user_name")
            .is_some());
        assert!(db
            .resolve_path("sys_group_has_role", "group.nmae")
            .is_none());
        assert!(db.resolve_path("sys_user_group", "name.length").is_none());
        assert!(db
            .resolve_path("sys_user_group", "cost_center.name")
            .is_none());
        assert!(db.resolve_path("sys_rest_message_fn", "endpoint").is_none());
    }
}
