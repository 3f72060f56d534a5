//! `--format mermaid`: the view as a Mermaid flowchart (`TD`, or `LR` with `--rankdir`), for wikis
//! and Markdown viewers, with the lines `dump::dot` draws, styled by `linkStyle`, and subtrees as
//! subgraphs with `--cluster`.
//! Node ids are generated (`e0`, `e1`…); labels are escaped with Mermaid's entity codes.

use std::io::{self, Write};

use crate::org::{EntityId, Holder, Org};
use crate::sanitize::sanitize;
use crate::words;

use super::DumpOptions;
use super::lines::Lines;
use super::view::{Edge, Nest, View};

/// A label Mermaid will show as text: every character its parser or renderer gives a meaning
/// to as an entity code: `#`, which the codes are written with; `%` because
/// Mermaid reads `%%{…}%%` anywhere in the text as a directive that reconfigures the diagram;
/// `` ` `` because it opens a Markdown label; `&` so that an HTML entity shows as written.
fn label(text: &str) -> String {
    let mut out = String::new();
    for c in sanitize(text).chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '%' => out.push_str("#37;"),
            '\'' => out.push_str("#39;"),
            '`' => out.push_str("#96;"),
            '&' => out.push_str("#38;"),
            c => out.push(c),
        }
    }
    out
}

/// The title in the YAML front matter: a double-quoted YAML scalar, so backslashes and quotes
/// are escaped the YAML way (Mermaid's entity codes are not decoded there), and `%` as `\x25`,
/// which the YAML reader turns back into `%` after Mermaid has looked for directives.
fn front_matter_title(text: &str) -> String {
    let mut out = String::new();
    for c in sanitize(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '%' => out.push_str("\\x25"),
            c => out.push(c),
        }
    }
    out
}

pub fn write(org: &Org, options: &DumpOptions, out: &mut Lines<impl Write>) -> io::Result<()> {
    let (view, edges) = View::graphed(org, options);
    let node = |e: EntityId| format!("e{}", e.0);
    let holder_node = |h: Holder| match h {
        Holder::Entity(e) => node(e),
        Holder::Person(p) => format!("p{}", p.0),
    };
    out.line("---")?;
    out.line(format_args!(
        "title: \"{}\"",
        front_matter_title(&super::graph_title(org, options, view.day))
    ))?;
    out.line("---")?;
    let direction = match options.graph.rankdir {
        super::Rankdir::Tb => "TD",
        super::Rankdir::Lr => "LR",
    };
    out.line(format_args!("flowchart {direction}"))?;
    // Entities that do not exist at the date (`--former`), dimmed by a class.
    let mut formers: Vec<String> = Vec::new();
    for (step, open) in view.nested(options.graph.cluster) {
        let indent = "  ".repeat(open + 1);
        match step {
            Nest::Open(e) => out.line(format_args!(
                "{indent}subgraph c{} [\"{}\"]",
                e.0,
                label(org.name_on(e, view.day))
            ))?,
            Nest::Node(e) => {
                let former = !org.exists_at(e, view.day);
                if former {
                    formers.push(node(e));
                }
                out.line(format_args!(
                    "{indent}{}[\"{}<br/><small>{}{}</small>\"]",
                    node(e),
                    label(org.name_on(e, view.day)),
                    label(&words::entity_kind(org.kind_on(e, view.day))),
                    if former { " · not at this date" } else { "" }
                ))?
            }
            Nest::Close => out.line(format_args!("{indent}end"))?,
        }
    }
    for p in view.people(&edges) {
        out.line(format_args!(
            "  {}([\"{}<br/><small>person</small>\"])",
            holder_node(Holder::Person(p)),
            label(&org.person(p).name)
        ))?;
    }
    // Lines are numbered in the order they are written; the styles name them by number.
    let mut styled: Vec<(usize, &str)> = Vec::new();
    for (n, edge) in edges.iter().enumerate() {
        match edge {
            Edge::Part {
                parent,
                child,
                share,
            } => match share {
                Some(share) => out.line(format_args!(
                    "  {} -- \"{}\" --> {}",
                    node(*parent),
                    label(share),
                    node(*child)
                ))?,
                None => out.line(format_args!("  {} --> {}", node(*parent), node(*child)))?,
            },
            Edge::Stake {
                owner,
                owned,
                share,
            } => out.line(format_args!(
                "  {} -. \"{}\" .-> {}",
                holder_node(*owner),
                label(share),
                node(*owned)
            ))?,
            Edge::Benefit {
                holder,
                beneficiary,
            } => {
                styled.push((n, "stroke:#b05a00,stroke-dasharray:2 3"));
                out.line(format_args!(
                    "  {} -. \"holds for\" .-> {}",
                    holder_node(*holder),
                    holder_node(*beneficiary)
                ))?
            }
            Edge::Holding {
                owner,
                owned,
                share,
                circle,
            } => {
                let mark = if *circle {
                    styled.push((n, "stroke:#c0392b"));
                    " ↻"
                } else {
                    ""
                };
                out.line(format_args!(
                    "  {} -- \"{}{mark}\" --> {}",
                    holder_node(*owner),
                    label(share),
                    node(*owned)
                ))?
            }
            Edge::Relation { from, to, kind } => {
                styled.push((n, "stroke:#2f6fb0"));
                out.line(format_args!(
                    "  {} -. \"{}\" .- {}",
                    node(*from),
                    label(kind),
                    node(*to)
                ))?
            }
        }
    }
    for (n, style) in styled {
        out.line(format_args!("  linkStyle {n} {style}"))?;
    }
    if !formers.is_empty() {
        out.line("  classDef former fill:#f4f4f4,stroke:#999,color:#888,stroke-dasharray:3 3")?;
        out.line(format_args!("  class {} former", formers.join(",")))?;
    }
    Ok(())
}
