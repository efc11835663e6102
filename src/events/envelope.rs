//! [`WebhookEvent`]: the event together with its envelope fields.

use super::serde_util::null_default;
use super::{ClerkEvent, UnixMillis};
use crate::parse_error::{generic_message, redact, ParseError, ParseErrorCategory};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

/// A parsed webhook body: the typed [`ClerkEvent`] plus the envelope fields beside `data`.
///
/// The body Clerk sends is
/// `{"data":…, "object":"event", "type":…, "timestamp":…, "instance_id":…, "event_attributes":…}`.
/// There is no event id in the body: the idempotency key is the `svix-id` header, which
/// [`Verified`](crate::Verified) and [`VerifiedEvent`](crate::VerifiedEvent) carry.
///
/// ```
/// use clerk_webhooks::{ClerkEvent, WebhookEvent};
///
/// let body = br#"{"data":{"object":"permission","id":"perm_1","deleted":true},
///                 "object":"event","type":"permission.deleted",
///                 "timestamp":1744276393644,"instance_id":"ins_1"}"#;
/// let parsed = WebhookEvent::from_slice(body)?;
/// assert!(matches!(parsed.event, ClerkEvent::PermissionDeleted(_)));
/// assert_eq!(parsed.instance_id.as_deref(), Some("ins_1"));
/// # Ok::<(), clerk_webhooks::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct WebhookEvent {
    /// The typed event, dispatched on the envelope `type`.
    pub event: ClerkEvent,
    /// When the event occurred, in epoch milliseconds, as Clerk documents it and real
    /// deliveries send it. (The examples in Clerk's OpenAPI spec use seconds-sized values such
    /// as `1716883200`; [`UnixMillis`] keeps the integer exactly as sent, so such a value reads
    /// as a date in January 1970 rather than failing.)
    pub timestamp: Option<UnixMillis>,
    /// The Clerk instance (`ins_…`) that sent the event. Absent in payloads from before 2025.
    pub instance_id: Option<String>,
    /// Details of the request that caused the event, when Clerk provides them.
    pub event_attributes: Option<EventAttributes>,
}

/// The envelope's `event_attributes`.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventAttributes {
    /// The HTTP request that triggered the event.
    #[serde(default)]
    pub http_request: Option<ClientRequest>,
}

/// The client request that triggered an event, from `event_attributes.http_request`.
///
/// Server-side and dashboard-originated events send empty strings here. (Named for what it
/// describes, the end user's request to Clerk, and so as not to clash with the request types of
/// HTTP frameworks.)
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClientRequest {
    /// The client's IP address, or `""` when there was no client request.
    #[serde(default, deserialize_with = "null_default")]
    pub client_ip: String,
    /// The client's `User-Agent`, or `""` when there was no client request.
    #[serde(default, deserialize_with = "null_default")]
    pub user_agent: String,
}

impl WebhookEvent {
    /// Parses a webhook body **without verifying it**.
    ///
    /// Use [`Webhook::verify_event`](crate::Webhook::verify_event) on anything from the network.
    /// This is for replays of stored, already-verified bodies and for tests.
    ///
    /// # Errors
    ///
    /// A [`ParseError`] naming the event type and the JSON path of the failing field. The error
    /// never contains payload values.
    pub fn from_slice(body: &[u8]) -> Result<Self, ParseError> {
        parse_body(body)
    }
}

impl From<ClerkEvent> for WebhookEvent {
    fn from(event: ClerkEvent) -> Self {
        Self {
            event,
            timestamp: None,
            instance_id: None,
            event_attributes: None,
        }
    }
}

