"""Fuzzed scenario files and ``--set`` overrides: every hostile input gives one clear error.

Over 1,500 generated inputs (hypothesis, derandomized) go through the loader
in-process; a fixed sample of hostile files goes through ``python run.py run``
to check the exit status, the one-line ``error:`` and that nothing is written.
Counts per category are in ``docs/reliability.md``.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, run_cli
from fuzz_support import (BOUNDED, NON_FINITE, NUMERIC, PYTHON_TAGS, SCENARIO_LEAVES, alias_bomb, dump, files_under,
                          fuzz_settings, misspell, out_of_range, sections, time_limit, valid_keys, with_value,
                          wrong_value, WORDS)
from model.config import Scenario
from model.errors import ScenarioError
from model.scenario_io import MAX_EXTENDS_DEPTH, MAX_FILE_BYTES, load_scenario

TRIED: collections.Counter = collections.Counter()


def fuzz(examples: int):
    return fuzz_settings(examples, deadline=20)  # the loader's own time_limit


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def load(folder: Path, content: str | bytes | None, overrides=(), name: str = "case.yaml"):
    """Load ``content`` written to a file: returns (scenario or None, error message or None)."""
    path = folder / name
    if content is not None:
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = set(os.listdir(folder))
    with time_limit(20):
        try:
            scenario, message = load_scenario(path, list(overrides)), None
        except ScenarioError as exc:
            scenario, message = None, exc.message
    assert set(os.listdir(folder)) == before, "the loader wrote files"
    if message is not None:
        assert message.strip() and "Traceback" not in message
        assert str(path.parent) in message or "--set" in message, message  # names the file (or its parent)
        assert len(message) < 4000, f"error message of {len(message)} characters"
    return scenario, message


def reject(folder, content, overrides=(), fragments=(), category="", **kw) -> str:
    TRIED[category] += 1
    scenario, message = load(folder, content, overrides, **kw)
    assert message is not None, f"accepted a hostile input: {content!r} {overrides!r}"
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    return message


def survive(folder, content, overrides=(), category="", **kw):
    """Hostile input that may happen to be valid: either a Scenario or one clear error."""
    TRIED[category] += 1
    scenario, message = load(folder, content, overrides, **kw)
    assert scenario is None or isinstance(scenario, Scenario)
    return message


# -- wrong types, unknown keys, ranges ------------------------------------------------------
@fuzz(250)
@given(data=st.data())
def test_wrong_types_name_the_key(folder, data):
    leaf = data.draw(st.sampled_from(SCENARIO_LEAVES))
    value = data.draw(wrong_value(leaf))
    reject(folder, dump(with_value(leaf.path, value)), fragments=[leaf.dotted], category="wrong type")


@fuzz(250)
@given(data=st.data())
def test_unknown_and_misspelt_keys_list_the_valid_ones(folder, data):
    section = data.draw(st.sampled_from(sections()))
    valid = valid_keys(section)
    key = data.draw(st.one_of(st.sampled_from(sorted(valid)).flatmap(misspell), WORDS)
                    .filter(lambda k: k and k not in valid and k != "extends"))
    document = with_value(section + (key,), 1) if section else {key: 1}
    message = reject(folder, dump(document), category="unknown key",
                     fragments=[".".join(map(str, section + (key,))), "unknown key", "Valid keys here"])
    assert sorted(valid)[0] in message


@fuzz(250)
@given(data=st.data())
def test_out_of_range_numbers_say_what_is_valid(folder, data):
    leaf = data.draw(st.sampled_from(BOUNDED))
    value = data.draw(out_of_range(leaf))
    message = reject(folder, dump(with_value(leaf.path, value)), fragments=[leaf.dotted], category="out of range")
    assert "greater than" in message or "less than" in message, message


@fuzz(150)
@given(data=st.data())
def test_non_finite_numbers_are_refused(folder, data):
    leaf = data.draw(st.sampled_from(NUMERIC))
    token = data.draw(NON_FINITE)
    text = dump(with_value(leaf.path, "@@")).replace("'@@'", token)
    reject(folder, text, fragments=[leaf.dotted], category="non-finite")
    reject(folder, "", overrides=[f"{leaf.dotted}={token}"], fragments=[leaf.dotted, "--set"],
           category="non-finite")


@fuzz(60)
@given(key=st.sampled_from(["firms", "workers", "gig_platforms", "industrial_platforms"]),
       size=st.integers(8, 60), via_set=st.booleans())
def test_huge_populations_are_refused_before_anything_is_allocated(folder, key, size, via_set):
    value = 10 ** size
    if via_set:
        reject(folder, "", overrides=[f"population.{key}={value}"], fragments=[f"population.{key}", "less than"],
               category="huge population")
    else:
        reject(folder, dump({"population": {key: value}}), fragments=[f"population.{key}", "less than"],
               category="huge population")


@fuzz(60)
@given(data=st.data())
def test_inconsistent_but_well_typed_scenarios(folder, data):
    case = data.draw(st.sampled_from(["duplicate", "lever_group", "lever_before_start", "tasks_zero", "ages_zero",
                                      "bad_period", "lever_unknown", "lever_no_name", "bad_tech"]))
    name = data.draw(WORDS.filter(lambda s: s[0].isalpha()))
    documents = {
        "duplicate": {"regions": [{"name": name}, {"name": name}]},
        "lever_group": {"policies": [{"lever": "sme_subsidy", "size_classes": [name + "_x"]}]},
        "lever_before_start": {"start": "2030Q1", "policies": [{"lever": "sme_subsidy", "start": "2029Q4"}]},
        "tasks_zero": {"sectors": [{"name": name, "tasks": {"routine_manual": 0, "routine_cognitive": 0,
                                                            "non_routine": 0}}]},
        "ages_zero": {"workforce": {"age_shares": {"young": 0, "prime": 0, "older": 0}}},
        "bad_period": {"start": f"{data.draw(st.integers(0, 9999))}Q{data.draw(st.sampled_from([0, 5, 9]))}"},
        "lever_unknown": {"policies": [{"lever": name + "_lever"}]},
        "lever_no_name": {"policies": [{"rate": 0.3}]},
        "bad_tech": {"size_classes": [{"name": "sme", "adoption": {name + "x": 0.5}}]},
    }
    reject(folder, dump(documents[case]), category="inconsistent")


# -- hostile YAML -------------------------------------------------------------------------
@fuzz(120)
@given(tag=st.sampled_from(PYTHON_TAGS), key=st.sampled_from(["name", "description", "steps", "population",
                                                               "policies", "seed"]),
       form=st.sampled_from(["scalar", "sequence", "mapping"]))
def test_python_object_tags_never_construct_anything(folder, tag, key, form):
    canary = folder / "CANARY"
    payload = {"scalar": f"'touch {canary}'", "sequence": f"['touch {canary}']",
               "mapping": f"{{args: ['touch {canary}']}}"}[form]
    message = survive(folder, f"{key}: {tag} {payload}\n", category="python tag")
    assert not canary.exists()
    if "python" in tag or tag in ("!custom", "!Ref", "!!set", "!!omap", "!!pairs"):
        assert message and "not allowed" in message, message


@fuzz(25)
@given(levels=st.integers(2, 40), fan=st.integers(2, 12),
       where=st.sampled_from(["description", "population", "policies", "regions"]))
def test_alias_bombs_fail_fast(folder, levels, fan, where):
    reject(folder, alias_bomb(levels, fan, where), category="alias bomb")


@fuzz(200)
@given(blob=st.binary(max_size=400))
def test_binary_garbage(folder, blob):
    survive(folder, blob, category="binary garbage")


@fuzz(150)
@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200))
def test_random_text(folder, text):
    survive(folder, text, category="random text")


@fuzz(100)
@given(text=st.lists(st.sampled_from(["name: x\n", "steps: 3\n", "population:\n", "  firms: 5\n", "- a\n",
                                      "  - b\n", "&x ", "*x\n", "{", "}", "[", "]", ": ", "'", '"', "? ", "!!str ",
                                      "<<: *x\n", "\t", "%YAML 1.1\n", "---\n", "...\n", "#", "|\n", ">-\n",
                                      "policies:\n", "  - lever: sme_subsidy\n", "    rate: .nan\n"]),
                   max_size=25).map("".join))
def test_yaml_shaped_garbage(folder, text):
    survive(folder, text, category="yaml-shaped garbage")


@pytest.mark.parametrize("text", ["description: " + "[" * 5000 + "]" * 5000, "a: " + "{x: " * 3000 + "1" + "}" * 3000,
                                  "- " * 3000 + "1", "x: &a [*a]", "&a [*a]", "[" * 200_000, "a: b: c",
                                  "? [a, b]\n: 1\n", "1: 2\n", "null: 3\n", "name: a\nname: b\n",
                                  "<<: {steps: 3}\n", "--- 1\n--- 2\n", "steps: !!int 1e3\n"],
                         ids=lambda t: t[:20])
def test_pathological_yaml(folder, text):
    reject(folder, text, category="pathological yaml")


def test_unreadable_files(folder):
    reject(folder, None, name="missing.yaml", fragments=["file not found"], category="missing file")
    (folder / "adir.yaml").mkdir()
    reject(folder, None, name="adir.yaml", fragments=["folder"], category="missing file")
    reject(folder, b"name: x\n" + b"#" * MAX_FILE_BYTES, fragments=["at most"], category="too large")
    reject(folder, b"name: x\x00\n", fragments=["NUL"], category="binary garbage")
    reject(folder, "name: caf\u00e9\n".encode("latin-1"), fragments=["UTF-8"], category="binary garbage")


# -- extends: chains, cycles, missing parents ----------------------------------------------
@fuzz(60)
@given(length=st.integers(1, 8), kind=st.sampled_from(["cycle", "deep", "missing", "bad_value", "bad_parent",
                                                       "dir_parent"]), bad=st.sampled_from([
                                                           "[a.yaml]", "3", "{file: a.yaml}", "''", "null"]))
def test_extends_chains_cycles_and_missing_parents(folder, length, kind, bad):
    work = folder / f"extends-{kind}-{length}"
    work.mkdir(exist_ok=True)
    count = MAX_EXTENDS_DEPTH + length if kind == "deep" else length
    for i in range(count):
        parent = f"f{(i + 1) % length}.yaml" if kind == "cycle" else f"f{i + 1}.yaml"
        (work / f"f{i}.yaml").write_text(f"extends: {parent}\nsteps: {i}\n")
    last = work / f"f{count}.yaml"
    if kind == "bad_value":
        (work / f"f{count - 1}.yaml").write_text(f"extends: {bad}\n")
        expected = ["extends"]
    elif kind == "bad_parent":
        last.write_text("population:\n  firmz: 3\n")
        expected = [str(last), "population.firmz", "line 2"]
    elif kind == "dir_parent":
        last.mkdir(exist_ok=True)
        expected = ["folder"]
    elif kind == "cycle":
        expected = ["cycle"]
    elif kind == "deep":
        expected = ["deeper than"]
    else:
        expected = ["not found"]
    if kind == "bad_value" and bad == "null":  # `extends: null` means no parent: a valid file
        survive(work, None, name="f0.yaml", category="extends")
        return
    reject(work, None, name="f0.yaml", fragments=expected, category="extends")


# -- --set overrides --------------------------------------------------------------------------
@fuzz(200)
@given(text=st.text(max_size=60))
def test_random_override_strings(folder, text):
    survive(folder, "", overrides=[text], category="random --set")


@fuzz(200)
@given(data=st.data())
def test_hostile_overrides(folder, data):
    leaf = data.draw(st.sampled_from(SCENARIO_LEAVES))
    kind = data.draw(st.sampled_from(["no_equals", "empty_part", "into_scalar", "bad_index", "wrong_type",
                                      "code", "tag", "unknown"]))
    key = leaf.dotted
    overrides, fragments = {
        "no_equals": ([key], ["key.path=value"]),
        "empty_part": ([key.replace(".", "..", 1) + "=1" if "." in key else "." + key + "=1"], ["empty key"]),
        "into_scalar": (["steps.sub=1"], ["steps"]),
        "bad_index": ([f"regions.{data.draw(st.integers(4, 10**6))}.name=x"], ["regions", "no item"]),
        "wrong_type": ([f"{key}={dump(data.draw(wrong_value(leaf))).strip()}"], [key]),
        "code": ([f"{key}=__import__('os').system('touch {folder / 'CANARY'}')"], [key]),
        "tag": ([f"{key}=!!python/object/apply:os.system ['touch {folder / 'CANARY'}']"], ["not allowed"]),
        "unknown": ([f"{key}_zz=1"], ["unknown key"]),
    }[kind]
    if "\n" in overrides[0]:  # a multi-line YAML value is still one value: never code
        survive(folder, "", overrides=overrides, category="hostile --set")
    else:
        reject(folder, "", overrides=overrides, fragments=fragments, category="hostile --set")
    assert not (folder / "CANARY").exists()


def test_at_least_a_thousand_inputs_were_tried():
    if len(TRIED) < 10:
        pytest.skip("run the whole module to count the inputs")
    print("inputs tried:", dict(TRIED), "total", sum(TRIED.values()))
    assert sum(TRIED.values()) >= 1000


# -- the same through the command line --------------------------------------------------------
CLI_FILES = {
    "wrong_type": "population:\n  firms: lots\n",
    "wrong_type_list": "regions: {name: east}\n",
    "bool_for_number": "gig:\n  commission: [0.2]\n",
    "misspelt_top": "popluation:\n  firms: 10\n",
    "misspelt_nested": "technology:\n  ai:\n    gian: 0.3\n",
    "misspelt_lever_param": "policies:\n  - lever: sme_subsidy\n    rat: 0.3\n",
    "unknown_lever": "policies:\n  - lever: robot_taxx\n",
    "negative": "population:\n  workers: -5\n",
    "too_high": "gig:\n  commission: 1.5\n",
    "nan": "production:\n  markup: .nan\n",
    "inf": "frontier:\n  tfp_trend: -.inf\n",
    "huge_firms": "population:\n  firms: 1000000000000\n",
    "huge_workers": "population:\n  workers: 99999999999999999999999\n",
    "zero_firms": "population:\n  firms: 0\n",
    "no_regions": "regions: []\n",
    "bad_period": "start: 2025Q5\n",
    "duplicate_key": "steps: 3\nsteps: 4\n",
    "duplicate_region": "regions:\n  - name: a\n  - name: a\n",
    "top_level_list": "- name: x\n",
    "top_level_scalar": "just a string\n",
    "malformed": "population: {firms: 3\n",
    "tab_indent": "population:\n\tfirms: 3\n",
    "python_apply": "name: !!python/object/apply:os.system ['touch CANARY']\n",
    "python_name": "steps: !!python/name:os.system\n",
    "custom_tag": "steps: !Ref other\n",
    "merge_key": "base: &b {firms: 3}\npopulation:\n  <<: *b\n",
    "alias_bomb": alias_bomb(9, 9),
    "recursive_alias": "description: &a [*a]\n",
    "deep_nesting": "description: " + "[" * 3000 + "]" * 3000 + "\n",
    "lever_group_missing": "policies:\n  - lever: sme_subsidy\n    size_classes: [giant]\n",
    "name_escape": "name: ../../etc\n",
    "name_slash": "name: a/b\n",
}
CLI_BYTES = {"garbage": bytes(range(256)) * 4, "nul": b"steps: 3\x00\n", "latin1": "name: caf\u00e9\n".encode("latin-1")}
CLI_OVERRIDES = [["population.firms=many"], ["population"], ["=3"], ["regions.9.name=x"], ["steps.x=1"],
                 ["population.firms=.inf"], ["name=__import__('os').system('touch CANARY')"],
                 ["production.markup=!!python/object/apply:os.system ['touch CANARY']"]]


DRIVER = """
import contextlib, io, json, sys, traceback
from model.cli import main
results = []
for argv in json.loads(sys.argv[1]):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
        except BaseException:
            traceback.print_exc()
            code = 1
    results.append([code, err.getvalue()])
