//! What the simulated instance answers to one request: scenario behaviour (hibernation, rate
//! limiting), authentication, routing (the CI/CD and AWA Agent APIs are answered by `cicd` and
//! `awa`, the Virtual Agent API and its routing engine by `va`), the Table API with its ACLs,
//! JSON rendering, error bodies, pagination headers, and the faults tests ask for (failing
//! writes, another admin's edit before a write).
//! Transport-free: takes a parsed request, returns a reply.

use serde_json::{json, Map, Value};

use super::query::{compare_values, Query};
use super::schema::Column;
use super::state::{now_datetime, random_sys_id, unix_now, Db, Instance, Row, RowView};
use super::wire::{decode, error_body, no_resource, Context, Credentials, Params, Reply, Request};
use super::{Release, RequestRecord, Scenario};

/// The recorded hibernation page, served byte for byte.
pub(crate) const HIBERNATING_HTML: &str =
    include_str!("../../../tests/fixtures/servicenow/hibernating.html");
/// Recorded 401 body.
const NOT_AUTHENTICATED: &str =
    include_str!("../../../tests/fixtures/servicenow/table-401-not-authenticated.json");
/// Recorded 403 body for a read the roles do not allow.
const INSUFFICIENT_RIGHTS: &str =
    include_str!("../../../tests/fixtures/servicenow/table-403-insufficient-rights.json");
/// Documented 429 body.
const RATE_LIMITED: &str =
    include_str!("../../../tests/fixtures/servicenow/table-429-rate-limit.json");

fn invalid_table(table: &str) -> Reply {
    Reply::json(400, &error_body(&format!("Invalid table {table}"), None))
}

fn record_not_found() -> Reply {
    Reply::json(
        404,
        &error_body(
            "No Record found",
            Some("Record doesn't exist or ACL restricts the record retrieval"),
        ),
    )
}

fn write_denied(operation: &str) -> Reply {
    let detail = format!("ACL Exception {operation} Failed due to security constraints");
    Reply::json(403, &error_body("Operation Failed", Some(&detail)))
}

/// Answer `request`, and log it. The whole answer is computed under the caller's lock, so
/// the log is in arrival order.
pub(crate) fn handle(ctx: &Context, instance: &mut Instance, request: &Request) -> Reply {
    let (reply, user) = route(ctx, instance, request);
    instance.log.push(RequestRecord {
        method: request.method.clone(),
        path: request.path.clone(),
        query: request.query.clone(),
        status: reply.status,
        user,
        round: request.round,
    });
    reply
}

fn route(ctx: &Context, instance: &mut Instance, request: &Request) -> (Reply, Option<String>) {
    if instance.hibernating {
        return (Reply::html(HIBERNATING_HTML), None);
    }
    if request.path == "/stats.do" {
        return (Reply::html(&stats_page(ctx.release)), None);
    }
    if request.path == "/oauth_token.do" {
        return (super::oauth::token(instance, request), None);
    }
    if request.path == "/oauth_auth.do" {
        return (super::oauth::authorize(instance, request), None);
    }
    if !request.path.starts_with("/api/") {
        return (no_resource(), None);
    }
    let credentials = match (&request.authorization, api_key(request)) {
        (None, Some(key)) => Credentials::ApiKey(key),
        (None, None) if request.client_cert => Credentials::Certificate,
        (header, _) => Credentials::parse(header.as_deref()),
    };
    let user = authenticate(instance, &credentials);
    if ctx.scenario == Scenario::RateLimited {
        if let Some(reply) = rate_limit(instance, request) {
            return (reply, user);
        }
    }
    let Some(user) = user else {
        return (not_authenticated(instance, &credentials), None);
    };
    if matches!(request.method.as_str(), "POST" | "PATCH" | "PUT" | "DELETE") {
        if let Some(edit) = instance.edit_before_write.take() {
            let fields = [(edit.field, edit.value)];
            instance
                .db
                .update(&edit.table, &edit.sys_id, &fields, "admin", &now_datetime());
        }
        if let Some(fault) = write_fault(ctx, instance, request) {
            return (fault, Some(user));
        }
    }
    if request.method == "GET" {
        if let Some(fault) = read_fault(ctx, instance, request) {
            return (fault, Some(user));
        }
        insert_while_reading(instance, request);
    }
    // The routing engine runs between requests.
    super::va::tick(ctx, instance);
    let reply = if request.path.starts_with("/api/sn_cicd/") {
        super::cicd::handle(ctx, instance, request, &user)
    } else if request.path.starts_with("/api/sn_va_as_service/") {
        super::va::handle(ctx, instance, request)
    } else if request.path.starts_with("/api/now/awa/") {
        super::awa::handle(&mut instance.db, request, &user)
    } else {
        api(ctx, &mut instance.db, request, &user)
    };
    (reply, Some(user))
}

