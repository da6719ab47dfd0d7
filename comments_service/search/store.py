"""The index directory: which Whoosh index is live, opening it safely, and swapping in a rebuilt one.

Layout under `index_dir`:

    writer.lock        the single-writer lock (see writerlock.py)
    spool/             queued changes (see spool.py)
    CURRENT            the name of the live index directory, replaced atomically
    ix-<ns>/           Whoosh indexes: the live one, the previous one (readers may still use it), a build
    ix-<ns>/FORMAT     the `FORMAT` its documents were built in

A rebuild writes a fresh `ix-<ns>/` and then points `CURRENT` at it, so readers see either the old index
or the new one, never a half-built one.
"""

from __future__ import annotations

import io
import logging
import os
import pickle
import shutil
import struct
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from whoosh import index as whoosh_index
from whoosh.codec.base import Segment
from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader, W3PerDocWriter
from whoosh.columns import Column, PickleColumn, VarBytesColumn
from whoosh.fields import Schema
from whoosh.filedb.filestore import Storage
from whoosh.filedb.structfile import StructFile
from whoosh.index import FileIndex
from whoosh.searching import Searcher

from .ranking import SaturatedTfIdf
from .schema import SEARCH_FIELDS, build_schema

log = logging.getLogger(__name__)

CORRUPTION_ERRORS: tuple[type[BaseException], ...] = (
    whoosh_index.IndexError,  # includes EmptyIndexError, IndexVersionError
    IndexError,
    struct.error,
    OSError,
    EOFError,
    ValueError,
    KeyError,
    AttributeError,
    pickle.UnpicklingError,
    zlib.error,
)
"""What Whoosh raises while opening missing, truncated or garbled index files."""

READ_ERRORS: tuple[type[BaseException], ...] = (
    whoosh_index.IndexError,
    IndexError,
    struct.error,
    OSError,
    EOFError,
    zlib.error,
)
"""What a damaged index raises during a search, narrower so our own bugs are not mistaken for damage."""

_POINTER = "CURRENT"
_PREFIX = "ix-"
_FORMAT_FILE = "FORMAT"
FORMAT = "3"
"""What the documents of an index are made of; an index built in another format is rebuilt.

Count it up when the same source gives other documents: 2, comments indexed by the text readers see rather
than their Markdown source; 3, words split at `*` (`schema.WORD_PATTERN`). (The schema's field types and the
codec are checked on their own; its analysers are not.)"""


class IndexStore:
    """Finds, opens, creates and swaps the Whoosh indexes inside one directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self._schema_checked: set[str] = set()  # an index's schema never changes after create()

    def current_name(self) -> str | None:
        """The live index directory's name, or None before the first build."""
        try:
            return (self.root / _POINTER).read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def open_index(self, *, outdated: bool = False) -> tuple[str, FileIndex]:
        """Open the live index; raises `UnreadableIndex` when it is missing, its TOC unreadable, or it was
        built with another schema, or (unless `outdated`) in an older `FORMAT`: an older version's index reads
        well enough to answer searches, but a rebuild gives it today's documents."""
        name = self.current_name()
        if name is None:
            raise MissingIndex(f"no search index in {self.root} yet")
        ix = _guarded(lambda: whoosh_index.open_dir(str(self.root / name)))
        if name not in self._schema_checked:
            if _layout(_guarded(lambda: ix.schema)) != _layout(build_schema()):
                raise UnreadableIndex(f"{name} was built with another schema")
            if self._format_of(name) == FORMAT:
                self._schema_checked.add(name)
            elif not outdated:
                raise UnreadableIndex(f"{name} holds documents of an older format")
        return name, ix

    def open_searcher(self, *, outdated: bool = False) -> tuple[str, Searcher]:
        """A searcher on the live index after reading a little of every part; raises `UnreadableIndex`
        (`outdated`: as `open_index`)."""
        name, ix = self.open_index(outdated=outdated)
        return name, _guarded(lambda: _probed_searcher(ix))

    def is_outdated(self, name: str) -> bool:
        """Whether index `name`, opened before, holds documents of an older `FORMAT` than today's."""
        return name not in self._schema_checked

    def create(self) -> tuple[str, FileIndex]:
        """A new empty index in a fresh directory, not yet live, marked with today's `FORMAT`."""
        name = f"{_PREFIX}{time.time_ns():020d}"
        path = self.root / name
        path.mkdir()
        (path / _FORMAT_FILE).write_text(FORMAT, encoding="ascii")
        return name, whoosh_index.create_in(str(path), build_schema())

    def _format_of(self, name: str) -> str | None:
        try:
            return (self.root / name / _FORMAT_FILE).read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None  # before formats were marked: format 1

    def publish(self, name: str) -> None:
        """Make `name` the live index (atomic rename), then delete all but it and its predecessor."""
        previous = self.current_name()
        tmp = self.root / f".{_POINTER}.{os.getpid()}"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(name)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.root / _POINTER)
        self._remove_except({name, previous})

    def discard(self, name: str) -> None:
        """Delete an index directory that never went live (a failed rebuild)."""
        shutil.rmtree(self.root / name, ignore_errors=True)

    def _remove_except(self, keep: set[str | None]) -> None:
        for entry in self.root.iterdir():
            if entry.name.startswith(_PREFIX) and entry.name not in keep:
                log.info("search: deleting old index %s", entry.name)
                shutil.rmtree(entry, ignore_errors=True)


