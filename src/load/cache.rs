//! The model cache: a large model file, once loaded, is kept resolved in the user's cache
//! directory (`$XDG_CACHE_HOME/orgtree/`), so that opening it again reads the org back instead
//! of parsing, resolving and validating it again.
//!
//! Each model file has one entry, named by a hash of its canonical path. An entry is a fixed
//! header and two rkyv archives, the org and its warnings:
//!
//! | bytes   | what |
//! | ------- | ---- |
//! | 0..8    | [`MAGIC`] |
//! | 8..16   | [`build_tag`]: this version of orgtree and of the archive's layout |
//! | 16..56  | the model file's [`Stamp`]: size, modification time in nanoseconds, inode, device |
//! | 56..72  | the model file's content hash (xxh3, 128 bits) |
//! | 72..88  | the two archives' lengths |
//! | 88..104 | the checksum of everything after the header |
//! | 128..   | the org's archive, then, 16-aligned, the warnings' |
//!
//! An entry is trusted only when all of it agrees: magic, tag, stamp, content (the model file
//! is read and hashed again), checksum, then rkyv's validation of every byte of both archives,
//! then the org's own range checks (`Org::restored`). Anything else, a truncated file, another
//! version's, a file copied from elsewhere or changed since, is a miss: the file is loaded as if
//! there were no cache, and the entry is written again. Entries are written to a temporary
//! file and renamed into place, so a reader never sees half of one; a write that cannot finish
//! leaves the cache as it was. The cache never holds a model with errors.

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rkyv::rancor;
use rkyv::ser::Positional;
use rkyv::ser::writer::IoWriter;
use rkyv::util::AlignedVec;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::diagnostic::Diagnostic;
use crate::org::Org;

/// Files smaller than this are not cached: they load faster than an entry is checked.
pub const MIN_SIZE: u64 = 1 << 20;

const MAGIC: &[u8; 8] = b"orgtree\x01";

/// The archive layout's number: raise it whenever a type the cache archives (the model's, the
/// org's, `Diagnostic`) changes, so that entries written before are misses rather than read as
/// the new types. `tests::the_archived_layout_is_the_one_numbered` fails until it is raised.
const LAYOUT: u32 = 2;

const HEADER: usize = 128;

/// Entries kept at most: when there are more, the least recently written go.
const KEPT: usize = 8;

/// Where the cache is, if anywhere.
#[derive(Debug, Clone, Default)]
pub struct Cache {
    dir: Option<PathBuf>,
}

impl Cache {
    /// No cache: nothing is read or written (`--no-cache`).
    pub fn off() -> Cache {
        Cache { dir: None }
    }

    /// The user's: `orgtree` in the platform's cache directory, when it has one.
    pub fn of_user() -> Cache {
        Cache {
            dir: dirs::cache_dir().map(|d| d.join("orgtree")),
        }
    }

    /// A cache in `dir`.
    pub fn in_dir(dir: impl Into<PathBuf>) -> Cache {
        Cache {
            dir: Some(dir.into()),
        }
    }

    /// The entry for the model file at `path`, when the cache is on and the file is a regular
    /// file large enough to be worth it.
    pub(super) fn entry(&self, path: &Path) -> Option<Entry> {
        let dir = self.dir.as_ref()?;
        let model = fs::canonicalize(path).ok()?;
        let stamp = Stamp::of(&model)?;
        if stamp.size < MIN_SIZE {
            return None;
        }
        let name = format!("{:016x}.org", xxh3_64(model.as_os_str().as_encoded_bytes()));
        Some(Entry {
            dir: dir.clone(),
            path: dir.join(name),
            model,
            stamp,
        })
    }
}

/// What the model file was when its entry was looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    size: u64,
    modified_ns: i128,
    inode: u64,
    device: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        let modified = meta.modified().ok()?;
        let modified_ns = match modified.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => i128::try_from(after.as_nanos()).ok()?,
            Err(before) => -i128::try_from(before.duration().as_nanos()).ok()?,
        };
        let (inode, device) = identity(&meta);
        Some(Stamp {
            size: meta.len(),
            modified_ns,
            inode,
            device,
        })
    }

    fn write(&self, out: &mut [u8]) {
        out[0..8].copy_from_slice(&self.size.to_le_bytes());
        out[8..24].copy_from_slice(&self.modified_ns.to_le_bytes());
        out[24..32].copy_from_slice(&self.inode.to_le_bytes());
        out[32..40].copy_from_slice(&self.device.to_le_bytes());
    }
}

