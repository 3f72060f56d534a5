//! The interactive loop on a real terminal: read an event, turn it into an action, update,
//! draw. Owns every terminal mode it changes and gives each back on every way out: quit, error,
//! panic, Ctrl-c, SIGTERM, SIGHUP, and Ctrl-z (until `fg`).

mod session;

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::{self, Event};
use ratatui::layout::Rect;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::app::{Action, App, Effect, Exit};
use crate::keys;
use crate::load::Limits;

use session::Session;
pub use session::restore;

/// How the explorer ended, as a process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Quit normally: 0.
    Quit,
    /// Ctrl-c or SIGINT: 130.
    Interrupted,
    /// SIGTERM: 143.
    Terminated,
    /// SIGHUP: 129.
    HungUp,
}

impl Ending {
    pub fn exit_code(self) -> u8 {
        match self {
            Ending::Quit => 0,
            Ending::Interrupted => 130,
            Ending::Terminated => 143,
            Ending::HungUp => 129,
        }
    }
}

/// Records the last terminating signal received, so the loop can end cleanly.
fn watch_signals() -> io::Result<Arc<AtomicUsize>> {
    let caught = Arc::new(AtomicUsize::new(0));
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register_usize(signal, Arc::clone(&caught), signal as usize)?;
    }
    Ok(caught)
}

/// The model file, looked at now and then: when it changes, it is loaded again.
struct Watch {
    path: std::path::PathBuf,
    limits: Limits,
    stamp: Option<(std::time::SystemTime, u64)>,
    checked: std::time::Instant,
}

impl Watch {
    fn new(path: std::path::PathBuf, limits: Limits) -> Self {
        let mut watch = Watch {
            path,
            limits,
            stamp: None,
            checked: std::time::Instant::now(),
        };
        watch.stamp = watch.stamp();
        watch
    }

    fn stamp(&self) -> Option<(std::time::SystemTime, u64)> {
        let meta = std::fs::metadata(&self.path).ok()?;
        Some((meta.modified().ok()?, meta.len()))
    }

    /// Whether the file changed since last seen; looks at most once a second.
    fn changed(&mut self) -> bool {
        if self.checked.elapsed() < Duration::from_secs(1) {
            return false;
        }
        self.checked = std::time::Instant::now();
        let now = self.stamp();
        let changed = now.is_some() && now != self.stamp;
        self.stamp = now;
        changed
    }

    /// Loads the file again: the new model, or the first problem, on one line.
    fn reload(&self, app: &mut App) {
        match crate::load::load_file(&self.path, self.limits) {
            Ok(loaded) => {
                app.replace_org(loaded.org);
                app.status = Some("the model file changed: reloaded".into());
            }
            Err(e) => {
                let first = e
                    .diagnostics
                    .iter()
                    .find(|d| d.is_error())
                    .or(e.diagnostics.first());
                app.banner = first.map(|d| {
                    let rendered = d.render(&e.name, None);
                    let line = rendered.lines().next().unwrap_or_default().to_owned();
                    format!("{line} — showing the last good version")
                });
            }
        }
    }
}

/// Runs the explorer until the person quits or a signal ends it; a model file (`app.path`) is
/// reloaded when it changes.
pub fn run(mut app: App, limits: Limits) -> io::Result<Ending> {
    let mut watch = app.path.clone().map(|p| Watch::new(p, limits));
    let caught = watch_signals()?;
    let mut session = Session::enter()?;
    let size = session.size()?;
    app.perform(Action::Resize {
        width: size.width,
        height: size.height,
    });
    loop {
        session.draw(&app)?;
        // Debug builds only: lets the end-to-end test check that a panic restores the
        // terminal before its report. Release builds have no such switch.
        #[cfg(debug_assertions)]
        if std::env::var_os("ORGTREE_TEST_PANIC").is_some() {
            panic!("panic requested by ORGTREE_TEST_PANIC");
        }
        // Debug builds only, likewise: an I/O error out of the loop.
        #[cfg(debug_assertions)]
        if std::env::var_os("ORGTREE_TEST_ERROR").is_some() {
            return Err(io::Error::other("error requested by ORGTREE_TEST_ERROR"));
        }
        // Wake up now and then to notice signals even when no key comes.
        if event::poll(Duration::from_millis(100))? {
            let action = match event::read()? {
                Event::Key(key) => keys::action_for(key, app.input_mode()),
                Event::Mouse(mouse) => keys::mouse_action(mouse),
                Event::Resize(width, height) => Some(Action::Resize { width, height }),
                _ => None,
            };
            if let Some(action) = action {
                app.perform(action);
            }
        }
        match caught.load(Ordering::Relaxed) {
            0 => {}
            s if s == SIGTERM as usize => return session.leave(Ending::Terminated),
            s if s == SIGHUP as usize => return session.leave(Ending::HungUp),
            _ => return session.leave(Ending::Interrupted),
        }
        match app.exit {
            Some(Exit::Quit) => return session.leave(Ending::Quit),
            Some(Exit::Interrupted) => return session.leave(Ending::Interrupted),
            None => {}
        }
        match app.effect.take() {
            Some(Effect::Copy(text)) => session.copy(&text)?,
            Some(Effect::Edit { path, line }) => {
                if let Some(problem) = session.edit(&path, line)? {
                    app.status = Some(problem);
                }
                let Rect { width, height, .. } = session.size()?;
                app.perform(Action::Resize { width, height });
            }
            None => {}
        }
        if let Some(w) = &mut watch
            && w.changed()
        {
            w.reload(&mut app);
        }
        if std::mem::take(&mut app.suspend_requested) {
            session.suspend()?;
            let Rect { width, height, .. } = session.size()?;
            app.perform(Action::Resize { width, height });
        }
    }
}
