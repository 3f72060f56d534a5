//! A synthetic HR export of any size, as a table importer reads it: `employee_id`,
//! `first_name`, `last_name`, `title`, `department`, `location`, `manager_id`, `email`,
//! `start_date`, one row per person under a manager among the rows before, in a tree of 3–12
//! reports per manager. The same N always gives the same table, and it imports without a
//! problem.

use std::fmt::Write as _;

use super::Rng;

const FIRST: &[&str] = &[
    "Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Radia", "Donald", "Frances", "Tony",
    "Hélène", "José", "Zoë", "Søren", "Chloé", "Jürgen",
];
const LAST: &[&str] = &[
    "Lovelace",
    "Hopper",
    "Turing",
    "Dijkstra",
    "Liskov",
    "Thompson",
    "Perlman",
    "Knuth",
    "Allen",
    "Hoare",
    "Lefèvre",
    "García",
    "Brontë",
    "Kierkegaard",
    "Dubois",
    "Müller",
];
const TITLES: &[&str] = &[
    "Engineer",
    "Senior Engineer",
    "Engineering Manager",
    "Director",
    "Analyst",
    "Accountant",
    "Recruiter",
    "Account Executive",
    "Product Manager",
    "Designer",
];
const DEPARTMENTS: &[&str] = &[
    "Engineering",
    "Finance",
    "People",
    "Sales",
    "Product",
    "Design",
];
const LOCATIONS: &[&str] = &[
    "Boston",
    "Berlin",
    "London",
    "Paris",
    "Lyon",
    "New York, NY",
];

/// The CSV text of an HR export of `n` people.
pub fn hr_csv(n: usize) -> String {
    let mut rng = Rng(n as u64 ^ 0x7ab1e);
    let mut out = String::with_capacity(n * 110);
    out.push_str(
        "employee_id,first_name,last_name,title,department,location,manager_id,email,start_date\n",
    );
    // Managers breadth first: row `m` manages the next 3–12 rows not yet placed.
    let mut manager = 0;
    let mut left = 0;
    for row in 0..n {
        let boss = if row == 0 {
            None
        } else {
            if left == 0 {
                left = 3 + rng.index(10);
                manager += usize::from(row > 1);
            }
            left -= 1;
            Some(manager.min(row - 1))
        };
        let first = FIRST[rng.index(FIRST.len())];
        let last = LAST[rng.index(LAST.len())];
        let location = LOCATIONS[rng.index(LOCATIONS.len())];
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "E{row:07},{first},{last},{},{},{},{},{}.{}.{row}@example.com,{}-{:02}-{:02}",
            TITLES[rng.index(TITLES.len())],
            DEPARTMENTS[rng.index(DEPARTMENTS.len())],
            if location.contains(',') {
                format!("\"{location}\"")
            } else {
                location.to_owned()
            },
            boss.map_or(String::new(), |b| format!("E{b:07}")),
            first.to_lowercase(),
            last.to_lowercase(),
            2000 + rng.index(25),
            1 + rng.index(12),
            1 + rng.index(28),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Options, table};

    #[test]
    fn the_table_imports_without_a_problem() {
        let text = hr_csv(2_000);
        assert_eq!(text.lines().count(), 2_001);
        let imported = table::import_text("hr.csv", &text, &Options::default()).unwrap();
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        assert_eq!(imported.model.roles.len(), 2_000);
        let (_, warnings) = crate::org::Org::new(imported.model).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(hr_csv(2_000), text);
    }
}