impl Serialize for WebhookEvent {
    /// Writes Clerk's wire shape: `data`, `object`, `type` and whichever envelope fields are set.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("object", "event")?;
        self.event.serialize_fields(&mut map)?;
        if let Some(timestamp) = &self.timestamp {
            map.serialize_entry("timestamp", timestamp)?;
        }
        if let Some(instance_id) = &self.instance_id {
            map.serialize_entry("instance_id", instance_id)?;
        }
        if let Some(attributes) = &self.event_attributes {
            map.serialize_entry("event_attributes", attributes)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for WebhookEvent {
    /// Reads a whole webhook body, as [`WebhookEvent::from_slice`] does, through any
    /// `serde_json` deserializer (`serde_json::from_str`, `from_slice`, `from_value`…).
    ///
    /// `data` is parsed in place when `type` comes before it (the order `Serialize` writes);
    /// when it comes after, `data` is kept as a [`RawValue`] and parsed once `type` is known.
    ///
    /// Errors quote no payload value: serde's message is redacted as a [`ParseError`]'s is,
    /// and names the event type. Unlike [`WebhookEvent::from_slice`], the error gives the JSON
    /// path inside `data` only when `data` came before `type` (parsing in place keeps no path),
    /// and, as for any type read with `serde_json::from_slice`, only the strings that are read
    /// are checked for UTF-8, not the values that are skipped. `data` has the nesting budget
    /// it has in a body read on its own, whatever the key order; inside another value (the
    /// `body` of a [`VerifiedEvent`](crate::VerifiedEvent)), it has one level less.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_serde(deserializer, EnvelopeFields::Parse).map(RawEnvelope::into_webhook_event)
    }
}

/// The generic `Deserialize` impls of [`ClerkEvent`] and [`WebhookEvent`]: the envelope read
/// in one pass, `data` in place when its type came first and from a [`RawValue`] otherwise,
/// with payload values redacted from every error.
pub(crate) fn read_serde<'de, D: Deserializer<'de>>(
    deserializer: D,
    fields: EnvelopeFields,
) -> Result<RawEnvelope<'de, ClerkEvent>, D::Error> {
    let failed_type = Cell::new(None);
    let envelope = deserializer
        .deserialize_map(EnvelopeVisitor {
            fields,
            read: ReadData::InPlace { guess: None },
            failed_type: Some(&failed_type),
            raw: PhantomData::<Box<RawValue>>,
        })
        .map_err(|err| redacted(failed_type.take().as_deref(), err))?;
    envelope.resolve(|event_type, raw: Box<RawValue>| {
        parse_data(event_type, raw.get()).map_err(|err| {
            // Positions in `err` count from the start of `data`, not of the body: left out.
            de::Error::custom(format_args!(
                "cannot parse webhook body of type `{event_type}` at `{}`: {}",
                err.path(),
                err.message()
            ))
        })
    })
}

/// The envelope of a body: `type`, `data` (parsed or not, see [`Data`]) and the other fields.
pub(crate) struct RawEnvelope<'a, Data> {
    pub(crate) event_type: Cow<'a, str>,
    pub(crate) data: Data,
    timestamp: Option<UnixMillis>,
    instance_id: Option<String>,
    event_attributes: Option<EventAttributes>,
}

/// Which envelope fields [`EnvelopeVisitor`] parses besides `type` and `data`.
#[derive(Clone, Copy)]
pub(crate) enum EnvelopeFields {
    /// Parse `timestamp`, `instance_id` and `event_attributes` (for [`WebhookEvent`]).
    Parse,
    /// Skip them unread (for [`ClerkEvent`], which does not keep them, so a malformed one
    /// cannot fail it).
    Skip,
}

/// How [`EnvelopeVisitor`] reads `data`.
#[derive(Clone, Copy)]
enum ReadData<'g> {
    /// Always as a [`RawValue`], for a second step (the two-step parse that defines errors).
    Raw,
    /// Parsed in place when its type is known by then: the `type` read before it, or else
    /// `guess`, which the caller must check against the `type` the body declares. Otherwise
    /// as a [`RawValue`].
    InPlace { guess: Option<&'g str> },
}

/// `data` as [`EnvelopeVisitor`] read it.
enum Data<Raw> {
    /// Parsed in place as the payload of the declared `type`.
    Parsed(ClerkEvent),
    /// Left unparsed.
    Raw(Raw),
}

/// `data` parsed in place as the payload of an event type.
#[derive(Clone, Copy)]
struct TypedData<'h>(&'h str);

impl<'de> DeserializeSeed<'de> for TypedData<'_> {
    type Value = ClerkEvent;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<ClerkEvent, D::Error> {
        ClerkEvent::deserialize_data(self.0, deserializer)
    }
}

/// Reads a webhook body. Only a JSON object is accepted (a derived impl would also take a
/// JSON array of the fields in declaration order, which no webhook body is); keys may come in
/// any order, unknown keys are skipped, and a repeated `type` or `data` is an error.
struct EnvelopeVisitor<'g, Raw> {
    fields: EnvelopeFields,
    read: ReadData<'g>,
    /// Where to record the type of a `data` that fails to parse in place, for an error that
    /// names it (the generic `Deserialize` impls; `from_slice` builds its errors otherwise).
    failed_type: Option<&'g Cell<Option<String>>>,
    raw: PhantomData<Raw>,
}

