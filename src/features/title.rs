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
    /// One bit per word of `all` (by its top six bits), to turn most words away before
    /// searching `all`.
    mask: u64,
}

impl TitleWords {
    /// The title of a page is its first line.
    pub fn of_page(lines: &[&str]) -> TitleWords {
        let Some(title) = lines.first().filter(|t| t.len() <= MAX_BYTES) else {
            return TitleWords {
                parts: Vec::new(),
                all: Vec::new(),
                mask: 0,
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
        let mask = all.iter().fold(0, |m, &w| m | mask_bit(w));
        TitleWords { parts, all, mask }
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
        let in_title = |w: &u64| self.mask & mask_bit(*w) != 0 && self.all.binary_search(w).is_ok();
        if words.len() < MIN_WORDS || !words.iter().any(in_title) {
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
        let rest = lines
            .iter()
            .skip(1)
            .map(|l| title.matching_with(l, &mut words));
        lines.first().map(|_| 0.0).into_iter().chain(rest).collect()
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

/// The hashes of a text's words into `out`, in order. ASCII words are hashed whole, which
/// gives what the general path gives (the property test holds them equal).
fn hash_words(text: &str, out: &mut Vec<u64>) {
    out.clear();
    if text.is_ascii() {
        // Each word whole: letters and digits are lower-cased by setting bit 0x20 (digits
        // have it), eight bytes at a time.
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i > start {
                out.push(WordHash::of_ascii_word(&bytes[start..i]));
            }
            i += 1;
        }
        return;
    }
    let mut word = WordHash::default();
    for c in text.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    word.push(b);
                }
            }
        } else if let Some(h) = word.finish() {
            out.push(h);
        }
    }
    out.extend(word.finish());
}

/// The hash of one word's bytes (never 0), taken eight at a time: one multiplication per eight
/// bytes, where a byte-wise hash spent a twentieth of the filtering time here.
#[derive(Default)]
struct WordHash {
    hash: u64,
    chunk: u64,
    len: u32,
}

impl WordHash {
    fn push(&mut self, b: u8) {
        self.chunk = (self.chunk << 8) | u64::from(b);
        self.len += 1;
        if self.len % 8 == 0 {
            self.mix();
        }
    }

    fn mix(&mut self) {
        self.hash = (self.hash ^ self.chunk)
            .wrapping_add(u64::from(self.len))
            .wrapping_mul(HASH_MULTIPLIER)
            .rotate_left(29);
        self.chunk = 0;
    }

    /// The hash of an ASCII word of letters and digits, as pushing its lower-cased bytes one
    /// by one gives it.
    fn of_ascii_word(word: &[u8]) -> u64 {
        let mut h = WordHash::default();
        let mut chunks = word.chunks_exact(8);
        for chunk in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            h.chunk = u64::from_be_bytes(b) | 0x2020_2020_2020_2020;
            h.len += 8;
            h.mix();
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            for &b in rest {
                h.chunk = (h.chunk << 8) | u64::from(b | 0x20);
            }
            h.len += rest.len() as u32;
            h.mix();
        }
        h.hash
    }

    /// The word's hash, if it has any byte, and a fresh start for the next word.
    fn finish(&mut self) -> Option<u64> {
        if self.len == 0 {
            return None;
        }
        if self.len % 8 != 0 {
            self.mix();
        }
        let h = self.hash;
        *self = WordHash::default();
        Some(h)
    }
}

const HASH_MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// A word's bit in [`TitleWords::mask`].
fn mask_bit(word: u64) -> u64 {
    1 << (word >> 58)
}

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

    /// [`words`] as the general path alone computes it: each word lower-cased, then hashed.
    fn reference_words(text: &str) -> Vec<u64> {
        let mut out: Vec<u64> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .filter_map(|w| {
                let lower: String = w.chars().flat_map(char::to_lowercase).collect();
                let mut h = WordHash::default();
                lower.bytes().for_each(|b| h.push(b));
                h.finish()
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn words_of_other_lengths_hash_apart() {
        let texts = [
            "a",
            "aa",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh a",
            "bcdefghi",
            "ab ba",
        ];
        let mut all: Vec<u64> = texts.iter().flat_map(|t| words(t)).collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(
            all.len(),
            n - 2,
            "\"a\" twice and \"abcdefgh\" twice, nothing else equal"
        );
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
