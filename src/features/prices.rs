//! Lines that are only prices: "$19.99", "€12,50 €15,00", "$ 9.49 List Price: $12.95",
//! "1.590.000₫ 1.290.000₫ -19%", "UVP: 89,99 €". They are a listing's and never an article's,
//! in any language, wherever they sit on the page, so the model gives them to `marketplace` by
//! rule ([`crate::Model`]): a price the n-grams have never seen (฿, ₫, "TL") was read by its
//! shape alone and kept as news.

/// Whether `c` is a currency sign (22 of them), written before or after the number, attached or
/// not. The line statistics' "has a price" and "ends with a price" read the same signs as the
/// rule. A `match`: it runs on every character beyond ASCII.
pub(crate) fn is_sign_char(c: char) -> bool {
    matches!(
        c,
        '$' | '£'
            | '€'
            | '¥'
            | '₹'
            | '₫'
            | '฿'
            | '₩'
            | '₺'
            | '₽'
            | '₱'
            | '₦'
            | '₴'
            | '₪'
            | '₡'
            | '₲'
            | '₵'
            | '₸'
            | '₼'
            | '₾'
            | '¢'
            | '円'
    )
}

/// Currency codes and short names, compared without ASCII case; a code is a token of its own
/// or attached to the number ("R$349,90", "12.50zł").
const CODES: [&str; 34] = [
    "r$", "us$", "c$", "a$", "nz$", "hk$", "s$", "rp", "rp.", "rs", "rs.", "rm", "tl", "kr", "kr.",
    "zł", "kč", "ft", "lei", "chf", "usd", "eur", "gbp", "idr", "vnd", "vnđ", "đ", "thb", "inr",
    "brl", "try", "rub", "руб", "元",
];

/// The most words a line of prices may have besides them: a label before a colon ("List
/// Price:", "Prix conseillé :", "ราคาปกติ:") and short words between prices ("De ... por ...",
/// "Was ... now ...").
const MAX_LABEL_WORDS: usize = 4;
const MAX_LINKING_WORDS: usize = 2;
const MAX_LINKING_CHARS: usize = 4;

/// Whether `text` is only prices: at least one price (a number with a currency sign or code),
/// and besides prices only discounts ("-19%"), separators, labels of up to four words ending
/// in a colon, and at most two words of up to four letters. Up to 120 bytes: a listing's price
/// line is short; a sentence naming prices is not a price line.
pub fn is_price_line(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() || text.len() > 120 || !may_be_priced(text.as_bytes()) {
        return false;
    }
    let tokens = tokens(text);
    let beside_sign = |i: usize| {
        let sign = |j: usize| tokens.get(j).is_some_and(|t| t.0 == Token::Sign);
        (i > 0 && sign(i - 1)) || sign(i + 1)
    };
    let (mut prices, mut linking) = (0, 0);
    // The lengths of the words since the last token that was not one: a label's if a colon
    // ends them, words between prices otherwise.
    let mut words: Vec<usize> = Vec::new();
    let mut linking_words = |words: &mut Vec<usize>| {
        linking += words.len();
        let short = words.iter().all(|&n| n <= MAX_LINKING_CHARS);
        words.clear();
        short && linking <= MAX_LINKING_WORDS
    };
    for (i, &(kind, colon)) in tokens.iter().enumerate() {
        if let Token::Word(chars) = kind {
            words.push(chars);
        } else if !(colon && kind == Token::Separator) {
            // (A colon of its own, as French writes it, ends a label: "Prix conseillé :".)
            if !linking_words(&mut words) {
                return false;
            }
            match kind {
                Token::Price => prices += 1,
                // A bare number is a price beside a sign ("39,90 €", "R$ 349,90"), and nothing
                // else on such a line ("10x", "2 for": an offer's wording is left to the model).
                Token::Number if beside_sign(i) => prices += 1,
                Token::Number | Token::Other => return false,
                // A sign belongs to the number beside it; alone it is no price.
                Token::Sign | Token::Percent | Token::Separator | Token::Word(_) => {}
            }
        }
        if colon {
            if words.len() > MAX_LABEL_WORDS {
                return false;
            }
            words.clear();
        }
    }
    linking_words(&mut words) && prices > 0
}

