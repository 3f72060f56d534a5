//! The keys in force: the table's ([`super::SECTIONS`]), with the configuration's changes on
//! top. Everything that reads or shows a key goes through a [`Keymap`] — the event loop,
//! `--keys`, the help, the status line's hints and the footers — so that a key moved in the
//! configuration is moved everywhere at once.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_width::UnicodeWidthStr;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::names::{self, MODES};
use super::{Action, Binding, COMMANDS, Hint, Key, Mode, Modes, SECTIONS, Section, When};

/// The table's keys and the configuration's changes to them.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    /// What a key does in a mode, by the configuration, and when that was written: a later
    /// change of the same key in the same mode replaces an earlier one.
    changes: HashMap<(Mode, Key), Change>,
    written: usize,
    /// The help's labels, made when first asked for.
    labels: OnceLock<Vec<Vec<Cow<'static, str>>>>,
}

/// Two keymaps are the same when their keys do the same: the order they were written in and
/// the labels made from them follow.
impl PartialEq for Keymap {
    fn eq(&self, other: &Keymap) -> bool {
        let actions = |k: &Keymap| -> HashMap<(Mode, Key), Option<Action>> {
            k.changes.iter().map(|(&at, c)| (at, c.action)).collect()
        };
        actions(self) == actions(other)
    }
}

impl Eq for Keymap {}

/// The most keys the help lists for one row: a configuration can give a row hundreds.
const MOST_KEYS_SHOWN: usize = 8;

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

