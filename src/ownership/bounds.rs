//! Interests as exact bounds, kept small: a fraction whose numerator or denominator grows past
//! [`MAX_BITS`] is rounded outward (the low bound down, the high bound up) onto a fine binary
//! grid, so the bounds stay true and the work per step stays bounded. How they read is
//! `crate::words::interest`.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};

/// The largest numerator or denominator kept exactly, in bits; past it a bound is rounded.
pub const MAX_BITS: u64 = 128;
/// The grid rounded bounds fall on: multiples of 2^-GRID_BITS, well within [`MAX_BITS`] for
/// values up to a few wholes.
const GRID_BITS: u64 = MAX_BITS - 8;

/// An exact value, or the bounds of one that is not known exactly. An end may be exclusive:
/// the value is more than `low` (`low_open`) or less than `high` (`high_open`), as a PSC band
/// `>25%..50%` declares it; products and sums keep that exact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounds {
    pub low: BigRational,
    pub high: BigRational,
    pub low_open: bool,
    pub high_open: bool,
}

impl Bounds {
    /// Between `low` and `high`, both reached.
    pub fn closed(low: BigRational, high: BigRational) -> Self {
        Bounds {
            low,
            high,
            low_open: false,
            high_open: false,
        }
    }

    pub fn zero() -> Self {
        Bounds::closed(BigRational::zero(), BigRational::zero())
    }

    pub(super) fn one() -> Self {
        Bounds::closed(BigRational::one(), BigRational::one())
    }

    /// The bounds in words: `4/9 (44.4 %)`, `20–25 %`, `more than 12.5 % up to 25 %`.
    pub fn words(&self) -> String {
        crate::words::interest_bounded(&self.low, &self.high, self.low_open, self.high_open)
    }

    /// What is left of the whole once these bounds are taken: `1 − high` up to `1 − low`, each
    /// end exclusive where the other was, and never below nothing.
    pub(super) fn rest(&self) -> Bounds {
        Bounds {
            low: (BigRational::one() - &self.high).max(BigRational::zero()),
            high: (BigRational::one() - &self.low).max(BigRational::zero()),
            low_open: self.high_open,
            high_open: self.low_open,
        }
    }

    pub fn is_exact(&self) -> bool {
        self.low == self.high
    }

    pub fn is_zero(&self) -> bool {
        self.high.is_zero()
    }

    /// Adds `other`; returns whether the sum had to be rounded. Like [`Bounds::scale`], it
    /// leaves the fractions unreduced: [`Bounds::reduced`] puts them in lowest terms.
    pub(super) fn add(&mut self, other: &Bounds) -> bool {
        self.low = raw_add(&self.low, &other.low);
        self.high = raw_add(&self.high, &other.high);
        // A sum reaches its end only if both of its terms reach theirs.
        self.low_open |= other.low_open;
        self.high_open |= other.high_open;
        self.bound_size()
    }

    /// The product of both bounds, and whether it had to be rounded. Interests are never
    /// negative, so low times low and high times high bound the product.
    ///
    /// The fractions are not reduced: a greatest common divisor at each step cost far more
    /// than the step (num-bigint's is a shift loop), and the bound on their size holds either
    /// way.
    pub(super) fn scale(&self, by: &Bounds) -> (Bounds, bool) {
        // A product reaches its end when both factors reach theirs, or when one of them
        // reaches nothing (then the product is nothing, whatever the other).
        let zero_reached = |a: &BigRational, open: bool| a.is_zero() && !open;
        let open = |a: &BigRational, a_open: bool, b: &BigRational, b_open: bool| {
            (a_open || b_open) && !zero_reached(a, a_open) && !zero_reached(b, b_open)
        };
        let mut product = Bounds {
            low: raw_mul(&self.low, &by.low),
            high: raw_mul(&self.high, &by.high),
            low_open: open(&self.low, self.low_open, &by.low, by.low_open),
            high_open: open(&self.high, self.high_open, &by.high, by.high_open),
        };
        let rounded = product.bound_size();
        (product, rounded)
    }

    /// The bounds in lowest terms, as they are shown and compared with `==` by others.
    pub(super) fn reduced(&self) -> Bounds {
        let reduce = |q: &BigRational| BigRational::new(q.numer().clone(), q.denom().clone());
        Bounds {
            low: reduce(&self.low),
            high: reduce(&self.high),
            ..*self
        }
    }

