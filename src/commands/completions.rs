//! `sn-handoff completions SHELL`: the completion script for a shell. The script asks the
//! binary itself at each TAB (`cli::complete`), so it always matches the binary.
//! `completions/` holds the committed copies (`./scripts/completions` regenerates them).

use std::io::Write;

use crate::cli::CompletionsArgs;
use crate::error::{Error, ExitStatus, Result};

/// Runs `completions`: the script on stdout.
pub fn run(args: &CompletionsArgs) -> Result<ExitStatus> {
    write_stdout(&crate::cli::complete::script(args.shell))
}

/// Writes generated text to stdout; a closed pipe (`| head`) is not an error worth a message.
pub fn write_stdout(bytes: &[u8]) -> Result<ExitStatus> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitStatus::Success),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitStatus::Success),
        Err(e) => Err(Error::usage(format!("cannot write to stdout: {e}"))),
    }
}
