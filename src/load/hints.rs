//! What to do about the mistakes people make writing YAML by hand: a key indented a space off,
//! a comma inside an unquoted value of a `{…}` mapping, and the YAML parser's jargon said in
//! plain words. Each looks at the lines around a problem and replaces its hint.

use crate::diagnostic::Diagnostic;

use super::yaml::Class;

/// A file's lines, found once.
pub(super) struct Lines<'a>(Vec<&'a str>);

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Lines<'a> {
        Lines(text.lines().collect())
    }

    /// The 1-based line `number`.
    fn get(&self, number: u32) -> Option<&'a str> {
        self.0
            .get(usize::try_from(number).ok()?.checked_sub(1)?)
            .copied()
    }
}

/// How many lines around a problem are looked at.
const NEAR: u32 = 40;

/// `problem`, of class `class`, with a hint that says what to do when the lines around it show
/// a common mistake.
pub(super) fn explain(problem: Diagnostic, class: &Class, lines: &Lines<'_>) -> Diagnostic {
    let hint = match class {
        Class::Missing(field) => misplaced_key(&problem, field, lines),
        Class::Unknown { field, .. } => comma_in_flow(&problem, field, lines),
        Class::Syntax => indentation(&problem, lines).or_else(|| jargon(&problem.message)),
        Class::Value => None,
    };
    match hint {
        Some(hint) => problem.with_help(hint),
        None => problem,
    }
}

/// Leading spaces, and the line without them.
fn indent(line: &str) -> (usize, &str) {
    let content = line.trim_start_matches(' ');
    (line.len() - content.len(), content)
}

/// The column, 0-based, where the keys of a line start: after its `- ` indicators.
fn key_column(line: &str) -> (usize, &str) {
    let (mut col, mut content) = indent(line);
    while let Some(rest) = content.strip_prefix("- ") {
        let (more, rest) = indent(rest);
        col += 2 + more;
        content = rest;
    }
    (col, content)
}

fn is_content(line: &str) -> bool {
    let content = line.trim();
    !content.is_empty() && !content.starts_with('#')
}

fn spaces(n: usize) -> String {
    crate::words::count(n, "space")
}

/// "missing field `kind`" when the item has `kind:` at another indentation.
fn misplaced_key(problem: &Diagnostic, field: &str, lines: &Lines<'_>) -> Option<String> {
    let start = problem.pos.line;
    let keys = usize::try_from(problem.pos.col.checked_sub(1)?).ok()?;
    let item = keys.checked_sub(2);
    let wanted = format!("{field}:");
    for number in start.saturating_add(1)..start.saturating_add(NEAR) {
        let line = lines.get(number)?;
        if !is_content(line) {
            continue;
        }
        let (col, content) = key_column(line);
        let (at, rest) = indent(line);
        // The next item of the same list, or the next section, ends the search.
        let next_item = rest.starts_with("- ") && item.is_some_and(|i| at <= i);
        if next_item || at == 0 && !rest.starts_with(&wanted) {
            return None;
        }
        if content.starts_with(&wanted) && col != keys {
            let (by, way) = if col < keys {
                (keys - col, "more")
            } else {
                (col - keys, "fewer")
            };
            return Some(format!(
                "`{wanted}` is on line {number}, indented {} where this item's keys are indented {}: indent it by {} {way}",
                spaces(col),
                spaces(keys),
                spaces(by),
            ));
        }
    }
    None
}

/// "unknown field `Inc.`" in `{…, name: Orange, Inc.}`: the comma cut the value in two.
fn comma_in_flow(problem: &Diagnostic, field: &str, lines: &Lines<'_>) -> Option<String> {
    let line = lines.get(problem.pos.line)?;
    let col = usize::try_from(problem.pos.col.checked_sub(1)?).ok()?;
    let byte = line.char_indices().nth(col).map_or(line.len(), |(b, _)| b);
    let before = line[..byte].trim_end().strip_suffix(',')?;
    // The key and value just before the comma, inside the same `{`.
    let start = before.rfind([',', '{'])? + 1;
    if !line[..start].contains('{') {
        return None;
    }
    let (key, value) = before[start..].split_once(':')?;
    let (key, value) = (key.trim(), value.trim());
    if value.is_empty() || value.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    let quoted = format!("{value}, {field}").replace('"', "\\\"");
    Some(format!(
        "a comma ends a value inside `{{…}}`: if `{field}` belongs to `{key}`, quote the value: `{key}: \"{quoted}\"`"
    ))
}

