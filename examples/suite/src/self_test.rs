//! The self-test the framework examples (`axum`, `actix`) run against their own server: the
//! same three requests and expectations for both.

use crate::http_post::http_post;
use clerk_webhooks::testing::{self, SignedRequest, Signer};
use std::net::SocketAddr;

/// One request of the self-test and the status it must get.
struct Check {
    name: &'static str,
    path: &'static str,
    request: SignedRequest,
    expect: fn(u16) -> bool,
}

/// Posts a signed, a tampered and a misdirected delivery to the server at `addr`, prints one
/// line per request, and returns whether every response was as expected. Blocking: run it on
/// a blocking thread of the example's runtime.
pub fn run(addr: SocketAddr, signer: &Signer) -> bool {
    let body = testing::sample_body("user.created").expect("a bundled sample body");
    let good = signer.sign_now("msg_self_test_1", body);
    let tampered = signer.sign_now("msg_self_test_2", body).tampered();
    let checks = [
        Check {
            name: "signed delivery",
            path: "/webhooks/clerk",
            request: good.clone(),
            expect: |status| (200..300).contains(&status),
        },
        Check {
            name: "tampered delivery",
            path: "/webhooks/clerk",
            request: tampered,
            expect: |status| status == 400,
        },
        // A signed delivery is not a credential for the rest of the application.
        Check {
            name: "API without auth",
            path: "/api/me",
            request: good,
            expect: |status| status == 401,
        },
    ];

    let mut passed = true;
    for check in checks {
        match http_post(addr, check.path, &check.request) {
            Ok((status, reason)) if (check.expect)(status) => {
                println!("ok   {}: {status} {reason}", check.name);
            }
            Ok((status, reason)) => {
                println!("FAIL {}: {status} {reason}", check.name);
                passed = false;
            }
            Err(err) => {
                println!("FAIL {}: {err}", check.name);
                passed = false;
            }
        }
    }
    if passed {
        println!("self-test passed");
    }
    passed
}
