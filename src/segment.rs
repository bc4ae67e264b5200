//! A dump (the text of one scraped page) cut into paragraphs: one per non-blank line.

/// Paragraphs longer than this are classified by their first `MAX_PARAGRAPH_BYTES` (a 1 MiB
/// line is a minified blob or a whole book, and its start tells what it is); the line itself is
/// kept or dropped whole.
pub const MAX_PARAGRAPH_BYTES: usize = 1 << 20;

/// One non-blank line of a dump.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph<'a> {
    /// 1-based line number in the dump, counting blank lines too.
    pub line: usize,
    /// The line without its line terminator (`\n` or `\r\n`).
    pub text: &'a str,
}

impl<'a> Paragraph<'a> {
    /// What the model reads: the text, cut to 1 MiB (`MAX_PARAGRAPH_BYTES`) at a character
    /// boundary.
    pub fn view(&self) -> &'a str {
        if self.text.len() <= MAX_PARAGRAPH_BYTES {
            return self.text;
        }
        let mut end = MAX_PARAGRAPH_BYTES;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        &self.text[..end]
    }

    /// Whether the model reads only part of this paragraph.
    pub fn is_cut(&self) -> bool {
        self.text.len() > MAX_PARAGRAPH_BYTES
    }
}

/// The lines of a dump, borrowed from its text.
#[derive(Clone, Debug)]
pub struct Dump<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Dump<'a> {
    /// Splits `text` on `\n` (dropping a `\r` before it). A final newline does not start a line.
    pub fn new(text: &'a str) -> Dump<'a> {
        let body = text.strip_suffix('\n').unwrap_or(text);
        let lines = if text.is_empty() {
            Vec::new()
        } else {
            body.split('\n')
                .map(|l| l.strip_suffix('\r').unwrap_or(l))
                .collect()
        };
        Dump { lines }
    }

    /// Every line, blank ones included.
    pub fn lines(&self) -> &[&'a str] {
        &self.lines
    }

    /// The non-blank lines: what gets classified.
    pub fn paragraphs(&self) -> Vec<Paragraph<'a>> {
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !is_blank(l))
            .map(|(i, l)| Paragraph {
                line: i + 1,
                text: l,
            })
            .collect()
    }
}

/// A line with nothing but white space is a separator, not a paragraph.
pub fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_count_blank_lines() {
        let dump = Dump::new("Title\n\n  \nBody text.\r\nEnd\n");
        assert_eq!(dump.lines().len(), 5);
        let p = dump.paragraphs();
        assert_eq!(
            p,
            vec![
                Paragraph {
                    line: 1,
                    text: "Title"
                },
                Paragraph {
                    line: 4,
                    text: "Body text."
                },
                Paragraph {
                    line: 5,
                    text: "End"
                },
            ]
        );
    }

    #[test]
    fn empty_and_blank_dumps_have_no_paragraphs() {
        assert!(Dump::new("").paragraphs().is_empty());
        assert!(Dump::new("\n\n \t\n").paragraphs().is_empty());
        assert_eq!(Dump::new("").lines().len(), 0);
    }

    #[test]
    fn enormous_paragraphs_are_read_in_part() {
        let long = format!("{}é", "a".repeat(MAX_PARAGRAPH_BYTES - 1));
        let p = Paragraph {
            line: 1,
            text: &long,
        };
        assert!(p.is_cut());
        assert_eq!(
            p.view().len(),
            MAX_PARAGRAPH_BYTES - 1,
            "cut at a char boundary"
        );
        let short = Paragraph {
            line: 1,
            text: "ok",
        };
        assert_eq!((short.view(), short.is_cut()), ("ok", false));
    }

    #[test]
    fn no_final_newline() {
        let dump = Dump::new("a\nb");
        assert_eq!(dump.lines(), &["a", "b"]);
    }
}
