//! The keys in force: the table's ([`super::SECTIONS`]), with the configuration's changes on
//! top. Everything that reads or shows a key goes through a [`Keymap`] — the event loop,
//! `--keys`, the help, the status line's hints and the footers — so that a key moved in the
//! configuration is moved everywhere at once.

use std::borrow::Cow;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::names::{self, MODES};
use super::{Action, Binding, COMMANDS, Hint, Key, Mode, Modes, SECTIONS, Section, When};

/// The table's keys and the configuration's changes to them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    /// In the order written: a later change of the same key in the same mode wins.
    changes: Vec<Change>,
}

/// What is wrong with a `KEY = "ACTION"` line, and in which part of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    pub part: Part,
    pub why: String,
}

/// A part of a `[keys.MODE]` table's `KEY = "ACTION"` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Mode,
    Key,
    Action,
}

/// One line of a `[keys.MODE]` table: in these modes, this key does this (or nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Change {
    modes: Modes,
    key: Key,
    action: Option<Action>,
}

/// The sections whose keys work in `mode`, in the order they are looked up.
pub fn sections(mode: Mode) -> impl Iterator<Item = &'static Section> {
    SECTIONS
        .iter()
        .copied()
        .filter(move |s| s.modes.contains(mode))
}

/// What the table alone binds `key` to in `mode`.
fn table(mode: Mode, key: Key) -> Option<Action> {
    sections(mode)
        .flat_map(|s| s.bindings)
        .flat_map(|b| b.keys)
        .find(|(k, _)| *k == key)
        .map(|&(_, action)| action)
}

/// Whether the table binds `action` to some key in `mode`: only such an action may be given
/// another key there.
fn offered(mode: Mode, action: Action) -> bool {
    sections(mode)
        .flat_map(|s| s.bindings)
        .flat_map(|b| b.keys)
        .any(|&(_, a)| a == action)
}

impl Keymap {
    /// Binds `key` to `action` (or, with `none`, to nothing) in the modes of the table
    /// `mode`, as the configuration's `[keys.MODE]` says `KEY = "ACTION"`. What is wrong is
    /// said in words a person can act on, without a place: the caller knows where it was.
    pub fn bind(&mut self, mode: &str, key: &str, action: &str) -> Result<(), Mistake> {
        let wrong = |part| move |why| Mistake { part, why };
        let modes = names::modes_named(mode)
            .ok_or_else(|| {
                let known: Vec<&str> = MODES.iter().map(|&m| names::mode_name(m)).collect();
                format!(
                    "no mode `{mode}`: the modes are {}, and all",
                    known.join(", ")
                )
            })
            .map_err(wrong(Part::Mode))?;
        let parsed = names::parse_key(key).ok_or_else(|| {
            format!(
                "`{key}` is not a key: write one character, or a name such as Enter, Esc, Tab, Space, Down, PgDn, F1, Ctrl-d"
            )
        }).map_err(wrong(Part::Key))?;
        if parsed.ctrl && parsed.code == KeyCode::Char('c') {
            return Err(wrong(Part::Key)(
                "Ctrl-c always quits at once and cannot be bound".to_owned(),
            ));
        }
        let action = if action == names::NONE {
            None
        } else {
            Some(
                names::action_named(action)
                    .ok_or_else(|| {
                        match crate::suggest::did_you_mean(
                            action,
                            names::ACTIONS.iter().map(|(n, _)| *n),
                        ) {
                            Some(near) => format!("no action `{action}`; did you mean `{near}`?"),
                            None => {
                                format!("no action `{action}` (orgtree --print-config lists them)")
                            }
                        }
                    })
                    .map_err(wrong(Part::Action))?,
            )
        };
        let modes: Vec<Mode> = match action {
            Some(a) => modes.into_iter().filter(|&m| offered(m, a)).collect(),
            None => modes,
        };
        if let (Some(a), true) = (action, modes.is_empty()) {
            let has: Vec<&str> = MODES
                .iter()
                .filter(|&&m| offered(m, a))
                .map(|&m| names::mode_name(m))
                .collect();
            return Err(wrong(Part::Action)(format!(
                "`{}` is not an action of the {mode} keys; it is one of: {}",
                names::action_name(a).unwrap_or_default(),
                has.join(", ")
            )));
        }
        self.changes.push(Change {
            modes: Modes::of(&modes),
            key: parsed,
            action,
        });
        Ok(())
    }

