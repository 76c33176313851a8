import type { Principal } from '@app/access';
import { generateKekBase64, Keyring, parseKek } from './envelope/keyring';
import { decryptField, encryptField, isEncrypted } from './field-cipher';
import { ERASED, MASK } from './masking';
import { encryptPartyFields } from './party-details-cipher';
import { PartyKeys } from './party-keys';
import { reveal, UNREADABLE } from './reveal';
import { MemoryDataKeyStore } from './store/memory-data-key.store';

const CUSTOMER = { organisation: 'itime', name: 'ITiMe 甲方', taxId: '91110108MA01ABCD2X', bank: '工商银行', account: '0200 0011 2233 4455', address: '北京市海淀区', phone: '010-62345678', representative: '张三' };

const who = (role: Principal['role'], organisation?: string): Principal => ({ id: `key:${role}`, name: role, role, organisation, via: 'api-key' });

async function drafted() {
  const store = new MemoryDataKeyStore();
  const keys = new PartyKeys(store, new Keyring(parseKek(generateKekBase64())));
  const key = await keys.keyFor('c-1', 'customer', CUSTOMER.organisation);
  const body = { id: 'c-1', amount: '23000.00', terms: { customer: encryptPartyFields(CUSTOMER, key) } };
  return { store, keys, key, body };
}

describe('revealing confidential party data on the way out', () => {
  it('given a drafted party, then only its confidential fields are encrypted and the company name stays plain', async () => {
    const { body } = await drafted();
    expect(body.terms.customer.name).toBe(CUSTOMER.name);
    for (const f of ['taxId', 'bank', 'account', 'address', 'phone', 'representative'] as const) expect(isEncrypted(body.terms.customer[f])).toBe(true);
    expect(JSON.stringify(body)).not.toContain('2233');
  });

  it.each([who('admin'), who('legal', 'Other Co'), who('finance', 'Other Co'), who('customer', 'itime')])('shows plaintext to %o and reports what it revealed', async (principal) => {
    const { keys, body } = await drafted();
    const out = await reveal(body, principal, keys);
    expect(out.body).toEqual({ ...body, terms: { customer: CUSTOMER } });
    expect(out.revealed).toEqual([{ contractId: 'c-1', party: 'customer', fields: ['taxId', 'bank', 'account', 'address', 'phone', 'representative'] }]);
  });

  it.each([who('vendor-engineer', 'Vendor Co'), who('customer', 'other'), who('integrator', 'integrator'), undefined])('masks for %o and reveals nothing', async (principal) => {
    const { keys, body } = await drafted();
    const out = await reveal(body, principal, keys);
    expect(out.body.terms.customer).toEqual({ ...CUSTOMER, taxId: `${MASK} CD2X`, bank: MASK, account: `${MASK} 4455`, address: MASK, phone: `${MASK} 5678`, representative: MASK });
    expect(out.revealed).toEqual([]);
  });

  it('given the key was erased, then every value under it reads "[erased]" for everyone, and the rest is unchanged', async () => {
    const { keys, body } = await drafted();
    expect(await keys.erase('c-1', 'customer')).toBe(1);
    const out = await reveal(body, who('admin'), keys);
    expect(out.body).toEqual({ id: 'c-1', amount: '23000.00', terms: { customer: { organisation: 'itime', name: CUSTOMER.name, taxId: ERASED, bank: ERASED, account: ERASED, address: ERASED, phone: ERASED, representative: ERASED } } });
    expect(out.revealed).toEqual([]);
  });

  it('given a value outside its field (a history diff’s from / to), then it is still found and opened', async () => {
    const { keys, key } = await drafted();
    const out = await reveal({ changes: [{ field: 'terms.customer.phone', from: null, to: encryptField(key, 'phone', '010-62345678') }] }, who('legal'), keys);
    expect(out.body.changes[0].to).toBe('010-62345678');
  });

  it('given an altered value or a malformed enc string, then it shows neither ciphertext nor an error', async () => {
    const { keys, body } = await drafted();
    const altered = body.terms.customer.account.slice(0, -3) + (body.terms.customer.account.endsWith('AAA') ? 'BBB' : 'AAA');
    const out = await reveal({ a: altered, b: 'enc:v1:garbage' }, who('admin'), keys);
    expect(out.body).toEqual({ a: UNREADABLE, b: ERASED });
  });

  it('given an answer with no encrypted value, then it is returned as it is, without a key look-up', async () => {
    const { store, keys } = await drafted();
    const spy = jest.spyOn(store, 'getMany');
    const body = { a: [1, 'x', { b: null }] };
    expect(await reveal(body, who('admin'), keys)).toEqual({ body, revealed: [], touched: false });
    expect((await reveal(body, who('admin'), keys)).body).toBe(body);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('party keys', () => {
  it('given a retried draft, then the party gets the same key as before', async () => {
    const { keys, key } = await drafted();
    expect(await keys.keyFor('c-1', 'customer', CUSTOMER.organisation)).toEqual(key);
  });

  it('given a KEK rotation, when rewrapped, then every key is under the new KEK and every value still reads', async () => {
    const store = new MemoryDataKeyStore();
    const old = parseKek(generateKekBase64());
    const before = new PartyKeys(store, new Keyring(old));
    const values = await Promise.all(
      ['c-1', 'c-2', 'c-3'].map(async (id) => encryptField(await before.keyFor(id, 'vendor', 'V'), 'account', `acct-${id}`)),
    );
    const next = parseKek(generateKekBase64());
    const after = new PartyKeys(store, new Keyring(next, [old]));
    expect(await after.rewrapAll(2)).toBe(3);
    expect(await store.notWrappedUnder(next.id, 10)).toEqual([]);
    const onlyNew = new PartyKeys(store, new Keyring(next));
    const resolved = await onlyNew.resolve(values.map((v) => v.split(':')[2]));
    expect(values.map((v) => decryptField(resolved.get(v.split(':')[2])!.key, 'account', v))).toEqual(['acct-c-1', 'acct-c-2', 'acct-c-3']);
  });
});

describe('need to know', () => {
  it('given a party drafted without an organisation id, then a principal of no organisation match sees it masked', async () => {
    const keys = new PartyKeys(new MemoryDataKeyStore(), new Keyring(parseKek(generateKekBase64())));
    const key = await keys.keyFor('c-9', 'vendor', null);
    const out = await reveal({ phone: encryptField(key, 'phone', '010-62345678') }, who('customer', 'itime'), keys);
    expect(out.body.phone).toBe(`${MASK} 5678`);
  });
});

describe('a KEK missing from the configuration', () => {
  it('fails the reveal, naming the KEK, instead of passing for an erasure', async () => {
    const store = new MemoryDataKeyStore();
    const old = parseKek(generateKekBase64());
    const key = await new PartyKeys(store, new Keyring(old)).keyFor('c-1', 'customer', 'itime');
    const forgetful = new PartyKeys(store, new Keyring(parseKek(generateKekBase64())));
    await expect(reveal({ phone: encryptField(key, 'phone', '010-62345678') }, who('admin'), forgetful)).rejects.toThrow(new RegExp(`KEK ${old.id}`));
  });
});
