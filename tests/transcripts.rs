//! Docs cannot drift: the human, Markdown and JUnit reports of `check --demo` and the
//! `init --demo` transcript are insta snapshots (tests/snapshots/), and every block of docs/
//! marked `<!-- transcript: NAME -->` must be what a real run prints now.
//!
//! What changes from run to run (the simulator's port, times, durations, sys_ids, bot ids,
//! host names) is replaced by fixed values first ([`redact`]), so a transcript reads like a
//! real one. To take a new output: `INSTA_UPDATE=always cargo test --test main transcripts::`
//! (or `cargo insta review`) for the snapshots, and `SN_HANDOFF_BLESS=1` for the docs blocks;
//! review the diff.

use std::path::{Path, PathBuf};

use regex::Regex;

use crate::common::*;

/// Replaces what differs between two runs with fixed values.
pub fn redact(text: &str) -> String {
    // The simulators' ports, numbered in the order they first show: 41967, 41968, …
    let mut ports: Vec<String> = Vec::new();
    let text = Regex::new(r"127\.0\.0\.1:(\d+)")
        .unwrap()
        .replace_all(text, |c: &regex::Captures| {
            let port = c[1].to_string();
            let n = ports.iter().position(|p| *p == port).unwrap_or_else(|| {
                ports.push(port);
                ports.len() - 1
            });
            format!("127.0.0.1:{}", 41967 + n)
        })
        .into_owned();
    // The simulated bot's id is fixed (the one the demo's webhook URL names), so it stays.
    let rules: [(&str, &str); 7] = [
        // sys_ids.
        (r"\b[0-9a-f]{32}\b", "6816f79cc0a8016401c5a33be04be441"),
        // Elapsed milliseconds.
        (r"\b\d+ ms\b", "12 ms"),
        (r#"time="[0-9.]+""#, r#"time="0.012""#),
        (r#"timestamp="[^"]*""#, r#"timestamp="2026-12-07T09:30:00""#),
        (r#"hostname="[^"]*""#, r#"hostname="ci-runner""#),
        // A progress bar's elapsed time.
        (r"(\d+%)\s+\d+s\b", "$1  3s"),
        // The smoke test's own ids.
        (
            r"sn-handoff-smoke-[0-9a-f]+",
            "sn-handoff-smoke-49ad452ec8f82fbf",
        ),
    ];
    let mut out = text;
    for (pattern, with) in rules {
        out = Regex::new(pattern)
            .unwrap()
            .replace_all(&out, with)
            .into_owned();
    }
    // Activations run at once, so their progress bars come in any order: sorted.
    let bar = Regex::new(r"\[[=> ]{20}\]").unwrap();
    let mut lines: Vec<&str> = out.lines().map(str::trim_end).collect();
    let mut start = 0;
    while start < lines.len() {
        let end = start
            + lines[start..]
                .iter()
                .take_while(|l| bar.is_match(l))
                .count();
        lines[start..end].sort_unstable();
        start = end.max(start + 1);
    }
    lines.join("\n") + "\n"
}

/// What a terminal `width` columns wide shows after `bytes`: carriage returns, cursor moves,
/// line clears and the wrap at the last column applied (dialoguer replaces a question with its
/// answer, indicatif redraws its bars), colours dropped. Every line ever shown is kept, as the
/// scrollback has it.
pub fn screen(bytes: &[u8], width: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut lines: Vec<Vec<char>> = vec![Vec::new()];
    let (mut row, mut col) = (0usize, 0usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                if chars.peek() != Some(&'[') {
                    chars.next();
                    continue;
                }
                chars.next();
                let mut params = String::new();
                let mut command = ' ';
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        command = c;
                        break;
                    }
                    params.push(c);
                }
                let n = params
                    .trim_start_matches('?')
                    .split(';')
                    .next()
                    .and_then(|p| p.parse::<usize>().ok());
                match command {
                    'A' => row = row.saturating_sub(n.unwrap_or(1)),
                    'B' => row += n.unwrap_or(1),
                    'C' => col += n.unwrap_or(1),
                    'D' => col = col.saturating_sub(n.unwrap_or(1)),
                    'G' => col = n.unwrap_or(1).saturating_sub(1),
                    'K' => {
                        while lines.len() <= row {
                            lines.push(Vec::new());
                        }
                        match n.unwrap_or(0) {
                            0 => lines[row].truncate(col),
                            1 => lines[row].iter_mut().take(col).for_each(|c| *c = ' '),
                            _ => lines[row].clear(),
                        }
                    }
                    'J' => {
                        lines.truncate(row + 1);
                        if let Some(line) = lines.get_mut(row) {
                            line.truncate(col);
                        }
                    }
                    _ => {}
                }
            }
            '\r' => col = 0,
            '\n' => {
                row += 1;
                col = 0;
            }
            '\u{8}' => col = col.saturating_sub(1),
            c if c.is_control() => {}
            c => {
                // A character past the last column goes to the next line (the cursor stays
                // on the last column until then, so a line of exactly `width` is one line).
                if col >= width {
                    row += 1;
                    col = 0;
                }
                while lines.len() <= row {
                    lines.push(Vec::new());
                }
                let line = &mut lines[row];
                while line.len() < col {
                    line.push(' ');
                }
                if col < line.len() {
                    line[col] = c;
                } else {
                    line.push(c);
                }
                col += 1;
            }
        }
    }
    let text: Vec<String> = lines
        .iter()
        .map(|l| l.iter().collect::<String>().trim_end().to_string())
        .collect();
    text.join("\n").trim_end().to_string() + "\n"
}

