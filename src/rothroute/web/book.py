"""The client book: households saved by name, every save a new version, nothing overwritten.

SQLAlchemy 2 over SQLite by default (``book.sqlite`` in the user's data directory), or any
SQLAlchemy URL; the schema comes from the Alembic migrations shipped in ``web/migrations``, run
at open. A version is ``good`` (the file loads), ``draft`` (saved with problems: the last good
version stays the one compare and export use) or ``conflict`` (a save based on an older version
than the newest: refused, and kept so that neither tab's work is lost). A save carries the version
it was based on (optimistic concurrency).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, create_engine, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from rothroute.codes import registered
from rothroute.errors import HouseholdFileError, RothrouteError

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.,'&()-]{0,79}")
NAME_RULE = ("a client name of 1 to 80 letters, digits, spaces and _ . , ' & ( ) -, starting with a letter or digit")


class Base(DeclarativeBase):
    pass


class ClientRow(Base):
    __tablename__ = "clients"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    created: Mapped[_dt.datetime] = mapped_column()
    versions: Mapped[list[VersionRow]] = relationship(back_populates="client", order_by="VersionRow.number")


class VersionRow(Base):
    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("client_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    number: Mapped[int] = mapped_column()
    kind: Mapped[str] = mapped_column(String(10))  # good | draft | conflict
    based_on: Mapped[int | None] = mapped_column()
    note: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    saved: Mapped[_dt.datetime] = mapped_column()
    client: Mapped[ClientRow] = relationship(back_populates="versions")


class BookError(RothrouteError):
    """A request the book cannot carry out; ``code`` and ``where`` say which and where."""

    def __init__(self, code: str, message: str, where: str = "") -> None:
        self.code, self.where = registered(code), where
        super().__init__(message)

    def to_json(self) -> dict[str, object]:
        return {"severity": "error", "code": self.code, "where": self.where, "message": str(self), "cites": []}


class NotFound(BookError):
    pass


class Stale(BookError):
    """A save based on an older version than the newest; the text was kept as ``kept``."""

    def __init__(self, name: str, based_on: int | None, latest: int, kept: int) -> None:
        self.latest, self.kept = latest, kept
        base = f"version {based_on}" if based_on else "no version (a new client)"
        super().__init__("stale_version",
                         f"'{name}' was saved as version {latest} (in another tab or by someone else) after you "
                         f"opened {base}. Your text is kept as version {kept} (a conflict copy) and version "
                         f"{latest} is unchanged: open both, then save the one to keep.", "base_version")


@dataclass(frozen=True, slots=True, kw_only=True)
class Version:
    name: str
    number: int
    kind: str
    based_on: int | None
    note: str
    text: str
    saved: _dt.datetime

    def to_json(self, with_text: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "version": self.number, "kind": self.kind,
                               "based_on": self.based_on, "note": self.note, "saved": self.saved.isoformat()}
        if with_text:
            out["text"] = self.text
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Client:
    name: str
    versions: int
    latest: int
    latest_kind: str
    last_good: int | None
    saved: _dt.datetime
    conflict: int | None = None  # a conflict copy newer than the newest saved version

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "versions": self.versions, "latest": self.latest, "latest_kind": self.latest_kind,
                "last_good": self.last_good, "conflict": self.conflict, "saved": self.saved.isoformat()}


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def _version(name: str, row: VersionRow) -> Version:
    return Version(name=name, number=row.number, kind=row.kind, based_on=row.based_on, note=row.note, text=row.text,
                   saved=row.saved)


def check_name(name: str) -> str:
    if not isinstance(name, str) or not NAME.fullmatch(name) or name != name.strip():
        raise BookError("invalid_client_name", f"expected {NAME_RULE}; got {name!r}", "name")
    return name


def default_url() -> str:
    import platformdirs

    folder = Path(platformdirs.user_data_dir("rothroute", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'book.sqlite'}"


def to_url(db: str | None) -> str:
    """A SQLAlchemy URL from ``--db``: a URL as is, else a SQLite file path."""
    if db is None:
        return default_url()
    if "://" in db:
        return db
    path = Path(db).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema with the shipped Alembic migrations."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Book:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, db: str | None = None) -> Book:
        url = to_url(db)
        try:
            engine = create_engine(url)
            migrate(engine)
        except Exception as exc:  # a bad URL or an unreachable database: say which, without a traceback
            raise BookError("book_unavailable", f"--db: cannot open the client book at {url}: "
                                                f"{type(exc).__name__}: {exc}", "db") from None
        return cls(engine)

    # reading

    def clients(self) -> list[Client]:
        out = []
        with Session(self.engine) as s:
            for row in s.scalars(select(ClientRow).order_by(func.lower(ClientRow.name))):
                vs = row.versions
                saved = [v for v in vs if v.kind != "conflict"]
                last = saved[-1] if saved else vs[-1]
                good = [v.number for v in vs if v.kind == "good"]
                newer = [v.number for v in vs if v.kind == "conflict" and v.number > last.number]
                out.append(Client(name=row.name, versions=len(vs), latest=last.number, latest_kind=last.kind,
                                  last_good=good[-1] if good else None, saved=vs[-1].saved,
                                  conflict=newer[-1] if newer else None))
        return out

    def versions(self, name: str) -> list[Version]:
        with Session(self.engine) as s:
            return [_version(name, v) for v in self._client(s, name).versions]

    def version(self, name: str, number: int | None = None) -> Version:
        """Version ``number``, or the newest saved one (a draft or a good one, never a conflict copy)."""
        with Session(self.engine) as s:
            client = self._client(s, name)
            if number is None:
                rows = [v for v in client.versions if v.kind != "conflict"] or client.versions
                return _version(name, rows[-1])
            for v in client.versions:
                if v.number == number:
                    return _version(name, v)
        raise NotFound("not_found", f"'{name}' has no version {number}", "version")

    def last_good(self, name: str) -> Version | None:
        good = [v for v in self.versions(name) if v.kind == "good"]
        return good[-1] if good else None

    def latest_number(self, name: str) -> int | None:
        try:
            return self.version(name).number
        except NotFound:
            return None

    @staticmethod
    def _client(s: Session, name: str) -> ClientRow:
        row = s.scalar(select(ClientRow).where(ClientRow.name == name))
        if row is None:
            raise NotFound("not_found", f"no client named '{name}' in the book", "name")
        return row

    # writing

    def save(self, name: str, text: str, based_on: int | None, note: str = "") -> tuple[Version, list[Any]]:
        """Save ``text`` as the client's next version; ``based_on`` is the version the editor opened
        (None for a new client). Returns the version and the file's problems (a draft when any).
        ``Stale`` when another save came first: the text is then kept as a conflict copy."""
        check_name(name)
        problems = problems_of(text)
        with Session(self.engine) as s, s.begin():
            client = s.scalar(select(ClientRow).where(ClientRow.name == name))
            if client is None:
                client = ClientRow(name=name, created=_now())
                s.add(client)
                s.flush()
            saved = [v.number for v in client.versions if v.kind != "conflict"]
            latest = saved[-1] if saved else None
            number = max((v.number for v in client.versions), default=0) + 1
            stale = latest is not None and based_on != latest
            kind = "conflict" if stale else "draft" if problems else "good"
            s.add(VersionRow(client_id=client.id, number=number, kind=kind, based_on=based_on, note=note[:500],
                             text=text, saved=_now()))
        if stale:
            raise Stale(name, based_on, latest or 0, number)
        return self.version(name, number), problems

    def restore(self, name: str, number: int, based_on: int | None) -> tuple[Version, list[Any]]:
        """Save version ``number``'s text again as the newest version."""
        old = self.version(name, number)
        return self.save(name, old.text, based_on, note=f"restored from version {number}")

    # folders

    def export_folder(self, folder: Path) -> list[Path]:
        """Each client's last good version as ``name.yaml`` (JSON text keeps ``.json``), and a newer draft
        as ``name.draft.yaml``."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for c in self.clients():
            good = self.last_good(c.name)
            latest = self.version(c.name)
            for version, suffix in ((good, ""), (latest if latest.kind == "draft" else None, ".draft")):
                if version is None:
                    continue
                ext = ".json" if version.text.lstrip().startswith("{") else ".yaml"
                path = folder / f"{c.name}{suffix}{ext}"
                path.write_text(version.text, encoding="utf-8")
                written.append(path)
        return written

    def import_folder(self, folder: Path) -> list[str]:
        """Save every ``name.yaml``/``.yml``/``.json`` in ``folder`` as the newest version of ``name``
        (unchanged texts are skipped); returns a line for each file."""
        out = []
        for path in sorted(Path(folder).iterdir(), key=draft_last):
            if path.suffix.lower() not in (".yaml", ".yml", ".json") or not path.is_file():
                continue
            name = path.stem.removesuffix(".draft")
            out.append(self.import_text(name, path.read_text(encoding="utf-8"), path.name))
        return out

    def import_text(self, name: str, text: str, label: str) -> str:
        try:
            check_name(name)
        except BookError as exc:
            return f"{label}: skipped: {exc}"
        latest = self.latest_number(name)
        if latest is not None and self.version(name, latest).text == text:
            return f"{label}: unchanged ({name} version {latest})"
        version, problems = self.save(name, text, latest, note=f"imported from {label}")
        return f"{label}: {name} version {version.number}" + (f" (a draft: {len(problems)} problems)" if problems else "")


def draft_last(path: Any) -> tuple[str, bool]:
    """Files in name order, a client's draft after its good file (so the draft stays the newest)."""
    name = Path(str(path)).name
    stem = name.rsplit(".", 1)[0]
    return stem.removesuffix(".draft"), stem.endswith(".draft")


def problems_of(text: str) -> list[Any]:
    """The household file's problems (none for a good file)."""
    from rothroute.web.reading import household_from_text

    try:
        household_from_text(text, source="<book>")
    except HouseholdFileError as exc:
        return list(exc.problems)
    return []
