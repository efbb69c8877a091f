import { Customer } from './book.state';
import { Customers, RegisteredTwice } from './customer-rows';
import { TextColumn } from './text-column';

const customer = (customerId: string, kind: Customer['kind'] = 'enterprise'): Customer => ({
  customerId,
  name: `${customerId} Co.`,
  kind,
  creditCode: customerId === 'C1' ? '91350100M000100Y43' : null,
  since: '2026-01-05',
});

describe('Customers', () => {
  it('reads a registered customer back, by its id, as registered', () => {
    const book = Customers.none.registered(customer('C1')).registered(customer('C2', 'individual'));
    expect(book.get('C1')).toEqual(customer('C1'));
    expect(book.get('C2')).toEqual(customer('C2', 'individual'));
    expect(book.has('C3')).toBe(false);
    expect(book.get('C3')).toBeUndefined();
    expect(book.size).toBe(2);
    expect([...book.keys()]).toEqual(['C1', 'C2']);
    expect([...book.values()].map((c) => c.kind)).toEqual(['enterprise', 'individual']);
  });

  it('hands back the very id string it was registered with, which the book shares with its other maps', () => {
    const own = ['C', '1'].join('');
    const book = Customers.none.registered(customer(own));
    expect(book.get('C1')!.customerId).toBe(own);
  });

  it('keeps every earlier state as it was: a customer registered later is unknown to it', () => {
    const one = Customers.none.registered(customer('C1'));
    const two = one.registered(customer('C2'));
    expect(one.has('C2')).toBe(false);
    expect(one.size).toBe(1);
    expect(Customers.none.size).toBe(0);
    expect(two.has('C2')).toBe(true);
  });

  it('going on from an earlier state drops what was registered after it, and the state that saw it says so', () => {
    const one = Customers.none.registered(customer('C1'));
    const refused = one.registered(customer('C2'));
    // The batch that registered C2 failed: the writer goes on from `one`.
    const next = one.registered(customer('C3'));
    expect([...next.keys()]).toEqual(['C1', 'C3']);
    expect(next.has('C2')).toBe(false);
    expect(one.get('C1')).toEqual(customer('C1'));
    expect(() => refused.get('C2')).toThrow('this book state was left behind');
  });

  it('takes any id as data, even the name of a property every object has', () => {
    const book = Customers.none.registered(customer('__proto__')).registered(customer('constructor'));
    expect([...book.keys()]).toEqual(['__proto__', 'constructor']);
    expect(book.get('__proto__')!.name).toBe('__proto__ Co.');
    expect(book.has('toString')).toBe(false);
  });

  it('refuses an id registered already, and writes nothing', () => {
    const book = Customers.none.registered(customer('C1'));
    expect(() => book.registered({ ...customer('C1'), name: 'Another' })).toThrow(new RegisteredTwice('C1'));
    expect(book.get('C1')!.name).toBe('C1 Co.');
    expect(book.registered(customer('C2')).size).toBe(2);
  });

  it('refuses from an earlier state an id registered in it, and leaves the later states readable', () => {
    const one = Customers.none.registered(customer('C1'));
    const two = one.registered(customer('C2'));
    expect(() => one.registered(customer('C1'))).toThrow(new RegisteredTwice('C1'));
    expect([...two.keys()]).toEqual(['C1', 'C2']);
  });

  it('shows its entries in a JSON picture of the book', () => {
    const book = Customers.none.registered(customer('C1'));
    expect(JSON.parse(JSON.stringify({ customers: book }))).toEqual({ customers: [['C1', customer('C1')]] });
  });

  it('restores many at once as registered one by one, and goes on registering past the room it was made with', () => {
    const ids = Array.from({ length: 3_000 }, (_, i) => `C${i}`);
    const names = new TextColumn();
    for (const id of ids) names.add(customer(id).name);
    const all = Customers.restored(names, (add, i) => {
      const c = customer(ids[i]);
      add(c.customerId, c.kind, c.creditCode, c.since);
    });
    const oneByOne = ids.reduce((book, id) => book.registered(customer(id)), Customers.none);
    expect([...all]).toEqual([...oneByOne]);
    expect(all.get('C0')).toEqual(customer('C0'));
    let more = all;
    for (let i = 3_000; i < 9_000; i++) more = more.registered(customer(`C${i}`));
    expect(more.get('C8999')?.customerId).toBe('C8999');
    expect(more.get('C1')?.customerId).toBe('C1');
    expect(all.size).toBe(3_000);
    expect(Customers.restored(new TextColumn(), () => undefined)).toBe(Customers.none);
  });

  it('gives its names as runs of code units, from which a restore registers the same customers without a string per name', () => {
    const book = ['C1', 'C2', 'C3'].reduce((b, id) => b.registered(customer(id)), Customers.none).registered({ ...customer('C4'), name: '华信控股' });
    const first = book.names(0, 2);
    const rest = book.names(2, 4);
    // 'C1 Co.' and 'C2 Co.' are 6 code units each, '华信控股' 4.
    expect([...first.lengths, ...rest.lengths]).toEqual([6, 6, 6, 4]);
    const names = new TextColumn().appended(first.lengths, first.units).appended(rest.lengths, rest.units);
    const all = [...book.values()];
    const restored = Customers.restored(names, (add, i) => add(all[i].customerId, all[i].kind, all[i].creditCode, all[i].since));
    expect([...restored]).toEqual([...book]);
    expect(restored.get('C4')?.name).toBe('华信控股');
    expect(restored.registered(customer('C5')).get('C5')).toEqual(customer('C5'));
    expect(() => book.names(3, 5)).toThrow('names 3 to 5 of 4 customers');
    expect(() => Customers.restored(names, (add) => add('C1', 'enterprise', null, '2026-01-05'))).toThrow(new RegisteredTwice('C1'));
  });

  it('refuses an id registered twice among many restored at once', () => {
    const names = new TextColumn();
    for (let i = 0; i < 3; i++) names.add('Co.');
    expect(() => Customers.restored(names, (add, i) => add(['C1', 'C2', 'C1'][i], 'enterprise', null, '2026-01-05'))).toThrow(new RegisteredTwice('C1'));
  });

  it('finds each of many customers, past every growth of its table', () => {
    let book = Customers.none;
    let earlier = book;
    for (let i = 0; i < 5_000; i++) {
      book = book.registered(customer(`C${i}`));
      if (i === 2_999) earlier = book;
    }
    expect(book.size).toBe(5_000);
    for (const i of [0, 1, 1_023, 1_024, 2_047, 4_999]) expect(book.get(`C${i}`)?.customerId).toBe(`C${i}`);
    expect(book.has('C5000')).toBe(false);
    // Going on from the 3,000th drops the 2,000 after it, past the growth of the rows' columns: a view that saw them says so.
    const fork = earlier.registered(customer('D1'));
    expect(fork.get('D1')?.customerId).toBe('D1');
    expect(fork.has('C3000')).toBe(false);
    expect(earlier.get('C2999')?.customerId).toBe('C2999');
    expect(() => book.get('C1')).toThrow('this book state was left behind');
  });
});
