"""``eventlens eval places``: metrics on a tiny gold file the tests write themselves."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from eventlens.cli.stage import main
from eventlens.eval import places as ev

pytestmark = pytest.mark.usefixtures("gazetteer")

ARTICLE = """<article docid="{docid}"><text><![CDATA[{text}]]></text><toponyms>{tops}</toponyms>
</article>"""
TOPONYM = """<toponym><start>{s}</start><end>{e}</end><phrase>{phrase}</phrase>
<gaztag geonameid="{gid}"><name>{phrase}</name><lat>{lat}</lat><lon>{lon}</lon></gaztag>
</toponym>"""


def _write(
    path: Path, articles: list[tuple[str, list[tuple[str, int, float, float, int]]]]
) -> Path:
    parts = []
    for i, (text, tops) in enumerate(articles):
        xml_tops = "".join(
            TOPONYM.format(
                s=text.index(p) + shift,
                e=text.index(p) + shift + len(p),
                phrase=p,
                gid=gid,
                lat=lat,
                lon=lon,
            )
            for p, gid, lat, lon, shift in tops
        )
        parts.append(ARTICLE.format(docid=i, text=text, tops=xml_tops))
    path.write_text("<articles>" + "".join(parts) + "</articles>", encoding="utf-8")
    return path


@pytest.fixture()
def gold_dir(tmp_path: Path) -> Path:
    _write(
        tmp_path / "lgl.xml",
        [
            # Right city (GeoNames id of Erbil), then a wrong id placed 800 km away.
            (
                "Talks in Erbil went on while aid reached Qzxwvplace.",
                [("Erbil", 95446, 36.19, 44.01, 0), ("Qzxwvplace", 1, 36.0, 44.0, 0)],
            ),
            # An offset one character off, as in some published files: re-aligned on the phrase.
            ("Flights from Baghdad resumed.", [("Baghdad", 98182, 33.34, 44.40, 1)]),
        ],
    )
    return tmp_path


def test_load_dataset_realigns_offsets(gold_dir: Path) -> None:
    arts = ev.load_dataset(gold_dir / "lgl.xml")
    assert [len(a.toponyms) for a in arts] == [2, 1]
    b = arts[1].toponyms[0]
    assert arts[1].text[b.start : b.end] == "Baghdad"


def test_scores(gold_dir: Path) -> None:
    m = ev.score(ev.load_dataset(gold_dir / "lgl.xml"))
    assert m["toponyms"] == 3
    assert m["exact"] == pytest.approx(2 / 3)
    assert m["acc161"] == pytest.approx(2 / 3)
    assert m["acc161_points"] == pytest.approx(2 / 3)  # Erbil and Baghdad lie at their points
    assert m["median_km"] == 0.0
    assert m["mean_km"] == pytest.approx(ev.MAX_KM / 3)


def test_points_figure_ignores_ids(tmp_path: Path) -> None:
    # The right entry (GeoNames' id of the United States) but a gold point 234 km from
    # the gazetteer's: right by id, a miss when the points themselves are compared.
    _write(
        tmp_path / "lgl.xml",
        [("Talks in the United States went on.", [("United States", 6252001, 39.76, -98.5, 0)])],
    )
    m = ev.score(ev.load_dataset(tmp_path / "lgl.xml"))
    assert m["exact"] == 1.0 and m["acc161"] == 1.0
    assert m["acc161_points"] == 0.0


def test_auc_bounds() -> None:
    assert ev.auc([0.0, 0.0, 0.0]) == 0.0
    assert ev.auc([ev.MAX_KM] * 4) == pytest.approx(1.0)
    mid = ev.auc([0.0, 161.0, ev.MAX_KM])
    assert 0 < mid < 1
    assert math.isnan(ev.auc([]))


def test_cli_prints_figures(gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "places", "--dataset", "lgl", "--data-dir", str(gold_dir)]) == 0
    out = capsys.readouterr().out
    assert "exact          66.7%" in out and "acc@161km      66.7%" in out and "AUC" in out


def test_cli_missing_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "places", "--dataset", "trnews", "--data-dir", str(tmp_path)]) == 2
    assert "TR-News.xml" in capsys.readouterr().err
