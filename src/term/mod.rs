//! The interactive loop on a real terminal: wait for something to happen, turn what came into
//! actions, update, and draw once. Draws only when something changed: an idle explorer sleeps.
//!
//! The loop itself is [`drive`], written against two small traits so that its rules can be
//! tested without a terminal: every queued input is handled before the next wait, a burst of
//! input is followed by one frame, text typed or pasted into the search prompt is applied as one
//! edit. What must never wait for the loop lives on threads of its own: signals and the
//! terminal's hang-up ([`signals`]), the model file's reloads ([`watch`]), and searches
//! ([`crate::search::worker`], whose outcomes come as [`Note::Searched`]). The terminal's
//! modes, and their restoration on every way out, are [`tty`]'s and [`session`]'s.

mod background;
mod clipboard;
mod device;
mod editor;
mod export;
mod launch;
mod osc8;
mod session;
#[cfg(unix)]
mod signals;
pub mod tty;
mod watch;

use std::io;
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};

use crate::app::{Action, App, Effect, Exit, Mode};
use crate::keys;
use crate::load::{self, Limits, LoadError, Loaded};

pub use clipboard::{Copied, Way};
use session::Session;
pub use session::restore;

/// Without Unix signals nothing is watched: in raw mode Ctrl-c comes as a key, and the console
/// closing ends the process.
#[cfg(not(unix))]
mod signals {
    pub fn watch(_: std::sync::mpsc::Sender<super::Note>) -> std::io::Result<()> {
        Ok(())
    }
}

/// How the explorer ended, as a process exit status. (Signals and a hang-up end the process
/// from their own thread, with 128 + the signal's number.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Quit normally: 0.
    Quit,
    /// Ctrl-c: 130.
    Interrupted,
}

impl Ending {
    pub fn exit_code(self) -> u8 {
        match self {
            Ending::Quit => 0,
            Ending::Interrupted => 130,
        }
    }
}

/// The signals whose default action ends the process, by name and number: each gives the
/// terminal back and ends the explorer with 128 + its number. None where there are no Unix
/// signals.
pub fn ending_signals() -> &'static [(&'static str, i32)] {
    #[cfg(unix)]
    return &signals::ENDING;
    #[cfg(not(unix))]
    return &[];
}

/// What the explorer's other threads tell the loop.
#[derive(Debug)]
pub enum Note {
    /// The terminal was taken back after `fg`: everything must be drawn again.
    Repaint,
    /// The model file changed and is being read again, as far as the meter says.
    Reloading(load::Meter),
    /// The model file was read again: the new model, or what is wrong with it.
    Reloaded(Box<Result<Loaded, LoadError>>),
    /// The model file is gone (deleted, or renamed away).
    Vanished,
    /// A search on the search thread is over.
    Searched(Box<crate::search::worker::Outcome>),
}

/// One thing for the loop to handle.
#[derive(Debug)]
pub enum Input {
    Event(Event),
    Note(Note),
}

/// Where the loop's inputs come from.
pub trait Inputs {
    /// The next input: waits for one when `wait`, else returns `None` when none is queued.
    fn next(&mut self, wait: bool) -> io::Result<Option<Input>>;

    /// Says whether a note is expected soon (a search is under way), for inputs that must look
    /// for notes between waits for keys.
    fn expect_note(&mut self, _soon: bool) {}

    /// Asks a wait for input to end with `None` after `every`, when given, so that the loop
    /// draws again what changes without an input (how far a reload is).
    fn redraw_every(&mut self, _every: Option<Duration>) {}
}

/// What the loop needs of the screen and the world around it.
pub trait Console {
    /// The screen's size: columns, rows.
    fn size(&self) -> io::Result<(u16, u16)>;
    fn draw(&mut self, app: &App) -> io::Result<()>;
    /// Forgets what is on screen, so that the next frame draws every cell.
    fn repaint(&mut self) -> io::Result<()>;
    /// Puts `text` on a clipboard; says how, or why it could not.
    fn copy(&mut self, text: &str) -> Copied;
    /// Opens `url` (already checked) in the browser, detached; says how, or what went wrong.
    fn open(&mut self, url: &str) -> String;
    /// Opens the editor; returns what to say: what went wrong, or where a detached editor went.
    fn edit(&mut self, path: &Path, line: u32) -> io::Result<Option<String>>;
    /// Hands the terminal to the shell until `fg` (a [`Note::Repaint`] follows); returns why
    /// it could not, where the platform has no such thing.
    fn suspend(&mut self) -> io::Result<Option<String>>;
}

