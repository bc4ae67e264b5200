//! Filter throughput: featurize + classify whole pages with the embedded model.
//!
//!     cargo bench --bench throughput
//!
//! Three inputs: the sample page shipped in `samples/`; the same page in Cyrillic letters (each
//! Latin letter swapped for one, so the text is of another script but keeps its shape); and, when
//! `../shared/data/dev` is present, the first 300 dev pages, each its lines joined (real pages of
//! every source). Criterion reports MB/s.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use chaff::eval as corpus;
use chaff::{Model, Options};

fn dev_pages() -> Option<Vec<String>> {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/dev/htmlclean.jsonl.gz");
    let pages = corpus::read_file(&dev).ok()?;
    Some(
        pages
            .iter()
            .take(300)
            .map(|p| p.texts().join("\n"))
            .collect(),
    )
}

/// `text` with its Latin letters swapped for Cyrillic ones.
fn in_cyrillic(text: &str) -> String {
    const LOWER: &str = "абцдефгхийклмнопярстуввхыз";
    const UPPER: &str = "АБЦДЕФГХИЙКЛМНОПЯРСТУВВХЫЗ";
    let swap = |c: char, letters: &str, a: char| letters.chars().nth(c as usize - a as usize);
    text.chars()
        .map(|c| match c {
            'a'..='z' => swap(c, LOWER, 'a').unwrap_or(c),
            'A'..='Z' => swap(c, UPPER, 'A').unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let model = Model::embedded().expect("embedded model");
    let sample = include_str!("../samples/news-with-spam.txt");
    let mut group = c.benchmark_group("filter");
    group.throughput(Throughput::Bytes(sample.len() as u64));
    group.bench_function("sample page", |b| {
        b.iter(|| model.filter(sample, &Options::new()))
    });
    let cyrillic = in_cyrillic(sample);
    group.throughput(Throughput::Bytes(cyrillic.len() as u64));
    group.bench_function("sample page in Cyrillic", |b| {
        b.iter(|| model.filter(&cyrillic, &Options::new()))
    });
    if let Some(pages) = dev_pages() {
        let bytes: usize = pages.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(10);
        group.bench_function("300 dev pages", |b| {
            b.iter(|| {
                pages
                    .iter()
                    .map(|p| model.filter(p, &Options::new()).len())
                    .sum::<usize>()
            })
        });
    } else {
        eprintln!("../shared/data/dev not found: skipping the dev-pages benchmark");
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
