//! How much one document may hold. Memory grows with nodes and attributes, not bytes: a 1 GB
//! file of `<a/>` lines is 200 million elements, and at 40 bytes a node its arena alone would
//! need 8 GB. Real configurations are far below these limits (a server with 10,000 sites has
//! about 121,000 nodes and 240,000 attributes); a file beyond them is refused while it is parsed,
//! before the memory is spent, with an error that names the limit.

/// Most nodes (elements, comments, text runs, …) a document may have: 4,194,304.
pub const MAX_NODES: usize = 4 << 20;

/// Most attributes a document may have, over all its elements: 8,388,608.
pub const MAX_ATTRIBUTES: usize = 8 << 20;

/// The error for a document with more than [`MAX_NODES`] nodes.
pub(crate) fn too_many_nodes() -> String {
    format!(
        "too many nodes: the file has more than {} elements, comments and text runs, iistui's limit (a server with 10,000 sites has about 121,000)",
        thousands(MAX_NODES)
    )
}

/// The error for a document with more than [`MAX_ATTRIBUTES`] attributes.
pub(crate) fn too_many_attributes() -> String {
    format!(
        "too many attributes: the file has more than {}, iistui's limit (a server with 10,000 sites has about 240,000)",
        thousands(MAX_ATTRIBUTES)
    )
}

/// `4194304` as `4,194,304`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::doc::Document;

    /// Parsing and checking both refuse `text` with `message`, at line `line`.
    fn refused(text: String, message: &str, line: u32) {
        let err = Document::parse(text.clone().into_bytes()).expect_err("refused");
        assert_eq!((err.message.as_str(), err.location.line), (message, line));
        let err = Document::parse_str_checked(text.as_bytes()).expect_err("check refuses");
        assert_eq!((err.message.as_str(), err.location.line), (message, line));
    }

    #[test]
    fn a_file_with_too_many_nodes_is_refused_where_it_crosses_the_limit() {
        // The root and MAX_NODES - 1 children are allowed; one more child is not. Before the
        // limit, a 1 GB file of such lines took 9 GB.
        let allowed = format!("<r>\n{}</r>\n", "<a/>\n".repeat(MAX_NODES - 1));
        assert_eq!(
            Document::parse(allowed.into_bytes())
                .map(|d| d.node_count())
                .ok(),
            Some(MAX_NODES + 1),
            "the document node and MAX_NODES nodes"
        );
        let over = format!("<r>\n{}</r>\n", "<a/>\n".repeat(MAX_NODES));
        refused(over, &too_many_nodes(), MAX_NODES as u32 + 1);
        // Comments and text count too.
        let mixed = format!("<r>\n{}</r>\n", "<!---->t\n".repeat(MAX_NODES / 2));
        refused(mixed, &too_many_nodes(), (MAX_NODES / 2) as u32 + 1);
    }

    #[test]
    fn a_file_with_too_many_attributes_is_refused_where_it_crosses_the_limit() {
        let per_element = "<e a='' b='' c='' d='' f='' g='' h='' i=''/>\n";
        let elements = MAX_ATTRIBUTES / 8;
        let allowed = format!("<r>\n{}</r>\n", per_element.repeat(elements));
        assert!(Document::parse(allowed.into_bytes()).is_ok());
        let over = format!("<r>\n{}<e z=''/>\n</r>\n", per_element.repeat(elements));
        refused(over, &too_many_attributes(), elements as u32 + 2);
    }

    #[test]
    fn a_node_costs_40_bytes() {
        // What the limits are sized by (a u32 attribute count did not grow it).
        assert_eq!(std::mem::size_of::<crate::model::doc::node::Node>(), 40);
        assert_eq!(std::mem::size_of::<crate::model::doc::node::Attr>(), 16);
    }

    #[test]
    fn limits_read_with_separators() {
        assert_eq!(thousands(MAX_NODES), "4,194,304");
        assert_eq!(thousands(MAX_ATTRIBUTES), "8,388,608");
        assert_eq!(thousands(999), "999");
    }
}
