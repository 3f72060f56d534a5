//! End to end in a real pseudo-terminal: the binary starts, draws, takes keys, and on every way
//! out (q, Ctrl-c, SIGTERM, SIGHUP) gives the terminal back — main screen, cursor shown, mouse
//! capture off, cooked mode — with the exit status each way promises.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::sys::termios::LocalFlags;
use nix::unistd::Pid;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 30;
const COLS: u16 = 100;

struct Running {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
}

impl Running {
    fn start() -> Running {
        Running::start_with(&[])
    }

    fn start_with(env: &[(&str, &str)]) -> Running {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_orgtree"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("RUST_BACKTRACE", "0");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Running {
            master: pair.master,
            child,
            writer,
            output,
        }
    }

    /// The screen as a terminal would show it now.
    fn screen(&self) -> String {
        let mut parser = vt100::Parser::new(ROWS, COLS, 0);
        parser.process(&self.output.lock().unwrap());
        parser.screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("`{text}` never appeared on:\n{}", self.screen());
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn signal(&self, signal: Signal) {
        let pid = self.child.process_id().unwrap();
        kill(Pid::from_raw(pid as i32), signal).unwrap();
    }

    /// Waits for the exit and returns its status code.
    fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain what was written last.
                std::thread::sleep(Duration::from_millis(200));
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("orgtree did not exit; screen:\n{}", self.screen());
    }

    /// Asserts that the terminal is as it was before orgtree started.
    fn assert_restored(&self) {
        let out = self.output.lock().unwrap().clone();
        let text = String::from_utf8_lossy(&out);
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
        let termios = self.master.get_termios().expect("pty termios");
        assert!(
            termios
                .local_flags
                .contains(LocalFlags::ICANON | LocalFlags::ECHO),
            "raw mode still on: {:?}",
            termios.local_flags
        );
    }
}

#[test]
fn navigate_to_cloudwatt_read_its_owners_and_quit() {
    let mut run = Running::start();
    run.wait_for("Orange Business Services");
    run.keys("jjj");
    run.wait_for("Orange › Cloudwatt");
    let screen = run.screen();
    assert!(screen.contains("Owners at 2015-01-12"), "{screen}");
    assert!(screen.contains("4/9 (44.4 %)"), "{screen}");
    assert!(screen.contains("Thales"), "{screen}");
    run.keys("?");
    run.wait_for("Keys");
    run.keys("\x1b"); // Esc closes the help…
    std::thread::sleep(Duration::from_millis(300));
    run.keys("q"); // …and q quits.
    assert_eq!(run.exit_code(), 0);
    run.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    let mut run = Running::start();
    run.wait_for("Orange Business Services");
    run.signal(Signal::SIGTERM);
    assert_eq!(run.exit_code(), 143);
    run.assert_restored();
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    let mut run = Running::start();
    run.wait_for("Orange Business Services");
    run.signal(Signal::SIGHUP);
    assert_eq!(run.exit_code(), 129);
    run.assert_restored();
}

#[test]
fn ctrl_c_restores_the_terminal_and_exits_130() {
    let mut run = Running::start();
    run.wait_for("Orange Business Services");
    run.keys("\x03");
    assert_eq!(run.exit_code(), 130);
    run.assert_restored();
}

#[test]
fn a_panic_restores_the_terminal_before_its_report() {
    // Debug builds panic on purpose after the first frame when asked to.
    let mut run = Running::start_with(&[("ORGTREE_TEST_PANIC", "1")]);
    assert_eq!(run.exit_code(), 101);
    run.assert_restored();
    let out = String::from_utf8_lossy(&run.output.lock().unwrap()).into_owned();
    // The first restore after entering the screen comes before the report.
    let entered = out.rfind("\x1b[?1049h").unwrap();
    let left = entered
        + out[entered..]
            .find("\x1b[?1049l")
            .expect("the screen was left");
    let report = out
        .find("panic requested")
        .expect("the panic report is printed");
    assert!(
        report > left,
        "the report comes after the terminal is restored"
    );
    assert_eq!(
        out.matches("panic requested").count(),
        1,
        "the report is printed once"
    );
}

#[test]
fn ctrl_z_suspends_and_the_screen_comes_back_after_sigcont() {
    let mut run = Running::start();
    run.wait_for("Orange Business Services");
    run.keys("\x1a");
    // Suspended: the terminal was given back (main screen, cursor shown).
    let deadline = Instant::now() + Duration::from_secs(10);
    while !String::from_utf8_lossy(&run.output.lock().unwrap()).contains("\x1b[?1049l") {
        assert!(
            Instant::now() < deadline,
            "the terminal was not given back on Ctrl-z"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(200));
    run.signal(Signal::SIGCONT);
    // Back: the alternate screen again, everything redrawn; keys work.
    let deadline = Instant::now() + Duration::from_secs(10);
    while String::from_utf8_lossy(&run.output.lock().unwrap())
        .matches("\x1b[?1049h")
        .count()
        < 2
    {
        assert!(
            Instant::now() < deadline,
            "the explorer did not come back after SIGCONT"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    run.keys("jjj");
    run.wait_for("Orange › Cloudwatt");
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
    run.assert_restored();
}

#[test]
fn an_error_restores_the_terminal_and_exits_1() {
    // Debug builds fail on purpose after the first frame when asked to.
    let mut run = Running::start_with(&[("ORGTREE_TEST_ERROR", "1")]);
    assert_eq!(run.exit_code(), 1);
    run.assert_restored();
    let out = String::from_utf8_lossy(&run.output.lock().unwrap()).into_owned();
    let entered = out.rfind("\x1b[?1049h").unwrap();
    let left = entered
        + out[entered..]
            .find("\x1b[?1049l")
            .expect("the screen was left");
    let message = out.find("error requested").expect("the error is reported");
    assert!(
        message > left,
        "the message comes after the terminal is restored"
    );
}