/// In the rate-limited scenario, the refusals of a request's first two attempts: 429, then
/// 503.
fn rate_limit(instance: &mut Instance, request: &Request) -> Option<Reply> {
    let key = (
        request.method.clone(),
        request.path.clone(),
        request.query.clone(),
    );
    let attempt = instance.attempts.entry(key).or_insert(0);
    *attempt += 1;
    match *attempt {
        1 => Some(rate_limited()),
        2 => {
            let body = error_body("Service Unavailable", None);
            Some(Reply::json(503, &body))
        }
        _ => None,
    }
}

/// The answer to a request whose `credentials` authenticate no one.
fn not_authenticated(instance: &Instance, credentials: &Credentials) -> Reply {
    if matches!(credentials, Credentials::ApiKey(_)) && instance.api_key_policy {
        // A key that was read and refused. ServiceNow's docs do not give this answer; the
        // simulator words it so that it is not the recorded "no credentials" one, which is
        // what an instance without an API access policy answers (the key is not read).
        let body = error_body("User Not Authenticated", Some("Invalid API key"));
        return Reply::json(401, &body);
    }
    let realm = match credentials {
        Credentials::Bearer(_) => "BEARER realm=\"Service-now\"",
        _ => "BASIC realm=\"Service-now\"",
    };
    Reply::json_text(401, NOT_AUTHENTICATED).with_header("WWW-Authenticate", realm.into())
}

/// The refusal of a Table API read that `SimOptions::fail_reads` makes fail: `table` every
/// read of it, `table#n` only the n-th (counting from 1), each with its `@` suffix.
fn read_fault(ctx: &Context, instance: &mut Instance, request: &Request) -> Option<Reply> {
    let target = write_target(&request.path)?;
    let count = instance.read_counts.entry(target.clone()).or_insert(0);
    *count += 1;
    let n = *count;
    let status = ctx.fail_reads.iter().find_map(|entry| {
        let (entry, status) = entry.split_once('@').unwrap_or((entry, "503"));
        let hit = match entry.split_once('#') {
            Some((table, nth)) => table == target && nth.parse::<u32>() == Ok(n),
            None => entry == target,
        };
        hit.then_some(status)
    })?;
    Some(if status == "401" {
        Reply::json_text(401, NOT_AUTHENTICATED)
            .with_header("WWW-Authenticate", "BASIC realm=\"Service-now\"".into())
    } else {
        Reply::json(
            503,
            &error_body("Service Unavailable", Some("The instance is busy")),
        )
        .with_header("Retry-After", "0".into())
    })
}

/// What a write request writes to, for `SimOptions::fail_writes`: the table of a Table API
/// write, `awa_agent_presence` for the AWA Agent API, `sn_cicd` for the CI/CD API,
/// `sn_va_as_service` for the Virtual Agent API's bot integration endpoint.
fn write_target(path: &str) -> Option<String> {
    if path.starts_with("/api/now/awa/") {
        return Some("awa_agent_presence".into());
    }
    if path.starts_with("/api/sn_va_as_service/") {
        return Some("sn_va_as_service".into());
    }
    if path.starts_with("/api/sn_cicd/") {
        return Some("sn_cicd".into());
    }
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match segments.as_slice() {
        ["api", "now", "table", table, ..] | ["api", "now", "v1" | "v2", "table", table, ..] => {
            Some(decode(table, false))
        }
        _ => None,
    }
}

