//! Printing a PDF through the system's print dialog.
//!
//! On Linux: GTK's own print dialog (the one every GTK program shows, with CUPS's printers and
//! "Print to File"), over the app's window; the PDF goes to the chosen printer as it is, the
//! same bytes "Save as…" writes. gtk-rs does not bind GTK's Unix print dialog and print job
//! (they sit behind a header of their own), so the few functions used are declared here; they
//! are in `libgtk-3`, which the window already links.
//!
//! Elsewhere (Windows, macOS: built there, not on these machines) the PDF is opened in the
//! system's viewer, whose Print command prints it; the window says so.

use std::path::Path;

use desk::printing::PrintOutcome;
use desk::ApiError;
#[cfg(not(target_os = "linux"))]
use desk::ErrorCode;
use tauri::AppHandle;

/// Shows the print dialog for the PDF at `path`, titled `title`, and waits for the user and the
/// printing system.
pub async fn print_pdf(app: &AppHandle, path: &Path, title: &str) -> Result<PrintOutcome, ApiError> {
    #[cfg(target_os = "linux")]
    {
        gtk_print::print(app, path, title).await
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (app, title);
        open::that_detached(path)
            .map_err(|e| ApiError::new(ErrorCode::PrintFailed, format!("no viewer opened {}: {e}", path.display())))?;
        Ok(PrintOutcome::Opened { path: path.display().to_string() })
    }
}

#[cfg(target_os = "linux")]
mod gtk_print {
    use std::cell::RefCell;
    use std::ffi::{c_char, c_int, c_void, CStr, CString};
    use std::path::Path;
    use std::sync::mpsc::{channel, Sender};
    use std::time::Duration;

    use desk::printing::PrintOutcome;
    use desk::{ApiError, ErrorCode};
    use gtk::glib::translate::{FromGlibPtrFull, FromGlibPtrNone, ToGlibPtr};
    use gtk::prelude::*;
    use gtk::{ffi as gffi, glib};
    use tauri::{AppHandle, Manager};

    #[repr(C)]
    struct GtkPrinter {
        _private: [u8; 0],
    }
    #[repr(C)]
    struct GtkPrintJob {
        _private: [u8; 0],
    }

    type JobDone = unsafe extern "C" fn(job: *mut GtkPrintJob, data: *mut c_void, error: *const glib::ffi::GError);

    /// GTK_PRINT_CAPABILITY_GENERATE_PDF: "Print to File" offers PDF only (the bytes sent are a PDF).
    const GENERATE_PDF: c_int = 1 << 8;

    #[link(name = "gtk-3")]
    extern "C" {
        fn gtk_print_unix_dialog_new(title: *const c_char, parent: *mut gffi::GtkWindow) -> *mut gffi::GtkWidget;
        fn gtk_print_unix_dialog_set_settings(dialog: *mut gffi::GtkWidget, settings: *mut gffi::GtkPrintSettings);
        fn gtk_print_unix_dialog_get_settings(dialog: *mut gffi::GtkWidget) -> *mut gffi::GtkPrintSettings;
        fn gtk_print_unix_dialog_get_page_setup(dialog: *mut gffi::GtkWidget) -> *mut gffi::GtkPageSetup;
        fn gtk_print_unix_dialog_get_selected_printer(dialog: *mut gffi::GtkWidget) -> *mut GtkPrinter;
        fn gtk_print_unix_dialog_set_manual_capabilities(dialog: *mut gffi::GtkWidget, capabilities: c_int);
        fn gtk_printer_accepts_pdf(printer: *mut GtkPrinter) -> glib::ffi::gboolean;
        fn gtk_printer_get_name(printer: *mut GtkPrinter) -> *const c_char;
        fn gtk_printer_is_virtual(printer: *mut GtkPrinter) -> glib::ffi::gboolean;
        fn gtk_print_job_new(
            title: *const c_char,
            printer: *mut GtkPrinter,
            settings: *mut gffi::GtkPrintSettings,
            page_setup: *mut gffi::GtkPageSetup,
        ) -> *mut GtkPrintJob;
        fn gtk_print_job_set_source_file(
            job: *mut GtkPrintJob,
            filename: *const c_char,
            error: *mut *mut glib::ffi::GError,
        ) -> glib::ffi::gboolean;
        fn gtk_print_job_send(
            job: *mut GtkPrintJob,
            callback: JobDone,
            data: *mut c_void,
            destroy: Option<unsafe extern "C" fn(*mut c_void)>,
        );
    }

