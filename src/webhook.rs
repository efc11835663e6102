//! [`Webhook`]: the configured verifier, and verification itself.
//!
//! The procedure [`Webhook::verify`] follows, in order:
//!
//! 1. **Headers.** Use the `svix-*` set when `svix-id` is present, otherwise the `webhook-*`
//!    set. Names match case-insensitively; values are trimmed, and an empty value counts as
//!    missing. When neither id header is present the error names `svix-id`, the header Clerk
//!    sends. The message id must be UTF-8, free of `.`, and at most [`MessageId::MAX_LEN`]
//!    bytes.
//! 2. **Timestamp.** ASCII digits only (no sign, fraction or inner space), parsed with checked
//!    arithmetic into Unix seconds. The window check is `|now − ts| ≤ tolerance`, inclusive at
//!    both ends, computed in `i128` so no input can overflow it.
//! 3. **Signature.** `HMAC-SHA256(key, id "." timestamp "." body)` over the raw body bytes
//!    (any bytes, UTF-8 or not, empty allowed), with the header timestamp text exactly as sent.
//!    The signature header is split on ASCII whitespace; entries that are empty, malformed, or of
//!    a version other than `v1` are skipped; each `v1` entry must decode (strict standard base64)
//!    to 32 bytes and is compared with [`subtle`] in constant time. At most
//!    [`MAX_SIGNATURE_ENTRIES`](crate::MAX_SIGNATURE_ENTRIES) entries are examined. The delivery
//!    verifies if any entry matches any configured secret.
//!
//! The body is never parsed before the signature holds.

use crate::error::Error;
use crate::headers::{self, present, HeaderSource};
use crate::message_id::MessageId;
use crate::secret::{decode_secret, SecretError};
use crate::signature::{matching_key, SigningKey};
use crate::timestamp::parse_timestamp;
use crate::verified::Verified;
use crate::verified_event::VerifiedEvent;
use crate::verify_error::VerifyError;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;

/// The default timestamp tolerance: five minutes either side of "now", as in every Svix and
/// Standard Webhooks library.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// The environment variable Clerk's own SDKs read the signing secret from.
pub const SECRET_ENV_VAR: &str = "CLERK_WEBHOOK_SIGNING_SECRET";

/// A second name, used by some guides, that [`Webhook::from_env`] falls back to.
pub const SECRET_ENV_VAR_FALLBACK: &str = "CLERK_WEBHOOK_SECRET";

