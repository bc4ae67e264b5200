//! The WARC reader on any bytes: never panics, stops after the first framing error.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = Box::new(std::io::Cursor::new(data.to_vec()));
    let reader = chaff::read::warc::Reader::new(input, "fuzz.warc".into());
    let mut seen_framing_error = false;
    for record in reader.take(10_000) {
        assert!(!seen_framing_error, "nothing is read after a framing error");
        if let Err(e) = record {
            seen_framing_error = !matches!(e.kind(), chaff::ErrorKind::Binary { .. });
        }
    }
});
