//! Arbitrary strings into `Webhook::new` and `Webhook::with_secrets`.
//!
//! Nothing may panic, and nothing shown may contain a secret:
//!
//! * a rejected secret's error (`Display`, `Debug`, alternate `Debug`) never contains the input
//!   when the input is 8 bytes or longer, unless the input happens to be a piece of one of
//!   the crate's fixed messages (a secret of `"base64 (standard"` cannot be told apart from
//!   the words around it). Stronger: every error is one of a fixed set of values, so no part
//!   of an error can depend on the secret's content;
//! * an accepted secret's `Webhook` prints exactly `Webhook { secrets: [redacted; N], … }`.

#![no_main]

use arbitrary::Arbitrary;
use clerk_webhooks::{SecretError, Webhook};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// Unix seconds as the `OffsetDateTime` that `Webhook::sign` takes.
fn at(secs: i64) -> clerk_webhooks::time::OffsetDateTime {
    clerk_webhooks::time::OffsetDateTime::from_unix_timestamp(secs).expect("a representable time")
}


#[derive(Arbitrary, Debug)]
enum Input {
    One(String),
    Many(Vec<String>),
}

/// Every error a single secret can produce, each with a fixed representative secret that
/// produces it.
fn canonical() -> &'static [(SecretError, &'static str)] {
    static CANONICAL: OnceLock<Vec<(SecretError, &'static str)>> = OnceLock::new();
    CANONICAL.get_or_init(|| {
        // Each carries the marker `Qx7Qx7` where it has room, so that a message quoting its
        // secret would be caught below.
        let representatives = [
            "",
            "whsec_",
            "   ",
            "sk_live_Qx7Qx7Qx7",
            "sk_test_Qx7Qx7Qx7",
            "pk_live_Qx7Qx7Qx7",
            "pk_test_Qx7Qx7Qx7",
            "whsk_Qx7Qx7Qx7",
            "whpk_Qx7Qx7Qx7",
            "whsec_Qx7Qx7Qx7!",
            "whsec_Qx7Qx7Qx7Qx7Q",
            "whsec_Qx7Qx7Qx=Q",
            "whsec_Qx7Qx7Qx7Qx===",
            "whsec_Qx7Qx7Qx7Qx7=",
        ];
        let mut out: Vec<(SecretError, &'static str)> = Vec::new();
        for secret in representatives {
            let Err(err) = Webhook::new(secret) else {
                panic!("representative {secret:?} is valid")
            };
            assert!(!shown(&err).contains("Qx7Qx7"), "{err:?} quotes its secret");
            if !out.iter().any(|(known, _)| *known == err) {
                out.push((err, secret));
            }
        }
        out
    })
}

fn shown(err: &SecretError) -> String {
    format!("{err}\n{err:?}\n{err:#?}")
}

/// Checks a rejection: it is one of the fixed errors, and everything it shows is exactly what
/// the fixed representative secret for that error shows. So no part of the message depends on
/// the secret, and in particular it never contains the secret, except where the secret is
/// itself a piece of the fixed wording (`"        "` is in every alternate `Debug`, and a
/// secret of `"base64 (standard"` cannot be told apart from the words around it).
fn check_error(err: &SecretError, inputs: &[&str], list_len: Option<usize>) {
    let text = shown(err);
    let (inner, index) = match (err, list_len) {
        (SecretError::InList { index, source }, Some(len)) => {
            assert!(*index < len, "index {index} out of range");
            (&**source, Some(*index))
        }
        (SecretError::NoSecrets, Some(0)) => return,
        (other, Some(_)) => panic!("with_secrets returned {other:?}"),
        (other, None) => (other, None),
    };
    let Some((_, representative)) = canonical().iter().find(|(known, _)| known == inner) else {
        panic!("an error outside the fixed set: {inner:?}");
    };
    let same = match index {
        None => Webhook::new(representative).expect_err("representative"),
        Some(index) => {
            let mut list = vec!["whsec_AAAA"; index + 1];
            list[index] = representative;
            Webhook::with_secrets(list).expect_err("representative")
        }
    };
    assert_eq!(&same, err);
    let fixed = shown(&same);
    assert_eq!(text, fixed, "the message depends on the secret");
    for input in inputs {
        if input.len() >= 8 && text.contains(input) {
            assert!(
                fixed.contains(input),
                "error shows the secret {input:?}: {text}"
            );
        }
    }
}

fn check_ok(wh: &Webhook, count: usize) {
    assert_eq!(wh.secret_count(), count);
    assert_eq!(
        format!("{wh:?}"),
        format!("Webhook {{ secrets: [redacted; {count}], tolerance: Some(300s) }}")
    );
    // Signing works for every accepted secret.
    let sig = wh.sign("msg_1", b"{}", at(1));
    assert_eq!(sig.len(), 47);
}

fuzz_target!(|input: Input| {
    match input {
        Input::One(secret) => match Webhook::new(&secret) {
            Ok(wh) => check_ok(&wh, 1),
            Err(err) => check_error(&err, &[secret.as_str()], None),
        },
        Input::Many(secrets) => {
            let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
            match Webhook::with_secrets(&refs) {
                Ok(wh) => check_ok(&wh, refs.len()),
                Err(err) => check_error(&err, &refs, Some(refs.len())),
            }
            // A single secret verifies the same way through either constructor.
            if let [one] = refs.as_slice() {
                assert_eq!(
                    Webhook::new(one).map(|w| w.sign("m", b"", at(0))),
                    Webhook::with_secrets([one])
                        .map(|w| w.sign("m", b"", at(0)))
                        .map_err(|e| match e {
                            SecretError::InList { source, .. } => *source,
                            other => other,
                        })
                );
            }
        }
    }
});