/// A Clerk webhook verifier: one or more signing secrets and a timestamp tolerance.
///
/// Build it once at start-up and share it (it is `Send + Sync`, and cloning it copies a
/// reference-counted pointer without allocating). Each
/// secret is turned into a keyed HMAC state when the `Webhook` is built, so verification does
/// not re-hash keys, allocates nothing, and never parses the body.
///
/// ```
/// use clerk_webhooks::Webhook;
///
/// let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
/// let body = br#"{"test": 2432232314}"#;
/// let now = clerk_webhooks::time::OffsetDateTime::from_unix_timestamp(1614265330)?;
/// let signature = wh.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", body, now);
/// assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
///
/// let headers = [
///     ("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
///     ("svix-timestamp", "1614265330"),
///     ("svix-signature", signature.as_str()),
/// ];
/// let verified = wh.verify_at(body, &headers, now)?;
/// assert_eq!(verified.message_id(), "msg_p5jXN8AQM9LWM0D4loKWxJek");
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
    /// Shared, so that a clone (which every framework extractor makes per request) copies a
    /// pointer and allocates nothing.
    keys: Arc<[SigningKey]>,
    tolerance: Option<Duration>,
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
    /// SDKs use), falling back to `CLERK_WEBHOOK_SECRET`. A variable that is set but empty (or
    /// only whitespace) counts as unset.
    ///
    /// The value may hold several secrets separated by whitespace, for rotation
    /// (`"whsec_new whsec_old"`, as [`with_secrets`](Self::with_secrets) takes them); a signing
    /// secret never contains whitespace. [`from_env_var`](Self::from_env_var) reads another
    /// variable the same way.
    ///
    /// # Errors
    ///
    /// [`SecretError::NotSet`], which names both variables, when neither is set. When the value
    /// is rejected, [`SecretError::InEnvVar`] names the variable it came from, and its
    /// [`source`](std::error::Error::source) is the error of [`new`](Self::new) (one secret) or
    /// [`with_secrets`](Self::with_secrets) (several). A value that is not UTF-8 is rejected as
    /// [`SecretError::InvalidBase64`], not skipped.
    pub fn from_env() -> Result<Self, SecretError> {
        Self::from_first_env_var(&[SECRET_ENV_VAR, SECRET_ENV_VAR_FALLBACK])
            .unwrap_or(Err(SecretError::NotSet))
    }

    /// Builds a verifier from the environment variable `name`, read exactly as
    /// [`from_env`](Self::from_env) reads `CLERK_WEBHOOK_SIGNING_SECRET`: blank counts as unset,
    /// and several secrets separated by whitespace are accepted, for rotation. There is no
    /// fallback variable.
    ///
    /// ```
    /// use clerk_webhooks::{SecretError, Webhook};
    ///
    /// std::env::set_var(
    ///     "MY_APP_CLERK_SECRET",
    ///     "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    /// );
    /// let wh = Webhook::from_env_var("MY_APP_CLERK_SECRET")?;
    /// assert_eq!(wh.secret_count(), 2);
    ///
    /// // Errors name the variable, never its value.
    /// std::env::set_var("MY_APP_CLERK_SECRET", "sk_live_not_a_signing_secret");
    /// let err = Webhook::from_env_var("MY_APP_CLERK_SECRET").unwrap_err();
    /// assert!(matches!(&err, SecretError::InEnvVar { name, .. } if name == "MY_APP_CLERK_SECRET"));
    /// assert!(!format!("{err} {err:?}").contains("not_a_signing_secret"));
    ///
    /// std::env::remove_var("MY_APP_CLERK_SECRET");
    /// assert_eq!(
    ///     Webhook::from_env_var("MY_APP_CLERK_SECRET").unwrap_err().to_string(),
    ///     "no webhook signing secret: set MY_APP_CLERK_SECRET to the `whsec_…` secret from the Clerk Dashboard",
    /// );
    /// # Ok::<(), SecretError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`SecretError::EnvVarNotSet`], naming the variable, when it is unset or blank (a name
    /// that cannot be a variable's, such as one containing `=`, is never set); otherwise the
    /// errors of [`from_env`](Self::from_env).
    pub fn from_env_var(name: &str) -> Result<Self, SecretError> {
        Self::from_first_env_var(&[name]).unwrap_or_else(|| {
            Err(SecretError::EnvVarNotSet {
                name: name.to_owned(),
            })
        })
    }

    /// The verifier from the first of `names` that is set and not blank, or `None` when none
    /// is: the one path by which [`from_env`](Self::from_env) and
    /// [`from_env_var`](Self::from_env_var) read a secret.
    fn from_first_env_var(names: &[&str]) -> Option<Result<Self, SecretError>> {
        let rejected = |name: &str, source: SecretError| SecretError::InEnvVar {
            name: name.to_owned(),
            source: Box::new(source),
        };
        for &name in names {
            let value = match std::env::var(name) {
                Ok(value) => zeroize::Zeroizing::new(value),
                Err(std::env::VarError::NotPresent) => continue,
                Err(std::env::VarError::NotUnicode(_)) => {
                    let source = SecretError::InvalidBase64 {
                        reason: "it is not valid UTF-8",
                    };
                    return Some(Err(rejected(name, source)));
                }
            };
            let secrets: Vec<&str> = value.split_whitespace().collect();
            let webhook = match secrets.as_slice() {
                [] => continue,
                [single] => Self::new(single),
                _ => Self::with_secrets(secrets),
            };
            return Some(webhook.map_err(|source| rejected(name, source)));
        }
        None
    }

    fn from_keys(keys: impl Into<Arc<[SigningKey]>>) -> Self {
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

    /// Turns the timestamp check off entirely. **Dangerous**, as the name says.
    ///
    /// **This removes replay protection**: a captured delivery then verifies forever. Use it
    /// only for replaying stored deliveries or for tools, never on a live endpoint. The
    /// timestamp must still be well-formed, and it is still covered by the signature.
    ///
    /// ```
    /// # use clerk_webhooks::Webhook;
    /// let replayer = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?
    ///     .dangerous_disable_replay_protection();
    /// assert_eq!(replayer.tolerance(), None);
    /// # Ok::<(), clerk_webhooks::SecretError>(())
    /// ```
    #[must_use]
    pub fn dangerous_disable_replay_protection(mut self) -> Self {
        self.tolerance = None;
        self
    }

    /// The configured tolerance, or `None` when [`dangerous_disable_replay_protection`](Self::dangerous_disable_replay_protection)
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
    /// `at` is the delivery time; send `at.unix_timestamp()` as `svix-timestamp` (the signature
    /// covers whole seconds). This is what Svix does when it delivers; it exists so that tests
    /// (yours included) can build deliveries that verify. See the `testing` feature for a fuller
    /// kit.
    ///
    /// Arguments follow one order throughout the crate: what identifies the delivery, then its
    /// bytes, then the clock, always as an [`OffsetDateTime`].
    ///
    /// ```
    /// use clerk_webhooks::time::OffsetDateTime;
    /// # use clerk_webhooks::Webhook;
    /// let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
    /// let at = OffsetDateTime::from_unix_timestamp(1614265330)?;
    /// assert_eq!(
    ///     wh.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", br#"{"test": 2432232314}"#, at),
    ///     "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sign(&self, message_id: &str, body: &[u8], at: OffsetDateTime) -> String {
        let timestamp = at.unix_timestamp().to_string();
        let mac = self.keys[0].mac(message_id.as_bytes(), timestamp.as_bytes(), body);
        let mut header = String::with_capacity(3 + 44);
        header.push_str("v1,");
        STANDARD.encode_string(mac, &mut header);
        header
    }

    /// Verifies a delivery against the current time.
    ///
    /// `body` must be the raw request bytes exactly as received: a body that was parsed and
    /// re-serialized will not verify. `headers` is anything that implements [`HeaderSource`];
    /// the result borrows only `body`.
    ///
    /// ```
    /// use clerk_webhooks::{VerifyError, Webhook};
    ///
    /// let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
    /// let headers = [("svix-id", "msg_1"), ("svix-timestamp", "1"), ("svix-signature", "v1,AAAA")];
    /// let err = wh.verify(b"{}", &headers).unwrap_err();
    /// assert!(matches!(err, VerifyError::TimestampTooOld { .. }));
    /// assert_eq!(err.http_status(), 400);
    /// # Ok::<(), clerk_webhooks::SecretError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`VerifyError`] saying which check failed.
    pub fn verify<'a, H>(&self, body: &'a [u8], headers: &H) -> Result<Verified<'a>, VerifyError>
    where
        H: HeaderSource + ?Sized,
    {
        self.verify_at(body, headers, OffsetDateTime::now_utc())
    }

    /// Verifies a delivery against the given time instead of the system clock (for tests,
    /// replays, and platforms without a clock).
    ///
    /// # Errors
    ///
    /// A [`VerifyError`] saying which check failed.
    pub fn verify_at<'a, H>(
        &self,
        body: &'a [u8],
        headers: &H,
        now: OffsetDateTime,
    ) -> Result<Verified<'a>, VerifyError>
    where
        H: HeaderSource + ?Sized,
    {
        let (names, id) = match present(headers, SVIX_HEADERS.id) {
            Some(id) => (&SVIX_HEADERS, id),
            None => match present(headers, STANDARD_HEADERS.id) {
                Some(id) => (&STANDARD_HEADERS, id),
                None => {
                    return Err(VerifyError::MissingHeader {
                        name: SVIX_HEADERS.id,
                    })
                }
            },
        };
        let timestamp_text =
            present(headers, names.timestamp).ok_or(VerifyError::MissingHeader {
                name: names.timestamp,
            })?;
        let signatures = present(headers, names.signature).ok_or(VerifyError::MissingHeader {
            name: names.signature,
        })?;
        let message_id = MessageId::from_header(id, names.id)?;

        let timestamp = parse_timestamp(timestamp_text)?;
        self.check_window(timestamp, now)?;
        let delivered_at = OffsetDateTime::from_unix_timestamp(timestamp).map_err(|_| {
            VerifyError::InvalidTimestamp {
                reason: "the value is outside the representable range of dates",
            }
        })?;

        let secret_index = matching_key(&self.keys, id, timestamp_text, body, signatures)
            .ok_or(VerifyError::InvalidSignature)?;
        Ok(Verified::new(message_id, delivered_at, secret_index, body))
    }

    /// Verifies a delivery and parses it into a typed event, in one call.
    ///
    /// ```
    /// use clerk_webhooks::time::OffsetDateTime;
    /// use clerk_webhooks::{ClerkEvent, EventKind, Webhook};
    ///
    /// let wh = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
    /// let body = br#"{"data":{"object":"role","id":"role_1","deleted":true},"object":"event","type":"role.deleted"}"#;
    /// let now = OffsetDateTime::now_utc();
    /// let signature = wh.sign("msg_1", body, now);
    /// let timestamp = now.unix_timestamp().to_string();
    /// let headers = [
    ///     ("svix-id", "msg_1"),
    ///     ("svix-timestamp", timestamp.as_str()),
    ///     ("svix-signature", signature.as_str()),
    /// ];
    /// let delivery = wh.verify_event(body, &headers)?;
    /// assert_eq!(delivery.message_id, "msg_1");
    /// assert_eq!(delivery.event.kind(), EventKind::RoleDeleted);
    /// assert!(matches!(delivery.event, ClerkEvent::RoleDeleted(_)));
    /// # Ok::<(), clerk_webhooks::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Verify`] when the delivery does not verify (the body is then not parsed at
    /// all), [`Error::Parse`] when it verifies but cannot be parsed. Either way,
    /// [`Error::http_status`] is the status to answer with.
    pub fn verify_event<H>(&self, body: &[u8], headers: &H) -> Result<VerifiedEvent, Error>
    where
        H: HeaderSource + ?Sized,
    {
        Ok(self.verify(body, headers)?.parse()?)
    }

    /// [`verify_event`](Self::verify_event) against the given time instead of the system clock.
    ///
    /// # Errors
    ///
    /// As for [`verify_event`](Self::verify_event).
    pub fn verify_event_at<H>(
        &self,
        body: &[u8],
        headers: &H,
        now: OffsetDateTime,
    ) -> Result<VerifiedEvent, Error>
    where
        H: HeaderSource + ?Sized,
    {
        Ok(self.verify_at(body, headers, now)?.parse()?)
    }

    fn check_window(&self, timestamp: i64, now: OffsetDateTime) -> Result<(), VerifyError> {
        let Some(tolerance) = self.tolerance else {
            return Ok(());
        };
        let tolerance_secs = tolerance.as_secs();
        let delta = i128::from(timestamp) - i128::from(now.unix_timestamp());
        let distance = u64::try_from(delta.unsigned_abs()).unwrap_or(u64::MAX);
        if distance <= tolerance_secs {
            Ok(())
        } else if delta < 0 {
            // (`delta <= 0` would be equivalent: `delta == 0` means distance 0, accepted above.)
            Err(VerifyError::TimestampTooOld {
                age_secs: distance,
                tolerance_secs,
            })
        } else {
            Err(VerifyError::TimestampTooNew {
                ahead_secs: distance,
                tolerance_secs,
            })
        }
    }
}

