import { List } from 'immutable';
import { CapitalDeclaration } from '../book/book.state';
import { BusinessDate } from '../shared/business-date';

/**
 * The declaration in force on a date: the last one declared as of that date or earlier (the list is sorted by
 * asOf). Asked for several times per command (each cap, each regime); a backward loop by index allocates nothing,
 * where List.findLast builds a reversed sequence and its iterator every time.
 */
export function declarationOn(capital: List<CapitalDeclaration>, date: BusinessDate): CapitalDeclaration | undefined {
  for (let i = capital.size - 1; i >= 0; i--) {
    const declaration = capital.get(i)!;
    if (declaration.asOf <= date) return declaration;
  }
  return undefined;
}
