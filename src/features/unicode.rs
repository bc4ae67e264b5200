//! What featurizing asks of a character beyond ASCII: `char`'s own predicates (for the line
//! statistics), and whether NFKC leaves it alone and BERT's pre-tokenizer isolates it (for the
//! tokens). Each is answered by the very lookup it stands for, read from a table of the Basic
//! Multilingual Plane built on first use (about 20 ms): the lookups themselves cost up to
//! hundreds of instructions a character, and made a page of Russian three times slower than
//! one of English.

use std::sync::OnceLock;

use unicode_categories::UnicodeCategories;
use unicode_normalization_alignments::char::canonical_combining_class;
use unicode_normalization_alignments::{is_nfkc_quick, IsNormalized};

/// `char::is_whitespace`
pub const WHITE: u8 = 1;
/// `char::is_alphabetic`
pub const ALPHA: u8 = 2;
/// `char::is_uppercase`
pub const UPPER: u8 = 4;
/// `char::is_alphanumeric`
pub const ALNUM: u8 = 8;
/// NFKC leaves the character alone wherever it stands: its quick check says yes and it is a
/// starter (combining class 0), so a line of such characters is in NFKC.
pub const NFKC_STARTER: u8 = 16;
/// Punctuation as BERT's pre-tokenizer sees it: ASCII punctuation or Unicode category P.
pub const PUNCTUATION: u8 = 32;

/// The flags above that hold for `c`.
pub fn class(c: char) -> u8 {
    static BMP: OnceLock<Vec<u8>> = OnceLock::new();
    let table = BMP.get_or_init(|| {
        (0..0x10000)
            .map(|u| char::from_u32(u).map_or(0, lookup))
            .collect()
    });
    match table.get(c as usize) {
        Some(&class) => class,
        None => lookup(c),
    }
}

/// [`class`] without the table.
fn lookup(c: char) -> u8 {
    let flag = |b: bool, f: u8| if b { f } else { 0 };
    flag(c.is_whitespace(), WHITE)
        | flag(c.is_alphabetic(), ALPHA)
        | flag(c.is_uppercase(), UPPER)
        | flag(c.is_alphanumeric(), ALNUM)
        | flag(
            is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes
                && canonical_combining_class(c) == 0,
            NFKC_STARTER,
        )
        | flag(c.is_ascii_punctuation() || c.is_punctuation(), PUNCTUATION)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_answers_as_the_lookups_do() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            assert_eq!(class(c), lookup(c), "{c:?}");
        }
    }

    #[test]
    fn classes_of_some_characters() {
        assert_eq!(class('Ж'), ALPHA | UPPER | ALNUM | NFKC_STARTER);
        assert_eq!(class('\u{3000}') & (WHITE | NFKC_STARTER), WHITE);
        assert_eq!(class('٣'), ALNUM | NFKC_STARTER);
        assert_eq!(class('、'), PUNCTUATION | NFKC_STARTER);
        assert_eq!(class('ﬁ') & NFKC_STARTER, 0);
        assert_eq!(class('\u{301}') & NFKC_STARTER, 0);
        assert_eq!(class('𝑺') & (UPPER | NFKC_STARTER), UPPER);
    }
}
