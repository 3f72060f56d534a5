//! The `:` command line: what a key cannot say, typed — a date (`:as-of 2014-06`), an entity to
//! go to or to root the tree at (`:goto cloudwatt`, `:root orange`), how many levels to show
//! (`:depth 3`), the current view written to a file (`:export dot org.dot`), a kept search
//! (`:filter cloud`), the help, quitting. Tab completes the command, then its argument (ids and
//! names, the model's event dates, the export formats); ↑ and ↓ walk the commands run before.
//! Parsing and completion are pure functions of the text and the org; [`App`] runs the result.

use clap::ValueEnum;

use super::{Action, App, Effect, Exit, Overlay, Target};
use crate::dump::{DumpOptions, Format};
use crate::keys::COMMANDS;
use crate::model::{Day, PartialDate};
use crate::org::{EntityId, Org};
use crate::sanitize::sanitize;

/// The longest command line, in characters.
const MAX_LINE: usize = 512;
/// How many commands the history keeps.
const MAX_HISTORY: usize = 100;
/// How many candidates one completion offers.
const MAX_CANDIDATES: usize = 200;

/// A command line, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    AsOf(Day),
    Goto(String),
    Root(Option<String>),
    Depth(usize),
    Export { format: Format, path: String },
    Filter(Option<String>),
    Help,
    Quit,
}

/// What the command line holds while it is open.
#[derive(Debug, Clone, Default)]
pub struct CommandLine {
    pub text: String,
    /// Which command of the history ↑ reached, counted from the newest.
    recalled: Option<usize>,
    /// The candidates Tab offered for the word being completed, and the next one to give.
    completing: Option<Completing>,
}

#[derive(Debug, Clone)]
struct Completing {
    /// The line before the word completed.
    stem: String,
    candidates: Vec<Candidate>,
    next: usize,
}

/// A completion: the text it puts in the line, and how the status line shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub text: String,
    pub shown: String,
}

/// Reads a command line. The error says what was wrong and how to write it.
pub fn parse(line: &str) -> Result<Command, String> {
    let line = line.trim();
    let (name, rest) = line.split_once(' ').unwrap_or((line, ""));
    let rest = rest.trim();
    let usage = |name: &str| {
        let takes = COMMANDS
            .iter()
            .find(|c| c.name == name)
            .map_or("", |c| c.takes);
        format!(":{name} takes {takes}")
    };
    let word = |rest: &str| (!rest.is_empty()).then(|| rest.to_owned());
    match name {
        "as-of" | "date" => {
            let date: PartialDate = rest
                .parse()
                .map_err(|_| format!("{}: `{}` is not a date", usage(name), sanitize(rest)))?;
            Ok(Command::AsOf(date.first_day()))
        }
        "goto" | "g" => word(rest).map(Command::Goto).ok_or_else(|| usage("goto")),
        "root" => Ok(Command::Root(word(rest))),
        "depth" => rest
            .parse::<usize>()
            .ok()
            .filter(|&n| n >= 1)
            .map(Command::Depth)
            .ok_or_else(|| usage("depth")),
        "export" => {
            let (format, path) = rest.split_once(' ').ok_or_else(|| usage("export"))?;
            let format = Format::from_str(format, true).map_err(|_| {
                format!(
                    "{}: no format `{}` (Tab lists them)",
                    usage("export"),
                    sanitize(format)
                )
            })?;
            Ok(Command::Export {
                format,
                path: path.trim().to_owned(),
            })
        }
        "filter" => Ok(Command::Filter(word(rest))),
        "help" | "h" => Ok(Command::Help),
        "quit" | "q" => Ok(Command::Quit),
        "" => Err("type a command: Tab lists them".into()),
        other => Err(format!(
            "no command `{}`: Tab lists them, :help says what they do",
            sanitize(other)
        )),
    }
}

