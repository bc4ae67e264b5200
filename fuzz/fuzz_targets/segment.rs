//! The page segmenter on any text: a page's lines are its non-blank lines, in order, numbered
//! from 1.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let page = chaff::Page::new(&text);
    let mut last = 0;
    for p in page.lines() {
        assert!(p.number > last && p.number <= page.all_lines().len());
        assert_eq!(page.all_lines()[p.number - 1], p.text);
        assert!(!chaff::is_blank(p.text));
        assert!(p.text.starts_with(p.view()));
        last = p.number;
    }
});
