//! The `svix-timestamp` header: Unix seconds, as ASCII digits.

use crate::verify_error::VerifyError;

/// Parses a timestamp header: ASCII digits only, at most `i64::MAX`.
///
/// The digits are checked first, so that a value that is both too long and not all digits
/// reports the non-digit, and so that `parse` never sees a sign (which it would accept). Any
/// run of digits that `parse` rejects is then too large (leading zeros carry no magnitude).
pub(crate) fn parse_timestamp(text: &[u8]) -> Result<i64, VerifyError> {
    let digits = std::str::from_utf8(text)
        .ok()
        .filter(|text| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .ok_or(VerifyError::InvalidTimestamp {
            reason: "expected Unix seconds as ASCII digits only (no sign, fraction or spaces)",
        })?;
    digits.parse().map_err(|_| VerifyError::InvalidTimestamp {
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
            &b""[..],
            b"9223372036854775808",
            b"99999999999999999999",
            b"-1",
            b"+1",
            b"1.5",
            b"1e9",
            b"12 3",
            b"123abc",
            b"-9223372036854775808",
            b"\xff1",
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
