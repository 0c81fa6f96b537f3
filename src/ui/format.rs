//! `check --format`: which report goes to stdout. A choice the command line parses and the
//! reports (`crate::report`) render; like `--color`'s, a value the layers below them hold.

use clap::ValueEnum;

use crate::error::{Error, Result};

/// `check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per step on stdout
    Human,
    /// One JSON document on stdout, the same as `--json` (its JSON Schema: docs/schema/check-report.schema.json)
    Json,
    /// A JUnit XML report on stdout, one test case per step (GitLab, Jenkins)
    Junit,
    /// GitHub Actions annotations on stdout, and a table in $GITHUB_STEP_SUMMARY
    Github,
    /// A Markdown table on stdout
    Markdown,
    /// A SARIF 2.1.0 log on stdout (GitHub code scanning): a rule per step, a result per
    /// failing or warning step
    Sarif,
}

impl Format {
    /// The format `--format` and `--json` ask for together: `--json` is `--format json`, so
    /// it agrees with `--format json` and conflicts with any other format (exit 2).
    pub fn resolve(format: Option<Format>, json: bool) -> Result<Format> {
        match (format, json) {
            (None, false) => Ok(Format::Human),
            (None, true) | (Some(Format::Json), _) => Ok(Format::Json),
            (Some(format), false) => Ok(format),
            (Some(format), true) => Err(Error::usage(format!(
                "--json means --format json, which conflicts with --format {}",
                format.name()
            ))
            .with_hint("give one of them")),
        }
    }

    /// [`Format::resolve`], for a command that prints only the formats `allowed`: any other
    /// is a usage error naming them (exit 2), so that a format added later is refused, not
    /// printed as nothing.
    pub fn resolve_among(
        format: Option<Format>,
        json: bool,
        allowed: &[Format],
        what: &str,
    ) -> Result<Format> {
        let format = Format::resolve(format, json)?;
        if allowed.contains(&format) {
            return Ok(format);
        }
        let names: Vec<&str> = allowed.iter().map(|f| f.name()).collect();
        let listed = match names.split_last() {
            Some((last, [])) => (*last).to_string(),
            Some((last, init)) => format!("{} or {last}", init.join(", ")),
            None => String::new(),
        };
        Err(Error::usage(format!(
            "{what} prints in the {listed} format, not {}",
            format.name()
        )))
    }

    /// The name as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Markdown => "markdown",
            Format::Sarif => "sarif",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn json_flag_and_format_agree_or_conflict() {
        assert_eq!(Format::resolve(None, false).unwrap(), Format::Human);
        assert_eq!(Format::resolve(None, true).unwrap(), Format::Json);
        assert_eq!(
            Format::resolve(Some(Format::Json), true).unwrap(),
            Format::Json
        );
        assert_eq!(
            Format::resolve(Some(Format::Junit), false).unwrap(),
            Format::Junit
        );
        let e = Format::resolve(Some(Format::Junit), true).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Usage);
        assert!(e.message().contains("--format junit"), "{}", e.message());
    }

    #[test]
    fn names_are_the_value_names() {
        for f in Format::value_variants() {
            assert_eq!(f.to_possible_value().unwrap().get_name(), f.name());
        }
    }
}
