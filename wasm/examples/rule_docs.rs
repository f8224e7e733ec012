//! Prints `rules.json`, the page's asset holding every rule's full documentation: an object
//! from rule code to the Markdown `meslint explain` prints. The module itself carries only
//! each rule's summary, to stay small; `scripts/build-wasm.sh` runs this natively:
//! `cargo run -p meslint-wasm --features rule-docs --example rule_docs > rules.json`.

use meslint_core::rules;

fn main() {
    let docs: serde_json::Map<String, serde_json::Value> = rules::ALL
        .iter()
        .map(|rule| {
            (
                rule.code.to_owned(),
                rules::docs::rule_markdown(rule).into(),
            )
        })
        .collect();
    println!("{}", serde_json::Value::Object(docs));
}
