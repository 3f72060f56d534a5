//! What a long load shows while the model is read: after a moment (so that a small file shows
//! nothing at all), one line on standard error, when it is a terminal, with the input's name,
//! its size and the time taken so far, written again every tenth of a second and wiped when
//! the load ends. Loading blocks the main thread, so the line is kept by a thread of its own,
//! which waits on a channel: it ends the moment the load does, and costs nothing before.

use std::io::{IsTerminal, Write};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::load::progress::megabytes;
use crate::sanitize::sanitize;

/// How long a load runs before the line appears.
const AFTER: Duration = Duration::from_millis(300);
/// How often the line is written again.
const EVERY: Duration = Duration::from_millis(100);

/// The line kept on standard error while a load runs; dropping it wipes the line.
pub struct Progress {
    stop: Option<(Sender<()>, JoinHandle<()>)>,
}

impl Progress {
    /// Starts keeping the line for a load of `name` (`size` bytes, when known), if standard
    /// error is a terminal.
    pub fn start(name: &str, size: Option<u64>) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress { stop: None };
        }
        let name = sanitize(name).into_owned();
        let (tx, rx) = mpsc::channel::<()>();
        let started = Instant::now();
        let thread = std::thread::Builder::new()
            .name("orgtree progress".into())
            .spawn(move || {
                let text = |elapsed| line(&name, size, elapsed);
                keep(&rx, text, started, AFTER, &mut std::io::stderr());
            });
        Progress {
            stop: thread.ok().map(|t| (tx, t)),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some((tx, thread)) = self.stop.take() {
            let _ = tx.send(());
            let _ = thread.join();
        }
    }
}

/// Writes the line after `after`, again every [`EVERY`], until `stop` says the load ended;
/// then wipes it, if it was written.
fn keep(
    stop: &mpsc::Receiver<()>,
    text: impl Fn(Duration) -> String,
    started: Instant,
    after: Duration,
    out: &mut dyn Write,
) {
    let mut wait = after;
    let mut shown = false;
    loop {
        match stop.recv_timeout(wait) {
            Err(RecvTimeoutError::Timeout) => {
                let _ = write!(out, "\r\x1b[2K{}", text(started.elapsed()));
                let _ = out.flush();
                shown = true;
                wait = EVERY;
            }
            // The load ended (or its side went away).
            _ => {
                if shown {
                    let _ = write!(out, "\r\x1b[2K");
                    let _ = out.flush();
                }
                return;
            }
        }
    }
}

/// `orgtree: reading big.yaml (46.1 MB)… 2.3 s`.
pub fn line(name: &str, size: Option<u64>, elapsed: Duration) -> String {
    let size = size.map_or_else(String::new, |bytes| format!(" ({})", megabytes(bytes)));
    format!(
        "orgtree: reading {name}{size}… {:.1} s",
        elapsed.as_secs_f64()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_names_the_input_its_size_and_the_time() {
        assert_eq!(
            line("big.yaml", Some(46_057_197), Duration::from_millis(2340)),
            "orgtree: reading big.yaml (46.1 MB)… 2.3 s"
        );
        assert_eq!(
            line("standard input", None, Duration::from_millis(400)),
            "orgtree: reading standard input… 0.4 s"
        );
        assert_eq!(
            line("t.yaml", Some(1200), Duration::ZERO),
            "orgtree: reading t.yaml (1200 bytes)… 0.0 s"
        );
    }

    #[test]
    fn a_load_that_ends_first_shows_nothing() {
        let (tx, rx) = mpsc::channel();
        tx.send(()).unwrap();
        let mut out = Vec::new();
        keep(&rx, |_| "line".into(), Instant::now(), AFTER, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn a_line_written_is_wiped_when_the_load_ends() {
        // No delay: the first wait times out at once and writes the line; the load's side
        // then goes away, and the line is wiped.
        let (tx, rx) = mpsc::channel::<()>();
        let mut out = Vec::new();
        let writer = std::thread::spawn(move || {
            keep(
                &rx,
                |_| "line".into(),
                Instant::now(),
                Duration::ZERO,
                &mut out,
            );
            out
        });
        drop(tx);
        let out = String::from_utf8(writer.join().unwrap()).unwrap();
        // Either the end came before the first line (nothing), or the line and its wiping.
        assert!(out.is_empty() || out == "\r\x1b[2Kline\r\x1b[2K", "{out:?}");
    }
}