/// The entity `query` names: its id, else a name it had (any case), else the one entity whose
/// id or name starts with it.
pub fn resolve(org: &Org, query: &str) -> Result<EntityId, String> {
    if let Some(id) = org.find_entity(query) {
        return Ok(id);
    }
    let folded = query.to_lowercase();
    let named = |e: EntityId| {
        let entity = org.entity(e);
        std::iter::once(org.name(e))
            .chain(entity.more().other_names.iter().map(String::as_str))
            .any(|n| n.to_lowercase() == folded)
    };
    if let Some(id) = org.entity_ids().find(|&e| named(e)) {
        return Ok(id);
    }
    let starts: Vec<EntityId> = org
        .entity_ids()
        .filter(|&e| {
            org.entity(e).id.value.to_lowercase().starts_with(&folded)
                || org.name(e).to_lowercase().starts_with(&folded)
        })
        .take(2)
        .collect();
    match starts[..] {
        [one] => Ok(one),
        [] => Err(format!(
            "no entity `{}`: Tab completes ids and names",
            sanitize(query)
        )),
        _ => Err(format!(
            "`{}` names more than one entity: Tab lists them",
            sanitize(query)
        )),
    }
}

/// What Tab offers for `line`: the line before the word being completed, and the candidates
/// for that word (command names; ids and names; event dates; formats).
pub fn candidates(org: &Org, line: &str) -> (String, Vec<Candidate>) {
    let plain = |text: &str| Candidate {
        text: text.to_owned(),
        shown: text.to_owned(),
    };
    let Some((name, rest)) = line.split_once(' ') else {
        let found = COMMANDS
            .iter()
            .filter(|c| c.name.starts_with(line))
            .map(|c| plain(c.name))
            .collect();
        return (String::new(), found);
    };
    let stem = format!("{name} ");
    let prefix = rest.trim_start().to_lowercase();
    let found: Vec<Candidate> = match name {
        "goto" | "g" | "root" => org
            .entity_ids()
            .filter(|&e| {
                org.entity(e).id.value.to_lowercase().starts_with(&prefix)
                    || org.name(e).to_lowercase().starts_with(&prefix)
            })
            .take(MAX_CANDIDATES)
            .map(|e| Candidate {
                text: org.entity(e).id.value.to_string(),
                shown: format!(
                    "{} ({})",
                    sanitize(&org.entity(e).id.value),
                    sanitize(org.name(e))
                ),
            })
            .collect(),
        "as-of" | "date" => {
            let mut days: Vec<String> = org
                .events_by_date()
                .map(|e| e.date.first_day().to_string())
                .filter(|d| d.starts_with(&prefix))
                .collect();
            days.dedup();
            days.iter().take(MAX_CANDIDATES).map(|d| plain(d)).collect()
        }
        "export" if !rest.trim_start().contains(' ') => Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value())
            .map(|v| v.get_name().to_owned())
            .filter(|n| n.starts_with(&prefix))
            .map(|n| plain(&n))
            .collect(),
        _ => Vec::new(),
    };
    (stem, found)
}

impl App {
    /// `:`: the command line opens, empty.
    pub(super) fn open_command_line(&mut self) {
        self.command = Some(CommandLine::default());
    }

    pub(super) fn perform_in_command(&mut self, action: Action) -> Option<Effect> {
        let line = self.command.as_mut()?;
        match action {
            Action::CommandInput(c) => {
                if line.text.chars().count() < MAX_LINE && !c.is_control() {
                    line.text.push(c);
                }
                line.completing = None;
            }
            Action::SearchBackspace => {
                line.text.pop();
                line.completing = None;
            }
            Action::SearchClear => {
                line.text.clear();
                line.completing = None;
            }
            Action::Complete => self.complete(),
            Action::Up | Action::Down => self.recall(action == Action::Up),
            Action::Escape => self.command = None,
            Action::Activate => {
                let text = std::mem::take(&mut line.text);
                self.command = None;
                return self.run_command(&text);
            }
            other => return self.perform_anywhere(other),
        }
        None
    }

