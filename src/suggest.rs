//! "Did you mean …?" for misspelt ids and field names.

/// The candidate closest to `word`, when one is close enough to be what was meant.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .filter_map(|c| closeness(word, c).map(|d| (d, c)))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, c)| c)
}

/// How far `candidate` is from `word` (smaller is closer), when it is close enough to be what
/// was meant: for a suggestion kept while candidates stream by, one at a time.
pub fn closeness(word: &str, candidate: &str) -> Option<usize> {
    let length = word.chars().count();
    let allowed = (length / 3).clamp(1, 4);
    let prefix = candidate.starts_with(word) && word.len() >= 3;
    // The distance is at least the difference in length: most candidates end here.
    if !prefix && candidate.chars().count().abs_diff(length) > allowed {
        return None;
    }
    let distance = strsim::damerau_levenshtein(word, candidate);
    (distance <= allowed || prefix).then_some(distance)
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
