//! `--format markdown`: the view as a nested list — each entity with its kind, owners and
//! leaders at the date and its sources as numbered references — and a table of the sources.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::model::Ref;
use crate::org::Org;
use crate::sanitize::sanitize;
use crate::words;

use super::DumpOptions;
use super::lines::Lines;
use super::tree::{MAX_RAILS, owner_text};
use super::view::View;

/// Text that Markdown shows as written: HTML's special characters as entities (an entity in a
/// name shows as the entity, a tag as the tag), Markdown's markup characters escaped.
fn text(raw: &str) -> String {
    let mut out = String::new();
    for c in sanitize(raw).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The schemes a source's URL may have to be shown as a link; any other (`javascript:`,
/// `data:`, `vbscript:`…) is shown as text.
const LINKED_SCHEMES: &[&str] = &["http", "https", "mailto", "ftp"];

/// Whether a browser would follow `url` to a linked scheme, or to a relative address. The URL
/// is read as browsers read it: leading and trailing controls and spaces dropped, tabs and line
/// breaks removed, the scheme in any case.
fn linkable(url: &str) -> bool {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, _)) = url.split_once(':') else {
        return true;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    !is_scheme || LINKED_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str())
}

/// `url` as a link destination inside `<…>`: every byte outside the URL characters
/// percent-encoded (so no `<`, `>`, backslash, space, control or invisible character), and `&`
/// as `&amp;`, which Markdown decodes back to `&` (so no entity can spell a `:`).
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        match b {
            b'&' => out.push_str("&amp;"),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(char::from(b)),
            b'-' | b'.' | b'_' | b'~' | b':' | b'/' | b'?' | b'#' | b'[' | b']' | b'@' | b'!'
            | b'$' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b'%' => {
                out.push(char::from(b))
            }
            b => {
                // Writing to a String cannot fail.
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// A source's title, linked to its URL when the URL is safe to follow.
fn titled_link(title: &str, url: Option<&str>) -> String {
    match url {
        Some(url) if linkable(url) => format!("[{}](<{}>)", text(title), destination(url)),
        Some(url) => format!("{} ({})", text(title), text(url)),
        None => text(title),
    }
}

pub fn write(org: &Org, options: &DumpOptions, out: &mut Lines<impl Write>) -> io::Result<()> {
    let view = View::new(org, options);
    let mut cited: Vec<String> = Vec::new();
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut cite = |refs: &[Ref]| -> String {
        let mut marks = String::new();
        for r in refs {
            let n = *numbers.entry(r.value.to_string()).or_insert_with(|| {
                cited.push(r.value.to_string());
                cited.len()
            });
            marks.push_str(&format!("<sup>{n}</sup>"));
        }
        marks
    };
    out.line(format_args!("# {}", text(&org.model.title)))?;
    out.blank()?;
    out.line(format_args!("As of {}.", view.day))?;
    out.blank()?;
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
            text(org.name_on(id, view.day)),
            text(&words::entity_kind(org.kind_on(id, view.day))),
            cite(&e.sources)
        );
        let owners: Vec<String> = org
            .owners_at(id, view.day)
            .map(|s| text(&owner_text(org, &s, view.day)))
            .collect();
        if !owners.is_empty() {
            line.push_str(&format!(" — owned by {}", owners.join(", ")));
        }
        let leaders: Vec<String> = org
            .roles_in(id)
            .filter(|r| org.role_in_force(r, view.day))
            .map(|r| format!("{} ({})", text(&org.holder_name(&r)), text(&r.role.title)))
            .collect();
        if !leaders.is_empty() {
            line.push_str(&format!(" — led by {}", leaders.join(", ")));
        }
        out.line(&line)?;
    }
    if !cited.is_empty() {
        out.blank()?;
        out.line("## Sources")?;
        out.blank()?;
        out.line("| # | Title | Publisher | Date |")?;
        out.line("| --- | --- | --- | --- |")?;
        for (i, r) in cited.iter().enumerate() {
            match org.find_source(r).map(|s| org.source(s)) {
                Some(s) => {
                    let title = titled_link(&s.title, s.url.as_deref());
                    let date = s
                        .date
                        .as_ref()
                        .map(|d| d.value.to_string())
                        .unwrap_or_default();
                    out.line(format_args!(
                        "| {} | {title} | {} | {date} |",
                        i + 1,
                        text(&s.publisher)
                    ))?;
                }
                None => out.line(format_args!("| {} | {} | | |", i + 1, text(r)))?,
            }
        }
    }
    Ok(())
}