#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.ino(), meta.dev())
}

#[cfg(not(unix))]
fn identity(_: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// The tag of this build's entries: its version and the archive layout's number.
fn build_tag() -> u64 {
    xxh3_64(format!("{} {LAYOUT}", env!("CARGO_PKG_VERSION")).as_bytes())
}

/// One model file's place in the cache.
#[derive(Debug, Clone)]
pub struct Entry {
    dir: PathBuf,
    path: PathBuf,
    /// The model file, canonical.
    model: PathBuf,
    /// The model file as it was when the entry was looked up, before it was read.
    stamp: Stamp,
}

/// An org read back from the cache, with its warnings.
pub(super) struct Hit {
    pub org: Org,
    pub warnings: Vec<Diagnostic>,
}

impl Entry {
    /// The model file's size when the entry was looked up.
    pub(super) fn size(&self) -> u64 {
        self.stamp.size
    }

    /// The org cached for the model file, if the entry is there and all of it agrees (see the
    /// module comment).
    pub(super) fn read(&self) -> Option<Hit> {
        let mut file = File::open(&self.path).ok()?;
        let mut header = [0u8; HEADER];
        file.read_exact(&mut header).ok()?;
        let word = |at: usize| u64::from_le_bytes(header[at..at + 8].try_into().unwrap_or([0; 8]));
        let wide =
            |at: usize| u128::from_le_bytes(header[at..at + 16].try_into().unwrap_or([0; 16]));
        let mut stamp = [0u8; 40];
        self.stamp.write(&mut stamp);
        if &header[0..8] != MAGIC || word(8) != build_tag() || header[16..56] != stamp {
            return None;
        }
        let (org_len, warnings_len) = (usize::try_from(word(72)).ok()?, word(80));
        let body_len = file.metadata().ok()?.len().checked_sub(HEADER as u64)?;
        let warnings_at = aligned(org_len)?;
        if u64::try_from(warnings_at).ok()?.checked_add(warnings_len)? != body_len {
            return None;
        }
        // Two cores do the work of a hit side by side: the model file is hashed while the
        // entry is read, and the entry summed while it is validated and deserialized. Nothing
        // is returned unless every check passed.
        let mut body = AlignedVec::<16>::new();
        let same_content = std::thread::scope(|scope| {
            let content = scope.spawn(|| content_hash(&self.model, self.stamp));
            let read = usize::try_from(body_len).ok().and_then(|len| {
                body.reserve_exact(len);
                body.extend_from_reader(&mut file).ok()
            });
            let same = content.join().ok().flatten() == Some(wide(56));
            read.is_some() && same
        });
        if !same_content || body.len() as u64 != body_len {
            return None;
        }
        let (summed, org, warnings) = std::thread::scope(|scope| {
            let sum = scope.spawn(|| xxhash_rust::xxh3::xxh3_128(&body));
            let org = rkyv::from_bytes::<Org, rancor::Error>(&body[..org_len]).ok();
            let warnings =
                rkyv::from_bytes::<Vec<Diagnostic>, rancor::Error>(&body[warnings_at..]).ok();
            (sum.join().ok() == Some(wide(88)), org, warnings)
        });
        drop(body);
        if !summed {
            return None;
        }
        Some(Hit {
            org: Org::restored(org?)?,
            warnings: warnings?,
        })
    }

    /// Writes the entry for `org`, loaded from the model file with `warnings`, unless the model
    /// file changed since the entry was looked up. Failing to write is no failure of the load:
    /// the cache stays as it was, and the error is returned for whoever wants to know.
    pub fn write(&self, org: &Org, warnings: &[Diagnostic]) -> io::Result<()> {
        self.write_unless(org, warnings, &AtomicBool::new(false))
    }

    /// The same, given up as soon as `stop` is set (the explorer quitting while it writes):
    /// the cache is then left as it was.
    pub fn write_unless(
        &self,
        org: &Org,
        warnings: &[Diagnostic],
        stop: &AtomicBool,
    ) -> io::Result<()> {
        let changed = || io::Error::other("the model file changed while it was read");
        // The stamp was taken before the file was read: unchanged now, the content hashed is
        // the content that was loaded.
        let hash = content_hash(&self.model, self.stamp).ok_or_else(changed)?;
        private_dir(&self.dir)?;
        let temporary = self
            .path
            .with_extension(format!("{}.partial", std::process::id()));
        // A partial entry of an earlier process of the same number is no one's.
        let _ = fs::remove_file(&temporary);
        let written = write_entry(&temporary, (self.stamp, hash), org, warnings, stop)
            .and_then(|()| fs::rename(&temporary, &self.path));
        if written.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        written?;
        forget_oldest(&self.dir);
        Ok(())
    }
}

/// The xxh3 hash of the model file's content, when the file still has `stamp` after it was
/// read.
fn content_hash(model: &Path, stamp: Stamp) -> Option<u128> {
    let mut file = File::open(model).ok()?;
    let mut hasher = Xxh3::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut read = 0u64;
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&buffer[..n]);
                read += n as u64;
                if read > stamp.size {
                    return None;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    (read == stamp.size && Stamp::of(model) == Some(stamp)).then(|| hasher.digest128())
}

/// Creates `dir` if need be, readable by its owner only: entries are copies of the user's
/// models.
fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates the file at `path` (a new one: it must not exist), readable by its owner only.
fn private_file(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// `n` rounded up to the archives' alignment.
fn aligned(n: usize) -> Option<usize> {
    n.checked_next_multiple_of(16)
}

fn write_entry(
    path: &Path,
    (stamp, hash): (Stamp, u128),
    org: &Org,
    warnings: &[Diagnostic],
    stop: &AtomicBool,
) -> io::Result<()> {
    let mut out = Summed {
        out: BufWriter::new(private_file(path)?),
        sum: Xxh3::new(),
        stop,
    };
    out.out.write_all(&[0u8; HEADER])?;
    let archive_error = |e: rancor::Error| io::Error::other(e.to_string());
    let org_len = rkyv::api::high::to_bytes_in::<_, rancor::Error>(org, IoWriter::new(&mut out))
        .map_err(archive_error)?
        .pos();
    let padding = aligned(org_len).unwrap_or(org_len) - org_len;
    out.write_all(&[0u8; 16][..padding])?;
    let warnings = warnings.to_vec();
    let warnings_len =
        rkyv::api::high::to_bytes_in::<_, rancor::Error>(&warnings, IoWriter::new(&mut out))
            .map_err(archive_error)?
            .pos();
    let mut header = [0u8; HEADER];
    header[0..8].copy_from_slice(MAGIC);
    header[8..16].copy_from_slice(&build_tag().to_le_bytes());
    stamp.write(&mut header[16..56]);
    header[56..72].copy_from_slice(&hash.to_le_bytes());
    header[72..80].copy_from_slice(&(org_len as u64).to_le_bytes());
    header[80..88].copy_from_slice(&(warnings_len as u64).to_le_bytes());
    header[88..104].copy_from_slice(&out.sum.digest128().to_le_bytes());
    let mut file = out
        .out
        .into_inner()
        .map_err(io::IntoInnerError::into_error)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&header)?;
    file.sync_all()
}

/// A writer that sums what goes through it, and fails once `stop` is set.
struct Summed<'a, W> {
    out: W,
    sum: Xxh3,
    stop: &'a AtomicBool,
}

