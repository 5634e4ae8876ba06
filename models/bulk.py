"""Appending many rows to a registry table at once, with each JSON value encoded once.

SQLAlchemy's JSON type encodes every value of every row as it binds it, and a Core
executemany builds and processes a parameter dict per row. Imports write tens of thousands
of rows, so for the append-only tables (suppliers, assessments, events) this encodes each
distinct JSON object once (rows sharing an object, such as an assessment body shared by
every row with the same profile, share its text), with the encoding SQLAlchemy would use
(``json.dumps``), and then, on the session's own connection and so in the job's transaction:

* on SQLite (pysqlite), runs one ``executemany`` of the statement SQLAlchemy compiles for the
  table, each non-JSON column going through its own type's bind processor (UUIDs as hex,
  UTC timestamps as text) and the JSON columns bound as the text SQLAlchemy would bind;
* on PostgreSQL (psycopg 3), streams the rows with ``COPY ... FROM STDIN``; jsonb parses
  the JSON text to the same value as the bound JSON.

A JSON value may come already encoded, as ``EncodedJSON`` text (many rows whose JSON differs
in one field are made from one template): it is written as it is.

Python ``None`` in a JSON column is stored as JSON ``null``, as the JSON type does by
default (``none_as_null=False``). Rows must give a value for every column but an
autoincrement key; anything else (or another driver) takes a plain Core insert.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import JSON, Connection, Table, insert
from sqlalchemy.orm import Session


class EncodedJSON(str):
    """JSON text to store as the JSON value it encodes (``json.dumps``'s encoding)."""


def _decoded(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows for a plain Core insert, which encodes every JSON value itself."""
    return [
        {k: json.loads(v) if isinstance(v, EncodedJSON) else v for k, v in row.items()}
        for row in rows
    ]


def _covers(table: Table, keys: Sequence[str]) -> bool:
    """Every column is given, but an autoincrement key the database fills."""
    given = set(keys)
    return all(
        c.name in given or (c.primary_key and c.autoincrement is not False and c.default is None)
        for c in table.columns
    )


def append_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    session.flush()  # as session.execute would autoflush: pending ORM writes go first
    connection = session.connection()
    driver = connection.dialect.driver
    if driver not in ("psycopg", "pysqlite") or not _covers(table, columns):
        session.execute(table.insert(), _decoded(rows))
        return
    json_columns = {c.name for c in table.columns if isinstance(c.type, JSON)}
    encoded: dict[int, str] = {}  # id(value) -> its JSON; the rows keep every value alive

    def encode(value: Any) -> str:
        if isinstance(value, EncodedJSON):
            return str(value)
        text = encoded.get(id(value))
        if text is None:
            text = encoded[id(value)] = json.dumps(value)
        return text

    if driver == "psycopg":
        _copy(connection, table, columns, json_columns, rows, encode)
    elif not _sqlite_executemany(connection, table, columns, json_columns, rows, encode):
        session.execute(table.insert(), _decoded(rows))


def _copy(
    connection: Connection,
    table: Table,
    columns: list[str],
    json_columns: set[str],
    rows: Sequence[dict[str, Any]],
    encode: Callable[[Any], str],
) -> None:
    from psycopg import sql

    target = sql.Identifier(*([table.schema] if table.schema else []), table.name)
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        target, sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )
    positions = [i for i, c in enumerate(columns) if c in json_columns]
    driver_connection = connection.connection.driver_connection
    assert driver_connection is not None
    with driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            values = [row[c] for c in columns]
            for position in positions:
                values[position] = encode(values[position])
            copy.write_row(values)


def _sqlite_executemany(
    connection: Connection,
    table: Table,
    columns: list[str],
    json_columns: set[str],
    rows: Sequence[dict[str, Any]],
    encode: Callable[[Any], str],
) -> bool:
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=columns)
    order = list(compiled.positiontup or ())
    if sorted(order) != sorted(columns):  # not one plain positional parameter per column
        return False
    steps: list[tuple[str, Callable[[Any], Any] | None]] = [
        (
            column,
            encode
            if column in json_columns
            else table.columns[column].type.dialect_impl(dialect).bind_processor(dialect),
        )
        for column in order
    ]
    prepared = [
        tuple(row[column] if step is None else step(row[column]) for column, step in steps)
        for row in rows
    ]
    driver_connection = connection.connection.driver_connection
    assert driver_connection is not None
    cursor = driver_connection.cursor()
    try:
        cursor.executemany(str(compiled), prepared)
    finally:
        cursor.close()
    return True
