//! Shallow statistics of one line: length, character mix, punctuation, and the patterns of page
//! furniture (dates, prices, counters, URLs, separators).

use std::borrow::Cow;

use super::lexicon::{self, Kind};
use super::{ln_1p_count, prices, unicode};

/// How many statistics [`line_stats`] computes.
pub const COUNT: usize = 38;

/// The statistics a neighbour's columns show ([`crate::features::Featurizer`]): all but the
/// last three, the word lists' (a promo's words say nothing of the article line beside it: with
/// them, a Thai article's lines below a slot promo were read as gambling).
pub const NEIGHBOUR_COUNT: usize = COUNT - 3;

/// Readable names, in the order of [`line_stats`]' output (used by reports and `explain`).
pub const NAMES: [&str; COUNT] = [
    "log length in chars",
    "log word count",
    "share of digits",
    "share of capitals among letters",
    "share of punctuation",
    "share of letters",
    "share of non-ASCII characters",
    "ends with . ! or ?",
    "ends with a colon",
    "ends with an ellipsis",
    "starts with a capital",
    "share of capitalised words",
    "function-word density",
    "has a URL",
    "has an e-mail address",
    "has a date",
    "has a price",
    "has a counter (12 comments, 3 shares)",
    "mean word length",
    "has separators (| » › ·)",
    "starts with a bullet or ©",
    "all capitals",
    "no letters",
    "log sentence count",
    "three words or fewer",
    "share of long words",
    "commas per word",
    "has a percent sign",
    "has a year",
    "twenty words or more",
    "starts with an upper-case kicker (BREAKING: ...)",
    "ends mid-sentence (eight words or more, no closing punctuation)",
    "ends with a price, as a listing does",
    "two or more letters or digits in styled forms (𝗦𝗟𝗢𝗧, ＳＬＯＴ, Ⓢ)",
    "a word of letters then digits (slot88, gacor77)",
    "log count of gambling words in 20 languages (casino, apuestas, สล็อต, 카지노)",
    "log count of shop words in 20 languages (cart, livraison, kargo, 包邮)",
    "a size or unit in a line without closing punctuation (1,7 l, 2400 W, 128GB)",
];

/// The columns of "share of digits" and "has a date" in [`NAMES`].
const DIGITS: usize = 2;
#[cfg(any(test, feature = "train"))]
const DATE: usize = 15;

/// Whether a line with these statistics has a digit: the price rule
/// ([`super::prices::is_price_line`]) reads only such lines, without a pass of its own over
/// every line.
pub(crate) fn has_digit(stats: &[f32; COUNT]) -> bool {
    stats[DIGITS] > 0.0
}

/// Whether a line with these statistics has a date ("October 29, 2012", "14/05/2025"): a
/// training label rule's test.
#[cfg(any(test, feature = "train"))]
pub(crate) fn has_date(stats: &[f32; COUNT]) -> bool {
    stats[DATE] > 0.0
}

/// Computes the [`COUNT`] statistics of `line`. Pure function of the text.
///
/// One pass over the bytes for the character mix and the punctuation, one over the words,
/// nothing allocated for ASCII words. ASCII bytes are classed from a table; other characters
/// (curly quotes and dashes put a quarter of news text here) are decoded at their first byte.
/// The property tests hold it equal to the plain implementation in the tests.
pub fn line_stats(line: &str) -> [f32; COUNT] {
    let text = line.trim();
    let bytes = text.as_bytes();
    let mut n = Counts {
        chars: bytes.len(),
        ..Counts::default()
    };
    let mut maybe_email = false;
    let mut ascii = true;
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0x80 {
            // Counted from the table, without a branch per byte; only punctuation branches.
            let class = BYTE_CLASS[usize::from(b)];
            n.non_space += usize::from(class != SPACE);
            n.digits += usize::from(class == DIGIT);
            n.letters += usize::from(class & LETTER != 0);
            n.upper += usize::from(class == UPPER);
            if class == PUNCT {
                n.punct += 1;
                match b {
                    b'.' | b'?' | b'!' => {
                        n.sentences += usize::from(bytes.get(i + 1) == Some(&b' '))
                    }
                    b',' => n.commas += 1,
                    b'|' => n.has_separator = true,
                    b'%' => n.has_percent = true,
                    b'@' => maybe_email = true,
                    b'$' => n.has_price |= next_to_digit(bytes, i, 1),
                    _ => {}
                }
            }
        } else if b < 0xc0 {
            // A continuation byte: its character was counted at its first byte.
            n.chars -= 1;
        } else {
            ascii = false;
            let c = text[i..].chars().next().unwrap_or_default();
            n.styled += usize::from(is_styled(c));
            n.unspaced |= lexicon::is_unspaced(c);
            if prices::is_sign_char(c) {
                n.has_price |= next_to_digit(bytes, i, c.len_utf8());
            }
            let class = unicode::class(c);
            if class & unicode::WHITE != 0 {
                continue;
            }
            n.non_space += 1;
            n.non_ascii += 1;
            if class & unicode::ALPHA != 0 {
                n.letters += 1;
                n.upper += usize::from(class & unicode::UPPER != 0);
            } else {
                n.punct += 1;
                match c {
                    '»' | '›' | '·' | '•' | '«' => n.has_separator = true,
                    _ => {}
                }
            }
        }
    }

    let mut words = Words {
        n,
        maybe_email,
        prev_is_number: false,
    };
    if ascii {
        for w in bytes.split(|&b| BYTE_CLASS[usize::from(b)] == SPACE) {
            if !w.is_empty() {
                words.ascii_word(w);
            }
        }
    } else {
        text.split(|c| unicode::class(c) & unicode::WHITE != 0)
            .filter(|w| !w.is_empty())
            .for_each(|w| words.word(w));
    }
    let mut n = words.n;
    if n.unspaced {
        let (gambling, shop) = lexicon::unspaced(text);
        n.gambling_words += gambling;
        n.shop_words += shop;
    }

    // The URL and price words are searched in the text itself, ignoring ASCII case: only the
    // Kelvin sign and dotted capital I lower-case into ASCII, and neither can complete one of
    // these words, so this finds what searching the lower-cased text finds.
    let needles = Needles::scan(bytes);
    n.has_url = needles.url;
    n.has_price |= needles.price_word;
    let first = text.chars().next();
    n.ends_terminal = text
        .trim_end_matches(['"', '\'', '”', '’', ')', '»'])
        .ends_with(['.', '!', '?']);
    n.sentences += usize::from(n.ends_terminal);
    n.ends_ellipsis = text.ends_with("...") || text.ends_with('…');
    n.ends_colon = bytes.last() == Some(&b':');
    n.starts_upper = first.is_some_and(char::is_uppercase);
    n.starts_bullet = first.is_some_and(|c| matches!(c, '•' | '-' | '*' | '©' | '>' | '·' | '–'))
        || at_ci(bytes, 0, b"copyright");
    n.has_kicker = has_kicker(bytes);
    n.cut_off = ends_mid_sentence(bytes, n.n_words);
    n.ends_price = ends_with_price(text);
    n.stats()
}

