import assert from 'node:assert/strict';
import {afterEach, beforeEach, describe, it} from 'node:test';
import {sql} from 'kysely';
import {normalizeType} from '../../../src/connectors/sql/migration/column-types';
import {SqlDialectName} from '../../../src/connectors/sql/sql-dialect-name';
import {Address, Customer, Manufacturer, Order} from '../../support/models';
import {
  defineModel, foreignKeyViolation, insertRow, migrationDialects, ModelClass, notNullViolation, openTestDatabase,
  readTable, relate, selectRows, TestDatabase,
} from './migration-fixtures';

/** PostgreSQL folds default names to lower case (as LoopBack's connector does). */
function n(dialect: SqlDialectName, name: string): string {
  return dialect === 'postgresql' ? name.toLowerCase() : name;
}

/** Customer 1—n Order (belongsTo with a constraint), Customer 1—1 Address (hasOne: index only). */
function shop(orderRelation: Record<string, unknown> = {}): {Customer: ModelClass; Order: ModelClass; Address: ModelClass} {
  const Customer = defineModel({name: 'Customer', properties: {
    id: {type: 'number', id: true, generated: true},
    name: {type: 'string', required: true},
  }});
  const Order = defineModel({name: 'Order', properties: {
    id: {type: 'number', id: true, generated: true},
    description: {type: 'string'},
    customerId: {type: 'number'},
  }});
  const Address = defineModel({name: 'Address', properties: {
    id: {type: 'number', id: true, generated: true},
    street: {type: 'string'},
    customerId: {type: 'number'},
  }});
  relate(Order, 'belongsTo', 'customer', () => Customer, {keyFrom: 'customerId', ...orderRelation});
  relate(Customer, 'hasMany', 'orders', () => Order);
  relate(Customer, 'hasOne', 'address', () => Address);
  return {Customer, Order, Address};
}

const EXPECTED_TYPES: Record<SqlDialectName, Record<string, string>> = {
  postgresql: {
    id: 'integer', name: 'text', code: 'character varying(255)', amount: 'double precision', active: 'boolean',
    at: 'timestamp(3) with time zone', data: 'jsonb', tags: 'jsonb', anything: 'jsonb', blob: 'bytea',
    short: 'character varying(20)', price: 'numeric(10,2)', uid: 'character varying(255)',
  },
  mysql: {
    id: 'int', name: 'text', code: 'varchar(255)', amount: 'double', active: 'tinyint(1)', at: 'datetime(3)',
    data: 'longtext', tags: 'longtext', anything: 'longtext', blob: 'longblob', short: 'varchar(20)',
    price: 'decimal(10,2)', uid: 'varchar(255)',
  },
  sqlite: {
    id: 'integer', name: 'text', code: 'text', amount: 'real', active: 'integer', at: 'text', data: 'text',
    tags: 'text', anything: 'text', blob: 'blob', short: 'varchar(20)', price: 'numeric(10,2)', uid: 'text',
  },
};

function thing(): ModelClass {
  return defineModel({name: 'Thing', properties: {
    id: {type: 'number', id: true, generated: true},
    name: {type: 'string', required: true},
    code: {type: 'string', index: true},
    amount: {type: 'number'},
    active: {type: 'boolean'},
    at: {type: 'date'},
    data: {type: 'object'},
    tags: {type: 'array', itemType: 'string'},
    anything: {type: 'any'},
    blob: {type: 'buffer'},
    short: {type: 'string', postgresql: {dataType: 'varchar', dataLength: 20},
      mysql: {dataType: 'VARCHAR', dataLength: 20}, sqlite3: {dataType: 'VARCHAR(20)'}},
    price: {type: 'number', postgresql: {dataType: 'numeric', precision: 10, scale: 2},
      mysql: {dataType: 'DECIMAL', precision: 10, scale: 2}, sqlite3: {dataType: 'NUMERIC(10,2)'}},
  }});
}

