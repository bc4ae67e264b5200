//! Spam spliced into news pages, as crawled pages carry it: the pages `chaff eval --spliced`
//! judges ([`with_spam_spliced`]), and the copies training makes so that its stages see spam
//! inside pages and not only as lone comments and titles (`train::augment`).
//!
//! Both take their spam from the per-page spam of labelled pages ([`per_page_spam`]: promo
//! comments, spam pages, product titles), copy the news pages of a list in order and splice
//! runs of those lines into the copies ([`splice_news_pages`]). They differ in what they draw:
//! - eval draws nothing at random. Every news page gets [`SPLICED_GAMBLING`] gambling lines at
//!   one fixed place ([`Splice`]) and [`SPLICED_LISTINGS`] product lines below its article, each
//!   line picked by a hash of the page's and the line's number, so the same data always gives
//!   the same pages and the same figures.
//! - training draws from its seeded generator, in the order its models were trained with: which
//!   news pages are copied, which kind of spam, how many lines and where (above, below or
//!   inside the article), which lines, and how each product title is cased and priced.
//!
//! One function for both would change the pages of one of them (eval's figures, or the
//! training copies and with them the model), so they share the copying and splicing and each
//! says what to splice where. Eval's pages stand in for the data's and are judged with their
//! site's memory; training marks its copies as spliced
//! ([`Origin::Spliced`](crate::corpus::Origin::Spliced)), which have none.

use crate::corpus::{LabelledLine, LabelledPage};
use crate::features::repetition::avalanche;
use crate::label::Label;

/// Gambling lines spliced into the article's page by [`with_spam_spliced`].
pub const SPLICED_GAMBLING: usize = 3;
/// Product lines spliced in below the article by [`with_spam_spliced`].
pub const SPLICED_LISTINGS: usize = 4;

/// Where [`with_spam_spliced`] puts the gambling lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Splice {
    /// Just above the article's first news line: an ad block or promo comments over the article.
    Above,
    /// Between the two middle news lines of the article (above it when it has one): spam
    /// injected into the body, as on a hacked page.
    Inside,
    /// Just below the article, right above the product lines: two kinds of spam side by side,
    /// as in an ad column, where each line must keep its own label.
    Together,
}

impl std::str::FromStr for Splice {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Splice, String> {
        match s {
            "above" => Ok(Splice::Above),
            "inside" => Ok(Splice::Inside),
            "together" => Ok(Splice::Together),
            _ => Err(format!(
                "{s:?} is not a place to splice at: above, inside or together"
            )),
        }
    }
}

/// The news pages of `pages`, each with spam spliced in where crawled news pages carry it:
/// [`SPLICED_GAMBLING`] gambling lines above, inside or below the article (`gambling_at`), and
/// [`SPLICED_LISTINGS`] product lines just below its last news line (a product grid). The
/// spam is the per-page spam of `pages` (gambling and marketplace lines marked `weak`:
/// promo comments, spam pages, product titles), picked by a fixed hash of the page's and the
/// line's number, so the same data always gives the same pages. Empty when `pages` has no news
/// page or no such spam.
pub fn with_spam_spliced(pages: &[LabelledPage], gambling_at: Splice) -> Vec<LabelledPage> {
    let gambling = per_page_spam(pages, Label::Gambling);
    let listings = per_page_spam(pages, Label::Marketplace);
    if gambling.is_empty() || listings.is_empty() {
        return Vec::new();
    }
    splice_at_fixed_places(pages, &gambling, &listings, gambling_at)
}

/// The news pages of `pages` with the per-page spam of other pages, `spam`, spliced in as
/// [`with_spam_spliced`] splices the data's own (a held-out spam source into dev news pages,
/// say). A kind of spam `spam` has none of is left out: spam of one gambling source gives pages
/// with the gambling lines alone. Empty when `pages` has no news page or `spam` no
/// per-page spam.
pub fn with_spam_spliced_from(
    pages: &[LabelledPage],
    spam: &[LabelledPage],
    gambling_at: Splice,
) -> Vec<LabelledPage> {
    let gambling = per_page_spam(spam, Label::Gambling);
    let listings = per_page_spam(spam, Label::Marketplace);
    if gambling.is_empty() && listings.is_empty() {
        return Vec::new();
    }
    splice_at_fixed_places(pages, &gambling, &listings, gambling_at)
}

