//! Inputs: paths as given on the command line (files, folders, `-` for stdin) → records: each a
//! page's text with its name and what the output carries over from the input.
//!
//! A folder is read recursively in sorted order. Compression (gzip, zstd) is recognised by its
//! magic bytes, whatever the file is called. Each input is one of three formats, by its name or
//! by `--input-format`:
//! - plain text: the whole input is one record, one page;
//! - JSONL ([`jsonl`]): one record per line, its text in a field (`text` by default), the other
//!   fields kept for the output;
//! - WARC/WET ([`warc`]): one record per WARC record; a `conversion` record is a page, its
//!   headers kept; other records (`warcinfo`, ...) pass through untouched.
//!
//! Records are read one at a time, so memory is bounded by the largest record, not the input.
//! Bytes that are not UTF-8 are replaced (U+FFFD) and the record says so, so the caller can
//! count it.

pub mod jsonl;
pub mod warc;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::error::{Error, ErrorKind, Result};

/// Where records come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// The name used in outputs and errors: the path as given, or `-`.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }

    fn path(&self) -> PathBuf {
        match self {
            Source::Stdin => PathBuf::from("-"),
            Source::File(p) => p.clone(),
        }
    }

    /// The size on disk (compressed), if known: what progress is measured against.
    pub fn size(&self) -> Option<u64> {
        match self {
            Source::Stdin => None,
            Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
        }
    }
}

/// How an input is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// The whole input is one page's text.
    Text,
    /// One JSON object per line, the page's text in a string field.
    Jsonl,
    /// WARC records; `conversion` records (as in Common Crawl's WET files) are pages.
    Warc,
}

impl InputFormat {
    /// The format a file name implies, after dropping a `.gz`/`.zst` suffix: `.jsonl`, `.ndjson`
    /// and `.json` are JSONL, `.warc` and `.wet` are WARC, anything else is plain text.
    pub fn of_name(name: &str) -> InputFormat {
        let name = name.to_ascii_lowercase();
        let stem = name
            .strip_suffix(".gz")
            .or_else(|| name.strip_suffix(".zst"))
            .or_else(|| name.strip_suffix(".zstd"))
            .unwrap_or(&name);
        let ext = stem.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "jsonl" | "ndjson" | "json" => InputFormat::Jsonl,
            "warc" | "wet" => InputFormat::Warc,
            _ => InputFormat::Text,
        }
    }
}

/// Where a record came from and what the output must carry over from it.
#[derive(Clone, Debug, PartialEq)]
pub enum Envelope {
    /// Plain text: nothing beyond the page's text.
    Plain,
    /// A JSONL line: every field of its object, the text field included (the writer replaces
    /// it).
    Jsonl {
        /// The object's fields, in order.
        fields: serde_json::Map<String, serde_json::Value>,
    },
    /// A WARC record: its version line, its headers in order, and its body as read.
    Warc(warc::Record),
}

/// One record of an input: a page's text and where it came from, or a WARC record that is not a
/// page, passed through.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The name used in outputs and errors: the path, `path:LINE` for a JSONL record, or
    /// `path#N` for the N-th (1-based) WARC record.
    pub name: String,
    /// The page's text: what gets classified. Empty for WARC records that are not pages.
    pub text: String,
    /// Where the first invalid UTF-8 was (a byte offset into the page's bytes, or into the
    /// JSONL line); the text has U+FFFD in its place.
    pub invalid_utf8: Option<usize>,
    /// What the output carries over from the input.
    pub envelope: Envelope,
}

impl Record {
    /// A record of plain text, one page.
    pub fn plain(name: impl Into<String>, text: impl Into<String>) -> Record {
        Record {
            name: name.into(),
            text: text.into(),
            invalid_utf8: None,
            envelope: Envelope::Plain,
        }
    }

    /// Whether invalid UTF-8 was replaced while decoding.
    pub fn lossy(&self) -> bool {
        self.invalid_utf8.is_some()
    }

    /// The site a page belongs to, for counting repetition across a batch: the host of its URL
    /// (WARC-Target-URI, or a JSONL `url` field), or "" (the batch as a whole) without one.
    pub fn site(&self) -> &str {
        let url = match &self.envelope {
            Envelope::Warc(r) => r.header("WARC-Target-URI"),
            Envelope::Jsonl { fields } => fields.get("url").and_then(|u| u.as_str()),
            Envelope::Plain => None,
        };
        url.map_or("", host)
    }

    /// Whether this record is a page to classify (not a WARC record passed through).
    pub fn is_page(&self) -> bool {
        match &self.envelope {
            Envelope::Warc(r) => r.is_page(),
            _ => true,
        }
    }
}

/// The host of a URL (`https://www.example.com/a` → `www.example.com`); the URL itself if it
/// has no scheme.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    host.rsplit_once('@').map_or(host, |(_, h)| h)
}

