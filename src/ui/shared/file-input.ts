/**
 * `<input type="file">` wiring shared by the admin panels: the chosen file goes to the handler
 * and the input is cleared, so choosing the same file again (after fixing it) fires again.
 */
export function onFile(handler: (file: File) => void) {
  return (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) handler(file);
  };
}
