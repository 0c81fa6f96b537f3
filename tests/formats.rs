//! `check --format`: the JUnit XML (parsed with an XML parser), the GitHub annotations and job
//! summary file, the Markdown table, the SARIF log (validated against the published SARIF 2.1.0
//! schema), and exit codes that do not depend on the format. Each
//! format is compared with the JSON report of the same instance, so they tell the same story.

use serde_json::Value;

use crate::common::*;

const WEBHOOK: &str = sn_handoff::sim::CONFIGURED_WEBHOOK_URL;
const FORMATS: [&str; 6] = ["human", "json", "junit", "github", "markdown", "sarif"];

/// A group name that every format has to escape: markup, quotes, a CDATA end, a table pipe,
/// percent escapes, a colon and comma, a line break and a control character.
const HOSTILE_GROUP: &str = "Ops <&> \"q\" 'a' ]]> | 50%0A a:b, c\nnext \u{7}";

fn check(sim: &Sim, home: &Home, format: &str, extra: &[&str]) -> Run {
    run(sim
        .cmd(home)
        .args(["check", "--format", format])
        .args(extra))
}

/// The JSON report's steps, for comparing the other formats with.
fn json_steps(sim: &Sim, home: &Home, extra: &[&str]) -> Vec<Value> {
    let r = check(sim, home, "json", extra);
    r.json()["steps"].as_array().unwrap().clone()
}

fn text(step: &Value, key: &str) -> String {
    step[key].as_str().unwrap_or_default().to_string()
}

/// What every format shows of the hostile name's line break and bell: visible escapes, so
/// neither reaches a terminal or a log as it is.
fn visible(s: &str) -> String {
    s.replace('\n', "\\n").replace('\u{7}', "\\u{7}")
}

/// Checks the document against the shape of the common JUnit schema (Jenkins xunit-plugin
/// `junit-10.xsd`, which GitLab reads too) and returns the test cases as (name, kind,
/// message, text): kind is `failure`, `skipped` or `pass`.
fn junit_cases(
    xml: &str,
) -> (
    Vec<(String, String, String, String)>,
    roxmltree::Document<'_>,
) {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    only_attributes(root, &["name", "time", "tests", "failures", "errors"]);
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 1, "one testsuite");
    let suite = suites[0];
    assert_eq!(suite.tag_name().name(), "testsuite");
    assert_eq!(suite.attribute("name"), Some("sn-handoff check"));
    for required in ["name", "tests", "failures", "errors"] {
        assert!(suite.attribute(required).is_some(), "testsuite@{required}");
    }
    only_attributes(
        suite,
        &[
            "name",
            "tests",
            "failures",
            "errors",
            "group",
            "time",
            "skipped",
            "timestamp",
            "hostname",
            "id",
            "package",
            "file",
            "log",
            "url",
        ],
    );
    let time = suite.attribute("time").unwrap();
    assert!(
        time.split_once('.')
            .is_some_and(|(s, ms)| s.parse::<u64>().is_ok() && ms.len() == 3),
        "time {time}"
    );
    let mut cases = Vec::new();
    for child in suite.children().filter(|n| n.is_element()) {
        match child.tag_name().name() {
            "properties" => {
                for p in child.children().filter(|n| n.is_element()) {
                    assert_eq!(p.tag_name().name(), "property");
                    assert!(p.attribute("name").is_some() && p.attribute("value").is_some());
                }
                continue;
            }
            "testcase" => {}
            other => panic!("unexpected <{other}> in the testsuite"),
        }
        assert_eq!(child.attribute("classname"), Some("sn-handoff.check"));
        only_attributes(child, &["name", "time", "classname", "group"]);
        let name = child.attribute("name").unwrap().to_string();
        let mut kind = ("pass".to_string(), String::new(), String::new());
        for el in child.children().filter(|n| n.is_element()) {
            let body = el.text().unwrap_or_default().to_string();
            match el.tag_name().name() {
                "failure" => {
                    assert_eq!(kind.0, "pass", "{name}: one outcome");
                    kind = (
                        "failure".into(),
                        el.attribute("message").unwrap().into(),
                        body,
                    );
                }
                "skipped" => {
                    assert_eq!(kind.0, "pass", "{name}: one outcome");
                    kind = (
                        "skipped".into(),
                        el.attribute("message").unwrap().into(),
                        body,
                    );
                }
                "system-out" => kind.2 = body,
                other => panic!("unexpected <{other}> in testcase {name}"),
            }
        }
        cases.push((name, kind.0, kind.1, kind.2));
    }
    let count = |k: &str| cases.iter().filter(|c| c.1 == k).count().to_string();
    assert_eq!(
        suite.attribute("tests"),
        Some(cases.len().to_string().as_str())
    );
    assert_eq!(suite.attribute("failures"), Some(count("failure").as_str()));
    assert_eq!(suite.attribute("skipped"), Some(count("skipped").as_str()));
    assert_eq!(suite.attribute("errors"), Some("0"));
    (cases, doc)
}

