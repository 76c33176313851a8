import { REMOTE_INSPECTION_CHECKLIST } from '@app/contracts-domain';
import { storedEvents } from './support/contract-steps';
import { createPgSchema, describeWithPostgres, eventsTableExists, type PgSchema } from './support/pg-schema';
import { exampleTerms, expectProblem, startTestApp, TEST_ADMIN_ACTOR, type TestApp } from './support/test-app';

// Hostile text in every free-text field of every command, through HTTP into a real PostgreSQL
// server, and back out unchanged through GET /contracts/{id} and GET /contracts/{id}/events.
// Values travel as bound parameters, so SQL in them is just text; this proves it end to end, along
// with quoting, escapes, CJK, astral-plane characters and the length limits the domain enforces.

const HOSTILE = {
  dropTable: `'); DROP TABLE event_store_events; --`,
  orTrue: `' OR '1'='1`,
  quotes: `"double" 'single' \`back\` ‘curly’ “curly” 「引号」 ''''`,
  backslashes: String.raw`C:\new\table \' \" \\ \u0041 \x00 \n $$`,
  chinese: '北京创联致信科技有限公司（甲方）：每逾期一天，按合同额的0.1%支付违约金',
  emoji: '🔧🚀 👨‍👩‍👧‍👦 🇨🇳 𠮷野家 é vs e\u0301 \u200b',
  placeholders: '$1 $2::text %s %d ${x} {{x}} :name ? \\N',
  markup: '</script><script>alert(1)</script> <b>&amp;</b> <!--',
  json: '{"type":"ContractTerminated","data":{"x":[1,2]}} ]}',
  whitespace: '  leading and trailing\t\r\n ',
  controls: 'nul:\u0000 bell:\u0007 esc:\u001b del:\u007f',
  loneSurrogates: 'high:\ud800 low:\udc00 reversed:\udc00\ud800',
} as const;

/** Domain limits on each command's text (libs/contracts-domain/src/decide: requireText), in UTF-16 code units. */
const LIMITS = { signatory: 200, invoiceNo: 100, reference: 200, description: 10_000, summary: 10_000, report: 100_000, reason: 2_000, topic: 500 };
/** Terms and checklist items have no limit of their own; only the 256 kB body limit bounds them. */
const LONG = 50_000;

const PARTY_FIELDS = ['name', 'taxId', 'bank', 'account', 'address', 'phone', 'representative'] as const;
const TERMS_FIELDS = ['contractNo', 'product', ...PARTY_FIELDS.flatMap((f) => [`customer.${f}`, `vendor.${f}`])];

/** Exactly `length` UTF-16 code units of SQL, quotes, backslashes, CJK and surrogate pairs. */
function longText(length: number): string {
  const pattern = `'); DROP TABLE event_store_events; -- " \\ ' 维保合同违约金 🔧𠮷 `;
  const text = pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length);
  return /[\ud800-\udbff]$/.test(text) ? `${text.slice(0, -1)}x` : text; // never cut a pair in half
}

