//! Any body that parses re-serializes and parses back to an equal value.
//!
//! Checked for `WebhookEvent::from_slice` (the envelope and the typed event) and for the
//! plain `ClerkEvent` serde implementation.

#![no_main]

use clerk_webhooks::{ClerkEvent, WebhookEvent};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = WebhookEvent::from_slice(data) {
        let bytes = serde_json::to_vec(&parsed).expect("a parsed event serializes");
        let again = WebhookEvent::from_slice(&bytes).unwrap_or_else(|err| {
            panic!(
                "re-serialized body does not parse: {err}\n{}",
                String::from_utf8_lossy(&bytes)
            )
        });
        assert_eq!(again, parsed, "WebhookEvent round trip changed the value");
    }
    if let Ok(event) = serde_json::from_slice::<ClerkEvent>(data) {
        let bytes = serde_json::to_vec(&event).expect("a parsed event serializes");
        let again: ClerkEvent = serde_json::from_slice(&bytes).unwrap_or_else(|err| {
            panic!(
                "re-serialized event does not parse: {err}\n{}",
                String::from_utf8_lossy(&bytes)
            )
        });
        assert_eq!(again, event, "ClerkEvent round trip changed the value");
    }
});
