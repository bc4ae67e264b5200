//! Spam nobody has trained on, in languages the training data hardly has (issue 24): a news
//! article with gambling promos pasted in above, inside or below it, and the same article with a
//! priced product block, in Vietnamese, Thai, Portuguese, Spanish, Turkish, German and French.
//! Every page was written for this project (nothing is copied from the data or the web); the
//! brands, shops and people are made up.
//!
//! Every article line must be kept and labelled news, every promo line dropped and labelled
//! gambling, every product line dropped and labelled marketplace. The page's head (site name,
//! menu, headline, byline, date) and footer are context: their verdicts are shown, not judged.
//! Each page is judged alone, as `chaff filter` judges a plain text file.
//!
//! The model shipped at a8107d8 (2026-11-24, format 6, judged with the code of its commit)
//! passes none of the 14 model tests: lines right, on the promo pages / on the product pages
//! (news lines kept as news, spam dropped with its label):
//!
//! | language | news | gambling | news | marketplace |
//! |---|---|---|---|---|
//! | Vietnamese | 6/6 | 0/2 | 6/6 | 0/4 |
//! | Thai | 0/6 (other) | 3/3 | 6/6 | 0/4 |
//! | Portuguese | 6/6 | 0/1 | 6/6 | 0/5 |
//! | Spanish | 6/6 | 0/2 | 6/6 | 3/4 |
//! | Turkish | 5/5 | 1/2 | 5/5 | 0/5 |
//! | German | 5/6 | 3/3 | 6/6 | 2/4 |
//! | French | 6/6 | 1/2 | 6/6 | 1/5 |
//! | all | 34/41 | 8/15 | 41/41 | 6/31 |
//!
//! Most promos and product lines are kept as news. The model of format 10 (2026-12-07: words
//! of gambling and of shops in about twenty languages, sizes and units, and the rule for lines
//! of prices) gets them right far more often; the same table for it, seed 16:
//!
//! | language | news | gambling | news | marketplace |
//! |---|---|---|---|---|
//! | Vietnamese | 6/6 | 0/2 | 6/6 | 3/4 |
//! | Thai | 6/6 | 3/3 | 5/6 | 3/4 |
//! | Portuguese | 6/6 | 1/1 | 6/6 | 3/5 |
//! | Spanish | 6/6 | 2/2 | 6/6 | 4/4 |
//! | Turkish | 5/5 | 2/2 | 5/5 | 4/5 |
//! | German | 6/6 | 3/3 | 6/6 | 4/4 |
//! | French | 6/6 | 1/2 | 6/6 | 3/5 |
//! | all | 41/41 | 12/15 | 40/41 | 24/31 |
//!
//! The pages every one of the five seeds of its config gets right are tested always (German
//! products, Portuguese and Spanish promos); the others are ignored until a shipped model
//! passes them in every seed (`--ignored` runs them). The fixture's own test always runs. The
//! verdicts of every line, for any model file (without `CHAFF_MODEL`, the embedded model):
//!
//!     CHAFF_MODEL=path/to/model.chaff cargo test --release --all-features --test spam_languages \
//!         -- --include-ignored --nocapture

mod common;

use std::fmt::Write as _;

use common::{chaff, json_lines, model_args, path, stderr, stdout};

/// Where lines are pasted into an article.
#[derive(Clone, Copy, Debug, PartialEq)]
enum At {
    /// Between the menu and the headline.
    Top,
    /// Between the article's two middle lines.
    Middle,
    /// Below the article's last line, above the footer.
    Bottom,
}

/// A news page in one language, with the spam pasted into it.
struct Article {
    /// ISO 639-1 code.
    lang: &'static str,
    site: &'static str,
    menu: &'static str,
    headline: &'static str,
    byline: &'static str,
    date: &'static str,
    /// The article's lines.
    body: &'static [&'static str],
    footer: &'static str,
    /// Gambling promos and where each is pasted.
    promos: &'static [(At, &'static str)],
    /// A priced product block (title, price, price pair, list price...), pasted as one run.
    products: (At, &'static [&'static str]),
}

