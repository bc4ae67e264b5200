//! Python bindings of chaff: the compiled module `chaff._chaff`, which `chaff/__init__.py`
//! re-exports. A thin layer over the library: pages go in as Python strings, the library's
//! [`Batch`] judges them (on all cores, the GIL released), and verdicts come back as Python
//! objects. The library itself knows nothing of Python.

use std::borrow::Cow;
use std::path::PathBuf;

use pyo3::create_exception;
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use chaff::internals::WINDOW_RECORDS;
use chaff::read::{Envelope, Record};
use chaff::Batch;
use chaff::{ErrorKind, Label, LabelSet, Options, Page, Policy};

create_exception!(
    chaff,
    ChaffError,
    PyValueError,
    "An error chaff reports: a model file that is not one or is damaged, a bad setting."
);

/// chaff's error as a Python exception, with chaff's message: a file that cannot be read is an
/// `OSError` (`FileNotFoundError` when missing), anything else a [`ChaffError`].
fn py_err(e: chaff::Error) -> PyErr {
    let message = e.to_string();
    match e.kind() {
        ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
            PyFileNotFoundError::new_err(message)
        }
        ErrorKind::Io(_) => PyOSError::new_err(message),
        _ => ChaffError::new_err(message),
    }
}

/// A page's text as Rust reads it. Anything but `str` is refused with what it was, so that
/// `None` or undecoded `bytes` fail loudly instead of being judged as some other text. Lone
/// surrogates (from `surrogateescape` decoding) become U+FFFD, as invalid UTF-8 does in
/// `chaff filter`.
fn page_text(value: &Bound<'_, PyAny>, what: impl FnOnce() -> String) -> PyResult<String> {
    let Ok(text) = value.cast::<PyString>() else {
        let type_name = value.get_type().name()?;
        let hint = if type_name == "bytes" || type_name == "bytearray" {
            " (decode it first, e.g. text.decode(\"utf-8\", \"replace\"))"
        } else {
            ""
        };
        return Err(PyTypeError::new_err(format!(
            "chaff: {} must be str, not {type_name}{hint}",
            what()
        )));
    };
    match text.to_cow() {
        Ok(text) => Ok(text.into_owned()),
        Err(_) => replacing_surrogates(text),
    }
}

/// A string with lone surrogates, each replaced by one U+FFFD: read as UTF-16, where a lone
/// surrogate is one unit (PyO3's `to_string_lossy` would give three, one per UTF-8 byte).
fn replacing_surrogates(text: &Bound<'_, PyString>) -> PyResult<String> {
    let utf16 = text.call_method1("encode", ("utf-16-le", "surrogatepass"))?;
    let bytes: Vec<u8> = utf16.extract()?;
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .collect();
    Ok(String::from_utf16_lossy(&units))
}

/// The model's decision on one line (a non-blank line) of a page.
#[pyclass(module = "chaff", name = "Verdict", frozen, eq)]
#[derive(PartialEq)]
struct PyVerdict(chaff::Verdict);

#[pymethods]
impl PyVerdict {
    /// 1-based line number in the page, blank lines counted.
    #[getter]
    fn line(&self) -> usize {
        self.0.line
    }

    /// The label the policy gives the line (news, furniture, gambling, marketplace or other): a
    /// kept line the most probable kept label, a dropped line the most probable of the others.
    #[getter]
    fn label(&self) -> &'static str {
        self.0.label.as_str()
    }

    /// Whether the model's policy keeps the line.
    #[getter]
    fn kept(&self) -> bool {
        self.0.kept
    }

    /// The probability of each label, by name. Built on each access: a batch creates one
    /// verdict per line, and most callers never read the probabilities.
    #[getter]
    fn probs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let probs = PyDict::new(py);
        for label in Label::ALL {
            probs.set_item(label.as_str(), self.0.prob(label))?;
        }
        Ok(probs)
    }

    /// `{"line", "label", "probs", "kept"}`, as `chaff filter --format jsonl` writes a line
    /// (without its `doc`, and with the probabilities unrounded).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("line", self.0.line)?;
        dict.set_item("label", self.label())?;
        dict.set_item("probs", self.probs(py)?)?;
        dict.set_item("kept", self.0.kept)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        let probs: Vec<String> = Label::ALL
            .iter()
            .map(|&l| format!("'{l}': {:.4}", self.0.prob(l)))
            .collect();
        format!(
            "Verdict(line={}, label='{}', kept={}, probs={{{}}})",
            self.0.line,
            self.0.label,
            if self.0.kept { "True" } else { "False" },
            probs.join(", ")
        )
    }
}

