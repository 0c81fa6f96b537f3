//! The encoded-query language of the simulated Table API (`sysparm_query`): parsing and
//! matching.
//!
//! Grammar, as ServiceNow documents it: conditions are joined by `^` (AND) and `^OR` (OR, which
//! binds tighter than AND, so `a=1^ORb=2^c=3` is `(a=1 OR b=2) AND c=3`); `^NQ` starts a new
//! query that is ORed with everything before it. A literal `^` inside a value is written `^^`.
//! `ORDERBYfield` / `ORDERBYDESCfield` terms sort the result, and the `^EQ` end marker that
//! ServiceNow's own list filters append is ignored.
//!
//! The quirk this module reproduces: a condition on a field that the table does not have (or a
//! dot-walk through a hop that does not exist) is dropped from the query, so a typo silently
//! matches every row, unless the instance sets `glide.invalid_query.returns_no_rows`, in which
//! case such a query matches nothing.

use std::cmp::Ordering;

/// A row as the matcher sees it: field (possibly dot-walked) to stored value.
pub(crate) trait Record {
    /// The stored value of `field`, `Some("")` when it is empty or a dot-walk passes through an
    /// empty reference, and `None` when the field (or any hop of it) does not exist.
    fn get(&self, field: &str) -> Option<String>;
}

/// A condition operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    In,
    NotIn,
    StartsWith,
    EndsWith,
    Like,
    NotLike,
    IsEmpty,
    IsNotEmpty,
    Lt,
    Le,
    Gt,
    Ge,
    Anything,
    EmptyString,
}

/// Operators in the order they must be tried (longer spellings before their prefixes).
const OPERATORS: &[(&str, Op)] = &[
    ("ISNOTEMPTY", Op::IsNotEmpty),
    ("ISEMPTY", Op::IsEmpty),
    ("ANYTHING", Op::Anything),
    ("EMPTYSTRING", Op::EmptyString),
    ("NOT IN", Op::NotIn),
    ("NOT LIKE", Op::NotLike),
    ("STARTSWITH", Op::StartsWith),
    ("ENDSWITH", Op::EndsWith),
    ("LIKE", Op::Like),
    ("IN", Op::In),
    ("!=", Op::Ne),
    ("<=", Op::Le),
    (">=", Op::Ge),
    ("=", Op::Eq),
    ("<", Op::Lt),
    (">", Op::Gt),
];

/// One `field OP value` condition. `op` is `None` when the text after the field name is no
/// operator ServiceNow knows; such a condition is dropped like one on an unknown field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Condition {
    pub field: String,
    pub op: Option<Op>,
    pub value: String,
}

/// A sort key from an `ORDERBY` / `ORDERBYDESC` term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OrderBy {
    pub field: String,
    pub descending: bool,
}

/// A parsed encoded query: `segments` are ORed (`^NQ`), each segment is a list of groups that
/// are ANDed, each group a list of conditions that are ORed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Query {
    pub segments: Vec<Vec<Vec<Condition>>>,
    pub order: Vec<OrderBy>,
}

/// How a term was joined to the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    First,
    And,
    Or,
    NewQuery,
}

/// Split an encoded query at its separators, turning `^^` into a literal `^`.
fn split_terms(s: &str) -> Vec<(Join, String)> {
    let mut terms = Vec::new();
    let mut current = String::new();
    let mut join = Join::First;
    let mut rest = s;
    while let Some(pos) = rest.find('^') {
        current.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        if let Some(stripped) = after.strip_prefix('^') {
            current.push('^');
            rest = stripped;
            continue;
        }
        terms.push((join, std::mem::take(&mut current)));
        if let Some(stripped) = after.strip_prefix("NQ") {
            join = Join::NewQuery;
            rest = stripped;
        } else if after.starts_with("ORDERBY") {
            join = Join::And;
            rest = after;
        } else if let Some(stripped) = after.strip_prefix("OR") {
            join = Join::Or;
            rest = stripped;
        } else {
            join = Join::And;
            rest = after;
        }
    }
    current.push_str(rest);
    terms.push((join, current));
    terms
}

/// Parse one condition term.
fn parse_condition(term: &str) -> Condition {
    let end = term
        .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.'))
        .unwrap_or(term.len());
    let (field, rest) = term.split_at(end);
    for (spelling, op) in OPERATORS {
        if let Some(value) = rest.strip_prefix(spelling) {
            return Condition {
                field: field.to_string(),
                op: Some(*op),
                value: value.to_string(),
            };
        }
    }
    Condition {
        field: field.to_string(),
        op: None,
        value: rest.to_string(),
    }
}

