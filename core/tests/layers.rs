//! The layers of the core, read from its source: a module names only the layers below its own,
//! so that each can be read (and split out) on its own and no import circle forms.
//!
//! The picture, lowest first; a layer may use anything on a lower line:
//!
//! ```text
//! version  template  net  secrets     releases, placeholders, addresses, secret-looking values;
//! sort                                stable sorting and sorted collecting with little code
//! source                              files, spans, the text as the daemons read it
//! diagnostic  catalog                 what users see; what the daemons accept
//! project  layout                     meslint.toml; what a file is from its path and text
//! settings                            the settings of one run
//! model                               the typed cluster; parses nothing itself
//! parse                               text to model; knows no rule
//! assemble  clusters                  classified files to one Cluster; which files are one cluster
//! rules                               the model to findings; the one stamping point
//! report  policy                      what a run hands back; which diagnostics it reports
//! render                              a Report to text or JSON
//! lib                                 `lint`: the pipeline
//! ```
//!
//! The model and the rules name no parser: values are parsed once, when the model is built.
//! Test code (`#[cfg(test)]` modules) is exempt: a parser's test may run the rules, a rule's
//! test may parse its input.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module with its height; names of equal height must not use each other.
const LAYERS: &[(&str, u8)] = &[
    ("version", 0),
    ("template", 0),
    ("net", 0),
    ("secrets", 0),
    ("sort", 0),
    ("source", 1),
    ("diagnostic", 2),
    ("catalog", 2),
    ("project", 3),
    ("layout", 3),
    ("settings", 4),
    ("model", 5),
    ("parse", 6),
    ("assemble", 7),
    ("clusters", 7),
    ("rules", 8),
    ("report", 9),
    ("policy", 9),
    ("render", 10),
    ("lib", 11),
];

fn height(module: &str) -> u8 {
    LAYERS
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(_, h)| *h)
        .unwrap_or_else(|| panic!("`{module}` is not in the layer picture of tests/layers.rs"))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("core/src is readable")
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file: `parse/zk_url.rs` is `["parse", "zk_url"]`, `lib.rs` is `["lib"]`.
fn module_path(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).expect("under core/src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") && parts.len() > 1 {
        parts.pop();
    }
    parts
}

/// The text of a file without its `#[cfg(test)]` modules, and the names of the test-only
/// module files it declares (`#[cfg(test)] mod tests;`).
fn production_code(text: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut test_files = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]"
            && let Some(next) = lines.peek()
        {
            let item = next.trim_start();
            let indent = next.len() - item.len();
            let item = item.strip_prefix("pub(crate) ").unwrap_or(item);
            if let Some(name) = item.strip_prefix("mod ") {
                if let Some(name) = name.strip_suffix(';') {
                    test_files.push(name.to_owned());
                    lines.next();
                    continue;
                }
                // Skip the module body: up to the `}` at the module's own indentation.
                let closing = format!("{}}}", " ".repeat(indent));
                for body in lines.by_ref() {
                    if body == closing {
                        break;
                    }
                }
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    (out, test_files)
}

/// The modules a text names as `crate::<module>` (or `crate::{...}`, which is the root).
fn named_modules(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        if at > 0 && text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue; // `meslint_crate::` or similar
        }
        let rest = &text[at + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_uppercase()) {
            // `crate::{..}` or `crate::Finding`: items re-exported by the root.
            names.insert("lib".to_owned());
        } else {
            names.insert(name);
        }
    }
    // A file at the root (lib.rs) names modules without `crate::`.
    names
}

struct SourceTree {
    /// Production code of each file, by module path.
    files: BTreeMap<Vec<String>, String>,
}

