"""The client book: versions, restore, drafts that keep the last good version, optimistic
concurrency (both texts kept), export/import as a folder, migrations on a fresh file, and the
`rothroute book` and `rothroute serve` commands."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from rothroute.cli.app import app as cli
from rothroute.web.book import Book, BookError, NotFound, Stale

from ..conftest import EXAMPLES

SEED = (EXAMPLES / "seed.yaml").read_text()


@pytest.fixture
def book(tmp_path: Path) -> Book:
    return Book.open(str(tmp_path / "book.sqlite"))


def test_a_fresh_file_is_migrated_to_the_newest_schema(tmp_path: Path) -> None:
    path = tmp_path / "new" / "book.sqlite"
    Book.open(str(path))
    with sqlite3.connect(path) as db:
        tables = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
        head = db.execute("select version_num from alembic_version").fetchone()[0]
    assert {"clients", "versions", "alembic_version"} <= tables
    from alembic.script import ScriptDirectory
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__import__("rothroute.web.book").web.book.__file__).parent
                                                  / "migrations"))
    assert head == ScriptDirectory.from_config(config).get_current_head()
    Book.open(str(path))  # opening again changes nothing


def test_a_database_url_is_taken_and_a_bad_one_is_a_clear_error(tmp_path: Path) -> None:
    Book.open(f"sqlite:///{tmp_path / 'url.sqlite'}").save("Ann", SEED, None)
    with pytest.raises(BookError, match="cannot open the client book"):
        Book.open("nosuchdialect://x/y")


def test_every_save_is_a_new_version_and_an_old_one_can_be_restored(book: Book) -> None:
    v1, problems = book.save("Pat Doe", SEED, None)
    assert (v1.number, v1.kind, problems) == (1, "good", [])
    v2, _ = book.save("Pat Doe", SEED.replace("36000", "40000"), 1)
    assert v2.number == 2 and "40000" in book.version("Pat Doe").text
    assert book.version("Pat Doe", 1).text == SEED
    v3, _ = book.restore("Pat Doe", 1, 2)
    assert v3.number == 3 and book.version("Pat Doe").text == SEED and v3.note == "restored from version 1"
    assert [v.number for v in book.versions("Pat Doe")] == [1, 2, 3]


def test_a_file_with_problems_is_a_draft_and_the_last_good_version_stays(book: Book) -> None:
    book.save("Pat Doe", SEED, None)
    draft, problems = book.save("Pat Doe", SEED.replace("born: 1959-05-20", "born: 1959-13-20"), 1)
    assert draft.kind == "draft" and problems and problems[0].line == SEED.splitlines().index("    born: 1959-05-20") + 1
    assert book.last_good("Pat Doe").number == 1 and book.version("Pat Doe").number == 2
    client = book.clients()[0]
    assert (client.latest, client.latest_kind, client.last_good) == (2, "draft", 1)


def test_a_stale_save_is_refused_and_both_texts_are_kept(book: Book) -> None:
    book.save("Pat Doe", SEED, None)
    book.save("Pat Doe", SEED.replace("36000", "40000"), 1)  # the first tab
    with pytest.raises(Stale) as caught:
        book.save("Pat Doe", SEED.replace("36000", "50000"), 1)  # the second tab, opened at version 1
    assert caught.value.latest == 2 and caught.value.kept == 3 and "version 2" in str(caught.value)
    assert "40000" in book.version("Pat Doe").text  # the newest saved version is the first tab's
    assert "50000" in book.version("Pat Doe", 3).text and book.version("Pat Doe", 3).kind == "conflict"
    book.save("Pat Doe", SEED.replace("36000", "50000"), 2)  # saved again on the newest: accepted
    assert "50000" in book.version("Pat Doe").text
    with pytest.raises(Stale):
        book.save("Pat Doe", SEED, None)  # "new client" with a name already in the book


def test_names_and_missing_things(book: Book) -> None:
    for bad in ("", " Pat", "a/b", "x" * 81, "../etc"):
        with pytest.raises(BookError):
            book.save(bad, SEED, None)
    with pytest.raises(NotFound):
        book.version("Nobody")
    with pytest.raises(NotFound):
        book.save("Pat", SEED, None) and book.version("Pat", 7)


def test_export_and_import_a_folder(book: Book, tmp_path: Path) -> None:
    book.save("Pat Doe", SEED, None)
    book.save("Pat Doe", "format: 1\n", 1)  # a draft after the good version
    book.save("Lee Roe", SEED.replace("36000", "30000"), None)
    folder = tmp_path / "out"
    written = sorted(p.name for p in book.export_folder(folder))
    assert written == ["Lee Roe.yaml", "Pat Doe.draft.yaml", "Pat Doe.yaml"]
    assert (folder / "Pat Doe.yaml").read_text() == SEED
    other = Book.open(str(tmp_path / "other.sqlite"))
    lines = other.import_folder(folder)
    assert len(lines) == 3
    assert other.last_good("Pat Doe").text == SEED and other.version("Pat Doe").kind == "draft"
    assert "30000" in other.version("Lee Roe").text
    again = other.import_folder(folder)
    assert any("unchanged" in line for line in again)


def test_book_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "Kim Poe.yaml").write_text(SEED)
    runner = CliRunner()
    result = runner.invoke(cli, ["book", "import", str(folder), "--db", db])
    assert result.exit_code == 0 and "Kim Poe version 1" in result.stdout
    result = runner.invoke(cli, ["book", "export", str(tmp_path / "out"), "--db", db])
    assert result.exit_code == 0 and (tmp_path / "out" / "Kim Poe.yaml").read_text() == SEED


def test_serve_refuses_a_remote_address_without_allow_remote(monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "--allow-remote" in result.stderr and "no login" in result.stderr
    started = {}
    import rothroute.web.serve

    monkeypatch.setattr(rothroute.web.serve, "serve", lambda **kw: started.update(kw))
    result = runner.invoke(cli, ["serve", "--host", "0.0.0.0", "--allow-remote", "--port", "8123"])
    assert result.exit_code == 0 and "WARNING" in result.stderr and "no login" in result.stderr
    assert started["host"] == "0.0.0.0" and started["port"] == 8123
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert runner.invoke(cli, ["serve", "--host", host]).exit_code == 0
