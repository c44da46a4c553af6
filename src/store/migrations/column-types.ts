/**
 * Column definitions that differ between the databases, shared by the migrations: the one place a
 * migration decides by dialect how an id, a floating-point number, a byte string or a key-clustered
 * table is declared.
 */
import { type ColumnDefinitionBuilder, type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../database.js';

/** An integer primary key the database numbers itself (SQLite's rowid alias, PostgreSQL's identity). */
export function identityColumn(dialect: Dialect) {
  return (c: ColumnDefinitionBuilder) =>
    dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity();
}

/** An 8-byte float: SQLite's `real` is one, PostgreSQL's `real` has only 4 bytes. */
export function floatType(dialect: Dialect): 'real' | 'double precision' {
  return dialect === 'sqlite' ? 'real' : 'double precision';
}

/** A byte string (a stored file). */
export function bytesType(dialect: Dialect): 'blob' | 'bytea' {
  return dialect === 'sqlite' ? 'blob' : 'bytea';
}

/**
 * The end of a table whose rows are read by key range: on SQLite a WITHOUT ROWID table stores rows in
 * primary-key order, so one KPI's values sit together; PostgreSQL has no such table kind.
 */
export function clusteredByKey(dialect: Dialect): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`without rowid` : sql``;
}