/// What a line of a page is, and what it must get.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    /// Site name, menu, headline, byline, date, footer: not judged.
    Head,
    /// Kept, labelled news.
    Line,
    /// Dropped, labelled gambling.
    Promo,
    /// Dropped, labelled marketplace.
    Product,
}

impl Role {
    /// The label the line must get, if it is judged.
    fn label(self) -> Option<&'static str> {
        match self {
            Role::Head => None,
            Role::Line => Some("news"),
            Role::Promo => Some("gambling"),
            Role::Product => Some("marketplace"),
        }
    }
}

/// The two kinds of spam a page carries.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Spam {
    Gambling,
    Marketplace,
}

impl Article {
    /// The page with its promos (`Spam::Gambling`) or its product block pasted in.
    fn page(&self, spam: Spam) -> Vec<(Role, &'static str)> {
        let pasted = |at: At| -> Vec<(Role, &'static str)> {
            match spam {
                Spam::Gambling => self
                    .promos
                    .iter()
                    .filter(|p| p.0 == at)
                    .map(|p| (Role::Promo, p.1))
                    .collect(),
                Spam::Marketplace if self.products.0 == at => self
                    .products
                    .1
                    .iter()
                    .map(|&t| (Role::Product, t))
                    .collect(),
                Spam::Marketplace => Vec::new(),
            }
        };
        let mut lines = vec![(Role::Head, self.site), (Role::Head, self.menu)];
        lines.extend(pasted(At::Top));
        lines.extend([
            (Role::Head, self.headline),
            (Role::Head, self.byline),
            (Role::Head, self.date),
        ]);
        let middle = self.body.len() / 2;
        for (i, &p) in self.body.iter().enumerate() {
            if i == middle {
                lines.extend(pasted(At::Middle));
            }
            lines.push((Role::Line, p));
        }
        lines.extend(pasted(At::Bottom));
        lines.push((Role::Head, self.footer));
        lines
    }
}

const VIETNAMESE: Article = Article {
    lang: "vi",
    site: "Báo Tin Tức Sông Hàn",
    menu: "Trang chủ | Thời sự | Kinh tế | Xã hội | Thể thao | Giải trí",
    headline: "Đà Nẵng mở thêm ba tuyến xe buýt nối sân bay với các khu dân cư",
    byline: "Nguyễn Thu Hà",
    date: "Thứ Ba, 11/03/2025 - 08:45",
    body: &[
        "Từ đầu tháng tư, thành phố Đà Nẵng sẽ đưa vào khai thác ba tuyến xe buýt mới nối sân bay quốc tế với các quận Liên Chiểu, Hòa Vang và Ngũ Hành Sơn, theo quyết định vừa được Ủy ban nhân dân thành phố ban hành.",
        "Theo Sở Giao thông vận tải, mỗi tuyến sẽ có từ mười đến mười hai xe chạy bằng điện, với tần suất khoảng mười lăm phút một chuyến vào giờ cao điểm và hai mươi phút vào các giờ còn lại.",
        "Giá vé lượt được giữ ở mức bảy nghìn đồng, bằng các tuyến hiện có, trong khi học sinh, sinh viên và người trên sáu mươi tuổi được giảm một nửa khi mua vé tháng.",
        "Ông Trần Văn Minh, phó giám đốc sở, cho biết các tuyến mới được thiết kế sau khi khảo sát hơn ba nghìn hộ dân trong năm ngoái, phần lớn cho rằng việc đi lại từ ngoại thành vào trung tâm còn nhiều khó khăn.",
        "Một số người dân ở phường Hòa Khánh Bắc vui mừng nhưng cũng lo ngại rằng các điểm dừng đặt quá xa khu nhà ở, nhất là vào mùa mưa khi nhiều tuyến đường thường xuyên bị ngập.",
        "Thành phố dự kiến đánh giá lại lộ trình sau sáu tháng vận hành và có thể điều chỉnh vị trí các điểm dừng dựa trên số liệu hành khách thực tế.",
    ],
    footer: "© 2025 Báo Tin Tức Sông Hàn. Giấy phép số 123/GP-BTTTT.",
    promos: &[
        (At::Top, "NOHU88 - cổng game nổ hũ uy tín số 1, tặng ngay 88K cho tân thủ, link vào không bị chặn"),
        (At::Middle, "Nhà cái BET365VN thưởng nạp đầu 150% lên đến 5 triệu, cá cược bóng đá, casino trực tuyến, rút tiền siêu tốc 24/7"),
    ],
    products: (
        At::Bottom,
        &[
            "Nồi chiên không dầu Lumix 5,5 lít 1700W, lòng nồi chống dính, màu đen",
            "1.290.000₫",
            "1.590.000₫ 1.290.000₫ -19%",
            "Giá niêm yết: 1.890.000₫",
        ],
    ),
};