/// How long one burst of input may be handled before a frame shows where it got to; the rest
/// is handled right after, before any wait.
const BURST: Duration = Duration::from_millis(100);

/// Runs the explorer until the person quits; the model file (`app.path`) is watched and
/// reloaded when it changes, read as `reading` says. Signals and a hang-up end the process from their own threads.
pub fn run(mut app: App, limits: Limits, reading: load::Reading) -> io::Result<Ending> {
    let (notes, heard) = mpsc::channel();
    signals::watch(notes.clone())?;
    let searched = notes.clone();
    app.search_off_thread(std::sync::Arc::new(move |outcome| {
        // The loop is gone only when the explorer is ending.
        let _ = searched.send(Note::Searched(Box::new(outcome)));
    }));
    if let Some(path) = app.path() {
        watch::watch(path.to_owned(), limits, reading, notes)?;
    }
    let mut session = Session::enter()?;
    // Asked once the terminal is the explorer's, so that a signal while it answers (or
    // does not) still finds it restored; and before the first frame and the first read of
    // a key, so that the answer is not taken for keys.
    if app.asks_background() {
        app.background_is(background::background());
    }
    let mut inputs = TerminalInputs {
        notes: heard,
        soon: false,
        redraw: None,
    };
    let ending = drive(&mut app, &mut session, &mut inputs)?;
    session.leave();
    Ok(ending)
}

/// The loop: draw what changed, wait, handle everything that came, and again.
pub fn drive(
    app: &mut App,
    console: &mut impl Console,
    inputs: &mut impl Inputs,
) -> io::Result<Ending> {
    let (width, height) = console.size()?;
    app.perform(Action::Resize { width, height });
    let mut dirty = true;
    let mut first = true;
    loop {
        if dirty {
            console.draw(app)?;
            dirty = false;
        }
        if std::mem::take(&mut first) {
            app.prepare_search();
        }
        #[cfg(debug_assertions)]
        test_hooks()?;
        inputs.expect_note(app.search_pending());
        inputs.redraw_every(app.reloading().then_some(PROGRESS));
        let mut next = inputs.next(true)?;
        // A wait that ended with nothing: time to draw how far the reload is.
        dirty |= next.is_none();
        let started = Instant::now();
        let mut typed = String::new();
        while let Some(input) = next {
            dirty = true;
            if let Some(ending) = handle(app, console, input, &mut typed)? {
                return Ok(ending);
            }
            if started.elapsed() > BURST {
                break;
            }
            next = inputs.next(false)?;
        }
        app.type_text(&typed);
    }
}

/// Handles one input; text for the search prompt is gathered in `typed`, and applied before
/// anything else is.
fn handle(
    app: &mut App,
    console: &mut impl Console,
    input: Input,
    typed: &mut String,
) -> io::Result<Option<Ending>> {
    let action = match input {
        Input::Event(Event::Key(key)) => {
            let action = app.keymap().action_for(key, app.mode());
            if let Some(Action::SearchInput(c)) = action {
                typed.push(c);
                return Ok(None);
            }
            action
        }
        Input::Event(Event::Paste(text)) if app.mode() == Mode::Prompt => {
            typed.push_str(&text);
            return Ok(None);
        }
        Input::Event(Event::Paste(text)) if app.mode() == Mode::Command => {
            flush(app, typed);
            app.paste_command(&text);
            return Ok(None);
        }
        Input::Event(Event::Paste(_)) => {
            flush(app, typed);
            app.tell("pasted text goes into the search or the command line: press / or : first");
            return Ok(None);
        }
        Input::Event(Event::Mouse(mouse)) => keys::mouse_action(mouse),
        Input::Event(Event::Resize(width, height)) => Some(Action::Resize { width, height }),
        Input::Event(_) => None,
        Input::Note(note) => {
            flush(app, typed);
            hear(app, console, note)?;
            return Ok(None);
        }
    };
    flush(app, typed);
    match action.and_then(|action| app.perform(action)) {
        Some(effect) => effects(app, console, effect),
        None => Ok(None),
    }
}

/// Applies the text gathered for the search prompt.
fn flush(app: &mut App, typed: &mut String) {
    app.type_text(&std::mem::take(typed));
}

