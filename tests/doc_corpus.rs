//! Tier 1 on real files: every corpus applicationHost.config and web.config round-trips
//! byte-identical, and adding an attribute and a child element then removing them restores the
//! exact bytes, with every intermediate output re-parsing. Malformed files fail with a location.

mod common;

use iistui::model::doc::{Document, NewElement, NodeId};

fn deepest_element_with_children(doc: &Document) -> NodeId {
    let mut best = doc.root();
    let mut depth = 0;
    let mut stack = vec![(doc.root(), 0)];
    while let Some((node, d)) = stack.pop() {
        if doc.elements(node).next().is_some() && d > depth {
            best = node;
            depth = d;
        }
        stack.extend(doc.elements(node).map(|c| (c, d + 1)));
    }
    best
}

fn reparse(doc: &Document) {
    Document::parse(doc.to_bytes()).unwrap_or_else(|e| panic!("output does not re-parse: {e}"));
}

#[test]
fn corpus_files_round_trip_and_edits_invert() {
    let mut files = common::corpus_files("appHost");
    files.extend(common::corpus_files("webconfig"));
    let mut parsed = 0;
    for path in &files {
        let bytes = std::fs::read(path).expect("read");
        let mut doc = match Document::parse(bytes.clone()) {
            Ok(doc) => doc,
            Err(err) => {
                let err = err.with_path(path);
                assert!(
                    common::marked_malformed(path),
                    "well-formed file failed: {err}"
                );
                assert!(
                    err.to_string().starts_with(&format!("{}:", path.display())),
                    "{err}"
                );
                continue;
            }
        };
        parsed += 1;
        assert!(
            doc.to_bytes() == bytes,
            "{} does not round-trip",
            path.display()
        );

        let target = deepest_element_with_children(&doc);
        let first_child = doc.elements(target).next().unwrap_or(target);
        let mut inverses = Vec::new();
        inverses.push(
            doc.set_attribute(first_child, "iistuiProbe", "a&b \"c\"")
                .expect("add attribute"),
        );
        reparse(&doc);
        let count = doc.elements(target).count();
        let new = NewElement::new("add")
            .attr("name", "probe")
            .child(NewElement::new("inner"));
        inverses.push(
            doc.insert_element(target, count, &new)
                .expect("insert child"),
        );
        reparse(&doc);
        let root_first = doc.elements(doc.root()).next().unwrap_or(doc.root());
        inverses.push(
            doc.insert_element(root_first, 0, &NewElement::new("first"))
                .expect("insert first"),
        );
        reparse(&doc);
        for inverse in inverses.iter().rev() {
            doc.apply(inverse).expect("inverse applies");
            reparse(&doc);
        }
        assert!(
            doc.to_bytes() == bytes,
            "{} not restored after edits",
            path.display()
        );
    }
    if common::corpus_dir().is_some() {
        assert!(parsed >= 50, "only {parsed} corpus files parsed");
    }
}
