//! Hand-written word lists for the line statistics: the words of the gambling trade and of shops
//! in many languages, and units of measure. The n-grams know only the words of the training
//! data, which is English, Indonesian, Thai and Nordic; promos and listings come in every
//! language, and these lists let a line be read as one when none of its words was ever seen.
//!
//! Every list is lower case. Words of spaced scripts are matched whole ([`ascii_word`],
//! [`word`]); scripts written without spaces between words (Thai, Chinese, Japanese, Korean with
//! its attached particles, Khmer) are searched for inside the line ([`unspaced`]).

/// What a word of the lists is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A word of gambling: casino, slot, betting, bonus, free spins.
    Gambling,
    /// A word of shops: cart, shipping, installments, list price abbreviations.
    Shop,
    /// A unit of measure, after a number or attached to it: "1,7 l", "2400 W", "128GB".
    Unit,
}

/// The longest ASCII word of the lists, in bytes: longer words are not looked up.
pub(super) const MAX_ASCII: usize = 18;

/// The words of spaced scripts written in ASCII, sorted and each once (the test
/// `the_ascii_list_is_sorted_and_lower_case` keeps it so), looked up in [`ASCII_SLOTS`]:
/// - gambling, in the languages of Europe, the Americas, Indonesia and Africa written in Latin
///   letters; words news uses in other senses ("odds", "lottery", "bandar", "paris") are left
///   out;
/// - shops: the cart, shipping, installments and the abbreviations of list prices;
/// - units of volume, power, mass, length, storage and counts of pieces; units of news'
///   quantities (m, km, years, people) are left out.
const ASCII_WORDS: [(&[u8], Kind); 158] = [
    (b"aposta", Kind::Gambling),
    (b"apostas", Kind::Gambling),
    (b"apuesta", Kind::Gambling),
    (b"apuestas", Kind::Gambling),
    (b"baccarat", Kind::Gambling),
    (b"bahis", Kind::Gambling),
    (b"bakara", Kind::Gambling),
    (b"bestseller", Kind::Shop),
    (b"bestsellers", Kind::Shop),
    (b"betting", Kind::Gambling),
    (b"bezorging", Kind::Shop),
    (b"blackjack", Kind::Gambling),
    (b"bono", Kind::Gambling),
    (b"bonos", Kind::Gambling),
    (b"bonus", Kind::Gambling),
    (b"bonuses", Kind::Gambling),
    (b"bonusu", Kind::Gambling),
    (b"bookmaker", Kind::Gambling),
    (b"bookmakers", Kind::Gambling),
    (b"buchmacher", Kind::Gambling),
    (b"bukmacher", Kind::Gambling),
    (b"carrello", Kind::Shop),
    (b"carrinho", Kind::Shop),
    (b"carrito", Kind::Shop),
    (b"cart", Kind::Shop),
    (b"casino", Kind::Gambling),
    (b"casinos", Kind::Gambling),
    (b"cassino", Kind::Gambling),
    (b"cassinos", Kind::Gambling),
    (b"cazino", Kind::Gambling),
    (b"checkout", Kind::Shop),
    (b"cicilan", Kind::Shop),
    (b"cl", Kind::Unit),
    (b"cm", Kind::Unit),
    (b"depo", Kind::Gambling),
    (b"dl", Kind::Unit),
    (b"envio", Kind::Shop),
    (b"fl", Kind::Unit),
    (b"freeship", Kind::Shop),
    (b"freespin", Kind::Gambling),
    (b"freespins", Kind::Gambling),
    (b"freispiele", Kind::Gambling),
    (b"frete", Kind::Shop),
    (b"g", Kind::Unit),
    (b"gacor", Kind::Gambling),
    (b"gb", Kind::Unit),
    (b"ghz", Kind::Unit),
    (b"giros", Kind::Gambling),
    (b"gokken", Kind::Gambling),
    (b"gr", Kind::Unit),
    (b"hz", Kind::Unit),
    (b"iddaa", Kind::Gambling),
    (b"inch", Kind::Unit),
    (b"inches", Kind::Unit),
    (b"jackpot", Kind::Gambling),
    (b"jackpots", Kind::Gambling),
    (b"judi", Kind::Gambling),
    (b"kamari", Kind::Gambling),
    (b"kargo", Kind::Shop),
    (b"kasino", Kind::Gambling),
    (b"kasinot", Kind::Gambling),
    (b"kasyno", Kind::Gambling),
    (b"kazino", Kind::Gambling),
    (b"keranjang", Kind::Shop),
    (b"kg", Kind::Unit),
    (b"koszyk", Kind::Shop),
    (b"koszyka", Kind::Shop),
    (b"kubeti", Kind::Gambling),
    (b"kumar", Kind::Gambling),
    (b"kw", Kind::Unit),
    (b"l", Kind::Unit),
    (b"lb", Kind::Unit),
    (b"lbs", Kind::Unit),
    (b"lieferzeit", Kind::Shop),
    (b"liter", Kind::Unit),
    (b"liters", Kind::Unit),
    (b"litre", Kind::Unit),
    (b"litres", Kind::Unit),
    (b"litro", Kind::Unit),
    (b"litros", Kind::Unit),
    (b"livraison", Kind::Shop),
    (b"lt", Kind::Unit),
    (b"ltr", Kind::Unit),
    (b"mah", Kind::Unit),
    (b"maxwin", Kind::Gambling),
    (b"mb", Kind::Unit),
    (b"mg", Kind::Unit),
    (b"ml", Kind::Unit),
    (b"mm", Kind::Unit),
    (b"mp", Kind::Unit),
    (b"msrp", Kind::Shop),
    (b"nettikasino", Kind::Gambling),
    (b"ongkir", Kind::Shop),
    (b"oz", Kind::Unit),
    (b"pack", Kind::Unit),
    (b"panier", Kind::Shop),
    (b"parcelas", Kind::Shop),
    (b"pariuri", Kind::Gambling),
    (b"parlay", Kind::Gambling),
    (b"pc", Kind::Unit),
    (b"pcs", Kind::Unit),
    (b"pk", Kind::Unit),
    (b"poker", Kind::Gambling),
    (b"pvp", Kind::Shop),
    (b"pz", Kind::Unit),
    (b"qty", Kind::Shop),
    (b"rodadas", Kind::Gambling),
    (b"roleta", Kind::Gambling),
    (b"roulette", Kind::Gambling),
    (b"rrp", Kind::Shop),
    (b"rulet", Kind::Gambling),
    (b"ruleta", Kind::Gambling),
    (b"scatter", Kind::Gambling),
    (b"scommessa", Kind::Gambling),
    (b"scommesse", Kind::Gambling),
    (b"sepet", Kind::Shop),
    (b"sepete", Kind::Shop),
    (b"shipping", Kind::Shop),
    (b"sku", Kind::Shop),
    (b"slot", Kind::Gambling),
    (b"slotlar", Kind::Gambling),
    (b"slots", Kind::Gambling),
    (b"slotu", Kind::Gambling),
    (b"spedizione", Kind::Shop),
    (b"spelbolag", Kind::Gambling),
    (b"spins", Kind::Gambling),
    (b"sportsbook", Kind::Gambling),
    (b"sportwetten", Kind::Gambling),
    (b"stk", Kind::Unit),
    (b"sugal", Kind::Gambling),
    (b"taksit", Kind::Shop),
    (b"taruhan", Kind::Gambling),
    (b"tb", Kind::Unit),
    (b"terjual", Kind::Shop),
    (b"togel", Kind::Gambling),
    (b"tragamoneda", Kind::Gambling),
    (b"tragamonedas", Kind::Gambling),
    (b"tragaperras", Kind::Gambling),
    (b"uvp", Kind::Shop),
    (b"v", Kind::Unit),
    (b"vedonlyonti", Kind::Gambling),
    (b"versand", Kind::Shop),
    (b"versandkostenfrei", Kind::Shop),
    (b"verzending", Kind::Shop),
    (b"w", Kind::Unit),
    (b"wager", Kind::Gambling),
    (b"wagering", Kind::Gambling),
    (b"warenkorb", Kind::Shop),
    (b"watt", Kind::Unit),
    (b"watts", Kind::Unit),
    (b"weddenschappen", Kind::Gambling),
    (b"wettanbieter", Kind::Gambling),
    (b"wetten", Kind::Gambling),
    (b"wh", Kind::Unit),
    (b"winkelwagen", Kind::Shop),
    (b"wishlist", Kind::Shop),
    (b"wysylka", Kind::Shop),
    (b"zoll", Kind::Unit),
];

