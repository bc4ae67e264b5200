//! Page types the shipped models lose (issue 23), end to end: a tag page of full articles, an
//! infinite-scroll page of three articles, an article under a bullet summary, a live blog, and
//! a wire story among share counters, photo credits, "Sponsored" slots and kicker teasers. The
//! pages (`training/fixtures/pagetypes/pages.jsonl`, one `source` per page type, one page in
//! German) were written for this project; every page type has two or three pages of one site,
//! with the same menu and footer on each.
//!
//! Every news line (headline, standfirst, bullet, paragraph, live entry) must be kept and
//! labelled news, and every other line (source, date, category, time stamp, counter, credit,
//! teaser, menu, footer) dropped: judged alone (`--alone`) and in a batch, where `chaff filter`
//! judges the pages of one site (the host of each JSONL page's `url`) together, as in a
//! crawl, and `chaff eval` those with the same `site`.
//!
//! The model shipped at a8107d8 (2026-11-24) passed none of the ten: of the 119 news lines it
//! kept and labelled news 81 alone and 79 in a batch, calling the tag pages' articles other and
//! dropping the headline at the top of every other page. The model shipped at 04dc578
//! (2026-12-07) passes none either, though it keeps and labels news 104 alone and 101 in a
//! batch: it still drops most headlines at the top of a page (furniture, P(news) about 0.15) and
//! a few tag-page articles, and keeps some "Updated" lines of the infinite-scroll pages. The
//! model shipped at 7543605 (2026-12-07), which knows the headline by the page's title, keeps
//! and labels news 111 alone and 106 in a batch, every headline but the tag pages' among them,
//! and passes two of the ten (the bullet summaries alone, the live blogs in a batch); its tag
//! pages keep 7 of 14 news lines alone (the articles' headlines, which do not repeat the page's
//! title, are dropped), and the infinite-scroll pages still keep "Updated" lines. So the ten
//! are ignored until a shipped model passes them all (`--ignored` runs them); the two tests of
//! the fixture itself always run.
//!
//! The verdicts per page type and per page, judged alone and in a batch, for any model file
//! (without `CHAFF_MODEL`, the embedded model; every test here judges with that model):
//!
//!     CHAFF_MODEL=path/to/model.chaff cargo test --release --all-features --test page_types -- \
//!         --ignored --nocapture

mod common;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

use common::{chaff, json_lines, model_args, path, stderr, stdout};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("training/fixtures/pagetypes/pages.jsonl")
}

/// A labelled page of the fixture.
struct Page {
    doc: String,
    source: String,
    site: String,
    lang: String,
    /// (text, gold label), in page order.
    lines: Vec<(String, String)>,
}

impl Page {
    /// The page as a JSONL record, as a crawl gives it: the text of its lines, and a URL on
    /// its site.
    fn record(&self) -> Value {
        let slug = self.doc.rsplit('/').next().unwrap_or(&self.doc);
        let text: Vec<&str> = self.lines.iter().map(|(t, _)| t.as_str()).collect();
        serde_json::json!({
            "id": self.doc,
            "url": format!("https://{}/{slug}", self.site),
            "text": text.join("\n"),
        })
    }
}

/// Every page of the fixture, in file order.
fn pages() -> Vec<Page> {
    let text = std::fs::read_to_string(fixture()).unwrap();
    let mut pages: Vec<Page> = Vec::new();
    for rec in json_lines(&text) {
        let field = |name: &str| rec[name].as_str().unwrap().to_string();
        if pages.last().is_none_or(|p| p.doc != field("doc")) {
            pages.push(Page {
                doc: field("doc"),
                source: field("source"),
                site: field("site"),
                lang: field("lang"),
                lines: Vec::new(),
            });
        }
        let page = pages.last_mut().unwrap();
        assert_eq!(
            rec["line"].as_u64(),
            Some(page.lines.len() as u64),
            "{}: lines in order, from 0",
            page.doc
        );
        page.lines.push((field("text"), field("label")));
    }
    pages
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Judging {
    /// Every page on its own (`--alone`).
    Alone,
    /// The pages of a site together (their `url`'s host), as a crawl is filtered.
    Batch,
}

impl fmt::Display for Judging {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Judging::Alone => "judged alone",
            Judging::Batch => "judged with their site",
        })
    }
}

