//! English gambling spam, generated from hand-written templates.
//!
//! The gambling lines in the training data are Indonesian promo comments, SEO READMEs and
//! Norwegian/Swedish casino pages: nothing in it is English casino-affiliate text ("150% Welcome
//! Bonus up to £1,500 + 100 Free Spins", reviews of offshore casinos, boosted odds), so a model
//! trained on it reads such text as news or other prose. These templates and word lists were
//! written for this project (nothing is copied from a corpus); filling them gives varied lines in
//! the registers such spam comes in: promo lines, affiliate prose, betting tips, keyword lists.

use super::unseen;
use super::Rng;

const BRANDS: &[&str] = &[
    "SpinVault",
    "LuckyRiver",
    "Goldbet",
    "RoyalSpins",
    "BetNova",
    "Casino Zeus",
    "MaxWin",
    "Slotoro",
    "VegasPeak",
    "CrownPlay",
    "Betwhale",
    "Kingspin",
    "StarLuck",
    "NeonReels",
    "BitStake",
    "CoinJack",
    "Winbay",
    "Fortuna88",
    "AcePlay",
    "RedPanda Casino",
    "Jackpot Harbour",
    "Mr. Reel",
    "Wildcoin",
    "BetOcean",
];
const GAMES: &[&str] = &[
    "Book of Dead",
    "Starburst",
    "Gates of Olympus",
    "Sweet Bonanza",
    "Big Bass Bonanza",
    "Mega Moolah",
    "Lightning Roulette",
    "Crazy Time",
    "Aviator",
    "Plinko",
    "Wolf Gold",
    "Reactoonz",
    "live blackjack",
    "European roulette",
    "baccarat",
    "video poker",
];
const PROVIDERS: &[&str] = &[
    "NetEnt",
    "Pragmatic Play",
    "Evolution",
    "Play'n GO",
    "Microgaming",
    "Red Tiger",
    "Push Gaming",
    "Hacksaw Gaming",
    "Nolimit City",
    "Yggdrasil",
    "Relax Gaming",
];
const PAYMENTS: &[&str] = &[
    "Visa",
    "Mastercard",
    "PayPal",
    "Skrill",
    "Neteller",
    "Bitcoin",
    "Ethereum",
    "USDT",
    "Trustly",
    "Apple Pay",
    "bank transfer",
    "Paysafecard",
    "Litecoin",
];
const CRYPTO: &[&str] = &["Bitcoin", "Ethereum", "Litecoin", "USDT", "Dogecoin", "BTC"];
const CURRENCIES: &[&str] = &["$", "£", "€", "A$", "C$", "NZ$"];
const AMOUNTS: &[&str] = &[
    "100", "200", "250", "300", "500", "750", "1,000", "1,500", "2,000", "3,000", "5,000",
];
const SMALL: &[&str] = &["5", "10", "20", "25", "30", "50"];
const BIG: &[&str] = &[
    "48,000",
    "125,000",
    "1.2 million",
    "2,450,000",
    "310,500",
    "9,800",
];
const PERCENTS: &[&str] = &["50", "100", "150", "200", "250", "300", "400", "500"];
const SPINS: &[&str] = &["10", "20", "25", "50", "100", "150", "200", "300", "500"];
const WAGERING: &[&str] = &["10", "25", "30", "35", "40", "50"];
const COUNTRIES: &[&str] = &[
    "UK",
    "US",
    "Canadian",
    "Australian",
    "New Zealand",
    "Irish",
    "Indian",
    "South African",
    "German",
];
const REGIONS: &[&str] = &[
    "the UK",
    "Canada",
    "Australia",
    "New Zealand",
    "Ireland",
    "India",
    "the USA",
    "Europe",
];
const JURISDICTIONS: &[&str] = &["Curaçao", "Malta", "Anjouan", "Kahnawake", "Gibraltar"];
const ADJECTIVES: &[&str] = &[
    "trusted",
    "fast-paying",
    "crypto-friendly",
    "award-winning",
    "licensed",
    "brand-new",
    "top-rated",
    "mobile-first",
];
const SPORTS: &[&str] = &[
    "football",
    "the Premier League",
    "the NFL",
    "the NBA",
    "tennis",
    "horse racing",
    "cricket",
    "UFC",
    "esports",
];
const TEAMS: &[&str] = &[
    "Arsenal",
    "Chelsea",
    "Liverpool",
    "Real Madrid",
    "the Lakers",
    "the Chiefs",
    "Man City",
    "Barcelona",
    "the Yankees",
];
const ODDS: &[&str] = &["2/1", "5/2", "3.50", "7/4", "+150", "4.20", "11/10", "9/1"];
const YEARS: &[&str] = &["2024", "2025", "2026", "2027"];
const MONTHS: &[&str] = &[
    "January", "March", "April", "June", "August", "October", "November",
];
const HOURS: &[&str] = &["1", "2", "12", "24", "48"];
const COUNTS: &[&str] = &["1,500", "2,000", "3,000", "4,500", "6,000", "8,000"];
const KEYWORDS: &[&str] = &[
    "online casino",
    "real money slots",
    "free spins no deposit",
    "best casino bonus",
    "crypto casino",
    "non gamstop casinos",
    "live roulette",
    "sports betting tips",
    "casino sites",
    "new slot sites",
    "bitcoin casino",
    "no wagering bonus",
    "fast withdrawal casino",
    "online poker real money",
    "betting sites",
    "jackpot slots",
];

