//! The real binary in a pseudo-terminal (expectrl), typing as a person does: `init --demo`
//! with Enter at every question, `init` against a simulator served by the test (its state read
//! afterwards), and Ctrl-C in the password prompt. Every wait is bounded, so a hang fails the
//! test instead of stalling the suite; the child is killed when the session is dropped.

use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};

use super::*;

/// The longest wait for one thing to show on the terminal.
const WAIT: Duration = Duration::from_secs(60);

/// A run of the binary in a pseudo-terminal, with what it showed so far.
struct Tty {
    session: OsSession,
    seen: String,
    /// Every byte the terminal received, escape sequences included.
    raw: Vec<u8>,
}

/// `bytes` as text, without terminal escape sequences.
fn plain(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

impl Tty {
    /// Starts `cmd` (the binary, from [`Home::spawnable`]) in a pseudo-terminal wide enough
    /// that no message the tests wait for is wrapped.
    fn spawn(cmd: std::process::Command) -> Tty {
        Tty::spawn_sized(cmd, Some(250))
    }

    /// Starts `cmd` in a pseudo-terminal `cols` wide, or of no size (which the binary takes
    /// for 80 columns).
    fn spawn_sized(mut cmd: std::process::Command, cols: Option<u16>) -> Tty {
        cmd.env("SN_HANDOFF_POLL_MS", "5").env("TERM", "xterm");
        let mut session = Session::spawn(cmd).expect("a pseudo-terminal");
        if let Some(cols) = cols {
            session
                .get_process_mut()
                .set_window_size(cols, 50)
                .expect("a window size");
        }
        session.set_expect_timeout(Some(WAIT));
        Tty {
            session,
            seen: String::new(),
            raw: Vec::new(),
        }
    }

    /// Waits until `text` shows.
    fn expect(&mut self, text: &str) {
        match self.session.expect(text) {
            Ok(found) => {
                self.seen.push_str(&plain(found.before()));
                self.seen.push_str(text);
                self.raw.extend_from_slice(found.before());
                self.raw.extend_from_slice(text.as_bytes());
            }
            Err(e) => panic!(
                "waiting for {text:?}: {e}\n--- the terminal so far:\n{}",
                self.seen
            ),
        }
    }

    /// Waits for the question `prompt`, then types `keys`.
    fn answer(&mut self, prompt: &str, keys: &str) {
        self.expect(prompt);
        self.session.send(keys).unwrap();
    }

    /// Waits for the end of the output and the exit code.
    fn exit_code(&mut self) -> i32 {
        match self.session.expect(Eof) {
            Ok(found) => {
                self.seen.push_str(&plain(found.before()));
                self.raw.extend_from_slice(found.before());
            }
            Err(e) => panic!(
                "waiting for the end: {e}\n--- the terminal so far:\n{}",
                self.seen
            ),
        }
        match self.session.get_process().wait().unwrap() {
            WaitStatus::Exited(_, code) => code,
            other => panic!("ended with {other:?}\n{}", self.seen),
        }
    }

    /// Whether the terminal echoes what is typed.
    fn echo(&self) -> bool {
        self.session.get_process().get_echo().unwrap()
    }
}

/// The binary in `home` with no way to reach a keyring (so that the run is the same on every
/// machine: it says so and keeps the password in memory).
fn without_keyring(home: &Home) -> std::process::Command {
    let mut cmd = home.spawnable();
    cmd.env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("XDG_RUNTIME_DIR", home.path());
    cmd
}

/// `cmd` started from a shell that first turns echo on, as a person's terminal has it (the
/// pseudo-terminal starts without), before the binary runs.
fn with_echo(cmd: std::process::Command) -> std::process::Command {
    under_sh(r#"stty echo && exec "$0" "$@""#, cmd)
}

/// `cmd` run by `sh -c script` (the binary is `$0`, its arguments `$@`), with its environment.
fn under_sh(script: &str, cmd: std::process::Command) -> std::process::Command {
    under_shell("sh", script, cmd)
}

/// `cmd` run by `shell -c script`, as [`under_sh`].
fn under_shell(shell: &str, script: &str, cmd: std::process::Command) -> std::process::Command {
    let mut sh = std::process::Command::new(shell);
    sh.arg("-c")
        .arg(script)
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => sh.env(key, value),
            None => sh.env_remove(key),
        };
    }
    sh
}

