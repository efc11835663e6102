//! Billing payloads where Clerk's published shapes disagree or surprise: both
//! subscription-item shapes, nullable periods and plans, `""` payer fields, open billing enums and payment-attempt nulls.
//!
//! Sources: Clerk's webhook OpenAPI specification and event catalog
//! (<https://clerk.com/docs/webhooks/overview>), and the payload types of `@clerk/backend`
//! (<https://github.com/clerk/javascript>).

use clerk_webhooks::events::billing::*;
use clerk_webhooks::{ClerkEvent, WebhookEvent};
use serde_json::{json, Value};
use std::path::PathBuf;

mod common;

fn parse(event_type: &str, data: Value) -> ClerkEvent {
    let body = json!({"data": data, "object": "event", "type": event_type, "timestamp": 1_716_883_200_000i64});
    let bytes = serde_json::to_vec(&body).unwrap();
    let parsed = WebhookEvent::from_slice(&bytes).unwrap_or_else(|e| panic!("{event_type}: {e}"));
    assert_eq!(parsed.event.event_type(), event_type);
    parsed.event
}

/// The serialized `data` of an event.
fn data_of(event: &ClerkEvent) -> Value {
    serde_json::to_value(event).unwrap()["data"].clone()
}

/// Serializes, re-parses and checks the event is unchanged.
fn assert_round_trips(event: &ClerkEvent) {
    let bytes = serde_json::to_vec(event).unwrap();
    let again: ClerkEvent = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(&again, event);
}

/// Every non-null leaf of `input` comes back, at the same path, with the same value.
fn assert_keeps_every_leaf(input: &Value, output: &Value) {
    let lost = common::lost_leaves(input, output);
    assert!(lost.is_empty(), "lost leaves: {lost:?}");
}

fn as_item(event: &ClerkEvent) -> &SubscriptionItem {
    match event {
        ClerkEvent::SubscriptionItemCreated(item)
        | ClerkEvent::SubscriptionItemUpdated(item)
        | ClerkEvent::SubscriptionItemActive(item)
        | ClerkEvent::SubscriptionItemCanceled(item)
        | ClerkEvent::SubscriptionItemUpcoming(item)
        | ClerkEvent::SubscriptionItemEnded(item)
        | ClerkEvent::SubscriptionItemAbandoned(item)
        | ClerkEvent::SubscriptionItemIncomplete(item)
        | ClerkEvent::SubscriptionItemPastDue(item)
        | ClerkEvent::SubscriptionItemFreeTrialEnding(item)
        | ClerkEvent::SubscriptionItemExpired(item) => item,
        other => panic!("not a subscription item event: {}", other.event_type()),
    }
}

fn as_subscription(event: &ClerkEvent) -> &Subscription {
    match event {
        ClerkEvent::SubscriptionCreated(s)
        | ClerkEvent::SubscriptionUpdated(s)
        | ClerkEvent::SubscriptionActive(s)
        | ClerkEvent::SubscriptionPastDue(s) => s,
        other => panic!("not a subscription event: {}", other.event_type()),
    }
}

fn as_payment_attempt(event: &ClerkEvent) -> &PaymentAttempt {
    match event {
        ClerkEvent::PaymentAttemptCreated(p) | ClerkEvent::PaymentAttemptUpdated(p) => p,
        other => panic!("not a payment attempt event: {}", other.event_type()),
    }
}

fn user_payer() -> Value {
    json!({
        "object": "commerce_payer",
        "id": "cpayer_1",
        "user_id": "user_1",
        "first_name": "Test",
        "last_name": "User",
        "email": "test@example.com",
        "organization_id": "",
        "organization_name": "",
        "image_url": "https://img.clerk.com/x",
        "created_at": 1_716_883_200_000i64,
        "updated_at": 1_716_883_200_000i64
    })
}

fn money(amount: i64, formatted: &str) -> Value {
    json!({"amount": amount, "amount_formatted": formatted, "currency": "USD", "currency_symbol": "$"})
}

/// A new-shape item (S1 schema since 2025-09).
fn new_shape_item() -> Value {
    json!({
        "object": "subscription_item",
        "id": "csub_item_new",
        "status": "active",
        "is_free_trial": true,
        "created_at": 1_716_883_200_000i64,
        "updated_at": 1_716_883_200_000i64,
        "period_start": 1_716_883_200_000i64,
        "period_end": 1_719_561_600_000i64,
        "interval": "month",
        "plan_id": "cplan_1",
        "plan": {
            "id": "cplan_1", "slug": "team", "name": "Team", "is_recurring": true,
            "amount": 2000, "currency": "USD",
            "unit_prices": [{"name": "seats", "block_size": 1, "tiers": [
                {"starts_at_block": 1, "ends_after_block": null, "amount_per_block": 500, "currency": "USD"}
            ]}]
        },
        "seats": {"quantity": null},
        "payer": user_payer(),
        "subscription_id": "csub_1"
    })
}