/// Whether the character of `len` bytes at `i` (a currency sign) has an ASCII digit on either
/// side: $5, 5€.
fn next_to_digit(bytes: &[u8], i: usize, len: usize) -> bool {
    (i > 0 && bytes[i - 1].is_ascii_digit()) || bytes.get(i + len).is_some_and(u8::is_ascii_digit)
}

/// Counts of words of the lists stop here: a line of eight gambling words is spam already.
const MAX_WORDS: usize = 8;

/// What [`line_stats`] counts, turned into the statistics by [`Counts::stats`].
#[derive(Default)]
struct Counts {
    chars: usize,
    n_words: usize,
    non_space: usize,
    digits: usize,
    upper: usize,
    letters: usize,
    punct: usize,
    non_ascii: usize,
    function: usize,
    capitalised: usize,
    long: usize,
    word_chars: usize,
    commas: usize,
    sentences: usize,
    ends_terminal: bool,
    ends_ellipsis: bool,
    ends_colon: bool,
    starts_upper: bool,
    starts_bullet: bool,
    has_url: bool,
    has_email: bool,
    has_date: bool,
    has_price: bool,
    has_counter: bool,
    has_separator: bool,
    has_percent: bool,
    has_year: bool,
    has_kicker: bool,
    cut_off: bool,
    ends_price: bool,
    /// Letters and digits in the mathematical, fullwidth and enclosed forms ([`is_styled`]).
    styled: usize,
    has_brand_word: bool,
    /// Characters of a script written without spaces ([`lexicon::is_unspaced`]).
    unspaced: bool,
    gambling_words: usize,
    shop_words: usize,
    /// A number with a unit after it or attached to it.
    has_quantity: bool,
}

impl Counts {
    /// The statistics, in the order of [`NAMES`].
    fn stats(&self) -> [f32; COUNT] {
        let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f32 / of as f32 };
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        let n_words = self.n_words;
        [
            ln_1p_count(self.chars),
            ln_1p_count(n_words),
            share(self.digits, self.non_space),
            share(self.upper, self.letters),
            share(self.punct, self.non_space),
            share(self.letters, self.non_space),
            share(self.non_ascii, self.non_space),
            flag(self.ends_terminal && !self.ends_ellipsis),
            flag(self.ends_colon),
            flag(self.ends_ellipsis),
            flag(self.starts_upper),
            share(self.capitalised, n_words),
            share(self.function, n_words),
            flag(self.has_url),
            flag(self.has_email),
            flag(self.has_date),
            flag(self.has_price),
            flag(self.has_counter),
            (share(self.word_chars, n_words) / 10.0).min(3.0),
            flag(self.has_separator),
            flag(self.starts_bullet),
            flag(self.letters >= 3 && self.upper * 10 >= self.letters * 9),
            flag(self.letters == 0),
            ln_1p_count(self.sentences),
            flag(n_words <= 3),
            share(self.long, n_words),
            share(self.commas, n_words),
            flag(self.has_percent),
            flag(self.has_year),
            flag(n_words >= 20),
            flag(self.has_kicker),
            flag(self.cut_off),
            flag(self.ends_price),
            flag(self.styled >= 2),
            flag(self.has_brand_word),
            ln_1p_count(self.gambling_words.min(MAX_WORDS)),
            ln_1p_count(self.shop_words.min(MAX_WORDS)),
            flag(self.has_quantity && !self.ends_terminal),
        ]
    }
}