/// Short promo lines, as they sit in ads, bonus tables and casino lists.
const PROMOS: &[&str] = &[
    "{pct}% Welcome Bonus up to {cur}{amt} + {spins} Free Spins",
    "{pct}% Deposit Match up to {cur}{amt}",
    "Claim {spins} Free Spins on {game}",
    "{spins} free spins, no deposit required",
    "No Deposit Bonus: {cur}{small} free on sign-up",
    "Bet {cur}{small}, Get {cur}{amt} in Free Bets",
    "{pct}% Cashback every week at {brand}",
    "Instant {pay} withdrawals, no KYC",
    "Top {country} casino sites {year}",
    "Best Online Casinos in {region} ({month} {year})",
    "{brand} Casino Review {year}: Bonuses, Games and Payouts",
    "{brand} - {pct}% up to {cur}{amt} + {spins} FS",
    "Min deposit {cur}{small}. Wagering {w}x. 18+ T&Cs apply.",
    "New players only. {w}x wagering on bonus funds. Play responsibly. 18+",
    "Sign up at {brand} and get {spins} free spins on {game}",
    "Download the {brand} app and get a {cur}{amt} welcome package",
    "Crypto casino with no KYC and instant payouts",
    "Casinos not on GamStop for {country} players",
    "Licensed in {juris} | {count}+ slots | Live casino | Sportsbook",
    "Jackpot alert: {game} pays out {cur}{big} to a lucky player at {brand}",
    "Best odds guaranteed on {sport} at {brand}",
    "Boosted odds: {team} to win at {odds} with {brand}",
    "Get your {cur}{amt} bonus now at {brand}, the #1 rated {country} casino",
    "Real money slots, live roulette and blackjack: join {brand} today",
    "Exclusive {pct}% reload bonus every Friday",
    "Play {game} for free, then win real money",
    "Deposit with {crypto} and get an extra {pct}% bonus",
    "VIP club: up to {pct}% cashback and a personal account manager",
    "{brand}: {rating}/5, fast payouts, {count}+ games",
    "Free bet club: bet {cur}{small} on {sport} every week, get a {cur}{small} free bet",
    "Top 10 crypto casinos with the highest payout rates in {year}",
    "Spin the wheel and win up to {cur}{big} today only",
];

/// Sentences of affiliate prose; a line of it strings one to four of them together.
const SENTENCES: &[&str] = &[
    "{brand} is a {adj} online casino licensed in {juris}, offering more than {count} slots and live dealer tables from providers such as {prov} and {prov2}.",
    "New players can claim a {pct}% match bonus up to {cur}{amt} plus {spins} free spins on {game}, subject to {w}x wagering requirements.",
    "Deposits and withdrawals are handled through {pay}, {pay2} and {pay3}, with most cash-outs processed within {hours} hours.",
    "If you are looking for the best {country} online casino in {year}, our experts have tested dozens of sites for bonuses, game variety and payout speed.",
    "Unlike licensed domestic brands, offshore casinos not on GamStop let you deposit with credit cards and cryptocurrencies and set your own limits.",
    "The sportsbook covers {sport}, {sport2} and more than {count} live betting markets every day, with competitive odds and a cash-out option.",
    "Our top pick for high rollers is {brand}, which offers VIP cashback of up to {pct}% and weekly reload bonuses.",
    "Free spins winnings are credited as bonus money and must be wagered {w} times before they can be withdrawn.",
    "Whether you prefer classic fruit machines, Megaways slots or progressive jackpots like {game}, {brand} has something for every player.",
    "Crypto players get an extra {pct}% on every deposit made with {crypto}, and withdrawals are usually confirmed in minutes.",
    "Register an account, make a minimum deposit of {cur}{small} and the welcome bonus is added to your balance automatically.",
    "Set a budget before you play, never chase your losses and use the deposit limits and time-outs the casino offers.",
    "The live casino, powered by {prov}, streams blackjack, roulette and game shows like {game} around the clock.",
    "We rate every casino on its licence, bonus terms, game library, banking options and customer support before it makes our list.",
    "Players from {region} can sign up in under two minutes and start playing with a {cur}{small} minimum deposit.",
    "The mobile app lets you spin {game} and bet on {sport} from anywhere, and new users get {spins} free spins after their first deposit.",
    "Our betting experts back {team} to win at {odds}, and new customers at {brand} can get enhanced odds on the match.",
    "Withdrawals at {brand} are fast, with e-wallet and {crypto} payouts usually arriving within {hours} hours.",
    "Read our full {brand} review to find out why it is one of the best casino sites for {country} players this year.",
    "With a {pct}% welcome package, daily tournaments and a {cur}{big} progressive jackpot, {brand} is hard to beat.",
    "The bonus is valid for 30 days, the maximum bet while wagering is {cur}5, and some games contribute less than 100%.",
    "Non GamStop casinos are popular because they offer bigger bonuses, higher stake limits and fewer restrictions on how you play.",
];

