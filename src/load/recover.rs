//! Reading on after a YAML model failed to read whole, so that one run reports every problem:
//! the file is cut into its items (`split`), each item is read on its own, and after a bad value
//! the item is read again without it, to find the next one. The items that read make a model,
//! which is validated like any other: its problems are reported too, but not those that only
//! follow from an item that did not read (a reference to an entity whose item failed is not an
//! unknown entity: the failed item's id, found in its text, stands in for it).

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;
use crate::model::{Model, Pos};
use crate::org::Org;

use super::hints::{self, Lines};
use super::split::{Item, split};
use super::yaml::{self, Class};

/// How many times one item is read again after a bad value.
const RETRIES: usize = 8;

/// Every problem of `text`, a YAML model that failed to read whole with `first`.
pub(super) fn recover(text: &str, first: Diagnostic, first_class: &Class) -> Vec<Diagnostic> {
    let lines = Lines::new(text);
    let first = hints::explain(first, first_class, &lines);
    let Some(split) = split(text) else {
        return vec![first];
    };
    let mut problems = Vec::new();
    let mut model: Model =
        read_piece(&split.skeleton, 0, &lines, &mut problems).unwrap_or_default();
    let mut stand_ins = StandIns::default();
    for item in &split.items {
        let read = match item.section {
            "sources" => place(item, &lines, &mut problems, &mut model.sources),
            "entities" => place(item, &lines, &mut problems, &mut model.entities),
            "people" => place(item, &lines, &mut problems, &mut model.people),
            "stakes" => place(item, &lines, &mut problems, &mut model.stakes),
            "roles" => place(item, &lines, &mut problems, &mut model.roles),
            "relations" => place(item, &lines, &mut problems, &mut model.relations),
            "events" => place(item, &lines, &mut problems, &mut model.events),
            _ => true,
        };
        if !read {
            stand_ins.add(item);
        }
    }
    stand_ins.into_model(&mut model);
    match Org::new(model) {
        Ok((_, warnings)) => problems.extend(warnings),
        Err(found) => problems.extend(found),
    }
    if !problems.iter().any(|p| p.is_error() && p.pos == first.pos) {
        problems.push(first);
    }
    problems.sort_by(|a, b| (a.pos, &a.message).cmp(&(b.pos, &b.message)));
    problems.dedup_by(|a, b| a.pos == b.pos && a.message == b.message);
    problems
}

/// Reads `item` into `list`; whether it read without a problem.
fn place<T: DeserializeOwned>(
    item: &Item<'_>,
    lines: &Lines<'_>,
    problems: &mut Vec<Diagnostic>,
    list: &mut Vec<T>,
) -> bool {
    match read_piece::<Vec<T>>(item.text, item.line, lines, problems) {
        Some(read) => {
            list.extend(read);
            true
        }
        None => false,
    }
}

