//! Cutting a YAML model's text into its top-level list sections' items, so that a file that
//! does not read whole can be read an item at a time (see `recover`), and a long one on every
//! core (see `parallel`, which refuses more than the cut does).
//!
//! Why the cut is safe. Only block style is cut: a list section is a key at column 0 with
//! nothing after its `:`, and its items are the lines that start with `- ` (or are `-`) at the
//! column of its first item. In block YAML, a node's content is indented more than the line
//! that opens it, so such a line can only be the start of a new item of that list, or of a new
//! top-level key at column 0 — unless it is inside a multi-line value that ignores indentation:
//! a quoted scalar or a flow collection (`[`, `{`) left open on an earlier line, or a block
//! scalar (`|`, `>`), whose content is more indented than its first line. A small lexer follows
//! these across lines and no line inside one is a cut. What the lexer cannot follow is refused:
//! anchors, aliases and tags (an alias in one item refers to another), directives and document
//! markers, and a list section given twice. A lexer mistake can only merge items, never cut one
//! (an item of a list section is read as a list, so several items read as well as one), and each
//! piece is read by the YAML library itself, which has the last word on what it says.

/// The lists of a model, each a top-level key with items.
pub(super) const LISTS: &[&str] = &[
    "sources",
    "entities",
    "people",
    "stakes",
    "roles",
    "relations",
    "events",
];

/// A model's text cut into its items and the rest.
#[derive(Debug)]
pub(super) struct Split<'a> {
    /// The text with every item's lines left empty: what remains is the top-level scalars
    /// (`title`, …), the list sections' keys, and whatever could not be cut. Same lines as the
    /// text, so positions in it are positions in the file.
    pub skeleton: String,
    pub items: Vec<Item<'a>>,
}

/// One item (or a few, when they could not be told apart) of a top-level list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Item<'a> {
    /// The list it belongs to, one of [`LISTS`].
    pub section: &'static str,
    /// How many lines of the file come before it.
    pub line: u32,
    /// Where its text starts in the file, in bytes.
    pub start: usize,
    /// Its lines, whole, with their line breaks: a YAML list of one item.
    pub text: &'a str,
}

/// Where the lexer is at the start of a line.
#[derive(Debug, Default, Clone, Copy)]
struct Lexer {
    /// Inside a quoted scalar opened by this quote.
    quote: Option<char>,
    /// Inside this many open flow collections.
    flow: u32,
    /// Inside a block scalar opened on a line indented this much; its content's indentation,
    /// once its first line is seen.
    block: Option<(usize, Option<usize>)>,
}

/// Why a text cannot be cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refused {
    /// An anchor, an alias or a tag: what the lexer cannot follow.
    Node,
    /// A directive, or a document marker after the first line of content.
    Document,
    /// A list section given twice.
    Repeated,
}

impl Lexer {
    /// Whether a line indented `indent` (not blank) may start an item or a section.
    fn at_boundary(&mut self, indent: usize) -> bool {
        if let Some((opener, content)) = self.block {
            if indent > opener && content.is_none_or(|c| indent >= c) {
                // The first content line sets the block's indentation.
                self.block = Some((opener, Some(content.unwrap_or(indent))));
                return false;
            }
            self.block = None;
        }
        self.quote.is_none() && self.flow == 0
    }