#[test]
fn the_demo_with_enter_at_every_question_ends_with_a_configured_instance() {
    let home = Home::new();
    let mut cmd = home.spawnable();
    cmd.args(["init", "--demo"]);
    // 80 columns: every question must fit on its line, or dialoguer would leave its first
    // part on the screen when it replaces the question with the answer.
    let mut tty = Tty::spawn_sized(cmd, Some(80));
    for prompt in [
        "ServiceNow instance",
        "How should sn-handoff sign in?",
        "ServiceNow user name (admin)",
        "(Enter: the simulator's)",
        "Fix now? [Y/n]",
        "Fix now? [Y/n]",
        "The agent's user name (abel.tuter)",
        "Fix now? [Y/n]",
        "Kore.ai webhook URL [Enter for the default]",
        "Fix now? [Y/n]",
        "Fix now? [Y/n]",
    ] {
        tty.answer(prompt, "\r");
    }
    // The defaults too long for their question are shown whole, each on a line of its own.
    assert_defaults_whole(&tty.seen);
    // The simulated bot is connected and published, then every step is checked again, the
    // bot's too: nothing left to paste.
    tty.expect("ServiceNow agent integration written");
    tty.expect("Published");
    tty.expect("8 pass, 0 fail");
    tty.expect("Both sides:");
    // No CI line pointing at the simulator's port, which is gone with the command.
    tty.expect("sn-handoff init -i YOUR-INSTANCE");
    tty.expect("nothing was saved");
    assert_eq!(tty.exit_code(), 0, "{}", tty.seen);
    assert!(!tty.seen.contains("sn-handoff check -i"), "{}", tty.seen);
    let questions: Vec<&str> = tty
        .seen
        .lines()
        .flat_map(|l| l.split('\r'))
        .filter(|q| q.starts_with("? "))
        .collect();
    assert!(questions.len() >= 10, "{questions:?}");
    for q in questions {
        assert!(
            q.chars().count() < 80,
            "a question wider than 80 columns: {q}"
        );
    }
    assert!(!tty.seen.contains("Show the password?"), "{}", tty.seen);
    for line in [
        "✓ pass  kore             ServiceNow is the default agent integration",
        "Both sides: ServiceNow at",
        "✓ plugins          all 5 plugins active (fixed)",
        "✓ agent_available  abel.tuter is Available (fixed)",
        "plugins: activated 5",
    ] {
        assert!(tty.seen.contains(line), "{line:?} not shown:\n{}", tty.seen);
    }
    // One bot on both sides, tied by the check's cross-side rule.
    let words = tty.seen.split_whitespace().collect::<Vec<_>>().join(" ");
    for said in [
        "ServiceNow posts the agent's replies to that bot (st-00000000-0000-4000-8000-000000000001)",
        "bot st-00000000-0000-4000-8000-000000000001 (as configured)",
    ] {
        assert!(words.contains(said), "{said:?} not shown:\n{}", tty.seen);
    }
    assert!(!home.config_file().exists());
    // The whole transcript, as the terminal shows it: a snapshot, and docs/init.md's.
    let transcript = crate::transcripts::redact(&crate::transcripts::screen(&tty.raw, 80));
    insta::assert_snapshot!("init_demo", transcript);
    crate::transcripts::assert_documented("init.md", "init-demo", &transcript);
}

#[test]
fn init_against_a_served_simulator_fixes_it_and_saves_the_profile() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let mut cmd = without_keyring(&home);
    cmd.arg("init");
    let mut tty = Tty::spawn(cmd);
    tty.answer(
        "ServiceNow instance (e.g. dev123)",
        &format!("{}\r", sim.url()),
    );
    tty.answer("How should sn-handoff sign in?", "\r");
    tty.answer("ServiceNow user name", "admin\r");
    tty.answer("Password for admin", &format!("{}\r", sim.sim.password()));
    tty.expect("in memory for this run only");
    tty.answer("Fix now? [Y/n]", "y");
    tty.answer("Fix now? [Y/n]", "y");
    tty.answer("The agent's user name", "abel.tuter\r");
    tty.answer("Fix now? [Y/n]", "\r");
    tty.answer("Kore.ai webhook URL", &format!("{URL}\r"));
    tty.answer("Fix now? [Y/n]", "y");
    tty.answer("Fix now? [Y/n]", "y");
    // No Kore.ai settings: the bot is left for later, and its values are printed to paste.
    tty.answer("Connect the Kore.ai bot now?", "\r");
    tty.expect("7 pass, 0 fail");
    tty.answer("Show the password? [y/N]", "n");
    assert_eq!(tty.exit_code(), 0, "{}", tty.seen);
    assert!(!tty.seen.contains(sim.sim.password()), "{}", tty.seen);
    // The simulator is configured, and the profile holds everything but the password.
    assert_ready(&sim, &home, URL);
    assert_profile(&sim, &home, URL);
}