/// The refusal of a write that `SimOptions::fail_writes` makes fail, before it is carried out:
/// an entry `table` fails every write to it, `table#n` only the n-th (counting from 1); a
/// suffix picks the refusal: none or `@500` a 500, `@429` a 429 (with `Retry-After: 0`),
/// `@reset` a connection closed without an answer. Test faults come before the ACLs.
fn write_fault(ctx: &Context, instance: &mut Instance, request: &Request) -> Option<Reply> {
    let target = write_target(&request.path)?;
    let count = instance.write_counts.entry(target.clone()).or_insert(0);
    *count += 1;
    let n = *count;
    let kind = ctx.fail_writes.iter().find_map(|entry| {
        let (entry, kind) = entry.split_once('@').unwrap_or((entry, "500"));
        let hit = match entry.split_once('#') {
            Some((table, nth)) => table == target && nth.parse::<u32>() == Ok(n),
            None => entry == target,
        };
        hit.then_some(kind)
    })?;
    Some(match kind {
        "429" => {
            let mut reply = Reply::json(
                429,
                &error_body("Too Many Requests", Some("API rate limit exceeded")),
            );
            reply.headers.push(("Retry-After", "0".into()));
            reply
        }
        "reset" => Reply {
            status: RESET,
            headers: Vec::new(),
            body: Vec::new(),
        },
        _ => Reply::json(
            500,
            &error_body(
                "Internal Server Error",
                Some("The transaction was rolled back; nothing was written"),
            ),
        ),
    })
}

/// The status of a [`Reply`] that is no answer: the connection is closed instead.
pub(crate) const RESET: u16 = 0;

fn is_write(request: &Request) -> bool {
    matches!(request.method.as_str(), "POST" | "PATCH" | "PUT" | "DELETE")
}

/// Runs the hooks of `Simulator::on_write` due at this Table API write.
pub(crate) fn run_write_hooks(instance: &mut Instance, request: &Request) {
    if let Some(target) = write_target(&request.path).filter(|_| is_write(request)) {
        let count = instance.hook_counts.entry(target.clone()).or_insert(0);
        *count += 1;
        let at = format!("{target}#{count}");
        let (due, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut instance.target_hooks)
            .into_iter()
            .partition(|(t, _)| *t == at);
        instance.target_hooks = rest;
        for (_, hook) in due {
            (hook.0)();
        }
        let (due, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut instance.target_edits)
            .into_iter()
            .partition(|(t, _)| *t == at);
        instance.target_edits = rest;
        for (_, edit) in due {
            let fields = [(edit.field, edit.value)];
            (instance.db).update(&edit.table, &edit.sys_id, &fields, "admin", &now_datetime());
        }
    }
    let table_api = write_target(&request.path).is_some_and(|t| {
        !matches!(
            t.as_str(),
            "awa_agent_presence" | "sn_cicd" | "sn_va_as_service"
        )
    });
    if !is_write(request) || !table_api {
        return;
    }
    instance.table_writes += 1;
    let n = instance.table_writes;
    let (due, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut instance.write_hooks)
        .into_iter()
        .partition(|(at, _)| *at == n);
    instance.write_hooks = rest;
    for (_, hook) in due {
        (hook.0)();
    }
}

/// What `SimOptions::write_faults` does to the answer of this request, once it was carried
/// out (a write answered with 2xx).
pub(crate) fn after_write(
    ctx: &Context,
    instance: &mut Instance,
    request: &Request,
    status: u16,
) -> Option<super::AfterWrite> {
    if !is_write(request) || !(200..300).contains(&status) || ctx.write_faults.is_empty() {
        return None;
    }
    let target = write_target(&request.path)?;
    let count = instance.answer_counts.entry(target.clone()).or_insert(0);
    *count += 1;
    let n = *count;
    ctx.write_faults
        .iter()
        .find(|f| match f.target.split_once('#') {
            Some((table, nth)) => table == target && nth.parse::<u32>() == Ok(n),
            None => f.target == target,
        })
        .map(|f| f.after)
}

/// `Simulator::insert_while_reading`: a row inserted before a read of its table is answered.
fn insert_while_reading(instance: &mut Instance, request: &Request) {
    let Some(table) = write_target(&request.path) else {
        return;
    };
    let Some(pending) = instance
        .inserts_while_reading
        .iter_mut()
        .find(|p| p.table == table && p.reads > 0)
    else {
        return;
    };
    pending.reads -= 1;
    let fields: Vec<(&str, &str)> = pending
        .fields
        .iter()
        .map(|(f, v)| (f.as_str(), v.as_str()))
        .collect();
    if let Some(row) =
        instance
            .db
            .new_row(&table, &random_sys_id(), &now_datetime(), "admin", &fields)
    {
        instance.db.push(&table, row);
    }
}

