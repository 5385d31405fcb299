//! The state of one list pane: selection, scroll offset, sort column and direction, and the
//! fuzzy filter. The visible order is a vector of row indices, recomputed only when rows, sort
//! or filter change; drawing then touches only the rows on screen.

use std::cmp::Ordering;

use super::rows::{Column, Row};

/// Selection, scroll, sort and filter of one list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListState {
    pub selected: usize,
    pub offset: usize,
    pub sort: Option<usize>,
    pub descending: bool,
    pub filter: String,
    /// The filter line being typed (text and cursor).
    pub filter_input: super::form::TextInput,
    /// Names of the rows marked with Space (Advanced Settings edits them together).
    pub marked: std::collections::BTreeSet<String>,
    /// The filter input line has the keyboard.
    pub filtering: bool,
    /// Row indices in display order (filtered and sorted).
    pub order: Vec<usize>,
    /// The columns the last frame had room for (`s` cycles through these).
    pub shown_columns: Vec<usize>,
    /// Rows the order was computed for (to know when to recompute).
    pub computed_for: Option<(u64, usize)>,
}

/// The first visible row of a window of `height` rows that keeps `selected` visible.
pub fn scroll_window(selected: usize, offset: usize, height: usize) -> usize {
    if height == 0 || selected < offset {
        selected.min(offset)
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
}

/// A filter query, lowercased once per keystroke. The name matches fuzzily (every character in
/// order), the other cells as a case-insensitive substring (a fuzzy match over bindings and
/// paths would match nearly everything).
pub struct Query {
    lower: String,
    ascii: bool,
}

impl Query {
    pub fn new(text: &str) -> Query {
        let lower: String = text.chars().flat_map(char::to_lowercase).collect();
        Query {
            ascii: lower.is_ascii(),
            lower,
        }
    }

    /// Every query character appears in `name`, in order.
    pub fn in_name(&self, name: &str) -> bool {
        if self.ascii && name.is_ascii() {
            let mut hay = name.bytes();
            return self
                .lower
                .bytes()
                .all(|q| hay.any(|h| h.to_ascii_lowercase() == q));
        }
        let mut chars = name.chars().flat_map(char::to_lowercase);
        self.lower.chars().all(|q| chars.any(|h| h == q))
    }

    /// The query appears in `cell` as it is typed (case aside).
    pub fn in_cell(&self, cell: &str) -> bool {
        let needle = self.lower.as_bytes();
        if needle.is_empty() {
            return true;
        }
        if !(self.ascii && cell.is_ascii()) {
            return cell.to_lowercase().contains(&self.lower);
        }
        let hay = cell.as_bytes();
        let Some(last_start) = hay.len().checked_sub(needle.len()) else {
            return false;
        };
        let first = needle[0];
        memchr::memchr2_iter(first, first.to_ascii_uppercase(), &hay[..=last_start])
            .any(|at| hay[at..at + needle.len()].eq_ignore_ascii_case(needle))
    }
}

/// Case-insensitive subsequence match: every query character appears in order.
pub fn subsequence(haystack: &str, query: &str) -> bool {
    Query::new(query).in_name(haystack)
}

fn compare(a: &str, b: &str, numeric: bool) -> Ordering {
    if numeric {
        if let (Ok(x), Ok(y)) = (a.parse::<u64>(), b.parse::<u64>()) {
            return x.cmp(&y);
        }
    }
    a.to_lowercase().cmp(&b.to_lowercase())
}

impl ListState {
    /// Recomputes the display order for `rows` (version identifies the row set).
    pub fn refresh<R: Row>(&mut self, rows: &[R], columns: &[Column], version: u64) {
        let key = (version, rows.len());
        if self.computed_for == Some(key) {
            return;
        }
        self.computed_for = Some(key);
        let (by, descending) = (self.sort, self.descending);
        let sort = |order: &mut Vec<usize>| {
            if let Some(column) = by {
                let numeric = columns.get(column).is_some_and(|c| c.numeric);
                order.sort_by(|a, b| {
                    let ord = compare(&rows[*a].cell(column), &rows[*b].cell(column), numeric);
                    if descending { ord.reverse() } else { ord }
                });
            }
        };
        if self.filter.is_empty() {
            self.order = (0..rows.len()).collect();
            sort(&mut self.order);
        } else {
            // Rows whose name matches first, then rows matched by another visible cell.
            let query = Query::new(&self.filter);
            let mut by_name = Vec::new();
            let mut by_cell = Vec::new();
            for (i, row) in rows.iter().enumerate() {
                if query.in_name(row.name()) {
                    by_name.push(i);
                } else if (1..columns.len()).any(|c| query.in_cell(&row.cell(c))) {
                    by_cell.push(i);
                }
            }
            sort(&mut by_name);
            sort(&mut by_cell);
            by_name.append(&mut by_cell);
            self.order = by_name;
        }
        self.clamp();
    }

    /// Forces the next refresh to recompute (filter or sort changed).
    pub fn invalidate(&mut self) {
        self.computed_for = None;
    }

    pub fn clamp(&mut self) {
        if self.order.is_empty() {
            self.selected = 0;
        } else if self.selected >= self.order.len() {
            self.selected = self.order.len() - 1;
        }
    }

    /// The selected row's index into the rows, if any.
    pub fn selected_row(&self) -> Option<usize> {
        self.order.get(self.selected).copied()
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.order.is_empty() {
            return;
        }
        let last = self.order.len() as isize - 1;
        self.selected = (self.selected as isize + delta).clamp(0, last) as usize;
    }

    pub fn top(&mut self) {
        self.selected = 0;
    }

    pub fn bottom(&mut self) {
        self.selected = self.order.len().saturating_sub(1);
    }

    /// Keeps the selection within a window of `height` rows starting at `offset`.
    pub fn scroll_into_view(&mut self, height: usize) {
        if height == 0 {
            return;
        }
        self.offset = scroll_window(self.selected, self.offset, height);
        let max_offset = self.order.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }

    /// Next sort column (first press sorts by column 0, then 1, …, then back to file order).
    /// The next column to sort by, among those on screen (all `columns` before the first
    /// frame), then none.
    pub fn next_sort(&mut self, columns: usize) {
        let shown: Vec<usize> = if self.shown_columns.is_empty() {
            (0..columns).collect()
        } else {
            self.shown_columns.clone()
        };
        self.sort = match self.sort {
            None => shown.first().copied(),
            Some(c) => shown.iter().copied().find(|&s| s > c),
        };
        self.invalidate();
    }

    pub fn reverse(&mut self) {
        self.descending = !self.descending;
        if self.sort.is_none() {
            self.sort = Some(0);
        }
        self.invalidate();
    }

    pub fn set_filter(&mut self, filter: String) {
        if self.filter_input.text() != filter {
            self.filter_input = super::form::TextInput::new(filter.clone());
        }
        self.filter = filter;
        self.selected = 0;
        self.offset = 0;
        self.invalidate();
    }

    /// Selects the row whose name is `name`, if visible; whether it was.
    pub fn select_name<R: Row>(&mut self, rows: &[R], name: &str) -> bool {
        let found = self.order.iter().position(|i| {
            rows.get(*i)
                .is_some_and(|r| r.name().eq_ignore_ascii_case(name))
        });
        if let Some(pos) = found {
            self.selected = pos;
        }
        found.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::super::rows::{SITE_COLUMNS, SiteRow};
    use super::*;

    fn site(name: &str, id: u32) -> SiteRow {
        SiteRow {
            name: name.into(),
            id: Some(id),
            state: None,
            bindings: String::new(),
            physical_path: String::new(),
            pool: String::new(),
            applications: 1,
        }
    }

    #[test]
    fn s_cycles_through_the_columns_on_screen_only() {
        let mut list = ListState::default();
        let mut seen = Vec::new();
        for _ in 0..7 {
            list.next_sort(7);
            seen.push(list.sort);
        }
        assert_eq!(
            seen[..3],
            [Some(0), Some(1), Some(2)],
            "before a frame: all"
        );
        list.sort = None;
        list.shown_columns = vec![0, 1, 3];
        let mut seen = Vec::new();
        for _ in 0..4 {
            list.next_sort(7);
            seen.push(list.sort);
        }
        assert_eq!(seen, [Some(0), Some(1), Some(3), None]);
    }

    #[test]
    fn filters_sorts_and_scrolls() {
        let rows = vec![
            site("contoso.com", 2),
            site("Default Web Site", 1),
            site("api.contoso.com", 10),
        ];
        let mut list = ListState::default();
        list.refresh(&rows, SITE_COLUMNS, 1);
        assert_eq!(list.order, [0, 1, 2]);
        list.set_filter(String::from("cntso"));
        list.refresh(&rows, SITE_COLUMNS, 1);
        assert_eq!(list.order, [0, 2]);
        list.set_filter(String::new());
        list.next_sort(SITE_COLUMNS.len());
        list.refresh(&rows, SITE_COLUMNS, 1);
        assert_eq!(list.order, [2, 0, 1], "by name, case-insensitive");
        list.next_sort(SITE_COLUMNS.len());
        list.refresh(&rows, SITE_COLUMNS, 1);
        assert_eq!(list.order, [1, 0, 2], "IDs sort numerically");
        list.reverse();
        list.refresh(&rows, SITE_COLUMNS, 1);
        assert_eq!(list.order, [2, 0, 1]);
        list.bottom();
        list.scroll_into_view(2);
        assert_eq!((list.selected, list.offset), (2, 1));
        assert!(subsequence("Default Web Site", "dws") && !subsequence("abc", "abd"));
    }
}
