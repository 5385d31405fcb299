//! Shared wording of messages: counts with the right plural ("1 site", "2 sites"). The CLI, the
//! TUI and model errors all count through here, so no message says "1 sites".

/// `n` and `word`, plural unless `n` is 1: `count(1, "error")` is "1 error", `count(0, "error")`
/// "0 errors". `word` is the singular; its plural adds "s" (every word counted here does).
pub fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(0, "error"), "0 errors");
        assert_eq!(count(1, "site"), "1 site");
        assert_eq!(count(2, "application pool"), "2 application pools");
    }
}
