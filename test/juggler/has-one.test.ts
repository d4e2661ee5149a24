import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
// The package entry registers every LoopBack 3 relation type.
import 'relata';
import {describeForEachConnector} from '../support/connectors';
import {viaCallback} from './support/lb3-helpers';

type AnyObject = {[key: string]: any};
// LoopBack 3 models are dynamic (accessors and properties come from definitions).
type Model = any;

describeForEachConnector('LoopBack 3 hasOne', setup => {
  async function define(params: AnyObject = {}) {
    const ds = setup.createDataSource();
    const Supplier = ds.createModel('HoSupplier', {name: String}) as Model;
    const Account = ds.createModel('HoAccount', {accountNo: String, supplierName: String, block: Boolean}) as Model;
    Supplier.hasOne(Account, {as: 'account', ...params});
    await ds.automigrate(['HoSupplier', 'HoAccount']);
    return {ds, Supplier, Account};
  }

  describe('definition', () => {
    it('names the relation after the target and adds camelize(source + _id) to the target', async () => {
      const ds = setup.createDataSource();
      const Supplier = ds.createModel('HoSupplier', {name: String}) as Model;
      const Account = ds.createModel('HoAccount', {accountNo: String}) as Model;
      Supplier.hasOne(Account);
      assert.deepEqual(Supplier.relations.hoAccount.toJSON(), {
        name: 'hoAccount', type: 'hasOne', modelFrom: 'HoSupplier', keyFrom: 'id',
        modelTo: 'HoAccount', keyTo: 'hoSupplierId', multiple: false,
      });
      assert.equal(Account.definition.properties.hoSupplierId.type, 'number');
      assert.equal(Supplier.prototype.hoAccount._targetClass, 'HoAccount');
      for (const op of ['get', 'create', 'update', 'destroy']) {
        assert.equal(typeof Supplier.prototype[`__${op}__hoAccount`], 'function', op);
      }
    });

    it('refuses a relation named like a property of the source', () => {
      const ds = setup.createDataSource();
      const Supplier = ds.createModel('HoSupplier', {name: String, account: String}) as Model;
      const Account = ds.createModel('HoAccount', {accountNo: String}) as Model;
      assert.throws(() => Supplier.hasOne(Account, {as: 'account'}), {code: 'RELATION_NAME_CONFLICT'});
      assert.throws(() => Supplier.hasOne(Account, {as: 'id'}), /Relation "id" of model HoSupplier/);
    });
  });

  describe('create and read', () => {
    it('create() sets the key; a second create() is refused with LoopBack 3\'s message', async () => {
      const {Supplier, Account} = await define();
      const s = await Supplier.create({name: 'S1'});
      const account = await s.account.create({accountNo: 'a01'});
      assert.ok(account instanceof Account);
      assert.equal(account.hoSupplierId, s.id);
      assert.equal(s.account(), account);
      await assert.rejects(s.account.create({accountNo: 'a02'}), (err: AnyObject) => {
        assert.equal(err.message, 'HasOne relation cannot create more than one instance of HoAccount');
        return true;
      });
      await assert.rejects(viaCallback(cb => s.account.create({accountNo: 'a03'}, cb)),
        {message: 'HasOne relation cannot create more than one instance of HoAccount'});
      assert.equal(await Account.count(), 1);
    });

    it('create() with a callback; the key given is replaced by the source\'s', async () => {
      const {Supplier} = await define();
      const s = await Supplier.create({name: 'S1'});
      const account = await viaCallback(cb => s.account.create({accountNo: 'a01', hoSupplierId: 77}, cb));
      assert.equal(account.hoSupplierId, s.id);
    });

    it('reads the target: callback, promise, get(), sync after a load, refresh', async () => {
      const {Supplier, Account} = await define();
      const created = await Supplier.create({name: 'S1'});
      await created.account.create({accountNo: 'a01'});
      const s = await Supplier.findById(created.id);
      assert.equal(s.account(), undefined);
      const viaCb = await viaCallback(cb => s.account(cb));
      assert.equal(viaCb.accountNo, 'a01');
      assert.equal(s.account(), viaCb);
      await Account.updateAll({hoSupplierId: s.id}, {accountNo: 'a02'});
      assert.equal((await s.account(false)).accountNo, 'a01');
      assert.equal((await viaCallback(cb => s.account(true, cb))).accountNo, 'a02');
      await Account.updateAll({hoSupplierId: s.id}, {accountNo: 'a03'});
      assert.equal((await s.account.get()).accountNo, 'a03');
      await Account.updateAll({hoSupplierId: s.id}, {accountNo: 'a04'});
      assert.equal((await viaCallback(cb => s.account.get(cb))).accountNo, 'a04');
      assert.equal((await viaCallback(cb => s.account(true, {}, cb))).accountNo, 'a04');
      assert.equal(s.toJSON().account.accountNo, 'a04');
    });

    it('gives null when there is no target', async () => {
      const {Supplier} = await define();
      const s = await Supplier.create({name: 'S1'});
      assert.equal(await s.account.get(), null);
      assert.equal(await viaCallback(cb => s.account(cb)), null);
      assert.equal(s.account(), undefined);
    });

    it('the setter gives the target the key and caches it', async () => {
      const {Supplier, Account} = await define();
      const s = await Supplier.create({name: 'S1'});
      const account = new Account({accountNo: 'a01'});
      s.account(account);
      assert.equal(account.hoSupplierId, s.id);
      assert.equal(s.account(), account);
      await account.save();
      assert.equal((await s.account.get()).accountNo, 'a01');
    });

    it('build() makes an unsaved target with the key', async () => {
      const {Supplier, Account} = await define();
      const s = await Supplier.create({name: 'S1'});
      const built = s.account.build({accountNo: 'b'});
      assert.ok(built instanceof Account);
      assert.equal(built.hoSupplierId, s.id);
      assert.equal(await Account.count(), 0);
    });
  });

  describe('update and destroy', () => {
    it('update() changes the target and refuses to move it (promise and callback)', async () => {
      const {Supplier} = await define();
      const s = await Supplier.create({name: 'S1'});
      const s2 = await Supplier.create({name: 'S2'});
      await s.account.create({accountNo: 'a01'});
      const fresh = await Supplier.findById(s.id);
      assert.equal((await fresh.account.update({accountNo: 'a02'})).accountNo, 'a02');
      assert.equal((await viaCallback(cb => fresh.account.update({accountNo: 'a03', hoSupplierId: s.id}, cb))).accountNo, 'a03');
      await assert.rejects(fresh.account.update({hoSupplierId: s2.id}),
        {message: `Cannot override foreign key hoSupplierId from ${s.id} to ${s2.id}`});
      assert.equal((await (await Supplier.findById(s.id)).account.get()).accountNo, 'a03');
    });

    it('destroy() deletes the target (promise and callback); both fail on an empty relation', async () => {
      const {Supplier, Account} = await define();
      const s = await Supplier.create({name: 'S1'});
      await s.account.create({accountNo: 'a01'});
      await s.account.destroy();
      assert.equal(await Account.count(), 0);
      assert.equal(s.account(), undefined);
      await s.account.create({accountNo: 'a02'});
      await viaCallback(cb => s.account.destroy(cb));
      assert.equal(await Account.count(), 0);
      await assert.rejects(s.account.destroy(), {message: 'HasOne relation account is empty'});
      await assert.rejects(viaCallback(cb => s.account.update({accountNo: 'x'}, cb)), {message: 'HasOne relation account is empty'});
    });

    it('the prototype helpers run get, create, update and destroy', async () => {
      const {Supplier, Account} = await define();
      const s = await Supplier.create({name: 'S1'});
      assert.equal((await s.__create__account({accountNo: 'a01'})).hoSupplierId, s.id);
      assert.equal((await s.__get__account()).accountNo, 'a01');
      assert.equal((await s.__update__account({accountNo: 'a02'})).accountNo, 'a02');
      await viaCallback(cb => s.__destroy__account(cb));
      assert.equal(await Account.count(), 0);
    });
  });

  describe('options', () => {
    it('applies scope and properties (LoopBack 3\'s hasOne with scope)', async () => {
      const {Supplier, Account} = await define({scope: {where: {block: false}}, properties: {name: 'supplierName'}});
      const s = await Supplier.create({name: 'Supplier 1'});
      const account = await s.account.create({accountNo: 'a01'});
      assert.equal(account.block, false);
      assert.equal(account.supplierName, 'Supplier 1');
      const withInclude = await Supplier.findById(s.id, {include: 'account'});
      assert.equal(withInclude.toJSON().account.accountNo, 'a01');
      await Account.updateAll({}, {block: true});
      assert.equal(await (await Supplier.findById(s.id)).account.get(), null);
      const blocked = await Supplier.findById(s.id, {include: 'account'});
      assert.equal(blocked.toJSON().account, undefined);
    });

    it('takes a primaryKey other than the id', async () => {
      const ds = setup.createDataSource();
      const Board = ds.createModel('HoBoard', {membersNumber: Number, companyId: String}) as Model;
      const Boss = ds.createModel('HoBoss', {id: {type: String, id: true, generated: false}, boardMembersNumber: Number}) as Model;
      Board.hasOne(Boss, {as: 'boss', properties: {membersNumber: 'boardMembersNumber'}, primaryKey: 'companyId', foreignKey: 'companyId'});
      assert.equal(Boss.definition.properties.companyId.type, 'string');
      await ds.automigrate(['HoBoard', 'HoBoss']);
      const board = await Board.create({membersNumber: 7, companyId: 'C1'});
      await board.boss.create({id: 'boss-1'});
      const boss = await (await Board.findById(board.id)).boss.get();
      assert.equal(boss.id, 'boss-1');
      assert.equal(boss.companyId, 'C1');
      assert.equal(boss.boardMembersNumber, 7);
      await board.boss.destroy();
      assert.equal(await board.boss.get(), null);
    });
  });
});
