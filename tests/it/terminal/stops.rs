//! Stopping and continuing: Ctrl-z and SIGTSTP under job control, storms of stops without
//! it, SIGSTOP and SIGCONT.

use std::time::Duration;

use rustix::process::{Pid, Signal, kill_process};
use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};

use super::harness::*;

/// Whether process `pid` is stopped (state `T` in /proc).
pub(super) fn is_stopped(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit(')')
                .next()
                .map(|r| r.trim_start().starts_with('T'))
        })
        .unwrap_or(false)
}

pub(super) fn wait_stopped(run: &mut Running, pid: u32) {
    run.wait_until("a stop", |_| is_stopped(pid));
}

/// The first child of process `pid`.
pub(super) fn child_of(pid: u32) -> Option<u32> {
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
