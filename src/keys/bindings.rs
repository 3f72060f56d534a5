//! The table: every key of every mode, by section, in the order the help lists them.
//!
//! A key is looked up in the sections of the mode in force, first section first, so a section
//! listed earlier wins for a key it shares with a later one. Sections that share a mode must not
//! bind the same key (a test checks).

use crossterm::event::KeyCode;

use super::{Action, Binding, Hint, Key, Mode, Modes, Section, When};

const fn key(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn hint(modes: &[Mode], text: &'static str) -> Hint {
    Hint {
        modes: Modes::of(modes),
        text,
        when: When::Always,
    }
}

const fn idle(modes: &[Mode], text: &'static str) -> Hint {
    Hint {
        modes: Modes::of(modes),
        text,
        when: When::Idle,
    }
}

const fn searching(modes: &[Mode], text: &'static str) -> Hint {
    Hint {
        modes: Modes::of(modes),
        text,
        when: When::Searching,
    }
}

const fn bind(
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

use Mode::{Chart, Detail, Help, Prompt, Timeline, Tree};

const DOWN: Key = code(KeyCode::Down);
const UP: Key = code(KeyCode::Up);
const LEFT: Key = code(KeyCode::Left);
const RIGHT: Key = code(KeyCode::Right);
const ENTER: Key = code(KeyCode::Enter);
const ESC: Key = code(KeyCode::Esc);
const HOME: Key = code(KeyCode::Home);
const END: Key = code(KeyCode::End);
const PGDN: Key = code(KeyCode::PageDown);
const PGUP: Key = code(KeyCode::PageUp);

/// One step down or up a list, and to either end of it.
const LINES: &[(Key, Action)] = &[
    (key('j'), Action::Down),
    (DOWN, Action::Down),
    (key('k'), Action::Up),
    (UP, Action::Up),
];
const ENDS: &[(Key, Action)] = &[
    (key('g'), Action::First),
    (HOME, Action::First),
    (key('G'), Action::Last),
    (END, Action::Last),
];

pub const SECTIONS: &[Section] = &[
    Section {
        title: "Help",
        modes: Modes::of(&[Tree, Detail, Chart]),
        bindings: &[bind(
            &[
                (key('?'), Action::ToggleHelp),
                (code(KeyCode::F(1)), Action::ToggleHelp),
            ],
            "? F1",
            "this help",
            &[hint(&[Tree, Detail, Chart], "? help")],
        )],
    },
    Section {
        title: "Tree",
        modes: Modes::of(&[Tree]),
        bindings: &[
            bind(
                &[(key('j'), Action::Down), (DOWN, Action::Down)],
                "j ↓",
                "next row",
                &[idle(&[Tree], "↑↓ move")],
            ),
            bind(
                &[(key('k'), Action::Up), (UP, Action::Up)],
                "k ↑",
                "previous row",
                &[],
            ),
            bind(
                &[(ENTER, Action::Activate)],
                "Enter",
                "expand or collapse",
                &[],
            ),
            bind(
                &[(key('g'), Action::First), (HOME, Action::First)],
                "g Home",
                "first row",
                &[],
            ),
            bind(
                &[(key('G'), Action::Last), (END, Action::Last)],
                "G End",
                "last row",
                &[],
            ),
            bind(
                &[(ESC, Action::Escape)],
                "Esc",
                "clear the search, or quit",
                &[searching(&[Tree], "Esc clear")],
            ),
        ],
    },
    Section {
        title: "Detail pane",
        modes: Modes::of(&[Detail]),
        bindings: &[
            bind(
                &[(key('j'), Action::Down), (DOWN, Action::Down)],
                "j ↓",
                "next link (or line)",
                &[hint(&[Detail], "↑↓ links")],
            ),
            bind(
                &[(key('k'), Action::Up), (UP, Action::Up)],
                "k ↑",
                "previous link (or line)",
                &[],
            ),
            bind(
                &[(ENTER, Action::Activate)],
                "Enter",
                "follow the link",
                &[hint(&[Detail], "Enter follow")],
            ),
            bind(
                &[(key('g'), Action::First), (HOME, Action::First)],
                "g Home",
                "top",
                &[],
            ),
            bind(
                &[(key('G'), Action::Last), (END, Action::Last)],
                "G End",
                "bottom",
                &[],
            ),
            bind(&[(ESC, Action::Escape)], "Esc", "back to the tree", &[]),
        ],
    },
    Section {
        title: "Tree and detail pane",
        modes: Modes::of(&[Tree, Detail]),
        bindings: &[
            bind(
                &[(PGDN, Action::PageDown), (PGUP, Action::PageUp)],
                "PgDn PgUp",
                "one page down / up",
                &[],
            ),
            bind(
                &[
                    (ctrl('d'), Action::HalfPageDown),
                    (ctrl('u'), Action::HalfPageUp),
                ],
                "Ctrl-d Ctrl-u",
                "half a page down / up",
                &[],
            ),
            bind(
                &[
                    (key('h'), Action::CollapseOrParent),
                    (LEFT, Action::CollapseOrParent),
                ],
                "h ←",
                "collapse, or go to the parent",
                &[idle(&[Tree], "←→ fold")],
            ),
            bind(
                &[
                    (key('l'), Action::ExpandOrChild),
                    (RIGHT, Action::ExpandOrChild),
                ],
                "l →",
                "expand, or go to the first child",
                &[],
            ),
            bind(
                &[(key(' '), Action::Toggle)],
                "Space",
                "expand or collapse",
                &[],
            ),
            bind(
                &[
                    (key('J'), Action::NextSibling),
                    (key('K'), Action::PrevSibling),
                ],
                "J K",
                "next / previous sibling",
                &[],
            ),
            bind(
                &[(key('E'), Action::ExpandSubtree)],
                "E",
                "expand the whole subtree",
                &[],
            ),
            bind(
                &[(key('C'), Action::CollapseAll)],
                "C",
                "collapse everything",
                &[],
            ),
            bind(
                &[
                    (key('1'), Action::ExpandToDepth(1)),
                    (key('2'), Action::ExpandToDepth(2)),
                    (key('3'), Action::ExpandToDepth(3)),
                    (key('4'), Action::ExpandToDepth(4)),
                    (key('5'), Action::ExpandToDepth(5)),
                    (key('6'), Action::ExpandToDepth(6)),
                    (key('7'), Action::ExpandToDepth(7)),
                    (key('8'), Action::ExpandToDepth(8)),
                    (key('9'), Action::ExpandToDepth(9)),
                ],
                "1–9",
                "show that many levels",
                &[],
            ),
            bind(
                &[
                    (code(KeyCode::Tab), Action::SwitchFocus),
                    (code(KeyCode::BackTab), Action::SwitchFocus),
                ],
                "Tab",
                "switch between tree and detail pane",
                &[idle(&[Tree], "Tab detail"), hint(&[Detail], "Esc/Tab tree")],
            ),
            bind(
                &[(key('o'), Action::Owners)],
                "o",
                "to the owners, in the detail pane",
                &[],
            ),
            bind(
                &[(key('['), Action::Back), (ctrl('o'), Action::Back)],
                "[ Ctrl-o",
                "back to where a link was followed from",
                &[hint(&[Detail], "[ back")],
            ),
            bind(
                &[(key(']'), Action::Forward)],
                "]",
                "forward again",
                &[hint(&[Detail], "] forward")],
            ),
            bind(
                &[(key('c'), Action::ToggleChart)],
                "c",
                "box chart of the selected entity",
                &[],
            ),
        ],
    },
    Section {
        title: "Chart",
        modes: Modes::of(&[Chart]),
        bindings: &[
            bind(
                &[
                    (key('h'), Action::CollapseOrParent),
                    (LEFT, Action::CollapseOrParent),
                    (key('j'), Action::Down),
                    (DOWN, Action::Down),
                    (key('k'), Action::Up),
                    (UP, Action::Up),
                    (key('l'), Action::ExpandOrChild),
                    (RIGHT, Action::ExpandOrChild),
                ],
                "h j k l",
                "to the box left, below, above, right",
                &[hint(&[Chart], "hjkl move")],
            ),
            bind(
                &[
                    (key('J'), Action::NextSibling),
                    (key('K'), Action::PrevSibling),
                ],
                "J K",
                "next / previous box of the same parent",
                &[],
            ),
            bind(
                &[(ENTER, Action::Activate)],
                "Enter",
                "chart from the selected box",
                &[hint(&[Chart], "Enter re-root")],
            ),
            bind(
                &[
                    (key('+'), Action::ChartDeeper),
                    (key('-'), Action::ChartShallower),
                ],
                "+ -",
                "one level more / less",
                &[hint(&[Chart], "+ - levels")],
            ),
            bind(
                &[(key('['), Action::Back)],
                "[",
                "a wider chart, from the parent of its top",
                &[hint(&[Chart], "[ wider")],
            ),
            bind(
                &[(key('g'), Action::First), (HOME, Action::First)],
                "g Home",
                "to the top box",
                &[],
            ),
            bind(
                &[(key('c'), Action::ToggleChart), (ESC, Action::Escape)],
                "c Esc",
                "back to the tree",
                &[hint(&[Chart], "c tree")],
            ),
        ],
    },
    Section {
        title: "Search, dates and more",
        modes: Modes::of(&[Tree, Detail, Chart]),
        bindings: &[
            bind(
                &[(key('/'), Action::Search)],
                "/",
                "search (Enter keeps the filter, Esc clears it)",
                &[idle(&[Tree], "/ search")],
            ),
            bind(
                &[(key('n'), Action::NextMatch), (key('N'), Action::PrevMatch)],
                "n N",
                "next / previous match",
                &[searching(&[Tree, Detail, Chart], "n/N next/prev")],
            ),
            bind(
                &[(key('t'), Action::Timeline)],
                "t",
                "timeline: pick an event to set the date",
                &[idle(&[Tree], "t timeline")],
            ),
            bind(
                &[(key('<'), Action::PrevDate), (key('>'), Action::NextDate)],
                "< >",
                "date of the previous / next event",
                &[idle(&[Tree], "<> dates")],
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
                &[(key('y'), Action::CopyId)],
                "y",
                "copy the selected entity's id",
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
    },
    Section {
        title: "Quitting",
        modes: Modes::of(&[Tree, Detail, Chart]),
        bindings: &[bind(
            &[(key('q'), Action::Quit)],
            "q",
            "quit",
            &[idle(&[Tree, Chart], "q quit")],
        )],
    },
    Section {
        title: "Search prompt",
        modes: Modes::of(&[Prompt]),
        bindings: &[
            bind(
                &[(DOWN, Action::Down), (UP, Action::Up)],
                "↓ ↑",
                "next / previous match",
                &[hint(&[Prompt], "↑↓ move")],
            ),
            bind(
                &[(ENTER, Action::Activate)],
                "Enter",
                "keep the search as a filter",
                &[hint(&[Prompt], "Enter keep")],
            ),
            bind(
                &[(ESC, Action::Escape)],
                "Esc",
                "clear the search",
                &[hint(&[Prompt], "Esc clear")],
            ),
            bind(
                &[(code(KeyCode::Backspace), Action::SearchBackspace)],
                "Backspace",
                "delete the last character",
                &[],
            ),
            bind(
                &[(ctrl('u'), Action::SearchClear)],
                "Ctrl-u",
                "delete the whole query",
                &[],
            ),
        ],
    },
    Section {
        title: "Timeline",
        modes: Modes::of(&[Timeline]),
        bindings: &[
            bind(
                LINES,
                "j k ↓ ↑",
                "next / previous event",
                &[hint(&[Timeline], "↑↓ move")],
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
                &[hint(&[Timeline], "Enter set the date")],
            ),
            bind(
                &[
                    (ESC, Action::Escape),
                    (key('t'), Action::Timeline),
                    (key('q'), Action::Quit),
                ],
                "Esc t q",
                "close the timeline",
                &[hint(&[Timeline], "Esc close")],
            ),
        ],
    },
    Section {
        title: "In the help",
        modes: Modes::of(&[Help]),
        bindings: &[
            bind(LINES, "j k ↓ ↑", "scroll", &[hint(&[Help], "↑↓ scroll")]),
            bind(ENDS, "g G", "top / bottom", &[]),
            bind(
                &[
                    (ESC, Action::Escape),
                    (key('?'), Action::ToggleHelp),
                    (code(KeyCode::F(1)), Action::ToggleHelp),
                    (key('q'), Action::Quit),
                ],
                "Esc ? q",
                "close the help",
                &[hint(&[Help], "Esc close")],
            ),
        ],
    },
    Section {
        title: "Always",
        modes: Modes::of(&[Tree, Detail, Chart, Prompt, Timeline, Help]),
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
    },
];
