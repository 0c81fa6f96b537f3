use std::process::ExitCode;

use sn_handoff::error::ExitStatus;

fn main() -> ExitCode {
    // An empty environment variable counts as unset, everywhere (clap would take
    // `SN_HANDOFF_AUTH=` as an empty value): they are dropped while nothing else runs.
    for (key, value) in std::env::vars_os() {
        if value.is_empty() {
            // SAFETY: single-threaded here, before the runtime or anything else starts.
            unsafe { std::env::remove_var(key) };
        }
    }
    // A TAB in a shell that sourced `sn-handoff completions SHELL`: answer it and exit.
    sn_handoff::commands::completions::answer_if_asked();
    let cli = match sn_handoff::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let json = cli.output().json;
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            // Under --json, too, the failure is the one error document.
            let error = sn_handoff::error::Error::unusable(format!("cannot start: {e}"));
            sn_handoff::ui::report_error(&error, json);
            return ExitStatus::from(error.kind()).into();
        }
    };
    let result = runtime.block_on(async {
        // `biased`: the command is polled first, so a prompt it shows before its first await
        // keeps the default Ctrl-C behaviour; after that, Ctrl-C ends the run with 130.
        tokio::select! {
            biased;
            result = sn_handoff::run(cli) => result,
            // A writing run handles its signals itself, stopping between two writes.
            () = async {
                let _ = tokio::signal::ctrl_c().await;
                if sn_handoff::journal::armed() {
                    std::future::pending::<()>().await;
                }
            } => Err(sn_handoff::error::Error::new(
                sn_handoff::error::ErrorKind::Interrupted,
                "interrupted",
            )),
        }
    });
    match result {
        Ok(status) => status.into(),
        Err(e) => {
            sn_handoff::ui::report_error(&e, json || sn_handoff::ui::json_errors());
            ExitStatus::from(e.kind()).into()
        }
    }
}
