//! meslint for JavaScript: the core compiled to WebAssembly behind a small API, used by the
//! browser checker page (`wasm/www/`) and usable from node.
//!
//! This file only converts between JavaScript values and the plain Rust of [`check`]. Every
//! argument is checked before it reaches the core, and a malformed one becomes a JavaScript
//! exception: a panic would abort the whole module (wasm32 has no unwinding), so none may
//! happen here.

pub mod check;

use js_sys::{Array, Object, Reflect, Uint8Array};
use meslint_core::rules;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use check::{ContentIn, FileIn, InputError, Options};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** One file of the cluster; `path` is relative to the cluster directory (`zk1/zoo.cfg`). */
export interface FileInput {
  path: string;
  /** The file's text; give `bytes` instead to keep bytes that are not UTF-8. */
  text?: string;
  bytes?: Uint8Array;
  /** Why the file could not be read (it is then reported as ML001). */
  unreadable?: string;
  /** Why the file was found and not read (`not a file meslint reads`): only its name counts. */
  skipped?: string;
  /** Named on its own rather than found in the cluster directory (unknown files are reported). */
  explicit?: boolean;
}

export interface LintOptions {
  /** "3.4" to "3.9"; default: meslint.toml's, else 3.8. */
  zookeeperVersion?: string;
  /** "1.0" to "1.11"; default: meslint.toml's, else 1.11. */
  mesosVersion?: string;
  /** Keep only these rules: codes, code prefixes ("ZK", "CX1") or rule names. */
  select?: string[];
  /** Drop these rules: codes, code prefixes or rule names. */
  ignore?: string[];
}

export type Severity = "error" | "warning" | "info";

export interface Label {
  file: string;
  /** 1-based; columns count characters. */
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  message: string;
  primary: boolean;
  /** Offsets into the file's text in UTF-16 code units, as JavaScript strings count. */
  utf16_start: number;
  utf16_end: number;
}

export interface Diagnostic {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  help: string | null;
  labels: Label[];
}

/** The document `meslint --format json` prints, plus the UTF-16 offsets of every label. */
export interface LintReport {
  version: string;
  diagnostics: Diagnostic[];
  summary: {
    files: number; checked: number; no_settings: number; skipped: number;
    errors: number; warnings: number; infos: number;
  };
  /** Every file handed over and not read, with the reason. */
  skipped: { path: string; reason: string }[];
}

export interface RuleInfo {
  code: string;
  name: string;
  severity: Severity;
  summary: string;
  applies_to: string;
}

/** A file's text with its secrets masked, or null when meslint does not read the file. */
export interface MaskedFile {
  path: string;
  text: string | null;
}
"#;

/// Lints the files as one cluster and returns the JSON report.
#[wasm_bindgen(unchecked_return_type = "LintReport")]
pub fn lint(
    #[wasm_bindgen(unchecked_param_type = "FileInput[]")] files: JsValue,
    #[wasm_bindgen(unchecked_param_type = "LintOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let files = files_from_js(&files)?;
    let options = options_from_js(&options)?;
    to_js(&check::json_report(&files, &options))
}

/// The human report: each diagnostic with its labels drawn under their source lines, and the
/// summary line `meslint` ends with. (The CLI draws the snippets with miette's boxes; the module
/// leaves that renderer out to stay small.)
#[wasm_bindgen(js_name = renderText)]
pub fn render_text(
    #[wasm_bindgen(unchecked_param_type = "FileInput[]")] files: JsValue,
    #[wasm_bindgen(unchecked_param_type = "LintOptions | undefined")] options: JsValue,
) -> Result<String, JsError> {
    let files = files_from_js(&files)?;
    let options = options_from_js(&options)?;
    Ok(check::text_report(&files, &options))
}

/// The files with every secret meslint finds masked: what a share link may hold.
#[wasm_bindgen(js_name = maskSecrets, unchecked_return_type = "MaskedFile[]")]
pub fn mask_secrets(
    #[wasm_bindgen(unchecked_param_type = "FileInput[]")] files: JsValue,
) -> Result<JsValue, JsError> {
    let files = files_from_js(&files)?;
    let masked: Vec<serde_json::Value> = check::masked(&files)
        .into_iter()
        .map(|(path, text)| serde_json::json!({ "path": path, "text": text }))
        .collect();
    to_js(&serde_json::Value::Array(masked))
}

/// Every rule meslint has, in registry order.
#[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
pub fn rules() -> Result<JsValue, JsError> {
    let list: Vec<serde_json::Value> = rules::ALL
        .iter()
        .map(|r| {
            serde_json::json!({
                "code": r.code,
                "name": r.name,
                "severity": r.severity,
                "summary": r.summary(),
                "applies_to": r.applies_to,
            })
        })
        .collect();
    to_js(&serde_json::Value::Array(list))
}

