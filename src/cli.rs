//! The command line: what each flag means, which one mode a run is in (explorer, screen, dump,
//! diff, check, generated texts), and carrying it out. Errors come back to [`exit`], which
//! prints them and picks the exit status.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser, ValueEnum};
use ratatui::layout::Rect;

use crate::app::{App, Options};
use crate::model::{Day, PartialDate};
use crate::org::{EntityId, Org};

use crate::dump::{self, DumpOptions, Format};
use crate::load::{self, Limits, Loaded};
use crate::sanitize::sanitize;
use crate::suggest;

pub mod complete;
pub mod config;
mod exit;
mod import;
mod manual;
mod mode;
mod progress;
mod usage;

pub use exit::{EXIT_IO, EXIT_MODEL, EXIT_OK, EXIT_USAGE, Failure, Finish, UsageError, exit};
pub use import::{Command, ImportArgs, ModelFormat, ReadingArgs};
pub use manual::{ENVIRONMENT, exit_statuses};
pub use mode::{Mode, mode};

/// Explore an organisation — its hierarchy, owners, leaders, history and sources — in the
/// terminal.
///
/// Without FILE, orgtree opens its embedded model: Orange's cloud structures in January 2015.
/// When standard output is not a terminal, orgtree prints the tree as --dump does. A model
/// piped in (`cat m.yaml | orgtree`) is explored with the keys read from the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "orgtree",
    // The commit and its date in a checkout, else that the commit is unknown: build.rs.
    version = env!("ORGTREE_VERSION"),
    long_version = concat!(env!("ORGTREE_VERSION"), "\ntarget: ", env!("ORGTREE_TARGET")),
    about,
    long_about,
    args_conflicts_with_subcommands = true
)]
#[command(
    after_help = "Configuration: $XDG_CONFIG_HOME/orgtree/config.toml (~/.config/orgtree/config.toml), default flags the command line overrides; orgtree --print-config prints one to start from.\n\nExit status: 0 ok, 1 model problems, 2 usage error, 3 input or output failed (a model file that cannot be read, output that cannot be written)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The model file (YAML or JSON; see docs/model.md), a table (CSV, TSV), flat JSON records
    /// or BODS statements (see docs/import.md), plain or gzip, or `-` for standard input, which
    /// is also read when it is a pipe or a file and no FILE is given.
    pub file: Option<PathBuf>,

    /// Print the hierarchy to standard output instead of opening the explorer.
    #[arg(long)]
    pub dump: bool,

    /// Print a configuration file to start from (every setting, with its default) and exit.
    #[arg(long, exclusive = true)]
    pub print_config: bool,

    /// Do not read the configuration file.
    #[arg(long)]
    pub no_config: bool,

    /// What the configuration file had wrong, each at its FILE:LINE:COL (its defaults used).
    #[arg(skip)]
    pub config_problems: Vec<String>,

    /// The explorer's keys, as the configuration file's `[keys]` tables change them.
    #[arg(skip)]
    pub keymap: crate::keys::Keymap,

    /// The explorer's theme, as the configuration file's `[theme]` table changes it.
    #[arg(skip)]
    pub theme: crate::theme::Choice,

    /// Validate the model: print every problem, exit 0 when there is no error.
    #[arg(long, conflicts_with = "dump")]
    pub check: bool,

    /// Output format of --dump (and giving it implies --dump) [default: tree].
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Draw the dumped tree with ASCII characters instead of Unicode box drawing.
    #[arg(long)]
    pub ascii: bool,

    /// Show only the subtree of the entity with this id; in the explorer, `W` shows the whole
    /// tree again, as does following a link to an entity outside the subtree.
    #[arg(long, value_name = "ID", add = clap_complete::ArgValueCompleter::new(complete::entity_ids))]
    pub root: Option<String>,

    /// Show this many levels of the tree (1 = the top level only; the explorer opens that
    /// many); with --around, keep the records this many links away.
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
    #[arg(long, value_name = "QUERY", add = clap_complete::ArgValueCompleter::new(complete::entity_ids_and_names))]
    pub filter: Option<String>,

    /// Order children under their parent: by name, by headcount (people, then units, over the
    /// subtree, largest first) or by the parent's share in them (largest first); the model's
    /// order by default. The explorer starts in this order (`s` cycles it).
    #[arg(long, value_enum, value_name = "ORDER", default_value_t)]
    pub sort: crate::headcount::Order,

    /// In DOT and Mermaid, also draw the relations between entities (merged into, partner,
    /// client of…), as dashed labelled lines; in the chart, as dotted lines between boxes.
    #[arg(long)]
    pub relations: bool,

    /// The columns `--format chart` fits its boxes to; by default `COLUMNS`, else the
    /// terminal's width, else 120.
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,

    /// In DOT and Mermaid, draw each subtree as a box around its units.
    #[arg(long)]
    pub cluster: bool,

    /// In DOT, Mermaid and GraphML, draw the ownership graph of the `--root` entity instead of
    /// the hierarchy: who owns it, upward to its ultimate owners, each stake once, with its
    /// direct share; a stake that closes a circle of holdings marked.
    #[arg(long, requires = "root")]
    pub owners: bool,

    /// In DOT, Mermaid and GraphML, also draw the entities that do not exist at the date
    /// (closed, merged, not yet founded), dimmed, under their parents as written.
    #[arg(long)]
    pub former: bool,

    /// In DOT and Mermaid, the direction of the hierarchy: top to bottom, or left to right.
    #[arg(long, value_enum, value_name = "DIR", default_value_t = dump::Rankdir::Tb)]
    pub rankdir: dump::Rankdir,

    /// Print what changed from DATE1 to DATE2, both included (`--diff 2014 2016` covers
    /// 2014-01-01 to 2016-12-31): entities, stakes, roles, and the events in between.
    #[arg(long, num_args = 2, value_names = ["DATE1", "DATE2"], value_parser = parse_partial_date, conflicts_with_all = ["dump", "check", "screen", "format", "filter", "root", "depth", "as_of"])]
    pub diff: Option<Vec<PartialDate>>,

    /// Print the JSON Schema of the model format (for editors: see docs/model.md) and exit.
    #[arg(long, exclusive = true)]
    pub schema: bool,

    /// Print a shell completion script and exit (`COMPLETE=bash orgtree` prints one that also
    /// completes the ids after --root and --filter from the model).
    #[arg(long, value_name = "SHELL", exclusive = true)]
    pub completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff) and exit.
    #[arg(long, exclusive = true)]
    pub man: bool,

    /// When to use colours in the explorer; NO_COLOR in the environment means never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Neither read nor write the model cache. Large model files (1 MiB and more) are kept
    /// resolved in the user's cache directory ($XDG_CACHE_HOME/orgtree), so that they open
    /// faster the next time; an entry is used only while the file is unchanged.
    #[arg(long)]
    pub no_cache: bool,

    /// Refuse model files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_size)]
    pub max_size: u64,

    #[command(flatten)]
    pub reading: ReadingArgs,
}

