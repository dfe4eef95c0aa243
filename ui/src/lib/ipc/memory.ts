// An in-memory Backend for component tests: answers from the values a test gives it and records
// every call, so a test can check what the UI asked for.
import type { ApiError } from './bindings/ApiError';
import type { OverviewDto } from './bindings/OverviewDto';
import type { OpenedFileDto } from './bindings/OpenedFileDto';
import type { ReminderSettingsDto } from './bindings/ReminderSettingsDto';
import type { PrintOutcome } from './bindings/PrintOutcome';
import type { PrintRequest } from './bindings/PrintRequest';
import type { StartupDto } from './bindings/StartupDto';
import type { UnlockDto } from './bindings/UnlockDto';
import type { RecoveryStateDto } from './bindings/RecoveryStateDto';
import type { BackupSettingsDto } from './bindings/BackupSettingsDto';
import type { BackupDto } from './bindings/BackupDto';
import type { BackupFactsDto } from './bindings/BackupFactsDto';
import type { RestoreDto } from './bindings/RestoreDto';
import type { TaxId } from './bindings/TaxId';
import type { TaxIdAnswer } from './bindings/TaxIdAnswer';
import type { TaxIdCheckDto } from './bindings/TaxIdCheckDto';
import type { Backend } from './backend';
import type { FineDetailDto } from './bindings/FineDetailDto';
import type { FinePageDto } from './bindings/FinePageDto';
import type { FinesSummaryDto } from './bindings/FinesSummaryDto';
import type { ScheduleLineDto } from './bindings/ScheduleLineDto';
import type { TotalsDto } from './bindings/TotalsDto';
import type { ImportReport } from './bindings/ImportReport';
import type { BankDetailsDto } from './bindings/BankDetailsDto';
import type { StatementPreview } from './bindings/StatementPreview';
import type { StatementProgress } from './bindings/StatementProgress';
import type { StatementRequest } from './bindings/StatementRequest';
import type { CrlUpdateDto } from './bindings/CrlUpdateDto';
import type { KitProgress } from './bindings/KitProgress';
import type { KitStatusDto } from './bindings/KitStatusDto';
import type { KitUpdateDto } from './bindings/KitUpdateDto';
import type { DocumentDto } from './bindings/DocumentDto';
import type { SignedDto } from './bindings/SignedDto';
import type { SignerDto } from './bindings/SignerDto';
import type { TrustDto } from './bindings/TrustDto';
import type { PeopleDto } from './bindings/PeopleDto';
import type { PeopleSettingsDto } from './bindings/PeopleSettingsDto';
import type { PersonDto } from './bindings/PersonDto';
import type { SessionDto } from './bindings/SessionDto';
import type { SignInChoiceDto } from './bindings/SignInChoiceDto';
import type { FeedbackDto } from './bindings/FeedbackDto';
import type { LessonDto } from './bindings/LessonDto';
import type { MyTrainingDto } from './bindings/MyTrainingDto';
import type { QuizDto } from './bindings/QuizDto';
import type { QuizResultDto } from './bindings/QuizResultDto';
import type { RosterDto } from './bindings/RosterDto';
import type { AcknowledgementDto } from './bindings/AcknowledgementDto';
import type { ImportedDto } from './bindings/ImportedDto';
import type { RulesDiffDto } from './bindings/RulesDiffDto';
import type { RulesPageDto } from './bindings/RulesPageDto';
import type { VerifyDto } from './bindings/VerifyDto';

export interface Call {
  name: keyof Backend;
  input: unknown;
}

export class MemoryBackend implements Backend {
  calls: Call[] = [];

  /** What the fines calls answer; tests set them as they need. */
  finePage: FinePageDto | ApiError | null = null;
  fineDetail: FineDetailDto | ApiError | null = null;
  scheduleLines: ScheduleLineDto[] = [];

  constructor(
    public startup: StartupDto,
    public overview: OverviewDto | null,
    public taxId: (input: TaxIdCheckDto) => TaxId | ApiError = () => ({ code: 'internal', message: 'not set' }),
  ) {}

  /** The numbers this backend calls NCA test identifiers (the Rust side knows NCA's own). */
  testIdentifiers: string[] = [];

