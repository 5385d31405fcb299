//! Byte offsets to 1-based line/column (in characters), with an index of line starts so that
//! many lookups (validation reports, value origins) stay cheap on large files.

use super::error::Location;

/// Line starts of a text, for repeated offset → location lookups.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0u32];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| (i + 1) as u32));
        LineIndex { starts }
    }

    pub fn location(&self, text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line] as usize;
        Location {
            line: line as u32 + 1,
            column: column_of(text, start, offset),
        }
    }
}

/// Location of `offset` computed without an index (for one-off error messages).
pub fn location_of(text: &str, offset: usize) -> Location {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|b| **b == b'\n').count() as u32 + 1;
    let start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map(|i| i + 1)
        .unwrap_or(0);
    Location {
        line,
        column: column_of(text, start, offset),
    }
}

fn column_of(text: &str, line_start: usize, offset: usize) -> u32 {
    let offset = floor_char_boundary(text, offset);
    let slice = &text[line_start..offset];
    // A leading byte-order mark is not a visible column.
    let bom = if line_start == 0 && slice.starts_with('\u{feff}') {
        1
    } else {
        0
    };
    slice.chars().count() as u32 + 1 - bom
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_in_characters() {
        let text = "ab\r\nçd\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.location(text, 0), Location { line: 1, column: 1 });
        assert_eq!(index.location(text, 4), Location { line: 2, column: 1 });
        assert_eq!(index.location(text, 6), Location { line: 2, column: 2 });
        assert_eq!(location_of(text, 8), Location { line: 3, column: 1 });
        assert_eq!(location_of(text, 6), index.location(text, 6));
    }
}
