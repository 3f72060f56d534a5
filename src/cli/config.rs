//! The configuration file, `$XDG_CONFIG_HOME/orgtree/config.toml` (`~/.config/orgtree/` on
//! Linux, the platform's configuration directory elsewhere): default flags, which the command
//! line overrides. A file that cannot be read or understood never stops orgtree: every problem
//! is said, at its `FILE:LINE:COL`, and the defaults are used. `--print-config` prints a file
//! to start from. orgtree never writes it.

use std::path::{Path, PathBuf};

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::ColorChoice;
use crate::keys::{Keymap, Part};
use crate::model::Day;
use crate::sanitize::sanitize;
use crate::theme::{Background, Choice, Mistake, Table, Theme, Variant};

/// What the file may say, all of it optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    defaults: Defaults,
    /// `[keys.MODE]` tables of `KEY = "ACTION"`.
    #[serde(default)]
    keys: KeyTables,
    #[serde(default)]
    theme: ThemeTables,
}

/// `[theme]`: which variant, and styles for both or for one.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeTables {
    background: Option<Variant>,
    #[serde(default)]
    styles: StyleTable,
    #[serde(default)]
    dark: StyleTable,
    #[serde(default)]
    light: StyleTable,
}

type StyleTable = BTreeMap<Spanned<String>, Spanned<String>>;

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
    /// The keys, as the `[keys]` tables change them.
    pub keymap: Keymap,
    /// The theme, as the `[theme]` table changes it.
    pub theme: Choice,
}

/// The file's place: `$XDG_CONFIG_HOME/orgtree/config.toml` or the platform's.
pub fn path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("orgtree").join("config.toml"))
}

/// What `--print-config` prints: every setting with its default, commented out, and how to
/// change a key, with the names of the modes and the actions each mode offers.
pub fn template() -> String {
    let mut text = DEFAULTS.to_owned();
    text.push_str(THEME);
    for (table, background) in [("dark", Background::Dark), ("light", Background::Light)] {
        let theme = Theme::of(background);
        text.push_str(&format!("\n# [theme.{table}]\n"));
        let names = crate::theme::STYLES
            .into_iter()
            .chain(crate::theme::FAMILIES.map(|(n, _)| n));
        for name in names {
            let words = theme.words(name).unwrap_or_default();
            text.push_str(&format!("# {name} = \"{words}\"\n"));
        }
    }
    text.push_str(KEYS);
    for mode in crate::keys::names::MODES {
        let offered: Vec<&str> = crate::keys::names::ACTIONS
            .iter()
            .filter(|&&(_, a)| {
                crate::keys::sections(mode)
                    .flat_map(|s| s.bindings)
                    .flat_map(|b| b.keys)
                    .any(|&(_, b)| b == a)
            })
            .map(|&(n, _)| n)
            .collect();
        text.push_str(&format!("#\n# {}:\n", crate::keys::names::mode_name(mode)));
        for line in wrap(&offered.join(" "), 76) {
            text.push_str(&format!("#   {line}\n"));
        }
    }
    text
}

/// Words cut into lines of at most `width` columns.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.len() + 1 + word.len() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

const THEME: &str = "
[theme]
# Which variant to draw with: \"auto\" asks the terminal for its background colour (dark when
# it cannot say; COLORFGBG is read too), or \"dark\" or \"light\".
# background = \"auto\"

# A style is a colour for the text (a name such as yellow, light-blue, dark-gray, reset;
# 0..255; #rrggbb), \"on COLOUR\" for the background, and words: bold dim italic underlined
# reversed crossed-out, or plain. A [theme.styles] table holds for both variants, and a
# table of [theme.dark] or [theme.light] for one. Below, each variant's own styles; the
# last eight are the kinds'.
";

const KEYS: &str = "
# Keys: a [keys.MODE] table binds KEY = \"ACTION\" in that mode, or KEY = \"none\" to take a
# key away. A key is one character (j, J, ?) or a name: Enter Esc Tab S-Tab Space Backspace
# Up Down Left Right PgUp PgDn Home End F1..F12, Ctrl-x. [keys.all] holds in every mode but
# the search and the command line, and a mode's own table wins over it. Ctrl-c always quits.
# The help (?) shows the keys in force.
#
# [keys.tree]
# n = \"down\"
# e = \"none\"
#
# The actions each mode offers:
";