  private answer<T>(name: keyof Backend, input: unknown, value: T | ApiError | null): Promise<T> {
    this.calls.push({ name, input });
    if (value === null) return Promise.reject({ code: 'shop.missing', message: 'no shop' } satisfies ApiError);
    if (typeof value === 'object' && value !== null && 'code' in value) return Promise.reject(value);
    return Promise.resolve(value as T);
  }

  /** The unlock screen: what opening refuses with until the data is unlocked (a `vault.*`
   *  code), and what unlocking answers. */
  startupError: ApiError | null = null;
  unlockAnswer: StartupDto | ApiError | null = null;
  openDesk() {
    return this.answer('openDesk', null, this.startupError ?? this.startup);
  }
  unlockData(input: UnlockDto) {
    const answer = this.unlockAnswer ?? this.startup;
    if (!('code' in answer)) this.startupError = null;
    return this.answer('unlockData', input, answer);
  }
  /** The status page's data-protection card. */
  recovery: RecoveryStateDto = { custody: 'keyring', sheet_taken_on: null };
  recoveryState() {
    return this.answer('recoveryState', null, this.recovery);
  }
  /** Backups: the settings, what the pickers choose, what a backup holds. */
  backups: BackupSettingsDto = { folder: null, keep: 14, last_good: null, last_path: null, warn_days: 7, overdue: true };
  pickedFolder: string | null = '/media/shop/USB';
  backupAnswer: ApiError | null = null;
  pickedBackup: BackupFactsDto | null = null;
  restoreAnswer: ApiError | null = null;
  backupSettings() {
    return this.answer('backupSettings', null, this.backups);
  }
  chooseBackupFolder(title: string) {
    if (this.pickedFolder === null) {
      this.calls.push({ name: 'chooseBackupFolder', input: title });
      return Promise.resolve(null);
    }
    this.backups = { ...this.backups, folder: this.pickedFolder };
    return this.answer('chooseBackupFolder', title, this.backups as BackupSettingsDto | null);
  }
  setBackupNumbers(keep: number, warnDays: number) {
    if (keep < 1 || keep > 365 || warnDays < 1 || warnDays > 365) {
      return this.answer<BackupSettingsDto>('setBackupNumbers', { keep, warnDays }, { code: 'backup.keep_range', message: 'range' });
    }
    this.backups = { ...this.backups, keep, warn_days: warnDays };
    return this.answer('setBackupNumbers', { keep, warnDays }, this.backups);
  }
  private made(): BackupDto {
    const path = `${this.backups.folder}/seller-desk-180640000016-20261125-090000.sqlite3`;
    this.backups = { ...this.backups, last_good: '2026-11-25T09:00:00Z', last_path: path, overdue: false };
    return {
      made: { path, shop: '«Дала Сауда» ЖШС', tax_id: '180640000016', fines: 6, payments_and_events: 9, documents: 2, people: 3, last_change: '2026-11-25T08:59:00Z', schema_version: 15 },
      removed: [],
    };
  }
  backupNow() {
    if (this.backupAnswer) return this.answer<BackupDto>('backupNow', null, this.backupAnswer);
    if (!this.backups.folder) return this.answer<BackupDto>('backupNow', null, { code: 'backup.no_folder', message: 'no folder' });
    return this.answer<BackupDto>('backupNow', null, this.made());
  }
  backupIfDue() {
    if (!this.backups.folder || !this.backups.overdue) {
      this.calls.push({ name: 'backupIfDue', input: null });
      return Promise.resolve(null);
    }
    return this.answer('backupIfDue', null, this.made() as BackupDto | null);
  }
  chooseBackupToRestore(title: string) {
    this.calls.push({ name: 'chooseBackupToRestore', input: title });
    return Promise.resolve(this.pickedBackup);
  }
  restoreBackup(path: string) {
    if (this.restoreAnswer) return this.answer<RestoreDto>('restoreBackup', path, this.restoreAnswer);
    const restored = this.pickedBackup ?? this.made().made;
    return this.answer<RestoreDto>('restoreBackup', path, { restored, safety_copy: '/home/shop/.local/share/seller-desk/seller-desk.before-restore-20261125-090000.sqlite3' });
  }
  /** What "Save the recovery sheet…" answers: a path, a refusal, or null (cancelled). */
  sheetSaved: string | ApiError | null = '/home/owner/Documents/seller-desk-recovery-sheet.pdf';
  saveRecoverySheet(lang: StartupDto['language']) {
    this.calls.push({ name: 'saveRecoverySheet', input: lang });
    if (this.sheetSaved === null) return Promise.resolve(null);
    if (typeof this.sheetSaved === 'object') return Promise.reject(this.sheetSaved);
    this.recovery = { ...this.recovery, sheet_taken_on: '2026-11-25' };
    return Promise.resolve(this.sheetSaved);
  }
  firstPaint(screen: string) {
    return this.answer('firstPaint', screen, undefined as void);
  }
  setLanguage(lang: StartupDto['language']) {
    this.startup = { ...this.startup, language: lang };
    return this.answer('setLanguage', lang, lang);
  }
  checkTaxId(input: TaxIdCheckDto): Promise<TaxIdAnswer> {
    const checked = this.taxId(input);
    const answer = 'code' in checked ? checked : { tax_id: checked, test_identifier: this.testIdentifiers.includes(checked.number) };
    return this.answer('checkTaxId', input, answer);
  }
  createShop(input: unknown) {
    return this.answer('createShop', input, this.overview);
  }
  openDemo() {
    return this.answer('openDemo', null, this.overview);
  }
  getOverview() {
    return this.answer('getOverview', null, this.overview);
  }