/// The docs page `page` (under docs/, or README.md).
fn page_path(page: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if page == "README.md" {
        root.join(page)
    } else {
        root.join("docs").join(page)
    }
}

/// The code block after `<!-- transcript: NAME -->` in `text`: its range in `text`.
fn block(text: &str, name: &str) -> Option<std::ops::Range<usize>> {
    // A marker is a line of its own (a page may mention the syntax in running text).
    let marker = format!("\n<!-- transcript: {name} -->\n");
    let at = text.find(&marker)? + marker.len() - 1;
    let open = at + text[at..].find("```")?;
    // The fence is as long as it opens (````, for a transcript that holds ``` itself).
    let fence_len = text[open..].chars().take_while(|c| *c == '`').count();
    let fence = format!("\n{}\n", "`".repeat(fence_len));
    let body = open + text[open..].find('\n')? + 1;
    let close = body + text[body - 1..].find(&fence)?;
    Some(body..close)
}

/// Every transcript name marked in `page`.
fn marked(page: &str) -> Vec<String> {
    let text = std::fs::read_to_string(page_path(page)).unwrap();
    text.lines()
        .filter_map(|line| line.strip_prefix("<!-- transcript: "))
        .filter_map(|rest| rest.strip_suffix(" -->"))
        .map(str::to_string)
        .collect()
}

/// Asserts that the block marked `name` in `page` is `output` (its first line, the command,
/// is kept as written); with `SN_HANDOFF_BLESS=1` writes `output` there instead.
pub fn assert_documented(page: &str, name: &str, output: &str) {
    let path = page_path(page);
    let text = std::fs::read_to_string(&path).unwrap();
    let range =
        block(&text, name).unwrap_or_else(|| panic!("{page}: no `<!-- transcript: {name} -->`"));
    let documented = &text[range.clone()];
    // The block starts with the command line (`$ sn-handoff …`), which is the docs' own.
    let (command, shown) = documented.split_once('\n').unwrap_or((documented, ""));
    if shown == output {
        return;
    }
    if std::env::var("SN_HANDOFF_BLESS").is_ok_and(|v| v == "1") {
        let mut new = text.clone();
        new.replace_range(range, &format!("{command}\n{output}"));
        std::fs::write(&path, new).unwrap();
        return;
    }
    let diff = similar_lines(shown, output);
    panic!(
        "{page}: the transcript `{name}` differs from what the run prints now \
         (SN_HANDOFF_BLESS=1 rewrites it):\n{diff}"
    );
}

/// The lines that differ, `-` documented, `+` printed.
fn similar_lines(documented: &str, printed: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (documented.lines().collect(), printed.lines().collect());
    let mut out = String::new();
    for i in 0..a.len().max(b.len()) {
        let (x, y) = (a.get(i), b.get(i));
        if x != y {
            if let Some(x) = x {
                out.push_str(&format!("{:>4} - {x}\n", i + 2));
            }
            if let Some(y) = y {
                out.push_str(&format!("{:>4} + {y}\n", i + 2));
            }
        }
    }
    out
}