/// The schema allows these attributes on this element and no others.
fn only_attributes(node: roxmltree::Node, allowed: &[&str]) {
    for a in node.attributes() {
        assert!(
            allowed.contains(&a.name()),
            "<{}> may not carry {}",
            node.tag_name().name(),
            a.name()
        );
    }
}

#[test]
fn junit_has_one_testcase_per_step_with_failures_and_skips() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let steps = json_steps(&sim, &home, &[]);
    let r = check(&sim, &home, "junit", &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let (cases, doc) = junit_cases(&r.stdout);
    let names: Vec<&str> = cases.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(names, STEP_IDS);
    for (case, step) in cases.iter().zip(&steps) {
        let (name, kind, message, body) = case;
        match text(step, "status").as_str() {
            "fail" => {
                assert_eq!(kind, "failure", "{name}");
                assert_eq!(*message, text(step, "summary"));
                assert_eq!(*body, format!("fix: {}", text(step, "fix")));
            }
            "skip" => {
                assert_eq!(kind, "skipped", "{name}");
                assert_eq!(*message, text(step, "summary"));
            }
            _ => {
                assert_eq!(kind, "pass", "{name}");
                assert_eq!(*body, format!("pass: {}", text(step, "summary")));
            }
        }
    }
    assert_eq!(cases[2].1, "failure");
    assert_eq!(cases[2].3, "fix: sn-handoff plugins --activate");
    assert_eq!(cases[6].1, "skipped");
    let suite = doc.root_element().first_element_child().unwrap();
    assert_eq!(suite.attribute("failures"), Some("4"));
    assert_eq!(suite.attribute("skipped"), Some("1"));
    let properties: Vec<_> = suite
        .descendants()
        .filter(|n| n.has_tag_name("property"))
        .map(|p| (p.attribute("name").unwrap(), p.attribute("value").unwrap()))
        .collect();
    assert!(properties.contains(&("instance", sim.url().as_str())));
    assert!(properties.contains(&("release", "australia")));
    assert!(properties.contains(&("exit_code", "1")));
    // The human lines still go to stderr.
    assert!(
        r.stderr.contains("2 pass, 4 fail, 0 warn, 1 skip"),
        "{}",
        r.stderr
    );
    assert!(!r.stdout.contains(sim.sim.password()) && !r.stderr.contains(sim.sim.password()));
}

#[test]
fn junit_warnings_pass_with_their_text_in_system_out() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let r = check(&sim, &home, "junit", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (cases, _) = junit_cases(&r.stdout);
    let webhook = cases.iter().find(|c| c.0 == "webhook").unwrap();
    assert_eq!(webhook.1, "pass");
    assert!(webhook.3.starts_with("warn: "), "{webhook:?}");
    assert!(cases.iter().all(|c| c.1 != "failure"));
}

