//! [`WebhookEvent`]: the event together with its envelope fields.

use super::serde_util::null_default;
use super::{ClerkEvent, UnixMillis};
use crate::parse_error::ParseError;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;
use std::borrow::Cow;
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
    /// Reads a whole webhook body, as [`WebhookEvent::from_slice`] does, but through any
    /// `serde_json` deserializer (`data` is captured as a [`RawValue`]).
    ///
    /// The error is a [`ParseError`]'s message: it names the path and the event type, and it
    /// quotes no payload value.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let body = Box::<RawValue>::deserialize(deserializer)?;
        parse_body(body.get().as_bytes()).map_err(de::Error::custom)
    }
}

/// The envelope with `data` left unparsed: borrowed (`&RawValue`) when parsing a byte slice,
/// owned (`Box<RawValue>`) for the generic `Deserialize` impls.
pub(crate) struct RawEnvelope<'a, Data> {
    pub(crate) event_type: Cow<'a, str>,
    pub(crate) data: Data,
    timestamp: Option<UnixMillis>,
    instance_id: Option<String>,
    event_attributes: Option<EventAttributes>,
}

/// Which envelope fields [`RawEnvelope::read`] parses besides `type` and `data`.
#[derive(Clone, Copy)]
pub(crate) enum EnvelopeFields {
    /// Parse `timestamp`, `instance_id` and `event_attributes` (for [`WebhookEvent`]).
    Parse,
    /// Skip them unread (for [`ClerkEvent`], which does not keep them, so a malformed one
    /// cannot fail it).
    Skip,
}

impl<'de, Data: Deserialize<'de>> RawEnvelope<'de, Data> {
    /// Reads a webhook body. Only a JSON object is accepted (a derived impl would also take a
    /// JSON array of the fields in declaration order, which no webhook body is); keys may come
    /// in any order, unknown keys are skipped, and a repeated `type` or `data` is an error.
    pub(crate) fn read<D: Deserializer<'de>>(
        deserializer: D,
        fields: EnvelopeFields,
    ) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EnvelopeVisitor {
            fields,
            data: PhantomData::<Data>,
        })
    }
}

impl<'de> RawEnvelope<'de, OnePassData<'de>> {
    /// Reads a webhook body as [`RawEnvelope::read`] does, but parses `data` in place when its
    /// type is known by then: the `type` read before it, or else `guess`, which the caller must
    /// check against the `type` the body declares.
    fn read_in_one_pass<D: Deserializer<'de>>(
        deserializer: D,
        fields: EnvelopeFields,
        guess: Option<&str>,
    ) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EnvelopeVisitor {
            fields,
            data: OnePass(guess),
        })
    }
}

/// How [`EnvelopeVisitor`] reads the value of `data`, given the `type` read before it, if any.
trait ReadData<'de> {
    /// What `data` becomes.
    type Data;

    fn next_data<A: MapAccess<'de>>(
        &self,
        map: &mut A,
        event_type: Option<&str>,
    ) -> Result<Self::Data, A::Error>;
}

/// `data` read as `Data` (a [`RawValue`], left for a second pass).
impl<'de, Data: Deserialize<'de>> ReadData<'de> for PhantomData<Data> {
    type Data = Data;

    fn next_data<A: MapAccess<'de>>(&self, map: &mut A, _: Option<&str>) -> Result<Data, A::Error> {
        map.next_value()
    }
}

/// `data` parsed in place when its type is known, with the guess it was parsed by.
struct OnePass<'g>(Option<&'g str>);

/// What [`OnePass`] made of `data`.
enum OnePassData<'de> {
    /// Parsed as the payload of the `type` read before it.
    Parsed(ClerkEvent),
    /// Parsed as the payload of the guessed type, which is still to be checked.
    Guessed(ClerkEvent),
    /// Left raw: neither a `type` nor a guess came before it.
    Raw(&'de RawValue),
}

