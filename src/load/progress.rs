//! How far a load has come, for whoever shows it (the line on standard error, the explorer's
//! status line while it reloads): a [`Meter`] the loader bumps and another thread reads. It is
//! a few relaxed atomics behind an `Arc`; the loader adds to it a chunk at a time (a read of a
//! file's chunk, a stream's buffer, thousands of parser events, a thousand list items), never a
//! byte or an item at a time, and a load without a meter never touches one.
//!
//! The parser reaches the meter through the thread it runs on ([`metering`]), as it reaches
//! its line base (`model::pos::with_line_base`): the fast YAML reader is many layers of serde
//! under the loader, and the parallel read installs the meter again on each of its threads.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering::Relaxed};

/// What a load is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The input's bytes are being read.
    Reading,
    /// A long YAML text is being cut into pieces for every core to parse (`load::parallel`).
    Scanning,
    /// Its text is being parsed into a model (a JSON file is read and parsed together).
    Parsing,
    /// The model is being resolved and validated into an org.
    Building,
    /// The org is being read from the cache.
    Restoring,
}

impl Stage {
    /// The word a progress line opens with.
    pub fn word(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Scanning => "scanning",
            Stage::Parsing => "parsing",
            Stage::Building => "building",
            Stage::Restoring => "restoring",
        }
    }

    fn of(code: u8) -> Stage {
        match code {
            1 => Stage::Parsing,
            2 => Stage::Building,
            3 => Stage::Restoring,
            4 => Stage::Scanning,
            _ => Stage::Reading,
        }
    }

    fn code(self) -> u8 {
        match self {
            Stage::Reading => 0,
            Stage::Parsing => 1,
            Stage::Building => 2,
            Stage::Restoring => 3,
            Stage::Scanning => 4,
        }
    }
}

/// What [`Meter::figures`] reads when the bytes of a stage are not counted.
const UNCOUNTED: u64 = u64::MAX;
/// What it reads when the stage's total is not known.
const UNKNOWN: u64 = u64::MAX;

/// A load's progress, shared between the loader and what shows it. Cloning it shares it.
#[derive(Debug, Clone, Default)]
pub struct Meter(Arc<Counts>);

#[derive(Debug, Default)]
struct Counts {
    stage: AtomicU8,
    /// Bytes the stage has been through, or [`UNCOUNTED`].
    bytes: AtomicU64,
    /// Bytes the stage goes through, or [`UNKNOWN`].
    total: AtomicU64,
    /// Entities read so far (the model's count, once it is read).
    entities: AtomicU64,
}

/// A look at a [`Meter`]: what the load is doing and how far it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figures {
    pub stage: Stage,
    /// Bytes the stage has been through, when it counts them (the parse's, while the org is
    /// built).
    pub bytes: Option<u64>,
    /// Bytes it goes through, when that is known.
    pub total: Option<u64>,
    pub entities: u64,
}

impl Meter {
    pub fn new() -> Meter {
        Meter::default()
    }

    /// How far the load is. The counts are read one by one while the loader goes on, so they
    /// may be a chunk apart; a fraction is never taken past one.
    pub fn figures(&self) -> Figures {
        let c = &self.0;
        let bytes = c.bytes.load(Relaxed);
        let total = c.total.load(Relaxed);
        Figures {
            stage: Stage::of(c.stage.load(Relaxed)),
            bytes: (bytes != UNCOUNTED).then_some(bytes),
            total: (total != UNKNOWN).then_some(total),
            entities: c.entities.load(Relaxed),
        }
    }

    /// A stage starts that goes through `total` bytes (when known), counting them when
    /// `counted`. Its entities are counted afresh: a read that gave up and is done again
    /// (the parallel read's pieces, then the serial read) counts them once.
    pub fn enter(&self, stage: Stage, total: Option<u64>, counted: bool) {
        let c = &self.0;
        c.entities.store(0, Relaxed);
        c.bytes.store(if counted { 0 } else { UNCOUNTED }, Relaxed);
        c.total.store(total.unwrap_or(UNKNOWN), Relaxed);
        c.stage.store(stage.code(), Relaxed);
    }

