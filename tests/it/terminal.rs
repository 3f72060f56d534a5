//! End to end in a real pseudo-terminal: the binary starts, draws, takes keys, and on every way
//! out — q, Ctrl-c, every signal whose default ends or stops a process, a panic, an error, the
//! terminal itself going away — gives the terminal back (main screen, cursor shown, mouse
//! capture off, cooked mode) and ends, with the exit status each way promises.
//!
//! The harness holds the only descriptor of the pty's master side, so that dropping it is
//! exactly what closing a terminal window does. Programs start under `setsid(1)`, which gives
//! them a session of their own (and, with `--ctty`, the pty as controlling terminal) before it
//! executes them in the same process: the harness needs no code between fork and exec.

use std::io::Write as _;
use std::os::fd::OwnedFd;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec};
use rustix::fs::{Mode, OFlags};
use rustix::process::{Pid, Signal, kill_process};
use rustix::pty::OpenptFlags;
use rustix::termios::{LocalModes, OptionalActions, Winsize, tcgetattr, tcsetattr};

const ROWS: u16 = 30;
const COLS: u16 = 100;

/// How the explorer is started.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    /// As a terminal starts a shell: its own session, the pty its controlling terminal, so a
    /// hang-up sends it SIGHUP.
    Controlling,
    /// In a session of its own with no controlling terminal: a hang-up sends no SIGHUP, and
    /// only the dead device tells.
    Detached,
}

struct Pty {
    master: OwnedFd,
    slave: OwnedFd,
}

