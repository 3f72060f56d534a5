//! Keys shared by the panes and the chart, and the keys of the prompt and the lists on top.

use crossterm::event::KeyCode;

use super::*;
use crate::keys::{Action, Mode, Modes, Section};
use Mode::{Chart, Command, Detail, Help, Prompt, Timeline, Tree};

pub(super) const MORE: Section = Section {
    title: "Search, dates and more",
    modes: Modes::of(&[Tree, Detail, Chart]),
    bindings: &[
        bind(
            &[(key('/'), Action::Search)],
            "/",
            "search (then keep it as a filter, or clear it)",
            &[idle(&[Tree], &[key('/')], "/ search")],
        ),
        bind(
            &[(key(':'), Action::Command)],
            ":",
            "command line: :as-of, :goto, :root, :export… (below)",
            &[],
        ),
        bind(
            &[(key('n'), Action::NextMatch), (key('N'), Action::PrevMatch)],
            "n N",
            "next / previous match",
            &[searching(
                &[Tree, Detail, Chart],
                &[key('n'), key('N')],
                "n/N next/prev",
            )],
        ),
        bind(
            &[(key('t'), Action::Timeline)],
            "t",
            "timeline: pick an event to set the date",
            &[idle(&[Tree], &[key('t')], "t timeline")],
        ),
        bind(
            &[(key('<'), Action::PrevDate), (key('>'), Action::NextDate)],
            "< >",
            "date of the previous / next event",
            &[idle(&[Tree], &[key('<'), key('>')], "<> dates")],
        ),
        bind(
            &[(key('O'), Action::OwnersGraph)],
            "O",
            "ownership graph: who owns it, upward (again: back)",
            &[],
        ),
        bind(
            &[(key('T'), Action::ModelDate)],
            "T",
            "back to the model's own date",
            &[],
        ),
        bind(
            &[(key('D'), Action::ToggleOutside)],
            "D",
            "hide or dim entities not existing at the date",
            &[],
        ),
        bind(
            &[(key('s'), Action::CycleSort)],
            "s",
            "sort children: model order, name, headcount, share",
            &[],
        ),
        bind(
            &[(key('W'), Action::WholeTree)],
            "W",
            "the whole tree, when --root shows only a subtree",
            &[],
        ),
        bind(
            &[(key('y'), Action::CopyId)],
            "y",
            "copy the id of the page's entity, person or source",
            &[],
        ),
        bind(
            &[(key('Y'), Action::CopyPath)],
            "Y",
            "copy its path of ids",
            &[],
        ),
        bind(
            &[(key('e'), Action::Edit)],
            "e",
            "edit the model file at this entity ($VISUAL, $EDITOR)",
            &[],
        ),
    ],
};

pub(super) const QUITTING: Section = Section {
    title: "Quitting",
    modes: Modes::of(&[Tree, Detail, Chart]),
    bindings: &[bind(
        &[(key('q'), Action::Quit)],
        "q",
        "quit",
        &[idle(&[Tree, Chart], &[key('q')], "q quit")],
    )],
};

pub(super) const PROMPT: Section = Section {
    title: "Search prompt",
    modes: Modes::of(&[Prompt]),
    bindings: &[
        bind(
            &[(DOWN, Action::Down), (UP, Action::Up)],
            "↓ ↑",
            "next / previous match",
            &[hint(&[Prompt], &[UP, DOWN], "↑↓ move")],
        ),
        bind(
            &[(ENTER, Action::Activate)],
            "Enter",
            "keep the search as a filter",
            &[hint(&[Prompt], &[ENTER], "Enter keep")],
        ),
        bind(
            &[(ESC, Action::Escape)],
            "Esc",
            "clear the search",
            &[hint(&[Prompt], &[ESC], "Esc clear")],
        ),
    ],
};

pub(super) const TYPING: Section = Section {
    title: "Typing a search or a command",
    modes: Modes::of(&[Prompt, Command]),
    bindings: &[
        bind(
            &[(code(KeyCode::Backspace), Action::SearchBackspace)],
            "Backspace",
            "delete the last character",
            &[],
        ),
        bind(
            &[(ctrl('u'), Action::SearchClear)],
            "Ctrl-u",
            "delete the whole line",
            &[],
        ),
    ],
};

pub(super) const COMMAND: Section = Section {
    title: "Command line",
    modes: Modes::of(&[Command]),
    bindings: &[
        bind(
            &[(ENTER, Action::Activate)],
            "Enter",
            "run the command",
            &[hint(&[Command], &[ENTER], "Enter run")],
        ),
        bind(
            &[(code(KeyCode::Tab), Action::Complete)],
            "Tab",
            "complete the word; again: the next candidate",
            &[hint(&[Command], &[code(KeyCode::Tab)], "Tab complete")],
        ),
        bind(
            &[(UP, Action::Up), (DOWN, Action::Down)],
            "↑ ↓",
            "earlier / later commands",
            &[hint(&[Command], &[UP, DOWN], "↑↓ history")],
        ),
        bind(
            &[(ESC, Action::Escape)],
            "Esc",
            "close the command line",
            &[hint(&[Command], &[ESC], "Esc close")],
        ),
    ],
};

pub(super) const TIMELINE: Section = Section {
    title: "Timeline",
    modes: Modes::of(&[Timeline]),
    bindings: &[
        bind(
            LINES,
            "j k ↓ ↑",
            "next / previous event",
            &[hint(&[Timeline], &[UP, DOWN], "↑↓ move")],
        ),
        bind(
            &[(PGDN, Action::PageDown), (PGUP, Action::PageUp)],
            "PgDn PgUp",
            "one page down / up",
            &[],
        ),
        bind(ENDS, "g G", "first / last event", &[]),
        bind(
            &[(ENTER, Action::Activate)],
            "Enter",
            "set the date to the event's",
            &[hint(&[Timeline], &[ENTER], "Enter set the date")],
        ),
        bind(
            &[
                (ESC, Action::Escape),
                (key('t'), Action::Timeline),
                (key('q'), Action::Quit),
            ],
            "Esc t q",
            "close the timeline",
            &[hint(&[Timeline], &[ESC], "Esc close")],
        ),
    ],
};

pub(super) const IN_HELP: Section = Section {
    title: "In the help",
    modes: Modes::of(&[Help]),
    bindings: &[
        bind(
            LINES,
            "j k ↓ ↑",
            "scroll",
            &[hint(&[Help], &[UP, DOWN], "↑↓ scroll")],
        ),
        bind(ENDS, "g G", "top / bottom", &[]),
        bind(
            &[
                (ESC, Action::Escape),
                (key('?'), Action::ToggleHelp),
                (code(KeyCode::F(1)), Action::ToggleHelp),
                (key('q'), Action::Quit),
            ],
            "Esc ? F1 q",
            "close the help",
            &[hint(&[Help], &[ESC], "Esc close")],
        ),
    ],
};

pub(super) const ALWAYS: Section = Section {
    title: "Always",
    modes: Modes::of(&[Tree, Detail, Chart, Prompt, Command, Timeline, Help]),
    bindings: &[
        bind(
            &[(ctrl('z'), Action::Suspend)],
            "Ctrl-z",
            "suspend to the shell (fg to return)",
            &[],
        ),
        bind(
            &[(ctrl('c'), Action::Interrupt)],
            "Ctrl-c",
            "quit at once",
            &[],
        ),
    ],
};
