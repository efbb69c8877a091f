import { BreachSubject } from '../caps/cap.events';
import { parseSubjectKey, subjectKey } from './subject';

describe('subject keys: subjectKey and parseSubjectKey', () => {
  it.each<[BreachSubject, string]>([
    [{ subjectType: 'group', groupId: 'G000001' }, 'group:G000001'],
    [{ subjectType: 'customer', customerId: 'C1' }, 'customer:C1'],
    [{ subjectType: 'connected-group', connectedGroupId: 'C1' }, 'connected-group:C1'],
    // Only the kind ends at the first colon: an id may hold colons of its own.
    [{ subjectType: 'customer', customerId: 'BR:0042:7' }, 'customer:BR:0042:7'],
  ])('files %j under %s and reads the same subject back', (subject, key) => {
    expect(subjectKey(subject)).toBe(key);
    expect(parseSubjectKey(key)).toEqual(subject);
  });

  it.each(['G000001', 'branch:C1', ':C1'])('refuses %j, a key subjectKey never makes', (key) => {
    expect(() => parseSubjectKey(key)).toThrow(`Not a subject key: ${key}`);
  });
});