#[test]
fn junit_escapes_what_the_instance_and_the_command_line_say() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let args = ["--group", HOSTILE_GROUP];
    let steps = json_steps(&sim, &home, &args);
    let r = check(&sim, &home, "junit", &args);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let (cases, _) = junit_cases(&r.stdout);
    let roles = cases.iter().find(|c| c.0 == "group_roles").unwrap();
    let json_roles = steps.iter().find(|s| s["id"] == "group_roles").unwrap();
    assert!(
        text(json_roles, "summary").contains("Ops <&>"),
        "{json_roles}"
    );
    // Every character survives the round trip through the XML parser; the line break and the
    // control character come as visible escapes, as in every format.
    assert_eq!(roles.2, visible(&text(json_roles, "summary")));
    assert_eq!(
        roles.3,
        visible(&format!("fix: {}", text(json_roles, "fix")))
    );
    assert!(!roles.2.contains('\n') && roles.2.contains(r"c\nnext \u{7}"));
}

/// Undoes the runner's escapes (the inverse of what `--format github` writes).
fn unescape_workflow(s: &str) -> String {
    s.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// `::command title=…::message` lines as (command, title, message), unescaped.
fn annotations(stdout: &str) -> Vec<(String, String, String)> {
    stdout
        .lines()
        .map(|line| {
            let rest = line
                .strip_prefix("::")
                .unwrap_or_else(|| panic!("not a workflow command: {line}"));
            let (head, message) = rest.split_once("::").unwrap();
            let (command, props) = head.split_once(' ').unwrap();
            let title = props.strip_prefix("title=").unwrap();
            assert!(
                !title.contains(':') && !title.contains(','),
                "unescaped property: {title}"
            );
            assert!(!message.contains('\r'), "unescaped message: {message}");
            (
                command.to_string(),
                unescape_workflow(title),
                unescape_workflow(message),
            )
        })
        .collect()
}

#[test]
fn github_annotates_each_failing_step_and_appends_the_summary() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let args = ["--group", HOSTILE_GROUP];
    let steps = json_steps(&sim, &home, &args);
    let summary_file = home.path().join("step_summary.md");
    std::fs::write(&summary_file, "## An earlier step\n\n").unwrap();
    let r = run(sim
        .cmd(&home)
        .env("GITHUB_STEP_SUMMARY", &summary_file)
        .args(["check", "--format", "github"])
        .args(args));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let notes = annotations(&r.stdout);
    let failing: Vec<&Value> = steps.iter().filter(|s| s["status"] == "fail").collect();
    assert_eq!(notes.len(), failing.len(), "{}", r.stdout);
    for ((command, title, message), step) in notes.iter().zip(failing) {
        assert_eq!(command, "error");
        assert_eq!(*title, format!("sn-handoff check: {}", text(step, "id")));
        assert_eq!(
            *message,
            format!(
                "{}\nfix: {}",
                visible(&text(step, "summary")),
                visible(&text(step, "fix"))
            )
        );
    }
    assert!(notes.iter().any(|n| n.2.contains(r"50%0A a:b, c\nnext")));
    // Appended after what was there, one row per step.
    let summary = std::fs::read_to_string(&summary_file).unwrap();
    assert!(summary.starts_with("## An earlier step\n\n### sn-handoff check: "));
    let rows = table_rows(&summary);
    assert_eq!(rows.len(), 7, "{summary}");
    assert!(summary.contains("**2 pass, 4 fail, 0 warn, 1 skip**"));
    // A second run appends a second table.
    run(sim
        .cmd(&home)
        .env("GITHUB_STEP_SUMMARY", &summary_file)
        .args(["check", "--format", "github"]));
    let summary = std::fs::read_to_string(&summary_file).unwrap();
    assert_eq!(table_rows(&summary).len(), 14);
}

