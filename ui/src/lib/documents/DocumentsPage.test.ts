import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, overview, settle, startup, typeInto } from '../../test/fixtures';
import { i18n } from '../i18n/index.svelte';
import { MemoryBackend } from '../ipc/memory';
import DocumentsPage from './DocumentsPage.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

const received = {
  id: 4,
  title: 'notice.pdf',
  kind: 'received_notice',
  file_name: 'notice.pdf',
  sha256: 'ab'.repeat(32),
  size: 7,
  added_on: '2026-11-29',
  version_of: null,
  signatures: [
    {
      id: 9,
      attached: false,
      signer: 'ТЕСТОВ ТЕСТ',
      iin: '123456789011',
      bin: null,
      signing_time: '2022-09-27T21:29:41+00:00',
      outcome: 'revocation_not_checked',
      added_on: '2026-11-29',
      algorithm: 'gost2015',
      recorded_by: 'Әсем Нұрланқызы',
      detail: null,
      revocation: {
        method: 'not_checked',
        source: 'ТЕСТОВ ТЕСТ',
        issued: null,
        next_update: '2022-09-25T04:18:29+00:00',
        delta: null,
        reason: 'stale',
      },
      timestamp: { time: '2026-11-29T10:15:00+00:00', tsa: 'TSA LOCAL TEST' },
    },
  ],
};