/// An old-shape item (`@clerk/backend` webhook type, S1 payment-attempt examples).
fn old_shape_item() -> Value {
    json!({
        "object": "commerce_subscription_item",
        "id": "csub_item_old",
        "status": "active",
        "credit": {
            "amount": money(500, "$5.00"),
            "cycle_days_remaining": 15,
            "cycle_days_total": 30,
            "cycle_remaining_percent": 0.5
        },
        "proration_date": "2025-07-01",
        "plan_period": "annual",
        "period_start": 1_716_883_200_000i64,
        "period_end": 1_748_419_200_000i64,
        "canceled_at": null,
        "lifetime_paid": 10000,
        "next_payment_amount": 2000,
        "next_payment_date": 1_748_419_200_000i64,
        "amount": money(2000, "$20.00"),
        "plan": {
            "id": "cplan_2",
            "instance_id": "ins_1",
            "product_id": "cprd_1",
            "name": "Pro",
            "slug": "pro",
            "description": "Pro plan",
            "is_default": false,
            "is_recurring": true,
            "amount": 2000,
            "period": "month",
            "interval": 1,
            "has_base_fee": true,
            "currency": "USD",
            "annual_monthly_amount": 1800,
            "publicly_visible": true
        },
        "plan_id": "cplan_2",
        "payer": {
            "object": "commerce_payer", "id": "cpayer_2", "instance_id": "ins_1",
            "user_id": "user_2", "email": "a@b.c", "image_url": "https://img.clerk.com/y",
            "created_at": 1_716_883_200_000i64, "updated_at": 1_716_883_200_000i64
        }
    })
}

#[test]
fn new_shape_item_has_string_interval_free_trial_and_unlimited_seats() {
    let data = new_shape_item();
    let event = parse("subscriptionItem.freeTrialEnding", data.clone());
    assert!(matches!(
        event,
        ClerkEvent::SubscriptionItemFreeTrialEnding(_)
    ));
    let item = as_item(&event);
    assert_eq!(item.id, "csub_item_new");
    assert_eq!(item.status, SubscriptionItemStatus::Active);
    assert_eq!(item.interval, Some(Interval::Month));
    assert_eq!(item.plan_period, None);
    assert_eq!(item.billing_interval(), Some(&Interval::Month));
    assert_eq!(item.is_free_trial, Some(true));
    let seats = item.seats.as_ref().expect("seats");
    assert_eq!(seats.quantity, None);
    assert!(seats.is_unlimited());
    assert_eq!(item.subscription_id.as_deref(), Some("csub_1"));
    assert_eq!(item.payer.as_ref().unwrap().id, "cpayer_1");
    let plan = item.plan.as_ref().unwrap();
    assert_eq!(plan.interval, None, "slim plan has no integer interval");
    assert_eq!(plan.unit_prices[0].tiers[0].ends_after_block, None);
    assert_eq!(plan.unit_prices[0].tiers[0].amount_per_block, 500);
    let back = data_of(&event);
    assert_eq!(back["interval"], "month");
    assert_eq!(back["seats"]["quantity"], Value::Null);
    assert_keeps_every_leaf(&data, &back);
    assert_round_trips(&event);
}

#[test]
fn old_shape_item_has_plan_period_proration_date_and_integer_plan_interval() {
    let data = old_shape_item();
    let event = parse("subscriptionItem.updated", data.clone());
    let item = as_item(&event);
    assert_eq!(item.plan_period, Some(Interval::Annual));
    assert_eq!(item.interval, None);
    assert_eq!(item.billing_interval(), Some(&Interval::Annual));
    assert_eq!(item.proration_date.as_deref(), Some("2025-07-01"));
    assert_eq!(item.is_free_trial, None);
    assert_eq!(item.created_at, None);
    assert_eq!(item.lifetime_paid, Some(LifetimePaid::Cents(10000)));
    assert_eq!(item.next_payment_amount, Some(2000));
    assert_eq!(
        item.next_payment_date.map(|t| t.as_millis()),
        Some(1_748_419_200_000)
    );
    assert_eq!(item.amount.as_ref().unwrap().amount_formatted, "$20.00");
    assert_eq!(item.canceled_at, None);
    let credit = item.credit.as_ref().unwrap();
    assert_eq!(credit.cycle_days_remaining, 15);
    assert_eq!(credit.cycle_remaining_percent, 0.5);
    let plan = item.plan.as_ref().unwrap();
    assert_eq!(plan.interval, Some(1), "legacy plan interval is an integer");
    assert_eq!(plan.period, Some(Interval::Month));
    assert_eq!(plan.product_id.as_deref(), Some("cprd_1"));
    assert_eq!(plan.annual_monthly_amount, Some(1800));
    assert_eq!(plan.has_base_fee, Some(true));
    assert_eq!(plan.is_prorated, None);
    let payer = item.payer.as_ref().unwrap();
    assert_eq!(payer.instance_id.as_deref(), Some("ins_1"));
    assert_eq!(payer.organization_id, None);
    // Re-serialized: the two `interval`s keep their own JSON types.
    let back = data_of(&event);
    assert_eq!(back["plan"]["interval"], json!(1));
    assert_eq!(back["interval"], Value::Null);
    assert_eq!(back["plan_period"], "annual");
    assert_eq!(back["proration_date"], "2025-07-01");
    assert_keeps_every_leaf(&data, &back);
    assert_round_trips(&event);
}

