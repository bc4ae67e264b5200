//! A review page: each page's lines coloured by label, dropped lines struck through, the
//! class probabilities on hover. One self-contained file (no script, no network), the fastest
//! way to see what a model does to real pages.

use std::io;

use super::{Sink, Target};
use crate::classify::Verdict;
use crate::label::Label;
use crate::read::Record;
use crate::segment::{is_blank, Page};

/// Background colour per label, in [`Label::ALL`] order (also used by the eval report).
pub const COLORS: [&str; Label::COUNT] = ["#d8f0d0", "#e4e4e4", "#f7c6c6", "#f9e2b8", "#d4e4f7"];

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The style sheet shared by the review page and the eval report.
pub fn style() -> String {
    let mut css = String::from(
        "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;color:#222}\
         h1,h2,h3{font-weight:600}table{border-collapse:collapse;margin:.5em 0}\
         td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#f4f4f4}\
         td.t{text-align:left}.doc{border:1px solid #ccc;margin:1em 0;padding:.5em 1em}\
         .l{padding:1px 4px;margin:1px 0;white-space:pre-wrap;word-break:break-word}\
         .drop{text-decoration:line-through;opacity:.65}.legend span{padding:2px 8px;margin-right:6px}\
         .n{color:#888;font-size:11px;display:inline-block;width:3em}",
    );
    for l in Label::ALL {
        css.push_str(&format!(".{l}{{background:{}}}", COLORS[l.index()]));
    }
    css
}

/// Writes the review page: a legend, then one section per page.
pub struct HtmlSink<W> {
    out: W,
    started: bool,
}

impl<W: Target> HtmlSink<W> {
    /// A review page written to `out`.
    pub fn new(out: W) -> Self {
        HtmlSink {
            out,
            started: false,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        self.started = true;
        let legend: String = Label::ALL
            .iter()
            .map(|l| format!("<span class=\"{l}\">{l}</span>"))
            .collect();
        write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>chaff review</title>\
             <style>{}</style></head><body>\n<h1>chaff review</h1>\n<p class=\"legend\">{legend} \
             <span class=\"drop\">dropped</span> (hover a line for its probabilities)</p>\n",
            style()
        )
    }
}

impl<W: Target> Sink for HtmlSink<W> {
    fn write(&mut self, record: &Record, page: &Page, verdicts: &[Verdict]) -> io::Result<()> {
        if !self.started {
            self.start()?;
        }
        if !record.is_page() {
            return Ok(());
        }
        let kept = verdicts.iter().filter(|v| v.kept).count();
        writeln!(
            self.out,
            "<section class=\"doc\"><h3>{}</h3><p>{} of {} lines kept</p>",
            escape(&record.name),
            kept,
            verdicts.len()
        )?;
        let mut verdicts = verdicts.iter().peekable();
        for (i, line) in page.all_lines().iter().enumerate() {
            if is_blank(line) {
                continue;
            }
            let Some(v) = verdicts.next_if(|v| v.line == i + 1) else {
                continue;
            };
            let probs: Vec<String> = Label::ALL
                .iter()
                .map(|l| format!("{l} {:.3}", v.probs[l.index()]))
                .collect();
            writeln!(
                self.out,
                "<div class=\"l {}{}\" title=\"{}\"><span class=\"n\">{}</span>{}</div>",
                v.label,
                if v.kept { "" } else { " drop" },
                escape(&format!("{} ({})", v.label, probs.join(", "))),
                v.line,
                escape(line)
            )?;
        }
        self.out.write_all(b"</section>\n")
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        if !self.started {
            self.start()?;
        }
        self.out.write_all(b"</body></html>\n")?;
        self.out.close()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Policy;

    #[test]
    fn lines_are_escaped_coloured_and_marked() {
        let record = Record::plain("a<b>.txt", "<b>Menu</b>\n\nStory & more.\n");
        let mut p = [0.0; Label::COUNT];
        p[Label::Furniture.index()] = 1.0;
        let mut q = [0.0; Label::COUNT];
        q[Label::News.index()] = 1.0;
        let policy = Policy::default();
        let v = [Verdict::new(1, p, &policy), Verdict::new(3, q, &policy)];
        let mut out = Vec::new();
        let mut sink: Box<dyn Sink> = Box::new(HtmlSink::new(&mut out));
        sink.write(&record, &Page::new(&record.text), &v).unwrap();
        sink.finish().unwrap();
        let html = String::from_utf8(out).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<h3>a&lt;b&gt;.txt</h3>"));
        assert!(html.contains("class=\"l furniture drop\""));
        assert!(html.contains("&lt;b&gt;Menu&lt;/b&gt;</div>"));
        assert!(html.contains("class=\"l news\" title=\"news (news 1.000,"));
        assert!(html.contains("Story &amp; more.</div>"));
        assert!(html.trim_end().ends_with("</html>"));
        assert!(!html.contains("<script"), "no script");
    }
}
