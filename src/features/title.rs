//! The headline: the line of a page that repeats its title.
//!
//! A dump's first line is the page's `<title>` ("Headline | Site"), and the article's
//! headline repeats it further down. Nothing else about a headline sets it apart from a menu
//! entry or a teaser (a short line in title case), so stage 1 and the context stages read how
//! much of a line the title holds. Words are compared, not strings: headline and title differ
//! in site names, separators and case, in every language.

/// A line must share this much with the title (see [`TitleWords::matching`]) to be the
/// headline when training labels it ([`crate::train`]'s headline relabelling).
#[cfg(any(test, feature = "train"))]
pub const HEADLINE_MATCH: f32 = 0.8;

/// Lines and title parts of fewer words are not compared: "News" or a site's name matches a
/// title by chance.
const MIN_WORDS: usize = 3;

/// Longer lines are not compared (no headline is this long), and cost nothing.
const MAX_BYTES: usize = 400;

/// Where a title puts the site's name or section beside the headline.
const SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " » ", " · "];

/// The words of a page's title: its longest part between separators (the headline) and the
/// whole title, each as sorted, distinct word hashes.
pub struct TitleWords {
    parts: Vec<Vec<u64>>,
    /// Every word of the parts, sorted: a line with none of them matches nothing, and is not
    /// sorted (most lines of a page).
    all: Vec<u64>,
}

impl TitleWords {
    /// The title of a page is its first line.
    pub fn of_page(lines: &[&str]) -> TitleWords {
        let Some(title) = lines.first().filter(|t| t.len() <= MAX_BYTES) else {
            return TitleWords {
                parts: Vec::new(),
                all: Vec::new(),
            };
        };
        let mut parts: Vec<&str> = vec![title];
        for sep in SEPARATORS {
            parts = parts.iter().flat_map(|p| p.split(sep)).collect();
        }
        // The headline is the title's longest part; the others name the site or its section,
        // which recur on the page as furniture.
        let mut parts: Vec<Vec<u64>> = parts.into_iter().map(words).collect();
        let longest = parts.iter().map(Vec::len).max().unwrap_or(0);
        let whole = (parts.len() > 1).then(|| words(title));
        parts.retain(|p| p.len() == longest && p.len() >= MIN_WORDS);
        parts.truncate(1);
        parts.extend(whole.filter(|w| w.len() >= MIN_WORDS));
        let mut all: Vec<u64> = parts.concat();
        all.sort_unstable();
        all.dedup();
        TitleWords { parts, all }
    }

    /// How far `line` repeats a part of the title, in [0, 1]: the words the two share over the
    /// words of the longer one, for the part it matches best. 0 for a line of under three words.
    #[cfg(any(test, feature = "train"))]
    pub fn matching(&self, line: &str) -> f32 {
        self.matching_with(line, &mut Vec::new())
    }

    /// [`TitleWords::matching`] with a buffer for the line's words.
    fn matching_with(&self, line: &str, words: &mut Vec<u64>) -> f32 {
        if self.parts.is_empty() || line.len() > MAX_BYTES {
            return 0.0;
        }
        // Cheap exits first, each giving what the full count would: too few words, or none
        // of the title's.
        hash_words(line, words);
        if words.len() < MIN_WORDS || !words.iter().any(|w| self.all.binary_search(w).is_ok()) {
            return 0.0;
        }
        words.sort_unstable();
        words.dedup();
        if words.len() < MIN_WORDS {
            return 0.0;
        }
        self.parts
            .iter()
            .map(|part| shared(words, part) as f32 / words.len().max(part.len()) as f32)
            .fold(0.0, f32::max)
    }

    /// [`TitleWords::matching`] for every line of a page; the title line itself gets 0.
    pub fn of_lines(lines: &[&str]) -> Vec<f32> {
        let title = TitleWords::of_page(lines);
        let mut words = Vec::new();
        let mut out: Vec<f32> = lines
            .iter()
            .map(|l| title.matching_with(l, &mut words))
            .collect();
        if let Some(first) = out.first_mut() {
            *first = 0.0;
        }
        out
    }
}

