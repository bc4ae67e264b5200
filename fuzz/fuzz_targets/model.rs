//! The model loader on any bytes, and on any payload behind a valid header (so the fuzzer gets
//! past the checksum into decoding and validation): an error, never a panic or a huge allocation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = chaff::Model::from_bytes(data);
    let mut file = b"CHAFFMDL".to_vec();
    file.extend_from_slice(&chaff::model::FORMAT_VERSION.to_le_bytes());
    file.extend_from_slice(&0u16.to_le_bytes());
    file.extend_from_slice(&crc32(data).to_le_bytes());
    file.extend_from_slice(&(data.len() as u64).to_le_bytes());
    file.extend_from_slice(data);
    let _ = chaff::Model::from_bytes(&file);
});

fn crc32(data: &[u8]) -> u32 {
    // CRC-32 (IEEE), bit by bit: the fuzz crate needs no more dependencies for it.
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