/// The trade's loanwords: promos in German, Polish, Vietnamese or Turkish still say "casino",
/// "bonus", "jackpot" or "free spins" (with the brands, games, amounts and currencies). Lines in
/// made-up languages keep these and lose every other word ([`gambling_line_in`]).
const TRADE_WORDS: &[&str] = &[
    "casino",
    "casinos",
    "slot",
    "slots",
    "bonus",
    "jackpot",
    "jackpots",
    "poker",
    "roulette",
    "blackjack",
    "baccarat",
    "free",
    "spins",
    "bet",
    "betting",
    "vip",
    "cashback",
    "sportsbook",
    "megaways",
    "crypto",
];

/// `template` with each of its `{slot}`s replaced by its value.
pub(super) fn fill_slots(template: &str, values: &[(&str, String)]) -> String {
    let mut line = template.to_string();
    for (slot, value) in values {
        line = line.replace(slot, value);
    }
    line
}

/// One of `list`, drawn uniformly.
pub(super) fn pick<'a>(rng: &mut Rng, list: &[&'a str]) -> &'a str {
    list[rng.below(list.len())]
}

/// Fills the `{slot}`s of a template, its own words passed through `words` (the slots' values,
/// names and numbers, are not).
fn fill_with(template: &str, rng: &mut Rng, words: &dyn Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&words(&rest[..open]));
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let slot = &rest[open + 1..open + close];
        let value = match slot {
            "brand" => pick(rng, BRANDS).to_string(),
            "game" => pick(rng, GAMES).to_string(),
            "prov" | "prov2" => pick(rng, PROVIDERS).to_string(),
            "pay" | "pay2" | "pay3" => pick(rng, PAYMENTS).to_string(),
            "crypto" => pick(rng, CRYPTO).to_string(),
            "cur" => pick(rng, CURRENCIES).to_string(),
            "amt" => pick(rng, AMOUNTS).to_string(),
            "small" => pick(rng, SMALL).to_string(),
            "big" => pick(rng, BIG).to_string(),
            "pct" => pick(rng, PERCENTS).to_string(),
            "spins" => pick(rng, SPINS).to_string(),
            "w" => pick(rng, WAGERING).to_string(),
            "country" => pick(rng, COUNTRIES).to_string(),
            "region" => pick(rng, REGIONS).to_string(),
            "juris" => pick(rng, JURISDICTIONS).to_string(),
            "adj" => pick(rng, ADJECTIVES).to_string(),
            "sport" | "sport2" => pick(rng, SPORTS).to_string(),
            "team" => pick(rng, TEAMS).to_string(),
            "odds" => pick(rng, ODDS).to_string(),
            "year" => pick(rng, YEARS).to_string(),
            "month" => pick(rng, MONTHS).to_string(),
            "hours" => pick(rng, HOURS).to_string(),
            "count" => pick(rng, COUNTS).to_string(),
            "rating" => format!("4.{}", 3 + rng.below(7)),
            other => format!("{{{other}}}"),
        };
        out.push_str(&value);
        rest = &rest[open + close + 1..];
    }
    out.push_str(&words(rest));
    out
}

/// One line of English gambling spam: a promo line, a line of affiliate prose, or a run
/// of SEO keywords.
pub fn gambling_line(rng: &mut Rng) -> String {
    gambling_line_with(rng, &|text| text.to_string())
}

