//! Signals and hang-ups, handled on threads of their own so that they never wait for the event
//! loop: a signal that ends the process gives the terminal back and exits within half a second
//! however busy or stuck the loop is, and so does a terminal that goes away (its window closed,
//! `tmux kill-session`), whether or not a SIGHUP comes with it.

use std::io;
use std::sync::mpsc::Sender;

use signal_hook::consts::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2,
};
use signal_hook::iterator::Signals;

use super::Note;
use super::tty::{self, Holder};

/// Signals whose default action ends the process: the terminal is given back, and the process
/// exits with 128 + the signal's number, as a shell reports it. (SIGPIPE stays ignored, as Rust
/// sets it: the explorer writes only to its terminal, and an outside SIGPIPE changes nothing.)
const ENDING: [i32; 7] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM];

/// Starts the threads that watch for signals and for the terminal's hang-up. `notes` hears
/// when the screen must be painted again (after `fg`).
pub fn watch(notes: Sender<Note>) -> io::Result<()> {
    let mut signals = Signals::new(ENDING.iter().chain(&[SIGTSTP, SIGCONT]))?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                match signal {
                    SIGTSTP => suspend(),
                    SIGCONT => {
                        if tty::take_again(&[Holder::Suspended, Holder::Explorer]) {
                            let _ = notes.send(Note::Repaint);
                        }
                    }
                    // The editor reads its own Ctrl-c and Ctrl-\ (one that keeps cooked mode
                    // gets them as signals, and so, in its process group, does the explorer).
                    SIGINT | SIGQUIT if tty::holder() == Holder::Editor => {}
                    ending => tty::end_now(128 + ending),
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

/// SIGTSTP (Ctrl-z, or sent from outside): the terminal is given back to the shell, then the
/// process stops as SIGTSTP's default would; SIGCONT takes it again. While the editor has the
/// terminal, it is the editor's to give back.
fn suspend() {
    if tty::holder() == Holder::Explorer {
        tty::give_back(Holder::Suspended);
    }
    let _ = signal_hook::low_level::raise(SIGSTOP);
}
