import {RelataError} from '../../common/errors';
import {ValidationError} from '../../model/validation-error';
import {DbErrorInfo, SqlDialect} from './sql-dialect';
import {TableMapping} from './table-mapping';

/**
 * A filter the SQL connectors cannot translate (dotted nested keys, whole
 * object equality, comparisons inside JSON columns, properties without a
 * column). 400, code `UNSUPPORTED_QUERY`.
 */
export class UnsupportedQueryError extends RelataError {
  constructor(message: string) {
    super(message, 'UNSUPPORTED_QUERY', 400);
  }
}

/** Using a transaction that was committed, rolled back or timed out. 400, code `TRANSACTION_NOT_ACTIVE`. */
export class TransactionNotActiveError extends RelataError {
  constructor(message: string) {
    super(message, 'TRANSACTION_NOT_ACTIVE', 400);
  }
}

/** Attaches the driver's error without letting it show up in messages, JSON or logs of the error itself. */
export function withCause<E extends Error>(err: E, cause: unknown): E {
  Object.defineProperty(err, 'cause', {value: cause, enumerable: false, configurable: true, writable: true});
  return err;
}

/** What the failing operation was about, for the message. */
export interface ErrorContext {
  /** The model concerned, when there is one. */
  mapping?: TableMapping;
  /** The connector operation (`create`, `find`, `execute`, ...). */
  operation: string;
}

function propertyOf(mapping: TableMapping | undefined, column: string): string {
  if (!mapping) return column;
  for (const c of mapping.columns) if (c.column === column) return c.property;
  // Unquoted names are folded to lower case by PostgreSQL.
  const lower = column.toLowerCase();
  for (const c of mapping.columns) if (c.column.toLowerCase() === lower) return c.property;
  return column;
}

function propertiesOf(ctx: ErrorContext, info: DbErrorInfo): string[] {
  const mapping = ctx.mapping;
  if (info.columns?.length) return info.columns.map(c => propertyOf(mapping, c));
  if (mapping && info.constraint !== undefined) {
    const c = info.constraint;
    // PostgreSQL names primary keys `<table>_pkey`, MySQL `PRIMARY`, SQLite reports columns instead.
    if ((c === 'PRIMARY' || c === `${mapping.table}_pkey`) && mapping.idColumn) return [mapping.idColumn.property];
    const byName = mapping.columns.find(col => col.column === c || col.property === c);
    if (byName) return [byName.property];
  }
  return [];
}

/**
 * Turns a driver error into a `RelataError` whose message names the model
 * and property but never holds SQL text, bound values or a driver stack
 * (the original stays as a non-enumerable `cause`):
 *
 * - unique/primary-key violation → 409 `DUPLICATE_ENTRY`, `Duplicate entry for <Model>.<prop>`;
 * - foreign-key violation → 409 `FOREIGN_KEY_VIOLATION`;
 * - not-null violation → 422 `ValidationError` (`<prop>` can't be blank);
 * - a value the column cannot hold → 422 `INVALID_DATA`;
 * - an invalid regular expression → 400 `INVALID_FILTER`;
 * - serialization failure or deadlock → 409 `TRANSACTION_CONFLICT`;
 * - a statement in a transaction an earlier error aborted (PostgreSQL) → 409 `TRANSACTION_ABORTED`;
 * - unreachable database or refused login → 503 `CONNECTION_FAILED`, naming host:port;
 * - missing table or column → 500 `TABLE_NOT_FOUND` / `COLUMN_NOT_FOUND` (run a migration);
 * - anything else → 500 `DATABASE_ERROR`.
 *
 * RelataErrors pass through unchanged.
 */
export function translateDbError(err: unknown, dialect: SqlDialect, ctx: ErrorContext): Error {
  if (err instanceof RelataError) return err;
  const info = dialect.classifyError(err);
  const model = ctx.mapping?.model;
  const on = model ? ` ${model}` : '';
  const codeNote = info?.code ? ` (database code ${info.code})` : '';
  let out: RelataError;
  switch (info?.kind) {
    case 'duplicate': {
      const props = propertiesOf(ctx, info);
      out = new RelataError(
        `Duplicate entry for ${model ?? 'the table'}${props.length ? '.' + props.join(', ') : ''}`, 'DUPLICATE_ENTRY', 409);
      break;
    }
    case 'foreign-key': {
      const props = propertiesOf(ctx, info);
      const what = props.length ? `${model}.${props.join(', ')}` : model ?? 'the row';
      out = new RelataError(info.referenced ?? ctx.operation === 'deleteAll'
        ? `Cannot change or delete${on} rows: they are still referenced by other rows (foreign key on ${what})`
        : `Foreign key violation on ${what}: the referenced row does not exist`,
      'FOREIGN_KEY_VIOLATION', 409);
      break;
    }
    case 'not-null': {
      const props = propertiesOf(ctx, info);
      if (model && props.length) {
        out = new ValidationError(model, props.map(p => ({property: p, code: 'presence', message: "can't be blank", value: null})));
      } else {
        out = new RelataError(`A required value of${on || ' the row'} is missing`, 'VALIDATION_FAILED', 422);
      }
      break;
    }
    case 'invalid-data': {
      const props = propertiesOf(ctx, info);
      const what = model ? `${model}${props.length ? '.' + props.join(', ') : ''}` : 'the row';
      out = new RelataError(`Invalid value for ${what}: ${info.reason ?? 'the database cannot store it'}`, 'INVALID_DATA', 422);
      break;
    }
    case 'invalid-regexp':
      out = new RelataError(
        `Invalid regular expression in the filter on${on || ' the table'}: the ${dialect.name} database cannot run it`,
        'INVALID_FILTER', 400);
      break;
    case 'conflict':
      out = new RelataError(
        `The transaction on${on || ' the database'} conflicted with a concurrent one (${info.reason ?? 'serialization failure'}); retry it`,
        'TRANSACTION_CONFLICT', 409);
      break;
    case 'connection':
      out = new RelataError(
        `Cannot connect to the ${dialect.name} database at ${dialect.target}: ${info.reason ?? 'connection failed'}`,
        'CONNECTION_FAILED', 503);
      break;
    case 'aborted':
      out = new RelataError(
        `The transaction was aborted by an earlier error; roll it back`, 'TRANSACTION_ABORTED', 409);
      break;
    case 'missing-table':
      out = new RelataError(
        `The table of model${on || ''} does not exist in the ${dialect.name} database; run automigrate or autoupdate`,
        'TABLE_NOT_FOUND', 500);
      break;
    case 'missing-column':
      out = new RelataError(
        `A column of model${on || ''} does not exist in the ${dialect.name} database; run autoupdate`,
        'COLUMN_NOT_FOUND', 500);
      break;
    default:
      out = new RelataError(
        `The ${dialect.name} database failed to run ${ctx.operation}${model ? ` on ${model}` : ''}${codeNote}`,
        'DATABASE_ERROR', 500);
  }
  if (info?.code !== undefined) out.details ??= {databaseCode: info.code};
  return withCause(out, err);
}
