//! [`DriftReport`]: what a webhook body carries that this version of the crate does not model.
//!
//! Clerk adds fields, enum values and event types without notice. The typed model survives
//! that by design (unknown fields are ignored, unknown strings become `Unknown`, unknown types
//! become [`ClerkEvent::Unknown`](crate::ClerkEvent::Unknown)), which also means nobody learns
//! that it happened. A drift report says what was dropped or left unknown, so that you can
//! log it, alert on it, or fail a test.
//!
//! How it finds them: unknown fields by comparing the body, read as a [`serde_json::Value`],
//! with the typed event serialized back; unknown enum values by a serializer of its own that
//! recognises how an `Unknown` value serializes. Both use only `serde` and `serde_json`, so the
//! report adds no dependency (a crate such as `serde_ignored` would find the fields during the
//! typed parse, at the cost of one in the crate's core).
//!
//! It costs nothing unless you call it: [`DriftReport::from_slice`] parses the body again,
//! once as a [`serde_json::Value`] and once typed, and compares the two. Its cost is measured
//! against a plain typed parse in `benches/compare` (its `RESULTS.md` has the figures);
//! it is cheap enough to run on every delivery.
//!
//! # What it reports, and what it never reports
//!
//! * **Unknown fields**: the JSON path of every field in the body that the typed model drops,
//!   with array indices normalised (`data.email_addresses[].foo`), sorted and deduplicated.
//!   Paths are made of the body's *keys*, never of its values.
//! * **Unknown values**: the path of every open-enum field (a status, a strategy, an object
//!   kind, …) whose value fell to `Unknown`, with that value. Those values are schema tokens
//!   such as `"paused"`, not user data; no other field value is ever reported.
//! * **An unknown event type**: the `type` string when this version has no variant for it.
//!   The fields of an unknown event's `data` are not listed: nothing of it is modelled.
//!
//! Free-form fields (`public_metadata`, `unsafe_metadata`, `actor`, …) are kept whole as
//! [`serde_json::Value`], so nothing inside them is drift.
//!
//! # A production pattern: log each distinct drift once
//!
//! ```
//! use std::collections::HashSet;
//! use std::sync::Mutex;
//!
//! use clerk_webhooks::drift::DriftReport;
//!
//! /// Remembers which drift has been logged, so that a new field is reported once, not on
//! /// every delivery.
//! #[derive(Default)]
//! struct DriftLog(Mutex<HashSet<String>>);
//!
//! impl DriftLog {
//!     fn observe(&self, body: &[u8]) {
//!         let Ok(report) = DriftReport::from_slice(body) else { return };
//!         let mut seen = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
//!         for line in report.lines() {
//!             if seen.insert(line.clone()) {
//!                 // With the `tracing` feature: tracing::warn!(drift = %line, "Clerk payload drift");
//!                 eprintln!("Clerk payload drift: {line}");
//!             }
//!         }
//!     }
//! }
//!
//! let log = DriftLog::default();
//! let body = br#"{"type":"session.created","data":{"id":"sess_1","status":"paused","new_field":1}}"#;
//! log.observe(body); // logs two lines
//! log.observe(body); // logs nothing: both were seen
//! assert_eq!(log.0.lock().unwrap().len(), 2);
//! ```
//!
//! Call it after [`Webhook::verify`](crate::Webhook::verify) succeeded, on
//! [`Verified::body`](crate::Verified::body): like every parse in this crate, it is for
//! verified bodies.

mod marked;

use std::collections::BTreeSet;
use std::fmt;

use serde_json::Value;

use crate::events::WebhookEvent;
use crate::ParseError;
use marked::UNKNOWN_MARK;

/// What one body carries that this version of the crate does not model. See the
/// [module documentation](self) for what is and is never reported.
///
/// ```
/// use clerk_webhooks::drift::DriftReport;
///
/// let body = br#"{
///     "type": "user.created",
///     "object": "event",
///     "data": {
///         "id": "user_1",
///         "email_addresses": [{"id": "idn_1", "email_address": "ada@example.com", "shiny": true}],
///         "verification_level": 2
///     }
/// }"#;
/// let report = DriftReport::from_slice(body)?;
/// assert_eq!(report.unknown_fields, ["data.email_addresses[].shiny", "data.verification_level"]);
/// assert!(report.unknown_values.is_empty());
/// assert_eq!(report.unknown_event_type, None);
/// assert!(!report.is_empty());
/// // Paths and schema tokens only: no payload value.
/// assert!(!format!("{report}").contains("ada@example.com"));
/// # Ok::<(), clerk_webhooks::ParseError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DriftReport {
    /// The event's `type`, when this version of the crate has no variant for it.
    pub unknown_event_type: Option<String>,
    /// Paths of the fields the typed model drops, array indices written `[]`, sorted and
    /// deduplicated.
    pub unknown_fields: Vec<String>,
    /// Open-enum fields whose value this version does not know, sorted and deduplicated.
    pub unknown_values: Vec<UnknownValueAt>,
}

/// An open-enum field whose value this version of the crate does not know.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub struct UnknownValueAt {
    /// The field's path, array indices written `[]` (`data.verification.strategy`).
    pub path: String,
    /// The value, a schema token such as `"paused"`.
    pub value: String,
}

impl DriftReport {
    /// Reports what `body` carries that the typed model does not.
    ///
    /// # Errors
    ///
    /// The [`ParseError`] of [`WebhookEvent::from_slice`] when the body does not parse: a
    /// body that cannot be read has no drift to report.
    pub fn from_slice(body: &[u8]) -> Result<Self, ParseError> {
        let typed = WebhookEvent::from_slice(body)?;
        Self::from_parsed(body, &typed)
    }

