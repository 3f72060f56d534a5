//! Reading a long YAML model on every core: the text is cut at the items of its top-level lists
//! (`split`), the runs of items are read by the fast reader on scoped threads, and the header
//! (every other top-level key) is read on its own; the pieces make the model the whole text
//! makes. Whatever the cut cannot vouch for, and any piece the fast reader gives up on, sends
//! the whole text to the serial read (`yaml::read`), which gives the exact diagnostic.
//!
//! Why reading the pieces apart reads what the whole text says.
//! - *The cut.* `split`'s module comment gives the argument: a line that starts with `- ` at the
//!   column of a list's first item, outside a quoted scalar, a flow collection and a block
//!   scalar, is a new item of that list, because block content is indented more than the dash
//!   that opens it; the lexer that follows quotes, flows and block scalars across lines can
//!   only err towards not cutting (merging items), and a run of merged items is still a list.
//!   A block scalar's content is indented more than the node that holds it, which is at or
//!   right of the item's dash: a line at the dash's column ends it, whatever its indentation
//!   indicator says.
//! - *What the lexer cannot follow is refused before any cut* (`Serial::Cut`, `Serial::Lines`):
//!   anchors, aliases and tags anywhere (an alias in one piece would name an anchor in
//!   another), directives and document markers anywhere (a second document, or a first one the
//!   cut would have to understand), a list section given twice, a tab in a line's indentation
//!   (the lexer counts spaces), a carriage return that is not part of a CRLF (YAML takes it
//!   for a line break, the cut does not), and a byte-order mark past the first character.
//! - *The header* is refused unless each of its lines is blank, a comment, or a key at column 0
//!   whose value opens and closes on that line (`Serial::Header`): no multi-line scalar, block
//!   scalar or flow collection, so nothing of the header runs into the items. It is read from
//!   the skeleton, the text with the items' lines left empty, so its positions are the file's.
//! - *Each run* is read as a block sequence at its own indentation, so its columns are the
//!   file's, with its line base (`model::pos::with_line_base`, per thread) so are its lines.
//!   It is read one level less deep than the document allows, as it sits one level down (in
//!   the model's mapping), and under the whole document's budgets: without aliases no budget
//!   of a text of n bytes is reached (see `yaml::Budgets`), so the serial read could not stop
//!   on one either.
//! - *Keys.* A list's items are values in a sequence; no key of one item can clash with
//!   another's, and the header's keys are checked for duplicates in the header.
//!
//! The differential tests (`tests/it/parallel_yaml.rs`) hold the result against the serial
//! read, positions included.

use std::marker::PhantomData;
use std::num::NonZeroUsize;

use serde::de::{self, Deserialize, DeserializeSeed, SeqAccess, Visitor};
use serde_saphyr::Error as YamlError;

use crate::model::pos::with_line_base;
use crate::model::{Entity, Event, Model, Person, Relation, Role, Source, Stake};

use super::fast::GiveUp;
use super::progress::{self, Stage, Tally};
use super::split::{self, Item, Refused};
use super::yaml;

/// Texts shorter than this are read serially: the threads would cost more than they save.
pub(super) const THRESHOLD: usize = 1 << 20;

/// Threads used at most.
const MAX_WORKERS: usize = 8;

/// No item that reads is shorter than this (a person needs `id:` and `name:`): capacities
/// reserved from the count of items are capped by the text's length over it, so that a text of
/// many empty items cannot make the reader reserve more than the text could fill.
const MIN_ITEM_BYTES: usize = 8;

/// How a text is read in parallel: above what length, on how many threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub threshold: usize,
    pub workers: usize,
}

impl Plan {
    /// The loader's: texts of 1 MiB and more, on every core (up to a few).
    pub fn of_machine() -> Plan {
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        Plan {
            threshold: THRESHOLD,
            workers: cores.min(MAX_WORKERS),
        }
    }
}

/// How a text was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// In pieces, this many runs of items.
    Parallel(usize),
    /// Serially, for this reason.
    Serial(Serial),
}

