"""The registry of personal data covers every table: a table added without an entry fails here."""

from __future__ import annotations

from comments_service.privacy.registry import FREE_OF_PERSONAL_DATA, PERSONAL_DATA, Erase, registered_tables
from comments_service.privacy.strings import WORDS
from comments_service.schema import metadata


def test_every_table_is_registered_or_declared_free() -> None:
    missing = sorted(set(metadata.tables) - registered_tables())
    assert not missing, (
        f"tables without an entry in comments_service/privacy/registry.py: {missing}; register how they are "
        "exported and erased (PERSONAL_DATA) or say why they hold no personal data (FREE_OF_PERSONAL_DATA)"
    )


def test_no_table_is_both_personal_and_free() -> None:
    assert not {entry.table for entry in PERSONAL_DATA} & set(FREE_OF_PERSONAL_DATA)


def test_registry_names_only_tables_and_columns_that_exist() -> None:
    for entry in PERSONAL_DATA:
        assert entry.table in metadata.tables, entry
        columns = metadata.tables[entry.table].columns
        named = [entry.person_column] if entry.person_column else [entry.through.column]  # type: ignore[union-attr]
        named += list(entry.values) + list(entry.where)
        for column in named:
            assert column in columns, f"{entry.table}.{column}"
        if entry.through is not None:
            parent = metadata.tables[entry.through.table].columns
            assert entry.through.person_column in parent and entry.through.key in parent, entry
    for table in FREE_OF_PERSONAL_DATA:
        assert table in metadata.tables, f"{table} is declared free of personal data but does not exist"


def test_every_personal_table_is_exported_and_erased() -> None:
    for table in {entry.table for entry in PERSONAL_DATA}:
        entries = [entry for entry in PERSONAL_DATA if entry.table == table]
        assert any(entry.export for entry in entries), f"{table} is never exported"
        assert any(entry.erase is not Erase.KEEP for entry in entries) or all(entry.reason for entry in entries)


def test_every_exported_kind_has_a_name_on_mijn_gegevens_in_both_languages() -> None:
    for table in {entry.table for entry in PERSONAL_DATA if entry.export}:
        for language, words in WORDS.items():
            assert f"table_{table}" in words, f"privacy/strings.py: no {language} name for {table}"
