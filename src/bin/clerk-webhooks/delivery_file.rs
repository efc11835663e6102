//! The saved-delivery file that `listen --save` writes and `verify --delivery` reads.
//!
//! ```json
//! {
//!   "headers": {"svix-id": "msg_…", "svix-timestamp": "1716883200", "svix-signature": "v1,…"},
//!   "body": "{\"type\":\"user.created\",…}"
//! }
//! ```
//!
//! `body` is the exact body, as a JSON string; a body that is not UTF-8 is written as
//! `body_base64` instead. Only the signature headers (`svix-*` and `webhook-*`) and
//! `content-type` are kept: other headers, such as a tunnel's or a proxy's credentials, are
//! never written to disk.

use std::collections::BTreeMap;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::error::CliError;

/// A delivery as saved on disk.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct DeliveryFile {
    /// The kept headers, names in lower case.
    pub(crate) headers: BTreeMap<String, String>,
    /// The body, when it is UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) body: Option<String>,
    /// The body in standard base64, when it is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) body_base64: Option<String>,
}

/// Whether a header is worth saving with a delivery.
pub(crate) fn is_kept_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("svix-") || name.starts_with("webhook-") || name == "content-type"
}

impl DeliveryFile {
    /// A delivery from its headers (filtered by [`is_kept_header`]) and body.
    pub(crate) fn new<'a>(
        headers: impl IntoIterator<Item = (&'a str, &'a str)>,
        body: &[u8],
    ) -> Self {
        let mut kept = BTreeMap::new();
        for (name, value) in headers {
            if is_kept_header(name) {
                kept.entry(name.to_ascii_lowercase())
                    .or_insert_with(|| value.to_owned());
            }
        }
        let (body, body_base64) = match std::str::from_utf8(body) {
            Ok(text) => (Some(text.to_owned()), None),
            Err(_) => (
                None,
                Some(base64::engine::general_purpose::STANDARD.encode(body)),
            ),
        };
        Self {
            headers: kept,
            body,
            body_base64,
        }
    }

    /// Reads a delivery file's bytes; `None` when they are not one (for example a bare body).
    pub(crate) fn parse(bytes: &[u8]) -> Option<Self> {
        let file: Self = serde_json::from_slice(bytes).ok()?;
        (file.body.is_some() || file.body_base64.is_some()).then_some(file)
    }

    /// The body's bytes.
    pub(crate) fn body_bytes(&self) -> Result<Vec<u8>, CliError> {
        match (&self.body, &self.body_base64) {
            (Some(body), _) => Ok(body.as_bytes().to_vec()),
            (None, Some(encoded)) => base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .map_err(CliError::DeliveryBodyBase64),
            (None, None) => Err(CliError::DeliveryWithoutBody),
        }
    }

    /// The file's JSON text.
    pub(crate) fn to_json(&self) -> String {
        // A map of strings and two strings: serializing cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
