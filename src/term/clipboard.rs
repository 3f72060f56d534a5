//! Copying for `y`, honestly: the way a copy can reach a clipboard depends on where the explorer
//! runs, and the status line says which way was taken, or that none was found.
//!
//! The choice is a pure function of an [`Environment`] (a few variables, and which programs are
//! on `PATH`), [`plan`], tried in order by [`copy`] until one way works:
//!
//! - inside tmux: `tmux load-buffer -w -`, which tmux passes on to the outer terminal's clipboard
//!   when it may (OSC 52 written by an application is dropped by tmux's default settings); over
//!   SSH, OSC 52 wrapped in tmux's passthrough after it;
//! - over SSH: OSC 52, which the local terminal may honour;
//! - locally: the system clipboard through `arboard`, then a clipboard program found on `PATH`
//!   (`wl-copy`, `xclip`, `xsel`, `pbcopy`), then OSC 52 unless the terminal is known not to
//!   read it.
//!
//! The text goes as data: on a program's standard input, never through a shell, or base64 in
//! OSC 52. It was sanitized by the explorer already.

use std::io::{self, Write};

use super::launch;

/// The programs a copy may run, by name, as [`Environment::programs`] lists them.
pub const PROGRAMS: &[&str] = &["tmux", "wl-copy", "xclip", "xsel", "pbcopy"];

/// What the choice of a way to copy depends on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// `$TMUX` is set: the explorer runs inside tmux.
    pub tmux: bool,
    /// `$SSH_TTY` or `$SSH_CONNECTION` is set: the terminal is on another machine.
    pub ssh: bool,
    /// `$DISPLAY` is set (an X server, or XWayland).
    pub x11: bool,
    /// `$WAYLAND_DISPLAY` is set.
    pub wayland: bool,
    /// The system has a clipboard of its own whatever the variables say (macOS, Windows).
    pub desktop: bool,
    /// `$TERM`.
    pub term: String,
    /// Which of [`PROGRAMS`] are on `PATH`.
    pub programs: Vec<&'static str>,
}

impl Environment {
    /// The environment of this process.
    pub fn of_process() -> Environment {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        Environment {
            tmux: set("TMUX"),
            ssh: set("SSH_TTY") || set("SSH_CONNECTION"),
            x11: set("DISPLAY"),
            wayland: set("WAYLAND_DISPLAY"),
            desktop: cfg!(any(target_os = "macos", windows)),
            term: std::env::var("TERM").unwrap_or_default(),
            programs: PROGRAMS
                .iter()
                .copied()
                .filter(|p| launch::find_program(p).is_some())
                .collect(),
        }
    }

    fn has(&self, program: &str) -> bool {
        self.programs.contains(&program)
    }
}

/// One way to put text on a clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    /// `tmux load-buffer -w -`.
    Tmux,
    /// OSC 52 to the terminal; wrapped in tmux's passthrough when `passthrough`.
    Osc52 { passthrough: bool },
    /// The system clipboard, through `arboard`.
    Native,
    /// A clipboard program, with its arguments, reading the text on standard input.
    Program(&'static str, &'static [&'static str]),
}

/// The ways to try, best first, in `env`.
pub fn plan(env: &Environment) -> Vec<Way> {
    let mut ways = Vec::new();
    if env.tmux {
        if env.has("tmux") {
            ways.push(Way::Tmux);
        }
        if env.ssh {
            ways.push(Way::Osc52 { passthrough: true });
            return ways;
        }
    } else if env.ssh {
        ways.push(Way::Osc52 { passthrough: false });
        return ways;
    }
    if env.desktop || env.x11 {
        ways.push(Way::Native);
    }
    let programs: [(bool, Way); 4] = [
        (env.wayland, Way::Program("wl-copy", &[])),
        (env.x11, Way::Program("xclip", &["-selection", "clipboard"])),
        (env.x11, Way::Program("xsel", &["-b", "-i"])),
        (env.desktop, Way::Program("pbcopy", &[])),
    ];
    for (usable, way) in programs {
        if let Way::Program(name, _) = way
            && usable
            && env.has(name)
        {
            ways.push(way);
        }
    }
    // Inside tmux, OSC 52 from an application goes nowhere unless tmux was told to pass it on;
    // the Linux console and dumb terminals do not read it at all.
    if !env.tmux && !matches!(env.term.as_str(), "linux" | "dumb" | "") {
        ways.push(Way::Osc52 { passthrough: false });
    }
    ways
}

/// How a copy went, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copied {
    By(Way),
    /// No way worked: what each one said, or that there was none to try.
    Nowhere(String),
}

