//! The encoded-query builder for `sysparm_query`.
//!
//! Field names are `&'static str`, so they always come from code, never from input: ServiceNow
//! silently drops a condition on a field the table does not have, which would turn a typo into
//! "every row". Every value is escaped: a literal `^` is written `^^`, so a name such as
//! `Ops ^NQactive=true` stays one value instead of starting a new query.

/// An encoded query: conditions joined by `^` (AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<String>,
}

/// Escapes a value for an encoded query (`^` → `^^`).
pub fn escape(value: &str) -> String {
    value.replace('^', "^^")
}

impl Query {
    /// An empty query (matches every row).
    pub fn new() -> Self {
        Self::default()
    }

    /// `field=value`.
    pub fn eq(mut self, field: &'static str, value: &str) -> Self {
        self.terms.push(format!("{field}={}", escape(value)));
        self
    }

    /// `field=a^ORfield=b…`: one of the values, each escaped. Unlike `IN`, it stays exact for
    /// values that hold commas.
    pub fn one_of(mut self, field: &'static str, values: &[&str]) -> Self {
        if values.is_empty() {
            // Nothing can match an empty set; `sys_idISEMPTY` is false for every row.
            self.terms.push("sys_idISEMPTY".to_string());
            return self;
        }
        let alternatives: Vec<String> = values
            .iter()
            .map(|v| format!("{field}={}", escape(v)))
            .collect();
        self.terms.push(alternatives.join("^OR"));
        self
    }

    /// `fieldINa,b,c` for values fixed in code (plugin ids, role names), which hold no commas.
    pub fn in_list(mut self, field: &'static str, values: &[&'static str]) -> Self {
        debug_assert!(values.iter().all(|v| !v.contains(',')));
        let list: Vec<String> = values.iter().map(|v| escape(v)).collect();
        self.terms.push(format!("{field}IN{}", list.join(",")));
        self
    }

    /// `fieldLIKEvalue` (contains, case-insensitive on ServiceNow).
    pub fn like(mut self, field: &'static str, value: &str) -> Self {
        self.terms.push(format!("{field}LIKE{}", escape(value)));
        self
    }

    /// `^ORfieldLIKEvalue`, ORed with the term before it.
    pub fn or_like(mut self, field: &'static str, value: &str) -> Self {
        let term = format!("{field}LIKE{}", escape(value));
        match self.terms.last_mut() {
            Some(last) => {
                last.push_str("^OR");
                last.push_str(&term);
            }
            None => self.terms.push(term),
        }
        self
    }

    /// `ORDERBYfield`.
    pub fn order_by(mut self, field: &'static str) -> Self {
        self.terms.push(format!("ORDERBY{field}"));
        self
    }

    /// The encoded query, ready for `sysparm_query` (not yet percent-encoded).
    pub fn encode(&self) -> String {
        self.terms.join("^")
    }

    /// Whether the query has no conditions.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carets_are_doubled() {
        assert_eq!(escape("a^b"), "a^^b");
        assert_eq!(escape("^OR"), "^^OR");
        assert_eq!(escape("x^NQactive=true"), "x^^NQactive=true");
        assert_eq!(escape("name=value"), "name=value");
    }

    #[test]
    fn builds_and_of_terms() {
        let q = Query::new()
            .eq("group.name", "Consumer Service Support")
            .in_list("role.name", &["awa_agent", "agent_workspace_user"]);
        assert_eq!(
            q.encode(),
            "group.name=Consumer Service Support^role.nameINawa_agent,agent_workspace_user"
        );
    }

    #[test]
    fn hostile_values_stay_one_value() {
        let q = Query::new().eq("name", "Ops ^ORactive=true^NQname=x");
        assert_eq!(q.encode(), "name=Ops ^^ORactive=true^^NQname=x");
        let q = Query::new().one_of("name", &["a,b", "c^d"]);
        assert_eq!(q.encode(), "name=a,b^ORname=c^^d");
    }

    #[test]
    fn empty_one_of_matches_nothing() {
        assert_eq!(Query::new().one_of("name", &[]).encode(), "sys_idISEMPTY");
    }
}