/// Why a text was read serially.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Serial {
    /// Shorter than the threshold, or one thread only.
    Small,
    /// A line the cut cannot be sure of: a tab in its indentation, a lone carriage return, a
    /// byte-order mark inside the text.
    Lines,
    /// An anchor, an alias or a tag.
    Node,
    /// A directive or a document marker.
    Document,
    /// A list section given twice.
    Repeated,
    /// A header line whose value runs past it (a multi-line scalar, a block scalar, a flow
    /// collection), or that is not at column 0.
    Header,
    /// Fewer than two runs of items: nothing to share.
    Few,
    /// A list's last item may end in an empty node, and another list or the header follows.
    OpenEnd,
    /// The fast reader gave up on the header or on a run.
    Piece(GiveUp),
}

/// Reads `text`, a whole model file, as `yaml::read` does: in parallel under `plan` where that
/// is safe, serially otherwise.
pub(super) fn read(text: &str, plan: Plan) -> Result<Model, YamlError> {
    read_telling(text, plan).0
}

/// [`read`], and how it read the text.
pub(super) fn read_telling(text: &str, plan: Plan) -> (Result<Model, YamlError>, Route) {
    match read_parallel(text, plan) {
        Ok((model, runs)) => (Ok(model), Route::Parallel(runs)),
        Err(why) => {
            // What the pieces counted is read again.
            if let Some(meter) = progress::current() {
                meter.enter(Stage::Parsing, Some(text.len() as u64), true);
            }
            (yaml::read(text, 0), Route::Serial(why))
        }
    }
}

/// The parallel read, or why it does not apply.
fn read_parallel(text: &str, plan: Plan) -> Result<(Model, usize), Serial> {
    if text.len() < plan.threshold || plan.workers < 2 {
        return Err(Serial::Small);
    }
    let meter = progress::current();
    let whole = text.len();
    if let Some(meter) = &meter {
        meter.enter(Stage::Scanning, Some(whole as u64), true);
    }
    check_lines(text)?;
    let mut runs = Runs::new(text, plan.workers);
    let mut cut = Tally::of_thread();
    let mut items = 0_u64;
    let skeleton = split::cut(text, |item| {
        items += 1;
        if items.is_multiple_of(progress::ITEMS_PER_REPORT) {
            cut.reached(item.start);
        }
        runs.add(item);
    })
    .map_err(|why| match why {
        Refused::Node => Serial::Node,
        Refused::Document => Serial::Document,
        Refused::Repeated => Serial::Repeated,
    })?;
    check_header(&skeleton)?;
    let runs = runs.finish().ok_or(Serial::OpenEnd)?;
    if runs.len() < 2 {
        return Err(Serial::Few);
    }
    if let Some(meter) = &meter {
        meter.enter(Stage::Parsing, Some(whole as u64), true);
    }
    let (header, pieces) = std::thread::scope(|scope| {
        let mut groups = runs.chunk_by(|a, b| a.worker == b.worker);
        let mine = groups.next().unwrap_or_default();
        let others: Vec<_> = groups
            .map(|group| {
                let meter = meter.clone();
                let work = move || progress::metering(meter.as_ref(), || read_runs(group, whole));
                // A thread that cannot be started leaves its runs to this one.
                std::thread::Builder::new()
                    .spawn_scoped(scope, work)
                    .map_err(|_| group)
            })
            .collect();
        // The header is the file's other lines, blank where the items are: not counted.
        let header = progress::metering(None, || yaml::read_fast::<Model>(&skeleton));
        let mut pieces = vec![read_runs(mine, whole)];
        for other in others {
            pieces.push(match other {
                Ok(handle) => handle.join().unwrap_or(Err(GiveUp::Other)),
                Err(group) => read_runs(group, whole),
            });
        }
        (header, pieces)
    });
    let mut model = header.map_err(Serial::Piece)?;
    for group in pieces {
        for piece in group.map_err(Serial::Piece)? {
            piece.place(&mut model);
        }
    }
    Ok((model, runs.len()))
}