/// A pseudo-terminal of ROWS×COLS whose two descriptors close on exec: a test that runs
/// beside this one must not hand a copy of this master to its own child, or closing it here
/// would close no terminal.
fn open_pty() -> Pty {
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

struct Running {
    master: Option<OwnedFd>,
    child: Child,
    output: Vec<u8>,
}

impl Running {
    fn start() -> Running {
        Running::launch(env!("CARGO_BIN_EXE_orgtree"), &[], &[], Start::Controlling)
    }

    fn start_with(env: &[(&str, &str)]) -> Running {
        Running::launch(env!("CARGO_BIN_EXE_orgtree"), &[], env, Start::Controlling)
    }

    fn launch(program: &str, args: &[&str], env: &[(&str, &str)], start: Start) -> Running {
        let pty = open_pty();
        let mut cmd = Command::new("setsid");
        if start == Start::Controlling {
            cmd.arg("--ctty");
        }
        cmd.arg(program)
            .args(args)
            .env("TERM", "xterm-256color")
            .env("RUST_BACKTRACE", "0")
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
        }
    }

    /// Reads what the program wrote, for up to `time`.
    fn pump(&mut self, time: Duration) {
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

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.output).into_owned()
    }

    /// The screen as a terminal would show it now.
    fn screen(&self) -> String {
        let mut parser = vt100::Parser::new(ROWS, COLS, 0);
        parser.process(&self.output);
        parser.screen().contents()
    }

    fn wait_until(&mut self, what: &str, done: impl Fn(&Running) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if done(self) {
                return;
            }
            self.pump(Duration::from_millis(50));
        }
        panic!("{what} never happened; screen:\n{}", self.screen());
    }

    fn wait_for(&mut self, text: &str) {
        self.wait_until(&format!("`{text}`"), |r| r.screen().contains(text));
    }

    fn keys(&mut self, keys: &str) {
        let master = self.master.as_ref().expect("the terminal is open");
        let mut file = std::fs::File::from(master.try_clone().unwrap());
        file.write_all(keys.as_bytes()).unwrap();
        file.flush().unwrap();
    }

    fn signal(&self, signal: Signal) {
        kill_process(Pid::from_child(&self.child), signal).unwrap();
    }

    /// Closes the terminal, as closing its window does.
    fn close(&mut self) {
        self.master = None;
    }

    /// The exit status, if the program ended within `time`.
    fn ended_within(&mut self, time: Duration) -> Option<ExitStatus> {
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
    fn exit_code(&mut self) -> i32 {
        match self.ended_within(Duration::from_secs(20)) {
            Some(status) => status.code().unwrap_or(-1),
            None => panic!("orgtree did not exit; screen:\n{}", self.screen()),
        }
    }

    fn local_flags(&self) -> LocalModes {
        let master = self.master.as_ref().expect("the terminal is open");
        tcgetattr(master).expect("pty termios").local_modes
    }

    fn in_raw_mode(&self) -> bool {
        !self
            .local_flags()
            .intersects(LocalModes::ICANON | LocalModes::ECHO)
    }

    /// Asserts that the terminal is as it was before orgtree started.
    fn assert_restored(&self) {
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
    run.pump(Duration::from_millis(300));
    run.keys("q"); // …and q quits.
    assert_eq!(run.exit_code(), 0);
    run.assert_restored();
}

/// Every signal whose default action ends the process: the terminal comes back, and the exit
/// status is 128 + the signal's number, as a shell reports it.
#[test]
fn every_ending_signal_restores_the_terminal() {
    for signal in [
        Signal::TERM,
        Signal::HUP,
        Signal::INT,
        Signal::QUIT,
        Signal::USR1,
        Signal::USR2,
        Signal::ALARM,
    ] {
        let mut run = Running::start();
        run.wait_for("Orange Business Services");
        run.signal(signal);
        assert_eq!(run.exit_code(), 128 + signal.as_raw(), "{signal:?}");
        run.assert_restored();
    }
}

#[test]
fn an_outside_sigpipe_changes_nothing() {
    let mut run = Running::start();
    run.wait_for("Orange Business Services");
    run.signal(Signal::PIPE);
    run.pump(Duration::from_millis(300));
    run.keys("jjj");
    run.wait_for("Orange › Cloudwatt");
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
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

/// Closing the terminal window (or `tmux kill-session`): the explorer ends at once instead of
/// spinning on a terminal that is gone.
#[test]
fn closing_the_terminal_ends_the_explorer() {
    let mut run = Running::start();
    run.wait_for("Orange Business Services");
    run.close();
    assert!(
        run.ended_within(Duration::from_secs(2)).is_some(),
        "still running 2 s after its terminal closed"
    );
}

/// The same with no SIGHUP to tell it: the terminal is not its controlling one, so only the
/// device's hang-up says that it is gone.
#[test]
fn a_terminal_that_hangs_up_without_sighup_ends_the_explorer() {
    let mut run = Running::launch(env!("CARGO_BIN_EXE_orgtree"), &[], &[], Start::Detached);
    run.wait_for("Orange Business Services");
    run.close();
    assert!(
        run.ended_within(Duration::from_secs(2)).is_some(),
        "still running 2 s after its terminal hung up"
    );
}

/// A loop stuck in a long computation does not keep a signal or a hang-up from ending the
/// process.
#[test]
fn signals_and_hangups_end_a_stuck_explorer() {
    let stall = [("ORGTREE_TEST_STALL", "1")];
    let mut run = Running::start_with(&stall);
    run.wait_for("Orange Business Services");
    run.signal(Signal::TERM);
    let status = run.ended_within(Duration::from_secs(2));
    assert_eq!(status.and_then(|s| s.code()), Some(143));
    run.assert_restored();

    let mut run = Running::start_with(&stall);
    run.wait_for("Orange Business Services");
    run.close();
    assert!(run.ended_within(Duration::from_secs(2)).is_some());
}

/// Started by a parent that ignores SIGHUP (as `nohup` does), SIGTERM still ends it, and so
/// does the terminal closing.
#[test]
fn under_a_parent_that_ignores_sighup() {
    let script = "trap '' HUP; exec \"$0\"";
    let program = env!("CARGO_BIN_EXE_orgtree");
    let mut run = Running::launch("sh", &["-c", script, program], &[], Start::Controlling);
    run.wait_for("Orange Business Services");
    run.signal(Signal::TERM);
    let status = run.ended_within(Duration::from_secs(2));
    assert_eq!(status.and_then(|s| s.code()), Some(143));
    run.assert_restored();

    let mut run = Running::launch("sh", &["-c", script, program], &[], Start::Controlling);
    run.wait_for("Orange Business Services");
    run.close();
    assert!(run.ended_within(Duration::from_secs(2)).is_some());
}

#[test]
fn a_panic_restores_the_terminal_before_its_report() {
    // Debug builds panic on purpose after the first frame when asked to.
    let mut run = Running::start_with(&[("ORGTREE_TEST_PANIC", "1")]);
    assert_eq!(run.exit_code(), 101);
    run.assert_restored();
    let out = run.text();
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

/// Whether process `pid` is stopped (state `T` in /proc).
fn is_stopped(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit(')')
                .next()
                .map(|r| r.trim_start().starts_with('T'))
        })
        .unwrap_or(false)
}

fn wait_stopped(run: &mut Running, pid: u32) {
    run.wait_until("a stop", |_| is_stopped(pid));
}

/// The first child of process `pid`.
fn child_of(pid: u32) -> Option<u32> {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Ctrl-z, and SIGTSTP sent from outside, under a shell with job control: the terminal is
/// given back before the stop, and after `fg` the explorer is in raw mode again and draws
/// everything.
#[test]
fn suspending_gives_the_terminal_back_and_fg_takes_it_again() {
    let program = env!("CARGO_BIN_EXE_orgtree");
    let script = "set -m; \"$0\"; sleep 1; fg; echo EXIT=$?";
    for (how, by_key) in [("Ctrl-z", true), ("SIGTSTP", false)] {
        let mut run = Running::launch("bash", &["-c", script, program], &[], Start::Controlling);
        run.wait_for("Orange Business Services");
        assert!(run.in_raw_mode());
        let explorer = child_of(run.child.id()).expect("the explorer runs under bash");
        let left = run.text().matches("\x1b[?1049l").count();
        if by_key {
            run.keys("\x1a");
        } else {
            let explorer = Pid::from_raw(i32::try_from(explorer).unwrap()).unwrap();
            kill_process(explorer, Signal::TSTP).unwrap();
        }
        wait_stopped(&mut run, explorer);
        run.pump(Duration::from_millis(100));
        assert!(
            run.text().matches("\x1b[?1049l").count() > left,
            "{how}: screen not left before the stop"
        );
        let entered = run.text().matches("\x1b[?1049h").count();
        // bash's `fg` continues it after a second.
        run.wait_until("the screen taken again", |r| {
            r.text().matches("\x1b[?1049h").count() > entered
        });
        run.wait_for("Orange Business Services");
        assert!(run.in_raw_mode(), "{how}: not in raw mode after fg");
        run.keys("jjj");
        run.wait_for("Orange › Cloudwatt");
        run.keys("q");
        run.wait_for("EXIT=0");
        assert_eq!(run.exit_code(), 0, "{how}");
        run.assert_restored();
    }
}

/// Stops and continues sent back to back where no shell has job control (the harness's
/// process group is orphaned): every stop is dropped, and each time the explorer takes its
/// terminal back, so it ends running, in raw mode, with its screen up.
#[test]
fn a_storm_of_stops_without_job_control_leaves_it_running() {
    let mut run = Running::start();
    run.wait_for("Orange Business Services");
    for _ in 0..5 {
        run.signal(Signal::TSTP);
        run.signal(Signal::CONT);
    }
    run.pump(Duration::from_millis(500));
    assert!(!is_stopped(run.child.id()), "left stopped");
    assert!(run.in_raw_mode());
    let text = run.text();
    assert!(text.rfind("\x1b[?1049h") > text.rfind("\x1b[?1049l"));
    run.keys("jjj");
    run.wait_for("Orange › Cloudwatt");
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
    run.assert_restored();
}

/// SIGSTOP cannot be caught: while stopped, a shell may put the terminal back in cooked mode.
/// After SIGCONT the explorer sets raw mode again and repaints.
#[test]
fn after_sigstop_and_sigcont_the_explorer_takes_the_terminal_again() {
    let mut run = Running::start();
    run.wait_for("Orange Business Services");
    run.signal(Signal::STOP);
    let pid = run.child.id();
    wait_stopped(&mut run, pid);
    // What a shell does to a stopped job's terminal: its own (cooked) settings back.
    let master = run.master.as_ref().unwrap();
    let mut cooked = tcgetattr(master).unwrap();
    cooked.local_modes |= LocalModes::ICANON | LocalModes::ECHO;
    tcsetattr(master, OptionalActions::Now, &cooked).unwrap();
    let drawn = run.output.len();
    run.signal(Signal::CONT);
    run.wait_until("a repaint", |r| {
        String::from_utf8_lossy(&r.output[drawn..]).contains("Orange Business Services")
    });
    assert!(run.in_raw_mode(), "keys would echo and wait for Enter");
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
    run.assert_restored();
}

/// A terminal that fails is an I/O error: exit 3.
#[test]
fn an_error_restores_the_terminal_and_exits_3() {
    // Debug builds fail on purpose after the first frame when asked to.
    let mut run = Running::start_with(&[("ORGTREE_TEST_ERROR", "1")]);
    assert_eq!(run.exit_code(), 3);
    run.assert_restored();
    let out = run.text();
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

/// A model of `n` entities side by side, written to a temporary file.
fn flat_model(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let mut yaml = String::from("title: flat\nentities:\n");
    for i in 0..n {
        yaml.push_str(&format!(
            "  - {{id: e{i}, name: \"Row {i}\", kind: team}}\n"
        ));
    }
    let path = dir.join("flat.yaml");
    std::fs::write(&path, yaml).unwrap();
    path
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("orgtree-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// 5000 `j` sent at once all count, with no key after them to push the last ones through.
#[test]
fn a_burst_of_keys_is_handled_to_its_end() {
    let dir = temp_dir("burst");
    let model = flat_model(&dir, 6000);
    let program = env!("CARGO_BIN_EXE_orgtree");
    let mut run = Running::launch(program, &[model.to_str().unwrap()], &[], Start::Controlling);
    run.wait_for("Row 0");
    run.keys(&"j".repeat(5000));
    run.wait_for("Row 5000 ");
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The model file, changed, deleted and written again under a running explorer.
#[test]
fn the_model_file_is_followed_through_changes_and_deletion() {
    let dir = temp_dir("watch");
    let model = flat_model(&dir, 3);
    let program = env!("CARGO_BIN_EXE_orgtree");
    let mut run = Running::launch(program, &[model.to_str().unwrap()], &[], Start::Controlling);
    run.wait_for("Row 2");
    std::fs::write(
        &model,
        "title: flat\nentities:\n  - {id: e0, name: Renamed, kind: team}\n",
    )
    .unwrap();
    run.wait_for("reloaded");
    run.wait_for("Renamed");
    // The same size, and the modification time put back: still a change.
    let when = std::fs::metadata(&model).unwrap().modified().unwrap();
    std::fs::write(
        &model,
        "title: flat\nentities:\n  - {id: e0, name: Redrawn, kind: team}\n",
    )
    .unwrap();
    std::fs::File::options()
        .write(true)
        .open(&model)
        .unwrap()
        .set_modified(when)
        .unwrap();
    run.wait_for("Redrawn");
    std::fs::remove_file(&model).unwrap();
    run.wait_for("is gone");
    assert!(run.screen().contains("Redrawn"), "the last model stays");
    std::fs::write(
        &model,
        "title: flat\nentities:\n  - {id: e0, name: Back again, kind: team}\n",
    )
    .unwrap();
    run.wait_for("Back again");
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `e` on a model file whose name an editor could read as a command (`+:!cmd` runs `cmd` in
/// vi): the editor gets it as an absolute path, after the line.
#[test]
fn the_editor_gets_a_path_it_cannot_read_as_a_command() {
    let dir = temp_dir("editor");
    let flat = flat_model(&dir, 3);
    let model = dir.join("+:!touch PWNED");
    std::fs::rename(&flat, &model).unwrap();
    let editor = dir.join("editor");
    let args = dir.join("args");
    std::fs::write(
        &editor,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", args.display()),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let program = env!("CARGO_BIN_EXE_orgtree");
    // The explorer runs in the model's folder, and the name is given as typed.
    let mut run = Running::launch(
        "sh",
        &[
            "-c",
            "cd \"$1\" && exec \"$0\" -- \"$2\"",
            program,
            dir.to_str().unwrap(),
            model.file_name().unwrap().to_str().unwrap(),
        ],
        &[("EDITOR", editor.to_str().unwrap()), ("VISUAL", "")],
        Start::Controlling,
    );
    run.wait_for("Row 0");
    run.keys("e");
    run.wait_until("the editor", |_| args.exists());
    run.pump(Duration::from_millis(300));
    let got = std::fs::read_to_string(&args).unwrap();
    let got: Vec<&str> = got.lines().collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].starts_with('+') && got[0][1..].parse::<u32>().is_ok());
    assert!(got[1].starts_with('/'), "{got:?}");
    assert!(got[1].ends_with("/+:!touch PWNED"), "{got:?}");
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
    assert!(!dir.join("PWNED").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// An editor that keeps cooked mode, as a script: it says when it started, waits, says when it
/// is done. Ctrl-c typed meanwhile is a SIGINT to the whole process group, explorer included.
fn slow_editor(dir: &std::path::Path) -> std::path::PathBuf {
    let editor = dir.join("editor");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\ntrap '' INT QUIT\ntouch '{0}/started'\nsleep 1\ntouch '{0}/done'\n",
            dir.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    editor
}

fn edit_with(dir: &std::path::Path) -> Running {
    let model = flat_model(dir, 3);
    let editor = slow_editor(dir);
    let mut run = Running::launch(
        env!("CARGO_BIN_EXE_orgtree"),
        &[model.to_str().unwrap()],
        &[("EDITOR", editor.to_str().unwrap()), ("VISUAL", "")],
        Start::Controlling,
    );
    run.wait_for("Row 0");
    run.keys("e");
    let started = dir.join("started");
    run.wait_until("the editor", |_| started.exists());
    run
}

/// Ctrl-c typed into the editor is the editor's: the explorer is still there after it.
#[test]
fn ctrl_c_typed_into_the_editor_belongs_to_the_editor() {
    let dir = temp_dir("editor-int");
    let mut run = edit_with(&dir);
    run.keys("\x03\x1c");
    let done = dir.join("done");
    run.wait_until("the editor's end", |_| done.exists());
    run.pump(Duration::from_millis(300));
    assert!(
        run.ended_within(Duration::ZERO).is_none(),
        "the explorer ended"
    );
    run.keys("j");
    run.wait_for("Row 1");
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
    run.assert_restored();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A signal sent to the explorer while the editor has the terminal ends it when the editor
/// exits, not before: the editor's own modes would stay on the terminal.
#[test]
fn a_signal_while_editing_ends_the_explorer_after_the_editor() {
    for signal in [Signal::TERM, Signal::INT, Signal::USR1] {
        let dir = temp_dir("editor-term");
        let mut run = edit_with(&dir);
        run.signal(signal);
        run.pump(Duration::from_millis(300));
        assert!(
            run.ended_within(Duration::ZERO).is_none(),
            "{signal:?}: ended while the editor ran"
        );
        let done = dir.join("done");
        run.wait_until("the editor's end", |_| done.exists());
        let status = run.ended_within(Duration::from_secs(2));
        assert_eq!(status.and_then(|s| s.code()), Some(128 + signal.as_raw()));
        run.assert_restored();
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Ctrl-z where no shell could continue the explorer (its process group is orphaned, as under
/// `sh -c` started by a program without job control): the kernel drops the stop for any
/// program, and the explorer must not stop itself for good either.
#[test]
fn ctrl_z_without_job_control_does_not_stop_for_good() {
    let program = env!("CARGO_BIN_EXE_orgtree");
    let mut run = Running::launch(
        "sh",
        &["-c", "\"$0\"; echo EXIT=$?", program],
        &[],
        Start::Controlling,
    );
    run.wait_for("Orange Business Services");
    run.keys("\x1a");
    run.pump(Duration::from_millis(500));
    run.keys("jjj");
    run.wait_for("Orange › Cloudwatt");
    run.keys("q");
    run.wait_for("EXIT=0");
}

/// Text typed at once into the search prompt is one edit and one frame, not one per character.
#[test]
fn a_burst_of_typing_is_drawn_once() {
    let mut run = Running::start();
    run.wait_for("Orange Business Services");
    let frames = |r: &Running| r.text().matches("\x1b[?25l").count();
    let before = frames(&run);
    run.keys(&format!("/{}", "x".repeat(200)));
    run.wait_for("/xxxxxxxxxx");
    run.pump(Duration::from_millis(300));
    let drawn = frames(&run) - before;
    assert!(drawn <= 10, "{drawn} frames for one burst");
    run.keys("\x1b");
    run.pump(Duration::from_millis(200));
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
}
