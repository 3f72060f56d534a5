//! The `:` command line's commands, as the help, the completion and the parser name them
//! (`crate::app` runs them). Like the bindings, one table, so that they cannot disagree.

/// One command: its name, what it takes, and what it does.
#[derive(Debug)]
pub struct CommandSpec {
    pub name: &'static str,
    /// `:name`, as the help lists it.
    pub label: &'static str,
    /// Its argument, as the help and a mistake's message write it (`DATE`, `[QUERY]`).
    pub takes: &'static str,
    /// What it does, the argument first: `DATE: the date in force…`.
    pub help: &'static str,
}

const fn command(
    name: &'static str,
    label: &'static str,
    takes: &'static str,
    help: &'static str,
) -> CommandSpec {
    CommandSpec {
        name,
        label,
        takes,
        help,
    }
}

pub const COMMANDS: &[CommandSpec] = &[
    command(
        "as-of",
        ":as-of",
        "DATE",
        "DATE: the date in force (2014-06-01, 2014-06, 2014)",
    ),
    command("date", ":date", "DATE", "DATE: the same as :as-of"),
    command("goto", ":goto", "ID|NAME", "ID or NAME: select that entity"),
    command(
        "root",
        ":root",
        "[ID|NAME]",
        "ID or NAME: only its subtree; alone: all",
    ),
    command("depth", ":depth", "N", "N: show N levels of the tree"),
    command(
        "export",
        ":export",
        "FORMAT FILE",
        "FORMAT FILE: write the view to a new file",
    ),
    command(
        "filter",
        ":filter",
        "[QUERY]",
        "QUERY: keep a search; alone: clear it",
    ),
    command("help", ":help", "", "the keys and these commands"),
    command("quit", ":quit", "", "quit"),
];