/// Decodes a page's bytes as UTF-8, replacing what is not, and gives the offset of the first
/// invalid byte, if any. A NUL byte means binary data, not a text page: an error naming it.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Option<usize>), ErrorKind> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(ErrorKind::Binary { offset: at as u64 });
    }
    Ok(match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
        }
    })
}

/// What reading may refuse, beyond the format itself.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// The JSONL field that holds a page's text.
    pub text_field: String,
    /// Invalid UTF-8 is an error (naming the byte) instead of being replaced.
    pub strict: bool,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            text_field: "text".to_string(),
            strict: false,
        }
    }
}

/// With `strict`, refuses pages with invalid UTF-8; the error names the page and the byte.
fn check(record: Record, strict: bool) -> Result<Record> {
    match record.invalid_utf8 {
        Some(at) if strict => {
            Err(Error::new(ErrorKind::InvalidUtf8 { offset: at as u64 }).with_record(record.name))
        }
        _ => Ok(record),
    }
}

/// Expands the command line's paths: `-` is stdin, a folder becomes its files (recursively, sorted).
pub fn sources(paths: &[PathBuf]) -> Result<Vec<Source>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if p.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(Source::File(p.clone()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<Source>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(e, dir))?
        .map(|e| e.map(|e| e.path()).map_err(|err| Error::io(err, dir)))
        .collect::<Result<_>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else {
            out.push(Source::File(p));
        }
    }
    Ok(())
}

/// Counts the raw (compressed) bytes read from inputs, for progress reports. Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct ByteCounter(Arc<AtomicU64>);

impl ByteCounter {
    /// Bytes read so far.
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

struct Counted<R> {
    inner: R,
    counter: ByteCounter,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.0.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A decompressed byte stream.
pub type Input = Box<dyn BufRead + Send>;

/// Opens a source and undoes gzip or zstd compression, recognised by the magic bytes.
pub fn open(source: &Source, counter: &ByteCounter) -> Result<Input> {
    let raw: Box<dyn Read + Send> = match source {
        Source::Stdin => Box::new(std::io::stdin()),
        Source::File(p) => Box::new(std::fs::File::open(p).map_err(|e| Error::io(e, p))?),
    };
    let mut raw = BufReader::with_capacity(
        256 * 1024,
        Counted {
            inner: raw,
            counter: counter.clone(),
        },
    );
    let magic = raw.fill_buf().map_err(|e| Error::io(e, source.path()))?;
    Ok(if magic.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::with_capacity(
            256 * 1024,
            flate2::bufread::MultiGzDecoder::new(raw),
        ))
    } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        let z = zstd::stream::read::Decoder::with_buffer(raw)
            .map_err(|e| Error::io(e, source.path()))?;
        Box::new(BufReader::with_capacity(256 * 1024, z))
    } else {
        Box::new(raw)
    })
}