impl Copied {
    /// The status line after copying `text`.
    pub fn status(&self, text: &str) -> String {
        let text = crate::sanitize::sanitize(text);
        match self {
            Copied::By(Way::Tmux) => format!(
                "copied {text} to tmux's buffer (and the system clipboard if tmux passes it on)"
            ),
            Copied::By(Way::Osc52 { passthrough: false }) => {
                format!("copied {text}: sent to your terminal with OSC 52")
            }
            Copied::By(Way::Osc52 { passthrough: true }) => {
                format!("copied {text}: sent to your terminal with OSC 52, through tmux")
            }
            Copied::By(Way::Native) => format!("copied {text} to the system clipboard"),
            Copied::By(Way::Program(name, _)) => format!("copied {text} with {name}"),
            Copied::Nowhere(why) => format!(
                "could not copy: no clipboard found ({})",
                crate::sanitize::sanitize(why)
            ),
        }
    }
}

/// OSC 52 setting the clipboard to `text`, in tmux's passthrough (every ESC doubled inside it)
/// when `passthrough`.
pub fn osc52(text: &str, passthrough: bool) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let sequence = format!("\x1b]52;c;{encoded}\x07");
    if passthrough {
        format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b"))
    } else {
        sequence
    }
}

/// What a copy needs from the session: a writer to the terminal, and the system clipboard,
/// kept open for as long as the explorer runs (on X11 its owner serves what was copied).
pub struct Clipboard {
    native: Option<arboard::Clipboard>,
}

impl Clipboard {
    pub fn new() -> Clipboard {
        Clipboard { native: None }
    }

    /// Copies `text` the first way of `ways` that works.
    pub fn copy(&mut self, ways: &[Way], text: &str, terminal: &mut impl Write) -> Copied {
        let mut failures = Vec::new();
        for &way in ways {
            match self.try_way(way, text, terminal) {
                Ok(()) => return Copied::By(way),
                Err(e) => failures.push(format!("{}: {e}", name(way))),
            }
        }
        Copied::Nowhere(if failures.is_empty() {
            "no tmux, display or clipboard program, and a terminal without OSC 52".into()
        } else {
            failures.join("; ")
        })
    }

    fn try_way(&mut self, way: Way, text: &str, terminal: &mut impl Write) -> io::Result<()> {
        match way {
            Way::Tmux => launch::fed("tmux", &["load-buffer", "-w", "-"], text),
            Way::Program(program, args) => launch::fed(program, args, text),
            Way::Osc52 { passthrough } => {
                terminal.write_all(osc52(text, passthrough).as_bytes())?;
                terminal.flush()
            }
            Way::Native => {
                let native = match &mut self.native {
                    Some(native) => native,
                    slot => slot.insert(arboard::Clipboard::new().map_err(io::Error::other)?),
                };
                native.set_text(text).map_err(io::Error::other)
            }
        }
    }
}

impl Default for Clipboard {
    fn default() -> Self {
        Clipboard::new()
    }
}

