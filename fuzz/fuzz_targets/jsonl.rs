//! The JSONL reader on any bytes: never panics; every line is a record or an error.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = Box::new(std::io::Cursor::new(data.to_vec()));
    let reader = chaff::read::jsonl::Reader::new(input, "fuzz.jsonl".into(), "text");
    for record in reader.take(10_000) {
        if let Ok(record) = record {
            assert!(record.name.starts_with("fuzz.jsonl:"));
        }
    }
});
