//! How long to wait between two polls of something a run waits for: a CI/CD progress, a
//! Kore.ai publish, the smoke test's conversation, Agent Chat's activation.

use std::time::Duration;

/// How often a run polls what it waits for: `base`, growing by half up to `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    /// 500 ms growing by half each time to 3 s: a short activation's end is seen soon (three
    /// polls within 2.4 s), a long one's within 3 s.
    fn default() -> Self {
        Backoff {
            base: Duration::from_millis(500),
            max: Duration::from_secs(3),
        }
    }
}

impl Backoff {
    /// The default, or `SN_HANDOFF_POLL_MS` as the first interval (the longest is six times
    /// it): a tuning knob for slow instances, and what keeps the tests fast.
    pub fn from_env() -> Backoff {
        Backoff::from_env_or(Backoff::default())
    }

    /// `SN_HANDOFF_POLL_MS` as [`Backoff::from_env`] reads it, else `default`.
    pub fn from_env_or(default: Backoff) -> Backoff {
        match crate::env::poll_ms() {
            Some(ms) => Backoff {
                base: Duration::from_millis(ms),
                max: Duration::from_millis(ms.saturating_mul(6)),
            },
            None => default,
        }
    }

    /// The interval before poll number `n` (0-based): the first one, one and a half times
    /// longer each time, up to the longest.
    pub fn delay(&self, n: u32) -> Duration {
        self.base
            .mul_f64(1.5f64.powi(n.min(32) as i32))
            .min(self.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_by_half_up_to_its_longest() {
        let b = Backoff::default();
        let delays: Vec<u128> = (0..7).map(|n| b.delay(n).as_millis()).collect();
        assert_eq!(delays, [500, 750, 1125, 1687, 2531, 3000, 3000]);
        assert_eq!(b.delay(u32::MAX), Duration::from_secs(3));
    }
}