/// The model's verdict on one line of a page.
struct Judged<'a> {
    page: &'a Page,
    /// 1-based, as `chaff filter` counts.
    line: usize,
    label: String,
    p_news: f64,
    kept: bool,
}

impl Judged<'_> {
    fn text(&self) -> &str {
        &self.page.lines[self.line - 1].0
    }

    fn gold(&self) -> &str {
        &self.page.lines[self.line - 1].1
    }

    fn is_news(&self) -> bool {
        self.gold() == "news"
    }

    /// A news line kept and labelled news, or another line dropped.
    fn is_right(&self) -> bool {
        if self.is_news() {
            self.kept && self.label == "news"
        } else {
            !self.kept
        }
    }
}

impl fmt::Display for Judged<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let text: String = self.text().chars().take(110).collect();
        let cut = if text.len() < self.text().len() {
            "…"
        } else {
            ""
        };
        write!(
            f,
            "{} line {}: gold {}, labelled {}, P(news) {:.3}, {}: {text:?}{cut}",
            self.page.doc,
            self.line,
            self.gold(),
            self.label,
            self.p_news,
            if self.kept { "kept" } else { "dropped" }
        )
    }
}

/// Runs `chaff filter --format jsonl` on `pages`, given as JSONL records in one file.
fn judge<'a>(pages: &[&'a Page], judging: Judging) -> Vec<Judged<'a>> {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("pages.jsonl");
    let body: Vec<String> = pages.iter().map(|p| p.record().to_string()).collect();
    std::fs::write(&docs, body.join("\n") + "\n").unwrap();
    let mut args: Vec<String> = vec!["filter".into(), "--format".into(), "jsonl".into()];
    if judging == Judging::Alone {
        args.push("--alone".into());
    }
    args.extend(model_args());
    args.push(path(&docs).into());
    let out = chaff(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.status.success(), "{}", stderr(&out));
    let judged: Vec<Judged> = json_lines(&stdout(&out))
        .into_iter()
        .map(|r| {
            // The record's doc is "FILE:N", N the page's line in the input file.
            let n: usize = r["doc"]
                .as_str()
                .unwrap()
                .rsplit(':')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            Judged {
                page: pages[n - 1],
                line: r["line"].as_u64().unwrap() as usize,
                label: r["label"].as_str().unwrap().to_string(),
                p_news: r["probs"]["news"].as_f64().unwrap(),
                kept: r["kept"].as_bool().unwrap(),
            }
        })
        .collect();
    let lines: usize = pages.iter().map(|p| p.lines.len()).sum();
    assert_eq!(judged.len(), lines, "one verdict per line of the fixture");
    judged
}

/// How lines were judged, of the lines there are.
#[derive(Default)]
struct Tally {
    news: usize,
    /// News lines kept (with any label), and kept and labelled news.
    news_kept: usize,
    news_right: usize,
    noise: usize,
    noise_dropped: usize,
}

impl Tally {
    fn of<'a, 'p: 'a>(judged: impl IntoIterator<Item = &'a Judged<'p>>) -> Tally {
        let mut t = Tally::default();
        for j in judged {
            if j.is_news() {
                t.news += 1;
                t.news_kept += usize::from(j.kept);
                t.news_right += usize::from(j.is_right());
            } else {
                t.noise += 1;
                t.noise_dropped += usize::from(j.is_right());
            }
        }
        t
    }
}

/// Judges the pages of `source` and fails with every line judged wrong.
fn assert_judged_right(source: &str, judging: Judging) {
    let all = pages();
    let pages: Vec<&Page> = all.iter().filter(|p| p.source == source).collect();
    assert!(!pages.is_empty(), "no {source} pages in the fixture");
    let judged = judge(&pages, judging);
    let wrong: Vec<String> = judged
        .iter()
        .filter(|j| !j.is_right())
        .map(|j| format!("  {j}"))
        .collect();
    let t = Tally::of(&judged);
    assert!(
        wrong.is_empty(),
        "{source} pages {judging}: {} of {} news lines kept and labelled news ({} kept), {} of \
         {} other lines dropped; wrong:\n{}",
        t.news_right,
        t.news,
        t.news_kept,
        t.noise_dropped,
        t.noise,
        wrong.join("\n")
    );
}

