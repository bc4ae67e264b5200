//! WARC records (ISO 28500), as in Common Crawl's WET files: a `WARC/1.x` line, `Name: value`
//! headers, a blank line, `Content-Length` bytes of body, two line breaks.
//!
//! Why not the `warc` crate: its 0.4 reader keeps headers in a `HashMap` (so a filtered WET
//! would come out with its headers shuffled) and its errors do not say which record broke. The
//! framing is a few lines; this reader keeps the headers in order and names the record (its
//! number and WARC-Record-ID) in every error.

use std::io::Read;

use super::{decode, read_line_capped, Envelope, Input};
use crate::error::{Error, ErrorKind, Result};
use crate::read;

/// Headers longer than this are not WARC: stop before reading a binary file into memory.
const MAX_HEADER_BYTES: usize = 1 << 20;

/// One WARC record as read: version line, headers in order, body bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The version line without its line break, e.g. `WARC/1.0`.
    pub version: String,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body, as read.
    pub body: Vec<u8>,
}

impl Record {
    /// The value of the first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `conversion` records hold a page's text (WET); others (`warcinfo`, `request`, ...) do not.
    pub fn is_page(&self) -> bool {
        self.header("WARC-Type")
            .is_some_and(|t| t.eq_ignore_ascii_case("conversion"))
    }
}

/// Reads WARC records; each is a [`read::Record`] whose text is the body of a `conversion` record.
pub struct Reader {
    input: Input,
    name: String,
    /// 1-based number of the record being read.
    index: u64,
    done: bool,
}

impl Reader {
    /// Reads WARC records from `input`, named `name` in errors.
    pub fn new(input: Input, name: String) -> Reader {
        Reader {
            input,
            name,
            index: 0,
            done: false,
        }
    }

    fn read_record(&mut self) -> Result<Option<Record>> {
        let mut line = Vec::new();
        // Records are separated by blank lines; the input may end after any of them.
        loop {
            line.clear();
            if self.read_line(&mut line, None)? == 0 {
                return Ok(None);
            }
            if !line.trim_ascii().is_empty() {
                break;
            }
        }
        self.index += 1;
        let version = String::from_utf8_lossy(line.trim_ascii_end()).into_owned();
        if !version.starts_with("WARC/") {
            let shown: String = version.chars().take(40).collect();
            return Err(self.bad(
                None,
                format!("expected a WARC/1.x version line, found {shown:?}"),
            ));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut header_bytes = 0;
        loop {
            line.clear();
            let n = self.read_line(&mut line, id_of(&headers))?;
            if n == 0 {
                return Err(self.bad(id_of(&headers), "the input ends inside the headers"));
            }
            header_bytes += n;
            if header_bytes > MAX_HEADER_BYTES {
                return Err(self.bad(id_of(&headers), "headers longer than 1 MiB"));
            }
            let text = String::from_utf8_lossy(line.trim_ascii_end());
            if text.is_empty() {
                break;
            }
            if text.starts_with([' ', '\t']) {
                // A folded header line continues the previous value.
                match headers.last_mut() {
                    Some((_, v)) => {
                        v.push(' ');
                        v.push_str(text.trim());
                    }
                    None => return Err(self.bad(None, "a continuation line before any header")),
                }
                continue;
            }
            match text.split_once(':') {
                Some((n, v)) => headers.push((n.trim().to_string(), v.trim().to_string())),
                None => {
                    return Err(self.bad(
                        id_of(&headers),
                        format!("header line without a colon: {:?}", clip(&text)),
                    ))
                }
            }
        }
        let id = id_of(&headers);
        let length = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
            .ok_or_else(|| self.bad(id.clone(), "no Content-Length header"))?
            .1
            .parse::<u64>()
            .map_err(|_| self.bad(id.clone(), "Content-Length is not a number"))?;
        let mut body = Vec::new();
        (&mut self.input)
            .take(length)
            .read_to_end(&mut body)
            .map_err(|e| self.io(e, id.clone()))?;
        if (body.len() as u64) < length {
            return Err(self.bad(
                id,
                format!(
                    "Content-Length is {length} but the input ends after {} bytes of the body",
                    body.len()
                ),
            ));
        }
        // The body must be followed by a line break: anything else means a wrong Content-Length.
        line.clear();
        let n = self.read_line(&mut line, id.clone())?;
        if n > 0 && !line.trim_ascii().is_empty() {
            return Err(self.bad(
                id,
                format!(
                    "Content-Length {length} does not end the body: {:?} follows it",
                    clip(&String::from_utf8_lossy(&line))
                ),
            ));
        }
        Ok(Some(Record {
            version,
            headers,
            body,
        }))
    }

    /// One header or separator line, at most [`MAX_HEADER_BYTES`] (past that the headers are
    /// refused anyway).
    fn read_line(&mut self, buf: &mut Vec<u8>, id: Option<String>) -> Result<usize> {
        read_line_capped(&mut self.input, buf, MAX_HEADER_BYTES).map_err(|e| self.io(e, id))
    }

    fn record_name(&self, id: Option<String>) -> String {
        match id {
            Some(id) => format!("record {} {id}", self.index),
            None => format!("record {}", self.index),
        }
    }

    fn bad(&self, id: Option<String>, msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::BadWarc(msg.into()))
            .with_path(&self.name)
            .with_record(self.record_name(id))
    }

