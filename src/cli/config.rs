//! The configuration file, `$XDG_CONFIG_HOME/orgtree/config.toml` (`~/.config/orgtree/` on
//! Linux, the platform's configuration directory elsewhere): default flags, which the command
//! line overrides. A file that cannot be read or understood never stops orgtree: every problem
//! is said, at its `FILE:LINE:COL`, and the defaults are used. `--print-config` prints a file
//! to start from. orgtree never writes it.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::ColorChoice;
use crate::model::Day;
use crate::sanitize::sanitize;

/// What the file may say, all of it optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    defaults: Defaults,
}

/// Default flags: as `--ascii`, `--color`, `--depth` and `--as-of`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Defaults {
    ascii: Option<bool>,
    color: Option<ColorChoice>,
    depth: Option<toml::Spanned<u32>>,
    as_of: Option<toml::Spanned<String>>,
}

/// The defaults the file gives, understood.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Config {
    pub ascii: Option<bool>,
    pub color: Option<ColorChoice>,
    pub depth: Option<u32>,
    pub as_of: Option<Day>,
}

/// The file's place: `$XDG_CONFIG_HOME/orgtree/config.toml` or the platform's.
pub fn path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("orgtree").join("config.toml"))
}

/// What `--print-config` prints: every setting with its default, commented out.
pub const TEMPLATE: &str = "\
# orgtree's configuration: default flags, which the command line overrides.
# Put it at $XDG_CONFIG_HOME/orgtree/config.toml (~/.config/orgtree/config.toml).

[defaults]
# Draw dumped trees with ASCII instead of Unicode box drawing (--ascii).
# ascii = false

# Colours in the explorer: \"auto\" (unless NO_COLOR is set), \"always\" or \"never\" (--color).
# color = \"auto\"

# Levels of the tree the explorer opens, and dumps show (--depth).
# depth = 2

# The date to show the model at, unless --as-of gives one: YYYY, YYYY-MM or YYYY-MM-DD.
# as_of = \"2015-01-12\"
";

/// The largest configuration file read: a few settings take a few hundred bytes.
const MAX_SIZE: u64 = 64 * 1024;

/// Reads the configuration at `path`: what it gives, and the problems it has, each placed.
/// A missing file is no problem; any other gives the defaults for the part it spoils. Only a
/// regular file of at most [`MAX_SIZE`] is read, so that a FIFO or a device in its place
/// cannot hold orgtree up.
pub fn read(path: &Path) -> (Config, Vec<String>) {
    let shown = || sanitize(&path.display().to_string()).into_owned();
    let refused = |why: String| (Config::default(), vec![why]);
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Config::default(), vec![]),
        Err(e) => {
            return refused(format!(
                "{}: cannot read it ({e}); using the defaults",
                shown()
            ));
        }
        Ok(m) if !m.is_file() => {
            return refused(format!(
                "{}: not a regular file; using the defaults",
                shown()
            ));
        }
        Ok(m) if m.len() > MAX_SIZE => {
            return refused(format!(
                "{}: larger than {} KiB, too large for a configuration; using the defaults",
                shown(),
                MAX_SIZE / 1024
            ));
        }
        Ok(_) => {}
    }
    let mut text = String::new();
    let read = std::fs::File::open(path).and_then(|f| {
        std::io::Read::read_to_string(&mut std::io::Read::take(f, MAX_SIZE), &mut text)
    });
    match read {
        Ok(_) => parse(&path.display().to_string(), &text),
        Err(e) => refused(format!(
            "{}: cannot read it ({e}); using the defaults",
            shown()
        )),
    }
}