const THAI: Article = Article {
    lang: "th",
    site: "ข่าวเช้าเชียงใหม่",
    menu: "หน้าแรก | ข่าว | เศรษฐกิจ | กีฬา | บันเทิง | ติดต่อเรา",
    headline: "เชียงใหม่เปิดสถานีตรวจวัดฝุ่นเพิ่มอีกยี่สิบจุดก่อนฤดูเผาป่า",
    byline: "โดย สมชาย ใจดี",
    date: "วันจันทร์ที่ 10 มีนาคม 2568 เวลา 09:30 น.",
    body: &[
        "จังหวัดเชียงใหม่ได้ติดตั้งสถานีตรวจวัดคุณภาพอากาศเพิ่มอีกยี่สิบจุดในอำเภอรอบนอก เพื่อให้ประชาชนสามารถติดตามค่าฝุ่นละอองขนาดเล็กได้ทันเวลาก่อนเข้าสู่ช่วงฤดูเผาป่า",
        "เจ้าหน้าที่สำนักงานสิ่งแวดล้อมระบุว่า สถานีใหม่จะส่งข้อมูลทุกสิบห้านาทีไปยังแอปพลิเคชันของจังหวัด และจะแจ้งเตือนโรงเรียนในพื้นที่เมื่อค่าฝุ่นเกินมาตรฐาน",
        "ในปีที่ผ่านมา ค่าฝุ่นในหลายอำเภอสูงเกินเกณฑ์ติดต่อกันหลายสัปดาห์ ทำให้ผู้ป่วยโรคทางเดินหายใจที่เข้ารับการรักษาในโรงพยาบาลเพิ่มขึ้นเกือบหนึ่งเท่าตัว",
        "นายแพทย์ประสิทธิ์ วงศ์คำ ผู้อำนวยการโรงพยาบาลประจำจังหวัด กล่าวว่าข้อมูลที่ละเอียดขึ้นจะช่วยให้แพทย์เตรียมรับมือกับผู้ป่วยได้ดีกว่าเดิม",
        "อย่างไรก็ตาม ชาวบ้านในอำเภอแม่แจ่มบางส่วนเห็นว่าการตรวจวัดเพียงอย่างเดียวไม่เพียงพอ และเรียกร้องให้ภาครัฐสนับสนุนเกษตรกรให้เลิกเผาเศษวัสดุทางการเกษตร",
        "จังหวัดมีแผนจะประเมินผลโครงการหลังสิ้นสุดฤดูแล้ง และอาจขยายเครือข่ายสถานีไปยังจังหวัดใกล้เคียงในปีหน้า",
    ],
    footer: "© 2568 ข่าวเช้าเชียงใหม่ สงวนลิขสิทธิ์",
    promos: &[
        (At::Top, "สล็อตเว็บตรง PGSLOT888 ฝาก-ถอน ไม่มีขั้นต่ำ แตกง่าย แจกเครดิตฟรี 100 สมัครเลย"),
        (At::Middle, "UFABET168 แทงบอลออนไลน์ ค่าน้ำดีที่สุด โบนัสสมาชิกใหม่ 50% ทางเข้าล่าสุด"),
        (At::Bottom, "บาคาร่าออนไลน์ คาสิโนสด SAGAME66 เว็บตรงไม่ผ่านเอเย่นต์ ถอนได้ไม่อั้น 24 ชั่วโมง"),
    ],
    products: (
        At::Middle,
        &[
            "หม้อหุงข้าวไฟฟ้า ขนาด 1.8 ลิตร 700 วัตต์ เคลือบเทฟลอน",
            "฿1,290",
            "฿1,590 ฿1,290",
            "ราคาปกติ: ฿1,890",
        ],
    ),
};

