//! The terminal device as every thread of the explorer shares it: its settings before the
//! explorer changed them, the escape sequences that enter and leave the explorer's screen, and a
//! gate that every byte for the screen goes through.
//!
//! The gate is what lets a signal or a hang-up end the process from another thread however
//! stuck the event loop is: whoever changes the terminal's state holds it, so a restore never
//! lands in the middle of a frame, and while the terminal is given back (Ctrl-z, the editor, the
//! end) frames are dropped instead of drawn over the shell. Raw mode is set here (on the device
//! of [`super::device`]), with the settings saved once at the start, rather than through
//! crossterm, whose own record of them cannot be put back from another thread and then entered
//! again after `fg`.

use std::io::{self, Write};
use std::sync::{Mutex, MutexGuard, OnceLock, TryLockError};
use std::time::{Duration, Instant};

use crossterm::Command;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};

#[cfg(unix)]
pub use super::device::wait_for_hangup;
use super::device::{self, Settings};
pub use super::device::{reachable, read_keys_from_terminal};

/// Who has the terminal now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// Nobody yet: the explorer has not taken it.
    Shell,
    /// The explorer: raw mode, its own screen; frames are drawn.
    Explorer,
    /// Given back to the shell until `fg` (Ctrl-z, SIGTSTP); frames are dropped.
    Suspended,
    /// Lent to the editor, which draws its own screen and takes its own signals.
    Editor,
    /// Given back for good: the explorer is ending.
    Closed,
}

struct Gate {
    holder: Holder,
    /// An exit status asked for while the editor had the terminal, for when it gives it back.
    deferred: Option<i32>,
}

static GATE: Mutex<Gate> = Mutex::new(Gate {
    holder: Holder::Shell,
    deferred: None,
});

/// The terminal's settings before raw mode, saved the first time the explorer takes it.
static SAVED: OnceLock<Settings> = OnceLock::new();

/// Takes the gate, waiting at most `patience`: a thread stuck while holding it (a write to a
/// terminal that does not drain) must not keep a signal from ending the process. `None` when it
/// could not be had in time; the caller then goes on without it.
fn gate(patience: Duration) -> Option<MutexGuard<'static, Gate>> {
    let deadline = Instant::now() + patience;
    loop {
        match GATE.try_lock() {
            Ok(guard) => return Some(guard),
            // A thread panicked while holding it: the state it guards is one word, still valid.
            Err(TryLockError::Poisoned(poisoned)) => return Some(poisoned.into_inner()),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(TryLockError::WouldBlock) => return None,
        }
    }
}

/// How long a restore waits for a frame being written to finish.
const PATIENCE: Duration = Duration::from_millis(300);

fn ansi(commands: &[&dyn Fn(&mut String) -> std::fmt::Result]) -> String {
    let mut out = String::new();
    for command in commands {
        // Writing to a String cannot fail.
        let _ = command(&mut out);
    }
    out
}

/// The sequences that put the explorer's screen up: the alternate screen, mouse reports,
/// bracketed paste, no cursor.
fn enter_sequence() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        ansi(&[
            &|s| EnterAlternateScreen.write_ansi(s),
            &|s| EnableMouseCapture.write_ansi(s),
            &|s| EnableBracketedPaste.write_ansi(s),
            &|s| crossterm::cursor::Hide.write_ansi(s),
            &|s| Clear(ClearType::All).write_ansi(s),
        ])
    })
}

/// The sequences that take it down again, in the reverse order.
fn leave_sequence() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        ansi(&[
            &|s| DisableBracketedPaste.write_ansi(s),
            &|s| DisableMouseCapture.write_ansi(s),
            &|s| LeaveAlternateScreen.write_ansi(s),
            &|s| crossterm::cursor::Show.write_ansi(s),
        ])
    })
}

/// Raw mode, made from the settings saved at the start.
fn raw_on() -> io::Result<()> {
    let saved = SAVED
        .get()
        .ok_or_else(|| io::Error::other("the terminal's settings were never read"))?;
    device::raw(saved)
}

/// The settings as they were before the explorer, when it changed them.
fn raw_off() {
    if let Some(saved) = SAVED.get() {
        device::restore(saved);
    }
}

/// Takes the terminal for the explorer: raw mode and its screen. Reads the settings to come
/// back to first, once.
pub fn take() -> io::Result<()> {
    let saved = device::settings()?;
    let _ = SAVED.set(saved);
    let mut gate = gate(PATIENCE).ok_or_else(|| io::Error::other("terminal busy"))?;
    raw_on()?;
    device::write_raw(enter_sequence().as_bytes());
    gate.holder = Holder::Explorer;
    Ok(())
}

