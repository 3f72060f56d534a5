//! Whether the terminal reads OSC 8 hyperlinks, so that the detail pane may make source URLs
//! clickable (`ui::detail::hyperlinks`). A terminal that does not know the sequence may print
//! it, so the answer is no unless the terminal is one known to read it, and always no inside
//! tmux (which passes OSC 8 on only when set up for it); `ORGTREE_HYPERLINKS` (`1`/`0`) decides
//! instead when it is set.

/// What the answer depends on: the variables terminals set about themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terminal {
    /// `$ORGTREE_HYPERLINKS`.
    pub setting: Option<String>,
    /// `$TMUX` is set.
    pub tmux: bool,
    /// `$TERM`.
    pub term: String,
    /// `$TERM_PROGRAM`.
    pub program: String,
    /// `$VTE_VERSION` (GNOME Terminal, Tilix, and the other VTE terminals), as a number.
    pub vte: Option<u32>,
    /// `$WT_SESSION` is set (Windows Terminal).
    pub windows_terminal: bool,
    /// `$KITTY_WINDOW_ID` is set.
    pub kitty: bool,
}

impl Terminal {
    pub fn of_process() -> Terminal {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Terminal {
            setting: var("ORGTREE_HYPERLINKS"),
            tmux: var("TMUX").is_some(),
            term: var("TERM").unwrap_or_default(),
            program: var("TERM_PROGRAM").unwrap_or_default(),
            vte: var("VTE_VERSION").and_then(|v| v.parse().ok()),
            windows_terminal: var("WT_SESSION").is_some(),
            kitty: var("KITTY_WINDOW_ID").is_some(),
        }
    }
}

/// Terminals that say who they are in `$TERM_PROGRAM` and read OSC 8.
const PROGRAMS: &[&str] = &["iTerm.app", "WezTerm", "vscode", "ghostty", "rio", "Tabby"];

/// `$TERM` values of terminals that read OSC 8.
const TERMS: &[&str] = &[
    "xterm-kitty",
    "xterm-ghostty",
    "wezterm",
    "alacritty",
    "foot",
    "foot-extra",
];

/// Whether to write OSC 8 hyperlinks to `terminal`.
pub fn supported(terminal: &Terminal) -> bool {
    match terminal.setting.as_deref().map(str::trim) {
        Some("1" | "yes" | "on" | "always") => return true,
        Some("0" | "no" | "off" | "never") => return false,
        _ => {}
    }
    if terminal.tmux {
        return false;
    }
    PROGRAMS.contains(&terminal.program.as_str())
        || TERMS.contains(&terminal.term.as_str())
        || terminal.kitty
        || terminal.windows_terminal
        // VTE reads OSC 8 from 0.50 (VTE_VERSION 5000).
        || terminal.vte.is_some_and(|v| v >= 5000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xterm() -> Terminal {
        Terminal {
            term: "xterm-256color".into(),
            ..Terminal::default()
        }
    }

    #[test]
    fn only_terminals_known_to_read_osc8_get_it() {
        assert!(!supported(&xterm()));
        assert!(!supported(&Terminal::default()));
        for yes in [
            Terminal {
                program: "iTerm.app".into(),
                ..xterm()
            },
            Terminal {
                term: "xterm-kitty".into(),
                ..xterm()
            },
            Terminal {
                vte: Some(6003),
                ..xterm()
            },
            Terminal {
                windows_terminal: true,
                ..xterm()
            },
            Terminal {
                kitty: true,
                ..xterm()
            },
        ] {
            assert!(supported(&yes), "{yes:?}");
        }
        // A VTE before 0.50 prints the sequence.
        let old = Terminal {
            vte: Some(4802),
            ..xterm()
        };
        assert!(!supported(&old));
    }

    #[test]
    fn tmux_says_no_unless_told_and_the_setting_decides() {
        let in_tmux = Terminal {
            tmux: true,
            program: "WezTerm".into(),
            ..xterm()
        };
        assert!(!supported(&in_tmux));
        let told = Terminal {
            setting: Some("1".into()),
            ..in_tmux
        };
        assert!(supported(&told));
        let off = Terminal {
            setting: Some("0".into()),
            program: "WezTerm".into(),
            ..xterm()
        };
        assert!(!supported(&off));
        // Anything else is no setting at all.
        let unclear = Terminal {
            setting: Some("maybe".into()),
            ..xterm()
        };
        assert!(!supported(&unclear));
    }
}
