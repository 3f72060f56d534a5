//! The table: every key of every mode, by section, in the order the help lists them.
//!
//! A key is looked up in the sections of the mode in force, first section first, so a section
//! listed earlier wins for a key it shares with a later one. Sections that share a mode must not
//! bind the same key (a test checks).

use crossterm::event::KeyCode;

use super::{Action, Binding, Hint, Key, Mode, Modes, Section, When};

mod lists;
mod panes;

pub(super) const fn key(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

pub(super) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

pub(super) const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub(super) const fn hint(modes: &[Mode], keys: &'static [Key], text: &'static str) -> Hint {
    Hint {
        modes: Modes::of(modes),
        keys,
        text,
        when: When::Always,
    }
}

pub(super) const fn idle(modes: &[Mode], keys: &'static [Key], text: &'static str) -> Hint {
    Hint {
        modes: Modes::of(modes),
        keys,
        text,
        when: When::Idle,
    }
}

pub(super) const fn searching(modes: &[Mode], keys: &'static [Key], text: &'static str) -> Hint {
    Hint {
        modes: Modes::of(modes),
        keys,
        text,
        when: When::Searching,
    }
}

pub(super) const fn bind(
    keys: &'static [(Key, Action)],
    label: &'static str,
    help: &'static str,
    hints: &'static [Hint],
) -> Binding {
    Binding {
        keys,
        label,
        help,
        hints,
    }
}

pub(super) const DOWN: Key = code(KeyCode::Down);
pub(super) const UP: Key = code(KeyCode::Up);
pub(super) const LEFT: Key = code(KeyCode::Left);
pub(super) const RIGHT: Key = code(KeyCode::Right);
pub(super) const ENTER: Key = code(KeyCode::Enter);
pub(super) const ESC: Key = code(KeyCode::Esc);
pub(super) const HOME: Key = code(KeyCode::Home);
pub(super) const END: Key = code(KeyCode::End);
pub(super) const PGDN: Key = code(KeyCode::PageDown);
pub(super) const PGUP: Key = code(KeyCode::PageUp);

/// One step down or up a list, and to either end of it.
pub(super) const LINES: &[(Key, Action)] = &[
    (key('j'), Action::Down),
    (DOWN, Action::Down),
    (key('k'), Action::Up),
    (UP, Action::Up),
];
pub(super) const ENDS: &[(Key, Action)] = &[
    (key('g'), Action::First),
    (HOME, Action::First),
    (key('G'), Action::Last),
    (END, Action::Last),
];

pub const SECTIONS: &[&Section] = &[
    &panes::HELP,
    &panes::TREE,
    &panes::DETAIL,
    &panes::TREE_AND_DETAIL,
    &panes::CHART,
    &lists::MORE,
    &lists::QUITTING,
    &lists::PROMPT,
    &lists::COMMAND,
    &lists::TYPING,
    &lists::TIMELINE,
    &lists::IN_HELP,
    &lists::ALWAYS,
];
