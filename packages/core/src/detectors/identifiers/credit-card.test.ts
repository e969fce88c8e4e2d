import { describe, expect, it } from 'vitest';
import { isPublishedTestCard, issuerOf, isValidCardNumber } from './credit-card.js';

describe('card numbers', () => {
  it.each([
    ['4539148803436467', 'visa'],
    ['4222222222222', 'visa'],
    ['5425233430109903', 'mastercard'],
    ['2221000000000009', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6011000990139424', 'discover'],
    ['3530111333300000', 'jcb'],
    ['30569309025904', 'diners'],
    ['180016070420458', 'jcb'],
    ['587428561654', 'maestro'],
  ])('accepts %s as %s', (digits, issuer) => {
    expect(isValidCardNumber(digits)).toBe(true);
    expect(issuerOf(digits)).toBe(issuer);
  });

  it.each([
    ['4539148803436468', 'Luhn fails'],
    ['2721000000000007', 'just above the Mastercard 2-series'],
    ['37828224631000', 'Amex with fourteen digits'],
    ['453914880343646', 'Visa with fifteen digits'],
    ['9539148803436467', 'no issuer starts with 9'],
    ['0000000000000000', 'one digit repeated'],
  ])('rejects %s (%s)', (digits) => {
    expect(isValidCardNumber(digits)).toBe(false);
  });

  it('finds published test numbers, which are still valid card numbers', () => {
    expect(isPublishedTestCard('4111111111111111')).toBe(true);
    expect(isValidCardNumber('4111111111111111')).toBe(true);
    expect(isPublishedTestCard('4539148803436467')).toBe(false);
  });
});
