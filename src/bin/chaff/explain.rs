//! `chaff explain`: why a line got its label — the features that pushed it most in each stage.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _};

use chaff::Page;

use crate::ModelArgs;

#[derive(clap::Args)]
pub struct Args {
    /// The line to explain, judged alone (or use --line N with a file, to judge it in its page).
    #[arg(value_name = "TEXT", required_unless_present = "file")]
    text: Option<String>,
    /// The page the line is in (with --line).
    #[arg(long, requires = "line", conflicts_with = "text", value_name = "FILE")]
    file: Option<PathBuf>,
    /// 1-based line number in --file (blank lines count, as in `filter --format jsonl`).
    #[arg(long, requires = "file", value_name = "N")]
    line: Option<usize>,
    /// Features to show each way, per stage.
    #[arg(long, default_value_t = 8, value_name = "N")]
    top: usize,
    /// Print the explanation as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    model: ModelArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = args.model.model()?;
    let (text, line_no) = match (&args.text, &args.file, args.line) {
        (Some(text), _, _) => (text.clone(), 1),
        (None, Some(file), Some(n)) => {
            let bytes =
                std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
            (String::from_utf8_lossy(&bytes).into_owned(), n)
        }
        _ => bail!("give a line of text, or --file FILE --line N"),
    };
    let page = Page::new(&text);
    let lines = page.lines();
    let Some(i) = lines.iter().position(|l| l.number == line_no) else {
        bail!(
            "line {line_no} is blank or past the end of the page ({} lines)",
            page.all_lines().len()
        );
    };
    let texts: Vec<&str> = lines.iter().map(|l| l.view()).collect();
    let policy = args.model.policy(&model)?;
    let Some(mut e) = model.explain(&texts, i, args.top, &policy) else {
        bail!("line {line_no} could not be explained");
    };
    e.line = line_no;
    let text = if args.json {
        serde_json::to_string_pretty(&e)? + "\n"
    } else {
        format!(
            "{}\n{} (keep {} at P >= {:.3})\n",
            e.report(),
            if policy.keeps(&e.probs) {
                "kept"
            } else {
                "dropped"
            },
            policy.keep(),
            policy.threshold()
        )
    };
    crate::emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