const NOT_IN_INVOICE_NO = /[/\\\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The same text with what cannot travel in a URL path segment replaced, length kept. */
const pathSafe = (text: string) => text.replace(NOT_IN_INVOICE_NO, '_').replace(/^\s/, '_');

interface Texts {
  terms: Record<string, string>;
  signatory: { customer: string; vendor: string };
  invoiceNo: string;
  reference: string;
  description: string;
  summary: string;
  remoteChecklistExtra: string;
  onsiteChecklist: string[];
  remoteReport: string;
  onsiteReport: string;
  refusalReason: string;
  topic: string;
  terminationReason: string;
}

/** Every text field of one contract's life, each tagged with its name so a mix-up would show. */
function taggedTexts(payload: string, options: { urlSafe: boolean }): Texts {
  const tag = (field: string) => `${payload}·${field}`;
  return {
    terms: Object.fromEntries(TERMS_FIELDS.map((f) => [f, tag(f)])),
    signatory: { customer: tag('signatory.customer'), vendor: tag('signatory.vendor') },
    // The receipt is addressed at /invoices/{invoiceNo}/receipt, so the domain refuses invoice
    // numbers no URL path segment can carry (slashes, controls, lone surrogates, edge spaces).
    invoiceNo: options.urlSafe ? pathSafe(tag('invoiceNo')) : `${HOSTILE.dropTable}·invoiceNo?#%..`,
    reference: tag('reference'),
    description: tag('description'),
    summary: tag('summary'),
    remoteChecklistExtra: tag('checklist.remote'),
    onsiteChecklist: [tag('checklist.onsite.1'), tag('checklist.onsite.2'), payload],
    remoteReport: tag('report.remote'),
    onsiteReport: tag('report.onsite'),
    refusalReason: tag('refusal.reason'),
    topic: tag('topic'),
    terminationReason: tag('termination.reason'),
  };
}

function termsWith(texts: Record<string, string>): Record<string, unknown> {
  const terms = exampleTerms('basiccall-2021') as Record<string, Record<string, unknown>>;
  for (const [field, value] of Object.entries(texts)) {
    const [head, tail] = field.split('.');
    if (tail) terms[head][tail] = value;
    else (terms as Record<string, unknown>)[head] = value;
  }
  return terms;
}

const HEADERS = { 'X-Actor': `${HOSTILE.dropTable} actor`, 'X-Correlation-Id': `${HOSTILE.orTrue} -- \\ "c"` };

describeWithPostgres('hostile input on PostgreSQL (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema;
  let t: TestApp;
  let tablesAtStart: string[];
  const tables = async () =>
    (await schema.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename', [schema.name])).map((r) => r.tablename);

  beforeAll(async () => {
    schema = await createPgSchema(serverUrl, 'hostile');
    t = await startTestApp({ eventStoreUrl: schema.storeUrl });
    tablesAtStart = await tables();
  });
  afterAll(async () => {
    await t?.close();
    await schema?.drop();
  });

  /** POST with the hostile headers; when `over` is given, first the same body with that field one character too long. */
  async function post(path: string, body: Record<string, unknown>, status: number, over?: { field: string; id: string }) {
    if (over) {
      const before = await storedEvents(t, over.id);
      const tooLong = { ...body, [over.field]: `${body[over.field] as string}x` };
      expectProblem(await t.http().post(path).set(HEADERS).send(tooLong), 400, over.field);
      expect(await storedEvents(t, over.id)).toEqual(before);
    }
    const response = await t.http().post(path).set(HEADERS).send(body);
    if (response.status !== status) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as Record<string, unknown>;
  }

  /** The whole life of a BasicCall-like contract with these texts; `overLimits` also sends each limited text one character too long first. */
  async function liveWith(texts: Texts, overLimits = false): Promise<string> {
    t.clock.set('2021-01-10T09:00:00+08:00');
    const { id } = (await post('/contracts', termsWith(texts.terms), 201)) as { id: string };
    const over = (field: string) => (overLimits ? { field, id } : undefined);
    const c = `/contracts/${id}`;
    t.clock.set('2021-01-15T16:00:00+08:00');
    await post(`${c}/signatures`, { party: 'customer', signatory: texts.signatory.customer, signedAt: '2021-01-15T10:00:00+08:00' }, 201, over('signatory'));
    await post(`${c}/signatures`, { party: 'vendor', signatory: texts.signatory.vendor, signedAt: '2021-01-15T15:00:00+08:00' }, 201);
    t.clock.set('2021-01-16T11:00:00+08:00');
    await post(`${c}/invoices`, { invoiceNo: texts.invoiceNo, amount: '23000.00', issuedAt: '2021-01-16T10:00:00+08:00' }, 201, over('invoiceNo'));
    t.clock.set('2021-01-18T11:00:00+08:00');
    await post(`${c}/invoices/${encodeURIComponent(texts.invoiceNo)}/receipt`, { receivedAt: '2021-01-18T10:00:00+08:00' }, 201);
    t.clock.set('2021-01-20T11:00:00+08:00');
    await post(`${c}/payments`, { amount: '23000.00', receivedAt: '2021-01-20T10:00:00+08:00', reference: texts.reference }, 201, over('reference'));
    t.clock.set('2021-03-01T12:00:00+08:00');
    const fault = { priority: 'P2', reportedAt: '2021-03-01T10:00:00+08:00', description: texts.description };
    const { faultId } = (await post(`${c}/faults`, fault, 201, over('description'))) as { faultId: string };
    await post(`${c}/faults/${faultId}/resolution`, { resolvedAt: '2021-03-01T11:00:00+08:00', summary: texts.summary }, 201, over('summary'));
    t.clock.set('2021-04-03T12:00:00+08:00');
    const remote = { kind: 'remote', performedAt: '2021-04-01T10:00:00+08:00', checklist: [...REMOTE_INSPECTION_CHECKLIST, texts.remoteChecklistExtra], report: texts.remoteReport };
    await post(`${c}/inspections`, remote, 201, over('report'));
    await post(`${c}/inspections`, { kind: 'onsite', performedAt: '2021-04-01T11:00:00+08:00', checklist: texts.onsiteChecklist, report: texts.onsiteReport }, 201);
    await post(`${c}/inspections/refusals`, { kind: 'remote', refusedAt: '2021-04-02T10:00:00+08:00', reason: texts.refusalReason }, 201, over('reason'));
    await post(`${c}/trainings`, { deliveredAt: '2021-04-03T10:00:00+08:00', topic: texts.topic }, 201, over('topic'));
    t.clock.set('2021-05-01T12:00:00+08:00');
    await post(`${c}/termination`, { reason: texts.terminationReason, agreedAt: '2021-05-01T10:00:00+08:00' }, 201, over('reason'));
    return id;
  }

  /** Every text comes back exactly as sent, from the view and from the stored events. */
  async function expectReadBack(id: string, texts: Texts): Promise<void> {
    const terms = termsWith(texts.terms);
    const sentTerms = { contractNo: terms.contractNo, product: terms.product, customer: terms.customer, vendor: terms.vendor };
    const view = (await t.http().get(`/contracts/${id}`).expect(200)).body as Record<string, unknown>;
    expect(view).toMatchObject({
      contractNo: texts.terms.contractNo,
      product: texts.terms.product,
      parties: { customer: texts.terms['customer.name'], vendor: texts.terms['vendor.name'] },
      terms: sentTerms,
      signatures: { customer: { signatory: texts.signatory.customer }, vendor: { signatory: texts.signatory.vendor } },
      termination: { by: 'mutual-agreement', reason: texts.terminationReason },
    });

    const events = await storedEvents(t, id);
    const data = (type: string) => events.filter((e) => e.type === type).map((e) => e.data);
    expect(data('ContractDrafted')[0].terms).toMatchObject(sentTerms);
    expect(data('ContractSigned').map((d) => [d.party, d.signatory])).toEqual([
      ['customer', texts.signatory.customer],
      ['vendor', texts.signatory.vendor],
    ]);
    expect(data('InvoiceIssued').map((d) => d.invoiceNo)).toEqual([texts.invoiceNo]);
    expect(data('InvoiceReceived').map((d) => d.invoiceNo)).toEqual([texts.invoiceNo]);
    expect(data('PaymentReceived').map((d) => d.reference)).toEqual([texts.reference]);
    expect(data('FaultReported').map((d) => d.description)).toEqual([texts.description]);
    expect(data('FaultResolved').map((d) => d.summary)).toEqual([texts.summary]);
    expect(data('InspectionPerformed').map((d) => [d.checklist, d.report])).toEqual([
      [[...REMOTE_INSPECTION_CHECKLIST, texts.remoteChecklistExtra], texts.remoteReport],
      [texts.onsiteChecklist, texts.onsiteReport],
    ]);
    expect(data('InspectionDeclinedByCustomer').map((d) => d.reason)).toEqual([texts.refusalReason]);
    expect(data('TrainingDelivered').map((d) => d.topic)).toEqual([texts.topic]);
    expect(data('ContractTerminated').map((d) => d.reason)).toEqual([texts.terminationReason]);
    for (const e of events) expect(e.metadata).toMatchObject({ actor: `${TEST_ADMIN_ACTOR} for ${HEADERS['X-Actor']}`, correlationId: HEADERS['X-Correlation-Id'] });
  }

  it.each(Object.entries(HOSTILE))('stores and returns %s text in every field unchanged', async (name, payload) => {
    const texts = taggedTexts(payload, { urlSafe: name !== 'loneSurrogates' });
    const id = await liveWith(texts);
    await expectReadBack(id, texts);
    expect(await eventsTableExists(schema)).toBe(true);
  });

  it('takes each command text up to its limit, refuses one character more and records nothing for it', async () => {
    const texts: Texts = {
      terms: Object.fromEntries(TERMS_FIELDS.map((f) => [f, `${HOSTILE.dropTable} ${f}`])),
      signatory: { customer: longText(LIMITS.signatory), vendor: longText(LIMITS.signatory - 1) },
      invoiceNo: pathSafe(longText(LIMITS.invoiceNo)),
      reference: longText(LIMITS.reference),
      description: longText(LIMITS.description),
      summary: longText(LIMITS.summary),
      remoteChecklistExtra: longText(LONG),
      onsiteChecklist: [longText(LONG - 1)],
      remoteReport: longText(LIMITS.report),
      onsiteReport: longText(LONG),
      refusalReason: longText(LIMITS.reason),
      topic: longText(LIMITS.topic),
      terminationReason: `${longText(LIMITS.reason - 1)}.`,
    };
    const id = await liveWith(texts, true);
    await expectReadBack(id, texts);
  });

  it.each(TERMS_FIELDS)('drafts a contract whose %s is 50 000 characters, and gives it back whole', async (field) => {
    const texts = Object.fromEntries(TERMS_FIELDS.map((f) => [f, f === field ? longText(LONG) : `${HOSTILE.orTrue} ${f}`]));
    t.clock.set('2021-01-10T09:00:00+08:00');
    const { id } = (await post('/contracts', termsWith(texts), 201)) as { id: string };
    const [drafted] = await storedEvents(t, id);
    const sent = termsWith(texts);
    expect(drafted.data.terms).toMatchObject({ contractNo: sent.contractNo, product: sent.product, customer: sent.customer, vendor: sent.vendor });
    const view = (await t.http().get(`/contracts/${id}`).expect(200)).body as { terms: Record<string, unknown> };
    expect(view.terms).toEqual(drafted.data.terms);
  });

  it('refuses a body over 256 kB with 413 and stores nothing', async () => {
    const [{ n: before }] = await schema.query<{ n: string }>('SELECT count(*) AS n FROM event_store_events');
    const response = await t.http().post('/contracts').send(termsWith({ contractNo: longText(300_000) }));
    expectProblem(response, 413);
    const [{ n: after }] = await schema.query<{ n: string }>('SELECT count(*) AS n FROM event_store_events');
    expect(after).toBe(before);
  });

  it('leaves the schema with the tables the service made at start, every event readable through the API', async () => {
    expect(tablesAtStart).toContain('event_store_events');
    expect(await tables()).toEqual(tablesAtStart);
    const streams = await schema.query<{ stream_id: string }>('SELECT DISTINCT stream_id FROM event_store_events');
    let viaApi = 0;
    for (const { stream_id } of streams) viaApi += (await storedEvents(t, stream_id.slice('contract-'.length))).length;
    const [{ n }] = await schema.query<{ n: string }>('SELECT count(*) AS n FROM event_store_events');
    expect(viaApi).toBe(Number(n));
    expect(streams.length).toBe(Object.keys(HOSTILE).length + 1 + TERMS_FIELDS.length);
  });
});