    fn io(&self, e: std::io::Error, id: Option<String>) -> Error {
        Error::io(e, &self.name).with_record(self.record_name(id))
    }
}

fn id_of(headers: &[(String, String)]) -> Option<String> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("WARC-Record-ID"))
        .map(|(_, v)| v.clone())
}

fn clip(s: &str) -> String {
    s.chars().take(60).collect()
}

impl Iterator for Reader {
    type Item = Result<read::Record>;

    fn next(&mut self) -> Option<Result<read::Record>> {
        if self.done {
            return None;
        }
        match self.read_record() {
            Ok(Some(record)) => {
                let decoded = if record.is_page() {
                    decode(record.body.clone())
                } else {
                    Ok((String::new(), None))
                };
                let (text, invalid_utf8) = match decoded {
                    Ok(d) => d,
                    // The framing is sound: only this record is skipped, reading goes on.
                    Err(kind) => {
                        return Some(Err(Error::new(kind)
                            .with_path(&self.name)
                            .with_record(self.record_name(id_of(&record.headers)))))
                    }
                };
                Some(Ok(read::Record {
                    name: format!("{}#{}", self.name, self.index),
                    text,
                    invalid_utf8,
                    envelope: Envelope::Warc(record),
                }))
            }
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                // The place in the stream is lost: nothing after this can be trusted.
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A WET-like file: a warcinfo record and `pages` conversion records.
    pub(crate) fn wet(pages: &[&str]) -> Vec<u8> {
        let mut out = Vec::new();
        let info = "software: test\r\n";
        out.extend_from_slice(
            format!(
                "WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:info>\r\nContent-Length: {}\r\n\r\n{info}\r\n\r\n",
                info.len()
            )
            .as_bytes(),
        );
        for (i, p) in pages.iter().enumerate() {
            out.extend_from_slice(
                format!(
                    "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: http://example.com/{i}\r\nWARC-Record-ID: <urn:uuid:{i}>\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{p}\r\n\r\n",
                    p.len()
                )
                .as_bytes(),
            );
        }
        out
    }

    fn read(bytes: Vec<u8>) -> Vec<Result<read::Record>> {
        Reader::new(Box::new(std::io::Cursor::new(bytes)), "c.wet".into()).collect()
    }

    #[test]
    fn conversion_records_are_pages_and_headers_keep_their_order() {
        let records = read(wet(&["Héadline\nBody.", "Second"]));
        assert_eq!(records.len(), 3);
        let info = records[0].as_ref().unwrap();
        assert!(!info.is_page());
        assert_eq!(info.text, "");
        let page = records[1].as_ref().unwrap();
        assert!(page.is_page());
        assert_eq!(
            (page.name.as_str(), page.text.as_str()),
            ("c.wet#2", "Héadline\nBody.")
        );
        let Envelope::Warc(r) = &page.envelope else {
            panic!("not WARC")
        };
        let names: Vec<&str> = r.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "WARC-Type",
                "WARC-Target-URI",
                "WARC-Record-ID",
                "Content-Type",
                "Content-Length"
            ]
        );
        assert_eq!(r.version, "WARC/1.0");
    }

    #[test]
    fn a_wrong_content_length_names_the_record_after_the_good_ones() {
        let good = wet(&["First page."]);
        let mut bytes = good.clone();
        bytes.extend_from_slice(
            b"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <urn:uuid:bad>\r\nContent-Length: 5\r\n\r\nmuch longer than five\r\n\r\n",
        );
        let records = read(bytes);
        assert_eq!(records.len(), 3);
        assert!(records[1].is_ok());
        let e = records[2].as_ref().unwrap_err().to_string();
        assert!(
            e.starts_with("c.wet: record 3 <urn:uuid:bad>: bad WARC record: Content-Length 5"),
            "{e}"
        );

        let mut short = good;
        short.extend_from_slice(b"WARC/1.0\r\nContent-Length: 500\r\n\r\nonly this");
        let e = read(short).pop().unwrap().unwrap_err().to_string();
        assert!(
            e.contains("record 3: bad WARC record: Content-Length is 500"),
            "{e}"
        );
    }

    #[test]
    fn not_warc_is_a_clear_error() {
        let e = read(b"just some text\n".to_vec())
            .pop()
            .unwrap()
            .unwrap_err();
        assert!(
            e.to_string().contains("expected a WARC/1.x version line"),
            "{e}"
        );
        let e = read(b"WARC/1.0\r\nWARC-Type: conversion\r\n\r\n".to_vec())
            .pop()
            .unwrap()
            .unwrap_err();
        assert!(e.to_string().contains("no Content-Length"), "{e}");
        assert!(read(Vec::new()).is_empty());
        // A header line of 2 MiB with no line break: refused, not read into memory whole.
        let mut huge = b"WARC/1.0\r\nX-Junk: ".to_vec();
        huge.extend(std::iter::repeat_n(b'a', 2 << 20));
        let e = read(huge).pop().unwrap().unwrap_err();
        assert!(e.to_string().contains("headers longer than 1 MiB"), "{e}");
    }
}