    /// Tab: the next candidate for the word being completed, and the candidates on the status
    /// line.
    fn complete(&mut self) {
        let org = std::sync::Arc::clone(&self.org);
        let Some(line) = &mut self.command else {
            return;
        };
        if line.completing.is_none() {
            let (stem, candidates) = candidates(&org, &line.text);
            line.completing = Some(Completing {
                stem,
                candidates,
                next: 0,
            });
        }
        let Some(c) = &mut line.completing else {
            return;
        };
        let Some(chosen) = c.candidates.get(c.next) else {
            self.notice.status = Some("nothing to complete".into());
            return;
        };
        line.text = format!("{}{}", c.stem, chosen.text);
        let n = c.candidates.len();
        let shown: Vec<&str> = c
            .candidates
            .iter()
            .cycle()
            .skip(c.next)
            .take(n.min(8))
            .map(|c| c.shown.as_str())
            .collect();
        let more = if n > 8 { "  …" } else { "" };
        self.notice.status = Some(format!("{} of {n}: {}{more}", c.next + 1, shown.join("  ")));
        c.next = (c.next + 1) % n;
    }

    /// ↑ or ↓: an earlier or a later command of the history in the line.
    fn recall(&mut self, older: bool) {
        let Some(line) = &mut self.command else {
            return;
        };
        let count = self.history.len();
        let at = match (line.recalled, older) {
            (None, true) if count > 0 => Some(0),
            (None, _) => None,
            (Some(i), true) => Some((i + 1).min(count - 1)),
            (Some(0), false) => None,
            (Some(i), false) => Some(i - 1),
        };
        line.recalled = at;
        line.completing = None;
        line.text = at
            .map(|i| self.history[count - 1 - i].clone())
            .unwrap_or_default();
    }

    /// Runs a command line, keeping it in the history.
    fn run_command(&mut self, text: &str) -> Option<Effect> {
        let text = text.trim();
        if !text.is_empty() && self.history.last().is_none_or(|last| last != text) {
            self.history.push(text.to_owned());
            if self.history.len() > MAX_HISTORY {
                self.history.remove(0);
            }
        }
        let command = match parse(text) {
            Ok(command) => command,
            Err(why) => {
                self.notice.status = Some(why);
                return None;
            }
        };
        let resolved = |app: &App, q: &str| resolve(&app.org, q);
        match command {
            Command::AsOf(day) => {
                self.set_date(day);
                self.notice.status = Some(format!("as of {day}"));
            }
            Command::Goto(q) => match resolved(self, &q) {
                Ok(id) => self.go(Target::Entity(id)),
                Err(why) => self.notice.status = Some(why),
            },
            Command::Root(None) => self.whole_tree(),
            Command::Root(Some(q)) => match resolved(self, &q) {
                Ok(id) => {
                    let structure = std::sync::Arc::clone(&self.structure);
                    self.tree.set_scope(&structure, Some(id));
                    self.apply_filters();
                    self.select(id);
                    self.notice.status = Some(format!(
                        "only the subtree of {} is shown: :root alone or W shows the whole tree",
                        sanitize(self.org.name_on(id, self.time.as_of))
                    ));
                }
                Err(why) => self.notice.status = Some(why),
            },
            Command::Depth(levels) => {
                let structure = std::sync::Arc::clone(&self.structure);
                self.tree.expand_to_depth(&structure, levels);
            }
            Command::Export { format, path } => {
                return Some(Effect::Export {
                    path: path.into(),
                    options: Box::new(self.export_options(format)),
                });
            }
            Command::Filter(Some(q)) => self.search_for(&q),
            Command::Filter(None) => self.clear_search(),
            Command::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Command::Quit => return Some(Effect::Exit(Exit::Quit)),
        }
        None
    }

    /// What `:export` writes: the view on screen as `--format` would dump it — the chart's
    /// subtree and levels when the chart is shown, else the tree's `--root`; the date in force;
    /// the kept search; the order of children.
    fn export_options(&self, format: Format) -> DumpOptions {
        let (root, depth) = match self.chart {
            Some(view) => (Some(view.root), Some(view.depth + 1)),
            None => (self.tree.scope(), None),
        };
        DumpOptions {
            format,
            root,
            depth,
            as_of: Some(self.time.as_of),
            filter: self
                .search
                .as_ref()
                .map(|s| s.query.clone())
                .filter(|q| !q.is_empty()),
            sort: self.sort,
            width: Some(usize::from(self.screen.width).max(40)),
            ..DumpOptions::default()
        }
    }

