//! The test harness: a simulator in this process, and the binary run against it with a clean
//! environment (no stray `SN_HANDOFF_*` variable, a throwaway config directory, no colour).

#![allow(dead_code)]

pub mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;
pub use sn_handoff::sim::{
    AfterWrite, Fault, Release, Scenario, SimOptions, Simulator, TlsIdentity, WriteFault,
};

/// The seven step ids of docs/contract.md, in their fixed order.
pub const STEP_IDS: [&str; 7] = [
    "instance",
    "auth",
    "plugins",
    "group_roles",
    "group_members",
    "webhook",
    "agent_available",
];

/// The deep step ids of `check --deep`, in their fixed order after the seven.
pub const DEEP_STEP_IDS: [&str; 11] = [
    "agent_chat",
    "reply_url",
    "provider",
    "live_agent_channel",
    "queue",
    "routing",
    "assignment_rule",
    "chat_presence",
    "capacity",
    "account_linking",
    "requester",
];

/// A simulator and the runtime that serves it, alive for the whole test.
pub struct Sim {
    pub sim: Simulator,
    rt: tokio::runtime::Runtime,
}

impl Sim {
    pub fn start(scenario: Scenario) -> Sim {
        Sim::with(SimOptions {
            scenario,
            ..SimOptions::default()
        })
    }

    pub fn with(opts: SimOptions) -> Sim {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let sim = rt.block_on(Simulator::start(opts)).unwrap();
        Sim { sim, rt }
    }

    pub fn url(&self) -> String {
        self.sim.url()
    }

    /// The binary, pointed at this simulator with its scenario's login in the environment.
    pub fn cmd(&self, home: &Home) -> Command {
        let mut cmd = home.cmd();
        cmd.env("SN_HANDOFF_INSTANCE", self.sim.url())
            .env("SN_HANDOFF_USERNAME", self.sim.username())
            .env("SN_HANDOFF_PASSWORD", self.sim.password());
        cmd
    }

    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }
}

/// A throwaway HOME and config directory.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn config_file(&self) -> PathBuf {
        self.dir
            .path()
            .join("config")
            .join("sn-handoff")
            .join("config.toml")
    }

    pub fn write_config(&self, text: &str) {
        let path = self.config_file();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// The binary with a clean environment.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::from_std(self.spawnable());
        cmd.timeout(Duration::from_secs(120));
        cmd
    }

    /// The binary with the same clean environment as [`Home::cmd`], as a
    /// `std::process::Command`: for a run that is read while it goes on.
    pub fn spawnable(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_sn-handoff"));
        self.clean(&mut cmd);
        cmd
    }

    /// Gives `cmd` the clean environment of [`Home::cmd`] (for a shell that runs the binary).
    pub fn clean(&self, cmd: &mut std::process::Command) {
        for (key, _) in std::env::vars() {
            if key.starts_with("SN_HANDOFF_")
                || key.ends_with("_PROXY")
                || key.ends_with("_proxy")
                || key == "NO_COLOR"
                || key == "CLICOLOR_FORCE"
            {
                cmd.env_remove(key);
            }
        }
        cmd.env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_STATE_HOME", self.path().join("state"))
            .env("NO_COLOR", "1");
    }
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Stdout as the one JSON document of docs/schema/ it must be.
    pub fn json(&self) -> Value {
        parse_output(&self.stdout, &self.stderr)
    }

    /// The step with this id in a check report.
    pub fn step(&self, id: &str) -> Value {
        let json = self.json();
        json["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no step {id} in {json}"))
    }

    pub fn summary(&self, id: &str) -> String {
        self.step(id)["summary"].as_str().unwrap().to_string()
    }

    pub fn fix(&self, id: &str) -> String {
        self.step(id)["fix"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn status_of(&self, id: &str) -> String {
        self.step(id)["status"].as_str().unwrap().to_string()
    }
}

/// The JSON document a run printed on stdout, validated against docs/schema/ (a document the
/// schemas do not describe fails the test).
pub fn parse_output(stdout: &str, stderr: &str) -> Value {
    let doc = serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{stdout}\nstderr:\n{stderr}"));
    schema::assert_valid(&doc);
    doc
}

/// Runs `cmd` to its end. A JSON document on stdout is validated against docs/schema/ here,
/// whether or not the test reads it.
pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    if run.stdout.starts_with('{') {
        parse_output(&run.stdout, &run.stderr);
    }
    run
}

/// The recorded answers of real instances (each file's source is named in tests/fixtures/servicenow/).
pub fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/servicenow")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A server that answers every request with one canned response: for what the simulator
/// cannot be (another web site, a cut-off body, a recorded answer replayed byte for byte).
pub struct Canned {
    pub addr: std::net::SocketAddr,
    _thread: std::thread::JoinHandle<()>,
}

impl Canned {
    pub fn new(status: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Canned {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let body = body.into();
        let mut head = format!(
            "HTTP/1.1 {status} Canned\r\nContent-Length: {}\r\nConnection: close\r\n",
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let thread = std::thread::spawn(move || {
            use std::io::{Read, Write};
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let head = head.clone();
                let body = body.clone();
                std::thread::spawn(move || {
                    let mut buf = [0u8; 8192];
                    let mut seen = Vec::new();
                    // Read the request head (our client sends no body on GET).
                    while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut buf) {
                            Ok(0) | Err(_) => return,
                            Ok(n) => seen.extend_from_slice(&buf[..n]),
                        }
                    }
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(&body);
                });
            }
        });
        Canned {
            addr,
            _thread: thread,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

/// The password the `check_at` runs give; tests assert it never shows.
pub const CANNED_PASSWORD: &str = "s3cret-canned-pw";

/// `check --json` (plus `extra`) against any URL, as admin with [`CANNED_PASSWORD`]: for
/// servers that are not the simulator.
pub fn check_at(url: &str, extra: &[&str]) -> Run {
    let home = Home::new();
    run(home
        .cmd()
        .env("SN_HANDOFF_INSTANCE", url)
        .env("SN_HANDOFF_USERNAME", "admin")
        .env("SN_HANDOFF_PASSWORD", CANNED_PASSWORD)
        .args(["check", "--json"])
        .args(extra))
}

/// Asserts the exit code and that the instance step's summary holds `words`.
pub fn assert_instance_says(r: &Run, code: i32, words: &str) {
    assert_eq!(r.code, code, "{}", r.stderr);
    let summary = r.summary("instance");
    assert!(summary.contains(words), "{summary}");
}

/// A listener on 127.0.0.1 that accepts connections, reads nothing and never answers (each
/// socket kept open), and the sockets it accepted.
pub fn silent_listener() -> (
    std::net::SocketAddr,
    std::sync::Arc<std::sync::Mutex<Vec<std::net::TcpStream>>>,
) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let held = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let keep = std::sync::Arc::clone(&held);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            keep.lock().unwrap().push(stream);
        }
    });
    (addr, held)
}
