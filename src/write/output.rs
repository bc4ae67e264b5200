//! Where output goes: stdout, or a file written atomically and compressed by its name.
//!
//! A file is written under a temporary name beside it and renamed into place only by
//! [`Output::commit`], so an interrupted or failed run never leaves a half output that looks
//! complete. `.gz` and `.zst` names are compressed (gzip, zstd).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

enum Stream {
    Stdout(BufWriter<io::Stdout>),
    Plain(BufWriter<File>),
    Gzip(GzipMembers<BufWriter<File>>),
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<File>>),
}

/// An output stream. Dropping a file output without committing it deletes the temporary file.
pub struct Output {
    stream: Option<Stream>,
    /// (temporary path, final path) for a file output.
    paths: Option<(PathBuf, PathBuf)>,
}

impl Output {
    /// Standard output, buffered.
    pub fn stdout() -> Output {
        Output {
            stream: Some(Stream::Stdout(BufWriter::with_capacity(
                256 * 1024,
                io::stdout(),
            ))),
            paths: None,
        }
    }

    /// Starts writing `path` (under a temporary name until [`Output::commit`]).
    pub fn create(path: &Path) -> Result<Output> {
        let name = path
            .file_name()
            .ok_or_else(|| Error::config("the output path has no file name").with_path(path))?;
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".chaff-{}.tmp", std::process::id()));
        let tmp = path.with_file_name(tmp_name);
        let file = BufWriter::with_capacity(
            256 * 1024,
            File::create(&tmp).map_err(|e| Error::io(e, path))?,
        );
        let lower = name.to_string_lossy().to_ascii_lowercase();
        let stream = if lower.ends_with(".gz") {
            Stream::Gzip(GzipMembers::new(file))
        } else if lower.ends_with(".zst") || lower.ends_with(".zstd") {
            Stream::Zstd(
                zstd::stream::write::Encoder::new(file, 3).map_err(|e| Error::io(e, path))?,
            )
        } else {
            Stream::Plain(file)
        };
        Ok(Output {
            stream: Some(stream),
            paths: Some((tmp, path.to_path_buf())),
        })
    }

    /// Finishes compression, flushes, and moves a file output into place.
    pub fn commit(mut self) -> io::Result<()> {
        let file = match self.stream.take() {
            Some(Stream::Stdout(mut w)) => return w.flush(),
            Some(Stream::Plain(w)) => w,
            Some(Stream::Gzip(w)) => w.finish()?,
            Some(Stream::Zstd(w)) => w.finish()?,
            None => return Ok(()),
        };
        let file = file.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        if let Some((tmp, path)) = self.paths.take() {
            std::fs::rename(&tmp, &path)?;
        }
        Ok(())
    }

    /// Ends a gzip member here and starts the next: WARC readers (warcio, Common Crawl's tools)
    /// expect each record of a .warc.gz in its own member, so they can seek to it.
    pub fn end_member(&mut self) -> io::Result<()> {
        match self.stream.as_mut() {
            Some(Stream::Gzip(gz)) => gz.end_member(),
            _ => Ok(()),
        }
    }

    fn writer(&mut self) -> io::Result<&mut dyn Write> {
        match self.stream.as_mut() {
            Some(Stream::Stdout(w)) => Ok(w),
            Some(Stream::Plain(w)) => Ok(w),
            Some(Stream::Gzip(w)) => Ok(w),
            Some(Stream::Zstd(w)) => Ok(w),
            None => Err(io::Error::other("output already committed")),
        }
    }
}

/// A gzip stream of one or more members, with one deflate state reused for all of them: a
/// filtered WET file has a member per record, and setting up a fresh compressor for each
/// (allocating and clearing its tables) cost more than compressing most records.
struct GzipMembers<W: Write> {
    inner: W,
    deflate: flate2::Compress,
    crc: crc32fast::Hasher,
    /// Uncompressed bytes in the current member (mod 2^32, as the trailer stores them).
    len: u32,
    /// A member is open: its header is written.
    open: bool,
    /// Some member was written (an empty stream still gets one, to be valid gzip).
    any: bool,
    buf: Vec<u8>,
}

/// Member header: magic, deflate, no flags, no mtime, no extra flags, unknown OS.
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
const GZIP_CHUNK: usize = 64 * 1024;

impl<W: Write> GzipMembers<W> {
    fn new(inner: W) -> GzipMembers<W> {
        GzipMembers {
            inner,
            deflate: flate2::Compress::new(flate2::Compression::default(), false),
            crc: crc32fast::Hasher::new(),
            len: 0,
            open: false,
            any: false,
            buf: Vec::with_capacity(GZIP_CHUNK),
        }
    }