/// Whether a line ends in a price, as a product listing does ("Steel Bottle 1L - $18.95",
/// "$129.99", "Kopi 250g Rp 150.000", "Wool scarf 24,99 €", "Çay Makinesi 1.249,90 TL"): a
/// currency sign or code ([`prices::is_currency`]) and then a number, or a number and then a
/// sign or code, in a line of at most 160 bytes. News prose names prices inside sentences, and
/// ends with a full stop.
pub(crate) fn ends_with_price(text: &str) -> bool {
    let t = text.trim();
    if t.len() > 160 {
        return false;
    }
    if let Some(body) = before_number(t.as_bytes()) {
        // The number is ASCII: what is before it ends at a character boundary. A code is a
        // word of its own ("Sharp 40" is no price in rupiah); a sign may be attached ("-$5").
        let body = t[..body.len()].trim_end();
        let last = body.rsplit(char::is_whitespace).next().unwrap_or(body);
        return prices::is_currency(last) || body.ends_with(prices::is_sign_char);
    }
    // A number and then a code or sign: the number is looked for first, as most lines end
    // otherwise and the currencies are a longer test.
    let (rest, last) = t.rsplit_once(char::is_whitespace).unwrap_or(("", t));
    if before_number(rest.trim_end().as_bytes()).is_some() && prices::is_currency(last) {
        return true;
    }
    t.strip_suffix(prices::is_sign_char)
        .is_some_and(|body| before_number(body.trim_end().as_bytes()).is_some())
}

/// The bytes before the number that ends `t` (ASCII digits with "." or "," between groups,
/// ending in a digit, not in the full stop of a sentence), or `None` when `t` ends otherwise.
fn before_number(t: &[u8]) -> Option<&[u8]> {
    if !t.last().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let start = t
        .iter()
        .rposition(|&b| !(b.is_ascii_digit() || b == b'.' || b == b','))
        .map_or(0, |i| i + 1);
    // The number starts with a digit: "$.99" is no price.
    t[start].is_ascii_digit().then_some(&t[..start])
}

/// A teaser's or live blog's label before the text: "BREAKING: ...", "WATCH - ...",
/// "INSURRECTION: ...". Up to 30 bytes of capitals (at least two letters, digits and spaces
/// allowed) ended by a colon, a dash or a bar, followed by text with lower-case letters.
fn has_kicker(text: &[u8]) -> bool {
    // A colon or bar, or a dash after a space (" - ", " – ", " — "; 0xe2 starts the long ones
    // in UTF-8), so "US-China talks" is not read as a kicker.
    let head = &text[..text.len().min(32)];
    let Some(end) = (0..head.len()).find(|&i| {
        matches!(head[i], b':' | b'|')
            || (matches!(head[i], b'-' | 0xe2) && i > 0 && head[i - 1] == b' ')
    }) else {
        return false;
    };
    let kicker = &text[..end];
    let letters = kicker.iter().filter(|b| b.is_ascii_alphabetic()).count();
    letters >= 2
        && end <= 30
        && kicker
            .iter()
            .all(|&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ' || b == b'\'')
        && text[end..].iter().any(u8::is_ascii_lowercase)
}

/// A long line that stops without closing punctuation: a teaser cut mid-sentence ("The
/// council said on Tuesday that the"), as opposed to a sentence or a short label.
fn ends_mid_sentence(text: &[u8], n_words: usize) -> bool {
    n_words >= 8
        && text
            .last()
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b',')
}

/// Byte classes of ASCII: white space, digit, letter (lower or upper case), and
/// everything else, which counts as punctuation.
const SPACE: u8 = 1;
const DIGIT: u8 = 2;
const LETTER: u8 = 4;
const UPPER: u8 = LETTER | 8;
const PUNCT: u8 = 16;