/// The 429 of a tripped REST rate-limit rule.
fn rate_limited() -> Reply {
    Reply::json_text(429, RATE_LIMITED)
        .with_header("Retry-After", "1".into())
        .with_header("X-RateLimit-Limit", "100".into())
        .with_header("X-RateLimit-Reset", (unix_now() + 1).to_string())
}

/// The public `/stats.do` page.
fn stats_page(release: Release) -> String {
    format!(
        "<html><head><title>ServiceNow Servlet Statistics</title></head><body>\n\
         Build name: {name}<br/>\n\
         Build date: {date}<br/>\n\
         Build tag: {tag}<br/>\n\
         MID buildstamp: {stamp}<br/>\n\
         Instance name: sim<br/>\n\
         Node ID: sim001<br/>\n\
         IP address: 127.0.0.1<br/>\n\
         Servlet started: {date}<br/>\n\
         </body></html>\n",
        name = release.build_name(),
        date = release.build_date(),
        tag = release.build_tag(),
        stamp = release
            .war()
            .trim_start_matches("glide-")
            .trim_end_matches(".zip"),
    )
}

/// The `x-sn-apikey` header, if any.
fn api_key(request: &Request) -> Option<String> {
    request
        .headers
        .iter()
        .find(|(name, _)| name == "x-sn-apikey")
        .map(|(_, value)| value.clone())
}

/// The user the credentials sign in as: a known, active user with the right password, or an
/// access token of the OAuth module that is still good. This is the one place that decides
/// who a request is.
pub(crate) fn authenticate(instance: &mut Instance, credentials: &Credentials) -> Option<String> {
    let user = match credentials {
        Credentials::Basic { user, password } => {
            let known = instance.passwords.get(user)?;
            (known == password).then(|| user.clone())?
        }
        Credentials::Bearer(token) => super::oauth::user_for_bearer_token(instance, token)?,
        Credentials::ApiKey(key) if instance.api_key_policy => instance.api_keys.get(key)?.clone(),
        Credentials::Certificate => instance.certificate_user.clone()?,
        Credentials::ApiKey(_) | Credentials::Missing | Credentials::Unusable => return None,
    };
    let row = instance.db.find("sys_user", "user_name", &user)?;
    (row.get("active").map(String::as_str) == Some("true")).then_some(user)
}

/// Which Table API path version was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ApiVersion {
    /// `/api/now/table/…`, which behaves like v2.
    Default,
    /// `/api/now/v1/table/…`: an empty list is a 404.
    V1,
    /// `/api/now/v2/table/…`.
    V2,
}

/// The API version, table and (when there is one) sys_id a Table API path names.
fn table_path(path: &str) -> Option<(ApiVersion, String, Option<String>)> {
    let segments: Vec<String> = path["/api/".len()..]
        .split('/')
        .map(|s| decode(s, false))
        .collect();
    let mut segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    if segments.len() > 1 && segments.last() == Some(&"") {
        segments.pop();
    }
    let (version, rest) = match segments.as_slice() {
        ["now", "table", rest @ ..] => (ApiVersion::Default, rest),
        ["now", "v1", "table", rest @ ..] => (ApiVersion::V1, rest),
        ["now", "v2", "table", rest @ ..] => (ApiVersion::V2, rest),
        _ => return None,
    };
    match rest {
        [table] if !table.is_empty() => Some((version, table.to_string(), None)),
        [table, sys_id] if !table.is_empty() && !sys_id.is_empty() => {
            Some((version, table.to_string(), Some(sys_id.to_string())))
        }
        _ => None,
    }
}

