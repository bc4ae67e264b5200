//! `chaff info`: what a model is — labels, feature sizes, training data and dev scores.

use std::fmt::Write as _;
use std::process::ExitCode;

use chaff::Label;

use crate::ModelArgs;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    model: ModelArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = args.model.model()?;
    let info = model.info();
    let meta = info.training;
    let labels: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
    let mut out = String::new();
    let _ = writeln!(out, "labels\t{}", labels.join(","));
    let _ = writeln!(out, "n-grams\t{}", info.ngrams);
    for (n, inputs) in info.stage_inputs.iter().enumerate() {
        let _ = writeln!(out, "stage {} inputs\t{inputs}", n + 1);
    }
    let _ = writeln!(out, "news threshold\t{:.3}", info.news_threshold);
    let _ = writeln!(
        out,
        "repetition across a batch\t{}",
        if info.uses_repetition {
            "read"
        } else {
            "not read"
        }
    );
    let _ = writeln!(out, "format version\t{}", info.format_version);
    let _ = writeln!(out, "chaff version\t{}", meta.chaff_version);
    let _ = writeln!(
        out,
        "created\t{} UTC (unix time {})",
        utc_date_time(meta.created),
        meta.created
    );
    let _ = writeln!(out, "training time\t{:.1}s", meta.training_seconds);
    if let Some(base) = meta.adapted_from() {
        let _ = writeln!(out, "adapted from\t{base}");
        let _ = writeln!(out, "adapted on\t{}", meta.data_files.join(", "));
        for (site, lines) in &info.adapted_sites {
            let _ = writeln!(
                out,
                "adapted to site\t{site} (recognised by {lines} template lines)"
            );
        }
    } else {
        let _ = writeln!(out, "training data\t{}", meta.data_files.join(", "));
    }
    let _ = writeln!(out, "stage 1 rows\t{:?}", meta.stage1_rows);
    let _ = writeln!(out, "context stage rows\t{:?}", meta.context_rows);
    for (name, score) in &meta.dev_scores {
        let _ = writeln!(out, "dev {name}\t{score:.4}");
    }
    crate::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `YYYY-MM-DD HH:MM:SS` for seconds since the Unix epoch: the docs name models by the date they
/// were made, and a date is what a reader compares (days to civil date: Howard Hinnant's
/// `civil_from_days`).
fn utc_date_time(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        rem / 3_600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::utc_date_time;

    #[test]
    fn unix_times_print_as_utc_dates() {
        assert_eq!(utc_date_time(0), "1970-01-01 00:00:00");
        assert_eq!(utc_date_time(951_782_400), "2000-02-29 00:00:00");
        assert_eq!(utc_date_time(1_795_533_407), "2026-11-24 15:16:47");
    }
}