/// Refuses a text with a line the cut cannot be sure of (see the module comment).
fn check_lines(text: &str) -> Result<(), Serial> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.contains('\u{feff}') {
        return Err(Serial::Lines);
    }
    let returns = body.contains('\r');
    for line in body.split('\n') {
        let bytes = line.as_bytes();
        let indentation = bytes
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'-' | b'?' | b':'))
            .any(|&b| b == b'\t');
        let lone_return = returns && line.strip_suffix('\r').unwrap_or(line).contains('\r');
        if indentation || lone_return {
            return Err(Serial::Lines);
        }
        let marker = bytes.starts_with(b"---") || bytes.starts_with(b"...");
        let ends = matches!(bytes.get(3), None | Some(b' ' | b'\t' | b'\r'));
        if bytes.first() == Some(&b'%') || marker && ends {
            return Err(Serial::Document);
        }
    }
    Ok(())
}

/// Refuses a header with a line that is not blank, a comment, or a key at column 0 whose value
/// closes on its line.
fn check_header(skeleton: &str) -> Result<(), Serial> {
    for line in skeleton.lines() {
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if content.len() != line.len() || !split::closed_on_its_line(line) {
            return Err(Serial::Header);
        }
    }
    Ok(())
}

/// A run of items of one list, next to each other in the file, read by one worker.
#[derive(Debug, Clone, Copy)]
struct Run<'a> {
    section: &'static str,
    /// Lines of the file before it.
    line: u32,
    /// Where it starts in the file, in bytes.
    start: usize,
    text: &'a str,
    worker: usize,
    /// What to reserve for its items: the whole list's count for a list's first run, which
    /// the others are appended to, its own count for the others.
    capacity: usize,
}

/// The runs of a text being cut, with the count of each list's items.
struct Runs<'a> {
    text: &'a str,
    runs: Vec<Run<'a>>,
    /// The byte the run being built ends at, and its count of items.
    end: usize,
    items: usize,
    totals: Vec<(&'static str, usize)>,
    workers: usize,
    /// Whether the last item read may end in an empty node.
    open_ended: bool,
    /// Whether a run ended in one before something else than the next item.
    refused: bool,
}

impl<'a> Runs<'a> {
    fn new(text: &'a str, workers: usize) -> Self {
        Runs {
            text,
            runs: Vec::new(),
            end: 0,
            items: 0,
            totals: Vec::new(),
            workers: workers.max(1),
            open_ended: false,
            refused: false,
        }
    }

    /// The worker of an item starting at `start`: the text is shared out in equal lengths.
    fn worker_of(&self, start: usize) -> usize {
        let share = self.text.len().div_ceil(self.workers).max(1);
        (start / share).min(self.workers - 1)
    }

    fn add(&mut self, item: Item<'a>) {
        let worker = self.worker_of(item.start);
        match self.totals.last_mut() {
            Some((section, count)) if *section == item.section => *count += 1,
            _ => self.totals.push((item.section, 1)),
        }
        let open = self.open_ended;
        self.open_ended = open_ended(item.text);
        if let Some(run) = self.runs.last_mut()
            && run.section == item.section
            && self.end == item.start
            && (run.worker == worker || open)
        {
            // A run that ends in an empty node takes the next item too (see `open_ended`).
            self.end += item.text.len();
            self.items += 1;
            return;
        }
        self.refused |= open;
        self.close();
        self.runs.push(Run {
            section: item.section,
            line: item.line,
            start: item.start,
            text: item.text,
            worker,
            capacity: 0,
        });
        self.end = item.start + item.text.len();
        self.items = 1;
    }

    /// Gives the last run its whole text, to `end`, and its count.
    fn close(&mut self) {
        if let Some(run) = self.runs.last_mut() {
            let start = run.start;
            run.text = self.text.get(start..self.end).unwrap_or(run.text);
            run.capacity = self.items;
        }
    }

