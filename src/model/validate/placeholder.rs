//! Template placeholders left in a configuration: `[PORT]`, `[ApplicationPhysicalPath]`,
//! `[HostingModel]`, the tokens deployment templates (the ASP.NET Core test harness, build
//! scripts) replace before a file is used. A file that still has them was never filled in.

/// The first placeholder in a value: `[` + a name (a letter, then letters, digits or `_`) + `]`.
/// IPv6 addresses (`[::1]`) and encrypted values (`[enc:…:enc]`) are not names.
pub fn find(value: &str) -> Option<&str> {
    let bytes = value.as_bytes();
    memchr::memchr_iter(b'[', bytes).find_map(|open| {
        let name = &bytes[open + 1..];
        let len = name
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        let closed = name.get(len) == Some(&b']');
        (len >= 2 && name[0].is_ascii_alphabetic() && closed).then(|| &value[open..open + len + 2])
    })
}

/// Whether the whole value (trimmed) is one placeholder.
pub fn is_whole(value: &str) -> bool {
    let value = value.trim();
    find(value).is_some_and(|p| p.len() == value.len())
}

/// The note added to a message about a value that holds a placeholder.
pub fn note(placeholder: &str) -> String {
    format!("{placeholder} looks like a template placeholder that was never filled in")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_bracketed_names() {
        assert_eq!(find(":[PORT]:localhost"), Some("[PORT]"));
        assert_eq!(find("[ANCMPath]"), Some("[ANCMPath]"));
        assert_eq!(find("D:\\[site_1]\\www"), Some("[site_1]"));
        for none in [
            "[::1]:80:",
            "[enc:AesProvider:abc:enc]",
            "[1x]",
            "[a]",
            "a[b",
            "[]",
            "x",
        ] {
            assert_eq!(find(none), None, "{none}");
        }
        assert!(is_whole(" [HostingModel] ") && !is_whole("x[PORT]"));
    }
}
