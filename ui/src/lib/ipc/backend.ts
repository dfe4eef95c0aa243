// The one door between the UI and Rust. Components talk to a Backend; the app gives them the
// Tauri one, component tests an in-memory one.
import type { ApiError } from './bindings/ApiError';
import type { AcknowledgementDto } from './bindings/AcknowledgementDto';
import type { ImportedDto } from './bindings/ImportedDto';
import type { RulesDiffDto } from './bindings/RulesDiffDto';
import type { RulesPageDto } from './bindings/RulesPageDto';
import type { DisconnectMeansDto } from './bindings/DisconnectMeansDto';
import type { Lang } from './bindings/Lang';
import type { NewContractDto } from './bindings/NewContractDto';
import type { NewEventDto } from './bindings/NewEventDto';
import type { VoidEventDto } from './bindings/VoidEventDto';
import type { NewMeansDto } from './bindings/NewMeansDto';
import type { NewShopDto } from './bindings/NewShopDto';
import type { OutletDraft } from './bindings/OutletDraft';
import type { OverviewDto } from './bindings/OverviewDto';
import type { OpenedFileDto } from './bindings/OpenedFileDto';
import type { ReminderSettingsDto } from './bindings/ReminderSettingsDto';
import type { PrintOutcome } from './bindings/PrintOutcome';
import type { PrintRequest } from './bindings/PrintRequest';
import type { StartupDto } from './bindings/StartupDto';
import type { TaxId } from './bindings/TaxId';
import type { TaxIdAnswer } from './bindings/TaxIdAnswer';
import type { TaxIdCheckDto } from './bindings/TaxIdCheckDto';
import type { CompleteActionDto } from './bindings/CompleteActionDto';
import type { CorrectiveStepDto } from './bindings/CorrectiveStepDto';
import type { DisputeDto } from './bindings/DisputeDto';
import type { FineDetailDto } from './bindings/FineDetailDto';
import type { FinePageDto } from './bindings/FinePageDto';
import type { FineQuery } from './bindings/FineQuery';
import type { FinesSummaryDto } from './bindings/FinesSummaryDto';
import type { NewFineDto } from './bindings/NewFineDto';
import type { NewScheduleEntryDto } from './bindings/NewScheduleEntryDto';
import type { OutcomeDto } from './bindings/OutcomeDto';
import type { PaymentDto } from './bindings/PaymentDto';
import type { VoidPaymentDto } from './bindings/VoidPaymentDto';
import type { CorrectFineDto } from './bindings/CorrectFineDto';
import type { MarkCorrectionDto } from './bindings/MarkCorrectionDto';
import type { ScheduleLineDto } from './bindings/ScheduleLineDto';
import type { TotalsDto } from './bindings/TotalsDto';
import type { FileRole } from './bindings/FileRole';
import type { ImportReport } from './bindings/ImportReport';
import type { AccountDraft } from './bindings/AccountDraft';
import type { BankDetailsDto } from './bindings/BankDetailsDto';
import type { PayeeDraft } from './bindings/PayeeDraft';
import type { StatementPreview } from './bindings/StatementPreview';
import type { StatementProgress } from './bindings/StatementProgress';
import type { StatementRequest } from './bindings/StatementRequest';
import type { CrlUpdateDto } from './bindings/CrlUpdateDto';
import type { KitProgress } from './bindings/KitProgress';
import type { KitStatusDto } from './bindings/KitStatusDto';
import type { KitUpdateDto } from './bindings/KitUpdateDto';
import type { PlacementDraft } from './bindings/PlacementDraft';
import type { StartExitDto } from './bindings/StartExitDto';
import type { TickDto } from './bindings/TickDto';
import type { WebPresenceKind } from './bindings/WebPresenceKind';
import type { DocumentDto } from './bindings/DocumentDto';
import type { SignLayout } from './bindings/SignLayout';
import type { SignedDto } from './bindings/SignedDto';
import type { SignerDto } from './bindings/SignerDto';
import type { TrustDto } from './bindings/TrustDto';
import type { ChangePinDto } from './bindings/ChangePinDto';
import type { NewOwnerDto } from './bindings/NewOwnerDto';
import type { NewPersonDto } from './bindings/NewPersonDto';
import type { PeopleDto } from './bindings/PeopleDto';
import type { PeopleSettingsDto } from './bindings/PeopleSettingsDto';
import type { PersonDto } from './bindings/PersonDto';
import type { SessionDto } from './bindings/SessionDto';
import type { SetPinDto } from './bindings/SetPinDto';
import type { SetRoleDto } from './bindings/SetRoleDto';
import type { SignInChoiceDto } from './bindings/SignInChoiceDto';
import type { SignInDto } from './bindings/SignInDto';
import type { AnswerQuestionDto } from './bindings/AnswerQuestionDto';
import type { FeedbackDto } from './bindings/FeedbackDto';
import type { LessonDto } from './bindings/LessonDto';
import type { MyTrainingDto } from './bindings/MyTrainingDto';
import type { QuizDto } from './bindings/QuizDto';
import type { QuizResultDto } from './bindings/QuizResultDto';
import type { RosterDto } from './bindings/RosterDto';
import type { RosterFormat } from './bindings/RosterFormat';
import type { StartQuizDto } from './bindings/StartQuizDto';
import type { VerifyDto } from './bindings/VerifyDto';
import type { UnlockDto } from './bindings/UnlockDto';
import type { RecoveryStateDto } from './bindings/RecoveryStateDto';
import type { BackupSettingsDto } from './bindings/BackupSettingsDto';
import type { BackupDto } from './bindings/BackupDto';
import type { BackupFactsDto } from './bindings/BackupFactsDto';
import type { RestoreDto } from './bindings/RestoreDto';

