//! Synthetic organisation models of any size, for benchmarks and scale tests
//! (`cargo run --release --example gen -- N [--json] [--shape SHAPE]`).
//!
//! [`write`] is realistic in shape: trees up to 8 levels deep with 3–12 children per node,
//! one-line descriptions, people and roles on about 30 % of entities, dated stakes on about 5 %,
//! events, sources. [`hostile`] writes the shapes that once froze or crashed orgtree. The same
//! N always gives the same model, and it validates without a warning.

pub mod bods;
pub mod hostile;
pub mod table;

use std::io::{self, Write};

/// A small deterministic generator (SplitMix64): the same N always gives the same model.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// An index below `len` (0 when `len` is 0): `below(len)`, as a `usize`.
    pub(crate) fn index(&mut self, len: usize) -> usize {
        let n = u64::try_from(len).unwrap_or(u64::MAX);
        // Below `len`, so it fits in a usize.
        usize::try_from(self.below(n)).unwrap_or(0)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const WORDS: &[&str] = &[
    "Cloud",
    "Data",
    "Energy",
    "Retail",
    "Logistics",
    "Health",
    "Security",
    "Media",
    "Finance",
    "Mobility",
    "Research",
    "Services",
    "Systems",
    "Networks",
    "Industries",
    "Capital",
];
const KINDS: &[&str] = &[
    "company",
    "subsidiary",
    "division",
    "business_unit",
    "team",
    "project",
];
const TITLES: &[&str] = &["CEO", "Head", "Director", "Chair", "CFO"];

struct Entity {
    parent: Option<usize>,
    depth: usize,
    founded: u64,
}

/// Writes a model of `n` entities to `w`, as YAML or (`json`) JSON in the same schema.
pub fn write(n: usize, json: bool, w: &mut impl Write) -> io::Result<()> {
    let mut rng = Rng(n as u64);

    // The tree, breadth first: a few roots, then 3–12 children per node down to depth 8.
    let mut entities: Vec<Entity> = Vec::with_capacity(n);
    let roots = 3.min(n);
    for _ in 0..roots {
        entities.push(Entity {
            parent: None,
            depth: 0,
            founded: 1990,
        });
    }
    let mut next_parent = 0;
    while entities.len() < n {
        let parent = next_parent % entities.len();
        next_parent += 1;
        let depth = entities[parent].depth + 1;
        if depth > 8 {
            continue;
        }
        let kids = 3 + rng.index(10);
        let after = entities[parent].founded;
        for _ in 0..kids.min(n - entities.len()) {
            let founded = after + rng.below(3);
            entities.push(Entity {
                parent: Some(parent),
                depth,
                founded,
            });
        }
    }

    let sources = 20;
    let mut model = Model::new(w, json);
    model.start(&format!("Synthetic organisation of {n} entities"))?;
    model.list("sources")?;
    for s in 0..sources {
        model.item(
            &[
                ("id", format!("s{s}")),
                ("publisher", format!("Publisher {s}")),
                ("title", format!("Annual report {s}")),
                ("date", format!("{}", 2000 + s)),
            ],
            &[],
        )?;
    }
    model.list("entities")?;
    for (i, e) in entities.iter().enumerate() {
        let word = WORDS[rng.index(WORDS.len())];
        let mut fields = vec![
            ("id", format!("e{i}")),
            ("name", format!("{word} {i}")),
            ("kind", KINDS[rng.index(KINDS.len())].to_owned()),
            (
                "description",
                format!("Synthetic {word} entity number {i}, level {}", e.depth),
            ),
        ];
        if let Some(p) = e.parent {
            fields.push(("parent", format!("e{p}")));
        }
        fields.push(("founded", format!("{}", e.founded)));
        model.item(
            &fields,
            &[("sources", vec![format!("s{}", rng.below(sources))])],
        )?;
    }
    model.list("people")?;
    let mut roles = Vec::new();
    for i in 0..n {
        if rng.chance(30) {
            let person = roles.len();
            model.item(
                &[
                    ("id", format!("p{person}")),
                    ("name", format!("Person {person}")),
                ],
                &[],
            )?;
            roles.push(i);
        }
    }
    model.list("roles")?;
    for (person, &entity) in roles.iter().enumerate() {
        model.item(
            &[
                ("person", format!("p{person}")),
                ("entity", format!("e{entity}")),
                ("title", TITLES[rng.index(TITLES.len())].to_owned()),
                (
                    "start",
                    format!("{}", entities[entity].founded + 1 + rng.below(10)),
                ),
            ],
            &[],
        )?;
    }
    model.list("stakes")?;
    for i in roots..n {
        if rng.chance(5) {
            let owner = rng.index(n);
            if owner == i {
                continue;
            }
            model.item(
                &[
                    ("owner", format!("e{owner}")),
                    ("owned", format!("e{i}")),
                    ("share", format!("{}%", 1 + rng.below(49))),
                    (
                        "start",
                        format!(
                            "{}",
                            entities[i].founded.max(entities[owner].founded) + rng.below(10)
                        ),
                    ),
                ],
                &[("sources", vec![format!("s{}", rng.below(sources))])],
            )?;
        }
    }
    model.list("events")?;
    for (i, e) in entities.iter().enumerate() {
        if rng.chance(2) {
            model.item(
                &[
                    (
                        "date",
                        format!("{}-{:02}", e.founded + 1 + rng.below(10), 1 + rng.below(12)),
                    ),
                    ("kind", "launch".to_owned()),
                    ("description", format!("Entity {i} launches a product")),
                ],
                &[("entities", vec![format!("e{i}")])],
            )?;
        }
    }
    model.finish()
}

/// Writes the model as YAML (flow items, one per line) or JSON, streaming.
pub(crate) struct Model<'w, W: Write + ?Sized> {
    w: &'w mut W,
    json: bool,
    first_list: bool,
    first_item: bool,
}