#[test]
fn null_period_end_plan_and_plan_id() {
    let mut data = new_shape_item();
    data["status"] = json!("ended");
    data["period_end"] = Value::Null;
    data["plan"] = Value::Null;
    data["plan_id"] = Value::Null;
    let event = parse("subscriptionItem.ended", data.clone());
    assert!(matches!(event, ClerkEvent::SubscriptionItemEnded(_)));
    let item = as_item(&event);
    assert_eq!(item.status, SubscriptionItemStatus::Ended);
    assert_eq!(item.period_end, None);
    assert_eq!(item.plan, None);
    assert_eq!(item.plan_id, None);
    assert_eq!(item.period_start.as_millis(), 1_716_883_200_000);
    let back = data_of(&event);
    assert_eq!(back["period_end"], Value::Null);
    assert_eq!(back["plan"], Value::Null);
    assert_round_trips(&event);
}

#[test]
fn unknown_subscription_and_item_statuses_are_kept_unchanged() {
    let mut item = new_shape_item();
    item["status"] = json!("paused_by_admin");
    item["subscription_id"] = Value::Null;
    item.as_object_mut().unwrap().remove("payer");
    let data = json!({
        "object": "commerce_subscription", "id": "csub_1", "status": "frozen",
        "created_at": 1, "updated_at": 2, "payer_id": "cpayer_1", "items": [item]
    });
    let event = parse("subscription.updated", data.clone());
    let sub = as_subscription(&event);
    assert_eq!(sub.status, SubscriptionStatus::from("frozen"));
    assert!(sub.status.is_unknown());
    assert_eq!(
        sub.items[0].status,
        SubscriptionItemStatus::from("paused_by_admin")
    );
    let back = data_of(&event);
    assert_eq!(back["status"], "frozen");
    assert_eq!(back["items"][0]["status"], "paused_by_admin");
    assert_keeps_every_leaf(&data, &back);
    assert_round_trips(&event);
}

#[test]
fn expired_and_upcoming_are_known_statuses() {
    for (wire, sub, item) in [
        (
            "expired",
            SubscriptionStatus::Expired,
            SubscriptionItemStatus::Expired,
        ),
        (
            "upcoming",
            SubscriptionStatus::Upcoming,
            SubscriptionItemStatus::Upcoming,
        ),
        (
            "past_due",
            SubscriptionStatus::PastDue,
            SubscriptionItemStatus::PastDue,
        ),
    ] {
        assert_eq!(SubscriptionStatus::from(wire), sub);
        assert_eq!(SubscriptionItemStatus::from(wire), item);
        assert!(!sub.is_unknown() && !item.is_unknown());
        assert_eq!(serde_json::to_value(&item).unwrap(), wire);
    }
}

#[test]
fn pre_2025_11_subscription_with_object_subscription_and_no_payer() {
    // The shape of S1's 2025-09 examples: `object: "subscription"`, no `payer`, nested items
    // without payer and with `subscription_id: null`.
    let mut item = new_shape_item();
    item.as_object_mut().unwrap().remove("payer");
    item.as_object_mut().unwrap().remove("seats");
    item["subscription_id"] = Value::Null;
    item["is_free_trial"] = json!(false);
    let data = json!({
        "object": "subscription",
        "id": "csub_old",
        "status": "active",
        "active_at": 1_716_883_200_000i64,
        "canceled_at": null,
        "created_at": 1_716_883_200_000i64,
        "ended_at": null,
        "past_due_at": null,
        "updated_at": 1_716_883_200_000i64,
        "latest_payment_id": null,
        "payer_id": "cpayer_1",
        "payment_source_id": null,
        "items": [item]
    });
    let event = parse("subscription.created", data.clone());
    assert!(matches!(event, ClerkEvent::SubscriptionCreated(_)));
    let sub = as_subscription(&event);
    assert_eq!(sub.object, "subscription");
    assert_eq!(sub.id, "csub_old");
    assert_eq!(sub.status, SubscriptionStatus::Active);
    assert_eq!(sub.payer, None);
    assert_eq!(sub.payer_id, "cpayer_1");
    assert_eq!(sub.latest_payment_id, None);
    assert_eq!(sub.payment_source_id, None);
    assert_eq!(sub.canceled_at, None);
    assert_eq!(
        sub.active_at.map(|t| t.as_millis()),
        Some(1_716_883_200_000)
    );
    assert_eq!(sub.items.len(), 1);
    assert_eq!(sub.items[0].subscription_id, None);
    assert_eq!(sub.items[0].payer, None);
    assert_eq!(sub.items[0].seats, None);
    assert_eq!(sub.items[0].is_free_trial, Some(false));
    let back = data_of(&event);
    assert_eq!(back["object"], "subscription");
    assert_eq!(back["payer"], Value::Null);
    assert_keeps_every_leaf(&data, &back);
    assert_round_trips(&event);
}