    /// Follows one line (without its line break), indented `indent`.
    fn line(&mut self, line: &str, indent: usize) -> Result<(), Refused> {
        if self.block.is_some() {
            return Ok(());
        }
        // Bytes rather than characters: every byte the lexer looks at is ASCII, and no byte of a
        // multi-byte character is.
        let chars = line.as_bytes();
        // Outside quotes and flows, only these bytes change what follows the line: a line
        // without any (most lines of a model) is passed over.
        let changes = |b: &u8| {
            matches!(
                b,
                b'\'' | b'"' | b'[' | b'{' | b'|' | b'>' | b'&' | b'*' | b'!'
            )
        };
        if self.quote.is_none() && self.flow == 0 && !chars.iter().any(changes) {
            return Ok(());
        }
        let mut token_start = self.quote.is_none();
        let mut after_space = true;
        let mut i = indent.min(chars.len());
        while i < chars.len() {
            let c = char::from(chars[i]);
            let next = chars.get(i + 1).copied().map(char::from);
            let spaced = next.is_none_or(|n| n == ' ' || n == '\t');
            if let Some(q) = self.quote {
                if q == '"' && c == '\\' {
                    i += 1;
                } else if c == q {
                    if q == '\'' && next == Some('\'') {
                        i += 1;
                    } else {
                        self.quote = None;
                        token_start = false;
                    }
                }
                i += 1;
                continue;
            }
            match c {
                ' ' | '\t' => {
                    after_space = true;
                    i += 1;
                    continue;
                }
                '#' if after_space => break,
                '"' | '\'' if token_start => self.quote = Some(c),
                '[' | '{' if token_start || self.flow > 0 => self.flow += 1,
                ']' | '}' if self.flow > 0 => {
                    self.flow -= 1;
                    token_start = false;
                }
                '&' | '*' | '!' if token_start => return Err(Refused::Node),
                '|' | '>' if token_start && self.flow == 0 => {
                    self.block = Some((indent, None));
                    break;
                }
                '-' | '?' if token_start && spaced => {}
                ':' if !token_start && (spaced || self.flow > 0) => token_start = true,
                ',' if self.flow > 0 => token_start = true,
                _ => token_start = false,
            }
            after_space = false;
            i += 1;
        }
        Ok(())
    }
}

/// The list section a line opens: a key of [`LISTS`] at column 0 with nothing after its `:`
/// but a comment.
fn list_key(line: &str) -> Option<&'static str> {
    let (key, rest) = line.split_once(':')?;
    let rest = rest.trim_start();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    LISTS.iter().copied().find(|&l| l == key)
}

/// Cuts `text` into items, or `None` when it holds what the cut cannot follow (see the module
/// comment).
pub(super) fn split(text: &str) -> Option<Split<'_>> {
    let mut items = Vec::new();
    let skeleton = cut(text, |item| items.push(item)).ok()?;
    Some(Split { skeleton, items })
}