impl<'de> ReadData<'de> for OnePass<'_> {
    type Data = OnePassData<'de>;

    fn next_data<A: MapAccess<'de>>(
        &self,
        map: &mut A,
        event_type: Option<&str>,
    ) -> Result<OnePassData<'de>, A::Error> {
        Ok(match (event_type, self.0) {
            (Some(known), _) => OnePassData::Parsed(map.next_value_seed(TypedData(known))?),
            (None, Some(guess)) => OnePassData::Guessed(map.next_value_seed(TypedData(guess))?),
            (None, None) => OnePassData::Raw(map.next_value()?),
        })
    }
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

struct EnvelopeVisitor<R> {
    fields: EnvelopeFields,
    data: R,
}

impl<'de, R: ReadData<'de>> Visitor<'de> for EnvelopeVisitor<R> {
    type Value = RawEnvelope<'de, R::Data>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Clerk webhook body: a JSON object with `type` and `data`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut event_type: Option<BorrowedStr<'de>> = None;
        let mut data: Option<R::Data> = None;
        let mut timestamp: Option<Option<UnixMillis>> = None;
        let mut instance_id: Option<Option<String>> = None;
        let mut event_attributes: Option<Option<EventAttributes>> = None;
        let parse = matches!(self.fields, EnvelopeFields::Parse);
        while let Some(BorrowedStr(key)) = map.next_key()? {
            match key.as_ref() {
                "type" => next_once(&mut map, &mut event_type, "type")?,
                "data" => {
                    if data.is_some() {
                        return Err(de::Error::duplicate_field("data"));
                    }
                    let known = event_type.as_ref().map(|t| t.0.as_ref());
                    data = Some(self.data.next_data(&mut map, known)?);
                }
                "timestamp" if parse => next_once(&mut map, &mut timestamp, "timestamp")?,
                "instance_id" if parse => next_once(&mut map, &mut instance_id, "instance_id")?,
                "event_attributes" if parse => {
                    next_once(&mut map, &mut event_attributes, "event_attributes")?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(RawEnvelope {
            event_type: event_type
                .ok_or_else(|| de::Error::missing_field("type"))?
                .0,
            data: data.ok_or_else(|| de::Error::missing_field("data"))?,
            timestamp: timestamp.flatten(),
            instance_id: instance_id.flatten(),
            event_attributes: event_attributes.flatten(),
        })
    }
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

/// Parses a body.
///
/// Clerk puts `type` after `data` (its keys are in alphabetical order), so `data` cannot be
/// parsed as it is read unless its type is known beforehand. The fast path takes a guess from
/// the end of the body ([`trailing_type`]) and reads the whole body in one pass, parsing `data`
/// in place; the guess is then checked against the `type` the body declares. Any failure
/// (no guess, a wrong guess, or any error at all) falls back to the path that defines the
/// result: two steps, first the envelope with `data` left raw, then `data` by its `type`, so
/// that an error can name both the event type and the path of the failing field. The fast
/// path therefore only ever returns what the two-step path returns for the same body, at
/// about two thirds of its cost over the fixture corpus (one scan of `data` instead of two).
pub(crate) fn parse_body(body: &[u8]) -> Result<WebhookEvent, ParseError> {
    let text = utf8(body)?;
    if let Some(envelope) = parse_in_one_pass(text, EnvelopeFields::Parse) {
        return Ok(envelope.into_webhook_event());
    }
    let envelope = parse_envelope(text, EnvelopeFields::Parse)?;
    let event = parse_data(&envelope.event_type, envelope.data.get())
        .map_err(|err| err.within(body, envelope.data.get().as_bytes()))?;
    Ok(envelope.with_event(event))
}

/// [`parse_body`] for [`ClerkEvent`] alone: the other envelope fields are skipped unread, so a
/// malformed one cannot fail it.
pub(crate) fn parse_event(body: &[u8]) -> Result<ClerkEvent, ParseError> {
    let text = utf8(body)?;
    if let Some(envelope) = parse_in_one_pass(text, EnvelopeFields::Skip) {
        return Ok(envelope.data);
    }
    let envelope = parse_envelope(text, EnvelopeFields::Skip)?;
    parse_data(&envelope.event_type, envelope.data.get())
        .map_err(|err| err.within(body, envelope.data.get().as_bytes()))
}

/// The fast path of [`parse_body`]: `None` unless the body parses with `data` read once, and
/// the result is the one the two-step path gives. `data` is parsed in place when the `type`
/// comes before it (or when the guess from [`trailing_type`] turns out to be the declared
/// type); otherwise it is parsed in a second step, without error tracking.
fn parse_in_one_pass(body: &str, fields: EnvelopeFields) -> Option<RawEnvelope<'_, ClerkEvent>> {
    let guess = trailing_type(body);
    let mut de = serde_json::Deserializer::from_str(body);
    let envelope = RawEnvelope::read_in_one_pass(&mut de, fields, guess).ok()?;
    de.end().ok()?;
    let RawEnvelope {
        event_type,
        data,
        timestamp,
        instance_id,
        event_attributes,
    } = envelope;
    let event = match data {
        OnePassData::Parsed(event) => event,
        OnePassData::Guessed(event) => (Some(event_type.as_ref()) == guess).then_some(event)?,
        OnePassData::Raw(raw) => parse_raw_data(&event_type, raw.get()).ok()?,
    };
    Some(RawEnvelope {
        event_type,
        data: event,
        timestamp,
        instance_id,
        event_attributes,
    })
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

/// Parses the envelope. As for `data`, the first pass runs without path tracking (tracking
/// cost about a tenth of parsing a typical body, measured over the fixture corpus); only a
/// failure is parsed again, with tracking, which yields the error.
fn parse_envelope(
    body: &str,
    fields: EnvelopeFields,
) -> Result<RawEnvelope<'_, &RawValue>, ParseError> {
    let mut outer = serde_json::Deserializer::from_str(body);
    if let Ok(envelope) = RawEnvelope::read(&mut outer, fields) {
        if outer.end().is_ok() {
            return Ok(envelope);
        }
    }
    parse_envelope_tracked(body, fields)
}

#[cold]
fn parse_envelope_tracked(
    body: &str,
    fields: EnvelopeFields,
) -> Result<RawEnvelope<'_, &RawValue>, ParseError> {
    let mut outer = serde_json::Deserializer::from_str(body);
    let mut track = serde_path_to_error::Track::new();
    let tracked = serde_path_to_error::Deserializer::new(&mut outer, &mut track);
    let envelope = RawEnvelope::read(tracked, fields)
        .map_err(|err| ParseError::from_json(None, join_path("", &track.path()), &err))?;
    outer
        .end()
        .map_err(|err| ParseError::from_json(None, String::new(), &err))?;
    Ok(envelope)
}

/// Parses `data` for `event_type`. The first pass runs without path tracking, which keeps the
/// success path fast; only a failure is parsed again, with tracking, to find the failing path.
fn parse_data(event_type: &str, json: &str) -> Result<ClerkEvent, ParseError> {
    let err = match parse_raw_data(event_type, json) {
        Ok(event) => return Ok(event),
        Err(err) => err,
    };
    let mut track = serde_path_to_error::Track::new();
    let mut retry = serde_json::Deserializer::from_str(json);
    let tracked = serde_path_to_error::Deserializer::new(&mut retry, &mut track);
    let path = match ClerkEvent::deserialize_data(event_type, tracked) {
        Err(_) => join_path("data", &track.path()),
        Ok(_) => "data".to_owned(),
    };
    Err(ParseError::from_json(Some(event_type), path, &err))
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

/// Parses `data` for `event_type` with a fresh deserializer, so that its nesting budget
/// (serde_json's recursion limit) is the same wherever `data` sat in the body.
pub(crate) fn parse_raw_data(
    event_type: &str,
    json: &str,
) -> Result<ClerkEvent, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(json);
    let event = ClerkEvent::deserialize_data(event_type, &mut de)?;
    de.end()?;
    Ok(event)
}