    /// Whether the configuration changed any key.
    pub fn is_changed(&self) -> bool {
        !self.changes.is_empty()
    }

    /// The action `key` asks for in `mode`.
    pub fn lookup(&self, mode: Mode, key: Key) -> Option<Action> {
        match self
            .changes
            .iter()
            .rev()
            .find(|c| c.key == key && c.modes.contains(mode))
        {
            Some(change) => change.action,
            None => table(mode, key),
        }
    }

    /// The action a key press asks for in `mode`.
    pub fn action_for(&self, event: KeyEvent, mode: Mode) -> Option<Action> {
        if event.kind != KeyEventKind::Press {
            return None;
        }
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let key = Key {
            code: event.code,
            ctrl,
        };
        match (self.lookup(mode, key), mode, event.code) {
            (Some(action), ..) => Some(action),
            // In the prompt, every other character is text.
            (None, Mode::Prompt, KeyCode::Char(c)) if !ctrl => Some(Action::SearchInput(c)),
            (None, Mode::Command, KeyCode::Char(c)) if !ctrl => Some(Action::CommandInput(c)),
            _ => None,
        }
    }

    /// The keys that do one of `binding`'s actions in `section`'s modes: its own keys that
    /// still do, then those the configuration gave it, each once.
    fn keys_of(&self, section: &Section, binding: &Binding) -> Vec<Key> {
        let in_force = |key: Key, action: Action| {
            MODES
                .iter()
                .any(|&m| section.modes.contains(m) && self.lookup(m, key) == Some(action))
        };
        let mut keys: Vec<Key> = Vec::new();
        let mut add = |key: Key| {
            if !keys.contains(&key) {
                keys.push(key);
            }
        };
        for &(key, action) in binding.keys {
            if in_force(key, action) {
                add(key);
            }
        }
        for change in &self.changes {
            let Some(action) = change.action else {
                continue;
            };
            let home = MODES.iter().any(|&m| {
                change.modes.contains(m)
                    && section.modes.contains(m)
                    && self.lookup(m, change.key) == Some(action)
                    && home(m, action).is_some_and(|b| std::ptr::eq(b, binding))
            });
            if home {
                add(change.key);
            }
        }
        keys
    }