    /// Runs the compressor over `input` (all of it), writing what it gives out.
    fn deflate(&mut self, mut input: &[u8], flush: flate2::FlushCompress) -> io::Result<()> {
        loop {
            self.buf.clear();
            let before = self.deflate.total_in();
            let status = self
                .deflate
                .compress_vec(input, &mut self.buf, flush)
                .map_err(io::Error::other)?;
            input = &input[(self.deflate.total_in() - before) as usize..];
            self.inner.write_all(&self.buf)?;
            let done = match flush {
                flate2::FlushCompress::Finish => status == flate2::Status::StreamEnd,
                _ => input.is_empty() && self.buf.len() < self.buf.capacity(),
            };
            if done {
                return Ok(());
            }
        }
    }

    fn end_member(&mut self) -> io::Result<()> {
        if !self.open {
            return Ok(());
        }
        self.deflate(&[], flate2::FlushCompress::Finish)?;
        let crc = std::mem::replace(&mut self.crc, crc32fast::Hasher::new()).finalize();
        self.inner.write_all(&crc.to_le_bytes())?;
        self.inner.write_all(&self.len.to_le_bytes())?;
        self.deflate.reset();
        self.len = 0;
        self.open = false;
        Ok(())
    }

    fn finish(mut self) -> io::Result<W> {
        if !self.any {
            self.inner.write_all(&GZIP_HEADER)?;
            self.open = true;
        }
        self.end_member()?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for GzipMembers<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.write_all(data)?;
        Ok(data.len())
    }

    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        if data.is_empty() {
            return Ok(());
        }
        if !self.open {
            self.inner.write_all(&GZIP_HEADER)?;
            self.open = true;
            self.any = true;
        }
        self.crc.update(data);
        self.len = self.len.wrapping_add(data.len() as u32);
        self.deflate(data, flate2::FlushCompress::None)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer()?.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer()?.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer()?.flush()
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Some((tmp, _)) = self.paths.take() {
            self.stream = None;
            // Best effort: the run already failed, and its error is what the user needs to see.
            let _ = std::fs::remove_file(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn gzip_members_decode_one_by_one_and_together() {
        let big: Vec<u8> = (0..300_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let parts: [&[u8]; 4] = [b"first record\n", b"", &big, b"last"];
        let mut gz = GzipMembers::new(Vec::new());
        for p in parts {
            gz.write_all(p).unwrap();
            gz.end_member().unwrap();
        }
        let bytes = gz.finish().unwrap();
        let mut all = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_end(&mut all)
            .unwrap();
        assert_eq!(all, parts.concat());
        // The empty part wrote no member: three members, each a gzip stream of its own.
        let mut rest = &bytes[..];
        for p in parts.iter().filter(|p| !p.is_empty()) {
            let mut d = flate2::bufread::GzDecoder::new(rest);
            let mut one = Vec::new();
            d.read_to_end(&mut one).unwrap();
            assert_eq!(&one, p);
            rest = d.into_inner();
        }
        assert!(rest.is_empty());
    }

    #[test]
    fn an_empty_gzip_output_is_still_gzip() {
        let bytes = GzipMembers::new(Vec::new()).finish().unwrap();
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .unwrap();
        assert!(out.is_empty());
    }

    #[test]
    fn a_file_appears_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        let mut out = Output::create(&path).unwrap();
        out.write_all(b"kept\n").unwrap();
        assert!(!path.exists());
        out.commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"kept\n");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );

        let failed = dir.path().join("failed.txt");
        let mut out = Output::create(&failed).unwrap();
        out.write_all(b"half").unwrap();
        drop(out);
        assert!(!failed.exists());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temp file removed"
        );
    }

    #[test]
    fn gz_and_zst_names_are_compressed() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["o.jsonl.gz", "o.jsonl.zst"] {
            let path = dir.path().join(name);
            let mut out = Output::create(&path).unwrap();
            out.write_all(b"{\"text\": \"x\"}\n").unwrap();
            out.commit().unwrap();
            let mut text = String::new();
            let file = File::open(&path).unwrap();
            if name.ends_with(".gz") {
                flate2::read::MultiGzDecoder::new(file)
                    .read_to_string(&mut text)
                    .unwrap();
            } else {
                zstd::stream::read::Decoder::new(file)
                    .unwrap()
                    .read_to_string(&mut text)
                    .unwrap();
            }
            assert_eq!(text, "{\"text\": \"x\"}\n");
        }
    }

    #[test]
    fn gzip_members_end_where_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("o.warc.gz");
        let mut out = Output::create(&path).unwrap();
        out.write_all(b"one").unwrap();
        out.end_member().unwrap();
        out.write_all(b"two").unwrap();
        out.commit().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let mut first = flate2::read::GzDecoder::new(&bytes[..]);
        let mut text = String::new();
        first.read_to_string(&mut text).unwrap();
        assert_eq!(text, "one", "the first member holds only the first record");
        let mut all = String::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_string(&mut all)
            .unwrap();
        assert_eq!(all, "onetwo");
    }
}
