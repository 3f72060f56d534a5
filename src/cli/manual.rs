//! The manual page (`--man`): clap's sections for the command line, then what clap cannot know,
//! each made from where it is decided so that the page cannot drift from the program: the
//! explorer's keys as the help lists them ([`crate::keys::help_lines`]), the environment variables
//! orgtree reads, and the exit statuses from [`super::exit`] and the signals the explorer
//! handles.

use std::io;

use clap::CommandFactory;
use roff::{Roff, bold, roman};

use super::Cli;
use super::exit::{EXIT_IO, EXIT_MODEL, EXIT_OK, EXIT_USAGE};
use crate::term::Ending;

/// The environment variables orgtree reads, and what each changes.
pub const ENVIRONMENT: [(&str, &str); 21] = [
    (
        "VISUAL",
        "The editor the explorer's e opens the model file in, at the selected entity's line; \
         run directly, never through a shell, its words split at spaces.",
    ),
    (
        "EDITOR",
        "The editor, when VISUAL is not set or empty; vi when neither is.",
    ),
    (
        "NO_COLOR",
        "Set and not empty: no colours in the explorer (--color auto, the default); \
         --color always wins over it.",
    ),
    (
        "TERM",
        "dumb: no colours in the explorer (--color auto), and no progress line on a long \
         load; the terminal library reads it too.",
    ),
    (
        "COLORFGBG",
        "The terminal's text and background colours (15;0: white on black), as some terminals \
         set it: the theme's auto variant reads it when the terminal does not answer a query \
         for its background.",
    ),
    (
        "COLUMNS",
        "The columns --format chart (and svg) fits its boxes to when --width is not given \
         (20 or more), before the terminal's width and 120.",
    ),
    (
        "XDG_CACHE_HOME",
        "Where the model cache is kept: $XDG_CACHE_HOME/orgtree, else ~/.cache/orgtree (on \
         Linux; the platform's cache directory elsewhere). --no-cache neither reads nor \
         writes it.",
    ),
    (
        "XDG_CONFIG_HOME",
        "Where the configuration file is: $XDG_CONFIG_HOME/orgtree/config.toml, else \
         ~/.config/orgtree/config.toml (on Linux; the platform's configuration directory \
         elsewhere). --no-config does not read it.",
    ),
    (
        "BROWSER",
        "The program the explorer's x opens a source's URL with, before xdg-open (open on \
         macOS); run directly, the URL as its one argument.",
    ),
    (
        "PATH",
        "Where the clipboard programs (wl-copy, xclip, xsel, pbcopy) and the opener are \
         looked for.",
    ),
    (
        "HOME",
        "What ~/ at the start of an :export file name stands for.",
    ),
    (
        "TMUX",
        "Set: y copies to tmux's buffer (tmux load-buffer -w -) first, and no OSC 8 \
         hyperlinks are written.",
    ),
    (
        "SSH_TTY",
        "Set: over SSH, y copies with OSC 52 to the terminal, before any clipboard of the \
         remote machine.",
    ),
    (
        "SSH_CONNECTION",
        "The same as SSH_TTY, for a session without a terminal of its own.",
    ),
    (
        "DISPLAY",
        "Set: an X11 clipboard may be used by y (the system clipboard, or xclip and xsel).",
    ),
    (
        "WAYLAND_DISPLAY",
        "Set: a Wayland session, where y uses wl-copy when it is on PATH.",
    ),
    (
        "ORGTREE_HYPERLINKS",
        "1, yes, on or always: write source URLs as OSC 8 hyperlinks whatever the terminal; \
         0, no, off or never: never. Unset: only in terminals known to read them.",
    ),
    (
        "TERM_PROGRAM",
        "Names the terminal (iTerm.app, WezTerm, vscode, ghostty…), to tell whether it reads \
         OSC 8 hyperlinks.",
    ),
    (
        "VTE_VERSION",
        "A VTE terminal (GNOME Terminal, Tilix…) recent enough reads OSC 8 hyperlinks.",
    ),
    (
        "WT_SESSION",
        "Set: Windows Terminal, which reads OSC 8 hyperlinks.",
    ),
    (
        "KITTY_WINDOW_ID",
        "Set: kitty, which reads OSC 8 hyperlinks.",
    ),
];

/// Writes the whole page, as roff.
pub fn write(out: &mut dyn io::Write) -> io::Result<()> {
    let man = clap_mangen::Man::new(Cli::command());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    // In place of clap's EXTRA section (the help's one-line exit statuses): the page's own.
    own_sections().to_writer(out)?;
    man.render_version_section(out)
}