export interface Backend {
  openDesk(): Promise<StartupDto>;
  /** The data opened with what the unlock screen was given: a passphrase, a recovery code. */
  unlockData(input: UnlockDto): Promise<StartupDto>;
  /** Where the data's key is kept and when the owner took the recovery sheet. */
  recoveryState(): Promise<RecoveryStateDto>;
  /** "Save the recovery sheet…" in `lang`: the saved path, or null when cancelled. */
  saveRecoverySheet(lang: Lang): Promise<string | null>;
  /** Backups: the folder, how many are kept, the last good one. */
  backupSettings(): Promise<BackupSettingsDto>;
  /** The system's folder picker titled `title`; null when cancelled. */
  chooseBackupFolder(title: string): Promise<BackupSettingsDto | null>;
  setBackupNumbers(keep: number, warnDays: number): Promise<BackupSettingsDto>;
  backupNow(): Promise<BackupDto>;
  /** The daily backup while the app is in use; null when none was due. */
  backupIfDue(): Promise<BackupDto | null>;
  /** The system's file picker, then what the chosen backup holds; null when cancelled. */
  chooseBackupToRestore(title: string): Promise<BackupFactsDto | null>;
  /** Puts the backup back; the window then starts again. */
  restoreBackup(path: string): Promise<RestoreDto>;
  /** The first screen with the shop's data is painted (for `cargo xtask bench`). */
  firstPaint(screen: string): Promise<void>;
  setLanguage(lang: Lang): Promise<Lang>;
  checkTaxId(input: TaxIdCheckDto): Promise<TaxIdAnswer>;
  createShop(input: NewShopDto): Promise<OverviewDto>;
  openDemo(): Promise<OverviewDto>;
  getOverview(): Promise<OverviewDto>;
  signInChoices(): Promise<SignInChoiceDto[]>;
  signIn(input: SignInDto): Promise<SessionDto>;
  signOut(): Promise<void>;
  /** The person signed in, or null once the idle time has passed; counts as activity. */
  getSession(): Promise<SessionDto | null>;
  addFirstOwner(input: NewOwnerDto): Promise<SessionDto>;
  /** The PIN typed again, before signing or managing people. */
  confirmPin(pin: string): Promise<void>;
  changeOwnPin(input: ChangePinDto): Promise<void>;
  listPeople(): Promise<PeopleDto>;
  addPerson(input: NewPersonDto): Promise<PersonDto>;
  setPersonRole(input: SetRoleDto): Promise<PersonDto>;
  setPersonPin(input: SetPinDto): Promise<PersonDto>;
  unlockPerson(id: number): Promise<PersonDto>;
  deactivatePerson(id: number): Promise<PersonDto>;
  setPeopleSettings(input: PeopleSettingsDto): Promise<PeopleSettingsDto>;
  /** The training page of the person signed in. */
  myTraining(): Promise<MyTrainingDto>;
  /** A lesson; opening it is recorded. */
  getLesson(rule: string): Promise<LessonDto>;
  /** A new quiz, or the one left unfinished. */
  startQuiz(input: StartQuizDto): Promise<QuizDto>;
  answerQuestion(input: AnswerQuestionDto): Promise<FeedbackDto>;
  finishQuiz(attemptId: number): Promise<QuizResultDto>;
  /** Writes the certificate to the data folder and opens it; the path. */
  openCertificate(code: string, lang: Lang): Promise<string>;
  trainingRoster(): Promise<RosterDto>;
  /** Save as… for the roster; the saved path, or null when cancelled. */
  saveRoster(format: RosterFormat): Promise<string | null>;
  verifyCertificateCode(code: string): Promise<VerifyDto>;
  /** Opens the native picker for a certificate's PDF; null when cancelled. */
  verifyCertificateFile(): Promise<VerifyDto | null>;
  recordEvent(input: NewEventDto): Promise<OverviewDto>;
  /** Takes back the latest membership event in effect, recorded by mistake, with a reason. */
  voidEvent(input: VoidEventDto): Promise<OverviewDto>;
  addMeans(input: NewMeansDto): Promise<OverviewDto>;
  disconnectMeans(input: DisconnectMeansDto): Promise<OverviewDto>;
  addContract(input: NewContractDto): Promise<OverviewDto>;
  addOutlet(input: OutletDraft): Promise<OverviewDto>;
  listFines(query: FineQuery): Promise<FinePageDto>;
  fineTotals(query: FineQuery): Promise<TotalsDto>;
  getFine(id: number): Promise<FineDetailDto>;
  recordFine(input: NewFineDto): Promise<FineDetailDto>;
  disputeFine(input: DisputeDto): Promise<FineDetailDto>;
  recordOutcome(input: OutcomeDto): Promise<FineDetailDto>;
  payFine(input: PaymentDto): Promise<FineDetailDto>;
  voidPayment(input: VoidPaymentDto): Promise<FineDetailDto>;
  correctFine(input: CorrectFineDto): Promise<FineDetailDto>;
  getSchedule(): Promise<ScheduleLineDto[]>;
  addScheduleEntry(input: NewScheduleEntryDto): Promise<ScheduleLineDto[]>;
  completeCorrectiveAction(input: CompleteActionDto): Promise<FinesSummaryDto>;
  addCorrectiveStep(input: CorrectiveStepDto): Promise<FinesSummaryDto>;
  /** Opens the native Save as… dialog; the saved path, or null when cancelled. */
  saveFineFile(id: number): Promise<string | null>;
  /** Opens the native file picker and keeps the file with the fine; null when cancelled. */
  attachFineFile(id: number, role: FileRole): Promise<FineDetailDto | null>;
  /** Opens the native file picker and imports the CSV, all rows or none; null when cancelled. */
  importFines(): Promise<ImportReport | null>;
  statementPreview(request: StatementRequest): Promise<StatementPreview>;
  /**
   * Opens the native Save as… dialog, then writes the statement, telling `onProgress` how many
   * entries are written; the saved path, or null when cancelled.
   */
  saveStatement(request: StatementRequest, onProgress: (p: StatementProgress) => void): Promise<string | null>;
  getBankDetails(): Promise<BankDetailsDto>;
  setSellerAccount(input: AccountDraft): Promise<BankDetailsDto>;
  setPayee(input: PayeeDraft): Promise<BankDetailsDto>;
  /** Opens the native picker for a key container; its path, or null when cancelled. */
  pickKeyFile(): Promise<string | null>;
  /** Who owns the key; an empty password means the remembered one; `remember` keeps it. */
  keyInfo(keyPath: string, password: string, remember: boolean): Promise<SignerDto>;
  keyRemembered(keyPath: string): Promise<boolean>;
  forgetKeyPassword(keyPath: string): Promise<boolean>;
  signFineFile(fileId: number, keyPath: string, password: string, layout: SignLayout): Promise<SignedDto>;
  listDocuments(): Promise<DocumentDto[]>;
  /** Save as… for a signed document; the saved signature's path, or null when cancelled. */
  saveSigned(documentId: number): Promise<string | null>;
  getTrust(): Promise<TrustDto>;
  setTestMode(on: boolean): Promise<TrustDto>;
  /** Timestamps on or off and the TSA's address (empty: NCA's). */
  setTimestamps(on: boolean, url: string): Promise<TrustDto>;
  /** Opens the native picker and adds a root, an intermediate or a CRL; null when cancelled. */
  addTrustFile(what: 'root' | 'intermediate' | 'crl'): Promise<TrustDto | null>;
  /** Opens the native picker(s) for a received signature (and its file when detached); the
   * document as archived with its verdicts, or null when cancelled. */
  /** `signedFileTitle`: the title of the picker asked for a detached signature's signed file. */
  addReceivedDocument(signedFileTitle: string): Promise<DocumentDto | null>;
  /** Calls `onOpened` whenever files are handed to the window from outside (and at once when some wait). */
  watchOpenedFiles(onOpened: () => void): Promise<void>;
  /** Shows what is due now as a desktop notification; how many reminders it held. */
  notifyDue(): Promise<number>;
  getReminderSettings(): Promise<ReminderSettingsDto>;
  setReminderSettings(input: ReminderSettingsDto): Promise<ReminderSettingsDto>;
  /** Calls `onClick` with the page to open when a notification is clicked. */
  watchReminderClicks(onClick: (page: string) => void): Promise<void>;
  /** The files handed to the window, each added to the archive or refused with its reason. */
  receiveOpenedFiles(signedFileTitle: string): Promise<OpenedFileDto[]>;
  /** Downloads the CRLs the known certificates name (online); reports the unreachable ones. */
  updateCrls(): Promise<CrlUpdateDto>;
  /** Save as… for a branding item (badge: SVG, or PNG at `scale`); the path, or null. */
  saveBranding(itemCode: string, outletId: number | null, lang: Lang, scale: number | null): Promise<string | null>;
  /** The document's PDF to the system's print dialog; `title` is the dialog's. */
  printDocument(request: PrintRequest, title: string): Promise<PrintOutcome>;
  /** The item written to the data folder and opened in the system's viewer; its path. */
  openBranding(itemCode: string, outletId: number | null, lang: Lang): Promise<string>;
  /** With `photo`, the native picker asks for the photo first; null when it is cancelled. */
  addPlacement(draft: PlacementDraft, photo: boolean): Promise<OverviewDto | null>;
  addWebPresence(kind: WebPresenceKind, url: string): Promise<OverviewDto>;
  addAdMaterial(description: string, since: string): Promise<OverviewDto>;
  startExit(input: StartExitDto): Promise<OverviewDto>;
  voidPlacement(input: MarkCorrectionDto): Promise<OverviewDto>;
  takeBackTick(input: MarkCorrectionDto): Promise<OverviewDto>;
  tickExitItem(input: TickDto, photo: boolean): Promise<OverviewDto | null>;
  checkExitSite(itemId: number): Promise<OverviewDto>;
  /** The completion statement's document id. */
  completeExit(lang: Lang): Promise<number>;
  signDocument(documentId: number, keyPath: string, password: string, layout: SignLayout): Promise<SignedDto>;
  rulesPage(): Promise<RulesPageDto>;
  /** What changed from version `from` to `to` (null: the one in force against the one before). */
  rulesDiff(from: number | null, to: number | null): Promise<RulesDiffDto>;
  /** The native picker for a published version (text or PDF); its path, or null when cancelled. */
  pickRulesFile(): Promise<string | null>;
  /** Imports the file with the day it was published, as typed. */
  importRules(path: string, publishedOn: string): Promise<ImportedDto>;
  acknowledgeRules(): Promise<AcknowledgementDto>;
  /** Writes the acknowledgement PDF to the data folder and opens it; the path. */
  openAcknowledgement(documentId: number): Promise<string>;
  getKit(): Promise<KitStatusDto>;
  setKitUrl(url: string): Promise<KitStatusDto>;
  /** Downloads the kit's new or changed files, telling `onProgress` as bytes arrive. */
  updateKit(onProgress: (p: KitProgress) => void): Promise<KitUpdateDto>;
}

/** Whatever a command rejected with, as `{code, message}`. */
export function asApiError(e: unknown): ApiError {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof (e as ApiError).code === 'string') {
    return e as ApiError;
  }
  // Tauri refuses arguments that do not deserialize before the command runs, with a plain
  // string: "invalid args `input` for command `record_fine`: …".
  if (typeof e === 'string' && /^invalid args `[^`]*` for command `[^`]*`/.test(e)) {
    return { code: 'input.unreadable', message: e };
  }
  return { code: 'internal', message: String(e) };
}