/// What another thread said.
fn hear(app: &mut App, console: &mut impl Console, note: Note) -> io::Result<()> {
    match note {
        Note::Repaint => {
            console.repaint()?;
            let (width, height) = console.size()?;
            app.perform(Action::Resize { width, height });
        }
        Note::Reloading(meter) => app.start_reloading(meter),
        Note::Reloaded(result) => match *result {
            Ok(loaded) => app.reloaded(loaded.org),
            Err(e) => app.reload_failed(&e),
        },
        Note::Vanished => app.file_vanished(),
        Note::Searched(outcome) => app.searched(*outcome),
    }
    Ok(())
}

/// Does what the last action asked of the world outside the explorer.
fn effects(
    app: &mut App,
    console: &mut impl Console,
    effect: Effect,
) -> io::Result<Option<Ending>> {
    match effect {
        Effect::Exit(Exit::Quit) => return Ok(Some(Ending::Quit)),
        Effect::Exit(Exit::Interrupted) => return Ok(Some(Ending::Interrupted)),
        Effect::Copy(text) => {
            let copied = console.copy(&text);
            app.tell(&copied.status(&text));
        }
        Effect::Edit { path, line } => {
            if let Some(problem) = console.edit(&path, line)? {
                app.tell(&problem);
            }
            let (width, height) = console.size()?;
            app.perform(Action::Resize { width, height });
        }
        Effect::Open(url) => {
            let said = console.open(&url);
            app.tell(&said);
        }
        Effect::Suspend => {
            if let Some(problem) = console.suspend()? {
                app.tell(&problem);
            }
        }
        Effect::Export { path, options } => {
            let said = export::export(app.org(), &path, &options);
            app.tell(&said);
        }
    }
    Ok(None)
}

/// Debug builds only: let the end-to-end tests make the loop panic, fail or hang after its
/// first frame. Release builds have no such switches, nor the call in the loop.
#[cfg(debug_assertions)]
fn test_hooks() -> io::Result<()> {
    if std::env::var_os("ORGTREE_TEST_PANIC").is_some() {
        panic!("panic requested by ORGTREE_TEST_PANIC");
    }
    if std::env::var_os("ORGTREE_TEST_ERROR").is_some() {
        return Err(io::Error::other("error requested by ORGTREE_TEST_ERROR"));
    }
    if std::env::var_os("ORGTREE_TEST_STALL").is_some() {
        loop {
            std::thread::park();
        }
    }
    Ok(())
}

/// Keys, mouse and resizes from the terminal, and notes from the other threads.
struct TerminalInputs {
    notes: Receiver<Note>,
    /// Whether a note is expected soon: a search is under way.
    soon: bool,
    /// How long a wait lasts at most, when the loop has something to draw meanwhile.
    redraw: Option<Duration>,
}

/// How often a waiting loop looks for notes between key presses: an idle explorer wakes this
/// often, to do nothing but look.
const TICK: Duration = Duration::from_millis(250);

/// How often it looks while a search is under way, so that its outcome is drawn well within
/// a frame of coming (crossterm cannot be woken by a channel). Only while one is: a search
/// ends in tens of milliseconds.
const SOON: Duration = Duration::from_millis(2);

/// How often the frame is drawn again while the model file is being reloaded, to show how
/// far it is; only then, so that an idle explorer draws nothing.
const PROGRESS: Duration = Duration::from_millis(150);

/// How long a drain waits for more input. Not zero: crossterm answers a zero-timeout poll
/// without looking at the events it has already read and parsed, so a burst read in one go
/// would be handled one event per wait, and one frame per event.
const DRAIN: Duration = Duration::from_millis(1);

impl Inputs for TerminalInputs {
    fn expect_note(&mut self, soon: bool) {
        self.soon = soon;
    }

    fn redraw_every(&mut self, every: Option<Duration>) {
        self.redraw = every;
    }

    fn next(&mut self, wait: bool) -> io::Result<Option<Input>> {
        let started = Instant::now();
        loop {
            if let Ok(note) = self.notes.try_recv() {
                return Ok(Some(Input::Note(note)));
            }
            let tick = if self.soon { SOON } else { TICK };
            let tick = self.redraw.map_or(tick, |every| tick.min(every));
            if event::poll(if wait { tick } else { DRAIN })? {
                return Ok(Some(Input::Event(event::read()?)));
            }
            let redraw = self.redraw.is_some_and(|every| started.elapsed() >= every);
            if !wait || redraw {
                return Ok(None);
            }
        }
    }
}

#[cfg(test)]
mod tests;