describe('the documents page', () => {
  it('adds a received signed document and shows its signer, algorithm and verdict', async () => {
    const b = new MemoryBackend(startup, overview());
    b.received = received;
    component = mount(DocumentsPage, { target: document.body, props: { backend: b } });
    await settle();
    flushSync();
    byTestId(document.body, 'documents-empty');
    byTestId(document.body, 'add-received').click();
    await settle();
    flushSync();
    const sig = byTestId(document.body, 'document-signature');
    expect(sig.dataset.algorithm).toBe('gost2015');
    expect(sig.textContent).toContain('ГОСТ 34.10-2015 (512 бит)');
    expect(sig.textContent).toContain('123456789011');
    expect(b.calls.map((c) => c.name)).toContain('addReceivedDocument');
    // Revocation not checked is said, with the stale CRL's date and what to do; the timestamp too.
    const revocation = byTestId(document.body, 'signature-revocation');
    expect(revocation.dataset.reason).toBe('stale');
    expect(sig.dataset.outcome).toBe('revocation_not_checked');
    expect(sig.textContent).toContain('Жарамды, бірақ кері қайтарылуы тексерілмеген');
    expect(revocation.textContent).toContain('Кері қайтарылуы тексерілмеген: ТЕСТОВ ТЕСТ үшін CRL ескірген');
    expect(revocation.textContent).toContain('Интернетке қосылып');
    expect(byTestId(document.body, 'signature-timestamp').textContent).toContain('TSA LOCAL TEST');

    // The received PDF prints from the archive; a refusal comes in the window's language.
    b.printed = { code: 'print.failed', message: 'the printer "lp" refused the job' };
    byTestId(document.body, 'print-document').click();
    await settle();
    flushSync();
    expect(b.calls.find((c) => c.name === 'printDocument')?.input).toEqual({
      request: { kind: 'document', document_id: 4 },
      title: 'Басып шығару: notice.pdf',
    });
    expect(byTestId(document.body, 'print-document-error').textContent).toContain('Құжат басылмады');
  });

  it('says in the chosen language why a file is not a signature', async () => {
    i18n.lang = 'ru';
    const b = new MemoryBackend(startup, overview());
    b.received = { code: 'eds.not_a_signature', message: 'the file is not a CMS signature' };
    component = mount(DocumentsPage, { target: document.body, props: { backend: b } });
    await settle();
    byTestId(document.body, 'add-received').click();
    await settle();
    flushSync();
    expect(byTestId(document.body, 'received-error').textContent).toBe('Этот файл — не электронная подпись (.cms, .p7s, .sig).');
  });

  it('updates the CRLs and says, offline, that the ones kept before still count', async () => {
    i18n.lang = 'en';
    const b = new MemoryBackend(startup, overview());
    b.crlUpdate = {
      kept: 1,
      unreachable: 1,
      results: [
        { url: 'http://crl.pki.gov.kz/nca_gost_2022.crl', issuer: 'NCA', problem: null, detail: null },
        { url: 'http://crl.root.gov.kz/root_gost_2022.crl', issuer: null, problem: 'unreachable', detail: 'timeout' },
        { url: 'http://crl.example/forged.crl', issuer: null, problem: 'crl_forged', detail: 'signature' },
      ],
      ocsp: [
        { holder: 'ТЕСТОВ ТЕСТ', url: 'http://ocsp.pki.gov.kz', status: 'good', problem: null, detail: null },
        { holder: 'ОТОЗВАН', url: 'http://ocsp.pki.gov.kz', status: null, problem: 'unreachable', detail: 'x' },
      ],
    };
    component = mount(DocumentsPage, { target: document.body, props: { backend: b } });
    await settle();
    flushSync();
    byTestId(document.body, 'update-crls').click();
    await settle();
    flushSync();
    const report = byTestId(document.body, 'crl-update');
    expect(report.dataset.unreachable).toBe('1');
    expect(report.textContent).toContain('CRLs downloaded now: 1. Addresses not reached: 1 (offline? the CRLs kept before still count).');
    expect(byTestId(document.body, 'crl-refused').textContent).toContain('altered or forged on the way');
    expect(byTestId(document.body, 'ocsp-update').textContent).toContain('1 not revoked, 0 revoked, 0 unknown to the responder; 1 not received');
    expect(b.calls.filter((c) => c.name === 'listDocuments').length).toBe(2);
  });

  it('saves the timestamp settings and refuses an address that is not http(s), in Russian', async () => {
    i18n.lang = 'ru';
    const b = new MemoryBackend(startup, overview());
    component = mount(DocumentsPage, { target: document.body, props: { backend: b } });
    await settle();
    flushSync();
    const url = byTestId(document.body, 'tsa-url') as HTMLInputElement;
    expect(url.value).toBe('http://tsp.pki.gov.kz:80');
    byTestId(document.body, 'timestamps-on').click();
    typeInto(url, 'http://127.0.0.1:8080/tsa');
    byTestId(document.body, 'save-tsa').click();
    await settle();
    flushSync();
    expect(b.calls.find((c) => c.name === 'setTimestamps')?.input).toEqual({ on: false, url: 'http://127.0.0.1:8080/tsa' });
    expect(byTestId(document.body, 'tsa-saved').textContent).toContain('Сохранено: метки времени выключены.');
    b.trust = { code: 'tsa.address_invalid', message: 'not an http(s) address' };
    typeInto(url, 'tsp.pki.gov.kz');
    byTestId(document.body, 'save-tsa').click();
    await settle();
    flushSync();
    expect(byTestId(document.body, 'tsa-error').textContent).toBe('Введите адрес службы меток времени в виде http://… или https://…');
  });

  it('lists the CRLs kept, a stale one marked, and a signature without a timestamp says so', async () => {
    i18n.lang = 'ru';
    const b = new MemoryBackend(startup, overview());
    b.documentList = [{ ...received, signatures: received.signatures.map((x) => ({ ...x, timestamp: null })) }];
    b.trust = {
      test_mode: true,
      certs: [],
      needed: [],
      timestamps: { on: true, url: 'http://tsp.pki.gov.kz:80' },
      crls: [
        { issuer: 'NCA TEST', this_update: '2026-11-30', next_update: '2026-12-07', delta: false, current: true, revoked: 3 },
        { issuer: 'ROOT TEST', this_update: '2022-09-18', next_update: '2022-09-25', delta: false, current: false, revoked: 0 },
      ],
    };
    component = mount(DocumentsPage, { target: document.body, props: { backend: b } });
    await settle();
    flushSync();
    const crls = Array.from(document.querySelectorAll<HTMLElement>("[data-testid='trust-crl']"));
    expect(crls.length).toBe(2);
    expect(crls[0]?.textContent).toContain('CRL: NCA TEST, от 30.11.2026, следующее обновление 07.12.2026, отозвано: 3');
    expect(crls[1]?.dataset.current).toBe('false');
    expect(crls[1]?.textContent).toContain('устарел');
    expect(byTestId(document.body, 'signature-no-timestamp').textContent).toContain('Без метки времени');
  });
});
