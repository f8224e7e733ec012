//! Splits shell text into commands and words the way `sh` would, keeping for every byte of a
//! word the source byte it came from.
//!
//! Quoting (`'..'`, `".."`), backslash escapes, `\`-newline continuations, comments, command
//! separators (`;`, `&&`, `||`, `|`, `&`, newline) and redirections are understood. Expansions
//! (`$X`, `${X}`, `$(..)`, backticks) are kept as written and flagged: their value is only known
//! when the script runs. One pass over the text, no backtracking; nothing here can panic.

use crate::source::{FileId, Span, Spanned};
use crate::template::has_placeholder;

/// One shell word after quote removal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    /// For each byte of `text`, the offset of the source byte it came from, plus one final
    /// entry for the end.
    offsets: Vec<usize>,
    pub file: FileId,
    /// True when some part of the word was quoted.
    pub quoted: bool,
    /// True when the word holds an unquoted or double-quoted expansion (`$X`, `` `..` ``).
    pub expansion: bool,
}

impl Word {
    /// The source bytes of the word's text: for a quoted word, the text inside the quotes.
    pub fn span(&self) -> Span {
        self.span_of(0, self.text.len())
    }

    /// The source span of `text[from..to]`.
    pub fn span_of(&self, from: usize, to: usize) -> Span {
        let start = self.offsets.get(from).copied().unwrap_or(0);
        let end = match to.checked_sub(1).filter(|_| to > from) {
            Some(last) => self.offsets.get(last).map_or(start, |o| o + 1),
            None => start,
        };
        Span::new(self.file, start, end.max(start))
    }

    /// The word cut down to `text[from..to]`, keeping the source offsets of what remains;
    /// `None` when the range is not on character boundaries.
    pub fn slice(&self, from: usize, to: usize) -> Option<Word> {
        let text = self.text.get(from..to)?.to_owned();
        let mut offsets = self.offsets.get(from..to)?.to_vec();
        offsets.push(
            offsets
                .last()
                .map_or(self.span_of(from, from).start as usize, |o| o + 1),
        );
        Some(Word {
            text,
            offsets,
            file: self.file,
            quoted: self.quoted,
            expansion: self.expansion,
        })
    }

    /// A word read from somewhere other than a shell command line (a YAML list item): byte for
    /// byte when the text and its span have the same length, otherwise every part of it points
    /// at the whole span.
    pub fn from_spanned(value: &Spanned<String>, expansion: bool) -> Word {
        let span = value.span;
        let len = value.value.len();
        let exact = span.len() == len;
        let mut offsets: Vec<usize> = (0..len)
            .map(|i| {
                if exact {
                    span.start as usize + i
                } else if i + 1 == len {
                    (span.end as usize)
                        .saturating_sub(1)
                        .max(span.start as usize)
                } else {
                    span.start as usize
                }
            })
            .collect();
        offsets.push(span.end as usize);
        Word {
            text: value.value.clone(),
            offsets,
            file: span.file,
            quoted: true,
            expansion,
        }
    }

    /// True when `text[from..to]` maps byte for byte onto contiguous source text.
    pub fn is_contiguous(&self, from: usize, to: usize) -> bool {
        let span = self.span_of(from, to);
        span.len() == to.saturating_sub(from)
    }
}

/// One simple command: the words between two separators.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Command {
    pub words: Vec<Word>,
    /// The file the command's output goes to (`> file`, `>> file`, `&> file`), the last one
    /// when several are given.
    pub output: Option<Word>,
    /// True when the output is appended to the file (`>> file`) rather than replacing it.
    pub appends: bool,
    /// True when a `|` sends the command's output to the next command.
    pub piped: bool,
    /// The here-document the command reads (`cat > f <<EOF`), when it has one.
    pub heredoc: Option<Heredoc>,
}