    /// [`from_slice`](Self::from_slice) for a body already parsed: `event` must be what `body`
    /// parsed into (the [`VerifiedEvent`](crate::VerifiedEvent) of
    /// [`Webhook::verify_event`](crate::Webhook::verify_event) derefs to it), which saves the
    /// typed parse. Given another event, the report compares `body` with that event instead.
    ///
    /// ```
    /// use clerk_webhooks::drift::DriftReport;
    /// use clerk_webhooks::WebhookEvent;
    ///
    /// let body = br#"{"type":"role.created","data":{"id":"role_1","colour":"teal"}}"#;
    /// let event = WebhookEvent::from_slice(body)?;
    /// let report = DriftReport::from_parsed(body, &event)?;
    /// assert_eq!(report, DriftReport::from_slice(body)?);
    /// assert_eq!(report.unknown_fields, ["data.colour"]);
    /// # Ok::<(), clerk_webhooks::ParseError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`ParseError`] when `body` is not a JSON object, which no body that parsed into an
    /// event is.
    pub fn from_parsed(body: &[u8], event: &WebhookEvent) -> Result<Self, ParseError> {
        let not_json = |err: &serde_json::Error| ParseError::from_json(None, String::new(), err);
        let body = match serde_json::from_slice::<Value>(body).map_err(|err| not_json(&err))? {
            Value::Object(body) => body,
            _ => {
                let err = <serde_json::Error as serde::de::Error>::custom(
                    "a webhook body is a JSON object",
                );
                return Err(not_json(&err));
            }
        };
        let unknown_event_type = event
            .event
            .is_unknown()
            .then(|| event.event.event_type().to_owned());
        let typed = marked::to_value(event);
        // Serializing the crate's own types into a `Value` cannot fail, and gives an object.
        let Ok(Value::Object(typed)) = typed else {
            return Ok(Self::default());
        };

        let mut walk = Walk::default();
        for (key, value) in &body {
            match key.as_str() {
                // Envelope fields the model reads. Those it leaves out when absent or `null`
                // (`timestamp`, `instance_id`, `event_attributes`) are compared only when set.
                "object" | "type" => {}
                "data" if unknown_event_type.is_some() => {}
                "data" | "timestamp" | "instance_id" | "event_attributes" => {
                    if let Some(typed_value) = typed.get(key) {
                        let mut path = key.clone();
                        walk.compare(value, typed_value, &mut path);
                    }
                }
                _ => {
                    walk.fields.insert(key.clone());
                }
            }
        }
        Ok(Self {
            unknown_event_type,
            unknown_fields: walk.fields.into_iter().collect(),
            unknown_values: walk.values.into_iter().collect(),
        })
    }

    /// `true` when the body holds nothing this version does not model.
    pub fn is_empty(&self) -> bool {
        self.unknown_event_type.is_none()
            && self.unknown_fields.is_empty()
            && self.unknown_values.is_empty()
    }

    /// One line per fact (`unknown field data.foo`, `unknown value "paused" at data.status`,
    /// `unknown event type "user.archived"`): the unit to log once and remember.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(event_type) = &self.unknown_event_type {
            lines.push(format!("unknown event type {event_type:?}"));
        }
        lines.extend(
            self.unknown_fields
                .iter()
                .map(|path| format!("unknown field {path}")),
        );
        lines.extend(
            self.unknown_values
                .iter()
                .map(|at| format!("unknown value {:?} at {}", at.value, at.path)),
        );
        lines
    }
}

impl fmt::Display for DriftReport {
    /// `no drift`, or the [`lines`](Self::lines) joined with `; `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("no drift");
        }
        f.write_str(&self.lines().join("; "))
    }
}

/// The facts found so far, deduplicated and sorted.
#[derive(Default)]
struct Walk {
    fields: BTreeSet<String>,
    values: BTreeSet<UnknownValueAt>,
}

impl Walk {
    /// Compares a value from the body with the typed model's rendering of it, at `path`.
    fn compare(&mut self, body: &Value, typed: &Value, path: &mut String) {
        match (body, typed) {
            (Value::Object(body), Value::Object(typed)) => {
                for (key, body_value) in body {
                    let len = path.len();
                    path.push('.');
                    path.push_str(key);
                    match typed.get(key) {
                        Some(typed_value) => self.compare(body_value, typed_value, path),
                        None => {
                            self.fields.insert(path.clone());
                        }
                    }
                    path.truncate(len);
                }
            }
            (Value::Array(body), Value::Array(typed)) => {
                let len = path.len();
                path.push_str("[]");
                if body.len() == typed.len() {
                    for (body_item, typed_item) in body.iter().zip(typed) {
                        self.compare(body_item, typed_item, path);
                    }
                } else {
                    // The model skips `null` entries in lists; pair what it kept.
                    let kept = body.iter().filter(|item| !item.is_null());
                    for (body_item, typed_item) in kept.zip(typed) {
                        self.compare(body_item, typed_item, path);
                    }
                }
                path.truncate(len);
            }
            (Value::String(_), Value::String(typed)) => {
                if let Some(value) = typed.strip_prefix(UNKNOWN_MARK) {
                    self.values.insert(UnknownValueAt {
                        path: path.clone(),
                        value: value.to_owned(),
                    });
                }
            }
            _ => {}
        }
    }
}
