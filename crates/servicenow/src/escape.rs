//! The one place where text from an instance (ServiceNow or Kore.ai) is made safe to show a
//! person or a CI log: a newline, carriage return, escape sequence, bell, C1 control or
//! bidirectional override in a record must not move the cursor, retitle the terminal, reorder
//! what is shown, or start a new line that a CI runner reads as a command (GitHub runs
//! `::error::…` at the start of any line of a step's output, on either stream).
//!
//! [`escape`] writes every such character as a visible escape (`\n`, `\r`, `\t`, `\u{1b}`,
//! `\u{202e}`); it is applied where instance data enters human text (step summaries and fixes,
//! error messages, every report format but JSON, whose own escaping suffices). [`safe_line`]
//! is the net under the printer: whatever reaches stdout or stderr as human text keeps only
//! its line breaks and the colours sn-handoff adds itself, and no line of it can start a
//! workflow command.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` must not reach a terminal or a log as it is: C0 and C1 controls (DEL too), the
/// bidirectional marks, embeddings, overrides and isolates, and the line and paragraph
/// separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'              // Arabic letter mark
            | '\u{200E}'..='\u{200F}' // left-to-right and right-to-left marks
            | '\u{2028}'..='\u{2029}' // line and paragraph separators
            | '\u{202A}'..='\u{202E}' // embeddings and overrides
            | '\u{2066}'..='\u{2069}' // isolates
            | '\u{FEFF}'              // zero-width no-break space (a byte order mark)
        )
}

/// `text` with every [unsafe](is_unsafe) character written as a visible escape: `\n`, `\r`,
/// `\t`, or `\u{…}` with its code point in hex. Text without one is returned as it is.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_unsafe(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// A line of human output as it may be written: its line breaks and the colour sequences
/// (`ESC [ digits ; … m`) kept, every other unsafe character escaped, and a line that would
/// start a GitHub workflow command (`::` after any blanks) with its first colon escaped.
pub fn safe_line(text: &str) -> Cow<'_, str> {
    let risky =
        text.chars().any(|c| c != '\n' && is_unsafe(c)) || text.split('\n').any(starts_command);
    if !risky {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut rest = line;
        if starts_command(line) {
            let blanks = line.len() - line.trim_start().len();
            out.push_str(&line[..blanks]);
            out.push_str("\\u{3a}");
            rest = &line[blanks + 1..];
        }
        let mut chars = rest.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c == '\u{1b}' {
                if let Some(len) = sgr_len(&rest[at..]) {
                    out.push_str(&rest[at..at + len]);
                    // Skip the rest of the sequence, which is ASCII.
                    for _ in 1..len {
                        chars.next();
                    }
                    continue;
                }
            }
            push_escaped(&mut out, c);
        }
    }
    Cow::Owned(out)
}

/// `text` with the user information of every URL in it hidden: `https://user:pw@host`
/// becomes `https://user:***@host`, and `https://token@host` becomes `https://***@host` (a
/// user name alone may be a token).
pub fn redact_userinfo(text: &str) -> Cow<'_, str> {
    if !text.contains("://") || !text.contains('@') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        let end = tail
            .find(|c: char| {
                matches!(c, '/' | '?' | '#' | '`' | '"' | '\'' | '<' | '>') || c.is_whitespace()
            })
            .unwrap_or(tail.len());
        let authority = &tail[..end];
        match authority.rfind('@') {
            Some(userinfo_end) => {
                let userinfo = &authority[..userinfo_end];
                match userinfo.split_once(':') {
                    Some((user, _)) => {
                        out.push_str(user);
                        out.push_str(":***");
                    }
                    None => out.push_str("***"),
                }
                out.push_str(&authority[userinfo_end..]);
            }
            None => out.push_str(authority),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether a line, after blanks, starts like a workflow command.
fn starts_command(line: &str) -> bool {
    line.trim_start().starts_with("::")
}

/// The length of a colour sequence (Select Graphic Rendition: `ESC [`, digits and `;`, `m`) at
/// the start of `text`, if one is there.
fn sgr_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix("\u{1b}[")?;
    let params = body
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    (body.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_become_visible() {
        assert_eq!(escape("plain → text"), "plain → text");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert_eq!(escape("a\nb\r\tc"), r"a\nb\r\tc");
        assert_eq!(escape("\u{1b}]0;pwned\u{7}"), r"\u{1b}]0;pwned\u{7}");
        assert_eq!(escape("x\u{202e}y\u{2066}z"), r"x\u{202e}y\u{2066}z");
        assert_eq!(escape("c1\u{85}\u{9b}"), r"c1\u{85}\u{9b}");
        assert_eq!(escape("\u{7f}\u{0}"), r"\u{7f}\u{0}");
        assert_eq!(escape("\u{2028}"), r"\u{2028}");
    }

    #[test]
    fn user_information_is_hidden() {
        assert_eq!(
            redact_userinfo("invalid instance URL `https://admin:s3cr%40t@dev1.service-now.com/x`"),
            "invalid instance URL `https://admin:***@dev1.service-now.com/x`"
        );
        assert_eq!(
            redact_userinfo("https://tok@h and http://u:p@h2"),
            "https://***@h and http://u:***@h2"
        );
        assert_eq!(
            redact_userinfo("mail a@b.c, https://h/p@q"),
            "mail a@b.c, https://h/p@q"
        );
    }

    #[test]
    fn safe_lines_keep_breaks_and_colours_only() {
        let red = "\u{1b}[31mfail\u{1b}[0m";
        assert_eq!(safe_line(red), red);
        assert_eq!(safe_line("one\ntwo"), "one\ntwo");
        assert_eq!(
            safe_line("title \u{1b}]0;x\u{7} clear \u{1b}[2J"),
            r"title \u{1b}]0;x\u{7} clear \u{1b}[2J"
        );
        assert_eq!(safe_line("a\r::error::x"), r"a\r::error::x");
        assert_eq!(safe_line("ok\n::error::pwned"), "ok\n\\u{3a}:error::pwned");
        assert_eq!(safe_line("  ::warning::x"), "  \\u{3a}:warning::x");
        assert_eq!(safe_line("a :: b"), "a :: b");
    }
}
