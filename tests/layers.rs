//! The application's layers, kept by a test: every `crate::…` path in `src/` names a module of
//! the same layer or a lower one. The table is below; docs/development.md draws it.
//!
//! ```text
//! 6 commands   src/commands/, src/lib.rs, src/main.rs
//! 5 reports    src/report/
//! 4 steps      src/steps/, src/kore/ (the Kore.ai side: its settings, status and connect)
//! 3 journal    src/journal/, src/state.rs
//! 2 settings   src/settings/, src/cli/, src/config.rs, src/credentials.rs, src/keystore.rs
//! 1 ui         src/ui/ (takes its choices as values: --color's, --format's)
//! 0 leaf       src/fs.rs, src/text.rs, src/error.rs, the values every layer names
//!              (src/step_id.rs, src/command_line.rs, src/env.rs), and the faces of the crates:
//!              src/servicenow.rs, src/sim.rs
//! ```
//!
//! The clients and the simulators are crates of their own (crates/), so Cargo keeps them
//! from importing the application at all.

use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and its layer.
const LAYERS: &[(&str, u8)] = &[
    ("fs", 0),
    ("text", 0),
    ("error", 0),
    ("step_id", 0),
    ("env", 0),
    ("command_line", 0),
    ("servicenow", 0),
    ("sim", 0),
    ("ui", 1),
    ("settings", 2),
    ("cli", 2),
    ("config", 2),
    ("credentials", 2),
    ("keystore", 2),
    ("state", 3),
    ("journal", 3),
    ("steps", 4),
    ("kore", 4),
    ("report", 5),
    ("commands", 6),
    ("lib", 6),
    ("main", 6),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The top-level module a file of `src/` belongs to: `src/steps/x.rs` → `steps`.
fn module_of(relative: &Path) -> String {
    let first = relative.components().next().expect("a path under src/");
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_string()
}

/// The top-level modules `source` names through `crate::`, with their line numbers: `use
/// crate::a::b`, `crate::a::f()`, `use crate::{a::x, b}`. Comments are skipped.
fn imports(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().last();
            rest = &rest[at + "crate::".len()..];
            // `sn_handoff_crate::` or the like is another name.
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or("");
                for item in inner.split(',') {
                    let module = item.trim().split("::").next().unwrap_or("").trim();
                    if !module.is_empty() {
                        found.push((n + 1, module.to_string()));
                    }
                }
            } else {
                let module: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.push((n + 1, module));
            }
        }
    }
    found
}

/// Every import up a layer in `source` (the file `relative` to `src/`), as
/// `file:line imports module (layer a → b)`; modules the table does not know are errors too.
fn upward(relative: &Path, source: &str) -> Vec<String> {
    let module = module_of(relative);
    let file = format!("src/{}", relative.display());
    let Some(mine) = layer(&module) else {
        return vec![format!("`{module}` has no layer in the table")];
    };
    let mut out = Vec::new();
    for (line, target) in imports(source) {
        match layer(&target) {
            Some(theirs) if theirs > mine => out.push(format!(
                "{file}:{line} imports crate::{target} (layer {theirs}) from layer {mine} ({module})"
            )),
            Some(_) => {}
            // `crate::run` and the like: the root's own items are the top layer's.
            None if mine == 6 => {}
            None => out.push(format!(
                "{file}:{line} names crate::{target}, which has no layer in the table"
            )),
        }
    }
    out
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

#[test]
fn no_module_imports_from_a_layer_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 50, "read {} files of src/", files.len());
    let mut broken = Vec::new();
    for path in &files {
        let relative = path.strip_prefix(&src).unwrap();
        let source = std::fs::read_to_string(path).unwrap();
        broken.extend(upward(relative, &source));
    }
    assert!(
        broken.is_empty(),
        "imports up a layer (see tests/layers.rs and docs/development.md):\n{}",
        broken.join("\n")
    );
}

#[test]
fn an_import_up_a_layer_is_caught_and_named() {
    let source = "use crate::error::Result;\n\
                  // crate::commands in a comment is no import\n\
                  pub fn f() { crate::commands::check::run(); }\n\
                  use crate::{fs, report::Format};\n";
    let found = upward(Path::new("journal/x.rs"), source);
    assert_eq!(
        found,
        [
            "src/journal/x.rs:3 imports crate::commands (layer 6) from layer 3 (journal)",
            "src/journal/x.rs:4 imports crate::report (layer 5) from layer 3 (journal)",
        ]
    );
    // The same imports from the top are fine, and so are other crates' names.
    assert!(upward(Path::new("commands/x.rs"), source).is_empty());
    assert!(upward(Path::new("fs.rs"), "use sn_handoff_servicenow::time;").is_empty());
    // A module the table does not know is named.
    let unknown = upward(Path::new("newthing.rs"), "");
    assert!(
        unknown[0].contains("`newthing` has no layer"),
        "{unknown:?}"
    );
}