/// The tokens of a line split at white space, each with whether a colon ended it (a label's
/// end); a number and a group of three digits after it are one number ("1 299 kr").
fn tokens(text: &str) -> Vec<(Token, bool)> {
    let mut out: Vec<(Token, bool)> = Vec::new();
    for raw in text.split_whitespace() {
        let (raw, colon) = match raw.strip_suffix(':') {
            Some(r) => (r, true),
            None => (raw, false),
        };
        let t = raw.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ',' | '*'));
        let kind = token(t);
        let thousands = t.len() == 3 && t.bytes().all(|b| b.is_ascii_digit());
        match out.last_mut() {
            Some(last) if thousands && last.0 == Token::Number && !last.1 => last.1 = colon,
            _ => out.push((kind, colon)),
        }
    }
    out
}

/// A cheap test every price line passes: it has a digit, and a currency sign ('$' or a
/// character beyond ASCII) or a run of at most three ASCII letters (a code: "TL", "usd").
/// Most short lines with digits ("12 March 2025", "Page 2") fail it and are not tokenized.
fn may_be_priced(text: &[u8]) -> bool {
    let (mut digit, mut currency, mut letters) = (false, false, 0);
    for &b in text {
        digit |= b.is_ascii_digit();
        currency |= b == b'$' || b >= 0x80;
        if b.is_ascii_alphabetic() {
            letters += 1;
        } else {
            currency |= (1..=3).contains(&letters);
            letters = 0;
        }
    }
    digit && (currency || (1..=3).contains(&letters))
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Token {
    /// A number with a currency sign or code attached: "$19.99", "1.290.000₫", "R$349,90".
    Price,
    /// A number: digits, with "." or "," between groups, maybe ending in ",-" or ".-".
    Number,
    /// A currency sign or code on its own: "€", "TL", "R$".
    Sign,
    /// A discount or a share: "-19%", "19%".
    Percent,
    /// "-", "–", "/", "|", "→", "•"...
    Separator,
    /// A word of letters, with its length in characters.
    Word(usize),
    /// Anything else.
    Other,
}

fn token(t: &str) -> Token {
    if t.is_empty()
        || t.chars().all(|c| {
            matches!(
                c,
                '-' | '–' | '—' | '/' | '|' | '→' | '•' | '·' | '~' | '=' | '+'
            )
        })
    {
        return Token::Separator;
    }
    if is_currency(t) {
        return Token::Sign;
    }
    if is_number(t) {
        return Token::Number;
    }
    if let Some(n) = t.strip_suffix('%') {
        let n = n.trim_start_matches(['-', '−', '–', '+']);
        if is_number(n) {
            return Token::Percent;
        }
    }
    // A sign or code attached before the number ("R$349,90": the number starts at the first
    // digit) or after it ("19,99€": the number is the leading digits and separators).
    let b = t.as_bytes();
    let split = if b[0].is_ascii_digit() {
        b.iter()
            .position(|&c| !(c.is_ascii_digit() || matches!(c, b'.' | b',' | b'-')))
    } else {
        b.iter().position(u8::is_ascii_digit)
    };
    if let Some(i) = split.filter(|&i| i > 0) {
        let (head, tail) = t.split_at(i);
        if (is_currency(head) && is_number(tail)) || (is_number(head) && is_currency(tail)) {
            return Token::Price;
        }
    }
    // Letters in any script (marks included: Thai vowels, combining accents).
    if t.chars()
        .all(|c| c.is_alphabetic() || (!c.is_ascii() && !c.is_numeric()))
    {
        return Token::Word(t.chars().count());
    }
    Token::Other
}

/// Whether `t` is a currency sign or code, in any case: "$", "€", "TL", "R$", "руб".
pub(crate) fn is_currency(t: &str) -> bool {
    if t.is_ascii() {
        // The only ASCII sign is '$'; no ASCII code is longer than four letters ("vnd", "rs.").
        return t == "$" || (t.len() <= 4 && CODES.iter().any(|c| c.eq_ignore_ascii_case(t)));
    }
    // No other sign or code is longer than three characters ("руб").
    let mut chars = t.chars();
    let sign = chars.next().is_some_and(is_sign_char) && chars.next().is_none();
    t.len() <= 6
        && (sign
            || CODES
                .iter()
                .any(|c| !c.is_ascii() && t.chars().flat_map(char::to_lowercase).eq(c.chars())))
}

/// Digits with "." or "," between groups, starting and ending in a digit, or ending in ",-"
/// or ".-" ("12,-"): "19.99", "1.290.000", "1,249.90".
fn is_number(t: &str) -> bool {
    let t = t
        .strip_suffix(",-")
        .or_else(|| t.strip_suffix(".-"))
        .unwrap_or(t);
    let b = t.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_digit()
        && b[b.len() - 1].is_ascii_digit()
        && b.iter()
            .all(|&c| c.is_ascii_digit() || c == b'.' || c == b',')
        && !b
            .windows(2)
            .any(|w| !w[0].is_ascii_digit() && !w[1].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_alone_is_a_currency_and_two_are_not() {
        let signs: Vec<char> = ('\0'..='\u{ffff}').filter(|&c| is_sign_char(c)).collect();
        assert_eq!(signs.len(), 22);
        for c in signs {
            assert!(is_currency(&c.to_string()), "{c}");
            assert!(!is_currency(&format!("{c}{c}")), "{c}{c}");
        }
    }

    #[test]
    fn prices_price_pairs_and_list_prices_are_price_lines() {
        for line in [
            "$19.99",
            "€12,50 €15,00",
            "$ 9.49 List Price: $12.95",
            "List Price: $12.95",
            "1.290.000₫",
            "1.590.000₫ 1.290.000₫ -19%",
            "Giá niêm yết: 1.890.000₫",
            "฿1,290",
            "฿1,590 ฿1,290",
            "ราคาปกติ: ฿1,890",
            "R$ 349,90",
            "De R$ 499,90 por R$ 349,90",
            "Preço de tabela: R$ 529,00",
            "39,90 €",
            "PVP recomendado: 64,99 €",
            "1.249,90 TL",
            "1.599,00 TL 1.249,90 TL",
            "Liste fiyatı: 1.799,00 TL",
            "UVP: 89,99 €",
            "Prix conseillé : 429,00 €",
            "Was $12.00 Now $9.00",
            "Rp 150.000",
            "Rp150.000 (-25%)",
            "12,- €",
            "1 299 kr",
            "1 990 руб",
            "US$ 45",
        ] {
            assert!(is_price_line(line), "{line}");
        }
    }

    #[test]
    fn prose_titles_and_offers_are_not_price_lines() {
        for line in [
            "",
            "€",
            "2024",
            "19.99",
            "Page 2 of 5",
            "The council will spend $4.5 million on the harbour wall.",
            "Tickets cost $20 for adults and $10 for children",
            "US$5 billion",
            "€2bn",
            "ou 10x de R$ 34,99 sem juros",
            "Wasserkocher Lono 1,7 l, 2400 W, Edelstahl",
            "Livraison gratuite dès demain",
            "Shares rose 4% to 12.50",
            "12:30",
            "Dow Jones 34,567.89 (+0.4%)",
            "Score: 3-1",
        ] {
            assert!(!is_price_line(line), "{line}");
        }
    }

    #[test]
    fn numbers_are_digits_with_group_separators() {
        for n in ["5", "19.99", "1.290.000", "1,249.90", "12,-"] {
            assert!(is_number(n), "{n}");
        }
        for n in ["", ".99", "19.", "1..2", "1a", "-5"] {
            assert!(!is_number(n), "{n}");
        }
    }

    proptest::proptest! {
        /// Any text is judged without panicking, and white space around a line changes nothing.
        #[test]
        fn any_text_is_judged_and_padding_changes_nothing(
            text in "[ $€฿₫:,.()%0-9a-zA-Zçé\u{301}-]{0,40}",
        ) {
            let verdict = is_price_line(&text);
            proptest::prop_assert_eq!(is_price_line(&format!(" \t{text}\n")), verdict);
        }
    }

    #[test]
    fn labels_have_at_most_four_words() {
        assert!(is_price_line("Our lowest price today: $5"));
        assert!(!is_price_line("Our very lowest price today: $5"));
        assert!(!is_price_line("a: b: c: d: e f g h i: $5"));
    }
}
