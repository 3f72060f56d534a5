//! End to end in a real pseudo-terminal: the binary starts, draws, takes keys, and on every way
//! out — q, Ctrl-c, every signal whose default ends or stops a process, a panic, an error, the
//! terminal itself going away — gives the terminal back (main screen, cursor shown, mouse
//! capture off, cooked mode) and ends, with the exit status each way promises.
//!
//! The harness holds the only descriptor of the pty's master side, so that dropping it is
//! exactly what closing a terminal window does. Programs start under `setsid(1)`, which gives
//! them a session of their own (and, with `--ctty`, the pty as controlling terminal) before it
//! executes them in the same process: the harness needs no code between fork and exec.

mod files;
mod harness;
mod stops;

use std::time::Duration;

use rustix::process::Signal;

use harness::*;

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

/// A terminal that says its background is white gets the light theme: the changed marks in a
/// dark orange, not in yellow, which would fade there.
#[test]
fn a_light_terminal_gets_the_light_theme() {
    let mut run = Running::start();
    run.colors = Some("\x1b]10;rgb:0000/0000/0000\x1b\\\x1b]11;rgb:ffff/ffff/ffff\x1b\\");
    run.wait_for("Orange Business Services");
    let text = run.text();
    assert!(text.contains("\x1b]11;?"), "the terminal was asked");
    assert!(text.contains("\x1b[38;5;166;49m*"), "{text:?}");
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
    run.assert_restored();
}

/// A terminal that does not say (it answers only the device attributes, as many do) gets
/// the dark theme at once, and the query's answer is never taken for keys.
#[test]
fn a_terminal_that_cannot_say_gets_the_dark_theme() {
    let mut run = Running::start();
    run.wait_for("Orange Business Services");
    let text = run.text();
    assert!(text.contains("\x1b[38;5;3;49m*"), "{text:?}");
    assert!(!text.contains("38;5;166;"), "{text:?}");
    // Nothing moved: the answer was not read as keys.
    assert!(
        run.screen().contains("▶*▾ Orange group"),
        "{}",
        run.screen()
    );
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
    run.assert_restored();
}

/// A signal that comes while the explorer waits for a terminal that answers nothing still
/// finds the terminal restored.
#[test]
fn a_signal_while_the_terminal_is_asked_restores_it() {
    let mut run = Running::start();
    run.silent = true;
    run.wait_until("the query", |r| r.text().contains("\x1b]11;?"));
    run.signal(Signal::TERM);
    assert_eq!(run.exit_code(), 143);
    run.assert_restored();
}
