//! `chaff filter`: classify every paragraph of each dump; print the kept text or JSONL verdicts.
//!
//! Inputs are files, folders (read recursively) or `-` for stdin; `.gz` is decompressed. An input
//! that cannot be read is reported and skipped, and the run ends with exit code 1; a summary of
//! what was kept and dropped (per label) goes to stderr.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::ValueEnum;

use chaff::read::{self, Source};
use chaff::write::{JsonlSink, Sink, TextSink};
use chaff::{Dump, Label};

use crate::ModelArgs;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// The kept lines, with blank lines kept as separators.
    Text,
    /// One JSON object per paragraph: doc, line, label, probs, kept.
    Jsonl,
}

#[derive(clap::Args)]
pub struct Args {
    /// Dumps to filter: files, folders, or - for stdin.
    #[arg(default_value = "-", value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    model: ModelArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the output here instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// No summary on stderr.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Default)]
struct Summary {
    dumps: u64,
    failed: u64,
    lossy: u64,
    paragraphs: u64,
    kept: u64,
    dropped: [u64; Label::COUNT],
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = args.model.model()?;
    let policy = args.model.policy(&model)?;
    let sources = read::sources(&args.inputs)?;
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let mut sink: Box<dyn Sink> = match args.format {
        Format::Text => Box::new(TextSink::new(out)),
        Format::Jsonl => Box::new(JsonlSink::new(out)),
    };
    let mut summary = Summary::default();
    for source in &sources {
        let doc = match read::read(source) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("chaff: {e} (skipped)");
                summary.failed += 1;
                continue;
            }
        };
        if doc.lossy {
            eprintln!("chaff: {}: invalid UTF-8 replaced with U+FFFD", doc.name);
            summary.lossy += 1;
        }
        let dump = Dump::new(&doc.text);
        let verdicts = model.filter_dump(&dump, &policy);
        summary.dumps += 1;
        for v in &verdicts {
            summary.paragraphs += 1;
            if v.kept {
                summary.kept += 1;
            } else {
                summary.dropped[v.label.index()] += 1;
            }
        }
        sink.dump(&doc.name, &dump, &verdicts)
            .context("writing output")?;
    }
    sink.finish().context("writing output")?;
    if !args.quiet {
        print_summary(&summary, matches!(&sources[..], [Source::Stdin]));
    }
    Ok(if summary.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn print_summary(s: &Summary, stdin_only: bool) {
    let dropped: u64 = s.dropped.iter().sum();
    let by_label: Vec<String> = Label::ALL
        .iter()
        .filter(|l| s.dropped[l.index()] > 0)
        .map(|l| format!("{} {}", l, s.dropped[l.index()]))
        .collect();
    let what = if stdin_only {
        "stdin".to_string()
    } else {
        format!("{} dumps", s.dumps)
    };
    eprintln!(
        "chaff: {what}: {} paragraphs, kept {}, dropped {}{}{}{}",
        s.paragraphs,
        s.kept,
        dropped,
        if by_label.is_empty() {
            String::new()
        } else {
            format!(" ({})", by_label.join(", "))
        },
        if s.lossy > 0 {
            format!("; {} with invalid UTF-8", s.lossy)
        } else {
            String::new()
        },
        if s.failed > 0 {
            format!("; {} inputs failed", s.failed)
        } else {
            String::new()
        },
    );
}
