//! Every environment variable is named once (`sn_handoff::env`): each name the code, its help,
//! its messages and the completion scripts mention is one of that table, and every option that
//! reads one takes its name from it. (docs/ also names variables not built yet, scripts/ the
//! test harness's own, and the CI templates their own.)

use std::path::Path;

use sn_handoff::env::ALL;

/// The `SN_HANDOFF_…` words of `text`.
fn names(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("SN_HANDOFF_") {
        let tail = &rest[at..];
        let len = tail
            .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(tail.len());
        let word = tail[..len].trim_end_matches('_');
        if word.len() > "SN_HANDOFF".len() {
            found.push(word);
        }
        rest = &tail[len..];
    }
    found
}

fn files(dir: &Path, into: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, into);
        } else {
            into.push(path);
        }
    }
}

#[test]
fn every_variable_named_anywhere_is_in_the_one_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in ["src", "crates", "completions"] {
        files(&root.join(dir), &mut paths);
    }
    let mut unknown = Vec::new();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for name in names(&text) {
            // A profile's own secret is `SN_HANDOFF_<PROFILE>_<SECRET>`; the live suite's
            // settings (tests/live.rs) are not the program's.
            let per_profile = ALL
                .iter()
                .any(|known| name.ends_with(&known["SN_HANDOFF".len()..]));
            if !ALL.contains(&name) && !per_profile && !name.starts_with("SN_HANDOFF_LIVE_") {
                unknown.push(format!("{}: {name}", path.display()));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "names missing from src/env.rs (or misspelt):\n{}",
        unknown.join("\n")
    );
}

#[test]
fn every_option_reads_its_variable_by_the_tables_name() {
    fn walk(cmd: &clap::Command, out: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            if let Some(env) = arg.get_env() {
                out.push(env.to_string_lossy().into_owned());
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, out);
        }
    }
    let mut read = Vec::new();
    walk(&sn_handoff::commands::command(), &mut read);
    assert!(read.len() > 10, "{read:?}");
    for name in read {
        assert!(ALL.contains(&name.as_str()), "{name}");
    }
    assert_eq!(
        names("a SN_HANDOFF_X_Y=1 and SN_HANDOFF_ alone"),
        ["SN_HANDOFF_X_Y"]
    );
}
