//! `--format dot`: the view as a Graphviz graph. Hierarchy edges are solid, ownership edges
//! dashed with the share as their label; kinds are shapes and colours; the sources cited are
//! listed in a comment. Every string is escaped for DOT.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::model::EntityKind;
use crate::org::{Holder, Org};
use crate::sanitize::sanitize;
use crate::words;

use super::DumpOptions;
use super::lines::Lines;
use super::view::{Edge, View};

/// A DOT double-quoted string: quotes and backslashes escaped, and nothing that could end a
/// line or reach a terminal.
fn quoted(text: &str) -> String {
    let safe = sanitize(text);
    let mut out = String::with_capacity(safe.len() + 2);
    out.push('"');
    for c in safe.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A node's DOT id: its entity id, quoted, in a spelling no other id can share. The sanitizer's
/// escapes are not one-to-one (a tab and a space, ESC and the text `\u{1b}` would give the same
/// node, joining two entities' edges), so unsafe characters are written as `\u{hex}` and a
/// backslash as two: each id keeps a spelling of its own.
fn node_id(id: &str) -> String {
    quoted(&spelled(id))
}

/// A person's node id: `\p` and the person's id spelled as [`node_id`] spells it. No entity's
/// spelling holds a backslash followed by `p`, so a person and an entity of one id stay apart.
fn person_node_id(id: &str) -> String {
    quoted(&format!("\\p{}", spelled(id)))
}

/// An id with each unsafe character as `\u{hex}` and each backslash doubled.
fn spelled(id: &str) -> String {
    let mut spelled = String::with_capacity(id.len());
    for c in id.chars() {
        match c {
            '\\' => spelled.push_str("\\\\"),
            c if crate::sanitize::is_unsafe(c) => {
                // Writing to a String cannot fail.
                let _ = write!(spelled, "\\u{{{:x}}}", u32::from(c));
            }
            c => spelled.push(c),
        }
    }
    spelled
}

/// A DOT label of several lines: each escaped, joined by DOT's own line breaks.
fn lines(parts: &[&str]) -> String {
    let escaped: Vec<String> = parts
        .iter()
        .map(|p| {
            let q = quoted(p);
            q[1..q.len() - 1].to_owned()
        })
        .collect();
    format!("\"{}\"", escaped.join("\\n"))
}

fn shape(kind: &EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Group => ("box3d", "#e8d5f5"),
        EntityKind::Company => ("box", "#d6e4f5"),
        EntityKind::Subsidiary => ("box", "#d5f0f0"),
        EntityKind::Division | EntityKind::BusinessUnit | EntityKind::Team | EntityKind::Unit => {
            ("folder", "#dcf2d5")
        }
        EntityKind::Position => ("box", "#dcf2d5"),
        EntityKind::JointVenture => ("hexagon", "#f5efd5"),
        EntityKind::Project => ("note", "#f5efd5"),
        EntityKind::PublicBody => ("house", "#f5d8d5"),
        EntityKind::State => ("doubleoctagon", "#f5d8d5"),
        EntityKind::Datacenter => ("cylinder", "#e6e6e6"),
        EntityKind::Trust | EntityKind::Nomination | EntityKind::Arrangement => {
            ("component", "#f5efd5")
        }
        EntityKind::AnonymousEntity | EntityKind::UnknownEntity => ("box", "#e6e6e6"),
        EntityKind::Other(_) => ("box", "#ffffff"),
    }
}

pub fn write(org: &Org, options: &DumpOptions, out: &mut Lines<impl Write>) -> io::Result<()> {
    let view = View::new(org, options);
    let id = |e: crate::org::EntityId| node_id(&org.entity(e).id);
    let holder_id = |h: Holder| match h {
        Holder::Entity(e) => id(e),
        Holder::Person(p) => person_node_id(&org.person(p).id),
    };
    out.line(format_args!(
        "// {} — as of {}, drawn by orgtree",
        &org.model.title, view.day
    ))?;
    let mut cited: Vec<&str> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for &(e, _) in &view.order {
        let stake_sources = org
            .owners_at(e, view.day)
            .flat_map(|s| s.stake.sources.iter());
        for r in stake_sources.chain(&org.entity(e).sources) {
            if seen.insert(&r.value) {
                cited.push(&r.value);
            }
        }
    }
    if !cited.is_empty() {
        out.line("// Sources:")?;
        for r in cited {
            match org.find_source(r).map(|s| org.source(s)) {
                Some(s) => {
                    let date = s
                        .date
                        .as_ref()
                        .map(|d| format!(", {}", d.value))
                        .unwrap_or_default();
                    out.line(format_args!(
                        "//   [{}] {}, “{}”{date}",
                        s.id.value, &s.publisher, &s.title
                    ))?
                }
                None => out.line(format_args!("//   [{}]", r))?,
            }
        }
    }
    out.line(format_args!("digraph orgtree {{"))?;
    out.line(format_args!(
        "  graph [rankdir=TB, label={}, labelloc=t, fontname=Helvetica];",
        quoted(&org.model.title)
    ))?;
    out.line(format_args!(
        "  node [style=\"filled\", fontname=Helvetica, fontsize=11];"
    ))?;
    out.line("  edge [fontname=Helvetica, fontsize=9];")?;
    for &(e, _) in &view.order {
        let (shape, color) = shape(org.kind_on(e, view.day));
        let kind = words::entity_kind(org.kind_on(e, view.day));
        let label = lines(&[org.name_on(e, view.day), &kind]);
        out.line(format_args!(
            "  {} [label={label}, shape={shape}, fillcolor=\"{color}\"];",
            id(e)
        ))?;
    }
    let edges = view.edges(org);
    for p in view.people(&edges) {
        let label = lines(&[&org.person(p).name, "person"]);
        out.line(format_args!(
            "  {} [label={label}, shape=ellipse, fillcolor=\"#fdf1d6\"];",
            person_node_id(&org.person(p).id)
        ))?;
    }
    for edge in edges {
        match edge {
            Edge::Part { parent, child } => {
                out.line(format_args!("  {} -> {};", id(parent), id(child)))?
            }
            Edge::Stake {
                owner,
                owned,
                share,
            } => out.line(format_args!(
                "  {} -> {} [style=dashed, color=\"#555555\", label={}];",
                holder_id(owner),
                id(owned),
                quoted(&share)
            ))?,
        }
    }
    out.line(format_args!("}}"))
}
