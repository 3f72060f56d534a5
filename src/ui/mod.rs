//! Drawing: `impl Widget for &App` lays the screen out — title bar with the breadcrumb, tree
//! pane, detail pane, status bar, help overlay — and each part draws from the app's state. Knows
//! nothing of terminals or events.

pub mod chart;
pub mod detail;
pub mod help;
pub mod text;
pub mod timeline;
pub mod tree;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::app::{App, Focus, Mode, Overlay};
use crate::geometry::{MIN_HEIGHT, MIN_WIDTH, Panes};
use crate::theme::Theme;
use text::{fit, safe};
use unicode_width::UnicodeWidthStr;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if Panes::split(area, self.split()).is_none() {
            Paragraph::new(format!(
                "Terminal too small: orgtree needs {MIN_WIDTH}×{MIN_HEIGHT}."
            ))
            .wrap(Wrap { trim: true })
            .render(area, buf);
            return;
        }
        self.render_panes(area, buf);
        if !self.color() {
            // Keep bold, underline and reverse, which read without colour; drop the colours.
            for cell in buf.content.iter_mut() {
                cell.fg = ratatui::style::Color::Reset;
                cell.bg = ratatui::style::Color::Reset;
            }
        }
    }
}

impl App {
    fn render_panes(&self, area: Rect, buf: &mut Buffer) {
        let Some(panes) = Panes::split(area, self.split()) else {
            return;
        };
        render_title(self, panes.title, buf);
        match self.chart() {
            Some(view) => chart::render(self, view, panes.body(), buf),
            None => {
                // A zoomed screen gives the other pane no width: it is not drawn.
                if panes.tree.width > 0 {
                    render_tree(self, panes.tree, buf);
                }
                if panes.detail.width > 0 {
                    render_detail(self, &panes, buf);
                }
            }
        }
        render_status(self, panes.status, buf);
        match self.overlay() {
            Some(Overlay::Help { scroll }) => {
                help::render(self.keymap(), self.theme(), area, scroll, buf)
            }
            Some(Overlay::Timeline { cursor }) => timeline::render(self, cursor, area, buf),
            None => {}
        }
    }
}

/// A pane's frame; the focused one is marked in its title too, so it shows without colour.
fn pane<'a>(theme: &Theme, title: &'a str, focused: bool) -> Block<'a> {
    if focused {
        Block::bordered()
            .title(text::title(&format!(" ● {title} ")))
            .border_style(theme.border)
    } else {
        Block::bordered().title(text::title(&format!(" {title} ")))
    }
}

/// ` orgtree  Title  Orange › OBS › Orange Cloud for Business          as of 2015-01-12 `.
/// When space runs short the title goes first, then the breadcrumb's upper levels: the
/// selected entity's own name is the last to be cut.
fn render_title(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let date = format!(" as of {} ", app.as_of());
    let date_width = text::label_width(&date).min(area.width);
    let room = usize::from(area.width - date_width);
    let title = safe(&app.org().model.title);
    let brand = " orgtree ";
    let fixed = brand.len() + 1;
    let crumb = breadcrumb(app, room.saturating_sub(fixed));
    let mut spans = vec![Span::styled(brand, theme.bar), Span::raw(" ")];
    if fixed + title.width() + 2 + crumb.width() <= room {
        spans.push(Span::styled(title, theme.heading));
        spans.push(Span::raw("  "));
    }
    spans.push(Span::raw(crumb));
    let left = area.width - date_width;
    fit(spans, left.into()).render(Rect::new(area.x, area.y, left, 1), buf);
    Span::styled(date, theme.bar).render(Rect::new(area.x + left, area.y, date_width, 1), buf);
}

const CRUMB_GAP: &str = " › ";
const CRUMB_CUT: &str = "…";

/// The path to the selected entity as `Orange › OBS › Orange Cloud for Business`, keeping as
/// many levels from the bottom as fit in `room` columns (`… › ` before them when the upper
/// ones are cut), and always the last; a person or source reached by a link, by its name.
///
/// Only the levels that can show are looked at, so a selection 100,000 levels deep costs no
/// more than one near the top.
fn breadcrumb(app: &App, room: usize) -> String {
    let id = match app.subject() {
        crate::app::Target::Person(p) => return safe(&app.org().person(p).name),
        crate::app::Target::Source(src) => return safe(&app.org().source(src).publisher),
        crate::app::Target::Entity(_) | crate::app::Target::Owners(_) => match app.selected() {
            Some(id) => id,
            None => return String::new(),
        },
    };
    let org = app.org();
    let tree = app.structure();
    let gap = CRUMB_GAP.width();
    let cut = CRUMB_CUT.width() + gap;
    // Up from the selection while the levels, behind an ellipsis, still fit; then the level
    // that does not, and the root when it is next (without an ellipsis, the root may fit).
    let mut names: Vec<String> = Vec::new();
    let mut width = 0;
    let mut at = Some(id);
    while let Some(e) = at {
        let name = safe(org.name_on(e, app.as_of()));
        width += name.width() + if names.is_empty() { 0 } else { gap };
        names.push(name);
        at = tree.parent(e);
        if width + cut > room {
            if let Some(root) = at.filter(|&p| tree.parent(p).is_none()) {
                names.push(safe(org.name_on(root, app.as_of())));
                at = None;
            }
            break;
        }
    }
    names.reverse();
    let from_root = at.is_none();
    // The first level to keep: the highest whose crumbs fit, else the selection alone.
    let widths: Vec<usize> = names.iter().map(|n| n.width()).collect();
    let mut rest: usize = widths.iter().sum::<usize>() + gap * names.len().saturating_sub(1);
    let mut start = 0;
    while start + 1 < names.len() {
        let lead = if from_root && start == 0 { 0 } else { cut };
        if lead + rest <= room {
            break;
        }
        rest -= widths[start] + gap;
        start += 1;
    }
    let mut crumb = String::new();
    if !from_root || start > 0 {
        crumb.push_str(CRUMB_CUT);
        crumb.push_str(CRUMB_GAP);
    }
    for (i, name) in names[start..].iter().enumerate() {
        if i > 0 {
            crumb.push_str(CRUMB_GAP);
        }
        crumb.push_str(name);
    }
    crumb
}