/// Route an authenticated `/api/` request.
fn api(ctx: &Context, db: &mut Db, request: &Request, user: &str) -> Reply {
    let Some((version, table, sys_id)) = table_path(&request.path) else {
        return no_resource();
    };
    let (table, sys_id) = (table.as_str(), sys_id.as_deref());
    if db.table(table).is_none() {
        return invalid_table(table);
    }
    let admin = db.roles_of(user).iter().any(|r| r == "admin");
    let mut params = Params::parse(&request.query);
    params.evaluate_current_user(db, user);
    let options = RenderOptions::from_params(&params);
    let method = request.method.as_str();
    let view = TableView {
        ctx,
        table,
        options: &options,
    };
    match (method, sys_id) {
        ("GET", None) => match read_access(admin, table) {
            ReadAccess::Denied => Reply::json_text(403, INSUFFICIENT_RIGHTS),
            access => list(
                &view,
                db,
                &params,
                &request.path,
                version,
                access == ReadAccess::Full,
            ),
        },
        ("GET", Some(sys_id)) => match read_access(admin, table) {
            ReadAccess::Denied => Reply::json_text(403, INSUFFICIENT_RIGHTS),
            ReadAccess::Nothing => record_not_found(),
            ReadAccess::Full => match db.get(table, sys_id) {
                Some(row) => Reply::json(200, &json!({"result": view.render(db, row)})),
                None => record_not_found(),
            },
        },
        ("POST", None) => {
            if !admin {
                return write_denied("Insert");
            }
            insert(&view, db, request, user)
        }
        ("PATCH" | "PUT", Some(sys_id)) => {
            if !admin {
                return write_denied("Update");
            }
            update(&view, db, request, user, sys_id)
        }
        ("DELETE", Some(sys_id)) => {
            if !admin {
                return write_denied("Delete");
            }
            if db.delete(table, sys_id) {
                Reply {
                    status: 204,
                    headers: Vec::new(),
                    body: Vec::new(),
                }
            } else {
                record_not_found()
            }
        }
        _ => no_resource(),
    }
}

/// What a user may read of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReadAccess {
    /// Every row.
    Full,
    /// The query runs but every row is filtered out by row-level ACLs.
    Nothing,
    /// 403 `Insufficient rights to query records`.
    Denied,
}

/// The read ACLs: admins read everything; others get a 403 on plugin and store-app tables and
/// no rows of `sys_properties`.
fn read_access(admin: bool, table: &str) -> ReadAccess {
    if admin {
        return ReadAccess::Full;
    }
    match table {
        "v_plugin" | "sys_plugins" | "sys_store_app" => ReadAccess::Denied,
        "sys_properties" => ReadAccess::Nothing,
        _ => ReadAccess::Full,
    }
}

/// `sysparm_display_value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DisplayValue {
    False,
    True,
    All,
}

/// How records are rendered.
struct RenderOptions {
    fields: Option<Vec<String>>,
    display: DisplayValue,
    exclude_links: bool,
}

impl RenderOptions {
    fn from_params(params: &Params) -> RenderOptions {
        let fields = params.get("sysparm_fields").map(|f| {
            f.split(',')
                .map(|name| name.trim().to_string())
                .filter(|name| !name.is_empty())
                .collect()
        });
        let display = match params
            .get("sysparm_display_value")
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("true") => DisplayValue::True,
            Some("all") => DisplayValue::All,
            _ => DisplayValue::False,
        };
        let exclude_links = params
            .get("sysparm_exclude_reference_link")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        RenderOptions {
            fields,
            display,
            exclude_links,
        }
    }
}

/// A table being answered about, with the rendering options of the request.
struct TableView<'a> {
    ctx: &'a Context,
    table: &'a str,
    options: &'a RenderOptions,
}

