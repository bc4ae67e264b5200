//! The library's one error type: a kind plus where it happened (file, line, record).

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, without the where.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing failed at the OS level.
    Io(std::io::Error),
    /// The bytes are not a chaff model (bad magic).
    NotAModel,
    /// The model was written by a format this build does not read.
    ModelVersion {
        /// The file's format version.
        found: u16,
        /// The version this build reads.
        supported: u16,
    },
    /// The model file is shorter than its header says, or its checksum does not match.
    ModelCorrupt(String),
    /// The model decoded but its contents are inconsistent (shapes, non-finite weights, labels).
    ModelInvalid(String),
    /// A JSONL record (a labelled line or an input page) could not be parsed.
    BadRecord(String),
    /// A WARC record is malformed: a bad version line or header, or a wrong Content-Length.
    BadWarc(String),
    /// An unknown label name.
    UnknownLabel(String),
    /// A page holds a NUL byte: binary data, not text.
    Binary {
        /// Where the first NUL byte is: a byte offset into the page, or into its JSONL line.
        offset: u64,
    },
    /// A page is not valid UTF-8 (with `--strict`).
    InvalidUtf8 {
        /// Where the first invalid byte is: a byte offset into the page, or into its JSONL line.
        offset: u64,
    },
    /// A bad setting (threshold out of range, empty keep set, ...).
    Config(String),
    /// A site-memory file (`chaff filter --site-memory`) is not one, or is damaged.
    SiteMemoryCorrupt(String),
    /// A model, site memory, training configuration or report could not be serialised.
    Serialize(String),
}

/// An error with the file and, where they apply, the 1-based line and the record it happened at.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    line: Option<u64>,
    record: Option<String>,
}

/// A result whose error is chaff's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error of this kind, not yet tied to a file.
    pub fn new(kind: ErrorKind) -> Error {
        Error {
            kind,
            path: None,
            line: None,
            record: None,
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file it happened in, if known.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The 1-based line it happened at, if known.
    pub fn line(&self) -> Option<u64> {
        self.line
    }

    /// Attach the file this error is about (kept if one is already set).
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Error {
        if self.path.is_none() {
            self.path = Some(path.into());
        }
        self
    }

    /// The record this error is about, as [`Error::with_record`] set it.
    pub fn record(&self) -> Option<&str> {
        self.record.as_deref()
    }

    /// Attach the record this error is about (`record 17 <urn:uuid:...>`); kept if one is set.
    pub fn with_record(mut self, record: impl Into<String>) -> Error {
        if self.record.is_none() {
            self.record = Some(record.into());
        }
        self
    }

    /// Attach the 1-based line this error is about.
    pub fn with_line(mut self, line: u64) -> Error {
        self.line = Some(line);
        self
    }

    pub(crate) fn io(err: std::io::Error, path: impl Into<PathBuf>) -> Error {
        Error::new(ErrorKind::Io(err)).with_path(path)
    }

    pub(crate) fn config(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Config(msg.into()))
    }

    /// `what` could not be serialised, for `cause`.
    pub(crate) fn serialize(what: &str, cause: impl fmt::Display) -> Error {
        Error::new(ErrorKind::Serialize(format!("{what}: {cause}")))
    }

    pub(crate) fn model_invalid(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::ModelInvalid(msg.into()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(p), Some(l)) => write!(f, "{}:{}: ", p.display(), l)?,
            (Some(p), None) => write!(f, "{}: ", p.display())?,
            (None, Some(l)) => write!(f, "line {l}: ")?,
            (None, None) => {}
        }
        if let Some(r) = &self.record {
            write!(f, "{r}: ")?;
        }
        match &self.kind {
            ErrorKind::Io(e) => write!(f, "{e}"),
            ErrorKind::NotAModel => write!(f, "not a chaff model (bad magic bytes)"),
            ErrorKind::ModelVersion { found, supported } => write!(
                f,
                "model format version {found} is not supported (this chaff reads version {supported}); retrain it with this version of chaff-train"
            ),
            ErrorKind::ModelCorrupt(m) => write!(f, "corrupt model: {m}"),
            ErrorKind::ModelInvalid(m) => write!(f, "invalid model: {m}"),
            ErrorKind::BadRecord(m) => write!(f, "bad record: {m}"),
            ErrorKind::BadWarc(m) => write!(f, "bad WARC record: {m}"),
            ErrorKind::UnknownLabel(l) => write!(
                f,
                "unknown label {l:?} (expected one of news, furniture, gambling, marketplace, other)"
            ),
            ErrorKind::Binary { offset } => {
                write!(f, "binary data (a NUL byte at byte {offset}), not a text page")
            }
            ErrorKind::InvalidUtf8 { offset } => write!(f, "invalid UTF-8 at byte {offset}"),
            ErrorKind::Config(m) => write!(f, "{m}"),
            ErrorKind::SiteMemoryCorrupt(m) => write!(f, "not a usable site memory: {m}"),
            ErrorKind::Serialize(m) => write!(f, "cannot serialise {m}"),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io(e))
    }
}

/// The I/O error's message is part of [`Error`]'s own, so it is not also its `source`: a chain
/// printed whole (`anyhow`'s `{:#}`) would say it twice.
impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_line() {
        let e = Error::new(ErrorKind::BadRecord("missing field `text`".into()))
            .with_path("dev/x.jsonl")
            .with_line(12);
        assert_eq!(
            e.to_string(),
            "dev/x.jsonl:12: bad record: missing field `text`"
        );
    }

    #[test]
    fn display_names_the_record() {
        let e = Error::new(ErrorKind::BadWarc("no Content-Length".into()))
            .with_path("crawl.wet.gz")
            .with_record("record 3 <urn:uuid:1>");
        assert_eq!(
            e.to_string(),
            "crawl.wet.gz: record 3 <urn:uuid:1>: bad WARC record: no Content-Length"
        );
    }

    #[test]
    fn an_io_error_is_told_once_with_its_chain() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let e = anyhow::Error::from(Error::io(io, "dev/x.jsonl")).context("reading the data");
        assert_eq!(
            format!("{e:#}"),
            "reading the data: dev/x.jsonl: no such file"
        );
    }

    #[test]
    fn first_path_wins() {
        let e = Error::config("x").with_path("a").with_path("b");
        assert_eq!(e.path(), Some(Path::new("a")));
    }
}
