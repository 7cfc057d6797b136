import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { captureInput } from '#shared/capture';
import { openSqliteStore } from './server/store/sqlite';
import { sampleCaptureInput } from './test/server/helpers';

const dir = mkdtempSync(join(tmpdir(), 'd1ins-'));
const store = await openSqliteStore(join(dir, 'snag.db'));
const user = await store.createUserWithToken({ name: 'A', role: 'admin', tokenHash: 'h', tokenName: 't' });
const N = Number(process.env.N ?? 3000);
const inputs = Array.from({ length: N }, () => captureInput.parse(sampleCaptureInput({ id: uuidv7(), comment: 'The pay button sits under the cookie banner and cannot be tapped. '.repeat(25), tags: ['checkout', 'mobile', 'payments'] })));
for (const mode of ['sequential', 'batched']) {
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  if (mode === 'sequential') {
    for (const input of inputs.slice(0, N / 2)) await store.createCapture({ input, inputHash: 'h', reporter: user, receivedAt: new Date().toISOString() });
  } else {
    const rest = inputs.slice(N / 2);
    for (let i = 0; i < rest.length; i += 10) await Promise.all(rest.slice(i, i + 10).map((input) => store.createCapture({ input, inputHash: 'h', reporter: user, receivedAt: new Date().toISOString() })));
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(mode, ((performance.now() - t) / (N / 2) * 1000).toFixed(0), 'µs/capture wall', ((cpu.user + cpu.system) / (N / 2)).toFixed(0), 'µs cpu');
}
await store.close();
