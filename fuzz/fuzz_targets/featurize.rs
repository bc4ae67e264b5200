//! Featurize and classify any text with the embedded model: one verdict per line,
//! probabilities finite and summing to 1.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(model) = chaff::Model::embedded() else {
        return;
    };
    let page = chaff::Page::new(&text);
    let verdicts = model.filter(&text, &chaff::Options::new());
    assert_eq!(verdicts.len(), page.lines().len());
    for v in verdicts {
        let sum: f32 = v.probs.iter().sum();
        assert!(v.probs.iter().all(|p| p.is_finite()) && (sum - 1.0).abs() < 1e-3);
    }
});