PLAIN_STORED_COLUMN = PickleColumn(VarBytesColumn())
"""Stored fields as plain pickles: Whoosh's own column deflates each document's on its own (and again at
every merge), which cost a tenth of indexing a comment for a few hundred bytes saved."""


class PlainStoredCodec(W3Codec):
    """Whoosh's codec with plain stored fields and a per-document reader that remembers which columns a
    segment lacks.

    Writing a segment or merging one in, Whoosh looks up a field length for every posting and every stored
    field of every document; for fields without lengths (all but the text fields) each lookup asked the
    file system whether the column exists: 150,000 `stat` calls for 4,000 comments.
    Every segment's table of contents names this class, so an index written another way is unreadable here
    (and rebuilt): a change to how segments are written needs a new class name. Indexes written by the
    former `Codec` (deflated stored fields) are rebuilt this way.
    """

    length_stats = False
    """No field-length statistics in posting blocks: writing them looked up a document's field length for every
    posting (a twelfth of writing a segment, more of a merge), and only length-normalising rankings read them;
    Plein's (ranking.py) ignores lengths. The lengths themselves are still stored per document."""

    def per_document_writer(self, storage: Storage, segment: Segment) -> W3PerDocWriter:
        return _PlainStoredWriter(self, storage, segment)

    def per_document_reader(self, storage: Storage, segment: Segment) -> W3PerDocReader:
        return _ColumnsOnce(storage, segment)


class _PlainStoredWriter(W3PerDocWriter):
    def _create_column(self, fieldname: str, column: Column) -> None:
        super()._create_column(fieldname, PLAIN_STORED_COLUMN if fieldname == "_stored" else column)


class _ColumnsOnce(W3PerDocReader):
    def __init__(self, storage: Storage, segment: Segment) -> None:
        super().__init__(storage, segment)
        self._columns: dict[str, bool] = {}

    def has_column(self, fieldname: str) -> bool:
        found = self._columns.get(fieldname)
        if found is None:
            found = self._columns[fieldname] = super().has_column(fieldname)
        return found

    def stored_fields(self, docnum: int) -> dict[str, Any]:
        column = self._cached_reader("_stored", PLAIN_STORED_COLUMN)
        if column is None:  # the segment's files went with a merge after its table of contents was read
            raise FileNotFoundError("a segment's stored fields are gone: reopen the index")
        return column[docnum] or {}


CODEC = PlainStoredCodec()
"""Pass to every `ix.writer()`: segments keep their writer's codec, so merges and readers use it too."""


class UnreadableIndex(whoosh_index.IndexError):
    """The live index is missing or damaged: rebuild it."""


class MissingIndex(UnreadableIndex):
    """No index was ever built here (a first start): build it, nothing is wrong."""


T = TypeVar("T")


def _layout(schema: Schema) -> dict[str, tuple[object, ...]]:
    """What decides how each field is written and read: its type, postings format and column."""
    return {
        name: (type(field), type(field.format), type(field.column_type), field.stored)
        for name, field in schema.items()
    }


def _guarded(read: Callable[[], T]) -> T:
    """Run a Whoosh read, turning its errors into `UnreadableIndex`.

    Whoosh leaves the file it failed on open in the frames of the error (reading a garbled table of
    contents, say); closing the files found there keeps a damaged index from leaking handles.
    """
    try:
        return read()
    except CORRUPTION_ERRORS as error:
        _close_files_in(error.__traceback__)
        raise UnreadableIndex(repr(error)) from None


def _close_files_in(trace: TracebackType | None) -> None:
    while trace is not None:
        for value in trace.tb_frame.f_locals.values():
            if isinstance(value, StructFile) and not value.is_closed:
                value.close()
            elif isinstance(value, io.IOBase):
                value.close()
        trace = trace.tb_next


def _probed_searcher(ix: FileIndex) -> Searcher:
    """A ranking searcher that has opened every file of every segment and read a little of each.

    Whoosh opens a segment's columns lazily; a merge may delete those files meanwhile, which an open file
    survives and a later open does not. Cheap on purpose (no sorting, no scan): every process reopens
    its searcher after each commit.
    """
    searcher = ix.searcher(weighting=SaturatedTfIdf())
    try:
        for reader, _ in searcher.reader().leaf_readers():
            if reader.doc_count_all():
                reader.stored_fields(0)
                reader.column_reader("created", translate=False)[0]
                for fieldname in SEARCH_FIELDS:
                    reader.doc_field_length(0, fieldname)
        next(iter(searcher.lexicon("kind")), None)
    except BaseException:
        searcher.close()
        raise
    return searcher