for (const dialect of migrationDialects()) {
  describe(`schema migration [${dialect}]`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await openTestDatabase(dialect);
    });
    afterEach(async () => {
      await t?.close();
    });

    const indexOn = async (table: string, columns: string[]) =>
      (await readTable(t, n(dialect, table)))!.indexes.find(i => i.columns.join() === columns.join());

    it('creates columns typed as the storage table says, with NOT NULL for ids and required properties', async () => {
      t.host.define([thing()]);
      await t.host.automigrate();
      const table = (await readTable(t, n(dialect, 'Thing')))!;
      const types = Object.fromEntries(table.columns.map(c => [c.name, normalizeType(dialect, c.type)]));
      const {uid: _uid, ...expected} = EXPECTED_TYPES[dialect];
      assert.deepEqual(types, expected);
      const notNull = table.columns.filter(c => c.notNull).map(c => c.name);
      assert.deepEqual(notNull, ['id', 'name']);
      assert.deepEqual(table.primaryKey, ['id']);
      assert.ok(table.columns.find(c => c.name === 'id')!.autoIncrement);
      assert.ok(await indexOn('Thing', ['code']), 'index on the indexed property');
      if (dialect === 'postgresql') {
        const {rows} = await sql<{name: string; coll: string}>`
          SELECT a.attname::text AS name, co.collname::text AS coll FROM pg_attribute a
          JOIN pg_collation co ON co.oid = a.attcollation
          WHERE a.attrelid = ${`${t.name}.thing`}::regclass AND a.attnum > 0 ORDER BY a.attnum`.execute(t.db);
        assert.deepEqual(rows, [{name: 'name', coll: 'C'}, {name: 'code', coll: 'C'}, {name: 'short', coll: 'C'}]);
      }
      if (dialect === 'mysql') {
        const {rows} = await sql<{engine: string; coll: string}>`
          SELECT ENGINE AS engine, TABLE_COLLATION AS coll FROM information_schema.TABLES
          WHERE TABLE_SCHEMA = ${t.name} AND TABLE_NAME = 'Thing'`.execute(t.db);
        assert.deepEqual(rows, [{engine: 'InnoDB', coll: 'utf8mb4_bin'}]);
      }
    });

    it('generates ids 1 and 2 and enforces NOT NULL on required properties', async () => {
      t.host.define([thing()]);
      await t.host.automigrate();
      const table = n(dialect, 'Thing');
      await insertRow(t, table, {name: 'a'});
      await insertRow(t, table, {name: 'b'});
      const rows = await selectRows(t, table, 'id');
      assert.deepEqual(rows.map(r => [Number(r.id), r.name]), [[1, 'a'], [2, 'b']]);
      await assert.rejects(insertRow(t, table, {code: 'no name'}), notNullViolation(dialect));
    });

    it('indexes every foreign key a relation uses and constrains belongsTo keys', async () => {
      const {Customer, Order, Address} = shop();
      t.host.define([Customer, Order, Address]);
      await t.host.automigrate();
      const customerId = n(dialect, 'customerId');
      assert.ok(await indexOn('Order', [customerId]), 'belongsTo key index');
      assert.ok(await indexOn('Address', [customerId]), 'hasOne key index on the target');
      const order = (await readTable(t, n(dialect, 'Order')))!;
      assert.deepEqual(order.foreignKeys.map(f => [f.columns, f.targetTable, f.targetColumns]),
        [[[customerId], n(dialect, 'Customer'), ['id']]]);
      assert.ok(['NO ACTION', 'RESTRICT'].includes(order.foreignKeys[0].onDelete));
      // hasOne/hasMany alone make no constraint: Address has none.
      assert.deepEqual((await readTable(t, n(dialect, 'Address')))!.foreignKeys, []);
      // FK columns take the type of the key they refer to.
      const type = normalizeType(dialect, order.columns.find(c => c.name === customerId)!.type);
      assert.equal(type, EXPECTED_TYPES[dialect].id);

      await insertRow(t, n(dialect, 'Customer'), {name: 'c1'});
      await insertRow(t, n(dialect, 'Order'), {description: 'ok', [customerId]: 1});
      await assert.rejects(insertRow(t, n(dialect, 'Order'), {description: 'dangling', [customerId]: 99}),
        foreignKeyViolation(dialect));
      // The default action refuses to delete a referenced row.
      await assert.rejects(sql`DELETE FROM ${sql.id(n(dialect, 'Customer'))}`.execute(t.db), foreignKeyViolation(dialect));
    });

    it('honours onDelete CASCADE and onUpdate declared on the relation', async () => {
      const {Customer, Order, Address} = shop({onDelete: 'CASCADE', onUpdate: 'cascade'});
      t.host.define([Customer, Order, Address]);
      await t.host.automigrate();
      const fk = (await readTable(t, n(dialect, 'Order')))!.foreignKeys[0];
      assert.equal(fk.onDelete, 'CASCADE');
      assert.equal(fk.onUpdate, 'CASCADE');
      const customerId = n(dialect, 'customerId');
      await insertRow(t, n(dialect, 'Customer'), {name: 'c1'});
      await insertRow(t, n(dialect, 'Customer'), {name: 'c2'});
      await insertRow(t, n(dialect, 'Order'), {description: 'o1', [customerId]: 1});
      await insertRow(t, n(dialect, 'Order'), {description: 'o2', [customerId]: 2});
      await sql`DELETE FROM ${sql.id(n(dialect, 'Customer'))} WHERE id = 1`.execute(t.db);
      const orders = await selectRows(t, n(dialect, 'Order'), 'id');
      assert.deepEqual(orders.map(o => o.description), ['o2']);
    });

    it('reads LoopBack foreignKeys settings (SET NULL) and custom table, schema and column names', async () => {
      const schema = dialect === 'sqlite' ? undefined : t.otherName;
      const Customer = defineModel({name: 'Customer', settings: {
        postgresql: {schema, table: 'cust_tbl'}, mysql: {schema, table: 'cust_tbl'}, sqlite3: {table: 'cust_tbl'},
      }, properties: {
        id: {type: 'number', id: true, generated: true, postgresql: {columnName: 'cust_id'},
          mysql: {columnName: 'cust_id'}, sqlite3: {columnName: 'cust_id'}},
        name: {type: 'string', name: 'full_name'},
      }});
      const Order = defineModel({name: 'Order', settings: {
        postgresql: {schema, table: 'order_tbl'}, mysql: {schema, table: 'order_tbl'}, sqlite3: {table: 'order_tbl'},
        foreignKeys: {
          fk_order_customer: {name: 'fk_order_customer', entity: 'Customer', entityKey: 'id', foreignKey: 'customerId',
            onDelete: 'SET NULL', onUpdate: 'NO ACTION'},
        },
      }, properties: {
        id: {type: 'number', id: true, generated: true},
        customerId: {type: 'number', name: 'customer_ref'},
      }});
      t.host.define([Customer, Order]);
      await t.host.automigrate();
      const cust = (await readTable(t, 'cust_tbl', schema))!;
      assert.deepEqual(cust.columns.map(c => c.name), ['cust_id', 'full_name']);
      assert.deepEqual(cust.primaryKey, ['cust_id']);
      const order = (await readTable(t, 'order_tbl', schema))!;
      assert.equal(normalizeType(dialect, order.columns.find(c => c.name === 'customer_ref')!.type),
        EXPECTED_TYPES[dialect].id);
      assert.equal(order.foreignKeys.length, 1);
      assert.deepEqual(order.foreignKeys[0].columns, ['customer_ref']);
      assert.deepEqual(order.foreignKeys[0].targetColumns, ['cust_id']);
      assert.equal(order.foreignKeys[0].targetTable, 'cust_tbl');
      assert.equal(order.foreignKeys[0].onDelete, 'SET NULL');
      if (dialect !== 'sqlite') assert.equal(order.foreignKeys[0].name, 'fk_order_customer');
      assert.ok(order.indexes.some(i => i.columns.join() === 'customer_ref'));

      await insertRow(t, 'cust_tbl', {full_name: 'c1'}, schema);
      await insertRow(t, 'order_tbl', {customer_ref: 1}, schema);
      await assert.rejects(insertRow(t, 'order_tbl', {customer_ref: 7}, schema), foreignKeyViolation(dialect));
      await sql`DELETE FROM ${schema ? sql.id(schema, 'cust_tbl') : sql.id('cust_tbl')}`.execute(t.db);
      const orders = await selectRows(t, 'order_tbl', 'id', schema);
      assert.deepEqual(orders.map(o => o.customer_ref), [null]);
    });

    it('is idempotent: automigrate twice recreates the same empty tables', async () => {
      const {Customer, Order, Address} = shop();
      t.host.define([Customer, Order, Address]);
      await t.host.automigrate();
      const before = await readTable(t, n(dialect, 'Order'));
      await insertRow(t, n(dialect, 'Customer'), {name: 'c1'});
      await insertRow(t, n(dialect, 'Order'), {description: 'o', [n(dialect, 'customerId')]: 1});
      await t.host.automigrate();
      assert.deepEqual(await readTable(t, n(dialect, 'Order')), before);
      assert.deepEqual(await selectRows(t, n(dialect, 'Customer'), 'id'), []);
      assert.deepEqual(await selectRows(t, n(dialect, 'Order'), 'id'), []);
      // Ids start again at 1.
      await insertRow(t, n(dialect, 'Customer'), {name: 'again'});
      assert.deepEqual((await selectRows(t, n(dialect, 'Customer'), 'id')).map(r => Number(r.id)), [1]);
    });

    it('automigrate of the parent alone keeps the child\'s foreign key', async () => {
      const {Customer, Order, Address} = shop();
      t.host.define([Customer, Order, Address]);
      await t.host.automigrate();
      await t.host.automigrate(['Customer']);
      const order = (await readTable(t, n(dialect, 'Order')))!;
      assert.equal(order.foreignKeys.length, 1);
      await insertRow(t, n(dialect, 'Customer'), {name: 'c1'});
      await insertRow(t, n(dialect, 'Order'), {description: 'o', [n(dialect, 'customerId')]: 1});
      await assert.rejects(insertRow(t, n(dialect, 'Order'), {[n(dialect, 'customerId')]: 5}),
        foreignKeyViolation(dialect));
    });

    it('autoupdate keeps data while adding a column, an index and a foreign key', async () => {
      const v1Customer = defineModel({name: 'Customer', properties: {
        id: {type: 'number', id: true, generated: true}, name: {type: 'string'},
      }});
      const v1Order = defineModel({name: 'Order', properties: {
        id: {type: 'number', id: true, generated: true}, description: {type: 'string'}, customerId: {type: 'number'},
      }});
      t.host.define([v1Customer, v1Order]);
      await t.host.automigrate();
      await insertRow(t, n(dialect, 'Customer'), {name: 'c1'});
      await insertRow(t, n(dialect, 'Order'), {description: 'o1', [n(dialect, 'customerId')]: 1});

      const {Customer, Order, Address} = shop();
      Customer.definition.addProperty('email', {type: 'string', index: {unique: true}});
      Order.definition.addProperty('note', {type: 'string'});
      t.host.define([Customer, Order, Address]);
      await t.host.autoupdate();

      const customers = await selectRows(t, n(dialect, 'Customer'), 'id');
      assert.deepEqual(customers.map(c => [Number(c.id), c.name, c.email]), [[1, 'c1', null]]);
      const orders = await selectRows(t, n(dialect, 'Order'), 'id');
      assert.deepEqual(orders.map(o => [o.description, o.note]), [['o1', null]]);
      const email = await indexOn('Customer', ['email']);
      assert.ok(email?.unique, 'unique index on the new property');
      assert.ok(await indexOn('Order', [n(dialect, 'customerId')]), 'foreign key index');
      assert.ok(await indexOn('Address', [n(dialect, 'customerId')]), 'new table with its index');
      const order = (await readTable(t, n(dialect, 'Order')))!;
      assert.equal(order.foreignKeys.length, 1);
      await assert.rejects(insertRow(t, n(dialect, 'Order'), {[n(dialect, 'customerId')]: 42}),
        foreignKeyViolation(dialect));
      // `name` became required: every row has one, so NOT NULL is set.
      const name = (await readTable(t, n(dialect, 'Customer')))!.columns.find(c => c.name === 'name')!;
      assert.equal(name.notNull, true);
      // Ids go on from where they were.
      await insertRow(t, n(dialect, 'Customer'), {name: 'c2'});
      assert.deepEqual((await selectRows(t, n(dialect, 'Customer'), 'id')).map(r => Number(r.id)), [1, 2]);

      // A second autoupdate finds nothing to change.
      const snapshot = await Promise.all(['Customer', 'Order', 'Address'].map(m => readTable(t, n(dialect, m))));
      await t.host.autoupdate();
      assert.deepEqual(await Promise.all(['Customer', 'Order', 'Address'].map(m => readTable(t, n(dialect, m)))),
        snapshot);
    });

    it('autoupdate adds a NOT NULL property as nullable to a table with rows, and NOT NULL once filled', async () => {
      const v1 = defineModel({name: 'Note', properties: {id: {type: 'number', id: true, generated: true}}});
      t.host.define([v1]);
      await t.host.automigrate();
      await insertRow(t, n(dialect, 'Note'), {id: 1});
      const v2 = defineModel({name: 'Note', properties: {
        id: {type: 'number', id: true, generated: true}, title: {type: 'string', required: true},
      }});
      t.host.define([v2]);
      await t.host.autoupdate();
      let title = (await readTable(t, n(dialect, 'Note')))!.columns.find(c => c.name === 'title')!;
      assert.equal(title.notNull, false);
      await sql`UPDATE ${sql.id(n(dialect, 'Note'))} SET title = 'filled'`.execute(t.db);
      await t.host.autoupdate();
      title = (await readTable(t, n(dialect, 'Note')))!.columns.find(c => c.name === 'title')!;
      assert.equal(title.notNull, true);
      assert.deepEqual((await selectRows(t, n(dialect, 'Note'), 'id')).map(r => r.title), ['filled']);
      // No longer required: NOT NULL goes.
      t.host.define([defineModel({name: 'Note', properties: {
        id: {type: 'number', id: true, generated: true}, title: {type: 'string'},
      }})]);
      await t.host.autoupdate();
      title = (await readTable(t, n(dialect, 'Note')))!.columns.find(c => c.name === 'title')!;
      assert.equal(title.notNull, false);
    });

    it('autoupdate adds a foreign key to an existing column with rows, and refuses one that rows violate', async () => {
      const {Customer, Order, Address} = shop({onDelete: 'CASCADE'});
      const plainOrder = defineModel({name: 'Order', properties: Order.definition.properties});
      t.host.define([Customer, plainOrder, Address]);
      await t.host.automigrate();
      assert.deepEqual((await readTable(t, n(dialect, 'Order')))!.foreignKeys, []);
      const customerId = n(dialect, 'customerId');
      await insertRow(t, n(dialect, 'Customer'), {name: 'c1'});
      await insertRow(t, n(dialect, 'Order'), {description: 'o1', [customerId]: 1});
      await insertRow(t, n(dialect, 'Order'), {description: 'o2', [customerId]: 1});

      t.host.define([Customer, Order, Address]);
      await t.host.autoupdate();
      const fks = (await readTable(t, n(dialect, 'Order')))!.foreignKeys;
      assert.deepEqual(fks.map(f => [f.columns, f.onDelete]), [[[customerId], 'CASCADE']]);
      assert.deepEqual((await selectRows(t, n(dialect, 'Order'), 'id')).map(o => o.description), ['o1', 'o2']);
      await insertRow(t, n(dialect, 'Order'), {description: 'o3', [customerId]: 1});
      assert.deepEqual((await selectRows(t, n(dialect, 'Order'), 'id')).map(o => Number(o.id)), [1, 2, 3]);

      // A changed action replaces the constraint.
      const {Customer: C2, Order: O2, Address: A2} = shop({onDelete: 'SET NULL'});
      t.host.define([C2, O2, A2]);
      await t.host.autoupdate();
      assert.deepEqual((await readTable(t, n(dialect, 'Order')))!.foreignKeys.map(f => f.onDelete), ['SET NULL']);

      // Rows pointing nowhere: the constraint cannot be added and nothing changes.
      t.host.define([Customer, plainOrder, Address]);
      await t.host.automigrate();
      await insertRow(t, n(dialect, 'Order'), {description: 'orphan', [customerId]: 9});
      t.host.define([Customer, Order, Address]);
      await assert.rejects(t.host.autoupdate(), {code: 'FOREIGN_KEY_VIOLATION',
        message: dialect === 'sqlite'
          ? `Cannot add the foreign keys of Order: 1 row(s) refer to missing ${n(dialect, 'Customer')} rows`
          : `Cannot add foreign key fk_${n(dialect, 'Order')}_${customerId} of Order (${customerId}) referencing ` +
            'Customer: existing rows refer to missing Customer rows'});
      assert.deepEqual((await readTable(t, n(dialect, 'Order')))!.foreignKeys, []);
      assert.deepEqual((await selectRows(t, n(dialect, 'Order'), 'id')).map(o => o.description), ['orphan']);
    });

    it('autoupdate keeps the id sequence, extra columns and indexes it did not make', async () => {
      const {Customer, Order, Address} = shop();
      const plainOrder = defineModel({name: 'Order', properties: Order.definition.properties});
      t.host.define([Customer, plainOrder, Address]);
      await t.host.automigrate();
      const table = n(dialect, 'Order');
      await sql`ALTER TABLE ${sql.id(table)} ADD COLUMN extra INTEGER DEFAULT 7`.execute(t.db);
      await sql`CREATE INDEX own_idx ON ${sql.id(table)} (${sql.id('description')}${
        dialect === 'mysql' ? sql`(20)` : sql``})`.execute(t.db);
      await insertRow(t, n(dialect, 'Customer'), {name: 'c1'});
      for (const d of ['o1', 'o2', 'o3']) await insertRow(t, table, {description: d, [n(dialect, 'customerId')]: 1});
      await sql`DELETE FROM ${sql.id(table)} WHERE id = 3`.execute(t.db);

      t.host.define([Customer, Order, Address]);
      await t.host.autoupdate();
      const order = (await readTable(t, table))!;
      assert.equal(order.foreignKeys.length, 1);
      assert.ok(order.indexes.some(i => i.name === 'own_idx'));
      assert.deepEqual(order.columns.map(c => c.name), ['id', 'description', n(dialect, 'customerId'), 'extra']);
      await insertRow(t, table, {description: 'o4'});
      const rows = await selectRows(t, table, 'id');
      assert.deepEqual(rows.map(r => [Number(r.id), r.description, Number(r.extra)]), [[1, 'o1', 7], [2, 'o2', 7], [4, 'o4', 7]]);
    });

    it('autoupdate widens a column type where no value can be lost', async () => {
      const code = (len: number) => ({type: 'string', postgresql: {dataType: 'varchar', dataLength: len},
        mysql: {dataType: 'varchar', dataLength: len}, sqlite3: {dataType: `VARCHAR(${len})`}});
      t.host.define([defineModel({name: 'Item', properties: {
        id: {type: 'number', id: true, generated: true}, code: code(10), qty: {type: 'number',
          postgresql: {dataType: 'integer'}, mysql: {dataType: 'int'}},
      }})]);
      await t.host.automigrate();
      await insertRow(t, n(dialect, 'Item'), {code: 'abc', qty: 3});
      t.host.define([defineModel({name: 'Item', properties: {
        id: {type: 'number', id: true, generated: true}, code: code(50), qty: {type: 'number'},
      }})]);
      await t.host.autoupdate();
      const item = (await readTable(t, n(dialect, 'Item')))!;
      const types = Object.fromEntries(item.columns.map(c => [c.name, normalizeType(dialect, c.type)]));
      assert.deepEqual(types, {
        postgresql: {id: 'integer', code: 'character varying(50)', qty: 'double precision'},
        mysql: {id: 'int', code: 'varchar(50)', qty: 'double'},
        // SQLite's types are affinities: ALTER TABLE cannot change them, and need not.
        sqlite: {id: 'integer', code: 'varchar(10)', qty: 'real'},
      }[dialect]);
      const rows = await selectRows(t, n(dialect, 'Item'), 'id');
      assert.deepEqual(rows.map(r => [r.code, Number(r.qty)]), [['abc', 3]]);
      // Narrowing back is never done.
      t.host.define([defineModel({name: 'Item', properties: {
        id: {type: 'number', id: true, generated: true}, code: code(5), qty: {type: 'number'},
      }})]);
      await t.host.autoupdate();
      assert.deepEqual((await readTable(t, n(dialect, 'Item')))!.columns.map(c => normalizeType(dialect, c.type)),
        Object.values(types));
    });

    it('creates composite primary keys and uuid string ids without a database default', async () => {
      t.host.define([
        defineModel({name: 'Link', properties: {
          a: {type: 'number', id: true}, b: {type: 'string', id: true}, note: {type: 'string'},
        }}),
        defineModel({name: 'Doc', properties: {
          uid: {type: 'string', id: true, defaultFn: 'uuid'}, title: {type: 'string'},
        }}),
      ]);
      await t.host.automigrate();
      const link = (await readTable(t, n(dialect, 'Link')))!;
      assert.deepEqual(link.primaryKey, ['a', 'b']);
      assert.deepEqual(link.columns.map(c => [c.name, normalizeType(dialect, c.type), c.notNull]), [
        ['a', EXPECTED_TYPES[dialect].id, true], ['b', EXPECTED_TYPES[dialect].code, true],
        ['note', EXPECTED_TYPES[dialect].name, false],
      ]);
      await insertRow(t, n(dialect, 'Link'), {a: 1, b: 'x'});
      await insertRow(t, n(dialect, 'Link'), {a: 1, b: 'y'});
      await assert.rejects(insertRow(t, n(dialect, 'Link'), {a: 1, b: 'x'}));
      const doc = (await readTable(t, n(dialect, 'Doc')))!;
      const uid = doc.columns.find(c => c.name === 'uid')!;
      assert.deepEqual([normalizeType(dialect, uid.type), uid.notNull, uid.hasDefault, uid.autoIncrement],
        [EXPECTED_TYPES[dialect].uid, true, false, false]);
    });

    it('migrates the decorated fixture models (hasMany, hasOne, belongsTo)', async () => {
      t.host.define([Customer, Order, Address, Manufacturer]);
      await t.host.automigrate();
      const orderId = n(dialect, 'orderId');
      assert.ok(await indexOn('Manufacturer', [orderId]), 'hasMany key on Manufacturer');
      assert.ok(await indexOn('Address', [n(dialect, 'customerId')]), 'hasOne key on Address');
      assert.equal((await readTable(t, n(dialect, 'Order')))!.foreignKeys.length, 1);
      assert.equal((await readTable(t, n(dialect, 'Customer')))!.columns.find(c => c.name === 'name')!.notNull, true);
    });

    it('migrates only the models asked for, and names unknown ones', async () => {
      const {Customer: C, Order: O, Address: A} = shop();
      t.host.define([C, O, A]);
      await t.host.automigrate(['Customer']);
      assert.ok(await readTable(t, n(dialect, 'Customer')));
      assert.equal(await readTable(t, n(dialect, 'Order')), undefined);
      // Order's target exists: its constraint is created with it.
      await t.host.autoupdate(['Order']);
      assert.equal((await readTable(t, n(dialect, 'Order')))!.foreignKeys.length, 1);
      await assert.rejects(t.host.automigrate(['Customer', 'Nope', 'Nada']), {
        code: 'MODEL_NOT_FOUND', message: 'Cannot migrate models not attached to this datasource: Nope Nada',
      });
    });

    it('creates a foreign key once the target table exists (autoupdate adds what automigrate skipped)', async () => {
      const {Customer: C, Order: O, Address: A} = shop();
      t.host.define([C, O, A]);
      await t.host.automigrate(['Order']);
      const before = (await readTable(t, n(dialect, 'Order')))!.foreignKeys.length;
      // SQLite declares the key in CREATE TABLE even before its target exists; the others wait for it.
      assert.equal(before, dialect === 'sqlite' ? 1 : 0);
      await t.host.autoupdate();
      assert.equal((await readTable(t, n(dialect, 'Order')))!.foreignKeys.length, 1);
    });
  });
}
