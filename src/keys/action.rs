//! Everything a person can ask of the explorer. Keys and mouse events become actions (see
//! below); [`crate::app::App::perform`] is the only way the explorer's state changes.

/// One request to the explorer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// One row (or link, in the detail pane) up or down.
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
    /// Expand or collapse the selected entity.
    Toggle,
    /// Enter: toggle in the tree, follow the link in the detail pane, choose in a list, accept
    /// the search.
    Activate,
    NextSibling,
    PrevSibling,
    ExpandSubtree,
    CollapseAll,
    /// Show this many levels of the tree.
    ExpandToDepth(u8),
    /// Move the keyboard focus between the tree and the detail pane.
    SwitchFocus,
    /// The focused pane on the whole screen, or both panes again.
    Zoom,
    /// The tree pane narrower or wider.
    NarrowerTree,
    WiderTree,
    /// The detail pane at its next or previous section's heading.
    NextSection,
    PrevSection,
    /// Put the detail pane's cursor on the selected entity's first owner.
    Owners,
    /// Show the selected entity's ownership graph in the detail pane, or its page again.
    OwnersGraph,
    /// Go back to, or forward again to, a place visited by following links.
    Back,
    Forward,
    /// Open the `:` command line; type into it; complete the word.
    Command,
    CommandInput(char),
    Complete,
    /// Open the search prompt; type into it; leave it. Backspace and Ctrl-u (`SearchBackspace`,
    /// `SearchClear`) delete in the command line too.
    Search,
    SearchInput(char),
    SearchBackspace,
    SearchClear,
    NextMatch,
    PrevMatch,
    /// Open the list of events, to pick a date.
    Timeline,
    /// Step to the previous or next event's date; back to the model's own date.
    PrevDate,
    NextDate,
    ModelDate,
    /// Hide entities that do not exist at the date in force, or show them dimmed.
    ToggleOutside,
    /// Show the whole tree when `--root` limits it to a subtree.
    WholeTree,
    /// Order children by the next of: the model's order, name, headcount, share.
    CycleSort,
    /// Switch between the tree and the box chart of the selected entity's subtree.
    ToggleChart,
    /// Show one level more, or less, in the chart.
    ChartDeeper,
    ChartShallower,
    /// Move the chart's window left or right, leaving the selection where it is.
    PanLeft,
    PanRight,
    /// Draw the relations between the chart's boxes, or not.
    ToggleRelations,
    /// Copy the selected entity's id, or its path, to the clipboard.
    CopyId,
    CopyPath,
    /// Copy, or open in the browser, the URL of the source under the detail pane's cursor or
    /// of the source page shown.
    CopyUrl,
    OpenUrl,
    /// Open the model file in the editor at the selected entity.
    Edit,
    ToggleHelp,
    /// Close what is open (a list, the help, the search), or quit when nothing is.
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
