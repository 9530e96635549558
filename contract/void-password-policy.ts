/** Policy of docs/domain.md, shared by the client (as-you-type) and the simulator (the final say). */
export const FACTORY_DEFAULT_VOID_PASSWORD = '123456';
export const VOID_PASSWORD_LENGTH = 6;
export const VOID_PASSWORD_HISTORY = 3;
/** Wrong PINs in a row (terminal or a change's current PIN) that lock it for 30 minutes. */
export const MAX_WRONG_VOID_PASSWORD_ATTEMPTS = 5;

export const COMMON_PIN_BLOCKLIST: ReadonlySet<string> = new Set([
  '000000',
  '111111',
  '222222',
  '333333',
  '444444',
  '555555',
  '666666',
  '777777',
  '888888',
  '999999',
  '123123',
  '321321',
  '112233',
  '332211',
  '121212',
  '212121',
  '520520',
  '520131',
  '521521',
  '147258',
  '258369',
  '159753',
  '357159',
  '123321',
  '654123',
  '102030',
  '101010',
  '202020',
  '131313',
  '168168',
  '518518',
  '987987',
  '147147',
  '258258',
  '369369',
  '789789',
  '456456',
  '100200',
  '111222',
  '123789',
]);

export type VoidPasswordRule =
  | 'length' // not exactly 6 characters
  | 'digits' // something other than ASCII 0–9
  | 'same_digit' // 000000, 777777
  | 'sequence' // 123456, 654321, 901234 (wrapping runs are runs too)
  | 'common' // on the blocklist
  | 'factory_default'; // 123456

export const RULE_ERROR_CODE: Record<VoidPasswordRule, 'pin.format' | 'pin.too_simple' | 'pin.default'> = {
  length: 'pin.format',
  digits: 'pin.format',
  same_digit: 'pin.too_simple',
  sequence: 'pin.too_simple',
  common: 'pin.too_simple',
  factory_default: 'pin.default',
};

function isRun(pin: string, step: 1 | -1): boolean {
  for (let i = 1; i < pin.length; i++) {
    const expected = (pin.charCodeAt(i - 1) - 48 + step + 10) % 10;
    if (pin.charCodeAt(i) - 48 !== expected) return false;
  }
  return true;
}

/** In the order a person fixes them; history is checked separately, by hash, on the server. */
export function checkVoidPassword(candidate: string): VoidPasswordRule[] {
  const broken: VoidPasswordRule[] = [];
  if (!/^[0-9]*$/.test(candidate)) broken.push('digits');
  // Count characters, not UTF-16 units: an emoji is one character a person typed.
  if ([...candidate].length !== VOID_PASSWORD_LENGTH) broken.push('length');
  if (broken.length > 0) return broken;
  if (candidate === FACTORY_DEFAULT_VOID_PASSWORD) return ['factory_default'];
  if (/^(\d)\1{5}$/.test(candidate)) return ['same_digit'];
  if (isRun(candidate, 1) || isRun(candidate, -1)) return ['sequence'];
  if (COMMON_PIN_BLOCKLIST.has(candidate)) return ['common'];
  return [];
}

export function isAcceptableVoidPassword(candidate: string): boolean {
  return checkVoidPassword(candidate).length === 0;
}