impl<W: Write> Write for Summed<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.stop.load(Ordering::Relaxed) {
            return Err(io::Error::other("stopped"));
        }
        let n = self.out.write(bytes)?;
        self.sum.update(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Removes the least recently written entries past [`KEPT`], and partial entries of writers
/// that are gone (an hour old).
fn forget_oldest(dir: &Path) {
    let Ok(listing) = fs::read_dir(dir) else {
        return;
    };
    let hour = std::time::Duration::from_secs(3600);
    let mut entries = Vec::new();
    for item in listing.flatten() {
        let path = item.path();
        let Some(modified) = item.metadata().and_then(|m| m.modified()).ok() else {
            continue;
        };
        match path.extension().and_then(|e| e.to_str()) {
            Some("org") => entries.push((modified, path)),
            Some("partial") if modified.elapsed().is_ok_and(|age| age > hour) => {
                let _ = fs::remove_file(&path);
            }
            _ => {}
        }
    }
    entries.sort();
    let extra = entries.len().saturating_sub(KEPT);
    for (_, path) in entries.into_iter().take(extra) {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use crate::dump::{self, DumpOptions, Format};
    use crate::load::{Limits, Loaded, load_file_cached};
    use crate::org::EntityId;

    use super::*;

    /// A directory of its own for one test, empty.
    fn scratch(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("orgtree-cache-{}-{test}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A synthetic model of `n` entities, written to `dir`.
    fn model_file(dir: &Path, n: usize, json: bool) -> PathBuf {
        let path = dir.join(if json { "model.json" } else { "model.yaml" });
        let mut text = Vec::new();
        crate::synthetic::write(n, json, &mut text).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    fn load(path: &Path, cache: &Cache) -> Loaded {
        load_file_cached(path, Limits::default(), cache).unwrap()
    }

    /// What an org says: the model with every position, its warnings, and its tree and model
    /// dumps, through its indexes (not the JSON dump: its look-through owners have a time
    /// budget, and the tests run side by side). `org::restore` compares the indexes themselves.
    fn said(loaded: &Loaded) -> (String, String, String) {
        let mut dumps = Vec::new();
        for format in [Format::Tree, Format::Yaml, Format::Markdown] {
            let options = DumpOptions {
                format,
                ..DumpOptions::default()
            };
            dump::write(&loaded.org, &options, &mut dumps).unwrap();
        }
        (
            format!("{:?}", loaded.org.model),
            String::from_utf8(dumps).unwrap(),
            format!("{:?}", loaded.warnings),
        )
    }

    /// Asserts that two loads say the same, quoting only where they first differ.
    fn same(a: &Loaded, b: &Loaded) {
        let (a, b) = (said(a), said(b));
        for (what, a, b) in [
            ("model", &a.0, &b.0),
            ("dump", &a.1, &b.1),
            ("warnings", &a.2, &b.2),
        ] {
            if let Some(at) = a.bytes().zip(b.bytes()).position(|(x, y)| x != y) {
                let quote = |s: &str| s[at.saturating_sub(80)..(at + 80).min(s.len())].to_owned();
                panic!(
                    "the {what}s differ at byte {at}:\n{}\n{}",
                    quote(a),
                    quote(b)
                );
            }
            assert_eq!(a.len(), b.len(), "the {what}s differ in length");
        }
    }

    /// Loads `path` from its file and caches it; the entry.
    fn cached(path: &Path, cache: &Cache) -> (Loaded, Entry) {
        let loaded = load(path, cache);
        let entry = loaded.uncached.clone().expect("a large file has an entry");
        entry.write(&loaded.org, &loaded.warnings).unwrap();
        (loaded, entry)
    }

    #[test]
    fn a_second_load_reads_the_same_org_from_the_cache() {
        let dir = scratch("same");
        let cache = Cache::in_dir(dir.join("cache"));
        for json in [false, true] {
            let path = model_file(&dir, 6000, json);
            let (first, entry) = cached(&path, &cache);
            let second = load(&path, &cache);
            assert!(second.uncached.is_none(), "read from the cache");
            same(&first, &second);
            let id = &first.org.model.entities[4321].id.value;
            assert_eq!(second.org.find_entity(id), Some(EntityId(4321)));
            assert!(entry.read().is_some());
        }
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn warnings_come_back_with_the_text_they_quote() {
        let dir = scratch("warnings");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/invalid/lifetime-warning.yaml");
        let mut text = fs::read_to_string(fixture).unwrap();
        while (text.len() as u64) < MIN_SIZE {
            text.push_str("# padding, so that the file is worth caching\n");
        }
        let path = dir.join("warned.yaml");
        fs::write(&path, &text).unwrap();
        let cache = Cache::in_dir(dir.join("cache"));
        let (first, _) = cached(&path, &cache);
        let second = load(&path, &cache);
        assert!(second.uncached.is_none(), "read from the cache");
        assert_eq!(first.warnings.len(), 2);
        same(&first, &second);
        assert_eq!(second.file.text, text);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn small_files_and_a_cache_turned_off_are_not_cached() {
        let dir = scratch("small");
        let cache = Cache::in_dir(dir.join("cache"));
        let small = model_file(&dir, 50, false);
        assert!(fs::metadata(&small).unwrap().len() < MIN_SIZE);
        assert!(load(&small, &cache).uncached.is_none());
        let large = model_file(&dir, 6000, true);
        assert!(load(&large, &Cache::off()).uncached.is_none());
        assert!(!dir.join("cache").exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_file_changed_since_is_a_miss_even_with_its_size_and_time_put_back() {
        let dir = scratch("changed");
        let cache = Cache::in_dir(dir.join("cache"));
        let path = model_file(&dir, 6000, false);
        let (first, entry) = cached(&path, &cache);
        let modified = fs::metadata(&path).unwrap().modified().unwrap();
        // The same length, another name: only the content hash tells.
        let text = fs::read_to_string(&path).unwrap();
        let name = &first.org.model.entities[1].name.latest().unwrap().value;
        let renamed = name.replace('1', "X");
        let changed = text.replacen(&format!("\"{name}\""), &format!("\"{renamed}\""), 1);
        assert_ne!(changed, text);
        assert_eq!(changed.len(), text.len());
        fs::write(&path, &changed).unwrap();
        let file = File::options().write(true).open(&path).unwrap();
        file.set_modified(modified).unwrap();
        drop(file);
        assert_eq!(
            Stamp::of(&path),
            Some(entry.stamp),
            "only the content differs"
        );
        assert!(entry.read().is_none());
        let reloaded = load(&path, &cache);
        assert!(reloaded.uncached.is_some(), "loaded from the file");
        assert!(
            reloaded.org.model.entities[1]
                .name
                .latest()
                .unwrap()
                .value
                .contains('X')
        );
        // A touched file is a miss too.
        fs::write(&path, &text).unwrap();
        let file = File::options().write(true).open(&path).unwrap();
        file.set_modified(SystemTime::now() + Duration::from_secs(5))
            .unwrap();
        drop(file);
        assert!(load(&path, &cache).uncached.is_some());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_damaged_or_foreign_entry_is_a_miss_and_written_again() {
        let dir = scratch("damaged");
        let cache = Cache::in_dir(dir.join("cache"));
        let path = model_file(&dir, 6000, true);
        let (first, entry) = cached(&path, &cache);
        let good = fs::read(&entry.path).unwrap();
        let flip = |at: usize| {
            let mut bytes = good.clone();
            bytes[at] ^= 0x20;
            bytes
        };
        let damages: Vec<(&str, Vec<u8>)> = vec![
            ("empty", Vec::new()),
            ("the header only", good[..HEADER].to_vec()),
            ("cut short", good[..good.len() - 1].to_vec()),
            ("one byte more", [good.as_slice(), &[0]].concat()),
            ("another magic", flip(3)),
            ("another version", flip(9)),
            ("another stamp", flip(20)),
            ("another content hash", flip(60)),
            ("a flipped byte in the org", flip(HEADER + good.len() / 2)),
            ("a flipped byte in the warnings", flip(good.len() - 3)),
            (
                "noise",
                (0..good.len())
                    .map(|n| u8::try_from(n * 7919 % 251).unwrap())
                    .collect(),
            ),
        ];
        for (what, bytes) in damages {
            fs::write(&entry.path, &bytes).unwrap();
            assert!(entry.read().is_none(), "{what}");
            let again = load(&path, &cache);
            let rewritten = again.uncached.clone().expect("a miss");
            rewritten.write(&again.org, &again.warnings).unwrap();
            assert_eq!(
                fs::read(&entry.path).unwrap(),
                good,
                "{what}: written again"
            );
        }
        // Another file's entry, in this one's place.
        let other = dir.join("other.json");
        fs::copy(&path, &other).unwrap();
        let (_, other_entry) = cached(&other, &cache);
        fs::copy(&other_entry.path, &entry.path).unwrap();
        assert!(entry.read().is_none(), "another file's entry");
        same(&load(&other, &cache), &first);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_file_that_changes_while_it_loads_is_not_cached() {
        let dir = scratch("moving");
        let cache = Cache::in_dir(dir.join("cache"));
        let path = model_file(&dir, 6000, false);
        let loaded = load(&path, &cache);
        let entry = loaded.uncached.clone().unwrap();
        // Changed after it was read, before its entry is written: that org is not the file's.
        let mut text = fs::read(&path).unwrap();
        text.extend_from_slice(b"# one more line\n");
        fs::write(&path, text).unwrap();
        assert!(entry.write(&loaded.org, &loaded.warnings).is_err());
        assert!(!entry.path.exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_write_told_to_stop_leaves_the_cache_as_it_was() {
        let dir = scratch("stop");
        let cache = Cache::in_dir(dir.join("cache"));
        let path = model_file(&dir, 6000, true);
        let loaded = load(&path, &cache);
        let entry = loaded.uncached.clone().unwrap();
        let stop = AtomicBool::new(true);
        assert!(
            entry
                .write_unless(&loaded.org, &loaded.warnings, &stop)
                .is_err()
        );
        assert_eq!(
            fs::read_dir(&entry.dir).unwrap().count(),
            0,
            "nothing left behind"
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn an_entry_whose_org_is_out_of_range_is_a_miss() {
        let dir = scratch("range");
        let cache = Cache::in_dir(dir.join("cache"));
        let path = model_file(&dir, 6000, false);
        let loaded = load(&path, &cache);
        let entry = loaded.uncached.clone().unwrap();
        let mut broken = loaded.org.clone();
        broken.model.entities.truncate(10);
        entry.write(&broken, &[]).unwrap();
        assert!(entry.read().is_none());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn old_entries_and_abandoned_partial_ones_are_forgotten() {
        let dir = scratch("forget");
        let cache = Cache::in_dir(dir.join("cache"));
        let path = model_file(&dir, 6000, true);
        let (loaded, entry) = cached(&path, &cache);
        let old = SystemTime::now() - Duration::from_secs(7200);
        for n in 0..KEPT + 2 {
            let stale = entry.dir.join(format!("{n:016x}.org"));
            fs::write(&stale, b"old").unwrap();
            File::options()
                .write(true)
                .open(&stale)
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
        let partial = entry.dir.join("0123.4567.partial");
        fs::write(&partial, b"gone").unwrap();
        File::options()
            .write(true)
            .open(&partial)
            .unwrap()
            .set_modified(old)
            .unwrap();
        entry.write(&loaded.org, &loaded.warnings).unwrap();
        let left = fs::read_dir(&entry.dir).unwrap().count();
        assert_eq!(left, KEPT);
        assert!(entry.path.exists() && !partial.exists());
        fs::remove_dir_all(dir).unwrap();
    }

    /// The archive of a fixed org, hashed: it changes with any change to what the cache
    /// archives. When this fails, raise [`LAYOUT`] and put the new hash here.
    #[test]
    fn the_archived_layout_is_the_one_numbered() {
        let fixture = |name: &str| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/models")
                .join(name);
            crate::load::load_file(&path, Limits::default())
                .unwrap()
                .org
        };
        let orgs = vec![
            fixture("dated.yaml"),
            fixture("competing.yaml"),
            fixture("owners.yaml"),
        ];
        let bytes = rkyv::to_bytes::<rancor::Error>(&orgs).unwrap();
        let warnings = vec![Diagnostic::warning(
            crate::model::Pos { line: 2, col: 3 },
            "w",
        )];
        let more = rkyv::to_bytes::<rancor::Error>(&warnings).unwrap();
        let fingerprint = xxh3_64(&[bytes.as_slice(), more.as_slice()].concat());
        assert_eq!(
            (LAYOUT, format!("{fingerprint:016x}")),
            (2, "2adf7819026b8802".to_owned()),
            "what the cache archives changed: raise LAYOUT, and put the new hash here"
        );
    }
}