/// Splices [`SPLICED_GAMBLING`] lines of `gambling` and [`SPLICED_LISTINGS`] of `listings`
/// (none of an empty pool) into each news page of `pages`, as [`with_spam_spliced`] says.
fn splice_at_fixed_places(
    pages: &[LabelledPage],
    gambling: &[&LabelledLine],
    listings: &[&LabelledLine],
    gambling_at: Splice,
) -> Vec<LabelledPage> {
    let pick = |pool: &[&LabelledLine], key: u64| {
        let key = key.wrapping_add(0x9e37_79b9_7f4a_7c15);
        pool[(avalanche(key) % pool.len() as u64) as usize].clone()
    };
    let count = |pool: &[&LabelledLine], n: usize| if pool.is_empty() { 0 } else { n };
    let (n_gambling, n_listings) = (
        count(gambling, SPLICED_GAMBLING),
        count(listings, SPLICED_LISTINGS),
    );
    splice_news_pages(pages, |i, page, (first, last)| {
        let at = match gambling_at {
            Splice::Above => first,
            Splice::Inside => {
                let news: Vec<usize> = (0..page.lines.len())
                    .filter(|&n| page.lines[n].label == Label::News)
                    .collect();
                news[news.len() / 2]
            }
            // Spliced after the grid, at the same place: just above it.
            Splice::Together => last + 1,
        };
        let key = |j: usize| ((i as u64) << 8) | j as u64;
        let grid = (0..n_listings)
            .map(|j| pick(listings, key(j) ^ 1 << 63))
            .collect();
        let ad = (0..n_gambling).map(|j| pick(gambling, key(j))).collect();
        Some(vec![
            Run {
                at: last + 1,
                lines: grid,
            },
            Run { at, lines: ad },
        ])
    })
}

/// The lines of `pages` labelled `label` for their whole page (`weak`): the spam and
/// product sources (promo comments, spam pages, product titles), not the content of product
/// pages, which is specs and prose as often as listings.
pub fn per_page_spam(pages: &[LabelledPage], label: Label) -> Vec<&LabelledLine> {
    pages
        .iter()
        .flat_map(|p| &p.lines)
        .filter(|l| l.label == label && l.weak)
        .collect()
}

/// A run of lines to splice into a page: they go before its line `at` (an index into the
/// page's lines as the runs before this one left them; the page's length puts them last).
pub(crate) struct Run {
    /// Where the lines go.
    pub at: usize,
    /// The lines, in order.
    pub lines: Vec<LabelledLine>,
}