impl<'de, Raw: Deserialize<'de>> Visitor<'de> for EnvelopeVisitor<'_, Raw> {
    type Value = RawEnvelope<'de, Data<Raw>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Clerk webhook body: a JSON object with `type` and `data`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let failed = |event_type: &str, err: A::Error| {
            if let Some(slot) = self.failed_type {
                slot.set(Some(event_type.to_owned()));
            }
            err
        };
        let mut event_type: Option<BorrowedStr<'de>> = None;
        let mut data: Option<Data<Raw>> = None;
        let mut guessed = false;
        let mut timestamp: Option<Option<UnixMillis>> = None;
        let mut instance_id: Option<Option<String>> = None;
        let mut event_attributes: Option<Option<EventAttributes>> = None;
        let parse = matches!(self.fields, EnvelopeFields::Parse);
        while let Some(BorrowedStr(key)) = map.next_key()? {
            let read = match key.as_ref() {
                "type" => next_once(&mut map, &mut event_type, "type"),
                "data" => {
                    if data.is_some() {
                        return Err(de::Error::duplicate_field("data"));
                    }
                    let known = event_type.as_ref().map(|t| t.0.as_ref());
                    data = Some(match (self.read, known) {
                        (ReadData::InPlace { .. }, Some(known)) => Data::Parsed(
                            map.next_value_seed(TypedData(known))
                                .map_err(|err| failed(known, err))?,
                        ),
                        (ReadData::InPlace { guess: Some(guess) }, None) => {
                            guessed = true;
                            Data::Parsed(
                                map.next_value_seed(TypedData(guess))
                                    .map_err(|err| failed(guess, err))?,
                            )
                        }
                        _ => Data::Raw(map.next_value()?),
                    });
                    Ok(())
                }
                "timestamp" if parse => next_once(&mut map, &mut timestamp, "timestamp"),
                "instance_id" if parse => next_once(&mut map, &mut instance_id, "instance_id"),
                "event_attributes" if parse => {
                    next_once(&mut map, &mut event_attributes, "event_attributes")
                }
                _ => map.next_value::<IgnoredAny>().map(drop),
            };
            read?;
        }
        let event_type = event_type
            .ok_or_else(|| de::Error::missing_field("type"))?
            .0;
        let data = data.ok_or_else(|| de::Error::missing_field("data"))?;
        if let (true, Data::Parsed(event)) = (guessed, &data) {
            // A payload parsed by a guess reports the guess as its type (an unknown type keeps
            // the string it was given), so this compares the guess with the declared type.
            if event.event_type() != event_type {
                return Err(de::Error::custom(
                    "the declared `type` is not the guessed one",
                ));
            }
        }
        Ok(RawEnvelope {
            event_type,
            data,
            timestamp: timestamp.flatten(),
            instance_id: instance_id.flatten(),
            event_attributes: event_attributes.flatten(),
        })
    }
}

/// An error of the generic `Deserialize` impls with the payload values in serde's message
/// redacted, as in a [`ParseError`]'s message. An error in `data` (`event_type` is then the
/// type it was parsed as) is rewritten to name the event type; any other is returned as it is
/// when it quotes no value, so that it keeps its category and position. A rewritten error
/// keeps the position in its message, in [`ParseError`]'s form (serde_json's `line()` and
/// `column()` of it are 0, as for any error a `Deserialize` impl makes).
fn redacted<E: de::Error>(event_type: Option<&str>, err: E) -> E {
    let shown = err.to_string();
    let (bare, position) = split_position(&shown);
    let message = redact(bare);
    if event_type.is_none() && message.as_deref() == Some(bare) {
        return err;
    }
    // A form `redact` does not recognise may hold a value: fail closed, as `ParseError` does.
    let message = message.unwrap_or_else(|| generic_message(ParseErrorCategory::Data).to_owned());
    let of_type = event_type
        .map(|t| format!(" of type `{t}` at `data`"))
        .unwrap_or_default();
    let at = position
        .map(|(line, column)| format!(" (line {line}, column {column})"))
        .unwrap_or_default();
    E::custom(format_args!(
        "cannot parse webhook body{of_type}: {message}{at}"
    ))
}

/// `message` without the ` at line <n> column <m>` serde_json appends to its errors, and that
/// line and column.
fn split_position(message: &str) -> (&str, Option<(&str, &str)>) {
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if let Some((bare, at)) = message.rsplit_once(" at line ") {
        if let Some((line, column)) = at.split_once(" column ") {
            if digits(line) && digits(column) {
                return (bare, Some((line, column)));
            }
        }
    }
    (message, None)
}

