//! Property tests of the lossless document: random sequences of edits followed by their inverses
//! in reverse order restore the bytes, and every intermediate document re-parses to the same text.

use iistui::model::doc::{Document, NewElement, NodeId};
use proptest::prelude::*;

const BASES: &[&str] = &[
    "<configuration>\n  <system.applicationHost>\n    <sites>\n      <site name=\"a\" id=\"1\">\n        <bindings>\n          <binding protocol=\"http\" bindingInformation=\"*:80:\" />\n        </bindings>\n      </site>\n      <siteDefaults />\n    </sites>\n  </system.applicationHost>\n</configuration>\n",
    "\u{feff}<?xml version=\"1.0\"?>\r\n<configuration>\r\n\t<a x='1'>\r\n\t\t<!-- note -->\r\n\t\t<b/>\r\n\t</a>\r\n\t<c></c>\r\n</configuration>",
    "<r><a x=\"1\"  y = '2'/><b>text &amp; more</b><c/></r>",
];

#[derive(Debug, Clone)]
enum Op {
    SetAttr(usize, usize, String),
    RemoveAttr(usize, usize),
    Insert(usize, usize, String),
    Remove(usize),
    Text(usize, String),
}

fn op() -> impl Strategy<Value = Op> {
    let value = "[ -~é\t\n&<>\"']{0,12}";
    prop_oneof![
        (any::<usize>(), 0usize..4, value).prop_map(|(n, a, v)| Op::SetAttr(n, a, v)),
        (any::<usize>(), any::<usize>()).prop_map(|(n, a)| Op::RemoveAttr(n, a)),
        (any::<usize>(), any::<usize>(), "[a-z]{1,6}")
            .prop_map(|(n, i, name)| Op::Insert(n, i, name)),
        any::<usize>().prop_map(Op::Remove),
        (any::<usize>(), value).prop_map(|(n, v)| Op::Text(n, v)),
    ]
}

fn elements(doc: &Document) -> Vec<NodeId> {
    let mut all = vec![doc.root()];
    all.extend(doc.descendants(doc.root()));
    all
}

const NAMES: [&str; 4] = ["x", "y", "name", "id"];

fn apply(doc: &mut Document, op: &Op) -> Option<iistui::model::doc::Patch> {
    let els = elements(doc);
    let pick = |n: usize| els[n % els.len()];
    match op {
        Op::SetAttr(n, a, v) => doc.set_attribute(pick(*n), NAMES[*a], v).ok(),
        Op::RemoveAttr(n, a) => {
            let el = pick(*n);
            let names: Vec<String> = doc.attrs(el).map(|x| x.name().to_owned()).collect();
            if names.is_empty() {
                return None;
            }
            doc.remove_attribute(el, &names[a % names.len()]).ok()
        }
        Op::Insert(n, i, name) => {
            let el = pick(*n);
            let count = doc.elements(el).count();
            let new = NewElement::new(name.as_str()).attr("k", "v");
            doc.insert_element(el, i % (count + 1), &new).ok()
        }
        Op::Remove(n) => doc.remove_element(pick(*n)).ok(),
        Op::Text(n, v) => doc.set_text(pick(*n), v).ok(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn edits_then_inverses_restore_bytes(base in 0usize..BASES.len(), ops in prop::collection::vec(op(), 1..12)) {
        let mut doc = Document::parse(BASES[base].as_bytes().to_vec()).expect("base parses");
        let original = doc.to_bytes();
        let mut inverses = Vec::new();
        for op in &ops {
            if let Some(inverse) = apply(&mut doc, op) {
                inverses.push(inverse);
            }
            let reparsed = Document::parse(doc.to_bytes());
            prop_assert!(reparsed.is_ok(), "intermediate does not parse: {:?}\n{}", reparsed.err(), doc.text());
            prop_assert_eq!(reparsed.map(|d| d.node_count()).ok(), Some(doc.node_count()));
        }
        for inverse in inverses.iter().rev() {
            prop_assert!(doc.apply(inverse).is_ok());
        }
        prop_assert_eq!(doc.to_bytes(), original);
    }
}

/// Real-looking files to damage: the test fixture and the demo server's configuration.
const REAL: &[&str] = &[
    include_str!("fixtures/apphost_small.config"),
    include_str!("../assets/demo/applicationHost.config"),
];

/// Byte strings that break files the way editors, truncated copies and bad merges do.
const DAMAGE: &[&[u8]] = &[
    b"<",
    b">",
    b"&",
    b"\"",
    b"'",
    b"</x>",
    b"<a",
    b"=",
    b"\0",
    b"\xff",
    b"\xc3",
    b"]]>",
    b"<!--",
    b"&#0;",
    b"&#x110000;",
    b"\r",
    b"<?xml version=\"1.0\"?>",
    b"\xef\xbb\xbf",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// A damaged file either parses (and then prints back byte-for-byte, and every read of the
    /// model and the validator runs without panicking) or is refused with a 1-based location.
    #[test]
    fn damaged_files_parse_or_fail_cleanly(
        base in 0usize..REAL.len(),
        damage in prop::collection::vec((any::<usize>(), 0usize..DAMAGE.len() + 2, 1usize..40), 1..4),
    ) {
        use iistui::model::apphost::AppHost;
        use iistui::model::schema::SchemaSet;
        let mut bytes = REAL[base].as_bytes().to_vec();
        for (at, kind, len) in damage {
            let at = at % (bytes.len() + 1);
            match kind {
                k if k < DAMAGE.len() => {
                    bytes.splice(at..at, DAMAGE[k].iter().copied());
                }
                k if k == DAMAGE.len() => {
                    bytes.drain(at..(at + len).min(bytes.len()));
                }
                _ => bytes.truncate(at),
            }
        }
        match Document::parse(bytes.clone()) {
            Ok(doc) => {
                prop_assert_eq!(doc.to_bytes(), bytes);
                let schema = SchemaSet::bundled();
                let host = AppHost::new(&doc, &schema);
                for site in host.sites() {
                    let _ = (site.name(), site.id(), site.bindings(), site.physical_path());
                    let _ = site.get("limits.connectionTimeout");
                    for app in site.applications() {
                        let _ = (app.id(), app.app_pool_name());
                        for vdir in app.virtual_directories() {
                            let _ = (vdir.id(), vdir.physical_path_text());
                        }
                    }
                }
                for pool in host.app_pools() {
                    let _ = (pool.name(), pool.get("processModel.idleTimeout"));
                }
                let _ = iistui::model::validate::validate(&doc, &schema);
            }
            Err(error) => {
                prop_assert!(error.location.line >= 1 && error.location.column >= 1, "{}", error);
                prop_assert!(!error.message.is_empty());
            }
        }
    }
}
