//! Hand-written word lists for the line statistics: the words of the gambling trade and of shops
//! in many languages, units of measure, and the function words of prose. The n-grams know only
//! the words of the training data, which is mostly English; promos, listings and articles come
//! in every language, and these lists let a line be read for what it is when none of its words
//! was ever seen.
//!
//! Every list is lower case. Words of spaced scripts are matched whole ([`find`]); scripts
//! written without spaces between words (Thai, Chinese, Japanese, Korean with its attached
//! particles, Khmer) are searched for inside the line ([`unspaced`]).

/// What a word of the lists is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A word of gambling: casino, slot, betting, bonus, free spins.
    Gambling,
    /// A word of shops: cart, shipping, installments, list price abbreviations.
    Shop,
    /// A unit of measure, after a number or attached to it: "1,7 l", "2400 W", "128GB".
    Unit,
    /// A function word of prose (the, und, que, và, и, και, के, في): sentences are full of
    /// them, menus, bylines and listings hold few. English alone would make prose in other
    /// languages look like furniture.
    Function,
}

/// The longest ASCII word of the lists, in bytes: longer words are not looked up.
pub(super) const MAX_ASCII: usize = 18;

/// The words, lower case, sorted by their bytes and each once (the test
/// `the_list_is_sorted_and_lower_case` keeps it so), looked up in [`SLOTS`]:
/// - gambling, in the languages of Europe, the Americas, Indonesia and Africa and in Cyrillic,
///   Greek, Hebrew, Arabic and Devanagari; words news uses in other senses ("odds", "lottery",
///   "bandar", "paris") are left out;
/// - shops: the cart, shipping, installments and the abbreviations of list prices;
/// - units of volume, power, mass, length, storage and counts of pieces; units of news'
///   quantities (m, km, years, people) are left out;
/// - function words: the commonest articles, prepositions, conjunctions, pronouns and
///   auxiliaries of about twenty-five languages written with spaces. Words that are also
///   common English nouns ("war", "son", "door", "care") and single letters that are units
///   ("w", "v") are left out.
const WORDS: [(&[u8], Kind); 644] = [
    (b"a", Kind::Function),
    (b"aan", Kind::Function),
    (b"aber", Kind::Function),
    (b"about", Kind::Function),
    (b"af", Kind::Function),
    (b"after", Kind::Function),
    (b"akan", Kind::Function),
    (b"al", Kind::Function),
    (b"ale", Kind::Function),
    (b"ali", Kind::Function),
    (b"alla", Kind::Function),
    (b"am", Kind::Function),
    (b"ama", Kind::Function),
    (b"an", Kind::Function),
    (b"anche", Kind::Function),
    (b"and", Kind::Function),
    (b"ao", Kind::Function),
    (b"aposta", Kind::Gambling),
    (b"apostas", Kind::Gambling),
    (b"apuesta", Kind::Gambling),
    (b"apuestas", Kind::Gambling),
    (b"are", Kind::Function),
    (b"as", Kind::Function),
    (b"at", Kind::Function),
    (b"att", Kind::Function),
    (b"au", Kind::Function),
    (b"auch", Kind::Function),
    (b"auf", Kind::Function),
    (b"aus", Kind::Function),
    (b"aux", Kind::Function),
    (b"av", Kind::Function),
    (b"avec", Kind::Function),
    (b"az", Kind::Function),
    (b"baccarat", Kind::Gambling),
    (b"bahis", Kind::Gambling),
    (b"bakara", Kind::Gambling),
    (b"be", Kind::Function),
    (b"been", Kind::Function),
    (b"bei", Kind::Function),
    (b"bestseller", Kind::Shop),
    (b"bestsellers", Kind::Shop),
    (b"betting", Kind::Gambling),
    (b"bezorging", Kind::Shop),
    (b"bir", Kind::Function),
    (b"blackjack", Kind::Gambling),
    (b"bono", Kind::Gambling),
    (b"bonos", Kind::Gambling),
    (b"bonus", Kind::Gambling),
    (b"bonuses", Kind::Gambling),
    (b"bonusu", Kind::Gambling),
    (b"bookmaker", Kind::Gambling),
    (b"bookmakers", Kind::Gambling),
    (b"bu", Kind::Function),
    (b"buchmacher", Kind::Gambling),
    (b"bukmacher", Kind::Gambling),
    (b"but", Kind::Function),
    (b"by", Kind::Function),
    (b"byl", Kind::Function),
    ("bônus".as_bytes(), Kind::Gambling),
    (b"can", Kind::Function),
    (b"carrello", Kind::Shop),
    (b"carrinho", Kind::Shop),
    (b"carrito", Kind::Shop),
    (b"cart", Kind::Shop),
    (b"casino", Kind::Gambling),
    (b"casinos", Kind::Gambling),
    ("casinò".as_bytes(), Kind::Gambling),
    (b"cassino", Kind::Gambling),
    (b"cassinos", Kind::Gambling),
    (b"cazino", Kind::Gambling),
    (b"ce", Kind::Function),
    (b"ces", Kind::Function),
    (b"cette", Kind::Function),
    (b"che", Kind::Function),
    (b"checkout", Kind::Shop),
    (b"cho", Kind::Function),
    (b"cicilan", Kind::Shop),
    (b"cl", Kind::Unit),
    (b"cm", Kind::Unit),
    (b"co", Kind::Function),
    (b"como", Kind::Function),
    (b"con", Kind::Function),
    (b"could", Kind::Function),
    (b"cu", Kind::Function),
    (b"czy", Kind::Function),
    ("các".as_bytes(), Kind::Function),
    ("có".as_bytes(), Kind::Function),
    ("cũng".as_bytes(), Kind::Function),
    ("cược".as_bytes(), Kind::Gambling),
    ("của".as_bytes(), Kind::Function),
    (b"da", Kind::Function),
    (b"daha", Kind::Function),
    (b"dan", Kind::Function),
    (b"dans", Kind::Function),
    (b"dari", Kind::Function),
    (b"das", Kind::Function),
    (b"dass", Kind::Function),
    (b"dat", Kind::Function),
    (b"de", Kind::Function),
    (b"dei", Kind::Function),
    (b"del", Kind::Function),
    (b"della", Kind::Function),
    (b"delle", Kind::Function),
    (b"dem", Kind::Function),
    (b"den", Kind::Function),
    (b"dengan", Kind::Function),
    (b"depo", Kind::Gambling),
    (b"der", Kind::Function),
    (b"des", Kind::Function),
    (b"det", Kind::Function),
    (b"di", Kind::Function),
    (b"die", Kind::Function),
    (b"din", Kind::Function),
    (b"dl", Kind::Unit),
    (b"dla", Kind::Function),
    (b"do", Kind::Function),
    (b"dos", Kind::Function),
    (b"du", Kind::Function),
    (b"e", Kind::Function),
    (b"een", Kind::Function),
    (b"egy", Kind::Function),
    (b"ei", Kind::Function),
    (b"ein", Kind::Function),
    (b"eine", Kind::Function),
    (b"einem", Kind::Function),
    (b"einen", Kind::Function),
    (b"einer", Kind::Function),
    (b"el", Kind::Function),
    (b"elle", Kind::Function),
    (b"em", Kind::Function),
    (b"en", Kind::Function),
    (b"envio", Kind::Shop),
    ("envío".as_bytes(), Kind::Shop),
    (b"er", Kind::Function),
    (b"es", Kind::Function),
    (b"est", Kind::Function),
    (b"esta", Kind::Function),
    (b"este", Kind::Function),
    ("está".as_bytes(), Kind::Function),
    (b"et", Kind::Function),
    (b"ett", Kind::Function),
    ("että".as_bytes(), Kind::Function),
    (b"ez", Kind::Function),
    (b"fl", Kind::Unit),
    ("fogadás".as_bytes(), Kind::Gambling),
    (b"foi", Kind::Function),
    (b"for", Kind::Function),
    (b"fost", Kind::Function),
    (b"freeship", Kind::Shop),
    (b"freespin", Kind::Gambling),
    (b"freespins", Kind::Gambling),
    (b"freispiele", Kind::Gambling),
    (b"frete", Kind::Shop),
    (b"from", Kind::Function),
    (b"fue", Kind::Function),
    ("för".as_bytes(), Kind::Function),
    ("für".as_bytes(), Kind::Function),
    (b"g", Kind::Unit),
    (b"gacor", Kind::Gambling),
    (b"gb", Kind::Unit),
    (b"ghz", Kind::Unit),
    (b"gibi", Kind::Function),
    (b"giros", Kind::Gambling),
    ("giỏ".as_bytes(), Kind::Shop),
    (b"gli", Kind::Function),
    (b"gokken", Kind::Gambling),
    (b"gr", Kind::Unit),
    (b"ha", Kind::Function),
    (b"had", Kind::Function),
    (b"han", Kind::Function),
    (b"har", Kind::Function),
    (b"has", Kind::Function),
    (b"have", Kind::Function),
    (b"he", Kind::Function),
    (b"her", Kind::Function),
    (b"het", Kind::Function),
    (b"his", Kind::Function),
    (b"hogy", Kind::Function),
    (b"hz", Kind::Unit),
    (b"i", Kind::Function),
    (b"ich", Kind::Function),
    (b"iddaa", Kind::Gambling),
    (b"ikke", Kind::Function),
    (b"il", Kind::Function),
    (b"ile", Kind::Function),
    (b"ils", Kind::Function),
    (b"im", Kind::Function),
    (b"in", Kind::Function),
    (b"inch", Kind::Unit),
    (b"inches", Kind::Unit),
    (b"ini", Kind::Function),
    (b"inte", Kind::Function),
    (b"into", Kind::Function),
    (b"is", Kind::Function),
    (b"ist", Kind::Function),
    (b"it", Kind::Function),
    (b"its", Kind::Function),
    (b"itu", Kind::Function),
    ("için".as_bytes(), Kind::Function),
    (b"ja", Kind::Function),
    (b"jackpot", Kind::Gambling),
    (b"jackpots", Kind::Gambling),
    (b"jag", Kind::Function),
    (b"jak", Kind::Function),
    (b"jako", Kind::Function),
    (b"je", Kind::Function),
    (b"jego", Kind::Function),
    (b"jest", Kind::Function),
    (b"jsou", Kind::Function),
    (b"judi", Kind::Gambling),
    ("już".as_bytes(), Kind::Function),
    ("já".as_bytes(), Kind::Function),
    (b"kamari", Kind::Gambling),
    (b"kao", Kind::Function),
    (b"kargo", Kind::Shop),
    (b"kasino", Kind::Gambling),
    (b"kasinot", Kind::Gambling),
    (b"kasyno", Kind::Gambling),
    ("kaszinó".as_bytes(), Kind::Gambling),
    (b"kazino", Kind::Gambling),
    (b"ke", Kind::Function),
    (b"keranjang", Kind::Shop),
    (b"kg", Kind::Unit),
    (b"khi", Kind::Function),
    ("không".as_bytes(), Kind::Function),
    (b"koszyk", Kind::Shop),
    (b"koszyka", Kind::Shop),
    ("która".as_bytes(), Kind::Function),
    ("które".as_bytes(), Kind::Function),
    ("który".as_bytes(), Kind::Function),
    (b"kubeti", Kind::Gambling),
    (b"kumar", Kind::Gambling),
    (b"kun", Kind::Function),
    (b"kw", Kind::Unit),
    (b"l", Kind::Unit),
    (b"la", Kind::Function),
    (b"las", Kind::Function),
    (b"lb", Kind::Unit),
    (b"lbs", Kind::Unit),
    (b"le", Kind::Function),
    (b"les", Kind::Function),
    (b"leur", Kind::Function),
    (b"lieferzeit", Kind::Shop),
    (b"liter", Kind::Unit),
    (b"liters", Kind::Unit),
    (b"litre", Kind::Unit),
    (b"litres", Kind::Unit),
    (b"litro", Kind::Unit),
    (b"litros", Kind::Unit),
    (b"livraison", Kind::Shop),
    (b"lo", Kind::Function),
    (b"los", Kind::Function),
    (b"lt", Kind::Unit),
    (b"ltr", Kind::Unit),
    ("là".as_bytes(), Kind::Function),
    ("lít".as_bytes(), Kind::Unit),
    (b"maar", Kind::Function),
    (b"mah", Kind::Unit),
    (b"mas", Kind::Function),
    (b"maxwin", Kind::Gambling),
    (b"mb", Kind::Unit),
    (b"med", Kind::Function),
    (b"meg", Kind::Function),
    (b"mg", Kind::Unit),
    (b"mit", Kind::Function),
    (b"ml", Kind::Unit),
    (b"mm", Kind::Unit),
    (b"mp", Kind::Unit),
    (b"msrp", Kind::Shop),
    (b"mutta", Kind::Function),
    (b"muy", Kind::Function),
    ("más".as_bytes(), Kind::Function),
    ("một".as_bytes(), Kind::Function),
    (b"na", Kind::Function),
    (b"naar", Kind::Function),
    (b"nach", Kind::Function),
    (b"nas", Kind::Function),
    (b"ne", Kind::Function),
    (b"nel", Kind::Function),
    (b"nella", Kind::Function),
    (b"nem", Kind::Function),
    (b"nettikasino", Kind::Gambling),
    ("người".as_bytes(), Kind::Function),
    ("như".as_bytes(), Kind::Function),
    ("những".as_bytes(), Kind::Function),
    (b"nicht", Kind::Function),
    (b"nie", Kind::Function),
    (b"niet", Kind::Function),
    (b"no", Kind::Function),
    (b"noch", Kind::Function),
    (b"nog", Kind::Function),
    (b"nos", Kind::Function),
    (b"not", Kind::Function),
    (b"nous", Kind::Function),
    (b"nu", Kind::Function),
    (b"nur", Kind::Function),
    ("này".as_bytes(), Kind::Function),
    ("não".as_bytes(), Kind::Function),
    ("när".as_bytes(), Kind::Function),
    (b"o", Kind::Function),
    (b"och", Kind::Function),
    ("också".as_bytes(), Kind::Function),
    (b"od", Kind::Function),
    (b"oder", Kind::Function),
    (b"of", Kind::Function),
    (b"og", Kind::Function),
    (b"olan", Kind::Function),
    (b"olarak", Kind::Function),
    (b"oli", Kind::Function),
    (b"om", Kind::Function),
    (b"on", Kind::Function),
    (b"ongkir", Kind::Shop),
    (b"ont", Kind::Function),
    (b"ook", Kind::Function),
    (b"op", Kind::Function),
    (b"or", Kind::Function),
    (b"oraz", Kind::Function),
    (b"os", Kind::Function),
    (b"ovat", Kind::Function),
    (b"oz", Kind::Unit),
    ("où".as_bytes(), Kind::Function),
    (b"pack", Kind::Unit),
    (b"pada", Kind::Function),
    (b"panier", Kind::Shop),
    (b"par", Kind::Function),
    (b"para", Kind::Function),
    (b"parcelas", Kind::Shop),
    (b"pariuri", Kind::Gambling),
    (b"parlay", Kind::Gambling),
    (b"pas", Kind::Function),
    (b"pc", Kind::Unit),
    (b"pcs", Kind::Unit),
    (b"pe", Kind::Function),
    (b"pela", Kind::Function),
    (b"pelo", Kind::Function),
    (b"pentru", Kind::Function),
    ("perché".as_bytes(), Kind::Function),
    (b"pero", Kind::Function),
    ("più".as_bytes(), Kind::Function),
    (b"pk", Kind::Unit),
    (b"po", Kind::Function),
    (b"poker", Kind::Gambling),
    (b"por", Kind::Function),
    (b"pour", Kind::Function),
    (b"przez", Kind::Function),
    (b"pvp", Kind::Shop),
    (b"pz", Kind::Unit),
    ("på".as_bytes(), Kind::Function),
    (b"qty", Kind::Shop),
    (b"que", Kind::Function),
    (b"qui", Kind::Function),
    (b"rodadas", Kind::Gambling),
    (b"roleta", Kind::Gambling),
    (b"roulette", Kind::Gambling),
    (b"rrp", Kind::Shop),
    (b"rulet", Kind::Gambling),
    (b"ruleta", Kind::Gambling),
    (b"sa", Kind::Function),
    (b"said", Kind::Function),
    (b"scatter", Kind::Gambling),
    (b"scommessa", Kind::Gambling),
    (b"scommesse", Kind::Gambling),
    (b"se", Kind::Function),
    (b"sepet", Kind::Shop),
    (b"sepete", Kind::Shop),
    (b"ses", Kind::Function),
    (b"seu", Kind::Function),
    (b"she", Kind::Function),
    (b"shipping", Kind::Shop),
    (b"si", Kind::Function),
    (b"sich", Kind::Function),
    (b"sie", Kind::Function),
    (b"sind", Kind::Function),
    ("się".as_bytes(), Kind::Function),
    (b"sku", Kind::Shop),
    (b"slot", Kind::Gambling),
    (b"slotlar", Kind::Gambling),
    (b"slots", Kind::Gambling),
    (b"slotu", Kind::Gambling),
    (b"som", Kind::Function),
    (b"sont", Kind::Function),
    (b"spedizione", Kind::Shop),
    (b"spelbolag", Kind::Gambling),
    (b"spins", Kind::Gambling),
    (b"sportsbook", Kind::Gambling),
    (b"sportwetten", Kind::Gambling),
    (b"stk", Kind::Unit),
    (b"su", Kind::Function),
    (b"sua", Kind::Function),
    (b"sugal", Kind::Gambling),
    (b"sur", Kind::Function),
    (b"sus", Kind::Function),
    ("sázky".as_bytes(), Kind::Gambling),
    ("são".as_bytes(), Kind::Function),
    ("så".as_bytes(), Kind::Function),
    ("są".as_bytes(), Kind::Function),
    (b"taksit", Kind::Shop),
    ("también".as_bytes(), Kind::Function),
    (b"taruhan", Kind::Gambling),
    (b"tb", Kind::Unit),
    (b"te", Kind::Function),
    (b"terjual", Kind::Shop),
    (b"than", Kind::Function),
    (b"that", Kind::Function),
    (b"the", Kind::Function),
    (b"their", Kind::Function),
    (b"there", Kind::Function),
    (b"they", Kind::Function),
    (b"this", Kind::Function),
    ("thì".as_bytes(), Kind::Function),
    (b"tidak", Kind::Function),
    (b"til", Kind::Function),
    (b"till", Kind::Function),
    (b"to", Kind::Function),
    (b"togel", Kind::Gambling),
    (b"tragamoneda", Kind::Gambling),
    (b"tragamonedas", Kind::Gambling),
    (b"tragaperras", Kind::Gambling),
    (b"trong", Kind::Function),
    (b"tym", Kind::Function),
    ("từ".as_bytes(), Kind::Function),
    (b"um", Kind::Function),
    (b"un", Kind::Function),
    (b"una", Kind::Function),
    (b"unas", Kind::Function),
    (b"und", Kind::Function),
    (b"une", Kind::Function),
    (b"uno", Kind::Function),
    (b"unos", Kind::Function),
    (b"untuk", Kind::Function),
    (b"uvp", Kind::Shop),
    (b"v", Kind::Unit),
    (b"van", Kind::Function),
    (b"ve", Kind::Function),
    (b"vedonlyonti", Kind::Gambling),
    (b"versand", Kind::Shop),
    (b"versandkostenfrei", Kind::Shop),
    (b"verzending", Kind::Shop),
    (b"vi", Kind::Function),
    (b"volt", Kind::Function),
    (b"vom", Kind::Function),
    (b"von", Kind::Function),
    (b"voor", Kind::Function),
    (b"vous", Kind::Function),
    ("và".as_bytes(), Kind::Function),
    ("với".as_bytes(), Kind::Function),
    (b"w", Kind::Unit),
    (b"wager", Kind::Gambling),
    (b"wagering", Kind::Gambling),
    (b"warenkorb", Kind::Shop),
    (b"was", Kind::Function),
    (b"watt", Kind::Unit),
    (b"watts", Kind::Unit),
    (b"we", Kind::Function),
    (b"weddenschappen", Kind::Gambling),
    (b"werden", Kind::Function),
    (b"were", Kind::Function),
    (b"wettanbieter", Kind::Gambling),
    (b"wetten", Kind::Gambling),
    (b"wh", Kind::Unit),
    (b"which", Kind::Function),
    (b"who", Kind::Function),
    (b"wie", Kind::Function),
    (b"will", Kind::Function),
    (b"winkelwagen", Kind::Shop),
    (b"wir", Kind::Function),
    (b"wird", Kind::Function),
    (b"wishlist", Kind::Shop),
    (b"with", Kind::Function),
    (b"would", Kind::Function),
    (b"wurde", Kind::Function),
    (b"wysylka", Kind::Shop),
    ("wysyłka".as_bytes(), Kind::Shop),
    (b"y", Kind::Function),
    (b"yang", Kind::Function),
    (b"you", Kind::Function),
    (b"z", Kind::Function),
    (b"za", Kind::Function),
    ("zakłady".as_bytes(), Kind::Gambling),
    (b"zijn", Kind::Function),
    (b"zoll", Kind::Unit),
    (b"zu", Kind::Function),
    (b"zum", Kind::Function),
    (b"zur", Kind::Function),
    ("à".as_bytes(), Kind::Function),
    ("às".as_bytes(), Kind::Function),
    ("är".as_bytes(), Kind::Function),
    ("çok".as_bytes(), Kind::Function),
    ("è".as_bytes(), Kind::Function),
    ("é".as_bytes(), Kind::Function),
    ("él".as_bytes(), Kind::Function),
    ("és".as_bytes(), Kind::Function),
    ("été".as_bytes(), Kind::Function),
    ("être".as_bytes(), Kind::Function),
    ("în".as_bytes(), Kind::Function),
    ("über".as_bytes(), Kind::Function),
    ("đã".as_bytes(), Kind::Function),
    ("được".as_bytes(), Kind::Function),
    ("đến".as_bytes(), Kind::Function),
    ("để".as_bytes(), Kind::Function),
    ("što".as_bytes(), Kind::Function),
    ("że".as_bytes(), Kind::Function),
    ("și".as_bytes(), Kind::Function),
    ("από".as_bytes(), Kind::Function),
    ("για".as_bytes(), Kind::Function),
    ("είναι".as_bytes(), Kind::Function),
    ("η".as_bytes(), Kind::Function),
    ("καζίνο".as_bytes(), Kind::Gambling),
    ("και".as_bytes(), Kind::Function),
    ("με".as_bytes(), Kind::Function),
    ("μπόνους".as_bytes(), Kind::Gambling),
    ("ο".as_bytes(), Kind::Function),
    ("οι".as_bytes(), Kind::Function),
    ("που".as_bytes(), Kind::Function),
    ("σε".as_bytes(), Kind::Function),
    ("στην".as_bytes(), Kind::Function),
    ("στο".as_bytes(), Kind::Function),
    ("στοίχημα".as_bytes(), Kind::Gambling),
    ("στοιχήματα".as_bytes(), Kind::Gambling),
    ("τα".as_bytes(), Kind::Function),
    ("την".as_bytes(), Kind::Function),
    ("της".as_bytes(), Kind::Function),
    ("το".as_bytes(), Kind::Function),
    ("του".as_bytes(), Kind::Function),
    ("των".as_bytes(), Kind::Function),
    ("бонус".as_bytes(), Kind::Gambling),
    ("бонусы".as_bytes(), Kind::Gambling),
    ("букмекер".as_bytes(), Kind::Gambling),
    ("букмекерская".as_bytes(), Kind::Gambling),
    ("бы".as_bytes(), Kind::Function),
    ("был".as_bytes(), Kind::Function),
    ("была".as_bytes(), Kind::Function),
    ("было".as_bytes(), Kind::Function),
    ("в".as_bytes(), Kind::Function),
    ("все".as_bytes(), Kind::Function),
    ("вт".as_bytes(), Kind::Unit),
    ("вы".as_bytes(), Kind::Function),
    ("від".as_bytes(), Kind::Function),
    ("гб".as_bytes(), Kind::Unit),
    ("джекпот".as_bytes(), Kind::Gambling),
    ("для".as_bytes(), Kind::Function),
    ("до".as_bytes(), Kind::Function),
    ("его".as_bytes(), Kind::Function),
    ("её".as_bytes(), Kind::Function),
    ("же".as_bytes(), Kind::Function),
    ("з".as_bytes(), Kind::Function),
    ("и".as_bytes(), Kind::Function),
    ("из".as_bytes(), Kind::Function),
    ("или".as_bytes(), Kind::Function),
    ("к".as_bytes(), Kind::Function),
    ("казино".as_bytes(), Kind::Gambling),
    ("казиното".as_bytes(), Kind::Gambling),
    ("как".as_bytes(), Kind::Function),
    ("кг".as_bytes(), Kind::Unit),
    ("корзина".as_bytes(), Kind::Shop),
    ("корзину".as_bytes(), Kind::Shop),
    ("купить".as_bytes(), Kind::Shop),
    ("литр".as_bytes(), Kind::Unit),
    ("литра".as_bytes(), Kind::Unit),
    ("мл".as_bytes(), Kind::Unit),
    ("мм".as_bytes(), Kind::Unit),
    ("мы".as_bytes(), Kind::Function),
    ("но".as_bytes(), Kind::Function),
    ("о".as_bytes(), Kind::Function),
    ("он".as_bytes(), Kind::Function),
    ("она".as_bytes(), Kind::Function),
    ("они".as_bytes(), Kind::Function),
    ("от".as_bytes(), Kind::Function),
    ("по".as_bytes(), Kind::Function),
    ("при".as_bytes(), Kind::Function),
    ("рулетка".as_bytes(), Kind::Gambling),
    ("с".as_bytes(), Kind::Function),
    ("слот".as_bytes(), Kind::Gambling),
    ("слоты".as_bytes(), Kind::Gambling),
    ("см".as_bytes(), Kind::Unit),
    ("ставка".as_bytes(), Kind::Gambling),
    ("ставки".as_bytes(), Kind::Gambling),
    ("ставок".as_bytes(), Kind::Gambling),
    ("та".as_bytes(), Kind::Function),
    ("так".as_bytes(), Kind::Function),
    ("то".as_bytes(), Kind::Function),
    ("у".as_bytes(), Kind::Function),
    ("уже".as_bytes(), Kind::Function),
    ("фриспинов".as_bytes(), Kind::Gambling),
    ("фриспины".as_bytes(), Kind::Gambling),
    ("це".as_bytes(), Kind::Function),
    ("что".as_bytes(), Kind::Function),
    ("що".as_bytes(), Kind::Function),
    ("это".as_bytes(), Kind::Function),
    ("я".as_bytes(), Kind::Function),
    ("як".as_bytes(), Kind::Function),
    ("і".as_bytes(), Kind::Function),
    ("її".as_bytes(), Kind::Function),
    ("את".as_bytes(), Kind::Function),
    ("גם".as_bytes(), Kind::Function),
    ("הוא".as_bytes(), Kind::Function),
    ("היא".as_bytes(), Kind::Function),
    ("הימורים".as_bytes(), Kind::Gambling),
    ("זה".as_bytes(), Kind::Function),
    ("לא".as_bytes(), Kind::Function),
    ("על".as_bytes(), Kind::Function),
    ("עם".as_bytes(), Kind::Function),
    ("קזינו".as_bytes(), Kind::Gambling),
    ("של".as_bytes(), Kind::Function),
    ("أن".as_bytes(), Kind::Function),
    ("إلى".as_bytes(), Kind::Function),
    ("التي".as_bytes(), Kind::Function),
    ("الذي".as_bytes(), Kind::Function),
    ("الرهان".as_bytes(), Kind::Gambling),
    ("القمار".as_bytes(), Kind::Gambling),
    ("المراهنات".as_bytes(), Kind::Gambling),
    ("رهان".as_bytes(), Kind::Gambling),
    ("على".as_bytes(), Kind::Function),
    ("عن".as_bytes(), Kind::Function),
    ("في".as_bytes(), Kind::Function),
    ("قمار".as_bytes(), Kind::Gambling),
    ("كازينو".as_bytes(), Kind::Gambling),
    ("كان".as_bytes(), Kind::Function),
    ("مراهنات".as_bytes(), Kind::Gambling),
    ("مع".as_bytes(), Kind::Function),
    ("من".as_bytes(), Kind::Function),
    ("هذا".as_bytes(), Kind::Function),
    ("هذه".as_bytes(), Kind::Function),
    ("और".as_bytes(), Kind::Function),
    ("का".as_bytes(), Kind::Function),
    ("की".as_bytes(), Kind::Function),
    ("के".as_bytes(), Kind::Function),
    ("कैसीनो".as_bytes(), Kind::Gambling),
    ("को".as_bytes(), Kind::Function),
    ("जुआ".as_bytes(), Kind::Gambling),
    ("था".as_bytes(), Kind::Function),
    ("ने".as_bytes(), Kind::Function),
    ("पर".as_bytes(), Kind::Function),
    ("बेटिंग".as_bytes(), Kind::Gambling),
    ("में".as_bytes(), Kind::Function),
    ("यह".as_bytes(), Kind::Function),
    ("सट्टा".as_bytes(), Kind::Gambling),
    ("सट्टेबाजी".as_bytes(), Kind::Gambling),
    ("से".as_bytes(), Kind::Function),
    ("स्लॉट".as_bytes(), Kind::Gambling),
    ("है".as_bytes(), Kind::Function),
    ("हैं".as_bytes(), Kind::Function),
    ("ลิตร".as_bytes(), Kind::Unit),
    ("วัตต".as_bytes(), Kind::Unit),
];