const DEFAULTS: &str = "\
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
    let keymap = keymap(&file.keys, &at, &mut problems);
    let theme = theme(&file.theme, &at, &mut problems);
    let config = Config {
        ascii: d.ascii,
        color: d.color,
        depth,
        as_of,
        keymap,
        theme,
    };
    (config, problems)
}

/// The `[theme]` table, understood: a style that cannot be read is said, at its place, and
/// the variant's own style kept.
fn theme(
    tables: &ThemeTables,
    at: &dyn Fn(std::ops::Range<usize>) -> String,
    problems: &mut Vec<String>,
) -> Choice {
    let mut choice = Choice::of(tables.background.unwrap_or_default());
    for (table, styles) in [
        (Table::Styles, &tables.styles),
        (Table::Dark, &tables.dark),
        (Table::Light, &tables.light),
    ] {
        for (name, words) in styles {
            if let Err(mistake) = choice.set(table, name.get_ref(), words.get_ref()) {
                let (place, why) = match mistake {
                    Mistake::Name(why) => (name.span(), why),
                    Mistake::Words(why) => (words.span(), why),
                };
                problems.push(format!(
                    "{}: {}; that style is left as it was",
                    at(place),
                    sanitize(&why)
                ));
            }
        }
    }
    choice
}

type KeyTables = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<String>>>;