const PORTUGUESE: Article = Article {
    lang: "pt",
    site: "Jornal do Vale",
    menu: "Início | Política | Economia | Cidades | Esportes | Cultura",
    headline: "Prefeitura de Campinas amplia horário das bibliotecas de bairro",
    byline: "Por Mariana Souza",
    date: "12/03/2025 às 14h20 - Atualizado há 2 horas",
    body: &[
        "A Prefeitura de Campinas anunciou nesta quarta-feira que as doze bibliotecas de bairro da cidade passarão a funcionar também aos sábados e até as 21h nos dias úteis, a partir do próximo mês.",
        "Segundo a Secretaria de Cultura, a mudança atende a um pedido antigo de estudantes e trabalhadores que não conseguiam frequentar os espaços durante o horário comercial.",
        "Para cobrir os novos turnos, o município vai contratar trinta e cinco servidores temporários e remanejar parte da equipe que hoje atua na biblioteca central.",
        "A secretária Helena Martins afirmou que o custo anual da ampliação, estimado em 4,2 milhões de reais, será coberto por recursos do fundo municipal de cultura.",
        "Moradores do Jardim Florence, onde a biblioteca local recebe cerca de quatrocentas pessoas por semana, disseram que a medida chega em boa hora, mas pediram mais computadores e acesso à internet.",
        "A prefeitura promete divulgar em junho um balanço do número de visitantes e avaliar se o modelo pode ser estendido aos centros culturais.",
    ],
    footer: "© 2025 Jornal do Vale. Todos os direitos reservados.",
    promos: &[(
        At::Middle,
        "Cassino online BETVIP777: bônus de boas-vindas de 200% + 50 rodadas grátis no Fortune Tiger, saque via Pix na hora",
    )],
    products: (
        At::Middle,
        &[
            "Fritadeira Elétrica Air Fryer Fritamax 4 Litros 1500W Preta 127V",
            "R$ 349,90",
            "De R$ 499,90 por R$ 349,90",
            "Preço de tabela: R$ 529,00",
            "ou 10x de R$ 34,99 sem juros",
        ],
    ),
};

