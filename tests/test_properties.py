"""Property test: a CSV mutated at random (cells, quotes, delimiters, encodings, truncation,
stray bytes) either loads as a valid frame or is refused with the project's validation error
— never any other exception, never a traceback from deep inside a library.

Examples are derandomised (the same on every run, so that CI is stable) and start from the
book's own small tables and a small valid events table.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from conftest import DATA, FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.data import DataValidationError, load

TABLES = {"events": "events.csv", "islands": "islands.csv", "exchanges": "exchanges.csv",
          "score-rubric": "score-rubric.csv"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("prop") / "data"
    shutil.copytree(DATA, data_dir)
    shutil.copy(FIXTURES / "bad" / "crlf-is-fine.csv", data_dir / "events.csv")
    originals = {name: (data_dir / file).read_bytes() for name, file in TABLES.items()}
    return data_dir, originals


cell_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["", " ", '"', '""', ",", "\n", "\r\n", "=1+1", "-", "1855-02-07", "9999-99-99", "NaN",
     "\u202e", "\x00", "<b>", "{cite}`x`", "-10", "1e9", "true"])


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """One to three random mutations of a CSV file's bytes."""
    data = original
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["cell", "insert", "truncate", "delimiter", "encoding",
                                     "line", "quotes", "bom"]))
        text = data.decode("utf-8", errors="replace")
        lines = text.splitlines(keepends=True) or [""]
        if kind == "cell":
            index = draw(st.integers(0, len(lines) - 1))
            cells = lines[index].rstrip("\r\n").split(",")
            cells[draw(st.integers(0, len(cells) - 1))] = draw(cell_text)
            lines[index] = ",".join(cells) + "\n"
            data = "".join(lines).encode("utf-8", errors="surrogatepass")
        elif kind == "insert":
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        elif kind == "truncate":
            data = data[: draw(st.integers(0, len(data)))]
        elif kind == "delimiter":
            data = data.replace(b",", draw(st.sampled_from([b";", b"\t", b"|", b", "])))
        elif kind == "encoding":
            codec = draw(st.sampled_from(["latin-1", "utf-16", "cp1252", "shift_jis"]))
            data = text.encode(codec, errors="replace")
        elif kind == "line":
            index = draw(st.integers(0, len(lines) - 1))
            action = draw(st.sampled_from(["drop", "duplicate", "blank"]))
            lines[index:index + 1] = {"drop": [], "duplicate": [lines[index]] * 2,
                                      "blank": ["\n"]}[action]
            data = "".join(lines).encode("utf-8", errors="surrogatepass")
        elif kind == "quotes":
            data = data.replace(b'"', b"") if b'"' in data else data.replace(b",", b'",', 1)
        else:
            data = b"\xef\xbb\xbf" + data
    return data


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(choice=st.data())
def test_a_mutated_csv_loads_or_is_refused_cleanly(folder, choice):
    data_dir, originals = folder
    name = choice.draw(st.sampled_from(sorted(TABLES)))
    path = data_dir / TABLES[name]
    path.write_bytes(choice.draw(mutated(originals[name])))
    try:
        frame = load(name, data_dir)
    except DataValidationError as error:
        assert error.problem.path.name in {TABLES[name], "datapackage.json"}
        assert str(error)
    else:
        assert isinstance(frame, pd.DataFrame)
    finally:
        path.write_bytes(originals[name])