/// The longest word of the lists, in bytes: longer words are ruled out before the masks.
const MAX_BYTES: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < WORDS.len() {
        if WORDS[i].0.len() > max {
            max = WORDS[i].0.len();
        }
        i += 1;
    }
    max
};

/// Per first byte, a bit for each length some word of [`WORDS`] has: most words are ruled out
/// by it without a probe (this runs on every word of every line).
const FIRST_BYTE_LENGTHS: [u32; 256] = {
    assert!(MAX_BYTES < 32, "a word's length must fit a bit of the mask");
    let mut masks = [0u32; 256];
    let mut i = 0;
    while i < WORDS.len() {
        let w = WORDS[i].0;
        masks[w[0] as usize] |= 1 << w.len();
        i += 1;
    }
    masks
};

/// Slots of an open-addressing table of [`WORDS`]: each holds a word's index, or [`EMPTY`]. A
/// binary search compared a word with eight of the list's through `memcmp`, which took 5-6%
/// of the filtering time; a probe compares it with about one, of its length only.
const SLOTS: [u16; 1 << SLOT_BITS] = {
    assert!(WORDS.len() < EMPTY as usize && WORDS.len() < (1 << SLOT_BITS) / 2);
    let mut slots = [EMPTY; 1 << SLOT_BITS];
    let mut i = 0;
    while i < WORDS.len() {
        let mut s = slot_of(WORDS[i].0);
        while slots[s] != EMPTY {
            s = (s + 1) % slots.len();
        }
        slots[s] = i as u16;
        i += 1;
    }
    slots
};

