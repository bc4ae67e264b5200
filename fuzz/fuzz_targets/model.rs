//! The loaders of chaff's binary files, the model and the site memory (`--site-memory`), on any
//! bytes, and on any payload behind a valid header (so the fuzzer gets past the checksum into
//! decoding and validation): an error, never a panic or a huge allocation.
#![no_main]
use libfuzzer_sys::fuzz_target;

use chaff::internals::{memories_from_bytes, MEMORY_VERSION};

fuzz_target!(|data: &[u8]| {
    let _ = chaff::Model::from_bytes(data);
    let _ = chaff::Model::from_bytes(&framed(b"CHAFFMDL", chaff::internals::FORMAT_VERSION, data));
    let _ = memories_from_bytes(data);
    let _ = memories_from_bytes(&framed(b"CHAFFMEM", MEMORY_VERSION, data));
});

/// `payload` behind a valid header: magic, version, reserved, CRC-32, length.
fn framed(magic: &[u8; 8], version: u16, payload: &[u8]) -> Vec<u8> {
    let mut file = magic.to_vec();
    file.extend_from_slice(&version.to_le_bytes());
    file.extend_from_slice(&0u16.to_le_bytes());
    file.extend_from_slice(&crc32(payload).to_le_bytes());
    file.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    file.extend_from_slice(payload);
    file
}

fn crc32(data: &[u8]) -> u32 {
    // CRC-32 (IEEE), bit by bit: the fuzz crate needs no more dependencies for it.
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