#[test]
fn subscription_with_s2_optional_timestamps_omitted() {
    // `@clerk/backend` types the timestamps as optional: omitted, not null.
    let data = json!({"object": "commerce_subscription", "id": "csub_2", "status": "past_due",
                      "created_at": 5, "updated_at": 6, "past_due_at": 7,
                      "payer_id": "cpayer_1", "payer": user_payer(), "items": []});
    let event = parse("subscription.pastDue", data);
    assert!(matches!(event, ClerkEvent::SubscriptionPastDue(_)));
    let sub = as_subscription(&event);
    assert_eq!(sub.status, SubscriptionStatus::PastDue);
    assert_eq!(sub.active_at, None);
    assert_eq!(sub.ended_at, None);
    assert_eq!(sub.past_due_at.map(|t| t.as_millis()), Some(7));
    assert_eq!(
        sub.payer.as_ref().unwrap().user_id.as_deref(),
        Some("user_1")
    );
}

#[test]
fn payer_empty_organization_fields_are_kept_not_normalised() {
    let event = parse("subscriptionItem.active", new_shape_item());
    let payer = as_item(&event).payer.clone().unwrap();
    assert_eq!(payer.organization_id.as_deref(), Some(""));
    assert_eq!(payer.organization_name.as_deref(), Some(""));
    assert!(payer.is_user());
    assert!(!payer.is_organization());
    let back = data_of(&event);
    assert_eq!(back["payer"]["organization_id"], "");
    assert_eq!(back["payer"]["organization_name"], "");

    let org: Payer = serde_json::from_value(json!({
        "id": "cpayer_org", "user_id": "", "first_name": "", "last_name": "",
        "email": "billing@acme.test", "organization_id": "org_1",
        "organization_name": "Acme", "image_url": ""
    }))
    .unwrap();
    assert!(org.is_organization());
    assert!(!org.is_user());
    assert_eq!(org.user_id.as_deref(), Some(""));
    assert_eq!(org.organization_name.as_deref(), Some("Acme"));
}

fn payment_attempt(status: &str) -> Value {
    json!({
        "id": "pa_1",
        "instance_id": "ins_1",
        "payment_id": "cpa_1",
        "statement_id": "stmt_1",
        "gateway_external_id": "pi_1",
        "status": status,
        "created_at": 1_716_883_200_000i64,
        "updated_at": 1_716_883_500_000i64,
        "paid_at": null,
        "failed_at": null,
        "failed_reason": null,
        "billing_date": 1_716_883_200_000i64,
        "charge_type": "checkout",
        "payee": {"id": "cpayee_1", "gateway_type": "stripe",
                  "gateway_external_id": "acct_1", "gateway_status": "restricted"},
        "payer": {"id": "cpayer_1", "image_url": "https://img.clerk.com/x", "user_id": "user_1",
                  "first_name": "John", "last_name": "Doe", "email": "john@acme.test"},
        "totals": {"subtotal": money(2000, "$20.00"), "tax_total": money(0, "$0.00"),
                   "grand_total": money(2000, "$20.00")},
        "payment_source": {"id": "cps_1", "gateway": "stripe", "gateway_external_id": "pm_1",
                           "gateway_external_account_id": null, "payment_method": "link",
                           "status": "active", "card_type": null, "last4": null},
        "subscription_items": [old_shape_item()]
    })
}

