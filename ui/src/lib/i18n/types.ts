// The shape every language must fill. Keys over generated unions (ErrorCode, State, Measure…)
// make a missing kk, ru or en text a type error, not a blank on screen.
import type { ExitSource } from '../ipc/bindings/ExitSource';
import type { MarkItem } from '../ipc/bindings/MarkItem';
import type { WebPresenceKind } from '../ipc/bindings/WebPresenceKind';
import type { ClubStop } from '../ipc/bindings/ClubStop';
import type { ContractKind } from '../ipc/bindings/ContractKind';
import type { ContractState } from '../ipc/bindings/ContractState';
import type { ErrorCode } from '../ipc/bindings/ErrorCode';
import type { EventKind } from '../ipc/bindings/EventKind';
import type { ExitReason } from '../ipc/bindings/ExitReason';
import type { FineState } from '../ipc/bindings/FineState';
import type { FineStateFilter } from '../ipc/bindings/FineStateFilter';
import type { PaymentKind } from '../ipc/bindings/PaymentKind';
import type { Violation } from '../ipc/bindings/Violation';
import type { LegalForm } from '../ipc/bindings/LegalForm';
import type { MeansKind } from '../ipc/bindings/MeansKind';
import type { Measure } from '../ipc/bindings/Measure';
import type { NextAction } from '../ipc/bindings/NextAction';
import type { CitedClause } from '../ipc/bindings/rulesText';
import type { State } from '../ipc/bindings/State';
import type { StatementFormat } from '../ipc/bindings/StatementFormat';
import type { SignLayout } from '../ipc/bindings/SignLayout';

/** Wording for a next action, with the names and dates already formatted for the language. */
export type NextActionText = {
  [K in NextAction['type']]: (a: Extract<NextAction, { type: K }>, f: Formatters) => string;
};

export interface Formatters {
  date: (iso: string) => string;
  measure: (m: Measure) => string;
  stop: (s: ClubStop) => string;
  reason: (r: ExitReason) => string;
  contract: (k: ContractKind) => string;
  money: (amount: string) => string;
}