    type Answer = Result<PrintOutcome, ApiError>;

    thread_local! {
        /// The settings of the last print (printer, copies, paper) for the next dialog; GTK's
        /// objects live on its own thread, where this runs.
        static LAST: RefCell<Option<gtk::PrintSettings>> = const { RefCell::new(None) };
    }

    /// A print job on its way: who waits for it, the printer's name and, for a printer that
    /// writes a file, the file, for the answer.
    struct Pending {
        done: Sender<Answer>,
        printer: String,
        file: Option<String>,
    }

    fn failed(message: String) -> ApiError {
        ApiError::new(ErrorCode::PrintFailed, message)
    }

    pub async fn print(app: &AppHandle, path: &Path, title: &str) -> Answer {
        let window = app.get_webview_window("main").ok_or_else(|| failed("the window is not open".into()))?;
        let (done, answer) = channel::<Answer>();
        let path = path.to_path_buf();
        let title = title.to_string();
        let on_gtk = window.clone();
        let printed = path.clone();
        window
            .run_on_main_thread(move || {
                let parent = on_gtk.gtk_window().ok();
                if let Err(e) = dialog(parent.as_ref(), &path, &title, done.clone()) {
                    let _ = done.send(Err(e));
                }
            })
            .map_err(|e| failed(format!("the window's thread did not answer: {e}")))?;
        // The answer comes when the dialog is closed, or once the printing system has the job
        // (it has read the file by then, which is then removed: the data folder keeps no copies).
        let answer = tauri::async_runtime::spawn_blocking(move || {
            answer
                .recv_timeout(Duration::from_secs(30 * 60))
                .unwrap_or_else(|_| Err(failed("the print dialog or the printing system gave no answer".into())))
        })
        .await
        .map_err(|e| failed(format!("the print task stopped: {e}")))?;
        let _ = std::fs::remove_file(&printed);
        answer
    }

