//! `chaff filter`: classify every line of each page; write the kept text (or per-line verdicts,
//! filtered JSONL pages, filtered WARC) and, on request, every dropped line.
//!
//! Exit codes: 0 when every input was read whole; 2 when some inputs or records were skipped
//! (each is named on stderr and counted in the summary; the output holds everything else);
//! 1 on an error that stops the run (a malformed record without `--skip-bad-records`, a write
//! failure, a bad model), in which case no output file is left behind.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use clap::ValueEnum;

use chaff::read::{self, ByteCounter, InputFormat, ReadOptions, Record, Source};
use chaff::write::{
    HtmlSink, LabelSink, LineSink, Output, PageSink, RejectsSink, Sink, TextSink, WarcSink,
};
use chaff::{Batch, Filtered};
use chaff::{ErrorKind, Label, Page};

use crate::ModelArgs;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// As the input: text for plain text, docs for JSONL, warc for WARC (or as -o's name).
    Auto,
    /// The kept lines, with blank lines kept as separators; pages separated by a blank line.
    Text,
    /// One JSON object per line: doc, line, label, probs, kept.
    Jsonl,
    /// One JSON object per page (a corpus pipeline's document): its fields, the text replaced by
    /// the kept text, and a `chaff` field with per-line labels.
    Docs,
    /// WARC records with each page's body filtered (WARC input only).
    Warc,
    /// A review page: every line coloured by label, dropped lines struck through, the
    /// probabilities on hover.
    Html,
    /// One JSON object per line in the training schema (doc, site, line, text, label,
    /// probs), for a person to correct and `chaff-train --from` to adapt to.
    Labels,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// By file name: .jsonl/.ndjson/.json are JSONL, .warc/.wet are WARC, the rest plain text.
    Auto,
    Text,
    Jsonl,
    Warc,
}

#[derive(clap::Args)]
pub struct Args {
    /// Inputs: files, folders (read recursively), or - for stdin. Plain text (one page per
    /// file), JSONL (one page per line) or WARC/WET; gzip and zstd are decompressed.
    #[arg(default_value = "-", value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    model: ModelArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    format: Format,
    /// How inputs are laid out.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    input_format: InputFormatArg,
    /// The JSONL field that holds a page's text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_field: String,
    /// Write the output here instead of stdout (.gz and .zst are compressed). The file appears
    /// only when the run completes.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write every dropped line here, as JSONL: doc, line, label, probs, text.
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
    /// Skip malformed JSONL records (counted and named on stderr) instead of stopping.
    #[arg(long)]
    skip_bad_records: bool,
    /// Invalid UTF-8 stops the run (naming the page and byte) instead of being replaced.
    #[arg(long)]
    strict: bool,
    /// Judge every page alone. Otherwise, with a model trained with repetition (the default
    /// model), pages are judged in windows of 32 MB of text, where a line that recurs on the
    /// pages of its site (URL host; plain files: the whole window) reads as furniture.
    #[arg(long)]
    alone: bool,
    /// Keep repetition evidence between runs: how often each line recurs on the pages of its
    /// site is read from FILE (if it exists), added to by this run's pages, and written back
    /// when the run ends, so pages filtered a few at a time are judged as in one batch.
    #[arg(long, value_name = "FILE", conflicts_with = "alone")]
    site_memory: Option<PathBuf>,
    /// Classification threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    threads: usize,
    /// No progress bar and no summary on stderr.
    #[arg(long, short)]
    quiet: bool,
}

/// `chaff label`: the verdicts on pages in the training schema, or as a review page.
#[derive(clap::Args)]
pub struct LabelArgs {
    /// Pages: files, folders (read recursively), or - for stdin, as `chaff filter` reads them.
    #[arg(required = true, value_name = "PAGE")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    model: ModelArgs,
    /// Where to write: a .jsonl file of labels to correct (doc, site, line, text, label, probs,
    /// one object per line), or a .html review page of the same labels.
    #[arg(long, short, value_name = "FILE")]
    output: PathBuf,
    /// Judge every page alone (see `chaff filter --alone`).
    #[arg(long)]
    alone: bool,
    /// No summary on stderr.
    #[arg(long, short)]
    quiet: bool,
}

/// `chaff label` is `chaff filter` writing the labels (or the review page) to its output.
pub fn label(args: LabelArgs) -> anyhow::Result<ExitCode> {
    let name = args.output.to_string_lossy().to_ascii_lowercase();
    let format = if name.ends_with(".html") || name.ends_with(".htm") {
        Format::Html
    } else {
        Format::Labels
    };
    run(Args {
        inputs: args.inputs,
        model: args.model,
        format,
        input_format: InputFormatArg::Auto,
        text_field: "text".into(),
        output: Some(args.output),
        rejects: None,
        skip_bad_records: false,
        strict: false,
        alone: args.alone,
        site_memory: None,
        threads: 0,
        quiet: args.quiet,
    })
}