/// Reads a piece of the file that starts after `line_base` lines. On a problem, reports it and
/// reads the piece again with the line of the problem (and the lines under it) left out, to
/// find the next problem, a few times; a piece read that way is not returned: what it says
/// without the bad value is not what the file says.
fn read_piece<T: DeserializeOwned>(
    text: &str,
    line_base: u32,
    lines: &Lines<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<T> {
    let mut text = std::borrow::Cow::Borrowed(text);
    let mut left_out: Vec<String> = Vec::new();
    for attempt in 0..=RETRIES {
        let err = match yaml::read::<T>(&text, line_base) {
            Ok(read) => return (attempt == 0).then_some(read),
            Err(err) => err,
        };
        let class = yaml::class(&err);
        // After a line is left out, a syntax error, or the key left out now missing, is of
        // our making.
        let ours = match &class {
            Class::Syntax => attempt > 0,
            Class::Missing(key) => left_out.contains(key),
            _ => false,
        };
        if ours {
            return None;
        }
        let problem = yaml::problem(&err, line_base);
        let line = problem.pos.line.checked_sub(line_base);
        problems.push(hints::explain(problem, &class, lines));
        if matches!(class, Class::Syntax | Class::Missing(_)) {
            return None;
        }
        let (kept, key) = leave_out(&text, line?)?;
        text = std::borrow::Cow::Owned(kept);
        left_out.push(key);
        // `knd:` left out, `kind` is missing: one mistake, already reported.
        if let Class::Unknown {
            near: Some(near), ..
        } = class
        {
            left_out.push(near);
        }
    }
    None
}

/// `text` with its 1-based line `number` blanked, and the lines under it indented deeper, and
/// the key that line gave; `None` when that line is the piece's first (the whole item would go).
fn leave_out(text: &str, number: u32) -> Option<(String, String)> {
    let number = usize::try_from(number).ok()?;
    if number <= 1 {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut under: Option<usize> = None;
    let mut key = String::new();
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let content = raw.trim_start_matches(' ');
        let indent = raw.len() - content.len();
        let blank = content.trim().is_empty();
        let gone = if i + 1 == number {
            under = Some(indent);
            let content = content.trim_start_matches(['-', ' ']);
            key = content
                .split(':')
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned();
            true
        } else {
            under.is_some_and(|u| blank || indent > u)
        };
        if !gone && i + 1 > number {
            under = None;
        }
        if gone {
            out.push('\n');
        } else {
            out.push_str(raw);
        }
    }
    Some((out, key))
}

/// The ids of the entities, people and sources whose items did not read, found in their text.
#[derive(Default)]
struct StandIns {
    entities: Vec<(String, Pos)>,
    people: Vec<(String, Pos)>,
    sources: Vec<(String, Pos)>,
}

impl StandIns {
    fn add(&mut self, item: &Item<'_>) {
        let list = match item.section {
            "entities" => &mut self.entities,
            "people" => &mut self.people,
            "sources" => &mut self.sources,
            _ => return,
        };
        list.extend(textual_id(item));
    }

    /// Puts an item with each id in the model, so references to it resolve.
    fn into_model(self, model: &mut Model) {
        fill(
            &mut model.entities,
            self.entities,
            "{id: x, name: x, kind: company}",
            |e| &mut e.id,
        );
        fill(&mut model.people, self.people, "{id: x, name: x}", |p| {
            &mut p.id
        });
        fill(
            &mut model.sources,
            self.sources,
            "{id: x, publisher: x, title: x}",
            |s| &mut s.id,
        );
    }
}

/// Adds to `list` an item read from `template` for each id, with that id at its place.
fn fill<T: DeserializeOwned + Clone>(
    list: &mut Vec<T>,
    ids: Vec<(String, Pos)>,
    template: &str,
    id: impl Fn(&mut T) -> &mut crate::model::Ref,
) {
    if ids.is_empty() {
        return;
    }
    let Ok(template) = yaml::read::<T>(template, 0) else {
        return;
    };
    for (value, pos) in ids {
        let mut item = template.clone();
        *id(&mut item) = crate::model::At::new(value.into(), pos);
        list.push(item);
    }
}

/// The `id` an item gives, as plain or simply quoted text: `- id: x`, `- {id: x, …}`, or an
/// `id: x` line among the item's keys.
fn textual_id(item: &Item<'_>) -> Option<(String, Pos)> {
    let mut lines = item.text.lines();
    let first = lines.next()?;
    let keys = first.len() - first.trim_start_matches([' ', '-']).len();
    let candidates = std::iter::once((0, first, keys)).chain(
        lines
            .enumerate()
            .map(|(i, l)| (i + 1, l, keys))
            .filter(|(_, l, k)| l.len() - l.trim_start().len() == *k),
    );
    for (offset, text, keys) in candidates {
        let rest = &text[keys.min(text.len())..];
        let (at, rest) = if let Some(flow) = rest.strip_prefix('{') {
            // The first key of a flow mapping on the item's first line.
            let at = flow.find("id:").filter(|&i| {
                let before = flow[..i].trim_end();
                before.is_empty() || before.ends_with(',')
            })?;
            (keys + 1 + at, &flow[at..])
        } else {
            (keys, rest)
        };
        let Some(value) = rest.strip_prefix("id:") else {
            continue;
        };
        let value = value.trim_start();
        let value = value.split([',', '}', '#']).next()?.trim();
        let value = match value.as_bytes().first() {
            Some(b'"' | b'\'') => {
                let inner = &value[1..value.len().checked_sub(1).filter(|&e| e >= 1)?];
                if inner.contains(['"', '\'', '\\']) {
                    return None;
                }
                inner
            }
            _ => value,
        };
        let line = item.line + u32::try_from(offset).ok()? + 1;
        let col = u32::try_from(line_col(text, at)).ok()?;
        return Some((value.to_owned(), Pos { line, col }));
    }
    None
}

/// The 1-based column of byte `at` of `line`.
fn line_col(line: &str, at: usize) -> usize {
    line.get(..at).map_or(at, |l| l.chars().count()) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str) -> Item<'_> {
        Item {
            section: "entities",
            line: 10,
            start: 0,
            text,
        }
    }

    #[test]
    fn ids_are_found_in_block_and_flow_items() {
        let id = |text| textual_id(&item(text)).map(|(id, _)| id);
        assert_eq!(id("  - id: acme\n    name: A\n").as_deref(), Some("acme"));
        assert_eq!(id("  - name: A\n    id: 'acme'\n").as_deref(), Some("acme"));
        assert_eq!(
            id("  - {name: A, id: acme, kind: x}\n").as_deref(),
            Some("acme")
        );
        assert_eq!(id("  - name: A\n      id: deeper\n"), None);
        assert_eq!(id("  - {id: \"a\\\"b\"}\n"), None);
    }

    #[test]
    fn a_left_out_line_takes_the_lines_under_it() {
        let text = "  - id: a\n    notes:\n      - text: x\n    kind: k\n";
        let (kept, key) = leave_out(text, 2).unwrap();
        assert_eq!(kept, "  - id: a\n\n\n    kind: k\n");
        assert_eq!(key, "notes");
        assert_eq!(leave_out(text, 1), None);
    }
}