    pub fn add_bytes(&self, n: u64) {
        // An uncounted stage stays so: the sentinel is only ever stored, never added to.
        let _ = self.0.bytes.fetch_update(Relaxed, Relaxed, |b| {
            (b != UNCOUNTED).then(|| b.saturating_add(n))
        });
    }

    pub fn add_entities(&self, n: u64) {
        self.0.entities.fetch_add(n, Relaxed);
    }

    /// The org of a model of `entities` entities is being built: the parse's figures stay (a
    /// parse that did not count its entities now has them).
    pub fn building(&self, entities: u64) {
        self.0.entities.fetch_max(entities, Relaxed);
        self.0.stage.store(Stage::Building.code(), Relaxed);
    }
}

impl Figures {
    /// The share of the stage done, when its bytes are counted and their total known. The
    /// building of the org has none: its bytes are the parse's, all done.
    pub fn fraction(&self) -> Option<f64> {
        let (bytes, total) = (self.bytes?, self.total?);
        if total == 0 || self.stage == Stage::Building {
            return None;
        }
        // A tenth of a percent is all a bar shows: f64 is exact enough for any size.
        #[allow(clippy::cast_precision_loss)]
        Some((bytes as f64 / total as f64).min(1.0))
    }

    /// The share done as a whole percent, never 100 before the end: `41 %`.
    pub fn percent(&self) -> Option<String> {
        self.fraction().map(|f| format!("{} %", percent(f)))
    }

    /// How far the stage is in bytes: `41 % 39.0 MB of 94.9 MB`, or `3.2 MB` when the total
    /// is not known; nothing when the stage does not count them.
    pub fn share(&self) -> Option<String> {
        match (self.bytes, self.total, self.percent()) {
            (Some(bytes), Some(total), Some(p)) => {
                Some(format!("{p} {} of {}", megabytes(bytes), megabytes(total)))
            }
            (Some(bytes), None, _) if self.stage != Stage::Building => Some(megabytes(bytes)),
            _ => None,
        }
    }

    /// The entities read, when there are some: `120000 entities`.
    pub fn entities(&self) -> Option<String> {
        let n = usize::try_from(self.entities).unwrap_or(usize::MAX);
        (n > 0).then(|| crate::words::count(n, "entity"))
    }

    /// The figures in words: [`Figures::share`], then [`Figures::entities`], as there are.
    pub fn amounts(&self) -> String {
        [self.share(), self.entities()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// A whole percent, never 100 before the end.
fn percent(fraction: f64) -> u32 {
    // In 0..=100 by construction.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let p = (fraction * 100.0).floor() as u32;
    p.min(100)
}

/// A size to a tenth of a megabyte, or in bytes under a tenth.
pub fn megabytes(bytes: u64) -> String {
    // Shown to a tenth: the precision an f64 keeps for any file size.
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes as f64 / 1_000_000.0;
    if mb < 0.1 {
        format!("{bytes} bytes")
    } else {
        format!("{mb:.1} MB")
    }
}

thread_local! {
    /// The meter of the load running on this thread.
    static CURRENT: RefCell<Option<Meter>> = const { RefCell::new(None) };
}

/// Runs `f` with `meter` as this thread's, for the readers under it to find ([`Tally`]).
pub(super) fn metering<R>(meter: Option<&Meter>, f: impl FnOnce() -> R) -> R {
    /// Puts the thread's meter back, even when `f` unwinds.
    struct Restore(Option<Meter>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = self.0.take();
            CURRENT.with(|c| *c.borrow_mut() = before);
        }
    }
    let _restore = Restore(CURRENT.with(|c| c.replace(meter.cloned())));
    f()
}

/// This thread's meter, to install on a thread the read starts.
pub(super) fn current() -> Option<Meter> {
    CURRENT.with(|c| c.borrow().clone())
}

/// A reader that counts the bytes it gives on a meter, a buffer at a time.
pub(super) struct Metered<R> {
    pub(super) inner: R,
    pub(super) meter: Meter,
}

impl<R: std::io::Read> std::io::Read for Metered<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.meter.add_bytes(n as u64);
        Ok(n)
    }
}

/// How many parser events go by between two reports of how far a reader is.
pub(super) const EVENTS_PER_REPORT: usize = 4096;
/// How many list items go by between two reports of the entities read.
pub(super) const ITEMS_PER_REPORT: u64 = 1024;

