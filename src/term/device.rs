//! The terminal device itself, one implementation per platform: its settings and raw mode,
//! writes that bypass standard output's lock, the controlling terminal, its hang-up, and
//! ending the process at once. [`super::tty`] builds the explorer's hold on the terminal on
//! these alone.
//!
//! On Unix they are system calls on the terminal's file descriptors (through rustix, without
//! `unsafe`). Elsewhere (Windows) crossterm sets the console's raw mode, frames are written
//! through standard output, a piped model cannot be explored (the keys would have no terminal
//! to come from), and no hang-up is watched for.

#[cfg(unix)]
pub use unix::*;

#[cfg(not(unix))]
pub use other::*;

#[cfg(unix)]
mod unix {
    use std::io;
    use std::os::fd::BorrowedFd;
    use std::time::Duration;

    use rustix::event::{PollFd, PollFlags};
    use rustix::io::Errno;
    use rustix::termios::{self, OptionalActions, Termios};

    /// The terminal's settings, as saved before raw mode.
    pub type Settings = Termios;

    /// The terminal the explorer reads keys from and sets modes on: standard input, which the
    /// explorer only runs on when it is a terminal.
    fn tty() -> BorrowedFd<'static> {
        rustix::stdio::stdin()
    }

    /// Where frames and mode changes are written.
    fn screen() -> BorrowedFd<'static> {
        rustix::stdio::stdout()
    }

    /// The process's controlling terminal, when it has one.
    const CONTROLLING: &str = "/dev/tty";

    fn controlling() -> io::Result<std::fs::File> {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(CONTROLLING)
    }

    /// Whether the process has a terminal to read keys from, even with standard input taken
    /// by a piped model.
    pub fn reachable() -> bool {
        controlling().is_ok()
    }

    /// Makes the controlling terminal standard input, once a piped model has been read from
    /// it, so that the explorer takes its keys, modes and hang-up from the terminal as it
    /// always does.
    pub fn read_keys_from_terminal() -> io::Result<()> {
        rustix::stdio::dup2_stdin(&controlling()?)?;
        Ok(())
    }

    /// The terminal's settings now.
    pub fn settings() -> io::Result<Settings> {
        Ok(termios::tcgetattr(tty())?)
    }

    /// Raw mode, made from the settings `saved` at the start.
    pub fn raw(saved: &Settings) -> io::Result<()> {
        let mut raw = saved.clone();
        raw.make_raw();
        set(&raw)
    }

    /// The settings `saved` put back.
    pub fn restore(saved: &Settings) {
        let _ = set(saved);
    }

    fn set(t: &Termios) -> io::Result<()> {
        Ok(termios::tcsetattr(tty(), OptionalActions::Now, t)?)
    }

    /// Writes all of `bytes` to the screen's file descriptor directly, bypassing standard
    /// output's lock (which a stuck thread may hold). Gives up on the first error: a terminal
    /// that is gone takes nothing more.
    pub fn write_raw(mut bytes: &[u8]) -> bool {
        while !bytes.is_empty() {
            match rustix::io::write(screen(), bytes) {
                Err(Errno::INTR) => {}
                Ok(0) | Err(_) => return false,
                Ok(n) => bytes = bytes.get(n..).unwrap_or_default(),
            }
        }
        true
    }

    /// Ends the process at once with `code`: `_exit`, without running anything else.
    pub fn exit_now(code: i32) -> ! {
        signal_hook::low_level::exit(code)
    }

    /// Whether the terminal hung up: blocks until the device reports a hang-up or an error,
    /// without reading anything (the event loop reads the keys). Returns at once if the
    /// terminal cannot be polled at all.
    pub fn wait_for_hangup() {
        let tty = tty();
        loop {
            // Hang-ups and errors are always reported; nothing else is asked for.
            let mut fds = [PollFd::new(&tty, PollFlags::empty())];
            match rustix::event::poll(&mut fds, None) {
                Err(Errno::INTR) => continue,
                Err(_) => return,
                Ok(_) => {}
            }
            let hung_up = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
            if fds.iter().any(|fd| fd.revents().intersects(hung_up)) {
                return;
            }
            // Nothing that was asked for: not expected, but never spin on it.
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

#[cfg(not(unix))]
mod other {
    use std::io::{self, Write};

    /// Nothing to save: the console's mode is crossterm's to set and to put back.
    #[derive(Debug, Clone, Copy)]
    pub struct Settings;

    /// A piped model is not explored: no controlling terminal is looked for here.
    pub fn reachable() -> bool {
        false
    }

    pub fn read_keys_from_terminal() -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "a piped model cannot be explored on this platform; give its file name",
        ))
    }

    pub fn settings() -> io::Result<Settings> {
        Ok(Settings)
    }

    pub fn raw(_: &Settings) -> io::Result<()> {
        crossterm::terminal::enable_raw_mode()
    }

    pub fn restore(_: &Settings) {
        let _ = crossterm::terminal::disable_raw_mode();
    }

    /// Writes `bytes` through standard output: there is no descriptor to bypass its lock with.
    pub fn write_raw(bytes: &[u8]) -> bool {
        let mut out = io::stdout().lock();
        out.write_all(bytes).and_then(|()| out.flush()).is_ok()
    }

    pub fn exit_now(code: i32) -> ! {
        std::process::exit(code)
    }
}