/// A syntax error on a line indented differently from the keys above it.
fn indentation(problem: &Diagnostic, lines: &Lines<'_>) -> Option<String> {
    let number = problem.pos.line;
    let line = lines.get(number)?;
    if !is_content(line) {
        return None;
    }
    let (col, _) = key_column(line);
    // The nearest line above with content, and the keys it is one of.
    let above = (number.saturating_sub(NEAR)..number)
        .rev()
        .find_map(|n| lines.get(n).filter(|l| is_content(l)).map(|l| (n, l)))?;
    let (keys, _) = key_column(above.1);
    if col == keys || col.abs_diff(keys) > 3 {
        return None;
    }
    let (by, way) = if col < keys {
        (keys - col, "more")
    } else {
        (col - keys, "fewer")
    };
    Some(format!(
        "line {number} is indented {} but the keys above it (line {}) are indented {}: if it belongs with them, indent it by {} {way}",
        spaces(col),
        above.0,
        spaces(keys),
        spaces(by),
    ))
}

/// The YAML parser's messages in plain words.
fn jargon(message: &str) -> Option<String> {
    const PLAIN: &[(&str, &str)] = &[
        (
            "expected '-' indicator",
            "the items of a list each start with `- ` at the same indentation: check this line's indentation against the item above",
        ),
        (
            "mapping values are not allowed",
            "a `: ` starts a new key, and keys cannot start in the middle of a value: quote a value that contains `: ` (\"…\"), or put the key on a line of its own",
        ),
        (
            "could not find expected ':'",
            "each line of a mapping is `key: value`: add the `:` after the key, or close the quote or bracket that an earlier value opened",
        ),
        (
            "did not find expected key",
            "a key here is indented differently from the keys above it, or a value starts with a character YAML reserves: check the indentation, or quote the value",
        ),
        (
            "cannot start any token",
            "a value starts with a character YAML reserves (`@`, a backquote, or a tab): quote the value",
        ),
        (
            "tab",
            "YAML indents with spaces only: replace the tabs with spaces",
        ),
        (
            "quoted scalar",
            "a quote opened here is not closed: add the closing quote, or escape a quote inside the value",
        ),
        (
            "expected ',' or ']'",
            "a `[…]` list is not closed, or one of its values holds a `,` or `]`: close it, or quote that value",
        ),
        (
            "expected ',' or '}'",
            "a `{…}` mapping is not closed, or one of its values holds a `,` or `}`: close it, or quote that value",
        ),
        (
            "end of stream",
            "the file ends inside a value: close the quote or bracket opened before",
        ),
    ];
    PLAIN
        .iter()
        .find(|(words, _)| message.contains(words))
        .map(|(_, plain)| (*plain).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pos;

    fn at(line: u32, col: u32) -> Diagnostic {
        Diagnostic::error(Pos { line, col }, "problem")
    }

    #[test]
    fn a_key_a_space_short_is_found() {
        let lines = Lines::new("entities:\n  - id: a\n    name: A\n   kind: company\n  - id: b\n");
        let hint = misplaced_key(&at(2, 5), "kind", &lines).unwrap();
        assert_eq!(
            hint,
            "`kind:` is on line 4, indented 3 spaces where this item's keys are indented 4 spaces: indent it by 1 space more"
        );
        // Not past the next item.
        let lines = Lines::new("entities:\n  - id: a\n  - id: b\n    kind: c\n");
        assert_eq!(misplaced_key(&at(2, 5), "kind", &lines), None);
    }

    #[test]
    fn a_comma_in_a_flow_value_suggests_quotes() {
        let lines = Lines::new("entities:\n  - {id: x, name: Orange, Inc., kind: company}\n");
        let hint = comma_in_flow(&at(2, 27), "Inc.", &lines).unwrap();
        assert!(hint.ends_with("`name: \"Orange, Inc.\"`"), "{hint}");
        // A key of its own, after a quoted value, is just unknown.
        let lines = Lines::new("entities:\n  - {id: x, name: \"O\", Inc.: 1}\n");
        assert_eq!(comma_in_flow(&at(2, 24), "Inc.", &lines), None);
    }

    #[test]
    fn a_syntax_error_on_a_line_indented_off_says_by_how_much() {
        let lines = Lines::new("entities:\n  - id: a\n    name: A\n   parent: x\n");
        let hint = indentation(&at(4, 4), &lines).unwrap();
        assert!(
            hint.starts_with(
                "line 4 is indented 3 spaces but the keys above it (line 3) are indented 4 spaces"
            ),
            "{hint}"
        );
        assert!(jargon("did not find expected '-' indicator").is_some());
        assert!(jargon("something else").is_none());
    }
}
