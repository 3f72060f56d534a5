//! What a long load shows while the model is read: after a moment (so that a small file shows
//! nothing at all), one line on standard error, when it is a terminal, with what the load is
//! doing, a bar, how far it is, the time taken and an estimate of the time left:
//!
//! ```text
//! orgtree: parsing big.yaml  [#######.......]  41 % 39.0 MB of 94.9 MB · 120000 entities · 1.9 s, about 2.7 s left
//! ```
//!
//! written again every tenth of a second from the load's [`Meter`], fitted to the terminal's
//! width, and wiped when the load ends. Loading blocks the main thread, so the line is kept by a
//! thread of its own, which waits on a channel: it ends the moment the load does, and costs
//! nothing before.

use std::io::{IsTerminal, Write};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use unicode_width::UnicodeWidthChar;

use crate::load::Meter;
use crate::load::progress::{Figures, Stage};
use crate::sanitize::sanitize;

/// How long a load runs before the line appears.
const AFTER: Duration = Duration::from_millis(300);
/// How often the line is written again.
const EVERY: Duration = Duration::from_millis(100);
/// How long a stage is watched before its rate gives an estimate.
const RATE_AFTER: Duration = Duration::from_millis(300);
/// The widest and the narrowest bar drawn, in cells between its brackets.
const BAR_MAX: usize = 30;
const BAR_MIN: usize = 8;
/// The columns assumed when the terminal says none.
const DEFAULT_COLUMNS: usize = 80;

/// The line kept on standard error while a load runs; dropping it wipes the line.
pub struct Progress {
    stop: Option<(Sender<()>, JoinHandle<()>)>,
}

