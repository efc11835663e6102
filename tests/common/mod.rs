//! Helpers shared by the integration tests (each test binary uses a subset).
#![allow(dead_code)]

use serde_json::Value;
use std::collections::BTreeMap;

/// The non-null leaves of a JSON value, keyed by their path (`data.a[0].b`), below `root`.
pub fn leaves(value: &Value, root: &str) -> BTreeMap<String, Value> {
    fn walk(value: &Value, path: String, out: &mut BTreeMap<String, Value>) {
        match value {
            Value::Null => {}
            Value::Object(map) => {
                for (k, v) in map {
                    walk(v, format!("{path}.{k}"), out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, format!("{path}[{i}]"), out);
                }
            }
            leaf => {
                out.insert(path, leaf.clone());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(value, root.to_owned(), &mut out);
    out
}

/// The paths of the non-null leaves of `input` that are missing, or changed, in `output`.
pub fn lost_leaves(input: &Value, output: &Value) -> Vec<String> {
    let after = leaves(output, "");
    leaves(input, "")
        .into_iter()
        .filter(|(path, value)| after.get(path) != Some(value))
        .map(|(path, _)| path)
        .collect()
}
