// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fastHasher } from '@acquirer/hash';
import { TerminalPage } from '@contract/schemas/terminals';
import { backendAt, testServerConfig } from '../../tests/contract/backends';
import { ApiUser } from '../../tests/contract/client';
import { createLogger } from '../logger';
import { type RunningServer, startServer } from '../server';
import { migrate, openDb } from './database';
import { passwordsFromTty } from './passwords';
import { existingIn, passwordProblem, validateFleet, writeFleet } from './provision';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'provision-test-secret-0123456789abcdef';
const OWNER_PASSWORD = 'Xq7!westlake-owner';
const CASHIER_PASSWORD = 'Pz4#xuhui-cashier';
const SUPPORT_PASSWORD = 'Mv9$support-desk';
const PASSWORDS = [OWNER_PASSWORD, CASHIER_PASSWORD, SUPPORT_PASSWORD];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'acquirer-provision-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const FW = '\u3000'; // full-width space
// BOM, CRLF, Chinese names, full-width digits and spaces in IDs and phones, quoted fields with a comma and quotes.
const GOOD = `\uFEFF${[
  'kind,mid,name,phone,payout_mode,store,city,username,role,tid,sn,model,firmware',
  `merchant,${FW}８９８３３０１５８１２０００１${FW},杭州悦来便利店,１３８ ０００１ ２３４５,T1,,,,,,,,`,
  'merchant,898330158120002,"上海""好邻居""超市, 徐汇",021-64001234,d0,,,,,,,,',
  'store,898330158120001,,,,"西湖店, 一楼",杭州,,,,,,',
  'store,898330158120002,,,,徐汇店,上海,,,,,,',
  'user,898330158120001,王建国,,,,, wang.owner ,owner,,,,',
  'user,898330158120002;898330158120001,李娜,,,,,li.cashier,cashier,,,,',
  'user,,支持小张,,,,,zhang.support,Support,,,,',
  `terminal,898330158120001,,,,"西湖店, 一楼",,,,１２３４５６７８,SN-A0001,N910,1.2.3`,
  'terminal,898330158120001,,,,"西湖店, 一楼",,,,12345679,SN-A0002,N910,1.2.3',
  'terminal,898330158120002,,,,徐汇店,,,,22345678,SN-B0001,A8,2.0.1',
].join('\r\n')}\r\n`;

