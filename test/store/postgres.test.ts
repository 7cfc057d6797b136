import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres';
import type { Store } from '../../server/store/store';
import { describeAccountConformance } from './accounts-conformance';
import { describeAuditConformance } from './audit-conformance';
import { describeStoreConformance } from './conformance';
import { describeDataControlConformance } from './data-control-conformance';
import { describeInsightConformance } from './insights-conformance';
import { describeReviewConformance } from './review-conformance';

// The machine's PostgreSQL (CI has it too). Each store gets a schema of its own, dropped afterwards.
const connectionString = process.env.SNAG_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Pool({ connectionString, max: 1 });
const schemas: string[] = [];

beforeAll(async () => {
  try {
    await admin.query('select 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${connectionString} (${String(error)}); start it or set SNAG_TEST_DATABASE_URL`,
    );
  }
});

afterAll(async () => {
  for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
});

async function openFresh(): Promise<Store> {
  const schema = `snag_test_${crypto.randomUUID().replaceAll('-', '')}`;
  schemas.push(schema);
  return openPostgresStore({ connectionString, schema, maxConnections: 4 });
}

describeStoreConformance('PostgreSQL', openFresh);
describeAuditConformance('PostgreSQL', openFresh);
describeAccountConformance('PostgreSQL', openFresh);
describeReviewConformance('PostgreSQL', openFresh);
describeInsightConformance('PostgreSQL', openFresh);
describeDataControlConformance('PostgreSQL', openFresh);
