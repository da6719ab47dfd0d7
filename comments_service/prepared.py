"""Statements a write runs on every request, compiled once and run on the database driver's own cursor.

SQLAlchemy Core readies each execution (an execution context, the parameters' processing, a result object) in about
12 µs more than the driver alone takes, and SQLite runs such a statement in 3 to 5 µs. A comment's write runs six,
five of them inside SQLite's one write turn, so readying them cost more than running them and kept the other
workers waiting for the turn (docs/performance.md, step 31). A `Prepared` statement stays written in Core (typed
against the models, one text for SQLite and PostgreSQL) and does once per database dialect what Core does per
execution: compile it and find its columns' bind and result processors (``UTCDateTime`` to naive UTC text on
SQLite, SQLite's 0/1 to ``bool``). A run then costs the processors and the driver's call.

It runs in the session's transaction (or a Core connection's), on the connection Core would use, so it mixes freely
with Core and ORM statements. Driver errors come as SQLAlchemy's (``IntegrityError``, ``OperationalError`` with the
driver's error as ``orig``: `db.retried` and the callers' handlers see what Core would raise), and the engine's
``before_cursor_execute`` listeners hear each statement, as they hear Core's.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Unpack

from sqlalchemy import BindParameter, Connection, bindparam
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.interfaces import DBAPIModule
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.selectable import Select

Processor = Callable[[Any], Any] | None
Bind = Session | Connection
"""Where a statement runs: a session's transaction, or a Core connection's."""
Statement = Select[Unpack[tuple[Any, ...]]] | UpdateBase
"""A SELECT of any columns, or an INSERT, UPDATE or DELETE."""
_REQUIRED = object()  # a bind parameter the caller must give


class _Bind(NamedTuple):
    """One parameter as the compiled text takes it: the caller's key, the statement's own value if it has one
    (``version + 1``), and the column type's processor."""

    key: str
    default: Any
    process: Processor


