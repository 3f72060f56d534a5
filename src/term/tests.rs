//! The loop's rules, without a terminal: a fake console counts frames, a script of inputs
//! stands for the terminal and the other threads.

use std::collections::VecDeque;
use std::io;
use std::path::Path;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::{Console, Copied, Ending, Input, Inputs, Note, Way, drive};
use crate::app::{App, Options};
use crate::load::load_embedded;

/// Inputs in bursts: each burst is queued at once; between bursts the loop has to wait.
struct Script {
    bursts: VecDeque<VecDeque<Input>>,
    current: VecDeque<Input>,
    waits: usize,
    /// How many waits end with nothing while the loop asks for redraws, before the next
    /// burst comes.
    ticks: usize,
    /// What the loop asked before each wait (`Inputs::redraw_every`).
    redraws: Vec<Option<std::time::Duration>>,
}

impl Script {
    fn new(bursts: Vec<Vec<Input>>) -> Script {
        Script {
            bursts: bursts.into_iter().map(VecDeque::from).collect(),
            current: VecDeque::new(),
            waits: 0,
            ticks: 0,
            redraws: Vec::new(),
        }
    }
}

impl Inputs for Script {
    fn redraw_every(&mut self, every: Option<std::time::Duration>) {
        self.redraws.push(every);
    }

    fn next(&mut self, wait: bool) -> io::Result<Option<Input>> {
        if let Some(input) = self.current.pop_front() {
            return Ok(Some(input));
        }
        if !wait {
            return Ok(None);
        }
        self.waits += 1;
        if self.redraws.last().is_some_and(Option::is_some) && self.ticks > 0 {
            self.ticks -= 1;
            return Ok(None);
        }
        match self.bursts.pop_front() {
            Some(mut burst) => {
                let first = burst.pop_front();
                self.current = burst;
                Ok(first)
            }
            // The script is over: nothing will ever come.
            None => Err(io::Error::other("waited with nothing left to come")),
        }
    }
}

#[derive(Default)]
struct Counter {
    frames: usize,
    repaints: usize,
    rows: Vec<String>,
    statuses: Vec<Option<String>>,
    suspends: usize,
    /// Why suspending cannot be done, as a platform without job control says.
    cannot_suspend: Option<String>,
}

impl Console for Counter {
    fn size(&self) -> io::Result<(u16, u16)> {
        Ok((100, 30))
    }
    fn draw(&mut self, app: &App) -> io::Result<()> {
        self.frames += 1;
        self.statuses.push(app.status().map(str::to_owned));
        self.rows.push(
            app.selected()
                .map_or_else(String::new, |id| app.org().entity(id).id.value.to_string()),
        );
        Ok(())
    }
    fn repaint(&mut self) -> io::Result<()> {
        self.repaints += 1;
        Ok(())
    }
    fn copy(&mut self, _: &str) -> Copied {
        Copied::By(Way::Tmux)
    }
    fn open(&mut self, url: &str) -> String {
        format!("opened {url} with a test")
    }
    fn edit(&mut self, _: &Path, _: u32) -> io::Result<Option<String>> {
        Ok(None)
    }
    fn suspend(&mut self) -> io::Result<Option<String>> {
        self.suspends += 1;
        Ok(self.cannot_suspend.clone())
    }
}

fn key(c: char) -> Input {
    Input::Event(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )))
}

fn enter() -> Input {
    Input::Event(Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::NONE,
    )))
}

fn keys(text: &str) -> Vec<Input> {
    text.chars().map(key).collect()
}

fn app() -> App {
    let org = load_embedded().unwrap().org;
    App::new(
        org,
        Options::new("m.yaml", ratatui::layout::Rect::default()),
    )
}

fn run(bursts: Vec<Vec<Input>>) -> (App, Counter, Script) {
    let mut app = app();
    let mut console = Counter::default();
    let mut script = Script::new(bursts);
    let ending = drive(&mut app, &mut console, &mut script).unwrap();
    assert_eq!(ending, Ending::Quit);
    (app, console, script)
}

#[test]
fn one_frame_follows_one_burst_and_nothing_is_drawn_while_waiting() {
    let (_, console, script) = run(vec![keys("jjj"), keys("jj"), keys("q")]);
    // The first frame, then one per burst before the last (which quits).
    assert_eq!(console.frames, 3);
    assert_eq!(script.waits, 3);
}

#[test]
fn every_queued_key_is_handled_before_the_next_wait() {
    // 5000 moves at once: the last frame shows the row they lead to, and only one wait
    // happened before `q` came in its own burst.
    let mut burst = keys(&"j".repeat(5000));
    burst.extend(keys("G"));
    let (app, console, script) = run(vec![burst, keys("q")]);
    let last = console.rows.last().unwrap();
    let bottom = app
        .selected()
        .map(|id| app.org().entity(id).id.value.to_string());
    assert_eq!(Some(last.clone()), bottom);
    assert_eq!(script.waits, 2);
}

