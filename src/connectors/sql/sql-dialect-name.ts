/** The SQL dialects relata speaks. `mysql` covers MySQL and MariaDB. */
export type SqlDialectName = 'postgresql' | 'mysql' | 'sqlite';

/** The keys of connector-specific settings in model and property definitions, per dialect. */
export const SETTINGS_KEYS: Record<SqlDialectName, string[]> = {
  postgresql: ['postgresql'],
  mysql: ['mysql'],
  sqlite: ['sqlite3', 'sqlite'],
};
