//! Pages in languages the model has never read, made from English ones.
//!
//! Almost every page in the training data is English, so the n-gram evidence carries the
//! labels, and a German or Italian article, whose words the table does not know, was read by
//! what little it did know: its length and full stops made it a market-report blurb, its nouns
//! product titles. A copy of a page with every word swapped for a made-up word of a made-up
//! language keeps what a page looks like in any language (lengths, capitals, digits,
//! punctuation, which lines repeat, where the prose runs are) and takes the vocabulary away,
//! so the stages learn to read a page from its shape when its words are unknown. The words are
//! swapped consistently within a language (a word always becomes the same made-up word), as a
//! language repeats its function words.

use super::hash_str;
use crate::features::repetition::avalanche;

/// The sounds of a made-up language: word-initial and inner consonant clusters, and vowels.
struct Phonology {
    consonants: &'static [&'static str],
    vowels: &'static [&'static str],
    /// The vowels are signs written on a consonant (Devanagari, Tamil): no word starts with one.
    vowel_signs: bool,
}

/// A handful of sound systems, in Latin letters with and without diacritics, Cyrillic and
/// Greek, then Arabic, Devanagari, Tamil and Hebrew (scripts without capitals), so that
/// neither the letters, their accents nor the script say "news". The first [`LATIN_GREEK_CYRILLIC`]
/// are the ones models up to format 9 were trained with.
const PHONOLOGIES: [Phonology; 12] = [
    Phonology {
        consonants: &[
            "k", "t", "n", "s", "m", "r", "l", "p", "d", "g", "b", "h", "j", "ng", "ny",
        ],
        vowels: &["a", "e", "i", "o", "u", "a", "i"],
        vowel_signs: false,
    },
    Phonology {
        consonants: &[
            "sch", "ch", "st", "t", "n", "r", "s", "g", "b", "w", "z", "f", "ck", "h", "l", "nd",
        ],
        vowels: &[
            "a", "e", "i", "o", "u", "ä", "ö", "ü", "ei", "au", "ie", "e",
        ],
        vowel_signs: false,
    },
    Phonology {
        consonants: &[
            "c", "r", "l", "n", "t", "d", "m", "p", "s", "v", "gn", "qu", "br", "tr", "z",
        ],
        vowels: &["a", "e", "i", "o", "u", "á", "é", "ó", "ão", "ia", "e", "o"],
        vowel_signs: false,
    },
    Phonology {
        consonants: &[
            "w", "k", "z", "sz", "cz", "rz", "ł", "n", "p", "d", "m", "dz", "ś", "t", "j",
        ],
        vowels: &["a", "e", "i", "o", "u", "y", "ą", "ę", "ó", "ie"],
        vowel_signs: false,
    },
    Phonology {
        consonants: &[
            "k", "t", "s", "n", "l", "r", "h", "v", "j", "p", "m", "kk", "tt",
        ],
        vowels: &["a", "e", "i", "o", "u", "y", "ä", "ö", "aa", "ii", "uo"],
        vowel_signs: false,
    },
    Phonology {
        consonants: &[
            "v", "z", "w", "d", "k", "t", "sch", "g", "r", "n", "l", "st", "b", "m",
        ],
        vowels: &["a", "e", "i", "o", "u", "ij", "oe", "ee", "aa", "ui", "ou"],
        vowel_signs: false,
    },
    Phonology {
        consonants: &[
            "к", "т", "н", "с", "м", "р", "л", "п", "д", "г", "б", "в", "ж", "з", "ч", "ш", "ст",
        ],
        vowels: &["а", "е", "и", "о", "у", "ы", "я", "ю", "ё", "о", "а"],
        vowel_signs: false,
    },
    Phonology {
        consonants: &[
            "κ", "τ", "ν", "σ", "μ", "ρ", "λ", "π", "δ", "γ", "β", "φ", "χ", "θ", "ντ",
        ],
        vowels: &["α", "ε", "ι", "ο", "υ", "η", "ω", "ά", "έ", "ί", "ό", "ου"],
        vowel_signs: false,
    },
    Phonology {
        consonants: &[
            "ب", "ت", "ر", "س", "ل", "م", "ن", "ك", "د", "ف", "ق", "ح", "ع", "ج", "ش",
        ],
        vowels: &["ا", "ي", "و", "ا", "ي", "ة"],
        vowel_signs: false,
    },
    Phonology {
        consonants: &[
            "क", "त", "न", "स", "म", "र", "ल", "प", "द", "ग", "ब", "ह", "ज", "व", "श",
        ],
        vowels: &["ा", "ि", "ी", "ु", "े", "ो", "ा", "ं"],
        vowel_signs: true,
    },
    Phonology {
        consonants: &[
            "க",
            "ட",
            "ந",
            "ச",
            "ம",
            "ர",
            "ல",
            "ப",
            "த",
            "வ",
            "ய",
            "ன",
            "ள",
            "ழ",
            "ங்க",
        ],
        vowels: &["ா", "ி", "ீ", "ு", "ே", "ொ", "ை", "ா"],
        vowel_signs: true,
    },
    Phonology {
        consonants: &[
            "ב", "ת", "נ", "ס", "מ", "ר", "ל", "פ", "ד", "ג", "כ", "ה", "ש", "ק", "ח",
        ],
        vowels: &["ו", "י", "א", "ה", "ו", "י"],
        vowel_signs: false,
    },
];

/// How many made-up languages [`Language::new`] can give.
pub const COUNT: usize = PHONOLOGIES.len();

/// The sound systems in Latin letters, Cyrillic and Greek: the first eight.
pub const LATIN_GREEK_CYRILLIC: usize = 8;