/// The keys as the `[keys.MODE]` tables change them: `[keys.all]` first, so that a mode's
/// own table wins over it. A line that cannot be understood is said, at its place, and left
/// out; the others hold.
fn keymap(
    tables: &KeyTables,
    at: &dyn Fn(std::ops::Range<usize>) -> String,
    problems: &mut Vec<String>,
) -> Keymap {
    let mut keymap = Keymap::default();
    let mut found: Vec<(usize, String)> = Vec::new();
    let (all, modes): (Vec<_>, Vec<_>) = tables.iter().partition(|(m, _)| m.get_ref() == "all");
    for (mode, table) in all.into_iter().chain(modes) {
        for (key, action) in table {
            if let Err(mistake) = keymap.bind(mode.get_ref(), key.get_ref(), action.get_ref()) {
                let place = match mistake.part {
                    Part::Mode => mode.span(),
                    Part::Key => key.span(),
                    Part::Action => action.span(),
                };
                found.push((
                    place.start,
                    format!(
                        "{}: {}; {}",
                        at(place),
                        sanitize(&mistake.why),
                        match mistake.part {
                            Part::Mode => "its keys are left as they were",
                            _ => "that key is left as it was",
                        }
                    ),
                ));
                if mistake.part == Part::Mode {
                    break;
                }
            }
        }
    }
    // Said in the order the file says them.
    found.sort_by_key(|&(offset, _)| offset);
    problems.extend(found.into_iter().map(|(_, problem)| problem));
    keymap
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
        let template = template();
        assert_eq!(parse("t.toml", &template), (Config::default(), vec![]));
        let uncommented: String = template
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|l| {
                        l.starts_with('[')
                            || l.split_once(" = ")
                                .is_some_and(|(key, _)| !key.contains(' '))
                    })
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
        // The styles listed are each variant's own.
        assert_eq!(config.theme.variant, Variant::Auto);
        for background in [Background::Dark, Background::Light] {
            assert_eq!(config.theme.theme(background), Theme::of(background));
        }
        // The example of a key table does what it says.
        let n = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('n'));
        let e = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('e'));
        let tree = crate::keys::Mode::Tree;
        assert_eq!(
            config.keymap.action_for(n, tree),
            Some(crate::keys::Action::Down)
        );
        assert_eq!(config.keymap.action_for(e, tree), None);
        // Every action the template lists for a mode can be bound there.
        let mut keymap = Keymap::default();
        let mut modes = 0;
        for block in template.split("\n#\n# ") {
            let Some((mode, actions)) = block.split_once(":\n") else {
                continue;
            };
            if mode.contains(' ') {
                continue;
            }
            modes += 1;
            for action in actions.split_whitespace().filter(|w| *w != "#") {
                keymap.bind(mode, "F12", action).unwrap();
            }
        }
        assert_eq!(modes, crate::keys::names::MODES.len());
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
    fn a_wrong_key_line_is_placed_and_the_others_hold() {
        let text = "[keys.tree]\nn = \"down\"\nx = \"toggle-relations\"\n\"Hyper-q\" = \"quit\"\ny = \"dwon\"\n[keys.tre]\nn = \"up\"\nm = \"up\"\n";
        let (config, problems) = parse("k.toml", text);
        assert_eq!(
            problems,
            [
                "k.toml:3:5: `toggle-relations` is not an action of the tree keys; it is one of: chart; that key is left as it was",
                "k.toml:4:1: `Hyper-q` is not a key: write one character, or a name such as Enter, Esc, Tab, Space, Down, PgDn, F1, Ctrl-d; that key is left as it was",
                "k.toml:5:5: no action `dwon`; did you mean `down`?; that key is left as it was",
                "k.toml:6:7: no mode `tre`: the modes are tree, detail, chart, timeline, help, search, command, and all; its keys are left as they were",
            ]
        );
        let n = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('n'));
        assert_eq!(
            config.keymap.action_for(n, crate::keys::Mode::Tree),
            Some(crate::keys::Action::Down)
        );
        // A mode's own table wins over [keys.all], wherever it is written.
        let text = "[keys.tree]\nQ = \"none\"\n[keys.all]\nQ = \"quit\"\n";
        let (config, problems) = parse("k.toml", text);
        assert!(problems.is_empty(), "{problems:?}");
        let q = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('Q'));
        assert_eq!(config.keymap.action_for(q, crate::keys::Mode::Tree), None);
        assert_eq!(
            config.keymap.action_for(q, crate::keys::Mode::Chart),
            Some(crate::keys::Action::Quit)
        );
        // Hostile text in a key comes back escaped.
        let (_, problems) = parse("k.toml", "[keys.tree]\n\"\\u001b[2J\" = \"down\"\n");
        assert!(problems[0].contains("\\u{1b}[2J"), "{problems:?}");
    }

    #[test]
    fn the_theme_takes_styles_for_both_variants_or_one() {
        let text = "[theme]\nbackground = \"light\"\n[theme.styles]\nborder = \"magenta\"\n[theme.dark]\nchanged = \"bold on blue\"\nchnged = \"red\"\n[theme.light]\nventure = \"blod\"\n";
        let (config, problems) = parse("t.toml", text);
        assert_eq!(
            problems,
            [
                "t.toml:7:1: no style `chnged`; did you mean `changed`?; that style is left as it was",
                "t.toml:9:11: `blod` is not a colour or a style word: write a name (yellow, light-blue, dark-gray), 0–255, #rrggbb, or bold, dim, italic, underlined, reversed, crossed-out, on COLOUR; that style is left as it was",
            ]
        );
        assert_eq!(config.theme.variant, Variant::Light);
        let dark = config.theme.theme(Background::Dark);
        let light = config.theme.theme(Background::Light);
        let magenta = ratatui::style::Style::new().fg(ratatui::style::Color::Magenta);
        assert_eq!((dark.border, light.border), (magenta, magenta));
        assert_eq!(dark.changed.bg, Some(ratatui::style::Color::Blue));
        assert_eq!(light.changed, Theme::of(Background::Light).changed);
        assert_eq!(
            light.family(crate::document::Family::Venture),
            Theme::of(Background::Light).family(crate::document::Family::Venture)
        );
        let (_, problems) = parse("t.toml", "[theme]\nbackground = \"sepia\"\n");
        assert!(
            problems[0].starts_with("t.toml:2:14: unknown variant `sepia`"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_missing_file_is_no_problem() {
        let (config, problems) = read(Path::new("/nonexistent/orgtree/config.toml"));
        assert_eq!((config, problems), (Config::default(), vec![]));
    }
}
