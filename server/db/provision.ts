import { DEFAULT_CUTOFF_MINUTE } from '@acquirer/data/generate';
import { randomId, randomToken, type SecretHasher } from '@acquirer/hash';
import { LoginRequest } from '@contract/schemas/auth';
import type { Db } from './database';
import { rankFleet } from './fleet-ranks';
import type { Database } from './schema';
import { insertRows } from './table-store';

// `npm run db:provision`: a real fleet from one CSV file with a `kind` column (docs/operations/provisioning.md).
// Everything is checked before anything is written; a clean file is written in one transaction.

export const COLUMNS = [
  'kind',
  'mid',
  'name',
  'phone',
  'payout_mode',
  'store',
  'city',
  'username',
  'role',
  'tid',
  'sn',
  'model',
  'firmware',
] as const;
type Column = (typeof COLUMNS)[number];

export const MAX_REPORTED = 100;
/** The sign-in schema's bound (contract/schemas/auth.ts) and a floor for a password chosen by an operator. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export interface Problem {
  line: number;
  reason: string;
}

export class ProvisionRefused extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`the file has ${problems.length} problem(s); nothing was imported`);
  }
}

interface CsvRecord {
  /** Line of the file the record starts on (1 = the header). */
  line: number;
  cells: string[];
}

/** RFC 4180 with a BOM, CRLF or LF, quoted fields holding commas, quotes and line breaks. */
export function parseCsv(text: string): { records: CsvRecord[]; error?: Problem } {
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]!.trim() === '')) records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      i++;
      continue;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      line++;
      start = line;
    } else cell += c;
    i++;
  }
  if (quoted) return { records, error: { line: start, reason: 'a quoted field is never closed' } };
  if (cell !== '' || cells.length > 0) endRecord();
  return { records };
}

// Names are kept as given (trimmed); identifiers, phones and codes are NFKC-normalised, so the full-width
// digits and spaces of a Chinese input method become ASCII.
const trim = (value: string) => value.replace(/^[\s\u3000\uFEFF]+|[\s\u3000\uFEFF]+$/g, '');
const code = (value: string) => trim(value.normalize('NFKC'));

export interface MerchantIn {
  line: number;
  mid: string;
  name: string;
  phone: string;
  payoutMode: 'T1' | 'D0';
}
export interface StoreIn {
  line: number;
  mid: string;
  name: string;
  city: string;
}
export interface UserIn {
  line: number;
  username: string;
  name: string;
  role: 'owner' | 'cashier' | 'support';
  mids: string[];
}
export interface TerminalIn {
  line: number;
  tid: string;
  sn: string;
  model: string;
  firmware: string;
  mid: string;
  store: string;
}
export interface Fleet {
  merchants: MerchantIn[];
  stores: StoreIn[];
  users: UserIn[];
  terminals: TerminalIn[];
}

/** What the database already holds that the file may collide with or refer to. */
export interface Existing {
  merchants: Set<string>;
  /** `${mid}\u0000${store name}` → store id. */
  stores: Map<string, string>;
  usernames: Set<string>;
  tids: Set<string>;
  sns: Set<string>;
}

export function existingIn(db: Db): Existing {
  const { q } = db;
  return {
    merchants: new Set(db.all(q.selectFrom('merchants').select('id')).map((r) => r.id)),
    stores: new Map(
      db
        .all(q.selectFrom('stores').select(['id', 'merchant_id', 'name']))
        .map((r) => [storeKey(r.merchant_id, r.name), r.id]),
    ),
    usernames: new Set(db.all(q.selectFrom('users').select('username_key')).map((r) => r.username_key)),
    tids: new Set(db.all(q.selectFrom('terminals').select('tid')).map((r) => r.tid)),
    sns: new Set(db.all(q.selectFrom('terminals').select('sn')).map((r) => r.sn)),
  };
}

const storeKey = (mid: string, name: string) => `${mid}\u0000${name}`;
const TEXT_MAX = 100;

