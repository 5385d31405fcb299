//! Parsing a large document in two halves on two threads. The cut is a start tag at the
//! beginning of a line near the middle; the first half is parsed leaving elements open, the
//! second half may close elements it never opened. Stitching checks that the second half closes
//! exactly the elements left open (innermost first, same names) and hangs its top-level nodes
//! under them, giving the same arena a sequential parse gives. A cut that lands inside a
//! comment, CDATA or processing instruction makes the first half fail, and any doubt at all
//! returns `None` so the caller parses sequentially (which also produces the exact error).

use super::arena::Arena;
use super::limits::{MAX_ATTRIBUTES, MAX_NODES};
use super::node::{NodeId, NodeKind};
use super::parse::{Fragment, Mode, Parsed, check_part, run};

/// Documents from this size are worth two threads.
pub(crate) const MIN_LEN: usize = 1 << 20;

/// Start tags that begin a line: candidate cuts.
pub(crate) fn line_start_tags(
    text: &str,
    from: usize,
    to: usize,
) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\n', &bytes[from..to]).filter_map(move |p| {
        let mut at = from + p + 1;
        while at < bytes.len() && matches!(bytes[at], b' ' | b'\t' | b'\r') {
            at += 1;
        }
        let starts_tag = at + 1 < bytes.len()
            && bytes[at] == b'<'
            && (bytes[at + 1].is_ascii_alphabetic() || bytes[at + 1] == b'_');
        starts_tag.then_some(at)
    })
}

/// The cut to use: the forced one (tests), else a start tag near the middle.
fn choose_cut(text: &str, cut: Option<usize>) -> Option<(usize, usize)> {
    let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let cut = match cut {
        Some(cut) => cut,
        None => {
            let middle = text.len() / 2;
            line_start_tags(text, middle, (middle + (256 << 10)).min(text.len())).next()?
        }
    };
    (cut > base && cut < text.len() && text.as_bytes()[cut] == b'<').then_some((base, cut))
}

/// Whether the suffix closes exactly the prefix's open elements (innermost first, same names),
/// nothing follows the root, and the halves together stay within the limits (each half checked
/// its own count; over the sum, the sequential parse reports where the limit was crossed).
fn halves_meet(text: &str, a: &Fragment, b: &Fragment) -> bool {
    if a.counted_nodes + b.counted_nodes > MAX_NODES
        || a.counted_attrs + b.counted_attrs > MAX_ATTRIBUTES
    {
        return false;
    }
    if a.root == NodeId::NONE || a.open.first() != Some(&a.root) || b.closes.len() != a.open.len() {
        return false;
    }
    if b.groups.get(b.closes.len()).is_some_and(|g| !g.is_empty()) {
        return false;
    }
    b.closes
        .iter()
        .enumerate()
        .all(|(i, (name_start, name_len, _))| {
            let node = &a.nodes[a.open[a.open.len() - 1 - i] as usize];
            let open_name =
                &text[node.start as usize + 1..node.start as usize + 1 + node.name_len as usize];
            &text[*name_start..name_start + name_len] == open_name
        })
}

/// Checks (without building an arena) in two halves; `false` means "check sequentially".
pub(crate) fn check_in_two(text: &str, cut: Option<usize>) -> bool {
    let Some((base, cut)) = choose_cut(text, cut) else {
        return false;
    };
    let (prefix, suffix) = std::thread::scope(|scope| {
        let suffix = scope.spawn(|| check_part(text, cut, text.len(), Mode::Suffix));
        let prefix = check_part(text, base, cut, Mode::Prefix);
        (prefix, suffix.join())
    });
    matches!((prefix, suffix), (Ok(a), Ok(Ok(b))) if halves_meet(text, &a, &b))
}

/// Parses in two halves; `cut` forces the cut (tests), else one is found near the middle.
pub(crate) fn parse_in_two(text: &str, cut: Option<usize>) -> Option<Parsed> {
    let (base, cut) = choose_cut(text, cut)?;
    let (prefix, suffix) = std::thread::scope(|scope| {
        let suffix = scope.spawn(|| run(text, cut, text.len(), Mode::Suffix, text.len() - cut));
        let prefix = run(text, base, cut, Mode::Prefix, cut - base);
        (prefix, suffix.join())
    });
    stitch(text, prefix.ok()?, suffix.ok()?.ok()?)
}

/// Joins the halves without copying the second: its nodes are renumbered in place and the
/// arena reads them where the second thread built them (after its own document node).
fn stitch(text: &str, a: Fragment, b: Fragment) -> Option<Parsed> {
    // Anything after the root closes (comments, junk) is left to the sequential parse.
    if !halves_meet(text, &a, &b) {
        return None;
    }
    let innermost = |i: usize| a.open[a.open.len() - 1 - i] as usize;
    let offset = (a.nodes.len() - 1) as u32;
    let attr_offset = a.attrs.len() as u32;
    let shift = |id: u32| {
        if id == NodeId::NONE {
            NodeId::NONE
        } else {
            id + offset
        }
    };
    let mut suffix_nodes = b.nodes;
    for node in suffix_nodes.iter_mut().skip(1) {
        node.parent = shift(node.parent);
        node.first_child = shift(node.first_child);
        node.last_child = shift(node.last_child);
        node.next_sibling = shift(node.next_sibling);
        if node.kind == NodeKind::Element {
            node.attr_start += attr_offset;
        }
    }
    let mut nodes = Arena::joined(a.nodes, suffix_nodes, 1);
    let attrs = Arena::joined(a.attrs, b.attrs, 0);
    for (g, group) in b.groups.iter().take(b.closes.len()).enumerate() {
        let parent = innermost(g);
        for &id in group {
            let id = id + offset;
            nodes[id as usize].parent = parent as u32;
            nodes[id as usize].next_sibling = NodeId::NONE;
            let last = nodes[parent].last_child;
            if last == NodeId::NONE {
                nodes[parent].first_child = id;
            } else {
                nodes[last as usize].next_sibling = id;
            }
            nodes[parent].last_child = id;
        }
    }
    for (i, (_, _, end)) in b.closes.iter().enumerate() {
        let open = innermost(i);
        nodes[open].end = *end as u32;
    }
    Some(Parsed {
        nodes,
        attrs,
        root: a.root,
    })
}