impl Progress {
    /// Starts keeping the line for a load of `name` that `meter` follows, if standard error is
    /// a terminal that can wipe a line (not `TERM=dumb`).
    pub fn start(name: &str, meter: Meter) -> Progress {
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        if !std::io::stderr().is_terminal() || dumb {
            return Progress { stop: None };
        }
        let name = sanitize(name).into_owned();
        let (tx, rx) = mpsc::channel::<()>();
        let started = Instant::now();
        let thread = std::thread::Builder::new()
            .name("orgtree progress".into())
            .spawn(move || {
                let mut watch = Watch::default();
                let text = |elapsed| {
                    let figures = meter.figures();
                    let left = watch.left(&figures, elapsed);
                    line(&name, &figures, elapsed, left, columns())
                };
                let mut stops = stops::Watch::default();
                let signalled = keep(
                    &rx,
                    text,
                    started,
                    AFTER,
                    &mut std::io::stderr(),
                    &mut || stops.heard(),
                );
                if let Some(signal) = signalled {
                    stops::end(signal);
                }
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

/// The terminal's columns (standard error's, through the controlling terminal), else
/// `COLUMNS`, else [`DEFAULT_COLUMNS`]; asked at each line, so that a resize is followed.
fn columns() -> usize {
    let terminal = || {
        crossterm::terminal::size()
            .ok()
            .map(|(w, _)| usize::from(w))
    };
    let variable = || std::env::var("COLUMNS").ok()?.trim().parse::<usize>().ok();
    terminal()
        .or_else(variable)
        .filter(|&w| w > 0)
        .unwrap_or(DEFAULT_COLUMNS)
}

/// Writes the line after `after`, again every [`EVERY`], until `stop` says the load ended;
/// then wipes it, if it was written. From the first line on, `signalled` is asked at each
/// line whether a stop signal came: then the line is wiped and the signal returned, for the caller
/// to end orgtree as the signal would have.
fn keep(
    stop: &mpsc::Receiver<()>,
    mut text: impl FnMut(Duration) -> String,
    started: Instant,
    after: Duration,
    out: &mut dyn Write,
    signalled: &mut dyn FnMut() -> Option<i32>,
) -> Option<i32> {
    let mut wait = after;
    let mut shown = false;
    loop {
        match stop.recv_timeout(wait) {
            Err(RecvTimeoutError::Timeout) => {
                if let Some(signal) = signalled() {
                    if shown {
                        let _ = write!(out, "\r\x1b[2K");
                        let _ = out.flush();
                    }
                    return Some(signal);
                }
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
                return None;
            }
        }
    }
}

/// The signals that end orgtree, while a progress line is shown: heard by the line's thread,
/// which wipes the line and then lets the signal end orgtree as it would have. The first time
/// a line shows, each gets a handler that does the signal's default action while
/// [`stops::ARMED`] is set; it is unset while the line shows (the thread hears the signal
/// instead) and while the explorer holds the terminal (which restores it first), and set
/// otherwise, so that the signals end orgtree as they did before.
#[cfg(unix)]
pub mod stops {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, LazyLock, Once};

    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    const SIGNALS: [i32; 3] = [SIGINT, SIGTERM, SIGHUP];

    static ARMED: LazyLock<Arc<AtomicBool>> = LazyLock::new(|| Arc::new(AtomicBool::new(true)));
    static INSTALLED: Once = Once::new();

    /// While it lives, the stop signals are the line's to hear.
    #[derive(Default)]
    pub struct Watch {
        signals: Option<Signals>,
    }

    impl Watch {
        /// A stop signal that came, if one did; the first call starts listening.
        pub fn heard(&mut self) -> Option<i32> {
            if self.signals.is_none() {
                INSTALLED.call_once(|| {
                    for signal in SIGNALS {
                        let armed = Arc::clone(&ARMED);
                        let _ = signal_hook::flag::register_conditional_default(signal, armed);
                    }
                });
                ARMED.store(false, Ordering::SeqCst);
                self.signals = Signals::new(SIGNALS).ok();
            }
            self.signals.as_mut()?.pending().next()
        }
    }

    impl Drop for Watch {
        fn drop(&mut self) {
            if self.signals.is_some() {
                ARMED.store(true, Ordering::SeqCst);
            }
        }
    }

    /// Ends orgtree as `signal` would have, the line wiped.
    pub fn end(signal: i32) {
        ARMED.store(true, Ordering::SeqCst);
        let _ = signal_hook::low_level::raise(signal);
    }

    /// The explorer is taking the terminal: its own handling of these signals restores the
    /// terminal before it ends, and must not be cut short.
    pub fn to_the_explorer() {
        ARMED.store(false, Ordering::SeqCst);
    }
}

/// Off Unix, no signal is heard: the line stays as the signal left it.
#[cfg(not(unix))]
pub mod stops {
    #[derive(Default)]
    pub struct Watch;

    impl Watch {
        pub fn heard(&mut self) -> Option<i32> {
            None
        }
    }

    pub fn end(_signal: i32) {}

    pub fn to_the_explorer() {}
}

/// The stage being watched and where it was first seen, for the rate of its bytes.
#[derive(Debug, Default)]
struct Watch {
    first: Option<(Stage, Duration, u64)>,
}

impl Watch {
    /// The time the stage has left at its rate so far, when it can be told.
    fn left(&mut self, figures: &Figures, elapsed: Duration) -> Option<Duration> {
        let bytes = figures.bytes?;
        match self.first {
            Some((stage, ..)) if stage == figures.stage => {}
            _ => self.first = Some((figures.stage, elapsed, bytes)),
        }
        let (_, since, from) = self.first?;
        estimate((since, from), (elapsed, bytes), figures.total?)
    }
}

/// The time left to reach `total` bytes, at the rate from `first` to `now` (each a time and
/// the bytes then): `None` before the stage was watched for [`RATE_AFTER`], or with no bytes
/// gone by.
fn estimate(first: (Duration, u64), now: (Duration, u64), total: u64) -> Option<Duration> {
    let watched = now.0.checked_sub(first.0)?;
    let gone = now.1.checked_sub(first.1)?;
    if watched < RATE_AFTER || gone == 0 {
        return None;
    }
    // Seconds to a tenth are all that is shown.
    #[allow(clippy::cast_precision_loss)]
    let left = total.saturating_sub(now.1) as f64 * watched.as_secs_f64() / gone as f64;
    Duration::try_from_secs_f64(left).ok()
}

/// `1.9 s`, `2 min 5 s`.
fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 60.0 {
        format!("{s:.1} s")
    } else {
        let whole = d.as_secs();
        format!("{} min {} s", whole / 60, whole % 60)
    }
}

/// The line for a load of `name` (sanitized) at `figures`, `elapsed` into it with `left` to
/// go (when known), fitted to a terminal of `width` columns: it never reaches the last
/// column, so that it never wraps. What does not fit goes, least telling first: the entities
/// and the time taken, then the bytes, then the bar, then the estimate; the name is cut last.
pub fn line(
    name: &str,
    figures: &Figures,
    elapsed: Duration,
    left: Option<Duration>,
    width: usize,
) -> String {
    let room = width.saturating_sub(1);
    let head = format!("orgtree: {} {name}", figures.stage.word());
    let time = seconds(elapsed);
    let tails = |left: Option<String>| {
        let timing = match &left {
            Some(left) => format!("{time}, {left}"),
            None => time.clone(),
        };
        let soon = left.unwrap_or_else(|| time.clone());
        [
            [figures.share(), figures.entities(), Some(timing)],
            [figures.share(), None, Some(soon.clone())],
            [figures.percent(), None, Some(soon)],
            [None, None, Some(time.clone())],
        ]
        .map(|pieces| pieces.into_iter().flatten().collect::<Vec<_>>().join(" · "))
    };
    let left = left.map(|l| format!("about {} left", seconds(l)));
    // The bar is as wide as the line with an estimate leaves it, so that it keeps its width
    // when the estimate comes.
    let sized = tails(Some(
        left.clone().unwrap_or_else(|| "about 0.0 s left".into()),
    ));
    let tails = tails(left);
    // With the bar first, as narrow as it may be; then without.
    if let Some(fraction) = figures.fraction() {
        for (tail, sized) in tails.iter().zip(&sized) {
            let fixed = cells(&head) + cells(sized).max(cells(tail)) + "  []  ".len();
            let bar = room.saturating_sub(fixed).min(BAR_MAX);
            if bar >= BAR_MIN {
                return format!("{head}  [{}]  {tail}", bar_of(fraction, bar));
            }
        }
    }
    for tail in &tails {
        let whole = format!("{head} · {tail}");
        if cells(&whole) <= room {
            return whole;
        }
    }
    // The name cut, to keep the time when there is room for some of the name.
    let time = format!(" · {time}");
    let least = cells(&format!("orgtree: {} ", figures.stage.word())) + 2 + cells(&time);
    if room >= least {
        format!("{}{time}", cut(&head, room - cells(&time)))
    } else {
        cut(&head, room)
    }
}

/// A bar of `width` cells, filled to `fraction`.
fn bar_of(fraction: f64, width: usize) -> String {
    // In 0..=width, since the fraction is in 0..=1.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let full = ((fraction * width as f64).floor() as usize).min(width);
    format!("{}{}", "#".repeat(full), ".".repeat(width - full))
}

/// The columns a sanitized text takes.
fn cells(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `text` in at most `room` columns, its end replaced by `…` when it is cut.
fn cut(text: &str, room: usize) -> String {
    if cells(text) <= room {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > room {
            break;
        }
        out.push(c);
        used += w;
    }
    if room > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsing(bytes: Option<u64>, total: Option<u64>, entities: u64) -> Figures {
        Figures {
            stage: Stage::Parsing,
            bytes,
            total,
            entities,
        }
    }

    const SECONDS: fn(f64) -> Duration = Duration::from_secs_f64;

    #[test]
    fn the_line_has_a_bar_the_figures_the_time_and_what_is_left() {
        let figures = parsing(Some(39_000_000), Some(94_900_000), 120_000);
        assert_eq!(
            line("big.yaml", &figures, SECONDS(1.9), Some(SECONDS(2.7)), 160),
            "orgtree: parsing big.yaml  [############..................]  41 % 39.0 MB of \
             94.9 MB · 120000 entities · 1.9 s, about 2.7 s left"
        );
    }

    #[test]
    fn a_stream_of_unknown_size_says_its_bytes_so_far_and_no_estimate() {
        let figures = Figures {
            stage: Stage::Reading,
            ..parsing(Some(3_200_000), None, 0)
        };
        assert_eq!(
            line("standard input", &figures, SECONDS(0.4), None, 80),
            "orgtree: reading standard input · 3.2 MB · 0.4 s"
        );
        let building = Figures {
            stage: Stage::Building,
            ..parsing(Some(10), Some(10), 400_000)
        };
        assert_eq!(
            line("m.yaml", &building, SECONDS(75.2), None, 80),
            "orgtree: building m.yaml · 400000 entities · 1 min 15 s"
        );
    }

    #[test]
    fn the_line_fits_the_terminal_and_never_wraps() {
        let figures = parsing(Some(39_000_000), Some(94_900_000), 120_000);
        let left = Some(SECONDS(2.7));
        for width in [0, 1, 5, 20, 40, 60, 80, 100, 120, 200] {
            let text = line("big.yaml", &figures, SECONDS(1.9), left, width);
            assert!(cells(&text) < width.max(1), "{width}: {text:?}");
        }
        // Narrower, the bar narrows, the entities and the bytes go, then the bar, then the
        // estimate, and the name is cut last.
        let at = |width| line("big.yaml", &figures, SECONDS(1.9), left, width);
        assert!(
            at(120).contains("  [########.............]  41 %"),
            "{}",
            at(120)
        );
        assert_eq!(
            at(100),
            "orgtree: parsing big.yaml  [##########................]  41 % 39.0 MB of 94.9 MB · \
             about 2.7 s left"
        );
        assert_eq!(
            at(80),
            "orgtree: parsing big.yaml  [##########...............]  41 % · about 2.7 s left"
        );
        assert_eq!(
            at(60),
            "orgtree: parsing big.yaml  [#########..............]  1.9 s"
        );
        assert_eq!(at(40), "orgtree: parsing big.yaml · 1.9 s");
        assert_eq!(at(30), "orgtree: parsing big… · 1.9 s");
        assert_eq!(at(20), "orgtree: parsing b…");
        assert!(at(200).contains(&format!("[{}{}]", "#".repeat(12), ".".repeat(18))));
    }

    #[test]
    fn the_bar_keeps_its_width_when_the_estimate_comes() {
        let figures = parsing(Some(39_000_000), Some(94_900_000), 120_000);
        let bar = |left| {
            let text = line("big.yaml", &figures, SECONDS(1.9), left, 120);
            let (_, from) = text.split_once('[').unwrap();
            from.split_once(']').unwrap().0.len()
        };
        assert_eq!(bar(None), bar(Some(SECONDS(2.7))));
        assert_eq!(bar(None), 21);
        let before = line("big.yaml", &figures, SECONDS(1.9), None, 120);
        assert!(before.ends_with("]  41 % 39.0 MB of 94.9 MB · 120000 entities · 1.9 s"));
    }

    #[test]
    fn a_hostile_name_is_shown_escaped_and_cut_to_fit() {
        let hostile = format!("\x1b]0;owned\x07{}\u{202e}.yaml", "é".repeat(300));
        let name = sanitize(&hostile);
        let figures = parsing(Some(1), Some(2), 0);
        let text = line(&name, &figures, SECONDS(0.5), None, 80);
        assert!(!text.chars().any(char::is_control), "{text:?}");
        assert!(!text.contains('\u{202e}'), "{text:?}");
        assert!(
            cells(&text) < 80 && text.ends_with("é… · 0.5 s"),
            "{text:?}"
        );
        assert!(
            text.starts_with(r"orgtree: parsing \u{1b}]0;owned\u{7}é"),
            "{text:?}"
        );
        // Wide characters count twice.
        let wide = line("表".repeat(50).as_str(), &figures, SECONDS(0.5), None, 40);
        assert!(cells(&wide) < 40, "{wide:?}");
    }

    #[test]
    fn the_estimate_comes_from_the_rate_of_bytes_once_there_is_one() {
        let s = SECONDS;
        assert_eq!(estimate((s(0.3), 0), (s(1.3), 10), 30), Some(s(2.0)));
        assert_eq!(
            estimate((s(0.3), 0), (s(0.4), 10), 30),
            None,
            "watched too short"
        );
        assert_eq!(
            estimate((s(0.3), 5), (s(1.3), 5), 30),
            None,
            "nothing went by"
        );
        assert_eq!(
            estimate((s(0.3), 0), (s(1.3), 40), 30),
            Some(Duration::ZERO)
        );
        // A new stage is watched afresh.
        let mut watch = Watch::default();
        let reading = Figures {
            stage: Stage::Reading,
            ..parsing(Some(0), Some(100), 0)
        };
        assert_eq!(watch.left(&reading, s(0.3)), None);
        let parsing_now = parsing(Some(0), Some(100), 0);
        assert_eq!(watch.left(&parsing_now, s(1.0)), None);
        let later = parsing(Some(50), Some(100), 0);
        assert_eq!(watch.left(&later, s(2.0)), Some(s(1.0)));
        assert_eq!(watch.left(&parsing(None, None, 3), s(2.1)), None);
    }

    #[test]
    fn a_stop_signal_wipes_the_line_and_is_handed_back() {
        let (_tx, rx) = mpsc::channel::<()>();
        let mut out = Vec::new();
        let mut asked = 0;
        let heard = keep(
            &rx,
            |_| "line".into(),
            Instant::now(),
            Duration::ZERO,
            &mut out,
            &mut || {
                asked += 1;
                (asked == 3).then_some(2)
            },
        );
        assert_eq!(heard, Some(2));
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out, "\r\x1b[2Kline\r\x1b[2Kline\r\x1b[2K");
    }

    #[test]
    fn a_load_that_ends_first_shows_nothing() {
        let (tx, rx) = mpsc::channel();
        tx.send(()).unwrap();
        let mut out = Vec::new();
        keep(
            &rx,
            |_| "line".into(),
            Instant::now(),
            AFTER,
            &mut out,
            &mut || None,
        );
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
                &mut || None,
            );
            out
        });
        drop(tx);
        let out = String::from_utf8(writer.join().unwrap()).unwrap();
        // Either the end came before the first line (nothing), or the line and its wiping.
        assert!(out.is_empty() || out == "\r\x1b[2Kline\r\x1b[2K", "{out:?}");
    }
}