impl Cli {
    /// How FILE is to be read: as what it looks like, with the import options given.
    pub fn load_reading(&self) -> load::Reading {
        self.reading.reading(None, self.depth)
    }

    /// The levels of the tree to show: `--depth`, unless it gives the radius of `--around`.
    pub fn levels(&self) -> Option<usize> {
        self.depth
            .filter(|_| self.reading.around.is_none())
            .map(|d| d as usize)
    }

    /// Where the model comes from: the file named (`-` is standard input), or standard input
    /// when no file is named and it is a pipe, a FIFO or a file (`orgtree < m.yaml`); `None`
    /// for the embedded model, when standard input is a terminal or nothing (`/dev/null`).
    pub fn input(&self) -> Option<load::Input> {
        match &self.file {
            Some(path) => Some(load::Input::of_arg(path)),
            None => stdin_holds_data().then_some(load::Input::Stdin),
        }
    }
}

/// Whether standard input is a pipe, a FIFO, a socket or a regular file: something a model
/// can be piped through, rather than a terminal or a device such as `/dev/null`.
#[cfg(unix)]
fn stdin_holds_data() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() else {
        return false;
    };
    std::fs::File::from(fd).metadata().is_ok_and(|m| {
        let t = m.file_type();
        t.is_fifo() || t.is_socket() || t.is_file()
    })
}

/// Elsewhere, whether standard input is anything but a terminal: the standard library cannot
/// tell a pipe from a device there.
#[cfg(not(unix))]
fn stdin_holds_data() -> bool {
    !io::stdin().is_terminal()
}

/// A date on the command line: its first day, for a partial date (as in the model). The message
/// quotes the argument, made safe: the usage error prints it whole.
fn parse_date(text: &str) -> Result<Day, String> {
    text.parse::<PartialDate>()
        .map(|d| d.first_day())
        .map_err(|e| sanitize(&e.to_string()).into_owned())
}