/// Per first letter, a bit for each length some word of [`ASCII_WORDS`] has: most words are
/// ruled out by it without a search (this runs on every word of every line).
const FIRST_LETTER_LENGTHS: [u32; 26] = {
    let mut masks = [0u32; 26];
    let mut i = 0;
    while i < ASCII_WORDS.len() {
        let w = ASCII_WORDS[i].0;
        masks[(w[0] - b'a') as usize] |= 1 << w.len();
        i += 1;
    }
    masks
};

/// Slots of an open-addressing table of [`ASCII_WORDS`]: each holds a word's index, or
/// [`EMPTY`]. A binary search compared a word with eight of the list's through `memcmp`, which
/// took 5-6% of the filtering time; a probe compares it with about one, of its length only.
const ASCII_SLOTS: [u8; 1 << SLOT_BITS] = {
    assert!(ASCII_WORDS.len() < EMPTY as usize && ASCII_WORDS.len() < (1 << SLOT_BITS) / 2);
    let mut slots = [EMPTY; 1 << SLOT_BITS];
    let mut i = 0;
    while i < ASCII_WORDS.len() {
        let mut s = slot_of(ASCII_WORDS[i].0);
        while slots[s] != EMPTY {
            s = (s + 1) % slots.len();
        }
        slots[s] = i as u8;
        i += 1;
    }
    slots
};

