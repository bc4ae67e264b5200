//! A page (the text of one scraped page) split into its lines: the non-blank ones are what
//! gets classified.

/// Lines longer than this are classified by their first `MAX_LINE_BYTES` (a 1 MiB line is a
/// minified blob or a whole book, and its start tells what it is); the line itself is kept or
/// dropped whole.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// One non-blank line of a page: what gets classified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number in the page, counting blank lines too.
    pub number: usize,
    /// The line without its line terminator (`\n` or `\r\n`).
    pub text: &'a str,
}

impl<'a> Line<'a> {
    /// What the model reads: the text, cut to 1 MiB (`MAX_LINE_BYTES`) at a character
    /// boundary.
    pub fn view(&self) -> &'a str {
        if self.text.len() <= MAX_LINE_BYTES {
            return self.text;
        }
        let mut end = MAX_LINE_BYTES;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        &self.text[..end]
    }

    /// Whether the model reads only part of this line.
    pub fn is_cut(&self) -> bool {
        self.text.len() > MAX_LINE_BYTES
    }
}

/// A page's text split into lines, borrowed from it.
#[derive(Clone, Debug)]
pub struct Page<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Page<'a> {
    /// Splits `text` on `\n` (dropping a `\r` before it). A final newline does not start a line.
    pub fn new(text: &'a str) -> Page<'a> {
        Page {
            lines: split_lines(text).collect(),
        }
    }

    /// Every line, blank ones included: line number `n` is `all_lines()[n - 1]`.
    pub fn all_lines(&self) -> &[&'a str] {
        &self.lines
    }

    /// The non-blank lines, with their numbers: what gets classified.
    pub fn lines(&self) -> Vec<Line<'a>> {
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !is_blank(l))
            .map(|(i, l)| Line {
                number: i + 1,
                text: l,
            })
            .collect()
    }
}

/// Every line of `text`, blank ones included, as [`Page::new`] splits them.
pub(crate) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    // An empty text has no line, where splitting it would give one empty line.
    let lines = (!text.is_empty()).then(|| body.split('\n'));
    lines
        .into_iter()
        .flatten()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
}

/// A line with nothing but white space is a separator between lines, never classified.
pub fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_count_blank_lines() {
        let page = Page::new("Title\n\n  \nBody text.\r\nEnd\n");
        assert_eq!(page.all_lines().len(), 5);
        let p = page.lines();
        assert_eq!(
            p,
            vec![
                Line {
                    number: 1,
                    text: "Title"
                },
                Line {
                    number: 4,
                    text: "Body text."
                },
                Line {
                    number: 5,
                    text: "End"
                },
            ]
        );
    }

    #[test]
    fn empty_and_blank_pages_have_no_lines() {
        assert!(Page::new("").lines().is_empty());
        assert!(Page::new("\n\n \t\n").lines().is_empty());
        assert_eq!(Page::new("").all_lines().len(), 0);
    }

    #[test]
    fn enormous_lines_are_read_in_part() {
        let long = format!("{}é", "a".repeat(MAX_LINE_BYTES - 1));
        let p = Line {
            number: 1,
            text: &long,
        };
        assert!(p.is_cut());
        assert_eq!(p.view().len(), MAX_LINE_BYTES - 1, "cut at a char boundary");
        let short = Line {
            number: 1,
            text: "ok",
        };
        assert_eq!((short.view(), short.is_cut()), ("ok", false));
    }

    #[test]
    fn no_final_newline() {
        let page = Page::new("a\nb");
        assert_eq!(page.all_lines(), &["a", "b"]);
    }
}
