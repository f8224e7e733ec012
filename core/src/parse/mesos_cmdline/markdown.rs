//! Markdown: the fenced code blocks and inline code spans worth reading as shell.

/// The byte ranges worth reading as shell, each with whether it may show part of a command
/// only: the whole file, or for prose (Markdown, reStructuredText) its command blocks alone:
/// fenced blocks, and blocks indented after a blank line or after a line ending in `::`.
/// Prose that merely mentions `mesos-master`, in inline code or not, is not a command.
pub(crate) fn regions(text: &str) -> Vec<(std::ops::Range<usize>, bool)> {
    let is_fence = |l: &str| {
        let t = l.trim_start();
        t.starts_with("```") || t.starts_with("~~~")
    };
    // Fences, list items that open with inline code, and reStructuredText literal blocks mark
    // prose; a shell script has none of them.
    let is_prose = text.lines().any(|l| {
        let t = l.trim_start();
        is_fence(l)
            || t.starts_with("* `")
            || t.starts_with("- `")
            || t.starts_with(".. code")
            || (t.ends_with("::") && !t.starts_with('#') && !t.contains('=') && t.len() > 2)
    });
    if !is_prose {
        return vec![(0..text.len(), false)];
    }
    let is_indented = |l: &str| l.starts_with("    ") || l.starts_with('\t');
    let mut out = Vec::new();
    let mut offset = 0;
    let mut fence_start: Option<usize> = None;
    let mut block_start: Option<usize> = None;
    // Whether the last non-indented line lets an indented block start (blank, or `::`).
    let mut opens_block = true;
    // Whether the last non-blank, non-indented line opened a reStructuredText literal block
    // (`Run::`, `.. code-block:: bash`), whose lines may be indented by any amount (three
    // spaces, as Sphinx documents usually have them).
    let mut opens_literal = false;
    let mut in_literal = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let literal_line = (opens_literal || in_literal) && line.starts_with([' ', '\t']);
        if fence_start.is_none() && (is_indented(line) || literal_line) && !line.trim().is_empty() {
            if block_start.is_none() && (opens_block || opens_literal) {
                block_start = Some(start);
                in_literal = opens_literal;
            }
            continue;
        }
        if line.trim().is_empty() && block_start.is_some() {
            continue;
        }
        if let Some(s) = block_start.take() {
            out.push((s..start, false));
        }
        in_literal = false;
        if is_fence(line) {
            match fence_start.take() {
                Some(s) => out.push((s..start, false)),
                None => fence_start = Some(offset),
            }
            opens_block = false;
            opens_literal = false;
            continue;
        }
        if fence_start.is_none() {
            let t = line.trim();
            opens_block = t.is_empty() || t.ends_with("::") || t.starts_with(".. code");
            if !t.is_empty() {
                opens_literal = t.ends_with("::") || t.starts_with(".. code");
            }
            if let Some(code) = command_line_in_code(line) {
                out.push((start + code.start..start + code.end, true));
            }
        }
    }
    if let Some(s) = block_start {
        out.push((s..text.len(), false));
    }
    if let Some(s) = fence_start {
        out.push((s..text.len(), false));
    }
    out
}

/// A prose line that is nothing but one inline code span, possibly as a list item
/// (`* \`mesos-master --quorum=2\``): a command shown on its own line, as guides list their
/// steps. The range is the code inside the backticks.
pub(super) fn command_line_in_code(line: &str) -> Option<std::ops::Range<usize>> {
    let body = line.trim_end();
    let indent = body.len() - body.trim_start().len();
    let t = body.trim_start();
    let marker = ["* ", "- ", "+ "]
        .iter()
        .find(|m| t.starts_with(**m))
        .map_or(0, |m| m.len());
    let code = &t[marker..];
    let inner = code.strip_prefix('`')?.strip_suffix('`')?;
    if inner.is_empty() || inner.contains('`') {
        return None;
    }
    let from = indent + marker + 1;
    Some(from..from + inner.len())
}
