//! `--format svg` read back as XML: the shipped model and a hostile one parse, every entity in
//! view is one box, every shape is inside the picture, and `--root`, `--depth` and
//! `--relations` change the picture as they change the text chart.

use crate::common;

use orgtree::dump::{DumpOptions, Format, Graph};
use orgtree::sanitize::is_unsafe;

/// Names with XML's special characters, escape sequences, bidi and zero-width characters, and
/// one far too long for a box; a relation and a share between them.
const HOSTILE: &str = "title: \"<T> & 'co' \\e[2J\"
people:
  - {id: p, name: \"M<a>llory & \\\"Eve\\\"\\e[5m\"}
entities:
  - {id: top, name: \"Top <svg onload=x> & \\\"co\\\" 'plc'\\e]52;c;eA==\\a\", kind: group}
  - {id: sub, name: \"Sub \\u202egnp.exe\\u200b\", kind: \"c<o>mpany\", parent: top}
  - {id: long, name: \"Supercalifragilisticexpialidocious Holdings International Limited of Very Long Names &&&&\", kind: team, parent: top}
  - {id: rtl, name: \"\\u05e9\\u05dc\\u05d5\\u05dd \\u2067x\\u2069\", kind: team, parent: top}
  - {id: other, name: \"Other\\u2066\", kind: company}
roles:
  - {person: p, entity: sub, title: \"CEO</text>\"}
stakes:
  - {owner: top, owned: sub, share: 60%}
  - {owner: other, owned: sub, share: 40%}
relations:
  - {kind: \"partner</title>\", from: sub, to: long}
";

fn svg(org: &orgtree::org::Org, options: DumpOptions) -> String {
    common::dump_with(
        org,
        &DumpOptions {
            format: Format::Svg,
            ..options
        },
    )
}

/// The options with the relations drawn, fitted to `width` when given.
fn related(width: Option<usize>) -> DumpOptions {
    DumpOptions {
        width,
        graph: Graph {
            relations: true,
            ..Graph::default()
        },
        ..DumpOptions::default()
    }
}

fn shipped() -> orgtree::org::Org {
    orgtree::load::load_embedded().unwrap().org
}

/// A shape's class and the rectangle it takes in the picture's coordinates.
#[derive(Debug)]
struct Extent {
    tag: String,
    class: String,
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

fn number(node: roxmltree::Node, name: &str) -> f64 {
    node.attribute(name)
        .unwrap_or_else(|| panic!("{name} on {node:?}"))
        .parse()
        .unwrap()
}

/// Where each drawn shape is, once its groups' translations are added.
fn extents(doc: &roxmltree::Document) -> Vec<Extent> {
    let mut out = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let (mut dx, mut dy) = (0.0, 0.0);
        for g in node.ancestors().filter(|a| a.has_tag_name("g")) {
            let t = g.attribute("transform").unwrap();
            let inner = t
                .strip_prefix("translate(")
                .unwrap()
                .strip_suffix(')')
                .unwrap();
            let v: Vec<f64> = inner.split(' ').map(|n| n.parse().unwrap()).collect();
            (dx, dy) = (dx + v[0], dy + v[1]);
        }
        let (left, top, right, bottom) = match node.tag_name().name() {
            "rect" if node.attribute("x").is_some() => {
                let (x, y) = (number(node, "x"), number(node, "y"));
                (x, y, x + number(node, "width"), y + number(node, "height"))
            }
            "line" => {
                let (x1, x2) = (number(node, "x1"), number(node, "x2"));
                let (y1, y2) = (number(node, "y1"), number(node, "y2"));
                (x1.min(x2), y1.min(y2), x1.max(x2), y1.max(y2))
            }
            // A text is as long as it is held to, and a row high around its middle.
            "text" => {
                let (x, y) = (number(node, "x"), number(node, "y"));
                (x, y - 9.0, x + number(node, "textLength"), y + 9.0)
            }
            "path" if node.attribute("class") == Some("relation") => {
                let d = node.attribute("d").unwrap();
                let numbers: Vec<f64> = d
                    .split(|c: char| c == ' ' || c.is_ascii_alphabetic())
                    .filter(|s| !s.is_empty())
                    .map(|s| s.parse().unwrap())
                    .collect();
                let xs = numbers.iter().step_by(2);
                let ys = numbers.iter().skip(1).step_by(2);
                (
                    xs.clone().copied().fold(f64::MAX, f64::min),
                    ys.clone().copied().fold(f64::MAX, f64::min),
                    xs.copied().fold(0.0, f64::max),
                    ys.copied().fold(0.0, f64::max),
                )
            }
            _ => continue,
        };
        out.push(Extent {
            tag: node.tag_name().name().to_owned(),
            class: node.attribute("class").unwrap_or("").to_owned(),
            left: left + dx,
            top: top + dy,
            right: right + dx,
            bottom: bottom + dy,
        });
    }
    out
}

/// Parses the picture and checks what every picture must hold: a title, a viewBox that every
/// shape is inside, no character a terminal or XML would act on. Gives its shapes.
fn checked(text: &str) -> Vec<Extent> {
    if let Some(c) = text.chars().find(|&c| c != '\n' && is_unsafe(c)) {
        panic!("{c:?} reached the SVG:\n{text}");
    }
    let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let svg = doc.root_element();
    assert_eq!(svg.tag_name().name(), "svg");
    let view: Vec<f64> = svg
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(&view[..2], [0.0, 0.0]);
    let shapes = extents(&doc);
    assert!(!shapes.is_empty(), "{text}");
    for s in &shapes {
        let inside = s.left >= 0.0 && s.top >= 0.0 && s.right <= view[2] && s.bottom <= view[3];
        assert!(inside, "{s:?} is outside {view:?}");
        assert!(s.left <= s.right && s.top <= s.bottom, "{s:?}");
    }
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name("title") && n.parent() == Some(svg)),
        "{text}"
    );
    shapes
}

fn boxes(shapes: &[Extent]) -> usize {
    shapes
        .iter()
        .filter(|s| s.tag == "rect" && s.class.split(' ').next() == Some("box"))
        .count()
}

/// The texts of the picture, as a reader of the XML gets them.
fn texts(text: &str, class: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(text).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("class") == Some(class))
        .map(|n| n.text().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn the_shipped_model_is_one_box_per_entity_in_view_inside_the_picture() {
    let org = shipped();
    let options = related(None);
    let text = svg(&org, options.clone());
    let shapes = checked(&text);
    assert_eq!(boxes(&shapes), orgtree::dump::shown_count(&org, &options));
    let doc = roxmltree::Document::parse(&text).unwrap();
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(
        title.text(),
        Some("Orange's cloud structures, January 2015 — as of 2015-01-12")
    );
    // One group per root, each below the one before.
    let groups: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g"))
        .map(|g| {
            let t = g.attribute("transform").unwrap();
            t.trim_end_matches(')')
                .rsplit(' ')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    let roots = common::dump(&org, Format::Chart).split("\n\n").count() - 1;
    assert_eq!(groups.len(), roots);
    assert!(groups.windows(2).all(|w| w[0] < w[1]), "{groups:?}");
    assert!(texts(&text, "name").contains(&"Cloudwatt".to_owned()));
    assert!(texts(&text, "share").contains(&"4/9 (44.4 %)".to_owned()));
    assert!(texts(&text, "relation").contains(&"client of".to_owned()));
}

#[test]
fn hostile_names_are_escaped_text_and_stay_in_their_boxes() {
    let org = common::load("hostile.yaml", HOSTILE);
    for width in [20, 80, 220] {
        let text = svg(&org, related(Some(width)));
        let shapes = checked(&text);
        assert_eq!(boxes(&shapes), 5, "{text}");
        // Markup in the model is text in the picture, never markup.
        assert!(
            !text.contains("<svg onload") && !text.contains("CEO</text>"),
            "{text}"
        );
        // Each box's text is inside its box.
        let frames: Vec<&Extent> = shapes.iter().filter(|s| s.class == "box").collect();
        for t in shapes
            .iter()
            .filter(|s| s.tag == "text" && s.class != "heading")
        {
            let held = frames.iter().any(|b| {
                b.left <= t.left && t.right <= b.right && b.top <= t.top && t.bottom <= b.bottom
            });
            let on_line = t.class == "share" || t.class == "relation";
            assert!(held || on_line, "{width}: {t:?} is in no box\n{text}");
        }
    }
    // At 220 columns the names read back whole, as the reader of the XML gets them: escaped
    // for XML, and their invisible characters made visible.
    let text = svg(&org, related(Some(220)));
    let names = texts(&text, "name").join("|");
    // Broken over two lines at its last space that fits.
    assert!(
        names.contains("Top <svg onload=x> & \"co\"|'plc'\\u{1b}]52;c;eA==\\u{7}"),
        "{names}"
    );
    assert!(names.contains("Sub \\u{202e}gnp.exe\\u{200b}"), "{names}");
    assert!(
        texts(&text, "kind").contains(&"c<o>mpany".to_owned()),
        "{text}"
    );
    assert!(
        texts(&text, "relation").contains(&"partner</title>".to_owned()),
        "{text}"
    );
    let doc = roxmltree::Document::parse(&text).unwrap();
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert!(
        title
            .text()
            .unwrap()
            .starts_with("<T> & 'co' \\u{1b}[2J — as of ")
    );
    // The long name is cut in its box, not drawn whole across the picture.
    assert!(!text.contains("Names &amp;&amp;&amp;&amp;"), "{text}");
}

#[test]
fn root_depth_and_relations_change_the_picture() {
    let org = shipped();
    let with = |options: DumpOptions| {
        let text = svg(&org, options);
        let shapes = checked(&text);
        (text, shapes)
    };
    let (_, all) = with(DumpOptions::default());
    let orange = DumpOptions {
        root: org.find_entity("orange"),
        ..DumpOptions::default()
    };
    let (text, under) = with(orange.clone());
    // As many boxes as the tree dump has entities, under its heading.
    let tree = common::dump_with(
        &org,
        &DumpOptions {
            format: Format::Tree,
            ..orange.clone()
        },
    );
    assert_eq!(boxes(&under), tree.lines().count() - 1, "{tree}");
    assert!(boxes(&under) < boxes(&all));
    assert!(
        !texts(&text, "name").contains(&"Outscale".to_owned()),
        "{text}"
    );
    let (_, top) = with(DumpOptions {
        depth: Some(2),
        ..orange.clone()
    });
    let (_, alone) = with(DumpOptions {
        depth: Some(1),
        ..orange.clone()
    });
    assert_eq!(boxes(&alone), 1);
    assert!(1 < boxes(&top) && boxes(&top) < boxes(&under));
    let relations = |shapes: &[Extent]| {
        shapes
            .iter()
            .filter(|s| s.tag == "path" && s.class == "relation")
            .count()
    };
    assert_eq!(relations(&under), 0);
    let (_, related) = with(DumpOptions {
        graph: Graph {
            relations: true,
            ..Graph::default()
        },
        ..orange
    });
    assert_eq!(relations(&related), 1);
    // A narrower page gives a narrower picture.
    let wide = |width| {
        let text = svg(
            &org,
            DumpOptions {
                width: Some(width),
                ..DumpOptions::default()
            },
        );
        let doc = roxmltree::Document::parse(&text).unwrap();
        number(doc.root_element(), "width")
    };
    assert!(wide(60) < wide(220), "{} {}", wide(60), wide(220));
}

#[test]
fn a_small_chart_as_svg() {
    let org = common::load(
        "small.yaml",
        "title: Small & Co
as_of: 2024-01-01
people:
  - {id: ada, name: Ada}
entities:
  - {id: hq, name: Holding, kind: group}
  - {id: ops, name: Operations, kind: division, parent: hq}
  - {id: lab, name: Lab, kind: team, parent: hq}
roles:
  - {person: ada, entity: ops, title: Head}
stakes:
  - {owner: hq, owned: ops, share: 80%}
relations:
  - {kind: client_of, from: lab, to: ops}
",
    );
    let text = svg(&org, related(Some(80)));
    checked(&text);
    insta::assert_snapshot!(text);
}

#[test]
fn the_binary_writes_svg() {
    let out = common::orgtree()
        .args(["--format", "svg", "--relations", "--width", "100"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("<?xml"), "{text}");
    checked(&text);
}

#[test]
fn a_deep_or_wide_model_gives_a_picture_in_proportion_to_its_boxes() {
    use orgtree::synthetic::hostile::{self, Shape};
    for shape in [Shape::Chain, Shape::Wide] {
        let org = orgtree::load::load_text(orgtree::load::ModelText {
            name: "hostile.json".into(),
            text: hostile::text(shape, 3_000),
        })
        .map_err(|e| e.render())
        .unwrap()
        .org;
        let text = svg(&org, DumpOptions::default());
        let shapes = checked(&text);
        let boxes = boxes(&shapes);
        assert!(boxes >= 3_000, "{shape:?}: {boxes}");
        // A box, its few lines of text and its links: well under a kilobyte each.
        assert!(
            text.len() < 1_000 * boxes,
            "{shape:?}: {} bytes",
            text.len()
        );
    }
}
