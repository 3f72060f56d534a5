//! Synthetic BODS 0.4 statements in JSON Lines, shaped like a national register of persons with
//! significant control: companies, each with one to three holders of PSC bands of shares and
//! votes (people mostly, sometimes an earlier company, now and then one not disclosed), and
//! later statements that rename a company or close a relationship. The same N always gives the
//! same statements; they import without an error and load into an org.

use std::io::{self, Write};

use super::{Rng, WORDS};

const GIVEN: &[&str] = &[
    "Ada", "Brian", "Chloe", "Daniel", "Emma", "Farid", "Grace", "Hugo", "Irene", "Jamal",
];
const FAMILY: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Khan", "Patel", "Wilson", "Evans", "Walker", "Wright",
];
/// The bands a PSC declares, as BODS share figures: more than 25 % up to 50 %, more than 50 %
/// and less than 75 %, 75 % or more.
const BANDS: &[&str] = &[
    r#"{"exclusiveMinimum":25,"maximum":50}"#,
    r#"{"exclusiveMinimum":50,"exclusiveMaximum":75}"#,
    r#"{"minimum":75,"maximum":100}"#,
];

const PUBLICATION: &str = r#""publicationDetails":{"publicationDate":"2024-03-01","bodsVersion":"0.4","license":"https://creativecommons.org/publicdomain/zero/1.0/","publisher":{"name":"Synthetic Register","url":"https://register.example/"}},"source":{"type":["officialRegister"],"description":"Synthetic register of persons with significant control","url":"https://register.example/psc","retrievedAt":"2024-03-01"}"#;

/// Writes about `n` statements (never fewer, a company's holders at most past it) to `w`.
pub fn write(n: usize, w: &mut impl Write) -> io::Result<()> {
    let mut rng = Rng(n as u64 ^ 0xB0D5);
    let mut statements = 0usize;
    let mut companies = 0usize;
    let mut people = 0usize;
    let mut relationships = 0usize;
    let mut closing: Vec<(usize, String)> = Vec::new();
    let mut renamed: Vec<(usize, u64)> = Vec::new();
    while statements < n {
        let c = companies;
        companies += 1;
        let year = 1990 + rng.below(30);
        line(
            w,
            &mut statements,
            &format!("c{c}"),
            "entity",
            "new",
            &format!("{year}-01-01"),
            &company_details(c, year, &mut rng, ""),
        )?;
        if rng.below(100) < 3 {
            renamed.push((c, year));
        }
        let holders = match rng.below(10) {
            0..=5 => 1,
            6..=8 => 2,
            _ => 3,
        };
        for h in 0..holders {
            let party = match rng.below(100) {
                // An earlier company: chains of ownership, never a circle.
                0..=19 if c > 0 => format!("\"c{}\"", rng.index(c)),
                0..=94 => {
                    let p = people;
                    people += 1;
                    line(
                        w,
                        &mut statements,
                        &format!("p{p}"),
                        "person",
                        "new",
                        &format!("{year}-01-01"),
                        &person_details(p, &mut rng),
                    )?;
                    format!("\"p{p}\"")
                }
                _ => r#"{"reason":"interestedPartyHasNotProvidedInformation","description":"The holder has not given their details"}"#.to_owned(),
            };
            // One holder may hold any band; of two or three, each holds more than 25 % up to
            // 50 % (the third appoints the board), so no company is held more than whole.
            let band = match (holders, h) {
                (1, _) => BANDS[rng.index(BANDS.len())],
                (_, 0 | 1) => BANDS[0],
                _ => "",
            };
            let start = format!("{}-04-06", year.max(2016) + rng.below(4));
            let mut interests = Vec::new();
            if !band.is_empty() {
                for kind in ["shareholding", "votingRights"] {
                    interests.push(format!(
                        r#"{{"type":"{kind}","directOrIndirect":"direct","beneficialOwnershipOrControl":true,"share":{band},"startDate":"{start}"}}"#
                    ));
                }
            }
            if band.is_empty() || rng.below(100) < 20 {
                interests.push(format!(
                    r#"{{"type":"appointmentOfBoard","directOrIndirect":"direct","beneficialOwnershipOrControl":true,"startDate":"{start}"}}"#
                ));
            }
            let r = relationships;
            relationships += 1;
            let details = format!(
                r#"{{"isComponent":false,"subject":"c{c}","interestedParty":{party},"interests":[{}]}}"#,
                interests.join(",")
            );
            line(
                w,
                &mut statements,
                &format!("r{r}"),
                "relationship",
                "new",
                &start,
                &details,
            )?;
            if rng.below(100) < 2 {
                closing.push((r, details));
            }
        }
    }
    // The later statements: a few companies renamed, a few relationships closed.
    for (c, year) in renamed {
        let details = company_details(c, year, &mut Rng(c as u64), " (renamed)");
        line(
            w,
            &mut statements,
            &format!("c{c}"),
            "entity",
            "updated",
            "2024-01-15",
            &details,
        )?;
    }
    for (r, details) in closing {
        line(
            w,
            &mut statements,
            &format!("r{r}"),
            "relationship",
            "closed",
            "2024-02-01",
            &details,
        )?;
    }
    Ok(())
}

/// One statement, on its own line.
fn line(
    w: &mut impl Write,
    count: &mut usize,
    record: &str,
    kind: &str,
    status: &str,
    date: &str,
    details: &str,
) -> io::Result<()> {
    *count += 1;
    writeln!(
        w,
        r#"{{"statementId":"{:032x}","declarationSubject":"{record}","statementDate":"{date}",{PUBLICATION},"recordId":"{record}","recordType":"{kind}","recordStatus":"{status}","recordDetails":{details}}}"#,
        *count as u128 * 0x9E37_79B9_7F4A_7C15
    )
}

fn company_details(c: usize, year: u64, rng: &mut Rng, suffix: &str) -> String {
    let name = format!(
        "{} {} {c} Limited{suffix}",
        WORDS[rng.index(WORDS.len())],
        WORDS[rng.index(WORDS.len())]
    );
    format!(
        r#"{{"isComponent":false,"entityType":{{"type":"registeredEntity"}},"name":"{name}","jurisdiction":{{"name":"United Kingdom","code":"GB"}},"identifiers":[{{"scheme":"GB-COH","id":"{c:08}"}}],"foundingDate":"{year}-01-01","addresses":[{{"type":"registered","address":"{} High Street, London","postCode":"N1 {}AA","country":{{"name":"United Kingdom","code":"GB"}}}}]}}"#,
        1 + rng.below(200),
        rng.below(10)
    )
}

fn person_details(p: usize, rng: &mut Rng) -> String {
    let (given, family) = (
        GIVEN[rng.index(GIVEN.len())],
        FAMILY[rng.index(FAMILY.len())],
    );
    format!(
        r#"{{"isComponent":false,"personType":"knownPerson","names":[{{"type":"legal","fullName":"{given} {family} {p}","givenName":"{given}","familyName":"{family}"}}],"nationalities":[{{"name":"British","code":"GB"}}],"birthDate":"{}-{:02}","addresses":[{{"type":"service","address":"{} Station Road, Leeds","country":{{"name":"United Kingdom","code":"GB"}}}}]}}"#,
        1940 + rng.below(60),
        1 + rng.below(12),
        1 + rng.below(300)
    )
}
