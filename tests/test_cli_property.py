"""Every command, any arguments: a French message and exit code 0 or 2, never a traceback (issue 13, item 4).

The commands and their options are read from the real parser (``desktop.cli.build_parser()``),
so a command added later is tried too. For each one, hypothesis builds command lines from the
options' own shape — required ones always, others sometimes, one member of each mutually
exclusive group — with values drawn from what breaks programs: text in any script, lone
surrogates (bytes that are not UTF-8, as Python hands them over), superscript and Arabic-Indic
digits, numbers far beyond a column, dates at the ends of the calendar, folders where files are
expected, paths that cannot exist; and, often enough to get past the first check, real fiches,
codes and ids of the demo board, so the deeper layers are reached.

Exit code 1 means "erreur inattendue" (a bug, logged with its traceback): it fails the test, as
does any exception escaping ``main``. Bounded for CI: a copy of the small demo board, a few
dozen examples per command, no deadline (one example may print a group's dossiers).

Left out, on purpose: the window (``vitrail`` alone, ``gui``, ``--demo``, ``--smoke-test``) and
``demo --replace``, which rebuilds the whole board (seconds per example); their argument checks
have tests of their own.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.cli import build_parser
from desktop.models import HomeroomGroup, School, SchoolBoard, Staff, Student, StudentGuardian, Subject
from desktop.services.visibility.policy import ROLES

from support.cli import main

EXAMPLES_PER_COMMAND = int(os.environ.get("VITRAIL_CLI_EXAMPLES", "50"))  # by hand: VITRAIL_CLI_EXAMPLES=500
LEFT_OUT_COMMANDS = {"gui"}
LEFT_OUT_OPTIONS = {"--replace", "--help", "-h", "--version"}

ODD_TEXT = ["", " ", "-", "²", "³⁴", "٣", "٠١٢", "１２３", "½", "Ⅻ", "𝟗", "-1", "0", "+7", "1e3", "0x1F", "1_000",
            "99999999999999999999", "2147483648", "9223372036854775808", "nan", "∞", "None", "null",
            "9999-12-31", "0001-01-01", "9999-12-31T23:59", "2026-02-30", "2026-11-23", "23/11/2026",
            "\udcff", "Cô\udce9té", "\udcc3\udca9", "'; DROP TABLE student; --", "%s%n", "{0}", "../../etc/passwd",
            "a" * 300, "é" * 70, "\u202e\u0645\u0631\u062d\u0628\u0627", "ﷺ", "🙂", "\t\n", "\x7f", "=", "a=b=c"]


def _odd_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(ODD_TEXT),
        st.text(max_size=24),
        st.text(st.characters(codec="utf-8", categories=["Nd", "No", "Nl"]), min_size=1, max_size=6),
        st.integers(min_value=-(10**25), max_value=10**25).map(str),
        st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    )


def _odd_number() -> st.SearchStrategy[str]:
    """What a number option meets: far beyond a column, signs, exponents, digits that are not 0-9."""
    return st.one_of(
        # 10 to 40 digits: past PostgreSQL's INTEGER (2**31) and SQLite's (2**63) alike
        st.sampled_from(range(10, 41)).flatmap(lambda digits: st.integers(10 ** (digits - 1), 10**digits - 1)).map(str),
        st.sampled_from(["99999999999999999999", "2147483648", "-1", "0", "+7", "1e3", "²", "٣", "１２", "𝟗", "½",
                         "0x1F", "1_000", " 12 ", ""]),
        st.text(st.characters(codec="utf-8", categories=["Nd", "No", "Nl"]), min_size=1, max_size=6),
    )


def _odd_date() -> st.SearchStrategy[str]:
    """What a date option meets: the ends of the calendar, other formats, other digits."""
    return st.one_of(
        st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
        st.sampled_from(["9999-12-31", "0001-01-01", "9999-12-31T23:59", "2026-02-30", "23/11/2026", "20261123",
                         "2026-W48-1", "２０２６-11-23", "2026-11-23T25:00", ""]),
    )


def _odd_for(action: argparse.Action) -> st.SearchStrategy[str]:
    name = getattr(action.type, "__name__", "")
    if name in ("identifier", "nombre", "int", "_student_count"):
        return st.one_of(_odd_number(), _odd_text())
    if name == "iso_date" or action.dest in ("start", "end"):
        return st.one_of(_odd_date(), _odd_text())
    return _odd_text()


def _leaf_commands() -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """(words, parser) of every command that runs something, read from the real parser."""
    found: list[tuple[tuple[str, ...], argparse.ArgumentParser]] = []

    def walk(words: tuple[str, ...], parser: argparse.ArgumentParser) -> None:
        subcommands = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
        if not subcommands:
            found.append((words, parser))
            return
        for name, child in subcommands[0].choices.items():
            if not words and name in LEFT_OUT_COMMANDS:
                continue
            walk((*words, name), child)

    walk((), build_parser())
    return found


COMMANDS = _leaf_commands()


@pytest.fixture
def board(demo_db, tmp_path):
    """Real values of the demo board (so the deeper layers are reached) and a folder for outputs."""
    with demo_db.sessions() as session:
        def texts(column) -> list[str]:
            return [str(value) for value in session.scalars(select(column).limit(8))]

        pairs = session.execute(select(Student.fiche, StudentGuardian.guardian_id)
                                .join(StudentGuardian, StudentGuardian.student_id == Student.id).limit(4)).all()
        real = {
            "student": [fiche for fiche, _ in pairs], "guardian": [str(guardian) for _, guardian in pairs],
            "staff": texts(Staff.id),
            "school": texts(School.code), "group": texts(HomeroomGroup.code), "board": texts(SchoolBoard.code),
            "subject": texts(Subject.code), "role": list(ROLES),
        }
    out = tmp_path / "sorties"
    out.mkdir()
    (out / "existant.pdf").write_bytes(b"%PDF-1.4 garder")
    paths = [str(out / "x.pdf"), str(out), str(out / "absent" / "x.pdf"), str(out / "x.txt"),
             str(out / "existant.pdf"), "/proc/x.pdf", "/", "x.pdf"]
    return demo_db, real, paths


def _real_values(action: argparse.Action, real: dict[str, list[str]], paths: list[str]) -> list[str]:
    """Values that pass this option's checks on the demo board, when there are such values."""
    dest = action.dest
    if action.choices:
        return list(action.choices)
    if dest in ("output", "dir", "letter", "screenshot"):
        return paths
    if real.get(dest):
        return real[dest]
    if dest in ("date", "birth_date", "start", "end"):
        return ["2026-11-23", "2015-09-03", "2026-11-23T09:30"]
    if dest == "assignments":
        return ["group_averages=on", "parent_tiles.results=off", "allowed_parent_tiles.agenda=off",
                "staff_spaces.parent_diagnostic.staff_ids=1", "publishes_email=on", "soi.parent.serious=none"]
    if dest in ("students", "expires_days", "version", "seed"):
        return ["1", "3", "20", "365"]
    if dest == "comment":
        return ["Conseil d'établissement du 12 novembre"]
    return []


