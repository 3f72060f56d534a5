//! The harness: a pseudo-terminal whose master only it holds, and the explorer running on
//! it, with what a test asks of both.

use std::io::Write as _;
use std::os::fd::OwnedFd;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec};
use rustix::fs::{Mode, OFlags};
use rustix::process::{Pid, Signal, kill_process};
use rustix::pty::OpenptFlags;
use rustix::termios::{LocalModes, Winsize, tcgetattr};

pub(super) const ROWS: u16 = 30;
pub(super) const COLS: u16 = 100;

/// How the explorer is started.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Start {
    /// As a terminal starts a shell: its own session, the pty its controlling terminal, so a
    /// hang-up sends it SIGHUP.
    Controlling,
    /// In a session of its own with no controlling terminal: a hang-up sends no SIGHUP, and
    /// only the dead device tells.
    Detached,
}

pub(super) struct Pty {
    master: OwnedFd,
    slave: OwnedFd,
}

/// A pseudo-terminal of ROWS×COLS whose two descriptors close on exec: a test that runs
/// beside this one must not hand a copy of this master to its own child, or closing it here
/// would close no terminal.
pub(super) fn open_pty() -> Pty {
    let master =
        rustix::pty::openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
            .expect("openpt");
    rustix::pty::grantpt(&master).expect("grantpt");
    rustix::pty::unlockpt(&master).expect("unlockpt");
    let name = rustix::pty::ptsname(&master, Vec::new()).expect("ptsname");
    let slave = rustix::fs::open(
        name.as_c_str(),
        OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .expect("open the pty's slave");
    let size = Winsize {
        ws_row: ROWS,
        ws_col: COLS,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    rustix::termios::tcsetwinsize(&slave, size).expect("set the pty's size");
    Pty { master, slave }
}

pub(super) struct Running {
    pub(super) master: Option<OwnedFd>,
    pub(super) child: Child,
    pub(super) output: Vec<u8>,
    /// What the terminal answers a query for its colours (`\x1b]10;?` and `\x1b]11;?`) with;
    /// like most terminals, it answers the device attributes query (`\x1b[c`) always.
    pub(super) colors: Option<&'static str>,
    /// A terminal that answers no query at all.
    pub(super) silent: bool,
    /// How much of the output was looked at for queries.
    answered: usize,
}

/// The primary device attributes a VT220-like terminal gives.
const DA1_ANSWER: &str = "\x1b[?62;22c";

impl Running {
    pub(super) fn start() -> Running {
        Running::launch(env!("CARGO_BIN_EXE_orgtree"), &[], &[], Start::Controlling)
    }

    pub(super) fn start_with(env: &[(&str, &str)]) -> Running {
        Running::launch(env!("CARGO_BIN_EXE_orgtree"), &[], env, Start::Controlling)
    }

    pub(super) fn launch(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        start: Start,
    ) -> Running {
        let pty = open_pty();
        let mut cmd = Command::new("setsid");
        if start == Start::Controlling {
            cmd.arg("--ctty");
        }
        cmd.arg(program)
            .args(args)
            .env("TERM", "xterm-256color")
            .env("RUST_BACKTRACE", "0")
            .env("XDG_CACHE_HOME", crate::common::cache_home())
            .env(
                "XDG_CONFIG_HOME",
                crate::common::cache_home().join("no-config"),
            )
            .stdin(Stdio::from(pty.slave.try_clone().unwrap()))
            .stdout(Stdio::from(pty.slave.try_clone().unwrap()))
            .stderr(Stdio::from(pty.slave));
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = cmd.spawn().unwrap();
        Running {
            master: Some(pty.master),
            child,
            output: Vec::new(),
            colors: None,
            silent: false,
            answered: 0,
        }
    }

    /// Reads what the program wrote, for up to `time`.
    pub(super) fn pump(&mut self, time: Duration) {
        let Some(master) = &self.master else {
            std::thread::sleep(time);
            return;
        };
        let deadline = Instant::now() + time;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let mut fds = [PollFd::new(master, PollFlags::IN)];
            let timeout = Timespec::try_from(left).unwrap();
            let n = rustix::event::poll(&mut fds, Some(&timeout)).unwrap_or(0);
            if n > 0 && fds[0].revents().contains(PollFlags::IN) {
                let mut buf = [0u8; 65536];
                if let Ok(got @ 1..) = rustix::io::read(master, &mut buf) {
                    self.output.extend_from_slice(&buf[..got]);
                    let answer = answers(&self.output, &mut self.answered, self.colors);
                    if !answer.is_empty() && !self.silent {
                        let _ = rustix::io::write(master, answer.as_bytes());
                    }
                    continue;
                }
            }
            if left.is_zero() {
                return;
            }
            if n > 0 {
                // Hung up or at an end: nothing more will come.
                std::thread::sleep(left.min(Duration::from_millis(20)));
            }
        }
    }

    pub(super) fn text(&self) -> String {
        String::from_utf8_lossy(&self.output).into_owned()
    }

    /// The screen as a terminal would show it now.
    pub(super) fn screen(&self) -> String {
        let mut parser = vt100::Parser::new(ROWS, COLS, 0);
        parser.process(&self.output);
        parser.screen().contents()
    }

    pub(super) fn wait_until(&mut self, what: &str, done: impl Fn(&Running) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if done(self) {
                return;
            }
            self.pump(Duration::from_millis(50));
        }
        panic!("{what} never happened; screen:\n{}", self.screen());
    }

    pub(super) fn wait_for(&mut self, text: &str) {
        self.wait_until(&format!("`{text}`"), |r| r.screen().contains(text));
    }

    pub(super) fn keys(&mut self, keys: &str) {
        let master = self.master.as_ref().expect("the terminal is open");
        let mut file = std::fs::File::from(master.try_clone().unwrap());
        file.write_all(keys.as_bytes()).unwrap();
        file.flush().unwrap();
    }

    pub(super) fn signal(&self, signal: Signal) {
        kill_process(Pid::from_child(&self.child), signal).unwrap();
    }

    /// Closes the terminal, as closing its window does.
    pub(super) fn close(&mut self) {
        self.master = None;
    }

    /// The exit status, if the program ended within `time`.
    pub(super) fn ended_within(&mut self, time: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + time;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // What it wrote last is still in the pty.
                self.pump(Duration::from_millis(100));
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            self.pump(Duration::from_millis(20));
        }
    }

    /// Waits for the exit and returns its status code.
    pub(super) fn exit_code(&mut self) -> i32 {
        match self.ended_within(Duration::from_secs(20)) {
            Some(status) => status.code().unwrap_or(-1),
            None => panic!("orgtree did not exit; screen:\n{}", self.screen()),
        }
    }

    pub(super) fn local_flags(&self) -> LocalModes {
        let master = self.master.as_ref().expect("the terminal is open");
        tcgetattr(master).expect("pty termios").local_modes
    }

    pub(super) fn in_raw_mode(&self) -> bool {
        !self
            .local_flags()
            .intersects(LocalModes::ICANON | LocalModes::ECHO)
    }

    /// Asserts that the terminal is as it was before orgtree started.
    pub(super) fn assert_restored(&self) {
        let text = self.text();
        let last = |needle: &str| text.rfind(needle);
        let entered = last("\x1b[?1049h").expect("never entered the alternate screen");
        assert!(
            last("\x1b[?1049l") > Some(entered),
            "alternate screen not left"
        );
        assert!(
            last("\x1b[?1000l") > last("\x1b[?1000h"),
            "mouse capture not released"
        );
        assert!(
            last("\x1b[?25h") > last("\x1b[?25l"),
            "cursor not shown again"
        );
        let flags = self.local_flags();
        assert!(
            flags.contains(LocalModes::ICANON | LocalModes::ECHO),
            "raw mode still on: {flags:?}"
        );
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // A failed test leaves no process behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where `needle` first is in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// What a terminal answers to the queries in `output` since `answered` bytes of it: its
/// colours, when it has an answer, and its device attributes. `answered` moves to the end.
fn answers(output: &[u8], answered: &mut usize, colors: Option<&str>) -> String {
    // A query may have begun in what was read before: look from a few bytes back, at
    // queries that end in what is new.
    let seen = *answered;
    let asked = |needle: &[u8]| {
        let from = seen.saturating_sub(needle.len() - 1);
        find(&output[from..], needle).is_some_and(|at| from + at + needle.len() > seen)
    };
    let mut answer = String::new();
    if asked(b"\x1b]11;?") {
        answer.push_str(colors.unwrap_or_default());
    }
    if asked(b"\x1b[c") {
        answer.push_str(DA1_ANSWER);
    }
    *answered = output.len();
    answer
}