export interface Messages {
  languageName: string;
  common: {
    dateRequired: string;
    fixMarked: string;
    language: string;
    loading: string;
    cancel: string;
    back: string;
    save: string;
    retry: string;
    date: string;
    dateFormat: string;
    datePlaceholder: string;
    dateTooLate: (date: string) => string;
    dateTooEarly: (date: string) => string;
    note: string;
    dataFolder: (dir: string) => string;
  };
  startupError: { title: string; keptSafe: string };
  welcome: { title: string; lead: string; create: string; demo: string; demoHint: string };
  onboarding: {
    title: string;
    lead: string;
    legalForm: string;
    taxId: { individual_entrepreneur: string; legal_entity: string };
    taxIdValid: string;
    taxIdTest: string;
    name: string;
    namePlaceholder: string;
    outletSection: string;
    outletName: string;
    city: string;
    address: string;
    joinedOn: string;
    submit: string;
  };
  legalForm: Record<LegalForm, string>;
  state: Record<State, string>;
  stateHint: Record<State, string>;
  measure: Record<Measure, string>;
  clubStop: Record<ClubStop, string>;
  exitReason: Record<ExitReason, string>;
  eventKind: Record<EventKind['type'], string>;
  contractKind: Record<ContractKind, string>;
  contractState: Record<ContractState, string>;
  meansKind: Record<MeansKind, string>;
  nextAction: NextActionText;
  /** One line in plain words for each clause the window cites. */
  clauseHelp: Record<CitedClause, string>;
  clause: { title: (n: string) => string; summary: string; original: string; close: string };
  status: {
    now: string;
    title: string;
    since: (date: string) => string;
    why: string;
    next: string;
    nothingToDo: string;
    announcement: (stop: string, date: string) => string;
    history: string;
    historyEmpty: string;
    outlets: string;
    addOutlet: string;
    contracts: string;
    contractsEmpty: string;
    web: string;
    number: string;
    signedOn: string;
    stateLabel: string;
  };
  means: {
    none: string;
    active: string;
    disconnectedSince: (date: string) => string;
    connectedSince: (date: string) => string;
    disconnect: string;
    disconnectOn: string;
    confirm: string;
    add: string;
    kind: string;
    identifier: string;
    since: string;
  };
  recordEvent: {
    confirm: (kind: string) => string;
    open: string;
    title: string;
    kind: string;
    measure: string;
    stop: string;
    effective: string;
    reason: string;
    contract: string;
    submit: string;
  };
  addContract: { open: string; title: string; kind: string; number: string; signedOn: string; state: string };
  nav: { status: string; fines: string; statements: string; documents: string; branding: string; testIdentifier: string; testIdentifierTitle: string };
  violation: Record<Violation, string>;
  fineState: Record<FineState, string>;
  stateFilter: Record<FineStateFilter, string>;
  paymentKind: Record<PaymentKind, string>;
  fines: {
    search: string;
    searchPlaceholder: string;
    sortHint: string;
    title: string;
    record: string;
    noticeNumber: string;
    noticeDate: string;
    factDate: string;
    outlet: string;
    violation: string;
    clause: string;
    amount: string;
    dueDate: string;
    notes: string;
    state: string;
    cancelled: string;
    charged: string;
    paid: string;
    offset: string;
    balance: string;
    count: (n: number) => string;
    empty: string;
    overdueMark: string;
    mismatch: (difference: string, agreed: string) => string;
    mismatchShort: string;
    next: string;
    prev: string;
    from: string;
    to: string;
    allOutlets: string;
    allViolations: string;
    backToList: string;
    importCsv: string;
    imported: (n: number) => string;
    importRejected: (rows: number) => string;
    importLine: (line: number) => string;
  };
  fineDetail: {
    timeline: string;
    noticeReceived: string;
    dispute: string;
    grounds: string;
    deadline: string;
    disputeSubmit: string;
    outcome: string;
    won: string;
    lost: string;
    pay: string;
    kind: string;
    reference: string;
    paySubmit: string;
    correct: string;
    correctLead: string;
    correctedOn: string;
    reason: string;
    voidPayment: string;
    voidLead: string;
    voidedMark: string;
    recordRight: string;
    confirmCorrect: (before: string, after: string) => string;
    confirmVoid: (amount: string) => string;
    confirmVoidAndRight: (amount: string, right: string) => string;
    event: {
      disputed: (deadline: string) => string;
      dispute_rejected: string;
      cancelled: string;
      paid: (amount: string, kind: string, reference: string) => string;
      payment_voided: (amount: string, kind: string, reason: string) => string;
      corrected: (before: string, after: string, dueBefore: string, dueAfter: string, reason: string) => string;
    };
    corrective: string;
    correctiveDone: (date: string) => string;
    markDone: string;
    doneNote: string;
    files: string;
    fileRole: Record<'letter' | 'notice' | 'evidence', string>;
    saveAs: string;
    saved: (path: string) => string;
    letterLang: string;
    attachNotice: string;
    attachEvidence: string;
  };
  statements: {
    title: string;
    lead: string;
    from: string;
    to: string;
    outlet: string;
    allOutlets: string;
    format: string;
    language: string;
    formats: Record<StatementFormat, string>;
    periods: Record<'thisMonth' | 'lastMonth' | 'thisQuarter' | 'lastQuarter' | 'thisYear', string>;
    opening: string;
    charged: string;
    cancelled: string;
    paid: string;
    offset: string;
    closing: string;
    disputed: string;
    entries: (n: number) => string;
    transfers: (n: number) => string;
    saveAs: string;
    saving: string;
    progress: (done: number, total: number) => string;
    saved: (path: string) => string;
    oneCNeeds: string;
  };
  bank: {
    title: string;
    lead: string;
    account: string;
    payee: string;
    iik: string;
    bic: string;
    bankName: string;
    payeeName: string;
    payeeTaxId: string;
    kbe: string;
    knp: string;
    edit: string;
    notEntered: string;
  };
  sign: {
    sign: string;
    title: string;
    chooseKey: string;
    keyChosen: (path: string) => string;
    password: string;
    remember: string;
    remembered: string;
    forget: string;
    passwordNote: string;
    showKey: string;
    confirm: string;
    holder: string;
    iin: string;
    bin: string;
    organisation: string;
    role: string;
    purpose: string;
    issuer: string;
    validUntil: string;
    layout: Record<SignLayout, string>;
    roles: Record<
      'individual' | 'head' | 'signing_right' | 'employee' | 'treasury_client' | 'information_system' | 'other',
      string
    >;
    purposes: Record<'sign' | 'auth', string>;
    algorithm: string;
    algorithms: Record<'rsa' | 'gost2015' | 'gost2004' | 'other', string>;
    outcomes: Record<
      | 'valid'
      | 'tampered'
      | 'broken_signature'
      | 'untrusted_chain'
      | 'expired'
      | 'revoked'
      | 'wrong_purpose'
      | 'not_supported_yet',
      string
    >;
    signedBy: (holder: string, id: string) => string;
    saveSigned: string;
    saved: (path: string) => string;
  };
  documents: {
    title: string;
    empty: string;
    unsigned: string;
    trust: string;
    trustLead: string;
    testMode: string;
    testModeOn: string;
    addRoot: string;
    addReceived: string;
    updateCrls: string;
    crlUpdated: (kept: number, unreachable: number) => string;
    addIntermediate: string;
    addCrl: string;
    needed: (names: string) => string;
    noCerts: string;
    roles: Record<'root' | 'intermediate', string>;
  };
  schedule: { title: string; add: string; effectiveFrom: string; empty: string };
  finesCard: {
    title: string;
    open: string;
    overdue: string;
    dueSoon: string;
    warning: (count: number, first: string, last: string) => string;
    corrective: string;
    none: string;
    step: string;
    addStep: string;
  };
  branding: {
    title: string;
    lead: string;
    item: string;
    items: Record<MarkItem, string>;
    outlet: string;
    allOutlets: string;
    noOutlet: string;
    language: string;
    format: string;
    formats: Record<'svg' | 'png1' | 'png2', string>;
    save: string;
    open: string;
    saved: (path: string) => string;
    opened: (path: string) => string;
    register: string;
    registerLead: string;
    spotColumn: string;
    photoColumn: string;
    spot: string;
    placedOn: string;
    placedBy: string;
    withPhoto: string;
    photo: string;
    add: string;
    empty: string;
    online: string;
    webKinds: Record<WebPresenceKind, string>;
    url: string;
    addWeb: string;
    noWeb: string;
    ads: string;
    adDescription: string;
    since: string;
    addAd: string;
    noAds: string;
  };
  kit: {
    title: string;
    lead: string;
    url: string;
    update: string;
    installed: (version: string, files: number) => string;
    none: string;
    officialMark: string;
    ownMark: string;
    unchanged: (version: string) => string;
    updated: (version: string, files: number) => string;
  };
  exit: {
    confirmStart: (deadline: string) => string;
    confirmComplete: string;
    title: string;
    lead: string;
    start: string;
    reason: string;
    startedOn: string;
    deadline: string;
    submit: string;
    progress: (done: number, total: number) => string;
    due: (date: string, days: number) => string;
    overdue: (date: string, days: number) => string;
    sources: Record<ExitSource, string>;
    done: (date: string, by: string) => string;
    markDone: string;
    doneOn: string;
    doneBy: string;
    evidence: string;
    withPhoto: string;
    photo: string;
    checkSite: string;
    checking: string;
    clean: (pages: number) => string;
    findings: (count: number, pages: number) => string;
    places: Record<string, string>;
    complete: string;
    completed: string;
    signStatement: string;
  };
  errors: Record<ErrorCode, string>;
}