const SPANISH: Article = Article {
    lang: "es",
    site: "Diario del Sur",
    menu: "Portada | Nacional | Internacional | Economía | Deportes | Opinión",
    headline: "Sevilla plantará diez mil árboles para combatir el calor en los barrios",
    byline: "Por Lucía Fernández",
    date: "Sevilla, 14 de marzo de 2025 - 10:05 CET",
    body: &[
        "El Ayuntamiento de Sevilla plantará diez mil árboles durante los próximos dos años en los barrios con menos sombra de la ciudad, según el plan presentado este jueves por el área de Medio Ambiente.",
        "La medida se concentrará en distritos como Cerro-Amate y Torreblanca, donde la temperatura del asfalto superó los sesenta grados en varias jornadas del pasado verano.",
        "El concejal responsable, Andrés Molina, explicó que se elegirán especies autóctonas que necesitan poca agua, como el algarrobo y el acebuche, para reducir el gasto de riego.",
        "Las asociaciones vecinales celebraron el anuncio, aunque recordaron que muchos alcorques vacíos llevan años esperando y pidieron un calendario detallado por calles.",
        "El proyecto costará unos 6,5 millones de euros, de los que una parte procederá de fondos europeos destinados a la adaptación al cambio climático.",
        "Los primeros trabajos comenzarán en otoño, cuando las lluvias facilitan que los árboles jóvenes arraiguen antes de su primer verano.",
    ],
    footer: "© 2025 Diario del Sur - Aviso legal - Política de privacidad",
    promos: &[
        (At::Top, "APUESTAS1X: apuesta en LaLiga con cuota mejorada, bono de bienvenida del 100% hasta 200€ y giros gratis"),
        (At::Bottom, "Tragaperras online en CASINOREY99, link alternativo sin bloqueo, retira tus ganancias al instante"),
    ],
    products: (
        At::Bottom,
        &[
            "Ventilador de pie Brisalia EnergyCalm 40 cm, 50 W, 3 velocidades",
            "39,90 €",
            "59,90 € 39,90 €",
            "PVP recomendado: 64,99 €",
        ],
    ),
};

const TURKISH: Article = Article {
    lang: "tr",
    site: "Ege Haber",
    menu: "Ana Sayfa | Gündem | Ekonomi | Spor | Yaşam | Yazarlar",
    headline: "İzmir'de yeni tramvay hattı için ilk raylar döşendi",
    byline: "Ayşe Yılmaz",
    date: "15.03.2025 11:40 | Güncelleme: 15.03.2025 13:05",
    body: &[
        "İzmir Büyükşehir Belediyesi, Buca ile Konak arasında yapımı süren yeni tramvay hattının ilk raylarını cumartesi sabahı düzenlenen törenle döşedi.",
        "Yaklaşık on bir kilometre uzunluğundaki hattın on dört durağı olacak ve yolculuk süresinin otobüse göre yarı yarıya kısalması bekleniyor.",
        "Proje müdürü Mehmet Demir, çalışmaların trafik akışını en az etkileyecek şekilde gece saatlerinde yoğunlaştırıldığını ve okul bölgelerinde ek önlemler alındığını söyledi.",
        "Hat üzerindeki esnaf ise aylardır süren kazı çalışmaları nedeniyle müşteri kaybettiklerini belirterek belediyeden vergi ve kira desteği talep etti.",
        "Belediye, hattın 2026 yılının sonbaharında hizmete girmesini ve günde yaklaşık seksen bin yolcu taşımasını hedefliyor.",
    ],
    footer: "© 2025 Ege Haber - Tüm hakları saklıdır.",
    promos: &[
        (At::Middle, "Deneme bonusu veren siteler: KACAKBET90 üyelik bonusu 500 TL, güncel giriş adresi burada"),
        (At::Bottom, "Canlı casino ve slot oyunlarında %100 yatırım bonusu, MAXWIN88 yeni giriş linki ile hemen kazan"),
    ],
    products: (
        At::Middle,
        &[
            "Demlik Çay Makinesi 1,7 Litre 1650 W Paslanmaz Çelik",
            "1.249,90 TL",
            "1.599,00 TL 1.249,90 TL",
            "Liste fiyatı: 1.799,00 TL",
            "Kargo bedava, 3 taksit",
        ],
    ),
};

