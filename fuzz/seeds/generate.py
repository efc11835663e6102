#!/usr/bin/env python3
"""Regenerates the JSON seed corpora of the `parse` and `roundtrip` fuzz targets.

Each fixture in tests/fixtures/events/ is written minified (the committed seeds must stay
small), and a handful of hand-written edge cases are added. The `verify` and `secret` seeds
are binary `arbitrary` inputs: hand-written ones for the published signature vectors
(`vector-*`, `secret-*`) plus a corpus minimized from earlier fuzzing runs; this script does
not touch them.

Run from anywhere: python3 fuzz/seeds/generate.py
"""
import glob
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

EDGE_CASES = {
    "edge-unknown-type": '{"type":"foo.bar","object":"event","data":{"x":[1,2.5,null,true,"s",{}]}}',
    "edge-data-first": '{"data":{"object":"role","id":"role_1","deleted":true},"object":"event","type":"role.deleted"}',
    "edge-envelope": '{"type":"user.created","timestamp":1744276393644,"instance_id":"ins_1",'
    '"event_attributes":{"http_request":{"client_ip":"","user_agent":null}},"data":{"id":"user_1"}}',
    "edge-nulls": '{"type":"session.created","data":{"id":"sess_1","status":null,"user_id":null,"actor":null}}',
    "edge-floats": '{"type":"x.y","data":{"f":1.7976931348623157e308,"g":5e-324,"h":-0.0,"i":0.1,"j":18446744073709551615,"k":-9223372036854775808}}',
    "edge-nesting": '{"type":"x.y","data":[[[[[[[[[[[[[[[[{"a":[[[[[[[[]]]]]]]]}]]]]]]]]]]]]]]]]}',
    "edge-metadata": '{"type":"user.updated","data":{"id":"u","public_metadata":{"a":{"b":[1,{"c":2}]}},'
    '"private_metadata":null,"unsafe_metadata":{}}}',
    "edge-bad-field": '{"type":"role.created","data":{"id":"role_1","created_at":"not a number"}}',
    "edge-escapes": '{"type":"sms.created","data":{"id":"sms_\\u0000\\ud83d\\ude00","message":"\\"\\\\\\/\\b\\f\\n\\r\\t"}}',
}


def main():
    fixtures = sorted(glob.glob(os.path.join(ROOT, "tests/fixtures/events/*.json")))
    for target in ("parse", "roundtrip"):
        out = os.path.join(HERE, target)
        os.makedirs(out, exist_ok=True)
        for path in fixtures:
            with open(path, encoding="utf-8") as f:
                body = json.load(f)
            name = "fixture-" + os.path.basename(path)
            with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                f.write(json.dumps(body, separators=(",", ":"), ensure_ascii=False))
        for name, body in EDGE_CASES.items():
            json.loads(body)  # every edge case is valid JSON
            with open(os.path.join(out, name + ".json"), "w", encoding="utf-8") as f:
                f.write(body)


if __name__ == "__main__":
    main()