/// `check --demo` (a fresh simulated instance) in `format`, as it reaches stdout.
fn check_demo(format: &str) -> String {
    let home = Home::new();
    let r = run(home.cmd().args(["check", "--demo", "--format", format]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    redact(&r.stdout)
}

#[test]
fn the_human_report_of_a_fresh_instance() {
    let text = check_demo("human");
    insta::assert_snapshot!("check_demo_human", text);
    assert_documented("check.md", "check-demo", &text);
}

#[test]
fn the_markdown_report_of_a_fresh_instance() {
    let text = check_demo("markdown");
    insta::assert_snapshot!("check_demo_markdown", text);
    assert_documented("check.md", "check-demo-markdown", &text);
}

#[test]
fn the_junit_report_of_a_fresh_instance() {
    let text = check_demo("junit");
    insta::assert_snapshot!("check_demo_junit", text);
    assert_documented("check.md", "check-demo-junit", &text);
}

#[test]
fn every_marked_transcript_is_tested() {
    // A block marked in a page but compared by no test would drift unseen.
    let tested = [
        ("check.md", "check-demo"),
        ("check.md", "check-demo-markdown"),
        ("check.md", "check-demo-junit"),
        ("init.md", "init-demo"),
    ];
    let pages: Vec<String> = std::fs::read_dir(page_path("x").parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .chain(["README.md".to_string()])
        .collect();
    for page in pages {
        for name in marked(&page) {
            assert!(
                tested.contains(&(page.as_str(), name.as_str())),
                "{page}: `<!-- transcript: {name} -->` is compared by no test"
            );
        }
    }
    for (page, name) in tested {
        assert!(marked(page).contains(&name.to_string()), "{page}: {name}");
    }
}

#[test]
fn the_screen_model_applies_returns_moves_and_clears() {
    let bytes = b"? Question \x1b[2K\r\xe2\x9c\x94 Question \xc2\xb7 yes\nbar 10%\rbar 100%\nx\n\x1b[1Ay\x1b[K\n";
    assert_eq!(screen(bytes, 80), "✔ Question · yes\nbar 100%\ny\n");
    assert_eq!(screen(b"abcdef\r\nx\r\x1b[1A\x1b[2Kz", 3), "abc\nz\nx\n");
    assert_eq!(
        redact("http://127.0.0.1:1234/x in 5 ms, 127.0.0.1:999, 127.0.0.1:1234\n"),
        "http://127.0.0.1:41967/x in 12 ms, 127.0.0.1:41968, 127.0.0.1:41967\n"
    );
}

/// Every command, long option and environment variable of the command line, with the path of
/// the command that has it.
fn command_line() -> Vec<(String, String)> {
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, String)>) {
        for arg in cmd.get_arguments() {
            if let Some(long) = arg.get_long() {
                out.push((path.to_string(), format!("--{long}")));
            }
            if let Some(env) = arg.get_env() {
                out.push((path.to_string(), env.to_string_lossy().into_owned()));
            }
        }
        for sub in cmd.get_subcommands() {
            let path = format!("{path} {}", sub.get_name()).trim().to_string();
            out.push((path.clone(), format!("`sn-handoff {path}")));
            walk(sub, &path, out);
        }
    }
    let mut out = Vec::new();
    walk(&sn_handoff::commands::command(), "", &mut out);
    out.retain(|(_, word)| {
        !["--help", "--version", "`sn-handoff help"]
            .iter()
            .any(|w| word.starts_with(w))
    });
    out
}

#[test]
fn the_contract_names_every_command_option_and_variable() {
    let contract = std::fs::read_to_string(page_path("contract.md")).unwrap();
    let missing: Vec<String> = command_line()
        .into_iter()
        .filter(|(_, word)| !contract.contains(word.as_str()))
        .map(|(path, word)| format!("{word} (of `sn-handoff {path}`)"))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/contract.md does not name:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_json_example_in_the_docs_is_a_document_of_the_schema() {
    // An example in a ```json block is what a user copies: it must be a whole document the
    // binary could print (`…` only inside strings); a sketch of keys goes in running text.
    let pages: Vec<String> = std::fs::read_dir(page_path("x").parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .chain(["README.md".to_string()])
        .collect();
    let mut seen = 0;
    for page in pages {
        let text = std::fs::read_to_string(page_path(&page)).unwrap();
        for (at, _) in text.match_indices("```json\n") {
            let body = &text[at + "```json\n".len()..];
            let body = &body[..body.find("\n```").unwrap()];
            let line = text[..at].lines().count() + 1;
            let doc: serde_json::Value = serde_json::from_str(body)
                .unwrap_or_else(|e| panic!("{page}:{line}: the example is not JSON: {e}"));
            let errors = crate::common::schema::errors("sn-handoff.schema.json", &doc);
            assert!(
                errors.is_empty(),
                "{page}:{line}: not a document of docs/schema/:\n{}",
                errors.join("\n")
            );
            seen += 1;
        }
    }
    assert!(seen >= 3, "{seen} examples");
}

#[test]
fn the_contract_names_every_environment_variable_the_code_reads() {
    // The names as string literals in the source (clap's `env =` attributes are read by
    // `the_contract_names_every_command_option_and_variable`).
    let contract = std::fs::read_to_string(page_path("contract.md")).unwrap();
    let name = Regex::new(r#""(SN_HANDOFF_[A-Z0-9_]+)""#).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = std::collections::BTreeSet::new();
    for dir in ["src", "crates"] {
        for file in files_under(&root.join(dir)) {
            if file.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap();
            for found in name.captures_iter(&text) {
                let var = &found[1];
                // The cached OAuth access token's keyring entry is named like a secret
                // variable, but the environment is never read for it.
                if var != "SN_HANDOFF_ACCESS_TOKEN" && !contract.contains(var) {
                    missing.insert(format!("{var} ({})", file.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/contract.md does not name: {missing:?}"
    );
}
