//! Where a model's bytes come from: a file named on the command line, or standard input (`-`,
//! or a pipe when no file is named). A regular file is looked at before it is opened; anything
//! else (a pipe, a FIFO, `<(…)`, a terminal) is read as a stream, and every stream is counted
//! as its bytes arrive, so that the size limit holds for what has no size. A gzip stream
//! (`.gz`, or one that starts with gzip's magic bytes) is decompressed on the way, and the
//! limit counts the decompressed bytes too.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::bufread::MultiGzDecoder;

use super::progress::{Meter, Metered, Stage};
use super::{Limits, LoadError};

/// What the name `-` stands for.
pub const STDIN_ARG: &str = "-";
/// How standard input is named in messages.
pub const STDIN_NAME: &str = crate::import::STDIN_NAME;

/// Where to read a model from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    /// The input a command-line argument names: `-` is standard input.
    pub fn of_arg(path: &Path) -> Input {
        if path.as_os_str() == STDIN_ARG {
            Input::Stdin
        } else {
            Input::File(path.to_owned())
        }
    }

    /// How the input is named in messages.
    pub fn name(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin => STDIN_NAME.to_owned(),
        }
    }

    /// The regular file this input is, if it is one: only those can be cached, reopened for a
    /// second pass, and watched for changes.
    pub fn regular_file(&self) -> Option<&Path> {
        match self {
            Input::File(path) if path.metadata().is_ok_and(|m| m.is_file()) => Some(path),
            _ => None,
        }
    }
}

/// Whether a name says gzip.
pub fn named_gzip(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// gzip's first two bytes.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// An open input, buffered, decompressed when it is gzip, and capped at the size limit.
pub type Stream = Box<dyn BufRead + Send>;

/// Opens `input` for reading as a stream.
pub fn open(input: &Input, limits: Limits) -> Result<Stream, LoadError> {
    open_metered(input, limits, None)
}

/// [`open`], the stream counting its bytes on `meter` as they arrive (before they are
/// decompressed, against the file's size when it has one).
pub fn open_metered(
    input: &Input,
    limits: Limits,
    meter: Option<&Meter>,
) -> Result<Stream, LoadError> {
    let name = input.name();
    let mut size = None;
    let raw: Box<dyn Read + Send> = match input {
        Input::Stdin => Box::new(io::stdin()),
        Input::File(path) => {
            let meta = std::fs::metadata(path).map_err(|e| cannot_read(&name, &e))?;
            if meta.is_dir() {
                return Err(LoadError::unreadable(
                    &name,
                    "the model path is a directory".to_owned(),
                    "give the path of a model file, a table or BODS statements",
                ));
            }
            #[cfg(unix)]
            let streams = {
                use std::os::unix::fs::FileTypeExt;
                meta.file_type().is_fifo() || meta.file_type().is_socket()
            };
            // No FIFOs or sockets to name by path elsewhere.
            #[cfg(not(unix))]
            let streams = false;
            if !meta.is_file() && !streams {
                // A device (`/dev/zero`, a disk) is no model, and may never end.
                return Err(LoadError::unreadable(
                    &name,
                    "the model path is not a regular file or a pipe".to_owned(),
                    "give the path of a model file, a table or BODS statements",
                ));
            }
            if meta.is_file() && meta.len() > limits.max_size {
                return Err(super::file::too_large(&name, meta.len(), limits));
            }
            size = meta.is_file().then_some(meta.len());
            // A FIFO blocks here until a writer comes, as `cat` would.
            Box::new(File::open(path).map_err(|e| cannot_read(&name, &e))?)
        }
    };
    let raw = match meter {
        Some(meter) => {
            meter.enter(Stage::Reading, size, true);
            let meter = meter.clone();
            Box::new(Metered { inner: raw, meter })
        }
        None => raw,
    };
    let mut reader = BufReader::with_capacity(64 * 1024, Capped::new(raw, limits));
    let start = reader.fill_buf().map_err(|e| failed(&name, &e, limits))?;
    if named_gzip(&name) || start.starts_with(&GZIP_MAGIC) {
        let inflated = Capped::new(MultiGzDecoder::new(reader), limits);
        return Ok(Box::new(BufReader::with_capacity(64 * 1024, inflated)));
    }
    Ok(Box::new(reader))
}

/// Reads all of `stream`, under the limit.
pub fn read_all(mut stream: Stream, name: &str, limits: Limits) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::new();
    stream
        .read_to_end(&mut bytes)
        .map_err(|e| failed(name, &e, limits))?;
    Ok(bytes)
}