/// Reads up to and including the next `\n` into `buf`, but never more than `cap` bytes: a
/// "line" of gigabytes (a binary file, a broken stream) must not take all memory. Returns the
/// bytes read; more than `cap` means the line was cut there (the rest is still unread).
pub(crate) fn read_line_capped(
    input: &mut Input,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<usize> {
    input.by_ref().take(cap as u64 + 1).read_until(b'\n', buf)
}

/// Skips the rest of a line cut by [`read_line_capped`].
pub(crate) fn skip_line(input: &mut Input) -> std::io::Result<()> {
    let mut scratch = Vec::new();
    loop {
        scratch.clear();
        let n = input
            .by_ref()
            .take(1 << 20)
            .read_until(b'\n', &mut scratch)?;
        if n == 0 || scratch.ends_with(b"\n") {
            return Ok(());
        }
    }
}

/// Reads the records of one source, in order. After an error that loses the place in the
/// stream (a truncated file, a broken WARC record) the iterator ends; after a malformed JSONL
/// line it goes on with the next line, so the caller can skip bad records.
pub fn records(
    source: &Source,
    format: InputFormat,
    options: &ReadOptions,
    counter: &ByteCounter,
) -> Result<Box<dyn Iterator<Item = Result<Record>> + Send>> {
    let input = open(source, counter)?;
    let name = source.name();
    let records: Box<dyn Iterator<Item = Result<Record>> + Send> = match format {
        InputFormat::Text => Box::new(std::iter::once_with(move || read_whole(input, name))),
        InputFormat::Jsonl => Box::new(jsonl::Reader::new(input, name, &options.text_field)),
        InputFormat::Warc => Box::new(warc::Reader::new(input, name)),
    };
    let strict = options.strict;
    Ok(Box::new(
        records.map(move |d| d.and_then(|d| check(d, strict))),
    ))
}

fn read_whole(mut input: Input, name: String) -> Result<Record> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(e, &name))?;
    let (text, invalid_utf8) = decode(bytes).map_err(|kind| Error::new(kind).with_path(&name))?;
    Ok(Record {
        name,
        text,
        invalid_utf8,
        envelope: Envelope::Plain,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn only_record(path: &Path) -> Result<Record> {
        read_one(path, false)
    }

    fn read_one(path: &Path, strict: bool) -> Result<Record> {
        let options = ReadOptions {
            strict,
            ..ReadOptions::default()
        };
        let mut records = records(
            &Source::File(path.to_path_buf()),
            InputFormat::Text,
            &options,
            &ByteCounter::default(),
        )?;
        records.next().expect("one record")
    }

    #[test]
    fn sites_are_url_hosts() {
        assert_eq!(host("https://www.example.com/a/b?c"), "www.example.com");
        assert_eq!(host("http://user@news.example.org#x"), "news.example.org");
        assert_eq!(host("example.net/path"), "example.net");
        let mut fields = serde_json::Map::new();
        fields.insert("url".into(), "https://a.example/x".into());
        let record = Record {
            envelope: Envelope::Jsonl { fields },
            ..Record::plain("d", "t")
        };
        assert_eq!(record.site(), "a.example");
        assert_eq!(Record::plain("d", "t").site(), "");
    }

    #[test]
    fn folders_expand_sorted_and_recursively() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for name in ["b.txt", "a.txt", "sub/c.txt"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let got: Vec<String> = sources(&[dir.path().to_path_buf(), "-".into()])
            .unwrap()
            .iter()
            .map(|s| s.name().replace(&dir.path().display().to_string(), ""))
            .collect();
        assert_eq!(got, ["/a.txt", "/b.txt", "/sub/c.txt", "-"]);
    }

    #[test]
    fn formats_follow_the_name_under_compression() {
        assert_eq!(InputFormat::of_name("a/CC.warc.wet.gz"), InputFormat::Warc);
        assert_eq!(InputFormat::of_name("shard.jsonl.zst"), InputFormat::Jsonl);
        assert_eq!(InputFormat::of_name("x.WET"), InputFormat::Warc);
        assert_eq!(InputFormat::of_name("page.txt.gz"), InputFormat::Text);
        assert_eq!(InputFormat::of_name("README"), InputFormat::Text);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_flagged() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.txt");
        std::fs::write(&p, b"caf\xe9 news\n").unwrap();
        let record = only_record(&p).unwrap();
        assert_eq!(record.invalid_utf8, Some(3));
        assert_eq!(record.text, "caf\u{fffd} news\n");
        let e = read_one(&p, true).unwrap_err().to_string();
        assert!(e.ends_with("bad.txt: invalid UTF-8 at byte 3"), "{e}");
    }

    #[test]
    fn binary_pages_are_refused_with_the_byte() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("image.png");
        std::fs::write(&p, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        let e = only_record(&p).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Binary { offset: 8 }), "{e}");
        assert!(
            e.to_string()
                .contains("image.png: binary data (a NUL byte at byte 8)"),
            "{e}"
        );
    }

    #[test]
    fn compression_is_found_by_magic_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Headline\nBody text.\n".repeat(50);
        let gz_path = dir.path().join("no-suffix");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), Default::default());
        gz.write_all(text.as_bytes()).unwrap();
        std::fs::write(&gz_path, gz.finish().unwrap()).unwrap();
        let zst_path = dir.path().join("d.txt.zst");
        std::fs::write(&zst_path, zstd::encode_all(text.as_bytes(), 3).unwrap()).unwrap();
        for p in [gz_path, zst_path] {
            let counter = ByteCounter::default();
            let mut records = records(
                &Source::File(p.clone()),
                InputFormat::Text,
                &ReadOptions::default(),
                &counter,
            )
            .unwrap();
            assert_eq!(records.next().unwrap().unwrap().text, text);
            assert_eq!(counter.get(), std::fs::metadata(&p).unwrap().len());
        }
    }

    #[test]
    fn truncated_gzip_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("d.txt.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), Default::default());
        gz.write_all("Headline\nBody text.\n".repeat(50).as_bytes())
            .unwrap();
        let bytes = gz.finish().unwrap();
        std::fs::write(&p, &bytes[..bytes.len() / 2]).unwrap();
        let e = only_record(&p).unwrap_err().to_string();
        assert!(e.contains("d.txt.gz"), "{e}");
    }

    #[test]
    fn an_empty_file_is_one_empty_page() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("empty.txt");
        std::fs::write(&p, b"").unwrap();
        let record = only_record(&p).unwrap();
        assert_eq!((record.text.as_str(), record.lossy()), ("", false));
    }
}
