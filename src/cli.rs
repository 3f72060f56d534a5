//! The command line: what each flag means, and which mode (explorer, dump, check) runs.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use ratatui::layout::Rect;

use crate::app::App;
use crate::model::{Day, PartialDate};

use crate::dump::{self, DumpOptions, Format};
use crate::load::{self, Limits, LoadError, Loaded};
use crate::sanitize::sanitize;
use crate::suggest;

mod usage;

pub use usage::report_usage;

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
/// When standard input or output is not a terminal, orgtree prints the tree as --dump does.
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

    /// Output format of --dump (and giving it implies --dump) [default: tree].
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Draw the dumped tree with ASCII characters instead of Unicode box drawing.
    #[arg(long)]
    pub ascii: bool,

    /// Show only the subtree of the entity with this id (the explorer starts on it).
    #[arg(long, value_name = "ID")]
    pub root: Option<String>,

    /// Show this many levels of the tree (1 = the top level only; the explorer opens that
    /// many).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub depth: Option<u32>,

    /// Draw one frame of the explorer at this size (e.g. 80x24) and print it as text, after
    /// the keys of --keys; for scripts, tests and screenshots.
    #[arg(long, value_name = "COLSxROWS", value_parser = usage::parse_size, conflicts_with_all = ["dump", "check"])]
    pub screen: Option<(u16, u16)>,

    /// Keys to press before --screen prints its frame: plain characters, and <Enter>, <Esc>,
    /// <Tab>, <Up>, <Down>, <Left>, <Right>, <PgUp>, <PgDn>, <Home>, <End>, <F1>, <C-d>…
    #[arg(long, value_name = "KEYS", requires = "screen")]
    pub keys: Option<String>,

    /// Show the model as it stood on this date (YYYY, YYYY-MM or YYYY-MM-DD; a partial date
    /// means its first day, as `founded: 2014` does): stakes, roles and entities in force then.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Day>,

    /// Show only the entities matching this fuzzy search, and their ancestors (the explorer
    /// starts with this search).
    #[arg(long, value_name = "QUERY")]
    pub filter: Option<String>,

    /// Print what changed between two dates: entities, stakes, roles, and the events between.
    #[arg(long, num_args = 2, value_names = ["DATE1", "DATE2"], value_parser = parse_date, conflicts_with_all = ["dump", "check", "screen", "format", "filter", "root", "depth", "as_of"])]
    pub diff: Option<Vec<Day>>,

    /// Print the JSON Schema of the model format (for editors: see docs/model.md) and exit.
    #[arg(long, exclusive = true)]
    pub schema: bool,

    /// Print a shell completion script and exit.
    #[arg(long, value_name = "SHELL", exclusive = true)]
    pub completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff) and exit.
    #[arg(long, exclusive = true)]
    pub man: bool,

    /// When to use colours in the explorer; NO_COLOR in the environment means never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Refuse model files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_size)]
    pub max_size: u64,
}

/// A date on the command line: its first day, for a partial date (as in the model). The message
/// quotes the argument, made safe: the usage error prints it whole.
fn parse_date(text: &str) -> Result<Day, String> {
    text.parse::<PartialDate>()
        .map(|d| d.first_day())
        .map_err(|e| sanitize(&e.to_string()).into_owned())
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colours unless NO_COLOR is set or the terminal is dumb.
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to draw in colour.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }
}

/// Everything generated from the command line's own definition: schema, completions, man page.
fn generated(cli: &Cli) -> Option<ExitCode> {
    use clap::CommandFactory;
    if cli.schema {
        let schema = schemars::schema_for!(crate::model::Model);
        let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        return Some(write_out(|out| writeln!(out, "{text}")));
    }
    if let Some(shell) = cli.completions {
        let mut command = Cli::command();
        return Some(write_out(|out| {
            clap_complete::generate(shell, &mut command, "orgtree", out);
            Ok(())
        }));
    }
    if cli.man {
        let man = clap_mangen::Man::new(Cli::command());
        return Some(write_out(|out| man.render(out)));
    }
    None
}