const SLOT_BITS: u32 = 11;
const EMPTY: u16 = u16::MAX;

/// The home slot of a non-empty word in [`SLOTS`], from its length and its first two and last
/// two bytes: a few operations whatever the word's length, and enough to tell the list's words
/// apart.
const fn slot_of(w: &[u8]) -> usize {
    let n = w.len();
    let key = (n as u64)
        | (w[0] as u64) << 8
        | (w[if n > 1 { 1 } else { 0 }] as u64) << 16
        | (w[n.saturating_sub(2)] as u64) << 24
        | (w[n - 1] as u64) << 32;
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SLOT_BITS)) as usize
}

/// The kind of a lower-cased word (UTF-8 bytes), if it is in a list.
pub(super) fn find(w: &[u8]) -> Option<Kind> {
    let first = *w.first()?;
    if w.len() > MAX_BYTES || FIRST_BYTE_LENGTHS[usize::from(first)] & (1 << w.len()) == 0 {
        return None;
    }
    let mut s = slot_of(w);
    loop {
        let &(listed, kind) = WORDS.get(usize::from(SLOTS[s]))?;
        if listed == w {
            return Some(kind);
        }
        s = (s + 1) % SLOTS.len();
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
                Kind::Shop => shop += 1,
                Kind::Unit | Kind::Function => {}
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
    ascii_lowercase(unit, &mut buf).and_then(find) == Some(Kind::Unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_lower_case() {
        for pair in WORDS.windows(2) {
            assert!(
                pair[0].0 < pair[1].0,
                "{:?}",
                String::from_utf8_lossy(pair[1].0)
            );
        }
        for (w, _) in WORDS {
            let w = std::str::from_utf8(w).unwrap();
            assert_eq!(w, w.to_lowercase());
            assert!(!w.is_ascii() || w.len() <= MAX_ASCII, "{w}");
            assert_eq!(find(w.as_bytes()), listed(w.as_bytes()));
            // Every word survives the trimming of a word's core ([`super::super::stats`] trims
            // what is not alphanumeric: Thai's final marks too), or it could never match.
            assert_eq!(w.trim_matches(|c: char| !c.is_alphanumeric()), w);
        }
    }

    /// The list's kind of a word, found by reading the whole list.
    fn listed(w: &[u8]) -> Option<Kind> {
        WORDS.iter().find(|e| e.0 == w).map(|e| e.1)
    }

    proptest::proptest! {
        /// The table finds a word exactly when the list holds it: any word, and the list's
        /// words with a byte changed, cut or added (the near misses that share a home slot).
        #[test]
        fn the_table_finds_what_the_list_holds(
            w in "[a-z]{0,20}|[a-zA-Z0-9.,]{0,8}|[а-яё]{1,6}",
            i in 0..WORDS.len(),
            at in 0usize..30,
            b in proptest::prelude::any::<u8>(),
        ) {
            proptest::prop_assert_eq!(find(w.as_bytes()), listed(w.as_bytes()));
            let word = WORDS[i].0;
            let at = at % word.len();
            let mut changed = word.to_vec();
            changed[at] = b;
            let cut = &word[..at];
            let mut longer = word.to_vec();
            longer.insert(at, b);
            for near in [&changed[..], cut, &longer[..]] {
                proptest::prop_assert_eq!(find(near), listed(near));
            }
        }
    }

    #[test]
    fn every_list_is_lower_case_and_within_its_bounds() {
        for (needle, _) in UNSPACED {
            assert!(needle.chars().any(is_unspaced), "{needle}");
        }
        // The list is lower case: an upper-case spelling never matches.
        for w in ["Casino", "SLOT", "Cart", "Казино", "The"] {
            assert_eq!(find(w.as_bytes()), None);
            assert!(find(w.to_lowercase().as_bytes()).is_some());
        }
        assert!(b"versandkostenfrei".len() <= MAX_ASCII);
    }

    #[test]
    fn words_of_gambling_shops_units_and_prose() {
        let kind = |w: &str| find(w.as_bytes());
        assert_eq!(kind("tragaperras"), Some(Kind::Gambling));
        assert_eq!(kind("kargo"), Some(Kind::Shop));
        assert_eq!(kind("ml"), Some(Kind::Unit));
        assert_eq!(kind("ставки"), Some(Kind::Gambling));
        assert_eq!(kind("lít"), Some(Kind::Unit));
        for function in [
            "the", "und", "que", "и", "và", "και", "के", "في", "że", "için",
        ] {
            assert_eq!(kind(function), Some(Kind::Function), "{function}");
        }
        // Units win over the one-letter prepositions they spell ("2400 W", Polish "w").
        assert_eq!(kind("w"), Some(Kind::Unit));
        for news in [
            "odds", "lottery", "paris", "km", "people", "war", "son", "care",
        ] {
            assert_eq!(kind(news), None, "{news}");
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