/// Gives the terminal back to `to` (the shell, the editor, or for good): its settings as they
/// were, the main screen, mouse reports off, the cursor shown. Safe to call from any thread, more
/// than once, and on a terminal that is gone.
pub fn give_back(to: Holder) {
    let guard = gate(PATIENCE);
    let was = guard.as_ref().map_or(Holder::Explorer, |g| g.holder);
    // The editor put its own screen up and down; the shell's never changed.
    if matches!(was, Holder::Explorer) {
        device::write_raw(leave_sequence().as_bytes());
        raw_off();
    }
    if let Some(mut g) = guard {
        g.holder = to;
    }
}

/// Takes the terminal again after `fg` or the editor: raw mode and the explorer's screen, cleared
/// for a full repaint. Also after a SIGSTOP the explorer could not see coming, when the shell
/// may have changed the settings while it was stopped. Does nothing once the explorer is ending,
/// or while the editor has the terminal.
pub fn take_again(from: &[Holder]) -> bool {
    let Some(mut g) = gate(PATIENCE) else {
        return false;
    };
    if !from.contains(&g.holder) {
        return false;
    }
    let _ = raw_on();
    device::write_raw(enter_sequence().as_bytes());
    g.holder = Holder::Explorer;
    true
}

/// Ends the process with `code` (see [`end_now`]), or, while the editor has the terminal, once
/// the editor exits: ending now would leave the editor's own modes on the terminal.
pub fn end_or_defer(code: i32) {
    if let Some(mut g) = gate(PATIENCE)
        && g.holder == Holder::Editor
    {
        g.deferred.get_or_insert(code);
        return;
    }
    end_now(code)
}

/// Takes the terminal back from the editor; ends the process if a signal asked for it
/// meanwhile.
pub fn take_back_from_editor() {
    let deferred = match gate(PATIENCE) {
        Some(mut g) if g.holder == Holder::Editor => {
            g.holder = Holder::Shell;
            g.deferred.take()
        }
        _ => None,
    };
    if let Some(code) = deferred {
        // The editor gave the terminal back as it found it; there is nothing to restore.
        end_now(code);
    }
    take_again(&[Holder::Shell]);
}

/// Who has the terminal now.
pub fn holder() -> Holder {
    gate(PATIENCE).map_or(Holder::Explorer, |g| g.holder)
}

/// The screen's writer: frames go through the gate, and are dropped while the terminal is not
/// the explorer's.
#[derive(Debug, Default)]
pub struct Screen {
    pending: Vec<u8>,
}

impl Write for Screen {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        Ok(buf.len())
    }

    /// A whole frame at once, under the gate: nothing else is written in its middle.
    fn flush(&mut self) -> io::Result<()> {
        let bytes = std::mem::take(&mut self.pending);
        let Some(g) = gate(Duration::from_secs(5)) else {
            return Ok(());
        };
        if g.holder != Holder::Explorer {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        out.write_all(&bytes)?;
        out.flush()
    }
}

/// Ends the process at once with `code`, from any thread, after giving the terminal back as
/// well as can be done within half a second: for signals and a terminal that went away, when
/// the event loop may be stuck and no destructor may run.
pub fn end_now(code: i32) -> ! {
    let (done, wait) = std::sync::mpsc::channel();
    // Restoring writes to the terminal; one that does not drain must not keep the process up.
    let restorer = std::thread::Builder::new().spawn(move || {
        give_back(Holder::Closed);
        let _ = done.send(());
    });
    if restorer.is_ok() {
        let _ = wait.recv_timeout(Duration::from_millis(500));
    }
    // Ends the process without running anything else; nothing is left to do.
    device::exit_now(code)
}

/// The sequences, for tests.
#[cfg(test)]
pub(crate) fn sequences() -> (&'static str, &'static str) {
    (enter_sequence(), leave_sequence())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    #[test]
    fn leaving_undoes_what_entering_does() {
        let (enter, leave) = sequences();
        for (on, off) in [
            ("\x1b[?1049h", "\x1b[?1049l"),
            ("\x1b[?1000h", "\x1b[?1000l"),
        ] {
            assert!(enter.contains(on), "{enter:?}");
            assert!(leave.contains(off), "{leave:?}");
        }
        assert!(leave.contains("\x1b[?25h"));
        assert!(leave.contains("\x1b[?2004l"));
    }

    #[test]
    fn ansi_joins_commands() {
        let text = ansi(&[&|s| s.write_str("a"), &|s| s.write_str("b")]);
        assert_eq!(text, "ab");
    }
}