/// The verdicts of a list of [`PyVerdict`], in order.
fn verdicts_of(list: &Bound<'_, PyAny>) -> PyResult<Vec<chaff::Verdict>> {
    list.try_iter()?
        .map(|item| {
            let item = item?;
            let verdict = item.cast::<PyVerdict>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "chaff: verdicts must be chaff.Verdict objects (as Model.filter returns), \
                     not {}",
                    item.get_type()
                        .name()
                        .map_or("?".to_string(), |n| n.to_string())
                ))
            })?;
            Ok(verdict.get().0)
        })
        .collect()
}

/// The verdicts as Python objects, one list per page.
fn py_verdicts<'py>(
    py: Python<'py>,
    pages: Vec<Vec<chaff::Verdict>>,
) -> PyResult<Bound<'py, PyList>> {
    let lists = pages
        .into_iter()
        .map(|verdicts| PyList::new(py, verdicts.into_iter().map(PyVerdict)))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, lists)
}

/// A trained line classifier and the policy that keeps lines: the embedded default model, or a
/// model file written by `chaff-train`.
#[pyclass(module = "chaff", name = "Model", frozen)]
struct PyModel {
    model: Cow<'static, chaff::Model>,
    policy: Policy,
    path: Option<PathBuf>,
}

#[pymethods]
impl PyModel {
    /// `path`: a model file (default: the model embedded in chaff). `keep`: the labels whose
    /// lines are kept (a list of names or "news,other"; default news); `threshold`: the summed
    /// probability of those labels a line needs (default: the model's own news threshold when
    /// keeping news only, else 0.5), as `chaff filter --keep/--threshold`.
    #[new]
    #[pyo3(signature = (path=None, *, keep=None, threshold=None))]
    fn new(
        py: Python<'_>,
        path: Option<PathBuf>,
        keep: Option<&Bound<'_, PyAny>>,
        threshold: Option<f32>,
    ) -> PyResult<PyModel> {
        let keep = match keep {
            None => LabelSet::only(Label::News),
            Some(keep) => label_set(keep)?,
        };
        let model = match &path {
            Some(p) => {
                let p = p.clone();
                Cow::Owned(py.detach(move || chaff::Model::load(p)).map_err(py_err)?)
            }
            None => Cow::Borrowed(chaff::Model::embedded().map_err(py_err)?),
        };
        let threshold = match threshold {
            Some(t) => t,
            None if keep == LabelSet::only(Label::News) => model.default_policy().threshold(),
            None => 0.5,
        };
        let policy = Policy::new(keep, threshold).map_err(py_err)?;
        Ok(PyModel {
            model,
            policy,
            path,
        })
    }

