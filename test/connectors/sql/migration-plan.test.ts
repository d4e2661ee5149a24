import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {Kysely} from 'kysely';
import {planSchema} from '../../../src/connectors/sql/migration';
import {canWiden, fitCheck, normalizeType} from '../../../src/connectors/sql/migration/column-types';
import {objectName} from '../../../src/connectors/sql/migration/identifiers';
import {TableSpec} from '../../../src/connectors/sql/migration/schema-spec';
import {SqlDialectName} from '../../../src/connectors/sql/sql-dialect-name';
import {defineModel, ModelClass, relate, TestHost} from './migration-fixtures';

/** Plans without a database: planning reads definitions only. */
function plan(dialect: SqlDialectName, classes: ModelClass[], settings = {}): Map<string, TableSpec> {
  return planSchema(new TestHost(dialect, undefined as unknown as Kysely<any>, settings).define(classes));
}

function types(spec: TableSpec): Record<string, string> {
  return Object.fromEntries(spec.columns.map(c => [c.property, c.type]));
}

const id = {type: 'number', id: true, generated: true};

describe('schema migration planning', () => {
  it('types keys by role: string ids and the keys referring to them are bounded and binary', () => {
    const Owner = defineModel({name: 'Owner', properties: {code: {type: 'string', id: true}, name: 'string'}});
    const Pet = defineModel({name: 'Pet', properties: {id, ownerCode: 'string', tag: {type: 'string', index: true}}});
    relate(Pet, 'belongsTo', 'owner', () => Owner, {keyFrom: 'ownerCode'});
    const expected: Record<SqlDialectName, [Record<string, string>, Record<string, string>]> = {
      postgresql: [{code: 'VARCHAR(255) COLLATE "C"', name: 'TEXT COLLATE "C"'},
        {id: 'SERIAL', ownerCode: 'VARCHAR(255) COLLATE "C"', tag: 'VARCHAR(255) COLLATE "C"'}],
      mysql: [{code: 'VARCHAR(255)', name: 'TEXT'}, {id: 'INT', ownerCode: 'VARCHAR(255)', tag: 'VARCHAR(255)'}],
      sqlite: [{code: 'TEXT', name: 'TEXT'}, {id: 'INTEGER', ownerCode: 'TEXT', tag: 'TEXT'}],
    };
    for (const dialect of ['postgresql', 'mysql', 'sqlite'] as const) {
      const specs = plan(dialect, [Owner, Pet]);
      assert.deepEqual([types(specs.get('Owner')!), types(specs.get('Pet')!)], expected[dialect], dialect);
      assert.deepEqual(specs.get('Pet')!.columns.map(c => c.autoIncrement), [true, false, false]);
    }
  });

  it('gives foreign keys the type of a bigint generated id', () => {
    const Big = defineModel({name: 'Big', properties: {id: {...id, postgresql: {dataType: 'bigint'},
      mysql: {dataType: 'BIGINT'}}}});
    const Small = defineModel({name: 'Small', properties: {id, bigId: 'number'}});
    relate(Small, 'belongsTo', 'big', () => Big);
    const pg = plan('postgresql', [Big, Small]);
    assert.equal(types(pg.get('Big')!).id, 'BIGSERIAL');
    assert.equal(types(pg.get('Small')!).bigId, 'BIGINT');
    const my = plan('mysql', [Big, Small]);
    assert.deepEqual([types(my.get('Big')!).id, types(my.get('Small')!).bigId], ['BIGINT', 'BIGINT']);
  });

  it('reads LoopBack 3 relations (model, foreignKey) and hasManyThrough keys', () => {
    const Physician = defineModel({name: 'Physician', properties: {id, name: 'string'}});
    const Patient = defineModel({name: 'Patient', properties: {id, name: 'string'}});
    const Appointment = defineModel({name: 'Appointment', properties: {id, physicianId: 'number', patientId: 'number'}});
    Physician.definition.relations.patients = {type: 'hasMany', model: 'Patient', through: 'Appointment'} as never;
    Appointment.definition.relations.physician = {type: 'belongsTo', model: 'Physician', foreignKey: 'physicianId'} as never;
    const specs = plan('postgresql', [Physician, Patient, Appointment]);
    const appt = specs.get('Appointment')!;
    assert.deepEqual(appt.indexes.map(i => i.columns), [['physicianid'], ['patientid']]);
    assert.deepEqual(appt.foreignKeys.map(f => [f.columns, f.targetTable, f.targetColumns]),
      [[['physicianid'], 'physician', ['id']]]);
    assert.deepEqual(types(appt), {id: 'SERIAL', physicianId: 'INTEGER', patientId: 'INTEGER'});
  });

  it('constrains only belongsTo keys it can: not polymorphic ones, not other databases, not non-unique keys', () => {
    const Remote = defineModel({name: 'Remote', properties: {id: {type: 'string', id: true}}});
    const Local = defineModel({name: 'Local', properties: {id, code: 'string', ref: {type: 'string', index: {unique: true}}}});
    const Item = defineModel({name: 'Item', properties: {
      id, remoteId: 'string', anyId: 'number', localCode: 'string', localRef: 'string',
    }});
    relate(Item, 'belongsTo', 'remote', () => Remote, {keyFrom: 'remoteId'});
    relate(Item, 'belongsTo', 'any', () => Local, {keyFrom: 'anyId', polymorphic: {discriminator: 'kind'}});
    relate(Item, 'belongsTo', 'byCode', () => Local, {keyFrom: 'localCode', keyTo: 'code'});
    relate(Item, 'belongsTo', 'byRef', () => Local, {keyFrom: 'localRef', keyTo: 'ref', onDelete: 'set null'});
    const item = plan('mysql', [Local, Item]).get('Item')!;
    assert.deepEqual(item.indexes.map(i => [i.name, i.columns]), [
      ['Item_remoteId_idx', ['remoteId']], ['Item_anyId_idx', ['anyId']],
      ['Item_localCode_idx', ['localCode']], ['Item_localRef_idx', ['localRef']],
    ]);
    assert.deepEqual(item.foreignKeys, [{
      name: 'fk_Item_localRef', columns: ['localRef'], targetModel: 'Local', targetSchema: undefined,
      targetTable: 'Local', targetColumns: ['ref'], onDelete: 'SET NULL', onUpdate: 'NO ACTION',
    }]);
    // Keys to a model of another data source still take its key's type.
    assert.equal(types(item).remoteId, 'VARCHAR(255)');
  });

  it('makes no relation constraints with foreignKeyConstraints: false, but keeps foreignKeys settings', () => {
    const Customer = defineModel({name: 'Customer', properties: {id}});
    const Order = defineModel({name: 'Order', properties: {id, customerId: 'number', payerId: 'number'},
      settings: {foreignKeys: {payer: {foreignKey: 'payerId', entity: 'Customer', entityKey: 'id', onDelete: 'CASCADE'}}}});
    relate(Order, 'belongsTo', 'customer', () => Customer);
    const order = plan('sqlite', [Customer, Order], {foreignKeyConstraints: false}).get('Order')!;
    assert.deepEqual(order.foreignKeys.map(f => [f.name, f.columns, f.onDelete]), [['payer', ['payerId'], 'CASCADE']]);
    assert.deepEqual(order.indexes.map(i => i.columns), [['customerId'], ['payerId']]);
  });

  it('reads index settings in LoopBack\'s forms and names what is wrong', () => {
    const Log = defineModel({name: 'Log', properties: {id, a: 'string', b: 'number', c: {type: 'string', name: 'c_col'}},
      settings: {indexes: {
        ab_idx: {keys: {a: 1, b: -1}},
        c_uniq: {columns: 'c_col', kind: 'UNIQUE'},
        ba_idx: {b: 1, a: 1},
        a_uniq: {keys: ['a'], options: {unique: true}},
      }}});
    const log = plan('postgresql', [Log]).get('Log')!;
    assert.deepEqual(log.indexes.map(i => [i.name, i.columns, i.unique]), [
      ['ab_idx', ['a', 'b'], false], ['c_uniq', ['c_col'], true], ['ba_idx', ['b', 'a'], false], ['a_uniq', ['a'], true],
    ]);
    assert.equal(types(log).a, 'VARCHAR(255) COLLATE "C"');
    const Bad = defineModel({name: 'Bad', properties: {id}, settings: {indexes: {x: {keys: {nope: 1}}}}});
    assert.throws(() => plan('postgresql', [Bad]), {
      code: 'INVALID_MODEL_SETTINGS',
      message: 'Index x of Bad names "nope", which is neither a property nor a column of Bad',
    });
  });

  it('rejects type overrides that are not a type and referential actions that do not exist', () => {
    const Evil = defineModel({name: 'Evil', properties: {id, x: {type: 'string', postgresql: {dataType: 'text); DROP TABLE y; --'}}}});
    assert.throws(() => plan('postgresql', [Evil]), {
      code: 'INVALID_COLUMN_TYPE', message: 'Invalid dataType for Evil.x: "text); DROP TABLE y; --"',
    });
    const Len = defineModel({name: 'Len', properties: {id, x: {type: 'string', mysql: {dataType: 'varchar', dataLength: '1)'}}}});
    assert.throws(() => plan('mysql', [Len]), {code: 'INVALID_COLUMN_TYPE', message: 'Invalid dataLength for Len.x: "1)"'});
    const Gen = defineModel({name: 'Gen', properties: {id: {...id, postgresql: {dataType: 'text'}}}});
    assert.throws(() => plan('postgresql', [Gen]), {
      code: 'INVALID_COLUMN_TYPE', message: 'Invalid dataType for Gen.id: PostgreSQL cannot generate values of type text',
    });
    const A = defineModel({name: 'A', properties: {id}});
    const B = defineModel({name: 'B', properties: {id, aId: 'number'}});
    relate(B, 'belongsTo', 'a', () => A, {onDelete: 'explode'});
    assert.throws(() => plan('sqlite', [A, B]), {
      code: 'INVALID_FOREIGN_KEY',
      message: 'Invalid onDelete "explode" in relation a of B: expected CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION',
    });
  });

  it('accepts overrides with arguments and the nullable setting of discovered models', () => {
    const M = defineModel({name: 'M', properties: {id,
      kind: {type: 'string', mysql: {dataType: "ENUM('a','b')"}},
      amount: {type: 'number', mysql: {dataType: 'DECIMAL', precision: 12, scale: 4, nullable: 'N'}},
      flag: {type: 'boolean', mysql: {nullable: 'NO'}},
    }});
    const m = plan('mysql', [M]).get('M')!;
    assert.deepEqual(m.columns.map(c => [c.column, c.type, c.notNull]), [
      ['id', 'INT', true], ['kind', "ENUM('a','b')", false], ['amount', 'DECIMAL(12,4)', true], ['flag', 'TINYINT(1)', true],
    ]);
  });

  it('shortens long constraint names and keeps them distinct', () => {
    const long = 'a'.repeat(70);
    const one = objectName('fk', long, 'x');
    const two = objectName('fk', long, 'y');
    assert.equal(one.length, 60);
    assert.notEqual(one, two);
    assert.equal(objectName('fk', 'order', 'customerId'), 'fk_order_customerId');
  });

  it('compares and widens types only where no value can be lost', () => {
    assert.equal(normalizeType('postgresql', 'VARCHAR(255) COLLATE "C"'), 'character varying(255)');
    assert.equal(normalizeType('postgresql', 'SERIAL'), 'integer');
    assert.equal(normalizeType('mysql', 'int(11)'), 'int');
    assert.equal(normalizeType('mysql', 'JSON'), normalizeType('mysql', 'longtext'));
    assert.equal(canWiden('postgresql', 'character varying(10)', 'text'), true);
    assert.equal(canWiden('postgresql', 'text', 'character varying(10)'), false);
    assert.equal(canWiden('postgresql', 'integer', 'bigint'), true);
    assert.equal(canWiden('postgresql', 'bigint', 'integer'), false);
    assert.equal(canWiden('mysql', 'tinyint(1)', 'int'), false);
    assert.equal(canWiden('mysql', 'int', 'double'), true);
    assert.equal(canWiden('mysql', 'datetime(0)', 'datetime(3)'), true);
    assert.deepEqual(fitCheck('postgresql', 'double precision', 'integer'),
      {kind: 'integer', min: -2147483648, max: 2147483647});
    assert.deepEqual(fitCheck('mysql', 'text', 'varchar(255)'), {kind: 'length', max: 255});
    assert.equal(fitCheck('mysql', 'text', 'double'), undefined);
  });
});