#[test]
fn payment_attempt_with_nulls_and_legacy_items() {
    let data = payment_attempt("pending");
    let event = parse("paymentAttempt.created", data.clone());
    assert!(matches!(event, ClerkEvent::PaymentAttemptCreated(_)));
    let attempt = as_payment_attempt(&event);
    assert_eq!(attempt.object, None, "S1 payment attempts have no object");
    assert_eq!(attempt.invoice_id, None);
    assert_eq!(attempt.status, PaymentAttemptStatus::Pending);
    assert_eq!(attempt.paid_at, None);
    assert_eq!(attempt.failed_at, None);
    assert_eq!(attempt.failed_reason, None);
    assert_eq!(attempt.charge_type, ChargeType::Checkout);
    assert_eq!(attempt.payee.gateway_status, PayeeGatewayStatus::Restricted);
    let source = &attempt.payment_source;
    assert_eq!(source.payment_method, PaymentMethod::Link);
    assert_eq!(source.status, PaymentSourceStatus::Active);
    assert_eq!(source.card_type, None);
    assert_eq!(source.last4, None);
    assert_eq!(source.gateway_external_account_id, None);
    // The payment-attempt payer omits object, organization fields and timestamps.
    assert_eq!(attempt.payer.object, None);
    assert_eq!(attempt.payer.organization_id, None);
    assert_eq!(attempt.payer.created_at, None);
    assert_eq!(attempt.payer.first_name.as_deref(), Some("John"));
    assert!(attempt.totals.per_unit_totals.is_empty());
    assert_eq!(attempt.totals.grand_total.amount, 2000);
    let item = &attempt.subscription_items[0];
    assert_eq!(item.plan_period, Some(Interval::Annual));
    assert_eq!(item.plan.as_ref().unwrap().interval, Some(1));
    let back = data_of(&event);
    assert_eq!(back["payment_source"]["card_type"], Value::Null);
    assert_eq!(back["failed_reason"], Value::Null);
    assert_keeps_every_leaf(&data, &back);
    assert_round_trips(&event);
}

#[test]
fn failed_payment_attempt_with_reason() {
    let mut data = payment_attempt("failed");
    data["failed_at"] = json!(1_716_883_600_000i64);
    data["failed_reason"] = json!({"code": "card_declined", "decline_code": "insufficient_funds"});
    data["invoice_id"] = json!("inv_1");
    data["object"] = json!("commerce_payment_attempt");
    data["charge_type"] = json!("recurring");
    let event = parse("paymentAttempt.updated", data.clone());
    assert!(matches!(event, ClerkEvent::PaymentAttemptUpdated(_)));
    let attempt = as_payment_attempt(&event);
    assert_eq!(attempt.status, PaymentAttemptStatus::Failed);
    assert_eq!(attempt.object.as_deref(), Some("commerce_payment_attempt"));
    assert_eq!(attempt.invoice_id.as_deref(), Some("inv_1"));
    assert_eq!(
        attempt.failed_at.map(|t| t.as_millis()),
        Some(1_716_883_600_000)
    );
    let reason = attempt.failed_reason.as_ref().expect("failed_reason");
    assert_eq!(reason.code, "card_declined");
    assert_eq!(reason.decline_code, "insufficient_funds");
    assert_eq!(attempt.charge_type, ChargeType::Recurring);
    assert_eq!(attempt.paid_at, None);
    assert_keeps_every_leaf(&data, &data_of(&event));
    assert_round_trips(&event);
}

#[test]
fn unknown_charge_type_and_payment_enums_are_kept() {
    let mut data = payment_attempt("refunded");
    data["charge_type"] = json!("proration_adjustment");
    data["payment_source"]["payment_method"] = json!("apple_pay");
    data["payment_source"]["status"] = json!("expired");
    data["payee"]["gateway_status"] = json!("under_review");
    let event = parse("paymentAttempt.updated", data.clone());
    let attempt = as_payment_attempt(&event);
    assert_eq!(
        attempt.charge_type,
        ChargeType::from("proration_adjustment")
    );
    assert_eq!(attempt.status, PaymentAttemptStatus::from("refunded"));
    assert_eq!(attempt.payment_source.payment_method.as_str(), "apple_pay");
    assert!(attempt.payment_source.status.is_unknown());
    assert!(attempt.payee.gateway_status.is_unknown());
    let back = data_of(&event);
    assert_eq!(back["charge_type"], "proration_adjustment");
    assert_eq!(back["status"], "refunded");
    assert_eq!(back["payment_source"]["payment_method"], "apple_pay");
    assert_eq!(back["payee"]["gateway_status"], "under_review");
    assert_round_trips(&event);
}