const SLOT_BITS: u32 = 9;
const EMPTY: u8 = u8::MAX;

/// The home slot of a non-empty word in [`ASCII_SLOTS`], from its length and its first two and
/// last two bytes: a few operations whatever the word's length, and enough to tell the list's
/// words apart.
const fn slot_of(w: &[u8]) -> usize {
    let n = w.len();
    let key = (n as u64)
        | (w[0] as u64) << 8
        | (w[if n > 1 { 1 } else { 0 }] as u64) << 16
        | (w[n.saturating_sub(2)] as u64) << 24
        | (w[n - 1] as u64) << 32;
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SLOT_BITS)) as usize
}

/// The kind of a lower-cased ASCII word, if it is in a list.
pub(super) fn ascii_word(w: &[u8]) -> Option<Kind> {
    let first = *w.first()?;
    if !first.is_ascii_lowercase()
        || w.len() > MAX_ASCII
        || FIRST_LETTER_LENGTHS[usize::from(first - b'a')] & (1 << w.len()) == 0
    {
        return None;
    }
    let mut s = slot_of(w);
    loop {
        let &(listed, kind) = ASCII_WORDS.get(usize::from(ASCII_SLOTS[s]))?;
        if listed == w {
            return Some(kind);
        }
        s = (s + 1) % ASCII_SLOTS.len();
    }
}

/// `w` lower-cased into `buf`, if it is no longer than the lists' longest ASCII word: the form
/// the ASCII lists (here and in the line statistics) are matched in, with nothing allocated.
pub(super) fn ascii_lowercase<'a>(w: &[u8], buf: &'a mut [u8; MAX_ASCII]) -> Option<&'a [u8]> {
    let lower = buf.get_mut(..w.len())?;
    lower.copy_from_slice(w);
    lower.make_ascii_lowercase();
    Some(lower)
}

/// The kind of a lower-cased word, if it is in a list.
pub(super) fn lookup(w: &str) -> Option<Kind> {
    if w.is_ascii() {
        ascii_word(w.as_bytes())
    } else {
        word(w)
    }
}

/// The kind of a lower-cased word with characters beyond ASCII, if it is in a list.
fn word(w: &str) -> Option<Kind> {
    Some(match w {
        "casinò"
        | "kaszinó"
        | "καζίνο"
        | "казино"
        | "казиното"
        | "קזינו"
        | "كازينو"
        | "कैसीनो"
        | "bônus"
        | "zakłady"
        | "sázky"
        | "fogadás"
        | "cược"
        | "ставки"
        | "ставка"
        | "ставок"
        | "слоты"
        | "слот"
        | "бонус"
        | "бонусы"
        | "фриспины"
        | "фриспинов"
        | "букмекер"
        | "букмекерская"
        | "джекпот"
        | "рулетка"
        | "στοίχημα"
        | "στοιχήματα"
        | "μπόνους"
        | "सट्टा"
        | "सट्टेबाजी"
        | "जुआ"
        | "बेटिंग"
        | "स्लॉट"
        | "رهان"
        | "الرهان"
        | "مراهنات"
        | "المراهنات"
        | "قمار"
        | "القمار"
        | "הימורים" => Kind::Gambling,
        "envío" | "wysyłka" | "корзина" | "корзину" | "купить" | "giỏ" => {
            Kind::Shop
        }
        // "วัตต์" as the statistics see it: a word's core is trimmed of marks at its ends.
        "lít" | "ลิตร" | "วัตต" | "литр" | "литра" | "вт" | "мл" | "см" | "мм" | "кг" | "гб" => {
            Kind::Unit
        }
        _ => return None,
    })
}

