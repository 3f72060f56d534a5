//! The model file, watched on a thread of its own: looked at once a second, and loaded again
//! there when it changes, so that a large or broken file never holds up a frame. The event loop
//! hears what happened as [`Note`]s and keeps the last good model on screen meanwhile.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::{Duration, SystemTime};

use super::Note;
use crate::load::{self, Limits};

/// How often the file is looked at. Polling, rather than change notifications, sees the file
/// replaced by a rename (as most editors save) and a file on any file system alike, for one
/// `stat` a second.
const EVERY: Duration = Duration::from_secs(1);

/// What identifies one version of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    /// The inode's change time too: a rewrite that puts the modification time back (`touch
    /// -d`, some sync tools) still changes it.
    changed: (i64, i64),
    len: u64,
    inode: u64,
}

#[cfg(unix)]
fn stamp(path: &std::path::Path) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp {
        modified: meta.modified().ok(),
        changed: (meta.ctime(), meta.ctime_nsec()),
        len: meta.len(),
        inode: meta.ino(),
    })
}

/// Elsewhere, the modification time and the size alone.
#[cfg(not(unix))]
fn stamp(path: &std::path::Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp {
        modified: meta.modified().ok(),
        changed: (0, 0),
        len: meta.len(),
        inode: 0,
    })
}

/// Starts watching `path`; the thread ends when the event loop stops listening.
pub fn watch(
    path: PathBuf,
    limits: Limits,
    reading: load::Reading,
    notes: Sender<Note>,
) -> std::io::Result<()> {
    let mut last = stamp(&path);
    std::thread::Builder::new()
        .name("watch".into())
        .spawn(move || {
            loop {
                std::thread::sleep(EVERY);
                let now = stamp(&path);
                if now == last {
                    continue;
                }
                last = now;
                let note = match now {
                    None => Note::Vanished,
                    Some(_) => {
                        let meter = load::Meter::new();
                        if notes.send(Note::Reloading(meter.clone())).is_err() {
                            return;
                        }
                        let reading = load::Reading {
                            meter: Some(meter),
                            ..reading.clone()
                        };
                        Note::Reloaded(Box::new(load::load_input(
                            &load::Input::File(path.clone()),
                            limits,
                            &load::Cache::off(),
                            &reading,
                        )))
                    }
                };
                if notes.send(note).is_err() {
                    return;
                }
            }
        })?;
    Ok(())
}