/// [`read`] on a text already read, named `name` in its messages.
pub fn parse(name: &str, text: &str) -> (Config, Vec<String>) {
    let name = sanitize(name).into_owned();
    let at = |span: std::ops::Range<usize>| {
        let (line, col) = line_col(text, span.start);
        format!("{name}:{line}:{col}")
    };
    let file: File = match toml::from_str(text) {
        Ok(file) => file,
        Err(e) => {
            let place = e.span().map_or_else(|| name.clone(), at);
            let why = sanitize(e.message().trim()).into_owned();
            return (
                Config::default(),
                vec![format!(
                    "{place}: {why}; using the defaults (orgtree --print-config shows what it may say)"
                )],
            );
        }
    };
    let d = file.defaults;
    let mut problems = Vec::new();
    let depth = d.depth.and_then(|depth| {
        let n = *depth.get_ref();
        if n >= 1 {
            Some(n)
        } else {
            problems.push(format!(
                "{}: depth must be 1 or more; using the default",
                at(depth.span())
            ));
            None
        }
    });
    let as_of =
        d.as_of.and_then(
            |date| match date.get_ref().parse::<crate::model::PartialDate>() {
                Ok(day) => Some(day.first_day()),
                Err(_) => {
                    problems.push(format!(
                        "{}: `{}` is not a date (YYYY, YYYY-MM or YYYY-MM-DD); using the model's",
                        at(date.span()),
                        sanitize(date.get_ref())
                    ));
                    None
                }
            },
        );
    let config = Config {
        ascii: d.ascii,
        color: d.color,
        depth,
        as_of,
    };
    (config, problems)
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_reads_as_the_defaults() {
        assert_eq!(parse("t.toml", TEMPLATE), (Config::default(), vec![]));
        let uncommented: String = TEMPLATE
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|l| l.contains(" = "))
                    .unwrap_or(l)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let (config, problems) = parse("t.toml", &uncommented);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.depth, Some(2));
        assert_eq!(config.color, Some(ColorChoice::Auto));
        assert_eq!(
            config.as_of.map(|d| d.to_string()),
            Some("2015-01-12".into())
        );
    }

    #[test]
    fn each_problem_is_placed_and_the_defaults_stay() {
        let (config, problems) = parse("c.toml", "[defaults]\ndepth = 0\nas_of = \"June\"\n");
        assert_eq!(config, Config::default());
        assert_eq!(
            problems,
            [
                "c.toml:2:9: depth must be 1 or more; using the default",
                "c.toml:3:9: `June` is not a date (YYYY, YYYY-MM or YYYY-MM-DD); using the model's",
            ]
        );
        let (config, problems) = parse("c.toml", "[defaults]\ncolour = \"never\"\n");
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("c.toml:2:1: unknown field `colour`"),
            "{problems:?}"
        );
        let (_, problems) = parse("c.toml", "[defaults\n");
        assert!(problems[0].starts_with("c.toml:1:"), "{problems:?}");
        // Hostile text in a value comes back escaped.
        let (_, problems) = parse("c.toml", "[defaults]\nas_of = \"\\u001b[2J\"\n");
        assert!(problems[0].contains("\\u{1b}[2J"), "{problems:?}");
    }

    #[test]
    fn a_device_or_a_huge_file_is_refused_unread() {
        let (config, problems) = read(Path::new("/dev/zero"));
        assert_eq!(config, Config::default());
        assert!(
            problems[0].ends_with("not a regular file; using the defaults"),
            "{problems:?}"
        );
        let dir = std::env::temp_dir().join(format!("orgtree-config-big-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let big = dir.join("config.toml");
        std::fs::write(&big, "#".repeat(100_000)).unwrap();
        let (_, problems) = read(&big);
        assert!(
            problems[0].contains("too large for a configuration"),
            "{problems:?}"
        );
        // Not UTF-8: said, not a panic.
        std::fs::write(&big, [0xff, 0xfe, b'\n']).unwrap();
        let (_, problems) = read(&big);
        assert!(problems[0].contains("cannot read it"), "{problems:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_file_is_no_problem() {
        let (config, problems) = read(Path::new("/nonexistent/orgtree/config.toml"));
        assert_eq!((config, problems), (Config::default(), vec![]));
    }
}