/// Reads the value of a field that may occur once.
fn next_once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// A string borrowed from the input when it has no escapes, owned otherwise. (`Cow<str>`'s own
/// `Deserialize` always allocates.)
struct BorrowedStr<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for BorrowedStr<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor;

        impl<'de> Visitor<'de> for StrVisitor {
            type Value = BorrowedStr<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
                Ok(BorrowedStr(Cow::Borrowed(value)))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                Ok(BorrowedStr(Cow::Owned(value.to_owned())))
            }

            fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
                Ok(BorrowedStr(Cow::Owned(value)))
            }
        }

        deserializer.deserialize_str(StrVisitor)
    }
}

impl<Data> RawEnvelope<'_, Data> {
    fn with_event(self, event: ClerkEvent) -> WebhookEvent {
        WebhookEvent {
            event,
            timestamp: self.timestamp,
            instance_id: self.instance_id,
            event_attributes: self.event_attributes,
        }
    }
}

impl RawEnvelope<'_, ClerkEvent> {
    fn into_webhook_event(self) -> WebhookEvent {
        let RawEnvelope {
            event_type,
            data,
            timestamp,
            instance_id,
            event_attributes,
        } = self;
        let envelope = RawEnvelope {
            event_type,
            data: (),
            timestamp,
            instance_id,
            event_attributes,
        };
        envelope.with_event(data)
    }
}

impl<'a, Raw> RawEnvelope<'a, Data<Raw>> {
    /// The envelope with `data` parsed: `parse` reads a raw `data` for the declared type.
    fn resolve<E>(
        self,
        parse: impl FnOnce(&str, Raw) -> Result<ClerkEvent, E>,
    ) -> Result<RawEnvelope<'a, ClerkEvent>, E> {
        let RawEnvelope {
            event_type,
            data,
            timestamp,
            instance_id,
            event_attributes,
        } = self;
        let event = match data {
            Data::Parsed(event) => event,
            Data::Raw(raw) => parse(&event_type, raw)?,
        };
        Ok(RawEnvelope {
            event_type,
            data: event,
            timestamp,
            instance_id,
            event_attributes,
        })
    }
}

/// Parses a body.
///
/// The fast path reads the whole body in one pass and parses `data` in place when its type
/// is known by the time `data` is reached: from a `type` key before it, or else from a guess
/// taken from the end of the body ([`trailing_type`]; Clerk sends its keys in alphabetical
/// order, `data` first and `type` last), which is then checked against the declared `type`.
/// Any failure (a wrong guess, or any error at all) falls back to the path that defines the
/// result: two steps, first the envelope with `data` left raw, then `data` by its `type`, so
/// that an error can name both the event type and the path of the failing field. The fast path
/// therefore only ever returns what the two-step path returns for the same body.
pub(crate) fn parse_body(body: &[u8]) -> Result<WebhookEvent, ParseError> {
    let text = utf8(body)?;
    if let Some(envelope) = parse_in_one_pass(text, EnvelopeFields::Parse) {
        return Ok(envelope.into_webhook_event());
    }
    let envelope = parse_envelope(text, EnvelopeFields::Parse)?;
    Ok(envelope
        .resolve(|t, raw| parse_data_in(body, t, raw))?
        .into_webhook_event())
}

/// [`parse_body`] for [`ClerkEvent`] alone: the other envelope fields are skipped unread, so a
/// malformed one cannot fail it.
pub(crate) fn parse_event(body: &[u8]) -> Result<ClerkEvent, ParseError> {
    let text = utf8(body)?;
    if let Some(envelope) = parse_in_one_pass(text, EnvelopeFields::Skip) {
        return Ok(envelope.data);
    }
    let envelope = parse_envelope(text, EnvelopeFields::Skip)?;
    Ok(envelope.resolve(|t, raw| parse_data_in(body, t, raw))?.data)
}

/// The fast path of [`parse_body`]: `None` unless the body parses with `data` parsed where it
/// stands (or, when its type is neither before it nor guessed right, in a second step without
/// error tracking), giving the result the two-step path gives.
fn parse_in_one_pass(body: &str, fields: EnvelopeFields) -> Option<RawEnvelope<'_, ClerkEvent>> {
    let mut de = serde_json::Deserializer::from_str(body);
    let envelope = de
        .deserialize_map(EnvelopeVisitor {
            fields,
            read: ReadData::InPlace {
                guess: trailing_type(body),
            },
            failed_type: None,
            raw: PhantomData::<&RawValue>,
        })
        .ok()?;
    de.end().ok()?;
    envelope
        .resolve(|event_type, raw| parse_raw_data(event_type, raw.get()))
        .ok()
}