function provision(csv: string, dbPath: string, stdin: string) {
  const file = path.join(dir, `fleet-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, csv);
  const argv = ['--import', 'tsx', 'server/db/cli.ts', 'provision', '--file', file, '--db', dbPath];
  const run = spawnSync(process.execPath, argv, {
    cwd: ROOT,
    env: { ...process.env, SERVER_SECRET: SECRET, SCRYPT_COST: '10' },
    input: stdin,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { ...run, argv };
}

function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const TABLES = ['merchants', 'stores', 'users', 'user_merchants', 'terminals', 'meta'];
const counts = (file: string) =>
  Object.fromEntries(
    TABLES.map((t) => [t, query<{ n: number }>(file, `SELECT count(*) AS n FROM ${t}`)[0]!.n]),
  );

describe('npm run db:provision', () => {
  it('loads a good file: the owner signs in with the password from stdin and sees exactly their terminals, all on the factory password', async () => {
    const dbPath = path.join(dir, 'good.db');
    const run = provision(GOOD, dbPath, `${PASSWORDS.join('\n')}\n`);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('added 2 merchants, 2 stores, 3 users, 3 terminals');

    expect(query(dbPath, 'SELECT id, name, phone, payout_mode FROM merchants ORDER BY seq')).toEqual([
      { id: '898330158120001', name: '杭州悦来便利店', phone: '13800012345', payout_mode: 'T1' },
      { id: '898330158120002', name: '上海"好邻居"超市, 徐汇', phone: '02164001234', payout_mode: 'D0' },
    ]);
    expect(query(dbPath, 'SELECT merchant_id, name, city FROM stores ORDER BY seq')).toEqual([
      { merchant_id: '898330158120001', name: '西湖店, 一楼', city: '杭州' },
      { merchant_id: '898330158120002', name: '徐汇店', city: '上海' },
    ]);
    expect(
      query(
        dbPath,
        `SELECT u.username, u.role, (SELECT group_concat(merchant_id, ';') FROM
           (SELECT merchant_id FROM user_merchants m WHERE m.user_id = u.id ORDER BY position)) AS mids
         FROM users u ORDER BY u.seq`,
      ),
    ).toEqual([
      { username: 'wang.owner', role: 'owner', mids: '898330158120001' },
      { username: 'li.cashier', role: 'cashier', mids: '898330158120002;898330158120001' },
      { username: 'zhang.support', role: 'support', mids: null },
    ]);

    // (b) One SELECT answers which terminals of a merchant are still on the factory password.
    expect(
      query(
        dbPath,
        'SELECT tid FROM terminals WHERE merchant_id = ? AND password_hash IS NULL ORDER BY tid',
        '898330158120001',
      ),
    ).toEqual([{ tid: '12345678' }, { tid: '12345679' }]);
    expect(query(dbPath, "SELECT count(*) AS n FROM terminals WHERE password_state <> 'default'")).toEqual([
      { n: 0 },
    ]);

    // (a) The server on that database: the owner's password is the one given on stdin.
    const server = await startServer(
      testServerConfig({ dbPath, secret: SECRET, scenario: 'demo' }),
      createLogger(() => {}, 'silent'),
    );
    running.push(server);
    const backend = backendAt(() => server.url);
    expect((await new ApiUser(backend).login('wang.owner', CASHIER_PASSWORD)).status).toBe(401);
    const owner = new ApiUser(backend);
    expect((await owner.login('Wang.Owner', OWNER_PASSWORD)).status).toBe(200);
    const answer = await owner.get('/terminals');
    expect(answer.status).toBe(200);
    const page = TerminalPage.parse(answer.body);
    expect(page.items.map((t) => t.tid).sort()).toEqual(['12345678', '12345679']);
    expect(page.items.every((t) => t.voidPassword?.state === 'default')).toBe(true);
    expect(
      page.items.every((t) => t.storeName === '西湖店, 一楼' && t.merchantName === '杭州悦来便利店'),
    ).toBe(true);
    expect((await new ApiUser(backend).login('zhang.support', SUPPORT_PASSWORD)).status).toBe(200);
    // The demo scenario configured was not seeded over the provisioned fleet.
    expect(server.acquirer.state.world.terminals.length).toBe(3);

    // Secrets: never in argv, stdout, stderr, nor in plain text in any table.
    for (const password of PASSWORDS) {
      expect(run.argv.join(' ')).not.toContain(password);
      expect(run.stdout).not.toContain(password);
      expect(run.stderr).not.toContain(password);
    }
    await server.close();
    running.splice(0);
    const tables = query<{ name: string }>(dbPath, "SELECT name FROM sqlite_master WHERE type = 'table'");
    expect(tables.length).toBeGreaterThan(10);
    for (const { name } of tables) {
      for (const row of query<Record<string, unknown>>(dbPath, `SELECT * FROM "${name}"`)) {
        for (const value of Object.values(row)) {
          for (const password of PASSWORDS) expect(String(value)).not.toContain(password);
        }
      }
    }
    expect(
      query<{ password_hash: string }>(dbPath, 'SELECT password_hash FROM users').every((u) =>
        u.password_hash.startsWith('scrypt$'),
      ),
    ).toBe(true);
  });

  it('refuses a bad file with every problem by line and reason, and leaves the database as it was', () => {
    const dbPath = path.join(dir, 'bad.db');
    expect(provision(GOOD, dbPath, `${PASSWORDS.join('\n')}\n`).status).toBe(0);
    const before = counts(dbPath);
    const bad = [
      'kind,mid,name,phone,payout_mode,store,city,username,role,tid,sn,model,firmware', // 1
      'merchant,898330158120001,重复的商户,13800000000,T1,,,,,,,,', // 2: already in the database
      'merchant,89833015812,短号商户,13800000000,T2,,,,,,,,', // 3: MID not 15 digits, payout
      'store,898330158129999,,,,"新店', // 4-5: a quoted field over two lines; unknown merchant
      '二楼",杭州,,,,,,',
      'user,898330158120001,张三,,,,,new.user,manager,,,,', // 6: unknown role
      'user,898330158120001,王五,,,,,WANG.OWNER,owner,,,,', // 7: username already in the database
      'terminal,898330158120001,,,,没有这家店,,,,3234567,SN-C0001,N910,1.0', // 8: tid, unknown store
      'terminal,898330158120002,,,,徐汇店,,,,42345678,SN-C0002,N910,1.0', // 9
      'terminal,898330158120002,,,,徐汇店,,,,42345678,SN-C0003,N910,1.0', // 10: tid twice in the file
      'gadget,,,,,,,,,,,,', // 11: unknown kind
    ].join('\n');
    const run = provision(bad, dbPath, `${PASSWORDS.join('\n')}\n`);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      'line 2: merchant 898330158120001 is already in the database',
      'line 3: mid "89833015812" is not 15 digits',
      'line 3: payout_mode "T2" is not T1 or D0',
      'line 4: store holds a control character or line break',
      'line 4: merchant 898330158129999 is neither in the file nor in the database',
      'line 6: role "manager" is not owner, cashier or support',
      'line 7: username "WANG.OWNER" is already in the database',
      'line 8: tid "3234567" is not 8 digits',
      'line 8: store "没有这家店" of merchant 898330158120001 is neither in the file nor in the database',
      'line 10: terminal 42345678 is already on line 9',
      'line 11: kind "gadget" is not merchant, store, user or terminal',
      '11 problem(s); nothing was imported',
    ]);
    expect(counts(dbPath)).toEqual(before);
  });

  it('refuses passwords that break the rules or are missing, naming the user and never the password', () => {
    const dbPath = path.join(dir, 'passwords.db');
    const weak = provision(GOOD, dbPath, `short1\n${CASHIER_PASSWORD}\nzhang.support-2026\n`);
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('line 6: the password for "wang.owner" is shorter than 10 characters');
    expect(weak.stderr).toContain('line 8: the password for "zhang.support" contains the username');
    expect(weak.stderr).not.toContain('short1');
    expect(weak.stderr).not.toContain(CASHIER_PASSWORD);
    expect(weak.stdout).toBe('');
    const missing = provision(GOOD, dbPath, `${OWNER_PASSWORD}\n`);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('stdin holds 1 password line(s) for 3 user(s); nothing was imported');
    // Checked before anything was written: the database holds no row of the fleet.
    expect(counts(dbPath)).toEqual({
      merchants: 0,
      stores: 0,
      users: 0,
      user_merchants: 0,
      terminals: 0,
      meta: 0,
    });
  });

  it('leaves nothing when the write fails halfway through its transaction', async () => {
    const db = openDb(path.join(dir, 'halfway.db'));
    await migrate(db);
    const existing = existingIn(db);
    const { fleet, problems } = validateFleet(GOOD, existing);
    expect(problems).toEqual([]);
    // A terminal whose store vanished after the check: its row fails after merchants, stores and users went in.
    fleet.terminals[2]!.store = 'gone';
    await expect(writeFleet(db, fleet, PASSWORDS, fastHasher, Date.now(), existing)).rejects.toThrow(
      /NOT NULL|FOREIGN KEY/,
    );
    for (const table of TABLES) {
      expect(db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
    await db.close();
  });
});

describe('the password prompt on a terminal', () => {
  it('asks twice without echo, asks again after a weak or mismatched password, and prints no password', async () => {
    const input = new PassThrough() as PassThrough & { setRawMode: (on: boolean) => void; isRaw: boolean };
    const raw: boolean[] = [];
    input.setRawMode = (on) => raw.push(on);
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
    const ask = passwordsFromTty(
      input as unknown as NodeJS.ReadStream,
      output as unknown as NodeJS.WriteStream,
    );
    const answers = [
      'tiny1\r',
      `${OWNER_PASSWORD}\r`,
      'something-else-1\r',
      `${OWNER_PASSWORD}x\u007f\r`,
      `${OWNER_PASSWORD}\r`,
    ];
    output.on('data', () => {
      // Each prompt ends without a line break; the next answer is typed then.
      if (/: $/.test(shown) && answers.length > 0) setImmediate(() => input.write(answers.shift()!));
    });
    const passwords = await ask([{ username: 'wang.owner', line: 6 }], passwordProblem);
    expect(passwords).toEqual([OWNER_PASSWORD]);
    expect(answers).toEqual([]);
    expect(shown).toContain('The password is shorter than 10 characters; try again.');
    expect(shown).toContain('The two do not match; try again.');
    expect(shown).not.toContain(OWNER_PASSWORD);
    expect(shown).not.toContain('tiny1');
    // Echo was off while each of the five answers was typed, and back on after.
    expect(raw).toEqual([true, false, true, false, true, false, true, false, true, false]);
  });
});
