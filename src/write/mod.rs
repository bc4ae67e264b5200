//! Outputs of `filter`: one [`Sink`] per format, chosen by a match on the user's `--format`.
//!
//! Every sink sees each record once, in input order, with its page and the verdicts on the page's
//! lines.
//! [`RejectsSink`] writes what the others leave out, so kept + rejected = input, line for line.

pub mod html;
pub mod output;

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::classify::Verdict;
use crate::label::Label;
use crate::read::{warc, Envelope, Record};
use crate::segment::{is_blank, split_lines, Page};

pub use html::HtmlSink;
pub use output::Output;

/// Receives each record with its page and the verdicts on the page's lines (one per line, in
/// order).
pub trait Sink: Send {
    /// Writes one record with its verdicts.
    fn write(&mut self, record: &Record, page: &Page, verdicts: &[Verdict]) -> io::Result<()>;
    /// Flushes what is buffered and closes the output (a file output is moved into place).
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// Where a sink's bytes end: a committed [`Output`], or a buffer in tests.
pub trait Target: Write + Send {
    /// Ends the output (a file output is moved into place).
    fn close(self) -> io::Result<()>;
    /// Marks the end of a WARC record (see [`Output::end_member`]).
    fn end_record(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Target for Output {
    fn close(self) -> io::Result<()> {
        self.commit()
    }

    fn end_record(&mut self) -> io::Result<()> {
        self.end_member()
    }
}

impl Target for &mut Vec<u8> {
    fn close(self) -> io::Result<()> {
        Ok(())
    }
}

/// The kept text of a page: its kept lines and its blank lines, each ending in `\n` (the last
/// one only if the page's text ended so). Verdicts must be in line order.
pub fn kept_text(text: &str, verdicts: &[Verdict]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut verdicts = verdicts.iter().peekable();
    for (i, line) in split_lines(text).enumerate() {
        let keep = is_blank(line)
            || verdicts
                .next_if(|v| v.line == i + 1)
                .is_some_and(|v| v.kept);
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    if !text.ends_with('\n') && out.ends_with('\n') {
        out.pop();
    }
    out
}

/// The kept text, pages separated by a blank line. WARC records that are not pages are left
/// out.
pub struct TextSink<W> {
    out: W,
    first: bool,
}

impl<W: Target> TextSink<W> {
    /// Kept text written to `out`.
    pub fn new(out: W) -> Self {
        TextSink { out, first: true }
    }
}

impl<W: Target> Sink for TextSink<W> {
    fn write(&mut self, record: &Record, _page: &Page, verdicts: &[Verdict]) -> io::Result<()> {
        if !record.is_page() {
            return Ok(());
        }
        if !self.first {
            self.out.write_all(b"\n")?;
        }
        self.first = false;
        let mut kept = kept_text(&record.text, verdicts);
        if !kept.is_empty() && !kept.ends_with('\n') {
            kept.push('\n');
        }
        self.out.write_all(kept.as_bytes())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        self.out.close()
    }
}

#[derive(Serialize)]
struct Probs {
    news: f32,
    furniture: f32,
    gambling: f32,
    marketplace: f32,
    other: f32,
}

impl Probs {
    fn of(v: &Verdict) -> Probs {
        let round = |x: f32| (x * 1e4).round() / 1e4;
        let [news, furniture, gambling, marketplace, other] = v.probs.map(round);
        Probs {
            news,
            furniture,
            gambling,
            marketplace,
            other,
        }
    }
}

/// One JSON object per line: `{"doc", "line", "label", "probs", "kept"}` (`doc`: the
/// record's name).
pub struct LineSink<W> {
    out: W,
}

impl<W: Target> LineSink<W> {
    /// Per-line verdicts written to `out`.
    pub fn new(out: W) -> Self {
        LineSink { out }
    }
}

#[derive(Serialize)]
struct LineRecord<'a> {
    doc: &'a str,
    line: usize,
    label: Label,
    probs: Probs,
    kept: bool,
}

impl<W: Target> Sink for LineSink<W> {
    fn write(&mut self, record: &Record, _page: &Page, verdicts: &[Verdict]) -> io::Result<()> {
        for v in verdicts {
            let rec = LineRecord {
                doc: &record.name,
                line: v.line,
                label: v.label,
                probs: Probs::of(v),
                kept: v.kept,
            };
            serde_json::to_writer(&mut self.out, &rec)?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        self.out.close()
    }
}

/// The verdicts in the training schema, one JSON object per line, for a person to correct
/// and give to `chaff-train --from`: `{"doc", "site", "line", "text", "label", "probs"}` (the
/// probabilities are a hint; training reads `doc`, `site`, `line`, `text` and `label`). Plain
/// files have no site; adaptation counts them as one.
pub struct LabelSink<W> {
    out: W,
}

impl<W: Target> LabelSink<W> {
    /// A sink writing the records to `out`.
    pub fn new(out: W) -> Self {
        LabelSink { out }
    }
}

#[derive(Serialize)]
struct LabelRecord<'a> {
    doc: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    site: &'a str,
    line: usize,
    text: &'a str,
    label: Label,
    probs: Probs,
}

impl<W: Target> Sink for LabelSink<W> {
    fn write(&mut self, record: &Record, page: &Page, verdicts: &[Verdict]) -> io::Result<()> {
        if !record.is_page() {
            return Ok(());
        }
        for v in verdicts {
            let Some(text) = page.all_lines().get(v.line.wrapping_sub(1)) else {
                continue;
            };
            let rec = LabelRecord {
                doc: &record.name,
                site: record.site(),
                line: v.line,
                text,
                label: v.label,
                probs: Probs::of(v),
            };
            serde_json::to_writer(&mut self.out, &rec)?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        self.out.close()
    }
}

/// One JSON object per page, as corpus pipelines (Dolma, FineWeb) read their documents: a JSONL
/// record keeps all its fields with the text field replaced by the kept text; other inputs
/// become `{"id", "text"}` (WARC pages also get `"url"`). A `chaff` field says what was done,
/// as Dolma's attributes do: `{"paragraphs", "kept", "dropped": {label: n},
/// "lines": [[line, label, kept], ...]}`.
pub struct PageSink<W> {
    out: W,
    text_field: String,
}

impl<W: Target> PageSink<W> {
    /// Pages written to `out`, the filtered text in `text_field`.
    pub fn new(out: W, text_field: &str) -> Self {
        PageSink {
            out,
            text_field: text_field.to_string(),
        }
    }
}

/// The `chaff` attribute of a page (see [`PageSink`]; its `paragraphs` counts the page's lines).
pub fn attribute(verdicts: &[Verdict]) -> Value {
    let mut dropped = Map::new();
    for l in Label::ALL {
        let n = verdicts.iter().filter(|v| !v.kept && v.label == l).count();
        if n > 0 {
            dropped.insert(l.to_string(), n.into());
        }
    }
    let lines: Vec<Value> = verdicts
        .iter()
        .map(|v| serde_json::json!([v.line, v.label, v.kept]))
        .collect();
    serde_json::json!({
        "paragraphs": verdicts.len(),
        "kept": verdicts.iter().filter(|v| v.kept).count(),
        "dropped": dropped,
        "lines": lines,
    })
}

impl<W: Target> Sink for PageSink<W> {
    fn write(&mut self, record: &Record, _page: &Page, verdicts: &[Verdict]) -> io::Result<()> {
        let text = Value::String(kept_text(&record.text, verdicts));
        let mut object = match &record.envelope {
            Envelope::Jsonl { fields } => {
                let mut object = fields.clone();
                object.insert(self.text_field.clone(), text);
                object
            }
            Envelope::Warc(r) if !r.is_page() => return Ok(()),
            Envelope::Warc(r) => {
                let mut m = Map::new();
                let id = r.header("WARC-Record-ID").unwrap_or(&record.name);
                m.insert("id".into(), id.into());
                if let Some(url) = r.header("WARC-Target-URI") {
                    m.insert("url".into(), url.into());
                }
                m.insert(self.text_field.clone(), text);
                m
            }
            Envelope::Plain => {
                let mut m = Map::new();
                m.insert("id".into(), record.name.clone().into());
                m.insert(self.text_field.clone(), text);
                m
            }
        };
        object.insert("chaff".into(), attribute(verdicts));
        serde_json::to_writer(&mut self.out, &object)?;
        self.out.write_all(b"\n")
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        self.out.close()
    }
}

/// WARC records, as read, with each page's body replaced by its kept text. Content-Length is
/// set to the new body's length; a WARC-Block-Digest no longer true of the body is removed.
/// Records that are not pages, and pages with nothing dropped, keep their body and headers
/// (written as `Name: value` lines, in their order). In a .gz output each record is its own
/// gzip member, as WARC tools expect.
pub struct WarcSink<W> {
    out: W,
}

impl<W: Target> WarcSink<W> {
    /// WARC records written to `out`.
    pub fn new(out: W) -> Self {
        WarcSink { out }
    }

    fn write_record(&mut self, r: &warc::Record, body: &[u8]) -> io::Result<()> {
        let changed = body != r.body.as_slice();
        let mut head = String::with_capacity(512);
        head.push_str(&r.version);
        head.push_str("\r\n");
        for (name, value) in &r.headers {
            let value = if name.eq_ignore_ascii_case("Content-Length") {
                body.len().to_string()
            } else if changed && name.eq_ignore_ascii_case("WARC-Block-Digest") {
                continue;
            } else {
                value.clone()
            };
            head.push_str(name);
            head.push_str(": ");
            head.push_str(&value);
            head.push_str("\r\n");
        }
        head.push_str("\r\n");
        self.out.write_all(head.as_bytes())?;
        self.out.write_all(body)?;
        self.out.write_all(b"\r\n\r\n")?;
        self.out.end_record()
    }
}

impl<W: Target> Sink for WarcSink<W> {
    fn write(&mut self, record: &Record, _page: &Page, verdicts: &[Verdict]) -> io::Result<()> {
        let Envelope::Warc(r) = &record.envelope else {
            return Err(io::Error::other(format!(
                "{}: WARC output needs WARC input",
                record.name
            )));
        };
        if !r.is_page() || (verdicts.iter().all(|v| v.kept) && !record.lossy()) {
            return self.write_record(r, &r.body);
        }
        let body = kept_text(&record.text, verdicts);
        self.write_record(r, body.as_bytes())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        self.out.close()
    }
}

/// Every dropped line: `{"doc", "line", "label", "probs", "text"}`, so that what was kept
/// plus what is here is the whole input.
pub struct RejectsSink<W> {
    out: W,
}

impl<W: Target> RejectsSink<W> {
    /// Dropped lines written to `out`.
    pub fn new(out: W) -> Self {
        RejectsSink { out }
    }
}

#[derive(Serialize)]
struct Reject<'a> {
    doc: &'a str,
    line: usize,
    label: Label,
    probs: Probs,
    text: &'a str,
}

impl<W: Target> Sink for RejectsSink<W> {
    fn write(&mut self, record: &Record, page: &Page, verdicts: &[Verdict]) -> io::Result<()> {
        for v in verdicts.iter().filter(|v| !v.kept) {
            let rec = Reject {
                doc: &record.name,
                line: v.line,
                label: v.label,
                probs: Probs::of(v),
                text: page
                    .all_lines()
                    .get(v.line - 1)
                    .copied()
                    .unwrap_or_default(),
            };
            serde_json::to_writer(&mut self.out, &rec)?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        self.out.close()
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

    fn run(sink: impl Sink, records: &[(&Record, Vec<Verdict>)]) {
        let mut sink: Box<dyn Sink> = Box::new(sink);
        for (record, v) in records {
            sink.write(record, &Page::new(&record.text), v).unwrap();
        }
        sink.finish().unwrap();
    }

    fn json_lines(out: &[u8]) -> Vec<Value> {
        std::str::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    const MIXED: &str = "Menu\n\nStory one.\n\nBuy now\nStory two.\n";

    #[test]
    fn label_records_read_back_as_a_labelled_page() {
        let record = Record::plain("page.txt", MIXED);
        let mut out = Vec::new();
        run(LabelSink::new(&mut out), &[(&record, mixed_verdicts())]);
        let records = json_lines(&out);
        assert_eq!(records.len(), 4, "one record per line");
        assert_eq!(records[0]["text"], "Menu");
        assert_eq!(records[0]["line"], 1);
        assert!(records[0].get("site").is_none(), "a plain file has no site");
        assert_eq!(records[2]["probs"]["marketplace"], 1.0);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("labels.jsonl");
        std::fs::write(&path, &out).unwrap();
        let pages = crate::corpus::read_file(&path).unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].doc, "page.txt");
        assert_eq!(
            pages[0].texts(),
            ["Menu", "Story one.", "Buy now", "Story two."]
        );
        let labels: Vec<Label> = pages[0].lines.iter().map(|l| l.label).collect();
        use Label::*;
        assert_eq!(labels, [Furniture, News, Marketplace, News]);
    }

    fn mixed_verdicts() -> Vec<Verdict> {
        verdicts(&[
            (1, Label::Furniture),
            (3, Label::News),
            (5, Label::Marketplace),
            (6, Label::News),
        ])
    }

    #[test]
    fn text_keeps_kept_lines_and_blank_separators() {
        let mut out = Vec::new();
        let a = Record::plain("d", MIXED);
        let b = Record::plain("e", "Again.");
        run(
            TextSink::new(&mut out),
            &[(&a, mixed_verdicts()), (&b, verdicts(&[(1, Label::News)]))],
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\nStory one.\n\nStory two.\n\nAgain.\n"
        );
    }

    #[test]
    fn kept_text_keeps_a_missing_final_newline_missing() {
        let text = "A.\nB.";
        let v = verdicts(&[(1, Label::News), (2, Label::News)]);
        assert_eq!(kept_text(text, &v), "A.\nB.");
        assert_eq!(kept_text("", &[]), "");
    }

    #[test]
    fn lines_writes_one_record_per_line() {
        let record = Record::plain("x.txt", "a\n\nb\n");
        let mut out = Vec::new();
        run(
            LineSink::new(&mut out),
            &[(&record, verdicts(&[(1, Label::News), (3, Label::Gambling)]))],
        );
        let recs = json_lines(&out);
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1]["line"], 3);
        assert_eq!(recs[1]["label"], "gambling");
        assert_eq!(recs[1]["kept"], false);
        assert_eq!(recs[1]["probs"]["gambling"], 1.0);
        assert_eq!(recs[0]["doc"], "x.txt");
    }

    #[test]
    fn jsonl_pages_keep_their_fields_and_carry_the_chaff_attribute() {
        let mut fields = Map::new();
        fields.insert("id".into(), "doc-1".into());
        fields.insert("body".into(), MIXED.into());
        fields.insert("source".into(), "cc".into());
        let record = Record {
            name: "s.jsonl:1".into(),
            text: MIXED.into(),
            invalid_utf8: None,
            envelope: Envelope::Jsonl { fields },
        };
        let mut out = Vec::new();
        run(
            PageSink::new(&mut out, "body"),
            &[(&record, mixed_verdicts())],
        );
        let rec = &json_lines(&out)[0];
        assert_eq!(rec["id"], "doc-1");
        assert_eq!(rec["source"], "cc");
        assert_eq!(rec["body"], "\nStory one.\n\nStory two.\n");
        assert_eq!(rec["chaff"]["paragraphs"], 4);
        assert_eq!(rec["chaff"]["kept"], 2);
        assert_eq!(rec["chaff"]["dropped"]["marketplace"], 1);
        assert_eq!(
            rec["chaff"]["lines"][1],
            serde_json::json!([3, "news", true])
        );
    }

    #[test]
    fn rejects_and_kept_text_together_are_the_input() {
        let record = Record::plain("d", MIXED);
        let v = mixed_verdicts();
        let mut rejects = Vec::new();
        run(RejectsSink::new(&mut rejects), &[(&record, v.clone())]);
        let recs = json_lines(&rejects);
        let dropped: Vec<(u64, &str)> = recs
            .iter()
            .map(|r| (r["line"].as_u64().unwrap(), r["text"].as_str().unwrap()))
            .collect();
        assert_eq!(dropped, [(1, "Menu"), (5, "Buy now")]);
        assert_eq!(recs[1]["label"], "marketplace");
        let kept = kept_text(&record.text, &v);
        let mut lines: Vec<&str> = kept.lines().filter(|l| !l.is_empty()).collect();
        lines.extend(dropped.iter().map(|d| d.1));
        lines.sort_unstable();
        let mut input: Vec<&str> = MIXED.lines().filter(|l| !l.is_empty()).collect();
        input.sort_unstable();
        assert_eq!(lines, input);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// The invariant of every output: each non-blank input line is in the kept text or in
        /// the rejects, once, in order, byte for byte.
        #[test]
        fn every_line_is_kept_or_rejected_once_in_order(
            text in "([^\n]{0,40}\r?\n){0,12}[^\n]{0,40}"
        ) {
            let model = crate::Model::embedded().unwrap();
            let record = Record::plain("d", text.clone());
            let page = Page::new(&record.text);
            let verdicts = model.filter(&record.text, &crate::Options::new());
            let mut rejects = Vec::new();
            run(RejectsSink::new(&mut rejects), &[(&record, verdicts.clone())]);
            let rejected: Vec<(usize, String)> = json_lines(&rejects)
                .iter()
                .map(|r| (r["line"].as_u64().unwrap() as usize, r["text"].as_str().unwrap().to_string()))
                .collect();
            let kept = kept_text(&record.text, &verdicts);
            // Kept lines are a subsequence of the page's lines: walk both in order.
            let lines = page.all_lines();
            let mut at = 0;
            let mut kept_numbers = Vec::new();
            // Split as written: on "\n" only (a line may itself end in "\r").
            let body = kept.strip_suffix('\n').unwrap_or(&kept);
            let written: Vec<&str> = if kept.is_empty() { Vec::new() } else { body.split('\n').collect() };
            for k in &written {
                while at < lines.len() && lines[at] != *k {
                    at += 1;
                }
                proptest::prop_assert!(at < lines.len(), "kept line {:?} is not in order", k);
                if !is_blank(k) {
                    kept_numbers.push(at + 1);
                }
                at += 1;
            }
            let mut all: Vec<usize> = kept_numbers.clone();
            all.extend(rejected.iter().map(|r| r.0));
            all.sort_unstable();
            let expected: Vec<usize> = page.lines().iter().map(|l| l.number).collect();
            proptest::prop_assert_eq!(&all, &expected);
            for (n, t) in &rejected {
                proptest::prop_assert_eq!(lines[n - 1], t.as_str());
                proptest::prop_assert!(!kept_numbers.contains(n));
            }
        }
    }

    #[test]
    fn warc_output_rewrites_pages_and_passes_the_rest_through() {
        let bytes = crate::read::warc::tests::wet(&[MIXED, "All news."]);
        let records: Vec<Record> = crate::read::warc::Reader::new(
            Box::new(std::io::Cursor::new(bytes.clone())),
            "c.wet".into(),
        )
        .map(Result::unwrap)
        .collect();
        let mut out = Vec::new();
        run(
            WarcSink::new(&mut out),
            &[
                (&records[0], Vec::new()),
                (&records[1], mixed_verdicts()),
                (&records[2], verdicts(&[(1, Label::News)])),
            ],
        );
        let again: Vec<Record> =
            crate::read::warc::Reader::new(Box::new(std::io::Cursor::new(out.clone())), "o".into())
                .map(Result::unwrap)
                .collect();
        assert_eq!(again.len(), 3);
        assert_eq!(again[0].envelope, records[0].envelope, "warcinfo unchanged");
        assert_eq!(again[1].text, "\nStory one.\n\nStory two.\n");
        let Envelope::Warc(r) = &again[1].envelope else {
            panic!()
        };
        assert_eq!(r.header("Content-Length"), Some("24"));
        assert_eq!(r.header("WARC-Target-URI"), Some("http://example.com/0"));
        assert_eq!(
            again[2].envelope, records[2].envelope,
            "nothing dropped: same bytes"
        );
        // The unchanged records come out byte for byte.
        let tail = &bytes[bytes.len() - 150..];
        assert!(
            out.ends_with(tail),
            "{}\n---\n{}",
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(tail)
        );
    }
}
