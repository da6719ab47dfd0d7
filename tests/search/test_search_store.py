"""How indexes are kept on disk: an index of an older schema or codec is rebuilt, segments spare the file system
and store their fields undeflated."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import DATETIME, ID, Schema

from comments_service.search import WhooshBackend, store
from comments_service.search.schema import build_schema
from comments_service.search.store import (
    FORMAT,
    PLAIN_STORED_COLUMN,
    IndexStore,
    PlainStoredCodec,
    UnreadableIndex,
)
from search_factories import comment, ids


def _previous_schema() -> Schema:
    """The schema before `page_id`, `author`, `language` and `created` stopped being indexed."""
    schema = build_schema()
    for name in ("page_id", "author", "language"):
        schema.remove(name)
        schema.add(name, ID(stored=True))
    schema.remove("created")
    schema.add("created", DATETIME(stored=True, sortable=True))
    return schema


def _publish_old_index(index_dir: Path) -> None:
    store = IndexStore(index_dir)
    name = "ix-00000000000000000001"
    (index_dir / name).mkdir()
    ix = whoosh_index.create_in(str(index_dir / name), _previous_schema())
    with ix.writer() as writer:
        writer.add_document(doc_id="comment:1", kind="comment", page_id="nieuws", text_nl="oude reactie over koffie")
    store.publish(name)


def test_an_index_with_an_older_schema_is_reported_and_rebuilt(
    index_dir: Path, open_backend: Callable[..., WhooshBackend]
) -> None:
    _publish_old_index(index_dir)
    with pytest.raises(UnreadableIndex, match="another schema"):
        IndexStore(index_dir).open_index()

    search = open_backend()

    assert search.needs_rebuild
    assert search.rebuild_if_needed(lambda: [comment(2, "nieuwe reactie over koffie")])
    assert ids(search.search("koffie")) == ["comment:2"]


def test_an_index_of_an_older_format_is_reported_served_and_rebuilt(
    index_dir: Path, open_backend: Callable[..., WhooshBackend]
) -> None:
    store = IndexStore(index_dir)
    name, ix = store.create()
    with ix.writer(codec=PlainStoredCodec()) as writer:
        writer.add_document(doc_id="comment:1", kind="comment", page_id="nieuws", text_nl="**oude** reactie")
    (index_dir / name / "FORMAT").unlink()  # as indexes were before their format was marked
    store.publish(name)
    with pytest.raises(UnreadableIndex, match="older format"):
        IndexStore(index_dir).open_index()

    search = open_backend()

    assert search.needs_rebuild
    assert ids(search.search("reactie")) == ["comment:1"], "the older index answers until its rebuild is live"
    assert search.rebuild_if_needed(lambda: [comment(2, "oude reactie over koffie")])
    assert not search.needs_rebuild
    assert ids(search.search("oude")) == ["comment:2"]
    assert (index_dir / IndexStore(index_dir).current_name() / "FORMAT").read_text() == FORMAT


def test_segments_ask_the_file_system_once_per_missing_column(
    whoosh: WhooshBackend, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whoosh.index([comment(1, "reactie over koffie")])
    whoosh.drain()
    _, ix = IndexStore(index_dir).open_index()
    [segment] = ix._segments()
    asked: list[str] = []
    exists = ix.storage.file_exists
    monkeypatch.setattr(ix.storage, "file_exists", lambda name: asked.append(name) or exists(name))

    assert isinstance(segment.codec(), PlainStoredCodec)
    reader = segment.codec().per_document_reader(ix.storage, segment)
    assert [reader.doc_field_length(0, "kind") for _ in range(3)] == [0, 0, 0]

    assert len(asked) == 1


def test_an_index_written_by_the_former_codec_is_reported_and_rebuilt(
    index_dir: Path, open_backend: Callable[..., WhooshBackend], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Codec(W3Codec):  # the former codec's name, as its segments' tables of contents recorded it
        pass

    Codec.__module__, Codec.__qualname__ = store.__name__, "Codec"
    monkeypatch.setattr(store, "Codec", Codec, raising=False)
    name, ix = IndexStore(index_dir).create()
    with ix.writer(codec=Codec()) as writer:
        writer.add_document(doc_id="comment:1", kind="comment", text_nl="oude reactie over koffie")
    IndexStore(index_dir).publish(name)
    monkeypatch.delattr(store, "Codec")

    with pytest.raises(UnreadableIndex):
        IndexStore(index_dir).open_searcher()
    search = open_backend()
    assert search.needs_rebuild
    assert search.rebuild_if_needed(lambda: [comment(2, "nieuwe reactie over koffie")])
    assert ids(search.search("koffie")) == ["comment:2"]


def test_stored_fields_are_kept_undeflated_and_read_back(whoosh: WhooshBackend, index_dir: Path) -> None:
    whoosh.index([comment(1, "reactie over koffie met #gedoe")])
    whoosh.drain()
    _, ix = IndexStore(index_dir).open_index()
    with ix.reader() as reader:  # one segment: its own reader, which opens a compound segment's parts
        raw = reader._perdoc.column_reader("_stored", PLAIN_STORED_COLUMN)[0]  # fails on deflated bytes
        assert raw["text"] == "reactie over koffie met #gedoe" and raw["doc_id"] == "comment:1"
        assert reader.stored_fields(0) == raw
