import fc from 'fast-check';
import { mayAccessContract, PERMISSIONS, roleMay, type Permission } from './permissions';
import { ROLES } from './principal';

describe('who may touch a contract', () => {
  it('given an admin, then any contract, whatever its parties', () => {
    expect(mayAccessContract({ role: 'admin' }, ['itime', 'hospital'])).toBe(true);
    expect(mayAccessContract({ role: 'admin' }, [undefined, undefined])).toBe(true);
  });

  it('given a principal of the customer or the vendor, then yes; of a third organisation or of none, then no', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES.filter((r) => r !== 'admin')), fc.constantFrom('itime', 'hospital', 'other', undefined), (role, organisation) => {
        const parties = ['hospital', 'itime'];
        expect(mayAccessContract({ role, organisation }, parties)).toBe(organisation === 'itime' || organisation === 'hospital');
      }),
    );
  });

  it('given a contract drafted without organisations, then only admin', () => {
    expect(mayAccessContract({ role: 'legal', organisation: 'itime' }, [undefined, undefined])).toBe(false);
  });
});

describe('the permission table', () => {
  it('lets admin do everything', () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) expect(roleMay('admin', permission)).toBe(true);
  });

  it('keeps writing money to finance, faults to engineers, history to legal', () => {
    expect(ROLES.filter((r) => roleMay(r, 'payment.record'))).toEqual(['admin', 'finance']);
    expect(ROLES.filter((r) => roleMay(r, 'fault.record'))).toEqual(['admin', 'vendor-engineer']);
    expect(ROLES.filter((r) => roleMay(r, 'contract.history.read'))).toEqual(['admin', 'legal']);
    expect(ROLES.filter((r) => roleMay(r, 'webhooks.manage'))).toEqual(['admin', 'integrator']);
  });
});
