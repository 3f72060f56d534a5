//! The shape of a table's tree, checked before a model is made of it: every row has an id and
//! no two the same, every manager named is a row (an unknown one with the nearest id), no row
//! is under itself however far up, and several roots are allowed but said. Iterative
//! throughout: a chain of managers is as long as the table.

use hashbrown::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::Pos;
use crate::suggest;

use super::read::Table;
use super::sheet::Sheet;

/// How many unknown managers get a suggestion: each costs a pass over every id.
const SUGGESTED: usize = 100;

/// How many members of a cycle its message names.
const NAMED: usize = 8;

/// The row of each id; an empty id or one already given is an error.
pub fn index<'a>(
    ids: &[(&'a str, Pos)],
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> HashMap<&'a str, usize> {
    let mut rows: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
    for (row, &(id, pos)) in ids.iter().enumerate() {
        if id.is_empty() {
            diagnostics.push(
                Diagnostic::error(pos, format!("this {what} has no id")).with_help(
                    "give every row an id: the rows under it name it as their manager or parent",
                ),
            );
            continue;
        }
        if let Some(&first) = rows.get(id) {
            diagnostics.push(
                Diagnostic::error(pos, format!("id `{id}` is given twice")).with_help(format!(
                    "it is first given on line {}: ids must be unique",
                    ids[first].1.line
                )),
            );
            continue;
        }
        rows.insert(id, row);
    }
    rows
}

/// A manager (or parent) named by a row, as written.
pub struct Named<'a> {
    pub text: &'a str,
    pub pos: Pos,
    /// The row it names, if it names one.
    pub row: Option<usize>,
    /// What kind of name it is, for the message (`manager`, `manager e-mail`).
    pub what: &'static str,
}

/// An error for each row whose manager is not in the table, with the nearest id.
pub fn unknown<'a>(
    named: impl Iterator<Item = &'a Named<'a>>,
    candidates: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut suggested = 0;
    for n in named.filter(|n| n.row.is_none()) {
        let mut d = Diagnostic::error(
            n.pos,
            format!("{} `{}` is not in the table", n.what, n.text),
        );
        let help = (suggested < SUGGESTED)
            .then(|| {
                suggested += 1;
                suggest::help(n.text, candidates.iter().copied())
            })
            .flatten();
        d = d.with_help(help.unwrap_or_else(|| {
            "a manager must be a row of the table: name it by its id, or leave the cell empty for a root".to_owned()
        }));
        diagnostics.push(d);
    }
}

/// An error for each cycle of `parents` (each row's parent row), at the parent cell of its
/// first row, naming its rows by `ids`.
pub fn cycles(
    parents: &[Option<usize>],
    ids: &[(&str, Pos)],
    at: impl Fn(usize) -> Pos,
    diagnostics: &mut Vec<Diagnostic>,
) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut mark = vec![Mark::New; parents.len()];
    let mut path = Vec::new();
    for start in 0..parents.len() {
        let mut row = start;
        loop {
            match mark[row] {
                Mark::Done => break,
                Mark::OnPath => {
                    let from = path.iter().position(|&r| r == row).unwrap_or(0);
                    let members = &path[from..];
                    let first = members.iter().copied().min().unwrap_or(row);
                    let k = members.iter().position(|&r| r == first).unwrap_or(0);
                    let mut names: Vec<&str> = members[k..]
                        .iter()
                        .chain(&members[..k])
                        .take(NAMED)
                        .map(|&r| ids[r].0)
                        .collect();
                    if members.len() > NAMED {
                        names.push("…");
                    }
                    names.push(ids[first].0);
                    diagnostics.push(
                        Diagnostic::error(
                            at(first),
                            format!("`{}` is under itself: {}", ids[first].0, names.join(" → ")),
                        )
                        .with_help("a row cannot be its own manager, however far up: correct one of these managers"),
                    );
                    break;
                }
                Mark::New => {
                    mark[row] = Mark::OnPath;
                    path.push(row);
                    match parents[row] {
                        Some(p) => row = p,
                        None => break,
                    }
                }
            }
        }
        for &r in &path {
            mark[r] = Mark::Done;
        }
        path.clear();
    }
}

