//! The framing of chaff's binary files (models, site memories): magic bytes, a format version,
//! a CRC-32 and the payload's length, so that a file of another kind, of another version, cut
//! short, padded or damaged is told apart before its payload is decoded.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Magic (8), version (2), reserved (2), CRC-32 of the payload (4), payload length (8).
pub(crate) const HEADER_LEN: usize = 8 + 2 + 2 + 4 + 8;

/// Why a file's frame was refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum FrameError {
    Empty,
    /// Not this kind of file.
    BadMagic,
    /// Shorter than a header: how many bytes there are.
    TruncatedHeader(usize),
    /// Another format version: the one found.
    Version(u16),
    /// The payload is not as long as the header says: (payload bytes, length in the header).
    Length(usize, u64),
    Checksum,
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameError::Empty => write!(f, "the file is empty"),
            FrameError::BadMagic => write!(f, "bad magic bytes"),
            FrameError::TruncatedHeader(n) => {
                write!(f, "truncated header ({n} of {HEADER_LEN} bytes)")
            }
            FrameError::Version(v) => write!(f, "format version {v}"),
            FrameError::Length(payload, len) => write!(
                f,
                "payload is {payload} bytes, header says {len} (truncated or padded file)"
            ),
            FrameError::Checksum => write!(f, "checksum mismatch"),
        }
    }
}

/// The file's bytes: the header, then `payload`.
pub(crate) fn frame(magic: &[u8; 8], version: u16, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(magic);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The payload of a file framed by [`frame`] with `magic` and `version`, checked.
pub(crate) fn unframe<'a>(
    bytes: &'a [u8],
    magic: &[u8; 8],
    version: u16,
) -> Result<&'a [u8], FrameError> {
    if bytes.is_empty() {
        return Err(FrameError::Empty);
    }
    if bytes.len() < magic.len() || &bytes[..magic.len()] != magic {
        return Err(FrameError::BadMagic);
    }
    if bytes.len() < HEADER_LEN {
        return Err(FrameError::TruncatedHeader(bytes.len()));
    }
    let found = u16::from_le_bytes([bytes[8], bytes[9]]);
    if found != version {
        return Err(FrameError::Version(found));
    }
    let crc = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]);
    let mut len8 = [0u8; 8];
    len8.copy_from_slice(&bytes[16..24]);
    let len = u64::from_le_bytes(len8);
    let payload = &bytes[HEADER_LEN..];
    if payload.len() as u64 != len {
        return Err(FrameError::Length(payload.len(), len));
    }
    if crc32fast::hash(payload) != crc {
        return Err(FrameError::Checksum);
    }
    Ok(payload)
}

/// Writes a file whole or not at all: to `<path>.tmp` first, then renamed into place, so an
/// interrupted write leaves the previous file as it was.
pub(crate) fn write_replacing(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(e, &tmp))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(e, path))
}

/// Decodes a bincode payload (as `bincode::serialize` writes it), limited to the payload's size
/// so that a corrupt length prefix is an error rather than a huge allocation.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(payload: &[u8]) -> bincode::Result<T> {
    use bincode::Options as _;
    bincode::DefaultOptions::new()
        .with_fixint_encoding()
        .allow_trailing_bytes()
        .with_limit(payload.len() as u64)
        .deserialize(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAGIC: &[u8; 8] = b"CHAFFTST";

    #[test]
    fn a_frame_round_trips_and_damage_is_named() {
        let bytes = frame(MAGIC, 3, b"payload");
        assert_eq!(unframe(&bytes, MAGIC, 3), Ok(&b"payload"[..]));
        assert_eq!(unframe(b"", MAGIC, 3), Err(FrameError::Empty));
        assert_eq!(unframe(&bytes, b"CHAFFXXX", 3), Err(FrameError::BadMagic));
        assert_eq!(
            unframe(&bytes[..12], MAGIC, 3),
            Err(FrameError::TruncatedHeader(12))
        );
        assert_eq!(unframe(&bytes, MAGIC, 4), Err(FrameError::Version(3)));
        let cut = &bytes[..bytes.len() - 1];
        assert_eq!(unframe(cut, MAGIC, 3), Err(FrameError::Length(6, 7)));
        let mut flipped = bytes.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert_eq!(unframe(&flipped, MAGIC, 3), Err(FrameError::Checksum));
    }
}