/// A made-up language: a sound system and a seed that fixes its words.
pub struct Language {
    phonology: &'static Phonology,
    seed: u64,
}

impl Language {
    /// Language `n` (of [`COUNT`], wrapping) of the given seed.
    pub fn new(n: usize, seed: u64) -> Language {
        Language {
            phonology: &PHONOLOGIES[n % COUNT],
            seed: avalanche(seed ^ n as u64),
        }
    }

    /// The made-up word for a (lower-case) word: about as long, always the same.
    fn word(&self, lower: &str) -> String {
        let h = hash_str(self.seed, lower);
        let len = lower.chars().count();
        // Long words vary a little in length, as translations do.
        let len = if len > 3 {
            len + (h % 3) as usize - 1
        } else {
            len
        };
        let p = self.phonology;
        let mut out = String::new();
        let mut vowel = h & 64 == 0 && !p.vowel_signs;
        let mut i = 0u64;
        while out.chars().count() < len {
            let pick = avalanche(h ^ i.wrapping_mul(0x9e37_79b9));
            let set = if vowel { p.vowels } else { p.consonants };
            out.push_str(set[(pick % set.len() as u64) as usize]);
            vowel = !vowel;
            i += 1;
        }
        out.chars().take(len).collect()
    }

    /// The line with every word (run of letters) swapped for its made-up word, in the same
    /// case (lower, Capitalised or UPPER); digits, punctuation and spaces stay.
    pub fn translate(&self, line: &str) -> String {
        self.translate_except(line, |_| false)
    }

    /// Like [`Language::translate`], but the words for which `keep` (given the word in lower
    /// case) holds stay as they are: the loanwords a trade uses in every language.
    pub fn translate_except(&self, line: &str, keep: impl Fn(&str) -> bool) -> String {
        let mut out = String::with_capacity(line.len() + 8);
        let mut word = String::new();
        let push = |word: &str, out: &mut String| {
            if keep(&word.to_lowercase()) {
                out.push_str(word);
            } else {
                self.push_word(word, out);
            }
        };
        for c in line.chars() {
            if c.is_alphabetic() {
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                push(&word, &mut out);
                word.clear();
            }
            out.push(c);
        }
        if !word.is_empty() {
            push(&word, &mut out);
        }
        out
    }

    fn push_word(&self, word: &str, out: &mut String) {
        let made = self.word(&word.to_lowercase());
        let mut chars = word.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        let all_upper = first_upper && word.chars().count() > 1 && chars.all(char::is_uppercase);
        if all_upper {
            out.extend(made.chars().flat_map(char::to_uppercase));
        } else if first_upper {
            let mut m = made.chars();
            out.extend(m.next().into_iter().flat_map(char::to_uppercase));
            out.extend(m);
        } else {
            out.push_str(&made);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_shape_and_swaps_the_words() {
        let lang = Language::new(0, 7);
        let line = "The council voted 7-2 on Tuesday,\0 said Maria LOPEZ: \"We won.\"";
        let made = lang.translate(line);
        // Everything but letters stays where it was.
        let shape = |s: &str| -> String {
            s.split(char::is_alphabetic)
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("|")
        };
        assert_eq!(shape(&made), shape(line), "{made}");
        for (a, b) in line.split(' ').zip(made.split(' ')) {
            let (a0, b0) = (a.chars().next().unwrap(), b.chars().next().unwrap());
            assert_eq!(a0.is_uppercase(), b0.is_uppercase(), "{a} -> {b}");
        }
        assert!(made.contains("7-2"));
        // The words themselves are gone.
        for w in ["council", "voted", "Tuesday", "Maria"] {
            assert!(!made.contains(w), "{made}");
        }
        // An upper-case word stays upper case.
        let lopez = made.split(' ').nth(8).unwrap();
        assert!(
            lopez
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase),
            "{made}"
        );
    }

    #[test]
    fn a_word_is_always_the_same_made_up_word_within_a_language() {
        let lang = Language::new(2, 7);
        let a = lang.translate("the cat and the dog");
        let words: Vec<&str> = a.split(' ').collect();
        assert_eq!(words[0], words[3], "{a}");
        assert_ne!(words[0], words[1]);
        assert_eq!(lang.translate("The"), {
            let mut c = words[0].chars();
            c.next()
                .unwrap()
                .to_uppercase()
                .chain(c)
                .collect::<String>()
        });
        // Another language, another word.
        assert_ne!(
            Language::new(3, 7).translate("the cat"),
            lang.translate("the cat")
        );
        assert_ne!(
            Language::new(2, 8).translate("the cat"),
            lang.translate("the cat")
        );
    }

    #[test]
    fn the_later_sound_systems_write_other_scripts_without_capitals() {
        for n in LATIN_GREEK_CYRILLIC..COUNT {
            let made = Language::new(n, 3).translate("The Council met on Tuesday.");
            assert!(made.ends_with('.'), "{made}");
            let letters: Vec<char> = made.chars().filter(|c| c.is_alphabetic()).collect();
            assert!(letters.len() > 10, "{made}");
            assert!(
                letters.iter().all(|c| !c.is_ascii() && !c.is_uppercase()),
                "{made}"
            );
        }
    }

    #[test]
    fn word_lengths_stay_close() {
        for n in 0..COUNT {
            let lang = Language::new(n, 1);
            for w in ["a", "of", "the", "council", "infrastructure"] {
                let made = lang.word(w);
                let (a, b) = (w.chars().count(), made.chars().count());
                assert!(b + 1 >= a && b <= a + 1, "{w} -> {made}");
                assert!(made.chars().all(char::is_alphabetic), "{w} -> {made}");
            }
        }
    }
}