#[test]
fn github_warns_and_leaves_the_exit_code_alone() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    // No summary file: only the annotations, on stdout.
    let r = check(&sim, &home, "github", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let notes = annotations(&r.stdout);
    assert_eq!(notes.len(), 1, "{}", r.stdout);
    assert_eq!(notes[0].0, "warning");
    assert_eq!(notes[0].1, "sn-handoff check: webhook");
    // A summary file that cannot be written is a warning; the check's exit code stands.
    let sim = Sim::start(Scenario::Fresh);
    let r = run(sim
        .cmd(&home)
        .env(
            "GITHUB_STEP_SUMMARY",
            home.path().join("no/such/dir/summary.md"),
        )
        .args(["check", "--format", "github"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("cannot append the summary") && r.stderr.contains("GITHUB_STEP_SUMMARY"),
        "{}",
        r.stderr
    );
    assert_eq!(annotations(&r.stdout).len(), 4);
}

/// The body rows of the Markdown tables in `text`, split into cells at unescaped pipes.
fn table_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| status |"))
        .map(|l| {
            let mut cells = Vec::new();
            let mut cell = String::new();
            let mut chars = l.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        cell.push(c);
                        cell.extend(chars.next());
                    }
                    '|' => cells.push(std::mem::take(&mut cell).trim().to_string()),
                    c => cell.push(c),
                }
            }
            cells.remove(0); // before the first pipe
            cells
        })
        .collect()
}

#[test]
fn markdown_has_one_row_per_step() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let args = ["--group", HOSTILE_GROUP];
    let steps = json_steps(&sim, &home, &args);
    let r = check(&sim, &home, "markdown", &args);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r
        .stdout
        .contains("| status | step | summary | fix |\n|---|---|---|---|\n"));
    let rows = table_rows(&r.stdout);
    assert_eq!(rows.len(), 7, "{}", r.stdout);
    for (row, step) in rows.iter().zip(&steps) {
        assert_eq!(row.len(), 4, "{row:?}");
        assert!(row[0].ends_with(&text(step, "status")), "{row:?}");
        assert_eq!(row[1], format!("`{}`", text(step, "id")));
        assert_eq!(row[3].is_empty(), step["status"] != "fail", "{row:?}");
    }
    // The hostile name is escaped, not markup: no raw `<`, and the line break is a visible
    // `\n` (its backslash escaped for Markdown).
    let roles = &rows[3];
    assert!(roles[2].contains(r"Ops &lt;&amp;&gt; "), "{roles:?}");
    assert!(roles[2].contains(r" \| 50%0A a:b, c\\nnext"), "{roles:?}");
    assert!(r.stdout.contains("**2 pass, 4 fail, 0 warn, 1 skip**"));
    assert!(r.stdout.contains("not ready (exit 1)"));
}

#[test]
fn exit_codes_do_not_depend_on_the_format() {
    let home = Home::new();
    let fresh = Sim::start(Scenario::Fresh);
    let configured = Sim::start(Scenario::Configured);
    let hibernating = Sim::start(Scenario::Hibernating);
    let read_only = Sim::start(Scenario::ReadOnly);
    let ready: &[&str] = &["--agent", "abel.tuter", "--webhook-url", WEBHOOK];
    let cases: [(&Sim, &[&str], Option<&str>, i32); 5] = [
        (&fresh, &[], None, 1),
        (&configured, ready, None, 0),
        (&hibernating, &[], None, 4),
        (&fresh, &[], Some("not-the-password"), 3),
        (&read_only, &[], None, 3),
    ];
    for (sim, args, password, code) in cases {
        for format in FORMATS {
            let mut cmd = sim.cmd(&home);
            if let Some(p) = password {
                cmd.env("SN_HANDOFF_PASSWORD", p);
            }
            let r = run(cmd.args(["check", "--format", format]).args(args));
            assert_eq!(r.code, code, "--format {format} {args:?}: {}", r.stderr);
            // Human lines are the result in the human format, and beside any other.
            let human = if format == "human" {
                assert!(r.stderr.is_empty(), "{}", r.stderr);
                &r.stdout
            } else {
                if format == "junit" {
                    junit_cases(&r.stdout);
                }
                if format == "sarif" {
                    sarif_valid(&r.stdout);
                }
                &r.stderr
            };
            assert!(human.contains(" in "), "human lines: {human}");
        }
    }
}

