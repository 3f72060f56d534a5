//! The explorer's hold on the terminal, as the event loop sees it: entering its modes, drawing
//! frames, lending the terminal to the editor and to the shell (Ctrl-z), copying (the ways are
//! [`super::clipboard`]'s), and giving it
//! back on every way out: [`Session`] gives it back on drop (errors included), and the panic
//! hook before the report is printed. The modes themselves, and the gate that keeps a restore
//! from landing inside a frame, are [`super::tty`]'s.

use std::io;
use std::path::Path;
use std::sync::Once;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::Console;
use super::clipboard::{self, Clipboard, Copied, Environment};
use super::tty::{self, Holder, Screen};
use super::{editor, launch};
use crate::app::App;

/// The terminal in the explorer's modes. Dropping it gives the terminal back.
pub struct Session {
    terminal: Terminal<CrosstermBackend<Screen>>,
    active: bool,
    /// Where the explorer runs, as copying needs to know, read once.
    environment: Environment,
    clipboard: Clipboard,
    /// Whether source URLs are drawn as OSC 8 hyperlinks ([`super::osc8`]).
    hyperlinks: bool,
}

/// Gives the terminal back: its settings as they were, main screen, no mouse capture, cursor
/// shown. Safe to call more than once, from any thread, and when nothing was changed.
pub fn restore() {
    tty::give_back(Holder::Closed);
}

/// Restores the terminal before any panic report is printed, once installed.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            report(info);
        }));
    });
}

fn terminal() -> io::Result<Terminal<CrosstermBackend<Screen>>> {
    Terminal::new(CrosstermBackend::new(Screen::default()))
}

impl Session {
    pub fn enter() -> io::Result<Session> {
        install_panic_hook();
        if let Err(e) = tty::take() {
            restore();
            return Err(e);
        }
        match terminal() {
            Ok(terminal) => Ok(Session {
                terminal,
                active: true,
                environment: Environment::of_process(),
                clipboard: Clipboard::new(),
                hyperlinks: super::osc8::supported(&super::osc8::Terminal::of_process()),
            }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Gives the terminal back for good.
    pub fn leave(mut self) {
        self.active = false;
        restore();
    }
}

impl Console for Session {
    fn size(&self) -> io::Result<(u16, u16)> {
        let size = self.terminal.size()?;
        Ok((size.width, size.height))
    }

    fn draw(&mut self, app: &App) -> io::Result<()> {
        let hyperlinks = self.hyperlinks;
        self.terminal.draw(|frame| {
            let area = frame.area();
            frame.render_widget(app, area);
            if hyperlinks {
                crate::ui::detail::hyperlinks(app, area, frame.buffer_mut());
            }
        })?;
        Ok(())
    }

    /// A fresh terminal, whose empty last frame makes the next draw paint every cell.
    /// (`Terminal::clear` would do too, but the screen was cleared when it was taken again.)
    fn repaint(&mut self) -> io::Result<()> {
        self.terminal = terminal()?;
        Ok(())
    }

    /// Puts `text` on a clipboard, the first way of those [`clipboard::plan`] chose that works.
    fn copy(&mut self, text: &str) -> Copied {
        let ways = clipboard::plan(&self.environment);
        self.clipboard.copy(&ways, text, &mut Screen::default())
    }

    /// Opens `url` with `$BROWSER` or the platform's opener, detached: the explorer keeps the
    /// terminal.
    fn open(&mut self, url: &str) -> String {
        let browser = std::env::var("BROWSER").ok();
        let (program, args) = launch::opener(browser.as_deref(), launch::Platform::current(), url);
        let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
        launch::opened(url, &program, launch::detached(&program, &args))
    }

    /// Opens `path` at `line` in `$VISUAL`, `$EDITOR` or `vi`, as [`editor::editor_command`]
    /// says: with the terminal lent to it until it exits, or detached (a window of its own).
    fn edit(&mut self, path: &Path, line: u32) -> io::Result<Option<String>> {
        let editor = ["VISUAL", "EDITOR"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|e| !e.trim().is_empty())
            .unwrap_or_else(|| "vi".to_owned());
        let path = editor_path(path)?;
        let command = editor::editor_command(&editor, &path, line);
        let program = crate::sanitize::sanitize(&command.program).into_owned();
        if command.terminal == editor::Terminal::Detach {
            return Ok(Some(
                match launch::detached(&command.program, &command.args) {
                    Ok(()) => format!("opened line {line} of the model file in `{program}`"),
                    Err(e) => {
                        format!("cannot run the editor `{program}`: {e}; set $VISUAL or $EDITOR")
                    }
                },
            ));
        }
        tty::give_back(Holder::Editor);
        let status = std::process::Command::new(&command.program)
            .args(&command.args)
            .status();
        tty::take_back_from_editor();
        self.repaint()?;
        Ok(match status {
            Ok(s) if s.success() => None,
            Ok(s) => Some(format!("the editor `{program}` exited with {s}")),
            Err(e) => Some(format!(
                "cannot run the editor `{program}`: {e}; set $VISUAL or $EDITOR"
            )),
        })
    }

    /// Stops as Ctrl-z asks: the signal thread gives the terminal back, stops the process, and
    /// after `fg` takes the terminal again and asks for a repaint.
    #[cfg(unix)]
    fn suspend(&mut self) -> io::Result<Option<String>> {
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        Ok(None)
    }

    /// Without job control there is no shell to suspend to.
    #[cfg(not(unix))]
    fn suspend(&mut self) -> io::Result<Option<String>> {
        Ok(Some("suspend is not available on this platform".to_owned()))
    }
}

/// The model file's path as the editor gets it: absolute, so that whatever the file is called
/// (`+:!cmd`, `-c…`, `--`), no editor reads it as an option or a command. `--` would do the
/// same for most editors, but not for every one.
pub fn editor_path(path: &Path) -> io::Result<std::path::PathBuf> {
    std::path::absolute(path)
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.active {
            restore();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_never_reads_the_file_name_as_an_option_or_command() {
        for name in [
            "+:!touch PWNED",
            "-c:!touch PWNED",
            "--cmd=x",
            "+1",
            "plain.yaml",
        ] {
            let path = editor_path(Path::new(name)).unwrap();
            assert!(path.is_absolute(), "{path:?}");
            assert!(path.ends_with(name), "{path:?}");
            let text = path.to_string_lossy();
            assert!(text.starts_with('/'), "{text}");
        }
    }
}
