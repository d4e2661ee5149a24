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

/** Creates (empty) the PostgreSQL schema or MySQL database `name`. */
export async function createDatabase(kind: 'postgresql' | 'mysql', name: string): Promise<void> {
  const n = checkName(name);
  if (kind === 'postgresql') {
    const client = new Client(SERVER_SETTINGS.postgresql);
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${n}" CASCADE`);
      await client.query(`CREATE SCHEMA "${n}"`);
    } finally {
      await client.end();
    }
  } else {
    const conn = await mysql.createConnection(SERVER_SETTINGS.mysql);
    try {
      await conn.query(`DROP DATABASE IF EXISTS \`${n}\``);
      await conn.query(`CREATE DATABASE \`${n}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    } finally {
      await conn.end();
    }
  }
}

/** Drops the PostgreSQL schema or MySQL database `name`. */
export async function dropDatabase(kind: 'postgresql' | 'mysql', name: string): Promise<void> {
  const n = checkName(name);
  if (kind === 'postgresql') {
    const client = new Client(SERVER_SETTINGS.postgresql);
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${n}" CASCADE`);
    } finally {
      await client.end();
    }
  } else {
    const conn = await mysql.createConnection(SERVER_SETTINGS.mysql);
    try {
      await conn.query(`DROP DATABASE IF EXISTS \`${n}\``);
    } finally {
      await conn.end();
    }
  }
}
