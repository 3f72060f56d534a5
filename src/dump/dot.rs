//! `--format dot`: the view as a Graphviz graph. One line per link: the hierarchy solid, with the
//! parent's share on it; other owners' stakes dashed; dotted from a holder to its beneficiary;
//! relations (`--relations`) dashed blue; a legend of the lines drawn. Subtrees as clusters
//! (`--cluster`), and the direction (`--rankdir`). Kinds are shapes and colours; the sources
//! cited are listed in a comment. Every string is escaped for DOT.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::model::EntityKind;
use crate::org::{Holder, Org};
use crate::sanitize::sanitize;
use crate::words;

use super::DumpOptions;
use super::lines::Lines;
use super::view::{Edge, LEGEND, Nest, View};

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
pub(super) fn spelled(id: &str) -> String {
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
    let (view, edges) = View::graphed(org, options);
    let title = super::graph_title(org, options, view.day);
    let id = |e: crate::org::EntityId| node_id(&org.entity(e).id);
    let holder_id = |h: Holder| match h {
        Holder::Entity(e) => id(e),
        Holder::Person(p) => person_node_id(&org.person(p).id),
    };
    out.line(format_args!("// {title}, drawn by orgtree"))?;
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
        "  graph [rankdir={}, label={}, labelloc=t, fontname=Helvetica];",
        options.graph.rankdir.word(),
        quoted(&title)
    ))?;
    out.line(format_args!(
        "  node [style=\"filled\", fontname=Helvetica, fontsize=11];"
    ))?;
    out.line("  edge [fontname=Helvetica, fontsize=9];")?;
    let mut drawn_former = false;
    for (step, open) in view.nested(options.graph.cluster) {
        let indent = "  ".repeat(open + 1);
        match step {
            Nest::Open(e) => {
                out.line(format_args!(
                    "{indent}subgraph {} {{",
                    quoted(&format!("cluster {}", spelled(&org.entity(e).id)))
                ))?;
                out.line(format_args!(
                    "{indent}  graph [label={}, style=\"rounded,dashed\", color=\"#999999\"];",
                    quoted(org.name_on(e, view.day))
                ))?;
            }
            Nest::Node(e) => {
                let (shape, color) = shape(org.kind_on(e, view.day));
                let kind = words::entity_kind(org.kind_on(e, view.day));
                if org.exists_at(e, view.day) {
                    let label = lines(&[org.name_on(e, view.day), &kind]);
                    out.line(format_args!(
                        "{indent}{} [label={label}, shape={shape}, fillcolor=\"{color}\"];",
                        id(e)
                    ))?;
                } else {
                    drawn_former = true;
                    let label = lines(&[org.name_on(e, view.day), &kind, "not at this date"]);
                    out.line(format_args!(
                        "{indent}{} [label={label}, shape={shape}, {FORMER}];",
                        id(e)
                    ))?;
                }
            }
            Nest::Close => out.line(format_args!("{indent}}}"))?,
        }
    }
    for p in view.people(&edges) {
        let label = lines(&[&org.person(p).name, "person"]);
        out.line(format_args!(
            "  {} [label={label}, shape=ellipse, fillcolor=\"#fdf1d6\"];",
            person_node_id(&org.person(p).id)
        ))?;
    }
    let mut drawn = [false; LEGEND.len()];
    for edge in &edges {
        drawn[edge.kind()] = true;
        match edge {
            Edge::Part {
                parent,
                child,
                share,
            } => match share {
                Some(share) => out.line(format_args!(
                    "  {} -> {} [label={}];",
                    id(*parent),
                    id(*child),
                    quoted(share)
                ))?,
                None => out.line(format_args!("  {} -> {};", id(*parent), id(*child)))?,
            },
            Edge::Stake {
                owner,
                owned,
                share,
            } => out.line(format_args!(
                "  {} -> {} [{STAKE}, label={}];",
                holder_id(*owner),
                id(*owned),
                quoted(share)
            ))?,
            Edge::Benefit {
                holder,
                beneficiary,
            } => out.line(format_args!(
                "  {} -> {} [{BENEFIT}, label=\"holds for\"];",
                holder_id(*holder),
                holder_id(*beneficiary)
            ))?,
            Edge::Holding {
                owner,
                owned,
                share,
                circle,
            } => {
                let (style, share) = if *circle {
                    (format!("{CIRCLE}, "), format!("{share} ↻"))
                } else {
                    (String::new(), share.clone())
                };
                out.line(format_args!(
                    "  {} -> {} [{style}label={}];",
                    holder_id(*owner),
                    id(*owned),
                    quoted(&share)
                ))?
            }
            Edge::Relation { from, to, kind } => out.line(format_args!(
                "  {} -> {} [{RELATION}, label={}];",
                id(*from),
                id(*to),
                quoted(kind)
            ))?,
        }
    }
    legend(out, drawn, drawn_former)?;
    out.line(format_args!("}}"))
}

/// How a stake that is not the parent's, a holding for a beneficiary and a relation are drawn.
const STAKE: &str = "style=dashed, color=\"#555555\"";
const BENEFIT: &str = "style=dotted, color=\"#b05a00\", arrowhead=empty";
/// An entity that does not exist at the date (`--former`): dimmed and dashed.
const FORMER: &str =
    "style=\"filled,dashed\", fillcolor=\"#f4f4f4\", color=\"#999999\", fontcolor=\"#888888\"";
const RELATION: &str = "style=dashed, color=\"#2f6fb0\", constraint=false";
/// A stake that closes a circle of holdings, on an ownership graph: it does not rank its ends,
/// so the graph still reads upward.
const CIRCLE: &str = "color=\"#c0392b\", fontcolor=\"#c0392b\", constraint=false";

/// A box that says what each kind of line drawn means.
fn legend(out: &mut Lines<impl Write>, drawn: [bool; 6], former: bool) -> io::Result<()> {
    // Each kind's style, in the legend's order.
    let styles = ["", STAKE, BENEFIT, RELATION, "", CIRCLE];
    let kinds = styles.into_iter().zip(LEGEND);
    // `\l…` is no entity's spelling (see `person_node_id`), so the legend's names are its own.
    out.line(format_args!("  subgraph {} {{", quoted("cluster \\legend")))?;
    out.line("    graph [label=\"Legend\", style=\"rounded\", color=\"#bbbbbb\", fontsize=10];")?;
    out.line("    node [shape=point, width=0.05, style=\"\"];")?;
    for (i, (style, meaning)) in kinds.enumerate().filter(|&(i, _)| drawn[i]) {
        let attributes = if style.is_empty() {
            format!("label=\"{meaning}\"")
        } else {
            format!("{style}, label=\"{meaning}\"")
        };
        out.line(format_args!(
            "    {} -> {} [{attributes}];",
            quoted(&format!("\\legend {i} a")),
            quoted(&format!("\\legend {i} b"))
        ))?;
    }
    if former {
        out.line(format_args!(
            "    {} [label=\"not existing at the date\", shape=box, width=0, height=0, {FORMER}];",
            quoted("\\legend former")
        ))?;
    }
    out.line("  }")
}
