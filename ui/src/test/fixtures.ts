// Values shaped exactly like the backend's answers (the generated types guarantee it).
import type { OverviewDto } from '../lib/ipc/bindings/OverviewDto';
import type { SessionDto } from '../lib/ipc/bindings/SessionDto';
import type { StartupDto } from '../lib/ipc/bindings/StartupDto';

export const ownerSession: SessionDto = {
  person_id: 1,
  name: 'Әсем Нұрланқызы',
  role: 'owner',
  idle_minutes: 5,
  pin_policy: 'everyone',
  may: ['signed_in', 'status', 'training', 'roster', 'fines', 'statements', 'bank_details', 'documents', 'branding', 'audit', 'shop', 'membership', 'sign', 'people', 'recovery'],
  language: 'kk',
};

export const startup: StartupDto = {
  language: 'kk',
  has_shop: true,
  has_people: true,
  session: ownerSession,
  data_dir: '/home/shop/.local/share/seller-desk',
  custody: 'keyring',
  sign_in_choices: [],
};

export function overview(): OverviewDto {
  return {
    today: '2026-11-25',
    seller: { legal_form: 'legal_entity', tax_id: { kind: 'bin', number: '180640000016' }, name: 'Dala LLP' },
    test_identifier: false,
    outlets: [
      {
        outlet: { id: 1, name: 'Abay', city: 'Almaty', address: 'Abay 150' },
        means: [{ id: 11, outlet_id: 1, kind: 'pos_terminal', identifier: 'POS 1', since: '2026-01-10', disconnected_on: null }],
      },
      { outlet: { id: 2, name: 'Esil', city: 'Astana', address: 'Mangilik El 24' }, means: [] },
    ],
    contracts: [{ id: 1, kind: 'bank', number: 'B-1', signed_on: '2026-01-05', state: 'active' }],
    web_presence: [],
    placements: [],
    ad_materials: [],
    exit: null,
    history: [
      { seq: 1, occurred_on: '2026-01-10', kind: { type: 'joined' }, note: '' },
      { seq: 2, occurred_on: '2026-11-20', kind: { type: 'measure_applied', measure: 'pos_qr_disconnected' }, note: 'notice 7' },
    ],
    status: {
      state: 'under_measure',
      since: '2026-11-20',
      because: [1, 2],
      measures: [{ measure: 'pos_qr_disconnected', since: '2026-11-20', seq: 2 }],
      announcement: null,
      exit_reason: null,
      next_actions: [
        { type: 'resolve_measure', measure: 'pos_qr_disconnected' },
        { type: 'equip_outlet', outlet_id: 2, outlet_name: 'Esil' },
      ],
    },
    fines: {
      open: { count: 3, charged: '130000.00', cancelled: '0.00', paid: '20000.00', offset: '0.00', balance: '110000.00' },
      overdue: { count: 1, charged: '50000.00', cancelled: '0.00', paid: '0.00', offset: '0.00', balance: '50000.00' },
      due_soon: { count: 1, charged: '30000.00', cancelled: '0.00', paid: '0.00', offset: '0.00', balance: '30000.00' },
      refusal_warning: { count: 2, first: '2026-02-01', last: '2026-10-01' },
      open_corrective_actions: [
        { id: 4, fine_id: 9, outlet_id: 2, opened_on: '2026-10-05', steps: '2.5.4', done_on: null, done_note: '' },
      ],
    },
  };
}

/** Lets pending promises (the backend's answers) settle and Svelte update the DOM. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
}

export function byTestId(root: ParentNode, id: string): HTMLElement {
  const el = root.querySelector<HTMLElement>(`[data-testid='${id}']`);
  if (!el) throw new Error(`no element with data-testid=${id}`);
  return el;
}

export function typeInto(input: HTMLElement, value: string) {
  (input as HTMLInputElement).value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
