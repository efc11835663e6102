//! Quickstart: sign a bundled Clerk body, verify it, and match on the typed event.
//!
//! Runs offline on a fresh clone:
//!
//! ```sh
//! cargo run --example quickstart
//! ```
//!
//! In a real server, the body and headers come from the HTTP request and the secret from
//! `Webhook::from_env()` (`CLERK_WEBHOOK_SIGNING_SECRET`). Here we play Svix's part too: we sign
//! the body ourselves, so that there is something to verify.

use clerk_webhooks::time::OffsetDateTime;
use clerk_webhooks::{ClerkEvent, VerifyError, Webhook};

/// A `user.created` body in Clerk's format: the test kit's sample, which carries the primary
/// e-mail address it names.
const BODY: &[u8] = include_bytes!("../src/testing/samples/user.created.json");

/// The signing secret that Svix's and Standard Webhooks' own test suites use.
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let wh = Webhook::new(SECRET)?;

    // What Svix does when it delivers: sign `id.timestamp.body` and send three headers.
    let message_id = "msg_2pM6mQ3yX9xJ4vKQ8fGh7TbLcWn";
    let now = OffsetDateTime::now_utc();
    let timestamp = now.unix_timestamp().to_string();
    let signature = wh.sign(message_id, BODY, now);
    let headers = [
        ("svix-id", message_id),
        ("svix-timestamp", timestamp.as_str()),
        ("svix-signature", signature.as_str()),
    ];

    // What your handler does: verify the raw bytes, then match on the typed event.
    let verified = wh.verify_event(BODY, &headers)?;
    println!("verified delivery {}", verified.message_id);
    println!("  signed at      {}", verified.delivered_at);
    println!(
        "  instance       {}",
        verified.instance_id.as_deref().unwrap_or("-")
    );
    println!("  event type     {}", verified.event.event_type());

    match verified.into_event() {
        ClerkEvent::UserCreated(user) => {
            let name = user.full_name().unwrap_or_default();
            println!("  new user       {} ({name})", user.id);
            match user.primary_email_address() {
                Some(email) => println!("  primary email  {}", email.email_address),
                None => println!("  primary email  -"),
            }
            match user.created_at.to_offset_date_time() {
                Some(at) => println!("  created at     {at} ({} ms)", user.created_at),
                None => println!("  created at     {} ms (out of range)", user.created_at),
            }
        }
        other => println!("  unexpected     {}", other.event_type()),
    }

    // A single changed byte is rejected, before anything is parsed.
    let mut tampered = BODY.to_vec();
    tampered[BODY.len() / 2] ^= 0x01;
    match wh.verify(&tampered, &headers) {
        Err(VerifyError::InvalidSignature) => println!("tampered body  rejected: InvalidSignature"),
        other => return Err(format!("tampered body was not rejected: {other:?}").into()),
    }
    Ok(())
}
