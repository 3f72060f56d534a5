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

/// A short badge for a kind: `grp`, `co`, `sub`…; other words are shown as written.
pub fn kind_badge(kind: &EntityKind) -> &str {
    match kind {
        EntityKind::Group => "group",
        EntityKind::Company => "co",
        EntityKind::Subsidiary => "sub",
        EntityKind::Division => "div",
        EntityKind::BusinessUnit => "bu",
        EntityKind::JointVenture => "jv",
        EntityKind::Project => "project",
        EntityKind::PublicBody => "public",
        EntityKind::State => "state",
        EntityKind::Datacenter => "dc",
        EntityKind::Team => "team",
        EntityKind::Other(word) => word,
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
