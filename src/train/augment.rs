//! The copies training makes of the data's pages, so the stages see pages the data has few
//! of: lone spam lines regrouped into runs, articles as an extractor gives them, pages of
//! several articles, pages in made-up languages, spam spliced into articles and duplicates on a
//! site; and the relabelling of the data's headline copies and priced listings.

use super::{unseen, Config, Folded};
use crate::corpus::{LabelledLine, LabelledPage, Origin};
use crate::features::context::is_prose;
use crate::features::stats;
use crate::features::title::{TitleWords, HEADLINE_MATCH};
use crate::label::Label;
use crate::rng::Rng;
use crate::splice::{self, Run};

/// Lines shorter than this many words are left as labelled by [`relabel_repeated_news`]: a
/// short news line ("Photo", a name) can recur as furniture.
const MIN_REPEATED_NEWS_WORDS: usize = 4;

/// Relabels as news the furniture lines of `page` that repeat one of its news lines, or the
/// headline of its news title line (see [`Config::repeated_news_as_news`]); returns how many.
pub(super) fn relabel_repeated_news(page: &mut LabelledPage) -> usize {
    let key = |t: &str| t.trim().to_lowercase();
    let mut news: Vec<String> = Vec::new();
    for (i, line) in page.lines.iter().enumerate() {
        if line.label != Label::News {
            continue;
        }
        news.push(key(&line.text));
        if i == 0 {
            // "Headline | Site", "Headline - Site": the headline alone.
            for sep in [" | ", " - ", " – ", " — "] {
                if let Some((head, _)) = line.text.rsplit_once(sep) {
                    news.push(key(head));
                }
            }
        }
    }
    let mut n = 0;
    for line in &mut page.lines {
        if line.label == Label::Furniture
            && line.text.split_whitespace().count() >= MIN_REPEATED_NEWS_WORDS
            && news.contains(&key(&line.text))
        {
            line.label = Label::News;
            n += 1;
        }
    }
    n
}

/// Relabels as news the headline of a news page when its labels call it furniture: the line
/// nearest above the page's first line of news prose that repeats the page's title (see
/// [`Config::headline_as_news`]); returns how many lines it relabelled (0 or 1).
pub(super) fn relabel_headline(page: &mut LabelledPage) -> usize {
    let texts = page.texts();
    let Some(first) = page.lines.iter().position(|l| {
        let text = l.text.trim();
        l.label == Label::News && is_prose(text, text.chars().count() as f32)
    }) else {
        return 0;
    };
    let title = TitleWords::of_page(&texts);
    let headline = (1..first)
        .rev()
        .find(|&i| title.matching(texts[i]) >= HEADLINE_MATCH);
    match headline {
        Some(i) if page.lines[i].label == Label::Furniture => {
            page.lines[i].label = Label::News;
            1
        }
        _ => 0,
    }
}

/// News lines of at most this many words can be a date or a byline and nothing more.
const MAX_DATELINE_WORDS: usize = 10;

/// Relabels as furniture the news lines of `page` that are a date ("October 29, 2012",
/// "Updated 14 May 2025, 08:40", "by Ann Lee on Aug 9, 2012 1:00PM") or a byline ("By Ann
/// Lee") and little more (see [`Config::dates_and_bylines_as_furniture`]); returns how many.
pub(super) fn relabel_dates_and_bylines(page: &mut LabelledPage) -> usize {
    let mut n = 0;
    for line in page.lines.iter_mut().filter(|l| l.label == Label::News) {
        let text = line.text.trim();
        let words = text.split_whitespace().count();
        if words > MAX_DATELINE_WORDS {
            continue;
        }
        let dated = stats::has_date(&stats::line_stats(text))
            && text.contains(|c: char| c.is_ascii_digit());
        let byline = text
            .get(..3)
            .is_some_and(|head| head.eq_ignore_ascii_case("by "))
            && !text.ends_with(['.', '!', '?'])
            && words <= 6;
        if dated || byline {
            line.label = Label::Furniture;
            n += 1;
        }
    }
    n
}

