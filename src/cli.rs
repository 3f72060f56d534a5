//! The command line: what each flag means, and which mode (explorer, dump, check) runs.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use ratatui::layout::Rect;

use crate::app::App;

use crate::dump::{self, DumpOptions, Format};
use crate::load::{self, Limits, LoadError, Loaded};
use crate::sanitize::sanitize;
use crate::suggest;

/// Exit status: everything went well.
pub const EXIT_OK: u8 = 0;
/// Exit status: the model has problems (or could not be read).
pub const EXIT_MODEL: u8 = 1;
/// Exit status: the command line is wrong.
pub const EXIT_USAGE: u8 = 2;

/// Explore an organisation — its hierarchy, owners, leaders, history and sources — in the
/// terminal.
///
/// Without FILE, orgtree opens its embedded model: Orange's cloud structures in January 2015.
/// When standard output is not a terminal, orgtree prints the tree as --dump does.
#[derive(Debug, Parser)]
#[command(name = "orgtree", version, about, long_about)]
#[command(after_help = "Exit status: 0 ok, 1 model problems, 2 usage error.")]
pub struct Cli {
    /// The model file (YAML); see docs/model.md for the format.
    pub file: Option<PathBuf>,

    /// Print the hierarchy to standard output instead of opening the explorer.
    #[arg(long)]
    pub dump: bool,

    /// Validate the model: print every problem, exit 0 when there is no error.
    #[arg(long, conflicts_with = "dump")]
    pub check: bool,

    /// Output format of --dump.
    #[arg(long, value_enum, default_value_t = FormatArg::Tree)]
    pub format: FormatArg,

    /// Draw the tree with ASCII characters instead of Unicode box drawing.
    #[arg(long)]
    pub ascii: bool,

    /// Show only the subtree of the entity with this id.
    #[arg(long, value_name = "ID")]
    pub root: Option<String>,

    /// Show this many levels of the tree (1 = the top level only).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub depth: Option<u32>,

    /// Draw one frame of the explorer at this size (e.g. 80x24) and print it as text, after
    /// the keys of --keys; for scripts, tests and screenshots.
    #[arg(long, value_name = "COLSxROWS", value_parser = crate::headless::parse_size, conflicts_with_all = ["dump", "check"])]
    pub screen: Option<(u16, u16)>,

    /// Keys to press before --screen prints its frame: plain characters, and <Enter>, <Esc>,
    /// <Tab>, <Up>, <Down>, <Left>, <Right>, <PgUp>, <PgDn>, <Home>, <End>, <F1>, <C-d>…
    #[arg(long, value_name = "KEYS", requires = "screen", default_value = "")]
    pub keys: String,

    /// Refuse model files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_size)]
    pub max_size: u64,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// An indented tree, one entity per line.
    Tree,
    /// The whole resolved model as JSON.
    Json,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Tree => Format::Tree,
            FormatArg::Json => Format::Json,
        }
    }
}

/// Runs orgtree as the command line asks; returns the exit status.
pub fn run(cli: Cli) -> ExitCode {
    let loaded = match load(&cli) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprint!("{}", e.render());
            return ExitCode::from(EXIT_MODEL);
        }
    };
    if cli.check {
        return check(&loaded);
    }
    if !loaded.warnings.is_empty() {
        eprintln!(
            "{}: {} warning(s); run orgtree --check to see them",
            sanitize(&loaded.file.name),
            loaded.warnings.len()
        );
    }
    if let Some(size) = cli.screen {
        return screen(loaded, size, &cli.keys);
    }
    let interactive = io::stdout().is_terminal() && io::stdin().is_terminal();
    if cli.dump || !interactive {
        return dump(&cli, &loaded);
    }
    explore(loaded)
}

fn explore(loaded: Loaded) -> ExitCode {
    let app = App::new(loaded.org, loaded.file.name, Rect::default());
    match crate::term::run(app) {
        Ok(ending) => ExitCode::from(ending.exit_code()),
        Err(e) => {
            eprintln!("orgtree: terminal error: {e}");
            ExitCode::from(EXIT_MODEL)
        }
    }
}

fn screen(loaded: Loaded, size: (u16, u16), keys: &str) -> ExitCode {
    match crate::headless::screen(loaded.org, loaded.file.name, size, keys) {
        Ok(frame) => {
            let mut out = io::stdout().lock();
            match out.write_all(frame.as_bytes()).and_then(|()| out.flush()) {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    eprintln!("orgtree: cannot write the frame: {e}");
                    ExitCode::from(EXIT_MODEL)
                }
                _ => ExitCode::from(EXIT_OK),
            }
        }
        Err(e) => {
            eprintln!("orgtree: --keys: {}", sanitize(&e));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn load(cli: &Cli) -> Result<Loaded, LoadError> {
    match &cli.file {
        Some(path) => load::load_file(
            path,
            Limits {
                max_size: cli.max_size,
            },
        ),
        None => load::load_embedded(),
    }
}

fn check(loaded: &Loaded) -> ExitCode {
    let m = &loaded.org.model;
    eprint!(
        "{}",
        crate::diagnostic::render_all(&loaded.warnings, &loaded.file.name, Some(&loaded.file.text))
    );
    let counts = [
        (m.entities.len(), "entity", "entities"),
        (m.people.len(), "person", "people"),
        (m.stakes.len(), "stake", "stakes"),
        (m.roles.len(), "role", "roles"),
        (m.relations.len(), "relation", "relations"),
        (m.events.len(), "event", "events"),
        (m.sources.len(), "source", "sources"),
    ]
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }));
    println!(
        "{}: ok — {}",
        sanitize(&loaded.file.name),
        counts.join(", ")
    );
    ExitCode::from(EXIT_OK)
}

fn dump(cli: &Cli, loaded: &Loaded) -> ExitCode {
    let org = &loaded.org;
    let root = match &cli.root {
        None => None,
        Some(id) => match org.find_entity(id) {
            Some(root) => Some(root),
            None => {
                let ids = org.model.entities.iter().map(|e| e.id.value.as_str());
                let hint = suggest::help(id, ids)
                    .unwrap_or_else(|| "see the ids with `orgtree --dump --format json`".into());
                eprintln!(
                    "orgtree: --root: no entity has the id `{}`; {}",
                    sanitize(id),
                    sanitize(&hint)
                );
                return ExitCode::from(EXIT_USAGE);
            }
        },
    };
    let options = DumpOptions {
        format: cli.format.into(),
        ascii: cli.ascii,
        root,
        depth: cli.depth.map(|d| d as usize),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match dump::write(org, &options, &mut out).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::from(EXIT_OK),
        // The reader went away (`orgtree --dump | head`): that is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_OK),
        Err(e) => {
            eprintln!("orgtree: cannot write the dump: {e}");
            ExitCode::from(EXIT_MODEL)
        }
    }
}