/// A guess at a body's event type, taken from its end: the string in a trailing
/// `"type":"…"}`, where Clerk's bodies keep it, if that string is a plain event-type token
/// (ASCII letters, digits, `.`, `_` and `-`).
///
/// This is not a JSON parser and need not be right: [`parse_in_one_pass`] checks the guess
/// against the `type` the parse reads, and a wrong or missing guess only costs the fast path.
fn trailing_type(body: &str) -> Option<&str> {
    let rest = body.trim_ascii_end().strip_suffix('}')?;
    let rest = rest.trim_ascii_end().strip_suffix('"')?;
    let start = rest.rfind('"')? + 1;
    let token = &rest[start..];
    let is_token_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-');
    if token.is_empty() || !token.bytes().all(is_token_byte) {
        return None;
    }
    let before = rest[..start - 1].trim_ascii_end().strip_suffix(':')?;
    before
        .trim_ascii_end()
        .ends_with("\"type\"")
        .then_some(token)
}

/// Checks that the whole body is UTF-8, as JSON must be (RFC 8259 §8.1).
///
/// serde_json checks only the strings it reads, so without this a body with invalid UTF-8 in a
/// field the parser skips would parse through `from_slice` and fail through serde (which
/// captures the body as text), and a stored copy of it would not be valid JSON. One pass over
/// the bytes, after which the parser reads `&str` and need not check each string again.
fn utf8(body: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(body).map_err(|err| ParseError::invalid_utf8(body, err.valid_up_to()))
}

/// The envelope with `data` left raw: the first step of the two-step parse.
type TwoStep<'a> = RawEnvelope<'a, Data<&'a RawValue>>;

/// Reads the envelope with `data` left raw.
fn read_envelope<'de, D: Deserializer<'de>>(
    deserializer: D,
    fields: EnvelopeFields,
) -> Result<TwoStep<'de>, D::Error> {
    deserializer.deserialize_map(EnvelopeVisitor {
        fields,
        read: ReadData::Raw,
        failed_type: None,
        raw: PhantomData::<&RawValue>,
    })
}

/// Parses the envelope. As for `data`, the first pass runs without path tracking (tracking
/// cost about a tenth of parsing a typical body, measured over the fixture corpus); only a
/// failure is parsed again, with tracking, which yields the error.
fn parse_envelope(body: &str, fields: EnvelopeFields) -> Result<TwoStep<'_>, ParseError> {
    let mut outer = serde_json::Deserializer::from_str(body);
    if let Ok(envelope) = read_envelope(&mut outer, fields) {
        if outer.end().is_ok() {
            return Ok(envelope);
        }
    }
    parse_envelope_tracked(body, fields)
}

#[cold]
fn parse_envelope_tracked(body: &str, fields: EnvelopeFields) -> Result<TwoStep<'_>, ParseError> {
    let mut outer = serde_json::Deserializer::from_str(body);
    let mut track = serde_path_to_error::Track::new();
    let tracked = serde_path_to_error::Deserializer::new(&mut outer, &mut track);
    let envelope = read_envelope(tracked, fields)
        .map_err(|err| ParseError::from_json(None, join_path("", &track.path()), &err))?;
    outer
        .end()
        .map_err(|err| ParseError::from_json(None, String::new(), &err))?;
    Ok(envelope)
}

/// [`parse_data`] on the raw `data` of `body`, with the error's position in the body.
fn parse_data_in(body: &[u8], event_type: &str, data: &RawValue) -> Result<ClerkEvent, ParseError> {
    parse_data(event_type, data.get()).map_err(|err| err.within(body, data.get().as_bytes()))
}

/// Parses `data` for `event_type`. The first pass runs without path tracking, which keeps the
/// success path fast; only a failure is parsed again, with tracking, to find the failing path.
fn parse_data(event_type: &str, json: &str) -> Result<ClerkEvent, ParseError> {
    let err = match parse_raw_data(event_type, json) {
        Ok(event) => return Ok(event),
        Err(err) => err,
    };
    let mut track = serde_path_to_error::Track::new();
    let retry = parse_nested(
        json,
        TrackedData {
            event_type,
            track: &mut track,
        },
    );
    let path = match retry {
        Err(_) => join_path("data", &track.path()),
        Ok(_) => "data".to_owned(),
    };
    Err(ParseError::from_json(Some(event_type), path, &err).after_opening_bracket())
}

