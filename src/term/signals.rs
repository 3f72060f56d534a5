//! Signals and hang-ups, handled on threads of their own so that they never wait for the event
//! loop: a signal that ends the process gives the terminal back and exits within half a second
//! however busy or stuck the loop is, and so does a terminal that goes away (its window closed,
//! `tmux kill-session`), whether or not a SIGHUP comes with it.
//!
//! While the editor has the terminal, an ending signal waits for it to exit (ending at once
//! would leave the editor's raw mode behind), and a Ctrl-c or Ctrl-\ typed into an editor that
//! keeps cooked mode, which the kernel sends to the explorer too, is the editor's alone.

use std::io;
use std::sync::mpsc::Sender;

use signal_hook::consts::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGTTOU, SIGUSR1, SIGUSR2,
};
use signal_hook::iterator::SignalsInfo;
use signal_hook::iterator::exfiltrator::WithOrigin;
use signal_hook::low_level::siginfo::{Cause, Origin};

use super::Note;
use super::tty::{self, Holder};

/// Signals whose default action ends the process: the terminal is given back, and the process
/// exits with 128 + the signal's number, as a shell reports it. (SIGPIPE stays ignored, as Rust
/// sets it: the explorer writes only to its terminal, and an outside SIGPIPE changes nothing.)
/// Named, for the manual's exit statuses.
pub const ENDING: [(&str, i32); 7] = [
    ("SIGTERM", SIGTERM),
    ("SIGHUP", SIGHUP),
    ("SIGINT", SIGINT),
    ("SIGQUIT", SIGQUIT),
    ("SIGUSR1", SIGUSR1),
    ("SIGUSR2", SIGUSR2),
    ("SIGALRM", SIGALRM),
];

/// Starts the threads that watch for signals and for the terminal's hang-up. `notes` hears
/// when the screen must be painted again (after `fg`).
pub fn watch(notes: Sender<Note>) -> io::Result<()> {
    let ending = ENDING.map(|(_, signal)| signal);
    let mut signals = SignalsInfo::<WithOrigin>::new(ending.iter().chain(&[SIGTSTP, SIGCONT]))?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            loop {
                let batch: Vec<Origin> = signals.wait().collect();
                // A SIGCONT in the same batch as a SIGTSTP came with it or after it: as the
                // kernel drops a pending stop when a continue comes, the stop is not made.
                let continued = batch.iter().any(|o| o.signal == SIGCONT);
                for origin in batch {
                    match origin.signal {
                        SIGTSTP if !continued => {
                            for origin in suspend(&mut signals, &notes) {
                                hear(origin, &notes);
                            }
                        }
                        SIGTSTP => {}
                        _ => hear(origin, &notes),
                    }
                }
            }
        })?;
    std::thread::Builder::new()
        .name("hangup".into())
        .spawn(|| {
            tty::wait_for_hangup();
            tty::end_now(128 + SIGHUP)
        })?;
    Ok(())
}

/// Any signal but a stop.
fn hear(origin: Origin, notes: &Sender<Note>) {
    match origin.signal {
        SIGCONT => {
            if tty::take_again(&[Holder::Suspended, Holder::Explorer]) {
                let _ = notes.send(Note::Repaint);
            }
        }
        SIGTSTP => {}
        // Typed into the editor: the kernel sent it to the whole process group.
        SIGINT | SIGQUIT if origin.cause == Cause::Kernel && tty::holder() == Holder::Editor => {}
        ending => tty::end_or_defer(128 + ending),
    }
}

/// SIGTSTP (Ctrl-z, or sent from outside): the terminal is given back to the shell, then the
/// process stops as SIGTSTP's default would; SIGCONT takes it again. While the editor has the
/// terminal, it is the editor's to give back. When no shell could ever continue the process
/// (its process group is orphaned: started by `sh -c` from a program without job control), the
/// kernel drops the stop, as it does for any program, and the explorer takes its terminal back.
///
/// Returns the signals that came meanwhile, to be heard after. One more look for a continue is
/// taken right before the stop: a SIGCONT sent just after the SIGTSTP (`kill -TSTP; kill
/// -CONT`) would otherwise come before the stop it was meant to end, and leave the process
/// stopped.
fn suspend(signals: &mut SignalsInfo<WithOrigin>, notes: &Sender<Note>) -> Vec<Origin> {
    let ours = tty::holder() == Holder::Explorer;
    if ours {
        tty::give_back(Holder::Suspended);
    }
    let late: Vec<Origin> = signals.pending().collect();
    if !late.iter().any(|o| o.signal == SIGCONT) {
        stop_as_by_default();
    }
    if ours && tty::take_again(&[Holder::Suspended]) {
        let _ = notes.send(Note::Repaint);
    }
    late
}

/// Stops the process as SIGTSTP's default action would: the kernel decides whether to stop, and
/// drops the stop in an orphaned process group, where a SIGSTOP would stop the process for good.
///
/// SIGTSTP itself cannot do it, since the explorer handles it, and putting its default action
/// back for a moment takes `sigaction`, which no safe interface offers (signal-hook's
/// `emulate_default_handler` raises SIGSTOP, which would). SIGTTOU can: it is a stop
/// signal of the same kind, one the explorer never handles, whose default action the kernel
/// carries out under the same rules (stop, or drop in an orphaned process group), and a shell
/// continues the process after it with `fg` as after a SIGTSTP. (Were SIGTTOU ignored, as a
/// parent can leave it, nothing would stop: the explorer takes its terminal back, as in an
/// orphaned process group.)
fn stop_as_by_default() {
    let _ = signal_hook::low_level::raise(SIGTTOU);
}
