//! The palette: named ANSI colours, so the terminal's own theme (dark or light) decides how
//! they look, and badges for entity kinds.

use ratatui::style::{Color, Modifier, Style};

use crate::document::Family;
use crate::model::EntityKind;

pub fn kind_color(kind: &EntityKind) -> Color {
    family_color(Family::of(kind))
}

pub fn family_color(family: Family) -> Color {
    match family {
        Family::Group => Color::Magenta,
        Family::Company => Color::Blue,
        Family::Subsidiary => Color::Cyan,
        Family::Unit => Color::Green,
        Family::Venture => Color::Yellow,
        Family::Public => Color::Red,
        Family::Site => Color::DarkGray,
        Family::Other => Color::Reset,
    }
}

pub fn heading() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn focused_border() -> Style {
    Style::new().fg(Color::Cyan)
}

pub fn bar() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// The mark of an entity that changed since the previous event date.
pub fn changed() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

/// A problem the person must see: the model file no longer loads.
pub fn problem() -> Style {
    Style::new()
        .fg(Color::Red)
        .add_modifier(Modifier::BOLD | Modifier::REVERSED)
}