/// What one reader reports to this thread's meter: taken once when it starts, so a read
/// without a meter pays one look at a thread-local and a branch now and then.
#[derive(Debug, Default)]
pub(super) struct Tally {
    meter: Option<Meter>,
    /// The offset already reported.
    reported: usize,
    /// Items counted and not yet reported.
    items: u64,
}

impl Tally {
    pub(super) fn of_thread() -> Tally {
        Tally {
            meter: current(),
            ..Tally::default()
        }
    }

    /// The reader is at byte `offset` of its text.
    pub(super) fn reached(&mut self, offset: usize) {
        if let Some(meter) = &self.meter
            && offset > self.reported
        {
            meter.add_bytes((offset - self.reported) as u64);
            self.reported = offset;
        }
    }

    /// One more entity read.
    pub(super) fn entity(&mut self) {
        if self.meter.is_some() {
            self.items += 1;
            if self.items == ITEMS_PER_REPORT {
                self.flush();
            }
        }
    }

    /// Reports the entities counted since the last report.
    pub(super) fn flush(&mut self) {
        if let Some(meter) = &self.meter {
            meter.add_entities(std::mem::take(&mut self.items));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(bytes: Option<u64>, total: Option<u64>, entities: u64) -> Figures {
        Figures {
            stage: Stage::Parsing,
            bytes,
            total,
            entities,
        }
    }

    #[test]
    fn the_amounts_say_the_share_the_bytes_and_the_entities() {
        let f = figures(Some(39_000_000), Some(94_900_000), 120_000);
        assert_eq!(f.amounts(), "41 % 39.0 MB of 94.9 MB · 120000 entities");
        assert_eq!(
            figures(Some(3_200_000), None, 0).amounts(),
            "3.2 MB",
            "a stream of no known size"
        );
        assert_eq!(figures(None, Some(10), 1).amounts(), "1 entity");
        let built = figures(Some(10), Some(10), 2).with(Stage::Building);
        assert_eq!(
            built.amounts(),
            "2 entities",
            "the parse's bytes are not the building's"
        );
        assert_eq!(built.fraction(), None);
        assert_eq!(figures(None, None, 0).amounts(), "");
        assert_eq!(
            figures(Some(1200), Some(1200), 0).amounts(),
            "100 % 1200 bytes of 1200 bytes"
        );
    }

    #[test]
    fn the_fraction_is_never_past_one_nor_taken_of_nothing() {
        assert_eq!(figures(Some(5), Some(10), 0).fraction(), Some(0.5));
        assert_eq!(figures(Some(15), Some(10), 0).fraction(), Some(1.0));
        assert_eq!(figures(Some(0), Some(0), 0).fraction(), None);
        assert_eq!(figures(Some(5), None, 0).fraction(), None);
        assert_eq!(percent(0.999), 99, "not 100 before the end");
    }

    #[test]
    fn a_meter_counts_what_it_is_told_and_stages_start_afresh() {
        let meter = Meter::new();
        meter.enter(Stage::Reading, Some(100), true);
        meter.add_bytes(40);
        let seen = meter.clone().figures();
        assert_eq!(seen, figures(Some(40), Some(100), 0).with(Stage::Reading));
        meter.add_entities(5);
        meter.enter(Stage::Parsing, None, false);
        meter.add_bytes(10);
        meter.add_entities(3);
        assert_eq!(meter.figures(), figures(None, None, 3));
        // Building keeps the parse's figures, and its count when the parse counted none.
        meter.building(2);
        assert_eq!(
            meter.figures(),
            figures(None, None, 3).with(Stage::Building)
        );
        meter.enter(Stage::Parsing, Some(7), true);
        meter.building(2);
        assert_eq!(
            meter.figures(),
            figures(Some(0), Some(7), 2).with(Stage::Building)
        );
    }

    #[test]
    fn a_tally_reports_to_the_meter_of_its_thread_only() {
        let meter = Meter::new();
        meter.enter(Stage::Parsing, Some(10_000), true);
        metering(Some(&meter), || {
            let mut tally = Tally::of_thread();
            tally.reached(100);
            tally.reached(50);
            tally.reached(300);
            for _ in 0..ITEMS_PER_REPORT + 2 {
                tally.entity();
            }
            assert_eq!(meter.figures().entities, ITEMS_PER_REPORT);
            tally.flush();
        });
        assert_eq!(meter.figures(), figures(Some(300), Some(10_000), 1026));
        // Outside, no meter: nothing is counted.
        let mut tally = Tally::of_thread();
        tally.reached(5000);
        tally.entity();
        tally.flush();
        assert_eq!(meter.figures().bytes, Some(300));
        assert!(current().is_none());
    }

    /// A synthetic model of `n` entities, over the parallel read's threshold at 6000.
    fn synthetic(n: usize, json: bool) -> String {
        let mut text = Vec::new();
        crate::synthetic::write(n, json, &mut text).unwrap();
        String::from_utf8(text).unwrap()
    }

    /// Whether `bytes` is all of `total` but the few lines a read does not count.
    fn nearly(bytes: Option<u64>, total: usize) -> bool {
        bytes.is_some_and(|b| b <= total as u64 && b >= total as u64 / 100 * 99)
    }

    #[test]
    fn the_parallel_read_counts_its_bytes_and_entities() {
        use super::super::parallel::{Plan, Route, read_telling};
        let text = synthetic(6000, false);
        assert!(
            text.len() > super::super::parallel::THRESHOLD,
            "{}",
            text.len()
        );
        let meter = Meter::new();
        meter.enter(Stage::Parsing, Some(text.len() as u64), true);
        let plan = Plan {
            threshold: 1 << 20,
            workers: 4,
        };
        let (model, route) = metering(Some(&meter), || read_telling(&text, plan));
        assert!(matches!(route, Route::Parallel(n) if n >= 4), "{route:?}");
        let seen = meter.figures();
        assert_eq!(seen.entities, model.unwrap().entities.len() as u64);
        assert!(nearly(seen.bytes, text.len()), "{seen:?} of {}", text.len());
    }

    #[test]
    fn the_serial_read_counts_its_bytes_and_serde_saphyr_none() {
        let text = synthetic(300, false);
        let meter = Meter::new();
        meter.enter(Stage::Parsing, Some(text.len() as u64), true);
        let (model, reader) = metering(Some(&meter), || {
            super::super::yaml::read_telling::<crate::model::Model>(&text, 0)
        });
        assert_eq!(reader, super::super::yaml::Reader::Fast);
        assert!(model.is_ok());
        assert_eq!(meter.figures().bytes, Some(text.len() as u64));
        // An anchor: the fast reader gives up, and serde-saphyr's read is not counted.
        let anchored = format!("{text}\nx_anchor: &a 1\n");
        let (_, reader) = metering(Some(&meter), || {
            super::super::yaml::read_telling::<serde::de::IgnoredAny>(&anchored, 0)
        });
        assert!(matches!(reader, super::super::yaml::Reader::Full(_)));
        assert_eq!(meter.figures().bytes, None);
    }

    #[test]
    fn a_load_tells_its_meter_the_bytes_and_entities_of_a_file() {
        let dir = std::env::temp_dir().join(format!("orgtree-meter-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, json) in [("m.yaml", false), ("m.json", true), ("m.yaml.gz", false)] {
            let text = synthetic(6000, json);
            let path = dir.join(name);
            if name.ends_with(".gz") {
                use std::io::Write;
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), Default::default());
                gz.write_all(text.as_bytes()).unwrap();
                std::fs::write(&path, gz.finish().unwrap()).unwrap();
            } else {
                std::fs::write(&path, &text).unwrap();
            }
            let meter = Meter::new();
            let reading = super::super::Reading {
                meter: Some(meter.clone()),
                ..Default::default()
            };
            let input = super::super::Input::File(path.clone());
            let cache = super::super::Cache::off();
            let limits = super::super::Limits::default();
            let loaded = super::super::load_input(&input, limits, &cache, &reading).unwrap();
            let seen = meter.figures();
            assert_eq!(seen.stage, Stage::Building, "{name}");
            assert_eq!(seen.entities, loaded.org.entity_count() as u64, "{name}");
            assert_eq!(seen.total, Some(text.len() as u64), "{name}");
            assert!(
                nearly(seen.bytes, text.len()),
                "{name}: {seen:?} of {}",
                text.len()
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    impl Figures {
        fn with(self, stage: Stage) -> Figures {
            Figures { stage, ..self }
        }
    }
}