    /// On GTK's thread: the dialog (modal over the window), then the job sent with the file as
    /// its source. Answers through `done`, now (cancelled, refused) or when the job is sent.
    fn dialog(
        parent: Option<&gtk::ApplicationWindow>,
        path: &Path,
        title: &str,
        done: Sender<Answer>,
    ) -> Result<(), ApiError> {
        let c_title = CString::new(title.replace('\0', "")).unwrap_or_default();
        let parent_ptr: *mut gffi::GtkWindow =
            parent.map(|w| w.upcast_ref::<gtk::Window>().to_glib_none().0).unwrap_or(std::ptr::null_mut());
        // SAFETY: GTK's thread (run_on_main_thread); the dialog is a new toplevel GTK owns, taken
        // as a gtk::Dialog with a reference of ours and destroyed below.
        let raw = unsafe { gtk_print_unix_dialog_new(c_title.as_ptr(), parent_ptr) };
        if raw.is_null() {
            return Err(failed("GTK made no print dialog".into()));
        }
        let dialog: gtk::Dialog = unsafe { gtk::Dialog::from_glib_none(raw as *mut gffi::GtkDialog) };
        let settings = LAST.with(|last| last.borrow().clone()).unwrap_or_default();
        // "Print to File" writes into the user's documents folder under the document's own name.
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "print.pdf".into());
        let folder = glib::user_special_dir(glib::UserDirectory::Documents).unwrap_or_else(glib::home_dir);
        if let Ok(uri) = glib::filename_to_uri(unused(&folder, &name), None) {
            settings.set("output-uri", Some(uri.as_str()));
        }
        settings.set("output-file-format", Some("pdf"));
        unsafe {
            gtk_print_unix_dialog_set_manual_capabilities(raw, GENERATE_PDF);
            gtk_print_unix_dialog_set_settings(raw, settings.to_glib_none().0);
        }
        dialog.set_modal(true);
        let response = dialog.run();
        let result = if response == gtk::ResponseType::Ok {
            send(raw, path, title, done)
        } else {
            let _ = done.send(Ok(PrintOutcome::Cancelled));
            Ok(())
        };
        // SAFETY: the dialog is ours to destroy; nothing refers to it after this.
        unsafe { dialog.destroy() };
        result
    }

    /// `folder/name`, or `name (2)`, `name (3)`… when taken: printing twice does not ask to
    /// replace the first file.
    fn unused(folder: &Path, name: &str) -> std::path::PathBuf {
        let first = folder.join(name);
        if !first.exists() {
            return first;
        }
        let stem = Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        (2..1000).map(|n| folder.join(format!("{stem} ({n}).pdf"))).find(|p| !p.exists()).unwrap_or(first)
    }

    /// Sends the file to the printer chosen in `dialog`.
    fn send(dialog: *mut gffi::GtkWidget, path: &Path, title: &str, done: Sender<Answer>) -> Result<(), ApiError> {
        // SAFETY: `dialog` is alive (destroyed by the caller after this returns); the printer and
        // the page setup are the dialog's (transfer none), the settings a new copy (transfer full).
        unsafe {
            let printer = gtk_print_unix_dialog_get_selected_printer(dialog);
            if printer.is_null() {
                let _ = done.send(Ok(PrintOutcome::Cancelled));
                return Ok(());
            }
            let printer_name = CStr::from_ptr(gtk_printer_get_name(printer)).to_string_lossy().into_owned();
            if gtk_printer_accepts_pdf(printer) == glib::ffi::GFALSE {
                return Err(ApiError::new(
                    ErrorCode::PrintPrinterTakesNoPdf,
                    format!("the printer {printer_name:?} does not accept PDF"),
                ));
            }
            let settings = gtk::PrintSettings::from_glib_full(gtk_print_unix_dialog_get_settings(dialog));
            // "Print to File" (a virtual printer) writes where its settings say.
            let written = if gtk_printer_is_virtual(printer) == glib::ffi::GFALSE {
                None
            } else {
                settings
                    .get("output-uri")
                    .and_then(|uri| glib::filename_from_uri(&uri).ok())
                    .map(|(path, _)| path.display().to_string())
            };
            LAST.with(|last| *last.borrow_mut() = Some(settings.clone()));
            let page_setup = gtk_print_unix_dialog_get_page_setup(dialog);
            let c_title = CString::new(title.replace('\0', "")).unwrap_or_default();
            let job = gtk_print_job_new(c_title.as_ptr(), printer, settings.to_glib_none().0, page_setup);
            if job.is_null() {
                return Err(failed("GTK made no print job".into()));
            }
            let file = CString::new(path.as_os_str().as_encoded_bytes())
                .map_err(|_| failed("the file's path holds a NUL".into()))?;
            let mut error: *mut glib::ffi::GError = std::ptr::null_mut();
            if gtk_print_job_set_source_file(job, file.as_ptr(), &mut error) == glib::ffi::GFALSE {
                let message = glib::Error::from_glib_full(error).to_string();
                glib::gobject_ffi::g_object_unref(job as *mut _);
                return Err(failed(format!("the printing system refused {}: {message}", path.display())));
            }
            let pending = Box::into_raw(Box::new(Pending { done, printer: printer_name, file: written }));
            gtk_print_job_send(job, job_done, pending as *mut c_void, None);
        }
        Ok(())
    }

    /// Called once by GTK when the job has been handed over (or has failed).
    unsafe extern "C" fn job_done(job: *mut GtkPrintJob, data: *mut c_void, error: *const glib::ffi::GError) {
        // SAFETY: `data` is the Box made in `send`, given to GTK for this one call.
        let pending = Box::from_raw(data as *mut Pending);
        let answer = if error.is_null() {
            Ok(PrintOutcome::Sent { printer: pending.printer, file: pending.file })
        } else {
            let message = glib::Error::from_glib_none(error).to_string();
            Err(failed(format!("the printer {:?} refused the job: {message}", pending.printer)))
        };
        let _ = pending.done.send(answer);
        // Our reference from gtk_print_job_new; the backend holds its own while it works.
        glib::gobject_ffi::g_object_unref(job as *mut _);
    }
}
