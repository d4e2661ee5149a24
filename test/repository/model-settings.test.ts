import assert from 'node:assert/strict';
import {it} from 'node:test';
import {DataSource} from '../../src/datasource/datasource';
import {DefaultCrudRepository, Entity, model, property} from '../../src';
import {describeForEachConnector} from '../support/connectors';

@model({settings: {strict: false}})
class Note extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string', default: 'untitled'}) title?: string;
  @property({type: 'string', defaultFn: 'uuidv4'}) ref?: string;
  @property({type: 'date', defaultFn: 'now'}) createdAt?: Date;
  @property({type: 'boolean', default: false}) done?: boolean;
  @property.array(String, {default: []}) tags?: string[];
}

@model({settings: {strict: 'filter'}})
class Filtered extends Entity {
  @property({type: 'number', id: true}) id: number;
  @property({type: 'string'}) name?: string;
}

describeForEachConnector('model settings through the repository', setup => {
  async function repositoryFor<T extends typeof Note | typeof Filtered>(modelClass: T): Promise<DefaultCrudRepository<InstanceType<T>, number>> {
    const ds: DataSource = setup.createDataSource();
    const repo = new DefaultCrudRepository<InstanceType<T>, number>(modelClass as never, ds);
    await ds.automigrate();
    return repo;
  }

  it('strict: false keeps unknown properties where the store can (memory) and refuses them where it cannot (SQL)', async () => {
    const repo = await repositoryFor(Note);
    const data = {extra: {nested: [1, 2]}} as Partial<Note>;
    if (setup.connector !== 'memory') {
      await assert.rejects(repo.create(data), (err: Error & {statusCode: number}) => {
        assert.equal(err.statusCode, 422);
        assert.match(err.message, /`extra` is not a declared property/);
        return true;
      });
      assert.deepEqual(await repo.count(), {count: 0});
      return;
    }
    const n = await repo.create(data);
    const found = await repo.findById(n.id!);
    assert.deepEqual((found.toJSON() as {extra: unknown}).extra, {nested: [1, 2]});
    assert.deepEqual((await repo.find({where: {extra: {exists: true}} as never})).length, 1);
  });

  it('defaults and defaultFn fill missing values on create', async () => {
    const repo = await repositoryFor(Note);
    const before = Date.now();
    const n = await repo.create({});
    assert.equal(n.title, 'untitled');
    assert.equal(n.done, false);
    assert.deepEqual(n.tags, []);
    assert.match(n.ref!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(n.createdAt instanceof Date && n.createdAt.getTime() >= before);
    const m = await repo.create({});
    assert.notEqual(m.ref, n.ref);
    m.tags!.push('x');
    assert.deepEqual((await repo.findById(n.id!)).tags, [], 'defaults are not shared between rows');
    const found = await repo.findById(n.id!);
    assert.ok(found.createdAt instanceof Date, 'dates come back as Date');
  });

  it('coerces written values to the property types', async () => {
    const repo = await repositoryFor(Note);
    const n = await repo.create({createdAt: '2026-01-02T03:04:05.000Z' as never, done: 'true' as never});
    const found = await repo.findById(n.id!);
    assert.ok(found.createdAt instanceof Date);
    assert.equal(found.createdAt!.toISOString(), '2026-01-02T03:04:05.000Z');
    assert.equal(found.done, true);
    assert.equal((await repo.find({where: {createdAt: {gt: '2026-01-01'}}} as never)).length, 1);
  });

  it("strict: 'filter' drops unknown properties silently", async () => {
    const repo = await repositoryFor(Filtered);
    await repo.create({id: 1, name: 'a', junk: true} as Partial<Filtered>);
    assert.deepEqual((await repo.findById(1)).toObject(), {id: 1, name: 'a'});
  });
});