fn source_tree() -> SourceTree {
    let mut paths = Vec::new();
    rust_files(&src(), &mut paths);
    let mut files = BTreeMap::new();
    let mut test_only: BTreeSet<Vec<String>> = BTreeSet::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("source is UTF-8");
        let module = module_path(path);
        let (code, tests) = production_code(&text);
        for name in tests {
            let mut child = if module == ["lib"] {
                Vec::new()
            } else {
                module.clone()
            };
            child.push(name);
            test_only.insert(child);
        }
        files.insert(module, code);
    }
    files.retain(|module, _| !test_only.contains(module));
    SourceTree { files }
}

#[test]
fn lower_layers_never_name_higher_ones() {
    let tree = source_tree();
    let mut wrong = Vec::new();
    for (module, code) in &tree.files {
        let own = &module[0];
        let own_height = height(own);
        for named in named_modules(code) {
            if &named == own {
                continue;
            }
            let named_height = height(&named);
            if named_height >= own_height {
                wrong.push(format!(
                    "{} (layer {own_height}) names crate::{named} (layer {named_height})",
                    module.join("/")
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "layer violations:\n{}", wrong.join("\n"));
}

#[test]
fn the_model_and_the_rules_call_no_parser_and_the_diagnostic_knows_no_rule() {
    let tree = source_tree();
    for (module, code) in &tree.files {
        if module[0] == "model" || module[0] == "diagnostic" {
            for higher in ["crate::parse", "crate::rules", "crate::assemble"] {
                assert!(
                    !code.contains(higher),
                    "{} names {higher}",
                    module.join("/")
                );
            }
        }
        if module[0] == "parse" {
            assert!(
                !code.contains("crate::rules"),
                "{} names a rule",
                module.join("/")
            );
        }
        // Rules read values the model keeps typed; they never parse text themselves.
        if module[0] == "rules" {
            assert!(
                !code.contains("crate::parse"),
                "{} names crate::parse: read the typed value from the model instead",
                module.join("/")
            );
        }
    }
}

/// Within one layer the files may use each other, but never in a circle.
#[test]
fn no_import_circles_between_files() {
    let tree = source_tree();
    let modules: BTreeSet<&Vec<String>> = tree.files.keys().collect();
    let mut edges: BTreeMap<&Vec<String>, BTreeSet<&Vec<String>>> = BTreeMap::new();
    for (module, code) in &tree.files {
        let targets = edges.entry(module).or_default();
        for (at, _) in code.match_indices("crate::") {
            let path: Vec<String> = code[at + "crate::".len()..]
                .split("::")
                .map(|p| {
                    p.chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect::<String>()
                })
                .take_while(|p| !p.is_empty() && p.starts_with(|c: char| c.is_ascii_lowercase()))
                .collect();
            // The longest prefix that is a file of its own.
            if let Some(target) = (1..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find_map(|p| modules.get(&p).copied())
                && target != module
                && !module.starts_with(target)
                && !target.starts_with(module)
            {
                targets.insert(target);
            }
        }
    }
    // Depth-first search for a back edge.
    fn visit<'a>(
        node: &'a Vec<String>,
        edges: &BTreeMap<&'a Vec<String>, BTreeSet<&'a Vec<String>>>,
        state: &mut BTreeMap<&'a Vec<String>, bool>,
        stack: &mut Vec<&'a Vec<String>>,
    ) -> Option<Vec<String>> {
        match state.get(node) {
            Some(true) => return None,
            Some(false) => {
                let from = stack.iter().position(|n| *n == node).unwrap_or(0);
                let mut circle: Vec<String> = stack[from..].iter().map(|n| n.join("/")).collect();
                circle.push(node.join("/"));
                return Some(circle);
            }
            None => {}
        }
        state.insert(node, false);
        stack.push(node);
        for next in edges.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, state, stack) {
                return Some(circle);
            }
        }
        stack.pop();
        state.insert(node, true);
        None
    }
    let mut state = BTreeMap::new();
    for module in edges.keys() {
        let mut stack = Vec::new();
        if let Some(circle) = visit(module, &edges, &mut state, &mut stack) {
            panic!("import circle: {}", circle.join(" -> "));
        }
    }
}