/// The sorted, distinct hashes of a text's words (runs of letters and digits, lower-cased).
fn words(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    hash_words(text, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// The hashes of a text's words into `out`, in order. ASCII text is lower-cased byte by byte,
/// which hashes the same as the general path (the property test holds them equal).
fn hash_words(text: &str, out: &mut Vec<u64>) {
    out.clear();
    let mut hash = FNV_OFFSET;
    let mut in_word = false;
    let mut end_word = |hash: &mut u64, in_word: &mut bool| {
        if *in_word {
            out.push(*hash);
            *hash = FNV_OFFSET;
            *in_word = false;
        }
    };
    if text.is_ascii() {
        for &b in text.as_bytes() {
            if b.is_ascii_alphanumeric() {
                hash = (hash ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                in_word = true;
            } else {
                end_word(&mut hash, &mut in_word);
            }
        }
    } else {
        for c in text.chars() {
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    let mut buf = [0u8; 4];
                    for &b in l.encode_utf8(&mut buf).as_bytes() {
                        hash = (hash ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                    }
                }
                in_word = true;
            } else {
                end_word(&mut hash, &mut in_word);
            }
        }
    }
    end_word(&mut hash, &mut in_word);
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// How many values two sorted, distinct lists share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`words`] as the general path alone computes it.
    fn reference_words(text: &str) -> Vec<u64> {
        let mut out: Vec<u64> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let lower: String = w.chars().flat_map(char::to_lowercase).collect();
                lower.bytes().fold(FNV_OFFSET, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
                })
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    proptest! {
        #[test]
        fn words_equal_the_reference(text in "\\PC{0,80}") {
            prop_assert_eq!(words(&text), reference_words(&text));
        }

        /// The cheap exits give what the full count gives.
        #[test]
        fn matching_equals_the_full_count(
            picks in proptest::collection::vec(0usize..12, 0..12),
            extra in "[a-z ]{0,20}",
        ) {
            let pool = ["Storm", "Ingrid", "live", "trains", "cancelled", "as", "winds",
                "reach", "the", "City", "Beacon", "Ingrid"];
            let title = "Storm Ingrid live: trains cancelled as winds reach 120km/h | City Beacon";
            let mut line: Vec<&str> = picks.iter().map(|&i| pool[i]).collect();
            line.push(&extra);
            let line = line.join(" ");
            let t = TitleWords::of_page(&[title]);
            let full = {
                let w = words(&line);
                if w.len() < MIN_WORDS {
                    0.0
                } else {
                    t.parts
                        .iter()
                        .map(|p| shared(&w, p) as f32 / w.len().max(p.len()) as f32)
                        .fold(0.0, f32::max)
                }
            };
            prop_assert_eq!(t.matching(&line), full);
        }

        #[test]
        fn ascii_words_equal_the_reference(text in "[\\x00-\\x7f]{0,120}") {
            prop_assert_eq!(words(&text), reference_words(&text));
        }
    }

    fn matching(lines: &[&str]) -> Vec<f32> {
        TitleWords::of_lines(lines)
    }

    #[test]
    fn the_headline_repeats_the_titles_headline_part() {
        let m = matching(&[
            "Engineers lower reservoir after cracks found in old dam wall | The Northern Post",
            "The Northern Post",
            "Climate",
            "Engineers lower reservoir after cracks found in old dam wall",
            "Engineers lowered the reservoir on Tuesday after cracks were found in the wall.",
        ]);
        assert_eq!(m[0], 0.0, "the title itself");
        assert!(m[1] < 0.3, "the site's name is not the headline: {}", m[1]);
        assert_eq!(m[2], 0.0);
        assert_eq!(m[3], 1.0);
        assert!(m[4] < HEADLINE_MATCH, "prose about the headline: {}", m[4]);
    }

    #[test]
    fn words_are_compared_whatever_their_case_punctuation_and_script() {
        let m = matching(&[
            "Risse in alter Staumauer: Ingenieure senken Stausee ab – Rheintal-Kurier",
            "RISSE IN ALTER STAUMAUER – Ingenieure senken Stausee ab",
            "Ingenieure senken Stausee ab",
            "Кабинет одобрил план строительства дороги | Новости",
            "Кабинет одобрил план строительства дороги",
        ]);
        assert_eq!(m[1], 1.0);
        assert!(
            m[2] > 0.3 && m[2] < HEADLINE_MATCH,
            "a part of the headline: {}",
            m[2]
        );
        assert_eq!(m[4], 0.0, "another page's title is not this page's");
        let m = matching(&[
            "Кабинет одобрил план строительства дороги | Новости",
            "Кабинет Одобрил План Строительства Дороги",
        ]);
        assert_eq!(m[1], 1.0);
    }

    #[test]
    fn a_page_without_a_title_line_matches_lines_repeating_its_first() {
        assert_eq!(matching(&[]), Vec::<f32>::new());
        assert_eq!(matching(&["", "a b c"]), vec![0.0, 0.0]);
        let long = "word ".repeat(200);
        assert_eq!(matching(&[&long, &long]), vec![0.0, 0.0]);
        let m = matching(&["Council approves new budget", "Council approves new budget"]);
        assert_eq!(m, vec![0.0, 1.0]);
    }
}