/// Adds the training copies to the pages of each fold (see [`add_copies`]) and lays the folds
/// out as one list of pages, each with its fold.
pub(super) fn add_fold_copies(fold_pages: Vec<Vec<LabelledPage>>, config: &Config) -> Folded {
    let folds = fold_pages.len();
    let mut rng = Rng(config.seed);
    let (mut pages, mut fold_of) = (Vec::new(), Vec::new());
    for (f, mut fold) in fold_pages.into_iter().enumerate() {
        add_copies(&mut fold, config, &mut rng);
        fold_of.extend(std::iter::repeat_n(f, fold.len()));
        pages.extend(fold);
    }
    Folded {
        pages,
        fold_of,
        folds,
    }
}

/// Regroups a fold's lone spam lines and adds its training copies: extracted articles, made-up
/// languages, spam spliced into news pages. Copies are made within the fold, so a copy is judged
/// by the same fold models as its page.
fn add_copies(pages: &mut Vec<LabelledPage>, config: &Config, rng: &mut Rng) {
    group_single_lines(pages, rng);
    add_extracted(pages, config.extracted_share, rng);
    add_multi_article(pages, config.multi_article_share, rng);
    add_untitled(pages, config.untitled_share, rng);
    add_unseen_language(
        pages,
        config.unseen_language_share,
        config.unseen_sound_systems,
        rng,
    );
    add_spliced(pages, config.augment_share, rng);
    add_duplicates(pages, config.duplicate_share, rng);
}

/// The product titles in the data are all lower case; on a page, a product grid is title-cased
/// and priced. Lower-case lines get title case and, three times in four, a price.
fn as_listing(text: &str, rng: &mut Rng) -> String {
    if text.chars().any(char::is_uppercase) {
        return text.to_string();
    }
    let mut out: String = text
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    if rng.below(4) != 0 {
        let price = 5 + rng.below(400);
        match rng.below(3) {
            0 => out.push_str(&format!(" - ${price}.99")),
            1 => out.push_str(&format!(" £{price}.00")),
            _ => out.push_str(&format!(" Rp {}.000", price * 10)),
        }
    }
    out
}

/// The spam and product sources are one line per page; on the web such lines come in runs
/// (comment threads, product grids). Lone lines of one source are regrouped into pages of 1-12,
/// so "this line has no neighbours" does not become a sign of spam.
fn group_single_lines(pool: &mut Vec<LabelledPage>, rng: &mut Rng) {
    let (singles, mut pages): (Vec<LabelledPage>, Vec<LabelledPage>) =
        pool.drain(..).partition(|p| p.lines.len() == 1);
    let mut by_source: Vec<(String, Vec<LabelledPage>)> = Vec::new();
    for page in singles {
        match by_source.iter_mut().find(|(s, _)| *s == page.source) {
            Some((_, v)) => v.push(page),
            None => by_source.push((page.source.clone(), vec![page])),
        }
    }
    for (_, group) in by_source {
        let mut rest = group.into_iter().peekable();
        while let Some(mut page) = rest.next() {
            let size = 1 + rng.below(12);
            for _ in 1..size {
                match rest.next() {
                    Some(p) => page.lines.extend(p.lines),
                    None => break,
                }
            }
            page.origin.push(Origin::Grouped);
            pages.push(page);
        }
    }
    *pool = pages;
}

/// Copies a `share` of the news pages as their news lines alone, in order (see
/// [`Config::extracted_share`]).
fn add_extracted(pool: &mut Vec<LabelledPage>, share: f64, rng: &mut Rng) {
    if share <= 0.0 {
        return;
    }
    let mut extra = Vec::new();
    for page in pool.iter().filter(|p| p.has_news()) {
        if rng.unit() >= share {
            continue;
        }
        extra.push(page.news_only().into_copy(Origin::Extracted));
    }
    pool.extend(extra);
}