/// What one line of a `[keys.MODE]` table made a key do in a mode (or that it does nothing),
/// and how many lines came before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Change {
    order: usize,
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
pub fn offered(mode: Mode, action: Action) -> bool {
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
                "`{key}` is not a key: write a letter, a digit or a sign, or a name such as Enter, Esc, Tab, Space, Down, PgDn, F1, Ctrl-d"
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
                            Some(near) => format!("no action `{action}` (did you mean `{near}`?)"),
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
        for mode in modes {
            let order = self.written;
            self.changes
                .insert((mode, parsed), Change { order, action });
        }
        self.written += 1;
        self.labels = OnceLock::new();
        Ok(())
    }

    /// The modes no key leaves any more (only Ctrl-c does): each mode's ways out are its
    /// Escape, Quit, and what closes or switches it.
    pub fn stuck(&self) -> Vec<Mode> {
        if !self.is_changed() {
            return Vec::new();
        }
        MODES
            .into_iter()
            .filter(|&mode| {
                let ways: &[Action] = match mode {
                    Mode::Tree => &[Action::Quit],
                    Mode::Detail => &[Action::Escape, Action::SwitchFocus, Action::Quit],
                    Mode::Chart => &[Action::Escape, Action::ToggleChart, Action::Quit],
                    Mode::Timeline => &[Action::Escape, Action::Timeline, Action::Quit],
                    Mode::Help => &[Action::Escape, Action::ToggleHelp, Action::Quit],
                    Mode::Prompt | Mode::Command => &[Action::Escape, Action::Activate],
                };
                ways.iter().all(|&a| self.key_for(mode, a).is_none())
            })
            .collect()
    }

    /// Whether the configuration changed any key.
    pub fn is_changed(&self) -> bool {
        !self.changes.is_empty()
    }

    /// The action `key` asks for in `mode`.
    pub fn lookup(&self, mode: Mode, key: Key) -> Option<Action> {
        match self.changes.get(&(mode, key)) {
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

    /// What the help calls each binding's keys, by section and binding: the table's label
    /// while they are the table's, else the keys in force (the binding's own that still do
    /// what it does, then those the configuration gave it, in the order written), or
    /// `(none)`. Made once: a configuration can give hundreds of keys.
    fn labels(&self) -> &[Vec<Cow<'static, str>>] {
        self.labels.get_or_init(|| {
            // Where each key the configuration gave is listed: under the first binding that
            // does its action in its mode.
            let mut given: HashMap<(usize, usize), Vec<(usize, Shown)>> = HashMap::new();
            let mut homes: HashMap<(Mode, Action), Option<(usize, usize)>> = HashMap::new();
            for (&(mode, key), change) in &self.changes {
                let Some(action) = change.action else {
                    continue;
                };
                let at = *homes
                    .entry((mode, action))
                    .or_insert_with(|| home(mode, action));
                if let Some(at) = at {
                    let shown = Shown {
                        key,
                        action,
                        modes: Modes::of(&[mode]),
                    };
                    given.entry(at).or_default().push((change.order, shown));
                }
            }
            SECTIONS
                .iter()
                .enumerate()
                .map(|(s, section)| {
                    let modes: Vec<Mode> = MODES
                        .into_iter()
                        .filter(|&m| section.modes.contains(m))
                        .collect();
                    section
                        .bindings
                        .iter()
                        .enumerate()
                        .map(|(b, binding)| {
                            // The binding's own keys, in the modes where they still do what
                            // they did; then the keys given to it, each once.
                            let mut shown: Vec<Shown> = binding
                                .keys
                                .iter()
                                .filter_map(|&(key, action)| {
                                    let modes: Vec<Mode> = modes
                                        .iter()
                                        .copied()
                                        .filter(|&m| self.lookup(m, key) == Some(action))
                                        .collect();
                                    (!modes.is_empty()).then(|| Shown {
                                        key,
                                        action,
                                        modes: Modes::of(&modes),
                                    })
                                })
                                .collect();
                            let mut more = given.remove(&(s, b)).unwrap_or_default();
                            more.sort_unstable_by_key(|(order, shown)| {
                                (*order, names::key_name(shown.key))
                            });
                            for (_, new) in more {
                                match shown
                                    .iter_mut()
                                    .find(|old| old.key == new.key && old.action == new.action)
                                {
                                    Some(old) => old.modes = old.modes.union(new.modes),
                                    None => shown.push(new),
                                }
                            }
                            label_of(binding, section.modes, &shown)
                        })
                        .collect()
                })
                .collect()
        })
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
            .filter(|&(&(m, _), c)| m == mode && c.action == Some(action))
            .min_by_key(|&(&(_, key), c)| (c.order, names::key_name(key)))
            .map(|(&(_, key), _)| key);
        let table = sections(mode)
            .flat_map(|s| s.bindings)
            .flat_map(|b| b.keys)
            .filter(|&&(_, a)| a == action)
            .map(|&(k, _)| k);
        given
            .into_iter()
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
        let labels = self.labels();
        for (i, section) in SECTIONS.iter().enumerate() {
            if i > 0 {
                lines.push((None, ""));
            }
            lines.push((None, section.title));
            for (b, binding) in section.bindings.iter().enumerate() {
                lines.push((Some(labels[i][b].clone()), binding.help));
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
            "  no prefix: names (the earlier ones too), ids, other names",
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
        self.labels()
            .iter()
            .flatten()
            .map(|l| l.width())
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

/// The binding a new key for `action` in `mode` is listed under, by section and binding: the
/// first of the table's that does it there.
fn home(mode: Mode, action: Action) -> Option<(usize, usize)> {
    SECTIONS
        .iter()
        .enumerate()
        .filter(|(_, s)| s.modes.contains(mode))
        .find_map(|(s, section)| {
            let b = section
                .bindings
                .iter()
                .position(|b| b.keys.iter().any(|&(_, a)| a == action))?;
            Some((s, b))
        })
}

/// A key as the help shows it under a binding: the action it does there, and the modes of
/// the binding's section where it does it.
#[derive(Debug, Clone, Copy)]
struct Shown {
    key: Key,
    action: Action,
    modes: Modes,
}

/// A binding's label: the table's while its keys are the table's, else the keys in force (at
/// most [`MOST_KEYS_SHOWN`]), or `(none)`. A key that holds in only some of the section's
/// modes says in which (`x in tree`); a binding of several actions names each action after
/// its keys (`+ x (chart-deeper), - (chart-shallower)`), since a moved key no longer reads as
/// one of a pair.
fn label_of(binding: &Binding, section: Modes, shown: &[Shown]) -> Cow<'static, str> {
    let same = shown.len() == binding.keys.len()
        && shown
            .iter()
            .zip(binding.keys)
            .all(|(s, &(key, action))| s.key == key && s.action == action && s.modes == section);
    if same {
        return Cow::Borrowed(binding.label);
    }
    if shown.is_empty() {
        return Cow::Borrowed("(none)");
    }
    let word = |s: &Shown| {
        let name = names::key_name(s.key);
        if s.modes == section {
            return name;
        }
        let modes: Vec<&str> = MODES
            .into_iter()
            .filter(|&m| s.modes.contains(m))
            .map(names::mode_name)
            .collect();
        format!("{name} in {}", modes.join(", "))
    };
    let mut actions: Vec<Action> = Vec::new();
    for &(_, a) in binding.keys {
        if !actions.contains(&a) {
            actions.push(a);
        }
    }
    let kept: Vec<&Shown> = shown.iter().take(MOST_KEYS_SHOWN).collect();
    let mut text = if actions.len() > 1 {
        let parts: Vec<String> = actions
            .iter()
            .filter_map(|&a| {
                let words: Vec<String> = kept
                    .iter()
                    .filter(|s| s.action == a)
                    .map(|s| word(s))
                    .collect();
                (!words.is_empty()).then(|| {
                    format!(
                        "{} ({})",
                        words.join(" "),
                        names::action_name(a).unwrap_or_default()
                    )
                })
            })
            .collect();
        parts.join(", ")
    } else {
        let words: Vec<String> = kept.iter().map(|s| word(s)).collect();
        words.join(" ")
    };
    if shown.len() > MOST_KEYS_SHOWN {
        text.push_str(" …");
    }
    Cow::Owned(text)
}
