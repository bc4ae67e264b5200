//! JSONL, as Dolma, FineWeb and most corpus pipelines write their documents: one JSON object per
//! line, one page, its text in a string field, any other fields alongside (kept for the output).

use serde_json::{Map, Value};

use super::{decode, read_line_capped, skip_line, Envelope, Input, Record};

/// A JSONL line longer than this is refused (named, and skippable like any bad record).
pub const MAX_RECORD_BYTES: usize = 256 << 20;
use crate::error::{Error, ErrorKind, Result};

/// Reads JSONL records. Blank lines are skipped; a malformed line is an error naming the file
/// and line, after which reading goes on with the next line.
pub struct Reader {
    input: Input,
    name: String,
    field: String,
    line: u64,
    buf: Vec<u8>,
    done: bool,
    max_record: usize,
}

impl Reader {
    /// Reads records from `input`, named `name` in errors, their text in `text_field`.
    pub fn new(input: Input, name: String, text_field: &str) -> Reader {
        Reader {
            input,
            name,
            field: text_field.to_string(),
            line: 0,
            buf: Vec::new(),
            done: false,
            max_record: MAX_RECORD_BYTES,
        }
    }

    /// Refuses lines longer than `bytes` (default [`MAX_RECORD_BYTES`]).
    pub fn with_max_record(mut self, bytes: usize) -> Reader {
        self.max_record = bytes;
        self
    }

    fn bad(&self, msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::BadRecord(msg.into()))
            .with_path(&self.name)
            .with_line(self.line)
    }

    fn parse(&self, bytes: Vec<u8>) -> Result<Record> {
        // Invalid UTF-8 inside a record is replaced and counted, like in plain text.
        // A NUL byte is invalid JSON anyway; say what it is.
        let (line, invalid_utf8) =
            decode(bytes).map_err(|k| Error::new(k).with_path(&self.name).with_line(self.line))?;
        let fields: Map<String, Value> = match serde_json::from_str(&line) {
            Ok(Value::Object(m)) => m,
            Ok(_) => return Err(self.bad("not a JSON object")),
            Err(e) => return Err(self.bad(e.to_string())),
        };
        let text = match fields.get(&self.field) {
            // An escaped NUL (\u0000) is binary data, as a raw one would be.
            Some(Value::String(s)) if s.contains('\0') => {
                let at = s.find('\0').unwrap_or(0) as u64;
                return Err(Error::new(ErrorKind::Binary { offset: at })
                    .with_path(&self.name)
                    .with_line(self.line));
            }
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => {
                return Err(self.bad(format!(
                    "no {:?} field (choose the text field with --text-field)",
                    self.field
                )))
            }
            Some(_) => return Err(self.bad(format!("field {:?} is not a string", self.field))),
        };
        Ok(Record {
            name: format!("{}:{}", self.name, self.line),
            text,
            invalid_utf8,
            envelope: Envelope::Jsonl { fields },
        })
    }
}

impl Iterator for Reader {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        while !self.done {
            self.buf.clear();
            match read_line_capped(&mut self.input, &mut self.buf, self.max_record) {
                Ok(0) => self.done = true,
                Ok(n) if n > self.max_record => {
                    self.line += 1;
                    self.buf = Vec::new();
                    if let Err(e) = skip_line(&mut self.input) {
                        self.done = true;
                        return Some(Err(Error::io(e, &self.name).with_line(self.line)));
                    }
                    let max = self.max_record;
                    return Some(Err(self.bad(format!("record longer than {max} bytes"))));
                }
                Ok(_) => {
                    self.line += 1;
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let bytes = std::mem::take(&mut self.buf);
                    return Some(self.parse(bytes));
                }
                Err(e) => {
                    // A truncated or corrupt compressed stream: the rest cannot be read.
                    self.done = true;
                    return Some(Err(Error::io(e, &self.name).with_line(self.line + 1)));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &[u8]) -> Vec<Result<Record>> {
        Reader::new(
            Box::new(std::io::Cursor::new(text.to_vec())),
            "s.jsonl".into(),
            "text",
        )
        .collect()
    }

    #[test]
    fn records_keep_their_fields_and_line_names() {
        let records =
            read(b"{\"id\": \"a\", \"text\": \"Hello\\nWorld\", \"n\": 1}\n\n{\"text\": \"x\"}\n");
        assert_eq!(records.len(), 2);
        let a = records[0].as_ref().unwrap();
        assert_eq!(
            (a.name.as_str(), a.text.as_str()),
            ("s.jsonl:1", "Hello\nWorld")
        );
        match &a.envelope {
            Envelope::Jsonl { fields } => assert_eq!(fields["n"], 1),
            e => panic!("{e:?}"),
        }
        assert_eq!(records[1].as_ref().unwrap().name, "s.jsonl:3");
    }

    #[test]
    fn an_enormous_line_is_refused_and_reading_goes_on() {
        let text = format!(
            "{{\"text\": \"{}\"}}\n{{\"text\": \"short\"}}\n",
            "x".repeat(5000)
        );
        let records: Vec<Result<Record>> = Reader::new(
            Box::new(std::io::Cursor::new(text.into_bytes())),
            "s.jsonl".into(),
            "text",
        )
        .with_max_record(1000)
        .collect();
        assert_eq!(records.len(), 2);
        let e = records[0].as_ref().unwrap_err().to_string();
        assert_eq!(e, "s.jsonl:1: bad record: record longer than 1000 bytes");
        let ok = records[1].as_ref().unwrap();
        assert_eq!((ok.name.as_str(), ok.text.as_str()), ("s.jsonl:2", "short"));
    }

    #[test]
    fn bad_lines_are_errors_with_their_line_and_reading_goes_on() {
        let records = read(b"{\"text\": \"ok\"}\n{\"text\": \nnot json\n[1]\n{\"body\": \"x\"}\n{\"text\": 3}\n{\"text\": \"end\"}");
        let errors: Vec<String> = records
            .iter()
            .filter_map(|d| d.as_ref().err().map(|e| e.to_string()))
            .collect();
        assert_eq!(errors.len(), 5, "{errors:?}");
        assert!(
            errors[0].starts_with("s.jsonl:2: bad record"),
            "{}",
            errors[0]
        );
        assert!(errors[3].contains("no \"text\" field"), "{}", errors[3]);
        assert!(errors[4].contains("not a string"), "{}", errors[4]);
        assert_eq!(records.last().unwrap().as_ref().unwrap().text, "end");
    }
}