    /// Rounds a bound whose fraction grew past [`MAX_BITS`] outward onto the grid; returns
    /// whether it did.
    fn bound_size(&mut self) -> bool {
        let mut rounded = false;
        if bits(&self.low) > MAX_BITS {
            self.low = to_grid(&self.low, false);
            rounded = true;
        }
        if bits(&self.high) > MAX_BITS {
            self.high = to_grid(&self.high, true);
            rounded = true;
        }
        rounded
    }
}

fn raw_mul(a: &BigRational, b: &BigRational) -> BigRational {
    BigRational::new_raw(a.numer() * b.numer(), a.denom() * b.denom())
}

fn raw_add(a: &BigRational, b: &BigRational) -> BigRational {
    if a.is_zero() {
        b.clone()
    } else if b.is_zero() {
        a.clone()
    } else if a.denom() == b.denom() {
        // Bounds on the grid share their denominator.
        BigRational::new_raw(a.numer() + b.numer(), a.denom().clone())
    } else {
        BigRational::new_raw(
            a.numer() * b.denom() + b.numer() * a.denom(),
            a.denom() * b.denom(),
        )
    }
}

fn bits(value: &BigRational) -> u64 {
    value.numer().bits().max(value.denom().bits())
}

/// The nearest multiple of 2^-GRID_BITS below (or, `up`, above) a value that is not negative.
fn to_grid(value: &BigRational, up: bool) -> BigRational {
    let grid = BigInt::one() << GRID_BITS;
    let scaled = value.numer() << GRID_BITS;
    // Both are non-negative, so integer division is the floor.
    let mut steps = &scaled / value.denom();
    if up && &steps * value.denom() != scaled {
        steps += 1;
    }
    BigRational::new_raw(steps, grid)
}

/// A value as a floating-point percentage, for JSON.
pub fn percent_f64(value: &BigRational) -> f64 {
    use num_traits::ToPrimitive;
    (value * BigRational::from_integer(BigInt::from(100)))
        .to_f64()
        .unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: u64, d: u64) -> BigRational {
        BigRational::new(BigInt::from(n), BigInt::from(d))
    }

    #[test]
    fn large_fractions_are_rounded_outward_and_stay_bounds() {
        let p = 999_999_937u64;
        let d = 999_999_929u64;
        // (p/d)^10 and its reciprocal-ish cousin: about 300 bits each, exactly.
        let share = Bounds::closed(q(d, p), q(d, p));
        let mut mass = Bounds::one();
        let mut rounded = false;
        let mut exact = BigRational::one();
        for _ in 0..10 {
            let (next, r) = mass.scale(&share);
            rounded |= r;
            mass = next;
            exact *= q(d, p);
        }
        assert!(rounded, "the product outgrew {MAX_BITS} bits");
        assert!(bits(&mass.low) <= MAX_BITS && bits(&mass.high) <= MAX_BITS);
        let mass = mass.reduced();
        assert!(mass.low <= exact && exact <= mass.high);
        assert!(&mass.high - &mass.low < q(1, 1 << 40) * q(1, 1 << 40));
        assert_eq!(crate::words::interest(&mass.low, &mass.high), "≈ 100 %");
    }

    #[test]
    fn small_fractions_stay_exact() {
        let mut sum = Bounds::zero();
        assert!(!sum.add(&Bounds::closed(q(4, 9), q(4, 9))));
        assert_eq!(crate::words::interest(&sum.low, &sum.high), "4/9 (44.4 %)");
        assert_eq!(crate::words::interest(&q(1, 5), &q(1, 4)), "20–25 %");
    }

    #[test]
    fn exclusive_ends_survive_products_and_sums() {
        let band = Bounds {
            low_open: true,
            ..Bounds::closed(q(1, 4), q(1, 2))
        };
        let (product, _) = band.scale(&Bounds::closed(q(1, 2), q(1, 2)));
        let product = product.reduced();
        assert_eq!(
            (product.low.clone(), product.high.clone()),
            (q(1, 8), q(1, 4))
        );
        assert!(product.low_open && !product.high_open);
        assert_eq!(product.words(), "more than 12.5 % up to 25 %");
        // Times a share that may be nothing, the low end is reached: nothing.
        let (times_maybe_none, _) = band.scale(&Bounds::closed(q(0, 1), q(1, 1)));
        assert!(!times_maybe_none.low_open);
        let rest = band.rest();
        assert_eq!((rest.low, rest.high), (q(1, 2), q(3, 4)));
        assert!(!rest.low_open && rest.high_open);
        let mut sum = Bounds::zero();
        sum.add(&band);
        assert!(sum.low_open);
    }
}