  /** People: the names on the sign-in screen, the answer to signing in, the people page. */
  choices: SignInChoiceDto[] = [];
  session: SessionDto | ApiError | null = null;
  /** The PIN `confirmPin` accepts; any other answers `pin.wrong`. */
  pin = '482915';
  people: PeopleDto | ApiError | null = null;
  person: PersonDto | ApiError | null = null;
  signInChoices() {
    return this.answer('signInChoices', null, this.choices);
  }
  signIn(input: unknown) {
    return this.answer('signIn', input, this.session);
  }
  signOut() {
    return this.answer('signOut', null, undefined as void);
  }
  getSession() {
    return this.answer('getSession', null, this.session === null ? null : this.session) as Promise<SessionDto | null>;
  }
  addFirstOwner(input: unknown) {
    return this.answer('addFirstOwner', input, this.session);
  }
  confirmPin(pin: string) {
    const ok: void | ApiError = pin === this.pin ? undefined : { code: 'pin.wrong', message: 'wrong PIN' };
    return this.answer('confirmPin', pin, ok as void);
  }
  changeOwnPin(input: unknown) {
    return this.answer('changeOwnPin', input, undefined as void);
  }
  listPeople() {
    return this.answer('listPeople', null, this.people);
  }
  addPerson(input: unknown) {
    return this.answer('addPerson', input, this.person);
  }
  setPersonRole(input: unknown) {
    return this.answer('setPersonRole', input, this.person);
  }
  setPersonPin(input: unknown) {
    return this.answer('setPersonPin', input, this.person);
  }
  unlockPerson(id: number) {
    return this.answer('unlockPerson', id, this.person);
  }
  deactivatePerson(id: number) {
    return this.answer('deactivatePerson', id, this.person);
  }
  setPeopleSettings(input: PeopleSettingsDto) {
    return this.answer('setPeopleSettings', input, input);
  }