#[test]
fn new_shape_payment_attempt_items_with_credits_and_per_unit_totals() {
    // S1 schema since 2025-11-08 (items) and 2026-03 / 2026-06 (per-unit totals, credits).
    let mut data = payment_attempt("paid");
    data["paid_at"] = json!(1_716_883_500_000i64);
    let mut item = new_shape_item();
    item["object"] = json!("commerce_subscription_item");
    item["credits"] = json!({"proration": null,
                             "payer": {"applied_amount": money(200, "$2.00"),
                                       "remaining_balance": money(800, "$8.00")},
                             "total": money(200, "$2.00")});
    data["subscription_items"] = json!([item]);
    data["totals"]["per_unit_totals"] = json!([
        {"name": "seats", "amount": 500, "quantity": null, "total": 0, "currency": "USD"}
    ]);
    let event = parse("paymentAttempt.updated", data.clone());
    let attempt = as_payment_attempt(&event);
    assert_eq!(attempt.status, PaymentAttemptStatus::Paid);
    let unit = &attempt.totals.per_unit_totals[0];
    assert_eq!(unit.name, "seats");
    assert_eq!(unit.quantity, None);
    let item = &attempt.subscription_items[0];
    assert_eq!(item.interval, Some(Interval::Month));
    assert_eq!(item.credit, None);
    let credits = item.credits.as_ref().unwrap();
    assert_eq!(credits.proration, None);
    assert_eq!(
        credits.payer.as_ref().unwrap().remaining_balance.amount,
        800
    );
    assert_eq!(credits.total.amount_formatted, "$2.00");
    assert_keeps_every_leaf(&data, &data_of(&event));
    assert_round_trips(&event);
}

#[test]
fn subscription_item_expired_and_created_parse_into_typed_variants() {
    let mut expired = new_shape_item();
    expired["status"] = json!("expired");
    let event = parse("subscriptionItem.expired", expired);
    assert!(matches!(event, ClerkEvent::SubscriptionItemExpired(_)));
    assert!(!event.is_unknown());
    assert_eq!(as_item(&event).status, SubscriptionItemStatus::Expired);
    assert_round_trips(&event);

    let mut created = new_shape_item();
    created["status"] = json!("upcoming");
    let event = parse("subscriptionItem.created", created);
    assert!(matches!(event, ClerkEvent::SubscriptionItemCreated(_)));
    assert_eq!(as_item(&event).status, SubscriptionItemStatus::Upcoming);

    // An old-shape body under a new-style event type parses too.
    let event = parse("subscriptionItem.canceled", old_shape_item());
    assert!(matches!(event, ClerkEvent::SubscriptionItemCanceled(_)));
}

#[test]
fn null_non_nullable_fields_default_instead_of_failing() {
    let data = json!({"id": "csub_item_x", "status": null, "period_start": null,
                      "is_free_trial": null, "interval": null, "seats": null,
                      "object": null});
    let event = parse("subscriptionItem.incomplete", data);
    let item = as_item(&event);
    assert_eq!(item.status, SubscriptionItemStatus::default());
    assert_eq!(item.period_start.as_millis(), 0);
    assert_eq!(item.interval, None);
    assert_eq!(item.seats, None);
    let attempt: PaymentAttempt = serde_json::from_value(json!({
        "id": "pa_x", "payee": null, "totals": null, "subscription_items": null,
        "charge_type": null
    }))
    .unwrap();
    assert!(attempt.subscription_items.is_empty());
    assert_eq!(attempt.totals, Totals::default());
    assert_eq!(attempt.charge_type.as_str(), "");
}

#[test]
fn every_billing_fixture_keeps_every_leaf_and_every_known_enum() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.starts_with("subscription") || name.starts_with("paymentAttempt")) {
            continue;
        }
        seen += 1;
        let body = std::fs::read(&path).unwrap();
        let raw: Value = serde_json::from_slice(&body).unwrap();
        let parsed = WebhookEvent::from_slice(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!parsed.event.is_unknown(), "{name}");
        assert_keeps_every_leaf(&raw["data"], &data_of(&parsed.event));
        let statuses: Vec<bool> = match &parsed.event {
            ClerkEvent::PaymentAttemptCreated(p) | ClerkEvent::PaymentAttemptUpdated(p) => {
                let mut s = vec![
                    p.status.is_unknown(),
                    p.charge_type.is_unknown(),
                    p.payee.gateway_status.is_unknown(),
                    p.payment_source.payment_method.is_unknown(),
                    p.payment_source.status.is_unknown(),
                ];
                s.extend(p.subscription_items.iter().map(|i| i.status.is_unknown()));
                s
            }
            other if other.event_type().starts_with("subscriptionItem.") => {
                vec![as_item(other).status.is_unknown()]
            }
            other => {
                let sub = as_subscription(other);
                let mut s = vec![sub.status.is_unknown()];
                s.extend(sub.items.iter().map(|i| i.status.is_unknown()));
                s
            }
        };
        assert!(
            statuses.iter().all(|unknown| !unknown),
            "{name}: {statuses:?}"
        );
    }
    assert_eq!(
        seen, 16,
        "4 subscription + 10 subscriptionItem + 2 paymentAttempt fixtures"
    );
}

// ---------------------------------------------------------------------------------------------
// Tolerance: only `data.id` is required; nested ids default; `null` list elements are skipped.
// ---------------------------------------------------------------------------------------------