/// A date on the command line as written, for what covers a whole partial date (`--diff`).
fn parse_partial_date(text: &str) -> Result<PartialDate, String> {
    text.parse::<PartialDate>()
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

/// Runs orgtree in the one mode the command line asks for.
pub fn run(mut cli: Cli) -> Result<Finish, Failure> {
    if let Some(Command::Import(args)) = &cli.command {
        return import::run(args);
    }
    if cli.print_config {
        return write_out(|out| out.write_all(config::template().as_bytes()));
    }
    // What describes orgtree itself (its schema, completions, manual) reads no configuration.
    let describes = cli.schema || cli.completions.is_some() || cli.man;
    if !cli.no_config
        && !describes
        && let Some(path) = config::path()
    {
        configure(&mut cli, &path);
    }
    let input = cli.input();
    let piped = input == Some(load::Input::Stdin);
    let interactive = io::stdout().is_terminal()
        && (io::stdin().is_terminal() || piped && crate::term::tty::reachable());
    match mode(&cli, interactive)? {
        Mode::Schema => {
            let schema = schemars::schema_for!(crate::model::Model);
            let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
            write_out(|out| writeln!(out, "{text}"))
        }
        Mode::Completions(shell) => {
            let mut command = Cli::command();
            write_out(|out| {
                clap_complete::generate(shell, &mut command, "orgtree", out);
                Ok(())
            })
        }
        Mode::Man => write_out(|out| manual::write(out)),
        Mode::Check => {
            let loaded = load(&cli)?;
            check(&loaded).inspect(|_| remember(&loaded))
        }
        Mode::Diff { from, to } => {
            let shown = Shown::load(&cli)?;
            shown.warn();
            write_out(|out| dump::write_diff(&shown.loaded.org, from, to, out))
                .inspect(|_| remember(&shown.loaded))
        }
        Mode::Dump(format) => {
            let shown = Shown::load(&cli)?;
            shown.warn();
            dump(&cli, format, &shown.loaded.org, shown.root).inspect(|_| remember(&shown.loaded))
        }
        Mode::Screen { keys } => {
            let (app, writer) = explorer(&cli, Shown::load(&cli)?);
            let finish = screen(app, &keys);
            joined(writer, false);
            finish
        }
        Mode::Explore => {
            let limits = Limits {
                max_size: cli.max_size,
            };
            let shown = Shown::load(&cli)?;
            if piped {
                // The model came on standard input; the keys come from the terminal.
                crate::term::tty::read_keys_from_terminal()
                    .map_err(|e| Failure::io("cannot open the terminal for keys", &e))?;
            }
            let (app, writer) = explorer(&cli, shown);
            let finish = explore(app, limits, cli.load_reading());
            joined(writer, true);
            finish
        }
    }
}

/// A model loaded to be shown (dumped, diffed or explored): its text dropped, the `--root`
/// asked for found, and the line that counts its warnings.
struct Shown {
    loaded: Loaded,
    root: Option<EntityId>,
    warnings: Option<String>,
}

impl Shown {
    fn load(cli: &Cli) -> Result<Shown, Failure> {
        let mut loaded = load(cli)?;
        // Warnings are counted, not quoted, from here on: the text of a large model need not
        // stay.
        drop(std::mem::take(&mut loaded.file.text));
        let root = match &cli.root {
            None => None,
            Some(id) => Some(find_root(&loaded.org, id)?),
        };
        let warnings = (!loaded.warnings.is_empty()).then(|| {
            let command = match &cli.file {
                Some(path) => format!("orgtree --check {}", path.display()),
                None => "orgtree --check".to_owned(),
            };
            format!(
                "{}: {}; run {} to see them",
                sanitize(&loaded.file.name),
                crate::words::count(loaded.warnings.len(), "warning"),
                sanitize(&command)
            )
        });
        Ok(Shown {
            loaded,
            root,
            warnings,
        })
    }

    /// Outside the explorer, which shows it in its status line, the warnings line goes to
    /// stderr.
    fn warn(&self) {
        if let Some(w) = &self.warnings {
            eprintln!("{w}");
        }
    }
}

/// The entity `--root` names, or what to write instead.
fn find_root(org: &Org, id: &str) -> Result<EntityId, UsageError> {
    if let Some(root) = org.find_entity(id) {
        return Ok(root);
    }
    let ids = org.model.entities.iter().map(|e| e.id.value.as_str());
    let hint = suggest::help(id, ids)
        .unwrap_or_else(|| "the explorer shows each entity's id in its detail pane".into());
    Err(UsageError(format!(
        "--root: no entity has the id `{}`; {}",
        sanitize(id),
        sanitize(&hint)
    )))
}

/// Writes the cache entry of a model loaded from its file, after what the person asked for is
/// done. A cache that cannot be written changes nothing: the model loads from its file again.
fn remember(loaded: &Loaded) {
    if let Some(entry) = &loaded.uncached {
        let _ = entry.write(&loaded.org, &loaded.warnings);
    }
}

/// The explorer's cache writer: its thread, and the flag that stops it.
struct Writer {
    thread: std::thread::JoinHandle<()>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

/// Waits for the cache's writer, if the explorer started one. With `stop`, it is stopped
/// first if still writing: a person who quits does not wait for the cache (the next open
/// writes it); a script's `--screen` waits.
fn joined(writer: Option<Writer>, stop: bool) {
    if let Some(writer) = writer {
        writer
            .stop
            .store(stop, std::sync::atomic::Ordering::Relaxed);
        let _ = writer.thread.join();
    }
}

/// The configuration file's defaults, under the command line's flags; what it had wrong is
/// kept to be said (on standard error, and in the explorer's status line).
fn configure(cli: &mut Cli, path: &Path) {
    let (config, problems) = config::read(path);
    cli.ascii |= config.ascii.unwrap_or(false);
    if cli.color == ColorChoice::Auto {
        cli.color = config.color.unwrap_or(ColorChoice::Auto);
    }
    cli.depth = cli.depth.or(config.depth);
    cli.as_of = cli.as_of.or(config.as_of);
    cli.keymap = config.keymap;
    cli.theme = config.theme;
    for problem in &problems {
        eprintln!("orgtree: {problem}");
    }
    cli.config_problems = problems;
}

/// The explorer, set up as the command line asks, and the thread that writes the model's
/// cache entry while the person looks at it (at a lower priority, as the search index is
/// gathered, so that it does not take the core that draws the first frame).
fn explorer(cli: &Cli, shown: Shown) -> (App, Option<Writer>) {
    let Shown {
        loaded,
        root,
        warnings,
    } = shown;
    let area = cli
        .screen
        .map_or_else(Rect::default, |(w, h)| Rect::new(0, 0, w, h));
    if cli.color == ColorChoice::Always {
        // An explicit request wins over NO_COLOR, which the terminal library also reads.
        crossterm::style::force_color_output(true);
    }
    let options = Options {
        // Only a regular file is watched and opened in the editor.
        path: cli
            .input()
            .and_then(|input| input.regular_file().map(Path::to_owned)),
        color: cli.color.enabled(),
        as_of: cli.as_of,
        levels: cli.levels(),
        root,
        filter: cli.filter.clone(),
        // A configuration that went wrong says so first: its defaults were used instead.
        status: match cli.config_problems.first() {
            Some(problem) => Some(problem.clone()),
            None => warnings,
        },
        sort: cli.sort,
        keymap: cli.keymap.clone(),
        theme: cli.theme.clone(),
        ..Options::new(loaded.file.name, area)
    };
    let org = std::sync::Arc::new(loaded.org);
    let writer = loaded.uncached.and_then(|entry| {
        let org = std::sync::Arc::clone(&org);
        let warnings = loaded.warnings;
        let stop = std::sync::Arc::default();
        let stopped = std::sync::Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("cache-writer".into())
            .spawn(move || {
                crate::search::worker::give_way();
                let _ = entry.write_unless(&org, &warnings, &stopped);
            })
            .ok()?;
        Some(Writer { thread, stop })
    });
    (App::new(org, options), writer)
}

fn explore(app: App, limits: Limits, reading: load::Reading) -> Result<Finish, Failure> {
    progress::stops::to_the_explorer();
    crate::term::run(app, limits, reading)
        .map(Finish::Explorer)
        .map_err(|e| Failure::io("terminal error", &e))
}

fn screen(mut app: App, keys: &str) -> Result<Finish, Failure> {
    crate::headless::press(&mut app, keys)
        .map_err(|e| UsageError(format!("--keys: {}", sanitize(&e))))?;
    let frame = crate::headless::frame(&app);
    let mut out = io::stdout().lock();
    match out.write_all(frame.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure::io("cannot write the frame", &e))
        }
        _ => Ok(Finish::Done),
    }
}

