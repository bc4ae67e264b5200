//! Labelled pages: JSONL files of labelled lines (one object per line of a page), plain or
//! gzipped, as in `../shared/data` and `training/fixtures/`. Used by `eval` and by training.
//!
//! A record needs `text` and `label`; `doc` (the page's id; default: the file name), `line`
//! (default: its order in the file), `source`, `site`, `lang` and the noise flags `ambiguous`,
//! `suspect`, `weak` are optional.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, ErrorKind, Result};
pub use crate::features::repetition::SiteMemories;
use crate::features::repetition::SiteMemory;
use crate::label::Label;

#[derive(Deserialize)]
struct Record {
    doc: Option<String>,
    source: Option<String>,
    site: Option<String>,
    line: Option<u64>,
    lang: Option<String>,
    text: String,
    label: String,
    #[serde(default)]
    ambiguous: bool,
    #[serde(default)]
    suspect: bool,
    #[serde(default)]
    weak: bool,
}

/// One labelled line of a page.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelledLine {
    /// The line's text.
    pub text: String,
    /// The gold label.
    pub label: Label,
    /// The gold label is uncertain (partly aligned to the gold text).
    pub ambiguous: bool,
    /// Labelled as content but looks like furniture (short, date, byline).
    pub suspect: bool,
    /// The label was given to the whole page, not to this line.
    pub weak: bool,
    /// The line's language as the data gives it (`en`, `id`; empty when unknown). Training
    /// weighs n-grams against lines of the same language (see `src/train/ngrams.rs`).
    pub lang: String,
}

/// A labelled line with no flags and no language: what tests build their pages of.
#[cfg(test)]
pub(crate) fn line(text: &str, label: Label) -> LabelledLine {
    LabelledLine {
        text: text.into(),
        label,
        ambiguous: false,
        suspect: false,
        weak: false,
        lang: String::new(),
    }
}

/// The labelled lines of one page, in page order.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelledPage {
    /// The page's id in the data (`dragnet/100`).
    pub doc: String,
    /// The data source it comes from (`dragnet`, `wcxb`, ...).
    pub source: String,
    /// The site it belongs to (a host name, or a platform for one-line pages).
    pub site: String,
    /// Its lines, in page order.
    pub lines: Vec<LabelledLine>,
    /// The copies training made to get this page from a page of the data, in order: empty
    /// for a page of the data.
    pub origin: Vec<Origin>,
}

/// A copy training makes of a page of the data (see `chaff::train::Config`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Lone spam lines of one source regrouped into a page.
    Grouped,
    /// A news page's news lines alone, as an extractor gives them.
    Extracted,
    /// A page of several pages' articles, as a tag page shows them.
    MultiArticle,
    /// A page in a made-up language.
    UnseenLanguage,
    /// A news page with spam spliced in.
    Spliced,
    /// A second copy of a news page on its site, counted among the site's pages.
    Duplicate,
    /// A news page without its title line, as some dumps give a page.
    Untitled,
}

impl Origin {
    /// The mark this copy once put on a page's doc name: [`LabelledPage::sampling_key`] spells the
    /// copies so, and the same training config still trains the same model.
    fn mark(self) -> &'static str {
        match self {
            Origin::Grouped => "#grouped",
            Origin::Extracted => "#extracted",
            Origin::MultiArticle => "#articles",
            Origin::UnseenLanguage => "#unseen",
            Origin::Spliced => "#spliced",
            Origin::Duplicate => "#duplicate",
            Origin::Untitled => "#untitled",
        }
    }
}

impl LabelledPage {
    /// The lines' texts, in page order.
    pub fn texts(&self) -> Vec<&str> {
        self.lines.iter().map(|l| l.text.as_str()).collect()
    }