#[test]
fn json_flag_is_format_json_and_conflicts_with_the_others() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = run(sim
        .cmd(&home)
        .args(["check", "--json", "--format", "junit"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    // Under --json a usage error is the error document.
    assert_eq!(r.json()["error"]["kind"], "usage", "{}", r.stdout);
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--format junit"),
        "{}",
        r.stdout
    );
    assert_eq!(r.json()["exit"], 2);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    assert!(sim.sim.requests().is_empty(), "refused before any request");
    let both = run(sim.cmd(&home).args(["check", "--json", "--format", "json"]));
    let long = check(&sim, &home, "json", &[]);
    let short = run(sim.cmd(&home).args(["check", "--json"]));
    for r in [&both, &long, &short] {
        assert_eq!(r.code, 1);
        assert_eq!(r.json()["steps"].as_array().unwrap().len(), 7);
    }
    let r = run(sim.cmd(&home).args(["check", "--format", "yaml"]));
    assert_eq!(r.code, 2);
}

/// The published SARIF 2.1.0 schema (tests/fixtures/sarif/README.md says where it is from).
fn sarif_schema() -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sarif/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft4::new(&schema).expect("the SARIF schema compiles")
}

/// Parses a SARIF log and checks it against the schema; returns the document.
pub(crate) fn sarif_valid(stdout: &str) -> Value {
    let log: Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}:\n{stdout}"));
    let errors: Vec<String> = sarif_schema()
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}\n{stdout}", errors.join("\n"));
    log
}