/// Copies of the news pages of `pages`, in order, each with the runs `runs_for` gives it spliced
/// in, one run after the other. `runs_for` is called once per news page, in order, with its
/// number among the news pages, the page, and the span of its news lines (the index of the
/// first and of the last); `None` leaves the page uncopied. A copy keeps its page's name,
/// site and origin.
pub(crate) fn splice_news_pages(
    pages: &[LabelledPage],
    mut runs_for: impl FnMut(usize, &LabelledPage, (usize, usize)) -> Option<Vec<Run>>,
) -> Vec<LabelledPage> {
    let mut out = Vec::new();
    for (i, page) in pages.iter().filter(|p| p.has_news()).enumerate() {
        let Some(span) = page.news_span() else {
            continue;
        };
        let Some(runs) = runs_for(i, page, span) else {
            continue;
        };
        let mut copy = page.clone();
        for run in runs {
            copy.lines.splice(run.at..run.at, run.lines);
        }
        out.push(copy);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, label: Label, weak: bool) -> LabelledLine {
        LabelledLine {
            weak,
            ..crate::corpus::line(text, label)
        }
    }

    #[test]
    fn spam_is_spliced_around_the_article_of_news_pages() {
        let page = |doc: &str, lines: Vec<LabelledLine>| LabelledPage {
            doc: doc.into(),
            source: "s".into(),
            site: "example.com".into(),
            lines,
            origin: Vec::new(),
        };
        let pages = vec![
            page(
                "news",
                vec![
                    line("Home", Label::Furniture, false),
                    line("First paragraph.", Label::News, false),
                    line("Second paragraph.", Label::News, false),
                    line("Footer", Label::Furniture, false),
                ],
            ),
            page("promo", vec![line("Slot gacor 88", Label::Gambling, true)]),
            page(
                "titles",
                vec![line("kettle 1.7 l", Label::Marketplace, true)],
            ),
            // Product-page content is not per-page spam: never spliced.
            page("shop", vec![line("Our kettles", Label::Marketplace, false)]),
        ];
        let spliced = with_spam_spliced(&pages, Splice::Above);
        assert_eq!(spliced.len(), 1, "only news pages");
        let labels: Vec<Label> = spliced[0].lines.iter().map(|l| l.label).collect();
        use Label::*;
        let mut want = vec![Furniture];
        want.extend([Gambling; SPLICED_GAMBLING]);
        want.extend([News, News]);
        want.extend([Marketplace; SPLICED_LISTINGS]);
        want.push(Furniture);
        assert_eq!(labels, want);
        assert!(spliced[0].lines.iter().all(|l| l.text != "Our kettles"));
        assert_eq!(spliced[0].doc, "news");
        assert_eq!(
            with_spam_spliced(&pages, Splice::Above),
            spliced,
            "the same pages every time"
        );
        assert!(
            with_spam_spliced(&pages[..2], Splice::Above).is_empty(),
            "no listings to splice"
        );
        // Inside: between the article's two lines.
        let inside = with_spam_spliced(&pages, Splice::Inside);
        let labels: Vec<Label> = inside[0].lines.iter().map(|l| l.label).collect();
        let mut want = vec![Furniture, News];
        want.extend([Gambling; SPLICED_GAMBLING]);
        want.push(News);
        want.extend([Marketplace; SPLICED_LISTINGS]);
        want.push(Furniture);
        assert_eq!(labels, want);
        // Together: below the article, the gambling lines right above the product lines.
        let together = with_spam_spliced(&pages, Splice::Together);
        let labels: Vec<Label> = together[0].lines.iter().map(|l| l.label).collect();
        let mut want = vec![Furniture, News, News];
        want.extend([Gambling; SPLICED_GAMBLING]);
        want.extend([Marketplace; SPLICED_LISTINGS]);
        want.push(Furniture);
        assert_eq!(labels, want);
    }

    #[test]
    fn spam_of_other_pages_is_spliced_kind_by_kind() {
        let page = |doc: &str, lines: Vec<LabelledLine>| LabelledPage {
            doc: doc.into(),
            source: "s".into(),
            site: String::new(),
            lines,
            origin: Vec::new(),
        };
        let news = vec![page(
            "news",
            vec![
                line("First paragraph.", Label::News, false),
                line("Second paragraph.", Label::News, false),
                // The evaluated data's own spam is not spliced.
                line("Own promo", Label::Gambling, true),
            ],
        )];
        let promos = vec![page(
            "p",
            vec![line("Held-out promo", Label::Gambling, true)],
        )];
        let spliced = with_spam_spliced_from(&news, &promos, Splice::Inside);
        assert_eq!(spliced.len(), 1);
        let texts = spliced[0].texts();
        let mut want = vec!["First paragraph."];
        want.extend(["Held-out promo"; SPLICED_GAMBLING]);
        want.extend(["Second paragraph.", "Own promo"]);
        assert_eq!(texts, want, "gambling alone: no product lines");

        let titles = vec![page(
            "t",
            vec![line("kettle 1.7 l", Label::Marketplace, true)],
        )];
        let spliced = with_spam_spliced_from(&news, &titles, Splice::Above);
        let labels: Vec<Label> = spliced[0].lines.iter().map(|l| l.label).collect();
        let mut want = vec![Label::News, Label::News];
        want.extend([Label::Marketplace; SPLICED_LISTINGS]);
        want.push(Label::Gambling);
        assert_eq!(labels, want, "listings alone, below the article");

        let not_spam = vec![page("c", vec![line("Nice post", Label::Other, true)])];
        assert!(with_spam_spliced_from(&news, &not_spam, Splice::Above).is_empty());
        assert!(with_spam_spliced_from(&promos, &promos, Splice::Above).is_empty());
    }
}
