// A form never submits what fails its own checks, and says so in the app's words, never in the
// browser's: every form has `novalidate` (no browser bubble in the system's language), and its
// submit handler starts with `if (!formReady(event)) return;`.

/** Stops the submit; `true` when every field passes its checks (required, maxlength, a date
 *  field's own check through its custom validity). Otherwise marks the form as tried (the CSS
 *  then outlines the bad fields and shows the form's `FormHint`), lets each bad field show its
 *  own message (the `invalid` event), and puts the cursor in the first one. */
export function formReady(event: SubmitEvent): boolean {
  event.preventDefault();
  const form = event.currentTarget;
  if (!(form instanceof HTMLFormElement)) return true;
  form.dataset.tried = 'true';
  if (form.checkValidity()) return true;
  const first = Array.from(form.elements).find(
    (el): el is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement =>
      (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) &&
      !el.validity.valid,
  );
  first?.focus();
  return false;
}
