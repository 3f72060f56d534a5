//! The palette: named ANSI colours, so the terminal's own theme (dark or light) decides how
//! they look, and badges for entity kinds.

use ratatui::style::{Color, Modifier, Style};

use crate::model::EntityKind;

pub fn kind_color(kind: &EntityKind) -> Color {
    match kind {
        EntityKind::Group => Color::Magenta,
        EntityKind::Company => Color::Blue,
        EntityKind::Subsidiary => Color::Cyan,
        EntityKind::Division | EntityKind::BusinessUnit | EntityKind::Team => Color::Green,
        EntityKind::JointVenture | EntityKind::Project => Color::Yellow,
        EntityKind::PublicBody | EntityKind::State => Color::Red,
        EntityKind::Datacenter => Color::DarkGray,
        EntityKind::Other(_) => Color::Reset,
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