#[test]
fn a_pasted_search_is_one_edit_and_is_capped() {
    let paste = "x".repeat(100_000);
    let (app, console, _) = run(vec![
        keys("/"),
        vec![Input::Event(Event::Paste(paste))],
        vec![enter()],
        keys("q"),
    ]);
    let query = &app.search().unwrap().query;
    assert_eq!(query.chars().count(), crate::app::MAX_QUERY);
    // The frame after the paste said why the query stops there.
    let said = console.statuses[2].as_deref().unwrap_or_default();
    assert!(said.contains("at most"), "{said}");
}

#[test]
fn typed_search_text_is_applied_before_the_key_after_it() {
    // `/cloudw` then Enter keeps the search, in one burst; `q` then quits.
    let mut burst = keys("/cloudw");
    burst.push(enter());
    let (app, _, _) = run(vec![burst, keys("q")]);
    let s = app.search().unwrap();
    assert_eq!(s.query, "cloudw");
    assert!(!s.editing);
    let selected = app.selected().unwrap();
    assert_eq!(app.org().entity(selected).id.value, "cloudwatt");
}

#[test]
fn a_repaint_note_forgets_the_screen_and_draws_again() {
    let (_, console, _) = run(vec![vec![Input::Note(Note::Repaint)], keys("q")]);
    assert_eq!(console.repaints, 1);
    assert_eq!(console.frames, 2);
}

#[test]
fn a_reload_under_way_is_drawn_again_until_it_ends_and_only_then() {
    let meter = crate::load::Meter::new();
    let reloaded = crate::load::load_embedded();
    let mut app = app();
    let mut console = Counter::default();
    let mut script = Script::new(vec![
        vec![Input::Note(Note::Reloading(meter))],
        vec![Input::Note(Note::Reloaded(Box::new(reloaded)))],
        keys("q"),
    ]);
    script.ticks = 2;
    drive(&mut app, &mut console, &mut script).unwrap();
    let every = Some(super::PROGRESS);
    // Idle, no redraws; while reloading, a redraw after each wait that ended with nothing;
    // after, none again.
    assert_eq!(script.redraws, [None, every, every, every, None]);
    // The first frame, the note's, two of progress, the reloaded model's.
    assert_eq!(console.frames, 5);
    assert!(!app.reloading());
}

#[test]
fn a_vanished_file_is_said_and_the_model_kept() {
    let (app, _, _) = run(vec![vec![Input::Note(Note::Vanished)], keys("q")]);
    assert!(app.banner().unwrap().contains("is gone"));
    assert!(app.org().entity_count() > 0);
}

#[test]
fn the_status_says_which_way_a_copy_took() {
    let (_, console, _) = run(vec![keys("y"), keys("q")]);
    let said = console.statuses[1].as_deref().unwrap_or_default();
    assert!(said.contains("to tmux's buffer"), "{said}");
}

#[test]
fn the_status_says_how_a_url_was_opened() {
    let loaded = crate::load::load_text(crate::load::ModelText {
        name: "t.yaml".into(),
        text: "title: t
sources:
  - {id: r, publisher: P, title: T, url: 'https://example.com/a b'}
entities:
  - {id: a, name: A, kind: company, sources: [r]}
"
        .into(),
    });
    let Ok(loaded) = loaded else {
        panic!("the model loads")
    };
    let mut app = App::new(
        loaded.org,
        Options::new("t.yaml", ratatui::layout::Rect::default()),
    );
    let mut console = Counter::default();
    // Tab puts the cursor on the name's `[1]`; `x` opens its URL, checked.
    let tab = Input::Event(Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    let mut script = Script::new(vec![vec![tab, key('x')], keys("q")]);
    drive(&mut app, &mut console, &mut script).unwrap();
    let said = console.statuses[1].as_deref().unwrap_or_default();
    assert_eq!(said, "opened https://example.com/a%20b with a test");
}

fn ctrl_z() -> Input {
    Input::Event(Event::Key(KeyEvent::new(
        KeyCode::Char('z'),
        KeyModifiers::CONTROL,
    )))
}

#[test]
fn a_suspend_the_platform_cannot_do_is_said_in_the_status_line() {
    for cannot in [None, Some("suspend is not available on this platform")] {
        let mut app = app();
        let mut console = Counter {
            cannot_suspend: cannot.map(str::to_owned),
            ..Counter::default()
        };
        let mut script = Script::new(vec![vec![ctrl_z()], keys("q")]);
        let ending = drive(&mut app, &mut console, &mut script).unwrap();
        assert_eq!(ending, Ending::Quit);
        assert_eq!(console.suspends, 1);
        // The frame after Ctrl-z says why, or nothing when the shell had the terminal.
        assert_eq!(
            console.statuses[1].as_deref(),
            cannot,
            "{:?}",
            console.statuses
        );
    }
}

#[test]
fn a_paste_in_the_command_line_is_run_with_enter() {
    // `:` then a pasted `goto thales`, Enter: Thales is selected.
    let (app, _, _) = run(vec![
        keys(":"),
        vec![Input::Event(Event::Paste("goto thales".into()))],
        vec![enter()],
        keys("q"),
    ]);
    let selected = app
        .selected()
        .map(|id| app.org().entity(id).id.value.to_string());
    assert_eq!(selected.as_deref(), Some("thales"));
}