const BYTE_CLASS: [u8; 256] = {
    let mut t = [PUNCT; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if is_ascii_space(c) {
            SPACE
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            LETTER
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

/// White space as `char::is_whitespace` sees it in ASCII (unlike `u8::is_ascii_whitespace`,
/// it includes the vertical tab).
pub(crate) const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Whether `text` holds `needle` (lower-case ASCII) at `i`, ignoring ASCII case.
fn at_ci(text: &[u8], i: usize, needle: &[u8]) -> bool {
    text.get(i..i + needle.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(needle))
}

/// The second pass of [`line_stats`]: its words, counted into `n` (held by value while the
/// words are counted, so the counts stay in registers).
struct Words {
    n: Counts,
    /// The line has an '@': only then are words checked for an e-mail address.
    maybe_email: bool,
    /// The previous word was a number ("12 comments").
    prev_is_number: bool,
}

impl Words {
    /// Counts a word of the hand-written lists; a unit counts after a number only.
    fn lexicon_word(&mut self, kind: Option<Kind>) {
        match kind {
            Some(Kind::Gambling) => self.n.gambling_words += 1,
            Some(Kind::Shop) => self.n.shop_words += 1,
            Some(Kind::Unit) => self.n.has_quantity |= self.prev_is_number,
            Some(Kind::Function) => self.n.function += 1,
            None => {}
        }
    }

    /// A word of an ASCII line: bytes all the way, nothing allocated.
    fn ascii_word(&mut self, w: &[u8]) {
        self.n.n_words += 1;
        self.n.has_email |= self.maybe_email && w.contains(&b'@') && w.contains(&b'.');
        let alnum = |b: &u8| BYTE_CLASS[usize::from(*b)] & (LETTER | DIGIT) != 0;
        let core = match w.iter().position(alnum) {
            Some(start) => &w[start..=w.iter().rposition(alnum).unwrap_or(start)],
            None => &[],
        };
        self.ascii_core(core);
    }

    /// A word of a line with other characters: trimmed of Unicode punctuation; its core takes
    /// the ASCII path when it can.
    fn word(&mut self, w: &str) {
        self.n.n_words += 1;
        self.n.has_email |= self.maybe_email && w.contains('@') && w.contains('.');
        let core = w.trim_matches(|c: char| unicode::class(c) & unicode::ALNUM == 0);
        if core.is_ascii() {
            self.ascii_core(core.as_bytes());
            return;
        }
        // Lower-cased only when it has upper case: most words of scripts with case are lower
        // case, and most scripts have none.
        let folded: Cow<str> = if core.chars().any(char::is_uppercase) {
            Cow::Owned(core.to_lowercase())
        } else {
            Cow::Borrowed(core)
        };
        self.lexicon_word(lexicon::find(folded.as_bytes()));
        // The other word lists are ASCII, and only ASCII and the Kelvin sign lower-case into
        // ASCII: any other character rules them all out.
        let lower = if folded.is_ascii() { &*folded } else { "" };
        let n_chars = core.chars().count();
        self.n.word_chars += n_chars;
        self.n.capitalised += usize::from(
            core.chars()
                .next()
                .is_some_and(|c| unicode::class(c) & unicode::UPPER != 0),
        );
        self.n.long += usize::from(n_chars > 12);
        self.n.has_date |= is_month(lower.as_bytes()) || looks_like_numeric_date(core.as_bytes());
        self.n.has_counter |= self.prev_is_number && is_counter_word(lower.as_bytes());
        // A number is ASCII digits, commas and points: this core is none.
        self.prev_is_number = false;
    }

    fn ascii_core(&mut self, core: &[u8]) {
        self.n.word_chars += core.len();
        // Lower-cased short words, for the word lists (none is longer than MAX_ASCII bytes).
        let mut buf = [0u8; lexicon::MAX_ASCII];
        if let Some(lower) = lexicon::ascii_lowercase(core, &mut buf) {
            self.n.has_date |= is_month(lower);
            self.n.has_counter |= self.prev_is_number && is_counter_word(lower);
            self.lexicon_word(lexicon::find(lower));
        }
        if core.first().is_some_and(u8::is_ascii_digit) {
            self.n.has_quantity |= lexicon::is_number_with_unit(core);
        }
        self.n.capitalised += usize::from(core.first().is_some_and(u8::is_ascii_uppercase));
        self.n.long += usize::from(core.len() > 12);
        self.n.has_date = self.n.has_date || looks_like_numeric_date(core);
        let is_number = !core.is_empty()
            && core
                .iter()
                .all(|&c| c.is_ascii_digit() || c == b',' || c == b'.');
        self.n.has_year |=
            core.len() == 4 && is_number && (core.starts_with(b"19") || core.starts_with(b"20"));
        self.n.has_brand_word |= is_brand_word(core);
        self.prev_is_number = is_number;
    }
}

/// Letters and digits spammers write in other forms so that word filters miss them
/// ("𝗦𝗨𝗟𝗘𝗕𝗘𝗧", "ＳＬＯＴ", "Ⓢ"): mathematical alphanumerics, fullwidth Latin letters and digits,
/// enclosed alphanumerics (not the regional indicators that make flag emoji). NFKC turns them
/// back into the plain letters for the n-grams; that a line used them is evidence of its own:
/// half the judi promo comments of the training data do, and almost no other line.
fn is_styled(c: char) -> bool {
    matches!(
        c,
        '\u{1d400}'..='\u{1d7ff}'
            | '\u{ff10}'..='\u{ff19}'
            | '\u{ff21}'..='\u{ff3a}'
            | '\u{ff41}'..='\u{ff5a}'
            | '\u{2460}'..='\u{24ff}'
            | '\u{1f100}'..='\u{1f1e5}'
    )
}

/// A word of two or more ASCII letters then two or more digits, nothing else: the names of judi
/// sites ("weton88", "sgi88", "probet855") and of product models.
fn is_brand_word(core: &[u8]) -> bool {
    let letters = core.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = &core[letters..];
    letters >= 2 && digits.len() >= 2 && digits.iter().all(u8::is_ascii_digit)
}

/// 12/05/2024, 2024-05-12, 5.12.24: digits separated by / - or . with 2 or 3 parts.
fn looks_like_numeric_date(word: &[u8]) -> bool {
    // Every part is digits, so a date starts with one: most words stop here.
    if !word.first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let mut parts = 0;
    for part in word.split(|b| matches!(b, b'/' | b'-' | b'.')) {
        parts += 1;
        if parts > 3 || !(1..=4).contains(&part.len()) || !part.iter().all(u8::is_ascii_digit) {
            return false;
        }
    }
    parts >= 2 && (parts == 3 || word.iter().any(|b| matches!(b, b'/' | b'-')))
}

/// The words of URLs and prices a line holds, in any ASCII case.
struct Needles {
    /// http, www., .com
    url: bool,
    /// rp , rp., usd , eur , idr
    price_word: bool,
}

impl Needles {
    /// One pass with the last four bytes, lower-cased, in a `u32`: a few compares per byte
    /// and no branch on the byte itself. Bytes before the start read as 0, which no needle
    /// holds, so they never complete a match.
    fn scan(text: &[u8]) -> Needles {
        const fn four(s: &[u8; 4]) -> u32 {
            u32::from_be_bytes(*s)
        }
        const fn three(s: &[u8; 3]) -> u32 {
            u32::from_be_bytes([0, s[0], s[1], s[2]])
        }
        let (mut url, mut price_word) = (false, false);
        let mut w = 0u32;
        for &b in text {
            w = (w << 8) | u32::from(b.to_ascii_lowercase());
            url |= w == four(b"http") || w == four(b"www.") || w == four(b".com");
            let w3 = w & 0x00ff_ffff;
            price_word |= w3 == three(b"rp ")
                || w3 == three(b"rp.")
                || w == four(b"usd ")
                || w == four(b"eur ")
                || w == four(b"idr ");
        }
        Needles { url, price_word }
    }
}

// The word lists as `match`es, which compile to a few length and byte compares; the test
// `word_matches_equal_the_lists` keeps them in step with the lists in the tests.
fn is_month(w: &[u8]) -> bool {
    matches!(
        w,
        b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"may"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sep"
            | b"sept"
            | b"oct"
            | b"nov"
            | b"dec"
            | b"january"
            | b"february"
            | b"march"
            | b"april"
            | b"june"
            | b"july"
            | b"august"
            | b"september"
            | b"october"
            | b"november"
            | b"december"
    )
}

fn is_counter_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"comment"
            | b"comments"
            | b"view"
            | b"views"
            | b"share"
            | b"shares"
            | b"like"
            | b"likes"
            | b"reply"
            | b"replies"
            | b"reads"
            | b"followers"
            | b"min"
            | b"mins"
            | b"minutes"
            | b"hours"
            | b"ago"
            | b"votes"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const MONTHS: &[&str] = &[
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];

    const COUNTER_WORDS: &[&str] = &[
        "comment",
        "comments",
        "view",
        "views",
        "share",
        "shares",
        "like",
        "likes",
        "reply",
        "replies",
        "reads",
        "followers",
        "min",
        "mins",
        "minutes",
        "hours",
        "ago",
        "votes",
    ];

    /// The first, plain implementation: the fast one must give exactly the same numbers.
    fn reference_line_stats(line: &str) -> [f32; COUNT] {
        let text = line.trim();
        let mut chars = 0usize;
        let mut non_space = 0usize;
        let (mut digits, mut upper, mut letters, mut punct, mut non_ascii) = (0, 0, 0, 0, 0);
        for c in text.chars() {
            chars += 1;
            if c.is_whitespace() {
                continue;
            }
            non_space += 1;
            if c.is_ascii_digit() {
                digits += 1;
            } else if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    upper += 1;
                }
            } else {
                punct += 1;
            }
            if !c.is_ascii() {
                non_ascii += 1;
            }
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        let n_words = words.len();
        let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f32 / of as f32 };
        let flag = |b: bool| if b { 1.0 } else { 0.0 };

        let mut function = 0;
        let mut capitalised = 0;
        let mut long = 0;
        let mut word_chars = 0;
        let mut has_date = false;
        let mut has_counter = false;
        let mut has_year = false;
        let mut prev_is_number = false;
        let mut has_brand_word = false;
        let (mut gambling_words, mut shop_words, mut has_quantity) = (0, 0, false);
        for w in &words {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric());
            let lower = core.to_lowercase();
            match lexicon::find(lower.as_bytes()) {
                Some(Kind::Gambling) => gambling_words += 1,
                Some(Kind::Shop) => shop_words += 1,
                Some(Kind::Unit) => has_quantity |= prev_is_number,
                Some(Kind::Function) => function += 1,
                None => {}
            }
            has_quantity |= core.is_ascii()
                && core.starts_with(|c: char| c.is_ascii_digit())
                && lexicon::is_number_with_unit(core.as_bytes());
            word_chars += core.chars().count();
            if core.chars().next().is_some_and(char::is_uppercase) {
                capitalised += 1;
            }
            if core.chars().count() > 12 {
                long += 1;
            }
            if MONTHS.contains(&lower.as_str()) || reference_numeric_date(core) {
                has_date = true;
            }
            if prev_is_number && COUNTER_WORDS.contains(&lower.as_str()) {
                has_counter = true;
            }
            let is_number = !core.is_empty()
                && core
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
            if core.len() == 4 && is_number && (core.starts_with("19") || core.starts_with("20")) {
                has_year = true;
            }
            prev_is_number = is_number;
            let letters = core.chars().take_while(char::is_ascii_alphabetic).count();
            let digits = &core[letters..];
            has_brand_word |=
                letters >= 2 && digits.len() >= 2 && digits.chars().all(|c| c.is_ascii_digit());
        }
        let lower_text = text.to_lowercase();
        let last = text.chars().last();
        let ends_terminal = text
            .trim_end_matches(['"', '\'', '”', '’', ')', '»'])
            .ends_with(['.', '!', '?']);
        let ends_ellipsis = text.ends_with("...") || text.ends_with('…');
        let first = text.chars().next();
        let unspaced = if text.chars().any(lexicon::is_unspaced) {
            lexicon::unspaced(text)
        } else {
            (0, 0)
        };
        let sentences = text.matches(". ").count()
            + text.matches("? ").count()
            + text.matches("! ").count()
            + usize::from(ends_terminal);

        [
            (chars as f32).ln_1p(),
            (n_words as f32).ln_1p(),
            share(digits, non_space),
            share(upper, letters),
            share(punct, non_space),
            share(letters, non_space),
            share(non_ascii, non_space),
            flag(ends_terminal && !ends_ellipsis),
            flag(last == Some(':')),
            flag(ends_ellipsis),
            flag(first.is_some_and(char::is_uppercase)),
            share(capitalised, n_words),
            share(function, n_words),
            flag(
                lower_text.contains("http")
                    || lower_text.contains("www.")
                    || lower_text.contains(".com"),
            ),
            flag(words.iter().any(|w| w.contains('@') && w.contains('.'))),
            flag(has_date),
            flag(reference_has_price(text)),
            flag(has_counter),
            (share(word_chars, n_words) / 10.0).min(3.0),
            flag(text.contains(['|', '»', '›', '·', '•', '«'])),
            flag(
                first.is_some_and(|c| matches!(c, '•' | '-' | '*' | '©' | '>' | '·' | '–'))
                    || lower_text.starts_with("copyright"),
            ),
            flag(letters >= 3 && upper * 10 >= letters * 9),
            flag(letters == 0),
            (sentences as f32).ln_1p(),
            flag(n_words <= 3),
            share(long, n_words),
            share(text.matches(',').count(), n_words),
            flag(text.contains('%')),
            flag(has_year),
            flag(n_words >= 20),
            flag(has_kicker(text.as_bytes())),
            flag(ends_mid_sentence(text.as_bytes(), n_words)),
            flag(ends_with_price(text)),
            flag(text.chars().filter(|&c| is_styled(c)).count() >= 2),
            flag(has_brand_word),
            ((gambling_words + unspaced.0).min(MAX_WORDS) as f32).ln_1p(),
            ((shop_words + unspaced.1).min(MAX_WORDS) as f32).ln_1p(),
            flag(has_quantity && !ends_terminal),
        ]
    }

    fn reference_numeric_date(word: &str) -> bool {
        let parts: Vec<&str> = word.split(['/', '-', '.']).collect();
        (2..=3).contains(&parts.len())
            && parts
                .iter()
                .all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
            && word.contains(['/', '-']) | (parts.len() == 3)
    }

    fn reference_has_price(text: &str) -> bool {
        let mut prev: Option<char> = None;
        for c in text.chars() {
            if let Some(p) = prev {
                let currency = prices::is_sign_char;
                if (currency(p) && c.is_ascii_digit()) || (p.is_ascii_digit() && currency(c)) {
                    return true;
                }
            }
            prev = Some(c);
        }
        let lower = text.to_lowercase();
        ["rp ", "rp.", "usd ", "eur ", "idr "]
            .iter()
            .any(|k| lower.contains(k))
    }

    proptest! {
        /// The fast statistics equal the plain ones on any text.
        #[test]
        fn fast_stats_equal_the_reference(line in "\\PC{0,120}") {
            prop_assert_eq!(line_stats(&line), reference_line_stats(&line));
        }

        #[test]
        fn fast_stats_equal_the_reference_on_any_ascii(line in "[\\x00-\\x7f]{0,200}") {
            prop_assert_eq!(line_stats(&line), reference_line_stats(&line));
        }

        /// Lines built from the pieces the substring and pattern checks look for, in any case,
        /// with the characters that lower-case into ASCII (Kelvin sign, dotted capital I) and
        /// the non-ASCII ones news text is full of (curly quotes, dashes, currency, no-break
        /// and em spaces, accented capitals, non-ASCII digits).
        #[test]
        fn fast_stats_equal_the_reference_on_furniture_pieces(
            pieces in proptest::collection::vec(
                "(HTTP|http|Www\\.|\\.CoM|Rp |rp\\.|USD |eur |Idr |\\$|[0-9]{1,4}|Copyright|\\.\\.\\.|[\"')]|[.!?] |Jan|MAY|comments|[0-9]{1,2}/[0-9]{1,2}/20[0-9]{2}|@|[|%,:*>-]|[A-Za-z]{1,14}| |\t|\x0b|\u{212a}|\u{130}|’|é|»|€|…|\u{a0}|“|”|—|£|₹|•|·|Ş|٣|\u{2003}|©|𝗦|𝟴|Ｓ|８|Ⓢ|🅂|🇮|[a-z]{2,5}[0-9]{2,3}|[a-z][0-9]{2}|Casino|SLOTS|bônus|Казино|สล็อต|카지노에서|送料無料|kargo|[0-9]{1,4}(W|ml|GB|g)|l|lít|ลิตร|฿|₺|円|TL)",
                0..30,
            )
        ) {
            let line = pieces.concat();
            prop_assert_eq!(line_stats(&line), reference_line_stats(&line));
        }

        #[test]
        fn fast_stats_equal_the_reference_on_wordy_ascii(
            line in "([A-Za-z0-9]{1,10}[ .,!?:$%/-]{1,2}){0,25}"
        ) {
            prop_assert_eq!(line_stats(&line), reference_line_stats(&line));
        }
    }

    fn stat(line: &str, name: &str) -> f32 {
        let i = NAMES.iter().position(|n| *n == name).unwrap();
        line_stats(line)[i]
    }

    #[test]
    fn styled_letters_and_brand_words() {
        let styled = "two or more letters or digits in styled forms (𝗦𝗟𝗢𝗧, ＳＬＯＴ, Ⓢ)";
        let brand = "a word of letters then digits (slot88, gacor77)";
        assert_eq!(stat("Keren boleh coba bang gas di 𝗦𝗨𝗟𝗘𝗕𝗘𝗧", styled), 1.0);
        assert_eq!(stat("Daftar di ＳＬＯＴ sekarang", styled), 1.0);
        assert_eq!(stat("Greetings from 🇮🇩 and 𝗔 single letter", styled), 0.0);
        assert_eq!(stat("The café’s “new” menu", styled), 0.0);
        assert_eq!(stat("Main di weton88 pasti menang!", brand), 1.0);
        assert_eq!(stat("Samsung lga2011 socket", brand), 1.0);
        assert_eq!(stat("The 2024 season and COVID-19 cases", brand), 0.0);
        assert_eq!(stat("Nikon d750 and mp3 players", brand), 0.0);
    }

    #[test]
    fn words_of_gambling_and_shops_in_many_languages_are_counted() {
        let gambling = NAMES[35];
        let shop = NAMES[36];
        let two = 2f32.ln_1p();
        assert_eq!(stat("Casino en ligne : 200 tours et bonus", gambling), two);
        assert_eq!(stat("Лучшее КАЗИНО: бонус каждый день", gambling), two);
        // สล็อต, เว็บตรง and ฝาก-ถอน, found inside the words.
        assert_eq!(stat("สล็อตเว็บตรง ฝาก-ถอน ไม่มีขั้นต่ำ", gambling), 3f32.ln_1p());
        assert_eq!(
            stat("The minister said the plan would go ahead.", gambling),
            0.0
        );
        assert_eq!(stat("Kargo bedava, 3 taksit", shop), two);
        assert_eq!(stat("Livraison gratuite dès demain", shop), 1f32.ln_1p());
        assert_eq!(stat("ส่งฟรี ทั่วประเทศ", shop), 1f32.ln_1p());
    }

    #[test]
    fn sizes_and_units_outside_sentences_read_as_a_quantity() {
        let quantity = NAMES[37];
        for yes in [
            "Wasserkocher Lono 1,7 l, 2400 W, Edelstahl",
            "Fritadeira Elétrica Air Fryer 4 Litros 1500W Preta 127V",
            "หม้อหุงข้าวไฟฟ้า ขนาด 1.8 ลิตร 700 วัตต์",
            "หม้อหุงข้าวไฟฟ้า 700 วัตต์",
            "Nồi chiên không dầu 5,5 lít",
            "Smartphone X 128GB Black",
        ] {
            assert_eq!(stat(yes, quantity), 1.0, "{yes}");
        }
        for no in [
            "The new kettle uses 2400 W of power, the agency said.",
            "Operators roll out 5G in 20 cities",
            "Liter of milk prices rise",
            "Storm leaves 40,000 homes without power",
        ] {
            assert_eq!(stat(no, quantity), 0.0, "{no}");
        }
    }

    #[test]
    fn has_digit_and_has_date_read_their_columns() {
        assert_eq!(NAMES[DIGITS], "share of digits");
        assert_eq!(NAMES[DATE], "has a date");
        assert!(has_date(&line_stats("Updated 14 May 2025, 08:40")));
        assert!(!has_date(&line_stats("Page 2")));
        assert!(has_digit(&line_stats("Page 2")));
        assert!(!has_digit(&line_stats("Read more")));
    }

    #[test]
    fn listings_end_in_a_price() {
        for yes in [
            "Stainless Steel Insulated Water Bottle 1L, Leak Proof - $18.95",
            "$129.99",
            "Kopi Arabika 250g Rp 150.000",
            "Rp. 25.000",
            "Gift card USD 20",
            "Wool scarf 24,99 €",
            "Regular price £19",
            "Çay Makinesi 1.249,90 TL",
            "Rice cooker ฿1,290",
            "Gift set 19,99€",
        ] {
            assert!(ends_with_price(yes), "{yes}");
        }
        for no in [
            "The council will spend $5 million on the new bridge.",
            "Tickets cost $12 for adults and $6 for children",
            "Posted 12 May 2024",
            "Chapter 11",
            "Sharp 40",
            "The ticket costs $5.",
            "Windows 11 Pro license key for 2024",
            "$",
            "",
        ] {
            assert!(!ends_with_price(no), "{no}");
        }
    }

    #[test]
    fn names_match_count() {
        assert_eq!(NAMES.len(), COUNT);
        assert_eq!(line_stats("x").len(), COUNT);
    }

    #[test]
    fn detects_furniture_patterns() {
        assert_eq!(stat("Posted 12/05/2024 by Jane", "has a date"), 1.0);
        assert_eq!(stat("May 3, 2021", "has a date"), 1.0);
        assert_eq!(stat("The cat sat on the mat.", "has a date"), 0.0);
        assert_eq!(stat("Only $19.99 today", "has a price"), 1.0);
        assert_eq!(stat("Harga Rp 50.000", "has a price"), 1.0);
        assert_eq!(
            stat("12 comments", "has a counter (12 comments, 3 shares)"),
            1.0
        );
        assert_eq!(stat("Home | News | Sport", "has separators (| » › ·)"), 1.0);
        assert_eq!(stat("BREAKING NEWS", "all capitals"), 1.0);
        assert_eq!(stat("Read more...", "ends with an ellipsis"), 1.0);
        assert_eq!(stat("Read more...", "ends with . ! or ?"), 0.0);
    }

    #[test]
    fn teasers_show_their_kicker_and_their_cut() {
        let kicker = "starts with an upper-case kicker (BREAKING: ...)";
        for line in [
            "INSURRECTION: What the committee found",
            "WATCH - The moment the bridge opened",
            "LIVE UPDATES — Storm makes landfall",
            "COVID 19: cases rise again",
        ] {
            assert_eq!(stat(line, kicker), 1.0, "{line}");
        }
        for line in [
            "US-China talks resume in Geneva",
            "Note: the office is closed",
            "ALL CAPS: NOTHING ELSE",
            "A: one letter is not a kicker",
            "Home | News | Sport",
        ] {
            assert_eq!(stat(line, kicker), 0.0, "{line}");
        }
        let cut = "ends mid-sentence (eight words or more, no closing punctuation)";
        assert_eq!(
            stat("The council said on Tuesday that the new bridge would", cut),
            1.0
        );
        assert_eq!(
            stat(
                "The council said on Tuesday that the bridge would open.",
                cut
            ),
            0.0
        );
        assert_eq!(stat("Home News Sport", cut), 0.0);
    }

    #[test]
    fn prose_has_function_words_and_ends_a_sentence() {
        let s = "The minister said on Tuesday that the plan would go ahead.";
        assert_eq!(stat(s, "ends with . ! or ?"), 1.0);
        assert!(stat(s, "function-word density") > 0.3);
        assert!(stat("Home News Contact", "function-word density") < 0.01);
    }

    #[test]
    fn fast_stats_equal_the_reference_on_furniture_and_prose() {
        for line in [
            "Posted 12/05/2024 by Jane | 12 Comments » Share",
            "THE MINISTER SAID ON TUESDAY THAT IT WOULD GO AHEAD.",
            "Copyright © 2026 Example.com — write to news@example.com",
            "Harga Rp. 50.000, diskon 20% untuk pembelian DENGAN kartu",
            "\u{212a}elvin words and İstanbul in September, 3 Followers",
            "Новости дня: ВЫБОРЫ 2024 — 3 li\u{212a}es, 12 комментариев",
            "Café owners say the rules have cut trade by half since May... Really? Yes! ",
        ] {
            assert_eq!(line_stats(line), reference_line_stats(line), "{line}");
        }
    }

    #[test]
    fn word_matches_equal_the_lists() {
        for (list, f) in [
            (MONTHS, is_month as fn(&[u8]) -> bool),
            (COUNTER_WORDS, is_counter_word),
        ] {
            assert!(
                list.iter().all(|w| f(w.as_bytes()) && w.len() <= 9),
                "{list:?}"
            );
        }
        let all: Vec<&str> = [MONTHS, COUNTER_WORDS].concat();
        for w in ["thee", "mayor", "", "views!", "commentary", "septembers"] {
            assert!(!all.contains(&w));
            assert!(
                !is_month(w.as_bytes()) && !is_counter_word(w.as_bytes()),
                "{w}"
            );
        }
    }

    #[test]
    fn empty_line_is_all_finite() {
        assert!(line_stats("").iter().all(|v| v.is_finite()));
        assert!(line_stats("   ").iter().all(|v| v.is_finite()));
    }
}
