//! [`ParseError`]: a verified body that is not a Clerk event this crate can read.

use std::fmt;

/// A body that could not be parsed as a Clerk event.
///
/// It names the event type (when the envelope got that far) and the JSON path of the failing
/// field, for example `data.email_addresses[0].created_at`, and it gives the line and column of
/// the failure in the body. It never contains payload values: the values serde would quote are
/// replaced by `…`, and only this crate's own words (field names, expected types) are kept.
///
/// ```
/// use clerk_webhooks::{ParseErrorCategory, WebhookEvent};
///
/// let body = br#"{"type": "user.created",
///   "data": {"id": "user_1", "email_addresses": ["ada@example.com"]}}"#;
/// let err = WebhookEvent::from_slice(body).unwrap_err();
/// assert_eq!(err.event_type(), Some("user.created"));
/// assert_eq!(err.path(), "data.email_addresses[0]");
/// assert_eq!(err.category(), ParseErrorCategory::Data);
/// assert_eq!(err.line(), 2);
/// assert!(!err.to_string().contains("ada@example.com"));
/// assert_eq!(err.http_status(), 422);
/// assert_eq!(err.public_reason(), "unprocessable webhook payload");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ParseError {
    event_type: Option<String>,
    path: String,
    message: String,
    line: usize,
    column: usize,
    category: ParseErrorCategory,
}

/// The broad class of a [`ParseError`], after [`serde_json::error::Category`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseErrorCategory {
    /// The body is not valid JSON, or not UTF-8 (which JSON must be).
    Syntax,
    /// The body ended early.
    Eof,
    /// The JSON is valid but does not have the shape of the event (a wrong type, a missing
    /// `type`, `data` or `data.id`).
    Data,
}

impl ParseErrorCategory {
    /// The category's name in snake case, for the extractors' log events.
    #[cfg(feature = "tracing")]
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Syntax => "syntax",
            Self::Eof => "eof",
            Self::Data => "data",
        }
    }
}

impl ParseError {
    /// Builds the error from `serde_json`'s, redacting payload values. `line` and `column` are
    /// those of `err`: relative to whatever text was being read (see [`Self::within`]).
    pub(crate) fn from_json(
        event_type: Option<&str>,
        path: String,
        err: &serde_json::Error,
    ) -> Self {
        use serde_json::error::Category;
        let full = err.to_string();
        let suffix = format!(" at line {} column {}", err.line(), err.column());
        let bare = full.strip_suffix(&suffix).unwrap_or(&full);
        let category = match err.classify() {
            Category::Syntax => ParseErrorCategory::Syntax,
            Category::Eof => ParseErrorCategory::Eof,
            // Reading from a slice cannot fail with I/O; `Data` is the closest class.
            Category::Data | Category::Io => ParseErrorCategory::Data,
        };
        Self {
            event_type: event_type.map(str::to_owned),
            path,
            message: redact(bare).unwrap_or_else(|| generic_message(category).to_owned()),
            line: err.line(),
            column: err.column(),
            category,
        }
    }

    /// A body that is not UTF-8; `valid_up_to` is the offset of the first invalid byte.
    pub(crate) fn invalid_utf8(body: &[u8], valid_up_to: usize) -> Self {
        let before = &body[..valid_up_to.min(body.len())];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = 1 + match before.iter().rposition(|&b| b == b'\n') {
            Some(newline) => before.len() - newline - 1,
            None => before.len(),
        };
        Self {
            event_type: None,
            path: String::new(),
            message: "the body is not valid UTF-8".to_owned(),
            line,
            column,
            category: ParseErrorCategory::Syntax,
        }
    }

    /// Moves a position on the first line one column to the left: for an error in a text that
    /// was read after an opening `[` put in front of it.
    pub(crate) fn after_opening_bracket(mut self) -> Self {
        if self.line == 1 {
            self.column = self.column.saturating_sub(1);
        }
        self
    }

    /// Moves the line and column, which were relative to `part`, to be relative to `whole`, of
    /// which `part` is a sub-slice (the `data` object inside the body).
    pub(crate) fn within(mut self, whole: &[u8], part: &[u8]) -> Self {
        let start = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
        if self.line == 0 || start > whole.len() || start + part.len() > whole.len() {
            return self;
        }
        let mut index = self.column;
        if self.line > 1 {
            let newlines = part.iter().enumerate().filter(|(_, &b)| b == b'\n');
            match newlines.map(|(i, _)| i).nth(self.line - 2) {
                Some(newline) => index += newline + 1,
                None => return self,
            }
        }
        let absolute = (start + index).min(whole.len());
        let before = &whole[..absolute];
        self.line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        self.column = match before.iter().rposition(|&b| b == b'\n') {
            Some(newline) => absolute - newline - 1,
            None => absolute,
        };
        self
    }

