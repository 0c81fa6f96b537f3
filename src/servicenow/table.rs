//! The typed Table API: list with an encoded query and chosen fields (following `Link`
//! pagination), get one record, insert, patch.
//!
//! The version is pinned to `/api/now/v2/table`: ServiceNow documents that v1 answers a valid
//! query that matches nothing with 404 `No Record found`, v2 with 200 and `[]`; a 404 on a list
//! is treated as "no rows" all the same. Every request asks for raw values
//! (`sysparm_display_value=false`) and bare sys_ids for references
//! (`sysparm_exclude_reference_link=true`); [`field`] still reads a `{"link","value"}` object.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::LINK;
use reqwest::Method;
use serde_json::{Map, Value};

use super::client::Client;
use super::error::ApiError;
use super::query::Query;

/// The pinned Table API prefix.
pub const TABLE_API: &str = "/api/now/v2/table";

/// Rows per page.
const PAGE: usize = 1000;
/// Pages followed at most; a list longer than this is cut (none of ours comes close).
const MAX_PAGES: usize = 50;

/// One record: field name → value (strings, or `{"link","value"}` for references).
pub type Row = Map<String, Value>;

const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes one query-string value.
pub fn encode_component(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// A field's value as a string: the value itself, a reference's `value`, `""` when absent.
pub fn field<'a>(row: &'a Row, name: &str) -> &'a str {
    match row.get(name) {
        Some(Value::String(s)) => s,
        Some(Value::Object(o)) => o.get("value").and_then(Value::as_str).unwrap_or_default(),
        _ => "",
    }
}

/// The `Link` header's `rel="next"` target, as a path and query on the same instance.
fn next_link(headers: &reqwest::header::HeaderMap) -> Option<String> {
    let link = headers.get(LINK)?.to_str().ok()?;
    link.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        if !params.contains("rel=\"next\"") && !params.contains("rel=next") {
            return None;
        }
        let target = target.trim().trim_start_matches('<').trim_end_matches('>');
        let url = url::Url::parse(target).ok()?;
        Some(match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        })
    })
}

pub(crate) fn rows_of(body: &Value, method: &str, path: &str) -> Result<Vec<Row>, ApiError> {
    match body.get("result") {
        Some(Value::Array(items)) => Ok(items
            .iter()
            .filter_map(|v| v.as_object().cloned())
            .collect()),
        _ => Err(not_table_api(method, path)),
    }
}

fn not_table_api(method: &str, path: &str) -> ApiError {
    ApiError::NotServiceNow {
        status: 200,
        content_type: "application/json".into(),
        why: format!("{method} {path} gave JSON without ServiceNow's `result`"),
    }
}

