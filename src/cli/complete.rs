//! Shell completion through clap's dynamic completion engine.
//!
//! The scripts clap_complete generates ahead of time are wrong for a binary whose name holds a
//! hyphen: the bash script sets `cmd="sn__handoff__subcmd__check"` and then looks for the case
//! label `sn__subcmd__handoff__subcmd__check`, so nothing completes after the subcommand
//! (https://github.com/clap-rs/clap/issues/6421). Patching the generated text would tie us to
//! the generator's internals and still complete nothing from the config file. Instead the
//! scripts `sn-handoff completions SHELL` prints are clap_complete's small registration
//! scripts (its `unstable-dynamic` feature, pinned by Cargo.lock): at each TAB the shell runs
//! `SN_HANDOFF_COMPLETE=SHELL sn-handoff -- WORDS…`, and the binary answers from the same
//! command definition it parses with, so subcommands, options, their values, profile names and
//! agent user names always match the installed binary. `tests/shell.rs` runs bash, zsh and
//! fish on them.

use std::ffi::OsStr;

use clap_complete::engine::CompletionCandidate;
use clap_complete::env::EnvCompleter;

/// The name the scripts complete, and the program they run to ask for completions.
pub const BIN_NAME: &str = "sn-handoff";

/// The environment variable that turns a run into a completion request. A name of our own:
/// clap's default, `COMPLETE`, is too common a word to leave in charge of a CI gate.
pub const VAR: &str = crate::env::COMPLETE;

/// The registration script for `shell`: what `sn-handoff completions SHELL` prints.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let completer: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Bash => &clap_complete::env::Bash,
        clap_complete::Shell::Zsh => &clap_complete::env::Zsh,
        clap_complete::Shell::Fish => &clap_complete::env::Fish,
        clap_complete::Shell::PowerShell => &clap_complete::env::Powershell,
        clap_complete::Shell::Elvish => &clap_complete::env::Elvish,
        // `Shell` is non-exhaustive; a shell added upstream gets bash's script, the most common.
        _ => &clap_complete::env::Bash,
    };
    let mut buf = Vec::new();
    completer
        .write_registration(VAR, BIN_NAME, BIN_NAME, BIN_NAME, &mut buf)
        .expect("writing to a Vec cannot fail");
    buf
}

/// The config file a completion reads: `SN_HANDOFF_CONFIG`, else the XDG path. (`--config`
/// on the line being completed is not seen: the engine asks for candidates without it.)
fn config() -> crate::config::Config {
    let explicit = std::env::var_os(crate::env::CONFIG).map(std::path::PathBuf::from);
    let path = crate::config::config_path(explicit.as_deref());
    crate::config::Config::load(path.as_deref()).unwrap_or_default()
}

/// `-p`/`--profile`: the config file's profile names.
pub fn profiles() -> Vec<CompletionCandidate> {
    config()
        .profiles
        .into_iter()
        .map(|(name, profile)| {
            let about = profile.instance.unwrap_or_default();
            CompletionCandidate::new(name).help((!about.is_empty()).then(|| about.into()))
        })
        .collect()
}

/// `--agent`, `--user`: the agent user names the config's profiles name, each once.
pub fn agents() -> Vec<CompletionCandidate> {
    let mut names: Vec<String> = config()
        .profiles
        .into_values()
        .filter_map(|p| p.agent)
        .collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .map(|name| CompletionCandidate::new(OsStr::new(&name).to_owned()))
        .collect()
}