print(json.dumps(results))
"""


def _write_cases(tmp: Path) -> list[tuple[str, Path, Path, list[str]]]:
    """Write every hostile file; return (name, scenario path, output folder, argv) per case."""
    cases = []
    for name, content in [*CLI_FILES.items(), *CLI_BYTES.items(), ("missing", None)]:
        path = tmp / f"{name}.yaml"
        if content is not None:
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
        cases.append((name, path, []))
    (tmp / "ok.yaml").write_text("name: ok\nsteps: 1\n")
    cases += [(f"set{i}", tmp / "ok.yaml", overrides) for i, overrides in enumerate(CLI_OVERRIDES)]
    return [(name, path, tmp / f"out-{name}",
             ["run", str(path), "--out", str(tmp / f"out-{name}"), "--quiet", *[a for o in sets for a in ("--set", o)]])
            for name, path, sets in cases]


def _check(name, path, out, code, stderr):
    assert code == 2, (name, code, stderr[-2000:])
    assert stderr.startswith("error:") and "Traceback" not in stderr, (name, stderr[-2000:])
    assert str(path) in stderr or "--set" in stderr, (name, stderr)
    assert not out.exists(), name


def test_hostile_files_through_the_command_line(tmp_path):
    """All cases through the command-line entry point in one process; then a sample as real processes."""
    cases = _write_cases(tmp_path)
    assert len(cases) >= 40
    proc = subprocess.run([sys.executable, "-c", DRIVER, json.dumps([argv for *_, argv in cases])], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode == 0, proc.stderr
    for (name, path, out, _), (code, stderr) in zip(cases, json.loads(proc.stdout)):
        _check(name, path, out, code, stderr)
    sample = [case for case in cases if case[0] in REAL_PROCESS_SAMPLE]
    with ThreadPoolExecutor(max_workers=2) as pool:
        procs = list(pool.map(lambda case: run_cli(*case[3], cwd=tmp_path, timeout=120), sample))
    for (name, path, out, _), proc in zip(sample, procs):
        _check(name, path, out, proc.returncode, proc.stderr)
    assert not (tmp_path / "CANARY").exists() and not (tmp_path / "outputs").exists()


REAL_PROCESS_SAMPLE = {"misspelt_nested", "nan", "python_apply", "alias_bomb", "garbage", "set7"}


def test_every_hypothesis_test_is_bounded_and_never_shrinks():
    """Each @given test of the suite names its example count and a deadline, and has no shrinking phase."""
    import importlib
    import inspect

    from hypothesis import Phase

    found = []
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        module = importlib.import_module(path.stem)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if getattr(function, "is_hypothesis_test", False):
                chosen = function._hypothesis_internal_use_settings
                found.append(name)
                assert Phase.shrink not in chosen.phases, name
                assert chosen.max_examples <= 300 and chosen.deadline is not None, name
                assert chosen.derandomize and chosen.database is None, name
    assert len(found) >= 16, found
