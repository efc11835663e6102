//! `Webhook::from_env`. One test in its own binary, since it changes the process environment.

use clerk_webhooks::{SecretError, Webhook};

/// Unix seconds as the `OffsetDateTime` that `Webhook::sign` takes.
fn at(secs: i64) -> clerk_webhooks::time::OffsetDateTime {
    clerk_webhooks::time::OffsetDateTime::from_unix_timestamp(secs).expect("a representable time")
}

#[test]
fn from_env_reads_clerks_name_then_the_fallback() {
    let primary = "CLERK_WEBHOOK_SIGNING_SECRET";
    let fallback = "CLERK_WEBHOOK_SECRET";
    std::env::remove_var(primary);
    std::env::remove_var(fallback);
    let err = Webhook::from_env().unwrap_err();
    assert_eq!(err, SecretError::NotSet);
    assert!(err.to_string().contains(primary) && err.to_string().contains(fallback));

    std::env::set_var(fallback, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    let wh = Webhook::from_env().unwrap();
    assert_eq!(
        wh.sign(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            br#"{"test": 2432232314}"#,
            at(1614265330)
        ),
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    );

    // The primary wins; an empty primary counts as unset.
    std::env::set_var(primary, "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD");
    let wh = Webhook::from_env().unwrap();
    assert_eq!(
        wh.sign(
            "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
            br#"{"email":"test@example.com","username":"test_user"}"#,
            at(1649367553)
        ),
        "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw="
    );
    std::env::set_var(primary, "  ");
    assert!(Webhook::from_env().is_ok());

    // Several secrets, whitespace-separated, for rotation.
    std::env::set_var(
        primary,
        "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    );
    assert_eq!(Webhook::from_env().unwrap().secret_count(), 2);

    std::env::set_var(primary, "whsec_not*base64");
    // A rejected value names its variable (never the value), and is not skipped for the
    // fallback.
    let err = Webhook::from_env().unwrap_err();
    assert!(
        matches!(
            &err,
            SecretError::InEnvVar { name, source }
                if name == primary && matches!(**source, SecretError::InvalidBase64 { .. })
        ),
        "{err:?}"
    );
    assert!(!format!("{err} {err:?}").contains("not*base64"));
    std::env::remove_var(primary);
    std::env::set_var(fallback, "sk_test_abc");
    let err = Webhook::from_env().unwrap_err();
    assert!(
        matches!(&err, SecretError::InEnvVar { name, .. } if name == fallback),
        "{err:?}"
    );
    std::env::remove_var(primary);
    std::env::remove_var(fallback);
}
