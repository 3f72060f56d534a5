//! The box chart driven by actions: moving as the picture shows the boxes, panning, the
//! relations, a click on a box.

use super::*;

/// The test model's chart from `a`, as it lays out on an 80-column screen:
///
/// ```text
///        a
///    ┌───┴───┐
///    b       c
///  ┌─┴─┐     │
///  d   e     g
/// ```
fn chart_app() -> App {
    let mut app = app(40);
    app.perform(ToggleChart);
    app.perform(ChartDeeper);
    app
}

fn walk(app: &mut App, keys: &[Action]) -> String {
    for &k in keys {
        app.perform(k);
    }
    selected_id(app)
}

#[test]
fn hjkl_go_to_the_nearest_box_on_screen() {
    let table: &[(&[Action], &str)] = &[
        (&[Down], "b"),
        (&[Down, ExpandOrChild], "c"),
        // Nothing right of the rightmost box: the selection stays, rather than wrapping.
        (&[Down, ExpandOrChild, ExpandOrChild], "c"),
        (&[Down, Down], "d"),
        (&[Down, Down, ExpandOrChild], "e"),
        // From e to g: cousins, side by side in the picture, not siblings in the tree.
        (&[Down, Down, ExpandOrChild, ExpandOrChild], "g"),
        (&[Down, Down, ExpandOrChild, ExpandOrChild, Up], "c"),
        (
            &[Down, Down, ExpandOrChild, ExpandOrChild, CollapseOrParent],
            "e",
        ),
        (&[Down, Down, Up, Up], "a"),
        (&[Down, Down, Up, Up, Up], "a"),
    ];
    for (keys, want) in table {
        let mut app = chart_app();
        assert_eq!(walk(&mut app, keys), *want, "{keys:?}");
        assert!(app.chart().is_some(), "{keys:?} left the chart");
    }
}

#[test]
fn the_title_says_which_box_of_how_many() {
    let mut app = chart_app();
    walk(&mut app, &[Down, Down, ExpandOrChild]);
    let chart = app.chart_layout(app.chart().unwrap());
    let place = chart.boxes[&app.selected().unwrap()];
    // a, b, d, e, c, g: e is the fourth a reader meets.
    assert_eq!((place.index + 1, chart.len()), (4, 6));
}

#[test]
fn panning_moves_the_window_and_a_move_brings_the_selection_back() {
    // A chart wider than the screen: forty teams side by side under one group.
    let mut text = String::from("title: t\nentities:\n  - {id: top, name: Top, kind: group}\n");
    for i in 0..40 {
        text.push_str(&format!(
            "  - {{id: u{i}, name: Unit number {i}, kind: team, parent: top}}\n  - {{id: s{i}, name: Sub {i}, kind: team, parent: u{i}}}\n"
        ));
    }
    let loaded = load_text(ModelText {
        name: "wide.yaml".into(),
        text,
    })
    .map_err(|e| e.render())
    .unwrap();
    let mut app = App::new(
        loaded.org,
        Options::new("wide.yaml", Rect::new(0, 0, 80, 30)),
    );
    app.perform(ToggleChart);
    let view = app.chart().unwrap();
    let chart = app.chart_layout(view);
    assert!(chart.width > 80, "{}", chart.width);
    let start = app.chart_offset(view, &chart);
    app.perform(PanRight);
    let view = app.chart().unwrap();
    let panned = app.chart_offset(view, &app.chart_layout(view));
    assert!(panned.0 > start.0, "{start:?} {panned:?}");
    assert_eq!(selected_id(&app), "top");
    // Far right, then a move: the window follows the selection again.
    for _ in 0..100 {
        app.perform(PanRight);
    }
    let view = app.chart().unwrap();
    let chart = app.chart_layout(view);
    let (x, _) = app.chart_offset(view, &chart);
    assert_eq!(
        x + app.chart_window().0,
        chart.width,
        "panned to the right edge"
    );
    app.perform(Down);
    let view = app.chart().unwrap();
    assert_eq!(view.scroll, None);
    let place = chart.boxes[&app.selected().unwrap()];
    let (x, _) = app.chart_offset(view, &app.chart_layout(view));
    assert!(
        (x..x + app.chart_window().0).contains(&place.x),
        "{x} {place:?}"
    );
}

#[test]
fn r_draws_the_relations_and_a_click_selects_a_box() {
    let mut app = chart_app();
    assert!(!app.chart().unwrap().relations);
    app.perform(ToggleRelations);
    assert!(app.chart().unwrap().relations);
    app.perform(ToggleRelations);
    assert!(!app.chart().unwrap().relations);

    let view = app.chart().unwrap();
    let chart = app.chart_layout(view);
    let g = app.org().find_entity("g").unwrap();
    let place = chart.boxes[&g];
    let (ox, oy) = app.chart_offset(view, &chart);
    let inner = crate::geometry::Panes::of(Rect::new(0, 0, 80, 40))
        .unwrap()
        .chart_inner();
    let column = inner.x + u16::try_from(place.x + 1 - ox).unwrap();
    let row = inner.y + u16::try_from(place.y + 1 - oy).unwrap();
    app.perform(Click { column, row });
    assert_eq!(selected_id(&app), "g");
    // A click on nothing leaves the selection.
    app.perform(Click {
        column: inner.x + inner.width - 1,
        row: inner.y + inner.height - 1,
    });
    assert_eq!(selected_id(&app), "g");
}
