//! The configuration file, `$XDG_CONFIG_HOME/orgtree/config.toml` (`~/.config/orgtree/` on
//! Linux, the platform's configuration directory elsewhere): default flags, which the command
//! line overrides, keys and a theme. A file that cannot be read or understood never stops
//! orgtree: every problem is said, at its `FILE:LINE:COL`; a file that is not TOML gives the
//! defaults, and in one that is, each setting that cannot be understood keeps its default and
//! the others hold. `--print-config` prints a file to start from. orgtree never writes it.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use clap::ValueEnum;

use super::ColorChoice;
use crate::keys::{Keymap, Part};
use crate::model::Day;
use crate::sanitize::sanitize;
use crate::theme::{Background, Choice, Mistake, Table, Theme, Variant};

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
            .filter(|&&(_, a)| crate::keys::offered(mode, a))
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
# orgtree's configuration: default flags, which the command line overrides, keys and a theme.
# Put it at $XDG_CONFIG_HOME/orgtree/config.toml (~/.config/orgtree/config.toml). Every
# setting is commented out: as it is, this file changes nothing. Where a setting has no
# default value, it says what orgtree does without it, and the value shown is an example.

[defaults]
# Draw dumped trees with ASCII instead of Unicode box drawing (--ascii).
# ascii = false

# Colours in the explorer: \"auto\" (unless NO_COLOR is set), \"always\" or \"never\" (--color).
# color = \"auto\"

# Levels of the tree the explorer opens, and dumps show (--depth). Unset, the explorer
# opens two levels and dumps show every level; for example:
# depth = 2

# The date to show every model at, unless --as-of gives one: YYYY, YYYY-MM or YYYY-MM-DD
# (a TOML date works too). Unset, each model is shown at its own date; for example:
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

/// [`read`] on a text already read, named `name` in its messages. A file that is not TOML
/// gives the defaults, with every place it is not; in one that is, each setting that cannot
/// be understood is said at its place and left at its default, and the others hold.
pub fn parse(name: &str, text: &str) -> (Config, Vec<String>) {
    let name = sanitize(name).into_owned();
    let at = |span: Range<usize>| {
        let (line, col) = line_col(text, span.start);
        format!("{name}:{line}:{col}")
    };
    let (document, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        let problems = errors
            .iter()
            .map(|e| {
                let place = e.span().map_or_else(|| name.clone(), at);
                let why = sanitize(e.message().trim()).into_owned();
                format!("{place}: {why}; using the defaults (orgtree --print-config shows what it may say)")
            })
            .collect();
        return (Config::default(), problems);
    }
    let mut reader = Reader {
        at: &at,
        found: Vec::new(),
    };
    let mut config = Config::default();
    for (key, value) in document.get_ref() {
        match key.get_ref().as_ref() {
            "defaults" => reader.defaults(value, &mut config),
            "keys" => config.keymap = reader.keys(value),
            "theme" => config.theme = reader.theme(value),
            other => reader.say(
                key.span(),
                format!(
                    "no table `{}`: the file has [defaults], [keys.MODE] and [theme]; it is ignored",
                    sanitize(other)
                ),
            ),
        }
    }
    // Said in the order the file says them.
    reader.found.sort_by_key(|&(offset, _)| offset);
    (config, reader.found.into_iter().map(|(_, p)| p).collect())
}

type Entry<'a> = (&'a Spanned<DeString<'a>>, &'a Spanned<DeValue<'a>>);

/// What the file's values are read into, and what was wrong with them, by place.
struct Reader<'t> {
    at: &'t dyn Fn(Range<usize>) -> String,
    found: Vec<(usize, String)>,
}