#[test]
fn sarif_has_a_rule_per_step_and_a_result_per_failure_or_warning() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let steps = json_steps(&sim, &home, &["--group", HOSTILE_GROUP]);
    let r = run(sim
        .cmd(&home)
        .env(
            "GITHUB_WORKFLOW_REF",
            "octo/repo/.github/workflows/handoff.yml@refs/heads/main",
        )
        .args(["check", "--format", "sarif", "--group", HOSTILE_GROUP]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let log = sarif_valid(&r.stdout);
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["tool"]["driver"]["name"], "sn-handoff");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, STEP_IDS, "one rule per step, the step id");
    let results = run["results"].as_array().unwrap();
    let mut expected = Vec::new();
    for step in &steps {
        let level = match text(step, "status").as_str() {
            "fail" => "error",
            "warn" => "warning",
            _ => continue,
        };
        expected.push((
            text(step, "id"),
            level.to_string(),
            visible(&text(step, "summary")),
        ));
        // The fix is the rule's help.
        let rule = rules.iter().find(|r| r["id"] == step["id"]).unwrap();
        assert_eq!(
            rule["help"]["text"].as_str().unwrap(),
            visible(&text(step, "fix"))
        );
    }
    let got: Vec<(String, String, String)> = results
        .iter()
        .map(|r| {
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], r["ruleId"]);
            (
                text(r, "ruleId"),
                text(r, "level"),
                r["message"]["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(rules[2]["help"]["text"], "sn-handoff plugins --activate");
    // Under GitHub Actions a result points at the workflow file, so code scanning shows it.
    let location = &results[0]["locations"][0];
    assert_eq!(
        location["physicalLocation"]["artifactLocation"]["uri"],
        ".github/workflows/handoff.yml"
    );
    assert_eq!(
        location["logicalLocations"][0]["name"],
        results[0]["ruleId"]
    );
    assert_eq!(run["invocations"][0]["exitCode"], 1);
    assert_eq!(run["properties"]["instance"], sim.url());
    assert!(!r.stdout.contains(sim.sim.password()) && !r.stderr.contains(sim.sim.password()));
}

#[test]
fn sarif_of_a_ready_instance_has_warnings_only_and_no_file_outside_github() {
    let sim = Sim::start(Scenario::Configured);
    let home = Home::new();
    let r = check(&sim, &home, "sarif", &["--agent", "abel.tuter"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let log = sarif_valid(&r.stdout);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(
        results.iter().all(|r| r["level"] == "warning"),
        "{results:?}"
    );
    for result in results {
        assert!(result["locations"][0].get("physicalLocation").is_none());
    }
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}

#[test]
fn the_sarif_schema_refuses_a_broken_log() {
    // The validator is not a rubber stamp: a level SARIF does not have is refused.
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = check(&sim, &home, "sarif", &[]);
    let mut log = sarif_valid(&r.stdout);
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!sarif_schema().is_valid(&log));
}

/// The fenced Mermaid block of a Markdown document.
fn mermaid_block(markdown: &str) -> String {
    let start = markdown
        .find("```mermaid\n")
        .unwrap_or_else(|| panic!("no mermaid block in:\n{markdown}"));
    let rest = &markdown[start..];
    let end = rest[3..].find("```").unwrap() + 6;
    rest[..end].to_string()
}

#[test]
fn markdown_draws_the_chain_with_the_first_broken_link_marked() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = check(&sim, &home, "markdown", &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let chart = mermaid_block(&r.stdout);
    assert!(chart.starts_with("```mermaid\nflowchart LR\n"), "{chart}");
    // Kore.ai bot → webhook → Virtual Agent API → queue → group → agent, in that order.
    let order: Vec<usize> = ["bot[", "webhook[", "va[", "queue[", "group[", "agent["]
        .iter()
        .map(|n| chart.find(n).unwrap_or_else(|| panic!("{n}: {chart}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{chart}");
    assert_eq!(chart.matches("first broken link").count(), 1, "{chart}");
    // This instance has no Kore.ai bot configured: the webhook is the first broken link.
    assert!(chart.contains("class webhook first"), "{chart}");
    assert!(
        chart.contains("bot -- \"breaks at webhook\" --> webhook"),
        "{chart}"
    );
    // The job summary of --format github is the same document.
    let summary = home.path().join("summary.md");
    let r = run(sim
        .cmd(&home)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--format", "github"]));
    assert_eq!(r.code, 1);
    assert_eq!(
        mermaid_block(&std::fs::read_to_string(&summary).unwrap()),
        chart
    );
    insta::assert_snapshot!("chain_fresh", chart);
}

#[test]
fn why_no_agent_draws_the_chain_in_markdown() {
    let home = Home::new();
    let r = run(home.cmd().args([
        "--demo",
        "--demo-scenario",
        "no-capacity",
        "why-no-agent",
        "--agent",
        "abel.tuter",
        "--format",
        "markdown",
    ]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("| ❌ fail | The agent has Chat capacity left | `capacity` |"),
        "{}",
        r.stdout
    );
    // The status cells read as check's Markdown report's.
    assert!(
        r.stdout.contains("| status | link | step | summary |")
            && r.stdout.contains("| ✅ pass | "),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("**The chain breaks at `capacity`**"),
        "{}",
        r.stdout
    );
    let chart = mermaid_block(&r.stdout);
    assert!(
        chart.contains("group -- \"breaks at agent\" --> agent"),
        "{chart}"
    );
    assert!(chart.contains("class agent first"), "{chart}");
    // The deep links it read are in the boxes.
    assert!(
        chart.contains("✗ capacity") && chart.contains("✓ routing"),
        "{chart}"
    );
    insta::assert_snapshot!("chain_no_capacity", chart);
    // --json is --format json, and conflicts with markdown.
    let r = run(home
        .cmd()
        .args(["--demo", "why-no-agent", "--json", "--format", "markdown"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.json()["error"]["kind"], "usage");
    // A format of check's that the chain has not is refused, naming those it has.
    let r = run(home
        .cmd()
        .args(["--demo", "why-no-agent", "--format", "junit"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("why-no-agent prints in the human, json or markdown format, not junit"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty(), "{}", r.stdout);
}