/// `data` parsed as the payload of an event type, with the path of a failure tracked.
struct TrackedData<'a> {
    event_type: &'a str,
    track: &'a mut serde_path_to_error::Track,
}

impl<'de> DeserializeSeed<'de> for TrackedData<'_> {
    type Value = ClerkEvent;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<ClerkEvent, D::Error> {
        let tracked = serde_path_to_error::Deserializer::new(deserializer, self.track);
        ClerkEvent::deserialize_data(self.event_type, tracked)
    }
}

/// Joins a prefix (`""` or `"data"`) and a tracked path into `data.a[0].b` form. The tracker
/// writes the root as `.` and a key it could not read (a syntax error) as `?`; neither is kept.
fn join_path(prefix: &str, path: &serde_path_to_error::Path) -> String {
    let full = path.to_string();
    let inner = full.trim_end_matches('?').trim_end_matches('.');
    let inner = if inner.is_empty() { "." } else { inner };
    match (prefix, inner) {
        (prefix, ".") => prefix.to_owned(),
        ("", inner) => inner.to_owned(),
        (prefix, inner) if inner.starts_with('[') => format!("{prefix}{inner}"),
        (prefix, inner) => format!("{prefix}.{inner}"),
    }
}

/// Parses a raw `data` for `event_type`, on its own but with the nesting budget it has in
/// place inside a body.
fn parse_raw_data(event_type: &str, json: &str) -> Result<ClerkEvent, serde_json::Error> {
    parse_nested(json, TypedData(event_type))
}

/// Reads `json`, one JSON value (a [`RawValue`]'s text), as the one element of a JSON array.
///
/// serde_json allows 128 levels of nesting, of which a body's outer object takes one, so
/// `data` parsed in place inside a body has 127; read on its own it would have 128. Reading it
/// one level down gives it the budget it has in place, so that whether a body parses does not
/// depend on whether `type` came before `data`. Positions in an error are then one column to
/// the right on the first line ([`ParseError::after_opening_bracket`] moves them back).
fn parse_nested<T, S>(json: &str, seed: S) -> Result<T, serde_json::Error>
where
    S: for<'de> DeserializeSeed<'de, Value = T>,
{
    let mut wrapped = String::with_capacity(json.len() + 2);
    wrapped.push('[');
    wrapped.push_str(json);
    wrapped.push(']');
    let mut de = serde_json::Deserializer::from_str(&wrapped);
    let value = de.deserialize_seq(OneElement(seed))?;
    de.end()?;
    Ok(value)
}

/// A JSON array of exactly one element, read with a seed.
struct OneElement<S>(S);

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for OneElement<S> {
    type Value = S::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<S::Value, A::Error> {
        seq.next_element_seed(self.0)?
            .ok_or_else(|| de::Error::custom("expected one JSON value"))
    }
}

#[cfg(test)]
mod tests {
    use super::{redacted, split_position};
    use serde::de::Error as _;

    #[test]
    fn the_serde_route_fails_closed_on_an_unrecognised_message() {
        let err = serde_json::Error::custom("cannot read \"ada@example.com\" at line 2 column 7");
        let shown = redacted(None, err).to_string();
        assert!(!shown.contains("ada@example.com"), "{shown}");
        assert_eq!(
            shown,
            "cannot parse webhook body: a value does not have the expected type or form \
             (line 2, column 7)"
        );
        // A recognised, value-free message is returned unchanged, category and all.
        let syntax = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
        let kept = redacted(None, syntax);
        assert_eq!(kept.classify(), serde_json::error::Category::Eof);
        assert_eq!(
            kept.to_string(),
            "EOF while parsing an object at line 1 column 1"
        );
    }

    #[test]
    fn only_a_trailing_serde_json_position_is_split_off() {
        assert_eq!(
            split_position("invalid type: map at line 3 column 14"),
            ("invalid type: map", Some(("3", "14")))
        );
        // The last one, when the message itself contains the words.
        assert_eq!(
            split_position("a at line 1 column 2 at line 5 column 6"),
            ("a at line 1 column 2", Some(("5", "6")))
        );
        for unchanged in [
            "missing field `id`",
            "x at line 1 column ",
            "x at line  column 2",
            "x at line 1 column 2b",
            "x at line a column 2",
            "x at line 1 row 2",
        ] {
            assert_eq!(split_position(unchanged), (unchanged, None), "{unchanged}");
        }
    }
}