impl Reader<'_> {
    fn say(&mut self, span: Range<usize>, why: String) {
        let place = (self.at)(span.clone());
        self.found.push((span.start, format!("{place}: {why}")));
    }

    /// The entries of a table, or nothing (said) when `value` is not one.
    fn table<'v>(&mut self, what: &str, value: &'v Spanned<DeValue<'v>>) -> Vec<Entry<'v>> {
        match value.get_ref() {
            // In the order written, which TOML's map does not keep.
            DeValue::Table(table) => {
                let mut entries: Vec<Entry<'v>> = table.iter().collect();
                entries.sort_by_key(|(key, _)| key.span().start);
                entries
            }
            other => {
                self.say(
                    value.span(),
                    format!(
                        "{what} is a table ([{what}]), not {}; it is ignored",
                        other.type_str()
                    ),
                );
                Vec::new()
            }
        }
    }

    /// A string, or nothing (said) when `value` is not one.
    fn string<'v>(&mut self, what: &str, value: &'v Spanned<DeValue<'v>>) -> Option<&'v str> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.as_ref()),
            other => {
                self.say(
                    value.span(),
                    format!(
                        "{what} wants a string in quotes, not {}; it is left as it was",
                        other.type_str()
                    ),
                );
                None
            }
        }
    }

    /// `[defaults]`: as `--ascii`, `--color`, `--depth` and `--as-of`.
    fn defaults(&mut self, value: &Spanned<DeValue<'_>>, config: &mut Config) {
        for (key, value) in self.table("defaults", value) {
            let span = value.span();
            match (key.get_ref().as_ref(), value.get_ref()) {
                ("ascii", DeValue::Boolean(b)) => config.ascii = Some(*b),
                ("ascii", _) => self.say(span, "ascii wants true or false; using the default".into()),
                ("color", DeValue::String(s)) => match ColorChoice::from_str(s, false) {
                    Ok(choice) => config.color = Some(choice),
                    Err(_) => self.say(
                        span,
                        format!(
                            "color is \"auto\", \"always\" or \"never\", not `{}`; using the default",
                            sanitize(s)
                        ),
                    ),
                },
                ("color", _) => self.say(
                    span,
                    "color is \"auto\", \"always\" or \"never\", in quotes; using the default".into(),
                ),
                ("depth", DeValue::Integer(n)) => {
                    let digits = n.as_str().replace('_', "");
                    match u32::from_str_radix(&digits, n.radix()) {
                        Ok(n) if n >= 1 => config.depth = Some(n),
                        _ => self.say(span, "depth must be 1 or more; using the default".into()),
                    }
                }
                ("depth", _) => self.say(
                    span,
                    "depth wants a number of levels, 1 or more (depth = 3); using the default".into(),
                ),
                ("as_of", DeValue::String(s)) => config.as_of = self.date(span, s),
                ("as_of", DeValue::Datetime(d)) => match (d.date, d.time) {
                    (Some(date), None) => config.as_of = self.date(span, &date.to_string()),
                    _ => self.say(
                        span,
                        "as_of is a date, without a time (2015-01-12); using the model's".into(),
                    ),
                },
                ("as_of", _) => self.say(
                    span,
                    "as_of wants a date: YYYY, YYYY-MM or YYYY-MM-DD; using the model's".into(),
                ),
                (other, _) => {
                    let known = ["ascii", "color", "depth", "as_of"];
                    let hint = crate::suggest::did_you_mean(other, known)
                        .map_or_else(String::new, |near| format!(" (did you mean `{near}`?)"));
                    self.say(
                        key.span(),
                        format!(
                            "no setting `{}` in [defaults]{hint}; it is ignored",
                            sanitize(other)
                        ),
                    );
                }
            }
        }
    }

    fn date(&mut self, span: Range<usize>, text: &str) -> Option<Day> {
        match text.parse::<crate::model::PartialDate>() {
            Ok(day) => Some(day.first_day()),
            Err(_) => {
                self.say(
                    span,
                    format!(
                        "`{}` is not a date (YYYY, YYYY-MM or YYYY-MM-DD); using the model's",
                        sanitize(text)
                    ),
                );
                None
            }
        }
    }

    /// The `[keys.MODE]` tables: `[keys.all]` first, so that a mode's own table wins over it,
    /// wherever it is written. A line that cannot be understood is said, and left out.
    fn keys(&mut self, value: &Spanned<DeValue<'_>>) -> Keymap {
        let mut keymap = Keymap::default();
        let mut tables = self.table("keys", value);
        tables.sort_by_key(|(mode, _)| mode.get_ref().as_ref() != "all");
        for (mode, table) in tables {
            let what = format!("keys.{}", mode.get_ref());
            let mut seen: Vec<(crate::keys::Key, Range<usize>)> = Vec::new();
            for (key, action) in self.table(&what, table) {
                let Some(action_name) = self.string("an action", action) else {
                    continue;
                };
                // One key written twice (`Ctrl-d` and `C-d`, `Space` and " "): the later holds.
                if let Some(parsed) = crate::keys::names::parse_key(key.get_ref()) {
                    if let Some((_, first)) = seen.iter().find(|(k, _)| *k == parsed) {
                        let first = (self.at)(first.clone());
                        self.say(
                            key.span(),
                            format!(
                                "`{}` is the key already bound at {first}; this line holds",
                                sanitize(key.get_ref())
                            ),
                        );
                    }
                    seen.push((parsed, key.span()));
                }
                let Err(mistake) = keymap.bind(mode.get_ref(), key.get_ref(), action_name) else {
                    continue;
                };
                let (place, left) = match mistake.part {
                    Part::Mode => (mode.span(), "its keys are left as they were"),
                    Part::Key => (key.span(), "that key is left as it was"),
                    Part::Action => (action.span(), "that key is left as it was"),
                };
                self.say(place, format!("{}; {left}", sanitize(&mistake.why)));
                if mistake.part == Part::Mode {
                    break;
                }
            }
        }
        for mode in keymap.stuck() {
            self.say(
                value.span(),
                format!(
                    "with these keys, nothing but Ctrl-c leaves the {} mode; give one of its ways out a key",
                    crate::keys::names::mode_name(mode)
                ),
            );
        }
        keymap
    }

    /// `[theme]`: the variant, and styles for both variants or for one.
    fn theme(&mut self, value: &Spanned<DeValue<'_>>) -> Choice {
        let mut choice = Choice::default();
        for (key, value) in self.table("theme", value) {
            let table = match key.get_ref().as_ref() {
                "background" => {
                    match self.string("background", value) {
                        Some("auto") => choice.variant = Variant::Auto,
                        Some("dark") => choice.variant = Variant::Dark,
                        Some("light") => choice.variant = Variant::Light,
                        Some(other) => self.say(
                            value.span(),
                            format!(
                                "background is \"auto\", \"dark\" or \"light\", not `{}`; using auto",
                                sanitize(other)
                            ),
                        ),
                        None => {}
                    }
                    continue;
                }
                "styles" => Table::Styles,
                "dark" => Table::Dark,
                "light" => Table::Light,
                other => {
                    self.say(
                        key.span(),
                        format!(
                            "no `{}` in [theme]: it has background, and the tables styles, dark and light; it is ignored",
                            sanitize(other)
                        ),
                    );
                    continue;
                }
            };
            let what = format!("theme.{}", key.get_ref());
            for (name, words) in self.table(&what, value) {
                let Some(text) = self.string("a style", words) else {
                    continue;
                };
                if let Err(mistake) = choice.set(table, name.get_ref(), text) {
                    let (place, why) = match mistake {
                        Mistake::Name(why) => (name.span(), why),
                        Mistake::Words(why) => (words.span(), why),
                    };
                    self.say(
                        place,
                        format!("{}; that style is left as it was", sanitize(&why)),
                    );
                }
            }
        }
        choice
    }
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
        assert_eq!(
            problems,
            [
                "c.toml:2:1: no setting `colour` in [defaults] (did you mean `color`?); it is ignored"
            ]
        );
        // Not TOML: every place it is not, and the defaults.
        let (config, problems) = parse("c.toml", "[defaults\ndepth = 3\nx = = 1\n");
        assert_eq!(config, Config::default());
        assert!(problems.len() >= 2, "{problems:?}");
        assert!(problems[0].starts_with("c.toml:1:"), "{problems:?}");
        assert!(
            problems.iter().any(|p| p.starts_with("c.toml:3:")),
            "{problems:?}"
        );
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
                "k.toml:4:1: `Hyper-q` is not a key: write a letter, a digit or a sign, or a name such as Enter, Esc, Tab, Space, Down, PgDn, F1, Ctrl-d; that key is left as it was",
                "k.toml:5:5: no action `dwon` (did you mean `down`?); that key is left as it was",
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
                "t.toml:7:1: no style `chnged` (did you mean `changed`?); that style is left as it was",
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
            problems[0].starts_with(
                "t.toml:2:14: background is \"auto\", \"dark\" or \"light\", not `sepia`"
            ),
            "{problems:?}"
        );
    }

    #[test]
    fn a_value_of_the_wrong_kind_costs_only_itself() {
        let text = "[keys.tree]\nx = \"quit\"\nn = 5\n[defaults]\ndepth = \"3\"\nascii = true\nas_of = 2014-06-01\nfrob = 1\n[theme]\nbackground = \"Dark\"\n[theme.dark]\nborder = [\"red\"]\nchanged = \"bold red\"\n[colours]\n";
        let (config, problems) = parse("w.toml", text);
        assert_eq!(
            problems,
            [
                "w.toml:3:5: an action wants a string in quotes, not integer; it is left as it was",
                "w.toml:5:9: depth wants a number of levels, 1 or more (depth = 3); using the default",
                "w.toml:8:1: no setting `frob` in [defaults]; it is ignored",
                "w.toml:10:14: background is \"auto\", \"dark\" or \"light\", not `Dark`; using auto",
                "w.toml:12:10: a style wants a string in quotes, not array; it is left as it was",
                "w.toml:14:2: no table `colours`: the file has [defaults], [keys.MODE] and [theme]; it is ignored",
            ]
        );
        // The rest holds: the key, ascii, the date written as a TOML date, a style.
        let x = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('x'));
        assert_eq!(
            config.keymap.action_for(x, crate::keys::Mode::Tree),
            Some(crate::keys::Action::Quit)
        );
        assert_eq!(config.ascii, Some(true));
        assert_eq!(
            config.as_of.map(|d| d.to_string()),
            Some("2014-06-01".into())
        );
        let dark = config.theme.theme(Background::Dark);
        assert_eq!(dark.changed, crate::theme::parse_style("bold red").unwrap());
        // A table where a value goes, and a value where a table goes.
        let (_, problems) = parse("w.toml", "theme = \"dark\"\n[defaults.depth]\n");
        assert_eq!(
            problems,
            [
                "w.toml:1:9: theme is a table ([theme]), not string; it is ignored",
                "w.toml:2:1: depth wants a number of levels, 1 or more (depth = 3); using the default",
            ]
        );
        let (_, problems) = parse("w.toml", "[defaults]\nas_of = 2014-06-01T10:00:00\n");
        assert!(problems[0].contains("without a time"), "{problems:?}");
    }

    #[test]
    fn a_key_written_twice_or_a_mode_left_without_a_way_out_is_said() {
        // Written order holds, though TOML's map sorts `Ctrl-d` after `C-d`.
        let text = "[keys.tree]\n\"Ctrl-d\" = \"first\"\n\"C-d\" = \"none\"\n[keys.help]\nEsc = \"none\"\nq = \"none\"\n\"?\" = \"none\"\nF1 = \"none\"\n";
        let (config, problems) = parse("d.toml", text);
        assert_eq!(
            problems,
            [
                "d.toml:1:2: with these keys, nothing but Ctrl-c leaves the help mode; give one of its ways out a key",
                "d.toml:3:1: `C-d` is the key already bound at d.toml:2:1; this line holds",
            ]
        );
        let ctrl_d = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('d'),
            crossterm::event::KeyModifiers::CONTROL,
        );
        assert_eq!(
            config.keymap.action_for(ctrl_d, crate::keys::Mode::Tree),
            None
        );
        // One way out is enough.
        let (_, problems) = parse("d.toml", "[keys.help]\nEsc = \"none\"\nq = \"none\"\n");
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_missing_file_is_no_problem() {
        let (config, problems) = read(Path::new("/nonexistent/orgtree/config.toml"));
        assert_eq!((config, problems), (Config::default(), vec![]));
    }
}
