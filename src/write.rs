//! Outputs of `filter`: one [`Sink`] per format, chosen by a match on the user's `--format`.

use std::io::{self, Write};

use serde::Serialize;

use crate::classify::Verdict;
use crate::label::Label;
use crate::segment::{is_blank, Dump};

/// Receives each dump with its verdicts (one per paragraph, in order).
pub trait Sink {
    fn dump(&mut self, name: &str, dump: &Dump, verdicts: &[Verdict]) -> io::Result<()>;
    fn finish(&mut self) -> io::Result<()>;
}

/// The kept text: kept paragraphs and the blank lines between them, dumps separated by a blank line.
pub struct TextSink<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> TextSink<W> {
    pub fn new(out: W) -> Self {
        TextSink { out, first: true }
    }
}

impl<W: Write> Sink for TextSink<W> {
    fn dump(&mut self, _name: &str, dump: &Dump, verdicts: &[Verdict]) -> io::Result<()> {
        if !self.first {
            self.out.write_all(b"\n")?;
        }
        self.first = false;
        let mut verdicts = verdicts.iter().peekable();
        for (i, line) in dump.lines().iter().enumerate() {
            let keep = if is_blank(line) {
                true
            } else {
                // Verdicts are in line order, one per non-blank line.
                verdicts
                    .next_if(|v| v.line == i + 1)
                    .is_some_and(|v| v.kept)
            };
            if keep {
                self.out.write_all(line.as_bytes())?;
                self.out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// One JSON object per paragraph: `{"doc", "line", "label", "probs", "kept"}`.
pub struct JsonlSink<W: Write> {
    out: W,
}

impl<W: Write> JsonlSink<W> {
    pub fn new(out: W) -> Self {
        JsonlSink { out }
    }
}

#[derive(Serialize)]
struct Record<'a> {
    doc: &'a str,
    line: usize,
    label: Label,
    probs: Probs,
    kept: bool,
}

#[derive(Serialize)]
struct Probs {
    news: f32,
    furniture: f32,
    gambling: f32,
    marketplace: f32,
    other: f32,
}

impl<W: Write> Sink for JsonlSink<W> {
    fn dump(&mut self, name: &str, _dump: &Dump, verdicts: &[Verdict]) -> io::Result<()> {
        for v in verdicts {
            let round = |x: f32| (x * 1e4).round() / 1e4;
            let [news, furniture, gambling, marketplace, other] = v.probs.map(round);
            let rec = Record {
                doc: name,
                line: v.line,
                label: v.label,
                probs: Probs {
                    news,
                    furniture,
                    gambling,
                    marketplace,
                    other,
                },
                kept: v.kept,
            };
            serde_json::to_writer(&mut self.out, &rec)?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Policy;

    fn verdicts(lines: &[(usize, Label)]) -> Vec<Verdict> {
        lines
            .iter()
            .map(|&(line, l)| {
                let mut p = [0.0; Label::COUNT];
                p[l.index()] = 1.0;
                Verdict::new(line, p, &Policy::default())
            })
            .collect()
    }

    #[test]
    fn text_keeps_kept_lines_and_blank_separators() {
        let dump = Dump::new("Menu\n\nStory one.\n\nBuy now\nStory two.\n");
        let v = verdicts(&[
            (1, Label::Furniture),
            (3, Label::News),
            (5, Label::Marketplace),
            (6, Label::News),
        ]);
        let mut out = Vec::new();
        let mut sink = TextSink::new(&mut out);
        sink.dump("d", &dump, &v).unwrap();
        sink.dump("e", &Dump::new("Again.\n"), &verdicts(&[(1, Label::News)]))
            .unwrap();
        sink.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\nStory one.\n\nStory two.\n\nAgain.\n"
        );
    }

    #[test]
    fn jsonl_writes_one_record_per_paragraph() {
        let dump = Dump::new("a\n\nb\n");
        let mut out = Vec::new();
        let mut sink = JsonlSink::new(&mut out);
        sink.dump(
            "x.txt",
            &dump,
            &verdicts(&[(1, Label::News), (3, Label::Gambling)]),
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let recs: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1]["line"], 3);
        assert_eq!(recs[1]["label"], "gambling");
        assert_eq!(recs[1]["kept"], false);
        assert_eq!(recs[1]["probs"]["gambling"], 1.0);
        assert_eq!(recs[0]["doc"], "x.txt");
    }
}