    /// What the help calls `binding`'s keys: the table's label while they are the table's,
    /// else the keys in force, or `(none)`.
    pub fn label(&self, section: &Section, binding: &Binding) -> Cow<'static, str> {
        if !self.is_changed() {
            return Cow::Borrowed(binding.label);
        }
        let keys = self.keys_of(section, binding);
        let own: Vec<Key> = binding.keys.iter().map(|&(k, _)| k).collect();
        if keys == own {
            Cow::Borrowed(binding.label)
        } else if keys.is_empty() {
            Cow::Borrowed("(none)")
        } else {
            let names: Vec<String> = keys.into_iter().map(names::key_name).collect();
            Cow::Owned(names.join(" "))
        }
    }

    /// A hint as `mode` shows it: the table's words while its keys do what they did, else the
    /// keys that do it now, or nothing when no key does.
    fn hint(&self, hint: &Hint, mode: Mode) -> Option<Cow<'static, str>> {
        if !self.is_changed() {
            return Some(Cow::Borrowed(hint.text));
        }
        let mut keys: Vec<Key> = Vec::new();
        let mut same = true;
        for &key in hint.keys {
            let was = table(mode, key);
            if self.lookup(mode, key) == was {
                keys.push(key);
                continue;
            }
            same = false;
            if let Some(now) = was.and_then(|a| self.key_for(mode, a))
                && !keys.contains(&now)
            {
                keys.push(now);
            }
        }
        if same {
            return Some(Cow::Borrowed(hint.text));
        }
        if keys.is_empty() {
            return None;
        }
        let words = hint.text.split_once(' ').map_or("", |(_, w)| w);
        let names: Vec<String> = keys.into_iter().map(names::key_name).collect();
        Some(Cow::Owned(format!("{} {words}", names.join("/"))))
    }

    /// A key that does `action` in `mode`: the configuration's first, else the table's.
    fn key_for(&self, mode: Mode, action: Action) -> Option<Key> {
        let given = self
            .changes
            .iter()
            .filter(|c| c.action == Some(action) && c.modes.contains(mode))
            .map(|c| c.key);
        let table = sections(mode)
            .flat_map(|s| s.bindings)
            .flat_map(|b| b.keys)
            .filter(|&&(_, a)| a == action)
            .map(|&(k, _)| k);
        given
            .chain(table)
            .find(|&k| self.lookup(mode, k) == Some(action))
    }

    /// The status line's hints for `mode`: `? help  ↑↓ move  …`.
    pub fn hints(&self, mode: Mode, searching: bool) -> String {
        let shown = |h: &&Hint| {
            h.modes.contains(mode)
                && match h.when {
                    When::Always => true,
                    When::Idle => !searching,
                    When::Searching => searching,
                }
        };
        let texts: Vec<Cow<str>> = sections(mode)
            .flat_map(|s| s.bindings)
            .flat_map(|b| b.hints.iter().filter(shown))
            .filter_map(|h| self.hint(h, mode))
            .collect();
        texts.join("  ")
    }

    /// The hints of the sections that hold in `mode` alone: a footer's keys, without those
    /// the status line also shows everywhere.
    pub fn own_hints(&self, mode: Mode) -> String {
        let own = Modes::of(&[mode]);
        let texts: Vec<Cow<str>> = SECTIONS
            .iter()
            .filter(|s| s.modes == own)
            .flat_map(|s| s.bindings)
            .flat_map(|b| b.hints)
            .filter(|h| h.modes.contains(mode))
            .filter_map(|h| self.hint(h, mode))
            .collect();
        texts.join("  ")
    }

    /// The help's lines: each section's title, then its keys and what they do; then the
    /// commands, the search prefixes and the tree's marks.
    pub fn help_lines(&self) -> Vec<(Option<Cow<'static, str>>, &'static str)> {
        let mut lines = Vec::new();
        for (i, section) in SECTIONS.iter().enumerate() {
            if i > 0 {
                lines.push((None, ""));
            }
            lines.push((None, section.title));
            for b in section.bindings {
                lines.push((Some(self.label(section, b)), b.help));
            }
        }
        lines.push((None, ""));
        lines.push((None, "Commands (after :)"));
        for c in COMMANDS {
            lines.push((Some(Cow::Borrowed(c.label)), c.help));
        }
        lines.push((None, ""));
        lines.push((None, "Search prefixes (/d:sovereign)"));
        for (prefix, _, what) in crate::search::PREFIXES {
            lines.push((Some(Cow::Borrowed(*prefix)), what));
        }
        lines.push((
            None,
            "  no prefix: names, ids, kinds, identifiers, attributes, people",
        ));
        // What the tree rows show beside the names, under the keys.
        lines.push((None, ""));
        lines.push((None, "Tree marks"));
        for mark in crate::words::TREE_MARKS {
            lines.push((None, mark));
        }
        lines.push((None, crate::words::HEADCOUNT_LEGEND));
        lines
    }

    /// The widest label of the help, in columns.
    pub fn label_width(&self) -> usize {
        SECTIONS
            .iter()
            .flat_map(|s| s.bindings.iter().map(move |b| self.label(s, b)))
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
    }

    /// The help box's width, borders included: its widest line, and a column to spare.
    pub fn help_width(&self) -> u16 {
        let label = self.label_width();
        let widest = self
            .help_lines()
            .iter()
            .map(|(l, text)| match l {
                Some(_) => super::HELP_INDENT + label + super::HELP_GAP + text.chars().count(),
                None => 1 + text.chars().count(),
            })
            .max()
            .unwrap_or(0);
        u16::try_from(widest + 3).unwrap_or(u16::MAX)
    }
}

/// The binding a new key for `action` in `mode` is listed under: the first of the table's
/// that does it there.
fn home(mode: Mode, action: Action) -> Option<&'static Binding> {
    sections(mode)
        .flat_map(|s| s.bindings)
        .find(|b| b.keys.iter().any(|&(_, a)| a == action))
}
