//! The explorer's named styles, in a dark and a light variant. The defaults use the terminal's
//! own named colours, so that its palette decides how they look; the light variant moves the
//! few that fade on a light background (yellow, cyan) to darker ones. The configuration's
//! `[theme]` table picks the variant (or lets the terminal's background pick it) and changes
//! any style, in words: `changed = "bold #af5f00"`, `border = "blue"`.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::document::Family;
use crate::model::EntityKind;

/// Which variant of the theme: for a dark background or a light one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Background {
    #[default]
    Dark,
    Light,
}

/// Which variant the configuration asks for.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// The terminal's background's: asked of the terminal when the explorer takes it; dark
    /// when it cannot say.
    #[default]
    Auto,
    Dark,
    Light,
}

/// Where a style the configuration changes holds: in both variants, or in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Styles,
    Dark,
    Light,
}

/// The theme the configuration chose: a variant, and styles changed in both or in one. Every
/// style it holds was read without a mistake.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Choice {
    pub variant: Variant,
    changes: Vec<(Table, String, Style)>,
}

impl Choice {
    pub fn of(variant: Variant) -> Choice {
        Choice {
            variant,
            changes: Vec::new(),
        }
    }

    /// Changes the style `name` to what `words` say, in the variants of `table`.
    pub fn set(&mut self, table: Table, name: &str, words: &str) -> Result<(), Mistake> {
        let style = parse_style(words).map_err(Mistake::Words)?;
        Theme::default().slot(name)?;
        self.changes.push((table, name.to_owned(), style));
        Ok(())
    }

    /// The variant for a terminal whose background is `background`, or that could not say
    /// (`None`): the configuration's, unless it left it to the terminal.
    pub fn background(&self, background: Option<Background>) -> Background {
        match self.variant {
            Variant::Dark => Background::Dark,
            Variant::Light => Background::Light,
            Variant::Auto => background.unwrap_or_default(),
        }
    }

    /// The theme for `background`, with the configuration's styles on it: those for both
    /// variants first, then the variant's own.
    pub fn theme(&self, background: Background) -> Theme {
        let mut theme = Theme::of(background);
        let own = match background {
            Background::Dark => Table::Dark,
            Background::Light => Table::Light,
        };
        for wanted in [Table::Styles, own] {
            for (_, name, style) in self.changes.iter().filter(|(t, ..)| *t == wanted) {
                if let Ok(slot) = theme.slot(name) {
                    *slot = *style;
                }
            }
        }
        theme
    }
}

/// What is wrong with a `NAME = "WORDS"` style: its name, or its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mistake {
    Name(String),
    Words(String),
}

/// Every style the explorer draws with, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Titles, headings, the search and command lines.
    pub heading: Style,
    /// What is said in passing: kinds of event, dates, an entity outside the date.
    pub dim: Style,
    /// The selected row of the tree or a list.
    pub selected: Style,
    /// The focused pane's border, and the prompt's cursor.
    pub border: Style,
    /// The title bar's brand and date.
    pub bar: Style,
    /// The mark of an entity that changed since the previous event date.
    pub changed: Style,
    /// A problem the person must see: the model file no longer loads.
    pub problem: Style,
    /// A link in the detail pane (under the cursor, reversed too).
    pub link: Style,
    /// Names and kinds, by family of kind, in [`FAMILIES`] order.
    families: [Style; 8],
}

/// The families of kinds, as the theme names them.
pub const FAMILIES: [(&str, Family); 8] = [
    ("group", Family::Group),
    ("company", Family::Company),
    ("subsidiary", Family::Subsidiary),
    ("unit", Family::Unit),
    ("venture", Family::Venture),
    ("public", Family::Public),
    ("site", Family::Site),
    ("other", Family::Other),
];

/// The names of the styles that are not families, in the order `--print-config` lists them.
pub const STYLES: [&str; 8] = [
    "heading", "dim", "selected", "border", "bar", "changed", "problem", "link",
];

const fn fg(color: Color) -> Style {
    Style::new().fg(color)
}