/// One line of gambling spam in made-up language `lang` (see [`unseen`]): an English line's
/// words swapped for made-up ones but the trade's loanwords ([`TRADE_WORDS`]), the brands,
/// games, amounts and currencies. The data's spam is Indonesian, English, Thai and Nordic; a
/// French or Vietnamese promo shares only these with it, and the stages learn to read them.
pub fn gambling_line_in(lang: &unseen::Language, rng: &mut Rng) -> String {
    gambling_line_with(rng, &|text| {
        lang.translate_except(text, |w| TRADE_WORDS.contains(&w))
    })
}

fn gambling_line_with(rng: &mut Rng, words: &dyn Fn(&str) -> String) -> String {
    match rng.below(10) {
        0..=4 => fill_with(pick(rng, PROMOS), rng, words),
        5..=8 => {
            let n = 1 + rng.below(4);
            let sentences: Vec<String> = (0..n)
                .map(|_| fill_with(pick(rng, SENTENCES), rng, words))
                .collect();
            sentences.join(" ")
        }
        _ => {
            let n = 3 + rng.below(5);
            let keywords: Vec<String> = (0..n).map(|_| words(pick(rng, KEYWORDS))).collect();
            let sep = [" | ", ", ", " - ", " "][rng.below(4)];
            keywords.join(sep)
        }
    }
}

/// `n` distinct lines of gambling spam in made-up languages, each line in a language of its
/// own ([`gambling_line_in`]), in Latin letters, Cyrillic or Greek.
pub fn unseen_gambling_lines(n: usize, rng: &mut Rng) -> Vec<(String, &'static str)> {
    distinct(n, rng, |rng| {
        let systems = unseen::LATIN_GREEK_CYRILLIC;
        let lang = unseen::Language::new(rng.below(systems), rng.next());
        (gambling_line_in(&lang, rng), "en")
    })
}

/// `n` distinct lines of English gambling spam.
pub fn gambling_lines(n: usize, rng: &mut Rng) -> Vec<(String, &'static str)> {
    distinct(n, rng, |rng| (gambling_line(rng), "en"))
}

/// `n` distinct lines of `line` (each with its language code).
pub(super) fn distinct(
    n: usize,
    rng: &mut Rng,
    mut line: impl FnMut(&mut Rng) -> (String, &'static str),
) -> Vec<(String, &'static str)> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    // The templates give far more than `n` distinct lines; the cap on tries only guards a
    // small template set.
    for _ in 0..n * 20 {
        if out.len() == n {
            break;
        }
        let line = line(rng);
        if seen.insert(line.0.clone()) {
            out.push(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slot_is_filled() {
        let mut rng = Rng(1);
        for t in PROMOS.iter().chain(SENTENCES) {
            let line = fill_with(t, &mut rng, &|text| text.to_string());
            assert!(!line.contains('{') && !line.contains('}'), "{t} -> {line}");
        }
    }

    #[test]
    fn unseen_language_lines_keep_the_trades_words_names_and_numbers_only() {
        let lang = unseen::Language::new(2, 9);
        let mut rng = Rng(4);
        let lines: Vec<String> = (0..200)
            .map(|_| gambling_line_in(&lang, &mut rng))
            .collect();
        let english = ["and", "with", "players", "get", "up", "to", "your", "our"];
        for line in &lines {
            for word in line.split(|c: char| !c.is_alphabetic()) {
                assert!(
                    !english.contains(&word.to_lowercase().as_str()),
                    "{word:?} in {line}"
                );
            }
        }
        let trade = |l: &&String| {
            l.to_lowercase()
                .split(|c: char| !c.is_alphabetic())
                .any(|w| TRADE_WORDS.contains(&w))
        };
        assert!(lines.iter().filter(trade).count() > 100, "{lines:?}");
        assert!(lines.iter().any(|l| BRANDS.iter().any(|b| l.contains(b))));
        let a = unseen_gambling_lines(100, &mut Rng(8));
        assert_eq!(a, unseen_gambling_lines(100, &mut Rng(8)));
        assert_eq!(
            a.iter().collect::<std::collections::HashSet<_>>().len(),
            100
        );
    }

    #[test]
    fn lines_are_distinct_varied_and_deterministic() {
        let a = gambling_lines(500, &mut Rng(3));
        let b = gambling_lines(500, &mut Rng(3));
        assert_eq!(a, b);
        assert_eq!(a.len(), 500);
        let set: std::collections::HashSet<_> = a.iter().collect();
        assert_eq!(set.len(), 500);
        let long = a.iter().filter(|l| l.0.split(' ').count() >= 20).count();
        let short = a.iter().filter(|l| l.0.split(' ').count() < 12).count();
        assert!(long > 100 && short > 100, "long {long}, short {short}");
    }
}
