//! `:export`: the view written to a new file, as `--format` would print it. Only a new file:
//! it is created with `create_new`, so nothing that exists is ever written over — the model
//! file least of all — and a file left half written by an error is taken away again.

use std::fs::OpenOptions;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::dump::{self, DumpOptions};
use crate::org::Org;
use crate::sanitize::sanitize;

/// Writes the dump and says how it went, for the status line.
pub fn export(org: &Org, path: &Path, options: &DumpOptions) -> String {
    let path = home(path);
    let shown = sanitize(&path.to_string_lossy()).into_owned();
    let format = options
        .format
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_owned());
    match write(org, &path, options) {
        Ok(bytes) => format!("exported the view as {format} to {shown} ({bytes} bytes)"),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            format!("{shown} exists: :export writes only new files, choose another name")
        }
        Err(e) => format!("cannot export to {shown}: {e}"),
    }
}

/// `~/` at the start of a path is the home directory, as a shell would have it.
fn home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => Path::new(&home).join(rest),
        _ => path.to_owned(),
    }
}

fn write(org: &Org, path: &Path, options: &DumpOptions) -> io::Result<u64> {
    let file = OpenOptions::new().write(true).create_new(true).open(path)?;
    let mut out = BufWriter::new(file);
    let written = dump::write(org, options, &mut out).and_then(|()| out.flush());
    match written {
        Ok(()) => Ok(std::fs::metadata(path)?.len()),
        Err(e) => {
            drop(out);
            let _ = std::fs::remove_file(path);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dump::Format;

    #[test]
    fn a_new_file_is_written_and_an_existing_one_never() {
        let org = crate::load::load_embedded().unwrap().org;
        let dir = std::env::temp_dir().join(format!("orgtree-export-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("org.dot");
        let options = DumpOptions {
            format: Format::Dot,
            ..DumpOptions::default()
        };
        let said = export(&org, &path, &options);
        assert!(said.starts_with("exported the view as dot to "), "{said}");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("digraph orgtree {"), "{text}");
        // Again: the file exists, and stays as it was.
        std::fs::write(&path, "mine").unwrap();
        let said = export(&org, &path, &options);
        assert!(
            said.contains("exists: :export writes only new files"),
            "{said}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
        // A directory that is not there: said, and nothing left behind.
        let said = export(&org, &dir.join("no/such/dir.dot"), &options);
        assert!(said.starts_with("cannot export to "), "{said}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
