//! [`Webhook`]: the configured verifier — secrets, tolerance, and signing.

use crate::error::SecretError;
use crate::secret::decode_secret;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::fmt;
use std::time::Duration;

/// The default timestamp tolerance: five minutes either side of "now", as in every Svix and
/// Standard Webhooks library.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// The environment variable Clerk's own SDKs read the signing secret from.
pub const SECRET_ENV_VAR: &str = "CLERK_WEBHOOK_SIGNING_SECRET";

/// A second name, used by some guides, that [`Webhook::from_env`] falls back to.
pub const SECRET_ENV_VAR_FALLBACK: &str = "CLERK_WEBHOOK_SECRET";

/// A keyed HMAC-SHA256 state, computed once from a secret.
///
/// Cloning it is a copy of two SHA-256 states, so a verification never re-hashes the key. The
/// state is wiped on drop (`hmac`'s `zeroize` feature).
#[derive(Clone)]
pub(crate) struct SigningKey(pub(crate) Hmac<Sha256>);

impl SigningKey {
    fn new(key: &[u8]) -> Self {
        // HMAC accepts keys of any length, so this cannot fail; `new_from_slice` is used only
        // because it is the constructor that takes a slice.
        Self(Hmac::<Sha256>::new_from_slice(key).unwrap_or_else(|_| unreachable!()))
    }

    /// HMAC-SHA256 over `id.timestamp.body`, streamed: the body is never copied.
    pub(crate) fn mac(&self, id: &[u8], timestamp: &[u8], body: &[u8]) -> [u8; 32] {
        let mut mac = self.0.clone();
        mac.update(id);
        mac.update(b".");
        mac.update(timestamp);
        mac.update(b".");
        mac.update(body);
        mac.finalize().into_bytes().into()
    }
}

/// A Clerk webhook verifier: one or more signing secrets and a timestamp tolerance.
///
/// Build it once at start-up and share it (it is `Send + Sync`, and cheap to `clone`). Each
/// secret is turned into a keyed HMAC state when the `Webhook` is built, so verification does
/// not re-hash keys, allocates nothing, and never parses the body.
///
/// ```
/// use clerk_webhooks::Webhook;
///
/// let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
/// let body = br#"{"test": 2432232314}"#;
/// let signature = wh.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);
/// assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
///
/// let headers = [
///     ("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
///     ("svix-timestamp", "1614265330"),
///     ("svix-signature", signature.as_str()),
/// ];
/// let now = time::OffsetDateTime::from_unix_timestamp(1614265330).unwrap();
/// let verified = wh.verify_at(body, &headers, now)?;
/// assert_eq!(verified.message_id, "msg_p5jXN8AQM9LWM0D4loKWxJek");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// `Debug` never shows key material:
///
/// ```
/// # use clerk_webhooks::Webhook;
/// let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
/// assert_eq!(format!("{wh:?}"), "Webhook { secrets: [redacted; 1], tolerance: Some(300s) }");
/// # Ok::<(), clerk_webhooks::SecretError>(())
/// ```
#[derive(Clone)]
pub struct Webhook {
    pub(crate) keys: Box<[SigningKey]>,
    pub(crate) tolerance: Option<Duration>,
}

impl Webhook {
    /// Builds a verifier from one signing secret, as shown in the Clerk Dashboard
    /// (`whsec_` followed by base64). The `whsec_` prefix is optional, surrounding whitespace is
    /// ignored, and missing `=` padding is accepted.
    ///
    /// # Errors
    ///
    /// A [`SecretError`] when the secret is empty, is not standard base64, or is some other
    /// kind of key (a Clerk `sk_…` API key, say). The error never contains the secret.
    pub fn new(secret: impl AsRef<str>) -> Result<Self, SecretError> {
        let key = decode_secret(secret.as_ref())?;
        Ok(Self::from_keys([SigningKey::new(&key)]))
    }

