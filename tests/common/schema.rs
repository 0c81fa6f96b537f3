//! The JSON Schemas of docs/schema/, which every JSON document the tests read from the binary
//! is validated against (see [`super::parse_output`]).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jsonschema::{Registry, Validator};
use serde_json::Value;

/// The schema files, each registered under its `$id`.
pub const FILES: [&str; 6] = [
    "common.schema.json",
    "check-report.schema.json",
    "error.schema.json",
    "why-no-agent.schema.json",
    "set-webhook.schema.json",
    "sn-handoff.schema.json",
];

/// docs/schema/ of this checkout.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema")
}

fn load(name: &str) -> Value {
    let path = dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A validator for the schema in `name`, with every schema file there to `$ref`.
pub fn validator(name: &str) -> Validator {
    let resources = FILES.iter().map(|file| {
        let schema = load(file);
        let id = schema["$id"]
            .as_str()
            .expect("every schema has an $id")
            .to_string();
        (id, schema)
    });
    let registry = Registry::new()
        .extend(resources)
        .and_then(|builder| builder.prepare())
        .unwrap_or_else(|e| panic!("the schemas of docs/schema/: {e}"));
    jsonschema::options()
        .with_registry(&registry)
        .build(&load(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Why `doc` is not valid against the schema in `name`, if it is not.
pub fn errors(name: &str, doc: &Value) -> Vec<String> {
    static ANY: OnceLock<Validator> = OnceLock::new();
    static REPORT: OnceLock<Validator> = OnceLock::new();
    static ERROR: OnceLock<Validator> = OnceLock::new();
    let validator = match name {
        "sn-handoff.schema.json" => ANY.get_or_init(|| validator(name)),
        "check-report.schema.json" => REPORT.get_or_init(|| validator(name)),
        "error.schema.json" => ERROR.get_or_init(|| validator(name)),
        _ => return collect(&validator(name), doc),
    };
    collect(validator, doc)
}

fn collect(validator: &Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Panics unless `doc` is one of the documents of docs/schema/sn-handoff.schema.json. A
/// document shaped like the check report or the error document is also held to that schema
/// alone, so that the message names what is wrong with it rather than every other document.
pub fn assert_valid(doc: &Value) {
    let own = if doc.get("steps").is_some() && doc.get("schema").is_some() {
        Some("check-report.schema.json")
    } else if doc.get("error").is_some_and(Value::is_object) && doc.get("exit").is_some() {
        Some("error.schema.json")
    } else {
        None
    };
    if let Some(name) = own {
        let errors = errors(name, doc);
        assert!(
            errors.is_empty(),
            "not valid against docs/schema/{name}:\n{}\n{doc:#}",
            errors.join("\n")
        );
    }
    let errors = errors("sn-handoff.schema.json", doc);
    assert!(
        errors.is_empty(),
        "not any document of docs/schema/sn-handoff.schema.json:\n{}\n{doc:#}",
        errors.join("\n")
    );
}
