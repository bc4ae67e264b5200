//! Gambling promos in the languages the web's gambling spam comes in and the data lacks,
//! generated from hand-written templates and word lists: Vietnamese, Chinese, Korean, Khmer,
//! Hindi, Portuguese, Spanish, Turkish, Russian, German, French and Polish.
//!
//! The data's gambling is Indonesian, English, Thai and Nordic. The made-up languages of
//! `synthetic.rs` teach the shape of a promo whose words are unknown; these teach the trade's
//! own words in each language (casino, bet, bonus, jackpot, deposit, withdrawal, "no block"
//! links) and its brands: letters then digits, in capitals ("NOHU88", "BET365VN"). They were
//! written for this project; no line is copied from a web source.

use super::synthetic::fill_slots;
use super::Rng;

const BRAND_STEMS: &[&str] = &[
    "WIN", "BET", "SLOT", "KING", "LUCKY", "VIP", "MAX", "NOHU", "JACK", "GOLD", "SPIN", "ROYAL",
    "MEGA", "STAR", "DRAGON", "TIGER", "FAST", "AUTO",
];
const BRAND_SUFFIXES: &[&str] = &["", "", "", "VN", "BR", "TR", "KH", "IN", "CLUB", "VIP"];

/// A brand as promos write them: a stem, digits, a country tag (`WIN88`, `BET365VN`).
fn brand(rng: &mut Rng) -> String {
    let digits = ["8", "88", "99", "168", "365", "777", "86", "24", "55", "9"][rng.below(10)];
    let stem = BRAND_STEMS[rng.below(BRAND_STEMS.len())];
    let suffix = BRAND_SUFFIXES[rng.below(BRAND_SUFFIXES.len())];
    match rng.below(4) {
        0 => format!("{stem}{digits}{suffix}").to_lowercase() + ".com",
        1 => format!("{}{}", &stem[..1], stem[1..].to_lowercase()) + digits,
        _ => format!("{stem}{digits}{suffix}"),
    }
}

/// Templates per language. `{brand}` a brand, `{pct}` a percentage, `{n}` a small number,
/// `{amt}` an amount in the language's way of writing money.
const TEMPLATES: &[(&str, &[&str])] = &[
    (
        "vi",
        &[
            "{brand} nhà cái uy tín hàng đầu, nạp lần đầu thưởng {pct}%, rút tiền nhanh trong {n} phút",
            "Chơi nổ hũ, bắn cá tại {brand}, tặng {amt} khi đăng ký tài khoản mới",
            "Đặt cược thể thao, xổ số, đá gà trực tiếp: đăng ký {brand} nhận ngay {amt}",
            "Tải app {brand} chơi tài xỉu, baccarat, slot đổi thưởng, hoàn trả {pct}% mỗi ngày",
        ],
    ),
    (
        "zh",
        &[
            "{brand}娱乐城 注册即送{amt} 首存加送{pct}% 百家乐 老虎机 体育投注",
            "最新{brand}官网入口 真人视讯 电子游艺 提款{n}分钟到账",
            "{brand}博彩平台 每日返水{pct}% 彩票 棋牌 捕鱼 全天候客服",
        ],
    ),
    (
        "ko",
        &[
            "{brand} 카지노 신규가입 첫충 {pct}% 보너스, 먹튀검증 완료 안전놀이터",
            "토토사이트 {brand} 스포츠 베팅 바카라 슬롯 {n}분 환전 보장",
            "{brand} 온라인 슬롯 무료 체험, 가입머니 {amt} 지급, 매일 페이백 {pct}%",
        ],
    ),
    (
        "km",
        &[
            "{brand} កាស៊ីណូអនឡាញ ចុះឈ្មោះថ្មី ទទួលបានប្រាក់រង្វាន់ {pct}% ដកប្រាក់រហ័ស",
            "ភ្នាល់បាល់ទាត់ ស្លុត បាការ៉ាត់ ជាមួយ {brand} ដាក់ប្រាក់តិចបំផុត {amt}",
        ],
    ),
    (
        "hi",
        &[
            "{brand} ऑनलाइन कैसीनो में रजिस्टर करें और पाएं {pct}% वेलकम बोनस, तुरंत निकासी",
            "क्रिकेट सट्टा, तीन पत्ती, रमी और स्लॉट खेलें {brand} पर, पहली जमा पर {amt} बोनस",
            "{brand} ऐप डाउनलोड करें: लाइव कैसीनो, स्पोर्ट्स बेटिंग, रोज़ाना {pct}% कैशबैक",
        ],
    ),
    (
        "pt",
        &[
            "{brand}: cassino online com {pct}% no primeiro depósito e giros extras todo dia",
            "Cadastre-se no {brand} e ganhe {amt} para jogar no Aviator, pagamento rápido",
            "Apostas esportivas, roleta ao vivo e caça-níqueis: deposite a partir de {amt} no {brand}",
            "Plataforma nova pagando muito! {brand} com cashback de {pct}% toda semana",
        ],
    ),
    (
        "es",
        &[
            "{brand} casino online: {pct}% extra en tu primer depósito y {n}0 tiradas gratis",
            "Regístrate en {brand} y recibe {amt} para tus apuestas deportivas, retiros en {n} minutos",
            "Tragamonedas, ruleta en vivo y póker: los mejores casinos online de {year} con {brand}",
        ],
    ),
    (
        "tr",
        &[
            "{brand} ile yatırımsız {amt} bonus, rulet, blackjack ve slot oyunları",
            "{brand} yeni adres: spor bahisleri, {pct}% ilk yatırım bonusu, hızlı para çekme",
            "Kaçak bahis siteleri arasında en güvenilir: {brand}, kayıp bonusu {pct}%",
        ],
    ),
    (
        "ru",
        &[
            "{brand} онлайн казино: бонус {pct}% на первый депозит и {n}0 фриспинов",
            "Рабочее зеркало {brand}: ставки на спорт, игровые автоматы, быстрый вывод за {n} минут",
            "Лучшие казино {year} года с бездепозитным бонусом {amt}: {brand} и другие",
        ],
    ),
    (
        "de",
        &[
            "{brand} Online Casino: {pct}% Willkommensbonus und {n}0 Freispiele für neue Spieler",
            "Wetten auf die Bundesliga und Spielautomaten bei {brand}, Mindesteinzahlung {amt}",
            "Die besten Online Casinos ohne Limit {year}: {brand} mit Echtgeld-Bonus",
        ],
    ),
    (
        "fr",
        &[
            "{brand} casino en ligne : {pct}% offerts sur votre premier dépôt et {n}0 free spins",
            "Pariez sur le football avec {brand}, retrait rapide en {n} minutes, dépôt minimum {amt}",
            "Machines à sous, roulette en direct, jackpot progressif : inscrivez-vous sur {brand}",
        ],
    ),
    (
        "pl",
        &[
            "{brand} kasyno online: bonus powitalny {pct}% i {n}0 darmowych spinów",
            "Zakłady bukmacherskie i automaty w {brand}, wypłata w {n} minut, depozyt od {amt}",
            "Najlepsze kasyna internetowe {year} z bonusem bez depozytu: {brand}",
        ],
    ),
];

