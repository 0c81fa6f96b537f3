//! How help is laid out: `-h` short, `--help` complete, examples never wrapped.
//!
//! clap wraps a command's `after_help` to the terminal's width, which cuts an example command
//! in two (pasting it runs two commands). The text of a help template is written as it is, so
//! each command's examples (its `after_help` in the definitions) move into its template, after
//! clap's default layout. `after_help` then holds, for `-h`, one line pointing at `--help` for
//! the global options, and `after_long_help` the exit codes.

/// clap's default help template (`clap_builder`'s `DEFAULT_TEMPLATE`).
const DEFAULT_TEMPLATE: &str =
    "{before-help}{about-with-newline}\n{usage-heading} {usage}\n\n{all-args}{after-help}";

/// The exit codes, at the end of every `--help` of a command that serves an instance.
pub(super) const EXIT_CODES: &str =
    "Exit codes: 0 success, 1 a step fails, 2 usage or input error, \
3 authentication or permission failure, 4 the instance cannot be used, 5 a change failed, \
130 interrupted.";

/// `cmd` and every command below it laid out as the module says.
pub(super) fn lay_out(cmd: clap::Command) -> clap::Command {
    lay_out_at(cmd, &[])
}

fn lay_out_at(mut cmd: clap::Command, path: &[String]) -> clap::Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let mut below = path.to_vec();
        below.push(name.clone());
        cmd = cmd.mut_subcommand(&name, |sub| lay_out_at(sub, &below));
    }
    if cmd.get_name() == "help" && !path.is_empty() {
        return cmd;
    }
    let examples = cmd.get_after_help().map(|s| s.to_string());
    let mut template = DEFAULT_TEMPLATE.to_string();
    if let Some(examples) = &examples {
        template.push_str("\n\n");
        // clap writes a `{word}` that is no tag of its own as it is.
        template.push_str(examples);
    }
    let invocation = std::iter::once(super::complete::BIN_NAME.to_string())
        .chain(path.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    let has_globals = cmd
        .get_arguments()
        .any(|a| a.is_global_set() && !a.is_hide_set());
    cmd = cmd.help_template(template);
    if has_globals {
        cmd.after_help(format!("Global options: `{invocation} --help`"))
            .after_long_help(EXIT_CODES)
    } else {
        cmd.after_help(None::<&str>)
    }
}