struct HeaderNames {
    id: &'static str,
    timestamp: &'static str,
    signature: &'static str,
}

const SVIX_HEADERS: HeaderNames = HeaderNames {
    id: headers::SVIX_ID,
    timestamp: headers::SVIX_TIMESTAMP,
    signature: headers::SVIX_SIGNATURE,
};

const STANDARD_HEADERS: HeaderNames = HeaderNames {
    id: headers::WEBHOOK_ID,
    timestamp: headers::WEBHOOK_TIMESTAMP,
    signature: headers::WEBHOOK_SIGNATURE,
};

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

#[cfg(test)]
mod tests {
    //! `from_env` and `from_env_var` share `from_first_env_var`. Every test here uses variable
    //! names of its own, so tests running in parallel never see each other's values.

    use super::*;

    const OLD: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const NEW: &str = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    fn at(secs: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(secs).unwrap()
    }

    /// Signs the Svix test vector's body with `wh`'s first secret.
    fn sign_vector(wh: &Webhook) -> String {
        wh.sign(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            br#"{"test": 2432232314}"#,
            at(1614265330),
        )
    }

    /// The signature the Svix test vector gives with [`OLD`].
    const OLD_SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    #[test]
    fn from_env_var_reads_the_named_variable_as_new_would() {
        let name = "CLERK_WEBHOOKS_UNIT_FROM_ENV_VAR_ONE";
        std::env::set_var(name, format!("  {OLD}\n"));
        let wh = Webhook::from_env_var(name).unwrap();
        assert_eq!(wh.secret_count(), 1);
        assert_eq!(sign_vector(&wh), OLD_SIGNATURE);
        std::env::remove_var(name);
    }

