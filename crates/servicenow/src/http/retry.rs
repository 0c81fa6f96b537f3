//! How long a request may keep being tried: at most [`MAX_ATTEMPTS`] tries and
//! [`RETRY_BUDGET`] of waiting in all. Which answers are worth another try differs between the
//! clients (ServiceNow also tries a dropped connection again, and counts the tries that may
//! have landed); each decides that and asks `Retrying` how long to pause and whether it may.

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::Method;

/// Tries per request, the first included.
pub const MAX_ATTEMPTS: u32 = 4;
/// The longest a client waits between tries, added up over one request.
pub const RETRY_BUDGET: Duration = Duration::from_secs(60);
/// A longer `Retry-After` is cut to this: two tries within the budget tell more than one
/// long wait.
const RETRY_AFTER_CAP: Duration = Duration::from_secs(30);

/// One request's tries so far and the waiting they took.
pub struct Retrying<'a> {
    attempt: u32,
    waited: Duration,
    /// When the first try started: a failure after several tries says how long they took.
    started: std::time::Instant,
    /// The request the verbose line names (`-v`); `None`, nothing is printed.
    logged: Option<(&'a Method, &'a str)>,
}

impl<'a> Retrying<'a> {
    /// Before the first try; with `verbose`, each pause prints
    /// `http: retrying METHOD PATH in N ms (try N of 4)`.
    pub fn new(verbose: bool, method: &'a Method, path: &'a str) -> Self {
        Retrying {
            attempt: 1,
            waited: Duration::ZERO,
            started: std::time::Instant::now(),
            logged: verbose.then_some((method, path)),
        }
    }

    /// Tries that pause without a line on stderr.
    pub fn quiet() -> Self {
        Retrying {
            attempt: 1,
            waited: Duration::ZERO,
            started: std::time::Instant::now(),
            logged: None,
        }
    }

    /// The pause an answer that asks to slow down (429, 503) wants: its `Retry-After`, at most
    /// 30 s, or else [`Retrying::backoff`].
    pub fn after(&self, headers: &HeaderMap) -> Duration {
        retry_after(headers).map_or_else(
            || self.backoff(),
            |secs| Duration::from_secs(secs).min(RETRY_AFTER_CAP),
        )
    }

    /// 0.5 s, 1 s, 2 s, … up to 16 s, when the server does not say.
    pub fn backoff(&self) -> Duration {
        Duration::from_millis(500u64 << (self.attempt - 1).min(5))
    }

    /// Waits `pause` when another try may follow it, and says whether one does; `None` (the
    /// answer is not worth another try) or a spent budget is `false`, and the caller keeps
    /// the answer it has.
    pub async fn wait(&mut self, pause: Option<Duration>) -> bool {
        let Some(pause) = pause.filter(|&pause| self.allow(pause)) else {
            return false;
        };
        if let Some((method, path)) = self.logged {
            crate::http::log(format_args!(
                "retrying {method} {path} in {} ms (try {} of {MAX_ATTEMPTS})",
                pause.as_millis(),
                self.attempt
            ));
        }
        tokio::time::sleep(pause).await;
        true
    }

    /// The tries made so far, and the time since the first began (the tries and the pauses
    /// between them): what a request that never got an answer tells.
    pub fn so_far(&self) -> (u32, Duration) {
        (self.attempt, self.started.elapsed())
    }

    /// Takes `pause` from the budget and counts the next try, when both allow another.
    fn allow(&mut self, pause: Duration) -> bool {
        if self.attempt >= MAX_ATTEMPTS || self.waited + pause > RETRY_BUDGET {
            return false;
        }
        self.waited += pause;
        self.attempt += 1;
        true
    }
}

/// `Retry-After` in seconds (the HTTP-date form is not used by ServiceNow or Kore.ai).
pub fn retry_after(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn asking(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn retry_after_is_honoured_up_to_30_seconds() {
        let retry = Retrying::quiet();
        assert_eq!(retry.after(&asking("5")), Duration::from_secs(5));
        assert_eq!(retry.after(&asking(" 7 ")), Duration::from_secs(7));
        assert_eq!(retry.after(&asking("120")), Duration::from_secs(30));
        // Unsaid or unreadable: the backoff of the first pause.
        assert_eq!(retry.after(&HeaderMap::new()), Duration::from_millis(500));
        assert_eq!(
            retry.after(&asking("Wed, 21 Oct 2026 07:28:00 GMT")),
            Duration::from_millis(500)
        );
    }

    #[test]
    fn the_backoff_doubles_from_half_a_second() {
        let mut retry = Retrying::quiet();
        let mut pauses = vec![retry.backoff()];
        while retry.allow(Duration::ZERO) {
            pauses.push(retry.backoff());
        }
        assert_eq!(
            pauses,
            [500, 1000, 2000, 4000].map(Duration::from_millis).to_vec()
        );
        retry.attempt = 40;
        assert_eq!(retry.backoff(), Duration::from_secs(16));
    }

    #[test]
    fn tries_stop_at_four() {
        let mut retry = Retrying::quiet();
        let allowed = (0..10)
            .take_while(|_| retry.allow(Duration::from_millis(1)))
            .count();
        assert_eq!(allowed as u32, MAX_ATTEMPTS - 1);
        assert_eq!(retry.attempt, MAX_ATTEMPTS);
    }

    #[test]
    fn a_spent_budget_stops_the_tries() {
        let mut retry = Retrying::quiet();
        assert!(retry.allow(Duration::from_secs(30)));
        assert!(retry.allow(Duration::from_secs(30)));
        // A third try is left, but not a millisecond of waiting.
        assert!(!retry.allow(Duration::from_millis(1)));
        assert_eq!(retry.waited, RETRY_BUDGET);
        assert!(retry.allow(Duration::ZERO));
    }

    #[tokio::test]
    async fn nothing_worth_a_try_is_not_tried() {
        let mut retry = Retrying::quiet();
        assert!(!retry.wait(None).await);
        assert_eq!((retry.attempt, retry.waited), (1, Duration::ZERO));
        assert!(retry.wait(Some(Duration::ZERO)).await);
        assert_eq!(retry.attempt, 2);
    }
}
