//! The install and CI packaging, which cannot run here: the release workflow, the binstall
//! metadata, the GitHub Action, the GitLab component and the Dockerfile are parsed, and
//! checked against each other (the same targets, the same archive names) and against what
//! they promise (secrets never inputs, a non-root runtime image).

use std::collections::BTreeSet;
use std::path::Path;

use serde_yaml::Value;

fn file(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn yaml(path: &str) -> Value {
    serde_yaml::from_str(&file(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The five targets a release carries.
const TARGETS: [&str; 5] = [
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
];

fn str_of<'a>(v: &'a Value, what: &str) -> &'a str {
    v.as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {v:?}"))
}

/// Every `run:` script of a list of steps, joined.
fn scripts(steps: &Value) -> String {
    steps
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_release_workflow_builds_every_target_on_a_tag() {
    let w = yaml(".github/workflows/release.yml");
    // `on` is YAML 1.1's `true` to some parsers; serde_yaml keeps the key as written.
    let tags = &w["on"]["push"]["tags"];
    assert_eq!(tags.as_sequence().unwrap()[0], "v*", "{tags:?}");
    let matrix = w["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap();
    let targets: BTreeSet<&str> = matrix
        .iter()
        .map(|m| str_of(&m["target"], "target"))
        .collect();
    assert_eq!(targets, TARGETS.into_iter().collect());
    for m in matrix {
        let target = str_of(&m["target"], "target");
        let archive = str_of(&m["archive"], "archive");
        assert_eq!(archive == "zip", target.contains("windows"), "{target}");
        let os = str_of(&m["os"], "os");
        let expected = if target.contains("linux") {
            "ubuntu"
        } else if target.contains("apple") {
            "macos"
        } else {
            "windows"
        };
        assert!(os.starts_with(expected), "{target} on {os}");
    }
    let build = scripts(&w["jobs"]["build"]["steps"]);
    assert!(build.contains("cargo build --release --locked --target"));
    assert!(build.contains(r#"name="sn-handoff-${TARGET}""#), "{build}");
    assert!(build.contains("sha256"), "{build}");
    let release = &w["jobs"]["release"];
    assert_eq!(release["needs"], "build");
    assert_eq!(release["permissions"]["contents"], "write");
    let publish = scripts(&release["steps"]);
    assert!(publish.contains("SHA256SUMS"), "{publish}");
    assert!(publish.contains("gh release upload"), "{publish}");
    // Only the release job may write.
    assert_eq!(w["permissions"]["contents"], "read");
}

#[test]
fn binstall_finds_the_release_archives() {
    let manifest: toml::Value = toml::from_str(&file("Cargo.toml")).unwrap();
    let binstall = &manifest["package"]["metadata"]["binstall"];
    let url = binstall["pkg-url"].as_str().unwrap();
    assert_eq!(
        url,
        "{ repo }/releases/download/v{ version }/{ name }-{ target }{ archive-suffix }"
    );
    assert_eq!(
        binstall["bin-dir"].as_str().unwrap(),
        "{ name }-{ target }/{ bin }{ binary-ext }"
    );
    assert_eq!(binstall["pkg-fmt"].as_str().unwrap(), "tgz");
    assert_eq!(
        binstall["overrides"]["x86_64-pc-windows-msvc"]["pkg-fmt"]
            .as_str()
            .unwrap(),
        "zip"
    );
    // The workflow packs `sn-handoff-<target>/sn-handoff` into `sn-handoff-<target>.<ext>`,
    // which is what the two templates expand to.
    let build = scripts(&yaml(".github/workflows/release.yml")["jobs"]["build"]["steps"]);
    assert!(build.contains(r#"mkdir -p "dist/${name}""#), "{build}");
    assert!(
        build.contains(r#"tar czf "${name}.tar.gz" "${name}""#),
        "{build}"
    );
    assert!(build.contains(r#"7z a "${name}.zip" "${name}""#), "{build}");
}

/// `scripts/check-repository URL MANIFEST`: exit code and stderr.
fn check_repository(url: &str, manifest: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Cargo.toml");
    std::fs::write(&path, manifest).unwrap();
    let out = std::process::Command::new("bash")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/check-repository"
        ))
        .arg(url)
        .arg(&path)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_release_stops_before_building_when_the_manifest_names_another_repository() {
    // binstall finds the archives through `repository`: the release checks it first.
    let w = yaml(".github/workflows/release.yml");
    assert!(needs(&w["jobs"]["build"]).contains(&"manifest"));
    let manifest_job = scripts(&w["jobs"]["manifest"]["steps"]);
    assert!(
        manifest_job.contains(r#"scripts/check-repository "$REPOSITORY_URL""#),
        "{manifest_job}"
    );
    let url = "https://github.com/example/sn-handoff";
    let named = |repo: &str| {
        format!(
            "[package]\nname = \"sn-handoff\"\nrepository = \"{repo}\"\n\n[dependencies]\nrepository = \"not this one\"\n"
        )
    };
    assert_eq!(check_repository(url, &named(url)).0, 0);
    assert_eq!(check_repository(url, &named(&format!("{url}/"))).0, 0);
    let (code, err) = check_repository(url, &named("https://github.com/someone/else"));
    assert_eq!(code, 1);
    assert!(
        err.contains("names https://github.com/someone/else"),
        "{err}"
    );
    let (code, err) = check_repository(url, "[package]\nname = \"sn-handoff\"\n");
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!("add repository = \"{url}\"")),
        "{err}"
    );
    // A `repository` outside [package] is not the crate's.
    let (code, _) = check_repository(
        url,
        &format!("[package]\nname = \"x\"\n\n[workspace.package]\nrepository = \"{url}\"\n"),
    );
    assert_eq!(code, 1);
}

/// The jobs `job` waits for (`needs:` as one name or a list).
fn needs(job: &Value) -> Vec<&str> {
    match &job["needs"] {
        Value::String(one) => vec![one.as_str()],
        Value::Sequence(list) => list.iter().map(|n| str_of(n, "needs")).collect(),
        other => panic!("needs: {other:?}"),
    }
}

#[test]
fn the_tests_run_on_every_push_and_pull_request() {
    let w = yaml(".github/workflows/ci.yml");
    for event in ["push", "pull_request", "workflow_call"] {
        assert!(
            w["on"].get(event).is_some(),
            "ci.yml does not run on {event}"
        );
    }
    let jobs = w["jobs"].as_mapping().unwrap();
    assert_eq!(jobs.len(), 1, "{jobs:?}");
    let (_, job) = jobs.iter().next().unwrap();
    assert!(str_of(&job["runs-on"], "runs-on").starts_with("ubuntu"));
    let steps = &job["steps"];
    assert!(steps.as_sequence().unwrap().iter().any(|s| s["uses"]
        .as_str()
        .is_some_and(|u| u.starts_with("actions/checkout@"))));
    let run = scripts(steps);
    assert!(run.contains("rustup toolchain install"), "{run}");
    assert!(run.contains("clippy") && run.contains("rustfmt"), "{run}");
    // The step that runs everything is the one CI runs here too.
    assert!(run.lines().any(|l| l.trim() == "bash .ci/run"), "{run}");
    assert_eq!(w["permissions"]["contents"], "read");
    let ci = file(".ci/run");
    for step in [
        "cargo fmt --check",
        "cargo clippy --locked --workspace --all-targets -- -D warnings",
        "./scripts/test",
    ] {
        assert!(ci.contains(step), ".ci/run: {step}");
    }
}

#[test]
fn a_release_is_built_only_once_the_tests_pass() {
    let w = yaml(".github/workflows/release.yml");
    let (name, _) = w["jobs"]
        .as_mapping()
        .unwrap()
        .iter()
        .find(|(_, job)| job["uses"] == "./.github/workflows/ci.yml")
        .expect("a job of release.yml calls ci.yml");
    let name = str_of(name, "job name");
    assert!(needs(&w["jobs"]["build"]).contains(&name), "{w:?}");
    // Every job that publishes waits for the build, which waits for the tests.
    assert_eq!(w["jobs"]["release"]["needs"], "build");
}

#[test]
fn the_release_archives_carry_the_json_schemas() {
    let build = scripts(&yaml(".github/workflows/release.yml")["jobs"]["build"]["steps"]);
    assert!(
        build.contains(r#"cp -R docs/schema "dist/${name}/docs/""#),
        "{build}"
    );
    assert!(Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/schema/check-report.schema.json")
        .exists());
}

#[test]
fn the_licenses_the_manifest_names_are_shipped() {
    let manifest: toml::Value = toml::from_str(&file("Cargo.toml")).unwrap();
    assert_eq!(
        manifest["package"]["license"].as_str(),
        Some("MIT OR Apache-2.0")
    );
    assert!(file("LICENSE-MIT").starts_with("MIT License"));
    assert!(file("LICENSE-APACHE").contains("Version 2.0, January 2004"));
    // The release archives carry them.
    let build = scripts(&yaml(".github/workflows/release.yml")["jobs"]["build"]["steps"]);
    assert!(build.contains("cp LICENSE-MIT LICENSE-APACHE"), "{build}");
}

#[test]
fn the_action_installs_a_release_and_runs_check_for_github() {
    let a = yaml("action.yml");
    assert_eq!(a["runs"]["using"], "composite");
    let inputs = a["inputs"].as_mapping().unwrap();
    let names: BTreeSet<&str> = inputs.keys().map(|k| k.as_str().unwrap()).collect();
    for name in [
        "version",
        "instance",
        "username",
        "auth",
        "client-id",
        "agent",
        "group",
        "webhook-url",
        "deep",
        "args",
    ] {
        assert!(names.contains(name), "no input {name}");
    }
    assert_eq!(a["inputs"]["instance"]["required"], true);
    // Secrets come from the environment: an input would be printed in the log unmasked.
    for name in &names {
        for secret in ["password", "secret", "token"] {
            assert!(!name.contains(secret), "input {name} would hold a secret");
        }
    }
    let steps = &a["runs"]["steps"];
    let all = scripts(steps);
    assert!(all.contains("args=(check --format github)"), "{all}");
    for target in TARGETS {
        assert!(all.contains(target), "the action cannot install {target}");
    }
    assert!(all.contains("sha256"), "no checksum verified");
    // Inputs reach the scripts through the environment, never pasted into their text.
    assert!(
        !all.contains("${{"),
        "an expression inside a script:\n{all}"
    );
    for step in steps.as_sequence().unwrap() {
        // A script in bash, or the Actions cache that keeps a build when there is no release.
        match step["uses"].as_str() {
            Some(uses) => assert!(uses.starts_with("actions/cache@"), "{uses}"),
            None => assert_eq!(step["shell"], "bash", "{step:?}"),
        }
    }
    // Without a release binary: a build of the action's own sources, cached by a key of the
    // runner and the sources, so only the first run compiles.
    assert!(all.contains("found=false"), "{all}");
    assert!(
        all.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""),
        "{all}"
    );
    let cache = steps
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("a cache step");
    assert_eq!(
        cache["with"]["key"],
        "${{ steps.release.outputs.cache-key }}"
    );
    assert_eq!(cache["if"], "steps.release.outputs.found == 'false'");
}

#[test]
fn the_gitlab_component_runs_check_with_a_junit_report() {
    let text = file("templates/sn-handoff.yml");
    let docs: Vec<Value> = serde_yaml::Deserializer::from_str(&text)
        .map(|d| serde::Deserialize::deserialize(d).unwrap())
        .collect();
    assert_eq!(docs.len(), 2, "a spec, then the job");
    let inputs = docs[0]["spec"]["inputs"].as_mapping().unwrap();
    let names: BTreeSet<&str> = inputs.keys().map(|k| k.as_str().unwrap()).collect();
    for name in [
        "instance",
        "release-url",
        "agent",
        "group",
        "webhook-url",
        "deep",
    ] {
        assert!(names.contains(name), "no input {name}");
    }
    for name in &names {
        assert!(
            !name.contains("password") && !name.contains("secret"),
            "{name}"
        );
    }
    let jobs = docs[1].as_mapping().unwrap();
    assert_eq!(jobs.len(), 1);
    let job = jobs.values().next().unwrap();
    assert_eq!(job["artifacts"]["reports"]["junit"], "sn-handoff-junit.xml");
    assert_eq!(job["artifacts"]["when"], "always");
    let script = str_of(&job["script"][0], "script");
    assert!(script.contains("set -- check --format junit"), "{script}");
    assert!(script.contains("> sn-handoff-junit.xml"), "{script}");
    assert!(script.contains("sha256sum -c"), "{script}");
    for target in TARGETS.iter().filter(|t| t.contains("linux")) {
        assert!(script.contains(target), "{target}");
    }
    // Every input the job uses is declared.
    for used in text.split("$[[ inputs.").skip(1) {
        let name = used.split(' ').next().unwrap();
        assert!(
            names.contains(name) || name == "job-name" || name == "stage",
            "{name}"
        );
    }
}

#[test]
fn the_dockerfile_builds_in_a_stage_of_its_own_and_runs_small_and_unprivileged() {
    let text = file("Dockerfile");
    let instructions: Vec<(String, String)> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (word, rest) = l.split_once(' ')?;
            word.chars()
                .all(|c| c.is_ascii_uppercase())
                .then(|| (word.to_string(), rest.to_string()))
        })
        .collect();
    let froms: Vec<&String> = instructions
        .iter()
        .filter(|(w, _)| w == "FROM")
        .map(|(_, r)| r)
        .collect();
    assert_eq!(froms.len(), 2, "{froms:?}");
    assert!(froms[0].starts_with("rust:") && froms[0].ends_with(" AS build"));
    let rust_version = {
        let manifest: toml::Value = toml::from_str(&file("Cargo.toml")).unwrap();
        manifest["package"]["rust-version"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(
        froms[0].starts_with(&format!("rust:{rust_version}")),
        "the build image is not the minimum supported Rust {rust_version}: {}",
        froms[0]
    );
    assert!(
        !froms[1].contains("rust"),
        "the runtime image is the build's"
    );
    // What the runtime stage does, after its FROM.
    let last_from = instructions.iter().rposition(|(w, _)| w == "FROM").unwrap();
    let runtime = &instructions[last_from + 1..];
    assert!(runtime
        .iter()
        .any(|(w, r)| w == "COPY" && r.starts_with("--from=build ")));
    let user = runtime
        .iter()
        .find(|(w, _)| w == "USER")
        .map(|(_, r)| r.as_str())
        .expect("a USER in the runtime stage");
    assert!(
        !["root", "0", "0:0"].contains(&user),
        "runs as root: {user}"
    );
    let entrypoint = runtime
        .iter()
        .find(|(w, _)| w == "ENTRYPOINT")
        .map(|(_, r)| r.as_str())
        .unwrap();
    let entrypoint: Vec<String> = serde_json::from_str(entrypoint).expect("exec form");
    assert!(entrypoint[0].ends_with("/sn-handoff"), "{entrypoint:?}");
    let build = instructions[..last_from]
        .iter()
        .filter(|(w, _)| w == "RUN")
        .map(|(_, r)| r.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(build.contains("cargo build --release --locked"), "{build}");
    let ignore = file(".dockerignore");
    assert!(ignore.lines().any(|l| l.trim() == "target"), "{ignore}");
}