/// Money as each language's promos write it.
fn amount(lang: &str, rng: &mut Rng) -> String {
    let n = [5, 10, 20, 50, 100, 150, 200, 500][rng.below(8)];
    match lang {
        "vi" => format!("{}K", n * 2),
        "zh" => format!("{}元", n * 10),
        "ko" => format!("{}만원", n / 5 + 1),
        "hi" => format!("₹{}", n * 10),
        "pt" => format!("R$ {n}"),
        "tr" => format!("{n}0 TL"),
        "ru" => format!("{n}00 ₽"),
        "pl" => format!("{n} zł"),
        "km" => format!("${n}"),
        _ => format!("{n} €"),
    }
}

/// One gambling promo in one of the languages of [`TEMPLATES`], and its language code.
pub fn promo_line(rng: &mut Rng) -> (String, &'static str) {
    let (lang, templates) = TEMPLATES[rng.below(TEMPLATES.len())];
    let template = templates[rng.below(templates.len())];
    let values = [
        ("{brand}", brand(rng)),
        (
            "{pct}",
            ["50", "100", "120", "150", "200"][rng.below(5)].to_string(),
        ),
        ("{n}", (1 + rng.below(9)).to_string()),
        ("{amt}", amount(lang, rng)),
        ("{year}", (2024 + rng.below(3)).to_string()),
    ];
    (fill_slots(template, &values), lang)
}

/// `n` distinct promos ([`promo_line`]).
pub fn promo_lines(n: usize, rng: &mut Rng) -> Vec<(String, &'static str)> {
    super::synthetic::distinct(n, rng, promo_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_comes_with_brands_and_no_slot_left() {
        let mut rng = Rng(2);
        let lines: Vec<(String, &str)> = (0..3000).map(|_| promo_line(&mut rng)).collect();
        assert!(lines.iter().all(|(l, _)| !l.contains('{')));
        for (lang, _) in TEMPLATES {
            assert!(
                lines.iter().filter(|(_, l)| l == lang).count() > 100,
                "{lang}"
            );
        }
        let branded = |l: &&(String, &str)| {
            l.0.split(|c: char| c.is_whitespace() || c == ':').any(|w| {
                w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(char::is_alphabetic)
            })
        };
        assert!(lines.iter().filter(branded).count() > 2500);
    }
}
