//! Lists of any size: read whole, page by page by offset up to `X-Total-Count` (a short page
//! is not the end), or failing with exit 4; and a large answer read in bounded memory (the
//! bound is on memory, never on time).

use std::time::Duration;

use crate::common::*;

const GROUP: &str = "Consumer Service Support";

fn sys_id(sim: &Sim, table: &str, field: &str, value: &str) -> String {
    sim.sim
        .sys_id_of(table, field, value)
        .unwrap_or_else(|| panic!("no {table} with {field}={value}"))
}

/// 1,500 rows of the group's `awa_agent` role and then its `agent_workspace_user` row: the
/// group passes `group_roles` only when the list is read to its second page of 1,000. Returns
/// the fields of one more `awa_agent` row.
fn two_pages_of_roles(sim: &Sim) -> [(&'static str, String); 2] {
    let group = sys_id(sim, "sys_user_group", "name", GROUP);
    let awa = sys_id(sim, "sys_user_role", "name", "awa_agent");
    let workspace = sys_id(sim, "sys_user_role", "name", "agent_workspace_user");
    for _ in 0..1500 {
        sim.sim
            .insert_row("sys_group_has_role", &[("group", &group), ("role", &awa)]);
    }
    sim.sim.insert_row(
        "sys_group_has_role",
        &[("group", &group), ("role", &workspace)],
    );
    [("group", group), ("role", awa)]
}

/// The query strings of the `GET`s of `table`.
fn reads_of(sim: &Sim, table: &str) -> Vec<String> {
    sim.sim
        .requests()
        .into_iter()
        .filter(|q| q.method == "GET" && q.path.ends_with(&format!("/{table}")))
        .map(|q| q.query)
        .collect()
}

#[test]
fn a_short_page_is_not_the_end_of_a_list() {
    // A read ACL hides every 3rd row after the limit was applied, so the first page of 1,000
    // holds 667 rows.
    let sim = Sim::with(SimOptions {
        acl_hidden: vec![("sys_group_has_role".into(), 3)],
        ..SimOptions::default()
    });
    two_pages_of_roles(&sim);
    let home = Home::new();
    let r = run(sim.cmd(&home).args(["check", "--json"]));
    let roles = r.step("group_roles");
    assert_eq!(roles["status"], "pass", "{roles}\n{}", r.stderr);
    let pages = reads_of(&sim, "sys_group_has_role");
    assert!(
        pages.iter().any(|q| q.contains("sysparm_offset=1000")),
        "the second page was read: {pages:?}"
    );
}

#[test]
fn a_list_that_changes_while_it_is_read_is_read_again_or_fails_with_exit_4() {
    let sim = Sim::start(Scenario::Fresh);
    let row = two_pages_of_roles(&sim);
    let row = [(row[0].0, row[0].1.as_str()), (row[1].0, row[1].1.as_str())];
    let home = Home::new();
    // A row added under each of the two pages: the count moves, and the list is read again.
    sim.sim.insert_while_reading("sys_group_has_role", &row, 2);
    let r = run(sim.cmd(&home).args(["check", "--json"]));
    assert_eq!(r.status_of("group_roles"), "pass", "{}", r.stderr);
    let firsts = reads_of(&sim, "sys_group_has_role")
        .iter()
        .filter(|q| q.ends_with("sysparm_offset=0"))
        .count();
    assert_eq!(firsts, 2, "read again from the start");
    // Rows added under every page: it never settles, and nothing is judged on a part.
    sim.sim
        .insert_while_reading("sys_group_has_role", &row, 100);
    let r = run(sim.cmd(&home).args(["check", "--json"]));
    assert_eq!(r.code, 4, "{}", r.stderr);
    let summary = r.summary("group_roles");
    assert!(summary.contains("kept changing"), "{summary}");
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
    // The release is read in one answer (a handful of properties, no paging); the first
    // list read page by page is where the run stops.
    let text = r.stdout.clone();
    assert!(text.contains("could not be read whole"), "{text}");
    assert!(text.contains("X-Total-Count"), "{text}");
}

/// Runs `cmd` and returns its exit code, its standard output, and its peak resident memory
/// in bytes (`VmHWM`).
///
/// The peak is read from `/proc/PID/status` while the process is alive, once it is writing
/// its report (which must be longer than a page): its standard output is a pipe of one page
/// that is not read until then, so the process waits in that write, after everything it read
/// was judged. (`ru_maxrss` from `wait4`
/// would not do: Linux records the resident size of the process that called `exec` in it,
/// and that is this test process.)
#[cfg(target_os = "linux")]
fn run_measured(cmd: &mut std::process::Command) -> (i32, Vec<u8>, u64) {
    use std::io::Read;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::process::Stdio;
    let mut fds = [0; 2];
    // SAFETY: pipe2 fills two descriptors that this function then owns.
    assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
    let (read_end, write_end) =
        unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    // SAFETY: resizes the pipe just made; the kernel rounds up to one page.
    let capacity = unsafe { libc::fcntl(read_end.as_raw_fd(), libc::F_SETPIPE_SZ, 4096) };
    assert!(capacity > 0);
    let mut child = cmd
        .stdout(Stdio::from(write_end))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Let go of this process's copy of the write end, so that the read sees the end.
    cmd.stdout(Stdio::null());
    let pid = child.id();
    // The report is written in one piece at the end, and is longer than the pipe holds.
    let writing = || {
        let mut queued: libc::c_int = 0;
        // SAFETY: FIONREAD into an int on the pipe's read end.
        unsafe { libc::ioctl(read_end.as_raw_fd(), libc::FIONREAD, &mut queued) };
        queued > 0
    };
    let started = std::time::Instant::now();
    while !writing() && child.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the run never ended"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let peak = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .expect("the process is alive, blocked on its report")
        * 1024;
    let mut out = Vec::new();
    std::fs::File::from(read_end).read_to_end(&mut out).unwrap();
    let code = child.wait().unwrap().code().unwrap_or(-1);
    (code, out, peak)
}

#[cfg(target_os = "linux")]
#[test]
fn a_30_mb_answer_is_read_in_bounded_memory() {
    // 900 REST messages of the guide's name, each with a 34 KB endpoint and a postMessage
    // method: the webhook step's one page of methods, their messages' endpoints walked, is a
    // 30 MB answer.
    let sim = Sim::start(Scenario::Configured);
    let long = format!("https://bots.kore.ai/{}", "x".repeat(34 * 1024));
    for _ in 0..900 {
        let message = sim.sim.insert_row(
            "sys_rest_message",
            &[("name", "VABot to Bot"), ("rest_endpoint", &long)],
        );
        sim.sim.insert_row(
            "sys_rest_message_fn",
            &[("rest_message", &message), ("function_name", "postMessage")],
        );
    }
    let home = Home::new();
    let mut cmd = home.spawnable();
    cmd.env("SN_HANDOFF_INSTANCE", sim.url())
        .env("SN_HANDOFF_USERNAME", sim.sim.username())
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .args(["check", "--json"]);
    let (code, out, peak) = run_measured(&mut cmd);
    let report = parse_output(&String::from_utf8_lossy(&out), "");
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
    // The measurement docs/settings.md quotes, in the test's output.
    #[allow(clippy::print_stderr)]
    {
        eprintln!("peak RSS with a 30 MB answer: {} MiB", peak / (1024 * 1024));
    }
    assert!(
        peak <= 200 * 1024 * 1024,
        "peak RSS {} MiB is over 200 MiB",
        peak / (1024 * 1024)
    );
}
