//! "Did you mean …?" for keys and names: fuzzy subsequence matches (fuzzy-matcher) first, then
//! small edit distances (strsim) for typos a subsequence match cannot see.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Up to `limit` candidates closest to `wanted`, best first.
pub fn closest(wanted: &str, candidates: &[String], limit: usize) -> Vec<String> {
    let matcher = SkimMatcherV2::default().ignore_case();
    let wanted_lower = wanted.to_lowercase();
    let mut scored: Vec<(i64, &String)> = candidates
        .iter()
        .filter_map(|c| {
            let fuzzy = matcher.fuzzy_match(c, wanted).map(|s| s + 1000);
            let distance = strsim::damerau_levenshtein(&wanted_lower, &c.to_lowercase());
            let near = (distance <= (wanted.len() / 3).max(2)).then(|| 500 - distance as i64 * 10);
            fuzzy.max(near).map(|score| (score, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.len().cmp(&b.1.len())));
    scored
        .into_iter()
        .take(limit)
        .map(|(_, c)| c.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_subsequences_and_typos() {
        let keys: Vec<String> = [
            "processModel.idleTimeout",
            "processModel.identityType",
            "startMode",
            "queueLength",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            closest("procesModel.idleTimeout", &keys, 1),
            vec!["processModel.idleTimeout"]
        );
        assert_eq!(closest("strtMode", &keys, 1), vec!["startMode"]);
        assert_eq!(closest("queueLenght", &keys, 1), vec!["queueLength"]);
        assert!(closest("zzzz", &keys, 3).is_empty());
    }
}
