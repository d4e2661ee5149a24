import mysql from 'mysql2/promise';
import {Client} from 'pg';

/** Where the test database servers listen (CI and development machines). */
export const SERVER_SETTINGS = {
  postgresql: {
    host: process.env.RELATA_PG_HOST ?? '127.0.0.1',
    port: Number(process.env.RELATA_PG_PORT ?? 5432),
    user: process.env.RELATA_PG_USER ?? 'postgres',
    password: process.env.RELATA_PG_PASSWORD ?? '',
    database: process.env.RELATA_PG_DATABASE ?? 'test',
  },
  mysql: {
    host: process.env.RELATA_MYSQL_HOST ?? '127.0.0.1',
    port: Number(process.env.RELATA_MYSQL_PORT ?? 3306),
    user: process.env.RELATA_MYSQL_USER ?? 'root',
    password: process.env.RELATA_MYSQL_PASSWORD ?? '',
    database: process.env.RELATA_MYSQL_DATABASE ?? 'test',
  },
};

/** Identifiers made by the tests only: letters, digits and underscores. */
function checkName(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe test database name ${name}`);
  return name;
}

/** Runs statements on an administrative connection to the server, then closes it. */
async function runAdmin(kind: 'postgresql' | 'mysql', statements: string[]): Promise<void> {
  if (kind === 'postgresql') {
    const client = new Client(SERVER_SETTINGS.postgresql);
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  } else {
    const conn = await mysql.createConnection(SERVER_SETTINGS.mysql);
    try {
      for (const statement of statements) await conn.query(statement);
    } finally {
      await conn.end();
    }
  }
}

/** Creates (empty) the PostgreSQL schema or MySQL database `name`. */
export async function createDatabase(kind: 'postgresql' | 'mysql', name: string): Promise<void> {
  const n = checkName(name);
  await runAdmin(kind, kind === 'postgresql'
    ? [`DROP SCHEMA IF EXISTS "${n}" CASCADE`, `CREATE SCHEMA "${n}"`]
    : [`DROP DATABASE IF EXISTS \`${n}\``, `CREATE DATABASE \`${n}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`]);
}

/** Drops the PostgreSQL schema or MySQL database `name`. */
export async function dropDatabase(kind: 'postgresql' | 'mysql', name: string): Promise<void> {
  const n = checkName(name);
  await runAdmin(kind, [kind === 'postgresql' ? `DROP SCHEMA IF EXISTS "${n}" CASCADE` : `DROP DATABASE IF EXISTS \`${n}\``]);
}
