//! `--format graphml`: the view as GraphML, for Gephi, yEd, Cytoscape and networkx. The nodes
//! are the entities in view and the people holding in them; the edges are the lines DOT and
//! Mermaid draw (`View::edges`), each with what it is (`part`, `stake`, `holds_for`,
//! `relation`) and its words. Text is sanitized, then escaped for XML; ids are spelled one to
//! one, as DOT's are.

use std::io::{self, Write};

use crate::org::{EntityId, Holder, Org};
use crate::words;

use super::DumpOptions;
use super::dot::spelled;
use super::lines::Lines;
use super::view::{Edge, View};
use super::xml::xml;

pub fn write(org: &Org, options: &DumpOptions, out: &mut Lines<impl Write>) -> io::Result<()> {
    let (view, edges) = View::graphed(org, options);
    let entity = |e: EntityId| xml(&format!("e:{}", spelled(&org.entity(e).id)));
    let holder = |h: Holder| match h {
        Holder::Entity(e) => entity(e),
        Holder::Person(p) => xml(&format!("p:{}", spelled(&org.person(p).id))),
    };
    out.line(r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    out.line(r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#)?;
    for (id, on, name) in [
        ("name", "node", "name"),
        ("kind", "node", "kind"),
        ("line", "edge", "line"),
        ("label", "edge", "label"),
        ("former", "node", "former"),
    ] {
        out.line(format_args!(
            r#"  <key id="{id}" for="{on}" attr.name="{name}" attr.type="string"/>"#
        ))?;
    }
    out.line(r#"  <graph id="orgtree" edgedefault="directed">"#)?;
    out.line(format_args!(
        "    <desc>{}</desc>",
        xml(&super::graph_title(org, options, view.day))
    ))?;
    // `former`: an entity that does not exist at the date (`--former`) says so.
    let node = |out: &mut Lines<_>, id: String, name: &str, kind: &str, former: bool| {
        let former = if former {
            r#"<data key="former">true</data>"#
        } else {
            ""
        };
        out.line(format_args!(
            r#"    <node id="{id}"><data key="name">{}</data><data key="kind">{}</data>{former}</node>"#,
            xml(name),
            xml(kind)
        ))
    };
    for &(e, _) in &view.order {
        let kind = words::entity_kind(org.kind_on(e, view.day));
        let former = !org.exists_at(e, view.day);
        node(out, entity(e), org.name_on(e, view.day), &kind, former)?;
    }
    for p in view.people(&edges) {
        node(
            out,
            holder(Holder::Person(p)),
            &org.person(p).name,
            "person",
            false,
        )?;
    }
    for edge in &edges {
        let (source, target, line, label) = match edge {
            Edge::Part {
                parent,
                child,
                share,
            } => (entity(*parent), entity(*child), "part", share.clone()),
            Edge::Stake {
                owner,
                owned,
                share,
            } => (holder(*owner), entity(*owned), "stake", Some(share.clone())),
            Edge::Benefit {
                holder: h,
                beneficiary,
            } => (holder(*h), holder(*beneficiary), "holds_for", None),
            Edge::Relation { from, to, kind } => {
                (entity(*from), entity(*to), "relation", Some(kind.clone()))
            }
            Edge::Holding {
                owner,
                owned,
                share,
                circle,
            } => {
                let line = if *circle { "circle" } else { "holding" };
                (holder(*owner), entity(*owned), line, Some(share.clone()))
            }
        };
        let label = label
            .map(|l| format!(r#"<data key="label">{}</data>"#, xml(&l)))
            .unwrap_or_default();
        out.line(format_args!(
            r#"    <edge source="{source}" target="{target}"><data key="line">{line}</data>{label}</edge>"#
        ))?;
    }
    out.line("  </graph>")?;
    out.line("</graphml>")
}
