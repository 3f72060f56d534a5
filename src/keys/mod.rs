//! What keys do: every binding of every mode in one table ([`bindings::SECTIONS`]). The event
//! loop and the headless `--screen` mode map keys to actions through it, and the help, the
//! status line's hints and the chart's and timeline's footers are all made from it, so they
//! cannot disagree. Also the key-script syntax of `--keys`.

mod action;
mod bindings;
mod commands;
mod script;

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

pub use action::Action;
pub use bindings::SECTIONS;
pub use commands::{COMMANDS, CommandSpec};
pub use script::parse_script;

/// How keys are read now. The explorer computes it once per key ([`crate::app::App::mode`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The panes, with the keys moving the tree.
    Tree,
    /// The panes, with the keys moving the detail pane's link cursor.
    Detail,
    /// The search prompt: keys are text.
    Prompt,
    /// The box chart.
    Chart,
    /// The help, drawn over everything.
    Help,
    /// The list of events, drawn over the panes.
    Timeline,
    /// The `:` command line: keys are text.
    Command,
}

impl Mode {
    const fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// A set of modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Modes(u8);

impl Modes {
    pub const fn of(modes: &[Mode]) -> Modes {
        let mut bits = 0;
        let mut i = 0;
        while i < modes.len() {
            bits |= modes[i].bit();
            i += 1;
        }
        Modes(bits)
    }

    pub const fn contains(self, mode: Mode) -> bool {
        self.0 & mode.bit() != 0
    }
}

/// One key as bindings name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

/// When a hint shows on the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// While no search is kept.
    Idle,
    /// While a search is kept.
    Searching,
}

/// A few words on the status line (or a footer) for a binding, in some modes.
#[derive(Debug, Clone, Copy)]
pub struct Hint {
    pub modes: Modes,
    pub text: &'static str,
    pub when: When,
}

/// Keys, what the help calls them, what they do, and the hint they give.
#[derive(Debug)]
pub struct Binding {
    pub keys: &'static [(Key, Action)],
    pub label: &'static str,
    pub help: &'static str,
    pub hints: &'static [Hint],
}

/// Bindings that hold in the same modes, under one heading of the help.
#[derive(Debug)]
pub struct Section {
    pub title: &'static str,
    pub modes: Modes,
    pub bindings: &'static [Binding],
}

/// The sections whose keys work in `mode`, in the order they are looked up.
pub fn sections(mode: Mode) -> impl Iterator<Item = &'static Section> {
    SECTIONS
        .iter()
        .copied()
        .filter(move |s| s.modes.contains(mode))
}

/// The action a key press asks for in `mode`.
pub fn action_for(event: KeyEvent, mode: Mode) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let bound = sections(mode)
        .flat_map(|s| s.bindings)
        .flat_map(|b| b.keys)
        .find(|(k, _)| k.code == event.code && k.ctrl == ctrl)
        .map(|&(_, action)| action);
    match (bound, mode, event.code) {
        (Some(action), ..) => Some(action),
        // In the prompt, every other character is text.
        (None, Mode::Prompt, KeyCode::Char(c)) if !ctrl => Some(Action::SearchInput(c)),
        (None, Mode::Command, KeyCode::Char(c)) if !ctrl => Some(Action::CommandInput(c)),
        _ => None,
    }
}

/// The status line's hints for `mode`: `? help  ↑↓ move  …`.
pub fn hints(mode: Mode, searching: bool) -> String {
    let shown = |h: &&Hint| {
        h.modes.contains(mode)
            && match h.when {
                When::Always => true,
                When::Idle => !searching,
                When::Searching => searching,
            }
    };
    let texts: Vec<&str> = sections(mode)
        .flat_map(|s| s.bindings)
        .flat_map(|b| b.hints.iter().filter(shown))
        .map(|h| h.text)
        .collect();
    texts.join("  ")
}

/// The hints of the sections that hold in `mode` alone: a footer's keys, without those the
/// status line also shows everywhere.
pub fn own_hints(mode: Mode) -> String {
    let own = Modes::of(&[mode]);
    let texts: Vec<&str> = SECTIONS
        .iter()
        .filter(|s| s.modes == own)
        .flat_map(|s| s.bindings)
        .flat_map(|b| b.hints)
        .filter(|h| h.modes.contains(mode))
        .map(|h| h.text)
        .collect();
    texts.join("  ")
}

/// The help's lines: each section's title, then its keys and what they do.
pub fn help_lines() -> Vec<(Option<&'static str>, &'static str)> {
    let mut lines = Vec::new();
    for (i, section) in SECTIONS.iter().enumerate() {
        if i > 0 {
            lines.push((None, ""));
        }
        lines.push((None, section.title));
        for b in section.bindings {
            lines.push((Some(b.label), b.help));
        }
    }
    lines.push((None, ""));
    lines.push((None, "Commands (after :)"));
    for c in COMMANDS {
        lines.push((Some(c.label), c.help));
    }
    lines.push((None, ""));
    lines.push((None, "Search prefixes (/d:sovereign)"));
    for (prefix, _, what) in crate::search::PREFIXES {
        lines.push((Some(prefix), what));
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

/// Columns before a help row's label, and after it.
pub const HELP_INDENT: usize = 3;
pub const HELP_GAP: usize = 2;

/// The help box's width, borders included: its widest line, and a column to spare.
pub fn help_width() -> u16 {
    let label = label_width();
    let widest = help_lines()
        .iter()
        .map(|(l, text)| match l {
            Some(_) => HELP_INDENT + label + HELP_GAP + text.chars().count(),
            None => 1 + text.chars().count(),
        })
        .max()
        .unwrap_or(0);
    u16::try_from(widest + 3).unwrap_or(u16::MAX)
}

/// The widest label of the help, in columns.
pub fn label_width() -> usize {
    SECTIONS
        .iter()
        .flat_map(|s| s.bindings)
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0)
}

/// The action a mouse event asks for.
pub fn mouse_action(event: MouseEvent) -> Option<Action> {
    let (column, row) = (event.column, event.row);
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp { column, row }),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown { column, row }),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
