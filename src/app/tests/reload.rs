//! A reloaded model: what the explorer keeps by id, and what it forgets.

use super::*;

#[test]
fn a_reloaded_model_keeps_selection_expansion_and_date() {
    let mut app = app(24);
    app.perform(Down);
    app.perform(ExpandOrChild);
    app.perform(Down); // d
    let date = app.as_of();
    let changed = MODEL.replace("name: D", "name: Dee");
    let org = load_text(ModelText {
        name: "t.yaml".into(),
        text: changed,
    })
    .unwrap()
    .org;
    app.replace_org(org);
    assert_eq!(selected_id(&app), "d");
    assert_eq!(app.org().name(app.selected().unwrap()), "Dee");
    assert_eq!(app.as_of(), date);
    let b = app.org().find_entity("b").unwrap();
    assert!(app.tree.is_expanded(b));
}

#[test]
fn a_reload_with_fewer_entities_under_the_chart_forgets_what_went() {
    let mut app = app(30);
    // The chart on g, the last entity: an index the smaller model does not have.
    for action in [Down, Down, ExpandOrChild, Down, ToggleChart] {
        app.perform(action);
    }
    assert_eq!(selected_id(&app), "g");
    assert!(app.chart.is_some());
    app.replace_org(org_of(
        "title: t\nentities:\n  - {id: a, name: A, kind: group}\n",
    ));
    assert!(app.chart.is_none(), "the chart's root went away");
    let _ = crate::headless::frame(&app);
    // One that kept the root keeps the chart.
    let mut app = self::app(30);
    app.perform(ToggleChart);
    app.replace_org(org_of(MODEL));
    assert_eq!(
        app.chart.map(|c| app.org().entity(c.root).id.value.clone()),
        Some("a".into())
    );
}

#[test]
fn a_reload_under_way_shows_how_far_it_is_in_the_status_line() {
    use crate::load::Meter;
    use crate::load::progress::Stage;
    let mut app = app(24);
    app.perform(Resize {
        width: 140,
        height: 24,
    });
    let status = |app: &App| {
        let frame = crate::headless::frame(app);
        frame.lines().last().unwrap_or_default().to_owned()
    };
    assert!(!status(&app).contains("reloading"), "{}", status(&app));
    let meter = Meter::new();
    meter.enter(Stage::Parsing, Some(94_900_000), true);
    meter.add_bytes(39_000_000);
    app.start_reloading(meter.clone());
    let line = status(&app);
    assert!(
        line.ends_with(" reloading… t.yaml · parsing 41 % 39.0 MB of 94.9 MB"),
        "{line}"
    );
    // Each frame reads the meter as it is then.
    meter.add_bytes(20_000_000);
    assert!(
        status(&app).contains("parsing 62 % 59.0 MB of 94.9 MB"),
        "{}",
        status(&app)
    );
    meter.add_entities(3);
    meter.building(7);
    assert!(status(&app).ends_with("reloading… t.yaml · building 7 entities"));
    // A stream of no known size: its bytes so far.
    meter.enter(Stage::Reading, None, true);
    meter.add_bytes(3_200_000);
    assert!(status(&app).ends_with("reloading… t.yaml · reading 3.2 MB"));
    app.reloaded(org_of(MODEL));
    assert!(!app.reloading());
    assert!(!status(&app).contains("reloading"), "{}", status(&app));
}