    /// The page's site memory in `memories` (see [`site_memories`]), if it was counted there.
    pub fn memory<'a>(&self, memories: &'a SiteMemories) -> Option<&'a SiteMemory> {
        if !self.on_site() {
            return None;
        }
        memories.get(&self.site)
    }

    /// A page made in training ([`LabelledPage::origin`]), not a page of the data.
    pub fn is_copy(&self) -> bool {
        !self.origin.is_empty()
    }

    /// The page copied again as `origin`.
    pub fn copied_as(&self, origin: Origin) -> LabelledPage {
        self.clone().into_copy(origin)
    }

    /// This page, made a copy as `origin` (a page built for that copy already).
    pub(crate) fn into_copy(mut self, origin: Origin) -> LabelledPage {
        self.origin.push(origin);
        self
    }

    /// The page with `lines` in place of its own, which are not cloned.
    pub(crate) fn with_lines(&self, lines: Vec<LabelledLine>) -> LabelledPage {
        LabelledPage {
            doc: self.doc.clone(),
            source: self.source.clone(),
            site: self.site.clone(),
            lines,
            origin: self.origin.clone(),
        }
    }

    /// What training's samples are drawn by: the doc name, then each copy's mark.
    pub fn sampling_key(&self) -> String {
        let mut key = self.doc.clone();
        for origin in &self.origin {
            key.push_str(origin.mark());
        }
        key
    }

    /// Whether the page is counted among its site's pages for repetition: a page of the data
    /// with a site, or a training duplicate of one ([`Origin::Duplicate`]).
    fn on_site(&self) -> bool {
        !self.site.is_empty() && matches!(self.origin.last(), None | Some(Origin::Duplicate))
    }

    /// A page with at least one news line: the pages the news view is measured on.
    pub fn has_news(&self) -> bool {
        self.lines.iter().any(|l| l.label == Label::News)
    }

    /// The span of its lines from its first news line to its last (their indices), if it has
    /// news.
    pub(crate) fn news_span(&self) -> Option<(usize, usize)> {
        let first = self.lines.iter().position(|l| l.label == Label::News)?;
        let last = self.lines.iter().rposition(|l| l.label == Label::News)?;
        Some((first, last))
    }

    /// The page as another extractor (trafilatura, Readability) would give it: its news lines
    /// alone, in order. Corpus shards hold such text.
    pub fn news_only(&self) -> LabelledPage {
        self.with_lines(
            self.lines
                .iter()
                .filter(|l| l.label == Label::News)
                .cloned()
                .collect(),
        )
    }
}

/// The `.jsonl` / `.jsonl.gz` files at `path` (a file, or a folder read non-recursively), sorted.
pub fn labelled_files(path: &Path) -> Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| Error::io(e, path))?;
    let mut files = Vec::new();
    for entry in entries {
        let p = entry.map_err(|e| Error::io(e, path))?.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".jsonl") || name.ends_with(".jsonl.gz") {
            files.push(p);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Error::config("no .jsonl or .jsonl.gz files here").with_path(path));
    }
    Ok(files)
}

/// Counts the lines of `pages` per site, as a batch filtered together would be: the
/// repetition a page's lines show across its site. Pages without a site, and copies made in
/// training ([`LabelledPage::origin`]) but duplicates, are left out.
pub fn site_memories<'a>(pages: impl IntoIterator<Item = &'a LabelledPage>) -> SiteMemories {
    let mut memories = SiteMemories::new();
    for page in pages {
        if !page.on_site() {
            continue;
        }
        memories
            .entry(page.site.clone())
            .or_default()
            .add(&page.texts());
    }
    memories
}

/// Reads every labelled page under `path` (see [`labelled_files`]).
pub fn read_pages(path: &Path) -> Result<Vec<LabelledPage>> {
    let mut pages = Vec::new();
    for file in labelled_files(path)? {
        pages.extend(read_file(&file)?);
    }
    Ok(pages)
}

