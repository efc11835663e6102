//! Arbitrary bytes into `ClerkEvent` (through serde) and `WebhookEvent::from_slice`.
//!
//! Nothing may panic, and an object body `WebhookEvent::from_slice` accepts parses to the same
//! event through `ClerkEvent`'s serde implementation. A `ParseError` may name the event type
//! and a JSON path, but its message must not quote payload values: it contains no `"` (serde
//! quotes strings that way), and every backquoted word in it is the parser's own vocabulary
//! (JSON punctuation such as `,` or `}` in a syntax error, or a field or variant name, which
//! are identifiers starting with a letter or `_`), never a number or other value.

#![no_main]

use clerk_webhooks::{ClerkEvent, WebhookEvent};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let direct = serde_json::from_slice::<ClerkEvent>(data);
    if let Ok(event) = &direct {
        let _ = event.event_type();
        let _ = format!("{event:?}");
    }
    match WebhookEvent::from_slice(data) {
        Ok(parsed) => {
            let _ = format!("{parsed:?}");
            // The plain serde impl reads the same `type` and `data` (it ignores the other
            // envelope fields), so it accepts every object body `from_slice` accepts, with the
            // same event. (`from_slice` also takes a JSON array `[type, data, …]`, as serde's
            // derived structs do; `ClerkEvent` takes only objects.)
            let is_object = data.trim_ascii_start().first() == Some(&b'{');
            match &direct {
                Ok(event) => assert_eq!(event, &parsed.event, "the two parsers disagree"),
                Err(err) if is_object => {
                    panic!("from_slice accepted a body ClerkEvent rejects: {err}")
                }
                Err(_) => {}
            }
        }
        Err(err) => {
            let shown = format!("{err} {err:?}");
            let message = err.message();
            assert!(
                !message.contains('"'),
                "parse error quotes a value: {shown}"
            );
            for (i, quoted) in message.split('`').enumerate() {
                if i % 2 == 1 {
                    let punctuation =
                        !quoted.is_empty() && quoted.chars().all(|c| ",:{}[]".contains(c));
                    // A field name such as `primary_web3_wallet_id`: it starts with a letter
                    // or `_`, so a number (which starts with a digit or `-`) is never one.
                    let identifier = quoted
                        .starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
                        && quoted.chars().all(|c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.'
                        })
                        && !matches!(quoted, "true" | "false" | "null");
                    assert!(
                        punctuation || identifier,
                        "parse error quotes a value: {shown}"
                    );
                }
            }
            let _ = (
                err.event_type(),
                err.path(),
                err.line(),
                err.column(),
                err.category(),
            );
        }
    }
});
