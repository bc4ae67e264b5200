//! Tokens of a line: NFKC + lowercase (tokenizers' normalisers), BERT-style pre-tokenisation
//! (split on white space, punctuation isolated), digits folded to `0`.
//!
//! NFKC undoes the "𝑺𝑼𝑯𝑼𝟑𝟐𝟖" tricks spammers use. Lines of ASCII, Latin-1 letters and common
//! typographic punctuation (curly quotes, dashes), the bulk of the input, take a direct path;
//! lines of other scripts that are already in NFKC (most Cyrillic, Greek, CJK, Arabic text)
//! take another, which only lower-cases and splits them. The property tests below prove both
//! equal to the tokenizers pipeline, which the rest (styled letters, ligatures, combining marks)
//! goes through: it ran at a quarter of the speed on a page of Russian. What they ask of a
//! character is read from the table of `features::unicode`.

use tokenizers::normalizers::unicode::NFKC;
use tokenizers::normalizers::utils::Lowercase;
use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
use tokenizers::{
    NormalizedString, Normalizer, OffsetReferential, OffsetType, PreTokenizedString, PreTokenizer,
};
use unicode_normalization_alignments::{is_nfkc_quick, IsNormalized};

use super::unicode;

/// Tokens longer than this (base64 blobs, hashes) are cut: they carry no more signal.
pub const MAX_TOKEN_BYTES: usize = 32;
/// Only the first tokens of an enormous line are used.
pub const MAX_TOKENS: usize = 400;

/// The tokens of a line, in one reusable buffer: tokenizing allocates nothing per token.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    text: String,
    /// End of each token in `text`; a token starts where the previous one ends.
    ends: Vec<usize>,
}