/// Reads the pages of one labelled JSONL file, grouped by `doc` and ordered by `line`.
pub fn read_file(path: &Path) -> Result<Vec<LabelledPage>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(e, path))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let default_doc = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut pages: Vec<LabelledPage> = Vec::new();
    let mut order: Vec<Vec<u64>> = Vec::new();
    let mut by_doc: HashMap<String, usize> = HashMap::new();
    // The first record of each doc seen with a blank text: a doc with nothing else is a page
    // with no lines, refused (a hand-made labels file has lost its page's lines).
    let mut blank_docs: HashMap<String, u64> = HashMap::new();
    for (i, line) in BufReader::new(reader).lines().enumerate() {
        let lineno = i as u64 + 1;
        let line = line.map_err(|e| Error::io(e, path).with_line(lineno))?;
        if line.trim().is_empty() {
            continue;
        }
        let rec: Record = serde_json::from_str(&line).map_err(|e| {
            Error::new(ErrorKind::BadRecord(e.to_string()))
                .with_path(path)
                .with_line(lineno)
        })?;
        let label: Label = rec
            .label
            .parse()
            .map_err(|e: Error| e.with_path(path).with_line(lineno))?;
        let doc = rec.doc.unwrap_or_else(|| default_doc.clone());
        if rec.text.trim().is_empty() {
            // A blank line is a separator, never a line to classify.
            blank_docs.entry(doc).or_insert(lineno);
            continue;
        }
        let idx = *by_doc.entry(doc.clone()).or_insert_with(|| {
            pages.push(LabelledPage {
                doc,
                source: rec.source.clone().unwrap_or_else(|| "unknown".into()),
                site: rec.site.clone().unwrap_or_default(),
                lines: Vec::new(),
                origin: Vec::new(),
            });
            order.push(Vec::new());
            pages.len() - 1
        });
        order[idx].push(rec.line.unwrap_or(lineno));
        pages[idx].lines.push(LabelledLine {
            text: rec.text,
            label,
            ambiguous: rec.ambiguous,
            suspect: rec.suspect,
            weak: rec.weak,
            lang: rec.lang.unwrap_or_default(),
        });
    }
    if let Some((doc, lineno)) = blank_docs
        .iter()
        .filter(|(doc, _)| !by_doc.contains_key(*doc))
        .min_by_key(|(_, &l)| l)
    {
        return Err(Error::new(ErrorKind::BadRecord(format!(
            "page {doc:?} has no lines (every text of it is blank)"
        )))
        .with_path(path)
        .with_line(*lineno));
    }
    for (page, keys) in pages.iter_mut().zip(order) {
        if keys.windows(2).any(|w| w[0] > w[1]) {
            let mut paired: Vec<(u64, LabelledLine)> =
                keys.into_iter().zip(page.lines.drain(..)).collect();
            paired.sort_by_key(|p| p.0);
            page.lines = paired.into_iter().map(|p| p.1).collect();
        }
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn groups_by_doc_and_orders_by_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.jsonl");
        std::fs::write(
            &path,
            concat!(
                r#"{"doc":"a","line":1,"text":"second","label":"news"}"#,
                "\n",
                r#"{"doc":"b","line":0,"text":"other page","label":"furniture","source":"s"}"#,
                "\n",
                r#"{"doc":"a","line":0,"text":"first","label":"furniture","suspect":true}"#,
                "\n",
            ),
        )
        .unwrap();
        let pages = read_pages(dir.path()).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].texts(), ["first", "second"]);
        assert!(pages[0].lines[0].suspect);
        assert!(pages[0].has_news() && !pages[1].has_news());
        assert_eq!(pages[1].source, "s");
        let extracted = pages[0].news_only();
        assert_eq!(extracted.texts(), ["second"]);
        assert_eq!(extracted.doc, "a");
        assert!(pages[1].news_only().lines.is_empty());
    }

    #[test]
    fn reads_gzip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.jsonl.gz");
        let mut gz = flate2::write::GzEncoder::new(
            std::fs::File::create(&path).unwrap(),
            Default::default(),
        );
        writeln!(gz, r#"{{"text":"Slot gacor","label":"gambling"}}"#).unwrap();
        gz.finish().unwrap();
        let pages = read_file(&path).unwrap();
        assert_eq!(pages[0].doc, "x.jsonl.gz");
        assert_eq!(pages[0].lines[0].label, Label::Gambling);
    }

    #[test]
    fn bad_records_name_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.jsonl");
        std::fs::write(
            &path,
            "{\"text\":\"a\",\"label\":\"news\"}\n{\"text\": 3}\n",
        )
        .unwrap();
        let e = read_file(&path).unwrap_err().to_string();
        assert!(e.contains("bad.jsonl:2: bad record"), "{e}");
        std::fs::write(&path, "{\"text\":\"a\",\"label\":\"spam\"}\n").unwrap();
        let e = read_file(&path).unwrap_err().to_string();
        assert!(e.contains("bad.jsonl:1: unknown label"), "{e}");
        std::fs::write(
            &path,
            concat!(
                r#"{"doc":"a","text":"Story.","label":"news"}"#,
                "\n",
                r#"{"doc":"b","text":"  ","label":"furniture"}"#,
                "\n",
                r#"{"doc":"a","text":"","label":"furniture"}"#,
                "\n",
            ),
        )
        .unwrap();
        let e = read_file(&path).unwrap_err().to_string();
        assert!(
            e.contains("bad.jsonl:2: bad record: page \"b\" has no lines"),
            "{e}"
        );
    }
}
