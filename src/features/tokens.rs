//! Tokens of a line: NFKC + lowercase (tokenizers' normalisers), BERT-style pre-tokenisation
//! (split on white space, punctuation isolated), digits folded to `0`.
//!
//! NFKC undoes the "𝑺𝑼𝑯𝑼𝟑𝟐𝟖" tricks spammers use. Pure-ASCII lines, the bulk of the input,
//! take a direct path that `tests::ascii_fast_path_equals_tokenizers` proves equal to the
//! tokenizers pipeline.

use tokenizers::normalizers::unicode::NFKC;
use tokenizers::normalizers::utils::Lowercase;
use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
use tokenizers::{
    NormalizedString, Normalizer, OffsetReferential, OffsetType, PreTokenizedString, PreTokenizer,
};

/// Tokens longer than this (base64 blobs, hashes) are cut: they carry no more signal.
const MAX_TOKEN_BYTES: usize = 32;
/// Only the first tokens of an enormous line are used.
pub const MAX_TOKENS: usize = 400;

/// Appends the normalised tokens of `line` to `out`.
pub fn tokenize(line: &str, out: &mut Vec<String>) {
    if line.is_ascii() {
        tokenize_ascii(line, out);
    } else {
        tokenize_unicode(line, out);
    }
}

fn push_token(tok: &str, out: &mut Vec<String>) {
    if out.len() >= MAX_TOKENS {
        return;
    }
    let mut end = tok.len().min(MAX_TOKEN_BYTES);
    while !tok.is_char_boundary(end) {
        end -= 1;
    }
    let tok = &tok[..end];
    // Most tokens have no digit: copy them as they are.
    out.push(if tok.bytes().any(|b| b.is_ascii_digit()) {
        tok.chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect()
    } else {
        tok.to_string()
    });
}

fn tokenize_ascii(line: &str, out: &mut Vec<String>) {
    let mut buf = String::new();
    for c in line.chars() {
        if c.is_whitespace() || c.is_ascii_punctuation() {
            if !buf.is_empty() {
                push_token(&buf, out);
                buf.clear();
            }
            if c.is_ascii_punctuation() {
                push_token(c.encode_utf8(&mut [0; 4]), out);
            }
        } else {
            buf.push(c.to_ascii_lowercase());
        }
    }
    if !buf.is_empty() {
        push_token(&buf, out);
    }
}

fn tokenize_unicode(line: &str, out: &mut Vec<String>) {
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
        push_token(tok, out);
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
            let mut fast = Vec::new();
            let mut slow = Vec::new();
            tokenize_ascii(&line, &mut fast);
            tokenize_unicode(&line, &mut slow);
            prop_assert_eq!(fast, slow);
        }
    }

    fn toks(s: &str) -> Vec<String> {
        let mut v = Vec::new();
        tokenize(s, &mut v);
        v
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
            let mut fast = Vec::new();
            let mut slow = Vec::new();
            tokenize_ascii(s, &mut fast);
            tokenize_unicode(s, &mut slow);
            assert_eq!(fast, slow, "input {s:?}");
        }
        // Every printable ASCII character and the ASCII white space, alone and between letters.
        for b in 0u8..128 {
            let c = b as char;
            for s in [format!("{c}"), format!("ab{c}cd"), format!("A{c}{c}B")] {
                let mut fast = Vec::new();
                let mut slow = Vec::new();
                tokenize_ascii(&s, &mut fast);
                tokenize_unicode(&s, &mut slow);
                assert_eq!(fast, slow, "input {s:?}");
            }
        }
    }
}