/// One rule's title, severity, releases and summary as Markdown (the start of what
/// `meslint explain` prints), by code or name. The full documentation is not in the module, to
/// keep it small: the page ships it as `rules.json` (code to Markdown).
#[wasm_bindgen]
pub fn explain(code: &str) -> Option<String> {
    rules::find(code.trim()).map(rules::docs::rule_markdown)
}

/// meslint's version, the same as the CLI's.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// True when the CLI would read a file of this name while walking a directory.
#[wasm_bindgen(js_name = isCandidate)]
pub fn is_candidate(path: &str) -> bool {
    check::normalize_path(path).is_ok_and(|p| meslint_core::layout::is_candidate(&p))
}

fn to_js(value: &serde_json::Value) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(&value.to_string()).map_err(|_| JsError::new("internal: invalid JSON"))
}

fn type_error(message: impl Into<String>) -> JsError {
    JsError::new(&message.into())
}

impl From<InputError> for JsError {
    fn from(error: InputError) -> Self {
        JsError::new(&error.0)
    }
}

fn files_from_js(files: &JsValue) -> Result<Vec<FileIn>, JsError> {
    if !Array::is_array(files) {
        return Err(type_error("files must be an array of {path, text}"));
    }
    let array: &Array = files.unchecked_ref();
    let mut out = Vec::with_capacity(array.length() as usize);
    for (i, file) in array.iter().enumerate() {
        out.push(file_from_js(&file).map_err(|e| type_error(format!("files[{i}]: {}", e.0)))?);
    }
    Ok(out)
}

fn file_from_js(file: &JsValue) -> Result<FileIn, InputError> {
    if !file.is_object() {
        return Err(InputError("must be an object {path, text}".to_owned()));
    }
    let object: &Object = file.unchecked_ref();
    let path = field(object, "path")?
        .as_string()
        .ok_or_else(|| InputError("`path` must be a string".to_owned()))?;
    let path = check::normalize_path(&path)?;
    let text = field(object, "text")?;
    let bytes = field(object, "bytes")?;
    let unreadable = field(object, "unreadable")?;
    let skipped = field(object, "skipped")?;
    let given = [&text, &bytes, &unreadable, &skipped]
        .iter()
        .filter(|v| !v.is_undefined() && !v.is_null())
        .count();
    if given != 1 {
        return Err(InputError(format!(
            "`{path}`: give exactly one of `text`, `bytes`, `unreadable` or `skipped`"
        )));
    }
    let content = if let Some(text) = text.as_string() {
        ContentIn::Bytes(text.into_bytes())
    } else if let Some(bytes) = bytes.dyn_ref::<Uint8Array>() {
        ContentIn::Bytes(bytes.to_vec())
    } else if let Some(why) = unreadable.as_string() {
        ContentIn::Unreadable(why)
    } else if let Some(why) = skipped.as_string() {
        ContentIn::Skipped(why)
    } else {
        return Err(InputError(format!(
            "`{path}`: `text`, `unreadable` and `skipped` must be strings, `bytes` a Uint8Array"
        )));
    };
    let explicit = field(object, "explicit")?;
    if !explicit.is_undefined() && explicit.as_bool().is_none() {
        return Err(InputError(format!(
            "`{path}`: `explicit` must be a boolean"
        )));
    }
    Ok(FileIn {
        path,
        content,
        explicit: explicit.as_bool().unwrap_or(false),
    })
}

fn options_from_js(options: &JsValue) -> Result<Options, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    if !options.is_object() {
        return Err(type_error("options must be an object"));
    }
    let object: &Object = options.unchecked_ref();
    let version = |key: &str| -> Result<Option<String>, InputError> {
        let value = field(object, key)?;
        if value.is_undefined() || value.is_null() {
            return Ok(None);
        }
        value
            .as_string()
            .filter(|v| !v.is_empty())
            .map(Some)
            .ok_or_else(|| InputError(format!("`{key}` must be a version string like \"3.8\"")))
    };
    let zookeeper = version("zookeeperVersion")?;
    let mesos = version("mesosVersion")?;
    let select = strings(object, "select")?;
    let ignore = strings(object, "ignore")?;
    Ok(Options::parse(
        zookeeper.as_deref(),
        mesos.as_deref(),
        select,
        ignore,
    )?)
}

fn strings(object: &Object, key: &str) -> Result<Vec<String>, InputError> {
    let value = field(object, key)?;
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let not_strings = || InputError(format!("`{key}` must be an array of strings"));
    if !Array::is_array(&value) {
        return Err(not_strings());
    }
    let array: &Array = value.unchecked_ref();
    array
        .iter()
        .map(|v| v.as_string().ok_or_else(not_strings))
        .collect()
}

/// `object[key]`; a getter that throws becomes an error, not a panic.
fn field(object: &Object, key: &str) -> Result<JsValue, InputError> {
    Reflect::get(object, &JsValue::from_str(key))
        .map_err(|_| InputError(format!("reading `{key}` threw")))
}