impl Theme {
    /// The built-in theme for a background.
    pub fn of(background: Background) -> Theme {
        let dark = Theme {
            heading: Style::new().add_modifier(Modifier::BOLD),
            dim: fg(Color::DarkGray),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: fg(Color::Cyan),
            bar: Style::new().add_modifier(Modifier::REVERSED),
            changed: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            problem: fg(Color::Red).add_modifier(Modifier::BOLD | Modifier::REVERSED),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            families: [
                fg(Color::Magenta),
                fg(Color::Blue),
                fg(Color::Cyan),
                fg(Color::Green),
                fg(Color::Yellow),
                fg(Color::Red),
                fg(Color::DarkGray),
                Style::new(),
            ],
        };
        match background {
            Background::Dark => dark,
            // Yellow and cyan text fade on white: darker shades of the 256-colour palette.
            Background::Light => {
                let mut light = dark;
                light.border = fg(Color::Blue);
                light.changed = fg(Color::Indexed(166)).add_modifier(Modifier::BOLD);
                light.families[2] = fg(Color::Indexed(30));
                light.families[4] = fg(Color::Indexed(136));
                light
            }
        }
    }

    /// The theme as drawn with colours or without: without, the selection and the title bar
    /// keep a mark when their style was colours alone (`on #ffff00`), reversed.
    pub fn drawn(mut self, color: bool) -> Theme {
        if !color {
            for style in [&mut self.selected, &mut self.bar] {
                if style.add_modifier.is_empty() {
                    *style = style.add_modifier(Modifier::REVERSED);
                }
            }
        }
        self
    }

    /// The style of a family of kinds.
    pub fn family(&self, family: Family) -> Style {
        let i = FAMILIES.iter().position(|&(_, f)| f == family).unwrap_or(7);
        self.families[i]
    }

    /// The style of a kind: its family's.
    pub fn kind(&self, kind: &EntityKind) -> Style {
        self.family(Family::of(kind))
    }

    /// Sets the style named `name` to what `words` say. What is wrong is said in words a
    /// person can act on, without a place: the caller knows where it was.
    pub fn set(&mut self, name: &str, words: &str) -> Result<(), Mistake> {
        let style = parse_style(words).map_err(Mistake::Words)?;
        *self.slot(name)? = style;
        Ok(())
    }

    /// The style named `name`, to change.
    fn slot(&mut self, name: &str) -> Result<&mut Style, Mistake> {
        Ok(match name {
            "heading" => &mut self.heading,
            "dim" => &mut self.dim,
            "selected" => &mut self.selected,
            "border" => &mut self.border,
            "bar" => &mut self.bar,
            "changed" => &mut self.changed,
            "problem" => &mut self.problem,
            "link" => &mut self.link,
            _ => match FAMILIES.iter().position(|&(n, _)| n == name) {
                Some(i) => &mut self.families[i],
                None => {
                    let names = STYLES.iter().chain(FAMILIES.iter().map(|(n, _)| n));
                    return Err(Mistake::Name(
                        match crate::suggest::did_you_mean(name, names.copied()) {
                            Some(near) => format!("no style `{name}` (did you mean `{near}`?)"),
                            None => format!(
                                "no style `{name}`: the styles are {}, and the kinds' {}",
                                STYLES.join(", "),
                                FAMILIES.map(|(n, _)| n).join(", ")
                            ),
                        },
                    ));
                }
            },
        })
    }

    /// A style as [`Theme::set`] reads it, for `--print-config`.
    pub fn words(&self, name: &str) -> Option<String> {
        let style = *self.clone().slot(name).ok()?;
        Some(style_words(style))
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::of(Background::Dark)
    }
}

/// The words of a style's modifiers.
const MODIFIERS: [(&str, Modifier); 6] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("crossed-out", Modifier::CROSSED_OUT),
];

/// Reads a style: words for modifiers (`bold`, `dim`, `italic`, `underlined`, `reversed`,
/// `crossed-out`), a colour for the text and `on` a colour for the background. A colour is a
/// name (`yellow`, `light-blue`, `dark-gray`, `reset`), an index of the 256-colour palette
/// (`166`) or `#rrggbb`. `plain` (or nothing) is the terminal's own text.
pub fn parse_style(words: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut words = words.split_whitespace();
    while let Some(word) = words.next() {
        if word == "plain" {
            continue;
        }
        if let Some(&(_, m)) = MODIFIERS.iter().find(|(w, _)| *w == word) {
            style = style.add_modifier(m);
        } else if word == "on" {
            let Some(color) = words.next() else {
                return Err("`on` wants a colour after it: `on blue`".to_owned());
            };
            style = style.bg(color_of(color)?);
        } else {
            style = style.fg(color_of(word)?);
        }
    }
    Ok(style)
}