/** Checks the whole file against itself and the database: every problem, with its line. */
export function validateFleet(text: string, existing: Existing): { fleet: Fleet; problems: Problem[] } {
  const fleet: Fleet = { merchants: [], stores: [], users: [], terminals: [] };
  const problems: Problem[] = [];
  const { records, error } = parseCsv(text);
  if (error) problems.push(error);
  const [header, ...body] = records;
  if (!header) {
    problems.push({ line: 1, reason: 'the file is empty: a header row is expected' });
    return { fleet, problems };
  }
  const names = header.cells.map((h) => code(h).toLowerCase());
  const index = new Map<string, number>();
  names.forEach((n, i) => {
    if (!(COLUMNS as readonly string[]).includes(n)) {
      problems.push({ line: header.line, reason: `unknown column "${n}" (expected ${COLUMNS.join(', ')})` });
    } else if (index.has(n)) problems.push({ line: header.line, reason: `column "${n}" appears twice` });
    else index.set(n, i);
  });
  for (const required of COLUMNS) {
    if (!index.has(required)) problems.push({ line: header.line, reason: `missing column "${required}"` });
  }
  if (problems.length > 0) return { fleet, problems };

  const seen = {
    mids: new Map<string, number>(),
    stores: new Map<string, number>(),
    usernames: new Map<string, number>(),
    tids: new Map<string, number>(),
    sns: new Map<string, number>(),
  };
  for (const record of body) {
    const { line } = record;
    const problem = (reason: string) => problems.push({ line, reason });
    if (record.cells.length !== header.cells.length) {
      problem(`${record.cells.length} fields where the header has ${header.cells.length}`);
      continue;
    }
    const raw = (c: Column) => record.cells[index.get(c)!]!;
    const get = (c: Column) => code(raw(c));
    const text = (c: Column, label: string, required = true) => {
      const value = trim(raw(c));
      if (required && value === '') problem(`${label} is empty`);
      else if (value.length > TEXT_MAX) problem(`${label} is longer than ${TEXT_MAX} characters`);
      // eslint-disable-next-line no-control-regex -- refusing them is the point
      else if (/[\u0000-\u001f\u007f]/.test(value))
        problem(`${label} holds a control character or line break`);
      return value;
    };
    const mid = (value: string, label = 'mid') => {
      if (!/^\d{15}$/.test(value)) problem(`${label} "${value}" is not 15 digits`);
      return value;
    };
    const once = (map: Map<string, number>, key: string, what: string) => {
      const first = map.get(key);
      if (first !== undefined) problem(`${what} already on line ${first}`);
      else map.set(key, line);
    };
    const kind = get('kind').toLowerCase();
    const notFor = (columns: Column[]) => {
      for (const c of columns) if (get(c) !== '') problem(`column "${c}" must be empty for a ${kind}`);
    };

    if (kind === 'merchant') {
      const m: MerchantIn = {
        line,
        mid: mid(get('mid')),
        name: text('name', 'name'),
        phone: get('phone').replace(/[\s-]/g, ''),
        payoutMode: get('payout_mode').toUpperCase() as 'T1' | 'D0',
      };
      if (!/^\d{6,15}$/.test(m.phone)) problem(`phone "${get('phone')}" is not 6 to 15 digits`);
      if (m.payoutMode !== 'T1' && m.payoutMode !== 'D0') {
        problem(`payout_mode "${get('payout_mode')}" is not T1 or D0`);
      }
      if (existing.merchants.has(m.mid)) problem(`merchant ${m.mid} is already in the database`);
      once(seen.mids, m.mid, `merchant ${m.mid} is`);
      notFor(['store', 'city', 'username', 'role', 'tid', 'sn', 'model', 'firmware']);
      fleet.merchants.push(m);
    } else if (kind === 'store') {
      const s: StoreIn = {
        line,
        mid: mid(get('mid')),
        name: text('store', 'store'),
        city: text('city', 'city', false),
      };
      const key = storeKey(s.mid, s.name);
      if (existing.stores.has(key))
        problem(`store "${s.name}" of merchant ${s.mid} is already in the database`);
      once(seen.stores, key, `store "${s.name}" of merchant ${s.mid} is`);
      notFor(['name', 'phone', 'payout_mode', 'username', 'role', 'tid', 'sn', 'model', 'firmware']);
      fleet.stores.push(s);
    } else if (kind === 'user') {
      const username = get('username');
      const role = get('role').toLowerCase();
      const mids = get('mid')
        .split(/[;|\s]+/)
        .filter((x) => x !== '');
      const u: UserIn = { line, username, name: text('name', 'name'), role: role as UserIn['role'], mids };
      if (!LoginRequest.shape.username.safeParse(username).success || !/^[\w.@-]+$/.test(username)) {
        problem(`username "${username}" must be 1 to 64 letters, digits, "." "_" "-" or "@"`);
      }
      if (role !== 'owner' && role !== 'cashier' && role !== 'support') {
        problem(`role "${get('role')}" is not owner, cashier or support`);
      }
      if (role === 'support' && mids.length > 0)
        problem('a support user reaches every merchant: leave mid empty');
      if ((role === 'owner' || role === 'cashier') && mids.length === 0) {
        problem(`an ${role} needs at least one merchant (mid, several separated by ";")`);
      }
      const own = new Set<string>();
      for (const m of mids) {
        mid(m);
        if (own.has(m)) problem(`merchant ${m} is listed twice`);
        own.add(m);
      }
      if (existing.usernames.has(username.toLowerCase())) {
        problem(`username "${username}" is already in the database`);
      }
      once(seen.usernames, username.toLowerCase(), `username "${username}" is`);
      notFor(['phone', 'payout_mode', 'store', 'city', 'tid', 'sn', 'model', 'firmware']);
      fleet.users.push(u);
    } else if (kind === 'terminal') {
      const t: TerminalIn = {
        line,
        tid: get('tid'),
        sn: get('sn'),
        model: text('model', 'model'),
        firmware: text('firmware', 'firmware'),
        mid: mid(get('mid')),
        store: text('store', 'store'),
      };
      if (!/^\d{8}$/.test(t.tid)) problem(`tid "${t.tid}" is not 8 digits`);
      if (!/^[A-Za-z0-9-]{4,40}$/.test(t.sn)) problem(`sn "${t.sn}" is not 4 to 40 letters, digits or "-"`);
      if (existing.tids.has(t.tid)) problem(`terminal ${t.tid} is already in the database`);
      if (existing.sns.has(t.sn)) problem(`sn ${t.sn} is already in the database`);
      once(seen.tids, t.tid, `terminal ${t.tid} is`);
      once(seen.sns, t.sn, `sn ${t.sn} is`);
      notFor(['name', 'phone', 'payout_mode', 'city', 'username', 'role']);
      fleet.terminals.push(t);
    } else {
      problem(`kind "${get('kind')}" is not merchant, store, user or terminal`);
    }
  }

  // References: to a merchant or store of the file or of the database.
  const merchantKnown = (m: string) => seen.mids.has(m) || existing.merchants.has(m);
  for (const s of fleet.stores) {
    if (/^\d{15}$/.test(s.mid) && !merchantKnown(s.mid)) {
      problems.push({ line: s.line, reason: `merchant ${s.mid} is neither in the file nor in the database` });
    }
  }
  for (const u of fleet.users) {
    for (const m of u.mids) {
      if (/^\d{15}$/.test(m) && !merchantKnown(m)) {
        problems.push({ line: u.line, reason: `merchant ${m} is neither in the file nor in the database` });
      }
    }
  }
  for (const t of fleet.terminals) {
    if (!/^\d{15}$/.test(t.mid) || t.store === '') continue;
    if (!merchantKnown(t.mid)) {
      problems.push({ line: t.line, reason: `merchant ${t.mid} is neither in the file nor in the database` });
    } else if (!seen.stores.has(storeKey(t.mid, t.store)) && !existing.stores.has(storeKey(t.mid, t.store))) {
      problems.push({
        line: t.line,
        reason: `store "${t.store}" of merchant ${t.mid} is neither in the file nor in the database`,
      });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { fleet, problems };
}

/** The account password rules: the sign-in schema's length, a floor, and not the username. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN) return `is shorter than ${PASSWORD_MIN} characters`;
  if (!LoginRequest.shape.password.safeParse(password).success || password.length > PASSWORD_MAX) {
    return `is longer than ${PASSWORD_MAX} characters`;
  }
  if (password.trim() !== password) return 'begins or ends with a space';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'contains the username';
  if (new Set(password).size < 4) return 'has fewer than 4 different characters';
  return null;
}

export interface Added {
  merchants: number;
  stores: number;
  users: number;
  terminals: number;
}

/** Writes a validated fleet in one transaction; `passwords[i]` is the `i`-th user's. */
export async function writeFleet(
  db: Db,
  fleet: Fleet,
  passwords: readonly string[],
  hasher: SecretHasher,
  now: number,
  existing: Existing,
): Promise<Added> {
  const { q } = db;
  const nextSeq = (table: 'merchants' | 'stores' | 'users' | 'terminals') =>
    (db.first(q.selectFrom(table).select((eb) => eb.fn.max('seq').as('seq')))?.seq ?? -1) + 1;
  // Hashed before the transaction: scrypt is slow, and holds no lock meanwhile.
  const users = await Promise.all(
    fleet.users.map(async (u, i) => {
      const salt = randomToken(12);
      return { u, id: randomId('usr'), salt, hash: await hasher.hash(salt, passwords[i]!) };
    }),
  );
  const storeIds = new Map(existing.stores);
  db.transaction(() => {
    if (db.first(q.selectFrom('meta').select('value').where('key', '=', 'scenario')) === undefined) {
      // A database that is not empty is never seeded over by a server start.
      insertRows(db, 'meta', [
        { key: 'scenario', value: 'empty' },
        { key: 'seed', value: 'provisioned' },
        { key: 'generated_at', value: String(now) },
        { key: 'clock_offset_ms', value: '0' },
      ]);
    }
    let seq = nextSeq('merchants');
    insertRows(
      db,
      'merchants',
      fleet.merchants.map((m) => ({
        id: m.mid,
        seq: seq++,
        name: m.name,
        phone: m.phone,
        payout_mode: m.payoutMode,
      })),
    );
    seq = nextSeq('stores');
    const stores: Database['stores'][] = fleet.stores.map((s) => {
      const id = randomId('st');
      storeIds.set(storeKey(s.mid, s.name), id);
      return {
        id,
        seq: seq++,
        merchant_id: s.mid,
        name: s.name,
        city: s.city,
        name_key: s.name.toLowerCase(),
        name_rank: 0,
      };
    });
    insertRows(db, 'stores', stores);
    seq = nextSeq('users');
    insertRows(
      db,
      'users',
      users.map(({ u, id, salt, hash }) => ({
        id,
        seq: seq++,
        username: u.username,
        username_key: u.username.toLowerCase(),
        name: u.name,
        role: u.role,
        password_salt: salt,
        password_hash: hash,
      })),
    );
    insertRows(
      db,
      'user_merchants',
      users.flatMap(({ u, id }) =>
        u.mids.map((merchant_id, position) => ({ user_id: id, merchant_id, position })),
      ),
    );
    seq = nextSeq('terminals');
    insertRows(
      db,
      'terminals',
      fleet.terminals.map((t) => ({
        tid: t.tid,
        seq: seq++,
        sn: t.sn,
        model: t.model,
        firmware: t.firmware,
        merchant_id: t.mid,
        store_id: storeIds.get(storeKey(t.mid, t.store))!,
        cutoff_minute: DEFAULT_CUTOFF_MINUTE,
        batch_base: 1,
        online: 0,
        last_seen_at: now,
        heartbeat_phase: 0,
        revision: 1,
        // The factory void password: no hash, as the seed writes it.
        password_state: 'default',
        password_salt: `${randomToken(8)}${t.tid}`,
        password_hash: null,
        password_changed_at: null,
        password_history_1: null,
        password_history_2: null,
        password_history_3: null,
        password_version: 0,
        password_temporary: null,
        failed_attempts: 0,
        locked_at: null,
        locked_until: null,
        sn_key: t.sn.toLowerCase(),
        password_set: 0,
        store_rank: 0,
        model_rank: 0,
        link: null,
      })),
    );
    // The new stores and models take their places in the fleet's sort order.
    rankFleet(db);
  });
  return {
    merchants: fleet.merchants.length,
    stores: fleet.stores.length,
    users: fleet.users.length,
    terminals: fleet.terminals.length,
  };
}

export function formatProblems(problems: readonly Problem[]): string[] {
  const lines = problems.slice(0, MAX_REPORTED).map((p) => `line ${p.line}: ${p.reason}`);
  if (problems.length > MAX_REPORTED) lines.push(`… and ${problems.length - MAX_REPORTED} more`);
  lines.push(`${problems.length} problem(s); nothing was imported`);
  return lines;
}