#[derive(Default)]
struct Summary {
    pages: u64,
    passed: u64,
    skipped: u64,
    lossy: u64,
    cut: u64,
    bytes: u64,
    lines: u64,
    kept: [u64; Label::COUNT],
    dropped: [u64; Label::COUNT],
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = args.model.model()?;
    let policy = args.model.policy(&model)?;
    let sources = read::sources(&args.inputs)?;
    let formats: Vec<InputFormat> = sources
        .iter()
        .map(|s| match args.input_format {
            InputFormatArg::Auto => match s {
                Source::Stdin => InputFormat::Text,
                Source::File(p) => InputFormat::of_name(&p.to_string_lossy()),
            },
            InputFormatArg::Text => InputFormat::Text,
            InputFormatArg::Jsonl => InputFormat::Jsonl,
            InputFormatArg::Warc => InputFormat::Warc,
        })
        .collect();
    let format = output_format(args.format, args.output.as_deref(), &formats);
    if format == Format::Warc {
        if let Some((s, _)) = sources
            .iter()
            .zip(&formats)
            .find(|(_, f)| **f != InputFormat::Warc)
        {
            bail!(
                "--format warc needs WARC input, and {} is not WARC (set --input-format warc if it is)",
                s.name()
            );
        }
    }

    let out = match &args.output {
        Some(p) => Output::create(p)?,
        None => Output::stdout(),
    };
    let mut sink: Box<dyn Sink> = match format {
        Format::Text | Format::Auto => Box::new(TextSink::new(out)),
        Format::Jsonl => Box::new(LineSink::new(out)),
        Format::Docs => Box::new(PageSink::new(out, &args.text_field)),
        Format::Warc => Box::new(WarcSink::new(out)),
        Format::Html => Box::new(HtmlSink::new(out)),
        Format::Labels => Box::new(LabelSink::new(out)),
    };
    let mut rejects: Option<Box<dyn Sink>> = match &args.rejects {
        Some(p) => Some(Box::new(RejectsSink::new(Output::create(p)?))),
        None => None,
    };