impl Tokens {
    /// Empties the buffer, keeping its memory.
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Token `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.text[start..end])
    }

    /// The tokens in order (the training's n-gram counting reads them).
    #[cfg(any(test, feature = "train"))]
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Appends a token: cut to [`MAX_TOKEN_BYTES`], ASCII digits folded to `0`.
    fn push(&mut self, tok: &str) {
        if self.ends.len() >= MAX_TOKENS || tok.is_empty() {
            return;
        }
        let mut end = tok.len().min(MAX_TOKEN_BYTES);
        while !tok.is_char_boundary(end) {
            end -= 1;
        }
        for c in tok[..end].chars() {
            self.text.push(if c.is_ascii_digit() { '0' } else { c });
        }
        self.ends.push(self.text.len());
    }
}

/// Replaces `out` with the normalised tokens of `line`.
pub fn tokenize(line: &str, out: &mut Tokens) {
    out.clear();
    if line.is_ascii() {
        tokenize_ascii(line, out);
    } else if !tokenize_latin(line, out) {
        out.clear();
        if !tokenize_normalized(line, out) {
            tokenize_unicode(line, out);
        }
    }
}

/// The tokens of a line already in NFKC, as tokenizers would give them: each character
/// lower-cased on its own (as tokenizers' `Lowercase` does, so a final 'Σ' gives 'σ'), white
/// space dropped, punctuation (ASCII or Unicode category P, BERT's rule) a token of its own.
/// `false` (and no output) when the quick check cannot say the line is in NFKC.
fn tokenize_normalized(line: &str, out: &mut Tokens) -> bool {
    let in_nfkc = line
        .chars()
        .all(|c| unicode::class(c) & unicode::NFKC_STARTER != 0)
        || is_nfkc_quick(line.chars()) == IsNormalized::Yes;
    if !in_nfkc {
        return false;
    }
    let mut token = String::new();
    for c in line.chars() {
        if out.ends.len() >= MAX_TOKENS {
            return true;
        }
        let class = unicode::class(c);
        let punct = class & unicode::PUNCTUATION != 0;
        if class & unicode::WHITE != 0 || punct {
            out.push(&token);
            token.clear();
            if punct {
                out.push(c.encode_utf8(&mut [0; 4]));
            }
        } else {
            token.extend(c.to_lowercase());
        }
    }
    out.push(&token);
    true
}

/// Punctuation (Unicode category P) outside ASCII that NFKC leaves alone: its own token.
fn is_latin_punctuation(c: char) -> bool {
    matches!(
        c,
        '«' | '»'
            | '¡'
            | '¿'
            | '§'
            | '¶'
            | '·'
            | '\u{2010}'
            | '\u{2012}'..='\u{2015}'
            | '\u{2018}'..='\u{201a}'
            | '\u{201c}'..='\u{201e}'
            | '\u{2020}'..='\u{2022}'
            | '‹'
            | '›'
    )
}

/// Letters and symbols outside ASCII that NFKC leaves alone and that lower-case to one char:
/// Latin-1 letters, currency and a few symbols, and the arrows and triangles menus use.
fn is_latin_word_char(c: char) -> bool {
    matches!(
        c,
        '\u{c0}'..='\u{ff}'
            | '©'
            | '®'
            | '°'
            | '£'
            | '¥'
            | '¢'
            | '€'
            | '±'
            | '\u{2190}'..='\u{2193}'
            | '↗'
            | '↳'
            | '►'
            | '▼'
    )
}

/// Characters NFKC rewrites into ones the Latin path handles: what they become.
fn latin_expansion(c: char) -> Option<&'static str> {
    match c {
        '…' => Some("..."),
        '™' => Some("TM"),
        '\u{2011}' => Some("\u{2010}"),
        _ => None,
    }
}

/// The tokens of a line made only of ASCII and the characters above, as tokenizers would give
/// them; `false` (with partial output) as soon as another character shows up.
fn tokenize_latin(line: &str, out: &mut Tokens) -> bool {
    let mut len = 0; // bytes of the current token written so far
    let mut full = false; // the current token reached MAX_TOKEN_BYTES
    for c in line.chars() {
        let mut one = [0u8; 4];
        let chars = match latin_expansion(c) {
            Some(e) => e,
            None => &*c.encode_utf8(&mut one),
        };
        for c in chars.chars() {
            let punct = c.is_ascii_punctuation() || is_latin_punctuation(c);
            let space = c.is_ascii() && c.is_whitespace();
            if !(c.is_ascii() || punct || is_latin_word_char(c)) {
                return false;
            }
            if out.ends.len() >= MAX_TOKENS {
                continue; // keep checking the characters: the fallback must see every line it owes
            }
            if space || punct {
                if len > 0 {
                    out.ends.push(out.text.len());
                    len = 0;
                    full = false;
                }
                if punct && out.ends.len() < MAX_TOKENS {
                    out.text.push(c);
                    out.ends.push(out.text.len());
                }
                continue;
            }
            let c = if c.is_ascii_digit() {
                '0'
            } else if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                c.to_lowercase().next().unwrap_or(c)
            };
            // Cut like Tokens::push: the longest prefix of whole chars within MAX_TOKEN_BYTES.
            if !full && len + c.len_utf8() <= MAX_TOKEN_BYTES {
                out.text.push(c);
                len += c.len_utf8();
            } else {
                full = true;
                len = len.max(1);
            }
        }
    }
    if len > 0 && out.ends.len() < MAX_TOKENS {
        out.ends.push(out.text.len());
    }
    true
}

fn tokenize_ascii(line: &str, out: &mut Tokens) {
    // Token bytes are written straight into the buffer; `len` counts the current token's bytes.
    let mut len = 0;
    for b in line.bytes() {
        if out.ends.len() >= MAX_TOKENS {
            return;
        }
        let space = b.is_ascii_whitespace() || b == 0x0b;
        if space || b.is_ascii_punctuation() {
            if len > 0 {
                out.ends.push(out.text.len());
                len = 0;
            }
            if b.is_ascii_punctuation() && out.ends.len() < MAX_TOKENS {
                out.text.push(b as char);
                out.ends.push(out.text.len());
            }
        } else {
            if len < MAX_TOKEN_BYTES {
                let c = if b.is_ascii_digit() {
                    '0'
                } else {
                    b.to_ascii_lowercase() as char
                };
                out.text.push(c);
            }
            len += 1;
        }
    }
    if len > 0 && out.ends.len() < MAX_TOKENS {
        out.ends.push(out.text.len());
    }
}

fn tokenize_unicode(line: &str, out: &mut Tokens) {
    let mut normalized = NormalizedString::from(line);
    // Neither step can fail on a plain NormalizedString; a failure would only lose features.
    if NFKC.normalize(&mut normalized).is_err() || Lowercase.normalize(&mut normalized).is_err() {
        return tokenize_ascii(&line.to_lowercase(), out);
    }
    let mut pre = PreTokenizedString::from(normalized);
    if BertPreTokenizer.pre_tokenize(&mut pre).is_err() {
        return;
    }
    for (tok, _, _) in pre.get_splits(OffsetReferential::Normalized, OffsetType::Byte) {
        out.push(tok);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// On any ASCII line the fast path gives exactly what the tokenizers pipeline gives.
        #[test]
        fn ascii_fast_path_equals_tokenizers_on_any_ascii(line in "[\\x00-\\x7f]{0,200}") {
            prop_assert_eq!(ascii(&line), unicode(&line));
        }

        /// Lines of ASCII, Latin-1 and typographic punctuation, with some characters the Latin
        /// path must hand over (ellipsis, no-break space, ligature, combining accent, Greek,
        /// fullwidth): `tokenize` gives what tokenizers gives.
        #[test]
        fn latin_fast_path_equals_tokenizers(
            line in "[a-zA-Z0-9 ,.'\t\u{c0}-\u{ff}«»¡¿§¶·‐‑‒–—―‘’‚“”„†‡•‹›©®°£¥¢€±←↑→↓↗↳►▼…™İK\u{a0}ﬁ\u{301}\u{338}ΣａＳ]{0,80}"
        ) {
            prop_assert_eq!(toks(&line), unicode(&line));
        }

        /// Lines of other scripts, with what NFKC rewrites or composes mixed in (fullwidth and
        /// styled letters, ligatures, combining marks, Hangul jamo, Devanagari signs): `tokenize`
        /// gives what tokenizers gives, whichever path a line takes.
        #[test]
        fn other_scripts_equal_tokenizers(
            line in "[a-zA-Z0-9 ,.\u{a0}\u{3000}абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЁЖЗИЙЯΣσςΑΒΓαβγάΐİIıK日本語中文的新闻、。「」《》！？，：ا ب ت ث ج ح خ د ذ ر ﻻ ١٢٣ ،؟한국어ᄀ ᅡ ᆨअ आ क ि ्‽⁂¿¡–—…ａＳ𝑺𝟑ﬁ\u{301}\u{308}\u{338}👍🇮🇩❤️]{0,80}"
        ) {
            prop_assert_eq!(toks(&line), unicode(&line));
        }

        /// The same without what NFKC changes: these lines do take the direct path.
        #[test]
        fn lines_in_nfkc_take_the_direct_path_and_equal_tokenizers(
            line in "[a-zA-Z0-9 ,.абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЁЖЗИЙЯΣσςΑΒΓαβγάΐİı日本語中文的新闻、。「」《》ابتثجحخدذر١٢٣،؟한국어अआकि्‽⁂¿¡–—👍🇮🇩❤️]{0,80}"
        ) {
            let mut t = Tokens::default();
            prop_assert!(tokenize_normalized(&line, &mut t));
            prop_assert_eq!(toks(&line), unicode(&line));
        }

        #[test]
        fn normalized_path_cuts_long_tokens_like_tokenizers(
            line in "[а-яё日本]{10,60}( [а-я,]{1,40}){0,3}"
        ) {
            prop_assert_eq!(toks(&line), unicode(&line));
        }

        #[test]
        fn latin_fast_path_cuts_long_tokens_like_tokenizers(
            line in "[a-zé\u{c0}-\u{ff}]{20,60}( [a-zé’]{1,40}){0,3}"
        ) {
            prop_assert_eq!(toks(&line), unicode(&line));
        }
    }

    fn toks(s: &str) -> Vec<String> {
        let mut t = Tokens::default();
        tokenize(s, &mut t);
        t.iter().map(str::to_string).collect()
    }

    fn ascii(s: &str) -> Vec<String> {
        let mut t = Tokens::default();
        tokenize_ascii(s, &mut t);
        t.iter().map(str::to_string).collect()
    }

    fn unicode(s: &str) -> Vec<String> {
        let mut t = Tokens::default();
        tokenize_unicode(s, &mut t);
        t.iter().map(str::to_string).collect()
    }

    #[test]
    fn splits_punctuation_and_folds_digits() {
        assert_eq!(
            toks("Read More » 12 Comments"),
            ["read", "more", "»", "00", "comments"]
        );
        assert_eq!(
            toks("Price: $9.99!"),
            ["price", ":", "$", "0", ".", "00", "!"]
        );
    }

    #[test]
    fn menu_symbols_and_nfkc_rewrites_take_the_latin_path() {
        for (line, want) in [
            ("Next ► More…", &["next", "►", "more", ".", ".", "."][..]),
            ("Acme™ → Shop", &["acmetm", "→", "shop"][..]),
            ("e‑mail", &["e", "\u{2010}", "mail"][..]),
        ] {
            let mut t = Tokens::default();
            assert!(tokenize_latin(line, &mut t), "{line}");
            assert_eq!(t.iter().collect::<Vec<_>>(), want);
            assert_eq!(toks(line), unicode(line));
        }
    }

    #[test]
    fn other_scripts_in_nfkc_take_the_direct_path() {
        for (line, want) in [
            (
                "Новости дня: ВЫБОРЫ 2024",
                &["новости", "дня", ":", "выборы", "0000"][..],
            ),
            ("ΟΔΟΣ.", &["οδοσ", "."][..]),
            ("東京、晴れ。", &["東京", "、", "晴れ", "。"][..]),
        ] {
            let mut t = Tokens::default();
            assert!(tokenize_normalized(line, &mut t), "{line}");
            assert_eq!(t.iter().collect::<Vec<_>>(), want);
            assert_eq!(toks(line), unicode(line));
        }
        // Not yet in NFKC: left to tokenizers.
        for line in ["ﬁle", "ＳＬＯＴ", "e\u{301}"] {
            assert!(!tokenize_normalized(line, &mut Tokens::default()), "{line}");
        }
    }

    #[test]
    fn nfkc_undoes_styled_letters() {
        assert_eq!(toks("𝑺𝑼𝑯𝑼𝟑𝟐𝟖 Slot"), ["suhu000", "slot"]);
        assert_eq!(toks("ＳＬＯＴ　ＧＡＣＯＲ"), ["slot", "gacor"]);
    }

    #[test]
    fn caps_token_length_and_count() {
        let long = "x".repeat(100);
        assert_eq!(toks(&long)[0].len(), MAX_TOKEN_BYTES);
        let many = "a ".repeat(MAX_TOKENS * 2);
        assert_eq!(toks(&many).len(), MAX_TOKENS);
        let punct = "a,".repeat(MAX_TOKENS);
        assert_eq!(toks(&punct).len(), MAX_TOKENS);
        assert_eq!(ascii(&punct), unicode(&punct));
        for latin in [
            "é,".repeat(MAX_TOKENS),
            "“é” ".repeat(MAX_TOKENS),
            "é".repeat(40),
        ] {
            assert_eq!(toks(&latin), unicode(&latin));
        }
    }

    /// The ASCII path must give exactly what the tokenizers pipeline gives.
    #[test]
    fn ascii_fast_path_equals_tokenizers() {
        let samples = [
            "Hello, World! It's 2024-05-01 -- (really) #1 @home",
            "  tabs\tand\x0bvertical\x0cfeeds\r\n",
            "a.b,c;d:e?f!g'h\"i(j)k[l]m{n}o<p>q/r\\s|t~u`v^w_x=y+z*&%$#@",
            "",
            "ALL CAPS HEADLINE 99",
        ];
        for s in samples {
            assert_eq!(ascii(s), unicode(s), "input {s:?}");
        }
        // Every printable ASCII character and the ASCII white space, alone and between letters.
        for b in 0u8..128 {
            let c = b as char;
            for s in [format!("{c}"), format!("ab{c}cd"), format!("A{c}{c}B")] {
                assert_eq!(ascii(&s), unicode(&s), "input {s:?}");
            }
        }
    }
}