fn as_attempt(event: &ClerkEvent) -> &PaymentAttempt {
    match event {
        ClerkEvent::PaymentAttemptCreated(p) | ClerkEvent::PaymentAttemptUpdated(p) => p,
        other => panic!("not a payment attempt event: {}", other.event_type()),
    }
}

#[test]
fn payment_attempt_nested_ids_default_when_missing_or_null() {
    let event = parse(
        "paymentAttempt.updated",
        json!({
            "id": "pa_1",
            "status": "paid",
            "payer": {"email": "a@b.c", "user_id": "user_1"},
            "payee": {"id": null, "gateway_type": "stripe"},
            "payment_source": {"payment_method": "card", "last4": "4242"},
            "subscription_items": [
                null,
                {"status": "active", "plan": {"name": "Pro", "amount": 2000}},
                {"id": null, "plan_id": "cplan_1"},
                {"id": "csub_item_3", "plan": {"id": null}}
            ]
        }),
    );
    let attempt = as_attempt(&event);
    assert_eq!(attempt.id, "pa_1");
    assert_eq!(attempt.payer.id, "");
    assert!(attempt.payer.is_user());
    assert_eq!(attempt.payee.id, "");
    assert_eq!(attempt.payee.gateway_type, "stripe");
    assert_eq!(attempt.payment_source.id, "");
    assert_eq!(attempt.payment_source.last4.as_deref(), Some("4242"));
    let ids: Vec<&str> = attempt
        .subscription_items
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(ids, ["", "", "csub_item_3"]);
    let plan = attempt.subscription_items[0].plan.as_ref().unwrap();
    assert_eq!((plan.id.as_str(), plan.amount), ("", 2000));
    assert_round_trips(&event);
}

#[test]
fn subscription_items_and_payer_tolerate_missing_ids_and_null_entries() {
    let event = parse(
        "subscription.updated",
        json!({
            "id": "csub_1",
            "payer": {"id": null, "organization_id": "org_1"},
            "items": [null, {"status": "active", "plan": {"slug": "pro",
                "unit_prices": [null, {"name": "seats", "tiers": [null, {"starts_at_block": 1}]}]}}, null]
        }),
    );
    let sub = as_subscription(&event);
    assert_eq!(sub.payer.as_ref().unwrap().id, "");
    assert!(sub.payer.as_ref().unwrap().is_organization());
    assert_eq!(sub.items.len(), 1);
    assert_eq!(sub.items[0].id, "");
    let plan = sub.items[0].plan.as_ref().unwrap();
    assert_eq!(plan.slug, "pro");
    assert_eq!(plan.unit_prices.len(), 1);
    assert_eq!(plan.unit_prices[0].tiers.len(), 1);
    assert_eq!(plan.unit_prices[0].tiers[0].starts_at_block, 1);
    assert_round_trips(&event);
}

#[test]
fn billing_events_still_require_their_own_id() {
    for (event_type, data) in [
        ("subscription.created", json!({"status": "active"})),
        (
            "subscriptionItem.active",
            json!({"id": null, "status": "active"}),
        ),
        ("paymentAttempt.created", json!({"status": "pending"})),
    ] {
        let body = json!({"data": data, "object": "event", "type": event_type});
        let err = WebhookEvent::from_slice(&serde_json::to_vec(&body).unwrap()).unwrap_err();
        assert_eq!(err.event_type(), Some(event_type));
    }
}

#[test]
fn per_unit_totals_skip_null_entries() {
    let event = parse(
        "paymentAttempt.created",
        json!({"id": "pa_2", "totals": {"grand_total": {"amount": 1}, "per_unit_totals": [null, {"name": "seats", "quantity": null}]}}),
    );
    let totals = &as_attempt(&event).totals;
    assert_eq!(totals.per_unit_totals.len(), 1);
    assert_eq!(totals.per_unit_totals[0].name, "seats");
    assert_eq!(totals.grand_total.amount, 1);
}

// ---------------------------------------------------------------------------------------------
// Newest fields.
// ---------------------------------------------------------------------------------------------

