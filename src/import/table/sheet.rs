//! What the mapping reads, whatever the input: a header of column names and rows of text
//! cells, each at its place in the input. A table and a JSON array of records are both sheets.

use crate::model::Pos;

/// Rows of text cells under named columns.
pub trait Sheet {
    /// The columns' names, as written.
    fn headers(&self) -> &[String];
    /// How many rows there are.
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The cell of `row` in `column`, as written; empty when the row has no such cell.
    fn cell(&self, row: usize, column: usize) -> &str;
    /// Where that cell starts (where the row ends, or starts, when it has no such cell).
    fn pos(&self, row: usize, column: usize) -> Pos;
    /// Where the row starts.
    fn row_pos(&self, row: usize) -> Pos;
}
