//! Lists of any size: read whole, page by page by offset up to `X-Total-Count` (a short page
//! is not the end), or failing with exit 4; and a large answer read in bounded memory (the
//! bound is on memory, never on time).

use crate::common::*;

const GROUP: &str = "Consumer Service Support";

fn sys_id(sim: &Sim, table: &str, field: &str, value: &str) -> String {
    sim.sim
        .sys_id_of(table, field, value)
        .unwrap_or_else(|| panic!("no {table} with {field}={value}"))
}

#[test]
fn a_short_page_is_not_the_end_of_a_list() {
    // 1,500 rows of one role and the other role's row after them; a read ACL hides every 3rd
    // row after the limit was applied, so the first page of 1,000 holds 667 rows.
    let sim = Sim::with(SimOptions {
        acl_hidden: vec![("sys_group_has_role".into(), 3)],
        ..SimOptions::default()
    });
    let group = sys_id(&sim, "sys_user_group", "name", GROUP);
    let awa = sys_id(&sim, "sys_user_role", "name", "awa_agent");
    let workspace = sys_id(&sim, "sys_user_role", "name", "agent_workspace_user");
    for _ in 0..1500 {
        sim.sim
            .insert_row("sys_group_has_role", &[("group", &group), ("role", &awa)]);
    }
    sim.sim.insert_row(
        "sys_group_has_role",
        &[("group", &group), ("role", &workspace)],
    );
    let home = Home::new();
    let r = run(sim.cmd(&home).args(["check", "--json"]));
    let roles = r.step("group_roles");
    assert_eq!(roles["status"], "pass", "{roles}\n{}", r.stderr);
    let pages: Vec<String> = sim
        .sim
        .requests()
        .into_iter()
        .filter(|q| q.method == "GET" && q.path.ends_with("/sys_group_has_role"))
        .map(|q| q.query)
        .collect();
    assert!(
        pages.iter().any(|q| q.contains("sysparm_offset=1000")),
        "the second page was read: {pages:?}"
    );
}

#[test]
fn a_list_that_cannot_be_read_whole_is_exit_4() {
    let sim = Sim::with(SimOptions {
        scenario: Scenario::Configured,
        no_total_count: true,
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = run(sim.cmd(&home).args(["check", "--json"]));
    assert_eq!(r.code, 4, "{}\n{}", r.stdout, r.stderr);
    let summary = r.summary("instance");
    assert!(summary.contains("could not be read whole"), "{summary}");
    assert!(summary.contains("X-Total-Count"), "{summary}");
}

/// The peak resident memory of a finished child, in bytes (`wait4`'s `ru_maxrss`, KiB on
/// Linux), and its exit code.
#[cfg(target_os = "linux")]
// The child is waited for by wait4, which clippy does not see.
#[allow(clippy::zombie_processes)]
fn run_measured(cmd: &mut std::process::Command, stdout: &std::path::Path) -> (i32, u64) {
    use std::process::Stdio;
    let child = cmd
        .stdout(std::fs::File::create(stdout).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; the pid is our own child, waited once.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, usage.ru_maxrss as u64 * 1024)
}

#[cfg(target_os = "linux")]
#[test]
fn a_30_mb_answer_is_read_in_bounded_memory() {
    // 900 REST messages of the guide's name, each with a 34 KB endpoint: the webhook step's
    // one page of them is a 30 MB answer.
    let sim = Sim::start(Scenario::Configured);
    let long = format!("https://bots.kore.ai/{}", "x".repeat(34 * 1024));
    for _ in 0..900 {
        sim.sim.insert_row(
            "sys_rest_message",
            &[("name", "VABot to Bot"), ("rest_endpoint", &long)],
        );
    }
    let home = Home::new();
    let mut cmd = home.spawnable();
    cmd.env("SN_HANDOFF_INSTANCE", sim.url())
        .env("SN_HANDOFF_USERNAME", sim.sim.username())
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .args(["check", "--json"]);
    let out = home.path().join("stdout");
    let (code, peak) = run_measured(&mut cmd, &out);
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let webhook = report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "webhook")
        .unwrap();
    // The whole answer was read and judged: 900 copies and the guide's own message.
    assert_eq!(code, 1);
    let summary = webhook["summary"].as_str().unwrap();
    assert!(
        summary.starts_with("901 REST messages are named"),
        "{}",
        &summary[..80]
    );
    eprintln!("peak RSS with a 30 MB answer: {} MiB", peak / (1024 * 1024));
    assert!(
        peak <= 200 * 1024 * 1024,
        "peak RSS {} MiB is over 200 MiB",
        peak / (1024 * 1024)
    );
}