@dataclass(frozen=True)
class _Compiled:
    """The statement for one dialect: its text, its parameters in the driver's order and its row processors."""

    sql: str
    names: tuple[str, ...]  # as the text names them (pyformat), in order (qmark)
    binds: tuple[_Bind, ...]
    positional: bool
    row_processors: tuple[Processor, ...] | None  # None: the driver's values are Core's
    processed: bool  # whether any parameter has a processor

    def parameters(self, params: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        """The driver's parameters for the caller's ``params`` (a run of an INSERT from a SELECT takes dozens)."""
        values = [params.get(key, default) for key, default, _ in self.binds]
        if any(value is _REQUIRED for value in values):
            missing = next(key for key, default, _ in self.binds if default is _REQUIRED and key not in params)
            raise ArgumentError(f"a value is required for bind parameter {missing!r}")
        if self.processed:
            values = [value if bind.process is None else bind.process(value)
                      for value, bind in zip(values, self.binds, strict=True)]
        return values if self.positional else dict(zip(self.names, values, strict=True))

    def row(self, raw: Sequence[Any]) -> tuple[Any, ...]:
        if self.row_processors is None:
            return tuple(raw)
        return tuple(value if process is None else process(value)
                     for value, process in zip(raw, self.row_processors, strict=True))


def parameters_named(*columns: str) -> dict[str, BindParameter[Any]]:
    """Each column's value as the parameter of its name, for an INSERT's ``values``: a prepared INSERT names every
    value it sets (Core would fill the others from their defaults on each run)."""
    return {column: bindparam(column) for column in columns}


def _compile(statement: Statement, dialect: Dialect) -> _Compiled:
    compiled = statement.compile(dialect=dialect)
    defaulted = [*compiled.insert_prefetch, *compiled.update_prefetch]
    if defaulted:  # Core computes such defaults (``created=utcnow``) per execution, which a prepared run skips
        raise ArgumentError(f"a prepared statement names every value; give {', '.join(map(str, defaulted))}")
    by_name = {name: bind for bind, name in compiled.bind_names.items()}
    names = tuple(compiled.positiontup or ()) if compiled.positional else tuple(by_name)
    binds = []
    for name in names:
        bind = by_name[name]
        if bind.expanding:
            raise ArgumentError("a prepared statement takes no expanding IN parameter: name each value")
        default = _REQUIRED if bind.required else bind.effective_value
        binds.append(_Bind(bind.key, default, bind.type.dialect_impl(dialect).bind_processor(dialect)))
    row_processors = tuple(column.type.dialect_impl(dialect).result_processor(dialect, None)
                           for column in statement.exported_columns)
    return _Compiled(str(compiled), names, tuple(binds), bool(compiled.positional),
                     row_processors if any(row_processors) else None, any(bind.process for bind in binds))


class Prepared:
    """A Core ``statement`` (a SELECT, or an INSERT, UPDATE or DELETE, with RETURNING or not) run on the driver's
    cursor in the session's transaction; see the module's docstring for why."""

    def __init__(self, statement: Statement) -> None:
        self.statement = statement
        self._by_dialect: weakref.WeakKeyDictionary[Dialect, _Compiled] = weakref.WeakKeyDictionary()

    def _compiled(self, dialect: Dialect) -> _Compiled:
        compiled = self._by_dialect.get(dialect)
        if compiled is None:
            compiled = self._by_dialect[dialect] = _compile(self.statement, dialect)
        return compiled

    def _run(self, bind: Bind, params: Mapping[str, Any] | None, rows: Iterable[Mapping[str, Any]] | None = None
             ) -> tuple[_Compiled, Any]:
        """Run with ``params``, or once for each of ``rows``: (the compiled statement, the driver's cursor)."""
        connection = bind.connection() if isinstance(bind, Session) else bind
        compiled = self._compiled(connection.dialect)
        many = rows is not None
        values: Any = ([compiled.parameters(row) for row in rows] if rows is not None
                       else compiled.parameters(params or {}))
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]  # checked out: open
        if connection.dispatch.before_cursor_execute:
            connection.dispatch.before_cursor_execute(connection, cursor, compiled.sql, values, None, many)
        driver_error: type[DBAPIModule.Error] = connection.dialect.loaded_dbapi.Error
        try:
            if many:
                cursor.executemany(compiled.sql, values)
            else:
                cursor.execute(compiled.sql, values)
        except driver_error as error:
            raise _wrapped(connection, cursor, compiled.sql, values, error) from error
        return compiled, cursor

    def execute(self, bind: Bind, params: Mapping[str, Any] | None = None) -> None:
        """Run it for its effect (a row it returns is not read)."""
        self._run(bind, params)[1].close()

    def execute_many(self, bind: Bind, rows: Iterable[Mapping[str, Any]]) -> None:
        """Run it once for each of ``rows`` (the driver's ``executemany``): several rows inserted at once."""
        self._run(bind, None, rows)[1].close()

    def first(self, bind: Bind, params: Mapping[str, Any] | None = None) -> tuple[Any, ...] | None:
        """Its first row, processed as Core would give it, or ``None``."""
        compiled, cursor = self._run(bind, params)
        try:
            raw = cursor.fetchone()
        finally:
            cursor.close()
        return None if raw is None else compiled.row(raw)

    def scalar(self, bind: Bind, params: Mapping[str, Any] | None = None) -> Any:
        """The first column of its first row (``None`` without one)."""
        row = self.first(bind, params)
        return None if row is None else row[0]


def _wrapped(connection: Connection, cursor: Any, sql: str, values: Any, error: DBAPIModule.Error) -> Exception:
    """The driver's ``error`` as SQLAlchemy's exception of its kind; a lost connection is marked so for the pool."""
    dialect = connection.dialect
    lost = dialect.is_disconnect(error, connection.connection.dbapi_connection, cursor)
    wrapped = DBAPIError.instance(sql, values, error, dialect.loaded_dbapi.Error, connection_invalidated=lost,
                                  dialect=dialect)
    if lost:
        connection.invalidate(error)
    return wrapped