/// The path of a list request: raw values, bare references, `limit` rows a page.
pub(crate) fn list_path(
    table: &str,
    query: &Query,
    fields: &[&'static str],
    limit: usize,
) -> String {
    let mut path = format!(
        "{TABLE_API}/{table}?sysparm_exclude_reference_link=true&sysparm_display_value=false&sysparm_limit={limit}"
    );
    if !query.is_empty() {
        path.push_str("&sysparm_query=");
        path.push_str(&encode_component(&query.encode()));
    }
    if !fields.is_empty() {
        path.push_str("&sysparm_fields=");
        path.push_str(&encode_component(&fields.join(",")));
    }
    path
}

impl Client {
    /// Lists the rows of `table` matching `query`, with only `fields` (all if empty).
    pub async fn list(
        &self,
        table: &'static str,
        query: &Query,
        fields: &[&'static str],
    ) -> Result<Vec<Row>, ApiError> {
        let path = list_path(table, query, fields, PAGE);
        let mut rows = Vec::new();
        let mut next = Some(path);
        for _ in 0..MAX_PAGES {
            let Some(current) = next.take() else { break };
            let response = match self.request(Method::GET, &current, None).await {
                Ok(r) => r,
                Err(ApiError::Status { status: 404, .. }) => break,
                Err(e) => return Err(e),
            };
            rows.extend(rows_of(
                &response.body,
                "GET",
                &format!("{TABLE_API}/{table}"),
            )?);
            next = next_link(&response.headers).filter(|n| n.starts_with(TABLE_API));
        }
        Ok(rows)
    }

    /// The first `limit` rows of `table` matching `query`, with only `fields`: one request, no
    /// pagination (for suggestions, where the whole table would be too much).
    pub async fn list_first(
        &self,
        table: &'static str,
        query: &Query,
        fields: &[&'static str],
        limit: usize,
    ) -> Result<Vec<Row>, ApiError> {
        let path = list_path(table, query, fields, limit.clamp(1, PAGE));
        match self.request(Method::GET, &path, None).await {
            Ok(response) => rows_of(&response.body, "GET", &format!("{TABLE_API}/{table}")),
            Err(ApiError::Status { status: 404, .. }) => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    /// One record by sys_id, or `None` when there is none.
    pub async fn get(
        &self,
        table: &'static str,
        sys_id: &str,
        fields: &[&'static str],
    ) -> Result<Option<Row>, ApiError> {
        let mut path = format!(
            "{TABLE_API}/{table}/{}?sysparm_exclude_reference_link=true&sysparm_display_value=false",
            encode_component(sys_id)
        );
        if !fields.is_empty() {
            path.push_str("&sysparm_fields=");
            path.push_str(&encode_component(&fields.join(",")));
        }
        match self.request(Method::GET, &path, None).await {
            Ok(r) => match r.body.get("result") {
                Some(Value::Object(o)) => Ok(Some(o.clone())),
                _ => Err(not_table_api("GET", &format!("{TABLE_API}/{table}"))),
            },
            Err(ApiError::Status { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Inserts a record and returns it as stored.
    pub async fn insert(&self, table: &'static str, values: &Row) -> Result<Row, ApiError> {
        let path = format!("{TABLE_API}/{table}?sysparm_exclude_reference_link=true");
        self.write(Method::POST, &path, values).await
    }

    /// Changes the given fields of one record and returns it as stored.
    pub async fn patch(
        &self,
        table: &'static str,
        sys_id: &str,
        values: &Row,
    ) -> Result<Row, ApiError> {
        let path = format!(
            "{TABLE_API}/{table}/{}?sysparm_exclude_reference_link=true",
            encode_component(sys_id)
        );
        self.write(Method::PATCH, &path, values).await
    }

    /// Deletes one record (used to take back an insert when a later write of the same repair
    /// fails).
    pub async fn delete(&self, table: &'static str, sys_id: &str) -> Result<(), ApiError> {
        let path = format!("{TABLE_API}/{table}/{}", encode_component(sys_id));
        self.request(Method::DELETE, &path, None).await.map(|_| ())
    }

    async fn write(&self, method: Method, path: &str, values: &Row) -> Result<Row, ApiError> {
        let body = Value::Object(values.clone());
        let response = self.request(method.clone(), path, Some(&body)).await?;
        match response.body.get("result") {
            Some(Value::Object(o)) => Ok(o.clone()),
            _ => Err(not_table_api(method.as_str(), path)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn field_reads_strings_and_references() {
        let row = json!({"name": "x", "manager": {"link": "https://i/api/now/table/sys_user/1", "value": "1"}, "parent": ""});
        let row = row.as_object().unwrap();
        assert_eq!(field(row, "name"), "x");
        assert_eq!(field(row, "manager"), "1");
        assert_eq!(field(row, "parent"), "");
        assert_eq!(field(row, "missing"), "");
    }

    #[test]
    fn next_link_is_found_among_rels() {
        let mut h = reqwest::header::HeaderMap::new();
        h.insert(LINK, "<https://i.example/api/now/v2/table/x?sysparm_limit=2&sysparm_offset=0>;rel=\"first\",<https://i.example/api/now/v2/table/x?sysparm_limit=2&sysparm_offset=2>;rel=\"next\",<https://i.example/api/now/v2/table/x?sysparm_limit=2&sysparm_offset=4>;rel=\"last\"".parse().unwrap());
        assert_eq!(
            next_link(&h).unwrap(),
            "/api/now/v2/table/x?sysparm_limit=2&sysparm_offset=2"
        );
        h.insert(
            LINK,
            "<https://i.example/api/now/v2/table/x?sysparm_offset=0>;rel=\"first\""
                .parse()
                .unwrap(),
        );
        assert_eq!(next_link(&h), None);
    }

    #[test]
    fn components_are_encoded() {
        assert_eq!(encode_component("a b^c,d=e"), "a%20b%5Ec%2Cd%3De");
    }
}