impl Query {
    /// Parse an encoded query (already percent-decoded).
    pub(crate) fn parse(s: &str) -> Query {
        let mut query = Query::default();
        if s.is_empty() {
            return query;
        }
        let mut segment: Vec<Vec<Condition>> = Vec::new();
        for (join, term) in split_terms(s) {
            if join == Join::NewQuery {
                query.segments.push(std::mem::take(&mut segment));
            }
            if let Some(field) = term.strip_prefix("ORDERBYDESC") {
                query.order.push(OrderBy {
                    field: field.to_string(),
                    descending: true,
                });
                continue;
            }
            if let Some(field) = term.strip_prefix("ORDERBY") {
                query.order.push(OrderBy {
                    field: field.to_string(),
                    descending: false,
                });
                continue;
            }
            if term.is_empty() || term == "EQ" {
                continue;
            }
            let condition = parse_condition(&term);
            match (join, segment.last_mut()) {
                (Join::Or, Some(group)) => group.push(condition),
                _ => segment.push(vec![condition]),
            }
        }
        query.segments.push(segment);
        query
    }

    /// Whether `record` matches. `strict` is `glide.invalid_query.returns_no_rows`: when set,
    /// a query holding an invalid condition matches nothing instead of dropping it.
    pub(crate) fn matches(&self, record: &dyn Record, strict: bool) -> bool {
        if self.segments.is_empty() {
            return true;
        }
        if strict && self.has_invalid_condition(record) {
            return false;
        }
        self.segments.iter().any(|segment| {
            segment.iter().all(|group| {
                let mut valid = group.iter().filter_map(|c| evaluate(c, record)).peekable();
                // A group whose every condition was dropped constrains nothing.
                valid.peek().is_none() || valid.any(|matched| matched)
            })
        })
    }

    fn has_invalid_condition(&self, record: &dyn Record) -> bool {
        self.segments
            .iter()
            .flatten()
            .flatten()
            .any(|c| c.op.is_none() || record.get(&c.field).is_none())
    }
}

/// Evaluate one condition: `None` when it is dropped (unknown field or operator).
fn evaluate(condition: &Condition, record: &dyn Record) -> Option<bool> {
    let op = condition.op?;
    let actual = record.get(&condition.field)?;
    let expected = condition.value.as_str();
    let list = || expected.split(',').filter(|item| !item.is_empty());
    let lower = || (actual.to_lowercase(), expected.to_lowercase());
    Some(match op {
        Op::Eq => actual == expected,
        Op::Ne => actual != expected,
        Op::In => list().any(|item| item == actual),
        Op::NotIn => !list().any(|item| item == actual),
        Op::StartsWith => {
            let (a, e) = lower();
            a.starts_with(&e)
        }
        Op::EndsWith => {
            let (a, e) = lower();
            a.ends_with(&e)
        }
        Op::Like => {
            let (a, e) = lower();
            a.contains(&e)
        }
        Op::NotLike => {
            let (a, e) = lower();
            !a.contains(&e)
        }
        Op::IsEmpty => actual.is_empty(),
        Op::IsNotEmpty => !actual.is_empty(),
        Op::Lt => compare_values(&actual, expected) == Ordering::Less,
        Op::Le => compare_values(&actual, expected) != Ordering::Greater,
        Op::Gt => compare_values(&actual, expected) == Ordering::Greater,
        Op::Ge => compare_values(&actual, expected) != Ordering::Less,
        Op::Anything => true,
        Op::EmptyString => actual.is_empty(),
    })
}