    /// The verdict on every line (every non-blank line) of one page, judged alone.
    fn filter<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let text = page_text(text, || "text".to_string())?;
        let verdicts = py.detach(|| {
            self.model
                .filter(&text, &Options::new().policy(self.policy))
        });
        PyList::new(py, verdicts.into_iter().map(PyVerdict))
    }

    /// The kept text of one page, judged alone: its kept lines and its blank lines.
    fn kept_text(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
        let text = page_text(text, || "text".to_string())?;
        Ok(py.detach(|| {
            let verdicts = self
                .model
                .filter(&text, &Options::new().policy(self.policy));
            chaff::write::kept_text(&text, &verdicts)
        }))
    }

    /// The verdicts on many pages, one list per page, in order, judged on `threads` cores (0:
    /// all) with the GIL released. As `chaff filter` does, each page is judged with the other
    /// pages of its site (the host of its URL in `urls`; pages without one form one site) in
    /// windows of `WINDOW_BYTES` of text or `WINDOW_PAGES` pages: a line that recurs across a
    /// site's pages reads as furniture. `alone=True` judges every page on its own
    /// (`chaff filter --alone`).
    #[pyo3(signature = (texts, urls=None, *, threads=0, alone=false))]
    fn filter_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        urls: Option<&Bound<'py, PyAny>>,
        threads: usize,
        alone: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let texts = texts
            .try_iter()?
            .enumerate()
            .map(|(i, text)| page_text(&text?, || format!("texts[{i}]")))
            .collect::<PyResult<Vec<String>>>()?;
        let urls = match urls {
            None => vec![None; texts.len()],
            Some(urls) => page_urls(urls, texts.len())?,
        };
        let records: Vec<Record> = texts
            .into_iter()
            .zip(urls)
            .enumerate()
            .map(|(i, (text, url))| page_record(format!("texts[{i}]"), text, url))
            .collect();
        let batch = Batch {
            threads,
            window_bytes: if alone {
                0
            } else {
                Batch::default().window_bytes
            },
            ..Batch::default()
        };
        let pages = py
            .detach(|| {
                let mut pages = Vec::with_capacity(records.len());
                batch
                    .run(
                        records.into_iter().map(Ok),
                        &self.model,
                        &self.policy,
                        None,
                        |filtered| {
                            pages.push(filtered?.verdicts);
                            Ok(())
                        },
                    )
                    .map(|()| pages)
            })
            .map_err(py_err)?;
        py_verdicts(py, pages)
    }

    /// The labels whose lines are kept.
    #[getter]
    fn keep(&self) -> Vec<&'static str> {
        self.policy.keep().iter().map(Label::as_str).collect()
    }

    /// The summed probability of the kept labels a line needs (as written, 0.2, not the
    /// nearest double to the f32 the policy holds).
    #[getter]
    fn threshold(&self) -> f64 {
        let threshold = self.policy.threshold();
        threshold
            .to_string()
            .parse()
            .unwrap_or(f64::from(threshold))
    }

    /// Whether the model reads repetition across a site's pages (the default model does):
    /// only then does `filter_batch` judge pages differently from `filter`.
    #[getter]
    fn uses_repetition(&self) -> bool {
        self.model.info().uses_repetition
    }

    /// The model file, or None for the embedded default.
    #[getter]
    fn path(&self) -> Option<PathBuf> {
        self.path.clone()
    }

    fn __repr__(&self) -> String {
        let path = match &self.path {
            Some(p) => format!("{:?}", p.display().to_string()),
            None => "embedded".to_string(),
        };
        format!(
            "Model({path}, keep={}, threshold={})",
            self.policy.keep(),
            self.policy.threshold()
        )
    }
}

/// A label set from "news,other" or from a list of label names.
fn label_set(keep: &Bound<'_, PyAny>) -> PyResult<LabelSet> {
    let names: String = if let Ok(names) = keep.cast::<PyString>() {
        names.to_cow()?.into_owned()
    } else {
        keep.try_iter()?
            .map(|name| name?.extract::<String>())
            .collect::<PyResult<Vec<String>>>()?
            .join(",")
    };
    names
        .parse::<LabelSet>()
        .map_err(|e| PyValueError::new_err(format!("chaff: bad keep {names:?}: {e}")))
}

/// One URL (or None) per page.
fn page_urls(urls: &Bound<'_, PyAny>, pages: usize) -> PyResult<Vec<Option<String>>> {
    let urls = urls
        .try_iter()?
        .enumerate()
        .map(|(i, url)| {
            let url = url?;
            if url.is_none() {
                Ok(None)
            } else {
                page_text(&url, || format!("urls[{i}]")).map(Some)
            }
        })
        .collect::<PyResult<Vec<_>>>()?;
    if urls.len() != pages {
        return Err(PyValueError::new_err(format!(
            "chaff: {} urls for {pages} texts: give one URL (or None) per text",
            urls.len()
        )));
    }
    Ok(urls)
}

