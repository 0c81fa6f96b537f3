//! The [`Prompter`] of tests: answers written down in advance (`test-support` feature).

use std::collections::VecDeque;
use std::fmt;

use secrecy::SecretString;

use super::{interrupted, Prompter, Text};
use crate::error::{Error, Result};

/// One answer of a [`Scripted`] prompter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Enter alone: the default (an empty secret, the default item, the default yes/no).
    Enter,
    /// This text (or, to a secret, this secret).
    Type(String),
    /// The item whose label contains this text.
    Pick(String),
    Yes,
    No,
    /// Ctrl-C.
    Interrupt,
}

impl Answer {
    pub fn typed(text: impl Into<String>) -> Answer {
        Answer::Type(text.into())
    }

    pub fn pick(label: impl Into<String>) -> Answer {
        Answer::Pick(label.into())
    }
}

/// A question a [`Scripted`] prompter was asked, and what it answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// `text`, `secret`, `select` or `confirm`.
    pub kind: &'static str,
    pub prompt: String,
    /// The default shown (`yes`/`no` for a confirmation, the item for a selection).
    pub default: Option<String>,
    /// A selection's items, or a text question's suggestions.
    pub items: Vec<String>,
    /// What was answered (`[secret]` for a secret).
    pub answer: String,
    /// What the check said about an answer it refused (the question was then asked again).
    pub refused: Option<String>,
}

type Action<'a> = Box<dyn FnOnce() + 'a>;

struct Step<'a> {
    expect: String,
    answer: Answer,
    before: Option<Action<'a>>,
}

/// Answers written down in advance, each for a question whose text contains a given string;
/// it records every question asked. A question the script did not expect, or one more than it
/// has answers for, is an error naming the question, so a test fails saying where.
pub struct Scripted<'a> {
    steps: VecDeque<Step<'a>>,
    pending: Option<Action<'a>>,
    /// Every question asked so far.
    pub asked: Vec<Asked>,
}

impl fmt::Debug for Scripted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scripted")
            .field("left", &self.steps.len())
            .field("asked", &self.asked)
            .finish()
    }
}

impl Default for Scripted<'_> {
    fn default() -> Self {
        Scripted::new()
    }
}

impl<'a> Scripted<'a> {
    pub fn new() -> Self {
        Scripted {
            steps: VecDeque::new(),
            pending: None,
            asked: Vec::new(),
        }
    }

    /// Answers the next question, which must contain `expect`, with `answer`.
    pub fn on(mut self, expect: &str, answer: Answer) -> Self {
        self.steps.push_back(Step {
            expect: expect.to_string(),
            answer,
            before: self.pending.take(),
        });
        self
    }

    /// Runs `action` when the next question (the one of the following [`Scripted::on`]) is
    /// asked, before answering it: to change the world while a person would be reading.
    pub fn then_before_next(mut self, action: impl FnOnce() + 'a) -> Self {
        self.pending = Some(Box::new(action));
        self
    }

    /// How many answers are left unused.
    pub fn left(&self) -> usize {
        self.steps.len()
    }

