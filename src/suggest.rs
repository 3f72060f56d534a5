//! "Did you mean …?" for misspelt ids and field names.

/// The candidate closest to `word`, when one is close enough to be what was meant.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let allowed = (word.chars().count() / 3).clamp(1, 4);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|&(distance, c)| distance <= allowed || (c.starts_with(word) && word.len() >= 3))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, c)| c)
}

/// `help: did you mean `x`?` when there is a suggestion.
pub fn help<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    did_you_mean(word, candidates).map(|s| format!("did you mean `{s}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses() {
        let ids = ["orange", "cloudwatt", "numergy"];
        assert_eq!(did_you_mean("cloudwat", ids), Some("cloudwatt"));
        assert_eq!(did_you_mean("oragne", ids), Some("orange"));
        assert_eq!(did_you_mean("numer", ids), Some("numergy"));
    }

    #[test]
    fn stays_quiet_when_nothing_is_close() {
        assert_eq!(did_you_mean("thales", ["orange", "cloudwatt"]), None);
        assert_eq!(did_you_mean("x", ["orange"]), None);
    }
}