fn load(cli: &Cli) -> Result<Loaded, Failure> {
    let cache = if cli.no_cache {
        load::Cache::off()
    } else {
        load::Cache::of_user()
    };
    let input = cli.input();
    // A long load says how far it is on standard error, when it is a terminal, until it ends.
    let meter = load::Meter::new();
    let _progress = input
        .as_ref()
        .map(|input| progress::Progress::start(&input.name(), meter.clone()));
    let loaded = match input {
        Some(input) => load::load_input(
            &input,
            Limits {
                max_size: cli.max_size,
            },
            &cache,
            &load::Reading {
                meter: Some(meter),
                ..cli.load_reading()
            },
        ),
        None => load::load_embedded(),
    };
    Ok(loaded?)
}

fn check(loaded: &Loaded) -> Result<Finish, Failure> {
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
    let name = sanitize(&loaded.file.name);
    write_out(|out| writeln!(out, "{name}: ok — {}", counts.join(", ")))
}

/// The columns a printed chart fits in: `--width`, else `COLUMNS` (as `ls` reads it), else the
/// terminal's, else [`dump::DEFAULT_WIDTH`].
fn page_width(asked: Option<u16>) -> usize {
    let columns = || {
        std::env::var("COLUMNS")
            .ok()?
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|&c| c >= 20)
    };
    let terminal = || {
        crossterm::terminal::size()
            .ok()
            .map(|(w, _)| w)
            .filter(|&w| w >= 20)
    };
    asked
        .or_else(columns)
        .or_else(terminal)
        .map_or(dump::DEFAULT_WIDTH, usize::from)
}

