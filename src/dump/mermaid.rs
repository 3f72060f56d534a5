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
use super::view::{Edge, LEGEND, Nest, View};

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

/// How a kind of line is drawn.
struct Look {
    open: &'static str,
    close: &'static str,
    style: Option<&'static str>,
}

/// Each kind of line, in the order of [`LEGEND`] ([`Edge::kind`]).
const LOOKS: [Look; 6] = [
    Look {
        open: "--",
        close: "-->",
        style: None,
    },
    Look {
        open: "-.",
        close: ".->",
        style: None,
    },
    Look {
        open: "-.",
        close: ".->",
        style: Some("stroke:#b05a00,stroke-dasharray:2 3"),
    },
    Look {
        open: "-.",
        close: ".-",
        style: Some("stroke:#2f6fb0"),
    },
    Look {
        open: "--",
        close: "-->",
        style: None,
    },
    Look {
        open: "--",
        close: "-->",
        style: Some("stroke:#c0392b"),
    },
];

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
    let mut drawn = [false; LOOKS.len()];
    for (n, edge) in edges.iter().enumerate() {
        let (from, to, text) = match edge {
            Edge::Part {
                parent,
                child,
                share,
            } => (node(*parent), node(*child), share.clone()),
            Edge::Stake {
                owner,
                owned,
                share,
            } => (holder_node(*owner), node(*owned), Some(share.clone())),
            Edge::Benefit {
                holder,
                beneficiary,
            } => (
                holder_node(*holder),
                holder_node(*beneficiary),
                Some("holds for".to_owned()),
            ),
            Edge::Holding {
                owner,
                owned,
                share,
                circle,
            } => {
                let mark = if *circle { " ↻" } else { "" };
                (
                    holder_node(*owner),
                    node(*owned),
                    Some(format!("{share}{mark}")),
                )
            }
            Edge::Relation { from, to, kind } => (node(*from), node(*to), Some(kind.clone())),
        };
        let kind = edge.kind();
        drawn[kind] = true;
        let look = &LOOKS[kind];
        if let Some(style) = look.style {
            styled.push((n, style));
        }
        match text {
            Some(text) => out.line(format_args!(
                "  {from} {} \"{}\" {} {to}",
                look.open,
                label(&text),
                look.close
            ))?,
            None => out.line(format_args!("  {from} --> {to}"))?,
        }
    }
    // The legend: a line of each kind drawn, between two blank points, and a former entity.
    out.line("  subgraph legend [\"Legend\"]")?;
    // The legend's lines are numbered after the graph's.
    let kinds = LOOKS.iter().enumerate().filter(|&(i, _)| drawn[i]);
    for (n, (i, look)) in (edges.len()..).zip(kinds) {
        out.line(format_args!(
            "    l{i}a[\" \"] {} \"{}\" {} l{i}b[\" \"]",
            look.open,
            label(LEGEND[i]),
            look.close
        ))?;
        out.line(format_args!("    class l{i}a,l{i}b point"))?;
        if let Some(style) = look.style {
            styled.push((n, style));
        }
    }
    if !formers.is_empty() {
        out.line("    lf[\"not existing at the date\"]")?;
        formers.push("lf".to_owned());
    }
    out.line("  end")?;
    out.line("  classDef point fill:none,stroke:none")?;
    for (n, style) in styled {
        out.line(format_args!("  linkStyle {n} {style}"))?;
    }
    if !formers.is_empty() {
        out.line("  classDef former fill:#f4f4f4,stroke:#999,color:#888,stroke-dasharray:3 3")?;
        out.line(format_args!("  class {} former", formers.join(",")))?;
    }
    Ok(())
}
