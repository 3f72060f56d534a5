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

/// An exact value, or the bounds of one that is not known exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounds {
    pub low: BigRational,
    pub high: BigRational,
}

impl Bounds {
    pub fn zero() -> Self {
        Bounds {
            low: BigRational::zero(),
            high: BigRational::zero(),
        }
    }

    pub(super) fn one() -> Self {
        Bounds {
            low: BigRational::one(),
            high: BigRational::one(),
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
        self.bound_size()
    }

    /// The product of both bounds, and whether it had to be rounded. Interests are never
    /// negative, so low times low and high times high bound the product.
    ///
    /// The fractions are not reduced: a greatest common divisor at each step cost far more
    /// than the step (num-bigint's is a shift loop), and the bound on their size holds either
    /// way.
    pub(super) fn scale(&self, by: &Bounds) -> (Bounds, bool) {
        let mut product = Bounds {
            low: raw_mul(&self.low, &by.low),
            high: raw_mul(&self.high, &by.high),
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
        let share = Bounds {
            low: q(d, p),
            high: q(d, p),
        };
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
        assert!(!sum.add(&Bounds {
            low: q(4, 9),
            high: q(4, 9)
        }));
        assert_eq!(crate::words::interest(&sum.low, &sum.high), "4/9 (44.4 %)");
        assert_eq!(crate::words::interest(&q(1, 5), &q(1, 4)), "20–25 %");
    }
}