fn dump(cli: &Cli, format: Format, org: &Org, root: Option<EntityId>) -> Result<Finish, Failure> {
    let graph = matches!(format, Format::Dot | Format::Mermaid | Format::Graphml);
    if cli.owners && !graph {
        return Err(UsageError(
            "--owners draws a graph: give it with --format dot, mermaid or graphml \
             (--format owners prints the same graph as text)"
                .into(),
        )
        .into());
    }
    if cli.former && !graph {
        return Err(UsageError(
            "--former dims former entities in a graph: give it with --format dot, mermaid or \
             graphml (the explorer's D shows them dimmed in the tree)"
                .into(),
        )
        .into());
    }
    let options = DumpOptions {
        format,
        ascii: cli.ascii,
        root,
        depth: cli.levels(),
        as_of: cli.as_of,
        filter: cli.filter.clone(),
        sort: cli.sort,
        graph: dump::Graph {
            relations: cli.relations,
            cluster: cli.cluster,
            rankdir: cli.rankdir,
            owners: cli.owners,
            former: cli.former,
        },
        width: Some(page_width(cli.width)),
    };
    if let Some(q) = &options.filter
        && dump::shown_count(org, &options) == 0
    {
        // A word only a description, a note or a source says is found with a prefix.
        let hint = if crate::search::Field::split(q).0 != crate::search::Field::Names {
            ""
        } else {
            " (d: searches descriptions, n: notes, s: sources, p: people, a: all)"
        };
        eprintln!(
            "orgtree: --filter: no entity matches `{}` on that date{hint}",
            sanitize(q)
        );
    }
    if format == Format::Yaml {
        let stubs = dump::yaml_stubs(org, &options);
        if !stubs.is_empty() {
            eprintln!("orgtree: {}", stubs_message(org, &stubs));
        }
    }
    write_out(|out| dump::write(org, &options, out))
}

/// What a narrowed YAML dump kept of the entities outside its view: their ids, the first few.
fn stubs_message(org: &Org, stubs: &[EntityId]) -> String {
    const NAMED: usize = 8;
    let mut ids: Vec<String> = stubs
        .iter()
        .take(NAMED)
        .map(|&id| format!("`{}`", sanitize(&org.entity(id).id.value)))
        .collect();
    if stubs.len() > NAMED {
        ids.push(format!("and {} more", stubs.len() - NAMED));
    }
    format!(
        "--format yaml: {} outside the view {} kept as stubs (name, kind and dates only, no parent) for the stakes, relations and events that name them: {}",
        crate::words::count(stubs.len(), "entity"),
        if stubs.len() == 1 { "is" } else { "are" },
        ids.join(", ")
    )
}

/// Streams output to stdout; a reader that went away (`orgtree --dump | head`) is no failure.
fn write_out(
    write: impl FnOnce(&mut io::BufWriter<io::StdoutLock<'static>>) -> io::Result<()>,
) -> Result<Finish, Failure> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure::io("cannot write the output", &e))
        }
        _ => Ok(Finish::Done),
    }
}