/// `init` against `sim`, started through `wrap` and answered up to its password prompt.
fn at_the_password_prompt(
    sim: &Sim,
    home: &Home,
    wrap: fn(std::process::Command) -> std::process::Command,
) -> Tty {
    let mut cmd = without_keyring(home);
    cmd.arg("init");
    let mut tty = Tty::spawn(wrap(cmd));
    tty.answer(
        "ServiceNow instance (e.g. dev123)",
        &format!("{}\r", sim.url()),
    );
    tty.answer("How should sn-handoff sign in?", "\r");
    tty.answer("ServiceNow user name", "admin\r");
    tty.expect("Password for admin");
    tty
}

#[test]
fn ctrl_c_in_the_password_prompt_exits_130_with_echo_back_on() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let mut tty = at_the_password_prompt(&sim, &home, with_echo);
    // While the password is typed, nothing is echoed.
    assert!(!tty.echo());
    tty.session.send("hunter").unwrap();
    tty.session.send("\u{3}").unwrap();
    tty.expect("interrupted; nothing was half-written");
    tty.expect("run `sn-handoff init` to pick up where you left off");
    assert_eq!(tty.exit_code(), 130, "{}", tty.seen);
    assert!(tty.echo(), "echo is off after Ctrl-C");
    assert!(!tty.seen.contains("hunter"), "{}", tty.seen);
    let text = config_text(&home);
    assert!(
        text.contains(&sim.url()) && !text.contains("username"),
        "{text}"
    );
    assert_eq!(writes(&sim), 0);
}

/// The shell's report after `marker` (`status=` or `exit=`) starts with `code`, and the
/// terminal settings it printed after it (`stty -a`) have echo and line editing on.
fn assert_terminal_given_back(seen: &str, marker: &str, code: &str) {
    let settings = seen.rsplit(marker).next().unwrap_or_default();
    assert!(settings.starts_with(code), "{marker}{settings}");
    let flags: Vec<&str> = settings
        .split(|c: char| c.is_whitespace() || c == ';')
        .collect();
    assert!(flags.contains(&"echo"), "echo is off: {settings}");
    assert!(flags.contains(&"icanon"), "line editing is off: {settings}");
}

/// `cmd` run by a shell with job control, as a person's: the binary in a process group of
/// its own in the foreground. When it stops, the shell prints its status and the terminal's
/// settings as it finds them (`stty -a`), then continues it in the foreground (`fg`) and
/// prints its exit code.
#[cfg(target_os = "linux")]
fn under_job_control(cmd: std::process::Command) -> std::process::Command {
    under_shell(
        "bash",
        r#"set -m; stty echo; "$0" "$@"; echo "status=$?"; stty -a; echo "stty-end"; fg >/dev/null; echo "exit=$?""#,
        cmd,
    )
}

#[cfg(target_os = "linux")]
#[test]
fn a_stop_at_the_password_prompt_gives_the_terminal_back_and_asks_again_on_continue() {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let mut tty = at_the_password_prompt(&sim, &home, under_job_control);
    let shell = tty.session.get_process().pid().as_raw();
    let binary = child_of(shell).expect("the binary runs under the shell");
    assert!(!tty.echo());
    tty.session.send("half-typed").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    // `kill -TSTP` (Ctrl-Z itself is a key at a hidden prompt).
    // SAFETY: a signal to the child process this test started.
    assert_eq!(unsafe { libc::kill(binary, libc::SIGTSTP) }, 0);
    tty.expect("stty-end");
    // Stopped (128 + SIGTSTP), with the terminal the shell's again: echo and line editing on.
    assert_terminal_given_back(&tty.seen, "status=", "148");
    // Continued by `fg`: raw again, the question asked again, what was typed before gone.
    tty.expect("Password for admin");
    assert!(!tty.echo(), "continued with echo on");
    tty.session
        .send(format!("{}\r", sim.sim.password()))
        .unwrap();
    tty.expect("in memory for this run only");
    tty.session.send("\u{3}").unwrap();
    tty.expect("exit=130");
    assert!(!tty.seen.contains("half-typed"), "{}", tty.seen);
    assert!(!tty.seen.contains(sim.sim.password()), "{}", tty.seen);
    assert_eq!(writes(&sim), 0);
}

