//! Reading the release: the build properties, read once (the instance probe) and kept by the
//! client for [`Client::release`](super::Client::release).

use super::Client;
use crate::error::ApiError;
use crate::query::Query;
use crate::release::{family, InstanceInfo};
use crate::table::{field, list_path, rows_of};

/// The properties that may name the build; instances differ in which they hold, so all are
/// asked for in one query.
const PROPERTIES: [&str; 5] = [
    "glide.buildtag",
    "glide.buildtag.last",
    "glide.war",
    "glide.war.assigned",
    "glide.buildname",
];

impl Client {
    /// Reads the release from `sys_properties` (admin-readable; a non-admin usually reads no
    /// row, and then the release is unknown) and remembers it for [`Client::release`].
    pub async fn read_release(&self) -> Result<InstanceInfo, ApiError> {
        let path = list_path(
            "sys_properties",
            &Query::new().in_list("name", &PROPERTIES),
            &["name", "value"],
            PROPERTIES.len(),
        );
        let rows = match self.get_unguarded(&path).await {
            Ok(response) => rows_of(response.body, "GET", "sys_properties")?,
            Err(ApiError::Status { status: 404, .. }) => Vec::new(),
            Err(e) => return Err(e),
        };
        // Filter in code too: a query on a field the table lacked would have matched every row.
        let info = PROPERTIES
            .iter()
            .find_map(|name| {
                let row = rows.iter().find(|r| field(r, "name") == *name)?;
                let value = field(row, "value");
                Some(InstanceInfo {
                    release: Some(family(name, value)?),
                    build: Some(value.to_string()),
                })
            })
            .unwrap_or_default();
        self.note_release(info.release.as_deref());
        Ok(info)
    }
}
