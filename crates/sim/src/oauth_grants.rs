//! What the simulated OAuth remembers: the access tokens, refresh tokens and authorization codes
//! it issued, and the options that shape them.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Issued tokens and codes, and the options that shape them.
#[derive(Debug, Default)]
pub(crate) struct OAuthState {
    /// Access tokens by value.
    pub access: HashMap<String, AccessToken>,
    /// Refresh tokens by value.
    pub refresh: HashMap<String, RefreshToken>,
    /// Authorization codes by value.
    pub codes: HashMap<String, AuthCode>,
    /// Overrides the app's access token lifespan.
    pub access_lifespan: Option<Duration>,
    /// Each access token answers this many API requests, then is refused as expired.
    pub access_requests: Option<u32>,
    /// A refresh grant returns a new refresh token and revokes the one used.
    pub rotate: bool,
}

/// An issued access token.
#[derive(Debug, Clone)]
pub(crate) struct AccessToken {
    pub user: String,
    pub expires: Instant,
    pub uses_left: Option<u32>,
}

/// An issued refresh token.
#[derive(Debug, Clone)]
pub(crate) struct RefreshToken {
    pub user: String,
    pub client_id: String,
    pub expires: Instant,
    pub revoked: bool,
}

/// An authorization code waiting to be exchanged.
#[derive(Debug, Clone)]
pub(crate) struct AuthCode {
    pub user: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub challenge: Option<String>,
    pub expires: Instant,
}