const AGGREGATOR: &str = "pagetype-aggregator";
const INFINITE_SCROLL: &str = "pagetype-infinite-scroll";
const BULLET_SUMMARY: &str = "pagetype-bullet-summary";
const LIVE_BLOG: &str = "pagetype-live-blog";
const WIRE_SPONSORED: &str = "pagetype-wire-sponsored";
const PAGE_TYPES: [&str; 5] = [
    AGGREGATOR,
    INFINITE_SCROLL,
    BULLET_SUMMARY,
    LIVE_BLOG,
    WIRE_SPONSORED,
];

#[test]
#[ignore = "the bar of issue 23, which the shipped model does not reach yet: run with --ignored"]
fn tag_page_articles_are_kept_and_their_source_date_and_category_dropped_alone() {
    assert_judged_right(AGGREGATOR, Judging::Alone);
}

#[test]
#[ignore = "the bar of issue 23, which the shipped model does not reach yet: run with --ignored"]
fn tag_page_articles_are_kept_and_their_source_date_and_category_dropped_in_a_batch() {
    assert_judged_right(AGGREGATOR, Judging::Batch);
}

#[test]
#[ignore = "the bar of issue 23, which the shipped model does not reach yet: run with --ignored"]
fn infinite_scroll_articles_are_kept_and_updated_follow_lines_dropped_alone() {
    assert_judged_right(INFINITE_SCROLL, Judging::Alone);
}

#[test]
#[ignore = "the bar of issue 23, which the shipped model does not reach yet: run with --ignored"]
fn infinite_scroll_articles_are_kept_and_updated_follow_lines_dropped_in_a_batch() {
    assert_judged_right(INFINITE_SCROLL, Judging::Batch);
}

#[test]
#[ignore = "the bar of issue 23, which the shipped model does not reach yet: run with --ignored"]
fn bullet_summary_and_article_are_kept_and_byline_dropped_alone() {
    assert_judged_right(BULLET_SUMMARY, Judging::Alone);
}

#[test]
#[ignore = "the bar of issue 23, which the shipped model does not reach yet: run with --ignored"]
fn bullet_summary_and_article_are_kept_and_byline_dropped_in_a_batch() {
    assert_judged_right(BULLET_SUMMARY, Judging::Batch);
}

#[test]
#[ignore = "the bar of issue 23, which the shipped model does not reach yet: run with --ignored"]
fn live_blog_entries_are_kept_and_time_stamps_dropped_alone() {
    assert_judged_right(LIVE_BLOG, Judging::Alone);
}

#[test]
#[ignore = "the bar of issue 23, which the shipped model does not reach yet: run with --ignored"]
fn live_blog_entries_are_kept_and_time_stamps_dropped_in_a_batch() {
    assert_judged_right(LIVE_BLOG, Judging::Batch);
}

#[test]
#[ignore = "the bar of issue 23, which the shipped model does not reach yet: run with --ignored"]
fn wire_story_is_kept_and_counters_credits_and_teasers_dropped_alone() {
    assert_judged_right(WIRE_SPONSORED, Judging::Alone);
}

#[test]
#[ignore = "the bar of issue 23, which the shipped model does not reach yet: run with --ignored"]
fn wire_story_is_kept_and_counters_credits_and_teasers_dropped_in_a_batch() {
    assert_judged_right(WIRE_SPONSORED, Judging::Batch);
}

/// The fixture holds what the tests above need, whatever the model: every page type, a
/// German page, pages that share a site (with their menu and footer) for the batch, and no
/// news line repeated on another page (which a batch would rightly read as furniture).
#[test]
fn fixture_has_every_page_type_and_sites_of_several_pages() {
    let pages = pages();
    for source in PAGE_TYPES {
        assert!(pages.iter().any(|p| p.source == source), "no {source} page");
    }
    assert!(pages
        .iter()
        .all(|p| PAGE_TYPES.contains(&p.source.as_str())));
    assert!(pages.iter().any(|p| p.lang == "de"), "no German page");
    let mut sites: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for p in &pages {
        *sites.entry((&p.source, &p.site)).or_default() += 1;
    }
    let shared = sites.values().filter(|&&n| n >= 2).count();
    assert!(
        shared >= 2,
        "page types with a site of several pages: {sites:?}"
    );
    let mut news: BTreeMap<&str, &str> = BTreeMap::new();
    for p in &pages {
        assert_eq!(p.lines[0].1, "furniture", "{}: a title line first", p.doc);
        for (text, label) in &p.lines {
            if label == "news" {
                let first = news.insert(text, &p.doc);
                assert!(first.is_none(), "{text:?} is news on two pages");
            }
        }
    }
}

