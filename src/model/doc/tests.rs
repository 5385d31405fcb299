//! Tier-1 table tests of the lossless document: given / edit / produces for every edit kind on
//! LF, CRLF, tab-indented, single-quoted, self-closing and BOM inputs, plus malformed input
//! with the expected line:column.

use super::*;

fn doc(text: &str) -> Document {
    Document::parse(text.as_bytes().to_vec()).unwrap_or_else(|e| panic!("parse failed: {e}"))
}

fn find(doc: &Document, name: &str) -> NodeId {
    let mut all = vec![doc.root()];
    all.extend(doc.descendants(doc.root()));
    all.into_iter()
        .find(|n| doc.name(*n) == name)
        .unwrap_or_else(|| panic!("no <{name}>"))
}

enum Op {
    Set(&'static str, &'static str, &'static str),
    Remove(&'static str, &'static str),
    Insert(&'static str, usize, fn() -> NewElement),
    Delete(&'static str),
    Text(&'static str, &'static str),
}

fn site() -> NewElement {
    NewElement::new("site").attr("name", "b").attr("id", "2")
}

fn site_with_app() -> NewElement {
    site().child(NewElement::new("application").attr("path", "/"))
}

fn run(given: &str, op: &Op) -> String {
    let mut d = doc(given);
    let before = d.to_bytes();
    let inverse = match op {
        Op::Set(el, name, value) => d.set_attribute(find(&d, el), name, value),
        Op::Remove(el, name) => d.remove_attribute(find(&d, el), name),
        Op::Insert(el, index, make) => d.insert_element(find(&d, el), *index, &make()),
        Op::Delete(el) => d.remove_element(find(&d, el)),
        Op::Text(el, text) => d.set_text(find(&d, el), text),
    }
    .unwrap_or_else(|e| panic!("edit failed: {e}"));
    let produced = String::from_utf8(d.to_bytes()).expect("utf-8");
    // Every output re-parses, and the inverse restores the exact input bytes.
    doc(&produced);
    d.apply(&inverse).expect("inverse applies");
    assert_eq!(d.to_bytes(), before, "inverse did not restore the input");
    produced
}

#[test]
fn given_edit_produces() {
    let cases: Vec<(&str, &str, Op, &str)> = vec![
        // set attribute value
        (
            "LF",
            "<a>\n  <b x=\"1\" />\n</a>\n",
            Op::Set("b", "x", "2"),
            "<a>\n  <b x=\"2\" />\n</a>\n",
        ),
        (
            "CRLF",
            "<a>\r\n  <b x=\"1\"/>\r\n</a>",
            Op::Set("b", "x", "a&b"),
            "<a>\r\n  <b x=\"a&amp;b\"/>\r\n</a>",
        ),
        (
            "single quote",
            "<a><b x='1'/></a>",
            Op::Set("b", "x", "it's"),
            "<a><b x='it&apos;s'/></a>",
        ),
        (
            "spaced equals",
            "<a><b x = \"1\" y=\"2\"/></a>",
            Op::Set("b", "x", "<"),
            "<a><b x = \"&lt;\" y=\"2\"/></a>",
        ),
        // add attribute
        (
            "add LF",
            "<a>\n  <b x=\"1\" />\n</a>\n",
            Op::Set("b", "y", "2"),
            "<a>\n  <b x=\"1\" y=\"2\" />\n</a>\n",
        ),
        (
            "add none",
            "<a><b/></a>",
            Op::Set("b", "y", "\"q\""),
            "<a><b y=\"&quot;q&quot;\"/></a>",
        ),
        (
            "add single",
            "<a><b x='1'/></a>",
            Op::Set("b", "y", "2"),
            "<a><b x='1' y='2'/></a>",
        ),
        (
            "add multi-line",
            "<a>\r\n  <b x=\"1\"\r\n     z=\"3\" />\r\n</a>",
            Op::Set("b", "y", "2"),
            "<a>\r\n  <b x=\"1\"\r\n     z=\"3\"\r\n     y=\"2\" />\r\n</a>",
        ),
        // remove attribute
        (
            "remove first",
            "<a><b x=\"1\"  y=\"2\" /></a>",
            Op::Remove("b", "x"),
            "<a><b  y=\"2\" /></a>",
        ),
        (
            "remove last",
            "<a><b x=\"1\" y='2'/></a>",
            Op::Remove("b", "y"),
            "<a><b x=\"1\"/></a>",
        ),
        // insert element
        (
            "append LF",
            "<sites>\n    <site name=\"a\" id=\"1\" />\n    <siteDefaults />\n</sites>\n",
            Op::Insert("sites", 1, site),
            "<sites>\n    <site name=\"a\" id=\"1\" />\n    <site name=\"b\" id=\"2\" />\n    <siteDefaults />\n</sites>\n",
        ),
        (
            "append CRLF end",
            "<sites>\r\n    <site name=\"a\" id=\"1\"/>\r\n</sites>",
            Op::Insert("sites", 1, site),
            "<sites>\r\n    <site name=\"a\" id=\"1\"/>\r\n    <site name=\"b\" id=\"2\"/>\r\n</sites>",
        ),
        (
            "insert first tabs",
            "<c>\n\t<sites>\n\t\t<site name='a'/>\n\t</sites>\n</c>",
            Op::Insert("sites", 0, site_with_app),
            "<c>\n\t<sites>\n\t\t<site name='b' id='2'>\n\t\t\t<application path='/'/>\n\t\t</site>\n\t\t<site name='a'/>\n\t</sites>\n</c>",
        ),
        (
            "into self-closing",
            "<c>\n  <x />\n  <sites />\n</c>",
            Op::Insert("sites", 0, site),
            "<c>\n  <x />\n  <sites>\n    <site name=\"b\" id=\"2\" />\n  </sites>\n</c>",
        ),
        (
            "into empty pair CRLF",
            "<c>\r\n\t<sites></sites>\r\n</c>",
            Op::Insert("sites", 0, site),
            "<c>\r\n\t<sites>\r\n\t\t<site name=\"b\" id=\"2\" />\r\n\t</sites>\r\n</c>",
        ),
        (
            "after comment",
            "<c>\n  <sites>\n    <!-- none yet -->\n  </sites>\n</c>",
            Op::Insert("sites", 0, site),
            "<c>\n  <sites>\n    <!-- none yet -->\n    <site name=\"b\" id=\"2\" />\n  </sites>\n</c>",
        ),
        (
            "BOM",
            "\u{feff}<?xml version=\"1.0\"?>\r\n<sites>\r\n  <site name=\"a\" />\r\n</sites>\r\n",
            Op::Insert("sites", 1, site),
            "\u{feff}<?xml version=\"1.0\"?>\r\n<sites>\r\n  <site name=\"a\" />\r\n  <site name=\"b\" id=\"2\" />\r\n</sites>\r\n",
        ),
        // remove element
        (
            "remove own line",
            "<sites>\n    <site name=\"a\"/>\n    <site name=\"b\">\n    </site>\n</sites>",
            Op::Delete("site"),
            "<sites>\n    <site name=\"b\">\n    </site>\n</sites>",
        ),
        (
            "remove inline",
            "<a><b/><c/></a>",
            Op::Delete("b"),
            "<a><c/></a>",
        ),
        // replace text
        (
            "text",
            "<a><b>old</b></a>",
            Op::Text("b", "x < y"),
            "<a><b>x &lt; y</b></a>",
        ),
        (
            "text self-closing",
            "<a><b /></a>",
            Op::Text("b", "new"),
            "<a><b>new</b></a>",
        ),
    ];
    for (label, given, op, expected) in &cases {
        assert_eq!(run(given, op), *expected, "case {label}");
    }
}

#[test]
fn unedited_documents_print_their_exact_bytes() {
    let inputs: &[&[u8]] = &[
        b"<a/>",
        b"\xEF\xBB\xBF<a>\r\n\t<b x = 'v' y=\"&amp;&#65;\"></b>\n<c/>  <!-- c --></a>\n\n",
        b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- head -->\n<a><![CDATA[<raw>]]><?pi x?></a><!--tail-->",
        b"<a\n   x=\"1\"\n   y=\"2\" />",
        b"<!DOCTYPE a>\n<a>text &lt; more</a>   ",
    ];
    for input in inputs {
        let d = Document::parse(input.to_vec()).expect("parses");
        assert_eq!(&d.to_bytes(), input);
    }
}

#[test]
fn values_are_unescaped_on_read() {
    let d = doc("<a x=\"a&amp;b&quot;&#x41;\" y='it&apos;s'>t&lt;u</a>");
    assert_eq!(d.attr_value(d.root(), "x").as_deref(), Some("a&b\"A"));
    assert_eq!(d.attr_value(d.root(), "y").as_deref(), Some("it's"));
    assert_eq!(d.inner_text(d.root()).as_deref(), Some("t<u"));
}

#[test]
fn style_is_detected() {
    let d = doc("<a>\r\n\t<b x='1'/>\r\n\t<c>\r\n\t\t<d/>\r\n\t</c>\r\n</a>");
    let style = d.style();
    assert_eq!(
        (
            style.newline,
            style.indent_unit.as_str(),
            style.quote,
            style.self_close_space
        ),
        ("\r\n", "\t", '\'', false)
    );
}

#[test]
fn value_fast_path_keeps_spans_right() {
    let mut d = doc("<a><b x=\"1\" y=\"2\"/><c z=\"3\">t</c></a>");
    let b = find(&d, "b");
    d.set_attribute(b, "x", "longer value").expect("set");
    let c = find(&d, "c");
    assert_eq!(d.attr_value(c, "z").as_deref(), Some("3"));
    assert_eq!(d.attr_value(b, "y").as_deref(), Some("2"));
    assert_eq!(d.inner_text(c).as_deref(), Some("t"));
    assert_eq!(
        d.text(),
        "<a><b x=\"longer value\" y=\"2\"/><c z=\"3\">t</c></a>"
    );
    assert_eq!(
        d.text(),
        Document::parse_str(d.text()).expect("reparse").text()
    );
}

#[test]
fn value_fast_path_leaves_the_same_arena_as_a_fresh_parse() {
    let source = "<?xml version=\"1.0\"?>\r\n<a k=\"0\">\r\n  <b x=\"1\" y=\"2\"/>\r\n  <!-- c -->\r\n  <c z=\"3\">t<d w=\"\"/></c>\r\n  <e v=\"4\"></e>\r\n</a>\r\n";
    let base = doc(source);
    let slots: Vec<(NodeId, String)> = base
        .descendants(NodeId::DOCUMENT)
        .into_iter()
        .filter(|n| base.is_element(*n))
        .flat_map(|e| {
            base.attrs(e)
                .map(|a| (e, a.name().to_owned()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(slots.len(), 6);
    for (element, name) in &slots {
        for value in ["", "9", "a much longer value than before"] {
            let mut edited = doc(source);
            edited.set_attribute(*element, name, value).expect("set");
            let fresh = Document::parse_str(edited.text()).expect("reparse");
            assert_eq!(edited.nodes, fresh.nodes, "{name}={value:?}");
            assert_eq!(edited.attrs, fresh.attrs, "{name}={value:?}");
        }
    }
}

#[test]
fn a_patch_that_breaks_the_file_is_refused_and_changes_nothing() {
    let mut d = doc("<a><b/></a>");
    let err = d
        .apply(&Patch {
            offset: 3,
            old: String::new(),
            new: String::from("<c>"),
        })
        .expect_err("refused");
    assert!(matches!(err, EditError::WouldNotParse(_)), "{err}");
    assert_eq!(d.text(), "<a><b/></a>");
    let stale = d.apply(&Patch {
        offset: 0,
        old: String::from("<x"),
        new: String::new(),
    });
    assert!(matches!(stale, Err(EditError::Stale { .. })));
}

/// label, input, expected (line, column), text the message must contain.
type MalformedCase<'a> = (&'a str, &'a [u8], (u32, u32), &'a str);

#[test]
fn malformed_input_names_line_and_column() {
    let cases: &[MalformedCase] = &[
        ("empty", b"", (1, 1), "empty"),
        ("whitespace only", b"  \n ", (2, 2), "empty"),
        ("unclosed tag", b"<a>\n  <b x=\"1\"", (2, 3), "not closed"),
        (
            "unclosed value",
            b"<configuration>\n  <a b=\"1 />\n  <c d='2' />\n</configuration>\n",
            (2, 8),
            "attribute value opened by this \" is not closed (missing closing \")",
        ),
        (
            "unclosed single-quoted value",
            b"<a>\n  <b x='1\" y=\"2\" />\n</a>",
            (2, 8),
            "missing closing '",
        ),
        (
            "truncated",
            b"<configuration>\n  <sites>\n",
            (3, 1),
            "<sites> opened at 2:3 is not closed",
        ),
        (
            "mismatched",
            b"<a>\n <b>\n </c>\n</a>",
            (3, 2),
            "</c> does not match <b> opened at 2:2",
        ),
        (
            "unmatched end",
            b"<a/>\n</b>",
            (2, 1),
            "no matching start tag",
        ),
        (
            "duplicate attribute",
            b"<a>\n  <b x=\"1\" x=\"2\"/></a>",
            (2, 12),
            "duplicate attribute 'x'",
        ),
        (
            "bad entity",
            b"<a x=\"&nbsp;\"/>",
            (1, 7),
            "unknown entity &nbsp;",
        ),
        ("bare ampersand", b"<a>AT&T</a>", (1, 6), "&amp;"),
        (
            "junk after root",
            b"<a/>\n<b/>",
            (2, 1),
            "junk after the root element",
        ),
        (
            "text after root",
            b"<a/>\nhello",
            (2, 1),
            "junk after the root element",
        ),
        (
            "binary",
            b"<a>\x00\x01\x02</a>",
            (1, 4),
            "control characters",
        ),
        ("not utf-8", b"\x89PNG\r\n\x1a\n", (1, 1), "invalid UTF-8"),
        ("unquoted", b"<a x=1/>", (1, 6), "must be quoted"),
        ("lt in value", b"<a x=\"<\"/>", (1, 7), "'<' is not allowed"),
        (
            "unclosed comment",
            b"<a>\n<!-- x",
            (2, 1),
            "comment is not closed",
        ),
        (
            "late declaration",
            b"<a/>\n<?xml version=\"1.0\"?>",
            (2, 1),
            "only allowed at the very start",
        ),
        (
            "no root",
            b"<!-- only a comment -->",
            (1, 24),
            "no root element",
        ),
        (
            "utf-8 column",
            "<a é=\"1\" é=\"2\"/>".as_bytes(),
            (1, 10),
            "duplicate attribute",
        ),
    ];
    for (label, input, (line, column), needle) in cases {
        let err = Document::parse(input.to_vec()).expect_err(label);
        assert_eq!(
            (err.location.line, err.location.column),
            (*line, *column),
            "{label}: {err}"
        );
        assert!(err.message.contains(needle), "{label}: {err}");
    }
    let err = Document::parse(b"<a>".to_vec())
        .expect_err("x")
        .with_path(std::path::Path::new("C:/x.config"));
    assert_eq!(
        err.to_string(),
        "C:/x.config:1:4: unexpected end of file: <a> opened at 1:1 is not closed (is the file truncated?)"
    );
}

const TRICKY: &str = "<?xml version=\"1.0\"?>\n<configuration>\n  <!--\n  <sites>\n    <site name=\"x\"/>\n  -->\n  <a k=\"1\">\n    text &amp; more\n    <![CDATA[\n<b>\n    ]]>\n  </a>\n  <?pi\n<c>\n  ?>\n  <d x=\"1\"/>\n  <e>\n    <f>\n      <g y=\"2\"/>\n    </f>\n  </e>\n</configuration>\n<!-- trailing -->\n";

/// Every cut either falls back (None) or yields exactly the sequential arena; the check-only
/// halves never accept what the sequential parse refuses.
fn check_every_cut(text: &str) -> usize {
    let sequential = super::parse::parse_sequential(text);
    let mut used = 0;
    for cut in super::parallel::line_start_tags(text, 0, text.len()) {
        if super::parallel::check_in_two(text, Some(cut)) {
            assert!(
                sequential.is_ok(),
                "check in two accepted a document the parse refuses (cut {cut})"
            );
        }
        let Some(parallel) = super::parallel::parse_in_two(text, Some(cut)) else {
            continue;
        };
        let sequential = sequential.as_ref().unwrap_or_else(|e| {
            panic!("cut {cut} succeeded where the sequential parse fails: {e}")
        });
        assert!(
            parallel.root == sequential.root,
            "root differs at cut {cut}"
        );
        assert!(
            parallel.attrs == sequential.attrs,
            "attrs differ at cut {cut}"
        );
        assert!(
            parallel.nodes == sequential.nodes,
            "nodes differ at cut {cut}"
        );
        used += 1;
    }
    used
}

#[test]
fn parallel_parse_equals_sequential_at_every_cut() {
    let fixture = include_str!("../../../tests/fixtures/apphost_small.config");
    let demo = include_str!("../../../assets/demo/applicationHost.config");
    let generated = crate::model::generate::apphost_config(30);
    let without_trailer = TRICKY.replace("<!-- trailing -->\n", "");
    for (label, text) in [
        ("tricky", without_trailer.as_str()),
        ("fixture", fixture),
        ("demo", demo),
        ("generated", generated.as_str()),
    ] {
        assert!(check_every_cut(text) > 0, "{label}: no cut was usable");
        let checked = super::parallel::line_start_tags(text, 0, text.len())
            .filter(|cut| super::parallel::check_in_two(text, Some(*cut)))
            .count();
        assert!(
            checked > 0,
            "{label}: the two-half check never accepted a cut"
        );
    }
    // Something after the root always goes back to the sequential parse.
    assert_eq!(check_every_cut(TRICKY), 0);
    // Malformed documents never parse in two: the sequential parse reports the error.
    let malformed = [
        TRICKY.replace("</e>", "</x>"),
        TRICKY.replace("</configuration>\n", ""),
        format!("{TRICKY}<second/>\n"),
        TRICKY.replace("<d x=\"1\"/>", "<d x=\"1\" x=\"2\"/>"),
        TRICKY.replace("text &amp; more", "text &nbsp; more"),
        TRICKY.replace("<g y=\"2\"/>", "<g y=2/>"),
    ];
    for text in &malformed {
        assert!(super::parse::parse_sequential(text).is_err());
        assert_eq!(check_every_cut(text), 0);
    }
}

#[test]
fn parallel_parse_matches_on_the_corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !dir.is_dir() {
        eprintln!(
            "notice: {} is absent; corpus cut test skipped",
            dir.display()
        );
        return;
    }
    for folder in ["appHost", "webconfig"] {
        for entry in std::fs::read_dir(dir.join(folder))
            .expect("corpus")
            .flatten()
        {
            let Ok(doc) = Document::parse(std::fs::read(entry.path()).expect("read")) else {
                continue;
            };
            let text = doc.text();
            let sequential = super::parse::parse_sequential(text).expect("parses");
            for cut in super::parallel::line_start_tags(text, 0, text.len()).step_by(37) {
                if let Some(parallel) = super::parallel::parse_in_two(text, Some(cut)) {
                    assert!(
                        parallel.nodes == sequential.nodes && parallel.attrs == sequential.attrs,
                        "{} cut {cut}",
                        entry.path().display()
                    );
                }
            }
        }
    }
}

/// The check-only pass (used before saving) must accept and refuse exactly what a full parse
/// does, with the same message and location.
fn same_verdict(text: &str) {
    let full = super::parse::parse(text).map(|_| ());
    let checked = super::parse::check(text);
    assert_eq!(
        full, checked,
        "check-only disagrees with the full parse on:\n{text}"
    );
}

#[test]
fn check_only_agrees_with_the_full_parse() {
    let inputs = [
        TRICKY.to_owned(),
        TRICKY.replace("</e>", "</x>"),
        TRICKY.replace("</configuration>\n", ""),
        format!("{TRICKY}<second/>\n"),
        TRICKY.replace("<d x=\"1\"/>", "<d x=\"1\" x=\"2\"/>"),
        TRICKY.replace("text &amp; more", "text &nbsp; more"),
        String::from("<a/>"),
        String::from("<a>\n  <b x=\"1\"/>\n  <b x=\"2\"/>\n</a>\n<!-- after -->"),
        String::from(""),
        String::from("<!-- only -->"),
        String::from("<a><b></a>"),
        String::from("<a>\n<?xml version=\"1.0\"?></a>"),
        String::from("text<a/>"),
        String::from("<a/><![CDATA[x]]>"),
    ];
    for input in &inputs {
        same_verdict(input);
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    for folder in ["appHost", "webconfig"] {
        for entry in std::fs::read_dir(dir.join(folder))
            .into_iter()
            .flatten()
            .flatten()
        {
            let bytes = std::fs::read(entry.path()).expect("read");
            if let Ok(text) = String::from_utf8(bytes) {
                same_verdict(&text);
            }
        }
    }
}

#[test]
fn large_files_report_bad_characters_where_they_are() {
    let big = crate::model::generate::apphost_config(1_200);
    assert!(big.len() >= super::parallel::MIN_LEN, "{}", big.len());
    let line_count = big.lines().count() as u32;
    Document::parse(big.clone().into_bytes()).expect("clean file parses");
    // A control character early, late, and a non-ASCII file with one.
    for (line, text) in [(3u32, "é"), (line_count - 2, ""), (line_count - 2, "ü")] {
        let mut lines: Vec<String> = big.lines().map(str::to_owned).collect();
        lines[0].push_str(text);
        lines[line as usize - 1].insert(0, '\u{1}');
        let bytes = lines.join("\n").into_bytes();
        let err = Document::parse(bytes.clone()).expect_err("control character");
        assert_eq!((err.location.line, err.location.column), (line, 1), "{err}");
        assert!(err.message.contains("U+0001"), "{err}");
        assert_eq!(
            Document::parse_str_checked(&bytes).expect_err("check-only"),
            err
        );
    }
    let accented = big.replacen("<configuration>", "<configuration><!-- café -->", 1);
    Document::parse(accented.into_bytes()).expect("non-ASCII file parses");
}

#[test]
fn a_document_parsed_in_two_halves_reads_and_edits_like_one_parsed_in_one() {
    let text = crate::model::generate::apphost_config(30);
    let cuts: Vec<usize> = super::parallel::line_start_tags(&text, 0, text.len())
        .step_by(41)
        .collect();
    let mut used = 0;
    for cut in cuts {
        let Some(parsed) = super::parallel::parse_in_two(&text, Some(cut)) else {
            continue;
        };
        used += 1;
        let mut halves = Document::from_parsed(text.clone(), Encoding::Utf8, parsed);
        let whole = Document::parse_str(&text).expect("parses");
        let elements: Vec<NodeId> = whole
            .descendants(NodeId::DOCUMENT)
            .into_iter()
            .filter(|n| whole.is_element(*n))
            .collect();
        for &e in &elements {
            let a: Vec<String> = halves.attrs(e).map(|a| a.value().into_owned()).collect();
            let b: Vec<String> = whole.attrs(e).map(|a| a.value().into_owned()).collect();
            assert_eq!(a, b, "cut {cut}");
        }
        // Value edits on both sides of the cut, longer and shorter, keep the arena exact.
        for (i, &e) in elements.iter().enumerate().step_by(7) {
            let Some(name) = halves.attrs(e).next().map(|a| a.name().to_owned()) else {
                continue;
            };
            let value = if i % 2 == 0 {
                "a longer value than before"
            } else {
                ""
            };
            halves.set_attribute(e, &name, value).expect("set");
            let fresh = Document::parse_str(halves.text()).expect("reparse");
            assert!(halves.nodes == fresh.nodes, "nodes after edit, cut {cut}");
            assert!(halves.attrs == fresh.attrs, "attrs after edit, cut {cut}");
        }
        // A structural edit re-parses into a fresh arena.
        let last = *elements.last().expect("elements");
        halves
            .insert_element(last, 0, &NewElement::new("extra").attr("k", "v"))
            .expect("insert");
        assert!(halves.text().contains("<extra k=\"v\""));
    }
    assert!(used > 3, "only {used} cuts were usable");
}

#[test]
fn line_indent_is_the_whitespace_before_an_element_alone_at_its_lines_start() {
    let text = "\u{feff}  <a>\n\t<b/> <c/>\n</a>\n";
    let doc = Document::parse_str(text).expect("parse");
    let at = |needle: &str| text.find(needle).expect("found");
    assert_eq!(doc.line_indent(at("<a>")), Some("  "), "after a BOM");
    assert_eq!(doc.line_indent(at("<b/>")), Some("\t"));
    assert_eq!(
        doc.line_indent(at("<c/>")),
        None,
        "after other text on its line"
    );
    assert_eq!(doc.line_indent(at("</a>")), Some(""));
}