/// A warning when more than one row has no manager: allowed, each heads a tree of its own.
/// `is_root` says which rows name no manager.
pub fn roots(is_root: &[bool], ids: &[(&str, Pos)], diagnostics: &mut Vec<Diagnostic>) {
    let roots: Vec<usize> = (0..is_root.len()).filter(|&r| is_root[r]).collect();
    if roots.len() < 2 {
        return;
    }
    let mut names: Vec<String> = roots
        .iter()
        .take(NAMED)
        .map(|&r| format!("`{}`", ids[r].0))
        .collect();
    if roots.len() > NAMED {
        names.push("…".to_owned());
    }
    diagnostics.push(
        Diagnostic::warning(
            ids[roots[1]].1,
            format!(
                "{} rows have no manager, so the chart has {0} trees: {}",
                roots.len(),
                names.join(", ")
            ),
        )
        .with_help("nothing to do if that is so; else give the rows their manager"),
    );
}

/// An error for each row of `table` with more or fewer fields than its header: at the first
/// field too many, or where the row ends.
pub fn ragged(table: &Table, diagnostics: &mut Vec<Diagnostic>) {
    let width = table.headers().len();
    for row in 0..table.len() {
        let n = table.width(row);
        if n == width {
            continue;
        }
        let (pos, what) = if n > width {
            (table.pos(row, width), "more")
        } else {
            (table.end(row), "fewer")
        };
        diagnostics.push(
            Diagnostic::error(
                pos,
                format!("this row has {n} fields, {what} than the header's {width}"),
            )
            .with_help(format!(
                "a cell with a `{}` in it must be in double quotes; else add or remove fields",
                char::from(table.delimiter).escape_default()
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32) -> Pos {
        Pos { line, col: 1 }
    }

    #[test]
    fn duplicates_and_empty_ids() {
        let ids = [("a", at(2)), ("b", at(3)), ("a", at(4)), ("", at(5))];
        let mut d = Vec::new();
        let rows = index(&ids, "row", &mut d);
        assert_eq!(rows.len(), 2);
        assert_eq!(d.len(), 2);
        assert_eq!(
            (d[0].pos, d[0].message.as_str()),
            (at(4), "id `a` is given twice")
        );
        assert!(d[0].help.as_deref().unwrap().contains("line 2"));
        assert_eq!(
            (d[1].pos, d[1].message.as_str()),
            (at(5), "this row has no id")
        );
    }

    #[test]
    fn a_cycle_is_reported_once_from_its_first_row() {
        let ids = [("a", at(2)), ("b", at(3)), ("c", at(4)), ("d", at(5))];
        // a → b → c → a, and d under c.
        let parents = [Some(1), Some(2), Some(0), Some(2)];
        let mut d = Vec::new();
        cycles(
            &parents,
            &ids,
            |r| Pos {
                line: u32::try_from(r).unwrap() + 2,
                col: 9,
            },
            &mut d,
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].pos, Pos { line: 2, col: 9 });
        assert_eq!(d[0].message, "`a` is under itself: a → b → c → a");
        let mut d = Vec::new();
        cycles(&[Some(0)], &ids, |_| at(2), &mut d);
        assert_eq!(d[0].message, "`a` is under itself: a → a");
    }

    #[test]
    fn a_deep_chain_is_no_cycle() {
        let n: usize = 100_000;
        let names: Vec<String> = (0..n).map(|i| i.to_string()).collect();
        let ids: Vec<(&str, Pos)> = names.iter().map(|s| (s.as_str(), at(1))).collect();
        let parents: Vec<Option<usize>> = (0..n).map(|i| i.checked_sub(1)).collect();
        let mut d = Vec::new();
        cycles(&parents, &ids, |_| at(1), &mut d);
        let is_root: Vec<bool> = parents.iter().map(Option::is_none).collect();
        roots(&is_root, &ids, &mut d);
        assert!(d.is_empty());
    }

    #[test]
    fn several_roots_are_a_warning() {
        let ids = [("a", at(2)), ("b", at(3)), ("c", at(4))];
        let mut d = Vec::new();
        roots(&[true, false, true], &ids, &mut d);
        assert_eq!(d.len(), 1);
        assert!(!d[0].is_error());
        assert_eq!(d[0].pos, at(4));
        assert!(d[0].message.contains("2 rows have no manager"), "{d:?}");
    }

    #[test]
    fn unknown_managers_get_the_nearest_id() {
        let named = [
            Named {
                text: "alise",
                pos: at(3),
                row: None,
                what: "manager",
            },
            Named {
                text: "bob",
                pos: at(4),
                row: Some(1),
                what: "manager",
            },
        ];
        let mut d = Vec::new();
        unknown(named.iter(), &["alice", "bob"], &mut d);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "manager `alise` is not in the table");
        assert_eq!(d[0].help.as_deref(), Some("did you mean `alice`?"));
    }
}
