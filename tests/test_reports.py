"""Reports from templates and Chinese whatever fonts are installed (compare, validate, dashboard)."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import matplotlib
import pytest

from model import fonts
from model.cli import compare_cmd
from tests.conftest import ROOT, run_cli

DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
SMALL = ["population.firms=150", "population.workers=1500", "steps=10",
         "policies=[{lever: public_data, label: phase1, start: 2, end: 4, share: 0.3}, "
         "{lever: public_data, label: phase2, start: 6, share: 0.7}]"]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def no_cjk_font(monkeypatch):
    """A machine without a font that draws Chinese (whatever this one has installed)."""
    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    monkeypatch.setattr(fonts, "_warned", False)


@pytest.fixture
def fake_cjk_font(monkeypatch):
    """A machine where a CJK font is found (DejaVu stands in: the test reads labels, not glyphs)."""
    monkeypatch.setattr(fonts, "find_cjk_font", lambda: "DejaVu Sans")
    monkeypatch.setattr(fonts, "_warned", False)


@pytest.fixture(scope="module")
def runs():
    from model.report.runs import run_all

    base = compare_cmd.load_all([str(ROOT / "scenarios" / "baseline.yaml")], SMALL[:3])
    data = compare_cmd.load_all([str(ROOT / "scenarios" / "baseline.yaml")], SMALL)
    scenarios = {"baseline": base["baseline"], "data": data["baseline"]}
    return scenarios, run_all(scenarios, [1, 2], workers=1, progress=False)


def write_report(runs, out: Path, lang: str, font_path=None) -> tuple[str, str]:
    scenarios, results = runs
    lang, font = compare_cmd.resolve_lang(lang, font_path)
    compare_cmd.write_outputs(out, results, scenarios, [1, 2], lang, font)
    return (out / "report.html").read_text(encoding="utf-8"), (out / "report.md").read_text(encoding="utf-8")


def test_chinese_report_without_a_cjk_font(runs, no_cjk_font, tmp_path, capsys):
    page, markdown = write_report(runs, tmp_path / "zh", "zh")
    err = capsys.readouterr().err
    assert err.count("warning") == 1, err
    assert "apt-get install fonts-noto-cjk" in err and "--font PATH" in err
    for text in (page, markdown):
        assert "情景比较" in text and "全要素生产率指数" in text and "主要结果" in text
        assert "图中标签为英文" in text  # the report says why its figures are in English
    assert '<html lang="zh-CN">' in page


def test_figure_labels_follow_the_font(runs, monkeypatch):
    from model.report.figures import series_figure

    scenarios, results = runs
    monkeypatch.setattr(fonts, "_warned", True)
    for found, chinese in ((None, False), ("DejaVu Sans", True)):
        monkeypatch.setattr(fonts, "find_cjk_font", lambda found=found: found)
        lang, font = compare_cmd.resolve_lang("zh")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DejaVu lacks the glyphs: only the labels matter here
            fig = series_figure(results, "tfp_index", lang=fonts.figure_lang(lang, font), font=font)
        ax = fig.axes[0]
        assert bool(CHINESE.search(ax.get_title() + ax.get_xlabel())) is chinese
        assert ax.get_title() == ("全要素生产率指数" if chinese else "TFP index")
        matplotlib.pyplot.close(fig)


def test_report_formats_shares_as_percentages_and_money_with_its_unit(runs, tmp_path):
    page, markdown = write_report(runs, tmp_path / "en", "en")
    row = re.search(r"<td>unemployment rate</td><td>baseline</td><td>([^<]*)</td>", page)
    # shares as percentages with a decimal (three significant digits below 1%, e.g. 0.62%)
    assert row and re.fullmatch(r"\d+\.\d+% \[-?\d+\.\d+%, \d+\.\d+%\]", row.group(1)), row
    assert re.search(r"<td>unemployment rate</td><td>data</td><td>[^<]*</td><td>[^<]* pp</td>", page)
    assert "<th>net spending (output units)</th>" in page
    assert "GDP (output units / quarter)" in page and "cumulative policy spending (output units)" in page
    assert "| net spending (output units) |" in markdown
    assert "&lt;" not in page.split("<body>")[0]  # autoescape touches values, not the template


def test_report_lists_and_figures_mark_lever_starts(runs, tmp_path):
    from model.report.document import lever_starts
    from model.report.figures import series_figure

    scenarios, results = runs
    starts = lever_starts(scenarios)
    assert [(s["lever"], s["step"], s["start"], s["end"]) for s in starts] == [
        ("phase1", 2, "2025Q3", "2026Q1"), ("phase2", 6, "2026Q3", "until the end")]
    fig = series_figure(results, "adoption_ai", starts=[(s["step"], s["lever"]) for s in starts])
    ax = fig.axes[0]
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert sorted(line.get_xdata()[0] for line in dashed) == [2, 6]
    assert {t.get_text().strip() for t in ax.texts} == {"phase1", "phase2"}
    assert ax.yaxis.get_major_formatter().__class__.__name__ == "PercentFormatter"
    matplotlib.pyplot.close(fig)
    page, markdown = write_report(runs, tmp_path / "starts", "en")
    assert "<td>data</td><td>phase1</td><td>2025Q3</td><td>2026Q1</td>" in page
    assert "| data | phase2 | 2026Q3 | until the end |" in markdown


def test_lever_starts_follow_the_compared_window(runs, tmp_path, monkeypatch):
    """When compare keeps only common periods (steps renumbered), marks stay at their calendar quarter."""
    from model.report import figures
    from model.report.align import align_runs

    scenarios, results = runs
    aligned = align_runs(results, "2025Q3", "2027Q3")  # step 0 is now 2025Q3: phase1 at 0, phase2 at 4
    drawn = []
    real = figures.series_figure
    monkeypatch.setattr(figures, "series_figure",
                        lambda runs, metric, **kw: drawn.append(kw["starts"]) or real(runs, metric, **kw))
    compare_cmd.write_outputs(tmp_path / "window", aligned, scenarios, [1, 2], "en", None)
    assert drawn and all(sorted(step for step, _ in starts) == [0, 4] for starts in drawn)


def test_html_escapes_scenario_text(runs):
    from model.report.document import scenario_rows
    from model.report.render import environment

    odd = {"<b>x</b>": runs[0]["baseline"]}
    template = environment().from_string('{% from "tables.html.j2" import table %}{{ table(data) }}')
    assert "<td>&lt;b&gt;x&lt;/b&gt;</td>" in template.render(data=scenario_rows(odd, "en"))


def test_font_option_registers_a_font_file(capsys, no_cjk_font):
    lang, font = compare_cmd.resolve_lang("zh", str(DEJAVU))
    assert (lang, font) == ("zh", "DejaVu Sans")
    assert capsys.readouterr().err == ""  # a font was given: nothing to warn about


@pytest.mark.parametrize("command", ["compare", "validate"])
def test_missing_or_unreadable_font_is_one_clear_line(tmp_path, command):
    bad = tmp_path / "not_a_font.ttf"
    bad.write_text("not a font")
    scenario = ROOT / "scenarios" / "baseline.yaml"
    for path in (tmp_path / "missing.ttf", bad):
        done = run_cli(command, scenario, "--font", path, "--lang", "zh", "--out", tmp_path / "out", "--quiet")
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("error: --font") and str(path) in done.stderr
        assert "Traceback" not in done.stderr
        assert not (tmp_path / "out").exists()


def test_validation_report_in_chinese_without_a_cjk_font(no_cjk_font, tmp_path, capsys):
    from model.cli import main

    status = main(["validate", str(ROOT / "scenarios" / "china_2015_2025.yaml"), "--seeds", "1", "--lang", "zh",
                   "--out", str(tmp_path), "--set", "population.firms=150", "--set", "population.workers=1500"])
    assert status in (0, 1)
    captured = capsys.readouterr()
    assert captured.err.count("warning") == 1 and "fonts-noto-cjk" in captured.err
    assert "留出检验事实" in captured.out and "种子文档 004" in captured.out
    page = (tmp_path / "validation.html").read_text(encoding="utf-8")
    markdown = (tmp_path / "validation.md").read_text(encoding="utf-8")
    for text in (page, markdown):
        assert "对照校准目标的验证" in text and "存储数据的受访企业比例" in text and "图中标签为英文" in text
        assert re.search(r"49\.6%", text)  # the data_2021 figure, as a percentage
    assert 'class="pass"' in page or 'class="miss"' in page
    assert "data:image/png;base64," in page and "![validation](validation.png)" in markdown


def test_metric_info_tells_a_size_class_from_a_region():
    """Expanded names of the default groups read their own definition (adoption_index_sme is a size class)."""
    from model.report.i18n import metric_info

    assert metric_info("adoption_index_sme")[0].endswith("of a size class.")
    assert metric_info("adoption_index_east")[0] == "Adoption index of a region."
    assert metric_info("adoption_index_industry")[0] == "Adoption index of a sector."