const GERMAN: Article = Article {
    lang: "de",
    site: "Weser-Tageblatt Online",
    menu: "Startseite | Politik | Wirtschaft | Lokales | Sport | Kultur",
    headline: "Bremen verlängert Öffnungszeiten der Stadtteilbäder",
    byline: "Von Jonas Becker",
    date: "Veröffentlicht am 16.03.2025, 07:15 Uhr",
    body: &[
        "Die Stadt Bremen will ihre fünf Stadtteilbäder ab Mai an drei Abenden pro Woche bis 22 Uhr öffnen, wie die Bäderverwaltung am Freitag mitteilte.",
        "Damit reagiert die Verwaltung auf Beschwerden von Vereinen und Berufstätigen, die nach der Arbeit kaum noch freie Bahnen finden.",
        "Für die längeren Schichten werden zwölf zusätzliche Rettungsschwimmer eingestellt; die Kosten von rund 800.000 Euro im Jahr trägt zunächst der städtische Haushalt.",
        "Der Sportausschuss hatte die Pläne bereits im Winter gebilligt, allerdings mit der Auflage, dass die Eintrittspreise für Kinder und Jugendliche nicht steigen.",
        "Schwimmvereine begrüßten die Entscheidung, forderten aber zugleich, die seit Jahren geschlossene Halle in Vegesack endlich zu sanieren.",
        "Ob das Angebot dauerhaft bleibt, soll nach einer Auswertung der Besucherzahlen im Herbst entschieden werden.",
    ],
    footer: "© 2025 Weser-Tageblatt Online | Impressum | Datenschutz",
    promos: &[
        (At::Top, "Online Casino SPIELBANK24: 100 Freispiele ohne Einzahlung, Bonus bis 500 € – jetzt registrieren"),
        (At::Middle, "Sportwetten bei WETTKOENIG77 mit Quotenboost und 100 % Einzahlungsbonus, schnelle Auszahlung per PayPal"),
        (At::Bottom, "Neue Slots, Live-Roulette und tägliche Jackpots: JACKPOTCITY88 Alternativlink ohne Sperre"),
    ],
    products: (
        At::Bottom,
        &[
            "Wasserkocher Lono 1,7 l, 2400 W, Edelstahl",
            "49,99 €",
            "79,99 € 49,99 €",
            "UVP: 89,99 €",
        ],
    ),
};

const FRENCH: Article = Article {
    lang: "fr",
    site: "La Gazette du Littoral",
    menu: "Accueil | Politique | Économie | Société | Sports | Culture",
    headline: "Nantes ouvre une maison de santé dans le quartier de Bellevue",
    byline: "Par Claire Dubois",
    date: "Publié le 17 mars 2025 à 18h02, mis à jour à 19h30",
    body: &[
        "Une maison de santé regroupant huit médecins généralistes, deux infirmières et un kinésithérapeute a ouvert ses portes lundi dans le quartier de Bellevue, à Nantes.",
        "Le quartier comptait jusqu'ici un seul médecin pour près de neuf mille habitants, et de nombreuses familles devaient se rendre aux urgences pour des soins courants.",
        "La ville a financé la rénovation du bâtiment, un ancien bureau de poste, pour un montant de 1,8 million d'euros, avec le soutien de l'agence régionale de santé.",
        "« Nous voulions que les patients puissent obtenir un rendez-vous dans la semaine », explique le docteur Karim Benali, qui coordonne l'équipe.",
        "Les premiers jours, la salle d'attente ne désemplissait pas, et le secrétariat indique avoir déjà enregistré plus de six cents nouveaux dossiers.",
        "La municipalité envisage d'ouvrir deux autres structures de ce type d'ici 2027, dans les quartiers nord de la ville.",
    ],
    footer: "© 2025 La Gazette du Littoral - Mentions légales",
    promos: &[
        (At::Top, "Casino en ligne ROYALSPIN777 : 200 tours gratuits et bonus de bienvenue jusqu'à 1000 €, inscription en 2 minutes"),
        (At::Middle, "Paris sportifs sur PARIGAGNANT : 100 € de bonus sur votre premier pari, cotes boostées sur la Ligue 1"),
    ],
    products: (
        At::Middle,
        &[
            "Machine à café à grain Cafino Expresso 1,8 L, 1450 W, noir",
            "299,99 €",
            "399,99 € 299,99 €",
            "Prix conseillé : 429,00 €",
            "Livraison gratuite dès demain",
        ],
    ),
};

