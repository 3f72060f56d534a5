//! `--format mermaid`: the view as a Mermaid `flowchart TD`, for wikis and Markdown viewers.
//! Node ids are generated (`e0`, `e1`…); labels are escaped with Mermaid's entity codes.

use std::io::{self, Write};

use crate::org::{EntityId, Org};
use crate::sanitize::sanitize;

use super::DumpOptions;
use super::view::View;

/// A label Mermaid will show as text: quotes and angle brackets as entity codes.
fn label(text: &str) -> String {
    sanitize(text)
        .replace('#', "#35;")
        .replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
}

/// The title in the YAML front matter: a double-quoted YAML scalar, so backslashes and quotes
/// are escaped the YAML way (Mermaid's entity codes are not decoded there).
fn front_matter_title(text: &str) -> String {
    sanitize(text).replace('\\', "\\\\").replace('"', "\\\"")
}

pub fn write(org: &Org, options: &DumpOptions, out: &mut impl Write) -> io::Result<()> {
    let view = View::new(org, options);
    let node = |e: EntityId| format!("e{}", e.0);
    writeln!(
        out,
        "---\ntitle: \"{} — as of {}\"\n---",
        front_matter_title(&org.model.title),
        view.day
    )?;
    writeln!(out, "flowchart TD")?;
    for &(e, _) in &view.order {
        let entity = org.entity(e);
        writeln!(
            out,
            "  {}[\"{}<br/><small>{}</small>\"]",
            node(e),
            label(&entity.name),
            label(&entity.kind.as_str().replace('_', " "))
        )?;
    }
    for &(e, _) in &view.order {
        if let Some(parent) = org.parent(e)
            && view.contains(parent)
        {
            writeln!(out, "  {} --> {}", node(parent), node(e))?;
        }
    }
    for &(e, _) in &view.order {
        for s in org.owners_at(e, Some(view.day)) {
            let Some(owner) = org.find_entity(&s.owner).filter(|&o| view.contains(o)) else {
                continue;
            };
            let share = s
                .share
                .as_ref()
                .map_or_else(|| "share unknown".to_owned(), |sh| sh.value.to_string());
            writeln!(
                out,
                "  {} -. \"{}\" .-> {}",
                node(owner),
                label(&share),
                node(e)
            )?;
        }
    }
    Ok(())
}