impl<'w, W: Write + ?Sized> Model<'w, W> {
    pub(crate) fn new(w: &'w mut W, json: bool) -> Self {
        Model {
            w,
            json,
            first_list: true,
            first_item: true,
        }
    }

    /// The model's title (plain text, no quotes) and date.
    pub(crate) fn start(&mut self, title: &str) -> io::Result<()> {
        if self.json {
            write!(
                self.w,
                "{{\"title\": \"{title}\", \"as_of\": \"2020-01-01\""
            )
        } else {
            writeln!(self.w, "title: {title}\nas_of: 2020-01-01")
        }
    }

    pub(crate) fn list(&mut self, name: &str) -> io::Result<()> {
        if self.json {
            if !self.first_list {
                write!(self.w, "]")?;
            }
            write!(self.w, ",\n\"{name}\": [")?;
        } else {
            writeln!(self.w, "{name}:")?;
        }
        self.first_list = false;
        self.first_item = true;
        Ok(())
    }

    pub(crate) fn item(
        &mut self,
        fields: &[(&str, String)],
        lists: &[(&str, Vec<String>)],
    ) -> io::Result<()> {
        let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
        let mut parts: Vec<String> = fields
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}: {}",
                    if self.json { q(k) } else { (*k).to_owned() },
                    q(v)
                )
            })
            .collect();
        for (k, vs) in lists {
            let items: Vec<String> = vs.iter().map(|v| q(v)).collect();
            parts.push(format!(
                "{}: [{}]",
                if self.json { q(k) } else { (*k).to_owned() },
                items.join(", ")
            ));
        }
        if self.json {
            if !self.first_item {
                write!(self.w, ",")?;
            }
            write!(self.w, "\n{{{}}}", parts.join(", "))?;
        } else {
            // Block style, one field a line, as people write models.
            for (i, part) in parts.iter().enumerate() {
                let lead = if i == 0 { "  - " } else { "    " };
                writeln!(self.w, "{lead}{part}")?;
            }
        }
        self.first_item = false;
        Ok(())
    }

    pub(crate) fn finish(&mut self) -> io::Result<()> {
        if self.json {
            writeln!(self.w, "]}}")
        } else {
            Ok(())
        }
    }
}
