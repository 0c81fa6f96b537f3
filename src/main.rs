use clap::Parser;
use colored::Colorize;
use sn_handoff::error::ExitStatus;

fn main() -> std::process::ExitCode {
    let cli = sn_handoff::cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{} cannot start: {e}", "error:".red().bold());
            return ExitStatus::Unusable.into();
        }
    };
    let result = runtime.block_on(async {
        // `biased`: the command is polled first, so a prompt it shows before its first await
        // keeps the default Ctrl-C behaviour; after that, Ctrl-C ends the run with 130.
        tokio::select! {
            biased;
            result = sn_handoff::run(cli) => result,
            _ = tokio::signal::ctrl_c() => Err(sn_handoff::error::Error::new(
                sn_handoff::error::ErrorKind::Interrupted,
                "interrupted",
            )),
        }
    });
    match result {
        Ok(status) => status.into(),
        Err(e) => {
            eprintln!("{} {e}", "error:".red().bold());
            if let Some(hint) = e.hint() {
                eprintln!("{} {hint}", "hint:".cyan());
            }
            ExitStatus::from(e.kind()).into()
        }
    }
}