/// Words of gambling and of shops in scripts written without spaces between words, found
/// inside the text.
const UNSPACED: [(&str, Kind); 44] = [
    // Thai: slot, casino, baccarat, gambling, football betting, free credit, deposit and
    // withdraw, "direct website", "breaks easily" (of slot machines).
    ("สล็อต", Kind::Gambling),
    ("คาสิโน", Kind::Gambling),
    ("บาคาร่า", Kind::Gambling),
    ("พนัน", Kind::Gambling),
    ("แทงบอล", Kind::Gambling),
    ("เครดิตฟรี", Kind::Gambling),
    ("ฝากถอน", Kind::Gambling),
    ("ฝาก-ถอน", Kind::Gambling),
    ("เว็บตรง", Kind::Gambling),
    ("แตกง่าย", Kind::Gambling),
    // Chinese, simplified and traditional: gambling, betting and lottery sites' words.
    ("赌", Kind::Gambling),
    ("賭", Kind::Gambling),
    ("博彩", Kind::Gambling),
    ("娱乐城", Kind::Gambling),
    ("娛樂城", Kind::Gambling),
    ("老虎机", Kind::Gambling),
    ("老虎機", Kind::Gambling),
    ("百家乐", Kind::Gambling),
    ("百家樂", Kind::Gambling),
    ("投注", Kind::Gambling),
    ("下注", Kind::Gambling),
    ("彩金", Kind::Gambling),
    // Japanese: casino, slot, bonus.
    ("カジノ", Kind::Gambling),
    ("スロット", Kind::Gambling),
    ("ボーナス", Kind::Gambling),
    // Korean: casino, toto, baccarat, slot, betting (two spellings), "eat and run" sites.
    ("카지노", Kind::Gambling),
    ("토토", Kind::Gambling),
    ("바카라", Kind::Gambling),
    ("슬롯", Kind::Gambling),
    ("배팅", Kind::Gambling),
    ("베팅", Kind::Gambling),
    ("먹튀", Kind::Gambling),
    // Khmer: casino, bet.
    ("កាស៊ីណូ", Kind::Gambling),
    ("ភ្នាល់", Kind::Gambling),
    // Shops: Thai free shipping and basket; Chinese free shipping and cart; Japanese free
    // shipping and cart; Korean cart, free shipping and shipping fee.
    ("ส่งฟรี", Kind::Shop),
    ("ตะกร้า", Kind::Shop),
    ("包邮", Kind::Shop),
    ("包郵", Kind::Shop),
    ("购物车", Kind::Shop),
    ("送料無料", Kind::Shop),
    ("カート", Kind::Shop),
    ("장바구니", Kind::Shop),
    ("무료배송", Kind::Shop),
    ("배송비", Kind::Shop),
];

/// Whether `c` is of a script written without spaces between words (or, for Korean, with
/// particles attached to them): only lines with such characters are searched by [`unspaced`].
pub(super) fn is_unspaced(c: char) -> bool {
    matches!(
        c,
        '\u{0e00}'..='\u{0eff}'
            | '\u{1780}'..='\u{17ff}'
            | '\u{3040}'..='\u{30ff}'
            | '\u{3400}'..='\u{9fff}'
            | '\u{ac00}'..='\u{d7af}'
    )
}

/// How many different words of gambling and of shops of the unspaced scripts `text` holds.
pub(super) fn unspaced(text: &str) -> (usize, usize) {
    let (mut gambling, mut shop) = (0, 0);
    for (needle, kind) in UNSPACED {
        if text.contains(needle) {
            match kind {
                Kind::Gambling => gambling += 1,
                _ => shop += 1,
            }
        }
    }
    (gambling, shop)
}