/// Copies a `share` of the news pages without their title line (see
/// [`Config::untitled_share`]); a page whose first line is news is left alone.
fn add_untitled(pool: &mut Vec<LabelledPage>, share: f64, rng: &mut Rng) {
    if share <= 0.0 {
        return;
    }
    let mut extra = Vec::new();
    for page in pool.iter().filter(|p| p.has_news() && !p.is_copy()) {
        if rng.unit() >= share {
            continue;
        }
        if page.lines.len() > 1 && page.lines[0].label != Label::News {
            extra.push(
                page.with_lines(page.lines[1..].to_vec())
                    .into_copy(Origin::Untitled),
            );
        }
    }
    pool.extend(extra);
}

/// Gives a `share` of the news pages of a site a duplicate on that site, half of them as their
/// news lines alone (see [`Config::duplicate_share`]).
fn add_duplicates(pool: &mut Vec<LabelledPage>, share: f64, rng: &mut Rng) {
    if share <= 0.0 {
        return;
    }
    let mut extra = Vec::new();
    for page in pool
        .iter()
        .filter(|p| p.has_news() && !p.is_copy() && !p.site.is_empty())
    {
        if rng.unit() >= share {
            continue;
        }
        let copy = if rng.unit() < 0.5 {
            page.news_only()
        } else {
            page.clone()
        };
        extra.push(copy.into_copy(Origin::Duplicate));
    }
    pool.extend(extra);
}

/// Makes a page of several articles for a `share` of the news pages (see
/// [`Config::multi_article_share`]), as tag pages, section fronts and infinite-scroll pages
/// show them: the page's head (its lines above its first news line), then 2-4 articles of the
/// fold's news pages, this one first, each after the furniture lines that stood right above it
/// on its own page (a byline, a date, a section), its news lines one in three times run
/// together into one as a tag page prints them, then the page's tail.
fn add_multi_article(pool: &mut Vec<LabelledPage>, share: f64, rng: &mut Rng) {
    if share <= 0.0 {
        return;
    }
    let news: Vec<usize> = (0..pool.len())
        .filter(|&i| pool[i].has_news() && !pool[i].is_copy())
        .collect();
    if news.len() < 2 {
        return;
    }
    let mut extra = Vec::new();
    for &host in &news {
        if rng.unit() >= share {
            continue;
        }
        let page = &pool[host];
        let Some((first, last)) = page.news_span() else {
            continue;
        };
        let mut copy = page
            .with_lines(page.lines[..first].to_vec())
            .into_copy(Origin::MultiArticle);
        let articles = 2 + rng.below(3);
        for j in 0..articles {
            let from = &pool[if j == 0 {
                host
            } else {
                news[rng.below(news.len())]
            }];
            let Some((start, end)) = from.news_span() else {
                continue;
            };
            let lead = start.saturating_sub(1 + rng.below(3));
            copy.lines.extend(
                from.lines[lead..start]
                    .iter()
                    .filter(|l| l.label == Label::Furniture)
                    .cloned(),
            );
            let article: Vec<&LabelledLine> = from.lines[start..=end]
                .iter()
                .filter(|l| l.label == Label::News)
                .collect();
            if article.len() > 1 && rng.below(3) == 0 {
                let mut joined = article[0].clone();
                joined.text = article
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                copy.lines.push(joined);
            } else {
                copy.lines.extend(article.into_iter().cloned());
            }
        }
        copy.lines.extend(page.lines[last + 1..].iter().cloned());
        extra.push(copy);
    }
    pool.extend(extra);
}