fn own_sections() -> Roff {
    let mut roff = Roff::new();
    keys(&mut roff);
    configuration(&mut roff);
    environment(&mut roff);
    exit_status(&mut roff);
    roff
}

/// A tagged paragraph: `tag` in bold, then `text`.
fn item(roff: &mut Roff, tag: &str, text: &str) {
    roff.control("TP", []);
    roff.text([bold(tag)]);
    roff.text([roman(text)]);
}

fn keys(roff: &mut Roff) {
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "The explorer's keys, as its help (? or F1) lists them, by where they work.",
    )]);
    // The help's lines: a title heads the keys (or commands, or prefixes) under it; a line
    // with nothing under it (the tree's marks, the headcounts) is a paragraph of its own.
    let lines = crate::keys::Keymap::default().help_lines();
    for (i, (label, text)) in lines.iter().enumerate() {
        match label {
            Some(label) => item(roff, label, text),
            None if text.is_empty() => {}
            None if lines.get(i + 1).is_some_and(|(next, _)| next.is_some()) => {
                roff.control("SS", [*text]);
            }
            None => {
                roff.control("PP", []);
                roff.text([roman(*text)]);
            }
        }
    }
}

/// The configuration file's tables, in a few words each; `--print-config` says the rest.
const CONFIGURATION: [(&str, &str); 4] = [
    (
        "[defaults]",
        "ascii, color, depth and as_of: default flags, which the command line overrides.",
    ),
    (
        "[keys.MODE]",
        "KEY = \"ACTION\" binds a key in a mode (tree, detail, chart, timeline, help, search, \
         command; all is every mode but search and command, and a mode's own table wins over \
         it); KEY = \"none\" takes one away. The help shows the keys in force. Ctrl-c always \
         quits.",
    ),
    (
        "[theme]",
        "background = \"auto\" (ask the terminal, then COLORFGBG), \"dark\" or \"light\": \
         the variant of the theme.",
    ),
    (
        "[theme.styles], [theme.dark], [theme.light]",
        "NAME = \"WORDS\" changes a named style, in both variants or in one: a colour, on a \
         background colour, and bold, dim, italic, underlined, reversed, crossed-out.",
    ),
];

fn configuration(roff: &mut Roff) {
    roff.control("SH", ["CONFIGURATION"]);
    roff.text([roman(
        "$XDG_CONFIG_HOME/orgtree/config.toml (~/.config/orgtree/config.toml), read at start \
         unless --no-config is given, and never written. orgtree --print-config prints one \
         with every setting, its default, and the actions each mode offers. A mistake in it \
         is said at its FILE:LINE:COL and never stops orgtree: what it spoils keeps its \
         default.",
    )]);
    for (table, what) in CONFIGURATION {
        item(roff, table, what);
    }
}

fn environment(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, what) in ENVIRONMENT {
        item(roff, name, what);
    }
}

/// Every status orgtree ends with, lowest first, and when.
pub fn exit_statuses() -> Vec<(i32, String)> {
    let mut statuses: Vec<(i32, String)> = [
        (
            EXIT_OK,
            "Done; in the explorer, quit with q (warnings do not fail --check).",
        ),
        (
            EXIT_MODEL,
            "The model has problems: it has errors, or did not load.",
        ),
        (EXIT_USAGE, "The command line is wrong."),
        (
            EXIT_IO,
            "Input or output failed: the model file cannot be read (missing, a directory, not \
             permitted), or the output or the terminal cannot be written.",
        ),
        (
            Ending::Interrupted.exit_code(),
            "The explorer was quit at once with Ctrl-c.",
        ),
    ]
    .into_iter()
    .map(|(code, what)| (i32::from(code), what.to_owned()))
    .collect();
    for &(name, number) in crate::term::ending_signals() {
        let code = 128 + number;
        let what = match name {
            "SIGHUP" => "The terminal went away (a SIGHUP, or its device hung up).".to_owned(),
            _ => format!("Ended by {name}, after giving the terminal back."),
        };
        match statuses.iter_mut().find(|(c, _)| *c == code) {
            Some((_, said)) => {
                said.pop();
                said.push_str(&format!(", or {name}."));
            }
            None => statuses.push((code, what)),
        }
    }
    statuses.sort_by_key(|&(code, _)| code);
    statuses
}

fn exit_status(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    for (code, what) in exit_statuses() {
        item(roff, &code.to_string(), &what);
    }
}
