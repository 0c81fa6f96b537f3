//! Take-backs and the journal (docs/repairs.md, "The journal, interruptions and lost
//! answers"): a take-back is journalled before it is sent, so that a run killed while taking
//! a change back is not finished by writing the change again; a journal that cannot be saved
//! in the middle of a run stops the next write before it is sent; an insert made, answered
//! and deleted since by someone else is not made again behind their back.

use super::writes::signalled_to;
use super::*;

const PLACEHOLDER: &str = sn_handoff::sim::PLACEHOLDER_ENDPOINT;

/// The role rows of the guide's group.
fn group_roles(sim: &Sim) -> usize {
    group_role_rows(sim).len()
}

/// `args` against a fresh instance where the write `refused` fails (before it is carried
/// out), killed (SIGKILL) when the write `killed_at` arrives (which is carried out).
fn killed_while_taking_back(refused: &str, killed_at: &str, args: &[&str]) -> (Sim, Home) {
    let sim = Sim::with(SimOptions {
        fail_writes: vec![refused.into()],
        ..SimOptions::default()
    });
    let home = Home::new();
    let r = signalled_to(&sim, &home, killed_at, libc::SIGKILL, args);
    assert_eq!(r.code, -1, "{}", r.stderr);
    (sim, home)
}

#[test]
fn a_run_killed_while_restoring_an_endpoint_is_not_finished_by_writing_it_again() {
    // The method's PATCH is refused, so the run puts the message's endpoint back; it is
    // killed when that restore arrives.
    let (sim, home) = killed_while_taking_back(
        "sys_rest_message_fn#1",
        "sys_rest_message#2",
        &["set-webhook", URL],
    );
    assert_eq!(endpoints(&sim), (PLACEHOLDER.into(), PLACEHOLDER.into()));
    // Another writing command finishes the journal first: the endpoint stays as it was
    // put back, it is not written a second time.
    let r = run(cmd(&sim, &home).args(["group", "--fix", "--agent", "abel.tuter"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("wrote"), "{}", r.stderr);
    assert!(
        r.stderr.contains("what it was taking back is back"),
        "{}",
        r.stderr
    );
    assert_eq!(endpoints(&sim), (PLACEHOLDER.into(), PLACEHOLDER.into()));
}

#[test]
fn a_run_killed_while_deleting_a_row_it_added_does_not_add_it_again() {
    // The two role rows are sent together and the second is refused, so the run deletes
    // the first; it is killed when that delete arrives.
    let (sim, home) = killed_while_taking_back(
        "sys_group_has_role#2",
        "sys_group_has_role#3",
        &["group", "--fix", "--agent", "abel.tuter"],
    );
    assert_eq!(group_roles(&sim), 0);
    // The next writing run does not add it again.
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stderr.contains("added sys_group_has_role"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("removed sys_group_has_role"),
        "{}",
        r.stderr
    );
    assert_eq!(group_roles(&sim), 0);
}

#[test]
fn a_row_added_then_deleted_by_someone_else_is_not_added_again() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let r = signalled_to(
        &sim,
        &home,
        "sys_user_grmember#1",
        libc::SIGKILL,
        &["group", "--fix", "--agent", "abel.tuter"],
    );
    assert_eq!(r.code, -1, "{}", r.stderr);
    assert_eq!(group_roles(&sim), 2);
    // Someone deletes one of the roles the killed run added.
    let group = id_of(
        &sim,
        "sys_group_has_role",
        "group",
        &id_of(&sim, "sys_user_group", "name", GROUP),
    );
    assert!(sim.sim.delete_row("sys_group_has_role", &group));
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(
        r.stderr.contains("deleted since by someone else"),
        "{}",
        r.stderr
    );
    assert_eq!(group_roles(&sim), 1);
    assert_eq!(endpoints(&sim), (PLACEHOLDER.into(), PLACEHOLDER.into()));
}

#[cfg(target_os = "linux")]
#[test]
fn a_journal_that_cannot_be_saved_in_the_middle_of_a_run_stops_the_next_write() {
    use std::os::unix::process::CommandExt;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    // `set-webhook --rollback` writes one record after the other (`set-webhook` itself sends
    // its PATCHes together, each journalled before any goes out). When the rollback's first
    // PATCH arrives (the third write, after the `set-webhook` it undoes), the disk fills up:
    // from then on every file the run writes fails (the file size limit drops to 0 bytes, as
    // in `with_a_full_disk`).
    let r = run(cmd(&sim, &home).args(["set-webhook", URL]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pid = Arc::new(AtomicU32::new(0));
    let shared = Arc::clone(&pid);
    sim.sim.on_write(3, move || {
        let limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: libc::RLIM_INFINITY,
        };
        let pid = shared.load(Ordering::SeqCst) as libc::pid_t;
        // SAFETY: lowering a limit of the child this test started.
        let set = unsafe { libc::prlimit(pid, libc::RLIMIT_FSIZE, &limit, std::ptr::null_mut()) };
        assert_eq!(set, 0, "{}", std::io::Error::last_os_error());
    });
    let mut cmd = home.spawnable();
    cmd.env("SN_HANDOFF_INSTANCE", sim.url())
        .env("SN_HANDOFF_USERNAME", sim.sim.username())
        .env("SN_HANDOFF_PASSWORD", sim.sim.password())
        .args(["set-webhook", "--rollback"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    let child = cmd.spawn().unwrap();
    pid.store(child.id(), Ordering::SeqCst);
    let r = super::writes::finish(child);
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(
        r.stderr.contains("the journal cannot be written"),
        "{}",
        r.stderr
    );
    // Only the rollback's first write went out (the method's, the last written first):
    // neither the message's PATCH nor a take-back.
    assert_eq!(writes(&sim).len(), 3, "{:?}\n{}", writes(&sim), r.stderr);
    let (message, method) = endpoints(&sim);
    assert_eq!((message.as_str(), method.as_str()), (URL, PLACEHOLDER));
    assert!(r.stderr.contains("Left changed"), "{}", r.stderr);
}