class _Draws:
    """Draws one command line in two passes: which options are there, then their values.

    In most examples every value is a real one but one, chosen among those present, so that one
    odd value meets the deepest layer it can reach; in some, no value is odd (the command runs);
    in the others ("chaos") every value is odd. An odd value fits its option: numbers beyond a
    column or in other digits for a number, the ends of the calendar for a date.
    """

    def __init__(self, data: st.DataObject, real: dict[str, list[str]], paths: list[str]) -> None:
        self.data, self.real, self.paths = data, real, paths

    def maybe(self, label: str, one_in: int = 2) -> bool:
        return self.data.draw(st.integers(0, one_in - 1), label=label) == 0

    def argv(self, words: tuple[str, ...], parser: argparse.ArgumentParser) -> list[str]:
        slots: list[str | argparse.Action] = list(words)  # an Action stands for its value, drawn below
        for action in self._present(parser):
            if action.option_strings:
                slots.append(self.data.draw(st.sampled_from(action.option_strings), label="spelling"))
                if action.nargs == 0 or (action.nargs == "?" and self.maybe("no value")):
                    continue
            count = 1 if action.nargs in (None, 1, "?") else self.data.draw(st.integers(1, 3), label="how many")
            slots += [action] * count
        values = [index for index, slot in enumerate(slots) if isinstance(slot, argparse.Action)]
        mode = self.data.draw(st.sampled_from(["one odd", "one odd", "none odd", "chaos"]), label="mode")
        odd = set(values) if mode == "chaos" else set()
        if mode == "one odd" and values:
            odd = {self.data.draw(st.sampled_from(values), label="which value is odd")}
        return [slot if isinstance(slot, str) else self._value(slot, index in odd) for index, slot in enumerate(slots)]

    def _present(self, parser: argparse.ArgumentParser) -> list[argparse.Action]:
        exclusive = {id(action): group for group in parser._mutually_exclusive_groups
                     for action in group._group_actions}
        chosen = {id(group): self.data.draw(st.sampled_from(group._group_actions), label="one of a group")
                  for group in parser._mutually_exclusive_groups}
        present = []
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction) or LEFT_OUT_OPTIONS & set(action.option_strings):
                continue
            group = exclusive.get(id(action))
            if not action.option_strings:
                wanted = True  # a positional
            elif group is not None:
                wanted = ((chosen[id(group)] is action and (group.required or self.maybe("in the group")))
                          or self.maybe("a second one of the group", one_in=20))
            else:
                wanted = action.required or self.maybe(f"{action.dest}?", one_in=3)
            if wanted:
                present.append(action)
        return present

    def _value(self, action: argparse.Action, odd: bool) -> str:
        choices = _real_values(action, self.real, self.paths)
        if odd or not choices:
            return self.data.draw(_odd_for(action), label=action.dest)
        return self.data.draw(st.sampled_from(choices), label=action.dest)


@pytest.mark.parametrize(("words", "parser"), COMMANDS, ids=[" ".join(words) for words, _ in COMMANDS])
@settings(max_examples=EXAMPLES_PER_COMMAND, deadline=None, derandomize=EXAMPLES_PER_COMMAND <= 50,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(data=st.data())
def test_no_arguments_end_in_a_traceback(board, monkeypatch, words, parser, data):
    database, real, paths = board
    argv = ["--db", database.url, *_Draws(data, real, paths).argv(words, parser)]
    stdin = data.draw(st.sampled_from(["", "K7QM-3XHP-9TWA\n", "²٣\udcff\n"]), label="standard input")
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    monkeypatch.chdir(Path(paths[0]).parent)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse: --help (0) or a refusal (2)
            code = exit_.code
    message = err.getvalue()
    assert "Traceback" not in message and "erreur inattendue" not in message, (argv, message)
    assert code in (0, 2), (argv, code, message)
    if code == 2:
        assert message.strip(), (argv, "a refusal says why")
