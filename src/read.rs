//! Inputs: paths as given on the command line (files, folders, `-` for stdin) → dumps.
//!
//! A folder is read recursively in sorted order; `.gz` files are decompressed. Bytes that are not
//! UTF-8 are replaced (U+FFFD) and the dump says so, so the caller can count it.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where one dump comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Stdin,
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
}

/// One page's text.
#[derive(Clone, Debug)]
pub struct Document {
    pub name: String,
    pub text: String,
    /// Invalid UTF-8 was replaced while decoding.
    pub lossy: bool,
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

/// Reads one dump whole.
pub fn read(source: &Source) -> Result<Document> {
    let mut bytes = Vec::new();
    match source {
        Source::Stdin => {
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(e, "-"))?;
        }
        Source::File(p) => {
            let file = std::fs::File::open(p).map_err(|e| Error::io(e, p))?;
            if p.extension().is_some_and(|e| e == "gz") {
                flate2::read::MultiGzDecoder::new(file)
                    .read_to_end(&mut bytes)
                    .map_err(|e| Error::io(e, p))?;
            } else {
                std::io::BufReader::new(file)
                    .read_to_end(&mut bytes)
                    .map_err(|e| Error::io(e, p))?;
            }
        }
    }
    let (text, lossy) = match String::from_utf8(bytes) {
        Ok(s) => (s, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    };
    Ok(Document {
        name: source.name(),
        text,
        lossy,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

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
    fn invalid_utf8_is_replaced_and_flagged() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.txt");
        std::fs::write(&p, b"caf\xe9 news\n").unwrap();
        let doc = read(&Source::File(p)).unwrap();
        assert!(doc.lossy);
        assert_eq!(doc.text, "caf\u{fffd} news\n");
    }

    #[test]
    fn gzip_is_decompressed_and_truncation_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("d.txt.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), Default::default());
        gz.write_all("Headline\nBody text.\n".repeat(50).as_bytes())
            .unwrap();
        let bytes = gz.finish().unwrap();
        std::fs::write(&p, &bytes).unwrap();
        assert!(read(&Source::File(p.clone()))
            .unwrap()
            .text
            .starts_with("Headline\n"));
        std::fs::write(&p, &bytes[..bytes.len() / 2]).unwrap();
        let e = read(&Source::File(p)).unwrap_err().to_string();
        assert!(e.contains("d.txt.gz"), "{e}");
    }
}
