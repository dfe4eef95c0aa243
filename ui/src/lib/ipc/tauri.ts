import { Channel, invoke } from '@tauri-apps/api/core';

import type { KitProgress } from './bindings/KitProgress';
import type { StatementProgress } from './bindings/StatementProgress';

import type { Backend } from './backend';

/** The Backend of the real app: each method is one Tauri command. */
export const tauriBackend: Backend = {
  openDesk: () => invoke('open_desk'),
  unlockData: (input) => invoke('unlock_data', { input }),
  recoveryState: () => invoke('recovery_state'),
  saveRecoverySheet: (lang) => invoke('save_recovery_sheet', { lang }),
  backupSettings: () => invoke('backup_settings'),
  chooseBackupFolder: (title) => invoke('choose_backup_folder', { title }),
  setBackupNumbers: (keep, warnDays) => invoke('set_backup_numbers', { keep, warnDays }),
  backupNow: () => invoke('backup_now'),
  backupIfDue: () => invoke('backup_if_due'),
  chooseBackupToRestore: (title) => invoke('choose_backup_to_restore', { title }),
  restoreBackup: (path) => invoke('restore_backup', { path }),
  firstPaint: (screen) => invoke('first_paint', { screen }),
  setLanguage: (lang) => invoke('set_language', { lang }),
  checkTaxId: (input) => invoke('check_tax_id', { input }),
  createShop: (input) => invoke('create_shop', { input }),
  openDemo: () => invoke('open_demo'),
  getOverview: () => invoke('get_overview'),
  signInChoices: () => invoke('sign_in_choices'),
  signIn: (input) => invoke('sign_in', { input }),
  signOut: () => invoke('sign_out'),
  getSession: () => invoke('get_session'),
  addFirstOwner: (input) => invoke('add_first_owner', { input }),
  confirmPin: (pin) => invoke('confirm_pin', { pin }),
  changeOwnPin: (input) => invoke('change_own_pin', { input }),
  listPeople: () => invoke('list_people'),
  addPerson: (input) => invoke('add_person', { input }),
  setPersonRole: (input) => invoke('set_person_role', { input }),
  setPersonPin: (input) => invoke('set_person_pin', { input }),
  unlockPerson: (id) => invoke('unlock_person', { id }),
  deactivatePerson: (id) => invoke('deactivate_person', { id }),
  setPeopleSettings: (input) => invoke('set_people_settings', { input }),
  myTraining: () => invoke('my_training'),
  getLesson: (rule) => invoke('get_lesson', { rule }),
  startQuiz: (input) => invoke('start_quiz', { input }),
  answerQuestion: (input) => invoke('answer_question', { input }),
  finishQuiz: (attemptId) => invoke('finish_quiz', { attemptId }),
  openCertificate: (code, lang) => invoke('open_certificate', { code, lang }),
  trainingRoster: () => invoke('training_roster'),
  saveRoster: (format) => invoke('save_roster', { format }),
  verifyCertificateCode: (code) => invoke('verify_certificate_code', { code }),
  verifyCertificateFile: () => invoke('verify_certificate_file'),
  rulesPage: () => invoke('rules_page'),
  rulesDiff: (from, to) => invoke('rules_diff', { from, to }),
  pickRulesFile: () => invoke('pick_rules_file'),
  importRules: (path, publishedOn) => invoke('import_rules', { path, publishedOn }),
  acknowledgeRules: () => invoke('acknowledge_rules'),
  openAcknowledgement: (documentId) => invoke('open_acknowledgement', { documentId }),
  recordEvent: (input) => invoke('record_event', { input }),
  voidEvent: (input) => invoke('void_event', { input }),
  addMeans: (input) => invoke('add_means', { input }),
  disconnectMeans: (input) => invoke('disconnect_means', { input }),
  addContract: (input) => invoke('add_contract', { input }),
  addOutlet: (input) => invoke('add_outlet', { input }),
  listFines: (query) => invoke('list_fines', { query }),
  fineTotals: (query) => invoke('fine_totals', { query }),
  getFine: (id) => invoke('get_fine', { id }),
  recordFine: (input) => invoke('record_fine', { input }),
  disputeFine: (input) => invoke('dispute_fine', { input }),
  recordOutcome: (input) => invoke('record_outcome', { input }),
  payFine: (input) => invoke('pay_fine', { input }),
  voidPayment: (input) => invoke('void_payment', { input }),
  correctFine: (input) => invoke('correct_fine', { input }),
  getSchedule: () => invoke('get_schedule'),
  addScheduleEntry: (input) => invoke('add_schedule_entry', { input }),
  completeCorrectiveAction: (input) => invoke('complete_corrective_action', { input }),
  addCorrectiveStep: (input) => invoke('add_corrective_step', { input }),
  saveFineFile: (id) => invoke('save_fine_file', { id }),
  attachFineFile: (id, role) => invoke('attach_fine_file', { id, role }),
  importFines: () => invoke('import_fines'),
  statementPreview: (request) => invoke('statement_preview', { request }),
  saveStatement: (request, onProgress) => {
    const progress = new Channel<StatementProgress>();
    progress.onmessage = onProgress;
    return invoke('save_statement', { request, progress });
  },
  getBankDetails: () => invoke('get_bank_details'),
  watchOpenedFiles: (onOpened) => {
    const channel = new Channel<null>();
    channel.onmessage = () => onOpened();
    return invoke('watch_opened_files', { channel });
  },
  receiveOpenedFiles: (signedFileTitle) => invoke('receive_opened_files', { signedFileTitle }),
  notifyDue: () => invoke('notify_due'),
  getReminderSettings: () => invoke('get_reminder_settings'),
  setReminderSettings: (input) => invoke('set_reminder_settings', { input }),
  watchReminderClicks: (onClick) => {
    const channel = new Channel<string>();
    channel.onmessage = onClick;
    return invoke('watch_reminder_clicks', { channel });
  },
  setSellerAccount: (input) => invoke('set_seller_account', { input }),
  setPayee: (input) => invoke('set_payee', { input }),
  pickKeyFile: () => invoke('pick_key_file'),
  keyInfo: (keyPath, password, remember) => invoke('key_info', { keyPath, password, remember }),
  keyRemembered: (keyPath) => invoke('key_remembered', { keyPath }),
  forgetKeyPassword: (keyPath) => invoke('forget_key_password', { keyPath }),
  signFineFile: (fileId, keyPath, password, layout) => invoke('sign_fine_file', { fileId, keyPath, password, layout }),
  listDocuments: () => invoke('list_documents'),
  saveSigned: (documentId) => invoke('save_signed', { documentId }),
  getTrust: () => invoke('get_trust'),
  setTestMode: (on) => invoke('set_test_mode', { on }),
  setTimestamps: (on, url) => invoke('set_timestamps', { on, url }),
  addTrustFile: (what) => invoke('add_trust_file', { what }),
  addReceivedDocument: (signedFileTitle) => invoke('add_received_document', { signedFileTitle }),
  updateCrls: () => invoke('update_crls'),
  saveBranding: (itemCode, outletId, lang, scale) => invoke('save_branding', { itemCode, outletId, lang, scale }),
  openBranding: (itemCode, outletId, lang) => invoke('open_branding', { itemCode, outletId, lang }),
  printDocument: (request, title) => invoke('print_document', { request, title }),
  addPlacement: (draft, photo) => invoke('add_placement', { draft, photo }),
  addWebPresence: (kind, url) => invoke('add_web_presence', { kind, url }),
  addAdMaterial: (description, since) => invoke('add_ad_material', { description, since }),
  startExit: (input) => invoke('start_exit', { input }),
  voidPlacement: (input) => invoke('void_placement', { input }),
  takeBackTick: (input) => invoke('take_back_tick', { input }),
  tickExitItem: (input, photo) => invoke('tick_exit_item', { input, photo }),
  checkExitSite: (itemId) => invoke('check_exit_site', { itemId }),
  completeExit: (lang) => invoke('complete_exit', { lang }),
  signDocument: (documentId, keyPath, password, layout) =>
    invoke('sign_document', { documentId, keyPath, password, layout }),
  getKit: () => invoke('get_kit'),
  setKitUrl: (url) => invoke('set_kit_url', { url }),
  updateKit: (onProgress) => {
    const progress = new Channel<KitProgress>();
    progress.onmessage = onProgress;
    return invoke('update_kit', { progress });
  },
};