/// Runs orgtree as the command line asks; returns the exit status.
pub fn run(cli: Cli) -> ExitCode {
    if let Some(code) = generated(&cli) {
        return code;
    }
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
    // Warnings are counted, not quoted, from here on: the text of a large model need not stay.
    let mut loaded = loaded;
    drop(std::mem::take(&mut loaded.file.text));
    let root = match &cli.root {
        None => None,
        Some(id) => match loaded.org.find_entity(id) {
            Some(root) => Some(root),
            None => {
                let ids = loaded
                    .org
                    .model
                    .entities
                    .iter()
                    .map(|e| e.id.value.as_str());
                let hint = suggest::help(id, ids).unwrap_or_else(|| {
                    "the explorer shows each entity's id in its detail pane".into()
                });
                eprintln!(
                    "orgtree: --root: no entity has the id `{}`; {}",
                    sanitize(id),
                    sanitize(&hint)
                );
                return ExitCode::from(EXIT_USAGE);
            }
        },
    };
    let warnings = (!loaded.warnings.is_empty()).then(|| {
        format!(
            "{}: {} warning(s); run orgtree --check to see them",
            sanitize(&loaded.file.name),
            loaded.warnings.len()
        )
    });
    let interactive = io::stdout().is_terminal() && io::stdin().is_terminal();
    let explorer = cli.screen.is_some()
        || !(cli.dump || cli.format.is_some() || cli.diff.is_some() || !interactive);
    if !explorer && let Some(w) = &warnings {
        eprintln!("{w}");
    }
    if let Some(dates) = &cli.diff {
        if dates[0] > dates[1] {
            eprintln!(
                "orgtree: --diff: {} is after {}; give the earlier date first",
                dates[0], dates[1]
            );
            return ExitCode::from(EXIT_USAGE);
        }
        return write_out(|out| dump::write_diff(&loaded.org, dates[0], dates[1], out));
    }
    if !explorer {
        return dump(&cli, &loaded.org, root);
    }
    let area = cli
        .screen
        .map_or_else(Rect::default, |(w, h)| Rect::new(0, 0, w, h));
    let mut app = App::new(loaded.org, loaded.file.name, area);
    app.color = cli.color.enabled();
    if cli.color == ColorChoice::Always {
        // An explicit request wins over NO_COLOR, which the terminal library also reads.
        crossterm::style::force_color_output(true);
    }
    app.path = cli.file.clone();
    if let Some(day) = cli.as_of {
        app.set_date(day);
    }
    if let Some(levels) = cli.depth {
        app.show_levels(levels as usize);
    }
    if let Some(root) = root {
        app.select(root);
    }
    if let Some(query) = &cli.filter {
        app.search_for(query);
    }
    app.status = warnings.or(app.status.take());
    match &cli.screen {
        Some(_) => screen(app, cli.keys.as_deref().unwrap_or_default()),
        None => explore(
            app,
            Limits {
                max_size: cli.max_size,
            },
        ),
    }
}

fn explore(app: App, limits: Limits) -> ExitCode {
    match crate::term::run(app, limits) {
        Ok(ending) => ExitCode::from(ending.exit_code()),
        Err(e) => {
            eprintln!("orgtree: terminal error: {e}");
            ExitCode::from(EXIT_MODEL)
        }
    }
}

fn screen(mut app: App, keys: &str) -> ExitCode {
    match crate::headless::press(&mut app, keys).map(|()| crate::headless::frame(&app)) {
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

fn dump(cli: &Cli, org: &crate::org::Org, root: Option<crate::org::EntityId>) -> ExitCode {
    let options = DumpOptions {
        format: cli.format.unwrap_or_default(),
        ascii: cli.ascii,
        root,
        depth: cli.depth.map(|d| d as usize),
        as_of: cli.as_of,
        filter: cli.filter.clone(),
    };
    if let Some(q) = &options.filter
        && dump::shown_count(org, &options) == 0
    {
        eprintln!(
            "orgtree: --filter: no entity matches `{}` on that date",
            sanitize(q)
        );
    }
    write_out(|out| dump::write(org, &options, out))
}

/// Streams output to stdout; a reader that went away (`orgtree --dump | head`) is no failure.
fn write_out(
    write: impl FnOnce(&mut io::BufWriter<io::StdoutLock<'static>>) -> io::Result<()>,
) -> ExitCode {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_OK),
        Err(e) => {
            eprintln!("orgtree: cannot write the output: {e}");
            ExitCode::from(EXIT_MODEL)
        }
    }
}