/// Cuts `text` into items, handing each to `each` in the order of the file, and returns the
/// skeleton (see [`Split`]); or says why the text cannot be cut (see the module comment).
pub(super) fn cut<'a>(text: &'a str, mut each: impl FnMut(Item<'a>)) -> Result<String, Refused> {
    let mut skeleton = String::with_capacity(text.len().min(1 << 16));
    let mut lexer = Lexer::default();
    // The list being read, and the column of its items once its first item is seen.
    let mut section: Option<(&'static str, Option<usize>)> = None;
    let mut seen: Vec<&'static str> = Vec::new();
    // The item being read: its section, first line and first byte.
    let mut open: Option<(&'static str, u32, usize)> = None;
    let mut offset = 0;
    let mut started = false;
    for (number, raw) in text.split_inclusive('\n').enumerate() {
        let number = u32::try_from(number).map_err(|_| Refused::Document)?;
        let line = raw.trim_end_matches(['\n', '\r']);
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        let blank = content.is_empty() || content.starts_with('#');
        // A directive, or a document marker after the first line of content: more than one
        // document, or one the cut would have to understand.
        let marker = ["---", "..."]
            .iter()
            .any(|m| line.strip_prefix(m).is_some_and(|r| r.trim().is_empty()));
        if lexer.quote.is_none() && (line.starts_with('%') || marker && started) {
            return Err(Refused::Document);
        }
        started |= !blank;
        if !blank && lexer.at_boundary(indent) {
            let is_item = content == "-" || content.starts_with("- ");
            if indent == 0 && !is_item {
                if let Some((name, first, start)) = open.take() {
                    each(Item {
                        section: name,
                        line: first,
                        start,
                        text: &text[start..offset],
                    });
                }
                section = list_key(line).map(|name| (name, None));
                if let Some((name, _)) = section {
                    if seen.contains(&name) {
                        return Err(Refused::Repeated);
                    }
                    seen.push(name);
                }
            } else if let Some((name, column)) = &mut section
                && is_item
                && column.is_none_or(|c| c == indent)
            {
                *column = Some(indent);
                if let Some((name, first, start)) = open.take() {
                    each(Item {
                        section: name,
                        line: first,
                        start,
                        text: &text[start..offset],
                    });
                }
                open = Some((name, number, offset));
            }
        }
        if open.is_some() {
            skeleton.push('\n');
        } else {
            skeleton.push_str(raw);
        }
        if lexer.quote.is_some() || !blank {
            lexer.line(line, indent)?;
        }
        offset += raw.len();
    }
    if let Some((name, first, start)) = open {
        each(Item {
            section: name,
            line: first,
            start,
            text: &text[start..],
        });
    }
    Ok(skeleton)
}

/// Whether `line`, on its own, opens nothing that runs onto the next line (a quoted scalar,
/// a flow collection, a block scalar) and holds nothing the lexer cannot follow.
pub(super) fn closed_on_its_line(line: &str) -> bool {
    let mut lexer = Lexer::default();
    let content = line.trim_start_matches(' ');
    lexer.line(line, line.len() - content.len()).is_ok()
        && lexer.quote.is_none()
        && lexer.flow == 0
        && lexer.block.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(text: &str) -> Vec<(&'static str, u32, &str)> {
        split(text)
            .unwrap()
            .items
            .iter()
            .map(|i| (i.section, i.line, i.text))
            .collect()
    }

    #[test]
    fn items_are_cut_at_their_dashes_and_sections_at_column_zero() {
        let text = "title: t\nentities:\n  - id: a\n    name: A\n\n  - {id: b}\n# c\nstakes:\n- owner: a\n  owned: b\n";
        assert_eq!(
            cuts(text),
            [
                ("entities", 2, "  - id: a\n    name: A\n\n"),
                ("entities", 5, "  - {id: b}\n# c\n"),
                ("stakes", 8, "- owner: a\n  owned: b\n"),
            ]
        );
        let skeleton = split(text).unwrap().skeleton;
        assert_eq!(skeleton, "title: t\nentities:\n\n\n\n\n\nstakes:\n\n\n");
    }

    #[test]
    fn nothing_is_cut_inside_a_multi_line_value() {
        let quoted = "entities:\n  - name: 'a\n  - b'\n  - name: \"x \\\" \n  - y\"\n";
        assert_eq!(cuts(quoted).len(), 2);
        let flow = "entities:\n  - [a,\n  - b]\n  - {c: [\n  - d]}\n";
        assert_eq!(cuts(flow).len(), 2);
        let block = "entities:\n  - description: |\n      - not an item\n      text\n    name: x\n  - id: b\n";
        assert_eq!(cuts(block).len(), 2);
        // A quote inside a word or a comment opens nothing.
        let words = "entities:\n  - name: O'Brien # it's\n  - id: b\n";
        assert_eq!(cuts(words).len(), 2);
    }

    #[test]
    fn what_the_lexer_cannot_follow_is_not_cut() {
        for text in [
            "entities:\n  - &a {id: a}\n  - *a\n",
            "entities:\n  - !custom {id: a}\n",
            "title: t\n---\ntitle: u\n",
            "%YAML 1.2\n---\ntitle: t\n",
            "entities:\n  - id: a\nentities:\n  - id: b\n",
        ] {
            assert!(split(text).is_none(), "{text}");
        }
        // An ampersand or an asterisk within a value is text.
        assert_eq!(cuts("entities:\n  - name: AT&T *\n").len(), 1);
    }

    #[test]
    fn other_sections_and_flow_lists_stay_in_the_skeleton() {
        let text = "title: t\nentities: [{id: a}]\ndescription: >\n  - x\n";
        let cut = split(text).unwrap();
        assert!(cut.items.is_empty());
        assert_eq!(cut.skeleton, text);
    }
}
