/** Reading what staff typed into a form (the admin console's and the staff sign-in's forms). */

/** The form's fields by name, as text (FormData; a file field gives its file name). */
export function formFields(form: HTMLFormElement): Record<string, string> {
  return Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
}

/** A submit handler's first step: the app handles the form itself (no page load), and gets its fields. */
export function submittedFields(event: SubmitEvent): Record<string, string> {
  event.preventDefault();
  return formFields(event.target as HTMLFormElement);
}