    /// Builds a verifier that accepts a signature from **any** of several secrets, for
    /// zero-downtime rotation: list the new secret and the old one, and remove the old one once
    /// Clerk signs only with the new. [`Verified::secret_index`](crate::Verified::secret_index)
    /// says which one matched. [`sign`](Self::sign) uses the first.
    ///
    /// ```
    /// use clerk_webhooks::Webhook;
    ///
    /// let wh = Webhook::with_secrets([
    ///     "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", // new
    ///     "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", // old, remove after the rotation
    /// ])?;
    /// assert_eq!(wh.secret_count(), 2);
    /// # Ok::<(), clerk_webhooks::SecretError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`SecretError::NoSecrets`] for an empty list, or [`SecretError::InList`] naming the
    /// position of the first secret that is rejected.
    pub fn with_secrets<I, S>(secrets: I) -> Result<Self, SecretError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let keys = secrets
            .into_iter()
            .enumerate()
            .map(|(index, secret)| {
                decode_secret(secret.as_ref())
                    .map(|key| SigningKey::new(&key))
                    .map_err(|source| SecretError::InList {
                        index,
                        source: Box::new(source),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err(SecretError::NoSecrets);
        }
        Ok(Self::from_keys(keys))
    }

    /// Builds a verifier from raw key bytes (the base64-decoded secret).
    ///
    /// # Errors
    ///
    /// [`SecretError::Empty`] for an empty key.
    pub fn from_bytes(key: &[u8]) -> Result<Self, SecretError> {
        if key.is_empty() {
            return Err(SecretError::Empty);
        }
        Ok(Self::from_keys([SigningKey::new(key)]))
    }

    /// Builds a verifier from the environment: `CLERK_WEBHOOK_SIGNING_SECRET` (the name Clerk's
    /// SDKs use), falling back to `CLERK_WEBHOOK_SECRET`. A variable that is set but empty
    /// counts as unset.
    ///
    /// The value may hold several secrets separated by whitespace, for rotation
    /// (`"whsec_new whsec_old"`); a signing secret never contains whitespace.
    ///
    /// # Errors
    ///
    /// [`SecretError::NotSet`], which names both variables, when neither is set; otherwise the
    /// errors of [`with_secrets`](Self::with_secrets).
    pub fn from_env() -> Result<Self, SecretError> {
        let value = [SECRET_ENV_VAR, SECRET_ENV_VAR_FALLBACK]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.trim().is_empty())
            .ok_or(SecretError::NotSet)?;
        let value = zeroize::Zeroizing::new(value);
        let secrets: Vec<&str> = value.split_whitespace().collect();
        if let [single] = secrets.as_slice() {
            return Self::new(single);
        }
        Self::with_secrets(secrets)
    }

    fn from_keys(keys: impl Into<Box<[SigningKey]>>) -> Self {
        Self {
            keys: keys.into(),
            tolerance: Some(DEFAULT_TOLERANCE),
        }
    }

    /// Sets how far the `svix-timestamp` may lie from "now", in either direction. The default
    /// is [`DEFAULT_TOLERANCE`] (300 s). Both ends are inclusive, and the tolerance counts
    /// whole seconds (any fraction is dropped).
    ///
    /// ```
    /// # use clerk_webhooks::Webhook;
    /// use std::time::Duration;
    /// let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?
    ///     .with_tolerance(Duration::from_secs(60));
    /// assert_eq!(wh.tolerance(), Some(Duration::from_secs(60)));
    /// # Ok::<(), clerk_webhooks::SecretError>(())
    /// ```
    #[must_use]
    pub fn with_tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = Some(Duration::from_secs(tolerance.as_secs()));
        self
    }

    /// Turns the timestamp check off entirely.
    ///
    /// **This removes replay protection**: a captured delivery then verifies forever. Use it
    /// only for replaying stored deliveries or for tools, never on a live endpoint. The
    /// timestamp must still be well-formed, and it is still covered by the signature.
    #[must_use]
    pub fn disable_tolerance(mut self) -> Self {
        self.tolerance = None;
        self
    }

    /// The configured tolerance, or `None` when [`disable_tolerance`](Self::disable_tolerance)
    /// was called.
    pub fn tolerance(&self) -> Option<Duration> {
        self.tolerance
    }

    /// How many secrets this verifier accepts.
    pub fn secret_count(&self) -> usize {
        self.keys.len()
    }

    /// Signs a delivery and returns the `svix-signature` header value, `v1,<base64>`, computed
    /// with the first secret.
    ///
    /// `timestamp` is Unix seconds, the value to send as `svix-timestamp`. This is what Svix
    /// does when it delivers; it exists so that tests (yours included) can build deliveries
    /// that verify. See the `testing` feature for a fuller kit.
    pub fn sign(&self, msg_id: &str, timestamp: i64, body: &[u8]) -> String {
        let timestamp = timestamp.to_string();
        let mac = self.keys[0].mac(msg_id.as_bytes(), timestamp.as_bytes(), body);
        let mut header = String::with_capacity(3 + 44);
        header.push_str("v1,");
        STANDARD.encode_string(mac, &mut header);
        header
    }
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Redacted(usize);
        impl fmt::Debug for Redacted {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "[redacted; {}]", self.0)
            }
        }
        f.debug_struct("Webhook")
            .field("secrets", &Redacted(self.keys.len()))
            .field("tolerance", &self.tolerance)
            .finish()
    }
}