const ARTICLES: [&Article; 7] = [
    &VIETNAMESE,
    &THAI,
    &PORTUGUESE,
    &SPANISH,
    &TURKISH,
    &GERMAN,
    &FRENCH,
];

/// The model's verdict on one judged line.
struct Judged {
    role: Role,
    text: &'static str,
    label: String,
    p_news: f64,
    kept: bool,
}

impl Judged {
    /// An article line kept as news, a spam line dropped with its own label (head lines: always).
    fn is_right(&self) -> bool {
        match self.role.label() {
            None => true,
            Some(want) => self.label == want && self.kept == (self.role == Role::Line),
        }
    }
}

/// `chaff filter --format jsonl` on the page, its verdicts in page order.
fn judge(article: &Article, spam: Spam) -> Vec<Judged> {
    let page = article.page(spam);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("{}-{spam:?}.txt", article.lang));
    let text: Vec<&str> = page.iter().map(|l| l.1).collect();
    std::fs::write(&file, text.join("\n") + "\n").unwrap();
    let mut args: Vec<String> = vec!["filter".into(), "--format".into(), "jsonl".into()];
    args.extend(model_args());
    args.push(path(&file).into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = chaff(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = json_lines(&stdout(&out));
    assert_eq!(recs.len(), page.len(), "one verdict per line");
    page.iter()
        .zip(&recs)
        .enumerate()
        .map(|(i, (&(role, text), r))| {
            assert_eq!(r["line"].as_u64(), Some(i as u64 + 1), "{r}");
            Judged {
                role,
                text,
                label: r["label"].as_str().unwrap().to_string(),
                p_news: r["probs"]["news"].as_f64().unwrap(),
                kept: r["kept"].as_bool().unwrap(),
            }
        })
        .collect()
}

/// Judges the article's page with `spam` in it, prints how many lines of each role are right
/// and every line's verdict, and fails naming every wrong line.
fn check(article: &Article, spam: Spam) {
    let judged = judge(article, spam);
    let mut summary = format!("{} {spam:?}:", article.lang);
    for role in [Role::Line, Role::Promo, Role::Product] {
        let of_role: Vec<&Judged> = judged.iter().filter(|j| j.role == role).collect();
        if !of_role.is_empty() {
            let right = of_role.iter().filter(|j| j.is_right()).count();
            let _ = write!(
                summary,
                " {} {right}/{}",
                role.label().unwrap_or(""),
                of_role.len()
            );
        }
    }
    println!("{summary}");
    let mut wrong = String::new();
    for (n, j) in judged.iter().enumerate() {
        let mark = if j.role == Role::Head {
            "  "
        } else if j.is_right() {
            "ok"
        } else {
            "!!"
        };
        let verdict = format!(
            "{mark} line {:>2} {:<11} -> {:<11} {} P(news) {:.3}: {}",
            n + 1,
            j.role.label().unwrap_or("(head)"),
            j.label,
            if j.kept { "kept   " } else { "dropped" },
            j.p_news,
            j.text
        );
        println!("  {verdict}");
        if !j.is_right() {
            let _ = writeln!(wrong, "{verdict}");
        }
    }
    assert!(
        wrong.is_empty(),
        "{summary}\nwrong lines (role's label -> verdict's label):\n{wrong}"
    );
}

/// The pages are what the tests say: seven languages besides English and Indonesian, each
/// article of 5-8 lines with 1-3 promos and a product block of 3-6 lines carrying prices.
#[test]
fn fixture_pages_hold_news_and_spam_in_six_or_more_languages() {
    let mut langs: Vec<&str> = ARTICLES.iter().map(|a| a.lang).collect();
    langs.sort_unstable();
    langs.dedup();
    assert_eq!(langs.len(), ARTICLES.len(), "one article per language");
    assert!(langs.len() >= 6, "{langs:?}");
    assert!(
        !langs.contains(&"en") && !langs.contains(&"id"),
        "{langs:?}"
    );
    let mut seen = std::collections::HashSet::new();
    for a in ARTICLES {
        assert!((5..=8).contains(&a.body.len()), "{}", a.lang);
        assert!((1..=3).contains(&a.promos.len()), "{}", a.lang);
        assert!((3..=6).contains(&a.products.1.len()), "{}", a.lang);
        // A price is digits with a currency sign or code on the product lines.
        let priced = a.products.1.iter().filter(|l| {
            l.chars().any(|c| c.is_ascii_digit())
                && ["₫", "฿", "R$", "€", "TL"].iter().any(|c| l.contains(c))
        });
        assert!(
            priced.count() >= 3,
            "{}: prices in the product block",
            a.lang
        );
        for spam in [Spam::Gambling, Spam::Marketplace] {
            let page = a.page(spam);
            let count = |role| page.iter().filter(|l| l.0 == role).count();
            assert_eq!(count(Role::Line), a.body.len(), "{}", a.lang);
            let (promos, products) = (count(Role::Promo), count(Role::Product));
            match spam {
                Spam::Gambling => assert_eq!((promos, products), (a.promos.len(), 0)),
                Spam::Marketplace => assert_eq!((promos, products), (0, a.products.1.len())),
            }
            // The spam is inside the page, never its first or last line.
            assert_eq!(page[0].0, Role::Head);
            assert_eq!(page[page.len() - 1].0, Role::Head);
        }
        for line in a.body.iter().chain(a.products.1) {
            assert!(seen.insert(*line), "{}: {line} twice", a.lang);
        }
        for (_, line) in a.promos {
            assert!(seen.insert(*line), "{}: {line} twice", a.lang);
            assert!(!line.contains('\n'));
        }
    }
    // Every place a promo can go is used somewhere.
    for at in [At::Top, At::Middle, At::Bottom] {
        assert!(ARTICLES.iter().any(|a| a.promos.iter().any(|p| p.0 == at)));
    }
}

/// The tests of the model on each page: those a shipped model passes, and those it does not
/// pass yet (ignored, so that the suite stays green until a model reaches the bar).
macro_rules! judged {
    (
        passing { $($name:ident: $article:ident, $spam:ident;)* }
        ignored { $($iname:ident: $iarticle:ident, $ispam:ident;)* }
    ) => {
        $(
            #[test]
            fn $name() {
                check(&$article, Spam::$spam);
            }
        )*
        $(
            #[test]
            #[ignore = "the bar of issue 24, which the shipped model does not reach yet: run with --ignored"]
            fn $iname() {
                check(&$iarticle, Spam::$ispam);
            }
        )*
    };
}

judged! {
    passing {
        portuguese_promos_are_dropped_as_gambling: PORTUGUESE, Gambling;
        spanish_promos_are_dropped_as_gambling: SPANISH, Gambling;
        german_products_are_dropped_as_marketplace: GERMAN, Marketplace;
    }
    ignored {
        vietnamese_promos_are_dropped_as_gambling: VIETNAMESE, Gambling;
        vietnamese_products_are_dropped_as_marketplace: VIETNAMESE, Marketplace;
        thai_promos_are_dropped_as_gambling: THAI, Gambling;
        thai_products_are_dropped_as_marketplace: THAI, Marketplace;
        portuguese_products_are_dropped_as_marketplace: PORTUGUESE, Marketplace;
        spanish_products_are_dropped_as_marketplace: SPANISH, Marketplace;
        turkish_promos_are_dropped_as_gambling: TURKISH, Gambling;
        turkish_products_are_dropped_as_marketplace: TURKISH, Marketplace;
        german_promos_are_dropped_as_gambling: GERMAN, Gambling;
        french_promos_are_dropped_as_gambling: FRENCH, Gambling;
        french_products_are_dropped_as_marketplace: FRENCH, Marketplace;
    }
}
