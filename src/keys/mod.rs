//! What keys do: every binding of every mode in one table ([`bindings::SECTIONS`]), and the
//! configuration's changes to it ([`Keymap`]). The event loop and the headless `--screen` mode
//! map keys to actions through the keymap, and the help, the status line's hints and the
//! chart's and timeline's footers are all made from it, so they cannot disagree. Also the
//! key-script syntax of `--keys`.

mod action;
mod bindings;
mod commands;
mod keymap;
pub mod names;
mod script;

use crossterm::event::{KeyCode, MouseButton, MouseEvent, MouseEventKind};

pub use action::Action;
pub use bindings::SECTIONS;
pub use commands::{COMMANDS, CommandSpec};
pub use keymap::{Keymap, Mistake, Part, offered, sections};
pub use script::parse_script;

/// How keys are read now. The explorer computes it once per key ([`crate::app::App::mode`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

    pub const fn union(self, other: Modes) -> Modes {
        Modes(self.0 | other.0)
    }
}

/// One key as bindings name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// The keys it names, so that it can name others when they move: `↑↓ move` names Up
    /// and Down, whatever they do in its modes.
    pub keys: &'static [Key],
    /// The keys as written, a space, and the words: `↑↓ move`.
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

/// Columns before a help row's label, and after it.
pub const HELP_INDENT: usize = 3;
pub const HELP_GAP: usize = 2;

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
