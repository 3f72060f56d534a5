//! The terminal modes the explorer takes — raw mode, the alternate screen, mouse capture, a
//! hidden cursor — and their restoration, from every path: [`Session`] restores on drop (errors
//! included), the panic hook restores before the report is printed, and Ctrl-z restores until
//! the shell gives the terminal back.

use std::io::{self, Stdout, Write};
use std::sync::Once;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;

use crate::app::App;

use super::Ending;

/// The terminal in the explorer's modes. Dropping it gives the terminal back.
pub struct Session {
    terminal: Terminal<CrosstermBackend<Stdout>>,
    active: bool,
}

/// Gives the terminal back: cooked mode, main screen, no mouse capture, cursor shown. Safe to
/// call more than once and when nothing was changed.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
}

fn enter_modes() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide
    )
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

impl Session {
    pub fn enter() -> io::Result<Session> {
        install_panic_hook();
        if let Err(e) = enter_modes() {
            restore();
            return Err(e);
        }
        let terminal = match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(t) => t,
            Err(e) => {
                restore();
                return Err(e);
            }
        };
        Ok(Session {
            terminal,
            active: true,
        })
    }

    pub fn size(&self) -> io::Result<Rect> {
        let size = self.terminal.size()?;
        Ok(Rect::new(0, 0, size.width, size.height))
    }

    pub fn draw(&mut self, app: &App) -> io::Result<()> {
        self.terminal
            .draw(|frame| frame.render_widget(app, frame.area()))?;
        Ok(())
    }

    /// Hands the terminal to the shell (Ctrl-z) and takes it back after `fg`.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        io::stdout().flush()?;
        // Stops the process here; execution resumes when the shell sends SIGCONT.
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        enter_modes()?;
        // The shell drew over the screen: clear it, and start from a fresh terminal whose
        // empty last frame makes the next draw repaint everything. (`Terminal::clear` would
        // ask the terminal where its cursor is, which not every terminal answers.)
        execute!(io::stdout(), Clear(ClearType::All))?;
        self.terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(())
    }

    /// Puts `text` on the clipboard with OSC 52, which terminals (and tmux, and SSH) pass on.
    pub fn copy(&mut self, text: &str) -> io::Result<()> {
        use base64::Engine;
        let encoded = base64::engine::general_purpose::STANDARD.encode(text);
        let mut out = io::stdout();
        write!(out, "\x1b]52;c;{encoded}\x07")?;
        out.flush()
    }

    /// Opens `path` at `line` in `$VISUAL`, `$EDITOR` or `vi`, with the terminal handed over
    /// until the editor exits. Returns what went wrong, if the editor could not run.
    pub fn edit(&mut self, path: &std::path::Path, line: u32) -> io::Result<Option<String>> {
        let editor = ["VISUAL", "EDITOR"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|e| !e.trim().is_empty())
            .unwrap_or_else(|| "vi".to_owned());
        let mut words = editor.split_whitespace();
        let program = words.next().unwrap_or("vi").to_owned();
        restore();
        let status = std::process::Command::new(&program)
            .args(words)
            .arg(format!("+{line}"))
            .arg(path)
            .status();
        enter_modes()?;
        execute!(io::stdout(), Clear(ClearType::All))?;
        self.terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(match status {
            Ok(s) if s.success() => None,
            Ok(s) => Some(format!("the editor `{program}` exited with {s}")),
            Err(e) => Some(format!(
                "cannot run the editor `{program}`: {e}; set $VISUAL or $EDITOR"
            )),
        })
    }

    /// Restores the terminal and reports how the explorer ended.
    pub fn leave(mut self, ending: Ending) -> io::Result<Ending> {
        self.active = false;
        restore();
        Ok(ending)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.active {
            restore();
        }
    }
}