/// The body of a here-document: the lines between `<<EOF` and the `EOF` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    /// The body's source bytes, every line with its line end.
    pub body: Span,
    /// True for a quoted delimiter (`<<'EOF'`): the shell expands nothing in the body.
    pub literal: bool,
    /// True for `<<-`: the shell removes the tabs that start each line.
    pub strip_tabs: bool,
}

/// Splits `text[range]` (offsets relative to the whole file text) into commands.
pub fn split_commands(file: FileId, text: &str, range: std::ops::Range<usize>) -> Vec<Command> {
    lex(file, text, range, false)
}

/// Splits the lines of a systemd unit into commands: as in [`split_commands`], except that a
/// `;` separates commands only when it is a word of its own (systemd.service(5): "lone
/// semicolons"); `--resources=cpus:32;gpus:4` stays one word.
pub fn split_unit_commands(
    file: FileId,
    text: &str,
    range: std::ops::Range<usize>,
) -> Vec<Command> {
    lex(file, text, range, true)
}

fn lex(file: FileId, text: &str, range: std::ops::Range<usize>, unit: bool) -> Vec<Command> {
    let mut lexer = Lexer {
        file,
        commands: Vec::new(),
        current: Command::default(),
        word: None,
        skip_next_word: false,
        next_is_output: false,
        next_appends: false,
        heredoc: None,
    };
    let end = range.end.min(text.len());
    let start = range.start.min(end);
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    let mut chars = slice.char_indices().map(|(i, c)| (i + start, c)).peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            ' ' | '\t' | '\r' => lexer.end_word(),
            '\n' => {
                lexer.end_command();
                if let Some(pending) = lexer.heredoc.take() {
                    // The body of a here-document is data for the command, not commands.
                    let is_delimiter = |line: &str| {
                        let line = line.trim_end_matches('\r');
                        let line = if pending.strip_tabs {
                            line.trim_start_matches('\t')
                        } else {
                            line
                        };
                        line == pending.delimiter
                    };
                    let start = at + 1;
                    let mut line_start = start;
                    let mut line = String::new();
                    let mut body_end = None;
                    for (i, q) in chars.by_ref() {
                        if q != '\n' {
                            line.push(q);
                            continue;
                        }
                        if is_delimiter(&line) {
                            body_end = Some(line_start);
                            break;
                        }
                        line.clear();
                        line_start = i + 1;
                    }
                    // Without a delimiter line, the shell takes the rest of the text as the body.
                    let body_end =
                        body_end.unwrap_or(if is_delimiter(&line) { line_start } else { end });
                    if let Some(command) = lexer.commands.get_mut(pending.command) {
                        command.heredoc = Some(Heredoc {
                            body: Span::new(file, start, body_end.max(start)),
                            literal: pending.literal,
                            strip_tabs: pending.strip_tabs,
                        });
                    }
                }
            }
            '\\' => match chars.next() {
                Some((_, '\n')) => {}
                Some((e, escaped)) => {
                    lexer.push(e, escaped);
                }
                None => lexer.push(at, '\\'),
            },
            '#' if lexer.word.is_none() => {
                // A comment runs to the end of the line.
                while chars.next_if(|(_, c)| *c != '\n').is_some() {}
            }
            '\'' => {
                lexer.mark_quoted();
                for (i, q) in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    lexer.push(i, q);
                }
            }
            '"' => {
                lexer.mark_quoted();
                while let Some((i, q)) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => match chars.peek().copied() {
                            Some((_, '\n')) => {
                                chars.next();
                            }
                            Some((e, n @ ('$' | '`' | '"' | '\\'))) => {
                                chars.next();
                                lexer.push(e, n);
                            }
                            _ => lexer.push(i, '\\'),
                        },
                        '$' | '`' => {
                            lexer.mark_expansion();
                            lexer.push(i, q);
                        }
                        _ => lexer.push(i, q),
                    }
                }
            }
            '`' => {
                lexer.mark_expansion();
                lexer.push(at, c);
                for (i, q) in chars.by_ref() {
                    lexer.push(i, q);
                    if q == '`' {
                        break;
                    }
                }
            }
            '$' => {
                lexer.mark_expansion();
                lexer.push(at, c);
                let close = match chars.peek().map(|(_, n)| *n) {
                    Some('(') => Some((')', '(')),
                    Some('{') => Some(('}', '{')),
                    _ => None,
                };
                if let Some((close, open)) = close {
                    let mut depth = 0usize;
                    for (i, q) in chars.by_ref() {
                        lexer.push(i, q);
                        if q == open {
                            depth += 1;
                        } else if q == close {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                    }
                }
            }
            ';' if unit
                && (lexer.word.is_some()
                    || chars.peek().is_some_and(|(_, n)| !n.is_whitespace())) =>
            {
                lexer.push(at, c);
            }
            ';' | '|' => {
                let doubled = chars.next_if(|(_, n)| *n == c).is_some();
                lexer.current.piped = c == '|' && !doubled;
                lexer.end_command();
            }
            '&' => {
                if chars.next_if(|(_, n)| *n == '>').is_some() {
                    lexer.end_word();
                    lexer.next_appends = chars.next_if(|(_, n)| *n == '>').is_some();
                    lexer.skip_next_word = true;
                    lexer.next_is_output = true;
                } else {
                    chars.next_if(|(_, n)| *n == '&');
                    lexer.end_command();
                }
            }
            '>' | '<' => {
                // `2>&1`, `>> file`, `< file`: the word before may be a descriptor number and
                // the next word is the target; neither is an argument.
                if lexer
                    .word
                    .as_ref()
                    .is_some_and(|w| !w.quoted && w.text.bytes().all(|b| b.is_ascii_digit()))
                {
                    lexer.word = None;
                } else {
                    lexer.end_word();
                }
                let doubled = chars.next_if(|(_, n)| *n == c).is_some();
                if c == '<' && doubled && chars.next_if(|(_, n)| *n == '<').is_none() {
                    // `<<EOF`, `<<-'EOF'`: the here-document starts on the next line.
                    let strip_tabs = chars.next_if(|(_, n)| *n == '-').is_some();
                    while chars.next_if(|(_, n)| *n == ' ' || *n == '\t').is_some() {}
                    let mut delimiter = String::new();
                    let mut literal = false;
                    while let Some((_, n)) = chars.next_if(|(_, n)| {
                        !n.is_whitespace() && !matches!(n, ';' | '|' | '&' | '>' | '<' | ')')
                    }) {
                        if matches!(n, '\'' | '"' | '\\') {
                            literal = true;
                        } else {
                            delimiter.push(n);
                        }
                    }
                    if !delimiter.is_empty() {
                        lexer.heredoc = Some(PendingHeredoc {
                            delimiter,
                            strip_tabs,
                            literal,
                            // The command this line is part of: pushed next.
                            command: lexer.commands.len(),
                        });
                    }
                    continue;
                }
                if chars.next_if(|(_, n)| *n == '&').is_some() {
                    while chars
                        .next_if(|(_, n)| n.is_ascii_digit() || *n == '-')
                        .is_some()
                    {}
                } else {
                    lexer.skip_next_word = true;
                    lexer.next_is_output = c == '>';
                    lexer.next_appends = c == '>' && doubled;
                }
            }
            _ => lexer.push(at, c),
        }
    }
    lexer.end_command();
    lexer.commands
}

