//! `chaff eval`: score a model on labelled lines (JSONL, as in ../shared/data/dev), like
//! `fasttext test-label` but with the kept-text view by line and by character, per source, and
//! the pages that lose the most news or keep the most noise (`--worst N`); `--report DIR` adds
//! curves, a threshold table and the worst errors; `--compare OLD` shows what changed against
//! another model.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;

use chaff::eval::Report;
use chaff::eval::{self as corpus, Splice};
use chaff::eval::{compare_report, intervals, worst_pages, Evaluation, Judging, WORST_PAGES};
use chaff::Model;

use crate::ModelArgs;

#[derive(clap::Args)]
pub struct Args {
    /// Folder or file of labelled .jsonl / .jsonl.gz lines.
    #[arg(long)]
    data: PathBuf,
    #[command(flatten)]
    model: ModelArgs,
    /// Also write the figures as JSON to this file.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write every line whose keep decision differs from gold to this file (JSONL, with the
    /// line's text, gold and predicted labels, probabilities and page).
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Write report.html, report.json and report.md here: the figures, precision-recall curves
    /// (also as pr-keep.svg and pr-classes.svg), a threshold table, and the worst errors of each
    /// kind with their neighbours.
    #[arg(long, value_name = "DIR")]
    report: Option<PathBuf>,
    /// Also score this model on the same data and show the difference (old → this model).
    #[arg(long, value_name = "OLD_MODEL")]
    compare: Option<PathBuf>,
    /// Judge every page alone, not with the other pages of its site (no repetition evidence).
    #[arg(long)]
    alone: bool,
    /// Use stage 1 and only the first N context stages (0: stage 1 alone), to measure what
    /// the context stages add.
    #[arg(long, value_name = "N")]
    stages: Option<usize>,
    /// Judge each news page as its news lines alone, as another extractor would give it (the
    /// text of corpus shards): the news view's recall is then the share of such text kept.
    /// Pages without news are left out.
    #[arg(long)]
    extracted: bool,
    /// With --extracted: keep only the first N news lines of each page, as a short article or
    /// a brief would be, to measure how pages of a few lines of prose and nothing else are read.
    #[arg(long, value_name = "N", requires = "extracted",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    extracted_lines: Option<usize>,
    /// Judge each news page with spam spliced in, as crawled pages carry it: 3 gambling lines
    /// just above its article (`above`, the default), between its two middle news lines
    /// (`inside`) or right above the product lines (`together`: two kinds of spam side by
    /// side), and 4 product lines just below it, taken from the data's per-page spam
    /// (lines marked `weak`). The gambling and marketplace rows then show how much spam an
    /// article's context lets through. Pages without news are left out.
    #[arg(long, value_name = "WHERE", num_args = 0..=1, default_missing_value = "above",
          conflicts_with = "extracted")]
    spliced: Option<Splice>,
    /// With --spliced: splice the per-page spam of this labelled file or folder instead of
    /// the evaluated data's own (only the kinds it has: a gambling source gives pages with
    /// gambling lines alone), to measure spam a model never saw (`training/leave-one-source-out.sh`).
    /// The gambling and marketplace rows of "kept lines by gold label" then count the spliced
    /// lines, and any the news pages carry of their own.
    #[arg(long, value_name = "FILE", requires = "spliced")]
    spam: Option<PathBuf>,
    /// With --spam: splice only the lines of its pages whose `source` is NAME.
    #[arg(long, value_name = "NAME", requires = "spam")]
    spam_source: Option<String>,
    /// Draw the data's sites N times with replacement for 90% intervals of the kept-text
    /// figures and each class's F1 (and, with --compare, of their changes); 0 for none.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    resamples: usize,
    /// List the N pages that lose the most news characters (with the share of their news lines
    /// labelled furniture, other...) and the N that keep the most noise characters (by gold
    /// label); 0 for none.
    #[arg(long, value_name = "N", default_value_t = WORST_PAGES)]
    worst: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = args.model.model()?;
    let policy = args.model.policy(&model)?;
    let mut pages = corpus::read_pages(&args.data)?;
    if args.extracted {
        pages = pages
            .iter()
            .filter(|p| p.has_news())
            .map(|p| {
                let mut news = p.news_only();
                if let Some(n) = args.extracted_lines {
                    news.lines.truncate(n);
                }
                news
            })
            .collect();
    }
    if let Some(gambling_at) = args.spliced {
        pages = match &args.spam {
            Some(file) => {
                let spam = spam_pages(file, args.spam_source.as_deref())?;
                let spliced = corpus::with_spam_spliced_from(&pages, &spam, gambling_at);
                anyhow::ensure!(
                    !spliced.is_empty(),
                    "--spliced: {} has no news page to splice into",
                    args.data.display()
                );
                spliced
            }
            None => corpus::with_spam_spliced(&pages, gambling_at),
        };
        anyhow::ensure!(
            !pages.is_empty(),
            "--spliced: {} has no news page, or no per-page spam to splice \
             (gambling and marketplace lines marked \"weak\")",
            args.data.display()
        );
    }
    let start = Instant::now();
    let mut errors = match &args.errors {
        Some(p) => Some(BufWriter::new(
            File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => None,
    };
    let mut write_result = Ok(());
    let inspect = |page: &corpus::LabelledPage, verdicts: &[chaff::Verdict]| {
        let Some(out) = errors.as_mut() else { return };
        for (i, (line, v)) in page.lines.iter().zip(verdicts).enumerate() {
            if policy.keep().contains(line.label) == v.kept || write_result.is_err() {
                continue;
            }
            let rec = serde_json::json!({
                "doc": page.doc, "source": page.source, "line": i, "text": line.text,
                "gold": line.label, "predicted": v.label, "kept": v.kept,
                "keep_score": policy.keep_score(&v.probs),
                "suspect": line.suspect, "chars": line.text.chars().count(),
            });
            write_result = writeln!(out, "{rec}");
        }
    };
    let model_name = args
        .model
        .path()
        .map_or("embedded default model".to_string(), |p| {
            p.display().to_string()
        });
    let data_name = args.data.display().to_string();
    let judging = Judging {
        batch: !args.alone,
        stages: args.stages,
    };
    let (eval, report) = match &args.report {
        Some(_) => {
            let r = Report::build_with(
                &model,
                &pages,
                &policy,
                &judging,
                &model_name,
                &data_name,
                inspect,
            );
            (r.evaluation.clone(), Some(r))
        }
        None => (
            Evaluation::run_with(&model, &pages, &policy, &judging, inspect),
            None,
        ),
    };
    if let Some(mut out) = errors {
        write_result
            .and_then(|_| out.flush())
            .context("writing --errors")?;
    }
    let mut text = eval.report();
    let own_intervals = intervals(&eval, None, args.resamples);
    if let Some(iv) = &own_intervals {
        text += &format!("\n{}", iv.report());
    }
    let worst = worst_pages(&eval, args.worst);
    if let Some(w) = &worst {
        text += &format!("\n{}", w.report());
    }
    if let Some(old_path) = &args.compare {
        let old = Model::load(old_path)?;
        let old_policy = args.model.policy(&old)?;
        let old_eval = Evaluation::run_with(&old, &pages, &old_policy, &judging, |_, _| {});
        let changes = intervals(&eval, Some(&old_eval), args.resamples);
        text += &format!(
            "\ncompared with {} (old → this model)\n{}",
            old_path.display(),
            compare_report(&old_eval, &eval, changes.as_ref())
        );
    }
    crate::emit(&text)?;
    eprintln!(
        "chaff: evaluated {} pages in {:.1}s",
        pages.len(),
        start.elapsed().as_secs_f64()
    );
    if let Some(path) = &args.json {
        let json = eval.to_json_with(own_intervals.as_ref(), worst.as_ref())?;
        let text = serde_json::to_string_pretty(&json)?;
        std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))?;
    }
    if let (Some(dir), Some(mut r)) = (&args.report, report) {
        r.intervals = own_intervals;
        r.worst_pages = worst;
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let [keep_plot, class_plot] = r.plots();
        for (name, body) in [
            ("report.html", r.to_html()),
            (
                "report.json",
                serde_json::to_string_pretty(&r.to_json()?)? + "\n",
            ),
            ("report.md", r.to_markdown()),
            keep_plot,
            class_plot,
        ] {
            let path = dir.join(name);
            std::fs::write(&path, body).with_context(|| format!("writing {}", path.display()))?;
        }
        eprintln!(
            "chaff: report written to {}",
            dir.join("report.html").display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The pages of `file` (of `source` alone, if given) whose per-page spam `--spam` splices;
/// an error names the file and says what it lacks.
fn spam_pages(
    file: &std::path::Path,
    source: Option<&str>,
) -> anyhow::Result<Vec<corpus::LabelledPage>> {
    let mut pages = corpus::read_pages(file)?;
    let of_source = match source {
        Some(name) => {
            let sources: std::collections::BTreeSet<String> =
                pages.iter().map(|p| p.source.clone()).collect();
            anyhow::ensure!(
                sources.contains(name),
                "--spam-source: no page of {} has source {name:?} (its sources: {})",
                file.display(),
                sources.into_iter().collect::<Vec<_>>().join(", ")
            );
            pages.retain(|p| p.source == name);
            format!(" of source {name:?}")
        }
        None => String::new(),
    };
    let has_spam = |label| !corpus::per_page_spam(&pages, label).is_empty();
    anyhow::ensure!(
        has_spam(chaff::Label::Gambling) || has_spam(chaff::Label::Marketplace),
        "--spam: {} has no per-page spam{of_source} to splice \
         (gambling or marketplace lines marked \"weak\")",
        file.display()
    );
    Ok(pages)
}