/// How a way is named when it failed.
fn name(way: Way) -> &'static str {
    match way {
        Way::Tmux => "tmux",
        Way::Osc52 { .. } => "OSC 52",
        Way::Native => "system clipboard",
        Way::Program(name, _) => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(programs: &[&'static str]) -> Environment {
        Environment {
            term: "xterm-256color".into(),
            programs: programs.to_vec(),
            ..Environment::default()
        }
    }

    const XCLIP: Way = Way::Program("xclip", &["-selection", "clipboard"]);
    const XSEL: Way = Way::Program("xsel", &["-b", "-i"]);
    const OSC52: Way = Way::Osc52 { passthrough: false };

    #[test]
    fn inside_tmux_the_buffer_comes_first_and_osc52_is_not_pretended() {
        let local = Environment {
            tmux: true,
            ..env(&["tmux"])
        };
        assert_eq!(plan(&local), [Way::Tmux]);
        // With a display, the system clipboard is tried after tmux, never OSC 52.
        let desk = Environment {
            x11: true,
            ..Environment {
                programs: vec!["tmux", "xclip"],
                ..local.clone()
            }
        };
        assert_eq!(plan(&desk), [Way::Tmux, Way::Native, XCLIP]);
        // $TMUX set but no tmux to run (a shell of another machine): nothing.
        let gone = Environment {
            tmux: true,
            ..env(&[])
        };
        assert_eq!(plan(&gone), []);
    }

    #[test]
    fn tmux_over_ssh_falls_back_to_osc52_through_the_passthrough() {
        let remote = Environment {
            tmux: true,
            ssh: true,
            x11: true,
            ..env(&["tmux", "xclip"])
        };
        assert_eq!(plan(&remote), [Way::Tmux, Way::Osc52 { passthrough: true }]);
        let no_tmux = Environment {
            programs: vec![],
            ..remote
        };
        assert_eq!(plan(&no_tmux), [Way::Osc52 { passthrough: true }]);
    }

    #[test]
    fn over_ssh_osc52_is_the_only_way_even_with_a_forwarded_display() {
        let ssh = Environment {
            ssh: true,
            x11: true,
            ..env(&["xclip", "xsel"])
        };
        assert_eq!(plan(&ssh), [OSC52]);
    }

    #[test]
    fn locally_the_system_clipboard_then_programs_then_osc52() {
        let x = Environment {
            x11: true,
            ..env(&["xclip", "xsel", "wl-copy"])
        };
        // wl-copy only with a Wayland display.
        assert_eq!(plan(&x), [Way::Native, XCLIP, XSEL, OSC52]);
        let wayland = Environment {
            wayland: true,
            ..env(&["wl-copy", "xclip"])
        };
        assert_eq!(plan(&wayland), [Way::Program("wl-copy", &[]), OSC52]);
        let mac = Environment {
            desktop: true,
            ..env(&["pbcopy"])
        };
        assert_eq!(
            plan(&mac),
            [Way::Native, Way::Program("pbcopy", &[]), OSC52]
        );
    }

    #[test]
    fn a_console_without_display_or_osc52_has_no_way() {
        for term in ["linux", "dumb", ""] {
            let console = Environment {
                term: term.into(),
                ..env(&["xclip"])
            };
            assert_eq!(plan(&console), [], "{term}");
        }
        // Any other terminal may read OSC 52.
        assert_eq!(plan(&env(&[])), [OSC52]);
    }

    #[test]
    fn osc52_is_base64_and_doubles_escapes_in_the_passthrough() {
        assert_eq!(osc52("a-b", false), "\x1b]52;c;YS1i\x07");
        assert_eq!(osc52("a-b", true), "\x1bPtmux;\x1b\x1b]52;c;YS1i\x07\x1b\\");
    }

    #[test]
    fn the_first_way_that_works_is_said_and_failures_are_listed() {
        let mut clipboard = Clipboard::new();
        let mut terminal = Vec::new();
        // A program that is nowhere fails; OSC 52 after it is written.
        let missing = Way::Program("orgtree-no-such-clipboard", &[]);
        let copied = clipboard.copy(&[missing, OSC52], "x", &mut terminal);
        assert_eq!(copied, Copied::By(OSC52));
        assert_eq!(terminal, osc52("x", false).as_bytes());
        assert!(copied.status("x").contains("with OSC 52"));
        let copied = clipboard.copy(&[missing], "x", &mut terminal);
        let status = copied.status("x");
        assert!(
            status.starts_with("could not copy: no clipboard found ("),
            "{status}"
        );
        assert!(status.contains("orgtree-no-such-clipboard:"), "{status}");
        let status = clipboard.copy(&[], "x", &mut terminal).status("x");
        assert!(status.contains("no tmux, display"), "{status}");
    }

    #[cfg(unix)]
    #[test]
    fn a_program_gets_the_text_on_its_standard_input() {
        // `grep -qxF` succeeds only when its standard input is a line that is exactly the text.
        let mut clipboard = Clipboard::new();
        let mut terminal = Vec::new();
        let text = "$(touch PWNED); `id`";
        let same = Way::Program("grep", &["-qxF", "$(touch PWNED); `id`"]);
        assert_eq!(
            clipboard.copy(&[same], text, &mut terminal),
            Copied::By(same)
        );
        let other = Way::Program("grep", &["-qxF", "something else"]);
        let copied = clipboard.copy(&[other, same], text, &mut terminal);
        assert_eq!(copied, Copied::By(same));
        assert!(terminal.is_empty());
        assert!(Copied::By(Way::Tmux).status("b").contains("tmux's buffer"));
    }
}