/// `cmd` run from a shell that turns echo on first (as a person's terminal has it) and, once
/// the binary has ended, prints its exit code, the terminal's settings as the shell finds
/// them (`stty -a`), and then the next line left in the terminal's input queue.
#[cfg(target_os = "linux")]
fn in_a_shell_that_reads_what_is_left(cmd: std::process::Command) -> std::process::Command {
    under_sh(
        r#"stty echo; "$0" "$@"; echo "exit=$?"; stty -a; echo "stty-end"; IFS= read -r left; echo "left=[$left]""#,
        cmd,
    )
}

/// The process whose parent is `parent` (from /proc).
#[cfg(target_os = "linux")]
fn child_of(parent: i32) -> Option<i32> {
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid …: the command name may hold spaces and parentheses.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<i32>().ok());
        if ppid == Some(parent) {
            return Some(pid);
        }
    }
    None
}

#[cfg(target_os = "linux")]
#[test]
fn sigterm_in_the_password_prompt_restores_the_terminal_and_discards_what_was_typed() {
    killed_at_the_password_prompt(libc::SIGTERM);
}

#[cfg(target_os = "linux")]
#[test]
fn sighup_in_the_password_prompt_restores_the_terminal_and_discards_what_was_typed() {
    killed_at_the_password_prompt(libc::SIGHUP);
}

/// `init` at its password prompt, with keys typed ahead and unread, ended by `signal` from
/// outside: exit 130, the terminal's echo and line editing back, the keys discarded.
#[cfg(target_os = "linux")]
fn killed_at_the_password_prompt(signal: libc::c_int) {
    let sim = Sim::start(Scenario::Fresh);
    let home = Home::new();
    let mut tty = at_the_password_prompt(&sim, &home, in_a_shell_that_reads_what_is_left);
    assert!(!tty.echo());
    let shell = tty.session.get_process().pid().as_raw();
    let binary = child_of(shell).expect("the binary runs under the shell");
    // Typed while the process is stopped, so that the keys wait unread in the terminal's
    // input queue, as keys typed ahead do; then it is terminated from outside (the signal is
    // taken when it continues, before it reads more than one key).
    // SAFETY: signals to the child process this test started.
    assert_eq!(unsafe { libc::kill(binary, libc::SIGSTOP) }, 0);
    let stopped = || {
        std::fs::read_to_string(format!("/proc/{binary}/stat"))
            .ok()
            .and_then(|s| {
                s.rsplit_once(')')
                    .map(|(_, r)| r.trim_start().starts_with('T'))
            })
            .unwrap_or(false)
    };
    let started = std::time::Instant::now();
    while !stopped() && started.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(5));
    }
    tty.session.send("hunter2").unwrap();
    // The pseudo-terminal hands the keys to the line discipline asynchronously.
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(unsafe { libc::kill(binary, signal) }, 0);
    assert_eq!(unsafe { libc::kill(binary, libc::SIGCONT) }, 0);
    tty.expect("stty-end");
    assert_terminal_given_back(&tty.seen, "exit=", "130");
    assert!(tty.echo(), "echo is off");
    // What was typed is not left for the shell to read.
    tty.session.send("\r").unwrap();
    tty.expect("left=[");
    tty.expect("]");
    let end = tty.seen.rsplit("left=[").next().unwrap_or_default();
    assert!(
        end.starts_with(']'),
        "left in the input: {end}\n{}",
        tty.seen
    );
    assert!(!tty.seen.contains("unter"), "{}", tty.seen);
    assert_eq!(writes(&sim), 0);
}

#[test]
fn human_output_wraps_at_80_columns_with_a_hanging_indent() {
    let home = Home::new();
    let mut cmd = home.spawnable();
    cmd.args(["check", "--demo"]);
    let mut tty = Tty::spawn_sized(cmd, Some(80));
    tty.expect("0 warn");
    tty.exit_code();
    // What stays on the screen: the text after the last carriage return of each line.
    let lines: Vec<&str> = tty
        .seen
        .lines()
        .map(|l| l.rsplit('\r').next().unwrap_or_default())
        .filter(|l| !l.is_empty())
        .collect();
    for line in &lines {
        assert!(
            line.chars().count() <= 80,
            "{} columns: {line}\n{}",
            line.chars().count(),
            tty.seen
        );
    }
    // A long summary goes on under itself: the step lines start with the mark, a wrapped
    // one's rest with the blanks up to the summary column ("✗ fail  " and the widest id).
    let column = "✗ fail  ".chars().count() + "agent_available".len() + 2;
    let continued: Vec<&&str> = lines
        .iter()
        .filter(|l| l.starts_with(&" ".repeat(column)) && !l.trim_start().starts_with("fix:"))
        .collect();
    assert!(!continued.is_empty(), "nothing wrapped:\n{}", tty.seen);
    for line in continued {
        // Under the summary, or under the fix's text (past `fix: `).
        let rest = &line[column..];
        let under_fix = rest.starts_with("     ") && !rest[5..].starts_with(' ');
        assert!(!rest.starts_with(' ') || under_fix, "{line}");
    }
    // The table's padding stays on a wrapped line.
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("✗ fail  plugins          5 of 5")),
        "{}",
        tty.seen
    );
}