#[test]
fn lifetime_paid_is_an_integer_or_a_money_object_and_round_trips_in_its_shape() {
    let money = json!({"amount": 12_000, "amount_formatted": "120.00", "currency": "USD", "currency_symbol": "$"});
    for (value, expected) in [
        (json!(10_000), LifetimePaid::Cents(10_000)),
        (
            money.clone(),
            serde_json::from_value(money.clone())
                .map(LifetimePaid::Money)
                .unwrap(),
        ),
    ] {
        let event = parse(
            "subscriptionItem.updated",
            json!({"id": "csub_item_1", "lifetime_paid": value}),
        );
        let item = as_item(&event);
        assert_eq!(item.lifetime_paid.as_ref(), Some(&expected));
        assert_eq!(
            data_of(&event)["lifetime_paid"],
            value,
            "written back as sent"
        );
        assert_round_trips(&event);
    }
    let LifetimePaid::Money(amount) = serde_json::from_value::<LifetimePaid>(money).unwrap() else {
        panic!("expected Money");
    };
    assert_eq!(amount.amount_formatted, "120.00");
    assert_eq!(LifetimePaid::Money(amount).minor_units(), 12_000);
    assert_eq!(LifetimePaid::Cents(5).minor_units(), 5);
    // Absent or null: None. Wrong types still fail, without echoing the value.
    let event = parse(
        "subscriptionItem.updated",
        json!({"id": "i", "lifetime_paid": null}),
    );
    assert_eq!(as_item(&event).lifetime_paid, None);
    for bad in [json!("10000"), json!(1.5), json!([1]), json!(u64::MAX)] {
        let body =
            json!({"data": {"id": "i", "lifetime_paid": bad}, "type": "subscriptionItem.updated"});
        let err = WebhookEvent::from_slice(&serde_json::to_vec(&body).unwrap()).unwrap_err();
        assert_eq!(err.path(), "data.lifetime_paid", "{bad}");
        assert!(!err.to_string().contains("10000"), "{err}");
    }
}

#[test]
fn apple_pay_and_google_pay_are_known_payment_methods() {
    for (wire, expected) in [
        ("apple_pay", PaymentMethod::ApplePay),
        ("google_pay", PaymentMethod::GooglePay),
        ("card", PaymentMethod::Card),
        ("link", PaymentMethod::Link),
    ] {
        let event = parse(
            "paymentAttempt.updated",
            json!({"id": "pa_3", "payment_source": {"id": "cps_1", "payment_method": wire}}),
        );
        let method = &as_attempt(&event).payment_source.payment_method;
        assert_eq!(method, &expected);
        assert!(!method.is_unknown(), "{wire}");
        assert_eq!(data_of(&event)["payment_source"]["payment_method"], wire);
    }
    assert!(PaymentMethod::from("sepa_debit").is_unknown());
}

#[test]
fn backend_api_billing_fields_are_read_where_they_belong() {
    let amount = json!({"amount": 2000, "amount_formatted": "20.00", "currency": "USD", "currency_symbol": "$"});
    let event = parse(
        "subscription.active",
        json!({
            "id": "csub_2",
            "eligible_for_free_trial": true,
            "next_payment": {"amount": amount, "date": 1_719_561_600_000i64},
            "payer": {"id": "cpayer_1", "credits_balance": amount},
            "items": [{
                "id": "csub_item_2",
                "next_payment": {"amount": amount, "date": 1_719_561_600_000i64},
                "totals": {"subtotal": amount, "tax_total": {"amount": 0}, "grand_total": amount},
                "lifetime_paid": amount
            }]
        }),
    );
    let sub = as_subscription(&event);
    assert_eq!(sub.eligible_for_free_trial, Some(true));
    let next = sub.next_payment.as_ref().unwrap();
    assert_eq!(next.amount.amount, 2000);
    assert_eq!(next.date.as_millis(), 1_719_561_600_000);
    let credits = sub
        .payer
        .as_ref()
        .unwrap()
        .credits_balance
        .as_ref()
        .unwrap();
    assert_eq!(credits.currency, "USD");
    let item = &sub.items[0];
    assert_eq!(
        item.next_payment.as_ref().unwrap().amount.amount_formatted,
        "20.00"
    );
    assert_eq!(item.totals.as_ref().unwrap().grand_total.amount, 2000);
    assert_eq!(item.lifetime_paid.as_ref().unwrap().minor_units(), 2000);
    assert_round_trips(&event);

    // Webhooks do not send them today: absent means `None`.
    let bare = parse(
        "subscription.active",
        json!({"id": "csub_3", "items": [{"id": "i"}]}),
    );
    let sub = as_subscription(&bare);
    assert_eq!(sub.eligible_for_free_trial, None);
    assert_eq!(sub.next_payment, None);
    assert_eq!(sub.items[0].totals, None);
    assert_eq!(sub.items[0].next_payment, None);
}

#[test]
fn billing_constructors_build_event_payloads() {
    let mut item = SubscriptionItem::new("csub_item_9");
    item.status = SubscriptionItemStatus::Active;
    let mut sub = Subscription::new("csub_9");
    sub.items.push(item.clone());
    let attempt = PaymentAttempt::new("pa_9");
    for event in [
        ClerkEvent::SubscriptionItemActive(Box::new(item)),
        ClerkEvent::SubscriptionCreated(Box::new(sub)),
        ClerkEvent::PaymentAttemptCreated(Box::new(attempt)),
    ] {
        assert!(data_of(&event)["id"].as_str().unwrap().ends_with("_9"));
        assert_round_trips(&event);
    }
}