    /// Pastes `text` into the open command line: line breaks and tabs become spaces, other
    /// control characters are dropped, and the line stops at its longest.
    pub fn paste_command(&mut self, text: &str) {
        let Some(line) = &mut self.command else {
            return;
        };
        let mut room = MAX_LINE.saturating_sub(line.text.chars().count());
        for c in text.chars().filter_map(super::searching::typed) {
            if room == 0 {
                break;
            }
            line.text.push(c);
            room -= 1;
        }
        line.completing = None;
    }

    /// The command line, while it is open.
    pub fn command_line(&self) -> Option<&str> {
        self.command.as_ref().map(|c| c.text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;

    #[test]
    fn commands_parse_or_say_how_to_write_them() {
        let day = |s: &str| s.parse::<PartialDate>().unwrap().first_day();
        assert_eq!(parse("as-of 2014-06"), Ok(Command::AsOf(day("2014-06"))));
        assert_eq!(parse(" date 2014 "), Ok(Command::AsOf(day("2014"))));
        assert_eq!(
            parse("goto Caisse des Dépôts"),
            Ok(Command::Goto("Caisse des Dépôts".into()))
        );
        assert_eq!(parse("root"), Ok(Command::Root(None)));
        assert_eq!(parse("depth 3"), Ok(Command::Depth(3)));
        assert_eq!(
            parse("export DOT my org.dot"),
            Ok(Command::Export {
                format: Format::Dot,
                path: "my org.dot".into()
            })
        );
        assert_eq!(parse("filter"), Ok(Command::Filter(None)));
        assert_eq!(parse("q"), Ok(Command::Quit));
        assert_eq!(
            parse("as-of June"),
            Err(":as-of takes DATE: `June` is not a date".into())
        );
        assert_eq!(parse("depth 0"), Err(":depth takes N".into()));
        assert_eq!(parse("export dot"), Err(":export takes FORMAT FILE".into()));
        assert!(
            parse("export png x.png")
                .unwrap_err()
                .contains("no format `png`")
        );
        assert!(
            parse("frobnicate\u{1b}[2J")
                .unwrap_err()
                .contains("\\u{1b}")
        );
    }

    #[test]
    fn names_and_ids_resolve_to_one_entity() {
        let org = load_embedded().unwrap().org;
        let id = |s: &str| org.find_entity(s).unwrap();
        assert_eq!(resolve(&org, "cloudwatt"), Ok(id("cloudwatt")));
        assert_eq!(
            resolve(&org, "caisse des dépôts"),
            Ok(id("caisse-des-depots"))
        );
        assert_eq!(resolve(&org, "Thal"), Ok(id("thales")));
        assert!(
            resolve(&org, "Orange").is_ok(),
            "an exact name wins over prefixes"
        );
        assert!(
            resolve(&org, "Orange C")
                .unwrap_err()
                .contains("more than one")
        );
        assert!(resolve(&org, "nowhere").unwrap_err().contains("no entity"));
    }

    #[test]
    fn tab_offers_commands_then_their_arguments() {
        let org = load_embedded().unwrap().org;
        let texts = |line: &str| -> Vec<String> {
            candidates(&org, line)
                .1
                .into_iter()
                .map(|c| c.text)
                .collect()
        };
        assert_eq!(texts("d"), ["date", "depth"]);
        assert_eq!(candidates(&org, "goto cl").0, "goto ");
        assert_eq!(texts("goto cl"), ["cloudwatt"]);
        let oranges = texts("root Orange");
        assert!(oranges.contains(&"orange".to_owned()), "{oranges:?}");
        assert!(
            oranges.contains(&"orange-business-services".to_owned()),
            "{oranges:?}"
        );
        assert!(!oranges.contains(&"cloudwatt".to_owned()), "{oranges:?}");
        assert!(texts("as-of 2015").contains(&"2015-03-16".to_owned()));
        assert_eq!(texts("export m"), ["mermaid", "markdown"]);
        assert!(texts("export dot x").is_empty());
        let shown = &candidates(&org, "goto cai").1[0].shown;
        assert_eq!(shown, "caisse-des-depots (Caisse des Dépôts)");
    }
}