    let counter = ByteCounter::default();
    let read_options = ReadOptions {
        text_field: args.text_field.clone(),
        strict: args.strict,
    };
    let total: Option<u64> = sources.iter().map(Source::size).sum();
    let progress = Progress::new(!args.quiet && std::io::stderr().is_terminal(), total);
    let records = sources.iter().zip(&formats).flat_map(|(source, &format)| {
        match read::records(source, format, &read_options, &counter) {
            Ok(records) => records,
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    });
    let batch = Batch {
        threads: args.threads,
        // With a model that reads repetition, pages are judged with the other pages of their
        // site in windows of the stream; `--alone` judges every page on its own.
        window_bytes: if args.alone {
            0
        } else {
            Batch::default().window_bytes
        },
        ..Batch::default()
    };
    let mut memory = match &args.site_memory {
        Some(p) if p.exists() => Some(chaff::load_memories(p)?),
        Some(_) => Some(Default::default()),
        None => None,
    };
    let start = Instant::now();
    let mut summary = Summary::default();
    batch.run(records, &model, &policy, memory.as_mut(), |item| {
        let Filtered { record, verdicts } = match item {
            Ok(f) => f,
            Err(e) => {
                let stop = match e.kind() {
                    ErrorKind::BadRecord(_) => !args.skip_bad_records,
                    ErrorKind::InvalidUtf8 { .. } => true, // only raised with --strict
                    _ => false,
                };
                if stop {
                    return Err(e);
                }
                progress.println(&format!("chaff: {e} (skipped)"));
                summary.skipped += 1;
                return Ok(());
            }
        };
        let page = Page::new(&record.text);
        summary.add(&record, &page, &verdicts);
        // Replaced bytes lose nothing: the first pages are named, the rest only counted.
        if record.lossy() && summary.lossy <= LOSSY_NAMED {
            progress.println(&format!(
                "chaff: {}: invalid UTF-8 replaced with U+FFFD{}",
                record.name,
                if summary.lossy == LOSSY_NAMED {
                    " (further pages with invalid UTF-8 are only counted)"
                } else {
                    ""
                }
            ));
        }
        let io = |e: std::io::Error| chaff::Error::from(e).with_path(output_name(&args.output));
        sink.write(&record, &page, &verdicts).map_err(io)?;
        if let Some(r) = rejects.as_mut() {
            r.write(&record, &page, &verdicts)
                .map_err(|e| chaff::Error::from(e).with_path(output_name(&args.rejects)))?;
        }
        progress.update(&summary, counter.get(), start.elapsed());
        Ok(())
    })?;
    progress.finish();
    sink.finish()
        .with_context(|| format!("writing {}", output_name(&args.output)))?;
    if let Some(r) = rejects {
        r.finish()
            .with_context(|| format!("writing {}", output_name(&args.rejects)))?;
    }
    if let (Some(path), Some(memory)) = (&args.site_memory, &memory) {
        chaff::save_memories(memory, path)?;
    }
    if !args.quiet {
        eprintln!("{}", summary.report(start.elapsed()));
        if let (Some(path), Some(memory)) = (&args.site_memory, &memory) {
            let pages: u64 = memory.values().map(|m| u64::from(m.pages())).sum();
            let lines: usize = memory.values().map(|m| m.len()).sum();
            eprintln!(
                "site memory {}: {} sites, {pages} pages, {lines} distinct lines",
                path.display(),
                memory.len()
            );
        }
    }
    Ok(if summary.skipped > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Pages with invalid UTF-8 named on stderr; the summary counts them all.
const LOSSY_NAMED: u64 = 20;

fn output_name(path: &Option<PathBuf>) -> String {
    path.as_ref()
        .map_or("stdout".to_string(), |p| p.display().to_string())
}

/// `--format auto`: as `-o`'s name says (.jsonl → pages as JSONL, .warc/.wet → WARC, .html →
/// review page), else as the inputs are (JSONL → pages as JSONL, WARC → WARC, plain text or a mix
/// → text).
fn output_format(asked: Format, output: Option<&Path>, inputs: &[InputFormat]) -> Format {
    if asked != Format::Auto {
        return asked;
    }
    if let Some(p) = output {
        let name = p.to_string_lossy().to_ascii_lowercase();
        if name.ends_with(".html") || name.ends_with(".htm") {
            return Format::Html;
        }
        match InputFormat::of_name(&name) {
            InputFormat::Jsonl => return Format::Docs,
            InputFormat::Warc => return Format::Warc,
            InputFormat::Text => {}
        }
    }
    match inputs {
        [first, rest @ ..] if rest.iter().all(|f| f == first) => match first {
            InputFormat::Text => Format::Text,
            InputFormat::Jsonl => Format::Docs,
            InputFormat::Warc => Format::Warc,
        },
        _ => Format::Text,
    }
}

impl Summary {
    fn add(&mut self, record: &Record, page: &Page, verdicts: &[chaff::Verdict]) {
        if !record.is_page() {
            self.passed += 1;
            return;
        }
        self.pages += 1;
        self.bytes += record.text.len() as u64;
        self.lossy += u64::from(record.lossy());
        self.cut += page.lines().iter().filter(|l| l.is_cut()).count() as u64;
        for v in verdicts {
            self.lines += 1;
            if v.kept {
                self.kept[v.label.index()] += 1;
            } else {
                self.dropped[v.label.index()] += 1;
            }
        }
    }

    fn report(&self, elapsed: Duration) -> String {
        let kept: u64 = self.kept.iter().sum();
        let dropped: u64 = self.dropped.iter().sum();
        let share = |n: u64| 100.0 * n as f64 / self.lines.max(1) as f64;
        let mut s = format!(
            "chaff: {} pages, {} lines: kept {} ({:.1}%), dropped {} ({:.1}%)",
            self.pages,
            self.lines,
            kept,
            share(kept),
            dropped,
            share(dropped)
        );
        let by_label: Vec<String> = Label::ALL
            .iter()
            .filter(|l| self.dropped[l.index()] > 0)
            .map(|l| format!("{l} {}", self.dropped[l.index()]))
            .collect();
        if !by_label.is_empty() {
            s += &format!(" [{}]", by_label.join(", "));
        }
        let secs = elapsed.as_secs_f64().max(1e-9);
        s += &format!(
            "; {:.1} MB of text in {:.1}s, {:.1} MB/s",
            self.bytes as f64 / 1e6,
            secs,
            self.bytes as f64 / 1e6 / secs
        );
        for (n, what) in [
            (self.passed, "other WARC records passed through"),
            (self.lossy, "pages with invalid UTF-8 replaced"),
            (self.cut, "lines over 1 MiB classified by their start"),
            (self.skipped, "inputs or records skipped"),
        ] {
            if n > 0 {
                s += &format!("; {n} {what}");
            }
        }
        s
    }
}

/// A progress bar on a terminal (pages, MB read, MB/s, ETA); nothing otherwise.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(show: bool, total: Option<u64>) -> Progress {
        if !show {
            return Progress(None);
        }
        let bar = match total {
            Some(n) => indicatif::ProgressBar::new(n),
            None => indicatif::ProgressBar::no_length(),
        };
        let template = if total.is_some() {
            "{bar:30} {bytes}/{total_bytes} read, {msg}, ETA {eta}"
        } else {
            "{spinner} {bytes} read, {msg}"
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress(Some(bar))
    }

    fn update(&self, s: &Summary, read: u64, elapsed: Duration) {
        if let Some(bar) = &self.0 {
            bar.set_position(read);
            bar.set_message(format!(
                "{} pages, {:.1} MB/s of text",
                s.pages,
                s.bytes as f64 / 1e6 / elapsed.as_secs_f64().max(1e-9)
            ));
        }
    }

    /// Prints a line above the bar (or plainly, without one).
    fn println(&self, line: &str) {
        match &self.0 {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
