//! The `svix-timestamp` header: Unix seconds, as ASCII digits.

use crate::verify_error::VerifyError;

/// Parses a timestamp header: ASCII digits only, at most `i64::MAX`, with checked arithmetic.
///
/// One pass: every byte must be a digit, and the value accumulates with `checked_mul` /
/// `checked_add`. Overflow is remembered rather than returned at once, so that a value that is
/// both too long and not all digits reports the non-digit. Since `i64::MAX` has 19 digits and
/// any number with 20 significant digits exceeds it, this is exactly the rule "at most 19
/// significant digits and at most `i64::MAX`"; leading zeros carry no magnitude.
pub(crate) fn parse_timestamp(text: &[u8]) -> Result<i64, VerifyError> {
    let mut value = Some(0_i64);
    for &byte in text {
        if !byte.is_ascii_digit() {
            return Err(VerifyError::InvalidTimestamp {
                reason: "expected Unix seconds as ASCII digits only (no sign, fraction or spaces)",
            });
        }
        value = value.and_then(|acc| acc.checked_mul(10)?.checked_add(i64::from(byte - b'0')));
    }
    value.ok_or(VerifyError::InvalidTimestamp {
        reason: "the value is too large",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_strict_digits_with_checked_overflow() {
        assert_eq!(parse_timestamp(b"1614265330"), Ok(1_614_265_330));
        assert_eq!(parse_timestamp(b"01614265330"), Ok(1_614_265_330));
        assert_eq!(parse_timestamp(b"9223372036854775807"), Ok(i64::MAX));
        assert_eq!(
            parse_timestamp(b"0000000000000000000001614265330"),
            Ok(1_614_265_330)
        );
        assert_eq!(parse_timestamp(b"0"), Ok(0));
        for bad in [
            &b"9223372036854775808"[..],
            b"99999999999999999999",
            b"-1",
            b"+1",
            b"1.5",
            b"1e9",
            b"12 3",
            b"123abc",
            b"-9223372036854775808",
        ] {
            assert!(
                matches!(
                    parse_timestamp(bad),
                    Err(VerifyError::InvalidTimestamp { .. })
                ),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn timestamp_errors_say_which_rule_failed() {
        let reason = |text: &[u8]| match parse_timestamp(text) {
            Err(VerifyError::InvalidTimestamp { reason }) => reason,
            other => panic!("{other:?}"),
        };
        assert_eq!(reason(b"9223372036854775808"), "the value is too large");
        assert_eq!(
            reason(b"00000000000000000000000000099999999999999999999"),
            "the value is too large"
        );
        // A non-digit anywhere wins over an overflow earlier in the text.
        assert!(reason(b"99999999999999999999999x").starts_with("expected Unix seconds"));
    }
}
