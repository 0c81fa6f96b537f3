//! The column helpers table schemas are written with: a column's name, the table it
//! references, and its default.

/// One column of a table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    /// Column name (`[a-z0-9_]+`).
    pub name: &'static str,
    /// The table a reference column points at, `None` for a plain column.
    pub reference: Option<&'static str>,
    /// Value of the column in a new record that does not set it.
    pub default: &'static str,
}

/// A plain string column.
pub(crate) const fn text(name: &'static str) -> Column {
    Column {
        name,
        reference: None,
        default: "",
    }
}

/// A plain column with a default.
pub(crate) const fn with_default(name: &'static str, default: &'static str) -> Column {
    Column {
        name,
        reference: None,
        default,
    }
}

/// A reference column.
pub(crate) const fn reference(name: &'static str, target: &'static str) -> Column {
    Column {
        name,
        reference: Some(target),
        default: "",
    }
}