/// What a failed read becomes: the limit, said as the limit, or the error.
pub fn failed(name: &str, e: &io::Error, limits: Limits) -> LoadError {
    if e.get_ref().is_some_and(|inner| inner.is::<OverLimit>()) {
        return LoadError::whole_file(
            name,
            format!(
                "the input is more than the limit of {} bytes",
                limits.max_size
            ),
            "raise the limit with --max-size BYTES if you trust this input",
        );
    }
    // What gzip's decoder says of a stream that is not gzip, or is cut short; plain reads of a
    // file or a pipe never say these.
    let undecodable = [
        io::ErrorKind::InvalidInput,
        io::ErrorKind::InvalidData,
        io::ErrorKind::UnexpectedEof,
    ];
    if undecodable.contains(&e.kind()) {
        return LoadError::whole_file(
            name,
            format!("cannot read the input: {e}"),
            "a `.gz` file must be gzip; check that it is whole",
        );
    }
    cannot_read(name, e)
}

fn cannot_read(name: &str, e: &io::Error) -> LoadError {
    LoadError::unreadable(
        name,
        format!("cannot read the model file: {e}"),
        "check the path and its permissions",
    )
}

/// The error a [`Capped`] reader gives past its limit.
#[derive(Debug)]
struct OverLimit;

impl std::fmt::Display for OverLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the input is over the size limit")
    }
}

impl std::error::Error for OverLimit {}

/// A reader that fails once more than `limit` bytes have come through it.
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Capped<R> {
    fn new(inner: R, limits: Limits) -> Self {
        Capped {
            inner,
            left: limits.max_size,
        }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // One byte past the limit is asked for, so that reaching it exactly is not an error.
        let room = usize::try_from(self.left.saturating_add(1)).unwrap_or(usize::MAX);
        let len = buf.len().min(room);
        let n = self.inner.read(&mut buf[..len])?;
        if n as u64 > self.left {
            return Err(io::Error::other(OverLimit));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn capped(bytes: &[u8], max_size: u64) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        Capped::new(bytes, Limits { max_size }).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn a_stream_is_capped_as_it_arrives() {
        assert_eq!(capped(b"abcd", 4).unwrap(), b"abcd");
        let err = capped(b"abcde", 4).unwrap_err();
        assert!(err.get_ref().unwrap().is::<OverLimit>(), "{err}");
        let said = failed("x", &err, Limits { max_size: 4 }).render();
        assert!(said.contains("more than the limit of 4 bytes"), "{said}");
    }

    #[test]
    fn gzip_is_read_through_and_capped_after_inflating() {
        let dir = std::env::temp_dir().join(format!("orgtree-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("m.yaml.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&b"title: x\n".repeat(1000)).unwrap();
        let gz = gz.finish().unwrap();
        std::fs::write(&path, &gz).unwrap();
        let input = Input::File(path.clone());
        let big = Limits { max_size: 1 << 20 };
        let bytes = read_all(open(&input, big).unwrap(), "m", big).unwrap();
        assert_eq!(bytes.len(), 9000);
        // Compressed, the file is far under 1000 bytes; inflated, it is over.
        let small = Limits { max_size: 1000 };
        let err = read_all(open(&input, small).unwrap(), "m", small).unwrap_err();
        assert!(
            err.render().contains("more than the limit"),
            "{}",
            err.render()
        );
        // Cut short, as a download that stopped.
        std::fs::write(&path, &gz[..gz.len() / 2]).unwrap();
        let err = read_all(open(&input, big).unwrap(), "m", big).unwrap_err();
        assert!(
            err.render().contains("check that it is whole"),
            "{}",
            err.render()
        );
        // Not gzip, though named so.
        std::fs::write(&path, b"title: x\n").unwrap();
        let err = read_all(open(&input, big).unwrap(), "m", big).unwrap_err();
        assert!(err.render().contains("must be gzip"), "{}", err.render());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
