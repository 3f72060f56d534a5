//! `--format markdown`: the view as a nested list — each entity with its kind, owners and
//! leaders at the date and its sources as numbered references — and a table of the sources.

use std::collections::HashMap;
use std::io::{self, Write};

use crate::model::Ref;
use crate::org::Org;
use crate::sanitize::sanitize;

use super::DumpOptions;
use super::tree::{MAX_RAILS, owner_text};
use super::view::View;

/// Text that Markdown shows as written: its markup characters escaped.
fn text(raw: &str) -> String {
    let mut out = String::new();
    for c in sanitize(raw).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn write(org: &Org, options: &DumpOptions, out: &mut impl Write) -> io::Result<()> {
    let view = View::new(org, options);
    let mut cited: Vec<String> = Vec::new();
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut cite = |refs: &[Ref]| -> String {
        let mut marks = String::new();
        for r in refs {
            let n = *numbers.entry(r.value.clone()).or_insert_with(|| {
                cited.push(r.value.clone());
                cited.len()
            });
            marks.push_str(&format!("<sup>{n}</sup>"));
        }
        marks
    };
    writeln!(out, "# {}\n", text(&org.model.title))?;
    writeln!(out, "As of {}.\n", view.day)?;
    for &(id, depth) in &view.order {
        let e = org.entity(id);
        // Lists nest at most MAX_RAILS levels; deeper items say their level instead.
        let level = if depth > MAX_RAILS {
            format!("(level {depth}) ")
        } else {
            String::new()
        };
        let mut line = format!(
            "{}- {level}**{}** ({}){}",
            "  ".repeat(depth.min(MAX_RAILS)),
            text(&e.name),
            text(&e.kind.as_str().replace('_', " ")),
            cite(&e.sources)
        );
        let owners: Vec<String> = org
            .owners_at(id, Some(view.day))
            .map(|s| text(&owner_text(org, s)))
            .collect();
        if !owners.is_empty() {
            line.push_str(&format!(" — owned by {}", owners.join(", ")));
        }
        let leaders: Vec<String> = org
            .roles_in(id)
            .filter(|r| org.role_in_force(r, Some(view.day)))
            .map(|r| {
                let who = org
                    .person_of(r)
                    .map_or_else(|| r.person.value.clone(), |p| org.person(p).name.clone());
                format!("{} ({})", text(&who), text(&r.title))
            })
            .collect();
        if !leaders.is_empty() {
            line.push_str(&format!(" — led by {}", leaders.join(", ")));
        }
        writeln!(out, "{line}")?;
    }
    if !cited.is_empty() {
        writeln!(out, "\n## Sources\n")?;
        writeln!(out, "| # | Title | Publisher | Date |")?;
        writeln!(out, "| --- | --- | --- | --- |")?;
        for (i, r) in cited.iter().enumerate() {
            match org.find_source(r).map(|s| org.source(s)) {
                Some(s) => {
                    let title = match &s.url {
                        Some(url) => format!(
                            "[{}](<{}>)",
                            text(&s.title),
                            sanitize(url).replace('>', "%3E")
                        ),
                        None => text(&s.title),
                    };
                    let date = s
                        .date
                        .as_ref()
                        .map(|d| d.value.to_string())
                        .unwrap_or_default();
                    writeln!(
                        out,
                        "| {} | {title} | {} | {date} |",
                        i + 1,
                        text(&s.publisher)
                    )?;
                }
                None => writeln!(out, "| {} | {} | | |", i + 1, text(r))?,
            }
        }
    }
    Ok(())
}