    #[test]
    fn from_env_var_takes_a_whitespace_separated_rotation_list() {
        let name = "CLERK_WEBHOOKS_UNIT_FROM_ENV_VAR_LIST";
        std::env::set_var(name, format!("{NEW}\t {OLD}\n"));
        let wh = Webhook::from_env_var(name).unwrap();
        assert_eq!(wh.secret_count(), 2);
        // The first secret signs; a delivery signed with the second still verifies.
        assert_ne!(sign_vector(&wh), OLD_SIGNATURE);
        let headers = [
            ("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
            ("svix-timestamp", "1614265330"),
            ("svix-signature", OLD_SIGNATURE),
        ];
        assert!(wh
            .verify_at(br#"{"test": 2432232314}"#, &headers, at(1614265330))
            .is_ok());
        std::env::remove_var(name);
    }

    #[test]
    fn an_unset_or_blank_variable_is_not_set_and_the_error_names_it() {
        let name = "CLERK_WEBHOOKS_UNIT_FROM_ENV_VAR_BLANK";
        std::env::remove_var(name);
        let expected = SecretError::EnvVarNotSet {
            name: name.to_owned(),
        };
        assert_eq!(Webhook::from_env_var(name).unwrap_err(), expected);
        for blank in ["", "   ", "\n\t"] {
            std::env::set_var(name, blank);
            assert_eq!(Webhook::from_env_var(name).unwrap_err(), expected);
        }
        assert_eq!(
            expected.to_string(),
            format!(
                "no webhook signing secret: set {name} to the `whsec_…` secret from the Clerk Dashboard"
            )
        );
        std::env::remove_var(name);
    }

    #[test]
    fn a_rejected_value_names_the_variable_and_never_the_value() {
        let name = "CLERK_WEBHOOKS_UNIT_FROM_ENV_VAR_BAD";
        std::env::set_var(name, "sk_live_VALUESECRET");
        let err = Webhook::from_env_var(name).unwrap_err();
        let SecretError::InEnvVar {
            name: in_name,
            source,
        } = &err
        else {
            panic!("{err:?}");
        };
        assert_eq!(in_name, name);
        assert!(matches!(
            **source,
            SecretError::WrongPrefix {
                prefix: "sk_live_",
                ..
            }
        ));
        assert_eq!(
            err.to_string(),
            format!("webhook signing secret in {name} was rejected")
        );
        let source = std::error::Error::source(&err).expect("a source");
        assert!(source.to_string().contains("`sk_live_`"), "{source}");
        assert!(!format!("{err} {err:?} {source}").contains("VALUESECRET"));

        // In a list, the position is kept under the variable.
        std::env::set_var(name, format!("{OLD} whsec_VALUE!SECRET"));
        let err = Webhook::from_env_var(name).unwrap_err();
        assert!(
            matches!(
                &err,
                SecretError::InEnvVar { source, .. }
                    if matches!(**source, SecretError::InList { index: 1, .. })
            ),
            "{err:?}"
        );
        assert!(!format!("{err:?}").contains("VALUE"));
        std::env::remove_var(name);
    }

    #[cfg(unix)]
    #[test]
    fn a_value_that_is_not_utf8_is_rejected_not_skipped() {
        use std::os::unix::ffi::OsStrExt;
        let name = "CLERK_WEBHOOKS_UNIT_FROM_ENV_VAR_NOT_UTF8";
        let fallback = "CLERK_WEBHOOKS_UNIT_FROM_ENV_VAR_NOT_UTF8_FALLBACK";
        std::env::set_var(name, std::ffi::OsStr::from_bytes(b"whsec_\xff\xfe"));
        std::env::set_var(fallback, OLD);
        let err = Webhook::from_first_env_var(&[name, fallback])
            .unwrap()
            .unwrap_err();
        assert!(
            matches!(
                &err,
                SecretError::InEnvVar { name: n, source }
                    if n == name && matches!(**source, SecretError::InvalidBase64 { .. })
            ),
            "{err:?}"
        );
        std::env::remove_var(name);
        std::env::remove_var(fallback);
    }

    #[test]
    fn names_that_cannot_be_variables_are_never_set() {
        for name in ["", "A=B", "A\0B"] {
            assert_eq!(
                Webhook::from_env_var(name).unwrap_err(),
                SecretError::EnvVarNotSet {
                    name: name.to_owned()
                }
            );
        }
    }

    /// The order `from_env` relies on, with names of this test's own: the first variable wins,
    /// a blank one is skipped, and a rejected one is an error rather than a reason to fall back.
    #[test]
    fn the_first_set_variable_wins_and_a_bad_one_does_not_fall_back() {
        let primary = "CLERK_WEBHOOKS_UNIT_FIRST_PRIMARY";
        let fallback = "CLERK_WEBHOOKS_UNIT_FIRST_FALLBACK";
        let names = [primary, fallback];
        std::env::remove_var(primary);
        std::env::remove_var(fallback);
        assert!(Webhook::from_first_env_var(&names).is_none());

        std::env::set_var(fallback, OLD);
        let wh = Webhook::from_first_env_var(&names).unwrap().unwrap();
        assert_eq!(sign_vector(&wh), OLD_SIGNATURE);

        std::env::set_var(primary, " ");
        let wh = Webhook::from_first_env_var(&names).unwrap().unwrap();
        assert_eq!(sign_vector(&wh), OLD_SIGNATURE);

        std::env::set_var(primary, NEW);
        let wh = Webhook::from_first_env_var(&names).unwrap().unwrap();
        assert_ne!(sign_vector(&wh), OLD_SIGNATURE);

        std::env::set_var(primary, "whsec_");
        let err = Webhook::from_first_env_var(&names).unwrap().unwrap_err();
        assert_eq!(
            err,
            SecretError::InEnvVar {
                name: primary.to_owned(),
                source: Box::new(SecretError::Empty),
            }
        );
        std::env::remove_var(primary);
        std::env::remove_var(fallback);
    }
}