/// A file a script writes: `echo 2 > f`, `printf '%s\n' "$X" | sudo tee f`,
/// `cat > f <<EOF`, `cat <<EOF | envsubst > f`.
#[derive(Debug)]
pub struct Write<'a> {
    /// The position of the writing command among the script's commands.
    pub command: usize,
    /// Where the content goes, as written (`/etc/mesos-master/quorum`, `$ROOT/zoo.cfg`).
    pub path: &'a Word,
    /// What is written: `echo`'s arguments without the line end, or a here-document's body
    /// with every line end (and, for `<<-`, the tabs that start its lines in the source).
    pub content: Spanned<String>,
    /// True when the content holds an expansion or a template placeholder.
    pub unknown: bool,
    /// True when the content is a here-document.
    pub heredoc: bool,
    /// True when the command appends the content (`>>`, `tee -a`).
    pub appends: bool,
    /// True when a later command appends to the file (see [`last_writes`]).
    pub appended: bool,
}

/// Every file the commands write with `echo`, `printf` or `cat` of a here-document, in order.
pub fn written_files<'a>(commands: &'a [Command], text: &str) -> Vec<Write<'a>> {
    let mut writes = Vec::new();
    for (i, command) in commands.iter().enumerate() {
        let Some((content, unknown, heredoc)) = written_content(command, text) else {
            continue;
        };
        // `tee f <<EOF` (its own output, often `> /dev/null`, is a copy).
        let target = teed(without_sudo(&command.words)).or_else(|| match &command.output {
            Some(output) => Some((output, command.appends)),
            None if command.piped => commands.get(i + 1).and_then(piped_target),
            None => None,
        });
        if let Some((path, appends)) = target {
            writes.push(Write {
                command: i,
                path,
                content,
                unknown,
                heredoc,
                appends,
                appended: false,
            });
        }
    }
    writes
}

