//! The panes' and the chart's own keys.

use crossterm::event::KeyCode;

use super::*;
use crate::keys::{Action, Mode, Modes, Section};
use Mode::{Chart, Detail, Tree};

pub(super) const HELP: Section = Section {
    title: "Help",
    modes: Modes::of(&[Tree, Detail, Chart]),
    bindings: &[bind(
        &[
            (key('?'), Action::ToggleHelp),
            (code(KeyCode::F(1)), Action::ToggleHelp),
        ],
        "? F1",
        "this help",
        &[hint(&[Tree, Detail, Chart], &[key('?')], "? help")],
    )],
};

pub(super) const TREE: Section = Section {
    title: "Tree",
    modes: Modes::of(&[Tree]),
    bindings: &[
        bind(
            &[(key('j'), Action::Down), (DOWN, Action::Down)],
            "j ↓",
            "next row",
            &[idle(&[Tree], &[UP, DOWN], "↑↓ move")],
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
            "clear the search (it never quits)",
            &[searching(&[Tree], &[ESC], "Esc clear")],
        ),
    ],
};

pub(super) const DETAIL: Section = Section {
    title: "Detail pane",
    modes: Modes::of(&[Detail]),
    bindings: &[
        bind(
            &[(key('j'), Action::Down), (DOWN, Action::Down)],
            "j ↓",
            "next link (or line)",
            &[hint(&[Detail], &[UP, DOWN], "↑↓ links")],
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
            &[hint(&[Detail], &[ENTER], "Enter follow")],
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
};

pub(super) const TREE_AND_DETAIL: Section = Section {
    title: "Tree and detail pane",
    modes: Modes::of(&[Tree, Detail]),
    bindings: &[
        bind(
            &[
                (key('}'), Action::NextSection),
                (key('{'), Action::PrevSection),
            ],
            "} {",
            "the detail pane at its next / previous section",
            &[],
        ),
        bind(
            &[(key('z'), Action::Zoom)],
            "z",
            "the focused pane on the whole screen, or both",
            &[],
        ),
        bind(
            &[
                (key('-'), Action::NarrowerTree),
                (key('+'), Action::WiderTree),
            ],
            "- +",
            "the tree pane narrower / wider",
            &[],
        ),
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
            &[idle(&[Tree], &[LEFT, RIGHT], "←→ fold")],
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
            &[
                idle(&[Tree], &[code(KeyCode::Tab)], "Tab detail"),
                hint(&[Detail], &[ESC, code(KeyCode::Tab)], "Esc/Tab tree"),
            ],
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
            &[hint(&[Detail], &[key('[')], "[ back")],
        ),
        bind(
            &[(key(']'), Action::Forward)],
            "]",
            "forward again",
            &[hint(&[Detail], &[key(']')], "] forward")],
        ),
        bind(
            &[(key('c'), Action::ToggleChart)],
            "c",
            "box chart of the selected entity",
            &[],
        ),
        bind(
            &[(key('u'), Action::CopyUrl)],
            "u",
            "copy the URL of the source under the cursor",
            &[],
        ),
        bind(
            &[(key('x'), Action::OpenUrl)],
            "x",
            "open the source's URL in the browser",
            &[],
        ),
    ],
};

pub(super) const CHART: Section = Section {
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
            "to the nearest box left, below, above, right",
            &[hint(
                &[Chart],
                &[key('h'), key('j'), key('k'), key('l')],
                "hjkl move",
            )],
        ),
        bind(
            &[
                (key('H'), Action::PanLeft),
                (key('L'), Action::PanRight),
                (PGDN, Action::PageDown),
                (PGUP, Action::PageUp),
                (ctrl('d'), Action::HalfPageDown),
                (ctrl('u'), Action::HalfPageUp),
            ],
            "H L PgDn PgUp",
            "pan left, right, down, up",
            &[hint(&[Chart], &[key('H'), key('L')], "HL pan")],
        ),
        bind(
            &[(key('r'), Action::ToggleRelations)],
            "r",
            "relations as dotted lines, on or off",
            &[hint(&[Chart], &[key('r')], "r relations")],
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
            &[hint(&[Chart], &[ENTER], "Enter re-root")],
        ),
        bind(
            &[
                (key('+'), Action::ChartDeeper),
                (key('-'), Action::ChartShallower),
            ],
            "+ -",
            "one level more / less",
            &[hint(&[Chart], &[key('+'), key('-')], "+/- levels")],
        ),
        bind(
            &[(key('['), Action::Back)],
            "[",
            "a wider chart, from the parent of its top",
            &[hint(&[Chart], &[key('[')], "[ wider")],
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
            &[hint(&[Chart], &[key('c')], "c tree")],
        ),
    ],
};