impl TableView<'_> {
    /// Render a record as the Table API does.
    fn render(&self, db: &Db, row: &Row) -> Value {
        let names: Vec<String> = match &self.options.fields {
            Some(fields) => fields.clone(),
            None => db
                .table(self.table)
                .map(|t| {
                    t.schema
                        .columns
                        .iter()
                        .map(|c| c.name.to_string())
                        .collect()
                })
                .unwrap_or_default(),
        };
        let mut out = Map::new();
        for name in names {
            let Some(hops) = db.resolve_path(self.table, &name) else {
                continue;
            };
            let Some(last) = hops.last() else {
                continue;
            };
            let value = db.walk(row, &hops);
            out.insert(name, self.render_value(db, last, value));
        }
        Value::Object(out)
    }

    fn render_value(&self, db: &Db, column: &Column, value: String) -> Value {
        let display = self.options.display;
        let Some(target) = column.reference else {
            return match display {
                DisplayValue::All => json!({"display_value": value, "value": value}),
                _ => Value::String(value),
            };
        };
        if value.is_empty() {
            return match display {
                DisplayValue::All => json!({"display_value": "", "value": ""}),
                _ => Value::String(value),
            };
        }
        let link = format!("{}/api/now/table/{target}/{value}", self.ctx.origin);
        let shown = || db.display_value(target, &value);
        match (display, self.options.exclude_links) {
            (DisplayValue::False, true) => Value::String(value),
            (DisplayValue::False, false) => json!({"link": link, "value": value}),
            (DisplayValue::True, true) => Value::String(shown()),
            (DisplayValue::True, false) => json!({"display_value": shown(), "link": link}),
            (DisplayValue::All, true) => json!({"display_value": shown(), "value": value}),
            (DisplayValue::All, false) => {
                json!({"display_value": shown(), "link": link, "value": value})
            }
        }
    }
}

/// `GET` on a table: filter, sort, count, page, render.
fn list(
    view: &TableView<'_>,
    db: &Db,
    params: &Params,
    path: &str,
    version: ApiVersion,
    readable: bool,
) -> Reply {
    let table = view.table;
    let query = Query::parse(params.get("sysparm_query").unwrap_or(""));
    let strict = db.property("glide.invalid_query.returns_no_rows") == Some("true");
    let mut matching: Vec<&Row> = match db.table(table) {
        Some(t) if readable => t
            .rows
            .iter()
            .filter(|row| query.matches(&RowView { db, table, row }, strict))
            .collect(),
        _ => Vec::new(),
    };
    sort_rows(db, table, &query, &mut matching);
    let total = matching.len();
    let limit = params
        .get("sysparm_limit")
        .and_then(|l| l.trim().parse::<usize>().ok())
        .filter(|l| *l > 0)
        .unwrap_or(10_000);
    let offset = params
        .get("sysparm_offset")
        .and_then(|o| o.trim().parse::<usize>().ok())
        .unwrap_or(0);
    // The limit is applied before row-level ACLs filter the page (c_TableAPI.md).
    let every = view
        .ctx
        .acl_hidden
        .iter()
        .find(|(t, _)| t == table)
        .map(|(_, n)| *n);
    let page: Vec<Value> = matching
        .iter()
        .enumerate()
        .skip(offset)
        .take(limit)
        .filter(|(i, _)| every.is_none_or(|n| n == 0 || (i + 1) % n != 0))
        .map(|(_, row)| view.render(db, row))
        .collect();
    if version == ApiVersion::V1 && page.is_empty() {
        // The detail as an instance answered it (ServiceNow community, "404 Error in case of
        // REST API not returning any data", Oct 2024).
        return Reply::json(
            404,
            &error_body(
                "No Record found",
                Some("Records matching query not found. Check query parameter or offset parameter"),
            ),
        );
    }
    let mut reply = Reply::json(200, &json!({"result": page}));
    if !view.ctx.no_total_count {
        reply = reply.with_header("X-Total-Count", total.to_string());
    }
    if total > limit || offset > 0 {
        let link = link_header(&view.ctx.origin, path, params, limit, offset, total);
        reply = reply.with_header("Link", link);
    }
    reply
}

/// Sort `rows` of `table` by the query's `ORDERBY`/`ORDERBYDESC` fields (those that resolve).
fn sort_rows(db: &Db, table: &str, query: &Query, rows: &mut [&Row]) {
    let order: Vec<(Vec<Column>, bool)> = query
        .order
        .iter()
        .filter_map(|o| Some((db.resolve_path(table, &o.field)?, o.descending)))
        .collect();
    if !order.is_empty() {
        rows.sort_by(|a, b| {
            for (hops, descending) in &order {
                let ordering = compare_values(&db.walk(a, hops), &db.walk(b, hops));
                let ordering = if *descending {
                    ordering.reverse()
                } else {
                    ordering
                };
                if ordering.is_ne() {
                    return ordering;
                }
            }
            std::cmp::Ordering::Equal
        });
    }
}