    /// The envelope `type`, when the body was read far enough to find it.
    pub fn event_type(&self) -> Option<&str> {
        self.event_type.as_deref()
    }

    /// The JSON path of the failing value, for example `data.created_at`; empty when the
    /// failure is in the envelope itself or the body is not JSON.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What went wrong, with payload values redacted: for example
    /// `invalid type: string …, expected struct EmailAddress`.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The broad class of the failure.
    pub fn category(&self) -> ParseErrorCategory {
        self.category
    }

    /// The 1-based line of the failure in the body; 0 when unknown.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column (in bytes) of the failure on [`line`](Self::line); 0 when unknown.
    pub fn column(&self) -> usize {
        self.column
    }

    /// The HTTP status to answer with: `422 Unprocessable Entity`, without Svix's abort header.
    ///
    /// Why, in the one place this crate says it:
    ///
    /// * the body verified, so Clerk really sent it: a `2xx` would acknowledge, and so lose, the
    ///   event. Any non-`2xx` keeps it: Svix retries it for about a day and then marks it
    ///   *failed*, where it stays visible in the Clerk Dashboard and can be replayed, so
    ///   upgrading this crate or fixing the handler within that window recovers it;
    /// * `422` rather than `400` keeps "Clerk sent something we cannot read" apart from
    ///   "someone sent something we do not trust" in Svix's attempt log and in your metrics; a
    ///   `4xx` rather than a `5xx` because the failure is deterministic for those bytes.
    ///
    /// The trade-off: Svix disables an endpoint whose deliveries have all failed for five days,
    /// so alert on these (they should be very rare: unknown event types and missing fields are
    /// not errors). The extractors' `ClerkWebhookConfig` can answer otherwise.
    pub fn http_status(&self) -> u16 {
        422
    }

