"""Run chaff as a stage of a Spark job, in-process through the Python bindings (`chaff`).

Documents are first partitioned by site (the host of their URL, `chaff.site_of`), so that all
the pages of a site are in one partition, sorted together. Each partition then judges its sites'
pages with `chaff.Model.filter_batch`, whole sites at a time, in packs of at most one window
(`chaff.WINDOW_BYTES` of text, `chaff.WINDOW_PAGES` pages): every page is judged with all the
other pages of its site, as a single-machine batch run (`chaff filter` on the same documents,
or one `filter_batch` call over them) judges it, whatever the number of partitions.

    from chaff_spark import filter_documents, total_stats
    kept = filter_documents(spark, docs_df)          # id, text, url columns
    stats = total_stats(kept)        # documents, lines kept / dropped per label

The `chaff` module must be installed where the executors run (the wheel built by
`pip wheel ./python`, or a packed environment shipped with the job); a model file other than
the embedded default reaches the executors with `SparkContext.addFile`.
"""

import itertools
import json
import os

from pyspark import SparkFiles

import chaff

LABELS = chaff.LABELS

# The models loaded in this Python worker, by file (None: the embedded one): a worker runs
# many tasks, and a model is loaded once.
_models = {}


def _model(path, keep, threshold):
    key = (path, keep if keep is None or isinstance(keep, str) else tuple(keep), threshold)
    if key not in _models:
        _models[key] = chaff.Model(path, keep=keep, threshold=threshold)
    return _models[key]


def _utf8_len(text):
    """The text's length in UTF-8, as chaff counts a window. Anything but str counts 0:
    filter_batch refuses it, naming it."""
    if not isinstance(text, str):
        return 0
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def site_packs(sites):
    """Packs of whole sites, each judged by one `filter_batch` call as one window: at most
    WINDOW_PAGES pages, and less than WINDOW_BYTES of text so that no page before the last
    closes the window. A site too big for one window is a pack of its own, cut into windows
    in its pages' order, as `chaff filter` would cut it.

    `sites` yields lists of pages (id, text, url) of one site each."""
    pack, pages, size = [], 0, 0
    for site in sites:
        site_size = sum(_utf8_len(text) for _, text, _ in site)
        too_big = pages + len(site) > chaff.WINDOW_PAGES or size + site_size >= chaff.WINDOW_BYTES
        if pack and too_big:
            yield pack
            pack, pages, size = [], 0, 0
        pack.extend(site)
        pages += len(site)
        size += site_size
    if pack:
        yield pack


def filter_partition(pages_by_site, model):
    """Judges one partition's pages, given as (site, (id, text, url)) sorted by site; yields one
    dict per page: id, kept text, and the chaff attribute (as `chaff filter --format docs`)."""
    sites = ([page for _, page in group]
             for _, group in itertools.groupby(pages_by_site, key=lambda kv: kv[0]))
    for pack in site_packs(sites):
        texts = [text for _, text, _ in pack]
        # One thread: Spark already runs one task per core.
        judged = model.filter_batch(texts, [url for _, _, url in pack], threads=1)
        for (doc_id, text, _), verdicts in zip(pack, judged):
            yield {"id": doc_id, "kept_text": chaff.kept_text(text, verdicts),
                   "chaff": chaff.attribute(verdicts)}


def filter_documents(spark, docs, model=None, id_field="id", text_field="text", url_field="url",
                     partitions=None, keep=None, threshold=None):
    """Filters a DataFrame of documents (an id, a text and, if present, a URL column); returns a
    DataFrame of (id, kept_text, chaff JSON, paragraphs, kept, dropped_<label>...).

    Documents are partitioned by site first (`partitions`, default: as many as `docs` has), so
    a site's pages are judged together, wherever they started. `model` is a model file (shipped
    to the executors with addFile) or None for the embedded default; `keep` and `threshold` as
    `chaff.Model`."""
    sc = spark.sparkContext
    # The executors import this module to run the partitions: ship it with the job.
    sc.addPyFile(os.path.abspath(__file__))
    model_name = None
    if model is not None:
        sc.addFile(os.path.abspath(model))
        model_name = os.path.basename(model)
    has_url = url_field in docs.columns
    columns = [id_field, text_field] + ([url_field] if has_url else [])
    partitions = partitions or docs.rdd.getNumPartitions()

    def keyed(row):
        url = row[url_field] if has_url else None
        return chaff.site_of(url), (row[id_field], row[text_field], url)

    def run(pages_by_site):
        judge = _model(SparkFiles.get(model_name) if model_name else None, keep, threshold)
        for rec in filter_partition(pages_by_site, judge):
            attr = rec["chaff"]
            # In the order of _schema's columns.
            yield (rec["id"], rec["kept_text"], json.dumps(attr), attr["paragraphs"],
                   attr["kept"], *(attr["dropped"].get(label, 0) for label in LABELS))

    # Every page of a site lands in one partition (by the site's hash), sorted by site there,
    # so a partition streams its sites one after the other.
    by_site = docs.select(*columns).rdd.map(keyed).repartitionAndSortWithinPartitions(
        numPartitions=partitions)
    return spark.createDataFrame(by_site.mapPartitions(run), _schema(docs, id_field))


def _schema(docs, id_field):
    """The output's columns, given rather than inferred (inferring would run the job twice)."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType
    fields = [
        StructField(id_field, docs.schema[id_field].dataType),
        StructField("kept_text", StringType()),
        StructField("chaff", StringType()),
        StructField("paragraphs", LongType()),
        StructField("kept", LongType()),
    ]
    fields += [StructField("dropped_" + label, LongType()) for label in LABELS]
    return StructType(fields)


def partition_stats(kept_df):
    """Per-partition totals (documents, paragraphs, kept, dropped per label), computed on the
    executors; the driver gets one small dict per partition."""
    def stats(rows):
        s = {"documents": 0, "paragraphs": 0, "kept": 0}
        s.update({"dropped_" + l: 0 for l in LABELS})
        for r in rows:
            s["documents"] += 1
            s["paragraphs"] += r["paragraphs"]
            s["kept"] += r["kept"]
            for l in LABELS:
                s["dropped_" + l] += r["dropped_" + l]
        yield s
    return kept_df.rdd.mapPartitions(stats).collect()


def total_stats(kept_df):
    """The per-partition stats, added up by the driver."""
    total = {}
    for s in partition_stats(kept_df):
        for k, v in s.items():
            total[k] = total.get(k, 0) + v
    return total