    /// The runs, or `None` when one ends in an empty node before another list or the header.
    fn finish(mut self) -> Option<Vec<Run<'a>>> {
        self.close();
        if self.refused || self.open_ended && self.end != self.text.len() {
            return None;
        }
        let mut previous = None;
        for run in &mut self.runs {
            if previous != Some(run.section) {
                let total = self.totals.iter().find(|(s, _)| *s == run.section);
                run.capacity = total.map_or(run.capacity, |(_, n)| *n);
            }
            previous = Some(run.section);
        }
        Some(self.runs)
    }
}

/// Whether an item may end in an empty node: a key without a value, an empty block scalar, a
/// lone `-` or `?`. Such a node's position is that of the token after it, which for an item
/// at the end of a run is past the run's text: read alone, the run would place it elsewhere.
/// So a run does not end with one, except at the end of the file (the same text follows in
/// both reads). Judged on the last line that is not blank or a comment, erring towards yes:
/// any comment or `?` on it, or an end in `:`, `-`, or a block scalar's indicator.
fn open_ended(item: &str) -> bool {
    let last = item
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    let Some(last) = last else {
        return true;
    };
    let indicator = last.trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
    last.contains(" #")
        || last.contains('?')
        || last == "-"
        || last.ends_with(" -")
        || indicator.ends_with([':', '|', '>'])
}

/// Reads runs of items in order; the first that gives up stops the group.
fn read_runs(runs: &[Run<'_>], whole: usize) -> Result<Vec<Piece>, GiveUp> {
    runs.iter().map(|run| Piece::read(run, whole)).collect()
}

/// A list read into a vector reserved to its count of items, as a seed for the fast reader;
/// its items counted on the load's meter when they are `entities`.
struct Exact<T> {
    capacity: usize,
    entities: bool,
    item: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Exact<T> {
    type Value = Vec<T>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Exact<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::with_capacity(self.capacity);
        let mut tally = if self.entities {
            Tally::of_thread()
        } else {
            Tally::default()
        };
        while let Some(item) = seq.next_element()? {
            items.push(item);
            tally.entity();
        }
        tally.flush();
        Ok(items)
    }
}

/// Reads one run as a list of `T`.
fn read_list<T: for<'de> Deserialize<'de>>(run: &Run<'_>, whole: usize) -> Result<Vec<T>, GiveUp> {
    let seed = Exact {
        capacity: run.capacity.min(whole / MIN_ITEM_BYTES),
        entities: run.section == "entities",
        item: PhantomData,
    };
    // One level down: the list is a value of the model's mapping.
    with_line_base(run.line, || yaml::read_fast_part(run.text, seed, whole, 1))
}

/// Declares [`Piece`], one variant per list of the model, and how each is read and placed.
macro_rules! pieces {
    ($($section:literal => $variant:ident($item:ty), $field:ident;)*) => {
        /// One run's items, of the list they belong to.
        enum Piece {
            $($variant(Vec<$item>),)*
        }

        impl Piece {
            fn read(run: &Run<'_>, whole: usize) -> Result<Piece, GiveUp> {
                match run.section {
                    $($section => read_list(run, whole).map(Piece::$variant),)*
                    _ => Err(GiveUp::Other),
                }
            }

            /// Appends the items to their list, which the list's first run reserved room for.
            fn place(self, model: &mut Model) {
                match self {
                    $(Piece::$variant(mut items) => {
                        if model.$field.is_empty() {
                            model.$field = items;
                        } else {
                            model.$field.append(&mut items);
                        }
                    })*
                }
            }
        }
    };
}

pieces! {
    "sources" => Sources(Source), sources;
    "entities" => Entities(Entity), entities;
    "people" => People(Person), people;
    "stakes" => Stakes(Stake), stakes;
    "roles" => Roles(Role), roles;
    "relations" => Relations(Relation), relations;
    "events" => Events(Event), events;
}