    /// A short reason that is safe to send as a response body:
    /// `unprocessable webhook payload`. It carries no detail at all.
    pub fn public_reason(&self) -> &'static str {
        "unprocessable webhook payload"
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cannot parse webhook body")?;
        if let Some(event_type) = &self.event_type {
            write!(f, " of type `{event_type}`")?;
        }
        if !self.path.is_empty() {
            write!(f, " at `{}`", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if self.line > 0 {
            write!(f, " (line {}, column {})", self.line, self.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

/// Replaces the payload values in a serde message with `…`, keeping this crate's own words;
/// **fails closed**: a message in a form it does not recognise gives `None`, and the caller
/// writes a generic message instead, so that a rewording in serde or serde_json can never put a
/// payload value in an error.
///
/// serde puts a value in three message forms: `invalid type: <unexpected>, expected <what>`,
/// `invalid value: <unexpected>, expected <what>` and ``unknown variant `<value>`, expected
/// <what>``. The `<unexpected>` part quotes a string as `string "…"` (Debug-escaped) and a
/// number, boolean or character in backquotes; that part alone is redacted, and any other
/// `<unexpected>` must be one of serde's value-free labels (`map`, `sequence`, `null`, …). The
/// `expected …` part is this crate's or serde's description of a type. Besides those, the
/// forms kept are `missing field`/`duplicate field` (field names are schema), `invalid length
/// <n>`, serde_json's fixed syntax messages, and this crate's own custom messages.
pub(crate) fn redact(message: &str) -> Option<String> {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            return redact_unexpected(rest).map(|rest| format!("{prefix}{rest}"));
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        // The value may itself contain "`, expected"; the list after the last one is ours.
        return Some(match rest.rfind("`, ") {
            Some(end) => format!("unknown variant …{}", &rest[end + 1..]),
            None => "unknown variant …".to_owned(),
        });
    }
    for prefix in ["missing field `", "duplicate field `"] {
        if let Some(name) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix('`'))
        {
            if !name.contains('`') {
                return Some(message.to_owned());
            }
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(", expected ") {
            return Some(message.to_owned());
        }
    }
    FIXED_MESSAGES
        .contains(&message)
        .then(|| message.to_owned())
}

/// The messages that carry no value at all: serde_json's syntax and EOF errors, and this
/// crate's own custom errors.
const FIXED_MESSAGES: &[&str] = &[
    "EOF while parsing a list",
    "EOF while parsing an object",
    "EOF while parsing a string",
    "EOF while parsing a value",
    "expected `:`",
    "expected `,` or `]`",
    "expected `,` or `}`",
    "expected ident",
    "expected value",
    "expected `\"`",
    "invalid escape",
    "invalid number",
    "number out of range",
    "invalid unicode code point",
    "control character (\\u0000-\\u001F) found while parsing a string",
    "key must be a string",
    "lone leading surrogate in hex escape",
    "trailing comma",
    "trailing characters",
    "unexpected end of hex escape",
    "recursion limit exceeded",
    "a webhook body is a JSON object",
    "integer amount out of range",
];

/// The message written instead of one that [`redact`] does not recognise: the category's
/// plain description. The error keeps its category, path and position.
pub(crate) fn generic_message(category: ParseErrorCategory) -> &'static str {
    match category {
        ParseErrorCategory::Syntax => "the body is not valid JSON",
        ParseErrorCategory::Eof => "the body ended early",
        ParseErrorCategory::Data => "a value does not have the expected type or form",
    }
}

/// Redacts the leading `<unexpected>` value of an `invalid type`/`invalid value` message;
/// `None` for a form it does not recognise.
fn redact_unexpected(rest: &str) -> Option<String> {
    if let Some(quoted) = rest.strip_prefix("string \"") {
        // Skip the Debug-escaped string up to its closing quote.
        let mut escaped = false;
        for (i, c) in quoted.char_indices() {
            match (escaped, c) {
                (false, '\\') => escaped = true,
                (false, '"') => return Some(format!("string …{}", &quoted[i + 1..])),
                _ => escaped = false,
            }
        }
        return Some("string …".to_owned());
    }
    for kind in ["integer `", "floating point `", "boolean `", "character `"] {
        if let Some(value) = rest.strip_prefix(kind) {
            let label = &kind[..kind.len() - 1];
            // A character value may be a backquote itself: skip at least one char.
            let after_first = value.chars().next().map_or(0, char::len_utf8);
            return Some(match value[after_first..].find('`') {
                Some(end) => format!("{label}…{}", &value[after_first + end + 1..]),
                None => format!("{label}…"),
            });
        }
    }
    // serde's labels for values it does not quote.
    const LABELS: &[&str] = &[
        "null",
        "unit value",
        "Option value",
        "map",
        "sequence",
        "byte array",
        "newtype struct",
        "enum",
        "unit variant",
        "newtype variant",
        "tuple variant",
        "struct variant",
    ];
    LABELS
        .iter()
        .any(|label| {
            rest.strip_prefix(label)
                .is_some_and(|after| after.is_empty() || after.starts_with(", expected "))
        })
        .then(|| rest.to_owned())
}

#[cfg(test)]
mod tests {
    use super::{redact, ParseError, ParseErrorCategory};

    fn at(line: usize, column: usize) -> ParseError {
        ParseError {
            event_type: None,
            path: String::new(),
            message: "m".to_owned(),
            line,
            column,
            category: ParseErrorCategory::Data,
        }
    }

    fn position(err: &ParseError) -> (usize, usize) {
        (err.line(), err.column())
    }

    #[test]
    fn within_moves_a_position_in_the_data_object_to_the_body() {
        let whole: &[u8] = b"{\"x\": 1,\n \"data\": {\"a\":\n1,\n2,\n3,\n4,\n5}}";
        let data_start = whole.windows(3).position(|w| w == b"{\"a").unwrap();
        let part = &whole[data_start..whole.len() - 1];
        // Line 1 of the part is line 2 of the body, shifted by where the part starts on it.
        assert_eq!(position(&at(1, 3).within(whole, part)), (2, 12));
        // Later lines of the part keep their column; the line counts on from the part's.
        assert_eq!(position(&at(2, 1).within(whole, part)), (3, 1));
        assert_eq!(position(&at(3, 2).within(whole, part)), (4, 2));
        assert_eq!(position(&at(5, 1).within(whole, part)), (6, 1));
        // A line past the part's last is left as it was.
        assert_eq!(position(&at(9, 1).within(whole, part)), (9, 1));
    }

    #[test]
    fn within_leaves_an_unknown_position_or_a_foreign_part_alone() {
        let buffer = b"ab\ncdefgh";
        let whole = &buffer[..6];
        // No position to move.
        assert_eq!(position(&at(0, 0).within(whole, &whole[1..])), (0, 0));
        // A part that starts after `whole`, or ends past it, is not inside it.
        assert_eq!(position(&at(1, 1).within(whole, &buffer[7..9])), (1, 1));
        assert_eq!(position(&at(1, 1).within(whole, &buffer[4..8])), (1, 1));
        assert_eq!(position(&at(1, 1).within(whole, b"elsewhere")), (1, 1));
        // A part that ends exactly where `whole` ends, or is empty at its end, is inside it.
        assert_eq!(position(&at(1, 1).within(whole, &buffer[4..6])), (2, 2));
        assert_eq!(position(&at(1, 0).within(whole, &buffer[6..6])), (2, 3));
    }

    #[test]
    fn display_names_a_position_only_when_there_is_one() {
        assert_eq!(at(0, 0).to_string(), "cannot parse webhook body: m");
        assert_eq!(
            at(1, 0).to_string(),
            "cannot parse webhook body: m (line 1, column 0)"
        );
    }

    #[test]
    fn redact_removes_quoted_values_and_nothing_else() {
        assert_eq!(
            redact(r#"invalid type: string "se\"cret, expected x", expected i64"#).as_deref(),
            Some("invalid type: string …, expected i64")
        );
        assert_eq!(
            redact("invalid type: integer `42`, expected a string").as_deref(),
            Some("invalid type: integer …, expected a string")
        );
        assert_eq!(
            redact("invalid value: floating point `1.5`, expected `a` or `b`").as_deref(),
            Some("invalid value: floating point …, expected `a` or `b`")
        );
        assert_eq!(
            redact("invalid type: character ```, expected a string").as_deref(),
            Some("invalid type: character …, expected a string")
        );
        assert_eq!(
            redact("invalid type: boolean `true`, expected a Clerk webhook body: a JSON object with `type` and `data`").as_deref(),
            Some("invalid type: boolean …, expected a Clerk webhook body: a JSON object with `type` and `data`")
        );
        assert_eq!(
            redact("invalid type: map, expected a string").as_deref(),
            Some("invalid type: map, expected a string")
        );
        assert_eq!(
            redact("missing field `id`").as_deref(),
            Some("missing field `id`")
        );
        assert_eq!(
            redact("unknown variant `sec`, expected x`, expected `a` or `b`").as_deref(),
            Some("unknown variant …, expected `a` or `b`")
        );
        assert_eq!(
            redact("unknown variant `oops").as_deref(),
            Some("unknown variant …")
        );
        assert_eq!(
            redact(r#"invalid type: string "unterminated"#).as_deref(),
            Some("invalid type: string …")
        );
    }

    #[test]
    fn an_unrecognised_form_fails_closed() {
        // Forms serde could reword into, with a payload value in them.
        for message in [
            "expected a string, found the value \"ada@example.com\"",
            "invalid type: mystery `ada@example.com`, expected a string",
            "invalid type: map with \"ada@example.com\", expected a string",
            "missing field `x` near \"ada@example.com\"",
            "duplicate field `a`b`",
            "invalid length many, expected 2",
            "EOF while parsing a value near ada@example.com",
            "",
        ] {
            assert_eq!(redact(message), None, "{message}");
        }
        // Through the public path: a custom message (as a deserializer of ours or of a
        // dependency could produce) keeps the category, the path and the position only.
        let body = br#"{"a": "ada@example.com"}"#;
        let err = serde_json::from_slice::<serde_json::Value>(body)
            .and_then(|_| -> Result<(), serde_json::Error> {
                Err(<serde_json::Error as serde::de::Error>::custom(
                    "cannot read \"ada@example.com\"",
                ))
            })
            .unwrap_err();
        let parsed = ParseError::from_json(Some("user.created"), "data.a".to_owned(), &err);
        assert_eq!(parsed.category(), ParseErrorCategory::Data);
        assert_eq!(parsed.path(), "data.a");
        assert!(!parsed.to_string().contains("ada@example.com"));
        assert_eq!(
            parsed.to_string(),
            "cannot parse webhook body of type `user.created` at `data.a`: \
             a value does not have the expected type or form"
        );
        // A syntax error keeps serde_json's fixed message and its position.
        let syntax = serde_json::from_slice::<serde_json::Value>(b"{\"a\": tru}").unwrap_err();
        let parsed = ParseError::from_json(None, String::new(), &syntax);
        assert_eq!(parsed.category(), ParseErrorCategory::Syntax);
        assert_eq!(
            parsed.to_string(),
            "cannot parse webhook body: expected ident (line 1, column 10)"
        );
    }

    #[test]
    fn value_free_forms_are_kept() {
        for message in [
            "invalid type: null, expected a string",
            "invalid type: unit value, expected a string",
            "invalid type: sequence, expected a map",
            "invalid length 3, expected a tuple of size 2",
            "duplicate field `id`",
            "trailing characters",
            "control character (\\u0000-\\u001F) found while parsing a string",
            "expected `\"`",
        ] {
            assert_eq!(redact(message).as_deref(), Some(message), "{message}");
        }
    }
}
