//! Everything a person can ask of the explorer. Keys and mouse events become actions (see
//! `keys`); [`super::App::perform`] is the only way the explorer's state changes.

/// One request to the explorer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// One row (or line of the detail pane) up or down.
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    First,
    Last,
    /// Collapse, or go to the parent when already collapsed.
    CollapseOrParent,
    /// Expand, or go to the first child when already expanded.
    ExpandOrChild,
    Toggle,
    NextSibling,
    PrevSibling,
    ExpandSubtree,
    CollapseAll,
    /// Show this many levels of the tree.
    ExpandToDepth(u8),
    /// Move the keyboard focus between the tree and the detail pane.
    SwitchFocus,
    ToggleHelp,
    /// Close what is open (the help), or quit when nothing is.
    Escape,
    Quit,
    /// Ctrl-c.
    Interrupt,
    /// Ctrl-z: hand the terminal back to the shell until `fg`.
    Suspend,
    /// A mouse click at a screen cell.
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel over a screen cell.
    ScrollUp {
        column: u16,
        row: u16,
    },
    ScrollDown {
        column: u16,
        row: u16,
    },
    /// The terminal's new size.
    Resize {
        width: u16,
        height: u16,
    },
}
