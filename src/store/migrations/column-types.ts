/**
 * Column definitions that differ between the databases, shared by the migrations: the one place a
 * migration decides by dialect how an id, a floating-point number or a byte string is declared.
 */
import type { ColumnDefinitionBuilder } from 'kysely';
import type { Dialect } from '../database.js';

/** An integer primary key the database numbers itself (SQLite's rowid alias, PostgreSQL's identity). */
export function identityColumn(dialect: Dialect) {
  return (c: ColumnDefinitionBuilder) =>
    dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity();
}