/// Compare two stored values: numerically when both are numbers, else as strings.
pub(crate) fn compare_values(a: &str, b: &str) -> Ordering {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        _ => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Row(HashMap<&'static str, &'static str>);

    impl Record for Row {
        fn get(&self, field: &str) -> Option<String> {
            self.0.get(field).map(|v| v.to_string())
        }
    }

    fn row(pairs: &[(&'static str, &'static str)]) -> Row {
        Row(pairs.iter().copied().collect())
    }

    fn m(query: &str, r: &Row) -> bool {
        Query::parse(query).matches(r, false)
    }

    #[test]
    fn or_binds_tighter_than_and() {
        let q = "a=1^ORb=2^c=3";
        assert!(m(q, &row(&[("a", "1"), ("b", "0"), ("c", "3")])));
        assert!(m(q, &row(&[("a", "0"), ("b", "2"), ("c", "3")])));
        assert!(!m(q, &row(&[("a", "1"), ("b", "2"), ("c", "0")])));
        assert!(!m(q, &row(&[("a", "0"), ("b", "0"), ("c", "3")])));
    }

    #[test]
    fn new_query_is_ored_with_the_whole_previous_query() {
        let q = "a=1^b=2^NQc=3";
        assert!(m(q, &row(&[("a", "1"), ("b", "2"), ("c", "0")])));
        assert!(m(q, &row(&[("a", "0"), ("b", "0"), ("c", "3")])));
        assert!(!m(q, &row(&[("a", "1"), ("b", "0"), ("c", "0")])));
        let parsed = Query::parse(q);
        assert_eq!(parsed.segments.len(), 2);
        assert_eq!(parsed.segments[0].len(), 2);
    }

    #[test]
    fn double_caret_is_a_literal_caret() {
        let r = row(&[("name", "Ops ^ Escalation"), ("active", "true")]);
        assert!(m("name=Ops ^^ Escalation^active=true", &r));
        assert!(!m("name=Ops ^ Escalation", &r));
        let parsed = Query::parse("name=a^^^ORname=b");
        assert_eq!(parsed.segments[0].len(), 1);
        assert_eq!(parsed.segments[0][0][0].value, "a^");
        assert_eq!(parsed.segments[0][0][1].value, "b");
        let caret = row(&[("user_name", "caret^user")]);
        assert!(m("user_name=caret^^user", &caret));
    }

    #[test]
    fn in_and_not_in_take_comma_lists() {
        let r = row(&[("name", "VA Bot to Bot")]);
        assert!(m("nameINVABot to Bot,VA Bot to Bot", &r));
        assert!(!m("nameNOT INVABot to Bot,VA Bot to Bot", &r));
        assert!(m("nameNOT INx,y", &r));
        assert!(!m("nameINx,y", &r));
    }

    #[test]
    fn unknown_fields_are_dropped_or_strict() {
        let r = row(&[("name", "x")]);
        assert!(m("nmae=nothing", &r));
        assert!(m("nmae=nothing^name=x", &r));
        assert!(!m("nmae=nothing^name=y", &r));
        // Dropped from an OR group, not treated as true inside it.
        assert!(!m("name=y^ORnmae=nothing", &r));
        assert!(!Query::parse("nmae=nothing").matches(&r, true));
        assert!(Query::parse("name=x").matches(&r, true));
    }

    #[test]
    fn dot_walked_fields_reach_the_record() {
        let r = row(&[
            ("group.name", "Consumer Service Support"),
            ("role.name", "awa_agent"),
        ]);
        assert!(m(
            "group.name=Consumer Service Support^role.nameINawa_agent,agent_workspace_user",
            &r
        ));
        assert!(m("group.nmae=whatever", &r));
    }

    #[test]
    fn string_operators() {
        let r = row(&[("name", "Customer Service Support"), ("empty", "")]);
        assert!(m("nameSTARTSWITHcustomer", &r));
        assert!(m("nameENDSWITHSupport", &r));
        assert!(m("nameLIKEservice", &r));
        assert!(m("nameNOT LIKEconsumer", &r));
        assert!(m("emptyISEMPTY^nameISNOTEMPTY", &r));
        assert!(!m("nameISEMPTY", &r));
        assert!(m("name!=Consumer Service Support", &r));
        assert!(!m("name=customer service support", &r));
    }

    #[test]
    fn comparisons_are_numeric_when_possible() {
        let r = row(&[("sys_mod_count", "10"), ("when", "2024-01-02 00:00:00")]);
        assert!(m("sys_mod_count>9", &r));
        assert!(m("sys_mod_count>=10^sys_mod_count<=10", &r));
        assert!(!m("sys_mod_count<9", &r));
        assert!(m("when>2024-01-01 00:00:00", &r));
    }

    #[test]
    fn order_terms_and_end_marker() {
        let q = Query::parse("active=true^ORDERBYname^ORDERBYDESCsys_created_on^EQ");
        assert_eq!(
            q.order,
            vec![
                OrderBy {
                    field: "name".into(),
                    descending: false
                },
                OrderBy {
                    field: "sys_created_on".into(),
                    descending: true
                }
            ]
        );
        assert_eq!(q.segments, vec![vec![vec![parse_condition("active=true")]]]);
        assert!(Query::parse("").matches(&row(&[]), true));
    }
}

#[cfg(test)]
mod escaping_properties {
    use proptest::prelude::*;

    use super::{Op, Query};
    use sn_handoff_servicenow::query::Query as ClientQuery;

    proptest! {
        /// What the client escapes, the instance's parser reads back as the same value, in
        /// one condition, however many carets, `^OR`, `^NQ`, `=` or commas it holds.
        #[test]
        fn escaping_then_parsing_gives_back_the_value(value in "[\\^a-zA-Z0-9=,.' \"ORNQ\u{e9}\u{30b0}-]{0,40}") {
            let encoded = ClientQuery::new().eq("name", &value).eq("active", "true").encode();
            let parsed = Query::parse(&encoded);
            prop_assert_eq!(parsed.segments.len(), 1, "{}", encoded);
            let groups = &parsed.segments[0];
            prop_assert_eq!(groups.len(), 2, "{}", encoded);
            prop_assert_eq!(groups[0].len(), 1);
            prop_assert_eq!(&groups[0][0].field, "name");
            prop_assert_eq!(groups[0][0].op, Some(Op::Eq));
            prop_assert_eq!(&groups[0][0].value, &value);
            prop_assert_eq!(&groups[1][0].value, "true");
        }

        /// `one_of` gives one OR group whose values are exactly the inputs.
        #[test]
        fn one_of_parses_to_one_or_group(values in proptest::collection::vec("[\\^a-z,=ORNQ ]{0,12}", 1..5)) {
            let refs: Vec<&str> = values.iter().map(String::as_str).collect();
            let encoded = ClientQuery::new().one_of("name", &refs).encode();
            let parsed = Query::parse(&encoded);
            prop_assert_eq!(parsed.segments.len(), 1, "{}", encoded);
            prop_assert_eq!(parsed.segments[0].len(), 1, "{}", encoded);
            let got: Vec<&str> = parsed.segments[0][0].iter().map(|c| c.value.as_str()).collect();
            prop_assert_eq!(got, refs);
        }
    }
}