/// A page as the library's batch reads it, a record: with a URL, a JSONL record holding it, so that its
/// site is the host the library finds there ([`Record::site`]), as for `chaff filter` on
/// JSONL pages with a `url` field.
fn page_record(name: String, text: String, url: Option<String>) -> Record {
    match url {
        None => Record::plain(name, text),
        Some(url) => {
            let mut fields = serde_json::Map::new();
            fields.insert("url".to_string(), url.into());
            Record {
                envelope: Envelope::Jsonl { fields },
                ..Record::plain(name, text)
            }
        }
    }
}

/// The site a page of this URL belongs to for `filter_batch`: the URL's host, as `chaff
/// filter` finds it ("" for None: pages without a URL form one site).
#[pyfunction]
#[pyo3(signature = (url))]
fn site_of(url: Option<String>) -> String {
    page_record(String::new(), String::new(), url)
        .site()
        .to_string()
}

/// The kept text of a page from its verdicts (as `Model.filter` or `filter_batch` gave them):
/// its kept lines and its blank lines, as `chaff filter` writes it.
#[pyfunction]
fn kept_text(text: &Bound<'_, PyAny>, verdicts: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = page_text(text, || "text".to_string())?;
    let verdicts = verdicts_of(verdicts)?;
    Ok(chaff::write::kept_text(&text, &verdicts))
}

/// The dropped lines of a page, in order, as `chaff filter --rejects` writes their text.
#[pyfunction]
fn dropped_lines(text: &Bound<'_, PyAny>, verdicts: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let text = page_text(text, || "text".to_string())?;
    let page = Page::new(&text);
    Ok(verdicts_of(verdicts)?
        .iter()
        .filter(|v| !v.kept)
        .map(|v| {
            let line = v.line.checked_sub(1).and_then(|i| page.all_lines().get(i));
            line.copied().unwrap_or_default().to_string()
        })
        .collect())
}

/// What was done to a page, as the `chaff` field of `chaff filter --format docs`:
/// `{"paragraphs", "kept", "dropped": {label: n}, "lines": [[line, label, kept], ...]}`
/// (`paragraphs`: how many lines the page has).
#[pyfunction]
fn attribute<'py>(py: Python<'py>, verdicts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let verdicts = verdicts_of(verdicts)?;
    json_to_py(py, &chaff::write::attribute(&verdicts))
}

/// A JSON value as the Python object `json.loads` would give.
fn json_to_py<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into_pyobject(py)?.into_any(),
            (None, Some(i)) => i.into_pyobject(py)?.into_any(),
            (None, None) => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => PyList::new(
            py,
            items
                .iter()
                .map(|v| json_to_py(py, v))
                .collect::<PyResult<Vec<_>>>()?,
        )?
        .into_any(),
        Value::Object(fields) => {
            let dict = PyDict::new(py);
            for (k, v) in fields {
                dict.set_item(k, json_to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

#[pymodule]
fn _chaff(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyModel>()?;
    m.add_class::<PyVerdict>()?;
    m.add("ChaffError", py.get_type::<ChaffError>())?;
    m.add_function(wrap_pyfunction!(kept_text, m)?)?;
    m.add_function(wrap_pyfunction!(dropped_lines, m)?)?;
    m.add_function(wrap_pyfunction!(attribute, m)?)?;
    m.add_function(wrap_pyfunction!(site_of, m)?)?;
    let labels: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
    m.add("LABELS", pyo3::types::PyTuple::new(py, labels)?)?;
    m.add("WINDOW_BYTES", Batch::default().window_bytes)?;
    m.add("WINDOW_PAGES", WINDOW_RECORDS)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
