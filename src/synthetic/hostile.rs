//! Hostile model shapes: each is small, valid, and once froze or crashed orgtree. The benches in
//! `benches/hostile.rs` and the tests that keep them fixed build them here; a person can write
//! one with `cargo run --release --example gen -- N --shape SHAPE`.
//!
//! Entities are `e0`, `e1`, …; in a chain of N, `e{N-1}` is the deepest. The shapes with a root
//! (wide, dense, random) have N units under `e0`, so N + 1 entities.

use std::io::{self, Write};
use std::str::FromStr;

use super::{Model, Rng};

/// A hostile shape of N entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A parent chain N deep: `e0` is the root, each next entity a unit of the one before.
    Chain,
    /// One root with N units under it.
    Wide,
    /// N entities under one root, each holding 1/N of every other one.
    Dense,
    /// N entities under one root, each held by up to five others with random percentages.
    Random,
    /// N roots in a stake chain: `e{i+1}` holds a share of `e{i}` written as a fraction of two
    /// large coprime numbers, so exact look-through products grow without end.
    FractionChain,
    /// N roots founded in 2010 and one event of 2005 that names them all (on one long line):
    /// N warnings, each quoting that line.
    Misdated,
}

impl Shape {
    pub const NAMES: [&'static str; 6] = [
        "chain",
        "wide",
        "dense",
        "random",
        "fraction-chain",
        "misdated",
    ];
}

impl FromStr for Shape {
    type Err = String;

    fn from_str(text: &str) -> Result<Shape, String> {
        match text {
            "chain" => Ok(Shape::Chain),
            "wide" => Ok(Shape::Wide),
            "dense" => Ok(Shape::Dense),
            "random" => Ok(Shape::Random),
            "fraction-chain" => Ok(Shape::FractionChain),
            "misdated" => Ok(Shape::Misdated),
            other => Err(format!(
                "`{other}` is not a shape; one of: {}",
                Shape::NAMES.join(", ")
            )),
        }
    }
}

/// Primes just below a billion: numerators and denominators that share no factor, so no
/// product of them ever reduces.
const PRIMES: [u64; 8] = [
    999_999_937,
    999_999_929,
    999_999_893,
    999_999_883,
    999_999_797,
    999_999_761,
    999_999_757,
    999_999_751,
];

fn entity(
    model: &mut Model<'_, impl Write + ?Sized>,
    i: usize,
    parent: Option<usize>,
) -> io::Result<()> {
    let mut fields = vec![
        ("id", format!("e{i}")),
        ("name", format!("Entity {i}")),
        ("kind", "company".to_owned()),
    ];
    if let Some(p) = parent {
        fields.push(("parent", format!("e{p}")));
    }
    model.item(&fields, &[])
}

fn stake(
    model: &mut Model<'_, impl Write + ?Sized>,
    owner: usize,
    owned: usize,
    share: String,
) -> io::Result<()> {
    model.item(
        &[
            ("owner", format!("e{owner}")),
            ("owned", format!("e{owned}")),
            ("share", share),
        ],
        &[],
    )
}

/// Writes the `shape` of `n` entities to `w`, as YAML or (`json`) JSON.
pub fn write(shape: Shape, n: usize, json: bool, w: &mut impl Write) -> io::Result<()> {
    let mut model = Model::new(w, json);
    let name = Shape::NAMES[shape as usize];
    model.start(&format!("Hostile {name} of {n} entities"))?;
    model.list("entities")?;
    let n = match shape {
        Shape::Chain | Shape::FractionChain | Shape::Misdated => n.max(2),
        Shape::Wide | Shape::Dense | Shape::Random => n.max(2) + 1,
    };
    for i in 0..n {
        let parent = match shape {
            Shape::Chain => i.checked_sub(1),
            Shape::Wide | Shape::Dense | Shape::Random => (i > 0).then_some(0),
            Shape::FractionChain | Shape::Misdated => None,
        };
        if shape == Shape::Misdated {
            model.item(
                &[
                    ("id", format!("e{i}")),
                    ("name", format!("Entity {i}")),
                    ("kind", "company".to_owned()),
                    ("founded", "2010".to_owned()),
                ],
                &[],
            )?;
            continue;
        }
        entity(&mut model, i, parent)?;
    }
    model.list("stakes")?;
    match shape {
        Shape::Chain | Shape::Wide | Shape::Misdated => {}
        Shape::Dense => {
            // The root holds nothing: the cross-holdings are among its units.
            let units = n - 1;
            for owned in 1..n {
                for owner in (1..n).filter(|&o| o != owned) {
                    stake(&mut model, owner, owned, format!("1/{units}"))?;
                }
            }
        }
        Shape::Random => {
            let mut rng = Rng(n as u64);
            for owned in 1..n {
                let mut left = 100;
                for _ in 0..1 + rng.below(5) {
                    let owner = 1 + rng.index(n - 1);
                    let share = 1 + rng.below(left.min(40));
                    if owner == owned || share >= left {
                        continue;
                    }
                    left -= share;
                    stake(&mut model, owner, owned, format!("{share}%"))?;
                }
            }
        }
        Shape::FractionChain => {
            for owned in 0..n - 1 {
                let (numer, denom) = (PRIMES[owned % 8], PRIMES[(owned + 3) % 8]);
                let (numer, denom) = (numer.min(denom), numer.max(denom));
                stake(&mut model, owned + 1, owned, format!("{numer}/{denom}"))?;
            }
        }
    }
    if shape == Shape::Misdated {
        model.list("events")?;
        model.item(
            &[
                ("date", "2005".to_owned()),
                ("kind", "launch".to_owned()),
                ("description", "Before any of them".to_owned()),
            ],
            &[("entities", (0..n).map(|i| format!("e{i}")).collect())],
        )?;
    }
    model.finish()
}

/// The model as text, for tests and benches.
pub fn text(shape: Shape, n: usize) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and the writer emits only UTF-8.
    let _ = write(shape, n, true, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}