#[test]
fn results_redirected_from_a_terminal_carry_no_colour() {
    // stderr is the terminal (coloured), stdout a file: the report in the file is plain.
    let home = Home::new();
    let out = home.path().join("report.txt");
    let mut cmd = home.spawnable();
    cmd.env_remove("NO_COLOR").args(["check", "--demo"]);
    let script = format!(r#""$0" "$@" > '{}'"#, out.display());
    let mut tty = Tty::spawn(under_sh(&script, cmd));
    assert_eq!(tty.exit_code(), 1, "{}", tty.seen);
    let report = std::fs::read_to_string(&out).unwrap();
    assert!(report.contains("fail  plugins"), "{report}");
    assert!(!report.contains('\u{1b}'), "{report:?}");
}

#[test]
fn on_a_narrow_terminal_prose_wraps_and_commands_stay_whole() {
    let home = Home::new();
    let mut cmd = home.spawnable();
    cmd.args(["--demo", "check"]);
    let mut tty = Tty::spawn_sized(cmd, Some(40));
    tty.expect("1 skip in");
    assert_eq!(tty.exit_code(), 1, "{}", tty.seen);
    let lines: Vec<&str> = tty.seen.lines().map(|l| l.trim_end_matches('\r')).collect();
    // Each fix is a command on one line, even where it runs past the 40 columns.
    for fix in [
        "sn-handoff --demo group --fix --agent USER",
        "sn-handoff --demo set-webhook WEBHOOK_URL",
        "sn-handoff --demo plugins --activate",
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.trim_start() == format!("fix: {fix}")),
            "{fix} cut:\n{}",
            tty.seen
        );
    }
    // The prose around them is wrapped to the width (the spinner's frames aside).
    assert!(
        lines
            .iter()
            .filter(|l| !l.contains("sn-handoff") && !l.contains("Checking"))
            .all(|l| l.chars().count() <= 40),
        "{}",
        tty.seen
    );
}

/// The URLs `init --demo` offers as defaults are shown whole, each on a line of its own.
fn assert_defaults_whole(seen: &str) {
    let lines: Vec<&str> = seen.lines().flat_map(|l| l.split('\r')).collect();
    let instance = lines
        .iter()
        .find_map(|l| l.trim().strip_prefix("default: http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no whole instance default:\n{seen}"));
    assert!(
        instance.parse::<u16>().is_ok(),
        "the instance default is cut: {instance}\n{seen}"
    );
    let webhook =
        "default: https://bots.kore.ai/chatbot/v2/webhook/st-00000000-0000-4000-8000-000000000001";
    assert!(
        lines.iter().any(|l| l.trim() == webhook),
        "no whole webhook default:\n{seen}"
    );
}

#[test]
fn on_a_narrow_terminal_a_default_url_is_shown_whole_above_its_question() {
    let home = Home::new();
    let mut cmd = home.spawnable();
    cmd.args(["init", "--demo"]);
    let mut tty = Tty::spawn_sized(cmd, Some(40));
    tty.answer("ServiceNow instance (e.g. dev123) ›", "\r");
    tty.answer("How should sn-handoff sign in?", "\r");
    for prompt in [
        "ServiceNow user name (admin)",
        "(Enter: the simulator's)",
        "Fix now? [Y/n]",
        "Fix now? [Y/n]",
        "The agent's user name (abel.tuter)",
        "Fix now? [Y/n]",
        "Kore.ai webhook URL ›",
        "Fix now? [Y/n]",
        "Fix now? [Y/n]",
    ] {
        tty.answer(prompt, "\r");
    }
    tty.expect("Both sides:");
    assert_eq!(tty.exit_code(), 0, "{}", tty.seen);
    assert_defaults_whole(&tty.seen);
    // The questions under a default on its own line fit the 40 columns with room to answer.
    for q in [
        "? ServiceNow instance (e.g. dev123) ›",
        "? Kore.ai webhook URL ›",
    ] {
        assert!(tty.seen.contains(q), "{q} not asked:\n{}", tty.seen);
    }
}