fn render_tree(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let block = pane(theme, "Tree", app.focus() == Focus::Tree);
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = app.tree().rows(app.structure(), inner.height.into());
    if rows.is_empty() {
        let why = match app.search() {
            Some(s) if !s.query.is_empty() => {
                format!("No entity matches “{}” on {}.", s.query, app.as_of())
            }
            _ => format!("No entity exists on {}.", app.as_of()),
        };
        text::paragraph(&why).style(theme.dim).render(inner, buf);
        return;
    }
    tree::render(app, &rows, inner, buf);
}

fn render_detail(app: &App, panes: &Panes, buf: &mut Buffer) {
    let theme = app.theme();
    let area = panes.detail;
    let name = match app.subject() {
        crate::app::Target::Owners(_) => "Owners",
        _ => "Detail",
    };
    let block = pane(theme, name, app.focus() == Focus::Detail);
    let inner = block.inner(area);
    block.render(area, buf);
    let total = detail::render(app, panes, buf);
    // Say where we are in a text longer than the pane.
    let height = inner.height as usize;
    if total > height && height > 0 && area.width > 20 {
        let first = app.detail_scroll() + 1;
        let last = (app.detail_scroll() + height).min(total);
        let label = format!(" {first}–{last} of {total} ");
        let width = text::label_width(&label);
        let x = area.right().saturating_sub(width + 1);
        Span::styled(label, theme.dim).render(Rect::new(x, area.bottom() - 1, width, 1), buf);
    }
}

/// The search prompt, a message, or the keys that matter now; and the model file's name.
fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let mode = app.mode();
    let search = app.search();
    let hints = app.keymap().hints(mode, search.is_some());
    let left: Vec<Span<'static>> = match (search, mode) {
        _ if app.banner().is_some() => vec![Span::styled(
            format!(" {}", safe(app.banner().unwrap_or_default())),
            theme.problem,
        )],
        (_, Mode::Command) => {
            let mut spans = vec![
                Span::styled(
                    format!(" :{}", safe(app.command_line().unwrap_or_default())),
                    theme.heading,
                ),
                Span::styled("▏", theme.border),
            ];
            // Tab's candidates, or what went wrong, else the keys.
            let after = app.status().map_or_else(|| hints.clone(), safe);
            spans.push(Span::raw(format!("  {after}")));
            spans
        }
        (Some(s), Mode::Prompt) => vec![
            Span::styled(format!(" /{}", safe(&s.query)), theme.heading),
            Span::styled("▏", theme.border),
            Span::raw(format!(" {}  {hints}", s.counter(app.selected()))),
        ],
        _ if app.status().is_some() => vec![Span::styled(
            format!(" {}", safe(app.status().unwrap_or_default())),
            theme.heading,
        )],
        (Some(s), Mode::Tree | Mode::Detail | Mode::Chart) => vec![
            Span::styled(
                format!(" /{} {}", safe(&s.query), s.counter(app.selected())),
                theme.heading,
            ),
            Span::raw(format!("  {hints}")),
        ],
        _ => vec![Span::raw(format!(" {hints}"))],
    };
    // Children in an order of their own: the status line says which, before the file's name.
    let order = match app.sort() {
        crate::headcount::Order::Model => String::new(),
        order => format!("by {} · ", order.word()),
    };
    // While the file is read again, how far the read is (`reloading… m.yaml · parsing 41 %
    // 39.0 MB of 94.9 MB`), in half the line rather than a third.
    let (file, share) = match app.reload_progress() {
        Some(figures) => {
            let far = figures.share().or_else(|| figures.entities());
            let far = far.map_or_else(String::new, |far| format!(" {far}"));
            let (file, stage) = (safe(app.file_name()), figures.stage.word());
            (format!(" {order}reloading… {file} · {stage}{far} "), 2)
        }
        None => (format!(" {order}{} ", safe(app.file_name())), 3),
    };
    let file_width = text::label_width(&file).min(area.width / share);
    let room = area.width - file_width;
    fit(left, room.into()).render(Rect::new(area.x, area.y, room, 1), buf);
    fit(vec![Span::styled(file, theme.dim)], file_width.into())
        .render(Rect::new(area.x + room, area.y, file_width, 1), buf);
}