/// Whether an ASCII word is a number with a unit attached ("1500W", "128GB", "500ml", "1,7l").
pub(super) fn is_number_with_unit(core: &[u8]) -> bool {
    let Some(digits) = core
        .iter()
        .position(|&b| !(b.is_ascii_digit() || b == b'.' || b == b','))
    else {
        return false;
    };
    let (number, unit) = core.split_at(digits);
    if number.is_empty() || !number[number.len() - 1].is_ascii_digit() || unit.len() > 5 {
        return false;
    }
    // "4G" and "5G" are networks, not grams.
    if number.len() == 1 && unit.eq_ignore_ascii_case(b"g") {
        return false;
    }
    let mut buf = [0u8; MAX_ASCII];
    ascii_lowercase(unit, &mut buf).and_then(ascii_word) == Some(Kind::Unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_list_is_sorted_and_lower_case() {
        for pair in ASCII_WORDS.windows(2) {
            assert!(
                pair[0].0 < pair[1].0,
                "{:?}",
                String::from_utf8_lossy(pair[1].0)
            );
        }
        for (w, _) in ASCII_WORDS {
            assert!(w.iter().all(u8::is_ascii_lowercase) && w.len() <= MAX_ASCII);
            assert_eq!(ascii_word(w), listed(w));
        }
    }

    /// The list's kind of a word, found by reading the whole list.
    fn listed(w: &[u8]) -> Option<Kind> {
        ASCII_WORDS.iter().find(|e| e.0 == w).map(|e| e.1)
    }

    proptest::proptest! {
        /// The table finds a word exactly when the list holds it: any word, and the list's
        /// words with a byte changed, cut or added (the near misses that share a home slot).
        #[test]
        fn the_table_finds_what_the_list_holds(
            w in "[a-z]{0,20}|[a-zA-Z0-9.,]{0,8}",
            i in 0..ASCII_WORDS.len(),
            at in 0usize..20,
            b in b'a'..=b'z',
        ) {
            proptest::prop_assert_eq!(ascii_word(w.as_bytes()), listed(w.as_bytes()));
            let word = ASCII_WORDS[i].0;
            let at = at % word.len();
            let mut changed = word.to_vec();
            changed[at] = b;
            let cut = &word[..at];
            let mut longer = word.to_vec();
            longer.insert(at, b);
            for near in [&changed[..], cut, &longer[..]] {
                proptest::prop_assert_eq!(ascii_word(near), listed(near));
            }
        }
    }

    #[test]
    fn every_list_is_lower_case_and_within_its_bounds() {
        for (needle, _) in UNSPACED {
            assert!(needle.chars().any(is_unspaced), "{needle}");
        }
        // The match arms are lower case: an upper-case spelling would never match.
        for w in ["Casino", "SLOT", "Cart"] {
            assert_eq!(ascii_word(w.as_bytes()), None);
            assert!(ascii_word(w.to_lowercase().as_bytes()).is_some());
        }
        assert_eq!(word("Казино"), None);
        assert_eq!(word("казино"), Some(Kind::Gambling));
        assert!(b"versandkostenfrei".len() <= MAX_ASCII);
    }

    #[test]
    fn words_of_gambling_shops_and_units() {
        assert_eq!(ascii_word(b"tragaperras"), Some(Kind::Gambling));
        assert_eq!(ascii_word(b"kargo"), Some(Kind::Shop));
        assert_eq!(ascii_word(b"ml"), Some(Kind::Unit));
        for news in [&b"the"[..], b"odds", b"lottery", b"paris", b"km", b"people"] {
            assert_eq!(ascii_word(news), None, "{}", String::from_utf8_lossy(news));
        }
        assert_eq!(word("ставки"), Some(Kind::Gambling));
        assert_eq!(word("lít"), Some(Kind::Unit));
        // Every word of the lists survives the trimming of a word's core ([`super::super::stats`]
        // trims what is not alphanumeric: Thai's final marks too).
        for w in ["ลิตร", "วัตต", "казино", "bônus"] {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric());
            assert_eq!(core, w);
        }
    }

    #[test]
    fn unspaced_scripts_are_searched_inside_the_line() {
        assert_eq!(unspaced("สล็อตเว็บตรง แตกง่าย ส่งฟรี"), (3, 1));
        assert_eq!(unspaced("在线娱乐城百家乐"), (2, 0));
        assert_eq!(unspaced("카지노에서 슬롯을"), (2, 0));
        assert_eq!(unspaced("จังหวัดเชียงใหม่ได้ติดตั้งสถานีตรวจวัดคุณภาพอากาศ"), (0, 0));
    }

    #[test]
    fn numbers_with_units_attached() {
        for w in ["1500W", "128GB", "500ml", "1,7l", "127V", "250g"] {
            assert!(is_number_with_unit(w.as_bytes()), "{w}");
        }
        for w in ["2024", "10x", "3rd", "W40", "1500Wh2", "5casino", "5G"] {
            assert!(!is_number_with_unit(w.as_bytes()), "{w}");
        }
    }
}
