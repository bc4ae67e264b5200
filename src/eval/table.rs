//! One table of figures, written as plain text, Markdown or HTML from the same rows: `chaff
//! eval`'s text and the report's Markdown and HTML are all written through it, so no format
//! counts its own columns.

use crate::write::html::escape;

/// A cell: its text, and how HTML shows it.
pub(super) struct Cell {
    text: String,
    class: Option<String>,
    attributes: Option<String>,
    strong: bool,
    heading: bool,
}

impl Cell {
    pub(super) fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            class: None,
            attributes: None,
            strong: false,
            heading: false,
        }
    }

    /// A figure to four decimals.
    pub(super) fn figure(value: f64) -> Cell {
        Cell::new(format!("{value:.4}"))
    }

    /// In HTML, of this CSS class.
    pub(super) fn class(mut self, class: impl Into<String>) -> Cell {
        self.class = Some(class.into());
        self
    }

    /// In HTML, with these attributes (already escaped).
    pub(super) fn attributes(mut self, attributes: String) -> Cell {
        self.attributes = Some(attributes);
        self
    }

    /// In HTML, in bold: the figure a reader looks for first.
    pub(super) fn strong(mut self) -> Cell {
        self.strong = true;
        self
    }

    /// In HTML, a row heading (`<th>`).
    pub(super) fn heading(mut self) -> Cell {
        self.heading = true;
        self
    }
}

/// How plain text writes a column: its width, aligned left (names) or right (figures), and the
/// spaces before it.
#[derive(Clone, Copy)]
pub(super) struct Column {
    width: usize,
    left: bool,
    gap: usize,
}

impl Column {
    /// A column of names, aligned left, first in its row.
    pub(super) fn name(width: usize) -> Column {
        Column {
            width,
            left: true,
            gap: 0,
        }
    }

    /// A column of figures, aligned right, one space after the column before it.
    pub(super) fn figure(width: usize) -> Column {
        Column {
            width,
            left: false,
            gap: 1,
        }
    }

    /// A column of names then `n` columns of figures: the common table.
    pub(super) fn name_then_figures(name: usize, figure: usize, n: usize) -> Vec<Column> {
        std::iter::once(Column::name(name))
            .chain(std::iter::repeat_n(Column::figure(figure), n))
            .collect()
    }

    /// With `gap` spaces before it instead.
    pub(super) fn after(mut self, gap: usize) -> Column {
        self.gap = gap;
        self
    }
}

/// Rows of cells under a header row.
pub(super) struct Table {
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    class: Option<&'static str>,
}

impl Table {
    pub(super) fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Table {
        Table {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
            class: None,
        }
    }

    /// In HTML, of this CSS class.
    pub(super) fn class(mut self, class: &'static str) -> Table {
        self.class = Some(class);
        self
    }

    pub(super) fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    /// Plain text in fixed-width `columns` (one per column), one line per row, the header first.
    pub(super) fn text(&self, columns: &[Column]) -> String {
        let mut out = String::new();
        let mut line = |cells: &mut dyn Iterator<Item = &str>| {
            for (text, column) in cells.zip(columns) {
                out.push_str(&" ".repeat(column.gap));
                let width = column.width;
                out.push_str(&if column.left {
                    format!("{text:<width$}")
                } else {
                    format!("{text:>width$}")
                });
            }
            out.push('\n');
        };
        line(&mut self.header.iter().map(String::as_str));
        for row in &self.rows {
            line(&mut row.iter().map(|c| c.text.as_str()));
        }
        out
    }

    /// A Markdown table, one line per row, each line ending in `\n`.
    pub(super) fn markdown(&self) -> String {
        let line = |cells: &mut dyn Iterator<Item = &str>| {
            let mut out = String::from("|");
            for text in cells {
                if text.is_empty() {
                    out.push_str(" |");
                } else {
                    out.push_str(&format!(" {text} |"));
                }
            }
            out.push('\n');
            out
        };
        let mut md = line(&mut self.header.iter().map(String::as_str));
        md += &format!("|{}\n", "---|".repeat(self.header.len()));
        for row in &self.rows {
            md += &line(&mut row.iter().map(|c| c.text.as_str()));
        }
        md
    }

    /// An HTML table, one line per row, ending in `</table>\n`.
    pub(super) fn html(&self) -> String {
        let class = self
            .class
            .map_or(String::new(), |c| format!(" class=\"{c}\""));
        let mut h = format!("<table{class}><tr>");
        for title in &self.header {
            h += &format!("<th>{}</th>", escape(title));
        }
        h += "</tr>\n";
        for row in &self.rows {
            h += "<tr>";
            for cell in row {
                let tag = if cell.heading { "th" } else { "td" };
                h += &format!("<{tag}");
                if let Some(class) = &cell.class {
                    h += &format!(" class=\"{class}\"");
                }
                if let Some(attributes) = &cell.attributes {
                    h += &format!(" {attributes}");
                }
                let text = escape(&cell.text);
                if cell.strong {
                    h += &format!("><b>{text}</b></{tag}>");
                } else {
                    h += &format!(">{text}</{tag}>");
                }
            }
            h += "</tr>\n";
        }
        h += "</table>\n";
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_html_hold_the_same_rows() {
        let mut t = Table::new(["", "a <b>", "c"]).class("cm");
        t.row(vec![
            Cell::new("x").heading(),
            Cell::figure(0.5).strong(),
            Cell::new("y").class("t").attributes("title=\"z\"".into()),
        ]);
        assert_eq!(
            t.markdown(),
            "| | a <b> | c |\n|---|---|---|\n| x | 0.5000 | y |\n"
        );
        let columns = [
            Column::name(3),
            Column::figure(7),
            Column::figure(2).after(3),
        ];
        assert_eq!(t.text(&columns), "      a <b>    c\nx    0.5000    y\n");
        assert_eq!(
            t.html(),
            "<table class=\"cm\"><tr><th></th><th>a &lt;b&gt;</th><th>c</th></tr>\n\
             <tr><th>x</th><td><b>0.5000</b></td><td class=\"t\" title=\"z\">y</td></tr>\n</table>\n"
        );
    }
}