/// Of several writes of one path (the two branches of an `if`, a rewrite later on), the last
/// that replaces the file: what it holds once the script has run. Appends after it only mark
/// it [`Write::appended`]; a file only ever appended to holds its first append.
pub fn last_writes(writes: Vec<Write<'_>>) -> Vec<Write<'_>> {
    // Per path: the command of the write that counts, and whether an append followed it.
    let mut kept: std::collections::HashMap<&str, (usize, bool)> = std::collections::HashMap::new();
    for w in &writes {
        let path = w.path.text.as_str();
        match kept.get_mut(path) {
            Some(slot) if w.appends => slot.1 = true,
            Some(slot) => *slot = (w.command, false),
            None => {
                kept.insert(path, (w.command, false));
            }
        }
    }
    writes
        .into_iter()
        .filter_map(|mut w| {
            let (command, appended) = *kept.get(w.path.text.as_str())?;
            w.appended = appended;
            (command == w.command).then_some(w)
        })
        .collect()
}

/// What a command prints and whether it is unknown and a here-document: `echo`'s arguments,
/// `printf`'s single argument, or the body `cat` (or `tee`) reads.
fn written_content(command: &Command, text: &str) -> Option<(Spanned<String>, bool, bool)> {
    let words = without_sudo(&command.words);
    let program = words.first()?.text.as_str();
    if let Some(heredoc) = &command.heredoc {
        let cat = program == "cat" && words.len() == 1;
        if !cat && teed(words).is_none() {
            return None;
        }
        let body = text.get(heredoc.body.range())?;
        let content = if heredoc.strip_tabs {
            body.split_inclusive('\n')
                .map(|l| l.trim_start_matches('\t'))
                .collect()
        } else {
            body.to_owned()
        };
        let unknown = has_placeholder(&content);
        return Some((Spanned::new(content, heredoc.body), unknown, true));
    }
    let (value, unknown) = printed(words)?;
    Some((value, unknown, false))
}

/// The file the command on the receiving end of a pipe writes, and whether it appends:
/// `tee f`, `tee -a f`, `envsubst > f`.
fn piped_target(next: &Command) -> Option<(&Word, bool)> {
    let words = without_sudo(&next.words);
    match words.first()?.text.as_str() {
        "tee" => teed(words),
        "envsubst" if words.len() == 1 => next.output.as_ref().map(|o| (o, next.appends)),
        _ => None,
    }
}

/// The file `tee` writes and whether it appends: `tee /etc/mesos-master/quorum`, `tee -a file`.
fn teed(words: &[Word]) -> Option<(&Word, bool)> {
    let (first, args) = words.split_first()?;
    if first.text != "tee" {
        return None;
    }
    match args {
        [file] => Some((file, false)),
        [option, file] if option.text == "-a" => Some((file, true)),
        _ => None,
    }
}

fn without_sudo(words: &[Word]) -> &[Word] {
    match words.first() {
        Some(w) if w.text == "sudo" => &words[1..],
        _ => words,
    }
}

/// What `echo` or `printf` writes, without its line end, and whether it holds an expansion:
/// `echo`'s arguments joined by spaces (`-n` and `-e` left out), `printf`'s single argument
/// without `%` (`printf 2`) or the argument of `printf '%s\n' x`. `None` for another command or
/// another `printf` format.
fn printed(words: &[Word]) -> Option<(Spanned<String>, bool)> {
    let (first, args) = words.split_first()?;
    let args: Vec<&Word> = match first.text.as_str() {
        "echo" => args
            .iter()
            .skip_while(|w| {
                !w.quoted && matches!(w.text.as_str(), "-n" | "-e" | "-E" | "-ne" | "-en")
            })
            .collect(),
        "printf" => match args {
            [only] if !only.text.contains(['%', '\\']) => vec![only],
            [format, value] if matches!(format.text.as_str(), "%s" | "%s\\n") => vec![value],
            _ => return None,
        },
        _ => return None,
    };
    let (head, tail) = (args.first()?, args.last()?);
    let text: Vec<&str> = args.iter().map(|w| w.text.as_str()).collect();
    let text = text.join(" ");
    let unknown = args.iter().any(|w| w.expansion) || has_placeholder(&text);
    Some((Spanned::new(text, head.span().cover(tail.span())), unknown))
}

struct Lexer {
    file: FileId,
    commands: Vec<Command>,
    current: Command,
    word: Option<Word>,
    skip_next_word: bool,
    /// True when the word `skip_next_word` skips is where output goes.
    next_is_output: bool,
    /// True when that output is appended to (`>>`).
    next_appends: bool,
    /// A here-document whose body starts after the current line.
    heredoc: Option<PendingHeredoc>,
}

struct PendingHeredoc {
    delimiter: String,
    strip_tabs: bool,
    literal: bool,
    /// The index the command that reads it has in `Lexer::commands`.
    command: usize,
}

impl Lexer {
    fn word(&mut self) -> &mut Word {
        let file = self.file;
        self.word.get_or_insert_with(|| Word {
            text: String::new(),
            offsets: Vec::new(),
            file,
            quoted: false,
            expansion: false,
        })
    }

    fn push(&mut self, at: usize, c: char) {
        let word = self.word();
        for i in 0..c.len_utf8() {
            word.offsets.push(at + i);
        }
        word.text.push(c);
    }

    fn mark_quoted(&mut self) {
        self.word().quoted = true;
    }

    fn mark_expansion(&mut self) {
        self.word().expansion = true;
    }

    fn end_word(&mut self) {
        if let Some(mut word) = self.word.take() {
            let end = word.offsets.last().map_or(0, |o| o + 1);
            word.offsets.push(end);
            if self.skip_next_word {
                self.skip_next_word = false;
                if std::mem::take(&mut self.next_is_output) {
                    self.current.output = Some(word);
                    self.current.appends = std::mem::take(&mut self.next_appends);
                }
                return;
            }
            self.current.words.push(word);
        }
    }

    fn end_command(&mut self) {
        self.end_word();
        self.skip_next_word = false;
        self.next_is_output = false;
        if !self.current.words.is_empty() {
            self.commands.push(std::mem::take(&mut self.current));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;
    use proptest::prelude::*;

    fn split(text: &str) -> (Vec<Vec<String>>, Vec<Command>) {
        let mut map = SourceMap::new();
        let file = map.add("s", text.as_bytes());
        let commands = split_commands(file, text, 0..text.len());
        let words = commands
            .iter()
            .map(|c| c.words.iter().map(|w| w.text.clone()).collect())
            .collect();
        (words, commands)
    }

    #[test]
    fn output_redirections_are_kept() {
        let text = "echo 1 > /etc/a\necho 2 >>b 2>&1\ncat < in\nrun &> log\n";
        let mut map = SourceMap::new();
        let file = map.add("s.sh", text.as_bytes());
        let outputs: Vec<Option<String>> = split_commands(file, text, 0..text.len())
            .into_iter()
            .map(|c| c.output.map(|w| w.text))
            .collect();
        assert_eq!(
            outputs,
            [
                Some("/etc/a".to_owned()),
                Some("b".to_owned()),
                None,
                Some("log".to_owned())
            ]
        );
    }

    #[test]
    fn writes_with_echo_printf_and_here_documents() {
        let text = "cat > /etc/zk/zoo.cfg <<EOF\ntickTime=2000\nEOF\n\
                    cat <<'END' | envsubst > /etc/mesos/zk\nzk://$H:2181/m\nEND\n\
                    \tcat <<-X | sudo tee /etc/mesos-master/quorum\n\t2\n\tX\n\
                    cat <<EOF\nprinted only\nEOF\ncat -n <<EOF > /tmp/numbered\nx\nEOF\n\
                    echo 1 > /var/zk/myid\nprintf '%d' 4 > /tmp/port\ncat > /tmp/open <<E\nrest";
        let mut map = SourceMap::new();
        let file = map.add("s", text.as_bytes());
        let commands = split_commands(file, text, 0..text.len());
        let written = written_files(&commands, text);
        let writes: Vec<(&str, &str, bool, bool)> = written
            .iter()
            .map(|w| {
                (
                    w.path.text.as_str(),
                    w.content.value.as_str(),
                    w.unknown,
                    w.heredoc,
                )
            })
            .collect();
        assert_eq!(
            writes,
            [
                ("/etc/zk/zoo.cfg", "tickTime=2000\n", false, true),
                ("/etc/mesos/zk", "zk://$H:2181/m\n", true, true),
                ("/etc/mesos-master/quorum", "2\n", false, true),
                ("/var/zk/myid", "1", false, false),
                ("/tmp/open", "rest", false, true),
            ]
        );
        assert_eq!(&text[written[0].content.span.range()], "tickTime=2000\n");
        assert_eq!(&text[written[2].content.span.range()], "\t2\n");
        // The commands after a body are still commands.
        assert!(commands.iter().any(|c| c.words[0].text == "echo"));
    }

    #[test]
    fn the_last_write_counts_and_appends_mark_it() {
        let text = "echo 1 > a\necho 2 > a\necho 3 >> a\necho x | tee -a b\necho y &>> b\n\
                    tee c <<E\nz\nE\nsudo tee -a d > /dev/null <<E\nw\nE\n";
        let mut map = SourceMap::new();
        let file = map.add("s", text.as_bytes());
        let commands = split_commands(file, text, 0..text.len());
        let writes = last_writes(written_files(&commands, text));
        let kept: Vec<(&str, &str, bool)> = writes
            .iter()
            .map(|w| (w.path.text.as_str(), w.content.value.as_str(), w.appended))
            .collect();
        assert_eq!(
            kept,
            [
                ("a", "2", true),
                ("b", "x", true),
                ("c", "z\n", false),
                ("d", "w\n", false)
            ]
        );
    }

    #[test]
    fn words_and_commands() {
        let cases: &[(&str, &[&[&str]])] = &[
            ("a b  c", &[&["a", "b", "c"]]),
            ("a 'b c' \"d e\"", &[&["a", "b c", "d e"]]),
            ("a \\\n  b", &[&["a", "b"]]),
            (
                "a; b && c || d | e & f",
                &[&["a"], &["b"], &["c"], &["d"], &["e"], &["f"]],
            ),
            ("a # comment 'x\nb", &[&["a"], &["b"]]),
            ("cat > f <<EOF\nMESOS_IP=1\nEOF\nb", &[&["cat"], &["b"]]),
            (
                "cat <<-'END' | tee f\n\tmesos-master --quorum=1\n\tEND\nc",
                &[&["cat"], &["tee", "f"], &["c"]],
            ),
            ("a <<< x\nb", &[&["a"], &["b"]]),
            ("a#b", &[&["a#b"]]),
            (
                "x=\"$(cat /etc/mesos/zk)\" y",
                &[&["x=$(cat /etc/mesos/zk)", "y"]],
            ),
            ("ZK=`cat /etc/mesos/zk`", &[&["ZK=`cat /etc/mesos/zk`"]]),
            ("a > /dev/null 2>&1 b", &[&["a", "b"]]),
            ("a >>log b", &[&["a", "b"]]),
            ("a \\$x \"\\\"q\"", &[&["a", "$x", "\"q"]]),
            ("a 'unterminated", &[&["a", "unterminated"]]),
            ("--opt=\"a b\"c", &[&["--opt=a bc"]]),
        ];
        for (text, want) in cases {
            let (got, _) = split(text);
            assert_eq!(&got, want, "{text:?}");
        }
    }

    #[test]
    fn unit_lines_split_at_lone_semicolons_only() {
        let text = "ExecStart=/usr/sbin/mesos-agent --resources=cpus:32;gpus:4 ; /bin/true\nX=a;";
        let mut map = SourceMap::new();
        let file = map.add("u", text.as_bytes());
        let words: Vec<Vec<String>> = split_unit_commands(file, text, 0..text.len())
            .iter()
            .map(|c| c.words.iter().map(|w| w.text.clone()).collect())
            .collect();
        assert_eq!(
            words,
            [
                vec![
                    "ExecStart=/usr/sbin/mesos-agent",
                    "--resources=cpus:32;gpus:4"
                ],
                vec!["/bin/true"],
                vec!["X=a;"],
            ]
        );
        // A shell script still ends the command at every `;`.
        let (shell, _) = split("a --r=cpus:1;gpus:4");
        assert_eq!(shell, [vec!["a", "--r=cpus:1"], vec!["gpus:4"]]);
    }

    #[test]
    fn spans_point_at_source_bytes() {
        let text = "run --zk=\"zk://a:2181/m\" \\\n  --ip=";
        let (_, commands) = split(text);
        let words = &commands[0].words;
        assert_eq!(&text[words[1].span().range()], "--zk=\"zk://a:2181/m");
        let value = words[1].span_of(5, words[1].text.len());
        assert_eq!(&text[value.range()], "zk://a:2181/m");
        assert!(words[1].is_contiguous(5, words[1].text.len()));
        assert_eq!(&text[words[2].span().range()], "--ip=");
        let empty = words[2].span_of(5, 5);
        assert_eq!(empty.start as usize, text.len());
        assert!(empty.is_empty());
    }

    #[test]
    fn slices_keep_their_spans() {
        let text = "x [\"--zk=a\",";
        let (_, commands) = split(text);
        let word = &commands[0].words[1];
        let inner = word.slice(1, word.text.len() - 1).expect("slice");
        assert_eq!(inner.text, "--zk=a");
        assert_eq!(&text[inner.span().range()], "--zk=a");
        assert!(word.slice(0, 99).is_none());
    }

    #[test]
    fn expansions_are_flagged() {
        let (_, commands) = split("a $X '$Y' \"${Z}\"");
        let flags: Vec<_> = commands[0].words.iter().map(|w| w.expansion).collect();
        assert_eq!(flags, vec![false, true, false, true]);
    }

    proptest! {
        #[test]
        fn never_panics_and_spans_stay_inside(s in "\\PC*") {
            let (_, commands) = split(&s);
            for w in commands.iter().flat_map(|c| &c.words) {
                prop_assert!(w.span().end as usize <= s.len());
                let _ = w.span_of(0, w.text.len() + 5);
            }
        }

        #[test]
        fn never_panics_on_bytes(b in proptest::collection::vec(any::<u8>(), 0..200)) {
            let (s, _) = crate::source::decode(&b);
            let _ = split(&s);
        }
    }
}