/// `chaff eval` groups a batch by the pages' `site`, `chaff filter` by the host of their
/// `url`: on these pages the two judge every line alike, alone and in a batch (so `chaff eval
/// --data training/fixtures/pagetypes` measures what these tests see).
#[test]
fn eval_and_filter_judge_the_pages_alike() {
    let pages = pages();
    let all: Vec<&Page> = pages.iter().collect();
    for judging in [Judging::Alone, Judging::Batch] {
        let judged = judge(&all, judging);
        let dir = tempfile::tempdir().unwrap();
        let json = dir.path().join("eval.json");
        let mut args: Vec<String> = ["eval", "--resamples", "0", "--data"]
            .map(String::from)
            .to_vec();
        args.extend([path(&fixture()).into(), "--json".into(), path(&json).into()]);
        if judging == Judging::Alone {
            args.push("--alone".into());
        }
        args.extend(model_args());
        let out = chaff(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(out.status.success(), "{}", stderr(&out));
        let figures: Value =
            serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        for source in PAGE_TYPES {
            let counts = &figures["keep_view"]["per_source"][source]["counts"];
            let of_source = judged.iter().filter(|j| j.page.source == source);
            let kept = of_source.clone().filter(|j| j.kept).count() as u64;
            let kept_news = of_source.filter(|j| j.kept && j.is_news()).count() as u64;
            assert_eq!(
                (
                    counts["kept_lines"].as_u64(),
                    counts["line_counts"][0].as_u64()
                ),
                (Some(kept), Some(kept_news)),
                "{source} {judging}: lines kept, and news lines kept, by eval and by filter"
            );
        }
    }
}

/// Prints, for the model in `CHAFF_MODEL` (or the embedded one), how each page type and each
/// page is judged alone and in a batch: news lines kept and labelled news, news lines kept
/// (with any label), and other lines dropped, of those there are. Run by hand (see the top of
/// this file).
#[test]
#[ignore = "prints the verdicts for a model; run with --ignored --nocapture"]
fn verdicts_per_page_type() {
    let pages = pages();
    let all: Vec<&Page> = pages.iter().collect();
    let alone = judge(&all, Judging::Alone);
    let batch = judge(&all, Judging::Batch);
    let model = model_args().pop().unwrap_or("the embedded model".into());
    println!(
        "{model}: news lines kept and labelled news, news lines kept, other lines dropped, \
         of those there are"
    );
    let head = |name: &str, cells: [&str; 3]| {
        let [a, b, c] = cells;
        println!("{name:<50} {a:>7} {b:>7} {c:>7}   {a:>7} {b:>7} {c:>7}");
    };
    println!("{:<50} {:>23}   {:>23}", "", "alone", "in a batch");
    head("page type / page", ["news", "kept", "other"]);
    let row = |name: String, of: &dyn Fn(&Judged) -> bool| {
        let cells = [&alone, &batch].map(|judged| {
            let t = Tally::of(judged.iter().filter(|j| of(j)));
            format!(
                "{:>7} {:>7} {:>7}",
                format!("{}/{}", t.news_right, t.news),
                format!("{}/{}", t.news_kept, t.news),
                format!("{}/{}", t.noise_dropped, t.noise)
            )
        });
        println!("{name:<50} {}   {}", cells[0], cells[1]);
    };
    for source in PAGE_TYPES {
        row(source.to_string(), &|j| j.page.source == source);
        for p in pages.iter().filter(|p| p.source == source) {
            let lang = if p.lang == "en" {
                String::new()
            } else {
                format!(" ({})", p.lang)
            };
            row(format!("  {}{lang}", p.doc), &|j| j.page.doc == p.doc);
        }
    }
    row("all pages".to_string(), &|_| true);
}
