/**
 * Every kiosk step after the start screen. The start screen is all the first paint needs
 * (`shell.first_load_js_gzip_kb`), so `<kofu-kiosk-home>` loads these right after it and waits
 * for them before はじめる leaves the start screen.
 */
import './kiosk-terms.ts';
import './kiosk-reader.ts';
import './kiosk-card.ts';
import './kiosk-pin.ts';
import './kiosk-locked.ts';
import './kiosk-choose.ts';
import './kiosk-options.ts';
import './kiosk-confirm.ts';
import './kiosk-issuing.ts';
import './kiosk-card-return.ts';
import './kiosk-print.ts';
import './kiosk-not-printed.ts';
import './kiosk-end.ts';
import './kiosk-error.ts';