/// ServiceNow's `Link` header: `<url>;rel="first"`, `prev`, `next`, `last`, comma separated,
/// each URL keeping the request's other `sysparm_` parameters as received.
fn link_header(
    origin: &str,
    path: &str,
    params: &Params,
    limit: usize,
    offset: usize,
    total: usize,
) -> String {
    let others: Vec<&str> = params
        .raw()
        .filter(|(key, _)| {
            key.starts_with("sysparm_") && *key != "sysparm_limit" && *key != "sysparm_offset"
        })
        .map(|(_, raw)| raw)
        .collect();
    let rest = if others.is_empty() {
        String::new()
    } else {
        format!("&{}", others.join("&"))
    };
    let url =
        |at: usize| format!("<{origin}{path}?sysparm_limit={limit}&sysparm_offset={at}{rest}>");
    let last = if total == 0 {
        0
    } else {
        (total - 1) / limit * limit
    };
    let mut links = vec![format!("{};rel=\"first\"", url(0))];
    if offset > 0 {
        links.push(format!(
            "{};rel=\"prev\"",
            url(offset.saturating_sub(limit))
        ));
    }
    if offset + limit < total {
        links.push(format!("{};rel=\"next\"", url(offset + limit)));
    }
    links.push(format!("{};rel=\"last\"", url(last)));
    links.join(",")
}

/// Parse a write body: a JSON object whose values are strings (numbers and booleans are
/// stringified, null is empty; other values are ignored).
fn parse_body(body: &[u8]) -> Result<Vec<(String, String)>, Reply> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Vec::new());
    }
    let invalid = || {
        Reply::json(
            400,
            &error_body(
                "Exception while reading request",
                Some("The payload is not valid JSON."),
            ),
        )
    };
    let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(body) else {
        return Err(invalid());
    };
    Ok(object
        .into_iter()
        .filter_map(|(key, value)| {
            let text = match value {
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                Value::Null => String::new(),
                Value::Array(_) | Value::Object(_) => return None,
            };
            Some((key, text))
        })
        .collect())
}

/// Whether a client may set this column (system fields other than `sys_id` are the
/// instance's).
fn writable(field: &str) -> bool {
    !field.starts_with("sys_") || field == "sys_tags"
}

/// `POST` on a table.
fn insert(view: &TableView<'_>, db: &mut Db, request: &Request, user: &str) -> Reply {
    let fields = match parse_body(&request.body) {
        Ok(fields) => fields,
        Err(reply) => return reply,
    };
    let table = view.table;
    let requested_id = fields
        .iter()
        .find(|(f, _)| f == "sys_id")
        .map(|(_, v)| v.to_ascii_lowercase())
        .filter(|id| id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()))
        .filter(|id| db.get(table, id).is_none());
    let sys_id = requested_id.unwrap_or_else(random_sys_id);
    let values: Vec<(&str, &str)> = fields
        .iter()
        .filter(|(f, _)| writable(f))
        .map(|(f, v)| (f.as_str(), v.as_str()))
        .collect();
    let now = now_datetime();
    let Some(row) = db.new_row(table, &sys_id, &now, user, &values) else {
        return invalid_table(table);
    };
    db.push(table, row);
    let Some(row) = db.get(table, &sys_id) else {
        return record_not_found();
    };
    let location = format!("{}/api/now/table/{table}/{sys_id}", view.ctx.origin);
    Reply::json(201, &json!({"result": view.render(db, row)})).with_header("Location", location)
}

/// `PATCH` / `PUT` on a record.
fn update(view: &TableView<'_>, db: &mut Db, request: &Request, user: &str, sys_id: &str) -> Reply {
    let table = view.table;
    if db.get(table, sys_id).is_none() {
        return record_not_found();
    }
    let fields = match parse_body(&request.body) {
        Ok(fields) => fields,
        Err(reply) => return reply,
    };
    let values: Vec<(String, String)> = fields.into_iter().filter(|(f, _)| writable(f)).collect();
    db.update(table, sys_id, &values, user, &now_datetime());
    match db.get(table, sys_id) {
        Some(row) => Reply::json(200, &json!({"result": view.render(db, row)})),
        None => record_not_found(),
    }
}