fn color_of(word: &str) -> Result<Color, String> {
    Color::from_str(word).map_err(|_| {
        format!(
            "`{word}` is not a colour or a style word: write a name (yellow, light-blue, dark-gray), 0–255, #rrggbb, or bold, dim, italic, underlined, reversed, crossed-out, on COLOUR"
        )
    })
}

/// A style in the words [`parse_style`] reads.
fn style_words(style: Style) -> String {
    let mut words: Vec<String> = MODIFIERS
        .iter()
        .filter(|(_, m)| style.add_modifier.contains(*m))
        .map(|(w, _)| (*w).to_owned())
        .collect();
    let name = |c: Color| match c {
        Color::Indexed(i) => i.to_string(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        // Debug names (DarkGray, LightBlue) as the words read them.
        other => {
            let debug = format!("{other:?}");
            let mut out = String::new();
            for (i, c) in debug.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    out.push('-');
                }
                out.push(c.to_ascii_lowercase());
            }
            out
        }
    };
    if let Some(c) = style.fg {
        words.push(name(c));
    }
    if let Some(c) = style.bg {
        words.push(format!("on {}", name(c)));
    }
    if words.is_empty() {
        "plain".to_owned()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_reads_back_as_it_is_written() {
        for background in [Background::Dark, Background::Light] {
            let theme = Theme::of(background);
            let mut again = Theme::of(Background::Dark);
            for name in STYLES.iter().chain(FAMILIES.iter().map(|(n, _)| n)) {
                let words = theme.words(name).unwrap();
                again.set(name, &words).unwrap();
            }
            assert_eq!(again, theme, "{background:?}");
        }
    }

    #[test]
    fn only_an_auto_theme_follows_the_terminal() {
        let auto = Choice::of(Variant::Auto);
        assert_eq!(auto.background(None), Background::Dark);
        assert_eq!(auto.background(Some(Background::Light)), Background::Light);
        let dark = Choice::of(Variant::Dark);
        assert_eq!(dark.background(Some(Background::Light)), Background::Dark);
        let light = Choice::of(Variant::Light);
        assert_eq!(light.background(None), Background::Light);
    }

    #[test]
    fn the_light_variant_moves_what_fades_on_white() {
        let (dark, light) = (Theme::of(Background::Dark), Theme::of(Background::Light));
        assert_eq!(dark.changed.fg, Some(Color::Yellow));
        assert_ne!(light.changed.fg, Some(Color::Yellow));
        assert_ne!(light.family(Family::Venture), dark.family(Family::Venture));
        assert_eq!(light.heading, dark.heading);
    }

    #[test]
    fn words_make_a_style_and_mistakes_say_what_to_write() {
        assert_eq!(
            parse_style("bold #af5f00 on light-blue").unwrap(),
            Style::new()
                .add_modifier(Modifier::BOLD)
                .fg(Color::Rgb(0xaf, 0x5f, 0x00))
                .bg(Color::LightBlue)
        );
        assert_eq!(parse_style("166").unwrap(), fg(Color::Indexed(166)));
        assert_eq!(parse_style("plain").unwrap(), Style::new());
        assert!(
            parse_style("blod")
                .unwrap_err()
                .starts_with("`blod` is not a colour")
        );
        assert!(parse_style("red on").unwrap_err().starts_with("`on` wants"));
        let mut theme = Theme::default();
        assert_eq!(
            theme.set("chnged", "red").unwrap_err(),
            Mistake::Name("no style `chnged` (did you mean `changed`?)".to_owned())
        );
        assert!(matches!(
            theme.set("changed", "blod"),
            Err(Mistake::Words(_))
        ));
        theme.set("venture", "italic green").unwrap();
        assert_eq!(
            theme.family(Family::Venture),
            fg(Color::Green).add_modifier(Modifier::ITALIC)
        );
    }
}