    /// The questions asked, one per line (for assertion messages).
    pub fn transcript(&self) -> String {
        self.asked
            .iter()
            .map(|a| {
                format!(
                    "[{}] {} (default {:?}) -> {}{}",
                    a.kind,
                    a.prompt,
                    a.default,
                    a.answer,
                    a.refused
                        .as_ref()
                        .map(|r| format!(" (refused: {r})"))
                        .unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn next(&mut self, kind: &'static str, prompt: &str) -> Result<Answer> {
        let Some(step) = self.steps.pop_front() else {
            return Err(Error::usage(format!(
                "the script has no answer for the {kind} question \"{prompt}\"; asked so far:\n{}",
                self.transcript()
            )));
        };
        if !prompt.contains(&step.expect) {
            return Err(Error::usage(format!(
                "the script expected a question with \"{}\", and the {kind} question was \"{prompt}\"; asked so far:\n{}",
                step.expect,
                self.transcript()
            )));
        }
        if let Some(action) = step.before {
            action();
        }
        if step.answer == Answer::Interrupt {
            self.record(kind, prompt, None, Vec::new(), "Ctrl-C", None);
            return Err(interrupted());
        }
        Ok(step.answer)
    }

    fn record(
        &mut self,
        kind: &'static str,
        prompt: &str,
        default: Option<String>,
        items: Vec<String>,
        answer: &str,
        refused: Option<String>,
    ) {
        self.asked.push(Asked {
            kind,
            prompt: prompt.to_string(),
            default,
            items,
            answer: answer.to_string(),
            refused,
        });
    }

    fn mismatch(&self, kind: &str, prompt: &str, answer: &Answer) -> Error {
        Error::usage(format!(
            "the script answered the {kind} question \"{prompt}\" with {answer:?}, which does not fit it; asked so far:\n{}",
            self.transcript()
        ))
    }
}

impl Prompter for Scripted<'_> {
    fn text(&mut self, question: &Text<'_>) -> Result<String> {
        loop {
            let answer = self.next("text", question.prompt)?;
            let text = match &answer {
                Answer::Enter => question.default.unwrap_or_default().to_string(),
                Answer::Type(t) => t.trim().to_string(),
                other => return Err(self.mismatch("text", question.prompt, other)),
            };
            let refused = if text.is_empty() {
                Some("an answer is needed".to_string())
            } else {
                question.validate.and_then(|v| v(&text).err())
            };
            self.record(
                "text",
                question.prompt,
                question.default.map(str::to_string),
                question.suggestions.to_vec(),
                &text,
                refused.clone(),
            );
            if refused.is_none() {
                return Ok(text);
            }
        }
    }

    fn secret(&mut self, prompt: &str, allow_empty: bool) -> Result<SecretString> {
        loop {
            let answer = self.next("secret", prompt)?;
            let secret = match &answer {
                Answer::Enter => String::new(),
                Answer::Type(t) => t.clone(),
                other => return Err(self.mismatch("secret", prompt, other)),
            };
            let refused = (secret.is_empty() && !allow_empty).then(|| "empty".to_string());
            self.record(
                "secret",
                prompt,
                None,
                Vec::new(),
                "[secret]",
                refused.clone(),
            );
            if refused.is_none() {
                return Ok(SecretString::from(secret));
            }
        }
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        let answer = self.next("select", prompt)?;
        let index = match &answer {
            Answer::Enter => Some(default),
            Answer::Pick(label) => items.iter().position(|i| i.contains(label.as_str())),
            _ => None,
        };
        let Some(index) = index.filter(|i| *i < items.len()) else {
            return Err(self.mismatch("select", prompt, &answer));
        };
        self.record(
            "select",
            prompt,
            items.get(default).cloned(),
            items.to_vec(),
            &items[index],
            None,
        );
        Ok(index)
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool> {
        let answer = self.next("confirm", prompt)?;
        let yes = match &answer {
            Answer::Enter => default,
            Answer::Yes => true,
            Answer::No => false,
            other => return Err(self.mismatch("confirm", prompt, other)),
        };
        let words = |b: bool| if b { "yes" } else { "no" };
        self.record(
            "confirm",
            prompt,
            Some(words(default).to_string()),
            Vec::new(),
            words(yes),
            None,
        );
        Ok(yes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::ui::prompt::Text;

    #[test]
    fn a_script_checks_each_question_and_asks_refused_answers_again() {
        let check = |s: &str| {
            if s.starts_with("https://") {
                Ok(())
            } else {
                Err("must start with https://".to_string())
            }
        };
        let mut p = Scripted::new()
            .on("URL", Answer::typed("http://x"))
            .on("URL", Answer::Enter)
            .on("Fix", Answer::Enter)
            .on("Method", Answer::pick("OAuth"))
            .on("Other", Answer::Yes);
        let q = Text::new("Webhook URL")
            .default(Some("https://a"))
            .validate(&check);
        assert_eq!(p.text(&q).unwrap(), "https://a");
        assert_eq!(
            p.asked[0].refused.as_deref(),
            Some("must start with https://")
        );
        assert!(p.confirm("Fix now?", true).unwrap());
        let items = vec!["Basic auth".to_string(), "OAuth".to_string()];
        assert_eq!(p.select("Method", &items, 0).unwrap(), 1);
        let e = p.confirm("Something else?", true).unwrap_err();
        assert!(e.message().contains("expected a question with \"Other\""));
        let e = p.confirm("More?", true).unwrap_err();
        assert!(e.message().contains("no answer"), "{}", e.message());
    }

    #[test]
    fn ctrl_c_in_a_script_is_an_interruption() {
        let mut p = Scripted::new().on("Password", Answer::Interrupt);
        let e = p.secret("Password for admin", false).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Interrupted);
    }
}