  /** Training: what each call answers; tests set them as they need. */
  training: MyTrainingDto | ApiError | null = null;
  lessonDto: LessonDto | ApiError | null = null;
  quiz: QuizDto | ApiError | null = null;
  feedback: FeedbackDto | ApiError | null = null;
  result: QuizResultDto | ApiError | null = null;
  roster: RosterDto | ApiError | null = null;
  verified: VerifyDto | ApiError | null = null;
  myTraining() {
    return this.answer('myTraining', null, this.training);
  }
  getLesson(rule: string) {
    return this.answer('getLesson', rule, this.lessonDto);
  }
  startQuiz(input: unknown) {
    return this.answer('startQuiz', input, this.quiz);
  }
  answerQuestion(input: unknown) {
    return this.answer('answerQuestion', input, this.feedback);
  }
  finishQuiz(attemptId: number) {
    return this.answer('finishQuiz', attemptId, this.result);
  }
  /** What "Print…" answers; tests set it as they need. */
  printed: PrintOutcome | ApiError | null = { kind: 'sent', printer: 'Print to File', file: '/home/shop/Documents/statement.pdf' };
  printDocument(request: PrintRequest, title: string) {
    return this.answer('printDocument', { request, title }, this.printed);
  }
  openCertificate(code: string, lang: unknown) {
    return this.answer('openCertificate', { code, lang }, `/data/certificates/certificate-${code}.pdf`);
  }
  trainingRoster() {
    return this.answer('trainingRoster', null, this.roster);
  }
  saveRoster(format: unknown) {
    return this.answer('saveRoster', format, '/tmp/roster' as string | null);
  }
  verifyCertificateCode(code: string) {
    return this.answer('verifyCertificateCode', code, this.verified);
  }
  verifyCertificateFile() {
    return this.answer('verifyCertificateFile', null, this.verified as VerifyDto | null);
  }
  /** Rules: what each call answers; tests set them as they need. */
  rules: RulesPageDto | ApiError | null = null;
  diff: RulesDiffDto | ApiError | null = null;
  imported: ImportedDto | ApiError | null = null;
  acknowledgement: AcknowledgementDto | ApiError | null = null;
  rulesPath: string | null = '/tmp/rules.txt';
  rulesPage() {
    return this.answer('rulesPage', null, this.rules);
  }
  rulesDiff(from: number | null, to: number | null) {
    return this.answer('rulesDiff', { from, to }, this.diff);
  }
  pickRulesFile() {
    this.calls.push({ name: 'pickRulesFile', input: null });
    return Promise.resolve(this.rulesPath);
  }
  importRules(path: string, publishedOn: string) {
    return this.answer('importRules', { path, publishedOn }, this.imported);
  }
  acknowledgeRules() {
    return this.answer('acknowledgeRules', null, this.acknowledgement);
  }
  openAcknowledgement(documentId: number) {
    return this.answer('openAcknowledgement', documentId, `/data/documents/ack-${documentId}.pdf`);
  }
  voidEvent(input: unknown) {
    return this.answer('voidEvent', input, this.overview);
  }
  recordEvent(input: unknown) {
    return this.answer('recordEvent', input, this.overview);
  }
  addMeans(input: unknown) {
    return this.answer('addMeans', input, this.overview);
  }
  disconnectMeans(input: unknown) {
    return this.answer('disconnectMeans', input, this.overview);
  }
  addOutlet(input: unknown) {
    return this.answer('addOutlet', input, this.overview);
  }
  addContract(input: unknown) {
    return this.answer('addContract', input, this.overview);
  }
  fineTotalsAnswer: TotalsDto | null = null;
  fineTotals(query: unknown) {
    return this.answer('fineTotals', query, this.fineTotalsAnswer);
  }
  listFines(query: unknown) {
    return this.answer('listFines', query, this.finePage);
  }
  getFine(id: number) {
    return this.answer('getFine', id, this.fineDetail);
  }
  recordFine(input: unknown) {
    return this.answer('recordFine', input, this.fineDetail);
  }
  disputeFine(input: unknown) {
    return this.answer('disputeFine', input, this.fineDetail);
  }
  recordOutcome(input: unknown) {
    return this.answer('recordOutcome', input, this.fineDetail);
  }
  payFine(input: unknown) {
    return this.answer('payFine', input, this.fineDetail);
  }
  voidPayment(input: unknown) {
    return this.answer('voidPayment', input, this.fineDetail);
  }
  correctFine(input: unknown) {
    return this.answer('correctFine', input, this.fineDetail);
  }
  getSchedule() {
    return this.answer('getSchedule', null, this.scheduleLines);
  }
  addScheduleEntry(input: unknown) {
    return this.answer('addScheduleEntry', input, this.scheduleLines);
  }
  savedPath: string | null = null;
  saveFineFile(id: number): Promise<string | null> {
    // A null savedPath plays a cancelled dialog.
    this.calls.push({ name: 'saveFineFile', input: id });
    return Promise.resolve(this.savedPath);
  }
  attachFineFile(id: number, role: string): Promise<FineDetailDto | null> {
    this.calls.push({ name: 'attachFineFile', input: { id, role } });
    return Promise.resolve(this.fineDetail && !('code' in this.fineDetail) ? this.fineDetail : null);
  }
  importReport: ImportReport | null = null;
  importFines(): Promise<ImportReport | null> {
    this.calls.push({ name: 'importFines', input: null });
    return Promise.resolve(this.importReport);
  }
  addCorrectiveStep(input: unknown) {
    const summary: FinesSummaryDto | null = this.overview?.fines ?? null;
    return this.answer('addCorrectiveStep', input, summary);
  }
  completeCorrectiveAction(input: unknown) {
    const summary: FinesSummaryDto | null = this.overview?.fines ?? null;
    return this.answer('completeCorrectiveAction', input, summary);
  }
  statementPreviewAnswer: StatementPreview | ApiError | null = null;
  statementPreview(request: StatementRequest) {
    return this.answer('statementPreview', request, this.statementPreviewAnswer);
  }
  /** The progress a save plays before it answers `savedPath` (null plays a cancelled dialog). */
  saveProgress: StatementProgress[] = [];
  saveError: ApiError | null = null;
  saveStatement(request: StatementRequest, onProgress: (p: StatementProgress) => void): Promise<string | null> {
    this.calls.push({ name: 'saveStatement', input: request });
    for (const p of this.saveProgress) onProgress(p);
    if (this.saveError) return Promise.reject(this.saveError);
    return Promise.resolve(this.savedPath);
  }
  bankDetails: BankDetailsDto | ApiError | null = { account: null, payee: null };
  getBankDetails() {
    return this.answer('getBankDetails', null, this.bankDetails);
  }
  setSellerAccount(input: unknown) {
    return this.answer('setSellerAccount', input, this.bankDetails);
  }
  setPayee(input: unknown) {
    return this.answer('setPayee', input, this.bankDetails);
  }
  keyPath: string | null = null;
  pickKeyFile(): Promise<string | null> {
    this.calls.push({ name: 'pickKeyFile', input: null });
    return Promise.resolve(this.keyPath);
  }
  signer: SignerDto | ApiError | null = null;
  keyInfo(keyPath: string, password: string, remember: boolean) {
    return this.answer('keyInfo', { keyPath, password, remember }, this.signer);
  }
  remembered = false;
  keyRemembered(keyPath: string) {
    return this.answer('keyRemembered', keyPath, this.remembered);
  }
  forgetKeyPassword(keyPath: string) {
    this.remembered = false;
    return this.answer('forgetKeyPassword', keyPath, false);
  }
  signed: SignedDto | ApiError | null = null;
  signFineFile(fileId: number, keyPath: string, password: string, layout: string) {
    return this.answer('signFineFile', { fileId, keyPath, password, layout }, this.signed);
  }
  documentList: DocumentDto[] = [];
  listDocuments() {
    return this.answer('listDocuments', null, this.documentList);
  }
  saveSigned(documentId: number): Promise<string | null> {
    this.calls.push({ name: 'saveSigned', input: documentId });
    return Promise.resolve(this.savedPath);
  }
  trust: TrustDto | ApiError | null = {
    test_mode: false,
    certs: [],
    needed: [],
    timestamps: { on: true, url: 'http://tsp.pki.gov.kz:80' },
    crls: [],
  };
  getTrust() {
    return this.answer('getTrust', null, this.trust);
  }
  setTestMode(on: boolean) {
    if (this.trust && !('code' in this.trust)) this.trust = { ...this.trust, test_mode: on };
    return this.answer('setTestMode', on, this.trust);
  }
  setTimestamps(on: boolean, url: string) {
    if (this.trust && !('code' in this.trust)) this.trust = { ...this.trust, timestamps: { on, url } };
    return this.answer('setTimestamps', { on, url }, this.trust);
  }
  addTrustFile(what: string): Promise<TrustDto | null> {
    this.calls.push({ name: 'addTrustFile', input: what });
    return Promise.resolve(this.trust && !('code' in this.trust) ? this.trust : null);
  }
  crlUpdate: CrlUpdateDto | ApiError | null = { kept: 0, unreachable: 0, results: [], ocsp: [] };
  updateCrls() {
    return this.answer('updateCrls', null, this.crlUpdate);
  }
  brandingSaved: string | null = null;
  saveBranding(itemCode: string, outletId: number | null, lang: string, scale: number | null): Promise<string | null> {
    this.calls.push({ name: 'saveBranding', input: { itemCode, outletId, lang, scale } });
    return Promise.resolve(this.brandingSaved);
  }
  openBranding(itemCode: string, outletId: number | null, lang: string) {
    return this.answer('openBranding', { itemCode, outletId, lang }, `/data/print/${itemCode}.pdf`);
  }
  addPlacement(draft: unknown, photo: boolean): Promise<OverviewDto | null> {
    return this.answer('addPlacement', { draft, photo }, this.overview);
  }
  addWebPresence(kind: string, url: string) {
    return this.answer('addWebPresence', { kind, url }, this.overview);
  }
  addAdMaterial(description: string, since: string) {
    return this.answer('addAdMaterial', { description, since }, this.overview);
  }
  startExit(input: unknown) {
    return this.answer('startExit', input, this.overview);
  }
  voidPlacement(input: unknown) {
    return this.answer('voidPlacement', input, this.overview);
  }
  takeBackTick(input: unknown) {
    return this.answer('takeBackTick', input, this.overview);
  }
  tickExitItem(input: unknown, photo: boolean): Promise<OverviewDto | null> {
    return this.answer('tickExitItem', { input, photo }, this.overview);
  }
  checkExitSite(itemId: number) {
    return this.answer('checkExitSite', itemId, this.overview);
  }
  statementId: number | ApiError = 41;
  completeExit(lang: string) {
    return this.answer('completeExit', lang, this.statementId);
  }
  signDocument(documentId: number, keyPath: string, password: string, layout: string) {
    return this.answer('signDocument', { documentId, keyPath, password, layout }, this.signed);
  }
  kit: KitStatusDto = { url: null, version: null, files: [], official_mark: false };
  getKit() {
    return this.answer('getKit', null, this.kit);
  }
  setKitUrl(url: string) {
    this.kit = { ...this.kit, url };
    return this.answer('setKitUrl', url, this.kit);
  }
  kitUpdate: KitUpdateDto | ApiError = { version: '1', downloaded: [], kept: [], unchanged: true };
  kitProgress: KitProgress[] = [];
  updateKit(onProgress: (p: KitProgress) => void) {
    for (const p of this.kitProgress) onProgress(p);
    return this.answer('updateKit', null, this.kitUpdate);
  }
  /** Files handed to the window from outside: what `receiveOpenedFiles` answers, then empty. */
  openedFiles: OpenedFileDto[] = [];
  onOpened: (() => void) | null = null;
  watchOpenedFiles(onOpened: () => void): Promise<void> {
    this.calls.push({ name: 'watchOpenedFiles', input: null });
    this.onOpened = onOpened;
    if (this.openedFiles.length > 0) onOpened();
    return Promise.resolve();
  }
  receiveOpenedFiles(signedFileTitle: string): Promise<OpenedFileDto[]> {
    this.calls.push({ name: 'receiveOpenedFiles', input: signedFileTitle });
    const files = this.openedFiles;
    this.openedFiles = [];
    for (const f of files) if (f.document) this.documentList = [...this.documentList, f.document];
    return Promise.resolve(files);
  }
  /** Reminders: how many `notifyDue` shows, the kinds switched off, and the click handler. */
  due = 0;
  reminderSettings: ReminderSettingsDto | ApiError | null = { off: [] };
  onReminderClick: ((page: string) => void) | null = null;
  notifyDue() {
    const shown = this.due;
    this.due = 0;
    return this.answer('notifyDue', null, shown);
  }
  getReminderSettings() {
    return this.answer('getReminderSettings', null, this.reminderSettings);
  }
  setReminderSettings(input: ReminderSettingsDto) {
    if (this.reminderSettings && !('code' in this.reminderSettings)) this.reminderSettings = input;
    return this.answer('setReminderSettings', input, this.reminderSettings);
  }
  watchReminderClicks(onClick: (page: string) => void): Promise<void> {
    this.calls.push({ name: 'watchReminderClicks', input: null });
    this.onReminderClick = onClick;
    return Promise.resolve();
  }
  received: DocumentDto | ApiError | null = null;
  addReceivedDocument(signedFileTitle: string): Promise<DocumentDto | null> {
    this.calls.push({ name: 'addReceivedDocument', input: signedFileTitle });
    if (this.received && 'code' in this.received) return Promise.reject(this.received);
    if (this.received) this.documentList = [...this.documentList, this.received];
    return Promise.resolve(this.received);
  }
}