/// Copies a `share` of the pages (and of the extracted copies) in made-up languages (see
/// [`Config::unseen_language_share`]). Copying pages that are not news too keeps "words
/// unknown" from meaning "news": the shape of the page has to tell. Spam lines stay as they
/// are: spam has a vocabulary of its own in any language, and the spam spliced in later is
/// real spam too.
fn add_unseen_language(
    pool: &mut Vec<LabelledPage>,
    share: f64,
    sound_systems: usize,
    rng: &mut Rng,
) {
    if share <= 0.0 {
        return;
    }
    let mut extra = Vec::new();
    // Pages of the boilerplate benchmarks, news or not (the spam and comment sources are
    // labelled per page, and a made-up language would leave their labels nothing to go by).
    for page in pool.iter().filter(|p| !p.lines.iter().any(|l| l.weak)) {
        if rng.unit() >= share {
            continue;
        }
        let lang = unseen::Language::new(rng.below(sound_systems), rng.next());
        let mut copy = page.copied_as(Origin::UnseenLanguage);
        for line in &mut copy.lines {
            if matches!(line.label, Label::News | Label::Furniture | Label::Other) {
                line.text = lang.translate(&line.text);
            }
        }
        extra.push(copy);
    }
    pool.extend(extra);
}

/// Splices gambling or marketplace lines into copies of some news pages, as ads, product grids
/// and the promos of a hacked site sit on real pages: a run of 2-8 lines at the top or the
/// bottom, or 1-3 lines inside the article, after one of its news lines. (With runs of 2-8 lines
/// anywhere, a spam line between two news lines was rare in training, and a French casino line
/// pasted into an article was kept as news because it sat inside the news block.) The copying
/// and splicing are eval's too; what is spliced where is drawn here (see [`crate::splice`]).
fn add_spliced(pool: &mut Vec<LabelledPage>, share: f64, rng: &mut Rng) {
    let kinds = [
        splice::per_page_spam(pool, Label::Gambling),
        splice::per_page_spam(pool, Label::Marketplace),
    ];
    if kinds.iter().any(Vec::is_empty) {
        return;
    }
    let mut copies = splice::splice_news_pages(pool, |_, page, (first, last)| {
        if rng.unit() >= share {
            return None;
        }
        let spam = &kinds[rng.below(2)];
        let (len, at) = match rng.below(3) {
            0 => (2 + rng.below(7), 0),
            1 => (2 + rng.below(7), page.lines.len()),
            _ => (1 + rng.below(3), first + 1 + rng.below(last - first + 1)),
        };
        let lines = (0..len)
            .map(|_| {
                let mut line = spam[rng.below(spam.len())].clone();
                line.text = as_listing(&line.text, rng);
                line
            })
            .collect();
        Some(vec![Run { at, lines }])
    });
    for copy in &mut copies {
        copy.origin.push(Origin::Spliced);
    }
    pool.extend(copies);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::line;

    /// A page of `site` whose lines are "DOC line I", labelled `labels` in order.
    fn numbered_page(doc: &str, site: &str, labels: &[Label]) -> LabelledPage {
        LabelledPage {
            doc: doc.into(),
            source: "s".into(),
            site: site.into(),
            lines: labels
                .iter()
                .enumerate()
                .map(|(i, &l)| line(&format!("{doc} line {i}"), l))
                .collect(),
            origin: Vec::new(),
        }
    }

    #[test]
    fn extracted_copies_hold_the_news_lines_alone_in_order() {
        let page = |doc: &str, labels: &[Label]| LabelledPage {
            doc: doc.into(),
            source: "s".into(),
            site: "example.com".into(),
            lines: labels
                .iter()
                .enumerate()
                .map(|(i, &l)| line(&format!("line {i}"), l))
                .collect(),
            origin: Vec::new(),
        };
        use Label::*;
        let mut pool = vec![
            page("a", &[Furniture, News, Furniture, News, News, Other]),
            page("b", &[Furniture, Other]),
        ];
        add_extracted(&mut pool, 1.0, &mut Rng(3));
        assert_eq!(pool.len(), 3, "one copy of the one news page");
        let copy = &pool[2];
        assert_eq!(
            (copy.doc.as_str(), &copy.origin[..]),
            ("a", &[Origin::Extracted][..])
        );
        assert_eq!(copy.sampling_key(), "a#extracted");
        assert!(copy.is_copy() && !pool[0].is_copy());
        let texts: Vec<&str> = copy.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["line 1", "line 3", "line 4"]);
        // No memory for copies: they would count their site's lines twice.
        assert!(copy.memory(&crate::corpus::site_memories(&pool)).is_none());

        add_extracted(&mut pool, 0.0, &mut Rng(3));
        assert_eq!(pool.len(), 3, "share 0 copies nothing");
    }

    #[test]
    fn spam_is_spliced_above_below_and_inside_articles() {
        use Label::*;
        let spam = |doc: &str, label: Label| LabelledPage {
            doc: doc.into(),
            source: "spam".into(),
            site: String::new(),
            lines: vec![LabelledLine {
                weak: true,
                ..line(doc, label)
            }],
            origin: Vec::new(),
        };
        let article = |doc: &str| LabelledPage {
            doc: doc.into(),
            source: "s".into(),
            site: "example.com".into(),
            lines: [Furniture, News, News, News, News, Furniture]
                .iter()
                .enumerate()
                .map(|(i, &l)| line(&format!("{doc} {i}"), l))
                .collect(),
            origin: Vec::new(),
        };
        let mut pool: Vec<LabelledPage> = (0..300).map(|i| article(&format!("a{i}"))).collect();
        pool.push(spam("promo", Gambling));
        pool.push(spam("listing", Marketplace));
        add_spliced(&mut pool, 1.0, &mut Rng(11));
        let copies: Vec<&LabelledPage> = pool
            .iter()
            .filter(|p| p.origin == [Origin::Spliced])
            .collect();
        assert_eq!(copies.len(), 300);
        let (mut top, mut bottom, mut inside) = (0, 0, 0);
        for copy in copies {
            let is_spam = |l: &LabelledLine| matches!(l.label, Gambling | Marketplace);
            let at: Vec<usize> = (0..copy.lines.len())
                .filter(|&i| is_spam(&copy.lines[i]))
                .collect();
            let (first, last) = (at[0], at[at.len() - 1]);
            assert_eq!(last - first + 1, at.len(), "one run: {at:?}");
            if first == 0 {
                top += 1;
            } else if last == copy.lines.len() - 1 {
                bottom += 1;
            } else {
                // After a news line, before a news line or the page's last furniture line.
                assert_eq!(copy.lines[first - 1].label, News);
                assert!((1..=3).contains(&at.len()), "{at:?}");
                inside += 1;
            }
        }
        assert!(
            top > 60 && bottom > 60 && inside > 60,
            "{top} {bottom} {inside}"
        );
    }

    #[test]
    fn untitled_copies_drop_the_title_line_of_news_pages() {
        use Label::*;
        let page = |doc: &str, labels: &[Label]| numbered_page(doc, "example.com", labels);
        let mut pool = vec![
            page("a", &[Furniture, Furniture, News, News]),
            page("b", &[News, News]),
            page("c", &[Furniture, Other]),
        ];
        add_untitled(&mut pool, 1.0, &mut Rng(5));
        assert_eq!(pool.len(), 4, "one copy: b begins with news, c has none");
        let copy = &pool[3];
        assert_eq!(
            (copy.doc.as_str(), &copy.origin[..]),
            ("a", &[Origin::Untitled][..])
        );
        assert_eq!(copy.texts(), ["a line 1", "a line 2", "a line 3"]);
        add_untitled(&mut pool, 0.0, &mut Rng(5));
        assert_eq!(pool.len(), 4, "share 0 copies nothing");
    }

    #[test]
    fn duplicates_are_counted_among_their_sites_pages() {
        let page = numbered_page;
        use Label::*;
        let mut pool = vec![
            page("a", "example.com", &[Furniture, News, News]),
            page("b", "example.com", &[Furniture, Other]),
            page("c", "", &[News]),
        ];
        add_duplicates(&mut pool, 1.0, &mut Rng(5));
        assert_eq!(
            pool.len(),
            4,
            "one duplicate, of the one news page with a site"
        );
        let duplicate = &pool[3];
        assert_eq!(duplicate.doc, "a");
        assert_eq!(duplicate.origin, [Origin::Duplicate]);
        let memories = crate::corpus::site_memories(&pool);
        let memory = duplicate
            .memory(&memories)
            .expect("a duplicate has its site's memory");
        assert_eq!(memory.pages(), 3, "the site's two pages and the duplicate");
        // Every line of the duplicate is on the page it copies.
        for (with, others) in memory.others(&duplicate.texts()) {
            assert_eq!((with, others), (1, 2));
        }
        add_duplicates(&mut pool, 0.0, &mut Rng(5));
        assert_eq!(pool.len(), 4, "share 0 copies nothing");
    }

    #[test]
    fn unseen_language_copies_swap_the_words_of_benchmark_pages_only() {
        let page = |doc: &str, lines: &[(&str, Label, bool)]| LabelledPage {
            doc: doc.into(),
            source: "s".into(),
            site: "example.com".into(),
            lines: lines
                .iter()
                .map(|&(t, l, weak)| LabelledLine { weak, ..line(t, l) })
                .collect(),
            origin: Vec::new(),
        };
        use Label::*;
        let article = page(
            "a",
            &[
                ("Home", Furniture, false),
                ("The council voted on Tuesday.", News, false),
                ("Slot gacor maxwin", Gambling, false),
            ],
        );
        let forum = page("b", &[("I think the same, thanks.", Other, false)]);
        let spam = page("c", &[("Daftar slot gacor", Gambling, true)]);
        let mut pool = vec![article.clone(), forum.clone(), spam.clone()];
        add_unseen_language(&mut pool, 1.0, unseen::COUNT, &mut Rng(5));
        assert_eq!(pool.len(), 5, "every page but the spam page is copied");
        let copy = &pool[3];
        assert_eq!(
            (copy.doc.as_str(), &copy.origin[..]),
            ("a", &[Origin::UnseenLanguage][..])
        );
        assert!(copy.is_copy());
        let labels: Vec<Label> = copy.lines.iter().map(|l| l.label).collect();
        assert_eq!(labels, [Furniture, News, Gambling]);
        assert_ne!(copy.lines[0].text, "Home");
        assert!(!copy.lines[1].text.contains("council"));
        assert!(copy.lines[1].text.ends_with('.'));
        assert_eq!(
            copy.lines[2].text, "Slot gacor maxwin",
            "spam keeps its words"
        );
        assert_eq!(pool[4].sampling_key(), "b#unseen");

        let mut pool = vec![article, forum, spam];
        add_unseen_language(&mut pool, 0.0, unseen::COUNT, &mut Rng(5));
        assert_eq!(pool.len(), 3, "share 0 copies nothing");
    }

    #[test]
    fn furniture_copies_of_a_news_line_or_the_headline_become_news() {
        use Label::*;
        let mut page = LabelledPage {
            doc: "d".into(),
            source: "s".into(),
            site: "example.com".into(),
            lines: [
                ("Council backs the new night bus plan | Daily Courier", News),
                ("Home", Furniture),
                ("Council backs the new night bus plan", Furniture),
                (
                    "The council voted on Tuesday to expand the night bus network.",
                    News,
                ),
                (
                    "the council voted on Tuesday to expand the night bus network. ",
                    Furniture,
                ),
                ("Daily Courier", Furniture),
                ("Share this article now", Furniture),
            ]
            .iter()
            .map(|&(t, l)| line(t, l))
            .collect(),
            origin: Vec::new(),
        };
        assert_eq!(relabel_repeated_news(&mut page), 2);
        let labels: Vec<Label> = page.lines.iter().map(|l| l.label).collect();
        assert_eq!(
            labels,
            [News, Furniture, News, News, News, Furniture, Furniture]
        );
    }

    #[test]
    fn the_headline_above_the_article_that_repeats_the_title_becomes_news() {
        use Label::*;
        let prose =
            "The council voted on Tuesday to expand the night bus network to six more routes.";
        let page_of = |lines: &[(&str, Label)]| LabelledPage {
            doc: "d".into(),
            source: "s".into(),
            site: "example.com".into(),
            lines: lines.iter().map(|&(t, l)| line(t, l)).collect(),
            origin: Vec::new(),
        };
        let mut page = page_of(&[
            (
                "Council backs the new night bus plan | Daily Courier",
                Furniture,
            ),
            ("Daily Courier", Furniture),
            ("Council backs the new night bus plan", Furniture),
            ("Transport", Furniture),
            ("By Ann Lee", Furniture),
            (prose, News),
            ("Council backs the new night bus plan", Furniture),
        ]);
        assert_eq!(relabel_headline(&mut page), 1);
        let labels: Vec<Label> = page.lines.iter().map(|l| l.label).collect();
        assert_eq!(
            labels,
            [Furniture, Furniture, News, Furniture, Furniture, News, Furniture],
            "the title, the site's name and a copy below the article stay furniture"
        );
        assert_eq!(relabel_headline(&mut page), 0, "already news");

        let mut no_prose = page_of(&[
            (
                "Council backs the new night bus plan | Daily Courier",
                Furniture,
            ),
            ("Council backs the new night bus plan", Furniture),
            ("Bus times", Other),
        ]);
        assert_eq!(
            relabel_headline(&mut no_prose),
            0,
            "no article, no headline"
        );
        let mut other_headline = page_of(&[
            (
                "Council backs the new night bus plan | Daily Courier",
                Furniture,
            ),
            ("Readers debate the night bus plan", Furniture),
            (prose, News),
        ]);
        assert_eq!(relabel_headline(&mut other_headline), 0);
    }

    #[test]
    fn dates_and_bylines_labelled_news_become_furniture() {
        use Label::*;
        let texts = [
            ("October 29, 2012", News),
            ("Updated 14 May 2025, 08:40", News),
            ("by Ann Lee on Aug 9, 2012 1:00PM", News),
            ("By Ann Lee", News),
            ("By the river, the town waited.", News),
            (
                "The vote on 12 May 2025 was the first of its kind in the region for forty years.",
                News,
            ),
            ("Reconciliation", News),
            ("May 2012", News),
            ("toñi wrote this", News),
            ("14 May 2025", Furniture),
        ];
        let mut page = LabelledPage {
            doc: "d".into(),
            source: "s".into(),
            site: "example.com".into(),
            lines: texts.iter().map(|&(t, l)| line(t, l)).collect(),
            origin: Vec::new(),
        };
        assert_eq!(relabel_dates_and_bylines(&mut page), 5);
        let labels: Vec<Label> = page.lines.iter().map(|l| l.label).collect();
        assert_eq!(
            labels,
            [
                Furniture, Furniture, Furniture, Furniture, News, News, News, Furniture, News,
                Furniture
            ]
        );
    }

    #[test]
    fn listings_get_title_case_and_sometimes_a_price() {
        let mut rng = Rng(1);
        let outs: Vec<String> = (0..20)
            .map(|_| as_listing("steel water bottle 750ml", &mut rng))
            .collect();
        assert!(outs
            .iter()
            .all(|o| o.starts_with("Steel Water Bottle 750ml")));
        assert!(outs
            .iter()
            .any(|o| o.len() > "Steel Water Bottle 750ml".len()));
        assert_eq!(as_listing("Already Cased", &mut rng), "Already Cased");
    }
}
